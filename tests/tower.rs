//! The `tower` feature: `CookieLayer` inside tower-http's `FollowRedirect`
//! over hyper's client against a local server, and over a service that
//! answers without a network.
#![cfg(feature = "tower")]

#[path = "support/server.rs"]
mod server;

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use cookiejar::tower::CookieLayer;
use cookiejar::{
    CookieContext, CookieJar, DefaultCookiePolicy, FileCookieJar, Retain, SameSiteRules,
    SaveOptions,
};
use http_body_util::Empty;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tower::{Layer, Service, ServiceBuilder, ServiceExt};
use tower_http::follow_redirect::FollowRedirectLayer;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Each hop of a redirect goes through the layer: the cookies a `302`
/// sets go with the next hop and later requests, UTF-8 beyond ASCII
/// included; a redirect to another host carries none; a `Cookie` header
/// set by hand, which `FollowRedirect` replays on each hop, is replaced.
#[test]
fn hyper_under_follow_redirect_sends_and_stores_on_each_hop() {
    let (port, seen, server) = server::serve(4);
    let jar = Arc::new(CookieJar::new());
    runtime().block_on(async {
        let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
        let mut client = ServiceBuilder::new()
            .layer(FollowRedirectLayer::new())
            .layer(CookieLayer::new(Arc::clone(&jar)))
            .service(client);
        for path in ["/login", "/away"] {
            let request = http::Request::get(format!("http://127.0.0.1:{port}{path}"))
                .header("cookie", "byhand=1")
                .body(Empty::new())
                .unwrap();
            let response = client.ready().await.unwrap().call(request).await.unwrap();
            assert_eq!(response.status(), 200);
        }
    });
    server.join().unwrap();
    server::assert_login_then_away(&seen);
    assert_eq!(jar.len(), 2);
}

/// What a request reached the inner service with: its URI, its `Cookie`
/// header and whether that is marked sensitive.
type Sent = Arc<Mutex<Vec<(String, Option<String>, bool)>>>;

/// A service that records each request and answers `200` with
/// `Set-Cookie: n=<k>`, the request's number from 1, after a first poll
/// that is pending.
fn recording() -> (
    Sent,
    impl Service<http::Request<()>, Response = http::Response<()>, Error = std::convert::Infallible>
        + Clone,
) {
    let sent: Sent = Arc::default();
    let log = Arc::clone(&sent);
    let service = tower::service_fn(move |request: http::Request<()>| {
        let cookie = request.headers().get("cookie");
        let mut log = log.lock().unwrap();
        log.push((
            request.uri().to_string(),
            cookie.map(|v| v.to_str().unwrap().to_owned()),
            cookie.is_some_and(|v| v.is_sensitive()),
        ));
        let response = http::Response::builder()
            .header("set-cookie", format!("n={}; Path=/", log.len()))
            .body(())
            .unwrap();
        // An `async` block is not `Unpin`, and it is pending once: the
        // layer's future must pin it and poll it again.
        async move {
            tokio::task::yield_now().await;
            Ok(response)
        }
    });
    (sent, service)
}

/// A `GET` of `uri`, with the header `name` if `value` is given.
fn get_with(uri: &str, name: &str, value: Option<&str>) -> http::Request<()> {
    let mut request = http::Request::get(uri);
    if let Some(value) = value {
        request = request.header(name, value);
    }
    request.body(()).unwrap()
}

/// Calls `service` with a `GET` of each URI in turn, with the header
/// `name` where a value is given.
fn call_each<S>(service: &mut S, name: &str, requests: &[(&str, Option<&str>)])
where
    S: Service<http::Request<()>>,
    S::Error: std::fmt::Debug,
{
    runtime().block_on(async {
        for &(uri, value) in requests {
            let ready = service.ready().await.unwrap();
            ready.call(get_with(uri, name, value)).await.unwrap();
        }
    });
}

/// A `FileCookieJar` behind an `Arc` serves (and is saved with what the
/// responses set); a request whose URI is a path alone goes out as it is
/// and its response stores nothing; a `&'static` jar serves too.
#[test]
fn file_jars_static_jars_and_path_only_uris() {
    let dir = std::env::temp_dir().join(format!("cookiejar-tower-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cookies.txt");
    let file = Arc::new(
        FileCookieJar::builder(&path)
            .save_options(SaveOptions::default().session(Retain::Keep))
            .build(),
    );
    let (sent, inner) = recording();
    let mut service = CookieLayer::new(Arc::clone(&file)).layer(inner);
    call_each(
        &mut service,
        "cookie",
        &[
            ("https://a.example/", None),
            ("https://a.example/x", None),
            ("/x", Some("keep=1")),
            ("a.example:443", Some("keep=2")),
            ("https://b.example/", None),
        ],
    );
    let sent = sent.lock().unwrap().clone();
    let own = |s: &str| Some(s.to_owned());
    assert_eq!(
        sent,
        [
            ("https://a.example/".to_owned(), None, false),
            ("https://a.example/x".to_owned(), own("n=1"), true),
            // Not a URL: sent as it was, and its `n=3` not stored.
            ("/x".to_owned(), own("keep=1"), false),
            // An authority alone (a CONNECT's) neither.
            ("a.example:443".to_owned(), own("keep=2"), false),
            ("https://b.example/".to_owned(), None, false),
        ]
    );
    // The second response replaced the first's cookie; the fifth is
    // b.example's.
    assert_eq!(
        file.cookie_header_for(&"https://a.example/".parse().unwrap()),
        own("n=2")
    );
    assert_eq!(file.len(), 2);
    file.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("a.example\tFALSE\t/\tFALSE\t0\tn\t2"),
        "{text}"
    );

    static JAR: std::sync::OnceLock<CookieJar> = std::sync::OnceLock::new();
    let jar: &'static CookieJar = JAR.get_or_init(CookieJar::new);
    let (sent, inner) = recording();
    let mut service = CookieLayer::new(jar).layer(inner);
    let c = ("http://c.example/", None);
    call_each(&mut service, "cookie", &[c, c]);
    assert_eq!(sent.lock().unwrap()[1].1, own("n=1"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// With a base URL, a request whose URI is a path alone (an in-process
/// test's) is made to the base's scheme and host, or to its `Host`
/// header's host when that is the base's or below it (a tenant's
/// subdomain; a port of its own): its cookies go and are stored there.
/// A `Host` naming another host (which would take its cookies), an
/// invalid or empty one, and an authority alone are no URL: nothing
/// sent, nothing stored.
#[test]
fn a_base_url_serves_path_only_requests() {
    let jar = Arc::new(CookieJar::new());
    let (sent, inner) = recording();
    let base = url::Url::parse("https://app.test/").unwrap();
    let mut service = CookieLayer::new(Arc::clone(&jar))
        .with_base_url(base)
        .layer(inner);
    // Another site's cookie, which a `Host: bank.example` must not get.
    let bank = url::Url::parse("https://bank.example/").unwrap();
    jar.set_cookies_from_headers(&bank, ["session=SECRET; Secure"]);
    call_each(
        &mut service,
        "host",
        &[
            ("/login", None),
            ("/account?x=1", None),
            ("/", Some("acme.app.test")),
            ("/", Some("acme.app.test")),
            ("/", Some("user@evil.test")),
            ("app.test:443", None),
            ("/", Some("bank.example")),
            ("/", Some("")),
            ("/x", Some("APP.test:8443")),
        ],
    );
    let cookies: Vec<Option<String>> = sent.lock().unwrap().iter().map(|s| s.1.clone()).collect();
    let own = |s: &str| Some(s.to_owned());
    // The tenant's first request carries nothing of app.test's host-only
    // cookie; the bad Host and the authority form carry nothing either.
    assert_eq!(
        cookies,
        [
            None,
            own("n=1"),
            None,
            own("n=3"),
            None,
            None,
            None,
            None,
            own("n=2")
        ]
    );
    let header = |url: &str| jar.cookie_header_for(&url.parse().unwrap());
    // The request to app.test:8443 replaced app.test's cookie (ports do
    // not part cookies).
    assert_eq!(header("https://app.test/"), own("n=9"));
    assert_eq!(header("https://acme.app.test/"), own("n=4"));
    assert_eq!(jar.cookie_header_for(&bank), own("session=SECRET"));
    assert_eq!(jar.len(), 3);
}

/// A `CookieContext` in a request's extensions makes it a request from
/// another site's page: `SameSite` keeps cookies from it (RFC 6265bis
/// §5.8.3), and its response stores no cookie `SameSite` restricts (§5.7
/// step 18); without one, a request is first-party.
#[test]
fn a_cookie_context_makes_a_cross_site_request() {
    static JAR: std::sync::OnceLock<CookieJar> = std::sync::OnceLock::new();
    let jar: &'static CookieJar = JAR.get_or_init(|| {
        CookieJar::with_policy(
            DefaultCookiePolicy::builder()
                .same_site(SameSiteRules::LaxByDefault)
                .build(),
        )
    });
    let shop = url::Url::parse("https://shop.example/").unwrap();
    jar.set_cookies_from_headers(
        &shop,
        ["lax=1; SameSite=Lax", "none=1; SameSite=None; Secure"],
    );
    let (sent, inner) = recording();
    let mut service = CookieLayer::new(jar).layer(inner);
    let request = |context: Option<CookieContext>| {
        let mut request = http::Request::get("https://shop.example/")
            .body(())
            .unwrap();
        if let Some(context) = context {
            request.extensions_mut().insert(context);
        }
        request
    };
    runtime().block_on(async {
        for context in [
            Some(CookieContext::from_page("news.example")),
            Some(CookieContext::from_page("news.example").with_top_level_navigation(true)),
            None,
        ] {
            let ready = service.ready().await.unwrap();
            ready.call(request(context)).await.unwrap();
        }
    });
    let headers: Vec<Option<String>> = sent.lock().unwrap().iter().map(|s| s.1.clone()).collect();
    assert_eq!(
        headers,
        [
            // A subresource of another site's page: `None` cookies only.
            Some("none=1".to_owned()),
            // A top-level navigation to the site: `Lax` ones too. The
            // first response's `n=1` (no SameSite: Lax by default) was
            // not stored from a cross-site subresource request; the
            // navigation's `n=2` was.
            Some("lax=1; none=1".to_owned()),
            Some("lax=1; none=1; n=2".to_owned()),
        ]
    );
}
