//! `SameSite` enforcement (RFC 6265bis §5.2, §5.7 step 18, §5.8.3) through
//! the jar's public API: which cookies a cross-site request carries and
//! which a cross-site response may set, under each `SameSiteRules`.

use cookiejar::{
    CookieEvent, CookieJar, CookiePolicy, DefaultCookiePolicy, Rejection, Request, SameSiteRules,
    SimpleRequest, SimpleResponse, ThirdPartyCookies,
};
use proptest::prelude::*;

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

/// The policies the switch applies under: RFC 6265bis rules, whose
/// lookups decide from the return shortcut; the same with a block list
/// (of another domain), whose lookups ask `return_ok` for each cookie;
/// and ClientCookie rules. Each makes its policy with the given rules.
fn bases() -> [(&'static str, Base); 3] {
    [
        ("rfc6265bis", |rules| {
            DefaultCookiePolicy::builder().same_site(rules).build()
        }),
        ("rfc6265bis with a block list", |rules| {
            DefaultCookiePolicy::builder()
                .blocked_domains([".ads.example"])
                .same_site(rules)
                .build()
        }),
        ("client_cookie", |rules| {
            DefaultCookiePolicy::client_cookie()
                .same_site(rules)
                .build()
        }),
    ]
}

/// A policy of [`bases`], by its `SameSite` rules.
type Base = fn(SameSiteRules) -> DefaultCookiePolicy;

/// A jar under `rules` holding the four cookies, set by a same-site
/// response (no origin).
fn filled(rules: SameSiteRules) -> CookieJar {
    filled_with(bases()[0].1, rules)
}

fn filled_with(base: Base, rules: SameSiteRules) -> CookieJar {
    let jar = CookieJar::with_policy(base(rules));
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
    request().with_origin_request_host("www.evil.example")
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
        let sub = request().with_origin_request_host("static.shop.example");
        assert_eq!(sent(&jar, sub), ALL, "{rules:?}");
        let post = request()
            .with_origin_request_host("SHOP.example.")
            .with_top_level_navigation(true)
            .with_method("POST");
        assert_eq!(sent(&jar, post), ALL, "{rules:?}");
    }
}

/// RFC 6265bis §5.8.3 step 1, request by request: a cross-site request
/// carries `Strict` cookies never, `Lax` ones only as a top-level
/// navigation with a safe method, `None` ones always; an unset flag is
/// `Lax` under `LaxByDefault` and `None` under `NoneByDefault`.
#[test]
fn cross_site_requests_carry_what_samesite_allows() {
    let top = |method: &str| {
        cross_site()
            .with_top_level_navigation(true)
            .with_method(method)
    };
    let cases: [(&str, SimpleRequest, &[&str], &[&str]); 10] = [
        (
            "subresource GET",
            cross_site(),
            &["none"],
            &["none", "unset"],
        ),
        (
            "subresource POST",
            cross_site().with_method("POST"),
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
        (
            "top-level TRACE",
            top("TRACE"),
            &["lax", "none", "unset"],
            &["lax", "none", "unset"],
        ),
        ("top-level POST", top("POST"), &["none"], &["none", "unset"]),
        // A method not given counts as unsafe.
        (
            "top-level, no method",
            cross_site().with_top_level_navigation(true),
            &["none"],
            &["none", "unset"],
        ),
        ("top-level PUT", top("PUT"), &["none"], &["none", "unset"]),
        // Methods are case-sensitive (RFC 9110 §9.1): `get` is not safe.
        ("top-level get", top("get"), &["none"], &["none", "unset"]),
    ];
    for (base, builder) in bases() {
        let lax_by_default = filled_with(builder, SameSiteRules::LaxByDefault);
        let none_by_default = filled_with(builder, SameSiteRules::NoneByDefault);
        let ignore = filled_with(builder, SameSiteRules::Ignore);
        for (what, req, lax_expected, none_expected) in cases.clone() {
            let what = format!("{base}: {what}");
            assert_eq!(sent(&lax_by_default, req.clone()), lax_expected, "{what}");
            assert_eq!(sent(&none_by_default, req.clone()), none_expected, "{what}");
            assert_eq!(sent(&ignore, req), ALL, "{what}: ignored");
        }
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
            .with_origin_request_host(origin)
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
    for (base, builder) in bases() {
        cross_site_responses_under(base, builder);
    }
}

fn cross_site_responses_under(base: &str, builder: Base) {
    let stored = |rules: SameSiteRules, req: SimpleRequest| -> (Vec<String>, Vec<Rejection>) {
        let jar = CookieJar::with_policy(builder(rules));
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
        ),
        "{base}"
    );
    assert_eq!(
        stored(SameSiteRules::NoneByDefault, cross_site()),
        (
            vec!["none".to_owned(), "unset".to_owned()],
            vec![same.clone(), same.clone()]
        ),
        "{base}"
    );
    assert_eq!(
        stored(SameSiteRules::Ignore, cross_site()),
        (owned(ALL), vec![]),
        "{base}"
    );
    let post_navigation = cross_site()
        .with_top_level_navigation(true)
        .with_method("POST");
    for rules in [SameSiteRules::LaxByDefault, SameSiteRules::NoneByDefault] {
        assert_eq!(
            stored(rules, post_navigation.clone()),
            (owned(ALL), vec![]),
            "{base}: {rules:?}"
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
    let navigation = cross_site().with_top_level_navigation(true);
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
    assert_eq!(sent(&jar, cross_site().with_method("POST")), ALL);
}

/// A cross-site response can neither overwrite nor delete a cookie that
/// `SameSite` restricts: the old one stays, value and all.
#[test]
fn cross_site_responses_neither_overwrite_nor_delete() {
    let jar = filled(SameSiteRules::LaxByDefault);
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies([
            "lax=evil; SameSite=Lax; Secure",
            "strict=; SameSite=Strict; Secure; Max-Age=0",
        ]),
        &cross_site(),
    );
    let mut req = request();
    jar.add_cookie_header(&mut req);
    assert_eq!(
        req.header("Cookie"),
        Some("strict=1; lax=1; none=1; unset=1")
    );
}

/// `set_cookie_header` removes a `Cookie` header carried over from an
/// earlier hop when `SameSite` withholds every cookie of this one.
#[test]
fn set_cookie_header_removes_a_carried_header_when_all_are_withheld() {
    let jar = jar(SameSiteRules::LaxByDefault);
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["strict=1; SameSite=Strict; Secure"]),
        &request(),
    );
    let mut hop = cross_site()
        .with_top_level_navigation(true)
        .with_method("GET");
    hop.set_header("Cookie", "strict=1".into());
    jar.set_cookie_header(&mut hop);
    assert_eq!(hop.header("Cookie"), None);
}

/// With third-party cookies blocked too, a cross-site top-level
/// navigation is not blocked, and `SameSite` still decides: a `POST`
/// carries only `SameSite=None` cookies.
#[test]
fn third_party_blocking_and_samesite_together() {
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::builder()
            .third_party(ThirdPartyCookies::Block)
            .same_site(SameSiteRules::LaxByDefault)
            .build(),
    );
    jar.extract_cookies(&SimpleResponse::with_set_cookies(LINES), &request());
    let top = |method: &str| {
        cross_site()
            .with_top_level_navigation(true)
            .with_method(method)
    };
    assert_eq!(sent(&jar, top("POST")), ["none"]);
    assert_eq!(sent(&jar, top("GET")), ["lax", "none", "unset"]);
    assert!(sent(&jar, cross_site()).is_empty());
}

/// An origin that is neither a host nor an origin (a URL with a path,
/// which could end in the request's site, or a user) or `null` (an
/// opaque site for cookies) is another site.
#[test]
fn origins_that_are_not_hosts_are_other_sites() {
    let jar = filled(SameSiteRules::LaxByDefault);
    for origin in [
        "https://evil.example/x.shop.example",
        "https://shop.example/cart",
        "https://user@shop.example",
        "shop.example/x",
        "null",
        // What a URL parser reads as another host, or as no host.
        "https://evil.example\\.shop.example",
        "evil.example#.shop.example",
        "evil.example?.shop.example",
        "https://evil.example:.shop.example",
        "evil.example .shop.example",
        "",
        // An A-label that does not decode is no host.
        "xn--zz.shop.example",
        "https://XN--ZZ.shop.example",
        // Two trailing dots are a name the URL parser keeps as it is.
        "shop.example..",
    ] {
        let req = request().with_origin_request_host(origin);
        assert_eq!(sent(&jar, req), ["none"], "{origin}");
    }
    // Longer than any host (a raw header passed through): another site,
    // decided before the public suffix lookup, whose cost grows with the
    // number of labels.
    let long = format!("{}shop.example", "b.".repeat(40_000));
    let req = request().with_origin_request_host(long);
    assert_eq!(sent(&jar, req), ["none"]);
    // One trailing dot is the root: the same site.
    let req = request().with_origin_request_host("www.shop.example.");
    assert_eq!(sent(&jar, req), ALL);
}

/// The response to a request from an `http://` page of the same
/// registrable domain is cross-site too: it sets no restricted cookie.
#[test]
fn schemeful_cross_site_responses_set_nothing_restricted() {
    let jar = jar(SameSiteRules::LaxByDefault);
    let req = request().with_origin_request_host("http://shop.example");
    jar.extract_cookies(&SimpleResponse::with_set_cookies(LINES), &req);
    assert_eq!(sent(&jar, request()), ["none"]);
}

/// An origin given with its scheme is compared with it (schemeful
/// same-site, as Chrome does): `http://` and `https://` are two sites,
/// `wss://` is `https://`; ports do not count.
#[test]
fn origins_with_schemes_compare_schemes() {
    let jar = filled(SameSiteRules::LaxByDefault);
    for (origin, same_site) in [
        ("https://shop.example", true),
        ("https://shop.example/", true),
        ("HTTPS://www.Shop.Example:8443", true),
        ("wss://shop.example", true),
        ("http://shop.example", false),
        ("ws://shop.example", false),
        ("https://evil.example", false),
        // A host alone: no scheme to compare.
        ("shop.example", true),
    ] {
        let req = request().with_origin_request_host(origin);
        let expected: &[&str] = if same_site { ALL } else { &["none"] };
        assert_eq!(sent(&jar, req), expected, "{origin}");
    }
}

/// `ws://` is `http://` as `wss://` is `https://`: a plain WebSocket
/// page and a plain HTTP request to its site are same-site, both ways.
#[test]
fn websocket_schemes_are_their_http_ones() {
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::builder()
            .third_party(ThirdPartyCookies::Block)
            .build(),
    );
    let http = || SimpleRequest::parse("http://shop.example/").unwrap();
    let ws = || SimpleRequest::parse("ws://shop.example/").unwrap();
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["a=1"]),
        &http().with_origin_request_host("WS://shop.example"),
    );
    let from = |req: SimpleRequest, origin: &str| sent(&jar, req.with_origin_request_host(origin));
    assert_eq!(from(ws(), "http://www.shop.example"), ["a"]);
    assert_eq!(from(http(), "ws://shop.example"), ["a"]);
    // Neither is `https://` nor `wss://`.
    assert!(from(http(), "wss://shop.example").is_empty());
    assert!(from(ws(), "https://shop.example").is_empty());
}

/// Origins are read as the URL parser reads hosts: Unicode names as
/// A-labels, IP addresses in any form as their canonical one, white space
/// around trimmed.
#[test]
fn origins_are_canonical_hosts() {
    let jar = jar(SameSiteRules::LaxByDefault);
    for url in [
        "https://xn--bcher-kva.example/",
        "http://127.0.0.1/",
        "http://[::1]/",
    ] {
        jar.extract_cookies(
            &SimpleResponse::with_set_cookies(["s=1; SameSite=Strict"]),
            &SimpleRequest::parse(url).unwrap(),
        );
    }
    for (url, origin) in [
        ("https://xn--bcher-kva.example/", "bücher.example"),
        (
            "https://xn--bcher-kva.example/",
            "https://www.Bücher.example",
        ),
        ("http://127.0.0.1/", "127.1"),
        ("http://127.0.0.1/", "http://0x7f.0.0.1:8080"),
        ("http://[::1]/", "::1"),
        ("http://[::1]/", "[0:0:0:0:0:0:0:1]:80"),
        ("http://[::1]/", " http://[::1]\n"),
    ] {
        let req = SimpleRequest::parse(url)
            .unwrap()
            .with_origin_request_host(origin);
        assert_eq!(sent(&jar, req), ["s"], "{url} from {origin:?}");
    }
    // Two trailing dots make a name, not the address.
    let req = SimpleRequest::parse("http://127.0.0.1/")
        .unwrap()
        .with_origin_request_host("127.0.0.1..");
    assert!(sent(&jar, req).is_empty());
}

/// ClientCookie's unverifiable-transaction switches read an origin
/// (with its scheme) as its host, as the site checks do.
#[test]
fn unverifiable_switches_read_origins() {
    for origin in ["shop.example", "https://shop.example", "SHOP.example:443"] {
        let jar = CookieJar::with_policy(
            DefaultCookiePolicy::builder()
                .strict_ns_unverifiable(true)
                .build(),
        );
        let req = request()
            .with_origin_request_host(origin)
            .with_unverifiable(true);
        jar.extract_cookies(&SimpleResponse::with_set_cookies(["a=1"]), &req);
        assert_eq!(sent(&jar, req), ["a"], "{origin}");
    }
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::builder()
            .strict_ns_unverifiable(true)
            .build(),
    );
    let req = request()
        .with_origin_request_host("https://evil.example/shop.example")
        .with_unverifiable(true);
    jar.extract_cookies(&SimpleResponse::with_set_cookies(["a=1"]), &req);
    assert_eq!(jar.len(), 0);
}

/// `SimpleRequest::from_request` keeps what the jar reads of a request
/// (URL, method, origin, flags), so that the response to a cross-site
/// request, extracted after the request has gone, is judged as one.
#[test]
fn a_request_snapshot_keeps_its_context_for_extraction() {
    let mut original = cross_site().with_method("POST").with_unverifiable(true);
    original.set_header("Cookie", "x=1".into());
    let snapshot = SimpleRequest::from_request(&original);
    assert_eq!(snapshot.url(), original.url());
    assert_eq!(Request::method(&snapshot), Some("POST"));
    assert_eq!(
        Request::origin_request_host(&snapshot),
        Some("www.evil.example")
    );
    assert!(snapshot.is_unverifiable() && !snapshot.is_top_level_navigation());
    assert_eq!(snapshot.header("Cookie"), None);
    let jar = jar(SameSiteRules::LaxByDefault);
    jar.extract_cookies(&SimpleResponse::with_set_cookies(LINES), &snapshot);
    assert_eq!(sent(&jar, request()), ["none"]);
    let navigation = SimpleRequest::from_request(&cross_site().with_top_level_navigation(true));
    assert!(navigation.is_top_level_navigation());
    assert_eq!(Request::method(&navigation), None);
}

/// A request of the caller's own type reaches the policy through `&mut`
/// with its navigation flag and method.
#[test]
fn a_callers_request_type_is_read_through_mut_references() {
    struct Navigation {
        url: url::Url,
        cookie: Option<String>,
    }
    impl Request for Navigation {
        fn url(&self) -> &url::Url {
            &self.url
        }
        fn origin_request_host(&self) -> Option<&str> {
            Some("evil.example")
        }
        fn is_top_level_navigation(&self) -> bool {
            true
        }
        fn method(&self) -> Option<&str> {
            Some("GET")
        }
        fn has_header(&self, _: &str) -> bool {
            self.cookie.is_some()
        }
        fn set_header(&mut self, _: &str, value: String) {
            self.cookie = Some(value);
        }
        fn remove_header(&mut self, _: &str) {
            self.cookie = None;
        }
    }
    let jar = filled(SameSiteRules::LaxByDefault);
    let mut nav = Navigation {
        url: url::Url::parse(URL).unwrap(),
        cookie: None,
    };
    let mut by_ref = &mut nav;
    jar.add_cookie_header(&mut by_ref);
    assert_eq!(nav.cookie.as_deref(), Some("lax=1; none=1; unset=1"));
}

/// RFC 2965 cookies (`Set-Cookie2`, ClientCookie rules with `rfc2965`)
/// have no `SameSite`: under `LaxByDefault` they count as `Lax`.
#[test]
fn rfc2965_cookies_count_as_unset() {
    let jar = CookieJar::with_policy(
        DefaultCookiePolicy::client_cookie()
            .rfc2965(true)
            .same_site(SameSiteRules::LaxByDefault)
            .build(),
    );
    let response = SimpleResponse::new().with_header("Set-Cookie2", "v1=1; Version=1");
    jar.extract_cookies(&response, &cross_site());
    assert_eq!(jar.len(), 0);
    jar.extract_cookies(&response, &request());
    assert_eq!(jar.len(), 1);
    assert!(jar.cookie_header_for_request(&cross_site()).is_none());
    let top = cross_site()
        .with_top_level_navigation(true)
        .with_method("GET");
    assert!(jar
        .cookie_header_for_request(&top)
        .unwrap()
        .contains("v1=1"));
}

/// A partitioned (CHIPS) cookie goes only within its own site under
/// rules that enforce `SameSite`, whatever its `SameSite`: the jar keeps
/// no partition but its sites' own. One a cross-site subresource sets is
/// refused (its page's partition would hold it); a top-level navigation
/// may set one (the partition is then its own site's).
#[test]
fn partitioned_cookies_stay_within_their_site() {
    for rules in [SameSiteRules::LaxByDefault, SameSiteRules::NoneByDefault] {
        let jar = jar(rules);
        let lines = [
            "chips=1; Secure; SameSite=None; Partitioned",
            "plain=1; Secure; SameSite=None",
        ];
        jar.extract_cookies(&SimpleResponse::with_set_cookies(lines), &request());
        assert_eq!(sent(&jar, request()), ["chips", "plain"], "{rules:?}");
        assert_eq!(sent(&jar, cross_site()), ["plain"], "{rules:?}");
        // A navigation to the cookie's site: its page's partition.
        let top = cross_site()
            .with_top_level_navigation(true)
            .with_method("POST");
        assert_eq!(sent(&jar, top), ["chips", "plain"], "{rules:?}");
        let chips = jar
            .all_cookies()
            .into_iter()
            .find(|c| c.name() == "chips")
            .unwrap();
        assert_eq!(
            jar.policy().return_ok(&chips, &cross_site()),
            Err(Rejection::Partitioned)
        );
        // Set from a cross-site subresource: refused.
        let fresh = self::jar(rules);
        let mut reasons = Vec::new();
        fresh.extract_cookies_with(
            &SimpleResponse::with_set_cookies([lines[0]]),
            &cross_site(),
            &mut |e: CookieEvent<'_>| {
                if let CookieEvent::Rejected { reason, .. } = e {
                    reasons.push(reason.clone());
                }
            },
        );
        assert_eq!(fresh.len(), 0, "{rules:?}");
        assert_eq!(reasons, [Rejection::Partitioned], "{rules:?}");
        let top = cross_site()
            .with_top_level_navigation(true)
            .with_method("GET");
        fresh.extract_cookies(&SimpleResponse::with_set_cookies([lines[0]]), &top);
        assert_eq!(fresh.len(), 1, "{rules:?}");
    }
    // Sites are not modelled under `Ignore`: sent and stored as any other.
    let jar = jar(SameSiteRules::Ignore);
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["chips=1; Secure; Partitioned"]),
        &cross_site(),
    );
    assert_eq!(sent(&jar, cross_site()), ["chips"]);
}

proptest! {
    /// Over random jars, requests and policies, a lookup sends exactly
    /// the stored cookies that the policy's `return_ok` accepts (every
    /// cookie here matches the request's host and path), whichever way
    /// the jar decides: by the return shortcut or cookie by cookie.
    #[test]
    fn lookups_send_what_return_ok_accepts(
        cookies in prop::collection::vec((any::<bool>(), 0usize..5, any::<bool>()), 1..8),
        base in 0usize..3,
        rules in prop::sample::select(vec![
            SameSiteRules::Ignore,
            SameSiteRules::LaxByDefault,
            SameSiteRules::NoneByDefault,
        ]),
        https in any::<bool>(),
        origin in prop::option::of(prop::sample::select(vec![
            "static.example.com", "evil.example", "null",
            "https://www.example.com", "http://static.example.com",
        ])),
        top_level in any::<bool>(),
        method in prop::option::of(prop::sample::select(vec!["GET", "POST", "TRACE"])),
    ) {
        let flags = ["", "; SameSite=None", "; SameSite=Lax", "; SameSite=Strict", "; SameSite=bogus"];
        let policy = (bases()[base].1)(rules);
        let jar = CookieJar::with_policy(policy.clone());
        let lines: Vec<String> = cookies
            .iter()
            .enumerate()
            .map(|(i, (secure, flag, partitioned))| {
                let secure = if *secure { "; Secure" } else { "" };
                let partitioned = if *partitioned { "; Partitioned" } else { "" };
                format!("c{i}={i}{secure}{}{partitioned}", flags[*flag])
            })
            .collect();
        let home = SimpleRequest::parse("https://www.example.com/").unwrap();
        jar.extract_cookies(&SimpleResponse::with_set_cookies(lines), &home);
        let url = if https { "https://www.example.com/" } else { "http://www.example.com/" };
        let mut req = SimpleRequest::parse(url).unwrap().with_top_level_navigation(top_level);
        if let Some(o) = origin {
            req = req.with_origin_request_host(o);
        }
        if let Some(m) = method {
            req = req.with_method(m);
        }
        let mut expected: Vec<String> = jar
            .all_cookies()
            .iter()
            .filter(|c| policy.return_ok(c, &req).is_ok())
            .map(|c| c.name().to_owned())
            .collect();
        expected.sort();
        let mut got = sent(&jar, req);
        got.sort();
        prop_assert_eq!(got, expected);
    }
}
