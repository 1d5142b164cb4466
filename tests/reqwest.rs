//! The `reqwest-0-13` (`reqwest`) and `reqwest-0-12` features: a jar as reqwest's cookie
//! store, driven by a real (blocking) reqwest client of each version
//! against a local HTTP server.
#![cfg(any(feature = "reqwest-0-13", feature = "reqwest-0-12"))]

#[path = "support/server.rs"]
mod server;
use server::serve;

/// The tests, for one version of reqwest.
macro_rules! tests {
    ($reqwest:ident) => {
        use std::sync::Arc;

        use cookiejar::{CookieJar, FileCookieJar, LoadOptions, Retain, SaveOptions};
        use url::Url;
        use $reqwest::cookie::CookieStore;
        use $reqwest::header::HeaderValue;

        use super::serve;

        /// reqwest stores the cookies of a redirect's response and sends them on
        /// the next hop and later requests, UTF-8 beyond ASCII included; a
        /// redirect to another host carries none of them.
        #[test]
        fn a_jar_is_reqwests_cookie_store() {
            let (port, seen, server) = serve(4);
            let jar = Arc::new(CookieJar::new());
            let client = $reqwest::blocking::Client::builder()
                .cookie_provider(Arc::clone(&jar))
                .no_proxy()
                .build()
                .unwrap();
            let base = format!("http://127.0.0.1:{port}");
            assert!(client
                .get(format!("{base}/login"))
                .send()
                .unwrap()
                .status()
                .is_success());
            assert!(client
                .get(format!("{base}/away"))
                .send()
                .unwrap()
                .status()
                .is_success());
            server.join().unwrap();
            super::server::assert_login_then_away(&seen);
            assert_eq!(jar.len(), 2);
        }

        /// A jar's own observer sees what reqwest's calls decide (the
        /// trait has no way to pass one), for both jars; a trial's
        /// crawler had only debug logs.
        #[test]
        fn the_jar_observer_sees_reqwests_stores() {
            let events = Arc::new(std::sync::Mutex::new(Vec::new()));
            let log = Arc::clone(&events);
            let observe = move |e: cookiejar::CookieEvent<'_>| {
                log.lock().unwrap().push(match e {
                    cookiejar::CookieEvent::Stored(c) => format!("stored {}", c.name()),
                    cookiejar::CookieEvent::Rejected { reason, .. } => format!("{reason:?}"),
                    other => format!("{other:?}"),
                });
            };
            let jar = CookieJar::builder().observer(observe.clone()).build();
            let url = Url::parse("http://shop.example.com/").unwrap();
            let headers = [
                HeaderValue::from_static("sid=1; Secure"),
                HeaderValue::from_static("lang=en"),
            ];
            CookieStore::set_cookies(&jar, &mut headers.iter(), &url);
            let dir = std::env::temp_dir().join(format!("reqwest-observer-{}", std::process::id()));
            let file = FileCookieJar::builder(dir.join("cookies.txt"))
                .observer(observe)
                .build();
            CookieStore::set_cookies(&file, &mut headers.iter(), &url);
            let events = events.lock().unwrap().clone();
            let once = ["SecureFromInsecureOrigin", "stored lang"];
            assert_eq!(events, [once, once].concat());
        }

        /// The trait's two calls, without a client: what reqwest hands the jar
        /// and what it gets back.
        #[test]
        fn set_cookies_and_cookies() {
            let jar = CookieJar::new();
            let url = Url::parse("https://shop.example.com/cart").unwrap();
            let headers = [
                HeaderValue::from_static("sid=1; Secure; HttpOnly"),
                HeaderValue::from_static("lang=en; Domain=example.com"),
                HeaderValue::from_static("bad=1; Domain=com"),
                HeaderValue::from_bytes("name=caf\u{e9}".as_bytes()).unwrap(),
            ];
            CookieStore::set_cookies(&jar, &mut headers.iter(), &url);
            let value = CookieStore::cookies(&jar, &url).unwrap();
            assert_eq!(
                value.as_bytes(),
                "sid=1; lang=en; name=caf\u{e9}".as_bytes()
            );
            assert!(value.is_sensitive());
            assert!(!format!("{value:?}").contains("sid=1"));
            // Secure and host-only cookies stay where they belong.
            let plain = Url::parse("http://www.example.com/").unwrap();
            assert_eq!(
                CookieStore::cookies(&jar, &plain).unwrap().as_bytes(),
                b"lang=en"
            );
            let other = Url::parse("https://example.org/").unwrap();
            assert!(CookieStore::cookies(&jar, &other).is_none());
        }

        /// A `FileCookieJar` is a store too, and what reqwest stored is saved.
        #[test]
        fn a_file_jar_is_a_store_and_saves_what_reqwest_stored() {
            let dir = std::env::temp_dir().join(format!(
                "cookiejar-{}-{}",
                module_path!().replace("::", "-"),
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("cookies.txt");
            let jar = FileCookieJar::builder(&path)
                .save_options(SaveOptions::default().session(Retain::Keep))
                .build();
            let url = Url::parse("https://example.com/").unwrap();
            let header = HeaderValue::from_static("sid=1; Secure");
            CookieStore::set_cookies(&jar, &mut std::iter::once(&header), &url);
            assert_eq!(
                CookieStore::cookies(&jar, &url).unwrap().as_bytes(),
                b"sid=1"
            );
            jar.save().unwrap();
            let loaded = FileCookieJar::builder(&path)
                .load_options(LoadOptions::default().session(Retain::Keep))
                .build();
            loaded.load().unwrap();
            assert_eq!(
                CookieStore::cookies(&loaded, &url).unwrap().as_bytes(),
                b"sid=1"
            );
            std::fs::remove_dir_all(&dir).unwrap();
        }
    };
}

#[cfg(feature = "reqwest-0-13")]
mod reqwest_0_13 {
    tests!(reqwest);
}

#[cfg(feature = "reqwest-0-12")]
mod reqwest_0_12 {
    tests!(reqwest_0_12);
}

/// The README's "one client, many jars" recipe, as written there: one
/// shared client without a cookie store, a jar per user, redirects
/// followed by hand. Each hop carries its own URL's cookies (UTF-8 beyond
/// ASCII included, which a `String` header refused), and the other
/// user's jar stays empty.
#[cfg(feature = "reqwest-0-13")]
mod one_client_many_jars {
    use cookiejar::{CookieJar, SimpleRequest, SimpleResponse};
    use url::Url;

    fn get(
        client: &reqwest::blocking::Client,
        jar: &CookieJar,
        url: &str,
    ) -> Result<reqwest::blocking::Response, Box<dyn std::error::Error>> {
        let mut url = Url::parse(url)?;
        for _ in 0..10 {
            let hop = SimpleRequest::new(url.clone()).with_method("GET");
            let mut call = client.get(url.as_str());
            if let Some(cookie) = jar.cookie_header_for_request(&hop) {
                // from_bytes: a value may hold UTF-8 beyond ASCII, which a
                // `String` header refuses (the request would then fail).
                let mut value = reqwest::header::HeaderValue::from_bytes(cookie.as_bytes())?;
                value.set_sensitive(true);
                call = call.header(reqwest::header::COOKIE, value);
            }
            let response = call.send()?;
            // With the `http` feature: jar.extract_cookies(response.headers(), &hop).
            let mut headers = SimpleResponse::new();
            for (name, value) in response.headers() {
                headers.add_header(name.as_str(), value.as_bytes());
            }
            jar.extract_cookies(&headers, &hop);
            let redirect = matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308);
            match response.headers().get("location") {
                Some(to) if redirect => url = url.join(to.to_str()?)?,
                _ => return Ok(response),
            }
        }
        Err("more than 10 redirects".into())
    }

    #[test]
    fn the_readme_recipe_keeps_each_users_cookies() {
        let (port, seen, server) = super::serve(4);
        let client = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap();
        let (alice, bob) = (CookieJar::new(), CookieJar::new());
        let base = format!("http://127.0.0.1:{port}");
        for path in ["/login", "/away"] {
            let response = get(&client, &alice, &format!("{base}{path}")).unwrap();
            assert!(response.status().is_success());
        }
        server.join().unwrap();
        super::server::assert_login_then_away(&seen);
        assert_eq!(alice.len(), 2);
        assert!(bob.is_empty());
    }
}
