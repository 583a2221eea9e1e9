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

/// Runs the `baocao` binary with arguments, in the site's language.
pub fn baocao(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env_remove("BAOCAO_LANG")
        .output()
        .unwrap()
}

/// Runs the `baocao` binary with arguments and `--lang language` (`vi` or `en`).
pub fn baocao_in(language: &str, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--lang", language]);
    baocao(&all)
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

/// Runs `baocao build SITE --out OUT --lang language`.
pub fn build_in(language: &str, site: &Path, out: &Path) -> Output {
    baocao_in(
        language,
        &[
            "build",
            site.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

/// Adds a top-level setting (e.g. `language = "en"`) at the start of a site's site.toml.
pub fn prepend_setting(site: &Path, line: &str) {
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(site.join("site.toml"), format!("{line}\n{toml}")).unwrap();
}

/// The national series of Statistics Canada's indicator 1.2.1 (per cent of persons below the
/// official poverty line) from the real Open SDG file in `tests/fixtures/real/`: the rows
/// without a disaggregation (empty "Persons in low income" and Geography, i.e. all persons in
/// Canada), as (year, value) in the file's order.
pub fn statcan_national_rows() -> Vec<(i32, f64)> {
    let path = fixture("real/ca_statcan_indicator_1-2-1.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (year, persons, geography, value) = (
        column("Year"),
        column("Persons in low income"),
        column("Geography"),
        column("Value"),
    );
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r[persons].is_empty() && r[geography].is_empty())
        .map(|r| (r[year].parse().unwrap(), r[value].parse().unwrap()))
        .collect()
}

/// A site in a temporary folder (`<tempdir>/site`) about Statistics Canada's indicator 1.2.1,
/// as a new user would make it: English, one area `canada`, the plan periods `periods` (TOML
/// `[[periods]]` tables), the indicator `poverty-rate` (`%`, down, one decimal, growth method)
/// with the target `target` (the TOML keys after `area` and `period`) due in `due`, and the
/// national rows converted to a long CSV, each with the `standard` cell `standard(year)`.
pub fn statcan_site(
    periods: &str,
    due: &str,
    target: &str,
    standard: impl Fn(i32) -> &'static str,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let content = site.join("content");
    std::fs::create_dir_all(content.join("indicators")).unwrap();
    std::fs::create_dir_all(content.join("data")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        format!(
            "title = \"Poverty in Canada\"\nbase_url = \"https://poverty.example.ca\"\nlanguage = \"en\"\n\n{periods}"
        ),
    )
    .unwrap();
    std::fs::write(
        content.join("areas.csv"),
        "id,name,parent,level\ncanada,Canada,,country\n",
    )
    .unwrap();
    std::fs::write(
        content.join("indicators/poverty-rate.md"),
        format!(
            "+++\ntitle = \"Population below the official poverty line\"\nunit = \"%\"\ndirection = \"down\"\ndecimals = 1\nprogress = \"growth\"\n\n[[targets]]\narea = \"canada\"\nperiod = \"{due}\"\n{target}\n+++\nStatistics Canada, indicator 1.2.1.\n"
        ),
    )
    .unwrap();
    let mut csv = String::from("indicator,area,period,value,standard\n");
    for (year, value) in statcan_national_rows() {
        csv.push_str(&format!(
            "poverty-rate,canada,{year},{value},{}\n",
            standard(year)
        ));
    }
    std::fs::write(content.join("data/poverty-rate.csv"), csv).unwrap();
    (dir, site)
}

/// `build SITE --out OUT`, as arguments.
pub fn build_args(site: &Path, out: &Path) -> Vec<String> {
    vec![
        "build".to_string(),
        site.to_str().unwrap().to_string(),
        "--out".to_string(),
        out.to_str().unwrap().to_string(),
    ]
}

/// Runs baocao with `args` in English and in Vietnamese: both fail with exit status 1, each
/// report holds its side of every `(English, Vietnamese)` pair of `lines`, and the two sides
/// of a pair name the same `path:line:col` (a Vietnamese side may be only the place and
/// `lỗi: `, for messages not in the catalogue yet). `hints` are pairs of parts of hint lines.
/// Returns the two reports.
pub fn in_both_languages(
    args: &[String],
    lines: &[(&str, &str)],
    hints: &[(&str, &str)],
) -> (String, String) {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = |language: &str| {
        let result = baocao_in(language, &args);
        let text = String::from_utf8_lossy(&result.stderr).into_owned();
        assert_eq!(result.status.code(), Some(1), "{text}");
        text
    };
    let (english, vietnamese) = (run("en"), run("vi"));
    let place = |line: &str| line.split(": ").next().unwrap().to_string();
    for (en, vi) in lines {
        assert_eq!(place(en), place(vi), "{en}");
        assert!(english.contains(en), "missing `{en}` in:\n{english}");
        assert!(vietnamese.contains(vi), "missing `{vi}` in:\n{vietnamese}");
    }
    for (en, vi) in hints {
        assert!(
            english.contains(&format!("hint: {en}")),
            "missing hint `{en}` in:\n{english}"
        );
        assert!(
            vietnamese.contains(&format!("gợi ý: {vi}")),
            "missing hint `{vi}` in:\n{vietnamese}"
        );
    }
    (english, vietnamese)
}
