//! `cookiejar` against its peers, in one run: `cookie_store` (the jar
//! behind reqwest and ureq) and the `cookie` crate's parser.
//!
//! Workloads (data generated deterministically from a fixed seed):
//! - W1 store: 10,000 Set-Cookie lines from responses over 1,000 hosts
//!   under 200 registrable domains, into an empty jar, each side given the
//!   URL and the header value (ours: `set_cookies_from_headers`; also
//!   measured through `extract_cookies` over prepared `SimpleResponse`s
//!   and `SimpleRequest`s).
//! - W2 lookup: the Cookie header for 100,000 pre-parsed request URLs (70%
//!   to hosts with cookies, 30% without) against the W1 jar.
//! - W3 scaling: W2 on jars of 1k, 10k (W2's own jar) and 100k cookies.
//! - W4 files: load and save a 100,000-cookie file (ours: `cookies.txt`;
//!   `cookie_store`: its JSON format; ours streamed into the jar by
//!   `replace_all_from`, and also through a vector of cookies,
//!   `format::read` then `replace_all`). Load times end when the jar is
//!   built: freeing it is not timed, for either side (as in W1).
//! - W5 parse: 1,000,000 Set-Cookie strings of 40-200 bytes.
//!
//! After criterion's own output, a table of medians and ratios is printed
//! (read back from `target/criterion/*/new/estimates.json`), and the
//! memory a 100k-cookie jar takes, from a counting allocator.
#![allow(missing_docs)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions};
use cookiejar::parse::{parse_set_cookie, ParseLimits};
use cookiejar::CookieJar;
use criterion::{black_box, BatchSize, Criterion, Throughput};
use url::Url;

#[path = "common/workload.rs"]
mod workload;
use workload::{fill_ours, lookups, parse_lines, prepared, workload, SetLine};

/// Counts live heap bytes, to measure the jar's memory; and, while
/// [`peak_during`] asks for it, their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static TRACK_PEAK: AtomicBool = AtomicBool::new(false);

/// Records `live` bytes as the peak if higher (only while tracking: the
/// timed benchmarks pay one untaken branch per allocation, not an atomic
/// maximum).
fn note_peak(live: usize) {
    if TRACK_PEAK.load(Ordering::Relaxed) {
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

/// Runs `f`; returns how far the live heap rose above where it started
/// (at its peak), and what `f` returned.
fn peak_during<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    TRACK_PEAK.store(true, Ordering::Relaxed);
    let out = f();
    TRACK_PEAK.store(false, Ordering::Relaxed);
    (PEAK.load(Ordering::Relaxed).saturating_sub(before), out)
}

// SAFETY: delegates to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_peak(LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size());
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Old and new block are both live while a moving realloc copies.
        note_peak(LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn fill_peer(lines: &[SetLine], psl: Option<&publicsuffix::List>) -> cookie_store::CookieStore {
    let mut store = match psl {
        Some(l) => cookie_store::CookieStore::new_with_public_suffix(Some(l.clone())),
        None => cookie_store::CookieStore::new(),
    };
    for l in lines {
        let _ = store.parse(&l.line, &l.url);
    }
    store
}

/// The Cookie header the way reqwest builds it from `cookie_store`.
fn peer_header(store: &cookie_store::CookieStore, url: &Url) -> Option<String> {
    let mut s = String::new();
    for (n, v) in store.get_request_values(url) {
        if !s.is_empty() {
            s.push_str("; ");
        }
        s.push_str(n);
        s.push('=');
        s.push_str(v);
    }
    (!s.is_empty()).then_some(s)
}

fn psl_list() -> publicsuffix::List {
    include_str!("../data/public_suffix_list.dat")
        .parse()
        .unwrap()
}

fn w1_store(c: &mut Criterion) {
    let (lines, _) = workload(10_000, 1);
    let psl = psl_list();
    let mut g = c.benchmark_group("W1-store");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.sample_size(20);
    // Both sides are given what a client has: the URL and the header
    // value (`set_cookies_from_headers` / `CookieStore::parse`).
    g.bench_function("cookiejar", |b| {
        b.iter_batched(
            CookieJar::new,
            |jar| {
                for l in &lines {
                    jar.set_cookies_from_headers(&l.url, std::iter::once(l.line.as_bytes()));
                }
                jar
            },
            BatchSize::LargeInput,
        )
    });
    // Ours through the `Request`/`Response` traits, over a
    // `SimpleResponse` and `SimpleRequest` per line built ahead.
    let prepared = prepared(&lines);
    g.bench_function("cookiejar-traits", |b| {
        b.iter_batched(
            CookieJar::new,
            |jar| {
                for (resp, req) in &prepared {
                    jar.extract_cookies(resp, req);
                }
                jar
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("cookie_store", |b| {
        b.iter_batched(
            cookie_store::CookieStore::new,
            |mut store| {
                for l in &lines {
                    let _ = store.parse(&l.line, &l.url);
                }
                store
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("cookie_store+psl", |b| {
        b.iter_batched(
            || cookie_store::CookieStore::new_with_public_suffix(Some(psl.clone())),
            |mut store| {
                for l in &lines {
                    let _ = store.parse(&l.line, &l.url);
                }
                store
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn lookup_group(c: &mut Criterion, name: &str, cookies: usize, requests: usize) {
    let (lines, hosts) = workload(cookies, 7);
    let urls = lookups(&hosts, requests, 11);
    let ours = fill_ours(&lines);
    let peer = fill_peer(&lines, None);
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(1));
    let mut i = 0usize;
    g.bench_function("cookiejar", |b| {
        b.iter(|| {
            let u = &urls[i % urls.len()];
            i += 1;
            black_box(ours.cookie_header_for(black_box(u)))
        })
    });
    let mut j = 0usize;
    g.measurement_time(Duration::from_secs(if cookies >= 100_000 { 8 } else { 4 }));
    g.bench_function("cookie_store", |b| {
        b.iter(|| {
            let u = &urls[j % urls.len()];
            j += 1;
            black_box(peer_header(&peer, black_box(u)))
        })
    });
    g.finish();
}

fn w2_lookup(c: &mut Criterion) {
    lookup_group(c, "W2-lookup-10k", 10_000, 100_000);
}

fn w3_scaling(c: &mut Criterion) {
    lookup_group(c, "W3-lookup-1k", 1_000, 100_000);
    lookup_group(c, "W3-lookup-100k", 100_000, 100_000);
}

/// The W4 files: the 100k-cookie jar as a `cookies.txt`, and the same
/// lines stored by `cookie_store` as its JSON; with both jars.
fn w4_data() -> (Vec<u8>, Vec<u8>, CookieJar, cookie_store::CookieStore) {
    let (lines, _) = workload(100_000, 3);
    let ours = fill_ours(&lines);
    let keep = SaveOptions::default().session(Retain::Keep);
    let mut txt = Vec::new();
    let now = time::OffsetDateTime::now_utc();
    format::write(&ours.all_cookies(), Format::Mozilla, &keep, now, &mut txt).unwrap();
    let peer = fill_peer(&lines, None);
    let mut json = Vec::new();
    cookie_store::serde::json::save_incl_expired_and_nonpersistent(&peer, &mut json).unwrap();
    (txt, json, ours, peer)
}

fn w4_files(c: &mut Criterion) {
    let (txt, json, ours, peer) = w4_data();
    let now = time::OffsetDateTime::now_utc();
    let keep = SaveOptions::default().session(Retain::Keep);
    // Leave the file where scripts/bench_python_files.py can time Python on it.
    let _ = std::fs::create_dir_all("target/bench-data");
    let _ = std::fs::write("target/bench-data/cookies-100k.txt", &txt);
    let load_opts = LoadOptions::default().session(Retain::Keep);
    let mut g = c.benchmark_group("W4-load");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    // Freeing the loaded jar is not part of loading it (as in W1): both
    // sides drop their result outside the timed part.
    g.bench_function("cookiejar", |b| {
        b.iter_with_large_drop(|| {
            let jar = CookieJar::new();
            jar.replace_all_from(&txt, Format::Mozilla, &load_opts)
                .unwrap();
            jar
        })
    });
    // The same through a vector of cookies: `format::read`, then
    // `replace_all`.
    g.bench_function("cookiejar-vec", |b| {
        b.iter_with_large_drop(|| {
            let loaded = format::read(&txt, Format::Mozilla, &load_opts, now).unwrap();
            let jar = CookieJar::new();
            jar.replace_all(loaded.cookies).unwrap();
            jar
        })
    });
    // The same file on both sides: ours reading cookie_store's JSON
    // (`Format::CookieStore`, which needs the `serde` feature), streamed
    // into a jar.
    #[cfg(feature = "serde")]
    g.bench_function("cookiejar-cs-json", |b| {
        b.iter_with_large_drop(|| {
            let jar = CookieJar::new();
            jar.replace_all_from(&json, Format::CookieStore, &load_opts)
                .unwrap();
            jar
        })
    });
    g.bench_function("cookie_store", |b| {
        b.iter_with_large_drop(|| cookie_store::serde::json::load_all(json.as_slice()).unwrap())
    });
    g.finish();
    let mut g = c.benchmark_group("W4-save");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("cookiejar", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(txt.len());
            format::write(&ours.all_cookies(), Format::Mozilla, &keep, now, &mut out).unwrap();
            out
        })
    });
    #[cfg(feature = "serde")]
    g.bench_function("cookiejar-cs-json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(json.len());
            format::write(
                &ours.all_cookies(),
                Format::CookieStore,
                &keep,
                now,
                &mut out,
            )
            .unwrap();
            out
        })
    });
    g.bench_function("cookie_store", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(json.len());
            cookie_store::serde::json::save_incl_expired_and_nonpersistent(&peer, &mut out)
                .unwrap();
            out
        })
    });
    g.finish();
}

fn w5_parse(c: &mut Criterion) {
    let strings = parse_lines(1_000_000, 5);
    let bytes: u64 = strings.iter().map(|s| s.len() as u64).sum();
    let mut g = c.benchmark_group("W5-parse");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("cookiejar", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for s in &strings {
                if let Ok(sc) = parse_set_cookie(s.as_bytes(), &ParseLimits::RFC6265BIS) {
                    n += sc.value.len();
                }
            }
            n
        })
    });
    g.bench_function("cookie", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for s in &strings {
                if let Ok(c) = cookie::Cookie::parse(s.as_str()) {
                    n += c.value().len();
                }
            }
            n
        })
    });
    g.finish();
}

/// What a 100k-cookie jar takes on the heap.
struct Memory {
    /// Live bytes once filled.
    filled: usize,
    /// Live bytes once every host has also been looked up (which builds
    /// the lookup text of every bucket read).
    read: usize,
    /// Live bytes once, after that, a plain-http response has set a
    /// cookie: the jar's first "leave secure cookies alone" check builds
    /// its index of secure cookies (W1's lines all come over https).
    indexed: usize,
    /// The name, value, domain and path bytes of its cookies.
    payload: usize,
    cookies: usize,
}

impl Memory {
    /// Overhead per cookie beyond its name, value, domain and path bytes.
    fn per_cookie(&self, total: usize) -> f64 {
        (total as f64 - self.payload as f64) / self.cookies as f64
    }
}

fn memory() -> Option<Memory> {
    let (lines, _) = workload(100_000, 9);
    // The public suffix rules are built once per process, at first use:
    // not the jar's memory.
    use cookiejar::psl::PublicSuffixList;
    std::hint::black_box(cookiejar::psl::BuiltinList.is_public_suffix("com"));
    let before = LIVE.load(Ordering::Relaxed);
    let jar = fill_ours(&lines);
    let filled = LIVE.load(Ordering::Relaxed).checked_sub(before)?;
    for l in &lines {
        std::hint::black_box(jar.cookie_header_for(&l.url));
    }
    let read = LIVE.load(Ordering::Relaxed).checked_sub(before)?;
    let plain = url::Url::parse("http://plain-http.example/").ok()?;
    jar.set_cookies_from_headers(&plain, [&b"plain=1"[..]]);
    let indexed = LIVE.load(Ordering::Relaxed).checked_sub(before)?;
    let cookies = jar.cookies();
    let payload: usize = cookies
        .iter()
        .map(|c| c.name().len() + c.value().len() + c.domain().len() + c.path().len())
        .sum();
    Some(Memory {
        filled,
        read,
        indexed,
        payload,
        cookies: jar.len(),
    })
}

fn median_ns(group: &str, bench: &str) -> Option<f64> {
    let p = format!("target/criterion/{group}/{bench}/new/estimates.json");
    let text = std::fs::read_to_string(p).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn print_table() {
    // (label, group, our bench, the peer's bench, unit)
    let rows: &[(&str, &str, &str, &str, &str)] = &[
        (
            "W1 store 10k lines",
            "W1-store",
            "cookiejar",
            "cookie_store",
            "per 10k",
        ),
        (
            "W1 store 10k lines (peer with PSL)",
            "W1-store",
            "cookiejar",
            "cookie_store+psl",
            "per 10k",
        ),
        (
            "W1 store 10k lines, ours through extract_cookies",
            "W1-store",
            "cookiejar-traits",
            "cookie_store",
            "per 10k",
        ),
        (
            "W2 lookup, 10k jar",
            "W2-lookup-10k",
            "cookiejar",
            "cookie_store",
            "per lookup",
        ),
        (
            "W3 lookup, 1k jar",
            "W3-lookup-1k",
            "cookiejar",
            "cookie_store",
            "per lookup",
        ),
        (
            "W3 lookup, 100k jar",
            "W3-lookup-100k",
            "cookiejar",
            "cookie_store",
            "per lookup",
        ),
        (
            "W4 load 100k cookies.txt (peer: its JSON)",
            "W4-load",
            "cookiejar",
            "cookie_store",
            "per file",
        ),
        (
            "W4 load, ours through format::read + replace_all",
            "W4-load",
            "cookiejar-vec",
            "cookie_store",
            "per file",
        ),
        (
            "W4 load 100k, both from cookie_store's JSON",
            "W4-load",
            "cookiejar-cs-json",
            "cookie_store",
            "per file",
        ),
        (
            "W4 save 100k cookies.txt (peer: its JSON)",
            "W4-save",
            "cookiejar",
            "cookie_store",
            "per file",
        ),
        (
            "W4 save 100k, both as cookie_store's JSON",
            "W4-save",
            "cookiejar-cs-json",
            "cookie_store",
            "per file",
        ),
        (
            "W5 parse 1M lines",
            "W5-parse",
            "cookiejar",
            "cookie",
            "per 1M",
        ),
    ];
    println!();
    println!("| workload | cookiejar | peer | peer median | cookiejar/peer time | speed-up |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for (label, group, ours, peer, unit) in rows {
        let (Some(a), Some(b)) = (median_ns(group, ours), median_ns(group, peer)) else {
            continue;
        };
        println!(
            "| {label} | {} {unit} | {peer} | {} | {:.3} | {:.1}x |",
            fmt_ns(a),
            fmt_ns(b),
            a / b,
            b / a
        );
    }
    // W2's jar is W3's 10k point (the same workload and seed).
    if let (Some(small), Some(mid), Some(big)) = (
        median_ns("W3-lookup-1k", "cookiejar"),
        median_ns("W2-lookup-10k", "cookiejar"),
        median_ns("W3-lookup-100k", "cookiejar"),
    ) {
        println!(
            "W3 cookiejar lookup cost 10k/1k: {:.2}x, 100k/1k: {:.2}x (target: 100k/1k at most 1.5x)",
            mid / small,
            big / small
        );
    }
    print_memory();
}

/// The peak heap, beyond the file's bytes, while loading the W4 file:
/// ours streamed (`replace_all_from`), ours through a vector
/// (`format::read` then `replace_all`), and `cookie_store` from its JSON.
fn load_peaks() -> (usize, usize, usize) {
    let (txt, json, ours, peer) = w4_data();
    drop((ours, peer));
    let now = time::OffsetDateTime::now_utc();
    let opts = LoadOptions::default().session(Retain::Keep);
    let (streamed, jar) = peak_during(|| {
        let jar = CookieJar::new();
        jar.replace_all_from(&txt, Format::Mozilla, &opts).unwrap();
        jar
    });
    drop(jar);
    let (vec, jar) = peak_during(|| {
        let loaded = format::read(&txt, Format::Mozilla, &opts, now).unwrap();
        let jar = CookieJar::new();
        jar.replace_all(loaded.cookies).unwrap();
        jar
    });
    drop(jar);
    let (peer, store) =
        peak_during(|| cookie_store::serde::json::load_all(json.as_slice()).unwrap());
    drop(store);
    (streamed, vec, peer)
}

/// Prints what [`memory`] and [`load_peaks`] measure.
fn print_memory() {
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    let (streamed, vec, peer) = load_peaks();
    println!(
        "memory: peak heap while loading the 100k-cookie file (beyond its bytes): cookiejar streamed {:.1} MiB, through a vector {:.1} MiB; cookie_store from its JSON {:.1} MiB",
        mib(streamed),
        mib(vec),
        mib(peer)
    );
    if let Some(m) = memory() {
        println!(
            "memory: 100k-cookie jar {:.1} MiB filled, {:.1} MiB once every host was looked up, {:.1} MiB once a plain-http store built its secure-cookie index; overhead per cookie beyond name, value, domain and path bytes: {:.0} / {:.0} / {:.0} bytes",
            mib(m.filled),
            mib(m.read),
            mib(m.indexed),
            m.per_cookie(m.filled),
            m.per_cookie(m.read),
            m.per_cookie(m.indexed)
        );
    }
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let test_mode = std::env::args().any(|a| a == "--test");
    if std::env::var_os("PEERS_MEMORY_ONLY").is_some() {
        print_memory();
        return;
    }
    w1_store(&mut c);
    w2_lookup(&mut c);
    w3_scaling(&mut c);
    w4_files(&mut c);
    if cfg!(not(feature = "serde")) {
        eprintln!(
            "W4 from cookie_store's JSON on both sides needs the serde feature: \
             cargo bench --bench peers --features serde"
        );
    }
    w5_parse(&mut c);
    c.final_summary();
    if !test_mode {
        print_table();
    }
}
