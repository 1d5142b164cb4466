//! The cookie jar: RFC 6265bis §5.7 (storing cookies from responses) and
//! §5.8.3 (the `Cookie` header of requests), over the small
//! [`Request`] / [`Response`] traits.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard, TryLockError};

use url::Url;

use crate::clock::{Clock, CoarseClock};
use crate::cookie::{Cookie, CookieKey, Legacy, NameValue, SameSite};
use crate::error::Error;
use crate::format::{self, Format, LoadOptions, LoadReport};
use crate::legacy;
use crate::matching::{
    canonical_domain_attribute, default_path, domain_match_bytes, has_empty_label,
    is_secure_origin, lookup_host, path_match, request_path, storing_host, RequestHost,
};
use crate::parse::{parse_set_cookie, PathAttribute, SetCookie, SetCookieError};
use crate::policy::{
    same_site_allows, CookiePolicy, DefaultCookiePolicy, Rejection, ReturnShortcut, Rules,
};
use crate::short_str::ShortStr;
use crate::store::{check_shadow, Entry, ExpiredCookies, Found, Inserted, Matches, Store};
use crate::time_util::{UnixTime, MIN_UNIX};
use crate::traits::{RedactedHeader, Request, Response, SimpleRequest};

/// A [`CookieEvent`] kept until the store is unlocked.
enum Event {
    Stored(Cookie),
    Expired(Box<Cookie>),
    Evicted(Box<Cookie>),
    Rejected {
        header: Vec<u8>,
        name: Box<str>,
        reason: Rejection,
    },
}

impl Event {
    /// The event as observers see it.
    fn as_cookie_event(&self) -> CookieEvent<'_> {
        match self {
            Event::Stored(c) => CookieEvent::Stored(c),
            Event::Expired(c) => CookieEvent::Expired(c),
            Event::Evicted(c) => CookieEvent::Evicted(c),
            Event::Rejected {
                header,
                name,
                reason,
            } => CookieEvent::Rejected {
                header,
                name,
                reason: reason.clone(),
            },
        }
    }
}

/// A jar's own observer: see [`CookieJarBuilder::observer`].
#[derive(Clone)]
struct Observer(Arc<ObserverFn>);

/// What a jar's own observer is given: the request's URL and an event.
type ObserverFn = dyn Fn(&Url, CookieEvent<'_>) + Send + Sync;

/// Says only that there is one.
impl std::fmt::Debug for Observer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Observer")
    }
}

/// Trims `store` to the jar's total limit, if a store took it past
/// (see [`CookieJarBuilder::max_cookies`]), never evicting the cookie
/// with key `keep` (the one just stored: a replacement keeps its old
/// creation time, so it could rank among the first to go); logs each
/// eviction and keeps its event, if events are kept.
fn trim_to_total(
    store: &mut Store,
    max: usize,
    now: i64,
    keep: Option<&CookieKey>,
    events: Option<&mut Vec<Event>>,
) {
    if store.len() <= max {
        return;
    }
    let gone = store.trim(max, max - max / 10, now, keep);
    for old in &gone {
        log::debug!(
            "cookie {:?} of {} evicted: the jar is full",
            old.name(),
            old.domain
        );
    }
    if let Some(events) = events {
        events.extend(gone.into_iter().map(|c| Event::Evicted(Box::new(c))));
    }
}

/// Logs the eviction of `old` to make room in its domain.
fn log_eviction(old: Box<Cookie>) -> Box<Cookie> {
    log::debug!(
        "cookie {:?} of {} evicted: its domain or site is full",
        old.name(),
        old.domain
    );
    old
}

/// Logs the refusal of a response's cookie named `name` (`None`: the
/// header made no cookie, and the name is its RFC 6265bis reading), from
/// the header `line` of a response to `url`, and keeps its event, if
/// events are kept.
fn rejected(
    events: Option<&mut Vec<Event>>,
    line: &[u8],
    name: Option<&str>,
    url: &Url,
    reason: Rejection,
) {
    let from_header = || String::from_utf8_lossy(crate::parse::set_cookie::header_name(line));
    let name = name.map_or_else(from_header, std::borrow::Cow::Borrowed);
    log::debug!(
        "cookie {name:?} rejected from {}: {reason}",
        url.host_str().unwrap_or("")
    );
    if let Some(events) = events {
        events.push(Event::Rejected {
            header: line.to_vec(),
            name: name.into(),
            reason,
        });
    }
}

/// A callback given each header line and the cookie made from it.
// Boxed as made: the store keeps the box, so the cookie is never copied.
type MadeCookie<'a> = dyn FnMut(&[u8], Result<Box<Cookie>, Rejection>) + 'a;

/// What happened to one `Set-Cookie` header in
/// [`CookieJar::extract_cookies_with`]. `Debug` output redacts the
/// cookie values (of a stored cookie, and of a refused header).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CookieEvent<'a> {
    /// The cookie was stored (added, or replacing one with the same key).
    Stored(&'a Cookie),
    /// The cookie had already expired: it removed the cookie it would have
    /// replaced, if any.
    Expired(&'a Cookie),
    /// A stored cookie was evicted (RFC 6265bis §5.7, "remove excess
    /// cookies"): to make room in its domain for the cookie of this
    /// header (see [`CookieJarBuilder::max_cookies_per_domain`]), and the
    /// header's own event follows; or, after the header's own event, to
    /// bring the jar within its total (see
    /// [`CookieJarBuilder::max_cookies`]).
    Evicted(&'a Cookie),
    /// The header was refused.
    #[non_exhaustive]
    Rejected {
        /// The header value.
        header: &'a [u8],
        /// The cookie's name, as the jar's rules read it (a `Set-Cookie2`
        /// line's cookie's own, Netscape rules' `token` for `token`); for
        /// a header that made no cookie (a control character, too
        /// large), its RFC 6265bis reading (see [`CookieEvent::name`]).
        name: &'a str,
        /// Why.
        reason: Rejection,
    },
}

impl<'a> CookieEvent<'a> {
    /// The cookie's name: a stored, expired or evicted cookie's, or a
    /// refused one's: as the jar's rules made it, or, for a header that
    /// made no cookie, as RFC 6265bis §5.6 steps 2-4 read it (the text
    /// before the first `=` of the part before the first `;`, white space
    /// trimmed; empty when there is no `=`; bytes beyond UTF-8 as
    /// U+FFFD).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use cookiejar::{CookieEvent, CookieJar};
    ///
    /// let refused = Arc::new(Mutex::new(Vec::new()));
    /// let log = refused.clone();
    /// let jar = CookieJar::builder()
    ///     .observer(move |event| {
    ///         if let CookieEvent::Rejected { reason, .. } = &event {
    ///             log.lock().unwrap().push(format!("{}: {reason}", event.name()));
    ///         }
    ///     })
    ///     .build();
    /// let url = url::Url::parse("http://example.com/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=1; Secure", "lang=en"]);
    /// assert_eq!(
    ///     *refused.lock().unwrap(),
    ///     ["sid: secure cookie from a non-secure origin"]
    /// );
    /// ```
    pub fn name(&self) -> &'a str {
        match *self {
            CookieEvent::Stored(c) | CookieEvent::Expired(c) | CookieEvent::Evicted(c) => c.name(),
            CookieEvent::Rejected { name, .. } => name,
        }
    }
}

impl std::fmt::Debug for CookieEvent<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CookieEvent::Stored(c) => f.debug_tuple("Stored").field(c).finish(),
            CookieEvent::Expired(c) => f.debug_tuple("Expired").field(c).finish(),
            CookieEvent::Evicted(c) => f.debug_tuple("Evicted").field(c).finish(),
            CookieEvent::Rejected { header, reason, .. } => f
                .debug_struct("Rejected")
                // A Set-Cookie2 line when ClientCookie rules read one.
                .field("header", &RedactedHeader::strict(header))
                .field("reason", reason)
                .finish(),
        }
    }
}

/// A client-side cookie jar (RFC 6265bis), shareable between threads.
///
/// All methods take `&self`: the jar locks internally (a read lock for
/// lookups, a write lock for stores), so an `Arc<CookieJar>` serves any
/// number of threads.
///
/// ```
/// use cookiejar::{CookieJar, SimpleRequest, SimpleResponse};
/// let jar = CookieJar::new();
/// let req = SimpleRequest::parse("https://www.example.com/login").unwrap();
/// let resp = SimpleResponse::with_set_cookies(["sid=42; Path=/; Secure; HttpOnly"]);
/// jar.extract_cookies(&resp, &req);
///
/// let mut next = SimpleRequest::parse("https://www.example.com/account").unwrap();
/// jar.add_cookie_header(&mut next);
/// assert_eq!(next.header("Cookie"), Some("sid=42"));
/// ```
pub struct CookieJar {
    store: RwLock<Store>,
    /// How many times the store was locked for writing: see
    /// [`CookieJar::changes`]. Counted under the lock.
    changes: AtomicU64,
    /// The policy the jar was built with, read without a lock or a count
    /// of its own until [`CookieJar::set_policy`] first replaces it.
    policy: Arc<dyn CookiePolicy>,
    /// Whether `replacement` holds the current policy.
    replaced: AtomicBool,
    replacement: RwLock<Option<Arc<dyn CookiePolicy>>>,
    /// Held by [`CookieJar::set_policy`] from installing its policy to
    /// the end of the narrowing of the cookies to it (see
    /// [`CookieJar::fork`]).
    replacing: Mutex<()>,
    clock: Arc<dyn Clock>,
    /// See [`CookieJarBuilder::max_cookies_per_domain`]; `usize::MAX`
    /// for none.
    max_per_domain: usize,
    /// See [`CookieJarBuilder::max_cookies_per_site`]; `usize::MAX` for
    /// none.
    max_per_site: usize,
    /// See [`CookieJarBuilder::max_cookies`]; `usize::MAX` for none.
    max_total: usize,
    /// See [`CookieJarBuilder::observer`].
    observer: Option<Observer>,
}

/// A panic in the user's code that a jar calls (a policy, a clock, a
/// request or response, a `log` backend,
/// [`remove_where`](CookieJar::remove_where)'s closure,
/// [`for_each_cookie`](CookieJar::for_each_cookie)'s) comes between two
/// whole changes of its cookies, never in one, and the jar's locks are
/// taken again after it (not poisoned): a jar stays whole, and usable,
/// across `std::panic::catch_unwind` (a crawler's per-URL guard) without
/// `AssertUnwindSafe`. The call that panicked may be left part done: a
/// response's first cookies stored and not the rest (nor reported to
/// observers), the jar past [`max_cookies`](CookieJarBuilder::max_cookies)
/// until the next store trims it, or, from
/// [`set_policy`](CookieJar::set_policy), the new policy in place and
/// the stored cookies not yet checked against it. The jar answers for
/// its own state only: a policy, clock or observer that keeps state of
/// its own keeps it whole across a panic itself. (An observer is called
/// with the jar unlocked.)
impl std::panic::RefUnwindSafe for CookieJar {}
impl std::panic::UnwindSafe for CookieJar {}

/// The store locked for writing, with the number of the change it makes
/// ([`CookieJar::changes`] once taken).
struct StoreWrite<'a> {
    guard: RwLockWriteGuard<'a, Store>,
    change: u64,
}

impl std::ops::Deref for StoreWrite<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.guard
    }
}

impl std::ops::DerefMut for StoreWrite<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.guard
    }
}

/// A summary, not the cookies (a client's `Debug` output may hold its
/// jar, and a jar may hold millions; [`CookieJar::cookies`] lists them):
/// the number of cookies (`"locked"` while another call writes), the
/// policy and the limits.
impl std::fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let limit = |n: usize| (n != usize::MAX).then_some(n);
        let mut d = f.debug_struct("CookieJar");
        match self.store.try_read() {
            Ok(store) => d.field("cookies", &store.len()),
            Err(std::sync::TryLockError::Poisoned(p)) => d.field("cookies", &p.into_inner().len()),
            Err(std::sync::TryLockError::WouldBlock) => d.field("cookies", &"locked"),
        };
        d.field("policy", &&*self.current_policy())
            .field("max_cookies_per_domain", &limit(self.max_per_domain))
            .field("max_cookies_per_site", &limit(self.max_per_site))
            .field("max_cookies", &limit(self.max_total))
            .field("observer", &self.observer.as_ref().map(|_| "set"))
            .finish_non_exhaustive()
    }
}

/// The policy one call of the jar works under: the jar's own, borrowed,
/// or a clone of its replacement.
enum PolicyRef<'a> {
    Built(&'a (dyn CookiePolicy + 'static)),
    Replaced(Arc<dyn CookiePolicy>),
}

impl std::ops::Deref for PolicyRef<'_> {
    type Target = dyn CookiePolicy;

    fn deref(&self) -> &Self::Target {
        match self {
            PolicyRef::Built(p) => *p,
            PolicyRef::Replaced(p) => p.as_ref(),
        }
    }
}

/// Builds a [`CookieJar`] with a chosen policy and clock. A clone is a
/// template: each jar it builds shares its policy, clock and observer.
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct CookieJarBuilder {
    policy: Option<Arc<dyn CookiePolicy>>,
    clock: Option<Arc<dyn Clock>>,
    max_per_domain: Option<Option<NonZeroUsize>>,
    max_per_site: Option<NonZeroUsize>,
    max_total: Option<NonZeroUsize>,
    observer: Option<Observer>,
}

/// How many cookies a jar keeps for one domain by default (RFC 6265bis
/// §6.1 asks for at least 50). Chrome and Firefox keep 180 per site (a
/// registrable domain with all its subdomains); this jar counts them per
/// domain field (see [`CookieJarBuilder::max_cookies_per_domain`]), so
/// a site of many hosts may hold 180 for each: a crawler bounds its jar
/// with [`CookieJarBuilder::max_cookies_per_site`] or
/// [`CookieJarBuilder::max_cookies`].
pub const DEFAULT_MAX_COOKIES_PER_DOMAIN: NonZeroUsize = NonZeroUsize::new(180).unwrap();

impl CookieJarBuilder {
    /// The policy (default: [`DefaultCookiePolicy::new`]).
    pub fn policy(mut self, policy: impl CookiePolicy + 'static) -> Self {
        self.policy = Some(Arc::new(policy));
        self
    }

    /// The policy, shared.
    pub fn shared_policy(mut self, policy: Arc<dyn CookiePolicy>) -> Self {
        self.policy = Some(policy);
        self
    }

    /// The clock (default: [`CoarseClock`], the system clock at the
    /// kernel tick's resolution).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// The most cookies servers may make the jar keep for one domain
    /// (cookies whose domain, or host for a host-only cookie, is the
    /// same; a subdomain's `Domain=` cookies count for the parent):
    /// default [`DEFAULT_MAX_COOKIES_PER_DOMAIN`], `None` for no limit
    /// (`NonZeroUsize::new(50)` for 50).
    ///
    /// When a response sets a new cookie for a domain holding that many
    /// unexpired cookies, one is evicted first, as RFC 6265bis §5.7
    /// ("remove excess cookies") orders it: a non-secure cookie before a
    /// secure one, then the one least recently sent or stored (to the
    /// second; ties go to the older cookie), then the oldest. A
    /// non-secure cookie for a domain whose cookies are all secure is
    /// refused instead ([`Rejection::DomainFull`]). Evictions are
    /// reported to [`CookieJar::extract_cookies_with`]'s observer as
    /// [`CookieEvent::Evicted`] and logged at debug level.
    ///
    /// The limit guards the jar against a server that sets ever more
    /// cookies: servers cannot grow a domain past it, and a store costs
    /// at most one more scan of the domain's cookies. It applies to the
    /// cookies of responses (`extract_cookies`, `set_cookies_from_headers`)
    /// and to [`CookieJar::set_cookie_if_ok`]. Cookies given whole
    /// ([`CookieJar::set_cookie`], loaded files) are the user's and are
    /// all kept, past the limit too; a server's cookie for such a domain
    /// then replaces one of them (one for one), never more.
    pub fn max_cookies_per_domain(mut self, limit: Option<NonZeroUsize>) -> Self {
        self.max_per_domain = Some(limit);
        self
    }

    /// The most cookies servers may make the jar keep for one site: the
    /// cookies whose domain lies within one registrable domain (by the
    /// built-in Public Suffix List: `example.com` with all its
    /// subdomains; an address, or a public suffix, is a site alone), as
    /// Chrome and Firefox count their 180. Default `None`, no limit
    /// beyond [`max_cookies_per_domain`]'s, which counts each domain
    /// field apart as RFC 6265bis §5.7 words it: a site of many hosts (a
    /// crawler trap of `a1.example.com`, `a2.example.com`, ...) can make
    /// the jar keep that many for each host. A crawler sets both, or this
    /// one and [`max_cookies`].
    ///
    /// When a response sets a new cookie for a site holding that many
    /// cookies, the site's expired cookies are removed, and if it still
    /// holds that many, one of the site's is evicted first, in the
    /// order of the per-domain limit (non-secure before secure, then the
    /// least recently sent or stored, then the oldest), or the cookie is
    /// refused when it is not secure and all of the site's are
    /// ([`Rejection::SiteFull`]). A store evicts at most one cookie: when
    /// the cookie's domain is full too, the domain's eviction makes room
    /// in both. Like the per-domain limit, it applies to the cookies of
    /// responses and to [`CookieJar::set_cookie_if_ok`]; cookies given
    /// whole are all kept, and count. Evictions are reported and logged
    /// as the per-domain limit's are. The jar counts each site's cookies
    /// as they come and go, so a store into a site below its limit costs
    /// a public-suffix lookup or two; a store into a full site reads all
    /// the site's cookies (for a site of 180 hosts, about 8 µs a store
    /// on the project's machine, against about 1.2 µs with no limit).
    ///
    /// ```
    /// use std::num::NonZeroUsize;
    /// use cookiejar::CookieJar;
    ///
    /// let jar = CookieJar::builder().max_cookies_per_site(NonZeroUsize::new(50)).build();
    /// for i in 0..100 {
    ///     let url = url::Url::parse(&format!("https://a{i}.trap.example/")).unwrap();
    ///     jar.set_cookies_from_headers(&url, ["a=1", "b=2"]);
    /// }
    /// assert_eq!(jar.len(), 50);
    /// ```
    ///
    /// [`max_cookies_per_domain`]: Self::max_cookies_per_domain
    /// [`max_cookies`]: Self::max_cookies
    pub fn max_cookies_per_site(mut self, limit: Option<NonZeroUsize>) -> Self {
        self.max_per_site = limit;
        self
    }

    /// The most cookies servers may make the whole jar keep: default
    /// `None`, no limit, as in Python's and Go's jars (RFC 6265bis §6.1
    /// asks a browser for at least 3000; Chrome keeps 3300, Firefox
    /// 3000). A crawler that visits many sites may set one to bound the
    /// jar's memory, which [`max_cookies_per_domain`] bounds only per
    /// domain.
    ///
    /// When a cookie from a response leaves the jar with more than
    /// `limit` cookies, expired cookies are removed, and if more than
    /// `limit` are left, the least recently sent or stored (to the
    /// second; ties go to the older cookie) are evicted down to nine
    /// tenths of `limit` (RFC 6265bis §5.7, "remove excess cookies";
    /// Chrome also purges a batch at once): evicting one cookie per
    /// store would scan the whole jar at every store. The cookie just
    /// stored is kept (a replacement too, though it keeps the creation
    /// time of the cookie it replaces). Evictions are reported to
    /// [`CookieJar::extract_cookies_with`]'s observer as
    /// [`CookieEvent::Evicted`] after the header's own event, and logged
    /// at debug level.
    ///
    /// Like the per-domain limit, it applies to the cookies of responses
    /// and to [`CookieJar::set_cookie_if_ok`]: cookies given whole
    /// ([`CookieJar::set_cookie`], loaded files) are all kept, and count,
    /// so the next cookie from a response may evict them.
    ///
    /// [`max_cookies_per_domain`]: Self::max_cookies_per_domain
    pub fn max_cookies(mut self, limit: Option<NonZeroUsize>) -> Self {
        self.max_total = limit;
        self
    }

    /// An observer of every `Set-Cookie` decision the jar makes, from
    /// whichever call: [`extract_cookies`](CookieJar::extract_cookies),
    /// [`set_cookies_from_headers`](CookieJar::set_cookies_from_headers),
    /// reqwest's `CookieStore` (which has no way to pass one), and
    /// [`extract_cookies_with`](CookieJar::extract_cookies_with) (before
    /// that call's own observer). Called after the jar is unlocked, so it
    /// may use the jar. None by default, and then nothing is collected.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use cookiejar::{CookieEvent, CookieJar};
    ///
    /// let refused = Arc::new(Mutex::new(Vec::new()));
    /// let log = refused.clone();
    /// let jar = CookieJar::builder()
    ///     .observer(move |event| {
    ///         if let CookieEvent::Rejected { reason, .. } = event {
    ///             log.lock().unwrap().push(reason);
    ///         }
    ///     })
    ///     .build();
    /// let url = url::Url::parse("http://example.com/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=1; Secure", "lang=en"]);
    /// assert_eq!(refused.lock().unwrap().len(), 1); // Secure over http
    /// assert_eq!(jar.len(), 1);
    /// ```
    pub fn observer(self, observer: impl Fn(CookieEvent<'_>) + Send + Sync + 'static) -> Self {
        self.observer_with_url(move |_, event| observer(event))
    }

    /// [`observer`](Self::observer), given also the URL of the request
    /// each response answers: which site a refused cookie came from, when
    /// one jar serves many (a reqwest client's).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use cookiejar::{CookieEvent, CookieJar};
    ///
    /// let refused = Arc::new(Mutex::new(Vec::new()));
    /// let log = refused.clone();
    /// let jar = CookieJar::builder()
    ///     .observer_with_url(move |url, event| {
    ///         if let CookieEvent::Rejected { reason, .. } = event {
    ///             log.lock().unwrap().push(format!("{}: {reason}", url.host_str().unwrap()));
    ///         }
    ///     })
    ///     .build();
    /// let url = url::Url::parse("http://example.com/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=1; Secure"]);
    /// assert_eq!(
    ///     *refused.lock().unwrap(),
    ///     ["example.com: secure cookie from a non-secure origin"]
    /// );
    /// ```
    pub fn observer_with_url(
        mut self,
        observer: impl Fn(&Url, CookieEvent<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.observer = Some(Observer(Arc::new(observer)));
        self
    }

    /// Finishes the jar.
    pub fn build(self) -> CookieJar {
        CookieJar {
            store: RwLock::new(Store::default()),
            changes: AtomicU64::new(0),
            policy: self
                .policy
                .unwrap_or_else(|| Arc::new(DefaultCookiePolicy::new())),
            replaced: AtomicBool::new(false),
            replacement: RwLock::new(None),
            replacing: Mutex::new(()),
            clock: self.clock.unwrap_or_else(|| Arc::new(CoarseClock)),
            max_per_domain: match self.max_per_domain {
                None => DEFAULT_MAX_COOKIES_PER_DOMAIN.get(),
                Some(limit) => limit.map_or(usize::MAX, NonZeroUsize::get),
            },
            max_per_site: self.max_per_site.map_or(usize::MAX, NonZeroUsize::get),
            max_total: self.max_total.map_or(usize::MAX, NonZeroUsize::get),
            observer: self.observer,
        }
    }
}

/// The jar itself, for code generic over both jars (such as
/// `tower::CookieLayer`, the `tower` feature's).
impl AsRef<CookieJar> for CookieJar {
    fn as_ref(&self) -> &CookieJar {
        self
    }
}

impl Default for CookieJar {
    fn default() -> Self {
        CookieJar::new()
    }
}

/// Why a header was refused, as a [`Rejection`].
fn parse_rejection(e: SetCookieError) -> Rejection {
    match e {
        SetCookieError::ControlCharacter(_) => Rejection::ControlCharacter,
        SetCookieError::NameValueTooLarge(_) => Rejection::TooLarge,
    }
}

impl CookieJar {
    /// An empty jar with the RFC 6265bis [`DefaultCookiePolicy`] and the
    /// system clock at tick resolution ([`CoarseClock`]).
    pub fn new() -> Self {
        CookieJar::builder().build()
    }

    /// A builder, to choose the policy and the clock.
    pub fn builder() -> CookieJarBuilder {
        CookieJarBuilder::default()
    }

    /// An empty jar with `policy` and the system clock at tick resolution
    /// ([`CoarseClock`]).
    pub fn with_policy(policy: impl CookiePolicy + 'static) -> Self {
        CookieJar::builder().policy(policy).build()
    }

    /// The current policy.
    pub fn policy(&self) -> Arc<dyn CookiePolicy> {
        match self.current_policy() {
            PolicyRef::Built(_) => Arc::clone(&self.policy),
            PolicyRef::Replaced(p) => p,
        }
    }

    /// The policy for one call. Until the first [`set_policy`] this is a
    /// borrow of the jar's own, which costs one atomic load where a lock
    /// and a reference count cost four atomic writes (2% of a store);
    /// after it, a clone of the replacement. A call that overlaps a
    /// replacement works under either policy.
    ///
    /// [`set_policy`]: Self::set_policy
    fn current_policy(&self) -> PolicyRef<'_> {
        if self.replaced.load(Ordering::Acquire) {
            let replacement = self
                .replacement
                .read()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(p) = replacement.as_ref() {
                return PolicyRef::Replaced(Arc::clone(p));
            }
        }
        PolicyRef::Built(self.policy.as_ref())
    }

    /// Replaces the policy. Stored cookies stay, but for those the new
    /// policy would not take from a file (the checks a load makes: see
    /// [`replace_all_from`](Self::replace_all_from)): a domain cookie for
    /// a public suffix, which a laxer policy (ClientCookie's) could
    /// store, becomes the suffix host's own cookie, as a load reads it,
    /// and one that breaks the new policy's prefix rules is removed, so
    /// that no cookie goes further than the new policy lets any go
    /// (Python's `set_policy` keeps every cookie as it is). Returns how
    /// many cookies were narrowed or removed.
    pub fn set_policy(&self, policy: impl CookiePolicy + 'static) -> usize {
        let _replacing = self
            .replacing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *self
            .replacement
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(policy));
        self.replaced.store(true, Ordering::Release);
        self.readmit()
    }

    /// A copy of the jar, to fork a session (a user's, for a trial
    /// request; a test's starting state): a new jar with this jar's
    /// current policy, clock, limits and observer (shared), and copies of
    /// its cookies, expired ones included, with their creation and
    /// last-access times, taken under one lock. The two then change
    /// apart; [`changes`](CookieJar::changes) counts from 0 in the copy.
    ///
    /// A method, not `Clone`: a jar is shared (through an `Arc`, or a
    /// `&'static`), and a `Clone` would let a struct that holds one by
    /// value and is cloned per request (a server's state, a service)
    /// store each response's cookies into a copy that is then dropped.
    ///
    /// ```compile_fail,E0277
    /// fn takes_clone<T: Clone>() {}
    /// takes_clone::<cookiejar::CookieJar>();
    /// ```
    ///
    /// ```
    /// use cookiejar::CookieJar;
    /// use url::Url;
    ///
    /// let jar = CookieJar::new();
    /// let url = Url::parse("https://shop.example/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=1", "cart=3"]);
    /// let fork = jar.fork();
    /// fork.set_cookies_from_headers(&url, ["cart=4"]);
    /// assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("sid=1; cart=3"));
    /// assert_eq!(fork.cookie_header_for(&url).as_deref(), Some("sid=1; cart=4"));
    /// ```
    pub fn fork(&self) -> CookieJar {
        // Free unless a `set_policy` is between installing its policy
        // and narrowing the cookies to it (on any thread: this one's
        // policy may fork the jar while it is asked).
        let quiet = match self.replacing.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        };
        let policy = match self.current_policy() {
            PolicyRef::Built(_) => Arc::clone(&self.policy),
            PolicyRef::Replaced(p) => p,
        };
        let cookies = in_creation_order(&self.read(), |_| true);
        let narrowing = quiet.is_none();
        drop(quiet);
        let now = self.clock.now_unix();
        let mut store = Store::default();
        // Stored as they are: the jar's limits held them already.
        store.insert_all(cookies, now, ExpiredCookies::Keep);
        let fork = CookieJar {
            store: RwLock::new(store),
            changes: AtomicU64::new(0),
            policy,
            replaced: AtomicBool::new(false),
            replacement: RwLock::new(None),
            replacing: Mutex::new(()),
            clock: Arc::clone(&self.clock),
            max_per_domain: self.max_per_domain,
            max_per_site: self.max_per_site,
            max_total: self.max_total,
            observer: self.observer.clone(),
        };
        if narrowing {
            // The cookies copied may not be narrowed to the policy yet.
            fork.readmit();
            fork.changes.store(0, Ordering::Relaxed);
        }
        fork
    }

    /// Checks every stored cookie against the policy as a load would
    /// ([`admitter`](Self::admitter)): removes those it refuses, and
    /// stores a public suffix's domain cookie again as the suffix host's
    /// own, if the policy takes that and the host has no cookie of that
    /// key already (its own is kept). The policy is asked outside the
    /// store's lock (it is the user's code, which may use the jar), on a
    /// copy of the cookies; a cookie replaced meanwhile is left alone.
    /// Returns how many cookies were narrowed or removed.
    fn readmit(&self) -> usize {
        let mut admit = self.admitter();
        // Each cookie to go, as it was (to know it is still the one
        // stored), and the suffix host's own cookie it becomes.
        let mut gone = Vec::new();
        for c in self.all_cookies() {
            let narrowed = match admit(&c) {
                Ok(()) => continue,
                Err(Rejection::PublicSuffix) if !c.host_only => {
                    let mut own = c.clone();
                    own.host_only = true;
                    admit(&own).is_ok().then_some(own)
                }
                Err(_) => None,
            };
            gone.push((c, narrowed));
        }
        if gone.is_empty() {
            return 0;
        }
        let now = self.clock.now_unix();
        let mut store = self.write();
        let mut changed = 0;
        let mut own = Vec::new();
        for (c, narrowed) in gone {
            let key = c.key();
            // Still the cookie judged, but for its last access: one stored
            // meanwhile (under the new policy) stays.
            let unchanged = store.get(&key).is_some_and(|e| {
                let mut stored = e.cookie().clone();
                stored.last_access = c.last_access;
                stored == c
            });
            if unchanged {
                store.remove(&key);
                changed += 1;
                own.extend(narrowed);
            }
        }
        // Once every removal is done: the suffix host's own cookie of a
        // key, if one stays, is kept.
        own.retain(|c| store.get(&c.key()).is_none());
        store.insert_all(own, now, ExpiredCookies::Keep);
        changed
    }

    /// The jar's clock.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The clock's time, to the nanosecond, as cookies keep it.
    fn now_time(&self) -> UnixTime {
        UnixTime::from_unix_nanos(self.clock.now_unix_nanos())
    }

    /// The store, locked for writing: a change, counted.
    fn write(&self) -> StoreWrite<'_> {
        let guard = self.store.write().unwrap_or_else(PoisonError::into_inner);
        // Only a holder of the write lock writes the count: a plain load
        // and store, no atomic read-modify-write.
        let change = self.changes.load(Ordering::Relaxed) + 1;
        self.changes.store(change, Ordering::Relaxed);
        StoreWrite { guard, change }
    }

    /// How many times the jar's cookies may have changed since it was
    /// built: the count grows with every call that stores, replaces,
    /// removes or evicts cookies (and with some that only may have, such
    /// as a removal that found nothing, or a response whose cookies all
    /// replaced themselves), never with lookups, which only update
    /// last-access times. Two equal readings mean no cookie changed in
    /// between: a client that saves its cookies itself compares them to
    /// skip a save (as [`FileCookieJar::save_if_changed`] does).
    ///
    /// [`FileCookieJar::save_if_changed`]: crate::FileCookieJar::save_if_changed
    pub fn changes(&self) -> u64 {
        self.changes.load(Ordering::Relaxed)
    }

    /// The number of stored cookies (including expired ones not yet
    /// evicted).
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether the jar holds no cookie.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Stores the cookies that `response` (to `request`) sets, as the
    /// policy allows (RFC 6265bis §5.7). Refused cookies are logged at
    /// debug level; use [`extract_cookies_with`](Self::extract_cookies_with)
    /// to see each decision.
    pub fn extract_cookies(&self, response: &dyn Response, request: &dyn Request) {
        match &self.observer {
            None => self.extract(response, request, None),
            Some(_) => self.extract_cookies_with(response, request, &mut |_| {}),
        }
    }

    /// As [`extract_cookies`](Self::extract_cookies), calling `observer`
    /// with the fate of every `Set-Cookie` header, in order, once they
    /// are all stored and the jar is unlocked: the observer may use the
    /// jar.
    pub fn extract_cookies_with(
        &self,
        response: &dyn Response,
        request: &dyn Request,
        observer: &mut dyn FnMut(CookieEvent<'_>),
    ) {
        let mut events = Vec::new();
        self.extract(response, request, Some(&mut events));
        for event in &events {
            if let Some(Observer(own)) = &self.observer {
                own(request.url(), event.as_cookie_event());
            }
            observer(event.as_cookie_event());
        }
    }

    /// [`extract_cookies_with`](Self::extract_cookies_with), collecting
    /// the events in `events` if given (with a copy of each stored
    /// cookie and refused header, since they are passed on after the
    /// store is unlocked).
    fn extract(
        &self,
        response: &dyn Response,
        request: &dyn Request,
        mut events: Option<&mut Vec<Event>>,
    ) {
        let policy = self.current_policy();
        let protocols = policy.protocols();
        let now = self.now_time();
        let url = request.url();
        let host = storing_host(url);
        let secure_origin = is_secure_origin(url);
        let mut store: Option<StoreWrite<'_>> = None;
        let mut store_one = |line: &[u8], made: Result<Box<Cookie>, Rejection>| {
            let c = match made {
                Ok(c) => c,
                Err(reason) => return rejected(events.as_deref_mut(), line, None, url, reason),
            };
            let checked = (|| {
                let host = host.ok_or(Rejection::NoHost)?;
                // No cookie for a domain with an empty label, host-only
                // ones included: the URL parser accepts hosts such as
                // `a..com` and `.com`, which such a domain would reach
                // (`.com`'s host cookie goes to `x..com` under Netscape
                // rules), and no file or whole-cookie call takes one.
                if has_empty_label(c.domain.as_bytes()) {
                    return Err(Rejection::DomainEmptyLabel);
                }
                // Whatever the policy, a domain cookie's domain must
                // domain-match the request host (RFC 6265bis §5.7 step 10,
                // RFC 2965 §3.3.2): no site sets cookies for another.
                if !c.host_only
                    && !domain_match_bytes(host.name.as_bytes(), host.is_ip, c.domain.as_bytes())
                {
                    return Err(Rejection::DomainMismatch);
                }
                policy.set_ok(&c, request)
            })();
            if let Err(reason) = checked {
                return rejected(events.as_deref_mut(), line, Some(c.name()), url, reason);
            }
            let store = store.get_or_insert_with(|| self.write());
            let now_s = now.secs();
            if protocols.rules == Rules::Rfc6265bis {
                if let Err(reason) = check_shadow(store, &c, secure_origin, now_s) {
                    return rejected(events.as_deref_mut(), line, Some(c.name()), url, reason);
                }
            }
            // The cookie a store takes the jar past its total with is kept
            // (see `trim_to_total`).
            let full = store.len() >= self.max_total;
            let mut keep = None;
            match store.insert_limited(c, now_s, self.max_per_domain, self.max_per_site) {
                Inserted::Stored { cookie: c, evicted } => {
                    if full {
                        keep = Some(c.key());
                    }
                    let evicted = evicted.map(log_eviction);
                    if let (Some(events), Some(old)) = (events.as_deref_mut(), evicted) {
                        events.push(Event::Evicted(old));
                    }
                    log::debug!("cookie {:?} stored for {}", c.name(), c.domain);
                    if let Some(events) = events.as_deref_mut() {
                        events.push(Event::Stored(c.clone()));
                    }
                }
                Inserted::Expired(c) => {
                    if let Some(events) = events.as_deref_mut() {
                        events.push(Event::Expired(c));
                    }
                }
                Inserted::Refused(c) => {
                    let reason = Rejection::DomainFull;
                    rejected(events.as_deref_mut(), line, Some(c.name()), url, reason);
                }
                Inserted::SiteFull(c) => {
                    let reason = Rejection::SiteFull;
                    rejected(events.as_deref_mut(), line, Some(c.name()), url, reason);
                }
            }
            let keep = keep.as_ref();
            trim_to_total(store, self.max_total, now_s, keep, events.as_deref_mut());
        };
        self.make_each(response, request, host, &*policy, now, &mut store_one);
    }

    /// Reads the cookies of `response` by the policy's rules (RFC 6265bis
    /// §5.6-§5.7 steps 1-17, or ClientCookie's `make_cookies`), calling
    /// `f` with each header line and the cookie it makes (not yet checked
    /// by the policy nor stored). `host` is the request's host, as
    /// [`storing_host`] gives it.
    fn make_each(
        &self,
        response: &dyn Response,
        request: &dyn Request,
        host: Option<RequestHost<'_>>,
        policy: &dyn CookiePolicy,
        now: UnixTime,
        f: &mut MadeCookie<'_>,
    ) {
        let protocols = policy.protocols();
        let url = request.url();
        let mut store_one = |line: &[u8], made: Result<Box<Cookie>, Rejection>| f(line, made);
        match protocols.rules {
            Rules::Rfc6265bis => {
                let limits = policy.parse_limits();
                response.for_each_header("set-cookie", &mut |line| {
                    let made = parse_set_cookie(line, &limits)
                        .map_err(parse_rejection)
                        .and_then(|sc| {
                            let host = host.ok_or(Rejection::NoHost)?;
                            build_cookie(line, &sc, url, host, now, policy)
                        });
                    store_one(line, made);
                });
            }
            Rules::ClientCookie => {
                // Lines that are not UTF-8 are read lossily, but their
                // cookies refused (as RFC 6265bis rules refuse them): a
                // replacement character would go back to the server.
                let mut lines2: Vec<String> = Vec::new();
                let mut lines: Vec<String> = Vec::new();
                let mut not_utf8: Vec<bool> = Vec::new();
                let mut read = |to: &mut Vec<String>, l: &[u8]| {
                    let text = String::from_utf8_lossy(l);
                    not_utf8.push(matches!(text, std::borrow::Cow::Owned(_)));
                    to.push(text.into_owned());
                };
                response.for_each_header("set-cookie2", &mut |l| read(&mut lines2, l));
                response.for_each_header("set-cookie", &mut |l| read(&mut lines, l));
                let Some(h) = host else {
                    for l in lines2.iter().chain(&lines) {
                        store_one(l.as_bytes(), Err(Rejection::NoHost));
                    }
                    return;
                };
                let ctx = legacy::Context {
                    url,
                    host: h.name,
                    now: now.to_datetime(),
                };
                let l2: Vec<&str> = lines2.iter().map(String::as_str).collect();
                let l1: Vec<&str> = lines.iter().map(String::as_str).collect();
                for made in legacy::make_cookies(&l2, &l1, &ctx, protocols) {
                    let line = l2
                        .get(made.line)
                        .or_else(|| l1.get(made.line - l2.len()))
                        .copied()
                        .unwrap_or("");
                    // A control character (RFC 6265bis §5.6 step 1) would
                    // go into the Cookie header; Python's http.client
                    // refuses to send a lone CR. So would a replacement
                    // character for bytes that are not UTF-8 in the name
                    // or value (elsewhere in the line they do no harm).
                    let lossy = not_utf8.get(made.line) == Some(&true);
                    let result = made.result.and_then(|mut c| {
                        if lossy && c.nv.pair().contains('\u{fffd}') {
                            return Err(Rejection::NotUtf8);
                        }
                        // As `build_cookie` reads step 9: the policy
                        // keeps such a host cookie on its host.
                        if !c.host_only && names_its_suffix_host(&c.domain, h.name, policy) {
                            c.host_only = true;
                            c.legacy.domain_initial_dot = false;
                        }
                        // Only checked: the policy judges the domain as
                        // the header gave it.
                        c.check_controls()?;
                        Ok(c)
                    });
                    store_one(line.as_bytes(), result.map(Box::new));
                }
            }
        }
    }

    /// Sets the `Cookie` header of `request` (RFC 6265bis §5.8.3), unless
    /// it already has one or no cookie applies. As in Python's
    /// `add_cookie_header`, a `Cookie` header already there is kept: a
    /// client that sends one request object again to another URL (a
    /// redirect) must remove the header first, or the cookies of the
    /// first host go to the second; [`set_cookie_header`] does that.
    /// Under ClientCookie rules
    /// with RFC 2965 on (and `hide_cookie2` off), also adds
    /// `Cookie2: $Version="1"` when a cookie of another version is sent
    /// (RFC 2965 §3.3.5).
    ///
    /// [`set_cookie_header`]: Self::set_cookie_header
    pub fn add_cookie_header(&self, request: &mut dyn Request) {
        self.write_cookie_header(request, false);
    }

    /// Sets the `Cookie` header of `request` to the jar's cookies for it
    /// (RFC 6265bis §5.8.3), replacing any `Cookie` header it has, and
    /// removing it when no cookie applies: what an HTTP client calls
    /// before it sends each request, each hop of a redirect included,
    /// whatever headers it carried over from the hop before. The jar owns
    /// the header: a `Cookie` header set by hand is replaced (to send
    /// both, add the jar's cookies to it from
    /// [`cookie_header_for_request`](Self::cookie_header_for_request)). `Cookie2` as
    /// [`add_cookie_header`](Self::add_cookie_header) sets it.
    ///
    /// ```
    /// use cookiejar::{CookieJar, Request, SimpleRequest, SimpleResponse};
    ///
    /// let jar = CookieJar::new();
    /// let login = SimpleRequest::parse("https://a.example/login").unwrap();
    /// jar.extract_cookies(&SimpleResponse::with_set_cookies(["sid=1"]), &login);
    /// let mut hop = SimpleRequest::parse("https://a.example/home").unwrap();
    /// jar.set_cookie_header(&mut hop);
    /// assert_eq!(hop.header("Cookie"), Some("sid=1"));
    /// // A redirect to another site, the headers carried over: the
    /// // header goes, since no cookie of the jar applies there.
    /// let mut next = SimpleRequest::parse("https://b.example/").unwrap();
    /// next.set_header("Cookie", hop.header("Cookie").unwrap().to_owned());
    /// jar.set_cookie_header(&mut next);
    /// assert_eq!(next.header("Cookie"), None);
    /// ```
    pub fn set_cookie_header(&self, request: &mut dyn Request) {
        self.write_cookie_header(request, true);
    }

    /// [`add_cookie_header`](Self::add_cookie_header), or, with
    /// `replace`, [`set_cookie_header`](Self::set_cookie_header).
    fn write_cookie_header(&self, request: &mut dyn Request, replace: bool) {
        let has_cookie = request.has_header("Cookie");
        let policy = self.current_policy();
        let protocols = policy.protocols();
        let advertise = protocols.advertise_cookie2 && (replace || !request.has_header("Cookie2"));
        if has_cookie && !advertise && !replace {
            return;
        }
        let (header, other_version) = {
            let store = self.read();
            let now = self.clock.now_unix();
            let mut matches = Matches::default();
            select(
                &store,
                &*policy,
                protocols.rules,
                &*request,
                now,
                &mut matches,
            );
            let matches = matches.as_slice();
            let other = advertise && matches.iter().any(|e| e.cookie().legacy.version != Some(1));
            (write_header(matches, protocols.rules, now), other)
        };
        match header {
            Some(h) if replace || !has_cookie => request.set_header("Cookie", h),
            None if replace && has_cookie => request.remove_header("Cookie"),
            _ => {}
        }
        if advertise && other_version {
            request.set_header("Cookie2", "$Version=\"1\"".to_owned());
        } else if replace && request.has_header("Cookie2") {
            request.remove_header("Cookie2");
        }
    }

    /// The `Cookie` header value for `request`, or `None` when no cookie
    /// applies.
    pub fn cookie_header_for_request(&self, request: &dyn Request) -> Option<String> {
        let store = self.read();
        let policy = self.current_policy();
        let now = self.clock.now_unix();
        let mut matches = Matches::default();
        let rules = policy.protocols().rules;
        select(&store, &*policy, rules, request, now, &mut matches);
        write_header(matches.as_slice(), rules, now)
    }

    /// The jar's cookies for `url`'s site that a request to it would not
    /// carry, and why: [`withheld_for_request`](Self::withheld_for_request)
    /// for a first-party request (as [`cookie_header_for`](Self::cookie_header_for)
    /// is for [`cookie_header_for_request`](Self::cookie_header_for_request)).
    ///
    /// ```
    /// use cookiejar::{CookieJar, Rejection};
    /// let jar = CookieJar::new();
    /// let url = url::Url::parse("https://shop.example/cart").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=1; Secure", "cart=2; Path=/cart"]);
    /// let login = url::Url::parse("https://login.shop.example/").unwrap();
    /// jar.set_cookies_from_headers(&login, ["token=3"]);
    /// let http = url::Url::parse("http://shop.example/").unwrap();
    /// let why: Vec<(String, Rejection)> = jar
    ///     .withheld_for(&http)
    ///     .into_iter()
    ///     .map(|(c, why)| (c.name().to_owned(), why))
    ///     .collect();
    /// assert_eq!(
    ///     why,
    ///     [
    ///         ("sid".to_owned(), Rejection::NotSecureChannel),
    ///         ("cart".to_owned(), Rejection::PathMismatch),
    ///         // Set without `Domain` by another host of the site.
    ///         ("token".to_owned(), Rejection::NotOwnHost),
    ///     ]
    /// );
    /// ```
    pub fn withheld_for(&self, url: &Url) -> Vec<(Cookie, Rejection)> {
        self.withheld_for_request(&UrlRequest(url))
    }

    /// The jar's cookies for `request`'s site that the request would not
    /// carry, each with why: what a browser's developer tools show as a
    /// request's blocked cookies. A cookie is listed when its domain lies
    /// within the host's site (its registrable domain, by the policy's
    /// public suffix list or the built-in one: `login.example.com`'s
    /// cookies for a request to `api.example.com`; an address, or a
    /// public suffix, is a site alone), or when it is a domain cookie
    /// whose domain domain-matches the host (or a parent's host-only
    /// cookie that the policy sends to subdomains, as Netscape rules do);
    /// another site's cookies are not (a request to `github.io` lists
    /// none of `alice.github.io`'s, nor one to `bob.github.io`, under
    /// RFC 6265bis rules, the host-only cookies of `github.io`).
    /// Each comes
    /// with the first of these that withholds it (RFC 6265bis §5.8.3
    /// step 1, and the policy's checks):
    /// - [`NotOwnHost`](Rejection::NotOwnHost): a host-only cookie of
    ///   another host (a parent's, unless the policy sends those to
    ///   subdomains; or a sibling's or a subdomain's);
    /// - [`DomainMismatch`](Rejection::DomainMismatch): a domain cookie
    ///   of a sibling or a subdomain (`Domain=login.example.com`);
    /// - [`Expired`](Rejection::Expired);
    /// - a policy's refusal of the whole domain
    ///   ([`CookiePolicy::domain_return_ok`]: what its `return_ok` then
    ///   says, or `DomainMismatch`);
    /// - [`PathMismatch`](Rejection::PathMismatch);
    /// - what the policy's [`return_ok`](CookiePolicy::return_ok) says,
    ///   such as [`NotSecureChannel`](Rejection::NotSecureChannel), a
    ///   block list's [`Blocked`](Rejection::Blocked) (the default policy
    ///   judges its lists cookie by cookie, after the path) or
    ///   [`SameSite`](Rejection::SameSite).
    ///
    /// In the jar's order (by creation). A diagnostic: it reads every
    /// cookie of the jar, and, unlike a lookup, changes no last-access
    /// time.
    pub fn withheld_for_request(&self, request: &dyn Request) -> Vec<(Cookie, Rejection)> {
        let store = self.read();
        let policy = self.current_policy();
        let now = self.clock.now_unix();
        let rules = policy.protocols().rules;
        let url = request.url();
        let Some(host) = lookup_host(url) else {
            return Vec::new();
        };
        let mut matches = Matches::default();
        select(&store, &*policy, rules, request, now, &mut matches);
        let sent: std::collections::HashSet<*const Cookie> = matches
            .as_slice()
            .iter()
            .map(|e| std::ptr::from_ref(e.cookie()))
            .collect();
        // The path the lookup matches, as `select` finds it.
        let path = match rules {
            Rules::ClientCookie => legacy::escaped_request_path(url),
            Rules::Rfc6265bis => std::borrow::Cow::Borrowed(request_path(url)),
        };
        // The host's site: its registrable domain, whose subdomains are
        // the site's hosts. An address, or a public suffix, is its own
        // site alone: the hosts under a suffix are other sites.
        let registrable = match host.is_ip {
            true => None,
            false => policy
                .public_suffix_list()
                .unwrap_or(&crate::psl::BuiltinList)
                .registrable_domain(host.name),
        };
        let within_site = |d: &str| match registrable {
            None => d == host.name,
            Some(site) => {
                d == site
                    || (d.len() > site.len()
                        && d.ends_with(site)
                        && d.as_bytes()[d.len() - site.len() - 1] == b'.')
            }
        };
        let parents_host_only = policy.host_cookies_may_match_subdomains();
        let mut withheld: Vec<(&Entry, bool)> = store
            .entries()
            .filter(|e| !sent.contains(&std::ptr::from_ref(e.cookie())))
            .filter_map(|e| {
                let c = e.cookie();
                let matches =
                    domain_match_bytes(host.name.as_bytes(), host.is_ip, c.domain.as_bytes());
                // A domain cookie that domain-matches the host is for it,
                // whatever site set it, and so is a parent's host-only
                // one the policy sends to subdomains (Netscape rules);
                // another host-only one of a host beyond the site (a
                // public suffix's) is another site's.
                let for_host = matches
                    && (!c.host_only
                        || (parents_host_only && policy.host_cookie_matches_subdomains(c)));
                (within_site(&c.domain) || for_host).then_some((e, matches))
            })
            .collect();
        withheld.sort_by(|(a, _), (b, _)| Entry::creation_order(a, b));
        withheld
            .into_iter()
            .filter_map(|(e, domain_matches)| {
                let c = e.cookie();
                let why = if !domain_matches {
                    match c.host_only {
                        true => Rejection::NotOwnHost,
                        false => Rejection::DomainMismatch,
                    }
                } else if c.host_only
                    && *c.domain != *host.name
                    && !(parents_host_only && policy.host_cookie_matches_subdomains(c))
                {
                    Rejection::NotOwnHost
                } else if e.is_expired(now) {
                    Rejection::Expired
                } else if !policy.domain_return_ok(&c.domain, request) {
                    match policy.return_ok(c, request) {
                        Err(why) => why,
                        Ok(()) => Rejection::DomainMismatch,
                    }
                } else if !path_match(&path, &c.path) || !policy.path_return_ok(&c.path, request) {
                    Rejection::PathMismatch
                } else {
                    // Sent unless the policy refuses it; a cookie the
                    // lookup left out for no reason found here is not
                    // listed (the tests check there is none).
                    policy.return_ok(c, request).err()?
                };
                Some((e.snapshot(), why))
            })
            .collect()
    }

    /// The cookies a request to `url` would carry, in header order
    /// (longer paths first, then earlier creation: RFC 6265bis §5.8.3).
    /// As a lookup, it updates their last-access times (§5.8.3 step 3),
    /// which decide what a full jar evicts first.
    pub fn cookies_for(&self, url: &Url) -> Vec<Cookie> {
        self.cookies_for_request(&UrlRequest(url))
    }

    /// The cookies `request` would carry, in header order: the cookies
    /// of [`cookie_header_for_request`](Self::cookie_header_for_request), as
    /// [`cookies_for`](Self::cookies_for) gives a URL's (and, as a
    /// lookup, it updates their last-access times).
    pub fn cookies_for_request(&self, request: &dyn Request) -> Vec<Cookie> {
        let store = self.read();
        let policy = self.current_policy();
        let now = self.clock.now_unix();
        let mut matches = Matches::default();
        select(
            &store,
            &*policy,
            policy.protocols().rules,
            request,
            now,
            &mut matches,
        );
        matches
            .as_slice()
            .iter()
            .map(|e| {
                e.touch(now);
                e.snapshot()
            })
            .collect()
    }

    /// The `Cookie` header a request to `url` would carry, or `None`.
    pub fn cookie_header_for(&self, url: &Url) -> Option<String> {
        self.cookie_header_for_request(&UrlRequest(url))
    }

    /// Stores the cookies that `headers`, the `Set-Cookie` header values
    /// of a response from `url`, set: [`extract_cookies`] for a
    /// first-party request, for HTTP clients that hand a jar a URL and
    /// header values (the shape of reqwest's `CookieStore::set_cookies`,
    /// which the `reqwest` feature implements with it).
    /// The store counterpart of [`cookie_header_for`]. `headers` is read
    /// once, so any iterator does, of any bytes: `&str`, `String`,
    /// `&[u8]`, an `http::HeaderValue` (`response.headers().get_all("set-cookie")`).
    /// It is read with the jar locked for writing from the first cookie
    /// on (with no copy of the headers first): it must not use the jar.
    ///
    /// ```
    /// use cookiejar::CookieJar;
    /// use url::Url;
    /// let jar = CookieJar::new();
    /// let url = Url::parse("https://example.com/login").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=42; Secure; HttpOnly", "lang=en; Max-Age=3600"]);
    /// assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("sid=42; lang=en"));
    /// ```
    ///
    /// [`extract_cookies`]: Self::extract_cookies
    /// [`cookie_header_for`]: Self::cookie_header_for
    pub fn set_cookies_from_headers<I>(&self, url: &Url, headers: I)
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        let values = SetCookieValues(std::cell::Cell::new(Some(headers.into_iter())));
        self.extract_cookies(&values, &UrlRequest(url));
    }

    /// The cookies `response` (to `request`) sets, parsed by the policy's
    /// rules but neither checked by the policy nor stored (ClientCookie's
    /// `make_cookies`; what HTTP clients expose as `response.cookies`).
    /// Headers that make no cookie are left out, and so are the headers
    /// the policy's rules do not read: `Set-Cookie2` unless ClientCookie
    /// rules with `rfc2965` on, `Set-Cookie` under ClientCookie rules with
    /// `netscape` off (Python parses both whatever its switches, and
    /// leaves them to `set_cookie_if_ok`). Unlike Python's, it never
    /// removes a stored cookie.
    pub fn make_cookies(&self, response: &dyn Response, request: &dyn Request) -> Vec<Cookie> {
        let policy = self.current_policy();
        let mut out = Vec::new();
        self.make_each(
            response,
            request,
            storing_host(request.url()),
            &*policy,
            self.now_time(),
            &mut |_, made| {
                if let Ok(c) = made {
                    out.push(*c);
                }
            },
        );
        out
    }

    /// Stores `cookie`, received in a response to `request`, if the policy
    /// allows it (ClientCookie's `set_cookie_if_ok`).
    ///
    /// # Errors
    /// Why the cookie was refused: it could not be sent safely (as
    /// [`set_cookie`](Self::set_cookie) says), its domain does not
    /// domain-match the request host (or, for a host-only cookie under
    /// RFC 6265bis rules, is not the request host), the policy refused it,
    /// or (RFC 6265bis rules) it would overwrite a secure cookie from a
    /// non-secure origin, or its domain or site is full
    /// ([`Rejection::DomainFull`], [`Rejection::SiteFull`]; see
    /// [`CookieJarBuilder::max_cookies_per_domain`] and
    /// [`CookieJarBuilder::max_cookies_per_site`]).
    pub fn set_cookie_if_ok(&self, cookie: Cookie, request: &dyn Request) -> Result<(), Rejection> {
        let cookie = cookie.into_storable()?;
        let policy = self.current_policy();
        let url = request.url();
        let host = storing_host(url).ok_or(Rejection::NoHost)?;
        // A host-only cookie is the request host's own (RFC 6265bis §5.7
        // step 10), or, under Netscape rules, which send it to subdomains
        // too, one of a domain the host matches; so is a domain cookie's.
        let rules = policy.protocols().rules;
        let matches =
            || domain_match_bytes(host.name.as_bytes(), host.is_ip, cookie.domain.as_bytes());
        let domain_ok = match (cookie.host_only, rules) {
            (true, Rules::Rfc6265bis) => cookie.domain == host.name,
            _ => matches(),
        };
        if !domain_ok {
            return Err(Rejection::DomainMismatch);
        }
        policy.set_ok(&cookie, request)?;
        let now = self.clock.now_unix();
        let mut store = self.write();
        if policy.protocols().rules == Rules::Rfc6265bis {
            check_shadow(&mut store, &cookie, is_secure_origin(url), now)?;
        }
        let keep = (store.len() >= self.max_total).then(|| cookie.key());
        let stored = store.insert_limited(
            Box::new(cookie),
            now,
            self.max_per_domain,
            self.max_per_site,
        );
        match stored {
            Inserted::Refused(_) => return Err(Rejection::DomainFull),
            Inserted::SiteFull(_) => return Err(Rejection::SiteFull),
            Inserted::Stored { evicted, .. } => {
                if let Some(old) = evicted {
                    log_eviction(old);
                }
            }
            Inserted::Expired(_) => {}
        }
        trim_to_total(&mut store, self.max_total, now, keep.as_ref(), None);
        Ok(())
    }

    /// Removes the cookies that `filter` selects (ClientCookie's
    /// `clear(domain, path, name)`, with any part optional); returns how
    /// many.
    ///
    /// ```
    /// use cookiejar::{CookieFilter, CookieJar};
    /// let jar = CookieJar::new();
    /// jar.clear_matching(&CookieFilter::new().domain("example.com").path("/"));
    /// ```
    pub fn clear_matching(&self, filter: &CookieFilter) -> usize {
        self.write().remove_where(|e| filter.matches(e.cookie()))
    }

    /// The cookies that `filter` selects, expired ones included, in
    /// creation order (as [`all_cookies`](Self::all_cookies)): a test's
    /// "the `sid` cookie, whatever its domain and path".
    ///
    /// ```
    /// use cookiejar::{CookieFilter, CookieJar};
    /// let jar = CookieJar::new();
    /// let url = url::Url::parse("https://app.example/login").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=42; Secure; HttpOnly", "lang=en"]);
    /// let sid = jar.cookies_matching(&CookieFilter::new().name("sid"));
    /// assert_eq!(sid.len(), 1);
    /// assert!(sid[0].secure() && sid[0].http_only());
    /// ```
    pub fn cookies_matching(&self, filter: &CookieFilter) -> Vec<Cookie> {
        in_creation_order(&self.read(), |c| filter.matches(c))
    }

    /// The stored, unexpired cookie with key `key` (see [`Cookie::key`]):
    /// one hash probe and a scan of its domain's cookies.
    ///
    /// ```
    /// use cookiejar::{CookieJar, CookieKey};
    /// let jar = CookieJar::new();
    /// let url = url::Url::parse("https://example.com/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["sid=42"]);
    /// let key = CookieKey::new("example.com", true, "/", "sid");
    /// assert_eq!(jar.get(&key).map(|c| c.value().to_owned()).as_deref(), Some("42"));
    /// assert!(jar.remove(&key).is_some());
    /// assert!(jar.is_empty());
    /// ```
    pub fn get(&self, key: &CookieKey) -> Option<Cookie> {
        let now = self.clock.now_unix();
        let store = self.read();
        let e = store.get(key)?;
        (!e.is_expired(now)).then(|| e.snapshot())
    }

    /// Removes the cookie with key `key` (expired or not); returns it.
    pub fn remove(&self, key: &CookieKey) -> Option<Cookie> {
        self.write().remove(key)
    }

    /// Stores `cookie` as it is, without asking the policy's `set_ok`,
    /// which needs a request (but not bypassing the storage model: it
    /// replaces a cookie with the same key, and an expired cookie only
    /// removes). Its domain is lower-cased, and a Unicode one put in
    /// A-labels, as [`CookieBuilder::domain`](crate::CookieBuilder::domain)
    /// does.
    ///
    /// # Errors
    /// A cookie that could not be sent safely, unstored: a control
    /// character in a field ([`Rejection::ControlCharacter`]: RFC 6265bis
    /// §5.6 step 1, HTAB allowed); one without a domain
    /// ([`Rejection::NoDomain`]), which could never be sent; one whose
    /// name and value are both empty ([`Rejection::Empty`]), which has
    /// nothing to send; one the
    /// policy's [`CookiePolicy::whole_cookie_ok`] refuses (under the
    /// default policy, a `__Secure-` or `__Host-` cookie breaking its
    /// prefix's rules: [`Rejection::SecurePrefix`],
    /// [`Rejection::HostPrefix`], [`Rejection::NamelessWithPrefix`]; the
    /// `__Http-` prefix, which browsers enforce only since 2025, is not
    /// asked of a cookie given whole); a
    /// domain cookie for a public suffix of the policy's list
    /// ([`Rejection::PublicSuffix`]; under Netscape rules, a host-only
    /// one too).
    ///
    /// ```
    /// use cookiejar::{Cookie, CookieJar, Rejection};
    /// let jar = CookieJar::new();
    /// let sid = Cookie::builder("sid", "1").domain("Example.COM").build();
    /// jar.set_cookie(sid).unwrap();
    /// let url = url::Url::parse("https://example.com/").unwrap();
    /// assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("sid=1"));
    /// let split = Cookie::builder("a", "1\r\nX-Injected: 1").domain("example.com").build();
    /// assert_eq!(jar.set_cookie(split), Err(Rejection::ControlCharacter));
    /// let nowhere = Cookie::builder("a", "1").build();
    /// assert_eq!(jar.set_cookie(nowhere), Err(Rejection::NoDomain));
    /// ```
    pub fn set_cookie(&self, cookie: Cookie) -> Result<(), Rejection> {
        let now = self.now_time();
        let cookie = cookie.into_storable()?;
        self.admitter()(&cookie)?;
        self.write().insert(Box::new(cookie), now.secs());
        Ok(())
    }

    /// Stores each of `cookies` in order, as [`set_cookie`](Self::set_cookie)
    /// does, under one write lock: other threads see none of them or all.
    ///
    /// # Errors
    /// As [`set_cookie`](Self::set_cookie), for the first cookie that
    /// cannot be stored; none of them is then stored.
    pub fn set_cookies(&self, cookies: impl IntoIterator<Item = Cookie>) -> Result<(), Rejection> {
        let now = self.now_time();
        // Collected first: the caller's iterator must not run under the
        // lock (it may use this jar, panic, or take its time).
        let mut admit = self.admitter();
        let cookies = cookies
            .into_iter()
            .map(|c| {
                let c = c.into_storable()?;
                admit(&c).map(|()| c)
            })
            .collect::<Result<Vec<Cookie>, Rejection>>()?;
        self.write()
            .insert_all(cookies, now.secs(), ExpiredCookies::Remove);
        Ok(())
    }

    /// Stores the cookies of a cookie file (checked as they were read),
    /// with what an expired cookie does chosen (kept, for a file loaded
    /// keeping them). Returns the number of the change it made (see
    /// [`changes`](Self::changes)).
    pub(crate) fn set_cookies_as(
        &self,
        cookies: impl IntoIterator<Item = Cookie>,
        expired: ExpiredCookies,
    ) -> u64 {
        // Collected first: the caller's iterator must not run under the
        // lock (it may use this jar, panic, or take its time).
        let cookies: Vec<Cookie> = cookies.into_iter().collect();
        let now = self.clock.now_unix();
        let mut store = self.write();
        store.insert_all(cookies, now, expired);
        store.change
    }

    /// The check of a cookie given whole (by [`set_cookie`](Self::set_cookie)
    /// and the like, or read from a file) that the policy's public suffix
    /// list makes: a domain cookie for a public suffix (`.com`,
    /// `.co.uk`), which no response could have set (RFC 6265bis §5.7
    /// step 9), is refused, so that a file cannot send a cookie to every
    /// site under it (a file reader then reads it as the suffix host's
    /// own cookie: see `format::Sink::push_clean`). A host-only cookie of
    /// such a host is the host's own, unless the policy sends it to
    /// subdomains too (Netscape rules in a policy that does not keep a
    /// suffix's host cookies on the host, as [`DefaultCookiePolicy`]
    /// does), when it is refused as well. One domain's answer is kept for
    /// the next cookie (files list a domain's cookies together). Before
    /// that, the policy's
    /// [`CookiePolicy::whole_cookie_ok`] (the RFC 6265bis prefix rules,
    /// under the default policy).
    pub(crate) fn admitter(&self) -> impl FnMut(&Cookie) -> Result<(), Rejection> + use<'_> {
        let policy = self.current_policy();
        let mut last: Option<(ShortStr, bool)> = None;
        move |c: &Cookie| {
            policy.whole_cookie_ok(c)?;
            // A host-only cookie is its host's own, unless the policy
            // also sends it to the host's subdomains (Netscape rules):
            // then a public suffix's would go to every site under it.
            if c.host_only && !policy.host_cookie_matches_subdomains(c) {
                return Ok(());
            }
            let public = match &last {
                Some((d, public)) if *d == c.domain => *public,
                _ => {
                    let public = policy
                        .public_suffix_list()
                        .is_some_and(|psl| psl.is_public_suffix_bytes(c.domain.as_bytes()));
                    last = Some((c.domain.clone(), public));
                    public
                }
            };
            match public {
                true => Err(Rejection::PublicSuffix),
                false => Ok(()),
            }
        }
    }

    /// Every stored, unexpired cookie, sorted by domain, path and name.
    pub fn cookies(&self) -> Vec<Cookie> {
        let now = self.clock.now_unix();
        let mut v: Vec<Cookie> = self
            .read()
            .entries()
            .filter(|e| !e.is_expired(now))
            .map(Entry::snapshot)
            .collect();
        v.sort_by(|a, b| {
            (&a.domain, &a.path, a.name(), a.host_only).cmp(&(
                &b.domain,
                &b.path,
                b.name(),
                b.host_only,
            ))
        });
        v
    }

    /// Calls `f` with every stored cookie, expired ones included, in no
    /// set order, without copying any: for a large jar, where
    /// [`cookies`](Self::cookies) and [`all_cookies`](Self::all_cookies)
    /// would copy them all. The jar stays locked for reading while it
    /// runs: stores in other threads wait, and `f` must not use this jar
    /// (a store would wait forever, and so could a lookup while another
    /// thread waits to store).
    ///
    /// ```
    /// use cookiejar::CookieJar;
    /// let jar = CookieJar::new();
    /// let url = url::Url::parse("https://example.com/").unwrap();
    /// jar.set_cookies_from_headers(&url, ["a=1", "b=22"]);
    /// let mut bytes = 0;
    /// jar.for_each_cookie(|c| bytes += c.name().len() + c.value().len());
    /// assert_eq!(bytes, 5);
    /// ```
    pub fn for_each_cookie(&self, mut f: impl FnMut(&Cookie)) {
        for e in self.read().entries() {
            f(e.cookie());
        }
    }

    /// Every stored cookie, expired ones included, in creation order (the
    /// order a file should keep so that a reload sends them in the same
    /// order). The jar is read-locked while they are copied (for 100,000
    /// cookies, 14-26 ms on a 2-core virtual machine): stores in other
    /// threads wait, and so do lookups that come while a store waits.
    pub fn all_cookies(&self) -> Vec<Cookie> {
        self.all_cookies_counted().0
    }

    /// [`all_cookies`](Self::all_cookies), and the [`changes`](Self::changes)
    /// they are the cookies after.
    pub(crate) fn all_cookies_counted(&self) -> (Vec<Cookie>, u64) {
        let store = self.read();
        // Read under the lock, which writers count under.
        let changes = self.changes();
        (in_creation_order(&store, |_| true), changes)
    }

    /// Replaces every cookie of the jar with `cookies`, under one lock:
    /// other threads see the old cookies or the new ones, never a mix.
    ///
    /// # Errors
    /// As [`set_cookie`](Self::set_cookie), for the first cookie that
    /// cannot be stored; the jar then keeps its cookies.
    pub fn replace_all(&self, cookies: impl IntoIterator<Item = Cookie>) -> Result<(), Rejection> {
        let now = self.now_time();
        let mut fresh = Store::default();
        let mut admit = self.admitter();
        for c in cookies {
            let mut c = Box::new(c);
            c.make_storable()?;
            admit(&c)?;
            fresh.insert(c, now.secs());
        }
        *self.write() = fresh;
        Ok(())
    }

    /// Replaces every cookie with those of a cookie file's content in
    /// `format`, read as [`format::read`] reads it (keeping the cookies
    /// `options` keeps, at the jar clock's time), but stored 256 at a
    /// time as they are read, with no vector of them all in between:
    /// loading a large file takes less memory (for a 100k-cookie
    /// `cookies.txt`, a heap peak of the jar and a batch, 27.1 MiB, against
    /// 44.5 MiB through a vector: `cargo bench --bench peers`) and about
    /// 2% fewer instructions. All at once, as
    /// [`replace_all`](Self::replace_all): on an error the jar keeps its
    /// cookies. Returns the lines skipped or adjusted.
    ///
    /// ```
    /// use cookiejar::format::{Format, LoadOptions, Retain};
    /// use cookiejar::CookieJar;
    /// let file = "# Netscape HTTP Cookie File\n\
    ///             .example.com\tTRUE\t/\tFALSE\t0\tlang\ten\n";
    /// let jar = CookieJar::new();
    /// let options = LoadOptions::default().session(Retain::Keep);
    /// let report = jar.replace_all_from(file.as_bytes(), Format::Mozilla, &options).unwrap();
    /// assert!(report.skipped.is_empty());
    /// let url = url::Url::parse("https://www.example.com/").unwrap();
    /// assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("lang=en"));
    /// ```
    ///
    /// # Errors
    /// As [`format::read`], and a [`Syntax`](crate::ErrorKind::Syntax)
    /// error for input of which lines were skipped and none read as a
    /// cookie (not a cookie file, or not in `format`); the jar is then
    /// unchanged.
    pub fn replace_all_from(
        &self,
        input: &[u8],
        format: Format,
        options: &LoadOptions,
    ) -> Result<LoadReport, Error> {
        self.replace_all_from_counted(input, format, options)
            .map(|(report, _)| report)
    }

    /// [`replace_all_from`](Self::replace_all_from), and the number of
    /// the change it made (see [`changes`](Self::changes)).
    pub(crate) fn replace_all_from_counted(
        &self,
        input: &[u8],
        format: Format,
        options: &LoadOptions,
    ) -> Result<(LoadReport, u64), Error> {
        let now = self.clock.now();
        let now_unix = now.unix_timestamp();
        let mut fresh = Store::default();
        let expired = expired_cookies(options);
        let mut admit = self.admitter();
        let mut batch: Vec<Cookie> = Vec::with_capacity(BATCH);
        let mut store_batch = |batch: &mut Vec<Cookie>| {
            for c in batch.drain(..) {
                fresh.insert_as(Box::new(c), now_unix, expired, usize::MAX);
            }
        };
        let report =
            format::read_each_admitting(input, format, options, now, Some(&mut admit), &mut |c| {
                batch.push(c);
                if batch.len() == BATCH {
                    store_batch(&mut batch);
                }
            })?;
        store_batch(&mut batch);
        let mut store = self.write();
        *store = fresh;
        Ok((report, store.change))
    }

    /// Removes the cookies for which `remove` returns `true`; returns how
    /// many were removed. The jar is locked while `remove` runs: it must
    /// not use the jar. If it panics, no cookie is removed.
    pub fn remove_where(&self, mut remove: impl FnMut(&Cookie) -> bool) -> usize {
        let mut store = self.write();
        // Every answer first: a panic in the user's closure then leaves
        // the store as it was, not half-retained.
        let doomed: std::collections::HashSet<*const Cookie> = store
            .entries()
            .map(Entry::cookie)
            .filter(|c| remove(c))
            .map(std::ptr::from_ref)
            .collect();
        if doomed.is_empty() {
            return 0;
        }
        store.remove_where(|e| doomed.contains(&std::ptr::from_ref(e.cookie())))
    }

    /// Removes every cookie.
    pub fn clear(&self) {
        self.write().clear();
    }

    /// Removes the session (non-persistent) cookies, as at the end of a
    /// browser session; returns how many.
    pub fn clear_session_cookies(&self) -> usize {
        self.write().remove_where(|e| e.cookie().discard())
    }

    /// Removes the expired cookies; returns how many.
    pub fn clear_expired_cookies(&self) -> usize {
        let now = self.clock.now_unix();
        self.write().remove_where(|e| e.is_expired(now))
    }
}

/// How many cookies [`CookieJar::replace_all_from`] reads before it
/// stores them: storing each as it was read took 5-25% more time than
/// reading them in batches (in 17 of 18 alternated series of ten loads
/// of a 100k-cookie `cookies.txt`, session 27), though it ran 2% fewer
/// instructions; the reader's and the store's code and data then take
/// turns in the caches less often. 256 cookies are about 47 KiB.
const BATCH: usize = 256;

/// What the expired cookies of a file read with `options` do in a jar:
/// [`Retain::Keep`](format::Retain::Keep) keeps them in it (not sent, and
/// saved if the save options keep expired cookies), as Python's
/// `load(ignore_expires=True)` does; otherwise none is read.
/// Copies of the cookies of `store` that `keep` selects, in creation
/// order.
fn in_creation_order(store: &Store, keep: impl Fn(&Cookie) -> bool) -> Vec<Cookie> {
    let mut v: Vec<&Entry> = store.entries().filter(|e| keep(e.cookie())).collect();
    v.sort_by(|a, b| Entry::creation_order(a, b));
    v.into_iter().map(Entry::snapshot).collect()
}

pub(crate) fn expired_cookies(options: &LoadOptions) -> ExpiredCookies {
    match options.expired {
        format::Retain::Keep => ExpiredCookies::Keep,
        format::Retain::Skip => ExpiredCookies::Remove,
    }
}

/// Selects cookies by domain, path and name, each optional (for
/// [`CookieJar::clear_matching`] and [`CookieJar::cookies_matching`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct CookieFilter {
    domain: Option<String>,
    domain_cookies_only: bool,
    within: Option<String>,
    path: Option<String>,
    name: Option<String>,
}

impl CookieFilter {
    /// A filter that selects every cookie.
    pub fn new() -> Self {
        CookieFilter::default()
    }

    /// Only cookies of exactly this domain (made canonical as
    /// [`CookieKey::new`] makes it). Written with a leading dot
    /// (`.example.com`, ClientCookie's form), only domain cookies;
    /// without, host-only and domain cookies of that domain. For a
    /// site's cookies, its subdomains' included, see
    /// [`within`](Self::within).
    pub fn domain(mut self, domain: &str) -> Self {
        self.domain_cookies_only = domain.starts_with('.');
        self.domain = Some(crate::cookie::key_domain(domain));
        self
    }

    /// Only cookies of this domain or of a domain below it:
    /// `within("example.com")` selects the cookies of `example.com`,
    /// `www.example.com` and `a.b.example.com`, not `notexample.com`'s
    /// (as `cookiejar list --domain` selects). An IP address selects its
    /// own cookies only. A trailing dot is ignored, in `domain` and in the
    /// cookies' domains: `within("example.com.")` selects the same
    /// cookies, and so do both forms those of a host that was written
    /// fully qualified (`https://www.example.com./`), which the jar keeps
    /// apart.
    ///
    /// ```
    /// use cookiejar::{CookieFilter, CookieJar};
    /// use url::Url;
    ///
    /// let jar = CookieJar::new();
    /// for url in ["https://example.com/", "https://www.example.com/", "https://notexample.com/"] {
    ///     jar.set_cookies_from_headers(&Url::parse(url).unwrap(), ["sid=1"]);
    /// }
    /// assert_eq!(jar.clear_matching(&CookieFilter::new().within("example.com")), 2);
    /// assert_eq!(jar.cookies()[0].domain(), "notexample.com");
    /// ```
    pub fn within(mut self, domain: &str) -> Self {
        let domain = domain.strip_suffix('.').unwrap_or(domain);
        self.within = Some(crate::cookie::key_domain(domain));
        self
    }

    /// Only cookies with exactly this path.
    pub fn path(mut self, path: &str) -> Self {
        self.path = Some(path.to_owned());
        self
    }

    /// Only cookies with exactly this name.
    pub fn name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// Whether the filter selects `cookie`.
    pub fn matches(&self, cookie: &Cookie) -> bool {
        self.domain.as_deref().is_none_or(|d| d == cookie.domain)
            && !(self.domain_cookies_only && cookie.host_only)
            && self.within.as_deref().is_none_or(|d| {
                let own = cookie.domain.strip_suffix('.').unwrap_or(&cookie.domain);
                crate::matching::domain_match(own, d)
            })
            && self.path.as_deref().is_none_or(|p| p == cookie.path)
            && self.name.as_deref().is_none_or(|n| n == cookie.name())
    }
}

/// A request made only of a URL (first-party, no headers).
struct UrlRequest<'a>(&'a Url);

/// A response made only of `Set-Cookie` header values, which it gives
/// once: the jar reads a response's `Set-Cookie` headers once (under
/// either rules).
struct SetCookieValues<I>(std::cell::Cell<Option<I>>);

impl<I: Iterator<Item: AsRef<[u8]>>> Response for SetCookieValues<I> {
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        if name.eq_ignore_ascii_case("set-cookie") {
            for value in self.0.take().into_iter().flatten() {
                f(value.as_ref());
            }
        }
    }
}

impl Request for UrlRequest<'_> {
    fn url(&self) -> &Url {
        self.0
    }
    fn has_header(&self, _name: &str) -> bool {
        false
    }
    fn set_header(&mut self, _name: &str, _value: String) {}
    fn remove_header(&mut self, _name: &str) {}
}

/// RFC 6265bis §5.8.3 step 4 (or ClientCookie's `_cookie_attrs`): the
/// `Cookie` header for `matches`, in order; updates their last-access
/// times.
fn write_header(matches: &[Found<'_>], rules: Rules, now: i64) -> Option<String> {
    if matches.is_empty() {
        return None;
    }
    let len: usize = matches.iter().map(|e| e.pair_len() + 2).sum();
    let mut out = String::with_capacity(len);
    match rules {
        Rules::Rfc6265bis => {
            for (i, e) in matches.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                e.write_pair(&mut out);
            }
        }
        Rules::ClientCookie => {
            legacy::write_cookie_header(matches.iter().map(|e| e.cookie()), &mut out);
        }
    }
    for e in matches {
        e.touch(now);
    }
    Some(out)
}

/// RFC 6265bis §5.7 step 9, when the policy has a public suffix list:
/// whether a `Domain` attribute's value names the request host and is a
/// public suffix (`Domain=github.io` from `github.io`), which makes the
/// cookie a host cookie rather than one refused.
#[inline]
fn names_its_suffix_host(domain: &ShortStr, host: &str, policy: &dyn CookiePolicy) -> bool {
    *domain == host
        && policy
            .public_suffix_list()
            .is_some_and(|psl| psl.is_public_suffix_bytes(domain.as_bytes()))
}

/// RFC 6265bis §5.8.3 steps 1-2: the cookies for `request`, filtered by
/// the policy and sorted.
fn select<'s>(
    store: &'s Store,
    policy: &dyn CookiePolicy,
    rules: Rules,
    request: &dyn Request,
    now: i64,
    out: &mut Matches<'s>,
) {
    let url = request.url();
    let Some(host) = lookup_host(url) else {
        return;
    };
    // ClientCookie compares cookie paths with the escaped request path
    // (its `request_path`), as it escapes a `Path` attribute.
    let path = match rules {
        Rules::ClientCookie => legacy::escaped_request_path(url),
        Rules::Rfc6265bis => std::borrow::Cow::Borrowed(request_path(url)),
    };
    let shortcut = policy.return_shortcut(request);
    let mut last_domain: Option<(&str, bool)> = None;
    let parents_host_only = policy.host_cookies_may_match_subdomains();
    store.for_each_match(
        host.name,
        host.is_ip,
        &path,
        parents_host_only,
        now,
        |domain, exact, e| {
            if !exact && e.host_only() && !policy.host_cookie_matches_subdomains(e.cookie()) {
                return;
            }
            let domain_ok = match last_domain {
                Some((d, ok)) if std::ptr::eq(d, domain) => ok,
                _ => {
                    let ok = policy.domain_return_ok(domain, request);
                    last_domain = Some((domain, ok));
                    ok
                }
            };
            if !domain_ok {
                return;
            }
            let ok = match shortcut {
                ReturnShortcut::SecureFlag { secure_allowed } => secure_allowed || !e.secure(),
                ReturnShortcut::SecureAndSameSite {
                    secure_allowed,
                    lax_allowed,
                    unset_allowed,
                    partitioned_allowed,
                } => {
                    (secure_allowed || !e.secure())
                        && same_site_allows(e.cookie().same_site(), lax_allowed, unset_allowed)
                        && (partitioned_allowed || !e.cookie().partitioned)
                }
                _ => {
                    policy.path_return_ok(&e.cookie().path, request)
                        && policy.return_ok(e.cookie(), request).is_ok()
                }
            };
            if ok {
                out.push(e);
            }
        },
    );
    out.as_mut_slice()
        .sort_unstable_by(|a, b| Entry::send_order(a, b));
}

/// RFC 6265bis §5.7 steps 2-17: the cookie a parsed `Set-Cookie` header
/// describes, received from `url` at `now`.
///
/// # Errors
/// When the storage model ignores the cookie: empty, non-UTF-8 name or
/// value, non-ASCII domain, a `Domain` the request host does not
/// domain-match.
pub(crate) fn build_cookie(
    line: &[u8],
    sc: &SetCookie<'_>,
    url: &Url,
    host: RequestHost<'_>,
    now: UnixTime,
    policy: &dyn CookiePolicy,
) -> Result<Box<Cookie>, Rejection> {
    // Step 2 (and the UTF-8 requirement of this crate's model).
    if sc.name.is_empty() && sc.value.is_empty() {
        return Err(Rejection::Empty);
    }
    // One UTF-8 check of the whole line (nearly always valid) instead of
    // one per field.
    let text = std::str::from_utf8(line).ok();
    let name = sub_str(text, sc.name).ok_or(Rejection::NotUtf8)?;
    let value = sub_str(text, sc.value).ok_or(Rejection::NotUtf8)?;
    let now_s = now.secs();
    // Step 6: Max-Age wins over Expires; both capped (§5.6.1, §5.6.2).
    // Max-Age counts from now to the nanosecond ("the current date and
    // time plus delta-seconds seconds"), Expires is in whole seconds.
    let cap = policy.max_age_cap();
    let later = |secs: i64| UnixTime::clamped(now_s.saturating_add(secs), now.subsec_nanos());
    let latest = cap.map(later);
    let expires = if let Some(age) = sc.max_age {
        Some(if age <= 0 {
            UnixTime::from_secs(MIN_UNIX)
        } else {
            let t = later(age);
            latest.map_or(t, |l| t.min(l))
        })
    } else {
        sc.expires
            .map(UnixTime::from_secs)
            .map(|t| latest.map_or(t, |l| t.min(l)))
    };
    // Steps 7-10.
    let mut domain_attr = match sc.domain {
        Some(d) if !d.is_empty() => {
            Some(canonical_domain_attribute(d).ok_or(Rejection::DomainNotAscii)?)
        }
        _ => None,
    };
    if domain_attr
        .as_ref()
        .is_some_and(|d| names_its_suffix_host(d, host.name, policy))
    {
        domain_attr = None;
    }
    let (domain, host_only) = match domain_attr {
        Some(d) => {
            if !domain_match_bytes(host.name.as_bytes(), host.is_ip, d.as_bytes()) {
                return Err(Rejection::DomainMismatch);
            }
            (d, false)
        }
        None => (ShortStr::new(host.name), true),
    };
    // Step 11.
    let (path, path_specified) = match sc.path {
        Some(PathAttribute::Explicit(p)) => (
            match sub_str(text, p) {
                Some(p) => ShortStr::new(p),
                None => String::from_utf8_lossy(p).into_owned().into(),
            },
            true,
        ),
        _ => (ShortStr::new(default_path(request_path(url))), false),
    };
    let version = sc
        .version
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim_matches('"').parse().ok());
    let mut cookie = Box::new(Cookie {
        nv: match text {
            Some(line) => NameValue::from_line(line, name, value),
            None => NameValue::new(name, value),
        },
        domain,
        host_only,
        path,
        expires,
        creation: now,
        last_access: now,
        secure: sc.secure,
        http_only: sc.http_only,
        same_site: sc.same_site.unwrap_or(SameSite::Default),
        partitioned: sc.partitioned,
        storable: crate::cookie::Storable::default(),
        legacy: Legacy::from_set_cookie(version, path_specified, sc.domain_initial_dot),
    });
    // An address's `Domain` can only name the address itself (§5.1.3):
    // the cookie is the address's own, as for a cookie given whole.
    cookie.address_is_host_only();
    Ok(cookie)
}

/// `part` (a slice of the line `whole` was checked from) as text: sliced
/// from `whole` when that is valid UTF-8 and holds `part`, which needs no
/// second check; otherwise checked on its own.
fn sub_str<'a>(whole: Option<&'a str>, part: &'a [u8]) -> Option<&'a str> {
    if let Some(w) = whole {
        let start = (part.as_ptr() as usize).wrapping_sub(w.as_ptr() as usize);
        // `start` is where `part` begins in `w` if it lies inside it; a
        // part from elsewhere gives an offset `get` refuses.
        if let Some(s) = start
            .checked_add(part.len())
            .and_then(|end| w.get(start..end))
        {
            return Some(s);
        }
    }
    std::str::from_utf8(part).ok()
}

/// A request for `url`, for callers that have only a URL.
impl From<&Url> for SimpleRequest {
    fn from(url: &Url) -> Self {
        SimpleRequest::new(url.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::traits::SimpleResponse;

    fn jar() -> (CookieJar, ManualClock) {
        let clock = ManualClock::new(1_700_000_000);
        let jar = CookieJar::builder().clock(clock.clone()).build();
        (jar, clock)
    }

    fn set(jar: &CookieJar, url: &str, lines: &[&str]) {
        let req = SimpleRequest::parse(url).unwrap();
        jar.extract_cookies(
            &SimpleResponse::with_set_cookies(lines.iter().copied()),
            &req,
        );
    }

    /// Why the jar refused each cookie `lines` set from `url`.
    fn rejections(jar: &CookieJar, url: &str, lines: &[&str]) -> Vec<Rejection> {
        let mut reasons = Vec::new();
        jar.extract_cookies_with(
            &SimpleResponse::with_set_cookies(lines.iter().copied()),
            &SimpleRequest::parse(url).unwrap(),
            &mut |e| {
                if let CookieEvent::Rejected { reason, .. } = e {
                    reasons.push(reason);
                }
            },
        );
        reasons
    }

    /// A host longer than a DNS name (a redirect to one) neither stores
    /// nor gets cookies, under either rules; its parent domain keeps its
    /// own.
    /// A file's cookies, read once, are not checked again by
    /// `replace_all` (the readers made the same checks); a value changed
    /// afterwards is.
    #[test]
    fn a_files_cookies_are_checked_once() {
        let file = "# Netscape HTTP Cookie File\n\
                    .example.com\tTRUE\t/\tFALSE\t0\ta\t1\n";
        let options = format::LoadOptions::default().session(format::Retain::Keep);
        let now = time::OffsetDateTime::now_utc();
        let mut cookies = format::read(file.as_bytes(), Format::Mozilla, &options, now)
            .unwrap()
            .cookies;
        assert!(cookies[0].storable.0);
        let jar = CookieJar::new();
        jar.replace_all(cookies.clone()).unwrap();
        assert_eq!(jar.len(), 1);
        cookies[0].set_value("1\r\nX-Injected: 1");
        assert!(!cookies[0].storable.0);
        assert_eq!(jar.replace_all(cookies), Err(Rejection::ControlCharacter));
        assert_eq!(jar.len(), 1);
    }

    #[test]
    fn hosts_longer_than_dns_names_get_no_cookies() {
        for policy in [
            DefaultCookiePolicy::new(),
            DefaultCookiePolicy::client_cookie().build(),
        ] {
            let jar = CookieJar::with_policy(policy);
            set(&jar, "https://a.example/", &["parent=1; Domain=a.example"]);
            let long = format!("https://{}a.example/", "b.".repeat(130));
            let reasons = rejections(&jar, &long, &["own=1", "wide=1; Domain=a.example"]);
            assert_eq!(reasons, [Rejection::NoHost, Rejection::NoHost]);
            assert_eq!(jar.cookie_header_for(&Url::parse(&long).unwrap()), None);
            let parent = Url::parse("https://a.example/").unwrap();
            assert_eq!(jar.cookie_header_for(&parent).as_deref(), Some("parent=1"));
        }
    }

    /// A domain with an empty label is refused, under either rules: from
    /// `a..com` (which the URL parser accepts and no resolver does),
    /// `Domain=..com` was stored for `.com` and sent to `b..com`; so is
    /// such a host's own cookie. So is a
    /// cookie given whole with such a domain, and a host of an unknown
    /// scheme not written as an http host stores nothing
    /// (`foo://0.0.1`, whose host cookie Netscape rules sent to
    /// `foo://10.0.0.1`). Found by this session's review.
    #[test]
    fn domains_with_empty_labels_are_refused() {
        for policy in [
            DefaultCookiePolicy::new(),
            DefaultCookiePolicy::client_cookie().build(),
        ] {
            let jar = CookieJar::with_policy(policy);
            let reasons = |url: &str, lines: &[&str]| rejections(&jar, url, lines);
            assert_eq!(
                reasons(
                    "https://a..com/",
                    &["r=1; Domain=..com", "s=1; Domain=a..com"]
                ),
                [Rejection::DomainEmptyLabel, Rejection::DomainEmptyLabel]
            );
            assert_eq!(get(&jar, "https://b..com/"), "");
            // Host-only cookies too: `.com`'s would go to `x..com` under
            // Netscape rules (a review of the first version found it).
            for url in ["https://a..com/", "https://.com/", "https://.example.com/"] {
                assert_eq!(
                    reasons(url, &["own=1"]),
                    [Rejection::DomainEmptyLabel],
                    "{url}"
                );
            }
            assert_eq!(get(&jar, "https://x..com/"), "");
            assert_eq!(get(&jar, "https://a..example.com/"), "");
            let req = SimpleRequest::parse("https://a..com/").unwrap();
            let wide = Cookie::builder("w", "1")
                .domain("..com")
                .host_only(false)
                .build();
            assert_eq!(
                jar.set_cookie_if_ok(wide, &req),
                Err(Rejection::DomainEmptyLabel)
            );
            for domain in ["..com", "com..", "a..com"] {
                let c = Cookie::builder("w", "1")
                    .domain(domain)
                    .host_only(false)
                    .build();
                assert_eq!(
                    jar.set_cookie(c),
                    Err(Rejection::DomainEmptyLabel),
                    "{domain}"
                );
            }
            assert_eq!(get(&jar, "https://a.com../"), "");
            // Unknown schemes (refused by RFC 6265bis rules anyway).
            assert_eq!(reasons("foo://0.0.1/", &["n=1"]), [Rejection::NoHost]);
            assert_eq!(get(&jar, "foo://10.0.0.1/"), "");
            // A parent domain's cookies still go to such hosts below it.
            set(&jar, "https://example.com/", &["p=1; Domain=example.com"]);
            assert_eq!(get(&jar, "https://a..example.com/"), "p=1");
            assert_eq!(jar.len(), 1);
            // So whatever the jar holds, a copy or a file takes.
            assert_eq!(CookieJar::new().set_cookies(jar.all_cookies()), Ok(()));
        }
    }

    /// Keys and filters written as a user writes domains find the stored
    /// cookie: `CookieKey::new(".Example.COM", ..)` and
    /// `CookieFilter::domain("Bücher.example")` (a trial's `jar.get` with
    /// an upper-case domain found nothing); `within` takes subdomains.
    #[test]
    fn keys_and_filters_take_domains_as_written() {
        let (jar, _) = jar();
        set(
            &jar,
            "https://example.com/",
            &["a=1", "d=1; Domain=example.com"],
        );
        set(&jar, "https://www.example.com/x/", &["w=1"]);
        set(&jar, "https://xn--bcher-kva.example/", &["i=1"]);
        set(&jar, "https://notexample.com/", &["n=1"]);
        for (domain, host_only, name) in [
            ("Example.COM", true, "a"),
            (".EXAMPLE.com", false, "d"),
            ("Bücher.example", true, "i"),
        ] {
            let key = CookieKey::new(domain, host_only, "/", name);
            assert_eq!(jar.get(&key).map(|c| c.key()), Some(key), "{domain}");
        }
        let count = |f: CookieFilter| jar.cookies().iter().filter(|c| f.matches(c)).count();
        assert_eq!(count(CookieFilter::new().domain("EXAMPLE.com")), 2);
        assert_eq!(count(CookieFilter::new().domain(".Example.com")), 1);
        assert_eq!(count(CookieFilter::new().domain("bücher.example")), 1);
        assert_eq!(count(CookieFilter::new().within("Example.com")), 3);
        assert_eq!(count(CookieFilter::new().within("www.example.com")), 1);
        assert_eq!(count(CookieFilter::new().within("com")), 4);
        // A host written fully qualified keeps cookies apart; `within`
        // takes them whichever way either is written.
        set(&jar, "https://www.example.com./", &["q=1"]);
        assert_eq!(count(CookieFilter::new().domain("www.example.com.")), 1);
        assert_eq!(count(CookieFilter::new().within("Example.com.")), 4);
        assert_eq!(count(CookieFilter::new().within("www.example.com")), 2);
        assert_eq!(count(CookieFilter::new().within("com.")), 5);
        assert_eq!(
            jar.clear_matching(&CookieFilter::new().within("example.com.")),
            4
        );
        assert_eq!(jar.len(), 2);
    }

    /// The jar's observer sees every call's decisions, before a call's
    /// own observer; without one, nothing is collected for it.
    #[test]
    fn the_jars_observer_sees_every_store() {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let jar = CookieJar::builder()
            .observer(move |e| log.lock().unwrap().push(format!("jar {e:?}")))
            .build();
        set(&jar, "http://a.example/", &["s=1; Secure"]);
        jar.set_cookies_from_headers(&Url::parse("http://a.example/").unwrap(), [&b"a=1"[..]]);
        let req = SimpleRequest::parse("http://a.example/").unwrap();
        jar.extract_cookies_with(&SimpleResponse::with_set_cookies(["b=1"]), &req, &mut |e| {
            seen.lock().unwrap().push(format!("call {e:?}"))
        });
        let seen = seen.lock().unwrap().clone();
        let kinds: Vec<&str> = seen
            .iter()
            .map(|s| s.split(['(', '{']).next().unwrap_or(s).trim())
            .collect();
        assert_eq!(
            kinds,
            ["jar Rejected", "jar Stored", "jar Stored", "call Stored"]
        );
        assert!(seen[0].contains("SecureFromInsecureOrigin"), "{seen:?}");
        assert!(
            !seen.iter().any(|s| s.contains("=1")),
            "values redacted: {seen:?}"
        );
        assert!(format!("{jar:?}").contains("observer: Some(\"set\")"));
    }

    /// `for_each_cookie` visits what `all_cookies` copies, expired
    /// cookies included.
    #[test]
    fn for_each_cookie_visits_every_cookie() {
        let (jar, clock) = jar();
        set(&jar, "https://a.example/", &["a=1", "b=2; Max-Age=10"]);
        set(&jar, "https://b.example/x/", &["c=3"]);
        clock.advance(20);
        let mut seen = Vec::new();
        jar.for_each_cookie(|c| seen.push(c.key()));
        seen.sort();
        let mut all: Vec<CookieKey> = jar.all_cookies().iter().map(Cookie::key).collect();
        all.sort();
        assert_eq!(seen, all);
        assert_eq!(seen.len(), 3);
    }

    /// A clock read to the nanosecond.
    #[derive(Debug, Clone)]
    struct NanoClock(Arc<std::sync::atomic::AtomicI64>);

    impl Clock for NanoClock {
        fn now(&self) -> time::OffsetDateTime {
            let nanos = self.0.load(std::sync::atomic::Ordering::SeqCst);
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(nanos)).unwrap()
        }
    }

    /// `Max-Age` counts from the nanosecond the cookie arrived (RFC
    /// 6265bis §5.6.2: "the current date and time plus delta-seconds
    /// seconds"): `Max-Age=1` at `S.9` expires at `S+1.9`, and the jar
    /// sends it until then (it went at `S+1` before: 0.1 s of life; a
    /// trial found it). The store, which reads whole seconds, lets it go
    /// at the first whole second at or after its expiry.
    #[test]
    fn max_age_counts_from_the_nanosecond() {
        const S: i64 = 1_700_000_000;
        let at = |secs: i64, nanos: i64| secs * 1_000_000_000 + nanos;
        let clock = NanoClock(Arc::new(std::sync::atomic::AtomicI64::new(at(
            S,
            900_000_000,
        ))));
        let jar = CookieJar::builder().clock(clock.clone()).build();
        set(
            &jar,
            "https://a.example/",
            &[
                "m=1; Max-Age=1",
                "e=1; Expires=Wed, 15 Nov 2023 00:00:00 GMT",
            ],
        );
        let expiry = |name: &str| {
            let c = jar
                .cookies()
                .into_iter()
                .find(|c| c.name() == name)
                .unwrap();
            c.expires().unwrap().unix_timestamp_nanos()
        };
        assert_eq!(expiry("m"), i128::from(at(S + 1, 900_000_000)));
        // Expires names a whole second.
        assert_eq!(expiry("e"), i128::from(at(1_700_006_400, 0)));
        let set_clock = |nanos| clock.0.store(nanos, std::sync::atomic::Ordering::SeqCst);
        for (now, sent) in [
            (at(S + 1, 0), "m=1; e=1"),
            (at(S + 1, 899_999_999), "m=1; e=1"),
            (at(S + 2, 0), "e=1"),
        ] {
            set_clock(now);
            assert_eq!(get(&jar, "https://a.example/"), sent, "{now}");
        }
        // The 400-day cap counts from the nanosecond too.
        set_clock(at(S, 500_000_000));
        set(&jar, "https://a.example/", &["long=1; Max-Age=999999999"]);
        assert_eq!(
            expiry("long"),
            i128::from(at(S + 400 * 86_400, 500_000_000))
        );
    }

    fn get(jar: &CookieJar, url: &str) -> String {
        jar.cookie_header_for(&Url::parse(url).unwrap())
            .unwrap_or_default()
    }

    /// `set_cookie_header` owns the header: it replaces one carried over
    /// (a redirect's next hop) or set by hand, and removes it when no
    /// cookie applies; `add_cookie_header` keeps it, as Python does.
    #[test]
    fn set_cookie_header_replaces_or_removes_the_header() {
        let (jar, _) = jar();
        set(&jar, "https://a.example/login", &["sid=1"]);
        let stale = |url: &str| {
            let mut r = SimpleRequest::parse(url).unwrap();
            r.set_header("cookie", "old=1".to_owned());
            r
        };
        let mut same = stale("https://a.example/next");
        jar.set_cookie_header(&mut same);
        assert_eq!(same.header("Cookie"), Some("sid=1"));
        assert_eq!(same.headers().count(), 1);
        let mut other = stale("https://b.example/");
        jar.set_cookie_header(&mut other);
        assert_eq!(other.header("Cookie"), None);
        let mut kept = stale("https://a.example/next");
        jar.add_cookie_header(&mut kept);
        assert_eq!(kept.header("Cookie"), Some("old=1"));
        let mut none = SimpleRequest::parse("https://b.example/").unwrap();
        jar.set_cookie_header(&mut none);
        assert_eq!(none.headers().count(), 0);
    }

    /// RFC 6265bis §5.7 step 16: a plain-http cookie may not shadow a
    /// secure cookie of its name whose domain is its domain, a label
    /// suffix of it or under it (and whose path its path matches); a
    /// sibling or another name is free, and so is a path the secure
    /// cookie's path does not prefix. Secure cookies of the name spread
    /// over several domains, set in turns, as the index keeps them.
    #[test]
    fn plain_http_cookies_leave_related_secure_cookies_alone() {
        let (jar, _) = jar();
        for d in ["b.example.com", "a.b.example.com", "other.com"] {
            set(&jar, &format!("https://{d}/"), &["sid=s; Secure; Path=/p"]);
        }
        set(
            &jar,
            "https://a.b.example.com/",
            &["sid=s; Secure; Domain=example.com; Path=/q"],
        );
        let refused = |url: &str, line: &str| {
            events(&jar, url, [line]) == ["rejected WouldShadowSecureCookie"]
        };
        // The domain itself, a label suffix, a domain under it.
        assert!(refused("http://b.example.com/", "sid=x; Path=/p/1"));
        assert!(refused(
            "http://a.b.example.com/",
            "sid=x; Domain=b.example.com; Path=/p"
        ));
        assert!(refused(
            "http://b.example.com/",
            "sid=x; Domain=example.com; Path=/q"
        ));
        assert!(refused("http://c.b.example.com/", "sid=x; Path=/p"));
        // Under it, from above: `example.com` holds b's cookie below it.
        assert!(refused("http://example.com/", "sid=x; Path=/p"));
        // Unrelated: a sibling, another name, another path.
        assert!(!refused("http://c.example.com/", "sid=x; Path=/p"));
        assert!(!refused("http://b.example.com/", "uid=x; Path=/p"));
        assert!(!refused("http://b.example.com/", "sid=x; Path=/r"));
        // Once the secure cookies are gone, nothing is shadowed.
        jar.clear();
        assert!(!refused("http://b.example.com/", "sid=x; Path=/p"));
        // A jar filled whole (as from a file) builds its index at the
        // first check, then keeps it.
        let secure = |d: &str, p: &str| {
            Cookie::builder("sid", "s")
                .domain(d)
                .path(p)
                .secure(true)
                .build()
        };
        jar.replace_all([
            secure("b.example.com", "/p"),
            secure("a.b.example.com", "/p"),
        ])
        .unwrap();
        assert!(refused("http://example.com/", "sid=x; Path=/p"));
        assert!(!refused("http://c.example.com/", "sid=x; Path=/p"));
        jar.set_cookie(secure("c.example.com", "/p")).unwrap();
        assert!(refused("http://c.example.com/", "sid=x; Path=/p"));
        jar.remove_where(|c| c.domain().ends_with("b.example.com"));
        assert!(!refused("http://b.example.com/", "sid=x; Path=/p"));
        assert!(refused("http://c.example.com/", "sid=x; Path=/p"));
    }

    /// A `remove_where` closure that panics part way removes nothing,
    /// wherever the panic falls: the count, the cookies, their order (a
    /// bucket's domain cookies before its host-only ones, which keeps the
    /// host-only ones from subdomains) and the secure names (which refuse
    /// a non-secure cookie that would shadow a secure one) stay as they
    /// were, and the jar, shared across `catch_unwind` without
    /// `AssertUnwindSafe`, works on.
    #[test]
    fn a_panic_in_remove_where_removes_nothing() {
        // A clock that stands still: lookups record their second as the
        // last access, which the comparisons below include.
        let jar = CookieJar::builder()
            .clock(ManualClock::new(1_700_000_000))
            .build();
        let https = Url::parse("https://example.com/").unwrap();
        let sub = Url::parse("https://sub.example.com/").unwrap();
        let other = Url::parse("https://other.example/").unwrap();
        jar.set_cookies_from_headers(
            &https,
            ["sid=1; Secure", "a=1", "d=1; Domain=example.com", "b=1"],
        );
        jar.set_cookies_from_headers(&other, ["x=1", "y=1", "z=1"]);
        let total = jar.len();
        let before = jar.all_cookies();
        let headers = |jar: &CookieJar| {
            [&https, &sub, &other].map(|u| jar.cookie_header_for(u).unwrap_or_default())
        };
        let want = headers(&jar);
        assert_eq!(want, ["sid=1; a=1; d=1; b=1", "d=1", "x=1; y=1; z=1"]);
        // Wherever the panic falls: remove and keep in turns before it.
        for at in 1..=total {
            let asked = AtomicU64::new(0);
            let result = std::panic::catch_unwind(|| {
                jar.remove_where(|_| {
                    let n = asked.fetch_add(1, Ordering::Relaxed) + 1;
                    assert!(n < at as u64, "a panic in the user's closure");
                    n % 2 == 1
                })
            });
            assert!(result.is_err());
            assert_eq!(jar.len(), total, "panic at {at}");
            assert_eq!(jar.all_cookies(), before, "panic at {at}");
            assert_eq!(headers(&jar), want, "panic at {at}");
        }
        // `sid` is still secure, and still shadows.
        let http = Url::parse("http://example.com/").unwrap();
        jar.set_cookies_from_headers(&http, ["sid=2"]);
        assert_eq!(headers(&jar), want);
        // A file jar too.
        fn unwind_safe<T: std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        unwind_safe::<crate::FileCookieJar>();
        assert_eq!(jar.remove_where(|c| c.name() != "b"), total - 1);
        assert_eq!(jar.len(), 1);
        jar.set_cookies_from_headers(&http, ["sid=2"]);
        assert_eq!(jar.cookie_header_for(&http).as_deref(), Some("b=1; sid=2"));
    }

    /// Under RFC 6265bis rules cookies are HTTP's: a `file:`, `ftp:` or
    /// custom-scheme URL neither sets nor gets them (browsers keep cookies
    /// for http, https, ws and wss); ClientCookie rules take any scheme,
    /// as Python does.
    #[test]
    fn cookies_are_for_http_schemes() {
        let (jar, _) = jar();
        set(&jar, "https://example.com/", &["sid=1"]);
        for url in [
            "ftp://example.com/",
            "file://example.com/x",
            "foo://example.com/",
        ] {
            assert_eq!(get(&jar, url), "", "{url}");
            assert_eq!(
                events(&jar, url, ["a=1; Domain=example.com"]),
                ["rejected NotHttp"]
            );
        }
        for url in [
            "http://example.com/",
            "wss://example.com/",
            "ws://example.com/",
        ] {
            assert_eq!(get(&jar, url), "sid=1", "{url}");
        }
        let python = CookieJar::builder()
            .policy(DefaultCookiePolicy::client_cookie().build())
            .build();
        set(&python, "ftp://example.com/", &["a=1"]);
        assert_eq!(get(&python, "ftp://example.com/"), "a=1");
    }

    fn limited(limit: usize) -> (CookieJar, ManualClock) {
        let clock = ManualClock::new(1_700_000_000);
        let jar = CookieJar::builder()
            .clock(clock.clone())
            .max_cookies_per_domain(NonZeroUsize::new(limit))
            .build();
        (jar, clock)
    }

    /// Every event of storing `lines` from `url`, as text.
    fn events<S: Into<Vec<u8>>>(
        jar: &CookieJar,
        url: &str,
        lines: impl IntoIterator<Item = S>,
    ) -> Vec<String> {
        let req = SimpleRequest::parse(url).unwrap();
        let mut seen = Vec::new();
        jar.extract_cookies_with(&SimpleResponse::with_set_cookies(lines), &req, &mut |e| {
            seen.push(match e {
                CookieEvent::Stored(c) => format!("stored {}", c.name()),
                CookieEvent::Evicted(c) => format!("evicted {}", c.name()),
                CookieEvent::Expired(c) => format!("expired {}", c.name()),
                CookieEvent::Rejected { reason, .. } => format!("rejected {reason:?}"),
            })
        });
        seen
    }

    /// RFC 6265bis §5.7 "remove excess cookies" for the whole jar: past
    /// the total, the expired go, then, if still past it, the least
    /// recently accessed (then the oldest) down to nine tenths of it;
    /// cookies given whole count but are stored past it.
    #[test]
    fn a_full_jar_evicts_the_least_recently_used_cookies() {
        let clock = ManualClock::new(1_700_000_000);
        let jar = CookieJar::builder()
            .clock(clock.clone())
            .max_cookies(NonZeroUsize::new(20))
            .build();
        assert_eq!(
            events(&jar, "https://old.example/", ["gone=1; Max-Age=5"]),
            ["stored gone"]
        );
        for i in 0..19 {
            clock.advance(10);
            let url = format!("https://h{i}.example/");
            assert_eq!(events(&jar, &url, ["a=1"]), ["stored a"]);
        }
        assert_eq!(jar.len(), 20);
        // h0 and h1 are sent, so accessed now: h2 and h3 are the least
        // recent. The expired cookie is enough to make room.
        clock.advance(10);
        assert_eq!(get(&jar, "https://h0.example/"), "a=1");
        assert_eq!(get(&jar, "https://h1.example/"), "a=1");
        assert_eq!(events(&jar, "https://new.example/", ["b=1"]), ["stored b"]);
        assert_eq!(jar.len(), 20);
        // Now 21 unexpired: down to 18, the new cookie kept.
        clock.advance(10);
        assert_eq!(
            events(&jar, "https://new.example/", ["c=1"]),
            ["stored c", "evicted a", "evicted a", "evicted a"]
        );
        let mut left: Vec<String> = jar
            .cookies()
            .iter()
            .map(|c| c.domain().to_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 18);
        for gone in ["h2.example", "h3.example", "h4.example"] {
            assert!(!left.iter().any(|d| d == gone), "{gone}: {left:?}");
        }
        for kept in ["h0.example", "h1.example", "h5.example", "new.example"] {
            assert!(left.iter().any(|d| d == kept), "{kept}: {left:?}");
        }
        // Cookies given whole are all kept, past the limit; the next
        // cookie from a server trims them too, the least recent first.
        for i in 0..10 {
            let c = Cookie::builder("w", "1")
                .domain(format!("w{i}.example"))
                .build();
            jar.set_cookie(c).unwrap();
        }
        assert_eq!(jar.len(), 28);
        let req = SimpleRequest::parse("https://new.example/").unwrap();
        let d = Cookie::builder("d", "1").domain("new.example").build();
        jar.set_cookie_if_ok(d, &req).unwrap();
        assert_eq!(jar.len(), 18);
        let names: Vec<String> = jar.cookies().iter().map(|c| c.name().to_owned()).collect();
        assert!(names.contains(&"d".to_owned()), "{names:?}");
        assert!(names.contains(&"w".to_owned()), "{names:?}");
        // A replacement keeps the creation time of the cookie it replaces,
        // the oldest here, and is kept all the same (review).
        let clock = ManualClock::new(1_700_000_000);
        let jar = CookieJar::builder()
            .clock(clock.clone())
            .max_cookies(NonZeroUsize::new(10))
            .build();
        for i in 0..12 {
            let c = Cookie::builder(format!("c{i}"), "old")
                .domain("example.com")
                .build();
            jar.set_cookie(c).unwrap();
        }
        let seen = events(&jar, "https://example.com/", ["c0=new"]);
        assert_eq!(seen[0], "stored c0");
        assert!(!seen[1..].contains(&"evicted c0".to_owned()), "{seen:?}");
        assert_eq!(
            get(&jar, "https://example.com/").split("; ").next(),
            Some("c0=new")
        );
        assert_eq!(jar.len(), 9);
    }

    /// RFC 6265bis §5.7 "remove excess cookies": past the per-domain
    /// limit, the least recently accessed cookie goes (then the oldest),
    /// non-secure ones before secure ones; a replacement or a cookie of
    /// another domain evicts nothing.
    #[test]
    fn a_full_domain_evicts_the_least_recently_used_cookie() {
        let (jar, clock) = limited(3);
        let url = "https://example.com/";
        set(&jar, url, &["a=1; Path=/a", "b=1; Path=/b", "c=1; Path=/c"]);
        clock.advance(10);
        // `a` is sent, so accessed now; `b` is now the least recent.
        assert_eq!(get(&jar, "https://example.com/a"), "a=1");
        clock.advance(10);
        assert_eq!(
            events(&jar, url, ["d=1; Path=/d"]),
            ["evicted b", "stored d"]
        );
        // Replacing a cookie makes no room; another domain has its own.
        assert_eq!(events(&jar, url, ["d=2; Path=/d"]), ["stored d"]);
        assert_eq!(
            events(&jar, "https://www.example.com/", ["e=1"]),
            ["stored e"]
        );
        assert_eq!(jar.len(), 4);
        // `c` and `d` were never sent: `c`, the older, goes.
        assert_eq!(
            events(&jar, url, ["f=1; Path=/f"]),
            ["evicted c", "stored f"]
        );
        let mut names: Vec<String> = jar.cookies().iter().map(|c| c.name().to_owned()).collect();
        names.sort();
        assert_eq!(names, ["a", "d", "e", "f"]);
    }

    #[test]
    fn a_full_domain_evicts_non_secure_cookies_first() {
        let (jar, clock) = limited(2);
        let url = "https://example.com/";
        set(&jar, url, &["s=1; Secure"]);
        clock.advance(10);
        set(&jar, url, &["n=1"]);
        clock.advance(10);
        // `s` is older, but secure.
        assert_eq!(events(&jar, url, ["m=1"]), ["evicted n", "stored m"]);
        assert_eq!(
            events(&jar, url, ["t=1; Secure"]),
            ["evicted m", "stored t"]
        );
        // All secure: a non-secure cookie is the one to go.
        assert_eq!(events(&jar, url, ["x=1"]), ["rejected DomainFull"]);
        let req = SimpleRequest::parse(url).unwrap();
        let x = Cookie::builder("x", "1").domain("example.com").build();
        assert_eq!(jar.set_cookie_if_ok(x, &req), Err(Rejection::DomainFull));
        assert_eq!(get(&jar, url), "s=1; t=1");
        // A secure one evicts the least recently used secure one.
        assert_eq!(
            events(&jar, url, ["u=1; Secure"]),
            ["evicted s", "stored u"]
        );
    }

    /// The per-site limit counts a registrable domain's cookies over all
    /// its hosts, evicts across them in the per-domain order, refuses a
    /// non-secure cookie for a site full of secure ones, evicts once
    /// when the domain is full too, and leaves other sites alone.
    #[test]
    fn a_full_site_evicts_across_its_hosts() {
        let clock = ManualClock::new(1_700_000_000);
        let jar = CookieJar::builder()
            .clock(clock.clone())
            .max_cookies_per_domain(NonZeroUsize::new(2))
            .max_cookies_per_site(NonZeroUsize::new(3))
            .build();
        set(&jar, "https://a.example.com/", &["a=1"]);
        clock.advance(10);
        set(&jar, "https://b.example.com/", &["b=1; Secure"]);
        clock.advance(10);
        set(&jar, "https://example.com/", &["c=1; Domain=example.com"]);
        clock.advance(10);
        set(&jar, "https://other.org/", &["o=1", "p=1"]);
        // `a`, the least recently used, goes from another host of the
        // site; a replacement needs no room.
        assert_eq!(
            events(&jar, "https://d.example.com/", ["d=1"]),
            ["evicted a", "stored d"]
        );
        assert_eq!(
            events(&jar, "https://d.example.com/", ["d=2"]),
            ["stored d"]
        );
        assert_eq!(jar.len(), 5);
        // The domain full too: one eviction, the domain's.
        clock.advance(10);
        assert_eq!(
            events(&jar, "https://d.example.com/", ["e=1"]),
            ["evicted c", "stored e"]
        );
        assert_eq!(
            events(&jar, "https://d.example.com/", ["f=1; Secure"]),
            ["evicted d", "stored f"]
        );
        // The site holds `b` and `f`, secure, and `e`, which goes first.
        assert_eq!(
            events(&jar, "https://example.com/", ["g=1; Secure"]),
            ["evicted e", "stored g"]
        );
        // All secure: a non-secure cookie is the one to go.
        assert_eq!(
            events(&jar, "https://example.com/", ["x=1"]),
            ["rejected SiteFull"]
        );
        let req = SimpleRequest::parse("https://c.example.com/").unwrap();
        let x = Cookie::builder("x", "1").domain("c.example.com").build();
        assert_eq!(jar.set_cookie_if_ok(x, &req), Err(Rejection::SiteFull));
        assert_eq!(get(&jar, "https://other.org/"), "o=1; p=1");
        let mut names: Vec<String> = jar
            .all_cookies()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["b", "f", "g", "o", "p"]);
        // A full site's expired cookies go first, evicting none.
        let jar = CookieJar::builder()
            .clock(clock.clone())
            .max_cookies_per_site(NonZeroUsize::new(2))
            .build();
        set(&jar, "https://a.example.com/", &["a=1; Max-Age=10"]);
        set(&jar, "https://b.example.com/", &["b=1"]);
        clock.advance(20);
        assert_eq!(
            events(&jar, "https://c.example.com/", ["c=1"]),
            ["stored c"]
        );
        let names: Vec<String> = jar
            .all_cookies()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        assert_eq!(names, ["b", "c"]);
        // A crawler trap: many hosts of one site.
        let trap = CookieJar::builder()
            .max_cookies_per_site(NonZeroUsize::new(50))
            .build();
        for i in 0..200 {
            let url = Url::parse(&format!("https://a{i}.trap.co.uk/")).unwrap();
            trap.set_cookies_from_headers(&url, ["a=1", "b=2", "c=3"]);
        }
        assert_eq!(trap.len(), 50);
        let url = Url::parse("https://a199.trap.co.uk/").unwrap();
        assert_eq!(
            trap.cookie_header_for(&url).as_deref(),
            Some("a=1; b=2; c=3")
        );
    }

    /// The cookie being stored is the most recent, whatever the times
    /// the others carry: cookies built with the system clock, later than
    /// the jar's, or a clock set back.
    #[test]
    fn a_new_cookie_is_refused_only_when_all_others_are_secure() {
        let (jar, clock) = limited(2);
        let req = SimpleRequest::parse("https://example.com/").unwrap();
        let built = |n: &str| Cookie::builder(n, "1").domain("example.com").build();
        for n in ["a", "b", "c"] {
            assert_eq!(jar.set_cookie_if_ok(built(n), &req), Ok(()));
        }
        let mut names: Vec<String> = jar.cookies().iter().map(|c| c.name().to_owned()).collect();
        names.sort();
        assert_eq!(names, ["b", "c"]);
        clock.set(1_600_000_000);
        assert_eq!(
            events(&jar, "https://example.com/", ["d=1"]),
            ["evicted b", "stored d"]
        );
    }

    /// Expired cookies make room first; cookies given whole are all kept
    /// (they are the user's), and `None` sets no limit.
    #[test]
    fn the_limit_counts_unexpired_cookies_from_servers() {
        let (small, clock) = limited(2);
        let url = "https://example.com/";
        set(&small, url, &["old=1; Max-Age=5", "a=1"]);
        clock.advance(10);
        assert_eq!(events(&small, url, ["b=1"]), ["stored b"]);
        assert_eq!(get(&small, url), "a=1; b=1");
        for i in 0..5 {
            let c = Cookie::builder(format!("w{i}"), "1")
                .domain("example.com")
                .build();
            small.set_cookie(c).unwrap();
        }
        assert_eq!(small.len(), 7);
        // A full domain still takes one cookie for one.
        assert_eq!(events(&small, url, ["c=1"]), ["evicted a", "stored c"]);
        assert_eq!(small.len(), 7);

        let clock = ManualClock::new(1_700_000_000);
        let unlimited = CookieJar::builder()
            .clock(clock)
            .max_cookies_per_domain(None)
            .build();
        let lines: Vec<String> = (0..300).map(|i| format!("n{i}=1")).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        set(&unlimited, url, &lines);
        assert_eq!(unlimited.len(), 300);
        // The default keeps what browsers keep.
        let (default, _) = jar();
        set(&default, url, &lines);
        assert_eq!(default.len(), DEFAULT_MAX_COOKIES_PER_DOMAIN.get());
        let header = get(&default, url);
        assert!(header.starts_with("n120=1; "), "{header}");
        assert!(header.ends_with("; n299=1"), "{header}");
    }

    /// Cookies given whole are checked as a header parser would have
    /// made them: nothing that splits the `Cookie` header (or makes it an
    /// invalid header value), a canonical domain, and a creation time of
    /// their own.
    #[test]
    fn cookies_given_whole_are_made_storable() {
        let (jar, clock) = jar();
        let b = |name: &str, value: &str, domain: &str| {
            Cookie::builder(name, value).domain(domain).build()
        };
        for (bad, why) in [
            (
                b("a", "1\r\nX-Injected: yes", "example.com"),
                Rejection::ControlCharacter,
            ),
            (b("a\x00", "1", "example.com"), Rejection::ControlCharacter),
            (b("a", "1\x7f", "example.com"), Rejection::ControlCharacter),
            (b("a", "1", "example.com\n"), Rejection::ControlCharacter),
            (
                Cookie::builder("a", "1")
                    .domain("example.com")
                    .path("/\r")
                    .build(),
                Rejection::ControlCharacter,
            ),
        ] {
            assert_eq!(jar.set_cookie(bad.clone()), Err(why.clone()), "{bad:?}");
            assert_eq!(
                jar.set_cookies([b("ok", "1", "example.com"), bad]),
                Err(why)
            );
        }
        assert!(jar.is_empty(), "a refused batch stores nothing");
        // HTAB is no control character here (RFC 6265bis §5.6 step 1).
        jar.set_cookie(b("t", "a\tb", "example.com")).unwrap();
        // Upper case and Unicode domains are stored canonical, so sent.
        jar.set_cookie(b("up", "1", "WWW.Example.COM")).unwrap();
        jar.set_cookie(b("idn", "1", "bücher.example")).unwrap();
        assert_eq!(get(&jar, "https://www.example.com/"), "up=1");
        assert_eq!(get(&jar, "https://xn--bcher-kva.example/"), "idn=1");
        // A built cookie is created when built: built last, it goes last.
        let before = time::OffsetDateTime::now_utc();
        jar.set_cookie(b("last", "1", "www.example.com")).unwrap();
        assert_eq!(get(&jar, "https://www.example.com/"), "up=1; last=1");
        let last = jar.cookies().into_iter().find(|c| c.name() == "last");
        assert!(last.unwrap().creation_time() >= before);
        // A leading dot is the builder's and each file format's business
        // (they drop one): a cookie given whole with one left has a
        // domain with an empty label, which matches no host it could be
        // stored from, and is refused.
        let mut dotted = b("dot", "1", "example.com");
        dotted.domain = ShortStr::new(".Example.com");
        assert_eq!(jar.set_cookie(dotted), Err(Rejection::DomainEmptyLabel));
        assert_eq!(get(&jar, "https://example.com/"), "t=a\tb");
        let _ = clock;
    }

    /// reqwest's `CookieStore::set_cookies` hands a `&mut dyn Iterator`,
    /// which cannot be cloned: it is read once, under either rules.
    #[test]
    fn header_values_from_an_iterator_read_once() {
        for policy in [
            DefaultCookiePolicy::new(),
            DefaultCookiePolicy::client_cookie().build(),
        ] {
            let jar = CookieJar::with_policy(policy);
            let url = Url::parse("http://example.com/").unwrap();
            let values: Vec<Vec<u8>> = vec![b"a=1".to_vec(), b"b=2".to_vec()];
            let mut once = values.iter();
            let headers: &mut dyn Iterator<Item = &Vec<u8>> = &mut once;
            jar.set_cookies_from_headers(&url, headers.map(|v| v.as_slice()));
            assert_eq!(get(&jar, "http://example.com/"), "a=1; b=2");
        }
    }

    /// A shared or boxed policy keeps every decision of the policy it
    /// holds (its rules and public suffix list among them).
    #[test]
    fn shared_and_boxed_policies_forward_everything() {
        let url = Url::parse("http://www.example.com/").unwrap();
        let client = CookieJar::with_policy(DefaultCookiePolicy::client_cookie().build());
        let shared = CookieJar::new();
        shared.set_policy(client.policy());
        let boxed = CookieJar::with_policy(Box::new(DefaultCookiePolicy::client_cookie().build()));
        for jar in [&client, &shared, &boxed] {
            assert_eq!(jar.policy().protocols().rules, Rules::ClientCookie);
            jar.set_cookies_from_headers(
                &Url::parse("http://example.com/").unwrap(),
                [&b"b=2"[..]],
            );
            // Netscape rules: a host cookie goes to subdomains too.
            assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("b=2"));
        }
        let github = Url::parse("https://github.io/").unwrap();
        let modern = CookieJar::with_policy(std::sync::Arc::new(DefaultCookiePolicy::new()));
        modern.set_cookies_from_headers(&github, [&b"a=1; Domain=github.io"[..]]);
        assert_eq!(modern.cookie_header_for(&github).as_deref(), Some("a=1"));
    }

    /// The observer runs once the store is unlocked: it may use the jar
    /// (it deadlocked on the write lock).
    #[test]
    fn observers_may_use_the_jar() {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (jar, _) = jar();
            let req = SimpleRequest::parse("http://example.com/").unwrap();
            let resp = SimpleResponse::with_set_cookies(["a=1", "b=2; Domain=com", "c=3"]);
            let mut seen = Vec::new();
            jar.extract_cookies_with(&resp, &req, &mut |e| {
                let what = match e {
                    CookieEvent::Stored(c) => format!("stored {}", c.name()),
                    CookieEvent::Rejected { reason, .. } => format!("{reason:?}"),
                    _ => "other".into(),
                };
                seen.push((what, jar.len(), get(&jar, "http://example.com/")));
            });
            let _ = tx.send(seen);
        });
        let seen = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the observer deadlocked");
        let all = "a=1; c=3".to_owned();
        assert_eq!(
            seen,
            [
                ("stored a".into(), 2, all.clone()),
                ("PublicSuffix".into(), 2, all.clone()),
                ("stored c".into(), 2, all)
            ]
        );
    }

    #[test]
    fn refused_headers_are_logged_without_their_values() {
        let (jar, _) = jar();
        let req = SimpleRequest::parse("http://example.com/").unwrap();
        let resp = SimpleResponse::with_set_cookies(["sid=TOPSECRET; Domain=com"]);
        let mut shown = Vec::new();
        jar.extract_cookies_with(&resp, &req, &mut |e| shown.push(format!("{e:?}")));
        assert_eq!(
            shown,
            [r#"Rejected { header: "sid=<9 bytes>; Domain=<3 bytes>", reason: PublicSuffix }"#]
        );
    }

    #[test]
    fn assert_send_sync() {
        fn is<T: Send + Sync>() {}
        is::<CookieJar>();
    }

    /// A clock outside the years an i64 of nanoseconds covers (1677 to
    /// 2262) still stores cookies at its own time.
    #[test]
    fn clock_far_from_now() {
        for now in [32_503_680_000, -11_676_096_000] {
            // Years 3000 and 1600.
            let clock = ManualClock::new(now);
            let jar = CookieJar::builder().clock(clock).build();
            set(&jar, "https://example.com/", &["a=1; Max-Age=60"]);
            let c = jar.cookies();
            assert_eq!(c.len(), 1, "at {now}");
            assert_eq!(c[0].creation_time().unix_timestamp(), now);
            assert_eq!(c[0].expires().map(|t| t.unix_timestamp()), Some(now + 60));
        }
        let jar = CookieJar::builder()
            .clock(ManualClock::new(32_503_680_000))
            .build();
        set(
            &jar,
            "https://example.com/",
            &["b=1; Expires=Wed, 01 Jan 3001 00:00:00 GMT"],
        );
        assert_eq!(get(&jar, "https://example.com/"), "b=1");
    }

    /// Lookups at clock readings before 1970 and after 2106 (outside the
    /// seconds the store keeps inline) send a cookie until it expires,
    /// and not after.
    #[test]
    fn expiry_at_clocks_outside_1970_to_2106() {
        for start in [
            -11_676_096_000,
            -100,
            i64::from(u32::MAX) - 30,
            32_503_680_000,
        ] {
            let clock = ManualClock::new(start);
            let jar = CookieJar::builder().clock(clock.clone()).build();
            set(&jar, "https://example.com/", &["a=1; Max-Age=60", "s=2"]);
            assert_eq!(get(&jar, "https://example.com/"), "a=1; s=2", "at {start}");
            clock.set(start + 59);
            assert_eq!(
                get(&jar, "https://example.com/"),
                "a=1; s=2",
                "at {start} + 59"
            );
            clock.set(start + 60);
            assert_eq!(get(&jar, "https://example.com/"), "s=2", "at {start} + 60");
        }
    }

    /// The name and value must be UTF-8; a stray byte elsewhere in the
    /// line does not reject the cookie, and a path keeps what it can.
    #[test]
    fn non_utf8_bytes() {
        let (jar, _) = jar();
        let req = SimpleRequest::parse("http://example.com/").unwrap();
        let lines: [&[u8]; 5] = [
            b"bad=v\xff",
            b"b\xe9d=v",
            b"ok=1; Comment=\xff\xfe",
            b"caf\xc3\xa9=cr\xc3\xa8me",
            b"p=2; Path=/\xff",
        ];
        let seen = events(&jar, req.url().as_str(), lines.iter().map(|l| l.to_vec()));
        assert_eq!(
            seen,
            [
                "rejected NotUtf8",
                "rejected NotUtf8",
                "stored ok",
                "stored café",
                "stored p"
            ]
        );
        assert_eq!(get(&jar, req.url().as_str()), "ok=1; café=crème");
        let paths: Vec<String> = jar.cookies().iter().map(|c| c.path().to_owned()).collect();
        assert!(paths.contains(&"/\u{fffd}".to_owned()), "{paths:?}");
    }

    /// A part of the checked line is sliced from it; a part from elsewhere
    /// is checked on its own.
    #[test]
    fn sub_str_slices_or_checks() {
        let line = "name=value";
        let other = b"name=value".to_vec();
        assert_eq!(sub_str(Some(line), &line.as_bytes()[5..]), Some("value"));
        assert!(std::ptr::eq(
            sub_str(Some(line), &line.as_bytes()[5..]).unwrap().as_ptr(),
            line[5..].as_ptr()
        ));
        assert_eq!(sub_str(Some(line), &other[..4]), Some("name"));
        assert_eq!(sub_str(None, &other[..4]), Some("name"));
        assert_eq!(sub_str(None, b"\xff"), None);
        assert_eq!(sub_str(Some(line), b"\xff"), None);
    }

    /// `set_cookies` stores as `set_cookie` one by one does: in order, a
    /// later cookie replacing an earlier one with its key, an expired one
    /// removing.
    #[test]
    fn set_cookies_is_set_cookie_in_order() {
        let cookie = |name: &str, value: &str, expires: Option<i64>| {
            Cookie::builder(name, value)
                .domain("example.com")
                .path("/")
                .expires(expires.map(crate::time_util::from_unix))
                .build()
        };
        // Built once: a built cookie is created when built.
        let built = vec![
            cookie("a", "1", None),
            cookie("b", "1", None),
            cookie("a", "2", None),
            cookie("c", "1", None),
            cookie("b", "gone", Some(1)),
        ];
        let batch = || built.clone();
        let (one_by_one, _) = jar();
        for c in batch() {
            one_by_one.set_cookie(c).unwrap();
        }
        let (at_once, _) = jar();
        // The iterator may use the jar: it does not run under the lock.
        at_once
            .set_cookies(batch().into_iter().inspect(|_| {
                assert!(at_once.store.try_read().is_ok(), "iterated under the lock");
            }))
            .unwrap();
        let url = "http://example.com/";
        assert_eq!(get(&at_once, url), "a=2; c=1");
        assert_eq!(get(&at_once, url), get(&one_by_one, url));
        assert_eq!(at_once.all_cookies(), one_by_one.all_cookies());
    }

    #[test]
    fn host_only_and_domain_cookies() {
        let (jar, _) = jar();
        set(
            &jar,
            "http://www.example.com/",
            &["a=1", "b=2; Domain=example.com"],
        );
        assert_eq!(get(&jar, "http://www.example.com/"), "a=1; b=2");
        assert_eq!(get(&jar, "http://sub.www.example.com/"), "b=2");
        assert_eq!(get(&jar, "http://example.com/"), "b=2");
        assert_eq!(get(&jar, "http://other.com/"), "");
    }

    /// RFC 6265bis §5.7 step 16, both directions of the domain match, and
    /// the secure-cookie index kept in step with removals.
    #[test]
    fn leave_secure_cookies_alone() {
        let (jar, clock) = jar();
        set(
            &jar,
            "https://a.example.com/",
            &["sid=s; Secure; Domain=example.com"],
        );
        set(&jar, "https://sub.other.com/", &["x=s; Secure"]);
        // A non-secure `sid` from a subdomain of the secure one's domain.
        set(&jar, "http://b.example.com/", &["sid=plain"]);
        assert_eq!(get(&jar, "http://b.example.com/"), "");
        // A non-secure `x` for a parent of the secure one's host.
        set(&jar, "http://other.com/", &["x=plain; Domain=other.com"]);
        assert_eq!(get(&jar, "http://other.com/"), "");
        // Unrelated domains and other names are not shadowed.
        set(&jar, "http://example.net/", &["sid=plain"]);
        set(&jar, "http://b.example.com/", &["other=plain"]);
        assert_eq!(get(&jar, "http://example.net/"), "sid=plain");
        assert_eq!(get(&jar, "http://b.example.com/"), "other=plain");
        // Once the secure cookies are gone (deleted, removed, expired), the
        // names are free again.
        set(
            &jar,
            "https://a.example.com/",
            &["sid=; Max-Age=0; Domain=example.com"],
        );
        set(&jar, "http://b.example.com/", &["sid=plain"]);
        assert_eq!(get(&jar, "http://b.example.com/"), "other=plain; sid=plain");
        jar.clear_matching(&CookieFilter::new().domain("sub.other.com"));
        set(&jar, "http://other.com/", &["x=plain; Domain=other.com"]);
        assert_eq!(get(&jar, "http://other.com/"), "x=plain");
        set(&jar, "https://e.com/", &["y=s; Secure; Max-Age=10"]);
        clock.advance(11);
        set(&jar, "http://e.com/", &["y=plain"]);
        assert_eq!(get(&jar, "http://e.com/"), "y=plain");
    }

    #[test]
    fn replacement_keeps_creation_time_and_order() {
        let (jar, clock) = jar();
        set(&jar, "http://h.com/", &["a=1", "b=2"]);
        clock.advance(5);
        set(&jar, "http://h.com/", &["a=3"]);
        assert_eq!(get(&jar, "http://h.com/"), "a=3; b=2");
        set(&jar, "http://h.com/", &["c=1; Path=/x"]);
        assert_eq!(get(&jar, "http://h.com/x/y"), "c=1; a=3; b=2");
    }

    #[test]
    fn expiry_and_deletion() {
        let (jar, clock) = jar();
        set(&jar, "http://h.com/", &["a=1; Max-Age=10", "b=2"]);
        clock.advance(9);
        assert_eq!(get(&jar, "http://h.com/"), "a=1; b=2");
        clock.advance(1);
        assert_eq!(get(&jar, "http://h.com/"), "b=2");
        set(&jar, "http://h.com/", &["b=; Max-Age=0"]);
        assert_eq!(get(&jar, "http://h.com/"), "");
        // Storing into a bucket evicts its expired cookies.
        assert!(jar.is_empty());
        set(&jar, "http://g.com/", &["c=1; Max-Age=5"]);
        clock.advance(5);
        assert_eq!(jar.len(), 1);
        assert_eq!(jar.clear_expired_cookies(), 1);
        assert!(jar.is_empty());
    }

    /// `set_cookies_from_headers` stores what `extract_cookies` stores for
    /// the same URL and lines, under both rule sets (ClientCookie rules
    /// read the headers twice: `Set-Cookie2`, then `Set-Cookie`).
    #[test]
    fn set_cookies_from_headers_is_extract_cookies() {
        let lines = [
            "a=1; Path=/",
            "b=2; Domain=example.com; Max-Age=60",
            "c=3; Domain=other.org",
            "d=4; Max-Age=0",
            "=5",
            "e=6; Secure",
            "f=7; Version=1; Path=/x",
        ];
        let url = Url::parse("https://www.example.com/x/y").unwrap();
        // With RFC 2965 on, lines read as `Set-Cookie2` would make
        // version 1 cookies: they must be read as `Set-Cookie` only.
        for policy in [
            DefaultCookiePolicy::new(),
            DefaultCookiePolicy::client_cookie().build(),
            DefaultCookiePolicy::client_cookie().rfc2965(true).build(),
        ] {
            // One manual clock: the creation times must agree.
            let clock = ManualClock::new(1_700_000_000);
            let build = |p: DefaultCookiePolicy| {
                CookieJar::builder().policy(p).clock(clock.clone()).build()
            };
            let via_traits = build(policy.clone());
            let via_url = build(policy);
            via_traits.extract_cookies(
                &SimpleResponse::with_set_cookies(lines),
                &SimpleRequest::new(url.clone()),
            );
            via_url.set_cookies_from_headers(&url, lines.iter().map(|l| l.as_bytes()));
            let key = |c: &Cookie| format!("{c:?} {}", c.value());
            let want: Vec<String> = via_traits.all_cookies().iter().map(key).collect();
            let got: Vec<String> = via_url.all_cookies().iter().map(key).collect();
            assert!(want.len() >= 3, "{want:?}");
            assert_eq!(got, want);
        }
    }

    #[test]
    fn set_policy_replaces_the_policy_for_stores_and_lookups() {
        let (jar, _) = jar();
        set(&jar, "http://example.com/", &["a=1"]);
        let blocking = |d: &str| DefaultCookiePolicy::builder().blocked_domains([d]).build();
        jar.set_policy(blocking("example.com"));
        let req = SimpleRequest::parse("http://example.com/").unwrap();
        let made = jar.make_cookies(&SimpleResponse::with_set_cookies(["b=2"]), &req);
        assert!(jar.policy().set_ok(&made[0], &req).is_err());
        set(&jar, "http://example.com/", &["b=2"]);
        set(&jar, "http://example.org/", &["c=3"]);
        // Blocked domains get no cookie either way.
        assert_eq!(get(&jar, "http://example.com/"), "");
        assert_eq!(get(&jar, "http://example.org/"), "c=3");
        // A second replacement replaces the first.
        jar.set_policy(blocking("example.org"));
        assert_eq!(get(&jar, "http://example.com/"), "a=1");
        assert_eq!(get(&jar, "http://example.org/"), "");
    }

    #[test]
    fn a_fork_copies_the_cookies_and_shares_the_settings() {
        use std::sync::atomic::AtomicUsize;
        let clock = Arc::new(crate::ManualClock::new(1_700_000_000));
        let events = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&events);
        let jar = CookieJar::builder()
            .clock(Arc::clone(&clock))
            .max_cookies(NonZeroUsize::new(4))
            .observer(move |_| {
                counted.fetch_add(1, Ordering::Relaxed);
            })
            .build();
        set(
            &jar,
            "https://a.example/",
            &["z=1", "a=1", "gone=1; Max-Age=5"],
        );
        clock.advance(1);
        // Equal paths go in creation order: copied with the times.
        set(&jar, "https://a.example/x/", &["y=1"]);
        assert_eq!(get(&jar, "https://a.example/x/"), "y=1; z=1; a=1; gone=1");
        clock.advance(10);
        let before = events.load(Ordering::Relaxed);
        let copy = jar.fork();
        // Every cookie, the expired one included, with its times.
        assert_eq!(copy.all_cookies(), jar.all_cookies());
        assert_eq!(copy.len(), 4);
        assert_eq!(copy.changes(), 0);
        assert_eq!(events.load(Ordering::Relaxed), before);
        // The two change apart; the clock, limits and observer are shared.
        set(&copy, "https://a.example/", &["z=2", "b=2"]);
        assert!(events.load(Ordering::Relaxed) > before);
        assert_eq!(get(&copy, "https://a.example/x/"), "y=1; z=2; a=1; b=2");
        assert_eq!(get(&jar, "https://a.example/x/"), "y=1; z=1; a=1");
        clock.advance(100);
        set(&copy, "https://b.example/", &["c=1; Max-Age=50"]);
        assert_eq!(copy.len(), 4, "the limit of 4 is the copy's");
        clock.advance(60);
        assert_eq!(get(&copy, "https://b.example/"), "");
        // The policy is the current one, a replaced one too.
        let strict = CookieJar::with_policy(DefaultCookiePolicy::new());
        strict.set_policy(
            DefaultCookiePolicy::builder()
                .blocked_domains(["c.example"])
                .build(),
        );
        let fork = strict.fork();
        set(&fork, "https://c.example/", &["n=1"]);
        assert!(fork.is_empty());
    }

    /// A domain cookie of an IP address is the address's host-only
    /// cookie however it comes: from a header's `Domain`, a file's
    /// `.127.0.0.1 TRUE` line, or a cookie given whole (a review's case:
    /// the first version made only headers so, and a file's cookie then
    /// went beside the header's).
    #[test]
    fn an_address_domain_cookie_is_host_only_from_every_source() {
        let jar = CookieJar::new();
        let file = "# Netscape HTTP Cookie File\n.127.0.0.1\tTRUE\t/\tFALSE\t0\ta\tfile\n";
        let options = LoadOptions::new().session(format::Retain::Keep);
        jar.replace_all_from(file.as_bytes(), Format::Mozilla, &options)
            .unwrap();
        assert!(jar.all_cookies()[0].host_only());
        set(&jar, "http://127.0.0.1/", &["a=hdr; Domain=127.0.0.1"]);
        assert_eq!(get(&jar, "http://127.0.0.1/"), "a=hdr");
        let whole = Cookie::builder("a", "whole").domain(".127.0.0.1").build();
        jar.set_cookie(whole).unwrap();
        let host = Cookie::builder("__Host-h", "1")
            .domain("[::1]")
            .host_only(false)
            .secure(true)
            .path_specified(true)
            .build();
        jar.set_cookie(host).unwrap();
        assert_eq!(get(&jar, "http://127.0.0.1/"), "a=whole");
        assert_eq!(get(&jar, "https://[::1]/"), "__Host-h=1");
        assert!(jar.all_cookies().iter().all(Cookie::host_only));
        // A name ending in a digit is not an address.
        let named = Cookie::builder("n", "1")
            .domain(".x1")
            .build()
            .into_storable();
        assert!(named.is_ok_and(|c| !c.host_only()));
    }

    /// A fork taken while `set_policy` is between installing its policy
    /// and narrowing the cookies to it is narrowed too (a review's case).
    #[test]
    fn a_fork_during_set_policy_is_narrowed_to_the_new_policy() {
        use std::sync::{atomic::AtomicBool, Barrier};
        #[derive(Debug)]
        struct RefusesBad {
            first: AtomicBool,
            inside: Arc<Barrier>,
            go_on: Arc<Barrier>,
        }
        impl CookiePolicy for RefusesBad {
            fn set_ok(&self, _: &Cookie, _: &dyn Request) -> Result<(), Rejection> {
                Ok(())
            }
            fn return_ok(&self, _: &Cookie, _: &dyn Request) -> Result<(), Rejection> {
                Ok(())
            }
            fn whole_cookie_ok(&self, cookie: &Cookie) -> Result<(), Rejection> {
                if self.first.swap(false, Ordering::SeqCst) {
                    self.inside.wait();
                    self.go_on.wait();
                }
                match cookie.name() {
                    "bad" => Err(Rejection::Blocked),
                    _ => Ok(()),
                }
            }
        }
        let jar = Arc::new(CookieJar::new());
        set(&jar, "https://a.example/", &["bad=1", "good=1"]);
        let (inside, go_on) = (Arc::new(Barrier::new(2)), Arc::new(Barrier::new(2)));
        let policy = RefusesBad {
            first: AtomicBool::new(true),
            inside: Arc::clone(&inside),
            go_on: Arc::clone(&go_on),
        };
        let setter = {
            let jar = Arc::clone(&jar);
            std::thread::spawn(move || jar.set_policy(policy))
        };
        // The new policy is installed; the jar's cookies not narrowed yet.
        inside.wait();
        let fork = jar.fork();
        go_on.wait();
        assert_eq!(setter.join().unwrap(), 1);
        assert_eq!(get(&jar, "https://a.example/"), "good=1");
        assert_eq!(get(&fork, "https://a.example/"), "good=1");
        assert_eq!(fork.changes(), 0);
        // Once `set_policy` is done, a fork is the jar as it is, though
        // its policy was replaced: the jar holds a cookie the policy
        // would not load (set by a response, which `set_ok` judges).
        set(&jar, "https://a.example/", &["bad=2"]);
        let later = jar.fork();
        assert_eq!(get(&later, "https://a.example/"), "good=1; bad=2");
        assert_eq!(later.all_cookies(), jar.all_cookies());
        assert_eq!(later.changes(), 0);
    }

    #[test]
    fn set_policy_narrows_what_the_new_policy_would_not_load() {
        // A clock that stands still: the order of equal paths is the
        // creation order, which the system clock's second made flaky.
        let python = || {
            DefaultCookiePolicy::client_cookie()
                .public_suffixes(crate::PublicSuffixes::Off)
                .build()
        };
        let jar = CookieJar::builder()
            .policy(python())
            .clock(crate::ManualClock::new(1_700_000_000))
            .build();
        set(
            &jar,
            "http://www.example.co.uk/",
            &["wide=1; Domain=.co.uk", "site=1; Domain=.example.co.uk"],
        );
        set(&jar, "http://co.uk/", &["own=1"]);
        // ClientCookie's policy without a public suffix list, as Python's,
        // lets a public suffix's domain cookie go to every site under it
        // (and its host cookie, by Netscape's rules).
        assert_eq!(get(&jar, "http://victim.co.uk/"), "wide=1; own=1");
        assert_eq!(jar.set_policy(DefaultCookiePolicy::new()), 1);
        assert_eq!(get(&jar, "http://victim.co.uk/"), "");
        assert_eq!(get(&jar, "http://x.example.co.uk/"), "site=1");
        // Kept as the suffix host's own cookie, as a file load reads it.
        assert_eq!(get(&jar, "http://co.uk/"), "own=1; wide=1");
        let wide = jar.all_cookies().into_iter().find(|c| c.name() == "wide");
        assert!(wide.is_some_and(|c| c.host_only()));
        // Nothing more to narrow, and no change counted.
        let changes = jar.changes();
        assert_eq!(jar.set_policy(DefaultCookiePolicy::new()), 0);
        assert_eq!(jar.changes(), changes);
        // A suffix host's own cookie is not replaced by another site's
        // domain cookie of the same name made its own.
        let jar = CookieJar::with_policy(python());
        set(&jar, "http://co.uk/", &["sid=owner"]);
        set(&jar, "http://evil.co.uk/", &["sid=attacker; Domain=.co.uk"]);
        assert_eq!(jar.set_policy(DefaultCookiePolicy::new()), 1);
        assert_eq!(get(&jar, "http://co.uk/"), "sid=owner");
    }

    #[test]
    fn public_suffix_rules() {
        let (jar, _) = jar();
        set(
            &jar,
            "http://www.example.co.uk/",
            &["a=1; Domain=co.uk", "b=2; Domain=example.co.uk"],
        );
        assert_eq!(get(&jar, "http://x.example.co.uk/"), "b=2");
        // A Domain equal to a public-suffix host becomes host-only.
        set(&jar, "http://github.io/", &["c=3; Domain=github.io"]);
        assert_eq!(get(&jar, "http://github.io/"), "c=3");
        assert_eq!(get(&jar, "http://foo.github.io/"), "");
        // `*.customer-oci.com` makes `oci.customer-oci.com` a public
        // suffix, though `*.oci.customer-oci.com` also exists (the
        // `publicsuffix` crate's trie misses that one).
        set(
            &jar,
            "http://a.oci.customer-oci.com/",
            &[
                "d=4; Domain=oci.customer-oci.com",
                "e=5; Domain=a.oci.customer-oci.com",
            ],
        );
        assert_eq!(get(&jar, "http://b.oci.customer-oci.com/"), "");
        // The host is a public suffix too: its own cookie is host-only.
        assert_eq!(get(&jar, "http://a.oci.customer-oci.com/"), "e=5");
        // The same names, fully qualified (a trailing dot), are the same
        // public suffixes: no cookie across their sites either.
        set(
            &jar,
            "http://a.oci.customer-oci.com./",
            &["f=6; Domain=oci.customer-oci.com.", "g=7; Domain=co.uk."],
        );
        assert_eq!(get(&jar, "http://b.oci.customer-oci.com./"), "");
    }

    #[test]
    fn secure_rules() {
        let (jar, _) = jar();
        set(&jar, "http://h.com/", &["a=1; Secure"]);
        assert!(jar.is_empty());
        set(&jar, "https://h.com/", &["a=1; Secure"]);
        assert_eq!(get(&jar, "http://h.com/"), "");
        assert_eq!(get(&jar, "https://h.com/"), "a=1");
        // Leave secure cookies alone.
        set(&jar, "http://h.com/", &["a=2"]);
        set(&jar, "http://h.com/", &["a=2; Path=/deeper"]);
        assert_eq!(get(&jar, "https://h.com/deeper"), "a=1");
        set(&jar, "http://localhost/", &["s=1; Secure"]);
        assert_eq!(get(&jar, "http://localhost/"), "s=1");
    }

    #[test]
    fn ip_hosts_are_not_domain_matched() {
        let (jar, _) = jar();
        set(
            &jar,
            "http://1.2.3.4/",
            &["a=1", "b=1; Domain=3.4", "c=1; Domain=1.2.3.4"],
        );
        assert_eq!(get(&jar, "http://1.2.3.4/"), "a=1; c=1");
    }

    #[test]
    fn observer_sees_every_decision() {
        let (jar, _) = jar();
        let lines = ["a=1", "b=2; Domain=other.com", "c\x01=3"];
        let seen = events(&jar, "http://www.example.com/", lines);
        assert_eq!(
            seen,
            [
                "stored a",
                "rejected DomainMismatch",
                "rejected ControlCharacter"
            ]
        );
    }

    #[test]
    fn add_cookie_header_keeps_an_existing_header() {
        let (jar, _) = jar();
        set(&jar, "http://h.com/", &["a=1"]);
        let mut req = SimpleRequest::parse("http://h.com/").unwrap();
        req.set_header("Cookie", "mine=1".into());
        jar.add_cookie_header(&mut req);
        assert_eq!(req.header("Cookie"), Some("mine=1"));
        let mut req = SimpleRequest::parse("http://h.com/").unwrap();
        jar.add_cookie_header(&mut req);
        assert_eq!(req.header("Cookie"), Some("a=1"));
    }
}
