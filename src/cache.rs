//! Parse results kept between builds by the preview server, so that a rebuild after an edit
//! parses only the files that changed.
//!
//! An entry is keyed by the fingerprint of the file's bytes *and* of everything its parse
//! depends on (the ids it is checked against, the site settings), so a reused result is
//! always the one a fresh parse would give.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::content::Document;
use crate::data::observations::Observation;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;

/// The parse of one file, and the problems found in it.
type Entry<T> = (Fingerprint, T, Vec<Diagnostic>);

/// Parse results of one kind of file, by path.
pub struct FileCache<T> {
    entries: Mutex<HashMap<PathBuf, Entry<T>>>,
}

impl<T> Default for FileCache<T> {
    fn default() -> Self {
        FileCache {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> FileCache<T> {
    /// The result for `path` parsed with inputs `key`: the kept one, or `parse()`'s, which is
    /// then kept.
    pub fn get_or_parse(
        &self,
        path: &Path,
        key: Fingerprint,
        parse: impl FnOnce() -> (T, Vec<Diagnostic>),
    ) -> (T, Vec<Diagnostic>) {
        {
            let entries = self.lock();
            if let Some((_, value, problems)) = entries.get(path).filter(|e| e.0 == key) {
                return (value.clone(), problems.clone());
            }
        }
        let (value, problems) = parse();
        self.lock()
            .insert(path.to_path_buf(), (key, value.clone(), problems.clone()));
        (value, problems)
    }

    /// Forgets files that are gone.
    pub fn retain(&self, paths: &[PathBuf]) {
        let keep: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        self.lock().retain(|path, _| keep.contains(path));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Entry<T>>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Everything the preview keeps between rebuilds.
#[derive(Default)]
pub struct LoadCache {
    /// Articles.
    pub articles: FileCache<Option<Document>>,
    /// Standalone pages.
    pub pages: FileCache<Option<Document>>,
    /// Observations of each CSV file.
    pub observations: FileCache<Vec<Observation>>,
}
