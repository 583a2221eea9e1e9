//! Inputs the fuzz targets (`fuzz/`) found, each with the outcome it must have. Every input
//! is the one libFuzzer reported (minimised where that kept it readable).

use baocao::language::Language;
use std::path::Path;

use baocao::content::{DocumentKind, Known, parse_document, shortcodes};
use baocao::diagnostics::Diagnostic;

fn known() -> Known<'static> {
    Known {
        categories: &["ke-hoach", "tin-hoat-dong"],
        areas: &["quan-11", "phu-loc", "lien-chieu"],
        periods: &["2016-2020", "2021-2025"],
        indicators: &["ty-le-ho-ngheo", "so-ho-ngheo"],
    }
}

fn parse(text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let document = parse_document(
        text,
        Path::new("content/articles/2024/a.md"),
        DocumentKind::Article,
        &known(),
        &mut problems,
    );
    assert!(document.is_none() || problems.iter().all(|p| !p.is_error()));
    problems
}

/// fuzz target `markdown`: a YAML error after lone `\r` characters was placed by YAML's own
/// line count (which counts each `\r` as a line) on line 51 of a 9-line file.
#[test]
fn yaml_error_after_lone_carriage_returns_is_on_a_line_of_the_file() {
    let text = "---\ntitle: Giới thiệu\ncategory: ke-hoac\nareas: [quan-12]\nimage:\r\r\r\r\r\r\r\r\r\r\r\r\r$\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r a.jpg\naliases: [\"/..../etc/passwd\", \"/a/./b\"]\n---\n# Giới th\nu";
    let problems = parse(text);
    let texts: Vec<String> = problems.iter().map(|p| p.text(Language::En)).collect();
    let shown: Vec<(usize, usize, &str)> = problems
        .iter()
        .zip(&texts)
        .map(|(p, text)| (p.line, p.col, text.as_str()))
        .collect();
    // Line 6 is `aliases: …`, where the parser gave up looking for the `:` of the key `$`.
    assert_eq!(shown, [(6, 1, "could not find expected ':'")]);
}

/// The same fix must keep YAML columns in characters, after Vietnamese letters.
#[test]
fn yaml_error_columns_count_characters() {
    let problems = parse("---\ntitle: Hội nghị: tổng kết\ndate: 2024-01-01\n---\nBody\n");
    let shown: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.col)).collect();
    assert_eq!(shown, [(2, 16)], "{problems:?}");
}

/// Many headings with the same text (here 10,000 empty `#` lines, 20 KB) each got their id by
/// trying `muc`, `muc-1`, `muc-2`, … against every id so far: cubic time, minutes for one
/// file. Ids are now found in constant time each.
#[test]
fn many_identical_headings_get_their_ids_quickly() {
    let text = "#\n".repeat(10_000);
    let started = std::time::Instant::now();
    let rendered = baocao::content::markdown::render(&text);
    let elapsed = started.elapsed();
    assert_eq!(rendered.anchors.len(), 10_000);
    assert_eq!(rendered.anchors[0], "muc");
    assert_eq!(rendered.anchors[9_999], "muc-9999");
    assert!(elapsed.as_secs() < 5, "{elapsed:?}");
    // Given ids and made ones share the numbering, as before.
    let rendered = baocao::content::markdown::render(
        "## Mục tiêu\n\n## Mục tiêu {#muc-tieu-1}\n\n## Mục tiêu\n\n## Mục tiêu\n",
    );
    assert_eq!(
        rendered.anchors,
        ["muc-tieu", "muc-tieu-1", "muc-tieu-2", "muc-tieu-3"]
    );
}

/// One long line with many backticks before a shortcode: each backtick searched the rest of
/// the line for `{{` again (quadratic). Now only the text up to the next backtick is searched.
#[test]
fn a_long_line_of_backticks_is_scanned_once() {
    let line = format!(
        "Xem {} {{{{ value(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\", period=\"2020\") }}}}\n",
        "`".repeat(300_000)
    );
    let started = std::time::Instant::now();
    let mut problems = Vec::new();
    let (_, found) = shortcodes::extract(&line, 3, Path::new("a.md"), &mut problems);
    let elapsed = started.elapsed();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        found.iter().map(|c| (c.line, c.col)).collect::<Vec<_>>(),
        [(3, 300_006)]
    );
    assert!(elapsed.as_secs() < 2, "{elapsed:?}");
}

/// One long line of many calls: each call's column was counted from the start of the line.
#[test]
fn columns_of_many_calls_on_one_line_are_counted_once() {
    let line = "đ {{ chrat() }}".repeat(50_000);
    let started = std::time::Instant::now();
    let mut problems = Vec::new();
    let (out, found) = shortcodes::extract(&line, 1, Path::new("a.md"), &mut problems);
    let elapsed = started.elapsed();
    assert!(found.is_empty());
    assert_eq!(out, line);
    assert_eq!(problems.len(), 50_000);
    assert_eq!((problems[0].line, problems[0].col), (1, 3));
    assert_eq!(
        (problems[49_999].line, problems[49_999].col),
        (1, 49_999 * 15 + 3)
    );
    assert!(elapsed.as_secs() < 2, "{elapsed:?}");
}
