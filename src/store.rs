//! The indexed cookie store (RFC 6265bis §5.7 storage, §5.8.3 retrieval).
//!
//! Cookies are kept in buckets keyed by their exact domain. A request for
//! host `a.b.example.com` looks up the buckets `a.b.example.com`,
//! `b.example.com`, `example.com` and `com`: one hash lookup per label of
//! the host, borrowing slices of the host (no allocation), whatever the
//! size of the jar. Within a bucket, host-only cookies match only when the
//! bucket is the host itself. So the cost of a lookup grows with the number
//! of cookies that could apply to the request's host, never with the
//! number of stored domains.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::cookie::Cookie;
use crate::matching::{domain_match, host_suffixes, path_match};
use crate::policy::Rejection;

/// A stored cookie with the derived values the hot paths need.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) cookie: Cookie,
    /// Expiry as Unix seconds; `i64::MAX` for a session cookie.
    pub(crate) expiry: i64,
    /// Creation order, to break ties between equal creation times.
    pub(crate) seq: u64,
    /// [`key_hash`] of the cookie's key, to find a replaced cookie by
    /// comparing integers before strings.
    pub(crate) key_hash: u64,
    /// The creation time in nanoseconds (saturating), for cheap sorting.
    pub(crate) creation_ns: i64,
    /// Last access as Unix seconds, updated under the read lock.
    pub(crate) last_access: AtomicI64,
}

impl Entry {
    /// The cookie with its current last-access time.
    pub(crate) fn snapshot(&self) -> Cookie {
        let mut c = self.cookie.clone();
        c.last_access = crate::time_util::from_unix(self.last_access.load(Ordering::Relaxed));
        c
    }

    pub(crate) fn is_expired(&self, now: i64) -> bool {
        self.expiry <= now
    }

    /// RFC 6265bis §5.8.3 step 3 order: longer paths first, then earlier
    /// creation.
    pub(crate) fn send_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        b.cookie
            .path
            .len()
            .cmp(&a.cookie.path.len())
            .then(a.creation_ns.cmp(&b.creation_ns))
            .then(a.seq.cmp(&b.seq))
    }
}

/// What [`Store::insert`] did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Inserted<'s> {
    /// The cookie was stored (added, or replacing one with the same key).
    Stored(&'s Cookie),
    /// The cookie was already expired: any cookie it would replace was
    /// removed, and nothing was added.
    Expired(Cookie),
}

/// The cookies of a jar, indexed by domain.
#[derive(Debug, Default)]
pub(crate) struct Store {
    buckets: HashMap<Box<str>, Vec<Entry>>,
    len: usize,
    next_seq: u64,
    /// How many secure cookies each name has: the "leave secure cookies
    /// alone" check scans the store only for names that have one.
    secure_names: HashMap<Box<str>, usize>,
}

/// A 64-bit FNV-1a hash of a cookie's key within its bucket (name,
/// host-only flag, path). Only a pre-filter: equal hashes are confirmed by
/// comparing the strings.
fn key_hash(c: &Cookie) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    c.name.bytes().for_each(&mut eat);
    eat(0xff);
    eat(u8::from(c.host_only));
    c.path.bytes().for_each(&mut eat);
    h
}

fn expiry_of(c: &Cookie) -> i64 {
    c.expires.map_or(i64::MAX, |t| t.unix_timestamp())
}

impl Store {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// RFC 6265bis §5.7 step 16 ("leave secure cookies alone"): whether a
    /// non-secure cookie named like `c`, from a non-secure origin, would
    /// overwrite or shadow a secure cookie: one of the same name whose
    /// domain domain-matches `c`'s (or the reverse) and whose path `c`'s
    /// path path-matches.
    pub(crate) fn shadows_secure(&self, c: &Cookie, now: i64) -> bool {
        if !self.secure_names.contains_key(c.name.as_str()) {
            return false;
        }
        self.buckets.iter().any(|(domain, entries)| {
            (domain_match(domain, false, &c.domain) || domain_match(&c.domain, false, domain))
                && entries.iter().any(|e| {
                    e.cookie.secure
                        && !e.is_expired(now)
                        && e.cookie.name == c.name
                        && path_match(&c.path, &e.cookie.path)
                })
        })
    }

    /// Stores `c` (RFC 6265bis §5.7 steps 23-25): it replaces a cookie with
    /// the same name, domain, host-only flag and path, keeping that
    /// cookie's creation time; an expired cookie only removes. Expired
    /// cookies of the bucket are evicted on the way.
    pub(crate) fn insert(&mut self, mut c: Cookie, now: i64) -> Inserted<'_> {
        let expiry = expiry_of(&c);
        let expired = expiry <= now;
        // Phase 1: evict the cookie with the same key and expired ones.
        let mut removed_secure: Vec<Box<str>> = Vec::new();
        let mut old: Option<(time::OffsetDateTime, u64)> = None;
        let mut now_empty = false;
        let hash = key_hash(&c);
        if let Some(bucket) = self.buckets.get_mut(c.domain.as_str()) {
            let before = bucket.len();
            bucket.retain(|e| {
                let same = e.key_hash == hash
                    && e.cookie.name == c.name
                    && e.cookie.host_only == c.host_only
                    && e.cookie.path == c.path;
                if same {
                    old = Some((e.cookie.creation, e.seq));
                }
                let keep = !same && !e.is_expired(now);
                if !keep && e.cookie.secure {
                    removed_secure.push(e.cookie.name.as_str().into());
                }
                keep
            });
            self.len -= before - bucket.len();
            now_empty = bucket.is_empty();
        }
        for name in removed_secure {
            self.forget_secure(&name);
        }
        if expired {
            if now_empty {
                self.buckets.remove(c.domain.as_str());
            }
            return Inserted::Expired(c);
        }
        // Phase 2: store, keeping a replaced cookie's creation time.
        let seq = match old {
            Some((creation, seq)) => {
                c.creation = creation;
                seq
            }
            None => {
                self.next_seq += 1;
                self.next_seq
            }
        };
        if c.secure {
            *self.secure_names.entry(c.name.as_str().into()).or_insert(0) += 1;
        }
        let last = c.last_access.unix_timestamp();
        let creation_ns = i64::try_from(c.creation.unix_timestamp_nanos()).unwrap_or(
            if c.creation.year() < 1970 {
                i64::MIN
            } else {
                i64::MAX
            },
        );
        self.len += 1;
        if !self.buckets.contains_key(c.domain.as_str()) {
            self.buckets
                .insert(c.domain.clone().into_boxed_str(), Vec::new());
        }
        let Some(bucket) = self.buckets.get_mut(c.domain.as_str()) else {
            // Just inserted; never missing.
            self.len -= 1;
            return Inserted::Expired(c);
        };
        // Grow buckets by a quarter, not by doubling: most stay small,
        // and the slack of doubling would cost more than the copies.
        if bucket.len() == bucket.capacity() {
            bucket.reserve_exact((bucket.len() / 4).max(1));
        }
        bucket.push(Entry {
            cookie: c,
            expiry,
            seq,
            key_hash: hash,
            creation_ns,
            last_access: AtomicI64::new(last),
        });
        match bucket.last() {
            Some(e) => Inserted::Stored(&e.cookie),
            // Just pushed; never empty.
            None => Inserted::Expired(Cookie::builder("", "").build()),
        }
    }

    fn forget_secure(&mut self, name: &str) {
        if let Some(n) = self.secure_names.get_mut(name) {
            *n -= 1;
            if *n == 0 {
                self.secure_names.remove(name);
            }
        }
    }

    /// Calls `f` with every unexpired cookie stored under a domain that is
    /// a label suffix of `host` and whose path `path` path-matches (RFC
    /// 6265bis §5.8.3 step 1), with whether its bucket is `host` itself: a
    /// host-only cookie from another bucket is a candidate only under
    /// Netscape rules. Not yet sorted, not yet filtered by policy.
    pub(crate) fn for_each_match<'s>(
        &'s self,
        host: &str,
        is_ip: bool,
        path: &str,
        now: i64,
        mut f: impl FnMut(&'s str, bool, &'s Entry),
    ) {
        for suffix in host_suffixes(host, is_ip) {
            let Some((domain, entries)) = self.buckets.get_key_value(suffix) else {
                continue;
            };
            let exact = suffix.len() == host.len();
            for e in entries {
                if !e.is_expired(now) && path_match(path, &e.cookie.path) {
                    f(domain, exact, e);
                }
            }
        }
    }

    /// Every entry, in no particular order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.buckets.values().flatten()
    }

    /// Removes the cookies for which `remove` says so; returns how many.
    pub(crate) fn remove_where(&mut self, mut remove: impl FnMut(&Entry) -> bool) -> usize {
        let mut n = 0;
        let mut secure_gone: Vec<Box<str>> = Vec::new();
        for entries in self.buckets.values_mut() {
            entries.retain(|e| {
                let r = remove(e);
                if r {
                    n += 1;
                    if e.cookie.secure {
                        secure_gone.push(e.cookie.name.as_str().into());
                    }
                }
                !r
            });
        }
        self.buckets.retain(|_, v| !v.is_empty());
        for name in secure_gone {
            self.forget_secure(&name);
        }
        self.len -= n;
        n
    }

    /// Removes everything.
    pub(crate) fn clear(&mut self) {
        self.buckets.clear();
        self.secure_names.clear();
        self.len = 0;
    }
}

/// Why a cookie could not be stored by the store itself.
pub(crate) fn check_shadow(
    store: &Store,
    c: &Cookie,
    secure_origin: bool,
    now: i64,
) -> Result<(), Rejection> {
    if !c.secure && !secure_origin && store.shadows_secure(c, now) {
        return Err(Rejection::WouldShadowSecureCookie);
    }
    Ok(())
}
