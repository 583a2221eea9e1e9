//! Parse results kept between builds, so that a build after an edit parses only the files
//! that changed: the preview keeps them in memory, `build` in its output folder.
//!
//! An entry is keyed by the fingerprint of the file's bytes *and* of everything its parse
//! depends on (the ids it is checked against, the site settings), so a reused result is
//! always the one a fresh parse would give.

use std::collections::HashMap;
use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostics::Diagnostic;
use crate::fingerprint::Fingerprint;

/// The parse of one file, and the problems found in it.
type Entry<T> = (Fingerprint, T, Vec<Diagnostic>);

/// What the file system says of a file: its size, modification and change times and inode.
/// Any write to a file sets its change time to the present, and no tool can set it back, so a
/// file with the same stamp as when it was read still has the same bytes. Only *settled*
/// stamps are kept: a file written within the file system's time granularity of being read
/// could be written again without its stamp changing (git's "racily clean" rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    modified: i128,
    changed: i128,
    inode: u64,
    device: u64,
}

/// Bytes of a stored stamp: a flag, the content fingerprint, size, two times, inode, device.
const STAMPED_BYTES: usize = 1 + 16 + 8 + 16 + 16 + 8 + 8;

/// How much older than the moment they were read a file's times must be for its stamp to be
/// kept: more than the coarsest file-system time granularity (FAT's two seconds).
const SETTLED_NANOS: i128 = 3_000_000_000;

impl Stamp {
    /// The stamp of a file, if this system tells all of it (Unix-like systems do).
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let nanos =
                |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
            Some(Stamp {
                size: meta.size(),
                modified: nanos(meta.mtime(), meta.mtime_nsec()),
                changed: nanos(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }

    /// Whether both of the file's times are well before `read_at`, when its bytes were read.
    pub fn settled(&self, read_at: std::time::SystemTime) -> bool {
        let Ok(read_at) = read_at.duration_since(std::time::UNIX_EPOCH) else {
            return false;
        };
        let read_at = i128::try_from(read_at.as_nanos()).unwrap_or(i128::MAX);
        self.modified.max(self.changed) < read_at - SETTLED_NANOS
    }
}

/// A file's content fingerprint with the settled stamp it had when it was read.
pub type Stamped = (Fingerprint, Stamp);

/// A value the stored cache holds as it is: its encoded bytes, which a build writes into the
/// cache file and the next build finds again at a range of that file's bytes.
pub trait Encoded: Clone {
    /// The value lying at `range` of the stored cache's bytes (not decoded yet).
    fn stored(bytes: Arc<[u8]>, range: Range<usize>) -> Self;

    /// Its encoded bytes (`None` if they cannot be had).
    fn bytes(&self) -> Option<&[u8]>;
}

/// A stored entry: its key, its file's stamp (if settled) and where its encoded value lies in
/// the stored bytes.
type Located = (Fingerprint, Option<Stamped>, Range<usize>);

/// Where each stored entry is, by path.
type Index = HashMap<PathBuf, Located>;

/// The stored cache as read: its bytes, and where the articles and the pages are in them.
type Incoming = (Arc<[u8]>, Index, Index);

/// Turns a stored entry back into its value (`None` if it does not decode), given the stored
/// bytes and where the entry lies in them.
type Decode<T> = fn(&Arc<[u8]>, Range<usize>) -> Option<T>;

/// What a [`FileCache`] holds: results parsed by this process, and results stored by the
/// previous build, each still encoded.
struct Entries<T> {
    parsed: HashMap<PathBuf, (Entry<T>, Option<Stamped>)>,
    stored: Index,
    /// New settled stamps of stored entries whose files were read again unchanged.
    restamped: HashMap<PathBuf, Stamped>,
}

/// Parse results of one kind of file, by path. Results stored by the previous build stay
/// encoded until asked for: each is decoded by the thread that loads its file (so the work is
/// shared out and nothing is copied), and one that is not asked for again costs nothing.
pub struct FileCache<T> {
    entries: Mutex<Entries<T>>,
    /// The stored results' bytes and how to decode one, once they are known.
    stored: std::sync::OnceLock<(Arc<[u8]>, Decode<T>)>,
    /// Whether anything was added or forgotten since the cache was made or read.
    changed: AtomicBool,
}

impl<T> Default for FileCache<T> {
    fn default() -> Self {
        FileCache {
            entries: Mutex::new(Entries {
                parsed: HashMap::new(),
                stored: HashMap::new(),
                restamped: HashMap::new(),
            }),
            stored: std::sync::OnceLock::new(),
            changed: AtomicBool::new(false),
        }
    }
}

impl<T: Clone> FileCache<T> {
    /// The kept result for `path`, if it was parsed with the same inputs `key`.
    pub fn get(&self, path: &Path, key: Fingerprint) -> Option<(T, Vec<Diagnostic>)> {
        let range = {
            let entries = self.lock();
            // A result parsed by this process replaces the stored one.
            if let Some(((found, value, problems), _)) = entries.parsed.get(path) {
                return (*found == key).then(|| (value.clone(), problems.clone()));
            }
            let (stored_key, _, range) = entries.stored.get(path)?;
            (*stored_key == key).then(|| range.clone())?
        };
        let (bytes, decode) = self.stored.get()?;
        // Only results without problems are stored.
        decode(bytes, range).map(|value| (value, Vec::new()))
    }

    /// Makes room for `additional` results parsed by this process, so that the table of
    /// large entries is not moved again and again as a cold build fills it.
    pub fn reserve(&self, additional: usize) {
        self.lock().parsed.reserve(additional);
    }

    /// Keeps the result of parsing `path` with inputs `key`.
    pub fn insert(&self, path: &Path, key: Fingerprint, value: T, problems: Vec<Diagnostic>) {
        self.insert_stamped(path, key, None, value, problems);
    }

    /// [`FileCache::insert`], with the content fingerprint and settled stamp of the file read.
    pub fn insert_stamped(
        &self,
        path: &Path,
        key: Fingerprint,
        stamped: Option<Stamped>,
        value: T,
        problems: Vec<Diagnostic>,
    ) {
        self.lock()
            .parsed
            .insert(path.to_path_buf(), ((key, value, problems), stamped));
        self.changed.store(true, Ordering::Relaxed);
    }

    /// The content fingerprint and settled stamp recorded for `path`'s file, if any: when the
    /// file still has that stamp, it has those bytes, and need not be read.
    pub fn stamped(&self, path: &Path) -> Option<Stamped> {
        let entries = self.lock();
        match entries.parsed.get(path) {
            Some((_, stamped)) => *stamped,
            None => entries
                .restamped
                .get(path)
                .copied()
                .or_else(|| entries.stored.get(path)?.1),
        }
    }

    /// Records a new settled stamp for a stored entry whose file was read again and found
    /// unchanged, so that the next build need not read it.
    pub fn restamp(&self, path: &Path, stamped: Stamped) {
        let mut entries = self.lock();
        let newer = entries
            .stored
            .get(path)
            .is_some_and(|(_, old, _)| *old != Some(stamped));
        if newer && !entries.parsed.contains_key(path) {
            entries.restamped.insert(path.to_path_buf(), stamped);
            self.changed.store(true, Ordering::Relaxed);
        }
    }

    /// Whether anything was added or forgotten since the cache was made or read.
    pub fn changed(&self) -> bool {
        self.changed.load(Ordering::Relaxed)
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
        let before = (entries.parsed.len(), entries.stored.len());
        entries.parsed.retain(|path, _| keep.contains(path));
        entries.stored.retain(|path, _| keep.contains(path));
        entries.restamped.retain(|path, _| keep.contains(path));
        if (entries.parsed.len(), entries.stored.len()) != before {
            self.changed.store(true, Ordering::Relaxed);
        }
    }

    /// Takes in the results stored by the previous build: `bytes`, and where each result is
    /// in them.
    fn take_stored(&self, bytes: Arc<[u8]>, index: Index, decode: Decode<T>) {
        if self.stored.set((bytes, decode)).is_ok() {
            self.lock().stored = index;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<T>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Everything kept between builds: by the preview in memory, and by `build` in the output
/// folder (documents only: see [`LoadCache::read`]).
///
/// `D` is a parsed document as kept (encoded), `O` the observations of a CSV file: the cache
/// stores them without knowing what they are.
pub struct LoadCache<D, O> {
    /// Articles (see [`LoadCache::articles`]).
    articles: FileCache<Option<D>>,
    /// Standalone pages (see [`LoadCache::pages`]).
    pages: FileCache<Option<D>>,
    /// Observations of each CSV file.
    pub observations: FileCache<O>,
    /// True for the cache of `build`, which keeps documents only: observations are not stored
    /// between builds, so keeping them would only copy them.
    pub documents_only: bool,
    /// The stored documents, while another thread still reads them (see [`LoadCache::read`]).
    incoming: Mutex<Option<std::thread::JoinHandle<Option<Incoming>>>>,
}

/// The first bytes of a stored cache; a file of another format or version is ignored.
const STORED_HEADER: &[u8] = b"baocao-cache 3\n";

impl<D, O> Default for LoadCache<D, O> {
    fn default() -> Self {
        LoadCache {
            articles: FileCache::default(),
            pages: FileCache::default(),
            observations: FileCache::default(),
            documents_only: false,
            incoming: Mutex::new(None),
        }
    }
}

impl<D: Encoded, O: Clone> LoadCache<D, O> {
    /// An empty cache that keeps documents only (for `build`).
    pub fn documents() -> Self {
        LoadCache {
            documents_only: true,
            ..LoadCache::default()
        }
    }

    /// The cache stored at `path`; an empty one if there is none or it cannot be read (it
    /// is only a cache: everything is then parsed again). It is read on another thread while
    /// the build loads the statistics; asking for the documents waits for it.
    pub fn read(path: &Path) -> Self {
        let cache = LoadCache::documents();
        let path = path.to_path_buf();
        *cache
            .incoming
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(std::thread::spawn(move || {
            let bytes: Arc<[u8]> = std::fs::read(path).ok()?.into();
            let (articles, pages) = stored::index(&bytes)?;
            Some((bytes, articles, pages))
        }));
        cache
    }

    /// Parsed articles, by path.
    pub fn articles(&self) -> &FileCache<Option<D>> {
        self.settle();
        &self.articles
    }

    /// Parsed standalone pages, by path.
    pub fn pages(&self) -> &FileCache<Option<D>> {
        self.settle();
        &self.pages
    }

    /// Waits for the stored documents, if they are still being read, and takes them in.
    fn settle(&self) {
        let mut incoming = self.incoming.lock().unwrap_or_else(PoisonError::into_inner);
        let Some((bytes, articles, pages)) = incoming
            .take()
            .and_then(|reader| reader.join().ok().flatten())
        else {
            return;
        };
        let decode: Decode<Option<D>> =
            |bytes, range| Some(Some(D::stored(Arc::clone(bytes), range)));
        self.articles
            .take_stored(Arc::clone(&bytes), articles, decode);
        self.pages.take_stored(bytes, pages, decode);
    }

    /// Whether the documents to store differ from those stored at `path` (or none are).
    pub fn changed(&self, path: &Path) -> bool {
        self.settle();
        self.articles.changed() || self.pages.changed() || !path.exists()
    }

    /// Writes the documents that parsed without a problem into `file`, and frees them (the
    /// build writes the cache while it renders, into a file it moves into place when the
    /// build succeeds). Documents read from the stored cache and still current are copied as
    /// they are.
    pub fn store(self, file: &Path) -> std::io::Result<()> {
        self.settle();
        let (articles, pages) = (self.articles.lock(), self.pages.lock());
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(file)?);
        out.write_all(STORED_HEADER)?;
        for (cache, entries) in [(&self.articles, &articles), (&self.pages, &pages)] {
            let old: &[u8] = cache.stored.get().map_or(&[], |(bytes, _)| bytes);
            // A path that is not UTF-8 is not stored (its file is parsed every time).
            let mut list: Vec<stored::Written<'_>> = entries
                .parsed
                .iter()
                .filter_map(|(file, ((key, encoded, problems), stamped))| {
                    let encoded = encoded.as_ref().filter(|_| problems.is_empty())?;
                    Some((file.to_str()?, *key, *stamped, encoded.bytes()?))
                })
                .collect();
            for (path, (key, stamped, range)) in &entries.stored {
                if let (false, Some(file), Some(encoded)) = (
                    entries.parsed.contains_key(path),
                    path.to_str(),
                    old.get(range.clone()),
                ) {
                    let stamped = entries.restamped.get(path).copied().or(*stamped);
                    list.push((file, *key, stamped, encoded));
                }
            }
            list.sort_unstable_by(|a, b| a.0.cmp(b.0));
            stored::append(&mut out, &list)?;
        }
        out.into_inner().map_err(|e| e.into_error())?;
        Ok(())
    }
}

/// The stored cache's layout: the header, then for articles and for pages a count and that
/// many entries, each the path, the key, the file's stamp (a flag, then the content
/// fingerprint, size, times, inode and device) and the encoded document, with lengths before
/// the variable parts (little-endian). Reading checks every length, so a damaged file is
/// ignored.
mod stored {
    use std::collections::HashMap;
    use std::io::Write;
    use std::path::PathBuf;

    use super::{Index, STORED_HEADER, Stamp, Stamped};
    use crate::fingerprint::Fingerprint;

    /// One entry as written: path, key, stamp, encoded value.
    pub(super) type Written<'a> = (&'a str, Fingerprint, Option<Stamped>, &'a [u8]);

    /// Appends one list of entries.
    pub(super) fn append(out: &mut impl Write, list: &[Written<'_>]) -> std::io::Result<()> {
        out.write_all(&(list.len() as u64).to_le_bytes())?;
        for (file, key, stamped, encoded) in list {
            let file = file.as_bytes();
            out.write_all(&(file.len() as u64).to_le_bytes())?;
            out.write_all(file)?;
            out.write_all(&key.0.to_le_bytes())?;
            match stamped {
                None => out.write_all(&[0])?,
                Some((content, stamp)) => {
                    out.write_all(&[1])?;
                    out.write_all(&content.0.to_le_bytes())?;
                    out.write_all(&stamp.size.to_le_bytes())?;
                    out.write_all(&stamp.modified.to_le_bytes())?;
                    out.write_all(&stamp.changed.to_le_bytes())?;
                    out.write_all(&stamp.inode.to_le_bytes())?;
                    out.write_all(&stamp.device.to_le_bytes())?;
                }
            }
            out.write_all(&(encoded.len() as u64).to_le_bytes())?;
            out.write_all(encoded)?;
        }
        Ok(())
    }

    /// Where every entry of the two lists (articles, pages) lies in `bytes`.
    pub(super) fn index(bytes: &[u8]) -> Option<(Index, Index)> {
        let mut at = STORED_HEADER.len();
        if bytes.get(..at)? != STORED_HEADER {
            return None;
        }
        let mut take = |n: usize| {
            let range = at..at.checked_add(n)?;
            let taken = bytes.get(range.clone())?;
            at = range.end;
            Some((range, taken))
        };
        let mut lists = Vec::with_capacity(2);
        for _ in 0..2 {
            let count = u64::from_le_bytes(take(8)?.1.try_into().ok()?);
            let mut list = HashMap::new();
            for _ in 0..count {
                let len = u64::from_le_bytes(take(8)?.1.try_into().ok()?);
                let file = std::str::from_utf8(take(usize::try_from(len).ok()?)?.1).ok()?;
                let key = Fingerprint(u128::from_le_bytes(take(16)?.1.try_into().ok()?));
                let stamped = match take(1)?.1[0] {
                    0 => None,
                    1 => {
                        let (_, fixed) = take(super::STAMPED_BYTES - 1)?;
                        let u64_of = |at: usize| {
                            u64::from_le_bytes(fixed[at..at + 8].try_into().unwrap_or_default())
                        };
                        let u128_of = |at: usize| {
                            u128::from_le_bytes(fixed[at..at + 16].try_into().unwrap_or_default())
                        };
                        let stamp = Stamp {
                            size: u64_of(16),
                            modified: u128_of(24) as i128,
                            changed: u128_of(40) as i128,
                            inode: u64_of(56),
                            device: u64_of(64),
                        };
                        Some((Fingerprint(u128_of(0)), stamp))
                    }
                    _ => return None,
                };
                let len = u64::from_le_bytes(take(8)?.1.try_into().ok()?);
                let (encoded, _) = take(usize::try_from(len).ok()?)?;
                list.insert(PathBuf::from(file), (key, stamped, encoded));
            }
            lists.push(list);
        }
        let pages = lists.pop()?;
        let articles = lists.pop()?;
        (at == bytes.len()).then_some((articles, pages))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stamp of a file last written in 2020.
    const STAMP: Stamp = Stamp {
        size: 3,
        modified: 1_600_000_000_000_000_000,
        changed: 1_600_000_000_500_000_000,
        inode: 42,
        device: 7,
    };

    /// A stored cache of two articles and one page, whose values are plain bytes.
    fn stored_bytes() -> Vec<u8> {
        let mut bytes = STORED_HEADER.to_vec();
        stored::append(
            &mut bytes,
            &[
                (
                    "a/1.md",
                    Fingerprint(1),
                    Some((Fingerprint(11), STAMP)),
                    &b"one"[..],
                ),
                ("a/2.md", Fingerprint(2), None, &b"two!"[..]),
            ],
        )
        .unwrap();
        stored::append(&mut bytes, &[("p.md", Fingerprint(3), None, &b""[..])]).unwrap();
        bytes
    }

    #[test]
    fn stored_entries_are_found_where_they_were_written() {
        let bytes = stored_bytes();
        let (articles, pages) = stored::index(&bytes).unwrap();
        let (key, stamped, range) = &articles[Path::new("a/2.md")];
        assert_eq!(
            (*key, *stamped, &bytes[range.clone()]),
            (Fingerprint(2), None, &b"two!"[..])
        );
        let (key, stamped, range) = &articles[Path::new("a/1.md")];
        assert_eq!(
            (*key, *stamped, &bytes[range.clone()]),
            (Fingerprint(1), Some((Fingerprint(11), STAMP)), &b"one"[..])
        );
        assert_eq!(articles.len(), 2);
        let (key, _, range) = &pages[Path::new("p.md")];
        assert_eq!((*key, range.len()), (Fingerprint(3), 0));
    }

    #[test]
    fn a_damaged_store_is_ignored() {
        let bytes = stored_bytes();
        for cut in [0, 5, STORED_HEADER.len() + 3, bytes.len() - 1] {
            assert!(stored::index(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(stored::index(&longer).is_none(), "trailing byte");
        let mut other = bytes;
        other[STORED_HEADER.len() - 2] = b'9';
        assert!(stored::index(&other).is_none(), "another version");
    }

    #[test]
    fn stored_results_are_decoded_on_request_and_give_way_to_new_parses() {
        let bytes = stored_bytes();
        let (articles, _) = stored::index(&bytes).unwrap();
        let cache: FileCache<String> = FileCache::default();
        let decode: Decode<String> =
            |bytes, range| String::from_utf8(bytes.get(range)?.to_vec()).ok();
        cache.take_stored(bytes.into(), articles, decode);
        let one = Path::new("a/1.md");
        assert_eq!(cache.get(one, Fingerprint(1)), Some(("one".into(), vec![])));
        assert_eq!(cache.get(one, Fingerprint(9)), None, "other inputs");
        assert!(!cache.changed());
        cache.insert(one, Fingerprint(9), "new".into(), vec![]);
        assert_eq!(
            cache.get(one, Fingerprint(1)),
            None,
            "the new parse replaces it"
        );
        assert_eq!(cache.get(one, Fingerprint(9)), Some(("new".into(), vec![])));
        assert!(cache.changed());
        assert_eq!(cache.stamped(one), None, "the new parse had no stamp");
        let two = Path::new("a/2.md");
        assert_eq!(cache.stamped(two), None);
        let later = Stamp { size: 4, ..STAMP };
        cache.restamp(two, (Fingerprint(12), later));
        assert_eq!(cache.stamped(two), Some((Fingerprint(12), later)));
        cache.retain(&[PathBuf::from("a/1.md")]);
        assert_eq!(
            cache.get(Path::new("a/2.md"), Fingerprint(2)),
            None,
            "file gone"
        );
    }

    #[test]
    fn only_stamps_older_than_the_reading_are_settled() {
        let read_at =
            std::time::UNIX_EPOCH + std::time::Duration::from_nanos(1_600_000_010_000_000_000);
        assert!(STAMP.settled(read_at));
        let just_written = Stamp {
            changed: 1_600_000_009_000_000_000,
            ..STAMP
        };
        assert!(
            !just_written.settled(read_at),
            "changed a second before it was read"
        );
        assert!(
            !STAMP.settled(std::time::UNIX_EPOCH),
            "read before it was written"
        );
    }
}
