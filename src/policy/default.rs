//! The default policy: RFC 6265bis as browsers ship it, with switches.

use std::sync::Arc;

use crate::cookie::Cookie;
use crate::matching::{is_secure_origin, request_host};
use crate::parse::ParseLimits;
use crate::policy::{CookiePolicy, Rejection};
use crate::psl::{BuiltinList, PublicSuffixList};
use crate::traits::Request;

/// Which public suffix list the policy consults (RFC 6265bis §5.7 step 9).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum PublicSuffixes {
    /// The vendored Public Suffix List ([`BuiltinList`]).
    #[default]
    Builtin,
    /// No public suffix check: a cookie may be set for `Domain=com`.
    /// ClientCookie / Python behaviour, and unsafe on the web.
    Off,
    /// A list of the caller's.
    Custom(Arc<dyn PublicSuffixList>),
}

/// Whether the cookie name prefixes `__Secure-` and `__Host-` are enforced
/// (RFC 6265bis §4.1.3, §5.7 steps 20-22).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum PrefixRules {
    /// Enforced, case-insensitively, as browsers do.
    #[default]
    Enforce,
    /// Not enforced (ClientCookie / Python behaviour).
    Ignore,
}

/// Whether cookies are set and sent in third-party (cross-site) requests:
/// requests whose [`origin_request_host`](Request::origin_request_host) is
/// on another site (registrable domain) than the request's host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ThirdPartyCookies {
    /// Allowed (RFC 6265bis leaves this to the user agent).
    #[default]
    Allow,
    /// Neither stored from nor sent with third-party requests.
    Block,
}

/// The default cookie policy: RFC 6265bis with every check on, plus block
/// and allow lists in the manner of ClientCookie's `DefaultCookiePolicy`.
///
/// ```
/// use cookiejar::{DefaultCookiePolicy, ThirdPartyCookies};
/// let policy = DefaultCookiePolicy::builder()
///     .third_party(ThirdPartyCookies::Block)
///     .blocked_domains([".ads.example"])
///     .build();
/// assert!(policy.is_blocked("tracker.ads.example"));
/// ```
#[derive(Debug, Clone)]
pub struct DefaultCookiePolicy {
    public_suffixes: PublicSuffixes,
    prefixes: PrefixRules,
    third_party: ThirdPartyCookies,
    limits: ParseLimits,
    max_age_cap: Option<i64>,
    blocked_domains: Vec<String>,
    allowed_domains: Option<Vec<String>>,
}

impl Default for DefaultCookiePolicy {
    fn default() -> Self {
        DefaultCookiePolicy {
            public_suffixes: PublicSuffixes::Builtin,
            prefixes: PrefixRules::Enforce,
            third_party: ThirdPartyCookies::Allow,
            limits: ParseLimits::RFC6265BIS,
            max_age_cap: Some(400 * 24 * 60 * 60),
            blocked_domains: Vec::new(),
            allowed_domains: None,
        }
    }
}

/// Builds a [`DefaultCookiePolicy`]; every setter is optional and the
/// defaults are RFC 6265bis's.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct DefaultCookiePolicyBuilder {
    policy: DefaultCookiePolicy,
}

impl DefaultCookiePolicyBuilder {
    /// Which public suffix list to consult.
    pub fn public_suffixes(mut self, p: PublicSuffixes) -> Self {
        self.policy.public_suffixes = p;
        self
    }

    /// Whether to enforce the `__Secure-` / `__Host-` prefixes.
    pub fn prefixes(mut self, p: PrefixRules) -> Self {
        self.policy.prefixes = p;
        self
    }

    /// Whether to allow third-party cookies.
    pub fn third_party(mut self, t: ThirdPartyCookies) -> Self {
        self.policy.third_party = t;
        self
    }

    /// The `Set-Cookie` size limits.
    pub fn limits(mut self, l: ParseLimits) -> Self {
        self.policy.limits = l;
        self
    }

    /// The cap on cookie lifetimes in seconds (`None`: no cap; default 400
    /// days).
    pub fn max_age_cap(mut self, seconds: Option<i64>) -> Self {
        self.policy.max_age_cap = seconds;
        self
    }

    /// Domains whose cookies are neither stored nor sent. A leading dot
    /// (`.example.com`) also blocks every subdomain, as in ClientCookie.
    pub fn blocked_domains<I, S>(mut self, domains: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.policy.set_blocked_domains(domains);
        self
    }

    /// If set, only these domains' cookies are stored and sent (same
    /// matching as [`blocked_domains`](Self::blocked_domains)).
    pub fn allowed_domains<I, S>(mut self, domains: Option<I>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.policy.set_allowed_domains(domains);
        self
    }

    /// Finishes the policy.
    pub fn build(self) -> DefaultCookiePolicy {
        self.policy
    }
}

impl DefaultCookiePolicy {
    /// The RFC 6265bis policy with every check on.
    pub fn new() -> Self {
        DefaultCookiePolicy::default()
    }

    /// A builder starting from [`DefaultCookiePolicy::new`].
    pub fn builder() -> DefaultCookiePolicyBuilder {
        DefaultCookiePolicyBuilder::default()
    }

    /// The blocked domains.
    pub fn blocked_domains(&self) -> &[String] {
        &self.blocked_domains
    }

    /// Replaces the blocked domains.
    pub fn set_blocked_domains<I, S>(&mut self, domains: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.blocked_domains = domains
            .into_iter()
            .map(|d| d.into().to_ascii_lowercase())
            .collect();
    }

    /// Whether `domain` is blocked: it equals a blocked entry, or is a
    /// subdomain of an entry written with a leading dot (ClientCookie's
    /// `user_domain_match`).
    pub fn is_blocked(&self, domain: &str) -> bool {
        self.blocked_domains
            .iter()
            .any(|b| user_domain_match(domain, b))
    }

    /// The allowed domains (`None`: no allow list).
    pub fn allowed_domains(&self) -> Option<&[String]> {
        self.allowed_domains.as_deref()
    }

    /// Replaces the allowed domains (`None`: no allow list).
    pub fn set_allowed_domains<I, S>(&mut self, domains: Option<I>)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allowed_domains = domains.map(|ds| {
            ds.into_iter()
                .map(|d| d.into().to_ascii_lowercase())
                .collect()
        });
    }

    /// Whether `domain` is outside the allow list (never, without one).
    pub fn is_not_allowed(&self, domain: &str) -> bool {
        match &self.allowed_domains {
            None => false,
            Some(list) => !list.iter().any(|a| user_domain_match(domain, a)),
        }
    }

    fn psl(&self) -> Option<&dyn PublicSuffixList> {
        match &self.public_suffixes {
            PublicSuffixes::Builtin => Some(&BuiltinList),
            PublicSuffixes::Off => None,
            PublicSuffixes::Custom(l) => Some(l.as_ref()),
        }
    }

    /// Whether `request` is a third-party request: its origin request host
    /// is on another site (registrable domain) than its own host.
    fn is_third_party(&self, request: &dyn Request) -> bool {
        let Some(origin) = request.origin_request_host() else {
            return false;
        };
        let Some(host) = request_host(request.url()) else {
            return false;
        };
        let origin = origin.to_ascii_lowercase();
        let origin = origin.trim_end_matches('.');
        let host = host.name.trim_end_matches('.');
        let site = |h: &str| -> String {
            match self.psl() {
                Some(l) => l.registrable_domain(h).unwrap_or(h).to_owned(),
                None => h.to_owned(),
            }
        };
        site(origin) != site(host)
    }

    fn check_lists(&self, cookie: &Cookie) -> Result<(), Rejection> {
        if self.blocked_domains.is_empty() && self.allowed_domains.is_none() {
            return Ok(());
        }
        let domain = dotted_domain(cookie);
        let domain = domain.as_ref();
        if self.is_blocked(domain) {
            return Err(Rejection::Blocked);
        }
        if self.is_not_allowed(domain) {
            return Err(Rejection::NotAllowed);
        }
        Ok(())
    }
}

/// The cookie's domain as ClientCookie writes it: with a leading dot for a
/// domain cookie.
fn dotted_domain(cookie: &Cookie) -> std::borrow::Cow<'_, str> {
    if cookie.host_only() {
        cookie.domain().into()
    } else {
        format!(".{}", cookie.domain()).into()
    }
}

/// ClientCookie's `user_domain_match(A, B)`: for host names, `A` equals `B`,
/// or `B` starts with a dot and `A` ends with `B`; for anything else (IP
/// addresses), equality only.
pub(crate) fn user_domain_match(a: &str, b: &str) -> bool {
    let a = a.to_ascii_lowercase();
    let b = b.to_ascii_lowercase();
    if a == b {
        return true;
    }
    let is_ip = |s: &str| {
        let s = s.trim_start_matches('.');
        s.starts_with('[') || s.parse::<std::net::Ipv4Addr>().is_ok()
    };
    if is_ip(&a) || is_ip(&b) {
        return false;
    }
    b.starts_with('.') && a.ends_with(&b)
}

impl CookiePolicy for DefaultCookiePolicy {
    /// RFC 6265bis §5.7 steps 9, 13 and 20-22, plus the block and allow
    /// lists and third-party blocking.
    fn set_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
        if self.third_party == ThirdPartyCookies::Block && self.is_third_party(request) {
            return Err(Rejection::ThirdParty);
        }
        self.check_lists(cookie)?;
        // Step 9: a Domain that is a public suffix (the jar already made it
        // host-only when it equals the request host).
        if !cookie.host_only() {
            if let Some(psl) = self.psl() {
                if psl.is_public_suffix(cookie.domain()) {
                    return Err(Rejection::PublicSuffix);
                }
            }
        }
        // Step 13.
        if cookie.secure() && !is_secure_origin(request.url()) {
            return Err(Rejection::SecureFromInsecureOrigin);
        }
        if self.prefixes == PrefixRules::Enforce {
            check_prefixes(cookie)?;
        }
        Ok(())
    }

    /// RFC 6265bis §5.8.3: a secure-only cookie goes only to a secure
    /// origin; plus the block and allow lists and third-party blocking.
    fn return_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
        if cookie.secure() && !is_secure_origin(request.url()) {
            return Err(Rejection::NotSecureChannel);
        }
        if self.third_party == ThirdPartyCookies::Block && self.is_third_party(request) {
            return Err(Rejection::ThirdParty);
        }
        self.check_lists(cookie)
    }

    fn domain_return_ok(&self, _domain: &str, request: &dyn Request) -> bool {
        !(self.third_party == ThirdPartyCookies::Block && self.is_third_party(request))
    }

    fn public_suffix_list(&self) -> Option<&dyn PublicSuffixList> {
        self.psl()
    }

    fn parse_limits(&self) -> ParseLimits {
        self.limits
    }

    fn max_age_cap(&self) -> Option<i64> {
        self.max_age_cap
    }
}

/// RFC 6265bis §5.7 steps 20-22: the `__Secure-` and `__Host-` prefixes,
/// matched case-insensitively.
fn check_prefixes(cookie: &Cookie) -> Result<(), Rejection> {
    fn has_prefix(s: &str, p: &str) -> bool {
        s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    }
    let name = cookie.name();
    if has_prefix(name, "__Secure-") && !cookie.secure() {
        return Err(Rejection::SecurePrefix);
    }
    if has_prefix(name, "__Host-")
        && !(cookie.secure() && cookie.host_only() && cookie.path() == "/")
    {
        return Err(Rejection::HostPrefix);
    }
    if name.is_empty()
        && (has_prefix(cookie.value(), "__Secure-") || has_prefix(cookie.value(), "__Host-"))
    {
        return Err(Rejection::NamelessWithPrefix);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_domain_matching() {
        assert!(user_domain_match("example.com", "example.com"));
        assert!(user_domain_match("www.example.com", ".example.com"));
        assert!(user_domain_match(".example.com", ".example.com"));
        assert!(!user_domain_match("example.com", ".example.com"));
        assert!(!user_domain_match("www.example.com", "example.com"));
        assert!(user_domain_match("WWW.Example.com", ".EXAMPLE.com"));
        assert!(!user_domain_match("1.2.3.4", ".3.4"));
        assert!(user_domain_match("1.2.3.4", "1.2.3.4"));
    }

    #[test]
    fn prefixes() {
        let c = |name: &str, secure: bool, host_only: bool, path: &str| {
            Cookie::builder(name, "v")
                .domain("example.com")
                .secure(secure)
                .host_only(host_only)
                .path(path)
                .build()
        };
        assert_eq!(
            check_prefixes(&c("__Secure-a", false, true, "/")),
            Err(Rejection::SecurePrefix)
        );
        assert_eq!(check_prefixes(&c("__secure-a", true, false, "/x")), Ok(()));
        assert_eq!(check_prefixes(&c("__Host-a", true, true, "/")), Ok(()));
        assert_eq!(
            check_prefixes(&c("__HOST-a", true, false, "/")),
            Err(Rejection::HostPrefix)
        );
        assert_eq!(
            check_prefixes(&c("__Host-a", true, true, "/x")),
            Err(Rejection::HostPrefix)
        );
        assert_eq!(
            check_prefixes(&c("__Host-a", false, true, "/")),
            Err(Rejection::HostPrefix)
        );
        let nameless = Cookie::builder("", "__Host-x=1")
            .domain("example.com")
            .secure(true)
            .build();
        assert_eq!(
            check_prefixes(&nameless),
            Err(Rejection::NamelessWithPrefix)
        );
    }
}
