//! The default policy: RFC 6265bis as browsers ship it, with switches.

use std::marker::PhantomData;
use std::sync::Arc;

use crate::cookie::{Cookie, SameSite};
use crate::matching::{is_ip_literal, is_secure_origin, request_host};
use crate::parse::{is_wsp, trim_wsp, ParseLimits};
use crate::policy::client_cookie;
use crate::policy::domain_list::DomainList;
use crate::policy::origin::parse_origin;
use crate::policy::{CookiePolicy, Protocols, Rejection, ReturnShortcut, Rules};
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
    /// Python's behaviour, and unsafe on the web.
    Off,
    /// A list of the caller's.
    Custom(Arc<dyn PublicSuffixList>),
}

/// Whether the cookie name prefixes `__Secure-` and `__Host-` (RFC 6265bis
/// §4.1.3, §5.7 steps 20-22), and `__Http-` and `__Host-Http-` (its
/// successor draft-ietf-httpbis-layered-cookies §4.1.3), are enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
/// on another site (registrable domain) than the request's host. Sites
/// are told by the policy's public suffix list, or by the built-in one
/// when the policy has none (as ClientCookie rules by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ThirdPartyCookies {
    /// Allowed (RFC 6265bis leaves this to the user agent).
    #[default]
    Allow,
    /// Neither stored from nor sent with third-party requests.
    Block,
}

/// Whether `SameSite` keeps cookies from cross-site requests (RFC 6265bis
/// §5.7 step 18 and §5.8.3). A request is cross-site when its
/// [`origin_request_host`](Request::origin_request_host) is on another
/// site (registrable domain) than its host; a jar that is never told an
/// origin sees only same-site requests, to which every rule here sends
/// every cookie.
///
/// Under the rules that enforce it, a cookie whose `SameSite` restricts it
/// (`Strict`, `Lax`, and for [`LaxByDefault`](Self::LaxByDefault) a
/// cookie with no valid `SameSite`):
/// - is not stored from the response to a cross-site request, unless the
///   request is a [top-level navigation](Request::is_top_level_navigation);
/// - is not sent with a cross-site request, unless it is `Lax` (or
///   unset) and the request is a top-level navigation with a safe
///   [method](Request::method).
///
/// `SameSite=None` cookies (which must be `Secure`) go with any request.
/// Refusals are [`Rejection::SameSite`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SameSiteRules {
    /// Not enforced: `SameSite` is kept and saved, but every matching
    /// cookie is stored and sent whatever the request's site, as
    /// Python's, Go's, curl's and `cookie_store`'s jars do. The default,
    /// so that an origin request host changes nothing unless a switch
    /// says so (as the scenario format's decision 5 fixes for RFC 6265bis
    /// mode).
    #[default]
    Ignore,
    /// Enforced as RFC 6265bis words it: a cookie without `SameSite`
    /// (its "Default" flag) counts as `Lax`, as in Chrome. Chrome's
    /// "Lax-allowing-unsafe" exception (RFC 6265bis §5.6.7.2: a two-minute
    /// grace for unsafe methods) is not made; Chrome compares schemes
    /// too, which the jar does when the origin is given with its scheme
    /// (see [`Request::origin_request_host`]).
    LaxByDefault,
    /// Enforced for `Strict` and `Lax` cookies only: a cookie without
    /// `SameSite` goes with any request, as `SameSite=None`, as in Firefox
    /// and Safari.
    NoneByDefault,
}

/// ClientCookie's `strict_ns_domain` flags: how strictly the domain of a
/// Netscape (version 0) cookie is checked under
/// [`Rules::ClientCookie`]. Combine with `|`.
///
/// The names of Python's `DefaultCookiePolicy` constants are given with
/// each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DomainStrictness(u8);

impl DomainStrictness {
    /// No extra checks (`DomainLiberal`, the default).
    pub const LIBERAL: DomainStrictness = DomainStrictness(0);
    /// The request host less the cookie domain must contain no dot: `Domain=.example.com` is refused from `a.b.example.com` (`DomainStrictNoDots`).
    pub const NO_DOTS: DomainStrictness = DomainStrictness(1);
    /// Cookies set without a `Domain` go back only to the host that set them, not its subdomains (`DomainStrictNonDomain`).
    pub const NON_DOMAIN: DomainStrictness = DomainStrictness(2);
    /// The RFC 2965 domain-match is required (`DomainRFC2965Match`).
    pub const RFC2965_MATCH: DomainStrictness = DomainStrictness(4);
    /// `NO_DOTS | NON_DOMAIN` (`DomainStrict`).
    pub const STRICT: DomainStrictness = DomainStrictness(3);

    /// The flags as Python's integer.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Flags from Python's integer (as [`bits`](Self::bits) gives it);
    /// `None` when it has unknown bits.
    pub fn from_bits(bits: u8) -> Option<DomainStrictness> {
        (bits <= 7).then_some(DomainStrictness(bits))
    }

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: DomainStrictness) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for DomainStrictness {
    type Output = DomainStrictness;
    fn bitor(self, rhs: DomainStrictness) -> DomainStrictness {
        DomainStrictness(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for DomainStrictness {
    fn bitor_assign(&mut self, rhs: DomainStrictness) {
        self.0 |= rhs.0;
    }
}

/// The default cookie policy: RFC 6265bis's storage checks (public
/// suffixes, `Secure` origins, prefixes, the 400-day cap), plus block
/// and allow lists in the manner of ClientCookie's `DefaultCookiePolicy`;
/// or, with [`Rules::ClientCookie`], every switch of ClientCookie's policy.
/// Two checks that need to know which page a request is for are off
/// unless asked: `SameSite` ([`SameSiteRules::Ignore`]) and third-party
/// blocking ([`ThirdPartyCookies::Allow`]): an HTTP client that does not
/// track pages makes only same-site requests.
///
/// The switches named after Python's keyword arguments (`rfc2965`,
/// `netscape`, `strict_domain`, `strict_ns_domain`, ...) apply under
/// [`Rules::ClientCookie`], and are setters of the builder
/// [`DefaultCookiePolicy::client_cookie`] gives only;
/// `blocked_domains`, `allowed_domains`, `secure_protocols` and
/// `strict_ns_unverifiable` apply under both rules; the modern switches
/// (public suffixes, prefixes, limits, the lifetime cap, third-party
/// blocking) apply under both and default to off in
/// [`DefaultCookiePolicy::client_cookie`], but for the public suffix
/// check.
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
    same_site: SameSiteRules,
    limits: ParseLimits,
    max_age_cap: Option<i64>,
    pub(crate) blocked_domains: DomainList,
    pub(crate) allowed_domains: Option<DomainList>,
    secure_protocols: Vec<String>,
    store_check: Option<Check>,
    send_check: Option<Check>,
    pub(crate) rules: Rules,
    pub(crate) netscape: bool,
    pub(crate) rfc2965: bool,
    pub(crate) rfc2109_as_netscape: Option<bool>,
    pub(crate) hide_cookie2: bool,
    pub(crate) strict_domain: bool,
    pub(crate) strict_rfc2965_unverifiable: bool,
    pub(crate) strict_ns_unverifiable: bool,
    pub(crate) strict_ns_domain: DomainStrictness,
    pub(crate) strict_ns_set_initial_dollar: bool,
    pub(crate) strict_ns_set_path: bool,
}

impl Default for DefaultCookiePolicy {
    fn default() -> Self {
        DefaultCookiePolicy {
            public_suffixes: PublicSuffixes::Builtin,
            prefixes: PrefixRules::Enforce,
            third_party: ThirdPartyCookies::Allow,
            same_site: SameSiteRules::Ignore,
            limits: ParseLimits::RFC6265BIS,
            max_age_cap: Some(400 * 24 * 60 * 60),
            blocked_domains: DomainList::default(),
            allowed_domains: None,
            secure_protocols: vec!["https".into(), "wss".into()],
            store_check: None,
            send_check: None,
            rules: Rules::Rfc6265bis,
            netscape: true,
            rfc2965: false,
            rfc2109_as_netscape: None,
            hide_cookie2: false,
            strict_domain: false,
            strict_rfc2965_unverifiable: true,
            strict_ns_unverifiable: false,
            strict_ns_domain: DomainStrictness::LIBERAL,
            strict_ns_set_initial_dollar: false,
            strict_ns_set_path: false,
        }
    }
}

/// A check of the user's, for [`DefaultCookiePolicyBuilder::store_check`]
/// and [`DefaultCookiePolicyBuilder::send_check`].
#[derive(Clone)]
struct Check(Arc<CheckFn>);

/// What a [`Check`] calls.
type CheckFn = dyn Fn(&Cookie, &dyn Request) -> Result<(), Rejection> + Send + Sync;

/// A closure shows as such.
impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Check(..)")
    }
}

/// Builds a [`DefaultCookiePolicy`]; every setter is optional.
///
/// [`DefaultCookiePolicy::builder`] gives one for RFC 6265bis rules
/// (`R` is [`Rfc6265bisRules`]), with RFC 6265bis's defaults; its setters
/// are the switches that apply under both rules.
/// [`DefaultCookiePolicy::client_cookie`] gives one for ClientCookie's
/// rules ([`ClientCookieRules`]), with Python's defaults, which also has
/// the setters named after Python's keyword arguments (`rfc2965`,
/// `strict_ns_domain`, ...): they mean nothing under RFC 6265bis rules,
/// so that builder has none of them, and a program ported from Python
/// that asks one of it does not compile:
///
/// ```compile_fail,E0599
/// use cookiejar::DefaultCookiePolicy;
/// // `rfc2965` is found on `DefaultCookiePolicyBuilder<ClientCookieRules>`:
/// // start from `DefaultCookiePolicy::client_cookie()`.
/// let policy = DefaultCookiePolicy::builder().rfc2965(true).build();
/// ```
///
/// ```
/// use cookiejar::{DefaultCookiePolicy, DomainStrictness};
/// let policy = DefaultCookiePolicy::client_cookie()
///     .rfc2965(true)
///     .strict_ns_domain(DomainStrictness::STRICT)
///     .blocked_domains([".ads.example"])
///     .build();
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct DefaultCookiePolicyBuilder<R = Rfc6265bisRules> {
    policy: DefaultCookiePolicy,
    rules: PhantomData<R>,
}

/// The type of a [`DefaultCookiePolicyBuilder`] for RFC 6265bis rules
/// ([`DefaultCookiePolicy::builder`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rfc6265bisRules;

/// The type of a [`DefaultCookiePolicyBuilder`] for ClientCookie's rules
/// ([`DefaultCookiePolicy::client_cookie`]), which has Python's switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientCookieRules;

/// [`DefaultCookiePolicy::builder`].
impl Default for DefaultCookiePolicyBuilder<Rfc6265bisRules> {
    fn default() -> Self {
        DefaultCookiePolicyBuilder {
            policy: DefaultCookiePolicy::default(),
            rules: PhantomData,
        }
    }
}

impl<R> DefaultCookiePolicyBuilder<R> {
    /// Which public suffix list to consult.
    pub fn public_suffixes(mut self, p: PublicSuffixes) -> Self {
        self.policy.public_suffixes = p;
        self
    }

    /// Whether to enforce the `__Secure-`, `__Host-`, `__Http-` and
    /// `__Host-Http-` prefixes.
    pub fn prefixes(mut self, p: PrefixRules) -> Self {
        self.policy.prefixes = p;
        self
    }

    /// Whether to allow third-party cookies.
    pub fn third_party(mut self, t: ThirdPartyCookies) -> Self {
        self.policy.third_party = t;
        self
    }

    /// Whether `SameSite` keeps cookies from cross-site requests
    /// (default: [`SameSiteRules::Ignore`]).
    pub fn same_site(mut self, rules: SameSiteRules) -> Self {
        self.policy.same_site = rules;
        self
    }

    /// The `Set-Cookie` size limits.
    pub fn limits(mut self, l: ParseLimits) -> Self {
        self.policy.limits = l;
        self
    }

    /// The cap on cookie lifetimes in seconds (`None`: no cap; default 400
    /// days). A cap of 0 expires every persistent cookie at once.
    pub fn max_age_cap(mut self, seconds: Option<u64>) -> Self {
        self.policy.max_age_cap = seconds.map(|s| i64::try_from(s).unwrap_or(i64::MAX));
        self
    }

    /// Domains whose cookies are neither stored nor sent, matched as
    /// ClientCookie and Python's `DefaultCookiePolicy` match them (and as
    /// the scenario format defines them), against the cookie's domain in
    /// Python's form: a host-only cookie's host (`tracker.example`), or a
    /// domain cookie's domain with a leading dot (`.tracker.example` for
    /// `Domain=tracker.example`). An entry without a dot matches that
    /// form exactly; one with a leading dot, that form and everything
    /// that ends with it. So:
    ///
    /// - `tracker.example` blocks tracker.example's host-only cookies,
    ///   not its `Domain=tracker.example` ones;
    /// - `.tracker.example` blocks those and every subdomain's cookies,
    ///   not tracker.example's host-only ones;
    /// - list both to block a site's own cookies whichever way they are
    ///   set. The request host is not judged: a cookie of a parent domain
    ///   (`Domain=example`) still goes to `x.tracker.example`;
    ///   [`third_party`](Self::third_party) judges requests by their
    ///   origin.
    ///
    /// Entries are made canonical as cookie domains are: lower case,
    /// A-labels, without a trailing dot (`WWW.Tracker.Example.` is
    /// `www.tracker.example`; Python compares them as given).
    ///
    /// ```
    /// use cookiejar::{CookieJar, DefaultCookiePolicy};
    /// use url::Url;
    ///
    /// let policy = DefaultCookiePolicy::builder()
    ///     .blocked_domains(["tracker.example", ".tracker.example"])
    ///     .build();
    /// let jar = CookieJar::with_policy(policy);
    /// let url = Url::parse("https://tracker.example/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["a=1", "b=1; Domain=tracker.example"]);
    /// let sub = Url::parse("https://www.tracker.example/").unwrap();
    /// jar.set_cookies_from_headers(&sub, ["c=1"]);
    /// assert!(jar.is_empty());
    /// ```
    pub fn blocked_domains<I, S>(mut self, domains: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.policy.set_blocked_domains(domains);
        self
    }

    /// Only these domains' cookies are stored and sent (same matching as
    /// [`blocked_domains`](Self::blocked_domains): `example.com` allows
    /// example.com's host-only cookies, `.example.com` its domain
    /// cookies and its subdomains'); by default any domain's are.
    pub fn allowed_domains<I, S>(mut self, domains: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.policy.set_allowed_domains(domains);
        self
    }

    /// No allow list: any domain's cookies may be stored and sent (the
    /// default; Python's `allowed_domains=None`).
    pub fn no_allow_list(mut self) -> Self {
        self.policy.clear_allowed_domains();
        self
    }

    /// A check of your own for every cookie a response sets, run after
    /// the policy's (so a cookie it lets through has passed every RFC
    /// 6265bis check this policy makes): `Err` refuses the cookie, with
    /// the reason observers see. The way to add a refusal without writing
    /// a [`CookiePolicy`] (which would have to make those checks itself).
    /// Cookies given whole (from a file, or
    /// [`CookieJar::set_cookie`](crate::CookieJar::set_cookie)) are not
    /// checked; a [`send_check`](Self::send_check) sees them when sent.
    ///
    /// ```
    /// use cookiejar::{CookieJar, DefaultCookiePolicy, Rejection};
    ///
    /// // No analytics cookies.
    /// let policy = DefaultCookiePolicy::builder()
    ///     .store_check(|cookie, _request| match cookie.name().starts_with("_ga") {
    ///         true => Err(Rejection::Other("analytics".into())),
    ///         false => Ok(()),
    ///     })
    ///     .build();
    /// let jar = CookieJar::with_policy(policy);
    /// let url = url::Url::parse("https://shop.example/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["_ga=1", "sid=2", "s=3; Secure; Domain=example"]);
    /// // `_ga` refused by the check, `s` by the public suffix list.
    /// assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("sid=2"));
    /// ```
    pub fn store_check<F>(mut self, check: F) -> Self
    where
        F: Fn(&Cookie, &dyn Request) -> Result<(), Rejection> + Send + Sync + 'static,
    {
        self.policy.store_check = Some(Check(Arc::new(check)));
        self
    }

    /// A check of your own for every cookie about to be sent, run after
    /// the policy's (which withholds `Secure` cookies from insecure
    /// requests, and the others its switches say): `Err` withholds it.
    /// The jar then asks the policy for each cookie, where it otherwise
    /// decides most lookups once per request.
    ///
    /// ```
    /// use cookiejar::{CookieJar, DefaultCookiePolicy, Rejection};
    ///
    /// // The session cookie only to the API's paths.
    /// let policy = DefaultCookiePolicy::builder()
    ///     .send_check(|cookie, request| {
    ///         match cookie.name() == "sid" && !request.url().path().starts_with("/api/") {
    ///             true => Err(Rejection::Other("sid goes to /api/ only".into())),
    ///             false => Ok(()),
    ///         }
    ///     })
    ///     .build();
    /// let jar = CookieJar::with_policy(policy);
    /// let url = url::Url::parse("https://shop.example/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=1", "lang=en"]);
    /// assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("lang=en"));
    /// let api = url::Url::parse("https://shop.example/api/cart").unwrap();
    /// assert_eq!(jar.cookie_header_for(&api).as_deref(), Some("sid=1; lang=en"));
    /// ```
    pub fn send_check<F>(mut self, check: F) -> Self
    where
        F: Fn(&Cookie, &dyn Request) -> Result<(), Rejection> + Send + Sync + 'static,
    {
        self.policy.send_check = Some(Check(Arc::new(check)));
        self
    }

    /// More URL schemes whose requests are secure (default: `https` and
    /// `wss`), as Python's `secure_protocols`: `Secure` cookies go only to
    /// secure requests. `https`, `wss` and loopback hosts over `http`
    /// always count as secure, whatever the list: it can add schemes, not
    /// take these away.
    pub fn secure_protocols<I, S>(mut self, protocols: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.policy.secure_protocols = protocols
            .into_iter()
            .map(|p| p.into().to_ascii_lowercase())
            .collect();
        self
    }

    /// ClientCookie `strict_ns_unverifiable`: refuse Netscape cookies in
    /// unverifiable third-party transactions (default off). Under RFC
    /// 6265bis rules, where every cookie is a Netscape-style one, it
    /// refuses every cookie in such transactions.
    pub fn strict_ns_unverifiable(mut self, on: bool) -> Self {
        self.policy.strict_ns_unverifiable = on;
        self
    }

    /// Finishes the policy.
    pub fn build(self) -> DefaultCookiePolicy {
        self.policy
    }
}

/// Python's switches, which apply under ClientCookie's rules only.
impl DefaultCookiePolicyBuilder<ClientCookieRules> {
    /// ClientCookie `netscape`: accept and return Netscape (version 0)
    /// cookies (default on).
    pub fn netscape(mut self, on: bool) -> Self {
        self.policy.netscape = on;
        self
    }

    /// ClientCookie `rfc2965`: accept and return RFC 2965 cookies
    /// (`Set-Cookie2`, version 1; default off).
    pub fn rfc2965(mut self, on: bool) -> Self {
        self.policy.rfc2965 = on;
        self
    }

    /// ClientCookie `rfc2109_as_netscape`: treat RFC 2109 cookies (version
    /// 1 in `Set-Cookie`) as Netscape cookies. `None` (the default): yes
    /// unless `rfc2965` is on.
    pub fn rfc2109_as_netscape(mut self, on: Option<bool>) -> Self {
        self.policy.rfc2109_as_netscape = on;
        self
    }

    /// ClientCookie `hide_cookie2`: never add the `Cookie2` header.
    pub fn hide_cookie2(mut self, on: bool) -> Self {
        self.policy.hide_cookie2 = on;
        self
    }

    /// ClientCookie `strict_domain`: refuse Netscape `Domain`s like
    /// `.co.uk` (a two-letter TLD under `co`, `ac`, `com`, ...): a
    /// heuristic predating the Public Suffix List.
    pub fn strict_domain(mut self, on: bool) -> Self {
        self.policy.strict_domain = on;
        self
    }

    /// ClientCookie `strict_rfc2965_unverifiable`: refuse RFC 2965 cookies
    /// in unverifiable third-party transactions (default on).
    pub fn strict_rfc2965_unverifiable(mut self, on: bool) -> Self {
        self.policy.strict_rfc2965_unverifiable = on;
        self
    }

    /// ClientCookie `strict_ns_domain`: the [`DomainStrictness`] flags.
    pub fn strict_ns_domain(mut self, flags: DomainStrictness) -> Self {
        self.policy.strict_ns_domain = flags;
        self
    }

    /// ClientCookie `strict_ns_set_initial_dollar`: refuse Netscape
    /// cookies whose name starts with `$`.
    pub fn strict_ns_set_initial_dollar(mut self, on: bool) -> Self {
        self.policy.strict_ns_set_initial_dollar = on;
        self
    }

    /// ClientCookie `strict_ns_set_path`: refuse Netscape cookies whose
    /// `Path` does not path-match the request path.
    pub fn strict_ns_set_path(mut self, on: bool) -> Self {
        self.policy.strict_ns_set_path = on;
        self
    }
}

impl DefaultCookiePolicy {
    /// The RFC 6265bis policy, with `SameSite` and third-party blocking
    /// off (see the [type docs](Self)).
    pub fn new() -> Self {
        DefaultCookiePolicy::default()
    }

    /// A builder starting from [`DefaultCookiePolicy::new`].
    pub fn builder() -> DefaultCookiePolicyBuilder {
        DefaultCookiePolicyBuilder::default()
    }

    /// A builder starting from ClientCookie's defaults, as Python's
    /// `DefaultCookiePolicy()`: [`Rules::ClientCookie`], Netscape cookies
    /// on, RFC 2965 off, and the modern checks (prefixes, size limits,
    /// lifetime cap) off, but for the public suffix check, which is on:
    /// [`public_suffixes(PublicSuffixes::Off)`](DefaultCookiePolicyBuilder::public_suffixes)
    /// makes Python's decisions (the scenario format's `netscape` and
    /// `rfc2965` modes do).
    ///
    /// # Deliberate deviations from Python
    ///
    /// The public suffix check (RFC 6265bis §5.7 step 9): Python has no
    /// list, and takes `Domain=.github.io` from `evil.github.io` and
    /// `Domain=.co.uk` from `www.evil.co.uk` (unless `strict_domain`,
    /// whose list of second-level labels misses most suffixes), which
    /// then go to every site under the suffix. Here such a cookie is
    /// refused ([`Rejection::PublicSuffix`], or
    /// [`Rejection::DomainBeyondSite`] for `Domain=amazonaws.com` from
    /// `bucket.s3.amazonaws.com`); a suffix host's own cookies (those of
    /// `github.io` or `s3.amazonaws.com`, with or without a `Domain` that
    /// names the host) stay on that host, where Netscape rules send host
    /// cookies to subdomains too; and a file's cookie for a suffix is
    /// read as the suffix host's own.
    /// [`PublicSuffixes::Off`] turns this off.
    ///
    /// Each is tested in `tests/client_cookie.rs` (but the `rfind` one,
    /// which no jar decision shows: Python's other domain checks refuse
    /// what its `rfind` lets through); `scripts/diff_python.py`
    /// compares random scenarios with Python 3 and names which of these
    /// explains each difference. Reading and writing headers:
    ///
    /// - A response's cookies are processed in header order, each through the
    ///   policy: an expired cookie removes the stored cookie it replaces only
    ///   if the policy accepts it. Python deletes before any policy check, so
    ///   any site could delete another site's cookies, and a response that
    ///   sets then deletes a cookie keeps it.
    /// - An invalid `Max-Age` is ignored like an invalid `Expires`; Python
    ///   drops the cookie.
    /// - A malformed cookie never drops the other cookies of the response
    ///   (Python drops all of them when one raises, e.g. a `Set-Cookie2`
    ///   `Expires`, which it compares as a string; here it is parsed as a
    ///   date).
    /// - `Secure` and `Discard` turn their flag on whatever their value, as
    ///   RFC 6265bis §5.6 reads `Secure`: `Secure=false` is secure. Python
    ///   turns it on for any value but the empty one (`Secure=` is not
    ///   secure there).
    /// - In a version 1 `Cookie` header, a value that is not a token is sent
    ///   as a quoted string; Python only backslash-escapes `"` and `\`, so a
    ///   `;` or space corrupts the header.
    /// - Cookies of equal path length go in creation order (RFC 6265bis
    ///   §5.8.3); Python sends them by the order their domains were first
    ///   stored in, then by creation. RFC 2965 §3.3.4 orders by path only.
    /// - A negative `Version` is refused.
    /// - Paths are the URL parser's paths (scenario format decision 3).
    /// - [`CookieJar::make_cookies`](crate::CookieJar::make_cookies) reads
    ///   only the headers the switches let in (`Set-Cookie2` only with
    ///   `rfc2965`), and never removes a stored cookie (Python's removes
    ///   the cookies an expired one replaces).
    ///
    /// Hosts, domains and ports:
    ///
    /// - IP addresses are recognised by parsing, not by the `\.\d+$` pattern
    ///   (`is_HDN`), and IPv6 literals are hosts like any other.
    /// - The RFC 2965 domain-match (`domain_match`) tests that the domain is a
    ///   suffix of the host; Python's `rfind` also accepts it in the middle.
    /// - The request port of a URL without an explicit port is its scheme's
    ///   default (443 for `https`), not always 80.
    /// - Every entry of a `Port` list must be a number, those after the
    ///   request's port too: Python stops reading there, and sends the rest
    ///   back in `$Port` as written (where `"; a=1` reads as another cookie
    ///   to a server that splits at `;`).
    /// - A trailing dot is no embedded dot: `Domain=.com.` is refused as
    ///   `Domain=.com` is, and `strict_domain` reads `.co.uk.` as `.co.uk`
    ///   (Python counts the dot, and stores a cookie for every `.com.`
    ///   host).
    /// - Not implemented: RFC 2965's effective host name at the jar level. A
    ///   cookie is stored under the host it came from (or its `Domain`), so
    ///   the cookies of `http://intranet/` do not go to `intranet.local`, nor
    ///   those of `foo.local` to `foo`, and `Domain=.local` from a dotless
    ///   host is refused; Python accepts and matches all of them.
    /// - A secure cookie goes to a loopback host (`localhost` and
    ///   `*.localhost`, `127.0.0.0/8`, `[::1]`) over any scheme, as browsers
    ///   treat loopback as a secure origin (scenario format decision 2,
    ///   which names `localhost`, `127.0.0.1` and `[::1]`); Python goes by
    ///   the scheme alone.
    /// - `set_cookie_if_ok` refuses a cookie whose domain the request host
    ///   does not domain-match, host-only or not (Python stores a host-only
    ///   cookie for `bank.example` offered with a request to `evil.example`).
    /// - A cookie whose name, value, path or port holds a control character
    ///   (but HTAB) is refused, as RFC 6265bis §5.6 step 1 refuses it: it
    ///   would go into the `Cookie` header (Python stores it, and its
    ///   `http.client` then refuses to send a lone CR). So is one whose name
    ///   or value is not UTF-8: Python reads the bytes as Latin-1, and a
    ///   replacement character would go back to the server here.
    /// - A jar keeps at most 180 cookies per domain from servers, under these
    ///   rules too ([`CookieJarBuilder::max_cookies_per_domain`]; `None`
    ///   keeps all, as Python does).
    /// - Unicode hosts are in A-labels (`xn--bcher-kva.de`), as URLs give
    ///   them, and a `Domain` attribute that is not ASCII (`bücher.de`) is
    ///   refused, as RFC 6265bis §5.7 step 8 refuses it (Python compares the
    ///   Unicode forms, and accepts it).
    /// - `secure_protocols` adds schemes to `https` and `wss` and never takes
    ///   them away (nor loopback hosts): Python's `secure_protocols=("https",)`
    ///   stops secure cookies going over `wss`, and an empty tuple stops them
    ///   everywhere; here both leave `https` and `wss` secure.
    ///
    /// [`CookieJarBuilder::max_cookies_per_domain`]: crate::CookieJarBuilder::max_cookies_per_domain
    pub fn client_cookie() -> DefaultCookiePolicyBuilder<ClientCookieRules> {
        let mut policy = DefaultCookiePolicy::new();
        policy.rules = Rules::ClientCookie;
        DefaultCookiePolicyBuilder {
            policy,
            rules: PhantomData,
        }
        .prefixes(PrefixRules::Ignore)
        .limits(ParseLimits::NONE)
        .max_age_cap(None)
    }

    /// The rules this policy follows.
    pub fn rules(&self) -> Rules {
        self.rules
    }

    /// Whether a request to `url` is secure: its scheme is one of the
    /// `secure_protocols`, or it goes to a loopback host (`localhost`,
    /// `127.0.0.1`, `[::1]`: a potentially trustworthy origin, as browsers
    /// treat it; under ClientCookie rules too, where Python would not).
    pub fn is_secure_request(&self, url: &url::Url) -> bool {
        self.secure_protocols.iter().any(|p| p == url.scheme()) || is_secure_origin(url)
    }

    /// Whether, and how, `SameSite` is enforced.
    pub fn same_site(&self) -> SameSiteRules {
        self.same_site
    }

    /// The secure protocols.
    pub fn secure_protocols(&self) -> &[String] {
        &self.secure_protocols
    }

    /// The blocked domains, as kept: lower case, Unicode in A-labels.
    pub fn blocked_domains(&self) -> &[String] {
        self.blocked_domains.entries()
    }

    /// Replaces the blocked domains.
    pub fn set_blocked_domains<I, S>(&mut self, domains: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.blocked_domains = DomainList::new(domains.into_iter().map(list_entry).collect());
    }

    /// Whether `domain` is blocked: it equals a blocked entry, or is a
    /// subdomain of an entry written with a leading dot (ClientCookie's
    /// `user_domain_match`).
    pub fn is_blocked(&self, domain: &str) -> bool {
        self.blocked_domains.matches(&list_form(domain))
    }

    /// The allowed domains, as kept: lower case, Unicode in A-labels
    /// (`None`: no allow list).
    pub fn allowed_domains(&self) -> Option<&[String]> {
        self.allowed_domains.as_ref().map(DomainList::entries)
    }

    /// Replaces the allowed domains: only their cookies are stored and
    /// sent.
    pub fn set_allowed_domains<I, S>(&mut self, domains: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allowed_domains = Some(DomainList::new(
            domains.into_iter().map(list_entry).collect(),
        ));
    }

    /// Removes the allow list: any domain's cookies may be stored and
    /// sent (Python's `allowed_domains=None`).
    pub fn clear_allowed_domains(&mut self) {
        self.allowed_domains = None;
    }

    /// Whether `domain` is outside the allow list (never, without one).
    pub fn is_not_allowed(&self, domain: &str) -> bool {
        self.allowed_domains
            .as_ref()
            .is_some_and(|list| !list.matches(&list_form(domain)))
    }

    pub(crate) fn psl(&self) -> Option<&dyn PublicSuffixList> {
        match &self.public_suffixes {
            PublicSuffixes::Builtin => Some(&BuiltinList),
            PublicSuffixes::Off => None,
            PublicSuffixes::Custom(l) => Some(l.as_ref()),
        }
    }

    /// Whether this policy refuses every cookie, set or sent, for
    /// `request` because its scheme is not HTTP's: under RFC 6265bis rules
    /// (browsers keep cookies for `http`, `https`, `ws` and `wss` only),
    /// unless the scheme is one of `secure_protocols`.
    fn refuses_scheme(&self, request: &dyn Request) -> bool {
        let scheme = request.url().scheme();
        self.rules == Rules::Rfc6265bis
            && !matches!(scheme, "https" | "http" | "wss" | "ws")
            && !self.secure_protocols.iter().any(|p| p == scheme)
    }

    /// Whether this policy refuses every cookie, set or sent, for
    /// `request`: [`ThirdPartyCookies::Block`] and a third-party request
    /// (another site); or, under RFC 6265bis rules, `strict_ns_unverifiable`
    /// and an unverifiable third-party request as ClientCookie defines it
    /// (RFC 2965 §3.3.6; under ClientCookie rules that switch is checked
    /// per cookie version).
    ///
    /// A top-level navigation is never third-party: the page it loads is
    /// the first party. `cross_site` says whether the request is
    /// cross-site ([`is_third_party`](Self::is_third_party)), asked only
    /// if needed.
    #[inline(always)]
    fn blocks_third_party(&self, request: &dyn Request, cross_site: impl FnOnce() -> bool) -> bool {
        (self.third_party == ThirdPartyCookies::Block
            && !request.is_top_level_navigation()
            && cross_site())
            || (self.strict_ns_unverifiable
                && self.rules == Rules::Rfc6265bis
                && request.is_unverifiable()
                && client_cookie::is_third_party(request))
    }

    /// Whether `request` is a third-party (cross-site) request: its origin
    /// request host is on another site (registrable domain) than its own
    /// host; given as an origin (`https://a.example`), on another scheme
    /// too (RFC 6265bis §5.2 defers to HTML's "same site", which compares
    /// schemes).
    pub(crate) fn is_third_party(&self, request: &dyn Request) -> bool {
        let Some(origin) = request.origin_request_host() else {
            return false;
        };
        let Some(host) = request_host(request.url()) else {
            return false;
        };
        // Not one host (a URL with a path, `null`): no site, so another.
        let Some(origin) = parse_origin(origin) else {
            return true;
        };
        if origin
            .scheme
            .is_some_and(|scheme| !same_scheme(scheme, request.url().scheme()))
        {
            return true;
        }
        // One trailing dot is the root (`a.example.` is `a.example`); the
        // URL parser keeps more as a name, not an IP address.
        let origin = origin.host.strip_suffix('.').unwrap_or(&origin.host);
        // An IP address is a site of its own: no registrable domain of
        // its last labels (`10.0.0.1` and `192.168.0.1` are two sites).
        // Sites need a public suffix list: with none set
        // (`PublicSuffixes::Off`), the built-in one says what a site is.
        let list = self.psl().unwrap_or(&BuiltinList);
        fn site<'h>(list: &dyn PublicSuffixList, h: &'h str, is_ip: bool) -> &'h str {
            match is_ip {
                false => list.registrable_domain(h).unwrap_or(h),
                true => h,
            }
        }
        let host_name = host.name.strip_suffix('.').unwrap_or(host.name);
        site(list, origin, is_ip_literal(origin)) != site(list, host_name, host.is_ip)
    }

    /// For a cross-site request under rules that enforce `SameSite`:
    /// whether it carries `Lax` cookies, and whether it carries cookies
    /// without `SameSite` (RFC 6265bis §5.8.3 step 1). `None` when the
    /// rules ignore `SameSite`.
    fn same_site_allowances(&self, request: &dyn Request) -> Option<(bool, bool)> {
        let lax = lax_allowed(request);
        match self.same_site {
            SameSiteRules::Ignore => None,
            SameSiteRules::LaxByDefault => Some((lax, lax)),
            SameSiteRules::NoneByDefault => Some((lax, true)),
        }
    }

    /// RFC 6265bis §5.7 step 18: a cookie that `SameSite` restricts (all
    /// but `SameSite=None`, and unset ones under `NoneByDefault`) is not
    /// stored from the response to a cross-site request, unless the
    /// request navigates a top-level browsing context; nor is a
    /// partitioned one (CHIPS), which that request's page's partition
    /// would hold.
    fn check_same_site_set(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
        let restricted = match self.same_site {
            SameSiteRules::Ignore => false,
            rules => !same_site_allows(
                cookie.same_site(),
                false,
                rules == SameSiteRules::NoneByDefault,
            ),
        };
        // A partitioned cookie from a cross-site subresource would be
        // kept in the partition of the page that embeds it: a jar has
        // none but its own sites' (see `Rejection::Partitioned`).
        let unpartitionable = cookie.partitioned() && self.same_site != SameSiteRules::Ignore;
        if (restricted || unpartitionable)
            && !request.is_top_level_navigation()
            && self.is_third_party(request)
        {
            return Err(match restricted {
                true => Rejection::SameSite,
                false => Rejection::Partitioned,
            });
        }
        Ok(())
    }

    /// RFC 6265bis §5.8.3 step 1: whether `cookie` may go with `request`
    /// as far as `SameSite` says.
    fn check_same_site_return(
        &self,
        cookie: &Cookie,
        request: &dyn Request,
    ) -> Result<(), Rejection> {
        let Some((lax, unset)) = self.same_site_allowances(request) else {
            return Ok(());
        };
        // A partitioned cookie is in its own site's partition: it goes
        // with a navigation to that site (the page's site is then its
        // own), not with a cross-site page's requests.
        let partition_kept = cookie.partitioned() && !request.is_top_level_navigation();
        let kept = partition_kept || !same_site_allows(cookie.same_site(), lax, unset);
        if kept && self.is_third_party(request) {
            return Err(match partition_kept {
                true => Rejection::Partitioned,
                false => Rejection::SameSite,
            });
        }
        Ok(())
    }

    pub(crate) fn check_lists(&self, cookie: &Cookie) -> Result<(), Rejection> {
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

/// Whether two schemes are one as HTML's schemeful "same site" compares
/// them: ignoring case, the WebSocket schemes as their HTTP counterparts.
fn same_scheme(a: &str, b: &str) -> bool {
    fn web(s: &str) -> &str {
        match s {
            _ if s.eq_ignore_ascii_case("ws") => "http",
            _ if s.eq_ignore_ascii_case("wss") => "https",
            _ => s,
        }
    }
    web(a).eq_ignore_ascii_case(web(b))
}

/// RFC 6265bis §5.8.3 step 1, for a cross-site request: whether a cookie
/// with `SameSite` `flag` goes with it, given whether `Lax` cookies do
/// and whether cookies without `SameSite` do. `None` ones always go,
/// `Strict` ones never. (The jar's lookup asks it for
/// [`ReturnShortcut::SecureAndSameSite`].)
pub(crate) fn same_site_allows(flag: SameSite, lax_allowed: bool, unset_allowed: bool) -> bool {
    match flag {
        SameSite::None => true,
        SameSite::Lax => lax_allowed,
        SameSite::Default => unset_allowed,
        SameSite::Strict => false,
    }
}

/// Whether a cross-site request may carry `SameSite=Lax` cookies (RFC
/// 6265bis §5.8.3 step 1): a top-level navigation with a safe method
/// (RFC 9110 §9.2.1).
fn lax_allowed(request: &dyn Request) -> bool {
    request.is_top_level_navigation()
        && matches!(request.method(), Some("GET" | "HEAD" | "OPTIONS" | "TRACE"))
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

impl CookiePolicy for DefaultCookiePolicy {
    /// Under RFC 6265bis rules: §5.7 steps 9, 13 and 19-22, plus the block
    /// and allow lists and third-party blocking. Under ClientCookie rules:
    /// ClientCookie's `set_ok` (see [`Rules::ClientCookie`]), plus whichever
    /// modern checks are switched on. Under both, step 18 when
    /// [`SameSiteRules`] enforce `SameSite`.
    fn set_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
        if self.blocks_third_party(request, || self.is_third_party(request)) {
            return Err(Rejection::ThirdParty);
        }
        if self.refuses_scheme(request) {
            return Err(Rejection::NotHttp);
        }
        match self.rules {
            Rules::Rfc6265bis => self.check_lists(cookie)?,
            Rules::ClientCookie => client_cookie::set_ok(self, cookie, request)?,
        }
        // Step 9: a Domain that is a public suffix (the jar already made it
        // host-only when it equals the request host). A host-only cookie
        // of the request host is its own: under Netscape rules it also
        // goes to the host's subdomains, but not a public suffix's
        // (`github.io`'s: see `host_cookie_matches_subdomains`). One of
        // another host (`set_cookie_if_ok` takes, under Netscape rules, a
        // host cookie of a domain the request host matches) is judged as
        // a domain cookie: `evil.github.io` plants none for `github.io`.
        // (Under RFC 6265bis rules the jar makes and takes host cookies of
        // the request host only.)
        let own = || {
            cookie.host_only()
                && (self.rules == Rules::Rfc6265bis
                    || request_host(request.url()).is_some_and(|h| {
                        h.name.trim_end_matches('.') == cookie.domain.trim_end_matches('.')
                    }))
        };
        if let Some(psl) = self.psl().filter(|_| !own()) {
            check_domain(psl, cookie, request)?;
        }
        // Step 13.
        if self.rules == Rules::Rfc6265bis
            && cookie.secure()
            && !self.is_secure_request(request.url())
        {
            return Err(Rejection::SecureFromInsecureOrigin);
        }
        self.check_same_site_set(cookie, request)?;
        // Step 19.
        if self.rules == Rules::Rfc6265bis
            && cookie.same_site() == SameSite::None
            && !cookie.secure()
        {
            return Err(Rejection::SameSiteNoneInsecure);
        }
        if self.prefixes == PrefixRules::Enforce {
            check_prefixes(
                cookie,
                Made::Received {
                    path_specified: cookie.path_specified(),
                },
            )?;
            // Every prefix needs a secure origin too: under RFC 6265bis
            // rules, step 13 has refused a secure cookie from any other.
            if self.rules != Rules::Rfc6265bis
                && prefix_rule(cookie.nv.name_bytes()).is_some()
                && !self.is_secure_request(request.url())
            {
                return Err(Rejection::SecureFromInsecureOrigin);
            }
        }
        match &self.store_check {
            Some(check) => (check.0)(cookie, request),
            None => Ok(()),
        }
    }

    /// The size limits of RFC 6265bis §5.6 steps 5 and 8 (a name and
    /// value of more than 4096 bytes, a path of more than 1024), when the
    /// policy has them ([`limits`](DefaultCookiePolicyBuilder::limits)),
    /// so that no file makes a cookie no server could have set; then the
    /// prefix rules (§5.7 steps 20-22), when enforced; a `__Host-`
    /// cookie's path `/` counts as set by a `Path` attribute (a
    /// `cookies.txt` line does not say); the `__Http-` prefix is not
    /// checked (browsers enforce it only since 2025: older files may
    /// hold such cookies).
    fn whole_cookie_ok(&self, cookie: &Cookie) -> Result<(), Rejection> {
        // Lengths in bytes, with no UTF-8 check of the strings.
        let over = |limit: Option<usize>, len: usize| limit.is_some_and(|max| len > max);
        if over(self.limits.max_name_value, cookie.nv.name_value_len())
            || over(
                self.limits.max_attribute_value,
                cookie.path.as_bytes().len(),
            )
        {
            return Err(Rejection::TooLarge);
        }
        match self.prefixes {
            PrefixRules::Enforce => check_prefixes(cookie, Made::Whole),
            PrefixRules::Ignore => Ok(()),
        }
    }

    /// Under RFC 6265bis rules (§5.8.3): a secure-only cookie goes only to a
    /// secure request; plus the block and allow lists and third-party
    /// blocking. Under ClientCookie rules: ClientCookie's `return_ok`.
    /// Under both, step 1's `SameSite` condition when [`SameSiteRules`]
    /// enforce it.
    fn return_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
        if self.blocks_third_party(request, || self.is_third_party(request)) {
            return Err(Rejection::ThirdParty);
        }
        if self.refuses_scheme(request) {
            return Err(Rejection::NotHttp);
        }
        match self.rules {
            Rules::Rfc6265bis => {
                if cookie.secure() && !self.is_secure_request(request.url()) {
                    return Err(Rejection::NotSecureChannel);
                }
                self.check_lists(cookie)?;
            }
            Rules::ClientCookie => client_cookie::return_ok(self, cookie, request)?,
        }
        self.check_same_site_return(cookie, request)?;
        match &self.send_check {
            Some(check) => (check.0)(cookie, request),
            None => Ok(()),
        }
    }

    /// Under RFC 6265bis rules with no block or allow list and no
    /// [`send_check`](DefaultCookiePolicyBuilder::send_check), `return_ok`
    /// depends only on the `Secure` flag, the third-party check and, for a
    /// cross-site request under enforced `SameSite` rules, the `SameSite`
    /// flag: all decided once per request.
    fn return_shortcut(&self, request: &dyn Request) -> ReturnShortcut {
        let lists = !self.blocked_domains.is_empty()
            || self.allowed_domains.is_some()
            || self.send_check.is_some();
        // Decided once, and only when a switch asks (a request without an
        // origin is same-site at no cost).
        let cross_site = (self.third_party == ThirdPartyCookies::Block
            || self.same_site != SameSiteRules::Ignore)
            && self.is_third_party(request);
        if self.rules != Rules::Rfc6265bis
            || lists
            || self.blocks_third_party(request, || cross_site)
            || self.refuses_scheme(request)
        {
            return ReturnShortcut::PerCookie;
        }
        let secure_allowed = self.is_secure_request(request.url());
        if !cross_site {
            return ReturnShortcut::SecureFlag { secure_allowed };
        }
        match self.same_site_allowances(request) {
            Some((lax_allowed, unset_allowed)) => ReturnShortcut::SecureAndSameSite {
                secure_allowed,
                lax_allowed,
                unset_allowed,
                partitioned_allowed: request.is_top_level_navigation(),
            },
            None => ReturnShortcut::SecureFlag { secure_allowed },
        }
    }

    fn domain_return_ok(&self, _domain: &str, request: &dyn Request) -> bool {
        !self.blocks_third_party(request, || self.is_third_party(request))
            && !self.refuses_scheme(request)
    }

    fn protocols(&self) -> Protocols {
        match self.rules {
            Rules::Rfc6265bis => Protocols::RFC6265BIS,
            Rules::ClientCookie => {
                let mut p = Protocols::CLIENT_COOKIE;
                p.netscape = self.netscape;
                p.rfc2965 = self.rfc2965;
                p.rfc2109_as_netscape = self.rfc2109_as_netscape.unwrap_or(!self.rfc2965);
                p.advertise_cookie2 = self.rfc2965 && !self.hide_cookie2;
                p
            }
        }
    }

    /// Under ClientCookie rules, a version 0 cookie's (Netscape rules),
    /// unless `strict_ns_domain` has `NON_DOMAIN`, or the policy has a
    /// public suffix list and the cookie's host is a public suffix
    /// (`github.io`, `s3.amazonaws.com`): the sites under a suffix are
    /// other sites (RFC 6265bis §5.7 step 9).
    fn host_cookie_matches_subdomains(&self, cookie: &Cookie) -> bool {
        self.rules == Rules::ClientCookie
            && cookie.version().unwrap_or(0) == 0
            && !self.strict_ns_domain.contains(DomainStrictness::NON_DOMAIN)
            && !self
                .psl()
                .is_some_and(|psl| psl.is_public_suffix_bytes(cookie.domain.as_bytes()))
    }

    fn host_cookies_may_match_subdomains(&self) -> bool {
        self.rules == Rules::ClientCookie
            && !self.strict_ns_domain.contains(DomainStrictness::NON_DOMAIN)
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

/// A block or allow list entry as the jar keeps domains: lower case, a
/// Unicode domain in A-labels (`bücher.de` is `xn--bcher-kva.de`, as
/// request hosts and [`CookieBuilder::domain`] give it), a leading dot
/// kept (it means "and subdomains").
///
/// [`CookieBuilder::domain`]: crate::CookieBuilder::domain
fn list_entry(d: impl Into<String>) -> String {
    let d = d.into();
    // `example.com.` is the host `example.com`, fully qualified.
    let d = d.strip_suffix('.').unwrap_or(&d);
    let (dot, rest) = match d.strip_prefix('.') {
        Some(rest) => (".", rest),
        None => ("", d),
    };
    format!("{dot}{}", &*crate::cookie::canonical_domain(rest))
}

/// `domain` as list entries are kept (see [`list_entry`]), borrowed
/// when it is so already (a stored cookie's domain always is).
fn list_form(domain: &str) -> std::borrow::Cow<'_, str> {
    // A host written fully qualified (`www.tracker.example.`) is the same
    // host: without this, its cookies escaped a block list.
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    match domain
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        true => std::borrow::Cow::Borrowed(domain),
        false => std::borrow::Cow::Owned(list_entry(domain)),
    }
}

/// Step 9, a `Domain` that is a public suffix ([`Rejection::PublicSuffix`]),
/// and a `Domain` broader than the request host's site (its registrable
/// domain: [`Rejection::DomainBeyondSite`]), which Chrome and Firefox
/// refuse too: on a private suffix such as `s3.amazonaws.com`,
/// `Domain=amazonaws.com` from `bucket1.s3.amazonaws.com` is not itself a
/// public suffix, but would reach every other tenant under the suffix.
/// The domain is known to domain-match the host. A public suffix other
/// than the host is beyond its site, so one walk of the host's suffixes
/// answers both, and the suffix check is made only to name a refusal.
fn check_domain(
    psl: &dyn PublicSuffixList,
    cookie: &Cookie,
    request: &dyn Request,
) -> Result<(), Rejection> {
    let public = || psl.is_public_suffix_bytes(cookie.domain.as_bytes());
    let Some(host) = request_host(request.url()).filter(|h| !h.is_ip) else {
        return if public() {
            Err(Rejection::PublicSuffix)
        } else {
            Ok(())
        };
    };
    let host = host.name.trim_end_matches('.');
    let domain = cookie.domain.trim_end_matches('.');
    if domain == host {
        return if public() {
            Err(Rejection::PublicSuffix)
        } else {
            Ok(())
        };
    }
    // A host that is itself a public suffix (`s3.amazonaws.com`) has no
    // site: only its own domain.
    match psl.is_beyond_site(host, domain) {
        true if public() => Err(Rejection::PublicSuffix),
        true => Err(Rejection::DomainBeyondSite),
        false => Ok(()),
    }
}

/// How much of a cookie's making [`check_prefixes`] can see.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Made {
    /// From a `Set-Cookie` header (or handed to `set_ok` as received):
    /// whether the path came from a `Path` attribute.
    Received { path_specified: bool },
    /// Given whole (a file line, a built cookie): a path of `/` counts
    /// as set by a `Path` attribute (a `cookies.txt` line does not say),
    /// and the `__Http-` prefix, which browsers enforce only since 2025
    /// (Chrome 140), is not checked: files of programs that never
    /// enforced it (Python's, wget's, Safari's, a browser's before it)
    /// may hold such a cookie without `Secure` or `HttpOnly`, which a
    /// load then a save would drop. (A `__Host-Http-` cookie is a
    /// `__Host-` one.)
    Whole,
}

fn has_prefix(s: &[u8], p: &str) -> bool {
    s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p.as_bytes())
}

/// The prefix rule `name` falls under, if any, matched as
/// [`check_prefixes`] matches: case-insensitively, after any spaces and
/// tabs (WSP, which a server reading the `Cookie` header drops, as the
/// parser does). A `__Host-Http-` name is a `__Host-` one here.
fn prefix_rule(name: &[u8]) -> Option<Rejection> {
    let name = trim_wsp(name);
    if name.first() != Some(&b'_') {
        None
    } else if has_prefix(name, "__Secure-") {
        Some(Rejection::SecurePrefix)
    } else if has_prefix(name, "__Host-") {
        Some(Rejection::HostPrefix)
    } else if has_prefix(name, "__Http-") {
        Some(Rejection::HttpPrefix)
    } else {
        None
    }
}

/// RFC 6265bis §5.7 steps 20-22: the `__Secure-` and `__Host-` prefixes,
/// and the `__Http-` and `__Host-Http-` prefixes of its successor,
/// draft-ietf-httpbis-layered-cookies (§4.1.3 there; Chrome 140 and
/// Firefox enforce them): such a cookie needs `Secure` and `HttpOnly`,
/// and a `__Host-Http-` one the `__Host-` rules too. All matched
/// case-insensitively, after any spaces and tabs (as Chrome's
/// `HasHiddenPrefixName` trims a nameless cookie's value). A `__Host-`
/// cookie needs a `Path` attribute of `/` (step 21.3), not merely the
/// default path `/`, as browsers and the WPT case `__host.explicit-path`
/// require; `Path=` with no value (or not starting with `/`) counts as
/// none, as in Chrome, though §5.6.4 appends the default path as the
/// attribute. A nameless cookie's value may start with none of them
/// (step 22). The origin's part of the rules (a secure one) is §5.7 step
/// 13's, or, under ClientCookie rules, [`CookiePolicy::set_ok`]'s.
fn check_prefixes(cookie: &Cookie, made: Made) -> Result<(), Rejection> {
    // Bytes: no UTF-8 check of a name kept inline.
    let name = cookie.nv.name_bytes();
    // Most names: no prefix, nor a blank to look past.
    if name.first().is_some_and(|&b| b != b'_' && !is_wsp(b)) {
        return Ok(());
    }
    let received = matches!(made, Made::Received { .. });
    // A name of spaces and tabs only is none to a server that trims it.
    if trim_wsp(name).is_empty() {
        return match prefix_rule(cookie.value().as_bytes()) {
            Some(Rejection::HttpPrefix) if !received => Ok(()),
            Some(_) => Err(Rejection::NamelessWithPrefix),
            None => Ok(()),
        };
    }
    let path_specified = match made {
        Made::Received { path_specified } => path_specified,
        Made::Whole => true,
    };
    // A host-only cookie made so from a `Domain` naming the request's
    // IP address counts only when the attribute was the address as the
    // URL writes it, no leading dot (Chrome's `url.host() == domain`).
    let dotted = received
        && cookie.domain_initial_dot()
        && crate::cookie::is_address_domain(cookie.domain().as_bytes());
    let host =
        |c: &Cookie| c.secure() && c.host_only() && !dotted && path_specified && c.path() == "/";
    match prefix_rule(name) {
        Some(Rejection::SecurePrefix) if !cookie.secure() => Err(Rejection::SecurePrefix),
        Some(Rejection::HostPrefix) if !host(cookie) => Err(Rejection::HostPrefix),
        // `__Host-Http-`: the `__Http-` rules too.
        Some(Rejection::HostPrefix)
            if received
                && has_prefix(&trim_wsp(name)["__Host-".len()..], "Http-")
                && !cookie.http_only() =>
        {
            Err(Rejection::HttpPrefix)
        }
        Some(Rejection::HttpPrefix) if received && !(cookie.secure() && cookie.http_only()) => {
            Err(Rejection::HttpPrefix)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request for `url` made for a page of `origin`.
    fn request_from(url: &str, origin: &str) -> crate::SimpleRequest {
        crate::SimpleRequest::parse(url)
            .unwrap()
            .with_origin_request_host(origin)
    }

    /// The names of a jar's cookies, sorted.
    fn sorted_names(jar: &crate::CookieJar) -> Vec<String> {
        let mut names: Vec<String> = jar
            .all_cookies()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        names.sort();
        names
    }

    /// ClientCookie's `user_domain_match(a, b)`, as a list of `b` alone
    /// answers it.
    fn user_domain_match(a: &str, b: &str) -> bool {
        super::DomainList::new(vec![list_entry(b)]).matches(a)
    }

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

    /// The user's checks run after the policy's: one that lets every
    /// cookie through lets through nothing the policy refuses, and sees
    /// each cookie sent, those given whole included.
    #[test]
    fn user_checks_add_to_the_policy() {
        use std::sync::{Arc, Mutex};
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stored, sent) = (Arc::clone(&seen), Arc::clone(&seen));
        let policy = DefaultCookiePolicy::builder()
            .store_check(move |c, _| {
                stored.lock().unwrap().push(format!("store {}", c.name()));
                Ok(())
            })
            .send_check(move |c, r| {
                sent.lock()
                    .unwrap()
                    .push(format!("send {} {}", c.name(), r.url().scheme()));
                Ok(())
            })
            .build();
        let jar = crate::CookieJar::with_policy(policy);
        let http = url::Url::parse("http://www.example.com/").unwrap();
        let https = url::Url::parse("https://www.example.com/").unwrap();
        jar.set_cookies_from_headers(
            &http,
            [
                &b"a=1"[..],
                b"s=1; Secure",
                b"__Host-h=1; Path=/; Domain=example.com",
            ],
        );
        jar.set_cookies_from_headers(&https, [&b"t=1; Secure"[..]]);
        jar.set_cookie(Cookie::builder("f", "1").domain("www.example.com").build())
            .unwrap();
        assert_eq!(jar.cookie_header_for(&http).as_deref(), Some("a=1; f=1"));
        let seen = std::mem::take(&mut *seen.lock().unwrap());
        assert_eq!(seen, ["store a", "store t", "send a http", "send f http"],);
    }

    /// An IP address is a site of its own: requests between two IPv4
    /// hosts are third-party, whatever their last labels.
    #[test]
    fn third_party_between_ip_hosts() {
        let policy = DefaultCookiePolicy::builder()
            .third_party(ThirdPartyCookies::Block)
            .build();
        let from = request_from;
        for (url, origin, third) in [
            ("http://10.0.0.1/", "192.168.0.1", true),
            ("http://10.0.0.1/", "10.0.0.2", true),
            ("http://10.0.0.1/", "10.0.0.1", false),
            ("http://[::1]/", "[::2]", true),
            ("http://[::1]/", "[::1]", false),
            ("http://www.example.com/", "img.example.com", false),
            ("http://www.example.com/", "example.org", true),
            // An origin given as a Host header gives it, with its port.
            (
                "https://www.example.com:8443/",
                "www.example.com:8443",
                false,
            ),
            ("https://www.example.com:8443/", "example.org:8443", true),
            ("http://[::1]:8080/", "[::1]:8080", false),
            ("http://[::1]/", "[::2]:8080", true),
        ] {
            assert_eq!(
                policy.is_third_party(&from(url, origin)),
                third,
                "{url} from {origin}"
            );
        }
        assert!(is_ip_literal("::1") && is_ip_literal("[::1]") && is_ip_literal("10.0.0.1"));
        assert!(!is_ip_literal("0.1") && !is_ip_literal("example.com"));
    }

    #[test]
    fn prefixes() {
        const HEADER: Made = Made::Received {
            path_specified: true,
        };
        let c = |name: &str, secure: bool, host_only: bool, path: &str| {
            Cookie::builder(name, "v")
                .domain("example.com")
                .secure(secure)
                .host_only(host_only)
                .path(path)
                .path_specified(true)
                .build()
        };
        assert_eq!(
            check_prefixes(&c("__Secure-a", false, true, "/"), HEADER),
            Err(Rejection::SecurePrefix)
        );
        assert_eq!(
            check_prefixes(&c("__secure-a", true, false, "/x"), HEADER),
            Ok(())
        );
        assert_eq!(
            check_prefixes(&c("__Host-a", true, true, "/"), HEADER),
            Ok(())
        );
        assert_eq!(
            check_prefixes(&c("__HOST-a", true, false, "/"), HEADER),
            Err(Rejection::HostPrefix)
        );
        assert_eq!(
            check_prefixes(&c("__Host-a", true, true, "/x"), HEADER),
            Err(Rejection::HostPrefix)
        );
        assert_eq!(
            check_prefixes(&c("__Host-a", false, true, "/"), HEADER),
            Err(Rejection::HostPrefix)
        );
        // Step 21.3: a path of / that no Path attribute gave.
        let defaulted = Cookie::builder("__Host-a", "v")
            .domain("example.com")
            .secure(true)
            .path("/")
            .build();
        assert_eq!(
            check_prefixes(
                &defaulted,
                Made::Received {
                    path_specified: false
                }
            ),
            Err(Rejection::HostPrefix)
        );
        // Given whole (a file line does not say how the path was set).
        let policy = DefaultCookiePolicy::new();
        assert_eq!(policy.whole_cookie_ok(&defaulted), Ok(()));
        let insecure = c("__Secure-a", false, true, "/");
        assert_eq!(
            policy.whole_cookie_ok(&insecure),
            Err(Rejection::SecurePrefix)
        );
        let ignoring = DefaultCookiePolicy::builder()
            .prefixes(PrefixRules::Ignore)
            .build();
        assert_eq!(ignoring.whole_cookie_ok(&insecure), Ok(()));
        assert_eq!(
            DefaultCookiePolicy::client_cookie()
                .build()
                .whole_cookie_ok(&insecure),
            Ok(())
        );
        let nameless = Cookie::builder("", "__Host-x=1")
            .domain("example.com")
            .secure(true)
            .build();
        assert_eq!(
            check_prefixes(&nameless, HEADER),
            Err(Rejection::NamelessWithPrefix)
        );
        // `__Http-` and `__Host-Http-`: Secure and HttpOnly; the second
        // the `__Host-` rules too.
        let http = |name: &str, secure: bool, http_only: bool, host_only: bool| {
            Cookie::builder(name, "v")
                .domain("example.com")
                .secure(secure)
                .http_only(http_only)
                .host_only(host_only)
                .path_specified(true)
                .build()
        };
        let cases = [
            ("__Http-a", true, true, false, Ok(())),
            ("__http-a", true, false, true, Err(Rejection::HttpPrefix)),
            ("__HTTP-a", false, true, true, Err(Rejection::HttpPrefix)),
            ("__Host-Http-a", true, true, true, Ok(())),
            (
                "__host-http-a",
                true,
                false,
                true,
                Err(Rejection::HttpPrefix),
            ),
            (
                "__Host-HTTP-a",
                true,
                true,
                false,
                Err(Rejection::HostPrefix),
            ),
            ("__Host-Httpa", true, false, true, Ok(())),
            ("__HttpX-a", false, false, false, Ok(())),
            ("__Http", false, false, false, Ok(())),
        ];
        for (name, secure, http_only, host_only, want) in cases {
            let c = http(name, secure, http_only, host_only);
            assert_eq!(check_prefixes(&c, HEADER), want, "{name}");
        }
        // Given whole, `__Http-` is not checked (files of programs that
        // never enforced it); `__Host-Http-` is a `__Host-` cookie.
        for (secure, http_only) in [(true, false), (false, false), (false, true)] {
            let c = http("__Http-a", secure, http_only, false);
            assert_eq!(policy.whole_cookie_ok(&c), Ok(()));
        }
        let insecure = http("__Host-Http-a", false, true, true);
        assert_eq!(
            policy.whole_cookie_ok(&insecure),
            Err(Rejection::HostPrefix)
        );
        let not_http_only = http("__Host-Http-a", true, false, true);
        assert_eq!(policy.whole_cookie_ok(&not_http_only), Ok(()));
        for value in [
            "__Http-x=1",
            "__HOST-HTTP-x=1",
            "__secure-x",
            " \t__Host-x=1",
        ] {
            let nameless = Cookie::builder("", value)
                .domain("example.com")
                .secure(true)
                .http_only(true)
                .build();
            assert_eq!(
                check_prefixes(&nameless, HEADER),
                Err(Rejection::NamelessWithPrefix),
                "{value}"
            );
            let whole = policy.whole_cookie_ok(&nameless);
            match value.starts_with("__Http") {
                true => assert_eq!(whole, Ok(()), "{value}"),
                false => assert_eq!(whole, Err(Rejection::NamelessWithPrefix), "{value}"),
            }
        }
        // Spaces and tabs before a prefix, which a server reading the
        // header drops, do not hide it (Chrome's `HasHiddenPrefixName`).
        let hidden = http("\t __Host-a", false, true, true);
        assert_eq!(check_prefixes(&hidden, HEADER), Err(Rejection::HostPrefix));
        assert_eq!(policy.whole_cookie_ok(&hidden), Err(Rejection::HostPrefix));
        let hidden = http(" __Secure-a", false, false, false);
        assert_eq!(
            policy.whole_cookie_ok(&hidden),
            Err(Rejection::SecurePrefix)
        );
        // A name of spaces and tabs is none: its value is checked (a
        // review's case: ` =__Host-x=evil` would reach a server as a
        // nameless `__Host-x=evil`).
        for name in [" ", "\t", " \t "] {
            let blank = Cookie::builder(name, "__Host-x=evil")
                .domain("example.com")
                .build();
            assert_eq!(
                policy.whole_cookie_ok(&blank),
                Err(Rejection::NamelessWithPrefix),
                "{name:?}"
            );
        }
    }

    /// Under ClientCookie rules with the prefixes enforced, a prefixed
    /// cookie needs a secure origin too (RFC 6265bis rules refuse any
    /// secure cookie from another, step 13).
    #[test]
    fn prefixes_need_a_secure_origin_under_client_cookie_rules() {
        let policy = DefaultCookiePolicy::client_cookie()
            .prefixes(PrefixRules::Enforce)
            .build();
        let jar = crate::CookieJar::with_policy(policy);
        let lines = [
            "__Secure-a=1; Secure",
            "__Http-b=1; Secure; HttpOnly",
            "__Host-c=1; Secure; Path=/",
            "d=1; Secure",
        ];
        let http = url::Url::parse("http://example.com/").unwrap();
        jar.set_cookies_from_headers(&http, lines);
        // `d`, which no prefix guards: ClientCookie rules take a secure
        // cookie from any origin, as Python does.
        assert_eq!(sorted_names(&jar), ["d"]);
        let https = url::Url::parse("https://example.com/").unwrap();
        jar.set_cookies_from_headers(&https, lines);
        assert_eq!(
            sorted_names(&jar),
            ["__Host-c", "__Http-b", "__Secure-a", "d"]
        );
    }

    /// Sites come from the built-in public suffix list when the policy
    /// has none (ClientCookie's default): a subdomain of the same site is
    /// no third party.
    #[test]
    fn third_parties_are_other_sites_without_a_list_too() {
        let policy = DefaultCookiePolicy::client_cookie()
            .public_suffixes(PublicSuffixes::Off)
            .third_party(ThirdPartyCookies::Block)
            .build();
        let req = request_from;
        assert!(!policy.is_third_party(&req("https://api.example.com/", "www.example.com")));
        assert!(!policy.is_third_party(&req("https://a.example.co.uk/", "b.example.co.uk")));
        assert!(policy.is_third_party(&req("https://a.example.co.uk/", "b.other.co.uk")));
        assert!(policy.is_third_party(&req("https://tracker.test/", "www.example.com")));
    }
    /// A `Domain` above the request host's site is refused as beyond the
    /// site when it is not itself a public suffix (a private suffix's
    /// tenants, `s3.amazonaws.com`), and as a public suffix when it is:
    /// the jar narrows only the latter to a host cookie when it re-admits
    /// its cookies (`Rejection::PublicSuffix` there).
    #[test]
    fn domains_beyond_the_site_are_named_apart_from_public_suffixes() {
        let jar = crate::CookieJar::new();
        let refusals = |url: &str, line: &str| {
            let req = crate::SimpleRequest::parse(url).unwrap();
            let resp = crate::SimpleResponse::with_set_cookies([line]);
            let mut reasons = Vec::new();
            jar.extract_cookies_with(&resp, &req, &mut |e| {
                if let crate::CookieEvent::Rejected { reason, .. } = e {
                    reasons.push(reason.clone());
                }
            });
            reasons
        };
        let tenant = "https://bucket1.s3.amazonaws.com/";
        assert_eq!(
            refusals(tenant, "a=1; Domain=amazonaws.com"),
            [Rejection::DomainBeyondSite]
        );
        assert_eq!(
            refusals(tenant, "b=1; Domain=s3.amazonaws.com"),
            [Rejection::PublicSuffix]
        );
        assert_eq!(
            refusals("https://www.example.co.uk/", "c=1; Domain=co.uk"),
            [Rejection::PublicSuffix]
        );
        assert!(refusals(tenant, "d=1; Domain=bucket1.s3.amazonaws.com").is_empty());
        assert_eq!(jar.len(), 1);
    }

    /// List entries and the domains asked about are compared in one form:
    /// lower case, Unicode in A-labels.
    #[test]
    fn lists_compare_unicode_domains_in_a_labels() {
        let policy = DefaultCookiePolicy::builder()
            .blocked_domains(["Bücher.de", ".Example.COM"])
            .allowed_domains(["bücher.de", ".example.com"])
            .build();
        assert_eq!(
            policy.blocked_domains(),
            ["xn--bcher-kva.de", ".example.com"]
        );
        for d in [
            "bücher.de",
            "BÜCHER.de",
            "xn--bcher-kva.de",
            "www.example.com",
        ] {
            assert!(policy.is_blocked(d), "{d}");
            assert!(!policy.is_not_allowed(d), "{d}");
        }
        assert!(!policy.is_blocked("other.de"));
        assert!(policy.is_not_allowed("other.de"));
    }

    /// The getters give back what the builder was told, as kept.
    #[test]
    fn getters_give_the_switches() {
        let policy = DefaultCookiePolicy::builder()
            .same_site(SameSiteRules::NoneByDefault)
            .secure_protocols(["HTTPS", "wss", "Gopher"])
            .allowed_domains(["Example.COM", ".shop.example."])
            .build();
        assert_eq!(policy.same_site(), SameSiteRules::NoneByDefault);
        assert_eq!(policy.secure_protocols(), ["https", "wss", "gopher"]);
        assert_eq!(
            policy.allowed_domains(),
            Some(&["example.com".to_owned(), ".shop.example".to_owned()][..])
        );
        let default = DefaultCookiePolicy::new();
        assert_eq!(default.same_site(), SameSiteRules::Ignore);
        assert_eq!(default.secure_protocols(), ["https", "wss"]);
        assert_eq!(default.allowed_domains(), None);
    }

    /// The size limits a policy is given are the `Set-Cookie` parser's:
    /// without any, a name and value over 4096 bytes are stored; with
    /// smaller ones, a cookie over them is not.
    #[test]
    fn the_parser_takes_the_policys_size_limits() {
        let url = url::Url::parse("https://example.com/").unwrap();
        let big = format!("a={}", "v".repeat(5000));
        let stored = |limits: ParseLimits| {
            let policy = DefaultCookiePolicy::builder().limits(limits).build();
            let jar = crate::CookieJar::with_policy(policy);
            jar.set_cookies_from_headers(&url, [big.as_str(), "b=12345"]);
            sorted_names(&jar)
        };
        assert_eq!(stored(ParseLimits::RFC6265BIS), ["b"]);
        assert_eq!(stored(ParseLimits::NONE), ["a", "b"]);
        assert!(stored(ParseLimits::new(Some(4), None)).is_empty());
    }

    /// A policy's `Debug` shows the user's checks as closures, and which
    /// were given.
    #[test]
    fn debug_shows_the_users_checks() {
        let policy = DefaultCookiePolicy::builder()
            .store_check(|_, _| Ok(()))
            .build();
        let debug = format!("{policy:?}");
        assert!(debug.contains("store_check: Some(Check(..))"), "{debug}");
        assert!(debug.contains("send_check: None"), "{debug}");
    }
}
