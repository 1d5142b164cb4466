//! Drives the `cookiejar` binary: output, `--check`, and exit codes.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cookiejar"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).current_dir(root()).output().expect("runs")
}

/// `run`, which must succeed (exit 0; stderr shown if not).
fn run_ok(args: &[&str]) -> Output {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    o
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn replay_prints_one_line_per_request() {
    let o = run_ok(&["replay", "examples/session.json"]);
    assert_eq!(
        stdout(&o),
        "sid=abc123; lang=en\nlang=en\nlang=en\nlang=en\n"
    );
}

#[test]
fn replay_check_passes_on_the_example_and_own_scenarios() {
    let o = run(&["replay", "--check", "examples/session.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("1 scenario, 0 mismatches"));
}

#[test]
fn replay_check_reports_mismatches_with_exit_1() {
    let f = temp_file(
        "wrong.json",
        r#"{"policy": {"mode": "rfc6265"}, "steps": [
            {"op": "response", "url": "http://a.test/", "set_cookie": ["x=1"]},
            {"op": "request", "url": "http://a.test/", "expect": "x=2"},
            {"op": "request", "url": "http://a.test/", "expect": "x=1"}]}"#,
    );
    let o = run(&["replay", "--check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.matches("MISMATCH").count(), 1, "{out}");
    assert!(out.contains("expected \"x=2\", got \"x=1\""), "{out}");
}

#[test]
fn malformed_scenarios_exit_2_with_one_line() {
    let dir = tempdir();
    let cases = [
        (
            "unknown-key.json",
            r#"{"policy": {"mode": "rfc6265"}, "steps": [], "bogus": 1}"#,
            "bogus",
        ),
        ("bad-json.json", "{\"policy\": ", "scenario"),
        (
            "bad-mode.json",
            r#"{"policy": {"mode": "chrome"}, "steps": []}"#,
            "chrome",
        ),
        (
            "bad-url.json",
            r#"{"policy": {"mode": "rfc6265"}, "steps": [{"op": "request", "url": "not a url"}]}"#,
            "invalid url",
        ),
        (
            "step-key.json",
            r#"{"policy": {"mode": "rfc6265"}, "steps": [{"op": "request", "url": "http://a/", "expct": ""}]}"#,
            "expct",
        ),
    ];
    for (name, text, needle) in cases {
        let f = dir.join(name);
        std::fs::write(&f, text).unwrap();
        let o = run(&["replay", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
        assert!(stdout(&o).is_empty(), "{name}");
    }
    let o = run(&["replay", "no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn replay_reads_json_lines_and_stdin() {
    use std::io::Write;
    let mut child = bin()
        .args(["replay", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"{\"policy\": {\"mode\": \"rfc6265\"}, \"steps\": [{\"op\": \"response\", \"url\": \"http://a.test/\", \"set_cookie\": [\"x=1\"]}, {\"op\": \"request\", \"url\": \"http://a.test/\"}]}\n\
              {\"policy\": {\"mode\": \"rfc6265\"}, \"steps\": [{\"op\": \"request\", \"url\": \"http://a.test/\"}]}\n",
        )
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "x=1\n\n");
}

/// `replay` takes several files, and folders (their `.json` and `.jsonl`
/// files, by name): output in that order, mismatches named by file, id
/// and JSON line, one count for all.
#[test]
fn replay_runs_several_files_and_folders() {
    let dir = tempdir();
    let scenario = |expect: &str| {
        format!(
            r#"{{"id": "x", "policy": {{"mode": "rfc6265"}}, "steps": [{{"op": "response", "url": "http://a.test/", "set_cookie": ["x=1"]}}, {{"op": "request", "url": "http://a.test/", "expect": "{expect}"}}]}}"#
        )
    };
    std::fs::write(
        dir.join("b.jsonl"),
        format!("{}\n{}\n", scenario("x=1"), scenario("x=2")),
    )
    .unwrap();
    std::fs::write(dir.join("a.json"), scenario("x=1")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a scenario").unwrap();
    let d = dir.to_str().unwrap();
    let o = run_ok(&["replay", d, "examples/session.json"]);
    assert_eq!(
        stdout(&o),
        "x=1\nx=1\nx=1\nsid=abc123; lang=en\nlang=en\nlang=en\nlang=en\n"
    );
    let o = run(&["replay", "--check", d, "examples/session.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let b = dir.join("b.jsonl");
    assert_eq!(
        out,
        format!(
            "MISMATCH {}: x (line 2) step 2: http://a.test/: expected \"x=2\", got \"x=1\"\n\
             4 scenarios, 1 mismatch (--explain says why each cookie was refused or withheld)\n",
            b.display()
        )
    );
    let empty = tempdir();
    let o = run(&["replay", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no .json or .jsonl"), "{}", stderr(&o));
}

/// `replay --explain` tells each `Set-Cookie` header's fate on standard
/// error; standard output is as without it.
#[test]
fn replay_explain_says_why() {
    let f = temp_file(
        "why.json",
        r#"{"policy": {"mode": "rfc6265"}, "steps": [
            {"op": "response", "url": "https://a.example.com/",
             "set_cookie": ["ok=1; Path=/", "bad=1; Domain=com", "__Host-x=1",
                            "sid=2; Secure; SameSite=Lax"]},
            {"op": "request", "url": "https://a.example.com/"},
            {"op": "request", "url": "http://a.example.com/", "expect": "ok=1; sid=2"},
            {"op": "response", "url": "https://a.example.com/", "set_cookie": ["late=1"]}]}"#,
    );
    let o = run_ok(&["replay", "--explain", f.to_str().unwrap()]);
    assert_eq!(stdout(&o), "ok=1; sid=2\nok=1\n");
    assert_eq!(
        stderr(&o),
        "#1 step 1: stored \"ok\" for a.example.com path / (host-only, session)\n\
         #1 step 1: refused \"bad=1; Domain=com\": domain attribute is a public suffix\n\
         #1 step 1: refused \"__Host-x=1\": __Host- prefix needs Secure, no Domain and Path=/\n\
         #1 step 1: stored \"sid\" for a.example.com path / (host-only, session, Secure, \
         SameSite=Lax)\n\
         #1 step 3: withheld \"sid\" for a.example.com path / (host-only, session, Secure, \
         SameSite=Lax): secure cookie over a non-secure channel\n\
         #1 step 4: stored \"late\" for a.example.com path / (host-only, session)\n"
    );
    // --check counts steps from 1, as --explain does, and points to it.
    let o = run(&["replay", "--check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "MISMATCH #1 step 3: http://a.example.com/: expected \"ok=1; sid=2\", got \"ok=1\"\n\
         1 scenario, 1 mismatch (--explain says why each cookie was refused or withheld)\n"
    );
    // A Set-Cookie2 header a policy without RFC 2965 ignores is said so.
    for (mode, said) in [("rfc6265", true), ("netscape", true), ("rfc2965", false)] {
        let f = temp_file(
            "cookie2.json",
            &format!(
                r#"{{"policy": {{"mode": "{mode}"}}, "steps": [
                {{"op": "response", "url": "https://a.example.com/",
                  "set_cookie2": ["b=2; Version=1"]}}]}}"#
            ),
        );
        let o = run_ok(&["replay", "--explain", f.to_str().unwrap()]);
        let ignored = "#1 step 1: ignored Set-Cookie2 \"b=2; Version=1\": RFC 2965 is off in this \
                       policy (mode rfc2965 reads it)\n";
        assert_eq!(stderr(&o) == ignored, said, "{mode}: {}", stderr(&o));
    }
    // A long refused header is shown cut, with its length.
    let long = format!("a={}; Domain=com", "v".repeat(300));
    let f = temp_file(
        "long.json",
        &format!(
            r#"{{"policy": {{"mode": "rfc6265"}}, "steps": [
            {{"op": "response", "url": "https://a.example.com/", "set_cookie": ["{long}"]}}]}}"#
        ),
    );
    let o = run_ok(&["replay", "--explain", f.to_str().unwrap()]);
    assert_eq!(
        stderr(&o),
        format!(
            "#1 step 1: refused \"{}\"... ({} bytes): domain attribute is a public suffix\n",
            &long[..120],
            long.len()
        )
    );
}

/// `query --site` on a file without `SameSite` (cookies.txt) says so on
/// standard error, and still answers.
#[test]
fn query_site_on_cookies_txt_warns() {
    let o = run_ok(&[
        "query",
        "examples/cookies.txt",
        "https://shop.example.com/",
        "--site",
        "evil.example",
    ]);
    assert!(stderr(&o).contains("no SameSite field"), "{}", stderr(&o));
    let o = run_ok(&[
        "query",
        "examples/cookies.txt",
        "https://shop.example.com/",
        "--site",
        "evil.example",
        "--same-site",
        "ignore",
    ]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(!stdout(&o).is_empty());
}

/// A file named `name` holding `text`, in a fresh temporary folder.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let f = tempdir().join(name);
    std::fs::write(&f, text).unwrap();
    f
}

/// A fresh folder under the target directory.
/// URLs `examples/cookies.txt` sends cookies to.
const SAMPLE_URLS: [&str; 3] = [
    "https://shop.example.com/cart/1",
    "http://shop.example.com/",
    "https://www.example.com/",
];

/// Converts `examples/cookies.txt` (session cookies kept) to `name` in a
/// new folder, as `to`: the file's path, text and JSON.
fn convert_sample(name: &str, to: &str) -> (String, String, serde_json::Value) {
    let out = tempdir().join(name).to_str().unwrap().to_owned();
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        &out,
        "--to",
        to,
        "--keep-session",
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    let json = serde_json::from_str(&text).unwrap();
    (out, text, json)
}

/// Checks that a convert of `file` onto itself, without `--to`, leaves
/// `text` as it was: its format is found from its content.
fn converts_onto_itself_unchanged(file: &str, text: &str) {
    run_ok(&["convert", file, file, "--keep-session"]);
    assert_eq!(std::fs::read_to_string(file).unwrap(), text);
}

/// Checks that `file`, converted from `examples/cookies.txt`, gives each
/// URL of `urls` the cookies the sample gives it (some).
fn sends_as_the_sample(file: &str, urls: &[&str]) {
    for url in urls {
        let want = stdout(&run_ok(&["query", "examples/cookies.txt", url]));
        let got = stdout(&run_ok(&["query", file, url]));
        assert_eq!(got, want, "{file}: {url}");
        assert!(!want.trim().is_empty(), "{url}");
    }
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn convert_mozilla_to_lwp_and_back() {
    let dir = tempdir();
    let lwp = dir.join("out.lwp");
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        lwp.to_str().unwrap(),
        "--keep-session",
    ]);
    let text = std::fs::read_to_string(&lwp).unwrap();
    assert!(text.starts_with("#LWP-Cookies-2.0\n"), "{text}");
    assert_eq!(text.matches("Set-Cookie3:").count(), 4);
    // Session cookies are kept unless --drop-session (the default before
    // was Python's, to drop them: --keep-session is still taken).
    let kept = dir.join("session.lwp");
    run_ok(&["convert", "examples/cookies.txt", kept.to_str().unwrap()]);
    let kept = std::fs::read_to_string(&kept).unwrap();
    assert_eq!(kept.matches("Set-Cookie3:").count(), 4, "{kept}");
    let lwp2 = dir.join("no-session.lwp");
    let o = run(&[
        "convert",
        "examples/cookies.txt",
        lwp2.to_str().unwrap(),
        "--drop-session",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&lwp2)
            .unwrap()
            .matches("Set-Cookie3:")
            .count(),
        3
    );
    // And back to cookies.txt, detected from the content.
    let txt = dir.join("back.txt");
    run_ok(&[
        "convert",
        lwp.to_str().unwrap(),
        txt.to_str().unwrap(),
        "--keep-session",
    ]);
    let back = std::fs::read_to_string(&txt).unwrap();
    assert!(
        back.contains("#HttpOnly_shop.example.com\tFALSE\t/\tTRUE\t2145916800\tsid\tabc123"),
        "{back}"
    );
    assert!(
        back.contains(".example.com\tTRUE\t/\tFALSE\t2145916800\tlang\ten"),
        "{back}"
    );
    assert!(
        back.contains("shop.example.com\tFALSE\t/cart\tFALSE\t0\tcart\t3-items"),
        "{back}"
    );
}

/// The example cookies converted to cookies.txt on standard output, with
/// `options`.
fn example_as_cookies_txt(options: &[&str]) -> String {
    let mut args = vec!["convert", "examples/cookies.txt", "-", "--to", "mozilla"];
    args.extend(options);
    stdout(&run_ok(&args))
}

/// `--http-only plain` writes http-only cookies as plain lines, which
/// wget sends (it skips `#HttpOnly_` lines as comments); the default
/// keeps curl's prefix.
#[test]
fn convert_http_only_mark() {
    assert!(example_as_cookies_txt(&[])
        .contains("\n#HttpOnly_shop.example.com\tFALSE\t/\tTRUE\t2145916800\tsid\tabc123\n"));
    let text = example_as_cookies_txt(&["--http-only", "plain"]);
    assert!(!text.contains("#HttpOnly_"), "{text}");
    assert!(
        text.contains("\nshop.example.com\tFALSE\t/\tTRUE\t2145916800\tsid\tabc123\n"),
        "{text}"
    );
    let o = run(&["convert", "examples/cookies.txt", "-", "--http-only", "no"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// `--for PROGRAM` writes cookies.txt as curl, wget or Python reads it:
/// the http-only line and the session cookie's expiry.
#[test]
fn convert_for_a_program() {
    let http_only = "shop.example.com\tFALSE\t/\tTRUE\t2145916800\tsid\tabc123\n";
    for (program, prefix, session) in [
        ("curl", "#HttpOnly_", "0"),
        ("wget", "", "0"),
        ("python", "#HttpOnly_", ""),
    ] {
        let text = example_as_cookies_txt(&["--for", program]);
        assert!(
            text.contains(&format!("\n{prefix}{http_only}")),
            "{program}: {text}"
        );
        assert_eq!(
            text.matches("#HttpOnly_").count(),
            prefix.len() / 10,
            "{program}: {text}"
        );
        assert!(
            text.contains(&format!(
                "\nshop.example.com\tFALSE\t/cart\tFALSE\t{session}\tcart\t3-items\n"
            )),
            "{program}: {text}"
        );
    }
    for (args, says) in [
        (
            &["--for", "lynx"][..],
            "--for is curl, wget or python, not \"lynx\"",
        ),
        (
            &["--to", "lwp", "--for", "curl"][..],
            "--for is for cookies.txt output (mozilla), not lwp",
        ),
        (
            &["--for", "wget", "--http-only", "prefix"][..],
            "--for and --http-only together",
        ),
        (
            &["--for", "python", "--session-expiry", "zero"][..],
            "--for and --session-expiry together",
        ),
    ] {
        let mut all = vec!["convert", "examples/cookies.txt", "-"];
        all.extend(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{args:?}");
    }
}

/// `--to playwright` writes a `storageState` that reads back as the same
/// cookies: each URL gets the header the cookies.txt gives it.
#[test]
fn convert_to_playwright_and_query_it() {
    let dir = tempdir();
    let state = dir.join("state.json");
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        state.to_str().unwrap(),
        "--to",
        "playwright",
        "--keep-session",
    ]);
    let text = std::fs::read_to_string(&state).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["origins"], serde_json::json!([]));
    let cookies = json["cookies"].as_array().unwrap();
    assert_eq!(cookies.len(), 4, "{text}");
    let cart = cookies.iter().find(|c| c["name"] == "cart").unwrap();
    // Host-only: no leading dot; a session cookie: -1.
    assert_eq!(cart["domain"], "shop.example.com");
    assert_eq!(cart["expires"], -1);
    let lang = cookies.iter().find(|c| c["name"] == "lang").unwrap();
    assert_eq!(lang["domain"], ".example.com");
    assert_eq!(lang["expires"], 2_145_916_800);
    sends_as_the_sample(
        state.to_str().unwrap(),
        &[
            "https://shop.example.com/cart/1",
            "http://shop.example.com/",
            "https://www.example.com/",
            "https://example.org/",
        ],
    );
}

/// `--to playwright` over a file in another JSON format (this crate's)
/// replaces it: none of its keys are kept, since its `format` would make
/// the new file read as this crate's JSON, whose records it does not hold.
#[test]
fn convert_to_playwright_over_another_json_keeps_none_of_its_keys() {
    let dir = tempdir();
    let out = dir.join("state.json");
    let out = out.to_str().unwrap();
    run_ok(&["convert", "examples/cookies.txt", out, "--keep-session"]);
    assert!(std::fs::read_to_string(out).unwrap().contains("\"format\""));
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        out,
        "--to",
        "playwright",
        "--keep-session",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["cookies", "origins"]);
    sends_as_the_sample(out, &["https://www.example.com/"]);
}

/// `--to webdriver` writes what Selenium's `get_cookies()` returns,
/// detected as such when read back: each URL gets the header the
/// cookies.txt gives it, and a convert onto it keeps its format.
#[test]
fn convert_to_webdriver_and_query_it() {
    let (out, text, json) = convert_sample("selenium.json", "selenium");
    let out = out.as_str();
    let cookies = json.as_array().unwrap();
    assert_eq!(cookies.len(), 4, "{text}");
    let cart = cookies.iter().find(|c| c["name"] == "cart").unwrap();
    // Host-only: no leading dot; a session cookie: no expiry.
    assert_eq!(cart["domain"], "shop.example.com");
    assert_eq!(cart.get("expiry"), None);
    let lang = cookies.iter().find(|c| c["name"] == "lang").unwrap();
    assert_eq!(lang["domain"], ".example.com");
    assert_eq!(lang["expiry"], 2_145_916_800);
    sends_as_the_sample(out, &SAMPLE_URLS);
    converts_onto_itself_unchanged(out, &text);
}

/// `--to tough-cookie` writes Node's tough-cookie serialized jar,
/// detected as such when read back: each URL gets the header the
/// cookies.txt gives it.
#[test]
fn convert_to_tough_cookie_and_query_it() {
    let (out, text, json) = convert_sample("jar.json", "tough-cookie");
    let out = out.as_str();
    assert_eq!(json["version"], "tough-cookie@6.1.0");
    let cookies = json["cookies"].as_array().unwrap();
    assert_eq!(cookies.len(), 4, "{text}");
    let lang = cookies.iter().find(|c| c["key"] == "lang").unwrap();
    assert_eq!(lang["domain"], "example.com");
    assert_eq!(lang["hostOnly"], false);
    assert_eq!(lang["expires"], "2038-01-01T00:00:00.000Z");
    let cart = cookies.iter().find(|c| c["key"] == "cart").unwrap();
    assert_eq!(
        (cart["hostOnly"].clone(), cart.get("expires")),
        (true.into(), None)
    );
    sends_as_the_sample(out, &SAMPLE_URLS);
    converts_onto_itself_unchanged(out, &text);
}

/// `--to tough-cookie-file-store` writes a `FileCookieStore` file, kept
/// one by a convert onto itself.
#[test]
fn convert_to_a_tough_cookie_file_store_and_query_it() {
    let (out, text, json) = convert_sample("store.json", "tough-cookie-file-store");
    let out = out.as_str();
    assert_eq!(json["example.com"]["/"]["lang"]["value"], "en", "{text}");
    sends_as_the_sample(out, &["https://shop.example.com/cart/1"]);
    converts_onto_itself_unchanged(out, &text);
}

/// `--to guzzle` writes PHP Guzzle's `FileCookieJar` file, kept one by a
/// convert onto itself.
#[test]
fn convert_to_guzzle_and_query_it() {
    let (out, text, json) = convert_sample("guzzle.json", "guzzle");
    let out = out.as_str();
    let lang = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Name"] == "lang")
        .unwrap();
    assert_eq!(
        (&lang["Domain"], &lang["HostOnly"]),
        (&"example.com".into(), &false.into())
    );
    sends_as_the_sample(
        out,
        &[
            "https://shop.example.com/cart/1",
            "https://www.example.com/",
        ],
    );
    converts_onto_itself_unchanged(out, &text);
}

/// A HAR converts to the cookies its responses set (as Chromium kept
/// them, in the recorded run that allowed third-party cookies), and is
/// never written over.
#[test]
fn convert_a_har_and_never_write_one() {
    let har = "tests/data/har/chromium-156.0.8078.129-3pc-allowed.har";
    let o = run_ok(&[
        "convert",
        har,
        "-",
        "--to",
        "mozilla",
        "--keep-session",
        "--keep-expired",
    ]);
    let text = stdout(&o);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .collect();
    assert_eq!(lines.len(), 15, "{text}");
    assert!(
        text.contains("\tsess\ts2") && !text.contains("\tho\t"),
        "{text}"
    );
    assert!(
        stderr(&o).contains("4 Set-Cookie headers refused as a browser refuses them"),
        "{}",
        stderr(&o)
    );
    // Refusals are no error, strict or not.
    run_ok(&["list", har, "--strict"]);
    let dir = tempdir();
    let copy = dir.join("session.har");
    std::fs::copy(har, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let o = run(&["convert", "examples/cookies.txt", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}

/// `--to cookie-store` writes the cookie_store crate's JSON (what
/// reqwest_cookie_store users load), detected as such when read back:
/// each URL gets the header the cookies.txt gives it, and converting
/// back gives the same cookies.txt.
#[test]
fn convert_to_cookie_store_and_back() {
    let dir = tempdir();
    let store = dir.join("store.json");
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        store.to_str().unwrap(),
        "--to",
        "cookie-store",
        "--keep-session",
    ]);
    let text = std::fs::read_to_string(&store).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 4, "{text}");
    let cart = records
        .iter()
        .find(|r| r["raw_cookie"].as_str().unwrap().starts_with("cart="))
        .unwrap();
    assert_eq!(
        cart["domain"],
        serde_json::json!({"HostOnly": "shop.example.com"})
    );
    assert_eq!(cart["expires"], "SessionEnd");
    for url in [
        "https://shop.example.com/cart/1",
        "http://shop.example.com/",
        "https://www.example.com/",
    ] {
        let want = stdout(&run_ok(&["query", "examples/cookies.txt", url]));
        let got = stdout(&run_ok(&["query", store.to_str().unwrap(), url]));
        assert_eq!(got, want, "{url}");
        assert!(!want.trim().is_empty(), "{url}");
    }
    let back = dir.join("back.txt");
    run_ok(&[
        "convert",
        store.to_str().unwrap(),
        back.to_str().unwrap(),
        "--keep-session",
    ]);
    let original = stdout(&run_ok(&["list", "examples/cookies.txt", "--show-values"]));
    let again = stdout(&run_ok(&["list", back.to_str().unwrap(), "--show-values"]));
    assert_eq!(again, original);
}

/// An existing OUT keeps its format without `--to` (a cookie_store file
/// named `.json` stays one, in its form); `list` shows `SameSite`.
#[test]
fn convert_onto_an_existing_file_keeps_its_format() {
    let dir = tempdir();
    let out = dir.join("store.json");
    let record = r#"{"raw_cookie":"old=1; SameSite=Strict","path":["/",false],"domain":{"HostOnly":"example.com"},"expires":{"AtUtc":"2099-01-01T00:00:00Z"}}"#;
    std::fs::write(&out, format!("{record}\n")).unwrap();
    let json = stdout(&run_ok(&[
        "list",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert!(json.contains("\"same_site\": \"strict\""), "{json}");
    let table = stdout(&run_ok(&["list", out.to_str().unwrap()]));
    assert!(table.contains("samesite=strict"), "{table}");
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        out.to_str().unwrap(),
        "--keep-session",
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(
        text.lines().all(|l| l.starts_with("{\"raw_cookie\":")),
        "{text}"
    );
    // A new OUT goes by its extension.
    let fresh = dir.join("fresh.json");
    run_ok(&["convert", "examples/cookies.txt", fresh.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&fresh)
        .unwrap()
        .contains("\"format\": \"cookiejar\""));
    // An MSIE file in OUT's place (read only) is replaced by what the
    // extension says.
    let ie = dir.join("ie.txt");
    std::fs::write(&ie, "sid\nabc\nexample.com/\n1024\n1\n2\n3\n4\n*\n").unwrap();
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        ie.to_str().unwrap(),
        "--keep-session",
    ]);
    assert!(std::fs::read_to_string(&ie)
        .unwrap()
        .starts_with("# Netscape HTTP Cookie File"));
    // A storageState stays one.
    let state = dir.join("state.json");
    std::fs::write(&state, "{\"cookies\": [], \"origins\": []}\n").unwrap();
    run_ok(&[
        "convert",
        "examples/cookies.txt",
        state.to_str().unwrap(),
        "--keep-session",
    ]);
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(
        text.contains("\"origins\"") && !text.contains("\"format\""),
        "{text}"
    );
    // An empty file of cookie_store's older form converted onto itself
    // stays empty, in its form (nothing tells its form but --from).
    let empty = dir.join("empty.json");
    std::fs::write(&empty, "").unwrap();
    let e = empty.to_str().unwrap();
    run_ok(&["convert", e, e, "--from", "cookie-store-lines"]);
    assert_eq!(std::fs::read(&empty).unwrap().len(), 0);
    // The table's values line up, however long the flags.
    let long = dir.join("long.json");
    let record = r#"{"raw_cookie":"l=1; HttpOnly; SameSite=Strict; Partitioned; Secure","path":["/",false],"domain":{"HostOnly":"a.example"},"expires":{"AtUtc":"2001-01-01T00:00:00Z"}}"#;
    let short = r#"{"raw_cookie":"s=1","path":["/",false],"domain":{"Suffix":"a.example"},"expires":"SessionEnd"}"#;
    std::fs::write(&long, format!("{record}\n{short}\n")).unwrap();
    let table = stdout(&run_ok(&["list", long.to_str().unwrap(), "--lenient"]));
    assert!(
        table.contains("samesite=strict,partitioned,host-only,expired"),
        "{table}"
    );
    let column: Vec<usize> = table
        .lines()
        .filter(|l| l.contains("***") || l.ends_with("value"))
        .map(|l| l.rfind(' ').unwrap())
        .collect();
    assert!(column.windows(2).all(|w| w[0] == w[1]), "{table}");
}

/// A cookie the output format cannot hold (a TAB in a name, which LWP
/// holds and cookies.txt cannot) is left out with one line on stderr;
/// the others are converted.
#[test]
fn convert_leaves_out_what_the_output_cannot_hold() {
    let dir = tempdir();
    let lwp = dir.join("tab.lwp");
    std::fs::write(
        &lwp,
        "#LWP-Cookies-2.0\n\
         Set-Cookie3: fine=1; path=\"/\"; domain=\"example.com\"; version=0\n\
         Set-Cookie3: _=2; path=\"/\"; domain=\"example.com\"; x-name=\"a\tb\"; version=0\n",
    )
    .unwrap();
    let txt = dir.join("tab.txt");
    let o = run_ok(&[
        "convert",
        lwp.to_str().unwrap(),
        txt.to_str().unwrap(),
        "--keep-session",
    ]);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("left out") && err.contains("TAB"), "{err}");
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(text.contains("\tfine\t1\n"), "{text}");
    assert!(!text.contains("\t2\n"), "{text}");
    // `--strict` fails on it instead, and leaves OUT as it was.
    let o = run(&[
        "convert",
        lwp.to_str().unwrap(),
        txt.to_str().unwrap(),
        "--keep-session",
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("TAB"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), text);
}

/// Converting to cookies.txt says how many cookies lost their
/// `SameSite`, which the format cannot hold; to LWP, nothing is said.
#[test]
fn convert_notes_the_samesite_cookies_txt_loses() {
    let dir = tempdir();
    let lwp = dir.join("same-site.lwp");
    std::fs::write(
        &lwp,
        "#LWP-Cookies-2.0\n\
         Set-Cookie3: a=1; path=\"/\"; domain=\"example.com\"; expires=\"2037-01-01 00:00:00Z\"; SameSite=Strict; version=0\n\
         Set-Cookie3: b=2; path=\"/\"; domain=\"example.com\"; expires=\"2037-01-01 00:00:00Z\"; version=0\n",
    )
    .unwrap();
    let txt = dir.join("same-site.txt");
    let o = run_ok(&["convert", lwp.to_str().unwrap(), txt.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("wrote 1 cookie without its SameSite attribute"),
        "{err}"
    );
    let back = dir.join("back.lwp");
    let o = run_ok(&["convert", lwp.to_str().unwrap(), back.to_str().unwrap()]);
    assert_eq!(stderr(&o), "");
    assert!(std::fs::read_to_string(&back)
        .unwrap()
        .contains("SameSite=Strict"));
}

#[test]
fn convert_failures_write_nothing() {
    let dir = tempdir();
    let bad = dir.join("bad.txt");
    std::fs::write(
        &bad,
        "# Netscape HTTP Cookie File\n.a.com\tTRUE\t/\tFALSE\tnot-a-number\tn\tv\n",
    )
    .unwrap();
    let out = dir.join("out.lwp");
    let previous =
        "#LWP-Cookies-2.0\nSet-Cookie3: a=1; path=\"/\"; domain=a.com; discard; version=0\n";
    std::fs::write(&out, previous).unwrap();
    let o = run(&[
        "convert",
        bad.to_str().unwrap(),
        out.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("bad.txt") && err.contains("line 2"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), previous);
    let o = run(&["convert", "no/such.txt", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such.txt"));
    // An OUT whose format nothing tells (no --to, an unknown extension,
    // a blank input) is not written.
    let blank = dir.join("blank.txt");
    std::fs::write(&blank, " \n\n").unwrap();
    let unknown = dir.join("x.unknown");
    let o = run(&[
        "convert",
        blank.to_str().unwrap(),
        unknown.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--to"), "{}", stderr(&o));
    assert!(!unknown.exists());
    let o = run(&["convert", "examples/cookies.txt", "-", "--to", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn list_hides_values_unless_asked() {
    let o = run_ok(&["list", "examples/cookies.txt"]);
    let out = stdout(&o);
    assert!(out.contains("4 cookies"), "{out}");
    assert!(!out.contains("abc123"), "{out}");
    let o = run(&[
        "list",
        "examples/cookies.txt",
        "--show-values",
        "--domain",
        "shop.example.com",
    ]);
    let out = stdout(&o);
    assert!(out.contains("abc123") && out.contains("2 cookies"), "{out}");
    let o = run(&[
        "list",
        "examples/cookies.txt",
        "--format",
        "json",
        "--domain",
        "example.org",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "consent");
    assert!(v[0]["value"].is_null());
}

#[test]
fn query_gives_the_cookie_header() {
    let o = run_ok(&[
        "query",
        "examples/cookies.txt",
        "https://shop.example.com/cart/view",
    ]);
    assert_eq!(stdout(&o), "cart=3-items; lang=en; sid=abc123\n");
    let o = run(&["query", "examples/cookies.txt", "http://shop.example.com/"]);
    assert_eq!(stdout(&o), "lang=en\n");
    let o = run(&["query", "examples/cookies.txt", "https://other.test/"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    let o = run(&["query", "examples/cookies.txt", "not a url"]);
    assert_eq!(o.status.code(), Some(2));
    // A domain cookie for a public suffix in the file is the suffix
    // host's own, not sent to every site under it.
    let dir = tempdir();
    let file = dir.join("super.txt");
    std::fs::write(
        &file,
        "# Netscape HTTP Cookie File\n.com\tTRUE\t/\tFALSE\t2145916800\tsuper\t1\n\
         .example.com\tTRUE\t/\tFALSE\t2145916800\tlang\ten\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let o = run_ok(&["query", f, "https://anything.com/"]);
    assert_eq!(stdout(&o), "");
    let o = run(&["query", f, "https://com/"]);
    assert_eq!(stdout(&o), "super=1\n");
    let o = run(&["query", f, "https://www.example.com/"]);
    assert_eq!(stdout(&o), "lang=en\n");
}

/// `query --site` asks for a request made from a page on another site:
/// `SameSite` decides (Chrome's rules unless `--same-site` says other),
/// with `--navigation` and `--method` for a top-level navigation.
#[test]
fn query_from_another_site_applies_samesite() {
    let dir = tempdir();
    let file = dir.join("same-site.lwp");
    let line = |name: &str, attrs: &str| {
        format!(
            "Set-Cookie3: {name}=1; path=\"/\"; domain=\"shop.example\"; secure; \
             expires=\"2037-01-01 00:00:00Z\"; {attrs}version=0\n"
        )
    };
    let text = format!(
        "#LWP-Cookies-2.0\n{}{}{}{}",
        line("strict", "SameSite=Strict; "),
        line("lax", "SameSite=Lax; "),
        line("none", "SameSite=None; "),
        line("unset", "")
    );
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let url = "https://shop.example/";
    let query = |extra: &[&str]| {
        let mut args = vec!["query", f, url];
        args.extend_from_slice(extra);
        stdout(&run_ok(&args))
    };
    assert_eq!(query(&[]), "strict=1; lax=1; none=1; unset=1\n");
    assert_eq!(
        query(&["--site", "www.shop.example"]),
        "strict=1; lax=1; none=1; unset=1\n"
    );
    assert_eq!(query(&["--site", "evil.example"]), "none=1\n");
    // An origin: the same host over http is another site.
    assert_eq!(
        query(&["--site", "https://www.shop.example"]),
        "strict=1; lax=1; none=1; unset=1\n"
    );
    assert_eq!(query(&["--site", "http://shop.example"]), "none=1\n");
    assert_eq!(
        query(&["--site", "evil.example", "--navigation"]),
        "lax=1; none=1; unset=1\n"
    );
    assert_eq!(
        query(&["--site", "evil.example", "--navigation", "--method", "POST"]),
        "none=1\n"
    );
    assert_eq!(
        query(&["--site", "evil.example", "--navigation", "--method", "head"]),
        "lax=1; none=1; unset=1\n"
    );
    assert_eq!(
        query(&["--site", "evil.example", "--same-site", "none"]),
        "none=1; unset=1\n"
    );
    assert_eq!(
        query(&["--site=evil.example", "--same-site=ignore"]),
        "strict=1; lax=1; none=1; unset=1\n"
    );
    for bad in [
        &["--navigation"][..],
        &["--method", "POST"],
        &["--site", "evil.example", "--same-site", "strict"],
        &["--site=", "--navigation"],
        &["--site", "http://"],
    ] {
        let mut args = vec!["query", f, url];
        args.extend_from_slice(bad);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{bad:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{bad:?}");
    }
}

/// `replay --check` on the WPT 2020 http-state scenarios: the only
/// mismatch is the case expected-failures.txt lists (a WPT harness
/// artefact).
#[test]
fn replay_check_on_wpt2020_scenarios() {
    let o = run(&[
        "replay",
        "--check",
        "tests/conformance/http-state-wpt2020-scenarios.jsonl",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let mismatches: Vec<&str> = out.lines().filter(|l| l.starts_with("MISMATCH")).collect();
    assert_eq!(mismatches.len(), 1, "{out}");
    assert!(
        mismatches[0].starts_with("MISMATCH wpt2020/attribute0023 "),
        "{out}"
    );
    assert!(out.contains("24 scenarios, 1 mismatch"), "{out}");
}

/// A file with no cookie to read (junk, or another format) is an error
/// with one line, and the output file is left as it was, not emptied.
#[test]
fn convert_refuses_input_without_cookies() {
    let dir = tempdir();
    let junk = dir.join("junk.txt");
    let bytes: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&junk, bytes).unwrap();
    let readme = dir.join("notes.txt");
    std::fs::write(&readme, "# Notes\nsome text\nmore text with\ttabs\n").unwrap();
    let out = dir.join("keep.lwp");
    std::fs::write(
        &out,
        "#LWP-Cookies-2.0\nSet-Cookie3: a=1; path=\"/\"; domain=x.example\n",
    )
    .unwrap();
    let before = std::fs::read(&out).unwrap();
    for (input, from) in [(&junk, None), (&readme, None), (&readme, Some("msie"))] {
        let mut args = vec!["convert", input.to_str().unwrap(), out.to_str().unwrap()];
        if let Some(f) = from {
            args.extend(["--from", f]);
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no cookies read"), "{err}");
        assert_eq!(std::fs::read(&out).unwrap(), before, "{args:?}");
    }
    // An empty cookies.txt is a file with no cookies, not an error.
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "# Netscape HTTP Cookie File\n").unwrap();
    run_ok(&[
        "convert",
        empty.to_str().unwrap(),
        dir.join("e.lwp").to_str().unwrap(),
    ]);
}

/// A write error (a full disk) or an argument that is not UTF-8 is one
/// line and exit 2, not a panic; errors name the user's files.
#[cfg(target_os = "linux")]
#[test]
fn output_errors_and_odd_arguments_are_one_line() {
    use std::os::unix::ffi::OsStrExt;
    let full = || {
        std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for args in [
        &["query", "tests/data/curl-7.88.1.txt", "http://localhost/"][..],
        &["list", "tests/data/curl-7.88.1.txt"][..],
        &["replay", "examples/session.json"][..],
        &["--help"][..],
    ] {
        let o = bin()
            .args(args)
            .current_dir(root())
            .stdout(full())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{args:?}: {}", stderr(&o));
    }
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    let o = bin().arg("list").arg(odd).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
    // A strict-mode error names the file read, whatever its name.
    let dir = tempdir();
    let f = dir.join("cookies");
    std::fs::write(&f, "# Netscape HTTP Cookie File\nnot a cookie line\n").unwrap();
    let o = run(&["list", f.to_str().unwrap(), "--from", "lwp"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("cookiejar: {}: ", f.display())),
        "{}",
        stderr(&o)
    );
}

/// A bad scenario later in a JSON-lines file leaves no partial output;
/// a bad URL is found as the file is read, and named by its line.
#[test]
fn replay_prints_nothing_when_a_later_scenario_is_bad() {
    let f = temp_file(
        "two.jsonl",
        concat!(
            r#"{"policy": {"mode": "rfc6265"}, "steps": [{"op": "request", "url": "http://a.test/"}]}"#,
            "\n",
            r#"{"policy": {"mode": "rfc6265"}, "steps": [{"op": "request", "url": "bad"}]}"#,
            "\n"
        ),
    );
    let o = run(&["replay", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{}: scenario line 2: step 1: invalid url",
            f.display()
        )),
        "{}",
        stderr(&o)
    );
}

/// An HTTPie session of the layout before 3.1 keeps no domain: its
/// cookies are skipped unless bound to the session's host (by
/// `convert`, `list` and `query`), and `--bind-host` is refused for
/// another format.
#[test]
fn bind_host_reads_an_old_httpie_session() {
    let old = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/httpie/session-3.0.2.json"
    );
    let o = run(&["list", old]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--bind-host"), "{}", stderr(&o));
    let dir = tempdir();
    let out = dir.join("cookies.txt");
    let out = out.to_str().unwrap();
    run_ok(&[
        "convert",
        old,
        out,
        "--bind-host",
        "127.0.0.1",
        "--keep-session",
    ]);
    let text = std::fs::read_to_string(out).unwrap();
    assert!(
        text.contains("127.0.0.1\tFALSE\t/\tFALSE\t0\tplain\tp1\n"),
        "{text}"
    );
    let o = run(&["list", out, "--bind-host", "127.0.0.1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--bind-host is for HTTPie session files, not mozilla"),
        "{}",
        stderr(&o)
    );

    // `query` binds them too, and then sends what HTTPie 3.0.2 sent from
    // that session (`sent-3.0.2.json`), and its two `Secure` cookies,
    // since it treats loopback as secure.
    let o = run(&["query", old, "http://127.0.0.1/"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--bind-host"), "{}", stderr(&o));
    let sent = std::fs::read_to_string(root().join("tests/data/httpie/sent-3.0.2.json")).unwrap();
    let sent: serde_json::Value = serde_json::from_str(&sent).unwrap();
    let httpie = sent
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["url"] == "http://127.0.0.1:18080/")
        .unwrap()["cookie"]
        .as_str()
        .unwrap();
    let o = run_ok(&[
        "query",
        old,
        "http://127.0.0.1:18080/",
        "--bind-host",
        "127.0.0.1",
    ]);
    let ours = stdout(&o);
    let ours: Vec<&str> = ours.trim_end().split("; ").collect();
    let mut want: Vec<&str> = httpie.split("; ").chain(["lsec=ls", "sec=s1"]).collect();
    want.sort_unstable();
    assert_eq!(ours, want);
    let o = run(&["query", out, "http://127.0.0.1/", "--bind-host", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--bind-host is for HTTPie session files, not mozilla"),
        "{}",
        stderr(&o)
    );
}

/// An HTTPie session converted onto itself with `--bind-host` has each
/// cookie once, bound to the host, as `httpie cli sessions upgrade
/// --bind-cookies` leaves it: a save over a session keeps its cookies
/// without a domain, but not those the jar holds bound.
#[test]
fn binding_an_old_httpie_session_in_place_keeps_each_cookie_once() {
    let dir = tempdir();
    let file = dir.join("session.json");
    let old = root().join("tests/data/httpie/session-3.0.2.json");
    std::fs::copy(&old, &file).unwrap();
    let path = file.to_str().unwrap();
    let (keep_session, keep_expired) = ("--keep-session", "--keep-expired");
    run_ok(&[
        "convert",
        path,
        path,
        "--bind-host",
        "127.0.0.1",
        keep_session,
        keep_expired,
    ]);
    let read = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    let (before, after) = (read(&old), read(&file));
    let mut names: Vec<&str> = after["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["domain"], "127.0.0.1", "{c}");
            c["name"].as_str().unwrap()
        })
        .collect();
    names.sort_unstable();
    let want: Vec<&str> = before["cookies"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(names, want);
    assert_eq!(after["headers"], before["headers"]);
}

/// `--version` names the crate's version and the vendored list's, which
/// decides what is a public suffix.
#[test]
fn version_names_the_public_suffix_list() {
    for flag in ["--version", "-V"] {
        let out = stdout(&run_ok(&[flag]));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                format!("cookiejar {}", env!("CARGO_PKG_VERSION")),
                format!(
                    "public suffix list: {}",
                    cookiejar::psl::BuiltinList::VERSION
                ),
            ],
            "{flag}"
        );
        assert!(lines[1].contains("publicsuffix 2"), "{out}");
    }
}

/// The help lists every format by its name, under whether it is
/// written.
#[test]
fn help_lists_every_format() {
    let help = stdout(&run_ok(&["--help"]));
    let (written, read_only) = help
        .split_once("formats read only:")
        .expect("a read-only section");
    for format in cookiejar::format::Format::ALL {
        let line = format!("\n  {} ", format.name());
        let section = match format.writable() {
            true => written,
            false => read_only,
        };
        assert!(section.contains(&line), "{format:?} missing:\n{help}");
    }
}

/// `--help` after a command prints the usage; `convert` says it cannot
/// tell the output format before it reads (and reports on) the input.
#[test]
fn help_after_a_command_and_output_format_first() {
    // Each command's help: its synopsis and its options only, asked for
    // anywhere among its arguments (not as an option's value), or with
    // `cookiejar help CMD`.
    let own = [
        ("convert", "--drop-session"),
        ("list", "--show-values"),
        ("query", "--site HOST"),
        ("replay", "--explain"),
    ];
    for (cmd, _) in own {
        for args in [
            &[cmd, "--help"][..],
            &[cmd, "-h"],
            &[cmd, "a", "--help"],
            &["help", cmd],
        ] {
            let o = run(args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
            let help = stdout(&o);
            assert!(
                help.starts_with(&format!("usage:\n  cookiejar {cmd} ")),
                "{args:?}: {help}"
            );
            assert_eq!(help.matches("  cookiejar ").count(), 1, "{help}");
            for (other, other_option) in own {
                let listed = help.contains(&format!("\n  {other_option}"));
                assert_eq!(listed, other == cmd, "{cmd} help, {other_option}:\n{help}");
            }
            assert_eq!(help.contains("formats (FMT)"), cmd != "replay");
            // Every command reads standard input for -; replay has no OUT.
            assert!(help.contains("FILE") && help.contains(" may be - for standard input"));
            assert_eq!(help.contains("OUT - for standard output"), cmd != "replay");
        }
    }
    let o = run(&["help", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempdir();
    let input = dir.join("half.txt");
    std::fs::write(
        &input,
        "# Netscape HTTP Cookie File\nbad line\n.example.com\tTRUE\t/\tFALSE\t0\ta\t1\n",
    )
    .unwrap();
    // Without --to or an extension, OUT is in IN's format; what was left
    // out is said on stderr.
    let o = run_ok(&["convert", input.to_str().unwrap(), "-", "--drop-session"]);
    assert!(stdout(&o).starts_with("# Netscape HTTP Cookie File"));
    assert!(!stdout(&o).contains("\ta\t1"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("skipped line 2"), "{err}");
    assert!(
        err.contains("left out 1 session cookie (as --drop-session asks)"),
        "{err}"
    );
    // Session cookies are kept by default (--keep-session, once needed,
    // is still taken).
    for keep in [None, Some("--keep-session")] {
        let mut args = vec!["convert", input.to_str().unwrap(), "-"];
        args.extend(keep);
        let o = run(&args);
        assert!(stdout(&o).contains("\ta\t1"), "{}", stdout(&o));
        assert!(!stderr(&o).contains("left out"), "{}", stderr(&o));
    }
    let o = run(&[
        "convert",
        input.to_str().unwrap(),
        "-",
        "--keep-session",
        "--drop-session",
    ]);
    assert_eq!(o.status.code(), Some(2));
    // A kept session cookie's expiry: 0 (curl), or empty (Python).
    let o = run_ok(&["convert", input.to_str().unwrap(), "-"]);
    assert!(stdout(&o).contains("\tFALSE\t0\ta\t1"), "{}", stdout(&o));
    let path = input.to_str().unwrap();
    let o = run_ok(&[
        "convert",
        path,
        "-",
        "--keep-session",
        "--session-expiry",
        "empty",
    ]);
    assert!(stdout(&o).contains("\tFALSE\t\ta\t1"), "{}", stdout(&o));
    let o = run(&["convert", path, "-", "--session-expiry", "never"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--session-expiry is zero or empty"),
        "{}",
        stderr(&o)
    );
    // cookies.txt's switches, for another format or for no session
    // cookie, are mistakes.
    for (args, says) in [
        (
            &["--to", "lwp", "--session-expiry", "empty"][..],
            "--session-expiry is for cookies.txt output (mozilla), not lwp",
        ),
        (
            &["--to", "json", "--http-only", "plain"][..],
            "--http-only is for cookies.txt output (mozilla), not json",
        ),
        (
            &["--drop-session", "--session-expiry", "zero"][..],
            "--session-expiry with --drop-session",
        ),
    ] {
        let mut all = vec!["convert", path, "-"];
        all.extend(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
    // --strict fails on the line not read.
    let o = run(&[
        "convert",
        input.to_str().unwrap(),
        "-",
        "--strict",
        "--to",
        "lwp",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let o = run(&["convert", input.to_str().unwrap(), "-", "--to", "msie"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("read only"), "{err}");
    // Only a command's first argument asks for help; an unknown command
    // stays one.
    let o = run_ok(&["list", "examples/cookies.txt", "--domain", "-h"]);
    assert!(!stdout(&o).starts_with("usage:"), "{}", stdout(&o));
    let o = run(&["bogus", "--help"]);
    assert_eq!(o.status.code(), Some(2));
    // `query` of a file with no cookie line fails as `list` does.
    let junk = dir.join("junk.txt");
    std::fs::write(&junk, "hello\nfoo\n").unwrap();
    let o = run(&["query", junk.to_str().unwrap(), "https://example.com/"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no cookies read"), "{}", stderr(&o));
}

/// An LWP file is read strictly by default (as Python reads it);
/// `--lenient` skips a bad line and lists it.
#[test]
fn lenient_reads_a_bad_lwp_line() {
    let dir = tempdir();
    let lwp = dir.join("bad.lwp");
    std::fs::write(
        &lwp,
        b"#LWP-Cookies-2.0\nSet-Cookie3: a=\xff; path=\"/\"; domain=\"example.com\"; version=0\n\
          Set-Cookie3: b=1; path=\"/\"; domain=\"example.com\"; version=0\n",
    )
    .unwrap();
    let f = lwp.to_str().unwrap();
    // The error says that a lenient read would skip the line, unless
    // --strict was asked for.
    for cmd in [&["list", f][..], &["query", f, "https://example.com/"]] {
        let o = run(cmd);
        assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
        assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("(--lenient skips what cannot be read)"),
            "{}",
            stderr(&o)
        );
    }
    let o = run(&["list", f, "--strict"]);
    assert!(!stderr(&o).contains("--lenient"), "{}", stderr(&o));
    let o = run_ok(&["list", f, "--lenient", "--format", "json"]);
    assert!(stderr(&o).contains("skipped line 2"), "{}", stderr(&o));
    assert_eq!(stdout(&o).matches("\"name\"").count(), 1, "{}", stdout(&o));
    let o = run(&["query", f, "https://example.com/", "--lenient"]);
    assert_eq!(stdout(&o), "b=1\n");
    let o = run(&["list", f, "--strict", "--lenient"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A reader that goes away ends the program quietly, with the status of
/// one killed by SIGPIPE; no error line.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::process::Stdio;
    let dir = tempdir();
    let big = dir.join("big.txt");
    // Far more than a pipe holds, so the writer blocks until the reader
    // is gone, whenever it starts.
    let lines: String = (0..5000)
        .map(|i| format!(".site{i}.example\tTRUE\t/\tFALSE\t2000000000\tn{i}\tv\n"))
        .collect();
    std::fs::write(&big, format!("# Netscape HTTP Cookie File\n{lines}")).unwrap();
    let mut child = bin()
        .args(["list", big.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(141), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// `--strict` fails on any line not read, a cookie the jar refuses
/// included; blank files are empty cookie files; `query` wants an HTTP
/// URL, whole.
#[test]
fn strict_blank_files_and_query_urls() {
    let dir = tempdir();
    let ctl = dir.join("ctl.lwp");
    std::fs::write(
        &ctl,
        "#LWP-Cookies-2.0\nSet-Cookie3: c=\"a\x01b\"; path=\"/\"; domain=a.com; version=0\n\
         Set-Cookie3: d=1; path=\"/\"; domain=a.com; version=0\n",
    )
    .unwrap();
    let o = run_ok(&["list", ctl.to_str().unwrap()]);
    assert!(stdout(&o).ends_with("\n1 cookie\n"), "{}", stdout(&o));
    assert!(stderr(&o).contains("skipped line 2"), "{}", stderr(&o));
    for cmd in [
        &["list", ctl.to_str().unwrap(), "--strict"][..],
        &["query", ctl.to_str().unwrap(), "https://a.com/", "--strict"],
    ] {
        let o = run(cmd);
        assert_eq!(o.status.code(), Some(2), "{cmd:?}");
        assert!(stdout(&o).is_empty(), "{cmd:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("line 2") && err.contains("--strict"), "{err}");
    }
    let blank = dir.join("blank.txt");
    std::fs::write(&blank, "\u{feff}  \n\r\n").unwrap();
    let o = run_ok(&["list", blank.to_str().unwrap()]);
    assert!(stdout(&o).ends_with("\n0 cookies\n"), "{}", stdout(&o));
    let o = run(&["query", blank.to_str().unwrap(), "https://a.com/"]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), String::new()));
    for (url, says) in [
        ("a.com", "http://a.com"),
        ("ftp://a.com/", "only over http"),
        ("file:///etc/passwd", "only over http"),
    ] {
        let o = run(&["query", "examples/cookies.txt", url]);
        assert_eq!(o.status.code(), Some(2), "{url}");
        assert!(stderr(&o).contains(says), "{url}: {}", stderr(&o));
    }
}

/// Lines read with a change are counted on stderr, and listed with
/// `--verbose`; skipped lines are listed either way.
#[test]
fn lines_read_with_a_change_are_counted_or_listed() {
    let f = temp_file(
        "wget.txt",
        "# HTTP cookie file.\nlocalhost:8080\tFALSE\t/\tFALSE\t0\tsid\t1\nbad line\n",
    );
    let f = f.to_str().unwrap();
    let o = run_ok(&["query", f, "http://localhost/"]);
    assert_eq!(stdout(&o), "sid=1\n");
    let err = stderr(&o);
    assert!(err.contains("skipped line 3"), "{err}");
    assert!(
        err.contains("2 lines read with a change (--verbose lists them)"),
        "{err}"
    );
    let o = run(&["list", f, "--verbose"]);
    let err = stderr(&o);
    assert!(
        err.contains("read line 2: a port after the domain"),
        "{err}"
    );
    assert!(!err.contains("--verbose lists them"), "{err}");
}

/// `list --domain` takes a Unicode domain, as the jar keeps it in
/// A-labels.
#[test]
fn list_domain_takes_unicode() {
    let f = temp_file(
        "idn.txt",
        "# Netscape HTTP Cookie File\n.www.xn--bcher-kva.de\tTRUE\t/\tFALSE\t2145916800\ta\t1\n",
    );
    let o = run_ok(&["list", f.to_str().unwrap(), "--domain", "BÜCHER.de"]);
    assert!(stdout(&o).ends_with("\n1 cookie\n"), "{}", stdout(&o));
}

/// A single-dash argument other than `-` is a mistyped option.
#[test]
fn single_dash_arguments_are_options() {
    let o = run(&["replay", "-c", "examples/session.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown option \"-c\""),
        "{}",
        stderr(&o)
    );
    run_ok(&["list", "-"]);
}

/// `convert IN IN` (by any spelling of the path) refuses to lose the
/// session and expired cookies a save leaves out, and keeps the file.
#[test]
fn converting_a_file_onto_itself_keeps_its_cookies() {
    let dir = tempdir();
    let file = dir.join("self.txt");
    let text = "# Netscape HTTP Cookie File\n\
                .example.com\tTRUE\t/\tFALSE\t0\tsession\t1\n\
                .example.com\tTRUE\t/\tFALSE\t4102444800\tlasting\t1\n";
    std::fs::write(&file, text).unwrap();
    let again = dir.join(".").join("self.txt");
    let o = run(&[
        "convert",
        file.to_str().unwrap(),
        again.to_str().unwrap(),
        "--drop-session",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("OUT is IN"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    run_ok(&[
        "convert",
        file.to_str().unwrap(),
        file.to_str().unwrap(),
        "--keep-session",
        "--keep-expired",
    ]);
    let kept = std::fs::read_to_string(&file).unwrap();
    assert!(
        kept.contains("\tsession\t1") && kept.contains("\tlasting\t1"),
        "{kept}"
    );
    // Lines not read would be lost too, and standard input redirected
    // from the file is the file (review).
    let text = format!("{kept}not a cookie line\n");
    std::fs::write(&file, &text).unwrap();
    let path = file.to_str().unwrap();
    let o = run(&["convert", path, path, "--keep-session", "--keep-expired"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("1 line not read"), "{}", stderr(&o));
    let o = bin()
        .args(["convert", "-", path])
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("OUT is IN"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

/// `convert IN IN --to FMT` refuses to lose the cookies FMT cannot hold
/// (a TAB in an LWP value, which no cookies.txt line can hold), as it
/// refuses to lose session and expired cookies: the file is kept
/// (review: the file was rewritten without them, exit 0).
#[test]
fn converting_a_file_onto_itself_keeps_the_cookies_the_format_cannot_hold() {
    let dir = tempdir();
    let file = dir.join("self.lwp");
    let text = "#LWP-Cookies-2.0\n\
                Set-Cookie3: a=1; path=\"/\"; domain=\".a.example\"; expires=\"2100-01-01 00:00:00Z\"; version=0\n\
                Set-Cookie3: tabby=\"x\ty\"; path=\"/\"; domain=\".a.example\"; expires=\"2100-01-01 00:00:00Z\"; version=0\n";
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    let o = run(&["convert", path, path, "--to", "mozilla"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("OUT is IN"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // Nameless cookies, which cookie_store cannot hold.
    let text = "# Netscape HTTP Cookie File\n\
                .a.example\tTRUE\t/\tFALSE\t4102444800\t\ttoken\n\
                .a.example\tTRUE\t/\tFALSE\t4102444800\tb\t1\n";
    std::fs::write(&file, text).unwrap();
    let o = run(&["convert", path, path, "--to", "cookie-store"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

/// A partitioned cookie written to cookies.txt, which has no field for
/// the flag, reads back unpartitioned (sent from every site's pages):
/// `convert` writes it and says so, as it does for `SameSite` (review:
/// nothing was said).
#[test]
fn converting_a_partitioned_cookie_to_cookies_txt_says_what_is_lost() {
    let lwp = temp_file(
        "chips.lwp",
        "#LWP-Cookies-2.0\n\
         Set-Cookie3: chip=1; path=\"/\"; domain=\"a.example\"; secure; partitioned; expires=\"2100-01-01 00:00:00Z\"; version=0\n",
    );
    let o = run_ok(&["convert", lwp.to_str().unwrap(), "-", "--to", "mozilla"]);
    // Written, as a cookie that loses its `SameSite` is, and said once.
    assert!(stdout(&o).contains("\tchip\t1"), "{}", stdout(&o));
    assert_eq!(
        stderr(&o).matches("without its Partitioned flag").count(),
        1,
        "{}",
        stderr(&o)
    );
}

/// An HTTPie session keeps neither `SameSite` nor `HttpOnly`: `convert`
/// says that a cookie lost its `SameSite`, as it says it for cookies.txt
/// (review: nothing was said).
#[test]
fn converting_to_httpie_says_which_cookies_lose_their_samesite() {
    let lwp = temp_file(
        "strict.lwp",
        "#LWP-Cookies-2.0\n\
         Set-Cookie3: sid=1; path=\"/\"; domain=\"a.example\"; SameSite=Strict; expires=\"2100-01-01 00:00:00Z\"; version=0\n",
    );
    let out = lwp.with_file_name("session.json");
    let o = run_ok(&[
        "convert",
        lwp.to_str().unwrap(),
        out.to_str().unwrap(),
        "--to",
        "httpie",
    ]);
    assert!(
        stderr(&o).contains(
            "wrote 1 cookie without its SameSite attribute, which an HTTPie session has no field for"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn converts_a_firefox_profile_with_its_log_and_never_writes_one() {
    let dir = tempdir();
    let db = dir.join("cookies.sqlite");
    let data = root().join("tests/data/sqlite");
    std::fs::copy(data.join("firefox-v17.sqlite"), &db).unwrap();
    std::fs::copy(
        data.join("firefox-v17.sqlite-wal"),
        dir.join("cookies.sqlite-wal"),
    )
    .unwrap();
    let o = run_ok(&[
        "convert",
        db.to_str().unwrap(),
        "-",
        "--to",
        "mozilla",
        "--keep-session",
    ]);
    let out = stdout(&o);
    // `late` is only in the log; a container's cookie is skipped.
    assert!(
        out.contains("www.example.com\tFALSE\t/\tFALSE\t1893456000\tlate\t1\n"),
        "{out}"
    );
    assert!(out.contains("\tpref\tchanged\n"), "{out}");
    assert!(!out.contains("\tbox\t"), "{out}");
    assert!(
        stderr(&o).contains(
            "left out 7 cookies of other browser contexts (containers, private windows, \
             partitioned under another site)"
        ),
        "{}",
        stderr(&o)
    );
    // Onto a database, or to one by name or --to: refused, file intact.
    let before = std::fs::read(&db).unwrap();
    let txt = temp_file("in.txt", "www.example.com\tFALSE\t/\tFALSE\t0\ta\t1\n");
    let o = run(&["convert", txt.to_str().unwrap(), "-", "--to", "firefox"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cookiejar: convert: firefox cookie files are read only: write lwp, mozilla, json, \
         playwright, webdriver, tough-cookie, tough-cookie-file-store, guzzle, httpie, \
         cookie-store, cookie-store-lines (--to)\n"
    );
    // Never over a browser's database, whatever --to says.
    for to in [None, Some("mozilla")] {
        let mut args = vec!["convert", txt.to_str().unwrap(), db.to_str().unwrap()];
        args.extend(to.map(|t| ["--to", t]).into_iter().flatten());
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            format!(
                "cookiejar: convert: {} is a firefox cookie file, which convert never writes \
                 over (write elsewhere, or remove it first)\n",
                db.display()
            )
        );
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // `list` and `query` read it too.
    let o = run_ok(&[
        "query",
        db.to_str().unwrap(),
        "https://www.example.com/app/",
    ]);
    assert!(
        stdout(&o).starts_with("pref=changed; sid=abc; strict=1; chips=1"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn converts_a_safari_file_and_never_writes_one() {
    let file = root().join("tests/data/safari/Cookies.binarycookies");
    let o = run_ok(&["convert", file.to_str().unwrap(), "-", "--to", "mozilla"]);
    let out = stdout(&o);
    assert!(
        out.contains("#HttpOnly_.example.com\tTRUE\t/\tTRUE\t1893456000\tsid\tabc\n"),
        "{out}"
    );
    // The port-limited cookie stays out of cookies.txt.
    assert!(!out.contains("\tv1\t"), "{out}");
    let dir = tempdir();
    let out_file = dir.join("Cookies.binarycookies");
    let o = run(&[
        "convert",
        "tests/data/python-3.11.txt",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("safari cookie files are read only"),
        "{}",
        stderr(&o)
    );
    assert!(!out_file.exists());
}

#[test]
fn list_finds_an_ipv6_domain_written_either_way() {
    let f = temp_file(
        "v6.txt",
        "# Netscape HTTP Cookie File\n[::1]\tFALSE\t/\tFALSE\t0\ta\t1\nexample.com\tFALSE\t/\tFALSE\t0\tb\t2\n",
    );
    for d in ["::1", "[::1]"] {
        let o = run_ok(&["list", f.to_str().unwrap(), "--domain", d]);
        let out = stdout(&o);
        assert!(out.starts_with("domain"), "{out}");
        assert!(
            out.contains("\n[::1] ") && out.ends_with("1 cookie\n"),
            "{d}: {out}"
        );
    }
}

#[test]
fn reads_a_chrome_profile_with_its_keyring_password_and_never_writes_one() {
    let db = tempdir().join("Cookies");
    std::fs::copy(root().join("tests/data/chrome/synthetic-v24.sqlite"), &db).unwrap();
    let list = |password: Option<(&str, bool)>| {
        let mut cmd = bin();
        cmd.args(["list", db.to_str().unwrap(), "--show-values"])
            .args(["--domain", "www.example.com"])
            .env_remove("COOKIEJAR_CHROME_PASSWORD")
            .current_dir(root());
        match password {
            Some((p, true)) => cmd.env("COOKIEJAR_CHROME_PASSWORD", p),
            Some((p, false)) => cmd.args(["--chrome-password", p]),
            None => &mut cmd,
        };
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        o
    };
    // Without the password, macOS's value is skipped, by row, and said.
    let o = list(None);
    assert!(!stdout(&o).contains("keychain"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "skipped row 4: a value encrypted with a key other than Linux's built-in one"
        ),
        "{}",
        stderr(&o)
    );
    // From the environment or the option.
    for given in [true, false] {
        let o = list(Some(("test keyring password", given)));
        assert!(
            stdout(&o).contains(
                "www.example.com                /app            mac_v10              \
                 2026-12-01 00:00:00Z     secure,samesite=none,host-only,expired keychain\n"
            ),
            "{}",
            stdout(&o)
        );
        assert!(!stderr(&o).contains("skipped row 4:"), "{}", stderr(&o));
    }
    // Onto the database: refused, the file intact.
    let before = std::fs::read(&db).unwrap();
    let txt = temp_file("in.txt", "www.example.com\tFALSE\t/\tFALSE\t0\ta\t1\n");
    for to in [None, Some("lwp")] {
        let mut args = vec!["convert", txt.to_str().unwrap(), db.to_str().unwrap()];
        args.extend(to.map(|t| ["--to", t]).into_iter().flatten());
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).ends_with(
                "/Cookies is a chrome cookie file, which convert never writes over \
                 (write elsewhere, or remove it first)\n"
            ),
            "{}",
            stderr(&o)
        );
    }
    // Not even onto itself.
    let d = db.to_str().unwrap();
    let o = run(&["convert", d, d, "--to", "mozilla", "--keep-session"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("never writes over"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// `--chrome-keyring APP` asks libsecret's `secret-tool` for the
/// browser's password: here a stand-in script on `PATH`, which knows one
/// application's.
#[cfg(unix)]
#[test]
fn reads_a_chrome_profile_with_the_password_from_the_keyring() {
    use std::os::unix::fs::PermissionsExt;
    let bin_dir = tempdir();
    let tool = bin_dir.join("secret-tool");
    std::fs::write(
        &tool,
        "#!/bin/sh\n\
         [ \"$1 $2 $3\" = \"lookup application testium\" ] || exit 1\n\
         printf 'test keyring password\\n'\n",
    )
    .unwrap();
    std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let db = root().join("tests/data/chrome/synthetic-v24.sqlite");
    let list = |args: &[&str]| {
        bin()
            .args(["list", db.to_str().unwrap(), "--show-values"])
            .args(args)
            .env("PATH", &path)
            .env_remove("COOKIEJAR_CHROME_PASSWORD")
            .output()
            .unwrap()
    };
    let o = list(&["--chrome-keyring", "testium"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(" keychain\n"), "{}", stdout(&o));
    let o = list(&["--chrome-keyring", "otherium"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cookiejar: --chrome-keyring otherium: the keyring has no password for application \
         otherium (chrome, chromium, brave, ...; is the keyring unlocked?)\n"
    );
    let o = list(&["--chrome-keyring", "testium", "--chrome-password", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("together"), "{}", stderr(&o));
    // No secret-tool at all.
    let o = bin()
        .args(["list", db.to_str().unwrap(), "--chrome-keyring", "chrome"])
        .env("PATH", bin_dir.join("nothing-here"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("cookiejar: --chrome-keyring: cannot run secret-tool"),
        "{}",
        stderr(&o)
    );
    // A file that is not Chrome's: refused before any keyring is asked
    // (without secret-tool, asking would fail otherwise).
    let o = bin()
        .args(["list", "examples/cookies.txt", "--chrome-keyring", "chrome"])
        .env("PATH", bin_dir.join("nothing-here"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "cookiejar: examples/cookies.txt: --chrome-keyring is for Chrome's databases, not \
         mozilla cookie files\n"
    );
}

/// A browser database's log or journal beside it is part of it: convert
/// never writes over one either.
#[test]
fn convert_never_writes_over_a_databases_log_or_journal() {
    let dir = tempdir();
    let data = root().join("tests/data/sqlite");
    let wal = dir.join("cookies.sqlite-wal");
    std::fs::copy(data.join("firefox-v17.sqlite-wal"), &wal).unwrap();
    let journal = dir.join("Cookies-journal");
    std::fs::write(&journal, b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7\0\0\0\x01rest").unwrap();
    let txt = temp_file("in.txt", "www.example.com\tFALSE\t/\tFALSE\t0\ta\t1\n");
    for (out, what) in [
        (&wal, "an SQLite write-ahead log"),
        (&journal, "an SQLite rollback journal"),
    ] {
        let before = std::fs::read(out).unwrap();
        let o = run(&[
            "convert",
            txt.to_str().unwrap(),
            out.to_str().unwrap(),
            "--to",
            "mozilla",
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(
            stderr(&o),
            format!(
                "cookiejar: convert: {} is {what}, part of a browser's database, which convert \
                 never writes over (write elsewhere, or remove it first)\n",
                out.display()
            )
        );
        assert_eq!(std::fs::read(out).unwrap(), before);
    }
}

/// To a device, a storageState is written in place, nothing read first.
#[cfg(unix)]
#[test]
fn convert_to_a_storage_state_on_a_device_does_not_read_it() {
    let txt = temp_file("in.txt", "www.example.com\tFALSE\t/\tFALSE\t0\ta\t1\n");
    let o = run_ok(&[
        "convert",
        txt.to_str().unwrap(),
        "/dev/zero",
        "--to",
        "playwright",
        "--keep-session",
    ]);
    assert_eq!(stdout(&o), "");
}

/// The README gives each command's synopsis as `--help` does.
#[test]
fn readme_synopses_are_the_help() {
    let help = stdout(&run_ok(&["--help"]));
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let synopses: Vec<&str> = help
        .lines()
        .filter_map(|l| l.strip_prefix("  cookiejar "))
        .collect();
    assert_eq!(synopses.len(), 5, "{help}");
    for synopsis in synopses {
        assert!(
            readme.contains(&format!("\ncookiejar {synopsis}\n")),
            "README lacks: cookiejar {synopsis}"
        );
    }
}

/// `convert` does not replace an OUT that is not wholly a cookie file (a
/// mistyped name) unless `--force`: read in `--to`'s format, or the one
/// its content shows. An empty file, a new one and a cookie file are
/// replaced, and IN itself.
#[test]
fn convert_keeps_an_out_that_is_not_a_cookie_file() {
    let dir = tempdir();
    let tsv = "id\tname\tcity\tage\tzip\tphone\temail\n1\tbob\tparis\t33\t75001\t555\tb@x\n";
    let cases: [(&str, &str, Option<&str>, &str); 5] = [
        (
            "notes.txt",
            "my notes\n",
            None,
            "is not a cookie file (in no format this tool reads)",
        ),
        (
            "notes.txt",
            "my notes\n",
            Some("mozilla"),
            "is not wholly a mozilla cookie file (line 1: expected 7",
        ),
        (
            "package.json",
            "{\"name\": \"x\", \"version\": \"1.0.0\"}\n",
            None,
            "is not a cookie file (it does not read as json)",
        ),
        (
            "bad.txt",
            "# Netscape HTTP Cookie File\nnot a line\n",
            None,
            "is not wholly a mozilla cookie file (line 2:",
        ),
        // Seven columns read as cookies.txt, but not every line does.
        (
            "data.tsv",
            tsv,
            None,
            "is not wholly a mozilla cookie file (line 1:",
        ),
    ];
    for (name, content, to, says) in cases {
        let out = dir.join(name);
        std::fs::write(&out, content).unwrap();
        let out = out.to_str().unwrap();
        let mut args = vec!["convert", "examples/cookies.txt", out];
        args.extend(to.iter().flat_map(|to| ["--to", *to]));
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(err.contains(says), "{err}");
        assert!(err.contains("--force"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(std::fs::read_to_string(out).unwrap(), content);
        args.push("--force");
        run_ok(&args);
        let text = std::fs::read_to_string(out).unwrap();
        assert_ne!(text, content);
        // Now a cookie file: replaced again without --force.
        args.pop();
        run_ok(&args);
    }
    // `{}` is an empty tough-cookie-file-store file (what it saves
    // without cookies): taken as one, with --to or without (review: it
    // was refused as "not a cookie file" without).
    for to in [&["--to", "tough-cookie-file-store"][..], &[]] {
        let store = dir.join("store2.json");
        std::fs::write(&store, "{}").unwrap();
        let store = store.to_str().unwrap();
        let mut args = vec!["convert", "examples/cookies.txt", store];
        args.extend(to);
        run_ok(&args);
        let text = std::fs::read_to_string(store).unwrap();
        assert!(text.starts_with("{\"example.com\":{\"/\":{"), "{text}");
    }
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "\n").unwrap();
    run_ok(&["convert", "examples/cookies.txt", empty.to_str().unwrap()]);
    // IN onto itself is judged by its own read: a six-field line that
    // --from reads is no reason to refuse.
    let six = dir.join("six.txt");
    std::fs::write(&six, "example.com\tFALSE\t/\tFALSE\t1900000000\tsid\n").unwrap();
    let six = six.to_str().unwrap();
    run_ok(&["convert", six, six, "--from", "mozilla"]);
    assert!(std::fs::read_to_string(six).unwrap().contains("\tsid\t\n"));
}

/// Options that do not apply are refused, not ignored: a Chrome password
/// for another format, a `--site` that is no host, a `--method` that is
/// no HTTP method.
#[test]
fn options_that_do_not_apply_are_refused() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["list", "examples/cookies.txt", "--chrome-password", "x"],
            "--chrome-password is for Chrome's databases, not mozilla cookie files",
        ),
        (
            &[
                "query",
                "examples/cookies.txt",
                "https://example.com/",
                "--chrome-keyring",
                "x",
            ],
            "--chrome-keyring",
        ),
        (
            &[
                "query",
                "examples/cookies.txt",
                "https://example.com/",
                "--site",
                "not a host!",
            ],
            "--site \"not a host!\" is not a host or an origin",
        ),
        (
            &[
                "query",
                "examples/cookies.txt",
                "https://example.com/",
                "--site",
                "other.example",
                "--method",
                "GE T",
            ],
            "--method \"GE T\" is not an HTTP method",
        ),
    ];
    for (args, says) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    // The environment's password is for any file.
    let o = bin()
        .args(["list", "examples/cookies.txt"])
        .env("COOKIEJAR_CHROME_PASSWORD", "x")
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The table shows quotes in a value as they are, and escapes control
/// and invisible characters and backslashes.
#[test]
fn list_table_shows_quoted_values_as_they_are() {
    let dir = tempdir();
    let file = dir.join("q.txt");
    std::fs::write(
        &file,
        "# Netscape HTTP Cookie File\n\
         a.example\tFALSE\t/\tFALSE\t0\tq\t\"a b\"\n\
         a.example\tFALSE\t/\tFALSE\t0\tbs\ta\\b\n\
         a.example\tFALSE\t/\tFALSE\t0\trtl\ta\u{202e}b\u{2028}c\n",
    )
    .unwrap();
    let o = run_ok(&["list", file.to_str().unwrap(), "--show-values"]);
    let table = stdout(&o);
    assert!(table.contains(" \"a b\"\n"), "{table}");
    assert!(table.contains(" a\\\\b\n"), "{table}");
    // Invisible characters that would reorder or break the line.
    assert!(table.contains(" a\\u{202e}b\\u{2028}c\n"), "{table}");
}
