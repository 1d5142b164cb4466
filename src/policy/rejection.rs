//! Why a cookie was not stored, or not sent.

use std::fmt;

/// The reason a cookie was not stored (or not returned).
///
/// Every refusal of the jar or of a [`CookiePolicy`](crate::CookiePolicy)
/// names one of these, so a client can explain its cookie decisions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rejection {
    /// The header, or a field of a cookie given whole, contained a
    /// control character (RFC 6265bis §5.6 step 1).
    ControlCharacter,
    /// Name plus value exceeded the size limit (RFC 6265bis §5.6 step 5),
    /// or, for a cookie given whole (from a file), so did its path
    /// (§5.6 step 8's limit on an attribute value).
    TooLarge,
    /// Both name and value were empty (RFC 6265bis §5.7 step 2).
    Empty,
    /// The name or value was not valid UTF-8.
    NotUtf8,
    /// The request URL has no host (e.g. `file:` or `data:`), or one no
    /// resolver accepts: longer than a DNS name can be (253 characters,
    /// 254 with a trailing dot), or, under a scheme the URL parser does
    /// not know, not written as it writes hosts (`foo://EXAMPLE.com`,
    /// `foo://0.0.1`).
    NoHost,
    /// A cookie given whole (built, or read from a file) has no domain:
    /// it could never be sent, nor saved as a `cookies.txt` line.
    NoDomain,
    /// The cookie's domain (its `Domain` attribute, the request host of
    /// a host-only cookie, or the domain of a cookie given whole) has an
    /// empty label: `Domain=..com` (`.com` once the leading dot is
    /// dropped), `com..`, `a..com`. The URL parser accepts hosts such as
    /// `a..com` and `.com`, which no resolver does; `..com` from there
    /// would reach every such host under `com`.
    DomainEmptyLabel,
    /// The `Domain` attribute contained non-ASCII characters (RFC 6265bis
    /// §5.7 step 8).
    DomainNotAscii,
    /// The `Domain` attribute is a public suffix and not the request host
    /// (RFC 6265bis §5.7 step 9).
    PublicSuffix,
    /// The request host does not domain-match the `Domain` attribute
    /// (RFC 6265bis §5.7 step 10).
    DomainMismatch,
    /// A `Secure` cookie from a non-secure origin (RFC 6265bis §5.7
    /// step 13); under ClientCookie rules, which take one (as Python
    /// does), a prefixed cookie (`__Secure-`, `__Host-`, `__Http-`)
    /// from one when the policy enforces the prefixes.
    SecureFromInsecureOrigin,
    /// A non-secure origin tried to overwrite or shadow a `Secure` cookie
    /// (RFC 6265bis §5.7 step 16, "leave secure cookies alone").
    WouldShadowSecureCookie,
    /// A `SameSite=None` cookie without `Secure` (RFC 6265bis §5.7
    /// step 19).
    SameSiteNoneInsecure,
    /// A `__Secure-` cookie without `Secure` (RFC 6265bis §5.7 step 20).
    SecurePrefix,
    /// A `__Host-` cookie without `Secure`, with a `Domain`, or without a
    /// `Path=/` attribute (RFC 6265bis §5.7 step 21).
    HostPrefix,
    /// An `__Http-` cookie from a response without `Secure` or
    /// `HttpOnly`, or a `__Host-Http-` one without `HttpOnly` (without
    /// `Secure`, it is [`Rejection::HostPrefix`]):
    /// draft-ietf-httpbis-layered-cookies §4.1.3, the successor of RFC
    /// 6265bis; Chrome 140 and Firefox enforce it. Not asked of a cookie
    /// given whole (a file's).
    HttpPrefix,
    /// A nameless cookie whose value starts with `__Secure-` or
    /// `__Host-` (RFC 6265bis §5.7 step 22), or, from a response,
    /// `__Http-` (draft-ietf-httpbis-layered-cookies), after any spaces
    /// and tabs.
    NamelessWithPrefix,
    /// The cookie came from, or would go to, a third party and the policy
    /// blocks those.
    ThirdParty,
    /// The cookie's `SameSite` keeps it from this cross-site request
    /// (RFC 6265bis §5.7 step 18 and §5.8.3), under
    /// [`SameSiteRules`](crate::SameSiteRules) that enforce it.
    SameSite,
    /// A partitioned (CHIPS `Partitioned`) cookie kept from a cross-site
    /// request that is no top-level navigation, or refused from its
    /// response, under [`SameSiteRules`](crate::SameSiteRules) that
    /// enforce `SameSite`: a jar keeps only first-party partitions (a
    /// cookie set by its own site's pages, or read as one from a file),
    /// whose cookies a browser sends only to requests from pages of that
    /// site (a navigation to it included).
    Partitioned,
    /// The domain is on the policy's block list.
    Blocked,
    /// The domain is not on the policy's allow list.
    NotAllowed,
    /// A `Secure` cookie is not sent over a non-secure channel
    /// (RFC 6265bis §5.8.3).
    NotSecureChannel,
    /// The cookie has expired.
    Expired,
    /// Under ClientCookie rules: the cookie's protocol is switched off
    /// (`netscape` or `rfc2965` is false).
    ProtocolDisabled,
    /// A `Set-Cookie2` cookie without a `Version` attribute.
    MissingVersion,
    /// A `Version` that is not a number.
    InvalidVersion,
    /// An attribute that needs a value had none (ClientCookie: `Domain`,
    /// `Path`, `Version` and the like without `=`).
    MissingValue(String),
    /// A Netscape cookie name starting with `$` (`strict_ns_set_initial_dollar`).
    DollarName,
    /// The `Path` attribute does not path-match the request path (RFC 2965
    /// §3.3.2, or `strict_ns_set_path`); or, for a cookie withheld from a
    /// request ([`CookieJar::withheld_for`](crate::CookieJar::withheld_for)),
    /// the cookie's path does not path-match the request's (RFC 6265bis
    /// §5.1.4).
    PathMismatch,
    /// The request port is not in the cookie's `Port` list, or the list is
    /// not numeric (RFC 2965 §3.3.2).
    PortMismatch,
    /// The `Domain` has no embedded dot, or looks like a country-code
    /// second-level domain (`strict_domain`) (RFC 2965 §3.3.2).
    DomainTooBroad,
    /// The request host less the `Domain` contains a dot (RFC 2965 §3.3.2,
    /// or `DomainStrictness::NO_DOTS`).
    HostPrefixHasDot,
    /// A cookie set without `Domain` goes back only to its own host
    /// (`DomainStrictness::NON_DOMAIN`, and RFC 6265bis's host-only
    /// cookies: see [`CookieJar::withheld_for`](crate::CookieJar::withheld_for)).
    NotOwnHost,
    /// The `Domain` attribute is broader than the request host's site
    /// (its registrable domain), though not itself a public suffix:
    /// `Domain=amazonaws.com` from `bucket1.s3.amazonaws.com`, under the
    /// private suffix `s3.amazonaws.com`. Browsers refuse it, since it
    /// would reach every other site under the suffix.
    DomainBeyondSite,
    /// Its domain already holds as many cookies as the jar keeps for one
    /// domain ([`CookieJarBuilder::max_cookies_per_domain`]), all of
    /// them secure, and this one is not: RFC 6265bis §5.7 evicts
    /// non-secure cookies first.
    ///
    /// [`CookieJarBuilder::max_cookies_per_domain`]: crate::CookieJarBuilder::max_cookies_per_domain
    DomainFull,
    /// Its site (registrable domain) already holds as many cookies as
    /// the jar keeps for one site
    /// ([`CookieJarBuilder::max_cookies_per_site`]), all of them secure,
    /// and this one is not.
    ///
    /// [`CookieJarBuilder::max_cookies_per_site`]: crate::CookieJarBuilder::max_cookies_per_site
    SiteFull,
    /// The request URL's scheme is not HTTP's (`http`, `https`, `ws`,
    /// `wss`): browsers keep cookies for HTTP only, so under RFC 6265bis
    /// rules a `file:`, `ftp:` or custom-scheme URL neither sets nor gets
    /// cookies, unless the policy lists the scheme among its
    /// `secure_protocols` (ClientCookie rules, as Python, take any
    /// scheme).
    NotHttp,
    /// The jar's policy refused it for a reason of its own.
    Other(String),
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Rejection::ControlCharacter => "control character in header or cookie",
            Rejection::TooLarge => "name and value, or path, too large",
            Rejection::Empty => "empty name and value",
            Rejection::NotUtf8 => "name or value is not UTF-8",
            Rejection::NoHost => "request URL has no host, or one no resolver accepts",
            Rejection::NoDomain => "cookie has no domain",
            Rejection::DomainEmptyLabel => "domain has an empty label",
            Rejection::DomainNotAscii => "domain attribute is not ASCII",
            Rejection::PublicSuffix => "domain attribute is a public suffix",
            Rejection::DomainMismatch => "request host does not match the domain attribute",
            Rejection::SecureFromInsecureOrigin => "secure cookie from a non-secure origin",
            Rejection::WouldShadowSecureCookie => {
                "non-secure origin would overwrite a secure cookie"
            }
            Rejection::SameSiteNoneInsecure => "SameSite=None without Secure",
            Rejection::SecurePrefix => "__Secure- prefix without Secure",
            Rejection::HostPrefix => "__Host- prefix needs Secure, no Domain and Path=/",
            Rejection::HttpPrefix => "__Http- prefix needs Secure and HttpOnly",
            Rejection::NamelessWithPrefix => "nameless cookie with a prefixed value",
            Rejection::ThirdParty => "third-party cookie",
            Rejection::SameSite => "SameSite keeps it out of a cross-site request, or its response",
            Rejection::Partitioned => "a partitioned cookie goes only within its own site",
            Rejection::Blocked => "domain is blocked",
            Rejection::NotAllowed => "domain is not allowed",
            Rejection::NotSecureChannel => "secure cookie over a non-secure channel",
            Rejection::Expired => "expired",
            Rejection::ProtocolDisabled => "cookie protocol switched off",
            Rejection::MissingVersion => "Set-Cookie2 without a Version attribute",
            Rejection::InvalidVersion => "Version is not a number",
            Rejection::MissingValue(a) => return write!(f, "missing value for the {a} attribute"),
            Rejection::DollarName => "name starts with '$'",
            Rejection::PathMismatch => "the cookie's path does not match the request path",
            Rejection::PortMismatch => "request port not in the port list, or the list not numeric",
            Rejection::DomainTooBroad => "domain attribute too broad",
            Rejection::HostPrefixHasDot => "request host less the domain contains a dot",
            Rejection::NotOwnHost => "host cookie sent only to its own host",
            Rejection::DomainBeyondSite => "domain attribute is broader than the host's site",
            Rejection::DomainFull => "the domain holds the most cookies kept, all secure",
            Rejection::SiteFull => "the site holds the most cookies kept, all secure",
            Rejection::NotHttp => "the URL's scheme is not http, https, ws or wss",
            Rejection::Other(s) => return f.write_str(s),
        };
        f.write_str(s)
    }
}

impl std::error::Error for Rejection {}
