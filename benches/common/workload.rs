//! The deterministic workload data of the peers bench (W1-W5), shared
//! with the profiling examples (`examples/w1_profile.rs`,
//! `examples/w3_profile.rs`) so that a profile runs exactly what the bench
//! measures.
#![allow(dead_code)]

use cookiejar::{CookieJar, SimpleRequest, SimpleResponse};
use url::Url;

/// xorshift64*: small, deterministic.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

pub const TLDS: &[&str] = &["com", "org", "net", "co.uk", "de", "io"];
pub const PATHS: &[&str] = &["/", "/a", "/a/b", "/shop", "/shop/cart", "/api/v1", "/docs"];
pub const NAMES: &[&str] = &[
    "sid",
    "session",
    "_ga",
    "_gid",
    "lang",
    "theme",
    "csrftoken",
    "prefs",
    "uid",
    "consent",
    "cart",
    "ab_test",
    "tz",
    "currency",
    "remember_me",
];

/// One response's worth of data: the URL and one Set-Cookie line.
pub struct SetLine {
    pub url: Url,
    pub line: String,
}

/// `cookies` Set-Cookie lines over `cookies / 10` hosts under
/// `cookies / 50` registrable domains (at least 1 each).
pub fn workload(cookies: usize, seed: u64) -> (Vec<SetLine>, Vec<String>) {
    let mut rng = Rng(seed);
    let domains: Vec<String> = (0..(cookies / 50).max(1))
        .map(|i| format!("site{i}.{}", TLDS[i % TLDS.len()]))
        .collect();
    let hosts: Vec<String> = (0..(cookies / 10).max(1))
        .map(|i| {
            let d = &domains[i % domains.len()];
            match i / domains.len() {
                0 => d.clone(),
                1 => format!("www.{d}"),
                n => format!("h{n}.{d}"),
            }
        })
        .collect();
    let mut lines = Vec::with_capacity(cookies);
    for i in 0..cookies {
        let host = &hosts[i % hosts.len()];
        let registrable = &domains[(i % hosts.len()) % domains.len()];
        let name = format!("{}{}", rng.pick(NAMES), i / hosts.len());
        let value: String = (0..8 + rng.below(40))
            .map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[rng.below(36)]))
            .collect();
        let mut line = format!("{name}={value}");
        if rng.below(3) == 0 {
            line.push_str(&format!("; Domain={registrable}"));
        }
        line.push_str(&format!("; Path={}", rng.pick(PATHS)));
        match rng.below(4) {
            0 => line.push_str(&format!("; Max-Age={}", 3600 + rng.below(86400 * 30))),
            1 => line.push_str("; Expires=Wed, 21 Oct 2037 07:28:00 GMT"),
            _ => {}
        }
        let secure = rng.below(4) == 0;
        if secure {
            line.push_str("; Secure");
        }
        if rng.below(3) == 0 {
            line.push_str("; HttpOnly");
        }
        if rng.below(5) == 0 {
            line.push_str("; SameSite=Lax");
        }
        let path = rng.pick(PATHS);
        lines.push(SetLine {
            url: Url::parse(&format!("https://{host}{path}")).unwrap(),
            line,
        });
    }
    (lines, hosts)
}

/// 70% to hosts with cookies, 30% to hosts without; varied paths.
pub fn lookups(hosts: &[String], n: usize, seed: u64) -> Vec<Url> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let path = format!(
                "{}{}",
                rng.pick(PATHS),
                rng.pick(&["", "/x", "/index.html"])
            );
            let host = if rng.below(10) < 7 {
                hosts[rng.below(hosts.len())].clone()
            } else {
                format!("nocookies{}.example", rng.below(100_000))
            };
            Url::parse(&format!("https://{host}{path}")).unwrap()
        })
        .collect()
}

/// W5: `n` realistic Set-Cookie strings of 40-200 bytes (the W1 lines,
/// a quarter of them stretched with a `Comment` attribute).
pub fn parse_lines(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    let (lines, _) = workload(n, seed);
    lines
        .into_iter()
        .map(|l| {
            let mut s = l.line;
            // Stretch some lines to the 200-byte end of the range.
            if rng.below(4) == 0 {
                s.push_str("; Comment=some-long-comment-text-to-make-the-line-longer");
            }
            s.truncate(200);
            s
        })
        .collect()
}

/// Each line as the response and request `extract_cookies` takes, built
/// ahead so that a timed loop only stores.
pub fn prepared(lines: &[SetLine]) -> Vec<(SimpleResponse, SimpleRequest)> {
    lines
        .iter()
        .map(|l| {
            (
                SimpleResponse::with_set_cookies([l.line.as_str()]),
                SimpleRequest::new(l.url.clone()),
            )
        })
        .collect()
}

/// A jar holding the cookies of `lines`.
pub fn fill_ours(lines: &[SetLine]) -> CookieJar {
    let jar = CookieJar::new();
    for (resp, req) in &prepared(lines) {
        jar.extract_cookies(resp, req);
    }
    jar
}

/// A profiling example's `n`th command-line argument as a count, or
/// `default`.
pub fn count_arg(n: usize, default: u32) -> u32 {
    std::env::args()
        .nth(n)
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
