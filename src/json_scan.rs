//! Where things are in JSON text that `serde_json` has accepted: the
//! lines of the elements of an array, for errors that name the line of
//! the record at fault (scenario steps, and the records of cookie_store's
//! array read in one pass; other JSON cookie files find their records
//! through `serde_json`'s `RawValue`), and `serde_json`'s error
//! messages without the input they quote.

/// The contents of the JSON string whose opening quote is at `b[at]`:
/// from the byte after it to its closing quote (or the end of `b`).
fn string_at(b: &[u8], at: usize) -> (usize, usize) {
    let mut i = at + 1;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    (at + 1, i.min(b.len()))
}

/// The byte offsets where the elements of the top-level object's `key`
/// array (or, for `None`, of the top-level array) start, for line
/// numbers; a structural scan of JSON that `serde_json` has already
/// accepted.
pub(crate) fn element_offsets(text: &str, key: Option<&str>) -> Vec<usize> {
    let array = key.is_none();
    let key = key.unwrap_or_default().as_bytes();
    let b = text.as_bytes();
    let mut out = Vec::new();
    // How deep the elements are: in `[...]`, or in `{"cookies": [...]}`.
    let level = if array { 1 } else { 2 };
    let mut depth = 0usize;
    let mut last_string: (usize, usize) = (0, 0);
    let mut key_is_cookies = array;
    let mut in_cookies = false;
    let mut expect_element = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_cookies
            && depth == level
            && expect_element
            && !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']')
        {
            out.push(i);
            expect_element = false;
        }
        match c {
            b'"' => {
                last_string = string_at(b, i);
                i = last_string.1;
            }
            b':' if depth == 1 => key_is_cookies = &b[last_string.0..last_string.1] == key,
            b',' if in_cookies && depth == level => expect_element = true,
            b',' if depth == 1 => key_is_cookies = false,
            b'{' | b'[' => {
                depth += 1;
                if c == b'[' && depth == level && key_is_cookies {
                    in_cookies = true;
                    expect_element = true;
                    key_is_cookies = false;
                }
            }
            b'}' | b']' => {
                if depth == level {
                    in_cookies = false;
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The key of the top-level object `record` whose value byte `offset`
/// is in (or follows): the field a `serde_json` error at that offset is
/// about. `None` before the first key, or for text that is not an object.
#[cfg(feature = "serde")]
pub(crate) fn key_at(record: &str, offset: usize) -> Option<&str> {
    let b = record.as_bytes();
    let end = offset.min(b.len());
    let (mut depth, mut last_string, mut key) = (0usize, (0, 0), None);
    let mut i = 0;
    while i < end {
        match b[i] {
            b'"' => {
                last_string = string_at(b, i);
                i = last_string.1;
            }
            b':' if depth == 1 => key = record.get(last_string.0..last_string.1),
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    key
}

/// Where the top-level object's key `key` starts in `text` (its opening
/// quote): not a string value that happens to read the same (`"id":
/// "start"`), nor a nested object's key.
#[cfg(feature = "scenario")]
pub(crate) fn key_offset(text: &str, key: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut depth, mut last, mut i) = (0usize, None, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                let (start, end) = string_at(b, i);
                last = Some((i, start, end));
                i = end;
            }
            b':' if depth == 1 => {
                if let Some((at, start, end)) = last {
                    if &b[start..end] == key.as_bytes() {
                        return Some(at);
                    }
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The 1-based line of byte `offset` of `text`.
#[cfg(feature = "scenario")]
pub(crate) fn line_at(text: &str, offset: usize) -> u64 {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// A `serde_json` error's message without its position (` at line L
/// column C`) and without the input it quotes.
///
/// serde's "invalid type" and "invalid value" messages quote the value
/// found (`invalid type: string "sid=…", expected …`, `invalid type:
/// integer `8675309`, expected a string`), which may be a cookie's value
/// or a whole `Set-Cookie` line: the message keeps its kind only
/// (`invalid type: string, expected a string`). Names of keys and
/// variants (`unknown field `x``) are kept.
pub(crate) fn error_message(e: &serde_json::Error) -> String {
    let mut text = e.to_string();
    if let Some(i) = text.rfind(" at line ").filter(|_| e.line() > 0) {
        text.truncate(i);
    }
    without_input(text)
}

/// Any serde error's message without the input it quotes (see
/// [`error_message`]) nor the position a format appends (` at line L
/// column C`, which the format appends again to the error made of it).
#[cfg(feature = "serde")]
pub(crate) fn message_without_input(e: &dyn std::fmt::Display) -> String {
    let mut text = e.to_string();
    if let Some(i) = text.rfind(" at line ") {
        let tail = &text[i + " at line ".len()..];
        let position = tail.split_once(" column ").is_some_and(|(l, c)| {
            !l.is_empty() && l.bytes().chain(c.bytes()).all(|b| b.is_ascii_digit())
        });
        if position {
            text.truncate(i);
        }
    }
    // A format may put serde's message after its own words: a key's path
    // (serde_yaml's `secure: invalid type: ...`), a position and the
    // input's line (toml's, on lines of their own), or a string of its
    // own, quotes escaped (ciborium's `Semantic(None, "invalid type:
    // ...")`).
    let inner = ["invalid type: ", "invalid value: "]
        .iter()
        .filter_map(|p| text.find(p))
        .min()
        .filter(|&k| k > 0);
    let Some(k) = inner else {
        return without_input(text);
    };
    let (before, message) = text.split_at(k);
    if before.ends_with('"') {
        // The wrapper's string: up to its closing quote, unescaped.
        let mut unescaped = String::new();
        let mut chars = message.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => unescaped.extend(chars.next()),
                c => unescaped.push(c),
            }
        }
        return without_input(unescaped);
    }
    // The words before, but for the lines after the first (toml's
    // lines quote the input).
    let first = before.split('\n').next().unwrap_or_default();
    let sep = if first.len() < before.len() { "\n" } else { "" };
    format!("{first}{sep}{}", without_input(message.to_owned()))
}

/// [`error_message`]'s redaction of a message without its position.
fn without_input(text: String) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        let Some(rest) = text.strip_prefix(prefix) else {
            continue;
        };
        // serde writes `{prefix}{unexpected}, expected {expected}`, the
        // expectation being the reader's own text: the last `, expected `
        // ends what was found, whatever a quoted string holds.
        let Some(end) = rest.rfind(", expected ") else {
            break;
        };
        let found = &rest[..end];
        // (A backslash: a quote escaped by a format that wraps the
        // message in its own.)
        let kind = match found.find(['"', '`', '\\']) {
            Some(quote) => found[..quote].trim_end(),
            None => break,
        };
        return format!("{prefix}{kind}{}", &rest[end..]);
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn error_messages_leave_out_the_input() {
        let message = |json: &str| {
            let e = serde_json::from_str::<Vec<String>>(json).unwrap_err();
            super::error_message(&e)
        };
        assert_eq!(
            message(r#"["a", 8675309]"#),
            "invalid type: integer, expected a string"
        );
        assert_eq!(
            message("[1.5]"),
            "invalid type: floating point, expected a string"
        );
        assert_eq!(
            message("[true]"),
            "invalid type: boolean, expected a string"
        );
        // A string quoting `, expected ` and quotes of its own.
        let e = serde_json::from_str::<Vec<u8>>(r#"["sid=\"x, expected y`\""]"#).unwrap_err();
        assert_eq!(
            super::error_message(&e),
            "invalid type: string, expected u8"
        );
        let e = serde_json::from_str::<u8>("300").unwrap_err();
        assert_eq!(
            super::error_message(&e),
            "invalid value: integer, expected u8"
        );
        // Kinds without quoted input, and other messages, are kept.
        assert_eq!(message("[null]"), "invalid type: null, expected a string");
        assert_eq!(message(r#"["a","#), "EOF while parsing a value");
        assert_eq!(message("{}"), "invalid type: map, expected a sequence");
    }

    /// A message another format wraps in its own (ciborium's), quotes
    /// escaped, or puts after its own words (serde_yaml's path, toml's
    /// position and lines): serde's message without the input, the
    /// words kept but for lines that quote the input.
    #[test]
    #[cfg(feature = "serde")]
    fn wrapped_messages_leave_out_the_input() {
        let cut = |m: &str| super::message_without_input(&m);
        assert_eq!(
            cut(r#"Semantic(None, "invalid type: integer `8675309`, expected a string")"#),
            "invalid type: integer, expected a string"
        );
        assert_eq!(
            cut(r#"Semantic(None, "invalid type: string \"SECRET, expected x\", expected u32")"#),
            "invalid type: string, expected u32"
        );
        assert_eq!(
            cut(r#"Semantic(Some(3), "invalid value: integer `-1`, expected u32")"#),
            "invalid value: integer, expected u32"
        );
        assert_eq!(
            cut(r#"Custom("invalid type: string \"a\", expected one of \"lax\", \"strict\"")"#),
            r#"invalid type: string, expected one of "lax", "strict""#
        );
        assert_eq!(
            cut("secure: invalid type: integer `8675309`, expected a boolean at line 2 column 9"),
            "secure: invalid type: integer, expected a boolean"
        );
        assert_eq!(
            cut("TOML parse error at line 3, column 9\n  |\n3 | value = 8675309\n  |         ^^^^^^^\ninvalid type: integer `8675309`, expected a string\n"),
            "TOML parse error at line 3, column 9\ninvalid type: integer, expected a string\n"
        );
        // Other messages are kept.
        assert_eq!(
            cut("Semantic(Some(34), \"expected bool\")"),
            "Semantic(Some(34), \"expected bool\")"
        );
        assert_eq!(cut(""), "");
        assert_eq!(cut("\"invalid type: "), "invalid type: ");
    }

    #[cfg(feature = "serde")]
    proptest::proptest! {
        /// No message makes the cut panic, and a serde message's
        /// quoted input never survives it, however it is wrapped.
        #[test]
        fn messages_are_cut_without_their_input(
            any in ".{0,80}",
            secret in "[a-z\"`\\\\, :]{0,16}",
            before in "[a-z\\[\\]0-9.:]{0,10}: ",
        ) {
            let cut = |m: &str| super::message_without_input(&m);
            let _ = cut(&any);
            let secret = format!("SECRET{secret}");
            let plain = format!("invalid type: string {secret:?}, expected a string");
            let ticked = format!("invalid value: integer `{secret}`, expected u8");
            for m in [&plain, &ticked] {
                let wrapped = format!("Semantic(None, {m:?})");
                let pathed = format!("{before}{m}");
                let lined = format!("error at line 1\n1 | {secret}\n{m}\n");
                for m in [m, &wrapped, &pathed, &lined] {
                    let out = cut(m);
                    proptest::prop_assert!(!out.contains("SECRET"), "{m:?} -> {out:?}");
                }
            }
        }
    }

    #[test]
    #[cfg(feature = "serde")]
    fn keys_at_offsets() {
        let record = r#"{"a": 1, "b:\"": {"c": [2, "x"]}, "d": "e,\"f\":"}"#;
        let key_of = |what: &str| super::key_at(record, record.find(what).unwrap() + what.len());
        assert_eq!(key_of("{\"a"), None);
        assert_eq!(key_of("1"), Some("a"));
        assert_eq!(key_of("\"x"), Some("b:\\\""));
        assert_eq!(key_of("f\\\":"), Some("d"));
        assert_eq!(super::key_at("[1, 2]", 4), None);
    }

    #[test]
    fn offsets_of_elements() {
        let text =
            r#"{"a": [{"cookies": [9]}], "cookies": [ {"x": "[,]"} , [1,2], "s", 3 ], "b": [0]}"#;
        let firsts = |text: &'static str, array| -> Vec<&'static str> {
            super::element_offsets(text, if array { None } else { Some("cookies") })
                .into_iter()
                .map(|o| &text[o..o + 1])
                .collect()
        };
        assert_eq!(firsts(text, false), ["{", "[", "\"", "3"]);
        assert_eq!(
            super::element_offsets(r#"{"cookies": []}"#, Some("cookies")),
            Vec::<usize>::new()
        );
        // A top-level array (a browser export): its own elements.
        let text = r#" [ {"cookies": [1, 2], "x": "],"} , [3], "s", 4 ] "#;
        assert_eq!(firsts(text, true), ["{", "[", "\"", "4"]);
        assert_eq!(super::element_offsets("[]", None), Vec::<usize>::new());
    }
}
