//! Paths: no slug, alias, tag, category, id or file name can make baocao write outside its
//! output folder, and links in `content/` that lead outside the site are refused. A file beside
//! the output folder, and everything else around it, survives every build.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::site_copy;

/// Every path under `dir` except the site and output folders, with its bytes.
fn surroundings(dir: &Path) -> BTreeSet<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !matches!(e.file_name().to_str(), Some("site" | "out")))
        .filter_map(Result::ok)
        .map(|e| {
            let bytes = if e.file_type().is_file() {
                fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.path().to_path_buf(), bytes)
        })
        .collect()
}

#[test]
fn hostile_names_stay_inside_the_output_folder() {
    let (dir, site) = site_copy("basic");
    fs::write(dir.path().join("sentinel.txt"), "beside the output").unwrap();
    let long_title = "Giảm nghèo ".repeat(200);
    fs::write(
        site.join("content/articles/ten-doc-hai.md"),
        format!(
            "+++\ntitle = \"{long_title}\"\ndate = \"2024-06-01\"\ntags = [\"../../../etc\", \"..\\\\..\\\\windows\", \"/tuyet-doi\", \"a\\u0000b\", \"{}\"]\n+++\nNội dung.\n",
            "x".repeat(400)
        ),
    )
    .unwrap();
    fs::write(
        site.join("content/articles/slug-doc-hai.md"),
        "+++\ntitle = \"Slug\"\ndate = \"2024-06-02\"\nslug = \"../../thoat-ra\"\n+++\nNội dung.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let before = surroundings(dir.path());
    let result = common::build_in("en", &site, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(before, surroundings(dir.path()), "nothing outside changed");
    for tag in ["etc", "windows", "tuyet-doi", "a-b"] {
        assert!(
            out.join("the").join(tag).join("index.html").exists(),
            "{tag}"
        );
    }
    assert!(out.join("tin-tuc/thoat-ra/index.html").exists());
    let long = fs::read_dir(out.join("tin-tuc"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().len())
        .max()
        .unwrap();
    assert!(long <= 100, "slugs are cut to a usable length ({long})");
}

#[test]
fn unsafe_names_are_errors_that_name_their_file() {
    let (dir, site) = site_copy("basic");
    let out = dir.path().join("out");
    assert!(common::build_in("en", &site, &out).status.success());
    let before = common::snapshot(&out);
    let around = surroundings(dir.path());
    fs::write(
        site.join("content/articles/bi-danh.md"),
        "+++\ntitle = \"Bí danh\"\ndate = \"2024-06-01\"\naliases = [\"/C:\\\\Windows\\\\win.ini\", \"/a\\u0000b\"]\n+++\n",
    )
    .unwrap();
    let result = common::build_in("en", &site, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    for expected in [
        "content/articles/bi-danh.md:4:11: error: alias `/C:\\\\Windows\\\\win.ini` contains characters that cannot be part of a file name",
        "content/articles/bi-danh.md:4:11: error: alias `/a\\0b` contains characters that cannot be part of a file name",
    ] {
        assert!(stderr.contains(expected), "no `{expected}` in:\n{stderr}");
    }
    assert_eq!(before, common::snapshot(&out));
    // A file name that cannot be a path on every system.
    fs::remove_file(site.join("content/articles/bi-danh.md")).unwrap();
    fs::create_dir_all(site.join("content/static/tep")).unwrap();
    fs::write(site.join("content/static/tep/ke\\hoach.pdf"), "%PDF").unwrap();
    let result = common::build_in("en", &site, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    let expected =
        "content/static/tep/ke\\hoach.pdf:0:0: error: refusing to write to an unsafe path";
    assert!(stderr.contains(expected), "no `{expected}` in:\n{stderr}");
    assert_eq!(before, common::snapshot(&out));
    assert_eq!(around, surroundings(dir.path()));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_site_are_refused_and_links_within_are_followed() {
    let (dir, site) = site_copy("basic");
    let secret = dir.path().join("bi-mat.md");
    fs::write(
        &secret,
        "+++\ntitle = \"Bí mật\"\ndate = \"2024-01-01\"\n+++\nKhông được đăng.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, site.join("content/articles/lien-ket.md")).unwrap();
    fs::write(
        dir.path().join("so-lieu.csv"),
        "indicator,area,period,value\n",
    )
    .unwrap();
    fs::create_dir_all(site.join("content/data")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("so-lieu.csv"),
        site.join("content/data/ngoai.csv"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let result = common::build_in("en", &site, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    for link in ["content/articles/lien-ket.md", "content/data/ngoai.csv"] {
        assert!(
            stderr.contains(&format!("{link}:0:0: error: this link points outside the site folder, so it is not published")),
            "{stderr}"
        );
    }
    assert!(!out.exists(), "nothing was written");

    // A link to a file inside the site is published like the file.
    fs::remove_file(site.join("content/articles/lien-ket.md")).unwrap();
    fs::remove_file(site.join("content/data/ngoai.csv")).unwrap();
    fs::copy(&secret, site.join("goc.md")).unwrap();
    std::os::unix::fs::symlink(
        site.join("goc.md"),
        site.join("content/articles/lien-ket.md"),
    )
    .unwrap();
    let result = common::build_in("en", &site, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(out.join("tin-tuc/bi-mat/index.html").exists());
}
