//! Cookie policies: which cookies a jar accepts and returns.
//!
//! [`CookiePolicy`] has the four decision points of ClientCookie /
//! Python's `http.cookiejar.CookiePolicy`: [`set_ok`](CookiePolicy::set_ok),
//! [`return_ok`](CookiePolicy::return_ok), and the cheap pre-filters
//! [`domain_return_ok`](CookiePolicy::domain_return_ok) and
//! [`path_return_ok`](CookiePolicy::path_return_ok). It is object-safe, so a
//! jar holds any policy as `Arc<dyn CookiePolicy>`.
//!
//! The jar itself always applies the storage model of RFC 6265bis §5.7
//! (a cookie's domain must domain-match the request host, replacement,
//! expiry, "leave secure cookies alone") and the matching of §5.8.3 (domain,
//! path, expiry). A policy adds refusals on top: public suffixes, secure
//! origins, prefixes, third parties, block and allow lists.

mod default;
mod rejection;

pub use default::{
    DefaultCookiePolicy, DefaultCookiePolicyBuilder, PrefixRules, PublicSuffixes, ThirdPartyCookies,
};
pub use rejection::Rejection;

use std::fmt::Debug;

use crate::cookie::Cookie;
use crate::parse::ParseLimits;
use crate::psl::PublicSuffixList;
use crate::traits::Request;

/// Decides which cookies a [`CookieJar`](crate::CookieJar) stores and sends.
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
}
