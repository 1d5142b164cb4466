//! Internet Explorer 5 / 6 per-site cookie files (`user@site[1].txt`),
//! read only, as mechanize's `MSIECookieJar` and libwww-perl's
//! `HTTP::Cookies::Microsoft` read them.
//!
//! Each cookie is a record of nine lines:
//!
//! ```text
//! sid                  name
//! abc123               value
//! www.example.com/     host and path: the host up to the first '/', then the path
//! 9216                 flags (decimal)
//! 2385179648           expiry, low 32 bits of a FILETIME
//! 31082143             expiry, high 32 bits
//! 3530927744           creation, low 32 bits
//! 30894720             creation, high 32 bits
//! *                    end of the record
//! ```
//!
//! A FILETIME counts 100-nanosecond intervals since 1601-01-01 UTC.
//!
//! # Mapping
//!
//! - The flags are WinINet's `INTERNET_COOKIE_*` bits: `0x1` is secure
//!   (`INTERNET_COOKIE_IS_SECURE`, as libwww-perl reads it) and `0x2000`
//!   http-only (`INTERNET_COOKIE_HTTPONLY`; mechanize guessed this bit
//!   meant secure). The number is also kept as the other attribute
//!   `flags`, as mechanize does.
//! - A host starting with a dot is a domain cookie. Other hosts are read as
//!   host-only cookies: MSIE does not record whether a `Domain` attribute
//!   was given, and host-only is the conservative reading (mechanize's
//!   `domain_specified=False`).
//! - The expiry and creation time are exact to 100 ns (clamped to the
//!   years -9999 to 9999); the last-access time is the creation time;
//!   version, port and comments are absent.
//!
//! # Reading
//!
//! mechanize stops at the first malformed record. Here, strict mode fails
//! with the line number, and lenient mode (this format's default) skips the
//! record, lists it in [`Loaded::skipped`], and resumes after the next `*`
//! line. Empty names and values are read (mechanize stops at them); lines
//! end at `\n`, `\r\n` or `\r`; blank lines after the last record are
//! ignored.

use time::OffsetDateTime;

use super::{Format, LoadOptions, Loaded, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::short_str::ShortStr;
use crate::time_util::{from_unix, MAX_UNIX, MIN_UNIX};

/// What the file is called in errors.
pub(crate) const WHAT: &str = "msie cookie file";

/// `INTERNET_COOKIE_IS_SECURE`.
const SECURE: u32 = 0x1;
/// `INTERNET_COOKIE_HTTPONLY`.
const HTTP_ONLY: u32 = 0x2000;
/// 100-ns intervals from 1601-01-01 to 1970-01-01.
const FILETIME_UNIX_EPOCH: i128 = 116_444_736_000_000_000;

/// Whether the input starts with a record's shape (for
/// [`Format::detect`]).
pub(crate) fn looks_like_record(input: &[u8]) -> bool {
    let lines: Vec<&[u8]> = super::Lines::new(input).map(|(_, l)| l).take(9).collect();
    let [_, _, host_path, numbers @ .., end] = &lines[..] else {
        return false;
    };
    numbers.len() == 5
        && host_path.contains(&b'/')
        && !host_path.starts_with(b"/")
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit))
        && *end == b"*"
}

/// A FILETIME (100-ns intervals since 1601) as a UTC time, clamped.
fn filetime(low: u32, high: u32) -> OffsetDateTime {
    let ticks = (i128::from(high) << 32) | i128::from(low);
    let nanos = (ticks - FILETIME_UNIX_EPOCH) * 100;
    let secs = nanos.div_euclid(1_000_000_000);
    if secs < i128::from(MIN_UNIX) || secs > i128::from(MAX_UNIX) {
        return from_unix(if secs < 0 { MIN_UNIX } else { MAX_UNIX });
    }
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// A decimal number line of a record.
fn number(line: &[u8]) -> Option<u32> {
    if line.is_empty() || !line.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(line).ok()?.parse().ok()
}

/// Reads an MSIE per-site cookie file. See the [module docs](self).
///
/// # Errors
///
/// In strict mode, a [`Syntax`](crate::ErrorKind::Syntax) error naming
/// the line of the first malformed record: fewer than nine lines, a
/// missing `*`, a host/path line without `/`, a number that is not a
/// 32-bit decimal, text that is not UTF-8. Lenient mode returns no error.
pub fn read(input: &[u8], options: &LoadOptions, now: OffsetDateTime) -> Result<Loaded, Error> {
    super::read(input, Format::Msie, options, now)
}

/// [`read`], with each cookie kept going to `sink`.
pub(crate) fn read_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let lines: Vec<(u64, &[u8])> = super::Lines::new(input).collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i..].iter().all(|(_, l)| l.trim_ascii().is_empty()) {
            break;
        }
        let record = &lines[i..lines.len().min(i + 9)];
        let first_line = lines[i].0;
        let next_star = lines[i..]
            .iter()
            .position(|(_, l)| *l == b"*")
            .map(|p| i + p + 1);
        match record_to_cookie(record) {
            Ok(cookie) => {
                sink.push(first_line, cookie);
                i += 9;
            }
            Err((line, message)) => {
                sink.refuse(line.max(first_line), message)?;
                // Resume after the next `*` line, or stop.
                i = next_star.unwrap_or(lines.len());
            }
        }
    }
    Ok(())
}

/// One record's cookie, or the line and reason it is malformed.
fn record_to_cookie(record: &[(u64, &[u8])]) -> Result<Cookie, (u64, String)> {
    let [name, value, host_path, flags, exp_lo, exp_hi, cr_lo, cr_hi, end] = record else {
        let last = record.last().map_or(0, |(n, _)| *n);
        return Err((
            last,
            format!("truncated record: expected 9 lines, found {}", record.len()),
        ));
    };
    if end.1 != b"*" {
        return Err((end.0, "expected \"*\" at the end of the record".to_owned()));
    }
    let text = |(n, l): &(u64, &[u8])| {
        std::str::from_utf8(l)
            .map(str::to_owned)
            .map_err(|_| (*n, "line is not valid UTF-8".to_owned()))
    };
    let num = |(n, l): &(u64, &[u8])| {
        number(l).ok_or_else(|| (*n, "expected a decimal number below 2^32".to_owned()))
    };
    let name_s = text(name)?;
    let value_s = text(value)?;
    let host_path_s = text(host_path)?;
    let flags_n = num(flags)?;
    let expires = filetime(num(exp_lo)?, num(exp_hi)?);
    let creation = filetime(num(cr_lo)?, num(cr_hi)?);
    let Some(slash) = host_path_s.find('/').filter(|&s| s > 0) else {
        return Err((host_path.0, "expected host/path".to_owned()));
    };
    let (host, path) = host_path_s.split_at(slash);
    let (host_only, domain) = match host.strip_prefix('.') {
        Some(d) => (false, ShortStr::ascii_lowercase(d)),
        None => (true, ShortStr::ascii_lowercase(host)),
    };
    Ok(Cookie {
        nv: NameValue::new(&name_s, &value_s),
        domain,
        host_only,
        path: ShortStr::new(path),
        expires: Some(expires.into()),
        creation: creation.into(),
        last_access: creation.into(),
        secure: flags_n & SECURE != 0,
        http_only: flags_n & HTTP_ONLY != 0,
        same_site: SameSite::Default,
        partitioned: false,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            domain_initial_dot: !host_only,
            rest: vec![("flags".to_owned(), Some(flags_n.to_string()))],
            ..LegacyParts::default()
        }
        .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Retain, Strictness};
    use super::*;

    fn keep_all() -> LoadOptions {
        LoadOptions::new()
            .session(Retain::Keep)
            .expired(Retain::Keep)
    }

    /// The FILETIME halves of a Unix time.
    fn ft(unix: i64) -> (u32, u32) {
        let ticks = (i128::from(unix) * 10_000_000 + FILETIME_UNIX_EPOCH) as u64;
        (ticks as u32, (ticks >> 32) as u32)
    }

    fn record(name: &str, value: &str, host_path: &str, flags: u32, exp: i64, cr: i64) -> String {
        let (el, eh) = ft(exp);
        let (cl, ch) = ft(cr);
        format!("{name}\n{value}\n{host_path}\n{flags}\n{el}\n{eh}\n{cl}\n{ch}\n*\n")
    }

    #[test]
    fn filetime_conversion() {
        // 1970-01-01 is FILETIME 0x019DB1DED53E8000 (mechanize's WIN32_EPOCH).
        assert_eq!(
            filetime(0xD53E_8000, 0x019D_B1DE),
            OffsetDateTime::UNIX_EPOCH
        );
        // A real record's expiry, 3740570240 / 29552060: 2003-03-19
        // 02:11:37 UTC by Python's `datetime`.
        let t = filetime(3_740_570_240, 29_552_060);
        assert_eq!(t.unix_timestamp(), 1_048_039_897);
        assert_eq!(filetime(1, 0).year(), 1601);
        assert_eq!(filetime(u32::MAX, u32::MAX).unix_timestamp(), MAX_UNIX);
        let t = filetime(0xD53E_8001, 0x019D_B1DE);
        assert_eq!(t.nanosecond(), 100);
    }

    #[test]
    fn reads_records() {
        let now = OffsetDateTime::from_unix_timestamp(1_100_000_000).unwrap();
        let input = record(
            "sid",
            "abc 123",
            "www.example.com/",
            9217,
            1_200_000_000,
            1_000_000_000,
        ) + &record(
            "lang",
            "",
            ".example.com/docs/",
            1024,
            1_200_000_000,
            1_000_000_000,
        ) + "\n\n";
        let loaded = read(input.as_bytes(), &LoadOptions::new(), now).unwrap();
        assert_eq!(loaded.skipped, []);
        let [sid, lang] = &loaded.cookies[..] else {
            panic!("{:?}", loaded.cookies)
        };
        assert_eq!(
            (sid.name(), sid.value(), sid.domain(), sid.path()),
            ("sid", "abc 123", "www.example.com", "/")
        );
        assert!(sid.host_only() && sid.secure() && sid.http_only());
        assert_eq!(
            sid.expires().map(|t| t.unix_timestamp()),
            Some(1_200_000_000)
        );
        assert_eq!(sid.creation_time().unix_timestamp(), 1_000_000_000);
        assert_eq!(
            sid.other_attributes().collect::<Vec<_>>(),
            [("flags", Some("9217"))]
        );
        assert_eq!(
            (lang.domain(), lang.path(), lang.value()),
            ("example.com", "/docs/", "")
        );
        assert!(
            !lang.host_only() && lang.domain_initial_dot() && !lang.secure() && !lang.http_only()
        );
    }

    #[test]
    fn expired_records_follow_options() {
        let now = OffsetDateTime::from_unix_timestamp(1_100_000_000).unwrap();
        let input = record("old", "1", "a.example/", 0, 1_000_000_500, 1_000_000_000);
        assert!(read(input.as_bytes(), &LoadOptions::new(), now)
            .unwrap()
            .cookies
            .is_empty());
        assert_eq!(
            read(input.as_bytes(), &keep_all(), now)
                .unwrap()
                .cookies
                .len(),
            1
        );
    }

    #[test]
    fn malformed_records() {
        let good = record("a", "1", "a.example/", 0, 2_000_000_000, 1_000_000_000);
        // (input, line of the error, message)
        let mut not_utf8 = good.clone().into_bytes();
        not_utf8[0] = 0xff;
        let cases: Vec<(Vec<u8>, u64, &str)> = vec![
            (
                good.replace("a.example/", "a.example").into(),
                3,
                "expected host/path",
            ),
            (
                good.replace("\n*\n", "\nx\n").into(),
                9,
                "expected \"*\" at the end of the record",
            ),
            (
                good.replacen("\n0\n", "\n-1\n", 1).into(),
                4,
                "expected a decimal number below 2^32",
            ),
            (
                good.replacen("\n0\n", "\n4294967296\n", 1).into(),
                4,
                "expected a decimal number below 2^32",
            ),
            (not_utf8, 1, "line is not valid UTF-8"),
            (
                (good.clone() + "b\n2\nb.example/\n").into(),
                12,
                "truncated record: expected 9 lines, found 3",
            ),
        ];
        for (input, line, message) in cases {
            let err = read(
                &input,
                &keep_all().strictness(Strictness::Strict),
                OffsetDateTime::UNIX_EPOCH,
            )
            .unwrap_err();
            assert_eq!(err.line(), Some(line), "{message}");
            assert_eq!(
                err.to_string(),
                format!("msie cookie file line {line}: {message}")
            );
            let lenient = read(&input, &keep_all(), OffsetDateTime::UNIX_EPOCH).unwrap();
            assert_eq!(lenient.skipped.len(), 1, "{message}");
            assert_eq!(lenient.skipped[0].line, line);
        }
    }

    #[test]
    fn resyncs_after_a_bad_record() {
        let good = |n: &str| record(n, "1", "a.example/", 0, 2_000_000_000, 1_000_000_000);
        let input = good("a") + "b\n1\na.example/\n0\n1\n*\n" + &good("c");
        let loaded = read(input.as_bytes(), &keep_all(), OffsetDateTime::UNIX_EPOCH).unwrap();
        let names: Vec<&str> = loaded.cookies.iter().map(Cookie::name).collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(loaded.skipped.len(), 1);
    }

    #[test]
    fn detects_shape() {
        let good = record("a", "1", "a.example/", 0, 2_000_000_000, 1_000_000_000);
        assert!(looks_like_record(good.as_bytes()));
        assert!(looks_like_record(good.replace('\n', "\r\n").as_bytes()));
        assert!(!looks_like_record(
            good.replace("a.example/", "/x").as_bytes()
        ));
        assert!(!looks_like_record(&good.as_bytes()[..good.len() - 2]));
    }
}
