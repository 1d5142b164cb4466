//! A store loop for profilers: N Set-Cookie lines (default 200,000) from
//! many hosts into a fresh jar, repeated R times.
use cookiejar::{CookieJar, SimpleRequest, SimpleResponse};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let prepared: Vec<(SimpleResponse, SimpleRequest)> = (0..n)
        .map(|i| {
            let site = format!("site{}.com", i % 2000);
            let line = match i % 4 {
                0 => format!("n{i}=value{i}; Domain={site}; Path=/; Max-Age=3600"),
                1 => format!(
                    "n{i}=value{i}; Path=/a; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly"
                ),
                2 => format!("n{i}=value{i}; Path=/; Secure; SameSite=Lax"),
                _ => format!("n{i}=value{i}"),
            };
            let req = SimpleRequest::parse(&format!("https://www{}.{site}/a/b", i % 5)).unwrap();
            (SimpleResponse::with_set_cookies([line]), req)
        })
        .collect();
    let mut total = 0;
    for _ in 0..rounds {
        let jar = CookieJar::new();
        for (resp, req) in &prepared {
            jar.extract_cookies(resp, req);
        }
        total += jar.len();
    }
    println!("{total} cookies stored");
}
