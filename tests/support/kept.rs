//! What a cookie file keeps of a cookie in every writable format (LWP and
//! Mozilla), for comparing a file's cookies with what was written: shared
//! by `tests/files.rs` and the `files` fuzz target.

use cookiejar::Cookie;

/// The pair as a `Cookie` header sends it, domain, host-only, path,
/// Secure, HttpOnly, expiry (Unix seconds; the epoch and any time
/// before it as -1).
pub type Kept = (String, String, bool, String, bool, bool, Option<i64>);

/// [`Kept`] of `c`. The pair, not name and value apart: a Mozilla file
/// writes a value-absent cookie as a nameless one (see
/// `cookiejar::format::mozilla`), which a `Cookie` header sends the same.
pub fn kept(c: &Cookie) -> Kept {
    let pair = if c.value_absent() || c.name().is_empty() {
        c.name().to_owned() + c.value()
    } else {
        format!("{}={}", c.name(), c.value())
    };
    (
        pair,
        c.domain().to_owned(),
        c.host_only(),
        c.path().to_owned(),
        c.secure(),
        c.http_only(),
        // A cookies.txt file writes an expiry of exactly the epoch a
        // second earlier (`0` is a session cookie there), and an LWP file
        // one before the epoch as the epoch (Python reads earlier dates
        // as session cookies'): all expired.
        c.expires().map(|t| match t.unix_timestamp() {
            secs if secs <= 0 => -1,
            secs => secs,
        }),
    )
}
