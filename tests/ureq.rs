//! A ureq 3 agent with a jar, through the `http` feature, against a local
//! HTTP server: each hop of a redirect chain followed by hand, as the
//! README's recipe (and `examples/ureq_crawler.rs`) does it; and the trap
//! the recipe avoids, ureq's own redirect following, which hides the
//! cookies a `302` sets from a middleware.
#![cfg(feature = "http")]

#[path = "support/server.rs"]
mod server;

use std::sync::Arc;

use cookiejar::{CookieJar, HttpRequest, SimpleRequest};
use ureq::middleware::MiddlewareNext;
use ureq::{Agent, Body, SendBody};
use url::Url;

/// An agent that follows no redirect and sees no proxy.
fn agent(config: ureq::config::ConfigBuilder<ureq::typestate::AgentScope>) -> Agent {
    config
        .proxy(None)
        .http_status_as_error(false)
        .build()
        .into()
}

/// Fetches `url` through `jar`, following up to five redirects by hand:
/// before each hop the jar writes its `Cookie` header, after it the jar
/// stores the response's cookies, with the request as it was sent.
fn fetch(agent: &Agent, jar: &CookieJar, url: &str) -> http::StatusCode {
    let mut url = Url::parse(url).unwrap();
    for _ in 0..5 {
        let mut request = http::Request::get(url.as_str()).body(()).unwrap();
        let sent = {
            let mut wrapped = HttpRequest::with_url(&mut request, url.clone());
            jar.set_cookie_header(&mut wrapped);
            SimpleRequest::from_request(&wrapped)
        };
        let response = agent.run(request).unwrap();
        jar.extract_cookies(&response, &sent);
        let status = response.status();
        let location = response.headers().get(http::header::LOCATION).cloned();
        match location.and_then(|l| url.join(l.to_str().ok()?).ok()) {
            Some(next) if status.is_redirection() => url = next,
            _ => return status,
        }
    }
    panic!("more than five redirects from {url}");
}

/// Hop by hop, the login's `302` cookies go with the redirect and later
/// requests, UTF-8 beyond ASCII included; a redirect to another host
/// carries none.
#[test]
fn a_ureq_agent_with_a_jar_hop_by_hop() {
    let (port, seen, server) = server::serve(4);
    let jar = CookieJar::new();
    let agent = agent(Agent::config_builder().max_redirects(0));
    let base = format!("http://127.0.0.1:{port}");
    assert!(fetch(&agent, &jar, &format!("{base}/login")).is_success());
    assert!(fetch(&agent, &jar, &format!("{base}/away")).is_success());
    server.join().unwrap();
    server::assert_login_then_away(&seen);
    assert_eq!(jar.len(), 2);
}

/// A jar as a ureq middleware.
struct Middleware(Arc<CookieJar>);

impl ureq::middleware::Middleware for Middleware {
    fn handle(
        &self,
        mut request: http::Request<SendBody>,
        next: MiddlewareNext,
    ) -> Result<http::Response<Body>, ureq::Error> {
        let sent = {
            let mut wrapped = HttpRequest::new(&mut request).unwrap();
            self.0.set_cookie_header(&mut wrapped);
            SimpleRequest::from_request(&wrapped)
        };
        let response = next.handle(request)?;
        self.0.extract_cookies(&response, &sent);
        Ok(response)
    }
}

/// The README's warning, checked against the ureq in `Cargo.lock`: when
/// ureq follows a redirect itself, a middleware sees the first request
/// and the last response only, so the cookies of the `302` are lost and
/// the next hop goes without them. If this starts failing, ureq has
/// changed, and the README's ureq recipe should say so.
#[test]
fn ureq_following_redirects_itself_hides_the_302s_cookies() {
    let (port, seen, server) = server::serve(2);
    let jar = Arc::new(CookieJar::new());
    let agent = agent(Agent::config_builder().middleware(Middleware(Arc::clone(&jar))));
    let response = agent.get(format!("http://127.0.0.1:{port}/login")).call();
    assert!(response.unwrap().status().is_success());
    server.join().unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [("/login".to_owned(), None), ("/home".to_owned(), None)]
    );
    assert_eq!(jar.len(), 0);
}
