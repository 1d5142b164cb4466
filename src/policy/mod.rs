//! Cookie policies: which cookies a jar accepts and returns.
//!
//! See [`CookiePolicy`] and [`DefaultCookiePolicy`].

mod client_cookie;
mod default;
mod domain_list;
mod origin;
mod rejection;

pub(crate) use default::same_site_allows;
pub use default::{
    ClientCookieRules, DefaultCookiePolicy, DefaultCookiePolicyBuilder, DomainStrictness,
    PrefixRules, PublicSuffixes, Rfc6265bisRules, SameSiteRules, ThirdPartyCookies,
};
pub use rejection::Rejection;

use std::fmt::Debug;
use std::sync::Arc;

use crate::cookie::Cookie;
use crate::parse::ParseLimits;
use crate::psl::PublicSuffixList;
use crate::traits::Request;

/// Which rules a jar follows when it reads cookie headers, stores cookies
/// and writes the `Cookie` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rules {
    /// RFC 6265bis, as browsers ship it: the `Set-Cookie` parser of §5.6,
    /// the storage model of §5.7 (host-only cookies, "leave secure cookies
    /// alone"), `Set-Cookie2` ignored.
    Rfc6265bis,
    /// ClientCookie / Python `http.cookiejar`: Netscape and RFC 2109
    /// `Set-Cookie` read as `parse_ns_headers` does, RFC 2965
    /// `Set-Cookie2`, versioned cookies and `$Version` `Cookie` headers.
    ClientCookie,
}

/// The protocols a policy reads and writes (ClientCookie's `netscape`,
/// `rfc2965`, `rfc2109_as_netscape` and `hide_cookie2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Protocols {
    /// The rules.
    pub rules: Rules,
    /// Under ClientCookie rules: read `Set-Cookie` (Netscape and RFC 2109
    /// cookies).
    pub netscape: bool,
    /// Under ClientCookie rules: read `Set-Cookie2` (RFC 2965 cookies).
    pub rfc2965: bool,
    /// Under ClientCookie rules: store RFC 2109 cookies (version 1 in
    /// `Set-Cookie`) as Netscape cookies (version 0).
    pub rfc2109_as_netscape: bool,
    /// Under ClientCookie rules: add `Cookie2: $Version="1"` to requests
    /// that carry a cookie of another version (RFC 2965 §3.3.5).
    pub advertise_cookie2: bool,
}

impl Protocols {
    /// RFC 6265bis.
    pub const RFC6265BIS: Protocols = Protocols {
        rules: Rules::Rfc6265bis,
        netscape: true,
        rfc2965: false,
        rfc2109_as_netscape: true,
        advertise_cookie2: false,
    };

    /// ClientCookie's defaults: Netscape cookies, RFC 2965 off.
    pub const CLIENT_COOKIE: Protocols = Protocols {
        rules: Rules::ClientCookie,
        netscape: true,
        rfc2965: false,
        rfc2109_as_netscape: true,
        advertise_cookie2: false,
    };
}

/// Decides which cookies a [`CookieJar`](crate::CookieJar) stores and sends.
///
/// [`CookiePolicy`] has the four decision points of ClientCookie /
/// Python's `http.cookiejar.CookiePolicy`: [`set_ok`](CookiePolicy::set_ok),
/// [`return_ok`](CookiePolicy::return_ok), and the cheap pre-filters
/// [`domain_return_ok`](CookiePolicy::domain_return_ok) and
/// [`path_return_ok`](CookiePolicy::path_return_ok). It is object-safe, so a
/// jar holds any policy as `Arc<dyn CookiePolicy>`.
///
/// The jar itself always applies the storage model of RFC 6265bis §5.7
/// (a cookie's domain must domain-match the request host, replacement,
/// expiry, "leave secure cookies alone") and the matching of §5.8.3 (domain,
/// path, expiry). A policy adds refusals on top: public suffixes, secure
/// origins, prefixes, third parties, block and allow lists; and it chooses
/// the [`Rules`]: RFC 6265bis, or ClientCookie's Netscape / RFC 2109 /
/// RFC 2965 rules.
///
/// The jar asks its policy while it holds its own lock (`set_ok` for
/// every cookie of a response but the first, `return_ok` for every
/// candidate of a lookup), so a policy must not call back into the jar
/// it serves: that would deadlock.
///
/// **A policy written from scratch makes the policy's checks itself.**
/// [`DefaultCookiePolicy`]'s `set_ok` refuses a `Secure` cookie from an
/// insecure origin, a domain cookie for a public suffix, a prefixed
/// cookie that breaks its prefix's rules; its `return_ok` withholds a
/// `Secure` cookie from an insecure request. A policy whose `set_ok`
/// says yes to everything stores `Domain=com` (a cookie for every `.com`
/// site), and one whose `return_ok` does sends `Secure` cookies over
/// `http`. To add refusals of your own, give [`DefaultCookiePolicy`] a
/// [`store_check`](crate::DefaultCookiePolicyBuilder::store_check) or a
/// [`send_check`](crate::DefaultCookiePolicyBuilder::send_check) rather
/// than writing a policy. To see its decisions, no policy is needed
/// either: the jar's observer
/// ([`CookieJarBuilder::observer`](crate::CookieJarBuilder::observer),
/// [`CookieJar::extract_cookies_with`](crate::CookieJar::extract_cookies_with))
/// sees each store and refusal, and
/// [`CookieJar::withheld_for`](crate::CookieJar::withheld_for) says why
/// each cookie a request leaves out is left.
///
/// Only `set_ok` and `return_ok` must be written; the other methods
/// have defaults (no public suffix list, RFC 6265bis rules, no
/// pre-filter). So a policy that wraps another must forward every
/// method, or it switches the jar to those defaults whatever the inner
/// policy's (a wrapper of [`DefaultCookiePolicy`] that forwards only
/// `set_ok` and `return_ok` loses the public suffix list, hence §5.7 step
/// 9's host-only cookies, the checks of files' cookies, and the lookup
/// shortcuts). `Arc<P>` and `Box<P>` forward them all.
///
/// [`DefaultCookiePolicy`]: crate::DefaultCookiePolicy
pub trait CookiePolicy: Send + Sync + Debug {
    /// May `cookie`, received in a response to `request`, be stored?
    ///
    /// # Errors
    /// The reason the cookie is refused.
    fn set_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection>;

    /// May `cookie` (which already matches the request's host, path and
    /// time) be sent with `request`?
    ///
    /// # Errors
    /// The reason the cookie is withheld.
    fn return_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection>;

    /// May `cookie`, given whole (built by the caller, or read from a
    /// cookie file) rather than received in a response, be stored? Only
    /// the checks that need no request apply: for [`DefaultCookiePolicy`]
    /// under RFC 6265bis rules, the size limits of §5.6, and with
    /// [`PrefixRules::Enforce`] (that policy's default) the `__Secure-`
    /// and `__Host-` prefix rules, so that no file makes a cookie that no
    /// server could have set (not the `__Http-` prefix's, which browsers
    /// enforce only since 2025: older files may hold such cookies). (The jar itself refuses a domain cookie for
    /// a public suffix, by
    /// [`public_suffix_list`](CookiePolicy::public_suffix_list).) Default:
    /// yes.
    ///
    /// [`DefaultCookiePolicy`]: crate::DefaultCookiePolicy
    /// [`PrefixRules::Enforce`]: crate::PrefixRules::Enforce
    ///
    /// # Errors
    /// The reason the cookie is refused.
    fn whole_cookie_ok(&self, cookie: &Cookie) -> Result<(), Rejection> {
        let _ = cookie;
        Ok(())
    }

    /// A cheap pre-filter: may any cookie of `domain` be sent with
    /// `request`? Default: yes.
    fn domain_return_ok(&self, domain: &str, request: &dyn Request) -> bool {
        let _ = (domain, request);
        true
    }

    /// A cheap pre-filter: may any cookie with path `path` be sent with
    /// `request`? Default: yes.
    fn path_return_ok(&self, path: &str, request: &dyn Request) -> bool {
        let _ = (path, request);
        true
    }

    /// The public suffix list the jar consults for RFC 6265bis §5.7 step 9
    /// (a `Domain` that is a public suffix and equals the request host
    /// makes a host-only cookie). Default: none.
    fn public_suffix_list(&self) -> Option<&dyn PublicSuffixList> {
        None
    }

    /// The protocols the jar reads and writes. Default: RFC 6265bis.
    fn protocols(&self) -> Protocols {
        Protocols::RFC6265BIS
    }

    /// Whether a cookie set without a `Domain` attribute is also sent to
    /// subdomains of its host (the Netscape rule, which ClientCookie
    /// follows for version 0 cookies unless `strict_ns_domain` has
    /// `NON_DOMAIN`). Default: no (RFC 6265bis host-only cookies).
    fn host_cookie_matches_subdomains(&self, cookie: &Cookie) -> bool {
        let _ = cookie;
        false
    }

    /// Whether [`host_cookie_matches_subdomains`] may say yes for some
    /// cookie. A policy for which it never does (RFC 6265bis host-only
    /// cookies) says `false`, and a lookup then passes over the host-only
    /// cookies stored under the parent domains of the request host
    /// without reading them. Default: `true` (the jar asks
    /// [`host_cookie_matches_subdomains`] for each such cookie).
    ///
    /// [`host_cookie_matches_subdomains`]: CookiePolicy::host_cookie_matches_subdomains
    fn host_cookies_may_match_subdomains(&self) -> bool {
        true
    }

    /// The size limits for parsing `Set-Cookie` (RFC 6265bis §5.6).
    /// Default: 4096 / 1024 bytes.
    fn parse_limits(&self) -> ParseLimits {
        ParseLimits::RFC6265BIS
    }

    /// The cap on a cookie's lifetime, in seconds (RFC 6265bis §5.6.1 and
    /// §5.6.2: 400 days). `None`: no cap. Default: 400 days.
    fn max_age_cap(&self) -> Option<i64> {
        Some(400 * 24 * 60 * 60)
    }

    /// A shortcut for lookups: when, for `request`, this policy's
    /// [`return_ok`](CookiePolicy::return_ok) and
    /// [`path_return_ok`](CookiePolicy::path_return_ok) depend on nothing
    /// but the cookie's `Secure` flag (and its `SameSite` flag), saying so
    /// lets the jar decide from its index without asking for each stored
    /// cookie. A policy that returns [`ReturnShortcut::SecureFlag`] or
    /// [`ReturnShortcut::SecureAndSameSite`] must decide exactly as it
    /// says. Default: [`ReturnShortcut::PerCookie`].
    fn return_shortcut(&self, request: &dyn Request) -> ReturnShortcut {
        let _ = request;
        ReturnShortcut::PerCookie
    }
}

/// A shared or boxed policy is the policy it holds, every method
/// forwarded: `jar.set_policy(other_jar.policy())` shares one.
macro_rules! forward_policy {
    ($($ptr:ident),*) => {$(
        impl<P: CookiePolicy + ?Sized> CookiePolicy for $ptr<P> {
            fn set_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
                (**self).set_ok(cookie, request)
            }
            fn return_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
                (**self).return_ok(cookie, request)
            }
            fn whole_cookie_ok(&self, cookie: &Cookie) -> Result<(), Rejection> {
                (**self).whole_cookie_ok(cookie)
            }
            fn domain_return_ok(&self, domain: &str, request: &dyn Request) -> bool {
                (**self).domain_return_ok(domain, request)
            }
            fn path_return_ok(&self, path: &str, request: &dyn Request) -> bool {
                (**self).path_return_ok(path, request)
            }
            fn public_suffix_list(&self) -> Option<&dyn PublicSuffixList> {
                (**self).public_suffix_list()
            }
            fn protocols(&self) -> Protocols {
                (**self).protocols()
            }
            fn host_cookie_matches_subdomains(&self, cookie: &Cookie) -> bool {
                (**self).host_cookie_matches_subdomains(cookie)
            }
            fn host_cookies_may_match_subdomains(&self) -> bool {
                (**self).host_cookies_may_match_subdomains()
            }
            fn parse_limits(&self) -> ParseLimits {
                (**self).parse_limits()
            }
            fn max_age_cap(&self) -> Option<i64> {
                (**self).max_age_cap()
            }
            fn return_shortcut(&self, request: &dyn Request) -> ReturnShortcut {
                (**self).return_shortcut(request)
            }
        }
    )*};
}
forward_policy!(Arc, Box);

/// How a jar may decide which matching cookies a policy lets a request
/// carry (see [`CookiePolicy::return_shortcut`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReturnShortcut {
    /// Ask [`CookiePolicy::path_return_ok`] and
    /// [`CookiePolicy::return_ok`] for each cookie.
    PerCookie,
    /// Both accept every non-`Secure` cookie, and the `Secure` ones
    /// exactly when `secure_allowed`.
    SecureFlag {
        /// Whether `Secure` cookies may be sent (a secure channel).
        secure_allowed: bool,
    },
    /// Both accept a cookie when its `Secure` flag is allowed, as for
    /// [`SecureFlag`](Self::SecureFlag), and its `SameSite` flag is too:
    /// `None` always, `Strict` never, `Lax` when `lax_allowed`, and no
    /// (valid) `SameSite` when `unset_allowed`; and a partitioned one
    /// only when `partitioned_allowed` (see
    /// [`Rejection::Partitioned`](crate::Rejection::Partitioned)). For a
    /// cross-site request under [`SameSiteRules`](crate::SameSiteRules)
    /// that enforce it.
    SecureAndSameSite {
        /// Whether `Secure` cookies may be sent (a secure channel).
        secure_allowed: bool,
        /// Whether `SameSite=Lax` cookies may be sent.
        lax_allowed: bool,
        /// Whether cookies without `SameSite` may be sent.
        unset_allowed: bool,
        /// Whether partitioned cookies may be sent: a top-level
        /// navigation, whose page's site, and partition, is the
        /// request's own.
        partitioned_allowed: bool,
    },
}
