//! The JSON scenario format (v1): a cookie jar driven through HTTP
//! exchanges on a virtual clock.
//!
//! A scenario names a policy, a start time, and steps: responses that set
//! cookies, requests whose `Cookie` header is asked for (with an optional
//! expected value), and clock advances. It is what `cookiejar replay`
//! runs and how the crate's conformance tests are written. The format is
//! specified in `docs/scenario-format.md` (the project's, copied); in short:
//!
//! ```json
//! {"policy": {"mode": "rfc6265"}, "start": 1700000000, "steps": [
//!   {"op": "response", "url": "https://www.example.com/a/b",
//!    "set_cookie": ["sid=1; Path=/; Max-Age=60"]},
//!   {"op": "advance", "seconds": 30},
//!   {"op": "request", "url": "https://www.example.com/a/c", "expect": "sid=1"}
//! ]}
//! ```
//!
//! Unknown keys are errors at every level, except the documentation keys
//! (`id`, `name`, `comment`, `description`, `tags`, `seed` at the top,
//! `comment` on a step).
//!
//! Scenarios can also be built in Rust ([`Scenario::new`],
//! [`PolicySpec::new`], [`ResponseStep::new`], [`RequestStep::new`],
//! [`AdvanceStep::new`]), run ([`Scenario::run`], or
//! [`Scenario::run_observed`] to see why each cookie was stored or
//! refused, and why each request leaves cookies behind), and saved in the format ([`Scenario::to_json`], or any serde
//! serializer): a generated case that fails can be kept as a file.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::clock::ManualClock;
use crate::error::Error;
use crate::jar::{CookieEvent, CookieJar};
use crate::policy::{DefaultCookiePolicy, DomainStrictness, PublicSuffixes};
use crate::traits::{RedactedHeader, SimpleRequest, SimpleResponse};

/// The `policy.mode` of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mode {
    /// RFC 6265bis as browsers ship it.
    Rfc6265,
    /// ClientCookie / Python `DefaultCookiePolicy()` defaults.
    Netscape,
    /// As `Netscape`, with RFC 2965 switched on.
    Rfc2965,
}

/// The error of [`Mode::from_str`]: the name is not a known mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseModeError {
    name: String,
}

impl fmt::Display for ParseModeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown policy mode {:?} (expected rfc6265, netscape or rfc2965)",
            self.name
        )
    }
}

impl std::error::Error for ParseModeError {}

impl FromStr for Mode {
    type Err = ParseModeError;

    /// Parses a mode's name in the scenario format: `rfc6265`,
    /// `netscape` or `rfc2965`.
    fn from_str(s: &str) -> Result<Self, ParseModeError> {
        match s {
            "rfc6265" => Ok(Mode::Rfc6265),
            "netscape" => Ok(Mode::Netscape),
            "rfc2965" => Ok(Mode::Rfc2965),
            other => Err(ParseModeError { name: other.into() }),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Rfc6265 => "rfc6265",
            Mode::Netscape => "netscape",
            Mode::Rfc2965 => "rfc2965",
        })
    }
}

impl Serialize for Mode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Mode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The `policy` object of a scenario: the mode and the
/// `DefaultCookiePolicy` switches, named like Python's keyword arguments.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PolicySpec {
    /// The mode.
    pub mode: Mode,
    /// Blocked domains (a leading dot matches subdomains); `null` is
    /// none, Python's default.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub blocked_domains: Vec<String>,
    /// Allowed domains; `None`: no allow list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_domains: Option<Vec<String>>,
    /// `DefaultCookiePolicy(rfc2965=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rfc2965: Option<bool>,
    /// `DefaultCookiePolicy(netscape=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub netscape: Option<bool>,
    /// `DefaultCookiePolicy(rfc2109_as_netscape=...)` (`null`: Python's
    /// default, `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rfc2109_as_netscape: Option<bool>,
    /// `DefaultCookiePolicy(hide_cookie2=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hide_cookie2: Option<bool>,
    /// `DefaultCookiePolicy(strict_domain=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_domain: Option<bool>,
    /// `DefaultCookiePolicy(strict_rfc2965_unverifiable=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_rfc2965_unverifiable: Option<bool>,
    /// `DefaultCookiePolicy(strict_ns_unverifiable=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_ns_unverifiable: Option<bool>,
    /// `DefaultCookiePolicy(strict_ns_domain=...)`: the flag bits (`true`
    /// and `false` read as 1 and 0, as Python takes them).
    #[serde(
        default,
        deserialize_with = "bits_or_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub strict_ns_domain: Option<u32>,
    /// `DefaultCookiePolicy(strict_ns_set_initial_dollar=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_ns_set_initial_dollar: Option<bool>,
    /// `DefaultCookiePolicy(strict_ns_set_path=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_ns_set_path: Option<bool>,
    /// `DefaultCookiePolicy(secure_protocols=...)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secure_protocols: Option<Vec<String>>,
}

impl PolicySpec {
    /// A policy of `mode` with no switch set (Python's defaults, or the
    /// mode's), no blocked and no allowed domains.
    pub fn new(mode: Mode) -> PolicySpec {
        PolicySpec {
            mode,
            blocked_domains: Vec::new(),
            allowed_domains: None,
            rfc2965: None,
            netscape: None,
            rfc2109_as_netscape: None,
            hide_cookie2: None,
            strict_domain: None,
            strict_rfc2965_unverifiable: None,
            strict_ns_unverifiable: None,
            strict_ns_domain: None,
            strict_ns_set_initial_dollar: None,
            strict_ns_set_path: None,
            secure_protocols: None,
        }
    }
}

/// One step of a scenario.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Step {
    /// The jar sees a response to a request for `url`.
    Response(ResponseStep),
    /// The jar is asked for the `Cookie` header of a request to `url`.
    Request(RequestStep),
    /// The virtual clock moves on.
    Advance(AdvanceStep),
}

/// A `response` step.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ResponseStep {
    /// The request URL.
    pub url: String,
    /// `Set-Cookie` header values, in order.
    #[serde(default)]
    pub set_cookie: Vec<String>,
    /// `Set-Cookie2` header values, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_cookie2: Vec<String>,
    /// The origin request-host (third-party transactions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_host: Option<String>,
    /// Whether the transaction is unverifiable.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverifiable: bool,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub comment: Option<serde_json::Value>,
}

/// A `request` step.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RequestStep {
    /// The request URL.
    pub url: String,
    /// The expected `Cookie` header value (`""`: none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expect: Option<String>,
    /// The origin request-host (third-party transactions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_host: Option<String>,
    /// Whether the transaction is unverifiable.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverifiable: bool,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub comment: Option<serde_json::Value>,
}

/// An `advance` step.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AdvanceStep {
    /// Seconds to move the clock on by: not negative, and the clock stays
    /// before the end of 9999 (else the scenario is refused).
    pub seconds: i64,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub comment: Option<serde_json::Value>,
}

impl ResponseStep {
    /// A response to a request for `url` that sets the `set_cookie`
    /// header values, in order.
    pub fn new<S: Into<String>>(
        url: impl Into<String>,
        set_cookie: impl IntoIterator<Item = S>,
    ) -> ResponseStep {
        ResponseStep {
            url: url.into(),
            set_cookie: set_cookie.into_iter().map(Into::into).collect(),
            set_cookie2: Vec::new(),
            request_host: None,
            unverifiable: false,
            comment: None,
        }
    }
}

impl RequestStep {
    /// A request to `url`, expecting `expect` as its `Cookie` header if
    /// given (`""`: none).
    pub fn new(url: impl Into<String>, expect: Option<&str>) -> RequestStep {
        RequestStep {
            url: url.into(),
            expect: expect.map(str::to_owned),
            request_host: None,
            unverifiable: false,
            comment: None,
        }
    }
}

impl AdvanceStep {
    /// The clock moving on by `seconds`.
    pub fn new(seconds: i64) -> AdvanceStep {
        AdvanceStep {
            seconds,
            comment: None,
        }
    }
}

impl From<ResponseStep> for Step {
    fn from(s: ResponseStep) -> Step {
        Step::Response(s)
    }
}

impl From<RequestStep> for Step {
    fn from(s: RequestStep) -> Step {
        Step::Request(s)
    }
}

impl From<AdvanceStep> for Step {
    fn from(s: AdvanceStep) -> Step {
        Step::Advance(s)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A documentation key left out when written: absent, or `null` (which
/// reads back as absent).
fn is_none_or_null(v: &Option<serde_json::Value>) -> bool {
    v.as_ref().is_none_or(serde_json::Value::is_null)
}

impl PartialEq for Scenario {
    fn eq(&self, other: &Scenario) -> bool {
        // Every field but `line`, where it was read from.
        let Scenario {
            id,
            name,
            comment,
            description,
            tags,
            seed,
            policy,
            start,
            steps,
            line: _,
        } = self;
        (
            id,
            name,
            comment,
            description,
            tags,
            seed,
            policy,
            start,
            steps,
        ) == (
            &other.id,
            &other.name,
            &other.comment,
            &other.description,
            &other.tags,
            &other.seed,
            &other.policy,
            &other.start,
            &other.steps,
        )
    }
}

fn default_start() -> i64 {
    1_700_000_000
}

/// A scenario (see the [module docs](self)). Scenarios compare by
/// what they hold, not by the [`line`](Scenario::line) they were read
/// from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Scenario {
    /// An identifier (ignored by the runner, used in reports): a string,
    /// or any other JSON value as its JSON text.
    #[serde(
        default,
        deserialize_with = "any_as_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub name: Option<serde_json::Value>,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub comment: Option<serde_json::Value>,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub description: Option<serde_json::Value>,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub tags: Option<serde_json::Value>,
    /// Ignored.
    #[serde(skip_serializing_if = "is_none_or_null")]
    pub seed: Option<serde_json::Value>,
    /// The policy.
    pub policy: PolicySpec,
    /// Unix seconds of the virtual clock at the first step: from 1970 to
    /// the end of 9999.
    #[serde(default = "default_start")]
    pub start: i64,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The line the scenario starts on, in a JSON-lines file read by
    /// [`Scenario::parse_many`] (for reports); not a key of the format.
    #[serde(skip)]
    pub line: Option<u64>,
}

/// The result of one `request` step.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Outcome {
    /// The index of the step in the scenario (0-based; messages count
    /// steps from 1).
    pub step: usize,
    /// The request URL.
    pub url: String,
    /// The `Cookie` header the jar would send (`""`: none).
    pub actual: String,
    /// The expected value, if the scenario gave one.
    pub expect: Option<String>,
    /// The jar's cookies for the request's host that it would not carry,
    /// and why ([`CookieJar::withheld_for_request`](crate::CookieJar::withheld_for_request)),
    /// from [`Scenario::run_observed`]; empty from [`Scenario::run`]
    /// (finding them reads the whole jar at each request, and keeps a
    /// copy of each: a scenario of n steps would cost n² in time and
    /// memory).
    pub withheld: Vec<(crate::Cookie, crate::Rejection)>,
}

/// A header's `Debug` output with its cookies' values redacted.
fn redacted<'a>(name: &'a str, value: &'a str) -> RedactedHeader<'a> {
    RedactedHeader {
        name,
        value: value.as_bytes(),
    }
}

/// Redacts the values of the cookies its headers set.
impl fmt::Debug for ResponseStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<'a>(name: &'a str, headers: &'a [String]) -> Vec<RedactedHeader<'a>> {
            headers.iter().map(|h| redacted(name, h)).collect()
        }
        f.debug_struct("ResponseStep")
            .field("url", &self.url)
            .field("set_cookie", &list("set-cookie", &self.set_cookie))
            .field("set_cookie2", &list("set-cookie2", &self.set_cookie2))
            .field("request_host", &self.request_host)
            .field("unverifiable", &self.unverifiable)
            .field("comment", &self.comment)
            .finish()
    }
}

/// Redacts the values of the cookies it expects.
impl fmt::Debug for RequestStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestStep")
            .field("url", &self.url)
            .field(
                "expect",
                &self.expect.as_deref().map(|h| redacted("cookie", h)),
            )
            .field("request_host", &self.request_host)
            .field("unverifiable", &self.unverifiable)
            .field("comment", &self.comment)
            .finish()
    }
}

/// Redacts the values of the cookies sent and expected.
impl fmt::Debug for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outcome")
            .field("step", &self.step)
            .field("url", &self.url)
            .field("actual", &redacted("cookie", &self.actual))
            .field(
                "expect",
                &self.expect.as_deref().map(|h| redacted("cookie", h)),
            )
            .field("withheld", &self.withheld)
            .finish()
    }
}

impl Outcome {
    /// Whether the outcome matches its expectation (or has none).
    pub fn ok(&self) -> bool {
        self.expect.as_ref().is_none_or(|e| *e == self.actual)
    }
}

impl Scenario {
    /// A scenario with `policy`, starting at the format's default time
    /// (1700000000), without steps: push them onto
    /// [`steps`](Scenario::steps).
    ///
    /// ```
    /// use cookiejar::scenario::{Mode, PolicySpec, RequestStep, ResponseStep, Scenario};
    /// let mut s = Scenario::new(PolicySpec::new(Mode::Rfc6265));
    /// s.steps.push(ResponseStep::new("https://a.example/", ["sid=1; Secure"]).into());
    /// s.steps.push(RequestStep::new("https://a.example/", Some("sid=1")).into());
    /// assert!(s.run().unwrap().iter().all(|o| o.ok()));
    /// // Saved as the format's JSON, it reads back as the same scenario.
    /// assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    /// ```
    pub fn new(policy: PolicySpec) -> Scenario {
        Scenario {
            id: None,
            name: None,
            comment: None,
            description: None,
            tags: None,
            seed: None,
            policy,
            start: default_start(),
            steps: Vec::new(),
            line: None,
        }
    }

    /// The scenario as the format's JSON, pretty-printed (keys left out
    /// where they hold their default, and documentation keys that are
    /// `null`), which [`Scenario::from_json`] reads back as the same
    /// scenario. It writes what the scenario holds: a policy that
    /// `from_json` refuses (`strict_ns_domain` 99, say) is written, and
    /// refused when read.
    pub fn to_json(&self) -> String {
        // Every field is a string, number, bool, list or JSON value, all
        // of which serde_json writes.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Parses one scenario from JSON text.
    ///
    /// # Errors
    /// When the text is not JSON, or not a scenario (missing or unknown
    /// keys, wrong types); the message names the key and position.
    pub fn from_json(text: &str) -> Result<Scenario, Error> {
        let syntax = |e: serde_json::Error| {
            Error::syntax("scenario", Some(e.line() as u64), json_message(&e))
        };
        // serde reads a struct from an array of its fields too; the format
        // has objects only.
        let value: serde_json::Value = serde_json::from_str(text).map_err(syntax)?;
        let steps = value.get("steps").and_then(serde_json::Value::as_array);
        let objects =
            value.is_object() && value.get("policy").is_none_or(serde_json::Value::is_object);
        if !objects {
            return Err(Error::syntax(
                "scenario",
                None,
                "a scenario, its policy and its steps are JSON objects",
            ));
        }
        if let Some(i) = steps.and_then(|s| s.iter().position(|v| !v.is_object())) {
            return Err(Error::syntax(
                "scenario",
                step_line(text, i, steps.map_or(0, Vec::len)),
                format!(
                    "step {}: a scenario, its policy and its steps are JSON objects",
                    i + 1
                ),
            ));
        }
        let scenario: Scenario = serde_json::from_str(text).map_err(|e| {
            match steps.and_then(|s| bad_step(text, s)) {
                Some(located) => located,
                None => syntax(e),
            }
        })?;
        scenario.validate(text)?;
        Ok(scenario)
    }

    /// What [`Scenario::run`] would refuse, found when the text is read:
    /// a policy the mode cannot have, a step's URL that is not a URL;
    /// with the line of the policy key or the step.
    fn validate(&self, text: &str) -> Result<(), Error> {
        self.policy().map_err(|(key, message)| {
            // The key's line: its first appearance after the `policy` key.
            let line = crate::json_scan::key_offset(text, "policy").and_then(|p| {
                let at = p + text[p..].find(&format!("\"{key}\""))?;
                Some(crate::json_scan::line_at(text, at))
            });
            Error::syntax("scenario", line, message)
        })?;
        if let Err((step, message)) = self.check_clock() {
            let line = match step {
                Some(i) => step_line(text, i, self.steps.len()),
                None => crate::json_scan::key_offset(text, "start")
                    .map(|at| crate::json_scan::line_at(text, at)),
            };
            return Err(Error::syntax("scenario", line, message));
        }
        for (i, step) in self.steps.iter().enumerate() {
            let url = match step {
                Step::Response(r) => &r.url,
                Step::Request(r) => &r.url,
                Step::Advance(_) => continue,
            };
            if let Err(message) = step_url(i, url) {
                let line = step_line(text, i, self.steps.len());
                return Err(Error::syntax("scenario", line, message));
            }
        }
        Ok(())
    }

    /// The virtual clock starts within the dates cookies have (1970 to
    /// the end of 9999) and only moves on, staying there: else the step
    /// at fault (`None` for `start`) and why.
    fn check_clock(&self) -> Result<(), (Option<usize>, String)> {
        const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        if !(0..=LAST).contains(&self.start) {
            return Err((
                None,
                format!("start {} is not a time from 1970 to 9999", self.start),
            ));
        }
        let mut clock = self.start;
        for (i, step) in self.steps.iter().enumerate() {
            let Step::Advance(a) = step else { continue };
            if a.seconds < 0 {
                return Err((
                    Some(i),
                    format!(
                        "step {}: seconds is {}: the clock only moves on",
                        i + 1,
                        a.seconds
                    ),
                ));
            }
            clock = clock.saturating_add(a.seconds);
            if clock > LAST {
                return Err((
                    Some(i),
                    format!("step {}: the clock passes the end of 9999", i + 1),
                ));
            }
        }
        Ok(())
    }

    /// Parses a file holding one scenario, or several as JSON lines (one
    /// object per line; blank lines are skipped).
    ///
    /// # Errors
    /// As [`Scenario::from_json`], with the line of the file.
    pub fn parse_many(text: &str) -> Result<Vec<Scenario>, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A single (possibly pretty-printed) scenario.
        if let Ok(s) = Scenario::from_json(text) {
            return Ok(vec![s]);
        }
        let nonblank: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        // JSON lines when the first line is a whole JSON value: then each
        // line's error is its own (a line cut short, a comment), not the
        // whole text's "trailing characters" after the first.
        let looks_like_lines = nonblank.len() > 1
            && nonblank
                .first()
                .is_some_and(|(_, l)| serde_json::from_str::<serde::de::IgnoredAny>(l).is_ok());
        if !looks_like_lines {
            return Scenario::from_json(text).map(|s| vec![s]);
        }
        nonblank
            .into_iter()
            .map(|(i, l)| {
                let line = i as u64 + 1;
                Scenario::from_json(l)
                    .map(|s| Scenario {
                        line: Some(line),
                        ..s
                    })
                    .map_err(|e| {
                        let message = match e.kind() {
                            crate::ErrorKind::Syntax { message, .. } => message.clone(),
                            _ => e.to_string(),
                        };
                        Error::syntax("scenario", Some(line), message)
                    })
            })
            .collect()
    }

    /// Builds the jar the policy describes, on a virtual clock at `start`.
    ///
    /// # Errors
    /// When the mode cannot have a switch's value (a switch of Python's
    /// Netscape and RFC 2965 rules, in mode `rfc6265`, at a value other
    /// than the one that mode behaves as), or `strict_ns_domain` has an
    /// unknown flag bit. [`Scenario::from_json`] refuses such scenarios.
    pub fn jar(&self) -> Result<(CookieJar, ManualClock), Error> {
        let policy = self
            .policy()
            .map_err(|(_, message)| Error::syntax("scenario", None, message))?;
        let clock = ManualClock::new(self.start);
        let jar = CookieJar::builder()
            .policy(policy)
            .clock(clock.clone())
            .build();
        Ok((jar, clock))
    }

    /// The policy the scenario names, or the key it cannot have and why.
    fn policy(&self) -> Result<DefaultCookiePolicy, (&'static str, String)> {
        let p = &self.policy;
        let bits = match p.strict_ns_domain {
            None => None,
            Some(bits) => Some(
                u8::try_from(bits)
                    .ok()
                    .and_then(DomainStrictness::from_bits)
                    .ok_or_else(|| {
                        let message =
                            format!("strict_ns_domain {bits} has unknown flag bits (0-7 allowed)");
                        ("strict_ns_domain", message)
                    })?,
            ),
        };
        match p.mode {
            Mode::Rfc6265 => {
                // Python's switches are accepted at the value this mode
                // behaves as (a file may spell every switch out);
                // another value asks for rules the mode does not have.
                // `hide_cookie2` hides a header the format does not show.
                let unlike_mode = [
                    ("rfc2965", p.rfc2965 == Some(true), "false"),
                    ("netscape", p.netscape == Some(false), "true"),
                    (
                        "rfc2109_as_netscape",
                        p.rfc2109_as_netscape == Some(false),
                        "true",
                    ),
                    ("strict_domain", p.strict_domain == Some(true), "false"),
                    (
                        "strict_ns_domain",
                        p.strict_ns_domain.is_some_and(|b| b != 0),
                        "0",
                    ),
                    (
                        "strict_ns_set_initial_dollar",
                        p.strict_ns_set_initial_dollar == Some(true),
                        "false",
                    ),
                    (
                        "strict_ns_set_path",
                        p.strict_ns_set_path == Some(true),
                        "false",
                    ),
                ]
                .into_iter()
                .find(|(_, unlike, _)| *unlike);
                if let Some((name, _, as_mode)) = unlike_mode {
                    let message = format!(
                        "policy key {name:?} at that value needs mode netscape or rfc2965 \
                         (mode rfc6265 behaves as {as_mode})"
                    );
                    return Err((name, message));
                }
                // The unverifiable switches are the ones that block
                // third-party cookies (decision 5): `strict_ns_unverifiable`
                // refuses every cookie of an unverifiable third-party
                // transaction; `strict_rfc2965_unverifiable` concerns RFC
                // 2965 cookies, which this mode has none of.
                let mut b = DefaultCookiePolicy::builder()
                    .blocked_domains(p.blocked_domains.iter().cloned())
                    .strict_ns_unverifiable(p.strict_ns_unverifiable.unwrap_or(false));
                if let Some(allowed) = &p.allowed_domains {
                    b = b.allowed_domains(allowed.iter().cloned());
                }
                if let Some(sp) = &p.secure_protocols {
                    b = b.secure_protocols(sp.iter().cloned());
                }
                Ok(b.build())
            }
            Mode::Netscape | Mode::Rfc2965 => {
                // The format's modes are Python's `DefaultCookiePolicy()`,
                // which has no public suffix list.
                let mut b = DefaultCookiePolicy::client_cookie()
                    .public_suffixes(PublicSuffixes::Off)
                    .rfc2965(p.mode == Mode::Rfc2965)
                    .blocked_domains(p.blocked_domains.iter().cloned())
                    .rfc2109_as_netscape(p.rfc2109_as_netscape);
                if let Some(allowed) = &p.allowed_domains {
                    b = b.allowed_domains(allowed.iter().cloned());
                }
                if let Some(v) = p.rfc2965 {
                    b = b.rfc2965(v);
                }
                if let Some(v) = p.netscape {
                    b = b.netscape(v);
                }
                if let Some(v) = p.hide_cookie2 {
                    b = b.hide_cookie2(v);
                }
                if let Some(v) = p.strict_domain {
                    b = b.strict_domain(v);
                }
                if let Some(v) = p.strict_rfc2965_unverifiable {
                    b = b.strict_rfc2965_unverifiable(v);
                }
                if let Some(v) = p.strict_ns_unverifiable {
                    b = b.strict_ns_unverifiable(v);
                }
                if let Some(flags) = bits {
                    b = b.strict_ns_domain(flags);
                }
                if let Some(v) = p.strict_ns_set_initial_dollar {
                    b = b.strict_ns_set_initial_dollar(v);
                }
                if let Some(v) = p.strict_ns_set_path {
                    b = b.strict_ns_set_path(v);
                }
                if let Some(sp) = &p.secure_protocols {
                    b = b.secure_protocols(sp.iter().cloned());
                }
                Ok(b.build())
            }
        }
    }

    /// Runs the scenario and returns the outcome of each `request` step.
    ///
    /// # Errors
    /// When the policy is not supported, a step's URL is not a valid
    /// absolute URL, or the clock starts or goes outside 1970 to 9999 or
    /// goes back.
    pub fn run(&self) -> Result<Vec<Outcome>, Error> {
        self.run_with(&mut |_, _| {}, false)
    }

    /// [`Scenario::run`], passing `observer` the fate of each header of
    /// each `response` step (stored, expired, evicted, or refused with
    /// its [`Rejection`](crate::Rejection)), with the step's index, and
    /// filling each outcome's [`withheld`](Outcome::withheld): why a
    /// cookie is or is not sent.
    ///
    /// # Errors
    /// As [`Scenario::run`].
    pub fn run_observed(
        &self,
        observer: &mut dyn FnMut(usize, CookieEvent<'_>),
    ) -> Result<Vec<Outcome>, Error> {
        self.run_with(observer, true)
    }

    fn run_with(
        &self,
        observer: &mut dyn FnMut(usize, CookieEvent<'_>),
        explain: bool,
    ) -> Result<Vec<Outcome>, Error> {
        self.check_clock()
            .map_err(|(_, message)| Error::syntax("scenario", None, message))?;
        let (jar, clock) = self.jar()?;
        let mut out = Vec::new();
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                Step::Response(r) => {
                    let req = step_request(i, &r.url, r.request_host.as_deref(), r.unverifiable)?;
                    let mut resp = SimpleResponse::new();
                    for l in &r.set_cookie {
                        resp.add_header("Set-Cookie", l.as_bytes());
                    }
                    for l in &r.set_cookie2 {
                        resp.add_header("Set-Cookie2", l.as_bytes());
                    }
                    jar.extract_cookies_with(&resp, &req, &mut |e| observer(i, e));
                }
                Step::Request(r) => {
                    let req = step_request(i, &r.url, r.request_host.as_deref(), r.unverifiable)?;
                    // Withheld first: the lookup updates last-access times.
                    let withheld = match explain {
                        true => jar.withheld_for_request(&req),
                        false => Vec::new(),
                    };
                    out.push(Outcome {
                        step: i,
                        url: r.url.clone(),
                        actual: jar.cookie_header_for_request(&req).unwrap_or_default(),
                        expect: r.expect.clone(),
                        withheld,
                    });
                }
                Step::Advance(a) => clock.advance(a.seconds),
            }
        }
        Ok(out)
    }
}

/// The URL of step `i`, or why it is not one.
fn step_url(i: usize, url: &str) -> Result<Url, String> {
    Url::parse(url).map_err(|e| format!("step {}: invalid url {url:?}: {e}", i + 1))
}

/// The line where step `i` of `count` starts in `text`, if found.
fn step_line(text: &str, i: usize, count: usize) -> Option<u64> {
    let offsets = crate::json_scan::element_offsets(text, Some("steps"));
    offsets
        .get(i)
        .filter(|_| offsets.len() == count)
        .map(|&at| crate::json_scan::line_at(text, at))
}

fn step_request(
    i: usize,
    url: &str,
    request_host: Option<&str>,
    unverifiable: bool,
) -> Result<SimpleRequest, Error> {
    let url = step_url(i, url).map_err(|m| Error::syntax("scenario", None, m))?;
    let mut req = SimpleRequest::new(url).with_unverifiable(unverifiable);
    if let Some(h) = request_host {
        req = req.with_origin_request_host(h);
    }
    Ok(req)
}

/// `strict_ns_domain`: flag bits, or a bool as Python reads it (an int).
fn bits_or_bool<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    struct Bits;
    impl serde::de::Visitor<'_> for Bits {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("flag bits (an integer, 0-7) or a bool")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<u32>, E> {
            Ok(None)
        }
        fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Option<u32>, E> {
            Ok(Some(u32::from(b)))
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Option<u32>, E> {
            u32::try_from(n)
                .map(Some)
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
        }
    }
    d.deserialize_any(Bits)
}

/// A list that may be `null` (read as empty).
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// Any JSON value as text: a string as it is, anything else as JSON.
fn any_as_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

/// The error of the first step that is not a step, at the line where
/// the step starts and naming it (steps are read whole, by their `op`,
/// so serde_json's own position is the step's end).
fn bad_step(text: &str, steps: &[serde_json::Value]) -> Option<Error> {
    let (i, e) = steps.iter().enumerate().find_map(|(i, step)| {
        serde_json::from_value::<Step>(step.clone())
            .err()
            .map(|e| (i, e))
    })?;
    let line = step_line(text, i, steps.len());
    Some(Error::syntax(
        "scenario",
        line,
        format!("step {}: {}", i + 1, json_message(&e)),
    ))
}

/// serde_json's message without its " at line L column C" tail (the line
/// is reported separately) and without the input it quotes (a
/// `Set-Cookie` line given where a list was expected).
fn json_message(e: &serde_json::Error) -> String {
    let message = crate::json_scan::error_message(e);
    match e.line() {
        0 => message,
        _ => format!("{message} (column {})", e.column()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_by_name() {
        for mode in [Mode::Rfc6265, Mode::Netscape, Mode::Rfc2965] {
            assert_eq!(mode.to_string().parse::<Mode>(), Ok(mode));
        }
        let e: Box<dyn std::error::Error + Send + Sync> =
            "RFC6265".parse::<Mode>().unwrap_err().into();
        assert_eq!(
            e.to_string(),
            "unknown policy mode \"RFC6265\" (expected rfc6265, netscape or rfc2965)"
        );
    }

    #[test]
    fn runs_the_example() {
        let s = Scenario::from_json(
            r#"{"policy": {"mode": "rfc6265", "blocked_domains": [], "allowed_domains": null},
                "start": 1700000000,
                "steps": [
                  {"op": "response", "url": "https://www.example.com/a/b",
                   "set_cookie": ["sid=1; Path=/; Max-Age=60"], "set_cookie2": []},
                  {"op": "advance", "seconds": 30},
                  {"op": "request", "url": "https://www.example.com/a/c", "expect": "sid=1"},
                  {"op": "advance", "seconds": 30, "comment": "now expired"},
                  {"op": "request", "url": "https://www.example.com/a/c", "expect": ""}
                ]}"#,
        )
        .unwrap();
        let out = s.run().unwrap();
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(Outcome::ok), "{out:?}");
        assert_eq!(out[0].actual, "sid=1");
        assert_eq!(out[1].actual, "");
    }

    #[test]
    fn unknown_keys_are_errors() {
        for bad in [
            r#"{"policy": {"mode": "rfc6265"}, "steps": [], "extra": 1}"#,
            r#"{"policy": {"mode": "rfc6265", "bogus": true}, "steps": []}"#,
            r#"{"policy": {"mode": "rfc6265"}, "steps": [{"op": "advance", "seconds": 1, "x": 2}]}"#,
            r#"{"policy": {"mode": "rfc6265"}, "steps": [{"op": "fly"}]}"#,
            r#"{"policy": {"mode": "browser"}, "steps": []}"#,
            r#"{"steps": []}"#,
        ] {
            let e = Scenario::from_json(bad).unwrap_err();
            assert!(!e.to_string().contains('\n'), "{e}");
        }
    }

    #[test]
    fn json_lines() {
        let text = "{\"policy\": {\"mode\": \"rfc6265\"}, \"steps\": []}\n\n{\"id\": \"x\", \"policy\": {\"mode\": \"rfc6265\"}, \"steps\": []}\n";
        let v = Scenario::parse_many(text).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].id.as_deref(), Some("x"));
        let bad = "{\"policy\": {\"mode\": \"rfc6265\"}, \"steps\": []}\n{\"policy\": {}, \"steps\": []}\n";
        assert_eq!(Scenario::parse_many(bad).unwrap_err().line(), Some(2));
    }

    /// A bad step is reported at the line where it starts, by number:
    /// steps are read whole, so serde_json's own position is its end.
    #[test]
    fn a_bad_step_is_named_with_its_line() {
        let text = "{\n  \"policy\": {\"mode\": \"rfc6265\"},\n  \"steps\": [\n    \
                    {\"op\": \"request\", \"url\": \"http://a.test/\"},\n    {\n      \
                    \"op\": \"response\",\n      \"url\": \"http://a.test/\",\n      \
                    \"set_cookies\": [\"x=1\"]\n    },\n    \
                    {\"op\": \"request\", \"url\": \"http://a.test/\"}\n  ]\n}\n";
        let e = Scenario::parse_many(text).unwrap_err();
        assert_eq!(e.line(), Some(5), "{e}");
        assert!(
            e.to_string()
                .contains("step 2: unknown field `set_cookies`"),
            "{e}"
        );
    }

    /// The format's key rules: `id` of any type, `null` lists, and
    /// objects only (serde would read a struct from an array).
    #[test]
    fn key_rules() {
        let s = Scenario::from_json(
            r#"{"id": 5, "policy": {"mode": "netscape", "blocked_domains": null}, "steps": []}"#,
        )
        .unwrap();
        assert_eq!(s.id.as_deref(), Some("5"));
        assert!(s.policy.blocked_domains.is_empty());
        for bad in [
            r#"[null, null, null, null, null, null, {"mode": "rfc6265"}, 1, []]"#,
            r#"{"policy": ["rfc6265"], "steps": []}"#,
            r#"{"policy": {"mode": "rfc6265"}, "steps": [["response", "http://a.test/", ["x=1"], [], null, false, null]]}"#,
        ] {
            let e = Scenario::from_json(bad).unwrap_err();
            assert!(e.to_string().contains("JSON objects"), "{e}");
            assert!(Scenario::parse_many(bad).is_err());
        }
    }

    fn header_of(policy: &str, steps: &str) -> Vec<String> {
        let s =
            Scenario::from_json(&format!(r#"{{"policy": {policy}, "steps": [{steps}]}}"#)).unwrap();
        s.run().unwrap().into_iter().map(|o| o.actual).collect()
    }

    /// Decision 5: in rfc6265 mode, `strict_ns_unverifiable` blocks the
    /// cookies of unverifiable third-party transactions; without it,
    /// `request_host` and `unverifiable` change nothing.
    #[test]
    fn unverifiable_switch_in_rfc6265_mode() {
        let steps = r#"{"op": "response", "url": "https://ads.example/", "set_cookie": ["t=1"],
                        "request_host": "news.example", "unverifiable": true},
                       {"op": "response", "url": "https://ads.example/", "set_cookie": ["f=1"]},
                       {"op": "request", "url": "https://ads.example/",
                        "request_host": "news.example", "unverifiable": true},
                       {"op": "request", "url": "https://ads.example/"}"#;
        assert_eq!(
            header_of(r#"{"mode": "rfc6265"}"#, steps),
            ["t=1; f=1", "t=1; f=1"]
        );
        assert_eq!(
            header_of(
                r#"{"mode": "rfc6265", "strict_ns_unverifiable": true}"#,
                steps
            ),
            ["", "f=1"]
        );
        assert_eq!(
            header_of(
                r#"{"mode": "rfc6265", "strict_rfc2965_unverifiable": true}"#,
                steps
            ),
            ["t=1; f=1", "t=1; f=1"]
        );
    }

    /// Python's switches in mode rfc6265: accepted at the value the mode
    /// behaves as, refused otherwise when the file is read, with the
    /// key's line.
    #[test]
    fn legacy_switches_in_rfc6265_mode() {
        let same = r#"{"policy": {"mode": "rfc6265", "rfc2965": false, "netscape": true,
            "strict_domain": false, "strict_ns_domain": 0, "hide_cookie2": true,
            "strict_ns_set_path": false, "rfc2109_as_netscape": null}, "steps": []}"#;
        assert!(Scenario::from_json(same).is_ok());
        let text =
            "{\"policy\": {\"mode\": \"rfc6265\",\n  \"strict_domain\": true},\n \"steps\": []}";
        let e = Scenario::from_json(text).unwrap_err();
        assert_eq!(e.line(), Some(2), "{e}");
        assert!(e.to_string().contains("behaves as false"), "{e}");
        let e = Scenario::parse_many(&format!(
            "{}\n{}\n",
            same.replace('\n', " "),
            text.replace('\n', " ")
        ))
        .unwrap_err();
        assert_eq!(e.line(), Some(2), "{e}");
        // Python takes a bool for the flag bits.
        let s = Scenario::from_json(
            r#"{"policy": {"mode": "netscape", "strict_ns_domain": true}, "steps": []}"#,
        )
        .unwrap();
        assert_eq!(s.policy.strict_ns_domain, Some(1));
        let e = Scenario::from_json(
            r#"{"policy": {"mode": "netscape", "strict_ns_domain": "x"}, "steps": []}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("flag bits"), "{e}");
    }

    /// The clock starts from 1970 to 9999 and only moves on, staying
    /// there; errors name the step, or the `start` key's line.
    #[test]
    fn the_clock_stays_within_cookie_dates_and_moves_on() {
        let with = |start: i64, seconds: i64| {
            format!(
                "{{\"policy\": {{\"mode\": \"rfc6265\"}},\n\"start\": {start},\n\"steps\": [\n\
                 {{\"op\": \"advance\", \"seconds\": 1}},\n\
                 {{\"op\": \"advance\", \"seconds\": {seconds}}}\n]}}"
            )
        };
        assert!(Scenario::from_json(&with(0, 0)).is_ok());
        let cases = [
            (
                with(99_999_999_999_999, 1),
                2,
                "start 99999999999999 is not a time from 1970 to 9999",
            ),
            (with(-1, 1), 2, "start -1 is not a time"),
            (
                with(1_700_000_000, -5),
                5,
                "step 2: seconds is -5: the clock only moves on",
            ),
            (
                with(253_402_300_000, 799),
                5,
                "step 2: the clock passes the end of 9999",
            ),
        ];
        for (text, line, message) in cases {
            let e = Scenario::from_json(&text).unwrap_err();
            assert_eq!(e.line(), Some(line), "{e}");
            assert!(e.to_string().contains(message), "{e}");
        }
        // The line of the `start` key, not of a value that reads the same.
        let text = "{\"id\": \"start\",\n\"policy\": {\"mode\": \"rfc6265\"},\n\"start\": -1,\n\"steps\": []}";
        assert_eq!(Scenario::from_json(text).unwrap_err().line(), Some(3));
        // A scenario built in code is checked when it runs.
        let mut s = Scenario::new(PolicySpec::new(Mode::Rfc6265));
        s.steps.push(AdvanceStep::new(-1).into());
        assert!(s.run().unwrap_err().to_string().contains("only moves on"));
    }

    /// Errors name the line: a step's bad URL (found when the file is
    /// read, not when it runs), a step that is not an object, a JSON line
    /// cut short or a comment among JSON lines.
    #[test]
    fn errors_name_their_line() {
        let text = "{\"policy\": {\"mode\": \"rfc6265\"}, \"steps\": [\n  {\"op\": \"advance\", \"seconds\": 1},\n  {\"op\": \"request\", \"url\": \"http//a.test/\"}\n]}";
        let e = Scenario::from_json(text).unwrap_err();
        assert_eq!(e.line(), Some(3), "{e}");
        assert!(e.to_string().contains("step 2: invalid url"), "{e}");
        let text = "{\"policy\": {\"mode\": \"rfc6265\"}, \"steps\": [\n  {\"op\": \"advance\", \"seconds\": 1},\n  5\n]}";
        let e = Scenario::from_json(text).unwrap_err();
        assert_eq!(e.line(), Some(3), "{e}");
        assert!(e.to_string().contains("step 2:"), "{e}");
        let good = r#"{"policy": {"mode": "rfc6265"}, "steps": []}"#;
        for bad in [
            r#"{"policy": {"mode": "rfc6265"}, "steps": ["#,
            "# a comment",
        ] {
            let text = format!("{good}\n{good}\n{bad}\n{good}\n");
            let e = Scenario::parse_many(&text).unwrap_err();
            assert_eq!(e.line(), Some(3), "{bad}: {e}");
        }
    }

    /// `run_observed` tells each header's fate, with its step.
    #[test]
    fn run_observed_tells_why() {
        let s = Scenario::from_json(
            r#"{"policy": {"mode": "rfc6265"}, "steps": [
                {"op": "request", "url": "https://a.example.com/"},
                {"op": "response", "url": "https://a.example.com/",
                 "set_cookie": ["ok=1", "bad=1; Domain=com", "gone=1; Max-Age=0"]}]}"#,
        )
        .unwrap();
        let mut seen = Vec::new();
        s.run_observed(&mut |i, e| {
            let what = match e {
                CookieEvent::Stored(c) => format!("stored {}", c.name()),
                CookieEvent::Expired(c) => format!("expired {}", c.name()),
                CookieEvent::Evicted(c) => format!("evicted {}", c.name()),
                CookieEvent::Rejected { reason, .. } => format!("refused: {reason:?}"),
            };
            seen.push((i, what));
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (1, "stored ok".to_owned()),
                (1, "refused: PublicSuffix".to_owned()),
                (1, "expired gone".to_owned()),
            ]
        );
    }

    /// `run_observed` says which cookies each request leaves behind and
    /// why; `run`, which does not read the whole jar at each request for
    /// that, gives the same headers and no such list.
    #[test]
    fn only_run_observed_lists_withheld_cookies() {
        let s = Scenario::from_json(
            r#"{"policy": {"mode": "rfc6265"}, "steps": [
                {"op": "response", "url": "https://a.example.com/",
                 "set_cookie": ["s=1; Secure", "p=1; Path=/p"]},
                {"op": "request", "url": "http://a.example.com/", "expect": ""},
                {"op": "request", "url": "https://a.example.com/p", "expect": "p=1; s=1"}]}"#,
        )
        .unwrap();
        let observed = s.run_observed(&mut |_, _| {}).unwrap();
        let withheld: Vec<Vec<(String, crate::Rejection)>> = observed
            .iter()
            .map(|o| {
                o.withheld
                    .iter()
                    .map(|(c, why)| (c.name().to_owned(), why.clone()))
                    .collect()
            })
            .collect();
        assert_eq!(
            withheld,
            [
                vec![
                    ("s".to_owned(), crate::Rejection::NotSecureChannel),
                    ("p".to_owned(), crate::Rejection::PathMismatch)
                ],
                vec![]
            ]
        );
        let plain = s.run().unwrap();
        assert!(plain.iter().all(|o| o.withheld.is_empty()));
        let headers = |o: &[Outcome]| o.iter().map(|o| o.actual.clone()).collect::<Vec<_>>();
        assert_eq!(headers(&plain), headers(&observed));
        assert!(plain.iter().all(Outcome::ok));
    }

    /// Every scenario of the corpora and the crate's own, written with
    /// `to_json`, reads back as the same scenario and runs the same.
    #[test]
    fn to_json_reads_back_as_the_same_scenario() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![
            root.join("examples/session.json"),
            root.join("tests/conformance/http-state-wpt2020-scenarios.jsonl"),
            root.join("tests/conformance/wpt-cookies-scenarios.jsonl"),
        ];
        for entry in std::fs::read_dir(root.join("tests/scenarios")).unwrap() {
            files.push(entry.unwrap().path());
        }
        // The corpora are left out of the published package.
        files.retain(|f| f.exists());
        let mut n = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for s in Scenario::parse_many(&text).unwrap() {
                // Equal whatever line it came from.
                let json = s.to_json();
                let back = Scenario::from_json(&json).unwrap();
                assert_eq!(back, s, "{}: {json}", file.display());
                assert_eq!(back.run().unwrap(), s.run().unwrap());
                n += 1;
            }
        }
        assert!(n >= 20, "{n}");
        // Defaults are left out; what is set is written.
        let mut p = PolicySpec::new(Mode::Netscape);
        p.strict_ns_domain = Some(3);
        let mut s = Scenario::new(p);
        let mut r = ResponseStep::new("http://a.test/", ["x=1"]);
        r.unverifiable = true;
        s.steps.push(r.into());
        s.steps.push(AdvanceStep::new(5).into());
        let v: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "policy": {"mode": "netscape", "strict_ns_domain": 3},
                "start": 1_700_000_000,
                "steps": [
                    {"op": "response", "url": "http://a.test/", "set_cookie": ["x=1"], "unverifiable": true},
                    {"op": "advance", "seconds": 5}
                ]
            })
        );
    }

    /// Decision 2 in every mode: loopback hosts are secure origins.
    #[test]
    fn loopback_is_secure_in_every_mode() {
        let steps = r#"{"op": "response", "url": "http://localhost/", "set_cookie": ["s=1; Secure"]},
                       {"op": "request", "url": "http://localhost/"},
                       {"op": "request", "url": "http://127.0.0.1/"}"#;
        for mode in ["rfc6265", "netscape", "rfc2965"] {
            let got = header_of(&format!(r#"{{"mode": "{mode}"}}"#), steps);
            assert_eq!(got, ["s=1", ""], "{mode}");
        }
        let steps = r#"{"op": "response", "url": "http://127.0.0.1/", "set_cookie": ["s=1; Secure"]},
                       {"op": "request", "url": "http://127.0.0.1/"}"#;
        for mode in ["rfc6265", "netscape", "rfc2965"] {
            assert_eq!(
                header_of(&format!(r#"{{"mode": "{mode}"}}"#), steps),
                ["s=1"],
                "{mode}"
            );
        }
    }
}
