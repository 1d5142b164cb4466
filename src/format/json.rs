//! This crate's JSON cookie file (feature `serde`): a documented,
//! versioned schema that holds every field of a [`Cookie`], so that
//! writing then reading gives the same cookies. The reader also takes the
//! JSON that browser tools export (see [Browser exports](#browser-exports)).
//!
//! # Schema, version 1
//!
//! ```json
//! {
//!   "format": "cookiejar",
//!   "version": 1,
//!   "cookies": [
//!     {
//!       "name": "sid",
//!       "value": "abc123",
//!       "domain": "shop.example.com",
//!       "host_only": true,
//!       "path": "/",
//!       "expires": "2030-01-01T00:00:00Z",
//!       "creation": "2024-05-01T12:00:00.123456789Z",
//!       "last_access": "2024-05-01T12:00:00.123456789Z",
//!       "secure": true,
//!       "http_only": true,
//!       "same_site": "lax",
//!       "partitioned": false,
//!       "version": null,
//!       "port": null,
//!       "port_specified": false,
//!       "value_absent": false,
//!       "comment": null,
//!       "comment_url": null,
//!       "discard": false,
//!       "rfc2109": false,
//!       "path_specified": true,
//!       "domain_initial_dot": false,
//!       "other_attributes": [["Priority", "High"], ["Foo", null]]
//!     }
//!   ]
//! }
//! ```
//!
//! | Key | Type | Meaning | When absent |
//! |---|---|---|---|
//! | `format` | `"cookiejar"` | identifies the file | error |
//! | `version` | `1` | the schema version; a reader refuses versions it does not know | error |
//! | `cookies` | array | the cookies | error |
//! | `name` | string | [`Cookie::name`] (may be empty) | error |
//! | `value` | string | [`Cookie::value`] | `""` |
//! | `domain` | string | [`Cookie::domain`]: lower case, no leading dot | error |
//! | `host_only` | bool | [`Cookie::host_only`] | `true` |
//! | `path` | string | [`Cookie::path`] | `"/"` |
//! | `expires` | time or `null` | [`Cookie::expires`]; `null` for a session cookie | `null` |
//! | `creation` | time | [`Cookie::creation_time`] | the `now` of [`read`] |
//! | `last_access` | time | [`Cookie::last_access_time`] | the `now` of [`read`] |
//! | `secure`, `http_only`, `partitioned` | bool | the flags | `false` |
//! | `same_site` | `"default"`, `"none"`, `"lax"`, `"strict"` | [`Cookie::same_site`] (any case) | `"default"` |
//! | `version` | integer or `null` | [`Cookie::version`] | `null` |
//! | `port` | string or `null` | [`Cookie::port`] | `null` |
//! | `port_specified`, `value_absent`, `discard`, `rfc2109`, `path_specified`, `domain_initial_dot` | bool | the legacy flags ([`Cookie::discard`] is this flag or no expiry) | `false` |
//! | `comment`, `comment_url` | string or `null` | [`Cookie::comment`], [`Cookie::comment_url`] | `null` |
//! | `other_attributes` | array of `[name, value or null]` | [`Cookie::other_attributes`], in order | `[]` |
//!
//! **Times** are RFC 3339 strings in UTC with up to nine fractional
//! digits (`2024-05-01T12:00:00.5Z`), exact to the nanosecond; a year
//! before 0 (only the "earliest representable" expiry of an expired
//! cookie) has a leading `-` (`-9999-01-01T00:00:00Z`), as in ISO 8601's
//! expanded years. The reader also takes other offsets (`+02:00`) and
//! integers (Unix seconds). Times compare as instants: offsets are not
//! kept.
//!
//! Unknown keys are ignored, so that later minor additions can be read
//! by this version; an incompatible change will get a new `version`.
//! The writer writes every key, pretty-printed, cookies in the order
//! given.
//!
//! # Reading
//!
//! A file that is not JSON, or whose `format`, `version` or `cookies` is
//! wrong, is an error in both modes. A cookie that does not fit the schema
//! (a missing `domain`, an unreadable time) is an error naming the line
//! where the cookie starts in strict mode (this format's default), and is
//! skipped and listed in [`Loaded::skipped`] in lenient mode.
//!
//! # Browser exports
//!
//! Read only: a top-level array of cookie objects, or an object with a
//! `cookies` array and no `format` (Playwright's `storageState`, whose
//! `origins` are ignored). The objects are the WebExtensions
//! `cookies.Cookie` (what Cookie-Editor and EditThisCookie export from
//! Chrome or Firefox), WebDriver's cookies (Selenium's `get_cookies()`
//! saved with `json.dump`), or Puppeteer's and Playwright's cookies:
//!
//! | Key | Read as |
//! |---|---|
//! | `name`, `domain` | required; a leading dot is dropped |
//! | `value`, `path` | `""` and `"/"` when absent |
//! | `hostOnly` | [`Cookie::host_only`]; when absent, a domain without a leading dot is host-only |
//! | `expirationDate` (WebExtensions), `expiry` (WebDriver), `expires` (Puppeteer, Playwright) | Unix seconds, the fraction dropped; absent, `-1` (`expires`) or `session: true` for a session cookie |
//! | `secure`, `httpOnly` | the flags |
//! | `sameSite` | `no_restriction` / `None`, `lax`, `strict` (any case); `unspecified` or absent: default |
//! | `partitionKey` | [`Cookie::partitioned`] when present and not `null`; a cookie partitioned under another site than its own (`topLevelSite`, or a cross-site ancestor) is skipped, since a jar has no partitions |
//!
//! Other keys (`storeId`, `id`, `size`, `priority`, `sourceScheme`, ...)
//! are ignored. Creation and last-access times are the `now` of [`read`].
//! [`write()`] writes this crate's schema.
//!
//! # Playwright's storage state
//!
//! [`write_storage_state`] ([`Format::Playwright`])
//! writes what Playwright's `BrowserContext.storageState()` writes and
//! `browser.newContext({ storageState })` loads:
//!
//! ```json
//! {
//!   "cookies": [
//!     {
//!       "name": "lang",
//!       "value": "en",
//!       "domain": ".example.com",
//!       "path": "/",
//!       "expires": 1893456000,
//!       "httpOnly": false,
//!       "secure": false,
//!       "sameSite": "Lax"
//!     }
//!   ],
//!   "origins": []
//! }
//! ```
//!
//! - `domain` has a leading dot for a domain cookie, none for a host-only
//!   one, as Playwright writes and reads it.
//! - `expires` is in whole Unix seconds, `-1` for a session cookie, and
//!   `0` for one that expired before 1970.
//! - `sameSite` is `Strict`, `Lax` or `None`, and absent for a cookie
//!   without `SameSite`, so that each browser applies its own default
//!   (Chromium reads it as `Lax`).
//! - A cookie set without `=` (sent as its name alone) is written with an
//!   empty `name` and its name as the `value`, as browsers keep it.
//! - A partitioned (CHIPS) cookie is left out (see
//!   [`Unwritable`](super::Unwritable)): the file would need its
//!   partition key, which a [`Cookie`] does not keep, and written without
//!   one it would go to every site.
//! - Legacy fields (version, port, comment, ...) are not written. The
//!   origins' local storage is not a jar's: written to a new file or a
//!   stream, `origins` is empty; a save over a `storageState` file
//!   ([`format::write_file`](super::write_file), as
//!   [`FileCookieJar`](crate::FileCookieJar) and the `cookiejar` command
//!   save) keeps the file's `origins`, and any other key, as they were.
//!
//! It reads back as a browser export (above). `scripts/playwright_interop.mjs`
//! checks both directions against Chromium: the `Cookie` headers a
//! context loaded from such a file sends are the ones the jar sends, and
//! a context's own `storageState` reads as the cookies it sends.
//!
//! # WebDriver's cookies
//!
//! [`write_webdriver`] ([`Format::WebDriver`])
//! writes the array that WebDriver's Get All Cookies returns (W3C
//! WebDriver §14.1, serialized as §14 says), and so what Selenium's
//! `driver.get_cookies()` gives, saved with `json.dump`; each object is
//! what `driver.add_cookie()` takes:
//!
//! ```json
//! [
//!   {
//!     "name": "lang",
//!     "value": "en",
//!     "path": "/",
//!     "domain": ".example.com",
//!     "secure": false,
//!     "httpOnly": false,
//!     "expiry": 1893456000,
//!     "sameSite": "Lax"
//!   }
//! ]
//! ```
//!
//! - The keys are geckodriver's, in its order (ChromeDriver sorts
//!   them); `domain` has a leading dot for a domain cookie and none
//!   for a host-only one, as both drivers give it.
//! - `expiry` is in whole Unix seconds (`0` for a cookie that expired
//!   before 1970), and absent for a session cookie, as the drivers
//!   give it.
//! - `sameSite` is `Strict`, `Lax` or `None`, and absent for a cookie
//!   without `SameSite`: the drivers always give one, but not the same
//!   for such a cookie (ChromeDriver `Lax`, geckodriver `None`), so a
//!   file read from them holds what the driver said.
//! - As in a `storageState`: a nameless cookie has its name as the
//!   value, and a partitioned or port-limited cookie is left out; legacy
//!   fields are not written.
//! - No cookie is `[]`, which is also what cookie_store's array holds for
//!   none, and is detected as that: a
//!   [`FileCookieJar`](crate::FileCookieJar) that read or saved the
//!   file as WebDriver's keeps to it, but another must be told
//!   (`.format(Format::WebDriver)`, or `convert --to webdriver`).
//!
//! `tests/data/webdriver/` holds what a real ChromeDriver and geckodriver
//! returned, and the `Cookie` headers their browsers sent, which a jar
//! loaded from either file sends too.
//!
//! **Adding them to a browser.** WebDriver's Add Cookie takes a given
//! `domain` as a `Domain` attribute: a host-only cookie added with its
//! `domain` becomes a domain cookie, sent to its host's subdomains too
//! (ChromeDriver then refuses a `__Host-` cookie), whether the object
//! came from this file or from the driver's own Get All Cookies. Add a
//! host-only cookie (a `domain` without a leading dot) without its
//! `domain`, from a page of its host, as Add Cookie requires:
//!
//! ```python
//! for c in json.load(open("cookies.json")):
//!     host = c["domain"].lstrip(".")
//!     driver.get(("https://" if c["secure"] else "http://") + host + "/")
//!     if not c["domain"].startswith("."):
//!         del c["domain"]  # host-only
//!     driver.add_cookie(c)
//! ```
//!
//! `scripts/webdriver_interop.py` does so, and checks that the browser
//! then sends what the jar sends: Chromium 156 (ChromeDriver) did to 14
//! URLs of 14; Firefox 153 ESR (geckodriver 0.37.1) to 8, the 6 others
//! lacking only a nameless cookie, which geckodriver refuses.

use std::collections::HashMap;
use std::io::Write;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use time::OffsetDateTime;

use super::cookie_store;
use super::lwp::{parse_iso, push_time};
use super::{to_save, Format, LoadOptions, Loaded, SaveOptions, SaveReport, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::time_util::UnixTime;

/// What the file is called in errors.
const WHAT: &str = super::JSON_WHAT;
/// The value of `format`.
const FORMAT: &str = "cookiejar";
/// The schema version this module reads and writes.
const VERSION: u64 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    cookies: Records<'a, CookieOut<'a>>,
}

/// The cookies a file holds, each turned into its record (by the
/// function) only as it is written: the records of a large jar are
/// never held at once.
pub(super) struct Records<'a, T>(pub(super) Vec<&'a Cookie>, pub(super) fn(&'a Cookie) -> T);

impl<'a, T: Serialize> Serialize for Records<'a, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|&c| (self.1)(c)))
    }
}

#[derive(Serialize)]
#[serde(rename = "Cookie")]
struct CookieOut<'a> {
    name: &'a str,
    value: &'a str,
    domain: &'a str,
    host_only: bool,
    path: &'a str,
    expires: Option<String>,
    creation: String,
    last_access: String,
    secure: bool,
    http_only: bool,
    same_site: &'static str,
    partitioned: bool,
    version: Option<u32>,
    port: Option<&'a str>,
    port_specified: bool,
    value_absent: bool,
    comment: Option<&'a str>,
    comment_url: Option<&'a str>,
    discard: bool,
    rfc2109: bool,
    path_specified: bool,
    domain_initial_dot: bool,
    other_attributes: Vec<(&'a str, Option<&'a str>)>,
}

impl<'a> CookieOut<'a> {
    /// The record of a cookie.
    fn of(c: &'a Cookie) -> CookieOut<'a> {
        CookieOut {
            name: c.name(),
            value: c.value(),
            domain: &c.domain,
            host_only: c.host_only,
            path: &c.path,
            expires: c.expires.map(time_text),
            creation: time_text(c.creation),
            last_access: time_text(c.last_access),
            secure: c.secure,
            http_only: c.http_only,
            same_site: same_site_name(c.same_site),
            partitioned: c.partitioned,
            version: c.legacy.version,
            port: c.legacy.port(),
            port_specified: c.legacy.port_specified,
            value_absent: c.legacy.value_absent,
            comment: c.legacy.comment(),
            comment_url: c.legacy.comment_url(),
            discard: c.legacy.discard,
            rfc2109: c.legacy.rfc2109,
            path_specified: c.legacy.path_specified,
            domain_initial_dot: c.legacy.domain_initial_dot,
            other_attributes: c
                .legacy
                .rest()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_deref()))
                .collect(),
        }
    }
}

/// Playwright's `storageState`: the cookies, then the other keys of the
/// file it replaces as they were (`origins`, each origin's local
/// storage, and any other), or `origins: []` where it had none.
struct StorageStateOut<'a> {
    cookies: Records<'a, StateCookieOut<'a>>,
    rest: Option<&'a StorageRest>,
}

impl Serialize for StorageStateOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let rest = self.rest.map_or(&[][..], |r| &r.keys[..]);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("cookies", &self.cookies)?;
        for (key, value) in rest {
            map.serialize_entry(key, value)?;
        }
        if !rest.iter().any(|(key, _)| key == "origins") {
            map.serialize_entry("origins", &[(); 0])?;
        }
        map.end()
    }
}

/// The top-level keys of a `storageState` file but `cookies`, in order,
/// each with its value as written (a key given twice: its last value);
/// and the cookie records of the file that a save over it carries over
/// as they were, since the jar could not hold them (an HTTPie session's
/// cookies without a domain).
#[derive(Debug, Default)]
pub(crate) struct StorageRest {
    keys: Vec<(String, Box<RawValue>)>,
    pub(super) carried: Vec<serde_json::Value>,
}

impl StorageRest {
    /// The keys and their values, in order.
    pub(super) fn entries(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.keys.iter().map(|(k, v)| (k.as_str(), &**v))
    }
}

impl<'de> Deserialize<'de> for StorageRest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = StorageRest;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<StorageRest, A::Error> {
                let mut rest: Vec<(String, Box<RawValue>)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Box<RawValue>>()? {
                    if key == "cookies" {
                        continue;
                    }
                    match rest.iter_mut().find(|(k, _)| *k == key) {
                        Some(kept) => kept.1 = value,
                        None => rest.push((key, value)),
                    }
                }
                Ok(StorageRest {
                    keys: rest,
                    carried: Vec::new(),
                })
            }
        }
        d.deserialize_map(Keys)
    }
}

/// What a save over the Playwright `storageState` `existing` keeps of it
/// besides the cookies: its other top-level keys (`origins`, each
/// origin's local storage), as written. `None` for a file that is not a
/// JSON object.
pub(crate) fn storage_state_rest(existing: &[u8]) -> Option<StorageRest> {
    serde_json::from_slice(super::strip_bom(existing)).ok()
}

/// A cookie of Playwright's `storageState`, as `BrowserContext.cookies()`
/// gives it and `BrowserContext.addCookies()` takes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StateCookieOut<'a> {
    name: &'a str,
    value: &'a str,
    /// With a leading dot for a domain cookie, without for a host-only
    /// one.
    domain: DottedDomain<'a>,
    path: &'a str,
    /// Unix seconds; -1 for a session cookie.
    expires: i64,
    http_only: bool,
    secure: bool,
    /// Absent for a cookie without `SameSite`: each browser then applies
    /// its own default.
    #[serde(skip_serializing_if = "Option::is_none")]
    same_site: Option<&'static str>,
}

impl<'a> StateCookieOut<'a> {
    fn of(c: &'a Cookie) -> StateCookieOut<'a> {
        let (name, value) = browser_name_value(c);
        StateCookieOut {
            name,
            value,
            domain: DottedDomain(&c.domain, !c.host_only),
            path: &c.path,
            expires: browser_expiry(c).unwrap_or(-1),
            http_only: c.http_only,
            secure: c.secure,
            same_site: browser_same_site(c),
        }
    }
}

/// A cookie as WebDriver serializes one (W3C WebDriver §14), in
/// geckodriver's order of keys.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebDriverCookieOut<'a> {
    name: &'a str,
    value: &'a str,
    path: &'a str,
    /// With a leading dot for a domain cookie, without for a host-only
    /// one.
    domain: DottedDomain<'a>,
    secure: bool,
    http_only: bool,
    /// Unix seconds; absent for a session cookie.
    #[serde(skip_serializing_if = "Option::is_none")]
    expiry: Option<i64>,
    /// Absent for a cookie without `SameSite`: each browser then applies
    /// its own default.
    #[serde(skip_serializing_if = "Option::is_none")]
    same_site: Option<&'static str>,
}

impl<'a> WebDriverCookieOut<'a> {
    fn of(c: &'a Cookie) -> WebDriverCookieOut<'a> {
        let (name, value) = browser_name_value(c);
        WebDriverCookieOut {
            name,
            value,
            path: &c.path,
            domain: DottedDomain(&c.domain, !c.host_only),
            secure: c.secure,
            http_only: c.http_only,
            expiry: browser_expiry(c),
            same_site: browser_same_site(c),
        }
    }
}

/// A cookie's name and value as a browser keeps them: a cookie set
/// without `=` is sent as its name alone, which a browser keeps as a
/// value without a name.
pub(super) fn browser_name_value(c: &Cookie) -> (&str, &str) {
    match c.legacy.value_absent {
        true => ("", c.name()),
        false => (c.name(), c.value()),
    }
}

/// A persistent cookie's expiry in Unix seconds, as browser tools write
/// it: one before 1970 as 0, which has passed too (a negative one would
/// read back as a session cookie).
fn browser_expiry(c: &Cookie) -> Option<i64> {
    c.expires.map(|t| t.secs().max(0))
}

/// A cookie's `SameSite` as browser tools write it: `None` (absent) for
/// a cookie without the attribute.
fn browser_same_site(c: &Cookie) -> Option<&'static str> {
    match c.same_site {
        SameSite::Default => None,
        SameSite::None => Some("None"),
        SameSite::Lax => Some("Lax"),
        SameSite::Strict => Some("Strict"),
    }
}

/// A domain, with a leading dot when the flag says so.
struct DottedDomain<'a>(&'a str, bool);

impl Serialize for DottedDomain<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            true => s.collect_str(&format_args!(".{}", self.0)),
            false => s.serialize_str(self.0),
        }
    }
}

/// A cookie serializes as its record in a JSON cookie file (the schema of
/// the [module docs](self)), with any serde format but TOML, which has
/// no null (`tests/serde_formats.rs` round-trips JSON, CBOR, MessagePack
/// as arrays and as maps, RON and bincode).
impl serde::Serialize for Cookie {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        CookieOut::of(self).serialize(s)
    }
}

/// A cookie deserializes from its record in a JSON cookie file: absent
/// keys take their defaults, and absent times the system clock's now (as
/// [`Cookie::builder`] gives them). A record held as a sequence (by a
/// format that is not self-describing, such as bincode or postcard, or
/// MessagePack's arrays) has every field, in the order
/// [`Serialize`](serde::Serialize) writes them.
impl<'de> serde::Deserialize<'de> for Cookie {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Cookie, D::Error> {
        use crate::clock::{Clock, SystemClock};
        // serde's message for a value of another type quotes it (``invalid
        // type: integer `8675309` ``), in any format: cut to its kind.
        let cut = |e: D::Error| {
            let cut = crate::json_scan::message_without_input(&e);
            match cut == e.to_string() {
                true => e,
                false => serde::de::Error::custom(cut),
            }
        };
        let record = d
            .deserialize_struct("Cookie", COOKIE_FIELDS, RecordVisitor)
            .map_err(cut)?;
        let now = UnixTime::from_unix_nanos(SystemClock.now_unix_nanos());
        to_cookie(record, now).map_err(serde::de::Error::custom)
    }
}

/// A same-site value's name in a JSON cookie file.
fn same_site_name(s: SameSite) -> &'static str {
    match s {
        SameSite::Default => "default",
        SameSite::None => "none",
        SameSite::Lax => "lax",
        SameSite::Strict => "strict",
    }
}

/// A same-site value serializes as it is named in a JSON cookie file:
/// `default`, `none`, `lax` or `strict` (where `Display` writes the
/// attribute's form, `Lax`).
impl serde::Serialize for SameSite {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(same_site_name(*self))
    }
}

/// A same-site value deserializes from the names a JSON cookie file
/// reads, in any case and between white space (as `FromStr` reads
/// them): `default`, `none`, `lax`, `strict`, and the WebExtensions'
/// `unspecified` and `no_restriction`.
impl<'de> serde::Deserialize<'de> for SameSite {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SameSite, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        same_site_named(Some(name.trim()), "SameSite value").map_err(serde::de::Error::custom)
    }
}

/// A format serializes as its [name](Format::name) (`mozilla`).
impl serde::Serialize for super::Format {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A format deserializes from any name [`Format::from_str`] reads
/// (`mozilla`, `netscape`, `tough_cookie`...).
///
/// [`Format::from_str`]: super::Format#method.from_str
impl<'de> serde::Deserialize<'de> for super::Format {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<super::Format, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Deserialize)]
struct FileIn<'a> {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<VersionIn>,
    /// tough-cookie's (`MemoryCookieStore`, ...; `null` too).
    #[serde(default, rename = "storeType")]
    store_type: Present,
    #[serde(borrow)]
    cookies: Vec<&'a RawValue>,
}

/// A JSON object's entries, in the file's order.
pub(super) struct Entries<V>(pub(super) Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// Whether a key is there, whatever its value (`null` included).
#[derive(Default)]
struct Present(bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Present(true))
    }
}

/// A file's `version`: this crate's schema's number, or tough-cookie's
/// `"tough-cookie@6.1.0"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum VersionIn {
    Number(u64),
    Text(String),
}

/// A time: RFC 3339 text, or Unix seconds.
enum TimeIn {
    Text(String),
    Unix(i64),
}

/// A value a record's field may hold bare or as an option (RON writes
/// `Some(..)` where a field is an `Option`; the writer's times but
/// `expires`, and its `same_site`, are not), or not at all (`null`, or
/// the key left out: `Maybe(None)`), in any self-describing format.
struct Maybe<T>(Option<T>);

impl<T> Default for Maybe<T> {
    fn default() -> Self {
        Maybe(None)
    }
}

/// What a [`Maybe`] takes: text, and for some, an integer.
trait Scalar: Sized {
    /// What a reader expects, for its errors.
    const EXPECTING: &'static str;
    fn text(s: String) -> Self;
    /// `None`: no integer is such a value.
    fn integer(i: i64) -> Option<Self>;
}

/// RFC 3339 text or Unix seconds.
impl Scalar for TimeIn {
    const EXPECTING: &'static str = "a time (RFC 3339 text or Unix seconds)";
    fn text(s: String) -> Self {
        TimeIn::Text(s)
    }
    fn integer(i: i64) -> Option<Self> {
        Some(TimeIn::Unix(i))
    }
}

impl Scalar for String {
    const EXPECTING: &'static str = "a string";
    fn text(s: String) -> Self {
        s
    }
    fn integer(_: i64) -> Option<Self> {
        None
    }
}

impl<'de, T: Scalar> Deserialize<'de> for Maybe<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected};
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Scalar> serde::de::Visitor<'de> for Visit<T> {
            type Value = Maybe<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(T::EXPECTING)
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Maybe<T>, E> {
                Ok(Maybe(Some(T::text(v.to_owned()))))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Maybe<T>, E> {
                Ok(Maybe(Some(T::text(v))))
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<Maybe<T>, E> {
                match T::integer(v) {
                    Some(t) => Ok(Maybe(Some(t))),
                    None => Err(E::invalid_type(Unexpected::Signed(v), &self)),
                }
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<Maybe<T>, E> {
                match i64::try_from(v).ok().and_then(T::integer) {
                    Some(t) => Ok(Maybe(Some(t))),
                    None => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
                }
            }
            fn visit_none<E: Error>(self) -> Result<Maybe<T>, E> {
                Ok(Maybe(None))
            }
            fn visit_unit<E: Error>(self) -> Result<Maybe<T>, E> {
                Ok(Maybe(None))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Maybe<T>, D::Error> {
                d.deserialize_any(self)
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

/// The fields of a cookie's record, in the order [`CookieOut`] writes
/// them (a format that is not self-describing reads them by count).
const COOKIE_FIELDS: &[&str] = &[
    "name",
    "value",
    "domain",
    "host_only",
    "path",
    "expires",
    "creation",
    "last_access",
    "secure",
    "http_only",
    "same_site",
    "partitioned",
    "version",
    "port",
    "port_specified",
    "value_absent",
    "comment",
    "comment_url",
    "discard",
    "rfc2109",
    "path_specified",
    "domain_initial_dot",
    "other_attributes",
];

/// A cookie's record by its shape: a map of keys (JSON, CBOR, RON, YAML,
/// MessagePack's maps), read as JSON's records are, keys left out taking
/// their defaults; or a sequence, as a format that is not
/// self-describing (bincode, postcard) or MessagePack's arrays hold it,
/// every field in [`CookieOut`]'s order.
struct RecordVisitor;

impl<'de> serde::de::Visitor<'de> for RecordVisitor {
    type Value = CookieIn;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a cookie record")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<CookieIn, A::Error> {
        CookieIn::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<CookieIn, A::Error> {
        CookieInOrder::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
            .map(CookieIn::from)
    }
}

fn yes() -> bool {
    true
}

fn root() -> String {
    "/".to_owned()
}

#[derive(Deserialize)]
struct CookieIn {
    name: String,
    #[serde(default)]
    value: String,
    domain: String,
    #[serde(default = "yes")]
    host_only: bool,
    #[serde(default = "root")]
    path: String,
    #[serde(default)]
    expires: Maybe<TimeIn>,
    #[serde(default)]
    creation: Maybe<TimeIn>,
    #[serde(default)]
    last_access: Maybe<TimeIn>,
    #[serde(default)]
    secure: bool,
    #[serde(default)]
    http_only: bool,
    #[serde(default)]
    same_site: Maybe<String>,
    #[serde(default)]
    partitioned: bool,
    #[serde(default)]
    version: Option<u32>,
    #[serde(default)]
    port: Option<String>,
    #[serde(default)]
    port_specified: bool,
    #[serde(default)]
    value_absent: bool,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    comment_url: Option<String>,
    #[serde(default)]
    discard: bool,
    #[serde(default)]
    rfc2109: bool,
    #[serde(default)]
    path_specified: bool,
    #[serde(default)]
    domain_initial_dot: bool,
    #[serde(default)]
    other_attributes: Vec<(String, Option<String>)>,
}

/// A cookie's record as [`CookieOut`] writes it, every field in order
/// and none left out: how a sequence holds it (see [`RecordVisitor`]).
#[derive(Deserialize)]
struct CookieInOrder {
    name: String,
    value: String,
    domain: String,
    host_only: bool,
    path: String,
    expires: Option<String>,
    creation: String,
    last_access: String,
    secure: bool,
    http_only: bool,
    same_site: String,
    partitioned: bool,
    version: Option<u32>,
    port: Option<String>,
    port_specified: bool,
    value_absent: bool,
    comment: Option<String>,
    comment_url: Option<String>,
    discard: bool,
    rfc2109: bool,
    path_specified: bool,
    domain_initial_dot: bool,
    other_attributes: Vec<(String, Option<String>)>,
}

impl From<CookieInOrder> for CookieIn {
    fn from(c: CookieInOrder) -> CookieIn {
        let time = |t: String| Maybe(Some(TimeIn::Text(t)));
        CookieIn {
            name: c.name,
            value: c.value,
            domain: c.domain,
            host_only: c.host_only,
            path: c.path,
            expires: Maybe(c.expires.map(TimeIn::Text)),
            creation: time(c.creation),
            last_access: time(c.last_access),
            secure: c.secure,
            http_only: c.http_only,
            same_site: Maybe(Some(c.same_site)),
            partitioned: c.partitioned,
            version: c.version,
            port: c.port,
            port_specified: c.port_specified,
            value_absent: c.value_absent,
            comment: c.comment,
            comment_url: c.comment_url,
            discard: c.discard,
            rfc2109: c.rfc2109,
            path_specified: c.path_specified,
            domain_initial_dot: c.domain_initial_dot,
            other_attributes: c.other_attributes,
        }
    }
}

fn time_text(t: UnixTime) -> String {
    let mut s = String::new();
    push_time(&mut s, t.to_datetime(), 'T', true);
    s
}

/// Writes cookies as a JSON cookie file (schema version 1, see the
/// [module docs](self)), leaving out a cookie without a domain (see
/// [`Unwritable`](super::Unwritable)).
///
/// # Errors
///
/// With [`Unwritable::Fail`](super::Unwritable::Fail), an
/// [`Unsupported`](crate::ErrorKind::Unsupported) error for a cookie
/// without a domain; an [`Io`](crate::ErrorKind::Io) error from `out`.
pub fn write(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let (kept, report) = writable(cookies, options, now, |_| None::<&str>)?;
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        cookies: Records(kept, CookieOut::of),
    };
    write_json(&file, out)?;
    Ok(report)
}

/// Writes cookies as Playwright's `storageState` (see [Playwright's
/// storage state](self#playwrights-storage-state)), leaving out a
/// cookie without a domain, with `Partitioned`, or limited to ports
/// (see [`Unwritable`](super::Unwritable)).
///
/// # Errors
///
/// As [`write()`], and with [`Unwritable::Fail`](super::Unwritable::Fail)
/// for a partitioned or port-limited cookie.
pub fn write_storage_state(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    write_storage_state_keeping(cookies, options, now, None, out)
}

/// [`write_storage_state`], with the other keys of a file it replaces
/// (see [`storage_state_rest`]).
pub(crate) fn write_storage_state_keeping(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    rest: Option<&StorageRest>,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let (kept, report) = writable(cookies, options, now, browser_refusal)?;
    let file = StorageStateOut {
        cookies: Records(kept, StateCookieOut::of),
        rest,
    };
    write_json(&file, out)?;
    Ok(report)
}

/// Writes cookies as WebDriver gives them (see [WebDriver's
/// cookies](self#webdrivers-cookies)), leaving out a cookie without a
/// domain, with `Partitioned`, or limited to ports (see
/// [`Unwritable`](super::Unwritable)).
///
/// # Errors
///
/// As [`write_storage_state`].
pub fn write_webdriver(
    cookies: &[Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    out: &mut dyn Write,
) -> Result<SaveReport, Error> {
    let (kept, report) = writable(cookies, options, now, browser_refusal)?;
    write_json(&Records(kept, WebDriverCookieOut::of), out)?;
    Ok(report)
}

/// Why a browser tool's file (a `storageState`, WebDriver's cookies)
/// cannot hold `c`, if it cannot: it has no partition key, and no
/// ports.
pub(super) fn browser_refusal(c: &Cookie) -> Option<&'static str> {
    if c.partitioned {
        Some("it is partitioned, and the file would need its partition key, which is not kept")
    } else if super::port_limited(c) {
        Some("it is limited to ports (RFC 2965 Port), which the file cannot hold")
    } else {
        None
    }
}

/// [`writable`], for a file of `tool`'s that holds one cookie per
/// domain, path and name (see [`Newest`]): the cookies `unwritable`
/// refuses, and the older of a key's, are left out.
pub(super) fn writable_once_per_key<'c>(
    cookies: &'c [Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    unwritable: impl Fn(&Cookie) -> Option<&'static str>,
    tool: &'static str,
) -> Result<(Vec<&'c Cookie>, SaveReport), Error> {
    /// Why a cookie is left out.
    enum Why {
        Unwritable(&'static str),
        /// A newer cookie of its key is written, by the tool named.
        Shadowed(&'static str),
    }
    impl std::fmt::Display for Why {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                Why::Unwritable(why) => f.write_str(why),
                Why::Shadowed(tool) => write!(
                    f,
                    "{tool} holds one cookie per domain, path and name, and a newer one is written"
                ),
            }
        }
    }
    let newest = Newest::of(cookies, options, now, |c| unwritable(c).is_none());
    writable(cookies, options, now, |c| match unwritable(c) {
        Some(why) => Some(Why::Unwritable(why)),
        None => newest.shadows(c).then_some(Why::Shadowed(tool)),
    })
}

/// Of the cookies a save keeps that share a domain, path and name (a
/// host's host-only cookie and its domain cookie, two cookies in RFC
/// 6265bis §5.7), the newest that a file can hold (the last of equals):
/// for the files that key their cookies so (cookie_store's,
/// tough-cookie's), and keep the last read of a key.
struct Newest<'c>(HashMap<Key<'c>, &'c Cookie, foldhash::fast::RandomState>);

type Key<'c> = (&'c str, &'c str, &'c str);

/// The key a file files `c` under: its name as browsers keep it (a
/// cookie set without `=` is nameless there).
fn key(c: &Cookie) -> Key<'_> {
    (&c.domain, &c.path, browser_name_value(c).0)
}

impl<'c> Newest<'c> {
    /// The newest cookie of each key held twice, of those of `cookies`
    /// that `options` keeps at `now` and the file can hold (`holds`, and
    /// [`holds`]).
    fn of(
        cookies: &'c [Cookie],
        options: &SaveOptions,
        now: OffsetDateTime,
        file_holds: impl Fn(&Cookie) -> bool,
    ) -> Newest<'c> {
        // Keys are counted first: only a key held twice needs its
        // cookies judged here (before `writable` judges them all).
        let mut count: HashMap<Key<'_>, u32, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(cookies.len(), Default::default());
        for c in super::to_save(cookies, options, now) {
            *count.entry(key(c)).or_default() += 1;
        }
        let mut newest: HashMap<Key<'_>, &Cookie, foldhash::fast::RandomState> = HashMap::default();
        let twins = |c: &&Cookie| count.get(&key(c)).is_some_and(|&n| n > 1);
        for c in super::to_save(cookies, options, now).filter(twins) {
            if holds(c) && file_holds(c) {
                match newest.get(&key(c)) {
                    Some(n) if n.creation > c.creation => {}
                    _ => {
                        newest.insert(key(c), c);
                    }
                }
            }
        }
        Newest(newest)
    }

    /// Whether a newer cookie of `c`'s key is written instead of it.
    fn shadows(&self, c: &Cookie) -> bool {
        self.0.get(&key(c)).is_some_and(|n| !std::ptr::eq(*n, c))
    }
}

/// Whether a JSON file can hold `c` (see [`writable`]), before the
/// format's own refusals.
pub(super) fn holds(c: &Cookie) -> bool {
    !c.domain.starts_with('.') && super::check_writable(c, WHAT).is_ok()
}

/// The cookies of `cookies` that `options` keeps and a JSON file can
/// hold: a domain, no control character, no leading dot in the domain
/// (the reader drops one, as the builder does), and nothing `refuse`
/// names; the others are reported or fail the save, as `options` say.
pub(super) fn writable<'c, R: std::fmt::Display>(
    cookies: &'c [Cookie],
    options: &SaveOptions,
    now: OffsetDateTime,
    refuse: impl Fn(&Cookie) -> Option<R>,
) -> Result<(Vec<&'c Cookie>, SaveReport), Error> {
    let mut report = SaveReport::default();
    let mut kept = Vec::new();
    for c in to_save(cookies, options, now) {
        let why = match c.domain.starts_with('.') {
            true => Some("the domain starts with a dot".to_owned()),
            false => refuse(c).map(|why| why.to_string()),
        };
        let fits = super::check_writable(c, WHAT).and_then(|()| match why {
            Some(why) => Err(Error::unsupported(
                WHAT,
                format!("cannot write cookie {:?}: {why}", c.name()),
            )),
            None => Ok(()),
        });
        match fits {
            Ok(()) => kept.push(c),
            Err(e) => report.unwritable(c, e, options)?,
        }
    }
    Ok((kept, report))
}

/// Writes `file` as pretty JSON and a line break, as it is serialized:
/// the text of a large jar is not held whole.
pub(super) fn write_json(file: &impl Serialize, out: &mut dyn Write) -> Result<(), Error> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut w, file).map_err(write_error)?;
    w.write_all(b"\n")
        .and_then(|()| w.flush())
        .map_err(|e| Error::io(None, e))
}

/// A `serde_json` error while writing: the output's I/O error, or (never
/// for the records written here) a value JSON cannot hold.
pub(super) fn write_error(e: serde_json::Error) -> Error {
    match e.is_io() {
        true => Error::io(None, e.into()),
        false => Error::unsupported(WHAT, e.to_string()),
    }
}

/// A `serde_json` error as a syntax error, its position as the line.
pub(super) fn json_error(e: &serde_json::Error, first_line: u64) -> Error {
    json_error_in(WHAT, e, first_line)
}

/// [`json_error`], for a file that errors call `what`.
pub(super) fn json_error_in(what: &'static str, e: &serde_json::Error, first_line: u64) -> Error {
    let line = (e.line() > 0).then(|| first_line + e.line() as u64 - 1);
    let message = match e.column() {
        // A JSON file is often one long line.
        0 => crate::json_scan::error_message(e),
        column => format!(
            "{} at byte {column} of the line",
            crate::json_scan::error_message(e)
        ),
    };
    Error::syntax(what, line, message)
}

/// Reads a JSON cookie file (schema version 1, see the [module
/// docs](self)).
///
/// # Errors
///
/// A [`Syntax`](crate::ErrorKind::Syntax) error for a file that is not
/// JSON (with the line), or has no `"format": "cookiejar"`, `version` or
/// `cookies`; an [`Unsupported`](crate::ErrorKind::Unsupported) error for
/// a version other than 1. In strict mode (the default), a syntax error
/// with the line of the first cookie that does not fit the schema.
pub fn read(input: &[u8], options: &LoadOptions, now: OffsetDateTime) -> Result<Loaded, Error> {
    super::read(input, Format::Json, options, now)
}

/// [`read`], with each cookie kept going to `sink`.
pub(crate) fn read_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let text = text_of(input)?;
    let start = text.find(|c: char| !c.is_ascii_whitespace());
    let array = start.is_some_and(|s| text[s..].starts_with('['));
    if let Some(start) = start.filter(|&s| !array && !text[s..].starts_with('{')) {
        let line = 1 + text[..start].matches('\n').count();
        return Err(Error::syntax(
            WHAT,
            Some(line as u64),
            "expected a json object or array",
        ));
    }
    // The cookies are kept as slices of `text` until each is read: a
    // parsed tree of the whole file would take several kilobytes a cookie.
    // cookie_store's array, in one pass when every record reads.
    if array && text.contains("\"raw_cookie\"") {
        if let Some(read) = cookie_store::read_array(text, sink) {
            return read;
        }
    }
    let (cookies, shape) = if array {
        // A browser export (Cookie-Editor, EditThisCookie, Puppeteer), or
        // cookie_store's array.
        let cookies: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| json_error(&e, 1))?;
        let shape = match cookies.first() {
            Some(first) if cookie_store::is_record(first.get()) => Shape::CookieStore,
            Some(first) if super::is_guzzle(&super::top_keys(first.get().as_bytes())) => {
                Shape::Guzzle
            }
            _ => Shape::Browser,
        };
        (cookies, shape)
    } else if let Some(read) = cookie_store::read_lines_if(text, sink) {
        return read;
    } else {
        let file: FileIn<'_> = serde_json::from_str(text).map_err(|e| json_error(&e, 1))?;
        let shape = file_shape(file.format, file.version, file.store_type.0)?;
        (file.cookies, shape)
    };
    // The line where each cookie starts.
    let mut lines = LineCounter::new(text);
    for (n, raw) in cookies.into_iter().enumerate() {
        sink.at_record(n + 1);
        let record = raw.get();
        let line = lines.line_of(record);
        if !record.starts_with('{') {
            sink.refuse(line, "expected a json object")?;
            continue;
        }
        let cookie = match shape {
            Shape::Cookiejar => read_record(record).and_then(|c| to_cookie(c, sink.now_time)),
            Shape::Browser => match read_record::<BrowserIn>(record) {
                Ok(c) if c.other_partition() => {
                    sink.leave_out_context();
                    continue;
                }
                Ok(c) => browser_cookie(c, sink.now_time),
                Err(e) => Err(e),
            },
            Shape::CookieStore => {
                read_record(record).and_then(|c| cookie_store::cookie_of(c, sink.now_time))
            }
            Shape::Guzzle => super::guzzle::cookie_of(record, sink.now_time),
            Shape::ToughCookie(from) => {
                super::tough_cookie::read_one(record, line, from, |_| {}, sink)?;
                continue;
            }
        };
        match cookie {
            Ok(cookie) => sink.push(line, cookie),
            Err(message) => sink.refuse(line, message)?,
        }
    }
    Ok(())
}

/// A writer of JSON text that escapes what serde_json writes as it is,
/// as other tools' encoders escape it: `/` as `\/` (PHP's `json_encode`,
/// Guzzle's files), each character past ASCII as `\uXXXX`, a surrogate
/// pair past U+FFFF (Python's `json.dump`, HTTPie's files). JSON text
/// holds such bytes only in strings, which serde_json writes whole, so a
/// character is never cut between two calls; bytes that are not UTF-8
/// go through as they are.
pub(super) struct Escaping<W> {
    out: W,
    slashes: bool,
    non_ascii: bool,
}

impl<W: Write> Escaping<W> {
    /// Escapes slashes (PHP's `json_encode`).
    pub(super) fn slashes(out: W) -> Self {
        Escaping {
            out,
            slashes: true,
            non_ascii: false,
        }
    }

    /// Escapes characters past ASCII (Python's `json.dump`).
    pub(super) fn non_ascii(out: W) -> Self {
        Escaping {
            out,
            slashes: false,
            non_ascii: true,
        }
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let escaped = |b: &u8| (self.slashes && *b == b'/') || (self.non_ascii && !b.is_ascii());
        let mut rest = buf;
        while let Some(at) = rest.iter().position(escaped) {
            self.out.write_all(&rest[..at])?;
            rest = &rest[at..];
            if rest[0] == b'/' {
                self.out.write_all(b"\\/")?;
                rest = &rest[1..];
                continue;
            }
            let len = match rest[0] {
                0xf0.. => 4,
                0xe0.. => 3,
                _ => 2,
            };
            let c = rest
                .get(..len)
                .and_then(|b| std::str::from_utf8(b).ok())
                .and_then(|s| s.chars().next());
            match c {
                Some(c) => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        write!(self.out, "\\u{unit:04x}")?;
                    }
                    rest = &rest[len..];
                }
                None => {
                    self.out.write_all(&rest[..1])?;
                    rest = &rest[1..];
                }
            }
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The line of `text` where `record`, a slice of it, starts.
pub(super) fn line_of(text: &str, record: &str) -> u64 {
    LineCounter::new(text).line_of(record)
}

/// Line numbers of places in a text, counted on from the last place
/// asked for, so that the records of a file, asked for in order, cost one
/// scan of it in all (counting each from the start cost a file of n
/// records n scans: 8.5 s for a 4 MB HTTPie session). A place before the
/// last one is counted from the start.
pub(super) struct LineCounter<'t> {
    text: &'t str,
    /// The last place asked for, and its line.
    at: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line of byte `at` of the text (its end, past it).
    pub(super) fn line_at(&mut self, at: usize) -> u64 {
        let at = at.min(self.text.len());
        if at < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += crate::bytes::count(&self.text.as_bytes()[self.at..at], b'\n') as u64;
        self.at = at;
        self.line
    }

    /// The line where `record`, a slice of the text, starts (line 1 for
    /// a string that is not a slice of it).
    pub(super) fn line_of(&mut self, record: &str) -> u64 {
        self.line_at(offset_in(self.text, record).unwrap_or(0))
    }
}

/// The text of a JSON file, without a byte order mark.
pub(super) fn text_of(input: &[u8]) -> Result<&str, Error> {
    let input = super::strip_bom(input);
    std::str::from_utf8(input).map_err(|e| {
        let line = 1 + crate::bytes::count(&input[..e.valid_up_to()], b'\n');
        Error::syntax(WHAT, Some(line as u64), "file is not valid UTF-8")
    })
}

/// [`Format::CookieStoreLines`](super::Format::CookieStoreLines): a
/// record a line, whatever the first line holds (one cut short
/// included), as cookie_store's `load_json` reads; an array is read as
/// [`read_into`] reads it.
pub(crate) fn read_lines_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let text = text_of(input)?;
    match text.trim_ascii_start().starts_with('[') {
        true => read_into(input, sink),
        false => cookie_store::read_lines(text, sink),
    }
}

/// A cookie record. One with a key twice, which a direct read refuses,
/// is read through a map, the last value winning, as JSON readers (and
/// this one before records were read one by one) take it.
pub(super) fn read_record<'de, T: Deserialize<'de>>(record: &'de str) -> Result<T, String> {
    match serde_json::from_str(record) {
        Ok(r) => Ok(r),
        Err(e) if e.to_string().starts_with("duplicate field") => {
            serde_json::from_str::<serde_json::Value>(record)
                .and_then(T::deserialize)
                .map_err(|e| crate::json_scan::error_message(&e))
        }
        Err(e) => Err(record_message(record, &e)),
    }
}

/// The message of an error in reading `record`, naming the key whose
/// value is wrong (`expiry: invalid type: ...`): `serde_json` places a
/// value's error just past the value, and names no key.
fn record_message(record: &str, e: &serde_json::Error) -> String {
    let message = crate::json_scan::error_message(e);
    let about_a_value = [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
    ]
    .iter()
    .any(|p| message.starts_with(p));
    if !about_a_value || e.line() == 0 {
        return message;
    }
    // The byte offset of the error's line and column (both from 1).
    let line_start = match e.line().checked_sub(2) {
        Some(breaks) => record
            .match_indices('\n')
            .nth(breaks)
            .map_or(0, |(i, _)| i + 1),
        None => 0,
    };
    let at = line_start + e.column();
    match crate::json_scan::key_at(record, at) {
        Some(key) => format!("{key}: {message}"),
        None => message,
    }
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (at + part.len() <= text.len()).then_some(at)
}

/// Which records a JSON file holds.
#[derive(Clone, Copy)]
enum Shape {
    /// This crate's schema.
    Cookiejar,
    /// A browser's or browser tool's cookie objects.
    Browser,
    /// cookie_store's records.
    CookieStore,
    /// Guzzle's `SetCookie` arrays.
    Guzzle,
    /// tough-cookie's, whose `maxAge` counts as its version says.
    ToughCookie(super::tough_cookie::MaxAgeFrom),
}

/// The records of a JSON object with `cookies`: this crate's schema when
/// `format` says so (in a version this module reads), tough-cookie's
/// when its `version` or `storeType` says so, a browser tool's when
/// there is no `format` (Playwright's `storageState`).
fn file_shape(
    format: Option<String>,
    version: Option<VersionIn>,
    store_type: bool,
) -> Result<Shape, Error> {
    use super::tough_cookie::{MaxAgeFrom, VERSION_PREFIX};
    let version = match version {
        Some(VersionIn::Text(v)) if format.is_none() => {
            if store_type || v.starts_with(VERSION_PREFIX) {
                return Ok(Shape::ToughCookie(MaxAgeFrom::of(Some(&v))));
            }
            return Ok(Shape::Browser);
        }
        Some(VersionIn::Text(v)) => {
            return Err(Error::unsupported(
                WHAT,
                format!("schema version {v:?} is not supported (this crate reads version 1)"),
            ))
        }
        Some(VersionIn::Number(v)) => Some(v),
        None => None,
    };
    let Some(format) = format else {
        return Ok(match store_type {
            true => Shape::ToughCookie(MaxAgeFrom::of(None)),
            false => Shape::Browser,
        });
    };
    if format != FORMAT {
        return Err(Error::syntax(
            WHAT,
            None,
            format!("\"format\" is {format:?}, not \"cookiejar\""),
        ));
    }
    match version {
        Some(VERSION) => Ok(Shape::Cookiejar),
        Some(v) => Err(Error::unsupported(
            WHAT,
            format!("schema version {v} is not supported (this crate reads version 1)"),
        )),
        None => Err(Error::syntax(WHAT, None, "missing field `version`")),
    }
}

/// A cookie of a browser export: the WebExtensions `cookies.Cookie`
/// object (Chrome's and Firefox's extension API, which Cookie-Editor
/// and EditThisCookie export), WebDriver's (Selenium's), or
/// Puppeteer's and Playwright's cookie objects. Keys not read here (`storeId`, `id`, `priority`, `size`,
/// ...) are ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BrowserIn {
    name: String,
    #[serde(default)]
    value: String,
    domain: String,
    #[serde(default = "root")]
    path: String,
    /// WebExtensions; otherwise a domain without a leading dot is
    /// host-only (Puppeteer, Playwright).
    #[serde(default)]
    host_only: Option<bool>,
    /// WebExtensions: Unix seconds, with a fraction; absent for a
    /// session cookie.
    #[serde(default)]
    expiration_date: Option<f64>,
    /// WebDriver's (Selenium's `get_cookies()`): Unix seconds, an
    /// integer; absent for a session cookie.
    #[serde(default)]
    expiry: Option<f64>,
    /// Puppeteer and Playwright: Unix seconds; -1 for a session cookie.
    #[serde(default)]
    expires: Option<f64>,
    #[serde(default)]
    session: bool,
    #[serde(default)]
    secure: bool,
    #[serde(default)]
    http_only: bool,
    /// `no_restriction`, `lax`, `strict`, `unspecified` (WebExtensions);
    /// `None`, `Lax`, `Strict` (Puppeteer, Playwright).
    #[serde(default)]
    same_site: Option<String>,
    /// A partitioned (CHIPS) cookie's partition, in any form.
    #[serde(default)]
    partition_key: Option<serde_json::Value>,
}

impl BrowserIn {
    /// Whether the cookie is left out: partitioned under another
    /// site than its own (`partitionKey`: the WebExtensions' and
    /// Puppeteer's `{"topLevelSite": ..., "hasCrossSiteAncestor": ...}`,
    /// or Playwright's top-level site), or under a key of unknown shape:
    /// a jar has no partitions, and would send it to its site's own
    /// pages, where the browser sends it only within that site.
    fn other_partition(&self) -> bool {
        let Some(key) = self.partition_key.as_ref().filter(|k| !k.is_null()) else {
            return false;
        };
        let (site, cross) = match key {
            serde_json::Value::String(site) => (site.as_str(), false),
            serde_json::Value::Object(o) => (
                o.get("topLevelSite")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or(""),
                // Anything but `false` (or none) counts as a cross-site
                // ancestor: a `"true"` string included.
                o.get("hasCrossSiteAncestor").is_some_and(|v| {
                    !matches!(v, serde_json::Value::Bool(false) | serde_json::Value::Null)
                }),
            ),
            _ => ("", false),
        };
        let domain = self.domain.strip_prefix('.').unwrap_or(&self.domain);
        // A partition under an http site holds no secure cookie of an
        // https page's own.
        !super::own_partition(domain, site, cross, |scheme| {
            !(self.secure && scheme.eq_ignore_ascii_case("http"))
        })
    }
}

/// The same-site value a JSON file names (in `key`), in any case: this
/// crate's `default`, `none`, `lax`, `strict`, and the WebExtensions'
/// `unspecified` and `no_restriction`; absent is the default.
pub(super) fn same_site_named(name: Option<&str>, key: &str) -> Result<SameSite, String> {
    match name.map(str::to_ascii_lowercase).as_deref() {
        None | Some("default" | "unspecified") => Ok(SameSite::Default),
        Some("none" | "no_restriction") => Ok(SameSite::None),
        Some("lax") => Ok(SameSite::Lax),
        Some("strict") => Ok(SameSite::Strict),
        Some(other) => Err(format!("invalid {key} {other:?}")),
    }
}

/// Reads a browser export's cookie (see [`BrowserIn`]).
fn browser_cookie(c: BrowserIn, now: UnixTime) -> Result<Cookie, String> {
    let same_site = same_site_named(c.same_site.as_deref(), "sameSite")?;
    // Puppeteer's and Playwright's session cookie: `expires` of -1.
    let expires = c.expires.filter(|t| t.is_nan() || *t >= 0.0);
    let expiry = match (c.session, c.expiration_date.or(c.expiry).or(expires)) {
        (true, _) | (false, None) => None,
        (false, Some(t)) if t.is_nan() => return Err("invalid expiry: NaN".into()),
        // Seconds (the fraction dropped), saturated at i64.
        (false, Some(t)) => Some(UnixTime::from_secs(t.trunc() as i64)),
    };
    let initial_dot = c.domain.starts_with('.');
    Ok(Cookie {
        nv: NameValue::new(&c.name, &c.value),
        domain: c.domain.strip_prefix('.').unwrap_or(&c.domain).into(),
        host_only: c.host_only.unwrap_or(!initial_dot),
        path: c.path.into(),
        expires: expiry,
        creation: now,
        last_access: now,
        secure: c.secure,
        http_only: c.http_only,
        same_site,
        partitioned: c.partition_key.is_some_and(|k| !k.is_null()),
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            domain_initial_dot: initial_dot,
            ..LegacyParts::default()
        }
        .into(),
    })
}

fn to_time(t: TimeIn, key: &str) -> Result<UnixTime, String> {
    match t {
        TimeIn::Unix(secs) => Ok(UnixTime::from_secs(secs)),
        TimeIn::Text(s) => parse_iso(&s)
            .map(UnixTime::from)
            .ok_or_else(|| format!("invalid time {s:?} in `{key}`")),
    }
}

fn to_cookie(c: CookieIn, now: UnixTime) -> Result<Cookie, String> {
    let same_site = same_site_named(c.same_site.0.as_deref(), "same_site")?;
    Ok(Cookie {
        nv: NameValue::new(&c.name, &c.value),
        // The schema's domain has no leading dot; one is dropped, as the
        // builder drops it.
        domain: c.domain.strip_prefix('.').unwrap_or(&c.domain).into(),
        host_only: c.host_only,
        path: c.path.into(),
        expires: c.expires.0.map(|t| to_time(t, "expires")).transpose()?,
        creation: c
            .creation
            .0
            .map(|t| to_time(t, "creation"))
            .transpose()?
            .unwrap_or(now),
        last_access: c
            .last_access
            .0
            .map(|t| to_time(t, "last_access"))
            .transpose()?
            .unwrap_or(now),
        secure: c.secure,
        http_only: c.http_only,
        same_site,
        partitioned: c.partitioned,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            version: c.version,
            port: c.port,
            port_specified: c.port_specified,
            value_absent: c.value_absent,
            comment: c.comment,
            comment_url: c.comment_url,
            discard: c.discard,
            rfc2109: c.rfc2109,
            path_specified: c.path_specified,
            domain_initial_dot: c.domain_initial_dot,
            rest: c.other_attributes,
        }
        .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::LineCounter;

    /// Lines counted on, back from the start, and for a string that is
    /// not part of the text.
    #[test]
    fn line_counter_counts_on_and_back() {
        let text = "[\n{\"a\": 1},\n\n{\"b\": 2}\n]\n";
        let a = &text[2..10];
        let b = &text[13..21];
        assert_eq!((a, b), ("{\"a\": 1}", "{\"b\": 2}"));
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_of(a), 2);
        assert_eq!(lines.line_of(b), 4);
        assert_eq!(lines.line_of(b), 4);
        assert_eq!(lines.line_of(a), 2);
        assert_eq!(lines.line_at(text.len() + 10), 6);
        assert_eq!(lines.line_of("{\"b\": 2}"), 1);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(super::line_of(text, b), 4);
    }

    #[test]
    fn a_cookie_of_the_wrong_shape_is_refused_without_its_value() {
        for value in [
            "8675309",
            "86753.09",
            "true",
            r#"["SECRETVAL"]"#,
            r#"{"v": "SECRETVAL"}"#,
        ] {
            let record = format!(r#"{{"name": "sid", "value": {value}, "domain": "a.example"}}"#);
            let e = serde_json::from_str::<Cookie>(&record)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("invalid type: "), "{e}");
            assert!(e.matches(" at line ").count() <= 1, "{e}");
            // In a list, the position of the cookie at fault, once.
            let list = format!("[{record}]");
            let e = serde_json::from_str::<Vec<Cookie>>(&list)
                .unwrap_err()
                .to_string();
            assert!(!e.contains("8675309") && !e.contains("SECRETVAL"), "{e}");
            assert_eq!(e.matches(" at line ").count(), 1, "{e}");
            assert!(!e.contains("8675309") && !e.contains("SECRETVAL"), "{e}");
            let v: serde_json::Value = serde_json::from_str(&record).unwrap();
            let e = serde_json::from_value::<Cookie>(v).unwrap_err().to_string();
            assert!(!e.contains("8675309") && !e.contains("SECRETVAL"), "{e}");
        }
        let c: Cookie =
            serde_json::from_str(r#"{"name": "sid", "value": "a\"b", "domain": "a.example"}"#)
                .unwrap();
        assert_eq!(c.value(), "a\"b");
    }

    #[test]
    fn same_site_values_and_formats_serialize_by_name() {
        use crate::format::Format;
        for s in [
            SameSite::Default,
            SameSite::None,
            SameSite::Lax,
            SameSite::Strict,
        ] {
            let text = serde_json::to_string(&s).unwrap();
            assert_eq!(serde_json::from_str::<SameSite>(&text).unwrap(), s);
        }
        assert_eq!(serde_json::to_string(&SameSite::Lax).unwrap(), r#""lax""#);
        let read = |t: &str| serde_json::from_str::<SameSite>(t).map_err(|e| e.to_string());
        assert_eq!(read(r#""No_Restriction""#), Ok(SameSite::None));
        // What `FromStr` reads, too.
        for s in [
            SameSite::Default,
            SameSite::None,
            SameSite::Lax,
            SameSite::Strict,
        ] {
            let text = format!(" {s} ");
            assert_eq!(text.parse::<SameSite>(), Ok(s));
            assert_eq!(read(&serde_json::to_string(&text).unwrap()), Ok(s));
        }
        assert_eq!(
            read(r#""often""#),
            Err("invalid SameSite value \"often\"".to_owned())
        );
        assert!(read(r#""sometimes""#).is_err());
        for f in Format::ALL {
            let text = serde_json::to_string(&f).unwrap();
            assert_eq!(text, format!("\"{}\"", f.name()));
            assert_eq!(serde_json::from_str::<Format>(&text).unwrap(), f);
        }
        assert_eq!(
            serde_json::from_str::<Format>(r#""netscape""#).unwrap(),
            Format::Mozilla
        );
        assert!(serde_json::from_str::<Format>(r#""xml""#).is_err());
    }

    use super::super::{Retain, Strictness};
    use super::*;
    use crate::ErrorKind;

    fn keep_all() -> LoadOptions {
        LoadOptions::new()
            .session(Retain::Keep)
            .expired(Retain::Keep)
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap()
    }

    #[test]
    fn round_trips_every_field() {
        let t = OffsetDateTime::from_unix_timestamp_nanos(1_600_000_000_123_456_789).unwrap();
        let cookies = vec![
            Cookie::builder("sid", "a \"b\" \\ c\td")
                .domain(".example.com")
                .host_only(false)
                .path("/p")
                .path_specified(true)
                .expires(Some(t))
                .creation_time(t)
                .last_access_time(now())
                .secure(true)
                .http_only(true)
                .same_site(SameSite::Lax)
                .partitioned(true)
                .version(Some(1))
                .port(Some("80,8080".into()))
                .port_specified(true)
                .comment(Some("c".into()))
                .comment_url(Some("http://c/".into()))
                .discard(true)
                .rfc2109(true)
                .other_attribute("Priority", Some("High".into()))
                .other_attribute("Foo", None)
                .build(),
            Cookie::builder("bare", "")
                .domain("a.example")
                .value_absent(true)
                .expires(Some(
                    OffsetDateTime::from_unix_timestamp(-377_705_116_800).unwrap(),
                ))
                .build(),
        ];
        let mut out = Vec::new();
        let options = SaveOptions::new()
            .session(Retain::Keep)
            .expired(Retain::Keep);
        write(&cookies, &options, now(), &mut out).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(
            text.contains("\"expires\": \"2020-09-13T12:26:40.123456789Z\""),
            "{text}"
        );
        assert!(
            text.contains("\"expires\": \"-9999-01-01T00:00:00Z\""),
            "{text}"
        );
        assert!(
            text.contains("\"other_attributes\": [\n        [\n          \"Priority\""),
            "{text}"
        );
        let loaded = read(&out, &keep_all(), now()).unwrap();
        assert_eq!(loaded.cookies, cookies);
    }

    #[test]
    fn defaults_for_absent_keys() {
        let text = r#"{"format": "cookiejar", "version": 1, "future": true, "cookies": [
            {"name": "a", "domain": "a.example", "expires": 1900000000},
            {"name": "b", "domain": "b.example", "host_only": false, "same_site": "Strict",
             "creation": "2024-05-01T14:00:00+02:00"}
        ]}"#;
        let loaded = read(text.as_bytes(), &keep_all(), now()).unwrap();
        let [a, b] = &loaded.cookies[..] else {
            panic!()
        };
        assert_eq!((a.value(), a.path(), a.host_only()), ("", "/", true));
        assert_eq!(a.expires().map(|t| t.unix_timestamp()), Some(1_900_000_000));
        assert_eq!(a.creation_time(), now());
        assert!(!b.host_only());
        assert_eq!(b.same_site(), SameSite::Strict);
        assert_eq!(b.creation_time().unix_timestamp(), 1_714_564_800);
    }

    /// A cookie the jar could not send safely is skipped with its line,
    /// in strict mode too; an upper-case domain is read lower-cased, as
    /// the other formats read it.
    #[test]
    fn unsafe_cookies_are_skipped() {
        let text = "{\"format\": \"cookiejar\", \"version\": 1, \"cookies\": [\n\
                    {\"name\": \"a\", \"value\": \"1\\r\\nX-Injected: yes\", \"domain\": \"a.example\"},\n\
                    {\"name\": \"b\", \"value\": \"\\u0000\", \"domain\": \"a.example\"},\n\
                    {\"name\": \"up\", \"domain\": \"WWW.A.Example\"}\n]}";
        let loaded = read(text.as_bytes(), &keep_all(), now()).unwrap();
        let names: Vec<(&str, &str)> = loaded
            .cookies
            .iter()
            .map(|c| (c.name(), c.domain()))
            .collect();
        assert_eq!(names, [("up", "www.a.example")]);
        let issues = crate::format::skipped_lines(&loaded);
        assert_eq!(
            issues,
            [
                (
                    2,
                    "cookie 1 not stored: control character in header or cookie"
                ),
                (
                    3,
                    "cookie 2 not stored: control character in header or cookie"
                ),
            ]
        );
    }

    #[test]
    fn bad_cookies_name_their_line() {
        let text = "{\n\"format\": \"cookiejar\",\n\"version\": 1,\n\"cookies\": [\n\
                    {\"name\": \"ok\", \"domain\": \"a\"},\n\
                    {\"name\": \"no domain\"},\n\
                    {\"name\": \"t\", \"domain\": \"a\",\n \"expires\": \"soon\"},\n\
                    {\"name\": \"s\", \"domain\": \"a\", \"same_site\": \"sometimes\"},\n\
                    [1, {\"x\": [\"]\"]}]\n]}";
        let err = read(text.as_bytes(), &keep_all(), now()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "json cookie file line 6: cookie 2: missing field `domain`"
        );
        let lenient = read(
            text.as_bytes(),
            &keep_all().strictness(Strictness::Lenient),
            now(),
        )
        .unwrap();
        assert_eq!(lenient.cookies.len(), 1);
        let issues = crate::format::skipped_lines(&lenient);
        assert_eq!(
            issues,
            [
                (6, "cookie 2: missing field `domain`"),
                (7, "cookie 3: invalid time \"soon\" in `expires`"),
                (9, "cookie 4: invalid same_site \"sometimes\""),
                (10, "cookie 5: expected a json object"),
            ]
        );
    }

    /// A file of one line (Selenium's `json.dump`, Guzzle's save) names
    /// the cookie at fault and the key whose value is wrong.
    #[test]
    fn one_line_files_name_the_cookie_and_the_key() {
        let text = r#"[{"name": "a", "value": "1", "domain": "a.example", "expiry": 1900000000},
            {"name": "b", "value": "2", "domain": "a.example", "expiry": "x", "secure": true}]"#
            .replace('\n', "");
        let err = read(text.as_bytes(), &keep_all(), now()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "json cookie file line 1: cookie 2: expiry: invalid type: string, expected f64"
        );
        let guzzle = r#"[{"Name": "a", "Value": "1", "Domain": "a.example", "Expires": null},
            {"Name": "b", "Value": [2], "Domain": "a.example"}]"#
            .replace('\n', "");
        let lenient = keep_all().strictness(Strictness::Lenient);
        let loaded = read(guzzle.as_bytes(), &lenient, now()).unwrap();
        assert_eq!(loaded.cookies.len(), 1);
        let issues = crate::format::skipped_lines(&loaded);
        assert_eq!(issues, [(1, "cookie 2: invalid Value: an array")]);
        // A syntax error says where in the line.
        let err = read(br#"[{"name": "a"}, {"name": "b",}]"#, &keep_all(), now()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "json cookie file line 1: key must be a string at byte 30 of the line"
        );
    }

    /// A domain with a leading dot would read back without it (another
    /// key), and one without a domain not at all: both are left out and
    /// reported, or fail the write.
    #[test]
    fn leaves_out_what_does_not_read_back() {
        let cookies = [
            Cookie::builder("dot", "1")
                .domain("..x.com")
                .host_only(true)
                .build(),
            Cookie::builder("none", "1").build(),
            Cookie::builder("fine", "1").domain("x.com").build(),
        ];
        assert_eq!(cookies[0].domain(), ".x.com");
        let keep = SaveOptions::new().session(Retain::Keep);
        let mut out = Vec::new();
        let report = write(&cookies, &keep, now(), &mut out).unwrap();
        let left_out: Vec<&str> = report.skipped.iter().map(|s| s.key.name.as_str()).collect();
        assert_eq!(left_out, ["dot", "none"]);
        let back = read(&out, &LoadOptions::new().session(Retain::Keep), now()).unwrap();
        assert_eq!(back.cookies, cookies[2..]);
        let fail = keep.unwritable(super::super::Unwritable::Fail);
        let e = write(&cookies, &fail, now(), &mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("starts with a dot"), "{e}");
    }

    #[test]
    fn file_level_errors() {
        let cases: &[(&[u8], Option<u64>, &str)] = &[
            (
                b"{\n\"format\": \"cookiejar\",\n",
                Some(3),
                "EOF while parsing a value",
            ),
            (b"\n 7", Some(2), "expected a json object or array"),
            (
                b"{\"format\": \"x\", \"version\": 1, \"cookies\": []}",
                None,
                "\"format\" is \"x\", not \"cookiejar\"",
            ),
            (
                b"{\"format\": \"cookiejar\", \"cookies\": []}",
                None,
                "missing field `version`",
            ),
            (b"{\n\n\xff}", Some(3), "file is not valid UTF-8"),
        ];
        for &(input, line, message) in cases {
            let err = read(input, &keep_all(), now()).unwrap_err();
            assert_eq!(err.line(), line, "{message}");
            match err.kind() {
                ErrorKind::Syntax { message: m, .. } => assert_eq!(m, message),
                k => panic!("{k:?}"),
            }
        }
        let err = read(
            b"{\"format\": \"cookiejar\", \"version\": 2, \"cookies\": []}",
            &keep_all(),
            now(),
        )
        .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Unsupported { .. }));
    }

    /// A key given twice in a record: the last value wins, as JSON
    /// readers take it (review: the record-by-record reader had refused
    /// such a file whole).
    #[test]
    fn a_repeated_key_takes_its_last_value() {
        let text = r#"{"format": "cookiejar", "version": 1, "cookies": [
            {"name": "a", "value": "1", "value": "2", "domain": "x.com"}]}"#;
        let c = read(text.as_bytes(), &keep_all(), now()).unwrap().cookies;
        assert_eq!((c[0].name(), c[0].value()), ("a", "2"));
        let text = r#"[{"name": "a", "domain": "x.com", "domain": "y.com"}]"#;
        let c = read(text.as_bytes(), &keep_all(), now()).unwrap().cookies;
        assert_eq!(c[0].domain(), "y.com");
    }

    /// A writer that takes `room` bytes, then fails.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::other("disk full"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The writer streams its records: a failing output is an I/O error,
    /// wherever in the file it fails.
    #[test]
    fn output_errors_are_io_errors() {
        let cookies: Vec<Cookie> = (0..500)
            .map(|i| {
                Cookie::builder(format!("n{i}"), "v")
                    .domain("x.com")
                    .build()
            })
            .collect();
        let keep = SaveOptions::new().session(Retain::Keep);
        let mut all = Vec::new();
        write(&cookies, &keep, now(), &mut all).unwrap();
        for room in [0, 10, all.len() / 2, all.len() - 1] {
            let err = write(&cookies, &keep, now(), &mut Full { room }).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{room}: {err}");
        }
        write(&cookies, &keep, now(), &mut Full { room: all.len() }).unwrap();
        let back = read(&all, &keep_all(), now()).unwrap();
        assert_eq!(back.cookies.len(), 500);
    }
}
