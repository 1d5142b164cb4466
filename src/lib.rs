//! A client-side HTTP cookie jar: the cookie engine an HTTP client embeds.
//!
//! `cookiejar` stores the cookies that responses set and writes the
//! `Cookie` header that requests must carry, following RFC 6265bis (what
//! browsers do: public suffix check, host-only cookies, `Secure` rules,
//! `__Host-` / `__Secure-` prefixes and their `__Http-` / `__Host-Http-`
//! successors, size limits), in the tradition of
//! ClientCookie and Python's `http.cookiejar`. It has no HTTP transport:
//! it works over two small traits, [`Request`] and [`Response`], that any
//! HTTP stack implements in a few lines.
//!
//! This is a *client-side* store. The `cookie` crate's `CookieJar` is a
//! server-side tool that tracks which cookies a response should set, keyed
//! by name only; this crate's [`CookieJar`] keys cookies by name, domain,
//! host-only flag and path, and decides which ones go to which URL.
//!
//! # Example
//!
//! ```
//! use cookiejar::{CookieJar, SimpleRequest, SimpleResponse};
//!
//! let jar = CookieJar::new();
//! let request = SimpleRequest::parse("https://shop.example.com/cart").unwrap();
//! let response = SimpleResponse::with_set_cookies([
//!     "session=abc123; Path=/; Secure; HttpOnly",
//!     "lang=en; Domain=example.com; Max-Age=3600",
//!     "tracker=1; Domain=com", // a public suffix: refused
//! ]);
//! jar.extract_cookies(&response, &request);
//!
//! let mut next = SimpleRequest::parse("https://shop.example.com/checkout").unwrap();
//! // A new request. (Each hop of a redirect calls set_cookie_header instead,
//! // which replaces the Cookie header carried over from the hop before.)
//! jar.add_cookie_header(&mut next);
//! assert_eq!(next.header("Cookie"), Some("session=abc123; lang=en"));
//! ```
//!
//! # Main types
//!
//! - [`CookieJar`]: the store, `Send + Sync`, with an injectable [`Clock`].
//! - [`Cookie`]: the stored record of RFC 6265bis §5.7 (values are redacted
//!   in `Debug`).
//! - [`CookiePolicy`] and [`DefaultCookiePolicy`]: which cookies are
//!   accepted and returned; every refusal is a [`Rejection`], and
//!   [`CookieJar::withheld_for`] gives the ones a request does not carry.
//! - [`FileCookieJar`]: a jar bound to a cookie file, saved atomically;
//!   [`format`](mod@format): cookie files (LWP, Mozilla `cookies.txt`,
//!   this crate's JSON and browser exports, Playwright's `storageState`,
//!   WebDriver's (Selenium's) cookies, Node's tough-cookie jar and its
//!   file store, PHP Guzzle's file, HTTPie's session file, an HTTP
//!   Archive's responses, the
//!   `cookie_store` crate's JSON, MSIE, Firefox's `cookies.sqlite`,
//!   Chrome's `Cookies` (feature `chrome`), Safari's
//!   `Cookies.binarycookies`)
//!   with [`format::read`] and
//!   [`format::write`].
//! - [`parse::parse_set_cookie`]: the byte-level `Set-Cookie` parser of
//!   RFC 6265bis §5.6; [`date`]: the cookie-date algorithm (§5.1.1) and
//!   ClientCookie's date functions.
//!
//! Coming from Python's `http.cookiejar` (or mechanize)? [`from_python`]
//! maps its names to this crate's and ports a script.
//! Coming from the `cookie_store` crate (reqwest's `Jar`,
//! `reqwest_cookie_store`, ureq's `cookies` feature)? [`from_cookie_store`]
//! maps its names, reads its files and lists what differs.
//!
//! # Specifications
//!
//! - RFC 6265bis (draft-ietf-httpbis-rfc6265bis): §5.1.1 dates, §5.1.2
//!   canonical hosts, §5.1.3 domain matching, §5.1.4 paths, §5.6 parsing,
//!   §5.7 storage, §5.8.3 the `Cookie` header.
//! - The Public Suffix List, vendored from Debian's `publicsuffix` package.
//!
//! # Features
//!
//! None is on by default.
//!
//! - `cli`: the `cookiejar` command (`cargo install cookiejar --features
//!   cli`); implies `scenario`, `serde` and `chrome`.
//! - `chrome`: Chrome's and Chromium's cookie database
//!   (`Format::Chrome`, the `format::chrome` module), whose values are
//!   encrypted (adds RustCrypto's `aes`, `cbc`, `pbkdf2`, `sha1` and
//!   `sha2`).
//! - `scenario`: `scenario`, the JSON scenario runner (adds `serde` and
//!   `serde_json`).
//! - `serde`: `Serialize` / `Deserialize` for [`Cookie`], as its record in
//!   the JSON cookie file format (`format::json`), and for [`SameSite`]
//!   and [`format::Format`] (by name), and the JSON file
//!   formats: that one, browser exports, Playwright's, WebDriver's,
//!   tough-cookie's, Guzzle's, HTTPie's and `cookie_store`'s.
//! - `http`: [`Request`] and [`Response`] over the `http` crate's types
//!   (hyper's, ureq 3's): `HttpRequest` wraps an `http::Request`;
//!   `http::Response`, its `Parts` and `http::HeaderMap` are responses.
//! - `reqwest` (the same as `reqwest-0-13`): reqwest's `CookieStore`
//!   trait for [`CookieJar`] and [`FileCookieJar`], so that
//!   `reqwest::ClientBuilder::cookie_provider` takes a jar (adds
//!   `reqwest` 0.13 without default features); `reqwest-0-12`: the same
//!   for reqwest 0.12.
//! - `tower` (implies `http`): `tower::CookieLayer`, a `tower` layer that
//!   sends and stores a jar's cookies for a client built from services,
//!   such as hyper's under `tower-http`'s `FollowRedirect` (adds
//!   `tower-service`, `tower-layer` and `pin-project-lite`, which have
//!   no dependencies).
//! - `chrono`: conversions between the `time` instants cookies keep and
//!   `chrono`'s `DateTime` (`chrono_time`), and `_chrono` forms of
//!   [`Cookie`]'s time getters and [`CookieBuilder`]'s setters.

#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]
// docs.rs builds with every feature and this cfg, so that items behind a
// feature say which.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod atomic;
mod bytes;
#[cfg(feature = "chrono")]
#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
pub mod chrono_time;
mod clock;
mod cookie;
pub mod date;
mod error;
mod file_jar;
pub mod format;
pub mod from_cookie_store;
pub mod from_python;
#[cfg(feature = "http")]
mod http_types;
mod jar;
#[cfg(any(feature = "serde", feature = "scenario"))]
mod json_scan;
mod legacy;
mod matching;
pub mod parse;
mod policy;
pub mod psl;
#[cfg(any(feature = "reqwest-0-13", feature = "reqwest-0-12"))]
mod reqwest_store;
#[cfg(feature = "scenario")]
#[cfg_attr(docsrs, doc(cfg(feature = "scenario")))]
pub mod scenario;
mod secure_names;
mod short_str;
mod store;
mod time_util;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;
mod traits;

pub use crate::clock::{Clock, CoarseClock, ManualClock, SystemClock};
pub use crate::cookie::{Cookie, CookieBuilder, CookieKey, ParseSameSiteError, SameSite};
pub use crate::error::{Error, ErrorKind};
pub use crate::file_jar::{FileCookieJar, FileCookieJarBuilder};
pub use crate::format::{
    Format, HttpOnlyMark, LoadOptions, LoadReport, Retain, SaveOptions, SaveReport, SessionExpiry,
    Strictness, Unwritable,
};
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use crate::http_types::{CookieContext, HttpRequest};
pub use crate::jar::{
    CookieEvent, CookieFilter, CookieJar, CookieJarBuilder, DEFAULT_MAX_COOKIES_PER_DOMAIN,
};
pub use crate::matching::{default_path, domain_match, is_secure_origin, path_match};
pub use crate::policy::{
    ClientCookieRules, CookiePolicy, DefaultCookiePolicy, DefaultCookiePolicyBuilder,
    DomainStrictness, PrefixRules, Protocols, PublicSuffixes, Rejection, ReturnShortcut,
    Rfc6265bisRules, Rules, SameSiteRules, ThirdPartyCookies,
};
pub use crate::traits::{Request, Response, SimpleRequest, SimpleResponse};
/// The `time` crate, whose `OffsetDateTime` the cookie times are.
pub use time;
/// The `url` crate, whose `Url` requests carry.
pub use url;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
