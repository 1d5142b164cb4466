//! Block and allow lists of domains, as ClientCookie matches them
//! (`DefaultCookiePolicy`'s `blocked_domains` and `allowed_domains`),
//! indexed: a check walks the domain's dotted suffixes through hash sets,
//! so its cost does not grow with the list (a tracker block list has tens
//! of thousands of entries, and every cookie stored or sent is checked).

use std::collections::HashSet;

use crate::matching::is_ip_literal;

/// A list of domains: `example.com` matches that domain alone, and
/// `.example.com` that domain written with its dot (a domain cookie's, in
/// ClientCookie's form) and every subdomain (ClientCookie's
/// `user_domain_match`, without its per-entry scan).
#[derive(Debug, Clone, Default)]
pub(crate) struct DomainList {
    /// The entries, as given (after [`list_entry`](super::default)'s
    /// canonicalisation), in order.
    entries: Vec<String>,
    /// Every entry, for the domains equal to one.
    exact: HashSet<String, foldhash::fast::RandomState>,
    /// The entries with a leading dot (with it) that are not IP
    /// addresses, for the subdomains.
    suffixes: HashSet<String, foldhash::fast::RandomState>,
}

impl DomainList {
    /// A list of `entries`, canonical (lower case, A-labels).
    pub(crate) fn new(entries: Vec<String>) -> DomainList {
        let exact = entries.iter().map(|e| e.to_ascii_lowercase()).collect();
        let suffixes = entries
            .iter()
            .filter(|e| e.starts_with('.') && !is_ip(e))
            .map(|e| e.to_ascii_lowercase())
            .collect();
        DomainList {
            entries,
            exact,
            suffixes,
        }
    }

    /// The entries, in order.
    pub(crate) fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Whether the list has no entry.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `domain` matches an entry: equals one (ASCII case aside),
    /// or, not being an IP address, ends with an entry that has a leading
    /// dot.
    pub(crate) fn matches(&self, domain: &str) -> bool {
        if self.entries.is_empty() {
            return false;
        }
        let lower;
        let domain = match domain.bytes().any(|b| b.is_ascii_uppercase()) {
            true => {
                lower = domain.to_ascii_lowercase();
                lower.as_str()
            }
            false => domain,
        };
        if self.exact.contains(domain) {
            return true;
        }
        if self.suffixes.is_empty() || is_ip(domain) {
            return false;
        }
        // Every suffix of `domain` that starts at a dot.
        domain
            .match_indices('.')
            .any(|(i, _)| self.suffixes.contains(&domain[i..]))
    }
}

/// Whether `domain` is an IP address, its leading dots aside.
fn is_ip(domain: &str) -> bool {
    is_ip_literal(domain.trim_start_matches('.'))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::DomainList;

    /// ClientCookie's `user_domain_match`, entry by entry: the model.
    fn user_domain_match(a: &str, b: &str) -> bool {
        let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
        let is_ip = |s: &str| super::is_ip(s);
        a == b || (!is_ip(&a) && !is_ip(&b) && b.starts_with('.') && a.ends_with(&b))
    }

    #[test]
    fn entries_match_as_clientcookie_matches() {
        let list = DomainList::new(
            [
                "example.com",
                ".tracker.example",
                ".10.0.0.1",
                "1.2.3.4",
                "",
            ]
            .map(String::from)
            .to_vec(),
        );
        for (domain, matched) in [
            ("example.com", true),
            ("EXAMPLE.com", true),
            ("www.example.com", false),
            (".example.com", false),
            ("tracker.example", false),
            (".tracker.example", true),
            ("a.b.tracker.example", true),
            ("xtracker.example", false),
            ("10.0.0.1", false),
            (".10.0.0.1", true),
            ("x.10.0.0.1", false),
            ("1.2.3.4", true),
            ("", true),
        ] {
            assert_eq!(list.matches(domain), matched, "{domain}");
        }
        assert!(!DomainList::default().matches(""));
    }

    proptest! {
        /// The index answers as the scan of every entry does.
        #[test]
        fn the_index_agrees_with_the_scan(
            entries in prop::collection::vec("\\.?([ab1]{1,2}\\.){0,2}[ab1]{1,2}", 0..6),
            domain in "\\.?([aAb1]{1,2}\\.){0,3}[ab1]{1,2}",
        ) {
            let list = DomainList::new(entries.clone());
            let scan = entries.iter().any(|e| user_domain_match(&domain, e));
            prop_assert_eq!(list.matches(&domain), scan);
        }
    }
}
