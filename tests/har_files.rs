//! HTTP Archive files: the cookies their responses set, replayed.
#![cfg(feature = "serde")]

use cookiejar::format::{self, Format, Strictness};
use cookiejar::{CookieJar, ManualClock};
use time::OffsetDateTime;

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{at, keep_all};

/// A HAR made by hand, of the shape browsers export: several
/// `Set-Cookie` headers in one value (split at line breaks), a cookie
/// replaced and one deleted later, a `Max-Age` counted from its
/// response's time, a cookie the policy refuses, a `data:` entry.
const HAR: &str = r#"{
  "log": {
    "version": "1.2",
    "creator": {"name": "hand", "version": "1"},
    "entries": [
      {
        "startedDateTime": "2026-12-07T10:00:00.000Z",
        "request": {"method": "GET", "url": "https://www.example.com/login", "headers": []},
        "response": {"status": 302, "headers": [
          {"name": "Location", "value": "/home"},
          {"name": "set-cookie", "value": "sid=1; Path=/; Secure; HttpOnly\nlang=en; Domain=example.com; Max-Age=3600"},
          {"name": "Set-Cookie", "value": "gone=1"}
        ]}
      },
      {
        "startedDateTime": "2026-12-07T10:00:01.500+00:00",
        "request": {"method": "GET", "url": "data:text/plain,hello", "headers": []},
        "response": {"status": 200, "headers": [{"name": "Set-Cookie", "value": "never=1"}]}
      },
      {
        "startedDateTime": "2026-12-07T10:00:02.000Z",
        "request": {"method": "GET", "url": "https://www.example.com/home", "headers": []},
        "response": {"status": 200, "headers": [
          {"name": "Set-Cookie", "value": "sid=2; Path=/; Secure; HttpOnly"},
          {"name": "Set-Cookie", "value": "gone=; Max-Age=0"},
          {"name": "Set-Cookie", "value": "wide=1; Domain=com"}
        ]}
      }
    ]
  }
}"#;

const T0: i64 = 1_796_637_600; // 2026-12-07T10:00:00Z

#[test]
fn a_har_reads_as_the_cookies_its_responses_left() {
    let input = HAR.as_bytes();
    assert_eq!(Format::detect(input), Some(Format::Har));
    assert_eq!(Format::from_extension("session.har"), Some(Format::Har));
    let loaded = format::read(input, Format::Har, &keep_all(), at(T0 + 10)).unwrap();
    let got: Vec<(&str, &str, bool, Option<i64>, u64)> = loaded
        .cookies
        .iter()
        .map(|c| {
            (
                c.name(),
                c.value(),
                c.host_only(),
                c.expires().map(OffsetDateTime::unix_timestamp),
                c.creation_time().unix_timestamp() as u64,
            )
        })
        .collect();
    // `sid` replaced at 10:00:02 keeps its first creation time
    // (RFC 6265bis §5.7); `lang`'s Max-Age counts from 10:00:00.
    assert_eq!(
        got,
        [
            ("sid", "2", true, None, T0 as u64),
            ("lang", "en", false, Some(T0 + 3600), T0 as u64),
        ]
    );
    // The refused header is a warning, with its entry's number and no
    // value: a browser refuses it too.
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let refused = &loaded.warnings[0];
    assert_eq!(refused.to_string().split(':').next(), Some("entry 3"));
    assert!(refused
        .message
        .starts_with("Set-Cookie of \"wide\" refused"));
    assert!(!refused.message.contains("=1"));
    // A jar loaded from it sends what the browser would.
    let jar = CookieJar::builder()
        .clock(ManualClock::new(T0 + 10))
        .build();
    jar.replace_all_from(input, Format::Har, &keep_all())
        .unwrap();
    assert_eq!(
        jar.cookie_header_for(&"https://www.example.com/".parse().unwrap())
            .as_deref(),
        Some("sid=2; lang=en")
    );
}

/// A HAR is read only; an entry that does not read is skipped in
/// lenient mode (the default) and an error in strict mode; a HAR of no
/// `Set-Cookie` (a sanitized export) holds no cookie.
#[test]
fn odd_hars() {
    let mut out = Vec::new();
    let err = format::write(
        &[],
        Format::Har,
        &format::SaveOptions::new(),
        at(T0),
        &mut out,
    );
    assert!(err.is_err());
    let bad = r#"{"log": {"entries": [
        {"startedDateTime": "yesterday", "request": {"url": "https://a.com/"}, "response": {"headers": []}},
        {"startedDateTime": "2026-12-07T10:00:00Z", "request": {"url": "https://a.com/"},
         "response": {"headers": [{"name": "Set-Cookie", "value": "a=1"}]}}
    ]}}"#;
    let loaded = format::read(bad.as_bytes(), Format::Har, &keep_all(), at(T0)).unwrap();
    assert_eq!(loaded.cookies.len(), 1);
    assert_eq!(loaded.skipped[0].line, 1);
    let strict = keep_all().strictness(Strictness::Strict);
    let err = format::read(bad.as_bytes(), Format::Har, &strict, at(T0)).unwrap_err();
    assert!(
        err.to_string().contains("entry 1: invalid startedDateTime"),
        "{err}"
    );
    let sanitized = r#"{"log": {"version": "1.2", "entries": [
        {"startedDateTime": "2026-12-07T10:00:00Z", "request": {"url": "https://a.com/"},
         "response": {"headers": [{"name": "content-type", "value": "text/html"}]}}]}}"#;
    let loaded = format::read(sanitized.as_bytes(), Format::Har, &keep_all(), at(T0)).unwrap();
    assert!(loaded.cookies.is_empty() && loaded.skipped.is_empty());
    // Every cookie refused: no cookie, and no error.
    let refused = r#"{"log": {"entries": [
        {"startedDateTime": "2026-12-07T10:00:00Z", "request": {"url": "http://a.com/"},
         "response": {"headers": [{"name": "Set-Cookie", "value": "__Host-a=1; Secure; Path=/"}]}}]}}"#;
    let strict = keep_all().strictness(Strictness::Strict);
    let loaded = format::read(refused.as_bytes(), Format::Har, &strict, at(T0)).unwrap();
    assert_eq!((loaded.cookies.len(), loaded.warnings.len()), (0, 1));
}

/// `tests/data/har/`: what Playwright recorded from Chromium 156 while a
/// local site set, replaced and deleted cookies (over http and https,
/// by a redirect, from a cross-site image), the cookies Chromium then
/// held (`context.cookies()`), and the `Cookie` headers it sent to six
/// URLs (see its README). Chromium ran twice: with its default of
/// blocking third-party cookies, and allowing them, as the replay does.
mod chromium {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeSet;

    const HAR: &str = "chromium-156.0.8078.129";

    fn data(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/har")
            .join(name);
        std::fs::read(path).unwrap()
    }

    /// A cookie as both sides give it: name, value, domain (a leading
    /// dot for a domain cookie), path, secure, http-only, and the expiry
    /// to the second (-1 for none).
    type Seen = (String, String, String, String, bool, bool, i64);

    fn chromium_held(run: &str) -> BTreeSet<Seen> {
        let cookies: Value = serde_json::from_slice(&data(&format!("{run}.cookies.json"))).unwrap();
        cookies
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap().to_owned(),
                    c["value"].as_str().unwrap().to_owned(),
                    c["domain"].as_str().unwrap().to_owned(),
                    c["path"].as_str().unwrap().to_owned(),
                    c["secure"].as_bool().unwrap(),
                    c["httpOnly"].as_bool().unwrap(),
                    c["expires"].as_f64().unwrap().trunc() as i64,
                )
            })
            .collect()
    }

    fn replayed(run: &str) -> (BTreeSet<Seen>, format::Loaded) {
        let input = data(&format!("{run}.har"));
        assert_eq!(Format::detect(&input), Some(Format::Har));
        let loaded = format::read(&input, Format::Har, &keep_all(), at(1_796_700_000)).unwrap();
        let seen = loaded
            .cookies
            .iter()
            .map(|c| {
                let dot = if c.host_only() { "" } else { "." };
                (
                    c.name().to_owned(),
                    c.value().to_owned(),
                    format!("{dot}{}", c.domain()),
                    c.path().to_owned(),
                    c.secure(),
                    c.http_only(),
                    c.expires().map_or(-1, OffsetDateTime::unix_timestamp),
                )
            })
            .collect();
        (seen, loaded)
    }

    /// Expiries within a second: Chromium counts a `Max-Age` from the
    /// response's arrival, some milliseconds after `startedDateTime`,
    /// and moves an `Expires` by the server's `Date`.
    fn close(a: &BTreeSet<Seen>, b: &BTreeSet<Seen>) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                let (mut x, mut y) = (x.clone(), y.clone());
                let near = (x.6 - y.6).abs() <= 1;
                x.6 = 0;
                y.6 = 0;
                x == y && near
            })
    }

    #[test]
    fn a_replayed_har_holds_what_chromium_held() {
        let run = format!("{HAR}-3pc-allowed");
        let (ours, loaded) = replayed(&run);
        let theirs = chromium_held(&run);
        assert!(
            close(&ours, &theirs),
            "ours {ours:#?}\nChromium's {theirs:#?}"
        );
        // Refused as Chromium refused them: a Secure cookie over http, two
        // domains the host cannot set, and a Lax cookie of a cross-site
        // image.
        let refused: Vec<&str> = loaded.warnings.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(refused.len(), 4, "{refused:?}");
        for name in ["bad_secure", "bad_domain", "bad_sibling", "tp_lax"] {
            assert!(
                refused.iter().any(|m| m.contains(&format!("{name:?}"))),
                "{name}: {refused:?}"
            );
        }
        // With third-party cookies blocked (Chromium's default), Chromium
        // kept all but the cross-site image's `SameSite=None` cookie.
        let (mut ours, _) = replayed(HAR);
        ours.retain(|c| c.0 != "tp_none");
        assert!(close(&ours, &chromium_held(HAR)));
    }

    /// The jar sends the cookies Chromium sent. (Not in its order:
    /// Chromium gives a cookie replaced with another value a new creation
    /// time, which RFC 6265bis §5.7 keeps, and orders by it.)
    #[test]
    fn a_jar_loaded_from_a_har_sends_what_chromium_sent() {
        let run = format!("{HAR}-3pc-allowed");
        let jar = CookieJar::builder()
            .clock(ManualClock::new(1_796_618_233))
            .build();
        jar.replace_all_from(&data(&format!("{run}.har")), Format::Har, &keep_all())
            .unwrap();
        let log: Value = serde_json::from_slice(&data(&format!("{run}.headers.json"))).unwrap();
        let pairs = |h: Option<&str>| -> BTreeSet<String> {
            h.into_iter()
                .flat_map(|h| h.split("; "))
                .map(str::to_owned)
                .collect()
        };
        let entries = log.as_array().unwrap();
        assert_eq!(entries.len(), 6);
        for entry in entries {
            let url = entry["url"].as_str().unwrap();
            let ours = jar.cookie_header_for(&url.parse().unwrap());
            assert_eq!(
                pairs(ours.as_deref()),
                pairs(entry["cookie_header"].as_str()),
                "{url}"
            );
        }
    }
}

/// An entry of a HAR, of `url` at second `t` past [`T0`], setting
/// `set_cookie`, with `extra` keys (JSON text) in the entry.
fn entry(url: &str, t: i64, set_cookie: &str, extra: &str) -> String {
    let time = OffsetDateTime::from_unix_timestamp(T0 + t)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    format!(
        r#"{{"startedDateTime": "{time}", "request": {{"method": "GET", "url": "{url}", "headers": []}},
           "response": {{"status": 200, "headers": [{{"name": "Set-Cookie", "value": "{set_cookie}"}}]}}{extra}}}"#
    )
}

fn replay(entries: &[String]) -> Vec<String> {
    let har = format!(r#"{{"log": {{"entries": [{}]}}}}"#, entries.join(",\n"));
    let loaded = format::read(har.as_bytes(), Format::Har, &keep_all(), at(T0 + 100)).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    loaded
        .cookies
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect()
}

/// Entries replay in time order (an export may be sorted by another
/// column); a cached response, a CORS preflight and a `data:` URL set
/// nothing; a WebSocket handshake's cookies count.
#[test]
fn what_a_har_replays() {
    let page = r#", "_resourceType": "document""#;
    assert_eq!(
        replay(&[
            entry("https://a.example.com/logout", 5, "sid=; Max-Age=0", page),
            entry("https://a.example.com/login", 0, "sid=abc", page),
        ]),
        Vec::<String>::new()
    );
    assert_eq!(
        replay(&[
            entry("https://a.example.com/a", 0, "v=1", page),
            entry("https://a.example.com/b", 1, "v=2", page),
            entry(
                "https://a.example.com/a",
                2,
                "v=1",
                r#", "_fromCache": "memory""#
            ),
            entry(
                "https://a.example.com/api",
                3,
                "pf=1; SameSite=None; Secure",
                r#", "_resourceType": "preflight""#
            ),
            entry("data:text/plain,x", 4, "d=1", page),
            entry(
                "wss://a.example.com/socket",
                5,
                "ws=1; Secure",
                r#", "_resourceType": "websocket""#
            ),
        ]),
        ["v=2", "ws=1"]
    );
}

/// A subresource is cross-site when its page's top-level document (the
/// last navigation of its `pageref`) or its `Referer` is of another
/// site; then it sets only `SameSite=None` cookies. A request of no
/// known destination is first-party.
#[test]
fn whose_request_a_har_entry_is() {
    let nav = r#", "pageref": "p1", "_resourceType": "document""#;
    let sub = |url: &str, t: i64, cookie: &str, referer: &str, dest: &str| {
        entry(
            url,
            t,
            cookie,
            &format!(r#", "pageref": "p1", "_resourceType": "{dest}""#),
        )
        .replace(
            r#""headers": []}"#,
            &format!(r#""headers": [{{"name": "Referer", "value": "{referer}"}}]}}"#),
        )
    };
    assert_eq!(
        replay(&[
            entry("https://news.example.com/", 0, "top=1", nav),
            // In a cross-site frame: its Referer is the frame, of its own site.
            sub(
                "https://widget.tracker.org/api",
                1,
                "in_frame=1",
                "https://widget.tracker.org/frame",
                "fetch"
            ),
            // From a stylesheet of another site.
            sub(
                "https://cdn.other.net/bg.png",
                2,
                "from_css=1",
                "https://cdn.other.net/s.css",
                "image"
            ),
            // Same-site, and a SameSite=None one from a cross-site image.
            sub(
                "https://img.example.com/p.png",
                3,
                "same=1",
                "https://news.example.com/",
                "image"
            ),
            sub(
                "https://cdn.other.net/n.png",
                4,
                "none=1; SameSite=None; Secure",
                "https://news.example.com/",
                "image"
            ),
            // No destination known: first-party.
            entry("http://pixel.ads.org/p.gif", 5, "unknown=1", ""),
        ]),
        ["top=1", "same=1", "none=1", "unknown=1"]
    );
}
