//! The choropleth map drawn from a real boundary file (`tests/fixtures/maps/areas.geojson`).

use crate::support::*;
use baocao::charts::map::{Choropleth, MapArea, MapWords, PALETTE};
use baocao::data::boundaries::{self, Boundaries};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/maps/areas.geojson"
);

fn fixture() -> Boundaries {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let (boundaries, problems) = boundaries::read(&text, "content/areas.geojson");
    assert!(problems.is_empty(), "{problems:?}");
    boundaries.unwrap()
}

fn areas_vi(n: usize) -> String {
    format!("Bản đồ {n} nước")
}

fn without_vi(n: usize) -> String {
    format!("{n} nước chưa có số liệu")
}

const WORDS: MapWords<'static> = MapWords {
    areas: &areas_vi,
    lowest: "thấp nhất",
    highest: "cao nhất",
    without_data: &without_vi,
    no_data: "chưa có số liệu",
};

/// `(id, name, value)` of the fixture's four countries (made-up values).
const VALUES: [(&str, &str, Option<f64>); 4] = [
    ("cambodia", "Campuchia", Some(12.5)),
    ("lao", "Lào", Some(18.3)),
    ("thailand", "Thái Lan", None),
    ("viet-nam", "Việt Nam", Some(4.07)),
];

fn render(boundaries: &Boundaries) -> String {
    let texts: Vec<String> = VALUES
        .iter()
        .map(|(_, _, v)| v.map(percent).unwrap_or_default())
        .collect();
    let areas: Vec<MapArea<'_>> = VALUES
        .iter()
        .zip(&texts)
        .map(|((id, name, value), text)| MapArea {
            shape: boundaries.get(id).unwrap(),
            name,
            value: *value,
            value_text: text,
            url: if *id == "viet-nam" {
                "/vi/viet-nam/"
            } else {
                ""
            },
        })
        .collect();
    Choropleth {
        title: "Tỷ lệ hộ nghèo",
        description: "Tỷ lệ hộ nghèo năm 2024.",
        areas: &areas,
        format_value: &percent,
        words: WORDS,
    }
    .render("poverty-map")
}

#[test]
fn the_fixture_reads_as_four_countries_at_their_lines() {
    let boundaries = fixture();
    assert_eq!(boundaries.len(), 4);
    let ids: Vec<&str> = boundaries.iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["cambodia", "lao", "thailand", "viet-nam"]);
    assert_eq!(boundaries.line("cambodia"), Some(2));
    assert_eq!(boundaries.line("viet-nam"), Some(5));
    // Viet Nam has islands: several polygons.
    assert!(boundaries.get("viet-nam").unwrap().0.len() > 1);
    let known = |id: &str| VALUES.iter().any(|(k, _, _)| *k == id && id != "lao");
    assert_eq!(boundaries.unknown_ids(known), ["lao"]);
}

#[test]
fn a_real_map_has_one_titled_path_per_area() {
    let boundaries = fixture();
    let svg = render(&boundaries);
    assert_eq!(svg.matches("<path").count(), VALUES.len(), "{svg}");
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(view_box[..3], [0.0, 0.0, 480.0]);
    let paths: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .collect();
    for (path, (_, name, value)) in paths.iter().zip(VALUES) {
        // The title is the path's own, or its link's.
        let title = path
            .children()
            .chain(path.parent().unwrap().children())
            .find(|n| n.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap();
        let expected = match value {
            Some(v) => format!("{name}: {}", percent(v)),
            None => format!("{name}: chưa có số liệu"),
        };
        assert_eq!(title, expected);
        let d = path.attribute("d").unwrap();
        assert!(d.starts_with('M') && d.ends_with('Z'), "{d}");
        // Simplified, and with one decimal at most.
        let numbers: Vec<&str> = d
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter(|s| !s.is_empty())
            .collect();
        assert!(numbers.len() > 20, "{name}: {}", numbers.len());
        for n in &numbers {
            let v: f64 = n.parse().unwrap();
            assert!(v >= 0.0 && v <= view_box[2].max(view_box[3]), "{n}");
            assert!(n.split_once('.').is_none_or(|(_, f)| f.len() == 1), "{n}");
        }
    }
    let link = paths[3].parent().unwrap();
    assert_eq!(
        (link.tag_name().name(), link.attribute("href")),
        ("a", Some("/vi/viet-nam/"))
    );
    // Lào, the highest, is darkest; Việt Nam, the lowest, lightest; Thái Lan hatched.
    assert_eq!(paths[1].attribute("fill"), Some(PALETTE[4]));
    assert_eq!(paths[3].attribute("fill"), Some(PALETTE[0]));
    assert_eq!(
        paths[2].attribute("fill"),
        Some("url(#poverty-map-no-data)")
    );
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
    assert_eq!(
        desc.text(),
        Some(
            "Tỷ lệ hộ nghèo năm 2024. Bản đồ 4 nước: thấp nhất Việt Nam (4,07 %), \
             cao nhất Lào (18,30 %); 1 nước chưa có số liệu."
        )
    );
    assert!(svg.len() < 40_000, "a light map: {} bytes", svg.len());
    assert_eq!(svg, render(&boundaries));
}
