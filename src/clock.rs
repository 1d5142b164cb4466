//! Time sources for the jar.
//!
//! Every time-dependent decision of a [`CookieJar`](crate::CookieJar)
//! (expiry, creation and last-access times, the 400-day cap of RFC 6265bis
//! §5.6.1 and §5.6.2) reads the jar's [`Clock`]. The default is the system
//! clock; tests and `cookiejar replay` use a [`ManualClock`] on virtual time.

use std::fmt::Debug;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;

/// A source of the current time.
pub trait Clock: Send + Sync + Debug {
    /// The current time (UTC).
    fn now(&self) -> OffsetDateTime;

    /// The current time as whole Unix seconds (rounded down), which is
    /// all a cookie lookup needs. The default reads [`Clock::now`]; a
    /// clock that has the seconds at hand can skip the calendar
    /// conversion.
    fn now_unix(&self) -> i64 {
        self.now().unix_timestamp()
    }

    /// The current time as Unix nanoseconds, which is what storing a
    /// cookie needs (its creation time). The default reads
    /// [`Clock::now`]; a clock that has the nanoseconds at hand can skip
    /// the calendar conversion.
    fn now_unix_nanos(&self) -> i128 {
        self.now().unix_timestamp_nanos()
    }
}

/// The system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }

    /// Reads the system time without building a calendar date (about a
    /// third cheaper than [`OffsetDateTime::now_utc`]).
    fn now_unix(&self) -> i64 {
        unix_floor(SystemTime::now())
    }

    /// Reads the system time without building a calendar date.
    fn now_unix_nanos(&self) -> i128 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
            Err(e) => i128::try_from(e.duration().as_nanos()).map_or(i128::MIN, |n| -n),
        }
    }
}

/// Whole Unix seconds of `t`, rounded down (so half a second before the
/// epoch is -1, as [`OffsetDateTime::unix_timestamp`] has it).
fn unix_floor(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => {
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
            -secs - i64::from(d.subsec_nanos() > 0)
        }
    }
}

/// A clock that only moves when told to, with a resolution of one second.
///
/// Clones share the same time, so a test can keep one clone and hand the
/// other to the jar.
///
/// ```
/// use cookiejar::ManualClock;
/// use cookiejar::Clock;
/// let clock = ManualClock::new(1_700_000_000);
/// clock.advance(30);
/// assert_eq!(clock.now().unix_timestamp(), 1_700_000_030);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    seconds: Arc<AtomicI64>,
}

impl ManualClock {
    /// A clock set to `unix_seconds`.
    pub fn new(unix_seconds: i64) -> Self {
        ManualClock {
            seconds: Arc::new(AtomicI64::new(unix_seconds)),
        }
    }

    /// Moves the clock by `seconds` (which may be negative).
    pub fn advance(&self, seconds: i64) {
        let _ = self
            .seconds
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |s| {
                Some(s.saturating_add(seconds))
            });
    }

    /// Sets the clock to `unix_seconds`.
    pub fn set(&self, unix_seconds: i64) {
        self.seconds.store(unix_seconds, Ordering::SeqCst);
    }

    /// The current time as Unix seconds.
    pub fn unix_seconds(&self) -> i64 {
        self.seconds.load(Ordering::SeqCst)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        crate::time_util::from_unix(self.unix_seconds())
    }

    fn now_unix(&self) -> i64 {
        // What `now` gives, without the calendar: the same clamp.
        self.unix_seconds()
            .clamp(crate::time_util::MIN_UNIX, crate::time_util::MAX_UNIX)
    }

    fn now_unix_nanos(&self) -> i128 {
        i128::from(self.now_unix()) * 1_000_000_000
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn unix_floor_rounds_down_on_both_sides_of_the_epoch() {
        let at = |d: Duration, before: bool| {
            if before {
                UNIX_EPOCH - d
            } else {
                UNIX_EPOCH + d
            }
        };
        assert_eq!(unix_floor(UNIX_EPOCH), 0);
        assert_eq!(unix_floor(at(Duration::from_millis(1500), false)), 1);
        assert_eq!(unix_floor(at(Duration::from_millis(500), true)), -1);
        assert_eq!(unix_floor(at(Duration::from_secs(2), true)), -2);
        assert_eq!(unix_floor(at(Duration::from_millis(2001), true)), -3);
        for t in [
            at(Duration::from_millis(1500), false),
            at(Duration::from_millis(500), true),
            at(Duration::from_millis(2001), true),
        ] {
            assert_eq!(unix_floor(t), OffsetDateTime::from(t).unix_timestamp());
        }
    }

    #[test]
    fn now_unix_agrees_with_now() {
        let before = SystemClock.now().unix_timestamp();
        let mid = SystemClock.now_unix();
        let after = SystemClock.now().unix_timestamp();
        assert!(before <= mid && mid <= after);
        let before = SystemClock.now().unix_timestamp_nanos();
        let mid = SystemClock.now_unix_nanos();
        let after = SystemClock.now().unix_timestamp_nanos();
        assert!(before <= mid && mid <= after);
        let m = ManualClock::new(i64::MAX);
        assert_eq!(m.now_unix(), m.now().unix_timestamp());
        assert_eq!(m.now_unix_nanos(), m.now().unix_timestamp_nanos());
        m.set(-5);
        assert_eq!(m.now_unix(), m.now().unix_timestamp());
        assert_eq!(m.now_unix_nanos(), m.now().unix_timestamp_nanos());
    }
}
