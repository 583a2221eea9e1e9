//! Zero-JavaScript, accessible, lean SVG charts.
//!
//! The charts know nothing about CSV files or HTML pages: the caller builds the plain inputs
//! below from the statistics model and gets back one `<svg>` element as a string, ready to be
//! inlined into a page. Every chart:
//!
//! - is drawn with plotters' SVG backend, then cleaned up by [`svg`](self) post-processing:
//!   a `viewBox` and no fixed size (it scales to its container), `role="img"`, a `<title>` and
//!   a `<desc>` referenced by `aria-labelledby` / `aria-describedby`, one system font stack;
//! - uses the Okabe–Ito colour-blind-safe palette and never colour alone (dashes, marker
//!   shapes and text carry the same meaning), with lines and text at ≥ 3:1 against white;
//! - is byte-identical for identical input: the only ids are derived from the caller's
//!   `id_prefix`, so several charts on one page never collide;
//! - never panics and never writes `NaN` or `inf`; non-finite input values are skipped.
//!
//! All text is drawn at [`FONT_SIZE`] user units in a [`WIDTH`]-wide `viewBox`, which is at
//! least 12 CSS px whenever the chart is shown at least 360 CSS px wide (see [`FONT_SIZE`]).
//! Wider than about 720 CSS px the text grows past 26 px, so pages should cap the chart width.
//! The progress bar, a single row of text over a bar, is [`PROGRESS_WIDTH`] wide instead: it
//! fits a phone's text column. The choropleth [`map`] is written by hand rather than drawn
//! with plotters, to the same conventions (its module says how).

mod axis;
mod layout;
pub mod map;
pub mod progress_bar;
pub mod sparkline;
mod svg;
pub mod trend;

/// The estimated width of a text at a font size in user units, as the charts lay out their
/// labels (exported so that tests can check the layout).
pub use layout::text_width;

use crate::data::period::Period;
use plotters::style::RGBColor;

/// Width of the `viewBox` of the trend chart, in user units.
pub const WIDTH: f64 = 480.0;

/// Width of the `viewBox` of the progress bar, in user units: its text is at least 12 CSS px
/// whenever the bar is shown at least 320 CSS px wide (16 × 320 / 400 = 12.8 px), so on a
/// phone it fits the text column (358 px at 390 px, 328 px at 360 px) and lines up with the
/// text around it; shown 400 px wide, its text is body size.
pub const PROGRESS_WIDTH: f64 = 400.0;

/// Size of all chart text, in user units.
///
/// The arithmetic: shown at 390 CSS px wide (a phone), one user unit is 390 / 480 = 0.8125 px,
/// so 16 units are 13 px; even in a 360 px wide column (a phone page with 15 px padding) they
/// are 16 × 360 / 480 = 12 px. Text therefore stays ≥ 12 px at any width from 360 px up.
pub const FONT_SIZE: f64 = 16.0;

/// The system font stack of all chart text: no web font is downloaded.
pub const FONT_FAMILY: &str = r#"system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif"#;

/// How numbers, periods and the few fixed words of a chart are written in the site language.
///
/// The charts never format a number themselves: whatever these functions return is drawn.
pub struct Labels<'a> {
    /// A value with its unit, as in a sentence or a table: `4,07 %`, `2.319 hộ`.
    pub format_value: &'a dyn Fn(f64) -> String,
    /// The target's level with its unit, keeping the decimals it was written with: `7,25 %`.
    pub format_target: &'a dyn Fn(f64) -> String,
    /// A tick value on a value axis, usually without the unit: `4`, `2.000`, `2,5`.
    pub format_axis: &'a dyn Fn(f64) -> String,
    /// A period on the time axis: `2020`, `Q3/2024`, `06/2024`.
    pub period_label: &'a dyn Fn(Period) -> String,
    /// The word put before a target value: `Mục tiêu` / `Target`.
    pub target: &'a str,
    /// The short label of a change of measurement standard: `Đổi chuẩn` / `New standard`.
    pub standard_break: &'a str,
    /// The message of a chart without any data: `Chưa có số liệu` / `No data yet`.
    pub no_data: &'a str,
}

/// Values measured under one measurement standard, in time order.
///
/// A line is never drawn from one segment to the next: a new segment is a series break.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'a> {
    /// The name of the standard, shown as a tooltip on the segment's line; empty when unknown
    /// (then no tooltip).
    pub standard: &'a str,
    /// The values; non-finite values are skipped.
    pub points: &'a [(Period, f64)],
}

/// A plan target: a dashed path from the baseline to the target value at the due period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetLine {
    /// The period of the baseline value (the path starts at its end).
    pub baseline_period: Period,
    /// The baseline value.
    pub baseline: f64,
    /// The period by whose end the target is due.
    pub due: Period,
    /// The target level to reach.
    pub value: f64,
}

/// A plan period shaded behind a trend chart.
#[derive(Clone, Copy, Debug)]
pub struct Band<'a> {
    /// Start time, as [`Period::time`] of the period before it (2016–2020 starts at 2016.0).
    pub start: f64,
    /// End time, as [`Period::time`] of its last period (2016–2020 ends at 2021.0).
    pub end: f64,
    /// The label drawn at the top of the band: `2016–2020`.
    pub label: &'a str,
}

/// An indicator over time for one area: see [`TrendChart::render`].
pub struct TrendChart<'a> {
    /// The accessible name of the chart, written into `<title>`.
    pub title: &'a str,
    /// The full sentence a screen reader reads instead of the picture, written into `<desc>`:
    /// `Tỷ lệ hộ nghèo của Huyện Phú Lộc giảm từ 10,51 % (2015) …; mục tiêu 4,85 % năm 2020`.
    pub description: &'a str,
    /// The actual values, one segment per measurement standard, in time order.
    pub segments: &'a [Segment<'a>],
    /// The plan target, if any.
    pub target: Option<TargetLine>,
    /// Plan periods to shade, cut to the time range of the data and target (bands outside
    /// it are skipped).
    pub bands: &'a [Band<'a>],
    /// Start the value axis at 0 (counts and rates) unless a value is negative. A target below
    /// 0 is then drawn at 0, the floor of such quantities, and labelled with its real value.
    pub zero_baseline: bool,
    /// The unit, shown above the value axis: `%`, `hộ`.
    pub unit: &'a str,
}

/// A tiny line of values over time without axes or text, the last point marked: see
/// [`Sparkline::render`].
pub struct Sparkline<'a> {
    /// The accessible name, written into `<title>`.
    pub title: &'a str,
    /// The sentence a screen reader reads instead of the picture, written into `<desc>`.
    pub description: &'a str,
    /// The values, one segment per measurement standard (segments are not joined).
    pub segments: &'a [Segment<'a>],
}

/// The progress status of a target, shown as a colour and always also as text.
pub use crate::stats::progress::Status;

/// The share of a target achieved, as a bar with its label and status: see
/// [`ProgressBar::render`].
pub struct ProgressBar<'a> {
    /// The accessible name, written into `<title>`.
    pub title: &'a str,
    /// The sentence a screen reader reads instead of the picture, written into `<desc>`.
    pub description: &'a str,
    /// Share of the target achieved: 0 is none, 1 is the target, above 1 is beyond it.
    pub share: f64,
    /// The text above the bar, left: `Đạt 97 % mục tiêu`.
    pub label: &'a str,
    /// The status, shown as the bar colour and a swatch.
    pub status: Status,
    /// The status as text, above the bar, right: `Đúng tiến độ`.
    pub status_text: &'a str,
}

/// A colour of the palette, usable both by plotters and in SVG attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Colour(&'static str);

impl Colour {
    /// The colour for plotters.
    pub(crate) fn rgb(self) -> RGBColor {
        let channel = |i: usize| {
            self.0
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .unwrap_or(0)
        };
        RGBColor(channel(1), channel(3), channel(5))
    }

    /// The colour as SVG writes it after post-processing: `#0072b2`.
    pub(crate) const fn hex(self) -> &'static str {
        self.0
    }
}

/// Actual values: Okabe–Ito blue, 5.2:1 on white.
pub(crate) const ACTUAL: Colour = Colour("#0072b2");
/// Targets: Okabe–Ito vermillion, 3.9:1 on white (3.1:1 on the darker band).
pub(crate) const TARGET: Colour = Colour("#d55e00");
/// Main text, 17:1 on white.
pub(crate) const TEXT: Colour = Colour("#1a1a1a");
/// Secondary text and rules, 9.7:1 on white.
pub(crate) const MUTED: Colour = Colour("#444444");
/// Axis lines and outlines, 4.5:1 on white.
pub(crate) const AXIS: Colour = Colour("#767676");
/// Grid lines: decorative, deliberately faint.
pub(crate) const GRID: Colour = Colour("#dddddd");
/// Plan-period bands, alternating so adjacent bands stay apart.
pub(crate) const BANDS: [Colour; 2] = [Colour("#f2f2f2"), Colour("#e5e5e5")];
/// Outlines that separate markers from lines.
pub(crate) const WHITE: Colour = Colour("#ffffff");

impl Status {
    /// The status colour: Okabe–Ito hues darkened to ≥ 3:1 against the light bar track.
    pub(crate) fn colour(self) -> Colour {
        match self {
            Status::Achieved => Colour("#007a5a"),
            Status::OnTrack => ACTUAL,
            Status::NeedsAcceleration => Colour("#a65200"),
            Status::OffTrack => TARGET,
            Status::Deteriorating => Colour("#882255"),
            Status::NoData | Status::NotComputable => AXIS,
        }
    }
}
