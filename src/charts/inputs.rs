//! What a caller gives a chart: plain values and words, already formatted in the site's
//! language; nothing here knows about CSV files or pages.

use crate::data::period::Period;

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
