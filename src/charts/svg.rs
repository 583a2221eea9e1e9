//! SVG output: plotters draws, this module writes the result lean and accessible.
//!
//! Every chart is drawn as a few *layers*. Each layer is drawn by plotters on its own canvas
//! of the chart's size times [`SCALE`] (plotters works in integer pixels, so at ten times the
//! size its pixels are exactly the one-decimal user units of the result), through a backend of
//! this module, [`LeanBackend`], that writes each shape at once as one lean element of the
//! layer's `<g>` (what it leaves out is listed there).
//!
//! [`Document::finish`] wraps the layers in the root `<svg>`: a `viewBox` and no fixed size,
//! `role="img"`, `<title>` and `<desc>` with ids from the caller's prefix.

use super::style::{FONT_FAMILY, FONT_SIZE};
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};
use std::fmt::Write as _;

/// Plotters draws at this many pixels per user unit of the final SVG.
pub(crate) const SCALE: f64 = 10.0;

/// What drawing with plotters can fail with (never, into a string; but the API says so).
pub(crate) type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// The canvas a layer is drawn on: plotters with the layer's own backend.
pub(crate) type Root<'a> = DrawingArea<LeanBackend<'a>, Shift>;

/// `v` user units as plotters pixels.
pub(crate) fn px(v: f64) -> i32 {
    let scaled = (v * SCALE).round();
    if scaled.is_finite() {
        scaled.clamp(-1e9, 1e9) as i32
    } else {
        0
    }
}

/// A number as written in the SVG: at most one decimal, no `-0`, never `NaN` or `inf`.
pub(crate) fn num(v: f64) -> String {
    let mut out = String::new();
    push_tenths(&mut out, tenths(v));
    out
}

/// `v` rounded to tenths (half away from zero), as a whole number of tenths; 0 when `v` is
/// not a number.
fn tenths(v: f64) -> i64 {
    let r = (v * 10.0).round();
    if r.is_finite() {
        r.clamp(-1e15, 1e15) as i64
    } else {
        0
    }
}

/// Writes a number of tenths as `12`, `12.3` or `-0.5`: integer arithmetic only, as fast as
/// writing the integer, since charts write thousands of coordinates.
fn push_tenths(out: &mut String, tenths: i64) {
    if tenths < 0 {
        out.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    out.push_str(itoa::Buffer::new().format(magnitude / 10));
    let digit = magnitude % 10;
    if digit != 0 {
        out.push('.');
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Escapes text for XML content and attribute values: `& < > " '`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape`] does.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// One `<g>` of the result: a CSS class, shared attributes and the lean elements drawn on it.
pub(crate) struct Layer {
    class: &'static str,
    attrs: Vec<(&'static str, String)>,
    outline: bool,
    tooltip: Option<String>,
    body: String,
}

impl Layer {
    /// An empty layer with class `bc-<class>` and attributes its elements share.
    pub(crate) fn new(class: &'static str, attrs: &[(&'static str, &str)]) -> Layer {
        Layer {
            class,
            attrs: attrs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
            outline: false,
            tooltip: None,
            body: String::new(),
        }
    }

    /// Filled shapes of this layer take the layer's stroke as an outline.
    pub(crate) fn outlined(mut self) -> Layer {
        self.outline = true;
        self
    }

    /// A `<title>` tooltip shown when the pointer rests on the layer.
    pub(crate) fn tooltip(mut self, text: &str) -> Layer {
        self.tooltip = Some(text.to_owned());
        self
    }

    /// Adds elements written by hand (for charts drawn without plotters, such as the map).
    pub(crate) fn push_raw(mut self, elements: &str) -> Layer {
        self.body.push_str(elements);
        self
    }

    /// Draws onto a fresh plotters canvas of `size` user units and adds the elements.
    pub(crate) fn draw<F>(mut self, size: (f64, f64), draw: F) -> Result<Layer, DrawError>
    where
        F: FnOnce(&Root<'_>) -> Result<(), DrawError>,
    {
        let canvas = (px(size.0).max(1) as u32, px(size.1).max(1) as u32);
        let root = LeanBackend::new(&mut self, canvas).into_drawing_area();
        draw(&root)?;
        root.present()?;
        drop(root);
        Ok(self)
    }
}

/// An attribute value as plotters gives it to a backend.
enum Value<'v> {
    /// A length or coordinate in plotters pixels (tenths of a user unit).
    Pixels(i64),
    /// Points in plotters pixels.
    Points(&'v [BackendCoord]),
    /// A colour, written `#rrggbb`.
    Colour((u8, u8, u8)),
    /// An opacity, written as plotters writes it.
    Opacity(f64),
    /// A plotters font size: 1.24 times the size in pixels (see `layout::text_style`).
    FontSize(f64),
    /// A word written as it is.
    Word(&'v str),
}

impl Value<'_> {
    /// `none`, which marks an unfilled shape or a shape without outline.
    fn is_none(&self) -> bool {
        matches!(self, Value::Word("none"))
    }

    /// Writes the value in the result's user units.
    fn write(&self, out: &mut String) {
        match *self {
            Value::Pixels(pixels) => push_tenths(out, pixels),
            Value::Points(points) => {
                for (i, (x, y)) in points.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    push_tenths(out, i64::from(*x));
                    out.push(',');
                    push_tenths(out, i64::from(*y));
                }
            }
            Value::Colour((r, g, b)) => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push('#');
                for channel in [r, g, b] {
                    out.push(char::from(HEX[usize::from(channel >> 4)]));
                    out.push(char::from(HEX[usize::from(channel & 15)]));
                }
            }
            // Shapes are mostly opaque: `1`, as `{alpha}` writes it.
            Value::Opacity(1.0) => out.push('1'),
            Value::Opacity(alpha) => {
                let _ = write!(out, "{alpha}");
            }
            Value::FontSize(size) => {
                let pixels = size / 1.24;
                // Whole pixels are tenths of a user unit, as every other length.
                let whole = pixels.fract() == 0.0 && pixels.abs() < 1e15;
                let tenths = if whole {
                    pixels as i64
                } else {
                    tenths(pixels / SCALE)
                };
                push_tenths(out, tenths);
            }
            Value::Word(word) => out.push_str(word),
        }
    }
}

/// The plotters backend of a layer: each shape plotters draws becomes one lean SVG element of
/// the layer, written at once in user units.
///
/// - Coordinates are divided by [`SCALE`] and written with at most one decimal.
/// - What the layer's `<g>` (or the root `<svg>`) already says is left out: colours, stroke
///   widths, `opacity="1"`, font family and size, `text-anchor="start"`.
/// - In an *outlined* layer (markers), filled shapes take the layer's stroke as an outline.
/// - Text centred on its anchor point gets `dy=".35em"`, which centres digits and capitals on
///   the point in every font.
pub(crate) struct LeanBackend<'a> {
    layer: &'a mut Layer,
    size: (u32, u32),
    /// The root's font size, which text leaves out.
    font_size: String,
    /// Whether the layer's `<g>` has a stroke.
    group_stroke: bool,
    /// Room for one attribute value.
    value: String,
}

impl<'a> LeanBackend<'a> {
    fn new(layer: &'a mut Layer, size: (u32, u32)) -> LeanBackend<'a> {
        let group_stroke = layer.attrs.iter().any(|(k, _)| *k == "stroke");
        LeanBackend {
            layer,
            size,
            font_size: num(FONT_SIZE),
            group_stroke,
            value: String::new(),
        }
    }

    /// Writes one element with the attributes its `<g>` does not already give it.
    fn element(&mut self, tag: &str, attrs: &[(&str, Value<'_>)], text: Option<&str>) {
        let filled = attrs.iter().any(|(k, v)| *k == "fill" && !v.is_none());
        let no_stroke = attrs.iter().any(|(k, v)| *k == "stroke" && v.is_none());
        let layer = &mut *self.layer;
        let out = &mut layer.body;
        out.push('<');
        out.push_str(tag);
        for (name, value) in attrs {
            let name = *name;
            self.value.clear();
            value.write(&mut self.value);
            let written = self.value.as_str();
            let drop = match name {
                "font-family" => true,
                "opacity" => written == "1",
                "text-anchor" => written == "start",
                "stroke" | "stroke-width" if layer.outline && filled => true,
                "stroke" | "stroke-width" if no_stroke => !(self.group_stroke && name == "stroke"),
                "font-size" if written == self.font_size => true,
                _ => layer.attrs.iter().any(|(k, v)| *k == name && v == written),
            };
            if !drop {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                out.push_str(written);
                out.push('"');
            }
        }
        match text {
            Some(text) => {
                out.push('>');
                escape_into(out, text);
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
            None => out.push_str("/>"),
        }
        out.push('\n');
    }
}

/// `fill` and `stroke` of a shape: filled shapes have no stroke, outlines no fill.
fn paint(colour: BackendColor, fill: bool) -> (Value<'static>, Value<'static>) {
    if fill {
        (Value::Colour(colour.rgb), Value::Word("none"))
    } else {
        (Value::Word("none"), Value::Colour(colour.rgb))
    }
}

/// What drawing one shape gives plotters back.
type Drawn = Result<(), DrawingErrorKind<std::io::Error>>;

impl LeanBackend<'_> {
    /// Writes a shape, unless its colour is fully transparent.
    fn shape(&mut self, tag: &str, colour: BackendColor, attrs: &[(&str, Value<'_>)]) -> Drawn {
        if colour.alpha != 0.0 {
            self.element(tag, attrs, None);
        }
        Ok(())
    }
}

impl DrawingBackend for LeanBackend<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, colour: BackendColor) -> Drawn {
        let attrs = [
            ("x", Value::Pixels(point.0.into())),
            ("y", Value::Pixels(point.1.into())),
            ("width", Value::Pixels(1)),
            ("height", Value::Pixels(1)),
            ("stroke", Value::Word("none")),
            ("opacity", Value::Opacity(colour.alpha)),
            ("fill", Value::Colour(colour.rgb)),
        ];
        self.shape("rect", colour, &attrs)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        let attrs = [
            ("opacity", Value::Opacity(colour.alpha)),
            ("stroke", Value::Colour(colour.rgb)),
            ("stroke-width", Value::Pixels(style.stroke_width().into())),
            ("x1", Value::Pixels(from.0.into())),
            ("y1", Value::Pixels(from.1.into())),
            ("x2", Value::Pixels(to.0.into())),
            ("y2", Value::Pixels(to.1.into())),
        ];
        self.shape("line", colour, &attrs)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        let (fill, stroke) = paint(colour, fill);
        let size = |from: i32, to: i32| Value::Pixels(i64::from(to) - i64::from(from));
        let attrs = [
            ("x", Value::Pixels(upper_left.0.into())),
            ("y", Value::Pixels(upper_left.1.into())),
            ("width", size(upper_left.0, bottom_right.0)),
            ("height", size(upper_left.1, bottom_right.1)),
            ("opacity", Value::Opacity(colour.alpha)),
            ("fill", fill),
            ("stroke", stroke),
        ];
        self.shape("rect", colour, &attrs)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        let colour = style.color();
        let attrs = [
            ("fill", Value::Word("none")),
            ("opacity", Value::Opacity(colour.alpha)),
            ("stroke", Value::Colour(colour.rgb)),
            ("stroke-width", Value::Pixels(style.stroke_width().into())),
            ("points", Value::Points(&points)),
        ];
        self.shape("polyline", colour, &attrs)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        let attrs = [
            ("opacity", Value::Opacity(colour.alpha)),
            ("fill", Value::Colour(colour.rgb)),
            (
                "points",
                Value::Points(&path.into_iter().collect::<Vec<_>>()),
            ),
        ];
        self.shape("polygon", colour, &attrs)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        let (fill, stroke) = paint(colour, fill);
        let attrs = [
            ("cx", Value::Pixels(center.0.into())),
            ("cy", Value::Pixels(center.1.into())),
            ("r", Value::Pixels(radius.into())),
            ("opacity", Value::Opacity(colour.alpha)),
            ("fill", fill),
            ("stroke", stroke),
            ("stroke-width", Value::Pixels(style.stroke_width().into())),
        ];
        self.shape("circle", colour, &attrs)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let anchor = style.anchor();
        let text_anchor = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match anchor.v_pos {
            VPos::Top => "0.76em",
            VPos::Center => ".35em",
            VPos::Bottom => "-0.5ex",
        };
        let mut attrs = vec![
            ("x", Value::Pixels(pos.0.into())),
            ("y", Value::Pixels(pos.1.into())),
            ("dy", Value::Word(dy)),
            ("text-anchor", Value::Word(text_anchor)),
            ("font-family", Value::Word("")),
            ("font-size", Value::FontSize(style.size())),
            ("opacity", Value::Opacity(colour.alpha)),
            ("fill", Value::Colour(colour.rgb)),
        ];
        let font_style = style.style();
        match font_style {
            FontStyle::Normal => {}
            FontStyle::Bold => attrs.push(("font-weight", Value::Word("bold"))),
            _ => attrs.push(("font-style", Value::Word(font_style.as_str()))),
        }
        self.element("text", &attrs, Some(text));
        Ok(())
    }
}

/// The root of a chart: its kind, size, accessible name and description.
pub(crate) struct Document<'a> {
    /// The chart kind, giving the root class `bc-chart bc-<kind>`.
    pub kind: &'static str,
    /// The caller's id prefix; see [`Document::finish`].
    pub id_prefix: &'a str,
    /// The accessible name.
    pub title: &'a str,
    /// The accessible description.
    pub description: &'a str,
    /// The `viewBox` size in user units.
    pub size: (f64, f64),
}

impl Document<'_> {
    /// The base of the chart's ids: the prefix reduced to ASCII letters, digits, `-` and `_`
    /// (others become `-`), starting with a letter (else `c-` is put before it). Ids of the
    /// chart's own elements (a pattern, say) are this, `-` and a word.
    pub(crate) fn id(&self) -> String {
        let mut id: String = self
            .id_prefix
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
            id.insert_str(0, "c-");
        }
        id
    }

    /// The finished `<svg>`. The ids are `<id>-title` and `<id>-desc`, `<id>` being
    /// [`Document::id`].
    pub(crate) fn finish(&self, layers: &[Layer]) -> String {
        let id = self.id();
        // The font only where there is text: a sparkline has none.
        let font = if layers.iter().any(|l| l.body.contains("<text")) {
            format!(
                " font-family='{FONT_FAMILY}' font-size=\"{}\"",
                num(FONT_SIZE)
            )
        } else {
            String::new()
        };
        let mut head = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" \
             aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
             class=\"bc-chart bc-{}\"{font}>\n\
             <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            num(self.size.0),
            num(self.size.1),
            self.kind,
            escape(self.title),
            escape(self.description),
        );
        // Sized once: the layers' bodies are most of the chart.
        let bodies: usize = layers.iter().map(|l| l.body.len() + 256).sum();
        head.reserve(bodies + 8);
        let mut out = head;
        for layer in layers.iter().filter(|l| !l.body.is_empty()) {
            out.push_str("<g class=\"bc-");
            out.push_str(layer.class);
            out.push('"');
            for (name, value) in &layer.attrs {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                escape_into(&mut out, value);
                out.push('"');
            }
            out.push_str(">\n");
            if let Some(tip) = &layer.tooltip {
                out.push_str("<title>");
                escape_into(&mut out, tip);
                out.push_str("</title>\n");
            }
            out.push_str(&layer.body);
            out.push_str("</g>\n");
        }
        out.push_str("</svg>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    #[test]
    fn numbers_have_one_decimal_at_most() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(0.05), "0.1");
        assert_eq!(num(-0.05), "-0.1");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(num(480.0), "480");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
        assert_eq!(px(f64::NAN), 0);
    }

    #[test]
    fn escapes_the_five_xml_characters() {
        assert_eq!(
            escape(r#"a & b < c > d "e" 'f'"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"
        );
    }

    #[test]
    fn writes_plotters_shapes_as_lean_elements() {
        let layer = Layer::new("line", &[("fill", "none"), ("stroke", "#0072b2")])
            .draw((10.0, 10.0), |root| {
                root.draw(&PathElement::new(
                    vec![(0, 0), (15, 25)],
                    ShapeStyle::from(RGBColor(0, 0x72, 0xB2)).stroke_width(20),
                ))?;
                root.draw(&Text::new(
                    "a < b",
                    (5, 5),
                    ("sans-serif", FONT_SIZE * SCALE * 1.24).into_font(),
                ))?;
                Ok(())
            })
            .unwrap();
        assert_eq!(
            layer.body,
            "<polyline stroke-width=\"2\" points=\"0,0 1.5,2.5\"/>\n\
             <text x=\"0.5\" y=\"0.5\" dy=\"0.76em\" fill=\"#000000\">a &lt; b</text>\n"
        );
        let doc = Document {
            kind: "test",
            id_prefix: "2 charts",
            title: "T & T",
            description: "D",
            size: (10.0, 10.0),
        };
        let svg = doc.finish(&[layer]);
        assert!(svg.contains(r#"aria-labelledby="c-2-charts-title""#));
        assert!(svg.contains("<title id=\"c-2-charts-title\">T &amp; T</title>"));
        assert!(svg.contains("<g class=\"bc-line\" fill=\"none\" stroke=\"#0072b2\">"));
    }

    #[test]
    fn leaves_out_what_the_layer_says_and_outlines_filled_shapes() {
        let blue = RGBColor(0, 0x72, 0xB2);
        let markers = Layer::new("markers", &[("fill", "#0072b2"), ("stroke", "#ffffff")])
            .outlined()
            .draw((20.0, 20.0), |root| {
                root.draw(&Circle::new((50, 60), 40, blue.filled()))?;
                root.draw(&Rectangle::new([(0, 0), (25, 15)], blue.mix(0.5).filled()))?;
                root.draw(&Circle::new(
                    (5, 5),
                    30,
                    ShapeStyle::from(RED).stroke_width(15),
                ))?;
                let bold = ("sans-serif", FONT_SIZE * SCALE * 1.24)
                    .into_font()
                    .style(FontStyle::Bold);
                root.draw(&Text::new("12,5 %", (100, 100), bold.color(&blue)))?;
                root.draw(&Circle::new((1, 1), 1, blue.mix(0.0).filled()))?;
                Ok(())
            })
            .unwrap();
        assert_eq!(
            markers.body,
            "<circle cx=\"5\" cy=\"6\" r=\"4\"/>\n\
             <rect x=\"0\" y=\"0\" width=\"2.5\" height=\"1.5\" opacity=\"0.5\"/>\n\
             <circle cx=\"0.5\" cy=\"0.5\" r=\"3\" fill=\"none\" stroke=\"#ff0000\" \
             stroke-width=\"1.5\"/>\n\
             <text x=\"10\" y=\"10\" dy=\"0.76em\" font-weight=\"bold\">12,5 %</text>\n"
        );
    }
}
