//! Byte-level parsers for cookie headers.
//!
//! - [`set_cookie`]: the `Set-Cookie` header (RFC 6265bis §5.6), into a
//!   borrowed [`SetCookie`] view.
//! - [`legacy`]: ClientCookie's parsers for Netscape / RFC 2109
//!   `Set-Cookie` and RFC 2965 `Set-Cookie2` headers.
//!
//! Byte classes are `const`-built 256-entry tables, tested against their
//! definitions below.

pub mod legacy;
pub mod set_cookie;

pub use set_cookie::{parse_set_cookie, ParseLimits, PathAttribute, SetCookie, SetCookieError};

/// Builds a 256-entry table from a `const fn` predicate over bytes.
macro_rules! byte_table {
    ($pred:ident) => {{
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = $pred(i as u8);
            i += 1;
        }
        t
    }};
}
pub(crate) use byte_table;

const fn is_cookie_ctl(b: u8) -> bool {
    // RFC 6265bis §5.6 step 1: %x00-08 / %x0A-1F / %x7F (CTLs but HTAB).
    b <= 0x08 || (b >= 0x0A && b <= 0x1F) || b == 0x7F
}

/// RFC 6265bis §5.6: the control characters that make a user agent ignore
/// a `Set-Cookie` header entirely (every CTL except HTAB).
pub(crate) static COOKIE_CTL: [bool; 256] = byte_table!(is_cookie_ctl);

/// WSP (RFC 5234): space and horizontal tab, trimmed around names, values
/// and attributes (RFC 6265bis §5.6).
#[inline]
pub(crate) fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Removes leading and trailing WSP.
#[inline]
pub(crate) fn trim_wsp(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if is_wsp(*first) {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = s {
        if is_wsp(*last) {
            s = rest;
        } else {
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctl_table_matches_definition() {
        for b in 0..=255u8 {
            let expect = matches!(b, 0x00..=0x08 | 0x0A..=0x1F | 0x7F);
            assert_eq!(COOKIE_CTL[usize::from(b)], expect, "byte {b:#04x}");
        }
        assert!(!COOKIE_CTL[usize::from(b'\t')]);
    }

    #[test]
    fn trims_only_wsp() {
        assert_eq!(trim_wsp(b" \t a b \t"), b"a b");
        assert_eq!(trim_wsp(b"\r a"), b"\r a");
        assert_eq!(trim_wsp(b"   "), b"");
        assert_eq!(trim_wsp(b""), b"");
    }
}
