//! The Public Suffix List's own test cases (`test_psl.txt`, from Debian's
//! `publicsuffix` package, CC0), run as data against the built-in list:
//! each `checkPublicSuffix(input, expected)` asks for the registrable
//! domain of `input`, which the jar would canonicalize (lower case,
//! A-labels) as it does a request's host. A name with an empty label
//! (`.com`) is none the jar asks about: it refuses such domains
//! (`Rejection::DomainEmptyLabel`), and the list's answer is `null`.

use cookiejar::psl::{BuiltinList, PublicSuffixList};

/// A host as the jar keeps it (lower case, A-labels), or `None` for no
/// host the jar would ask about.
fn canonical(name: &str) -> Option<String> {
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return None;
    }
    match url::Host::parse(name).ok()? {
        url::Host::Domain(d) => Some(d),
        _ => None,
    }
}

#[test]
fn the_lists_own_cases() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/psl/test_psl.txt"
    ))
    .unwrap();
    let arg = |s: &str| match s.trim() {
        "null" => None,
        quoted => Some(quoted.trim_matches('\'').to_owned()),
    };
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in text.lines().enumerate() {
        let Some(call) = line
            .strip_prefix("checkPublicSuffix(")
            .and_then(|l| l.strip_suffix(");"))
        else {
            continue;
        };
        let (input, expected) = call.split_once(", ").expect("two arguments");
        let (input, expected) = (arg(input), arg(expected));
        cases += 1;
        let got = input
            .as_deref()
            .and_then(canonical)
            .and_then(|host| BuiltinList.registrable_domain(&host).map(str::to_owned));
        let want = expected.as_deref().and_then(canonical);
        if got != want {
            failures.push(format!(
                "line {}: {input:?}: got {got:?}, want {want:?}",
                n + 1
            ));
        }
    }
    assert!(cases >= 70, "{cases} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
