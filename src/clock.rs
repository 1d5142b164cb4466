//! Time sources for the jar.
//!
//! Every time-dependent decision of a [`CookieJar`](crate::CookieJar)
//! (expiry, creation and last-access times, the 400-day cap of RFC 6265bis
//! §5.6.1 and §5.6.2) reads the jar's [`Clock`]. The default is
//! [`CoarseClock`], the system clock as of the kernel's last tick; the
//! precise [`SystemClock`] is there for those who want it; tests and
//! `cookiejar replay` use a [`ManualClock`] on virtual time.

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

/// A shared or boxed clock is the clock it holds, every method
/// forwarded: one clock (a [`ManualClock`] a test moves, say) for several
/// jars, given to
/// [`CookieJarBuilder::clock`](crate::CookieJarBuilder::clock) as an
/// `Arc<dyn Clock>` or `Arc<C>`.
macro_rules! forward_clock {
    ($($ptr:ident),*) => {$(
        impl<C: Clock + ?Sized> Clock for $ptr<C> {
            fn now(&self) -> OffsetDateTime {
                (**self).now()
            }

            fn now_unix(&self) -> i64 {
                (**self).now_unix()
            }

            fn now_unix_nanos(&self) -> i128 {
                (**self).now_unix_nanos()
            }
        }
    )*};
}

forward_clock!(Arc, Box);

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

/// The system's wall clock as of the kernel's last timer tick: on Linux
/// and Android `CLOCK_REALTIME_COARSE` (the clock glibc's `time()` reads),
/// elsewhere the same as [`SystemClock`]. The jar's default clock.
///
/// Its resolution is the tick (1 to 10 ms, `clock_getres` tells), and
/// it costs a fifth of the precise clock (6 against 28 ns, measured on
/// the CI machine), which a jar reads once per `Set-Cookie` response and
/// once per request. Cookie times need no more: expiry and last access
/// are whole seconds, every cookie file keeps seconds, and cookies
/// created within one tick still sort in the order they were stored
/// (RFC 6265bis §5.8.3 step 3 orders by creation time; the jar breaks ties
/// by insertion order).
#[derive(Debug, Clone, Copy, Default)]
pub struct CoarseClock;

/// The coarse wall clock as (Unix seconds, nanoseconds).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn coarse_now() -> (i64, u32) {
    use rustix::time::{clock_gettime_dynamic, ClockId, DynamicClockId};
    match clock_gettime_dynamic(DynamicClockId::Known(ClockId::RealtimeCoarse)) {
        // The kernel keeps `tv_nsec` within 0..1e9.
        Ok(t) => (t.tv_sec, u32::try_from(t.tv_nsec).unwrap_or(0)),
        // A kernel or sandbox that refuses the coarse clock: the precise
        // one (which `rustix::time::clock_gettime` would instead panic
        // over).
        Err(_) => precise_now(),
    }
}

/// The coarse wall clock as (Unix seconds, nanoseconds): here, the
/// precise one.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn coarse_now() -> (i64, u32) {
    precise_now()
}

/// [`SystemClock`] as (Unix seconds, nanoseconds).
fn precise_now() -> (i64, u32) {
    let t = crate::time_util::UnixTime::from_unix_nanos(SystemClock.now_unix_nanos());
    (t.secs(), t.subsec_nanos())
}

impl Clock for CoarseClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp_nanos(self.now_unix_nanos())
            .unwrap_or_else(|_| crate::time_util::from_unix(self.now_unix()))
    }

    fn now_unix(&self) -> i64 {
        coarse_now().0
    }

    fn now_unix_nanos(&self) -> i128 {
        let (secs, nanos) = coarse_now();
        i128::from(secs) * 1_000_000_000 + i128::from(nanos)
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
/// other to the jar. `ManualClock::default()` starts at 1970-01-01: a
/// test of a server that writes `Expires` from its own clock starts it
/// at the system time ([`ManualClock::starting_now`]), or the server's
/// dates are decades ahead (capped at 400 days) or behind (expired).
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

    /// A clock set to the system time now, then moved only when told to.
    pub fn starting_now() -> Self {
        ManualClock::new(OffsetDateTime::now_utc().unix_timestamp())
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
    fn shared_and_boxed_clocks_are_the_clock_they_hold() {
        let manual = Arc::new(ManualClock::new(1_700_000_000));
        let shared: Arc<dyn Clock> = manual.clone();
        let boxed: Box<dyn Clock> = Box::new(Arc::clone(&manual));
        manual.advance(7);
        for clock in [&shared as &dyn Clock, &boxed] {
            assert_eq!(clock.now_unix(), 1_700_000_007);
            assert_eq!(clock.now_unix_nanos(), 1_700_000_007_000_000_000);
            assert_eq!(clock.now().unix_timestamp(), 1_700_000_007);
        }
    }

    #[test]
    fn starting_now_reads_the_system_clock_once() {
        let before = OffsetDateTime::now_utc().unix_timestamp();
        let clock = ManualClock::starting_now();
        let after = OffsetDateTime::now_utc().unix_timestamp();
        assert!((before..=after).contains(&clock.unix_seconds()));
        clock.advance(5);
        assert!((before + 5..=after + 5).contains(&clock.unix_seconds()));
    }

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

    /// The coarse clock lags the precise one by at most a tick (allowed
    /// here: a second, for a loaded machine) and never runs ahead of it
    /// by more than a tick either; its three readings agree.
    #[test]
    fn coarse_clock_is_the_system_clock_within_a_tick() {
        let tick = 1_000_000_000i128;
        let mut sub_second = false;
        for _ in 0..100 {
            let before = SystemClock.now_unix_nanos();
            let coarse = CoarseClock.now_unix_nanos();
            let after = SystemClock.now_unix_nanos();
            assert!(
                coarse > before - tick && coarse < after + tick,
                "{before} {coarse} {after}"
            );
            sub_second |= coarse % 1_000_000_000 != 0;
            // The seconds are the nanoseconds' (read again if a second
            // began between the two reads).
            let secs = loop {
                let (n, s, n2) = (
                    CoarseClock.now_unix_nanos(),
                    CoarseClock.now_unix(),
                    CoarseClock.now_unix_nanos(),
                );
                if n.div_euclid(1_000_000_000) == n2.div_euclid(1_000_000_000) {
                    assert_eq!(i128::from(s), n.div_euclid(1_000_000_000));
                    break s;
                }
            };
            assert!(i128::from(secs) * 1_000_000_000 >= coarse - tick);
            let dt = CoarseClock.now().unix_timestamp_nanos();
            assert!(dt >= coarse && dt < coarse + tick);
        }
        // The nanoseconds are kept (a whole second every time is a
        // chance of one in a million per read at a 1 ms tick).
        assert!(sub_second);
        // The fallback, the precise clock split into seconds and nanos.
        let before = SystemClock.now_unix_nanos();
        let (s, ns) = precise_now();
        let after = SystemClock.now_unix_nanos();
        let t = i128::from(s) * 1_000_000_000 + i128::from(ns);
        assert!(before <= t && t <= after && ns < 1_000_000_000);
    }
}
