//! The in-memory output set, compared with what is on disk and written safely:
//! only changed files are written (each through a temporary file and a rename), stale files
//! are deleted, and nothing outside the output folder is ever touched.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as baocao's own, so a mistyped `--out` never deletes someone's files.
pub const MARKER: &str = ".baocao-output";
/// A placeholder that keeps an empty output folder in git; it is left alone.
const PLACEHOLDER: &str = ".gitkeep";

/// Every file of the site, by its path relative to the output folder (`/`-separated).
#[derive(Default, Debug)]
pub struct OutputSet {
    files: BTreeMap<String, Vec<u8>>,
}

/// What writing changed on disk.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the site.
    pub files: usize,
    /// Files written because they were new or different.
    pub written: usize,
    /// Stale files deleted.
    pub deleted: usize,
}

impl OutputSet {
    /// Adds a file. The path must be relative, `/`-separated, without `.`/`..` segments,
    /// backslashes or control characters; an unsafe path is refused with a message.
    pub fn add(&mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Result<(), String> {
        check_relative(path)?;
        if self.files.insert(path.to_string(), bytes.into()).is_some() {
            return Err(format!("two outputs were made for {path}"));
        }
        Ok(())
    }

    /// The bytes of a file, if the site has it.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
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
        self.files.values().map(Vec::len).sum()
    }

    /// Writes the set into `out`: creates it if needed, writes only files whose bytes differ,
    /// then deletes files and empty folders that are no longer part of the site.
    pub fn write(&self, out: &Path) -> io::Result<WriteStats> {
        prepare_folder(out)?;
        let mut stats = WriteStats {
            files: self.files.len(),
            ..WriteStats::default()
        };
        for (relative, bytes) in &self.files {
            let target = out.join(relative);
            if fs::read(&target).is_ok_and(|existing| existing == *bytes) {
                continue;
            }
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            write_atomically(&target, bytes)?;
            stats.written += 1;
        }
        stats.deleted = self.delete_stale(out)?;
        Ok(stats)
    }

    fn delete_stale(&self, out: &Path) -> io::Result<usize> {
        let mut deleted = 0;
        let mut folders = Vec::new();
        for entry in walkdir::WalkDir::new(out).min_depth(1).sort_by_file_name() {
            let entry = entry.map_err(io::Error::other)?;
            let relative = entry.path().strip_prefix(out).map_err(io::Error::other)?;
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if entry.file_type().is_dir() {
                folders.push(entry.into_path());
            } else if key != MARKER && key != PLACEHOLDER && !self.files.contains_key(&key) {
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
}

fn check_relative(path: &str) -> Result<(), String> {
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

/// Creates `out` if missing; refuses a non-empty folder that baocao did not make.
fn prepare_folder(out: &Path) -> io::Result<()> {
    if out.exists() {
        let marker = out.join(MARKER);
        let empty = fs::read_dir(out)?
            .filter_map(Result::ok)
            .all(|e| e.file_name() == PLACEHOLDER);
        if !marker.exists() && !empty {
            return Err(io::Error::other(format!(
                "{} is not empty and was not made by baocao; choose an empty or new folder for --out",
                out.display()
            )));
        }
        if !marker.exists() {
            fs::write(
                marker,
                b"This folder is written by baocao; files not in the site are deleted.\n",
            )?;
        }
        return Ok(());
    }
    fs::create_dir_all(out)?;
    fs::write(
        out.join(MARKER),
        b"This folder is written by baocao; files not in the site are deleted.\n",
    )
}

fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temporary: PathBuf = target.to_path_buf();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    temporary.set_file_name(format!(".{name}.baocao-tmp"));
    if fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink() || m.is_dir()) {
        if fs::symlink_metadata(target)?.is_dir() {
            fs::remove_dir_all(target)?;
        } else {
            fs::remove_file(target)?;
        }
    }
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, target)
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
        let mut set = OutputSet::default();
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../b",
            "a\\b",
            "a\0b",
            "",
            "a//b",
            "./a",
        ] {
            assert!(set.add(bad, "x").is_err(), "{bad:?}");
        }
        assert!(set.add("tin-tuc/a/index.html", "x").is_ok());
        assert!(set.add("tin-tuc/a/index.html", "y").is_err());
    }

    #[test]
    fn writes_only_changes_and_deletes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let mut first = OutputSet::default();
        first.add("index.html", "home").unwrap();
        first.add("a/index.html", "a").unwrap();
        first.add("b/c/index.html", "c").unwrap();
        assert_eq!(
            first.write(&out).unwrap(),
            WriteStats {
                files: 3,
                written: 3,
                deleted: 0
            }
        );
        assert_eq!(
            first.write(&out).unwrap(),
            WriteStats {
                files: 3,
                written: 0,
                deleted: 0
            }
        );
        let mut second = OutputSet::default();
        second.add("index.html", "home 2").unwrap();
        second.add("a/index.html", "a").unwrap();
        assert_eq!(
            second.write(&out).unwrap(),
            WriteStats {
                files: 2,
                written: 1,
                deleted: 1
            }
        );
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "home 2"
        );
        assert!(!out.join("b").exists(), "empty folders go too");
    }

    #[test]
    fn a_folder_with_only_a_placeholder_is_empty_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".gitkeep"), "").unwrap();
        let mut set = OutputSet::default();
        set.add("index.html", "x").unwrap();
        assert_eq!(set.write(dir.path()).unwrap().written, 1);
        assert!(dir.path().join(".gitkeep").exists());
    }

    #[test]
    fn refuses_a_foreign_non_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let mut set = OutputSet::default();
        set.add("index.html", "x").unwrap();
        assert!(set.write(dir.path()).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("thesis.docx")).unwrap(),
            "precious"
        );
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
