//! The peers bench's W1 store workload, for profilers: 10,000 Set-Cookie
//! lines into a fresh jar through `set_cookies_from_headers` (URL and
//! header value), R rounds (default 300); with a second argument `traits`,
//! through `extract_cookies` over prepared `SimpleResponse`s and
//! `SimpleRequest`s instead. Prints the mean and best time per round (jar
//! drops are not timed). `perf record target/release/examples/w1_profile`
//! then shows only the store path.
use cookiejar::CookieJar;
use std::time::{Duration, Instant};

#[path = "../benches/common/workload.rs"]
mod workload;
use workload::workload;

fn main() {
    let rounds = workload::count_arg(1, 300);
    let (lines, _) = workload(10_000, 1);
    let prepared = workload::prepared(&lines);
    let traits = std::env::args().nth(2).as_deref() == Some("traits");
    let mut jars = Vec::new();
    let (mut spent, mut best) = (Duration::ZERO, Duration::MAX);
    for _ in 0..rounds {
        let jar = CookieJar::new();
        let t = Instant::now();
        if traits {
            for (resp, req) in &prepared {
                jar.extract_cookies(resp, req);
            }
        } else {
            for l in &lines {
                jar.set_cookies_from_headers(&l.url, std::iter::once(l.line.as_bytes()));
            }
        }
        let e = t.elapsed();
        spent += e;
        best = best.min(e);
        // Dropped in batches, outside the timed part, as criterion does.
        jars.push(jar);
        if jars.len() == 20 {
            jars.clear();
        }
    }
    println!(
        "{:?} mean, {best:?} best per round of {} lines",
        spent / rounds.max(1),
        prepared.len()
    );
}
