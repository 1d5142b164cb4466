//! Atomic file replacement: write a temporary file in the same folder,
//! flush and fsync it, rename it over the target, fsync the folder.
//!
//! A failure (or a crash) at any point leaves the previous file intact:
//! until the rename, the target is untouched; the rename itself is atomic
//! on POSIX file systems. The temporary file is removed on failure.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The steps of an atomic save, in order; a test hook may fail any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The temporary file was created (nothing written yet).
    Created,
    /// Some of the content was written.
    PartlyWritten,
    /// All the content was written and flushed.
    Written,
    /// The temporary file was fsynced.
    Synced,
    /// The temporary file was renamed over the target.
    Renamed,
}

/// All steps, for tests that fail each in turn.
#[cfg(test)]
pub(crate) const STEPS: [Step; 5] = [
    Step::Created,
    Step::PartlyWritten,
    Step::Written,
    Step::Synced,
    Step::Renamed,
];

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cookies".into());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// A writer that reports [`Step::PartlyWritten`] after its first write.
struct Watch<'a, W: Write> {
    inner: W,
    reported: bool,
    hook: &'a mut dyn FnMut(Step) -> io::Result<()>,
}

impl<W: Write> Write for Watch<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if !self.reported && n > 0 {
            self.reported = true;
            self.inner.flush()?;
            (self.hook)(Step::PartlyWritten)?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Replaces `target` with what `write` produces, atomically.
pub(crate) fn write_atomic(
    target: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<(), crate::Error>,
) -> Result<(), crate::Error> {
    write_atomic_with(target, write, &mut |_| Ok(()))
}

/// [`write_atomic`] with a hook called after each [`Step`]; an error from
/// the hook aborts the save as a real failure at that point would.
pub(crate) fn write_atomic_with(
    target: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<(), crate::Error>,
    hook: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<(), crate::Error> {
    let io_err = |e: io::Error| crate::Error::io(Some(target.to_path_buf()), e);
    let tmp = temp_path(target);
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(io_err)?;
    let result = (|| -> Result<(), crate::Error> {
        hook(Step::Created).map_err(io_err)?;
        let mut w = Watch {
            inner: BufWriter::new(&file),
            reported: false,
            hook: &mut *hook,
        };
        write(&mut w)?;
        w.flush().map_err(io_err)?;
        let Watch { hook, .. } = w;
        hook(Step::Written).map_err(io_err)?;
        file.sync_all().map_err(io_err)?;
        hook(Step::Synced).map_err(io_err)?;
        Ok(())
    })();
    drop(file);
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Err(e) = fs::rename(&tmp, target) {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    sync_dir(target);
    hook(Step::Renamed).map_err(io_err)?;
    Ok(())
}

/// Fsyncs the folder holding `target`, so the rename survives a crash
/// (best effort: not every platform can open a folder).
fn sync_dir(target: &Path) {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "cookiejar-atomic-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn content(n: usize) -> Vec<u8> {
        (0..n).map(|i| b"abcdefghij\n"[i % 11]).collect()
    }

    /// A save failing at each step leaves the old file or the new one,
    /// complete, and no temporary file.
    #[test]
    fn interrupted_saves_leave_old_or_new() {
        let old = b"old file, complete\n".to_vec();
        let new = content(200_000);
        for fail_at in STEPS {
            let d = dir();
            let target = d.join("cookies.txt");
            fs::write(&target, &old).unwrap();
            let r = write_atomic_with(
                &target,
                &mut |w| {
                    // Write in small pieces so a partial write is visible.
                    for chunk in new.chunks(1000) {
                        w.write_all(chunk).map_err(|e| crate::Error::io(None, e))?;
                    }
                    Ok(())
                },
                &mut |step| {
                    if step == fail_at {
                        Err(io::Error::other(format!("injected failure at {step:?}")))
                    } else {
                        Ok(())
                    }
                },
            );
            assert!(r.is_err(), "{fail_at:?}");
            let now = fs::read(&target).unwrap();
            if fail_at == Step::Renamed {
                assert_eq!(now, new, "{fail_at:?}");
            } else {
                assert_eq!(now, old, "{fail_at:?}");
            }
            let left: Vec<_> = fs::read_dir(&d).unwrap().collect();
            assert_eq!(left.len(), 1, "temporary file left behind at {fail_at:?}");
            fs::remove_dir_all(&d).unwrap();
        }
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file() {
        let d = dir();
        let target = d.join("cookies.txt");
        fs::write(&target, b"old").unwrap();
        let r = write_atomic(&target, &mut |w| {
            w.write_all(b"partial")
                .map_err(|e| crate::Error::io(None, e))?;
            Err(crate::Error::syntax("test", None, "serializer failed"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read(&target).unwrap(), b"old");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn saves_into_a_new_file() {
        let d = dir();
        let target = d.join("new.txt");
        write_atomic(&target, &mut |w| {
            w.write_all(b"hello").map_err(|e| crate::Error::io(None, e))
        })
        .unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"hello");
        let missing = d.join("no/such/dir/x.txt");
        let e = write_atomic(&missing, &mut |_| Ok(())).unwrap_err();
        assert!(e.to_string().contains("x.txt"), "{e}");
        fs::remove_dir_all(&d).unwrap();
    }
}
