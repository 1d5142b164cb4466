//! The `Set-Cookie` header parser of RFC 6265bis §5.6.
//!
//! [`parse_set_cookie`] turns one header value into a borrowed
//! [`SetCookie`] view without allocating (unless the header carries
//! attributes this model has no field for). It follows the algorithm of
//! RFC 6265bis §5.6 step by step:
//!
//! - a control character other than HTAB anywhere in the header makes the
//!   whole header ignored (§5.6 step 1);
//! - the name-value pair ends at the first `;`; without `=` it is a value
//!   with an empty name (a "nameless cookie", which 6265bis keeps);
//! - names, values and attributes are trimmed of spaces and tabs only;
//! - a name plus value over 4096 bytes makes the header ignored, an
//!   attribute value over 1024 bytes makes that attribute ignored
//!   (§5.6 steps 5 and "cookie-av" step 5), unless [`ParseLimits`] say
//!   otherwise;
//! - an `Expires` that is not a cookie-date (§5.1.1) and a `Max-Age` that is
//!   not `-?DIGIT+` are ignored, so an earlier valid one still counts; for
//!   every attribute, the last valid occurrence wins;
//! - a `Path` that is empty or does not start with `/` stands for the
//!   default path (§5.6.5), and still overrides an earlier `Path`;
//! - a `Domain` keeps its value with one leading dot removed (§5.6.4); an
//!   empty `Domain=` counts as given-but-empty, which the storage model
//!   treats as "no Domain attribute" (§5.7 step 7).
//!
//! Attribute names are matched case-insensitively. The legacy attributes of
//! RFC 2109 / RFC 2965 sent in `Set-Cookie` (`Version`, `Comment`,
//! `CommentURL`, `Port`, `Discard`) are recorded for the legacy policies; any
//! other attribute is kept in [`SetCookie::other`].

use crate::bytes::{find, find2, zero_bytes, HIGHS, ONES};
use crate::cookie::SameSite;
use crate::parse::{trim_wsp, COOKIE_CTL};

/// The size limits of RFC 6265bis §5.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseLimits {
    /// The largest name plus value, in bytes; a larger cookie is ignored.
    /// RFC 6265bis: 4096.
    pub max_name_value: Option<usize>,
    /// The largest attribute value, in bytes; a larger attribute is
    /// ignored. RFC 6265bis: 1024.
    pub max_attribute_value: Option<usize>,
}

impl ParseLimits {
    /// Limits of `max_name_value` bytes for name plus value and
    /// `max_attribute_value` bytes for an attribute value (`None`: no
    /// limit).
    pub const fn new(max_name_value: Option<usize>, max_attribute_value: Option<usize>) -> Self {
        ParseLimits {
            max_name_value,
            max_attribute_value,
        }
    }

    /// The limits of RFC 6265bis §5.6 (4096 and 1024 bytes).
    pub const RFC6265BIS: ParseLimits = ParseLimits {
        max_name_value: Some(4096),
        max_attribute_value: Some(1024),
    };

    /// No limits (ClientCookie / Python behaviour).
    pub const NONE: ParseLimits = ParseLimits {
        max_name_value: None,
        max_attribute_value: None,
    };
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits::RFC6265BIS
    }
}

/// The value of a `Path` attribute (RFC 6265bis §5.6.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathAttribute<'a> {
    /// An empty value, or one not starting with `/`: the cookie takes the
    /// default path of the request URL.
    Default,
    /// A value starting with `/`.
    Explicit(&'a [u8]),
}

/// Why a `Set-Cookie` header was ignored as a whole (RFC 6265bis §5.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SetCookieError {
    /// The header contains a control character other than HTAB (§5.6
    /// step 1); the byte offset of the first one.
    ControlCharacter(usize),
    /// The name plus value is longer than the limit (§5.6 step 5).
    NameValueTooLarge(usize),
}

impl std::fmt::Display for SetCookieError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetCookieError::ControlCharacter(at) => {
                write!(f, "control character at byte {at}")
            }
            SetCookieError::NameValueTooLarge(n) => {
                write!(f, "name and value are {n} bytes, over the limit")
            }
        }
    }
}

impl std::error::Error for SetCookieError {}

/// One parsed `Set-Cookie` header: borrowed slices of the header value.
///
/// Every attribute is the *last valid* occurrence in the header, as RFC
/// 6265bis §5.7 reads the cookie-attribute-list.
#[derive(Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SetCookie<'a> {
    /// The cookie name (empty for a nameless cookie), trimmed.
    pub name: &'a [u8],
    /// The cookie value, trimmed.
    pub value: &'a [u8],
    /// Whether the name-value pair contained `=` (Netscape and RFC 2965
    /// parsers treat `foo` as a name without a value).
    pub has_equals: bool,
    /// The last valid `Expires`, as Unix seconds.
    pub expires: Option<i64>,
    /// The last valid `Max-Age`, in seconds (may be zero or negative).
    pub max_age: Option<i64>,
    /// The last `Domain` value, with one leading dot removed (may be
    /// empty).
    pub domain: Option<&'a [u8]>,
    /// Whether that `Domain` value started with a dot.
    pub domain_initial_dot: bool,
    /// The last `Path`.
    pub path: Option<PathAttribute<'a>>,
    /// Whether `Secure` was present.
    pub secure: bool,
    /// Whether `HttpOnly` was present.
    pub http_only: bool,
    /// The last `SameSite` (an unknown value gives
    /// [`SameSite::Default`]).
    pub same_site: Option<SameSite>,
    /// Whether `Partitioned` was present.
    pub partitioned: bool,
    /// The last `Version` value (RFC 2109), untrimmed of quotes.
    pub version: Option<&'a [u8]>,
    /// The last `Comment` value.
    pub comment: Option<&'a [u8]>,
    /// The last `CommentURL` value.
    pub comment_url: Option<&'a [u8]>,
    /// The last `Port` value (`Some(b"")` for a bare `Port`).
    pub port: Option<&'a [u8]>,
    /// Whether `Discard` was present.
    pub discard: bool,
    /// Every other attribute, in order: name and value (`None` without
    /// `=`).
    pub other: Vec<(&'a [u8], Option<&'a [u8]>)>,
}

impl std::fmt::Debug for SetCookie<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetCookie")
            .field("name", &String::from_utf8_lossy(self.name))
            .field("value", &"<redacted>")
            .field("expires", &self.expires)
            .field("max_age", &self.max_age)
            .field("domain", &self.domain.map(String::from_utf8_lossy))
            .field("path", &self.path)
            .field("secure", &self.secure)
            .field("http_only", &self.http_only)
            .field("same_site", &self.same_site)
            .field("partitioned", &self.partitioned)
            .finish_non_exhaustive()
    }
}

/// The offset of the first byte of `s` in [`COOKIE_CTL`]. Checks eight
/// bytes at a time (a word-wide test for bytes below 0x20 or equal to
/// 0x7F, then the table on the rare word that has one, since HTAB is
/// allowed).
fn first_ctl(s: &[u8]) -> Option<usize> {
    let mut chunks = s.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
        let del = zero_bytes(w ^ (ONES * 0x7f));
        if below_space | del != 0 {
            if let Some(i) = chunk.iter().position(|&b| COOKIE_CTL[usize::from(b)]) {
                return Some(base + i);
            }
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| COOKIE_CTL[usize::from(b)])
        .map(|i| base + i)
}

/// Splits at the first `needle`: (before, Some(after)) or (s, None).
#[inline(always)]
fn split_once(s: &[u8], needle: u8) -> (&[u8], Option<&[u8]>) {
    match find(s, needle) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    }
}

/// The cookie name a `Set-Cookie` header gives, read as RFC 6265bis §5.6
/// steps 2-4 read it (the text before the first `=` of the part before
/// the first `;`, white space trimmed; empty when that part has no `=`),
/// whether or not the header is one a jar would take.
pub(crate) fn header_name(input: &[u8]) -> &[u8] {
    match split_once(split_once(input, b';').0, b'=') {
        (name, Some(_)) => trim_wsp(name),
        (_, None) => b"",
    }
}

/// RFC 6265bis §5.6.2: `Max-Age` is `-?DIGIT+`; anything else is ignored.
/// Saturates instead of overflowing.
fn parse_max_age(v: &[u8]) -> Option<i64> {
    let (neg, digits) = match v {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, v),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n: i64 = 0;
    for &d in digits {
        n = n.saturating_mul(10).saturating_add(i64::from(d - b'0'));
    }
    Some(if neg { -n } else { n })
}

/// Parses one `Set-Cookie` header value by the algorithm of RFC 6265bis
/// §5.6 (see the [module docs](self)).
///
/// # Errors
/// When the header must be ignored entirely: it contains a control
/// character (§5.6 step 1) or its name and value exceed
/// `limits.max_name_value` (§5.6 step 5).
pub fn parse_set_cookie<'a>(
    input: &'a [u8],
    limits: &ParseLimits,
) -> Result<SetCookie<'a>, SetCookieError> {
    // §5.6 step 1.
    if let Some(at) = first_ctl(input) {
        return Err(SetCookieError::ControlCharacter(at));
    }
    // Step 2.
    let (pair, mut rest) = split_once(input, b';');
    // Steps 3-4.
    let (name, value, has_equals) = match split_once(pair, b'=') {
        (n, Some(v)) => (trim_wsp(n), trim_wsp(v), true),
        (v, None) => (&b""[..], trim_wsp(v), false),
    };
    // Step 5.
    let size = name.len() + value.len();
    if let Some(max) = limits.max_name_value {
        if size > max {
            return Err(SetCookieError::NameValueTooLarge(size));
        }
    }
    let mut sc = SetCookie {
        name,
        value,
        has_equals,
        ..SetCookie::default()
    };
    // §5.6, processing of unparsed-attributes: each cookie-av up to the
    // next `;`, split at its first `=`. One search finds whichever comes
    // first, so the name is read once.
    while let Some(attrs) = rest {
        let (n, v) = match find2(attrs, b';', b'=') {
            Some(i) if attrs[i] == b'=' => {
                let (v, next) = split_once(&attrs[i + 1..], b';');
                rest = next;
                (&attrs[..i], Some(v))
            }
            Some(i) => {
                rest = Some(&attrs[i + 1..]);
                (&attrs[..i], None)
            }
            None => {
                rest = None;
                (attrs, None)
            }
        };
        let (n, v) = (trim_wsp(n), v.map(trim_wsp));
        let val = v.unwrap_or(b"");
        if let Some(max) = limits.max_attribute_value {
            if val.len() > max {
                continue;
            }
        }
        apply_attribute(&mut sc, n, v, val);
    }
    Ok(sc)
}

/// `s` (at most 8 bytes; longer gives 0) as a little-endian word with
/// 0x20 OR-ed into every byte and zero padding. OR-ing 0x20 lowercases an
/// ASCII capital and turns no other byte into a lower-case letter, so for
/// a lower-case `name` of letters, `fold8(s) == fold8(name)` with equal
/// lengths exactly when `s` equals `name` ignoring ASCII case. One word
/// comparison instead of a byte loop per candidate name.
const fn fold8(s: &[u8]) -> u64 {
    if s.len() > 8 {
        return 0;
    }
    let mut b = [0u8; 8];
    let mut i = 0;
    while i < s.len() {
        b[i] = s[i];
        i += 1;
    }
    u64::from_le_bytes(b) | 0x2020_2020_2020_2020
}

/// [`fold8`] at run time, without a copy loop: at most two overlapping
/// loads. Overlapping bytes land on the same positions with the same
/// values, so OR-ing the loads gives the zero-padded word.
#[inline]
fn fold8_fast(s: &[u8]) -> u64 {
    let n = s.len();
    let w = match n {
        4..=8 => {
            let lo = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
            let hi = u32::from_le_bytes([s[n - 4], s[n - 3], s[n - 2], s[n - 1]]);
            u64::from(lo) | (u64::from(hi) << (8 * (n - 4)))
        }
        2..=3 => {
            let lo = u16::from_le_bytes([s[0], s[1]]);
            let hi = u16::from_le_bytes([s[n - 2], s[n - 1]]);
            u64::from(lo) | (u64::from(hi) << (8 * (n - 2)))
        }
        1 => u64::from(s[0]),
        0 => 0,
        _ => return 0,
    };
    w | 0x2020_2020_2020_2020
}

const PATH: u64 = fold8(b"path");
const PORT: u64 = fold8(b"port");
const DOMAIN: u64 = fold8(b"domain");
const SECURE: u64 = fold8(b"secure");
const EXPIRES: u64 = fold8(b"expires");
/// `-` is no letter, but OR-ing 0x20 keeps it `-`; [`apply_attribute`]
/// checks that byte exactly.
const MAX_AGE: u64 = fold8(b"max-age");
const VERSION: u64 = fold8(b"version");
const COMMENT: u64 = fold8(b"comment");
const DISCARD: u64 = fold8(b"discard");
const HTTPONLY: u64 = fold8(b"httponly");
const SAMESITE: u64 = fold8(b"samesite");

/// RFC 6265bis §5.6.1-§5.6.7 (and the legacy attributes): records one
/// cookie-av in `sc`. Names are matched case-insensitively, on length
/// and [`fold8`].
fn apply_attribute<'a>(sc: &mut SetCookie<'a>, n: &'a [u8], v: Option<&'a [u8]>, val: &'a [u8]) {
    match (n.len(), fold8_fast(n)) {
        (4, PATH) => {
            sc.path = Some(if val.first() == Some(&b'/') {
                PathAttribute::Explicit(val)
            } else {
                PathAttribute::Default
            });
        }
        (4, PORT) => sc.port = Some(val),
        (6, DOMAIN) => {
            let (dot, d) = match val {
                [b'.', rest @ ..] => (true, rest),
                _ => (false, val),
            };
            sc.domain = Some(d);
            sc.domain_initial_dot = dot;
        }
        (6, SECURE) => sc.secure = true,
        (7, EXPIRES) => {
            if let Some(t) = crate::date::cookie_date_unix(val) {
                sc.expires = Some(t);
            }
        }
        (7, MAX_AGE) if n[3] == b'-' => {
            if let Some(age) = parse_max_age(val) {
                sc.max_age = Some(age);
            }
        }
        (7, VERSION) => sc.version = Some(val),
        (7, COMMENT) => sc.comment = Some(val),
        (7, DISCARD) => sc.discard = true,
        (8, HTTPONLY) => sc.http_only = true,
        (8, SAMESITE) => {
            const NONE: u64 = fold8(b"none");
            const STRICT: u64 = fold8(b"strict");
            const LAX: u64 = fold8(b"lax");
            sc.same_site = Some(match (val.len(), fold8_fast(val)) {
                (4, NONE) => SameSite::None,
                (6, STRICT) => SameSite::Strict,
                (3, LAX) => SameSite::Lax,
                _ => SameSite::Default,
            });
        }
        (10, _) if n.eq_ignore_ascii_case(b"commenturl") => sc.comment_url = Some(val),
        (11, _) if n.eq_ignore_ascii_case(b"partitioned") => sc.partitioned = true,
        (0, _) if v.is_none() => {} // an empty cookie-av, e.g. a trailing ";"
        _ => sc.other.push((n, v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> SetCookie<'_> {
        parse_set_cookie(s.as_bytes(), &ParseLimits::RFC6265BIS).expect("parses")
    }

    /// Which attribute `apply_attribute` takes `n` for, read from the
    /// fields it sets (`val` parses as every kind of value).
    fn classify(n: &[u8]) -> String {
        let mut sc = SetCookie::default();
        apply_attribute(&mut sc, n, Some(b"/1"), b"/1");
        apply_attribute(&mut sc, n, Some(b"1"), b"1");
        let date = b"Wed, 21 Oct 2037 07:28:00 GMT";
        apply_attribute(&mut sc, n, Some(date), date);
        let mut sc2 = SetCookie::default();
        apply_attribute(&mut sc2, n, Some(b"strict"), b"strict");
        format!(
            "{:?}",
            (
                (sc.path, sc.port, sc.domain, sc.secure, sc.expires),
                (sc.max_age, sc.version, sc.comment, sc.discard, sc.http_only),
                (
                    sc2.same_site,
                    sc.comment_url,
                    sc.partitioned,
                    sc.other.len()
                ),
            )
        )
    }

    /// RFC 6265bis §5.6's attributes with the plainest splitting (`split`
    /// at every `;`, then at the first `=`), for
    /// [`parse_agrees_with_plain_splitting`].
    fn reference<'a>(
        input: &'a [u8],
        limits: &ParseLimits,
    ) -> Result<SetCookie<'a>, SetCookieError> {
        if let Some(at) = input.iter().position(|&b| COOKIE_CTL[usize::from(b)]) {
            return Err(SetCookieError::ControlCharacter(at));
        }
        let mut parts = input.splitn(2, |&b| b == b';');
        // The name-value pair as the parser reads it: this test is about
        // the attributes.
        let mut sc = parse_set_cookie(parts.next().unwrap_or_default(), limits)?;
        for av in parts
            .next()
            .into_iter()
            .flat_map(|r| r.split(|&b| b == b';'))
        {
            let (n, v) = match av.iter().position(|&b| b == b'=') {
                Some(i) => (trim_wsp(&av[..i]), Some(trim_wsp(&av[i + 1..]))),
                None => (trim_wsp(av), None),
            };
            let val = v.unwrap_or(b"");
            if limits
                .max_attribute_value
                .is_some_and(|max| val.len() > max)
            {
                continue;
            }
            apply_attribute(&mut sc, n, v, val);
        }
        Ok(sc)
    }

    proptest::proptest! {
        /// The word-at-a-time splitting gives what the plainest splitting
        /// gives, on headers made of the bytes that matter to it.
        #[test]
        fn parse_agrees_with_plain_splitting(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "=", ";", " ", "\t", "Path", "/x", "Domain", ".ex.com", "Max-Age",
                    "-1", "Expires", "Secure", "HttpOnly", "SameSite", "Lax", "Port", "\u{1}",
                    "é", "==", ";;", "abcdefghij",
                ]),
                0..24,
            ),
            small_limits: bool,
        ) {
            let header = parts.concat();
            let limits = if small_limits {
                ParseLimits { max_name_value: Some(6), max_attribute_value: Some(3) }
            } else {
                ParseLimits::RFC6265BIS
            };
            proptest::prop_assert_eq!(
                parse_set_cookie(header.as_bytes(), &limits),
                reference(header.as_bytes(), &limits)
            );
        }

        /// The run-time fold is the `const` one, at every length from
        /// empty to past eight bytes.
        #[test]
        fn fold8_fast_is_fold8(s in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12)) {
            proptest::prop_assert_eq!(fold8_fast(&s), fold8(&s));
        }
    }

    /// The word matching of attribute names is ASCII case-insensitive
    /// equality: every name, with every byte value at every position,
    /// lands where a byte-wise comparison with the names puts it.
    #[test]
    fn attribute_names_match_ignoring_ascii_case() {
        const NAMES: [&str; 13] = [
            "path",
            "port",
            "domain",
            "secure",
            "expires",
            "max-age",
            "version",
            "comment",
            "discard",
            "httponly",
            "samesite",
            "commenturl",
            "partitioned",
        ];
        let want = |n: &[u8]| {
            let canon = NAMES.iter().find(|k| n.eq_ignore_ascii_case(k.as_bytes()));
            canon.map_or_else(|| classify(b"unknown"), |k| classify(k.as_bytes()))
        };
        for name in NAMES {
            for at in 0..name.len() {
                for b in 0..=255u8 {
                    let mut n = name.as_bytes().to_vec();
                    n[at] = b;
                    assert_eq!(classify(&n), want(&n), "{:?}", String::from_utf8_lossy(&n));
                }
            }
            assert_eq!(
                classify(name.to_uppercase().as_bytes()),
                classify(name.as_bytes())
            );
        }
        assert_ne!(classify(b"secure"), classify(b"domain"));
        for v in ["None", "STRICT", "lAx", "laxx", "no", "\x00one"] {
            let mut sc = SetCookie::default();
            apply_attribute(&mut sc, b"SameSite", Some(v.as_bytes()), v.as_bytes());
            let want = match v.to_ascii_lowercase().as_str() {
                "none" => SameSite::None,
                "strict" => SameSite::Strict,
                "lax" => SameSite::Lax,
                _ => SameSite::Default,
            };
            assert_eq!(sc.same_site, Some(want), "{v}");
        }
    }

    #[test]
    fn header_names() {
        for (header, name) in [
            ("sid=1; Secure", "sid"),
            ("  a b =  c ; Path=/", "a b"),
            ("=v", ""),
            ("token", ""),
            ("token; x=y", ""),
            ("a=b=c", "a"),
            ("\u{1}ctl=1", "\u{1}ctl"),
            ("", ""),
        ] {
            assert_eq!(
                header_name(header.as_bytes()),
                name.as_bytes(),
                "{header:?}"
            );
        }
    }

    #[test]
    fn name_value_forms() {
        let c = p("foo=bar");
        assert_eq!(
            (c.name, c.value, c.has_equals),
            (&b"foo"[..], &b"bar"[..], true)
        );
        let c = p("foo");
        assert_eq!(
            (c.name, c.value, c.has_equals),
            (&b""[..], &b"foo"[..], false)
        );
        let c = p("=foo");
        assert_eq!((c.name, c.value), (&b""[..], &b"foo"[..]));
        let c = p(" a b = c=d ; x");
        assert_eq!((c.name, c.value), (&b"a b"[..], &b"c=d"[..]));
        let c = p("");
        assert_eq!((c.name, c.value), (&b""[..], &b""[..]));
        let c = p("\"quoted\"=\"v\"");
        assert_eq!((c.name, c.value), (&b"\"quoted\""[..], &b"\"v\""[..]));
    }

    #[test]
    fn control_characters_reject_but_tab_does_not() {
        let l = ParseLimits::RFC6265BIS;
        assert_eq!(
            parse_set_cookie(b"a=b\x01", &l),
            Err(SetCookieError::ControlCharacter(3))
        );
        assert_eq!(
            parse_set_cookie(b"a=b; Path=/\x7f", &l),
            Err(SetCookieError::ControlCharacter(11))
        );
        assert!(parse_set_cookie(b"a=b\r\nc", &l).is_err());
        let c = parse_set_cookie(b"a=b\tc", &l).unwrap();
        assert_eq!(c.value, b"b\tc");
    }

    /// An ignored header's error says where or how large; a parsed
    /// header's `Debug` shows its name and attributes, never its value.
    #[test]
    fn errors_and_debug_output() {
        let l = ParseLimits::RFC6265BIS;
        let ctl = parse_set_cookie(b"a=b\x01", &l).unwrap_err();
        assert_eq!(ctl.to_string(), "control character at byte 3");
        let big = format!("a={}", "b".repeat(4096));
        let large = parse_set_cookie(big.as_bytes(), &l).unwrap_err();
        assert_eq!(
            large.to_string(),
            "name and value are 4097 bytes, over the limit"
        );
        let debug = format!("{:?}", p("sid=SECRETVAL; Domain=example.com; Secure"));
        assert!(debug.starts_with("SetCookie {"), "{debug}");
        for shown in ["sid", "<redacted>", "example.com", "secure: true"] {
            assert!(debug.contains(shown), "{shown}: {debug}");
        }
        assert!(!debug.contains("SECRETVAL"), "{debug}");
    }

    #[test]
    fn size_limits() {
        let l = ParseLimits::RFC6265BIS;
        let big = format!("{}={}", "a".repeat(2048), "b".repeat(2048));
        assert!(parse_set_cookie(big.as_bytes(), &l).is_ok());
        let too_big = format!("{}={}", "a".repeat(2048), "b".repeat(2049));
        assert_eq!(
            parse_set_cookie(too_big.as_bytes(), &l),
            Err(SetCookieError::NameValueTooLarge(4097))
        );
        assert!(parse_set_cookie(too_big.as_bytes(), &ParseLimits::NONE).is_ok());
        let attr = format!("a=b; Path=/{}", "x".repeat(1023));
        assert!(p(&attr).path.is_some());
        let attr = format!("a=b; Path=/x; Path=/{}", "x".repeat(1024));
        assert_eq!(p(&attr).path, Some(PathAttribute::Explicit(b"/x")));
    }

    #[test]
    fn last_valid_attribute_wins() {
        let c = p("a=b; Max-Age=10; Max-Age=junk; max-age=-5x");
        assert_eq!(c.max_age, Some(10));
        let c = p("a=b; Max-Age=10; MAX-AGE=-3");
        assert_eq!(c.max_age, Some(-3));
        let c = p("a=b; Max-Age=99999999999999999999999");
        assert_eq!(c.max_age, Some(i64::MAX));
        let c = p("a=b; Path=/a; Path=b");
        assert_eq!(c.path, Some(PathAttribute::Default));
        let c = p("a=b; Path=/a; Path=");
        assert_eq!(c.path, Some(PathAttribute::Default));
        let c = p("a=b; Domain=.Example.com; domain=");
        assert_eq!(c.domain, Some(&b""[..]));
        let c = p("a=b; Domain=.Example.com");
        assert_eq!(c.domain, Some(&b"Example.com"[..]));
        assert!(c.domain_initial_dot);
        let c = p("a=b; SameSite=Lax; SameSite=bogus");
        assert_eq!(c.same_site, Some(SameSite::Default));
        let c = p("a=b; samesite=STRICT");
        assert_eq!(c.same_site, Some(SameSite::Strict));
    }

    #[test]
    fn flags_and_other_attributes() {
        let c = p("a=b; secure=false; HTTPONLY; Partitioned; Foo=Bar; baz;;");
        assert!(c.secure && c.http_only && c.partitioned);
        assert_eq!(
            c.other,
            vec![(&b"Foo"[..], Some(&b"Bar"[..])), (&b"baz"[..], None)]
        );
    }

    /// The RFC 2109 / RFC 2965 attributes have fields of their own (the
    /// last of each wins); an attribute with a value but no name is kept
    /// among the others, where an empty cookie-av is dropped.
    #[test]
    fn legacy_attributes() {
        let c = p(
            "a=b; Version=\"1\"; Comment=hi; CommentURL=\"http://x/\"; Port=\"80,8080\"; Discard",
        );
        assert_eq!(c.version, Some(&b"\"1\""[..]));
        assert_eq!(c.comment, Some(&b"hi"[..]));
        assert_eq!(c.comment_url, Some(&b"\"http://x/\""[..]));
        assert_eq!(c.port, Some(&b"\"80,8080\""[..]));
        assert!(c.discard);
        assert!(c.other.is_empty(), "{:?}", c.other);
        let c = p("a=b; Port=80; port; version=0; VERSION=2");
        assert_eq!((c.port, c.version), (Some(&b""[..]), Some(&b"2"[..])));
        assert!(!c.discard);
        let c = p("a=b; =x; ;");
        assert_eq!(c.other, vec![(&b""[..], Some(&b"x"[..]))]);
    }

    #[test]
    fn expires_is_a_cookie_date() {
        let c = p("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
        assert_eq!(c.expires, Some(1_623_233_894));
        let c = p("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Expires=never");
        assert_eq!(c.expires, Some(1_623_233_894));
    }

    #[test]
    fn word_wide_ctl_search_agrees_with_the_table() {
        let mut rng = 0x1234_5678_u64;
        for len in 0..64 {
            for _ in 0..200 {
                let v: Vec<u8> = (0..len)
                    .map(|_| {
                        rng ^= rng << 13;
                        rng ^= rng >> 7;
                        rng ^= rng << 17;
                        // Mostly printable, sometimes anything.
                        if rng.is_multiple_of(16) {
                            (rng >> 8) as u8
                        } else {
                            b' ' + (rng >> 8) as u8 % 95
                        }
                    })
                    .collect();
                let slow = v.iter().position(|&b| COOKIE_CTL[usize::from(b)]);
                assert_eq!(first_ctl(&v), slow, "{v:?}");
            }
        }
        for b in 0..=255u8 {
            let v = [b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b'a', b];
            assert_eq!(first_ctl(&v), COOKIE_CTL[usize::from(b)].then_some(9));
            let w = [b; 9];
            assert_eq!(first_ctl(&w), COOKIE_CTL[usize::from(b)].then_some(0));
        }
    }

    #[test]
    fn max_age_grammar() {
        assert_eq!(parse_max_age(b"0"), Some(0));
        assert_eq!(parse_max_age(b"-0"), Some(0));
        assert_eq!(parse_max_age(b"+5"), None);
        assert_eq!(parse_max_age(b"-"), None);
        assert_eq!(parse_max_age(b""), None);
        assert_eq!(parse_max_age(b"1 2"), None);
        assert_eq!(parse_max_age(b"-99999999999999999999"), Some(-i64::MAX));
    }
}
