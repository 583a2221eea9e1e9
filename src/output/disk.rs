//! Writing the site into its output folder, safely and only where something changed.
//!
//! - A **manifest** (`.baocao-manifest`) remembers, for every file, the fingerprint of its
//!   inputs and of its bytes, its size and its modification time. A file whose inputs did not
//!   change is neither rendered nor written; a file rendered to the same bytes is not written.
//!   A file changed by hand (its size or time differ) is not trusted: it is compared byte for
//!   byte and replaced when it differs.
//! - Changed files are first written into a **staging** folder inside the output folder and
//!   moved into place only by [`DiskSink::commit`], once the whole site rendered without an
//!   error; [`DiskSink::abort`] removes them, so a failed build changes nothing.
//! - A build killed half-way leaves, at worst, some files moved and the old manifest: those
//!   files no longer match the manifest and are checked again, and the staging folder is
//!   removed by the next build, which therefore repairs the folder completely.
//! - Into an empty (or new) folder there is nothing to protect: files are written straight
//!   into place, and a failed build empties the folder again.
//! - Files of baocao's own (the build cache, written while the site renders) always go through
//!   the staging folder: [`DiskSink::stage_own`].

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use super::folder::{CACHE, MARKER, PLACEHOLDER};
use crate::diagnostics::{Diagnostic, Id};
use crate::fingerprint::Fingerprint;
use crate::render::sink::Sink;

/// The manifest of the files in the folder.
const MANIFEST: &str = ".baocao-manifest";
/// Where changed files wait until the build succeeded.
const STAGING: &str = ".baocao-staging";
/// First line of the manifest; a manifest of another format is ignored.
const MANIFEST_HEADER: &str = "baocao-manifest 1";
/// What the marker file says to someone who opens it.
const MARKER_TEXT: &[u8] =
    b"This folder is written by baocao; files not in the site are deleted.\n";

/// What writing changed on disk.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the site.
    pub files: usize,
    /// Total size of the site in bytes.
    pub bytes: u64,
    /// Files written because they were new or different.
    pub written: usize,
    /// Stale files deleted.
    pub deleted: usize,
}

/// What the manifest knows of one file.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    inputs: Option<Fingerprint>,
    content: Fingerprint,
    size: u64,
    /// Modification time in nanoseconds since 1970.
    modified: u128,
}

/// Files of the site being written into an output folder.
pub struct DiskSink {
    out: PathBuf,
    staging: PathBuf,
    previous: BTreeMap<String, Entry>,
    entries: Mutex<BTreeMap<String, Entry>>,
    pending: Mutex<Vec<(PathBuf, String)>>,
    /// Staged files of baocao's own (not part of the site), and the names they go to.
    own: Mutex<Vec<(PathBuf, &'static str)>>,
    staged: AtomicUsize,
    written: AtomicUsize,
    /// Whether the output folder (when it was empty) and the staging folder are made.
    folders_made: Mutex<(bool, bool)>,
    /// The folder was empty: files go straight into place.
    direct: bool,
}

impl DiskSink {
    /// Opens `out` for a build. Refuses a folder that is not empty and was not made by
    /// baocao; removes what an interrupted build left in the staging folder. Writes nothing.
    pub fn open(out: &Path) -> Result<DiskSink, Diagnostic> {
        let cannot = |e: io::Error| Diagnostic::unplaced(Id::CannotOpenOut).io_reason(&e);
        let mut previous = BTreeMap::new();
        let mut direct = true;
        if out.exists() {
            let marked = out.join(MARKER).exists();
            let empty = fs::read_dir(out)
                .map_err(cannot)?
                .filter_map(Result::ok)
                .all(|e| e.file_name() == PLACEHOLDER);
            if !marked && !empty {
                return Err(Diagnostic::unplaced(Id::OutNotOurs).arg("out", out.display()));
            }
            if marked {
                previous = read_manifest(&out.join(MANIFEST));
            }
            direct = empty;
            let staging = out.join(STAGING);
            if fs::symlink_metadata(&staging).is_ok() {
                remove_any(&staging).map_err(cannot)?;
            }
        }
        Ok(DiskSink {
            out: out.to_path_buf(),
            staging: out.join(STAGING),
            previous,
            entries: Mutex::new(BTreeMap::new()),
            pending: Mutex::new(Vec::new()),
            own: Mutex::new(Vec::new()),
            staged: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            folders_made: Mutex::new((false, false)),
            direct,
        })
    }

    /// Writes a file of baocao's own, not part of the site (the build cache), into the staging
    /// folder: `write` gets the path to write to. [`commit`](DiskSink::commit) moves it to
    /// `name` in the output folder; [`abort`](DiskSink::abort) throws it away.
    pub fn stage_own(
        &self,
        name: &'static str,
        write: impl FnOnce(&Path) -> io::Result<()>,
    ) -> io::Result<()> {
        self.make_folders(true)?;
        let staged = self.staging.join(name);
        write(&staged)?;
        self.own
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((staged, name));
        Ok(())
    }

    /// Moves every staged file into place, deletes files that are no longer part of the site
    /// (and folders left empty), and writes the manifest.
    pub fn commit(self) -> io::Result<WriteStats> {
        let entries = self
            .entries
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let pending = self
            .pending
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        fs::create_dir_all(&self.out)?;
        let marker = self.out.join(MARKER);
        if !marker.exists() {
            fs::write(marker, MARKER_TEXT)?;
        }
        let mut folders: Vec<&Path> = pending
            .iter()
            .filter_map(|(_, path)| Path::new(path).parent())
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        folders.sort_unstable();
        folders.dedup();
        for folder in folders {
            make_real_folder(&self.out, folder)?;
        }
        // Before anything moves, the manifest learns every path this build may leave behind,
        // untrusted (time 0): if the build is killed while moving files, the next one checks
        // them again and deletes those no longer part of the site.
        if !pending.is_empty() && !self.previous.is_empty() {
            let mut journal = self.previous.clone();
            for (path, entry) in &entries {
                journal.entry(path.clone()).or_insert(Entry {
                    modified: 0,
                    ..entry.clone()
                });
            }
            write_manifest(&self.out.join(MANIFEST), &journal)?;
        }
        // A rename keeps the file's modification time, recorded when it was staged.
        pending.par_iter().try_for_each(|(staged, path)| {
            let target = self.out.join(path);
            if fs::symlink_metadata(&target).is_ok_and(|m| !m.is_file()) {
                remove_any(&target)?;
            }
            fs::rename(staged, &target)
        })?;
        let own = self
            .own
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        for (staged, name) in own {
            fs::rename(staged, self.out.join(name))?;
        }
        let deleted = if self.previous.is_empty() && !self.direct {
            // A folder from an older baocao, without a manifest: look at every file.
            delete_stale(&self.out, &entries)?
        } else {
            delete_gone(&self.out, &self.previous, &entries)?
        };
        if fs::symlink_metadata(&self.staging).is_ok() {
            remove_any(&self.staging)?;
        }
        // A build that changed nothing leaves the manifest as it is.
        let manifest = self.out.join(MANIFEST);
        if entries != self.previous || !manifest.exists() {
            write_manifest(&manifest, &entries)?;
        }
        Ok(WriteStats {
            files: entries.len(),
            bytes: entries.values().map(|e| e.size).sum(),
            written: self.written.into_inner(),
            deleted,
        })
    }

    /// Throws away everything staged: the folder stays as the previous build left it.
    pub fn abort(self) {
        if fs::symlink_metadata(&self.staging).is_ok() {
            let _ = remove_any(&self.staging);
        }
        if self.direct && self.out.exists() {
            // The folder was empty: it is emptied again (a placeholder stays), and removed if
            // this build made it.
            let _ = delete_stale(&self.out, &BTreeMap::new());
            let _ = fs::remove_file(self.out.join(MARKER));
            let _ = fs::remove_dir(&self.out);
        }
    }

    fn record(&self, path: &str, entry: Entry) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_string(), entry);
    }

    /// The previous entry of `path`, if the file on disk still has its size and time.
    fn intact(&self, path: &str) -> Option<&Entry> {
        let entry = self.previous.get(path)?;
        let meta = fs::metadata(self.out.join(path)).ok()?;
        (meta.is_file() && meta.len() == entry.size && modified(&meta) == entry.modified)
            .then_some(entry)
    }

    /// Writes `bytes` where they must go: into place when the folder was empty, else into the
    /// staging folder, remembering where they must go. Returns the file's modification time.
    fn stage(&self, path: &str, bytes: &[u8]) -> io::Result<u128> {
        self.written.fetch_add(1, Ordering::Relaxed);
        self.make_folders(!self.direct)?;
        if self.direct {
            let target = self.out.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            return write_file(&target, bytes);
        }
        let staged = self
            .staging
            .join(self.staged.fetch_add(1, Ordering::Relaxed).to_string());
        let modified = write_file(&staged, bytes)?;
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((staged, path.to_string()));
        Ok(modified)
    }

    /// Makes, once each, the folders files are written to: the output folder when it was
    /// empty, marked first (a build killed half-way then leaves a folder the next build
    /// recognises as its own, and repairs); and the staging folder, when `staging`.
    fn make_folders(&self, staging: bool) -> io::Result<()> {
        let mut made = self
            .folders_made
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if self.direct && !made.0 {
            fs::create_dir_all(&self.out)?;
            fs::write(self.out.join(MARKER), MARKER_TEXT)?;
            made.0 = true;
        }
        if staging && !made.1 {
            fs::create_dir_all(&self.staging)?;
            made.1 = true;
        }
        Ok(())
    }
}

/// Writes a file and returns its modification time (from the open file, without looking the
/// path up again).
fn write_file(path: &Path, bytes: &[u8]) -> io::Result<u128> {
    use std::io::Write as _;
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    Ok(modified(&file.metadata()?))
}

impl Sink for DiskSink {
    fn reuses(&self) -> bool {
        !self.previous.is_empty()
    }

    fn keep(&self, path: &str, fingerprint: Fingerprint) -> Option<u64> {
        let entry = self
            .intact(path)
            .filter(|entry| entry.inputs == Some(fingerprint))?;
        self.record(path, entry.clone());
        Some(entry.size)
    }

    fn put(&self, path: &str, inputs: Option<Fingerprint>, bytes: Vec<u8>) -> io::Result<()> {
        let content = Fingerprint::of(&bytes);
        let size = bytes.len() as u64;
        if let Some(entry) = self.intact(path).filter(|e| e.content == content) {
            self.record(
                path,
                Entry {
                    inputs,
                    ..entry.clone()
                },
            );
            return Ok(());
        }
        // Not in the manifest, or changed since: compare with what is there.
        let target = self.out.join(path);
        let same = (!self.direct)
            .then(|| fs::symlink_metadata(&target).ok())
            .flatten()
            .filter(|meta| {
                meta.is_file()
                    && meta.len() == size
                    && fs::read(&target).is_ok_and(|existing| existing == bytes)
            });
        if let Some(meta) = same {
            self.record(
                path,
                Entry {
                    inputs,
                    content,
                    size,
                    modified: modified(&meta),
                },
            );
            return Ok(());
        }
        let modified = self.stage(path, &bytes)?;
        self.record(
            path,
            Entry {
                inputs,
                content,
                size,
                modified,
            },
        );
        Ok(())
    }
}

/// Modification time in nanoseconds since 1970 (0 when the system cannot tell).
fn modified(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Creates `out/relative` as real folders: anything in the way that is not a folder (a file,
/// or a link that could lead outside the output folder) is removed first.
fn make_real_folder(out: &Path, relative: &Path) -> io::Result<()> {
    let mut current = out.to_path_buf();
    for part in relative.components() {
        current.push(part);
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                fs::remove_file(&current)?;
                fs::create_dir(&current)?;
            }
            Err(_) => fs::create_dir(&current)?,
        }
    }
    Ok(())
}

/// Removes a file, a link or a folder tree.
fn remove_any(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// Deletes the files of the previous build that are not part of this one, and the folders
/// they leave empty. Returns the number of files deleted.
fn delete_gone(
    out: &Path,
    previous: &BTreeMap<String, Entry>,
    entries: &BTreeMap<String, Entry>,
) -> io::Result<usize> {
    let mut deleted = 0;
    let mut folders = std::collections::BTreeSet::new();
    for path in previous.keys().filter(|p| !entries.contains_key(*p)) {
        let target = out.join(path);
        match fs::symlink_metadata(&target) {
            Ok(meta) if !meta.is_dir() => {
                fs::remove_file(&target)?;
                deleted += 1;
            }
            _ => {}
        }
        let mut folder = Path::new(path).parent();
        while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
            folders.insert(f.to_path_buf());
            folder = f.parent();
        }
    }
    // Deepest first, so that a folder's sub-folders are gone before it is looked at.
    let mut folders: Vec<PathBuf> = folders.into_iter().collect();
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for folder in folders {
        let folder = out.join(folder);
        if fs::read_dir(&folder).is_ok_and(|mut d| d.next().is_none()) {
            fs::remove_dir(&folder)?;
        }
    }
    Ok(deleted)
}

/// Deletes files under `out` that are not in `entries` (besides baocao's own), then folders
/// left empty. Returns the number of files deleted.
fn delete_stale(out: &Path, entries: &BTreeMap<String, Entry>) -> io::Result<usize> {
    let mut deleted = 0;
    let mut folders = Vec::new();
    let walker = walkdir::WalkDir::new(out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != STAGING);
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(out).map_err(io::Error::other)?;
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if ![MARKER, PLACEHOLDER, MANIFEST, CACHE].contains(&key.as_str())
            && !entries.contains_key(&key)
        {
            fs::remove_file(entry.path())?;
            deleted += 1;
        }
    }
    for folder in folders.iter().rev() {
        if fs::read_dir(folder)?.next().is_none() {
            fs::remove_dir(folder)?;
        }
    }
    Ok(deleted)
}

fn read_manifest(path: &Path) -> BTreeMap<String, Entry> {
    let Ok(text) = fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return BTreeMap::new();
    }
    lines
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let path = fields.next()?;
            let inputs = match fields.next()? {
                "-" => None,
                hex => Some(Fingerprint::parse(hex)?),
            };
            let content = Fingerprint::parse(fields.next()?)?;
            let size = fields.next()?.parse().ok()?;
            let modified = fields.next()?.parse().ok()?;
            Some((
                path.to_string(),
                Entry {
                    inputs,
                    content,
                    size,
                    modified,
                },
            ))
        })
        .collect()
}

fn write_manifest(path: &Path, entries: &BTreeMap<String, Entry>) -> io::Result<()> {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(entries.len() * 120);
    text.push_str(MANIFEST_HEADER);
    text.push('\n');
    for (file, e) in entries {
        let inputs = e.inputs.map_or_else(|| "-".to_string(), |f| f.to_string());
        let _ = writeln!(
            text,
            "{file}\t{inputs}\t{}\t{}\t{}",
            e.content, e.size, e.modified
        );
    }
    let temporary = path.with_extension("tmp");
    fs::write(&temporary, text)?;
    fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(out: &Path, files: &[(&str, &str)]) -> WriteStats {
        let sink = DiskSink::open(out).unwrap();
        for (path, text) in files {
            sink.put(path, None, text.as_bytes().to_vec()).unwrap();
        }
        sink.commit().unwrap()
    }

    #[test]
    fn writes_only_changes_and_deletes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let site = [
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/c/index.html", "c"),
        ];
        let first = build(&out, &site);
        assert_eq!((first.files, first.written, first.deleted), (3, 3, 0));
        let again = build(&out, &site);
        assert_eq!((again.files, again.written, again.deleted), (3, 0, 0));
        let second = build(&out, &[("index.html", "home 2"), ("a/index.html", "a")]);
        assert_eq!((second.files, second.written, second.deleted), (2, 1, 1));
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "home 2"
        );
        assert!(!out.join("b").exists(), "empty folders go too");
        assert!(!out.join(STAGING).exists());
    }

    #[test]
    fn a_build_killed_while_moving_files_is_repaired_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        build(&out, &[("index.html", "v1"), ("a/index.html", "a")]);
        // What a build killed after its journal and one move leaves: the journal manifest,
        // the new page in place, the staging folder.
        let sink = DiskSink::open(&out).unwrap();
        sink.put("index.html", None, b"v2".to_vec()).unwrap();
        sink.put("b/index.html", None, b"b".to_vec()).unwrap();
        let entries = sink.entries.lock().unwrap().clone();
        let mut journal = sink.previous.clone();
        for (path, entry) in &entries {
            journal.entry(path.clone()).or_insert(Entry {
                modified: 0,
                ..entry.clone()
            });
        }
        write_manifest(&out.join(MANIFEST), &journal).unwrap();
        fs::create_dir_all(out.join("b")).unwrap();
        fs::write(out.join("b/index.html"), "b").unwrap();
        std::mem::forget(sink);
        // The next build (where b/ is no longer part of the site) repairs everything.
        let repaired = build(&out, &[("index.html", "v3"), ("a/index.html", "a")]);
        assert_eq!(repaired.deleted, 1);
        assert!(!out.join("b").exists());
        assert!(!out.join(STAGING).exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v3");
    }

    #[test]
    fn kept_files_need_the_same_inputs_and_an_untouched_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let sink = DiskSink::open(&out).unwrap();
        sink.put("a.html", Some(Fingerprint(7)), b"a".to_vec())
            .unwrap();
        sink.commit().unwrap();
        let sink = DiskSink::open(&out).unwrap();
        assert!(sink.keep("a.html", Fingerprint(8)).is_none());
        assert!(sink.keep("a.html", Fingerprint(7)).is_some());
        sink.commit().unwrap();
        fs::write(out.join("a.html"), "edited by hand").unwrap();
        let sink = DiskSink::open(&out).unwrap();
        assert!(
            sink.keep("a.html", Fingerprint(7)).is_none(),
            "changed on disk"
        );
        sink.put("a.html", Some(Fingerprint(7)), b"a".to_vec())
            .unwrap();
        assert_eq!(sink.commit().unwrap().written, 1);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a");
    }

    #[test]
    fn an_aborted_build_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        build(&out, &[("index.html", "old")]);
        let sink = DiskSink::open(&out).unwrap();
        sink.put("index.html", None, b"new".to_vec()).unwrap();
        sink.put("x/index.html", None, b"x".to_vec()).unwrap();
        sink.abort();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!out.join("x").exists());
        assert!(!out.join(STAGING).exists());
        let fresh = dir.path().join("never-built");
        let sink = DiskSink::open(&fresh).unwrap();
        sink.put("index.html", None, b"x".to_vec()).unwrap();
        sink.abort();
        assert!(!fresh.exists(), "a folder the failed build made is removed");
    }

    #[test]
    fn a_folder_with_only_a_placeholder_is_empty_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".gitkeep"), "").unwrap();
        assert_eq!(build(dir.path(), &[("index.html", "x")]).written, 1);
        assert!(dir.path().join(".gitkeep").exists());
    }

    #[test]
    fn refuses_a_foreign_non_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        assert!(DiskSink::open(dir.path()).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("thesis.docx")).unwrap(),
            "precious"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_output_folder_never_lead_outside() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let outside = dir.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        build(&out, &[("index.html", "home")]);
        std::os::unix::fs::symlink(&outside, out.join("tin-tuc")).unwrap();
        build(
            &out,
            &[("index.html", "home"), ("tin-tuc/a/index.html", "a")],
        );
        assert!(fs::read_dir(&outside).unwrap().next().is_none());
        assert_eq!(
            fs::read_to_string(out.join("tin-tuc/a/index.html")).unwrap(),
            "a"
        );
    }
}
