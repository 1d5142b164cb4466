//! A file-load loop for profilers: reads FILE (a cookies.txt, or any
//! format `Format::detect` tells; JSON ones need `--features serde`) R
//! times into a fresh jar, and prints the best and mean time per load (the
//! jar's drop is not timed, as in the peers bench). A third argument
//! `vector` loads as the peers bench's W4 vector row does: `format::read`,
//! then `replace_all`.
use cookiejar::format::{self, Format, LoadOptions, Retain};
use cookiejar::CookieJar;
use std::time::{Duration, Instant};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-data/cookies-100k.txt".into());
    let rounds: u32 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let bytes =
        std::fs::read(&path).expect("run `cargo bench --bench peers` first to write the file");
    let vector = std::env::args().nth(3).as_deref() == Some("vector");
    let format = Format::detect(&bytes).unwrap_or(Format::Mozilla);
    let opts = LoadOptions::default().session(Retain::Keep);
    let (mut spent, mut best) = (Duration::ZERO, Duration::MAX);
    let mut n = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let jar = CookieJar::new();
        if vector {
            let now = time::OffsetDateTime::now_utc();
            let loaded = format::read(&bytes, format, &opts, now).expect("reads");
            jar.replace_all(loaded.cookies).expect("loads");
        } else {
            jar.replace_all_from(&bytes, format, &opts).expect("loads");
        }
        let e = t.elapsed();
        spent += e;
        best = best.min(e);
        n = jar.len();
    }
    println!(
        "{:?} mean, {best:?} best per load of {n} cookies",
        spent / rounds.max(1)
    );
}
