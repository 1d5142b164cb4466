//! reqwest's `CookieStore` for [`CookieJar`] and [`FileCookieJar`] (the
//! `reqwest` feature): hand the jar to a client with
//! `reqwest::ClientBuilder::cookie_provider(Arc::new(jar))`.
//!
//! reqwest asks the store for each request it sends, each hop of a
//! redirect included, and tells it each response's `Set-Cookie` headers
//! with the URL of that hop. The jar sees every request as first-party
//! (reqwest does not say which page a request is for).

use reqwest::cookie::CookieStore;
use reqwest::header::HeaderValue;
use url::Url;

use crate::{CookieJar, FileCookieJar};

impl CookieStore for CookieJar {
    /// RFC 6265bis §5.7 for each `Set-Cookie` value of a response from
    /// `url`, as [`CookieJar::set_cookies_from_headers`].
    fn set_cookies(&self, cookie_headers: &mut dyn Iterator<Item = &HeaderValue>, url: &Url) {
        self.set_cookies_from_headers(url, cookie_headers.map(HeaderValue::as_bytes));
    }

    /// RFC 6265bis §5.8.3: the `Cookie` header for `url`, as
    /// [`CookieJar::cookie_header_for`]. A value with UTF-8 beyond ASCII
    /// goes as its bytes (`HeaderValue::from_bytes`); the jar never writes
    /// the control characters a header value cannot hold. The value is
    /// marked sensitive: its `Debug` output hides it, and HTTP/2 and 3
    /// never put it in their header compression tables (RFC 7541 §7.1.3).
    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        let mut value = HeaderValue::from_bytes(self.cookie_header_for(url)?.as_bytes()).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

impl CookieStore for FileCookieJar {
    /// As for [`CookieJar`]; the file is written only by
    /// [`FileCookieJar::save`].
    fn set_cookies(&self, cookie_headers: &mut dyn Iterator<Item = &HeaderValue>, url: &Url) {
        CookieStore::set_cookies(self.jar(), cookie_headers, url);
    }

    /// As for [`CookieJar`].
    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        CookieStore::cookies(self.jar(), url)
    }
}
