//! Model test: the indexed [`CookieJar`] against a naive jar (a `Vec` with
//! linear-scan RFC 6265bis storage and matching, written independently
//! here), on random sequences of responses, requests and clock advances.
//! Their `Cookie` headers must agree at every request.

use cookiejar::parse::{parse_set_cookie, ParseLimits, PathAttribute};
use cookiejar::psl::{BuiltinList, PublicSuffixList};
use cookiejar::{is_secure_origin, CookieJar, ManualClock, SimpleRequest, SimpleResponse};
use proptest::prelude::*;
use url::{Host, Url};

const CAP: i64 = 400 * 24 * 3600;
const MIN: i64 = -377_705_116_800;

#[derive(Debug, Clone)]
struct NaiveCookie {
    name: String,
    value: String,
    domain: String,
    host_only: bool,
    path: String,
    expiry: i64,
    creation: i64,
    seq: u64,
    secure: bool,
}

#[derive(Debug, Default)]
struct NaiveJar {
    cookies: Vec<NaiveCookie>,
    seq: u64,
}

fn dm(host: &str, is_ip: bool, domain: &str) -> bool {
    host == domain || (!is_ip && host.ends_with(&format!(".{domain}")))
}

fn pm(req: &str, cookie: &str) -> bool {
    req == cookie
        || (req.starts_with(cookie)
            && (cookie.ends_with('/') || req[cookie.len()..].starts_with('/')))
}

fn default_path(p: &str) -> String {
    match p.rfind('/') {
        Some(0) | None => "/".into(),
        Some(i) => p[..i].into(),
    }
}

fn host_of(url: &Url) -> (String, bool) {
    let is_ip = matches!(url.host(), Some(Host::Ipv4(_) | Host::Ipv6(_)));
    (url.host_str().unwrap_or("").to_owned(), is_ip)
}

fn has_prefix(s: &str, p: &str) -> bool {
    s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
}

impl NaiveJar {
    fn set(&mut self, url: &Url, line: &str, now: i64) {
        // RFC 6265bis §5.7: expired cookies are evicted, so a new cookie
        // never inherits an expired one's creation time.
        self.cookies.retain(|c| c.expiry > now);
        let Ok(sc) = parse_set_cookie(line.as_bytes(), &ParseLimits::RFC6265BIS) else {
            return;
        };
        let (Ok(name), Ok(value)) = (std::str::from_utf8(sc.name), std::str::from_utf8(sc.value))
        else {
            return;
        };
        if name.is_empty() && value.is_empty() {
            return;
        }
        let expiry = match (sc.max_age, sc.expires) {
            (Some(a), _) if a <= 0 => MIN,
            (Some(a), _) => now.saturating_add(a.min(CAP)),
            (None, Some(t)) => t.min(now + CAP),
            (None, None) => i64::MAX,
        };
        let (host, is_ip) = host_of(url);
        let mut domain_attr = match sc.domain {
            Some(d) if !d.is_empty() => {
                if !d.is_ascii() {
                    return;
                }
                Some(String::from_utf8_lossy(d).to_ascii_lowercase())
            }
            _ => None,
        };
        if let Some(d) = &domain_attr {
            if BuiltinList.is_public_suffix(d) {
                if *d == host {
                    domain_attr = None;
                } else {
                    return;
                }
            }
        }
        // An address's own `Domain` makes a host-only cookie, as
        // browsers and Go's jar make it.
        if is_ip && domain_attr.as_deref() == Some(host.as_str()) {
            domain_attr = None;
        }
        let (domain, host_only) = match domain_attr {
            Some(d) => {
                if !dm(&host, is_ip, &d) {
                    return;
                }
                (d, false)
            }
            None => (host.clone(), true),
        };
        let path = match sc.path {
            Some(PathAttribute::Explicit(p)) => String::from_utf8_lossy(p).into_owned(),
            _ => default_path(url.path()),
        };
        let secure_origin = is_secure_origin(url);
        if sc.secure && !secure_origin {
            return;
        }
        if !sc.secure && !secure_origin {
            let shadow = self.cookies.iter().any(|c| {
                c.name == name
                    && c.secure
                    && c.expiry > now
                    && (dm(&c.domain, false, &domain) || dm(&domain, false, &c.domain))
                    && pm(&path, &c.path)
            });
            if shadow {
                return;
            }
        }
        if has_prefix(name, "__Secure-") && !sc.secure {
            return;
        }
        let explicit_path = matches!(sc.path, Some(PathAttribute::Explicit(_)));
        if has_prefix(name, "__Host-") && !(sc.secure && host_only && explicit_path && path == "/")
        {
            return;
        }
        // draft-ietf-httpbis-layered-cookies' `__Http-` and
        // `__Host-Http-`: Secure and HttpOnly too.
        let http = has_prefix(name, "__Http-") || has_prefix(name, "__Host-Http-");
        if http && !(sc.secure && sc.http_only) {
            return;
        }
        if name.is_empty()
            && ["__Secure-", "__Host-", "__Http-"]
                .iter()
                .any(|p| has_prefix(value, p))
        {
            return;
        }
        let mut creation = now;
        let mut seq = None;
        if let Some(i) = self.cookies.iter().position(|c| {
            c.name == name && c.domain == domain && c.host_only == host_only && c.path == path
        }) {
            let old = self.cookies.remove(i);
            creation = old.creation;
            seq = Some(old.seq);
        }
        if expiry <= now {
            return;
        }
        let seq = seq.unwrap_or_else(|| {
            self.seq += 1;
            self.seq
        });
        self.cookies.push(NaiveCookie {
            name: name.into(),
            value: value.into(),
            domain,
            host_only,
            path,
            expiry,
            creation,
            seq,
            secure: sc.secure,
        });
    }

    fn get(&self, url: &Url, now: i64) -> String {
        let (host, is_ip) = host_of(url);
        let secure = is_secure_origin(url);
        let mut v: Vec<&NaiveCookie> = self
            .cookies
            .iter()
            .filter(|c| {
                c.expiry > now
                    && if c.host_only {
                        host == c.domain
                    } else {
                        dm(&host, is_ip, &c.domain)
                    }
                    && pm(url.path(), &c.path)
                    && (!c.secure || secure)
            })
            .collect();
        v.sort_by(|a, b| {
            b.path
                .len()
                .cmp(&a.path.len())
                .then(a.creation.cmp(&b.creation))
                .then(a.seq.cmp(&b.seq))
        });
        v.iter()
            .map(|c| {
                if c.name.is_empty() {
                    c.value.clone()
                } else {
                    format!("{}={}", c.name, c.value)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[derive(Debug, Clone)]
enum Op {
    Response(String, Vec<String>),
    Request(String),
    Advance(i64),
    /// The jar is replaced by its clone (`CookieJar::fork`).
    Fork,
}

const HOSTS: &[&str] = &[
    "example.com",
    "www.example.com",
    "a.b.example.com",
    "example.org",
    "co.uk",
    "shop.co.uk",
    "x.shop.co.uk",
    "localhost",
    "127.0.0.1",
    "[::1]",
    "github.io",
    "u.github.io",
];
const PATHS: &[&str] = &["/", "/a", "/a/", "/a/b", "/ab", "/a/b/c", "/b", ""];
const NAMES: &[&str] = &[
    "a",
    "b",
    "__Host-h",
    "__Secure-s",
    "",
    "A",
    "__Http-t",
    "__host-http-u",
];
const VALUES: &[&str] = &["1", "2", "x y", "__Host-v", "", "__HTTP-w"];
const DOMAINS: &[&str] = &[
    "example.com",
    ".example.com",
    "co.uk",
    "shop.co.uk",
    "github.io",
    "u.github.io",
    "localhost",
    "127.0.0.1",
    "other.net",
    "EXAMPLE.COM",
    "",
    "www.example.com",
];
const PATH_ATTRS: &[&str] = &["/", "/a", "/a/b", "a", "", "/a/"];
const AGES: &[&str] = &["-1", "0", "5", "100", "99999999999", "junk"];
const DATES: &[&str] = &[
    "Wed, 01 Jan 2003 00:00:00 GMT",
    "Fri, 01 Jan 2100 00:00:00 GMT",
    "Tue, 14 Nov 2023 22:13:30 GMT",
    "garbage",
];

fn url() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["http", "https"][..]),
        prop::sample::select(HOSTS),
        prop::sample::select(PATHS),
    )
        .prop_map(|(s, h, p)| format!("{s}://{h}{p}"))
}

fn set_cookie_line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(NAMES),
        prop::sample::select(VALUES),
        prop::option::of(prop::sample::select(DOMAINS)),
        prop::option::of(prop::sample::select(PATH_ATTRS)),
        prop::option::of(prop::sample::select(AGES)),
        prop::option::of(prop::sample::select(DATES)),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(n, v, d, p, a, e, secure, nameless, http_only)| {
            let mut s = if nameless && n.is_empty() {
                v.to_string()
            } else {
                format!("{n}={v}")
            };
            if let Some(d) = d {
                s.push_str(&format!("; Domain={d}"));
            }
            if let Some(p) = p {
                s.push_str(&format!("; Path={p}"));
            }
            if let Some(a) = a {
                s.push_str(&format!("; Max-Age={a}"));
            }
            if let Some(e) = e {
                s.push_str(&format!("; Expires={e}"));
            }
            if secure {
                s.push_str("; Secure");
            }
            if http_only {
                s.push_str("; HttpOnly");
            }
            s
        })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (url(), prop::collection::vec(set_cookie_line(), 1..4)).prop_map(|(u, l)| Op::Response(u, l)),
        3 => url().prop_map(Op::Request),
        1 => (0i64..200).prop_map(Op::Advance),
        1 => Just(Op::Fork),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn jar_agrees_with_naive_jar(ops in prop::collection::vec(op(), 1..40)) {
        let clock = ManualClock::new(1_700_000_000);
        let mut jar = CookieJar::builder().clock(clock.clone()).build();
        let mut naive = NaiveJar::default();
        for op in &ops {
            match op {
                Op::Response(u, lines) => {
                    let url = Url::parse(u).unwrap();
                    for l in lines {
                        naive.set(&url, l, clock.unix_seconds());
                    }
                    let resp = SimpleResponse::with_set_cookies(lines.iter().map(String::as_str));
                    jar.extract_cookies(&resp, &SimpleRequest::new(url));
                }
                Op::Request(u) => {
                    let url = Url::parse(u).unwrap();
                    let got = jar.cookie_header_for(&url).unwrap_or_default();
                    let want = naive.get(&url, clock.unix_seconds());
                    prop_assert_eq!(got, want, "request {} after {:?}", u, ops);
                }
                Op::Advance(s) => clock.advance(*s),
                Op::Fork => jar = jar.fork(),
            }
        }
    }

    /// No cookie ever goes to a host it does not belong to, over a path it
    /// does not match, or over an insecure channel when it is Secure.
    #[test]
    fn returned_cookies_belong_to_the_request(ops in prop::collection::vec(op(), 1..30), probe in url()) {
        let clock = ManualClock::new(1_700_000_000);
        let jar = CookieJar::builder().clock(clock.clone()).build();
        for op in &ops {
            match op {
                Op::Response(u, lines) => {
                    let resp = SimpleResponse::with_set_cookies(lines.iter().map(String::as_str));
                    jar.extract_cookies(&resp, &SimpleRequest::parse(u).unwrap());
                }
                Op::Request(_) => {}
                Op::Advance(s) => clock.advance(*s),
                Op::Fork => {}
            }
        }
        let url = Url::parse(&probe).unwrap();
        let (host, is_ip) = host_of(&url);
        for c in jar.cookies_for(&url) {
            if c.host_only() {
                prop_assert_eq!(&host, c.domain());
            } else {
                prop_assert!(dm(&host, is_ip, c.domain()));
                prop_assert!(!BuiltinList.is_public_suffix(c.domain()) || c.domain() == host);
            }
            prop_assert!(pm(url.path(), c.path()));
            prop_assert!(!c.secure() || is_secure_origin(&url));
            prop_assert!(!c.is_expired(clock_now(&clock)));
        }
    }
}

fn clock_now(c: &ManualClock) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(c.unix_seconds()).unwrap()
}

/// Found by `jar_agrees_with_naive_jar`: a cookie that replaces an
/// *expired* one is a new cookie (RFC 6265bis §5.7 evicts expired
/// cookies), so it does not inherit the old creation time and sorts
/// after cookies created since.
#[test]
fn replacing_an_expired_cookie_makes_a_new_one() {
    let clock = ManualClock::new(1_700_000_000);
    let jar = CookieJar::builder().clock(clock.clone()).build();
    let req = SimpleRequest::parse("http://[::1]/b").unwrap();
    jar.extract_cookies(
        &SimpleResponse::with_set_cookies(["a=1; Max-Age=5", "b=1"]),
        &req,
    );
    clock.advance(5);
    jar.extract_cookies(&SimpleResponse::with_set_cookies(["a=1"]), &req);
    let url = Url::parse("http://[::1]/").unwrap();
    assert_eq!(jar.cookie_header_for(&url).as_deref(), Some("b=1; a=1"));
}

/// Creation times outside 1677-2262 (read from a file, or set by hand)
/// still order the cookies sent: earlier creation first (RFC 6265bis
/// §5.8.3 step 2), also where the store's inline nanoseconds saturate.
#[test]
fn creation_order_holds_outside_the_nanosecond_range() {
    use cookiejar::Cookie;
    let at = |year: i32| {
        time::Date::from_calendar_date(year, time::Month::January, 1)
            .unwrap()
            .midnight()
            .assume_utc()
    };
    let jar = CookieJar::new();
    for (name, year) in [
        ("late", 2400),
        ("early", 2300),
        ("old", 1500),
        ("older", 1400),
    ] {
        jar.set_cookie(
            Cookie::builder(name, "1")
                .domain("example.com")
                .path("/")
                .creation_time(at(year))
                .build(),
        )
        .unwrap();
    }
    let url = Url::parse("https://example.com/").unwrap();
    assert_eq!(
        jar.cookie_header_for(&url).as_deref(),
        Some("older=1; old=1; early=1; late=1")
    );
    let names: Vec<String> = jar
        .all_cookies()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(names, ["older", "old", "early", "late"]);
}
