//! A cookie through serde formats other than JSON: bincode, which is not
//! self-describing (its reader asks for each field's type and cannot
//! tell a string from a number), and CBOR; both say they are not
//! human-readable. Every field must come back.
#![cfg(feature = "serde")]

use cookiejar::{Cookie, SameSite};
use time::macros::datetime;

fn cookies() -> Vec<Cookie> {
    vec![
        Cookie::builder("sid", "ünïcode; value")
            .domain("example.com")
            .host_only(false)
            .path("/account")
            .path_specified(true)
            .expires(Some(datetime!(9999-12-31 23:59:59.999999999 UTC)))
            .secure(true)
            .http_only(true)
            .same_site(SameSite::Strict)
            .partitioned(true)
            .creation_time(datetime!(2024-02-29 12:00:00.123456789 UTC))
            .last_access_time(datetime!(2024-03-01 00:00:00 UTC))
            .build(),
        // A session cookie with the legacy fields, a time before 1970.
        Cookie::builder("", "nameless")
            .value_absent(true)
            .port_specified(true)
            .rfc2109(true)
            .domain("[::1]")
            .version(Some(1))
            .port(Some("80,8080".into()))
            .comment(Some("c".into()))
            .comment_url(Some("http://example.com/c".into()))
            .discard(true)
            .other_attribute("X-Extra", None)
            .other_attribute("Y", Some(String::new()))
            .creation_time(datetime!(1969-07-20 20:17:40 UTC))
            .last_access_time(datetime!(1969-07-20 20:17:40 UTC))
            .build(),
        Cookie::builder("expired", "")
            .domain("xn--bcher-kva.example")
            .creation_time(datetime!(2026-01-01 00:00:00 UTC))
            .last_access_time(datetime!(2026-01-01 00:00:00 UTC))
            .expires(Some(datetime!(1970-01-01 00:00:00 UTC)))
            .same_site(SameSite::None)
            .build(),
    ]
}

/// Every field, values included (`Debug` redacts them).
fn fields(c: &Cookie) -> String {
    format!(
        "{:?} {} {:?} {:?}",
        c,
        c.value(),
        (c.creation_time(), c.last_access_time(), c.expires()),
        c.other_attributes().collect::<Vec<_>>()
    )
}

fn assert_same(back: &[Cookie], want: &[Cookie]) {
    assert_eq!(back.len(), want.len());
    for (b, w) in back.iter().zip(want) {
        assert_eq!(b, w);
        assert_eq!(fields(b), fields(w));
    }
}

#[test]
fn bincode_round_trips_every_field() {
    let want = cookies();
    let bytes = bincode::serialize(&want).unwrap();
    let back: Vec<Cookie> = bincode::deserialize(&bytes).unwrap();
    assert_same(&back, &want);
}

#[test]
fn cbor_round_trips_every_field() {
    let want = cookies();
    let mut bytes = Vec::new();
    ciborium::into_writer(&want, &mut bytes).unwrap();
    let back: Vec<Cookie> = ciborium::from_reader(bytes.as_slice()).unwrap();
    assert_same(&back, &want);
}

#[test]
fn json_round_trips_every_field() {
    let want = cookies();
    let text = serde_json::to_string(&want).unwrap();
    let back: Vec<Cookie> = serde_json::from_str(&text).unwrap();
    assert_same(&back, &want);
}

/// A CBOR record that leaves keys out (another program's) takes the
/// defaults a JSON record takes.
#[test]
fn a_cbor_record_may_leave_keys_out() {
    use ciborium::Value;
    let record = Value::Map(vec![
        (Value::Text("name".into()), Value::Text("a".into())),
        (Value::Text("value".into()), Value::Text("1".into())),
        (
            Value::Text("domain".into()),
            Value::Text(".example.com".into()),
        ),
    ]);
    let mut bytes = Vec::new();
    ciborium::into_writer(&record, &mut bytes).unwrap();
    let c: Cookie = ciborium::from_reader(bytes.as_slice()).unwrap();
    let json: Cookie =
        serde_json::from_str(r#"{"name": "a", "value": "1", "domain": ".example.com"}"#).unwrap();
    assert_eq!((c.name(), c.value(), c.domain()), ("a", "1", "example.com"));
    assert!(c.host_only() && c.path() == "/" && c.expires().is_none());
    assert_eq!(
        (c.host_only(), c.path(), c.same_site(), c.secure()),
        (
            json.host_only(),
            json.path(),
            json.same_site(),
            json.secure()
        )
    );
}

/// bincode's reader sees a cookie of the wrong shape as an error, never
/// a panic; a record cut short is one too.
#[test]
fn a_bad_bincode_record_is_an_error() {
    let bytes = bincode::serialize(&cookies()).unwrap();
    for end in 0..bytes.len() {
        assert!(bincode::deserialize::<Vec<Cookie>>(&bytes[..end]).is_err());
    }
    let wrong = bincode::serialize(&("a", 1u8, 2u64)).unwrap();
    assert!(bincode::deserialize::<Cookie>(&wrong).is_err());
}

/// A value of the wrong type is refused without quoting it, in CBOR as
/// in JSON (`tests/redaction.rs`).
#[test]
fn a_wrong_cbor_value_is_not_quoted() {
    use ciborium::Value;
    for value in [
        Value::Integer(8675309.into()),
        Value::Float(86753.09),
        Value::Bytes(b"SECRETVAL".to_vec()),
        Value::Array(vec![Value::Text("SECRETVAL".into())]),
    ] {
        let record = Value::Map(vec![
            (Value::Text("name".into()), Value::Text("sid".into())),
            (Value::Text("value".into()), value),
            (
                Value::Text("domain".into()),
                Value::Text("a.example".into()),
            ),
        ]);
        let mut bytes = Vec::new();
        ciborium::into_writer(&record, &mut bytes).unwrap();
        let e = ciborium::from_reader::<Cookie, _>(bytes.as_slice())
            .unwrap_err()
            .to_string();
        assert!(
            !e.contains("8675309") && !e.contains("86753") && !e.contains("SECRETVAL"),
            "{e}"
        );
        assert!(e.contains("invalid type"), "{e}");
    }
    // A string where another type goes (ciborium says so in its own
    // words).
    let record = Value::Map(vec![
        (Value::Text("name".into()), Value::Text("sid".into())),
        (
            Value::Text("domain".into()),
            Value::Text("a.example".into()),
        ),
        (
            Value::Text("secure".into()),
            Value::Text("SECRETVAL".into()),
        ),
    ]);
    let mut bytes = Vec::new();
    ciborium::into_writer(&record, &mut bytes).unwrap();
    let e = ciborium::from_reader::<Cookie, _>(bytes.as_slice())
        .unwrap_err()
        .to_string();
    assert!(!e.contains("SECRETVAL") && e.contains("bool"), "{e}");
}

#[test]
fn messagepack_round_trips_every_field_as_arrays_and_maps() {
    let want = cookies();
    let arrays = rmp_serde::to_vec(&want).unwrap();
    let back: Vec<Cookie> = rmp_serde::from_slice(&arrays).unwrap();
    assert_same(&back, &want);
    let maps = rmp_serde::to_vec_named(&want).unwrap();
    let back: Vec<Cookie> = rmp_serde::from_slice(&maps).unwrap();
    assert_same(&back, &want);
}

#[test]
fn ron_round_trips_every_field() {
    let want = cookies();
    let text = ron::to_string(&want).unwrap();
    let back: Vec<Cookie> = ron::from_str(&text).unwrap();
    assert_same(&back, &want);
}

/// Records JSON reads (times as Unix seconds or `null`, a `null`
/// `same_site`) read the same from CBOR and MessagePack maps; records
/// JSON refuses (an empty time or `same_site`) are refused there too (a
/// review found the first version of the sequence reader swapped both).
#[test]
fn binary_maps_read_what_json_reads() {
    let base = r#""name": "a", "value": "1", "domain": "example.com""#;
    let records = [
        (r#""expires": 1900000000"#, true),
        (r#""creation": 1700000000, "last_access": 1700000001"#, true),
        (
            r#""expires": null, "creation": null, "last_access": null"#,
            true,
        ),
        (r#""same_site": null"#, true),
        (r#""same_site": """#, false),
        (r#""creation": """#, false),
    ];
    for (extra, ok) in records {
        let json = format!("{{{base}, {extra}}}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let from_json = serde_json::from_str::<Cookie>(&json);
        assert_eq!(from_json.is_ok(), ok, "{json}");
        let mut cbor = Vec::new();
        ciborium::into_writer(&value, &mut cbor).unwrap();
        let from_cbor = ciborium::from_reader::<Cookie, _>(cbor.as_slice());
        let msgpack = rmp_serde::to_vec_named(&value).unwrap();
        let from_msgpack = rmp_serde::from_slice::<Cookie>(&msgpack);
        match (from_json, from_cbor, from_msgpack) {
            (Ok(j), Ok(c), Ok(m)) => {
                // Absent times are the reader's now: compared apart.
                let given = |c: &Cookie| (c.expires(), c.same_site(), c.value().to_owned());
                assert_eq!(given(&j), given(&c), "{json}");
                assert_eq!(given(&j), given(&m), "{json}");
                if extra.starts_with(r#""creation": 1"#) {
                    assert_eq!(j.creation_time(), c.creation_time(), "{json}");
                    assert_eq!(j.last_access_time(), m.last_access_time(), "{json}");
                }
            }
            (Err(_), Err(_), Err(_)) => {}
            (j, c, m) => panic!("{json}: json {j:?}, cbor {c:?}, msgpack {m:?}"),
        }
    }
}
