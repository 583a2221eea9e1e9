//! The comparison chart: the latest value of an indicator in several areas, as horizontal
//! bars.
//!
//! Each row is the area's name on a line of its own (names stay readable on a phone, however
//! long) over a bar with the value written at its end. Bars grow right from zero, or left
//! for negative values from a zero line. An optional target is a dashed vertical line,
//! labelled at the top.

use super::axis::limit;
use super::layout::{
    Anchor, Frame, HALO, LINE_HEIGHT, Label, draw_labels, empty_state, text_width,
};
use super::svg::{Document, DrawError, Layer};
use super::{ACTUAL, AXIS, ComparisonChart, FONT_SIZE, Labels, TARGET, TEXT, WIDTH};
use plotters::element::{PathElement, Rectangle};
use plotters::style::Color;

/// Height of one row: the name, then the bar.
const ROW: f64 = 46.0;
/// Thickness of a bar.
const BAR: f64 = 16.0;
/// Space between a bar's end and its value.
const GAP: f64 = 6.0;
/// Height of the chart without data.
const EMPTY_HEIGHT: f64 = 120.0;

impl ComparisonChart<'_> {
    /// The chart as an `<svg>` element; `id_prefix` makes its ids unique on the page.
    ///
    /// The height grows with the number of rows (46 units each). Without rows that have
    /// a finite value, the chart is an empty state showing [`Labels::no_data`].
    pub fn render(&self, labels: &Labels, id_prefix: &str) -> String {
        let rows: Vec<(&str, f64)> = self
            .rows
            .iter()
            .filter(|(_, v)| v.is_finite())
            .map(|&(name, v)| (name, limit(v)))
            .collect();
        let target = self.target.filter(|t| t.is_finite()).map(limit);
        let header = if target.is_some() {
            LINE_HEIGHT + 8.0
        } else {
            4.0
        };
        let height = if rows.is_empty() {
            EMPTY_HEIGHT
        } else {
            header + rows.len() as f64 * ROW + 4.0
        };
        let doc = Document {
            kind: "comparison",
            id_prefix,
            title: self.title,
            description: self.description,
            size: (WIDTH, height),
        };
        let layers = if rows.is_empty() {
            empty_state((WIDTH, height), labels.no_data).map(|l| vec![l])
        } else {
            layers(&rows, target, labels, header, height)
        };
        doc.finish(&layers.unwrap_or_default())
    }
}

/// The value scale: bars and their value labels fill the width, whatever the signs.
fn frame(rows: &[(&str, f64)], values: &[String], target: Option<f64>, height: f64) -> Frame {
    let mut room = (0.0f64, 0.0f64);
    let mut reach = (0.0f64, 0.0f64);
    for (&(_, v), text) in rows.iter().zip(values) {
        let w = text_width(text, FONT_SIZE, false) + GAP;
        if v < 0.0 {
            room.0 = room.0.max(w);
            reach.0 = reach.0.max(-v);
        } else {
            room.1 = room.1.max(w);
            reach.1 = reach.1.max(v);
        }
    }
    if let Some(t) = target {
        reach = (reach.0.max(-t), reach.1.max(t));
    }
    let span = if reach.0 + reach.1 > 0.0 {
        reach.0 + reach.1
    } else {
        1.0
    };
    let width = (WIDTH - 4.0 - room.0 - room.1).max(WIDTH / 4.0);
    let per_unit = span / width;
    let zero = 2.0 + room.0 + reach.0 / per_unit;
    Frame {
        left: 0.0,
        top: 0.0,
        right: WIDTH,
        bottom: height,
        x: (-zero * per_unit, (WIDTH - zero) * per_unit),
        // User units from the top: row positions are drawn as they are.
        y: (height, 0.0),
    }
}

/// A name shortened with `…` to fit the chart width.
fn fit(name: &str) -> String {
    let mut text = name.to_owned();
    while text_width(&text, FONT_SIZE, false) > WIDTH - 4.0 && text.pop().is_some() {
        while text.ends_with(' ') {
            text.pop();
        }
        if text_width(&format!("{text}…"), FONT_SIZE, false) <= WIDTH - 4.0 {
            return format!("{text}…");
        }
    }
    text
}

fn layers(
    rows: &[(&str, f64)],
    target: Option<f64>,
    labels: &Labels,
    header: f64,
    height: f64,
) -> Result<Vec<Layer>, DrawError> {
    let size = (WIDTH, height);
    let values: Vec<String> = rows
        .iter()
        .map(|&(_, v)| (labels.format_value)(v))
        .collect();
    let f = frame(rows, &values, target, height);
    let bar_top = |i: usize| header + i as f64 * ROW + LINE_HEIGHT + 4.0;
    let mut texts = Vec::new();
    for (i, (&(name, v), value)) in rows.iter().zip(&values).enumerate() {
        let row = header + i as f64 * ROW;
        texts.push(Label::new(
            &fit(name),
            2.0,
            row + LINE_HEIGHT / 2.0 + 2.0,
            Anchor::Start,
            TEXT,
        ));
        let (x, anchor) = if v < 0.0 {
            (f.px(v) - GAP, Anchor::End)
        } else {
            (f.px(v) + GAP, Anchor::Start)
        };
        texts.push(Label::new(value, x, bar_top(i) + BAR / 2.0, anchor, TEXT));
    }
    let mut layers = vec![
        Layer::new("bars", &[("fill", ACTUAL.hex())]).draw(size, |root| {
            let chart = f.chart(root)?;
            let area = chart.plotting_area();
            for (i, &(_, v)) in rows.iter().enumerate() {
                let y = bar_top(i);
                let corners = [(v.min(0.0), y), (v.max(0.0), y + BAR)];
                area.draw(&Rectangle::new(corners, ACTUAL.rgb().filled()))?;
            }
            Ok(())
        })?,
        // With negative values, a zero line shows where bars turn; otherwise the common
        // start of the bars is line enough.
        Layer::new("axis", &[("stroke", AXIS.hex())]).draw(size, |root| {
            if rows.iter().any(|&(_, v)| v < 0.0) {
                let line = vec![(0.0, header - 2.0), (0.0, height - 2.0)];
                f.chart(root)?
                    .plotting_area()
                    .draw(&PathElement::new(line, AXIS.rgb().stroke_width(10)))?;
            }
            Ok(())
        })?,
    ];
    if let Some(t) = target {
        let dash = [
            ("stroke", TARGET.hex()),
            ("stroke-width", "2.5"),
            ("stroke-dasharray", "8 5"),
        ];
        layers.push(Layer::new("target", &dash).draw(size, |root| {
            let line = vec![(t, header - 4.0), (t, height - 2.0)];
            f.chart(root)?
                .plotting_area()
                .draw(&PathElement::new(line, TARGET.rgb().stroke_width(25)))?;
            Ok(())
        })?);
        let text = format!("{} {}", labels.target, (labels.format_target)(t));
        let half = text_width(&text, FONT_SIZE, false) / 2.0;
        let x = f.px(t).clamp(half + 2.0, WIDTH - half - 2.0);
        texts.push(Label::new(
            &text,
            x,
            header / 2.0 - 2.0,
            Anchor::Middle,
            TEXT,
        ));
    }
    layers.push(Layer::new("labels", &HALO).draw(size, |root| draw_labels(root, &texts))?);
    Ok(layers)
}
