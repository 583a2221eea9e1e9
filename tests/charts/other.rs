//! All charts: accessible, lean, deterministic, robust; progress bar, sparkline.

use crate::support::*;
use baocao::charts::{Band, ProgressBar, Segment, Sparkline, Status, TargetLine, TrendChart};
use baocao::data::period::Period;

fn all_demo_charts() -> Vec<String> {
    let (old, new) = (old_values(), new_values());
    let segments = [
        Segment {
            standard: "a",
            points: &old,
        },
        Segment {
            standard: "b",
            points: &new,
        },
    ];
    let spark = Sparkline {
        title: "Xu hướng",
        description: "d",
        segments: &segments,
    };
    let bar = ProgressBar {
        title: "Tiến độ",
        description: "d",
        share: 0.97,
        label: "Đạt 97 % mục tiêu",
        status: Status::OnTrack,
        status_text: "Đúng tiến độ",
    };
    vec![
        phu_loc(&old, &new, "trend"),
        spark.render("spark"),
        bar.render("bar"),
    ]
}

#[test]
fn every_chart_is_a_scalable_accessible_image() {
    for svg in all_demo_charts() {
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        let view_box: Vec<f64> = root
            .attribute("viewBox")
            .expect("viewBox")
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        assert!(view_box.len() == 4 && view_box[2] > 0.0 && view_box[3] > 0.0);
        assert!(root.attribute("width").is_none() && root.attribute("height").is_none());
        assert_eq!(root.attribute("role"), Some("img"));
        let title_id = root.attribute("aria-labelledby").expect("aria-labelledby");
        let title = root.first_element_child().unwrap();
        assert_eq!(
            (title.tag_name().name(), title.attribute("id")),
            ("title", Some(title_id))
        );
        assert!(!title.text().unwrap_or("").is_empty());
        let desc_id = root.attribute("aria-describedby").unwrap();
        let desc = title.next_sibling_element().unwrap();
        assert_eq!(
            (desc.tag_name().name(), desc.attribute("id")),
            ("desc", Some(desc_id))
        );
        // A chart with text sets one font and one text size, on its root (≥ 12 px when 480
        // units are shown ≥ 360 px wide); a chart without text (a sparkline) sets none.
        let has_text = doc.descendants().any(|n| n.has_tag_name("text"));
        assert_eq!(
            root.attribute("font-family")
                .is_some_and(|f| f.starts_with("system-ui")),
            has_text
        );
        assert_eq!(root.attribute("font-size"), has_text.then_some("16"));
        for node in doc.descendants().filter(|n| n.is_element()) {
            assert!(node == root || node.attribute("font-size").is_none());
            // Text is dark enough: 4.5:1 on white.
            if node.has_tag_name("text") {
                let fill = inherited(&node, "fill").unwrap_or("#000000");
                assert!(contrast(fill) >= 4.5, "{fill} text");
            }
        }
        // Lines and markers that carry data: 3:1 on white.
        for class in ["actual", "target", "break", "bar", "bars"] {
            for g in groups(&doc, class) {
                let colour = g.attribute("stroke").or(g.attribute("fill")).unwrap();
                assert!(contrast(colour) >= 3.0, "{class}: {colour}");
            }
        }
    }
}

/// Contrast of a `#rrggbb` colour against white (WCAG 2.1).
fn contrast(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    1.05 / (l + 0.05)
}

#[test]
fn titles_and_descriptions_are_escaped() {
    let points = [(Period::Year(2024), 1.0)];
    let segments = [Segment {
        standard: "",
        points: &points,
    }];
    let chart = TrendChart {
        title: r#"Hộ nghèo & cận nghèo <2024> "mới" 'cũ'"#,
        description: "a < b & c > d",
        segments: &segments,
        target: None,
        bands: &[],
        zero_baseline: true,
        unit: "A & B <x>",
    };
    let svg = with_labels(|l| chart.render(l, "esc"));
    assert!(svg.contains("&amp; cận nghèo &lt;2024&gt; &quot;mới&quot; &apos;cũ&apos;"));
    let doc = parse(&svg);
    let title = doc.root_element().first_element_child().unwrap();
    assert_eq!(
        title.text(),
        Some(r#"Hộ nghèo & cận nghèo <2024> "mới" 'cũ'"#)
    );
    assert!(doc.descendants().any(|n| n.text() == Some("A & B <x>")));
}

#[test]
fn output_is_deterministic_and_ids_follow_the_prefix() {
    assert_eq!(all_demo_charts(), all_demo_charts());
    let (old, new) = (old_values(), new_values());
    let a = phu_loc(&old, &new, "phu-loc");
    let b = phu_loc(&old, &new, "vinh-hien");
    let ids = |svg: &str| -> Vec<String> {
        parse(svg)
            .descendants()
            .filter_map(|n| n.attribute("id").map(str::to_owned))
            .collect()
    };
    assert_eq!(ids(&a), ["phu-loc-title", "phu-loc-desc"]);
    assert!(ids(&b).iter().all(|id| !ids(&a).contains(id)));
}

#[test]
fn a_typical_trend_chart_is_small() {
    let svg = phu_loc(&old_values(), &new_values(), "size");
    assert!(svg.len() <= 15_000, "{} bytes", svg.len());
    // Coordinates have at most one decimal.
    let doc = parse(&svg);
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attr in ["x", "y", "cx", "cy", "width", "height", "points"] {
            if let Some(v) = node.attribute(attr) {
                for n in v.split([' ', ',']) {
                    let decimals = n.split_once('.').map_or(0, |(_, d)| d.len());
                    assert!(decimals <= 1, "{attr}={v}");
                }
            }
        }
    }
}

// ---- Progress bar, sparkline ----

fn progress(share: f64) -> String {
    ProgressBar {
        title: "Tiến độ",
        description: "d",
        share,
        label: "Đạt",
        status: Status::Achieved,
        status_text: "Đã đạt",
    }
    .render("p")
}

#[test]
fn progress_bar_width_is_proportional_to_the_share() {
    for share in [0.0, 0.4, 0.97, 1.0, 1.48] {
        let svg = progress(share);
        let doc = parse(&svg);
        let track = &elements(&doc, "track", "rect")[0];
        let track_width = num(track, "width");
        let bar_width = elements(&doc, "bar", "rect")
            .first()
            .filter(|r| num(r, "height") > 15.0)
            .map_or(0.0, |r| num(r, "width"));
        let scale = share.max(1.0);
        assert!(
            (bar_width / track_width - share / scale).abs() < 0.001,
            "{share}: {bar_width} of {track_width}"
        );
        // Beyond the target, a mark shows where 100 % is.
        let marks = elements(&doc, "mark", "polyline");
        if share > 1.0 {
            let x = points(&marks[0])[0].0 - num(track, "x");
            assert!((x / track_width - 1.0 / share).abs() < 0.001);
        } else {
            assert!(marks.is_empty());
        }
        // Status as text, not only colour.
        assert!(doc.descendants().any(|n| n.text() == Some("Đã đạt")));
    }
}

#[test]
fn sparkline_marks_its_last_point_only() {
    let (old, new) = (old_values(), new_values());
    let segments = [
        Segment {
            standard: "a",
            points: &old,
        },
        Segment {
            standard: "b",
            points: &new,
        },
    ];
    let svg = Sparkline {
        title: "t",
        description: "d",
        segments: &segments,
    }
    .render("s");
    let doc = parse(&svg);
    let lines = elements(&doc, "actual", "polyline");
    assert_eq!(lines.len(), 2, "segments are not joined");
    let last_point = *points(&lines[1]).last().unwrap();
    let circles: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .collect();
    assert_eq!(circles.len(), 1);
    assert_eq!((num(&circles[0], "cx"), num(&circles[0], "cy")), last_point);
    assert!(doc.descendants().all(|n| !n.has_tag_name("text")));
}

// ---- Robustness ----

/// A robustness case: name, segments, target, zero baseline.
type Case = (
    &'static str,
    Vec<Vec<(Period, f64)>>,
    Option<TargetLine>,
    bool,
);

#[test]
fn odd_data_never_produces_nan_or_broken_svg() {
    let p = |y| Period::Year(y);
    let cases: Vec<Case> = vec![
        ("no data", vec![], None, true),
        ("empty segments", vec![vec![], vec![]], None, true),
        ("single point", vec![vec![(p(2020), 4.2)]], None, true),
        (
            "all equal",
            vec![vec![(p(2020), 3.0), (p(2021), 3.0)]],
            None,
            false,
        ),
        (
            "all zero",
            vec![vec![(p(2020), 0.0), (p(2021), 0.0)]],
            None,
            true,
        ),
        (
            "negative",
            vec![vec![(p(2020), -5.0), (p(2021), 2.0)]],
            None,
            true,
        ),
        (
            "huge",
            vec![vec![(p(2020), 1e12), (p(2021), 2.5e12)]],
            None,
            true,
        ),
        (
            "extreme",
            vec![vec![(p(2020), -1e308), (p(2021), 1e308)]],
            None,
            false,
        ),
        (
            "non-finite values",
            vec![vec![
                (p(2019), f64::NAN),
                (p(2020), f64::INFINITY),
                (p(2021), 1.0),
            ]],
            None,
            true,
        ),
        (
            "target only",
            vec![],
            Some(TargetLine {
                baseline_period: p(2015),
                baseline: 10.0,
                due: p(2020),
                value: 5.0,
            }),
            true,
        ),
        (
            "non-finite target",
            vec![vec![(p(2020), 1.0)]],
            Some(TargetLine {
                baseline_period: p(2015),
                baseline: f64::NAN,
                due: p(2020),
                value: f64::NEG_INFINITY,
            }),
            true,
        ),
        (
            "same baseline and due",
            vec![vec![(p(2020), 1.0)]],
            Some(TargetLine {
                baseline_period: p(2020),
                baseline: 1.0,
                due: p(2020),
                value: 1.0,
            }),
            true,
        ),
    ];
    let odd_bands = [
        Band {
            start: f64::NAN,
            end: 2020.0,
            label: "",
        },
        Band {
            start: 2030.0,
            end: 2020.0,
            label: "backwards",
        },
        Band {
            start: 1900.0,
            end: 2200.0,
            label: "a very long plan period label that cannot fit anywhere in the chart",
        },
    ];
    for (name, data, target, zero) in cases {
        let segments: Vec<Segment> = data
            .iter()
            .map(|points| Segment {
                standard: "s",
                points,
            })
            .collect();
        let chart = TrendChart {
            title: name,
            description: "",
            segments: &segments,
            target,
            bands: &odd_bands,
            zero_baseline: zero,
            unit: "",
        };
        let svg = with_labels(|l| chart.render(l, ""));
        assert_clean(name, &svg);
        let spark = Sparkline {
            title: name,
            description: "",
            segments: &segments,
        };
        assert_clean(name, &spark.render("s"));
    }
    for share in [f64::NAN, f64::INFINITY, -3.0, 0.0, 1e12] {
        assert_clean("progress", &progress(share));
    }
}

/// Well-formed, every number finite, the no-data message where there is no data.
fn assert_clean(name: &str, svg: &str) {
    let lower = svg.to_lowercase();
    assert!(
        !lower.contains("nan") && !lower.contains("inf"),
        "{name}: {svg}"
    );
    let doc = parse(svg);
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attr in node.attributes() {
            if ["x", "y", "width", "height", "cx", "cy", "r", "points"].contains(&attr.name()) {
                for n in attr.value().split([' ', ',']) {
                    assert!(
                        n.parse::<f64>().is_ok_and(f64::is_finite),
                        "{name}: {attr:?}"
                    );
                }
            }
            if attr.name() == "width" || attr.name() == "height" {
                assert!(node != doc.root_element() && !attr.value().starts_with('-'));
            }
        }
    }
}
