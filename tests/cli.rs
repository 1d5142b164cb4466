//! Drives the `cookiejar` binary: output, `--check`, and exit codes.

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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn replay_prints_one_line_per_request() {
    let o = run(&["replay", "examples/session.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "sid=abc123; lang=en\nlang=en\nlang=en\nlang=en\n"
    );
}

#[test]
fn replay_check_passes_on_the_example_and_own_scenarios() {
    let o = run(&["replay", "--check", "examples/session.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("1 scenarios, 0 mismatches"));
}

#[test]
fn replay_check_reports_mismatches_with_exit_1() {
    let dir = tempdir();
    let f = dir.join("wrong.json");
    std::fs::write(
        &f,
        r#"{"policy": {"mode": "rfc6265"}, "steps": [
            {"op": "response", "url": "http://a.test/", "set_cookie": ["x=1"]},
            {"op": "request", "url": "http://a.test/", "expect": "x=2"},
            {"op": "request", "url": "http://a.test/", "expect": "x=1"}]}"#,
    )
    .unwrap();
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

/// A fresh folder under the target directory.
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
