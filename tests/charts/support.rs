//! Helpers of the chart tests: a Vietnamese formatter, the demo data, and SVG reading.

use baocao::charts::{Band, Labels, Segment, TargetLine, TrendChart};
use baocao::data::period::Period;
use roxmltree::{Document, Node};

// ---- A small Vietnamese formatter, and its inverse ----

/// `1234.5` → `1.234,5`: `.` groups thousands, `,` marks decimals, `−` for minus.
pub fn vi(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// The number at the start of a Vietnamese-formatted text (`4,07 %` → 4.07).
pub fn parse_vi(text: &str) -> Option<f64> {
    let number: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '−'))
        .filter(|c| *c != '.')
        .map(|c| match c {
            ',' => '.',
            '−' => '-',
            c => c,
        })
        .collect();
    number.parse().ok()
}

pub fn period_vi(p: Period) -> String {
    match p {
        Period::Year(y) => y.to_string(),
        Period::Quarter(y, q) => format!("Q{q}/{y}"),
        Period::Month(y, m) => format!("{m:02}/{y}"),
    }
}

/// The period a time-axis label names.
pub fn parse_period(text: &str) -> Option<Period> {
    if let Some(rest) = text.strip_prefix('Q') {
        let (q, y) = rest.split_once('/')?;
        return Some(Period::Quarter(y.parse().ok()?, q.parse().ok()?));
    }
    match text.split_once('/') {
        Some((m, y)) => Some(Period::Month(y.parse().ok()?, m.parse().ok()?)),
        None if text.len() == 4 => Some(Period::Year(text.parse().ok()?)),
        None => None,
    }
}

pub fn percent(v: f64) -> String {
    format!("{} %", vi(v, 2))
}

pub fn axis(v: f64) -> String {
    vi(v, if v.fract() == 0.0 { 0 } else { 1 })
}

pub fn with_labels<R>(f: impl FnOnce(&Labels) -> R) -> R {
    f(&Labels {
        format_value: &percent,
        format_target: &percent,
        format_axis: &axis,
        period_label: &period_vi,
        target: "Mục tiêu",
        standard_break: "Đổi chuẩn",
        no_data: "Chưa có số liệu",
    })
}

// ---- The demo data: Phú Lộc's poor-household rate ----

pub fn years(from: i32, values: &[f64]) -> Vec<(Period, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| (Period::Year(from + i as i32), v))
        .collect()
}

pub const BANDS: [Band; 2] = [
    Band {
        start: 2016.0,
        end: 2021.0,
        label: "2016–2020",
    },
    Band {
        start: 2021.0,
        end: 2026.0,
        label: "2021–2025",
    },
];

pub const TARGET: TargetLine = TargetLine {
    baseline_period: Period::Year(2015),
    baseline: 10.51,
    due: Period::Year(2020),
    value: 4.85,
};

pub fn phu_loc(old: &[(Period, f64)], new: &[(Period, f64)], id: &str) -> String {
    let segments = [
        Segment {
            standard: "QĐ 59/2015",
            points: old,
        },
        Segment {
            standard: "NĐ 07/2021",
            points: new,
        },
    ];
    let chart = TrendChart {
        title: "Tỷ lệ hộ nghèo, Huyện Phú Lộc",
        description: "Giảm từ 10,51 % (2015) xuống 4,07 % (2024).",
        segments: &segments,
        target: Some(TARGET),
        bands: &BANDS,
        zero_baseline: true,
        unit: "%",
    };
    with_labels(|labels| chart.render(labels, id))
}

pub fn old_values() -> Vec<(Period, f64)> {
    years(2015, &[10.51, 9.32, 7.93, 6.71, 5.62, 4.46])
}

pub fn new_values() -> Vec<(Period, f64)> {
    years(2021, &[8.67, 7.05, 5.41, 4.07])
}

// ---- Reading the SVG ----

pub fn parse(svg: &str) -> Document<'_> {
    Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

/// The `<g class="bc-…">` groups of a class.
pub fn groups<'a>(doc: &'a Document, class: &str) -> Vec<Node<'a, 'a>> {
    let class = format!("bc-{class}");
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class.as_str()))
        .collect()
}

pub fn elements<'a>(doc: &'a Document, class: &str, tag: &str) -> Vec<Node<'a, 'a>> {
    groups(doc, class)
        .into_iter()
        .flat_map(|g| {
            g.children()
                .filter(|n| n.has_tag_name(tag))
                .collect::<Vec<_>>()
        })
        .collect()
}

pub fn num(node: &Node, name: &str) -> f64 {
    let value = node.attribute(name).unwrap_or_else(|| panic!("no {name}"));
    value.parse().unwrap_or_else(|_| panic!("{name}={value}"))
}

pub fn points(node: &Node) -> Vec<(f64, f64)> {
    node.attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// An attribute as it applies to a node: its own or its nearest ancestor's.
pub fn inherited<'a>(node: &Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.ancestors().find_map(|n| n.attribute(name))
}

/// A linear map fitted through two (pixel, value) pairs: value → pixel.
pub struct Scale {
    offset: f64,
    slope: f64,
}

impl Scale {
    pub fn through(a: (f64, f64), b: (f64, f64)) -> Scale {
        let slope = (b.0 - a.0) / (b.1 - a.1);
        Scale {
            offset: a.0 - slope * a.1,
            slope,
        }
    }

    pub fn value(&self, pixel: f64) -> f64 {
        (pixel - self.offset) / self.slope
    }

    /// The value error of a pixel error of 0.15 units (plotters' integer pixels at 10× plus
    /// rounding to one decimal, at both ends of the fit).
    pub fn tolerance(&self) -> f64 {
        0.15 / self.slope.abs()
    }
}

/// The value and time scales of a trend chart, read from its axis labels.
pub fn trend_scales(doc: &Document) -> (Scale, Scale) {
    let texts = elements(doc, "axis", "text");
    let ys: Vec<(f64, f64)> = texts
        .iter()
        .filter(|t| t.attribute("text-anchor") == Some("end"))
        .map(|t| (num(t, "y"), parse_vi(t.text().unwrap()).unwrap()))
        .collect();
    assert!(ys.len() >= 3, "value labels: {ys:?}");
    // Time labels away from the edges are centred on their period's time, unshifted.
    let xs: Vec<(f64, f64)> = texts
        .iter()
        .filter(|t| t.attribute("text-anchor") == Some("middle"))
        .filter_map(|t| Some((num(t, "x"), parse_period(t.text()?)?.time())))
        .filter(|(x, _)| (60.0..420.0).contains(x))
        .collect();
    assert!(xs.len() >= 2, "time labels: {xs:?}");
    (
        Scale::through(xs[0], xs[xs.len() - 1]),
        Scale::through(ys[0], ys[ys.len() - 1]),
    )
}

pub fn assert_maps_to(pixel: (f64, f64), data: (f64, f64), x: &Scale, y: &Scale) {
    let (t, v) = (x.value(pixel.0), y.value(pixel.1));
    assert!(
        (t - data.0).abs() <= x.tolerance() && (v - data.1).abs() <= y.tolerance(),
        "pixel {pixel:?} maps to ({t}, {v}), expected {data:?}"
    );
}

pub fn as_times(values: &[(Period, f64)]) -> Vec<(f64, f64)> {
    values.iter().map(|(p, v)| (p.time(), *v)).collect()
}

pub fn points_of(doc: &Document) -> Vec<(f64, f64)> {
    elements(doc, "actual", "polyline")
        .iter()
        .flat_map(points)
        .collect()
}
