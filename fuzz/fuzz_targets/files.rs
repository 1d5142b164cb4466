//! Arbitrary bytes as a cookie file (LWP, Mozilla `cookies.txt`, MSIE, JSON
//! with browser exports, cookie_store's and tough-cookie's files, a HAR,
//! an HTTPie session,
//! Firefox's database with its log, Chrome's database, Safari's binary
//! file; in strict and lenient mode): reading never panics, and whatever
//! is read, written back in a writable format (LWP, Mozilla, Playwright,
//! WebDriver, tough-cookie and its file store, Guzzle, HTTPie,
//! cookie_store),
//! reads back as the same cookies
//! with the format's default reader. A saved file is never
//! one the reader misreads. `read_each` passes on exactly what `read`
//! collects.
//!
//! Seeds for the Firefox reader (a selector byte, then the database and
//! its log): `for f in ../tests/data/sqlite/*.sqlite; do (printf '\0';
//! cat "$f" "$f-wal" 2>/dev/null) > "corpus/files/$(basename "$f")"; done`,
//! and for Safari's: `(printf '\0'; cat
//! ../tests/data/safari/Cookies.binarycookies) > corpus/files/safari`;
//! for Chrome's (selector 8): `for f in ../tests/data/chrome/*.sqlite; do
//! (printf '\10'; cat "$f") > "corpus/files/$(basename "$f")"; done`;
//! for the JSON files (selector 3): `for f in ../tests/data/*.json
//! ../tests/data/*/*.json; do (printf '\3'; cat "$f") >
//! "corpus/files/$(basename "$f")"; done`
#![no_main]
use cookiejar::format::{firefox, read, read_each, write, Retain, Strictness, Unwritable};
use cookiejar::{Format, LoadOptions, SaveOptions};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

#[path = "../../tests/support/kept.rs"]
mod kept;
use kept::kept;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, input)) = data.split_first() else {
        return;
    };
    // An SQLite database is read as Chrome's (selector bit 8), or as
    // Firefox's, and the bytes from a write-ahead log's magic on as its
    // log.
    let image;
    let (format, input) = if input.starts_with(b"SQLite format 3\0") {
        let log = input
            .windows(4)
            .position(|w| w == [0x37, 0x7f, 0x06, 0x82] || w == [0x37, 0x7f, 0x06, 0x83]);
        image = match log {
            Some(at) => firefox::with_log(input[..at].to_vec(), &input[at..]),
            None => input.to_vec(),
        };
        let format = match sel & 8 {
            0 => Format::Firefox,
            _ => Format::Chrome,
        };
        (format, &image[..])
    } else if input.starts_with(b"cook") {
        (Format::Safari, input)
    } else {
        let formats = [Format::Lwp, Format::Mozilla, Format::Msie, Format::Json];
        match Format::detect(input) {
            // A HAR or an HTTPie session, whatever the selector: the
            // JSON reader refuses them.
            Some(f @ (Format::Har | Format::Httpie)) => (f, input),
            _ => (formats[usize::from(sel % 4)], input),
        }
    };
    let strictness = if sel & 4 != 0 {
        Strictness::Strict
    } else {
        Strictness::Lenient
    };
    let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
    let load = LoadOptions::new()
        .strictness(strictness)
        .session(Retain::Keep)
        .expired(Retain::Keep)
        .chrome_password("test keyring password");
    // Passed on one by one (as `CookieJar::replace_all_from` loads), the
    // same cookies, report or error.
    let mut each = Vec::new();
    let streamed = read_each(input, format, &load, now, &mut |c| each.push(c));
    let Ok(loaded) = read(input, format, &load, now) else {
        assert!(streamed.is_err());
        return;
    };
    let (cookies, report) = loaded.into_parts();
    assert_eq!(streamed.ok(), Some(report));
    assert_eq!(each, cookies);
    let skip = SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep);
    let save = skip.unwritable(Unwritable::Fail);
    for out_format in [
        Format::Lwp,
        Format::Mozilla,
        Format::Playwright,
        Format::WebDriver,
        Format::ToughCookie,
        Format::ToughCookieFileStore,
        Format::Guzzle,
        Format::Httpie,
        Format::CookieStore,
        Format::CookieStoreLines,
    ] {
        // By default a cookie the format cannot hold is left out and
        // reported: the others read back.
        let mut file = Vec::new();
        let report = write(&cookies, out_format, &skip, now, &mut file)
            .unwrap_or_else(|e| panic!("{out_format:?} save failed: {e}"));
        let back = LoadOptions::new()
            .session(Retain::Keep)
            .expired(Retain::Keep);
        let read_back = read(&file, out_format, &back, now)
            .unwrap_or_else(|e| panic!("{out_format:?} file we wrote does not read back: {e}"));
        assert_eq!(
            read_back.cookies.len() + report.skipped.len(),
            cookies.len(),
            "{out_format:?}: {:?}",
            report.skipped
        );
        // Failing on it instead, the file is all or nothing.
        let mut file = Vec::new();
        if write(&cookies, out_format, &save, now, &mut file).is_err() {
            assert!(!report.skipped.is_empty());
            continue;
        }
        // Read back with the format's default strictness.
        let back = LoadOptions::new()
            .session(Retain::Keep)
            .expired(Retain::Keep);
        let again = match read(&file, out_format, &back, now) {
            Ok(l) => l.into_parts().0,
            Err(e) => panic!(
                "{out_format:?} file we wrote does not read back: {e}\n{}",
                String::from_utf8_lossy(&file)
            ),
        };
        // A storageState and WebDriver's cookies write an expiry before
        // 1970 as 0 (a negative one is a session cookie in the former);
        // cookie_store's and tough-cookie's files, one outside years 0
        // to 9999 at their ends.
        let view = |c: &cookiejar::Cookie| {
            let mut k = kept(c);
            if matches!(out_format, Format::Playwright | Format::WebDriver) {
                k.6 = k.6.map(|e| e.max(-1));
            }
            // HTTPie keeps no HttpOnly flag.
            if out_format == Format::Httpie {
                k.5 = false;
            }
            if matches!(
                out_format,
                Format::CookieStore
                    | Format::CookieStoreLines
                    | Format::ToughCookie
                    | Format::ToughCookieFileStore
            ) {
                k.6 = k.6.map(|e| e.clamp(-62_167_219_200, 253_402_300_799));
            }
            k
        };
        let mut a: Vec<_> = cookies.iter().map(view).collect();
        let mut b: Vec<_> = again.iter().map(view).collect();
        // A tough-cookie-file-store file files its cookies by domain and
        // path: their order is not kept.
        if out_format == Format::ToughCookieFileStore {
            a.sort();
            b.sort();
        }
        assert_eq!(
            a,
            b,
            "{out_format:?} round trip\n{}",
            String::from_utf8_lossy(&file)
        );
    }
});
