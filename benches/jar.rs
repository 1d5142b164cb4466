//! `add_cookie_header` on jars of 1k, 10k and 100k cookies: the cost per
//! lookup should stay flat, since the jar indexes cookies by domain.
//!
//! Every jar holds 5 cookies per site (3 domain cookies on `siteN.test`,
//! 2 host-only on `www.siteN.test`, paths `/` and `/a`), with 200, 2,000 or
//! 20,000 sites. Lookups cycle through 1,024 pre-parsed URLs on random
//! sites (seeded), 70% of them to a site with cookies.
//!
//! `block_list`: stores and lookups under block lists of 0 to 10,000
//! domains.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use cookiejar::{Cookie, CookieJar, ManualClock, SimpleRequest};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use url::Url;

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn jar_with(cookies: usize) -> CookieJar {
    let clock = ManualClock::new(1_700_000_000);
    let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let jar = CookieJar::builder().clock(clock).build();
    let sites = cookies / 5;
    for s in 0..sites {
        let site = format!("site{s}.test");
        for (i, path) in ["/", "/a", "/"].iter().enumerate() {
            jar.set_cookie(
                Cookie::builder(format!("d{i}"), "value-of-some-length")
                    .domain(&site)
                    .host_only(false)
                    .path(*path)
                    .creation_time(now)
                    .build(),
            )
            .unwrap();
        }
        for (i, path) in ["/", "/a/b"].iter().enumerate() {
            jar.set_cookie(
                Cookie::builder(format!("h{i}"), "another-value")
                    .domain(format!("www.{site}"))
                    .path(*path)
                    .creation_time(now)
                    .build(),
            )
            .unwrap();
        }
    }
    assert_eq!(jar.len(), sites * 5);
    jar
}

fn urls(sites: usize) -> Vec<Url> {
    let mut rng = Rng(0x5eed);
    (0..1024)
        .map(|_| {
            let s = rng.below(sites as u64);
            let path = ["/", "/a/b/c", "/x"][rng.below(3) as usize];
            if rng.below(10) < 7 {
                Url::parse(&format!("https://www.site{s}.test{path}")).unwrap()
            } else {
                Url::parse(&format!("https://www.nocookies{s}.test{path}")).unwrap()
            }
        })
        .collect()
}

fn add_cookie_header(c: &mut Criterion) {
    let mut group = c.benchmark_group("add_cookie_header");
    group.throughput(Throughput::Elements(1));
    for size in [1_000usize, 10_000, 100_000] {
        let jar = jar_with(size);
        let urls = urls(size / 5);
        let mut requests: Vec<SimpleRequest> = urls.iter().map(SimpleRequest::from).collect();
        let mut i = 0usize;
        group.bench_with_input(BenchmarkId::from_parameter(size), &size, |b, _| {
            b.iter(|| {
                let req = &mut requests[i & 1023];
                i = i.wrapping_add(1);
                req.remove_header("Cookie");
                jar.add_cookie_header(black_box(req));
            })
        });
        let mut j = 0usize;
        group.bench_with_input(
            BenchmarkId::new("cookie_header_for", size),
            &size,
            |b, _| {
                b.iter(|| {
                    let url = &urls[j & 1023];
                    j = j.wrapping_add(1);
                    black_box(jar.cookie_header_for(black_box(url)))
                })
            },
        );
    }
    group.finish();
}

/// Stores and lookups under a `DefaultCookiePolicy` with a block list of
/// 0, 100 and 10,000 domains (a tracker list's size), none of them the
/// request's: the cost should not grow with the list, which is indexed.
fn block_list(c: &mut Criterion) {
    let mut group = c.benchmark_group("block_list");
    group.throughput(Throughput::Elements(1));
    for entries in [0usize, 100, 10_000] {
        let blocked = (0..entries).map(|i| match i % 2 {
            0 => format!(".tracker{i}.example"),
            _ => format!("tracker{i}.example"),
        });
        let policy = cookiejar::DefaultCookiePolicy::builder()
            .blocked_domains(blocked)
            .build();
        let jar = CookieJar::builder()
            .policy(policy)
            .clock(ManualClock::new(1_700_000_000))
            .build();
        let urls = urls(200);
        let mut i = 0usize;
        group.bench_with_input(BenchmarkId::new("store", entries), &entries, |b, _| {
            b.iter(|| {
                let url = &urls[i & 1023];
                i = i.wrapping_add(1);
                jar.set_cookies_from_headers(black_box(url), [&b"a=1; Max-Age=3600"[..]]);
            })
        });
        let mut j = 0usize;
        group.bench_with_input(BenchmarkId::new("lookup", entries), &entries, |b, _| {
            b.iter(|| {
                let url = &urls[j & 1023];
                j = j.wrapping_add(1);
                black_box(jar.cookie_header_for(black_box(url)))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, add_cookie_header, block_list);
criterion_main!(benches);
