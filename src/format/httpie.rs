//! [HTTPie](https://httpie.io/)'s session file (feature `serde`): the
//! JSON object `http --session=NAME` keeps (in
//! `~/.config/httpie/sessions/HOST_PORT/NAME.json`, or a path given to
//! `--session`), with the session's headers, its authentication and its
//! cookies. [`Format::Httpie`](super::Format::Httpie) reads and writes
//! it; [`Format::detect`](super::Format::detect) knows it by its
//! `__meta__` key (`"about": "HTTPie session file"`).
//!
//! ```json
//! {
//!     "__meta__": {"about": "HTTPie session file", "help": "https://httpie.io/docs#sessions", "httpie": "3.2.1"},
//!     "auth": {"raw_auth": null, "type": null},
//!     "cookies": [
//!         {"domain": "shop.example", "expires": null, "name": "sid", "path": "/", "secure": true, "value": "abc"},
//!         {"domain": ".example", "expires": 1827619200, "name": "lang", "path": "/", "secure": false, "value": "en"}
//!     ],
//!     "headers": [{"name": "X-Api", "value": "1"}]
//! }
//! ```
//!
//! HTTPie keeps its cookies in Python's `http.cookiejar` (through
//! requests); the file holds six of each cookie's attributes:
//!
//! | Key | Read as |
//! |---|---|
//! | `name`, `value` | name and value, as HTTPie keeps them: each character one byte of the header (Latin-1), so `caf\u00c3\u00a9` is the UTF-8 `café`; text with a character past U+00FF (an edited file) is taken as it is; a `value` of `null` is no cookie (HTTPie drops it) |
//! | `domain` | with a leading dot, a domain cookie (`Domain=`); without, host-only (a single-label host such as `localhost` is written `localhost.local`, as Python's jar keys it); empty or `null`: see below |
//! | `path` | the path; `/` when absent |
//! | `secure` | [`Cookie::secure`] |
//! | `expires` | Unix seconds; `null` or absent: a session cookie |
//!
//! `HttpOnly`, `SameSite` and the creation and last-access times are not
//! kept: a read cookie has none, and was created at the `now` of
//! [`read`](super::read), in the file's order.
//!
//! **A cookie without a domain** goes, for HTTPie, to every host: HTTPie
//! before 3.1 kept its cookies by name alone (an object, not a list, which
//! 3.2 still reads and keeps), and a `Cookie` header given on its command
//! line becomes such a cookie. The jar keeps no cookie for every host,
//! so one is skipped (in every mode), unless bound to the host the
//! session is for, as HTTPie's `httpie cli sessions upgrade --bind-cookies`
//! binds them: [`read_bound`] (`cookiejar convert --bind-host HOST`)
//! reads each as a host-only cookie of that host. A save over the session
//! keeps them (see [Writing](self#writing)).
//!
//! **Host-only cookies.** HTTPie writes a host-only cookie's domain
//! without a dot, but sends it to the host's subdomains too (Python's
//! jar matches a domain so); the file says which it is, and the jar
//! sends it to its host alone.
//!
//! # Writing
//!
//! [`write()`] writes what HTTPie 3.2 writes: the list of cookies with the
//! keys above, four spaces of indentation, keys in order, non-ASCII
//! escaped (`\u00c3`). Over an existing session file, [`super::write_file`]
//! keeps its `auth`, `headers` and `__meta__` (and any other key), and
//! its cookies without a domain, first, as they were (those of the layout
//! before 3.1 as `httpie cli sessions upgrade` writes them: a list entry
//! with its `name` and a `null` domain), but for those the save options
//! leave out (session or expired cookies, counted as the jar's) and
//! those the jar holds bound to a host ([`read_bound`]: a host-only
//! cookie of the same name, value and path); a new
//! file has no headers, no authentication and HTTPie 3.2.1's `__meta__`.
//! Left out (see [`Unwritable`](super::Unwritable)): a partitioned or
//! port-limited cookie, which HTTPie would send to every site; a cookie
//! without a name, which HTTPie would send as `=value`; a host-only
//! cookie of a host `NAME.local` of two labels (an mDNS name), which the
//! file would write as the host `NAME`'s; and, of two
//! cookies of one domain, path and name, the older. `HttpOnly` and
//! `SameSite` are not written (HTTPie keeps neither; the cookies that
//! lose a `SameSite` are counted in
//! [`SaveReport::same_site_dropped`]), and HTTPie sends a
//! host-only cookie to its host's subdomains.
//!
//! `tests/data/httpie/` holds the session files HTTPie 3.2.1 and 3.0.2
//! wrote, and the `Cookie` headers each sent to eight URLs.

use std::io::Write;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use time::OffsetDateTime;

use super::json::{self, Records};
use super::{LoadOptions, Loaded, SaveOptions, SaveReport, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue};
use crate::error::Error;
use crate::time_util::UnixTime;

/// What errors call a session file.
pub(super) const WHAT: &str = "httpie session file";

/// `__meta__.about` in every session file.
pub(super) const ABOUT: &str = "HTTPie session file";

/// The top level of a session file: its cookies, a list (HTTPie 3.1
/// and later) or an object by name (before).
#[derive(Deserialize)]
struct SessionIn<'a> {
    #[serde(borrow, default)]
    cookies: Option<&'a RawValue>,
}

/// A cookie's record; `name` is the key of an object of the old layout.
#[derive(Deserialize)]
struct RecordIn {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    secure: bool,
    #[serde(default)]
    expires: Option<f64>,
}

/// Text as HTTPie keeps a header's bytes (one character a byte, Latin-1),
/// as the UTF-8 text those bytes are; text with a character past U+00FF
/// is taken as it is. `None` for bytes that are not UTF-8.
fn from_latin1(text: String) -> Option<String> {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xff) {
        return Some(text);
    }
    let bytes: Vec<u8> = text.chars().map(|c| c as u8).collect();
    String::from_utf8(bytes).ok()
}

/// `text`'s UTF-8 bytes as HTTPie keeps them, a character each.
fn to_latin1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Reads a session file into `sink`, its cookies without a domain bound
/// to `bind` if given (else skipped).
fn read_binding(input: &[u8], bind: Option<&str>, sink: &mut Sink<'_>) -> Result<(), Error> {
    let text = json::text_of(input)?;
    let session: SessionIn<'_> =
        serde_json::from_str(text).map_err(|e| json::json_error_in(WHAT, &e, 1))?;
    let Some(cookies) = session.cookies else {
        return Ok(());
    };
    let records = records_of(cookies).map_err(|e| {
        let line = json::line_of(text, cookies.get());
        json::json_error_in(WHAT, &e, line)
    })?;
    let mut lines = json::LineCounter::new(text);
    for (n, (key, raw)) in records.into_iter().enumerate() {
        sink.at_record(n + 1);
        let record = raw.get();
        let line = lines.line_of(record);
        match json::read_record::<RecordIn>(record) {
            Ok(mut r) => {
                if let Some(key) = key {
                    r.name.get_or_insert(key);
                }
                match cookie_of(r, bind, sink.now_time) {
                    Ok(Some(cookie)) => sink.push(line, cookie),
                    Ok(None) => sink.skip(
                        line,
                        "no domain: HTTPie sends it to every host (bind it to the session's \
                         host: --bind-host)",
                    ),
                    Err(message) => sink.refuse(line, message)?,
                }
            }
            Err(message) => sink.refuse(line, message)?,
        }
    }
    Ok(())
}

/// The records of a session's `cookies`: a list's (3.1 and later), or an
/// object's, each with its key (the name, before 3.1).
fn records_of(cookies: &RawValue) -> Result<Vec<(Option<String>, &RawValue)>, serde_json::Error> {
    match cookies.get().trim_start().as_bytes() {
        [b'[', ..] => serde_json::from_str::<Vec<&RawValue>>(cookies.get())
            .map(|v| v.into_iter().map(|r| (None, r)).collect()),
        _ => serde_json::from_str::<json::Entries<&RawValue>>(cookies.get())
            .map(|e| e.0.into_iter().map(|(k, r)| (Some(k), r)).collect()),
    }
}

/// The records of the session file `existing` whose cookies have no
/// domain, which HTTPie sends to every host and a read skips (see the
/// [module docs](self)), for a save over the file to keep: as list
/// entries, an entry of the layout before 3.1 with its key as its `name`
/// and a `null` domain, as `httpie cli sessions upgrade` writes it. None
/// for a file that does not read.
pub(super) fn unbound_records(existing: &[u8]) -> Vec<serde_json::Value> {
    use serde_json::Value;
    let Some(cookies) = json::text_of(existing)
        .ok()
        .and_then(|text| serde_json::from_str::<SessionIn<'_>>(text).ok())
        .and_then(|session| session.cookies)
    else {
        return Vec::new();
    };
    let Ok(records) = records_of(cookies) else {
        return Vec::new();
    };
    let mut unbound = Vec::new();
    for (key, raw) in records {
        let Ok(mut r) = json::read_record::<RecordIn>(raw.get()) else {
            continue;
        };
        if let Some(key) = &key {
            r.name.get_or_insert_with(|| key.clone());
        }
        // Only what a read skips for want of a domain (not a record it
        // refuses).
        if !matches!(cookie_of(r, None, UnixTime::from_secs(0)), Ok(None)) {
            continue;
        }
        let Ok(Value::Object(mut record)) = serde_json::from_str::<Value>(raw.get()) else {
            continue;
        };
        if let Some(key) = key {
            record.entry("name").or_insert(Value::String(key));
            record.entry("domain").or_insert(Value::Null);
        }
        unbound.push(Value::Object(record));
    }
    unbound
}

/// Reads a session file into `sink`.
pub(super) fn read_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    read_binding(input, None, sink)
}

/// Reads a session file as [`read`](super::read) reads it, each cookie
/// without a domain (see the [module docs](self)) read as a host-only
/// cookie of `host`: the host the session is for (its folder's name in
/// HTTPie's configuration, `example.com_8080` for `example.com:8080`), as
/// `httpie cli sessions upgrade --bind-cookies` binds them.
///
/// # Errors
/// As [`read`](super::read).
pub fn read_bound(
    input: &[u8],
    host: &str,
    options: &LoadOptions,
    now: OffsetDateTime,
) -> Result<Loaded, Error> {
    let mut sink = Sink::new(WHAT, super::Format::Httpie, options, now);
    read_binding(input, Some(host), &mut sink)?;
    Ok(sink.finish())
}

/// The cookie of record `r`; `None` for one without a domain and no
/// host to bind it to.
fn cookie_of(r: RecordIn, bind: Option<&str>, now: UnixTime) -> Result<Option<Cookie>, String> {
    let name = r
        .name
        .and_then(from_latin1)
        .ok_or("the cookie has no name, or one that is not UTF-8")?;
    let value = match r.value {
        Some(v) => from_latin1(v).ok_or("the value is not UTF-8")?,
        None => return Err("the value is null (HTTPie drops the cookie)".into()),
    };
    let domain = r.domain.unwrap_or_default().to_ascii_lowercase();
    let (domain, host_only) = match (domain.strip_prefix('.'), bind) {
        (Some(d), _) if !d.is_empty() => (d.to_owned(), false),
        _ if !domain.is_empty() && domain != "." => {
            // Python's jar keys a single-label host as `HOST.local`.
            match domain.strip_suffix(".local") {
                Some(host) if !host.is_empty() && !host.contains('.') => (host.to_owned(), true),
                _ => (domain, true),
            }
        }
        (_, Some(host)) => (host.trim_end_matches('.').to_ascii_lowercase(), true),
        (_, None) => return Ok(None),
    };
    let expires = r.expires.map(secs);
    Ok(Some(Cookie {
        nv: NameValue::new(&name, &value),
        domain: domain.as_str().into(),
        host_only,
        path: r.path.as_deref().unwrap_or("/").into(),
        expires,
        creation: now,
        last_access: now,
        secure: r.secure,
        http_only: false,
        same_site: crate::SameSite::Default,
        partitioned: false,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts::default().into(),
    }))
}

/// Unix seconds as a time, clamped to what a cookie keeps: whole seconds
/// exactly (a nanosecond count in an `f64` would round the seconds of
/// far times), a fraction to the nanosecond.
fn secs(t: f64) -> UnixTime {
    if t.is_nan() {
        return UnixTime::from_secs(0);
    }
    let whole = t.floor();
    // Saturating casts: a time past the range clamps to its end.
    let nanos = ((t - whole) * 1e9) as u32;
    UnixTime::clamped(whole as i64, nanos.min(999_999_999))
}

/// Why HTTPie could not hold `c`, if it could not (see
/// [Writing](self#writing)), before the twins of a key.
fn unwritable(c: &Cookie) -> Option<&'static str> {
    let single_label_local = c
        .domain
        .strip_suffix(".local")
        .is_some_and(|host| !host.contains('.'));
    if c.legacy.value_absent || c.name().is_empty() {
        Some("it has no name, which HTTPie would send as `=value`")
    } else if c.host_only && single_label_local {
        Some("its host, `NAME.local`, is how the file writes the host `NAME`")
    } else {
        json::browser_refusal(c)
    }
}

/// A cookie as HTTPie 3.2 writes it.
struct RecordOut<'a>(&'a Cookie);

impl Serialize for RecordOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let domain = match (c.host_only, c.domain.contains('.')) {
            (false, _) => format!(".{}", &*c.domain),
            (true, true) => c.domain.to_string(),
            // As Python's jar keys a single-label host.
            (true, false) => format!("{}.local", &*c.domain),
        };
        let mut map = s.serialize_map(Some(6))?;
        map.serialize_entry("domain", &domain)?;
        map.serialize_entry("expires", &c.expires.map(|t| t.secs()))?;
        map.serialize_entry("name", &to_latin1(c.name()))?;
        map.serialize_entry("path", &*c.path)?;
        map.serialize_entry("secure", &c.secure)?;
        map.serialize_entry("value", &to_latin1(c.value()))?;
        map.end()
    }
}

/// A session file: the kept keys of the one replaced (or a new file's),
/// in order, with the cookies in `cookies`' place.
struct SessionOut<'a> {
    rest: Option<&'a json::StorageRest>,
    cookies: CookiesOut<'a>,
}

/// A session's cookies: those without a domain of the file replaced, then
/// the jar's.
struct CookiesOut<'a> {
    carried: Vec<&'a serde_json::Value>,
    kept: Records<'a, RecordOut<'a>>,
}

impl Serialize for CookiesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.carried.len() + self.kept.0.len()))?;
        for record in &self.carried {
            seq.serialize_element(record)?;
        }
        for &c in &self.kept.0 {
            seq.serialize_element(&(self.kept.1)(c))?;
        }
        seq.end()
    }
}

/// Of the records without a domain of the file a save replaces, those to
/// write again: those `options` keeps at `now` (`report` counts the
/// others as the jar's), but for those `kept` holds bound to a host, as
/// [`read_bound`] reads them (a host-only cookie of the same name, value
/// and path), so that a session converted onto itself with a host to
/// bind them to has them once.
fn carried<'a>(
    records: &'a [serde_json::Value],
    kept: &[&Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    report: &mut SaveReport,
) -> Vec<&'a serde_json::Value> {
    if records.is_empty() {
        return Vec::new();
    }
    let bound: std::collections::HashSet<(&str, &str, &str)> = kept
        .iter()
        .filter(|c| c.host_only)
        .map(|c| (c.name(), c.value(), &*c.path))
        .collect();
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        // As a cookie of some host, to ask what a jar's cookie is asked.
        let cookie = RecordIn::deserialize(record)
            .ok()
            .and_then(|r| cookie_of(r, Some("unbound"), UnixTime::from(now)).ok())
            .flatten();
        let Some(c) = cookie else {
            out.push(record);
            continue;
        };
        if !super::retained(&c, options.session, super::Retain::Keep, now) {
            report.session_left_out += 1;
        } else if !super::retained(&c, super::Retain::Keep, options.expired, now) {
            report.expired_left_out += 1;
        } else if !bound.contains(&(c.name(), c.value(), &*c.path)) {
            out.push(record);
        }
    }
    out
}

impl Serialize for SessionOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        let Some(rest) = self.rest else {
            map.serialize_entry(
                "__meta__",
                &serde_json::json!({
                    "about": ABOUT,
                    "help": "https://httpie.io/docs#sessions",
                    "httpie": "3.2.1",
                }),
            )?;
            map.serialize_entry("auth", &serde_json::json!({"raw_auth": null, "type": null}))?;
            map.serialize_entry("cookies", &self.cookies)?;
            map.serialize_entry("headers", &[(); 0])?;
            return map.end();
        };
        // HTTPie sorts the keys: `cookies` goes among them.
        let mut written = false;
        for (key, value) in rest.entries() {
            if !written && key > "cookies" {
                map.serialize_entry("cookies", &self.cookies)?;
                written = true;
            }
            map.serialize_entry(key, value)?;
        }
        if !written {
            map.serialize_entry("cookies", &self.cookies)?;
        }
        map.end()
    }
}

/// Writes cookies as HTTPie 3.2 writes a new session file (see
/// [Writing](self#writing)).
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
    write_keeping(cookies, options, now, None, out)
}

/// [`write`], with the other keys of a session file it replaces.
pub(super) fn write_keeping(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    rest: Option<&json::StorageRest>,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let (kept, mut report) =
        json::writable_once_per_key(cookies, options, now, unwritable, "HTTPie")?;
    // The file has no field for SameSite.
    report.same_site_dropped = kept
        .iter()
        .filter(|c| c.same_site() != crate::cookie::SameSite::Default)
        .count();
    let carried = match rest {
        Some(rest) => carried(&rest.carried, &kept, options, now, &mut report),
        None => Vec::new(),
    };
    let file = SessionOut {
        rest,
        cookies: CookiesOut {
            carried,
            kept: Records(kept, RecordOut),
        },
    };
    let mut w = json::Escaping::non_ascii(std::io::BufWriter::with_capacity(1 << 16, out));
    let mut ser = serde_json::Serializer::with_formatter(
        &mut w,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    file.serialize(&mut ser).map_err(json::write_error)?;
    w.write_all(b"\n").map_err(|e| Error::io(None, e))?;
    w.flush().map_err(|e| Error::io(None, e))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiries_keep_their_whole_seconds() {
        assert_eq!(secs(253_402_300_799.0).secs(), 253_402_300_799);
        assert_eq!(secs(1.5).subsec_nanos(), 500_000_000);
        assert_eq!(secs(-0.5).secs(), -1);
        assert_eq!(secs(f64::INFINITY).secs(), secs(1e300).secs());
        assert_eq!(secs(f64::NAN).secs(), 0);
    }

    #[test]
    fn latin1_text_round_trips_as_utf8() {
        assert_eq!(
            to_latin1("caf\u{e9} \u{2615}"),
            "caf\u{c3}\u{a9} \u{e2}\u{98}\u{95}"
        );
        assert_eq!(
            from_latin1("caf\u{c3}\u{a9} \u{e2}\u{98}\u{95}".into()).as_deref(),
            Some("caf\u{e9} \u{2615}")
        );
        // A byte that is no UTF-8; text no Latin-1 reading made.
        assert_eq!(from_latin1("caf\u{e9}".into()), None);
        assert_eq!(from_latin1("\u{2615}".into()).as_deref(), Some("\u{2615}"));
    }

    #[test]
    fn non_ascii_is_escaped_as_python_escapes_it() {
        let mut out = Vec::new();
        let mut w = json::Escaping::non_ascii(&mut out);
        w.write_all("a\u{e9}\u{2615}\u{1f36a}\"".as_bytes())
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\u00e9\\u2615\\ud83c\\udf6a\""
        );
    }
}
