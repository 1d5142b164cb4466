//! The small request and response traits the jar works over.
//!
//! The jar has no HTTP transport and depends on no HTTP crate. An HTTP
//! client plugs in by implementing [`Request`] for its request type and
//! [`Response`] for its response type (a few lines each); users without an
//! HTTP crate can use [`SimpleRequest`] and [`SimpleResponse`].
//!
//! These mirror the request and response objects ClientCookie and Python's
//! `http.cookiejar` expect (`get_full_url`, `is_unverifiable`,
//! `get_origin_req_host`, `has_header`, `add_unredirected_header`, and
//! `info().get_all`).

use url::Url;

/// What the jar needs to know about a request.
pub trait Request {
    /// The request URL.
    fn url(&self) -> &Url;

    /// Whether the request is unverifiable in the sense of RFC 2965 §3.3.6:
    /// the user had no chance to approve it (an image, a frame, a
    /// redirect), so third-party rules apply. Default: `false`.
    fn is_unverifiable(&self) -> bool {
        false
    }

    /// The host of the origin transaction (RFC 2965 §3.3.6
    /// "request-host of the origin transaction"): for a request made for a
    /// page, the page's host. `None` means the request's own host, i.e. a
    /// first-party request. Default: `None`.
    fn origin_request_host(&self) -> Option<&str> {
        None
    }

    /// Whether the request already has a header of this name
    /// (case-insensitive).
    fn has_header(&self, name: &str) -> bool;

    /// Sets a header, replacing any of the same name.
    fn set_header(&mut self, name: &str, value: String);
}

/// What the jar needs to know about a response.
pub trait Response {
    /// Calls `f` with the value of each header named `name`
    /// (case-insensitive), in the order they were received.
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8]));
}

/// An owned request, for tests and for users without an HTTP crate.
#[derive(Debug, Clone)]
pub struct SimpleRequest {
    url: Url,
    unverifiable: bool,
    origin_request_host: Option<String>,
    headers: Vec<(String, String)>,
}

impl SimpleRequest {
    /// A first-party request for `url`, with no headers.
    pub fn new(url: Url) -> Self {
        SimpleRequest {
            url,
            unverifiable: false,
            origin_request_host: None,
            headers: Vec::new(),
        }
    }

    /// Parses `url` and makes a request for it.
    ///
    /// # Errors
    /// When `url` is not a valid absolute URL.
    pub fn parse(url: &str) -> Result<Self, url::ParseError> {
        Url::parse(url).map(SimpleRequest::new)
    }

    /// Marks the request as unverifiable (or not).
    #[must_use]
    pub fn unverifiable(mut self, unverifiable: bool) -> Self {
        self.unverifiable = unverifiable;
        self
    }

    /// Sets the host of the origin transaction.
    #[must_use]
    pub fn origin_request_host(mut self, host: impl Into<String>) -> Self {
        self.origin_request_host = Some(host.into());
        self
    }

    /// The value of the first header named `name`, if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| name_eq(n, name))
            .map(|(_, v)| v.as_str())
    }

    /// Removes every header named `name` (case-insensitive).
    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !name_eq(n, name));
    }

    /// All headers, in order.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl Request for SimpleRequest {
    fn url(&self) -> &Url {
        &self.url
    }

    fn is_unverifiable(&self) -> bool {
        self.unverifiable
    }

    fn origin_request_host(&self) -> Option<&str> {
        self.origin_request_host.as_deref()
    }

    fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|(n, _)| !name_eq(n, name));
        self.headers.push((name.to_owned(), value));
    }
}

/// Whether two header names are equal ignoring ASCII case (RFC 9110
/// §5.1). Compares the XOR of each pair of bytes: zero, or only the case
/// bit of a letter. About half the cost of `str::eq_ignore_ascii_case`,
/// which lowercases both sides byte by byte, on the path every stored
/// cookie takes.
fn name_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes().zip(b.bytes()).all(|(x, y)| {
            let d = x ^ y;
            d == 0 || (d == 0x20 && (x | 0x20).wrapping_sub(b'a') < 26)
        })
}

/// An owned response: a list of headers.
#[derive(Debug, Clone, Default)]
pub struct SimpleResponse {
    headers: Vec<(String, Vec<u8>)>,
}

impl SimpleResponse {
    /// A response with no headers.
    pub fn new() -> Self {
        SimpleResponse::default()
    }

    /// Adds a header (builder style).
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<Vec<u8>>) -> Self {
        self.add_header(name, value);
        self
    }

    /// Adds a header.
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<Vec<u8>>) {
        self.headers.push((name.into(), value.into()));
    }

    /// A response carrying one `Set-Cookie` header per item.
    pub fn with_set_cookies<I, S>(lines: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Vec<u8>>,
    {
        let mut r = SimpleResponse::new();
        for l in lines {
            r.add_header("Set-Cookie", l);
        }
        r
    }
}

impl Response for SimpleResponse {
    fn for_each_header(&self, name: &str, f: &mut dyn FnMut(&[u8])) {
        for (n, v) in &self.headers {
            if name_eq(n, name) {
                f(v);
            }
        }
    }
}

impl<T: Request + ?Sized> Request for &mut T {
    fn url(&self) -> &Url {
        (**self).url()
    }
    fn is_unverifiable(&self) -> bool {
        (**self).is_unverifiable()
    }
    fn origin_request_host(&self) -> Option<&str> {
        (**self).origin_request_host()
    }
    fn has_header(&self, name: &str) -> bool {
        (**self).has_header(name)
    }
    fn set_header(&mut self, name: &str, value: String) {
        (**self).set_header(name, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_eq_is_ascii_case_insensitive_equality() {
        let chars: Vec<String> = (0u8..128)
            .map(|b| char::from(b).to_string())
            .chain(["é", "É", "ß", "ſ", "K"].map(String::from))
            .collect();
        for a in &chars {
            for b in &chars {
                assert_eq!(name_eq(a, b), a.eq_ignore_ascii_case(b), "{a:?} {b:?}");
            }
        }
        assert!(name_eq("Set-Cookie", "set-cookie"));
        assert!(!name_eq("Set-Cookie", "set-cookie2"));
        assert!(!name_eq("Set-Cookie", "Set-Cookie "));
        assert!(!name_eq("Set_Cookie", "Set\x7fCookie"));
    }
}
