//! The origin a request names for its "site for cookies" (RFC 6265bis
//! §5.2): [`Request::origin_request_host`](crate::Request::origin_request_host)
//! read as a host (`a.example`, `a.example:8443`, as a `Host` header gives
//! it) or as a serialized origin (`https://a.example`, as an `Origin`
//! header gives it), and canonicalized as the URL Standard's host parser
//! does, so that it compares with a request URL's host.

use std::borrow::Cow;

/// A parsed origin request host.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Origin<'a> {
    /// The scheme, when given as an origin.
    pub(crate) scheme: Option<&'a str>,
    /// The host, canonical: lower case, A-labels, IP addresses in their
    /// URL form (`127.0.0.1`, `[::1]`); a trailing dot kept.
    pub(crate) host: Cow<'a, str>,
}

/// Reads `value` as a host or an origin, with an optional port (and, for
/// an origin, an optional trailing `/`). `None` for anything else: a URL
/// with a path, query, fragment or user, a host the URL Standard refuses
/// (white space, `\`), an empty host, or `null` (an opaque origin); such a
/// value names no site, so a request made for it is cross-site.
///
/// Plain ASCII names are read without allocating (lower-cased only when
/// they are not); IP addresses, Unicode names and anything unusual go
/// through the `url` crate's host parser, which canonicalizes them
/// (`127.1` is `127.0.0.1`, `bücher.example` is `xn--bcher-kva.example`).
pub(crate) fn parse_origin(value: &str) -> Option<Origin<'_>> {
    // No host is longer than DNS allows (253 bytes), nor an origin much
    // longer: refused before any work that grows with the length (the
    // public suffix lookup that follows does).
    if value.len() > MAX_ORIGIN_LEN {
        return None;
    }
    // The common case first, in one pass: a lower-case name alone.
    if value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'))
        && !value.is_empty()
        && value != "null"
        && !ipv4_like(value)
        && !has_a_label(value)
    {
        return Some(Origin {
            scheme: None,
            host: Cow::Borrowed(value),
        });
    }
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    let (scheme, rest) = match value.split_once("://") {
        Some((scheme, rest)) => {
            let valid = scheme
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic())
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
            if !valid {
                return None;
            }
            (Some(scheme), rest.strip_suffix('/').unwrap_or(rest))
        }
        None => (None, value),
    };
    if rest.is_empty() || rest.eq_ignore_ascii_case("null") {
        return None;
    }
    // `host:port`, the port a number a URL takes (an IPv6 address written
    // without brackets has colons of its own: the slow path reads it).
    let host = match rest.rsplit_once(':') {
        Some((h, port))
            if !h.contains(':')
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u16>().is_ok() =>
        {
            h
        }
        _ => rest,
    };
    let plain = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && !ipv4_like(host)
        && !has_a_label(host);
    if plain {
        let host = match host.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(host.to_ascii_lowercase()),
            false => Cow::Borrowed(host),
        };
        return Some(Origin { scheme, host });
    }
    canonical_host(rest).map(|host| Origin {
        scheme,
        host: Cow::Owned(host),
    })
}

/// The longest value read: a 253-byte host with a scheme and a port.
const MAX_ORIGIN_LEN: usize = 253 + "https://".len() + ":65535/".len();

/// Whether a label of `host` is an A-label (`xn--`, any case), which the
/// URL parser decodes and checks (`xn--zz` is no host): the slow path.
fn has_a_label(host: &str) -> bool {
    // Each `--` at a label's third byte, found in one scan.
    let b = host.as_bytes();
    (2..b.len().saturating_sub(1)).any(|i| {
        b[i] == b'-'
            && b[i + 1] == b'-'
            && (i == 2 || b[i - 3] == b'.')
            && b[i - 2].eq_ignore_ascii_case(&b'x')
            && b[i - 1].eq_ignore_ascii_case(&b'n')
    })
}

/// Whether the URL Standard reads `host` as an IPv4 address, or might:
/// its last label starts with a digit (`127.1`, `0x7f.1`).
fn ipv4_like(host: &str) -> bool {
    let label = host.trim_end_matches('.').rsplit('.').next().unwrap_or("");
    label.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// `host[:port]` as the URL Standard's parser reads it in an `http:` URL,
/// or `None` when it is not one host (a path, query, fragment, user or a
/// character a host cannot hold follows or is in it).
fn canonical_host(host_and_port: &str) -> Option<String> {
    // A bare IPv6 address (`::1`), which a URL writes in brackets.
    let bracketed;
    let host_and_port = match host_and_port.parse::<std::net::Ipv6Addr>() {
        Ok(_) => {
            bracketed = format!("[{host_and_port}]");
            bracketed.as_str()
        }
        Err(_) => host_and_port,
    };
    let url = url::Url::parse(&format!("http://{host_and_port}/")).ok()?;
    let one_host = url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none();
    match one_host {
        true => url.host_str().filter(|h| !h.is_empty()).map(str::to_owned),
        false => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast path (plain ASCII names read as they are) gives what
        /// the URL parser gives for the same host, for every value.
        #[test]
        fn the_fast_path_agrees_with_the_url_parser(
            scheme in prop::option::of("(https?|wss?|HTTP|ftp)"),
            host in "(xn--|XN--)?[a-zA-Z0-9_-]{0,6}(\\.(xn--)?[a-zA-Z0-9_-]{0,5}){0,3}\\.?",
            port in prop::option::of(0u32..70_000),
            tail in "(|/|/x|\\?q|#f|@h|\\\\x| x|:bad|:)",
        ) {
            let mut value = String::new();
            if let Some(s) = &scheme {
                value.push_str(s);
                value.push_str("://");
            }
            value.push_str(&host);
            if let Some(p) = port {
                value.push_str(&format!(":{p}"));
            }
            value.push_str(&tail);
            let got = parse_origin(&value)
                .map(|o| (o.scheme.map(str::to_owned), o.host.into_owned()));
            // The reference: every host through the URL parser.
            let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
            let rest = match &scheme {
                Some(s) => value[s.len() + 3..].strip_suffix('/').unwrap_or(&value[s.len() + 3..]),
                None => value,
            };
            let want = match rest.is_empty() || rest.eq_ignore_ascii_case("null") {
                true => None,
                false => canonical_host(rest).map(|h| (scheme.clone(), h)),
            };
            prop_assert_eq!(got, want, "{:?}", value);
        }
    }

    fn host(value: &str) -> Option<String> {
        parse_origin(value).map(|o| o.host.into_owned())
    }

    #[test]
    fn hosts_and_origins() {
        for (value, scheme, want) in [
            ("a.example", None, "a.example"),
            ("A.Example:8443", None, "a.example"),
            ("https://a.example", Some("https"), "a.example"),
            ("HTTPS://a.example:443/", Some("HTTPS"), "a.example"),
            ("  wss://a.example\n", Some("wss"), "a.example"),
            ("a.example.", None, "a.example."),
            ("_dmarc.a.example", None, "_dmarc.a.example"),
            ("127.0.0.1", None, "127.0.0.1"),
            ("127.1", None, "127.0.0.1"),
            ("0x7f.0.0.1:80", None, "127.0.0.1"),
            ("::1", None, "[::1]"),
            ("[::0001]:8080", None, "[::1]"),
            ("http://[0:0:0:0:0:0:0:1]", Some("http"), "[::1]"),
            ("bücher.example", None, "xn--bcher-kva.example"),
            ("XN--BCHER-KVA.example", None, "xn--bcher-kva.example"),
            (
                "https://Bücher.example",
                Some("https"),
                "xn--bcher-kva.example",
            ),
        ] {
            let o = parse_origin(value).unwrap_or_else(|| panic!("{value:?}"));
            assert_eq!((o.scheme, o.host.as_ref()), (scheme, want), "{value:?}");
        }
    }

    /// What is not one host names no site: a request made for it is
    /// cross-site, whatever host its text ends with.
    #[test]
    fn not_hosts() {
        for value in [
            "",
            "   ",
            "null",
            "NULL",
            "https://",
            "https:///",
            "https://a.example/x",
            "https://evil.example/x.a.example",
            "https://evil.example\\.a.example",
            "evil.example\\.a.example",
            "evil.example#.a.example",
            "evil.example?.a.example",
            "https://evil.example:.a.example",
            "evil.example .a.example",
            "https://evil.example@a.example",
            "https://a.example:bad",
            "a.example/x",
            "1https://a.example",
            "ht tp://a.example",
            "[::1",
            // A-labels that do not decode.
            "xn--zz.a.example",
            "XN--ZZ.a.example",
            "xn--.a.example",
            "https://xn--zz.a.example",
        ] {
            assert_eq!(host(value), None, "{value:?}");
        }
    }
}
