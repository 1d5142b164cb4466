//! The `http` feature: the jar over the `http` crate's request and
//! response types, as hyper and ureq 3 clients hold them.
#![cfg(feature = "http")]

use cookiejar::{
    CookieJar, DefaultCookiePolicy, HttpRequest, Request, SameSiteRules, SimpleRequest,
};
use http::header::{COOKIE, SET_COOKIE};

fn response(set_cookies: &[&str]) -> http::Response<()> {
    let mut builder = http::Response::builder().status(302);
    for line in set_cookies {
        // from_bytes: `from_str` refuses UTF-8 beyond ASCII.
        let value = http::HeaderValue::from_bytes(line.as_bytes()).unwrap();
        builder = builder.header(SET_COOKIE, value);
    }
    builder.body(()).unwrap()
}

fn url(u: &str) -> url::Url {
    url::Url::parse(u).unwrap()
}

/// A login redirect: the 302 sets cookies (each `Set-Cookie` header read
/// in order, UTF-8 beyond ASCII included), the next hop carries them as a
/// sensitive header, and a hop to another site has the carried header
/// removed.
#[test]
fn a_redirect_chain_over_http_types() {
    let jar = CookieJar::new();
    let login = response(&["sid=1; Secure; HttpOnly", "lang=caf\u{e9}; Path=/"]);
    assert_eq!(login.headers().get_all(SET_COOKIE).iter().count(), 2);
    jar.extract_cookies(&login, &SimpleRequest::new(url("https://a.example/login")));
    assert_eq!(jar.len(), 2);

    let mut home = http::Request::get("https://a.example/home")
        .body(())
        .unwrap();
    jar.set_cookie_header(&mut HttpRequest::new(&mut home).unwrap());
    let cookie = &home.headers()[COOKIE];
    assert_eq!(cookie.as_bytes(), "sid=1; lang=caf\u{e9}".as_bytes());
    assert!(cookie.is_sensitive());
    assert!(!format!("{home:?}").contains("sid=1"));

    // The next hop goes to another site with the headers carried over.
    let mut away = http::Request::get("https://b.example/")
        .header(COOKIE, "sid=1")
        .body(())
        .unwrap();
    jar.set_cookie_header(&mut HttpRequest::new(&mut away).unwrap());
    assert!(away.headers().get(COOKIE).is_none());
}

/// A same-site hop that carries the `Cookie` header of the hop before
/// gets this hop's header in its place: one header, never two.
#[test]
fn set_cookie_header_replaces_a_carried_header() {
    let jar = CookieJar::new();
    jar.extract_cookies(
        &response(&["sid=2"]),
        &SimpleRequest::new(url("https://a.example/")),
    );
    let mut hop = http::Request::get("https://a.example/next")
        .header(COOKIE, "sid=1; stale=1")
        .body(())
        .unwrap();
    jar.set_cookie_header(&mut HttpRequest::new(&mut hop).unwrap());
    let values: Vec<_> = hop.headers().get_all(COOKIE).iter().collect();
    assert_eq!(values, ["sid=2"]);
}

/// `http::response::Parts` and `http::HeaderMap` are responses too, with
/// header names matched case-insensitively.
#[test]
fn parts_and_header_maps_are_responses() {
    let jar = CookieJar::new();
    let (parts, ()) = response(&["a=1", "a2=1"]).into_parts();
    jar.extract_cookies(&parts, &SimpleRequest::new(url("https://a.example/")));
    let mut headers = http::HeaderMap::new();
    headers.append("Set-Cookie", "b=2".parse().unwrap());
    headers.append("set-cookie", "c=3".parse().unwrap());
    jar.extract_cookies(&headers, &SimpleRequest::new(url("https://a.example/")));
    assert_eq!(
        jar.cookie_header_for(&url("https://a.example/")).as_deref(),
        Some("a=1; a2=1; b=2; c=3")
    );
}

/// The wrapped request's method counts for `SameSite`: a cross-site
/// top-level navigation carries `Lax` cookies with `GET`, not with
/// `POST`; and a URI without scheme and host is refused.
#[test]
fn the_method_and_flags_reach_the_policy() {
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::builder()
            .same_site(SameSiteRules::LaxByDefault)
            .build(),
    );
    jar.extract_cookies(
        &response(&["lax=1; SameSite=Lax; Secure"]),
        &SimpleRequest::new(url("https://shop.example/")),
    );
    for (method, carried) in [(http::Method::GET, true), (http::Method::POST, false)] {
        let mut req = http::Request::builder()
            .method(method.clone())
            .uri("https://shop.example/cart")
            .body(())
            .unwrap();
        let wrapped = HttpRequest::new(&mut req)
            .unwrap()
            .with_origin_request_host("evil.example")
            .with_top_level_navigation(true);
        assert_eq!(wrapped.method(), Some(method.as_str()));
        assert_eq!(
            format!("{wrapped:?}"),
            format!(
                "HttpRequest {{ method: {method:?}, url: \"https://shop.example/cart\", \
                 origin_request_host: Some(\"evil.example\"), top_level_navigation: true, \
                 unverifiable: false, .. }}"
            )
        );
        let mut wrapped = wrapped;
        jar.add_cookie_header(&mut wrapped);
        assert_eq!(req.headers().contains_key(COOKIE), carried, "{method}");
    }
    let mut relative = http::Request::get("/cart").body(()).unwrap();
    assert!(HttpRequest::new(&mut relative).is_err());
}

/// A request whose URI is a path alone (hyper's connection-level client)
/// is wrapped with its URL given; a snapshot of the wrapped request keeps
/// its context for extracting the response's cookies.
#[test]
fn path_only_requests_and_snapshots() {
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::builder()
            .same_site(SameSiteRules::LaxByDefault)
            .build(),
    );
    jar.extract_cookies(
        &response(&["sid=1; Secure"]),
        &SimpleRequest::new(url("https://a.example/")),
    );
    let mut req = http::Request::post("/form")
        .header(http::header::HOST, "a.example")
        .body(())
        .unwrap();
    let mut wrapped = HttpRequest::with_url(&mut req, url("https://a.example/form"))
        .with_origin_request_host("b.example");
    jar.set_cookie_header(&mut wrapped);
    let context = SimpleRequest::from_request(&wrapped);
    assert_eq!(req.uri(), "/form");
    assert!(req.headers().get(COOKIE).is_none());
    assert_eq!(Request::method(&context), Some("POST"));
    // The response to this cross-site POST sets no Lax cookie.
    jar.extract_cookies(&response(&["lax=1; SameSite=Lax; Secure"]), &context);
    assert_eq!(
        jar.cookie_header_for(&url("https://a.example/")).as_deref(),
        Some("sid=1")
    );
}
