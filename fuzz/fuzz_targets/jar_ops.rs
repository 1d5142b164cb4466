//! Arbitrary Set-Cookie headers from arbitrary hosts: the jar never panics
//! and never returns a cookie to a host it does not domain-match.
#![no_main]
use cookiejar::{domain_match, CookieJar, ManualClock, SimpleRequest, SimpleResponse};
use libfuzzer_sys::fuzz_target;

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
    let jar = CookieJar::builder().clock(clock.clone()).build();
    for chunk in data.split(|&b| b == b'\n') {
        let Some((&sel, line)) = chunk.split_first() else {
            continue;
        };
        let host = HOSTS[usize::from(sel) % HOSTS.len()];
        let scheme = if sel & 0x80 != 0 { "https" } else { "http" };
        let req = SimpleRequest::parse(&format!("{scheme}://{host}/p/q")).unwrap();
        jar.extract_cookies(&SimpleResponse::with_set_cookies([line]), &req);
        clock.advance(i64::from(sel & 7));
    }
    for host in HOSTS {
        let url = url::Url::parse(&format!("https://{host}/p/q")).unwrap();
        let is_ip = host.starts_with('1');
        for c in jar.cookies_for(&url) {
            assert!(domain_match(host, is_ip, c.domain()));
        }
    }
});
