//! HTTP Archive files: the cookies their responses set, replayed.
#![cfg(feature = "serde")]

use cookiejar::format::{self, Format, LoadOptions, Retain, Strictness};
use cookiejar::{CookieJar, ManualClock};
use time::OffsetDateTime;

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap()
}

fn keep_all() -> LoadOptions {
    LoadOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
}

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
    // The refused header is listed with its entry's number, and no value.
    assert_eq!(loaded.skipped.len(), 1, "{:?}", loaded.skipped);
    assert_eq!(loaded.skipped[0].line, 3);
    assert_eq!(
        loaded.skipped[0].to_string().split(':').next(),
        Some("entry 3")
    );
    assert!(loaded.skipped[0]
        .message
        .starts_with("Set-Cookie of \"wide\" refused"));
    assert!(!loaded.skipped[0].message.contains("=1"));
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
    let loaded = format::read(refused.as_bytes(), Format::Har, &keep_all(), at(T0)).unwrap();
    assert_eq!((loaded.cookies.len(), loaded.skipped.len()), (0, 1));
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
        let refused: Vec<&str> = loaded.skipped.iter().map(|i| i.message.as_str()).collect();
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
