//! Arbitrary Set-Cookie headers from arbitrary hosts, with lookups in
//! between: the jar never panics, never returns a cookie to a host it does
//! not domain-match nor one expired (at clock readings that now and then
//! leave 1970-2106), and the `Cookie` header a lookup writes (from the
//! buckets' lookup texts) is the cookies it selects (from the cookies
//! themselves), in order. The jar's per-domain limit is small (1 to 4,
//! from the first byte), so evictions happen, and no domain ever holds
//! more unexpired cookies than it; so is its total (2 to 9, from the
//! second byte), which the jar never exceeds; and its per-site limit (1
//! to 5, or none, from the fifth byte): no site (registrable domain, or
//! an address or a public suffix alone) ever holds more cookies, expired
//! ones included (they go first). `SameSite` is enforced
//! (`LaxByDefault` or `NoneByDefault`, from the third byte): a cross-site
//! lookup sends exactly the same-site lookup's cookies that `SameSite`
//! lets go with it (RFC 6265bis §5.8.3), and no partitioned one but to a
//! navigation (the jar keeps only first-party partitions), for a page's
//! request (from
//! another site, or from the `http://` origin of the same host) and for a
//! top-level `GET` navigation; and when the fourth byte says so, some
//! responses come to requests made from the host's `http://` origin,
//! cross-site for an `https` request, which store no cookie `SameSite`
//! restricts (§5.7 step 18) and no partitioned one. Every cookie of a
//! host's site a lookup leaves out has a reason in
//! `withheld_for_request`, and none it sends has one. Now and then the
//! jar is replaced by its fork (`CookieJar::fork`), which holds the
//! same cookies, sends the same headers and keeps the same limits.
#![no_main]
use cookiejar::{
    domain_match, CookieEvent, CookieJar, DefaultCookiePolicy, ManualClock, SameSite,
    SameSiteRules, SimpleRequest, SimpleResponse,
};
use libfuzzer_sys::fuzz_target;

mod common;
use common::{site_of, withheld_and_sent_cover};

const HOSTS: &[&str] = &[
    "a.example.com",
    "example.com",
    "co.uk",
    "b.co.uk",
    "127.0.0.1",
    "localhost",
];

fuzz_target!(|data: &[u8]| {
    let clock = ManualClock::new(1_700_000_000);
    let limit = 1 + usize::from(data.first().copied().unwrap_or(0) % 4);
    let total = 2 + usize::from(data.get(1).copied().unwrap_or(0) % 8);
    let rules = match data.get(2).copied().unwrap_or(0) & 1 {
        0 => SameSiteRules::NoneByDefault,
        _ => SameSiteRules::LaxByDefault,
    };
    let cross_stores = data.get(3).is_some_and(|b| b & 1 == 1);
    let site_limit = data
        .get(4)
        .map(|b| usize::from(b % 6))
        .filter(|&n| n < 5)
        .map(|n| n + 1);
    let mut jar = CookieJar::builder()
        .clock(clock.clone())
        .policy(DefaultCookiePolicy::builder().same_site(rules).build())
        .max_cookies_per_domain(std::num::NonZeroUsize::new(limit))
        .max_cookies(std::num::NonZeroUsize::new(total))
        .max_cookies_per_site(site_limit.and_then(std::num::NonZeroUsize::new))
        .build();
    for chunk in data.split(|&b| b == b'\n') {
        let Some((&sel, line)) = chunk.split_first() else {
            continue;
        };
        let host = HOSTS[usize::from(sel) % HOSTS.len()];
        let scheme = if sel & 0x80 != 0 { "https" } else { "http" };
        let mut req = SimpleRequest::parse(&format!("{scheme}://{host}/p/q")).unwrap();
        let cross_site = cross_stores && sel & 0x10 != 0;
        if cross_site {
            req = req.with_origin_request_host(format!("http://{host}"));
        }
        let restricted = |s: SameSite| !unrestricted(s, rules);
        jar.extract_cookies_with(&SimpleResponse::with_set_cookies([line]), &req, &mut |e| {
            if let CookieEvent::Stored(c) = e {
                assert!(
                    !(cross_site
                        && scheme == "https"
                        && (restricted(c.same_site()) || c.partitioned())),
                    "{:?} stored from a cross-site request",
                    c.same_site()
                );
            }
        });
        clock.advance(i64::from(sel & 7));
        if sel & 0x3f == 0x3f {
            // Now and then a clock outside the seconds the store keeps
            // inline (1970 to 2106): around their edges, or far off.
            let far = [-10, u32::MAX as i64 - 5, 32_503_680_000, 1_700_000_000];
            clock.set(far[usize::from(sel >> 6)]);
        }
        if sel & 0x40 != 0 {
            check(&jar, host, clock.unix_seconds(), rules);
        }
        if sel & 0x3f == 0x15 {
            let copy = jar.fork();
            assert_eq!(copy.all_cookies(), jar.all_cookies());
            assert_eq!(copy.len(), jar.len());
            for host in HOSTS {
                let url = url::Url::parse(&format!("https://{host}/p/q")).unwrap();
                assert_eq!(copy.cookie_header_for(&url), jar.cookie_header_for(&url));
            }
            jar = copy;
        }
        let mut per_domain = std::collections::HashMap::new();
        for c in jar.cookies() {
            *per_domain.entry(c.domain().to_owned()).or_insert(0) += 1;
        }
        assert!(per_domain.values().all(|&n| n <= limit), "{per_domain:?}");
        if let Some(site_limit) = site_limit {
            let mut per_site = std::collections::HashMap::new();
            for c in jar.all_cookies() {
                *per_site.entry(site_of(c.domain())).or_insert(0) += 1;
            }
            assert!(per_site.values().all(|&n| n <= site_limit), "{per_site:?}");
        }
        assert!(jar.len() <= total, "{} > {total}", jar.len());
    }
    for host in HOSTS {
        check(&jar, host, clock.unix_seconds(), rules);
    }
});

fn check(jar: &CookieJar, host: &str, now: i64, rules: SameSiteRules) {
    let url = url::Url::parse(&format!("https://{host}/p/q")).unwrap();
    let cookies = jar.cookies_for(&url);
    for c in &cookies {
        assert!(domain_match(host, c.domain()));
        // Never an expired cookie.
        assert!(c.expires().is_none_or(|t| t.unix_timestamp() > now));
    }
    let pairs: Vec<String> = cookies
        .iter()
        .map(|c| match c.name() {
            "" => c.value().to_owned(),
            n => format!("{n}={}", c.value()),
        })
        .collect();
    let want = (!pairs.is_empty()).then(|| pairs.join("; "));
    assert_eq!(jar.cookie_header_for(&url), want);
    // Cross-site: a page's request carries `None` cookies (and unset ones
    // under `NoneByDefault`); a top-level GET navigation all but `Strict`.
    let page = SimpleRequest::new(url.clone()).with_origin_request_host("evil.test");
    let navigation = page
        .clone()
        .with_top_level_navigation(true)
        .with_method("GET");
    let plain_page =
        SimpleRequest::new(url.clone()).with_origin_request_host(format!("http://{host}"));
    let for_page = |s: SameSite| unrestricted(s, rules);
    let for_navigation = |s: SameSite| s != SameSite::Strict;
    for (request, allowed, navigates) in [
        (page, &for_page as &dyn Fn(SameSite) -> bool, false),
        (plain_page, &for_page, false),
        (navigation, &for_navigation, true),
    ] {
        let sent: Vec<&str> = cookies
            .iter()
            .zip(&pairs)
            .filter(|(c, _)| allowed(c.same_site()) && (navigates || !c.partitioned()))
            .map(|(_, p)| p.as_str())
            .collect();
        let want = (!sent.is_empty()).then(|| sent.join("; "));
        assert_eq!(jar.cookie_header_for_request(&request), want);
        withheld_and_sent_cover(jar, &request, host);
    }
    let http = url::Url::parse(&format!("http://{host}/")).unwrap();
    withheld_and_sent_cover(jar, &SimpleRequest::new(http), host);
}

/// Whether a cookie with this `SameSite` goes with a page's cross-site
/// request under `rules` (and may be set from one's response).
fn unrestricted(s: SameSite, rules: SameSiteRules) -> bool {
    s == SameSite::None || (s == SameSite::Default && rules == SameSiteRules::NoneByDefault)
}
