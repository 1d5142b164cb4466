//! PHP Guzzle's cookie file. `tests/data/guzzle/` holds what Guzzle's
//! `FileCookieJar` saved after the same responses in Guzzle 7.4.5, 7.9.2
//! and 8.3.1, and the `Cookie` header each then sent to eight URLs (see
//! its README): a jar loaded from each file sends those cookies, but for
//! what Guzzle 7, which keeps no host-only flag, sends to subdomains, and
//! a `Max-Age=0` cookie Guzzle 7 keeps as a session cookie.
#![cfg(feature = "serde")]

use std::collections::BTreeSet;
use std::path::PathBuf;

use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions, Unwritable};
use cookiejar::{CookieJar, FileCookieJar, ManualClock, SameSite};
use serde_json::Value;

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{at, keep_all};

const DATA: fixtures::Folder = fixtures::Folder("guzzle");

const VERSIONS: [&str; 3] = ["7.4.5", "7.9.2", "8.3.1"];

/// When the files were written (`time()`), and the headers asked for.
const WRITTEN: i64 = 1_796_615_118;

fn pairs(header: Option<&str>) -> BTreeSet<String> {
    header
        .into_iter()
        .flat_map(|h| h.split("; "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn guzzle_files_are_detected_and_read_whole() {
    for v in VERSIONS {
        let file = format!("guzzle-{v}.json");
        let input = DATA.bytes(&file);
        assert_eq!(Format::detect(&input), Some(Format::Guzzle), "{v}");
        let loaded = format::read(&input, Format::Guzzle, &keep_all(), at(WRITTEN)).unwrap();
        assert!(loaded.skipped.is_empty(), "{v}: {:?}", loaded.skipped);
        assert_eq!(
            loaded.cookies.len(),
            DATA.json(&file).as_array().unwrap().len(),
            "{v}"
        );
        let get = |name: &str| loaded.cookies.iter().find(|c| c.name() == name).unwrap();
        // Guzzle 8 says which cookies are host-only; Guzzle 7 does not,
        // and a domain without a dot reads as host-only.
        let v8 = v.starts_with('8');
        assert_eq!(get("dom").host_only(), !v8, "{v}");
        assert!(!get("dotdom").host_only() && get("dotdom").domain() == "example.com");
        assert!(get("host").host_only() && get("apex").host_only(), "{v}");
        assert_eq!(get("dom").expires(), Some(at(1_827_619_200)), "{v}");
        assert_eq!(get("maxage").expires(), Some(at(WRITTEN + 3600)), "{v}");
        assert!(get("host").expires().is_none());
        let sec = get("sec");
        assert!(sec.secure() && sec.http_only() && sec.same_site() == SameSite::Strict);
        assert_eq!(get("lax").same_site(), SameSite::Lax);
        assert_eq!(get("sub").path(), "/sub");
        assert_eq!((get("eq").value(), get("emptyval").value()), ("a=b", ""));
        if !v8 {
            // Kept by Guzzle 7, which 8 drops: Max-Age=0 (expired here)
            // and a past Expires.
            assert!(get("expired").expires().unwrap() < at(WRITTEN));
            assert!(get("pastexp").expires().unwrap() < at(WRITTEN));
        }
    }
}

#[test]
fn a_jar_loaded_from_guzzle_sends_what_guzzle_sent() {
    for v in VERSIONS {
        let jar = CookieJar::builder()
            .clock(ManualClock::new(WRITTEN))
            .build();
        let report = jar
            .replace_all_from(
                &DATA.bytes(&format!("guzzle-{v}.json")),
                Format::Guzzle,
                &LoadOptions::new().session(Retain::Keep),
            )
            .unwrap();
        assert!(report.skipped.is_empty(), "{v}: {:?}", report.skipped);
        let log = DATA.json(&format!("guzzle-{v}.headers.json"));
        let sent = log["cookie_headers"].as_object().unwrap();
        assert_eq!(sent.len(), 8);
        for (url, header) in sent {
            let ours = pairs(jar.cookie_header_for(&url.parse().unwrap()).as_deref());
            let mut theirs = pairs(header.as_str().filter(|h| !h.is_empty()));
            if v.starts_with('7') {
                // Guzzle 7 sends a `Max-Age=0` cookie, and every cookie
                // of a host to its subdomains.
                theirs.remove("expired=10");
                if url.contains("a.www.") || url.contains("other.") {
                    theirs.retain(|p| ["dom=3", "dotdom=4"].contains(&p.as_str()));
                }
                if url.contains("://www.") {
                    theirs.remove("apex=9");
                    if !url.contains("/sub/") {
                        theirs.remove("sub=8");
                    }
                }
                if url.contains("www.") || url.contains("other.") {
                    theirs.remove("dom=3");
                }
            }
            assert_eq!(ours, theirs, "{v}: {url}");
        }
    }
}

/// Written back, Guzzle 8.3.1's file comes out byte for byte; Guzzle
/// 7's cookies come out with `HostOnly` added, and `Max-Age` as `null`
/// (counted into `Expires`).
#[test]
fn guzzle_files_write_back_as_guzzle_wrote_them() {
    let save = SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
        .unwritable(Unwritable::Fail);
    for v in VERSIONS {
        let file = format!("guzzle-{v}.json");
        let loaded =
            format::read(&DATA.bytes(&file), Format::Guzzle, &keep_all(), at(WRITTEN)).unwrap();
        let mut out = Vec::new();
        format::write(
            &loaded.cookies,
            Format::Guzzle,
            &save,
            at(WRITTEN),
            &mut out,
        )
        .unwrap();
        if v == "8.3.1" {
            // But for Max-Age, which Guzzle 8 keeps beside Expires.
            let text = String::from_utf8(DATA.bytes(&file))
                .unwrap()
                .replace("\"Max-Age\":3600", "\"Max-Age\":null");
            assert_eq!(String::from_utf8(out).unwrap(), text);
            continue;
        }
        let given = DATA.json(&file);
        let written: Value = serde_json::from_slice(&out).unwrap();
        for (g, w) in given
            .as_array()
            .unwrap()
            .iter()
            .zip(written.as_array().unwrap())
        {
            for (k, gv) in g.as_object().unwrap() {
                match k.as_str() {
                    "Max-Age" => assert!(w[k].is_null()),
                    // A past expiry comes out as the earliest time.
                    "Expires" if g["Max-Age"] == "0" || g["Max-Age"] == 0 => {}
                    "Domain" => assert_eq!(w[k], gv.as_str().unwrap().trim_start_matches('.')),
                    _ => assert_eq!(&w[k], gv, "{v}: {k}"),
                }
            }
            assert!(w["HostOnly"].is_boolean());
        }
    }
}

/// A file jar over a Guzzle file keeps it one, also after a save of no
/// cookie (`[]`).
#[test]
fn a_file_jar_keeps_a_guzzle_file_as_it_is() {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("guzzle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cookies.json");
    std::fs::copy(DATA.path("guzzle-8.3.1.json"), &file).unwrap();
    let jar = FileCookieJar::builder(&file)
        .clock(ManualClock::new(WRITTEN))
        .session_cookies(Retain::Keep)
        .build();
    jar.load().unwrap();
    jar.save().unwrap();
    assert_eq!(
        Format::detect(&std::fs::read(&file).unwrap()),
        Some(Format::Guzzle)
    );
    jar.jar().clear();
    jar.save().unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "[]");
    jar.load().unwrap();
    jar.jar().set_cookies_from_headers(
        &"https://example.com/a/b".parse().unwrap(),
        [&b"a=1; Max-Age=60; Priority=High"[..]],
    );
    jar.save().unwrap();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!(
            "[{{\"Name\":\"a\",\"Value\":\"1\",\"Domain\":\"example.com\",\"Path\":\"\\/a\",\
             \"Max-Age\":null,\"Expires\":{},\"Secure\":false,\"Discard\":false,\
             \"HttpOnly\":false,\"HostOnly\":true}}]",
            WRITTEN + 60
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// What Guzzle cannot hold is left out and reported: a nameless cookie,
/// a name Guzzle refuses, a partitioned one, the older of two of one key.
#[test]
fn what_guzzle_cannot_hold_is_left_out() {
    let clock = ManualClock::new(WRITTEN);
    let jar = CookieJar::builder().clock(clock.clone()).build();
    let url = "https://example.com/".parse().unwrap();
    jar.set_cookies_from_headers(
        &url,
        [
            &b"nameless"[..],
            b"a b=1",
            b"__Host-p=1; Secure; Path=/; Partitioned",
            b"twin=host",
        ],
    );
    clock.advance(1);
    jar.set_cookies_from_headers(&url, [&b"twin=domain; Domain=example.com"[..]]);
    let keep = SaveOptions::new().session(Retain::Keep);
    let mut out = Vec::new();
    let report = format::write(
        &jar.all_cookies(),
        Format::Guzzle,
        &keep,
        at(WRITTEN),
        &mut out,
    )
    .unwrap();
    assert_eq!(report.skipped.len(), 4, "{:?}", report.skipped);
    let written: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(written.as_array().unwrap().len(), 1);
    assert_eq!(written[0]["Value"], "domain");
}

/// Guzzle 7 keeps an attribute's value as the server sent it
/// (`Secure=`, `Max-Age=abc`): read as PHP reads it, never failing the
/// file. `HostOnly: null` is no flag.
#[test]
fn odd_values_read_as_guzzle_reads_them() {
    let file = br#"[{"Name":"a","Value":"1","Domain":"example.com","Path":"\/","Max-Age":"abc","Expires":null,"Secure":"","Discard":false,"HttpOnly":"false"},
{"Name":"b","Value":2,"Domain":"www.example.com","Path":"\/","Max-Age":"100","Expires":false,"Secure":"foo","Discard":false,"HttpOnly":false,"HostOnly":null},
{"Name":"c","Value":"3","Domain":"example.com","Path":"\/","Max-Age":null,"Expires":"never","Secure":false,"Discard":false,"HttpOnly":false,"Bad\r\nKey":"x","Priority":"High"}]"#;
    assert_eq!(Format::detect(file), Some(Format::Guzzle));
    let loaded = format::read(file, Format::Guzzle, &keep_all(), at(WRITTEN)).unwrap();
    let [a, b, c] = &loaded.cookies[..] else {
        panic!("{:?}", loaded)
    };
    assert!(!a.secure() && a.http_only() && a.expires().is_none());
    // Expires false, Max-Age 100: counted from now, as Guzzle loads it.
    assert!(b.secure() && b.value() == "2" && b.host_only());
    assert_eq!(b.expires(), Some(at(WRITTEN + 100)));
    // A date no reader takes has passed; a key with a line break is
    // dropped.
    assert!(c.expires().unwrap() < at(WRITTEN));
    let other: Vec<(&str, Option<&str>)> = c.other_attributes().collect();
    assert_eq!(other, [("Priority", Some("High"))]);
}

/// A name Guzzle takes (PHP's `a[b]`) is written; a `SameSite` kept
/// aside as an attribute is not written as the cookie's own.
#[test]
fn guzzle_names_and_kept_same_site_attributes() {
    let cookies = [
        cookiejar::Cookie::builder("a[b]", "1")
            .domain("example.com")
            .build(),
        cookiejar::Cookie::builder("s", "2")
            .domain("example.com")
            .other_attribute("SameSite", Some("None".into()))
            .other_attribute("Priority", Some("High".into()))
            .build(),
    ];
    let keep = SaveOptions::new().session(Retain::Keep);
    let mut out = Vec::new();
    let report = format::write(&cookies, Format::Guzzle, &keep, at(WRITTEN), &mut out).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let back = format::read(&out, Format::Guzzle, &keep_all(), at(WRITTEN)).unwrap();
    assert_eq!(back.cookies[0].name(), "a[b]");
    assert_eq!(back.cookies[1].same_site(), SameSite::Default);
    let written: Value = serde_json::from_slice(&out).unwrap();
    assert!(written[1].get("SameSite").is_none());
    assert_eq!(written[1]["Priority"], "High");
}
