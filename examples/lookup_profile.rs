//! A lookup loop for profilers (`perf record`, `valgrind --tool=callgrind`):
//! builds a jar of N cookies (default 100,000) and asks it for the Cookie
//! header of pre-parsed URLs.
use cookiejar::{CookieJar, SimpleRequest, SimpleResponse};
use url::Url;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let jar = CookieJar::new();
    let hosts = n / 10;
    let sites = (n / 50).max(1);
    for i in 0..n {
        let h = i % hosts;
        let site = format!("site{}.com", h % sites);
        let host = match h / sites {
            0 => site.clone(),
            1 => format!("www.{site}"),
            k => format!("h{k}.{site}"),
        };
        let line = if i % 3 == 0 {
            format!("c{i}=v{i}; Domain={site}; Path=/")
        } else {
            format!("c{i}=v{i}; Path=/a")
        };
        let req = SimpleRequest::parse(&format!("https://{host}/a/b")).unwrap();
        jar.extract_cookies(&SimpleResponse::with_set_cookies([line]), &req);
    }
    let urls: Vec<Url> = (0..1024)
        .map(|i| {
            let h = (i * 7919) % hosts;
            let site = format!("site{}.com", h % sites);
            let host = match h / sites {
                0 => site.clone(),
                1 => format!("www.{site}"),
                k => format!("h{k}.{site}"),
            };
            Url::parse(&format!("https://{host}/a/b")).unwrap()
        })
        .collect();
    let mut total = 0usize;
    for r in 0..rounds {
        total += jar
            .cookie_header_for(&urls[r % 1024])
            .map_or(0, |s| s.len());
    }
    println!(
        "{} cookies, {rounds} lookups, {total} header bytes",
        jar.len()
    );
}
