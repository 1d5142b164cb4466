//! Errors and reports never quote a cookie's value: a JSON cookie file
//! whose value has the wrong type (a number, an array, an object) is
//! refused or skipped with a message naming the value's kind only, and
//! the scenario types' `Debug` output redacts the headers they hold.
#![cfg(feature = "serde")]

use cookiejar::format::{self, Format, LoadOptions, SaveOptions, Strictness};
use cookiejar::Cookie;
use serde_json::{json, Value};
use time::OffsetDateTime;

/// What no message may show.
const SECRETS: [&str; 3] = ["SECRETVAL", "8675309", "86753.09"];

fn assert_hidden(text: &str, context: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{context}: {text}");
    }
}

/// The values a record's `value` is replaced with, one at a time.
fn bad_values() -> Vec<Value> {
    vec![
        json!(8675309),
        json!(86753.09),
        json!(["SECRETVAL"]),
        json!({"v": "SECRETVAL"}),
        json!(true),
    ]
}

/// Sets the first `count` values of keys named `value` (in any case) or
/// `raw_cookie` (cookie_store's `Set-Cookie` line) in `v`, depth first, to `to`; returns how many were set.
fn set_values(v: &mut Value, to: &Value, count: &mut usize) {
    match v {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if *count == 0 {
                    return;
                }
                let value = key.eq_ignore_ascii_case("value") || key == "raw_cookie";
                if value && field.is_string() {
                    *field = to.clone();
                    *count -= 1;
                } else {
                    set_values(field, to, count);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| set_values(i, to, count)),
        _ => {}
    }
}

/// Reads `input` strictly and leniently, and checks every message;
/// returns how many there were.
fn check_read(input: &[u8], format: Format, context: &str) -> usize {
    let now = OffsetDateTime::now_utc();
    let mut messages = 0;
    for strictness in [Strictness::Strict, Strictness::Lenient] {
        let mut options = LoadOptions::new();
        options.strictness = Some(strictness);
        let context = format!("{context}, {strictness:?}");
        match format::read(input, format, &options, now) {
            Ok(loaded) => {
                for issue in loaded.skipped.iter().chain(&loaded.warnings) {
                    assert_hidden(&issue.to_string(), &context);
                    assert_hidden(&format!("{issue:?}"), &context);
                    messages += 1;
                }
            }
            Err(e) => {
                assert_hidden(&e.to_string(), &context);
                assert_hidden(&format!("{e:?}"), &context);
                messages += 1;
            }
        }
        // Into a jar: the refusal of a file of which nothing was read
        // quotes the first skipped line's message.
        let jar = cookiejar::CookieJar::new();
        if let Err(e) = jar.replace_all_from(input, format, &options) {
            assert_hidden(&e.to_string(), &context);
        }
    }
    messages
}

#[test]
fn json_files_with_values_of_another_type_are_refused_without_quoting_them() {
    let jar = cookiejar::CookieJar::new();
    let url = url::Url::parse("https://a.example/").unwrap();
    jar.set_cookies_from_headers(&url, ["sid=abc; Domain=a.example; Path=/", "lang=en"]);
    let cookies: Vec<Cookie> = jar.all_cookies();
    assert_eq!(cookies.len(), 2);
    let now = OffsetDateTime::now_utc();
    let mut options = SaveOptions::new();
    options.session = format::Retain::Keep;
    let mut checked = 0;
    for format in Format::ALL {
        if !format.writable() || matches!(format, Format::Lwp | Format::Mozilla) {
            continue;
        }
        let mut file = Vec::new();
        if format::write(&cookies, format, &options, now, &mut file).is_err() {
            continue;
        }
        // Line-delimited records (cookie_store's older form) are parsed
        // one line at a time.
        let text = String::from_utf8(file).unwrap();
        for bad in bad_values() {
            let mutated = match serde_json::from_str::<Value>(&text) {
                Ok(mut whole) => {
                    let mut count = 2;
                    set_values(&mut whole, &bad, &mut count);
                    assert!(count < 2, "{format:?}: no value in {text}");
                    whole.to_string()
                }
                Err(_) => text
                    .lines()
                    .map(|line| {
                        let mut record: Value = serde_json::from_str(line).unwrap();
                        set_values(&mut record, &bad, &mut 1);
                        record.to_string()
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            let context = format!("{format:?} with {bad}");
            if check_read(mutated.as_bytes(), format, &context) > 0 {
                checked += 1;
            }
        }
    }
    assert!(checked >= 8 * bad_values().len(), "{checked} files checked");
}

#[test]
fn hand_made_files_are_read_without_quoting_values() {
    let files = [
        (
            Format::Guzzle,
            r#"[{"Name": "sid", "Value": ["SECRETVAL"], "Domain": "a.example", "Path": "/"}]"#,
        ),
        (
            Format::Guzzle,
            r#"[{"Name": "sid", "Value": {"x": "SECRETVAL"}, "Domain": "a.example"}]"#,
        ),
        // Cookies as `Cookie` strings, which HTTPie never writes.
        (Format::Httpie, r#"{"cookies": ["sid=SECRETVAL"]}"#),
        (Format::Httpie, r#"{"cookies": {"sid": "SECRETVAL"}}"#),
        (Format::WebDriver, r#"["sid=SECRETVAL"]"#),
        // A nameless cookie's header, refused (Secure over http): the
        // warning names the cookie as the jar read it, not the header's
        // first part, which is its value.
        (
            Format::Har,
            r#"{"log": {"entries": [{"startedDateTime": "2024-01-01T00:00:00.000Z",
                "request": {"method": "GET", "url": "http://a.example/", "headers": []},
                "response": {"status": 200, "headers": [
                    {"name": "Set-Cookie", "value": "SECRETVAL; Secure"},
                    {"name": "Set-Cookie", "value": "SECRETVAL2; SameSite=None"},
                    {"name": "Set-Cookie", "value": "ok=1"}]}}]}}"#,
        ),
        (Format::Playwright, r#"{"cookies": ["sid=SECRETVAL"]}"#),
    ];
    for (format, file) in files {
        let messages = check_read(file.as_bytes(), format, &format!("{format:?}: {file}"));
        assert!(messages > 0, "{format:?}: {file}");
    }
}

#[cfg(feature = "scenario")]
mod scenarios {
    use super::assert_hidden;
    use cookiejar::scenario::Scenario;

    const SCENARIO: &str = r#"{"policy": {"mode": "rfc6265"}, "steps": [
        {"op": "response", "url": "https://a.example/",
         "set_cookie": ["sid=SECRETVAL; Path=/; Secure"]},
        {"op": "request", "url": "https://a.example/", "expect": "sid=SECRETVAL"}]}"#;

    #[test]
    fn debug_output_redacts_headers() {
        let scenario = Scenario::from_json(SCENARIO).unwrap();
        let shown = format!("{scenario:?}");
        assert_hidden(&shown, "scenario");
        // The attributes still show.
        assert!(shown.contains("Path=/; Secure"), "{shown}");
        let outcomes = scenario.run().unwrap();
        assert_eq!(outcomes[0].actual, "sid=SECRETVAL");
        assert_hidden(&format!("{outcomes:?}"), "outcomes");
    }

    #[test]
    fn errors_do_not_quote_a_header_given_where_a_list_goes() {
        let text = SCENARIO.replace(r#"["sid=SECRETVAL; Path=/; Secure"]"#, r#""sid=SECRETVAL""#);
        let e = Scenario::from_json(&text).unwrap_err();
        assert!(e.to_string().contains("expected a sequence"), "{e}");
        assert_hidden(&e.to_string(), "scenario error");
        let e = Scenario::parse_many(&text.replace('\n', " ")).unwrap_err();
        assert_hidden(&e.to_string(), "scenario line error");
    }
}
