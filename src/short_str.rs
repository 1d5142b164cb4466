//! [`ShortStr`]: the string type of a cookie's domain and path.
//!
//! Nearly every cookie domain and path is short (`example.com`, `/`,
//! `/shop/cart`). Keeping those inline in the [`Cookie`](crate::Cookie)
//! saves two heap allocations per stored cookie (and their headers), which
//! is most of what storing or loading a cookie costs besides parsing.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use crate::bytes::{HIGHS, ONES};

/// How many bytes a [`ShortStr`] holds without allocating: the most that
/// keeps it the size of a `String` (24 bytes on 64-bit targets).
const INLINE: usize = 22;

/// An immutable string kept inline when it has at most [`INLINE`] bytes,
/// and in an exactly sized heap allocation otherwise. Derefs to `str`;
/// compares, hashes and orders as its text.
#[derive(Clone)]
pub(crate) struct ShortStr(Repr);

#[derive(Clone)]
enum Repr {
    /// The text is `bytes[..len]`, always valid UTF-8 (it is only ever
    /// copied from a `str`).
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    Heap(Box<str>),
}

// The point of the type: as small as the `String` it replaces.
const _: () = assert!(std::mem::size_of::<ShortStr>() <= 24);

impl ShortStr {
    /// A copy of `s`.
    pub(crate) fn new(s: &str) -> ShortStr {
        ShortStr::inline(s, Case::Keep).unwrap_or_else(|| ShortStr(Repr::Heap(s.into())))
    }

    /// A copy of `s` with ASCII letters lower-cased (the canonical form of
    /// a domain, RFC 6265bis §5.1.2).
    pub(crate) fn ascii_lowercase(s: &str) -> ShortStr {
        ShortStr::inline(s, Case::Lower)
            .unwrap_or_else(|| ShortStr(Repr::Heap(s.to_ascii_lowercase().into_boxed_str())))
    }

    /// A copy of `b` with ASCII letters lower-cased, when `b` is all
    /// ASCII (`None` otherwise). Short input needs no UTF-8 check: ASCII
    /// is valid UTF-8.
    pub(crate) fn ascii_lowercase_ascii(b: &[u8]) -> Option<ShortStr> {
        if !b.is_ascii() {
            return None;
        }
        match ShortStr::inline_bytes(b, Case::Lower) {
            Some(s) => Some(s),
            None => {
                let s = String::from_utf8(b.to_ascii_lowercase()).ok()?;
                Some(ShortStr(Repr::Heap(s.into_boxed_str())))
            }
        }
    }

    /// `s` inline, in `case`, if it fits.
    fn inline(s: &str, case: Case) -> Option<ShortStr> {
        ShortStr::inline_bytes(s.as_bytes(), case)
    }

    /// `b` (UTF-8) inline, in `case`, if it fits. Copied with at most two
    /// overlapping fixed-size moves and lower-cased a word at a time:
    /// these strings are stored for every cookie.
    fn inline_bytes(b: &[u8], case: Case) -> Option<ShortStr> {
        let len = u8::try_from(b.len()).ok().filter(|_| b.len() <= INLINE)?;
        let mut buf = padded(b);
        if case == Case::Lower {
            for word in buf.chunks_exact_mut(8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(word);
                word.copy_from_slice(&ascii_lowercase_word(u64::from_le_bytes(w)).to_le_bytes());
            }
        }
        let mut bytes = [0u8; INLINE];
        bytes.copy_from_slice(&buf[..INLINE]);
        Some(ShortStr(Repr::Inline { len, bytes }))
    }

    /// The text.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: copied from a `str`, with ASCII-preserving
            // maps only. The fallback is never taken.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// The text as bytes (no UTF-8 check needed).
    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Heap(s) => s.as_bytes(),
        }
    }
}

/// Whether [`ShortStr::inline_bytes`] lower-cases ASCII letters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Keep,
    Lower,
}

/// `b` (at most 24 bytes) at the start of a zero-filled buffer.
#[inline]
fn padded(b: &[u8]) -> [u8; 24] {
    let mut out = [0u8; 24];
    let n = b.len();
    // Two moves of a fixed size cover any length in a size class; the
    // bytes they both write are the same.
    match n {
        16..=24 => {
            out[..16].copy_from_slice(&b[..16]);
            out[n - 16..n].copy_from_slice(&b[n - 16..]);
        }
        8..=15 => {
            out[..8].copy_from_slice(&b[..8]);
            out[n - 8..n].copy_from_slice(&b[n - 8..]);
        }
        4..=7 => {
            out[..4].copy_from_slice(&b[..4]);
            out[n - 4..n].copy_from_slice(&b[n - 4..]);
        }
        _ => out[..n.min(24)].copy_from_slice(&b[..n.min(24)]),
    }
    out
}

/// Eight bytes with the ASCII capitals lower-cased and every other byte
/// (UTF-8 lead and continuation bytes included) unchanged.
#[inline]
fn ascii_lowercase_word(w: u64) -> u64 {
    // Each byte's low seven bits plus a constant: the high bit then tells
    // `>= b'A'` or `> b'Z'`, and no sum carries into the next byte.
    let low7 = w & !HIGHS;
    let ge_a = low7 + ONES * (0x80 - u64::from(b'A'));
    let gt_z = low7 + ONES * (0x7f - u64::from(b'Z'));
    let upper = ge_a & !gt_z & !w & HIGHS;
    w | (upper >> 2)
}

impl Default for ShortStr {
    fn default() -> Self {
        ShortStr(Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }
}

impl Deref for ShortStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for ShortStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for ShortStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for ShortStr {
    fn from(s: &str) -> Self {
        ShortStr::new(s)
    }
}

impl From<String> for ShortStr {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            ShortStr::new(&s)
        } else {
            ShortStr(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl From<ShortStr> for String {
    fn from(s: ShortStr) -> Self {
        match s.0 {
            Repr::Heap(b) => b.into_string(),
            Repr::Inline { .. } => s.as_str().to_owned(),
        }
    }
}

impl PartialEq for ShortStr {
    fn eq(&self, other: &ShortStr) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl Eq for ShortStr {}

impl PartialEq<str> for ShortStr {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl PartialEq<&str> for ShortStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl PartialEq<ShortStr> for str {
    fn eq(&self, other: &ShortStr) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl PartialEq<ShortStr> for &str {
    fn eq(&self, other: &ShortStr) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl PartialEq<String> for ShortStr {
    fn eq(&self, other: &String) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialOrd for ShortStr {
    fn partial_cmp(&self, other: &ShortStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for ShortStr {
    fn cmp(&self, other: &ShortStr) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

// Hashes exactly as `str` does, so that `Borrow<str>` lookups work.
impl Hash for ShortStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ShortStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt(f)
    }
}

impl fmt::Display for ShortStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Inline or not, a `ShortStr` is its text: same bytes, same
        /// order, same hash, and lower-casing agrees with `str`'s.
        #[test]
        fn behaves_as_its_text(a in "(\\PC{0,40}|[a-zA-Z.-]{0,40})", b in "\\PC{0,40}") {
            let (sa, sb) = (ShortStr::new(&a), ShortStr::new(&b));
            prop_assert_eq!(sa.as_str(), a.as_str());
            prop_assert_eq!(sa.as_bytes(), a.as_bytes());
            prop_assert_eq!(sa == sb, a == b);
            prop_assert_eq!(sa.cmp(&sb), a.cmp(&b));
            let lower = ShortStr::ascii_lowercase(&a);
            prop_assert_eq!(lower.as_str(), a.to_ascii_lowercase());
            // From bytes: only ASCII text is taken.
            let from_bytes = ShortStr::ascii_lowercase_ascii(a.as_bytes());
            prop_assert_eq!(from_bytes.is_some(), a.is_ascii());
            if let Some(l) = from_bytes {
                prop_assert_eq!(l, lower);
            }
            prop_assert_eq!(String::from(ShortStr::from(a.clone())), a.clone());
            let hash = |x: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                x(&mut h);
                h.finish()
            };
            prop_assert_eq!(hash(&|h| sa.hash(h)), hash(&|h| a.as_str().hash(h)));
        }
    }

    /// The word-wide lower-casing is `u8::to_ascii_lowercase` on every
    /// byte value at every position.
    #[test]
    fn word_lowercase_is_bytewise() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"Az@[`{\x80\xff";
                bytes[at] = b;
                let want = bytes.map(|x| x.to_ascii_lowercase());
                let got = ascii_lowercase_word(u64::from_le_bytes(bytes)).to_le_bytes();
                assert_eq!(got, want, "{bytes:?}");
            }
        }
        for n in 0..=24 {
            let b: Vec<u8> = (1..=n as u8).collect();
            let p = padded(&b);
            assert_eq!(&p[..n], &b[..]);
            assert!(p[n..].iter().all(|&x| x == 0));
        }
    }

    #[test]
    fn inline_up_to_the_limit_then_heap() {
        let at = "a".repeat(INLINE);
        let over = "a".repeat(INLINE + 1);
        assert!(matches!(ShortStr::new(&at).0, Repr::Inline { .. }));
        assert!(matches!(ShortStr::new(&over).0, Repr::Heap(_)));
        assert!(matches!(ShortStr::from(over.clone()).0, Repr::Heap(_)));
        assert_eq!(ShortStr::ascii_lowercase(&"Ä".repeat(12)), "Ä".repeat(12));
        assert_eq!(ShortStr::default(), "");
    }
}
