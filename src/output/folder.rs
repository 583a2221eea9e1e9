//! The output folder: the names baocao keeps in it, and the check that it is not the site.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Id};

/// Marks a folder as baocao's own, so a mistyped `--out` never deletes someone's files.
pub const MARKER: &str = ".baocao-output";
/// A placeholder that keeps an empty output folder in git; it is left alone.
pub(super) const PLACEHOLDER: &str = ".gitkeep";
/// The parsed documents of the last build (see [`crate::cache::LoadCache::read`]).
pub const CACHE: &str = ".baocao-cache";

/// Checks that `out` is neither the site folder, nor its `content/`, nor a folder above them,
/// nor inside `content/` or `themes/`. Paths are compared after resolving `..` and links.
/// A site folder that cannot be opened is reported at the site, a wrong output folder at `out`.
pub fn check_out_folder(site: &Path, out: &Path) -> Result<(), Diagnostic> {
    let given = out;
    let refused = |problem: Diagnostic| Err(problem.at(given, 0, 0).with_hint(Id::OtherOutHint));
    let site = fs::canonicalize(site).map_err(|e| {
        Diagnostic::error(site, 0, 0, Id::SiteFolderUnopenable)
            .arg("folder", site.display())
            .io_reason(&e)
            .with_hint(Id::SiteUnreadableHint)
    })?;
    let out = resolve(out);
    let content = site.join("content");
    if site.starts_with(&out) {
        return refused(Diagnostic::unplaced(Id::OutIsSiteFolder).arg("out", out.display()));
    }
    for protected in [content, site.join("themes")] {
        if out.starts_with(&protected) || protected.starts_with(&out) {
            return refused(
                Diagnostic::unplaced(Id::OutInsideProtected)
                    .arg("out", out.display())
                    .arg("protected", protected.display())
                    .arg("suggested", site.join("output").display()),
            );
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
