//! The Rust side of `scripts/python_interop.py`: reads, converts and
//! writes cookie files so that the script can compare them with Python's
//! `http.cookiejar`.
//!
//! ```text
//! interop dump FORMAT FILE              print the file's cookies, one JSON object per line
//! interop convert FORMAT IN FORMAT OUT  read IN, write OUT (every cookie kept)
//! interop sample FORMAT OUT [python]    write a fixed set of cookies
//!                                       (python: SaveOptions::for_python(),
//!                                       session expiries empty, as Python writes)
//! ```
//!
//! Files are read in strict mode (Python's `LoadError` cases are errors)
//! and every cookie is kept (Python's `ignore_discard=True,
//! ignore_expires=True`). Exit status: 0 on success, 1 on an error, 2 on a
//! usage error.

use std::process::ExitCode;

use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions, Strictness};
use cookiejar::{Cookie, SameSite};
use time::OffsetDateTime;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args[..] {
        ["dump", fmt, file] => parse(fmt).and_then(|f| dump(f, file)),
        ["convert", from, input, to, output] => {
            parse(from).and_then(|f| parse(to).and_then(|t| convert(f, input, t, output)))
        }
        ["sample", fmt, output] => parse(fmt).and_then(|f| sample(f, output, keep_all())),
        ["sample", fmt, output, "python"] => {
            parse(fmt).and_then(|f| sample(f, output, SaveOptions::for_python()))
        }
        ["expired", fmt, output] => parse(fmt).and_then(|f| expired(f, output)),
        _ => {
            eprintln!(
                "usage: interop dump FORMAT FILE | convert FORMAT IN FORMAT OUT | sample FORMAT OUT [python] | expired FORMAT OUT"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("interop: {e}");
            ExitCode::FAILURE
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn parse(name: &str) -> Result<Format> {
    Ok(name.parse()?)
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn load(fmt: Format, file: &str) -> Result<Vec<Cookie>> {
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let options = LoadOptions::new()
        .strictness(Strictness::Strict)
        .session(Retain::Keep)
        .expired(Retain::Keep);
    let loaded = format::read(&bytes, fmt, &options, now())?;
    for issue in loaded.skipped.iter().chain(&loaded.warnings) {
        eprintln!("{file}: {issue}");
    }
    Ok(loaded.cookies)
}

/// Every cookie kept, session expiries `0` (curl's layout).
fn keep_all() -> SaveOptions {
    SaveOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
}

fn save(fmt: Format, cookies: &[Cookie], file: &str, options: SaveOptions) -> Result<()> {
    let mut out = Vec::new();
    format::write(cookies, fmt, &options, now(), &mut out)?;
    std::fs::write(file, out).map_err(|e| format!("{file}: {e}"))?;
    Ok(())
}

fn convert(from: Format, input: &str, to: Format, output: &str) -> Result<()> {
    save(to, &load(from, input)?, output, keep_all())
}

fn dump(fmt: Format, file: &str) -> Result<()> {
    for c in load(fmt, file)? {
        println!("{}", to_json(&c));
    }
    Ok(())
}

/// A JSON string literal.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_owned(), q)
}

fn to_json(c: &Cookie) -> String {
    let same_site = match c.same_site() {
        SameSite::None => "none",
        SameSite::Lax => "lax",
        SameSite::Strict => "strict",
        _ => "default",
    };
    let other: Vec<String> = c
        .other_attributes()
        .map(|(k, v)| format!("[{}, {}]", q(k), opt(v)))
        .collect();
    format!(
        concat!(
            "{{\"name\": {}, \"value\": {}, \"value_absent\": {}, \"domain\": {}, ",
            "\"host_only\": {}, \"domain_initial_dot\": {}, \"path\": {}, ",
            "\"path_specified\": {}, \"secure\": {}, \"http_only\": {}, \"same_site\": {}, ",
            "\"partitioned\": {}, \"expires\": {}, \"discard\": {}, \"version\": {}, ",
            "\"port\": {}, \"port_specified\": {}, \"comment\": {}, \"comment_url\": {}, ",
            "\"rfc2109\": {}, \"creation\": {}, \"other\": [{}]}}"
        ),
        q(c.name()),
        q(c.value()),
        c.value_absent(),
        q(c.domain()),
        c.host_only(),
        c.domain_initial_dot(),
        q(c.path()),
        c.path_specified(),
        c.secure(),
        c.http_only(),
        q(same_site),
        c.partitioned(),
        c.expires()
            .map_or_else(|| "null".to_owned(), |t| t.unix_timestamp().to_string()),
        c.discard(),
        c.version()
            .map_or_else(|| "null".to_owned(), |v| v.to_string()),
        opt(c.port()),
        c.port_specified(),
        opt(c.comment()),
        opt(c.comment_url()),
        c.rfc2109(),
        c.creation_time().unix_timestamp(),
        other.join(", "),
    )
}

/// Cookies as this crate's jar stores them, covering what the files can
/// hold.
fn sample(fmt: Format, output: &str, options: SaveOptions) -> Result<()> {
    let t = |secs: i64| OffsetDateTime::from_unix_timestamp(secs).ok();
    let created = t(1_700_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let cookies = vec![
        Cookie::builder("sid", "abc123")
            .domain("shop.example.com")
            .path("/")
            .secure(true)
            .http_only(true)
            .same_site(SameSite::Lax)
            .creation_time(created)
            .build(),
        Cookie::builder("lang", "en")
            .domain("example.com")
            .host_only(false)
            .path("/")
            .expires(t(2_000_000_000))
            .creation_time(created)
            .build(),
        Cookie::builder("pref", "a \"quoted\"; value, with = signs")
            .domain(".example.com")
            .host_only(false)
            .path("/docs")
            .path_specified(true)
            .expires(t(2_100_000_000))
            .creation_time(created)
            .build(),
        Cookie::builder("", "nameless-token")
            .domain("www.example.com")
            .path("/")
            .expires(t(2_000_000_000))
            .creation_time(created)
            .build(),
        Cookie::builder("chips", "1")
            .domain("www.example.com")
            .path("/")
            .secure(true)
            .partitioned(true)
            .same_site(SameSite::None)
            .expires(t(2_000_000_000))
            .creation_time(created)
            .build(),
        Cookie::builder("v1", "x")
            .domain(".example.org")
            .host_only(false)
            .path("/app/")
            .path_specified(true)
            .version(Some(1))
            .port(Some("80,8080".into()))
            .port_specified(true)
            .comment(Some("a comment".into()))
            .comment_url(Some("http://example.org/c".into()))
            .discard(true)
            .expires(t(2_000_000_000))
            .creation_time(created)
            .other_attribute("Priority", Some("High".into()))
            .build(),
        // Port specified without a port: LWP writes `x-port-spec`, as
        // Python refuses `port_spec` without `port`.
        Cookie::builder("portless", "p")
            .domain("example.net")
            .path("/")
            .port_specified(true)
            .expires(t(2_000_000_000))
            .creation_time(created)
            .build(),
        Cookie::builder("flag", "")
            .domain("example.net")
            .path("/")
            .value_absent(true)
            .version(Some(0))
            .creation_time(created)
            .build(),
        Cookie::builder("unicode", "héllo wörld")
            .domain("example.net")
            .path("/ü")
            .expires(t(2_000_000_000))
            .creation_time(created)
            .build(),
    ];
    save(fmt, &cookies, output, options)
}

/// Writes, with the expired cookies kept, cookies that expired at the
/// epoch, a second before and after it, and in the years 999 and -1 (the
/// earliest a cookie can hold): a reader must not take any for alive.
fn expired(fmt: Format, output: &str) -> Result<()> {
    let cookies: Vec<Cookie> = [0, -1, 1, -30_610_224_000, -62_198_755_200]
        .into_iter()
        .enumerate()
        .map(|(i, secs)| {
            Cookie::builder(format!("gone{i}"), "x")
                .domain("example.com")
                .path("/")
                .expires(OffsetDateTime::from_unix_timestamp(secs).ok())
                .build()
        })
        .collect();
    save(fmt, &cookies, output, keep_all())
}
