//! Safari's `Cookies.binarycookies`: `tests/data/safari/` holds a file
//! written by `scripts/make_safari_fixtures.py` in the layout that the
//! BinaryCookies project documents, which yt-dlp's reader reads as
//! written (the script checks it when yt-dlp is importable).

use std::path::{Path, PathBuf};

use cookiejar::format::{self, Format, LoadOptions, Retain, Strictness};
use cookiejar::{FileCookieJar, SameSite, SimpleRequest};
use proptest::prelude::*;
use time::OffsetDateTime;

#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::skipped_lines;

fn fixture() -> Vec<u8> {
    std::fs::read(path()).unwrap()
}

fn path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/safari/Cookies.binarycookies")
}

/// 2026-12-06: after the cookies were created (2026-01-01) and before
/// they expire (2030-01-01).
fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_796_515_200).unwrap()
}

fn keep_all() -> LoadOptions {
    LoadOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
}

#[test]
fn reads_every_field_it_knows() {
    let bytes = fixture();
    assert_eq!(Format::detect(&bytes), Some(Format::Safari));
    let loaded = format::read(&bytes, Format::Safari, &keep_all(), now()).unwrap();
    assert_eq!(loaded.skipped, []);
    let seen: Vec<(&str, &str, &str, bool, &str, bool, bool)> = loaded
        .cookies
        .iter()
        .map(|c| {
            (
                c.name(),
                c.value(),
                c.domain(),
                c.host_only(),
                c.path(),
                c.secure(),
                c.http_only(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("sid", "abc", "example.com", false, "/", true, true),
            (
                "pref",
                "dark",
                "www.example.com",
                true,
                "/app",
                false,
                false
            ),
            ("v1", "1", "www.example.com", true, "/", false, false),
            ("odd", "1", "localhost", true, "/", false, false),
            ("", "nameless", "www.example.com", true, "/", false, false),
            ("old", "1", "www.example.com", true, "/", false, false),
        ]
    );
    let sid = &loaded.cookies[0];
    assert_eq!(sid.expires().unwrap().unix_timestamp(), 1_893_456_000);
    // The fraction of a second is kept.
    assert_eq!(
        sid.creation_time().unix_timestamp_nanos(),
        1_767_225_600_500_000_000
    );
    assert_eq!(sid.last_access_time(), sid.creation_time());
    // Flags 8 and 16 together: `Strict`, as CFNetwork reads them.
    let same_site: Vec<SameSite> = loaded.cookies.iter().map(|c| c.same_site()).collect();
    use SameSite::{Default as D, Strict};
    assert_eq!(same_site, [D, D, D, Strict, D, D]);
    let v1 = &loaded.cookies[2];
    assert_eq!(v1.version(), Some(1));
    assert_eq!(v1.port(), Some("8080"));
    assert_eq!(v1.comment(), Some("a comment"));
    assert_eq!(v1.comment_url(), Some("http://www.example.com/c"));
    // The default options leave the expired one out.
    let loaded = format::read(&bytes, Format::Safari, &LoadOptions::new(), now()).unwrap();
    assert_eq!(loaded.cookies.len(), 5);
    assert_eq!(loaded.expired_left_out, 1);
}

#[test]
fn a_file_jar_loads_it_and_never_writes_it() {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("safari-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("Cookies.binarycookies");
    std::fs::copy(path(), &file).unwrap();
    let jar = FileCookieJar::builder(&file).build();
    jar.load().unwrap();
    let mut request = SimpleRequest::parse("https://www.example.com/app/x").unwrap();
    jar.add_cookie_header(&mut request);
    assert_eq!(
        request.header("Cookie"),
        Some("pref=dark; sid=abc; v1=1; nameless")
    );
    let e = jar.save().unwrap_err();
    assert!(e.to_string().contains("read only"), "{e}");
    assert_eq!(std::fs::read(&file).unwrap(), fixture());
}

#[test]
fn damage_is_reported_by_cookie_number() {
    let bytes = fixture();
    // Cut inside the second page: the first page's cookies are read.
    let cut = &bytes[..bytes.len() - 300];
    let loaded = format::read(cut, Format::Safari, &keep_all(), now()).unwrap();
    assert_eq!(loaded.cookies.len(), 3);
    assert_eq!(loaded.skipped.len(), 1);
    assert_eq!(loaded.skipped[0].line, 4);
    assert!(loaded.skipped[0]
        .message
        .contains("page 2 runs past the end"));
    let strict = keep_all().strictness(Strictness::Strict);
    let e = format::read(cut, Format::Safari, &strict, now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "safari cookie file: page 2 runs past the end of the file (cut short?)"
    );
    // A record whose name offset points outside it.
    let mut bad = bytes.clone();
    let first_page = 8 + 4 * 2;
    let first_cookie = first_page + le32(&bytes, first_page + 8) as usize;
    bad[first_cookie + 20..first_cookie + 24].copy_from_slice(&9999u32.to_le_bytes());
    let loaded = format::read(&bad, Format::Safari, &keep_all(), now()).unwrap();
    assert_eq!(loaded.cookies.len(), 5);
    assert_eq!(
        (loaded.skipped[0].line, loaded.skipped[0].message.as_str()),
        (1, "its name is not a string inside the record")
    );
    let e = format::read(&bad, Format::Safari, &strict, now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "safari cookie file: page 1: cookie 1: its name is not a string inside the record"
    );
    let e = format::read(b"cookie", Format::Safari, &keep_all(), now()).unwrap_err();
    assert_eq!(e.to_string(), "safari cookie file: cut short in its header");
}

/// A page whose offsets point into a record another cookie already has
/// (Safari never writes one) has those cookies refused, each naming the
/// cookie whose record it overlaps; a record too big for its page hides
/// nothing after it.
#[test]
fn overlapping_records_are_refused() {
    let bytes = fixture();
    let first_page = 8 + 4 * 2;
    let offset = |i: usize| le32(&bytes, first_page + 8 + 4 * i);
    let strict = keep_all().strictness(Strictness::Strict);
    // Cookie 2 at cookie 1's record, cookie 3 four bytes into it, where
    // cookie 1's version field is made to read as a record size.
    let mut bad = bytes.clone();
    bad[first_page + 12..first_page + 16].copy_from_slice(&offset(0).to_le_bytes());
    bad[first_page + 16..first_page + 20].copy_from_slice(&(offset(0) + 4).to_le_bytes());
    let version = first_page + offset(0) as usize + 4;
    bad[version..version + 4].copy_from_slice(&60u32.to_le_bytes());
    let loaded = format::read(&bad, Format::Safari, &keep_all(), now()).unwrap();
    assert_eq!(
        skipped_lines(&loaded.skipped),
        [
            (2, "its record overlaps cookie 1's"),
            (3, "its record overlaps cookie 1's")
        ]
    );
    assert_eq!(loaded.cookies.len(), 4);
    assert_eq!(loaded.cookies[0].name(), "sid");
    let e = format::read(&bad, Format::Safari, &strict, now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "safari cookie file: page 1: cookie 2: its record overlaps cookie 1's"
    );
    // Cookie 1's record claims the whole rest of the file: refused for
    // that alone, the cookies after it are read.
    let mut big = bytes.clone();
    let at = first_page + offset(0) as usize;
    big[at..at + 4].copy_from_slice(&0x00ff_ffffu32.to_le_bytes());
    let loaded = format::read(&big, Format::Safari, &keep_all(), now()).unwrap();
    assert_eq!(loaded.cookies.len(), 5);
    assert_eq!(loaded.skipped.len(), 1);
    assert!(
        loaded.skipped[0]
            .message
            .contains("does not fit in the page"),
        "{:?}",
        loaded.skipped
    );
    // Many offsets at one record: one cookie, the rest refused.
    let (page, count) = one_record_many_times(2000);
    let loaded = format::read(&page, Format::Safari, &keep_all(), now()).unwrap();
    assert_eq!((loaded.cookies.len(), loaded.skipped.len()), (1, count - 1));
}

/// A file of one page whose `count` cookie offsets all point at one
/// record, with a comment of `count` bytes.
fn one_record_many_times(count: usize) -> (Vec<u8>, usize) {
    let head = 8 + 4 * count + 4;
    let strings = ["example.com", "n", "/", "v"];
    let mut record = vec![0u8; 56];
    let mut at = 56u32;
    for (field, s) in strings.iter().enumerate() {
        record[16 + 4 * field..20 + 4 * field].copy_from_slice(&at.to_le_bytes());
        record.extend_from_slice(s.as_bytes());
        record.push(0);
        at += s.len() as u32 + 1;
    }
    record[32..36].copy_from_slice(&at.to_le_bytes());
    record.extend(std::iter::repeat_n(b'c', count));
    record.push(0);
    record[40..48].copy_from_slice(&1e9f64.to_le_bytes());
    let size = record.len() as u32;
    record[..4].copy_from_slice(&size.to_le_bytes());
    let mut page = vec![0, 0, 1, 0];
    page.extend_from_slice(&(count as u32).to_le_bytes());
    for _ in 0..count {
        page.extend_from_slice(&(head as u32).to_le_bytes());
    }
    page.extend_from_slice(&[0; 4]);
    page.extend_from_slice(&record);
    let mut file = b"cook".to_vec();
    file.extend_from_slice(&1u32.to_be_bytes());
    file.extend_from_slice(&(page.len() as u32).to_be_bytes());
    file.extend_from_slice(&page);
    file.extend_from_slice(&[0; 8]);
    (file, count)
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

proptest! {
    /// Changed bytes and cuts anywhere never panic the reader.
    #[test]
    fn damaged_files_never_panic(
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        cut in any::<prop::sample::Index>(),
        strict in any::<bool>(),
    ) {
        let mut bytes = fixture();
        for (at, byte) in changes {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        let strictness = if strict { Strictness::Strict } else { Strictness::Lenient };
        let _ = format::read(&bytes, Format::Safari, &keep_all().strictness(strictness), now());
    }
}

/// An expiry past the years a time can hold is clamped, not a panic.
#[test]
fn far_times_are_clamped() {
    let mut bytes = fixture();
    let first_page = 8 + 4 * 2;
    let first_cookie = first_page + le32(&bytes, first_page + 8) as usize;
    for (at, value) in [(40, f64::MAX), (48, -1e300)] {
        let at = first_cookie + at;
        bytes[at..at + 8].copy_from_slice(&value.to_le_bytes());
    }
    let loaded = format::read(&bytes, Format::Safari, &keep_all(), now()).unwrap();
    let sid = &loaded.cookies[0];
    assert_eq!(sid.expires().unwrap().year(), 9999);
    assert_eq!(sid.creation_time().year(), -9999);
}
