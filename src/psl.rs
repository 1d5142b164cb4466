//! The public suffix check of RFC 6265bis §5.7 step 9.
//!
//! A cookie whose `Domain` is a public suffix (`com`, `co.uk`,
//! `github.io`, ...) would be sent to every site under it, so RFC 6265bis
//! says a user agent configured to do so rejects it, unless the domain is
//! exactly the request host (then the cookie becomes host-only).
//!
//! [`PublicSuffixList`] is the small trait the policy asks. The built-in
//! implementation, [`BuiltinList`], uses the `publicsuffix` crate over a copy
//! of the Public Suffix List vendored from Debian's `publicsuffix` package
//! (version [`BuiltinList::VERSION`]). Unknown top-level domains count as
//! public suffixes (the list's implicit `*` rule), as in browsers.

use std::fmt::Debug;
use std::sync::OnceLock;

use publicsuffix::Psl;

/// A source of public suffix decisions.
pub trait PublicSuffixList: Send + Sync + Debug {
    /// Whether `domain` (canonical: lower case, A-labels, no leading dot)
    /// is a public suffix.
    fn is_public_suffix(&self, domain: &str) -> bool;

    /// [`is_public_suffix`](Self::is_public_suffix) on bytes, as a jar
    /// keeps domains. The default checks UTF-8 and asks `is_public_suffix`
    /// (bytes that are not UTF-8 are no public suffix); a list that works
    /// on bytes can skip the check.
    fn is_public_suffix_bytes(&self, domain: &[u8]) -> bool {
        std::str::from_utf8(domain).is_ok_and(|d| self.is_public_suffix(d))
    }

    /// The registrable domain ("eTLD+1") of `host`, or `None` when `host`
    /// is itself a public suffix.
    fn registrable_domain<'a>(&self, host: &'a str) -> Option<&'a str>;
}

/// The vendored Public Suffix List, parsed once on first use.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltinList;

static LIST_TEXT: &str = include_str!("../data/public_suffix_list.dat");
static LIST: OnceLock<publicsuffix::List> = OnceLock::new();

impl BuiltinList {
    /// The Debian package version the vendored list was taken from; the
    /// list's date is 2023-02-09.
    pub const VERSION: &'static str = "publicsuffix 20230209.2326-1 (Debian)";

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
        suffix_is_whole(Self::list(), domain.as_bytes())
    }

    fn is_public_suffix_bytes(&self, domain: &[u8]) -> bool {
        suffix_is_whole(Self::list(), domain)
    }

    fn registrable_domain<'a>(&self, host: &'a str) -> Option<&'a str> {
        registrable(Self::list(), host)
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

fn suffix_is_whole(list: &publicsuffix::List, domain: &[u8]) -> bool {
    match list.suffix(domain) {
        Some(s) => s.as_bytes().len() == domain.len(),
        None => false,
    }
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
