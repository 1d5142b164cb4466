//! The `cookiejar` command: convert, list and query cookie files, and
//! replay cookie scenarios.

#![forbid(unsafe_code)]

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use cookiejar::format::{self, Format, LoadOptions, Retain, SaveOptions};
use cookiejar::scenario::Scenario;
use cookiejar::{
    Cookie, CookieEvent, CookieJar, DefaultCookiePolicy, SameSiteRules, SimpleRequest, SystemClock,
};

/// Each command's synopsis, as the help and the README give it.
const SYNOPSES: [(&str, &str); 4] = [
    (
        "convert",
        "cookiejar convert IN OUT [--from FMT] [--to FMT] [--chrome-password PW | --chrome-keyring APP] [--bind-host HOST] [--drop-session] [--keep-expired] [--for curl|wget|python | [--session-expiry zero|empty] [--http-only prefix|plain]] [--force] [--strict | --lenient] [--verbose]",
    ),
    (
        "list",
        "cookiejar list FILE [--from FMT] [--chrome-password PW | --chrome-keyring APP] [--bind-host HOST] [--domain D] [--format table|json] [--show-values] [--strict | --lenient] [--verbose]",
    ),
    (
        "query",
        "cookiejar query FILE URL [--from FMT] [--chrome-password PW | --chrome-keyring APP] [--bind-host HOST] [--site HOST [--navigation] [--method M] [--same-site lax|none|ignore]] [--strict | --lenient] [--verbose]",
    ),
    ("replay", "cookiejar replay FILE... [--check] [--explain]"),
];

/// What each command does, for the help.
const COMMANDS: [(&str, &str); 4] = [
    (
        "convert",
        "read IN, write OUT (replacing it); leaves out expired cookies
            unless --keep-expired, and session cookies if --drop-session",
    ),
    ("list", "a table of FILE's cookies"),
    ("query", "the Cookie header FILE's cookies make for URL"),
    (
        "replay",
        "run each scenario of each FILE (JSON or JSON lines; a folder:
            its .json and .jsonl files); --check prints a MISMATCH line
            per request whose expect differs and a count (exit 1 on any);
            --explain says on standard error what became of each
            Set-Cookie, and why each cookie a request leaves out is left",
    ),
];

const FORMATS: &str = "formats (FMT), read and written:
  lwp                      Python's LWPCookieJar, libwww-perl
  mozilla (netscape)       cookies.txt: curl, wget, yt-dlp, Python
  json                     this crate's; reads Cookie-Editor, EditThisCookie,
                           Puppeteer exports too
  playwright               Playwright's storageState
  webdriver (selenium)     Selenium's get_cookies() saved as JSON
  tough-cookie             Node's tough-cookie jar (jsdom, got)
  tough-cookie-file-store  the tough-cookie-file-store package's file
  guzzle                   PHP Guzzle's FileCookieJar file
  httpie                   HTTPie's session file (http --session)
  cookie-store             the cookie_store crate's JSON array (reqwest, ureq)
  cookie-store-lines       its older form, an object a line
formats read only:
  msie                     Internet Explorer's user@site[1].txt
  firefox                  Firefox's cookies.sqlite (and its -wal log)
  safari                   Safari's Cookies.binarycookies
  chrome (chromium)        Chrome's and Chromium's Cookies; v11 values need
                           the keyring's password (macOS: the Keychain's):
                           --chrome-password PW, COOKIEJAR_CHROME_PASSWORD,
                           or --chrome-keyring APP (asks secret-tool)
  har                      an HTTP Archive: the cookies its responses set,
                           replayed in order";

/// The options, and the commands that take each.
const OPTIONS: [(&str, &[&str]); 16] = [
    (
        "--from FMT        the input's format (else detected from its content)",
        &["convert", "list", "query"],
    ),
    (
        "--to FMT          OUT's format (else an existing OUT's, IN's if OUT is
                    IN, OUT's extension's, or IN's)",
        &["convert"],
    ),
    (
        "--drop-session    leave out session cookies (no expiry), as Python's
                    save does; --keep-expired: keep expired ones",
        &["convert"],
    ),
    (
        "--for PROGRAM     cookies.txt for curl, wget or python: sets
                    --session-expiry and --http-only as it reads them",
        &["convert"],
    ),
    (
        "--session-expiry  a session cookie's expiry in cookies.txt: zero
                    (curl, wget) or empty (Python's MozillaCookieJar)",
        &["convert"],
    ),
    (
        "--http-only       an http-only cookie's cookies.txt line: prefix
                    (#HttpOnly_, curl and Python) or plain (wget)",
        &["convert"],
    ),
    (
        "--force           replace an OUT that is not a cookie file (else
                    refused, so that a mistyped OUT is not lost)",
        &["convert"],
    ),
    (
        "--bind-host HOST  an HTTPie session's cookies without a domain (its
                    layout before 3.1) are HOST's (else skipped)",
        &["convert", "list", "query"],
    ),
    (
        "--strict          fail on any line not read (--lenient: skip it)",
        &["convert", "list", "query"],
    ),
    (
        "--verbose         list the lines read with a change (clamped expiries,
                    wget's ports), which are otherwise counted",
        &["convert", "list", "query"],
    ),
    (
        "--domain D        only D's cookies and its subdomains'",
        &["list"],
    ),
    (
        "--format json     one JSON object a cookie (else a table)",
        &["list"],
    ),
    (
        "--show-values     the values too (hidden: they are credentials)",
        &["list"],
    ),
    (
        "--site HOST       a request made by a page on HOST (or an origin,
                    http://HOST, whose scheme counts too), SameSite
                    enforced as Chrome does (--same-site lax), or
                    --same-site none (Firefox, Safari) or ignore;
                    --navigation: a top-level navigation; --method M
                    (GET unless given)",
        &["query"],
    ),
    (
        "--check           compare each request's header with its expect",
        &["replay"],
    ),
    (
        "--explain         each Set-Cookie's fate, and why a request does not
                    carry each cookie of its host, on standard error",
        &["replay"],
    ),
];

/// The help: of one command, or (`None`) of all.
fn help(command: Option<&str>) -> String {
    let wanted = |c: &str| command.is_none_or(|w| w == c);
    let mut out = String::from("usage:\n");
    for (c, synopsis) in SYNOPSES {
        if wanted(c) {
            out.push_str(&format!("  {synopsis}\n"));
        }
    }
    if command.is_none() {
        out.push_str(
            "  cookiejar help [CMD] | --help | --version (with the public suffix list's)\n",
        );
    }
    out.push_str(if command.is_some() {
        "\n"
    } else {
        "\ncommands:\n"
    });
    for (c, text) in COMMANDS {
        if wanted(c) {
            out.push_str(&format!("  {c:<9} {text}\n"));
        }
    }
    if command != Some("replay") {
        out.push_str(&format!("\n{FORMATS}\n"));
    }
    out.push_str("\noptions:\n");
    for (text, commands) in OPTIONS {
        if commands.iter().any(|&c| wanted(c)) {
            out.push_str(&format!("  {text}\n"));
        }
    }
    out.push_str(match command {
        Some("replay") => "  FILE may be - for standard input.\n",
        _ => "  FILE or IN may be - for standard input, OUT - for standard output.\n",
    });
    out
}

fn main() -> ExitCode {
    let mut args = Vec::new();
    for (i, a) in std::env::args_os().enumerate().skip(1) {
        match a.into_string() {
            Ok(a) => args.push(a),
            Err(a) => {
                return fail(&format!(
                    "argument {i} is not valid UTF-8: {}",
                    a.to_string_lossy()
                ))
            }
        }
    }
    let rest = args.get(1..).unwrap_or(&[]);
    let result = match args.first().map(String::as_str) {
        Some("replay") => return replay(rest),
        Some("convert") => convert(rest),
        Some("list") => list(rest),
        Some("query") => query(rest),
        Some("-h" | "--help") => print(help(None)),
        Some("help") => match rest.first().map(String::as_str) {
            None => print(help(None)),
            Some(c) if SYNOPSES.iter().any(|(name, _)| *name == c) => print(help(Some(c))),
            Some(c) => Err(format!("help: unknown command {c:?}")),
        },
        Some("-V" | "--version") => print(format!(
            "cookiejar {}\npublic suffix list: {}\n",
            env!("CARGO_PKG_VERSION"),
            cookiejar::psl::BuiltinList::VERSION
        )),
        Some(other) => Err(format!("unknown command {other:?} (try --help)")),
        None => Err("no command (try --help)".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => fail(&msg),
    }
}

/// Writes `text` to standard output; a failure (a full disk, a closed
/// standard output) is an error, not a panic. A reader that went away
/// (`cookiejar list big.txt | head -1`) ends the program quietly, with
/// the status of a program killed by SIGPIPE (141), as `cat` ends.
fn print(text: impl AsRef<[u8]>) -> Result<(), String> {
    match write_stdout(text.as_ref()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(141),
        Err(e) => Err(format!("standard output: {e}")),
    }
}

/// Writes to standard output. (A standard output closed when the
/// program starts, `cookiejar list f >&-`, is `/dev/null` by then: Rust's
/// runtime opens it there, so that no file opened later takes its place,
/// and writing to it succeeds, as after `> /dev/null`.)
fn write_stdout(text: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text).and_then(|()| out.flush())
}

/// An error of the library about `path`, naming it (an I/O error names
/// its path already).
fn about(path: &str, e: &cookiejar::Error) -> String {
    match e.kind() {
        cookiejar::ErrorKind::Io { path: Some(_), .. } => e.to_string(),
        _ => format!("{path}: {e}"),
    }
}

/// How many skipped lines a command lists before it counts the rest.
const SKIPPED_SHOWN: usize = 10;

/// Prints one line on stderr and exits with status 2.
fn fail(msg: &str) -> ExitCode {
    let line = msg.lines().next().unwrap_or("");
    eprintln!("cookiejar: {line}");
    ExitCode::from(2)
}

/// Options and positional arguments of a command.
struct Args<'a> {
    positional: Vec<&'a str>,
    options: Vec<(&'a str, Option<&'a str>)>,
    /// `--help` or `-h` was given (not as an option's value).
    help: bool,
}

/// Splits `args`: `--flag`, `--opt VALUE` for names in `with_value`, the
/// rest positional. Unknown options are errors.
fn parse_args<'a>(
    cmd: &str,
    args: &'a [String],
    flags: &[&str],
    with_value: &[&str],
) -> Result<Args<'a>, String> {
    let mut out = Args {
        positional: Vec::new(),
        options: Vec::new(),
        help: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let a = a.as_str();
        if a == "--help" || a == "-h" {
            out.help = true;
            continue;
        }
        // `-x` is a mistyped option, not a file (`./-x` names one).
        if a.starts_with('-') && !a.starts_with("--") && a != "-" {
            return Err(format!("{cmd}: unknown option {a:?} (try --help)"));
        }
        if a.starts_with("--") {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (a, None),
            };
            if flags.contains(&name) && inline.is_none() {
                out.options.push((name, None));
            } else if with_value.contains(&name) {
                let v = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .map(String::as_str)
                        .ok_or_else(|| format!("{cmd}: {name} needs a value"))?,
                };
                out.options.push((name, Some(v)));
            } else {
                return Err(format!("{cmd}: unknown option {a:?}"));
            }
        } else {
            out.positional.push(a);
        }
    }
    Ok(out)
}

impl Args<'_> {
    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| *n == name)
    }
    fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| *v)
    }

    /// The value of option `name` of command `cmd`, one of `choices`
    /// (the first when the option is absent), or an error naming them.
    fn choice<T: Copy>(&self, cmd: &str, name: &str, choices: &[(&str, T)]) -> Result<T, String> {
        let Some(given) = self.value(name) else {
            return Ok(choices[0].1);
        };
        match choices.iter().find(|(word, _)| *word == given) {
            Some(&(_, value)) => Ok(value),
            None => {
                let words: Vec<&str> = choices.iter().map(|(w, _)| *w).collect();
                let (last, rest) = words.split_last().unwrap_or((&"", &[]));
                Err(format!(
                    "{cmd}: {name} is {} or {last}, not {given:?}",
                    rest.join(", ")
                ))
            }
        }
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut v)
            .map_err(|e| format!("stdin: {e}"))?;
        Ok(v)
    } else {
        std::fs::read(path).map_err(|e| format!("{path}: {e}"))
    }
}

/// The first 64 KiB of the regular file at `path`, if it is one (a FIFO
/// or a device is not read).
fn head_of_existing(path: &str) -> Option<Vec<u8>> {
    use std::io::Read;
    if path == "-" || !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// How much of an OUT `convert` reads to tell whether it is a cookie
/// file; a larger one is judged by its first bytes only.
const OUT_READ_LIMIT: u64 = 256 << 20;

/// Why the regular file at `path` (an OUT) is not wholly a cookie file,
/// if it is not: it holds more than white space, and it does not read,
/// every line of it, as a cookie file in `to` (the format `--to` gives),
/// or else in the format its first bytes show (`found`). A browser's
/// database, and MSIE's read-only files, are judged elsewhere.
fn not_a_cookie_file_at(path: &str, to: Option<Format>, found: Option<Format>) -> Option<String> {
    if path == "-" {
        return None;
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() == 0 {
        return None;
    }
    if meta.len() > OUT_READ_LIMIT {
        return match to.or(found) {
            Some(_) => None,
            None => Some("is not a cookie file (in no format this tool reads)".into()),
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Some(format!(
                "cannot be read to tell that it is a cookie file ({e})"
            ))
        }
    };
    if is_blank(&bytes) {
        return None;
    }
    let Some(fmt) = to.or(found) else {
        return Some("is not a cookie file (in no format this tool reads)".into());
    };
    if !fmt.writable() {
        return None;
    }
    let options = LoadOptions::default()
        .session(Retain::Keep)
        .expired(Retain::Keep)
        .strictness(format::Strictness::Lenient);
    match format::read(&bytes, fmt, &options, time::OffsetDateTime::now_utc()) {
        Err(_) => Some(format!("is not a cookie file (it does not read as {fmt})")),
        Ok(l) => l.skipped.first().map(|first| {
            format!(
                "is not wholly a {fmt} cookie file ({} {}: {})",
                first.unit(),
                first.line,
                first.message
            )
        }),
    }
}

/// The format of the regular file at `path`, from its first bytes, if
/// it is one and they tell.
fn format_of_existing(path: &str) -> Option<Format> {
    Format::detect(&head_of_existing(path)?)
}

/// What SQLite keeps beside a database, if the regular file at `path`
/// starts as one: its write-ahead log (where a running Firefox keeps its
/// latest cookies) or rollback journal (Chrome's).
fn database_side_file(path: &str) -> Option<&'static str> {
    let head = head_of_existing(path)?;
    if head.starts_with(&[0x37, 0x7f, 0x06, 0x82]) || head.starts_with(&[0x37, 0x7f, 0x06, 0x83]) {
        Some("an SQLite write-ahead log")
    } else if head.starts_with(&[0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]) {
        Some("an SQLite rollback journal")
    } else {
        None
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| format!("{e}"))
}

/// Reads a cookie file: the format given, or detected from the content
/// (`None` for a blank file, whose format cannot be told).
fn load(
    path: &str,
    fmt: Option<Format>,
    options: &LoadOptions,
    a: &Args<'_>,
) -> Result<(Vec<Cookie>, Option<Format>, usize), String> {
    let (bind, shown) = (bind_host(a)?, Warnings::of(a));
    let Some((bytes, fmt)) = read_cookie_file(path, fmt)? else {
        // Nothing to read, in any format.
        return Ok((Vec::new(), None, 0));
    };
    options_fit(a, path, fmt)?;
    let options = &with_keyring(a, fmt, options)?;
    let now = time::OffsetDateTime::now_utc();
    let loaded = match bind {
        Some(host) => format::httpie::read_bound(&bytes, host, options, now),
        None => format::read(&bytes, fmt, options, now),
    }
    .map_err(|e| about(path, &e) + lenient_hint(&bytes, fmt, options))?;
    // Lines were skipped and nothing was read: not a cookie file (or not
    // in this format), an error rather than an empty result.
    if loaded.cookies.is_empty() {
        not_a_cookie_file(path, fmt, &loaded.skipped)?;
    }
    report_load(
        path,
        &loaded.skipped,
        &loaded.warnings,
        loaded.context_left_out,
        options,
        shown,
    )?;
    Ok((loaded.cookies, Some(fmt), loaded.skipped.len()))
}

/// For a file that failed to read strictly by its format's default (LWP,
/// JSON) but of which a lenient read keeps cookies: a hint that
/// `--lenient` reads them.
fn lenient_hint(bytes: &[u8], fmt: Format, options: &LoadOptions) -> &'static str {
    let lenient = options.strictness(format::Strictness::Lenient);
    let now = time::OffsetDateTime::now_utc();
    let read = || format::read(bytes, fmt, &lenient, now).is_ok_and(|l| !l.cookies.is_empty());
    match options.strictness.is_none() && read() {
        true => " (--lenient skips what cannot be read)",
        false => "",
    }
}

/// An option of one format's given for a file in another is a mistake:
/// a Chrome password or keyring (the environment's password is not: it
/// is there for any file), an HTTPie session's `--bind-host`.
fn options_fit(a: &Args<'_>, path: &str, fmt: Format) -> Result<(), String> {
    let only = [
        ("--chrome-password", Format::Chrome, "Chrome's databases"),
        ("--chrome-keyring", Format::Chrome, "Chrome's databases"),
        ("--bind-host", Format::Httpie, "HTTPie session files"),
    ];
    match only
        .into_iter()
        .find(|&(option, of, _)| of != fmt && a.value(option).is_some())
    {
        Some((option, _, what)) => Err(format!(
            "{path}: {option} is for {what}, not {fmt} cookie files"
        )),
        None => Ok(()),
    }
}

/// `options` with the password `--chrome-keyring APP` asks the keyring
/// for, for a Chrome database (only then is the keyring asked).
fn with_keyring(a: &Args<'_>, fmt: Format, options: &LoadOptions) -> Result<LoadOptions, String> {
    match a.value("--chrome-keyring") {
        Some(app) if fmt == Format::Chrome => Ok(options.chrome_password(keyring_password(app)?)),
        _ => Ok(*options),
    }
}

/// Reads a cookie file and finds its format (the one given, or from its
/// content): `None` for a blank file of no given format, which holds
/// nothing in any. A Firefox database comes with its log applied.
fn read_cookie_file(path: &str, fmt: Option<Format>) -> Result<Option<(Vec<u8>, Format)>, String> {
    let mut bytes = read_input(path)?;
    if fmt.is_none() && is_blank(&bytes) {
        return Ok(None);
    }
    let fmt = format_of(path, &bytes, fmt)?;
    // A Firefox database's latest changes are in its log, beside it.
    if fmt == Format::Firefox && path != "-" {
        bytes = format::firefox::with_log_beside(path, bytes).map_err(|e| e.to_string())?;
    }
    Ok(Some((bytes, fmt)))
}

/// Whether `bytes` hold only white space (and maybe a byte order mark):
/// an empty cookie file.
fn is_blank(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// The error for a file of which lines were skipped and none was read.
fn not_a_cookie_file(path: &str, fmt: Format, skipped: &[format::LineIssue]) -> Result<(), String> {
    match skipped.first() {
        Some(first) => Err(format!(
            "{path}: no cookies read as {fmt}; {} {}: {} ({} {} skipped)",
            first.unit(),
            first.line,
            first.message,
            skipped.len(),
            plural(skipped.len(), first.unit())
        )),
        None => Ok(()),
    }
}

/// The environment variable a Chrome database's password may come from
/// instead of `--chrome-password` (which other users can see in the
/// process list).
const CHROME_PASSWORD_VAR: &str = "COOKIEJAR_CHROME_PASSWORD";

/// The password Chrome (or another Chromium browser, `app`: `chrome`,
/// `chromium`, `brave`, ...) keeps in the desktop's keyring, as
/// `secret-tool lookup application APP` (libsecret's tool) prints it.
fn keyring_password(app: &str) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("secret-tool")
        .args(["lookup", "application", app])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            format!("--chrome-keyring: cannot run secret-tool (Debian's libsecret-tools): {e}")
        })?;
    let mut password = out.stdout;
    if password.ends_with(b"\n") {
        password.pop();
    }
    if !out.status.success() || password.is_empty() {
        return Err(format!(
            "--chrome-keyring {app}: the keyring has no password for application {app} \
             (chrome, chromium, brave, ...; is the keyring unlocked?)"
        ));
    }
    Ok(password)
}

/// `options` read strictly (`--strict`: Python's `LoadError` for a bad
/// line) or leniently (`--lenient`: bad lines skipped and listed), or
/// with the format's default (strict for LWP and JSON, lenient for
/// cookies.txt, MSIE, browsers' databases and files and HARs:
/// `Format::default_strictness`); with the Chrome password given by
/// `--chrome-password` or the environment, if any.
fn reading(a: &Args<'_>, options: LoadOptions) -> Result<LoadOptions, String> {
    // A keyring's password is any bytes: from the environment as they
    // are (on Unix).
    // A keyring is asked once the file is known to be Chrome's
    // (`with_keyring`).
    let password = match (a.value("--chrome-password"), a.value("--chrome-keyring")) {
        (Some(_), Some(_)) => return Err("--chrome-password and --chrome-keyring together".into()),
        (None, Some(_)) => None,
        (Some(p), None) => Some(p.as_bytes().to_vec()),
        #[cfg(unix)]
        (None, None) => {
            std::env::var_os(CHROME_PASSWORD_VAR).map(std::os::unix::ffi::OsStringExt::into_vec)
        }
        #[cfg(not(unix))]
        (None, None) => std::env::var_os(CHROME_PASSWORD_VAR)
            .map(|p| p.to_string_lossy().into_owned().into_bytes()),
    };
    let options = match password {
        Some(p) => options.chrome_password(p),
        None => options,
    };
    match (a.flag("--strict"), a.flag("--lenient")) {
        (true, true) => Err("--strict and --lenient together".into()),
        (true, false) => Ok(options.strictness(format::Strictness::Strict)),
        (false, true) => Ok(options.strictness(format::Strictness::Lenient)),
        (false, false) => Ok(options),
    }
}

/// `--bind-host HOST`: the host an HTTPie session's cookies without a
/// domain are read as host-only cookies of.
fn bind_host<'a>(a: &'a Args<'_>) -> Result<Option<&'a str>, String> {
    match a.value("--bind-host") {
        Some("") => Err("--bind-host needs a host".into()),
        host => Ok(host),
    }
}

/// The format given, or the one `bytes` (the content of `path`) are in.
fn format_of(path: &str, bytes: &[u8], fmt: Option<Format>) -> Result<Format, String> {
    match fmt {
        Some(f) => Ok(f),
        None => Format::detect(bytes)
            .or_else(|| Format::from_extension(Path::new(path)))
            .ok_or_else(|| format!("{path}: cannot tell the cookie file format (use --from)")),
    }
}

/// What a command says on stderr of the lines a load read with a change
/// (a clamped expiry, wget's port dropped, a public suffix's cookie read
/// as host-only, ...).
#[derive(Clone, Copy, PartialEq)]
enum Warnings {
    /// How many (the default).
    Count,
    /// Each, as skipped lines are listed (`--verbose`).
    List,
}

impl Warnings {
    fn of(a: &Args<'_>) -> Warnings {
        match a.flag("--verbose") {
            true => Warnings::List,
            false => Warnings::Count,
        }
    }
}

/// Lists on stderr the lines a load skipped (the first ten), and says
/// how many it read with a change (lists them, the first ten, with
/// `--verbose`); in strict mode (`--strict`) the first skipped line is
/// an error instead: a line not read is a cookie lost, for whatever
/// reason (one the format cannot parse, or a cookie the jar would
/// refuse, such as one with a control character).
fn report_load(
    path: &str,
    skipped: &[format::LineIssue],
    warnings: &[format::LineIssue],
    context_left_out: usize,
    options: &LoadOptions,
    shown: Warnings,
) -> Result<(), String> {
    // Lines, a database's rows (by id), or a Safari file's cookies.
    let unit = skipped
        .first()
        .or(warnings.first())
        .map_or("line", format::LineIssue::unit);
    if let (Some(first), Some(format::Strictness::Strict)) = (skipped.first(), options.strictness) {
        return Err(format!(
            "{path}: {unit} {}: {} (--strict)",
            first.line, first.message
        ));
    }
    list_issues(path, &format!("skipped {unit}"), skipped);
    if context_left_out > 0 {
        eprintln!(
            "cookiejar: {path}: left out {context_left_out} {} of other browser contexts \
             (containers, private windows, partitioned under another site)",
            plural(context_left_out, "cookie")
        );
    }
    match (shown, warnings.len()) {
        (_, 0) => {}
        (Warnings::List, _) => list_issues(path, &format!("read {unit}"), warnings),
        // A HAR's warnings are the `Set-Cookie` headers refused.
        (Warnings::Count, n) if unit == "entry" => eprintln!(
            "cookiejar: {path}: {n} Set-Cookie {} refused as a browser refuses them \
             (--verbose lists them)",
            plural(n, "header")
        ),
        (Warnings::Count, n) => eprintln!(
            "cookiejar: {path}: {n} {} read with a change (--verbose lists them)",
            plural(n, unit)
        ),
    }
    Ok(())
}

/// Lists on stderr the first ten of `issues`, each as `what` N, and
/// counts the rest.
fn list_issues(path: &str, what: &str, issues: &[format::LineIssue]) {
    for issue in issues.iter().take(SKIPPED_SHOWN) {
        eprintln!(
            "cookiejar: {path}: {what} {}: {}",
            issue.line, issue.message
        );
    }
    let more = issues.len().saturating_sub(SKIPPED_SHOWN);
    if more > 0 {
        eprintln!("cookiejar: {path}: and {more} more");
    }
}

/// `noun`, in the plural unless `n` is 1.
fn plural(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => noun.to_owned(),
        (_, Some(stem)) => format!("{stem}ies"),
        _ if noun.ends_with("ch") || noun.ends_with('s') => format!("{noun}es"),
        _ => format!("{noun}s"),
    }
}

/// `cookiejar convert IN OUT`: nothing is written to OUT unless the whole
/// input was read and the output written (atomically). A cookie the
/// output format cannot hold is left out and listed, unless `--strict`,
/// which fails on it as on a bad input line.
fn convert(args: &[String]) -> Result<(), String> {
    let a = parse_args(
        "convert",
        args,
        &[
            "--drop-session",
            // The default since 0.1; accepted for the scripts that give it.
            "--keep-session",
            "--keep-expired",
            "--force",
            "--strict",
            "--lenient",
            "--verbose",
        ],
        &[
            "--from",
            "--to",
            "--for",
            "--session-expiry",
            "--http-only",
            "--chrome-password",
            "--chrome-keyring",
            "--bind-host",
        ],
    )?;
    if a.help {
        return print(help(Some("convert")));
    }
    let [input, output] = a.positional[..] else {
        return Err("convert: expected IN and OUT".into());
    };
    // `--for PROGRAM`: the preset's session expiry and http-only mark,
    // unless given on their own.
    let preset = a.choice(
        "convert",
        "--for",
        &[
            ("curl", SaveOptions::for_curl()),
            ("wget", SaveOptions::for_wget()),
            ("python", SaveOptions::for_python()),
        ],
    )?;
    for option in ["--session-expiry", "--http-only"] {
        if a.value("--for").is_some() && a.value(option).is_some() {
            return Err(format!(
                "convert: --for and {option} together (--for sets it)"
            ));
        }
    }
    let session_expiry = a.choice(
        "convert",
        "--session-expiry",
        &[
            ("zero", format::SessionExpiry::Zero),
            ("empty", format::SessionExpiry::Empty),
        ],
    )?;
    let http_only_mark = a.choice(
        "convert",
        "--http-only",
        &[
            ("prefix", format::HttpOnlyMark::Prefix),
            ("plain", format::HttpOnlyMark::Plain),
        ],
    )?;
    let from = a.value("--from").map(parse_format).transpose()?;
    let to = a.value("--to").map(parse_format).transpose()?;
    let keep = |flag| {
        if a.flag(flag) {
            Retain::Keep
        } else {
            Retain::Skip
        }
    };
    // Given, or told by an existing OUT's content (a save keeps a
    // file's format, as a FileCookieJar's does: a cookie_store file stays
    // one); else, once the input is read, IN's if OUT is IN, else OUT's
    // extension, else IN's.
    // (An MSIE file is read only: one in OUT's place is replaced, by
    // what the rest says. A browser's database or Safari's file in OUT's
    // place is never written over, whatever --to says: it is a browser's
    // store, which a mistyped OUT must not wipe.)
    let found = format_of_existing(output);
    if let Some(f) = found.filter(|&f| f != Format::Msie && !f.writable()) {
        return Err(format!(
            "convert: {output} is a {f} cookie file, which convert never writes over \
             (write elsewhere, or remove it first)"
        ));
    }
    if let Some(what) = database_side_file(output) {
        return Err(format!(
            "convert: {output} is {what}, part of a browser's database, which convert never \
             writes over (write elsewhere, or remove it first)"
        ));
    }
    // A mistyped OUT (`notes.txt`, `package.json`) must not be lost; IN
    // itself is read whole below.
    let in_path = match input {
        "-" => "/dev/stdin",
        path => path,
    };
    let same_file = output != "-"
        && matches!(
            (std::fs::canonicalize(in_path), std::fs::canonicalize(output)),
            (Ok(a), Ok(b)) if a == b
        );
    if !a.flag("--force") && !same_file {
        if let Some(why) = not_a_cookie_file_at(output, to, found) {
            return Err(format!(
                "convert: {output} {why}, and convert would replace it (write elsewhere, or \
                 give --force)"
            ));
        }
    }
    if a.flag("--drop-session") && a.flag("--keep-session") {
        return Err("convert: --drop-session and --keep-session together".into());
    }
    let existing = found.filter(|f| f.writable());
    let by_name = Format::from_extension(Path::new(output));
    let to = to.or(existing);
    let read_only = |f: Option<Format>| match f {
        Some(f) if !f.writable() => {
            let writable: Vec<&str> = Format::ALL
                .iter()
                .filter(|f| f.writable())
                .map(|f| f.name())
                .collect();
            Err(format!(
                "convert: {f} cookie files are read only: write {} (--to)",
                writable.join(", ")
            ))
        }
        _ => Ok(()),
    };
    read_only(to)?;
    let mut load_options = LoadOptions::default()
        .session(Retain::Keep)
        .expired(Retain::Keep);
    load_options = reading(&a, load_options)?;
    read_only(to.or(by_name))?;
    let (cookies, read_as, skipped) = load(input, from, &load_options, &a)?;
    // Converting a file onto itself must not lose what it holds: the
    // lines not read, and the session and expired cookies a save leaves
    // out, would be gone. (Standard input is the file it was redirected
    // from, where the system says so: `same_file`, above.)
    // An OUT that is IN keeps IN's format, even where its content cannot
    // tell it (an empty file of cookie_store's older form).
    let to = to.or(read_as.filter(|_| same_file)).or(by_name);
    read_only(to.or(read_as))?;
    let to = match to.or(read_as) {
        Some(f) => f,
        None => {
            return Err(format!(
                "convert: cannot tell the output format of {output} (use --to)"
            ))
        }
    };
    // Session cookies are kept: a browser export's login cookies are
    // what its user converts it for.
    let session = match a.flag("--drop-session") {
        true => Retain::Skip,
        false => Retain::Keep,
    };
    for option in ["--for", "--session-expiry", "--http-only"] {
        if a.value(option).is_some() && to != Format::Mozilla {
            return Err(format!(
                "convert: {option} is for cookies.txt output (mozilla), not {to}"
            ));
        }
    }
    if a.value("--session-expiry").is_some() && session == Retain::Skip {
        return Err(
            "convert: --session-expiry with --drop-session, which writes no session cookie".into(),
        );
    }
    let (session_expiry, http_only_mark) = match a.value("--for") {
        Some(_) => (preset.session_expiry, preset.http_only_mark),
        None => (session_expiry, http_only_mark),
    };
    let mut save = SaveOptions::default()
        .session(session)
        .expired(keep("--keep-expired"))
        .session_expiry(session_expiry)
        .http_only_mark(http_only_mark);
    if a.flag("--strict") {
        save = save.unwritable(format::Unwritable::Fail);
    }
    let now = time::OffsetDateTime::now_utc();
    if same_file {
        let lost = cookies
            .iter()
            .filter(|c| {
                (save.session == Retain::Skip && c.discard())
                    || (save.expired == Retain::Skip && c.is_expired(now))
            })
            .count();
        if lost > 0 {
            return Err(format!(
                "convert: OUT is IN, and {lost} session or expired {} would be lost (--keep-expired keeps expired ones, without --drop-session session ones are kept; or write another file)", plural(lost, "cookie")
            ));
        }
        if skipped > 0 {
            return Err(format!(
                "convert: OUT is IN, and {skipped} {} not read would be lost (write another file)",
                plural(skipped, "line")
            ));
        }
        // And so would the cookies OUT's format cannot hold, which a save
        // leaves out (with --strict, the save below fails on them).
        if let Ok(report) = format::write(&cookies, to, &save, now, &mut std::io::sink()) {
            if let Some(first) = report.skipped.first() {
                let n = report.skipped.len();
                return Err(format!(
                    "convert: OUT is IN, and {n} {} {to} cannot hold would be lost ({}; write another file)",
                    plural(n, "cookie"),
                    first.message
                ));
            }
        }
    }
    if output == "-" {
        let mut buf = Vec::new();
        let report =
            format::write(&cookies, to, &save, now, &mut buf).map_err(|e| about("-", &e))?;
        print(buf)?;
        report_unwritten(output, to, &report);
        return Ok(());
    }
    let report = format::write_file(Path::new(output), &cookies, to, &save, now)
        .map_err(|e| about(output, &e))?;
    report_unwritten(output, to, &report);
    Ok(())
}

/// Notes on stderr the cookies a save left out: those the format cannot
/// hold (the first ten), and how many session and expired cookies; and
/// how many it wrote without their `SameSite`.
fn report_unwritten(path: &str, to: Format, report: &format::SaveReport) {
    for c in report.skipped.iter().take(SKIPPED_SHOWN) {
        eprintln!("cookiejar: {path}: left out a cookie: {}", c.message);
    }
    let more = report.skipped.len().saturating_sub(SKIPPED_SHOWN);
    if more > 0 {
        eprintln!(
            "cookiejar: {path}: {more} more {} left out",
            plural(more, "cookie")
        );
    }
    for (n, what, flag) in [
        (report.session_left_out, "session", "as --drop-session asks"),
        (
            report.expired_left_out,
            "expired",
            "--keep-expired keeps them",
        ),
    ] {
        if n > 0 {
            eprintln!(
                "cookiejar: {path}: left out {n} {what} {} ({flag})",
                plural(n, "cookie")
            );
        }
    }
    // The two formats that drop them.
    let file = match to {
        Format::Mozilla => "cookies.txt",
        Format::Httpie => "an HTTPie session",
        _ => "the format",
    };
    let its = |n: usize| if n == 1 { "its" } else { "their" };
    let n = report.same_site_dropped;
    if n > 0 {
        eprintln!(
            "cookiejar: {path}: wrote {n} {} without {} SameSite attribute, which {file} has no field for (lwp and json keep it)",
            plural(n, "cookie"),
            its(n)
        );
    }
    let n = report.partitioned_dropped;
    if n > 0 {
        eprintln!(
            "cookiejar: {path}: wrote {n} {} without {} Partitioned flag, which {file} has no field for: read back, {} every site's requests (lwp and json keep it)",
            plural(n, "cookie"),
            its(n),
            if n == 1 { "it goes with" } else { "they go with" }
        );
    }
}

fn list(args: &[String]) -> Result<(), String> {
    let a = parse_args(
        "list",
        args,
        &["--show-values", "--strict", "--lenient", "--verbose"],
        &[
            "--domain",
            "--format",
            "--from",
            "--chrome-password",
            "--chrome-keyring",
            "--bind-host",
        ],
    )?;
    if a.help {
        return print(help(Some("list")));
    }
    let [file] = a.positional[..] else {
        return Err("list: expected one FILE".into());
    };
    let from = a.value("--from").map(parse_format).transpose()?;
    let options = LoadOptions::default()
        .session(Retain::Keep)
        .expired(Retain::Keep);
    let options = reading(&a, options)?;
    let (mut cookies, _, _) = load(file, from, &options, &a)?;
    if let Some(d) = a.value("--domain") {
        let d = d.trim_start_matches('.');
        // An IPv6 address as a URL's host is written, as cookies keep it.
        let bracketed = match d.parse::<std::net::Ipv6Addr>() {
            Ok(ip) => url::Host::<String>::Ipv6(ip).to_string(),
            Err(_) => d.to_owned(),
        };
        let filter = cookiejar::CookieFilter::new().within(&bracketed);
        cookies.retain(|c| filter.matches(c));
    }
    cookies.sort_by(|x, y| (x.domain(), x.path(), x.name()).cmp(&(y.domain(), y.path(), y.name())));
    let show = a.flag("--show-values");
    // Written whole at the end, so that a write error is reported.
    use std::fmt::Write as _;
    let mut out = String::new();
    match a.value("--format").unwrap_or("table") {
        "table" => {
            let now = time::OffsetDateTime::now_utc();
            let flags_of = |c: &Cookie| {
                let mut flags = Vec::new();
                if c.secure() {
                    flags.push("secure");
                }
                if c.http_only() {
                    flags.push("httponly");
                }
                match c.same_site() {
                    cookiejar::SameSite::Strict => flags.push("samesite=strict"),
                    cookiejar::SameSite::Lax => flags.push("samesite=lax"),
                    cookiejar::SameSite::None => flags.push("samesite=none"),
                    _ => {}
                }
                if c.partitioned() {
                    flags.push("partitioned");
                }
                if c.host_only() {
                    flags.push("host-only");
                }
                if c.is_expired(now) {
                    flags.push("expired");
                }
                flags.join(",")
            };
            let flags: Vec<String> = cookies.iter().map(flags_of).collect();
            // Each column as wide as its longest entry, so that the next
            // lines up; a control or invisible character (a TAB, a
            // right-to-left override, a line separator) shown escaped as
            // Rust escapes it, so that a line stays one line of the table
            // and shows what it holds, and so a backslash; quotes, which
            // values may hold, as they are.
            let shown = |s: &str| {
                let mut out = String::with_capacity(s.len());
                for ch in s.chars() {
                    match ch {
                        '"' | '\'' => out.push(ch),
                        _ => out.extend(ch.escape_debug()),
                    }
                }
                out
            };
            let domains: Vec<String> = cookies
                .iter()
                .map(|c| match c.host_only() {
                    true => shown(c.domain()),
                    false => format!(".{}", shown(c.domain())),
                })
                .collect();
            let paths: Vec<String> = cookies.iter().map(|c| shown(c.path())).collect();
            let names: Vec<String> = cookies.iter().map(|c| shown(c.name())).collect();
            let widest = |v: &[String], min: usize| {
                v.iter()
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(min)
            };
            let (dw, pw, nw) = (widest(&domains, 30), widest(&paths, 15), widest(&names, 20));
            let width = flags.iter().map(String::len).max().unwrap_or(0).max(5);
            let _ = writeln!(
                out,
                "{:<dw$} {:<pw$} {:<nw$} {:<24} {:<width$} value",
                "domain", "path", "name", "expires", "flags"
            );
            for (i, (c, flags)) in cookies.iter().zip(&flags).enumerate() {
                let expires = c
                    .expires()
                    .map(cookiejar::date::time2isoz)
                    .unwrap_or_else(|| "session".into());
                let value = if show { shown(c.value()) } else { "***".into() };
                let _ = writeln!(
                    out,
                    "{:<dw$} {:<pw$} {:<nw$} {expires:<24} {flags:<width$} {value}",
                    domains[i], paths[i], names[i],
                );
            }
            let _ = writeln!(out, "{} {}", cookies.len(), plural(cookies.len(), "cookie"));
        }
        "json" => {
            let _ = writeln!(out, "[");
            for (i, c) in cookies.iter().enumerate() {
                let value = if show {
                    json_str(c.value())
                } else {
                    "null".into()
                };
                let _ = writeln!(
                    out,
                    "  {{\"domain\": {}, \"host_only\": {}, \"path\": {}, \"name\": {}, \"value\": {value}, \"expires\": {}, \"secure\": {}, \"http_only\": {}, \"same_site\": {}, \"partitioned\": {}}}{}",
                    json_str(c.domain()),
                    c.host_only(),
                    json_str(c.path()),
                    json_str(c.name()),
                    c.expires()
                        .map_or("null".to_owned(), |t| t.unix_timestamp().to_string()),
                    c.secure(),
                    c.http_only(),
                    json_str(match c.same_site() {
                        cookiejar::SameSite::Strict => "strict",
                        cookiejar::SameSite::Lax => "lax",
                        cookiejar::SameSite::None => "none",
                        _ => "default",
                    }),
                    c.partitioned(),
                    if i + 1 < cookies.len() { "," } else { "" }
                );
            }
            let _ = writeln!(out, "]");
        }
        other => return Err(format!("list: unknown --format {other:?} (table or json)")),
    }
    print(&out)
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// `cookiejar query FILE URL`: the `Cookie` header a request to URL would
/// carry, as an RFC 6265bis jar holding the file's cookies decides; with
/// `--site`, a request made from a page on that host, `SameSite`
/// enforced (RFC 6265bis §5.8.3).
fn query(args: &[String]) -> Result<(), String> {
    let a = parse_args(
        "query",
        args,
        &["--strict", "--lenient", "--verbose", "--navigation"],
        &[
            "--from",
            "--site",
            "--method",
            "--same-site",
            "--chrome-password",
            "--chrome-keyring",
            "--bind-host",
        ],
    )?;
    if a.help {
        return print(help(Some("query")));
    }
    let site = a.value("--site");
    if let Some(site) = site {
        // A host as a URL has one (`url` checks it as browsers do), or an
        // origin (`http://shop.example`: another scheme is another site).
        let valid = match site.contains("://") {
            true => url::Url::parse(site).is_ok_and(|u| u.host().is_some()),
            false => url::Host::parse(site).is_ok(),
        };
        if !valid {
            return Err(format!("query: --site {site:?} is not a host or an origin"));
        }
    }
    if let Some(method) = a.value("--method") {
        // RFC 9110 §9.1: a method is a token.
        let tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if method.is_empty() || !method.bytes().all(tchar) {
            return Err(format!("query: --method {method:?} is not an HTTP method"));
        }
    }
    if site.is_none() {
        for option in ["--navigation", "--method", "--same-site"] {
            if a.flag(option) {
                return Err(format!(
                    "query: {option} needs --site (a request without one is same-site)"
                ));
            }
        }
    }
    let same_site = a.choice(
        "query",
        "--same-site",
        &[
            ("lax", SameSiteRules::LaxByDefault),
            ("none", SameSiteRules::NoneByDefault),
            ("ignore", SameSiteRules::Ignore),
        ],
    )?;
    let [file, url] = a.positional[..] else {
        return Err("query: expected FILE and URL".into());
    };
    let url = match url::Url::parse(url) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return Err(format!(
                "query: {url:?} is not a URL (give one whole: http://{url})"
            ))
        }
        Err(e) => return Err(format!("query: invalid URL {url:?}: {e}")),
    };
    // Cookies go with HTTP requests (and WebSocket handshakes) only.
    if !matches!(url.scheme(), "http" | "https" | "ws" | "wss") {
        return Err(format!(
            "query: {url}: cookies are sent only over http, https, ws and wss"
        ));
    }
    let from = a.value("--from").map(parse_format).transpose()?;
    let jar = CookieJar::builder()
        .clock(SystemClock)
        .policy(DefaultCookiePolicy::builder().same_site(same_site).build())
        .build();
    let options = reading(&a, LoadOptions::default().session(Retain::Keep))?;
    let fmt = match bind_host(&a)? {
        // An HTTPie session's cookies, those without a domain bound to
        // the host: each stored as a cookie given whole, or said why not.
        Some(_) => {
            let (cookies, fmt, _) = load(file, from, &options, &a)?;
            for c in cookies {
                let (name, domain) = (c.name().to_owned(), c.domain().to_owned());
                if let Err(why) = jar.set_cookie(c) {
                    eprintln!("cookiejar: {file}: cookie {name:?} for {domain} not stored: {why}");
                }
            }
            match fmt {
                Some(fmt) => fmt,
                None => return Ok(()),
            }
        }
        None => {
            let Some((bytes, fmt)) = read_cookie_file(file, from)? else {
                return Ok(());
            };
            options_fit(&a, file, fmt)?;
            let options = with_keyring(&a, fmt, &options)?;
            // Read into the jar, which skips what it would refuse (a
            // domain cookie for a public suffix), with the lines.
            let report = jar
                .replace_all_from(&bytes, fmt, &options)
                .map_err(|e| about(file, &e) + lenient_hint(&bytes, fmt, &options))?;
            if jar.is_empty() {
                not_a_cookie_file(file, fmt, &report.skipped)?;
            }
            report_load(
                file,
                &report.skipped,
                &report.warnings,
                report.context_left_out,
                &options,
                Warnings::of(&a),
            )?;
            fmt
        }
    };
    // A cross-site answer depends on SameSite, which these files lack:
    // say so, since the answer is still printed.
    if site.is_some()
        && same_site != SameSiteRules::Ignore
        && matches!(fmt, Format::Mozilla | Format::Msie)
    {
        eprintln!(
            "cookiejar: {file}: {fmt} files have no SameSite field: every cookie is read as \
             set without one (an LWP or JSON file keeps it)"
        );
    }
    // Methods are case-sensitive, but `get` on a command line means GET.
    let method = a.value("--method").unwrap_or("GET").to_ascii_uppercase();
    let mut request = SimpleRequest::new(url)
        .with_top_level_navigation(a.flag("--navigation"))
        .with_method(method);
    if let Some(site) = site {
        request = request.with_origin_request_host(site);
    }
    match jar.cookie_header_for_request(&request) {
        Some(h) => print(format!("{h}\n")),
        None => Ok(()),
    }
}

/// `cookiejar replay FILE... [--check] [--explain]`: one line per request
/// step (the `Cookie` header, or empty), for every scenario of every
/// file in order (a folder: its `.json` and `.jsonl` files, by name);
/// with `--check`, a line per mismatch and exit 1 if any; with
/// `--explain`, each header's fate on standard error. Exit 2 on a
/// malformed file, before anything is printed.
fn replay(args: &[String]) -> ExitCode {
    let a = match parse_args("replay", args, &["--check", "--explain"], &[]) {
        Ok(a) => a,
        Err(e) => return fail(&e),
    };
    if a.help {
        return match print(help(Some("replay"))) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }
    let (check, explain) = (a.flag("--check"), a.flag("--explain"));
    if a.positional.is_empty() {
        return fail("replay: expected a FILE (or several)");
    }
    let files = match scenario_files(&a.positional) {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    // Every file is read and every scenario checked before anything
    // runs: a bad one later leaves no partial output.
    // Each scenario with its file and its number in the file.
    let mut all = Vec::new();
    for file in &files {
        let text = match read_input(file)
            .and_then(|b| String::from_utf8(b).map_err(|e| format!("{file}: not UTF-8: {e}")))
        {
            Ok(t) => t,
            Err(e) => return fail(&e),
        };
        match Scenario::parse_many(&text) {
            Ok(s) => all.extend(
                s.into_iter()
                    .enumerate()
                    .map(|(n, s)| (file.as_str(), n + 1, s)),
            ),
            Err(e) => return fail(&format!("{file}: {e}")),
        }
    }
    use std::fmt::Write as _;
    let (mut out, mut notes) = (String::new(), String::new());
    let mut mismatches = 0usize;
    for (file, n_in_file, s) in &all {
        // Where the scenario is: its file when there are several, its id
        // (or number in the file), and its line in a JSON-lines file.
        let mut label = String::new();
        if files.len() > 1 {
            let _ = write!(label, "{file}: ");
        }
        match &s.id {
            Some(id) => label.push_str(id),
            None => {
                let _ = write!(label, "#{n_in_file}");
            }
        }
        if let Some(l) = s.line {
            let _ = write!(label, " (line {l})");
        }
        // Each step's notes, in step order (a request's, known once the
        // scenario has run, among the responses' as they happened).
        let mut explained: Vec<(usize, String)> = Vec::new();
        let mut observe = |step: usize, e: CookieEvent<'_>| {
            if explain {
                explained.push((step, describe(&e)));
            }
        };
        // Only --explain asks why cookies are withheld, which reads the
        // whole jar at each request.
        let run = match explain {
            true => s.run_observed(&mut observe),
            false => s.run(),
        };
        let outcomes = match run {
            Ok(o) => o,
            Err(e) => return fail(&format!("{file}: {label}: {e}")),
        };
        if explain {
            // A policy without RFC 2965 reads no Set-Cookie2 header, and
            // the jar says nothing of one: said here.
            let reads_2965 = s.policy.mode == cookiejar::scenario::Mode::Rfc2965
                || s.policy.rfc2965 == Some(true);
            for (i, step) in s.steps.iter().enumerate() {
                match step {
                    cookiejar::scenario::Step::Response(r) if !reads_2965 => {
                        for line in &r.set_cookie2 {
                            explained.push((
                                i,
                                format!(
                                    "ignored Set-Cookie2 {}: RFC 2965 is off in this policy \
                                     (mode rfc2965 reads it)",
                                    shown_header(line.as_bytes())
                                ),
                            ));
                        }
                    }
                    _ => {}
                }
            }
            for o in &outcomes {
                for (c, why) in &o.withheld {
                    explained.push((o.step, format!("withheld {}: {why}", cookie_key(c))));
                }
            }
            explained.sort_by_key(|(step, _)| *step);
            // Steps are counted from 1, as a reader counts them.
            for (step, note) in explained {
                let _ = writeln!(notes, "{label} step {}: {note}", step + 1);
            }
        }
        for o in &outcomes {
            if check && !o.ok() {
                mismatches += 1;
                let _ = writeln!(
                    out,
                    "MISMATCH {label} step {}: {}: expected {:?}, got {:?}",
                    o.step + 1,
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
        let _ = write!(
            out,
            "{} {}, {mismatches} {}",
            all.len(),
            plural(all.len(), "scenario"),
            plural(mismatches, "mismatch")
        );
        match mismatches > 0 && !explain {
            true => out.push_str(" (--explain says why each cookie was refused or withheld)\n"),
            false => out.push('\n'),
        }
    }
    if explain {
        eprint!("{notes}");
    }
    if let Err(e) = print(&out) {
        return fail(&e);
    }
    if check && mismatches > 0 {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The scenario files `replay` runs: each argument, or for a folder its
/// `.json` and `.jsonl` files (not its subfolders'), by name.
fn scenario_files(args: &[&str]) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    for &arg in args {
        if arg == "-" || !Path::new(arg).is_dir() {
            files.push(arg.to_owned());
            continue;
        }
        let mut found: Vec<String> = std::fs::read_dir(arg)
            .map_err(|e| format!("{arg}: {e}"))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|x| {
                        x.eq_ignore_ascii_case("json") || x.eq_ignore_ascii_case("jsonl")
                    })
            })
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if found.is_empty() {
            return Err(format!(
                "{arg}: no .json or .jsonl scenario files in this folder"
            ));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// A cookie's key and what decides where it goes, for `replay
/// --explain`.
fn cookie_key(c: &Cookie) -> String {
    let scope = if c.host_only() { "host-only" } else { "domain" };
    let expiry = match c.expires() {
        Some(t) => format!("expires {}", t.unix_timestamp()),
        None => "session".to_owned(),
    };
    let mut flags = String::new();
    for (on, name) in [(c.secure(), ", Secure"), (c.http_only(), ", HttpOnly")] {
        if on {
            flags.push_str(name);
        }
    }
    if c.same_site() != cookiejar::SameSite::Default {
        flags.push_str(&format!(", SameSite={}", c.same_site()));
    }
    format!(
        "{:?} for {} path {} ({scope}, {expiry}{flags})",
        c.name(),
        c.domain(),
        c.path()
    )
}

/// How much of a refused header `replay --explain` shows.
const HEADER_SHOWN: usize = 120;

/// One line on a header's fate, for `replay --explain`: the cookie's
/// key and what decides where it goes, or the refused header (its first
/// [`HEADER_SHOWN`] characters) and why.
fn describe(e: &CookieEvent<'_>) -> String {
    match e {
        CookieEvent::Stored(c) => format!("stored {}", cookie_key(c)),
        CookieEvent::Expired(c) => {
            format!(
                "expired on arrival (deletes any it replaces) {}",
                cookie_key(c)
            )
        }
        CookieEvent::Evicted(c) => format!("evicted {}", cookie_key(c)),
        CookieEvent::Rejected { header, reason, .. } => {
            format!("refused {}: {reason}", shown_header(header))
        }
        _ => format!("{e:?}"),
    }
}

/// A header as `replay --explain` shows it: quoted, escaped, and cut to
/// its first [`HEADER_SHOWN`] characters (and its length) if longer.
fn shown_header(header: &[u8]) -> String {
    let text = String::from_utf8_lossy(header);
    match text.char_indices().nth(HEADER_SHOWN) {
        Some((cut, _)) => format!("{:?}... ({} bytes)", &text[..cut], header.len()),
        None => format!("{text:?}"),
    }
}
