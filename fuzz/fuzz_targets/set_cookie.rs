//! The Set-Cookie parser never panics, and what it accepts has no CTL.
#![no_main]
use cookiejar::parse::{parse_set_cookie, ParseLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(sc) = parse_set_cookie(data, &ParseLimits::RFC6265BIS) {
        assert!(sc.name.len() + sc.value.len() <= 4096);
        assert!(!sc.value.iter().any(|&b| b < 0x20 && b != b'\t'));
    }
});
