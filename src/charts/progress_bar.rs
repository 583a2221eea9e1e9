//! The progress bar: the share of a target achieved, with its label and status.
//!
//! The label sits above the bar on the left, the status on the right after a swatch of the
//! status colour (on a line of its own when both do not fit). The bar is filled in the status
//! colour in a light, outlined track; beyond the target the track stretches and a dark mark
//! shows where 100 % is, so the bar stays proportional to the share.

use super::inputs::ProgressBar;
use super::layout::{Anchor, LINE_HEIGHT, Label, draw_labels, text_width};
use super::style::{AXIS, BANDS, FONT_SIZE, PROGRESS_WIDTH as WIDTH, TEXT};
use super::svg::{Document, DrawError, Layer, px};
use plotters::element::{PathElement, Rectangle};
use plotters::style::Color;

/// The largest share drawn: beyond twice the target the bar stays full, the 100 % mark halfway.
pub const MAX_SHARE: f64 = 2.0;
/// Height of the bar.
const BAR: f64 = 20.0;
/// Side of the status swatch.
const SWATCH: f64 = 12.0;

/// Where the parts of a progress bar go, in user units.
struct Geometry {
    height: f64,
    track_top: f64,
    status_row: f64,
    /// Width of the track; 100 % is at `track_width / scale`.
    track_width: f64,
    scale: f64,
    share: f64,
}

/// Where the status text starts: its estimated width before the right edge, so that the
/// swatch before it keeps its distance whatever the font.
fn status_x(text: &str) -> f64 {
    WIDTH - 1.0 - text_width(text, FONT_SIZE, true)
}

impl ProgressBar<'_> {
    /// The bar as an `<svg>` element, [`PROGRESS_WIDTH`](super::PROGRESS_WIDTH) units wide; `id_prefix` makes its ids unique
    /// on the page. A share that is not a number is drawn as 0 (an empty bar), a negative one
    /// as 0, one above [`MAX_SHARE`] as [`MAX_SHARE`].
    pub fn render(&self, id_prefix: &str) -> String {
        let g = self.geometry();
        let doc = Document {
            kind: "progress",
            id_prefix,
            title: self.title,
            description: self.description,
            size: (WIDTH, g.height),
        };
        doc.finish(&self.layers(&g).unwrap_or_default())
    }

    fn geometry(&self) -> Geometry {
        let share = if self.share.is_finite() {
            self.share.clamp(0.0, MAX_SHARE)
        } else {
            0.0
        };
        let label = text_width(self.label, FONT_SIZE, false);
        let status = SWATCH + 8.0 + text_width(self.status_text, FONT_SIZE, true);
        let one_row = label + 16.0 + status <= WIDTH - 2.0;
        let status_row = if one_row { 0.0 } else { LINE_HEIGHT + 2.0 };
        let track_top = status_row + LINE_HEIGHT + 8.0;
        Geometry {
            height: track_top + BAR + 6.0,
            track_top,
            status_row,
            track_width: WIDTH - 2.0,
            scale: share.max(1.0),
            share,
        }
    }

    fn layers(&self, g: &Geometry) -> Result<Vec<Layer>, DrawError> {
        let size = (WIDTH, g.height);
        let (x0, y0, y1) = (1.0, g.track_top, g.track_top + BAR);
        let at = |share: f64| x0 + share / g.scale * g.track_width;
        let colour = self.status.colour();
        let track = Layer::new("track", &[("fill", BANDS[0].hex())]).draw(size, |root| {
            let rect = [(px(x0), px(y0)), (px(at(g.scale)), px(y1))];
            root.draw(&Rectangle::new(rect, BANDS[0].rgb().filled()))?;
            root.draw(&Rectangle::new(rect, AXIS.rgb()))
        })?;
        let bar = Layer::new("bar", &[("fill", colour.hex())]).draw(size, |root| {
            if g.share > 0.0 {
                let rect = [(px(x0), px(y0)), (px(at(g.share)), px(y1))];
                root.draw(&Rectangle::new(rect, colour.rgb().filled()))?;
            }
            let swatch_x = status_x(self.status_text) - 8.0 - SWATCH;
            let swatch_y = g.status_row + LINE_HEIGHT / 2.0 - SWATCH / 2.0 + 1.0;
            root.draw(&Rectangle::new(
                [
                    (px(swatch_x), px(swatch_y)),
                    (px(swatch_x + SWATCH), px(swatch_y + SWATCH)),
                ],
                colour.rgb().filled(),
            ))
        })?;
        let mut layers = vec![track, bar];
        if g.scale > 1.0 {
            let mark = Layer::new("mark", &[("stroke", TEXT.hex()), ("stroke-width", "2.5")]);
            layers.push(mark.draw(size, |root| {
                let x = px(at(1.0));
                root.draw(&PathElement::new(
                    vec![(x, px(y0 - 4.0)), (x, px(y1 + 4.0))],
                    TEXT.rgb().stroke_width(25),
                ))
            })?);
        }
        let row = LINE_HEIGHT / 2.0 + 1.0;
        let mut status = Label::new(
            self.status_text,
            status_x(self.status_text),
            g.status_row + row,
            Anchor::Start,
            TEXT,
        );
        status.bold = true;
        let texts = [
            Label::new(self.label, 1.0, row, Anchor::Start, TEXT),
            status,
        ];
        layers.push(
            Layer::new("labels", &[("fill", TEXT.hex())])
                .draw(size, |root| draw_labels(root, &texts))?,
        );
        Ok(layers)
    }
}
