//! Firefox's cookie database, `cookies.sqlite` in a profile folder, read
//! only (name `firefox`).
//!
//! Firefox keeps its cookies in the SQLite table `moz_cookies`. This
//! module reads the file itself, with no SQLite library (see the
//! crate-internal reader of the SQLite file format), and its write-ahead
//! log `cookies.sqlite-wal`, where a running Firefox keeps its latest
//! changes: [`read_database`] reads both, and
//! [`FileCookieJar`](crate::FileCookieJar) and the `cookiejar` command
//! do so too.
//!
//! ```no_run
//! use cookiejar::format::{self, firefox, Format, LoadOptions};
//! # fn main() -> Result<(), cookiejar::Error> {
//! let path = "/home/me/.mozilla/firefox/abcd1234.default-release/cookies.sqlite";
//! let bytes = firefox::read_database(path)?;
//! let now = time::OffsetDateTime::now_utc();
//! let loaded = format::read(&bytes, Format::Firefox, &LoadOptions::new(), now)?;
//! println!("{} cookies", loaded.cookies.len());
//! # Ok(()) }
//! ```
//!
//! # Mapping
//!
//! Columns are found by name, so databases of every schema version since
//! Firefox 3 read (the version is `PRAGMA user_version`):
//!
//! | Column | Cookie |
//! |---|---|
//! | `name`, `value`, `path` | name, value, path |
//! | `host` | a leading `.` makes a domain cookie of the rest ([`Cookie::host_only`] false); otherwise a host-only cookie. An IPv6 address is bracketed, as a URL's host is |
//! | `expiry` | Unix seconds, or milliseconds from schema version 16 (Firefox 142) on; every stored cookie has one (Firefox keeps session cookies in memory, not in this file) |
//! | `creationTime`, `lastAccessed` | Unix microseconds |
//! | `isSecure`, `isHttpOnly` | secure, http-only (non-zero) |
//! | `sameSite` | 0 `None`, 1 `Lax`, 2 `Strict`, 256 (schema 15 on) no attribute |
//! | `rawSameSite` (schemas 10 to 14) | what the server sent, where `sameSite` held what Firefox applied: `sameSite` 1 with `rawSameSite` 0 (Lax by default) is no attribute, as Firefox's migration to schema 15 rewrites it |
//! | `isPartitionedAttributeSet` | [`Cookie::partitioned`] |
//! | `originAttributes`, `schemeMap` | see below |
//!
//! `inBrowserElement` and `updateTime` are not read.
//!
//! # Contexts
//!
//! Firefox keeps cookies of containers, of partitions (a third-party
//! cookie kept apart for the site that embedded it, or a CHIPS
//! `Partitioned` one) and of first-party isolation in the same table,
//! each marked in `originAttributes` (`^userContextId=2`,
//! `^partitionKey=%28https%2Cexample.com%29`, ...). A jar has one
//! context, the default one, and no partitions, so only its cookies are
//! read: those with no origin attributes, and first-party `Partitioned`
//! (CHIPS) cookies, whose partition is their own site (the registrable
//! domain, compared as Firefox compares them), over a scheme they were
//! set or sent over (`schemeMap`), with no cross-site frame between. The
//! others are left out and counted in [`Loaded::context_left_out`]; so
//! are a partitioned row without `isPartitionedAttributeSet`, which
//! Firefox deletes when it reads the database, and a first-party
//! partitioned cookie with the name, domain and path of an unpartitioned
//! one (Firefox keeps both apart and sends both; a jar holds one, the
//! unpartitioned one).
//!
//! # Reading a running Firefox's profile
//!
//! Firefox writes the database while it runs, and moves its log into it
//! from time to time; a read while it runs may meet one half done (a
//! copy made then has the same risk). Only a read with Firefox closed is
//! sure to be consistent. A database the reader cannot make sense of is
//! an error, never a panic. Firefox keeps the bytes a server sent, which
//! need not be UTF-8; a row whose text is not is skipped (see below).
//!
//! # Errors and strictness
//!
//! A file that is not an SQLite database, has no `moz_cookies` table or
//! a malformed one is an error in every mode. A row that cannot be read
//! as a cookie (a `NULL` host, text that is not UTF-8) is an error in
//! strict mode and skipped in lenient mode (this format's default),
//! named by its `id` where other formats give a line.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::sqlite::{self, Database};
use super::{Format, LoadOptions, Loaded, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::short_str::ShortStr;
use crate::time_util::UnixTime;

/// What the file is called in errors.
pub(crate) const WHAT: &str = "firefox cookie database";

/// The table Firefox keeps its cookies in.
pub(crate) const TABLE: &str = "moz_cookies";

/// The schema version from which `expiry` counts milliseconds (Mozilla
/// bug 1972757, Firefox 142).
const EXPIRY_IN_MS: u32 = 16;

/// Whether `input` starts as an SQLite database does (for
/// [`Format::detect`]).
pub(crate) fn looks_like_database(input: &[u8]) -> bool {
    input.starts_with(sqlite::MAGIC)
}

/// The path of the write-ahead log beside the database at `path`: the
/// path with `-wal` added (`cookies.sqlite-wal`).
pub fn log_path(path: impl AsRef<Path>) -> PathBuf {
    let mut log = path.as_ref().as_os_str().to_owned();
    log.push("-wal");
    PathBuf::from(log)
}

/// The database `file` as SQLite reads it with its write-ahead log `log`
/// (the `-wal` file beside it): the pages of the log's committed
/// transactions written over the file's. A log that SQLite would ignore
/// (empty, of a bad header, or cut short before its first commit) leaves
/// `file` as it is, as does one whose page size is not the database's.
pub fn with_log(file: Vec<u8>, log: &[u8]) -> Vec<u8> {
    sqlite::apply_log(&file, log).unwrap_or(file)
}

/// Reads the database at `path` and, if there is one, its write-ahead
/// log ([`log_path`]), as [`with_log`] joins them: the bytes to give
/// [`read`](super::read) with [`Format::Firefox`].
///
/// # Errors
/// An [`Io`](crate::ErrorKind::Io) error naming the file that could not
/// be read (a missing log is not an error).
pub fn read_database(path: impl AsRef<Path>) -> Result<Vec<u8>, Error> {
    let path = path.as_ref();
    let file = std::fs::read(path).map_err(|e| Error::io(Some(path.to_owned()), e))?;
    with_log_beside(path, file)
}

/// `file`, the bytes of the database at `path`, with the write-ahead log
/// beside it ([`log_path`]) applied if there is one (see [`with_log`]).
///
/// # Errors
/// An [`Io`](crate::ErrorKind::Io) error naming the log, if it is there
/// and cannot be read.
pub fn with_log_beside(path: impl AsRef<Path>, file: Vec<u8>) -> Result<Vec<u8>, Error> {
    let log_path = log_path(path);
    match std::fs::read(&log_path) {
        Ok(log) => Ok(with_log(file, &log)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(file),
        Err(e) => Err(Error::io(Some(log_path), e)),
    }
}

/// Reads a Firefox cookie database (the bytes of `cookies.sqlite`, with
/// its log applied: see [`read_database`]); the same as
/// [`format::read`](super::read) with [`Format::Firefox`].
///
/// # Errors
/// See the [module docs](self).
pub fn read(input: &[u8], options: &LoadOptions, now: OffsetDateTime) -> Result<Loaded, Error> {
    super::read(input, Format::Firefox, options, now)
}

/// The columns this reader uses, by index in the table.
struct Columns {
    name: Option<usize>,
    value: Option<usize>,
    host: usize,
    path: Option<usize>,
    expiry: Option<usize>,
    creation: Option<usize>,
    last_access: Option<usize>,
    secure: Option<usize>,
    http_only: Option<usize>,
    same_site: Option<usize>,
    raw_same_site: Option<usize>,
    partitioned: Option<usize>,
    origin: Option<usize>,
    schemes: Option<usize>,
}

/// Reads the cookies of `moz_cookies` into `sink`.
pub(crate) fn read_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let db = Database::open(WHAT, input)?;
    let table = db.table(TABLE)?.ok_or_else(|| {
        Error::syntax(
            WHAT,
            None,
            format!("no {TABLE} table: not a Firefox cookie database"),
        )
    })?;
    let column = |name: &str| table.column(name);
    let columns = Columns {
        name: column("name"),
        value: column("value"),
        host: column("host").ok_or_else(|| {
            Error::syntax(WHAT, None, format!("the {TABLE} table has no host column"))
        })?,
        path: column("path"),
        expiry: column("expiry"),
        creation: column("creationTime"),
        last_access: column("lastAccessed"),
        secure: column("isSecure"),
        http_only: column("isHttpOnly"),
        same_site: column("sameSite"),
        raw_same_site: column("rawSameSite"),
        partitioned: column("isPartitionedAttributeSet"),
        origin: column("originAttributes"),
        schemes: column("schemeMap"),
    };
    let expiry_in_ms = db.user_version >= EXPIRY_IN_MS;
    super::read_rows(&db, &table, WHAT, sink, &mut |row, sink| {
        cookie(row, &columns, expiry_in_ms, sink)
    })?;
    Ok(())
}

/// Microseconds since the Unix epoch as a time (clamped).
fn micros(us: i64) -> UnixTime {
    UnixTime::from_unix_nanos(i128::from(us) * 1000)
}

/// The cookie of a row; `None` for a row skipped (with its reason given
/// to `sink`); an error message for a row that cannot be read.
fn cookie(
    row: &sqlite::Row<'_>,
    columns: &Columns,
    expiry_in_ms: bool,
    sink: &mut Sink<'_>,
) -> Result<Option<Cookie>, String> {
    let id = u64::try_from(row.rowid).unwrap_or(0);
    let origin = row.text(columns.origin, "originAttributes")?;
    let host = row.text(Some(columns.host), "host")?;
    let partitioned = row.integer(columns.partitioned, "isPartitionedAttributeSet")? == Some(1);
    let (host_only, domain) = super::browser_host(host);
    if domain.is_empty() {
        return Err("cookie with an empty host".to_owned());
    }
    let schemes = row.integer(columns.schemes, "schemeMap")?.unwrap_or(0);
    if other_context(origin, &domain, schemes).is_some() {
        sink.leave_out_context();
        return Ok(None);
    }
    // Its own site's partition without `Partitioned`: left from before
    // Firefox kept first-party cookies unpartitioned, and deleted by
    // Firefox when it reads the database.
    if origin.contains("partitionKey=") && !partitioned {
        sink.leave_out_context();
        return Ok(None);
    }
    let name = row.text(columns.name, "name")?;
    let value = row.text(columns.value, "value")?;
    if name.is_empty() && value.is_empty() {
        sink.skip(id, "cookie without name and value");
        return Ok(None);
    }
    let expires = row.integer(columns.expiry, "expiry")?.map(|n| {
        if expiry_in_ms {
            UnixTime::from_unix_nanos(i128::from(n) * 1_000_000)
        } else {
            UnixTime::from_secs(n)
        }
    });
    let creation = row
        .integer(columns.creation, "creationTime")?
        .map_or(sink.now_time, micros);
    let last_access = row
        .integer(columns.last_access, "lastAccessed")?
        .map_or(creation, micros);
    let same_site = row.integer(columns.same_site, "sameSite")?;
    // Schemas 10 to 14 kept in `sameSite` what Firefox applied, Lax by
    // default included, and in `rawSameSite` what the server sent: read
    // as Firefox's migration to schema 15 rewrites them, a Lax the server
    // did not send as no attribute.
    let raw = row.integer(columns.raw_same_site, "rawSameSite")?;
    let same_site = match (same_site, raw) {
        (Some(1), Some(0)) => SameSite::Default,
        (Some(0), _) => SameSite::None,
        (Some(1), _) => SameSite::Lax,
        (Some(2), _) => SameSite::Strict,
        _ => SameSite::Default,
    };
    Ok(Some(Cookie {
        nv: NameValue::new(name, value),
        domain,
        host_only,
        path: ShortStr::new(row.text(columns.path, "path")?),
        expires,
        creation,
        last_access,
        secure: row.flag(columns.secure, "isSecure")?,
        http_only: row.flag(columns.http_only, "isHttpOnly")?,
        same_site,
        partitioned,
        storable: crate::cookie::Storable::default(),
        legacy: LegacyParts {
            domain_initial_dot: !host_only,
            ..LegacyParts::default()
        }
        .into(),
    }))
}

/// Why a cookie of origin attributes `origin` (Firefox's
/// `OriginAttributes` suffix: `^key=value&...`, URL-encoded) is not in
/// the default context, for a cookie of `domain`; `None` if it is: no
/// attributes, or only a partition key naming the cookie's own site
/// (`(scheme,site[,port])`, with no `,f` for a cross-site ancestor) and
/// a scheme among the cookie's `schemes` (`schemeMap`).
fn other_context(origin: &str, domain: &str, schemes: i64) -> Option<String> {
    let Some(pairs) = origin.strip_prefix('^') else {
        return (!origin.is_empty()).then(|| "unknown origin attributes".to_owned());
    };
    for pair in pairs.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "partitionKey" => {
                // `(scheme,site[,port][,f])`, `:` written `+` (an IPv6
                // site); `f` for a cross-site ancestor.
                let key = percent_decode(value);
                let inner = key.strip_prefix('(').and_then(|k| k.strip_suffix(')'));
                let fields: Vec<&str> = inner.map(|k| k.split(',').collect()).unwrap_or_default();
                let site = fields.get(1).map_or(String::new(), |s| s.replace('+', ":"));
                let site = format!("{}://{site}", fields.first().copied().unwrap_or(""));
                let cross = fields.get(2..).is_some_and(|rest| rest.contains(&"f"));
                // `schemeMap`: the schemes the cookie was set or sent
                // over (1 http, 2 https; 0 not known).
                let scheme_fits = |scheme: &str| match scheme {
                    "http" => schemes == 0 || schemes & 1 != 0,
                    "https" => schemes == 0 || schemes & 2 != 0,
                    _ => false,
                };
                if !super::own_partition(domain, &site, cross, scheme_fits) {
                    return Some(format!("partitioned under another site ({key})"));
                }
            }
            "userContextId" => return Some(format!("in container {value}")),
            "privateBrowsingId" => return Some("a private browsing cookie".to_owned()),
            "firstPartyDomain" => {
                return Some(format!("isolated to first party {}", percent_decode(value)))
            }
            _ => return Some(format!("in another context ({key})")),
        }
    }
    None
}

/// `%XX` escapes decoded (others left as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_default_context_and_own_partitions_are_read() {
        let cases = [
            ("", "example.com", true),
            (
                "^partitionKey=%28https%2Cexample.com%29",
                "www.example.com",
                true,
            ),
            (
                "^partitionKey=%28https%2Cexample.com%2C8443%29",
                "example.com",
                true,
            ),
            ("^partitionKey=%28http%2C%5B%2B%2B1%5D%29", "[::1]", true),
            (
                "^partitionKey=%28http%2C%5B%2B%2B1%5D%2C8080%29",
                "[::1]",
                true,
            ),
            (
                "^partitionKey=%28https%2Cexample.com%2Cf%29",
                "example.com",
                false,
            ),
            (
                "^partitionKey=%28https%2Cexample.com%29",
                "notexample.com",
                false,
            ),
            (
                "^partitionKey=%28https%2Cwww.example.com%29",
                "example.com",
                false,
            ),
            ("^partitionKey=", "example.com", false),
            ("^userContextId=2", "example.com", false),
            (
                "^userContextId=2&partitionKey=%28https%2Cexample.com%29",
                "example.com",
                false,
            ),
            ("^privateBrowsingId=1", "example.com", false),
            ("^firstPartyDomain=example.com", "example.com", false),
            ("^geckoViewUserContextId=3", "example.com", false),
            ("userContextId=2", "example.com", false),
        ];
        for (origin, domain, read) in cases {
            assert_eq!(
                other_context(origin, domain, 0).is_none(),
                read,
                "{origin} {domain}: {:?}",
                other_context(origin, domain, 0)
            );
        }
    }

    #[test]
    fn partitions_are_compared_by_site_and_scheme() {
        let http_key = "^partitionKey=%28http%2Cexample.com%29";
        // Set over https only (schemeMap 2), or over http (1).
        assert!(other_context(http_key, "example.com", 2).is_some());
        assert!(other_context(http_key, "example.com", 1).is_none());
        assert!(other_context(http_key, "example.com", 3).is_none());
        // A site is a registrable domain: github.io is a suffix.
        let io = "^partitionKey=%28https%2Cgithub.io%29";
        assert!(other_context(io, "evil.github.io", 2).is_some());
        let ip = "^partitionKey=%28http%2C0.0.1%29";
        assert!(other_context(ip, "127.0.0.1", 1).is_some());
        let ip = "^partitionKey=%28http%2C127.0.0.1%29";
        assert!(other_context(ip, "127.0.0.1", 1).is_none());
    }

    #[test]
    fn percent_decoding_leaves_stray_escapes() {
        assert_eq!(percent_decode("%28a%2Cb%29"), "(a,b)");
        assert_eq!(percent_decode("%2"), "%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }
}
