//! The indexed cookie store (RFC 6265bis §5.7 storage, §5.8.3 retrieval).
//!
//! Cookies are kept in buckets keyed by their exact domain. A request for
//! host `a.b.example.com` looks up the buckets `a.b.example.com`,
//! `b.example.com`, `example.com` and `com`: one hash lookup per label of
//! the host, borrowing slices of the host (no allocation), whatever the
//! size of the jar. Within a bucket, host-only cookies match only when the
//! bucket is the host itself (unless the policy sends host cookies to
//! subdomains, as Netscape rules do). So the cost of a lookup grows with
//! the number of cookies that could apply to the request's host, never
//! with the number of stored domains.
//!
//! What a lookup reads is laid out for the cache: domain keys up to 22
//! bytes sit inline in the hash table; a bucket is a run of 48-byte
//! [`Entry`] records holding everything needed to select and order a
//! cookie (expiry, flags, the first 8 bytes of the path, the sort keys),
//! domain cookies first, in one vector shared by all buckets (the
//! [`Arena`]), and a text holding the `name=value` strings (and
//! the paths longer than 8 bytes) of its cookies back to back, built by
//! the bucket's first lookup. The full [`Cookie`] sits behind a box that a
//! lookup under the default policy never touches. All buckets of a host
//! are found, and their entries and texts read, before any is scanned, so
//! their memory loads overlap. A lookup allocates only the header string
//! (and, the first time a bucket is read, its text; and a list of matches
//! when more than 32 cookies match).
//!
//! Storing a cookie must find the cookie it replaces and evict the expired
//! ones of its bucket (§5.7 step 23). Each bucket keeps the earliest expiry
//! of its cookies and a 64-bit set of their key hashes, so most stores
//! (a new key, nothing expired) skip the scan of the bucket.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use crate::cookie::{Cookie, CookieKey};
use crate::matching::{host_suffixes, path_match, path_match_bytes};
use crate::policy::Rejection;
use crate::secure_names::SecureNames;
use crate::short_str::ShortStr;
use crate::time_util::UnixTime;

/// The store's hash maps. Keys are domains and cookie names, which sites
/// choose, so the hasher is keyed with a random per-process seed; foldhash
/// (the default hasher of `hashbrown`) is about three times cheaper than
/// SipHash on these short keys, and a lookup hashes one key per label of
/// the request host.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// How many leading bytes of a cookie path an [`Entry`] keeps inline.
const PATH_HEAD: usize = 8;

/// [`Entry::meta`] flag: a host-only cookie.
const HOST_ONLY: u32 = 1 << 31;
/// [`Entry::meta`] flag: a `Secure` cookie.
const SECURE: u32 = 1 << 30;
/// [`Entry::meta`] flag: a cookie without `=value` (sent as its name).
const VALUE_ABSENT: u32 = 1 << 29;
/// [`Entry::meta`] bits that hold the path length.
const PATH_LEN: u32 = VALUE_ABSENT - 1;

/// A stored cookie, as a bucket keeps it: everything a lookup needs for
/// every candidate and for every cookie it sends (expiry, flags, the head
/// of the path, the sort keys, where its strings sit in the bucket's text)
/// inline in 48 bytes, and the full cookie behind a box, which a lookup
/// under a policy with a [`ReturnShortcut`] reads only for a cookie
/// without a value or whose strings are not in the text.
///
/// Times are kept as `u32` seconds, clamped: exact for every clock
/// reading from 1970 to 2106 (see [`Entry::is_expired`] for the others).
///
/// [`ReturnShortcut`]: crate::policy::ReturnShortcut
pub(crate) struct Entry {
    /// `None` only in a hole of the [`Arena`] (a slot no bucket uses).
    cookie: Option<Box<Cookie>>,
    /// The creation time in nanoseconds (saturating), for cheap sorting.
    creation_ns: i64,
    /// The first [`PATH_HEAD`] bytes of the path, zero-padded.
    path_head: [u8; PATH_HEAD],
    /// The expiry in Unix seconds clamped to `0..=u32::MAX` (a session
    /// cookie's `i64::MAX` is `u32::MAX`); see [`Entry::is_expired`].
    expiry: u32,
    /// Last access in Unix seconds clamped to `0..=u32::MAX`, updated
    /// under the read lock; see [`Entry::snapshot`]. A lookup at a clock
    /// reading outside 1970-2106 records the clamped second (nothing
    /// orders or evicts by last access).
    last_access: AtomicU32,
    /// Creation order, to break ties between equal creation times; the
    /// store renumbers its entries before it runs out ([`SEQ_MAX`]).
    seq: u32,
    /// The path length (saturated at [`PATH_LEN`]) and the flags.
    meta: u32,
    /// Where the long path (see [`Entry::text_path_len`]), then the
    /// `name=value` string, sit in the bucket's [`Bucket::text`];
    /// [`NO_TEXT`] before the text is built. Set by the lookup that builds
    /// the text, under the read lock, hence atomic.
    text_at: AtomicU32,
    /// Low 16 bits of [`key_hash`], to find a replaced cookie by comparing
    /// integers before strings.
    key_hash: u16,
    /// The length of the `name=value` string (saturated; a pair longer
    /// than `u16::MAX` is never put in the text).
    pair_len: u16,
}

// The size the scans are measured with; a field more costs every lookup
// in a jar larger than the cache.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Entry>() == 48);

/// The cookie [`Entry::cookie`] gives for a hole: empty, never stored.
fn hole_cookie() -> &'static Cookie {
    static EMPTY: OnceLock<Cookie> = OnceLock::new();
    EMPTY.get_or_init(|| Cookie::builder("", "").build())
}

/// Unix seconds clamped to what an [`Entry`] keeps.
fn clamp_secs(secs: i64) -> u32 {
    // Clamped into range first.
    secs.clamp(0, i64::from(u32::MAX)) as u32
}

/// Whether a clock reading is one at which the clamped times of an
/// [`Entry`] compare exactly: from 1970 to 2106.
fn exact_clock(now: i64) -> bool {
    (0..i64::from(u32::MAX)).contains(&now)
}

/// Shows the cookie (whose `Debug` redacts the value).
impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("cookie", &self.cookie())
            .field("expiry", &self.expiry)
            .field("seq", &self.seq)
            .finish_non_exhaustive()
    }
}

impl Entry {
    fn new(cookie: Box<Cookie>, expiry: i64, key_hash: u64, seq: u32) -> Entry {
        let path = cookie.path.as_bytes();
        let path_head = path_head(path).to_le_bytes();
        let len = u32::try_from(path.len()).unwrap_or(u32::MAX).min(PATH_LEN);
        let flag = |on: bool, bit: u32| if on { bit } else { 0 };
        let meta = len
            | flag(cookie.host_only, HOST_ONLY)
            | flag(cookie.secure, SECURE)
            | flag(cookie.legacy.value_absent, VALUE_ABSENT);
        let creation_ns = cookie.creation.nanos_saturating();
        Entry {
            expiry: clamp_secs(expiry),
            creation_ns,
            seq,
            last_access: AtomicU32::new(clamp_secs(cookie.last_access.secs())),
            path_head,
            // Truncation intended: a pre-filter only.
            key_hash: key_hash as u16,
            meta,
            text_at: AtomicU32::new(NO_TEXT),
            pair_len: u16::try_from(cookie.nv.pair_bytes().len()).unwrap_or(u16::MAX),
            cookie: Some(cookie),
        }
    }

    /// What fills an [`Arena`] slot that no bucket uses: expired, with
    /// no cookie.
    fn hole() -> Entry {
        Entry {
            cookie: None,
            creation_ns: 0,
            path_head: [0; PATH_HEAD],
            expiry: 0,
            last_access: AtomicU32::new(0),
            seq: 0,
            meta: 0,
            text_at: AtomicU32::new(NO_TEXT),
            key_hash: 0,
            pair_len: 0,
        }
    }

    /// The stored cookie (its last-access time as of when it was stored;
    /// see [`Entry::snapshot`]).
    pub(crate) fn cookie(&self) -> &Cookie {
        match &self.cookie {
            Some(c) => c,
            // Never asked of a hole; an empty cookie, should it be.
            None => hole_cookie(),
        }
    }

    /// Records that the cookie was sent (or read) at `now` (clamped to
    /// 1970-2106, as [`Entry`] keeps times).
    pub(crate) fn touch(&self, now: i64) {
        let now = clamp_secs(now);
        // Only a changed time is written: a store dirties the cache line
        // even when the value is the same, and a dirty line costs a write
        // back to memory in a jar larger than the cache.
        if self.last_access.load(Ordering::Relaxed) != now {
            self.last_access.store(now, Ordering::Relaxed);
        }
    }

    /// The cookie with its current last-access time: the cookie's own
    /// (to the nanosecond) unless a lookup recorded another second.
    pub(crate) fn snapshot(&self) -> Cookie {
        let mut c = self.cookie().clone();
        let accessed = self.last_access.load(Ordering::Relaxed);
        if accessed != clamp_secs(c.last_access.secs()) {
            c.last_access = UnixTime::from_secs(i64::from(accessed));
        }
        c
    }

    /// Creation order: creation time, then insertion order. The inline
    /// nanoseconds saturate outside 1677-2262; two cookies tied there are
    /// ordered by their own creation times.
    pub(crate) fn creation_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        if a.creation_ns != b.creation_ns {
            return a.creation_ns.cmp(&b.creation_ns);
        }
        if matches!(a.creation_ns, i64::MIN | i64::MAX) {
            return a
                .cookie()
                .creation
                .cmp(&b.cookie().creation)
                .then(a.seq.cmp(&b.seq));
        }
        a.seq.cmp(&b.seq)
    }

    /// Whether the cookie has expired at `now`. From 1970 to 2106 the
    /// clamped expiry answers exactly (an expiry before 1970 clamps to 0,
    /// still no later than `now`; one after 2106, or none, clamps to
    /// `u32::MAX`, still later); at other clock readings the cookie's
    /// own expiry answers.
    pub(crate) fn is_expired(&self, now: i64) -> bool {
        match exact_clock(now) {
            true => i64::from(self.expiry) <= now,
            false => expiry_of(self.cookie()) <= now,
        }
    }

    /// No later than the cookie's expiry, for [`Bucket::min_expiry`].
    fn expiry_lower_bound(&self) -> i64 {
        match self.expiry {
            // Clamped up from an expiry before 1970, maybe.
            0 => i64::MIN,
            t => i64::from(t),
        }
    }

    pub(crate) fn host_only(&self) -> bool {
        self.meta & HOST_ONLY != 0
    }

    pub(crate) fn secure(&self) -> bool {
        self.meta & SECURE != 0
    }

    fn path_len(&self) -> usize {
        (self.meta & PATH_LEN) as usize
    }

    /// How many bytes of the path the bucket's text holds: all of a path
    /// longer than its inline head, none of the others.
    fn text_path_len(&self) -> usize {
        match self.path_len() {
            n if n > PATH_HEAD => n,
            _ => 0,
        }
    }

    /// The strings this entry puts in its bucket's text: the path when it
    /// is longer than the inline head, and the `name=value` string.
    fn text_strings(&self) -> (&str, &str) {
        let path = match self.text_path_len() {
            0 => "",
            _ => self.cookie().path.as_str(),
        };
        (path, self.cookie().nv.pair())
    }

    /// This entry's strings in `text` (its bucket's), path first, or
    /// `None` when they are not there.
    #[inline]
    fn strings_in<'t>(&self, text: &'t str) -> Option<(&'t str, &'t str)> {
        let at = self.text_at.load(Ordering::Relaxed);
        if at == NO_TEXT {
            return None;
        }
        let at = at as usize;
        let mid = at + self.text_path_len();
        Some((
            text.get(at..mid)?,
            text.get(mid..mid + usize::from(self.pair_len))?,
        ))
    }

    /// RFC 6265bis §5.1.4: whether `req` (the request path, with `head`
    /// its first [`PATH_HEAD`] bytes zero-padded) path-matches this
    /// cookie's path; `text` is its bucket's text. What a scan does for
    /// one entry: [`Entry::path_matches_inline`], then, for a long path,
    /// [`Entry::long_path_matches`].
    #[cfg(test)]
    fn path_matches(&self, text: &str, req: &[u8], head: u64) -> bool {
        let (short, long) = self.path_matches_inline(head, req.len(), path_ends(req));
        short || (long && self.long_path_matches(text, req))
    }

    /// The part of RFC 6265bis §5.1.4 that the entry answers inline,
    /// without a branch, so that a scan does not wait on one candidate's
    /// cache miss to read the next: whether a path of at most
    /// [`PATH_HEAD`] bytes path-matches the request path (`head` its
    /// first bytes zero-padded, `req_len` its length, `ends` its
    /// [`path_ends`]), and whether a longer path may match: no longer
    /// than the request and equal on the head, to be confirmed by
    /// [`Entry::long_path_matches`].
    #[inline(always)]
    fn path_matches_inline(&self, head: u64, req_len: usize, ends: u32) -> (bool, bool) {
        let n = self.path_len();
        let fits = n <= req_len;
        let short = n <= PATH_HEAD;
        let k = n.min(PATH_HEAD);
        let mine = u64::from_le_bytes(self.path_head);
        // The cookie path is a prefix of the request path...
        let prefix = (mine ^ head) & HEAD_MASKS[k] == 0;
        // ...and ends with a '/', or where the request path ends or
        // continues with a '/' (the boundary rule).
        let last = (mine >> (8 * k.saturating_sub(1))) & 0xff;
        let boundary = ((ends >> k) & 1 == 1) | ((k > 0) & (last == u64::from(b'/')));
        (
            fits & short & prefix & boundary,
            fits & !short & (mine == head),
        )
    }

    /// RFC 6265bis §5.1.4 for a path longer than [`PATH_HEAD`], read from
    /// `text` (its bucket's) or else from the cookie.
    fn long_path_matches(&self, text: &str, req: &[u8]) -> bool {
        let path = match self.strings_in(text) {
            Some((path, _)) => path.as_bytes(),
            None => self.cookie().path.as_bytes(),
        };
        path_match_bytes(req, path)
    }

    /// RFC 6265bis §5.8.3 step 3 order: longer paths first, then earlier
    /// creation.
    pub(crate) fn send_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        b.path_len()
            .cmp(&a.path_len())
            .then_with(|| Entry::creation_order(a, b))
    }
}

/// The mask of the first `k` bytes of a path head, for `k` up to
/// [`PATH_HEAD`].
const HEAD_MASKS: [u64; PATH_HEAD + 1] = {
    let mut masks = [u64::MAX; PATH_HEAD + 1];
    let mut k = 0;
    while k < PATH_HEAD {
        masks[k] = (1u64 << (8 * k)) - 1;
        k += 1;
    }
    masks
};

/// For a request path, bit `n` (for `n` up to [`PATH_HEAD`]) set when a
/// cookie path of `n` bytes that is a prefix of it meets RFC 6265bis
/// §5.1.4's boundary rule on the request side: the request path ends
/// there or continues with a '/'.
fn path_ends(req: &[u8]) -> u32 {
    (0..=PATH_HEAD)
        .filter(|&n| n == req.len() || req.get(n) == Some(&b'/'))
        .fold(0, |ends, n| ends | 1 << n)
}

/// The first [`PATH_HEAD`] bytes of `path`, zero-padded, as a number.
fn path_head(path: &[u8]) -> u64 {
    let mut head = [0u8; PATH_HEAD];
    let n = path.len().min(PATH_HEAD);
    head[..n].copy_from_slice(&path[..n]);
    u64::from_le_bytes(head)
}

/// What storing a cookie that has already expired does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExpiredCookies {
    /// RFC 6265bis §5.7: it only removes the cookie with its key, and the
    /// bucket's expired cookies are evicted on the way.
    Remove,
    /// It is stored like any other, and evicts nothing but the cookie with
    /// its key (a cookie file read keeping its expired cookies, as
    /// Python's `ignore_expires` does). Lookups never send an expired
    /// cookie; `clear_expired_cookies`, or the next store under
    /// [`ExpiredCookies::Remove`] into its bucket, removes it.
    Keep,
}

/// What [`Store::insert`] did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Inserted<'s> {
    /// The cookie was stored (added, or replacing one with the same key),
    /// after the eviction of `evicted` to make room, if any.
    Stored {
        cookie: &'s Cookie,
        evicted: Option<Box<Cookie>>,
    },
    /// The cookie was not stored: its domain is full of cookies that
    /// rank above it (see [`make_room`]).
    Refused(Box<Cookie>),
    /// The cookie was not stored: its site is full of cookies that rank
    /// above it (see [`Store::make_site_room`]).
    SiteFull(Box<Cookie>),
    /// The cookie was already expired: any cookie it would replace was
    /// removed, and nothing was added.
    Expired(Box<Cookie>),
}

/// A bucket's domain, kept inline when it is short (most are), so that
/// finding a bucket does not chase a pointer to compare keys.
#[derive(Clone)]
enum DomainKey {
    Inline { len: u8, bytes: [u8; 22] },
    Heap(Box<[u8]>),
}

impl DomainKey {
    fn new(b: &[u8]) -> DomainKey {
        match u8::try_from(b.len()) {
            Ok(len) if b.len() <= 22 => {
                let mut bytes = [0u8; 22];
                bytes[..b.len()].copy_from_slice(b);
                DomainKey::Inline { len, bytes }
            }
            _ => DomainKey::Heap(b.into()),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            DomainKey::Inline { len, bytes } => &bytes[..usize::from(*len)],
            DomainKey::Heap(b) => b,
        }
    }
}

impl std::fmt::Debug for DomainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        String::from_utf8_lossy(self.as_bytes()).fmt(f)
    }
}

impl PartialEq for DomainKey {
    fn eq(&self, other: &DomainKey) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl Eq for DomainKey {}

// Must hash exactly as the borrowed `[u8]` does, for lookups by slice.
impl Hash for DomainKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl Borrow<[u8]> for DomainKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// [`Entry::text_at`] of an entry whose strings are not in its bucket's
/// text.
const NO_TEXT: u32 = u32::MAX;

/// The cookies stored under one domain.
///
/// The domain cookies come first, then the host-only ones: a request to a
/// subdomain of the bucket's domain reads only the first part (RFC 6265bis
/// §5.8.3 step 1: a host-only cookie only for its own host), unless the
/// policy may send host cookies to subdomains.
///
/// `text` holds each entry's `name=value` string (after its path, when
/// the path is longer than the inline head), back to back, so that the
/// strings a lookup compares and sends sit in a few contiguous cache
/// lines instead of one heap allocation each. It is an index for lookups,
/// built by the bucket's first lookup and kept up to date by the stores
/// and removals after it: a bucket that is never read (most of a jar
/// being filled) costs no copy.
///
/// Two summaries let most stores skip the bucket scan of RFC 6265bis §5.7
/// step 23 (find the cookie replaced, evict the expired ones): a store
/// needs to scan only when a cookie of the bucket may have expired or may
/// have the new cookie's key.
struct Bucket {
    /// Where the bucket's entries start in the store's [`Arena`].
    at: usize,
    /// How many entries the bucket has: `arena[at..at + len]`.
    len: usize,
    /// How many slots from `at` the bucket owns; those past `len` are
    /// holes, for the next entries.
    cap: usize,
    /// How many of the entries (the first ones) are domain cookies.
    shared: usize,
    /// The strings of `entries`, plus those of removed entries until the
    /// next compaction, once a lookup has read the bucket.
    text: OnceLock<String>,
    /// No later than the earliest expiry of `entries` (`i64::MAX` when
    /// empty): before it, none has expired.
    min_expiry: i64,
    /// At least the [`key_bit`] of every entry's key hash: when the new
    /// cookie's bit is not set, no entry has its key.
    key_bits: u64,
    /// The keys of a bucket past [`INDEXED_LEN`] entries, whose
    /// `key_bits` are all set: a store that replaces none of its cookies
    /// then scans none of them (a file of 100k cookies for one domain
    /// took 10 s to load, each cookie scanning those before it).
    keys: Option<Box<KeyIndex>>,
}

/// How many entries a bucket has before it keeps a [`KeyIndex`] (fewer
/// in tests, so that the model test's buckets keep one).
#[cfg(not(test))]
const INDEXED_LEN: usize = 64;
#[cfg(test)]
const INDEXED_LEN: usize = 4;

/// The keys (name, host-only flag, path) of a large bucket's entries, as
/// hashes with a count each: a store looks for the cookie it replaces
/// only when its key's hash is there.
#[derive(Debug, Default)]
struct KeyIndex {
    hasher: foldhash::fast::RandomState,
    counts: HashMap<u64, u32>,
}

impl KeyIndex {
    fn key(&self, c: &Cookie) -> u64 {
        use std::hash::BuildHasher;
        self.hasher
            .hash_one((c.nv.name_bytes(), c.host_only, c.path.as_bytes()))
    }

    fn add(&mut self, c: &Cookie) {
        *self.counts.entry(self.key(c)).or_insert(0) += 1;
    }

    fn remove(&mut self, c: &Cookie) {
        let key = self.key(c);
        if let Some(n) = self.counts.get_mut(&key) {
            *n -= 1;
            if *n == 0 {
                self.counts.remove(&key);
            }
        }
    }

    /// Whether an entry may have `c`'s key (yes, or a hash collision).
    fn may_hold(&self, c: &Cookie) -> bool {
        self.counts.contains_key(&self.key(c))
    }
}

/// Shows the entries (whose cookies redact their values), never `text`.
impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bucket")
            .field("at", &self.at)
            .field("len", &self.len)
            .field("cap", &self.cap)
            .field("min_expiry", &self.min_expiry)
            .finish_non_exhaustive()
    }
}

impl Bucket {
    /// An empty bucket.
    const fn new() -> Bucket {
        Bucket {
            at: 0,
            len: 0,
            cap: 0,
            shared: 0,
            text: OnceLock::new(),
            min_expiry: i64::MAX,
            key_bits: 0,
            keys: None,
        }
    }

    /// Whether an entry may have `c`'s key, whose [`key_hash`] is `hash`.
    fn may_hold(&self, c: &Cookie, hash: u64) -> bool {
        self.key_bits & key_bit(hash) != 0 && self.keys.as_ref().is_none_or(|k| k.may_hold(c))
    }
}

impl Default for Bucket {
    fn default() -> Self {
        Bucket::new()
    }
}

/// What an absent bucket is scanned as.
static NO_BUCKET: Bucket = Bucket::new();

/// Appends `e`'s strings to `text` and records where, unless they would
/// not fit in [`NO_TEXT`] or their lengths in the entry are saturated
/// (the entry then reads them from the cookie).
fn append_text(text: &mut String, e: &Entry) {
    let (path, pair) = e.text_strings();
    let at = text.len();
    if at + path.len() + pair.len() < NO_TEXT as usize
        && pair.len() == usize::from(e.pair_len)
        && path.len() == e.text_path_len()
    {
        text.push_str(path);
        text.push_str(pair);
        // Fits, checked above.
        e.text_at.store(at as u32, Ordering::Relaxed);
    } else {
        e.text_at.store(NO_TEXT, Ordering::Relaxed);
    }
}

/// How many bytes the strings of `entries` take in a text.
fn text_len(entries: &[Entry]) -> usize {
    entries
        .iter()
        .map(|e| e.text_path_len() + usize::from(e.pair_len))
        .sum()
}

/// Writes the strings of `entries` into `text` (emptied first), `len`
/// bytes ([`text_len`]) at most.
fn write_text(text: &mut String, entries: &[Entry], len: usize) {
    text.clear();
    text.reserve_exact(len);
    for e in entries {
        append_text(text, e);
    }
}

impl Bucket {
    /// The bucket's entries, domain cookies first.
    fn entries<'a>(&self, arena: &'a Arena) -> &'a [Entry] {
        arena
            .slots
            .get(self.at..self.at + self.len)
            .unwrap_or_default()
    }

    /// The bucket's text, built now if no lookup has read the bucket
    /// before.
    fn text(&self, arena: &Arena) -> &str {
        self.text.get_or_init(|| {
            let entries = self.entries(arena);
            let mut text = String::new();
            write_text(&mut text, entries, text_len(entries));
            text
        })
    }

    /// Adds `e` among the domain or the host-only cookies, and its strings
    /// to the text if a lookup has built it.
    fn push<'a>(&mut self, arena: &'a mut Arena, e: Entry) -> &'a Entry {
        if let Some(text) = self.text.get_mut() {
            append_text(text, &e);
        }
        // Grow by half, not by doubling: most buckets stay small, and the
        // slack of doubling would cost more memory than the copies save
        // time (a quarter cost 4% more time in W1).
        if self.len == self.cap {
            arena.grow(self, (self.len / 2).max(4));
        }
        if let Some(keys) = &mut self.keys {
            keys.add(e.cookie());
        }
        let host_only = e.host_only();
        let mut at = self.at + self.len;
        arena.slots[at] = e;
        self.len += 1;
        if self.len > INDEXED_LEN && self.keys.is_none() {
            let mut keys = Box::<KeyIndex>::default();
            for e in &arena.slots[self.at..self.at + self.len] {
                keys.add(e.cookie());
            }
            self.keys = Some(keys);
        }
        if !host_only {
            arena.slots.swap(self.at + self.shared, at);
            at = self.at + self.shared;
            self.shared += 1;
        }
        &arena.slots[at]
    }

    /// Keeps the entries for which `keep` says so (in order, so the domain
    /// cookies still come first); returns how many were removed. Rewrites
    /// the text when most of it is dead. The summaries stay true of fewer
    /// entries.
    fn retain(&mut self, arena: &mut Arena, mut keep: impl FnMut(&Entry) -> bool) -> usize {
        let slots = &mut arena.slots[self.at..self.at + self.len];
        // Kept entries move down in order; the others end past them.
        let mut kept = 0;
        for i in 0..slots.len() {
            if keep(&slots[i]) {
                slots.swap(kept, i);
                kept += 1;
            }
        }
        for e in &mut slots[kept..] {
            if let (Some(keys), Some(c)) = (&mut self.keys, &e.cookie) {
                keys.remove(c);
            }
            *e = Entry::hole();
        }
        let removed = self.len - kept;
        self.len = kept;
        if removed > 0 {
            let entries = &arena.slots[self.at..self.at + self.len];
            self.shared = entries.iter().take_while(|e| !e.host_only()).count();
            if let Some(text) = self.text.get_mut() {
                let live = text_len(entries);
                if text.len() > 64 && text.len() > 2 * live {
                    // Rebuilt with only what the entries refer to.
                    write_text(text, entries, live);
                    text.shrink_to(live + live / 4);
                }
            }
        }
        removed
    }
}

/// The entries of every bucket of a store, in one vector: each bucket
/// owns a run of slots (its entries, then holes for the next ones).
///
/// A lookup reads the entries of a few buckets; kept apart from the
/// cookies and strings in the heap, the entries of a large jar sit on
/// fewer memory pages (in a 100k-cookie jar, lookups took about 5% less
/// time than with one vector per bucket on the project's machine, and
/// stores and file loads no more).
#[derive(Debug)]
struct Arena {
    slots: Vec<Entry>,
    /// How many slots no bucket owns (left behind by buckets that moved
    /// or went).
    dead: usize,
    /// How many dead slots there must be before a compaction: 64, lower
    /// in tests.
    min_dead: usize,
}

impl Default for Arena {
    fn default() -> Arena {
        Arena {
            slots: Vec::new(),
            dead: 0,
            min_dead: 64,
        }
    }
}

impl Arena {
    /// Gives `bucket` `more` slots: in place when its run ends the
    /// vector, else by moving its entries to the end.
    fn grow(&mut self, bucket: &mut Bucket, more: usize) {
        let end = self.slots.len();
        let cap = bucket.cap + more;
        if bucket.at + bucket.cap == end {
            self.reserve(more);
            self.slots.resize_with(end + more, Entry::hole);
        } else {
            self.reserve(cap);
            for i in bucket.at..bucket.at + bucket.len {
                let e = std::mem::replace(&mut self.slots[i], Entry::hole());
                self.slots.push(e);
            }
            self.slots.resize_with(end + cap, Entry::hole);
            self.dead += bucket.cap;
            bucket.at = end;
        }
        bucket.cap = cap;
    }

    /// Room for `more` slots, growing the vector by half at least (not
    /// doubling, for memory's sake).
    fn reserve(&mut self, more: usize) {
        let len = self.slots.len();
        if self.slots.capacity() - len < more {
            self.slots.reserve_exact(more.max(len / 2));
        }
    }

    /// The slots of a bucket that goes are dead.
    fn release(&mut self, bucket: &Bucket) {
        for e in &mut self.slots[bucket.at..bucket.at + bucket.len] {
            *e = Entry::hole();
        }
        self.dead += bucket.cap;
    }

    /// Once a quarter of the slots are dead, moves every bucket's run
    /// down over the dead slots, in place and in order, and drops the
    /// dead slots left at the end: the moves cost no more, over time,
    /// than the buckets' own moves did.
    fn compact<'b>(&mut self, buckets: impl Iterator<Item = &'b mut Bucket>) {
        if self.dead < self.min_dead || self.dead * 4 < self.slots.len() {
            return;
        }
        let mut runs: Vec<&mut Bucket> = buckets.collect();
        runs.sort_unstable_by_key(|b| b.at);
        let mut end = 0;
        for b in runs {
            // The slots from `end` to `b.at` are dead, so holes: each
            // swap moves an entry down and a hole up, and the holes the
            // run owns past its entries stay holes.
            if b.at != end {
                for i in 0..b.len {
                    self.slots.swap(end + i, b.at + i);
                }
                b.at = end;
            }
            end += b.cap;
        }
        self.slots.truncate(end);
        if self.slots.capacity() > 2 * end {
            self.slots.shrink_to(end + end / 2);
        }
        self.dead = 0;
    }
}

/// One of 64 bits for a key hash, for [`Bucket::key_bits`].
fn key_bit(hash: u64) -> u64 {
    1 << (hash & 63)
}

/// The last [`Entry::seq`] a store gives out before it renumbers its
/// entries.
const SEQ_MAX: u32 = u32::MAX;

/// The cookies of a jar, indexed by domain.
pub(crate) struct Store {
    buckets: HashMap<DomainKey, Bucket>,
    /// The buckets' entries.
    arena: Arena,
    len: usize,
    /// The last [`Entry::seq`] given out.
    next_seq: u32,
    /// [`SEQ_MAX`], lower in tests.
    seq_max: u32,
    /// The domains of the secure cookies, by name: the "leave secure
    /// cookies alone" check reads only the buckets of the related
    /// domains holding secure cookies named like the new one.
    secure_names: SecureNames,
    /// The buckets' domains and cookie counts by site, for the per-site
    /// limit: made by its first check ([`Store::insert_limited`]), then
    /// kept by every change of the store (`None` until then, and after
    /// [`Store::clear`]).
    sites: Option<Sites>,
}

/// The store's sites (see [`site_of`]) that hold cookies.
#[derive(Debug, Default)]
struct Sites(HashMap<Box<[u8]>, Site>);

/// What the store holds of one site.
#[derive(Debug, Default)]
struct Site {
    /// Its cookies, expired ones included.
    cookies: usize,
    /// The domains of its buckets.
    domains: std::collections::HashSet<DomainKey, foldhash::fast::RandomState>,
}

impl Sites {
    /// The sites of `buckets`.
    fn of(buckets: &HashMap<DomainKey, Bucket>) -> Sites {
        let mut sites = Sites::default();
        for (domain, bucket) in buckets {
            let site = sites
                .0
                .entry(site_of(domain.as_bytes()).into())
                .or_default();
            site.cookies += bucket.len;
            site.domains.insert(domain.clone());
        }
        sites
    }

    /// Counts `added` cookies in, and `removed` out of, `domain`'s
    /// bucket, which was just made (`made`) or is now gone (`gone`).
    #[inline(never)]
    fn note(&mut self, domain: &[u8], added: usize, removed: usize, made: bool, gone: bool) {
        let key = site_of(domain);
        if made {
            self.0
                .entry(key.into())
                .or_default()
                .domains
                .insert(DomainKey::new(domain));
        }
        let Some(site) = self.0.get_mut(key) else {
            return;
        };
        site.cookies = (site.cookies + added).saturating_sub(removed);
        if gone {
            site.domains.remove(domain);
            if site.domains.is_empty() {
                self.0.remove(key);
            }
        }
    }
}

/// [`Sites::note`] on the store's sites, if it keeps them.
#[inline(always)]
fn note_site(
    sites: &mut Option<Sites>,
    domain: &[u8],
    added: usize,
    removed: usize,
    made: bool,
    gone: bool,
) {
    if let Some(sites) = sites {
        if added != removed || made || gone {
            sites.note(domain, added, removed, made, gone);
        }
    }
}

/// A cookie domain's site, for the per-site limit: its registrable domain
/// by the built-in Public Suffix List (`a.example.co.uk` and
/// `example.co.uk` are `example.co.uk`'s); an address, or a public
/// suffix, is a site alone.
fn site_of(domain: &[u8]) -> &[u8] {
    use crate::psl::PublicSuffixList;
    match std::str::from_utf8(domain) {
        Ok(d) if !crate::matching::is_ip_literal(d) => crate::psl::BuiltinList
            .registrable_domain(d)
            .map_or(domain, str::as_bytes),
        _ => domain,
    }
}

/// Shows each domain with its entries (whose cookies redact their
/// values).
impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.buckets
                    .iter()
                    .map(|(domain, b)| (domain, b.entries(&self.arena))),
            )
            .finish()
    }
}

impl Default for Store {
    fn default() -> Store {
        Store {
            buckets: HashMap::default(),
            arena: Arena::default(),
            len: 0,
            next_seq: 0,
            seq_max: SEQ_MAX,
            secure_names: SecureNames::default(),
            sites: None,
        }
    }
}

/// A hash of a cookie's key within its bucket (name, host-only flag,
/// path), with the store's keyed hasher. Only a pre-filter: equal hashes
/// are confirmed by comparing the strings.
#[inline(always)]
fn key_hash(hasher: &foldhash::fast::RandomState, c: &Cookie) -> u64 {
    use std::hash::BuildHasher;
    hasher.hash_one((c.nv.name_bytes(), c.host_only, c.path.as_bytes()))
}

/// The whole second at or after the cookie's expiry (`i64::MAX` for a
/// session cookie): the store reads the clock in whole seconds, rounded
/// down, so a cookie that expires at `S.9` (a `Max-Age` counts from the
/// nanosecond it arrived) goes at `S + 1`, never before its time.
fn expiry_of(c: &Cookie) -> i64 {
    c.expires.map_or(i64::MAX, |t| {
        t.secs().saturating_add(i64::from(t.subsec_nanos() > 0))
    })
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
    pub(crate) fn shadows_secure(&mut self, c: &Cookie, now: i64) -> bool {
        if self.secure_names.is_stale() {
            let secure = self
                .buckets
                .values()
                .flat_map(|b| b.entries(&self.arena))
                .filter(|e| e.secure())
                .map(|e| (e.cookie().nv.name_bytes(), &e.cookie().domain));
            self.secure_names.rebuilt(secure);
        }
        self.secure_names
            .any_related(c.nv.name_bytes(), &c.domain, |domain| {
                self.buckets.get(domain.as_bytes()).is_some_and(|b| {
                    b.entries(&self.arena).iter().any(|e| {
                        e.secure() && !e.is_expired(now) && {
                            let s = e.cookie();
                            s.nv.name_bytes() == c.nv.name_bytes() && path_match(&c.path, &s.path)
                        }
                    })
                })
            })
    }

    /// Stores `c` (RFC 6265bis §5.7 steps 23-25): it replaces a cookie with
    /// the same name, domain, host-only flag and path, keeping that
    /// cookie's creation time; an expired cookie only removes. Expired
    /// cookies of the bucket are evicted on the way.
    pub(crate) fn insert(&mut self, c: Box<Cookie>, now: i64) -> Inserted<'_> {
        self.insert_as(c, now, ExpiredCookies::Remove, usize::MAX)
    }

    /// [`Store::insert`], keeping at most `limit` unexpired cookies in
    /// the cookie's domain (see [`make_room`]), and at most `site_limit`
    /// in the cookie's site (see [`site_of`]; `usize::MAX` for no limit),
    /// as [`Store::make_site_room`] makes room. At most one cookie is evicted: when the cookie's domain is
    /// full, its own eviction (`limit`'s) also makes room in the site.
    pub(crate) fn insert_limited(
        &mut self,
        c: Box<Cookie>,
        now: i64,
        limit: usize,
        site_limit: usize,
    ) -> Inserted<'_> {
        self.insert_within(c, now, ExpiredCookies::Remove, limit, site_limit)
    }

    /// RFC 6265bis §5.7 ("remove excess cookies"), by site: when `c`'s
    /// site holds `site_limit` unexpired cookies and `c` would add one
    /// (it replaces none, and its domain is not full, whose eviction
    /// would make room), evicts the site's cookie [`make_room`] would
    /// pick in one domain: non-secure before secure, then the least
    /// recently accessed, then the oldest; or refuses `c` when it is not
    /// secure and every other is.
    #[inline(never)]
    fn make_site_room(&mut self, c: &Cookie, now: i64, limit: usize, site_limit: usize) -> Room {
        let site_limit = site_limit.max(1);
        let buckets = &self.buckets;
        let sites = self.sites.get_or_insert_with(|| Sites::of(buckets));
        let key = site_of(c.domain.as_bytes());
        let Some(site) = sites.0.get(key).filter(|s| s.cookies >= site_limit) else {
            return Room::Free;
        };
        // The site is full, or holds expired cookies: they go first
        // (RFC 6265bis §5.7, "remove excess cookies").
        let domains: Vec<DomainKey> = site.domains.iter().cloned().collect();
        for d in &domains {
            self.remove_expired_in(d.as_bytes(), now);
        }
        let live = self
            .sites
            .as_ref()
            .and_then(|s| s.0.get(key))
            .map_or(0, |s| s.cookies);
        if live < site_limit {
            return Room::Free;
        }
        let (buckets, arena) = (&self.buckets, &self.arena);
        if let Some(own) = buckets.get(c.domain.as_bytes()) {
            let hash = key_hash(buckets.hasher(), c);
            let own = own.entries(arena);
            if own.iter().any(|e| same_key(e, c, hash)) || own.len() >= limit.max(1) {
                return Room::Free;
            }
        }
        // Lower goes first: (secure, last access, creation order).
        let rank = |e: &Entry| (e.secure(), e.last_access.load(Ordering::Relaxed));
        let victim = domains
            .iter()
            .filter_map(|d| Some((d, buckets.get(d.as_bytes())?)))
            .flat_map(|(d, b)| {
                b.entries(arena)
                    .iter()
                    .enumerate()
                    .map(move |(i, e)| (d, i, e))
            })
            .min_by(|(_, _, a), (_, _, b)| {
                rank(a)
                    .cmp(&rank(b))
                    .then_with(|| Entry::creation_order(a, b))
            });
        let Some((domain, i, old)) = victim else {
            return Room::Free;
        };
        if !c.secure && old.secure() {
            return Room::Refused;
        }
        let Some(bucket) = self.buckets.get_mut(domain.as_bytes()) else {
            return Room::Free;
        };
        let gone = evict_at(bucket, &mut self.arena, &mut self.secure_names, i);
        let empty = bucket.len == 0;
        if empty {
            self.arena.release(bucket);
            self.buckets.remove(domain.as_bytes());
        }
        note_site(&mut self.sites, domain.as_bytes(), 0, 1, false, empty);
        self.len -= 1;
        Room::Evicted(gone)
    }

    /// Removes the expired cookies of `domain`'s bucket.
    fn remove_expired_in(&mut self, domain: &[u8], now: i64) {
        let Some(bucket) = self.buckets.get_mut(domain) else {
            return;
        };
        // The summary first: most buckets hold no cookie that may have
        // expired.
        if now < bucket.min_expiry
            || !bucket
                .entries(&self.arena)
                .iter()
                .any(|e| e.is_expired(now))
        {
            return;
        }
        let mut secure_gone: Vec<(Box<[u8]>, ShortStr)> = Vec::new();
        let removed = bucket.retain(&mut self.arena, |e| {
            let gone = e.is_expired(now);
            if gone && e.cookie().secure {
                secure_gone.push((e.cookie().nv.name_bytes().into(), e.cookie().domain.clone()));
            }
            !gone
        });
        let empty = bucket.len == 0;
        if empty {
            self.arena.release(bucket);
            self.buckets.remove(domain);
        }
        note_site(&mut self.sites, domain, 0, removed, false, empty);
        for (name, domain) in secure_gone {
            self.secure_names.remove(&name, &domain);
        }
        self.len -= removed;
    }

    /// [`Store::insert`], with what an expired cookie does and the
    /// per-domain limit (`usize::MAX` for none) chosen.
    pub(crate) fn insert_as(
        &mut self,
        c: Box<Cookie>,
        now: i64,
        expired: ExpiredCookies,
        limit: usize,
    ) -> Inserted<'_> {
        self.insert_within(c, now, expired, limit, usize::MAX)
    }

    /// [`Store::insert_as`], with the per-site limit too (`usize::MAX`
    /// for none).
    fn insert_within(
        &mut self,
        mut c: Box<Cookie>,
        now: i64,
        expired: ExpiredCookies,
        limit: usize,
        site_limit: usize,
    ) -> Inserted<'_> {
        if self.next_seq >= self.seq_max {
            self.renumber();
        }
        let expiry = expiry_of(&c);
        let remove_only = expiry <= now && expired == ExpiredCookies::Remove;
        let mut evicted = None;
        if site_limit != usize::MAX && expiry > now {
            match self.make_site_room(&c, now, limit, site_limit) {
                Room::Free => {}
                Room::Evicted(gone) => evicted = Some(gone),
                Room::Refused => return Inserted::SiteFull(c),
            }
        }
        let hash = key_hash(self.buckets.hasher(), &c);
        // Whether the store's sites, if kept, gain a bucket.
        let mut made = false;
        let bucket = match remove_only {
            // An expired cookie only removes: never create a bucket.
            true => match self.buckets.get_mut(c.domain.as_bytes()) {
                Some(bucket) => bucket,
                None => return Inserted::Expired(c),
            },
            false => {
                self.arena.compact(self.buckets.values_mut());
                made = self.sites.is_some() && !self.buckets.contains_key(c.domain.as_bytes());
                // One hash-table probe per stored cookie.
                self.buckets
                    .entry(DomainKey::new(c.domain.as_bytes()))
                    .or_default()
            }
        };
        let mut removed = 0;
        if !remove_only && bucket.len >= limit.max(1) {
            let arena = &mut self.arena;
            match make_room(bucket, arena, &mut self.secure_names, &c, hash, now, limit) {
                Room::Free => {}
                Room::Evicted(gone) => {
                    removed += 1;
                    evicted = Some(gone);
                }
                Room::Refused => return Inserted::Refused(c),
            }
        }
        let (expired_or_replaced, old) = evict(
            bucket,
            &mut self.arena,
            &c,
            hash,
            now,
            expired,
            &mut self.secure_names,
        );
        removed += expired_or_replaced;
        self.len -= removed;
        if remove_only {
            let gone = bucket.len == 0;
            if gone {
                self.arena.release(bucket);
                self.buckets.remove(c.domain.as_bytes());
            }
            note_site(
                &mut self.sites,
                c.domain.as_bytes(),
                0,
                removed,
                false,
                gone,
            );
            return Inserted::Expired(c);
        }
        note_site(
            &mut self.sites,
            c.domain.as_bytes(),
            1,
            removed,
            made,
            false,
        );
        // Keep a replaced cookie's creation time (and its place in the
        // creation order).
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
            self.secure_names.add(c.nv.name_bytes(), &c.domain);
        }
        bucket.min_expiry = bucket.min_expiry.min(expiry);
        bucket.key_bits |= key_bit(hash);
        self.len += 1;
        Inserted::Stored {
            cookie: bucket
                .push(&mut self.arena, Entry::new(c, expiry, hash, seq))
                .cookie(),
            evicted,
        }
    }

    /// Numbers the entries 1, 2, ... in creation order, so that
    /// [`Entry::seq`] does not run out (after four billion stores).
    fn renumber(&mut self) {
        let mut all: Vec<&mut Entry> = self
            .arena
            .slots
            .iter_mut()
            .filter(|e| e.cookie.is_some())
            .collect();
        all.sort_unstable_by(|a, b| Entry::creation_order(a, b));
        self.next_seq = 0;
        for (seq, e) in (1..).zip(all) {
            e.seq = seq;
            self.next_seq = seq;
        }
    }

    /// Stores each of `cookies` in order, as [`Store::insert_as`] does.
    pub(crate) fn insert_all(
        &mut self,
        cookies: impl IntoIterator<Item = Cookie>,
        now: i64,
        expired: ExpiredCookies,
    ) {
        if self.len == 0 {
            self.defer_secure_index();
        }
        for c in cookies {
            self.insert_as(Box::new(c), now, expired, usize::MAX);
        }
    }

    /// Stops keeping the index of secure cookies until the next check
    /// needs it (see [`SecureNames::defer`]), before filling an empty
    /// store from a file: a 100k-cookie load spent about 5 ms on it. (A
    /// new or cleared store's index is stale already.)
    pub(crate) fn defer_secure_index(&mut self) {
        self.secure_names.defer();
    }

    /// Calls `f` with every unexpired cookie stored under a domain that is
    /// a label suffix of `host` and whose path `path` path-matches (RFC
    /// 6265bis §5.8.3 step 1), with the bucket's domain (a slice of `host`)
    /// and whether that is `host` itself. A host-only cookie stored under
    /// another domain is a candidate only under Netscape rules: only when
    /// `parents_host_only` says so are they passed to `f`, which decides.
    /// Not yet sorted, not yet filtered by policy.
    pub(crate) fn for_each_match<'s, 'h>(
        &'s self,
        host: &'h str,
        is_ip: bool,
        path: &str,
        parents_host_only: bool,
        now: i64,
        mut f: impl FnMut(&'h str, bool, Found<'s>),
    ) {
        let req = path.as_bytes();
        let head = path_head(req);
        // Find every bucket first, then scan them: the probes are
        // independent, so their cache misses overlap instead of queueing
        // behind each bucket's scan.
        let arena = &self.arena;
        let mut scan_found = |found: &[(&'h str, &'s Bucket)]| {
            scan(
                arena,
                found,
                host,
                req,
                head,
                parents_host_only,
                now,
                &mut f,
            );
        };
        let mut found: [(&'h str, &'s Bucket); 8] = [("", &NO_BUCKET); 8];
        let mut n = 0;
        for suffix in host_suffixes(host, is_ip) {
            if let Some(bucket) = self.buckets.get(suffix.as_bytes()) {
                if n == found.len() {
                    scan_found(&found);
                    n = 0;
                }
                found[n] = (suffix, bucket);
                n += 1;
            }
        }
        scan_found(&found[..n]);
    }

    /// The entry of the cookie with key `key`: one hash probe, then its
    /// bucket.
    pub(crate) fn get(&self, key: &CookieKey) -> Option<&Entry> {
        let bucket = self.buckets.get(key.domain.as_bytes())?;
        bucket
            .entries(&self.arena)
            .iter()
            .find(|e| e.cookie().has_key(key))
    }

    /// Removes the cookie with key `key`, if stored, and returns it (as
    /// [`Entry::snapshot`] gives it).
    pub(crate) fn remove(&mut self, key: &CookieKey) -> Option<Cookie> {
        let bucket = self.buckets.get_mut(key.domain.as_bytes())?;
        let mut gone = None;
        bucket.retain(&mut self.arena, |e| {
            let hit = gone.is_none() && e.cookie().has_key(key);
            if hit {
                gone = Some(e.snapshot());
            }
            !hit
        });
        let c = gone?;
        let empty = bucket.len == 0;
        if empty {
            self.arena.release(bucket);
            self.buckets.remove(key.domain.as_bytes());
        }
        note_site(&mut self.sites, key.domain.as_bytes(), 0, 1, false, empty);
        if c.secure {
            self.secure_names.remove(c.nv.name_bytes(), &c.domain);
        }
        self.len -= 1;
        Some(c)
    }

    /// Every entry, in no particular order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.buckets.values().flat_map(|b| b.entries(&self.arena))
    }

    /// Removes the cookies for which `remove` says so; returns how many.
    pub(crate) fn remove_where(&mut self, mut remove: impl FnMut(&Entry) -> bool) -> usize {
        let mut n = 0;
        let mut secure_gone: Vec<(Box<[u8]>, ShortStr)> = Vec::new();
        for (domain, bucket) in &mut self.buckets {
            let removed = bucket.retain(&mut self.arena, |e| {
                let r = remove(e);
                if r && e.cookie().secure {
                    secure_gone
                        .push((e.cookie().nv.name_bytes().into(), e.cookie().domain.clone()));
                }
                !r
            });
            let empty = bucket.len == 0;
            note_site(&mut self.sites, domain.as_bytes(), 0, removed, false, empty);
            n += removed;
        }
        let arena = &mut self.arena;
        self.buckets.retain(|_, b| {
            if b.len == 0 {
                arena.release(b);
            }
            b.len > 0
        });
        self.arena.compact(self.buckets.values_mut());
        for (name, domain) in secure_gone {
            self.secure_names.remove(&name, &domain);
        }
        self.len -= n;
        n
    }

    /// RFC 6265bis §5.7, "remove excess cookies", for the whole store:
    /// when it holds more than `max` cookies, removes the expired ones
    /// and, if more than `max` are left, the least recently accessed
    /// (to the second; ties go to the older cookie) down to `target`
    /// (at most `max`), as Chrome purges its store: a store that would
    /// otherwise evict one cookie per insertion, scanning them all each
    /// time, scans them once per `max - target` insertions. The cookie
    /// with key `keep` (the one just stored) is never removed. Returns the
    /// unexpired cookies removed.
    pub(crate) fn trim(
        &mut self,
        max: usize,
        target: usize,
        now: i64,
        keep: Option<&CookieKey>,
    ) -> Vec<Cookie> {
        if self.len <= max {
            return Vec::new();
        }
        let kept = |e: &Entry| keep.is_some_and(|k| e.cookie().has_key(k));
        let live = self.entries().filter(|e| !e.is_expired(now)).count();
        let threshold = match live.checked_sub(target.min(max)) {
            Some(excess) if excess > 0 && live > max => {
                let mut ranks: Vec<Rank> = self
                    .entries()
                    .filter(|e| !e.is_expired(now) && !kept(e))
                    .map(Rank::of)
                    .collect();
                let excess = excess.min(ranks.len());
                match excess {
                    0 => None,
                    _ => Some(*ranks.select_nth_unstable(excess - 1).1),
                }
            }
            _ => None,
        };
        let mut gone = Vec::new();
        self.remove_where(|e| {
            if e.is_expired(now) {
                return true;
            }
            let goes = threshold.is_some_and(|t| Rank::of(e) <= t) && !kept(e);
            if goes {
                gone.push(e.snapshot());
            }
            goes
        });
        gone
    }

    /// Removes everything.
    pub(crate) fn clear(&mut self) {
        self.buckets.clear();
        self.arena = Arena {
            min_dead: self.arena.min_dead,
            ..Arena::default()
        };
        self.secure_names.clear();
        self.sites = None;
        self.len = 0;
    }
}

/// RFC 6265bis §5.7 step 23: removes from `bucket` the cookie with `c`'s
/// key (name, host-only flag, path; `hash` is its [`key_hash`]) and,
/// on the way, every expired cookie (unless `expired` keeps them).
/// Returns how many were removed, and the creation time and order of the
/// replaced cookie, if it had not expired (an expired cookie's
/// replacement is a new cookie).
#[allow(clippy::too_many_arguments)]
fn evict(
    bucket: &mut Bucket,
    arena: &mut Arena,
    c: &Cookie,
    hash: u64,
    now: i64,
    expired: ExpiredCookies,
    secure_names: &mut SecureNames,
) -> (usize, Option<(UnixTime, u32)>) {
    let evict_expired = expired == ExpiredCookies::Remove;
    let same = |e: &Entry| same_key(e, c, hash);
    // Most stores remove nothing: the summaries usually tell so without
    // a scan, and a scan looks before rewriting the bucket.
    if (now < bucket.min_expiry || !evict_expired) && !bucket.may_hold(c, hash) {
        return (0, None);
    }
    // The scan: whether anything goes, and the summaries, in one pass.
    let (mut work, mut min_expiry, mut key_bits) = (false, i64::MAX, 0);
    for e in bucket.entries(arena) {
        work |= (evict_expired && e.is_expired(now)) || same(e);
        min_expiry = min_expiry.min(e.expiry_lower_bound());
        key_bits |= key_bit(u64::from(e.key_hash));
    }
    bucket.min_expiry = min_expiry;
    bucket.key_bits = key_bits;
    if !work {
        return (0, None);
    }
    let mut old = None;
    let removed = bucket.retain(arena, |e| {
        let same = same(e);
        let expired = e.is_expired(now);
        // An expired cookie is already gone (§5.7: expired cookies are
        // evicted): its replacement is a new cookie.
        if same && !expired {
            old = Some((e.cookie().creation, e.seq));
        }
        let goes = same || (evict_expired && expired);
        if goes && e.cookie().secure {
            secure_names.remove(e.cookie().nv.name_bytes(), &e.cookie().domain);
        }
        !goes
    });
    // Tightened to what is left.
    let entries = bucket.entries(arena);
    bucket.min_expiry = entries
        .iter()
        .map(Entry::expiry_lower_bound)
        .min()
        .unwrap_or(i64::MAX);
    bucket.key_bits = entries
        .iter()
        .fold(0, |bits, e| bits | key_bit(u64::from(e.key_hash)));
    (removed, old)
}

/// Whether `e` holds a cookie with `c`'s key (its domain's bucket
/// assumed), `hash` being `c`'s [`key_hash`]: integers first, strings
/// only when they agree.
fn same_key(e: &Entry, c: &Cookie, hash: u64) -> bool {
    e.key_hash == hash as u16 && {
        let s = e.cookie();
        s.nv.name_bytes() == c.nv.name_bytes() && s.host_only == c.host_only && s.path == c.path
    }
}

/// RFC 6265bis §5.7, "remove excess cookies": makes room for `c` in
/// `bucket` (its domain's) when the unexpired cookies there number
/// `limit` (at least 1) or more and `c` replaces none of them. The cookie
/// evicted is, in the RFC's order, a non-secure one before a secure one,
/// then the one with the earliest last access (to the second), then the
/// oldest; `c` itself (the most recent) takes part, so a non-secure `c`
/// is the one to go when all the others are secure. Expired cookies are
/// left for the store of `c`, which evicts them first.
///
/// Called only for a full bucket, so a bucket never grows past `limit`
/// from stores with a limit, and each costs at most a scan of `limit`
/// entries more.
fn make_room(
    bucket: &mut Bucket,
    arena: &mut Arena,
    secure_names: &mut SecureNames,
    c: &Cookie,
    hash: u64,
    now: i64,
    limit: usize,
) -> Room {
    let entries = bucket.entries(arena);
    let live = || entries.iter().filter(|e| !e.is_expired(now));
    if live().count() < limit.max(1) || live().any(|e| same_key(e, c, hash)) {
        return Room::Free;
    }
    // Lower goes first: (secure, last access, creation order).
    let rank = |e: &Entry| (e.secure(), e.last_access.load(Ordering::Relaxed));
    let victim = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_expired(now))
        .min_by(|(_, a), (_, b)| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| Entry::creation_order(a, b))
        });
    let Some((i, old)) = victim else {
        return Room::Free;
    };
    // The new cookie is the most recently stored: it goes only when it
    // is not secure and every other is.
    if !c.secure && old.secure() {
        return Room::Refused;
    }
    Room::Evicted(evict_at(bucket, arena, secure_names, i))
}

/// Removes the `i`th entry of `bucket` and returns its cookie.
fn evict_at(
    bucket: &mut Bucket,
    arena: &mut Arena,
    secure_names: &mut SecureNames,
    i: usize,
) -> Box<Cookie> {
    let old = &arena.slots[bucket.at + i];
    let gone = old.snapshot();
    if let Some(keys) = &mut bucket.keys {
        keys.remove(old.cookie());
    }
    arena.slots[bucket.at + i] = Entry::hole();
    bucket.retain(arena, |e| e.cookie.is_some());
    if gone.secure {
        secure_names.remove(gone.nv.name_bytes(), &gone.domain);
    }
    Box::new(gone)
}

/// What [`make_room`] did.
enum Room {
    /// The new cookie fits: nothing was evicted.
    Free,
    /// This cookie was evicted to make room.
    Evicted(Box<Cookie>),
    /// The new cookie is the one to evict: it is not to be stored.
    Refused,
}

/// The order in which [`Store::trim`] evicts unexpired cookies, lowest
/// first: last access (to the second), then [`Entry::creation_order`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    last_access: u32,
    creation_ns: i64,
    /// The cookie's own creation time where `creation_ns` saturates,
    /// else the epoch.
    creation: UnixTime,
    seq: u32,
}

impl Rank {
    fn of(e: &Entry) -> Rank {
        Rank {
            last_access: e.last_access.load(Ordering::Relaxed),
            creation_ns: e.creation_ns,
            creation: match e.creation_ns {
                i64::MIN | i64::MAX => e.cookie().creation,
                _ => UnixTime::from_secs(0),
            },
            seq: e.seq,
        }
    }
}

/// Why a cookie could not be stored by the store itself.
pub(crate) fn check_shadow(
    store: &mut Store,
    c: &Cookie,
    secure_origin: bool,
    now: i64,
) -> Result<(), Rejection> {
    if !c.secure && !secure_origin && store.shadows_secure(c, now) {
        return Err(Rejection::WouldShadowSecureCookie);
    }
    Ok(())
}

/// The second half of [`Store::for_each_match`]: scans the buckets found.
#[allow(clippy::too_many_arguments)]
fn scan<'s, 'h>(
    arena: &'s Arena,
    found: &[(&'h str, &'s Bucket)],
    host: &str,
    req: &[u8],
    head: u64,
    parents_host_only: bool,
    now: i64,
    f: &mut impl FnMut(&'h str, bool, Found<'s>),
) {
    // Each bucket's entries and text are read before any is scanned, so
    // that their cache misses overlap instead of queueing behind the
    // scans (a lookup otherwise spends most of its time on them in a jar
    // larger than the cache).
    // A bucket none of whose entries apply (only host-only cookies of a
    // parent domain) is not read, and gets no text.
    let mut read: [(&'s [Entry], &'s str); 8] = [(&[], ""); 8];
    let mut first = 0u64;
    for (slot, &(suffix, bucket)) in read.iter_mut().zip(found) {
        let all = bucket.entries(arena);
        let entries = match suffix.len() == host.len() || parents_host_only {
            true => all,
            false => all.get(..bucket.shared).unwrap_or_default(),
        };
        if let Some(e) = entries.first() {
            let text = bucket.text(arena);
            first ^= u64::from(text.as_bytes().first().copied().unwrap_or(0));
            first ^= e.expiry as u64;
            *slot = (entries, text);
        }
    }
    std::hint::black_box(first);
    let ends = path_ends(req);
    let clock_exact = exact_clock(now);
    for (&(suffix, _), &(entries, text)) in found.iter().zip(&read) {
        let exact = suffix.len() == host.len();
        // The entries are judged in groups of 64 into bit sets, without a
        // branch on what they hold, then the selected ones are passed on
        // in order: a scan whose entries miss the cache thus has all
        // their loads in flight at once.
        for chunk in entries.chunks(64) {
            let (mut hits, mut long) = (0u64, 0u64);
            for (i, e) in chunk.iter().enumerate() {
                let (short_match, long_maybe) = e.path_matches_inline(head, req.len(), ends);
                let live = match clock_exact {
                    true => i64::from(e.expiry) > now,
                    false => !e.is_expired(now),
                };
                hits |= u64::from(live & short_match) << i;
                long |= u64::from(live & long_maybe) << i;
            }
            for i in Bits(long) {
                if chunk[i].long_path_matches(text, req) {
                    hits |= 1 << i;
                }
            }
            for i in Bits(hits) {
                f(
                    suffix,
                    exact,
                    Found {
                        entry: &chunk[i],
                        text,
                    },
                );
            }
        }
    }
}

/// The positions of the set bits of a `u64`, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let i = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(i)
    }
}

/// A cookie a lookup selected: its entry, and its bucket's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'s> {
    entry: &'s Entry,
    text: &'s str,
}

/// A selected cookie reads as its entry.
impl std::ops::Deref for Found<'_> {
    type Target = Entry;
    fn deref(&self) -> &Entry {
        self.entry
    }
}

impl Found<'_> {
    /// Writes the cookie as the `Cookie` header of RFC 6265bis §5.8.3
    /// step 4 carries it.
    #[inline]
    pub(crate) fn write_pair(&self, out: &mut String) {
        match self.entry.strings_in(self.text) {
            Some((_, pair)) if self.entry.meta & VALUE_ABSENT == 0 => out.push_str(pair),
            _ => self.entry.cookie().write_pair(out),
        }
    }

    /// How long what [`Found::write_pair`] writes is, at most (unless
    /// longer than `u16::MAX`): a capacity hint.
    pub(crate) fn pair_len(&self) -> usize {
        usize::from(self.entry.pair_len)
    }
}

/// How many matching cookies a lookup keeps on the stack before it
/// spills to the heap.
const INLINE_MATCHES: usize = 32;

/// The cookies a lookup selected: on the stack for up to
/// [`INLINE_MATCHES`] of them, so a lookup allocates nothing but its
/// header string.
// The inline variant is meant to be large: it is the stack buffer.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Default)]
pub(crate) enum Matches<'s> {
    /// Nothing selected yet.
    #[default]
    Empty,
    /// The first `len` slots are the selection (the rest repeat the first).
    Inline([Found<'s>; INLINE_MATCHES], usize),
    /// More than [`INLINE_MATCHES`].
    Spilled(Vec<Found<'s>>),
}

impl<'s> Matches<'s> {
    pub(crate) fn push(&mut self, e: Found<'s>) {
        match self {
            Matches::Empty => *self = Matches::Inline([e; INLINE_MATCHES], 1),
            Matches::Inline(buf, len) if *len < INLINE_MATCHES => {
                buf[*len] = e;
                *len += 1;
            }
            Matches::Inline(buf, _) => {
                let mut v = Vec::with_capacity(INLINE_MATCHES * 2);
                v.extend_from_slice(buf);
                v.push(e);
                *self = Matches::Spilled(v);
            }
            Matches::Spilled(v) => v.push(e),
        }
    }

    pub(crate) fn as_slice(&self) -> &[Found<'s>] {
        match self {
            Matches::Empty => &[],
            Matches::Inline(buf, len) => &buf[..*len],
            Matches::Spilled(v) => v,
        }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [Found<'s>] {
        match self {
            Matches::Empty => &mut [],
            Matches::Inline(buf, len) => &mut buf[..*len],
            Matches::Spilled(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::domain_match_bytes;
    use proptest::prelude::*;

    fn entry(path: &str, host_only: bool) -> Entry {
        let c = Cookie::builder("n", "v")
            .domain("example.com")
            .host_only(host_only)
            .path(path)
            .build();
        Entry::new(Box::new(c), i64::MAX, 0, 1)
    }

    proptest! {
        /// The clamped times of an entry agree with the cookie's: expiry
        /// at every clock reading (exactly from 1970 to 2106, from the
        /// cookie outside), and the last-access time the cookie had, to
        /// the nanosecond, until a lookup records a later second.
        #[test]
        fn entry_times_agree(
            expiry in proptest::option::of(prop_oneof![
                crate::time_util::MIN_UNIX..=crate::time_util::MAX_UNIX,
                -3..3i64,
                (u32::MAX as i64 - 3)..(u32::MAX as i64 + 3),
            ]),
            now in prop_oneof![any::<i64>(), -3..3i64, (u32::MAX as i64 - 3)..(u32::MAX as i64 + 3)],
            accessed in 0..i64::from(u32::MAX),
            nanos in 0..1_000_000_000i128,
        ) {
            let when = UnixTime::from_unix_nanos(i128::from(accessed) * 1_000_000_000 + nanos);
            let c = Cookie::builder("n", "v")
                .domain("example.com")
                .expires(expiry.map(crate::time_util::from_unix))
                .last_access_time(when.to_datetime())
                .build();
            let e = Entry::new(Box::new(c), expiry.unwrap_or(i64::MAX), 0, 1);
            prop_assert_eq!(e.is_expired(now), expiry.is_some_and(|t| t <= now));
            prop_assert!(e.expiry_lower_bound() <= expiry.unwrap_or(i64::MAX));
            prop_assert_eq!(e.snapshot().last_access, when);
            // A lookup in the same second keeps the nanoseconds; a later
            // one records its second.
            e.touch(accessed);
            prop_assert_eq!(e.snapshot().last_access, when);
            e.touch(accessed + 1);
            prop_assert_eq!(e.snapshot().last_access, UnixTime::from_secs(accessed + 1));
        }
    }

    /// Whether `req` path-matches `cp` by [`Entry::path_matches`], before
    /// and after the bucket's text is built (the long paths are read from
    /// the cookie, then from the text); both must agree.
    fn bucket_path_match(req: &str, cp: &str, host_only: bool) -> Result<bool, TestCaseError> {
        let (mut bucket, mut arena) = (Bucket::default(), Arena::default());
        bucket.push(&mut arena, entry(cp, host_only));
        let e = &bucket.entries(&arena)[0];
        prop_assert_eq!(e.host_only(), host_only);
        let head = path_head(req.as_bytes());
        let before = e.path_matches("", req.as_bytes(), head);
        let text = bucket.text(&arena);
        prop_assert_eq!(e.strings_in(text), Some(e.text_strings()));
        let after = e.path_matches(text, req.as_bytes(), head);
        prop_assert_eq!(before, after, "{:?} vs {:?}", req, cp);
        Ok(after)
    }

    proptest! {
        /// The inline comparison agrees with the plain §5.1.4 algorithm,
        /// for paths shorter than, as long as and longer than the inline
        /// head.
        #[test]
        fn inline_path_match_agrees(req in "[/ab]{0,40}", cp in "[/ab]{0,40}", host_only: bool) {
            prop_assert_eq!(bucket_path_match(&req, &cp, host_only)?, path_match(&req, &cp));
        }
    }

    /// A store operation for [`store_agrees_with_a_model`].
    #[derive(Debug, Clone)]
    enum Op {
        /// Name, domain, host-only, path (indices into small sets, so
        /// keys repeat), expiry in seconds from now (`None`: session),
        /// secure, the per-domain limit [`make_room`] applies, if any,
        /// and the per-site limit [`Store::make_site_room`] applies, if
        /// any.
        Insert(
            usize,
            usize,
            bool,
            usize,
            Option<i64>,
            bool,
            Option<usize>,
            Option<usize>,
        ),
        Advance(i64),
        RemoveName(usize),
        /// A lookup from a host (index into the domains) and a path
        /// (index into the request paths), with or without the host-only
        /// cookies of parent domains: builds the texts of the buckets
        /// read.
        Lookup(usize, usize, bool),
        /// Get, then remove, the cookie of a key (name, domain,
        /// host-only, path: indices as for `Insert`).
        RemoveKey(usize, usize, bool, usize),
        /// [`Store::trim`] with a limit and a target.
        Trim(usize, usize),
        Clear,
        /// Stops keeping the secure-cookie index until the next check.
        Defer,
        /// The "leave secure cookies alone" check of a cookie: name,
        /// domain (index into the domains plus `com`), path (index into
        /// the request paths).
        Check(usize, usize, usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            8 => (
                (0..6usize, 0..4usize, any::<bool>(), 0..3usize),
                (
                    proptest::option::of(-5..40i64),
                    any::<bool>(),
                    proptest::option::of(0..4usize),
                    proptest::option::of(0..7usize),
                ),
            )
                .prop_map(|((n, d, h, p), (e, s, l, sl))| Op::Insert(n, d, h, p, e, s, l, sl)),
            3 => (0..20i64).prop_map(Op::Advance),
            1 => (0..6usize).prop_map(Op::RemoveName),
            3 => (0..4usize, 0..4usize, any::<bool>()).prop_map(|(h, p, a)| Op::Lookup(h, p, a)),
            2 => (0..6usize, 0..4usize, any::<bool>(), 0..3usize)
                .prop_map(|(n, d, h, p)| Op::RemoveKey(n, d, h, p)),
            2 => (0..8usize, 0..8usize).prop_map(|(m, t)| Op::Trim(m, t)),
            1 => Just(Op::Clear),
            1 => Just(Op::Defer),
            3 => (0..6usize, 0..5usize, 0..4usize).prop_map(|(n, d, p)| Op::Check(n, d, p)),
        ]
    }

    /// Checks what the buckets promise: no entry expires before
    /// `min_expiry`, `key_bits` covers every entry's key, no key is stored
    /// twice, the domain cookies come first, and once a bucket's text is
    /// built it holds every entry's strings.
    fn check_buckets(store: &Store) -> Result<(), TestCaseError> {
        check_arena(store)?;
        // The sites, once kept, are the buckets' exactly: no site left
        // behind, every count and domain right.
        if let Some(sites) = &store.sites {
            let want = Sites::of(&store.buckets);
            let view = |s: &Sites| {
                let mut v: Vec<(Vec<u8>, usize, Vec<Vec<u8>>)> =
                    s.0.iter()
                        .map(|(k, site)| {
                            let mut d: Vec<Vec<u8>> =
                                site.domains.iter().map(|d| d.as_bytes().to_vec()).collect();
                            d.sort();
                            (k.to_vec(), site.cookies, d)
                        })
                        .collect();
                v.sort();
                v
            };
            prop_assert_eq!(view(sites), view(&want));
        }
        for (domain, b) in &store.buckets {
            let entries = b.entries(&store.arena);
            prop_assert!(!entries.is_empty(), "empty bucket {:?}", domain);
            prop_assert!(entries[..b.shared].iter().all(|e| !e.host_only()));
            prop_assert!(entries[b.shared..].iter().all(Entry::host_only));
            if let Some(text) = b.text.get() {
                for e in entries {
                    prop_assert_eq!(e.strings_in(text), Some(e.text_strings()));
                }
                // Dead strings are compacted away.
                let live = text_len(entries);
                prop_assert!(
                    text.len() - live <= live.max(64),
                    "{} bytes for {}",
                    text.len(),
                    live
                );
            }
            // A large bucket's key index counts exactly its entries.
            prop_assert!(b.len <= INDEXED_LEN || b.keys.is_some());
            if let Some(index) = &b.keys {
                prop_assert_eq!(index.counts.values().sum::<u32>() as usize, entries.len());
                for e in entries {
                    prop_assert!(index.may_hold(e.cookie()));
                }
            }
            let mut keys = std::collections::HashSet::new();
            for e in entries {
                prop_assert!(b.min_expiry <= expiry_of(e.cookie()));
                prop_assert!(b.key_bits & key_bit(u64::from(e.key_hash)) != 0);
                let c = e.cookie();
                let key = (c.name().to_owned(), c.host_only, c.path.to_string());
                prop_assert!(keys.insert(key.clone()), "key stored twice: {:?}", key);
            }
        }
        Ok(())
    }

    /// Checks the arena: the buckets' runs lie in it without overlapping,
    /// hold cookies where the buckets have entries and holes elsewhere,
    /// and the dead slots are counted.
    fn check_arena(store: &Store) -> Result<(), TestCaseError> {
        let slots = &store.arena.slots;
        let mut owner = vec![false; slots.len()];
        let mut owned = 0;
        for b in store.buckets.values() {
            prop_assert!(b.len <= b.cap && b.at + b.cap <= slots.len(), "{:?}", b);
            for (i, taken) in owner.iter_mut().enumerate().skip(b.at).take(b.cap) {
                prop_assert!(!*taken, "slot {} owned twice", i);
                *taken = true;
                prop_assert_eq!(slots[i].cookie.is_some(), i < b.at + b.len);
            }
            owned += b.cap;
        }
        prop_assert_eq!(store.arena.dead, slots.len() - owned);
        for (e, taken) in slots.iter().zip(&owner) {
            prop_assert!(*taken || e.cookie.is_none());
        }
        Ok(())
    }

    proptest! {
        /// The store against a list of (key, expiry, order) that follows
        /// RFC 6265bis §5.7 step 23 literally: at every step the unexpired
        /// cookies, and their creation order, agree, and the bucket
        /// summaries hold.
        #[test]
        fn store_agrees_with_a_model(
            ops in proptest::collection::vec(op(), 1..60),
            // Low limits renumber the creation order often.
            seq_max in prop_oneof![Just(SEQ_MAX), 1..12u32],
            // Low limits compact the arena often.
            min_dead in prop_oneof![Just(64usize), 0..4usize],
        ) {
            const NAMES: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
            // Four buckets, so that the arena moves and compacts several
            // runs.
            const DOMAINS: [&str; 4] = ["example.com", "www.example.com", "a.www.example.com", "other.org"];
            // One path longer than the inline head, kept in the text.
            const PATHS: [&str; 3] = ["/", "/x", "/a-long-path/y"];
            const REQUEST_PATHS: [&str; 4] = ["/", "/x", "/a-long-path/y", "/a-long-path/yz/w"];
            type Key = (String, String, bool, String);
            let mut store = Store { seq_max, ..Store::default() };
            store.arena.min_dead = min_dead;
            // (key, expiry, order, value, secure, last access) in
            // insertion order.
            let mut model: Vec<(Key, i64, u64, String, bool, i64)> = Vec::new();
            let mut order = 0u64;
            let mut inserts = 0u64;
            let mut now = 1_000i64;
            for op in ops {
                match op {
                    Op::Insert(n, d, host_only, p, expires, secure, limit, site_limit) => {
                        let expiry = expires.map_or(i64::MAX, |e| now + e);
                        // A value of its own for each store, long enough
                        // that replacements make the bucket text compact
                        // now and then.
                        inserts += 1;
                        let value = format!("value-{inserts}-of-some-thirty-bytes");
                        let c = Cookie::builder(NAMES[n], &value)
                            .domain(DOMAINS[d])
                            .host_only(host_only)
                            .path(PATHS[p])
                            .expires(expires.map(|_| crate::time_util::from_unix(expiry)))
                            .creation_time(crate::time_util::from_unix(now))
                            .last_access_time(crate::time_util::from_unix(now))
                            .secure(secure)
                            .build();
                        let key: Key = (NAMES[n].into(), DOMAINS[d].into(), host_only, PATHS[p].into());
                        // RFC 6265bis §5.7 "remove excess cookies",
                        // literally: when the domain's unexpired cookies
                        // number `limit` (at least 1) and none has the
                        // key, the lowest (secure, last access, creation
                        // order) goes, the new cookie (the most recent)
                        // included.
                        let live = |m: &(Key, i64, u64, String, bool, i64)| m.1 > now && m.0 .1 == DOMAINS[d];
                        // (An expired cookie is not stored: it needs no room.)
                        let full = expiry > now
                            && limit.is_some_and(|l| model.iter().filter(|m| live(m)).count() >= l.max(1))
                            && !model.iter().any(|m| live(m) && m.0 == key);
                        // The same by site, when the domain is not full
                        // (its eviction makes room in the site too).
                        let site = site_of(DOMAINS[d].as_bytes());
                        let in_site = |m: &(Key, i64, u64, String, bool, i64)| {
                            m.1 > now && site_of(m.0 .1.as_bytes()) == site
                        };
                        let site_full = expiry > now
                            && !full
                            && site_limit.is_some_and(|l| model.iter().filter(|m| in_site(m)).count() >= l.max(1))
                            && !model.iter().any(|m| live(m) && m.0 == key);
                        let victim = model
                            .iter()
                            .enumerate()
                            .filter(|(_, m)| (full && live(m)) || (site_full && in_site(m)))
                            .min_by_key(|(_, m)| (m.4, m.5, m.2))
                            .map(|(i, m)| (i, m.4));
                        let inserted = store.insert_limited(
                            Box::new(c),
                            now,
                            limit.unwrap_or(usize::MAX),
                            site_limit.unwrap_or(usize::MAX),
                        );
                        match (victim, inserted) {
                            (Some((_, all_secure)), Inserted::Refused(_)) if !secure && all_secure && full => {
                                check_buckets(&store)?;
                                continue;
                            }
                            (Some((_, all_secure)), Inserted::SiteFull(_)) if !secure && all_secure && site_full => {
                                check_buckets(&store)?;
                                continue;
                            }
                            (Some((i, _)), Inserted::Stored { evicted: Some(c), .. }) => {
                                let gone = model.remove(i);
                                let got = (c.name().to_owned(), c.domain.to_string(), c.host_only, c.path.to_string());
                                prop_assert_eq!(got, gone.0);
                            }
                            (None, Inserted::Stored { evicted: None, .. } | Inserted::Expired(_)) => {}
                            (victim, inserted) => {
                                return Err(TestCaseError::fail(format!("{inserted:?}, not {victim:?}")));
                            }
                        }
                        let old = model.iter().position(|m| m.0 == key);
                        let kept = old.and_then(|i| {
                            let (_, e, o, _, _, _) = model.remove(i);
                            (e > now).then_some(o)
                        });
                        if expiry > now {
                            let o = kept.unwrap_or_else(|| { order += 1; order });
                            model.push((key, expiry, o, value, secure, now));
                        }
                    }
                    Op::Advance(s) => now += s,
                    Op::RemoveName(n) => {
                        store.remove_where(|e| e.cookie().name() == NAMES[n]);
                        model.retain(|m| m.0 .0 != NAMES[n]);
                    }
                    Op::Lookup(h, p, parents) => {
                        // A lookup selects exactly the unexpired cookies
                        // the model says apply, and writes each as the
                        // model's `name=value`.
                        let (host, path) = (DOMAINS[h], REQUEST_PATHS[p]);
                        let mut got = Vec::new();
                        store.for_each_match(host, false, path, parents, now, |_, _, f| {
                            // Sent, as the jar records it.
                            f.touch(now);
                            let mut written = String::new();
                            f.write_pair(&mut written);
                            let c = f.cookie();
                            got.push((c.domain.to_string(), c.host_only, c.path.to_string(), written));
                        });
                        got.sort();
                        let applies = |((_, d, host_only, cp), e, ..): &(Key, i64, u64, String, bool, i64)| {
                            let domain_ok = domain_match_bytes(host.as_bytes(), false, d.as_bytes());
                            *e > now
                                && path_match(path, cp)
                                && if *host_only { d == host || (parents && domain_ok) } else { domain_ok }
                        };
                        let mut want: Vec<(String, bool, String, String)> = model
                            .iter()
                            .filter(|m| applies(m))
                            .map(|((n, d, h, cp), _, _, v, _, _)| (d.clone(), *h, cp.clone(), format!("{n}={v}")))
                            .collect();
                        want.sort();
                        prop_assert_eq!(got, want);
                        for m in model.iter_mut().filter(|m| applies(m)) {
                            m.5 = now;
                        }
                    }
                    Op::RemoveKey(n, d, host_only, p) => {
                        let key = CookieKey::new(DOMAINS[d], host_only, PATHS[p], NAMES[n]);
                        let mkey: Key = (NAMES[n].into(), DOMAINS[d].into(), host_only, PATHS[p].into());
                        let at = model.iter().position(|(k, ..)| *k == mkey);
                        let live = at.filter(|&i| model[i].1 > now);
                        let got = store.get(&key).filter(|e| !e.is_expired(now));
                        prop_assert_eq!(
                            got.map(|e| e.cookie().value().to_owned()),
                            live.map(|i| model[i].3.clone())
                        );
                        let removed = store.remove(&key);
                        prop_assert!(removed.as_ref().is_none_or(|c| c.key() == key));
                        // An unexpired cookie is there to remove; an expired
                        // one may have been evicted already.
                        prop_assert_eq!(removed.is_some() || live.is_none(), true);
                        if let Some(i) = at {
                            model.remove(i);
                        }
                        prop_assert!(store.get(&key).is_none());
                    }
                    Op::Trim(max, target) => {
                        // Over `max`, the expired go; if more than `max`
                        // are left, the lowest (last access, creation
                        // order) go down to `target`.
                        let over = store.len() > max;
                        let gone = store.trim(max, target, now, None);
                        let mut got: Vec<Key> = gone
                            .iter()
                            .map(|c| (c.name().to_owned(), c.domain.to_string(), c.host_only, c.path.to_string()))
                            .collect();
                        let mut want = Vec::new();
                        if over {
                            model.retain(|m| m.1 > now);
                            if model.len() > max {
                                let excess = model.len() - target.min(max);
                                model.sort_by_key(|m| (m.5, m.2));
                                want = model.drain(..excess).map(|m| m.0).collect();
                                model.sort_by_key(|m| m.2);
                            }
                        }
                        got.sort();
                        want.sort();
                        prop_assert_eq!(got, want);
                        prop_assert!(!over || store.len() <= max);
                    }
                    Op::Clear => {
                        store.clear();
                        model.clear();
                    }
                    Op::Defer => store.defer_secure_index(),
                    Op::Check(n, d, p) => {
                        // RFC 6265bis §5.7 step 16, literally: an
                        // unexpired secure cookie of the name, its domain
                        // domain-matching the new one's or the reverse,
                        // its path prefixing the new one's.
                        let domain = DOMAINS.get(d).copied().unwrap_or("com");
                        let path = REQUEST_PATHS[p];
                        let c = Cookie::builder(NAMES[n], "x").domain(domain).path(path).build();
                        let got = store.shadows_secure(&c, now);
                        let want = model.iter().any(|((mn, md, _, mp), e, _, _, secure, _)| {
                            *secure
                                && *e > now
                                && mn == NAMES[n]
                                && (domain_match_bytes(md.as_bytes(), false, domain.as_bytes())
                                    || domain_match_bytes(domain.as_bytes(), false, md.as_bytes()))
                                && path_match(path, mp)
                        });
                        prop_assert_eq!(got, want, "{} {} {}", NAMES[n], domain, path);
                    }
                }
                check_buckets(&store)?;
                let mut got: Vec<(Key, u32)> = store
                    .entries()
                    .filter(|e| !e.is_expired(now))
                    .map(|e| {
                        let c = e.cookie();
                        ((c.name().to_owned(), c.domain.to_string(), c.host_only, c.path.to_string()), e.seq)
                    })
                    .collect();
                got.sort_by_key(|(_, seq)| *seq);
                let mut want: Vec<(Key, u64)> = model
                    .iter()
                    .filter(|(_, e, ..)| *e > now)
                    .map(|(k, _, o, ..)| (k.clone(), *o))
                    .collect();
                want.sort_by_key(|(_, o)| *o);
                let got_keys: Vec<&Key> = got.iter().map(|(k, _)| k).collect();
                let want_keys: Vec<&Key> = want.iter().map(|(k, _)| k).collect();
                prop_assert_eq!(got_keys, want_keys);
            }
        }
    }

    /// A bucket past [`INDEXED_LEN`] finds the cookie a store replaces
    /// through its key index, and only that one.
    #[test]
    fn large_buckets_replace_by_key() {
        let mut store = Store::default();
        let put = |store: &mut Store, name: &str, value: &str| {
            let c = Cookie::builder(name, value).domain("example.com").build();
            store.insert(Box::new(c), 1_000);
        };
        for i in 0..3 * INDEXED_LEN {
            put(&mut store, &format!("n{i}"), "old");
        }
        assert!(store.buckets.values().all(|b| b.keys.is_some()));
        put(&mut store, "n1", "new");
        put(&mut store, &format!("n{}", 3 * INDEXED_LEN), "new");
        assert_eq!(store.len(), 3 * INDEXED_LEN + 1);
        let values: Vec<(String, String)> = store
            .entries()
            .filter(|e| e.cookie().value() == "new")
            .map(|e| (e.cookie().name().to_owned(), e.cookie().value().to_owned()))
            .collect();
        assert_eq!(values.len(), 2, "{values:?}");
        assert!(values.iter().any(|(n, _)| n == "n1"));
    }

    #[test]
    fn long_paths_and_boundaries() {
        let long = "/aaaaaaaaaaaaaaaa/bbbb"; // longer than the inline head
        for (req, cp) in [
            (long, long),
            ("/aaaaaaaaaaaaaaaa/bbbb/c", long),
            ("/aaaaaaaaaaaaaaaa/bbbbc", long),
            ("/aaaaaaaaaaaaaaaa/bbbc", long),
            ("/aaaaaaaaaaaaaaa/", "/aaaaaaaaaaaaaaa/"),
            ("/aaaaaaaaaaaaaaa/x", "/aaaaaaaaaaaaaaa/"),
            ("/", ""),
            ("", ""),
            ("", "/"),
        ] {
            assert_eq!(
                bucket_path_match(req, cp, false).unwrap(),
                path_match(req, cp),
                "{req} vs {cp}"
            );
        }
    }

    #[test]
    fn matches_spill_past_the_inline_buffer_in_order() {
        let entries: Vec<Entry> = (0..INLINE_MATCHES * 3)
            .map(|i| entry(&format!("/{i}"), false))
            .collect();
        let mut m = Matches::default();
        assert!(m.as_slice().is_empty());
        for entry in &entries {
            m.push(Found { entry, text: "" });
        }
        assert!(matches!(m, Matches::Spilled(_)));
        let got: Vec<*const Entry> = m
            .as_slice()
            .iter()
            .map(|f| f.entry as *const Entry)
            .collect();
        let want: Vec<*const Entry> = entries.iter().map(|e| e as *const Entry).collect();
        assert_eq!(got, want);
    }

    /// A bucket of several 64-entry groups: the scan selects exactly the
    /// unexpired cookies whose paths match (RFC 6265bis §5.1.4, §5.8.3
    /// step 1), short and long paths, in the bucket's order, across the
    /// group boundaries.
    #[test]
    fn scans_select_across_groups_in_order() {
        // "/abcdefg" fills the inline head exactly.
        const PATHS: [&str; 7] = [
            "/",
            "/a",
            "/ab/",
            "/a/b/c/d/e",
            "/abcdefgh",
            "/a/b/c/d/x",
            "/abcdefg",
        ];
        const REQUESTS: [&str; 7] = [
            "/",
            "/a/b/c/d/e/f",
            "/ab/x",
            "/abcdefgh",
            "/a",
            "/abcdefg",
            "/abcdefg/h",
        ];
        let mut store = Store::default();
        let now = 1_000;
        let mut expect = Vec::new();
        for i in 0..200 {
            let path = PATHS[i % PATHS.len()];
            // Every seventh expires before the lookups.
            let expiry = if i % 7 == 3 { now + 5 } else { now + 1_000 };
            let c = Cookie::builder(format!("n{i}"), "v")
                .domain("example.com")
                .host_only(i % 2 == 0)
                .path(path)
                .expires(Some(crate::time_util::from_unix(expiry)))
                .build();
            store.insert(Box::new(c), now);
            expect.push((format!("n{i}"), path, expiry));
        }
        let bucket = &store.buckets[b"example.com".as_slice()];
        assert!(bucket.len > 3 * 64);
        let later = now + 10;
        for req in REQUESTS {
            let mut got = Vec::new();
            store.for_each_match("example.com", false, req, false, later, |_, _, f| {
                got.push(f.cookie().name().to_owned());
            });
            // The bucket's order: the domain cookies first.
            let order = |host_only: bool| {
                bucket
                    .entries(&store.arena)
                    .iter()
                    .filter(move |e| e.host_only() == host_only)
            };
            let want: Vec<String> = order(false)
                .chain(order(true))
                .map(|e| e.cookie().name().to_owned())
                .filter(|name| {
                    let (_, path, expiry) = expect.iter().find(|(n, _, _)| n == name).unwrap();
                    *expiry > later && path_match(req, path)
                })
                .collect();
            assert!(!want.is_empty(), "{req}");
            assert_eq!(got, want, "{req}");
        }
    }

    /// RFC 6265bis §5.7: storing a cookie evicts the expired cookies of
    /// its bucket, and replaces the one with its key, whatever the
    /// bucket's summaries say.
    #[test]
    fn stores_evict_the_expired_and_replace_the_same_key() {
        let cookie = |name: &str, path: &str, expires: Option<i64>| {
            let b = Cookie::builder(name, "v").domain("example.com").path(path);
            Box::new(b.expires(expires.map(crate::time_util::from_unix)).build())
        };
        let mut store = Store::default();
        // Two keys (the bucket's key bits rarely send this to a scan).
        store.insert(cookie("a", "/", Some(1_000)), 0);
        store.insert(cookie("b", "/", None), 1_000);
        assert_eq!(store.len(), 1);
        store.clear();
        for i in 0..40 {
            store.insert(cookie(&format!("n{i}"), "/", Some(1_000 + i)), 0);
        }
        assert_eq!(store.len(), 40);
        // A new key at time 1_020: the 21 expired by then (expiry at or
        // before it) go.
        store.insert(cookie("new", "/", None), 1_020);
        assert_eq!(store.len(), 20);
        // Same key: replaced, not added; a different path is a new key.
        store.insert(cookie("new", "/", None), 1_020);
        assert_eq!(store.len(), 20);
        store.insert(cookie("new", "/a", None), 1_020);
        assert_eq!(store.len(), 21);
        // Everything expired but the session cookies.
        store.insert(cookie("last", "/", None), 5_000);
        assert_eq!(store.len(), 3);
    }

    /// Kept expired cookies ([`ExpiredCookies::Keep`]) stay through other
    /// kept stores; one that is replaced hands on no creation time (its
    /// replacement is a new cookie); a store that evicts removes them.
    #[test]
    fn kept_expired_cookies_stay_until_evicted() {
        let cookie = |name: &str, expires: i64, created: i64| {
            Box::new(
                Cookie::builder(name, "v")
                    .domain("example.com")
                    .expires(Some(crate::time_util::from_unix(expires)))
                    .creation_time(crate::time_util::from_unix(created))
                    .build(),
            )
        };
        let keep = ExpiredCookies::Keep;
        let names = |store: &Store| {
            let mut v: Vec<&Entry> = store.entries().collect();
            v.sort_by(|a, b| Entry::creation_order(a, b));
            v.iter()
                .map(|e| e.cookie().name().to_owned())
                .collect::<Vec<_>>()
        };
        let mut store = Store::default();
        store.insert_as(cookie("a", 100, 10), 1_000, keep, usize::MAX);
        store.insert_as(cookie("old", 200, 15), 1_000, keep, usize::MAX);
        store.insert_as(cookie("b", 5_000, 20), 1_000, keep, usize::MAX);
        assert_eq!(names(&store), ["a", "old", "b"]);
        // A live `a` replaces the expired one as a new cookie: created at
        // 30, after `b`.
        store.insert_as(cookie("a", 5_000, 30), 1_000, keep, usize::MAX);
        assert_eq!(names(&store), ["old", "b", "a"]);
        // A live `b` replaces the live one and keeps its creation time.
        store.insert_as(cookie("b", 6_000, 40), 1_000, keep, usize::MAX);
        assert_eq!(names(&store), ["old", "b", "a"]);
        assert_eq!(store.len(), 3);
        // An evicting store removes the expired `old`.
        store.insert(cookie("c", 5_000, 50), 1_000);
        assert_eq!(names(&store), ["b", "a", "c"]);
        assert_eq!(store.len(), 3);
    }

    /// What a store reports is the cookie it stored, also when a domain
    /// cookie is moved in front of the bucket's host-only ones.
    #[test]
    fn a_store_returns_the_cookie_stored() {
        let mut store = Store::default();
        for (name, host_only) in [("host", true), ("domain", false), ("host2", true)] {
            let c = Cookie::builder(name, "v")
                .domain("example.com")
                .host_only(host_only);
            match store.insert(Box::new(c.path("/").build()), 0) {
                Inserted::Stored { cookie: c, .. } => {
                    assert_eq!((c.name(), c.host_only), (name, host_only))
                }
                _ => panic!("{name} not stored"),
            }
        }
    }

    /// Stores `name=value` for example.com, path `/`, at time 0.
    fn add_root(store: &mut Store, name: &str, value: &str) {
        let c = Cookie::builder(name, value)
            .domain("example.com")
            .path("/")
            .build();
        store.insert(Box::new(c), 0);
    }

    /// The pairs a lookup of example.com, path `/`, writes, sorted.
    fn root_pairs(store: &Store) -> Vec<String> {
        let mut got = Vec::new();
        store.for_each_match("example.com", false, "/", false, 0, |_, _, f| {
            let mut out = String::new();
            f.write_pair(&mut out);
            got.push(out);
        });
        got.sort();
        got
    }

    /// A pair too long for an entry's 16-bit length is read from the
    /// cookie, not the text; the others around it still from the text.
    #[test]
    fn pairs_longer_than_an_entry_counts_are_read_from_the_cookie() {
        let mut store = Store::default();
        let long = "x".repeat(usize::from(u16::MAX) + 10);
        for (name, value) in [("a", "1"), ("long", long.as_str()), ("b", "2")] {
            add_root(&mut store, name, value);
        }
        for _ in 0..2 {
            assert_eq!(
                root_pairs(&store),
                ["a=1".to_owned(), "b=2".to_owned(), format!("long={long}")]
            );
        }
        let text = store.buckets[b"example.com".as_slice()].text.get().unwrap();
        assert_eq!(text.len(), "a=1b=2".len());
    }

    /// At the 16-bit boundary, before and after the text is built: a pair
    /// of exactly `u16::MAX` bytes goes into the text, one byte more is
    /// read from the cookie, also when stored after the first lookup.
    #[test]
    fn pairs_at_the_entry_count_boundary_before_and_after_the_text() {
        let mut store = Store::default();
        let fits = format!("m={}", "y".repeat(usize::from(u16::MAX) - 2));
        let over = "z".repeat(usize::from(u16::MAX) - 1);
        add_root(&mut store, "a", "1");
        add_root(&mut store, "m", &fits[2..]);
        assert_eq!(root_pairs(&store), ["a=1".to_owned(), fits.clone()]);
        // Stored after the text is built: appended, or left out.
        add_root(&mut store, "n", &over);
        add_root(&mut store, "c", "3");
        let want = [
            "a=1".to_owned(),
            "c=3".to_owned(),
            fits.clone(),
            format!("n={over}"),
        ];
        assert_eq!(root_pairs(&store), want);
        let text = store.buckets[b"example.com".as_slice()].text.get().unwrap();
        assert_eq!(
            text.len(),
            "a=1".len() + usize::from(u16::MAX) + "c=3".len()
        );
    }

    /// A cookie without a value (from a file, say) is written as its name
    /// alone, not as the `name=` its pair holds.
    #[test]
    fn value_absent_cookies_are_written_as_their_name() {
        let mut store = Store::default();
        let mut c = Cookie::builder("flag", "")
            .domain("example.com")
            .path("/")
            .build();
        c.legacy.value_absent = true;
        store.insert(Box::new(c), 0);
        let mut written = String::new();
        store.for_each_match("example.com", false, "/", false, 0, |_, _, f| {
            f.write_pair(&mut written)
        });
        assert_eq!(written, "flag");
    }

    /// A site is a registrable domain with its hosts; an address, or a
    /// public suffix, is a site alone.
    #[test]
    fn sites_of_domains() {
        for (domain, site) in [
            ("example.com", "example.com"),
            ("a.b.example.com", "example.com"),
            ("www.example.co.uk", "example.co.uk"),
            ("co.uk", "co.uk"),
            ("com", "com"),
            ("a.b.github.io", "b.github.io"),
            ("b.a.xn--55qx5d.cn", "a.xn--55qx5d.cn"),
            ("10.1.2.3", "10.1.2.3"),
            ("[::1]", "[::1]"),
            ("localhost", "localhost"),
            ("a.localhost", "a.localhost"),
        ] {
            assert_eq!(site_of(domain.as_bytes()), site.as_bytes(), "{domain}");
        }
    }

    #[test]
    fn long_domains_are_keys_too() {
        let mut store = Store::default();
        let long = format!("{}.example.com", "x".repeat(40));
        for (name, host_only) in [("domain", false), ("host", true)] {
            let c = Cookie::builder(name, "v")
                .domain(&long)
                .host_only(host_only);
            store.insert(Box::new(c.path("/").build()), 0);
        }
        // A subdomain sees the host-only cookie only when asked to.
        for parents_host_only in [false, true] {
            let mut seen = Vec::new();
            let host = format!("a.{long}");
            store.for_each_match(&host, false, "/", parents_host_only, 0, |d, exact, f| {
                assert_eq!(d, long);
                assert!(!exact);
                seen.push(f.cookie().name().to_owned());
            });
            seen.sort();
            let want: &[&str] = if parents_host_only {
                &["domain", "host"]
            } else {
                &["domain"]
            };
            assert_eq!(seen, want);
        }
        // The host itself sees both.
        let mut seen = 0;
        store.for_each_match(&long, false, "/", false, 0, |_, exact, _| {
            assert!(exact);
            seen += 1;
        });
        assert_eq!(seen, 2);
    }
}
