//! The serialized jar of Node's [`tough-cookie`](https://www.npmjs.com/package/tough-cookie)
//! (feature `serde`): what `CookieJar.serializeSync()` (or
//! `JSON.stringify(jar)`) gives and `CookieJar.deserializeSync()` (or
//! `CookieJar.fromJSON()`) takes back; the jar of jsdom, got and
//! axios-cookiejar-support. [`Format::ToughCookie`](super::Format::ToughCookie)
//! reads and writes it; [`Format::detect`](super::Format::detect) knows it
//! by its `version` (`"tough-cookie@6.1.0"`) or `storeType`.
//!
//! ```json
//! {
//!   "version": "tough-cookie@6.1.0",
//!   "storeType": "MemoryCookieStore",
//!   "rejectPublicSuffixes": true,
//!   "enableLooseMode": false,
//!   "allowSpecialUseDomain": true,
//!   "enforceSecureOriginOnStorage": true,
//!   "prefixSecurity": "silent",
//!   "cookies": [
//!     {
//!       "key": "sid",
//!       "value": "abc",
//!       "expires": "2027-12-01T00:00:00.000Z",
//!       "domain": "example.com",
//!       "path": "/",
//!       "secure": true,
//!       "httpOnly": true,
//!       "hostOnly": false,
//!       "creation": "2026-12-07T03:23:05.733Z",
//!       "lastAccessed": "2026-12-07T03:23:05.733Z",
//!       "sameSite": "lax"
//!     }
//!   ]
//! }
//! ```
//!
//! A cookie's keys, as tough-cookie's `Cookie.toJSON()` writes them (it
//! leaves out each one that holds its default):
//!
//! | Key | Read as |
//! |---|---|
//! | `key`, `value` | name and value; `""` when absent |
//! | `domain`, `path` | a cookie without them, or whose domain has a leading dot or capitals, is left out and listed in [`Loaded::skipped`](super::Loaded::skipped) (also in a strict read): tough-cookie never sends it |
//! | `hostOnly` | [`Cookie::host_only`]; absent or `null` is a domain cookie, as tough-cookie matches one |
//! | `expires` | an ISO 8601 time (`toISOString()`; an expanded year past 9999 is the latest time), an `Expires` date, or milliseconds; absent, `"Infinity"` or `null`: a session cookie |
//! | `maxAge` | seconds, relative, and before `expires` (below); `"Infinity"`: never expires (the latest time this crate holds); `0`, negative or `"-Infinity"`: expired |
//! | `creation`, `lastAccessed` | the times; absent: the `now` of [`read`](super::read) |
//! | `secure`, `httpOnly` | the flags; absent is `false` |
//! | `sameSite` | `strict`, `lax`, `none` (any case); absent: no `SameSite` |
//! | `pathIsDefault` | `true`: the path came from the request's URL ([`Cookie::path_specified`] is `false`) |
//! | `extensions` | the attributes tough-cookie does not know (`Priority=High`, and `Partitioned`, since it keeps no partitions): [`Cookie::other_attributes`] |
//!
//! **`maxAge`.** tough-cookie keeps a `Max-Age` attribute as it came,
//! and counts it from the cookie's creation up to 4.x, from its last
//! access from 5.0 on (so each lookup extends it there). A cookie's
//! expiry is counted the same way here, after the file's `version`
//! (from the creation when it names none), so that a file reads as the
//! tough-cookie that wrote it would use it at once. A cookie without
//! `lastAccessed` counts from its creation (tough-cookie 6 counts from
//! each check, so that it never expires), and one without either from
//! the `now` of the read.
//!
//! The jar's options (`rejectPublicSuffixes`, `prefixSecurity`, ...) are
//! tough-cookie's own, and not read.
//!
//! # Writing
//!
//! [`write()`] writes a jar as tough-cookie 6.1.0 serializes one, which
//! tough-cookie 4.x and later read: each cookie's expiry as `expires`
//! (an ISO time with milliseconds, years 0 to 9999), never as `maxAge`,
//! and the keys whose values are tough-cookie's defaults left out, as
//! `toJSON()` does. The top-level keys are tough-cookie 6.1.0's defaults
//! for a new `CookieJar`; a save over a tough-cookie file
//! ([`format::write_file`](super::write_file), as
//! [`FileCookieJar`](crate::FileCookieJar) and the `cookiejar` command
//! save) keeps that file's instead, as written. A partitioned cookie, or
//! one limited to ports, is left out (see
//! [`Unwritable`](super::Unwritable)): tough-cookie has no partitions
//! and no ports, and would send it to every site its domain matches.
//! A cookie set without `=` has its name as its value and an empty key,
//! as tough-cookie keeps it. Its other attributes are its `extensions`.
//! `pathIsDefault` is written for a cookie whose path was not specified,
//! which is every cookie read from a format that does not say (as
//! Python reads them), such as `cookies.txt`: tough-cookie only keeps
//! it. tough-cookie holds one cookie per domain,
//! path and name, and keeps the last it reads: of a host's host-only
//! cookie and its domain cookie of the same name and path (two cookies
//! here, as in RFC 6265bis §5.7), the newest is written and the other
//! left out. Legacy fields (version, port, comment) are
//! not written.
//!
//! `tests/data/tough-cookie/` holds what tough-cookie 6.1.0 and 4.1.4
//! serialized, and the `Cookie` headers they gave for eight URLs, which
//! a jar loaded from either file gives too.
//!
//! # tough-cookie-file-store
//!
//! [`Format::ToughCookieFileStore`](super::Format::ToughCookieFileStore)
//! reads and writes the file of the `tough-cookie-file-store` package's
//! `FileCookieStore` (2.x with tough-cookie 4, 3.x with tough-cookie 6),
//! which a `CookieJar` built on it rewrites at each change: the same
//! cookie objects, in objects by domain, then path, then name, and
//! nothing else:
//!
//! ```json
//! {"example.com":{"/":{"sid":{"key":"sid","value":"abc","domain":"example.com","path":"/","hostOnly":true,"creation":"2026-12-07T03:23:05.733Z","lastAccessed":"2026-12-07T03:23:05.733Z"}}}}
//! ```
//!
//! A cookie is read from its object, as the store reads it (a `domain`
//! or `path` it lacks is taken from where it is filed). The file names
//! no tough-cookie version: `maxAge` counts from the last access, as
//! tough-cookie 6 (which the current 3.x uses) counts it. It is written
//! as the store writes it, on one line without a line break, with what
//! [`write()`] leaves out left out, and one cookie per domain, path and
//! name (the newest). No cookie is `{}`, which does not tell its format: a
//! [`FileCookieJar`](crate::FileCookieJar) that read or saved the file
//! as this format keeps to it, but another must be told
//! (`.format(Format::ToughCookieFileStore)`).

use std::io::Write;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::json::{self, Records, StorageRest};
use super::lwp::parse_iso;
use super::{SaveOptions, SaveReport, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::time_util::{UnixTime, MAX_UNIX, MIN_UNIX};

/// The `version` a serialized jar starts with, before tough-cookie's
/// own version.
pub(super) const VERSION_PREFIX: &str = "tough-cookie@";

/// The top-level keys of a new tough-cookie 6.1.0 `CookieJar`'s
/// serialization, each with its value as JSON text, in its order.
const DEFAULT_JAR: [(&str, &str); 7] = [
    ("version", "\"tough-cookie@6.1.0\""),
    ("storeType", "\"MemoryCookieStore\""),
    ("rejectPublicSuffixes", "true"),
    ("enableLooseMode", "false"),
    ("allowSpecialUseDomain", "true"),
    ("enforceSecureOriginOnStorage", "true"),
    ("prefixSecurity", "\"silent\""),
];

/// How a file's `maxAge` counts (see [the module docs](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MaxAgeFrom {
    /// From the creation: tough-cookie up to 4.x, or no version named.
    Creation,
    /// From the last access: tough-cookie 5.0 and later.
    LastAccess,
}

impl MaxAgeFrom {
    /// How `maxAge` counts in a file of `version`.
    pub(super) fn of(version: Option<&str>) -> MaxAgeFrom {
        let major = version
            .and_then(|v| v.strip_prefix(VERSION_PREFIX))
            .and_then(|v| v.split('.').next())
            .and_then(|m| m.parse::<u32>().ok());
        match major {
            Some(m) if m >= 5 => MaxAgeFrom::LastAccess,
            _ => MaxAgeFrom::Creation,
        }
    }
}

/// A time as tough-cookie's `fromJSON` takes one: a string for
/// `new Date(...)` (its own ISO 8601, or `"Infinity"`), or milliseconds.
#[derive(Deserialize)]
#[serde(untagged)]
enum TimeIn {
    Text(String),
    Millis(f64),
}

/// `maxAge`: seconds, or `"Infinity"` / `"-Infinity"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum MaxAgeIn {
    Secs(f64),
    Text(String),
}

/// A cookie of a serialized jar, as `Cookie.toJSON()` writes it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RecordIn {
    #[serde(default)]
    key: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    expires: Option<TimeIn>,
    #[serde(default)]
    max_age: Option<MaxAgeIn>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    secure: bool,
    #[serde(default)]
    http_only: bool,
    #[serde(default)]
    extensions: Option<Vec<String>>,
    #[serde(default)]
    host_only: Option<bool>,
    #[serde(default)]
    path_is_default: Option<bool>,
    #[serde(default)]
    creation: Option<TimeIn>,
    #[serde(default)]
    last_accessed: Option<TimeIn>,
    #[serde(default)]
    same_site: Option<String>,
}

/// A time of `key`: `None` for `"Infinity"` (no time). Besides the
/// ISO 8601 times tough-cookie writes, JavaScript's expanded years
/// (`+275760-09-13T00:00:00.000Z`, past what this crate holds: its
/// latest or earliest time) and the dates of `Expires` attributes
/// (RFC 6265bis §5.1.1), which `new Date(...)` also takes.
fn time_of(t: TimeIn, key: &str) -> Result<Option<UnixTime>, String> {
    match t {
        TimeIn::Text(s) if s == "Infinity" => Ok(None),
        TimeIn::Text(s) => {
            let expanded = |sign: u8| {
                s.as_bytes().first() == Some(&sign)
                    && s.as_bytes()
                        .get(1..7)
                        .is_some_and(|y| y.iter().all(u8::is_ascii_digit))
            };
            if expanded(b'+') {
                return Ok(Some(UnixTime::from_secs(MAX_UNIX)));
            }
            if expanded(b'-') {
                return Ok(Some(UnixTime::from_secs(MIN_UNIX)));
            }
            parse_iso(&s)
                .map(UnixTime::from)
                .or_else(|| crate::date::cookie_date_unix(s.as_bytes()).map(UnixTime::from_secs))
                .map(Some)
                .ok_or_else(|| format!("invalid time {s:?} in `{key}`"))
        }
        // Saturated: a time past what this crate holds is its latest or
        // earliest.
        TimeIn::Millis(ms) if ms.is_finite() => {
            Ok(Some(UnixTime::from_unix_nanos((ms * 1e6) as i128)))
        }
        TimeIn::Millis(ms) => Err(format!("invalid time {ms} in `{key}`")),
    }
}

/// Why tough-cookie would never send the cookie of `r`, if it would
/// not: it has no domain or path (tough-cookie 6 drops it; 4.x files
/// it where no request finds it), or a domain that is not canonical (a
/// leading dot, or capitals), under which tough-cookie's store never
/// finds it. Such a cookie is left out, and listed, whether the read
/// is strict or not: read here, it would be sent where tough-cookie
/// never sent it.
fn never_sent(r: &RecordIn) -> Option<&'static str> {
    match (&r.domain, &r.path) {
        (None, _) => Some("the cookie has no `domain`, so tough-cookie never sends it"),
        (_, None) => Some("the cookie has no `path`, so tough-cookie never sends it"),
        (Some(d), _) if d.starts_with('.') || d.bytes().any(|b| b.is_ascii_uppercase()) => Some(
            "the cookie's `domain` has a leading dot or capitals, so tough-cookie never sends it",
        ),
        _ => None,
    }
}

/// Reads record `record` (at `line`) into `sink`, its `maxAge` counted
/// as `from` says, with `fill` filling in what it lacks.
pub(super) fn read_one(
    record: &str,
    line: u64,
    from: MaxAgeFrom,
    fill: impl FnOnce(&mut RecordIn),
    sink: &mut Sink<'_>,
) -> Result<(), Error> {
    match json::read_record::<RecordIn>(record) {
        Ok(mut r) => {
            fill(&mut r);
            if let Some(why) = never_sent(&r) {
                sink.skip(line, why);
                return Ok(());
            }
            match cookie_of(r, from, sink.now_time) {
                Ok(cookie) => sink.push(line, cookie),
                Err(message) => sink.refuse(line, message)?,
            }
        }
        Err(message) => sink.refuse(line, message)?,
    }
    Ok(())
}

/// The cookie of a record, read at `now`, its `maxAge` counted as
/// `from` says.
fn cookie_of(r: RecordIn, from: MaxAgeFrom, now: UnixTime) -> Result<Cookie, String> {
    let same_site = json::same_site_named(r.same_site.as_deref(), "sameSite")?;
    let domain = r.domain.ok_or("the cookie has no `domain`")?;
    let path = r.path.ok_or("the cookie has no `path`")?;
    let creation = r
        .creation
        .map(|t| time_of(t, "creation"))
        .transpose()?
        .flatten();
    let last_access = r
        .last_accessed
        .map(|t| time_of(t, "lastAccessed"))
        .transpose()?
        .flatten();
    let expires = match r.max_age {
        Some(MaxAgeIn::Secs(secs)) if secs <= 0.0 => Some(UnixTime::from_secs(MIN_UNIX)),
        Some(MaxAgeIn::Secs(secs)) => {
            let base = match from {
                MaxAgeFrom::Creation => creation,
                MaxAgeFrom::LastAccess => last_access.or(creation),
            };
            let base = base.unwrap_or(now).secs();
            // Saturated: a huge `maxAge` is the latest time there is.
            Some(UnixTime::from_secs(base.saturating_add(secs as i64)))
        }
        Some(MaxAgeIn::Text(t)) if t == "Infinity" => Some(UnixTime::from_secs(MAX_UNIX)),
        Some(MaxAgeIn::Text(t)) if t == "-Infinity" => Some(UnixTime::from_secs(MIN_UNIX)),
        Some(MaxAgeIn::Text(t)) => return Err(format!("invalid maxAge {t:?}")),
        None => r
            .expires
            .map(|t| time_of(t, "expires"))
            .transpose()?
            .flatten(),
    };
    // tough-cookie's unknown attributes, `Partitioned` among them (it
    // keeps no partitions): the other attributes of the cookie.
    let rest = r
        .extensions
        .into_iter()
        .flatten()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => (k.trim().to_owned(), Some(v.trim().to_owned())),
            None => (e.trim().to_owned(), None),
        })
        .collect();
    let initial_dot = domain.starts_with('.');
    Ok(Cookie {
        nv: NameValue::new(&r.key, &r.value),
        domain: domain.strip_prefix('.').unwrap_or(&domain).into(),
        host_only: r.host_only.unwrap_or(false),
        path: path.into(),
        expires,
        creation: creation.unwrap_or(now),
        last_access: last_access.or(creation).unwrap_or(now),
        secure: r.secure,
        http_only: r.http_only,
        same_site,
        partitioned: false,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            path_specified: r.path_is_default != Some(true),
            domain_initial_dot: initial_dot,
            rest,
            ..LegacyParts::default()
        }
        .into(),
    })
}

/// A time as JavaScript's `Date.prototype.toISOString()` writes it, in
/// years 0 to 9999: `2027-12-01T00:00:00.000Z`.
fn iso_millis(t: UnixTime) -> String {
    /// 0000-01-01T00:00:00Z.
    const YEAR_0: i64 = -62_167_219_200;
    let t = match t.secs() {
        s if s < YEAR_0 => UnixTime::from_secs(YEAR_0),
        _ => t,
    }
    .to_datetime();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A cookie as `Cookie.toJSON()` writes one: defaults left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordOut<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    key: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    domain: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "is_false")]
    secure: bool,
    #[serde(skip_serializing_if = "is_false")]
    http_only: bool,
    /// The other attributes: `name=value`, or `name`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    extensions: Vec<String>,
    host_only: bool,
    #[serde(skip_serializing_if = "is_false")]
    path_is_default: bool,
    creation: String,
    last_accessed: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_site: Option<&'static str>,
}

impl<'a> RecordOut<'a> {
    fn of(c: &'a Cookie) -> RecordOut<'a> {
        let (key, value) = json::browser_name_value(c);
        RecordOut {
            key,
            value,
            expires: c.expires.map(iso_millis),
            domain: &c.domain,
            path: &c.path,
            secure: c.secure,
            http_only: c.http_only,
            extensions: c
                .legacy
                .rest()
                .iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k.clone(),
                })
                .collect(),
            host_only: c.host_only,
            path_is_default: !c.legacy.path_specified,
            creation: iso_millis(c.creation),
            last_accessed: iso_millis(c.last_access),
            same_site: match c.same_site {
                SameSite::Default => None,
                SameSite::None => Some("none"),
                SameSite::Lax => Some("lax"),
                SameSite::Strict => Some("strict"),
            },
        }
    }
}

/// A serialized jar: the options (a replaced file's, or a new jar's),
/// then the cookies.
struct JarOut<'a> {
    rest: Option<&'a StorageRest>,
    cookies: Records<'a, RecordOut<'a>>,
}

impl Serialize for JarOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        match self.rest {
            Some(rest) => {
                for (key, value) in rest.entries() {
                    map.serialize_entry(key, value)?;
                }
            }
            None => {
                for (key, value) in DEFAULT_JAR {
                    let value: &serde_json::value::RawValue =
                        serde_json::from_str(value).map_err(serde::ser::Error::custom)?;
                    map.serialize_entry(key, value)?;
                }
            }
        }
        map.serialize_entry("cookies", &self.cookies)?;
        map.end()
    }
}

/// The cookies of `cookies` that `options` keeps and tough-cookie can
/// hold (see [`write()`]), and the report of the others.
fn writable<'c>(
    cookies: &'c [Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
) -> Result<(Vec<&'c Cookie>, SaveReport), Error> {
    json::writable_once_per_key(cookies, options, now, json::browser_refusal, "tough-cookie")
}

/// Writes cookies as tough-cookie's serialized jar (see [the module
/// docs](self)), leaving out a cookie without a domain, with
/// `Partitioned`, or limited to ports (see
/// [`Unwritable`](super::Unwritable)).
///
/// # Errors
///
/// With [`Unwritable::Fail`](super::Unwritable::Fail), an
/// [`Unsupported`](crate::ErrorKind::Unsupported) error for a cookie it
/// cannot hold; an [`Io`](crate::ErrorKind::Io) error from `out`.
pub fn write(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    write_keeping(cookies, options, now, None, out)
}

/// [`write`], with the top-level keys of a file it replaces.
pub(super) fn write_keeping(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    rest: Option<&StorageRest>,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let (kept, report) = writable(cookies, options, now)?;
    let file = JarOut {
        rest,
        cookies: Records(kept, RecordOut::of),
    };
    json::write_json(&file, out)?;
    Ok(report)
}

/// A `FileCookieStore` file: cookies by domain, path and name.
type StoreIn<'a> = json::Entries<json::Entries<json::Entries<&'a serde_json::value::RawValue>>>;

/// Reads a `FileCookieStore` file (see
/// [tough-cookie-file-store](self#tough-cookie-file-store)) into `sink`.
pub(super) fn read_file_store_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let text = json::text_of(input)?;
    let store: StoreIn<'_> = serde_json::from_str(text).map_err(|e| json::json_error(&e, 1))?;
    let mut n = 0;
    let mut lines = json::LineCounter::new(text);
    for (domain, paths) in store.0 {
        for (path, keys) in paths.0 {
            for (_, raw) in keys.0 {
                n += 1;
                sink.at_record(n);
                let record = raw.get();
                let line = lines.line_of(record);
                let fill = |r: &mut RecordIn| {
                    r.domain.get_or_insert_with(|| domain.clone());
                    r.path.get_or_insert_with(|| path.clone());
                };
                read_one(record, line, MaxAgeFrom::LastAccess, fill, sink)?;
            }
        }
    }
    Ok(())
}

/// Writes cookies as a `FileCookieStore` file (see
/// [tough-cookie-file-store](self#tough-cookie-file-store)), leaving out
/// what [`write()`] leaves out.
///
/// # Errors
///
/// As [`write()`].
pub fn write_file_store(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let (kept, report) = writable(cookies, options, now)?;
    // Filed by domain, then path, each in the order it first comes.
    let mut domains: Vec<(&str, FiledPaths<'_>)> = Vec::new();
    let mut at: std::collections::HashMap<(&str, &str), (usize, usize)> =
        std::collections::HashMap::new();
    let mut domain_at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for c in kept {
        let (d, p) = match at.get(&(&*c.domain, &*c.path)) {
            Some(&dp) => dp,
            None => {
                let d = *domain_at.entry(&c.domain).or_insert_with(|| {
                    domains.push((&c.domain, Vec::new()));
                    domains.len() - 1
                });
                domains[d].1.push((&c.path, Vec::new()));
                let dp = (d, domains[d].1.len() - 1);
                at.insert((&c.domain, &c.path), dp);
                dp
            }
        };
        domains[d].1[p].1.push(c);
    }
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer(&mut w, &Filed(&domains)).map_err(json::write_error)?;
    w.flush().map_err(|e| Error::io(None, e))?;
    Ok(report)
}

/// A domain's cookies, by path.
type FiledPaths<'c> = Vec<(&'c str, Vec<&'c Cookie>)>;

/// Cookies filed by domain and path, as a `FileCookieStore` file.
struct Filed<'a, 'c>(&'a [(&'c str, FiledPaths<'c>)]);

/// A domain's paths.
struct Paths<'a, 'c>(&'a [(&'c str, Vec<&'c Cookie>)]);

/// A path's cookies, by name.
struct FiledKeys<'a, 'c>(&'a [&'c Cookie]);

impl Serialize for Filed<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(d, paths)| (d, Paths(paths))))
    }
}

impl Serialize for Paths<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(p, cookies)| (p, FiledKeys(cookies))))
    }
}

impl Serialize for FiledKeys<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|c| {
            let record = RecordOut::of(c);
            (record.key, record)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_tell_how_max_age_counts() {
        for (version, from) in [
            (Some("tough-cookie@6.1.0"), MaxAgeFrom::LastAccess),
            (Some("tough-cookie@5.0.0"), MaxAgeFrom::LastAccess),
            (Some("tough-cookie@4.1.4"), MaxAgeFrom::Creation),
            (Some("tough-cookie@2.5.0"), MaxAgeFrom::Creation),
            (Some("tough-cookie@x"), MaxAgeFrom::Creation),
            (Some("6.1.0"), MaxAgeFrom::Creation),
            (None, MaxAgeFrom::Creation),
        ] {
            assert_eq!(MaxAgeFrom::of(version), from, "{version:?}");
        }
    }

    #[test]
    fn times_are_written_as_javascript_writes_them() {
        for (secs, nanos, text) in [
            (0, 0, "1970-01-01T00:00:00.000Z"),
            (1_796_613_785, 731_999_999, "2026-12-07T03:23:05.731Z"),
            (MAX_UNIX, 0, "9999-12-31T23:59:59.000Z"),
            (MIN_UNIX, 0, "0000-01-01T00:00:00.000Z"),
            (-1, 0, "1969-12-31T23:59:59.000Z"),
        ] {
            let t = UnixTime::from_unix_nanos(i128::from(secs) * 1_000_000_000 + nanos);
            assert_eq!(iso_millis(t), text);
            if secs >= -62_167_219_200 {
                assert_eq!(
                    time_of(TimeIn::Text(text.into()), "t")
                        .unwrap()
                        .unwrap()
                        .secs(),
                    secs
                );
            }
        }
        assert_eq!(
            time_of(TimeIn::Millis(1_796_613_785_731.0), "t")
                .unwrap()
                .unwrap()
                .secs(),
            1_796_613_785
        );
        assert!(time_of(TimeIn::Text("Infinity".into()), "t")
            .unwrap()
            .is_none());
        assert!(time_of(TimeIn::Text("soon".into()), "t").is_err());
    }
}
