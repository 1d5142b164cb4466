//! Cookies under ClientCookie rules: Netscape and RFC 2109 cookies from
//! `Set-Cookie`, RFC 2965 cookies from `Set-Cookie2`, and the `Cookie`
//! header with `$Version`, `$Path`, `$Domain` and `$Port` (RFC 2965 §3.3.4).
//!
//! This follows ClientCookie / Python `http.cookiejar`
//! (`CookieJar.make_cookies`, `_normalized_cookie_tuples`,
//! `_cookie_from_cookie_tuple`, `_cookie_attrs`): the first occurrence of
//! an attribute counts (but the last `Max-Age`, which always beats
//! `Expires`), a missing path defaults to the request path up to its last
//! `/` (included for version 1 cookies), `Domain` gets a leading dot, a
//! bare `Port` binds the cookie to the request port, RFC 2109 cookies
//! become Netscape cookies unless RFC 2965 is on.
//!
//! The deliberate deviations from Python, those of reading and writing
//! cookies included, are listed in the public docs of
//! [`DefaultCookiePolicy::client_cookie`](crate::DefaultCookiePolicy::client_cookie),
//! each tested in `tests/client_cookie.rs`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;
use url::Url;

use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::matching::request_path;
use crate::parse::legacy::{parse_ns_header, quote_value, split_header_words, strip_quotes, Pairs};
use crate::policy::{Protocols, Rejection};
use crate::time_util::UnixTime;

/// What a cookie is made from: which header, and the request.
pub(crate) struct Context<'a> {
    pub(crate) url: &'a Url,
    pub(crate) host: &'a str,
    pub(crate) now: OffsetDateTime,
}

/// Where a cookie came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    SetCookie,
    SetCookie2,
}

/// One cookie made from a header (or why none could be).
pub(crate) struct Made {
    /// Index of the header line it came from.
    pub(crate) line: usize,
    pub(crate) result: Result<Cookie, Rejection>,
}

/// ClientCookie's `make_cookies`: the cookies of `set_cookie2` (when RFC
/// 2965 is on) then of `set_cookie` (when Netscape is on), each list in
/// header order. With RFC 2965 on, a `Set-Cookie` cookie with the same
/// domain, path and name as a `Set-Cookie2` cookie is dropped (RFC 2965
/// §9.1). Line indexes count `set_cookie2` lines first.
pub(crate) fn make_cookies(
    set_cookie2: &[&str],
    set_cookie: &[&str],
    ctx: &Context<'_>,
    protocols: Protocols,
) -> Vec<Made> {
    let mut out = Vec::new();
    if protocols.rfc2965 {
        for (line, header) in set_cookie2.iter().enumerate() {
            for pairs in split_header_words([*header]) {
                out.push(Made {
                    line,
                    result: cookie_from_pairs(&pairs, ctx, Source::SetCookie2, protocols),
                });
            }
        }
    }
    // RFC 2965 §9.1: a Set-Cookie2 cookie supersedes the Set-Cookie cookie
    // with the same key in the same response, even one without a Version
    // (which is refused just below). A set: a search of a list for each
    // Set-Cookie cost a response of n of each n².
    let keys: HashSet<(String, bool, String, String)> = out
        .iter()
        .filter_map(|m| m.result.as_ref().ok())
        .map(|c| {
            (
                c.domain.to_string(),
                c.host_only,
                c.path.to_string(),
                c.name().to_owned(),
            )
        })
        .collect();
    for m in &mut out {
        if matches!(&m.result, Ok(c) if c.legacy.version.is_none()) {
            m.result = Err(Rejection::MissingVersion);
        }
    }
    if protocols.netscape {
        for (i, header) in set_cookie.iter().enumerate() {
            let Some(pairs) = parse_ns_header(header) else {
                continue;
            };
            let result = cookie_from_pairs(&pairs, ctx, Source::SetCookie, protocols);
            if let Ok(c) = &result {
                let shadowed = !keys.is_empty()
                    && keys.contains(&(
                        c.domain.to_string(),
                        c.host_only,
                        c.path.to_string(),
                        c.name().to_owned(),
                    ));
                if shadowed {
                    continue;
                }
            }
            out.push(Made {
                line: set_cookie2.len() + i,
                result,
            });
        }
    }
    out
}

/// Python's `int()` on an attribute value: optional sign, ASCII digits,
/// surrounding whitespace. Saturates.
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.bytes().fold(0i64, |n, d| {
        n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    Some(if neg { -n } else { n })
}

/// ClientCookie's `request_path`: the request URL's path as
/// [`escape_path`] writes it, which ClientCookie compares cookie paths
/// with (and derives default paths from).
pub(crate) fn escaped_request_path(url: &Url) -> Cow<'_, str> {
    escape_path(request_path(url))
}

/// ClientCookie's `escape_path`: percent-encodes what is not allowed in an
/// HTTP URL path (as `urllib.parse.quote` with the safe set
/// `%/;:@&=+$,!~*'()`) and upper-cases every `%xx` escape. Borrowed when
/// that changes nothing.
fn escape_path(path: &str) -> Cow<'_, str> {
    const SAFE: &[u8] = b"%/;:@&=+$,!~*'()_.-";
    let bytes = path.as_bytes();
    // Started at the first byte that changes.
    let mut out: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |k: usize| bytes.get(i + k).copied().filter(u8::is_ascii_hexdigit);
        let mut piece = [0u8; 3];
        let (written, used) = match (b, hex(1), hex(2)) {
            (b'%', Some(h1), Some(h2)) => {
                piece = [b'%', h1.to_ascii_uppercase(), h2.to_ascii_uppercase()];
                (3, 3)
            }
            _ if b.is_ascii_alphanumeric() || SAFE.contains(&b) => {
                piece[0] = b;
                (1, 1)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                piece = [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]];
                (3, 1)
            }
        };
        let piece = &piece[..written];
        if out.is_none() && piece != &bytes[i..i + used] {
            out = Some(String::with_capacity(path.len() + 8) + &path[..i]);
        }
        if let Some(o) = &mut out {
            // ASCII only: `%`, hex digits and safe bytes.
            o.extend(piece.iter().map(|&c| char::from(c)));
        }
        i += used;
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(path),
    }
}

/// The default path of ClientCookie (`_cookie_from_cookie_tuple`): the
/// request path up to its last `/`, which a version 0 cookie leaves out and
/// any other keeps; `/` when that is empty.
fn default_path(url: &Url, version_is_zero: bool) -> String {
    let path = escaped_request_path(url);
    let path = path.as_ref();
    let p = match path.rfind('/') {
        Some(i) if version_is_zero => &path[..i],
        Some(i) => &path[..=i],
        None => path,
    };
    if p.is_empty() {
        "/".to_owned()
    } else {
        p.to_owned()
    }
}

/// ClientCookie's `_normalized_cookie_tuples` and
/// `_cookie_from_cookie_tuple` for one cookie (see the module docs).
fn cookie_from_pairs(
    pairs: &Pairs,
    ctx: &Context<'_>,
    source: Source,
    protocols: Protocols,
) -> Result<Cookie, Rejection> {
    let Some((name, value)) = pairs.first() else {
        return Err(Rejection::Empty);
    };
    let now = ctx.now.unix_timestamp();
    let mut version: Option<&str> = None;
    let mut expires: Option<i64> = None;
    let mut expires_seen = false;
    let mut max_age_set = false;
    let mut domain: Option<&str> = None;
    let mut path: Option<&str> = None;
    let mut port: Option<Option<&str>> = None;
    let mut comment: Option<Option<&str>> = None;
    let mut comment_url: Option<Option<&str>> = None;
    let mut secure = false;
    let mut discard = false;
    let mut http_only = false;
    let mut same_site = SameSite::Default;
    let mut partitioned = false;
    let mut rest: Vec<(String, Option<String>)> = Vec::new();
    // Where each of `rest`'s names is: a search of `rest` for each
    // attribute made a header of n distinct unknown attributes cost n²
    // (53,302 in 256 KB: 3.6 s).
    let mut rest_at: HashMap<&str, usize> = HashMap::new();
    for (k, v) in &pairs[1..] {
        let lc = k.to_ascii_lowercase();
        let v = v.as_deref();
        match lc.as_str() {
            "secure" => secure = true,
            "discard" => discard = true,
            "domain" => {
                if domain.is_none() {
                    domain = Some(v.ok_or_else(|| Rejection::MissingValue("Domain".into()))?);
                }
            }
            "expires" => {
                if max_age_set || expires_seen {
                    continue;
                }
                // Set-Cookie values were converted by parse_ns_headers,
                // Set-Cookie2 values are dates too (see module docs).
                if let Some(t) = v.and_then(|v| crate::date::http2time(strip_quotes(v))) {
                    expires = Some(t.unix_timestamp());
                    expires_seen = true;
                }
            }
            "max-age" => {
                if let Some(age) = v.and_then(parse_int) {
                    max_age_set = true;
                    expires = Some(now.saturating_add(age));
                }
            }
            "version" | "path" => {
                let slot = if lc == "version" {
                    &mut version
                } else {
                    &mut path
                };
                // Only the first occurrence counts, with or without a
                // value (Python's `if k in standard: continue`).
                if slot.is_none() {
                    *slot = Some(v.ok_or_else(|| Rejection::MissingValue(k.clone()))?);
                }
            }
            "port" => {
                port.get_or_insert(v);
            }
            "comment" => {
                comment.get_or_insert(v);
            }
            "commenturl" => {
                comment_url.get_or_insert(v);
            }
            "httponly" => http_only = true,
            "partitioned" => partitioned = true,
            "samesite" => {
                same_site = match v.map(str::to_ascii_lowercase).as_deref() {
                    Some("none") => SameSite::None,
                    Some("lax") => SameSite::Lax,
                    Some("strict") => SameSite::Strict,
                    _ => SameSite::Default,
                }
            }
            _ => match rest_at.get(k.as_str()) {
                Some(&at) => rest[at].1 = v.map(str::to_owned),
                None => {
                    rest_at.insert(k, rest.len());
                    rest.push((k.clone(), v.map(str::to_owned)));
                }
            },
        }
    }
    let mut version: Option<u32> = match version {
        Some(v) => Some(
            parse_int(v)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or(Rejection::InvalidVersion)?,
        ),
        None if source == Source::SetCookie => Some(0),
        // Refused by make_cookies once it has shadowed Set-Cookie cookies
        // of the same key (RFC 2965 §9.1).
        None => None,
    };
    let (path, path_specified) = match path {
        Some(p) if !p.is_empty() => (escape_path(p).into_owned(), true),
        _ => (default_path(ctx.url, version == Some(0)), false),
    };
    let (domain, host_only, domain_initial_dot) = match domain {
        Some(d) => {
            let d = d.to_ascii_lowercase();
            let dot = d.starts_with('.');
            let undotted = d.strip_prefix('.').unwrap_or(&d).to_owned();
            (undotted, false, dot)
        }
        None => (ctx.host.to_owned(), true, false),
    };
    let (port, port_specified) = match port {
        None => (None, false),
        Some(None) => (
            Some(
                ctx.url
                    .port_or_known_default()
                    .map_or_else(|| "80".to_owned(), |p| p.to_string()),
            ),
            false,
        ),
        Some(Some(p)) => (Some(p.split_whitespace().collect::<String>()), true),
    };
    let rfc2109 = source == Source::SetCookie && version == Some(1);
    if rfc2109 && protocols.rfc2109_as_netscape {
        version = Some(0);
    }
    let (value, value_absent) = match value {
        Some(v) => (v.clone(), false),
        None => (String::new(), true),
    };
    Ok(Cookie {
        nv: NameValue::new(name, &value),
        domain: domain.into(),
        host_only,
        path: path.into(),
        expires: expires.map(UnixTime::from_secs),
        creation: ctx.now.into(),
        last_access: ctx.now.into(),
        secure,
        http_only,
        same_site,
        partitioned,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            version,
            port,
            port_specified,
            value_absent,
            comment: comment.flatten().map(str::to_owned),
            comment_url: comment_url.flatten().map(str::to_owned),
            discard,
            rfc2109,
            path_specified,
            domain_initial_dot,
            rest,
        }
        .into(),
    })
}

/// ClientCookie's `_cookie_attrs`: the `Cookie` header for `cookies` (in
/// send order). The first cookie's version decides `$Version`; version 1
/// cookies carry `$Path` (if given), `$Domain` (if given, with its dot
/// as received) and `$Port` (RFC 2965 §3.3.4).
pub(crate) fn write_cookie_header<'c>(cookies: impl Iterator<Item = &'c Cookie>, out: &mut String) {
    let mut first = true;
    let sep = |out: &mut String| {
        if !out.is_empty() {
            out.push_str("; ");
        }
    };
    for c in cookies {
        let nameless = c.name().is_empty() && !c.legacy.value_absent;
        if nameless && c.value().is_empty() {
            // Nothing to write (a file can hold such a cookie).
            continue;
        }
        let v = c.legacy.version.unwrap_or(0);
        if first {
            first = false;
            if v > 0 {
                sep(out);
                out.push_str(&format!("$Version={v}"));
            }
        }
        sep(out);
        if c.legacy.value_absent {
            out.push_str(c.name());
        } else if nameless {
            // A nameless cookie (a cookies.txt line with an empty name,
            // an RFC 6265bis `Set-Cookie: tok`) is its value alone, as
            // Python holds it (name `tok`, no value) and as RFC 6265bis
            // §5.8.3 writes it; quoted in a version 1 header, as other
            // values are (an RFC 2965 quoted-string, which a server that
            // reads one does not split at a `;`).
            if v > 0 {
                quote_value(c.value(), out);
            } else {
                out.push_str(c.value());
            }
        } else {
            out.push_str(c.name());
            out.push('=');
            if v > 0 {
                quote_value(c.value(), out);
            } else {
                out.push_str(c.value());
            }
        }
        if v > 0 {
            if c.legacy.path_specified {
                sep(out);
                out.push_str(&format!("$Path=\"{}\"", c.path));
            }
            if !c.host_only {
                sep(out);
                let dot = if c.legacy.domain_initial_dot { "." } else { "" };
                out.push_str(&format!("$Domain=\"{dot}{}\"", c.domain));
            }
            if let Some(p) = c.legacy.port() {
                sep(out);
                if c.legacy.port_specified {
                    out.push_str(&format!("$Port=\"{p}\""));
                } else {
                    out.push_str("$Port");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_paths_like_python() {
        assert_eq!(escape_path("/foo bar/%2fx"), "/foo%20bar/%2Fx");
        assert_eq!(escape_path("/a;b=c/~d'(e)"), "/a;b=c/~d'(e)");
        assert_eq!(escape_path("/ü"), "/%C3%BC");
        assert_eq!(escape_path("/%zz%4"), "/%zz%4");
        assert_eq!(escape_path("/%c3%bc"), "/%C3%BC");
    }

    /// The escaped request path, as Python's `request_path` gives it,
    /// borrowed from the URL when escaping changes nothing.
    #[test]
    fn escaped_request_paths() {
        for (u, want) in [
            ("http://x.test/", "/"),
            ("http://x.test", "/"),
            ("http://x.test/a/b.html", "/a/b.html"),
            ("http://x.test/caf%c3%a9/menu", "/caf%C3%A9/menu"),
            ("http://x.test/caf%C3%A9/menu", "/caf%C3%A9/menu"),
            ("http://x.test/a|b/^[x]", "/a%7Cb/%5E%5Bx%5D"),
            ("http://x.test/%zz/%4/%", "/%zz/%4/%"),
            ("http://x.test/%aZ/%Za", "/%aZ/%Za"),
            ("http://x.test/%af/%Fa", "/%AF/%FA"),
            ("http://x.test/ü/a b", "/%C3%BC/a%20b"),
        ] {
            let url = Url::parse(u).unwrap();
            let got = escaped_request_path(&url);
            assert_eq!(got, want, "{u}");
            assert_eq!(
                matches!(got, Cow::Borrowed(_)),
                want == request_path(&url),
                "{u}"
            );
        }
    }

    #[test]
    fn python_ints() {
        assert_eq!(parse_int(" 12 "), Some(12));
        assert_eq!(parse_int("+3"), Some(3));
        assert_eq!(parse_int("-3"), Some(-3));
        assert_eq!(parse_int("1e3"), None);
        assert_eq!(parse_int(""), None);
    }
}
