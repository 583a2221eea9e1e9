//! Whole fixture sites built into temporary folders, checked page by page as a reader sees them.

mod common;

use common::{
    baocao, build_fixture, build_into, count, prepend_setting, read, site_copy, snapshot,
};

const PLAN_URL: &str =
    "tin-tuc/quan-11-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/index.html";

fn build_basic() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, out, _) = build_fixture("basic");
    (dir, out)
}

#[test]
fn article_page_shows_date_byline_taxonomy_and_neighbours() {
    let (_dir, out) = build_basic();
    let page = read(&out, PLAN_URL);
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(
        page.contains("<h1>Quận 11 ban hành Kế hoạch giảm nghèo bền vững giai đoạn 2016–2020</h1>")
    );
    assert!(page.contains("<time datetime=\"2017-01-18T15:55:00+07:00\">18/01/2017</time>"));
    assert!(
        page.contains("<p class=\"byline\">Phòng LĐ-TB&amp;XH quận</p>"),
        "the byline is escaped"
    );
    assert!(page.contains("<a href=\"/chuyen-muc/ke-hoach/\">Kế hoạch</a>"));
    assert!(page.contains("<a href=\"/dia-ban/quan-11/\">Quận 11</a>"));
    assert!(page.contains("<a href=\"/giai-doan/2016-2020/\">Giai đoạn 2016–2020</a>"));
    assert!(page.contains("<a href=\"/the/giam-ngheo/\" rel=\"tag\">Giảm nghèo</a>"));
    // The oldest article has a newer neighbour only: the Tết article of 15/01/2020.
    assert!(page.contains(
        "Tin mới hơn</span> <a href=\"/tin-tuc/trao-1-361-phan-qua-tet-cho-ho-ngheo-can-ngheo/\""
    ));
    assert!(!page.contains("Tin đã đưa</span>"));
    // Four headings → a table of contents linking to the heading ids.
    assert!(page.contains("<a href=\"#to-chuc-thuc-hien\">Tổ chức thực hiện</a>"));
    assert!(page.contains("<h2 id=\"to-chuc-thuc-hien\">Tổ chức thực hiện</h2>"));
}

#[test]
fn the_navigation_marks_the_section_a_page_is_in() {
    let (_dir, out) = build_basic();
    let current = |path: &str| -> Vec<String> {
        let page = read(&out, path);
        let nav = page.split("<ul class=\"nav\">").nth(1).unwrap();
        let nav = nav.split("</ul>").next().unwrap();
        nav.split("<li>")
            .filter(|item| item.contains("aria-current=\"page\""))
            .map(|item| item.split('"').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(current("index.html"), ["/"]);
    assert_eq!(current(PLAN_URL), ["/tin-tuc/"]);
    assert_eq!(current("tin-tuc/trang/2/index.html"), ["/tin-tuc/"]);
    assert_eq!(current("dia-ban/quan-11/index.html"), ["/dia-ban/"]);
    // Pages outside the navigation's sections mark nothing.
    assert!(current("the/giam-ngheo/index.html").is_empty());
    assert!(current("404.html").is_empty());
}

#[test]
fn middle_article_links_both_ways_and_lists_related_news() {
    let (_dir, out) = build_basic();
    let page = read(
        &out,
        "tin-tuc/cap-155-the-bao-hiem-y-te-cho-nguoi-ngheo/index.html",
    );
    assert!(page.contains("Tin mới hơn</span> <a href=\"/tin-tuc/dong-hanh-cung-ho-can-ngheo/\""));
    assert!(page.contains(
        "Tin đã đưa</span> <a href=\"/tin-tuc/trao-1-361-phan-qua-tet-cho-ho-ngheo-can-ngheo/\""
    ));
    let related = page
        .split("Các tin khác")
        .nth(1)
        .expect("a related section");
    let related = related.split("</section>").next().unwrap();
    // Same category and area and the shared tag make the Tết article the best match.
    let first = related.find("trao-1-361").unwrap();
    let plan = related.find("quan-11-ban-hanh").unwrap();
    assert!(first < plan, "best match first");
    assert_eq!(count(related, "<li>"), 3);
}

#[test]
fn pagination_counts_and_links() {
    let (_dir, out) = build_basic();
    // 4 published articles (the draft is left out), 2 per page.
    let first = read(&out, "tin-tuc/index.html");
    let second = read(&out, "tin-tuc/trang/2/index.html");
    assert!(!out.join("tin-tuc/trang/3").exists());
    assert_eq!(count(&first, "class=\"card\""), 2);
    assert_eq!(count(&second, "class=\"card\""), 2);
    assert!(first.contains("href=\"/tin-tuc/trang/2/\" rel=\"next\""));
    assert!(second.contains("href=\"/tin-tuc/\" rel=\"prev\""));
    assert!(second.contains("<span aria-current=\"page\">2</span>"));
    // Newest first: page 1 starts with September 2020.
    assert!(
        first.find("dong-hanh-cung-ho-can-ngheo").unwrap() < first.find("cap-155-the").unwrap()
    );
    // The area page paginates its 4 articles too.
    assert!(out.join("dia-ban/quan-11/trang/2/index.html").exists());
}

#[test]
fn drafts_only_with_the_flag() {
    let (dir, site) = site_copy("basic");
    let out = dir.path().join("out");
    let out_s = out.to_str().unwrap();
    assert!(
        baocao(&["build", site.to_str().unwrap(), "--out", out_s])
            .status
            .success()
    );
    assert!(!out.join("tin-tuc/ban-nhap-chua-dang").exists());
    assert!(
        baocao(&["build", site.to_str().unwrap(), "--out", out_s, "--drafts"])
            .status
            .success()
    );
    assert!(out.join("tin-tuc/ban-nhap-chua-dang/index.html").exists());
}

#[test]
fn taxonomies_archive_and_standalone_pages() {
    let (_dir, out) = build_basic();
    // "Giảm nghèo" and "giảm nghèo" are one tag.
    let tag = read(&out, "the/giam-ngheo/index.html");
    assert_eq!(count(&tag, "class=\"card\""), 2);
    let tags = read(&out, "the/index.html");
    assert!(tags.contains(
        "<a href=\"/the/bao-hiem-y-te/\">Bảo hiểm y tế</a> <span class=\"count\">(1)</span>"
    ));
    let category = read(&out, "chuyen-muc/tin-hoat-dong/index.html");
    assert!(category.contains("<h1>Tin hoạt động"));
    let archive = read(&out, "luu-tru/index.html");
    assert!(archive.contains("<a href=\"/luu-tru/2020-06/\">Tháng 6/2020</a>"));
    assert!(read(&out, "luu-tru/2017-01/index.html").contains("quan-11-ban-hanh"));
    let area = read(&out, "dia-ban/tp-ho-chi-minh/index.html");
    assert!(
        area.contains("<a href=\"/dia-ban/quan-11/\">Quận 11</a>"),
        "sub-areas are listed"
    );
    let period = read(&out, "giai-doan/2016-2020/index.html");
    assert!(period.contains("Chuẩn nghèo theo Quyết định 59/2015/QĐ-TTg"));
    assert!(read(&out, "gioi-thieu/index.html").contains("<h1>Giới thiệu</h1>"));
    assert!(read(&out, "404.html").contains("Không tìm thấy trang"));
    assert_eq!(
        read(&out, "files/ke-hoach-126.pdf"),
        "PDF",
        "static files are copied as they are"
    );
}

#[test]
fn feed_sitemap_robots_and_aliases() {
    let (_dir, out) = build_basic();
    let feed = read(&out, "feed.xml");
    assert_eq!(count(&feed, "<entry>"), 4);
    assert!(feed.contains("<updated>2020-09-10T00:00:00+07:00</updated>"));
    let first_entry = feed.find("<entry>").unwrap();
    assert!(
        feed[first_entry..].starts_with("<entry>\n    <title>Đồng hành cùng hộ cận nghèo</title>")
    );
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://giamngheo.quan11.example.vn/tin-tuc/dong-hanh-cung-ho-can-ngheo/</loc><lastmod>2020-09-10T00:00:00+07:00</lastmod>"));
    assert!(!sitemap.contains("ban-nhap"));
    assert!(
        read(&out, "robots.txt")
            .contains("Sitemap: https://giamngheo.quan11.example.vn/sitemap.xml")
    );
    let alias = read(&out, "tin-tuc/2017/01/ke-hoach-126.html");
    assert!(alias.contains("<meta http-equiv=\"refresh\" content=\"0; url=/tin-tuc/quan-11-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/\">"));
}

/// The URL paths `sitemap.xml` lists, in order.
fn sitemap_paths(out: &std::path::Path, base_url: &str) -> Vec<String> {
    let xml = read(out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    root.children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert_eq!(url.tag_name().name(), "url");
            let loc = url
                .children()
                .find(|n| n.has_tag_name("loc"))
                .and_then(|n| n.text())
                .expect("every <url> has a <loc>");
            loc.strip_prefix(base_url)
                .unwrap_or_else(|| panic!("{loc} is not under {base_url}"))
                .to_string()
        })
        .collect()
}

/// The URL path of every HTML file in the output a reader can reach, except `404.html` and
/// the redirect pages of aliases (found by their content, not by their names).
fn reachable_html_pages(out: &std::path::Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_str()?
                .replace('\\', "/");
            relative.ends_with(".html").then_some(relative)
        })
        .filter(|relative| relative != "404.html")
        .filter(|relative| !read(out, relative).contains("<meta http-equiv=\"refresh\""))
        .map(|relative| match relative.strip_suffix("index.html") {
            Some(folder) => format!("/{folder}"),
            None => format!("/{relative}"),
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn sitemap_lists_exactly_the_html_pages_but_404_and_aliases() {
    for (fixture, base_url) in [
        ("basic", "https://giamngheo.quan11.example.vn"),
        ("stats", "https://thu.example.vn"),
    ] {
        let (_dir, out, _) = common::build_fixture(fixture);
        let listed = sitemap_paths(&out, base_url);
        let mut sorted = listed.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), listed.len(), "{fixture}: no URL twice");
        let pages = reachable_html_pages(&out);
        assert_eq!(
            sorted, pages,
            "{fixture}: sitemap.xml against the output folder"
        );
        // Every kind of page the review found missing is there.
        for expected in [
            "/chi-tieu/",
            "/dia-ban/",
            "/giai-doan/",
            "/the/",
            "/luu-tru/",
            "/tinh-trang-bao-cao/",
            "/du-lieu/",
            "/tim-kiem/",
        ] {
            assert!(
                listed.iter().any(|u| u == expected),
                "{fixture}: {expected}"
            );
        }
        assert!(
            listed.iter().any(|u| u.starts_with("/luu-tru/20")),
            "{fixture}: months"
        );
        if fixture == "basic" {
            assert!(
                listed.iter().any(|u| u == "/tin-tuc/trang/2/"),
                "pages 2, 3, …"
            );
            assert!(out.join("tin-tuc/2017/01/ke-hoach-126.html").exists());
            assert!(
                !listed.iter().any(|u| u.contains("ke-hoach-126")),
                "no alias"
            );
        } else {
            assert!(
                listed.iter().any(|u| u == "/chi-tieu/ty-le-ho-ngheo/"),
                "indicators"
            );
        }
    }
}

#[test]
fn rebuilds_are_byte_identical_and_write_nothing_when_nothing_changed() {
    let (dir, site) = site_copy("basic");
    let out = dir.path().join("out");
    let args = [
        "build",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    assert!(baocao(&args).status.success());
    let before = snapshot(&out);
    let second = baocao(&args);
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("ghi 0 tệp, xóa 0 tệp"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(before, snapshot(&out));
    // An article removed → its page is deleted, nothing else is lost.
    std::fs::remove_file(site.join("content/articles/2020/bhyt.md")).unwrap();
    assert!(baocao(&args).status.success());
    assert!(
        !out.join("tin-tuc/cap-155-the-bao-hiem-y-te-cho-nguoi-ngheo")
            .exists()
    );
    assert!(out.join(PLAN_URL).exists());
}

#[test]
fn a_theme_overrides_templates_file_by_file() {
    let (dir, site) = site_copy("basic");
    let templates = site.join("themes/xanh/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("page.html"), "{% extends \"base.html\" %}{% block main %}<h1 class=\"xanh\">{{ article.title }}</h1>{% endblock main %}").unwrap();
    prepend_setting(&site, "theme = \"xanh\"");
    let out = dir.path().join("out");
    let result = build_into(&site, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(read(&out, "gioi-thieu/index.html").contains("<h1 class=\"xanh\">Giới thiệu</h1>"));
    assert!(
        read(&out, PLAN_URL).contains("class=\"byline\""),
        "other templates stay built in"
    );
}

#[test]
fn check_validates_and_writes_nothing() {
    let (dir, site) = site_copy("basic");
    let result = baocao(&["check", site.to_str().unwrap()]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(!site.join("output").exists());
    assert!(!dir.path().join("out").exists());
}

#[test]
fn refuses_to_write_over_the_site_or_its_content() {
    let (dir, site) = site_copy("basic");
    for out in [site.clone(), site.join("content"), dir.path().to_path_buf()] {
        let result = build_into(&site, &out);
        assert_eq!(result.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&result.stderr).contains("--out"));
    }
    assert!(site.join("content/articles/2017/ke-hoach.md").exists());
}

#[test]
fn an_english_site_has_english_labels_dates_and_paths() {
    let (dir, site) = site_copy("basic");
    prepend_setting(&site, "language = \"en\"");
    let out = dir.path().join("out");
    let result = build_into(&site, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let page = read(
        &out,
        "news/quan-11-ban-hanh-ke-hoach-giam-ngheo-ben-vung-giai-doan-2016-2020/index.html",
    );
    assert!(page.contains("<html lang=\"en\">"));
    assert!(
        page.contains("Published <time datetime=\"2017-01-18T15:55:00+07:00\">18 Jan 2017</time>")
    );
    assert!(page.contains("<span class=\"label\">Newer</span>"));
    // Its card shows the same date on every list (news, category, tag, area, month).
    let card = "<p class=\"meta\"><time datetime=\"2017-01-18T15:55:00+07:00\">18 Jan 2017</time>";
    let lists: Vec<String> = snapshot(&out)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(card))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(lists.len() >= 5, "{lists:?}");
    assert!(out.join("news/page/2/index.html").exists());
    assert!(out.join("archive/2020-06/index.html").exists());
    assert!(read(&out, "archive/index.html").contains("June 2020"));
}

#[test]
fn the_default_output_folder_may_hold_a_git_placeholder() {
    let (_dir, site) = site_copy("basic");
    std::fs::create_dir_all(site.join("output")).unwrap();
    std::fs::write(site.join("output/.gitkeep"), "").unwrap();
    let result = baocao(&["build", site.to_str().unwrap()]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(site.join("output/index.html").exists());
    assert!(
        site.join("output/.gitkeep").exists(),
        "the placeholder is kept"
    );
}

/// The JSON-LD of a page, parsed.
fn json_ld(page: &str) -> serde_json::Value {
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

#[test]
fn metadata_and_json_ld_survive_hostile_titles() {
    let (dir, site) = site_copy("basic");
    std::fs::write(
        site.join("content/articles/2020/hostile.md"),
        "+++\ntitle = \"</script><script>alert(1)</script> \\\"onerror=x ]]>\"\ndate = \"2020-11-01\"\nslug = \"hostile\"\nauthor = \"<b>A</b>\"\n+++\nText.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let result = build_into(&site, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let page = read(&out, "tin-tuc/hostile/index.html");
    assert_eq!(
        page.matches("<script").count(),
        3,
        "only the text-size snippet in <head>, the site script and the JSON-LD: {page}"
    );
    assert!(!page.contains("<script>alert"));
    assert!(
        page.contains(
            "<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;onerror=x ]]&gt;</h1>"
        ),
        "{page}"
    );
    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "</script><script>alert(1)</script> \"onerror=x ]]>"
    );
    assert_eq!(ld["author"]["name"], "<b>A</b>");
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    let feed = read(&out, "feed.xml");
    assert!(feed.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;onerror=x ]]&gt;</title>"), "escaped in the feed");
    let home = json_ld(&read(&out, "index.html"));
    assert_eq!(home["@type"], "WebSite");
}
