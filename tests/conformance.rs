//! Conformance corpora, run as data (a `harness = false` test).
//!
//! Sources, each case with an id of the form `SOURCE/NAME`:
//!
//! - `http-state-wpt2020/NAME`: the vendored WPT (2020) copy of the
//!   http-state suite, read from its raw `NAME-test` / `NAME-expected`
//!   files and run by the rules in `tests/conformance/http-state-wpt2020/README.md`.
//! - `wpt2020/NAME`: `tests/conformance/http-state-wpt2020-scenarios.jsonl`.
//! - `http-state/NAME`: the 2011 suite as scenarios, read from
//!   `../shared/conformance/http-state-scenarios.jsonl` when that folder is
//!   beside the repository (it is not vendored: its licence is the IETF Note
//!   Well only). A case that has a `wpt2020/` version is not run: the
//!   browsers' expectation wins.
//! - `wpt-cookies/FILE/NNN`: `tests/conformance/wpt-cookies-scenarios.jsonl`,
//!   the modern WPT cookie cases converted to scenarios.
//! - `scenarios/FILE`: the crate's own scenarios, `tests/scenarios/*.json`.
//!
//! `tests/conformance/expected-failures.txt` lists the cases known to fail,
//! one per line as `ID  # reason`. The run fails when a case fails that is
//! not listed, when a listed case passes, and when a listed case was not run
//! although its source was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cookiejar::scenario::Scenario;

struct Case {
    id: String,
    scenario: Scenario,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Escapes a string as a JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One raw http-state case as a scenario: a response to
/// `http://home.example.org:8888/cookie-parser?NAME` with the `Set-Cookie`
/// lines, then a request to the follow-up URL.
fn http_state_case(dir: &Path, name: &str) -> Result<Scenario, String> {
    let test = fs::read(dir.join(format!("{name}-test"))).map_err(|e| e.to_string())?;
    let expected = fs::read(dir.join(format!("{name}-expected"))).map_err(|e| e.to_string())?;
    let base = "http://home.example.org:8888";
    let mut set_cookie = Vec::new();
    let mut follow = format!("{base}/cookie-parser-result?{name}");
    for line in test.split(|&b| b == b'\n') {
        let line = String::from_utf8(line.to_vec()).map_err(|e| format!("{name}-test: {e}"))?;
        if let Some(v) = strip_header(&line, "Set-Cookie:") {
            set_cookie.push(v.to_owned());
        } else if let Some(v) = strip_header(&line, "Location:") {
            follow = if v.starts_with('/') {
                format!("{base}{v}")
            } else {
                v.to_owned()
            };
        } else if !line.is_empty() {
            return Err(format!("{name}-test: unexpected line {line:?}"));
        }
    }
    let expected = String::from_utf8(expected).map_err(|e| format!("{name}-expected: {e}"))?;
    let expect = expected
        .lines()
        .find_map(|l| strip_header(l, "Cookie:"))
        .unwrap_or("")
        .to_owned();
    let lines: Vec<String> = set_cookie.iter().map(|s| json_str(s)).collect();
    let json = format!(
        "{{\"policy\": {{\"mode\": \"rfc6265\"}}, \"start\": 1500000000, \"steps\": [\
         {{\"op\": \"response\", \"url\": {}, \"set_cookie\": [{}]}}, \
         {{\"op\": \"request\", \"url\": {}, \"expect\": {}}}]}}",
        json_str(&format!("{base}/cookie-parser?{name}")),
        lines.join(", "),
        json_str(&follow),
        json_str(&expect)
    );
    Scenario::from_json(&json).map_err(|e| format!("{name}: {e}"))
}

/// The value of a `Name: value` line: what follows the colon, less one
/// space.
fn strip_header<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let head = line.get(..name.len())?;
    if !head.eq_ignore_ascii_case(name) {
        return None;
    }
    let rest = &line[name.len()..];
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

fn load_jsonl(path: &Path, prefix: &str, strip: Option<&str>) -> Result<Vec<Case>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let scenarios = Scenario::parse_many(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    scenarios
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let id = s.id.clone().unwrap_or_else(|| format!("{}", i + 1));
            let id = strip
                .and_then(|p| id.strip_prefix(p))
                .unwrap_or(&id)
                .to_owned();
            Ok(Case {
                id: format!("{prefix}/{id}"),
                scenario: s,
            })
        })
        .collect()
}

fn main() -> ExitCode {
    let root = root();
    let conf = root.join("tests/conformance");
    let mut cases: Vec<Case> = Vec::new();
    let mut sources_run: BTreeSet<&str> = BTreeSet::new();
    let mut errors: Vec<String> = Vec::new();

    // 1. Raw WPT 2020 http-state files.
    let dir = conf.join("http-state-wpt2020");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter_map(|n| n.strip_suffix("-test").map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if names.is_empty() {
        errors.push(format!("no cases found in {}", dir.display()));
    }
    for n in names {
        match http_state_case(&dir, &n) {
            Ok(s) => cases.push(Case {
                id: format!("http-state-wpt2020/{n}"),
                scenario: s,
            }),
            Err(e) => errors.push(e),
        }
    }
    sources_run.insert("http-state-wpt2020");

    // 2. The WPT 2020 scenarios, and 3. the 2011 scenarios they supersede.
    let mut superseded = BTreeSet::new();
    match load_jsonl(
        &conf.join("http-state-wpt2020-scenarios.jsonl"),
        "wpt2020",
        Some("wpt2020/"),
    ) {
        Ok(v) => {
            for c in &v {
                superseded.insert(c.id.trim_start_matches("wpt2020/").to_owned());
            }
            cases.extend(v);
            sources_run.insert("wpt2020");
        }
        Err(e) => errors.push(e),
    }
    let shared = root.join("../shared/conformance/http-state-scenarios.jsonl");
    if shared.exists() {
        match load_jsonl(&shared, "http-state", None) {
            Ok(v) => {
                cases.extend(
                    v.into_iter()
                        .filter(|c| !superseded.contains(c.id.trim_start_matches("http-state/"))),
                );
                sources_run.insert("http-state");
            }
            Err(e) => errors.push(e),
        }
    } else {
        println!(
            "note: {} not found; the 2011 http-state scenarios were not run",
            shared.display()
        );
    }

    // 4. Modern WPT cases.
    match load_jsonl(
        &conf.join("wpt-cookies-scenarios.jsonl"),
        "wpt-cookies",
        Some("wpt-cookies/"),
    ) {
        Ok(v) => {
            cases.extend(v);
            sources_run.insert("wpt-cookies");
        }
        Err(e) => errors.push(e),
    }

    // 5. The crate's own scenarios.
    let own = root.join("tests/scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(&own)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for f in files {
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_owned();
        match fs::read_to_string(&f)
            .map_err(|e| e.to_string())
            .and_then(|t| Scenario::parse_many(&t).map_err(|e| e.to_string()))
        {
            Ok(v) => {
                let many = v.len() > 1;
                for (i, s) in v.into_iter().enumerate() {
                    let id = match (&s.id, many) {
                        (_, false) => format!("scenarios/{stem}"),
                        (Some(id), true) => format!("scenarios/{stem}/{id}"),
                        (None, true) => format!("scenarios/{stem}/{}", i + 1),
                    };
                    cases.push(Case { id, scenario: s });
                }
            }
            Err(e) => errors.push(format!("{}: {e}", f.display())),
        }
    }
    sources_run.insert("scenarios");

    // Expected failures.
    let xf_path = conf.join("expected-failures.txt");
    let xf_text = fs::read_to_string(&xf_path).unwrap_or_default();
    let mut expected_failures: BTreeMap<String, String> = BTreeMap::new();
    for (i, line) in xf_text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('#') {
            Some((id, reason)) if !reason.trim().is_empty() && !id.trim().is_empty() => {
                expected_failures.insert(id.trim().to_owned(), reason.trim().to_owned());
            }
            _ => errors.push(format!(
                "expected-failures.txt line {}: expected `ID  # reason`",
                i + 1
            )),
        }
    }

    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut passed = 0usize;
    let mut failed = 0usize;
    let mut xfail = 0usize;
    let mut seen = BTreeSet::new();
    let mut per_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for c in &cases {
        if let Some(f) = &filter {
            if !c.id.contains(f.as_str()) {
                continue;
            }
        }
        if !seen.insert(c.id.clone()) {
            errors.push(format!("duplicate case id {}", c.id));
        }
        let source = c.id.split('/').next().unwrap_or("").to_owned();
        let outcome = c.scenario.run();
        let mismatch: Option<String> = match &outcome {
            Err(e) => Some(format!("error: {e}")),
            Ok(o) => o.iter().find(|o| !o.ok()).map(|o| {
                format!(
                    "step {} {}: expected {:?}, got {:?}",
                    o.step,
                    o.url,
                    o.expect.as_deref().unwrap_or(""),
                    o.actual
                )
            }),
        };
        let entry = per_source.entry(source).or_default();
        match (mismatch, expected_failures.get(&c.id)) {
            (None, None) => {
                passed += 1;
                entry.0 += 1;
            }
            (None, Some(_)) => {
                failed += 1;
                println!(
                    "UNEXPECTED PASS {} (remove it from expected-failures.txt)",
                    c.id
                );
            }
            (Some(m), None) => {
                failed += 1;
                entry.1 += 1;
                println!("FAIL {}: {m}", c.id);
            }
            (Some(_), Some(_)) => {
                xfail += 1;
                entry.1 += 1;
            }
        }
    }
    if filter.is_none() {
        for id in expected_failures.keys() {
            let source = id.split('/').next().unwrap_or("");
            if sources_run.contains(source) && !seen.contains(id) {
                failed += 1;
                println!("STALE {id}: listed in expected-failures.txt but not run");
            }
        }
    }
    for e in &errors {
        failed += 1;
        println!("ERROR {e}");
    }
    for (source, (p, f)) in &per_source {
        println!("{source}: {p} of {} pass", p + f);
    }
    println!(
        "conformance: {} cases, {xfail} expected failures",
        passed + xfail + failed
    );
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
