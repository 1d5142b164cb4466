//! The index behind RFC 6265bis §5.7 step 16, "leave secure cookies
//! alone": a cookie that is not secure, from a request that is not
//! secure, is ignored when the store holds an unexpired secure cookie of
//! the same name whose domain domain-matches the new cookie's, or the
//! other way round, and whose path the new cookie's path-matches.
//!
//! Those domains are the new cookie's domain, its label suffixes (the
//! domains it domain-matches) and the domains under it (those that
//! domain-match it). [`SecureNames`] counts the secure cookies of each
//! (name, domain), and lists for each (name, proper label suffix of two
//! labels or more) the domains under it: a check probes the new domain's
//! few label suffixes and reads one list. (A scan of every secure cookie
//! of the name let a server that had set thousands of them across the
//! label suffixes of one deep host make a single plain-http response take
//! seconds, and made every plain-http store of a common name such as
//! `sid` in a crawler's jar of 100k sites take
//! 1.7 ms.) Keys are 64-bit hashes of the name and domain, seeded at
//! random per process: two names sharing a hash cost a check only a look
//! at more buckets (which compare names), and two (name, domain) pairs
//! sharing one would share an entry, the second's domain then not
//! checked, which takes about four billion pairs to be likely.

use std::hash::BuildHasher;

use crate::matching::is_ip_literal;
use crate::short_str::ShortStr;

type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// The domains of the store's secure cookies, by cookie name.
#[derive(Debug)]
pub(crate) struct SecureNames {
    /// (hash of the name, hash of the domain): how many secure cookies,
    /// and the domain.
    domains: HashMap<(u64, u64), (u32, ShortStr)>,
    /// (hash of the name, hash of a domain of two labels or more): the
    /// domain hashes of the keys of `domains` with that name hash strictly
    /// under the domain.
    under: HashMap<(u64, u64), Under>,
    hasher: foldhash::fast::RandomState,
    /// Not kept up to date (both maps empty) until [`SecureNames::rebuilt`]:
    /// a store needs no index until its first check, which may never come
    /// (a client that speaks only https makes none), so a new or cleared
    /// index starts stale.
    stale: bool,
}

/// A stale index (see [`SecureNames::stale`]).
impl Default for SecureNames {
    fn default() -> SecureNames {
        SecureNames {
            domains: HashMap::default(),
            under: HashMap::default(),
            hasher: foldhash::fast::RandomState::default(),
            stale: true,
        }
    }
}

/// The domain hashes listed under one (name, domain): most domains have
/// one, kept without an allocation.
#[derive(Debug)]
enum Under {
    One(u64),
    Many(Vec<u64>),
}

impl Under {
    fn push(&mut self, h: u64) {
        match self {
            Under::One(first) => *self = Under::Many(vec![*first, h]),
            Under::Many(list) => list.push(h),
        }
    }

    /// Removes `h`; returns whether the list is then empty.
    fn remove(&mut self, h: u64) -> bool {
        match self {
            Under::One(only) => *only == h,
            Under::Many(list) => {
                if let Some(i) = list.iter().position(|&x| x == h) {
                    list.swap_remove(i);
                }
                list.is_empty()
            }
        }
    }

    fn as_slice(&self) -> &[u64] {
        match self {
            Under::One(h) => std::slice::from_ref(h),
            Under::Many(list) => list,
        }
    }
}

/// The proper label suffixes of `domain` (`b.c` and `c` for `a.b.c`).
fn parents(domain: &str) -> impl Iterator<Item = &str> {
    domain
        .match_indices('.')
        .map(move |(i, _)| &domain[i + 1..])
        .filter(|s| !s.is_empty())
}

/// The label suffixes of `domain` that [`SecureNames::under`] lists
/// domains for: those of two labels or more. Single labels (`com`,
/// `localhost`) would list nearly every domain; a check for a
/// single-label domain scans instead (a plain-http cookie for such a
/// host is rare).
fn counted_parents(domain: &str) -> impl Iterator<Item = &str> {
    parents(domain).filter(|p| p.contains('.'))
}

impl SecureNames {
    fn hash(&self, text: &[u8]) -> u64 {
        self.hasher.hash_one(text)
    }

    /// Stops keeping the index: a store about to be filled whole (a file
    /// loaded) calls it, then [`rebuilt`](Self::rebuilt) before its
    /// first check.
    pub(crate) fn defer(&mut self) {
        self.clear();
    }

    /// Whether the index must be rebuilt before a check.
    pub(crate) fn is_stale(&self) -> bool {
        self.stale
    }

    /// Keeps the index again, from the secure cookies given, (name,
    /// domain) each.
    pub(crate) fn rebuilt<'a>(&mut self, secure: impl Iterator<Item = (&'a [u8], &'a ShortStr)>) {
        self.clear();
        self.stale = false;
        for (name, domain) in secure {
            self.add(name, domain);
        }
    }

    /// One more secure cookie named `name` for `domain`.
    pub(crate) fn add(&mut self, name: &[u8], domain: &ShortStr) {
        if self.stale {
            return;
        }
        let name = self.hash(name);
        let key = (name, self.hash(domain.as_bytes()));
        if let Some((count, _)) = self.domains.get_mut(&key) {
            *count += 1;
            return;
        }
        self.domains.insert(key, (1, domain.clone()));
        for parent in counted_parents(domain) {
            let under = (name, self.hash(parent.as_bytes()));
            match self.under.get_mut(&under) {
                Some(list) => list.push(key.1),
                None => {
                    self.under.insert(under, Under::One(key.1));
                }
            }
        }
    }

    /// One secure cookie named `name` for `domain` fewer.
    pub(crate) fn remove(&mut self, name: &[u8], domain: &str) {
        if self.stale {
            return;
        }
        let name = self.hash(name);
        let key = (name, self.hash(domain.as_bytes()));
        match self.domains.get_mut(&key) {
            Some((count, _)) if *count > 1 => {
                *count -= 1;
                return;
            }
            Some(_) => {
                self.domains.remove(&key);
            }
            None => return,
        }
        for parent in counted_parents(domain) {
            let under = (name, self.hash(parent.as_bytes()));
            if let Some(list) = self.under.get_mut(&under) {
                if list.remove(key.1) {
                    self.under.remove(&under);
                }
            }
        }
    }

    /// Forgets every cookie; the index is stale until the next check.
    pub(crate) fn clear(&mut self) {
        self.domains.clear();
        self.under.clear();
        self.stale = true;
    }

    /// Whether `found` says yes for one of the domains holding secure
    /// cookies named `name` that `domain` domain-matches or that
    /// domain-match it, each asked once (and perhaps others, when hashes
    /// collide): `domain` itself and its label suffixes first, then the
    /// domains under it, from their list; under a single label
    /// (`localhost`, an intranet host) from a scan of every domain, and
    /// under an IP address none.
    pub(crate) fn any_related(
        &self,
        name: &[u8],
        domain: &str,
        mut found: impl FnMut(&str) -> bool,
    ) -> bool {
        debug_assert!(!self.stale, "a check of a stale index");
        if self.domains.is_empty() {
            return false;
        }
        let name = self.hash(name);
        let mine = std::iter::once(domain)
            .chain(parents(domain))
            .any(|d| self.domains.contains_key(&(name, self.hash(d.as_bytes()))) && found(d));
        if mine || is_ip_literal(domain) {
            return mine;
        }
        if domain.contains('.') {
            let Some(under) = self.under.get(&(name, self.hash(domain.as_bytes()))) else {
                return false;
            };
            return under
                .as_slice()
                .iter()
                .any(|&h| self.domains.get(&(name, h)).is_some_and(|(_, d)| found(d)));
        }
        self.domains.iter().any(|(&(n, _), (_, d))| {
            n == name
                && d.len() > domain.len()
                && d.ends_with(domain)
                && d.as_bytes()[d.len() - domain.len() - 1] == b'.'
                && found(d)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::domain_match;
    use proptest::prelude::*;

    const DOMAINS: [&str; 7] = [
        "com",
        "example.com",
        "a.example.com",
        "b.a.example.com",
        "other.com",
        "xample.com",
        "example.org",
    ];

    /// Odd domains (trailing dots, empty labels, IP addresses, single
    /// labels, upper case): a stored domain is related to an asked one
    /// exactly when one domain-matches the other.
    #[test]
    fn odd_domains_relate_as_domain_matching_says() {
        let domains = [
            "com",
            "com.",
            "example.com",
            "example.com.",
            "a.example.com.",
            "a.example.com",
            "1.2.3.4",
            "2.3.4",
            "3.4",
            "4",
            "[::1]",
            "localhost",
            "a.localhost",
            ".",
            "a..b",
            ".b",
            "b",
            "x.y.z.w.v",
            "y.z.w.v",
            "w.v",
            "v",
            "Example.com",
            "a.Example.com",
        ];
        for stored in domains {
            for asked in domains {
                let mut index = SecureNames::default();
                index.rebuilt(std::iter::empty());
                index.add(b"n", &stored.into());
                let mut got = false;
                index.any_related(b"n", asked, |_| {
                    got = true;
                    true
                });
                let want =
                    crate::matching::domain_match_bytes(stored.as_bytes(), false, asked.as_bytes())
                        || crate::matching::domain_match_bytes(
                            asked.as_bytes(),
                            false,
                            stored.as_bytes(),
                        );
                assert_eq!(got, want, "stored {stored:?}, asked {asked:?}");
            }
        }
    }

    proptest! {
        /// The index names exactly the domains of the secure cookies
        /// held (a multiset, by adds and removes) that domain-match the
        /// asked domain or that it domain-matches, each once.
        #[test]
        fn related_domains_agree_with_a_scan(
            ops in proptest::collection::vec((any::<bool>(), 0..2usize, 0..DOMAINS.len()), 0..40),
            ask in 0..DOMAINS.len(),
        ) {
            const NAMES: [&[u8]; 2] = [b"a", b"b"];
            let mut index = SecureNames::default();
            index.rebuilt(std::iter::empty());
            let mut held: Vec<(usize, usize)> = Vec::new();
            for (add, n, d) in ops {
                if add {
                    index.add(NAMES[n], &DOMAINS[d].into());
                    held.push((n, d));
                } else if let Some(i) = held.iter().position(|&h| h == (n, d)) {
                    index.remove(NAMES[n], DOMAINS[d]);
                    held.remove(i);
                }
            }
            let asked = DOMAINS[ask];
            for (n, name) in NAMES.iter().enumerate() {
                let mut got = Vec::new();
                index.any_related(name, asked, |d| {
                    got.push(d.to_owned());
                    false
                });
                got.sort();
                let mut want: Vec<String> = held
                    .iter()
                    .filter(|&&(hn, _)| hn == n)
                    .map(|&(_, d)| DOMAINS[d])
                    .filter(|d| domain_match(d, asked) || domain_match(asked, d))
                    .map(str::to_owned)
                    .collect();
                want.sort();
                want.dedup();
                prop_assert_eq!(got, want);
            }
            // Nothing is left once every cookie is removed.
            for (n, d) in held.drain(..) {
                index.remove(NAMES[n], DOMAINS[d]);
            }
            prop_assert!(index.domains.is_empty() && index.under.is_empty());
        }
    }
}
