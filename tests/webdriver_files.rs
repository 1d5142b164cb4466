//! WebDriver's cookies (what Selenium's `driver.get_cookies()` returns,
//! saved as JSON). `tests/data/webdriver/` holds what a real ChromeDriver
//! and geckodriver returned after their browsers visited a local site,
//! and the `Cookie` header both browsers then sent to six URLs (see its
//! README): a jar loaded from either file sends the same cookies.
#![cfg(feature = "serde")]

use std::path::{Path, PathBuf};

use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions, Unwritable};
use cookiejar::{CookieJar, FileCookieJar, ManualClock, SameSite};
use serde_json::Value;

/// 2026-12-07 03:13:20 UTC, just after both captures: no cookie of the
/// files has expired.
const CAPTURED: i64 = 1_796_613_200;

const DRIVERS: [&str; 2] = [
    "chromedriver-156.0.8078.129.json",
    "geckodriver-0.37.1.json",
];

/// Each URL the browsers were sent to last, and the `Cookie` header both
/// sent there (identical byte for byte).
const SENT: [(&str, &str); 6] = [
    (
        "http://www.example.test:42307/echo",
        "host_session=a1; host_maxage=b2; dom_expires=c3; http_only=e5; ss_lax=f6; \
         ss_strict=g7; empty_val=; eq_val=a=b==c; dom_all=z9; sub_root_path=h9; apex_dom_dot=j10",
    ),
    (
        "http://www.example.test:42307/sub/echo",
        "path_sub=d4; sub_default_path=h8; host_session=a1; host_maxage=b2; dom_expires=c3; \
         http_only=e5; ss_lax=f6; ss_strict=g7; empty_val=; eq_val=a=b==c; dom_all=z9; \
         sub_root_path=h9; apex_dom_dot=j10",
    ),
    (
        "http://example.test:42307/echo",
        "dom_expires=c3; dom_all=z9; apex_host=i9; apex_dom_dot=j10",
    ),
    (
        "http://other.example.test:42307/echo",
        "dom_expires=c3; dom_all=z9; apex_dom_dot=j10",
    ),
    (
        "https://secure.example.test:57581/echo",
        "dom_expires=c3; dom_all=z9; apex_dom_dot=j10; sec_only=k11; ss_none=l12; \
         __Host-pref=m13; __Secure-dom=n14",
    ),
    (
        "https://www.example.test:57581/sub/echo",
        "path_sub=d4; sub_default_path=h8; host_session=a1; host_maxage=b2; dom_expires=c3; \
         http_only=e5; ss_lax=f6; ss_strict=g7; empty_val=; eq_val=a=b==c; dom_all=z9; \
         sub_root_path=h9; apex_dom_dot=j10; __Secure-dom=n14",
    ),
];

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/webdriver")
        .join(name);
    std::fs::read(path).unwrap()
}

/// A header's cookies in its order, each with its path's length: a file
/// of WebDriver's cookies has no creation times, so among cookies of
/// equal paths the order is the file's, not the browser's.
fn by_path(header: &str, jar: &CookieJar, url: &url::Url) -> Vec<(usize, String)> {
    let paths: std::collections::HashMap<String, usize> = jar
        .cookies_for(url)
        .iter()
        .map(|c| (format!("{}={}", c.name(), c.value()), c.path().len()))
        .collect();
    let mut pairs: Vec<(usize, String)> = header
        .split("; ")
        .map(|p| (paths.get(p).copied().unwrap_or(0), p.to_string()))
        .collect();
    // Longest path first (RFC 6265bis §5.8.3), then by name.
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    pairs
}

#[test]
fn webdriver_files_are_detected_and_read_whole() {
    for file in DRIVERS {
        let bytes = fixture(file);
        assert_eq!(Format::detect(&bytes), Some(Format::WebDriver), "{file}");
        let loaded = format::read(
            &bytes,
            Format::Json,
            &LoadOptions::new().session(Retain::Keep),
            time::OffsetDateTime::from_unix_timestamp(CAPTURED).unwrap(),
        )
        .unwrap();
        assert!(loaded.skipped.is_empty(), "{file}: {:?}", loaded.skipped);
        assert_eq!(loaded.cookies.len(), 18, "{file}");
        let get = |name: &str| loaded.cookies.iter().find(|c| c.name() == name).unwrap();
        // `expiry`: integer Unix seconds; absent for a session cookie.
        let dom_all = get("dom_all");
        let in_a_week = dom_all.expires().unwrap().unix_timestamp() - CAPTURED;
        assert!(
            (604_000..=605_000).contains(&in_a_week),
            "{file}: {in_a_week}"
        );
        assert!(get("host_session").expires().is_none(), "{file}");
        // The leading dot tells a domain cookie from a host-only one.
        assert!(!dom_all.host_only() && dom_all.domain() == "example.test");
        assert!(get("apex_host").host_only() && get("apex_host").domain() == "example.test");
        assert_eq!(dom_all.same_site(), SameSite::Strict, "{file}");
        assert!(dom_all.http_only() && !dom_all.secure(), "{file}");
        assert!(get("__Host-pref").secure() && get("__Host-pref").host_only());
        assert_eq!(get("sub_default_path").path(), "/sub", "{file}");
        assert_eq!(get("eq_val").value(), "a=b==c", "{file}");
    }
}

#[test]
fn a_jar_loaded_from_webdriver_cookies_sends_what_the_browsers_sent() {
    for file in DRIVERS {
        let jar = CookieJar::builder()
            .clock(ManualClock::new(CAPTURED))
            .build();
        let report = jar
            .replace_all_from(
                &fixture(file),
                Format::Json,
                &LoadOptions::new().session(Retain::Keep),
            )
            .unwrap();
        assert!(report.skipped.is_empty(), "{file}: {:?}", report.skipped);
        assert_eq!(jar.len(), 18, "{file}");
        for (url, sent) in SENT {
            let url: url::Url = url.parse().unwrap();
            let ours = jar.cookie_header_for(&url).unwrap_or_default();
            assert_eq!(
                by_path(&ours, &jar, &url),
                by_path(sent, &jar, &url),
                "{file}: {url}"
            );
        }
    }
}

/// Written as WebDriver's cookies, each file's cookies come out as the
/// driver gave them: every object has the same keys and values (the
/// drivers always give `sameSite`, so no cookie read from them lacks it).
#[test]
fn webdriver_cookies_write_back_as_the_driver_gave_them() {
    let now = time::OffsetDateTime::from_unix_timestamp(CAPTURED).unwrap();
    let all = LoadOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep);
    let save = SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
        .unwritable(Unwritable::Fail);
    for file in DRIVERS {
        let bytes = fixture(file);
        let loaded = format::read(&bytes, Format::WebDriver, &all, now).unwrap();
        let mut out = Vec::new();
        let report =
            format::write(&loaded.cookies, Format::WebDriver, &save, now, &mut out).unwrap();
        assert!(report.skipped.is_empty(), "{file}");
        let given: Value = serde_json::from_slice(&bytes).unwrap();
        let written: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(written, given, "{file}");
        // In geckodriver's order of keys.
        let text = String::from_utf8(out).unwrap();
        let first = text.find("\"name\"").unwrap();
        assert!(
            first < text.find("\"value\"").unwrap() && first < text.find("\"domain\"").unwrap()
        );
        assert_eq!(
            Format::detect(text.as_bytes()),
            Some(Format::WebDriver),
            "{file}"
        );
    }
}

/// What WebDriver's cookies cannot hold: a session cookie has no
/// `expiry`, one without `SameSite` no `sameSite` (each browser's
/// default), a nameless cookie has its name as the value, and a
/// partitioned one is left out.
#[test]
fn webdriver_cookies_leave_out_what_they_cannot_hold() {
    let now = time::OffsetDateTime::from_unix_timestamp(CAPTURED).unwrap();
    let jar = CookieJar::builder()
        .clock(ManualClock::new(CAPTURED))
        .build();
    let url: url::Url = "https://www.example.com/a/b".parse().unwrap();
    jar.set_cookies_from_headers(
        &url,
        [
            &b"plain=1"[..],
            b"nameless",
            b"lax=2; Domain=example.com; Max-Age=60; SameSite=Lax; HttpOnly",
            b"__Host-p=3; Secure; Path=/; Partitioned; SameSite=None",
        ],
    );
    let keep = SaveOptions::new().session(Retain::Keep);
    let mut out = Vec::new();
    let report =
        format::write(&jar.all_cookies(), Format::WebDriver, &keep, now, &mut out).unwrap();
    assert_eq!(report.skipped.len(), 1);
    let written: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        written,
        serde_json::json!([
            {"name": "plain", "value": "1", "path": "/a", "domain": "www.example.com",
             "secure": false, "httpOnly": false},
            {"name": "", "value": "nameless", "path": "/a", "domain": "www.example.com",
             "secure": false, "httpOnly": false},
            {"name": "lax", "value": "2", "path": "/a", "domain": ".example.com",
             "secure": false, "httpOnly": true, "expiry": CAPTURED + 60, "sameSite": "Lax"},
        ])
    );
    // And they read back as the jar held them.
    let back = format::read(
        &out,
        Format::WebDriver,
        &LoadOptions::new().session(Retain::Keep),
        now,
    )
    .unwrap();
    let headers = |cookies: &[cookiejar::Cookie]| {
        let j = CookieJar::builder()
            .clock(ManualClock::new(CAPTURED))
            .build();
        j.replace_all(cookies.to_vec()).unwrap();
        j.cookie_header_for(&url)
    };
    assert_eq!(
        headers(&back.cookies).as_deref(),
        Some("plain=1; nameless; lax=2")
    );
}

/// A file jar over WebDriver's cookies saves them as WebDriver's, also
/// after a save of none (`[]`, which cookie_store's files hold too).
#[test]
fn a_file_jar_keeps_webdriver_cookies_as_they_are() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("webdriver-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("selenium.json");
    std::fs::write(&path, fixture(DRIVERS[0])).unwrap();
    let jar = FileCookieJar::builder(&path)
        .clock(ManualClock::new(CAPTURED))
        .session_cookies(Retain::Keep)
        .build();
    jar.load().unwrap();
    assert_eq!(jar.jar().len(), 18);
    jar.save().unwrap();
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        saved,
        serde_json::from_slice::<Value>(&fixture(DRIVERS[0])).unwrap()
    );
    jar.jar().clear();
    jar.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "[]\n");
    jar.load().unwrap();
    jar.jar().set_cookies_from_headers(
        &"http://example.com/".parse().unwrap(),
        [&b"a=1; Max-Age=60"[..]],
    );
    jar.save().unwrap();
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        saved,
        serde_json::json!([{"name": "a", "value": "1", "path": "/", "domain": "example.com",
            "secure": false, "httpOnly": false, "expiry": CAPTURED + 60}])
    );
    let _ = std::fs::remove_dir_all(&dir);
}
