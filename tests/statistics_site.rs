//! The statistics fixture built as a reader sees it: indicator, area, period and reporting
//! pages, progress computed from the data, shortcodes, charts and open data.

mod common;

use common::{baocao_in, build_fixture, count, read, site_copy};

fn build_stats() -> (tempfile::TempDir, std::path::PathBuf, String) {
    build_fixture("stats")
}

/// The text of the `<tr>` that contains `needle`.
fn row<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    let start = html[..at].rfind("<tr>").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    &html[start..end]
}

#[test]
fn indicator_page_shows_targets_with_progress_computed_from_the_data() {
    let (_dir, out, _) = build_stats();
    let page = read(&out, "chi-tieu/ty-le-ho-ngheo/index.html");
    // 2016–2020: 10.51 % (2015) → 6.40 % (2018); 3.396 points were due by 2018, 4.11 fell: R = 1.21.
    let plan = row(&page, "Giai đoạn 2016–2020<br>");
    for cell in [
        "10,51\u{a0}% (2015)",
        "4,85\u{a0}%",
        "6,40\u{a0}% (2018)",
        ">73\u{a0}%<",
        ">1,21<",
        "Đúng tiến độ",
    ] {
        assert!(plan.contains(cell), "`{cell}` missing in {plan}");
    }
    // The 2017 milestone starts from the 2016 value: 8.94 − 1.39 = 7.55; 7.60 reached → R = 0.96.
    let milestone = row(&page, "<td data-label=\"Thời hạn\">2017</td>");
    for cell in [
        "8,94\u{a0}% (2016)",
        "7,55\u{a0}% (-1,39)",
        "7,60\u{a0}% (2017)",
        ">0,96<",
        "Đúng tiến độ",
    ] {
        assert!(milestone.contains(cell), "`{cell}` missing in {milestone}");
    }
    // 2021–2025 has no 2020 value to start from, and says so.
    let next = row(&page, "Giai đoạn 2021–2025</td>");
    assert!(
        next.contains("Chưa tính được") && next.contains("chưa có số liệu gốc"),
        "{next}"
    );
    // Charts, a comparison of Phú Lộc's communes, and the data tables.
    assert!(page.contains("aria-labelledby=\"t-ty-le-ho-ngheo-phu-loc-title\""));
    assert!(page.contains("So sánh các địa bàn trực thuộc: Huyện Phú Lộc"));
    // Highest first, each linking to the indicator's page for the commune.
    let highest = page
        .find("<th scope=\"row\"><a href=\"/chi-tieu/ty-le-ho-ngheo/vinh-hien/\">Xã Vinh Hiền</a></th><td data-label=\"Mới nhất\" class=\"num\">6,83\u{a0}% <span class=\"meta\">(2019)</span>")
        .expect("comparison table");
    let lowest = page
        .find("<th scope=\"row\"><a href=\"/chi-tieu/ty-le-ho-ngheo/loc-binh/\">Xã Lộc Bình</a></th><td data-label=\"Mới nhất\" class=\"num\">2,14\u{a0}%")
        .expect("comparison table");
    assert!(highest < lowest, "sorted from the highest value");
    // One value per commune: no sparkline column.
    assert!(!page.contains("class=\"spark\""));
    // The commune's own page has its chart, table, and the way up.
    let commune = read(&out, "chi-tieu/ty-le-ho-ngheo/loc-binh/index.html");
    assert!(commune.contains("<h1>Tỷ lệ hộ nghèo: Xã Lộc Bình</h1>"));
    assert!(
        commune
            .contains("<li><a href=\"/chi-tieu/ty-le-ho-ngheo/phu-loc/\">Huyện Phú Lộc</a></li>")
    );
    assert!(commune.contains("<th scope=\"row\">2019</th><td class=\"num\">2,14\u{a0}%</td>"));
    assert!(page.contains("<th scope=\"row\">2015</th><td class=\"num\">10,51\u{a0}%</td>"));
    assert!(page.contains("href=\"/du-lieu/ty-le-ho-ngheo.csv\""));
    assert!(page.contains("href=\"/du-lieu/ty-le-ho-ngheo/phu-loc.svg\""));
}

#[test]
fn count_targets_lien_chieu_2013() {
    let (_dir, out, _) = build_stats();
    let page = read(&out, "chi-tieu/so-ho-thoat-ngheo/index.html");
    let r = row(&page, "Quận Liên Chiểu</a></td>");
    for cell in [
        "900\u{a0}hộ",
        "1.328\u{a0}hộ (2013)",
        ">148\u{a0}%<",
        "Đạt mục tiêu",
    ] {
        assert!(r.contains(cell), "`{cell}` missing in {r}");
    }
    // The article that lists the indicator is listed on its page.
    assert!(page.contains("lien-chieu-tong-ket-giam-ngheo-nam-2013"));
}

#[test]
fn semicolon_file_with_title_line_is_read_with_vietnamese_numbers() {
    let (_dir, out, _) = build_stats();
    let csv = read(&out, "du-lieu/so-ho-thoat-ngheo.csv");
    assert!(
        csv.contains("so-ho-thoat-ngheo,phu-loc,2022-Q1,12,hộ,NĐ 07/2021,,,false\n"),
        "{csv}"
    );
    assert!(
        csv.contains("so-ho-thoat-ngheo,phu-loc,2022-Q3,1204,hộ,NĐ 07/2021,,,false\n"),
        "`1.204` is 1204: {csv}"
    );
    assert!(!csv.contains("2022-Q2"), "`..` is a missing value");
}

#[test]
fn open_data_files_are_tidy_and_described() {
    let (_dir, out, _) = build_stats();
    let csv = read(&out, "du-lieu/ty-le-ho-ngheo.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "indicator,area,period,value,unit,standard,note,source,computed"
    );
    assert_eq!(
        lines[1],
        "ty-le-ho-ngheo,phu-loc,2015,10.51,%,QĐ 59/2015,Rà soát cuối năm 2015,Kế hoạch huyện Phú Lộc,false"
    );
    assert_eq!(
        lines[5],
        "ty-le-ho-ngheo,phu-loc,2021,9.2,%,NĐ 07/2021,Chuẩn mới,,false"
    );
    assert_eq!(lines.len(), 8);
    let package: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 5);
    let rate = resources
        .iter()
        .find(|r| r["name"] == "ty-le-ho-ngheo")
        .unwrap();
    assert_eq!(rate["path"], "ty-le-ho-ngheo.csv");
    assert_eq!(rate["schema"]["fields"][3]["name"], "value");
    assert_eq!(rate["schema"]["fields"][3]["type"], "number");
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/so-ho-thoat-ngheo.json")).unwrap();
    let target = &json["targets"][0];
    assert_eq!(
        (
            target["status"].as_str(),
            target["share"].as_f64().map(|s| (s * 1000.0).round())
        ),
        (Some("achieved"), Some(1476.0))
    );
}

#[test]
fn shortcodes_embed_live_data_in_articles() {
    let (_dir, out, _) = build_stats();
    let page = read(
        &out,
        "tin-tuc/lien-chieu-tong-ket-giam-ngheo-nam-2013/index.html",
    );
    assert!(
        page.contains("Năm 2013 có <a class=\"value\" href=\"/chi-tieu/so-ho-thoat-ngheo/\""),
        "{page}"
    );
    assert!(page.contains(">1.328\u{a0}hộ</a> thoát nghèo."));
    assert!(
        page.contains("class=\"bc-chart bc-progress\""),
        "progress bar"
    );
    assert!(page.contains("<figure class=\"chart\">"), "chart");
    assert!(
        page.contains("<caption>Số hộ nghèo cuối năm – Quận Liên Chiểu</caption>"),
        "table"
    );
    assert!(
        page.contains("<code>{{ chart(indicator=\"x\", area=\"y\") }}</code>"),
        "code is left alone"
    );
    assert!(
        !page.contains("<p><figure"),
        "block shortcodes replace their paragraph"
    );
}

#[test]
fn trend_chart_breaks_at_the_change_of_standard() {
    let (_dir, out, _) = build_stats();
    let svg = read(&out, "du-lieu/ty-le-ho-ngheo/phu-loc.svg");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="));
    let actual = svg
        .split("<g class=\"bc-actual\"")
        .nth(1)
        .unwrap()
        .split("</g>")
        .next()
        .unwrap();
    let lines: Vec<&str> = actual
        .split("points=\"")
        .skip(1)
        .map(|l| l.split('"').next().unwrap())
        .collect();
    let sizes: Vec<usize> = lines.iter().map(|l| l.split(' ').count()).collect();
    assert_eq!(
        sizes,
        [4],
        "2015–2018 under QĐ 59/2015 joined; the lone 2021 point under NĐ 07/2021 is a marker only: {lines:?}"
    );
    assert!(actual.contains("<title>QĐ 59/2015</title>"));
    assert!(svg.contains("<desc id=\"t-ty-le-ho-ngheo-phu-loc-desc\">Tỷ lệ hộ nghèo của Huyện Phú Lộc giảm từ 10,51\u{a0}% (2015) xuống 6,40\u{a0}% (2018); đổi chuẩn 2021 (NĐ 07/2021): 9,20\u{a0}% (2021). Chưa tính được.</desc>"), "the trend is told per standard, with the status");
}

#[test]
fn area_period_home_and_reporting_pages() {
    let (_dir, out, _) = build_stats();
    let area = read(&out, "dia-ban/phu-loc/index.html");
    assert!(area.contains("<caption>Mục tiêu: Huyện Phú Lộc</caption>"));
    assert!(area.contains(
        "<th scope=\"row\"><a href=\"/chi-tieu/ty-le-ho-ngheo/phu-loc/\">Tỷ lệ hộ nghèo</a></th>"
    ));
    assert!(
        area.contains("<a href=\"/dia-ban/vinh-hien/\">Xã Vinh Hiền</a>"),
        "sub-areas"
    );
    let period = read(&out, "giai-doan/2016-2020/index.html");
    assert_eq!(
        count(&period, "class=\"progress-item\""),
        2,
        "the plan target and the 2017 milestone"
    );
    let home = read(&out, "index.html");
    assert!(home.contains("<p class=\"big-number\">9,20\u{a0}%</p>"));
    assert!(home.contains("class=\"bc-chart bc-sparkline\""));
    let reporting = read(&out, "tinh-trang-bao-cao/index.html");
    assert!(reporting.contains("Kỳ báo cáo mới nhất: <strong>Quý 3/2022</strong>"));
    assert_eq!(
        count(&reporting, "Chưa cập nhật</span>"),
        7,
        "every pair but Phú Lộc's quarterly count"
    );
}

/// The headline card of an indicator on the home page.
fn headline_card<'a>(home: &'a str, indicator: &str) -> &'a str {
    let at = home
        .find(&format!("<h3><a href=\"/chi-tieu/{indicator}/\">"))
        .unwrap_or_else(|| panic!("no headline card for {indicator}"));
    let start = home[..at].rfind("<li class=\"headline-card\">").unwrap();
    let end = at + home[at..].find("</li>").unwrap();
    &home[start..end]
}

#[test]
fn home_cards_compare_a_year_with_a_year_and_a_quarter_with_a_quarter() {
    let (dir, site) = site_copy("stats");
    let path = site.join("content/data/phu-loc.csv");
    let mut csv = std::fs::read_to_string(&path).unwrap();
    // Phú Lộc: a rate for the fourth quarter of 2021 beside the yearly 2021 value (the year
    // before it, 2018, was measured under the old standard); households out of poverty per
    // quarter of 2022 (from the fixture) beside yearly totals for 2021 and 2022.
    csv.push_str("ty-le-ho-ngheo,phu-loc,2021-Q4,9.20,,,\n");
    csv.push_str("so-ho-thoat-ngheo,phu-loc,2021,300,,,\n");
    csv.push_str("so-ho-thoat-ngheo,phu-loc,2022,1500,,,\n");
    std::fs::write(&path, csv).unwrap();
    let out = dir.path().join("out");
    let result = common::build_into(&site, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let home = read(&out, "index.html");
    let rate = headline_card(&home, "ty-le-ho-ngheo");
    assert!(
        rate.contains("<p class=\"big-number\">9,20\u{a0}%</p>"),
        "{rate}"
    );
    assert!(
        !rate.contains("Thay đổi"),
        "no change against the quarter of the same year, nor across the standard: {rate}"
    );
    let escaped = headline_card(&home, "so-ho-thoat-ngheo");
    assert!(
        escaped.contains("Thay đổi: +1.200 (2021 → 2022)"),
        "the year before, not the third quarter: {escaped}"
    );
    // Without the yearly values, the latest quarter is compared with the quarter before it
    // that has a value.
    let (_dir, out, _) = build_stats();
    let home = read(&out, "index.html");
    let escaped = headline_card(&home, "so-ho-thoat-ngheo");
    assert!(
        escaped.contains("Thay đổi: +1.192 (Quý 1/2022 → Quý 3/2022)"),
        "{escaped}"
    );
    assert!(!headline_card(&home, "ty-le-ho-ngheo").contains("Thay đổi"));
}

#[test]
fn a_stock_flow_mismatch_is_a_warning_naming_every_value() {
    let (dir, site) = site_copy("stats");
    let path = site.join("content/data/lien-chieu.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("2818", "2819");
    std::fs::write(&path, text).unwrap();
    let result = baocao_in(
        "en",
        &[
            "build",
            site.to_str().unwrap(),
            "--out",
            dir.path().join("out").to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "a warning does not stop the build: {stderr}"
    );
    assert!(stderr.contains("content/data/lien-chieu.csv:5:1: warning: so-ho-ngheo for Quận Liên Chiểu in 2013 is 2819, but"), "{stderr}");
    assert!(stderr.contains("gives 2818"), "{stderr}");
    assert!(
        stderr.contains("so-ho-thoat-ngheo = 1328 (content/data/lien-chieu.csv:3)"),
        "{stderr}"
    );
}

#[test]
fn two_builds_into_different_folders_are_byte_identical() {
    let (first_dir, first, _) = build_stats();
    let (second_dir, second, _) = build_stats();
    let a = common::snapshot(&first);
    let b = common::snapshot(&second);
    assert_eq!(a.len(), b.len());
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(
            bytes_a == bytes_b,
            "{} differs between two builds",
            path_a.display()
        );
    }
    drop((first_dir, second_dir));
}

#[test]
fn indicator_pages_describe_a_dataset_with_its_downloads() {
    let (_dir, out, _) = build_stats();
    let page = read(&out, "chi-tieu/ty-le-ho-ngheo/index.html");
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(ld["@type"], "Dataset");
    assert_eq!(ld["name"], "Tỷ lệ hộ nghèo");
    assert_eq!(
        ld["distribution"][0]["contentUrl"],
        "https://thu.example.vn/du-lieu/ty-le-ho-ngheo.csv"
    );
    assert_eq!(ld["distribution"][0]["encodingFormat"], "text/csv");
}

/// Statistics Canada's plan period for indicator 1.2.1: one period, one named standard.
const STATCAN_PERIOD: &str = "[[periods]]\nid = \"2016-2030\"\ntitle = \"2016–2030\"\nstart = 2016\nend = 2030\nstandard = \"Market Basket Measure\"\n";

/// The target of Statistics Canada's progress config: 7.25 % by 2030 from 14.5 % in 2015.
const STATCAN_TARGET: &str =
    "baseline = { period = \"2015\", value = 14.5 }\nvalue = 7.25\nkind = \"level\"";

#[test]
fn statistics_canada_answer_key_on_the_indicator_page_and_in_the_open_data() {
    // The 2015 value lies in no plan period and has no `standard` cell: its standard is
    // unknown, which is no change of standard.
    let (dir, site) = common::statcan_site(STATCAN_PERIOD, "2016-2030", STATCAN_TARGET, |_| "");
    let out = dir.path().join("out");
    common::build_ok(&site, &out);
    let page = read(&out, "indicators/poverty-rate/index.html");
    let plan = row(&page, "<td data-label=\"Due\">2016–2030</td>");
    for cell in [
        "14.5\u{a0}% (2015)",
        "<td data-label=\"Target\">7.25\u{a0}%</td>",
        "10.2\u{a0}% (2023)",
        ">0.95<",
        "On track",
    ] {
        assert!(plan.contains(cell), "`{cell}` missing in {plan}");
    }
    assert!(!page.contains("different standards"), "{plan}");
    assert!(!page.contains("( →"), "no empty standard name");
    // One line: the 2015 value joins the Market Basket Measure values.
    let chart = read(&out, "data/poverty-rate/canada.svg");
    assert!(!chart.contains("New standard"), "no break in the chart");
    assert!(
        chart.contains("Target 7.25\u{a0}%"),
        "the chart's target label"
    );
    assert!(chart.contains("<title>Market Basket Measure</title>"));
    // The open data publish the pace in full: Statistics Canada's 0.952590.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "data/poverty-rate.json")).unwrap();
    let target = &json["targets"][0];
    assert_eq!(target["status"], "on_track");
    assert_eq!(target["value"], 7.25);
    let pace = target["pace"].as_f64().unwrap();
    assert!((pace - 0.952_590).abs() < 5e-7, "{pace}");
    assert_eq!(format!("{pace:.6}"), "0.952590");
}

#[test]
fn a_2015_value_under_a_named_old_standard_still_breaks_the_series() {
    // Named by a plan period 2011–2015, or by the `standard` cell of the 2015 row.
    let old_period = format!(
        "[[periods]]\nid = \"2011-2015\"\ntitle = \"2011–2015\"\nstart = 2011\nend = 2015\nstandard = \"Low income cut-off\"\n\n{STATCAN_PERIOD}"
    );
    let by_period = common::statcan_site(&old_period, "2016-2030", STATCAN_TARGET, |_| "");
    let by_cell = common::statcan_site(STATCAN_PERIOD, "2016-2030", STATCAN_TARGET, |year| {
        if year == 2015 {
            "Low income cut-off"
        } else {
            ""
        }
    });
    for (what, (dir, site)) in [("period", by_period), ("cell", by_cell)] {
        let out = dir.path().join("out");
        common::build_ok(&site, &out);
        let page = read(&out, "indicators/poverty-rate/index.html");
        let plan = row(&page, "<td data-label=\"Due\">2016–2030</td>");
        for cell in [
            "Cannot be computed",
            "the baseline and the latest value were measured under different standards (Low income cut-off → Market Basket Measure)",
        ] {
            assert!(plan.contains(cell), "{what}: `{cell}` missing in {plan}");
        }
        assert!(!plan.contains(">0.95<"), "{what}: no pace across the break");
        let chart = read(&out, "data/poverty-rate/canada.svg");
        assert_eq!(count(&chart, "New standard"), 1, "{what}: one break");
        // The 2015 value stands alone (a point, no line); the line after it is named.
        assert!(
            chart.contains("<title>Market Basket Measure</title>"),
            "{what}"
        );
    }
}
