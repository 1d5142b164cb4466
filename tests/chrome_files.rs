//! Chrome's `Cookies` database. `tests/data/chrome/chromium156-basic.sqlite`
//! is a real Chromium 156's (headless, `--password-store=basic`, driven
//! against a local site over http and https); its `.expected.json` is
//! every row as an independent Python decoder read it (and Chromium's own
//! DevTools list agreed), its `.headers.json` the `Cookie` header
//! Chromium sent to each URL afterwards. The `synthetic-*` databases are
//! written by `scripts/make_chrome_fixtures.py` with the keys and schemas
//! a real profile here could not give, each with what it must read as.
#![cfg(feature = "chrome")]

use std::path::{Path, PathBuf};

use cookiejar::format::{self, Format, LoadOptions, Retain, Strictness};
use cookiejar::{Cookie, CookieJar, ErrorKind, FileCookieJar, ManualClock, SameSite};
use serde_json::Value;
use time::OffsetDateTime;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/chrome")
        .join(name)
}

fn json(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(fixture(name)).unwrap()).unwrap()
}

/// Keeps session and expired cookies: every row that is a cookie reads.
fn keep_all() -> LoadOptions {
    LoadOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
}

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap()
}

fn same_site_name(s: SameSite) -> &'static str {
    match s {
        SameSite::Strict => "strict",
        SameSite::Lax => "lax",
        SameSite::None => "none",
        _ => "default",
    }
}

/// A cookie as the expected files write one.
fn as_expected(c: &Cookie) -> Value {
    serde_json::json!({
        "name": c.name(),
        "value": c.value(),
        "domain": c.domain(),
        "host_only": c.host_only(),
        "path": c.path(),
        "expires": c.expires().map(|t| t.unix_timestamp()),
        "secure": c.secure(),
        "http_only": c.http_only(),
        "same_site": same_site_name(c.same_site()),
        "partitioned": c.partitioned(),
    })
}

/// Reads synthetic database `name` with `options` and checks it against
/// its `.expected.json`: the cookies, the rows skipped and why, and the
/// cookies of other contexts left out.
fn check_synthetic(name: &str) {
    let expected = json(&format!("{name}.expected.json"));
    let bytes = std::fs::read(fixture(&format!("{name}.sqlite"))).unwrap();
    assert_eq!(Format::detect(&bytes), Some(Format::Chrome), "{name}");
    let password = expected["password"].as_str().unwrap();
    let now = at(expected["now"].as_i64().unwrap());
    let loaded = format::read(
        &bytes,
        Format::Chrome,
        &keep_all().chrome_password(password),
        now,
    )
    .unwrap();
    let got: Vec<Value> = loaded.cookies.iter().map(as_expected).collect();
    assert_eq!(
        Value::Array(got),
        expected["cookies"],
        "{name}: the cookies read"
    );
    let skipped = expected["skipped"].as_array().unwrap();
    assert_eq!(
        loaded.skipped.len(),
        skipped.len(),
        "{name}: {:?}",
        loaded.skipped
    );
    for (issue, want) in loaded.skipped.iter().zip(skipped) {
        assert_eq!(issue.line, want["row"].as_u64().unwrap(), "{name}");
        let says = want["says"].as_str().unwrap();
        assert!(issue.message.contains(says), "{name}: {issue} ({says})");
    }
    assert_eq!(
        loaded.context_left_out,
        expected["context_left_out"].as_u64().unwrap() as usize,
        "{name}"
    );
}

#[test]
fn synthetic_databases_of_schema_24_read_with_every_key() {
    check_synthetic("synthetic-v24");
}

#[test]
fn synthetic_databases_of_older_schemas_read() {
    check_synthetic("synthetic-v12");
    check_synthetic("synthetic-v9");
    // No meta table: a value's host hash is removed where it is there.
    check_synthetic("synthetic-nometa");
}

#[test]
fn without_the_password_keyring_values_are_skipped_and_say_so() {
    let bytes = std::fs::read(fixture("synthetic-v24.sqlite")).unwrap();
    let loaded = format::read(&bytes, Format::Chrome, &keep_all(), at(1_795_996_800)).unwrap();
    let names: Vec<&str> = loaded.cookies.iter().map(Cookie::name).collect();
    // The built-in key's and the empty password's values still read.
    assert!(names.contains(&"linux_v10") && names.contains(&"empty_v11"));
    assert!(!names.contains(&"linux_v11") && !names.contains(&"mac_v10"));
    let message = |row| {
        let issue = loaded.skipped.iter().find(|i| i.line == row).unwrap();
        issue.message.clone()
    };
    assert!(
        message(2).contains("keyring's password (v11)"),
        "{}",
        message(2)
    );
    assert!(message(4).contains("Keychain"), "{}", message(4));
    let issue = loaded.skipped.iter().find(|i| i.line == 2).unwrap();
    assert_eq!(issue.unit(), "row");
    assert!(issue.to_string().starts_with("row 2: a value"), "{issue}");
    // Strict: the first such row is an error, by row.
    let e = format::read(
        &bytes,
        Format::Chrome,
        &keep_all().strictness(Strictness::Strict),
        at(1_795_996_800),
    )
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e}");
    assert!(e.to_string().contains("row 2: "), "{e}");
}

/// Chromium's microseconds since 1601 as Unix seconds.
fn unix_seconds(chrome_us: i64) -> i64 {
    (chrome_us - 11_644_473_600_000_000).div_euclid(1_000_000)
}

/// When the real database was written: its first row's creation time.
fn chromium_written() -> i64 {
    let rows = json("chromium156-basic.expected.json");
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| unix_seconds(r["creation_utc"].as_i64().unwrap()))
        .max()
        .unwrap()
}

#[test]
fn chromium_156_reads_as_chromium_stored_it() {
    let bytes = std::fs::read(fixture("chromium156-basic.sqlite")).unwrap();
    assert_eq!(Format::detect(&bytes), Some(Format::Chrome));
    let loaded = format::read(&bytes, Format::Chrome, &keep_all(), at(chromium_written())).unwrap();
    assert_eq!(loaded.skipped, []);
    // The third-party CHIPS cookie is kept for another top-level site.
    assert_eq!(loaded.context_left_out, 1);
    let rows = json("chromium156-basic.expected.json");
    let rows: Vec<&Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["host_key"] != "third.test")
        .collect();
    assert_eq!(loaded.cookies.len(), rows.len());
    assert_eq!(rows.len(), 33);
    for (c, row) in loaded.cookies.iter().zip(rows) {
        let host_key = row["host_key"].as_str().unwrap();
        let int = |k: &str| row[k].as_i64().unwrap();
        let what = format!("{host_key} {}", row["name"]);
        assert_eq!(c.name(), row["name"].as_str().unwrap(), "{what}");
        assert_eq!(c.value(), row["value"].as_str().unwrap(), "{what}");
        assert_eq!(c.domain(), host_key.trim_start_matches('.'), "{what}");
        assert_eq!(c.host_only(), !host_key.starts_with('.'), "{what}");
        assert_eq!(c.path(), row["path"].as_str().unwrap(), "{what}");
        assert_eq!(c.secure(), int("is_secure") == 1, "{what}");
        assert_eq!(c.http_only(), int("is_httponly") == 1, "{what}");
        let same_site = match int("samesite") {
            0 => SameSite::None,
            1 => SameSite::Lax,
            2 => SameSite::Strict,
            _ => SameSite::Default,
        };
        assert_eq!(c.same_site(), same_site, "{what}");
        assert_eq!(
            c.expires().map(|t| t.unix_timestamp()),
            (int("is_persistent") == 1).then(|| unix_seconds(int("expires_utc"))),
            "{what}"
        );
        assert_eq!(
            c.creation_time().unix_timestamp(),
            unix_seconds(int("creation_utc")),
            "{what}"
        );
        assert_eq!(
            c.partitioned(),
            !row["top_frame_site_key"].as_str().unwrap().is_empty(),
            "{what}"
        );
    }
}

#[test]
fn a_jar_sends_what_chromium_sent() {
    let bytes = std::fs::read(fixture("chromium156-basic.sqlite")).unwrap();
    let jar = CookieJar::builder()
        .clock(ManualClock::new(chromium_written() + 1))
        .build();
    let report = jar
        .replace_all_from(&bytes, Format::Chrome, &keep_all())
        .unwrap();
    assert_eq!((report.skipped.len(), report.context_left_out), (0, 1));
    let log = json("chromium156-basic.headers.json");
    let mut compared = 0;
    for entry in log.as_array().unwrap() {
        let url = entry["url"].as_str().unwrap();
        // Inside a cross-site frame, Chromium sent the frame's partition;
        // a jar has no partitions (the cookie was left out).
        if url.contains("ctx=iframe") {
            continue;
        }
        let sent = jar.cookie_header_for(&url.parse().unwrap());
        assert_eq!(sent.as_deref(), entry["cookie_header"].as_str(), "{url}");
        compared += 1;
    }
    assert_eq!(compared, 12);
}

#[test]
fn a_file_jar_loads_a_profile_and_never_writes_it() {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("chrome-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("Cookies");
    std::fs::copy(fixture("synthetic-v24.sqlite"), &path).unwrap();
    let jar = FileCookieJar::builder(&path)
        .load_options(keep_all().chrome_password("test keyring password"))
        .clock(ManualClock::new(1_795_996_800))
        .build();
    let report = jar.load().unwrap();
    assert_eq!((report.skipped.len(), report.context_left_out), (8, 5));
    assert_eq!(
        jar.cookie_header_for(&"https://www.example.com/app/x".parse().unwrap())
            .as_deref(),
        Some(
            "mac_v10=keychain; linux_v10=ten; linux_v11=eleven; empty_v11=empty key; \
             plain=in the clear; utf8=h\u{e9}llo \u{2713}; nameless; empty_value=; \
             session=s; extended=x"
        )
    );
    let before = std::fs::read(&path).unwrap();
    assert!(jar.save().is_err());
    assert!(jar.save_as(&path, &format::SaveOptions::new()).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Checks a real Chromium database whose `.json` gives the keyring's
/// password, each row decrypted by an independent Python decoder, and
/// the `Cookie` header Chromium sent to each URL: every row reads as
/// decoded, a jar sends what Chromium sent, and without the password
/// only the `v10` rows read.
fn check_keyring_profile(name: &str, v10_rows: usize) {
    let expected = json(&format!("{name}.json"));
    let bytes = std::fs::read(fixture(&format!("{name}.sqlite"))).unwrap();
    let password = expected["password"].as_str().unwrap();
    let now = expected["now"].as_i64().unwrap();
    let options = keep_all().chrome_password(password);
    let loaded = format::read(&bytes, Format::Chrome, &options, at(now)).unwrap();
    assert_eq!(loaded.skipped, [], "{name}");
    let rows = expected["rows"].as_array().unwrap();
    assert_eq!(loaded.cookies.len(), rows.len(), "{name}");
    for (c, row) in loaded.cookies.iter().zip(rows) {
        let int = |k: &str| row[k].as_i64().unwrap();
        let what = format!("{name} {}", row["name"]);
        assert_eq!(c.name(), row["name"].as_str().unwrap(), "{what}");
        assert_eq!(c.value(), row["value"].as_str().unwrap(), "{what}");
        let host_key = row["host_key"].as_str().unwrap();
        assert_eq!(c.domain(), host_key.trim_start_matches('.'), "{what}");
        assert_eq!(c.host_only(), !host_key.starts_with('.'), "{what}");
        assert_eq!(c.path(), row["path"].as_str().unwrap(), "{what}");
        assert_eq!(c.secure(), int("is_secure") == 1, "{what}");
        assert_eq!(c.http_only(), int("is_httponly") == 1, "{what}");
        assert_eq!(
            c.expires().map(|t| t.unix_timestamp()),
            (int("is_persistent") == 1).then(|| unix_seconds(int("expires_utc"))),
            "{what}"
        );
    }
    let jar = CookieJar::builder().clock(ManualClock::new(now)).build();
    jar.replace_all_from(&bytes, Format::Chrome, &options)
        .unwrap();
    for entry in expected["headers"].as_array().unwrap() {
        let url = entry["url"].as_str().unwrap();
        let sent = jar.cookie_header_for(&url.parse().unwrap());
        assert_eq!(sent.as_deref(), entry["cookie_header"].as_str(), "{url}");
    }
    let without = format::read(&bytes, Format::Chrome, &keep_all(), at(now)).unwrap();
    assert_eq!(without.cookies.len(), v10_rows, "{name}");
    assert_eq!(without.skipped.len(), rows.len() - v10_rows, "{name}");
    for issue in &without.skipped {
        assert!(
            issue.message.contains("keyring's password (v11)"),
            "{issue}"
        );
    }
}

#[test]
fn chromium_156_with_a_keyring_reads_with_its_password() {
    // `--password-store=gnome-libsecret`: every value is `v11`.
    check_keyring_profile("chromium156-keyring", 0);
    // A profile first run without a keyring, then with one: two `v10`
    // rows under the built-in key, the rest `v11`.
    check_keyring_profile("chromium156-mixed-v10-v11", 2);
    // Into a jar, none read is an error (the jar keeps what it held),
    // which names the rows.
    let bytes = std::fs::read(fixture("chromium156-keyring.sqlite")).unwrap();
    let e = CookieJar::new()
        .replace_all_from(&bytes, Format::Chrome, &keep_all())
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "chrome cookie database: no cookies read (17 rows skipped): row 1: a value encrypted \
         with the keyring's password (v11), which was not given"
    );
}
