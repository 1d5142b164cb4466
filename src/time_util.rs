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

/// Bit 31 of [`UnixTime::nanos`]: always set, so the field is never zero
/// and `Option<UnixTime>` is as small as `UnixTime`.
const NANOS_TAG: u32 = 1 << 31;

/// A UTC instant as whole Unix seconds (within [`MIN_UNIX`]..=[`MAX_UNIX`],
/// the range of `OffsetDateTime`) and the nanoseconds past them: how a
/// [`Cookie`](crate::Cookie) keeps its expiry, creation and last-access
/// times. Expiry checks read the seconds directly, and storing a cookie
/// builds no calendar date; an `OffsetDateTime` is made only when one is
/// asked for.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct UnixTime {
    secs: i64,
    /// The nanoseconds (below 10^9) with [`NANOS_TAG`] set.
    nanos: std::num::NonZeroU32,
}

impl UnixTime {
    #[cfg(test)]
    pub(crate) const UNIX_EPOCH: UnixTime = UnixTime::new(0, 0);

    const fn new(secs: i64, nanos: u32) -> UnixTime {
        let nanos = match std::num::NonZeroU32::new(nanos | NANOS_TAG) {
            Some(n) => n,
            None => std::num::NonZeroU32::MAX,
        };
        UnixTime { secs, nanos }
    }

    /// Whole seconds, clamped to the representable range.
    pub(crate) fn from_secs(secs: i64) -> UnixTime {
        UnixTime::new(secs.clamp(MIN_UNIX, MAX_UNIX), 0)
    }

    /// Unix nanoseconds, clamped to the representable range.
    pub(crate) fn from_unix_nanos(nanos: i128) -> UnixTime {
        const NS: i64 = 1_000_000_000;
        // Every time from 1677 to 2262 fits in an i64, which divides
        // without a 128-bit division; others take the slow path.
        let (secs, sub) = match i64::try_from(nanos) {
            Ok(n) => (n.div_euclid(NS), n.rem_euclid(NS)),
            Err(_) => {
                let ns = i128::from(NS);
                let secs = nanos.div_euclid(ns);
                let range = i128::from(MIN_UNIX)..=i128::from(MAX_UNIX);
                if !range.contains(&secs) {
                    // The nearest end of the range, with no nanoseconds.
                    let end = if secs < 0 { MIN_UNIX } else { MAX_UNIX };
                    return UnixTime::from_secs(end);
                }
                // Below 10^9: always fits.
                let sub = i64::try_from(nanos.rem_euclid(ns)).unwrap_or(0);
                (i64::try_from(secs).unwrap_or(0), sub)
            }
        };
        UnixTime::clamped(secs, sub as u32)
    }

    /// `secs` and `nanos`, or the nearest end of the representable
    /// range (with no nanoseconds) when `secs` is outside it.
    pub(crate) fn clamped(secs: i64, nanos: u32) -> UnixTime {
        if (MIN_UNIX..=MAX_UNIX).contains(&secs) {
            UnixTime::new(secs, nanos)
        } else {
            UnixTime::from_secs(secs)
        }
    }

    /// The seconds (rounded down).
    pub(crate) fn secs(self) -> i64 {
        self.secs
    }

    /// The nanoseconds past [`UnixTime::secs`].
    pub(crate) fn subsec_nanos(self) -> u32 {
        self.nanos.get() & !NANOS_TAG
    }

    /// Unix nanoseconds.
    fn unix_nanos(self) -> i128 {
        i128::from(self.secs) * 1_000_000_000 + i128::from(self.subsec_nanos())
    }

    /// Unix nanoseconds, saturated to the range of an `i64` (years 1677
    /// to 2262), for cheap ordering.
    pub(crate) fn nanos_saturating(self) -> i64 {
        let n = self.unix_nanos();
        i64::try_from(n).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX })
    }

    /// As an `OffsetDateTime` in UTC.
    pub(crate) fn to_datetime(self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp_nanos(self.unix_nanos())
            .unwrap_or_else(|_| from_unix(self.secs))
    }
}

/// The instant `t` stands for (its offset is not kept), clamped to the
/// range of UTC times that `OffsetDateTime` represents: a local time near
/// year 9999 with a negative offset can lie past it.
impl From<OffsetDateTime> for UnixTime {
    fn from(t: OffsetDateTime) -> UnixTime {
        UnixTime::clamped(t.unix_timestamp(), t.nanosecond())
    }
}

impl std::fmt::Debug for UnixTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.to_datetime(), f)
    }
}

/// Serialized as the `OffsetDateTime` it stands for, as `Cookie`'s time
/// fields always were.
#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn unix_time_is_as_small_as_its_option() {
        assert_eq!(
            std::mem::size_of::<Option<UnixTime>>(),
            std::mem::size_of::<UnixTime>()
        );
    }

    #[test]
    fn unix_time_clamps_and_keeps_nanoseconds() {
        assert_eq!(UnixTime::from_secs(i64::MAX).secs(), MAX_UNIX);
        assert_eq!(UnixTime::from_secs(i64::MIN).secs(), MIN_UNIX);
        assert_eq!(
            UnixTime::from_unix_nanos(i128::MAX),
            UnixTime::from_secs(MAX_UNIX)
        );
        assert_eq!(
            UnixTime::from_unix_nanos(i128::MIN),
            UnixTime::from_secs(MIN_UNIX)
        );
        let t = UnixTime::from_unix_nanos(-1);
        assert_eq!((t.secs(), t.subsec_nanos()), (-1, 999_999_999));
        assert_eq!(t.nanos_saturating(), -1);
        assert_eq!(UnixTime::from_secs(MAX_UNIX).nanos_saturating(), i64::MAX);
        assert_eq!(UnixTime::from_secs(MIN_UNIX).nanos_saturating(), i64::MIN);
        assert_eq!(
            UnixTime::UNIX_EPOCH.to_datetime(),
            OffsetDateTime::UNIX_EPOCH
        );
        // Past the i64 nanosecond range (1677-2262): exact, then clamped.
        let t = UnixTime::from_unix_nanos(i128::from(i64::MAX) + 1);
        assert_eq!((t.secs(), t.subsec_nanos()), (9_223_372_036, 854_775_808));
        assert_eq!(t.nanos_saturating(), i64::MAX);
        let year_3000 = 32_503_680_000;
        let t = UnixTime::from_unix_nanos(i128::from(year_3000) * 1_000_000_000 + 5);
        assert_eq!((t.secs(), t.subsec_nanos()), (year_3000, 5));
        let t = UnixTime::from_unix_nanos(-12_000_000_000_000_000_000 - 1);
        assert_eq!((t.secs(), t.subsec_nanos()), (-12_000_000_001, 999_999_999));
        let t = UnixTime::from_unix_nanos(i128::from(i64::MIN) + 1);
        assert_eq!(t.nanos_saturating(), i64::MIN + 1);
        // A local time whose UTC instant is past 9999-12-31T23:59:59Z.
        let late = time::Date::from_calendar_date(9999, time::Month::December, 31)
            .and_then(|d| d.with_hms(23, 0, 0))
            .map(|d| d.assume_offset(time::UtcOffset::from_hms(-5, 0, 0).unwrap()))
            .unwrap();
        let t = UnixTime::from(late);
        assert_eq!(t.secs(), MAX_UNIX);
        assert_eq!(t.to_datetime(), from_unix(MAX_UNIX));
        assert!(UnixTime::from_unix_nanos(-1) < UnixTime::UNIX_EPOCH);
        assert!(UnixTime::from_unix_nanos(1) > UnixTime::UNIX_EPOCH);
    }

    proptest! {
        /// Every `OffsetDateTime` goes through a `UnixTime` and back
        /// unchanged, and orders the same; within the range of i64
        /// nanoseconds, so does every nanosecond count.
        #[test]
        fn unix_time_round_trips(
            a in (MIN_UNIX..=MAX_UNIX, 0u32..1_000_000_000),
            b in (MIN_UNIX..=MAX_UNIX, 0u32..1_000_000_000),
            n in any::<i64>(),
        ) {
            let dt = |(s, ns): (i64, u32)| {
                OffsetDateTime::from_unix_timestamp(s).unwrap().replace_nanosecond(ns).unwrap()
            };
            let (da, db) = (dt(a), dt(b));
            let (ua, ub) = (UnixTime::from(da), UnixTime::from(db));
            prop_assert_eq!(ua.to_datetime(), da);
            prop_assert_eq!(ua.secs(), da.unix_timestamp());
            prop_assert_eq!(ua.cmp(&ub), da.cmp(&db));
            let t = UnixTime::from_unix_nanos(i128::from(n));
            prop_assert_eq!(t.nanos_saturating(), n);
            prop_assert_eq!(t.to_datetime().unix_timestamp_nanos(), i128::from(n));
        }
    }

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
