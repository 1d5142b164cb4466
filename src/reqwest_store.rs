//! reqwest's `CookieStore` for [`CookieJar`](crate::CookieJar) and
//! [`FileCookieJar`](crate::FileCookieJar) (the `reqwest-0-13` feature,
//! which `reqwest` turns on, for reqwest 0.13; `reqwest-0-12` for 0.12;
//! the trait is the same in both): hand the jar to a client with
//! `reqwest::ClientBuilder::cookie_provider(Arc::new(jar))`.
//!
//! reqwest asks the store for each request it sends, each hop of a
//! redirect included, and tells it each response's `Set-Cookie` headers
//! with the URL of that hop. The jar sees every request as first-party
//! (reqwest does not say which page a request is for).

/// Implements `$reqwest::cookie::CookieStore` for both jars, under
/// `$feature`.
macro_rules! cookie_store {
    ($reqwest:ident, $feature:literal, $version:literal) => {
        #[doc = concat!("reqwest ", $version, "'s cookie store (the `", $feature, "` feature).")]
        #[cfg_attr(docsrs, doc(cfg(feature = $feature)))]
        impl $reqwest::cookie::CookieStore for crate::CookieJar {
            /// RFC 6265bis §5.7 for each `Set-Cookie` value of a response
            /// from `url`, as [`CookieJar::set_cookies_from_headers`].
            ///
            /// [`CookieJar::set_cookies_from_headers`]: crate::CookieJar::set_cookies_from_headers
            fn set_cookies(
                &self,
                cookie_headers: &mut dyn Iterator<Item = &$reqwest::header::HeaderValue>,
                url: &url::Url,
            ) {
                self.set_cookies_from_headers(url, cookie_headers.map(|h| h.as_bytes()));
            }

            /// RFC 6265bis §5.8.3: the `Cookie` header for `url`, as
            /// [`CookieJar::cookie_header_for`]. A value with UTF-8 beyond
            /// ASCII goes as its bytes (`HeaderValue::from_bytes`); the jar
            /// never writes the control characters a header value cannot
            /// hold. The value is marked sensitive: its `Debug` output
            /// hides it, and HTTP/2 and 3 never put it in their header
            /// compression tables (RFC 7541 §7.1.3).
            ///
            /// [`CookieJar::cookie_header_for`]: crate::CookieJar::cookie_header_for
            fn cookies(&self, url: &url::Url) -> Option<$reqwest::header::HeaderValue> {
                let header = self.cookie_header_for(url)?;
                let mut value =
                    $reqwest::header::HeaderValue::from_bytes(header.as_bytes()).ok()?;
                value.set_sensitive(true);
                Some(value)
            }
        }

        #[doc = concat!("reqwest ", $version, "'s cookie store (the `", $feature, "` feature).")]
        #[cfg_attr(docsrs, doc(cfg(feature = $feature)))]
        impl $reqwest::cookie::CookieStore for crate::FileCookieJar {
            /// As for [`CookieJar`](crate::CookieJar); the file is written
            /// only by [`FileCookieJar::save`](crate::FileCookieJar::save).
            fn set_cookies(
                &self,
                cookie_headers: &mut dyn Iterator<Item = &$reqwest::header::HeaderValue>,
                url: &url::Url,
            ) {
                $reqwest::cookie::CookieStore::set_cookies(self.jar(), cookie_headers, url);
            }

            /// As for [`CookieJar`](crate::CookieJar).
            fn cookies(&self, url: &url::Url) -> Option<$reqwest::header::HeaderValue> {
                $reqwest::cookie::CookieStore::cookies(self.jar(), url)
            }
        }
    };
}

#[cfg(feature = "reqwest-0-13")]
cookie_store!(reqwest, "reqwest-0-13", "0.13");
#[cfg(feature = "reqwest-0-12")]
cookie_store!(reqwest_0_12, "reqwest-0-12", "0.12");
