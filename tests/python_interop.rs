//! Runs `scripts/python_interop.py` (Python's `http.cookiejar` against this
//! crate's LWP and Mozilla files, both ways) when `python3` is available;
//! skips with a note otherwise.
//!
//! The script drives the `interop` example. `cargo test` builds examples;
//! when it is missing (`cargo test --test python_interop`), this test
//! builds it with `cargo build --example interop`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `target/<profile>/examples/interop`, next to this test's `deps` dir.
fn example_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?;
    let name = format!("interop{}", std::env::consts::EXE_SUFFIX);
    Some(profile_dir.join("examples").join(name))
}

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|p| {
        Command::new(p)
            .args([
                "-c",
                "import sys, http.cookiejar; sys.exit(sys.version_info < (3, 8))",
            ])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn build_example(bin: &Path) -> bool {
    if bin.is_file() {
        return true;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["build", "--example", "interop"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status();
    status.is_ok_and(|s| s.success()) && bin.is_file()
}

#[test]
fn python_http_cookiejar_agrees() {
    let Some(python) = python() else {
        println!("note: python3 with http.cookiejar not found: skipping the Python interop check");
        return;
    };
    let Some(bin) = example_binary() else {
        println!("note: cannot locate the target directory: skipping the Python interop check");
        return;
    };
    assert!(
        build_example(&bin),
        "could not build the interop example at {}",
        bin.display()
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/python_interop.py");
    let out = Command::new(python)
        .arg(&script)
        .arg("--bin")
        .arg(&bin)
        .output()
        .expect("run the interop script");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "python interop failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("checks passed"), "{stdout}");
}
