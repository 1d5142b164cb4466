//! Times the lookup of a cross-site request (a page on
//! `news.example.co.uk` asking `www.shop.example` for a subresource) to a
//! host holding 20 `SameSite=Lax` cookies, with `SameSite` ignored and
//! enforced: best of 20 rounds of 1,000 lookups. Enforced, every cookie
//! is withheld, decided once per request by the policy's return
//! shortcut.
//!
//! `cargo run --release --example samesite_profile`
use cookiejar::{CookieJar, DefaultCookiePolicy, SameSiteRules, SimpleRequest, SimpleResponse};
use std::time::Instant;

fn main() {
    for rules in [SameSiteRules::Ignore, SameSiteRules::LaxByDefault] {
        let jar = CookieJar::with_policy(DefaultCookiePolicy::builder().same_site(rules).build());
        let lines: Vec<String> = (0..20)
            .map(|i| format!("c{i}=v{i}; Secure; SameSite=Lax"))
            .collect();
        jar.extract_cookies(
            &SimpleResponse::with_set_cookies(lines),
            &SimpleRequest::parse("https://www.shop.example/").unwrap(),
        );
        let reqs: Vec<SimpleRequest> = (0..1000)
            .map(|_| {
                SimpleRequest::parse("https://www.shop.example/a")
                    .unwrap()
                    .with_origin_request_host("news.example.co.uk")
            })
            .collect();
        let mut best = f64::MAX;
        for _ in 0..20 {
            let t = Instant::now();
            let mut n = 0;
            for r in &reqs {
                n += jar.cookie_header_for_request(r).map_or(0, |h| h.len());
            }
            best = best.min(t.elapsed().as_secs_f64() / reqs.len() as f64);
            std::hint::black_box(n);
        }
        println!(
            "{rules:?}: {:.0} ns per cross-site lookup of 20 cookies",
            best * 1e9
        );
    }
}
