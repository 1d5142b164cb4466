//! Arbitrary `Set-Cookie` and `Set-Cookie2` headers under ClientCookie
//! rules (Python's `DefaultCookiePolicy`), every switch from the first two
//! bytes, from arbitrary hosts (dotless and addresses among them), some as
//! unverifiable third-party transactions, with lookups in between. The
//! jar never panics; never sends a cookie to a host that does not
//! domain-match its domain, an expired one, or a `Secure` one over
//! `http` (but to a loopback host); its per-domain limit (1 to 4) and
//! total (2 to 9, from the third byte) hold. What it stores follows the
//! switches: no version 1 cookie without `rfc2965` (RFC 2965 §3.3.2, and
//! ClientCookie's `set_ok_version`), no Netscape one without `netscape`,
//! none from a `Set-Cookie2` without `rfc2965`, and none of a kind the
//! `strict_*_unverifiable` switch refuses from a third-party
//! transaction. With the public suffix list (on unless the third byte
//! has 0x20), no host gets a public suffix's cookies but that suffix.
//! A `Cookie` header of version 0 cookies is their `name=value` pairs
//! in the lookup's order (a nameless cookie its value, one without a
//! value its name), and one led by a later version starts with
//! `$Version`. Every cookie of a host's site a lookup leaves out has
//! a reason in `withheld_for_request`, and none it sends has one.
#![no_main]
use cookiejar::psl::{BuiltinList, PublicSuffixList};
use cookiejar::{
    domain_match, CookieEvent, CookieJar, DefaultCookiePolicy, DomainStrictness, ManualClock,
    PublicSuffixes, SimpleRequest, SimpleResponse,
};
use libfuzzer_sys::fuzz_target;

mod common;
use common::withheld_and_sent_cover;

const HOSTS: &[&str] = &[
    "a.example.com",
    "example.com",
    "www.a.example.com",
    "co.uk",
    "b.co.uk",
    "intranet",
    "127.0.0.1",
    "localhost",
];

/// The switches the first two bytes set.
struct Switches {
    netscape: bool,
    rfc2965: bool,
    ns_unverifiable: bool,
    rfc2965_unverifiable: bool,
}

fuzz_target!(|data: &[u8]| {
    let b0 = data.first().copied().unwrap_or(0);
    let b1 = data.get(1).copied().unwrap_or(0);
    let b2 = data.get(2).copied().unwrap_or(0);
    let switches = Switches {
        netscape: b0 & 7 != 0,
        rfc2965: b0 & 8 != 0,
        ns_unverifiable: b0 & 0x40 != 0,
        rfc2965_unverifiable: b0 & 0x80 == 0,
    };
    let psl = b2 & 0x20 == 0;
    let policy = DefaultCookiePolicy::client_cookie()
        .netscape(switches.netscape)
        .rfc2965(switches.rfc2965)
        .hide_cookie2(b0 & 0x10 != 0)
        .strict_domain(b0 & 0x20 != 0)
        .strict_ns_unverifiable(switches.ns_unverifiable)
        .strict_rfc2965_unverifiable(switches.rfc2965_unverifiable)
        .strict_ns_domain(DomainStrictness::from_bits(b1 & 7).unwrap())
        .strict_ns_set_initial_dollar(b1 & 8 != 0)
        .strict_ns_set_path(b1 & 0x10 != 0)
        .rfc2109_as_netscape([None, Some(true), Some(false)][usize::from(b1 >> 5) % 3])
        .public_suffixes(match psl {
            true => PublicSuffixes::Builtin,
            false => PublicSuffixes::Off,
        })
        .build();
    let limit = 1 + usize::from(b2 % 4);
    let total = 2 + usize::from((b2 >> 2) % 8);
    let clock = ManualClock::new(1_700_000_000);
    let jar = CookieJar::builder()
        .clock(clock.clone())
        .policy(policy)
        .max_cookies_per_domain(std::num::NonZeroUsize::new(limit))
        .max_cookies(std::num::NonZeroUsize::new(total))
        .build();
    for chunk in data.get(3..).unwrap_or_default().split(|&b| b == b'\n') {
        let Some((&sel, line)) = chunk.split_first() else {
            continue;
        };
        let host = HOSTS[usize::from(sel) % HOSTS.len()];
        let scheme = if sel & 0x80 != 0 { "https" } else { "http" };
        let mut req = SimpleRequest::parse(&format!("{scheme}://{host}/p/q")).unwrap();
        let third_party = sel & 0x10 != 0;
        if third_party {
            req = req
                .with_origin_request_host("evil.test")
                .with_unverifiable(true);
        }
        let set_cookie2 = sel & 8 != 0;
        let name = if set_cookie2 {
            "Set-Cookie2"
        } else {
            "Set-Cookie"
        };
        let response = SimpleResponse::new().with_header(name, line);
        jar.extract_cookies_with(&response, &req, &mut |e| {
            if let CookieEvent::Stored(c) = e {
                let v1 = c.version().unwrap_or(0) > 0;
                assert!(switches.rfc2965 || !v1, "version 1 cookie with rfc2965 off");
                assert!(switches.netscape || v1, "Netscape cookie with netscape off");
                assert!(
                    switches.rfc2965 || !set_cookie2,
                    "Set-Cookie2 with rfc2965 off"
                );
                if third_party {
                    assert!(
                        !(v1 && switches.rfc2965_unverifiable),
                        "third-party RFC 2965"
                    );
                    assert!(v1 || !switches.ns_unverifiable, "third-party Netscape");
                }
                assert!(
                    domain_match(host, c.domain()),
                    "{host} stored {}",
                    c.domain()
                );
            }
        });
        clock.advance(i64::from(sel & 7));
        if sel & 0x40 != 0 {
            check(&jar, host, clock.unix_seconds(), psl);
        }
        let mut per_domain = std::collections::HashMap::new();
        for c in jar.cookies() {
            *per_domain.entry(c.domain().to_owned()).or_insert(0) += 1;
        }
        assert!(per_domain.values().all(|&n| n <= limit), "{per_domain:?}");
        assert!(jar.len() <= total, "{} > {total}", jar.len());
    }
    for host in HOSTS {
        check(&jar, host, clock.unix_seconds(), psl);
    }
});

fn check(jar: &CookieJar, host: &str, now: i64, psl: bool) {
    let loopback = matches!(host, "127.0.0.1" | "localhost");
    for scheme in ["https", "http"] {
        let url = url::Url::parse(&format!("{scheme}://{host}/p/q")).unwrap();
        let cookies = jar.cookies_for(&url);
        for c in &cookies {
            assert!(domain_match(host, c.domain()), "{host} got {}", c.domain());
            // With the list, a public suffix's cookies stay on its host.
            assert!(
                !psl || c.domain() == host || !BuiltinList.is_public_suffix(c.domain()),
                "{host} got a cookie of the public suffix {}",
                c.domain()
            );
            assert!(c.expires().is_none_or(|t| t.unix_timestamp() > now));
            assert!(
                scheme == "https" || loopback || !c.secure(),
                "Secure over http"
            );
        }
        let header = jar.cookie_header_for(&url);
        assert_eq!(header.is_some(), !cookies.is_empty());
        let Some(header) = header else { continue };
        if cookies[0].version().unwrap_or(0) > 0 {
            assert!(header.starts_with("$Version="), "{header:?}");
        } else if cookies.iter().all(|c| c.version().unwrap_or(0) == 0) {
            let pairs: Vec<String> = cookies
                .iter()
                .map(|c| match (c.name(), c.value_absent()) {
                    (n, true) => n.to_owned(),
                    ("", false) => c.value().to_owned(),
                    (n, false) => format!("{n}={}", c.value()),
                })
                .collect();
            assert_eq!(header, pairs.join("; "));
        }
        withheld_and_sent_cover(jar, &SimpleRequest::new(url), host);
    }
}
