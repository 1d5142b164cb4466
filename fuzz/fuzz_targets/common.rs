//! Checks the jar fuzz targets share.
// Each target uses some of them.
#![allow(dead_code)]

use cookiejar::{domain_match, CookieJar, SimpleRequest};

/// A cookie domain's site: its registrable domain; an address, or a
/// public suffix, alone.
pub fn site_of(domain: &str) -> String {
    use cookiejar::psl::PublicSuffixList;
    match domain.parse::<std::net::IpAddr>() {
        Ok(_) => domain.to_owned(),
        Err(_) => cookiejar::psl::BuiltinList
            .registrable_domain(domain)
            .unwrap_or(domain)
            .to_owned(),
    }
}

/// `withheld_for_request` gives a reason for every cookie of `host`'s
/// site that `request` does not carry, and lists none it carries.
pub fn withheld_and_sent_cover(jar: &CookieJar, request: &SimpleRequest, host: &str) {
    use cookiejar::psl::PublicSuffixList;
    // The host's site: its registrable domain's hosts; an address, or a
    // public suffix, alone.
    let site = match host.parse::<std::net::IpAddr>() {
        Ok(_) => None,
        Err(_) => cookiejar::psl::BuiltinList.registrable_domain(host),
    };
    let in_site = |d: &str| site.map_or(d == host, |site| domain_match(d, site));
    let mut listed: Vec<cookiejar::CookieKey> = jar
        .withheld_for_request(request)
        .iter()
        .map(|(c, _)| c.key())
        .collect();
    let sent = jar.cookies_for_request(request);
    listed.extend(sent.iter().map(|c| c.key()));
    listed.sort();
    let mut want: Vec<cookiejar::CookieKey> = jar
        .all_cookies()
        .iter()
        .filter(|c| {
            let policy = jar.policy();
            let for_host = !c.host_only()
                || (policy.host_cookies_may_match_subdomains()
                    && policy.host_cookie_matches_subdomains(c));
            in_site(c.domain()) || (domain_match(host, c.domain()) && for_host)
        })
        .map(|c| c.key())
        .collect();
    want.sort();
    assert_eq!(listed, want);
}
