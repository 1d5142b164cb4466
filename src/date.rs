//! Dates in cookies.
//!
//! - [`parse_cookie_date`]: the cookie-date algorithm of RFC 6265bis §5.1.1
//!   (the same as RFC 6265 §5.1.1), which every `Expires` attribute of a
//!   `Set-Cookie` header goes through under RFC 6265bis rules.
//! - [`http2time`] and [`iso2time`]: ClientCookie's liberal date parsers
//!   (Python `http.cookiejar.http2time` / `iso2time`), used under
//!   ClientCookie rules and by the LWP file format.
//! - [`time2isoz`] and [`time2netscape`]: ClientCookie's printers.
//!
//! All parsers work on bytes with no regular expressions and never panic.
//!
//! # Deliberate deviations from Python
//!
//! - Two-digit years follow RFC 6265 §5.1.1 (70-99 → 1970-1999, 0-69 →
//!   2000-2069). Python picks the century closest to the current year, so
//!   the same header parses differently from year to year. Three-digit
//!   years are read as written (Python gives them a century the same way:
//!   `999` reads as 2899 in 2026).
//! - ISO dates are read left to right without backtracking: `1994/29`
//!   is no date; Python's regular expression backtracks to month 2, day 9.
//! - Dates before 1970 are dates (in the past); Python's `http2time`
//!   returns `None` for them, turning an expired cookie into a session one.
//! - A month name that is not a month, in the strict `Wdy, DD Mon YYYY`
//!   form, is `None`; Python raises `ValueError` (and drops every cookie of
//!   the response). Fractional ISO seconds are truncated; Python raises.
//! - [`http2time`] also reads asctime (`Wed Feb  9 22:23:32 1994`) and,
//!   failing everything else, the ISO 8601 forms of [`iso2time`].

use time::OffsetDateTime;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const fn is_delimiter(b: u8) -> bool {
    // RFC 6265bis §5.1.1: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
    b == 0x09
        || (b >= 0x20 && b <= 0x2F)
        || (b >= 0x3B && b <= 0x40)
        || (b >= 0x5B && b <= 0x60)
        || (b >= 0x7B && b <= 0x7E)
}

/// RFC 6265bis §5.1.1 delimiter bytes.
static DELIMITER: [bool; 256] = crate::parse::byte_table!(is_delimiter);

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; the
/// day may overflow the month, as `timegm` allows).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + (day - 1)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn to_datetime(secs: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(secs).ok()
}

/// Leading ASCII digits of `s`: (value, count), at most `max` digits.
fn digits(s: &[u8], max: usize) -> (i64, usize) {
    let mut v: i64 = 0;
    let mut n = 0;
    while n < max {
        match s.get(n) {
            Some(d) if d.is_ascii_digit() => {
                v = v * 10 + i64::from(d - b'0');
                n += 1;
            }
            _ => break,
        }
    }
    (v, n)
}

/// `1*max DIGIT ( non-digit *OCTET )`: the digits, if 1..=max of them are
/// followed by the end or a non-digit.
fn leading_number(tok: &[u8], max: usize) -> Option<(i64, usize)> {
    let (v, n) = digits(tok, max);
    if n == 0 || tok.get(n).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((v, n))
}

/// `hms-time ( non-digit *OCTET )`.
fn parse_time(tok: &[u8]) -> Option<(i64, i64, i64)> {
    let (h, n1) = leading_number(tok, 2)?;
    let rest = tok.get(n1..)?.strip_prefix(b":")?;
    let (m, n2) = leading_number(rest, 2)?;
    let rest = rest.get(n2..)?.strip_prefix(b":")?;
    let (s, _) = leading_number(rest, 2)?;
    Some((h, m, s))
}

/// The first three bytes of `tok` in lower case, as a little-endian
/// word, for comparing with [`word3`] of a lower-case name: OR-ing in
/// 0x20 lowercases an ASCII capital and turns no other byte into a
/// lower-case letter, so for names made of letters, the words are equal
/// exactly when the bytes are equal ignoring ASCII case.
fn folded3(tok: &[u8]) -> Option<u32> {
    match tok {
        [a, b, c, ..] => Some(u32::from_le_bytes([a | 0x20, b | 0x20, c | 0x20, 0])),
        _ => None,
    }
}

/// A three-letter lower-case name as [`folded3`] gives it.
const fn word3(name: &[u8; 3]) -> u32 {
    u32::from_le_bytes([name[0], name[1], name[2], 0])
}

/// RFC 6265bis §5.1.1 `month`: the month whose name the token starts
/// with (case-insensitive), 1-12.
fn month_of(tok: &[u8]) -> Option<i64> {
    const JAN: u32 = word3(b"jan");
    const FEB: u32 = word3(b"feb");
    const MAR: u32 = word3(b"mar");
    const APR: u32 = word3(b"apr");
    const MAY: u32 = word3(b"may");
    const JUN: u32 = word3(b"jun");
    const JUL: u32 = word3(b"jul");
    const AUG: u32 = word3(b"aug");
    const SEP: u32 = word3(b"sep");
    const OCT: u32 = word3(b"oct");
    const NOV: u32 = word3(b"nov");
    const DEC: u32 = word3(b"dec");
    Some(match folded3(tok)? {
        JAN => 1,
        FEB => 2,
        MAR => 3,
        APR => 4,
        MAY => 5,
        JUN => 6,
        JUL => 7,
        AUG => 8,
        SEP => 9,
        OCT => 10,
        NOV => 11,
        DEC => 12,
        _ => return None,
    })
}

/// Whether `tok` starts with an English weekday abbreviation
/// (case-insensitive).
fn is_weekday(tok: &[u8]) -> bool {
    const DAYS: [u32; 7] = [
        word3(b"mon"),
        word3(b"tue"),
        word3(b"wed"),
        word3(b"thu"),
        word3(b"fri"),
        word3(b"sat"),
        word3(b"sun"),
    ];
    folded3(tok).is_some_and(|w| DAYS.contains(&w))
}

/// RFC 6265bis §5.1.1: parses a cookie-date. Tokens are split at the
/// delimiters; the first token that is a time, then a day of month, a
/// month and a year (in that order of trial) fills each field; two-digit
/// years are 1970-2069; the date must exist and be at or after 1601.
pub fn parse_cookie_date(input: &[u8]) -> Option<OffsetDateTime> {
    cookie_date_unix(input).and_then(to_datetime)
}

/// [`parse_cookie_date`] as Unix seconds (what the parser stores). The
/// years it accepts (1601 to 9999) are all within `OffsetDateTime`'s
/// range, so the two never disagree.
pub(crate) fn cookie_date_unix(input: &[u8]) -> Option<i64> {
    if let Some(t) = imf_fixdate(input) {
        return Some(t);
    }
    let mut time: Option<(i64, i64, i64)> = None;
    let mut day: Option<i64> = None;
    let mut month: Option<i64> = None;
    let mut year: Option<i64> = None;
    for tok in input
        .split(|&b| DELIMITER[usize::from(b)])
        .filter(|t| !t.is_empty())
    {
        if time.is_none() {
            if let Some(t) = parse_time(tok) {
                time = Some(t);
                continue;
            }
        }
        if day.is_none() {
            if let Some((d, _)) = leading_number(tok, 2) {
                day = Some(d);
                continue;
            }
        }
        if month.is_none() {
            if let Some(m) = month_of(tok) {
                month = Some(m);
                continue;
            }
        }
        if year.is_none() {
            if let Some((y, n)) = leading_number(tok, 4) {
                if n >= 2 {
                    year = Some(y);
                    continue;
                }
            }
        }
    }
    let (h, mi, s) = time?;
    let (day, month, mut year) = (day?, month?, year?);
    if (70..=99).contains(&year) {
        year += 1900;
    } else if (0..=69).contains(&year) {
        year += 2000;
    }
    if !(1..=31).contains(&day) || year < 1601 || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    if day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + mi * 60 + s)
}

/// The common `Sun, 06 Nov 1994 08:49:37 GMT` form, read directly. It
/// gives what the §5.1.1 algorithm gives for it (the weekday is no month,
/// so each field lands where the algorithm puts it); anything else returns
/// `None` and takes the general path.
fn imf_fixdate(s: &[u8]) -> Option<i64> {
    if s.len() != 29
        || s[3] != b','
        || s[4] != b' '
        || s[7] != b' '
        || s[11] != b' '
        || s[16] != b' '
        || s[19] != b':'
        || s[22] != b':'
        || &s[25..] != b" GMT"
        || !is_weekday(s)
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let (v, n) = digits(&s[r.clone()], r.len());
        (n == r.len()).then_some(v)
    };
    let day = num(5..7)?;
    let month = month_of(&s[8..11])?;
    let year = num(12..16)?;
    let (h, mi, sec) = (num(17..19)?, num(20..22)?, num(23..25)?);
    if !(1..=31).contains(&day) || year < 1601 || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    if day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + mi * 60 + sec)
}

fn is_py_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn skip_space(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| is_py_space(**b)).count();
    &s[n..]
}

/// ClientCookie's `offset_from_tz_string`: `GMT`, `UTC`, `UT`, `Z` or
/// `[+-]h[h][:][mm]` (Python's `^([-+])?(\d\d?):?(\d\d)?$`, whose
/// backtracking reads `+100` as one hour), as seconds east of UTC.
fn tz_offset(tz: &[u8]) -> Option<i64> {
    let up = tz.to_ascii_uppercase();
    if matches!(up.as_slice(), b"GMT" | b"UTC" | b"UT" | b"Z") {
        return Some(0);
    }
    let (neg, rest) = match tz.first() {
        Some(b'-') => (true, &tz[1..]),
        Some(b'+') => (false, &tz[1..]),
        _ => (false, tz),
    };
    // The hours take two digits only if the minutes still fit after them.
    let (hours, minutes) = match rest.iter().position(|&b| b == b':') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None if rest.len() == 3 => rest.split_at(1),
        None => rest.split_at(rest.len().min(2)),
    };
    let number = |d: &[u8], ok: &[usize]| {
        let (v, n) = digits(d, 2);
        (n == d.len() && ok.contains(&n)).then_some(v)
    };
    let h = number(hours, &[1, 2])?;
    let m = number(minutes, &[0, 2])?;
    let off = h * 3600 + m * 60;
    Some(if neg { -off } else { off })
}

/// ClientCookie's `_str2time` (with the deviations of the module docs):
/// `timegm` semantics (an hour of 24 or a day past the month's end roll
/// over), then the zone offset.
fn str2time(
    day: i64,
    month: &[u8],
    year: i64,
    hms: (i64, i64, i64),
    tz: Option<&[u8]>,
) -> Option<OffsetDateTime> {
    if year > 9999 {
        return None;
    }
    let month = match MONTHS
        .iter()
        .position(|m| month.eq_ignore_ascii_case(m.as_bytes()))
    {
        Some(i) => i as i64 + 1,
        None => {
            let (m, n) = digits(month, 2);
            if n == 0 || n != month.len() || !(1..=12).contains(&m) {
                return None;
            }
            m
        }
    };
    let year = match year {
        0..=69 => year + 2000,
        70..=99 => year + 1900,
        y => y,
    };
    let (h, mi, s) = hms;
    if !(1..=31).contains(&day) || h > 24 || mi > 59 || s > 61 {
        return None;
    }
    let offset = match tz {
        Some(tz) => tz_offset(tz)?,
        None => 0,
    };
    let t = days_from_civil(year, month, day) * 86_400 + h * 3600 + mi * 60 + s;
    to_datetime(t - offset)
}

/// Strips ClientCookie's `WEEKDAY_RE`: a leading day name (any case, any
/// letters after its first three), an optional comma and spaces.
fn strip_weekday(s: &[u8]) -> &[u8] {
    let Some(head) = s.get(..3) else {
        return s;
    };
    const NAMES: [&[u8]; 7] = [b"sun", b"mon", b"tue", b"wed", b"thu", b"fri", b"sat"];
    if !NAMES.iter().any(|n| head.eq_ignore_ascii_case(n)) {
        return s;
    }
    let mut rest = &s[3..];
    let n = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    rest = &rest[n..];
    rest = rest.strip_prefix(b",").unwrap_or(rest);
    skip_space(rest)
}

/// `(?:\s+|[-/])`.
fn date_sep(s: &[u8]) -> Option<&[u8]> {
    match s.first() {
        Some(b'-' | b'/') => Some(&s[1..]),
        Some(b) if is_py_space(*b) => Some(skip_space(s)),
        _ => None,
    }
}

/// The tail of ClientCookie's `LOOSE_HTTP_DATE_RE` after the clock:
/// `\s* (zone \s*)? (\(\w+\) \s*)? $`.
fn loose_tail(s: &[u8]) -> Option<Option<&[u8]>> {
    let s = skip_space(s);
    let (tz, rest) = {
        let sign = usize::from(matches!(s.first(), Some(b'+' | b'-')));
        let nd = s[sign..].iter().take_while(|b| b.is_ascii_digit()).count();
        let na = s.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        if (2..=4).contains(&nd) {
            (Some(&s[..sign + nd]), &s[sign + nd..])
        } else if sign == 0
            && na > 0
            && !s[..na].eq_ignore_ascii_case(b"am")
            && !s[..na].eq_ignore_ascii_case(b"pm")
        {
            (Some(&s[..na]), &s[na..])
        } else {
            (None, s)
        }
    };
    let mut rest = skip_space(rest);
    if let Some(inner) = rest.strip_prefix(b"(") {
        let n = inner
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        if n > 0 && inner.get(n) == Some(&b')') {
            rest = skip_space(&inner[n + 1..]);
        }
    }
    rest.is_empty().then_some(tz)
}

/// ClientCookie's `LOOSE_HTTP_DATE_RE`: `day sep month sep year [clock]
/// [zone] [(comment)]`.
fn loose_http_date(s: &[u8]) -> Option<OffsetDateTime> {
    let (day, n) = digits(s, 2);
    if n == 0 {
        return None;
    }
    let s = date_sep(&s[n..])?;
    let mn = s
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    if mn == 0 {
        return None;
    }
    let month = &s[..mn];
    let s = date_sep(&s[mn..])?;
    let yn = s.iter().take_while(|b| b.is_ascii_digit()).count();
    if yn == 0 || yn > 9 {
        return None;
    }
    let (year, _) = digits(s, yn);
    let s = &s[yn..];
    // Optional clock: (\s+|:) hh:mm(:ss)?
    let clock = (|| {
        let t = match s.first() {
            Some(b':') => &s[1..],
            Some(b) if is_py_space(*b) => skip_space(s),
            _ => return None,
        };
        let (h, n1) = digits(t, 2);
        if n1 == 0 {
            return None;
        }
        let t = t.get(n1..)?.strip_prefix(b":")?;
        let (m, n2) = digits(t, 2);
        if n2 != 2 {
            return None;
        }
        let t = &t[2..];
        if let Some(u) = t.strip_prefix(b":") {
            let (sec, n3) = digits(u, 2);
            if n3 == 2 {
                return Some(((h, m, sec), &u[2..]));
            }
        }
        Some(((h, m, 0), t))
    })();
    if let Some((hms, rest)) = clock {
        if let Some(tz) = loose_tail(rest) {
            return str2time(day, month, year, hms, tz);
        }
    }
    let tz = loose_tail(s)?;
    str2time(day, month, year, (0, 0, 0), tz)
}

/// asctime: `Mon DD HH:MM:SS YYYY` (after the weekday).
fn asctime(s: &[u8]) -> Option<OffsetDateTime> {
    let month = s.get(..3)?;
    let s = skip_space(s.get(3..)?);
    let (day, n) = digits(s, 2);
    if n == 0 {
        return None;
    }
    let s = skip_space(&s[n..]);
    let hms = parse_time(s)?;
    let s = s.get(s.iter().take_while(|b| !is_py_space(**b)).count()..)?;
    let s = skip_space(s);
    let (year, n) = digits(s, 4);
    if n != 4 {
        return None;
    }
    let tz = loose_tail(&s[n..])?;
    str2time(day, month, year, hms, tz)
}

/// ClientCookie / Python `http.cookiejar.http2time`: parses the dates HTTP
/// servers send, loosely: RFC 1123 (`Wed, 09 Feb 1994 22:23:32 GMT`), RFC
/// 850 (`Tuesday, 08-Feb-94 14:15:29 GMT`), the same without weekday or
/// with a four-digit year, an optional clock, a zone (`GMT`, `UTC`, `UT`,
/// `Z`, `+0100`, `-08:00`, with an optional `(PST)` comment); plus asctime
/// and the forms of [`iso2time`]. First, as Python, the strict RFC 1123
/// form with any weekday of its shape (`Mer, 09 Feb 1994 22:23:32 GMT`).
/// `None` for anything else, for an unknown zone name, and for a date
/// outside years 1-9999; unlike Python, also for a year of more than 9
/// digits, leading zeros included (`09 Feb 0000001994`, which Python
/// reads as 1994), so that no number overflows.
pub fn http2time(text: &str) -> Option<OffsetDateTime> {
    if let Some(answer) = strict_http_date(text.as_bytes()) {
        return answer;
    }
    let s = skip_space(text.as_bytes());
    let s = strip_weekday(s);
    loose_http_date(s)
        .or_else(|| asctime(s))
        .or_else(|| iso2time(text))
}

/// Python's first try in `http2time`, `STRICT_DATE_RE`: exactly
/// `Wdy, DD Mon YYYY HH:MM:SS GMT`, where the weekday is any of S, M, T,
/// W, F and two lower-case letters (never checked: `Mer, 09 Feb 1994
/// 22:23:32 GMT` reads, which the loose forms refuse). `None` when the
/// text is not of that form (the loose forms are tried next), else the
/// answer, which is final, as in Python (an unknown month name, where
/// Python raises, goes on to the loose forms).
fn strict_http_date(b: &[u8]) -> Option<Option<OffsetDateTime>> {
    let b: &[u8; 29] = b.try_into().ok()?;
    let digits_at = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shape = b"SMTWF".contains(&b[0])
        && b[1..3].iter().all(u8::is_ascii_lowercase)
        && &b[3..5] == b", "
        && digits_at(5..7)
        && b[7] == b' '
        && b"JFMASOND".contains(&b[8])
        && b[9..11].iter().all(u8::is_ascii_lowercase)
        && b[11] == b' '
        && digits_at(12..16)
        && b[16] == b' '
        && digits_at(17..19)
        && b[19] == b':'
        && digits_at(20..22)
        && b[22] == b':'
        && digits_at(23..25)
        && &b[25..] == b" GMT";
    let month = &b[8..11];
    if !shape
        || !MONTHS
            .iter()
            .any(|m| month.eq_ignore_ascii_case(m.as_bytes()))
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| digits(&b[r], 4).0;
    let hms = (num(17..19), num(20..22), num(23..25));
    Some(str2time(num(5..7), month, num(12..16), hms, Some(b"GMT")))
}

/// `[-/]?`.
fn opt_sep(s: &[u8]) -> &[u8] {
    match s.first() {
        Some(b'-' | b'/') => &s[1..],
        _ => s,
    }
}

/// ClientCookie / Python `http.cookiejar.iso2time`: the ISO 8601 forms
/// `1994-02-03 14:15:29 -0100`, `1994-02-03T14:15:29`, `1994-02-03`,
/// `19940203T141529Z`, `19940203`, with `/` or no date separators.
pub fn iso2time(text: &str) -> Option<OffsetDateTime> {
    let s = skip_space(text.as_bytes());
    let (year, n) = digits(s, 4);
    if n != 4 {
        return None;
    }
    let mut s = &s[4..];
    s = opt_sep(s);
    let (month, n) = digits(s, 2);
    if n == 0 {
        return None;
    }
    let month_bytes = &s[..n];
    s = opt_sep(&s[n..]);
    let (day, n) = digits(s, 2);
    if n == 0 {
        return None;
    }
    s = &s[n..];
    let _ = month;
    // Optional clock: (\s+|[-:Tt]) hh:?mm (:?ss(.frac)?)?
    let clock = (|| {
        let t = match s.first() {
            Some(b'-' | b':' | b'T' | b't') => &s[1..],
            Some(b) if is_py_space(*b) => skip_space(s),
            _ => return None,
        };
        let (h, n1) = digits(t, 2);
        if n1 == 0 {
            return None;
        }
        let t = &t[n1..];
        let t = t.strip_prefix(b":").unwrap_or(t);
        let (m, n2) = digits(t, 2);
        if n2 != 2 {
            return None;
        }
        let mut t = &t[2..];
        let mut sec = 0;
        let u = t.strip_prefix(b":").unwrap_or(t);
        let (sv, n3) = digits(u, 2);
        if n3 == 2 {
            sec = sv;
            t = &u[2..];
            if let Some(f) = t.strip_prefix(b".") {
                let nf = f.iter().take_while(|b| b.is_ascii_digit()).count();
                t = &f[nf..];
            }
        }
        Some(((h, m, sec), t))
    })();
    let iso_tail = |t: &[u8]| -> Option<Option<Vec<u8>>> {
        let t = skip_space(t);
        if t.is_empty() {
            return Some(None);
        }
        let (tz, rest): (Vec<u8>, &[u8]) = if matches!(t.first(), Some(b'Z' | b'z')) {
            (b"Z".to_vec(), &t[1..])
        } else {
            let sign = usize::from(matches!(t.first(), Some(b'+' | b'-')));
            let (_, nh) = digits(&t[sign..], 2);
            if nh == 0 {
                return None;
            }
            let mut end = sign + nh;
            if t.get(end) == Some(&b':') {
                end += 1;
            }
            let (_, nm) = digits(&t[end..], 2);
            if nm == 2 {
                end += 2;
            }
            (t[..end].to_vec(), &t[end..])
        };
        skip_space(rest).is_empty().then_some(Some(tz))
    };
    if let Some((hms, rest)) = clock {
        if let Some(tz) = iso_tail(rest) {
            return str2time(day, month_bytes, year, hms, tz.as_deref());
        }
    }
    let tz = iso_tail(s)?;
    str2time(day, month_bytes, year, (0, 0, 0), tz.as_deref())
}

/// ClientCookie's `time2isoz`: `YYYY-MM-DD hh:mm:ssZ` in UTC.
pub fn time2isoz(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// ClientCookie's `time2netscape`: `Wdy, DD-Mon-YYYY HH:MM:SS GMT` in UTC.
pub fn time2netscape(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{}, {:02}-{}-{:04} {:02}:{:02}:{:02} GMT",
        DAYS[usize::from(t.weekday().number_days_from_monday())],
        t.day(),
        MONTHS[usize::from(u8::from(t.month()) - 1)],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `offset_from_tz_string` on each form (its values, from
    /// CPython 3.11), and `http2time` with a three-digit offset.
    #[test]
    fn zone_offsets_as_python_reads_them() {
        let cases: &[(&str, Option<i64>)] = &[
            ("+100", Some(3600)),
            ("-800", Some(-28800)),
            ("+0100", Some(3600)),
            ("+01", Some(3600)),
            ("+1", Some(3600)),
            ("+01:00", Some(3600)),
            ("+1:00", Some(3600)),
            ("+1:", Some(3600)),
            ("-0530", Some(-19800)),
            ("0100", Some(3600)),
            ("+12345", None),
            ("+", None),
            ("+1:0", None),
            (":00", None),
            ("+1:000", None),
        ];
        for &(tz, want) in cases {
            assert_eq!(tz_offset(tz.as_bytes()), want, "{tz:?}");
        }
        for (text, want) in [
            ("Wed, 09 Feb 1994 22:23:32 +100", 760_829_012),
            ("09 Feb 1994 22:23:32 -800", 760_861_412),
        ] {
            assert_eq!(
                http2time(text).map(|t| t.unix_timestamp()),
                Some(want),
                "{text}"
            );
        }
    }

    /// The word comparisons of `month_of` and `is_weekday` against a
    /// byte-wise case-insensitive search of the names: every name, every
    /// byte value at every position of it, and short tokens.
    #[test]
    fn month_and_weekday_words_match_names() {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let month_ref = |t: &[u8]| {
            let head = t.get(..3)?;
            MONTHS
                .iter()
                .position(|m| head.eq_ignore_ascii_case(m.as_bytes()))
                .map(|i| i as i64 + 1)
        };
        let day_ref = |t: &[u8]| {
            t.len() >= 3
                && DAYS
                    .iter()
                    .any(|d| t[..3].eq_ignore_ascii_case(d.as_bytes()))
        };
        for name in MONTHS.iter().chain(DAYS.iter()) {
            for at in 0..3 {
                for b in 0..=255u8 {
                    let mut t = name.as_bytes().to_vec();
                    t[at] = b;
                    t.extend_from_slice(b"x1");
                    assert_eq!(month_of(&t), month_ref(&t), "{t:?}");
                    assert_eq!(is_weekday(&t), day_ref(&t), "{t:?}");
                }
            }
        }
        for t in [&b""[..], b"j", b"ja", b"JAN", b"jAn", b"Sept", b"wED"] {
            assert_eq!(month_of(t), month_ref(t), "{t:?}");
            assert_eq!(is_weekday(t), day_ref(t), "{t:?}");
        }
    }

    fn ts(t: Option<OffsetDateTime>) -> Option<i64> {
        t.map(OffsetDateTime::unix_timestamp)
    }

    #[test]
    fn delimiter_table_matches_definition() {
        for b in 0..=255u8 {
            let expect = matches!(b, 0x09 | 0x20..=0x2F | 0x3B..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E);
            assert_eq!(DELIMITER[usize::from(b)], expect, "{b:#04x}");
        }
    }

    #[test]
    fn cookie_dates() {
        let p = |s: &str| ts(parse_cookie_date(s.as_bytes()));
        assert_eq!(p("Wed, 09 Jun 2021 10:18:14 GMT"), Some(1_623_233_894));
        assert_eq!(p("Wed, 09-Jun-21 10:18:14 GMT"), Some(1_623_233_894));
        assert_eq!(p("09 Jun 2021 10:18:14"), Some(1_623_233_894));
        assert_eq!(p("10:18:14abc 9th June 2021"), Some(1_623_233_894));
        assert_eq!(p("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(p("Thu, 01 Jan 70 00:00:00 GMT"), Some(0));
        assert_eq!(p("Wed, 31 Feb 2021 10:18:14 GMT"), None);
        assert_eq!(p("Wed, 09 Jun 1600 10:18:14 GMT"), None);
        assert_eq!(p("Wed, 09 Jun 2021 24:00:00 GMT"), None);
        assert_eq!(p("Wed, 09 Jun 2021"), None);
        assert_eq!(p("09 Jun 2021 10:18:140"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("Fri, 29 Feb 2024 00:00:00 GMT"), Some(1_709_164_800));
        assert_eq!(p("Fri, 31 Dec 9999 23:59:59 GMT"), Some(253_402_300_799));
        // The bounds off the `Wdy, DD Mon YYYY` form: the first second
        // of 1601, and no minute or second past 59.
        assert_eq!(p("1 Jan 1601 00:00:00"), Some(-11_644_473_600));
        assert_eq!(p("09 Jun 2021 10:59:59"), Some(1_623_236_399));
        assert_eq!(p("09 Jun 2021 10:60:14"), None);
        assert_eq!(p("09 Jun 2021 10:18:60"), None);
        // Leap years: every fourth, but not a century's, but every
        // fourth century's.
        assert_eq!(p("29 Feb 2023 00:00:00"), None);
        assert_eq!(p("29 Feb 1900 00:00:00"), None);
        assert_eq!(p("29 Feb 2100 00:00:00"), None);
        assert_eq!(p("29 Feb 2000 00:00:00"), Some(951_782_400));
    }

    #[test]
    fn fast_path_agrees_with_the_algorithm() {
        for s in [
            "Wed, 09 Jun 2021 10:18:14 GMT",
            "wed, 29 Feb 2024 23:59:59 GMT",
            "Sun, 29 Feb 2023 00:00:00 GMT",
            "Sun, 06 Nov 1600 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:49:37 GMT",
            "Jan, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Xyz 1994 08:49:37 GMT",
        ] {
            let slow = {
                let mut padded = s.as_bytes().to_vec();
                padded.push(b' ');
                parse_cookie_date(&padded)
            };
            assert_eq!(parse_cookie_date(s.as_bytes()), slow, "{s}");
        }
    }

    /// The fast path gives what the algorithm gives on every header one
    /// byte away from the form it reads (the weekday, separators, digits
    /// and zone each changed to every byte value).
    #[test]
    fn fast_path_agrees_one_byte_off_its_form() {
        for form in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Mon, 01 Jan 1601 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            for at in 0..form.len() {
                for b in 0..=255u8 {
                    let mut s = form.as_bytes().to_vec();
                    s[at] = b;
                    let fast = cookie_date_unix(&s);
                    s.push(b' ');
                    assert_eq!(fast, cookie_date_unix(&s), "{form} with {b:#04x} at {at}");
                }
            }
        }
    }

    #[test]
    fn http_dates() {
        let p = |s: &str| ts(http2time(s));
        let t = Some(760_832_612); // 1994-02-09 22:23:32Z
        assert_eq!(p("Wed, 09 Feb 1994 22:23:32 GMT"), t);
        assert_eq!(p("Wednesday, 09-Feb-94 22:23:32 GMT"), t);
        assert_eq!(p("09-Feb-1994 22:23:32 GMT"), t);
        assert_eq!(p("  09 Feb 1994 22:23:32  "), t);
        assert_eq!(p("09 Feb 1994 23:23:32 +0100"), t);
        assert_eq!(p("09 Feb 1994 14:23:32 -0800 (PST)"), t);
        assert_eq!(p("09/Feb/1994:22:23:32 +0000"), t);
        assert_eq!(p("Wed Feb  9 22:23:32 1994"), t);
        assert_eq!(p("1994-02-09 22:23:32Z"), t);
        assert_eq!(p("09 02 1994 22:23:32"), t);
        assert_eq!(p("09 Feb 1994"), Some(760_752_000));
        assert_eq!(p("09 Feb 1994 22:23:32 EST"), None);
        assert_eq!(p("09 Fob 1994 22:23:32 GMT"), None);
        assert_eq!(p("Wed, 09 Fob 1994 22:23:32 GMT"), None);
        assert_eq!(p("09 Feb 1994 22:23:32 PM"), None);
        assert_eq!(p("garbage"), None);
        assert_eq!(p("01 Jan 1960 00:00:00 GMT"), Some(-315_619_200));
        // Python's strict form takes any weekday of its shape (values from
        // Python 3.11's http2time).
        assert_eq!(p("Mer, 09 Feb 1994 22:23:32 GMT"), t);
        assert_eq!(p("Sam, 01 Jan 2000 00:00:00 GMT"), Some(946_684_800));
        assert_eq!(p("Fxx, 31 Dec 2037 23:59:59 GMT"), Some(2_145_916_799));
        assert_eq!(p("Xer, 09 Feb 1994 22:23:32 GMT"), None);
        assert_eq!(p("Mer, 32 Feb 1994 22:23:32 GMT"), None);
    }

    /// The bounds `_str2time` and `LOOSE_HTTP_DATE_RE` put on the fields,
    /// from both sides; each value is CPython 3.11's `http2time`.
    #[test]
    fn http_date_bounds_as_python_reads_them() {
        let cases: &[(&str, Option<i64>)] = &[
            // The last year `time` holds, on the strict and the loose path.
            ("Fri, 31 Dec 9999 23:59:59 GMT", Some(253_402_300_799)),
            ("31 Dec 9999 23:59:59 GMT", Some(253_402_300_799)),
            // Two-digit years below 70 are 20xx.
            ("Wed, 09-Jun-21 10:18:14 GMT", Some(1_623_233_894)),
            // An hour of 24 rolls over to the next day; 25 is no hour.
            ("09 Feb 1994 24:00:00 GMT", Some(760_838_400)),
            ("09 Feb 1994 25:00:00 GMT", None),
            // Minutes up to 59, seconds up to 61 (rolling over).
            ("09 Feb 1994 23:60:00 GMT", None),
            ("09 Feb 1994 23:59:61 GMT", Some(760_838_401)),
            ("09 Feb 1994 23:59:62 GMT", None),
            // A month token is a name or a whole number.
            ("09 1x 1994", None),
            // The day needs a separator after it.
            ("09Feb 1994", None),
            // A comment in parentheses holds a word.
            ("09 Feb 1994 22:23:32 GMT ()", None),
            ("09 Feb 1994 22:23:32 GMT (PST", None),
            // The year is not optional.
            ("09 Feb GMT", None),
            // Leading zeros count among the nine digits a year may have.
            ("09 Feb 000001994", Some(760_752_000)),
            // Ten: a deviation (Python reads any number of digits).
            ("09 Feb 0000001994", None),
            ("09 Feb 99999999999999999999 GMT", None),
        ];
        for &(text, want) in cases {
            assert_eq!(ts(http2time(text)), want, "{text:?}");
        }
    }

    #[test]
    fn iso_dates() {
        let p = |s: &str| ts(iso2time(s));
        let t = Some(760_832_612);
        assert_eq!(p("1994-02-09 22:23:32Z"), t);
        assert_eq!(p("1994-02-09 23:23:32 +0100"), t);
        // A zone with a colon (Python 3.11: 760827212).
        assert_eq!(p("1994-02-09 22:23:32 +01:30"), Some(760_827_212));
        assert_eq!(p("1994-02-09T22:23:32"), t);
        assert_eq!(p("19940209T222332Z"), t);
        assert_eq!(p("1994/02/09 22:23:32.75"), t);
        assert_eq!(p("1994-02-09"), Some(760_752_000));
        assert_eq!(p("19940209"), Some(760_752_000));
        assert_eq!(p("1994-13-09"), None);
        assert_eq!(p("94-02-09"), None);
        // The clock needs a separator after the day (`None` in Python 3.11
        // too, where a space makes it `19940209 12345`, 12:34 at +05:00).
        assert_eq!(p("1994020912345"), None);
        assert_eq!(p("19940209 12345"), Some(760_779_240));
    }

    #[test]
    fn printers() {
        let t = OffsetDateTime::from_unix_timestamp(760_832_612).unwrap();
        assert_eq!(time2isoz(t), "1994-02-09 22:23:32Z");
        assert_eq!(time2netscape(t), "Wed, 09-Feb-1994 22:23:32 GMT");
        assert_eq!(ts(iso2time(&time2isoz(t))), Some(760_832_612));
        assert_eq!(ts(http2time(&time2netscape(t))), Some(760_832_612));
    }
}
