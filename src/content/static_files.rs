//! Files under `content/static/`, published as they are at the same path (images, PDFs of
//! the official plans). Only their names, sizes and times are read while loading; the bytes
//! are copied only when the file changed since the previous build.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::diagnostics::{self, Diagnostic};
use crate::fingerprint::{Fingerprint, Hasher};

/// A file to copy into the output.
#[derive(Clone, Debug)]
pub struct StaticFile {
    /// Its path in the output, `/`-separated: `files/ke-hoach-126.pdf`.
    pub key: String,
    /// Where it is read from.
    pub path: PathBuf,
    /// Its path as shown in messages (relative to the site).
    pub shown: PathBuf,
    /// Fingerprint of its name, size and modification time.
    pub fingerprint: Fingerprint,
}

/// Finds every file below `<root>/content/static`, sorted. A link that leads outside the site
/// folder is refused with an error (it could publish any file of the computer).
pub fn find(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    let dir = root.join("content").join("static");
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let shown = diagnostics::relative(root, entry.path());
        if entry.path_is_symlink() {
            let inside = std::fs::canonicalize(entry.path()).is_ok_and(|t| t.starts_with(&site));
            if !inside {
                problems.push(crate::text::outside_link(&shown));
                continue;
            }
        }
        let Ok(meta) = std::fs::metadata(entry.path()) else {
            continue;
        };
        if !meta.is_file() || entry.file_name() == ".gitkeep" {
            continue;
        }
        let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let mut h = Hasher::new();
        h.str("static")
            .str(&key)
            .u64(meta.len())
            .bytes(&modified.to_le_bytes());
        files.push(StaticFile {
            key,
            path: entry.into_path(),
            shown,
            fingerprint: h.finish(),
        });
    }
    files
}
