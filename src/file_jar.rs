//! A cookie jar bound to a file (ClientCookie's `FileCookieJar`).
//!
//! See [`FileCookieJar`].

use std::fs;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};

use crate::clock::Clock;
use crate::error::Error;
use crate::format::{
    self, Format, LoadOptions, LoadReport, Loaded, Retain, SaveOptions, SaveReport,
};
use crate::jar::{CookieJar, CookieJarBuilder};
use crate::policy::CookiePolicy;

/// A [`CookieJar`] bound to a cookie file.
///
/// [`FileCookieJar`] is a [`CookieJar`] (it derefs to one) with a path and
/// a [`Format`]: [`load`](FileCookieJar::load) adds the file's cookies,
/// [`revert`](FileCookieJar::revert) replaces the jar's cookies with the
/// file's (and keeps the current ones if the file cannot be read), and
/// [`save`](FileCookieJar::save) writes the jar atomically (temporary file
/// in the same folder, fsync, rename), so a failed or interrupted save
/// leaves the previous file intact. A file the process may not write (or
/// that nobody may: `chmod a-w`) is not replaced; the save fails.
///
/// As in ClientCookie, the default [`LoadOptions`] and [`SaveOptions`]
/// skip session cookies (those without an expiry, such as most login
/// cookies) and expired ones: a jar saved and loaded with the defaults
/// comes back without them (the reports count them). A crawler that must
/// stay logged in across runs sets
/// [`session_cookies(Retain::Keep)`](FileCookieJarBuilder::session_cookies).
///
/// Nothing is saved unless asked: dropping the jar does not save it (a
/// save can fail, and `Drop` could only hide the error), as in Python.
/// Saves from several threads take turns (see
/// [`save_as`](FileCookieJar::save_as)).
///
/// A load that fails (for another reason than a missing file) leaves the
/// jar without the file's cookies, and one that skips lines it could not
/// read ([`LoadReport::not_read`]: a lenient read's malformed lines; not
/// the cookies left out on purpose, such as those the jar refuses) or
/// leaves out another browser context's cookies
/// ([`LoadReport::context_left_out`]) leaves it without those; until a
/// load or revert of the file reads it whole,
/// [`save`](FileCookieJar::save) refuses to replace it
/// (an [`UnreadFile`](crate::ErrorKind::UnreadFile) error), where
/// Python's would overwrite the cookies it could not read. A save over
/// the file with [`save_as`](FileCookieJar::save_as) replaces it on
/// purpose, and lets `save` replace it again. A program that goes on
/// after a failed load (a file cut short, say) can save elsewhere, or
/// over the file on purpose, with [`save_as`](FileCookieJar::save_as),
/// or read the file leniently ([`FileCookieJarBuilder::load_options`]
/// with [`Strictness::Lenient`](crate::format::Strictness::Lenient)) to
/// keep every record it can, then save it on purpose.
///
/// ```no_run
/// use cookiejar::format::{Format, Retain};
/// use cookiejar::FileCookieJar;
/// # fn main() -> Result<(), cookiejar::Error> {
/// let jar = FileCookieJar::builder("cookies.txt")
///     .format(Format::Mozilla)
///     // Session cookies too (the defaults skip them, as Python's do).
///     .session_cookies(Retain::Keep)
///     .build();
/// // A first run has no file yet: start empty.
/// jar.load_if_exists()?;
/// // ... use `jar` as a CookieJar ...
/// let report = jar.save()?;
/// for left_out in &report.skipped {
///     eprintln!("not saved: {}", left_out.message);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct FileCookieJar {
    jar: CookieJar,
    path: PathBuf,
    format: Option<Format>,
    load_options: LoadOptions,
    save_options: SaveOptions,
    /// Held by a save from its copy of the cookies to the file's rename,
    /// so that saves from several threads land in the order they copied
    /// the jar: the last save holds the last store. A revert holds it
    /// from its read of the file to the jar's replacement.
    saving: std::sync::Mutex<()>,
    /// The jar's [`CookieJar::changes`] when its cookies were last those
    /// of its file (saved, reverted, or loaded into a jar that had never
    /// changed): see [`FileCookieJar::save_if_changed`].
    synced: AtomicU64,
    /// With no set format, the format the file was last read or saved
    /// in (its index in [`Format::ALL`], plus one; 0 for none yet): a
    /// file its own save left empty (cookie_store's older form, with no
    /// cookie) is saved in it again, not in what its extension says.
    known: AtomicU8,
    /// Whether the file's last load or revert failed with the file there,
    /// left out lines it could not read, or another browser context's
    /// cookies: [`FileCookieJar::save`] then refuses to replace it.
    unread: AtomicBool,
}

/// Builds a [`FileCookieJar`].
#[derive(Debug)]
#[must_use]
pub struct FileCookieJarBuilder {
    jar: CookieJarBuilder,
    path: PathBuf,
    format: Option<Format>,
    load_options: LoadOptions,
    /// Whether [`load_options`](Self::load_options) was called.
    load_options_set: bool,
    save_options: SaveOptions,
    session: Option<Retain>,
}

impl FileCookieJarBuilder {
    /// The file format. Default: detected from the file's content when
    /// loading, or, when saving a file that does not exist yet, from its
    /// extension as [`Format::from_extension`] reads it (`.json`, `.lwp`,
    /// `.txt`; a read-only format's, such as `.har` or `.sqlite`, makes
    /// the save fail), otherwise Mozilla.
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// The jar's settings (policy, clock, limits, observer) from a
    /// [`CookieJarBuilder`], for those this builder has no setter of its
    /// own for. Call it first: it replaces what the jar setters called
    /// before it set (a setter called after it changes its setting).
    ///
    /// ```
    /// use cookiejar::{CookieJar, FileCookieJar};
    ///
    /// let jar = FileCookieJar::builder("cookies.txt")
    ///     .jar(CookieJar::builder().max_cookies(std::num::NonZeroUsize::new(10_000)))
    ///     .build();
    /// assert!(jar.is_empty());
    /// ```
    pub fn jar(mut self, builder: CookieJarBuilder) -> Self {
        self.jar = builder;
        self
    }

    /// The jar's policy.
    pub fn policy(mut self, policy: impl CookiePolicy + 'static) -> Self {
        self.jar = self.jar.policy(policy);
        self
    }

    /// The jar's policy, shared (see [`CookieJarBuilder::shared_policy`]).
    pub fn shared_policy(mut self, policy: std::sync::Arc<dyn CookiePolicy>) -> Self {
        self.jar = self.jar.shared_policy(policy);
        self
    }

    /// The jar's clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.jar = self.jar.clock(clock);
        self
    }

    /// The most cookies the jar keeps for one domain from servers (see
    /// [`CookieJarBuilder::max_cookies_per_domain`]).
    pub fn max_cookies_per_domain(mut self, limit: Option<std::num::NonZeroUsize>) -> Self {
        self.jar = self.jar.max_cookies_per_domain(limit);
        self
    }

    /// The most cookies the jar keeps from servers for one site (see
    /// [`CookieJarBuilder::max_cookies_per_site`]).
    pub fn max_cookies_per_site(mut self, limit: Option<std::num::NonZeroUsize>) -> Self {
        self.jar = self.jar.max_cookies_per_site(limit);
        self
    }

    /// The most cookies the jar keeps from servers in all (see
    /// [`CookieJarBuilder::max_cookies`]).
    pub fn max_cookies(mut self, limit: Option<std::num::NonZeroUsize>) -> Self {
        self.jar = self.jar.max_cookies(limit);
        self
    }

    /// An observer of every `Set-Cookie` decision the jar makes (see
    /// [`CookieJarBuilder::observer`]).
    pub fn observer(
        mut self,
        observer: impl Fn(crate::CookieEvent<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.jar = self.jar.observer(observer);
        self
    }

    /// An observer given also the URL of the request each response
    /// answers (see [`CookieJarBuilder::observer_with_url`]).
    pub fn observer_with_url(
        mut self,
        observer: impl Fn(&url::Url, crate::CookieEvent<'_>) + Send + Sync + 'static,
    ) -> Self {
        self.jar = self.jar.observer_with_url(observer);
        self
    }

    /// How to load.
    pub fn load_options(mut self, options: LoadOptions) -> Self {
        self.load_options = options;
        self.load_options_set = true;
        self
    }

    /// How to save. Save options that keep session cookies
    /// ([`SaveOptions::for_curl`] and its siblings) make the jar load
    /// them too, unless [`session_cookies`](Self::session_cookies) or
    /// [`load_options`](Self::load_options) says otherwise: a file whose
    /// session cookies the next load left out would lose them at the
    /// save after it.
    pub fn save_options(mut self, options: SaveOptions) -> Self {
        self.save_options = options;
        self
    }

    /// Whether session cookies (those without an expiry, such as most
    /// login cookies) are loaded and saved: the `session` of both the
    /// [`load_options`](Self::load_options) and the
    /// [`save_options`](Self::save_options), whichever order they are
    /// set in. The default, as in Python, is [`Retain::Skip`]: a jar
    /// saved and loaded again comes back without them (the reports count
    /// them: [`SaveReport::session_left_out`],
    /// [`LoadReport::session_left_out`]); save options that keep them
    /// make the jar load them too (see [`save_options`](Self::save_options)).
    pub fn session_cookies(mut self, retain: Retain) -> Self {
        self.session = Some(retain);
        self
    }

    /// Finishes the jar (empty: call [`FileCookieJar::load`] to read the
    /// file).
    pub fn build(self) -> FileCookieJar {
        let (mut load_options, mut save_options) = (self.load_options, self.save_options);
        match self.session {
            Some(retain) => {
                load_options = load_options.session(retain);
                save_options = save_options.session(retain);
            }
            None if save_options.session == Retain::Keep && !self.load_options_set => {
                load_options = load_options.session(Retain::Keep);
            }
            None => {}
        }
        FileCookieJar {
            jar: self.jar.build(),
            path: self.path,
            format: self.format,
            load_options,
            save_options,
            saving: std::sync::Mutex::new(()),
            synced: AtomicU64::new(0),
            known: AtomicU8::new(0),
            unread: AtomicBool::new(false),
        }
    }
}

impl Deref for FileCookieJar {
    type Target = CookieJar;
    fn deref(&self) -> &CookieJar {
        &self.jar
    }
}

/// The jar, for code generic over both jars (such as
/// `tower::CookieLayer`, the `tower` feature's).
impl AsRef<CookieJar> for FileCookieJar {
    fn as_ref(&self) -> &CookieJar {
        &self.jar
    }
}

impl FileCookieJar {
    /// A builder for a jar bound to `path`.
    pub fn builder(path: impl Into<PathBuf>) -> FileCookieJarBuilder {
        FileCookieJarBuilder {
            jar: CookieJar::builder(),
            path: path.into(),
            format: None,
            load_options: LoadOptions::default(),
            load_options_set: false,
            save_options: SaveOptions::default(),
            session: None,
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The jar.
    pub fn jar(&self) -> &CookieJar {
        &self.jar
    }

    /// The options [`save`](Self::save) writes with, for a
    /// [`save_as`](Self::save_as) that replaces the file on purpose.
    pub fn save_options(&self) -> &SaveOptions {
        &self.save_options
    }

    /// Reads and parses the file, without touching the jar, skipping the
    /// cookies the jar would refuse.
    fn read(&self) -> Result<Loaded, Error> {
        let Some((bytes, fmt)) = self.read_bytes()? else {
            return Ok(Loaded::default());
        };
        let now = self.jar.clock().now();
        let mut admit = self.jar.admitter();
        format::read_admitting(&bytes, fmt, &self.load_options, now, Some(&mut admit))
            .map_err(|e| e.in_file(&self.path))
    }

    /// Reads the file, and finds its format unless one was set; `None`
    /// for an empty file (`touch cookies.txt`) of no set format, which
    /// holds no cookies.
    fn read_bytes(&self) -> Result<Option<(Vec<u8>, Format)>, Error> {
        let bytes = fs::read(&self.path).map_err(|e| Error::io(Some(self.path.clone()), e))?;
        if self.format.is_none() && bytes.trim_ascii().is_empty() {
            // Empty, as this jar's last save left it in cookie_store's
            // older form (no cookie, no line); else a file being written.
            return Ok(match self.known() {
                Some(Format::CookieStoreLines) => Some((bytes, Format::CookieStoreLines)),
                _ => None,
            });
        }
        let fmt = match self.format {
            Some(f) => f,
            None => detect_knowing(&bytes, self.known()).ok_or_else(|| {
                Error::syntax("cookie file", Some(1), "unrecognised format").in_file(&self.path)
            })?,
        };
        self.set_known(fmt);
        if fmt == Format::Firefox {
            // Its latest changes are in its log, beside it.
            let bytes = format::firefox::with_log_beside(&self.path, bytes)?;
            return Ok(Some((bytes, fmt)));
        }
        Ok(Some((bytes, fmt)))
    }

    /// The error a save would meet because this build cannot write the
    /// file's format (its cargo feature is off: `serde` for a `.json`
    /// file), when the format is set or the path's extension names it:
    /// told by the first load, not by a save after a session's work.
    fn format_unavailable(&self) -> Option<Error> {
        let fmt = self
            .format
            .or_else(|| Format::from_extension(&self.path))
            .filter(|f| f.writable())?;
        // A write of nothing fails only for want of the feature.
        let mut nowhere = std::io::sink();
        let now = time::OffsetDateTime::UNIX_EPOCH;
        format::write(&[], fmt, &SaveOptions::new(), now, &mut nowhere)
            .err()
            .map(|e| e.in_file(&self.path))
    }

    /// `read`, the result of reading the file, noted: a failure with the
    /// file there, or a read that left cookies out (`partial`: another
    /// browser context's, or lines it could not read), makes [`save`](Self::save)
    /// refuse to replace it; a whole read (or no file) lets it again.
    fn note_read<T>(&self, read: Result<T, Error>, partial: bool) -> Result<T, Error> {
        let failed = matches!(&read, Err(e) if !e.is_not_found());
        self.unread.store(failed || partial, Ordering::Relaxed);
        read
    }

    /// This jar's turn with its saves and reverts (see `saving`).
    fn turn(&self) -> std::sync::MutexGuard<'_, ()> {
        self.saving
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The format the file was last read or saved in, with none set.
    fn known(&self) -> Option<Format> {
        let i = self.known.load(Ordering::Relaxed);
        Format::ALL.get(usize::from(i).checked_sub(1)?).copied()
    }

    fn set_known(&self, fmt: Format) {
        if let Some(i) = Format::ALL.iter().position(|&f| f == fmt) {
            self.known.store(i as u8 + 1, Ordering::Relaxed);
        }
    }

    /// Adds the file's cookies to the jar (replacing cookies with the same
    /// key), all at once: other threads see none of them or all. Returns
    /// the lines that were skipped (if the load options are lenient) and
    /// those read with an adjustment. An empty file (say, just created
    /// with `touch`) holds no cookies, unless a format was set, whose
    /// reader then decides.
    ///
    /// # Errors
    /// When the file cannot be read, (in strict mode) has a bad line, or
    /// has lines of which none reads as a cookie (not a cookie file, or
    /// not in the set format); then the jar is unchanged.
    pub fn load(&self) -> Result<LoadReport, Error> {
        // Takes its turn with saves, so that none replaces the file
        // between this read and the note of how it went.
        let _turn = self.turn();
        let read = self.read();
        if let Err(e) = &read {
            if let Some(off) = e
                .is_not_found()
                .then(|| self.format_unavailable())
                .flatten()
            {
                return Err(off);
            }
        }
        let partial = matches!(&read, Ok(l) if l.context_left_out > 0 || l.not_read > 0);
        let (cookies, report) = self.note_read(read, partial)?.into_parts();
        let change = self
            .jar
            .set_cookies_as(cookies, crate::jar::expired_cookies(&self.load_options));
        // The jar's first change: it held nothing, and now holds the
        // file's cookies.
        if change == 1 {
            self.synced.fetch_max(change, Ordering::Relaxed);
        }
        Ok(report)
    }

    /// [`load`](Self::load)s the file if there is one: `Ok(None)`, and
    /// the jar unchanged, when there is no file yet (a first run), as
    /// [`Error::is_not_found`] tells; other errors as `load`'s. With no
    /// file, a format this build cannot write (a `.json` file without the
    /// `serde` feature) is an [`Unsupported`](crate::ErrorKind::Unsupported)
    /// error already, not at the first save.
    ///
    /// # Errors
    /// As [`load`](Self::load), but for a file not found.
    pub fn load_if_exists(&self) -> Result<Option<LoadReport>, Error> {
        match self.load() {
            Err(e) if e.is_not_found() => Ok(None),
            other => other.map(Some),
        }
    }

    /// Replaces the jar's cookies with the file's. If the file cannot be
    /// read or parsed, the jar keeps its current cookies.
    ///
    /// # Errors
    /// As [`load`](Self::load) (a file of which lines were skipped and
    /// none read as a cookie included), and for an empty file of no set
    /// format: a save writes one only in cookie_store's older form
    /// ([`Format::CookieStoreLines`], for no cookie), so unless this
    /// jar last read or saved the file in that form, it is a file being
    /// written, or not yet, and the jar is kept.
    pub fn revert(&self) -> Result<LoadReport, Error> {
        // Takes its turn with saves: a save's rename cannot land between
        // this read and the jar's replacement, which would leave the jar
        // counted as its file's (see `save_if_changed`) while holding
        // the file's older contents.
        let _turn = self.turn();
        let Some((bytes, fmt)) = self.note_read(self.read_bytes(), false)? else {
            return Err(
                Error::syntax("cookie file", Some(1), "empty file: the jar is kept")
                    .in_file(&self.path),
            );
        };
        let read = self
            .jar
            .replace_all_from_counted(&bytes, fmt, &self.load_options)
            .map_err(|e| e.in_file(&self.path));
        let partial = matches!(&read, Ok((r, _)) if r.context_left_out > 0 || r.not_read > 0);
        let (report, change) = self.note_read(read, partial)?;
        self.synced.fetch_max(change, Ordering::Relaxed);
        Ok(report)
    }

    /// Saves the jar to its file, atomically, with the jar's save options;
    /// returns the cookies the file's format could not hold, left out
    /// (see [`Unwritable`](crate::format::Unwritable)).
    ///
    /// The jar's cookies are copied under its read lock, then written
    /// without it: stores in other threads wait for the copy (and so do
    /// lookups that come while a store waits), not for the writing. For
    /// 100,000 cookies the copy took 14-26 ms and the whole save 50-63
    /// ms (with its `fsync`) on a 2-core virtual machine.
    ///
    /// # Errors
    /// When the file cannot be written; the previous file is then intact.
    /// An [`UnreadFile`](crate::ErrorKind::UnreadFile) error, and the file
    /// untouched, when its last load or revert failed, or left out lines
    /// it could not read or another browser context's cookies (see the
    /// [type docs](Self)).
    pub fn save(&self) -> Result<SaveReport, Error> {
        let (report, change) = self.save_counted(&self.path, &self.save_options, true)?;
        self.synced.fetch_max(change, Ordering::Relaxed);
        Ok(report)
    }

    /// [`save`](Self::save)s the jar if its cookies changed since they
    /// were last those of its file: since it was last saved (by
    /// [`save`](Self::save) or this method), reverted, or loaded while it
    /// had never changed (a jar built and loaded at start-up). `None`
    /// when nothing changed; see [`CookieJar::changes`] for what counts.
    /// For a crawler that saves every few seconds: a jar nobody stored
    /// into is not written again.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), cookiejar::Error> {
    /// use cookiejar::{FileCookieJar, format::Retain};
    /// let jar = FileCookieJar::builder("cookies.txt")
    ///     .session_cookies(Retain::Keep)
    ///     .build();
    /// // ... requests ...
    /// if let Some(report) = jar.save_if_changed()? {
    ///     eprintln!("saved, {} cookies left out", report.skipped.len());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`save`](Self::save); the jar then still counts as changed.
    pub fn save_if_changed(&self) -> Result<Option<SaveReport>, Error> {
        if self.jar.changes() == self.synced.load(Ordering::Relaxed) {
            return Ok(None);
        }
        self.save().map(Some)
    }

    /// Saves the jar to `path` with `options`, atomically. Saves of this
    /// jar from several threads take turns, each with the cookies as they
    /// are when its turn comes, so the file holds the jar as the last save
    /// found it (other processes writing the file are not ordered).
    ///
    /// # Errors
    /// When the file cannot be written; any previous file at `path` is
    /// then intact.
    pub fn save_as(&self, path: &Path, options: &SaveOptions) -> Result<SaveReport, Error> {
        self.save_counted(path, options, false)
            .map(|(report, _)| report)
    }

    /// [`save_as`](Self::save_as), and the [`CookieJar::changes`] the
    /// saved cookies are the jar after; `guarded` (a [`save`](Self::save))
    /// refuses to replace a file the jar lacks cookies of, checked in its
    /// turn, after any load or revert before it.
    fn save_counted(
        &self,
        path: &Path,
        options: &SaveOptions,
        guarded: bool,
    ) -> Result<(SaveReport, u64), Error> {
        let _turn = self.turn();
        // A folder is no file to replace: said so, whatever the last load
        // made of it.
        if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder");
            return Err(Error::io(Some(path.to_path_buf()), e));
        }
        // A file gone since is nothing to lose.
        if guarded && self.unread.load(Ordering::Relaxed) && fs::symlink_metadata(path).is_ok() {
            return Err(Error::unread_file(path.to_path_buf()));
        }
        // The jar's own file, however the path is spelled.
        let own = path == self.path
            || matches!(
                (fs::canonicalize(path), fs::canonicalize(&self.path)),
                (Ok(a), Ok(b)) if a == b
            );
        let fmt = match self.format {
            Some(f) => f,
            None => format_of_existing(path, self.known().filter(|_| own))
                .or_else(|| self.known().filter(|_| own))
                .or_else(|| Format::from_extension(path))
                .unwrap_or(Format::Mozilla),
        };
        let (cookies, change) = self.jar.all_cookies_counted();
        let report = format::write_file(path, &cookies, fmt, options, self.jar.clock().now())
            .map_err(|e| e.in_file(path))?;
        if own && self.format.is_none() {
            self.set_known(fmt);
        }
        // The file now holds the jar's cookies, whatever it held before.
        if own {
            self.unread.store(false, Ordering::Relaxed);
        }
        Ok((report, change))
    }
}

/// How many bytes of an existing file [`Format::detect`] is shown when
/// saving over it: enough for any header and first cookie line.
const DETECT_BYTES: u64 = 64 * 1024;

/// [`Format::detect`], knowing the format this jar last read or saved
/// its file in: an empty array is what cookie_store saves for no
/// cookie, and what a save of none as WebDriver's cookies or Guzzle's
/// file writes too;
/// an empty object is this crate's JSON as far as its head tells.
fn detect_knowing(bytes: &[u8], known: Option<Format>) -> Option<Format> {
    match Format::detect(bytes) {
        Some(Format::CookieStore)
            if matches!(known, Some(Format::WebDriver | Format::Guzzle))
                && bytes.trim_ascii() == b"[]" =>
        {
            known
        }
        // An empty object: what a save of none as a
        // tough-cookie-file-store file writes.
        Some(Format::Json)
            if known == Some(Format::ToughCookieFileStore) && bytes.trim_ascii() == b"{}" =>
        {
            Some(Format::ToughCookieFileStore)
        }
        f => f,
    }
}

/// The format of the regular file at `path`, from its first bytes (see
/// [`detect_knowing`]), if it is one and they say. Anything else (a
/// FIFO, a device such as `/dev/stdout`, a missing file) is not opened
/// for reading: a FIFO would block, and a device might never end.
fn format_of_existing(path: &Path, known: Option<Format>) -> Option<Format> {
    use std::io::Read;
    if !fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(DETECT_BYTES)
        .read_to_end(&mut head)
        .ok()?;
    detect_knowing(&head, known)
}
