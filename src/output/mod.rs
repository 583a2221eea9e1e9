//! Where rendered files go. Rendering hands every file to a [`Sink`]:
//!
//! - [`DiskSink`] (`baocao build`) stages changed files beside the output and moves them into
//!   place only when the whole build succeeded; unchanged files are never written again;
//! - [`MemorySink`] (`baocao serve`) keeps the site in memory, reusing the previous build's
//!   bytes for pages whose inputs did not change;
//! - [`CountingSink`] (`baocao check`) keeps nothing.
//!
//! Before rendering a file, rendering computes a [`Fingerprint`] of everything the file is made
//! from and asks the sink to [`keep`](Sink::keep) the previous one; only when the sink cannot
//! is the file rendered and [`put`](Sink::put). Nothing is ever written outside the output
//! folder: every path is checked by [`check_relative`] first.

mod disk;
mod memory;

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub use disk::{DiskSink, WriteStats};
pub use memory::{MemorySink, SiteFiles};

use crate::fingerprint::Fingerprint;

/// Marks a folder as baocao's own, so a mistyped `--out` never deletes someone's files.
pub const MARKER: &str = ".baocao-output";
/// A placeholder that keeps an empty output folder in git; it is left alone.
const PLACEHOLDER: &str = ".gitkeep";
/// The parsed documents of the last build (see [`crate::cache::LoadCache::read`]).
pub const CACHE: &str = ".baocao-cache";

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

/// A sink that keeps nothing and counts what it was given (for `check`).
#[derive(Default)]
pub struct CountingSink {
    totals: Mutex<(usize, usize)>,
}

impl CountingSink {
    /// Files and bytes put so far.
    pub fn totals(&self) -> (usize, usize) {
        *self
            .totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for CountingSink {
    fn keep(&self, _: &str, _: Fingerprint) -> Option<u64> {
        None
    }

    fn reuses(&self) -> bool {
        false
    }

    fn put(&self, _: &str, _: Option<Fingerprint>, bytes: Vec<u8>) -> io::Result<()> {
        let mut totals = self
            .totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        totals.0 += 1;
        totals.1 += bytes.len();
        Ok(())
    }
}

/// Checks that an output path is relative, `/`-separated, without `.`/`..` segments,
/// backslashes, control characters or over-long names; an unsafe path gets a message.
pub fn check_relative(path: &str) -> Result<(), String> {
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
        Err(format!(
            "refusing to write to an unsafe path `{}`",
            path.escape_debug()
        ))
    } else {
        Ok(())
    }
}

/// Checks that `out` is neither the site folder, nor its `content/`, nor a folder above them,
/// nor inside `content/` or `themes/`. Paths are compared after resolving `..` and links.
pub fn check_out_folder(site: &Path, out: &Path) -> Result<(), String> {
    let site = fs::canonicalize(site)
        .map_err(|e| format!("cannot open the site folder {}: {e}", site.display()))?;
    let out = resolve(out);
    let content = site.join("content");
    if site.starts_with(&out) {
        return Err(format!(
            "--out {} is the site folder or a folder above it; writing there would delete your content",
            out.display()
        ));
    }
    for protected in [content, site.join("themes")] {
        if out.starts_with(&protected) || protected.starts_with(&out) {
            return Err(format!(
                "--out {} is inside {}; choose a folder such as {}",
                out.display(),
                protected.display(),
                site.join("output").display()
            ));
        }
    }
    Ok(())
}

/// An absolute form of a path that may not exist yet: its nearest existing ancestor is
/// canonicalised and the rest appended.
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(canonical) = fs::canonicalize(existing) {
            let mut result = canonical;
            for part in rest.iter().rev() {
                if *part == ".." {
                    result.pop();
                } else if *part != "." {
                    result.push(part);
                }
            }
            return result;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return absolute,
        }
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

    #[test]
    fn out_folder_must_not_cover_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        assert!(check_out_folder(&site, &site).is_err());
        assert!(check_out_folder(&site, dir.path()).is_err());
        assert!(check_out_folder(&site, &site.join("content")).is_err());
        assert!(check_out_folder(&site, &site.join("content/x/..")).is_err());
        assert!(check_out_folder(&site, &site.join("output")).is_ok());
        assert!(check_out_folder(&site, &dir.path().join("elsewhere/new")).is_ok());
    }
}
