//! A [tower] layer for HTTP clients built from services, such as hyper's
//! (`hyper_util::client::legacy::Client`) under `tower-http`'s
//! `FollowRedirect` (the `tower` feature).
//!
//! [`CookieLayer`] wraps a service of `http::Request`s and
//! `http::Response`s: before each request goes out it sets the request's
//! `Cookie` header to the jar's cookies for its URL (RFC 6265bis §5.8.3,
//! as [`CookieJar::set_cookie_header`]), and when the response comes
//! back it stores the cookies the response sets (RFC 6265bis §5.7, as
//! [`CookieJar::extract_cookies`]). The jar is shared: an
//! `Arc<CookieJar>`, an `Arc<FileCookieJar>` (keep a clone to
//! [`save`](crate::FileCookieJar::save) it), or a `&'static CookieJar`.
//!
//! **Put the layer inside the redirect layer**, so that it sees each hop
//! of a redirect, with that hop's URL: the cookies a `302` sets are then
//! stored, and each hop carries the cookies of its own host only.
//! `tower-http`'s `FollowRedirect` rebuilds each hop from the headers the
//! request had before the layers inside it ran, so the `Cookie` header
//! this layer sets is never carried to another host; a `Cookie` header
//! set by hand is replaced on every request (the jar owns the header).
//!
//! ```no_run
//! use std::sync::Arc;
//!
//! use cookiejar::{tower::CookieLayer, CookieJar};
//! use http_body_util::Empty;
//! use hyper_util::{client::legacy::Client, rt::TokioExecutor};
//! use tower::{Service, ServiceBuilder, ServiceExt};
//! use tower_http::follow_redirect::FollowRedirectLayer;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let jar = Arc::new(CookieJar::new());
//! let client = Client::builder(TokioExecutor::new()).build_http::<Empty<bytes::Bytes>>();
//! let mut client = ServiceBuilder::new()
//!     .layer(FollowRedirectLayer::new())
//!     .layer(CookieLayer::new(Arc::clone(&jar)))
//!     .service(client);
//!
//! let request = http::Request::get("http://example.com/login").body(Empty::new())?;
//! let response = client.ready().await?.call(request).await?;
//! // The cookies of every hop are in `jar`.
//! # Ok(()) }
//! ```
//!
//! A request is a first-party one, as for reqwest's store, unless a
//! [`CookieContext`](crate::CookieContext) in its extensions says which
//! page it is for: then `SameSite` and a policy's third-party blocking
//! judge it (and the cookies its response sets) as a browser would.
//! `tower-http`'s `FollowRedirect` builds each hop after the first anew,
//! without the first request's extensions: those hops are first-party
//! unless its redirect policy's `on_request` inserts the context again.
//! A request whose URI is a path alone (as a connection-level client
//! sends, or an in-process test of a server: axum's
//! `Router::oneshot(Request::get("/login"))`) has no URL of its own:
//! [`CookieLayer::with_base_url`] gives the scheme, host and port of
//! such requests (not its path: the request's path is the URL's). A
//! `Host` header naming the base's host or a subdomain of it (a
//! tenant's `acme.app.test` under `app.test`) gives the host instead, as
//! it does for the server; one naming another host makes the request
//! one with no URL, so that no `Host` header takes another site's
//! cookies or stores cookies for it. A request with no URL goes out as
//! it is, and its response stores nothing (a warning is logged through
//! `log` for a path-only one); so does any request whose URI is an
//! authority alone (a `CONNECT`'s) or `*`.
//!
//! ```
//! use std::sync::Arc;
//!
//! use cookiejar::{tower::CookieLayer, CookieJar};
//! use tower::{Layer, ServiceExt};
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! // A server under test, called in-process: it sets a session cookie.
//! let app = tower::service_fn(|_request: http::Request<()>| async {
//!     let response = http::Response::builder()
//!         .header("set-cookie", "sid=1; Secure; HttpOnly")
//!         .body(())
//!         .unwrap();
//!     Ok::<_, std::convert::Infallible>(response)
//! });
//! let jar = Arc::new(CookieJar::new());
//! let base = url::Url::parse("https://app.test/").unwrap();
//! let client = CookieLayer::new(Arc::clone(&jar)).with_base_url(base).layer(app);
//! let login = http::Request::post("/login").body(()).unwrap();
//! client.oneshot(login).await.unwrap();
//! let url = url::Url::parse("https://app.test/account").unwrap();
//! assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("sid=1"));
//! # });
//! ```
//!
//! [tower]: https://docs.rs/tower
//! [`HttpRequest::with_url`]: crate::HttpRequest::with_url

use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;
use std::task::{Context, Poll};

use url::Url;

use crate::{CookieJar, HttpRequest, Request as _, SimpleRequest};

/// A `tower` layer that gives every request the jar's `Cookie` header and
/// stores the cookies of every response: see the [module docs](self).
///
/// `J` is how the layer holds the jar: anything that derefs to a
/// [`CookieJar`] or a [`FileCookieJar`](crate::FileCookieJar), and that
/// each service clones (an `Arc`, or a `&'static` jar).
#[derive(Debug, Clone)]
pub struct CookieLayer<J> {
    jar: J,
    base: Option<Url>,
}

impl<J> CookieLayer<J> {
    /// A layer over `jar`.
    pub fn new(jar: J) -> Self {
        CookieLayer { jar, base: None }
    }

    /// The URL that requests whose URI is a path alone are made to:
    /// its scheme, and its host and port unless the request has a
    /// `Host` header naming the base's host or a subdomain of it; its
    /// path is not used (see the [module docs](self)). For in-process
    /// tests of a server, and connection-level clients.
    pub fn with_base_url(mut self, base: Url) -> Self {
        self.base = Some(base);
        self
    }

    /// The jar.
    pub fn jar(&self) -> &J {
        &self.jar
    }
}

impl<S, J: Clone> tower_layer::Layer<S> for CookieLayer<J> {
    type Service = CookieService<S, J>;

    fn layer(&self, inner: S) -> CookieService<S, J> {
        CookieService {
            inner,
            jar: self.jar.clone(),
            base: self.base.clone(),
        }
    }
}

/// The service of a [`CookieLayer`]: `inner`, with the jar's cookies
/// sent and stored.
#[derive(Debug, Clone)]
pub struct CookieService<S, J> {
    inner: S,
    jar: J,
    base: Option<Url>,
}

impl<S, J> CookieService<S, J> {
    /// `inner`, with `jar`'s cookies sent and stored.
    pub fn new(inner: S, jar: J) -> Self {
        CookieService {
            inner,
            jar,
            base: None,
        }
    }

    /// As [`CookieLayer::with_base_url`].
    pub fn with_base_url(mut self, base: Url) -> Self {
        self.base = Some(base);
        self
    }

    /// The jar.
    pub fn jar(&self) -> &J {
        &self.jar
    }

    /// The wrapped service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The wrapped service, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// The wrapped service, unwrapped.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, J, ReqBody, ResBody> tower_service::Service<http::Request<ReqBody>> for CookieService<S, J>
where
    S: tower_service::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    J: Deref + Clone,
    J::Target: AsRef<CookieJar>,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, J>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    /// Sets the request's `Cookie` header (RFC 6265bis §5.8.3), replacing
    /// any it has and removing it when no cookie applies, and calls the
    /// inner service; the future stores the response's cookies.
    fn call(&mut self, mut request: http::Request<ReqBody>) -> Self::Future {
        let jar: &CookieJar = (*self.jar).as_ref();
        let url = request_url(&request, self.base.as_ref());
        let uri = request.uri();
        if url.is_none() && uri.scheme().is_none() && uri.path().starts_with('/') {
            log::warn!(
                "cookiejar: request to the path {uri} has no URL (no base URL given, or a Host \
                 header that is invalid or names a host outside the base's): no cookies sent, \
                 none stored"
            );
        }
        let store = match url {
            Some(url) => {
                let method = request.method().as_str().to_owned();
                // A `CookieContext` in its extensions says whose page
                // the request is for; the response's cookies are stored
                // in that context too (§5.7 step 18).
                let mut wrapped = HttpRequest::with_url(&mut request, url);
                jar.set_cookie_header(&mut wrapped);
                let context = wrapped.context().clone();
                let request = SimpleRequest::new(wrapped.into_url())
                    .with_method(method)
                    .with_context(context);
                Some((self.jar.clone(), request))
            }
            None => None,
        };
        ResponseFuture {
            inner: self.inner.call(request),
            store,
        }
    }
}

/// The URL of `request`: its URI if absolute; for a path alone (origin
/// form), `base`'s scheme with the `Host` header's host (or `base`'s),
/// and the path. `None` for anything else: an authority alone (a
/// `CONNECT`'s, which `Url` would read as a scheme and a path), `*`, a
/// path without a base, or a `Host` header that is invalid or names a
/// host that is not `base`'s or below it.
fn request_url<B>(request: &http::Request<B>, base: Option<&Url>) -> Option<Url> {
    let uri = request.uri();
    let url = match (uri.scheme(), uri.authority(), base) {
        (Some(_), Some(_), _) => Url::parse(&uri.to_string()).ok()?,
        (None, None, Some(base)) => {
            let path = uri.path_and_query()?.as_str();
            if !path.starts_with('/') {
                return None;
            }
            let authority = match request.headers().get(http::header::HOST) {
                Some(host) => {
                    let host = host.to_str().ok()?;
                    // An authority alone: no user, no path.
                    let parsed: http::uri::Authority = host.parse().ok()?;
                    if parsed.as_str().contains('@') {
                        return None;
                    }
                    host
                }
                None => &base[url::Position::BeforeHost..url::Position::AfterPort],
            };
            let url = Url::parse(&format!("{}://{authority}{path}", base.scheme())).ok()?;
            // The base's host or below it: the connection goes there.
            let (host, base_host) = (url.host_str()?, base.host_str()?);
            if !crate::domain_match(host, base_host) {
                return None;
            }
            url
        }
        _ => return None,
    };
    url.host().is_some().then_some(url)
}

pin_project_lite::pin_project! {
    /// The future of a [`CookieService`] call: the inner service's
    /// response, whose cookies are stored in the jar once it is ready.
    /// It holds the inner future in place, unboxed: it is `Unpin` when
    /// that future is (as `tower-http`'s futures are).
    pub struct ResponseFuture<F, J> {
        #[pin]
        inner: F,
        // The jar and the request the response answers; `None` once
        // stored, or for a request whose URL was not known.
        store: Option<(J, SimpleRequest)>,
    }
}

impl<F, J> fmt::Debug for ResponseFuture<F, J> {
    /// The request's URL, not the future or the jar.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self.store.as_ref().map(|(_, r)| r.url().as_str());
        f.debug_struct("ResponseFuture")
            .field("url", &url)
            .finish_non_exhaustive()
    }
}

impl<F, J, B, E> Future for ResponseFuture<F, J>
where
    F: Future<Output = Result<http::Response<B>, E>>,
    J: Deref,
    J::Target: AsRef<CookieJar>,
{
    type Output = Result<http::Response<B>, E>;

    /// The inner future's output; a response's `Set-Cookie` headers are
    /// stored first (RFC 6265bis §5.7), with the URL of the request it
    /// answers.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let output = match this.inner.poll(cx) {
            Poll::Ready(output) => output,
            Poll::Pending => return Poll::Pending,
        };
        if let (Ok(response), Some((jar, request))) = (&output, this.store.take()) {
            (*jar).as_ref().extract_cookies(response, &request);
        }
        Poll::Ready(output)
    }
}
