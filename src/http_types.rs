//! The jar's [`Request`] and [`Response`] over the `http` crate's types
//! (the `http` feature), which hyper, ureq 3, reqwest and most Rust HTTP
//! stacks share.
//!
//! [`HttpRequest`] wraps an `http::Request` with its URL, parsed once
//! from its URI; `http::Response`, its `Parts` and an `http::HeaderMap`
//! are [`Response`]s as they are.

use std::fmt;

use http::header::{HeaderName, HeaderValue};
use url::Url;

use crate::traits::{context_answers, context_setters, Context};
use crate::{Request, Response};

/// The page an `http::Request` is made for, kept in its extensions
/// (`request.extensions_mut().insert(..)`): what the jar needs to judge a
/// cross-site request (RFC 6265bis §5.8.3's `SameSite` checks, a
/// policy's third-party blocking), which the request itself does not
/// say. [`HttpRequest::new`] and [`HttpRequest::with_url`] read it, and
/// so the `tower` feature's `CookieLayer` does; without it a request is
/// first-party, a top-level navigation or not as the jar's `Request`
/// defaults say.
///
/// **It changes nothing under the default policy**, which, as an HTTP
/// client's, sends every matching cookie: give the jar a policy that
/// enforces `SameSite`
/// ([`DefaultCookiePolicyBuilder::same_site`](crate::DefaultCookiePolicyBuilder::same_site),
/// as below) or blocks third-party cookies
/// ([`third_party`](crate::DefaultCookiePolicyBuilder::third_party)).
///
/// ```
/// use cookiejar::{CookieContext, CookieJar, DefaultCookiePolicy, HttpRequest, SameSiteRules};
/// let jar = CookieJar::with_policy(
///     DefaultCookiePolicy::builder().same_site(SameSiteRules::LaxByDefault).build(),
/// );
/// let url = url::Url::parse("https://shop.example/").unwrap();
/// jar.set_cookies_from_headers(&url, ["sid=1; SameSite=Lax", "any=1; SameSite=None; Secure"]);
/// // An image on another site's page: a cross-site subresource request.
/// let mut image = http::Request::get("https://shop.example/pixel.gif").body(()).unwrap();
/// image.extensions_mut().insert(CookieContext::from_page("news.example"));
/// jar.set_cookie_header(&mut HttpRequest::new(&mut image).unwrap());
/// assert_eq!(image.headers()["cookie"], "any=1");
/// ```
#[derive(Clone, Debug, Default)]
pub struct CookieContext(Context);

impl CookieContext {
    /// A request made for a page of `host` (or origin,
    /// `https://news.example`: a scheme that differs makes another site);
    /// see [`Request::origin_request_host`].
    pub fn from_page(host: impl Into<String>) -> Self {
        CookieContext(Context {
            origin_request_host: Some(host.into()),
            ..Context::default()
        })
    }

    /// Marks the request as a top-level navigation (or not); see
    /// [`Request::is_top_level_navigation`].
    #[must_use]
    pub fn with_top_level_navigation(mut self, top_level: bool) -> Self {
        self.0.top_level_navigation = top_level;
        self
    }

    /// Marks the request as unverifiable (or not); see
    /// [`Request::is_unverifiable`].
    #[must_use]
    pub fn with_unverifiable(mut self, unverifiable: bool) -> Self {
        self.0.unverifiable = unverifiable;
        self
    }
}

/// An `http::Request` as the jar's [`Request`]: the request, borrowed
/// mutably so that the jar can set its `Cookie` header, and its URL. The
/// method is the request's; the origin request host and the top-level
/// navigation flag are the [`CookieContext`] in its extensions, or the
/// caller's to give (a first-party request unless given).
///
/// The `Cookie` header the jar sets is marked sensitive: hidden from the
/// header's `Debug` output and never indexed by HTTP/2 and HTTP/3 header
/// compression (RFC 7541 §7.1.3).
///
/// ```
/// use cookiejar::{CookieJar, HttpRequest, SimpleRequest};
///
/// let jar = CookieJar::new();
/// // A response a client received for https://a.example/login.
/// let response = http::Response::builder()
///     .header("set-cookie", "sid=1; Secure; HttpOnly")
///     .body(())
///     .unwrap();
/// let url = url::Url::parse("https://a.example/login").unwrap();
/// jar.extract_cookies(&response, &SimpleRequest::new(url));
///
/// // The next request, before it is sent.
/// let mut next = http::Request::get("https://a.example/home").body(()).unwrap();
/// jar.set_cookie_header(&mut HttpRequest::new(&mut next).unwrap());
/// assert_eq!(next.headers()["cookie"], "sid=1");
/// ```
pub struct HttpRequest<'a, B> {
    inner: &'a mut http::Request<B>,
    url: Url,
    context: Context,
}

impl<'a, B> HttpRequest<'a, B> {
    /// Wraps `request`, parsing its URI as a URL.
    ///
    /// # Errors
    /// When the URI is not an absolute URL with a host:
    /// [`RelativeUrlWithoutBase`](url::ParseError::RelativeUrlWithoutBase)
    /// for one without a scheme and authority (`/path` alone, as an
    /// in-process test or hyper's connection-level client sends: see
    /// [`with_url`](Self::with_url); or `localhost:3000`, which a URL
    /// parser would read as the scheme `localhost`),
    /// [`EmptyHost`](url::ParseError::EmptyHost) for a URL without a host
    /// (`file:///x`), which no cookie goes to.
    ///
    /// ```
    /// let mut path_only = http::Request::get("/login").body(()).unwrap();
    /// assert!(cookiejar::HttpRequest::new(&mut path_only).is_err());
    /// let mut no_scheme = http::Request::get("localhost:3000").body(()).unwrap();
    /// assert!(cookiejar::HttpRequest::new(&mut no_scheme).is_err());
    /// ```
    pub fn new(request: &'a mut http::Request<B>) -> Result<Self, url::ParseError> {
        let uri = request.uri();
        if uri.scheme().is_none() || uri.authority().is_none() {
            return Err(url::ParseError::RelativeUrlWithoutBase);
        }
        let url = Url::parse(&uri.to_string())?;
        if url.host().is_none() {
            return Err(url::ParseError::EmptyHost);
        }
        Ok(HttpRequest::with_url(request, url))
    }

    /// Wraps `request` with its URL given: for a request whose URI is a
    /// path alone (as hyper's connection-level client sends them, with
    /// a `Host` header), `url` is the whole URL it goes to. A
    /// [`CookieContext`] in the request's extensions is its context.
    pub fn with_url(request: &'a mut http::Request<B>, url: Url) -> Self {
        let context = request
            .extensions()
            .get::<CookieContext>()
            .map(|c| c.0.clone())
            .unwrap_or_default();
        HttpRequest {
            inner: request,
            url,
            context,
        }
    }

    /// The request's context (for the `tower` layer's store of the
    /// response's cookies).
    #[cfg(feature = "tower")]
    pub(crate) fn context(&self) -> &Context {
        &self.context
    }

    context_setters!();

    /// The wrapped request.
    pub fn get_ref(&self) -> &http::Request<B> {
        self.inner
    }

    /// The wrapped request, mutably.
    pub fn get_mut(&mut self) -> &mut http::Request<B> {
        self.inner
    }

    /// The wrapped request, for the rest of its borrow.
    pub fn into_inner(self) -> &'a mut http::Request<B> {
        self.inner
    }

    /// The request's URL, unwrapped.
    pub fn into_url(self) -> Url {
        self.url
    }
}

impl<B> fmt::Debug for HttpRequest<'_, B> {
    /// The URL, method and flags; not the headers (the `Cookie` header
    /// the jar sets is sensitive, and shows as such in the request's own
    /// `Debug` output).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", self.inner.method())
            .field("url", &self.url.as_str())
            .field("origin_request_host", &self.context.origin_request_host)
            .field("top_level_navigation", &self.context.top_level_navigation)
            .field("unverifiable", &self.context.unverifiable)
            .finish_non_exhaustive()
    }
}

impl<B> Request for HttpRequest<'_, B> {
    fn url(&self) -> &Url {
        &self.url
    }

    context_answers!();

    fn method(&self) -> Option<&str> {
        Some(self.inner.method().as_str())
    }

    fn has_header(&self, name: &str) -> bool {
        self.inner.headers().contains_key(name)
    }

    /// Sets the header from the value's bytes (`HeaderValue::from_bytes`:
    /// a cookie value may hold UTF-8 beyond ASCII), marked sensitive. A
    /// name or value that `http` refuses (the jar writes none) leaves the
    /// request as it was.
    fn set_header(&mut self, name: &str, value: String) {
        let (Ok(name), Ok(mut value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) else {
            return;
        };
        value.set_sensitive(true);
        self.inner.headers_mut().insert(name, value);
    }

    fn remove_header(&mut self, name: &str) {
        self.inner.headers_mut().remove(name);
    }
}

impl Response for http::HeaderMap {
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        for value in self.get_all(name) {
            f(value.as_bytes());
        }
    }
}

impl<B> Response for http::Response<B> {
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        self.headers().for_each_header(name, f);
    }
}

impl Response for http::response::Parts {
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        self.headers.for_each_header(name, f);
    }
}
