//! The public suffix check of RFC 6265bis §5.7 step 9.
//!
//! A cookie whose `Domain` is a public suffix (`com`, `co.uk`,
//! `github.io`, ...) would be sent to every site under it, so RFC 6265bis
//! says a user agent configured to do so rejects it, unless the domain is
//! exactly the request host (then the cookie becomes host-only).
//!
//! [`PublicSuffixList`] is the small trait the policy asks. The built-in
//! implementation, [`BuiltinList`], reads a copy of the Public Suffix List
//! vendored from Debian's `publicsuffix` package (version
//! [`BuiltinList::VERSION`]). Unknown top-level domains count as public
//! suffixes (the list's implicit `*` rule), as in browsers.
//!
//! For canonical ASCII names (all a jar asks about) `BuiltinList` answers
//! from hash sets of the rules, by the list's algorithm
//! (<https://publicsuffix.org/list/>): two probes per question. Other
//! names go to the `publicsuffix` crate's trie, which also serves lists
//! of one's own (`impl PublicSuffixList for publicsuffix::List`). The two
//! agree on every rule of the vendored list except eight names under a
//! wildcard whose parent heads a deeper rule, such as
//! `oci.customer-oci.com` (rules `*.customer-oci.com` and
//! `*.oci.customer-oci.com`): the crate's walk misses the wildcard there
//! and calls them no public suffix; the sets follow the algorithm.

use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::OnceLock;

use publicsuffix::Psl;

/// A source of public suffix decisions.
pub trait PublicSuffixList: Send + Sync + Debug {
    /// Whether `domain` (canonical: lower case, A-labels, no leading dot)
    /// is a public suffix.
    fn is_public_suffix(&self, domain: &str) -> bool;

    /// [`is_public_suffix`](Self::is_public_suffix) on bytes, as a jar
    /// keeps domains, which may end with the root's dot (`github.io.` is
    /// `github.io`, fully qualified). The default drops that dot, checks
    /// UTF-8 and asks `is_public_suffix` (bytes that are not UTF-8 are no
    /// public suffix), so that a list answers for names without it; a
    /// list that works on bytes can skip the check.
    fn is_public_suffix_bytes(&self, domain: &[u8]) -> bool {
        let domain = domain.strip_suffix(b".").unwrap_or(domain);
        std::str::from_utf8(domain).is_ok_and(|d| self.is_public_suffix(d))
    }

    /// The registrable domain ("eTLD+1") of `host`, or `None` when `host`
    /// is itself a public suffix.
    fn registrable_domain<'a>(&self, host: &'a str) -> Option<&'a str>;

    /// Whether `domain`, `host` or a label suffix of it (canonical, no
    /// trailing dot), is broader than `host`'s site: shorter than its
    /// registrable domain, or other than `host` when `host` is itself a
    /// public suffix. The default asks
    /// [`registrable_domain`](Self::registrable_domain); a list may answer
    /// with fewer lookups.
    fn is_beyond_site(&self, host: &str, domain: &str) -> bool {
        match self.registrable_domain(host) {
            Some(site) => domain.len() < site.len(),
            None => domain != host,
        }
    }
}

/// The vendored Public Suffix List, parsed once on first use.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltinList;

static LIST_TEXT: &str = include_str!("../data/public_suffix_list.dat");
static LIST: OnceLock<publicsuffix::List> = OnceLock::new();
static RULES: OnceLock<Rules> = OnceLock::new();

impl BuiltinList {
    /// The Debian package version the vendored list was taken from; the
    /// list's date is 2026-10-07.
    pub const VERSION: &'static str = "publicsuffix 20261007.0728-1 (Debian)";

    /// The rule sets, built on first use.
    fn rules() -> &'static Rules {
        RULES.get_or_init(|| Rules::parse(LIST_TEXT))
    }

    fn list() -> &'static publicsuffix::List {
        LIST.get_or_init(|| {
            // The vendored list is checked by a unit test to parse; should a
            // future copy fail, fall back to the implicit `*` rule alone.
            LIST_TEXT.parse().unwrap_or_default()
        })
    }
}

impl PublicSuffixList for BuiltinList {
    fn is_public_suffix(&self, domain: &str) -> bool {
        self.is_public_suffix_bytes(domain.as_bytes())
    }

    /// Canonical ASCII domains (the jar's) are answered from the rule
    /// sets, two hash probes, and so are they with one trailing dot (the
    /// fully qualified form of the same name: `oci.customer-oci.com.` is
    /// a public suffix as `oci.customer-oci.com` is); anything else
    /// (empty, non-ASCII) by the `publicsuffix` crate (see the
    /// [module docs](self)).
    fn is_public_suffix_bytes(&self, domain: &[u8]) -> bool {
        let rules = Self::rules();
        let name = domain.strip_suffix(b".").unwrap_or(domain);
        match rules.is_public_suffix(name) {
            Some(answer) => answer,
            None => suffix_is_whole(Self::list(), domain),
        }
    }

    /// As [`is_public_suffix_bytes`](Self::is_public_suffix_bytes): from
    /// the rule sets for canonical ASCII hosts, else by the crate. A host
    /// with an empty label (`a..com`, which no URL parser gives) also
    /// goes to the crate, which answers `.com` for it.
    fn registrable_domain<'a>(&self, host: &'a str) -> Option<&'a str> {
        let rules = Self::rules();
        let empty_label = has_empty_label(host.as_bytes());
        match rules.suffix_len(host.as_bytes()) {
            Some(len) if !empty_label => registrable_of(host, len),
            _ => registrable(Self::list(), host),
        }
    }

    /// From the rule sets, walking only the label suffixes of `host` as
    /// long as `domain` or longer (usually one or two), where
    /// [`registrable_domain`](Self::registrable_domain) walks them all:
    /// with no exception rule matching, the host's public suffix is its
    /// longest label suffix with a rule of its length, so `domain` is
    /// beyond the site exactly when such a suffix is at least as long.
    fn is_beyond_site(&self, host: &str, domain: &str) -> bool {
        let rules = Self::rules();
        let b = host.as_bytes();
        let plain = answers(b) && !has_empty_label(b);
        if !plain || rules.exception(b).is_some() || !label_suffix(b, domain.as_bytes()) {
            return match self.registrable_domain(host) {
                Some(site) => domain.len() < site.len(),
                None => domain != host,
            };
        }
        if domain.len() >= host.len() {
            return false;
        }
        // `domain` too: a domain that is the host's public suffix is
        // shorter than its registrable domain.
        let mut rest = b;
        while rest.len() >= domain.len() {
            if rules.has_rule_of_its_length(rest) {
                return true;
            }
            match rest.iter().position(|&c| c == b'.') {
                Some(dot) => rest = &rest[dot + 1..],
                None => break,
            }
        }
        false
    }
}

/// A user-supplied list (for example a newer Public Suffix List).
impl PublicSuffixList for publicsuffix::List {
    fn is_public_suffix(&self, domain: &str) -> bool {
        suffix_is_whole(self, domain.as_bytes())
    }

    fn is_public_suffix_bytes(&self, domain: &[u8]) -> bool {
        suffix_is_whole(self, domain)
    }

    fn registrable_domain<'a>(&self, host: &'a str) -> Option<&'a str> {
        registrable(self, host)
    }
}

/// [`Rules::names`] flag: a normal rule.
const RULE: u8 = 1;
/// [`Rules::names`] flag: the parent of a wildcard rule (`*.` + it).
const WILDCARD_PARENT: u8 = 2;

/// The list's rules as sets, for the one question a jar asks for every
/// `Domain` cookie: is this canonical domain itself a public suffix?
///
/// By the list's algorithm (<https://publicsuffix.org/list/>,
/// "Algorithm"), the public suffix of a domain is given by the matching
/// rule with the most labels, or by a matching exception rule (the rule
/// minus its first label); the implicit rule `*` matches every
/// single-label domain. So a domain `d` of `n` labels is itself a public
/// suffix exactly when no exception rule matches it and a rule of `n`
/// labels does: the normal rule `d`, or the wildcard rule `*.` + the
/// parent of `d`; or when `n` is 1. That is two hash probes, where the
/// `publicsuffix` crate's trie walk takes one per label (about four times
/// the time; `BuiltinList` keeps the crate for the rest).
#[derive(Debug, Default)]
struct Rules {
    /// Normal rules and wildcard parents, as ASCII (rules in Unicode also
    /// as their A-labels, as the crate adds them), with their flags.
    names: HashMap<Box<[u8]>, u8, foldhash::fast::RandomState>,
    /// Exception rules, without the `!` (eight in the vendored list).
    exceptions: Vec<Box<[u8]>>,
    /// The last two bytes of each exception rule, so that most domains
    /// skip the exceptions.
    exception_ends: Vec<[u8; 2]>,
}

impl Rules {
    /// Reads the list's text as the `publicsuffix` crate does: rules are
    /// the first word of each line from `BEGIN ICANN DOMAINS` on,
    /// comments (`//`) skipped.
    fn parse(text: &str) -> Rules {
        let mut rules = Rules::default();
        let mut started = false;
        for line in text.lines() {
            if line.contains("BEGIN ICANN DOMAINS") || line.contains("BEGIN PRIVATE DOMAINS") {
                started = true;
                continue;
            }
            if !started || line.starts_with("//") {
                continue;
            }
            let Some(rule) = line.split_whitespace().next() else {
                continue;
            };
            let (kind, name) = if let Some(name) = rule.strip_prefix('!') {
                (None, name)
            } else if let Some(name) = rule.strip_prefix("*.") {
                (Some(WILDCARD_PARENT), name)
            } else {
                (Some(RULE), rule)
            };
            let ascii = if name.is_ascii() {
                Some(name.to_owned())
            } else {
                // A-labels by UTS #46, as `url` (and the crate, through
                // `idna`) converts hosts.
                match url::Host::parse(name) {
                    Ok(url::Host::Domain(d)) => Some(d),
                    _ => None,
                }
            };
            let Some(ascii) = ascii else { continue };
            match kind {
                Some(flag) => *rules.names.entry(ascii.into_bytes().into()).or_default() |= flag,
                None => {
                    // An exception rule has two labels or more.
                    if let [.., a, b] = *ascii.as_bytes() {
                        if !rules.exception_ends.contains(&[a, b]) {
                            rules.exception_ends.push([a, b]);
                        }
                    }
                    rules.exceptions.push(ascii.into_bytes().into());
                }
            }
        }
        rules
    }

    /// Whether `domain` is itself a public suffix; `None` for a domain
    /// this does not answer (empty, not ASCII, or ending in a dot).
    fn is_public_suffix(&self, domain: &[u8]) -> Option<bool> {
        if !answers(domain) {
            return None;
        }
        Some(self.exception(domain).is_none() && self.has_rule_of_its_length(domain))
    }

    /// The length in bytes of the public suffix of `domain`; `None` as
    /// for [`Rules::is_public_suffix`].
    fn suffix_len(&self, domain: &[u8]) -> Option<usize> {
        if !answers(domain) {
            return None;
        }
        if let Some(e) = self.exception(domain) {
            // The exception rule minus its first label.
            let first = e.iter().position(|&b| b == b'.').unwrap_or(e.len());
            return Some(e.len().saturating_sub(first + 1));
        }
        let mut start = 0;
        loop {
            let suffix = &domain[start..];
            match suffix.iter().position(|&b| b == b'.') {
                Some(dot) if !self.has_rule_of_its_length(suffix) => start += dot + 1,
                _ => return Some(suffix.len()),
            }
        }
    }

    /// The longest exception rule that matches `domain`, if any.
    fn exception(&self, domain: &[u8]) -> Option<&[u8]> {
        let end = domain
            .len()
            .checked_sub(2)
            .map(|i| [domain[i], domain[i + 1]])?;
        if !self.exception_ends.contains(&end) {
            return None;
        }
        self.exceptions
            .iter()
            .filter(|e| label_suffix(domain, e))
            .max_by_key(|e| e.len())
            .map(|e| &e[..])
    }

    /// Whether a rule with as many labels as `name` matches it: the normal
    /// rule `name`, the wildcard rule over its parent, or, for a single
    /// label, the implicit `*`.
    fn has_rule_of_its_length(&self, name: &[u8]) -> bool {
        let Some(dot) = name.iter().position(|&b| b == b'.') else {
            return true;
        };
        let flags = |name: &[u8]| self.names.get(name).copied().unwrap_or(0);
        flags(name) & RULE != 0 || flags(&name[dot + 1..]) & WILDCARD_PARENT != 0
    }
}

/// Whether [`Rules`] answers for `domain`: non-empty ASCII not ending in
/// a dot. (Empty labels elsewhere need nothing special to say whether the
/// name is a public suffix: no rule has one, and `*` matches any label,
/// as in the crate.)
fn answers(domain: &[u8]) -> bool {
    domain.last().is_some_and(|&b| b != b'.') && domain.is_ascii()
}

/// Whether `name` has an empty label: a leading dot or two dots in a
/// row (a trailing dot is the caller's to see). A byte loop: `str::contains`
/// sets up a substring searcher, about 40% of
/// [`BuiltinList::is_beyond_site`]'s instructions on W1's `Domain=` cookies.
fn has_empty_label(name: &[u8]) -> bool {
    name.first() == Some(&b'.') || name.windows(2).any(|w| w[0] == b'.' && w[1] == b'.')
}

/// Whether `suffix` is `domain` or a label suffix of it (follows a dot).
fn label_suffix(domain: &[u8], suffix: &[u8]) -> bool {
    domain.ends_with(suffix)
        && (domain.len() == suffix.len() || domain[domain.len() - suffix.len() - 1] == b'.')
}

fn suffix_is_whole(list: &publicsuffix::List, domain: &[u8]) -> bool {
    match list.suffix(domain) {
        Some(s) => s.as_bytes().len() == domain.len(),
        None => false,
    }
}

/// `host`, whose public suffix is its last `suffix_len` bytes, cut to
/// one label more than that; `None` when `host` is the suffix.
fn registrable_of(host: &str, suffix_len: usize) -> Option<&str> {
    let rest = host.len().checked_sub(suffix_len + 1)?;
    if host.as_bytes().get(rest) != Some(&b'.') {
        return None;
    }
    let start = host[..rest].rfind('.').map_or(0, |dot| dot + 1);
    host.get(start..).filter(|_| start < rest)
}

fn registrable<'a>(list: &publicsuffix::List, host: &'a str) -> Option<&'a str> {
    let d = list.domain(host.as_bytes())?;
    let len = d.as_bytes().len();
    host.get(host.len() - len..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendored_list_parses() {
        let l: publicsuffix::List = LIST_TEXT.parse().expect("vendored list parses");
        assert!(!l.is_empty());
    }

    /// Rules the list writes in Unicode hold for the A-label form that
    /// canonical cookie domains have (RFC 6265bis §5.1.2). This needs
    /// publicsuffix's `punycode` feature, which `cargo test` also gets
    /// from the dev-dependency `cookie_store`: only CI's replay of
    /// `tests/scenarios/idn-public-suffixes.json` through the release CLI,
    /// built without dev-dependencies, would catch the feature missing.
    #[test]
    fn unicode_rules_match_a_labels() {
        for d in ["xn--55qx5d.cn", "公司.cn", "xn--io0a7i.hk"] {
            assert!(BuiltinList.is_public_suffix(d), "{d}");
        }
        assert!(!BuiltinList.is_public_suffix("shop.xn--55qx5d.cn"));
        assert_eq!(
            BuiltinList.registrable_domain("www.shop.xn--55qx5d.cn"),
            Some("shop.xn--55qx5d.cn")
        );
    }

    /// The provided byte method of a list that only answers on text, and
    /// the built-in lists' own, agree with `is_public_suffix`.
    #[test]
    fn bytes_agree_with_text() {
        #[derive(Debug)]
        struct OnlyCom;
        impl PublicSuffixList for OnlyCom {
            fn is_public_suffix(&self, domain: &str) -> bool {
                domain == "com"
            }
            fn registrable_domain<'a>(&self, _: &'a str) -> Option<&'a str> {
                None
            }
        }
        assert!(OnlyCom.is_public_suffix_bytes(b"com"));
        assert!(!OnlyCom.is_public_suffix_bytes(b"example.com"));
        assert!(!OnlyCom.is_public_suffix_bytes(b"c\xffm"));
        let parsed: publicsuffix::List =
            "// ===BEGIN ICANN DOMAINS===\ncom\nco.uk\n// ===END ICANN DOMAINS===\n"
                .parse()
                .unwrap();
        for d in [
            "com",
            "co.uk",
            "example.com",
            "uk",
            "xn--55qx5d.cn",
            "a.b.c",
        ] {
            assert_eq!(
                BuiltinList.is_public_suffix_bytes(d.as_bytes()),
                BuiltinList.is_public_suffix(d),
                "{d}"
            );
            assert_eq!(
                parsed.is_public_suffix_bytes(d.as_bytes()),
                parsed.is_public_suffix(d),
                "{d}"
            );
        }
    }

    /// The list's algorithm by the letter, as an oracle: every rule
    /// (grouped by top-level label) is matched label by label against
    /// `d`; an exception rule prevails, else the longest match, else `*`.
    fn public_suffix_len_by_the_letter(rules: &HashMap<&str, Vec<&str>>, d: &str) -> usize {
        let labels: Vec<&str> = d.rsplit('.').collect();
        let mut best = 1;
        for rule in rules.get(labels[0]).into_iter().flatten() {
            let (exception, rule) = match rule.strip_prefix('!') {
                Some(r) => (true, r),
                None => (false, *rule),
            };
            let r: Vec<&str> = rule.rsplit('.').collect();
            let matches =
                r.len() <= labels.len() && r.iter().zip(&labels).all(|(a, b)| *a == "*" || a == b);
            if matches && exception {
                return r.len() - 1;
            }
            if matches {
                best = best.max(r.len());
            }
        }
        best
    }

    /// Every rule of the vendored list (and its A-labels), its label
    /// suffixes, and names one and two labels longer: [`Rules`] answers
    /// as the list's algorithm by the letter does wherever it answers.
    /// The `publicsuffix` crate's trie agrees except under a wildcard
    /// whose parent also heads a deeper rule (`*.customer-oci.com` with
    /// `*.oci.customer-oci.com`): its walk follows the deeper rule's label
    /// and misses the wildcard, so it calls `oci.customer-oci.com` no
    /// public suffix.
    #[test]
    fn rules_follow_the_list_algorithm_on_the_whole_list() {
        let rules = Rules::parse(LIST_TEXT);
        let list: publicsuffix::List = LIST_TEXT.parse().unwrap();
        let mut by_tld: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut names = std::collections::BTreeSet::new();
        let mut ascii_rules = Vec::new();
        for line in LIST_TEXT.lines() {
            let Some(rule) = line.split_whitespace().next() else {
                continue;
            };
            if rule.starts_with("//") {
                continue;
            }
            let marker = &rule[..rule.len() - rule.trim_start_matches(['!', '*', '.']).len()];
            let bare = &rule[marker.len()..];
            let mut forms = vec![bare.to_owned()];
            if let Ok(url::Host::Domain(d)) = url::Host::parse(bare) {
                ascii_rules.push(format!("{marker}{d}"));
                forms.push(d);
            }
            for form in forms {
                let mut rest = form.as_str();
                loop {
                    names.insert(rest.to_owned());
                    names.insert(format!("x.{rest}"));
                    names.insert(format!("www.x.{rest}"));
                    names.insert(format!("city.{rest}"));
                    // A label that only ends like a rule's first label.
                    names.insert(format!("x{rest}"));
                    match rest.split_once('.') {
                        Some((_, parent)) => rest = parent,
                        None => break,
                    }
                }
            }
        }
        for rule in &ascii_rules {
            by_tld
                .entry(rule.rsplit('.').next().unwrap())
                .or_default()
                .push(rule);
        }
        let (mut asked, mut crate_differs) = (0, Vec::new());
        for name in &names {
            let Some(fast) = rules.is_public_suffix(name.as_bytes()) else {
                continue;
            };
            asked += 1;
            let labels = name.split('.').count();
            let letter = public_suffix_len_by_the_letter(&by_tld, name);
            assert_eq!(fast, letter == labels, "{name}");
            let suffix = &name[name.len() - rules.suffix_len(name.as_bytes()).unwrap()..];
            assert_eq!(suffix.split('.').count(), letter, "{name}");
            let registrable = (labels > letter).then(|| {
                let cut: Vec<&str> = name.rsplit('.').take(letter + 1).collect();
                cut.into_iter().rev().collect::<Vec<_>>().join(".")
            });
            assert_eq!(
                BuiltinList.registrable_domain(name),
                registrable.as_deref(),
                "{name}"
            );
            // The short walk answers as the registrable domain does, for
            // every label suffix of the name.
            let mut domain = name.as_str();
            loop {
                let by_site = match registrable.as_deref() {
                    Some(site) => domain.len() < site.len(),
                    None => domain != name,
                };
                assert_eq!(
                    BuiltinList.is_beyond_site(name, domain),
                    by_site,
                    "{name} / {domain}"
                );
                // A public suffix other than the name is beyond its site
                // (the policy names such a refusal by this).
                if domain != name && BuiltinList.is_public_suffix(domain) {
                    assert!(by_site, "{name} / {domain}");
                }
                match domain.split_once('.') {
                    Some((_, parent)) => domain = parent,
                    None => break,
                }
            }
            if fast != suffix_is_whole(&list, name.as_bytes()) {
                crate_differs.push(name.as_str());
            }
        }
        assert!(asked > 30_000, "{asked}");
        for name in &crate_differs {
            let deeper = format!(".{name}");
            assert!(
                ascii_rules.iter().any(|r| r.ends_with(&deeper)),
                "the crate differs on {name}"
            );
        }
        // With the 2026-10-07 list (8 with 2025-03-28's); a change means
        // the list or the crate's walk changed: look at the names again.
        assert_eq!(crate_differs.len(), 22, "{crate_differs:?}");
    }

    /// Names `Rules` does not answer go to the crate.
    #[test]
    fn odd_names_go_to_the_crate() {
        let rules = Rules::parse(LIST_TEXT);
        // Empty labels: no rule has one; `*` matches one (`*.ck`).
        for d in [".com", "a..com", ".ck", "x..ck", "..", "a.", ".www.ck"] {
            if let Some(fast) = rules.is_public_suffix(d.as_bytes()) {
                assert_eq!(
                    fast,
                    suffix_is_whole(BuiltinList::list(), d.as_bytes()),
                    "{d}"
                );
            }
        }
        for d in ["", "com.", "公司.cn", "example.com.", "a."] {
            assert_eq!(rules.is_public_suffix(d.as_bytes()), None, "{d}");
            assert_eq!(
                BuiltinList.is_public_suffix(d),
                suffix_is_whole(BuiltinList::list(), d.as_bytes()),
                "{d}"
            );
        }
        assert!(BuiltinList.is_public_suffix("公司.cn"));
        assert!(BuiltinList.is_public_suffix("com."));
        // An exception rule matches whole labels only.
        assert_eq!(rules.is_public_suffix(b"xcity.kawasaki.jp"), Some(true));
        assert_eq!(rules.is_public_suffix(b"awww.ck"), Some(true));
        assert_eq!(rules.is_public_suffix(b"city.kawasaki.jp"), Some(false));
        assert_eq!(rules.is_public_suffix(b"www.ck"), Some(false));
        // Hosts with an empty label get the crate's registrable domain.
        for host in ["a..com", "..com", ".com", "a..b.example.com"] {
            assert!(has_empty_label(host.as_bytes()), "{host}");
            assert_eq!(
                BuiltinList.registrable_domain(host),
                registrable(BuiltinList::list(), host),
                "{host}"
            );
            // The short walk is not taken for them either: the answer is
            // the crate's registrable domain's (the trait's provided
            // method, which the crate's list keeps).
            for domain in ["com", "b.example.com", "example.com", host] {
                assert_eq!(
                    BuiltinList.is_beyond_site(host, domain),
                    BuiltinList::list().is_beyond_site(host, domain),
                    "{host} / {domain}"
                );
            }
        }
        for host in ["a.com", "a", "a.b.c.", "a.b", ""] {
            assert!(!has_empty_label(host.as_bytes()), "{host}");
        }
        // Byte for byte, as the crate: upper case matches no rule.
        assert_eq!(rules.is_public_suffix(b"CO.UK"), Some(false));
        assert_eq!(rules.is_public_suffix(b"COM"), Some(true));
    }

    /// Hosts the rule sets do not answer (a trailing dot, Unicode, an
    /// empty label) get the `publicsuffix` crate's registrable domain,
    /// and `is_beyond_site` answers for them, and for a domain that is no
    /// label suffix of the host, as the trait's provided method does
    /// (from that registrable domain), not by the short walk.
    #[test]
    fn names_the_rule_sets_do_not_answer_take_the_registrable_domain() {
        for (host, site) in [
            ("www.example.com.", Some("example.com.")),
            ("a.b.example.co.uk.", Some("example.co.uk.")),
            ("com.", None),
            ("www.shop.公司.cn", Some("shop.公司.cn")),
            ("a..b.example.com", Some("example.com")),
        ] {
            assert_eq!(BuiltinList.registrable_domain(host), site, "{host}");
        }
        for (host, domain, beyond) in [
            ("www.example.com.", "com.", true),
            ("www.example.com.", "example.com.", false),
            ("www.shop.公司.cn", "公司.cn", true),
            ("www.shop.公司.cn", "shop.公司.cn", false),
            ("www.example.com", "other.org", true),
            ("www.example.com", "www.other.org", false),
        ] {
            let by_site = match BuiltinList.registrable_domain(host) {
                Some(site) => domain.len() < site.len(),
                None => domain != host,
            };
            assert_eq!(by_site, beyond, "{host} / {domain}");
            assert_eq!(
                BuiltinList.is_beyond_site(host, domain),
                beyond,
                "{host} / {domain}"
            );
        }
    }

    #[test]
    fn suffixes() {
        let l = BuiltinList;
        for s in [
            "com",
            "org",
            "co.uk",
            "uk",
            "github.io",
            "test",
            "localhost",
            "com.",
        ] {
            assert!(l.is_public_suffix(s), "{s}");
        }
        for s in [
            "example.com",
            "example.co.uk",
            "foo.github.io",
            "a.b.example.org",
            "example.test",
        ] {
            assert!(!l.is_public_suffix(s), "{s}");
        }
        // Wildcard and exception rules: *.ck with !www.ck.
        assert!(l.is_public_suffix("foo.ck"));
        assert!(!l.is_public_suffix("www.ck"));
        assert_eq!(
            l.registrable_domain("a.b.example.co.uk"),
            Some("example.co.uk")
        );
        assert_eq!(l.registrable_domain("co.uk"), None);
        assert_eq!(
            l.registrable_domain("x.foo.github.io"),
            Some("foo.github.io")
        );
    }
}
