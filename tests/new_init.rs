//! `baocao new article` and `baocao init`: the files they write, and that they never
//! overwrite anything.

mod common;

use std::fs;

use common::{baocao, site_copy};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn new_article_writes_a_dated_draft_and_refuses_to_overwrite_it() {
    let (_dir, site) = site_copy("basic");
    let site_arg = site.to_str().unwrap();
    let title = "Hội nghị tổng kết: \"giảm nghèo\" năm 2025";
    let first = baocao(&["new", "article", title, "--site", site_arg]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let year = baocao::content::date::DateTime::now().year;
    let relative = format!("content/articles/{year}/hoi-nghi-tong-ket-giam-ngheo-nam-2025.md");
    assert!(
        text(&first.stdout).contains(&relative),
        "{}",
        text(&first.stdout)
    );
    let written = fs::read_to_string(site.join(&relative)).unwrap();
    assert!(written.starts_with("+++\ntitle = "));
    let title_line: toml::Table = written.lines().nth(1).unwrap().parse().unwrap();
    assert_eq!(
        title_line["title"].as_str(),
        Some(title),
        "quotes in the title are escaped"
    );
    let date_line = written.lines().nth(2).unwrap();
    let date = date_line
        .strip_prefix("date = \"")
        .and_then(|d| d.strip_suffix('"'))
        .unwrap();
    let parsed = baocao::content::date::DateTime::parse(date).unwrap();
    assert_eq!((parsed.year, parsed.offset_minutes), (year, 420));
    assert!(date.ends_with("+07:00") && date.len() == 25, "{date}");
    assert!(written.contains("\ndraft = true"));
    assert!(written.contains("# category = \"ke-hoach\"  # một trong: ke-hoach, tin-hoat-dong"));
    for key in ["# summary", "# areas", "# indicators", "# tags", "# author"] {
        assert!(written.contains(&format!("\n{key} = ")), "{key}");
    }
    // The draft checks, and is published only with --drafts.
    let check = baocao(&["check", site_arg, "--drafts"]);
    assert!(check.status.success(), "{}", text(&check.stderr));

    fs::write(site.join(&relative), "my edits").unwrap();
    let second = baocao(&["new", "article", title, "--site", site_arg]);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        text(&second.stderr).contains("tệp này đã có; baocao không bao giờ ghi đè lên nó"),
        "{}",
        text(&second.stderr)
    );
    assert_eq!(
        fs::read_to_string(site.join(&relative)).unwrap(),
        "my edits"
    );

    let empty = baocao(&["new", "article", "!!!", "--site", site_arg]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(
        text(&empty.stderr).starts_with(
            "lỗi: tiêu đề `!!!` không có chữ cái hay chữ số nào để đặt tên tệp\n  gợi ý: ví dụ viết `baocao new article"
        ),
        "{}",
        text(&empty.stderr)
    );
    let no_site = baocao(&["new", "article", "Tin", "--site", "/nonexistent/baocao"]);
    assert_eq!(no_site.status.code(), Some(1));
    assert!(text(&no_site.stderr).contains("site.toml"));
}

#[test]
fn new_article_speaks_english_on_an_english_site() {
    let (_dir, site) = site_copy("basic");
    let settings = fs::read_to_string(site.join("site.toml")).unwrap();
    fs::write(
        site.join("site.toml"),
        format!("language = \"en\"\n{settings}"),
    )
    .unwrap();
    let result = baocao(&[
        "new",
        "article",
        "Tet gifts",
        "--site",
        site.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(text(&result.stdout).starts_with("Created "));
    let year = baocao::content::date::DateTime::now().year;
    let written =
        fs::read_to_string(site.join(format!("content/articles/{year}/tet-gifts.md"))).unwrap();
    assert!(written.contains("# one of: ke-hoach, tin-hoat-dong"));
}

#[test]
fn init_makes_a_site_that_checks_and_builds_and_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("moi");
    let site_arg = site.to_str().unwrap();
    let result = baocao(&["init", site_arg]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let year = baocao::content::date::DateTime::now().year;
    for file in [
        "site.toml".to_string(),
        format!("content/articles/{year}/chao-mung.md"),
        "content/pages/gioi-thieu.md".to_string(),
        "content/areas.csv".to_string(),
        "content/indicators/ty-le-ho-ngheo.md".to_string(),
        "content/data/ty-le-ho-ngheo.csv".to_string(),
    ] {
        assert!(site.join(&file).is_file(), "{file}");
    }
    let data = fs::read_to_string(site.join("content/data/ty-le-ho-ngheo.csv")).unwrap();
    assert!(data.starts_with("indicator,area,period,value,note,source\n"));

    let check = baocao(&["check", site_arg]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    let out = dir.path().join("out");
    let build = baocao(&["build", site_arg, "--out", out.to_str().unwrap()]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("Chào mừng đến với trang thông tin giảm nghèo bền vững"));
    assert!(out.join("gioi-thieu/index.html").is_file());
    assert!(
        !home.contains("__baocao"),
        "build output has no preview script"
    );

    let again = baocao(&["init", site_arg]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("thư mục này không trống"));
}
