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
//! file's order, into a jar of this crate's default policy (RFC 6265bis:
//! the public suffix list, host-only cookies, the prefixes, `Secure`
//! from secure origins only) whose clock is each entry's
//! `startedDateTime`: a `Max-Age` counts from the response's time, a
//! later header replaces or deletes an earlier cookie, and the cookies
//! read are the jar's at the end. A header the policy refuses is listed
//! in [`Loaded::skipped`](super::Loaded::skipped) with its entry's number
//! (from 1; a HAR is often one line) and why (its value is not shown).
//!
//! `SameSite` is enforced as Chrome enforces it
//! ([`SameSiteRules::LaxByDefault`]): the response to a subresource
//! (whose `Sec-Fetch-Dest`, or Chrome's `_resourceType`, is not
//! `document`) made from a page of another site (its `Referer`) sets
//! only `SameSite=None` cookies. A navigation, and a frame (a HAR does
//! not say whose), is first-party. Third-party cookies are not blocked:
//! a browser that blocks them (Chrome by its settings, Safari, Firefox's
//! partitions) kept fewer than the replay reads.
//!
//! An entry that is not an object of the HAR's shape, whose
//! `startedDateTime` or URL does not read, is an error in strict mode and
//! skipped in lenient mode (this format's default); an entry for a URL
//! that is not `http` or `https` (`data:`, `blob:`, `chrome-extension:`),
//! which sets no cookie, is passed over.
//!
//! `tests/data/har/` holds a HAR that Playwright recorded from Chromium,
//! and the cookies Chromium held at its end, which the replay reads.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use url::Url;

use super::json;
use super::lwp::parse_iso;
use super::Sink;
use crate::clock::ManualClock;
use crate::cookie::CookieKey;
use crate::error::Error;
use crate::jar::{CookieEvent, CookieJar};
use crate::policy::{DefaultCookiePolicy, SameSiteRules};
use crate::traits::{SimpleRequest, SimpleResponse};

#[derive(Deserialize)]
struct HarIn<'a> {
    #[serde(borrow)]
    log: LogIn<'a>,
}

#[derive(Deserialize)]
struct LogIn<'a> {
    #[serde(borrow, default)]
    entries: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EntryIn {
    started_date_time: String,
    request: RequestIn,
    response: ResponseIn,
    /// Chrome's and Playwright's: `document`, `image`, `fetch`, ...
    #[serde(default, rename = "_resourceType")]
    resource_type: Option<String>,
}

#[derive(Deserialize)]
struct RequestIn {
    url: String,
    #[serde(default)]
    headers: Vec<HeaderIn>,
}

#[derive(Deserialize)]
struct ResponseIn {
    #[serde(default)]
    headers: Vec<HeaderIn>,
}

#[derive(Deserialize)]
struct HeaderIn {
    name: String,
    value: String,
}

/// What a HAR entry sets cookies with: the request (first-party, or
/// made from the page its `Referer` names), its time, and the
/// response's `Set-Cookie` values.
struct Replay {
    request: SimpleRequest,
    time: i64,
    set_cookies: Vec<String>,
}

/// The value of header `name` among `headers`, if there is one.
fn header<'h>(headers: &'h [HeaderIn], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// The request of `url` as the jar judges its response: a subresource
/// (its `Sec-Fetch-Dest`, else Chrome's `_resourceType`, is not
/// `document`) is made from the page its `Referer` names, whose origin
/// is the request's site for cookies (RFC 6265bis §5.2); a document (a
/// navigation, or a frame: a HAR does not say whose) is first-party.
fn request_of(url: Url, request: &RequestIn, resource_type: Option<&str>) -> SimpleRequest {
    let dest = header(&request.headers, "sec-fetch-dest").or(resource_type);
    let page = header(&request.headers, "referer").and_then(|r| Url::parse(r).ok());
    match (dest, page) {
        (Some(dest), Some(page)) if !dest.eq_ignore_ascii_case("document") => {
            SimpleRequest::new(url).origin_request_host(page.origin().ascii_serialization())
        }
        _ => SimpleRequest::new(url),
    }
}

/// What entry `record` sets cookies with; `Ok(None)` for a URL no cookie
/// is set from.
fn entry_of(record: &str) -> Result<Option<Replay>, String> {
    let entry: EntryIn = json::read_record(record)?;
    let time = parse_iso(&entry.started_date_time)
        .ok_or_else(|| format!("invalid startedDateTime {:?}", entry.started_date_time))?;
    let url = Url::parse(&entry.request.url)
        .map_err(|e| format!("invalid request url {:?}: {e}", entry.request.url))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Ok(None);
    }
    let set_cookies = entry
        .response
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("set-cookie"))
        .flat_map(|h| h.value.split('\n'))
        .map(|v| v.trim_end_matches('\r'))
        .filter(|v| !v.trim().is_empty())
        .map(str::to_owned)
        .collect();
    Ok(Some(Replay {
        request: request_of(url, &entry.request, entry.resource_type.as_deref()),
        time: time.unix_timestamp(),
        set_cookies,
    }))
}

/// The name of a `Set-Cookie` value, for a message (not its value).
fn name_of(header: &[u8]) -> String {
    let name = header
        .split(|&b| b == b'=' || b == b';')
        .next()
        .unwrap_or(b"");
    String::from_utf8_lossy(name.trim_ascii()).into_owned()
}

/// Reads a HAR file (see [the module docs](self)) into `sink`.
pub(super) fn read_into(input: &[u8], sink: &mut Sink<'_>) -> Result<(), Error> {
    let text = json::text_of(input)?;
    let har: HarIn<'_> = serde_json::from_str(text).map_err(|e| json::json_error(&e, 1))?;
    let clock = ManualClock::new(0);
    let policy = DefaultCookiePolicy::builder()
        .same_site(SameSiteRules::LaxByDefault)
        .build();
    let jar = CookieJar::builder()
        .clock(clock.clone())
        .policy(policy)
        .build();
    // The entry that last stored each cookie.
    let mut lines: HashMap<CookieKey, u64> = HashMap::new();
    for (i, raw) in har.log.entries.iter().enumerate() {
        // Entries are counted, not lines: a HAR is often one line.
        let line = i as u64 + 1;
        let replay = match entry_of(raw.get()) {
            Ok(Some(replay)) => replay,
            Ok(None) => continue,
            Err(message) if sink.strict() => {
                return Err(Error::syntax(
                    super::Format::Har.what(),
                    None,
                    format!("entry {line}: {message}"),
                ));
            }
            Err(message) => {
                sink.refuse(line, message)?;
                continue;
            }
        };
        if replay.set_cookies.is_empty() {
            continue;
        }
        clock.set(replay.time);
        let response = SimpleResponse::with_set_cookies(replay.set_cookies);
        jar.extract_cookies_with(&response, &replay.request, &mut |event| match event {
            CookieEvent::Stored(c) => {
                lines.insert(c.key(), line);
            }
            CookieEvent::Rejected { header, reason } => sink.skip(
                line,
                format!("Set-Cookie of {:?} refused: {reason}", name_of(header)),
            ),
            CookieEvent::Expired(_) | CookieEvent::Evicted(_) => {}
        });
    }
    for cookie in jar.all_cookies() {
        let line = lines.get(&cookie.key()).copied().unwrap_or(1);
        sink.push(line, cookie);
    }
    Ok(())
}
