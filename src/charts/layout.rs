//! Shared geometry: text widths, the plot frame, and direct labels placed clear of the data.
//!
//! Plotters measures text by its length in bytes without a font feature, which makes
//! Vietnamese text (2–3 bytes per letter) look twice as wide as it is; labels are therefore
//! measured here, per character, with widths typical of the system sans-serif fonts.

use super::style::{BANDS, Colour, FONT_SIZE, MUTED, WHITE};
use super::svg::{DrawError, Layer, LeanBackend, Root, SCALE, px};
use plotters::chart::{ChartBuilder, ChartContext};
use plotters::coord::types::RangedCoordf64;
use plotters::element::Text;
use plotters::prelude::Cartesian2d;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontStyle, IntoFont, TextStyle};

/// Height of a line of chart text, in user units.
pub(crate) const LINE_HEIGHT: f64 = FONT_SIZE * 1.25;

/// The least room between the estimated box of a placed label and any other label or
/// marker, in user units (3.25 CSS px at 390 px; real text is narrower than its estimate, so
/// the room seen is larger).
pub(crate) const MIN_GAP: f64 = 4.0;

/// The least room between two texts on one line (the unit and the band labels above the plot),
/// so that they never read as one phrase: one em.
pub(crate) const WORD_GAP: f64 = FONT_SIZE;

/// Estimated width of `text` at `size` user units. The per-character widths are those of
/// DejaVu Sans, the widest of the usual system sans-serif fonts (Linux desktops; Segoe UI,
/// Roboto, San Francisco and Arial are 5–15 % narrower), so labels never overlap but may sit
/// a little apart. Vietnamese letters are measured by their base letter.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(char_width).sum();
    ems * size * if bold { 1.14 } else { 1.02 }
}

/// Width of one character in ems.
fn char_width(c: char) -> f64 {
    let mut base = c;
    // ASCII decomposes into nothing else: most label text needs no lookup.
    if !c.is_ascii() {
        unicode_normalization::char::decompose_canonical(c, |d| {
            if base == c {
                base = d;
            }
        });
    }
    match base {
        'i' | 'j' | 'l' => 0.28,
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' | ' ' => 0.32,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '/' | '-' => 0.42,
        'm' | 'M' | 'W' | '%' => 0.99,
        'w' => 0.82,
        '0'..='9' | '–' | '+' | '−' | '=' | '…' => 0.64,
        'a'..='z' | 'đ' => 0.62,
        'A'..='Z' | 'Đ' => 0.75,
        _ => 0.7,
    }
}

/// An axis-aligned rectangle in user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// This rectangle with `by` units more on every side.
    pub(crate) fn grow(&self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    /// Whether `other` lies wholly inside this rectangle.
    fn contains(&self, other: &Rect) -> bool {
        let e = 1e-6;
        other.x0 >= self.x0 - e
            && other.y0 >= self.y0 - e
            && other.x1 <= self.x1 + e
            && other.y1 <= self.y1 + e
    }

    /// The area this rectangle shares with `other`.
    pub(crate) fn overlap(&self, other: &Rect) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    /// Whether the segment `a`–`b` passes through this rectangle (Liang–Barsky clipping).
    fn hits(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t0 <= t1
    }
}

/// How a label's text is aligned on its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

/// A line of text, vertically centred on `y`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub bold: bool,
    pub colour: Colour,
}

impl Label {
    /// A label in the normal weight.
    pub(crate) fn new(text: &str, x: f64, y: f64, anchor: Anchor, colour: Colour) -> Label {
        Label {
            text: text.to_owned(),
            x,
            y,
            anchor,
            bold: false,
            colour,
        }
    }

    /// The estimated box the text covers.
    pub(crate) fn rect(&self) -> Rect {
        let w = text_width(&self.text, FONT_SIZE, self.bold);
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        let h = FONT_SIZE * 1.2;
        Rect {
            x0,
            y0: self.y - h / 2.0,
            x1: x0 + w,
            y1: self.y + h / 2.0,
        }
    }

    /// Candidate positions around a point, `gap` units away from it: right, right above and
    /// below, above, below, left, left above and below; then the same a line further out, and
    /// two lines further out.
    pub(crate) fn around(&self, (x, y): (f64, f64), gap: f64) -> Vec<Label> {
        let at = |x: f64, y: f64, anchor| Label {
            x,
            y,
            anchor,
            ..self.clone()
        };
        let mut candidates = Vec::with_capacity(20);
        for (up, side) in [
            (LINE_HEIGHT * 0.75, gap),
            (LINE_HEIGHT * 1.8, 0.0),
            (LINE_HEIGHT * 2.8, 0.0),
        ] {
            if side > 0.0 {
                candidates.push(at(x + gap, y, Anchor::Start));
            }
            candidates.extend([
                at(x + side, y - up, Anchor::Start),
                at(x + side, y + up, Anchor::Start),
                at(x, y - gap - up + LINE_HEIGHT * 0.25, Anchor::Middle),
                at(x, y + gap + up - LINE_HEIGHT * 0.25, Anchor::Middle),
            ]);
            if side > 0.0 {
                candidates.push(at(x - gap, y, Anchor::End));
            }
            candidates.extend([
                at(x - side, y - up, Anchor::End),
                at(x - side, y + up, Anchor::End),
            ]);
        }
        candidates
    }
}

/// Places labels one by one where they cover no data, no other label and stay in bounds.
pub(crate) struct Placer {
    bounds: Rect,
    taken: Vec<Rect>,
    lines: Vec<((f64, f64), (f64, f64))>,
}

impl Placer {
    /// A placer keeping labels inside `bounds`.
    pub(crate) fn new(bounds: Rect) -> Placer {
        Placer {
            bounds,
            taken: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// Keeps labels off a box (a marker, a fixed label).
    pub(crate) fn block(&mut self, rect: Rect) {
        self.taken.push(rect);
    }

    /// Keeps labels off a polyline.
    pub(crate) fn block_line(&mut self, points: &[(f64, f64)]) {
        self.lines.extend(points.windows(2).map(|w| (w[0], w[1])));
    }

    /// The first candidate that lies inside the bounds, keeps [`MIN_GAP`] from every label
    /// and marker placed or blocked so far and crosses no line; else, of those that keep
    /// their distance, the one crossing fewest lines (labels have a white halo, so a line
    /// under a label is only untidy). It then blocks its own place. `None` when every
    /// candidate would be clipped or touch another label or a marker: the label is left out
    /// (charts repeat every value in their table and description).
    pub(crate) fn place(&mut self, candidates: Vec<Label>) -> Option<Label> {
        let mut best: Option<(usize, Label)> = None;
        for label in candidates {
            let r = label.rect();
            if !self.bounds.contains(&r) {
                continue;
            }
            // Exactly `MIN_GAP` away is fine, whatever the rounding of the sums.
            let spaced = r.grow(MIN_GAP - 1e-6);
            if self.taken.iter().any(|t| spaced.overlap(t) > 0.0) {
                continue;
            }
            let padded = Rect {
                x0: r.x0 - 2.0,
                y0: r.y0 - 1.0,
                x1: r.x1 + 2.0,
                y1: r.y1 + 1.0,
            };
            let crossed = self
                .lines
                .iter()
                .filter(|(a, b)| padded.hits(*a, *b))
                .count();
            if best.as_ref().is_none_or(|(c, _)| crossed < *c) {
                best = Some((crossed, label));
                if crossed == 0 {
                    break;
                }
            }
        }
        let (_, label) = best?;
        self.taken.push(label.rect());
        Some(label)
    }
}

/// Attributes of a layer of direct labels: a white halo keeps text legible over lines.
pub(crate) const HALO: [(&str, &str); 4] = [
    ("stroke", WHITE.hex()),
    ("stroke-width", "4"),
    ("stroke-linejoin", "round"),
    ("paint-order", "stroke"),
];

/// The plotters style of chart text, vertically centred on its anchor point.
pub(crate) fn text_style(anchor: Anchor, bold: bool, colour: Colour) -> TextStyle<'static> {
    let h = match anchor {
        Anchor::Start => HPos::Left,
        Anchor::Middle => HPos::Center,
        Anchor::End => HPos::Right,
    };
    // Plotters' SVG backend writes `font-size` as the given size / 1.24.
    let mut font = ("sans-serif", FONT_SIZE * SCALE * 1.24).into_font();
    if bold {
        font = font.style(FontStyle::Bold);
    }
    TextStyle {
        font,
        color: colour.rgb().to_backend_color(),
        pos: Pos::new(h, VPos::Center),
    }
}

/// Draws labels on a layer canvas in user-unit coordinates.
pub(crate) fn draw_labels(root: &Root<'_>, labels: &[Label]) -> Result<(), DrawError> {
    for label in labels {
        root.draw(&Text::new(
            label.text.as_str(),
            (px(label.x), px(label.y)),
            text_style(label.anchor, label.bold, label.colour),
        ))?;
    }
    Ok(())
}

/// The only layer of a chart without data: `message`, centred.
pub(crate) fn empty_state(size: (f64, f64), message: &str) -> Result<Layer, DrawError> {
    let label = Label::new(message, size.0 / 2.0, size.1 / 2.0, Anchor::Middle, MUTED);
    Layer::new("empty", &[]).draw(size, |root| {
        root.fill(&BANDS[0].rgb())?;
        draw_labels(root, &[label])
    })
}

/// The plot area of a chart with two linear axes, in user units.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Frame {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    /// The x range shown, left to right.
    pub x: (f64, f64),
    /// The y range shown, bottom to top.
    pub y: (f64, f64),
}

/// A plotters chart on a layer canvas.
pub(crate) type Chart<'a, 'b> =
    ChartContext<'a, LeanBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

impl Frame {
    /// The user-unit x of value `x`.
    pub(crate) fn px(&self, x: f64) -> f64 {
        self.left + (x - self.x.0) / (self.x.1 - self.x.0) * (self.right - self.left)
    }

    /// The user-unit y of value `y`.
    pub(crate) fn py(&self, y: f64) -> f64 {
        self.bottom - (y - self.y.0) / (self.y.1 - self.y.0) * (self.bottom - self.top)
    }

    /// The user-unit point of a data point.
    pub(crate) fn point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.px(x), self.py(y))
    }

    /// A plotters chart whose plotting area is this frame, in data coordinates.
    pub(crate) fn chart<'a, 'b>(&self, root: &'a Root<'b>) -> Result<Chart<'a, 'b>, DrawError> {
        let (w, h) = root.dim_in_pixel();
        let margin = |v: i32| v.max(0) as u32;
        ChartBuilder::on(root)
            .margin_left(margin(px(self.left)))
            .margin_top(margin(px(self.top)))
            .margin_right(margin(w as i32 - px(self.right)))
            .margin_bottom(margin(h as i32 - px(self.bottom)))
            .build_cartesian_2d(self.x.0..self.x.1, self.y.0..self.y.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_measured_by_letters_not_bytes() {
        let plain = text_width("Muc tieu", FONT_SIZE, false);
        let accented = text_width("Mục tiêu", FONT_SIZE, false);
        assert!((plain - accented).abs() < 1e-9);
        assert!(text_width("2.319 hộ", FONT_SIZE, false) < 8.0 * FONT_SIZE * 0.6);
    }

    #[test]
    fn estimates_cover_the_widest_system_font() {
        // Widths at 16 units measured in Chromium with DejaVu Sans (`getComputedTextLength`).
        for (text, bold, measured) in [
            ("Mục tiêu 4,85 %", false, 129.5),
            ("Đổi chuẩn", false, 80.8),
            ("2016–2020", false, 89.4),
            ("1.909 hộ", true, 78.6),
            ("Q3/2025", false, 68.9),
            ("Thị trấn Phú Lộc", false, 129.8),
            ("Đúng tiến độ", true, 116.6),
            ("ịỉĩìíọỏõòóôồốổỗộơờớởỡợụủũùúưừứửữựỳýỷỹỵđĐ", false, 370.1),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", true, 314.0),
        ] {
            let ratio = text_width(text, FONT_SIZE, bold) / measured;
            assert!((1.0..1.2).contains(&ratio), "{text}: {ratio}");
        }
    }

    #[test]
    fn placer_avoids_what_is_taken() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 200.0,
            y1: 200.0,
        };
        let mut placer = Placer::new(bounds);
        // A line leaving the point to the right: the label goes elsewhere.
        placer.block_line(&[(100.0, 100.0), (190.0, 100.0)]);
        let label = Label::new("4,07 %", 0.0, 0.0, Anchor::Start, super::super::style::TEXT);
        let placed = placer.place(label.around((100.0, 100.0), 8.0)).unwrap();
        assert!(!placed.rect().hits((100.0, 100.0), (190.0, 100.0)));
        // The same label again cannot take the same place, nor touch it.
        let again = placer.place(label.around((100.0, 100.0), 8.0)).unwrap();
        assert_eq!(placed.rect().grow(MIN_GAP).overlap(&again.rect()), 0.0);
    }

    #[test]
    fn a_label_with_no_free_place_is_left_out() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 120.0,
            y1: 40.0,
        };
        let mut placer = Placer::new(bounds);
        let label = Label::new(
            "Đổi chuẩn",
            10.0,
            20.0,
            Anchor::Start,
            super::super::style::MUTED,
        );
        assert!(placer.place(vec![label.clone()]).is_some());
        // The only candidate left touches the first label, or leaves the bounds: none is taken.
        let beside = Label {
            x: 30.0,
            ..label.clone()
        };
        let outside = Label { x: 100.0, ..label };
        assert!(placer.place(vec![beside, outside]).is_none());
    }
}
