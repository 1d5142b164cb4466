//! Chrome's and Chromium's cookie database, `Cookies` in a profile folder
//! (`~/.config/google-chrome/Default/Cookies`, and Edge, Brave, Opera and
//! Vivaldi, which keep Chromium's), read only (name `chrome`; feature
//! `chrome`).
//!
//! Chromium keeps its cookies in the SQLite table `cookies`, their values
//! encrypted (`encrypted_value`), and its schema version in the table
//! `meta`. This module reads the file with the crate's own reader of the
//! SQLite file format, as [`firefox`](super::firefox) does, and decrypts
//! the values as Chromium's `OSCrypt` writes them on Linux and macOS:
//!
//! - `v10` on Linux: AES-128-CBC with a key made by PBKDF2-HMAC-SHA1
//!   from the password `peanuts` (salt `saltysalt`, 1 iteration), for a
//!   browser with no keyring (`--password-store=basic`), always tried;
//! - `v11` on Linux: the same with the password from the desktop's
//!   keyring (`secret-tool lookup application chrome`, or
//!   `application chromium`; KWallet keeps it too), given with
//!   [`LoadOptions::chrome_password`](super::LoadOptions::chrome_password);
//! - `v10` on macOS: AES-128-CBC with a key made from the Keychain's
//!   password (`security find-generic-password -w -s "Chrome Safe
//!   Storage"`) with 1,003 iterations, given the same way (and tried
//!   before Linux's built-in key);
//! - the empty password's key, which Chromium falls back on when a value
//!   does not decrypt, is tried last.
//!
//! From schema version 24 (Chrome 130) on, a decrypted value starts with
//! the SHA-256 of the cookie's `host_key`: it is checked and removed, so
//! a key that is not the right one is never taken for one (a database
//! without a schema version has the hash removed where it is there).
//! Before, a key is taken when the padding is right and the value is
//! UTF-8 text without control characters, as a cookie's value is (a
//! wrong key passes about once in ten million short values). Values
//! stored in the clear (`value`, with an empty `encrypted_value`) read as
//! they are. Not read: Windows's values (AES-256-GCM under a key that
//! DPAPI protects, and Chrome 127's app-bound `v20` ones) and `v12`
//! ones (the key of the desktop's secret portal, for a Chromium in a
//! Flatpak): such a row is skipped, as is a row no key given decrypts,
//! named by its row id, or an error in strict mode, with its reason.
//!
//! ```no_run
//! use cookiejar::format::{self, Format, LoadOptions};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let bytes = std::fs::read("/home/me/.config/chromium/Default/Cookies")?;
//! let now = time::OffsetDateTime::now_utc();
//! // The keyring's password, for `v11` values (`v10` ones need none).
//! let options = LoadOptions::new().chrome_password("s3cr3t-from-keyring");
//! let loaded = format::read(&bytes, Format::Chrome, &options, now)?;
//! println!("{} cookies, {} rows skipped", loaded.cookies.len(), loaded.skipped.len());
//! # Ok(()) }
//! ```
//!
//! # Mapping
//!
//! Columns are found by name, so older schemas read too:
//!
//! | Column | Cookie |
//! |---|---|
//! | `name`, `path` | name, path (a cookie set without a name has an empty name, as here) |
//! | `value`, `encrypted_value` | the value: the first if the second is empty, else the second decrypted |
//! | `host_key` | a leading `.` makes a domain cookie of the rest ([`Cookie::host_only`] false); otherwise a host-only cookie |
//! | `expires_utc`, `is_persistent` (`persistent` in schema 9) | the expiry; no expiry (a session cookie) when not persistent, or when 0 |
//! | `creation_utc`, `last_access_utc` | creation and last-access times |
//! | `is_secure`, `is_httponly` (`secure`, `httponly` in schema 9) | secure, http-only (non-zero) |
//! | `samesite` | -1 no attribute, 0 `None`, 1 `Lax`, 2 `Strict`; `firstpartyonly` (schemas 9 and 10) the same, but 0 is no attribute |
//! | `top_frame_site_key`, `has_cross_site_ancestor` | a CHIPS partition: see below |
//!
//! Times count microseconds since 1601-01-01 UTC (Windows's epoch).
//! `priority`, `source_scheme`, `source_port`, `source_type` and
//! `last_update_utc` are not read (Chrome does not hold a cookie to its
//! scheme or port when sending it, unless told to).
//!
//! Chrome writes its session cookies to the file too and deletes them
//! when it starts (unless it restores the last session): they read as
//! session cookies, which [`LoadOptions`] leaves out
//! by default. A row with both a `value` and an `encrypted_value`, which
//! Chromium refuses, is skipped. Where a row cannot be read, Chromium
//! deletes every cookie of its registrable domain; this reader skips the
//! row alone.
//!
//! # Partitions
//!
//! A cookie with a `top_frame_site_key` is a CHIPS `Partitioned` cookie
//! kept for that top-level site (`https://example.com`: a scheme and a
//! registrable domain). A jar has no partitions: only a cookie
//! partitioned under its own https site (its registrable domain), with
//! no cross-site frame between (`has_cross_site_ancestor` 0), is read (as
//! [`Cookie::partitioned`]); the others, and a partitioned twin of an
//! unpartitioned cookie of the same name, domain and path, are left out
//! and counted in [`Loaded::context_left_out`]. A partitioned cookie that
//! is not `Secure`, which Chromium drops, is skipped.
//!
//! # Reading a running Chrome's profile
//!
//! Chrome writes the database while it runs, through a rollback journal
//! (`Cookies-journal`), which this reader does not apply: only a read
//! with Chrome closed is sure to be consistent. A database the reader
//! cannot make sense of is an error, never a panic.
//!
//! # Errors and strictness
//!
//! A file that is not an SQLite database, has no `cookies` table or a
//! malformed one is an error in every mode. A row that cannot be read as
//! a cookie (a value no key decrypts, text that is not UTF-8) is an
//! error in strict mode and skipped in lenient mode (this format's
//! default), named by its row id where other formats give a line.

use std::fmt;

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
use sha2::Digest;
use time::OffsetDateTime;

use super::sqlite::{self, Database, Value};
use super::{Format, LoadOptions, Loaded, Sink};
use crate::cookie::{Cookie, LegacyParts, NameValue, SameSite};
use crate::error::Error;
use crate::short_str::ShortStr;
use crate::time_util::UnixTime;

/// What the file is called in errors.
const WHAT: &str = super::CHROME_WHAT;

/// The table Chromium keeps its cookies in.
const TABLE: &str = "cookies";

/// The schema version from which a decrypted value starts with the
/// SHA-256 of its `host_key` (Chromium's `sqlite_persistent_cookie_store`,
/// version 24).
const HOST_HASH_FROM: i64 = 24;

/// Microseconds from 1601-01-01 to 1970-01-01 (Chromium's `base::Time`
/// counts from the first).
const WINDOWS_TO_UNIX_MICROS: i64 = 11_644_473_600_000_000;

/// The salt of Chromium's PBKDF2 on Linux and macOS (`os_crypt`).
const SALT: &[u8] = b"saltysalt";

/// The password of `v10` values on Linux.
const LINUX_V10_PASSWORD: &[u8] = b"peanuts";

/// PBKDF2 iterations on Linux and on macOS.
const LINUX_ITERATIONS: u32 = 1;
const MAC_ITERATIONS: u32 = 1003;

/// The keys made from a password Chrome keeps in the desktop's keyring
/// (Linux, `v11` values) or the Keychain (macOS, `v10` values), which
/// decrypt its cookie values: see the [module docs](self). Made by
/// [`LoadOptions::chrome_password`](super::LoadOptions::chrome_password).
/// `Debug` does not show them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChromeKeys {
    /// PBKDF2 with Linux's iteration count.
    linux: [u8; 16],
    /// PBKDF2 with macOS's.
    mac: [u8; 16],
}

impl ChromeKeys {
    /// The keys made from `password`, as Chromium makes them on Linux
    /// and on macOS (PBKDF2-HMAC-SHA1, salt `saltysalt`, 1 and 1,003
    /// iterations, 16 bytes).
    pub fn from_password(password: impl AsRef<[u8]>) -> ChromeKeys {
        let password = password.as_ref();
        ChromeKeys {
            linux: derive(password, LINUX_ITERATIONS),
            mac: derive(password, MAC_ITERATIONS),
        }
    }
}

impl fmt::Debug for ChromeKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChromeKeys(..)")
    }
}

/// An AES-128 key from `password` by PBKDF2-HMAC-SHA1 (RFC 8018 §5.2),
/// as Chromium's `os_crypt` derives it.
fn derive(password: &[u8], iterations: u32) -> [u8; 16] {
    let mut key = [0; 16];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, SALT, iterations, &mut key);
    key
}

/// Reads a Chrome cookie database (the bytes of `Cookies`); the same as
/// [`format::read`](super::read) with [`Format::Chrome`].
///
/// # Errors
/// See the [module docs](self).
pub fn read(input: &[u8], options: &LoadOptions, now: OffsetDateTime) -> Result<Loaded, Error> {
    super::read(input, Format::Chrome, options, now)
}

/// The columns this reader uses, by index in the table.
struct Columns {
    name: Option<usize>,
    value: Option<usize>,
    encrypted: Option<usize>,
    host: usize,
    path: Option<usize>,
    expires: Option<usize>,
    persistent: Option<usize>,
    has_expires: Option<usize>,
    creation: Option<usize>,
    last_access: Option<usize>,
    secure: Option<usize>,
    http_only: Option<usize>,
    same_site: Option<usize>,
    first_party_only: Option<usize>,
    partition: Option<usize>,
    cross_site_ancestor: Option<usize>,
}

/// How values are decrypted: the keys to try, and whether a value starts
/// with its host's hash.
struct Decryption {
    /// `v10` on Linux.
    peanuts: [u8; 16],
    /// The empty password's, which Chromium falls back on when a value
    /// does not decrypt.
    empty: [u8; 16],
    given: Option<ChromeKeys>,
    host_hash: HostHash,
}

/// Whether a decrypted value starts with the SHA-256 of its `host_key`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HostHash {
    /// Schema 24 on: it must.
    Always,
    /// Before: it does not.
    Never,
    /// No schema version: it is removed where it is there.
    Unknown,
}

/// Reads the cookies of `cookies` into `sink`.
pub(crate) fn read_into(
    input: &[u8],
    sink: &mut Sink<'_>,
    keys: Option<ChromeKeys>,
) -> Result<(), Error> {
    let db = Database::open(WHAT, input)?;
    let table = db.table(TABLE)?.ok_or_else(|| {
        Error::syntax(
            WHAT,
            None,
            format!("no {TABLE} table: not a Chrome cookie database"),
        )
    })?;
    let version = schema_version(&db)?;
    let column = |name: &str| table.column(name);
    let either = |new: &str, old: &str| column(new).or_else(|| column(old));
    let columns = Columns {
        name: column("name"),
        value: column("value"),
        encrypted: column("encrypted_value"),
        host: column("host_key").ok_or_else(|| {
            Error::syntax(
                WHAT,
                None,
                format!("the {TABLE} table has no host_key column"),
            )
        })?,
        path: column("path"),
        expires: column("expires_utc"),
        persistent: column("is_persistent").or_else(|| column("persistent")),
        has_expires: column("has_expires"),
        creation: column("creation_utc"),
        last_access: column("last_access_utc"),
        secure: either("is_secure", "secure"),
        http_only: either("is_httponly", "httponly"),
        same_site: column("samesite"),
        first_party_only: column("firstpartyonly"),
        partition: column("top_frame_site_key"),
        cross_site_ancestor: column("has_cross_site_ancestor"),
    };
    let decryption = Decryption {
        peanuts: derive(LINUX_V10_PASSWORD, LINUX_ITERATIONS),
        empty: derive(b"", LINUX_ITERATIONS),
        given: keys,
        host_hash: match version {
            Some(v) if v >= HOST_HASH_FROM => HostHash::Always,
            Some(_) => HostHash::Never,
            None => HostHash::Unknown,
        },
    };
    super::read_rows(&db, &table, WHAT, sink, &mut |row, sink| {
        cookie(row, &columns, &decryption, sink)
    })?;
    Ok(())
}

/// The schema version in the `meta` table (`key` `version`), if any.
fn schema_version(db: &Database<'_>) -> Result<Option<i64>, Error> {
    let Some(meta) = db.table("meta")? else {
        return Ok(None);
    };
    let (Some(key), Some(value)) = (meta.column("key"), meta.column("value")) else {
        return Ok(None);
    };
    let mut version = None;
    db.rows(&meta, &mut |row| {
        if matches!(row.get(key), Value::Text(b"version")) {
            version = match row.get(value) {
                // As Chromium's `MetaTable` reads it, an integer (a real
                // or a text such as `24.0` truncated).
                Value::Integer(n) => Some(n),
                Value::Real(x) => Some(x as i64),
                Value::Text(t) => std::str::from_utf8(t).ok().and_then(|t| {
                    let t = t.trim();
                    t.parse()
                        .ok()
                        .or_else(|| t.parse::<f64>().ok().map(|x| x as i64))
                }),
                Value::Null | Value::Blob(_) => None,
            };
        }
        Ok(())
    })?;
    Ok(version)
}

/// Microseconds since 1601-01-01 as a time (clamped).
fn chrome_time(us: i64) -> UnixTime {
    UnixTime::from_unix_nanos((i128::from(us) - i128::from(WINDOWS_TO_UNIX_MICROS)) * 1000)
}

/// The cookie of a row; `None` for a row skipped (with its reason given
/// to `sink`); an error message for a row that cannot be read.
fn cookie(
    row: &sqlite::Row<'_>,
    columns: &Columns,
    decryption: &Decryption,
    sink: &mut Sink<'_>,
) -> Result<Option<Cookie>, String> {
    let id = u64::try_from(row.rowid).unwrap_or(0);
    let host_key = row.text(Some(columns.host), "host_key")?;
    let (host_only, domain) = super::browser_host(host_key);
    if domain.is_empty() {
        return Err("cookie with an empty host".to_owned());
    }
    let partition = row.text(columns.partition, "top_frame_site_key")?;
    let partitioned = !partition.is_empty();
    let secure = row.flag(columns.secure, "is_secure")?;
    if partitioned {
        // Chromium drops a partitioned cookie that is not Secure.
        if !secure {
            return Err("a partitioned cookie that is not Secure, which Chrome drops".to_owned());
        }
        let cross = row.flag(columns.cross_site_ancestor, "has_cross_site_ancestor")?;
        // The partition is a top-level site: a scheme and a registrable
        // domain, no port. One over http is another partition than the
        // cookie's https site's.
        let port = partition
            .strip_prefix("https://")
            .is_some_and(|site| site.rsplit(']').next().is_some_and(|s| s.contains(':')));
        if port || !super::own_partition(&domain, partition, cross, |s| s == "https") {
            sink.leave_out_context();
            return Ok(None);
        }
    }
    let name = row.text(columns.name, "name")?;
    let encrypted = row.bytes(columns.encrypted, "encrypted_value")?;
    let decrypted;
    let plain = row.text(columns.value, "value")?;
    let value = if encrypted.is_empty() {
        plain
    } else if !plain.is_empty() {
        // Chromium refuses such a row (`kEncryptedAndPlaintextValuesAreInvalid`).
        return Err("both a value and an encrypted value, which Chrome refuses".to_owned());
    } else {
        decrypted = decrypt(encrypted, host_key, decryption)?;
        std::str::from_utf8(&decrypted).map_err(|_| "the decrypted value is not valid UTF-8")?
    };
    if name.is_empty() && value.is_empty() {
        sink.skip(id, "cookie without name and value");
        return Ok(None);
    }
    let persistent = match (
        row.integer(columns.persistent, "is_persistent")?,
        row.integer(columns.has_expires, "has_expires")?,
    ) {
        (Some(p), _) | (None, Some(p)) => p != 0,
        (None, None) => true,
    };
    let expires = row
        .integer(columns.expires, "expires_utc")?
        .filter(|&us| persistent && us != 0)
        .map(chrome_time);
    let creation = row
        .integer(columns.creation, "creation_utc")?
        .map_or(sink.now_time, chrome_time);
    let last_access = row
        .integer(columns.last_access, "last_access_utc")?
        .map_or(creation, chrome_time);
    // Schemas 9 and 10 kept it in `firstpartyonly`, 0 for no attribute
    // (schema 11's migration rewrites it as -1); 3, a value Chrome no
    // longer writes, reads as no attribute, as Chrome reads it.
    let same_site = match row.integer(columns.same_site, "samesite")? {
        Some(0) => SameSite::None,
        Some(n) => same_site(n),
        None => same_site(
            row.integer(columns.first_party_only, "firstpartyonly")?
                .unwrap_or(-1),
        ),
    };
    Ok(Some(Cookie {
        nv: NameValue::new(name, value),
        domain,
        host_only,
        path: ShortStr::new(row.text(columns.path, "path")?),
        expires,
        creation,
        last_access,
        secure,
        http_only: row.flag(columns.http_only, "is_httponly")?,
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

/// Chromium's stored `SameSite` (`DBCookieSameSite`) but for 0, whose
/// meaning changed.
fn same_site(n: i64) -> SameSite {
    match n {
        1 => SameSite::Lax,
        2 => SameSite::Strict,
        _ => SameSite::Default,
    }
}

/// The value `encrypted` (an `encrypted_value`, its `v10` / `v11` prefix
/// included) of a cookie of `host_key`, decrypted with the first key
/// that fits (`os_crypt`'s AES-128-CBC, IV of 16 spaces, PKCS #7
/// padding), the host's SHA-256 checked and removed where the schema
/// puts it; an error message if no key fits.
///
/// A key fits when the padding is right and, where the schema puts the
/// hash there, the hash is the host's (a wrong key passes one chance in
/// 2^256); before schema 24, when the value is UTF-8 text without
/// control characters, as a cookie's value is (a wrong key passes about
/// one chance in ten million for a short value): the given keys are
/// tried first, so that on macOS Linux's built-in key is not taken for
/// the Keychain's.
fn decrypt(encrypted: &[u8], host_key: &str, how: &Decryption) -> Result<Vec<u8>, String> {
    let (prefix, body) = encrypted.split_at(encrypted.len().min(3));
    let given = how.given.as_ref();
    let keys: Vec<&[u8; 16]> = match prefix {
        b"v10" => [given.map(|k| &k.mac), Some(&how.peanuts), Some(&how.empty)]
            .into_iter()
            .flatten()
            .collect(),
        b"v11" => [given.map(|k| &k.linux), Some(&how.empty)]
            .into_iter()
            .flatten()
            .collect(),
        b"v12" => {
            return Err(
                "a value under the key of the desktop's secret portal (v12, \
                        Chromium in a Flatpak), which this reader cannot decrypt"
                    .to_owned(),
            )
        }
        b"v20" => {
            return Err("a value of Chrome's app-bound encryption (v20, Windows), \
                        which this reader cannot decrypt"
                .to_owned())
        }
        _ => {
            return Err("an encrypted value of an unknown kind (Chrome on Windows \
                        encrypts with a key only Windows can unprotect)"
                .to_owned())
        }
    };
    // AES-CBC gives whole blocks; Windows's `v10` values are AES-GCM (a
    // 12-byte nonce, the text, a 16-byte tag), seldom whole blocks.
    if body.is_empty() || body.len() % 16 != 0 {
        return Err(format!(
            "an encrypted value ({}) that is not AES-CBC (Chrome on Windows \
             encrypts with AES-GCM, under a key only Windows can unprotect)",
            String::from_utf8_lossy(prefix)
        ));
    }
    let hash = sha2::Sha256::digest(host_key.as_bytes());
    for key in keys {
        let Ok(plain) = cbc::Decryptor::<aes::Aes128>::new(key.into(), &[b' '; 16].into())
            .decrypt_padded_vec_mut::<Pkcs7>(body)
        else {
            continue;
        };
        let (value, hashed) = match (how.host_hash, plain.strip_prefix(hash.as_slice())) {
            (HostHash::Always | HostHash::Unknown, Some(value)) => (value, true),
            (HostHash::Never | HostHash::Unknown, _) => (&plain[..], false),
            (HostHash::Always, None) => continue,
        };
        if hashed || looks_like_a_value(value) {
            return Ok(value.to_vec());
        }
    }
    Err(match (prefix, given) {
        (b"v11", None) => {
            "a value encrypted with the keyring's password (v11), which was not given".to_owned()
        }
        (b"v10", None) => "a value encrypted with a key other than Linux's built-in one \
                           (on macOS, the Keychain's password, which was not given)"
            .to_owned(),
        _ => format!(
            "a value ({}) that no key given decrypts (the wrong password?)",
            String::from_utf8_lossy(prefix)
        ),
    })
}

/// Whether `bytes` can be a cookie's value: UTF-8 without the control
/// characters RFC 6265bis §5.6 refuses (%x00-08, %x0A-1F, %x7F).
fn looks_like_a_value(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok()
        && !bytes.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Encrypts `plain` as Chromium's `os_crypt` does, for the tests.
    fn encrypt(prefix: &[u8], key: &[u8; 16], plain: &[u8]) -> Vec<u8> {
        use aes::cipher::BlockEncryptMut;
        let body = cbc::Encryptor::<aes::Aes128>::new(key.into(), &[b' '; 16].into())
            .encrypt_padded_vec_mut::<Pkcs7>(plain);
        [prefix, &body].concat()
    }

    fn decryption(given: Option<ChromeKeys>, host_hash: bool) -> Decryption {
        Decryption {
            peanuts: derive(LINUX_V10_PASSWORD, LINUX_ITERATIONS),
            empty: derive(b"", LINUX_ITERATIONS),
            given,
            host_hash: match host_hash {
                true => HostHash::Always,
                false => HostHash::Never,
            },
        }
    }

    #[test]
    fn before_schema_24_the_keychain_key_is_tried_before_the_built_in_one() {
        // A macOS value (a review found it among 1.48M random ones) that
        // Linux's built-in key also decrypts with good padding, to text
        // with a control character.
        let keys = ChromeKeys::from_password("test keyring password");
        let value = encrypt(b"v10", &keys.mac, b"bvSv1ujJ");
        let peanuts = derive(LINUX_V10_PASSWORD, LINUX_ITERATIONS);
        let wrong = cbc::Decryptor::<aes::Aes128>::new(&peanuts.into(), &[b' '; 16].into())
            .decrypt_padded_vec_mut::<Pkcs7>(&value[3..])
            .unwrap();
        assert!(!looks_like_a_value(&wrong), "{wrong:?}");
        let how = decryption(Some(keys), false);
        assert_eq!(decrypt(&value, "example.com", &how).unwrap(), b"bvSv1ujJ");
    }

    #[test]
    fn without_a_schema_version_a_host_hash_is_removed_where_it_is_there() {
        let how = Decryption {
            host_hash: HostHash::Unknown,
            ..decryption(None, false)
        };
        let peanuts = derive(LINUX_V10_PASSWORD, LINUX_ITERATIONS);
        let hashed = [sha2::Sha256::digest(b"a.example").as_slice(), b"v"].concat();
        let with = encrypt(b"v10", &peanuts, &hashed);
        assert_eq!(decrypt(&with, "a.example", &how).unwrap(), b"v");
        let without = encrypt(b"v10", &peanuts, b"plain");
        assert_eq!(decrypt(&without, "a.example", &how).unwrap(), b"plain");
    }

    #[test]
    fn a_value_is_utf8_text_without_control_characters() {
        assert!(looks_like_a_value(b"a b\t\xc3\xa9"));
        for bad in [&b"\x00"[..], b"a\nb", b"\x7f", b"\xff"] {
            assert!(!looks_like_a_value(bad), "{bad:?}");
        }
    }

    #[test]
    fn keys_are_derived_as_chromium_derives_them() {
        // PBKDF2-HMAC-SHA1("peanuts", "saltysalt", 1 iteration, 16
        // bytes), as Python's hashlib.pbkdf2_hmac computes it.
        assert_eq!(
            derive(b"peanuts", 1),
            *b"\xfd\x62\x1f\xe5\xa2\xb4\x02\x53\x9d\xfa\x14\x7c\xa9\x27\x27\x78"
        );
    }

    #[test]
    fn each_kind_of_value_decrypts_with_its_key_only() {
        let host = ".example.com";
        let hashed = |v: &[u8]| [sha2::Sha256::digest(host).as_slice(), v].concat();
        let keys = ChromeKeys::from_password("keyring-secret");
        let linux_v10 = encrypt(b"v10", &derive(b"peanuts", 1), &hashed(b"a"));
        let linux_v11 = encrypt(b"v11", &keys.linux, &hashed(b"b"));
        let mac_v10 = encrypt(b"v10", &keys.mac, &hashed(b"c"));
        let empty_v11 = encrypt(b"v11", &derive(b"", 1), &hashed(b"d"));
        let with = decryption(Some(keys), true);
        let without = decryption(None, true);
        assert_eq!(decrypt(&linux_v10, host, &with).unwrap(), b"a");
        assert_eq!(decrypt(&linux_v10, host, &without).unwrap(), b"a");
        assert_eq!(decrypt(&linux_v11, host, &with).unwrap(), b"b");
        assert!(decrypt(&linux_v11, host, &without)
            .unwrap_err()
            .contains("keyring"));
        assert_eq!(decrypt(&mac_v10, host, &with).unwrap(), b"c");
        assert!(decrypt(&mac_v10, host, &without).is_err());
        assert_eq!(decrypt(&empty_v11, host, &without).unwrap(), b"d");
        // The hash is of the cookie's own host: another host's is refused.
        assert!(decrypt(&linux_v10, ".example.org", &with).is_err());
        // A wrong password.
        let wrong = decryption(Some(ChromeKeys::from_password("guess")), true);
        assert!(decrypt(&linux_v11, host, &wrong)
            .unwrap_err()
            .contains("wrong password"));
    }

    #[test]
    fn before_schema_24_values_have_no_hash() {
        let value = encrypt(b"v10", &derive(b"peanuts", 1), b"plain value");
        assert_eq!(
            decrypt(&value, "example.com", &decryption(None, false)).unwrap(),
            b"plain value"
        );
        // Taken as hashed, it is too short to be.
        assert!(decrypt(&value, "example.com", &decryption(None, true)).is_err());
    }

    #[test]
    fn values_this_reader_cannot_decrypt_say_why() {
        let how = decryption(None, true);
        for (value, says) in [
            (&b"v20\x01\x02"[..], "app-bound"),
            (b"v12\x01\x02", "secret portal"),
            (b"\x01\x00\x00\x00\xd0\x8c\x9d\xdf", "Windows"),
            (b"v1", "unknown"),
            (b"v10", "not AES-CBC"),
            // Windows's v10: a nonce, the text, a tag.
            (b"v10 twelve bytes, text, sixteen-byte tag", "AES-GCM"),
            (&[&b"v10"[..], &[0; 32]].concat(), "built-in"),
        ] {
            let error = decrypt(value, "example.com", &how).unwrap_err();
            assert!(error.contains(says), "{value:?}: {error}");
        }
    }

    #[test]
    fn debug_hides_the_keys() {
        assert_eq!(
            format!("{:?}", ChromeKeys::from_password("x")),
            "ChromeKeys(..)"
        );
    }

    #[test]
    fn times_count_from_1601() {
        assert_eq!(chrome_time(WINDOWS_TO_UNIX_MICROS), UnixTime::from_secs(0));
        assert_eq!(
            chrome_time(WINDOWS_TO_UNIX_MICROS + 1_700_000_000_000_000),
            UnixTime::from_secs(1_700_000_000)
        );
        // Out of range, clamped rather than overflowing.
        assert!(chrome_time(i64::MAX) > chrome_time(WINDOWS_TO_UNIX_MICROS * 2));
        assert!(chrome_time(i64::MIN) < chrome_time(0));
    }
}
