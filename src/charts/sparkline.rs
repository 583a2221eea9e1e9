//! The sparkline: a word-sized line of values over time, without axes or text, its last
//! point marked. Segments (measurement standards) are not joined.

use super::axis::limit;
use super::inputs::Sparkline;
use super::layout::Frame;
use super::style::{ACTUAL, WHITE};
use super::svg::{Document, DrawError, Layer, px};
use plotters::element::Circle;
use plotters::series::{LineSeries, PointSeries};
use plotters::style::{Color, ShapeStyle};

/// The `viewBox` of a sparkline: about 7.5 × 2 em at the page's text size when shown 120 CSS
/// px wide. It has no text, so it can be shown at any size.
pub const SIZE: (f64, f64) = (120.0, 32.0);
/// Radius of the last point's marker.
const MARKER: f64 = 3.5;
/// Empty space around the line, for the marker.
const PAD: f64 = 5.0;

impl Sparkline<'_> {
    /// The sparkline as an `<svg>` element; `id_prefix` makes its ids unique on the page.
    ///
    /// Without any finite value it draws nothing, but keeps its title and description.
    pub fn render(&self, id_prefix: &str) -> String {
        let doc = Document {
            kind: "sparkline",
            id_prefix,
            title: self.title,
            description: self.description,
            size: SIZE,
        };
        let lines: Vec<Vec<(f64, f64)>> = self
            .segments
            .iter()
            .map(|s| {
                let mut points: Vec<_> = s.points.iter().filter(|p| p.1.is_finite()).collect();
                points.sort_by_key(|p| p.0);
                points
                    .iter()
                    .map(|(p, v)| (p.time(), limit(*v)))
                    .collect::<Vec<_>>()
            })
            .filter(|l| !l.is_empty())
            .collect();
        doc.finish(&layers(&lines).unwrap_or_default())
    }
}

/// The range of `values`, widened when it has no width.
fn range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo > hi {
        return None;
    }
    let pad = if hi - lo > hi.abs().max(lo.abs()) * 1e-9 {
        0.0
    } else {
        lo.abs().max(1.0) * 0.5
    };
    Some((lo - pad, hi + pad))
}

fn layers(lines: &[Vec<(f64, f64)>]) -> Result<Vec<Layer>, DrawError> {
    let all = || lines.iter().flatten();
    let (Some(x), Some(y), Some(&last)) = (
        range(all().map(|p| p.0)),
        range(all().map(|p| p.1)),
        lines
            .iter()
            .filter_map(|l| l.last())
            .max_by(|a, b| a.0.total_cmp(&b.0)),
    ) else {
        return Ok(Vec::new());
    };
    let f = Frame {
        left: PAD,
        top: PAD,
        right: SIZE.0 - PAD,
        bottom: SIZE.1 - PAD,
        x,
        y,
    };
    let line = [
        ("fill", "none"),
        ("stroke", ACTUAL.hex()),
        ("stroke-width", "2"),
        ("stroke-linejoin", "round"),
    ];
    // One group for every segment: they look the same, only the gap between them shows.
    let mut layers = vec![Layer::new("actual", &line).draw(SIZE, |root| {
        let style = ShapeStyle::from(ACTUAL.rgb()).stroke_width(20);
        let mut chart = f.chart(root)?;
        for points in lines.iter().filter(|l| l.len() > 1) {
            chart.draw_series(LineSeries::new(points.iter().copied(), style))?;
        }
        Ok(())
    })?];
    let marks = [
        ("fill", ACTUAL.hex()),
        ("stroke", WHITE.hex()),
        ("stroke-width", "1.5"),
    ];
    layers.push(Layer::new("last", &marks).outlined().draw(SIZE, |root| {
        f.chart(root)?
            .draw_series(PointSeries::<_, _, Circle<_, _>, _>::new(
                [last],
                px(MARKER) as u32,
                ACTUAL.rgb().filled(),
            ))?;
        Ok(())
    })?);
    Ok(layers)
}
