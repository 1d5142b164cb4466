//! The peers bench's W5 parse workload, for profilers: 1,000,000
//! Set-Cookie strings parsed R times (default 10); prints the best pass in
//! ns per line and MB/s.
use cookiejar::parse::{parse_set_cookie, ParseLimits};
use std::time::Instant;

#[path = "../benches/common/workload.rs"]
mod workload;

fn main() {
    let rounds = workload::count_arg(1, 10);
    let strings = workload::parse_lines(1_000_000, 5);
    let bytes: usize = strings.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut n = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        for s in &strings {
            if let Ok(sc) = parse_set_cookie(s.as_bytes(), &ParseLimits::RFC6265BIS) {
                n += sc.value.len();
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{:.1} ns/line, {:.0} MB/s (checksum {n})",
        best * 1e9 / strings.len() as f64,
        bytes as f64 / best / 1e6
    );
}
