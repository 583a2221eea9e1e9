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
mod inputs;
mod layout;
pub mod map;
pub mod progress_bar;
mod projection;
pub mod sparkline;
mod style;
mod svg;
pub mod trend;

/// The estimated width of a text at a font size in user units, as the charts lay out their
/// labels (exported so that tests can check the layout).
pub use layout::text_width;

pub use inputs::{Band, Labels, ProgressBar, Segment, Sparkline, Status, TargetLine, TrendChart};
pub use style::{FONT_FAMILY, FONT_SIZE, PROGRESS_WIDTH, WIDTH};
