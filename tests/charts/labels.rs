//! Labels of the trend chart never overlap: each text's box, estimated as the chart lays it out
//! (`text_width`, 1.2 em tall), is clear of every other text and every marker.

use crate::support::*;
use baocao::charts::{Band, FONT_SIZE, Segment, TargetLine, TrendChart, text_width};
use baocao::data::period::Period;
use roxmltree::Node;

/// The least room kept between a direct label and another label or a marker.
const MIN_GAP: f64 = 4.0;

#[derive(Clone, Copy, Debug)]
struct Box {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Box {
    /// The room between two boxes: negative when they intersect.
    fn gap(&self, other: &Box) -> f64 {
        let dx = self.x0.max(other.x0) - self.x1.min(other.x1);
        let dy = self.y0.max(other.y0) - self.y1.min(other.y1);
        dx.max(dy)
    }
}

/// A text of the chart: its group (`axis` or `labels`), its words and its box.
#[derive(Debug)]
struct Text {
    group: String,
    text: String,
    rect: Box,
}

/// Every `<text>` with its estimated box (the `y` of chart text is its centre line).
fn texts(doc: &roxmltree::Document) -> Vec<Text> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            let text = t.text().unwrap_or_default().to_string();
            let bold = inherited(&t, "font-weight") == Some("bold");
            let w = text_width(&text, FONT_SIZE, bold);
            let (x, y) = (num(&t, "x"), num(&t, "y"));
            let x0 = match inherited(&t, "text-anchor") {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            let h = FONT_SIZE * 1.2;
            let group = t
                .ancestors()
                .find_map(|g: Node| g.attribute("class").filter(|c| c.starts_with("bc-")))
                .unwrap_or_default()
                .trim_start_matches("bc-")
                .to_string();
            Text {
                group,
                text,
                rect: Box {
                    x0,
                    y0: y - h / 2.0,
                    x1: x0 + w,
                    y1: y + h / 2.0,
                },
            }
        })
        .collect()
}

/// The boxes of the value markers and the target's diamond.
fn markers(doc: &roxmltree::Document) -> Vec<Box> {
    let circles = elements(doc, "points", "circle").into_iter().map(|c| {
        let (x, y, r) = (num(&c, "cx"), num(&c, "cy"), num(&c, "r"));
        Box {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    });
    let diamonds = elements(doc, "points", "polygon").into_iter().map(|p| {
        let corners = points(&p);
        let fold = |f: fn(f64, f64) -> f64, i: usize, start: f64| {
            corners
                .iter()
                .map(|c| if i == 0 { c.0 } else { c.1 })
                .fold(start, f)
        };
        Box {
            x0: fold(f64::min, 0, f64::INFINITY),
            y0: fold(f64::min, 1, f64::INFINITY),
            x1: fold(f64::max, 0, f64::NEG_INFINITY),
            y1: fold(f64::max, 1, f64::NEG_INFINITY),
        }
    });
    circles.chain(diamonds).collect()
}

/// No two texts intersect; direct labels keep [`MIN_GAP`] from each other and from markers;
/// the unit and the band labels above the plot are an em apart; nothing leaves the chart.
fn assert_no_overlap(svg: &str, case: &str) {
    let doc = parse(svg);
    let texts = texts(&doc);
    let tolerance = 0.11; // coordinates are written to one decimal
    for (i, a) in texts.iter().enumerate() {
        assert!(
            a.rect.x0 >= -tolerance && a.rect.x1 <= 480.0 + tolerance,
            "{case}: {a:?} leaves the chart"
        );
        for b in &texts[i + 1..] {
            let gap = a.rect.gap(&b.rect);
            assert!(gap > -tolerance, "{case}: {a:?} and {b:?} intersect\n{svg}");
            if a.group == "labels" || b.group == "labels" {
                assert!(
                    gap >= MIN_GAP - tolerance,
                    "{case}: {:?} and {:?} only {gap:.1} apart",
                    a.text,
                    b.text
                );
            }
            let top_line = |t: &Text| t.group == "axis" && (t.rect.y0 + t.rect.y1) / 2.0 < 30.0;
            if top_line(a) && top_line(b) {
                assert!(
                    gap >= FONT_SIZE - tolerance,
                    "{case}: {:?} crowds {:?} ({gap:.1} apart)",
                    a.text,
                    b.text
                );
            }
        }
    }
    let markers = markers(&doc);
    for label in texts.iter().filter(|t| t.group == "labels") {
        for m in &markers {
            let gap = label.rect.gap(m);
            assert!(
                gap >= MIN_GAP - tolerance,
                "{case}: {:?} is {gap:.1} from a marker {m:?}\n{svg}",
                label.text
            );
        }
    }
}

/// Quận 11's poor-household rate as the demo site has it: three standards (a break between
/// 2018 and 2019 and another inside 2020, 1.5 years apart), quarters of 2024 beside the year,
/// and the 2025 target of 0.5 % just below the latest value.
fn quan_11(unit: &str, scale: f64) -> String {
    let a = [(Period::Year(2018), 0.0)];
    let b = [(Period::Year(2019), 0.07), (Period::Year(2020), 0.04)];
    let mut c = years(2020, &[0.98, 0.86, 0.71, 0.58]);
    c.extend([
        (Period::Quarter(2024, 1), 0.57),
        (Period::Quarter(2024, 2), 0.55),
        (Period::Quarter(2024, 3), 0.54),
        (Period::Quarter(2024, 4), 0.52),
        (Period::Year(2024), 0.52),
    ]);
    let scaled = |v: &[(Period, f64)]| -> Vec<(Period, f64)> {
        v.iter().map(|&(p, x)| (p, x * scale)).collect()
    };
    let (a, b, c) = (scaled(&a), scaled(&b), scaled(&c));
    let segments = [
        Segment {
            standard: "Chuẩn nghèo TP.HCM giai đoạn 2016–2020",
            points: &a,
        },
        Segment {
            standard: "Chuẩn nghèo TP.HCM giai đoạn 2019–2020",
            points: &b,
        },
        Segment {
            standard: "Chuẩn nghèo TP.HCM theo Quyết định 995/QĐ-UBND",
            points: &c,
        },
    ];
    let chart = TrendChart {
        title: "Tỷ lệ hộ nghèo, Quận 11",
        description: "d",
        segments: &segments,
        target: Some(TargetLine {
            baseline_period: Period::Year(2020),
            baseline: 0.98 * scale,
            due: Period::Year(2025),
            value: 0.5 * scale,
        }),
        bands: &BANDS,
        zero_baseline: true,
        unit,
    };
    let format = |v: f64| format!("{} {unit}", vi(v, 2));
    with_labels(|labels| {
        let labels = baocao::charts::Labels {
            format_value: &format,
            format_target: &format,
            ..*labels
        };
        chart.render(&labels, "q11")
    })
}

#[test]
fn quan_11_labels_are_clear_of_each_other_and_of_the_target() {
    let svg = quan_11("%", 1.0);
    assert_no_overlap(&svg, "Quận 11");
    let doc = parse(&svg);
    let labels: Vec<String> = texts(&doc)
        .into_iter()
        .filter(|t| t.group == "labels")
        .map(|t| t.text)
        .collect();
    // Both breaks and both values are still labelled: staggered, not dropped.
    assert_eq!(
        labels.iter().filter(|t| *t == "Đổi chuẩn").count(),
        2,
        "{labels:?}"
    );
    assert!(labels.contains(&"0,52 %".to_string()), "{labels:?}");
    assert!(
        labels.contains(&"Mục tiêu 0,50 %".to_string()),
        "{labels:?}"
    );
}

#[test]
fn a_long_unit_keeps_an_em_from_the_band_labels() {
    for (unit, scale) in [("người", 600.0), ("hộ", 600.0), ("đồng/người/năm", 4e7)] {
        let svg = quan_11(unit, scale);
        assert_no_overlap(&svg, unit);
        let doc = parse(&svg);
        let axis: Vec<String> = texts(&doc)
            .into_iter()
            .filter(|t| t.group == "axis")
            .map(|t| t.text)
            .collect();
        assert!(axis.contains(&unit.to_string()), "{axis:?}");
    }
}

#[test]
fn labels_never_overlap_whatever_the_breaks_and_the_target() {
    // Breaks 1 to 4 years apart, the latest value above, at and below the target, short and
    // long units, narrow and wide plan bands: every layout is checked.
    let bands = [
        Band {
            start: 2011.0,
            end: 2016.0,
            label: "2011–2015",
        },
        BANDS[0],
        BANDS[1],
    ];
    let mut cases = 0;
    for apart in 1..=4 {
        for (latest, target) in [(4.0, 3.0), (3.05, 3.0), (2.5, 3.0), (6.0, 0.2)] {
            for unit in ["%", "người", "đồng/người/năm"] {
                for first in [2013, 2015, 2018] {
                    let old = years(first, &[9.0, 8.2]);
                    let middle = years(first + 1 + apart, &[7.5]);
                    let new = years(first + 2 + 2 * apart, &[7.0, 5.5, latest]);
                    let segments = [
                        Segment {
                            standard: "a",
                            points: &old,
                        },
                        Segment {
                            standard: "b",
                            points: &middle,
                        },
                        Segment {
                            standard: "c",
                            points: &new,
                        },
                    ];
                    let due = new.last().unwrap().0.year() + 1;
                    let chart = TrendChart {
                        title: "t",
                        description: "d",
                        segments: &segments,
                        target: Some(TargetLine {
                            baseline_period: new[0].0,
                            baseline: 7.0,
                            due: Period::Year(due),
                            value: target,
                        }),
                        bands: &bands,
                        zero_baseline: true,
                        unit,
                    };
                    let format = |v: f64| format!("{} {unit}", vi(v, 2));
                    let svg = with_labels(|labels| {
                        let labels = baocao::charts::Labels {
                            format_value: &format,
                            format_target: &format,
                            ..*labels
                        };
                        chart.render(&labels, "c")
                    });
                    assert_no_overlap(&svg, &format!("{apart} {latest} {unit} {first}"));
                    cases += 1;
                }
            }
        }
    }
    assert_eq!(cases, 144);
}
