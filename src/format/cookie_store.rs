//! The JSON files of the [`cookie_store`](https://docs.rs/cookie_store)
//! crate, the jar behind reqwest's and ureq's cookies (feature `serde`):
//! what `reqwest_cookie_store` users save with
//! `cookie_store::serde::json::save` (a JSON array, cookie_store 0.21 and
//! later) or the older `CookieStore::save_json` (one JSON object a line).
//! [`Format::CookieStore`](super::Format::CookieStore) reads both and
//! writes the array, which `cookie_store::serde::json::load` reads.
//!
//! A record, as cookie_store 0.22 writes it:
//!
//! ```json
//! [
//!   {
//!     "raw_cookie": "sid=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Domain=example.com; Expires=Wed, 01 Jan 2031 00:00:00 GMT",
//!     "path": ["/", true],
//!     "domain": { "Suffix": "example.com" },
//!     "expires": { "AtUtc": "2031-01-01T00:00:00Z" }
//!   }
//! ]
//! ```
//!
//! | Key | Read as |
//! |---|---|
//! | `raw_cookie` | the `Set-Cookie` text the cookie came from, parsed by RFC 6265bis §5.6: name, value, `Secure`, `HttpOnly`, `SameSite`, `Partitioned`; its `Domain`, `Path`, `Expires` and `Max-Age` are not read (the keys below hold what cookie_store decided) |
//! | `path` | `[path, from a Path attribute]`: [`Cookie::path`] and [`Cookie::path_specified`] |
//! | `domain` | `{"HostOnly": host}` (a host-only cookie) or `{"Suffix": domain}` (a domain cookie); `"NotPresent"` and `"Empty"` have no domain and are refused |
//! | `expires` | `{"AtUtc": RFC 3339 time}`, or `"SessionEnd"` for a session cookie |
//!
//! The file has no creation or last-access times: they are the `now` of
//! [`read`](super::read). Every key is required, as in cookie_store.
//! [`Format::Json`](super::Format::Json) reads these files too: a file
//! whose first record has a `raw_cookie` key is read as one.
//!
//! # Writing
//!
//! [`write()`] writes the array as cookie_store does, pretty-printed.
//! `raw_cookie` is written by the `cookie` crate, as cookie_store writes
//! it, with `Domain` for a domain cookie, `Path` when the path came from
//! the attribute (neither when it holds a `;`) and `Expires` (whole
//! seconds). cookie_store keeps whole
//! seconds too: expiries are written rounded down, from year 0 to 9999.
//! A cookie cookie_store could not read back as the same cookie is left
//! out (see [`Unwritable`](super::Unwritable)):
//!
//! - one without a name, or set without `=`: the `cookie` crate refuses
//!   `=v` and `v`;
//! - one whose name holds `=` or `;`, whose value holds `;`, or either of
//!   which starts or ends with white space (which the `cookie` crate
//!   trims);
//! - a partitioned (CHIPS) cookie: cookie_store has no partitions and
//!   would send it to every site;
//! - of a host-only cookie and a domain cookie with the same domain, path
//!   and name (two cookies to RFC 6265bis §5.7, one to cookie_store),
//!   the older.
//!
//! The tests load what this module writes into `cookie_store` itself and
//! compare the `Cookie` headers both jars send.

use std::collections::HashMap;
use std::io::Write;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::lwp::parse_iso;
use super::{SaveOptions, SaveReport};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::parse::set_cookie::{parse_set_cookie, ParseLimits};
use crate::time_util::UnixTime;

/// A cookie record, as cookie_store's `Cookie` derives `Deserialize`.
#[derive(Deserialize)]
pub(super) struct RecordIn {
    raw_cookie: String,
    path: (String, bool),
    domain: DomainIn,
    expires: ExpiresIn,
}

/// cookie_store's `CookieDomain`.
#[derive(Deserialize)]
enum DomainIn {
    HostOnly(String),
    Suffix(String),
    NotPresent,
    Empty,
}

/// cookie_store's `CookieExpiration`.
#[derive(Deserialize)]
enum ExpiresIn {
    AtUtc(String),
    SessionEnd,
}

/// Whether a JSON object (a record's text) is a cookie_store record: it
/// has a `raw_cookie` key.
pub(super) fn is_record(record: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        raw_cookie: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<Probe>(record).is_ok_and(|p| p.raw_cookie.is_some())
}

/// The cookie of a record, made at `now`.
pub(super) fn cookie_of(r: RecordIn, now: UnixTime) -> Result<Cookie, String> {
    let raw = parse_set_cookie(r.raw_cookie.as_bytes(), &ParseLimits::NONE)
        .map_err(|e| format!("invalid raw_cookie: {e}"))?;
    // The parser splits at ASCII bytes, so the parts are text.
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let (domain, host_only) = match r.domain {
        DomainIn::HostOnly(d) => (d, true),
        DomainIn::Suffix(d) => (d, false),
        DomainIn::NotPresent => return Err("the cookie has no domain (\"NotPresent\")".into()),
        DomainIn::Empty => return Err("the cookie has no domain (\"Empty\")".into()),
    };
    let expires = match r.expires {
        ExpiresIn::SessionEnd => None,
        ExpiresIn::AtUtc(t) => Some(
            parse_iso(&t)
                .map(UnixTime::from)
                .ok_or_else(|| format!("invalid time {t:?} in `expires`"))?,
        ),
    };
    let (path, path_specified) = r.path;
    let initial_dot = domain.starts_with('.');
    Ok(Cookie {
        nv: NameValue::new(&text(raw.name), &text(raw.value)),
        domain: domain.strip_prefix('.').unwrap_or(&domain).into(),
        host_only,
        path: path.into(),
        expires,
        creation: now,
        last_access: now,
        secure: raw.secure,
        http_only: raw.http_only,
        same_site: raw.same_site.unwrap_or_default(),
        partitioned: raw.partitioned,
        legacy: LegacyParts {
            path_specified,
            domain_initial_dot: initial_dot,
            ..LegacyParts::default()
        }
        .into(),
    })
}

/// The cookies of a file, each turned into its record only as it is
/// written.
struct Records<'a>(Vec<&'a Cookie>);

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|c| RecordOut::of(c)))
    }
}

#[derive(Serialize)]
struct RecordOut<'a> {
    raw_cookie: String,
    path: (&'a str, bool),
    domain: DomainOut<'a>,
    expires: ExpiresOut,
}

#[derive(Serialize)]
enum DomainOut<'a> {
    HostOnly(&'a str),
    Suffix(&'a str),
}

#[derive(Serialize)]
enum ExpiresOut {
    AtUtc(String),
    SessionEnd,
}

/// An expiry as cookie_store writes it: whole seconds, UTC, years 0 to
/// 9999 (its reader takes RFC 3339, which has no other years).
fn expiry_text(t: UnixTime) -> (OffsetDateTime, String) {
    /// 0000-01-01T00:00:00Z.
    const YEAR_0: i64 = -62_167_219_200;
    let t = UnixTime::from_secs(t.secs().clamp(YEAR_0, crate::time_util::MAX_UNIX)).to_datetime();
    let text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    (t, text)
}

impl<'a> RecordOut<'a> {
    fn of(c: &'a Cookie) -> RecordOut<'a> {
        let expiry = c.expires.map(expiry_text);
        let mut raw = cookie::Cookie::new(c.name(), c.value());
        raw.set_http_only(c.http_only.then_some(true));
        raw.set_same_site(match c.same_site {
            SameSite::Default => None,
            SameSite::None => Some(cookie::SameSite::None),
            SameSite::Lax => Some(cookie::SameSite::Lax),
            SameSite::Strict => Some(cookie::SameSite::Strict),
        });
        // Set either way: with `None`, the `cookie` crate writes `Secure`
        // after `SameSite=None`.
        raw.set_secure(c.secure);
        // Not where a `;` would end them early: the attribute after it
        // would be read from `raw_cookie` (`Path=/a; Secure`).
        if c.legacy.path_specified && !c.path.contains(';') {
            raw.set_path(&*c.path);
        }
        if !c.host_only && !c.domain.contains(';') {
            raw.set_domain(&*c.domain);
        }
        // The `cookie` crate writes only four-digit years.
        if let Some((t, _)) = expiry.as_ref().filter(|(t, _)| t.year() >= 1) {
            raw.set_expires(*t);
        }
        RecordOut {
            raw_cookie: raw.to_string(),
            path: (&c.path, c.legacy.path_specified),
            domain: match c.host_only {
                true => DomainOut::HostOnly(&c.domain),
                false => DomainOut::Suffix(&c.domain),
            },
            expires: match expiry {
                Some((_, text)) => ExpiresOut::AtUtc(text),
                None => ExpiresOut::SessionEnd,
            },
        }
    }
}

/// Why cookie_store could not read `c` back as the same cookie, if it
/// could not (see [Writing](self#writing)).
fn unwritable(c: &Cookie) -> Option<&'static str> {
    let (name, value) = (c.name(), c.value());
    let trimmed = |s: &str| s.trim().len() == s.len();
    if c.legacy.value_absent {
        Some("it was set without `=`, which cookie_store cannot hold")
    } else if name.is_empty() {
        Some("it has no name, which cookie_store cannot hold")
    } else if name.contains(['=', ';']) || value.contains(';') {
        Some("its name or value holds `=` or `;`")
    } else if !trimmed(name) || !trimmed(value) {
        Some("its name or value starts or ends with white space")
    } else if c.partitioned {
        Some("it is partitioned, and cookie_store would send it to every site")
    } else {
        None
    }
}

/// Writes cookies as cookie_store's JSON array (see the [module
/// docs](self)), leaving out the cookies it cannot hold (see
/// [`Unwritable`](super::Unwritable)).
///
/// # Errors
///
/// With [`Unwritable::Fail`](super::Unwritable::Fail), an
/// [`Unsupported`](crate::ErrorKind::Unsupported) error for a cookie the
/// file cannot hold; an [`Io`](crate::ErrorKind::Io) error from `out`.
pub fn write(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    // cookie_store keys its cookies by domain, path and name: of a host's
    // host-only cookie and its domain cookie of the same name and path
    // (two cookies in RFC 6265bis §5.7), it would keep the last read.
    let mut newest: HashMap<(&str, &str, &str), &Cookie> = HashMap::new();
    for c in super::to_save(cookies, options, now).filter(|c| unwritable(c).is_none()) {
        let key = (&*c.domain, &*c.path, c.name());
        match newest.get(&key) {
            Some(n) if n.creation > c.creation => {}
            _ => {
                newest.insert(key, c);
            }
        }
    }
    let refuse = |c: &Cookie| {
        unwritable(c).or_else(|| {
            let key = (&*c.domain, &*c.path, c.name());
            let shadowed = newest.get(&key).is_some_and(|n| !std::ptr::eq(*n, c));
            shadowed.then_some(
                "cookie_store holds one cookie per domain, path and name, and a newer one is written",
            )
        })
    };
    let (kept, report) = super::json::writable(cookies, options, now, refuse)?;
    super::json::write_json(&Records(kept), out)?;
    Ok(report)
}
