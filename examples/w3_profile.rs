//! The peers bench's W3 lookup workload, for profilers: jars of the given
//! sizes (default 1,000 and 100,000 cookies), 100,000 pre-parsed request
//! URLs each, best of 15 passes in ns per lookup.
#[path = "../benches/common/workload.rs"]
mod workload;
use workload::{fill_ours, lookups, workload};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|s| s.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 100_000]
    } else {
        sizes
    };
    for n in sizes {
        let (lines, hosts) = workload(n, 7);
        let urls = lookups(&hosts, 100_000, 11);
        let jar = fill_ours(&lines);
        let mut best = f64::MAX;
        let mut bytes = 0usize;
        for _ in 0..15 {
            let t = std::time::Instant::now();
            for u in &urls {
                bytes += jar
                    .cookie_header_for(std::hint::black_box(u))
                    .map_or(0, |s| s.len());
            }
            best = best.min(t.elapsed().as_nanos() as f64 / urls.len() as f64);
        }
        println!("{n}: {best:.0} ns/lookup ({bytes} bytes)");
    }
}
