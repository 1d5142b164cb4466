//! ClientCookie rules: each `DefaultCookiePolicy` switch toggled alone,
//! behaviours ClientCookie documents (in our own words), and each
//! deliberate deviation from Python's `http.cookiejar`.

use cookiejar::{
    ClientCookieRules, Cookie, CookieEvent, CookieJar, CookiePolicy, DefaultCookiePolicy,
    DefaultCookiePolicyBuilder, DomainStrictness, ManualClock, Rejection, Request, SimpleRequest,
    SimpleResponse,
};

/// A policy builder with Python's switches.
type Builder = DefaultCookiePolicyBuilder<ClientCookieRules>;

struct Jar {
    jar: CookieJar,
    clock: ManualClock,
}

fn jar(policy: Builder) -> Jar {
    let clock = ManualClock::new(1_700_000_000);
    Jar {
        jar: CookieJar::builder()
            .policy(policy.build())
            .clock(clock.clone())
            .build(),
        clock,
    }
}

fn netscape() -> Builder {
    DefaultCookiePolicy::client_cookie()
}

fn rfc2965() -> Builder {
    DefaultCookiePolicy::client_cookie().rfc2965(true)
}

/// A response with `Set-Cookie2` headers, then `Set-Cookie` ones.
fn response(set_cookie: &[&str], set_cookie2: &[&str]) -> SimpleResponse {
    let mut resp = SimpleResponse::new();
    for l in set_cookie2 {
        resp.add_header("Set-Cookie2", *l);
    }
    for l in set_cookie {
        resp.add_header("Set-Cookie", *l);
    }
    resp
}

impl Jar {
    fn respond(
        &self,
        req: &SimpleRequest,
        set_cookie: &[&str],
        set_cookie2: &[&str],
    ) -> Vec<String> {
        let resp = response(set_cookie, set_cookie2);
        let mut rejected = Vec::new();
        self.jar.extract_cookies_with(&resp, req, &mut |e| {
            if let CookieEvent::Rejected { reason, .. } = e {
                rejected.push(format!("{reason:?}"));
            }
        });
        rejected
    }

    fn set(&self, url: &str, lines: &[&str]) -> Vec<String> {
        self.respond(&SimpleRequest::parse(url).unwrap(), lines, &[])
    }

    fn set2(&self, url: &str, lines: &[&str]) -> Vec<String> {
        self.respond(&SimpleRequest::parse(url).unwrap(), &[], lines)
    }

    fn get(&self, url: &str) -> String {
        self.get_req(SimpleRequest::parse(url).unwrap())
    }

    fn get_req(&self, mut req: SimpleRequest) -> String {
        self.jar.add_cookie_header(&mut req);
        req.header("Cookie").unwrap_or("").to_owned()
    }
}

fn third_party(url: &str) -> SimpleRequest {
    SimpleRequest::parse(url)
        .unwrap()
        .with_unverifiable(true)
        .with_origin_request_host("www.news.example")
}

// ---- each switch toggled alone ----

#[test]
fn switch_rfc2965() {
    let off = jar(netscape());
    off.set2("http://www.example.com/", &["a=1; Version=1"]);
    assert_eq!(off.get("http://www.example.com/"), "");
    let on = jar(rfc2965());
    on.set2("http://www.example.com/", &["a=1; Version=1"]);
    assert_eq!(on.get("http://www.example.com/"), "$Version=1; a=1");
}

#[test]
fn switch_netscape() {
    let on = jar(netscape());
    on.set("http://www.example.com/", &["a=1"]);
    assert_eq!(on.get("http://www.example.com/"), "a=1");
    let off = jar(netscape().netscape(false));
    off.set("http://www.example.com/", &["a=1"]);
    assert_eq!(off.get("http://www.example.com/"), "");
}

/// Cookies given whole (a file's, `set_cookie`'s) go back only under a
/// protocol switched on: a Netscape cookie not with `netscape` off, an
/// RFC 2965 one not without `rfc2965`.
#[test]
fn cookies_given_whole_go_back_by_their_protocol() {
    let sent = |policy: Builder| {
        let jar = jar(policy);
        for (name, version) in [("ns", None), ("v0", Some(0)), ("v1", Some(1))] {
            let c = Cookie::builder(name, "1")
                .domain("www.example.com")
                .version(version)
                .build();
            jar.jar.set_cookie(c).unwrap();
        }
        jar.get("http://www.example.com/")
    };
    assert_eq!(sent(netscape()), "ns=1; v0=1");
    assert_eq!(sent(netscape().netscape(false)), "");
    assert_eq!(sent(rfc2965().netscape(false)), "$Version=1; v1=1");
}

#[test]
fn switch_rfc2109_as_netscape() {
    // Default with RFC 2965 on: an RFC 2109 cookie stays version 1.
    let v1 = jar(rfc2965());
    v1.set("http://www.example.com/", &["a=1; Version=1"]);
    assert_eq!(v1.get("http://www.example.com/"), "$Version=1; a=1");
    let v0 = jar(rfc2965().rfc2109_as_netscape(Some(true)));
    v0.set("http://www.example.com/", &["a=1; Version=1"]);
    assert_eq!(v0.get("http://www.example.com/"), "a=1");
    let c = &v0.jar.cookies()[0];
    assert!(c.rfc2109());
    assert_eq!(c.version(), Some(0));
}

#[test]
fn switch_hide_cookie2() {
    let shown = jar(rfc2965());
    shown.set("http://www.example.com/", &["a=1"]);
    let mut req = SimpleRequest::parse("http://www.example.com/").unwrap();
    shown.jar.add_cookie_header(&mut req);
    assert_eq!(req.header("Cookie2"), Some("$Version=\"1\""));
    let hidden = jar(rfc2965().hide_cookie2(true));
    hidden.set("http://www.example.com/", &["a=1"]);
    let mut req = SimpleRequest::parse("http://www.example.com/").unwrap();
    hidden.jar.add_cookie_header(&mut req);
    assert_eq!(req.header("Cookie"), Some("a=1"));
    assert_eq!(req.header("Cookie2"), None);
    // Replacing the headers of an earlier hop: Cookie2 is set again,
    // or removed where the jar would not send it.
    let mut hop = SimpleRequest::parse("http://www.example.com/").unwrap();
    hop.set_header("Cookie", "stale=1".to_owned());
    hop.set_header("Cookie2", "stale".to_owned());
    shown.jar.set_cookie_header(&mut hop);
    assert_eq!(hop.header("Cookie"), Some("a=1"));
    assert_eq!(hop.header("Cookie2"), Some("$Version=\"1\""));
    let mut other = SimpleRequest::parse("http://other.example/").unwrap();
    other.set_header("Cookie", "stale=1".to_owned());
    other.set_header("Cookie2", "$Version=\"1\"".to_owned());
    shown.jar.set_cookie_header(&mut other);
    assert_eq!(other.headers().count(), 0);
}

#[test]
fn switch_strict_domain() {
    // Without the public suffix list (which refuses `.co.uk` itself), as
    // in Python.
    let netscape = || netscape().public_suffixes(cookiejar::PublicSuffixes::Off);
    let liberal = jar(netscape());
    liberal.set("http://www.foo.co.uk/", &["a=1; Domain=.co.uk"]);
    assert_eq!(liberal.get("http://other.co.uk/"), "a=1");
    let strict = jar(netscape().strict_domain(true));
    assert_eq!(
        strict.set("http://www.foo.co.uk/", &["a=1; Domain=.co.uk"]),
        ["DomainTooBroad"]
    );
    assert_eq!(strict.get("http://other.co.uk/"), "");
    // Only a listed second-level label under a two-letter TLD is too
    // broad.
    assert!(strict
        .set("http://www.shop.de/", &["b=1; Domain=.shop.de"])
        .is_empty());
    assert_eq!(strict.get("http://other.shop.de/"), "b=1");
}

#[test]
fn switch_strict_rfc2965_unverifiable() {
    let strict = jar(rfc2965());
    strict.respond(
        &third_party("http://ads.tracker.example/"),
        &[],
        &["t=1; Version=1"],
    );
    assert_eq!(strict.get("http://ads.tracker.example/"), "");
    let lax = jar(rfc2965().strict_rfc2965_unverifiable(false));
    lax.respond(
        &third_party("http://ads.tracker.example/"),
        &[],
        &["t=1; Version=1"],
    );
    assert_eq!(lax.get("http://ads.tracker.example/"), "$Version=1; t=1");
    // First-party unverifiable requests are fine.
    let req = SimpleRequest::parse("http://img.news.example/")
        .unwrap()
        .with_unverifiable(true)
        .with_origin_request_host("www.news.example");
    strict.respond(&req, &[], &["f=1; Version=1"]);
    assert_eq!(strict.get("http://img.news.example/"), "$Version=1; f=1");
}

#[test]
fn switch_strict_ns_unverifiable() {
    let lax = jar(netscape());
    lax.respond(&third_party("http://ads.tracker.example/"), &["t=1"], &[]);
    assert_eq!(lax.get("http://ads.tracker.example/"), "t=1");
    assert_eq!(
        lax.get_req(third_party("http://ads.tracker.example/")),
        "t=1"
    );
    let strict = jar(netscape().strict_ns_unverifiable(true));
    strict.respond(&third_party("http://ads.tracker.example/"), &["t=1"], &[]);
    assert_eq!(strict.get("http://ads.tracker.example/"), "");
    strict.set("http://ads.tracker.example/", &["t=2"]);
    assert_eq!(strict.get("http://ads.tracker.example/"), "t=2");
    assert_eq!(
        strict.get_req(third_party("http://ads.tracker.example/")),
        ""
    );
}

#[test]
fn switch_strict_ns_domain_no_dots() {
    let liberal = jar(netscape());
    liberal.set("http://a.b.example.com/", &["a=1; Domain=.example.com"]);
    assert_eq!(liberal.get("http://example.com/"), "a=1");
    let strict = jar(netscape().strict_ns_domain(DomainStrictness::NO_DOTS));
    assert_eq!(
        strict.set("http://a.b.example.com/", &["a=1; Domain=.example.com"]),
        ["HostPrefixHasDot"]
    );
    strict.set("http://b.example.com/", &["b=1; Domain=.example.com"]);
    assert_eq!(strict.get("http://example.com/"), "b=1");
}

#[test]
fn switch_strict_ns_domain_non_domain() {
    let liberal = jar(netscape());
    liberal.set("http://www.example.com/", &["a=1"]);
    assert_eq!(
        liberal.get("http://x.www.example.com/"),
        "a=1",
        "Netscape host cookies go to subdomains"
    );
    let strict = jar(netscape().strict_ns_domain(DomainStrictness::NON_DOMAIN));
    strict.set("http://www.example.com/", &["a=1"]);
    assert_eq!(strict.get("http://x.www.example.com/"), "");
    assert_eq!(strict.get("http://www.example.com/"), "a=1");
}

#[test]
fn switch_strict_ns_domain_rfc2965_match() {
    let liberal = jar(netscape());
    liberal.set("http://example.com/", &["a=1; Domain=.example.com"]);
    assert_eq!(liberal.get("http://example.com/"), "a=1");
    let strict = jar(netscape().strict_ns_domain(DomainStrictness::RFC2965_MATCH));
    assert_eq!(
        strict.set("http://example.com/", &["a=1; Domain=.example.com"]),
        ["DomainMismatch"]
    );
    assert_eq!(
        DomainStrictness::STRICT,
        DomainStrictness::NO_DOTS | DomainStrictness::NON_DOMAIN
    );
    assert_eq!(DomainStrictness::from_bits(8), None);
    let mut flags = DomainStrictness::NO_DOTS;
    flags |= DomainStrictness::NON_DOMAIN;
    assert_eq!(flags, DomainStrictness::STRICT);
}

/// An RFC 2965 cookie goes only where the RFC 2965 domain-match says:
/// one for `.y.com` not to `y.com` itself.
#[test]
fn rfc2965_cookies_go_by_the_rfc2965_domain_match() {
    let v1 = jar(rfc2965());
    v1.set2("http://www.y.com/", &["a=1; Version=1; Domain=.y.com"]);
    assert_eq!(
        v1.get("http://x.y.com/"),
        "$Version=1; a=1; $Domain=\".y.com\""
    );
    assert_eq!(v1.get("http://y.com/"), "");
}

/// The domain checks of `set_ok` and `return_ok` asked directly, as a
/// policy that wraps this one asks them, whatever the jar checks first.
#[test]
fn domain_checks_asked_of_the_policy() {
    let req = |u: &str| SimpleRequest::parse(u).unwrap();
    let domain_cookie = |d: &str| Cookie::builder("a", "1").domain(d).host_only(false).build();
    let policy = netscape().build();
    let other = req("http://www.other.org/");
    assert_eq!(
        policy.set_ok(&domain_cookie("example.com"), &other),
        Err(Rejection::DomainMismatch)
    );
    assert_eq!(
        policy.return_ok(&domain_cookie("example.com"), &other),
        Err(Rejection::DomainMismatch)
    );
    // A dotless host's own domain, by its effective host name
    // (`intranet.local`), without the public suffix list (with it,
    // `intranet` is a suffix by the list's `*` rule, and the jar makes
    // such a cookie the host's own before asking).
    let python = netscape()
        .public_suffixes(cookiejar::PublicSuffixes::Off)
        .build();
    assert_eq!(
        python.set_ok(&domain_cookie("intranet"), &req("http://intranet/")),
        Ok(())
    );
    assert_eq!(
        policy.set_ok(&domain_cookie("intranet"), &req("http://intranet/")),
        Err(Rejection::PublicSuffix)
    );
    // A host cookie under `NON_DOMAIN` goes back to its own host only.
    let own = netscape()
        .strict_ns_domain(DomainStrictness::NON_DOMAIN)
        .build();
    let host = Cookie::builder("a", "1")
        .domain("www.example.com")
        .host_only(true)
        .build();
    assert_eq!(
        own.return_ok(&host, &req("http://x.www.example.com/")),
        Err(Rejection::NotOwnHost)
    );
    assert_eq!(
        own.return_ok(&host, &req("http://www.example.com/")),
        Ok(())
    );
}

/// The flags are Python's integers, and combine as bits do.
#[test]
fn domain_strictness_flags_are_python_integers() {
    let named = [
        (DomainStrictness::LIBERAL, 0),
        (DomainStrictness::NO_DOTS, 1),
        (DomainStrictness::NON_DOMAIN, 2),
        (DomainStrictness::STRICT, 3),
        (DomainStrictness::RFC2965_MATCH, 4),
    ];
    for (flags, bits) in named {
        assert_eq!(flags.bits(), bits);
        assert_eq!(DomainStrictness::from_bits(bits), Some(flags));
    }
    // A flag given twice is given once.
    let twice = DomainStrictness::STRICT | DomainStrictness::NO_DOTS;
    assert_eq!(twice, DomainStrictness::STRICT);
    let mut flags = DomainStrictness::STRICT;
    flags |= DomainStrictness::NON_DOMAIN;
    assert_eq!(flags, DomainStrictness::STRICT);
    let all = DomainStrictness::STRICT | DomainStrictness::RFC2965_MATCH;
    assert_eq!(all.bits(), 7);
    assert_eq!(DomainStrictness::from_bits(7), Some(all));
    assert!(all.contains(DomainStrictness::NON_DOMAIN));
    assert!(!DomainStrictness::NO_DOTS.contains(DomainStrictness::STRICT));
}

#[test]
fn switch_strict_ns_set_initial_dollar() {
    let lax = jar(netscape());
    lax.set("http://www.example.com/", &["$a=1"]);
    assert_eq!(lax.get("http://www.example.com/"), "$a=1");
    let strict = jar(netscape().strict_ns_set_initial_dollar(true));
    assert_eq!(
        strict.set("http://www.example.com/", &["$a=1"]),
        ["DollarName"]
    );
}

#[test]
fn switch_strict_ns_set_path() {
    let lax = jar(netscape());
    lax.set("http://www.example.com/a/b", &["a=1; Path=/other"]);
    assert_eq!(lax.get("http://www.example.com/other"), "a=1");
    let strict = jar(netscape().strict_ns_set_path(true));
    assert_eq!(
        strict.set("http://www.example.com/a/b", &["a=1; Path=/other"]),
        ["PathMismatch"]
    );
    strict.set("http://www.example.com/a/b", &["b=1; Path=/a"]);
    assert_eq!(strict.get("http://www.example.com/a/x"), "b=1");
}

#[test]
fn switch_secure_protocols() {
    let default = jar(netscape());
    default.set("http://www.example.com/", &["a=1; Secure"]);
    assert_eq!(default.get("http://www.example.com/"), "");
    assert_eq!(default.get("https://www.example.com/"), "a=1");
    let custom = jar(netscape().secure_protocols(["http", "https"]));
    custom.set("http://www.example.com/", &["a=1; Secure"]);
    assert_eq!(custom.get("http://www.example.com/"), "a=1");
}

#[test]
fn switch_blocked_and_allowed_domains() {
    let blocked = jar(netscape().blocked_domains([".tracker.example"]));
    assert_eq!(
        blocked.set("http://ads.tracker.example/", &["a=1"]),
        ["Blocked"]
    );
    let allowed = jar(netscape().allowed_domains(["www.example.com"]));
    assert_eq!(
        allowed.set("http://www.example.org/", &["a=1"]),
        ["NotAllowed"]
    );
    allowed.set("http://www.example.com/", &["a=1"]);
    assert_eq!(allowed.get("http://www.example.com/"), "a=1");
    let mut p = DefaultCookiePolicy::client_cookie().build();
    p.set_blocked_domains(["example.com"]);
    assert!(p.is_blocked("example.com"));
    assert!(!p.is_blocked("www.example.com"));
    p.set_allowed_domains([".example.com"]);
    assert!(!p.is_not_allowed("www.example.com"));
    assert!(p.is_not_allowed("example.org"));
    p.clear_allowed_domains();
    assert!(!p.is_not_allowed("example.org"));
    let any = netscape()
        .allowed_domains(["x.example"])
        .no_allow_list()
        .build();
    assert_eq!(any.allowed_domains(), None);
    assert_eq!(p.blocked_domains(), ["example.com"]);
}

// ---- ClientCookie behaviours ----

#[test]
fn default_paths_differ_by_version() {
    let j = jar(rfc2965());
    j.set("http://www.example.com/dir/page", &["ns=1"]);
    j.set2("http://www.example.com/dir/page", &["v1=1; Version=1"]);
    let paths: Vec<(String, String)> = j
        .jar
        .cookies()
        .iter()
        .map(|c| (c.name().to_owned(), c.path().to_owned()))
        .collect();
    assert!(paths.contains(&("ns".into(), "/dir".into())));
    assert!(paths.contains(&("v1".into(), "/dir/".into())));
}

#[test]
fn version_1_headers_carry_path_domain_port() {
    let j = jar(rfc2965());
    j.set2(
        "http://www.example.com:8080/a/b",
        &[
            "a=1; Version=1; Path=\"/a\"; Domain=example.com; Port=\"8080,80\"",
            "b=2; Version=\"1\"; Port",
        ],
    );
    assert_eq!(
        j.get("http://www.example.com:8080/a/b"),
        "$Version=1; b=2; $Port; a=1; $Path=\"/a\"; $Domain=\"example.com\"; $Port=\"8080,80\""
    );
    // The bare Port bound b to 8080.
    assert_eq!(
        j.get("http://www.example.com/a/b"),
        "$Version=1; a=1; $Path=\"/a\"; $Domain=\"example.com\"; $Port=\"8080,80\""
    );
}

#[test]
fn set_cookie2_wins_over_matching_set_cookie() {
    let j = jar(rfc2965());
    let req = SimpleRequest::parse("http://www.example.com/").unwrap();
    j.respond(&req, &["a=ns; Path=/"], &["a=v1; Version=1; Path=/"]);
    assert_eq!(
        j.get("http://www.example.com/"),
        "$Version=1; a=v1; $Path=\"/\""
    );
    assert_eq!(j.jar.len(), 1);
}

/// In a response of many of each, each `Set-Cookie2` cookie supersedes
/// the `Set-Cookie` cookie of its key only.
#[test]
fn many_set_cookie2_cookies_supersede_their_keys_only() {
    let j = jar(rfc2965());
    let req = SimpleRequest::parse("http://www.example.com/").unwrap();
    let ns: Vec<String> = (0..150).map(|i| format!("c{i}=ns; Path=/")).collect();
    let v1: Vec<String> = (0..150)
        .step_by(2)
        .map(|i| format!("c{i}=v1; Version=1; Path=/"))
        .collect();
    let ns: Vec<&str> = ns.iter().map(String::as_str).collect();
    let v1 = v1.join(", ");
    assert_eq!(j.respond(&req, &ns, &[&v1]), Vec::<String>::new());
    assert_eq!(j.jar.len(), 150);
    for c in j.jar.cookies() {
        let i: usize = c.name()[1..].parse().unwrap();
        let want = if i.is_multiple_of(2) { "v1" } else { "ns" };
        assert_eq!(c.value(), want, "{}", c.name());
    }
}

/// Attributes ClientCookie has no field for are kept in the order first
/// seen, names case-sensitive, the last value winning (Python's
/// `_rest`: `{'foo': '3', 'Foo': '2', 'bar': None}`), however many.
#[test]
fn other_attributes_keep_the_last_value_in_first_order() {
    let j = jar(netscape());
    j.set(
        "http://www.example.com/",
        &["a=b; foo=1; Foo=2; foo=3; bar; Path=/"],
    );
    let c = &j.jar.cookies()[0];
    assert_eq!(
        c.other_attributes().collect::<Vec<_>>(),
        [("foo", Some("3")), ("Foo", Some("2")), ("bar", None)]
    );
    let many: String = (0..5000).map(|i| format!("; x{}={i}", i % 2500)).collect();
    j.set("http://www.example.com/", &[&format!("m=1{many}")]);
    let m = j
        .jar
        .cookies()
        .into_iter()
        .find(|c| c.name() == "m")
        .unwrap();
    let other: Vec<(&str, Option<&str>)> = m.other_attributes().collect();
    assert_eq!(other.len(), 2500);
    for (i, (k, v)) in other.iter().enumerate() {
        assert_eq!(
            (*k, *v),
            (
                format!("x{i}").as_str(),
                Some((i + 2500).to_string().as_str())
            )
        );
    }
}

#[test]
fn set_cookie2_needs_a_version() {
    let j = jar(rfc2965());
    assert_eq!(
        j.set2("http://www.example.com/", &["a=1"]),
        ["MissingVersion"]
    );
}

#[test]
fn rfc2965_domain_rules() {
    let j = jar(rfc2965());
    assert_eq!(
        j.set2(
            "http://a.b.example.com/",
            &["a=1; Version=1; Domain=.example.com"]
        ),
        ["HostPrefixHasDot"]
    );
    assert_eq!(
        j.set2(
            "http://example.com/",
            &["a=1; Version=1; Domain=.example.com"]
        ),
        ["DomainMismatch"]
    );
    assert_eq!(
        j.set2("http://www.example.com/", &["a=1; Version=1; Domain=.com"]),
        ["DomainTooBroad"]
    );
    assert!(j
        .set2(
            "http://www.example.com/",
            &["a=1; Version=1; Domain=.example.com"]
        )
        .is_empty());
    // An RFC 2965 cookie without Domain goes only to its host.
    j.set2("http://www.example.com/", &["h=1; Version=1"]);
    assert_eq!(
        j.get("http://x.www.example.com/"),
        "$Version=1; a=1; $Domain=\".example.com\""
    );
    assert_eq!(
        j.get("http://www.example.com/"),
        "$Version=1; a=1; $Domain=\".example.com\"; h=1"
    );
}

#[test]
fn rfc2965_path_must_prefix_request() {
    let j = jar(rfc2965());
    assert_eq!(
        j.set2("http://www.example.com/a/b", &["a=1; Version=1; Path=/c"]),
        ["PathMismatch"]
    );
}

#[test]
fn first_attribute_wins_but_max_age_beats_expires() {
    let j = jar(netscape());
    j.set("http://www.example.com/", &["a=1; Path=/x; Path=/y"]);
    assert_eq!(j.jar.cookies()[0].path(), "/x");
    j.set(
        "http://www.example.com/",
        &["b=1; Expires=Wed, 01 Jan 2003 00:00:00 GMT; Max-Age=10"],
    );
    assert_eq!(j.get("http://www.example.com/x"), "a=1; b=1");
    j.clock.advance(10);
    assert_eq!(j.get("http://www.example.com/x"), "a=1");
}

#[test]
fn nameless_netscape_cookie_is_its_name() {
    let j = jar(netscape());
    j.set("http://www.example.com/", &["foo", "bar", "=ignored"]);
    assert_eq!(j.get("http://www.example.com/"), "foo; bar");
    assert!(j.jar.cookies().iter().all(|c| c.value_absent()));
}

/// A nameless cookie given whole (from a cookies.txt line with an empty
/// name, or built) goes as its value alone, as Python sends the same
/// line's cookie (`Cookie: tok`) and as RFC 6265bis rules send it; it
/// once went as `=tok`.
#[test]
fn nameless_cookie_from_a_file_is_its_value() {
    let line = "www.example.com\tFALSE\t/\tFALSE\t2000000000\t\ttok\n";
    let options = cookiejar::LoadOptions::default();
    let now = cookiejar::time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let loaded =
        cookiejar::format::read(line.as_bytes(), cookiejar::Format::Mozilla, &options, now);
    let cookies = loaded.unwrap().cookies;
    assert_eq!(cookies.len(), 1);
    let built = cookiejar::Cookie::builder("", "tok2")
        .domain("example.com")
        .host_only(false)
        .build();
    for j in [jar(netscape()), jar(rfc2965())] {
        j.jar.set_cookies(cookies.clone()).unwrap();
        j.jar.set_cookie(built.clone()).unwrap();
        assert_eq!(j.get("http://www.example.com/"), "tok; tok2");
    }
    let modern = CookieJar::new();
    modern.set_cookies(cookies).unwrap();
    modern.set_cookie(built).unwrap();
    let url = cookiejar::url::Url::parse("http://www.example.com/").unwrap();
    assert_eq!(modern.cookie_header_for(&url).as_deref(), Some("tok; tok2"));
}

/// A nameless version 1 cookie goes quoted, as other version 1 values do,
/// so that a `;` in it makes no second cookie; one with neither name nor
/// value is left out, not written as an empty pair.
#[test]
fn nameless_version_1_and_empty_cookies() {
    let j = jar(rfc2965());
    let v1 = cookiejar::Cookie::builder("", "x; y=z")
        .domain("www.example.com")
        .version(Some(1))
        .build();
    j.jar.set_cookie(v1).unwrap();
    assert_eq!(j.get("http://www.example.com/"), r#"$Version=1; "x; y=z""#);
    let empty = || {
        cookiejar::Cookie::builder("", "")
            .domain("www.example.com")
            .path("/a")
            .build()
    };
    let modern = CookieJar::new();
    for jar in [&jar(netscape()).jar, &modern] {
        jar.set_cookies_from_headers(
            &cookiejar::url::Url::parse("http://www.example.com/").unwrap(),
            ["b=2"],
        );
        // Nothing to send: refused, under either rules.
        assert_eq!(jar.set_cookie(empty()), Err(Rejection::Empty));
        let url = cookiejar::url::Url::parse("http://www.example.com/a").unwrap();
        assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("b=2"));
    }
}

#[test]
fn expires_in_the_past_deletes() {
    let j = jar(netscape());
    j.set("http://www.example.com/", &["a=1", "b=2"]);
    j.set(
        "http://www.example.com/",
        &["a=gone; Expires=Wed, 01 Jan 2003 00:00:00 GMT"],
    );
    assert_eq!(j.get("http://www.example.com/"), "b=2");
}

#[test]
fn domain_keeps_its_dot_in_the_header() {
    let j = jar(rfc2965());
    j.set2(
        "http://www.example.com/",
        &[
            "a=1; Version=1; Domain=.example.com",
            "b=1; Version=1; Domain=example.com",
        ],
    );
    assert_eq!(
        j.get("http://www.example.com/"),
        "$Version=1; a=1; $Domain=\".example.com\"; b=1; $Domain=\"example.com\""
    );
}

// ---- deliberate deviations from Python ----

#[test]
fn deviation_header_order_within_a_response() {
    // Python applies the deletion before the store, and keeps a=1.
    let j = jar(netscape());
    j.set("http://www.example.com/", &["a=1", "a=; Max-Age=0"]);
    assert_eq!(j.get("http://www.example.com/"), "");
}

#[test]
fn deviation_expired_cookie_only_deletes_when_accepted() {
    // Python deletes example.com's cookie from evil.test before any check.
    let j = jar(netscape());
    j.set(
        "http://www.example.com/",
        &["a=1; Domain=.example.com; Path=/"],
    );
    let r = j.set(
        "http://evil.test/",
        &["a=x; Domain=.example.com; Path=/; Max-Age=0"],
    );
    assert_eq!(r, ["DomainMismatch"]);
    assert_eq!(j.get("http://www.example.com/"), "a=1");
}

#[test]
fn deviation_bad_max_age_drops_only_the_attribute() {
    let j = jar(netscape());
    j.set("http://www.example.com/", &["a=1; Max-Age=soon"]);
    assert_eq!(j.get("http://www.example.com/"), "a=1");
    assert!(!j.jar.cookies()[0].persistent());
}

#[test]
fn deviation_one_bad_cookie_never_drops_the_others() {
    // Python compares a Set-Cookie2 Expires string with a number, raises,
    // and drops every cookie of the response.
    let j = jar(rfc2965());
    let req = SimpleRequest::parse("http://www.example.com/").unwrap();
    let rejected = j.respond(
        &req,
        &["ns=1"],
        &["a=1; Version=1; Expires=\"Wed, 01 Jan 2003 00:00:00 GMT\", b=2; Version=1, c=3"],
    );
    assert_eq!(rejected, ["MissingVersion"]);
    assert_eq!(j.get("http://www.example.com/"), "$Version=1; b=2; ns=1");
}

#[test]
fn deviation_ipv6_hosts() {
    let j = jar(netscape());
    j.set("http://[::1]:8080/", &["a=1"]);
    assert_eq!(j.get("http://[::1]:8080/"), "a=1");
    assert_eq!(j.jar.cookies()[0].domain(), "[::1]");
}

/// Each case's comment gives what Python 3.11 does instead.
#[test]
fn deviation_hosts_versions_and_order() {
    // A negative `Version` is refused (Python stores the cookie).
    let j = jar(rfc2965());
    j.set2("http://www.example.com/", &["a=1; Version=-1"]);
    j.set("http://www.example.com/", &["b=1; Version=-1"]);
    assert_eq!(j.get("http://www.example.com/"), "");
    // Cookies of equal path length go in creation order (Python: `a=1;
    // d=1; b=1; c=1`, by the order their domains were first stored in).
    let j = jar(netscape());
    j.set(
        "http://www.example.com/",
        &["a=1", "b=1; Domain=.example.com"],
    );
    j.set("http://example.com/", &["c=1"]);
    j.clock.advance(1);
    j.set("http://www.example.com/", &["d=1"]);
    assert_eq!(j.get("http://www.example.com/"), "a=1; b=1; c=1; d=1");
    // No effective host name: a dotless host's cookies do not go to
    // `HOST.local` (Python: `a=1`).
    let j = jar(netscape());
    j.set("http://intranet/", &["a=1"]);
    assert_eq!(j.get("http://intranet/"), "a=1");
    assert_eq!(j.get("http://intranet.local/"), "");
    // A loopback host is a secure origin over `http` (Python: nothing).
    let j = jar(netscape());
    j.set("https://localhost/", &["a=1; Secure"]);
    assert_eq!(j.get("http://localhost/"), "a=1");
    assert_eq!(j.get("http://127.0.0.1/"), "");
    // A `Domain` that is not ASCII is refused; the host's own A-label
    // form is a domain like any other.
    let j = jar(netscape());
    j.set("http://www.xn--bcher-kva.de/", &["a=1; Domain=.bücher.de"]);
    j.set(
        "http://www.xn--bcher-kva.de/",
        &["b=1; Domain=.xn--bcher-kva.de"],
    );
    assert_eq!(j.get("http://shop.xn--bcher-kva.de/"), "b=1");
    // `secure_protocols` never takes `wss` away (Python's `("https",)`
    // does).
    let j = jar(netscape().secure_protocols(["https"]));
    j.set("https://www.example.com/", &["a=1; Secure"]);
    assert_eq!(j.get("wss://www.example.com/"), "a=1");
    // At most 180 cookies per domain from servers (Python keeps all).
    let j = jar(netscape());
    let lines: Vec<String> = (0..181).map(|i| format!("c{i}=1")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    j.set("http://www.example.com/", &lines);
    assert_eq!(j.jar.len(), 180);
}

/// `Secure` with any value is secure, as RFC 6265bis reads it; Python
/// agrees but for the empty value (`Secure=` is not secure there). It
/// once turned the flag off for `false`, `0`, `no` and `off`, which sent
/// such a cookie over `http`.
#[test]
fn deviation_secure_with_any_value_is_secure() {
    for (policy, reads_set_cookie2) in [(netscape(), false), (rfc2965(), true)] {
        let j = jar(policy);
        let lines = [
            "a=1; secure=false",
            "b=1; Secure=0",
            "c=1; secure=",
            "d=1; secure",
            "e=1",
        ];
        j.set("https://www.example.com/", &lines);
        assert_eq!(j.get("http://www.example.com/"), "e=1");
        assert_eq!(j.get("https://www.example.com/"), "a=1; b=1; c=1; d=1; e=1");
        j.set2(
            "https://www.example.com/",
            &[
                r#"f="1"; Version="1"; Secure="no"; Max-Age=99"#,
                r#"g="1"; Version="1"; Discard=off; Max-Age=99"#,
            ],
        );
        let cookie = |name: &str| j.jar.cookies().into_iter().find(|c| c.name() == name);
        assert_eq!(cookie("f").is_some(), reads_set_cookie2);
        if reads_set_cookie2 {
            assert!(cookie("f").unwrap().secure());
            assert!(cookie("g").unwrap().discard());
            assert!(!cookie("g").unwrap().secure());
        }
    }
}

#[test]
fn deviation_version_1_values_are_quoted() {
    let j = jar(rfc2965());
    j.set2(
        "http://www.example.com/",
        &["a=\"x; y\"; Version=1", "b=\"say \\\"hi\\\"\"; Version=1"],
    );
    assert_eq!(
        j.get("http://www.example.com/"),
        "$Version=1; a=\"x; y\"; b=\"say \\\"hi\\\"\""
    );
}

#[test]
fn deviation_https_request_port_is_443() {
    let j = jar(rfc2965());
    assert!(j
        .set2(
            "https://www.example.com/",
            &["a=1; Version=1; Port=\"443\""]
        )
        .is_empty());
    assert_eq!(
        j.get("https://www.example.com/"),
        "$Version=1; a=1; $Port=\"443\""
    );
}

#[test]
fn rejections_name_their_reason() {
    let r = Rejection::MissingValue("Domain".into());
    assert_eq!(r.to_string(), "missing value for the Domain attribute");
    let j = jar(netscape());
    assert_eq!(
        j.set("http://www.example.com/", &["a=1; Domain"]),
        ["MissingValue(\"Domain\")"]
    );
    let req = SimpleRequest::parse("http://www.example.com/").unwrap();
    assert!(req.url().as_str().starts_with("http://"));
}

#[test]
fn set_cookie2_without_version_still_supersedes_set_cookie() {
    // RFC 2965 §9.1: Set-Cookie information for the same cookie is
    // discarded, even when the Set-Cookie2 cookie is then refused.
    let j = jar(rfc2965());
    let req = SimpleRequest::parse("http://www.example.com/").unwrap();
    let r = j.respond(&req, &["a=ns; Path=/"], &["a=v2; Path=/"]);
    assert_eq!(r, ["MissingVersion"]);
    assert_eq!(j.get("http://www.example.com/"), "");
}

#[test]
fn make_cookies_parses_without_storing() {
    let j = jar(rfc2965());
    let req = SimpleRequest::parse("http://www.example.com/a/b").unwrap();
    let resp = SimpleResponse::new()
        .with_header("Set-Cookie", "a=1; Path=/")
        .with_header("Set-Cookie", "=nothing")
        .with_header("Set-Cookie2", "b=2; Version=1; Domain=.example.com");
    let made = j.jar.make_cookies(&resp, &req);
    let names: Vec<_> = made
        .iter()
        .map(|c| (c.name(), c.version(), c.domain()))
        .collect();
    assert_eq!(
        names,
        [
            ("b", Some(1), "example.com"),
            ("a", Some(0), "www.example.com")
        ]
    );
    assert!(j.jar.is_empty());
}

#[test]
fn set_cookie_if_ok_applies_the_policy() {
    let j = jar(netscape().blocked_domains([".blocked.test"]));
    let req = SimpleRequest::parse("http://www.blocked.test/").unwrap();
    let c = cookiejar::Cookie::builder("a", "1")
        .domain("www.blocked.test")
        .version(Some(0))
        .build();
    assert_eq!(j.jar.set_cookie_if_ok(c, &req), Err(Rejection::Blocked));
    let req = SimpleRequest::parse("http://www.example.com/").unwrap();
    let foreign = cookiejar::Cookie::builder("a", "1")
        .domain("other.test")
        .host_only(false)
        .build();
    assert_eq!(
        j.jar.set_cookie_if_ok(foreign, &req),
        Err(Rejection::DomainMismatch)
    );
    let ok = cookiejar::Cookie::builder("a", "1")
        .domain("www.example.com")
        .version(Some(0))
        .build();
    assert_eq!(j.jar.set_cookie_if_ok(ok, &req), Ok(()));
    assert_eq!(j.get("http://www.example.com/"), "a=1");
}

#[test]
fn set_cookie_if_ok_refuses_another_hosts_host_only_cookie() {
    // A host-only cookie is its request host's own: one for
    // bank.example offered with a request to evil.example would be
    // sent to bank.example (Python 3.11 stores it; we refuse it under
    // either rules).
    for policy in [DefaultCookiePolicy::new(), netscape().build()] {
        let jar = CookieJar::with_policy(policy);
        let evil = SimpleRequest::parse("https://evil.example/").unwrap();
        let planted = cookiejar::Cookie::builder("sid", "attacker")
            .domain("bank.example")
            .build();
        assert_eq!(
            jar.set_cookie_if_ok(planted.clone(), &evil),
            Err(Rejection::DomainMismatch)
        );
        assert!(jar.is_empty());
        let bank = SimpleRequest::parse("https://bank.example/").unwrap();
        assert_eq!(jar.set_cookie_if_ok(planted, &bank), Ok(()));
        assert_eq!(jar.len(), 1);
    }
    // Netscape rules send a host cookie to subdomains too: one of the
    // parent domain may come with a request to a subdomain, as in Python;
    // RFC 6265bis rules want the request host itself.
    let www = SimpleRequest::parse("http://www.example.com/").unwrap();
    let parent = || {
        cookiejar::Cookie::builder("a", "1")
            .domain("example.com")
            .build()
    };
    let ns = jar(netscape());
    assert_eq!(ns.jar.set_cookie_if_ok(parent(), &www), Ok(()));
    assert_eq!(ns.get("http://www.example.com/"), "a=1");
    let modern = CookieJar::new();
    assert_eq!(
        modern.set_cookie_if_ok(parent(), &www),
        Err(Rejection::DomainMismatch)
    );
}

#[test]
fn clear_with_any_part_optional() {
    use cookiejar::CookieFilter;
    let j = jar(netscape());
    j.set(
        "http://www.example.com/a/b",
        &["a=1", "b=1; Path=/", "c=1; Domain=.example.com; Path=/"],
    );
    j.set("http://example.org/", &["d=1"]);
    assert_eq!(j.jar.clear_matching(&CookieFilter::new().name("a")), 1);
    assert_eq!(
        j.jar
            .clear_matching(&CookieFilter::new().domain(".example.com")),
        1
    );
    assert_eq!(
        j.jar
            .clear_matching(&CookieFilter::new().domain("www.example.com").path("/")),
        1
    );
    assert_eq!(j.jar.len(), 1);
    assert_eq!(j.jar.clear_matching(&CookieFilter::new()), 1);
    assert!(j.jar.is_empty());
}

/// A policy of one's own that only says host cookies go to subdomains
/// (`CookiePolicy::host_cookie_matches_subdomains`) gets them sent there:
/// the jar reads the host-only cookies of parent domains unless the policy
/// also says they never match (`host_cookies_may_match_subdomains`).
#[test]
fn custom_policy_sending_host_cookies_to_subdomains() {
    use cookiejar::{Cookie, CookiePolicy};
    #[derive(Debug)]
    struct Netscapeish(DefaultCookiePolicy);
    impl CookiePolicy for Netscapeish {
        fn set_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
            self.0.set_ok(cookie, request)
        }
        fn return_ok(&self, cookie: &Cookie, request: &dyn Request) -> Result<(), Rejection> {
            self.0.return_ok(cookie, request)
        }
        fn host_cookie_matches_subdomains(&self, cookie: &Cookie) -> bool {
            cookie.name() != "private"
        }
    }
    let jar = CookieJar::with_policy(Netscapeish(DefaultCookiePolicy::default()));
    let url = |u: &str| url::Url::parse(u).unwrap();
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["a=1", "private=2"]),
        &SimpleRequest::new(url("http://www.example.com/")),
    );
    assert_eq!(
        jar.cookie_header_for(&url("http://x.www.example.com/"))
            .as_deref(),
        Some("a=1")
    );
    assert_eq!(
        jar.cookie_header_for(&url("http://www.example.com/"))
            .as_deref(),
        Some("a=1; private=2")
    );
    // The built-in policy under RFC 6265bis rules keeps them on the host.
    assert!(!DefaultCookiePolicy::default().host_cookies_may_match_subdomains());
}

/// ClientCookie escapes a `Path` attribute (upper-case `%xx`, `|^[]`
/// encoded) and compares it with the request path escaped the same way,
/// as Python's `request_path` does: a `Path` equal to the request path
/// matches it. Default paths come from the escaped path too.
#[test]
fn escaped_paths_match_the_escaped_request_path() {
    let ns = jar(netscape());
    ns.set("http://x.com/caf%c3%a9/menu", &["a=1; Path=/caf%c3%a9"]);
    assert_eq!(ns.get("http://x.com/caf%c3%a9/menu"), "a=1");
    ns.set("http://x.com/a|b/", &["b=1; Path=/a|b"]);
    assert_eq!(ns.get("http://x.com/a|b/c"), "b=1");
    ns.set("http://x.com/d%7cx/page", &["c=1"]);
    assert_eq!(ns.get("http://x.com/d%7Cx/other"), "c=1");
    let v1 = jar(rfc2965());
    v1.respond(
        &SimpleRequest::parse("http://x.com/caf%c3%a9/menu").unwrap(),
        &[],
        &["a=1; Version=1; Path=/caf%c3%a9"],
    );
    assert_eq!(
        v1.get("http://x.com/caf%c3%a9/menu"),
        "$Version=1; a=1; $Path=\"/caf%C3%A9\""
    );
}

/// Only the first `Path` or `Version` counts: a later one without value
/// is ignored, as in Python, not a reason to refuse the cookie.
#[test]
fn later_valueless_path_or_version_is_ignored() {
    let ns = jar(netscape());
    ns.set(
        "http://x.com/",
        &["a=1; Path=/; Path", "b=1; Version=0; Version"],
    );
    assert_eq!(ns.get("http://x.com/"), "a=1; b=1");
    // First and valueless: refused, as in Python.
    ns.set("http://x.com/", &["c=1; Path; Path=/"]);
    assert_eq!(ns.get("http://x.com/"), "a=1; b=1");
}

/// A `Port` list is accepted when every entry is a number to Python's
/// `int()`, `-1` included (it never matches a port); not with a word.
#[test]
fn port_lists_with_negative_numbers() {
    let v1 = jar(rfc2965());
    v1.respond(
        &SimpleRequest::parse("http://x.com/").unwrap(),
        &[],
        &[
            "a=1; Version=1; Port=\"-1,80\"",
            "b=1; Version=1; Port=\"x,80\"",
        ],
    );
    assert_eq!(v1.get("http://x.com/"), "$Version=1; a=1; $Port=\"-1,80\"");
}

/// Every entry of a `Port` list must be a number, the ones after the
/// request's port too: Python stops reading at that port, and so stored
/// a list whose rest, sent back in `$Port`, read as more cookies to a
/// server that splits at `;` (a `__Host-` name for every host under the
/// domain). A deliberate deviation.
#[test]
fn deviation_every_port_list_entry_is_a_number() {
    let v1 = jar(rfc2965());
    let refused = v1.set2(
        "http://www.example.com/",
        &[
            "a=1; Version=1; Port=\"80,\\\"; __Host-admin=1; x=\\\"\"; Domain=.example.com",
            "b=1; Version=1; Port=\"80,x\"",
            "c=1; Version=1; Port=\"80,8080\"",
        ],
    );
    assert_eq!(refused, ["PortMismatch", "PortMismatch"]);
    assert_eq!(
        v1.get("http://www.example.com/"),
        "$Version=1; c=1; $Port=\"80,8080\""
    );
    // A cookie given whole (or read from a file) with such a list is
    // never sent.
    let injected = cookiejar::Cookie::builder("a", "1")
        .domain(".example.com")
        .version(Some(1))
        .port(Some("80,\"; __Host-admin=1; x=\"".to_owned()))
        .port_specified(true)
        .build();
    v1.jar.set_cookie(injected).unwrap();
    assert_eq!(
        v1.get("http://www.example.com/"),
        "$Version=1; c=1; $Port=\"80,8080\""
    );
    let req = SimpleRequest::parse("http://www.example.com/").unwrap();
    let withheld = v1.jar.withheld_for_request(&req);
    assert_eq!(withheld.len(), 1);
    assert_eq!(withheld[0].1, Rejection::PortMismatch);
}

/// A public suffix list of the caller's is asked about names without
/// the root's dot: `github.io.`'s host cookie stays on `github.io.` for
/// a list that knows only `github.io`.
#[test]
fn a_custom_list_is_asked_without_the_trailing_dot() {
    #[derive(Debug)]
    struct OnlyGithub;
    impl cookiejar::psl::PublicSuffixList for OnlyGithub {
        fn is_public_suffix(&self, domain: &str) -> bool {
            matches!(domain, "github.io" | "io")
        }
        fn registrable_domain<'a>(&self, host: &'a str) -> Option<&'a str> {
            (!self.is_public_suffix(host)).then_some(host)
        }
    }
    let list = cookiejar::PublicSuffixes::Custom(std::sync::Arc::new(OnlyGithub));
    let j = jar(netscape().public_suffixes(list));
    assert!(j.set("https://github.io./", &["a=1"]).is_empty());
    assert_eq!(j.get("https://github.io./"), "a=1");
    assert_eq!(j.get("https://victim.github.io./"), "");
}

/// An address has no subdomains (RFC 6265bis §5.1.3), under Netscape
/// rules too: an opaque host under another scheme whose last label is a
/// number (`git://x.10.0.0.1/`, no host at all under `http`) gets none of
/// an address's cookies; the address itself, under that scheme, gets
/// them (as `http` and custom schemes share cookies here, as in Python).
#[test]
fn an_address_has_no_subdomains_under_other_schemes() {
    let ns = jar(netscape());
    assert!(ns
        .set("http://10.0.0.1/", &["a=1", "c=1; Domain=10.0.0.1"])
        .is_empty());
    assert_eq!(ns.get("git://10.0.0.1/"), "a=1; c=1");
    assert_eq!(ns.get("git://x.10.0.0.1/"), "");
    assert_eq!(ns.get("git://x.0.0.1/"), "");
    // A name that only ends in digits is a name.
    ns.set("http://www.a1/", &["n=1; Domain=.www.a1"]);
    assert_eq!(ns.get("git://x.www.a1/"), "n=1");
}

/// The public suffix check, on in `client_cookie()`: a `Domain` that is
/// a public suffix, or beyond the request host's site, is refused, where
/// Python stores it for every site under the suffix;
/// `PublicSuffixes::Off` makes Python's decisions. A deliberate
/// deviation.
#[test]
fn deviation_public_suffix_domains_are_refused() {
    let cases = [
        (
            "http://www.evil.co.uk/",
            "a=1; Domain=.co.uk",
            "http://victim.co.uk/",
        ),
        (
            "https://evil.github.io/",
            "a=1; Domain=.github.io",
            "https://victim.github.io/",
        ),
        (
            "https://bucket.s3.amazonaws.com/",
            "a=1; Domain=amazonaws.com",
            "https://other.s3.amazonaws.com/",
        ),
    ];
    let reasons = ["PublicSuffix", "PublicSuffix", "DomainBeyondSite"];
    for ((from, line, victim), reason) in cases.into_iter().zip(reasons) {
        let ns = jar(netscape());
        assert_eq!(ns.set(from, &[line]), [reason], "{line}");
        assert_eq!(ns.get(victim), "", "{line}");
        let python = jar(netscape().public_suffixes(cookiejar::PublicSuffixes::Off));
        assert!(python.set(from, &[line]).is_empty(), "{line}");
        assert_eq!(python.get(victim), "a=1", "{line}");
    }
}

/// A trailing dot names the same domain (`com.` is `com`), so it is no
/// embedded dot: `Domain=.com.` is as broad as `Domain=.com`, and
/// `strict_domain` reads `.co.uk.` as `.co.uk`. Python counts the dot
/// and stores a cookie for every `.com.` host. A deliberate deviation.
#[test]
fn deviation_a_trailing_dot_is_no_embedded_dot() {
    let ns = jar(netscape());
    let refused = ns.set(
        "http://www.attacker.com./",
        &["c=1; Domain=.com.", "e=1; Domain=.attacker.com."],
    );
    assert_eq!(refused, ["DomainTooBroad"]);
    assert_eq!(ns.get("http://bank.com./"), "");
    assert_eq!(ns.get("http://www.attacker.com./"), "e=1");
    // Without the public suffix list too (the scenario format's modes),
    // where nothing else refuses it.
    let python = jar(netscape().public_suffixes(cookiejar::PublicSuffixes::Off));
    let refused = python.set("http://www.attacker.com./", &["c=1; Domain=.com."]);
    assert_eq!(refused, ["DomainTooBroad"]);
    assert_eq!(python.get("http://bank.com./"), "");

    let strict = jar(netscape().strict_domain(true));
    let refused = strict.set(
        "http://www.bbc.co.uk./",
        &["a=1; Domain=.co.uk.", "b=1; Domain=.bbc.co.uk."],
    );
    assert_eq!(refused, ["DomainTooBroad"]);
    assert_eq!(strict.get("http://news.bbc.co.uk./"), "b=1");
}

/// A control character would go into the `Cookie` header, and a header
/// that is not UTF-8 would come back with replacement characters: both
/// are refused, as RFC 6265bis rules refuse them (Python stores them).
#[test]
fn control_characters_and_bytes_not_utf8_are_refused() {
    for policy in [netscape(), rfc2965()] {
        let j = jar(policy);
        let req = SimpleRequest::parse("http://www.example.com/").unwrap();
        let resp = SimpleResponse::new()
            .with_header("Set-Cookie", &b"a=1\x01x"[..])
            .with_header("Set-Cookie", &b"b=caf\xe9"[..])
            .with_header("Set-Cookie", &b"c=\"x\ry\""[..])
            .with_header("Set-Cookie", &b"ok=1; tab=\"x\ty\""[..])
            // Bytes that are not UTF-8 outside the name and value do no
            // harm (Python stores these too).
            .with_header("Set-Cookie", &b"note=1; Comment=caf\xe9"[..])
            .with_header("Set-Cookie2", &b"d=\"x\x01y\"; Version=1"[..]);
        let mut reasons = Vec::new();
        j.jar.extract_cookies_with(&resp, &req, &mut |e| {
            if let CookieEvent::Rejected { reason, .. } = e {
                reasons.push(reason);
            }
        });
        assert!(
            reasons.contains(&Rejection::ControlCharacter) && reasons.contains(&Rejection::NotUtf8),
            "{reasons:?}"
        );
        assert_eq!(j.get("http://www.example.com/"), "ok=1; note=1");
    }
}

/// A `Domain` with two leading dots is refused, as in Python (where it
/// matches no host): one dot dropped, it still has an empty label.
#[test]
fn a_domain_with_two_dots_is_refused() {
    let j = jar(netscape());
    assert_eq!(
        j.set("http://www.example.com/", &["x=1; Domain=..example.com"]),
        ["DomainEmptyLabel"]
    );
    assert_eq!(j.get("http://www.example.com/"), "");
}

/// With the public suffix list on, a cookie set without `Domain` by a
/// host that is itself a public suffix stays on that host under Netscape
/// rules, which send host cookies to subdomains too: the sites under a
/// suffix are other sites (Python, with no list, sends it to all of
/// them). So do `localhost`'s and a dotless host's, public suffixes by
/// the list's `*` rule. (A review once found the extract path storing it
/// while `set_cookie` refused it; both keep it now, on its host.)
#[test]
fn public_suffix_hosts_keep_netscape_host_cookies_to_themselves() {
    let with_list = || netscape().public_suffixes(cookiejar::PublicSuffixes::Builtin);
    let j = jar(with_list());
    assert!(j.set("https://github.io/", &["a=1"]).is_empty());
    assert_eq!(j.get("https://github.io/"), "a=1");
    assert_eq!(j.get("https://victim.github.io/"), "");
    // The same cookie offered whole is taken too, and kept as its own.
    let req = SimpleRequest::parse("https://github.io/").unwrap();
    let cookie = j
        .jar
        .make_cookies(&SimpleResponse::with_set_cookies(["w=1"]), &req);
    assert_eq!(j.jar.set_cookie_if_ok(cookie[0].clone(), &req), Ok(()));
    assert_eq!(j.get("https://github.io/"), "a=1; w=1");
    assert_eq!(j.get("https://victim.github.io/"), "");
    // A host that is not a suffix sends its host cookies to its
    // subdomains, as Netscape rules do.
    assert!(j.set("https://me.github.io/", &["b=2"]).is_empty());
    assert_eq!(j.get("https://me.github.io/"), "b=2");
    assert_eq!(j.get("https://www.me.github.io/"), "b=2");
    assert_eq!(j.get("https://victim.github.io/"), "");
    // A private suffix's host too.
    assert!(j.set("https://s3.amazonaws.com/", &["p=1"]).is_empty());
    assert_eq!(j.get("https://s3.amazonaws.com/"), "p=1");
    assert_eq!(j.get("https://bucket.s3.amazonaws.com/"), "");
    // A `Domain` that names the suffix host makes a host cookie, as RFC
    // 6265bis §5.7 step 9 reads it (`Domain=localhost` from a local
    // server, a suffix by the list's `*` rule).
    let named = jar(with_list());
    assert!(named
        .set("https://github.io/", &["d=1; Domain=github.io"])
        .is_empty());
    assert!(named
        .set("http://localhost/", &["l=1; Domain=localhost"])
        .is_empty());
    assert_eq!(named.get("https://github.io/"), "d=1");
    assert_eq!(named.get("https://victim.github.io/"), "");
    assert_eq!(named.get("http://localhost/"), "l=1");
    let hosts: Vec<bool> = named
        .jar
        .all_cookies()
        .iter()
        .map(|c| c.host_only())
        .collect();
    assert_eq!(hosts, [true, true]);
    // A host cookie of a suffix offered whole with a request to a host
    // under it is that other site's, and refused: `evil.github.io`
    // plants no cookie for `github.io`; one of the request's own site is
    // taken, as Netscape rules take it.
    let req = SimpleRequest::parse("https://evil.github.io/").unwrap();
    let planted = cookiejar::Cookie::builder("planted", "1")
        .domain("github.io")
        .build();
    assert_eq!(
        named.jar.set_cookie_if_ok(planted, &req),
        Err(Rejection::PublicSuffix)
    );
    let req = SimpleRequest::parse("https://www.example.com/").unwrap();
    let parent = cookiejar::Cookie::builder("parent", "1")
        .domain("example.com")
        .build();
    assert_eq!(named.jar.set_cookie_if_ok(parent, &req), Ok(()));
    assert_eq!(named.get("https://github.io/"), "d=1");
    // Without the list, Python's rules: the suffix's cookie reaches the
    // sites under it.
    let j = jar(netscape().public_suffixes(cookiejar::PublicSuffixes::Off));
    assert!(j.set("https://github.io/", &["a=1"]).is_empty());
    assert_eq!(j.get("https://victim.github.io/"), "a=1");
    // Kept on their host, a suffix's host cookies are its own.
    let j = jar(with_list().strict_ns_domain(DomainStrictness::NON_DOMAIN));
    assert!(j.set("https://github.io/", &["a=1"]).is_empty());
    assert_eq!(j.get("https://github.io/"), "a=1");
    assert_eq!(j.get("https://victim.github.io/"), "");
    let j = jar(rfc2965().public_suffixes(cookiejar::PublicSuffixes::Builtin));
    assert!(j.set2("https://github.io/", &["c=3; Version=1"]).is_empty());
    assert_eq!(j.get("https://victim.github.io/"), "");
}

/// A refusal names the cookie as the rules read it: a `Set-Cookie2`
/// line's second cookie by its own name, Netscape's `token` as `token`,
/// and a header that made no cookie by its RFC 6265bis reading.
#[test]
fn refusals_name_the_cookie_the_rules_made() {
    let names = |policy: Builder, set: &[&str], set2: &[&str]| {
        let j = jar(policy);
        let req = SimpleRequest::parse("http://www.example.com/").unwrap();
        let mut names = Vec::new();
        j.jar
            .extract_cookies_with(&response(set, set2), &req, &mut |e| {
                if let CookieEvent::Rejected { name, .. } = e {
                    assert_eq!(name, e.name());
                    names.push(name.to_owned());
                }
            });
        names
    };
    assert_eq!(
        names(
            rfc2965(),
            &[],
            &[r#"a="1"; Version="1", b="2"; Version="1"; Domain=".other.example""#]
        ),
        ["b"]
    );
    assert_eq!(
        names(netscape(), &["token; Domain=.other.example"], &[]),
        ["token"]
    );
    assert_eq!(
        names(netscape(), &["bad\u{1}=x; Domain=.other.example"], &[]),
        ["bad\u{1}"]
    );
}
