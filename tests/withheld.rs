//! `CookieJar::withheld_for_request`: why each cookie of a request's
//! site stays behind (RFC 6265bis §5.8.3 step 1, and the policy's
//! checks).

use cookiejar::{
    CookieJar, DefaultCookiePolicy, ManualClock, Rejection, SameSiteRules, SimpleRequest,
    ThirdPartyCookies,
};

/// The names withheld from `request`, with why.
fn withheld(jar: &CookieJar, request: &SimpleRequest) -> Vec<(String, Rejection)> {
    jar.withheld_for_request(request)
        .into_iter()
        .map(|(c, why)| (c.name().to_owned(), why))
        .collect()
}

fn url(s: &str) -> url::Url {
    url::Url::parse(s).unwrap()
}

#[test]
fn each_reason_under_the_default_policy() {
    let clock = ManualClock::new(1_700_000_000);
    let jar = CookieJar::builder()
        .policy(
            DefaultCookiePolicy::builder()
                .same_site(SameSiteRules::LaxByDefault)
                .build(),
        )
        .clock(clock.clone())
        .build();
    jar.set_cookies_from_headers(
        &url("https://example.com/"),
        ["parent=1", "wide=1; Domain=example.com"],
    );
    jar.set_cookies_from_headers(
        &url("https://www.example.com/"),
        [
            "soon=1; Max-Age=10",
            "sid=1; Secure",
            "cart=1; Path=/shop",
            "strict=1; SameSite=Strict",
            "lax=1; SameSite=Lax",
        ],
    );
    // A sibling host's cookies: its own, or its subdomains'.
    jar.set_cookies_from_headers(
        &url("https://api.example.com/"),
        ["api=1", "apis=1; Domain=api.example.com"],
    );
    // Another site's are none of the request's business.
    jar.set_cookies_from_headers(&url("https://example.org/"), ["org=1"]);
    clock.advance(60);
    let request = SimpleRequest::new(url("http://www.example.com/")).with_method("POST");
    let request = request.with_origin_request_host("other.example");
    assert_eq!(
        withheld(&jar, &request),
        [
            ("parent".to_owned(), Rejection::NotOwnHost),
            // Lax by default: not with a cross-site POST.
            ("wide".to_owned(), Rejection::SameSite),
            ("soon".to_owned(), Rejection::Expired),
            ("sid".to_owned(), Rejection::NotSecureChannel),
            ("cart".to_owned(), Rejection::PathMismatch),
            ("strict".to_owned(), Rejection::SameSite),
            ("lax".to_owned(), Rejection::SameSite),
            ("api".to_owned(), Rejection::NotOwnHost),
            ("apis".to_owned(), Rejection::DomainMismatch),
        ]
    );
    // Same-site, over https, under /shop: only the other hosts' cookies
    // and the expired one stay behind; the rest go.
    let request = SimpleRequest::new(url("https://www.example.com/shop/x"));
    assert_eq!(
        withheld(&jar, &request),
        [
            ("parent".to_owned(), Rejection::NotOwnHost),
            ("soon".to_owned(), Rejection::Expired),
            ("api".to_owned(), Rejection::NotOwnHost),
            ("apis".to_owned(), Rejection::DomainMismatch),
        ]
    );
    // A host-only cookie of another host that has expired too: its host
    // is the reason (it would not go when fresh either).
    clock.advance(-60);
    jar.set_cookies_from_headers(&url("https://example.com/"), ["brief=1; Max-Age=10"]);
    clock.advance(60);
    assert!(withheld(&jar, &request).contains(&("brief".to_owned(), Rejection::NotOwnHost)));
    // A URL is a first-party request.
    assert_eq!(
        jar.withheld_for(&url("https://www.example.com/shop/x")),
        jar.withheld_for_request(&request)
    );
    let sent: Vec<String> = jar
        .cookies_for_request(&request)
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(sent, ["cart", "wide", "sid", "strict", "lax"]);
    // A request with no host has nothing withheld.
    assert!(jar
        .withheld_for_request(&SimpleRequest::new(url("data:text/plain,x")))
        .is_empty());
}

#[test]
fn block_lists_and_third_parties() {
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::builder()
            .third_party(ThirdPartyCookies::Block)
            .build(),
    );
    jar.set_cookies_from_headers(&url("https://shop.example/"), ["a=1", "cart=1; Path=/shop"]);
    let third =
        SimpleRequest::new(url("https://shop.example/")).with_origin_request_host("news.example");
    // The whole domain is refused before any path is compared.
    assert_eq!(
        withheld(&jar, &third),
        [
            ("a".to_owned(), Rejection::ThirdParty),
            ("cart".to_owned(), Rejection::ThirdParty)
        ]
    );
    let first = SimpleRequest::new(url("https://shop.example/"));
    assert_eq!(
        withheld(&jar, &first),
        [("cart".to_owned(), Rejection::PathMismatch)]
    );
    // A domain blocked once the cookie is stored: under either rules the
    // policy's `return_ok` says why.
    for policy in [
        DefaultCookiePolicy::builder()
            .blocked_domains(["shop.example"])
            .build(),
        DefaultCookiePolicy::client_cookie()
            .blocked_domains(["shop.example"])
            .build(),
    ] {
        jar.set_policy(policy);
        assert_eq!(
            withheld(&jar, &first),
            [
                ("a".to_owned(), Rejection::Blocked),
                ("cart".to_owned(), Rejection::PathMismatch)
            ]
        );
    }
}

/// A public suffix, or an address, is its own site alone: the hosts
/// under a suffix (`alice.github.io` under `github.io`, `example.com`
/// under `com`) are other sites, whose cookies are not listed.
#[test]
fn a_suffix_host_is_a_site_alone() {
    let jar = CookieJar::new();
    jar.set_cookies_from_headers(&url("https://alice.github.io/"), ["alice=1"]);
    jar.set_cookies_from_headers(
        &url("https://shop.example.com/"),
        ["cart=1", "lang=en; Domain=example.com"],
    );
    // The suffix host's own cookie (stored as host-only), withheld by
    // its path.
    jar.set_cookies_from_headers(&url("https://github.io/docs/"), ["own=1; Path=/docs"]);
    jar.set_cookies_from_headers(&url("http://10.1.2.3/"), ["ip=1; Path=/a"]);
    jar.set_cookies_from_headers(&url("http://10.1.2.30/"), ["ip30=1"]);
    let at = |u: &str| withheld(&jar, &SimpleRequest::new(url(u)));
    assert_eq!(
        at("https://github.io/"),
        [("own".to_owned(), Rejection::PathMismatch)]
    );
    assert_eq!(at("https://com/"), []);
    assert_eq!(
        at("http://10.1.2.3/"),
        [("ip".to_owned(), Rejection::PathMismatch)]
    );
    // A registrable domain's hosts are still one site.
    assert_eq!(
        at("https://example.com/"),
        [("cart".to_owned(), Rejection::NotOwnHost)]
    );
    assert_eq!(at("https://bob.github.io/"), []);
    // Netscape rules send a parent's host-only cookies to subdomains, a
    // suffix's too when there is no public suffix list (as in Python):
    // those a request leaves out are listed.
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::client_cookie()
            .public_suffixes(cookiejar::PublicSuffixes::Off)
            .build(),
    );
    jar.set_cookies_from_headers(
        &url("http://github.io/"),
        ["top=1", "deep=1; Path=/docs", "sec=1; Secure"],
    );
    let request = SimpleRequest::new(url("http://bob.github.io/"));
    assert_eq!(
        jar.cookie_header_for(&url("http://bob.github.io/"))
            .as_deref(),
        Some("top=1")
    );
    assert_eq!(
        withheld(&jar, &request),
        [
            ("deep".to_owned(), Rejection::PathMismatch),
            ("sec".to_owned(), Rejection::NotSecureChannel)
        ]
    );
}
