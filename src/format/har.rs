//! HTTP Archive files (HAR 1.2, `.har`; feature `serde`), read only: the
//! cookies a browser held after the responses a HAR recorded.
//! Browsers' developer tools export one ("Save all as HAR with
//! content", or "Export HAR (with sensitive data)": a sanitized export
//! leaves out every `Set-Cookie` header), as do Playwright's `recordHar`,
//! mitmproxy, Charles and Fiddler.
//!
//! [`Format::Har`](super::Format::Har) replays each entry's response's
//! `Set-Cookie` headers (`log.entries[].response.headers`, several in
//! one value split at its line breaks, as browsers record them), in the
//! order of the entries' `startedDateTime` (the file's order among equal
//! times: an export may follow a column the user sorted by), into a jar
//! of this crate's default policy (RFC 6265bis: the public suffix list,
//! host-only cookies, the prefixes, `Secure` from secure origins only)
//! whose clock is each entry's time: a `Max-Age` counts from it, a later
//! header replaces or deletes an earlier cookie, and the cookies read are
//! the jar's at the end. A header the policy refuses is listed in
//! [`Loaded::warnings`](super::Loaded::warnings) with its entry's number
//! (from 1, in the file; a HAR is often one line) and why, but not its
//! value: a browser refuses such a header too, so it fails no read.
//!
//! Passed over, as a browser stores no cookie from them: an entry for a
//! URL that is not `http(s)` or `ws(s)` (`data:`, `blob:`), a response
//! served from a cache (Chrome's `_fromCache`), and a CORS preflight
//! (Chrome's `_resourceType` `preflight`, or an `OPTIONS` request with
//! `Access-Control-Request-Method`). A HAR does not record whether a
//! `fetch()` sent credentials; one that did not stores nothing in a
//! browser, and here its cookies are stored.
//!
//! **Whose request.** `SameSite` is enforced as Chrome enforces it
//! ([`SameSiteRules::LaxByDefault`]). A navigation (`Sec-Fetch-Dest`, or
//! else Chrome's `_resourceType`, is `document`) is first-party and
//! becomes its page's top-level document. Any other request whose
//! destination is known (a subresource, a frame) is cross-site when its
//! site differs from its page's top-level document's (the last
//! navigation of its `pageref`) or from its `Referer`'s (the frame or
//! stylesheet it came from); then only `SameSite=None` cookies are
//! stored. A request of no known destination (a HAR from Firefox or a
//! proxy over http, which records neither) is first-party. Third-party
//! cookies are not blocked: a browser that blocks them (Chrome by its
//! settings, Safari, Firefox's partitions) kept fewer than the replay
//! reads.
//!
//! An entry that is not an object of the HAR's shape, or whose
//! `startedDateTime` or URL does not read, is an error in strict mode
//! and skipped in lenient mode (this format's default); a header that is
//! not a pair of strings is passed over.
//!
//! `tests/data/har/` holds two HARs that Playwright recorded from
//! Chromium, and the cookies Chromium held at their end, which the
//! replay reads.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::json;
use super::lwp::parse_iso;
use super::Sink;
use crate::clock::ManualClock;
use crate::cookie::CookieKey;
use crate::error::Error;
use crate::jar::{CookieEvent, CookieJar};
use crate::policy::{DefaultCookiePolicy, SameSiteRules};
use crate::psl::{BuiltinList, PublicSuffixList};
use crate::traits::{SimpleRequest, SimpleResponse};

#[derive(Deserialize)]
struct HarIn<'a> {
    #[serde(borrow)]
    log: LogIn<'a>,
}

#[derive(Deserialize)]
struct LogIn<'a> {
    #[serde(borrow, default)]
    entries: Vec<&'a serde_json::value::RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EntryIn {
    started_date_time: String,
    request: RequestIn,
    response: ResponseIn,
    #[serde(default)]
    pageref: Option<String>,
    /// Chrome's and Playwright's: `document`, `image`, `preflight`, ...
    #[serde(default, rename = "_resourceType")]
    resource_type: Option<String>,
    /// Chrome's: `memory` or `disk` for a response from its cache.
    #[serde(default, rename = "_fromCache")]
    from_cache: Option<Value>,
}

#[derive(Deserialize)]
struct RequestIn {
    url: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    headers: Option<Vec<Value>>,
}

#[derive(Deserialize)]
struct ResponseIn {
    #[serde(default)]
    headers: Option<Vec<Value>>,
}

/// The headers of a HAR's `headers` array that are pairs of strings.
fn pairs(headers: &Option<Vec<Value>>) -> impl Iterator<Item = (&str, &str)> {
    headers
        .iter()
        .flatten()
        .filter_map(|h| Some((h.get("name")?.as_str()?, h.get("value")?.as_str()?)))
}

/// The value of header `name`, if the request has it.
fn header<'h>(headers: &'h Option<Vec<Value>>, name: &str) -> Option<&'h str> {
    pairs(headers)
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// What a HAR entry sets cookies with.
struct Replay {
    /// The entry's number in the file, from 1.
    number: u64,
    /// Its `startedDateTime`, in Unix seconds.
    time: i64,
    url: Url,
    /// Its page (`pageref`).
    page: Option<String>,
    /// `Sec-Fetch-Dest`, or else `_resourceType`.
    dest: Option<String>,
    /// The origin its `Referer` names.
    referer: Option<Url>,
    set_cookies: Vec<String>,
}

/// What entry `record` (number `number`) sets cookies with; `Ok(None)`
/// for one that sets none in a browser (see [the module docs](self)).
fn entry_of(record: &str, number: u64) -> Result<Option<Replay>, String> {
    let entry: EntryIn = json::read_record(record)?;
    let time = parse_iso(&entry.started_date_time)
        .ok_or_else(|| format!("invalid startedDateTime {:?}", entry.started_date_time))?;
    // The URL's query may hold secrets: not shown.
    let mut url =
        Url::parse(&entry.request.url).map_err(|e| format!("invalid request url: {e}"))?;
    let scheme = match url.scheme() {
        "http" | "ws" => "http",
        "https" | "wss" => "https",
        _ => return Ok(None),
    };
    let _ = url.set_scheme(scheme);
    let req = &entry.request.headers;
    let preflight = entry.resource_type.as_deref() == Some("preflight")
        || (entry
            .request
            .method
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case("OPTIONS"))
            && header(req, "access-control-request-method").is_some());
    let cached = entry
        .from_cache
        .as_ref()
        .is_some_and(|c| !matches!(c, Value::Null | Value::Bool(false)) && c != "");
    if preflight || cached {
        return Ok(None);
    }
    let set_cookies = pairs(&entry.response.headers)
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .flat_map(|(_, v)| v.split('\n'))
        .map(|v| v.trim_end_matches('\r'))
        .filter(|v| !v.trim().is_empty())
        .map(str::to_owned)
        .collect();
    Ok(Some(Replay {
        number,
        time: time.unix_timestamp(),
        url,
        page: entry.pageref,
        dest: header(req, "sec-fetch-dest")
            .map(str::to_owned)
            .or(entry.resource_type),
        referer: header(req, "referer").and_then(|r| Url::parse(r).ok()),
        set_cookies,
    }))
}

/// A URL's site for cookies: its scheme and registrable domain (its host
/// where it has none: an IP address, `localhost`), as Chrome compares
/// sites, schemes included.
fn site(url: &Url) -> (String, String) {
    let host = url.host_str().unwrap_or("");
    let host = host.trim_end_matches('.');
    let domain = BuiltinList.registrable_domain(host).unwrap_or(host);
    (url.scheme().to_owned(), domain.to_ascii_lowercase())
}

/// The request of `replay` as the jar judges its response (see [Whose
/// request* in [the module docs](self)): `top` is its page's top-level document.
fn request_of(replay: &Replay, top: Option<&Url>) -> SimpleRequest {
    let request = SimpleRequest::new(replay.url.clone());
    if replay.dest.is_none() {
        return request;
    }
    let own = site(&replay.url);
    // The first of the page and the referring frame that is of another
    // site: the request is cross-site from it.
    let other = [top, replay.referer.as_ref()]
        .into_iter()
        .flatten()
        .find(|u| site(u) != own);
    match other {
        Some(u) => request.with_origin_request_host(u.origin().ascii_serialization()),
        None => request,
    }
}

/// Reads a HAR file (see [the module docs](self)) into `sink`.
pub(super) fn read_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let what = super::Format::Har.what();
    let text = json::text_of(input)?;
    let har: HarIn<'_> =
        serde_json::from_str(text).map_err(|e| json::json_error_in(what, &e, 1))?;
    let mut replays = Vec::with_capacity(har.log.entries.len());
    for (i, raw) in har.log.entries.iter().enumerate() {
        // Entries are counted, not lines: a HAR is often one line.
        let number = i as u64 + 1;
        match entry_of(raw.get(), number) {
            Ok(Some(replay)) => replays.push(replay),
            Ok(None) => {}
            Err(message) if sink.strict() => {
                return Err(Error::syntax(
                    what,
                    None,
                    format!("entry {number}: {message}"),
                ));
            }
            Err(message) => sink.refuse(number, message)?,
        }
    }
    // In time order; the file's among equal times.
    replays.sort_by_key(|r| r.time);
    let clock = ManualClock::new(0);
    let policy = DefaultCookiePolicy::builder()
        .same_site(SameSiteRules::LaxByDefault)
        .build();
    let jar = CookieJar::builder()
        .clock(clock.clone())
        .policy(policy)
        .build();
    // Each page's top-level document, and the entry that last stored each
    // cookie.
    let mut tops: HashMap<Option<String>, Url> = HashMap::new();
    let mut stored_by: HashMap<CookieKey, u64> = HashMap::new();
    for replay in replays {
        let navigation = replay
            .dest
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case("document"));
        if navigation {
            tops.insert(replay.page.clone(), replay.url.clone());
        }
        if replay.set_cookies.is_empty() {
            continue;
        }
        let request = match navigation {
            true => SimpleRequest::new(replay.url.clone()),
            false => request_of(&replay, tops.get(&replay.page)),
        };
        clock.set(replay.time);
        let number = replay.number;
        let response = SimpleResponse::with_set_cookies(replay.set_cookies);
        jar.extract_cookies_with(&response, &request, &mut |event| match event {
            CookieEvent::Stored(c) => {
                stored_by.insert(c.key(), number);
            }
            // Its name as the jar read it, never the header's first
            // part: a nameless cookie's is its value.
            CookieEvent::Rejected { name, reason, .. } => {
                sink.warn(number, format!("Set-Cookie of {name:?} refused: {reason}"))
            }
            CookieEvent::Expired(_) | CookieEvent::Evicted(_) => {}
        });
    }
    for cookie in jar.all_cookies() {
        let number = stored_by.get(&cookie.key()).copied().unwrap_or(1);
        sink.push(number, cookie);
    }
    Ok(())
}
