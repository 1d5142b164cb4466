//! Conversions between the `time` instants this crate keeps and
//! `chrono`'s `DateTime` (feature `chrono`).
//!
//! A [`Cookie`] keeps its expiry, creation and last-access times as UTC
//! instants to the nanosecond, within the years -9999 to 9999 that
//! `time::OffsetDateTime` covers. Every such instant is a `chrono`
//! `DateTime<Utc>`; a `chrono` time outside that range (`chrono` reaches
//! about 262,000 years either way) is clamped to its nearest end, as the
//! crate clamps expiries read from files, and a leap second (`chrono`'s
//! `23:59:60`) is read as the last nanosecond of the second before it,
//! which `time` cannot name.
//!
//! The functions here serve everything that takes or gives an
//! `OffsetDateTime` (a cookie file's `now`, [`Cookie::is_expired`]);
//! [`Cookie`] and [`CookieBuilder`] also have `_chrono` forms of their
//! time getters and setters.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use cookiejar::{chrono_time, Cookie};
//!
//! let expiry = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
//! let cookie = Cookie::builder("sid", "42")
//!     .domain("example.com")
//!     .expires_chrono(expiry)
//!     .build();
//! assert_eq!(cookie.expires_chrono(), Some(expiry));
//! let later = Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap();
//! assert!(cookie.is_expired(chrono_time::from_chrono(&later)));
//! ```

use chrono::{DateTime, TimeZone, Utc};
use time::OffsetDateTime;

use crate::cookie::{Cookie, CookieBuilder};
use crate::time_util::UnixTime;

/// `t` as a `chrono` UTC time: the same instant (its offset is not
/// kept), to the nanosecond.
pub fn to_chrono(t: OffsetDateTime) -> DateTime<Utc> {
    unix_to_chrono(UnixTime::from(t))
}

/// `t` as a UTC `OffsetDateTime`: the same instant, to the nanosecond,
/// clamped to the years -9999 to 9999 (see the [module](self)).
pub fn from_chrono<Tz: TimeZone>(t: &DateTime<Tz>) -> OffsetDateTime {
    chrono_to_unix(t).to_datetime()
}

fn chrono_to_unix<Tz: TimeZone>(t: &DateTime<Tz>) -> UnixTime {
    // A leap second has 10^9 or more nanoseconds.
    let nanos = t.timestamp_subsec_nanos().min(999_999_999);
    UnixTime::clamped(t.timestamp(), nanos)
}

fn unix_to_chrono(t: UnixTime) -> DateTime<Utc> {
    // Every instant `time` covers is within `chrono`'s range.
    DateTime::from_timestamp(t.secs(), t.subsec_nanos()).unwrap_or(if t.secs() < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

impl Cookie {
    /// [`expires`](Self::expires) as a `chrono` time (feature `chrono`).
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn expires_chrono(&self) -> Option<DateTime<Utc>> {
        self.expires.map(unix_to_chrono)
    }

    /// [`creation_time`](Self::creation_time) as a `chrono` time (feature
    /// `chrono`).
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn creation_time_chrono(&self) -> DateTime<Utc> {
        unix_to_chrono(self.creation)
    }

    /// [`last_access_time`](Self::last_access_time) as a `chrono` time
    /// (feature `chrono`).
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn last_access_time_chrono(&self) -> DateTime<Utc> {
        unix_to_chrono(self.last_access)
    }
}

impl CookieBuilder {
    /// Sets the expiry from a `chrono` time, clamped as
    /// [`from_chrono`] clamps (feature `chrono`); [`expires`](Self::expires)
    /// with `None` makes a session cookie again.
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn expires_chrono<Tz: TimeZone>(self, expires: DateTime<Tz>) -> Self {
        self.expires_instant(Some(chrono_to_unix(&expires)))
    }

    /// [`creation_time`](Self::creation_time) from a `chrono` time (feature
    /// `chrono`).
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn creation_time_chrono<Tz: TimeZone>(self, t: DateTime<Tz>) -> Self {
        self.creation_instant(chrono_to_unix(&t))
    }

    /// [`last_access_time`](Self::last_access_time) from a `chrono` time
    /// (feature `chrono`).
    #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
    pub fn last_access_time_chrono<Tz: TimeZone>(self, t: DateTime<Tz>) -> Self {
        self.last_access_instant(chrono_to_unix(&t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate};
    use proptest::prelude::*;

    #[test]
    fn an_instant_keeps_its_nanoseconds_both_ways() {
        let t = OffsetDateTime::from_unix_timestamp_nanos(1_700_000_000_123_456_789).unwrap();
        let c = to_chrono(t);
        assert_eq!(c.timestamp(), 1_700_000_000);
        assert_eq!(c.timestamp_subsec_nanos(), 123_456_789);
        assert_eq!(from_chrono(&c), t);
    }

    #[test]
    fn an_offset_is_read_as_the_instant() {
        let east = FixedOffset::east_opt(5 * 3600).unwrap();
        let local = east.with_ymd_and_hms(2030, 1, 1, 5, 0, 0).unwrap();
        let t = from_chrono(&local);
        assert_eq!(t.unix_timestamp(), 1_893_456_000);
        assert_eq!(t.offset(), time::UtcOffset::UTC);
        // And time's offsets are dropped the other way.
        let t = t.to_offset(time::UtcOffset::from_hms(-3, 0, 0).unwrap());
        assert_eq!(to_chrono(t).timestamp(), 1_893_456_000);
    }

    #[test]
    fn times_past_the_years_time_covers_are_clamped() {
        let far = NaiveDate::from_ymd_opt(200_000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        let t = from_chrono(&far);
        assert_eq!(t.year(), 9999);
        assert_eq!(t.unix_timestamp(), crate::time_util::MAX_UNIX);
        let early = NaiveDate::from_ymd_opt(-200_000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        assert_eq!(
            from_chrono(&early).unix_timestamp(),
            crate::time_util::MIN_UNIX
        );
        // The ends themselves go to chrono and back unchanged.
        for secs in [crate::time_util::MIN_UNIX, crate::time_util::MAX_UNIX] {
            let t = OffsetDateTime::from_unix_timestamp(secs).unwrap();
            assert_eq!(from_chrono(&to_chrono(t)), t);
        }
    }

    #[test]
    fn a_leap_second_is_the_last_nanosecond_before_it() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap()
            .and_utc();
        let t = from_chrono(&leap);
        assert_eq!(t.unix_timestamp(), 1_483_228_799);
        assert_eq!(t.nanosecond(), 999_999_999);
    }

    #[test]
    fn cookie_times_through_chrono() {
        let expiry = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        let created = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
        let accessed = Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap();
        let cookie = Cookie::builder("sid", "42")
            .domain("example.com")
            .creation_time_chrono(created)
            .last_access_time_chrono(accessed)
            .expires_chrono(expiry)
            .build();
        assert_eq!(cookie.expires_chrono(), Some(expiry));
        assert_eq!(cookie.expires(), Some(from_chrono(&expiry)));
        assert_eq!(cookie.creation_time_chrono(), created);
        assert_eq!(cookie.last_access_time_chrono(), accessed);
        let session = Cookie::builder("s", "1").domain("example.com").build();
        assert_eq!(session.expires_chrono(), None);
    }

    #[test]
    fn the_builder_keeps_last_access_no_earlier_than_creation() {
        // As `creation_time` does.
        let created = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
        let cookie = Cookie::builder("sid", "42")
            .domain("example.com")
            .last_access_time_chrono(Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap())
            .creation_time_chrono(created)
            .build();
        assert_eq!(cookie.last_access_time_chrono(), created);
    }

    proptest! {
        #[test]
        fn round_trips_within_time_s_range(
            secs in crate::time_util::MIN_UNIX..=crate::time_util::MAX_UNIX,
            nanos in 0u32..1_000_000_000,
        ) {
            let t = OffsetDateTime::from_unix_timestamp(secs).unwrap()
                + time::Duration::nanoseconds(i64::from(nanos));
            let c = to_chrono(t);
            prop_assert_eq!(i128::from(c.timestamp()) * 1_000_000_000
                + i128::from(c.timestamp_subsec_nanos()), t.unix_timestamp_nanos());
            prop_assert_eq!(from_chrono(&c), t);
        }
    }
}
