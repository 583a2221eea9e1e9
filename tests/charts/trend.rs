//! The trend chart: lines, target, bands, breaks and axes mapped back to the data.

use crate::support::*;
use baocao::charts::{Segment, TargetLine, TrendChart};
use baocao::data::period::Period;

#[test]
fn trend_lines_map_back_to_the_data_and_break_at_the_new_standard() {
    let (old, new) = (old_values(), new_values());
    let svg = phu_loc(&old, &new, "t");
    let doc = parse(&svg);
    let (x, y) = trend_scales(&doc);

    // One polyline per standard: nothing joins 2020 (old) to 2021 (new).
    let lines = elements(&doc, "actual", "polyline");
    assert_eq!(lines.len(), 2, "{svg}");
    for (line, data) in lines.iter().zip([as_times(&old), as_times(&new)]) {
        let pts = points(line);
        assert_eq!(pts.len(), data.len());
        for (p, d) in pts.iter().zip(&data) {
            assert_maps_to(*p, *d, &x, &y);
        }
    }
    // Each standard is named on its line.
    let tips: Vec<_> = groups(&doc, "actual")
        .iter()
        .map(|g| {
            g.children()
                .find(|n| n.has_tag_name("title"))
                .unwrap()
                .text()
        })
        .collect();
    assert_eq!(tips, [Some("QĐ 59/2015"), Some("NĐ 07/2021")]);

    // Markers at every value.
    let circles = elements(&doc, "points", "circle");
    assert_eq!(circles.len(), 10);
    for (c, d) in circles
        .iter()
        .zip(as_times(&old).into_iter().chain(as_times(&new)))
    {
        assert_maps_to((num(c, "cx"), num(c, "cy")), d, &x, &y);
    }

    // The break: a dashed vertical rule between the two segments, labelled.
    let rules = elements(&doc, "break", "polyline");
    assert_eq!(rules.len(), 1);
    let rule = points(&rules[0]);
    assert_eq!(rule[0].0, rule[1].0, "vertical");
    let t = x.value(rule[0].0);
    assert!(t > 2021.0 && t < 2022.0, "break at {t}");
    assert!(inherited(&rules[0], "stroke-dasharray").is_some());
    let labels: Vec<_> = elements(&doc, "labels", "text");
    assert!(labels.iter().any(|l| l.text() == Some("Đổi chuẩn")));
}

#[test]
fn trend_target_runs_from_baseline_to_target_with_its_own_marker() {
    let svg = phu_loc(&old_values(), &new_values(), "t");
    let doc = parse(&svg);
    let (x, y) = trend_scales(&doc);
    let paths = elements(&doc, "target", "polyline");
    assert_eq!(paths.len(), 1);
    let path = points(&paths[0]);
    assert_eq!(path.len(), 2);
    assert_maps_to(path[0], (2016.0, 10.51), &x, &y);
    assert_maps_to(path[1], (2021.0, 4.85), &x, &y);
    assert!(inherited(&paths[0], "stroke-dasharray").is_some(), "dashed");
    assert_eq!(inherited(&paths[0], "stroke"), Some("#d55e00"));
    // A diamond (not a circle: shape, not only colour) centred on the target point.
    let diamonds = elements(&doc, "points", "polygon");
    assert_eq!(diamonds.len(), 1);
    let corners = points(&diamonds[0]);
    assert_eq!(corners.len(), 4);
    let centre = (
        corners.iter().map(|c| c.0).sum::<f64>() / 4.0,
        corners.iter().map(|c| c.1).sum::<f64>() / 4.0,
    );
    assert_maps_to(centre, (2021.0, 4.85), &x, &y);
    let labels = elements(&doc, "labels", "text");
    assert!(labels.iter().any(|l| l.text() == Some("Mục tiêu 4,85 %")));
}

#[test]
fn trend_bands_axis_and_end_label() {
    let svg = phu_loc(&old_values(), &new_values(), "t");
    let doc = parse(&svg);
    let (x, y) = trend_scales(&doc);

    // Two shaded bands meeting at 2021.0, both labelled.
    let bands = elements(&doc, "bands", "rect");
    assert_eq!(bands.len(), 2);
    let boundary = num(&bands[1], "x");
    assert!((num(&bands[0], "x") + num(&bands[0], "width") - boundary).abs() < 0.2);
    assert!((x.value(boundary) - 2021.0).abs() <= x.tolerance());
    assert_ne!(bands[0].attribute("fill"), bands[1].attribute("fill"));
    let axis_texts: Vec<_> = elements(&doc, "axis", "text")
        .iter()
        .filter_map(|t| t.text())
        .collect();
    assert!(axis_texts.contains(&"2016–2020") && axis_texts.contains(&"2021–2025"));
    assert!(axis_texts.contains(&"%"), "unit shown");

    // Value ticks: nice steps from 0, formatted by the caller's formatter.
    let ticks: Vec<f64> = elements(&doc, "axis", "text")
        .iter()
        .filter(|t| t.attribute("text-anchor") == Some("end"))
        .map(|t| parse_vi(t.text().unwrap()).unwrap())
        .collect();
    assert_eq!(ticks, [0.0, 2.5, 5.0, 7.5, 10.0, 12.5]);
    assert!(axis_texts.contains(&"12,5"));

    // Time labels are years, in order, never overlapping (at a generous 0.7 em per char).
    let time: Vec<(f64, &str)> = elements(&doc, "axis", "text")
        .iter()
        .filter(|t| t.attribute("text-anchor") == Some("middle"))
        .filter(|t| parse_period(t.text().unwrap()).is_some())
        .map(|t| (num(t, "x"), t.text().unwrap()))
        .collect();
    assert!(time.len() >= 4, "{time:?}");
    for w in time.windows(2) {
        let half = |s: &str| s.chars().count() as f64 * 0.7 * 16.0 / 2.0;
        assert!(w[0].0 + half(w[0].1) < w[1].0 - half(w[1].1), "{time:?}");
    }
    assert_eq!(
        time.last().unwrap().1,
        "2024",
        "the latest period is labelled"
    );

    // The latest value is written next to the end of its line, in place of a legend.
    let last = elements(&doc, "points", "circle")
        .last()
        .map(|c| (num(c, "cx"), num(c, "cy")))
        .unwrap();
    assert_maps_to(last, (2025.0, 4.07), &x, &y);
    let end = elements(&doc, "labels", "text")
        .into_iter()
        .find(|t| t.text() == Some("4,07 %"))
        .expect("latest value labelled");
    assert!((num(&end, "x") - last.0).abs() < 40.0 && (num(&end, "y") - last.1).abs() < 40.0);
    assert_eq!(end.attribute("font-weight"), Some("bold"));
}

#[test]
fn trend_time_axis_uses_quarters_and_months_as_given() {
    for (values, expect) in [
        (
            (0..12)
                .map(|i| {
                    (
                        Period::Quarter(2022 + i / 4, (i % 4) as u8 + 1),
                        100.0 - f64::from(i),
                    )
                })
                .collect::<Vec<_>>(),
            "Q4/2024",
        ),
        (
            (0..36)
                .map(|i| {
                    (
                        Period::Month(2022 + i / 12, (i % 12) as u8 + 1),
                        50.0 + f64::from(i),
                    )
                })
                .collect(),
            "12/2024",
        ),
    ] {
        let segments = [Segment {
            standard: "",
            points: &values,
        }];
        let chart = TrendChart {
            title: "t",
            description: "d",
            segments: &segments,
            target: None,
            bands: &BANDS,
            zero_baseline: false,
            unit: "hộ",
        };
        let svg = with_labels(|l| chart.render(l, "q"));
        let doc = parse(&svg);
        let (x, y) = trend_scales(&doc);
        let line = points_of(&doc);
        for (p, d) in line.iter().zip(as_times(&values)) {
            assert_maps_to(*p, d, &x, &y);
        }
        let time: Vec<_> = elements(&doc, "axis", "text")
            .iter()
            .filter_map(|t| t.text())
            .filter(|t| parse_period(t).is_some())
            .collect();
        assert_eq!(time.last(), Some(&expect), "{time:?}");
        assert!(time.len() >= 3 && time.len() <= 8, "{time:?}");
        assert!(svg.len() <= 15_000, "{} bytes", svg.len());
    }
}

#[test]
fn a_target_below_zero_is_drawn_at_the_floor() {
    let values = years(2020, &[3.0, 2.0, 1.2]);
    let segments = [Segment {
        standard: "s",
        points: &values,
    }];
    let chart = TrendChart {
        title: "t",
        description: "d",
        segments: &segments,
        target: Some(TargetLine {
            baseline_period: Period::Year(2020),
            baseline: 3.0,
            due: Period::Year(2023),
            value: -1.5,
        }),
        bands: &[],
        zero_baseline: true,
        unit: "%",
    };
    let svg = with_labels(|l| chart.render(l, "floor"));
    let doc = parse(&svg);
    let (x, y) = trend_scales(&doc);
    let path = points(&elements(&doc, "target", "polyline")[0]);
    assert_maps_to(path[1], (2024.0, 0.0), &x, &y);
    let lowest = elements(&doc, "axis", "text")
        .iter()
        .filter(|t| t.attribute("text-anchor") == Some("end"))
        .map(|t| parse_vi(t.text().unwrap()).unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(lowest, 0.0, "the axis does not go below the floor");
    // The label still tells the real target.
    assert!(
        doc.descendants()
            .any(|n| n.text() == Some("Mục tiêu −1,50 %"))
    );
}

#[test]
fn no_data_shows_the_message() {
    let chart = TrendChart {
        title: "t",
        description: "d",
        segments: &[],
        target: None,
        bands: &BANDS,
        zero_baseline: true,
        unit: "%",
    };
    let svg = with_labels(|l| chart.render(l, "empty"));
    let doc = parse(&svg);
    assert!(
        doc.descendants()
            .any(|n| n.text() == Some("Chưa có số liệu"))
    );
    assert!(groups(&doc, "actual").is_empty());
}

#[test]
fn yearly_values_mixed_with_quarters_are_labelled_by_year() {
    let mut values: Vec<(Period, f64)> = (2018..2021).map(|y| (Period::Year(y), 1.0)).collect();
    values.extend((0..16).map(|i| {
        (
            Period::Quarter(2021 + i / 4, (i % 4) as u8 + 1),
            0.9 - f64::from(i) / 40.0,
        )
    }));
    let segments = [Segment {
        standard: "",
        points: &values,
    }];
    let chart = TrendChart {
        title: "t",
        description: "d",
        segments: &segments,
        target: None,
        bands: &BANDS,
        zero_baseline: true,
        unit: "%",
    };
    let svg = with_labels(|l| chart.render(l, "m"));
    let doc = parse(&svg);
    let time: Vec<_> = elements(&doc, "axis", "text")
        .iter()
        .filter_map(|t| t.text())
        .filter(|t| parse_period(t).is_some())
        .collect();
    assert!(time.iter().all(|t| !t.starts_with('Q')), "{time:?}");
    assert_eq!(time.last(), Some(&"2024"), "{time:?}");
}
