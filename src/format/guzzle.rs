//! The cookie file of PHP's [Guzzle](https://docs.guzzlephp.org/)
//! (feature `serde`): what its `GuzzleHttp\Cookie\FileCookieJar` saves
//! and loads (and `SessionCookieJar` keeps in a PHP session), a JSON array
//! of `SetCookie::toArray()` objects.
//! [`Format::Guzzle`](super::Format::Guzzle) reads and writes it;
//! [`Format::detect`](super::Format::detect) knows it by the `Name` key
//! of its first cookie.
//!
//! ```json
//! [{"Name":"sid","Value":"abc","Domain":"www.example.com","Path":"\/","Max-Age":null,"Expires":1827619200,"Secure":true,"Discard":false,"HttpOnly":true,"SameSite":"Lax","HostOnly":true}]
//! ```
//!
//! | Key | Read as |
//! |---|---|
//! | `Name`, `Value` | name and value; a cookie without a name is refused, as Guzzle refuses it |
//! | `Domain` | required; lower-cased, a leading dot dropped |
//! | `HostOnly` | [`Cookie::host_only`] (Guzzle 8); absent, a domain without a leading dot is host-only (below) |
//! | `Path` | the path; `/` when absent or `null` |
//! | `Expires` | Unix seconds (or a date Guzzle reads: a numeric string, an `Expires` date); `false`, which Guzzle 7 keeps for a date it could not read and takes as expired: expired; `null`: none |
//! | `Max-Age` | with no `Expires`, `0` or less is expired (RFC 6265bis §5.6.2; Guzzle 7 sends such a cookie as a session cookie); otherwise Guzzle has already counted it into `Expires` |
//! | `Secure`, `HttpOnly`, `Discard` | the flags ([`Cookie::discard`]); `null` or absent is `false` |
//! | `SameSite` | `Strict`, `Lax`, `None` (any case); another value is kept as an attribute, with no `SameSite` |
//! | any other key | an attribute the server sent that Guzzle does not know ([`Cookie::other_attributes`]): `true` for one without a value |
//!
//! **Host-only cookies.** Guzzle 7 (7.4.5 and 7.9.2 here; before 7.15.1,
//! by Guzzle's advisory) keeps no host-only flag: it
//! files a cookie set without `Domain` under the request's host, and sends
//! it to the host's subdomains too, as it sends a cookie set with
//! `Domain` (whose dot it keeps only as the server wrote it). In such a
//! file, a domain without a leading dot reads as host-only, the reading
//! that sends a cookie nowhere its server did not send it: a cookie set
//! with `Domain=example.com` is then not sent to `www.example.com`.
//! Guzzle 8 writes `HostOnly` (so does 7.15.1, by the advisory; not run
//! here), which is read as it is.
//!
//! The file has no creation or last-access times: they are the `now` of
//! [`read`](super::read), in the file's order.
//!
//! # Writing
//!
//! [`write()`] writes what Guzzle 8's `FileCookieJar::save()` writes, which
//! Guzzle 7 loads too (it keeps `HostOnly` as an attribute): the keys in
//! Guzzle's order, `Max-Age` as `null` (the expiry is in `Expires`, as
//! Guzzle counts it), the `SameSite` and the other attributes after
//! `HttpOnly`, and `HostOnly` last, on one line, slashes escaped (`\/`)
//! as PHP's `json_encode` writes them. Left out (see
//! [`Unwritable`](super::Unwritable)): a cookie without a name, or whose
//! name Guzzle's `SetCookie::validate()` refuses (a space, a control
//! character or one of `()<>@,;:\"/[]?={}`), which its `load` would
//! drop; a partitioned or port-limited one, which Guzzle would send to
//! every site; and, of two cookies of one domain, path and name, the
//! older, since Guzzle keeps one.
//!
//! `tests/data/guzzle/` holds what Guzzle 7.4.5, 7.9.2 and 8.3.1 wrote,
//! and the `Cookie` headers each sent to eight URLs, which a jar loaded
//! from each file sends too (but for what Guzzle 7 sends to subdomains,
//! and a `Max-Age=0` cookie it still sends).

use std::io::Write;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;
use time::OffsetDateTime;

use super::json;
use super::{SaveOptions, SaveReport};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::time_util::{UnixTime, MIN_UNIX};

/// The keys of `SetCookie`'s own fields, in Guzzle's order.
const KEYS: [&str; 10] = [
    "Name", "Value", "Domain", "Path", "Max-Age", "Expires", "Secure", "Discard", "HttpOnly",
    "HostOnly",
];

/// A flag of key `key`: `true` or `false`; `null` is `false`.
fn flag(v: &Value, key: &str) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Null => Ok(false),
        _ => Err(format!("invalid {key} {v}: expected true or false")),
    }
}

/// A number of key `key`: a JSON number, or a numeric string (PHP's
/// `is_numeric`); `None` for `null`.
fn number(v: &Value, key: &str) -> Result<Option<f64>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => Ok(n.as_f64()),
        Value::String(s) => match s.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(format!("invalid {key} {s:?}")),
        },
        _ => Err(format!("invalid {key} {v}")),
    }
}

/// The expiry of `Expires` (see [the module docs](self)): `Ok(None)`
/// for none.
fn expiry(v: &Value) -> Result<Option<UnixTime>, String> {
    match v {
        // Guzzle 7 keeps `false` for a date it could not read, and takes
        // it as passed.
        Value::Bool(false) => Ok(Some(UnixTime::from_secs(MIN_UNIX))),
        Value::String(s) if s.trim().parse::<f64>().is_err() => {
            crate::date::cookie_date_unix(s.as_bytes())
                .map(|t| Some(UnixTime::from_secs(t)))
                .ok_or_else(|| format!("invalid Expires {s:?}"))
        }
        // Saturated: a time past what this crate holds is its latest or
        // earliest.
        _ => Ok(number(v, "Expires")?.map(|t| UnixTime::from_secs(t as i64))),
    }
}

/// Reads a Guzzle cookie object (`record`), read at `now`.
pub(super) fn cookie_of(record: &str, now: UnixTime) -> Result<Cookie, String> {
    let object: json::Entries<Value> = json::read_record(record)?;
    let mut name = None;
    let (mut value, mut domain, mut path) = (String::new(), None, None);
    let (mut expires, mut max_age) = (None, None);
    let (mut secure, mut http_only, mut discard, mut host_only) = (false, false, false, None);
    let mut same_site = SameSite::Default;
    let mut rest = Vec::new();
    for (key, v) in object.0 {
        match key.as_str() {
            "Name" => name = v.as_str().map(str::to_owned),
            "Value" => {
                value = match v {
                    Value::String(s) => s,
                    Value::Null => String::new(),
                    // PHP keeps a number as it was given.
                    Value::Number(n) => n.to_string(),
                    _ => return Err(format!("invalid Value {v}")),
                }
            }
            "Domain" => domain = v.as_str().map(str::to_ascii_lowercase),
            "Path" => path = v.as_str().map(str::to_owned),
            "Expires" => expires = expiry(&v)?,
            "Max-Age" => max_age = number(&v, "Max-Age")?,
            "Secure" => secure = flag(&v, "Secure")?,
            "HttpOnly" => http_only = flag(&v, "HttpOnly")?,
            "Discard" => discard = flag(&v, "Discard")?,
            "HostOnly" => host_only = Some(flag(&v, "HostOnly")?),
            _ => {
                let known = if key.eq_ignore_ascii_case("samesite") {
                    v.as_str()
                        .and_then(|s| json::same_site_named(Some(s), "SameSite").ok())
                } else {
                    None
                };
                match (known, v) {
                    (Some(s), _) => same_site = s,
                    (None, Value::Bool(true) | Value::Null) => rest.push((key, None)),
                    (None, Value::Bool(false)) => {}
                    (None, Value::String(s)) => rest.push((key, Some(s))),
                    (None, other) => rest.push((key, Some(other.to_string()))),
                }
            }
        }
    }
    let name = name
        .filter(|n| !n.is_empty())
        .ok_or("the cookie has no Name")?;
    let domain = domain
        .filter(|d| !d.is_empty() && d != ".")
        .ok_or("the cookie has no Domain")?;
    let initial_dot = domain.starts_with('.');
    let expires = match (expires, max_age) {
        (Some(t), _) => Some(t),
        (None, Some(age)) if age <= 0.0 => Some(UnixTime::from_secs(MIN_UNIX)),
        (None, _) => None,
    };
    Ok(Cookie {
        nv: NameValue::new(&name, &value),
        domain: domain.strip_prefix('.').unwrap_or(&domain).into(),
        host_only: host_only.unwrap_or(!initial_dot),
        path: path.as_deref().unwrap_or("/").into(),
        expires,
        creation: now,
        last_access: now,
        secure,
        http_only,
        same_site,
        partitioned: false,
        legacy: LegacyParts {
            discard,
            domain_initial_dot: initial_dot,
            rest,
            ..LegacyParts::default()
        }
        .into(),
    })
}

/// Why Guzzle could not hold `c`, if it could not (see
/// [Writing](self#writing)), before the twins of a key.
fn unwritable(c: &Cookie) -> Option<&'static str> {
    let refused = |b: u8| b <= b' ' || b == 0x7f || b"()<>@,;:\\\"/[]?={}".contains(&b);
    if c.legacy.value_absent || c.name().is_empty() {
        Some("it has no name, which Guzzle refuses")
    } else if c.name().bytes().any(refused) {
        Some("its name holds a character Guzzle refuses (a space, a control character or a separator)")
    } else {
        json::browser_refusal(c)
    }
}

/// A cookie as Guzzle's `SetCookie::toArray()` gives it.
struct RecordOut<'a>(&'a Cookie);

impl Serialize for RecordOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("Name", c.name())?;
        map.serialize_entry("Value", c.value())?;
        map.serialize_entry("Domain", &*c.domain)?;
        map.serialize_entry("Path", &*c.path)?;
        map.serialize_entry("Max-Age", &())?;
        map.serialize_entry("Expires", &c.expires.map(|t| t.secs()))?;
        map.serialize_entry("Secure", &c.secure)?;
        map.serialize_entry("Discard", &c.legacy.discard)?;
        map.serialize_entry("HttpOnly", &c.http_only)?;
        let same_site = match c.same_site {
            SameSite::Default => None,
            SameSite::None => Some("None"),
            SameSite::Lax => Some("Lax"),
            SameSite::Strict => Some("Strict"),
        };
        if let Some(same_site) = same_site {
            map.serialize_entry("SameSite", same_site)?;
        }
        for (k, v) in c.legacy.rest() {
            let taken = KEYS.iter().any(|key| key.eq_ignore_ascii_case(k))
                || (same_site.is_some() && k.eq_ignore_ascii_case("samesite"));
            if taken {
                continue;
            }
            match v {
                Some(v) => map.serialize_entry(k, v)?,
                None => map.serialize_entry(k, &true)?,
            }
        }
        map.serialize_entry("HostOnly", &c.host_only)?;
        map.end()
    }
}

/// Writes `\/` for each `/` of what it is given, as PHP's `json_encode`
/// escapes slashes (JSON text holds a `/` only in strings).
struct EscapeSlashes<W>(W);

impl<W: Write> Write for EscapeSlashes<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for part in buf.split_inclusive(|&b| b == b'/') {
            match part.split_last() {
                Some((b'/', head)) => {
                    self.0.write_all(head)?;
                    self.0.write_all(b"\\/")?;
                }
                _ => self.0.write_all(part)?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Writes cookies as Guzzle's `FileCookieJar` saves them (see
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
    let (kept, report) = json::writable_once_per_key(cookies, options, now, unwritable, "Guzzle")?;
    let mut w = EscapeSlashes(std::io::BufWriter::with_capacity(1 << 16, out));
    serde_json::to_writer(&mut w, &json::Records(kept, RecordOut)).map_err(json::write_error)?;
    w.flush().map_err(|e| Error::io(None, e))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashes_are_escaped_as_php_escapes_them() {
        let mut out = Vec::new();
        let mut w = EscapeSlashes(&mut out);
        w.write_all(b"{\"Path\":\"/a/b\"}").unwrap();
        w.write_all(b"/").unwrap();
        assert_eq!(out, b"{\"Path\":\"\\/a\\/b\"}\\/");
    }

    #[test]
    fn expires_reads_as_guzzle_keeps_it() {
        let at = |v: Value| expiry(&v).unwrap().map(|t| t.secs());
        assert_eq!(at(Value::Null), None);
        assert_eq!(at(serde_json::json!(1_827_619_200)), Some(1_827_619_200));
        assert_eq!(at(serde_json::json!("1827619200")), Some(1_827_619_200));
        assert_eq!(at(serde_json::json!(false)), Some(MIN_UNIX));
        assert_eq!(
            at(serde_json::json!("Wed, 01 Dec 2027 00:00:00 GMT")),
            Some(1_827_619_200)
        );
        assert_eq!(
            at(serde_json::json!(1e300)),
            Some(crate::time_util::MAX_UNIX)
        );
        assert!(expiry(&serde_json::json!("soon")).is_err());
        assert!(expiry(&serde_json::json!(true)).is_err());
    }
}
