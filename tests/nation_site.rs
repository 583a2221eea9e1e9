//! A generated national site in four levels (country, 50 provinces, 100 districts, 1,000
//! communes), counts reported only by communes: the province and country figures baocao rolls
//! up are checked against sums computed here from the data files, the rates against summed
//! numerators over summed denominators, the one missing commune against the note it must leave,
//! and every page against the weight a phone on a slow link can take.

mod common;

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use common::{build_ok, read};
use synth::nation::{self, MISSING, Nation};

/// Wide enough at the top (50 provinces under the country) and deep enough (four levels) to
/// show the shape of a ministry's site; small enough for CI.
const SHAPE: Nation = Nation {
    provinces: 50,
    districts: 2,
    communes: 10,
    indicators: 3,
    years: 3,
    articles: 5,
};

/// Every page stays at most this heavy, gzipped.
const PAGE_LIMIT: usize = 100 * 1024;

/// `(indicator, area, year)` → value, from the generated data files (`content/data/*.csv`,
/// one wide file per province: `area,period,tong-so-ho,so-ho-01`), as a reader of the CSV
/// would total them: each commune's row added to its district, province and the country.
fn sums_from_csv(site: &Path) -> BTreeMap<(String, String, i32), u64> {
    let mut sums = BTreeMap::new();
    for entry in std::fs::read_dir(site.join("content/data")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        for line in lines {
            let cells: Vec<&str> = line.split(',').collect();
            let commune = cells[0];
            let year: i32 = cells[1].parse().unwrap();
            // xa-PP-DD-CC → huyen-PP-DD, tinh-PP, viet-nam
            let parts: Vec<&str> = commune.split('-').collect();
            let areas = [
                format!("huyen-{}-{}", parts[1], parts[2]),
                format!("tinh-{}", parts[1]),
                nation::COUNTRY.to_string(),
            ];
            for (column, cell) in header.iter().zip(&cells).skip(2) {
                for area in &areas {
                    let key = (column.to_string(), area.clone(), year);
                    // An empty cell leaves its whole chain without a total for the year.
                    match cell.parse::<u64>() {
                        Ok(v) => {
                            if let Some(sum) = sums.entry(key).or_insert(Some(0)) {
                                *sum += v;
                            }
                        }
                        Err(_) => {
                            sums.insert(key, None);
                        }
                    }
                }
            }
        }
    }
    sums.into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// The open data rows of an indicator: (area, period) → (value, computed).
fn open_data(out: &Path, indicator: &str) -> BTreeMap<(String, String), (f64, bool)> {
    let text = read(out, &format!("du-lieu/{indicator}.csv"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (area, period, value, computed) = (
        column("area"),
        column("period"),
        column("value"),
        column("computed"),
    );
    reader
        .records()
        .map(Result::unwrap)
        .map(|r| {
            (
                (r[area].to_string(), r[period].to_string()),
                (r[value].parse().unwrap(), &r[computed] == "true"),
            )
        })
        .collect()
}

/// A made-up outline for each province and for the districts of province 7: squares on a
/// grid, not real boundaries (a real Natural Earth file is tested in `tests/charts/map.rs`).
fn write_outlines(site: &Path) {
    let square = |id: &str, lon: f64, lat: f64, size: f64| {
        format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"id\":\"{id}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{lon},{lat}],[{},{lat}],[{},{}],[{lon},{}],[{lon},{lat}]]]}}}}",
            lon + size,
            lon + size,
            lat + size,
            lat + size
        )
    };
    let mut features: Vec<String> = (1..=SHAPE.provinces)
        .map(|p| {
            let (x, y) = ((p - 1) % 10, (p - 1) / 10);
            square(
                &nation::province_id(p),
                100.0 + x as f64,
                10.0 + y as f64,
                0.9,
            )
        })
        .collect();
    features.extend((1..=SHAPE.districts).map(|d| {
        square(
            &nation::district_id(7, d),
            106.0 + 0.4 * d as f64,
            10.0,
            0.35,
        )
    }));
    let text = format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
        features.join(",\n")
    );
    std::fs::write(site.join("content/areas.geojson"), text).unwrap();
}

/// The `<svg>` of the first map of a page.
fn first_map(html: &str) -> &str {
    let start = html.find("<figure class=\"map\">").expect("a map");
    let rest = &html[start..];
    &rest[..rest.find("</figure>").unwrap()]
}

fn gzipped_size(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

#[test]
fn a_four_level_national_site_rolls_up_correctly_and_stays_light() {
    let dir = tempfile::tempdir().unwrap();
    let (site, out) = (dir.path().join("site"), dir.path().join("out"));
    nation::generate(&site, &SHAPE);
    write_outlines(&site);
    let report = build_ok(&site, &out);
    assert!(report.contains(" 0 cảnh báo"), "{report}");

    // Counts: every district, province and the country equal the sum of their communes.
    let sums = sums_from_csv(&site);
    let households = open_data(&out, "tong-so-ho");
    let poor = open_data(&out, "so-ho-01");
    let mut checked = 0;
    for ((indicator, area, year), sum) in &sums {
        let rows = if indicator == "tong-so-ho" {
            &households
        } else {
            &poor
        };
        let (value, computed) = rows[&(area.clone(), year.to_string())];
        assert_eq!(value, *sum as f64, "{indicator} {area} {year}");
        assert!(computed, "{indicator} {area} {year} is marked computed");
        checked += 1;
    }
    // 3 years × (100 districts + 50 provinces + 1 country) × 2 counts, less the 3 totals the
    // missing cell leaves out (its district, province and the country in 2025).
    assert_eq!(checked, 3 * 151 * 2 - 3);
    // Spot-check one province against the generator's own formula too.
    let tinh_07_2024: u64 = (1..=SHAPE.districts)
        .flat_map(|d| (1..=SHAPE.communes).map(move |c| (d, c)))
        .map(|(d, c)| SHAPE.commune_value(1, 7, d, c, 2024).unwrap())
        .sum();
    assert_eq!(
        sums[&("so-ho-01".into(), "tinh-07".into(), 2024)],
        tinh_07_2024
    );
    assert_eq!(
        poor[&("tinh-07".into(), "2024".into())],
        (tinh_07_2024 as f64, true)
    );
    // Communes' reported values are not marked computed.
    assert!(!poor[&("xa-07-01-01".into(), "2024".into())].1);

    // The rate at every level is the summed numerator over the summed denominator.
    let rates = open_data(&out, "ty-le-02");
    for area in ["tinh-07", "huyen-07-02", nation::COUNTRY] {
        for year in SHAPE.years() {
            let Some(&n) = sums.get(&("so-ho-01".into(), area.into(), year)) else {
                // The country's 2025 total waits for the commune that did not report.
                assert_eq!((area, year), (nation::COUNTRY, 2025));
                continue;
            };
            let d = sums[&("tong-so-ho".into(), area.into(), year)];
            let (value, computed) = rates[&(area.to_string(), year.to_string())];
            let expected = n as f64 / d as f64 * 100.0;
            assert!(
                (value - expected).abs() < 1e-9,
                "{area} {year}: {value} ≠ {n}/{d}×100 = {expected}"
            );
            assert!(computed);
        }
    }
    // Not the average of the communes' rates.
    let (area, year) = ("tinh-07", 2024);
    let mean_of_rates = (1..=SHAPE.districts)
        .flat_map(|d| (1..=SHAPE.communes).map(move |c| (d, c)))
        .map(|(d, c)| {
            SHAPE.commune_value(1, 7, d, c, year).unwrap() as f64
                / SHAPE.commune_value(0, 7, d, c, year).unwrap() as f64
                * 100.0
        })
        .sum::<f64>()
        / (SHAPE.districts * SHAPE.communes) as f64;
    assert!((rates[&(area.into(), year.to_string())].0 - mean_of_rates).abs() > 1e-6);

    // One commune did not report in 2025: its district, province and the country have no total
    // that year, and the district's page says how many of its communes reported.
    let (commune, indicator, year) = MISSING;
    assert_eq!(
        (commune, indicator, year),
        ("xa-01-01-01", "so-ho-01", 2025)
    );
    for area in ["huyen-01-01", "tinh-01", nation::COUNTRY] {
        assert!(!poor.contains_key(&(area.into(), "2025".into())), "{area}");
        assert!(!rates.contains_key(&(area.into(), "2025".into())), "{area}");
        assert!(poor.contains_key(&(area.into(), "2024".into())), "{area}");
    }
    let district = read(&out, "chi-tieu/so-ho-01/huyen-01-01/index.html");
    assert!(
        district.contains("<li>2025: 9 trên 10 địa bàn trực thuộc đã báo cáo</li>"),
        "the district's page says 9 of 10 communes reported"
    );
    let province = read(&out, "chi-tieu/so-ho-01/tinh-01/index.html");
    assert!(province.contains("<li>2025: 1 trên 2 địa bàn trực thuộc đã báo cáo</li>"));
    let rate_page = read(&out, "chi-tieu/ty-le-02/huyen-01-01/index.html");
    assert!(rate_page.contains("<li>2025: 9 trên 10 địa bàn trực thuộc đã báo cáo</li>"));

    // Drill-down: the indicator's page leads with the country and compares the 50 provinces;
    // a province's page compares its districts; a commune's page has the chain up as crumbs.
    let indicator_page = read(&out, "chi-tieu/so-ho-01/index.html");
    for p in 1..=SHAPE.provinces {
        let link = format!("href=\"/chi-tieu/so-ho-01/{}/\"", nation::province_id(p));
        assert!(indicator_page.contains(&link), "{link}");
    }
    assert_eq!(
        common::count(&indicator_page, "class=\"compare stack\""),
        1,
        "one comparison: the provinces"
    );
    assert!(indicator_page.contains("href=\"/chi-tieu/so-ho-01/viet-nam/\""));
    let tinh_07 = read(&out, "chi-tieu/so-ho-01/tinh-07/index.html");
    let formatted =
        baocao::i18n::format_number(tinh_07_2024 as f64, 0, baocao::config::Language::Vi);
    assert!(
        tinh_07.contains(&formatted),
        "{formatted} on the province's page"
    );
    assert!(tinh_07.contains("href=\"/chi-tieu/so-ho-01/huyen-07-01/\""));
    assert!(tinh_07.contains("href=\"/chi-tieu/so-ho-01/huyen-07-02/\""));
    assert!(
        tinh_07.contains("Tổng hợp từ các địa bàn trực thuộc"),
        "marked computed"
    );
    let commune_page = read(&out, "chi-tieu/so-ho-01/xa-07-02-03/index.html");
    let crumbs = commune_page
        .split("class=\"breadcrumbs wrap\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .expect("breadcrumbs");
    for up in ["viet-nam", "tinh-07", "huyen-07-02"] {
        assert!(
            crumbs.contains(&format!("/chi-tieu/so-ho-01/{up}/")),
            "{up}"
        );
    }
    assert!(!commune_page.contains("Tổng hợp từ các địa bàn trực thuộc"));
    // A commune's rate is computed from its own two counts, and says so (not "from sub-areas").
    let commune_rate = read(&out, "chi-tieu/ty-le-02/xa-07-02-03/index.html");
    assert!(commune_rate.contains("Tính từ hai chỉ tiêu thành phần của cùng địa bàn"));
    assert!(!commune_rate.contains("Tổng hợp từ các địa bàn trực thuộc"));
    // The explanation under the chart names both kinds of mark.
    assert!(commune_rate.contains("Số liệu tổng hợp (ghi “tổng hợp”, hoặc có ghi chú cách tính)"));
    assert!(
        !commune_page.contains("Số liệu tổng hợp (ghi"),
        "a commune's count is reported"
    );

    // Maps: the country's page maps its 50 provinces, one path each, named with its value;
    // province 7's page maps its two districts; a district without outlines has no map.
    let map = first_map(&indicator_page);
    assert_eq!(
        common::count(map, "<path"),
        SHAPE.provinces,
        "one path per province"
    );
    for p in 1..=SHAPE.provinces {
        let id = nation::province_id(p);
        // The latest value: 2024 for the province whose 2025 total is missing.
        let value = ["2025", "2024"]
            .iter()
            .find_map(|year| poor.get(&(id.clone(), year.to_string())))
            .unwrap()
            .0;
        let title = format!(
            "<title>Tỉnh {p:02}: {}\u{a0}hộ</title>",
            baocao::i18n::format_number(value, 0, baocao::config::Language::Vi)
        );
        assert!(map.contains(&title), "{title}");
        assert!(map.contains(&format!("href=\"/chi-tieu/so-ho-01/{id}/\"")));
    }
    let province_map = first_map(&tinh_07);
    assert_eq!(common::count(province_map, "<path"), 2);
    assert!(province_map.contains("<title>Huyện 07-01: "));
    assert!(!read(&out, "chi-tieu/so-ho-01/huyen-07-01/index.html").contains("class=\"map\""));

    // The lists of areas stay short: `/dia-ban/` stops above the communes.
    let areas = read(&out, "dia-ban/index.html");
    assert!(areas.contains("href=\"/dia-ban/huyen-50-02/\""));
    assert!(!areas.contains("href=\"/dia-ban/xa-01-01-01/\""));
    assert!(areas.contains("1.000 địa bàn cấp dưới không liệt kê ở đây"));

    // Every HTML page is light enough for a phone on a slow link.
    let mut heaviest = (0, String::new());
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let size = gzipped_size(&std::fs::read(entry.path()).unwrap());
            if size > heaviest.0 {
                heaviest = (size, entry.path().display().to_string());
            }
            pages += 1;
        }
    }
    assert!(pages > 4_000, "{pages} pages");
    assert!(
        heaviest.0 <= PAGE_LIMIT,
        "{} is {} bytes gzipped",
        heaviest.1,
        heaviest.0
    );
}

/// A site of `shape` generated in a new temporary folder: the folder, the site, its output.
fn generated(shape: &Nation) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (site, out) = (dir.path().join("site"), dir.path().join("out"));
    nation::generate(&site, shape);
    (dir, site, out)
}

/// A target for every commune (as a province sets one for each): the period's page lists the
/// targets of the levels that fit one by one and counts the communes' by status, so that it
/// stays light however many communes there are; the counts are those of the open data.
#[test]
fn a_period_with_a_target_for_every_commune_counts_them_by_status() {
    let shape = Nation {
        provinces: 2,
        districts: 3,
        communes: 40,
        indicators: 3,
        years: 10,
        articles: 2,
    };
    let (_dir, site, out) = generated(&shape);
    let file = site.join("content/indicators/ty-le-02.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut targets = String::new();
    for p in 1..=shape.provinces {
        for d in 1..=shape.districts {
            for c in 1..=shape.communes {
                targets.push_str(&format!(
                    "\n[[targets]]\narea = \"{}\"\nperiod = \"2021-2025\"\nvalue = 4.0\nkind = \"level\"\nbaseline = {{ period = \"2021\", value = 6.0 }}\n",
                    nation::commune_id(p, d, c)
                ));
            }
        }
    }
    let end = text[3..].find("+++").unwrap() + 3;
    std::fs::write(&file, [&text[..end], &targets, &text[end..]].concat()).unwrap();
    build_ok(&site, &out);

    // The statuses of the communes' targets, as the open data gives them.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/ty-le-02.json")).unwrap();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    let mut listed = 0;
    for target in json["targets"].as_array().unwrap() {
        if target["area"].as_str().unwrap().starts_with("xa-") {
            *expected
                .entry(target["status"].as_str().unwrap().to_string())
                .or_default() += 1;
        } else {
            listed += 1;
        }
    }
    assert_eq!(expected.values().sum::<usize>(), 240);
    assert!(expected.len() >= 2, "the communes differ: {expected:?}");

    let page = read(&out, "giai-doan/2021-2025/index.html");
    assert!(gzipped_size(page.as_bytes()) <= PAGE_LIMIT);
    // The country's and the provinces' targets one by one (3 of them), not the communes'.
    assert_eq!(listed, 1 + shape.provinces);
    assert_eq!(common::count(&page, "class=\"progress-item\""), listed);
    assert!(!page.contains("/dia-ban/xa-01-01-01/"));
    let row = page
        .split("<li><a href=\"/chi-tieu/ty-le-02/\">")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .expect("the communes' targets counted");
    assert!(
        row.starts_with("Tỷ lệ hộ nhóm 01</a>: 240 mục tiêu —"),
        "{row}"
    );
    let mut shown: BTreeMap<String, usize> = BTreeMap::new();
    for badge in row.split("<span class=\"badge status-").skip(1) {
        let (key, rest) = badge.split_once("\">").unwrap();
        let count = rest
            .split("</span>")
            .next()
            .unwrap()
            .rsplit(": ")
            .next()
            .unwrap();
        shown.insert(key.to_string(), count.parse().unwrap());
    }
    assert_eq!(shown, expected);
}

/// An area with thousands of direct sub-areas (every commune listed under one district): its
/// comparison shows the 2,000 highest and says how many more there are, so that the page
/// stays light; the areas left out are those with the lowest values.
#[test]
fn a_comparison_of_thousands_of_sub_areas_shows_the_highest_and_counts_the_rest() {
    let (_dir, site, out) = generated(&Nation {
        provinces: 1,
        districts: 1,
        communes: 2_010,
        indicators: 2,
        years: 2,
        articles: 1,
    });
    build_ok(&site, &out);

    // Each commune's latest value (2025; 2024 for the one commune whose 2025 is missing).
    let mut latest: BTreeMap<String, (String, f64)> = BTreeMap::new();
    for ((area, period), (value, _)) in open_data(&out, "so-ho-01") {
        if area.starts_with("xa-") && latest.get(&area).is_none_or(|(p, _)| *p < period) {
            latest.insert(area, (period, value));
        }
    }
    let mut communes: Vec<(f64, String)> = latest
        .into_iter()
        .map(|(area, (_, value))| (value, area))
        .collect();
    assert_eq!(communes.len(), 2_010);
    communes.sort_by(|a, b| b.0.total_cmp(&a.0));

    let page = read(&out, "chi-tieu/so-ho-01/huyen-01-01/index.html");
    assert!(gzipped_size(page.as_bytes()) <= PAGE_LIMIT);
    let comparison = page.split("id=\"so-sanh\"").nth(1).unwrap();
    assert_eq!(common::count(comparison, "<th scope=\"row\">"), 2_000);
    assert!(comparison.contains("<p class=\"meta\">10 địa bàn khác, có giá trị thấp hơn"));
    let link = |area: &str| format!("href=\"/chi-tieu/so-ho-01/{area}/\"");
    assert!(
        comparison.contains(&link(&communes[0].1)),
        "the highest is shown"
    );
    assert!(comparison.contains(&link(&communes[1_999].1)));
    // The ten lowest are left out, unless tied with the last one shown.
    for (value, area) in &communes[2_000..] {
        if *value < communes[1_999].0 {
            assert!(!comparison.contains(&link(area)), "{area} is left out");
        }
    }
}
