//! The `cookies.txt` presets of `SaveOptions` against the programs they
//! name: curl (`-b FILE`) and wget (`--load-cookies FILE`) each send one
//! request, through a one-shot HTTP proxy on 127.0.0.1 that records it,
//! and the test checks which cookies the request carried. A program that
//! is not installed is skipped with a note. (Python's reading of
//! `SaveOptions::for_python()` is checked by `scripts/python_interop.py`,
//! run by `tests/python_interop.rs`.)

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::Duration;

use cookiejar::format::{self, Format, SaveOptions};
use cookiejar::Cookie;
use time::OffsetDateTime;

/// A session cookie that is http-only, a persistent domain cookie, a
/// path cookie, and an expired one.
fn cookies() -> Vec<Cookie> {
    let later = Some(OffsetDateTime::now_utc() + time::Duration::days(30));
    let earlier = Some(OffsetDateTime::now_utc() - time::Duration::days(1));
    vec![
        Cookie::builder("sid", "s1")
            .domain("shop.example.test")
            .path("/")
            .http_only(true)
            .build(),
        Cookie::builder("lang", "en")
            .domain("example.test")
            .host_only(false)
            .path("/")
            .expires(later)
            .build(),
        Cookie::builder("pref", "dark")
            .domain("shop.example.test")
            .path("/docs")
            .expires(later)
            .build(),
        Cookie::builder("old", "x")
            .domain("shop.example.test")
            .path("/")
            .expires(earlier)
            .build(),
    ]
}

/// Where a program is asked to go: `pref`'s path, under both other
/// cookies' domain and path.
const URL: &str = "http://shop.example.test/docs/page";

fn installed(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        println!("note: {program} not found: skipping its check");
    }
    found
}

/// Runs `program` with `args` (where `{proxy}` is the proxy's address and
/// `{file}` the cookie file written with `options`) and returns the
/// cookie names its one request carried.
fn sent(program: &str, args: &[&str], options: SaveOptions) -> BTreeSet<String> {
    let dir = std::env::temp_dir().join(format!(
        "cookiejar-programs-{}-{program}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cookies.txt");
    let mut out = Vec::new();
    format::write(
        &cookies(),
        Format::Mozilla,
        &options,
        OffsetDateTime::now_utc(),
        &mut out,
    )
    .unwrap();
    std::fs::write(&file, &out).unwrap();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 || line.trim_end().is_empty() {
                break;
            }
            head.push(line.trim_end().to_owned());
        }
        let mut stream = stream;
        stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
            .unwrap();
        head
    });
    let file = file.to_str().unwrap();
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("{proxy}", &proxy).replace("{file}", file))
        .collect();
    let output = Command::new(program)
        .args(&args)
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("no_proxy")
        .env_remove("NO_PROXY")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let head = server.join().unwrap();
    assert!(
        head[0].starts_with("GET http://shop.example.test/docs/page "),
        "{program} went through the proxy: {head:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    head.iter()
        .filter_map(|h| h.strip_prefix("Cookie: "))
        .flat_map(|v| v.split("; "))
        .map(|pair| pair.split('=').next().unwrap_or_default().to_owned())
        .collect()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

const CURL: &[&str] = &["-q", "-s", "-x", "{proxy}", "-b", "{file}", URL];

const WGET: &[&str] = &[
    "--no-config",
    "-q",
    "-O",
    "-",
    "-e",
    "use_proxy=on",
    "-e",
    "http_proxy={proxy}",
    "--load-cookies",
    "{file}",
    URL,
];

#[test]
fn curl_sends_every_cookie_of_a_file_for_curl() {
    if !installed("curl") {
        return;
    }
    let all = names(&["sid", "lang", "pref"]);
    assert_eq!(sent("curl", CURL, SaveOptions::for_curl()), all);
    // Without the preset, a save leaves session cookies out (Python's
    // default); a file for Python has empty expiries, whose lines curl
    // skips.
    assert_eq!(
        sent("curl", CURL, SaveOptions::new()),
        names(&["lang", "pref"])
    );
    assert_eq!(
        sent("curl", CURL, SaveOptions::for_python()),
        names(&["lang", "pref"])
    );
}

#[test]
fn wget_sends_every_cookie_of_a_file_for_wget() {
    if !installed("wget") {
        return;
    }
    let all = names(&["sid", "lang", "pref"]);
    assert_eq!(sent("wget", WGET, SaveOptions::for_wget()), all);
    // wget reads a `#HttpOnly_` line, as curl writes it, as a comment.
    assert_eq!(
        sent("wget", WGET, SaveOptions::for_curl()),
        names(&["lang", "pref"])
    );
}
