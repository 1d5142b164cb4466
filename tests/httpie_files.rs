//! HTTPie's session files. `tests/data/httpie/` holds what HTTPie 3.2.1
//! and 3.0.2 wrote after the same responses, and the `Cookie` header each
//! then sent to eight URLs (see its README): a jar loaded from each file
//! sends those cookies, but for what HTTPie sends where the jar does not
//! (a cookie without a domain to every host, a host-only cookie to its
//! host's subdomains), and a `Secure` cookie the jar sends to loopback
//! over `http`, as browsers do.
#![cfg(feature = "serde")]

use cookiejar::format::{self, Format, Retain, SaveOptions};
use cookiejar::{CookieJar, ManualClock};
use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{at, keep_all, skipped_lines};

const DATA: fixtures::Folder = fixtures::Folder("httpie");

/// Before `short` (`Max-Age=2`) expired, and after, when HTTPie was asked
/// for the headers.
const WRITTEN: i64 = 1_796_623_090;
const ASKED: i64 = 1_796_623_100;

/// A jar of `cookies`, its clock at [`ASKED`].
fn jar_of(cookies: Vec<cookiejar::Cookie>) -> CookieJar {
    let jar = CookieJar::builder().clock(ManualClock::new(ASKED)).build();
    jar.replace_all(cookies).unwrap();
    jar
}

/// What HTTPie sent, URL by URL, from `sent-*.json`.
fn sent(name: &str) -> Vec<(url::Url, Vec<String>)> {
    let Value::Array(sent) = DATA.json(name) else {
        panic!("{name}")
    };
    sent.iter()
        .map(|s| {
            let url = url::Url::parse(s["url"].as_str().unwrap()).unwrap();
            let pairs = s["cookie"]
                .as_str()
                .map(|h| h.split("; ").map(str::to_owned).collect())
                .unwrap_or_default();
            (url, pairs)
        })
        .collect()
}

/// The pairs of the jar's header for `url`.
fn header(jar: &CookieJar, url: &url::Url) -> Vec<String> {
    jar.cookie_header_for(url)
        .map(|h| h.split("; ").map(str::to_owned).collect())
        .unwrap_or_default()
}

/// HTTPie 3.2.1's file: detected, read whole but for its cookie without
/// a domain; the jar sends what HTTPie sent, in HTTPie's order, but for
/// that cookie, host-only cookies HTTPie sends to subdomains too, and
/// `Secure` cookies to loopback.
#[test]
fn a_jar_sends_what_httpie_sent() {
    let input = DATA.bytes("session-3.2.1.json");
    assert_eq!(Format::detect(&input), Some(Format::Httpie));
    let loaded = format::read(&input, Format::Httpie, &keep_all(), at(WRITTEN)).unwrap();
    assert_eq!(loaded.cookies.len(), 17);
    assert_eq!(
        skipped_lines(&loaded.skipped),
        [(
            12,
            "cookie 1: no domain: HTTPie sends it to every host (bind it to the session's \
             host: --bind-host)"
        )]
    );
    // The host of the host-only cookie `name=value` in the file, if it
    // is one (HTTPie keeps each character of a value a byte).
    let file = DATA.json("session-3.2.1.json");
    let records = file["cookies"].as_array().unwrap();
    let latin1 = |s: &str| String::from_utf8(s.chars().map(|c| c as u8).collect()).unwrap();
    let host_only_of = |name: &str, value: &str| -> Option<String> {
        let c = records
            .iter()
            .find(|c| c["name"] == name && latin1(c["value"].as_str().unwrap()) == value)?;
        let domain = c["domain"].as_str().unwrap();
        (!domain.is_empty() && !domain.starts_with('.'))
            .then(|| domain.strip_suffix(".local").unwrap_or(domain).to_owned())
    };
    let jar = jar_of(loaded.cookies);
    for (url, httpie) in sent("sent-3.2.1.json") {
        let host = url.host_str().unwrap();
        let expected: Vec<String> = httpie
            .into_iter()
            .filter(|pair| pair != "cli=from-cli")
            .filter(|pair| {
                let (name, value) = pair.split_once('=').unwrap();
                host_only_of(name, value).is_none_or(|d| d == host)
            })
            .collect();
        let mut ours = header(&jar, &url);
        if host == "127.0.0.1" {
            let at = ours.iter().position(|p| p == "sec=s1");
            assert!(at.is_some(), "{url}: {ours:?}");
            ours.retain(|p| p != "sec=s1");
        }
        assert_eq!(ours, expected, "{url}");
    }
}

/// HTTPie 3.0.2's file keeps no domain: read bound to the session's
/// host, its cookies go to that host as 3.0.2 sent them there (3.0.2
/// sent each to every host); unbound, none is read.
#[test]
fn an_old_session_reads_bound_to_its_host() {
    let input = DATA.bytes("session-3.0.2.json");
    assert_eq!(Format::detect(&input), Some(Format::Httpie));
    let unbound = format::read(&input, Format::Httpie, &keep_all(), at(WRITTEN)).unwrap();
    assert!(unbound.cookies.is_empty());
    assert_eq!(unbound.skipped.len(), 15);
    let bound = format::httpie::read_bound(&input, "127.0.0.1", &keep_all(), at(WRITTEN)).unwrap();
    assert_eq!(bound.cookies.len(), 15);
    assert!(bound
        .cookies
        .iter()
        .all(|c| c.host_only() && c.domain() == "127.0.0.1"));
    let jar = jar_of(bound.cookies);
    for (url, httpie) in sent("sent-3.0.2.json") {
        let ours = header(&jar, &url);
        match url.host_str() {
            // 3.0.2 sends no `Secure` cookie over http.
            Some("127.0.0.1") => {
                let secure = ["lsec=ls", "sec=s1"];
                let (ours_secure, ours_rest): (Vec<String>, Vec<String>) =
                    ours.into_iter().partition(|p| secure.contains(&p.as_str()));
                assert_eq!(ours_secure, secure, "{url}");
                assert_eq!(ours_rest, httpie, "{url}");
            }
            _ => assert_eq!(ours, Vec::<String>::new(), "{url}"),
        }
    }
}

/// Written back over itself, HTTPie 3.2.1's file comes out as HTTPie
/// wrote it, byte for byte: its `auth`, `headers` and `__meta__` are
/// kept, and so is the cookie without a domain, which was not read. A new
/// file is a session HTTPie reads, without headers, authentication or
/// that cookie.
#[test]
fn written_back_the_file_is_httpies() {
    let dir = std::env::temp_dir().join(format!("cookiejar-httpie-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("session.json");
    std::fs::copy(DATA.path("session-3.2.1.json"), &copy).unwrap();
    let loaded = format::read(
        &DATA.bytes("session-3.2.1.json"),
        Format::Httpie,
        &keep_all(),
        at(WRITTEN),
    )
    .unwrap();
    let save = SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep);
    format::write_file(&copy, &loaded.cookies, Format::Httpie, &save, at(WRITTEN)).unwrap();
    let written = std::fs::read_to_string(&copy).unwrap();
    assert_eq!(written.as_bytes(), &DATA.bytes("session-3.2.1.json")[..]);
    let mut expected = DATA.json("session-3.2.1.json");
    expected["cookies"]
        .as_array_mut()
        .unwrap()
        .retain(|c| c["domain"] != "");

    let mut new = Vec::new();
    format::write(
        &loaded.cookies,
        Format::Httpie,
        &save,
        at(WRITTEN),
        &mut new,
    )
    .unwrap();
    let new: Value = serde_json::from_slice(&new).unwrap();
    assert_eq!(new["cookies"], expected["cookies"]);
    assert_eq!(new["headers"], serde_json::json!([]));
    assert_eq!(
        new["auth"],
        serde_json::json!({"raw_auth": null, "type": null})
    );
    assert_eq!(new["__meta__"]["about"], "HTTPie session file");
    std::fs::remove_dir_all(&dir).unwrap();
}
