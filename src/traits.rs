//! The small request and response traits the jar works over.
//!
//! The jar has no HTTP transport and depends on no HTTP crate. An HTTP
//! client plugs in by implementing [`Request`] for its request type and
//! [`Response`] for its response type (a few lines each); users without an
//! HTTP crate can use [`SimpleRequest`] and [`SimpleResponse`].
//!
//! These mirror the request and response objects ClientCookie and Python's
//! `http.cookiejar` expect (`get_full_url`, `is_unverifiable`,
//! `get_origin_req_host`, `has_header`, `add_unredirected_header`, and
//! `info().get_all`).

use std::fmt;

use url::Url;

/// What the jar needs to know about a request.
pub trait Request {
    /// The request URL.
    fn url(&self) -> &Url;

    /// Whether the request is unverifiable in the sense of RFC 2965 §3.3.6:
    /// the user had no chance to approve it (an image, a frame, a script's
    /// request). Default: `false`. It matters only to the
    /// `strict_ns_unverifiable` and `strict_rfc2965_unverifiable` switches
    /// of [`DefaultCookiePolicy`](crate::DefaultCookiePolicy), which then
    /// refuse the cookies of an unverifiable request to a third party
    /// (a host outside the reach of
    /// [`origin_request_host`](Self::origin_request_host)); the default
    /// policy ignores it (cross-site requests are told by the origin
    /// alone: see [`ThirdPartyCookies`](crate::ThirdPartyCookies)).
    ///
    /// Python's `urllib` marks each hop of a redirect unverifiable, with
    /// the first request's host as the origin. A client that follows
    /// redirects for the user (a navigation) should not: browsers treat
    /// every hop of a navigation as first-party, and marking them blocks
    /// the cookies of a login chain (`app.example` → `sso.idp.example`)
    /// under third-party blocking.
    fn is_unverifiable(&self) -> bool {
        false
    }

    /// The host of the origin transaction (RFC 2965 §3.3.6
    /// "request-host of the origin transaction"; RFC 6265bis §5.2 "site
    /// for cookies"): for a request made for a page (an image, a script's
    /// `fetch`), the host of the page shown at the top level. `None`
    /// means the request's own host, i.e. a first-party, same-site
    /// request, as for a navigation the user started (a typed URL, a
    /// bookmark) and the hops of its redirects that stayed on its site.
    /// Default: `None`.
    ///
    /// A request is cross-site when this host's site (registrable
    /// domain) is not the request host's. A port is allowed and ignored
    /// (`a.example:8443`, as a `Host` header gives it; Python compares
    /// the string as given, so there a port makes the request
    /// third-party). Given as an origin, with its
    /// scheme (`https://a.example`, as a page's `origin` serializes), the
    /// schemes count too, as in Chrome ("schemeful same-site": an
    /// `http://a.example` page's request to `https://a.example` is
    /// cross-site; `ws` and `wss` count as `http` and `https`); given as
    /// a host, they do not. White space around it is ignored, and so is
    /// a `/` after an origin (`https://a.example/`). A value that is
    /// neither (a URL with a longer path, a query, a user) counts as
    /// another site, as does `null` (give it for a frame whose ancestors
    /// are on another site: its "site for cookies" is opaque).
    ///
    /// A navigation that a page on another site started (a link, a form)
    /// gives that page's host here and says
    /// [`is_top_level_navigation`](Self::is_top_level_navigation) and its
    /// [`method`](Self::method). For the later hops of its redirects
    /// there are two readings:
    /// - RFC 6265bis §5.2: a request after a cross-site redirect is
    ///   cross-site. Give a host of a site the chain went through: an
    ///   `a.example` → `sso.idp.example` → `a.example` login chain then
    ///   comes back cross-site, and `SameSite=Strict` cookies stay home.
    /// - Chrome (its default: the redirect chain is not considered):
    ///   only the page that started the navigation counts. Give its host
    ///   on every hop, or `None` on every hop of a navigation the user
    ///   started, and the chain above carries `Strict` cookies home.
    ///
    /// Third-party blocking never blocks a top-level navigation, so such
    /// a chain keeps its cookies under it either way.
    ///
    /// Only policy switches act on it:
    /// [`ThirdPartyCookies::Block`](crate::ThirdPartyCookies::Block),
    /// [`SameSiteRules`](crate::SameSiteRules) other than `Ignore`, and
    /// the `strict_*_unverifiable` switches with
    /// [`is_unverifiable`](Self::is_unverifiable).
    fn origin_request_host(&self) -> Option<&str> {
        None
    }

    /// Whether the request navigates a top-level browsing context (RFC
    /// 6265bis §5.7 step 18 and §5.8.3): a page load in a window or tab,
    /// not a frame's, an image's or a script's request. Default: `false`.
    ///
    /// It matters only to a cross-site request (see
    /// [`origin_request_host`](Self::origin_request_host)). With
    /// [`SameSiteRules`](crate::SameSiteRules) enforced, the response
    /// to a cross-site top-level navigation may set any cookie, and the
    /// request carries `SameSite=Lax` cookies when its
    /// [`method`](Self::method) is safe; `SameSite=Strict` cookies go
    /// with same-site requests only. [`ThirdPartyCookies::Block`] never
    /// blocks a top-level navigation: the page it loads is the first
    /// party.
    ///
    /// [`ThirdPartyCookies::Block`]: crate::ThirdPartyCookies::Block
    fn is_top_level_navigation(&self) -> bool {
        false
    }

    /// The request method (RFC 9110 §9), compared case-sensitively. A
    /// cross-site top-level navigation carries `SameSite=Lax` cookies
    /// only with a safe method (RFC 9110 §9.2.1: `GET`, `HEAD`,
    /// `OPTIONS`, `TRACE`); after a redirect, the method of the current
    /// hop counts (a `303` turns a `POST` into a `GET`). Default: `None`,
    /// not known, which counts as unsafe: an implementation that says
    /// [`is_top_level_navigation`](Self::is_top_level_navigation) says
    /// its method too, or a cross-site `GET` navigation goes without its
    /// `Lax` cookies (never the other way: a forgotten method never lets
    /// a cross-site `POST` carry them).
    fn method(&self) -> Option<&str> {
        None
    }

    /// Whether the request already has a header of this name
    /// (case-insensitive).
    fn has_header(&self, name: &str) -> bool;

    /// Sets a header, replacing any of the same name. The jar sets
    /// `Cookie` (and `Cookie2`): the value has no CR, LF or NUL, but it
    /// may hold UTF-8 beyond ASCII and TABs (cookie values may), so an
    /// implementation over the `http` crate builds it with
    /// `HeaderValue::from_bytes(value.as_bytes())`, which takes them,
    /// not `HeaderValue::from_str`, which refuses them.
    fn set_header(&mut self, name: &str, value: String);

    /// Removes every header of this name (case-insensitive), for
    /// [`CookieJar::set_cookie_header`](crate::CookieJar::set_cookie_header)
    /// when no cookie applies to a request that carries a `Cookie` header
    /// (one copied from an earlier hop of a redirect).
    fn remove_header(&mut self, name: &str);
}

/// What the jar needs to know about a response.
pub trait Response {
    /// Calls `f` with the value of each header named `name`
    /// (case-insensitive), in the order they were received. A store
    /// calls it with the jar locked for writing from the first cookie
    /// on: it must not use the jar (a lookup would wait forever).
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8]));
}

/// A header value as `Debug` output shows it, with every cookie value
/// replaced by its length (cookies are often session credentials, and
/// requests and refusals get logged). The value is cut at every `;`,
/// quotes or not, and a part shows its name only if the name holds no
/// quote, comma or white space (which a value cut at a `;` may hold):
/// - in `Cookie`, every part is a cookie: its name shows, not its value;
/// - in `Set-Cookie`, the first part is the cookie; the others are
///   attributes, which show whole when known (`Path=/`, an `Expires`
///   date, `Secure`) unless their value holds a `=`, else as their name
///   (or their length, without a `=`);
/// - in `Set-Cookie2`, which lists cookies separated by commas, and for
///   a header whose name is not known (`strict`), the parts after the
///   first show their names only;
/// - other headers show as they are.
pub(crate) struct RedactedHeader<'a> {
    pub(crate) name: &'a str,
    pub(crate) value: &'a [u8],
}

/// Attributes whose values `Set-Cookie` `Debug` output shows.
const SHOWN_ATTRIBUTES: [&str; 14] = [
    "expires",
    "max-age",
    "domain",
    "path",
    "secure",
    "httponly",
    "samesite",
    "partitioned",
    "priority",
    "version",
    "port",
    "comment",
    "commenturl",
    "discard",
];

/// Attributes without a value that `Debug` output shows in any cookie
/// header.
const SHOWN_FLAGS: [&str; 4] = ["secure", "httponly", "partitioned", "discard"];

impl RedactedHeader<'_> {
    /// A `Set-Cookie` or `Set-Cookie2` line whose header name is not
    /// known: shown as a `Set-Cookie2` line, the stricter.
    pub(crate) fn strict(value: &[u8]) -> RedactedHeader<'_> {
        RedactedHeader {
            name: "set-cookie2",
            value,
        }
    }
}

impl fmt::Debug for RedactedHeader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[derive(PartialEq)]
        enum Kind {
            Cookie,
            SetCookie,
            SetCookie2,
        }
        let kind = match self.name.to_ascii_lowercase().as_str() {
            "cookie" => Kind::Cookie,
            "set-cookie" => Kind::SetCookie,
            "set-cookie2" => Kind::SetCookie2,
            _ => return fmt::Debug::fmt(&String::from_utf8_lossy(self.value), f),
        };
        let mut out = String::new();
        for (i, part) in self.value.split(|&b| b == b';').enumerate() {
            if i > 0 {
                out.push(';');
            }
            let start = part.len() - part.trim_ascii_start().len();
            let (space, part) = part.split_at(start);
            out.push_str(&String::from_utf8_lossy(space));
            let eq = part.iter().position(|&b| b == b'=');
            let name = &part[..eq.unwrap_or(part.len())];
            let word = String::from_utf8_lossy(name).trim().to_ascii_lowercase();
            let cookie = i == 0 || kind == Kind::Cookie;
            let shown = match (eq, cookie) {
                (None, false) => SHOWN_FLAGS.contains(&word.as_str()),
                (Some(i), false) if kind == Kind::SetCookie => {
                    SHOWN_ATTRIBUTES.contains(&word.as_str()) && !part[i + 1..].contains(&b'=')
                }
                _ => false,
            };
            match eq {
                _ if shown => out.push_str(&String::from_utf8_lossy(part)),
                Some(i)
                    if !name
                        .iter()
                        .any(|&b| b == b'"' || b == b',' || b.is_ascii_whitespace()) =>
                {
                    out.push_str(&String::from_utf8_lossy(name));
                    out.push_str(&format!("=<{} bytes>", part.len() - i - 1));
                }
                _ => out.push_str(&format!("<{} bytes>", part.len())),
            }
        }
        fmt::Debug::fmt(&out, f)
    }
}

/// Who a request is made for, as [`SimpleRequest`] and `HttpRequest` (the
/// `http` feature) keep it: the [`Request`] answers besides the URL, the
/// method and the headers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Context {
    pub(crate) unverifiable: bool,
    pub(crate) origin_request_host: Option<String>,
    pub(crate) top_level_navigation: bool,
}

/// The builder setters of a request type with a `context: Context` field.
macro_rules! context_setters {
    () => {
        /// Marks the request as unverifiable (or not); see
        /// [`Request::is_unverifiable`].
        #[must_use]
        pub fn with_unverifiable(mut self, unverifiable: bool) -> Self {
            self.context.unverifiable = unverifiable;
            self
        }

        /// Sets the host (or origin) of the page the request is made for;
        /// see [`Request::origin_request_host`].
        #[must_use]
        pub fn with_origin_request_host(mut self, host: impl Into<String>) -> Self {
            self.context.origin_request_host = Some(host.into());
            self
        }

        /// Marks the request as a top-level navigation (or not); see
        /// [`Request::is_top_level_navigation`].
        #[must_use]
        pub fn with_top_level_navigation(mut self, top_level: bool) -> Self {
            self.context.top_level_navigation = top_level;
            self
        }
    };
}

/// The [`Request`] answers a `context: Context` field gives.
macro_rules! context_answers {
    () => {
        fn is_unverifiable(&self) -> bool {
            self.context.unverifiable
        }

        fn origin_request_host(&self) -> Option<&str> {
            self.context.origin_request_host.as_deref()
        }

        fn is_top_level_navigation(&self) -> bool {
            self.context.top_level_navigation
        }
    };
}
#[cfg(feature = "http")]
pub(crate) use {context_answers, context_setters};

/// An owned request, for tests and for users without an HTTP crate.
/// `Debug` output redacts the values of its `Cookie` header.
#[derive(Clone)]
pub struct SimpleRequest {
    url: Url,
    context: Context,
    method: Option<String>,
    headers: Vec<(String, String)>,
}

impl SimpleRequest {
    /// The request with `context` (another request's).
    #[cfg(feature = "tower")]
    pub(crate) fn with_context(mut self, context: Context) -> Self {
        self.context = context;
        self
    }

    /// A first-party request for `url`, with no headers.
    pub fn new(url: Url) -> Self {
        SimpleRequest {
            url,
            context: Context::default(),
            method: None,
            headers: Vec::new(),
        }
    }

    /// An owned copy of what the jar reads from `request`: its URL,
    /// method, origin request host and flags, without its headers. Take
    /// it before the request moves into the transport, and hand it to
    /// [`CookieJar::extract_cookies`](crate::CookieJar::extract_cookies)
    /// with the response: the response to a cross-site request is then
    /// judged as one (a bare `SimpleRequest::new(url)` is first-party).
    pub fn from_request(request: &dyn Request) -> Self {
        SimpleRequest {
            url: request.url().clone(),
            context: Context {
                unverifiable: request.is_unverifiable(),
                origin_request_host: request.origin_request_host().map(str::to_owned),
                top_level_navigation: request.is_top_level_navigation(),
            },
            method: request.method().map(str::to_owned),
            headers: Vec::new(),
        }
    }

    /// Parses `url` and makes a request for it.
    ///
    /// # Errors
    /// When `url` is not a valid absolute URL, or is one without a host,
    /// to which no cookie goes ([`EmptyHost`](url::ParseError::EmptyHost)):
    /// `localhost:3000/login`, whose scheme a URL parser reads as
    /// `localhost`, or `file:///x`.
    ///
    /// ```
    /// use cookiejar::SimpleRequest;
    /// assert!(SimpleRequest::parse("http://localhost:3000/login").is_ok());
    /// assert_eq!(
    ///     SimpleRequest::parse("localhost:3000/login").unwrap_err(),
    ///     url::ParseError::EmptyHost
    /// );
    /// ```
    pub fn parse(url: &str) -> Result<Self, url::ParseError> {
        let url = Url::parse(url)?;
        if url.host().is_none() {
            return Err(url::ParseError::EmptyHost);
        }
        Ok(SimpleRequest::new(url))
    }

    context_setters!();

    /// Sets the request method (not known unless set, which counts as
    /// unsafe); see [`Request::method`].
    #[must_use]
    pub fn with_method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    /// The value of the first header named `name`, if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| name_eq(n, name))
            .map(|(_, v)| v.as_str())
    }

    /// Removes every header named `name` (case-insensitive).
    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !name_eq(n, name));
    }

    /// All headers, in order.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl Request for SimpleRequest {
    fn url(&self) -> &Url {
        &self.url
    }

    context_answers!();

    fn method(&self) -> Option<&str> {
        self.method.as_deref()
    }

    fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|(n, _)| !name_eq(n, name));
        self.headers.push((name.to_owned(), value));
    }

    fn remove_header(&mut self, name: &str) {
        SimpleRequest::remove_header(self, name);
    }
}

/// Whether two header names are equal ignoring ASCII case (RFC 9110
/// §5.1). Compares the XOR of each pair of bytes: zero, or only the case
/// bit of a letter. About half the cost of `str::eq_ignore_ascii_case`,
/// which lowercases both sides byte by byte, on the path every stored
/// cookie takes.
fn name_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().zip(b.bytes()).all(|(x, y)| {
            let d = x ^ y;
            d == 0 || (d == 0x20 && (x | 0x20).wrapping_sub(b'a') < 26)
        })
}

/// An owned response: a list of headers. `Debug` output redacts the
/// values of the cookies its `Set-Cookie` headers set.
#[derive(Clone, Default)]
pub struct SimpleResponse {
    headers: Vec<(String, Vec<u8>)>,
}

impl fmt::Debug for SimpleResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers = self.headers.iter().map(|(name, value)| {
            let shown = RedactedHeader { name, value };
            (name, shown)
        });
        f.debug_struct("SimpleResponse")
            .field("headers", &DebugList(headers))
            .finish()
    }
}

impl fmt::Debug for SimpleRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers = self.headers.iter().map(|(name, value)| {
            let shown = RedactedHeader {
                name,
                value: value.as_bytes(),
            };
            (name, shown)
        });
        f.debug_struct("SimpleRequest")
            .field("url", &self.url.as_str())
            .field("unverifiable", &self.context.unverifiable)
            .field("origin_request_host", &self.context.origin_request_host)
            .field("top_level_navigation", &self.context.top_level_navigation)
            .field("method", &Request::method(self))
            .field("headers", &DebugList(headers))
            .finish()
    }
}

/// Shows the items of an iterator (cloned) as a list.
struct DebugList<I>(I);

impl<I: Iterator<Item = T> + Clone, T: fmt::Debug> fmt::Debug for DebugList<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.clone()).finish()
    }
}

impl SimpleResponse {
    /// A response with no headers.
    pub fn new() -> Self {
        SimpleResponse::default()
    }

    /// Adds a header (builder style).
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<Vec<u8>>) -> Self {
        self.add_header(name, value);
        self
    }

    /// Adds a header.
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<Vec<u8>>) {
        self.headers.push((name.into(), value.into()));
    }

    /// A response carrying one `Set-Cookie` header per item.
    pub fn with_set_cookies<I, S>(lines: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Vec<u8>>,
    {
        let mut r = SimpleResponse::new();
        for l in lines {
            r.add_header("Set-Cookie", l);
        }
        r
    }
}

impl Response for SimpleResponse {
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        for (n, v) in &self.headers {
            if name_eq(n, name) {
                f(v);
            }
        }
    }
}

impl<T: Request + ?Sized> Request for &mut T {
    fn url(&self) -> &Url {
        (**self).url()
    }
    fn is_unverifiable(&self) -> bool {
        (**self).is_unverifiable()
    }
    fn origin_request_host(&self) -> Option<&str> {
        (**self).origin_request_host()
    }
    fn is_top_level_navigation(&self) -> bool {
        (**self).is_top_level_navigation()
    }
    fn method(&self) -> Option<&str> {
        (**self).method()
    }
    fn has_header(&self, name: &str) -> bool {
        (**self).has_header(name)
    }
    fn set_header(&mut self, name: &str, value: String) {
        (**self).set_header(name, value)
    }
    fn remove_header(&mut self, name: &str) {
        (**self).remove_header(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_eq_is_ascii_case_insensitive_equality() {
        let chars: Vec<String> = (0u8..128)
            .map(|b| char::from(b).to_string())
            .chain(["é", "É", "ß", "ſ", "K"].map(String::from))
            .collect();
        for a in &chars {
            for b in &chars {
                assert_eq!(name_eq(a, b), a.eq_ignore_ascii_case(b), "{a:?} {b:?}");
            }
        }
        assert!(name_eq("Set-Cookie", "set-cookie"));
        assert!(!name_eq("Set-Cookie", "set-cookie2"));
        assert!(!name_eq("Set-Cookie", "Set-Cookie "));
        assert!(!name_eq("Set_Cookie", "Set\x7fCookie"));
    }

    /// `Debug` shows cookie names and attributes, never cookie values,
    /// whatever quotes, commas or odd names the header holds.
    #[test]
    fn debug_redacts_cookie_values() {
        let mut req = SimpleRequest::parse("https://example.com/").unwrap();
        req.set_header(
            "Cookie",
            "sid=TOPSECRET4; lang=en; bare, $Version=1; k=\"TOP;SECRET\"; $sid=SECRET; \"SECRET; b=2"
                .into(),
        );
        req.set_header("Accept", "text/html".into());
        let shown = format!("{req:?}");
        assert!(
            !shown.contains("SECRET") && !shown.contains("=en"),
            "{shown}"
        );
        assert!(
            shown.contains(
                r#""sid=<10 bytes>; lang=<2 bytes>; <16 bytes>; k=<4 bytes>;<7 bytes>; $sid=<6 bytes>; <7 bytes>; b=<1 bytes>""#
            ),
            "{shown}"
        );
        assert!(shown.contains("text/html"), "{shown}");
        let resp = SimpleResponse::with_set_cookies([
            "sid=TOPSECRET4; Path=/; Secure; Expires=Wed, 21 Oct 2037 07:28:00 GMT",
            "TOPSECRET; X-Odd=TOPSECRET; HttpOnly",
            "q=\"TOP;SECRET\"; Domain=example.com",
            "\"SECRET;x\"=1",
            "a=1; Domain=.x, b=SECRET",
        ])
        .with_header(
            "Set-Cookie2",
            "k=\"TOP;SECRET\"; Version=1, b=SECRET; Port=\"80,8080\"",
        )
        .with_header(
            "Set-Cookie2",
            "a=1; Version=1, ; path=SECRET; Comment=x\"y, s=SECRET",
        );
        let shown = format!("{resp:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(
            shown.contains("sid=<10 bytes>; Path=/; Secure; Expires=Wed, 21 Oct 2037 07:28:00 GMT"),
            "{shown}"
        );
        assert!(
            shown.contains("<9 bytes>; X-Odd=<9 bytes>; HttpOnly"),
            "{shown}"
        );
        assert!(shown.contains("a=<1 bytes>; Domain=<12 bytes>"), "{shown}");
        for part in [
            "a=<1 bytes>; Version=<3 bytes>; path=<6 bytes>",
            "q=<4 bytes>;<7 bytes>; Domain=example.com",
            "k=<4 bytes>;<7 bytes>; Version=<11 bytes>; Port=<9 bytes>",
        ] {
            assert!(shown.contains(part), "{part} in {shown}");
        }
    }
}
