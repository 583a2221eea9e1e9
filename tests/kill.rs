//! Atomic publishing: a build killed with SIGKILL at any moment (while it loads, renders,
//! stages or moves files into place) leaves an output folder that the next build repairs
//! completely: the result equals a clean build, byte for byte.
#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{site_copy, snapshot};

/// The basic fixture with `n` more articles, so that a build has many files to write.
fn big_site(n: usize) -> (tempfile::TempDir, PathBuf) {
    let (dir, site) = site_copy("basic");
    let folder = site.join("content/articles/nhieu");
    fs::create_dir_all(&folder).unwrap();
    for i in 0..n {
        fs::write(
            folder.join(format!("bai-{i}.md")),
            format!(
                "+++\ntitle = \"Bài số {i} về giảm nghèo\"\ndate = \"2023-{:02}-{:02}\"\ntags = [\"thẻ {}\"]\n+++\nHộ nghèo được hỗ trợ vay vốn và học nghề. Bài số {i}.\n",
                1 + i % 12,
                1 + i % 28,
                i % 7
            ),
        )
        .unwrap();
    }
    (dir, site)
}

/// Changes every generated article, so that the next build rewrites most pages.
fn edit_all(site: &Path, round: usize) {
    for entry in fs::read_dir(site.join("content/articles/nhieu")).unwrap() {
        let path = entry.unwrap().path();
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(&format!("\nCập nhật lần {round}.\n"));
        fs::write(&path, text).unwrap();
    }
}

/// Starts a build and kills it with SIGKILL after `delay`.
fn build_killed_after(site: &Path, out: &Path, delay: Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args([
            "build",
            site.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_build_killed_at_any_moment_is_repaired_by_the_next() {
    let (dir, site) = big_site(600);
    let out = dir.path().join("out");
    let fresh = dir.path().join("fresh");
    // Killed during a first build into an empty folder, then while rebuilding a full one.
    build_killed_after(&site, &out, Duration::from_millis(40));
    common::build_ok(&site, &out);
    for (round, millis) in [3, 10, 20, 35, 50, 70, 100, 140, 200, 300]
        .into_iter()
        .enumerate()
    {
        edit_all(&site, round);
        build_killed_after(&site, &out, Duration::from_millis(millis));
        common::build_ok(&site, &out);
        common::build_ok(&site, &fresh);
        assert!(
            snapshot(&out) == snapshot(&fresh),
            "killed after {millis} ms, the next build did not repair the output"
        );
        assert!(!out.join(".baocao-staging").exists());
        fs::remove_dir_all(&fresh).unwrap();
    }
}
