//! Property tests for the `Set-Cookie` parser and the matching functions.

use cookiejar::parse::{parse_set_cookie, ParseLimits, PathAttribute, SetCookieError};
use cookiejar::{
    default_path, domain_match, path_match, Cookie, CookieJar, SimpleRequest, SimpleResponse,
};
use cookiejar::{
    CookiePolicy, DefaultCookiePolicy, Rejection, ReturnShortcut, SameSite, SameSiteRules,
    ThirdPartyCookies,
};
use proptest::prelude::*;

/// Bytes a cookie name or value may hold without changing the parse: no
/// `;`, `=` (for names), CTLs, and no leading or trailing space or tab.
fn token(allow_eq: bool) -> impl Strategy<Value = String> {
    let chars = if allow_eq {
        "[!-:<-~]{1,20}"
    } else {
        "[!-:<>-~]{1,20}"
    };
    chars.prop_map(String::from)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn parser_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_set_cookie(&bytes, &ParseLimits::RFC6265BIS);
        let _ = parse_set_cookie(&bytes, &ParseLimits::NONE);
    }

    #[test]
    fn jar_never_panics_on_headers(
        lines in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..120), 0..6),
        url in "(http|https)://[a-z.]{1,20}(:[0-9]{1,4})?/[ -~]{0,20}",
    ) {
        let jar = CookieJar::new();
        if let Ok(req) = SimpleRequest::parse(&url) {
            jar.extract_cookies(&SimpleResponse::with_set_cookies(lines), &req);
            let _ = jar.cookie_header_for(cookiejar::Request::url(&req));
        }
    }

    #[test]
    fn parser_finds_the_parts(
        name in token(false),
        value in token(true),
        domain in proptest::option::of("[a-z]{1,8}\\.[a-z]{2,3}"),
        path in proptest::option::of("/[a-z/]{0,10}"),
        max_age in proptest::option::of(-100i64..100_000),
        secure in any::<bool>(),
        http_only in any::<bool>(),
        ws in "[ \t]{0,2}",
    ) {
        let mut line = format!("{ws}{name}{ws}={ws}{value}{ws}");
        if let Some(d) = &domain { line.push_str(&format!(";{ws}Domain{ws}={ws}.{d}")); }
        if let Some(p) = &path { line.push_str(&format!("; PATH={p}")); }
        if let Some(a) = max_age { line.push_str(&format!("; max-age={a}")); }
        if secure { line.push_str("; Secure"); }
        if http_only { line.push_str(";HttpOnly"); }
        let sc = parse_set_cookie(line.as_bytes(), &ParseLimits::RFC6265BIS).unwrap();
        prop_assert_eq!(sc.name, name.as_bytes());
        prop_assert_eq!(sc.value, value.as_bytes());
        prop_assert_eq!(sc.domain, domain.as_deref().map(str::as_bytes));
        prop_assert_eq!(sc.domain_initial_dot, domain.is_some());
        prop_assert_eq!(sc.path, path.as_deref().map(|p| PathAttribute::Explicit(p.as_bytes())));
        prop_assert_eq!(sc.max_age, max_age);
        prop_assert_eq!(sc.secure, secure);
        prop_assert_eq!(sc.http_only, http_only);
    }

    #[test]
    fn any_ctl_rejects(prefix in "[a-z=; ]{0,10}", ctl in prop::sample::select(
        (0u8..=0x1f).filter(|b| *b != b'\t').chain([0x7f]).collect::<Vec<u8>>()
    ), suffix in "[a-z=; ]{0,10}") {
        let mut line = prefix.into_bytes();
        let at = line.len();
        line.push(ctl);
        line.extend(suffix.bytes());
        prop_assert_eq!(
            parse_set_cookie(&line, &ParseLimits::RFC6265BIS),
            Err(SetCookieError::ControlCharacter(at))
        );
    }

    #[test]
    fn domain_match_is_suffix_at_label(host in "[a-c]{1,2}(\\.[a-c]{1,2}){0,3}", domain in "[a-c]{1,2}(\\.[a-c]{1,2}){0,2}") {
        let expect = host == domain || host.ends_with(&format!(".{domain}"));
        prop_assert_eq!(domain_match(&host, &domain), expect);
        // An IP host only matches itself.
        let ip = format!("10.{}.0.1", host.len());
        prop_assert_eq!(domain_match(&ip, &domain), ip == domain);
        prop_assert!(!domain_match(&ip, "0.1"));
    }

    #[test]
    fn default_path_is_matched_by_its_request(path in "/[a-z/]{0,12}") {
        let d = default_path(&path);
        prop_assert!(d.starts_with('/'));
        prop_assert!(path_match(&path, d), "{} !~ {}", path, d);
    }

    #[test]
    fn path_match_is_prefix_at_segment(req in "/[ab/]{0,6}", cookie in "/[ab/]{0,4}") {
        let expect = req == cookie
            || (req.starts_with(&cookie)
                && (cookie.ends_with('/') || req.as_bytes().get(cookie.len()) == Some(&b'/')));
        prop_assert_eq!(path_match(&req, &cookie), expect);
    }

    /// `Cookie`'s Display writes a Set-Cookie header that recreates it.
    #[test]
    fn display_round_trips(name in token(false), value in token(true), host_only in any::<bool>(),
                           path in "/[a-z/]{0,8}", secure in any::<bool>(), max_age in proptest::option::of(1i64..1_000_000)) {
        let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let c = Cookie::builder(name, value)
            .domain("www.example.com")
            .host_only(host_only)
            .path(path)
            .secure(secure)
            .expires(max_age.map(|a| now + time::Duration::seconds(a)))
            .creation_time(now)
            .build();
        let jar = CookieJar::builder().clock(cookiejar::ManualClock::new(1_700_000_000)).build();
        let req = SimpleRequest::parse("https://www.example.com/").unwrap();
        jar.extract_cookies(&SimpleResponse::with_set_cookies([c.to_string()]), &req);
        let got = jar.cookies();
        prop_assert_eq!(got.len(), 1);
        let g = &got[0];
        prop_assert_eq!((g.name(), g.value(), g.domain(), g.host_only(), g.path(), g.secure(), g.expires()),
                        (c.name(), c.value(), c.domain(), c.host_only(), c.path(), c.secure(), c.expires()));
    }
}

proptest! {
    /// A policy's `return_shortcut` decides exactly as its `return_ok`
    /// and `path_return_ok` would, for every kind of policy and request.
    #[test]
    fn return_shortcut_agrees_with_return_ok(
        secure in any::<bool>(),
        url in "(http|https|ws|wss|ftp)://(example\\.com|localhost|127\\.0\\.0\\.1|a\\.example\\.com)/[a-z/]{0,6}",
        policy_kind in 0u8..7,
        origin in prop::option::of("(example\\.com|other\\.org)"),
        same_site in prop::sample::select(vec![SameSite::Default, SameSite::None, SameSite::Lax, SameSite::Strict]),
        top_level in any::<bool>(),
        method in "(GET|POST)",
    ) {
        let policy = match policy_kind {
            0 => DefaultCookiePolicy::default(),
            1 => DefaultCookiePolicy::client_cookie().build(),
            2 => DefaultCookiePolicy::builder().blocked_domains(["example.com"]).build(),
            3 => DefaultCookiePolicy::builder().third_party(ThirdPartyCookies::Block).build(),
            4 => DefaultCookiePolicy::builder().secure_protocols(["https", "ftp"]).build(),
            5 => DefaultCookiePolicy::builder().same_site(SameSiteRules::LaxByDefault).build(),
            _ => DefaultCookiePolicy::builder().same_site(SameSiteRules::NoneByDefault).build(),
        };
        let mut req = SimpleRequest::parse(&url)
            .unwrap()
            .with_top_level_navigation(top_level)
            .with_method(method);
        if let Some(o) = &origin {
            req = req.with_origin_request_host(o.as_str());
        }
        let cookie = Cookie::builder("n", "v")
            .domain("example.com")
            .host_only(false)
            .path("/")
            .secure(secure)
            .same_site(same_site)
            .build();
        match policy.return_shortcut(&req) {
            ReturnShortcut::SecureFlag { secure_allowed } => {
                let full = policy.path_return_ok(cookie.path(), &req)
                    && policy.return_ok(&cookie, &req).is_ok();
                prop_assert_eq!(full, secure_allowed || !secure);
            }
            // The default policy refuses ftp (not HTTP) cookie by cookie.
            _ if policy_kind == 0 && url.starts_with("ftp") => {
                prop_assert_eq!(policy.return_ok(&cookie, &req), Err(Rejection::NotHttp));
            }
            ReturnShortcut::SecureAndSameSite { secure_allowed, lax_allowed, unset_allowed, .. } => {
                // Only for cross-site requests under SameSite rules.
                prop_assert!(policy_kind >= 5);
                prop_assert!(origin.is_some_and(|o| o == "other.org" || !url.contains("example.com")));
                let full = policy.path_return_ok(cookie.path(), &req)
                    && policy.return_ok(&cookie, &req).is_ok();
                let flag_ok = match same_site {
                    SameSite::None => true,
                    SameSite::Lax => lax_allowed,
                    SameSite::Strict => false,
                    _ => unset_allowed,
                };
                prop_assert_eq!(full, (secure_allowed || !secure) && flag_ok);
            }
            // SameSite rules decide cookie by cookie only for a scheme
            // they refuse.
            _ if policy_kind >= 5 => prop_assert!(url.starts_with("ftp")),
            _ => prop_assert!(policy_kind != 0 && policy_kind != 4),
        }
    }

    /// Under enforced `SameSite` rules, the shortcut of a cross-site
    /// request decides each flag as `return_ok` does (RFC 6265bis §5.8.3).
    #[test]
    fn same_site_shortcut_agrees_with_return_ok(
        secure in any::<bool>(),
        https in any::<bool>(),
        none_by_default in any::<bool>(),
        same_site in prop::sample::select(vec![SameSite::Default, SameSite::None, SameSite::Lax, SameSite::Strict]),
        top_level in any::<bool>(),
        method in "(GET|HEAD|POST|get)",
        partitioned in any::<bool>(),
    ) {
        let rules = match none_by_default {
            true => SameSiteRules::NoneByDefault,
            false => SameSiteRules::LaxByDefault,
        };
        let policy = DefaultCookiePolicy::builder().same_site(rules).build();
        let url = if https { "https://www.example.com/" } else { "http://www.example.com/" };
        let req = SimpleRequest::parse(url)
            .unwrap()
            .with_origin_request_host("other.example")
            .with_top_level_navigation(top_level)
            .with_method(method);
        let cookie = Cookie::builder("n", "v")
            .domain("example.com")
            .secure(secure)
            .same_site(same_site)
            .partitioned(partitioned)
            .build();
        let ReturnShortcut::SecureAndSameSite {
            secure_allowed,
            lax_allowed,
            unset_allowed,
            partitioned_allowed,
        } = policy.return_shortcut(&req)
        else {
            return Err(TestCaseError::fail("no SameSite shortcut for a cross-site request"));
        };
        let flag_ok = match same_site {
            SameSite::None => true,
            SameSite::Lax => lax_allowed,
            SameSite::Strict => false,
            _ => unset_allowed,
        };
        prop_assert_eq!(
            policy.return_ok(&cookie, &req).is_ok(),
            (secure_allowed || !secure) && flag_ok && (partitioned_allowed || !partitioned)
        );
    }

    /// Name and value survive the one-allocation `name=value` storage,
    /// whatever they hold (`=` in either, empty name, empty value).
    #[test]
    fn name_and_value_round_trip(name in "[a-z=]{0,5}", value in "[a-z= ]{0,5}") {
        let c = Cookie::builder(name.as_str(), value.as_str()).domain("example.com").build();
        prop_assert_eq!(c.name(), name.as_str());
        prop_assert_eq!(c.value(), value.as_str());
        let mut c2 = c.clone();
        c2.set_value("x=y");
        prop_assert_eq!(c2.name(), name.as_str());
        prop_assert_eq!(c2.value(), "x=y");
    }
}

#[test]
fn debug_redacts_values() {
    let c = Cookie::builder("sid", "top-secret-token")
        .domain("example.com")
        .build();
    let s = format!("{c:?}");
    assert!(s.contains("sid"));
    assert!(!s.contains("top-secret-token"), "{s}");
    let line = b"sid=top-secret-token; Path=/";
    let sc = parse_set_cookie(line, &ParseLimits::RFC6265BIS).unwrap();
    assert!(!format!("{sc:?}").contains("top-secret-token"));
    // Nor does a jar holding it (its index keeps `name=value` too).
    let jar = CookieJar::new();
    let req = SimpleRequest::parse("https://example.com/").unwrap();
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["sid=top-secret-token"]),
        &req,
    );
    assert_eq!(jar.len(), 1);
    let s = format!("{jar:?}");
    assert!(!s.contains("top-secret-token"), "{s}");
    // A summary, not a listing: a jar may hold millions.
    assert!(s.starts_with("CookieJar { cookies: 1, policy: "), "{s}");
    assert!(!s.contains("sid"), "{s}");
}

#[test]
fn cookie_crate_conversions() {
    let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let c = Cookie::builder("a", "b")
        .domain("example.com")
        .host_only(false)
        .path("/x")
        .secure(true)
        .http_only(true)
        .same_site(cookiejar::SameSite::Lax)
        .expires(Some(now + time::Duration::hours(1)))
        .build();
    let cc: cookie::Cookie<'static> = (&c).into();
    assert_eq!(cc.name(), "a");
    assert_eq!(cc.domain(), Some("example.com"));
    assert_eq!(cc.path(), Some("/x"));
    assert_eq!(cc.secure(), Some(true));
    assert_eq!(cc.same_site(), Some(cookie::SameSite::Lax));
    let back = Cookie::from_cookie_crate(&cc, "www.example.com", "/", now);
    assert_eq!(back.domain(), "example.com");
    assert!(!back.host_only());
    assert_eq!(back.path(), "/x");
    assert_eq!(back.expires(), c.expires());
    assert!(back.secure() && back.http_only());
    let host_only = cookie::Cookie::new("n", "v");
    let h = Cookie::from_cookie_crate(&host_only, "www.example.com", "/dir", now);
    assert!(h.host_only());
    assert_eq!(h.domain(), "www.example.com");
    assert_eq!(h.path(), "/dir");
    assert!(!h.persistent());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// `withheld_for_request` lists exactly the cookies for the request's
    /// site (their domain is within its registrable domain, or the host
    /// alone for an address or a public suffix, or they are domain
    /// cookies whose domain domain-matches the host, or host-only ones
    /// of a parent the policy sends to subdomains) that the lookup
    /// leaves out, each once, and none that it sends, whatever the
    /// policy, the request and the time.
    #[test]
    fn withheld_and_sent_are_the_host_cookies(
        stores in prop::collection::vec((
            "(http|https)://(a\\.example\\.com|example\\.com|b\\.a\\.example\\.com|c\\.example\\.com|example\\.org|127\\.0\\.0\\.1|github\\.io|a\\.github\\.io)/[ab/]{0,4}",
            "[nm]{1,2}=v(; Domain=(example\\.com|a\\.example\\.com|github\\.io))?(; Path=/[ab/]{0,3})?(; Secure)?(; Max-Age=(5|100))?(; SameSite=(Lax|Strict|None))?",
        ), 1..12),
        url in "(http|https)://(a\\.example\\.com|example\\.com|b\\.a\\.example\\.com|c\\.example\\.com|127\\.0\\.0\\.1|github\\.io|b\\.github\\.io)/[ab/]{0,4}",
        policy_kind in 0u8..7,
        origin in prop::option::of("(example\\.com|other\\.org)"),
        later in 0i64..200,
    ) {
        let policy = match policy_kind {
            0 => DefaultCookiePolicy::default(),
            1 => DefaultCookiePolicy::client_cookie().build(),
            2 => DefaultCookiePolicy::builder().blocked_domains(["a.example.com"]).build(),
            3 => DefaultCookiePolicy::builder().third_party(ThirdPartyCookies::Block).build(),
            4 => DefaultCookiePolicy::builder().same_site(SameSiteRules::LaxByDefault).build(),
            5 => DefaultCookiePolicy::client_cookie()
                .public_suffixes(cookiejar::PublicSuffixes::Off)
                .build(),
            _ => DefaultCookiePolicy::client_cookie().strict_ns_domain(cookiejar::DomainStrictness::NON_DOMAIN).build(),
        };
        let clock = cookiejar::ManualClock::new(1_700_000_000);
        let jar = CookieJar::builder().policy(policy).clock(clock.clone()).build();
        for (from, line) in &stores {
            let from = url::Url::parse(from).unwrap();
            jar.set_cookies_from_headers(&from, [line]);
        }
        clock.advance(later);
        let mut req = SimpleRequest::parse(&url).unwrap();
        if let Some(o) = &origin {
            req = req.with_origin_request_host(o.as_str());
        }
        let host = cookiejar::Request::url(&req).host_str().unwrap().to_owned();
        let before: Vec<_> = jar.all_cookies().iter().map(|c| c.last_access_time()).collect();
        let withheld = jar.withheld_for_request(&req);
        // A diagnostic changes no last-access time.
        let after: Vec<_> = jar.all_cookies().iter().map(|c| c.last_access_time()).collect();
        prop_assert_eq!(before, after);
        let sent: Vec<Cookie> = jar.cookies_for_request(&req);
        // With a public suffix list (every policy here but Python's), a
        // suffix's cookies go to that host alone.
        for c in sent.iter().filter(|_| policy_kind != 5) {
            let public = cookiejar::psl::PublicSuffixList::is_public_suffix(
                &cookiejar::psl::BuiltinList,
                c.domain(),
            );
            prop_assert!(c.domain() == host || !public, "{} got {}'s", host, c.domain());
        }
        let mut listed: Vec<cookiejar::CookieKey> = withheld.iter().map(|(c, _)| c.key()).collect();
        listed.extend(sent.iter().map(Cookie::key));
        listed.sort();
        let before = listed.len();
        listed.dedup();
        prop_assert_eq!(before, listed.len(), "a cookie both sent and withheld, or listed twice");
        // The host's site: its registrable domain's hosts; an address,
        // or a public suffix, alone.
        let site = match host.parse::<std::net::IpAddr>() {
            Ok(_) => None,
            Err(_) => cookiejar::psl::PublicSuffixList::registrable_domain(
                &cookiejar::psl::BuiltinList,
                &host,
            ),
        };
        let in_site = |d: &str| site.map_or(d == host, |site| domain_match(d, site));
        let mut want: Vec<cookiejar::CookieKey> = jar
            .all_cookies()
            .iter()
            .filter(|c| {
                let policy = jar.policy();
                let for_host = !c.host_only()
                    || (policy.host_cookies_may_match_subdomains()
                        && policy.host_cookie_matches_subdomains(c));
                in_site(c.domain()) || (domain_match(&host, c.domain()) && for_host)
            })
            .map(Cookie::key)
            .collect();
        want.sort();
        prop_assert_eq!(listed, want);
    }
}
