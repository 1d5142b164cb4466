//! The http-state cookie-date vectors (RFC 6265 §5.1.1), and date
//! property tests.

use cookiejar::date::{http2time, iso2time, parse_cookie_date, time2isoz, time2netscape};
use proptest::prelude::*;
use time::OffsetDateTime;

fn imf_fixdate(t: OffsetDateTime) -> String {
    const D: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        D[usize::from(t.weekday().number_days_from_monday())],
        t.day(),
        M[usize::from(u8::from(t.month()) - 1)],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn run_vectors(file: &str) -> (usize, Vec<String>) {
    let path = format!("{}/tests/data/dates/{file}", env!("CARGO_MANIFEST_DIR"));
    let text: String = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut failures = Vec::new();
    for c in &cases {
        let input = c["test"].as_str().unwrap();
        let expected = c["expected"].as_str();
        let got = parse_cookie_date(input.as_bytes()).map(imf_fixdate);
        if got.as_deref() != expected {
            failures.push(format!("{input:?}: expected {expected:?}, got {got:?}"));
        }
    }
    (cases.len(), failures)
}

#[test]
fn http_state_date_examples() {
    let (n, failures) = run_vectors("examples.json");
    assert_eq!(n, 15);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn http_state_bsd_date_examples() {
    let (n, failures) = run_vectors("bsd-examples.json");
    assert_eq!(n, 55);
    assert!(failures.is_empty(), "{failures:#?}");
}

fn datetime() -> impl Strategy<Value = OffsetDateTime> {
    // 1601-01-01 .. 9999-12-31
    (-11_644_473_600i64..253_402_300_799)
        .prop_map(|s| OffsetDateTime::from_unix_timestamp(s).unwrap())
}

proptest! {
    #[test]
    fn cookie_date_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        let _ = parse_cookie_date(&bytes);
    }

    #[test]
    fn loose_parsers_never_panic(s in "\\PC{0,60}") {
        let _ = http2time(&s);
        let _ = iso2time(&s);
    }

    #[test]
    fn cookie_date_round_trips(t in datetime()) {
        prop_assert_eq!(parse_cookie_date(imf_fixdate(t).as_bytes()), Some(t));
        prop_assert_eq!(http2time(&imf_fixdate(t)), Some(t));
    }

    #[test]
    fn printers_round_trip(t in (0i64..253_402_300_799).prop_map(|s| OffsetDateTime::from_unix_timestamp(s).unwrap())) {
        prop_assert_eq!(iso2time(&time2isoz(t)), Some(t));
        prop_assert_eq!(http2time(&time2netscape(t)), Some(t));
    }
}
