//! A file-load loop for profilers: reads FILE (a cookies.txt) R times
//! into a fresh jar.
use cookiejar::format::{self, Format, LoadOptions, Retain};
use cookiejar::CookieJar;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-data/cookies-100k.txt".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let bytes =
        std::fs::read(&path).expect("run `cargo bench --bench peers` first to write the file");
    let opts = LoadOptions::default().session(Retain::Keep);
    let now = time::OffsetDateTime::now_utc();
    let mut n = 0;
    for _ in 0..rounds {
        let loaded = format::read(&bytes, Format::Mozilla, &opts, now).expect("loads");
        let jar = CookieJar::new();
        jar.replace_all(loaded.cookies);
        n += jar.len();
    }
    println!("{n} cookies loaded");
}
