//! Parse results kept between builds, so that a build after an edit parses only the files
//! that changed: the preview keeps them in memory, `build` in its output folder.
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
    /// Whether anything was added or forgotten since the cache was made or read.
    changed: std::sync::atomic::AtomicBool,
}

impl<T> Default for FileCache<T> {
    fn default() -> Self {
        FileCache {
            entries: Mutex::new(HashMap::new()),
            changed: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

impl<T: Clone> FileCache<T> {
    /// The kept result for `path`, if it was parsed with the same inputs `key`.
    pub fn get(&self, path: &Path, key: Fingerprint) -> Option<(T, Vec<Diagnostic>)> {
        let entries = self.lock();
        let (_, value, problems) = entries.get(path).filter(|e| e.0 == key)?;
        Some((value.clone(), problems.clone()))
    }

    /// Keeps the result of parsing `path` with inputs `key`.
    pub fn insert(&self, path: &Path, key: Fingerprint, value: T, problems: Vec<Diagnostic>) {
        self.lock()
            .insert(path.to_path_buf(), (key, value, problems));
        self.changed
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether anything was added or forgotten since the cache was made or read.
    pub fn changed(&self) -> bool {
        self.changed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The result for `path` parsed with inputs `key`: the kept one, or `parse()`'s, which is
    /// then kept.
    pub fn get_or_parse(
        &self,
        path: &Path,
        key: Fingerprint,
        parse: impl FnOnce() -> (T, Vec<Diagnostic>),
    ) -> (T, Vec<Diagnostic>) {
        if let Some(kept) = self.get(path, key) {
            return kept;
        }
        let (value, problems) = parse();
        self.insert(path, key, value.clone(), problems.clone());
        (value, problems)
    }

    /// Forgets files that are gone.
    pub fn retain(&self, paths: &[PathBuf]) {
        let keep: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        let mut entries = self.lock();
        let before = entries.len();
        entries.retain(|path, _| keep.contains(path));
        if entries.len() != before {
            self.changed
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Entry<T>>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Everything kept between builds: by the preview in memory, and by `build` in the output
/// folder (documents only: see [`LoadCache::read`]).
#[derive(Default)]
pub struct LoadCache {
    /// Articles (see [`LoadCache::articles`]).
    articles: FileCache<Option<Document>>,
    /// Standalone pages (see [`LoadCache::pages`]).
    pages: FileCache<Option<Document>>,
    /// Observations of each CSV file.
    pub observations: FileCache<Vec<Observation>>,
    /// True for the cache of `build`, which keeps documents only: observations are not stored
    /// between builds, so keeping them would only copy them.
    pub documents_only: bool,
    /// The stored documents, while another thread still reads them (see [`LoadCache::read`]).
    incoming: Mutex<Option<std::thread::JoinHandle<Option<Stored>>>>,
}

/// The first bytes of a stored cache; a file of another format or version is ignored.
const STORED_HEADER: &[u8] = b"baocao-cache 1\n";

/// The documents of a cache as stored: those that parsed without any problem.
#[derive(serde::Deserialize)]
struct Stored {
    articles: Vec<(PathBuf, Fingerprint, Document)>,
    pages: Vec<(PathBuf, Fingerprint, Document)>,
}

/// [`Stored`] as written, borrowing the documents (postcard writes both alike).
#[derive(serde::Serialize)]
struct StoredRef<'a> {
    articles: Vec<(&'a PathBuf, Fingerprint, &'a Document)>,
    pages: Vec<(&'a PathBuf, Fingerprint, &'a Document)>,
}

impl LoadCache {
    /// An empty cache that keeps documents only (for `build`).
    pub fn documents() -> LoadCache {
        LoadCache {
            documents_only: true,
            ..LoadCache::default()
        }
    }

    /// The cache stored at `path`; an empty one if there is none or it cannot be read (it
    /// is only a cache: everything is then parsed again). It is read and decoded on another
    /// thread while the build loads the statistics; asking for the documents waits for it.
    pub fn read(path: &Path) -> LoadCache {
        let cache = LoadCache::documents();
        let path = path.to_path_buf();
        *cache
            .incoming
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(std::thread::spawn(move || {
            let bytes = std::fs::read(path).ok()?;
            postcard::from_bytes::<Stored>(bytes.strip_prefix(STORED_HEADER)?).ok()
        }));
        cache
    }

    /// Parsed articles, by path.
    pub fn articles(&self) -> &FileCache<Option<Document>> {
        self.settle();
        &self.articles
    }

    /// Parsed standalone pages, by path.
    pub fn pages(&self) -> &FileCache<Option<Document>> {
        self.settle();
        &self.pages
    }

    /// Waits for the stored documents, if they are still being read, and takes them in.
    fn settle(&self) {
        let mut incoming = self.incoming.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(stored) = incoming
            .take()
            .and_then(|reader| reader.join().ok().flatten())
        else {
            return;
        };
        for (documents, into) in [
            (stored.articles, &self.articles),
            (stored.pages, &self.pages),
        ] {
            let mut entries = into.lock();
            entries.reserve(documents.len());
            for (file, key, document) in documents {
                entries.insert(file, (key, Some(document), Vec::new()));
            }
        }
    }

    /// Stores the documents that parsed without a problem at `path` (through a temporary
    /// file, so a reader never sees half a cache), unless they are those read from it.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        self.settle();
        if !self.articles.changed() && !self.pages.changed() && path.exists() {
            return Ok(());
        }
        let (articles, pages) = (self.articles.lock(), self.pages.lock());
        let stored = StoredRef {
            articles: clean(&articles),
            pages: clean(&pages),
        };
        let mut bytes = STORED_HEADER.to_vec();
        bytes.extend(postcard::to_stdvec(&stored).map_err(std::io::Error::other)?);
        drop((articles, pages));
        let temporary = path.with_extension("tmp");
        std::fs::write(&temporary, bytes)?;
        std::fs::rename(&temporary, path)
    }
}

/// The documents that parsed without a problem, by path.
fn clean(
    entries: &HashMap<PathBuf, Entry<Option<Document>>>,
) -> Vec<(&PathBuf, Fingerprint, &Document)> {
    let mut list: Vec<(&PathBuf, Fingerprint, &Document)> = entries
        .iter()
        .filter_map(|(file, (key, document, problems))| {
            let document = document.as_ref().filter(|_| problems.is_empty())?;
            Some((file, *key, document))
        })
        .collect();
    list.sort_by(|a, b| a.0.cmp(b.0));
    list
}
