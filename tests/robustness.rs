//! Robustness: thousands of deterministic pseudo-random inputs built from the characters
//! and tokens that matter to the parsers (fences, quotes, shortcodes, diacritics, BOM, NUL,
//! CRLF, separators) go through every parser and a whole `check`; none may panic.

use baocao::config::NumberFormat;
use baocao::content::{DocumentKind, Known, markdown, parse_document, shortcodes};
use baocao::data::numbers::parse_number;
use baocao::data::period::Period;
use std::path::Path;

/// A small deterministic generator, so a failure is reproducible.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn parsers_never_panic() {
    let pieces = [
        "+++",
        "---",
        "\n",
        "title = \"đ\"",
        "date = 2017-01-18",
        "date: 2017-02-30",
        "{{",
        "}}",
        "chart(",
        "indicator=\"a\"",
        ")",
        "`",
        "```",
        "ă",
        "Ỗ",
        "\r\n",
        "[",
        "]",
        "(",
        "/x/#y",
        "![",
        "#",
        "## ",
        "|",
        "-",
        ":",
        "\"",
        "'",
        "\u{E000}",
        "\u{E001}",
        "[^1]",
        "~~",
        "1.234,5",
        "2020-Q5",
        "..",
        ";",
        ",",
        "\0",
        "\u{feff}",
        "areas = [\"x\"]",
        "category: k",
        "slug = \"../..\"",
        "aliases = [\"/a/../b\"]",
    ];
    let mut rng = Lcg(7);
    let known = Known {
        categories: &["k"],
        areas: &["x"],
        periods: &["2016-2020"],
        indicators: &["a"],
    };
    for _ in 0..20000 {
        let n = (rng.next() % 30) as usize;
        let text: String = (0..n)
            .map(|_| pieces[(rng.next() as usize) % pieces.len()])
            .collect::<Vec<_>>()
            .join(if rng.next() % 2 == 0 { "" } else { " " });
        let mut problems = Vec::new();
        let _ = parse_document(
            &text,
            Path::new("a.md"),
            DocumentKind::Article,
            &known,
            &mut problems,
        );
        let _ = shortcodes::extract(&text, 1, Path::new("a.md"), &mut problems);
        let _ = markdown::render(&text);
        let _ = Period::read(&text);
        let _ = parse_number(&text, NumberFormat::Vi);
        let _ = parse_number(&text, NumberFormat::Plain);
        let _ = baocao::content::date::DateTime::parse(&text);
        let _ = baocao::config::parse(&text, Path::new("site.toml"));
        let _ = baocao::data::indicator_files::parse_identity(&text);
        let _ = baocao::data::areas::parse(&text, Path::new("a.csv"), &mut problems);
    }
}

#[test]
fn a_site_with_random_csv_data_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    for entry in
        walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats"))
    {
        let entry = entry.unwrap();
        let target = site.join(
            entry
                .path()
                .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats"))
                .unwrap(),
        );
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let pieces = [
        "indicator",
        "area",
        "period",
        "value",
        "note",
        "standard",
        "loai",
        ",",
        ";",
        "\"",
        "\n",
        "\r\n",
        "ty-le-ho-ngheo",
        "phu-loc",
        "2020",
        "2020-Q3",
        "1.234,5",
        "..",
        "-",
        "ă",
        "\u{feff}",
        "\0",
        "so-ho-ngheo",
        "lien-chieu",
        "x",
        "\"a,b\"",
        "1e5",
        "-0",
    ];
    let mut rng = Lcg(11);
    for _ in 0..400 {
        let n = (rng.next() % 60) as usize;
        let text: String = (0..n)
            .map(|_| pieces[(rng.next() as usize) % pieces.len()])
            .collect();
        std::fs::write(site.join("content/data/random.csv"), text).unwrap();
        let _ = baocao::check(&site, &baocao::BuildOptions::default());
    }
}
