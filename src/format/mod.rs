//! Cookie files: reading and writing a jar's cookies in the formats other
//! tools use.
//!
//! | [`Format`] | File | Reads | Writes | Module |
//! |---|---|---|---|---|
//! | [`Format::Lwp`] | libwww-perl / Python `LWPCookieJar` (`#LWP-Cookies-2.0`, `Set-Cookie3:` lines) | yes | yes | [`lwp`] |
//! | [`Format::Mozilla`] | Netscape / Mozilla / curl `cookies.txt` (7 TAB-separated fields) | yes | yes | [`mozilla`] |
//! | [`Format::Json`] | this crate's versioned JSON schema (feature `serde`) | yes | yes | `json` |
//! | [`Format::Msie`] | Internet Explorer 5 / 6 per-site cookie files (9 lines per cookie) | yes | no | [`msie`] |
//! | [`Format::Playwright`] | Playwright's `storageState` (feature `serde`) | yes (as JSON) | yes | `json` |
//! | [`Format::WebDriver`] | WebDriver's cookies, as Selenium's `get_cookies()` returns them (feature `serde`) | yes (as JSON) | yes | `json` |
//! | [`Format::ToughCookie`] | Node's `tough-cookie` serialized jar (jsdom, got; feature `serde`) | yes | yes | `tough_cookie` |
//! | [`Format::ToughCookieFileStore`] | the `tough-cookie-file-store` package's file (feature `serde`) | yes | yes | `tough_cookie` |
//! | [`Format::Guzzle`] | PHP Guzzle's `FileCookieJar` file (feature `serde`) | yes | yes | `guzzle` |
//! | [`Format::Httpie`] | HTTPie's session file (feature `serde`) | yes | yes | `httpie` |
//! | [`Format::CookieStore`] | the `cookie_store` crate's JSON array (reqwest, ureq; feature `serde`) | yes | yes | `cookie_store` |
//! | [`Format::CookieStoreLines`] | the `cookie_store` crate's older JSON, an object a line (feature `serde`) | yes | yes | `cookie_store` |
//! | [`Format::Firefox`] | Firefox's `cookies.sqlite` (and its `-wal` log) | yes | no | [`firefox`] |
//! | [`Format::Safari`] | Safari's `Cookies.binarycookies` | yes | no | [`safari`] |
//! | [`Format::Chrome`] | Chrome's and Chromium's `Cookies` database (feature `chrome`) | yes | no | `chrome` |
//! | [`Format::Har`] | an HTTP Archive (`.har`): the cookies its responses set, replayed (feature `serde`) | yes | no | `har` |
//!
//! What each format keeps of a [`Cookie`]:
//!
//! - **LWP** and **JSON** keep every field: write then read gives the same
//!   cookie (times compare as instants; see each module for the mapping).
//! - **Mozilla** keeps name, value, domain, the host-only flag, path,
//!   secure, http-only and the expiry in whole seconds.
//! - **MSIE** is read-only and has name, value, domain, path, secure,
//!   http-only, expiry and creation time.
//!
//! [`read`] and [`write()`] work on bytes and [`std::io::Write`]; they take
//! the current time explicitly (it decides which cookies have expired),
//! as the jar's [`Clock`](crate::Clock) would give it.
//!
//! # Python's options
//!
//! Python's `FileCookieJar.load(ignore_discard=False, ignore_expires=False)`
//! and `save(...)` skip session and expired cookies unless told otherwise.
//! [`LoadOptions`] and [`SaveOptions`] have the same defaults, spelled as
//! [`Retain::Skip`]; [`Retain::Keep`] is Python's `ignore_*=True`.
//!
//! # Strict and lenient reading
//!
//! With [`Strictness::Strict`], every input that Python's loaders refuse
//! with `LoadError` is an [`Error`] carrying the line number. With
//! [`Strictness::Lenient`], such lines are skipped and listed in
//! [`Loaded::skipped`], and the rest of the file loads. In both modes,
//! lines that Python ignores silently are skipped and listed too, and
//! lines loaded with an adjustment (an unreadable expiry read as a session
//! cookie, say) are listed in [`Loaded::warnings`]. The default depends on
//! the format ([`Format::default_strictness`]): lenient for Mozilla and
//! MSIE files, whose real-world exports vary, for browsers' databases and
//! files (Firefox, Chrome, Safari) and for HARs; strict for LWP and the
//! JSON formats.
//!
//! # Example
//!
//! ```
//! use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions};
//! use cookiejar::Cookie;
//! use time::OffsetDateTime;
//!
//! # fn main() -> Result<(), cookiejar::Error> {
//! let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
//! let cookie = Cookie::builder("sid", "42")
//!     .domain("example.com")
//!     .path("/")
//!     .secure(true)
//!     .http_only(true)
//!     .build();
//!
//! let mut file = Vec::new();
//! let keep_session = SaveOptions::new().session(Retain::Keep);
//! format::write(&[cookie.clone()], Format::Mozilla, &keep_session, now, &mut file)?;
//! assert!(file.ends_with(b"#HttpOnly_example.com\tFALSE\t/\tTRUE\t0\tsid\t42\n"));
//!
//! let options = LoadOptions::new().session(Retain::Keep);
//! let loaded = format::read(&file, Format::Mozilla, &options, now)?;
//! assert_eq!(loaded.cookies[0].name(), "sid");
//! assert!(loaded.cookies[0].http_only());
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

use time::OffsetDateTime;

use crate::time_util::UnixTime;

use crate::cookie::Cookie;
use crate::error::Error;

#[cfg(feature = "chrome")]
#[cfg_attr(docsrs, doc(cfg(feature = "chrome")))]
pub mod chrome;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod cookie_store;
pub mod firefox;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod guzzle;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod har;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod httpie;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod json;
pub mod lwp;
pub mod mozilla;
pub mod msie;
pub mod safari;
pub(crate) mod sqlite;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub mod tough_cookie;

pub(crate) use crate::parse::byte_table;

/// A cookie file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// libwww-perl's `Set-Cookie3` format, as Python's `LWPCookieJar`
    /// writes it (name `lwp`). See [`lwp`].
    Lwp,
    /// The Netscape / Mozilla `cookies.txt` format that curl, wget and
    /// browser exporters use (name `mozilla`). See [`mozilla`].
    Mozilla,
    /// This crate's JSON schema (name `json`), and, read only, the JSON
    /// of browser exports (Cookie-Editor, EditThisCookie, WebDriver,
    /// Puppeteer, Playwright); needs the `serde` feature (see the `json` module).
    Json,
    /// Internet Explorer 5 / 6 per-site cookie files, read only (name
    /// `msie`). See [`msie`].
    Msie,
    /// Playwright's `storageState` JSON (name `playwright`), which
    /// `browser.newContext({ storageState })` loads: written with the
    /// cookies (a save over a file keeps its `origins`, each origin's
    /// storage: see [`write_file`]), read as [`Format::Json`] reads it;
    /// needs the `serde` feature (see the `json` module).
    Playwright,
    /// WebDriver's cookies (name `webdriver`): the JSON array of cookie
    /// objects that WebDriver's Get All Cookies returns (Selenium's
    /// `driver.get_cookies()`, saved with `json.dump`), and which
    /// `driver.add_cookie()` takes one by one: written with each
    /// cookie's `expiry`, read as [`Format::Json`] reads it; needs the
    /// `serde` feature (see the `json` module).
    WebDriver,
    /// Node's `tough-cookie` serialized jar (name `tough-cookie`): what
    /// its `CookieJar.serializeSync()` gives and `deserializeSync()`
    /// takes (jsdom's, got's and axios-cookiejar-support's jar), read
    /// and written; a save over one keeps its jar options; needs the
    /// `serde` feature (see the `tough_cookie` module). Read as
    /// [`Format::Json`] reads (which reads these files too).
    ToughCookie,
    /// The file of Node's `tough-cookie-file-store` package (name
    /// `tough-cookie-file-store`): the cookie objects of tough-cookie's
    /// jar, by domain, path and name, which its `FileCookieStore`
    /// rewrites at each change; read and written; needs the `serde`
    /// feature (see the `tough_cookie` module).
    ToughCookieFileStore,
    /// PHP Guzzle's cookie file (name `guzzle`): the JSON array its
    /// `FileCookieJar` saves and loads; read and written; needs the
    /// `serde` feature (see the `guzzle` module). Read as
    /// [`Format::Json`] reads (which reads these files too).
    Guzzle,
    /// HTTPie's session file (name `httpie`): the JSON object `http
    /// --session` keeps, with the session's headers and authentication;
    /// read and written (a save over one keeps its headers and
    /// authentication); needs the `serde` feature (see the `httpie`
    /// module).
    Httpie,
    /// The JSON of the `cookie_store` crate, the jar behind reqwest and
    /// ureq, as `reqwest_cookie_store` users save it (name
    /// `cookie-store`): written as `cookie_store::serde::json::save`
    /// writes it, read in that form or the older one a line per cookie;
    /// needs the `serde` feature (see the `cookie_store` module).
    /// Read as [`Format::Json`] reads (which reads these files too), so
    /// it takes the other JSON files as well.
    CookieStore,
    /// The `cookie_store` crate's older JSON files, one object a line, as
    /// its deprecated `CookieStore::save_json` writes them and
    /// `load_json` reads them (name `cookie-store-lines`): read a record
    /// a line, each line alone, as `load_json` reads them (or as
    /// [`Format::CookieStore`] reads an array), written a record a line,
    /// so that a deployment that still loads them with `load_json` can
    /// read a save; needs the `serde` feature.
    CookieStoreLines,
    /// Firefox's cookie database, `cookies.sqlite` (an SQLite database),
    /// read only (name `firefox`). See [`firefox`].
    Firefox,
    /// Safari's cookie file, `Cookies.binarycookies`, read only (name
    /// `safari`). See [`safari`].
    Safari,
    /// Chrome's and Chromium's cookie database, `Cookies` (an SQLite
    /// database whose values are encrypted), read only (name `chrome`);
    /// needs the `chrome` feature (see the `chrome` module).
    Chrome,
    /// An HTTP Archive (HAR 1.2, name `har`), read only: the cookies its
    /// responses' `Set-Cookie` headers set, replayed in order through a
    /// jar of the default policy at each response's time; needs the
    /// `serde` feature (see the `har` module).
    Har,
}

/// The keys of the JSON object at the start of `json` (at its `{`), at
/// its top level and in order, as far as the bytes go (the head of a
/// file may end inside it), each with the offset of its value; none if
/// it is not an object. A structural scan for [`Format::detect`], which
/// validates nothing: keys are taken as written, escapes and all.
pub(crate) fn top_keys(json: &[u8]) -> Vec<(&[u8], usize)> {
    let mut keys = Vec::new();
    if !json.starts_with(b"{") {
        return keys;
    }
    let (mut depth, mut i) = (0usize, 0);
    while i < json.len() {
        match json[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(json.len());
                let after = json.get(i + 1..).unwrap_or_default().trim_ascii_start();
                if depth == 1 && after.starts_with(b":") {
                    keys.push((&json[start..end], json.len() - after.len() + 1));
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Whether the object `json`, of top-level `keys`, is Playwright's
/// `storageState` as far as its head tells: no `format`, and `origins`
/// (first, or with `cookies`), or `cookies` first with a first cookie of
/// Playwright's keys (`httpOnly`, `sameSite`: this crate's are
/// `http_only`, `same_site`). This crate's JSON with its keys sorted
/// also starts with `cookies`, and a head may end before its `format`:
/// anything else is that.
fn is_storage_state(json: &[u8], keys: &[(&[u8], usize)]) -> bool {
    let has = |key: &[u8]| keys.iter().any(|(k, _)| *k == key);
    if has(b"format") {
        return false;
    }
    // This crate's JSON has no `origins`, nor any other export.
    if keys.first().is_some_and(|(k, _)| *k == b"origins") || (has(b"cookies") && has(b"origins")) {
        return true;
    }
    let Some((b"cookies", at)) = keys.first().copied() else {
        return false;
    };
    let Some(list) = json.get(at..).map(<[u8]>::trim_ascii_start) else {
        return false;
    };
    let first = list.strip_prefix(b"[").map(<[u8]>::trim_ascii_start);
    match first {
        Some(cookie) if cookie.starts_with(b"{") => top_keys(cookie)
            .iter()
            .any(|(k, _)| *k == b"httpOnly" || *k == b"sameSite"),
        Some(empty) if empty.starts_with(b"]") => keys.iter().any(|(k, _)| *k == b"origins"),
        _ => false,
    }
}

/// Whether the first object of an array, of top-level `keys`, is
/// Guzzle's: it has `Name`, which no other format's cookie has.
pub(crate) fn is_guzzle(keys: &[(&[u8], usize)]) -> bool {
    keys.iter().any(|(k, _)| *k == b"Name")
}

/// Whether an array whose first object has top-level `keys` holds
/// WebDriver's cookies: its `expiry` (a persistent cookie's) or
/// `httpOnly`, and none of the keys that the WebExtensions' cookies
/// (`hostOnly`, `session`, `expirationDate`), Puppeteer's (`expires`,
/// `session`) and Playwright's (`expires`) always have.
fn is_webdriver(keys: &[(&[u8], usize)]) -> bool {
    let has = |key: &[u8]| keys.iter().any(|(k, _)| *k == key);
    (has(b"expiry") || has(b"httpOnly"))
        && ![&b"expires"[..], b"expirationDate", b"hostOnly", b"session"]
            .iter()
            .any(|k| has(k))
}

/// Whether the object `json`, of top-level `keys`, is tough-cookie's
/// serialized jar: it has `storeType`, or a `version` that starts with
/// `tough-cookie@`, and no `format` (this crate's JSON).
fn is_tough_cookie(json: &[u8], keys: &[(&[u8], usize)]) -> bool {
    // This crate's JSON, whatever else it holds, as its reader reads it.
    if keys.iter().any(|(k, _)| *k == b"format") {
        return false;
    }
    keys.iter().any(|&(k, at)| {
        k == b"storeType"
            || (k == b"version"
                && json
                    .get(at..)
                    .is_some_and(|v| v.trim_ascii_start().starts_with(b"\"tough-cookie@")))
    })
}

/// Whether the object `json`, of top-level `keys`, is a
/// `tough-cookie-file-store` file, as far as its head tells: its first
/// value an object (a domain's) whose first key is a path, holding an
/// object of cookie objects with tough-cookie's `key`, `domain` or
/// `path`.
fn is_tough_cookie_file_store(json: &[u8], keys: &[(&[u8], usize)]) -> bool {
    /// The first key of the object at `at` in `json`, and its value.
    fn first(json: &[u8], at: usize) -> Option<(&[u8], &[u8])> {
        let value = json.get(at..)?.trim_ascii_start();
        if !value.starts_with(b"{") {
            return None;
        }
        let (key, at) = *top_keys(value).first()?;
        Some((key, value.get(at..)?))
    }
    let Some(&(_, at)) = keys.first() else {
        return false;
    };
    // The first domain's first path, and its cookies by name.
    let Some((path, by_name)) = first(json, at) else {
        return false;
    };
    let Some((_, cookie)) = first(by_name, 0).filter(|_| path.starts_with(b"/")) else {
        return false;
    };
    let cookie = cookie.trim_ascii_start();
    cookie.starts_with(b"{")
        && top_keys(cookie)
            .iter()
            .any(|(k, _)| matches!(*k, b"key" | b"domain" | b"path"))
}

/// Whether the object `json`, of top-level `keys`, is a HAR: it has
/// `log`, an object, and none of the other JSON files' keys.
/// Whether an object's top-level `keys` are an HTTPie session file's:
/// `__meta__`, or `cookies` beside `headers` and `auth`; no `format`.
fn is_httpie(keys: &[(&[u8], usize)]) -> bool {
    let has = |key: &[u8]| keys.iter().any(|(k, _)| *k == key);
    !has(b"format") && (has(b"__meta__") || (has(b"cookies") && has(b"headers") && has(b"auth")))
}

fn is_har(json: &[u8], keys: &[(&[u8], usize)]) -> bool {
    let other = |k: &[u8]| matches!(k, b"cookies" | b"format" | b"raw_cookie");
    !keys.iter().any(|(k, _)| other(k))
        && keys.iter().any(|&(k, at)| {
            k == b"log"
                && json
                    .get(at..)
                    .is_some_and(|v| v.trim_ascii_start().starts_with(b"{"))
        })
}

/// What errors call a HAR file (also without the `serde` feature, which
/// its reader needs).
const HAR_WHAT: &str = "har file";

/// What errors call a JSON cookie file (also without the `serde`
/// feature, which its reader needs).
const JSON_WHAT: &str = "json cookie file";

impl Format {
    /// Every format, in declaration order.
    pub const ALL: [Format; 16] = [
        Format::Lwp,
        Format::Mozilla,
        Format::Json,
        Format::Msie,
        Format::Playwright,
        Format::WebDriver,
        Format::ToughCookie,
        Format::ToughCookieFileStore,
        Format::Guzzle,
        Format::Httpie,
        Format::CookieStore,
        Format::CookieStoreLines,
        Format::Firefox,
        Format::Safari,
        Format::Chrome,
        Format::Har,
    ];

    /// What a [`LineIssue::line`] counts in a file of this format: its
    /// lines, a database's rows (by id), a Safari file's cookies, or a
    /// HAR's entries (from 1).
    pub(crate) fn unit(self) -> &'static str {
        match self {
            Format::Firefox | Format::Chrome => "row",
            Format::Har => "entry",
            Format::Safari => "cookie",
            _ => "line",
        }
    }

    /// What its errors call a file of this format.
    pub(crate) fn what(self) -> &'static str {
        match self {
            Format::Lwp => lwp::WHAT,
            Format::Mozilla => mozilla::WHAT,
            Format::Json
            | Format::Playwright
            | Format::WebDriver
            | Format::ToughCookie
            | Format::ToughCookieFileStore
            | Format::Guzzle
            | Format::CookieStore
            | Format::CookieStoreLines => JSON_WHAT,
            #[cfg(feature = "serde")]
            Format::Httpie => httpie::WHAT,
            #[cfg(not(feature = "serde"))]
            Format::Httpie => JSON_WHAT,
            Format::Msie => msie::WHAT,
            Format::Firefox => firefox::WHAT,
            Format::Safari => safari::WHAT,
            Format::Chrome => CHROME_WHAT,
            Format::Har => HAR_WHAT,
        }
    }

    /// The format's name: `lwp`, `mozilla`, `json`, `msie`,
    /// `playwright`, `webdriver`, `tough-cookie`,
    /// `tough-cookie-file-store`, `guzzle`, `httpie`, `cookie-store`,
    /// `cookie-store-lines`, `firefox`, `safari`, `chrome` or `har`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Lwp => "lwp",
            Format::Mozilla => "mozilla",
            Format::Json => "json",
            Format::Msie => "msie",
            Format::Playwright => "playwright",
            Format::WebDriver => "webdriver",
            Format::ToughCookie => "tough-cookie",
            Format::ToughCookieFileStore => "tough-cookie-file-store",
            Format::Guzzle => "guzzle",
            Format::Httpie => "httpie",
            Format::CookieStore => "cookie-store",
            Format::CookieStoreLines => "cookie-store-lines",
            Format::Firefox => "firefox",
            Format::Safari => "safari",
            Format::Chrome => "chrome",
            Format::Har => "har",
        }
    }

    /// Whether the format can be written: all but the browsers'
    /// databases and files (MSIE's, Firefox's, Safari's, Chrome's) and
    /// HTTP Archives, which are read only. (The JSON formats are written
    /// by builds with the `serde` feature: without it, [`write()`] says
    /// so.)
    ///
    /// ```
    /// use cookiejar::format::Format;
    /// assert!(Format::Mozilla.writable());
    /// assert!(!Format::Firefox.writable());
    /// ```
    pub fn writable(self) -> bool {
        !matches!(
            self,
            Format::Msie | Format::Firefox | Format::Safari | Format::Chrome | Format::Har
        )
    }

    /// How [`read`] treats malformed lines when [`LoadOptions::strictness`]
    /// is `None`: [`Strictness::Lenient`] for Mozilla and MSIE files (real
    /// exports differ from what Python's loader accepts), Firefox and
    /// Chrome databases, Safari files (a row or record that cannot be
    /// read is skipped) and HARs (an entry that cannot be read is
    /// skipped),
    /// [`Strictness::Strict`] for LWP and JSON files (Playwright's,
    /// WebDriver's, tough-cookie's and cookie_store's too).
    pub fn default_strictness(self) -> Strictness {
        match self {
            Format::Mozilla
            | Format::Msie
            | Format::Firefox
            | Format::Safari
            | Format::Chrome
            | Format::Har => Strictness::Lenient,
            Format::Lwp
            | Format::Json
            | Format::Playwright
            | Format::WebDriver
            | Format::ToughCookie
            | Format::ToughCookieFileStore
            | Format::Guzzle
            | Format::Httpie
            | Format::CookieStore
            | Format::CookieStoreLines => Strictness::Strict,
        }
    }

    /// Guesses the format of a file from its first bytes (a few hundred
    /// bytes are enough; a whole file works too). A UTF-8 byte order mark
    /// is ignored.
    ///
    /// - Chrome's database: a whole SQLite database with Chromium's
    ///   `cookies` table and no Firefox `moz_cookies` one
    ///   ([`Format::Chrome`]);
    /// - Firefox's database: any other SQLite database, or the head of
    ///   one ([`Format::Firefox`]);
    /// - Safari's file: `cook` and a page table ([`Format::Safari`]);
    /// - cookie_store's JSON: a `raw_cookie` key at the top level of the
    ///   first object (the first key cookie_store writes, but found in
    ///   any place), that object in an array ([`Format::CookieStore`]) or
    ///   at the start of the file (its older files,
    ///   [`Format::CookieStoreLines`]); or an empty array, which
    ///   cookie_store writes for no cookies;
    /// - Playwright's `storageState`: an object without `format`, with
    ///   `origins` (first, or beside `cookies`), or whose first key is
    ///   `cookies` and whose first cookie has Playwright's keys
    ///   (`httpOnly`, `sameSite`) ([`Format::Playwright`]);
    /// - tough-cookie's serialized jar: an object with `storeType`, or
    ///   whose `version` starts with `tough-cookie@`
    ///   ([`Format::ToughCookie`]);
    /// - a HAR: an object with `log`, an object, and no `cookies`
    ///   ([`Format::Har`]);
    /// - a `tough-cookie-file-store` file: an object of objects (by
    ///   domain) of objects (by path, which starts with `/`) of cookie
    ///   objects (`key`, `domain` or `path`), or an empty object, which
    ///   it writes for no cookies ([`Format::ToughCookieFileStore`]);
    /// - HTTPie's session file: an object with `__meta__`, or with
    ///   `cookies`, `headers` and `auth` ([`Format::Httpie`]);
    /// - Guzzle's file: an array whose first object has `Name`
    ///   ([`Format::Guzzle`]);
    /// - WebDriver's cookies: an array whose first object has WebDriver's
    ///   `expiry` or `httpOnly`, and none of the keys only the other
    ///   browser exports have (`expires`, `expirationDate`, `hostOnly`,
    ///   `session`) ([`Format::WebDriver`]);
    /// - JSON: otherwise, the first non-blank byte is `{` or `[` (a
    ///   browser export);
    /// - LWP: the first line starts with `#LWP-Cookies-`;
    /// - Mozilla: the first line is `# Netscape HTTP Cookie File` or
    ///   `# HTTP Cookie File` (the lines Python's loader requires);
    /// - MSIE: the first nine lines have the shape of a record (a
    ///   `host/path` line, five decimal numbers, then `*`);
    /// - otherwise the first line that is neither blank nor a comment
    ///   decides: `Set-Cookie3:` is LWP, seven or more TAB-separated
    ///   fields (a `#HttpOnly_` line counts) is Mozilla.
    ///
    /// ```
    /// use cookiejar::format::Format;
    /// assert_eq!(Format::detect(b"#LWP-Cookies-2.0\n"), Some(Format::Lwp));
    /// assert_eq!(Format::detect(b"# Netscape HTTP Cookie File\n"), Some(Format::Mozilla));
    /// assert_eq!(Format::detect(b".a.com\tTRUE\t/\tFALSE\t0\tn\tv\n"), Some(Format::Mozilla));
    /// assert_eq!(Format::detect(b"  {\"format\": \"cookiejar\""), Some(Format::Json));
    /// assert_eq!(Format::detect(b"[\n  {\n    \"raw_cookie\": "), Some(Format::CookieStore));
    /// // What cookie_store and tough-cookie-file-store save without cookies.
    /// assert_eq!(Format::detect(b"[]"), Some(Format::CookieStore));
    /// assert_eq!(Format::detect(b"{}\n"), Some(Format::ToughCookieFileStore));
    /// assert_eq!(Format::detect(b"hello"), None);
    /// ```
    pub fn detect(first_bytes: &[u8]) -> Option<Format> {
        if firefox::looks_like_database(first_bytes) {
            return Some(match looks_like_chrome(first_bytes) {
                true => Format::Chrome,
                false => Format::Firefox,
            });
        }
        if safari::looks_like_file(first_bytes) {
            return Some(Format::Safari);
        }
        let input = strip_bom(first_bytes);
        let json = input.trim_ascii_start();
        if matches!(json.first(), Some(b'{' | b'[')) {
            let array = json.starts_with(b"[");
            let record = json.strip_prefix(b"[").unwrap_or(json).trim_ascii_start();
            let keys = top_keys(record);
            let has = |key: &[u8]| keys.iter().any(|(k, _)| *k == key);
            // An empty array too: what cookie_store saves for a jar
            // without cookies to keep, which a save over it must write
            // again (this crate's JSON is an object, and browser exports
            // are read only).
            let empty = array && record.starts_with(b"]");
            // An empty object: what tough-cookie-file-store saves for a
            // store without cookies (every other format's object has
            // keys).
            if !array && record[1..].trim_ascii_start().starts_with(b"}") {
                return Some(Format::ToughCookieFileStore);
            }
            return Some(match (array, empty || has(b"raw_cookie")) {
                (true, true) => Format::CookieStore,
                (false, true) => Format::CookieStoreLines,
                (false, false) if is_httpie(&keys) => Format::Httpie,
                (false, false) if is_har(record, &keys) => Format::Har,
                (false, false) if is_tough_cookie(record, &keys) => Format::ToughCookie,
                (false, false) if is_tough_cookie_file_store(record, &keys) => {
                    Format::ToughCookieFileStore
                }
                (false, false) if is_storage_state(record, &keys) => Format::Playwright,
                (true, false) if is_guzzle(&keys) => Format::Guzzle,
                (true, false) if is_webdriver(&keys) => Format::WebDriver,
                _ => Format::Json,
            });
        }
        let mut lines = Lines::new(input).map(|(_, l)| l);
        let first = lines.next()?;
        if first.starts_with(lwp::MAGIC_PREFIX) {
            return Some(Format::Lwp);
        }
        if mozilla::is_header(first) {
            return Some(Format::Mozilla);
        }
        if msie::looks_like_record(input) {
            return Some(Format::Msie);
        }
        for line in std::iter::once(first).chain(lines) {
            let content = line.strip_prefix(mozilla::HTTPONLY_PREFIX).unwrap_or(line);
            let trimmed = content.trim_ascii_start();
            if trimmed.is_empty() || trimmed.starts_with(b"#") {
                continue;
            }
            if content.starts_with(lwp::LINE_PREFIX) {
                return Some(Format::Lwp);
            }
            if content.iter().filter(|&&b| b == b'\t').count() >= 6 {
                return Some(Format::Mozilla);
            }
            return None;
        }
        None
    }

    /// The format that a file name's extension usually means, in any
    /// case: `lwp` is LWP, `txt` is Mozilla (`cookies.txt`; MSIE files are
    /// `.txt` files too, use [`Format::detect`] to tell them apart),
    /// `json` is JSON, `sqlite` is Firefox's database, `binarycookies`
    /// Safari's file, `har` an HTTP Archive. Takes a path (`cookies.txt`) or a bare extension
    /// (`txt`, `.txt`).
    ///
    /// ```
    /// use cookiejar::format::Format;
    /// assert_eq!(Format::from_extension("TXT"), Some(Format::Mozilla));
    /// assert_eq!(Format::from_extension("/home/me/.lwp"), Some(Format::Lwp));
    /// assert_eq!(Format::from_extension("jar.json"), Some(Format::Json));
    /// assert_eq!(Format::from_extension("cookies.db"), None);
    /// ```
    pub fn from_extension(path: impl AsRef<Path>) -> Option<Format> {
        let path = path.as_ref();
        let ext = path.extension().or_else(|| path.file_name())?.to_str()?;
        let ext = ext.strip_prefix('.').unwrap_or(ext);
        if ext.eq_ignore_ascii_case("lwp") {
            Some(Format::Lwp)
        } else if ext.eq_ignore_ascii_case("txt") {
            Some(Format::Mozilla)
        } else if ext.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else if ext.eq_ignore_ascii_case("sqlite") {
            Some(Format::Firefox)
        } else if ext.eq_ignore_ascii_case("binarycookies") {
            Some(Format::Safari)
        } else if ext.eq_ignore_ascii_case("har") {
            Some(Format::Har)
        } else {
            None
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of [`Format::from_str`]: the name is not a known format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseFormatError {
    name: String,
}

impl fmt::Display for ParseFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown cookie file format {:?} (expected {})",
            self.name,
            Format::ALL.map(Format::name).join(", ")
        )
    }
}

impl std::error::Error for ParseFormatError {}

impl FromStr for Format {
    type Err = ParseFormatError;

    /// Parses a format name: `lwp`, `mozilla` (or `netscape`), `json`,
    /// `msie`, `playwright`, `webdriver` (or `selenium`), `tough-cookie`
    /// (or `tough_cookie`), `tough-cookie-file-store` (or
    /// `tough_cookie_file_store`), `guzzle`, `httpie`, `cookie-store`
    /// (or `cookie_store`), `cookie-store-lines` (or
    /// `cookie_store_lines`), `firefox`, `safari`, `chrome` (or
    /// `chromium`), `har`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        [
            ("lwp", Format::Lwp),
            ("mozilla", Format::Mozilla),
            ("netscape", Format::Mozilla),
            ("json", Format::Json),
            ("msie", Format::Msie),
            ("playwright", Format::Playwright),
            ("webdriver", Format::WebDriver),
            ("selenium", Format::WebDriver),
            ("tough-cookie", Format::ToughCookie),
            ("tough_cookie", Format::ToughCookie),
            ("tough-cookie-file-store", Format::ToughCookieFileStore),
            ("tough_cookie_file_store", Format::ToughCookieFileStore),
            ("guzzle", Format::Guzzle),
            ("httpie", Format::Httpie),
            ("cookie-store", Format::CookieStore),
            ("cookie_store", Format::CookieStore),
            ("cookie-store-lines", Format::CookieStoreLines),
            ("cookie_store_lines", Format::CookieStoreLines),
            ("firefox", Format::Firefox),
            ("safari", Format::Safari),
            ("chrome", Format::Chrome),
            ("chromium", Format::Chrome),
            ("har", Format::Har),
        ]
        .into_iter()
        .find(|(name, _)| s.eq_ignore_ascii_case(name))
        .map(|(_, f)| f)
        .ok_or_else(|| ParseFormatError { name: s.to_owned() })
    }
}

/// Whether a class of cookies is kept or skipped when loading or saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Retain {
    /// Keep them (Python's `ignore_discard=True` / `ignore_expires=True`).
    Keep,
    /// Skip them (Python's default).
    #[default]
    Skip,
}

/// What [`read`] does with input that Python's loaders refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// Fail with an [`Error`] that names the line, where Python raises
    /// `LoadError`.
    Strict,
    /// Skip the line, list it in [`Loaded::skipped`], and go on.
    Lenient,
}

/// Which cookies [`write()`] saves.
///
/// The default skips both session and expired cookies, as Python's
/// `save()` does.
///
/// ```
/// use cookiejar::format::{Retain, SaveOptions};
/// let keep_all = SaveOptions::new().session(Retain::Keep).expired(Retain::Keep);
/// assert_eq!(keep_all.session, Retain::Keep);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
#[must_use]
pub struct SaveOptions {
    /// Cookies to discard at the end of the session:
    /// [`Cookie::discard`] (no expiry, or the RFC 2965 `Discard`
    /// attribute). Python's `ignore_discard` (`Keep` = `True`).
    pub session: Retain,
    /// Cookies that have expired at the `now` given to [`write()`].
    /// Python's `ignore_expires` (`Keep` = `True`).
    pub expired: Retain,
    /// Cookies the format cannot hold.
    pub unwritable: Unwritable,
    /// How a `cookies.txt` file writes a session cookie's expiry (the
    /// other formats have their own way).
    pub session_expiry: SessionExpiry,
    /// How a `cookies.txt` file marks an http-only cookie (the other
    /// formats have a field for it).
    pub http_only_mark: HttpOnlyMark,
}

/// How a `cookies.txt` file ([`Format::Mozilla`]) marks an http-only
/// cookie. The programs that read the file disagree.
///
/// ```
/// use cookiejar::format::{HttpOnlyMark, Retain, SaveOptions};
/// // A file for wget --load-cookies, which skips `#HttpOnly_` lines.
/// let for_wget = SaveOptions::new()
///     .session(Retain::Keep)
///     .http_only_mark(HttpOnlyMark::Plain);
/// assert_eq!(for_wget.http_only_mark, HttpOnlyMark::Plain);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum HttpOnlyMark {
    /// The line starts with `#HttpOnly_`, as curl and browser exporters
    /// write it and curl 7.88 and Python 3.11's `MozillaCookieJar` read
    /// it. wget 1.21 reads such a line as a comment: the cookie is not
    /// sent.
    #[default]
    Prefix,
    /// A plain line: every reader sends the cookie, and the http-only
    /// flag is lost on reading back (it matters to browsers, which keep
    /// such cookies from scripts, not to an HTTP client).
    Plain,
}

/// How a `cookies.txt` file ([`Format::Mozilla`]) writes a session
/// cookie's expiry field. Both read back as session cookies here; the
/// programs that read the file disagree.
///
/// ```
/// use cookiejar::format::{Retain, SaveOptions, SessionExpiry};
/// // A file for Python's MozillaCookieJar.load(ignore_discard=True).
/// let for_python = SaveOptions::new()
///     .session(Retain::Keep)
///     .session_expiry(SessionExpiry::Empty);
/// assert_eq!(for_python.session_expiry, SessionExpiry::Empty);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SessionExpiry {
    /// `0`, as curl and wget write it. curl and wget read it as a session
    /// cookie; Python reads it as the Unix epoch, an expired cookie that
    /// only `ignore_expires=True` keeps.
    #[default]
    Zero,
    /// An empty field, as Python's `MozillaCookieJar` writes it. Python
    /// reads it as a session cookie (kept with `ignore_discard=True`);
    /// curl 7.88 and wget 1.21 drop the line.
    Empty,
}

/// What a save does with a cookie its format cannot hold: a `cookies.txt`
/// line cannot hold a TAB or line break in a name, domain or path (RFC
/// 6265bis lets a server set a TAB), and no format a cookie without a
/// domain (see each format's docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Unwritable {
    /// Leaves the cookie out, saves the others, and reports it in
    /// [`SaveReport::skipped`] (and at `warn` level through `log`): one
    /// cookie a server chose must not stop every save of a jar.
    #[default]
    Skip,
    /// Fails the whole save with an
    /// [`Unsupported`](crate::ErrorKind::Unsupported) error naming the
    /// cookie (a file being replaced is left intact).
    Fail,
}

/// What a save reported besides writing: the cookies it left out (see
/// [`Unwritable::Skip`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SaveReport {
    /// The cookies not written because the format cannot hold them, and
    /// why.
    pub skipped: Vec<SkippedCookie>,
    /// How many session cookies [`SaveOptions::session`] left out.
    pub session_left_out: usize,
    /// How many expired cookies [`SaveOptions::expired`] left out (of
    /// those not left out as session cookies).
    pub expired_left_out: usize,
    /// How many cookies were written without their `SameSite` attribute,
    /// which the format has no field for ([`Format::Mozilla`]): read back,
    /// they have none, and under enforced
    /// [`SameSiteRules`](crate::SameSiteRules) they go with other
    /// cross-site requests than before (a `Strict` one with more, under
    /// `NoneByDefault` a `Lax` one with all; a `None` one with fewer
    /// under `LaxByDefault`). LWP and JSON files keep it; HTTPie's
    /// session files do not either ([`Format::Httpie`]).
    pub same_site_dropped: usize,
    /// How many cookies were written without their `Partitioned` flag,
    /// which the format has no field for ([`Format::Mozilla`]): read
    /// back, they are unpartitioned, and go with every site's requests.
    /// (The JSON formats that would need a partition key leave such a
    /// cookie out instead, in [`skipped`](SaveReport::skipped).)
    pub partitioned_dropped: usize,
}

/// A cookie a save left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SkippedCookie {
    /// The cookie's key.
    pub key: crate::CookieKey,
    /// Why the format cannot hold it.
    pub message: String,
}

impl SaveReport {
    /// Deals with `error`, the reason the format cannot hold `cookie`:
    /// records it, or returns it when `options` fail such saves.
    pub(crate) fn unwritable(
        &mut self,
        cookie: &Cookie,
        error: Error,
        options: &SaveOptions,
    ) -> Result<(), Error> {
        match options.unwritable {
            Unwritable::Fail => Err(error),
            Unwritable::Skip => {
                log::warn!("cookie left out of the saved file: {error}");
                self.skipped.push(SkippedCookie {
                    key: cookie.key(),
                    message: error.to_string(),
                });
                Ok(())
            }
        }
    }
}

impl SaveOptions {
    /// Skips session and expired cookies (Python's defaults), and the
    /// cookies the format cannot hold ([`Unwritable::Skip`]).
    pub const fn new() -> Self {
        SaveOptions {
            session: Retain::Skip,
            expired: Retain::Skip,
            unwritable: Unwritable::Skip,
            session_expiry: SessionExpiry::Zero,
            http_only_mark: HttpOnlyMark::Prefix,
        }
    }

    /// A `cookies.txt` file ([`Format::Mozilla`]) for curl's `-b FILE`
    /// (`--cookie`), as curl's own `-c` writes it: session cookies kept
    /// with expiry `0`, http-only cookies on `#HttpOnly_` lines. Expired
    /// cookies and those the format cannot hold are left out.
    ///
    /// curl 7.88 sends every cookie of such a file, session and
    /// http-only ones included (checked by `tests/programs.rs` when curl
    /// is installed), but for a nameless cookie (`Set-Cookie: token`),
    /// whose line has an empty name field: curl's field splitting skips
    /// the empty field, and it sends `token=` instead of `token`.
    pub const fn for_curl() -> Self {
        SaveOptions::new().session(Retain::Keep)
    }

    /// A `cookies.txt` file for wget's `--load-cookies FILE`: session
    /// cookies kept with expiry `0`, and http-only cookies on plain
    /// lines, since wget 1.21 reads a `#HttpOnly_` line as a comment and
    /// would not send the cookie (the flag is lost on reading back).
    /// Expired cookies and those the format cannot hold are left out.
    ///
    /// wget 1.21 sends every cookie of such a file (checked by
    /// `tests/programs.rs` when wget is installed), but for a nameless
    /// cookie (`Set-Cookie: token`), whose line with an empty name field
    /// wget drops. For a file wget writes back, give wget
    /// `--keep-session-cookies`.
    pub const fn for_wget() -> Self {
        SaveOptions::new()
            .session(Retain::Keep)
            .http_only_mark(HttpOnlyMark::Plain)
    }

    /// A `cookies.txt` file for Python's `http.cookiejar.MozillaCookieJar`,
    /// as its `save(ignore_discard=True)` writes it: session cookies kept
    /// with an empty expiry, which Python reads as session cookies (`0`
    /// would read as the Unix epoch, an expired cookie), and http-only
    /// cookies on `#HttpOnly_` lines (Python 3.10 and later read them).
    /// Expired cookies and those the format cannot hold are left out.
    ///
    /// Python's `load()` skips session cookies unless given
    /// `ignore_discard=True`. curl 7.88 and wget 1.21 misread a line
    /// whose expiry is empty (their field splitting skips the empty
    /// field: the line is mostly dropped, and read as another cookie
    /// when the name is a number): use [`for_curl`](SaveOptions::for_curl)
    /// or [`for_wget`](SaveOptions::for_wget) for them.
    /// `scripts/python_interop.py` checks that Python 3.11 loads such a
    /// file whole.
    pub const fn for_python() -> Self {
        SaveOptions::new()
            .session(Retain::Keep)
            .session_expiry(SessionExpiry::Empty)
    }

    /// Sets [`SaveOptions::http_only_mark`].
    pub const fn http_only_mark(mut self, mark: HttpOnlyMark) -> Self {
        self.http_only_mark = mark;
        self
    }

    /// Sets [`SaveOptions::unwritable`].
    pub const fn unwritable(mut self, unwritable: Unwritable) -> Self {
        self.unwritable = unwritable;
        self
    }

    /// Sets [`SaveOptions::session`].
    pub const fn session(mut self, retain: Retain) -> Self {
        self.session = retain;
        self
    }

    /// Sets [`SaveOptions::expired`].
    pub const fn expired(mut self, retain: Retain) -> Self {
        self.expired = retain;
        self
    }

    /// Sets [`SaveOptions::session_expiry`].
    pub const fn session_expiry(mut self, expiry: SessionExpiry) -> Self {
        self.session_expiry = expiry;
        self
    }
}

/// How [`read`] loads a file.
///
/// The default skips session and expired cookies, as Python's `load()`
/// does, and uses the format's [default strictness](Format::default_strictness).
///
/// ```
/// use cookiejar::format::{LoadOptions, Retain, Strictness};
/// let options = LoadOptions::new()
///     .strictness(Strictness::Strict)
///     .session(Retain::Keep);
/// assert_eq!(options.strictness, Some(Strictness::Strict));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
#[must_use]
pub struct LoadOptions {
    /// Strict or lenient reading; `None` for the format's default.
    pub strictness: Option<Strictness>,
    /// Session cookies ([`Cookie::discard`]). Python's `ignore_discard`
    /// (`Keep` = `True`).
    pub session: Retain,
    /// Cookies that have expired at the `now` given to [`read`]. Python's
    /// `ignore_expires` (`Keep` = `True`). Kept ones loaded into a jar
    /// ([`FileCookieJar::load`](crate::FileCookieJar::load),
    /// [`CookieJar::replace_all_from`](crate::CookieJar::replace_all_from))
    /// stay in it, as in Python's: never sent, written by a save that keeps
    /// expired cookies, removed by `clear_expired_cookies`; unlike in
    /// Python's, also when a cookie is next stored under their domain
    /// (RFC 6265bis §5.7 evicts expired cookies then).
    pub expired: Retain,
    /// The keys that decrypt a Chrome database's values besides those
    /// Chrome builds in: see [`LoadOptions::chrome_password`].
    #[cfg(feature = "chrome")]
    #[cfg_attr(docsrs, doc(cfg(feature = "chrome")))]
    pub chrome_keys: Option<chrome::ChromeKeys>,
}

impl LoadOptions {
    /// Skips session and expired cookies; the format's default strictness.
    pub const fn new() -> Self {
        LoadOptions {
            strictness: None,
            session: Retain::Skip,
            expired: Retain::Skip,
            #[cfg(feature = "chrome")]
            chrome_keys: None,
        }
    }

    /// Sets [`LoadOptions::chrome_keys`] to the keys made from
    /// `password`: the password Chrome keeps in the desktop's keyring on
    /// Linux, for `v11` values, or in the Keychain on macOS (see the
    /// `chrome` module). Values of other formats are not encrypted.
    #[cfg(feature = "chrome")]
    #[cfg_attr(docsrs, doc(cfg(feature = "chrome")))]
    pub fn chrome_password(mut self, password: impl AsRef<[u8]>) -> Self {
        self.chrome_keys = Some(chrome::ChromeKeys::from_password(password));
        self
    }

    /// Sets [`LoadOptions::strictness`].
    pub const fn strictness(mut self, strictness: Strictness) -> Self {
        self.strictness = Some(strictness);
        self
    }

    /// Sets [`LoadOptions::session`].
    pub const fn session(mut self, retain: Retain) -> Self {
        self.session = retain;
        self
    }

    /// Sets [`LoadOptions::expired`].
    pub const fn expired(mut self, retain: Retain) -> Self {
        self.expired = retain;
        self
    }
}

/// A line that [`read`] skipped or adjusted, and why. In a browser's
/// database a row, named by its id, and in a Safari file a cookie, by
/// its number: see [`LineIssue::unit`], which `Display` uses (`line 3:
/// ...`, `row 12: ...`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct LineIssue {
    /// The line (1-based) of the file; a database row's id; a Safari
    /// file's cookie number.
    pub line: u64,
    /// What is wrong with it.
    pub message: String,
    unit: &'static str,
}

impl LineIssue {
    /// What [`LineIssue::line`] counts: `line`, `row` (Firefox's and
    /// Chrome's databases) or `cookie` (Safari's file).
    pub fn unit(&self) -> &'static str {
        self.unit
    }
}

/// The error for a load into a jar of which no line read as a cookie
/// (`cookies_read`, counted before the options leave out session and
/// expired ones) and lines were skipped: not a cookie file (or not in
/// this format), which must not empty the jar (as Python's `revert`
/// raises `LoadError` and keeps the cookies); `Ok` otherwise.
fn check_read_something(
    format: Format,
    cookies_read: usize,
    skipped: &[LineIssue],
) -> Result<(), Error> {
    // A HAR whose every `Set-Cookie` was refused leaves no cookie, as
    // it leaves a browser none: what it read is no error.
    let Some(first) = skipped
        .first()
        .filter(|_| cookies_read == 0 && format != Format::Har)
    else {
        return Ok(());
    };
    let unit = format.unit();
    let count = format!(
        "{} {unit}{} skipped",
        skipped.len(),
        if skipped.len() == 1 { "" } else { "s" }
    );
    Err(match unit {
        // A file's line is the error's; a row or a record is named in
        // the message, as the readers' own errors name them.
        "line" => Error::syntax(
            format.what(),
            Some(first.line),
            format!("no cookies read ({count}): {}", first.message),
        ),
        _ => Error::syntax(
            format.what(),
            None,
            format!(
                "no cookies read ({count}): {unit} {}: {}",
                first.line, first.message
            ),
        ),
    })
}

/// What loading a file into a jar reported besides its cookies (see
/// [`FileCookieJar::load`](crate::FileCookieJar::load)): the
/// [`skipped`](Loaded::skipped) and [`warnings`](Loaded::warnings) of
/// [`Loaded`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadReport {
    /// Lines that were not loaded.
    pub skipped: Vec<LineIssue>,
    /// Lines that were loaded with an adjustment.
    pub warnings: Vec<LineIssue>,
    /// How many session cookies [`LoadOptions::session`] left out (by
    /// default, all of them: see [`Retain`]).
    pub session_left_out: usize,
    /// How many expired cookies [`LoadOptions::expired`] left out (of
    /// those not left out as session cookies).
    pub expired_left_out: usize,
    /// How many cookies of another browser context were left out (see
    /// [`Loaded::context_left_out`]).
    pub context_left_out: usize,
    /// How many of `skipped` the reader could not read (see
    /// [`Loaded::not_read`]).
    pub not_read: usize,
}

impl Loaded {
    /// Splits into the cookies and the report on the other lines.
    pub fn into_parts(self) -> (Vec<Cookie>, LoadReport) {
        (
            self.cookies,
            LoadReport {
                skipped: self.skipped,
                warnings: self.warnings,
                session_left_out: self.session_left_out,
                expired_left_out: self.expired_left_out,
                context_left_out: self.context_left_out,
                not_read: self.not_read,
            },
        )
    }
}

impl fmt::Display for LineIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.unit, self.line, self.message)
    }
}

/// The result of [`read`]: the cookies, and what was skipped or adjusted.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Loaded {
    /// The cookies, in file order (without those that [`LoadOptions`]
    /// skips).
    pub cookies: Vec<Cookie>,
    /// Lines that were not loaded: malformed lines in lenient mode, and
    /// lines that Python's loaders ignore silently (stray text in an LWP
    /// file, an empty cookie).
    pub skipped: Vec<LineIssue>,
    /// Lines that were loaded with an adjustment, such as an unreadable
    /// LWP expiry read as a session cookie (as Python does) or a Mozilla
    /// line whose domain dot and include-subdomains flag disagree.
    pub warnings: Vec<LineIssue>,
    /// How many session cookies [`LoadOptions::session`] left out.
    pub session_left_out: usize,
    /// How many expired cookies [`LoadOptions::expired`] left out (of
    /// those not left out as session cookies).
    pub expired_left_out: usize,
    /// How many cookies a browser kept in another context than the
    /// default one were left out: a Firefox container's or private
    /// window's, and a cookie partitioned under another site (a
    /// third-party cookie a browser keeps for the site that embedded it).
    /// A jar has one context and no partitions: read into it, they would
    /// be sent where the browser never sends them.
    pub context_left_out: usize,
    /// How many of [`skipped`](Loaded::skipped) the reader could not read
    /// (a lenient read's malformed lines), which a file written from what
    /// was read loses; the others were left out on purpose (a cookie the
    /// jar refuses, one its tool never sends, a cookie without a domain).
    pub not_read: usize,
}

/// Reads the cookies of a file in `format`.
///
/// `now` decides which cookies have expired (for
/// [`LoadOptions::expired`]) and is the creation and last-access time of
/// cookies whose format has none.
///
/// # Errors
///
/// - A [`Syntax`](crate::ErrorKind::Syntax) error with the line number
///   for input that Python's loader refuses, in strict mode (see each
///   format's module); in lenient mode only for input that cannot be read
///   at all (a JSON file that is not JSON).
/// - An [`Unsupported`](crate::ErrorKind::Unsupported) error for
///   [`Format::Json`] when the `serde` feature is off.
pub fn read(
    input: &[u8],
    format: Format,
    options: &LoadOptions,
    now: OffsetDateTime,
) -> Result<Loaded, Error> {
    read_admitting(input, format, options, now, None)
}

/// A jar's check of each cookie a file gives it (beyond the format's):
/// a refused cookie is skipped, with its line, in every mode.
pub(crate) type Admit<'a> = &'a mut dyn FnMut(&Cookie) -> Result<(), crate::Rejection>;

/// [`read`], each kept cookie checked by `admit` if given: a load into a
/// jar, which fails on input of which lines were skipped and none read
/// as a cookie (see [`check_read_something`]).
pub(crate) fn read_admitting(
    input: &[u8],
    format: Format,
    options: &LoadOptions,
    now: OffsetDateTime,
    admit: Option<Admit<'_>>,
) -> Result<Loaded, Error> {
    let into_jar = admit.is_some();
    let mut sink = Sink::new(format.what(), format, options, now);
    sink.admit = admit;
    read_into(input, format, &mut sink)?;
    if into_jar {
        check_read_something(format, sink.read, &sink.loaded.skipped)?;
    }
    Ok(sink.finish())
}

/// [`read_each`], each kept cookie checked by `admit` if given, as
/// [`read_admitting`] checks it.
pub(crate) fn read_each_admitting<'a>(
    input: &[u8],
    format: Format,
    options: &LoadOptions,
    now: OffsetDateTime,
    admit: Option<Admit<'a>>,
    each: &'a mut dyn FnMut(Cookie),
) -> Result<LoadReport, Error> {
    let into_jar = admit.is_some();
    let mut sink = Sink::new(format.what(), format, options, now).sending_to(each);
    sink.admit = admit;
    read_into(input, format, &mut sink)?;
    if into_jar {
        check_read_something(format, sink.read, &sink.loaded.skipped)?;
    }
    Ok(sink.finish().into_parts().1)
}

/// Reads the cookies of a file in `format` as [`read`] does, but passes
/// each cookie that `options` keeps to `each`, in file order, instead of
/// collecting them: a large file is never held as a vector of cookies.
/// Returns the lines skipped or adjusted.
///
/// On an error, `each` may already have been called for the cookies
/// before it: a caller that must take all or nothing collects them
/// somewhere it can drop (as [`CookieJar::replace_all_from`] does).
///
/// # Errors
/// As [`read`].
///
/// [`CookieJar::replace_all_from`]: crate::CookieJar::replace_all_from
pub fn read_each(
    input: &[u8],
    format: Format,
    options: &LoadOptions,
    now: OffsetDateTime,
    each: &mut dyn FnMut(Cookie),
) -> Result<LoadReport, Error> {
    read_each_admitting(input, format, options, now, None, each)
}

/// The reader of `format`, into `sink`.
fn read_into(input: &[u8], format: Format, sink: &mut Sink<'_>) -> Result<(), Error> {
    match format {
        Format::Lwp => lwp::read_into(input, sink),
        Format::Mozilla => mozilla::read_into(input, sink),
        Format::Msie => msie::read_into(input, sink),
        Format::Firefox => firefox::read_into(input, sink),
        Format::Safari => safari::read_into(input, sink),
        #[cfg(feature = "chrome")]
        Format::Chrome => {
            let keys = sink.chrome_keys;
            chrome::read_into(input, sink, keys)
        }
        #[cfg(not(feature = "chrome"))]
        Format::Chrome => Err(chrome_disabled()),
        #[cfg(feature = "serde")]
        Format::Har => har::read_into(input, sink),
        #[cfg(not(feature = "serde"))]
        Format::Har => Err(Error::unsupported(
            HAR_WHAT,
            "har files need the `serde` feature of cookiejar",
        )),
        // What cookie_store writes for a store with no cookie to keep,
        // in its older form: nothing.
        #[cfg(feature = "serde")]
        Format::CookieStore | Format::CookieStoreLines
            if strip_bom(input).trim_ascii().is_empty() =>
        {
            Ok(())
        }
        #[cfg(feature = "serde")]
        Format::CookieStoreLines => json::read_lines_into(input, sink),
        #[cfg(feature = "serde")]
        Format::ToughCookieFileStore => tough_cookie::read_file_store_into(input, sink),
        #[cfg(feature = "serde")]
        Format::Httpie => httpie::read_into(input, sink),
        #[cfg(feature = "serde")]
        Format::Json
        | Format::Playwright
        | Format::WebDriver
        | Format::ToughCookie
        | Format::Guzzle
        | Format::CookieStore => json::read_into(input, sink),
        // The JSON formats, whose readers need `serde`.
        #[cfg(not(feature = "serde"))]
        _ => Err(json_disabled()),
    }
}

/// Writes `cookies` (those that `options` keeps at `now`) as a file in
/// `format`, and reports how many session and expired cookies `options`
/// left out, and the cookies the format cannot hold (a line
/// break in a value of an LWP or Mozilla file, a TAB in a Mozilla domain,
/// path or name, an empty domain), which are left out unless
/// [`SaveOptions::unwritable`] fails the write on them. Nothing is
/// written when an error is returned, except for an I/O error part-way.
///
/// # Errors
///
/// - An [`Unsupported`](crate::ErrorKind::Unsupported) error for a
///   cookie the format cannot hold, with [`Unwritable::Fail`]; for
///   [`Format::Msie`] (read only), and for [`Format::Json`] when the
///   `serde` feature is off.
/// - An [`Io`](crate::ErrorKind::Io) error from `out`.
pub fn write(
    cookies: &[Cookie],
    format: Format,
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let mut report = match format {
        Format::Lwp => lwp::write(cookies, options, now, out),
        Format::Mozilla => mozilla::write(cookies, options, now, out),
        Format::Msie => Err(Error::unsupported(
            msie::WHAT,
            "msie cookie files are read only",
        )),
        Format::Firefox => Err(Error::unsupported(
            firefox::WHAT,
            "firefox cookie databases are read only",
        )),
        Format::Safari => Err(Error::unsupported(
            safari::WHAT,
            "safari cookie files are read only",
        )),
        Format::Chrome => Err(Error::unsupported(
            CHROME_WHAT,
            "chrome cookie databases are read only",
        )),
        Format::Har => Err(Error::unsupported(HAR_WHAT, "har files are read only")),
        #[cfg(feature = "serde")]
        Format::Json => json::write(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::Playwright => json::write_storage_state(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::WebDriver => json::write_webdriver(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::ToughCookie => tough_cookie::write(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::ToughCookieFileStore => tough_cookie::write_file_store(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::Guzzle => guzzle::write(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::Httpie => httpie::write(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::CookieStore => cookie_store::write(cookies, options, now, out),
        #[cfg(feature = "serde")]
        Format::CookieStoreLines => cookie_store::write_lines(cookies, options, now, out),
        // The JSON formats, whose writers need `serde`.
        #[cfg(not(feature = "serde"))]
        _ => Err(json_disabled()),
    }?;
    count_left_out(&mut report, cookies, options, now);
    Ok(report)
}

/// Counts in `report` the session and expired cookies of `cookies` that
/// `options` left out at `now`.
fn count_left_out(
    report: &mut SaveReport,
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
) {
    for c in cookies {
        if !retained(c, options.session, Retain::Keep, now) {
            report.session_left_out += 1;
        } else if !retained(c, Retain::Keep, options.expired, now) {
            report.expired_left_out += 1;
        }
    }
}

/// Writes `cookies` to the file at `path` in `format`, atomically: a
/// temporary file in the same folder is written, fsynced and renamed over
/// `path`, so a failure leaves any previous file intact. Over a
/// Playwright `storageState` ([`Format::Playwright`]), the file's
/// `origins` (each origin's local storage, which a jar does not hold)
/// are kept as they were; over a tough-cookie jar
/// ([`Format::ToughCookie`]), its options; over an HTTPie session
/// ([`Format::Httpie`]), its headers, authentication and cookies without
/// a domain (see the `httpie` module's Writing, feature `serde`).
///
/// # Errors
/// As [`write()`], and an [`Io`](crate::ErrorKind::Io) error naming `path`.
pub fn write_file(
    path: &std::path::Path,
    cookies: &[Cookie],
    format: Format,
    options: &SaveOptions,
    now: OffsetDateTime,
) -> Result<SaveReport, Error> {
    // A Playwright `storageState` holds the origins' local storage too,
    // which a save of the jar's cookies must not wipe.
    #[cfg(feature = "serde")]
    let rest = match format {
        Format::Playwright | Format::ToughCookie | Format::Httpie => json_rest_at(path, format)?,
        _ => None,
    };
    let mut report = SaveReport::default();
    crate::atomic::write_atomic(path, &mut |w| {
        report = match format {
            #[cfg(feature = "serde")]
            Format::Playwright => {
                let mut report =
                    json::write_storage_state_keeping(cookies, options, now, rest.as_ref(), w)?;
                count_left_out(&mut report, cookies, options, now);
                report
            }
            #[cfg(feature = "serde")]
            Format::ToughCookie => {
                let mut report =
                    tough_cookie::write_keeping(cookies, options, now, rest.as_ref(), w)?;
                count_left_out(&mut report, cookies, options, now);
                report
            }
            #[cfg(feature = "serde")]
            Format::Httpie => {
                let mut report = httpie::write_keeping(cookies, options, now, rest.as_ref(), w)?;
                count_left_out(&mut report, cookies, options, now);
                report
            }
            _ => write(cookies, format, options, now, w)?,
        };
        Ok(())
    })
    .map_err(|e| e.io_on(path))?;
    Ok(report)
}

/// What a save over the file at `path` keeps of it besides the cookies,
/// if it is a file of `format`, a Playwright `storageState`, a
/// tough-cookie jar or an HTTPie session (see `json::storage_state_rest`;
/// a session's cookies without a domain too, `httpie::unbound_records`):
/// only a regular file is read (a FIFO would block, a device might never end); none is
/// there, or it is not of `format`: `None`.
///
/// # Errors
/// A file there that cannot be read: a save must not wipe what it
/// cannot see.
#[cfg(feature = "serde")]
fn json_rest_at(
    path: &std::path::Path,
    format: Format,
) -> Result<Option<json::StorageRest>, Error> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(Some(path.to_owned()), e)),
        Ok(m) if !m.is_file() => Ok(None),
        Ok(_) => {
            let old = std::fs::read(path).map_err(|e| Error::io(Some(path.to_owned()), e))?;
            // Only a file of that format's: this crate's JSON, say, has
            // keys (`format`) that would make the new file one of those.
            Ok(match Format::detect(&old) == Some(format) {
                true => json::storage_state_rest(&old).map(|mut rest| {
                    if format == Format::Httpie {
                        rest.carried = httpie::unbound_records(&old);
                    }
                    rest
                }),
                false => None,
            })
        }
    }
}

/// What errors call Chrome's database (also without the `chrome`
/// feature, which its reader needs).
const CHROME_WHAT: &str = "chrome cookie database";

/// Whether `input` is a whole SQLite database with Chromium's `cookies`
/// table and no Firefox `moz_cookies` one.
fn looks_like_chrome(input: &[u8]) -> bool {
    let Ok(db) = sqlite::Database::open(CHROME_WHAT, input) else {
        return false;
    };
    matches!(db.table("cookies"), Ok(Some(_))) && matches!(db.table(firefox::TABLE), Ok(None))
}

#[cfg(not(feature = "chrome"))]
fn chrome_disabled() -> Error {
    Error::unsupported(
        CHROME_WHAT,
        "chrome cookie databases need the `chrome` feature of cookiejar",
    )
}

#[cfg(not(feature = "serde"))]
fn json_disabled() -> Error {
    Error::unsupported(
        "json cookie file",
        "json cookie files need the `serde` feature of cookiejar",
    )
}

/// Whether `options` keeps `cookie` at `now` (Python's `ignore_discard` /
/// `ignore_expires` tests).
fn retained(cookie: &Cookie, session: Retain, expired: Retain, now: OffsetDateTime) -> bool {
    !(session == Retain::Skip && cookie.discard()
        || expired == Retain::Skip && cookie.is_expired(now))
}

/// The cookies of `cookies` that `options` saves at `now`.
pub(crate) fn to_save<'c>(
    cookies: &'c [Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
) -> impl Iterator<Item = &'c Cookie> {
    let (session, expired) = (options.session, options.expired);
    cookies
        .iter()
        .filter(move |c| retained(c, session, expired, now))
}

/// Refuses to write a cookie that no reader would read back, as the jar
/// refuses it: one without a domain ([`Rejection::NoDomain`]), or with a
/// control character in a field ([`Rejection::ControlCharacter`]; only
/// a cookie built by hand can have one).
///
/// [`Rejection::NoDomain`]: crate::Rejection::NoDomain
/// [`Rejection::ControlCharacter`]: crate::Rejection::ControlCharacter
pub(crate) fn check_writable(c: &Cookie, what: &str) -> Result<(), Error> {
    let cannot =
        |why: &str| Error::unsupported(what, format!("cannot write cookie {:?}: {why}", c.name()));
    if c.domain.is_empty() {
        return Err(cannot("the domain is empty"));
    }
    c.check_controls()
        .map_err(|_| cannot("a field holds a control character"))
}

/// Writes a whole file at once, mapping I/O errors.
pub(crate) fn write_all(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(None, e))
}

/// Collects the result of a load: cookies (filtered by the options, kept
/// or passed on one by one), skipped lines and warnings; turns refusals
/// into errors in strict mode.
pub(crate) struct Sink<'a> {
    what: &'static str,
    strictness: Strictness,
    session: Retain,
    expired: Retain,
    pub(crate) now: OffsetDateTime,
    /// `now`, as the cookies it makes keep it.
    pub(crate) now_time: UnixTime,
    loaded: Loaded,
    /// Where kept cookies go instead of `loaded.cookies`, if set.
    each: Option<&'a mut dyn FnMut(Cookie)>,
    /// The jar's check of each kept cookie, if set.
    admit: Option<Admit<'a>>,
    /// How many lines read as a cookie, kept by the options or not.
    read: usize,
    /// What a line number counts (see [`LineIssue::unit`]).
    unit: &'static str,
    /// The number (from 1) of the record being read in a file of
    /// records (a JSON array of cookies), whose messages then say which:
    /// a JSON file is often one line.
    record: Option<usize>,
    /// The keys of a Chrome database's values.
    #[cfg(feature = "chrome")]
    pub(crate) chrome_keys: Option<chrome::ChromeKeys>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(
        what: &'static str,
        format: Format,
        options: &LoadOptions,
        now: OffsetDateTime,
    ) -> Self {
        Sink {
            what,
            strictness: options
                .strictness
                .unwrap_or_else(|| format.default_strictness()),
            session: options.session,
            expired: options.expired,
            now,
            now_time: UnixTime::from(now),
            loaded: Loaded::default(),
            each: None,
            admit: None,
            read: 0,
            unit: format.unit(),
            record: None,
            #[cfg(feature = "chrome")]
            chrome_keys: options.chrome_keys,
        }
    }

    /// Passes each kept cookie to `each`, in file order, instead of
    /// collecting them.
    pub(crate) fn sending_to(self, each: &'a mut dyn FnMut(Cookie)) -> Self {
        Sink {
            each: Some(each),
            ..self
        }
    }

    pub(crate) fn strict(&self) -> bool {
        self.strictness == Strictness::Strict
    }

    /// Input that Python refuses with `LoadError`: an error in strict
    /// mode, a skipped line in lenient mode.
    pub(crate) fn refuse(&mut self, line: u64, message: impl Into<String>) -> Result<(), Error> {
        let message = self.in_record(message.into());
        if self.strict() {
            return Err(Error::syntax(self.what, Some(line), message));
        }
        let unit = self.unit;
        self.loaded.skipped.push(LineIssue {
            line,
            message,
            unit,
        });
        self.loaded.not_read += 1;
        Ok(())
    }

    /// Input skipped in every mode.
    pub(crate) fn skip(&mut self, line: u64, message: impl Into<String>) {
        let message = self.in_record(message.into());
        self.loaded.skipped.push(LineIssue {
            line,
            message,
            unit: self.unit,
        });
    }

    /// The records read next are record `n` (from 1) of the file: the
    /// messages of [`refuse`](Self::refuse) and [`skip`](Self::skip)
    /// then name it (`cookie n: `, or `cookie n not stored: ` for
    /// `cookie not stored: `).
    #[cfg(feature = "serde")]
    pub(crate) fn at_record(&mut self, n: usize) {
        self.record = Some(n);
    }

    /// `message`, naming the record being read if known.
    fn in_record(&self, message: String) -> String {
        match (self.record, message.strip_prefix("cookie ")) {
            // `cookie 2 not stored: ...`, not `cookie 2: cookie not ...`.
            (Some(n), Some(rest)) => format!("cookie {n} {rest}"),
            (Some(n), None) => format!("cookie {n}: {message}"),
            (None, _) => message,
        }
    }

    /// A cookie of another browser context, left out (see
    /// [`Loaded::context_left_out`]): read, and counted, not skipped.
    pub(crate) fn leave_out_context(&mut self) {
        self.read += 1;
        self.loaded.context_left_out += 1;
    }

    /// Input loaded with an adjustment.
    pub(crate) fn warn(&mut self, line: u64, message: impl Into<String>) {
        self.loaded.warnings.push(LineIssue {
            line,
            message: message.into(),
            unit: self.unit,
        });
    }

    /// Room for `n()` more cookies (an upper bound from counting lines),
    /// so that a large file does not grow the vector by repeated copies;
    /// `n` is not called when the cookies are passed on, not collected.
    pub(crate) fn reserve(&mut self, n: impl FnOnce() -> usize) {
        if self.each.is_none() {
            self.loaded.cookies.reserve(n());
        }
    }

    /// A cookie read from line `line` of the file, kept if the options
    /// keep it. One the jar could not send safely (a control character
    /// in a field: see [`Cookie::into_storable`]) is skipped, in every
    /// mode; its domain is lower-cased.
    pub(crate) fn push(&mut self, line: u64, cookie: Cookie) {
        self.push_at(|| line, cookie);
    }

    /// [`Sink::push`], the line found by `line` only if a message needs
    /// it (a reader that knows a record's line only by scanning).
    #[inline]
    pub(crate) fn push_at(&mut self, line: impl Fn() -> u64, cookie: Cookie) {
        // One the options skip is not judged further (but it was read).
        if self.left_out(&cookie) {
            self.read += 1;
            return;
        }
        match cookie.into_storable() {
            Ok(cookie) => self.push_clean_at(line, cookie),
            Err(why) => self.skip(line(), format!("cookie not stored: {why}")),
        }
    }

    /// [`Sink::push`] for a cookie known to be storable as it is: no
    /// control character in its fields, its domain lower-case. A cookie
    /// the jar's check refuses is skipped, except a domain cookie for a
    /// public suffix, which is read as the host-only cookie of the
    /// suffix's host (with a warning): RFC 6265bis §5.7 step 9 stores a
    /// `Domain` attribute naming a public suffix so when the suffix is
    /// the request host, and no other host could have set it (curl writes
    /// `.localhost TRUE` for `Domain=localhost` from `localhost`).
    pub(crate) fn push_clean(&mut self, line: u64, cookie: Cookie) {
        self.push_clean_at(|| line, cookie);
    }

    /// [`Sink::push_clean`], the line found by `line` only if needed.
    #[inline]
    fn push_clean_at(&mut self, line: impl Fn() -> u64, mut cookie: Cookie) {
        self.read += 1;
        if self.left_out(&cookie) {
            return;
        }
        // As `Cookie::make_storable` makes it (`.127.0.0.1 TRUE` in a
        // cookies.txt, written before the jar made it host-only).
        cookie.address_is_host_only();
        if let Some(admit) = &mut self.admit {
            let mut verdict = admit(&cookie);
            if verdict == Err(crate::Rejection::PublicSuffix) && !cookie.host_only {
                // Unless the policy sends host-only cookies to
                // subdomains too: then refused again.
                cookie.host_only = true;
                verdict = admit(&cookie);
                if verdict.is_ok() {
                    let domain = &cookie.domain;
                    self.warn(
                        line(),
                        format!(
                            "a domain cookie for the public suffix {domain}: read as the \
                             host-only cookie of {domain} (RFC 6265bis §5.7 step 9)"
                        ),
                    );
                }
            }
            if let Err(why) = verdict {
                return self.skip(line(), format!("cookie not stored: {why}"));
            }
        }
        // Storable as it is (the callers' contract, checked in debug
        // builds): a jar's `replace_all` of these cookies skips the check.
        debug_assert!(
            {
                let mut c = cookie.clone();
                c.make_storable().is_ok() && c == cookie
            },
            "a cookie passed as clean is not storable as it is"
        );
        cookie.storable = crate::cookie::Storable(true);
        match &mut self.each {
            Some(each) => each(cookie),
            None => self.loaded.cookies.push(cookie),
        }
    }

    /// Whether the options leave `cookie` out (counted, as a session
    /// cookie first).
    fn left_out(&mut self, cookie: &Cookie) -> bool {
        if !retained(cookie, self.session, Retain::Keep, self.now) {
            self.loaded.session_left_out += 1;
            true
        } else if !retained(cookie, Retain::Keep, self.expired, self.now) {
            self.loaded.expired_left_out += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn finish(self) -> Loaded {
        self.loaded
    }
}

/// The skipped lines of a load as (line, message), for tests.
#[cfg(test)]
pub(crate) fn skipped_lines(loaded: &Loaded) -> Vec<(u64, &str)> {
    let lines = loaded.skipped.iter();
    lines.map(|i| (i.line, i.message.as_str())).collect()
}

/// Removes a leading UTF-8 byte order mark.
/// Whether a cookie of `domain` partitioned under the top-level site
/// `site` (`https://example.com`, or `example.com` and a scheme apart)
/// is in its own site's partition (CHIPS: a first-party `Partitioned`
/// cookie), which a jar without partitions may read as an ordinary
/// cookie: the partition's site is the cookie's site (its registrable
/// domain by the Public Suffix List, as Firefox and Chrome compare them;
/// an IP address or a suffix host is its own site), `scheme_fits` the
/// partition's scheme (when the site names one), and no frame between
/// them was cross-site (`cross_site_ancestor`).
pub(crate) fn own_partition(
    domain: &str,
    site: &str,
    cross_site_ancestor: bool,
    scheme_fits: impl Fn(&str) -> bool,
) -> bool {
    use crate::psl::PublicSuffixList;
    let (scheme, host) = match site.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, site),
    };
    let host = host.split('/').next().unwrap_or("");
    // The host, and after it nothing or a port.
    let (host, port) = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((ip, rest)) => (&host[..ip.len() + 2], rest),
            None => ("", ""),
        },
        None => match host.find(':') {
            Some(at) => (&host[..at], &host[at..]),
            None => (host, ""),
        },
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    // A top-level site is an http or https one.
    let web =
        scheme.is_none_or(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    let domain = domain.strip_prefix('.').unwrap_or(domain);
    let is_ip = domain.starts_with('[') || domain.parse::<std::net::Ipv4Addr>().is_ok();
    let lower = domain.to_ascii_lowercase();
    let own_site = match is_ip {
        true => lower.as_str(),
        false => crate::psl::BuiltinList
            .registrable_domain(&lower)
            .unwrap_or(lower.as_str()),
    };
    !cross_site_ancestor
        && !host.is_empty()
        && port_ok
        && web
        && own_site.eq_ignore_ascii_case(host)
        && scheme.is_none_or(scheme_fits)
}

/// What reads a browser's row as a cookie: `None` for a row skipped
/// (its reason given to the sink), an error message for one that cannot
/// be read.
pub(crate) type RowReader<'a> =
    dyn FnMut(&sqlite::Row<'_>, &mut Sink<'_>) -> Result<Option<Cookie>, String> + 'a;

/// Reads each row of a browser's cookie table (`table` of `db`) with
/// `cookie` into `sink`: a row that cannot be read is an error naming it
/// (as `what`) in strict mode, skipped by row id otherwise. A
/// partitioned cookie with the name, domain and path of an unpartitioned
/// one is counted as left out: a browser keeps the two apart and sends
/// both (Firefox and Chrome); a jar holds one, the unpartitioned one.
pub(crate) fn read_rows(
    db: &sqlite::Database<'_>,
    table: &sqlite::Table,
    what: &'static str,
    sink: &mut Sink<'_>,
    cookie: &mut RowReader<'_>,
) -> Result<(), Error> {
    let mut cookies = Vec::new();
    db.rows(table, &mut |row| {
        let id = u64::try_from(row.rowid).unwrap_or(0);
        match cookie(&row, sink) {
            Ok(Some(cookie)) => cookies.push((id, cookie)),
            Ok(None) => {}
            // A row has no line: its id says which it is.
            Err(message) if sink.strict() => {
                return Err(Error::syntax(what, None, format!("row {id}: {message}")))
            }
            Err(message) => sink.skip(id, message),
        }
        Ok(())
    })?;
    let unpartitioned: std::collections::HashSet<_> = cookies
        .iter()
        .filter(|(_, c)| !c.partitioned)
        .map(|(_, c)| c.key())
        .collect();
    for (id, cookie) in cookies {
        if cookie.partitioned && unpartitioned.contains(&cookie.key()) {
            sink.leave_out_context();
        } else {
            sink.push(id, cookie);
        }
    }
    Ok(())
}

/// Whether `c` is limited to ports (RFC 2965 `Port` with a port list,
/// which ClientCookie's policy enforces): a file with no field for the
/// list would send it to every port. A `Port` with no list (read from a
/// file) limits nothing, as in Python's `return_ok_port`; a list of
/// blanks matches no port, and limits.
pub(crate) fn port_limited(c: &Cookie) -> bool {
    c.legacy.port().is_some_and(|p| !p.is_empty())
}

/// A browser's stored host as a cookie's: a leading dot makes a domain
/// cookie of the rest, none a host-only cookie (the first of the pair);
/// the domain lower-cased, an IPv6 address bracketed as a URL's host is.
pub(crate) fn browser_host(host: &str) -> (bool, crate::short_str::ShortStr) {
    use crate::short_str::ShortStr;
    let (host_only, bare) = match host.strip_prefix('.') {
        Some(domain) => (false, domain),
        None => (true, host),
    };
    let domain = match bracket_ipv6(bare) {
        Some(ip) => ShortStr::new(&ip),
        None => ShortStr::ascii_lowercase(bare),
    };
    (host_only, domain)
}

/// `host` as a URL writes it (`[::1]`) if it is an IPv6 address
/// without brackets (as curl writes one, and older Firefox stored one).
pub(crate) fn bracket_ipv6(host: &str) -> Option<String> {
    let ip = host.parse::<std::net::Ipv6Addr>().ok()?;
    // The URL standard's form (`[::ffff:102:304]`, not
    // `[::ffff:1.2.3.4]`), as a URL's host is written.
    host.contains(':')
        .then(|| url::Host::<String>::Ipv6(ip).to_string())
}

pub(crate) fn strip_bom(input: &[u8]) -> &[u8] {
    input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input)
}

/// The lines of a file, numbered from 1, as Python's universal newlines
/// split them: `\n`, `\r\n` and a lone `\r` end a line; the terminator is
/// not part of the line. A UTF-8 byte order mark is removed first.
#[derive(Clone)]
pub(crate) struct Lines<'a> {
    rest: &'a [u8],
    line: u64,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Lines {
            rest: strip_bom(input),
            line: 0,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (u64, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        self.line += 1;
        let rest = self.rest;
        match crate::bytes::find2(rest, b'\n', b'\r') {
            None => {
                self.rest = &[];
                Some((self.line, rest))
            }
            Some(i) => {
                let end = if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                self.rest = &rest[end..];
                Some((self.line, &rest[..i]))
            }
        }
    }
}

/// Python's `str.isspace()` for the characters that matter here: ASCII
/// whitespace including `\x1c`-`\x1f`, and Unicode white space.
pub(crate) fn is_py_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | ' ' | '\x1c'..='\x1f') || (!c.is_ascii() && c.is_whitespace())
}

/// `s` without Python's white space ([`is_py_space`]) at either end, as
/// `str.strip()` gives it. A string that starts and ends with a visible
/// ASCII character, as nearly every field does, is returned without
/// decoding a character (a `cookies.txt` line has five trimmed fields).
pub(crate) fn py_trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic());
    match visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        true => s,
        false => s.trim_matches(is_py_space),
    }
}

/// Whether `s` contains a line break (which no line-based format can
/// hold inside a field).
pub(crate) fn has_line_break(s: &str) -> bool {
    s.bytes().any(|b| b == b'\n' || b == b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>(), Ok(f));
            assert_eq!(f.name().to_uppercase().parse::<Format>(), Ok(f));
        }
        assert_eq!("netscape".parse::<Format>(), Ok(Format::Mozilla));
        assert_eq!("Cookie_Store".parse::<Format>(), Ok(Format::CookieStore));
        let err = "yaml".parse::<Format>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown cookie file format \"yaml\" \
             (expected lwp, mozilla, json, msie, playwright, webdriver, tough-cookie, \
             tough-cookie-file-store, guzzle, httpie, cookie-store, cookie-store-lines, firefox, \
             safari, chrome, har)"
        );
        assert_eq!("Chromium".parse::<Format>(), Ok(Format::Chrome));
        assert_eq!("selenium".parse::<Format>(), Ok(Format::WebDriver));
    }

    #[test]
    fn extensions() {
        let cases = [
            ("lwp", Some(Format::Lwp)),
            (".LWP", Some(Format::Lwp)),
            ("txt", Some(Format::Mozilla)),
            ("json", Some(Format::Json)),
            ("Json", Some(Format::Json)),
            ("sqlite", Some(Format::Firefox)),
            ("cookies.txt", Some(Format::Mozilla)),
            ("cookies.db", None),
            ("Cookies.binarycookies", Some(Format::Safari)),
            ("dir.json/cookies", None),
            ("", None),
        ];
        for (ext, want) in cases {
            assert_eq!(Format::from_extension(ext), want, "{ext}");
        }
    }

    #[test]
    fn detects() {
        let cases: &[(&[u8], Option<Format>)] = &[
            (b"#LWP-Cookies-2.0\nSet-Cookie3: a=b\n", Some(Format::Lwp)),
            (b"SQLite format 3\0\x80\0", Some(Format::Firefox)),
            (b"cook\0\0\0\x01\0\0\0\x20\0\0\x01\0", Some(Format::Safari)),
            (b"cook\0\0\0\x01", Some(Format::Safari)),
            (b"cookie.example\tFALSE\t/\tFALSE\t0\ta\t1\n", Some(Format::Mozilla)),
            (b"\xEF\xBB\xBF#LWP-Cookies-1.0\r\n", Some(Format::Lwp)),
            (b"Set-Cookie3: a=b; path=\"/\"\n", Some(Format::Lwp)),
            (b"# comment\n\nSet-Cookie3: a=b\n", Some(Format::Lwp)),
            (b"# Netscape HTTP Cookie File\n", Some(Format::Mozilla)),
            (b"# HTTP Cookie File\r\n", Some(Format::Mozilla)),
            (
                b"\xEF\xBB\xBF# Netscape HTTP Cookie File",
                Some(Format::Mozilla),
            ),
            (
                b"# made by hand\n#HttpOnly_a.com\tFALSE\t/\tFALSE\t0\tn\tv\n",
                Some(Format::Mozilla),
            ),
            (
                b".a.com\tTRUE\t/\tFALSE\t0\tn\tv\twith tab",
                Some(Format::Mozilla),
            ),
            (b".a.com\tTRUE\t/\tFALSE\t0\tn", None),
            (b"  \n\t{\"format\":\"cookiejar\"}", Some(Format::Json)),
            (b"[{\"name\":\"raw_cookie\"", Some(Format::Json)),
            (b"[]\n", Some(Format::CookieStore)),
            (b" [ \n ] ", Some(Format::CookieStore)),
            (b"[1]", Some(Format::Json)),
            (
                b"\xEF\xBB\xBF[\n  {\n    \"raw_cookie\": \"a=b\"",
                Some(Format::CookieStore),
            ),
            (
                b"{\"raw_cookie\":\"a=b\",\"path\":[\"/\",false]",
                Some(Format::CookieStoreLines),
            ),
            // Keys sorted (Python's `sort_keys`), which cookie_store reads.
            (
                b"[{\"domain\": {\"HostOnly\": \"a.b\"}, \"expires\": \"SessionEnd\", \"raw_cookie\" : ",
                Some(Format::CookieStore),
            ),
            (b"[{\"name\": \"\\\"raw_cookie\\\": 1\"}]", Some(Format::Json)),
            // Only the first record's own keys count.
            (b"[{\"domain\": \".a.com\", \"extra\": {\"raw_cookie\": 1}}]", Some(Format::Json)),
            (b"{\"format\": \"cookiejar\", \"meta\": {\"raw_cookie\": true}}", Some(Format::Json)),
            (b"{\"cookies\": [], \"origins\": [{\"raw_cookie\": 1}]}", Some(Format::Playwright)),
            (b"{\"cookies\": [{\"name\": \"a\", \"httpOnly\": false", Some(Format::Playwright)),
            // WebDriver's: ChromeDriver's keys sorted, geckodriver's not;
            // the other exports' arrays have keys WebDriver's do not.
            (b"[{\"domain\": \"a.com\", \"expiry\": 1, \"httpOnly\"", Some(Format::WebDriver)),
            (b"[{\"name\": \"a\", \"value\": \"\", \"httpOnly\": true}]", Some(Format::WebDriver)),
            (b"[{\"name\": \"a\", \"expires\": -1, \"httpOnly\": true}]", Some(Format::Json)),
            (b"[{\"domain\": \"a\", \"hostOnly\": true, \"httpOnly\": true", Some(Format::Json)),
            (b"[{\"httpOnly\": true, \"session\": true}]", Some(Format::Json)),
            (b"[{\"expirationDate\": 1, \"httpOnly\": true}]", Some(Format::Json)),
            (b"{\"expiry\": 1, \"httpOnly\": true}", Some(Format::Json)),
            // tough-cookie's: by its version, or its store's type.
            (b"{\n  \"version\": \"tough-cookie@6.1.0\",\n  \"storeType\"", Some(Format::ToughCookie)),
            (b"{\"version\": \"tough-cookie@4.1.4\", \"cookies\": []}", Some(Format::ToughCookie)),
            (b"{\"cookies\": [], \"storeType\": null}", Some(Format::ToughCookie)),
            (b"{\"version\": \"4.1.4\", \"cookies\": []}", Some(Format::Json)),
            (b"{\"format\": \"cookiejar\", \"version\": 1, \"cookies\": []}", Some(Format::Json)),
            // tough-cookie-file-store's: by domain, path and name.
            (b"{\"a.com\":{\"/\":{\"n\":{\"key\":\"n\",\"value\":\"v\"", Some(Format::ToughCookieFileStore)),
            (b"{ \"a.com\" : { \"/x\" : { \"\" : { \"domain\": \"a.com\"}}}}", Some(Format::ToughCookieFileStore)),
            (b"{\"a.com\":{\"x\":{\"n\":{\"key\":\"n\"}}}}", Some(Format::Json)),
            (b"{\"a.com\":{\"/\":{\"n\":{\"name\":\"n\"}}}}", Some(Format::Json)),
            (b"{\"a.com\":{\"/\":[]}}", Some(Format::Json)),
            // An empty object: an empty store (this crate's JSON has keys).
            (b"{}", Some(Format::ToughCookieFileStore)),
            (b" {\n } \n", Some(Format::ToughCookieFileStore)),
            (b"{ \"", Some(Format::Json)),
            // Guzzle's: `Name`, capitalised.
            (b"[{\"Name\":\"a\",\"Value\":\"1\",\"Domain\"", Some(Format::Guzzle)),
            (b"[{\"name\":\"a\",\"Value\":\"1\"}]", Some(Format::Json)),
            // This crate's JSON, keys sorted, its `format` past the head.
            (b"{\"cookies\": [{\"comment\": null, \"http_only\": false", Some(Format::Json)),
            (b"{\"cookies\": [{\"name\": \"a\"", Some(Format::Json)),
            (b"{\"cookies\": []}", Some(Format::Json)),
            (b"{\"cookies\": [], \"format\": \"cookiejar\", \"version\": 1}", Some(Format::Json)),
            (
                b"sid\nabc\nexample.com/\n1024\n1\n2\n3\n4\n*\n",
                Some(Format::Msie),
            ),
            (b"sid\nabc\nexample.com/\n1024\n1\n2\n3\n4\n", None),
            (b"sid\nabc\nexample.com\n1024\n1\n2\n3\n4\n*\n", None),
            (b"", None),
            (b"\n\n", None),
            (b"# only comments\n", None),
            (b"<html>", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                Format::detect(input),
                *want,
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn lines_split_like_python() {
        let got: Vec<(u64, &[u8])> = Lines::new(b"\xEF\xBB\xBFa\r\nb\rc\n\nd").collect();
        let want: Vec<(u64, &[u8])> = vec![(1, b"a"), (2, b"b"), (3, b"c"), (4, b""), (5, b"d")];
        assert_eq!(got, want);
        assert_eq!(Lines::new(b"a\n").count(), 1);
        assert_eq!(Lines::new(b"").count(), 0);
        assert_eq!(Lines::new(b"\r\r\n").count(), 2);
    }

    #[test]
    fn py_space_matches_python() {
        // `python3 -c "print([c for c in map(chr, range(0x3001)) if c.isspace()])"`
        let python: Vec<char> = [
            0x09u32, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
            0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
        ]
        .into_iter()
        .filter_map(char::from_u32)
        .collect();
        let ours: Vec<char> = (0..0x3001u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_py_space(c))
            .collect();
        assert_eq!(ours, python);
    }

    /// The fast trim is the character-wise one.
    #[test]
    fn py_trim_is_strip() {
        let ends = [
            "", "a", "~", " ", "\t", "\x1f", "\u{a0}", "\u{3000}", "é", "\x7f", "!",
        ];
        for a in ends {
            for b in ends {
                for mid in ["", "x", " y ", "\u{2028}"] {
                    let s = format!("{a}{mid}{b}");
                    assert_eq!(py_trim(&s), s.trim_matches(is_py_space), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn options_default_like_python() {
        assert_eq!(SaveOptions::default(), SaveOptions::new());
        assert_eq!(SaveOptions::new().session, Retain::Skip);
        assert_eq!(SaveOptions::new().expired, Retain::Skip);
        assert_eq!(LoadOptions::default(), LoadOptions::new());
        assert_eq!(LoadOptions::new().strictness, None);
        assert_eq!(Format::Mozilla.default_strictness(), Strictness::Lenient);
        assert_eq!(Format::Lwp.default_strictness(), Strictness::Strict);
    }

    #[test]
    fn msie_is_read_only() {
        let mut out = Vec::new();
        let err = write(
            &[],
            Format::Msie,
            &SaveOptions::new(),
            OffsetDateTime::UNIX_EPOCH,
            &mut out,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "msie cookie file: msie cookie files are read only"
        );
        assert!(out.is_empty());
    }
}
