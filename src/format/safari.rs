//! Safari's cookie file, `Cookies.binarycookies` (WebKit's
//! `NSHTTPCookieStorage` on macOS and iOS), read only (name `safari`).
//!
//! On macOS it is `~/Library/Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies`
//! (`~/Library/Cookies/` before Safari 13).
//!
//! # Layout
//!
//! The file is binary; its layout is not published by Apple. This reader
//! follows the one documented by the BinaryCookies project
//! (interstateone/BinaryCookies, which reads and writes real files with
//! full fidelity) and libyal's dtformats, and reads the test file as
//! yt-dlp's reader does (`scripts/make_safari_fixtures.py`):
//!
//! - `cook`, the number of pages and each page's size (big-endian
//!   32-bit), the pages, then a checksum, a footer and a property list,
//!   which are not read;
//! - a page: `00 00 01 00`, the number of cookies and each one's offset
//!   in the page (little-endian 32-bit), then the cookies;
//! - a cookie (little-endian): its size, version, flags (`1` secure,
//!   `4` http-only, `8` and `16` `SameSite`; other bits are not read),
//!   whether it has a port, the
//!   offsets in the record of its URL (the domain), name, path, value,
//!   comment and comment URL (`0` for none), its expiry and creation
//!   time (doubles: seconds since 2001-01-01 UTC), its port (16 bits, if
//!   it has one), and the strings, each ending with a NUL byte.
//!
//! # Mapping
//!
//! A domain with a leading dot is a domain cookie, one without is
//! host-only (an IPv6 address is bracketed, as a URL's host is). Times
//! keep their fraction of a second; the last-access time is the creation
//! time. A port is kept as the cookie's port list (RFC 2965 `Port`),
//! which only the ClientCookie policy with RFC 2965 on enforces; the
//! version, comment and comment URL are kept too. `SameSite` is read as
//! CFNetwork's `NSHTTPCookie` reads its flags, in a public decompilation a
//! reviewer read (Apple documents neither, and no Safari file was at
//! hand to check): `8` or `16` alone is `Lax`, both `Strict`, neither no
//! attribute. Where that reading is wrong, a cookie is held back from
//! more cross-site requests than Safari holds it back from, never fewer.
//!
//! # Errors and strictness
//!
//! A file that does not start with `cook` and a page table is an error. A
//! page or cookie record that runs past its page, or a string past its
//! record, is an error in strict mode and skipped in lenient mode (this
//! format's default), named by the cookie's number in the file (from 1)
//! where other formats give a line: the rest of the file is read.

use time::OffsetDateTime;

use super::{Format, LoadOptions, Loaded, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::short_str::ShortStr;
use crate::time_util::{UnixTime, MAX_UNIX, MIN_UNIX};

/// What the file is called in errors.
pub(crate) const WHAT: &str = "safari cookie file";

/// The file's first bytes.
const MAGIC: &[u8; 4] = b"cook";

/// A page's first bytes.
const PAGE_MAGIC: [u8; 4] = [0, 0, 1, 0];

/// 2001-01-01T00:00:00Z, the epoch of Apple's absolute time, in Unix
/// seconds.
const MAC_EPOCH: i64 = 978_307_200;

/// The size of a cookie record's fixed fields.
const RECORD_HEAD: usize = 56;

/// `NSHTTPCookieSecure`.
const SECURE: u32 = 0x1;
/// `NSHTTPCookieHTTPOnly`.
const HTTP_ONLY: u32 = 0x4;
/// The two `SameSite` bits (see the module docs).
const SAME_SITE: [u32; 2] = [0x8, 0x10];

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The number of pages, if `input` starts as a Safari cookie file does
/// (for [`Format::detect`], which may see only the file's head): `cook`,
/// a page count the file could hold, and the first page's mark where the
/// head shows it.
pub(crate) fn looks_like_file(input: &[u8]) -> bool {
    let Some(pages) = input.strip_prefix(MAGIC).and_then(|_| be32(input, 4)) else {
        return false;
    };
    // Text that starts with `cook` has four printable bytes here: a
    // count of hundreds of millions.
    if pages > 1 << 20 {
        return false;
    }
    let first = 8 + 4 * pages as usize;
    match input.get(first..first + 4) {
        Some(mark) => pages == 0 || mark == PAGE_MAGIC,
        None => true,
    }
}

/// Reads a Safari cookie file; the same as [`format::read`](super::read)
/// with [`Format::Safari`].
///
/// # Errors
/// See the [module docs](self).
pub fn read(input: &[u8], options: &LoadOptions, now: OffsetDateTime) -> Result<Loaded, Error> {
    super::read(input, Format::Safari, options, now)
}

pub(crate) fn read_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let bad = |message: &str| Error::syntax(WHAT, None, message);
    if !input.starts_with(MAGIC) {
        return Err(bad("not a Safari cookie file (no `cook` at its start)"));
    }
    let pages = be32(input, 4).ok_or_else(|| bad("cut short in its header"))? as usize;
    let table_end = pages
        .checked_mul(4)
        .and_then(|n| n.checked_add(8))
        .filter(|&end| end <= input.len())
        .ok_or_else(|| bad("its page table runs past the end of the file"))?;
    let mut at = table_end;
    // Cookies are numbered across the file, from 1.
    let mut number = 0u64;
    for page in 0..pages {
        let size = be32(input, 8 + 4 * page).unwrap_or(0) as usize;
        let Some(bytes) = at.checked_add(size).and_then(|end| input.get(at..end)) else {
            // The sizes of the pages after it are no help: stop here.
            let message = format!(
                "page {} runs past the end of the file (cut short?)",
                page + 1
            );
            return refuse_whole(sink, number + 1, message);
        };
        at += size;
        if let Err(message) = read_page(bytes, &mut number, sink) {
            refuse_whole(sink, number + 1, format!("page {}: {message}", page + 1))?;
        }
    }
    Ok(())
}

/// Input no record of which can be read: an error in strict mode, skipped
/// in lenient mode (as cookie `number`).
fn refuse_whole(sink: &mut Sink<'_>, number: u64, message: String) -> Result<(), Error> {
    if sink.strict() {
        return Err(Error::syntax(WHAT, None, message));
    }
    sink.skip(number, message);
    Ok(())
}

/// Reads the cookies of a page, counting them in `number`; an error for a
/// page whose header cannot be read (its cookies' own errors go to
/// `sink`).
fn read_page(page: &[u8], number: &mut u64, sink: &mut Sink<'_>) -> Result<(), String> {
    if page.get(..4) != Some(&PAGE_MAGIC[..]) {
        return Err("no page mark (00 00 01 00)".into());
    }
    let count = le32(page, 4).ok_or("cut short in its header")? as usize;
    if count > page.len() / 4 {
        return Err(format!(
            "{count} cookies do not fit in {} bytes",
            page.len()
        ));
    }
    let overlaps = overlapping_records(page, count);
    let first = *number + 1;
    for (i, overlap) in overlaps.into_iter().enumerate() {
        *number += 1;
        let record = le32(page, 8 + 4 * i)
            .ok_or_else(|| "its cookie offsets run past the page".to_owned())
            .and_then(|offset| match overlap {
                Some(earlier) => Err(format!(
                    "its record overlaps cookie {}'s",
                    first + earlier as u64
                )),
                None => cookie(page, offset as usize),
            });
        match record {
            Ok(c) if c.domain.is_empty() => sink.skip(*number, "cookie with an empty domain"),
            Ok(c) if c.name().is_empty() && c.value().is_empty() => {
                sink.skip(*number, "cookie without name and value");
            }
            Ok(c) => sink.push(*number, c),
            Err(message) if sink.strict() => {
                return Err(format!("cookie {number}: {message}"));
            }
            Err(message) => sink.skip(*number, message),
        }
    }
    Ok(())
}

/// The cookies (by index in the page) whose record overlaps the record of
/// a cookie before it in the page's layout, each with the earlier one's
/// index. Safari writes the records one after another; a file whose
/// offsets point into one record many times would otherwise have the
/// same bytes decoded once per offset (a file of 200 KB took 1.6 GB).
/// With these left out, no byte of the page is read for two records. A
/// record that does not fit in the page is not counted (its cookie is
/// refused for that), so it does not hide the records after it.
fn overlapping_records(page: &[u8], count: usize) -> Vec<Option<usize>> {
    let mut spans: Vec<(usize, usize, usize)> = (0..count)
        .filter_map(|i| {
            let start = le32(page, 8 + 4 * i)? as usize;
            let size = le32(page, start)? as usize;
            let end = start.checked_add(size)?;
            // A record that cannot be read claims no bytes.
            (size >= RECORD_HEAD && end <= page.len()).then_some((start, end, i))
        })
        .collect();
    spans.sort_unstable();
    let mut overlaps = vec![None; count];
    let mut last: Option<(usize, usize)> = None;
    for (start, end, i) in spans {
        match last {
            Some((last_end, owner)) if start < last_end => {
                overlaps[i] = Some(owner);
            }
            _ => last = Some((end, i)),
        }
    }
    overlaps
}

/// The text of the NUL-terminated string at `offset` of `record`; `None`
/// for offset 0 where `optional`.
fn string<'r>(
    record: &'r [u8],
    offset: u32,
    what: &str,
    optional: bool,
) -> Result<Option<&'r str>, String> {
    if offset == 0 && optional {
        return Ok(None);
    }
    let start = offset as usize;
    let text = record
        .get(start..)
        .filter(|_| start >= RECORD_HEAD)
        .and_then(|rest| rest.iter().position(|&b| b == 0).map(|end| &rest[..end]))
        .ok_or_else(|| format!("its {what} is not a string inside the record"))?;
    std::str::from_utf8(text)
        .map(Some)
        .map_err(|_| format!("its {what} is not valid UTF-8"))
}

/// Apple's absolute time (seconds since 2001) as a time, clamped.
fn absolute(seconds: f64, what: &str) -> Result<UnixTime, String> {
    if !seconds.is_finite() {
        return Err(format!("its {what} is not a number"));
    }
    // Whole nanoseconds (a double holds every time of interest to
    // better than a microsecond), first brought within the years -9999
    // to 9999 that a time can hold.
    let seconds = seconds.clamp((MIN_UNIX - MAC_EPOCH) as f64, (MAX_UNIX - MAC_EPOCH) as f64);
    let nanos = (seconds * 1e9) as i128 + i128::from(MAC_EPOCH) * 1_000_000_000;
    Ok(UnixTime::from_unix_nanos(nanos))
}

/// The cookie record at `offset` of `page`.
fn cookie(page: &[u8], offset: usize) -> Result<Cookie, String> {
    let size = le32(page, offset).ok_or("its offset is past the page")? as usize;
    let record = offset
        .checked_add(size)
        .and_then(|end| page.get(offset..end))
        .filter(|r| r.len() >= RECORD_HEAD)
        .ok_or_else(|| format!("its record ({size} bytes) does not fit in the page"))?;
    let field = |at: usize| le32(record, at).unwrap_or(0);
    let double = |at: usize| f64::from_le_bytes(record[at..at + 8].try_into().unwrap_or([0; 8]));
    let (version, flags, has_port) = (field(4), field(8), field(12));
    let domain = string(record, field(16), "domain", false)?.unwrap_or("");
    let name = string(record, field(20), "name", false)?.unwrap_or("");
    let path = string(record, field(24), "path", false)?.unwrap_or("");
    let value = string(record, field(28), "value", false)?.unwrap_or("");
    let comment = string(record, field(32), "comment", true)?;
    let comment_url = string(record, field(36), "comment URL", true)?;
    let expires = absolute(double(40), "expiry")?;
    let creation = absolute(double(48), "creation time")?;
    let port = match has_port {
        0 => None,
        _ => {
            let bytes = record
                .get(RECORD_HEAD..RECORD_HEAD + 2)
                .ok_or("its port is cut short")?;
            Some(u16::from_le_bytes([bytes[0], bytes[1]]).to_string())
        }
    };
    let (host_only, domain) = super::browser_host(domain);
    Ok(Cookie {
        nv: NameValue::new(name, value),
        domain,
        host_only,
        path: ShortStr::new(path),
        expires: Some(expires),
        creation,
        last_access: creation,
        secure: flags & SECURE != 0,
        http_only: flags & HTTP_ONLY != 0,
        same_site: match SAME_SITE.map(|bit| flags & bit != 0) {
            [true, true] => SameSite::Strict,
            [false, false] => SameSite::Default,
            _ => SameSite::Lax,
        },
        partitioned: false,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            version: (version != 0).then_some(version),
            port_specified: port.is_some(),
            port,
            comment: comment.map(str::to_owned),
            comment_url: comment_url.map(str::to_owned),
            domain_initial_dot: !host_only,
            ..LegacyParts::default()
        }
        .into(),
    })
}
