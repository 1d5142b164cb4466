//! Firefox's `cookies.sqlite`, read with its write-ahead log: the
//! fixtures in `tests/data/sqlite/firefox-*` were written by SQLite
//! with the table Firefox creates at schema versions 17, 12 and 8
//! (`scripts/make_sqlite_fixtures.py`).

use std::path::{Path, PathBuf};

use cookiejar::format::{self, firefox, Format, LoadOptions, Retain};
use cookiejar::{CookieJar, FileCookieJar, SameSite, SimpleRequest};
use time::OffsetDateTime;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/sqlite")
        .join(name)
}

/// 2026-12-06, after the fixtures' cookies were created (2026-01-01)
/// and before they expire (2030-01-01).
fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_796_515_200).unwrap()
}

const CREATED: i64 = 1_767_225_600;
const EXPIRES: i64 = 1_893_456_000;

/// A cookie in one line: `name=value` (the value cut at 10 bytes),
/// domain (a leading dot for a domain cookie) and path, then its flags.
fn seen(c: &cookiejar::Cookie) -> String {
    let value: String = c.value().chars().take(10).collect();
    let dot = if c.host_only() { "" } else { "." };
    let mut flags = Vec::new();
    for (on, flag) in [
        (c.secure(), "secure"),
        (c.http_only(), "httponly"),
        (c.partitioned(), "partitioned"),
    ] {
        if on {
            flags.push(flag.to_owned());
        }
    }
    if c.same_site() != SameSite::Default {
        flags.push(format!("{:?}", c.same_site()));
    }
    let flags = flags.join(",");
    format!(
        "{}={value} {dot}{}{} {flags}",
        c.name(),
        c.domain(),
        c.path()
    )
}

fn read(bytes: &[u8]) -> format::Loaded {
    format::read(bytes, Format::Firefox, &LoadOptions::new(), now()).unwrap()
}

#[test]
fn reads_firefox_146_with_its_log() {
    let path = fixture("firefox-v17.sqlite");
    let bytes = firefox::read_database(&path).unwrap();
    assert_eq!(Format::detect(&bytes), Some(Format::Firefox));
    let loaded = read(&bytes);
    let cookies: Vec<String> = loaded.cookies.iter().map(seen).collect();
    assert_eq!(
        cookies,
        [
            "sid=abc .example.com/ secure,httponly,Lax",
            // Changed in the log.
            "pref=changed www.example.com/app ",
            "strict=1 www.example.com/ Strict",
            "none=1 cdn.example.net/ secure,None",
            // A first-party CHIPS cookie: its partition is its own site.
            "chips=1 .example.com/ secure,partitioned",
            "v6=1 [::1]/ ",
            "=nameless www.example.com/ ",
            "big=xxxxxxxxxx www.example.com/ ",
            // Its partitioned twin is left out.
            "twin=unpartitio www.example.com/ ",
            // Only in the log.
            "late=1 www.example.com/ ",
        ]
    );
    let sid = &loaded.cookies[0];
    // Milliseconds (schema 16 on) and microseconds.
    assert_eq!(sid.expires().unwrap().unix_timestamp(), EXPIRES);
    assert_eq!(
        sid.creation_time().unix_timestamp_nanos(),
        i128::from(CREATED) * 1_000_000_000 + 123_456_000
    );
    assert_eq!(
        sid.last_access_time().unix_timestamp_nanos(),
        i128::from(CREATED) * 1_000_000_000 + 7_000
    );
    assert_eq!(loaded.cookies[7].value(), "x".repeat(3000));
    // The other contexts' cookies are left out, and counted: the
    // container's, those partitioned under another site (`tracker`,
    // `foreign` under a cross-site frame, `scheme` under an http page,
    // `io` under the suffix site github.io), `stale` (a partition key
    // without Partitioned) and the partitioned `twin`.
    assert_eq!(loaded.skipped, []);
    assert_eq!(loaded.context_left_out, 7);
    // The expired one.
    assert_eq!(loaded.expired_left_out, 1);
}

#[test]
fn without_its_log_the_database_is_older() {
    let bytes = std::fs::read(fixture("firefox-v17.sqlite")).unwrap();
    let loaded = read(&bytes);
    let names: Vec<(&str, &str)> = loaded
        .cookies
        .iter()
        .map(|c| (c.name(), c.value()))
        .filter(|(n, _)| *n != "big")
        .collect();
    assert_eq!(
        names,
        [
            ("sid", "abc"),
            ("pref", "dark"),
            ("strict", "1"),
            ("none", "1"),
            ("chips", "1"),
            ("v6", "1"),
            ("", "nameless"),
            ("twin", "unpartitioned"),
        ]
    );
    // A log from elsewhere (its salt changed) is ignored, as SQLite
    // ignores it.
    let mut log = std::fs::read(fixture("firefox-v17.sqlite-wal")).unwrap();
    log[16] ^= 0xff;
    let loaded = read(&firefox::with_log(bytes.clone(), &log));
    assert!(loaded.cookies.iter().all(|c| c.name() != "late"));
    assert_eq!(
        firefox::log_path("/p/cookies.sqlite"),
        Path::new("/p/cookies.sqlite-wal")
    );
}

#[test]
fn reads_older_schemas() {
    let v12 = read(&std::fs::read(fixture("firefox-v12.sqlite")).unwrap());
    let cookies: Vec<String> = v12.cookies.iter().map(seen).collect();
    assert_eq!(
        cookies,
        [
            // rawSameSite is what the server sent: nothing (sameSite holds
            // the Lax that Firefox applied by default).
            "sid=abc .example.com/ secure",
            "strict=1 www.example.com/ Strict",
            // Without brackets, as older Firefox stored it; sameSite 0 is
            // None, sent cross-site, as Firefox's migration to schema 15
            // keeps it.
            "v6=1 [::1]/ None",
        ]
    );
    // Seconds before schema 16.
    assert_eq!(v12.cookies[0].expires().unwrap().unix_timestamp(), EXPIRES);
    let v8 = read(&std::fs::read(fixture("firefox-v8.sqlite")).unwrap());
    assert_eq!(v8.cookies.len(), 3);
    assert!(v8
        .cookies
        .iter()
        .all(|c| c.same_site() == SameSite::Default));
    assert_eq!(v8.cookies[1].expires().unwrap().unix_timestamp(), EXPIRES);
}

#[test]
fn refuses_other_databases_and_files() {
    let other = std::fs::read(fixture("basic.sqlite")).unwrap();
    let e = format::read(&other, Format::Firefox, &LoadOptions::new(), now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "firefox cookie database: no moz_cookies table: not a Firefox cookie database"
    );
    let e = format::read(b"hello", Format::Firefox, &LoadOptions::new(), now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "firefox cookie database: not an SQLite 3 database"
    );
    // Read only.
    let e = format::write(
        &[],
        Format::Firefox,
        &Default::default(),
        now(),
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(matches!(e.kind(), cookiejar::ErrorKind::Unsupported { .. }));
    assert_eq!("firefox".parse::<Format>().unwrap(), Format::Firefox);
    assert_eq!(
        Format::from_extension("cookies.sqlite"),
        Some(Format::Firefox)
    );
}

#[test]
fn a_file_jar_loads_a_profile_and_never_writes_it() {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("firefox-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cookies.sqlite");
    std::fs::copy(fixture("firefox-v17.sqlite"), &path).unwrap();
    std::fs::copy(
        fixture("firefox-v17.sqlite-wal"),
        dir.join("cookies.sqlite-wal"),
    )
    .unwrap();
    let jar = FileCookieJar::builder(&path)
        .load_options(LoadOptions::new().session(Retain::Keep))
        .build();
    let report = jar.load().unwrap();
    assert_eq!((report.skipped.len(), report.context_left_out), (0, 7));
    let header = |jar: &CookieJar, url: &str| {
        let mut request = SimpleRequest::parse(url).unwrap();
        jar.add_cookie_header(&mut request);
        request.header("Cookie").map(str::to_owned)
    };
    assert_eq!(
        header(&jar, "https://www.example.com/app/x").as_deref(),
        Some(
            format!(
                "pref=changed; sid=abc; strict=1; chips=1; nameless; big={}; twin=unpartitioned; late=1",
                "x".repeat(3000)
            )
            .as_str()
        )
    );
    // Not written: the jar lacks the other contexts' cookies, and the
    // format is read only (save_as over it says so).
    let before = std::fs::read(&path).unwrap();
    let e = jar.save().unwrap_err();
    assert!(
        matches!(e.kind(), cookiejar::ErrorKind::UnreadFile { .. }),
        "{e}"
    );
    let e = jar.save_as(&path, &Default::default()).unwrap_err();
    assert!(e.to_string().contains("read only"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Elsewhere, as cookies.txt: written.
    let out = dir.join("cookies.txt");
    jar.save_as(&out, &Default::default()).unwrap();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("\tsid\tabc\n"));
}

#[test]
fn chrome_and_firefox_databases_are_told_apart() {
    let chrome = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/chrome");
    let chromium = std::fs::read(chrome.join("chromium156-basic.sqlite")).unwrap();
    assert_eq!(Format::detect(&chromium), Some(Format::Chrome));
    // The head of one (a schema on the first page) is enough.
    assert_eq!(Format::detect(&chromium[..4096]), Some(Format::Chrome));
    let firefox = std::fs::read(fixture("firefox-v12.sqlite")).unwrap();
    assert_eq!(Format::detect(&firefox), Some(Format::Firefox));
    // Neither table: read as Firefox's, which says what is missing.
    let other = std::fs::read(fixture("basic.sqlite")).unwrap();
    assert_eq!(Format::detect(&other), Some(Format::Firefox));
    let e = format::read(&chromium, Format::Firefox, &LoadOptions::new(), now()).unwrap_err();
    assert!(e.to_string().contains("no moz_cookies table"), "{e}");
    let read = format::read(&chromium, Format::Chrome, &LoadOptions::new(), now());
    if cfg!(feature = "chrome") {
        assert!(read.is_ok());
    } else {
        let e = read.unwrap_err();
        assert!(matches!(e.kind(), cookiejar::ErrorKind::Unsupported { .. }));
        assert_eq!(
            e.to_string(),
            "chrome cookie database: chrome cookie databases need the `chrome` feature of cookiejar"
        );
    }
}
