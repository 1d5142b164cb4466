//! Conversions between Unix seconds and `OffsetDateTime`, clamped to the
//! range the `time` crate can represent (years -9999 to 9999).

use time::OffsetDateTime;

/// The earliest representable instant, used as "the earliest date the user
/// agent can represent" of RFC 6265bis §5.6.2 (Max-Age <= 0).
pub(crate) const MIN_UNIX: i64 = -377_705_116_800; // -9999-01-01T00:00:00Z
/// The latest representable instant (9999-12-31T23:59:59Z).
pub(crate) const MAX_UNIX: i64 = 253_402_300_799;

/// Unix seconds to a UTC `OffsetDateTime`, clamped to the representable
/// range.
pub(crate) fn from_unix(secs: i64) -> OffsetDateTime {
    let secs = secs.clamp(MIN_UNIX, MAX_UNIX);
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_representable() {
        assert_eq!(from_unix(MIN_UNIX).unix_timestamp(), MIN_UNIX);
        assert_eq!(from_unix(MAX_UNIX).unix_timestamp(), MAX_UNIX);
        assert!(OffsetDateTime::from_unix_timestamp(MAX_UNIX + 1).is_err());
        assert!(OffsetDateTime::from_unix_timestamp(MIN_UNIX - 1).is_err());
        assert_eq!(from_unix(i64::MAX).unix_timestamp(), MAX_UNIX);
        assert_eq!(from_unix(i64::MIN).unix_timestamp(), MIN_UNIX);
    }
}
