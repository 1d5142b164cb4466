//! ClientCookie's acceptance and return rules (Python
//! `http.cookiejar.DefaultCookiePolicy`), for [`Rules::ClientCookie`].
//!
//! Each check below is named after the `DefaultCookiePolicy` method it
//! follows (`set_ok_version`, `set_ok_domain`, `return_ok_domain`, ...),
//! with the RFC 2965 section it implements. The cookie's domain is
//! compared in ClientCookie's form: `.example.com` for a cookie with a
//! `Domain` attribute, the effective request-host (`intranet.local` for a
//! dotless host) for one without.
//!
//! Where these rules deliberately differ from Python's, see
//! [`DefaultCookiePolicy::client_cookie`].
//!
//! [`Rules::ClientCookie`]: crate::policy::Rules::ClientCookie

use std::borrow::Cow;

use url::{Host, Url};

use crate::cookie::Cookie;
use crate::matching::{is_ip_literal, path_match};
use crate::policy::default::{DefaultCookiePolicy, DomainStrictness};
use crate::policy::origin::parse_origin;
use crate::policy::Rejection;
use crate::traits::Request;

/// RFC 2965 §1 "HDN": a host domain name, not an IP address, without a
/// leading or trailing dot (`is_HDN`).
fn is_hdn(s: &str) -> bool {
    !s.is_empty() && !is_ip_literal(s) && !s.starts_with('.') && !s.ends_with('.')
}

/// RFC 2965 §1 effective host name (`eff_request_host`): a host name
/// without a dot gets `.local` appended.
pub(crate) fn effective_host(host: &str) -> Cow<'_, str> {
    if !host.contains('.') && !is_ip_literal(host) {
        format!("{host}.local").into()
    } else {
        host.into()
    }
}

/// The request host (`request_host`): lower case, without the port.
fn request_host(url: &Url) -> String {
    match url.host() {
        Some(Host::Ipv6(_)) | Some(Host::Ipv4(_)) | Some(Host::Domain(_)) => {
            url.host_str().unwrap_or("").to_ascii_lowercase()
        }
        None => String::new(),
    }
}

/// RFC 2965 §3.3.1 request-port: the URL's port, or its scheme's default.
fn request_port(url: &Url) -> String {
    url.port_or_known_default()
        .map_or_else(|| "80".to_owned(), |p| p.to_string())
}

/// RFC 2965 §1 domain-match (`domain_match`): `a` equals `b`, or `a` is a
/// host name `N` + `b` where `b` starts with a dot and is otherwise a host
/// name and `N` is not empty.
pub(crate) fn domain_match_2965(a: &str, b: &str) -> bool {
    let a = a.to_ascii_lowercase();
    let b = b.to_ascii_lowercase();
    if a == b {
        return true;
    }
    if !is_hdn(&a) {
        return false;
    }
    match b.strip_prefix('.') {
        Some(rest) => is_hdn(rest) && a.len() > b.len() && a.ends_with(&b),
        None => false,
    }
}

/// RFC 2965 §1 reach of a host (`reach`): `.B` for a host `A.B` where `B`
/// has an embedded dot or is `local`; otherwise the host itself.
fn reach(h: &str) -> Cow<'_, str> {
    if let Some(i) = h.find('.') {
        let b = &h[i + 1..];
        if is_hdn(h) && (b.contains('.') || b == "local") {
            return format!(".{b}").into();
        }
    }
    h.into()
}

/// RFC 2965 §3.3.6 (`is_third_party`): the request host does not
/// domain-match the reach of the origin transaction's host (given as a
/// host or as an origin; anything else names no host, and is a third
/// party).
pub(crate) fn is_third_party(request: &dyn Request) -> bool {
    let host = request_host(request.url());
    let origin = match request.origin_request_host().map(parse_origin) {
        Some(Some(o)) => o.host,
        Some(None) => return true,
        None => return false,
    };
    !domain_match_2965(&host, &reach(&origin))
}

/// The cookie's domain as ClientCookie stores it.
pub(crate) fn client_domain(cookie: &Cookie) -> Cow<'_, str> {
    if cookie.host_only() {
        effective_host(cookie.domain())
    } else {
        format!(".{}", cookie.domain()).into()
    }
}

fn version(cookie: &Cookie) -> u32 {
    cookie.version().unwrap_or(0)
}

/// `set_ok_version` and `return_ok_version`.
fn check_version(p: &DefaultCookiePolicy, cookie: &Cookie) -> Result<(), Rejection> {
    let v = version(cookie);
    if (v > 0 && !p.rfc2965) || (v == 0 && !p.netscape) {
        return Err(Rejection::ProtocolDisabled);
    }
    Ok(())
}

/// `set_ok_verifiability` and `return_ok_verifiability` (RFC 2965 §3.3.6).
fn check_verifiability(
    p: &DefaultCookiePolicy,
    cookie: &Cookie,
    request: &dyn Request,
) -> Result<(), Rejection> {
    if request.is_unverifiable() && is_third_party(request) {
        let v = version(cookie);
        if (v > 0 && p.strict_rfc2965_unverifiable) || (v == 0 && p.strict_ns_unverifiable) {
            return Err(Rejection::ThirdParty);
        }
    }
    Ok(())
}

fn check_lists(p: &DefaultCookiePolicy, domain: &str) -> Result<(), Rejection> {
    if p.blocked_domains.matches(domain) {
        return Err(Rejection::Blocked);
    }
    if p.allowed_domains
        .as_ref()
        .is_some_and(|list| !list.matches(domain))
    {
        return Err(Rejection::NotAllowed);
    }
    Ok(())
}

/// ClientCookie's `set_ok`: version, verifiability, name, path, domain and
/// port checks, in that order (RFC 2965 §3.3.2 for version 1 cookies, the
/// Netscape rules and the `strict_ns_*` switches for version 0).
pub(crate) fn set_ok(
    p: &DefaultCookiePolicy,
    cookie: &Cookie,
    request: &dyn Request,
) -> Result<(), Rejection> {
    let v = version(cookie);
    check_version(p, cookie)?;
    check_verifiability(p, cookie, request)?;
    // set_ok_name
    if v == 0 && p.strict_ns_set_initial_dollar && cookie.name().starts_with('$') {
        return Err(Rejection::DollarName);
    }
    // set_ok_path (RFC 2965 §3.3.2: the Path must be a prefix of the
    // request path).
    if cookie.path_specified()
        && (v > 0 || p.strict_ns_set_path)
        && !path_match(
            &crate::legacy::escaped_request_path(request.url()),
            cookie.path(),
        )
    {
        return Err(Rejection::PathMismatch);
    }
    set_ok_domain(p, cookie, request)?;
    // set_ok_port (RFC 2965 §3.3.2).
    if cookie.port_specified() {
        let req_port = request_port(request.url());
        let mut ok = false;
        // Every entry must be a number, as Python's `int()` reads it
        // (`-1` is one, never a port): Python stops at the request's
        // port, so `Port="80,\"; a=1; x=\""` went back, as written, in a
        // `$Port` that a server not reading quoted strings splits into
        // more cookies.
        for port in cookie.port().unwrap_or("").split(',') {
            if crate::legacy::parse_int(port).is_none() {
                return Err(Rejection::PortMismatch);
            }
            ok |= port == req_port;
        }
        if !ok {
            return Err(Rejection::PortMismatch);
        }
    }
    Ok(())
}

/// `set_ok_domain` (RFC 2965 §3.3.2 for version 1; Netscape tail matching
/// and the `strict_ns_domain` flags for version 0).
fn set_ok_domain(
    p: &DefaultCookiePolicy,
    cookie: &Cookie,
    request: &dyn Request,
) -> Result<(), Rejection> {
    let domain = client_domain(cookie);
    check_lists(p, &domain)?;
    if cookie.host_only() {
        return Ok(());
    }
    let v = version(cookie);
    let req_host = request_host(request.url());
    let erhn = effective_host(&req_host);
    // A trailing dot names the same domain (`com.` is `com`), so it is no
    // embedded dot: Python counts it as one, and stores `Domain=.com.`
    // from `www.example.com.` for every `.com.` host.
    let bare = domain.strip_suffix('.').unwrap_or(&domain);
    if p.strict_domain && bare.matches('.').count() >= 2 {
        if let Some(i) = bare.rfind('.') {
            if bare[..i].rfind('.') == Some(0) {
                let tld = &bare[i + 1..];
                let sld = bare[1..i].to_ascii_lowercase();
                const SLDS: [&str; 21] = [
                    "co", "ac", "com", "edu", "org", "net", "gov", "mil", "int", "aero", "biz",
                    "cat", "coop", "info", "jobs", "mobi", "museum", "name", "pro", "travel", "eu",
                ];
                if SLDS.contains(&sld.as_str()) && tld.len() == 2 {
                    return Err(Rejection::DomainTooBroad);
                }
            }
        }
    }
    let undotted = domain.strip_prefix('.').unwrap_or(&domain);
    if !bare.strip_prefix('.').unwrap_or(bare).contains('.') && !erhn.ends_with(".local") {
        return Err(Rejection::DomainTooBroad);
    }
    if v == 0
        && !(erhn.ends_with(domain.as_ref())
            || erhn.ends_with(&format!("{undotted}.local"))
            || format!(".{erhn}").ends_with(domain.as_ref()))
    {
        return Err(Rejection::DomainMismatch);
    }
    if (v > 0 || p.strict_ns_domain.contains(DomainStrictness::RFC2965_MATCH))
        && !domain_match_2965(&erhn, &domain)
    {
        return Err(Rejection::DomainMismatch);
    }
    if v > 0 || p.strict_ns_domain.contains(DomainStrictness::NO_DOTS) {
        let prefix = req_host
            .len()
            .checked_sub(domain.len())
            .and_then(|n| req_host.get(..n))
            .unwrap_or("");
        if prefix.contains('.') && !is_ip_literal(&req_host) {
            return Err(Rejection::HostPrefixHasDot);
        }
    }
    Ok(())
}

/// ClientCookie's `return_ok`: version, verifiability, secure, port and
/// domain (the jar has already checked expiry and path), plus the block and
/// allow lists of `domain_return_ok`.
pub(crate) fn return_ok(
    p: &DefaultCookiePolicy,
    cookie: &Cookie,
    request: &dyn Request,
) -> Result<(), Rejection> {
    check_version(p, cookie)?;
    check_verifiability(p, cookie, request)?;
    let url = request.url();
    // Loopback hosts count as secure, as browsers treat them (Python
    // goes by the scheme alone).
    if cookie.secure() && !p.is_secure_request(url) {
        return Err(Rejection::NotSecureChannel);
    }
    // Every entry a number, as `set_ok` asks of a response's cookie: a
    // file's or a whole cookie's list goes back as written in `$Port`.
    if let Some(ports) = cookie.port().filter(|s| !s.is_empty()) {
        let req_port = request_port(url);
        let mut entries = ports.split(',');
        if !entries.clone().any(|p| p == req_port)
            || !entries.all(|p| crate::legacy::parse_int(p).is_some())
        {
            return Err(Rejection::PortMismatch);
        }
    }
    // return_ok_domain
    let v = version(cookie);
    let req_host = request_host(url);
    let erhn = effective_host(&req_host);
    let domain = client_domain(cookie);
    if v == 0
        && p.strict_ns_domain.contains(DomainStrictness::NON_DOMAIN)
        && cookie.host_only()
        && *domain != *erhn
    {
        return Err(Rejection::NotOwnHost);
    }
    if v > 0 && !domain_match_2965(&erhn, &domain) {
        return Err(Rejection::DomainMismatch);
    }
    if v == 0 {
        let dotdomain: Cow<'_, str> = if domain.starts_with('.') {
            domain.clone()
        } else {
            format!(".{domain}").into()
        };
        if !format!(".{erhn}").ends_with(dotdomain.as_ref()) {
            return Err(Rejection::DomainMismatch);
        }
    }
    check_lists(p, &domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2965_domain_match() {
        assert!(domain_match_2965("x.y.com", ".Y.com"));
        assert!(!domain_match_2965("x.y.com", "y.com"));
        assert!(!domain_match_2965("y.com", ".y.com"));
        assert!(domain_match_2965("y.com", "Y.COM"));
        assert!(!domain_match_2965("a.y.com.x", ".y.com"));
        assert!(!domain_match_2965("1.2.3.4", ".3.4"));
    }

    #[test]
    fn reaches() {
        assert_eq!(reach("www.acme.com"), ".acme.com");
        assert_eq!(reach("acme.com"), "acme.com");
        assert_eq!(reach("acme.local"), ".local");
        assert_eq!(reach("localhost"), "localhost");
        assert_eq!(reach("10.0.0.1"), "10.0.0.1");
    }

    #[test]
    fn effective_hosts() {
        assert_eq!(effective_host("intranet"), "intranet.local");
        assert_eq!(effective_host("www.example.com"), "www.example.com");
        assert_eq!(effective_host("[::1]"), "[::1]");
    }
}
