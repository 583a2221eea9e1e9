//! The site in memory, for the preview server: a [`SiteFiles`] of every file, and the
//! [`MemorySink`] that makes the next one, sharing the bytes of unchanged files with the
//! previous snapshot.

use std::collections::BTreeMap;
use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use crate::fingerprint::Fingerprint;
use crate::render::sink::Sink;

/// One file of a snapshot.
#[derive(Clone, Debug)]
struct File {
    inputs: Option<Fingerprint>,
    bytes: Arc<[u8]>,
}

/// Every file of a built site, by its path relative to the output folder (`/`-separated).
#[derive(Debug, Default)]
pub struct SiteFiles {
    files: BTreeMap<String, File>,
}

impl SiteFiles {
    /// The bytes of a file, if the site has it.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|f| &*f.bytes)
    }

    /// All paths, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there is no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Total size in bytes.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(|f| f.bytes.len()).sum()
    }
}

/// Collects a new snapshot, reusing files of the previous one whose inputs did not change.
#[derive(Default)]
pub struct MemorySink {
    previous: Option<Arc<SiteFiles>>,
    files: Mutex<Vec<(String, File)>>,
}

impl MemorySink {
    /// A sink that may reuse the files of `previous`.
    pub fn new(previous: Option<Arc<SiteFiles>>) -> MemorySink {
        MemorySink {
            previous,
            files: Mutex::new(Vec::new()),
        }
    }

    /// The snapshot of everything put or kept.
    pub fn finish(self) -> SiteFiles {
        let files = self
            .files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        SiteFiles {
            files: files.into_iter().collect(),
        }
    }

    fn push(&self, path: &str, file: File) {
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((path.to_string(), file));
    }
}

impl Sink for MemorySink {
    fn reuses(&self) -> bool {
        self.previous.is_some()
    }

    fn keep(&self, path: &str, fingerprint: Fingerprint) -> Option<u64> {
        let file = self
            .previous
            .as_ref()
            .and_then(|p| p.files.get(path))
            .filter(|f| f.inputs == Some(fingerprint))?;
        self.push(path, file.clone());
        Some(file.bytes.len() as u64)
    }

    fn put(&self, path: &str, fingerprint: Option<Fingerprint>, bytes: Vec<u8>) -> io::Result<()> {
        self.push(
            path,
            File {
                inputs: fingerprint,
                bytes: bytes.into(),
            },
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_files_made_from_the_same_inputs() {
        let first = MemorySink::default();
        first
            .put("a.html", Some(Fingerprint(1)), b"a".to_vec())
            .unwrap();
        first.put("b.css", None, b"b".to_vec()).unwrap();
        let first = Arc::new(first.finish());
        let second = MemorySink::new(Some(Arc::clone(&first)));
        assert!(second.keep("a.html", Fingerprint(1)).is_some());
        assert!(
            second.keep("a.html", Fingerprint(2)).is_none(),
            "other inputs"
        );
        assert!(
            second.keep("b.css", Fingerprint(1)).is_none(),
            "no fingerprint"
        );
        assert!(second.keep("c.html", Fingerprint(1)).is_none(), "not there");
        let second = second.finish();
        assert_eq!(second.paths().collect::<Vec<_>>(), ["a.html"]);
        assert_eq!(second.get("a.html"), Some(&b"a"[..]));
    }
}
