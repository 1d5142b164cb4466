//! Time sources for the jar.
//!
//! Every time-dependent decision of a [`CookieJar`](crate::CookieJar)
//! (expiry, creation and last-access times, the 400-day cap of RFC 6265bis
//! §5.6.1 and §5.6.2) reads the jar's [`Clock`]. The default is the system
//! clock; tests and `cookiejar replay` use a [`ManualClock`] on virtual time.

use std::fmt::Debug;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use time::OffsetDateTime;

/// A source of the current time.
pub trait Clock: Send + Sync + Debug {
    /// The current time (UTC).
    fn now(&self) -> OffsetDateTime;
}

/// The system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
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
}
