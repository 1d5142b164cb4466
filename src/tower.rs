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
//! A request whose URI is not
//! an absolute URL (a path alone, as a connection-level client sends)
//! goes out as it is, and its response stores nothing; wrap such a
//! client's requests with [`HttpRequest::with_url`] yourself.
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
}

impl<J> CookieLayer<J> {
    /// A layer over `jar`.
    pub fn new(jar: J) -> Self {
        CookieLayer { jar }
    }

    /// The jar.
    pub fn jar(&self) -> &J {
        &self.jar
    }
}

impl<S, J: Clone> tower_layer::Layer<S> for CookieLayer<J> {
    type Service = CookieService<S, J>;

    fn layer(&self, inner: S) -> CookieService<S, J> {
        CookieService::new(inner, self.jar.clone())
    }
}

/// The service of a [`CookieLayer`]: `inner`, with the jar's cookies
/// sent and stored.
#[derive(Debug, Clone)]
pub struct CookieService<S, J> {
    inner: S,
    jar: J,
}

impl<S, J> CookieService<S, J> {
    /// `inner`, with `jar`'s cookies sent and stored.
    pub fn new(inner: S, jar: J) -> Self {
        CookieService { inner, jar }
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
        // An absolute URI only: `Url` would read an authority alone
        // (`example.com:443`, a CONNECT's) as a scheme and a path.
        let uri = request.uri();
        let absolute = uri.scheme().is_some() && uri.authority().is_some();
        let url = Url::parse(&uri.to_string()).ok().filter(|_| absolute);
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
