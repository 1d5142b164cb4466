//! The `cookiejar` command: replay cookie scenarios (and, later, convert,
//! list and query cookie files).

use std::io::Write;
use std::process::ExitCode;

use cookiejar::scenario::Scenario;

const USAGE: &str = "usage: cookiejar replay FILE [--check]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("replay") => replay(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("cookiejar {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => fail(&format!("unknown command {other:?}; {USAGE}")),
        None => fail(USAGE),
    }
}

/// Prints one line on stderr and exits with status 2.
fn fail(msg: &str) -> ExitCode {
    eprintln!("cookiejar: {msg}");
    ExitCode::from(2)
}

/// `cookiejar replay FILE [--check]`: one line per request step (the
/// `Cookie` header, or empty); with `--check`, a line per mismatch and
/// exit 1 if any. Exit 2 on a malformed file.
fn replay(args: &[String]) -> ExitCode {
    let mut check = false;
    let mut file: Option<&str> = None;
    for a in args {
        match a.as_str() {
            "--check" => check = true,
            s if s.starts_with("--") => return fail(&format!("replay: unknown option {s:?}")),
            s if file.is_none() => file = Some(s),
            s => return fail(&format!("replay: unexpected argument {s:?}")),
        }
    }
    let Some(file) = file else {
        return fail(USAGE);
    };
    let text = if file == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
            return fail(&format!("stdin: {e}"));
        }
        s
    } else {
        match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => return fail(&format!("{file}: {e}")),
        }
    };
    let scenarios = match Scenario::parse_many(&text) {
        Ok(s) => s,
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut mismatches = 0usize;
    for (n, s) in scenarios.iter().enumerate() {
        let outcomes = match s.run() {
            Ok(o) => o,
            Err(e) => {
                let id = s.id.clone().unwrap_or_else(|| format!("#{}", n + 1));
                return fail(&format!("{file}: {id}: {e}"));
            }
        };
        for o in &outcomes {
            if check && !o.ok() {
                mismatches += 1;
                let id = s.id.clone().unwrap_or_else(|| format!("#{}", n + 1));
                let _ = writeln!(
                    out,
                    "MISMATCH {id} step {}: {}: expected {:?}, got {:?}",
                    o.step,
                    o.url,
                    o.expect.as_deref().unwrap_or_default(),
                    o.actual
                );
            } else if !check {
                let _ = writeln!(out, "{}", o.actual);
            }
        }
    }
    if check {
        let total: usize = scenarios.len();
        let _ = writeln!(out, "{} scenarios, {mismatches} mismatches", total);
        if mismatches > 0 {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
