//! Where rendering hands its files: the [`Sink`] trait, which the write stage implements
//! (`crate::output`), and the check every output path passes first.

use std::io;
use std::path::{Component, Path};

use crate::diagnostics::{Diagnostic, Id};
use crate::fingerprint::Fingerprint;

/// Receives the files of a site as they are rendered (from several threads at once).
pub trait Sink: Sync {
    /// Keeps the file that the previous build made at `path`, if it was made from inputs with
    /// this `fingerprint` and is still intact; returns its size if it was kept.
    fn keep(&self, path: &str, fingerprint: Fingerprint) -> Option<u64>;

    /// Adds a file; `fingerprint` is that of its inputs, when they have one.
    fn put(&self, path: &str, fingerprint: Option<Fingerprint>, bytes: Vec<u8>) -> io::Result<()>;

    /// Whether the sink has files of a previous build that [`keep`](Sink::keep) may reuse.
    fn reuses(&self) -> bool;
}

/// Checks that an output path is relative, `/`-separated, without `.`/`..` segments,
/// backslashes, control characters or over-long names; an unsafe path gets a problem without
/// a place (see [`Diagnostic::at`]).
pub fn check_relative(path: &str) -> Result<(), Diagnostic> {
    let unsafe_path = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.chars().any(char::is_control)
        || path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.len() > 255)
        || Path::new(path)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)));
    if unsafe_path {
        Err(Diagnostic::unplaced(Id::UnsafePath).arg("path", path.escape_debug()))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../b",
            "a\\b",
            "a\0b",
            "",
            "a//b",
            "./a",
            "C:\\Windows",
        ] {
            assert!(check_relative(bad).is_err(), "{bad:?}");
        }
        assert!(check_relative(&"a".repeat(256)).is_err());
        assert!(check_relative("tin-tuc/a/index.html").is_ok());
    }
}
