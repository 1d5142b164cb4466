//! `SameSite` enforcement (RFC 6265bis §5.2, §5.7 step 18, §5.8.3) through
//! the jar's public API: which cookies a cross-site request carries and
//! which a cross-site response may set, under each `SameSiteRules`.

use cookiejar::{
    CookieEvent, CookieJar, DefaultCookiePolicy, Rejection, SameSiteRules, SimpleRequest,
    SimpleResponse, ThirdPartyCookies,
};

/// One cookie of each `SameSite` flag, all `Secure` (as `SameSite=None`
/// requires), set in this order.
const LINES: [&str; 4] = [
    "strict=1; SameSite=Strict; Secure",
    "lax=1; SameSite=Lax; Secure",
    "none=1; SameSite=None; Secure",
    "unset=1; Secure",
];

const URL: &str = "https://shop.example/";

fn jar(rules: SameSiteRules) -> CookieJar {
    CookieJar::with_policy(DefaultCookiePolicy::builder().same_site(rules).build())
}

/// A jar under `rules` holding the four cookies, set by a same-site
/// response (no origin).
fn filled(rules: SameSiteRules) -> CookieJar {
    let jar = jar(rules);
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(LINES),
        &SimpleRequest::parse(URL).unwrap(),
    );
    assert_eq!(jar.len(), 4);
    jar
}

/// The names of the cookies `request` carries.
fn sent(jar: &CookieJar, mut request: SimpleRequest) -> Vec<String> {
    jar.add_cookie_header(&mut request);
    request
        .header("Cookie")
        .unwrap_or("")
        .split("; ")
        .filter(|p| !p.is_empty())
        .map(|p| p.split('=').next().unwrap().to_owned())
        .collect()
}

fn request() -> SimpleRequest {
    SimpleRequest::parse(URL).unwrap()
}

fn cross_site() -> SimpleRequest {
    request().origin_request_host("www.evil.example")
}

const ALL: &[&str] = &["strict", "lax", "none", "unset"];

/// Same-site requests carry every cookie under every rule: no origin
/// (a navigation the user started), an origin of the same registrable
/// domain, and a top-level navigation of the same site with `POST`.
#[test]
fn same_site_requests_carry_every_cookie() {
    for rules in [
        SameSiteRules::Ignore,
        SameSiteRules::LaxByDefault,
        SameSiteRules::NoneByDefault,
    ] {
        let jar = filled(rules);
        assert_eq!(sent(&jar, request()), ALL, "{rules:?}");
        let sub = request().origin_request_host("static.shop.example");
        assert_eq!(sent(&jar, sub), ALL, "{rules:?}");
        let post = request()
            .origin_request_host("SHOP.example.")
            .top_level_navigation(true)
            .method("POST");
        assert_eq!(sent(&jar, post), ALL, "{rules:?}");
    }
}

/// RFC 6265bis §5.8.3 step 1, request by request: a cross-site request
/// carries `Strict` cookies never, `Lax` ones only as a top-level
/// navigation with a safe method, `None` ones always; an unset flag is
/// `Lax` under `LaxByDefault` and `None` under `NoneByDefault`.
#[test]
fn cross_site_requests_carry_what_samesite_allows() {
    let top = |method: &str| cross_site().top_level_navigation(true).method(method);
    let cases: [(&str, SimpleRequest, &[&str], &[&str]); 8] = [
        (
            "subresource GET",
            cross_site(),
            &["none"],
            &["none", "unset"],
        ),
        (
            "subresource POST",
            cross_site().method("POST"),
            &["none"],
            &["none", "unset"],
        ),
        (
            "top-level GET",
            top("GET"),
            &["lax", "none", "unset"],
            &["lax", "none", "unset"],
        ),
        (
            "top-level HEAD",
            top("HEAD"),
            &["lax", "none", "unset"],
            &["lax", "none", "unset"],
        ),
        (
            "top-level OPTIONS",
            top("OPTIONS"),
            &["lax", "none", "unset"],
            &["lax", "none", "unset"],
        ),
        ("top-level POST", top("POST"), &["none"], &["none", "unset"]),
        ("top-level PUT", top("PUT"), &["none"], &["none", "unset"]),
        // Methods are case-sensitive (RFC 9110 §9.1): `get` is not safe.
        ("top-level get", top("get"), &["none"], &["none", "unset"]),
    ];
    let lax_by_default = filled(SameSiteRules::LaxByDefault);
    let none_by_default = filled(SameSiteRules::NoneByDefault);
    let ignore = filled(SameSiteRules::Ignore);
    for (what, req, lax_expected, none_expected) in cases {
        assert_eq!(sent(&lax_by_default, req.clone()), lax_expected, "{what}");
        assert_eq!(sent(&none_by_default, req.clone()), none_expected, "{what}");
        assert_eq!(sent(&ignore, req), ALL, "{what}: ignored");
    }
}

/// The site is the registrable domain, by the public suffix list: two
/// sites under one public suffix are cross-site, two hosts of one site
/// are not, and an IP address is a site of its own.
#[test]
fn sites_are_registrable_domains() {
    let jar = jar(SameSiteRules::LaxByDefault);
    for url in ["https://a.github.io/", "https://www.example.co.uk/"] {
        let req = SimpleRequest::parse(url).unwrap();
        jar.extract_cookies(
            &SimpleResponse::with_set_cookies(["s=1; SameSite=Strict; Secure"]),
            &req,
        );
    }
    let from = |url: &str, origin: &str| {
        SimpleRequest::parse(url)
            .unwrap()
            .origin_request_host(origin)
    };
    assert!(sent(&jar, from("https://a.github.io/", "b.github.io")).is_empty());
    assert_eq!(
        sent(&jar, from("https://a.github.io/", "x.a.github.io")),
        ["s"]
    );
    assert_eq!(
        sent(
            &jar,
            from("https://www.example.co.uk/", "shop.example.co.uk")
        ),
        ["s"]
    );
    assert!(sent(&jar, from("https://www.example.co.uk/", "other.co.uk")).is_empty());
    // A host as a Host header gives it, with its port, is the same site.
    assert_eq!(
        sent(
            &jar,
            from("https://www.example.co.uk/", "example.co.uk:8443")
        ),
        ["s"]
    );
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["s=1; SameSite=Lax"]),
        &SimpleRequest::parse("http://10.0.0.1/").unwrap(),
    );
    assert_eq!(sent(&jar, from("http://10.0.0.1/", "10.0.0.1")), ["s"]);
    assert!(sent(&jar, from("http://10.0.0.1/", "10.0.0.2")).is_empty());
}

/// RFC 6265bis §5.7 step 18: the response to a cross-site request that
/// is not a top-level navigation sets only cookies that `SameSite` does
/// not restrict; a top-level navigation's sets any, whatever its method.
#[test]
fn cross_site_responses_set_what_samesite_allows() {
    let stored = |rules: SameSiteRules, req: SimpleRequest| -> (Vec<String>, Vec<Rejection>) {
        let jar = jar(rules);
        let mut refused = Vec::new();
        jar.extract_cookies_with(&SimpleResponse::with_set_cookies(LINES), &req, &mut |e| {
            if let CookieEvent::Rejected { reason, .. } = e {
                refused.push(reason);
            }
        });
        (sent(&jar, request()), refused)
    };
    let same = Rejection::SameSite;
    assert_eq!(
        stored(SameSiteRules::LaxByDefault, cross_site()),
        (
            vec!["none".to_owned()],
            vec![same.clone(), same.clone(), same.clone()]
        )
    );
    assert_eq!(
        stored(SameSiteRules::NoneByDefault, cross_site()),
        (
            vec!["none".to_owned(), "unset".to_owned()],
            vec![same.clone(), same.clone()]
        )
    );
    assert_eq!(
        stored(SameSiteRules::Ignore, cross_site()),
        (owned(ALL), vec![])
    );
    let post_navigation = cross_site().top_level_navigation(true).method("POST");
    for rules in [SameSiteRules::LaxByDefault, SameSiteRules::NoneByDefault] {
        assert_eq!(
            stored(rules, post_navigation.clone()),
            (owned(ALL), vec![]),
            "{rules:?}"
        );
    }
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

/// Third-party blocking never blocks a top-level navigation, which loads
/// the first party; it still blocks a page's cross-site requests.
#[test]
fn third_party_blocking_spares_top_level_navigations() {
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::builder()
            .third_party(ThirdPartyCookies::Block)
            .build(),
    );
    let navigation = cross_site().top_level_navigation(true);
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["sid=1; Secure"]),
        &navigation,
    );
    assert_eq!(sent(&jar, navigation), ["sid"]);
    assert!(sent(&jar, cross_site()).is_empty());
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["track=1; Secure"]),
        &cross_site(),
    );
    assert_eq!(sent(&jar, request()), ["sid"]);
}

/// The defaults keep every cookie: the RFC 6265bis policy and the
/// ClientCookie one ignore `SameSite`, so an origin changes nothing.
#[test]
fn samesite_is_ignored_by_default() {
    assert_eq!(
        DefaultCookiePolicy::new().same_site(),
        SameSiteRules::Ignore
    );
    assert_eq!(
        DefaultCookiePolicy::client_cookie().build().same_site(),
        SameSiteRules::Ignore
    );
    let jar = CookieJar::new();
    jar.extract_cookies(&SimpleResponse::with_set_cookies(LINES), &cross_site());
    assert_eq!(sent(&jar, cross_site().method("POST")), ALL);
}
