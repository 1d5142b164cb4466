//! `FileCookieJar`: load adds, revert replaces (and keeps the jar when the
//! file is bad), save is atomic and honours the save options.

use std::path::PathBuf;

use cookiejar::format::{Format, LoadOptions, LoadReport, Retain, SaveOptions};
use cookiejar::{FileCookieJar, ManualClock, SimpleRequest, SimpleResponse};

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::skipped_lines;

fn tempdir(tag: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("file-jar-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const FILE: &str = "# Netscape HTTP Cookie File\n\
.example.com\tTRUE\t/\tFALSE\t2145916800\tlang\ten\n\
www.example.com\tFALSE\t/\tTRUE\t2145916800\tsid\tabc\n";

/// A session cookie `a=1` for example.com.
fn session_cookie() -> cookiejar::Cookie {
    cookiejar::Cookie::builder("a", "1")
        .domain("example.com")
        .build()
}

fn jar(path: &std::path::Path) -> FileCookieJar {
    FileCookieJar::builder(path)
        .clock(ManualClock::new(1_700_000_000))
        .build()
}

#[test]
fn load_adds_and_revert_replaces() {
    let d = tempdir("load");
    let path = d.join("cookies.txt");
    std::fs::write(&path, FILE).unwrap();
    let j = jar(&path);
    let req = SimpleRequest::parse("https://www.example.com/").unwrap();
    j.extract_cookies(
        &SimpleResponse::with_set_cookies(["mine=1; Max-Age=100"]),
        &req,
    );
    assert_eq!(j.load().unwrap(), LoadReport::default());
    assert_eq!(j.len(), 3);
    let url = url::Url::parse("https://www.example.com/").unwrap();
    assert_eq!(
        j.cookie_header_for(&url).unwrap(),
        "mine=1; lang=en; sid=abc"
    );
    j.revert().unwrap();
    assert_eq!(j.len(), 2);
    assert_eq!(j.cookie_header_for(&url).unwrap(), "lang=en; sid=abc");
}

/// `load` and `revert` report the lines they skipped and those they read
/// with an adjustment, with their line numbers.
#[test]
fn load_reports_skipped_and_adjusted_lines() {
    let d = tempdir("report");
    let path = d.join("cookies.txt");
    let text = "# Netscape HTTP Cookie File\n\
example.com\tTRUE\t/\tFALSE\t2145916800\tflag\tno-dot\n\
only\tthree\tfields\n\
www.example.com\tFALSE\t/\tTRUE\t2145916800\tsid\tabc\n";
    std::fs::write(&path, text).unwrap();
    let j = jar(&path);
    let report = j.load().unwrap();
    assert_eq!(j.len(), 2);
    let lines = |v: &[cookiejar::format::LineIssue]| v.iter().map(|i| i.line).collect::<Vec<_>>();
    assert_eq!(lines(&report.skipped), [3], "{report:?}");
    assert_eq!(lines(&report.warnings), [2], "{report:?}");
    assert!(
        report.warnings[0].message.contains("no leading dot"),
        "{report:?}"
    );
    assert_eq!(j.revert().unwrap(), report);
}

#[test]
fn revert_keeps_the_jar_when_the_file_is_bad() {
    let d = tempdir("revert");
    let path = d.join("cookies.lwp");
    std::fs::write(&path, "#LWP-Cookies-2.0\nSet-Cookie3: a=1; path=\"/\"; domain=\"x.com\"; version=0\nSet-Cookie3: b=2; domain=\"x.com\"; version=0\n").unwrap();
    let j = FileCookieJar::builder(&path)
        .format(Format::Lwp)
        .clock(ManualClock::new(1_700_000_000))
        .build();
    let req = SimpleRequest::parse("https://www.example.com/").unwrap();
    j.extract_cookies(
        &SimpleResponse::with_set_cookies(["keep=1; Max-Age=100"]),
        &req,
    );
    let e = j.revert().unwrap_err();
    assert_eq!(e.line(), Some(3), "{e}");
    assert_eq!(j.len(), 1);
    assert_eq!(j.cookies()[0].name(), "keep");
    let missing = jar(&d.join("missing.txt"));
    assert!(missing.load().is_err());
}

/// A file the jar could not read is not replaced by its next save: the
/// jar lacks the file's cookies. `save_as` replaces it on purpose, and a
/// load that succeeds lets `save` replace it again.
#[test]
fn save_refuses_to_replace_a_file_whose_load_failed() {
    let d = tempdir("unread");
    let path = d.join("cookies.lwp");
    // Cut short in its second record: a strict LWP load fails on it.
    let cut = "#LWP-Cookies-2.0\nSet-Cookie3: a=1; path=\"/\"; domain=\"x.com\"; \
               expires=\"2030-01-01 00:00:00Z\"; version=0\nSet-Cookie3: b=2; domain=\"x.com\"; version=0\n";
    std::fs::write(&path, cut).unwrap();
    let j = FileCookieJar::builder(&path)
        .format(Format::Lwp)
        .clock(ManualClock::new(1_700_000_000))
        .build();
    assert!(j.load().is_err());
    let req = SimpleRequest::parse("https://www.example.com/").unwrap();
    j.extract_cookies(
        &SimpleResponse::with_set_cookies(["new=1; Max-Age=100"]),
        &req,
    );
    for e in [j.save().unwrap_err(), j.save_if_changed().unwrap_err()] {
        assert!(
            matches!(e.kind(), cookiejar::ErrorKind::UnreadFile { path: p, .. } if *p == path),
            "{e}"
        );
        assert!(e.to_string().ends_with(
            "cookies.lwp: not saved: the jar lacks cookies of it (its last load failed, \
             skipped lines it could not read, or left out another browser context's); load it \
             again once it reads whole, or replace it with save_as"
        ));
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), cut);
    // A failed revert counts too.
    assert!(j.revert().is_err());
    assert!(j.save().is_err());
    // Fixed, and loaded: saved again.
    std::fs::write(&path, cut.replace("b=2; ", "b=2; path=\"/\"; ")).unwrap();
    j.load().unwrap();
    j.save().unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("a=1") && saved.contains("new=1"), "{saved}");
    // save_as replaces a file on purpose, whatever its last load did,
    // and save may then replace it again.
    std::fs::write(&path, cut).unwrap();
    assert!(j.load().is_err());
    j.save_as(&path, &SaveOptions::new().session(Retain::Keep))
        .unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("new=1"));
    j.save().unwrap();
    // A file removed since its failed load is nothing to lose.
    std::fs::write(&path, cut).unwrap();
    assert!(j.load().is_err());
    std::fs::remove_file(&path).unwrap();
    j.save().unwrap();
    assert!(path.exists());
    // No file is nothing to lose.
    let fresh = FileCookieJar::builder(d.join("none.lwp")).build();
    assert_eq!(fresh.load_if_exists().unwrap(), None);
    fresh.save().unwrap();
}

/// A load that skips lines (a cookies.txt file is read leniently by
/// default) leaves the jar without them: its next save would drop them
/// from the file, so `save` refuses, as after a failed load, and
/// `save_as` replaces the file on purpose.
#[test]
fn save_refuses_to_drop_the_lines_a_load_skipped() {
    let d = tempdir("skipped");
    let path = d.join("cookies.txt");
    let text = "# Netscape HTTP Cookie File\n\
                x.com\tFALSE\t/\tFALSE\t2000000000\ta\t1\n\
                garbage\n\
                x.com\tFALSE\t/\tFALSE\tsoon\tb\t2\n";
    std::fs::write(&path, text).unwrap();
    let j = jar(&path);
    let report = j.load().unwrap();
    assert_eq!((report.skipped.len(), report.not_read), (2, 2));
    assert_eq!(j.len(), 1);
    let e = j.save().unwrap_err();
    assert!(
        matches!(e.kind(), cookiejar::ErrorKind::UnreadFile { .. }),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    j.save_as(&path, j.save_options()).unwrap();
    assert!(!std::fs::read_to_string(&path).unwrap().contains("garbage"));
    // The file is now the jar's: loaded whole, saved again.
    j.load().unwrap();
    j.save().unwrap();
    // Lines left out on purpose (a cookie the jar refuses, a line with
    // no cookie) are no loss: the file saves.
    let text = "x.com\tFALSE\t/\tFALSE\t2000000000\ta\t1\n\
                .x.com\tTRUE\t/\tTRUE\t2000000000\t__Host-h\t1\n\
                x.com\tFALSE\t/\tFALSE\t2000000000\t\t\n";
    std::fs::write(&path, text).unwrap();
    let report = j.load().unwrap();
    assert_eq!(
        (report.skipped.len(), report.not_read),
        (2, 0),
        "{report:?}"
    );
    j.save().unwrap();
    // A folder's path is refused as such, not as a file the jar lacks
    // cookies of.
    let folder = jar(&d);
    assert!(folder.load().is_err());
    let e = folder.save().unwrap_err();
    assert!(e.to_string().ends_with("is a folder"), "{e}");
    assert!(matches!(e.kind(), cookiejar::ErrorKind::Io { source, .. }
        if source.kind() == std::io::ErrorKind::IsADirectory));
}

/// An LWP file that lost its first line: strict loading (the default,
/// as Python) refuses it; lenient loading reads every cookie, with a
/// warning, and a save may then replace the file (it once counted the
/// missing line as one not read, and refused).
#[test]
fn lwp_file_without_its_first_line() {
    let d = tempdir("lwp-headless");
    let path = d.join("cookies.lwp");
    let text = "Set-Cookie3: a=1; path=\"/\"; domain=\"x.com\"; expires=\"2033-05-18 03:33:20Z\"; version=0\n";
    std::fs::write(&path, text).unwrap();
    let strict = FileCookieJar::builder(&path).format(Format::Lwp).build();
    assert!(strict.load().is_err());
    let lenient = FileCookieJar::builder(&path)
        .format(Format::Lwp)
        .clock(ManualClock::new(1_700_000_000))
        .load_options(LoadOptions::new().strictness(cookiejar::Strictness::Lenient))
        .build();
    let report = lenient.load().unwrap();
    assert_eq!((lenient.len(), report.not_read), (1, 0));
    assert_eq!(report.warnings.len(), 1);
    lenient.save().unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with("#LWP-Cookies-2.0\n"), "{saved}");
    assert!(saved.contains("Set-Cookie3: a=1;"), "{saved}");
}

#[test]
fn save_round_trips_and_honours_options() {
    let d = tempdir("save");
    let path = d.join("cookies.txt");
    let j = jar(&path);
    let req = SimpleRequest::parse("https://www.example.com/a/b").unwrap();
    j.extract_cookies(
        &SimpleResponse::with_set_cookies([
            "p=1; Max-Age=1000; Path=/",
            "s=2; Path=/",
            "h=3; Max-Age=1000; HttpOnly; Secure; Domain=example.com",
        ]),
        &req,
    );
    j.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Netscape HTTP Cookie File"), "{text}");
    assert!(
        !text.contains("\ts\t2"),
        "session cookie saved by default: {text}"
    );
    assert!(
        text.contains("#HttpOnly_.example.com\tTRUE\t/a\tTRUE\t1700001000\th\t3"),
        "{text}"
    );
    let keep = SaveOptions::default().session(Retain::Keep);
    j.save_as(&d.join("all.lwp"), &keep).unwrap();
    let again = FileCookieJar::builder(d.join("all.lwp"))
        .clock(ManualClock::new(1_700_000_000))
        .load_options(LoadOptions::default().session(Retain::Keep))
        .build();
    again.load().unwrap();
    // LWP gives a cookie without a version version 0, as Python does.
    let versioned: Vec<_> = j
        .cookies()
        .into_iter()
        .map(|mut c| {
            c.set_version(Some(c.version().unwrap_or(0)));
            c
        })
        .collect();
    assert_eq!(again.cookies(), versioned);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn a_failed_save_leaves_the_old_file() {
    let d = tempdir("fail");
    let path = d.join("cookies.txt");
    std::fs::write(&path, FILE).unwrap();
    let j = FileCookieJar::builder(&path)
        .format(Format::Mozilla)
        .clock(ManualClock::new(1_700_000_000))
        .save_options(SaveOptions::new().unwritable(cookiejar::format::Unwritable::Fail))
        .build();
    // A name with a TAB (which a cookie may hold) cannot be written to
    // cookies.txt, whose fields TABs separate; these options fail then.
    j.set_cookie(
        cookiejar::Cookie::builder("bad\tname", "1")
            .domain("example.com")
            .expires(Some(
                time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
            ))
            .build(),
    )
    .unwrap();
    assert!(j.save().is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
}

/// Loading with expired cookies kept keeps them in the jar, as Python's
/// `load(ignore_expires=True)` does: never sent, saved again when the
/// save options keep them too, gone after `clear_expired_cookies`.
#[test]
fn expired_cookies_kept_on_load_survive_a_save() {
    let d = tempdir("expired");
    let path = d.join("cookies.txt");
    // `old` expired in 2001, `new` expires in 2038; the clock is in 2023.
    let file = "# Netscape HTTP Cookie File\n\
                .example.com\tTRUE\t/\tFALSE\t1000000000\told\t1\n\
                .example.com\tTRUE\t/\tFALSE\t2145916800\tnew\t2\n\
                .example.com\tTRUE\t/x\tFALSE\t1000000001\told2\t3\n";
    std::fs::write(&path, file).unwrap();
    let keep = |p: &std::path::Path| {
        FileCookieJar::builder(p)
            .clock(ManualClock::new(1_700_000_000))
            .load_options(LoadOptions::default().expired(Retain::Keep))
            .save_options(SaveOptions::default().expired(Retain::Keep))
            .build()
    };
    let url = url::Url::parse("https://www.example.com/x").unwrap();
    let names = |j: &FileCookieJar| -> Vec<String> {
        j.all_cookies()
            .iter()
            .map(|c| c.name().to_owned())
            .collect()
    };
    for revert in [false, true] {
        let j = keep(&path);
        if revert {
            j.revert().unwrap();
        } else {
            j.load().unwrap();
        }
        assert_eq!(names(&j), ["old", "new", "old2"], "revert: {revert}");
        assert_eq!(j.cookie_header_for(&url).as_deref(), Some("new=2"));
        let out = d.join(format!("saved-{revert}.txt"));
        j.save_as(&out, &SaveOptions::default().expired(Retain::Keep))
            .unwrap();
        let again = keep(&out);
        again.load().unwrap();
        assert_eq!(again.all_cookies(), j.all_cookies(), "revert: {revert}");
        assert_eq!(j.clear_expired_cookies(), 2);
        assert_eq!(names(&j), ["new"]);
    }
    // By default, expired cookies are not read at all.
    let j = jar(&path);
    j.load().unwrap();
    assert_eq!(names(&j), ["new"]);
}

/// Errors about the file name it, with the line.
#[test]
fn errors_name_the_file() {
    let d = tempdir("names");
    let path = d.join("bad.lwp");
    std::fs::write(
        &path,
        "#LWP-Cookies-2.0\nSet-Cookie3: a=1; domain=x.example\n",
    )
    .unwrap();
    let j = FileCookieJar::builder(&path).build();
    let err = j.load().unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert_eq!(
        err.to_string(),
        format!(
            "{} (lwp cookie file) line 2: cookie without a path",
            path.display()
        )
    );
    assert_eq!(j.revert().unwrap_err().to_string(), err.to_string());
    let junk = d.join("junk.txt");
    std::fs::write(&junk, "junk\n").unwrap();
    let err = FileCookieJar::builder(&junk).build().load().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{} (cookie file) line 1: unrecognised format",
            junk.display()
        )
    );
    let out = d.join("out.txt");
    let j = FileCookieJar::builder(&out).format(Format::Mozilla).build();
    j.set_cookie(
        cookiejar::Cookie::builder("tab\tname", "1")
            .domain("example.com")
            .build(),
    )
    .unwrap();
    let fail = SaveOptions::new()
        .session(Retain::Keep)
        .unwritable(cookiejar::format::Unwritable::Fail);
    let err = j.save_as(&out, &fail).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{} (cookies.txt): cannot write", out.display())),
        "{err}"
    );
}

/// A save that must find the format of what it replaces reads only the
/// head of a regular file: over a FIFO it writes through (it once read
/// the FIFO first, and blocked for ever), and a write error on a device
/// names the path.
#[cfg(unix)]
#[test]
fn saving_over_a_fifo_or_a_full_device_without_a_format() {
    let d = tempdir("fifo");
    let fifo = d.join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let (done, wait) = std::sync::mpsc::channel();
        {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let j = FileCookieJar::builder(&fifo)
                    .save_options(SaveOptions::new().session(Retain::Keep))
                    .build();
                j.jar().set_cookie(session_cookie()).unwrap();
                done.send(j.save().map_err(|e| e.to_string())).unwrap();
            });
        }
        let saved = wait
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the save finishes");
        assert_eq!(saved, Ok(cookiejar::format::SaveReport::default()));
        let text = String::from_utf8(reader.join().unwrap()).unwrap();
        assert!(text.starts_with("# Netscape HTTP Cookie File"), "{text}");
        assert!(
            text.contains("example.com\tFALSE\t/\tFALSE\t0\ta\t1"),
            "{text}"
        );
    }
    let full = std::path::Path::new("/dev/full");
    if full.exists() {
        let j = jar(full);
        j.jar().set_cookie(session_cookie()).unwrap();
        let e = j.save().unwrap_err();
        assert!(
            matches!(e.kind(), cookiejar::ErrorKind::Io { path: Some(p), .. } if p == full),
            "{e:?}"
        );
    }
}

/// A cookie the format cannot hold (RFC 6265bis lets a server put a TAB
/// in a name or a path; a cookies.txt line cannot hold one) is left out
/// of the save and reported, and the others are saved; failing on it
/// instead leaves the old file.
#[test]
fn a_cookie_the_format_cannot_hold_does_not_stop_the_save() {
    use cookiejar::format::Unwritable;
    let d = tempdir("unwritable");
    let path = d.join("cookies.txt");
    std::fs::write(&path, FILE).unwrap();
    let j = FileCookieJar::builder(&path)
        .clock(ManualClock::new(1_700_000_000))
        .save_options(SaveOptions::new().session(Retain::Keep))
        .build();
    let url = url::Url::parse("https://example.com/").unwrap();
    j.jar()
        .set_cookies_from_headers(&url, [b"fine=1".as_slice(), b"a\tb=1", b"ok=1; Path=/x\ty"]);
    assert_eq!(j.len(), 3, "RFC 6265bis stores all three");
    let fail = SaveOptions::new()
        .session(Retain::Keep)
        .unwritable(Unwritable::Fail);
    let e = j.save_as(&path, &fail).unwrap_err();
    assert!(e.to_string().contains("TAB"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    let report = j.save().unwrap();
    let left_out: Vec<&str> = report.skipped.iter().map(|s| s.key.name()).collect();
    assert_eq!(left_out, ["a\tb", "ok"]);
    assert!(report.skipped[1].message.contains("path"), "{report:?}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("example.com\tFALSE\t/\tFALSE\t0\tfine\t1\n"),
        "{text}"
    );
    assert_eq!(
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .count(),
        1,
        "{text}"
    );
}

/// A domain cookie for a public suffix in a file is read as the host-only
/// cookie of the suffix's host (RFC 6265bis §5.7 step 9: the only host
/// that could have set it; curl writes `.localhost TRUE` for
/// `Domain=localhost` from `localhost`), so a file cannot send a cookie
/// to every site under `.com`; taken whole, it is refused. A host-only
/// cookie of a public-suffix host (`github.io` serves pages) is that
/// host's own.
#[test]
fn files_cannot_plant_cookies_for_public_suffixes() {
    let d = tempdir("psl");
    let path = d.join("cookies.txt");
    std::fs::write(
        &path,
        "# Netscape HTTP Cookie File\n\
         .com\tTRUE\t/\tFALSE\t2145916800\tsuper\t1\n\
         .co.uk\tTRUE\t/\tFALSE\t2145916800\tsuper\t2\n\
         github.io\tFALSE\t/\tFALSE\t2145916800\town\t3\n\
         .example.com\tTRUE\t/\tFALSE\t2145916800\tlang\ten\n\
         .localhost\tTRUE\t/\tFALSE\t2145916800\tlocal\t4\n",
    )
    .unwrap();
    let j = jar(&path);
    let report = j.load().unwrap();
    assert!(report.skipped.is_empty(), "{report:?}");
    let lines: Vec<u64> = report.warnings.iter().map(|s| s.line).collect();
    assert_eq!(lines, [2, 3, 6], "{report:?}");
    assert!(
        report.warnings[0].message.contains("public suffix com"),
        "{report:?}"
    );
    assert_eq!(j.len(), 5);
    let header = |u: &str| j.cookie_header_for(&url::Url::parse(u).unwrap());
    assert_eq!(header("https://anything.com/"), None);
    assert_eq!(header("https://shop.co.uk/"), None);
    assert_eq!(header("https://github.io/").as_deref(), Some("own=3"));
    assert_eq!(
        header("https://www.example.com/").as_deref(),
        Some("lang=en")
    );
    assert_eq!(header("http://localhost/").as_deref(), Some("local=4"));
    assert_eq!(header("http://sub.localhost/"), None);
    let com: Vec<_> = j
        .cookies()
        .into_iter()
        .filter(|c| c.domain() == "com")
        .collect();
    assert!(com.len() == 1 && com[0].host_only(), "{com:?}");
    // The same through revert, and through a cookie given whole.
    assert_eq!(j.revert().unwrap(), report);
    assert_eq!(j.len(), 5);
    let supercookie = cookiejar::Cookie::builder("s", "1")
        .domain("com")
        .host_only(false)
        .build();
    assert_eq!(
        j.set_cookie(supercookie.clone()),
        Err(cookiejar::Rejection::PublicSuffix)
    );
    assert_eq!(
        j.set_cookies([supercookie.clone()]),
        Err(cookiejar::Rejection::PublicSuffix)
    );
    assert_eq!(
        j.replace_all([supercookie]),
        Err(cookiejar::Rejection::PublicSuffix)
    );
    assert_eq!(j.len(), 5, "refused whole, the jar keeps its cookies");

    // Under Netscape rules host-only cookies go to subdomains too, but
    // not a public suffix's: ClientCookie's policy (with its list, the
    // default) reads the file as the RFC 6265bis policy does, each suffix
    // cookie kept on the suffix host.
    let legacy =
        cookiejar::CookieJar::with_policy(cookiejar::DefaultCookiePolicy::client_cookie().build());
    let options = cookiejar::LoadOptions::default().session(cookiejar::Retain::Keep);
    let text = std::fs::read(&path).unwrap();
    let report = legacy
        .replace_all_from(&text, cookiejar::Format::Mozilla, &options)
        .unwrap();
    assert!(report.skipped.is_empty(), "{report:?}");
    let lines: Vec<u64> = report.warnings.iter().map(|s| s.line).collect();
    assert_eq!(lines, [2, 3, 6], "{report:?}");
    let header = |u: &str| legacy.cookie_header_for(&url::Url::parse(u).unwrap());
    assert_eq!(header("http://www.victim.co.uk/"), None);
    assert_eq!(header("http://x.github.io/"), None);
    assert_eq!(header("http://github.io/").as_deref(), Some("own=3"));
    assert_eq!(header("http://sub.localhost/"), None);
    assert_eq!(
        header("http://www.example.com/").as_deref(),
        Some("lang=en")
    );
    // Without the list, Python's rules: a file's `.com` cookie goes to
    // every `.com` site.
    let python = cookiejar::CookieJar::with_policy(
        cookiejar::DefaultCookiePolicy::client_cookie()
            .public_suffixes(cookiejar::PublicSuffixes::Off)
            .build(),
    );
    let report = python
        .replace_all_from(&text, cookiejar::Format::Mozilla, &options)
        .unwrap();
    assert!(
        report.skipped.is_empty() && report.warnings.is_empty(),
        "{report:?}"
    );
    let header = |u: &str| python.cookie_header_for(&url::Url::parse(u).unwrap());
    assert_eq!(header("http://anything.com/").as_deref(), Some("super=1"));
}

/// An empty file (`touch cookies.txt`, or `cookies.lwp`) loads as no
/// cookies, whatever its name, but is no file to revert to; junk is
/// still an error.
#[test]
fn an_empty_file_loads_as_no_cookies() {
    let d = tempdir("empty");
    for name in ["cookies.txt", "cookies.lwp", "cookies"] {
        let path = d.join(name);
        std::fs::write(&path, "").unwrap();
        let j = jar(&path);
        assert_eq!(j.load().unwrap(), LoadReport::default(), "{name}");
        assert_eq!(j.len(), 0);
        std::fs::write(&path, "\n \n").unwrap();
        assert_eq!(j.load().unwrap(), LoadReport::default(), "{name}");
    }
    // Reverting to an empty file (one being rewritten, say: no save
    // writes one) is an error, and the jar keeps its cookies.
    let path = d.join("cookies.txt");
    std::fs::write(&path, FILE).unwrap();
    let j = jar(&path);
    j.load().unwrap();
    assert_eq!(j.len(), 2);
    std::fs::write(&path, "").unwrap();
    let e = j.revert().unwrap_err();
    assert!(e.to_string().contains("empty file"), "{e}");
    assert_eq!(j.len(), 2);
    let junk = d.join("junk");
    std::fs::write(&junk, "not a cookie file\n").unwrap();
    assert!(jar(&junk).load().is_err());
}

/// Under RFC 6265bis, a cookie in a file or given whole keeps the rules a
/// server's must: a prefixed cookie its prefix's (no file makes an
/// insecure `__Secure-` cookie), and every cookie §5.6's size limits
/// (4096 bytes of name and value, 1024 of path: no file sends a 10 MB
/// cookie). ClientCookie rules have neither, as Python.
#[test]
fn files_cannot_make_a_cookie_no_server_could_set() {
    let big = "v".repeat(4096);
    let long_path = format!("/{}", "p".repeat(1024));
    let too_large = "cookie not stored: name and value, or path, too large";
    let cases = [
        (
            "prefixes",
            "# Netscape HTTP Cookie File\n\
             localhost\tFALSE\t/\tFALSE\t2145916800\t__Secure-x\t1\n\
             localhost\tFALSE\t/\tTRUE\t2145916800\t__Secure-y\t2\n\
             .localhost\tTRUE\t/\tTRUE\t2145916800\t__Host-z\t3\n\
             localhost\tFALSE\t/\tTRUE\t2145916800\t__Host-w\t4\n"
                .to_owned(),
            vec![
                (2, "cookie not stored: __Secure- prefix without Secure"),
                (
                    4,
                    "cookie not stored: __Host- prefix needs Secure, no Domain and Path=/",
                ),
            ],
            2,
            Some("__Secure-y=2; __Host-w=4"),
            cookiejar::Cookie::builder("__Secure-a", "1"),
            cookiejar::Rejection::SecurePrefix,
        ),
        (
            "sizes",
            format!(
                "# Netscape HTTP Cookie File\n\
                 localhost\tFALSE\t/\tFALSE\t2145916800\tbig\t{big}\n\
                 localhost\tFALSE\t/\tFALSE\t2145916800\tfits\t{}\n\
                 localhost\tFALSE\t{long_path}\tFALSE\t2145916800\tdeep\t1\n",
                &big[..4092]
            ),
            vec![(2, too_large), (4, too_large)],
            1,
            None,
            cookiejar::Cookie::builder("a", big.clone()),
            cookiejar::Rejection::TooLarge,
        ),
    ];
    for (name, text, skipped, kept, header, whole, refusal) in cases {
        let d = tempdir(name);
        let path = d.join("cookies.txt");
        std::fs::write(&path, text).unwrap();
        let j = jar(&path);
        let report = j.load().unwrap();
        assert_eq!(skipped_lines(&report.skipped), skipped, "{report:?}");
        assert_eq!(j.len(), kept);
        if let Some(header) = header {
            let got = j.cookie_header_for(&url::Url::parse("https://localhost/").unwrap());
            assert_eq!(got.as_deref(), Some(header));
        }
        let whole = whole.domain("example.com").build();
        assert_eq!(j.set_cookie(whole.clone()), Err(refusal));
        let legacy = cookiejar::CookieJar::with_policy(
            cookiejar::DefaultCookiePolicy::client_cookie().build(),
        );
        assert_eq!(legacy.set_cookie(whole), Ok(()));
    }
}

/// A file of which no line reads as a cookie (not a cookie file, or not
/// in the set format) is an error for `load` and `revert`, and the jar
/// keeps its cookies, as Python's `revert` keeps them on `LoadError`.
#[test]
fn a_file_with_no_cookie_line_keeps_the_jar() {
    let d = tempdir("garbage");
    let path = d.join("cookies.txt");
    for set_format in [true, false] {
        std::fs::write(
            &path,
            "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tFALSE\t2145916800\tlang\ten\n",
        )
        .unwrap();
        let mut b = cookiejar::FileCookieJar::builder(&path);
        if set_format {
            b = b.format(cookiejar::Format::Mozilla);
        }
        let j = b.build();
        j.load().unwrap();
        assert_eq!(j.len(), 1);
        for junk in ["garbage\n", "# Netscape HTTP Cookie File\nnot\ta cookie\n"] {
            std::fs::write(&path, junk).unwrap();
            let e = j.revert().unwrap_err();
            // With no format set, plain junk is no format at all.
            let why = match (set_format, junk) {
                (false, "garbage\n") => "unrecognised format",
                _ => "no cookies read",
            };
            assert!(e.to_string().contains(why), "{e}");
            assert_eq!(e.line(), Some(junk.lines().count() as u64), "{e}");
            assert_eq!(j.len(), 1, "{junk:?}: the jar is kept");
            assert!(j.load().is_err());
            assert_eq!(j.len(), 1);
        }
    }
    // A cookie file whose cookies the options leave out (expired or
    // session ones, here) is still a cookie file, in every format:
    // reverting to it empties the jar.
    let files = [
        (
            "cookies.txt",
            "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tFALSE\t1000\told\t1\nbad line\n",
        ),
        (
            "cookies.lwp",
            "#LWP-Cookies-2.0\n\
             Set-Cookie3: old=1; path=\"/\"; domain=example.com; expires=\"1970-01-01 00:16:40Z\"; version=0\n\
             Set-Cookie3: s=1; path=\"/\"; domain=example.com; discard; version=0\n\
             stray text\n",
        ),
    ];
    for (name, text) in files {
        let path = d.join(name);
        std::fs::write(&path, text).unwrap();
        let lenient = LoadOptions::default().strictness(cookiejar::format::Strictness::Lenient);
        let j = FileCookieJar::builder(&path).load_options(lenient).build();
        let a = cookiejar::Cookie::builder("a", "1")
            .domain("example.com")
            .build();
        j.set_cookie(a).unwrap();
        let report = j.revert().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(report.skipped.len(), 1, "{name}");
        assert!(j.is_empty(), "{name}");
    }
}

/// A missing file is told from other errors by `is_not_found`.
#[test]
fn a_missing_file_is_not_found() {
    let d = tempdir("missing");
    let j = cookiejar::FileCookieJar::builder(d.join("none.txt")).build();
    let e = j.load().unwrap_err();
    assert!(e.is_not_found(), "{e}");
    let junk = d.join("junk.txt");
    std::fs::write(&junk, "junk\n").unwrap();
    let e = cookiejar::FileCookieJar::builder(&junk)
        .build()
        .load()
        .unwrap_err();
    assert!(!e.is_not_found(), "{e}");
}

/// Saves of one jar from several threads land in the order they read
/// the jar: the last save holds the last store (two overlapping saves
/// once could write the older copy last).
#[test]
fn overlapping_saves_keep_the_last_store() {
    let dir = tempdir("overlap");
    let path = dir.join("cookies.txt");
    let jar = std::sync::Arc::new(
        FileCookieJar::builder(&path)
            .save_options(SaveOptions::new().session(Retain::Keep))
            .build(),
    );
    let url = url::Url::parse("https://example.com/").unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let saver = {
        let (jar, stop) = (jar.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                jar.save().unwrap();
            }
        })
    };
    for i in 0..300 {
        jar.set_cookies_from_headers(&url, [format!("n={i}").as_bytes()]);
        jar.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        // A save after this one's may have landed, never one before.
        assert!(text.contains(&format!("\tn\t{i}\n")), "{i}: {text}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    saver.join().unwrap();
}

/// Session cookies are left out by default, and counted on both sides
/// (a trial's crawler lost its login silently: `LoadReport` said
/// nothing); `session_cookies(Retain::Keep)` keeps them across a save
/// and a load, whichever order the options are set in.
#[test]
fn session_cookies_are_counted_or_kept() {
    let d = tempdir("session");
    let path = d.join("cookies.txt");
    let expired = cookiejar::Cookie::builder("old", "1")
        .domain("example.com")
        .expires(Some(time::OffsetDateTime::UNIX_EPOCH))
        .build();
    let keep_all = SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep);
    let writer = FileCookieJar::builder(&path)
        .clock(ManualClock::new(1_700_000_000))
        .save_options(keep_all)
        .build();
    writer.set_cookie(session_cookie()).unwrap();
    let lang = cookiejar::Cookie::builder("lang", "en")
        .domain("example.com")
        .expires(Some(
            time::OffsetDateTime::from_unix_timestamp(2_145_916_800).unwrap(),
        ))
        .build();
    writer.set_cookie(lang).unwrap();
    // An expired cookie is dropped by the store: write it by hand.
    let mut file = Vec::new();
    let all = writer.all_cookies();
    let now = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    cookiejar::format::write(
        &[all, vec![expired]].concat(),
        Format::Mozilla,
        &keep_all,
        now,
        &mut file,
    )
    .unwrap();
    std::fs::write(&path, &file).unwrap();

    let default = jar(&path);
    let report = default.load().unwrap();
    assert_eq!((report.session_left_out, report.expired_left_out), (1, 1));
    assert_eq!(default.len(), 1);
    let saved = default.save().unwrap();
    assert_eq!(saved.session_left_out, 0);

    std::fs::write(&path, &file).unwrap();
    let keeping = FileCookieJar::builder(&path)
        .clock(ManualClock::new(1_700_000_000))
        .session_cookies(Retain::Keep)
        // Set after, the options keep their session switch.
        .load_options(LoadOptions::new())
        .save_options(SaveOptions::new())
        .build();
    let report = keeping.load().unwrap();
    assert_eq!((report.session_left_out, report.expired_left_out), (0, 1));
    assert_eq!(keeping.len(), 2);
    keeping.save().unwrap();
    let again = FileCookieJar::builder(&path)
        .clock(ManualClock::new(1_700_000_000))
        .session_cookies(Retain::Keep)
        .build();
    again.load().unwrap();
    let names: Vec<String> = again
        .cookies()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(names, ["a", "lang"]);
}

/// `save_if_changed` writes only when the cookies changed since they
/// were last the file's (a trial's crawler rewrote and synced its whole
/// file on every tick); lookups are no change; a failed save leaves the
/// jar changed.
#[test]
fn save_if_changed_skips_unchanged_jars() {
    let d = tempdir("if-changed");
    let path = d.join("cookies.txt");
    let url = url::Url::parse("https://www.example.com/").unwrap();
    let fresh = jar(&path);
    assert_eq!(fresh.save_if_changed().unwrap(), None);
    assert!(!path.exists(), "nothing to save, no file");
    std::fs::write(&path, FILE).unwrap();
    let j = jar(&path);
    j.load().unwrap();
    assert_eq!(j.save_if_changed().unwrap(), None, "as loaded");
    let before = j.changes();
    assert_eq!(
        j.cookie_header_for(&url).as_deref(),
        Some("lang=en; sid=abc")
    );
    assert_eq!(j.changes(), before, "a lookup is no change");
    j.set_cookies_from_headers(&url, [&b"new=1; Max-Age=3600"[..]]);
    assert!(j.changes() > before);
    assert!(j.save_if_changed().unwrap().is_some());
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("\tnew\t1\n"));
    assert_eq!(j.save_if_changed().unwrap(), None, "just saved");
    j.clear();
    assert!(j.save_if_changed().unwrap().is_some());
    // Reverted, the jar is the file's again.
    std::fs::write(&path, FILE).unwrap();
    j.revert().unwrap();
    assert_eq!(j.save_if_changed().unwrap(), None);
    // Loaded into a jar that had changed, the jar is not the file.
    let used = jar(&path);
    used.set_cookies_from_headers(&url, [&b"own=1; Max-Age=3600"[..]]);
    used.load().unwrap();
    assert!(used.save_if_changed().unwrap().is_some());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\town\t1\n") && text.contains("\tlang\ten\n"),
        "{text}"
    );
    // A failed save (no such folder) leaves the jar changed.
    let gone = jar(&d.join("no-such-folder").join("cookies.txt"));
    gone.set_cookies_from_headers(&url, [&b"x=1; Max-Age=3600"[..]]);
    assert!(gone.save_if_changed().is_err());
    assert!(gone.save_if_changed().is_err());
}

/// `load_if_exists` starts a first run empty, loads a file that is there,
/// and fails on a file that is there but unreadable as cookies.
#[test]
fn load_if_exists_starts_empty_without_a_file() {
    let d = tempdir("if-exists");
    let path = d.join("cookies.txt");
    let j = jar(&path);
    assert_eq!(j.load_if_exists().unwrap(), None);
    assert!(j.is_empty());
    std::fs::write(&path, FILE).unwrap();
    let report = j.load_if_exists().unwrap().unwrap();
    assert!(report.skipped.is_empty());
    assert_eq!(j.len(), 2);
    std::fs::write(&path, "hello\n").unwrap();
    assert!(jar(&path).load_if_exists().is_err());
}

/// A browser export whose load left out another context's cookies (one
/// partitioned under another site) is not replaced by a save, which would
/// lose them.
#[test]
#[cfg(feature = "serde")]
fn save_refuses_to_replace_an_export_whose_load_left_cookies_out() {
    let d = tempdir("partial");
    let path = d.join("export.json");
    let export = r#"[
      {"name": "a", "value": "1", "domain": "news.com", "path": "/", "expirationDate": 2000000000},
      {"name": "t", "value": "1", "domain": "tracker.com", "path": "/", "expirationDate": 2000000000,
       "partitionKey": {"topLevelSite": "https://news.com"}}
    ]"#;
    std::fs::write(&path, export).unwrap();
    let j = FileCookieJar::builder(&path)
        .clock(ManualClock::new(1_700_000_000))
        .build();
    let report = j.load().unwrap();
    assert_eq!((j.len(), report.context_left_out), (1, 1));
    let req = SimpleRequest::parse("https://news.com/").unwrap();
    j.extract_cookies(
        &SimpleResponse::with_set_cookies(["b=2; Max-Age=100"]),
        &req,
    );
    let e = j.save_if_changed().unwrap_err();
    assert!(
        matches!(e.kind(), cookiejar::ErrorKind::UnreadFile { .. }),
        "{e}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), export);
    assert!(j.revert().is_ok());
    assert!(j.save().is_err());
}

/// `set_policy` re-checks the stored cookies: a compliant cookie stored
/// while it asks the policy stays (it is not the one judged), and a
/// public suffix's domain cookie is narrowed to the suffix host's own
/// when that host's own cookie of the key goes in the same pass.
mod set_policy_races {
    use cookiejar::{Cookie, CookieJar, CookiePolicy, DefaultCookiePolicy, Rejection, Request};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};

    /// The RFC 6265bis policy, which stores a compliant `__Secure-a` into
    /// the jar on its first whole-cookie check.
    #[derive(Debug)]
    struct StoresWhileAsked {
        inner: DefaultCookiePolicy,
        jar: Arc<OnceLock<Arc<CookieJar>>>,
        armed: AtomicBool,
    }

    impl CookiePolicy for StoresWhileAsked {
        fn set_ok(&self, c: &Cookie, r: &dyn Request) -> Result<(), Rejection> {
            self.inner.set_ok(c, r)
        }
        fn return_ok(&self, c: &Cookie, r: &dyn Request) -> Result<(), Rejection> {
            self.inner.return_ok(c, r)
        }
        fn whole_cookie_ok(&self, c: &Cookie) -> Result<(), Rejection> {
            if self.armed.swap(false, Ordering::SeqCst) {
                let good = Cookie::builder("__Secure-a", "new")
                    .domain("example.com")
                    .secure(true)
                    .build();
                self.jar.get().unwrap().set_cookie(good).unwrap();
            }
            self.inner.whole_cookie_ok(c)
        }
        fn public_suffix_list(&self) -> Option<&dyn cookiejar::psl::PublicSuffixList> {
            self.inner.public_suffix_list()
        }
    }

    fn names(jar: &CookieJar) -> Vec<String> {
        let all = jar.all_cookies();
        all.iter()
            .map(|c| format!("{}={} {}", c.name(), c.value(), c.host_only()))
            .collect()
    }

    #[test]
    fn a_cookie_stored_meanwhile_stays() {
        let jar = Arc::new(CookieJar::with_policy(
            DefaultCookiePolicy::client_cookie().build(),
        ));
        let bad = Cookie::builder("__Secure-a", "old")
            .domain("example.com")
            .build();
        jar.set_cookie(bad).unwrap();
        let cell = Arc::new(OnceLock::new());
        cell.set(jar.clone()).unwrap();
        jar.set_policy(StoresWhileAsked {
            inner: DefaultCookiePolicy::new(),
            jar: cell,
            armed: AtomicBool::new(true),
        });
        assert_eq!(names(&jar), ["__Secure-a=new true"]);
    }

    #[test]
    fn a_narrowed_cookie_takes_the_place_of_a_removed_own_one() {
        let jar = CookieJar::with_policy(
            DefaultCookiePolicy::client_cookie()
                .public_suffixes(cookiejar::PublicSuffixes::Off)
                .build(),
        );
        let url = |s: &str| url::Url::parse(s).unwrap();
        jar.set_cookies_from_headers(
            &url("https://evil.co.uk/"),
            [&b"__Secure-a=wide; Domain=.co.uk; Secure"[..]],
        );
        jar.set_cookies_from_headers(&url("http://co.uk/"), [&b"__Secure-a=own"[..]]);
        assert_eq!(jar.set_policy(DefaultCookiePolicy::new()), 2);
        assert_eq!(names(&jar), ["__Secure-a=wide true"]);
    }
}

/// A Playwright `storageState` holds each origin's local storage beside
/// the cookies: a save of the jar replaces the cookies and keeps it.
#[cfg(feature = "serde")]
#[test]
fn a_save_over_a_storage_state_keeps_its_origins() {
    let d = tempdir("storage-state");
    let path = d.join("state.json");
    let origins =
        r#"[{"origin":"https://example.com","localStorage":[{"name":"token","value":"t0k3n"}]}]"#;
    std::fs::write(
        &path,
        format!(
            r#"{{"cookies":[{{"name":"a","value":"1","domain":".example.com","path":"/","expires":2145916800,"httpOnly":false,"secure":false,"sameSite":"Lax"}}],"origins":{origins}}}"#
        ),
    )
    .unwrap();
    let j = jar(&path);
    j.load().unwrap();
    let request = SimpleRequest::parse("https://example.com/").unwrap();
    let response = SimpleResponse::with_set_cookies(["b=2; Max-Age=3600"]);
    j.extract_cookies(&response, &request);
    j.save().unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        saved["origins"],
        serde_json::from_str::<serde_json::Value>(origins).unwrap()
    );
    let names: Vec<&str> = saved["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a", "b"]);
    // Written to a stream, or to a new file: no origins.
    let mut out = Vec::new();
    cookiejar::format::write(
        &j.cookies(),
        Format::Playwright,
        &SaveOptions::new(),
        time::OffsetDateTime::now_utc(),
        &mut out,
    )
    .unwrap();
    let fresh: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(fresh["origins"], serde_json::json!([]));
}

/// A storageState with `origins` first and a key of its own: told from
/// this crate's JSON without a format set, and saved with both kept, in
/// order, after the cookies.
#[cfg(feature = "serde")]
#[test]
fn a_storage_state_in_any_key_order_keeps_all_its_keys() {
    let d = tempdir("storage-state-order");
    let path = d.join("state.json");
    std::fs::write(
        &path,
        "\u{feff}{\"origins\": [{\"origin\": \"https://a.example\", \"localStorage\": []}], \
         \"note\": {\"by\": \"hand\"}, \"origins\": [{\"origin\": \"https://b.example\", \
         \"localStorage\": [{\"name\": \"k\", \"value\": \"\\ud83d\\ude00\"}]}], \
         \"cookies\": []}",
    )
    .unwrap();
    let j = jar(&path);
    j.load().unwrap();
    let request = SimpleRequest::parse("https://b.example/").unwrap();
    j.extract_cookies(
        &SimpleResponse::with_set_cookies(["c=1; Max-Age=3600"]),
        &request,
    );
    j.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(Format::detect(text.as_bytes()), Some(Format::Playwright));
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&String> = saved.as_object().unwrap().keys().collect();
    // serde_json's map sorts its keys; the file's order is checked below.
    assert_eq!(keys, ["cookies", "note", "origins"]);
    assert!(text.find("\"cookies\"") < text.find("\"origins\""));
    assert!(text.find("\"origins\"") < text.find("\"note\""));
    // A key given twice: its last value, as JSON readers take it.
    assert_eq!(saved["origins"][0]["origin"], "https://b.example");
    assert!(text.contains(r#""value": "\ud83d\ude00""#), "{text}");
    assert_eq!(saved["note"]["by"], "hand");
    assert_eq!(saved["cookies"][0]["name"], "c");
}

/// Saved to a device, a storageState is written in place and nothing is
/// read from it first (reading /dev/zero would never end).
#[cfg(all(feature = "serde", unix))]
#[test]
fn a_storage_state_saved_to_a_device_reads_nothing_from_it() {
    let j = FileCookieJar::builder("/dev/zero")
        .format(Format::Playwright)
        .clock(ManualClock::new(1_700_000_000))
        .build();
    j.save().unwrap();
}

/// Without the `serde` feature, a `.json` jar says so at its first load,
/// file or no file, not at its first save after a session's work.
#[cfg(not(feature = "serde"))]
#[test]
fn a_format_this_build_cannot_write_is_told_at_load() {
    let d = tempdir("nofeature");
    let j = FileCookieJar::builder(d.join("cookies.json")).build();
    let e = j.load_if_exists().unwrap_err();
    assert!(
        matches!(e.kind(), cookiejar::ErrorKind::Unsupported { .. }),
        "{e}"
    );
    assert!(e.to_string().contains("`serde` feature"), "{e}");
    // A format it writes: no file is a first run.
    let txt = FileCookieJar::builder(d.join("cookies.txt")).build();
    assert_eq!(txt.load_if_exists().unwrap(), None);
}

/// A file jar takes every setting of a `CookieJarBuilder` (`jar`), and
/// has the observer with the URL and the shared policy of its own.
#[test]
fn a_file_jar_takes_a_jar_builders_settings() {
    use std::sync::{Arc, Mutex};
    let d = tempdir("builder");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let policy: Arc<dyn cookiejar::CookiePolicy> = Arc::new(
        cookiejar::DefaultCookiePolicy::builder()
            .blocked_domains(["blocked.example"])
            .build(),
    );
    let j = FileCookieJar::builder(d.join("cookies.txt"))
        .jar(cookiejar::CookieJar::builder().max_cookies(std::num::NonZeroUsize::new(10)))
        .shared_policy(policy.clone())
        .observer_with_url(move |url, event| {
            if let cookiejar::CookieEvent::Rejected { reason, .. } = event {
                log.lock()
                    .unwrap()
                    .push(format!("{}: {reason:?}", url.host_str().unwrap()));
            }
        })
        .build();
    assert!(Arc::ptr_eq(&j.policy(), &policy));
    let url = url::Url::parse("https://blocked.example/").unwrap();
    j.set_cookies_from_headers(&url, ["a=1"]);
    assert_eq!(*seen.lock().unwrap(), ["blocked.example: Blocked"]);
    // The jar builder's limit: 30 cookies stored, at most ten kept.
    for i in 0..30 {
        let url = url::Url::parse(&format!("https://h{i}.example.com/")).unwrap();
        j.set_cookies_from_headers(&url, ["a=1"]);
    }
    assert!(j.len() <= 10, "{}", j.len());
}

/// Save options that keep session cookies (a preset for curl) make the
/// jar load them back too: a save, a load and a save again keep them.
#[test]
fn saved_session_cookies_are_loaded_back() {
    let d = tempdir("session-preset");
    let path = d.join("cookies.txt");
    let build = || {
        FileCookieJar::builder(&path)
            .clock(ManualClock::new(1_700_000_000))
            .save_options(SaveOptions::for_curl())
            .build()
    };
    let j = build();
    j.set_cookie(session_cookie()).unwrap();
    assert_eq!(j.save().unwrap().session_left_out, 0);
    let again = build();
    let report = again.load().unwrap();
    assert_eq!(report.session_left_out, 0);
    assert_eq!(again.len(), 1);
    again.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("example.com\tFALSE\t/\tFALSE\t0\ta\t1"),
        "{text}"
    );
    // `session_cookies` still decides when given.
    let skipping = FileCookieJar::builder(&path)
        .save_options(SaveOptions::for_curl())
        .session_cookies(Retain::Skip)
        .build();
    assert_eq!(skipping.load().unwrap().session_left_out, 1);
    assert!(skipping.is_empty());
    // And so do load options given.
    let given = FileCookieJar::builder(&path)
        .load_options(LoadOptions::default().session(Retain::Skip))
        .save_options(SaveOptions::for_curl())
        .build();
    assert_eq!(given.load().unwrap().session_left_out, 1);
}

/// A file's `__Http-` cookie without `Secure` or `HttpOnly` (as Python,
/// wget or a browser before Chrome 140 keeps one) survives a load and a
/// save: the prefix is asked only of cookies from a response (a review
/// found the first version dropped it at the next save).
#[test]
fn a_files_http_prefixed_cookie_survives_load_and_save() {
    let dir = tempdir("http-prefix");
    let path = dir.join("cookies.txt");
    let line = "example.com\tFALSE\t/\tFALSE\t2000000000\t__Http-sid\tabc";
    std::fs::write(&path, format!("# Netscape HTTP Cookie File\n{line}\n")).unwrap();
    let jar = FileCookieJar::builder(&path)
        .format(Format::Mozilla)
        .build();
    let report = jar.load().unwrap();
    assert!(report.skipped.is_empty(), "{report:?}");
    jar.jar()
        .set_cookies_from_headers(&"http://example.com/".parse().unwrap(), ["a=1"]);
    jar.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(line), "{text}");
    // From a response, the same cookie is refused.
    jar.jar().clear();
    jar.jar().set_cookies_from_headers(
        &"https://example.com/".parse().unwrap(),
        ["__Http-sid=abc; Secure"],
    );
    assert!(jar.jar().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fresh folder `tag` holding a copy of the HTTPie session `fixture`
/// (of `tests/data/httpie`) as `session.json`, and that copy's path.
#[cfg(feature = "serde")]
fn httpie_session_copy(tag: &str, fixture: &str) -> (PathBuf, PathBuf) {
    let dir = tempdir(tag);
    let path = dir.join("session.json");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/httpie");
    std::fs::copy(data.join(fixture), &path).unwrap();
    (dir, path)
}

/// The cookie records of an HTTPie session file, each as its JSON text,
/// sorted.
#[cfg(feature = "serde")]
fn httpie_records(text: &str) -> Vec<String> {
    let session: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut records: Vec<String> = session["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.to_string())
        .collect();
    records.sort();
    records
}

/// An HTTPie session holds a cookie without a domain for each `Cookie`
/// header given on HTTPie's command line (HTTPie 3.2.1's own file in
/// `tests/data/httpie` holds one, `cli=from-cli`), which HTTPie sends to
/// every host and a jar cannot hold: the load skips it, and a save over
/// the session keeps it, as it keeps the session's headers (review:
/// `save` replaced the file without it). Loaded and saved again, the
/// file has it once, and every other cookie as before.
#[test]
#[cfg(feature = "serde")]
fn saving_an_httpie_session_keeps_its_cookies_without_a_domain() {
    let (dir, path) = httpie_session_copy("httpie-domainless", "session-3.2.1.json");
    let before = std::fs::read_to_string(&path).unwrap();
    let cli = before
        .find("\"from-cli\"")
        .expect("the fixture has a cookie without a domain");
    assert!(before[..cli].ends_with("\"domain\": \"\",\n            \"expires\": null,\n            \"name\": \"cli\",\n            \"path\": \"/\",\n            \"secure\": false,\n            \"value\": "));
    for round in 0..2 {
        let jar = FileCookieJar::builder(&path)
            .session_cookies(Retain::Keep)
            .build();
        let report = jar.load().unwrap();
        assert_eq!(report.not_read, 0);
        assert!(
            report
                .skipped
                .iter()
                .any(|s| s.message.contains("no domain")),
            "{report:?}"
        );
        assert!(jar.jar().cookies().iter().all(|c| c.name() != "cli"));
        jar.save().unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        // Less `short`, which expired two seconds after it was set (a
        // load leaves it out).
        let mut expected = httpie_records(&before);
        expected.retain(|r| !r.contains("\"name\":\"short\""));
        assert_eq!(expected.len(), 17);
        assert_eq!(httpie_records(&after), expected, "round {round}:\n{after}");
    }
    // Its headers and authentication too.
    let (before, after): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&before).unwrap(),
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap(),
    );
    assert_eq!(after["headers"], before["headers"]);
    assert_eq!(after["auth"], before["auth"]);
    // Saved without session cookies, as the jar's own session cookies
    // are (the default), it has none: the save counts it with them.
    let jar = FileCookieJar::builder(&path).build();
    jar.load().unwrap();
    let report = jar.save().unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(!after.contains("from-cli"), "{after}");
    assert_eq!(report.session_left_out, 1, "{report:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A session of HTTPie before 3.1 keeps its cookies by name, without a
/// domain (which no load reads: a `FileCookieJar` cannot load one). A
/// save over it keeps them as `httpie cli sessions upgrade` (HTTPie
/// 3.2.1, without `--bind-cookies`) turned the same file's into a list:
/// records with a `null` domain, less the expired one.
#[test]
#[cfg(feature = "serde")]
fn saving_over_an_old_httpie_session_keeps_its_cookies_as_httpie_upgrades_them() {
    let (dir, path) = httpie_session_copy("httpie-old-layout", "session-3.0.2.json");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/httpie");
    // After `short` expired (1796623098), as the upgrade ran.
    let now = time::OffsetDateTime::from_unix_timestamp(1_796_700_000).unwrap();
    let options = SaveOptions::new().session(Retain::Keep);
    let saved = cookiejar::format::write_file(&path, &[], Format::Httpie, &options, now).unwrap();
    assert_eq!(saved.expired_left_out, 1, "{saved:?}");
    let upgraded =
        std::fs::read_to_string(data.join("session-3.0.2-upgraded-by-3.2.1.json")).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(httpie_records(&after), httpie_records(&upgraded), "{after}");
    assert!(after.contains("\"X-Fixture\": \"yes\""), "{after}");
    std::fs::remove_dir_all(&dir).unwrap();
}
