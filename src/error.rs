//! Errors an editor can act on.
//!
//! Content problems are [`Diagnostic`]s: a file, a line and column where there
//! is one, a message in plain words and a hint on how to fix it. A build
//! collects every diagnostic it meets and reports them together, so one run
//! shows an editor everything that is wrong. Problems with the command itself
//! (a bad flag, an output folder we must not touch) are usage errors.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem is: a file relative to the site root, and a 1-based line
/// and column (counted in characters) when the problem has one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn at(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the content, reported as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
    /// The front-matter field the problem is about, when its place cannot
    /// say: a missing field has no line of its own (the desk shows the
    /// problem beside the field's control). Boxed, one pointer: rare, and
    /// every `Result` carrying a diagnostic stays small.
    #[allow(clippy::box_collection)]
    pub field: Option<Box<String>>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
            field: None,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
            help: None,
            field: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Says which front-matter field the problem is about.
    pub fn about(mut self, field: &str) -> Self {
        self.field = Some(Box::new(field.to_string()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => crate::t!("label-error"),
            Severity::Warning => crate::t!("label-warning"),
        };
        write!(f, "{}: {label}: {}", self.location, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {}: {help}", crate::t!("label-help"))?;
        }
        Ok(())
    }
}

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// The content has problems (exit status 1). Holds every one found,
    /// warnings included, sorted by file and line.
    Content(Vec<Diagnostic>),
    /// The command cannot run as asked (exit status 2).
    Usage(String),
    /// The disk failed us: the path and what happened.
    Io(PathBuf, std::io::Error),
}

impl Error {
    pub fn io(path: &Path, err: std::io::Error) -> Self {
        Error::Io(path.to_path_buf(), err)
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Usage(_) => 2,
            Error::Io(..) => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(diagnostics) => {
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let warnings = diagnostics.len() - errors;
                write!(
                    f,
                    "{}",
                    crate::t!("summary-failed", errors = errors, warnings = warnings)
                )
            }
            Error::Usage(message) => write!(f, "{}: {message}", crate::t!("label-error")),
            Error::Io(path, err) => {
                write!(f, "{}: {}: {err}", crate::t!("label-error"), path.display())
            }
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Diagnostics gathered while a build goes on, from many threads.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: std::sync::Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn push(&self, d: Diagnostic) {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by place so reports are stable.
    pub fn take(&self) -> Vec<Diagnostic> {
        let mut items = std::mem::take(&mut *self.items.lock().unwrap_or_else(|e| e.into_inner()));
        items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    /// `Err(Error::Content)` with everything gathered if any is an error.
    pub fn check(&self) -> Result<()> {
        if self.has_errors() {
            Err(Error::Content(self.take()))
        } else {
            Ok(())
        }
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a
/// plausible typo. Used for unknown fields and unknown registry names.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let mut score = strsim::normalized_levenshtein(word, candidate);
        if !word.is_empty() && (candidate.contains(word) || word.contains(candidate)) {
            score = score.max(0.6);
        }
        if score >= 0.4 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}
