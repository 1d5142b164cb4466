//! The attribute-list parsers of ClientCookie / Python `http.cookiejar`,
//! for the legacy protocols:
//!
//! - [`parse_ns_header`]: a Netscape or RFC 2109 `Set-Cookie` header, as
//!   `http.cookiejar.parse_ns_headers` reads it (split at `;`, no quoting,
//!   so an unquoted `,` in `Expires` is fine);
//! - [`split_header_words`]: RFC 2965 `Set-Cookie2` headers (RFC 2965
//!   §3.2.2: comma-separated cookies, `attr=value` or `attr="quoted
//!   string"`), as `http.cookiejar.split_header_words` reads them.
//!
//! Both give each cookie as a list of `(name, value)` pairs whose first
//! pair is the cookie's own name and value; `None` means "no `=`".

/// One cookie's attribute pairs: the first is the cookie's name and value.
/// A plain vector, as Python's lists: its `Debug` output shows the
/// cookie's value (unlike the crate's `Cookie` and `SetCookie`), so it is
/// no form for a log line.
pub type Pairs = Vec<(String, Option<String>)>;

/// Python's `str.strip()` whitespace (ASCII part).
fn is_py_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f'
    ) || (c > '\x7f' && c.is_whitespace())
}

/// Removes one leading and one trailing `"`, as
/// `http.cookiejar.strip_quotes` does.
pub fn strip_quotes(s: &str) -> &str {
    let s = s.strip_prefix('"').unwrap_or(s);
    s.strip_suffix('"').unwrap_or(s)
}

/// ClientCookie's `parse_ns_headers` for one `Set-Cookie` value: splits at
/// `;`, strips whitespace, splits each part at its first `=`. A first part
/// with an empty name means no cookie (`None`); later parts with empty
/// names are skipped. Known attribute names (`expires`, `domain`, `path`,
/// `secure`, `version`, `port`, `max-age`) are lower-cased; the value of
/// `version` loses its quotes. (Python also appends `("version", "0")`
/// when no `Version` was given; callers read a missing version as 0.)
pub fn parse_ns_header(header: &str) -> Option<Pairs> {
    const KNOWN: [&str; 7] = [
        "expires", "domain", "path", "secure", "version", "port", "max-age",
    ];
    let mut pairs: Pairs = Vec::new();
    for (i, param) in header.split(';').enumerate() {
        let param = param.trim_matches(is_py_space);
        let (key, val) = match param.split_once('=') {
            Some((k, v)) => (
                k.trim_matches(is_py_space),
                Some(v.trim_matches(is_py_space)),
            ),
            None => (param, None),
        };
        if key.is_empty() {
            if i == 0 {
                break;
            }
            continue;
        }
        let mut key = key.to_owned();
        let mut val = val.map(str::to_owned);
        if i != 0 {
            let lc = key.to_ascii_lowercase();
            if KNOWN.contains(&lc.as_str()) {
                key = lc;
            }
            if key == "version" {
                val = val.map(|v| strip_quotes(&v).to_owned());
            }
        }
        pairs.push((key, val));
    }
    (!pairs.is_empty()).then_some(pairs)
}

/// ClientCookie's `split_header_words` (RFC 2965 §3.2.2 syntax, relaxed):
/// each header value holds `name[=value]` items separated by `;` (and by
/// spaces), cookies separated by `,`; a value is a token or a quoted string
/// with backslash escapes. Junk between items is skipped. One
/// implementation serves `Set-Cookie2` headers and LWP files
/// (`crate::format::lwp`).
pub fn split_header_words<'a, I>(values: I) -> Vec<Pairs>
where
    I: IntoIterator<Item = &'a str>,
{
    values
        .into_iter()
        .flat_map(crate::format::lwp::split_header_words)
        .collect()
}

/// Reads a quoted string body (after the opening `"`): returns the
/// unescaped value and the bytes used including the closing quote.
fn quoted_string(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => match chars.next() {
                Some((_, e)) => out.push(e),
                None => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// Writes a `Cookie` header value for a version-1 cookie (RFC 2965 §3.3.4):
/// a token as is, anything else as a quoted string with `"` and `\`
/// escaped (a value that is already a well-formed quoted string is kept).
pub(crate) fn quote_value(value: &str, out: &mut String) {
    fn is_token_char(c: char) -> bool {
        c.is_ascii_graphic()
            && !matches!(
                c,
                '(' | ')'
                    | '<'
                    | '>'
                    | '@'
                    | ','
                    | ';'
                    | ':'
                    | '\\'
                    | '"'
                    | '/'
                    | '['
                    | ']'
                    | '?'
                    | '='
                    | '{'
                    | '}'
            )
    }
    if !value.is_empty() && value.chars().all(is_token_char) {
        out.push_str(value);
        return;
    }
    if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        if let Some((_, used)) = quoted_string(&value[1..]) {
            if used == value.len() - 1 {
                out.push_str(value);
                return;
            }
        }
    }
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[(&str, Option<&str>)]) -> Pairs {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
            .collect()
    }

    #[test]
    fn ns_headers() {
        assert_eq!(
            parse_ns_header("foo=bar; Path=/; expires=Wed, 09 Jun 2021 10:18:14 GMT; SECURE"),
            Some(p(&[
                ("foo", Some("bar")),
                ("path", Some("/")),
                ("expires", Some("Wed, 09 Jun 2021 10:18:14 GMT")),
                ("secure", None)
            ]))
        );
        assert_eq!(parse_ns_header("=foo"), None);
        assert_eq!(parse_ns_header(""), None);
        assert_eq!(parse_ns_header("foo"), Some(p(&[("foo", None)])));
        assert_eq!(
            parse_ns_header("a = \"b\" ; ; =x; Version=\"1\"; HttpOnly"),
            Some(p(&[
                ("a", Some("\"b\"")),
                ("version", Some("1")),
                ("HttpOnly", None)
            ]))
        );
    }

    #[test]
    fn header_words() {
        // The examples of Python's docstring.
        assert_eq!(
            split_header_words(["foo=\"bar\"; port=\"80,81\"; discard, bar=baz"]),
            vec![
                p(&[
                    ("foo", Some("bar")),
                    ("port", Some("80,81")),
                    ("discard", None)
                ]),
                p(&[("bar", Some("baz"))])
            ]
        );
        assert_eq!(
            split_header_words(["text/html; charset=\"iso-8859-1\""]),
            vec![p(&[("text/html", None), ("charset", Some("iso-8859-1"))])]
        );
        assert_eq!(
            split_header_words([r#"Basic realm="\"foo\bar\"""#]),
            vec![p(&[("Basic", None), ("realm", Some("\"foobar\""))])]
        );
        assert_eq!(
            split_header_words(["a=1", "b=2; Version=1"]),
            vec![
                p(&[("a", Some("1"))]),
                p(&[("b", Some("2")), ("Version", Some("1"))])
            ]
        );
        assert_eq!(split_header_words([" ;= , ;"]), Vec::<Pairs>::new());
        assert_eq!(
            split_header_words(["a=\"unterminated; b=2"]),
            vec![p(&[("a", Some("\"unterminated")), ("b", Some("2"))])]
        );
    }

    #[test]
    fn quoting() {
        let q = |v: &str| {
            let mut s = String::new();
            quote_value(v, &mut s);
            s
        };
        assert_eq!(q("abc-1.5"), "abc-1.5");
        assert_eq!(q("a b"), "\"a b\"");
        assert_eq!(q("a;b"), "\"a;b\"");
        assert_eq!(q("\"already\""), "\"already\"");
        assert_eq!(q("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(q(""), "\"\"");
    }
}
