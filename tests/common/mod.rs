//! Helpers shared by the integration tests: copying fixture sites into temporary folders,
//! running the real binary, and reading what a build wrote.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The fixture folder `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a folder tree (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of fixture `name`; the site is at `<tempdir>/site`.
pub fn site_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture(name), &site);
    (dir, site)
}

/// Runs the `baocao` binary with arguments.
pub fn baocao(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .output()
        .unwrap()
}

/// Reads an output file as text.
pub fn read(out: &Path, relative: &str) -> String {
    std::fs::read_to_string(out.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every file of the site under `dir` with its bytes, sorted by path (baocao's own
/// bookkeeping, `.baocao-*`, is not part of the site and is left out).
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with(".baocao-")
        })
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Builds a temporary copy of fixture `name` into `<tempdir>/out`; asserts success and
/// returns the folder, the output path and what the build printed.
pub fn build_fixture(name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let (dir, site) = site_copy(name);
    let out = dir.path().join("out");
    let stderr = build_ok(&site, &out);
    (dir, out, stderr)
}

/// Runs `baocao build SITE --out OUT`, asserts that it succeeded, and returns what it printed.
pub fn build_ok(site: &Path, out: &Path) -> String {
    let result = build_into(site, out);
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    assert!(result.status.success(), "{stderr}");
    stderr
}

/// Runs `baocao build SITE --out OUT`.
pub fn build_into(site: &Path, out: &Path) -> Output {
    baocao(&[
        "build",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Adds a top-level setting (e.g. `language = "en"`) at the start of a site's site.toml.
pub fn prepend_setting(site: &Path, line: &str) {
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(site.join("site.toml"), format!("{line}\n{toml}")).unwrap();
}
