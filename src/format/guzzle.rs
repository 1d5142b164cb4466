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
//! | `Expires` | Unix seconds, also as a numeric string; a date string (an `Expires` date); `false` (Guzzle 7 keeps it for a date it could not read), or a date no reader takes: passed; `null`: none |
//! | `Max-Age` | counted from the read's `now` where `Expires` is `null`, `false` or `0` (as Guzzle 7 counts it when it loads the file); `0` or less with no `Expires` has passed (RFC 6265bis §5.6.2; Guzzle 7 sends such a cookie as a session cookie); one that is not a number is none |
//! | `Secure`, `HttpOnly`, `Discard` | the flags ([`Cookie::discard`]), as PHP takes a value as true (Guzzle 7 keeps the attribute's value as sent: `Secure=` is `""`, false) |
//! | `SameSite` | `Strict`, `Lax`, `None` (any case); another value is kept as an attribute, with no `SameSite` |
//! | any other key | an attribute the server sent that Guzzle does not know ([`Cookie::other_attributes`]): `true` for one without a value; one with a control character, or `;` or `=` in its key, is dropped |
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
//! Guzzle 7 loads too, keeping `HostOnly` as an attribute it does not
//! use: Guzzle 7 (before 7.15.1) sends a host-only cookie to its host's
//! subdomains, whatever the file says. The keys are in
//! Guzzle's order, `Max-Age` as `null` (the expiry is in `Expires`, as
//! Guzzle counts it), the `SameSite` and the other attributes after
//! `HttpOnly`, and `HostOnly` last, on one line, slashes escaped (`\/`)
//! as PHP's `json_encode` writes them. Left out (see
//! [`Unwritable`](super::Unwritable)): a cookie without a name, or whose
//! name Guzzle's `SetCookie::validate()` refuses (a space, a control
//! character or one of `"(),/:;<=>?@\{}`), which its `load` would
//! drop; a partitioned or port-limited one, which Guzzle would send to
//! every site; and, of two cookies of one domain, path and name, the
//! older, since Guzzle 7 keeps one. An attribute kept aside as
//! `SameSite` (the cookie has none) is left out, since Guzzle's file
//! would make it the cookie's.
//!
//! No cookie is `[]`, which is also what cookie_store's array holds for
//! none, and is detected as that: a
//! [`FileCookieJar`](crate::FileCookieJar) that read or saved the file
//! as Guzzle's keeps to it, but another must be told
//! (`.format(Format::Guzzle)`, or `convert --to guzzle`).
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

/// Whether PHP takes `v` as true: all but `false`, `null`, `0`, `0.0`,
/// `""`, `"0"` and `[]` (Guzzle 7 keeps a flag's value as the server
/// sent it: `Secure=` is `""`, false; `Secure=yes` true).
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !(s.is_empty() || s == "0"),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

/// `s` as a number, if PHP's `is_numeric` takes it (white space around
/// a decimal number, with a fraction or an exponent): a number too large
/// for `f64` is infinite.
fn php_number(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'));
    let b = t.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
        if digits(&mut i) == 0 {
            return None;
        }
    }
    (i == b.len()).then(|| t.parse::<f64>().ok()).flatten()
}

/// A number of a JSON value, as PHP reads one: a number, or a numeric
/// string; `None` for anything else.
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => php_number(s),
        _ => None,
    }
}

/// Unix seconds, saturated: a time past what this crate holds is its
/// latest or earliest.
fn secs(t: f64) -> UnixTime {
    UnixTime::from_secs(t as i64)
}

/// The expiry of a cookie whose `Expires` is `expires` and `Max-Age`
/// `max_age`, read at `now`, as Guzzle 7's `SetCookie` takes them when
/// it loads a file: an `Expires` PHP takes as false (absent, `null`,
/// `0`, `false`) with a positive `Max-Age` is `now` plus that;
/// otherwise a numeric `Expires` is Unix seconds, a `false` one or a
/// date `strtotime` cannot read has passed, and `null` is none. (A
/// `Max-Age` of `0` or less with no `Expires` has passed too: RFC
/// 6265bis §5.6.2; Guzzle 7 sends such a cookie as a session cookie.)
fn expiry(expires: &Value, max_age: Option<f64>, now: UnixTime) -> Option<UnixTime> {
    let passed = Some(UnixTime::from_secs(MIN_UNIX));
    match (truthy(expires), max_age) {
        (false, Some(age)) if age > 0.0 => Some(secs(now.secs() as f64 + age)),
        (false, Some(_)) => passed,
        (false, None) if matches!(expires, Value::Null) => None,
        (false, None) => passed,
        (true, _) => match number(expires) {
            Some(t) => Some(secs(t)),
            None => match expires {
                Value::String(s) => crate::date::cookie_date_unix(s.as_bytes())
                    .map(UnixTime::from_secs)
                    .or(passed),
                _ => passed,
            },
        },
    }
}

/// Whether an attribute of key `key` and value `value` can be kept as
/// one: no control character, and no `;` or `=` in its key.
fn attribute_fits(key: &str, value: Option<&str>) -> bool {
    let ctl = |s: &str| s.bytes().any(|b| b < b' ' || b == 0x7f);
    !key.is_empty() && !ctl(key) && !key.contains([';', '=']) && !value.is_some_and(ctl)
}

/// Reads a Guzzle cookie object (`record`), read at `now`.
pub(super) fn cookie_of(record: &str, now: UnixTime) -> Result<Cookie, String> {
    let object: json::Entries<Value> = json::read_record(record)?;
    let mut name = None;
    let (mut value, mut domain, mut path) = (String::new(), None, None);
    let (mut expires, mut max_age) = (Value::Null, None);
    let (mut secure, mut http_only, mut discard, mut host_only) = (false, false, false, None);
    let mut same_site = SameSite::Default;
    let mut rest = Vec::new();
    for (key, v) in object.0 {
        match key.as_str() {
            "Name" => {
                name = match v {
                    Value::String(s) => Some(s),
                    // PHP keeps a number as it was given.
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }
            }
            "Value" => {
                value = match v {
                    Value::String(s) => s,
                    Value::Null => String::new(),
                    // PHP keeps a number as it was given.
                    Value::Number(n) => n.to_string(),
                    // Its kind only: the value may be a secret.
                    Value::Bool(_) => return Err("invalid Value: a boolean".into()),
                    Value::Array(_) => return Err("invalid Value: an array".into()),
                    Value::Object(_) => return Err("invalid Value: an object".into()),
                }
            }
            "Domain" => domain = v.as_str().map(str::to_ascii_lowercase),
            "Path" => path = v.as_str().map(str::to_owned),
            "Expires" => expires = v,
            // A Max-Age PHP cannot read as a number is none.
            "Max-Age" => max_age = number(&v),
            "Secure" => secure = truthy(&v),
            "HttpOnly" => http_only = truthy(&v),
            "Discard" => discard = truthy(&v),
            // `null` is no flag (Guzzle 8 refuses a file with one).
            "HostOnly" => host_only = (!v.is_null()).then(|| truthy(&v)),
            _ => {
                let known = if key.eq_ignore_ascii_case("samesite") {
                    v.as_str()
                        .and_then(|s| json::same_site_named(Some(s), "SameSite").ok())
                } else {
                    None
                };
                let attribute = match (known, v) {
                    (Some(s), _) => {
                        same_site = s;
                        None
                    }
                    (None, Value::Bool(true) | Value::Null) => Some((key, None)),
                    (None, Value::Bool(false)) => None,
                    (None, Value::String(s)) => Some((key, Some(s))),
                    (None, other) => Some((key, Some(other.to_string()))),
                };
                // One that no cookie header could carry is dropped.
                if let Some((k, v)) = attribute.filter(|(k, v)| attribute_fits(k, v.as_deref())) {
                    rest.push((k, v));
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
    let expires = expiry(&expires, max_age, now);
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
        storable: crate::cookie::Storable::default(),
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
    // `SetCookie::validate()`'s: `[\x00-\x20\x22\x28-\x29\x2c\x2f\x3a-\x40\x5c\x7b\x7d\x7f]`.
    let refused = |b: u8| b <= b' ' || b == 0x7f || b"\"(),/:;<=>?@\\{}".contains(&b);
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
            // A `SameSite` attribute kept aside (the cookie has none) that
            // would read back as the cookie's own is left out, as is one
            // beside the cookie's own.
            let same_site_key = k.eq_ignore_ascii_case("samesite")
                && (same_site.is_some()
                    || json::same_site_named(v.as_deref(), "SameSite")
                        .is_ok_and(|s| s != SameSite::Default));
            if same_site_key || KEYS.iter().any(|key| key.eq_ignore_ascii_case(k)) {
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
    let mut w = json::Escaping::slashes(std::io::BufWriter::with_capacity(1 << 16, out));
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
        let mut w = json::Escaping::slashes(&mut out);
        w.write_all(b"{\"Path\":\"/a/b\"}").unwrap();
        w.write_all(b"/").unwrap();
        assert_eq!(out, b"{\"Path\":\"\\/a\\/b\"}\\/");
    }

    #[test]
    fn expires_reads_as_guzzle_loads_it() {
        use crate::time_util::MAX_UNIX;
        use serde_json::json;
        let now = UnixTime::from_secs(1_800_000_000);
        let at = |v: Value, age: Option<f64>| expiry(&v, age, now).map(|t| t.secs());
        assert_eq!(at(Value::Null, None), None);
        assert_eq!(at(json!(1_827_619_200), None), Some(1_827_619_200));
        assert_eq!(at(json!("1827619200"), Some(60.0)), Some(1_827_619_200));
        assert_eq!(at(json!(false), None), Some(MIN_UNIX));
        assert_eq!(at(json!(0), None), Some(MIN_UNIX));
        assert_eq!(
            at(json!("Wed, 01 Dec 2027 00:00:00 GMT"), None),
            Some(1_827_619_200)
        );
        assert_eq!(at(json!("soon"), None), Some(MIN_UNIX));
        assert_eq!(at(json!(1e300), None), Some(MAX_UNIX));
        assert_eq!(at(json!("1e400"), None), Some(MAX_UNIX));
        // Max-Age, where Expires is false: counted from now.
        assert_eq!(at(json!(false), Some(100.0)), Some(1_800_000_100));
        assert_eq!(at(Value::Null, Some(100.0)), Some(1_800_000_100));
        assert_eq!(at(Value::Null, Some(0.0)), Some(MIN_UNIX));
    }

    #[test]
    fn numbers_and_flags_read_as_php_reads_them() {
        use serde_json::json;
        for (s, n) in [
            ("12", Some(12.0)),
            (" 12 ", Some(12.0)),
            ("-1.5e2", Some(-150.0)),
            (".5", Some(0.5)),
            ("12abc", None),
            ("", None),
            ("inf", None),
            ("NaN", None),
            ("1e", None),
            ("+", None),
        ] {
            assert_eq!(php_number(s), n, "{s:?}");
        }
        for (value, t) in [
            (json!(""), false),
            (json!("0"), false),
            (json!("false"), true),
            (json!("yes"), true),
            (json!(0), false),
            (json!(0.0), false),
            (json!(1), true),
            (json!([]), false),
            (Value::Null, false),
        ] {
            assert_eq!(truthy(&value), t, "{value}");
        }
    }
}
