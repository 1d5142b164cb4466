//! What the tests of the cookie file formats share: their fixtures under
//! `tests/data`, and the times and options they read them at.
// Each test file uses what it needs of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use cookiejar::format::{LineIssue, LoadOptions, Retain};
use time::OffsetDateTime;

/// A folder of fixtures under `tests/data`.
pub struct Folder(pub &'static str);

impl Folder {
    /// The path of fixture `name`.
    pub fn path(&self, name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(self.0)
            .join(name)
    }

    /// The bytes of fixture `name`.
    pub fn bytes(&self, name: &str) -> Vec<u8> {
        let path = self.path(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Fixture `name`, a JSON file.
    pub fn json(&self, name: &str) -> serde_json::Value {
        serde_json::from_slice(&self.bytes(name)).unwrap()
    }
}

/// The instant `unix` seconds after the epoch.
pub fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap()
}

/// Keeps session and expired cookies: every record that is a cookie
/// reads.
pub fn keep_all() -> LoadOptions {
    LoadOptions::new()
        .session(Retain::Keep)
        .expired(Retain::Keep)
}

/// The lines a load skipped, each with why.
pub fn skipped_lines(skipped: &[LineIssue]) -> Vec<(u64, &str)> {
    skipped
        .iter()
        .map(|s| (s.line, s.message.as_str()))
        .collect()
}
