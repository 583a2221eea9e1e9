//! Incremental builds give exactly what a clean build gives: a series of pseudo-random edits
//! to a copy of the demo site (article text and titles, new and deleted articles, CSV values,
//! targets, site settings, templates) is built after each edit both incrementally (into the
//! same output folder, and in memory as the preview does) and from scratch, and the results
//! are compared byte for byte. Single edits also write only the files they affect.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use baocao::model::SiteCache;
use baocao::output::{MemorySink, SiteFiles};
use baocao::{BuildOptions, BuildReport};
use common::{copy_dir, snapshot};

/// A copy of the demo site (the repository root) in a temporary folder.
fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir_all(&site).unwrap();
    fs::copy(root.join("site.toml"), site.join("site.toml")).unwrap();
    copy_dir(&root.join("content"), &site.join("content"));
    copy_dir(&root.join("themes"), &site.join("themes"));
    (dir, site)
}

fn build(site: &Path, out: &Path) -> BuildReport {
    let options = BuildOptions {
        out: Some(out.to_path_buf()),
        ..BuildOptions::default()
    };
    baocao::build(site, &options).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
}

/// Renders in memory like the preview: with the load cache and the previous files.
fn render_in_memory(
    site: &Path,
    cache: Option<&SiteCache>,
    previous: Option<Arc<SiteFiles>>,
) -> SiteFiles {
    let options = BuildOptions::default();
    let mut loaded = baocao::prepare(site, &options, cache).unwrap();
    let sink = MemorySink::new(previous);
    baocao::render(&mut loaded, &options, &sink).unwrap();
    sink.finish()
}

fn same_files(a: &SiteFiles, b: &SiteFiles) -> Result<(), String> {
    let paths_a: Vec<&str> = a.paths().collect();
    let paths_b: Vec<&str> = b.paths().collect();
    if paths_a != paths_b {
        return Err(format!("different files: {paths_a:?} vs {paths_b:?}"));
    }
    for path in paths_a {
        if a.get(path) != b.get(path) {
            return Err(format!("{path} differs"));
        }
    }
    Ok(())
}

/// A small deterministic generator, so that a failing sequence can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn articles(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

fn replace_once(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Makes edit number `n` of a kind chosen by `random`; returns what it did.
fn edit(site: &Path, n: usize, random: &mut Random) -> String {
    let list = articles(site);
    let article = &list[random.below(list.len())];
    match random.below(9) {
        0 => {
            let mut text = fs::read_to_string(article).unwrap();
            text.push_str(&format!("\n\nĐoạn bổ sung số {n} về kết quả giảm nghèo.\n"));
            fs::write(article, text).unwrap();
            format!("appended to {}", article.display())
        }
        1 => {
            let text = fs::read_to_string(article).unwrap();
            let line = text.lines().find(|l| l.starts_with("title")).unwrap();
            let edited = line.trim_end().trim_end_matches('"').to_string() + &format!(" – {n}\"");
            let edited = if line.contains(": ") && !line.contains(": \"") {
                format!("{} – {n}", line.trim_end())
            } else {
                edited
            };
            fs::write(article, text.replacen(line, &edited, 1)).unwrap();
            format!("retitled {}", article.display())
        }
        2 => {
            let path = site.join(format!("content/articles/2024/bai-moi-{n}.md"));
            fs::write(
                &path,
                format!(
                    "+++\ntitle = \"Bài mới số {n} về giảm nghèo\"\ndate = \"2024-0{}-1{}\"\ncategory = \"tin-hoat-dong\"\ntags = [\"giảm nghèo\", \"thẻ {n}\"]\nareas = [\"quan-11\"]\nindicators = [\"ty-le-ho-ngheo\"]\n+++\nNội dung bài số {n}.\n",
                    1 + n % 9,
                    n % 10
                ),
            )
            .unwrap();
            format!("added {}", path.display())
        }
        3 => {
            fs::remove_file(article).unwrap();
            format!("deleted {}", article.display())
        }
        8 => {
            // Tags feed the tag pages, the cards' neighbours and the search index.
            let text = fs::read_to_string(article).unwrap();
            let line = text.lines().find(|l| l.starts_with("tags")).unwrap();
            let tags = if line.starts_with("tags:") {
                format!("tags: [thẻ sửa {n}, giảm nghèo]")
            } else {
                format!("tags = [\"thẻ sửa {n}\", \"giảm nghèo\"]")
            };
            fs::write(article, text.replacen(line, &tags, 1)).unwrap();
            format!("retagged {}", article.display())
        }
        4 => {
            let path = site.join("content/data/phu-loc.csv");
            let text = fs::read_to_string(&path).unwrap();
            let line = text.lines().nth(1 + random.below(4)).unwrap().to_string();
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            let value: f64 = cells[3].parse().unwrap();
            cells[3] = format!("{:.2}", value + 0.37);
            fs::write(&path, text.replacen(&line, &cells.join(","), 1)).unwrap();
            format!("changed a value in {}", path.display())
        }
        5 => {
            let path = site.join("content/indicators/ty-le-ho-ngheo.md");
            let text = fs::read_to_string(&path).unwrap();
            let line = text.lines().find(|l| l.starts_with("value = ")).unwrap();
            let value: f64 = line["value = ".len()..].parse().unwrap();
            fs::write(
                &path,
                text.replacen(line, &format!("value = {:.2}", value - 0.11), 1),
            )
            .unwrap();
            format!("changed a target in {}", path.display())
        }
        6 => {
            let path = site.join("site.toml");
            replace_once(&path, "title = \"", &format!("title = \"{n} "));
            "changed the site title".to_string()
        }
        _ => {
            let path = site.join("themes/default/templates/404.html");
            replace_once(
                &path,
                "{% block main %}",
                &format!("{{% block main %}}<!-- sửa {n} -->"),
            );
            format!("edited {}", path.display())
        }
    }
}

#[test]
fn incremental_builds_equal_clean_builds_after_random_edits() {
    let (dir, site) = demo_copy();
    let out = dir.path().join("out");
    build(&site, &out);
    let cache = SiteCache::default();
    let mut previous = Some(Arc::new(render_in_memory(&site, Some(&cache), None)));
    let mut random = Random(0x5eed_ba0c);
    for n in 0..24 {
        let what = edit(&site, n, &mut random);
        eprintln!("edit {n}: {what}");
        build(&site, &out);
        let fresh = dir.path().join(format!("fresh-{n}"));
        build(&site, &fresh);
        assert!(
            snapshot(&out) == snapshot(&fresh),
            "after edit {n} ({what}) the incremental build differs from a clean one"
        );
        fs::remove_dir_all(&fresh).unwrap();
        let incremental = render_in_memory(&site, Some(&cache), previous.take());
        let clean = render_in_memory(&site, None, None);
        if let Err(difference) = same_files(&incremental, &clean) {
            panic!("after edit {n} ({what}) the preview differs from a clean build: {difference}");
        }
        previous = Some(Arc::new(incremental));
    }
}

/// Builds and returns the report with the files whose bytes changed (or that are new).
fn build_and_diff(site: &Path, out: &Path) -> (BuildReport, Vec<String>) {
    let before = snapshot(out);
    let report = build(site, out);
    let changed = snapshot(out)
        .into_iter()
        .filter(|(path, bytes)| !before.iter().any(|(p, b)| p == path && b == bytes))
        .map(|(path, _)| path.display().to_string())
        .collect();
    (report, changed)
}

/// Replaces `from` by `to` (which adds an HTML comment) in one of the default theme's
/// templates, rebuilds, and checks that exactly the files that contain `part` (at least
/// `at_least` of them) were rendered and changed, each showing the comment once per `part`.
fn edit_shared_template(
    site: &Path,
    out: &Path,
    (template, from, to): (&str, &str, &str),
    part: &str,
    at_least: usize,
) {
    replace_once(
        &site.join("themes/default/templates").join(template),
        from,
        to,
    );
    let comment = &to[to.find("<!--").unwrap()..=to.find("-->").unwrap() + 2];
    let (report, changed) = build_and_diff(site, out);
    assert_eq!(report.rendered, changed.len(), "{changed:?}");
    let showing: Vec<String> = snapshot(out)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(part))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(showing.len() >= at_least, "{template}: {showing:?}");
    assert_eq!(changed, showing, "{template}");
    for page in &changed {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert_eq!(
            html.matches(comment).count(),
            html.matches(part).count(),
            "{template}: {page}"
        );
    }
}

#[test]
fn an_edit_writes_only_the_files_it_affects() {
    let (dir, site) = demo_copy();
    let out = dir.path().join("out");
    let first = build(&site, &out);
    assert_eq!(first.written, first.files);
    let unchanged = build(&site, &out);
    assert_eq!(
        (unchanged.written, unchanged.deleted, unchanged.rendered),
        (0, 0, 0)
    );

    // A sentence added at the end of an article: only its page changes.
    let article = site.join("content/articles/2019/quan-11-van-dong-nguoi-dan-mua-the-bhyt.md");
    let mut text = fs::read_to_string(&article).unwrap();
    text.push_str("\nMột câu mới ở cuối bài.\n");
    fs::write(&article, text).unwrap();
    let (report, changed) = build_and_diff(&site, &out);
    assert_eq!((report.rendered, report.written), (1, 1), "{changed:?}");
    assert!(
        fs::read_to_string(out.join(&changed[0]))
            .unwrap()
            .contains("Một câu mới ở cuối bài.")
    );

    // A template used by one page re-renders only that page.
    let template = site.join("themes/default/templates/404.html");
    replace_once(
        &template,
        "{% block main %}",
        "{% block main %}<!-- đã sửa -->",
    );
    let (report, changed) = build_and_diff(&site, &out);
    assert_eq!(changed, ["404.html"]);
    assert_eq!(report.rendered, 1);

    // The series table template: the pages that show series tables (indicator pages, with the
    // table of each top-level area, and the page of each indicator in each area) and nothing
    // else; each of their tables shows it.
    let template = site.join("themes/default/templates/series_table.html");
    let mut text = fs::read_to_string(&template).unwrap();
    text.push_str("<!-- bảng -->");
    fs::write(&template, text).unwrap();
    let (report, changed) = build_and_diff(&site, &out);
    assert_eq!(report.rendered, changed.len(), "{changed:?}");
    for page in &changed {
        assert!(page.starts_with("chi-tieu/"), "{changed:?}");
        let html = fs::read_to_string(out.join(page)).unwrap();
        let tables = html.matches("<!-- bảng -->").count();
        // Indicator pages: one per top-level area's section with values (comparisons are
        // tables of their own, and an area with a target but no value yet has no table); the
        // page of an indicator in an area: its one table.
        let sections = match page.matches('/').count() {
            2 => html.matches("aria-labelledby=\"db-").count(),
            _ => 1,
        };
        assert!(
            (1..=sections).contains(&tables),
            "{page}: {tables} of {sections}"
        );
    }
    for expected in [
        "chi-tieu/ty-le-ho-ngheo/index.html",
        "chi-tieu/ty-le-ho-ngheo/phu-loc/index.html",
    ] {
        assert!(
            changed.iter().any(|c| c == expected),
            "{expected} in {changed:?}"
        );
    }

    // The site footer, rendered once per build: every page with the site's layout changes,
    // showing the edit once, and no other file.
    edit_shared_template(
        &site,
        &out,
        ("footer.html", "</footer>", "<!-- chân trang --></footer>"),
        "<footer class=\"site-footer\">",
        100,
    );
    // What cards show under their titles, rendered once per article: every page with a card
    // list changes, each card showing the edit, and no other file (not the article pages,
    // whose related articles are not cards, nor the feed).
    edit_shared_template(
        &site,
        &out,
        (
            "card.html",
            "<p class=\"summary\">",
            "<p class=\"summary\"><!-- thẻ -->",
        ),
        "<article class=\"card\">",
        20,
    );

    // A new CSV value: the indicator's pages, charts and data change, and of the articles
    // only the one whose shortcodes show that series.
    let csv = site.join("content/data/phu-loc.csv");
    let text = fs::read_to_string(&csv).unwrap();
    fs::write(
        &csv,
        text.replacen("phu-loc,2017,7.62", "phu-loc,2017,7.55", 1),
    )
    .unwrap();
    let (report, changed) = build_and_diff(&site, &out);
    assert_eq!(changed.len(), report.written, "{changed:?}");
    // Files that are neither kept nor rendered are made on every build whose inputs they
    // follow changed, and written only if their bytes did: the theme's assets, the data
    // package, and the open data of the changed indicator only (its CSV and JSON), not that
    // of the site's 19 other indicators.
    let assets = fs::read_dir(out.join("assets")).unwrap().count();
    assert_eq!(
        report.files - report.kept - report.rendered,
        assets + 1 + 2,
        "{report:?}"
    );
    for expected in [
        "du-lieu/ty-le-ho-ngheo/phu-loc.svg",
        "du-lieu/ty-le-ho-ngheo.csv",
        "chi-tieu/ty-le-ho-ngheo/index.html",
        "chi-tieu/ty-le-ho-ngheo/phu-loc/index.html",
        "dia-ban/phu-loc/index.html",
    ] {
        assert!(
            changed.iter().any(|c| c == expected),
            "{expected} in {changed:?}"
        );
    }
    let articles: Vec<&String> = changed
        .iter()
        .filter(|c| c.starts_with("tin-tuc/"))
        .collect();
    assert_eq!(
        articles,
        ["tin-tuc/phu-loc-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/index.html"]
    );
}

#[test]
fn a_same_size_edit_with_its_old_time_restored_is_seen() {
    let (dir, site) = demo_copy();
    let out = dir.path().join("out");
    // Files are read without being opened only when they were written well before the build
    // that recorded them: wait until the copied site is that old.
    std::thread::sleep(std::time::Duration::from_millis(3_500));
    build(&site, &out);
    let unchanged = build(&site, &out);
    assert_eq!((unchanged.written, unchanged.rendered), (0, 0));

    // One digit for another: the same size; then the old modification time is put back, as
    // some copying tools do. Only the file's change time tells the edit.
    let article = site.join("content/articles/2019/quan-11-van-dong-nguoi-dan-mua-the-bhyt.md");
    let before = fs::metadata(&article).unwrap();
    let text = fs::read_to_string(&article).unwrap();
    let (head, body) = text.split_at(text.find("\n+++\n").or(text.find("\n---\n")).unwrap() + 5);
    let edited = format!("{head}{}", body.replacen("năm 2019", "năm 2018", 1));
    assert_ne!(edited, text);
    fs::write(&article, &edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&article)
        .unwrap()
        .set_modified(before.modified().unwrap())
        .unwrap();
    let after = fs::metadata(&article).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap()),
        (before.len(), before.modified().unwrap())
    );

    // The article's page and the search index (its excerpt) show the edit.
    let (report, changed) = build_and_diff(&site, &out);
    assert_eq!(report.rendered, 1, "{changed:?}");
    let page = changed.iter().find(|p| p.starts_with("tin-tuc/")).unwrap();
    assert!(
        fs::read_to_string(out.join(page))
            .unwrap()
            .contains("năm 2018")
    );
    assert!(
        changed.contains(&"tim-kiem/index.json".to_string()),
        "{changed:?}"
    );
}
