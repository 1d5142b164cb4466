//! The crate's error type, for fallible I/O and file or scenario parsing.
//!
//! Policy refusals are not errors: they are [`Rejection`](crate::Rejection)s
//! reported to an observer.

use std::fmt;
use std::path::PathBuf;

/// An error from loading, saving or parsing a file.
///
/// Its [`kind`](Error::kind) says what went wrong, and
/// [`line`](Error::line) where, for line-oriented formats.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An I/O error, with the path involved when known.
    #[non_exhaustive]
    Io {
        /// The file.
        path: Option<PathBuf>,
        /// The cause.
        source: std::io::Error,
    },
    /// Malformed input at a line (1-based) of a file.
    #[non_exhaustive]
    Syntax {
        /// What the input is ("cookies.txt", "scenario", a path...).
        what: String,
        /// The line, when known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// A save that would replace a file the jar lacks cookies of: its
    /// last load failed, skipped lines it could not read, or left out
    /// another browser context's cookies
    /// ([`FileCookieJar::save`](crate::FileCookieJar::save)): the file is
    /// left as it is.
    #[non_exhaustive]
    UnreadFile {
        /// The file.
        path: PathBuf,
    },
    /// Something the format or this build cannot do: a cookie that the
    /// output format cannot hold (a line break in a value, say), a format
    /// that is read-only, or one whose cargo feature is off.
    #[non_exhaustive]
    Unsupported {
        /// The format or input ("cookies.txt", "lwp cookie file"...).
        what: String,
        /// What cannot be done.
        message: String,
    },
}

impl Error {
    /// A syntax error in `what` at `line`.
    pub(crate) fn syntax(
        what: impl Into<String>,
        line: Option<u64>,
        message: impl Into<String>,
    ) -> Self {
        Error(Box::new(ErrorKind::Syntax {
            what: what.into(),
            line,
            message: message.into(),
        }))
    }

    /// A save refused over `path`, whose last load failed.
    pub(crate) fn unread_file(path: PathBuf) -> Self {
        Error(Box::new(ErrorKind::UnreadFile { path }))
    }

    /// An I/O error on `path` (when known).
    pub(crate) fn io(path: Option<PathBuf>, source: std::io::Error) -> Self {
        Error(Box::new(ErrorKind::Io { path, source }))
    }

    /// Something `what` cannot hold or do.
    pub(crate) fn unsupported(what: impl Into<String>, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorKind::Unsupported {
            what: what.into(),
            message: message.into(),
        }))
    }

    /// This error, naming `path` as the input or output it is about
    /// (`cookies.txt line 4: ...` becomes `/home/me/cookies.txt
    /// (cookies.txt) line 4: ...`); an I/O error that names no path
    /// gets `path`.
    pub(crate) fn in_file(mut self, path: &std::path::Path) -> Self {
        match &mut *self.0 {
            ErrorKind::Syntax { what, .. } | ErrorKind::Unsupported { what, .. } => {
                *what = format!("{} ({what})", path.display());
            }
            ErrorKind::Io { .. } => return self.io_on(path),
            ErrorKind::UnreadFile { .. } => {}
        }
        self
    }

    /// This error, naming `path` if it is an I/O error that names none
    /// (a write through a `dyn Write` to that file).
    pub(crate) fn io_on(mut self, path: &std::path::Path) -> Self {
        if let ErrorKind::Io { path: p @ None, .. } = &mut *self.0 {
            *p = Some(path.to_path_buf());
        }
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// What went wrong, by value.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// Whether the error is a file that does not exist (an I/O error of
    /// kind `NotFound`): a first run's cookie file, say.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), cookiejar::Error> {
    /// let jar = cookiejar::FileCookieJar::builder("cookies.txt").build();
    /// match jar.load() {
    ///     Err(e) if e.is_not_found() => {} // no file yet: start empty
    ///     other => {
    ///         other?;
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn is_not_found(&self) -> bool {
        matches!(&*self.0, ErrorKind::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }

    /// The line of the input where the error is, if known.
    pub fn line(&self) -> Option<u64> {
        match &*self.0 {
            ErrorKind::Syntax { line, .. } => *line,
            ErrorKind::Io { .. } | ErrorKind::Unsupported { .. } | ErrorKind::UnreadFile { .. } => {
                None
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io {
                path: Some(p),
                source,
            } => write!(f, "{}: {source}", p.display()),
            ErrorKind::Io { path: None, source } => write!(f, "{source}"),
            ErrorKind::Syntax {
                what,
                line: Some(l),
                message,
            } => write!(f, "{what} line {l}: {message}"),
            ErrorKind::Syntax {
                what,
                line: None,
                message,
            } => write!(f, "{what}: {message}"),
            ErrorKind::Unsupported { what, message } => write!(f, "{what}: {message}"),
            ErrorKind::UnreadFile { path } => write!(
                f,
                "{}: not saved: the jar lacks cookies of it (its last load failed, skipped \
                 lines it could not read, or left out another browser context's); load it \
                 again once it reads whole, or replace it with save_as",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            // The I/O error's text is already in Display; expose its own
            // source, not itself (as `http::Error` does).
            ErrorKind::Io { source, .. } => source.source(),
            ErrorKind::Syntax { .. }
            | ErrorKind::Unsupported { .. }
            | ErrorKind::UnreadFile { .. } => None,
        }
    }
}
