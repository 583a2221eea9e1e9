//! `baocao init DIR`: a minimal site (settings, an article, a page, areas, an indicator with
//! a target and its data) that builds and serves at once. The files are under `skeleton/`.

use std::path::{Path, PathBuf};

use super::files::{ScaffoldError, create_file, fill};
use crate::content::date::DateTime;
use crate::diagnostics::{Diagnostic, Id};

/// The starter site: path (with `{{year}}` for the current year) and text (with `{{date}}`).
const SKELETON: &[(&str, &str)] = &[
    ("site.toml", include_str!("skeleton/site.toml")),
    (
        "content/articles/{{year}}/chao-mung.md",
        include_str!("skeleton/content/articles/chao-mung.md"),
    ),
    (
        "content/pages/gioi-thieu.md",
        include_str!("skeleton/content/pages/gioi-thieu.md"),
    ),
    (
        "content/areas.csv",
        include_str!("skeleton/content/areas.csv"),
    ),
    (
        "content/indicators/ty-le-ho-ngheo.md",
        include_str!("skeleton/content/indicators/ty-le-ho-ngheo.md"),
    ),
    (
        "content/data/ty-le-ho-ngheo.csv",
        include_str!("skeleton/content/data/ty-le-ho-ngheo.csv"),
    ),
];

/// Writes the starter site into `dir`, which must be missing or empty; the welcome article
/// is dated `now`. Returns the files written, relative to `dir`.
pub fn init(dir: &Path, now: DateTime) -> Result<Vec<PathBuf>, ScaffoldError> {
    let refuse = |message: Id| {
        ScaffoldError::Refused(vec![
            Diagnostic::error(dir, 0, 0, message).with_hint(Id::InitRefusedHint),
        ])
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|_| refuse(Id::InitNotFolder))?;
        if entries.next().is_some() {
            return Err(refuse(Id::InitNotEmpty));
        }
    }
    let year = now.year.to_string();
    let date = now.rfc3339();
    let values = [("year", year.as_str()), ("date", date.as_str())];
    let mut written = Vec::with_capacity(SKELETON.len());
    for (path, text) in SKELETON {
        let relative = PathBuf::from(fill(path, &values));
        let path = dir.join(&relative);
        create_file(&path, &fill(text, &values))?;
        written.push(relative);
    }
    Ok(written)
}
