//! Node's tough-cookie serialized jar. `tests/data/tough-cookie/` holds
//! what tough-cookie 6.1.0 and 4.1.4 serialized after a set of
//! `setCookieSync` calls, and the `Cookie` header each then gave for
//! eight URLs (see its README): a jar loaded from either file gives the
//! same headers, in the same order.
#![cfg(feature = "serde")]

use std::path::PathBuf;

use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions, Unwritable};
use cookiejar::{CookieJar, FileCookieJar, ManualClock, SameSite};
use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{at, keep_all};

const DATA: fixtures::Folder = fixtures::Folder("tough-cookie");

const VERSIONS: [&str; 2] = ["6.1.0", "4.1.4"];

/// When tough-cookie gave the headers, in whole seconds.
fn asked_at(version: &str) -> i64 {
    DATA.json(&format!("tough-cookie-{version}.headers.json"))["get_now_ms"]
        .as_i64()
        .unwrap()
        / 1000
}

/// `cookies` written as tough-cookie's jar, session cookies kept, at
/// 1_800_000_001: the report and the file's JSON.
fn write_with_session_cookies(cookies: &[cookiejar::Cookie]) -> (format::SaveReport, Value) {
    let keep = SaveOptions::new().session(Retain::Keep);
    let mut out = Vec::new();
    let report = format::write(
        cookies,
        Format::ToughCookie,
        &keep,
        at(1_800_000_001),
        &mut out,
    )
    .unwrap();
    (report, serde_json::from_slice(&out).unwrap())
}

/// A file jar (session cookies kept, its clock at `now`) over a copy of
/// fixture `fixture`, named `name` in a new folder (of `tag`): the
/// folder, the file and the jar.
fn file_jar_over(
    fixture: &str,
    tag: &str,
    name: &str,
    now: i64,
) -> (PathBuf, PathBuf, FileCookieJar) {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::copy(DATA.path(fixture), &file).unwrap();
    let jar = FileCookieJar::builder(&file)
        .clock(ManualClock::new(now))
        .session_cookies(Retain::Keep)
        .build();
    (dir, file, jar)
}

#[test]
fn tough_cookie_jars_are_detected_and_read_whole() {
    for v in VERSIONS {
        let file = format!("tough-cookie-{v}.json");
        let input = DATA.bytes(&file);
        assert_eq!(Format::detect(&input), Some(Format::ToughCookie), "{v}");
        let now = at(asked_at(v));
        let loaded = format::read(&input, Format::ToughCookie, &keep_all(), now).unwrap();
        assert!(loaded.skipped.is_empty(), "{v}: {:?}", loaded.skipped);
        let records = DATA.json(&file)["cookies"].as_array().unwrap().len();
        assert_eq!(loaded.cookies.len(), records, "{v}");
        let get = |name: &str| loaded.cookies.iter().find(|c| c.name() == name).unwrap();
        let dom = get("dom");
        assert!(!dom.host_only() && !dom.path_specified() && dom.domain() == "example.com");
        assert_eq!(dom.expires(), Some(at(1_827_619_200)), "{v}"); // 2027-12-01
        assert_eq!(
            dom.creation_time().unix_timestamp(),
            asked_at(v),
            "{v}: creation {:?}",
            dom.creation_time()
        );
        assert!(get("host").host_only() && get("host").expires().is_none());
        let sec = get("sec");
        assert!(sec.secure() && sec.http_only() && sec.same_site() == SameSite::Strict);
        assert_eq!(get("none").same_site(), SameSite::None);
        assert_eq!(get("samesitebogus").same_site(), SameSite::Default);
        // A default path: `pathIsDefault`.
        assert!(!get("defpath").path_specified() && get("defpath").path() == "/sub");
        assert!(get("sub").path_specified());
        assert_eq!(get("emptyval").value(), "");
        assert_eq!(get("u").value(), "caf\u{e9}");
        // Max-Age=0 is expired; Max-Age counts from the creation (4.x)
        // or the last access (5.0 on), the same instant in these files.
        assert!(get("expired").expires().unwrap() < now);
        let created = get("maxage").creation_time().unix_timestamp();
        assert_eq!(
            get("maxage").expires().unwrap().unix_timestamp(),
            created + 3600
        );
        assert!(get("pastexp").expires().unwrap() < now);
    }
}

#[test]
fn a_jar_loaded_from_tough_cookie_gives_its_headers() {
    for v in VERSIONS {
        let jar = CookieJar::builder()
            .clock(ManualClock::new(asked_at(v)))
            .build();
        let report = jar
            .replace_all_from(
                &DATA.bytes(&format!("tough-cookie-{v}.json")),
                Format::ToughCookie,
                &LoadOptions::new().session(Retain::Keep),
            )
            .unwrap();
        assert!(report.skipped.is_empty(), "{v}: {:?}", report.skipped);
        sends_what_tough_cookie_sent(
            &jar,
            &DATA.json(&format!("tough-cookie-{v}.headers.json")),
            v,
        );
    }
}

/// Checks that `jar` sends the `Cookie` header tough-cookie gave each
/// URL of `log` (a `.headers.json` file), of `what`.
fn sends_what_tough_cookie_sent(jar: &CookieJar, log: &Value, what: &str) {
    let headers = log["headers"].as_array().unwrap();
    assert_eq!(headers.len(), 8);
    for entry in headers {
        let url = entry["url"].as_str().unwrap();
        let sent = jar.cookie_header_for(&url.parse().unwrap());
        assert_eq!(
            sent.as_deref(),
            entry["cookie_header"].as_str(),
            "{what}: {url}"
        );
    }
}

/// Written back, each cookie tough-cookie wrote with an `expires` (or
/// none) comes out as it was, its `extensions` included, and the jar's
/// options are tough-cookie 6.1.0's defaults; a `maxAge` comes out as
/// the `expires` it gave.
#[test]
fn tough_cookie_jars_write_back_as_tough_cookie_wrote_them() {
    let v = "6.1.0";
    let file = format!("tough-cookie-{v}.json");
    let now = at(asked_at(v));
    let loaded = format::read(&DATA.bytes(&file), Format::ToughCookie, &keep_all(), now).unwrap();
    let save = SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
        .unwritable(Unwritable::Fail);
    let mut out = Vec::new();
    format::write(&loaded.cookies, Format::ToughCookie, &save, now, &mut out).unwrap();
    let given = DATA.json(&file);
    let written: Value = serde_json::from_slice(&out).unwrap();
    let options = |j: &Value| {
        let mut o = j.as_object().unwrap().clone();
        o.remove("cookies");
        o
    };
    assert_eq!(options(&written), options(&given));
    let keys = |j: &Value| j.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&written), keys(&given));
    let (given, written) = (
        given["cookies"].as_array().unwrap(),
        written["cookies"].as_array().unwrap(),
    );
    assert_eq!(written.len(), given.len());
    let mut same = 0;
    for (g, w) in given.iter().zip(written) {
        if g.get("maxAge").is_none() {
            assert_eq!(w, g);
            same += 1;
        } else {
            assert!(
                w.get("maxAge").is_none() && w.get("expires").is_some(),
                "{w}"
            );
        }
    }
    assert_eq!(same, 17);
    let maxage = written.iter().find(|c| c["key"] == "maxage").unwrap();
    let created = maxage["creation"].as_str().unwrap();
    // 03:23:05.732 + 3600 s, to the second.
    assert_eq!(created, "2026-12-07T03:23:05.732Z");
    assert_eq!(maxage["expires"], "2026-12-07T04:23:05.000Z");
}

/// A save over a tough-cookie 4.x jar keeps its options as they were.
#[test]
fn a_file_jar_keeps_a_tough_cookie_jar_and_its_options() {
    let (dir, file, jar) = file_jar_over(
        "tough-cookie-4.1.4.json",
        "tough-cookie",
        "jar.json",
        asked_at("4.1.4"),
    );
    jar.load().unwrap();
    jar.jar().set_cookies_from_headers(
        &"https://www.example.com/".parse().unwrap(),
        [&b"new=1; Max-Age=60"[..]],
    );
    jar.save().unwrap();
    let saved: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let given = DATA.json("tough-cookie-4.1.4.json");
    for key in [
        "version",
        "storeType",
        "rejectPublicSuffixes",
        "enableLooseMode",
        "allowSpecialUseDomain",
        "prefixSecurity",
    ] {
        assert_eq!(saved[key], given[key], "{key}");
    }
    assert!(saved.get("enforceSecureOriginOnStorage").is_none());
    let names: Vec<&str> = saved["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"new") && names.contains(&"dom"),
        "{names:?}"
    );
    // The expired ones were not loaded, so not saved.
    assert!(!names.contains(&"pastexp") && !names.contains(&"expired"));
    assert_eq!(
        Format::detect(&std::fs::read(&file).unwrap()),
        Some(Format::ToughCookie)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// tough-cookie keys its cookies by domain, path and name: of a host's
/// host-only cookie and its domain cookie of the same name, only the
/// newer is written (tough-cookie would keep the last it read), and the
/// other is reported.
#[test]
fn of_two_cookies_of_one_key_the_newer_is_written() {
    let clock = ManualClock::new(1_800_000_000);
    let jar = CookieJar::builder().clock(clock.clone()).build();
    let url = "http://example.com/".parse().unwrap();
    jar.set_cookies_from_headers(&url, [&b"a=host"[..]]);
    clock.advance(1);
    jar.set_cookies_from_headers(&url, [&b"a=domain; Domain=example.com"[..]]);
    assert_eq!(jar.len(), 2);
    let (report, written) = write_with_session_cookies(&jar.all_cookies());
    assert_eq!(report.skipped.len(), 1);
    let cookies = written["cookies"].as_array().unwrap();
    assert_eq!(cookies.len(), 1);
    assert_eq!(
        (&cookies[0]["value"], &cookies[0]["hostOnly"]),
        (&"domain".into(), &false.into())
    );
}

const FILE_STORES: [&str; 2] = ["3.3.0", "2.0.3"];

/// `tough-cookie-file-store` files (3.3.0 with tough-cookie 6.1.0, 2.0.3
/// with 4.1.4), as their `FileCookieStore` wrote them: detected, read
/// whole, and a jar loaded from one gives the headers tough-cookie gave.
#[test]
fn file_store_files_give_tough_cookies_headers() {
    for v in FILE_STORES {
        let file = format!("file-store-{v}.json");
        let input = DATA.bytes(&file);
        assert_eq!(
            Format::detect(&input),
            Some(Format::ToughCookieFileStore),
            "{v}"
        );
        let log = DATA.json(&format!("file-store-{v}.headers.json"));
        let asked = log["get_now_ms"].as_i64().unwrap() / 1000;
        let loaded =
            format::read(&input, Format::ToughCookieFileStore, &keep_all(), at(asked)).unwrap();
        assert!(loaded.skipped.is_empty(), "{v}: {:?}", loaded.skipped);
        let filed: usize = DATA
            .json(&file)
            .as_object()
            .unwrap()
            .values()
            .flat_map(|paths| paths.as_object().unwrap().values())
            .map(|names| names.as_object().unwrap().len())
            .sum();
        assert_eq!(loaded.cookies.len(), filed, "{v}");
        let jar = CookieJar::builder().clock(ManualClock::new(asked)).build();
        jar.replace_all_from(
            &input,
            Format::ToughCookieFileStore,
            &LoadOptions::new().session(Retain::Keep),
        )
        .unwrap();
        sends_what_tough_cookie_sent(&jar, &log, v);
    }
}

/// Written back, a `FileCookieStore` file is filed as the store filed
/// it, on one line without a break, and each cookie with an `expires`
/// (or none) comes out as it was.
#[test]
fn file_store_files_write_back_as_the_store_wrote_them() {
    let v = "3.3.0";
    let file = format!("file-store-{v}.json");
    let now = at(asked_at("6.1.0"));
    let loaded = format::read(
        &DATA.bytes(&file),
        Format::ToughCookieFileStore,
        &keep_all(),
        now,
    )
    .unwrap();
    let save = SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
        .unwritable(Unwritable::Fail);
    let mut out = Vec::new();
    format::write(
        &loaded.cookies,
        Format::ToughCookieFileStore,
        &save,
        now,
        &mut out,
    )
    .unwrap();
    assert!(!out.contains(&b'\n'));
    assert_eq!(Format::detect(&out), Some(Format::ToughCookieFileStore));
    let given = DATA.json(&file);
    let written: Value = serde_json::from_slice(&out).unwrap();
    let filing = |j: &Value| -> Vec<(String, String, String)> {
        let mut keys = Vec::new();
        for (d, paths) in j.as_object().unwrap() {
            for (p, names) in paths.as_object().unwrap() {
                for n in names.as_object().unwrap().keys() {
                    keys.push((d.clone(), p.clone(), n.clone()));
                }
            }
        }
        keys
    };
    assert_eq!(filing(&written), filing(&given));
    let mut same = 0;
    for (d, p, n) in filing(&given) {
        let (g, w) = (&given[&d][&p][&n], &written[&d][&p][&n]);
        if g.get("maxAge").is_none() {
            assert_eq!(w, g);
            same += 1;
        }
    }
    assert_eq!(same, 17);
}

/// A file jar over a `FileCookieStore` file keeps it one, also after a
/// save of no cookie (`{}`).
#[test]
fn a_file_jar_keeps_a_file_store_file_as_it_is() {
    let (dir, file, jar) = file_jar_over(
        "file-store-3.3.0.json",
        "tough-cookie-store",
        "cookies.json",
        asked_at("6.1.0"),
    );
    jar.load().unwrap();
    jar.save().unwrap();
    let saved = std::fs::read(&file).unwrap();
    assert_eq!(Format::detect(&saved), Some(Format::ToughCookieFileStore));
    jar.jar().clear();
    jar.save().unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{}");
    jar.load().unwrap();
    jar.jar().set_cookies_from_headers(
        &"https://example.com/".parse().unwrap(),
        [&b"a=1; Max-Age=60"[..]],
    );
    jar.save().unwrap();
    let saved: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(saved["example.com"]["/"]["a"]["value"], "1");
    let _ = std::fs::remove_dir_all(&dir);
}

/// What tough-cookie would never send is left out and listed, also in
/// a strict read: a cookie without a domain or path (which tough-cookie
/// 4.1.4 writes for one it was given so), or with a leading dot or
/// capitals in its domain. Odd times read without a panic.
#[test]
fn what_tough_cookie_never_sends_is_left_out() {
    let file = br#"{"version": "tough-cookie@4.1.4", "cookies": [
        {"key": "a", "value": "b", "creation": "2026-12-07T03:23:05.731Z"},
        {"key": "p", "value": "1", "domain": "example.com"},
        {"key": "dot", "value": "2", "domain": ".example.com", "path": "/"},
        {"key": "up", "value": "3", "domain": "Example.com", "path": "/"},
        {"key": "far", "value": "4", "domain": "example.com", "path": "/", "expires": 1e33},
        {"key": "old", "value": "5", "domain": "example.com", "path": "/", "creation": -1e300},
        {"key": "js", "value": "6", "domain": "example.com", "path": "/",
         "expires": "+275760-09-13T00:00:00.000Z"},
        {"key": "rfc", "value": "7", "domain": "example.com", "path": "/",
         "expires": "Wed, 01 Dec 2027 00:00:00 GMT", "extensions": ["Partitioned", "Priority=High"]}
    ]}"#;
    assert_eq!(Format::detect(file), Some(Format::ToughCookie));
    let strict = keep_all().strictness(format::Strictness::Strict);
    let loaded = format::read(file, Format::ToughCookie, &strict, at(1_800_000_000)).unwrap();
    let lines: Vec<u64> = loaded.skipped.iter().map(|i| i.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert!(loaded.skipped[0].message.contains("no `domain`"));
    assert!(loaded.skipped[1].message.contains("no `path`"));
    let names: Vec<&str> = loaded.cookies.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["far", "old", "js", "rfc"]);
    let latest = at(253_402_300_799);
    assert_eq!(loaded.cookies[0].expires(), Some(latest));
    assert_eq!(loaded.cookies[2].expires(), Some(latest));
    let rfc = &loaded.cookies[3];
    assert_eq!(rfc.expires(), Some(at(1_827_619_200)));
    // tough-cookie keeps no partitions: `Partitioned` is an attribute
    // like any other it does not know, and is written back.
    assert!(!rfc.partitioned());
    let other: Vec<(&str, Option<&str>)> = rfc.other_attributes().collect();
    assert_eq!(other, [("Partitioned", None), ("Priority", Some("High"))]);
    let mut out = Vec::new();
    format::write(
        &loaded.cookies[3..],
        Format::ToughCookie,
        &SaveOptions::new(),
        at(1_800_000_000),
        &mut out,
    )
    .unwrap();
    let written: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        written["cookies"][0]["extensions"],
        serde_json::json!(["Partitioned", "Priority=High"])
    );
}

/// This crate's JSON is told by its `format`, whatever other keys it has.
#[test]
fn a_format_key_makes_this_crates_json() {
    let file = br#"{"format": "cookiejar", "version": 1, "storeType": null, "cookies": []}"#;
    assert_eq!(Format::detect(file), Some(Format::Json));
}

/// Two cookies set without `=` on one domain and path are both nameless
/// in tough-cookie, which holds one: the newer is written.
#[test]
fn two_nameless_cookies_of_one_path_are_one_in_tough_cookie() {
    let set_without_eq = |name: &str, at_secs: i64| {
        cookiejar::Cookie::builder(name, "")
            .domain("example.com")
            .value_absent(true)
            .creation_time(at(at_secs))
            .build()
    };
    let all = [
        set_without_eq("a", 1_800_000_000),
        set_without_eq("b", 1_800_000_001),
    ];
    let (report, written) = write_with_session_cookies(&all);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(written["cookies"].as_array().unwrap().len(), 1);
    assert_eq!(
        (
            &written["cookies"][0]["value"],
            written["cookies"][0].get("key")
        ),
        (&"b".into(), None)
    );
}
