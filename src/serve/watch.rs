//! Notices edits by polling: `site.toml`, `content/` and `themes/` are walked and each file's
//! modification time and size compared with the previous walk. Polling needs no platform
//! API, so it also works on network drives, WSL and container mounts where file events do not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What is known of a file: modification time and size.
type Stamp = (Option<SystemTime>, u64);

/// The watched files of a site and their stamps at the last walk.
pub struct Watcher {
    roots: Vec<PathBuf>,
    seen: BTreeMap<PathBuf, Stamp>,
}

impl Watcher {
    /// Watches the site at `site`, starting from how its files are now.
    pub fn new(site: &Path) -> Watcher {
        let roots = vec![
            site.join("site.toml"),
            site.join("content"),
            site.join("themes"),
        ];
        let seen = walk(&roots);
        Watcher { roots, seen }
    }

    /// Walks the files again; true when any was added, removed or changed since last time.
    pub fn changed(&mut self) -> bool {
        let now = walk(&self.roots);
        let changed = now != self.seen;
        self.seen = now;
        changed
    }
}

fn walk(roots: &[PathBuf]) -> BTreeMap<PathBuf, Stamp> {
    let mut seen = BTreeMap::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() || is_editor_scratch(entry.file_name()) {
                continue;
            }
            if let Ok(metadata) = entry.metadata() {
                seen.insert(
                    entry.into_path(),
                    (metadata.modified().ok(), metadata.len()),
                );
            }
        }
    }
    seen
}

/// Swap, backup and lock files editors write next to the file being edited: changing them
/// changes nothing in the site.
fn is_editor_scratch(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.ends_with('~')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_additions_edits_and_removals_only() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::create_dir_all(site.join("content/articles")).unwrap();
        std::fs::write(site.join("site.toml"), "title = \"a\"").unwrap();
        let mut watcher = Watcher::new(site);
        assert!(!watcher.changed());
        let article = site.join("content/articles/a.md");
        std::fs::write(&article, "one").unwrap();
        assert!(watcher.changed());
        assert!(!watcher.changed());
        std::fs::write(&article, "three").unwrap();
        assert!(watcher.changed());
        std::fs::write(site.join("content/articles/.a.md.swp"), "x").unwrap();
        std::fs::write(site.join("content/articles/a.md~"), "x").unwrap();
        std::fs::write(site.join("output.html"), "not watched").unwrap();
        assert!(!watcher.changed());
        std::fs::remove_file(&article).unwrap();
        assert!(watcher.changed());
        std::fs::write(site.join("site.toml"), "title = \"b\"").unwrap();
        assert!(watcher.changed());
    }
}
