//! The trend chart: an indicator over time for one area, against its plan target.
//!
//! Actual values are a blue line with round markers, one line per measurement standard; a
//! dashed vertical rule, labelled, marks each change of standard. The target is a dashed
//! vermillion path from the baseline to a diamond at the due period. Plan periods are shaded,
//! labelled bands. Instead of a legend, the latest value and the target are written next to
//! their markers, placed where they cover no data.

use super::axis::{Ticks, label_steps, limit, nice_ticks, periods_between};
use super::inputs::{Labels, TargetLine, TrendChart};
use super::layout::{
    Anchor, Frame, HALO, LINE_HEIGHT, Label, Placer, Rect, WORD_GAP, draw_labels, empty_state,
    text_style, text_width,
};
use super::style::{ACTUAL, AXIS, BANDS, FONT_SIZE, GRID, MUTED, TARGET, TEXT, WHITE, WIDTH};
use super::svg::{Document, DrawError, Layer, px};
use crate::data::period::Period;
use plotters::element::{Circle, EmptyElement, PathElement, Polygon, Rectangle, Text};
use plotters::series::{LineSeries, PointSeries};
use plotters::style::{Color, ShapeStyle};

/// Height of the trend chart's `viewBox`.
pub const HEIGHT: f64 = 300.0;
/// Room above the plot for the unit and the band labels (centred at `TOP / 2 - 4`).
const TOP: f64 = 34.0;
/// Room below the plot for the time labels.
const BOTTOM: f64 = 32.0;
/// From the time axis to the top of the time labels' line: the lowest value label, centred on
/// the axis, ends above that line.
const TIME_LABEL_OFFSET: f64 = 10.0;
/// Radius of the markers of actual values.
const MARKER: f64 = 4.0;
/// Half the diagonal of the target's diamond.
const DIAMOND: f64 = 7.0;
/// Empty space kept inside the plot at both ends of the time axis, for markers.
const INSET: f64 = 10.0;

/// 0 for months, 1 for quarters, 2 for years: the finest kind labels the time axis.
fn fineness(p: Period) -> u8 {
    match p {
        Period::Month(..) => 0,
        Period::Quarter(..) => 1,
        Period::Year(_) => 2,
    }
}

/// One segment's finite values, in time order, as (period, time, value).
struct Series<'a> {
    standard: &'a str,
    points: Vec<(Period, f64, f64)>,
}

/// Everything measured and decided before drawing.
struct Plan<'a> {
    labels: &'a Labels<'a>,
    series: Vec<Series<'a>>,
    /// Baseline and due points, values clamped to the floor.
    target: Option<((f64, f64), (f64, f64))>,
    /// The target as given.
    target_line: Option<TargetLine>,
    /// Bands in range: start, end, label.
    bands: Vec<(f64, f64, &'a str)>,
    /// Time where the data and target begin and end (before the inset).
    span: (f64, f64),
    ticks: Ticks,
    frame: Frame,
    unit: &'a str,
}

impl TrendChart<'_> {
    /// The chart as an `<svg>` element; `id_prefix` makes its ids unique on the page.
    ///
    /// Without any finite value and without a target, the chart is an empty state showing
    /// [`Labels::no_data`], with the same title and description.
    pub fn render(&self, labels: &Labels, id_prefix: &str) -> String {
        let doc = Document {
            kind: "trend",
            id_prefix,
            title: self.title,
            description: self.description,
            size: (WIDTH, HEIGHT),
        };
        let layers = match Plan::new(self, labels) {
            Some(plan) => plan.layers(),
            None => empty_state((WIDTH, HEIGHT), labels.no_data).map(|l| vec![l]),
        };
        doc.finish(&layers.unwrap_or_default())
    }
}

impl<'a> Plan<'a> {
    fn new(chart: &'a TrendChart<'a>, labels: &'a Labels<'a>) -> Option<Plan<'a>> {
        let mut series: Vec<Series> = chart
            .segments
            .iter()
            .map(|s| {
                let mut points: Vec<_> = s
                    .points
                    .iter()
                    .filter(|(_, v)| v.is_finite())
                    .map(|&(p, v)| (p, p.time(), limit(v)))
                    .collect();
                points.sort_by_key(|p| p.0);
                Series {
                    standard: s.standard,
                    points,
                }
            })
            .filter(|s| !s.points.is_empty())
            .collect();
        // In time order, so that breaks fall between neighbours.
        series.sort_by_key(|s| s.points.first().map(|p| p.0));
        let values = || series.iter().flat_map(|s| s.points.iter().map(|p| p.2));
        let target = chart
            .target
            .filter(|t| t.baseline.is_finite() && t.value.is_finite());
        let floor = (chart.zero_baseline
            && values().chain(target.map(|t| t.baseline)).all(|v| v >= 0.0))
        .then_some(0.0);
        let clamp = |v: f64| limit(floor.map_or(v, |f: f64| v.max(f)));
        let target_points = target.map(|t| {
            (
                (t.baseline_period.time(), clamp(t.baseline)),
                (t.due.time(), clamp(t.value)),
            )
        });
        let times: Vec<f64> = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain(target_points.iter().flat_map(|(a, b)| [a.0, b.0]))
            .collect();
        let first = times.iter().copied().reduce(f64::min)?;
        let last = times.iter().copied().reduce(f64::max)?;
        let mut span = (first, last);
        if span.1 - span.0 < 1e-9 {
            span = (span.0 - 0.5, span.1 + 0.5);
        }
        let bands: Vec<_> = chart
            .bands
            .iter()
            .filter(|b| b.start.is_finite() && b.end.is_finite() && b.start < b.end)
            .filter(|b| b.start < span.1 && b.end > span.0)
            .map(|b| (b.start.max(span.0), b.end.min(span.1), b.label))
            .collect();
        let mut lo_hi = values()
            .chain(target_points.iter().flat_map(|(a, b)| [a.1, b.1]))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if chart.zero_baseline {
            lo_hi = (lo_hi.0.min(0.0), lo_hi.1.max(0.0));
        }
        let ticks = nice_ticks(lo_hi.0, lo_hi.1, 6);
        let mut plan = Plan {
            labels,
            series,
            target: target_points,
            target_line: target,
            bands,
            span,
            ticks,
            frame: Frame {
                left: 0.0,
                top: TOP,
                right: WIDTH,
                bottom: HEIGHT - BOTTOM,
                x: span,
                y: (0.0, 1.0),
            },
            unit: chart.unit,
        };
        plan.frame = plan.frame(0.0);
        // Keep room right of the latest point for its label, the usual place of a line's
        // name or value: shrink the plot just enough. Other labels find their place inside.
        if let Some(((t, _), text)) = plan.latest() {
            let f = &plan.frame;
            let need = f.px(t) + MARKER + 5.0 + text_width(&text, FONT_SIZE, true) + 2.0;
            let share = (f.px(t) - f.left) / (f.right - f.left);
            if need > WIDTH && share > 0.0 {
                plan.frame = plan.frame((need - WIDTH) / share + 2.0);
            }
        }
        Some(plan)
    }

    /// The plot area: room on the left for the value labels, `right` units on the right
    /// (at most a third of the width).
    fn frame(&self, right: f64) -> Frame {
        let widest = self
            .tick_labels()
            .iter()
            .map(|l| text_width(l, FONT_SIZE, false))
            .fold(0.0, f64::max);
        let left = (widest + 10.0).clamp(16.0, WIDTH * 0.4);
        let right = WIDTH - right.clamp(2.0, WIDTH / 3.0);
        let width = (right - left - 2.0 * INSET).max(1.0);
        let per_unit = (self.span.1 - self.span.0) / width;
        Frame {
            left,
            top: TOP,
            right,
            bottom: HEIGHT - BOTTOM,
            x: (
                self.span.0 - INSET * per_unit,
                self.span.1 + INSET * per_unit,
            ),
            y: (self.ticks.lo(), self.ticks.hi()),
        }
    }

    fn tick_labels(&self) -> Vec<String> {
        let format = self.labels.format_axis;
        self.ticks.values.iter().map(|&v| format(v)).collect()
    }

    /// The latest actual point and its label.
    fn latest(&self) -> Option<((f64, f64), String)> {
        let (_, t, v) = self
            .series
            .iter()
            .filter_map(|s| s.points.last())
            .max_by(|a, b| a.0.cmp(&b.0))?;
        Some(((*t, *v), (self.labels.format_value)(*v)))
    }

    fn target_label(&self) -> String {
        let value = self.target_line.map_or(0.0, |t| t.value);
        format!(
            "{} {}",
            self.labels.target,
            (self.labels.format_target)(value)
        )
    }

    /// Times of the changes of standard: halfway between the segments.
    fn breaks(&self) -> Vec<f64> {
        self.series
            .windows(2)
            .filter_map(|w| Some((w[0].points.last()?.1 + w[1].points.first()?.1) / 2.0))
            .collect()
    }

    fn layers(&self) -> Result<Vec<Layer>, DrawError> {
        let size = (WIDTH, HEIGHT);
        let f = &self.frame;
        let mut axis_labels = self.axis_labels();
        let band_labels = self.band_labels(&axis_labels);
        let direct = self.direct_labels(&band_labels);
        axis_labels.extend(band_labels);
        let time_labels = self.time_labels();
        let mut layers = vec![
            Layer::new("bands", &[]).draw(size, |root| {
                for (i, &(start, end, _)) in self.bands.iter().enumerate() {
                    let x0 = if start <= self.span.0 { f.x.0 } else { start };
                    let x1 = if end >= self.span.1 { f.x.1 } else { end };
                    let colour = BANDS[i % BANDS.len()].rgb().filled();
                    root.draw(&Rectangle::new(
                        [(px(f.px(x0)), 0), (px(f.px(x1)), px(f.bottom))],
                        colour,
                    ))?;
                }
                Ok(())
            })?,
            self.grid_layer(&time_labels)?,
            Layer::new("axis", &[("fill", MUTED.hex())]).draw(size, |root| {
                let chart = f.chart(root)?;
                let area = chart.plotting_area();
                for (value, label) in self.ticks.values.iter().zip(self.tick_labels()) {
                    let style = text_style(Anchor::End, false, MUTED);
                    area.draw(
                        &(EmptyElement::at((f.x.0, *value))
                            + Text::new(label, (-px(6.0), 0), style)),
                    )?;
                }
                for (time, label, shift) in &time_labels {
                    let style = text_style(Anchor::Middle, false, MUTED);
                    let offset = (px(*shift), px(TIME_LABEL_OFFSET + LINE_HEIGHT / 2.0));
                    area.draw(
                        &(EmptyElement::at((*time, f.y.0))
                            + Text::new(label.clone(), offset, style)),
                    )?;
                }
                draw_labels(root, &axis_labels)
            })?,
        ];
        let rule = Layer::new(
            "break",
            &[
                ("fill", "none"),
                ("stroke", MUTED.hex()),
                ("stroke-width", "1.5"),
                ("stroke-dasharray", "5 4"),
            ],
        );
        layers.push(rule.draw(size, |root| {
            for t in self.breaks() {
                let x = px(f.px(t));
                let style = MUTED.rgb().stroke_width(15);
                root.draw(&PathElement::new(
                    vec![(x, px(f.top)), (x, px(f.bottom))],
                    style,
                ))?;
            }
            Ok(())
        })?);
        if let Some((from, to)) = self.target {
            let path = Layer::new(
                "target",
                &[
                    ("fill", "none"),
                    ("stroke", TARGET.hex()),
                    ("stroke-width", "2.5"),
                    ("stroke-dasharray", "8 5"),
                ],
            );
            layers.push(path.draw(size, |root| {
                let style = TARGET.rgb().stroke_width(25);
                f.chart(root)?
                    .draw_series([PathElement::new(vec![from, to], style)])?;
                Ok(())
            })?);
        }
        let line = [
            ("fill", "none"),
            ("stroke", ACTUAL.hex()),
            ("stroke-width", "2.5"),
            ("stroke-linejoin", "round"),
        ];
        for series in self.series.iter().filter(|s| s.points.len() > 1) {
            let mut layer = Layer::new("actual", &line);
            // An unknown standard has no name to show.
            if !series.standard.is_empty() {
                layer = layer.tooltip(series.standard);
            }
            layers.push(layer.draw(size, |root| {
                let style = ShapeStyle::from(ACTUAL.rgb()).stroke_width(25);
                let points = series.points.iter().map(|p| (p.1, p.2));
                f.chart(root)?.draw_series(LineSeries::new(points, style))?;
                Ok(())
            })?);
        }
        let marks = [
            ("fill", ACTUAL.hex()),
            ("stroke", WHITE.hex()),
            ("stroke-width", "1.5"),
        ];
        layers.push(Layer::new("points", &marks).outlined().draw(size, |root| {
            let mut chart = f.chart(root)?;
            let points = self.series.iter().flat_map(|s| s.points.iter());
            chart.draw_series(PointSeries::<_, _, Circle<_, _>, _>::new(
                points.map(|p| (p.1, p.2)),
                px(MARKER) as u32,
                ACTUAL.rgb().filled(),
            ))?;
            if let Some((_, due)) = self.target {
                let d = px(DIAMOND);
                let diamond = Polygon::new(vec![(0, -d), (d, 0), (0, d), (-d, 0)], TARGET.rgb());
                chart
                    .plotting_area()
                    .draw(&(EmptyElement::at(due) + diamond))?;
            }
            Ok(())
        })?);
        layers.push(Layer::new("labels", &HALO).draw(size, |root| draw_labels(root, &direct))?);
        Ok(layers)
    }

    /// Horizontal grid lines at the ticks, the zero line, the time axis and a tick at each of
    /// the `time_labels`.
    fn grid_layer(&self, time_labels: &[(f64, String, f64)]) -> Result<Layer, DrawError> {
        let f = &self.frame;
        let layer = Layer::new(
            "grid",
            &[
                ("fill", "none"),
                ("stroke", GRID.hex()),
                ("stroke-width", "1"),
            ],
        );
        layer.draw((WIDTH, HEIGHT), |root| {
            let chart = f.chart(root)?;
            let area = chart.plotting_area();
            let thin = |c: super::style::Colour| c.rgb().stroke_width(10);
            for &v in &self.ticks.values {
                let colour = if v == 0.0 && v > f.y.0 { AXIS } else { GRID };
                area.draw(&PathElement::new(
                    vec![(f.x.0, v), (f.x.1, v)],
                    thin(colour),
                ))?;
            }
            area.draw(&PathElement::new(
                vec![(f.x.0, f.y.0), (f.x.1, f.y.0)],
                thin(AXIS),
            ))?;
            for &(t, _, _) in time_labels {
                area.draw(
                    &(EmptyElement::at((t, f.y.0))
                        + PathElement::new(vec![(0, 0), (0, px(5.0))], thin(AXIS))),
                )?;
            }
            Ok(())
        })
    }

    /// The unit above the value axis.
    fn axis_labels(&self) -> Vec<Label> {
        if self.unit.is_empty() {
            return Vec::new();
        }
        vec![Label::new(
            self.unit,
            0.0,
            TOP / 2.0 - 4.0,
            Anchor::Start,
            MUTED,
        )]
    }

    /// Band labels centred on the visible part of their band, or moved right to stay a
    /// [`WORD_GAP`] clear of the unit; half a word gap inside their band, so neighbours are a
    /// word gap apart. A label that does not fit is left out (the description still names the
    /// periods).
    fn band_labels(&self, taken: &[Label]) -> Vec<Label> {
        let f = &self.frame;
        let free_from = taken
            .iter()
            .map(|l| l.rect().x1 + WORD_GAP)
            .fold(0.0, f64::max);
        self.bands
            .iter()
            .filter_map(|&(start, end, text)| {
                let x0 = f.px(start.max(f.x.0)).max(0.0) + WORD_GAP / 2.0;
                let x1 = f.px(end.min(f.x.1)).min(WIDTH) - WORD_GAP / 2.0;
                let w = text_width(text, FONT_SIZE, false);
                let centre = ((x0 + x1) / 2.0).max(free_from.max(x0) + w / 2.0);
                (centre + w / 2.0 <= x1)
                    .then(|| Label::new(text, centre, TOP / 2.0 - 4.0, Anchor::Middle, MUTED))
            })
            .collect()
    }

    /// Time-axis labels: (time, text, horizontal shift keeping the label inside the chart).
    /// Periods of the finest kind in the data, every k-th counted back from the latest value,
    /// k the smallest round step that keeps the labels 8 units apart.
    fn time_labels(&self) -> Vec<(f64, String, f64)> {
        let f = &self.frame;
        let data = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0));
        let given: Vec<Period> = match self.target_line {
            Some(t) => data.chain([t.baseline_period, t.due]).collect(),
            None => data.collect(),
        };
        let Some(kind) = given.iter().copied().min_by_key(|p| fineness(*p)) else {
            return Vec::new();
        };
        // A label is shifted to stay inside the chart.
        let shift_of = |x: f64, text: &str| {
            let half = text_width(text, FONT_SIZE, false) / 2.0;
            (half - x).max(0.0) + (WIDTH - half - x).min(0.0)
        };
        let all: Vec<(f64, String, f64)> = periods_between(kind, self.span.0, self.span.1)
            .into_iter()
            .map(|p| {
                let text = (self.labels.period_label)(p);
                let shift = shift_of(f.px(p.time()), &text);
                (p.time(), text, shift)
            })
            .collect();
        let latest = self.latest().map_or(self.span.1, |((t, _), _)| t);
        let anchor = all.iter().rposition(|l| l.0 <= latest + 1e-9).unwrap_or(0);
        let periods = periods_between(kind, self.span.0, self.span.1);
        let has_years = given.iter().any(|p| matches!(p, Period::Year(_)));
        for &step in label_steps(kind) {
            let picked: Vec<usize> = (0..all.len())
                .filter(|i| i.abs_diff(anchor) % step == 0)
                .collect();
            // Yearly values mixed with finer ones, and every label at a year's end (Q4 or
            // December): write the year, as readers do.
            let year_ends = has_years
                && picked
                    .iter()
                    .all(|&i| matches!(periods[i], Period::Quarter(_, 4) | Period::Month(_, 12)));
            let chosen: Vec<_> = picked
                .iter()
                .map(|&i| {
                    let (t, text, shift) = all[i].clone();
                    if !year_ends || matches!(periods[i], Period::Year(_)) {
                        return (t, text, shift);
                    }
                    let year = (self.labels.period_label)(Period::Year(periods[i].year()));
                    let shift = shift_of(f.px(t), &year);
                    (t, year, shift)
                })
                .collect();
            let fits = chosen.windows(2).all(|w| {
                let edge = |(t, text, shift): &(f64, String, f64), side: f64| {
                    f.px(*t) + shift + side * text_width(text, FONT_SIZE, false) / 2.0
                };
                edge(&w[0], 1.0) + 8.0 <= edge(&w[1], -1.0)
            });
            if fits {
                return chosen;
            }
        }
        all.get(anchor).cloned().into_iter().collect()
    }

    /// The latest value, the target and the breaks, labelled clear of the data.
    fn direct_labels(&self, fixed: &[Label]) -> Vec<Label> {
        let f = &self.frame;
        let mut placer = Placer::new(Rect {
            x0: f.left + 2.0,
            y0: f.top,
            x1: WIDTH - 1.0,
            y1: f.bottom,
        });
        for label in fixed {
            placer.block(label.rect());
        }
        let square = |(x, y): (f64, f64), r: f64| Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        };
        for s in &self.series {
            let points: Vec<_> = s.points.iter().map(|p| f.point((p.1, p.2))).collect();
            placer.block_line(&points);
            for &p in &points {
                placer.block(square(p, MARKER + 1.0));
            }
        }
        let breaks: Vec<f64> = self.breaks().iter().map(|&t| f.px(t)).collect();
        for &x in &breaks {
            placer.block_line(&[(x, f.top), (x, f.bottom)]);
        }
        // Every marker and line is blocked before the first label is placed, so that no
        // label lands on the target's diamond drawn later.
        let target = self.target.map(|(from, to)| (f.point(from), f.point(to)));
        if let Some((a, b)) = target {
            placer.block_line(&[a, b]);
            placer.block(square(b, DIAMOND));
        }
        let mut labels = Vec::new();
        if let Some(((t, v), text)) = self.latest() {
            let mut label = Label::new(&text, 0.0, 0.0, Anchor::Start, TEXT);
            label.bold = true;
            labels.extend(placer.place(label.around(f.point((t, v)), MARKER + 5.0)));
        }
        if let Some((_, b)) = target {
            let label = Label::new(&self.target_label(), 0.0, 0.0, Anchor::Start, TEXT);
            labels.extend(placer.place(label.around(b, DIAMOND + 4.0)));
        }
        let text = self.labels.standard_break;
        for x in breaks.into_iter().filter(|_| !text.is_empty()) {
            // Beside its rule, at the top, staggered a line down (then up from the bottom)
            // when a nearby break's label or the data is in the way.
            let top = f.top + LINE_HEIGHT / 2.0 + 2.0;
            let bottom = f.bottom - LINE_HEIGHT / 2.0 - 2.0;
            let rows = [
                top,
                top + LINE_HEIGHT,
                top + 2.0 * LINE_HEIGHT,
                bottom,
                bottom - LINE_HEIGHT,
                bottom - 2.0 * LINE_HEIGHT,
                (f.top + f.bottom) / 2.0,
            ];
            let candidates = rows
                .iter()
                .flat_map(|&y| {
                    [
                        Label::new(text, x + 5.0, y, Anchor::Start, MUTED),
                        Label::new(text, x - 5.0, y, Anchor::End, MUTED),
                    ]
                })
                .collect();
            labels.extend(placer.place(candidates));
        }
        labels
    }
}
