//! Byte searches eight bytes at a time (SWAR: "SIMD within a register"),
//! for the parsers: the Set-Cookie parser looks for `;` and `=`, the file
//! readers for line ends and TABs. Portable and safe: each 8-byte chunk
//! is read as a `u64`, and a word XORed with the needle repeated has a
//! zero byte where the needle is.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each zero byte of `x`: exact for the lowest zero byte;
/// bytes above it may be set falsely by the borrow, so callers look only
/// at the lowest bit or confirm a hit bytewise.
#[inline]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The high bit of each zero byte of `x`, exactly (no borrow between
/// bytes): for counting.
#[inline]
fn zero_bytes_exact(x: u64) -> u64 {
    !(((x & !HIGHS).wrapping_add(!HIGHS)) | x) & HIGHS
}

/// The first offset in `s` at which `hit` (given a word, the high bits
/// of [`zero_bytes`] marks) finds something; `pad` fills the last
/// partial word and must not be a hit.
#[inline]
fn first(s: &[u8], pad: u8, hit: impl Fn(u64) -> u64) -> Option<usize> {
    let at = |word: [u8; 8]| {
        let m = hit(u64::from_le_bytes(word));
        // The lowest mark is exact; `trailing_zeros` never reaches the
        // false marks above it.
        (m != 0).then(|| (m.trailing_zeros() / 8) as usize)
    };
    let mut chunks = s.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if let Some(i) = at(word) {
            return Some(base + i);
        }
        base += 8;
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    at(tail_word(rest, pad).to_le_bytes()).map(|i| base + i)
}

/// The last partial word of a search: `rest` (1 to 7 bytes) then `pad`
/// bytes, as a little-endian word. Read with at most two overlapping
/// fixed-size loads (overlapping bytes land on the same positions with
/// the same values), not a copy of variable length, which compiles to a
/// `memcpy` call: a search runs several times per `Set-Cookie` header.
#[inline]
fn tail_word(rest: &[u8], pad: u8) -> u64 {
    let n = rest.len();
    let w = match rest {
        [a, b, c, d, ..] => {
            let hi = [rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]];
            u64::from(u32::from_le_bytes([*a, *b, *c, *d]))
                | (u64::from(u32::from_le_bytes(hi)) << (8 * (n - 4)))
        }
        [a, b, ..] => {
            u64::from(u16::from_le_bytes([*a, *b]))
                | (u64::from(u16::from_le_bytes([rest[n - 2], rest[n - 1]])) << (8 * (n - 2)))
        }
        [a] => u64::from(*a),
        [] => 0,
    };
    let kept = match n {
        0 => 0,
        1..=7 => (1u64 << (8 * n)) - 1,
        _ => u64::MAX,
    };
    (w & kept) | ((ONES * u64::from(pad)) & !kept)
}

/// The offset of the first `needle` in `s`.
#[inline]
pub(crate) fn find(s: &[u8], needle: u8) -> Option<usize> {
    let pattern = ONES * u64::from(needle);
    first(s, !needle, |w| zero_bytes(w ^ pattern))
}

/// The offset of the first `a` or `b` in `s`. Always inlined: with
/// constant `a` and `b` the padding byte is found at compile time (a
/// file load splits every line with it; called, it cost 4% more
/// instructions).
#[inline(always)]
pub(crate) fn find2(s: &[u8], a: u8, b: u8) -> Option<usize> {
    let (pa, pb) = (ONES * u64::from(a), ONES * u64::from(b));
    // A byte that is neither: one of three values is always free.
    let pad = [0u8, 1, 2].into_iter().find(|p| *p != a && *p != b)?;
    first(s, pad, |w| zero_bytes(w ^ pa) | zero_bytes(w ^ pb))
}

/// Whether `s` holds a control character other than HTAB (%x00-08 /
/// %x0A-1F / %x7F: RFC 6265bis §5.6 step 1): a whole line or field at
/// once, without a branch per byte (a file load checks every line; in an
/// instruction count this was cheaper than a word-wide test with TABs
/// masked out, which `cookies.txt` lines hold six of). The parser's
/// search for the first one is `first_ctl` in `parse::set_cookie`, tuned
/// for headers, which rarely hold a TAB.
#[inline]
pub(crate) fn has_ctl(s: &[u8]) -> bool {
    s.iter().fold(0u8, |bad, &c| {
        bad | (u8::from(c < 0x20) & u8::from(c != b'\t')) | u8::from(c == 0x7f)
    }) != 0
}

/// Whether `needle` occurs twice in a row in `s` (a domain's `..`):
/// words read seven bytes apart, so that every pair of neighbours lies
/// in one of them.
#[inline]
pub(crate) fn has_pair(s: &[u8], needle: u8) -> bool {
    let pattern = ONES * u64::from(needle);
    let pair = |w: u64| {
        let z = zero_bytes_exact(w ^ pattern);
        z & (z >> 8) != 0
    };
    let mut i = 0;
    while let Some(chunk) = s.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if pair(u64::from_le_bytes(word)) {
            return true;
        }
        i += 7;
    }
    let rest = &s[i..];
    // Padded with a byte that is not `needle`.
    rest.len() > 1 && pair(tail_word(rest, !needle))
}

/// How many times `needle` occurs in `s`.
pub(crate) fn count(s: &[u8], needle: u8) -> usize {
    let pattern = ONES * u64::from(needle);
    let mut chunks = s.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        n += zero_bytes_exact(u64::from_le_bytes(word) ^ pattern).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b == needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `has_pair` is the bytewise search, at every length and position a
    /// word loop and its tail split.
    #[test]
    fn has_pair_is_windows() {
        for len in 0..40 {
            for first in 0..len {
                for gap in 1..3 {
                    let mut s = vec![b'a'; len];
                    s[first] = b'.';
                    if first + gap < len {
                        s[first + gap] = b'.';
                    }
                    let want = s.windows(2).any(|w| w == b"..");
                    assert_eq!(has_pair(&s, b'.'), want, "{len} {first} {gap}");
                }
            }
        }
        assert!(!has_pair(b"", b'.'));
        assert!(!has_pair(b".", b'.'));
        assert!(has_pair(b"..", b'.'));
    }

    /// `has_ctl` is the control-character table, over every byte at
    /// every position of every length a vector loop and its tail split.
    #[test]
    fn has_ctl_is_the_table() {
        use crate::parse::COOKIE_CTL;
        for len in 1..70 {
            for at in [0, len / 2, len - 1] {
                for b in 0..=255u8 {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    assert_eq!(has_ctl(&s), COOKIE_CTL[usize::from(b)], "{len} {at} {b}");
                }
            }
        }
        assert!(!has_ctl(b""));
        assert!(!has_ctl(
            b"site.com\tFALSE\t/\tTRUE\t0\tsid\tv a;l=u\xc3\xa9"
        ));
    }
    use proptest::prelude::*;

    #[test]
    fn tail_word_is_the_bytes_then_padding() {
        let bytes = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
        for n in 1..=7 {
            for pad in [0u8, 0xc4, 0xff] {
                let mut want = [pad; 8];
                want[..n].copy_from_slice(&bytes[..n]);
                assert_eq!(
                    tail_word(&bytes[..n], pad),
                    u64::from_le_bytes(want),
                    "{n} {pad}"
                );
            }
        }
    }

    fn bytes_with(needles: &[u8]) -> impl Strategy<Value = Vec<u8>> {
        // Bytes near the needles, to exercise the borrow between bytes.
        let near: Vec<u8> = needles
            .iter()
            .flat_map(|&n| [n, n.wrapping_add(1), n.wrapping_sub(1), 0, 0x80])
            .collect();
        proptest::collection::vec(
            prop_oneof![any::<u8>(), proptest::sample::select(near)],
            0..40,
        )
    }

    proptest! {
        /// Each search agrees with a byte loop, wherever the needle is (or
        /// is not) relative to the 8-byte words.
        #[test]
        fn searches_agree_with_byte_loops(
            (a, b, s) in (any::<u8>(), any::<u8>()).prop_flat_map(|(a, b)| (Just(a), Just(b), bytes_with(&[a, b])))
        ) {
            for cut in 0..=s.len() {
                let s = &s[cut..];
                prop_assert_eq!(find(s, a), s.iter().position(|&x| x == a));
                prop_assert_eq!(find2(s, a, b), s.iter().position(|&x| x == a || x == b));
                prop_assert_eq!(count(s, a), s.iter().filter(|&&x| x == a).count());
            }
        }
    }

    #[test]
    fn edges() {
        assert_eq!(find(b"", b';'), None);
        assert_eq!(find(b";", b';'), Some(0));
        assert_eq!(find(b"abcdefgh;", b';'), Some(8));
        assert_eq!(find(b"abcdefg;", b';'), Some(7));
        // Padding must not match, whatever the needle.
        assert_eq!(find(b"abc", 0xff), None);
        assert_eq!(find(b"abc", 0x00), None);
        assert_eq!(find2(b"abc", 0x00, 0x01), None);
        assert_eq!(find2(b"abc", 0x01, 0x02), None);
        assert_eq!(find(&[0x00, 0x01, 0x00], 0x01), Some(1));
        // A borrow out of a matching byte must not hide an earlier match.
        assert_eq!(
            find(&[0x3c, 0x3b, 0x3b, 0, 0, 0, 0, 0, 0x3b], b';'),
            Some(1)
        );
        assert_eq!(find2(b"ab\rcd\n", b'\n', b'\r'), Some(2));
        assert_eq!(find2(b"abcdefghij\n\r", b'\n', b'\r'), Some(10));
        // Every byte value next to a needle is counted exactly.
        let all: Vec<u8> = (0..=255).collect();
        for n in 0..=255u8 {
            assert_eq!(count(&all, n), 1);
            assert_eq!(count(&[n; 17], n), 17);
        }
    }
}
