//! The demo site in this repository builds cleanly, shows the real published figures, and has
//! no broken internal link.

mod common;

use std::path::Path;

use common::{baocao, read};

fn build_demo() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let root = env!("CARGO_MANIFEST_DIR");
    let result = baocao(&["build", root, "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    assert!(result.status.success(), "{stderr}");
    (dir, out, stderr)
}

/// The cells of the targets-table row of `area` on an indicator page, as plain text with all
/// white space (non-breaking spaces included) folded to single spaces; a tag separates words,
/// except `<wbr>` (a line-break opportunity inside a word).
fn target_row(page: &str, area: &str) -> String {
    let at = page
        .find(&format!(">{area}</a></td>"))
        .unwrap_or_else(|| panic!("no target row for {area}"));
    let start = page[..at].rfind("<tr>").unwrap();
    let end = at + page[at..].find("</tr>").unwrap();
    let row = page[start..end].replace("<wbr>", "");
    let mut text = String::new();
    let mut in_tag = false;
    for c in row.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_demo_builds_without_warnings_and_leaves_the_draft_out() {
    let (_dir, out, stderr) = build_demo();
    assert!(stderr.contains(" 0 cảnh báo"), "{stderr}");
    let list = read(&out, "tin-tuc/index.html");
    assert!(list.contains("class=\"card\""));
    assert!(
        !out.join("tin-tuc/tp-hue-chuan-bi-tong-ket-ke-hoach-672")
            .exists()
    );
    let feed = read(&out, "feed.xml");
    assert!(feed.matches("<entry>").count() >= 12);
}

#[test]
fn real_published_figures_and_their_progress() {
    let (_dir, out, _) = build_demo();
    let escaped = target_row(
        &read(&out, "chi-tieu/so-ho-thoat-ngheo/index.html"),
        "Quận Liên Chiểu",
    );
    assert!(
        escaped.contains("900 hộ")
            && escaped.contains("1.328 hộ (2013)")
            && escaped.contains("148 %")
            && escaped.contains("Đạt mục tiêu"),
        "{escaped}"
    );
    let trained = target_row(
        &read(&out, "chi-tieu/lao-dong-hoc-nghe/index.html"),
        "Quận 11",
    );
    assert!(
        trained.contains("206 người")
            && trained.contains("208 người (2020)")
            && trained.contains("Đạt mục tiêu"),
        "{trained}"
    );
    let income = target_row(
        &read(&out, "chi-tieu/thu-nhap-ho-ngheo/index.html"),
        "Quận 11",
    );
    assert!(
        income.contains("28.000.000 đồng/người/năm (2020)")
            && income.contains("36.400.000 đồng/người/năm (× 1,30)"),
        "{income}"
    );
    let rate = read(&out, "chi-tieu/ty-le-ho-ngheo/index.html");
    assert!(target_row(&rate, "Huyện Phú Lộc").contains("10,51 % (2015)"));
    // Phú Lộc has an income target but no income figures: it is in the targets table, with
    // no blank chart at the top of the page.
    let income_page = read(&out, "chi-tieu/thu-nhap-ho-ngheo/index.html");
    assert!(
        target_row(&income_page, "Huyện Phú Lộc")
            .contains("Chưa tính được chưa có số liệu gốc để so sánh")
    );
    assert_eq!(common::count(&income_page, "<figure class=\"chart\">"), 1);
    assert!(!income_page.contains("bc-empty"));
}

#[test]
fn every_internal_link_resolves() {
    let (_dir, out, _) = build_demo();
    let mut broken = Vec::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for attribute in ["href=\"", "src=\""] {
            for piece in html.split(attribute).skip(1) {
                let target = piece.split('"').next().unwrap_or("");
                if !target.starts_with('/') || target.starts_with("//") {
                    continue;
                }
                let path = target.split(['#', '?']).next().unwrap_or("");
                let file = if path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                checked += 1;
                if !Path::new(&out).join(file.trim_start_matches('/')).exists() {
                    broken.push(format!(
                        "{} → {target}",
                        entry.path().strip_prefix(&out).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
    assert!(
        broken.is_empty(),
        "{} broken links, e.g. {:?}",
        broken.len(),
        &broken[..broken.len().min(10)]
    );
}

#[test]
fn the_search_index_lists_articles_pages_indicators_and_areas() {
    let (_dir, out, _) = build_demo();
    let rows: Vec<[String; 5]> = serde_json::from_str(&read(&out, "tim-kiem/index.json")).unwrap();
    let by_kind = |prefix: &str| rows.iter().filter(|r| r[1].starts_with(prefix)).count();
    // 22 published articles (the draft is left out), 3 pages, 20 indicators, 16 areas.
    assert_eq!(
        (
            by_kind("/tin-tuc/"),
            by_kind("/chi-tieu/"),
            by_kind("/dia-ban/")
        ),
        (22, 20, 16)
    );
    assert_eq!(rows.len(), 22 + 3 + 20 + 16);
    let indicator = rows
        .iter()
        .find(|r| r[1] == "/chi-tieu/ty-le-ho-ngheo/")
        .expect("the indicator is searchable");
    assert_eq!(
        (indicator[0].as_str(), indicator[2].as_str()),
        ("Tỷ lệ hộ nghèo", "Chỉ tiêu · %")
    );
    assert!(indicator[4].contains("ty le ho ngheo"), "{indicator:?}");
    let area = rows.iter().find(|r| r[1] == "/dia-ban/phu-loc/").unwrap();
    assert_eq!(area[0], "Huyện Phú Lộc");
}
