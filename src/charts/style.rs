//! The charts' look: their sizes, font and colours (the Okabe–Ito palette, with the contrast
//! of each colour against white).

use plotters::style::RGBColor;

use super::inputs::Status;

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
