//! Atomic file replacement: write a temporary file in the same folder,
//! flush and fsync it, rename it over the target, fsync the folder.
//!
//! A failure (or a crash) at any point leaves the previous file intact:
//! until the rename, the target is untouched; the rename itself is atomic
//! on POSIX file systems. The temporary file is removed on failure. (A
//! target written in place, below, keeps what was written before a
//! failure.)
//!
//! Cookie files hold credentials: a new file is created readable by its
//! owner only (mode 0600 on Unix, as Python's `FileCookieJar.save`
//! creates it), and a replaced file keeps its permissions (and, where
//! the process may set it, its owner). A symbolic link is followed: the
//! file it points to is replaced, and the link stays a link. A file the
//! process could not open for writing, or one without any write
//! permission (`chmod a-w`), is not replaced: the save fails, as curl's
//! and Python's do.
//!
//! A save that was killed between creating its temporary file and the
//! rename leaves that file behind (`.cookies.txt.tmp-PID-N`, mode 0600).
//! The next successful save of the same target removes those older than
//! a day: no save takes that long, so none is still being written.
//!
//! A target that is not a regular file (a device such as `/dev/null`, a
//! pipe, or an open file named through `/proc`, such as `/dev/stdout`) is
//! written in place, appending, as a shell's `>>` would: there is no file
//! to replace, and replacing the name would break what it stands for.

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

/// The folder `path` is in, `.` for a bare file name (whose parent is
/// the empty path).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// How much of its target's name a temporary file's name keeps: 255
/// bytes (the longest name Linux's and most file systems take) less the
/// `.` before it and the `.tmp-`, PID (10 digits at most), `-` and
/// counter (20) after it, so that a target of the longest name can be
/// saved.
const NAME_KEPT: usize = 255 - 1 - 5 - 10 - 1 - 20;

/// The start of the name of `target`'s temporary files.
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cookies".into());
    let mut end = name.len().min(NAME_KEPT);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.tmp-", &name[..end])
}

fn temp_path(target: &Path) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let prefix = temp_prefix(target);
    target.with_file_name(format!("{prefix}{}-{n}", std::process::id()))
}

/// How old a temporary file of a killed save is before a later save
/// removes it.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// Removes the temporary files that killed saves of `target` left, those
/// older than [`STALE_AFTER`] (best effort: errors are ignored). Only
/// names of the exact form a save gives (`.NAME.tmp-PID-N`, digits) are
/// touched.
fn remove_stale_temps(target: &Path) {
    let prefix = temp_prefix(target);
    let dir = folder_of(target);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let ours = rest.split_once('-').is_some_and(|(pid, n)| {
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            digits(pid) && digits(n)
        });
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER))
        });
        if ours && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
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
    let Some(real) = resolve(target).map_err(io_err)? else {
        return write_in_place(target, write);
    };
    let old = match fs::metadata(&real) {
        Ok(m) if !m.is_file() && !m.is_dir() => return write_in_place(target, write),
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    if let Some(old) = &old {
        check_writable(&real, old).map_err(io_err)?;
    }
    let tmp = temp_path(&real);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    // The save needs the folder, not only the file: say so, naming it
    // (the error keeps its kind: a folder gone is still `NotFound`).
    let file = options.open(&tmp).map_err(|e| {
        let dir = folder_of(&real);
        let why = io::Error::new(
            e.kind(),
            format!(
                "cannot create a temporary file in the folder {} ({e}): a save \
                 writes a new file beside the old one and renames it over it, so \
                 it needs write access to the folder",
                dir.display(),
            ),
        );
        crate::Error::io(Some(target.to_path_buf()), why)
    })?;
    let result = (|| -> Result<(), crate::Error> {
        if let Some(old) = &old {
            keep_owner_and_permissions(&file, old).map_err(io_err)?;
        }
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
    if let Err(e) = fs::rename(&tmp, &real) {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    sync_dir(&real);
    hook(Step::Renamed).map_err(io_err)?;
    remove_stale_temps(&real);
    Ok(())
}

/// Writes what `write` produces at the end of `target`, which exists and
/// is not a file a save may replace.
fn write_in_place(
    target: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<(), crate::Error>,
) -> Result<(), crate::Error> {
    let io_err = |e: io::Error| crate::Error::io(Some(target.to_path_buf()), e);
    let file = OpenOptions::new()
        .append(true)
        .open(target)
        .map_err(io_err)?;
    let mut w = BufWriter::new(file);
    write(&mut w)?;
    w.flush().map_err(io_err)
}

/// The file a save to `target` replaces: `target`, or, if it is a
/// symbolic link, the file the chain of links ends at (which need not
/// exist yet), as opening `target` for writing would reach. `None` for a
/// link in a folder under `/proc` (`/dev/stdout` and `/dev/fd/N` lead
/// there): it names an open file, which only writing in place reaches.
fn resolve(target: &Path) -> io::Result<Option<PathBuf>> {
    let mut path = target.to_path_buf();
    // Linux's limit on the links one path lookup follows: 40 links, and
    // the path the last one names.
    for _ in 0..=40 {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let dir = path.parent().unwrap_or(Path::new("/"));
                let under_proc = |d: &Path| d.starts_with("/proc");
                if under_proc(dir) || fs::canonicalize(dir).is_ok_and(|d| under_proc(&d)) {
                    return Ok(None);
                }
                let link = fs::read_link(&path)?;
                // A relative link is relative to the folder holding it.
                path = match path.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(Some(path)),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Refuses to replace a file the process could not write in place, as
/// curl and Python (which open it for writing) refuse: a file without
/// any write permission (for every user, root included: `chmod a-w`
/// says the file is not to change), or one this process may not open
/// for writing. Renaming over it would succeed wherever the folder is
/// writable, so the check is made here, before anything is written.
fn check_writable(real: &Path, old: &fs::Metadata) -> io::Result<()> {
    if old.is_file() && old.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    // Opening without truncating changes nothing; it only asks the
    // system whether writing is allowed.
    OpenOptions::new().write(true).open(real).map(drop)
}

/// Gives the new file the permissions of the file it replaces, and its
/// owner and group where the process may (best effort: only a privileged
/// process can give a file away; an owner may pick any group of its
/// own). A group the new file could not keep gets none of the old
/// group's rights.
fn keep_owner_and_permissions(file: &File, old: &fs::Metadata) -> io::Result<()> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut permissions = old.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::{fchown, MetadataExt, PermissionsExt};
        if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
            let _ = fchown(file, None, Some(old.gid()));
        }
        if file.metadata()?.gid() != old.gid() {
            permissions.set_mode(permissions.mode() & !0o070);
        }
    }
    file.set_permissions(permissions)
}

/// Fsyncs the folder holding `target`, so the rename survives a crash
/// (best effort: not every platform can open a folder).
fn sync_dir(target: &Path) {
    let dir = folder_of(target);
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

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

    /// A save removes the temporary files that killed saves of the same
    /// target left more than a day ago, and nothing else: not a fresh
    /// one (a save in progress), not another target's, not a name of
    /// another form, not a folder.
    #[test]
    fn saves_remove_stale_temporary_files_of_their_target() {
        let d = dir();
        let target = d.join("cookies.txt");
        let day_and_more = std::time::SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        let make = |name: &str, old: bool| {
            let p = d.join(name);
            let f = File::create(&p).unwrap();
            if old {
                f.set_modified(day_and_more).unwrap();
            }
            p
        };
        let stale = [
            make(".cookies.txt.tmp-4242-0", true),
            make(".cookies.txt.tmp-1-17", true),
        ];
        let kept = [
            make(".cookies.txt.tmp-4242-1", false),
            make(".other.txt.tmp-4242-0", true),
            make(".cookies.txt.tmp-x-0", true),
            make(".cookies.txt.tmp-4242-0.bak", true),
            make("cookies.txt.tmp-4242-0", true),
        ];
        let folder = d.join(".cookies.txt.tmp-7-7");
        fs::create_dir(&folder).unwrap();
        save(&target, b"new").unwrap();
        for p in &stale {
            assert!(!p.exists(), "{p:?} left");
        }
        for p in kept.iter().chain([&folder]) {
            assert!(p.exists(), "{p:?} removed");
        }
        assert_eq!(fs::read(&target).unwrap(), b"new");
        fs::remove_dir_all(&d).unwrap();
    }

    fn save(target: &Path, text: &'static [u8]) -> Result<(), crate::Error> {
        write_atomic(target, &mut |w| {
            w.write_all(text).map_err(|e| crate::Error::io(None, e))
        })
    }

    /// A new file is its owner's only; a replaced one keeps its mode.
    #[cfg(unix)]
    #[test]
    fn new_files_are_private_and_old_ones_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let d = dir();
        let fresh = d.join("new.txt");
        save(&fresh, b"one").unwrap();
        assert_eq!(mode(&fresh), 0o600);
        let shared = d.join("shared.txt");
        fs::write(&shared, b"old").unwrap();
        for m in [0o640, 0o604, 0o200] {
            fs::write(&shared, b"old").unwrap();
            fs::set_permissions(&shared, fs::Permissions::from_mode(m)).unwrap();
            save(&shared, b"new").unwrap();
            assert_eq!(mode(&shared), m);
            fs::set_permissions(&shared, fs::Permissions::from_mode(0o600)).unwrap();
            assert_eq!(fs::read(&shared).unwrap(), b"new");
        }
        fs::remove_dir_all(&d).unwrap();
    }

    /// A file nobody may write is not replaced, even by root, though the
    /// folder allows the rename: the save fails and the file is intact.
    #[cfg(unix)]
    #[test]
    fn folders_of_paths() {
        assert_eq!(folder_of(Path::new("cookies.txt")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/cookies.txt")), Path::new("a"));
        assert_eq!(folder_of(Path::new("/cookies.txt")), Path::new("/"));
    }

    /// A file whose name is as long as the system allows (255 bytes on
    /// Linux) can be saved: its temporary file's name, longer by the
    /// `.`, `.tmp-PID-N` around it, must still fit (review: the save
    /// failed with "File name too long", blaming the folder's access).
    #[test]
    fn saves_files_with_the_longest_names() {
        let d = dir();
        for len in [200, 230, 255] {
            let target = d.join("c".repeat(len - 4) + ".txt");
            save(&target, b"one").unwrap_or_else(|e| panic!("{len} bytes: {e}"));
            save(&target, b"two").unwrap_or_else(|e| panic!("{len} bytes: {e}"));
            assert_eq!(fs::read(&target).unwrap(), b"two");
        }
        let left: Vec<_> = fs::read_dir(&d).unwrap().collect();
        assert_eq!(left.len(), 3, "temporary files left behind");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_folder_that_cannot_take_the_temporary_file_is_named() {
        let dir = std::env::temp_dir().join(format!("atomic-gone-{}", std::process::id()));
        let target = dir.join("cookies.txt");
        let e = write_atomic(&target, &mut |w| {
            w.write_all(b"x").map_err(|e| crate::Error::io(None, e))
        })
        .unwrap_err();
        assert!(e.is_not_found(), "{e}");
        let text = e.to_string();
        assert!(
            text.starts_with(&format!(
                "{}: cannot create a temporary file in the folder {} (",
                target.display(),
                dir.display()
            )),
            "{text}"
        );
        assert!(
            text.ends_with("it needs write access to the folder"),
            "{text}"
        );
    }

    #[test]
    fn read_only_files_are_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir();
        let target = d.join("locked.txt");
        for m in [0o444, 0o400] {
            fs::write(&target, b"old").unwrap();
            fs::set_permissions(&target, fs::Permissions::from_mode(m)).unwrap();
            let e = save(&target, b"new").unwrap_err();
            assert!(e.to_string().contains("read-only"), "{e}");
            assert!(e.to_string().contains("locked.txt"), "{e}");
            assert_eq!(fs::read(&target).unwrap(), b"old");
            assert_eq!(
                fs::metadata(&target).unwrap().permissions().mode() & 0o777,
                m
            );
            assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "temporary file left");
            fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
        }
        fs::remove_dir_all(&d).unwrap();
    }

    /// A pipe stays a pipe and its reader gets the content; an open file
    /// named through `/proc/self/fd` (what `/dev/stdout` leads to) is
    /// appended to, as `>>` would, not replaced.
    #[cfg(target_os = "linux")]
    #[test]
    fn targets_that_are_not_files_are_written_in_place() {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::FileTypeExt;
        let d = dir();
        let fifo = d.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || fs::read(fifo).unwrap())
            };
            save(&fifo, b"through the pipe").unwrap();
            assert_eq!(reader.join().unwrap(), b"through the pipe");
            assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        }
        let log = d.join("log.txt");
        fs::write(&log, b"earlier\n").unwrap();
        let open = OpenOptions::new().append(true).open(&log).unwrap();
        let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap());
        let before = inode(&log);
        let through = PathBuf::from(format!("/proc/self/fd/{}", open.as_raw_fd()));
        save(&through, b"appended\n").unwrap();
        assert_eq!(fs::read(&log).unwrap(), b"earlier\nappended\n");
        assert_eq!(inode(&log), before);
        // `/dev/fd` is itself a link into `/proc`.
        let through = PathBuf::from(format!("/dev/fd/{}", open.as_raw_fd()));
        save(&through, b"again\n").unwrap();
        assert_eq!(fs::read(&log).unwrap(), b"earlier\nappended\nagain\n");
        assert_eq!(inode(&log), before);
        drop(open);
        fs::remove_dir_all(&d).unwrap();
    }

    /// Saving through a symbolic link (relative or absolute, to a file
    /// that exists or not yet) replaces the file it points to and leaves
    /// the link a link; a loop of links is an error that changes nothing.
    #[cfg(unix)]
    #[test]
    fn saves_follow_symbolic_links() {
        use std::os::unix::fs::symlink;
        let d = dir();
        fs::create_dir(d.join("real")).unwrap();
        let real = d.join("real/cookies.txt");
        fs::write(&real, b"old").unwrap();
        let relative = d.join("relative.txt");
        symlink("real/cookies.txt", &relative).unwrap();
        let absolute = d.join("absolute.txt");
        symlink(&relative, &absolute).unwrap();
        for (link, text) in [(&relative, b"via relative"), (&absolute, b"via absolute")] {
            save(link, text).unwrap();
            assert!(fs::symlink_metadata(link).unwrap().file_type().is_symlink());
            assert_eq!(fs::read(&real).unwrap(), text);
        }
        let dangling = d.join("dangling.txt");
        symlink("real/later.txt", &dangling).unwrap();
        save(&dangling, b"later").unwrap();
        assert!(fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(d.join("real/later.txt")).unwrap(), b"later");
        let (a, b) = (d.join("loop-a"), d.join("loop-b"));
        symlink(&b, &a).unwrap();
        symlink(&a, &b).unwrap();
        assert!(save(&a, b"x").is_err());
        assert!(fs::symlink_metadata(&a).unwrap().file_type().is_symlink());
        // 40 links in a chain are followed, as the kernel follows them.
        let mut next = real.clone();
        for i in 0..40 {
            let link = d.join(format!("chain-{i}"));
            symlink(&next, &link).unwrap();
            next = link;
        }
        save(&next, b"via 40 links").unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"via 40 links");
        let chain = d.join("chain-40");
        symlink(&next, &chain).unwrap();
        assert!(save(&chain, b"x").is_err());
        assert_eq!(fs::read(&real).unwrap(), b"via 40 links");
        for folder in [d.clone(), d.join("real")] {
            let left: Vec<String> = fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(left.iter().all(|n| !n.contains(".tmp-")), "{left:?}");
        }
        fs::remove_dir_all(&d).unwrap();
    }
}
