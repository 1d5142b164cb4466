//! A small crawler: worker threads share one jar, bound to a `cookies.txt`
//! that curl can read, over a ureq 3 agent (through the `http` feature).
//!
//! ```text
//! cargo run --example ureq_crawler --features http -- cookies.txt URL...
//! ```
//!
//! What it shows:
//! - one `Arc<FileCookieJar>` for every thread (the jar locks inside),
//!   bounded per site and in all;
//! - each redirect hop through the jar (ureq follows none: when ureq
//!   follows them itself, the cookies a `302` sets are lost, see
//!   `tests/ureq.rs`);
//! - the jar's refusals, with the URL and the cookie's name;
//! - a save every second, only when the cookies changed, and at the end;
//!   session cookies kept, in curl's layout (`SaveOptions::for_curl`);
//! - a panic in one URL's work caught without losing the jar.
//!
//! The agent here has no TLS (the crate's tests build ureq without it):
//! in a real crawler, keep ureq's default features for `https:` URLs.

use std::panic::catch_unwind;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cookiejar::format::SaveOptions;
use cookiejar::{CookieEvent, CookieJar, FileCookieJar, HttpRequest, Retain, SimpleRequest};
use url::Url;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: ureq_crawler COOKIES.TXT URL...");
        std::process::exit(2);
    };
    let jar = Arc::new(
        FileCookieJar::builder(&file)
            .session_cookies(Retain::Keep)
            .save_options(SaveOptions::for_curl())
            // Bounded as browsers bound theirs: 180 cookies a site (a
            // site of many hosts cannot grow the jar), 100,000 in all.
            .jar(
                CookieJar::builder()
                    .max_cookies_per_site(std::num::NonZeroUsize::new(180))
                    .max_cookies(std::num::NonZeroUsize::new(100_000)),
            )
            .observer_with_url(|url, event| {
                if let CookieEvent::Rejected { reason, .. } = &event {
                    eprintln!("{url}: cookie {:?} refused: {reason}", event.name());
                }
            })
            .build(),
    );
    match jar.load_if_exists() {
        Ok(Some(report)) => eprintln!(
            "{file}: {} cookies loaded, {} lines skipped",
            jar.len(),
            report.skipped.len()
        ),
        Ok(None) => eprintln!("{file}: no file yet"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }

    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let queue = Arc::new(Mutex::new(args.collect::<Vec<String>>()));
    let done = Arc::new(AtomicBool::new(false));

    // Saves every second, only when a response changed the cookies.
    let saver = {
        let (jar, done) = (Arc::clone(&jar), Arc::clone(&done));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_secs(1));
                if let Err(e) = jar.save_if_changed() {
                    eprintln!("{e}");
                }
            }
        })
    };
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (jar, agent, queue) = (Arc::clone(&jar), agent.clone(), Arc::clone(&queue));
            std::thread::spawn(move || loop {
                let Some(url) = queue.lock().unwrap().pop() else {
                    return;
                };
                // The jar is `UnwindSafe`: no `AssertUnwindSafe` for it.
                let agent = std::panic::AssertUnwindSafe(&agent);
                match catch_unwind(|| fetch(&agent, &jar, &url)) {
                    Ok(Ok(status)) => println!("{status} {url}"),
                    Ok(Err(e)) => eprintln!("{url}: {e}"),
                    Err(_) => eprintln!("{url}: panicked; the jar is whole"),
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    done.store(true, Ordering::Relaxed);
    saver.join().unwrap();
    match jar.save() {
        Ok(report) => eprintln!(
            "{file}: saved a jar of {} cookies ({} left out)",
            jar.len(),
            report.skipped.len() + report.expired_left_out
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

/// Fetches `url`, following up to ten redirects hop by hop: before each
/// hop the jar writes the `Cookie` header; after it, it stores the
/// response's cookies with the request as it was sent.
fn fetch(agent: &ureq::Agent, jar: &CookieJar, url: &str) -> Result<http::StatusCode, String> {
    let mut url = Url::parse(url).map_err(|e| e.to_string())?;
    for _ in 0..10 {
        let mut request = http::Request::get(url.as_str())
            .body(())
            .map_err(|e| e.to_string())?;
        let sent = {
            let mut wrapped = HttpRequest::with_url(&mut request, url.clone());
            jar.set_cookie_header(&mut wrapped);
            SimpleRequest::from_request(&wrapped)
        };
        let response = agent.run(request).map_err(|e| e.to_string())?;
        jar.extract_cookies(&response, &sent);
        let status = response.status();
        let location = response.headers().get(http::header::LOCATION).cloned();
        // The body is not used here, but read so that the connection can
        // be used again.
        let _ = response.into_body().read_to_vec();
        match location.and_then(|l| url.join(l.to_str().ok()?).ok()) {
            Some(next) if status.is_redirection() => url = next,
            _ => return Ok(status),
        }
    }
    Err("more than ten redirects".to_owned())
}
