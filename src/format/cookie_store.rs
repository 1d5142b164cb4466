//! The JSON files of the [`cookie_store`](https://docs.rs/cookie_store)
//! crate, the jar behind reqwest's and ureq's cookies (feature `serde`):
//! what `reqwest_cookie_store` users save with
//! `cookie_store::serde::json::save` (a JSON array, cookie_store 0.21 and
//! later) or the older `CookieStore::save_json` (one JSON object a line).
//! [`Format::CookieStore`](super::Format::CookieStore) and
//! [`Format::CookieStoreLines`](super::Format::CookieStoreLines) read
//! both; the first writes the array, which
//! `cookie_store::serde::json::load` reads, the second a record a line,
//! which the older `CookieStore::load_json` reads. [`Format::detect`](super::Format::detect)
//! tells them apart, so a [`FileCookieJar`](crate::FileCookieJar) saves a
//! file in the form it had.
//!
//! # Moving from cookie_store
//!
//! ```no_run
//! use cookiejar::format::{Format, Retain};
//! use cookiejar::FileCookieJar;
//! # fn main() -> Result<(), cookiejar::Error> {
//! // The file reqwest_cookie_store saved with cookie_store::serde::json::save.
//! let jar = FileCookieJar::builder("cookies.json")
//!     // Say which form: a first run has no file to tell it from (and
//!     // `.json` alone means this crate's own JSON).
//!     .format(Format::CookieStore)
//!     // cookie_store's `load` keeps session cookies; this crate's
//!     // defaults, like Python's, skip them.
//!     .session_cookies(Retain::Keep)
//!     .build();
//! jar.load_if_exists()?;
//! // ... reqwest::Client::builder().cookie_provider(Arc::new(jar)) ...
//! # Ok(()) }
//! ```
//!
//! cookie_store's calls and their options here:
//!
//! | cookie_store | here |
//! |---|---|
//! | `serde::json::load` | [`LoadOptions`](super::LoadOptions) with `session(Retain::Keep)` (expired cookies are skipped, as there) |
//! | `serde::json::load_all` | `LoadOptions` with `session(Retain::Keep)` and `expired(Retain::Keep)` |
//! | `serde::json::save` | [`SaveOptions::default()`](super::SaveOptions) (no session or expired cookies) |
//! | `serde::json::save_incl_expired_and_nonpersistent` | `SaveOptions` with `session(Retain::Keep)` and `expired(Retain::Keep)` |
//! | `CookieStore::save_json` / `load_json` (deprecated) | [`Format::CookieStoreLines`](super::Format::CookieStoreLines), same options |
//!
//! An empty file, which `save_json` writes for no cookies, reads as no
//! cookies in both formats. Nothing in it tells its form: a
//! [`FileCookieJar`](crate::FileCookieJar) that read or saved the file in
//! the older form keeps to it, but a new one must be told
//! (`.format(Format::CookieStoreLines)`), or it goes by the extension.
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
//! `Partitioned` is read and written as a flag: cookie_store, like this
//! jar, does not keep partitions apart. Nor are the legacy fields kept
//! (a version-1 cookie comes back as a plain one, sent without
//! `$Version`, as cookie_store sends it).
//! [`Format::Json`](super::Format::Json) reads these files too: a file
//! whose first record has a `raw_cookie` key is read as one.
//!
//! # Writing
//!
//! [`write()`] writes the array as cookie_store does, pretty-printed;
//! [`write_lines`] a record a line, compact, as `save_json` does.
//! `raw_cookie` is written as the `cookie` crate writes it for
//! cookie_store, with `Domain` for a domain cookie, `Path` when the path
//! came from the attribute (neither when it holds a `;`) and `Expires`
//! (whole seconds); but without the `Secure` that crate adds to every
//! `Partitioned` cookie. cookie_store keeps whole
//! seconds too: expiries are written rounded down, from year 0 to 9999.
//! A cookie cookie_store could not read back as the same cookie is left
//! out (see [`Unwritable`](super::Unwritable)):
//!
//! - one without a name, or set without `=`: the `cookie` crate refuses
//!   `=v` and `v`;
//! - one whose name holds `=` or `;`, whose value holds `;`, or either of
//!   which starts or ends with white space (which the `cookie` crate
//!   trims);
//! - a cookie limited to ports (RFC 2965 `Port`): cookie_store would
//!   send it to every port;
//! - of a host-only cookie and a domain cookie with the same domain, path
//!   and name (two cookies to RFC 6265bis §5.7, one to cookie_store),
//!   the older.
//!
//! The tests load what this module writes into `cookie_store` itself and
//! compare the `Cookie` headers both jars send.

use std::borrow::Cow;
use std::io::Write;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::lwp::parse_iso;
use super::{SaveOptions, SaveReport, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::parse::set_cookie::{parse_set_cookie, ParseLimits};
use crate::time_util::UnixTime;

/// A cookie record, as cookie_store's `Cookie` derives `Deserialize`;
/// its strings borrowed from the file where they have no escapes.
#[derive(Deserialize)]
pub(super) struct RecordIn<'a> {
    #[serde(borrow)]
    raw_cookie: Text<'a>,
    #[serde(borrow)]
    path: (Text<'a>, bool),
    #[serde(borrow)]
    domain: DomainIn<'a>,
    #[serde(borrow)]
    expires: ExpiresIn<'a>,
}

/// cookie_store's `CookieDomain`.
#[derive(Deserialize)]
enum DomainIn<'a> {
    HostOnly(#[serde(borrow)] Text<'a>),
    Suffix(#[serde(borrow)] Text<'a>),
    NotPresent,
    Empty,
}

/// cookie_store's `CookieExpiration`.
#[derive(Deserialize)]
enum ExpiresIn<'a> {
    AtUtc(#[serde(borrow)] Text<'a>),
    SessionEnd,
}

/// A JSON string, borrowed from the file unless it has escapes (serde's
/// `Cow<str>` always copies, and `&str` refuses escapes).
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(Visit)
    }
}

/// Whether a JSON object (a record's text) is a cookie_store record: it
/// has a `raw_cookie` key.
pub(super) fn is_record(record: &str) -> bool {
    // Through a map, so that a key given twice (which a struct refuses)
    // does not hide the record.
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(record)
        .is_ok_and(|m| m.contains_key("raw_cookie"))
}

/// Reads `text`, a JSON array, as cookie_store's array in one pass, if
/// every element reads as a record (`None` otherwise: the caller reads
/// it record by record, for each one's own error). A record's line is
/// found only for a message, by scanning the array.
pub(super) fn read_array(text: &str, sink: &mut Sink<'_>) -> Option<Result<(), Error>> {
    let records: Vec<RecordIn<'_>> = serde_json::from_str(text).ok()?;
    let starts = std::cell::OnceCell::new();
    // Records come in order: each line is counted on from the last one
    // asked for, so that a file of many messages is read in one scan.
    let lines = std::cell::RefCell::new(super::json::LineCounter::new(text));
    let line_of = |i: usize| {
        let starts = starts.get_or_init(|| crate::json_scan::element_offsets(text, None));
        lines
            .borrow_mut()
            .line_at(starts.get(i).copied().unwrap_or(0))
    };
    for (i, record) in records.into_iter().enumerate() {
        sink.at_record(i + 1);
        match cookie_of(record, sink.now_time) {
            Ok(cookie) => sink.push_at(|| line_of(i), cookie),
            Err(message) => {
                if let Err(e) = sink.refuse(line_of(i), message) {
                    return Some(Err(e));
                }
            }
        }
    }
    Some(Ok(()))
}

/// The lines of `text` as `BufRead::lines` gives them to cookie_store's
/// `load_json`: split at `\n`, a `\r` before it dropped (a lone `\r` is
/// JSON white space, not a line end), numbered from 1, blank ones left
/// out.
fn json_lines(text: &str) -> impl Iterator<Item = (u64, &str)> + Clone {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim_ascii().is_empty())
}

/// Reads `text` as cookie_store's older file (`CookieStore::save_json`),
/// one JSON object a line, if it is one: its first line that is not
/// blank is a whole record, or (records pretty-printed one after the
/// other, as `jq .` prints such a file) its first JSON value is.
pub(super) fn read_lines_if(text: &str, sink: &mut Sink<'_>) -> Option<Result<(), Error>> {
    let (_, first) = json_lines(text).next()?;
    let records = is_record(first) || first_value(text).is_some_and(|v| is_record(v.get()));
    records.then(|| read_lines(text, sink))
}

/// The first JSON value of `text`, if it reads as one.
fn first_value(text: &str) -> Option<&serde_json::value::RawValue> {
    let mut values =
        serde_json::Deserializer::from_str(text).into_iter::<&serde_json::value::RawValue>();
    values.next()?.ok()
}

/// Reads `text` as cookie_store's older file, one JSON object a line.
/// Each line is read alone, as cookie_store reads it, so that lenient
/// reading skips a broken line (a file cut short) and keeps the others.
/// Records pretty-printed one after the other (the first line not a
/// whole value, but the first value a record) are read as a stream of
/// values instead.
pub(super) fn read_lines(text: &str, sink: &mut Sink<'_>) -> Result<(), Error> {
    let first_line_whole = json_lines(text)
        .next()
        .is_none_or(|(_, l)| serde_json::from_str::<serde::de::IgnoredAny>(l).is_ok());
    if !first_line_whole && first_value(text).is_some_and(|v| is_record(v.get())) {
        return read_stream(text, sink);
    }
    for (n, line) in json_lines(text) {
        match super::json::read_record(line).and_then(|r| cookie_of(r, sink.now_time)) {
            Ok(cookie) => sink.push(n, cookie),
            Err(message) => sink.refuse(n, message)?,
        }
    }
    Ok(())
}

/// Reads `text` as cookie_store's records, JSON values one after the
/// other however they are laid out, each named by the line it starts
/// on. A value that is not JSON ends the reading: no line can be
/// trusted after it.
fn read_stream(text: &str, sink: &mut Sink<'_>) -> Result<(), Error> {
    let start = text.len() - text.strip_prefix('\u{feff}').unwrap_or(text).len();
    let values = serde_json::Deserializer::from_str(&text[start..])
        .into_iter::<&serde_json::value::RawValue>();
    let (mut line, mut pos) = (1u64, start);
    for value in values {
        let value = value.map_err(|e| super::json::json_error(&e, 1))?;
        let record = value.get();
        let at = (record.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        line += crate::bytes::count(&text.as_bytes()[pos..at.max(pos)], b'\n') as u64;
        pos = at.max(pos);
        match super::json::read_record(record).and_then(|r| cookie_of(r, sink.now_time)) {
            Ok(cookie) => sink.push(line, cookie),
            Err(message) => sink.refuse(line, message)?,
        }
    }
    Ok(())
}

/// The cookie of a record, made at `now`.
pub(super) fn cookie_of(r: RecordIn<'_>, now: UnixTime) -> Result<Cookie, String> {
    let raw = parse_set_cookie(r.raw_cookie.0.as_bytes(), &ParseLimits::NONE)
        .map_err(|e| format!("invalid raw_cookie: {e}"))?;
    if raw.name.is_empty() && raw.value.is_empty() {
        // RFC 6265bis §5.6 step 6 ignores it (cookie_store refuses it).
        return Err("raw_cookie has no name and no value".into());
    }
    // The parser splits at ASCII bytes, so the parts are text.
    let text = |b| std::str::from_utf8(b).map_err(|e| format!("invalid raw_cookie: {e}"));
    let (Text(domain), host_only) = match r.domain {
        DomainIn::HostOnly(d) => (d, true),
        DomainIn::Suffix(d) => (d, false),
        DomainIn::NotPresent => return Err("the cookie has no domain (\"NotPresent\")".into()),
        DomainIn::Empty => return Err("the cookie has no domain (\"Empty\")".into()),
    };
    let expires = match r.expires {
        ExpiresIn::SessionEnd => None,
        ExpiresIn::AtUtc(Text(t)) => Some(
            parse_iso(&t)
                .map(UnixTime::from)
                .ok_or_else(|| format!("invalid time {t:?} in `expires`"))?,
        ),
    };
    let (Text(path), path_specified) = r.path;
    let initial_dot = domain.starts_with('.');
    Ok(Cookie {
        nv: NameValue::new(text(raw.name)?, text(raw.value)?),
        domain: domain.strip_prefix('.').unwrap_or(&domain).into(),
        host_only,
        path: (*path).into(),
        expires,
        creation: now,
        last_access: now,
        secure: raw.secure,
        http_only: raw.http_only,
        same_site: raw.same_site.unwrap_or_default(),
        partitioned: raw.partitioned,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            path_specified,
            domain_initial_dot: initial_dot,
            ..LegacyParts::default()
        }
        .into(),
    })
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
    let mut text = String::with_capacity(20);
    // Written digit by digit: `format!` took a third of a save.
    let year = t.year().unsigned_abs();
    push_2(&mut text, year / 100);
    push_2(&mut text, year % 100);
    text.push('-');
    push_2(&mut text, u8::from(t.month()).into());
    text.push('-');
    push_2(&mut text, t.day().into());
    text.push('T');
    push_time(&mut text, t);
    text.push('Z');
    (t, text)
}

/// `n` (below 100) in two digits.
fn push_2(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `HH:MM:SS` of `t`.
fn push_time(out: &mut String, t: OffsetDateTime) {
    push_2(out, t.hour().into());
    out.push(':');
    push_2(out, t.minute().into());
    out.push(':');
    push_2(out, t.second().into());
}

impl<'a> RecordOut<'a> {
    fn of(c: &'a Cookie) -> RecordOut<'a> {
        let expiry = c.expires.map(expiry_text);
        RecordOut {
            raw_cookie: raw_cookie(c, expiry.as_ref().map(|(t, _)| *t)),
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

/// `raw_cookie` as the `cookie` crate writes a cookie (cookie_store
/// writes it so): `name=value`, then `HttpOnly`, `SameSite`,
/// `Partitioned`, `Secure`, `Path`, `Domain` and `Expires`, in that
/// order. Written here, since that crate adds `Secure` to every
/// `Partitioned` cookie. `Path` and `Domain` are left out where a `;`
/// would end them early (the attribute after it would be read:
/// `Path=/a; Secure`), and `Expires` before year 1.
fn raw_cookie(c: &Cookie, expiry: Option<OffsetDateTime>) -> String {
    let (name, value) = (c.name(), c.value());
    let mut raw = String::with_capacity(name.len() + value.len() + 96);
    raw.push_str(name);
    raw.push('=');
    raw.push_str(value);
    if c.http_only {
        raw.push_str("; HttpOnly");
    }
    raw.push_str(match c.same_site {
        SameSite::Default => "",
        SameSite::None => "; SameSite=None",
        SameSite::Lax => "; SameSite=Lax",
        SameSite::Strict => "; SameSite=Strict",
    });
    if c.partitioned {
        raw.push_str("; Partitioned");
    }
    if c.secure {
        raw.push_str("; Secure");
    }
    if c.legacy.path_specified && !c.path.contains(';') {
        raw.push_str("; Path=");
        raw.push_str(&c.path);
    }
    if !c.host_only && !c.domain.contains(';') {
        raw.push_str("; Domain=");
        raw.push_str(&c.domain);
    }
    if let Some(t) = expiry.filter(|t| t.year() >= 1) {
        // The `cookie` crate's form: `Tue, 03 Aug 2100 00:38:37 GMT`.
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        raw.push_str("; Expires=");
        raw.push_str(DAYS[usize::from(t.weekday().number_days_from_monday())]);
        raw.push_str(", ");
        push_2(&mut raw, t.day().into());
        raw.push(' ');
        raw.push_str(MONTHS[usize::from(u8::from(t.month()) - 1)]);
        raw.push(' ');
        // No padding, as the `cookie` crate writes it (years 1 to 9999).
        let year = t.year().unsigned_abs();
        for unit in [1000, 100, 10, 1] {
            if year >= unit || unit == 1 {
                raw.push(char::from(b'0' + (year / unit % 10) as u8));
            }
        }
        raw.push(' ');
        push_time(&mut raw, t);
        raw.push_str(" GMT");
    }
    raw
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
    } else if super::port_limited(c) {
        Some("it is limited to ports, and cookie_store would send it to every port")
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
    let (kept, report) = writable(cookies, options, now)?;
    super::json::write_json(&super::json::Records(kept, RecordOut::of), out)?;
    Ok(report)
}

/// Writes cookies as cookie_store's older file (see the [module
/// docs](self)): a record a line, as `CookieStore::save_json` writes
/// them (nothing at all for no cookies), leaving out what [`write()`]
/// leaves out.
///
/// # Errors
///
/// As [`write()`].
pub fn write_lines(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let (kept, report) = writable(cookies, options, now)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    for c in kept {
        serde_json::to_writer(&mut w, &RecordOut::of(c)).map_err(super::json::write_error)?;
        w.write_all(b"\n").map_err(|e| Error::io(None, e))?;
    }
    w.flush().map_err(|e| Error::io(None, e))?;
    Ok(report)
}

/// The cookies of `cookies` that `options` keeps and cookie_store's files
/// can hold (see [Writing](self#writing)), and the report of the others.
fn writable<'c>(
    cookies: &'c [Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
) -> Result<(Vec<&'c Cookie>, SaveReport), Error> {
    super::json::writable_once_per_key(cookies, options, now, unwritable, "cookie_store")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `raw_cookie` is the `cookie` crate's text for the same cookie (as
    /// cookie_store writes it), but for the `Secure` that crate adds to a
    /// `Partitioned` cookie.
    #[test]
    fn raw_cookie_is_the_cookie_crates_text() {
        let times = [
            None,
            Some(-62_135_596_800),
            Some(-61_000_000_000),
            Some(0),
            Some(4_121_545_117),
            Some(253_402_300_799),
        ];
        let same_sites = [
            SameSite::Default,
            SameSite::None,
            SameSite::Lax,
            SameSite::Strict,
        ];
        for bits in 0..64u32 {
            for same_site in same_sites {
                for secs in times {
                    let bit = |i: u32| bits & (1 << i) != 0;
                    let expires = secs.map(|s| OffsetDateTime::from_unix_timestamp(s).unwrap());
                    let c = crate::Cookie::builder("n", "v=1")
                        .domain("example.com")
                        .host_only(bit(0))
                        .path(if bit(1) { "/a;b" } else { "/a" })
                        .path_specified(bit(2))
                        .secure(bit(3))
                        .http_only(bit(4))
                        .partitioned(bit(5))
                        .same_site(same_site)
                        .expires(expires)
                        .build();
                    let mut theirs = cookie::Cookie::new("n", "v=1");
                    theirs.set_http_only(c.http_only.then_some(true));
                    theirs.set_same_site(match same_site {
                        SameSite::Default => None,
                        SameSite::None => Some(cookie::SameSite::None),
                        SameSite::Lax => Some(cookie::SameSite::Lax),
                        SameSite::Strict => Some(cookie::SameSite::Strict),
                    });
                    theirs.set_secure(c.secure);
                    theirs.set_partitioned(c.partitioned.then_some(true));
                    if c.legacy.path_specified && !bit(1) {
                        theirs.set_path("/a");
                    }
                    if !c.host_only {
                        theirs.set_domain("example.com");
                    }
                    let expiry = c.expires.map(expiry_text).map(|(t, _)| t);
                    if let Some(t) = expiry.filter(|t| t.year() >= 1) {
                        theirs.set_expires(t);
                    }
                    let mut want = theirs.to_string();
                    if c.partitioned && !c.secure {
                        want = want.replacen("; Secure", "", 1);
                    }
                    assert_eq!(
                        raw_cookie(&c, expiry),
                        want,
                        "{bits} {same_site:?} {secs:?}"
                    );
                }
            }
        }
    }
}
