//! Host canonicalisation, domain matching and path matching
//! (RFC 6265bis §5.1.2 - §5.1.4), and the "secure origin" test.

use crate::short_str::ShortStr;
use url::{Host, Url};

/// A request host in canonical form (RFC 6265bis §5.1.2): lower case, IDNA
/// A-labels, or an IP address literal (IPv6 in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RequestHost<'a> {
    /// The canonical host string.
    pub(crate) name: &'a str,
    /// Whether the host is an IP address (never domain-matched).
    pub(crate) is_ip: bool,
}

/// The longest host that gets cookies, without a trailing dot: a DNS
/// name is at most 253 characters as text (RFC 1035 §2.3.4: 255 octets
/// on the wire). A longer host can never be resolved, so no
/// request reaches it; refusing it keeps the cost of a store or a lookup,
/// which read each label suffix of the host, bounded (a redirect to an
/// 80 KB host took 123 ms to store two cookies and 61 ms to look them up).
pub(crate) const MAX_HOST_LEN: usize = 253;

/// RFC 6265bis §5.1.2: the canonicalized host of `url`, or `None` when the
/// URL has no host, or one longer than a DNS name can be
/// ([`MAX_HOST_LEN`]). `url` has already lower-cased and IDNA-encoded the
/// host of `http`, `https`, `ws` and `wss` URLs; for other schemes hosts
/// are opaque and are used as given.
pub(crate) fn request_host(url: &Url) -> Option<RequestHost<'_>> {
    let name = url.host_str()?;
    if name.is_empty() || name.strip_suffix('.').unwrap_or(name).len() > MAX_HOST_LEN {
        return None;
    }
    let is_ip = matches!(url.host(), Some(Host::Ipv4(_) | Host::Ipv6(_)));
    Some(RequestHost { name, is_ip })
}

/// The request host that cookies may be stored for (RFC 6265bis §5.7
/// uses the canonicalized request host, §5.1.2): [`request_host`], but,
/// under a scheme other than `http`, `https`, `ws`, `wss`, `ftp` and
/// `file`, whose hosts the URL parser leaves as written, `None` for a
/// host not already as the parser writes an `http` host (upper case, a
/// `%`, or a last label that is a number but not a dotted IPv4
/// address). `foo://0.0.1` is no host: as an `http` host it is the
/// address `0.0.0.1`, and under Netscape rules its host cookie would go
/// to `foo://10.0.0.1`. There, a dotted IPv4 address counts as an
/// address.
///
/// Lookups take [`lookup_host`]: such a host gets only the cookies of the
/// hosts and domains it domain-matches, which are not of these forms.
#[inline]
pub(crate) fn storing_host(url: &Url) -> Option<RequestHost<'_>> {
    let host = request_host(url)?;
    if host.is_ip || is_special(url) {
        return Some(host);
    }
    // An opaque host (a scheme the URL parser does not know).
    if host.name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some(RequestHost {
            name: host.name,
            is_ip: true,
        });
    }
    let name = host.name.as_bytes();
    let name = name.strip_suffix(b".").unwrap_or(name);
    let plain =
        |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.');
    (name.iter().all(plain) && !last_label_is_number(name)).then_some(host)
}

/// The request host that cookies are looked up for: [`request_host`],
/// but an opaque host (under a scheme other than those
/// [`storing_host`] names) whose last label is a number, such as
/// `x.10.0.0.1`, counts as an address, so that it domain-matches no
/// domain but itself. As an `http` host it is no host at all (the URL
/// parser refuses it), and no cookie is stored for it; were its label
/// suffixes read, the cookies of `10.0.0.1` would reach it, which under
/// Netscape rules include that address's host cookies: an address has no
/// subdomains (RFC 6265bis §5.1.3).
#[inline]
pub(crate) fn lookup_host(url: &Url) -> Option<RequestHost<'_>> {
    let host = request_host(url)?;
    let name = host.name.as_bytes();
    let name = name.strip_suffix(b".").unwrap_or(name);
    // Most hosts end in a letter past `f`, which no number ends in (but
    // `0x`, an empty hexadecimal number): one byte's test, before the
    // scheme's.
    let maybe_number = name
        .last()
        .is_none_or(|&b| b.is_ascii_hexdigit() || b == b'x');
    if host.is_ip || !maybe_number || is_special(url) {
        return Some(host);
    }
    let is_ip = last_label_is_number(name);
    Some(RequestHost { is_ip, ..host })
}

/// Whether `url`'s scheme is one whose hosts the URL parser makes
/// canonical (lower case, IDNA, IPv4 read as an address): `http`,
/// `https`, `ws`, `wss`, `ftp` and `file`.
#[inline]
fn is_special(url: &Url) -> bool {
    // Byte patterns: compared inline, where string patterns call memcmp.
    matches!(
        url.scheme().as_bytes(),
        b"http" | b"https" | b"ws" | b"wss" | b"ftp" | b"file"
    )
}

/// Whether a host's last label is a number (decimal, or hexadecimal after
/// `0x`): the URL parser reads such an `http` host as an IPv4 address, or
/// refuses it.
fn last_label_is_number(name: &[u8]) -> bool {
    let last = name.rsplit(|&b| b == b'.').next().unwrap_or_default();
    match last.strip_prefix(b"0x") {
        Some(hex) => hex.iter().all(u8::is_ascii_hexdigit),
        None => last.iter().all(u8::is_ascii_digit),
    }
}

/// Whether a cookie's domain has an empty label
/// ([`Rejection::DomainEmptyLabel`](crate::Rejection::DomainEmptyLabel)):
/// it is empty, starts with a dot, or has two dots in a row, counting
/// one trailing dot as part of its last label (`example.com.` has none).
#[inline]
pub(crate) fn has_empty_label(name: &[u8]) -> bool {
    let name = name.strip_suffix(b".").unwrap_or(name);
    match (name.first(), name.last()) {
        (Some(b'.'), _) | (_, Some(b'.')) | (None, _) => true,
        _ => crate::bytes::has_pair(name, b'.'),
    }
}

/// Whether a host string is an IP address literal: dotted IPv4, or IPv6
/// (bracketed, as URLs write it, or bare). Such a host is its own site
/// and is never domain-matched (RFC 6265bis §5.1.3).
pub(crate) fn is_ip_literal(host: &str) -> bool {
    host.starts_with('[')
        || host.parse::<std::net::Ipv4Addr>().is_ok()
        || host.parse::<std::net::Ipv6Addr>().is_ok()
}

/// RFC 6265bis §5.1.3 "domain-match": `host` (canonical) domain-matches
/// `domain` (canonical, no leading dot) when they are identical, or when
/// `domain` is a suffix of `host` preceded by a dot and `host` is a host
/// name rather than an IP address (`10.0.0.1` matches only itself).
///
/// ```
/// use cookiejar::domain_match;
/// assert!(domain_match("www.example.com", "example.com"));
/// assert!(!domain_match("example.com", "www.example.com"));
/// assert!(!domain_match("10.0.0.1", "0.0.1"));
/// ```
pub fn domain_match(host: &str, domain: &str) -> bool {
    domain_match_bytes(host.as_bytes(), is_ip_literal(host), domain.as_bytes())
}

/// [`domain_match`] on bytes, for a host already known to be an IP
/// address or not (`is_ip`).
pub(crate) fn domain_match_bytes(host: &[u8], is_ip: bool, domain: &[u8]) -> bool {
    if host == domain {
        return true;
    }
    !is_ip
        && !domain.is_empty()
        && host.len() > domain.len()
        && host.ends_with(domain)
        && host[host.len() - domain.len() - 1] == b'.'
}

/// RFC 6265bis §5.1.4 "path-match": `request_path` path-matches
/// `cookie_path` when they are identical, or `cookie_path` is a prefix of
/// it that ends with `/` or is followed in it by `/`.
#[inline]
pub fn path_match(request_path: &str, cookie_path: &str) -> bool {
    path_match_bytes(request_path.as_bytes(), cookie_path.as_bytes())
}

/// [`path_match`] over bytes (RFC 6265bis §5.1.4), for the store, which
/// keeps the first bytes of each cookie path inline.
#[inline]
pub(crate) fn path_match_bytes(req: &[u8], cp: &[u8]) -> bool {
    // The most common cookie path, `/`, matches every request path that
    // starts with `/`.
    if cp == b"/" {
        return req.first() == Some(&b'/');
    }
    if req.len() < cp.len() || req[..cp.len()] != *cp {
        return false;
    }
    req.len() == cp.len() || cp.last() == Some(&b'/') || req[cp.len()] == b'/'
}

/// RFC 6265bis §5.1.4 "default-path" of a request URL's path: up to, but
/// not including, its right-most `/`; `/` when the path is empty, does not
/// start with `/`, or has no other `/`.
pub fn default_path(uri_path: &str) -> &str {
    if !uri_path.starts_with('/') {
        return "/";
    }
    match uri_path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &uri_path[..i],
    }
}

/// The path of `url` used for path matching: the URL parser's path
/// (percent-encoding kept, dot segments resolved), `/` when empty.
pub(crate) fn request_path(url: &Url) -> &str {
    let p = url.path();
    if p.is_empty() {
        "/"
    } else {
        p
    }
}

/// Whether `url` is a "secure" origin for cookies (RFC 6265bis §5.7
/// step 13, §5.8.3): `https` or `wss`, or a loopback host (`localhost`,
/// `*.localhost`, `127.0.0.0/8`, `[::1]`), which browsers treat as
/// potentially trustworthy.
pub fn is_secure_origin(url: &Url) -> bool {
    match url.scheme() {
        "https" | "wss" => return true,
        "http" | "ws" => {}
        _ => return false,
    }
    match url.host() {
        Some(Host::Domain(d)) => {
            let d = d.strip_suffix('.').unwrap_or(d);
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Canonicalises a `Domain` attribute value (already stripped of one
/// leading dot) per RFC 6265bis §5.7 step 7-8: lower case. Returns `None`
/// when it contains a non-ASCII byte (the cookie is then ignored).
pub(crate) fn canonical_domain_attribute(raw: &[u8]) -> Option<ShortStr> {
    ShortStr::ascii_lowercase_ascii(raw)
}

/// The suffixes of `host` at label boundaries, longest first:
/// `a.b.c` gives `a.b.c`, `b.c`, `c`. An IP address gives only itself.
pub(crate) fn host_suffixes(host: &str, is_ip: bool) -> impl Iterator<Item = &str> {
    let mut next = Some(0usize);
    std::iter::from_fn(move || {
        let start = next?;
        let s = &host[start..];
        next = if is_ip {
            None
        } else {
            s.find('.').map(|i| start + i + 1)
        };
        Some(s)
    })
    .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_matching() {
        assert!(domain_match("example.com", "example.com"));
        assert!(domain_match("a.example.com", "example.com"));
        assert!(!domain_match("aexample.com", "example.com"));
        assert!(!domain_match("example.com", "a.example.com"));
        assert!(!domain_match("1.2.3.4", "2.3.4"));
        assert!(domain_match("1.2.3.4", "1.2.3.4"));
        assert!(!domain_match("[::1]", "1]"));
        assert!(!domain_match("example.com", ""));
        assert!(!domain_match("example.com", "com."));
    }

    #[test]
    fn path_matching() {
        assert!(path_match("/", "/"));
        assert!(path_match("/a/b", "/a"));
        assert!(path_match("/a/b", "/a/"));
        assert!(path_match("/a/", "/a"));
        assert!(!path_match("/ab", "/a"));
        assert!(!path_match("/", "/a"));
        assert!(!path_match("/A", "/a"));
        assert!(path_match("/a", "/a"));
    }

    #[test]
    fn default_paths() {
        assert_eq!(default_path(""), "/");
        assert_eq!(default_path("x"), "/");
        assert_eq!(default_path("/"), "/");
        assert_eq!(default_path("/a"), "/");
        assert_eq!(default_path("/a/"), "/a");
        assert_eq!(default_path("/a/b"), "/a");
        assert_eq!(default_path("/a/b/c"), "/a/b");
    }

    #[test]
    fn secure_origins() {
        let s = |u: &str| is_secure_origin(&Url::parse(u).unwrap());
        assert!(s("https://example.com/"));
        assert!(s("wss://example.com/"));
        assert!(!s("http://example.com/"));
        assert!(s("http://localhost:8080/"));
        assert!(s("http://a.localhost/"));
        assert!(s("http://127.0.0.1/"));
        assert!(s("http://127.9.9.9/"));
        assert!(s("http://[::1]/"));
        assert!(!s("http://localhost.example/"));
        assert!(!s("ftp://localhost/"));
    }

    #[test]
    fn suffixes() {
        let v: Vec<_> = host_suffixes("a.b.c", false).collect();
        assert_eq!(v, ["a.b.c", "b.c", "c"]);
        let v: Vec<_> = host_suffixes("1.2.3.4", true).collect();
        assert_eq!(v, ["1.2.3.4"]);
        let v: Vec<_> = host_suffixes("a.b.", false).collect();
        assert_eq!(v, ["a.b.", "b."]);
        let v: Vec<_> = host_suffixes("localhost", false).collect();
        assert_eq!(v, ["localhost"]);
    }

    #[test]
    fn opaque_hosts_ending_in_a_number_are_looked_up_as_addresses() {
        let look = |u: &str| {
            let u = Url::parse(u).unwrap();
            lookup_host(&u).map(|h| (h.name.to_owned(), h.is_ip))
        };
        let host = |name: &str, is_ip: bool| Some((name.to_owned(), is_ip));
        assert_eq!(look("git://x.10.0.0.1/"), host("x.10.0.0.1", true));
        assert_eq!(look("git://10.0.0.1/"), host("10.0.0.1", true));
        assert_eq!(look("git://a.0x1f./"), host("a.0x1f.", true));
        assert_eq!(look("git://a.b1/"), host("a.b1", false));
        assert_eq!(look("git://a.0x1g/"), host("a.0x1g", false));
        assert_eq!(look("git://a.0x/"), host("a.0x", true));
        // An empty last label (after the one trailing dot) is no number:
        // `a..` ends in no digit, so it is a name.
        assert_eq!(look("git://a../"), host("a..", false));
        assert_eq!(
            look("git://www.example.com/"),
            host("www.example.com", false)
        );
        // Special schemes: as the URL parser gives them.
        assert_eq!(look("http://0x7f.1/"), host("127.0.0.1", true));
        assert_eq!(look("http://a.b1/"), host("a.b1", false));
        assert_eq!(look("data:text/plain,x"), None);
    }

    #[test]
    fn canonical_hosts() {
        let u = Url::parse("http://WWW.Example.COM:8080/").unwrap();
        assert_eq!(request_host(&u).unwrap().name, "www.example.com");
        let u = Url::parse("http://bücher.example/").unwrap();
        assert_eq!(request_host(&u).unwrap().name, "xn--bcher-kva.example");
        let u = Url::parse("http://[::1]/").unwrap();
        let h = request_host(&u).unwrap();
        assert!(h.is_ip);
        assert_eq!(h.name, "[::1]");
        let u = Url::parse("http://0x7f.1/").unwrap();
        assert_eq!(request_host(&u).unwrap().name, "127.0.0.1");
        assert!(request_host(&Url::parse("data:text/plain,x").unwrap()).is_none());
        // A DNS name's length, with and without its trailing dot, and one
        // more.
        let name = |n: usize| format!("{}.example", "a".repeat(n - ".example".len()));
        for (host, some) in [
            (name(253), true),
            (name(253) + ".", true),
            (name(254), false),
        ] {
            let u = Url::parse(&format!("https://{host}/")).unwrap();
            assert_eq!(request_host(&u).is_some(), some, "{}", host.len());
        }
    }

    #[test]
    fn hosts_cookies_are_stored_for() {
        let stores = |url: &str| {
            let u = Url::parse(url).unwrap();
            storing_host(&u).map(|h| (h.name.to_owned(), h.is_ip))
        };
        let host = |name: &str, is_ip| Some((name.to_owned(), is_ip));
        assert_eq!(
            stores("https://a.example.com/"),
            host("a.example.com", false)
        );
        assert_eq!(
            stores("https://a.example.com./"),
            host("a.example.com.", false)
        );
        assert_eq!(stores("https://10.0.0.1/"), host("10.0.0.1", true));
        assert_eq!(stores("https://[::1]/"), host("[::1]", true));
        // Empty labels, which the URL parser lets through, are judged by
        // the domains cookies get (see `has_empty_label`).
        assert_eq!(stores("https://a..com/"), host("a..com", false));
        // Special hosts are kept as the URL parser wrote them, even with
        // bytes an opaque host may not have.
        assert_eq!(stores("https://a~b.example/"), host("a~b.example", false));
        assert_eq!(stores("http://a!b.example./"), host("a!b.example.", false));
        // Opaque hosts: only as the parser writes an http host.
        assert_eq!(stores("foo://a.example/"), host("a.example", false));
        assert_eq!(stores("foo://10.0.0.1/"), host("10.0.0.1", true));
        assert_eq!(stores("foo://[::1]/"), host("[::1]", true));
        for url in [
            "foo://EXAMPLE.com/",
            "foo://0.0.1/",
            "foo://a.0x1f/",
            "foo://a%2eb/",
        ] {
            assert_eq!(stores(url), None, "{url}");
        }
        // As http hosts, these are an address or invalid.
        assert_eq!(
            Url::parse("http://0.0.1/").unwrap().host_str(),
            Some("0.0.0.1")
        );
        assert!(Url::parse("http://a.0x1f/").is_err());
    }

    #[test]
    fn empty_labels() {
        for (name, empty) in [
            ("example.com", false),
            ("example.com.", false),
            ("com", false),
            ("", true),
            (".", true),
            ("..", true),
            (".com", true),
            ("com..", true),
            ("a..com", true),
            ("a.com...", true),
        ] {
            assert_eq!(has_empty_label(name.as_bytes()), empty, "{name:?}");
        }
    }
}
