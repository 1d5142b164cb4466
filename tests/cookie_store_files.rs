//! `Format::CookieStore` against the `cookie_store` crate itself (a
//! dev-dependency): a file this crate writes loads into cookie_store,
//! and files cookie_store writes (its array, and its older one object a
//! line) load here, each side sending the same `Cookie` headers.
#![cfg(feature = "serde")]
// cookie_store's older file (`save_json`) is deprecated there, and still
// what many saved files are.
#![allow(deprecated)]

use std::collections::BTreeSet;

use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions};
use cookiejar::{Cookie, CookieJar, SameSite};
use proptest::prelude::*;
use time::OffsetDateTime;
use url::Url;

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Keeps session and expired cookies (cookie_store's
/// `save_incl_expired_and_nonpersistent` and `load_all`).
fn save_all() -> SaveOptions {
    SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
}

fn load_all() -> LoadOptions {
    LoadOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
}

/// The pairs a `Cookie` header sends, in any order (cookie_store sends
/// them in its map's order).
fn pairs(header: Option<String>) -> BTreeSet<String> {
    header
        .map(|h| h.split("; ").map(str::to_owned).collect())
        .unwrap_or_default()
}

fn peer_pairs(store: &cookie_store::CookieStore, url: &Url) -> BTreeSet<String> {
    store
        .get_request_values(url)
        .map(|(n, v)| format!("{n}={v}"))
        .collect()
}

/// Responses setting cookies of every kind both jars keep.
const RESPONSES: &[(&str, &str)] = &[
    ("https://shop.example.com/", "sid=abc; Secure; HttpOnly"),
    (
        "https://shop.example.com/",
        "lang=en; Domain=example.com; Max-Age=3600",
    ),
    (
        "https://shop.example.com/cart/add",
        "cart=3; Path=/cart; SameSite=Lax",
    ),
    ("https://shop.example.com/cart/add", "dflt=1"),
    (
        "http://www.example.com/",
        "theme=dark; Expires=Wed, 01 Jan 2098 00:00:00 GMT",
    ),
    (
        "https://api.example.org/v1/",
        "tok=x=y; Path=/v1/; SameSite=None; Secure",
    ),
    (
        "https://api.example.org/",
        "q=\"quoted\"; Domain=.example.org",
    ),
    ("http://127.0.0.1:8080/", "ip=1"),
];

/// Requests both jars are asked about.
const PROBES: &[&str] = &[
    "https://shop.example.com/",
    "http://shop.example.com/",
    "https://shop.example.com/cart",
    "https://shop.example.com/cart/add",
    "https://shop.example.com/cartoon",
    "https://example.com/",
    "https://www.example.com/x",
    "http://www.example.com/",
    "https://api.example.org/v1/items",
    "https://api.example.org/v1",
    "https://example.org/",
    "https://other.test/",
    "http://127.0.0.1:8080/",
    "http://127.0.0.1/",
];

/// A fresh folder under the target directory, for this test alone.
fn tempdir(tag: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

/// The jar's file, as cookie_store reads it, sends the jar's headers.
#[test]
fn cookie_store_loads_our_file_and_sends_the_same_headers() {
    let jar = CookieJar::new();
    for (u, line) in RESPONSES {
        jar.set_cookies_from_headers(&url(u), [line.as_bytes()]);
    }
    assert_eq!(jar.len(), RESPONSES.len());
    let mut file = Vec::new();
    let report = format::write(
        &jar.all_cookies(),
        Format::CookieStore,
        &save_all(),
        now(),
        &mut file,
    )
    .unwrap();
    assert!(report.skipped.is_empty(), "{report:?}");
    let store = cookie_store::serde::json::load_all(file.as_slice()).unwrap();
    assert_eq!(store.iter_any().count(), RESPONSES.len());
    for p in PROBES {
        let u = url(p);
        assert_eq!(
            peer_pairs(&store, &u),
            pairs(jar.cookie_header_for(&u)),
            "{p}"
        );
    }
    // And it reads back here as the same cookies.
    let loaded = format::read(&file, Format::CookieStore, &load_all(), now()).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    let back = CookieJar::new();
    back.replace_all(loaded.cookies).unwrap();
    for p in PROBES {
        let u = url(p);
        assert_eq!(back.cookie_header_for(&u), jar.cookie_header_for(&u), "{p}");
    }
    // The flags cookie_store keeps in `raw_cookie` came back.
    let tok = back
        .cookies()
        .into_iter()
        .find(|c| c.name() == "tok")
        .unwrap();
    assert_eq!((tok.same_site(), tok.secure()), (SameSite::None, true));
    let sid = back
        .cookies()
        .into_iter()
        .find(|c| c.name() == "sid")
        .unwrap();
    assert!(sid.http_only() && sid.host_only());
}

/// cookie_store's files, in both its forms, load here (detected from the
/// content, and through `Format::Json`) and send cookie_store's headers.
#[test]
fn our_jar_loads_cookie_stores_files_and_sends_the_same_headers() {
    let mut store = cookie_store::CookieStore::new();
    for (u, line) in RESPONSES {
        store.parse(line, &url(u)).unwrap();
    }
    let mut array = Vec::new();
    cookie_store::serde::json::save_incl_expired_and_nonpersistent(&store, &mut array).unwrap();
    let mut lines = Vec::new();
    store
        .save_incl_expired_and_nonpersistent_json(&mut lines)
        .unwrap();
    assert!(lines.starts_with(b"{\"raw_cookie\""));
    for (file, form) in [
        (&array, Format::CookieStore),
        (&lines, Format::CookieStoreLines),
    ] {
        assert_eq!(Format::detect(file), Some(form));
        for fmt in [Format::CookieStore, Format::CookieStoreLines, Format::Json] {
            let loaded = format::read(file, fmt, &load_all(), now()).unwrap();
            assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
            assert_eq!(loaded.cookies.len(), RESPONSES.len());
            let jar = CookieJar::new();
            jar.replace_all(loaded.cookies).unwrap();
            for p in PROBES {
                let u = url(p);
                assert_eq!(
                    pairs(jar.cookie_header_for(&u)),
                    peer_pairs(&store, &u),
                    "{p}"
                );
            }
        }
    }
    // cookie_store's plain `save` leaves out session cookies, as ours
    // does by default; what it wrote loads the same way.
    let mut persistent = Vec::new();
    cookie_store::serde::json::save(&store, &mut persistent).unwrap();
    let loaded =
        format::read(&persistent, Format::CookieStore, &LoadOptions::new(), now()).unwrap();
    let names: BTreeSet<String> = loaded.cookies.iter().map(|c| c.name().to_owned()).collect();
    assert_eq!(names, BTreeSet::from(["lang".into(), "theme".into()]));
}

/// What cookie_store cannot hold is left out and reported: it would send
/// these differently, or (one limited to a port) to every port. A
/// partitioned cookie is kept: neither jar keeps partitions apart.
#[test]
fn cookies_cookie_store_cannot_hold_are_left_out() {
    let with = |value: &str| {
        Cookie::builder("n", value)
            .domain("example.com")
            .expires(Some(now() + time::Duration::days(1)))
    };
    let base = || with("v");
    let cookies = [
        base().build(),
        Cookie::builder("", "nameless")
            .domain("example.com")
            .expires(Some(now() + time::Duration::days(1)))
            .build(),
        base().value_absent(true).build(),
        with("a;b").build(),
        with(" padded").build(),
        base()
            .port(Some("8080".into()))
            .port_specified(true)
            .build(),
        Cookie::builder("p", "v")
            .domain("example.com")
            .expires(Some(now() + time::Duration::days(1)))
            .partitioned(true)
            .secure(true)
            .build(),
    ];
    let mut file = Vec::new();
    let report =
        format::write(&cookies, Format::CookieStore, &save_all(), now(), &mut file).unwrap();
    assert_eq!(report.skipped.len(), 5, "{report:?}");
    let store = cookie_store::serde::json::load_all(file.as_slice()).unwrap();
    assert_eq!(store.iter_any().count(), 2);
    let p = store.iter_any().find(|c| c.name() == "p").unwrap();
    assert_eq!(p.partitioned(), Some(true));
    let back = format::read(&file, Format::CookieStore, &load_all(), now()).unwrap();
    assert!(back
        .cookies
        .iter()
        .any(|c| c.name() == "p" && c.partitioned()));
    let strict = save_all().unwritable(format::Unwritable::Fail);
    let e = format::write(
        &cookies[1..2],
        Format::CookieStore,
        &strict,
        now(),
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no name"), "{e}");
}

/// Expiries outside RFC 3339's years are written at its ends, which
/// cookie_store reads (it would refuse the whole file otherwise).
#[test]
fn far_expiries_are_written_within_rfc_3339_years() {
    let at = |secs: i64| {
        Cookie::builder(format!("t{secs}"), "v")
            .domain("example.com")
            .expires(Some(OffsetDateTime::from_unix_timestamp(secs).unwrap()))
            .build()
    };
    // -9999-01-01, just before year 1, and 9999-12-31T23:59:59.
    let cookies = [
        at(-377_705_116_800),
        at(-62_135_596_801),
        at(253_402_300_799),
    ];
    let mut file = Vec::new();
    format::write(&cookies, Format::CookieStore, &save_all(), now(), &mut file).unwrap();
    let text = String::from_utf8(file.clone()).unwrap();
    assert!(
        text.contains("\"AtUtc\": \"0000-01-01T00:00:00Z\""),
        "{text}"
    );
    assert!(
        text.contains("\"AtUtc\": \"9999-12-31T23:59:59Z\""),
        "{text}"
    );
    let store = cookie_store::serde::json::load_all(file.as_slice()).unwrap();
    assert_eq!(store.iter_any().count(), 3);
    assert_eq!(store.iter_unexpired().count(), 1);
}

/// A cookie of the small world the proptest below draws from.
fn cookie() -> impl Strategy<Value = Cookie> {
    let domain = prop::sample::select(vec!["example.com", "a.example.com", "b.a.example.com"]);
    let path = prop::sample::select(vec!["/", "/a", "/a/", "/a/b", "/ab"]);
    let name = prop::sample::select(vec!["x", "y", "sid", "__Host-h"]);
    let value = "[a-zA-Z0-9=\"!#$%&'()*+,./:<>?@\\[\\]^_`{|}~-]{0,6}";
    let expires = prop_oneof![Just(None), Just(Some(-86_400i64)), Just(Some(86_400i64))];
    (
        (name, value, domain, any::<bool>(), path, any::<bool>()),
        (expires, any::<bool>(), any::<bool>(), 0..4u8),
    )
        .prop_map(
            |(
                (name, value, domain, host_only, path, path_specified),
                (expires, secure, http_only, ss),
            )| {
                let same_site = [
                    SameSite::Default,
                    SameSite::None,
                    SameSite::Lax,
                    SameSite::Strict,
                ][usize::from(ss)];
                Cookie::builder(name, value)
                    .domain(domain)
                    .host_only(host_only)
                    .path(path)
                    .path_specified(path_specified)
                    .expires(expires.map(|d| now() + time::Duration::seconds(d)))
                    .secure(secure)
                    .http_only(http_only)
                    .same_site(same_site)
                    .build()
            },
        )
}

proptest! {
    /// Any jar of such cookies, written here and loaded by cookie_store,
    /// sends what the jar sends, to every probe.
    #[test]
    fn cookie_store_sends_what_the_jar_sends(cookies in prop::collection::vec(cookie(), 0..8)) {
        let jar = CookieJar::new();
        // Later cookies replace earlier ones of the same key.
        for c in cookies {
            let _ = jar.set_cookie(c);
        }
        let mut file = Vec::new();
        let report = format::write(&jar.all_cookies(), Format::CookieStore, &save_all(), now(), &mut file).unwrap();
        // Only the older of a host-only and a domain cookie with the same
        // domain, path and name is left out (cookie_store holds one).
        for skipped in &report.skipped {
            let key = &skipped.key;
            let other = cookiejar::CookieKey::new(
                key.domain(),
                !key.host_only(),
                key.path(),
                key.name(),
            );
            let twin = jar.get(&other);
            let gone = jar.remove(&skipped.key).unwrap();
            prop_assert!(twin.is_some_and(|t| t.creation_time() >= gone.creation_time()), "{:?}", skipped);
        }
        let store = cookie_store::serde::json::load_all(file.as_slice()).unwrap();
        for host in ["example.com", "a.example.com", "b.a.example.com", "c.b.a.example.com"] {
            for path in ["/", "/a", "/a/", "/a/b/c", "/ab", "/b"] {
                for scheme in ["http", "https"] {
                    let u = url(&format!("{scheme}://{host}{path}"));
                    prop_assert_eq!(peer_pairs(&store, &u), pairs(jar.cookie_header_for(&u)), "{}", u);
                }
            }
        }
    }
}

/// A `;` in a path is not written into `raw_cookie`, where the text
/// after it would be read as an attribute (`Secure` here), by
/// cookie_store and by this crate.
#[test]
fn a_path_with_a_semicolon_stays_out_of_raw_cookie() {
    let c = Cookie::builder("n", "v")
        .domain("example.com")
        .path("/a; Secure")
        .path_specified(true)
        .expires(Some(now() + time::Duration::days(1)))
        .build();
    assert!(!c.secure());
    let mut file = Vec::new();
    format::write(&[c], Format::CookieStore, &save_all(), now(), &mut file).unwrap();
    let store = cookie_store::serde::json::load_all(file.as_slice()).unwrap();
    let peer = store.iter_any().next().unwrap();
    assert!(!peer.secure().unwrap_or(false));
    let loaded = format::read(&file, Format::CookieStore, &load_all(), now()).unwrap();
    assert!(!loaded.cookies[0].secure());
    assert_eq!(loaded.cookies[0].path(), "/a; Secure");
}

/// Of a host's host-only cookie and its domain cookie with the same
/// name and path (two cookies here, one in cookie_store), the newer is
/// written and the older reported.
#[test]
fn of_a_host_only_and_a_domain_twin_the_newer_is_written() {
    let jar = CookieJar::new();
    let u = url("https://example.com/");
    jar.set_cookies_from_headers(&u, [b"n=domain; Domain=example.com; Max-Age=60".as_slice()]);
    jar.set_cookies_from_headers(&u, [b"n=host; Max-Age=60".as_slice()]);
    assert_eq!(jar.len(), 2);
    let mut file = Vec::new();
    let report = format::write(
        &jar.all_cookies(),
        Format::CookieStore,
        &save_all(),
        now(),
        &mut file,
    )
    .unwrap();
    assert_eq!(report.skipped.len(), 1);
    assert!(!report.skipped[0].key.host_only(), "{report:?}");
    let store = cookie_store::serde::json::load_all(file.as_slice()).unwrap();
    assert_eq!(
        peer_pairs(&store, &u),
        BTreeSet::from(["n=host".to_owned()])
    );
}

/// A record cookie_store could not send (no domain) is refused with its
/// line, or skipped when reading leniently; so is a broken line of the
/// older form.
#[test]
fn bad_records_are_named_by_line() {
    let good = r#"{"raw_cookie":"a=1","path":["/",false],"domain":{"HostOnly":"example.com"},"expires":"SessionEnd"}"#;
    let no_domain =
        r#"{"raw_cookie":"b=2","path":["/",false],"domain":"NotPresent","expires":"SessionEnd"}"#;
    let file = format!("{good}\n{no_domain}\n");
    let e = format::read(file.as_bytes(), Format::CookieStore, &load_all(), now()).unwrap_err();
    assert_eq!(e.line(), Some(2), "{e}");
    assert!(e.to_string().contains("no domain"), "{e}");
    let lenient = load_all().strictness(format::Strictness::Lenient);
    let loaded = format::read(file.as_bytes(), Format::Json, &lenient, now()).unwrap();
    assert_eq!((loaded.cookies.len(), loaded.skipped[0].line), (1, 2));
    // The same in cookie_store's array, pretty-printed (read in one
    // pass, the line found by a scan): each record's first line.
    let array = format!("[\n  {good},\n\n  {no_domain}\n]\n");
    let e = format::read(array.as_bytes(), Format::CookieStore, &load_all(), now()).unwrap_err();
    assert_eq!(e.line(), Some(4), "{e}");
    let loaded = format::read(array.as_bytes(), Format::CookieStore, &lenient, now()).unwrap();
    assert_eq!((loaded.cookies.len(), loaded.skipped[0].line), (1, 4));
    let pretty: serde_json::Value = serde_json::from_str(&array).unwrap();
    let pretty = serde_json::to_string_pretty(&pretty).unwrap();
    let loaded = format::read(pretty.as_bytes(), Format::CookieStore, &lenient, now()).unwrap();
    // serde_json sorts the keys: the record starts at the last `{`
    // before its `raw_cookie` (its other values hold none).
    let start = pretty[..pretty.find("b=2").unwrap()].rfind('{').unwrap();
    let second = 1 + pretty[..start].matches('\n').count() as u64;
    assert_eq!(loaded.skipped[0].line, second, "{pretty}");
    // A record that does not read (a number for a domain) is read record
    // by record instead, with the same lines.
    let wrong = array.replace("\"NotPresent\"", "5");
    let e = format::read(wrong.as_bytes(), Format::CookieStore, &load_all(), now()).unwrap_err();
    assert_eq!(e.line(), Some(4), "{e}");
    let broken = format!("{good}\n{good}\n{{\"raw_cookie\": \n");
    let e = format::read(broken.as_bytes(), Format::CookieStore, &load_all(), now()).unwrap_err();
    assert_eq!(e.line(), Some(3), "{e}");
    let loaded = format::read(broken.as_bytes(), Format::CookieStore, &lenient, now()).unwrap();
    assert_eq!((loaded.cookies.len(), loaded.skipped[0].line), (2, 3));
}

/// A `FileCookieJar` over a reqwest_cookie_store file keeps it one: an
/// empty one (`[]`, what cookie_store saves with no cookie to keep) and
/// a full one are saved back in cookie_store's form, which it loads.
#[test]
fn a_file_jar_saves_cookie_stores_files_as_cookie_stores() {
    let dir = tempdir("cookie-store-files");
    let path = dir.join("cookies.json");
    let mut empty = Vec::new();
    cookie_store::serde::json::save(&cookie_store::CookieStore::new(), &mut empty).unwrap();
    std::fs::write(&path, &empty).unwrap();
    let jar = cookiejar::FileCookieJar::builder(&path).build();
    jar.load().unwrap();
    let u = url("https://example.com/");
    jar.set_cookies_from_headers(&u, [b"a=1; Max-Age=3600".as_slice()]);
    jar.save().unwrap();
    let store = cookie_store::serde::json::load(
        std::fs::File::open(&path)
            .map(std::io::BufReader::new)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(peer_pairs(&store, &u), BTreeSet::from(["a=1".to_owned()]));
    // Loaded again and saved with one more cookie: still cookie_store's.
    let again = cookiejar::FileCookieJar::builder(&path).build();
    again.load().unwrap();
    again.set_cookies_from_headers(&u, [b"b=2; Max-Age=3600".as_slice()]);
    again.save().unwrap();
    let store = cookie_store::serde::json::load(
        std::fs::File::open(&path)
            .map(std::io::BufReader::new)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        peer_pairs(&store, &u),
        BTreeSet::from(["a=1".to_owned(), "b=2".to_owned()])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The older form (`save_json`, an object a line) is written as it was,
/// and `CookieStore::load_json` reads it back with the same headers; an
/// empty store is an empty file both ways.
#[test]
fn the_older_form_is_written_for_load_json() {
    let jar = CookieJar::new();
    for (u, line) in RESPONSES {
        jar.set_cookies_from_headers(&url(u), [line.as_bytes()]);
    }
    let mut file = Vec::new();
    format::write(
        &jar.all_cookies(),
        Format::CookieStoreLines,
        &save_all(),
        now(),
        &mut file,
    )
    .unwrap();
    let text = String::from_utf8(file.clone()).unwrap();
    assert_eq!(text.lines().count(), RESPONSES.len(), "{text}");
    assert!(
        text.lines().all(|l| l.starts_with("{\"raw_cookie\":")),
        "{text}"
    );
    assert_eq!(Format::detect(&file), Some(Format::CookieStoreLines));
    let store = cookie_store::CookieStore::load_json_all(file.as_slice()).unwrap();
    for p in PROBES {
        let u = url(p);
        assert_eq!(
            peer_pairs(&store, &u),
            pairs(jar.cookie_header_for(&u)),
            "{p}"
        );
    }
    // No cookies: nothing, which both sides read as no cookies.
    let mut empty = Vec::new();
    format::write(
        &[],
        Format::CookieStoreLines,
        &save_all(),
        now(),
        &mut empty,
    )
    .unwrap();
    assert!(empty.is_empty());
    let mut theirs = Vec::new();
    cookie_store::CookieStore::new()
        .save_json(&mut theirs)
        .unwrap();
    assert!(theirs.is_empty());
    for fmt in [Format::CookieStore, Format::CookieStoreLines] {
        let loaded = format::read(b"", fmt, &load_all(), now()).unwrap();
        assert!(loaded.cookies.is_empty());
    }
}

/// A `FileCookieJar` keeps each form: a file of the older form is saved
/// in it (a deployment rolled back to `load_json` reads it), and an
/// array whose keys were sorted is still an array.
#[test]
fn a_file_jar_keeps_each_form() {
    let dir = tempdir("cookie-store-forms");
    let u = url("https://example.com/");
    let mut store = cookie_store::CookieStore::new();
    store.parse("a=1; Max-Age=3600", &u).unwrap();
    let lines_path = dir.join("lines.json");
    let mut lines = Vec::new();
    store.save_json(&mut lines).unwrap();
    std::fs::write(&lines_path, &lines).unwrap();
    let jar = cookiejar::FileCookieJar::builder(&lines_path).build();
    jar.load().unwrap();
    jar.set_cookies_from_headers(&u, [b"b=2; Max-Age=3600".as_slice()]);
    jar.save().unwrap();
    let back = cookie_store::CookieStore::load_json(std::io::BufReader::new(
        std::fs::File::open(&lines_path).unwrap(),
    ))
    .unwrap();
    assert_eq!(
        peer_pairs(&back, &u),
        BTreeSet::from(["a=1".to_owned(), "b=2".to_owned()])
    );
    // Keys sorted, as `json.dump(sort_keys=True)` writes them.
    let mut array = Vec::new();
    cookie_store::serde::json::save(&store, &mut array).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&array).unwrap();
    let sorted_path = dir.join("sorted.json");
    std::fs::write(&sorted_path, serde_json::to_string(&value).unwrap()).unwrap();
    assert!(!std::fs::read_to_string(&sorted_path)
        .unwrap()
        .starts_with("[{\"raw_cookie\""));
    let jar = cookiejar::FileCookieJar::builder(&sorted_path).build();
    jar.load().unwrap();
    jar.save().unwrap();
    let back = cookie_store::serde::json::load(std::io::BufReader::new(
        std::fs::File::open(&sorted_path).unwrap(),
    ))
    .unwrap();
    assert_eq!(peer_pairs(&back, &u), BTreeSet::from(["a=1".to_owned()]));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Reading the older form a line at a time, a lenient read keeps the
/// lines before and after a broken one (a file cut short, a stray line);
/// a record whose `raw_cookie` is empty is refused (RFC 6265bis ignores
/// a cookie with no name and no value; cookie_store refuses the file).
#[test]
fn the_older_form_is_read_a_line_at_a_time() {
    let rec = |raw: &str| {
        format!(
            r#"{{"raw_cookie":"{raw}","path":["/",false],"domain":{{"HostOnly":"example.com"}},"expires":"SessionEnd"}}"#
        )
    };
    let text = format!(
        "{}\n{}\ngarbage\n{}\n{}",
        rec("a=1"),
        rec(""),
        rec("b=2"),
        &rec("c=3")[..40]
    );
    let e = format::read(
        text.as_bytes(),
        Format::CookieStoreLines,
        &load_all(),
        now(),
    )
    .unwrap_err();
    assert_eq!(e.line(), Some(2), "{e}");
    assert!(e.to_string().contains("no name and no value"), "{e}");
    let lenient = load_all().strictness(format::Strictness::Lenient);
    let loaded = format::read(text.as_bytes(), Format::CookieStoreLines, &lenient, now()).unwrap();
    let names: Vec<&str> = loaded.cookies.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["a", "b"]);
    let lines: Vec<u64> = loaded.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [2, 3, 5]);
}

/// A jar that saved its older-form file empty (no cookie to keep: no
/// line at all) keeps to that form: reverting reads no cookies, and the
/// next save is a record a line again, not this crate's JSON.
#[test]
fn an_emptied_older_form_file_stays_in_its_form() {
    let dir = tempdir("cookie-store-emptied");
    let path = dir.join("cookies.json");
    let u = url("https://example.com/");
    let mut store = cookie_store::CookieStore::new();
    store.parse("a=1; Max-Age=3600", &u).unwrap();
    let mut lines = Vec::new();
    store.save_json(&mut lines).unwrap();
    std::fs::write(&path, &lines).unwrap();
    let jar = cookiejar::FileCookieJar::builder(&path).build();
    jar.load().unwrap();
    jar.clear();
    jar.save().unwrap();
    assert_eq!(std::fs::read(&path).unwrap().len(), 0);
    jar.revert().unwrap();
    assert!(jar.is_empty());
    jar.set_cookies_from_headers(&u, [b"b=2; Max-Age=3600".as_slice()]);
    jar.save().unwrap();
    assert_eq!(
        Format::detect(&std::fs::read(&path).unwrap()),
        Some(Format::CookieStoreLines)
    );
    let back = cookie_store::CookieStore::load_json(std::io::BufReader::new(
        std::fs::File::open(&path).unwrap(),
    ))
    .unwrap();
    assert_eq!(peer_pairs(&back, &u), BTreeSet::from(["b=2".to_owned()]));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The older form read as cookie_store's `load_json` reads it: lines end
/// at `\n` only (a lone `\r` inside a record is white space), a broken
/// first line is skipped like any other when reading leniently as
/// `Format::CookieStoreLines`, and a key given twice on the first line
/// does not hide the form. An array's record lines come out right for
/// many refused records at once.
#[test]
fn the_older_form_reads_as_load_json_reads_it() {
    let rec = |raw: &str| {
        format!(
            r#"{{"raw_cookie":"{raw}","path":["/",false],"domain":{{"HostOnly":"example.com"}},"expires":"SessionEnd"}}"#
        )
    };
    let cr = rec("a=1").replace(",\"path\"", ",\r\"path\"");
    let text = format!("{cr}\n{}\n", rec("b=2"));
    let loaded = format::read(
        text.as_bytes(),
        Format::CookieStoreLines,
        &load_all(),
        now(),
    )
    .unwrap();
    assert_eq!(loaded.cookies.len(), 2);
    let store = cookie_store::CookieStore::load_json_all(text.as_bytes()).unwrap();
    assert_eq!(store.iter_any().count(), 2);
    let text = format!("{}\n{}\n", &rec("a=1")[..20], rec("b=2"));
    let lenient = load_all().strictness(format::Strictness::Lenient);
    let loaded = format::read(text.as_bytes(), Format::CookieStoreLines, &lenient, now()).unwrap();
    assert_eq!((loaded.cookies.len(), loaded.skipped[0].line), (1, 1));
    let twice = rec("a=1").replacen('{', "{\"raw_cookie\":\"z=9\",", 1);
    let text = format!("{twice}\n{}\n", rec("b=2"));
    assert_eq!(
        Format::detect(text.as_bytes()),
        Some(Format::CookieStoreLines)
    );
    let loaded = format::read(text.as_bytes(), Format::Json, &load_all(), now()).unwrap();
    assert_eq!(loaded.cookies.len(), 2);
    // An array of 2,000 records of which every other one is refused,
    // read leniently in one pass: each message names its record's line.
    let records: Vec<String> = (0..2000)
        .map(|i| {
            if i % 2 == 0 {
                rec(&format!("n{i}=1"))
            } else {
                rec("")
            }
        })
        .collect();
    let array = format!("[\n{}\n]\n", records.join(",\n"));
    let loaded = format::read(array.as_bytes(), Format::CookieStore, &lenient, now()).unwrap();
    assert_eq!(loaded.cookies.len(), 1000);
    let lines: Vec<u64> = loaded.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, (0..1000).map(|i| 3 + 2 * i).collect::<Vec<u64>>());
}

/// Records pretty-printed one after the other (what `jq .` makes of an
/// older-form file) read in every JSON format, each named by the line
/// it starts on.
#[test]
fn pretty_printed_records_one_after_the_other_read() {
    let rec = |raw: &str| {
        let v = serde_json::json!({"raw_cookie": raw, "path": ["/", false],
            "domain": {"HostOnly": "example.com"}, "expires": "SessionEnd"});
        serde_json::to_string_pretty(&v).unwrap()
    };
    let text = format!("{}\n{}\n{}\n", rec("a=1"), rec(""), rec("b=2"));
    assert_eq!(
        Format::detect(text.as_bytes()),
        Some(Format::CookieStoreLines)
    );
    let lenient = load_all().strictness(format::Strictness::Lenient);
    // The second record starts on the line after the first one's last.
    let second = rec("a=1").lines().count() as u64 + 1;
    for fmt in [Format::Json, Format::CookieStore, Format::CookieStoreLines] {
        let loaded = format::read(text.as_bytes(), fmt, &lenient, now()).unwrap();
        let names: Vec<&str> = loaded.cookies.iter().map(|c| c.name()).collect();
        assert_eq!(names, ["a", "b"], "{fmt:?}");
        assert_eq!(loaded.skipped[0].line, second, "{fmt:?}");
    }
}

/// This crate's JSON with its keys sorted starts with `cookies`; past
/// the head a save looks at, its `format` is not seen, and it is still
/// not taken for Playwright's storageState (whose cookies have
/// `httpOnly`): a save keeps it this crate's JSON.
#[test]
fn sorted_keys_of_this_crates_json_are_not_a_storage_state() {
    let dir = tempdir("sorted-json");
    let jar = CookieJar::new();
    for i in 0..800 {
        let line = format!("c{i}=1; Max-Age=3600; Path=/p{i}");
        jar.set_cookies_from_headers(&url("https://example.com/"), [line.as_bytes()]);
    }
    let mut file = Vec::new();
    format::write(
        &jar.all_cookies(),
        Format::Json,
        &save_all(),
        now(),
        &mut file,
    )
    .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&file).unwrap();
    let sorted = serde_json::to_vec_pretty(&value).unwrap();
    assert!(sorted.len() > 64 * 1024 && sorted.starts_with(b"{\n  \"cookies\""));
    assert_eq!(Format::detect(&sorted[..64 * 1024]), Some(Format::Json));
    let path = dir.join("jar.json");
    std::fs::write(&path, &sorted).unwrap();
    let fj = cookiejar::FileCookieJar::builder(&path)
        .session_cookies(Retain::Keep)
        .build();
    fj.load().unwrap();
    fj.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\"format\": \"cookiejar\""),
        "{}",
        &text[..200]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
