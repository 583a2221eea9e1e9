//! SVG post-processing: plotters draws, this module makes the result lean and accessible.
//!
//! Every chart is drawn as a few *layers*. Each layer is drawn by plotters' [`SVGBackend`] on
//! its own canvas of the chart's size times [`SCALE`] (plotters works in integer pixels, so at
//! ten times the size its pixels are exactly the one-decimal user units of the result). The
//! plotters output is then rewritten element by element into one `<g>` per layer:
//!
//! - coordinates are divided by [`SCALE`] and written with at most one decimal;
//! - what the layer's `<g>` (or the root `<svg>`) already says is dropped from its elements:
//!   colours, stroke widths, `opacity="1"`, font family and size, `text-anchor="start"`;
//! - in an *outlined* layer (markers), filled shapes take the layer's stroke as an outline;
//! - plotters' vertical centring of text (`dy="0.5ex"`) becomes `dy=".35em"`, which centres
//!   digits and capitals on the anchor point in every font.
//!
//! [`Document::finish`] wraps the layers in the root `<svg>`: a `viewBox` and no fixed size,
//! `role="img"`, `<title>` and `<desc>` with ids from the caller's prefix.

use super::{FONT_FAMILY, FONT_SIZE};
use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use std::fmt::Write as _;

/// Plotters draws at this many pixels per user unit of the final SVG.
pub(crate) const SCALE: f64 = 10.0;

/// What drawing with plotters can fail with (never, into a string; but the API says so).
pub(crate) type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// The canvas a layer is drawn on: one plotters SVG backend writing into a string.
pub(crate) type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;

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
    let _ = write!(out, "{}", magnitude / 10);
    let digit = magnitude % 10;
    if digit != 0 {
        out.push('.');
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Escapes text for XML content and attribute values: `& < > " '`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
    out
}

/// One `<g>` of the result: a CSS class, shared attributes and the cleaned plotters drawing.
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

    /// Draws onto a fresh plotters canvas of `size` user units and adds the cleaned elements.
    pub(crate) fn draw<F>(mut self, size: (f64, f64), draw: F) -> Result<Layer, DrawError>
    where
        F: FnOnce(&Root<'_>) -> Result<(), DrawError>,
    {
        let mut raw = String::new();
        {
            let canvas = (px(size.0).max(1) as u32, px(size.1).max(1) as u32);
            let root = SVGBackend::with_string(&mut raw, canvas).into_drawing_area();
            draw(&root)?;
            root.present()?;
        }
        self.clean(&raw);
        Ok(self)
    }

    /// Rewrites plotters' elements into this layer's body.
    fn clean(&mut self, raw: &str) {
        let font_size = num(FONT_SIZE);
        let inherited = |name: &str, value: &str| {
            self.attrs.iter().any(|(k, v)| *k == name && v == value)
                || (name == "font-size" && value == font_size)
        };
        let group_stroke = self.attrs.iter().any(|(k, _)| *k == "stroke");
        let mut value = String::new();
        for element in Elements(raw) {
            let filled = element
                .attrs
                .iter()
                .any(|(k, v)| *k == "fill" && *v != "none");
            let no_stroke = element
                .attrs
                .iter()
                .any(|(k, v)| *k == "stroke" && *v == "none");
            let out = &mut self.body;
            out.push('<');
            out.push_str(element.tag);
            for &(name, raw_value) in &element.attrs {
                value.clear();
                convert(name, raw_value, &mut value);
                let drop = match name {
                    "font-family" => true,
                    "opacity" => value == "1",
                    "text-anchor" => value == "start",
                    "stroke" | "stroke-width" if self.outline && filled => true,
                    "stroke" | "stroke-width" if no_stroke => !(group_stroke && name == "stroke"),
                    _ => inherited(name, &value),
                };
                if !drop {
                    out.push(' ');
                    out.push_str(name);
                    out.push_str("=\"");
                    out.push_str(&value);
                    out.push('"');
                }
            }
            match element.text {
                Some(text) => {
                    out.push('>');
                    out.push_str(text);
                    out.push_str("</");
                    out.push_str(element.tag);
                    out.push('>');
                }
                None => out.push_str("/>"),
            }
            out.push('\n');
        }
    }
}

/// Converts one attribute value from plotters' pixels to the result's user units, into `out`.
fn convert(name: &str, value: &str, out: &mut String) {
    // Plotters writes whole pixels, which at SCALE = 10 are exactly tenths of a user unit.
    let scale = |v: &str, out: &mut String| {
        let v = v.trim();
        let tenths = match v.parse::<i64>() {
            Ok(pixels) => pixels,
            Err(_) => v.parse::<f64>().map_or(0, |v| tenths(v / SCALE)),
        };
        push_tenths(out, tenths);
    };
    match name {
        "x" | "y" | "x1" | "y1" | "x2" | "y2" | "cx" | "cy" | "r" | "width" | "height"
        | "stroke-width" | "font-size" => scale(value, out),
        "points" => {
            for (i, (x, y)) in value
                .split_whitespace()
                .filter_map(|pair| pair.split_once(','))
                .enumerate()
            {
                if i > 0 {
                    out.push(' ');
                }
                scale(x, out);
                out.push(',');
                scale(y, out);
            }
        }
        "dy" if value == "0.5ex" => out.push_str(".35em"),
        "fill" | "stroke" if value.starts_with('#') => out.push_str(&value.to_ascii_lowercase()),
        _ => out.push_str(value),
    }
}

/// One element written by plotters: tag, attributes (still escaped) and text content.
struct Element<'a> {
    tag: &'a str,
    attrs: Vec<(&'a str, &'a str)>,
    text: Option<&'a str>,
}

/// The elements of plotters' SVG output, without the `<svg>` wrapper.
///
/// Plotters writes one element per line, attribute values in double quotes with `"` escaped,
/// and text content between a newline after the start tag and one before `</text>`.
struct Elements<'a>(&'a str);

impl<'a> Iterator for Elements<'a> {
    type Item = Element<'a>;

    fn next(&mut self) -> Option<Element<'a>> {
        loop {
            let start = self.0.find('<')?;
            let rest = &self.0[start + 1..];
            if rest.starts_with('/') {
                self.0 = rest.split_once('>').map_or("", |(_, after)| after);
                continue;
            }
            let name_end = rest.find([' ', '>', '/', '\n']).unwrap_or(rest.len());
            let tag = &rest[..name_end];
            let mut cursor = &rest[name_end..];
            let mut attrs = Vec::with_capacity(8);
            let open = loop {
                cursor = cursor.trim_start_matches([' ', '\n']);
                if let Some(after) = cursor.strip_prefix("/>") {
                    cursor = after;
                    break false;
                }
                if let Some(after) = cursor.strip_prefix('>') {
                    cursor = after;
                    break true;
                }
                let Some((name, after)) = cursor
                    .split_once('=')
                    .and_then(|(name, after)| Some((name, after.strip_prefix('"')?)))
                else {
                    self.0 = "";
                    return None;
                };
                let Some((value, after)) = after.split_once('"') else {
                    self.0 = "";
                    return None;
                };
                attrs.push((name.trim(), value));
                cursor = after;
            };
            if tag == "svg" {
                self.0 = cursor;
                continue;
            }
            let mut text = None;
            if open {
                // Text content is escaped: the next `<` starts the end tag.
                let (content, after) = match cursor.find('<') {
                    Some(end) => {
                        let after = &cursor[end..];
                        let close = after.find('>').map_or(after.len(), |i| i + 1);
                        (&cursor[..end], &after[close..])
                    }
                    None => (cursor, ""),
                };
                let content = content.strip_prefix('\n').unwrap_or(content);
                text = Some(content.strip_suffix('\n').unwrap_or(content));
                cursor = after;
            }
            self.0 = cursor;
            return Some(Element { tag, attrs, text });
        }
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
    /// The finished `<svg>`. The ids are `<prefix>-title` and `<prefix>-desc`, the prefix
    /// reduced to ASCII letters, digits, `-` and `_` (others become `-`), starting with a
    /// letter (else `c-` is put before it).
    pub(crate) fn finish(&self, layers: &[Layer]) -> String {
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
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" \
             aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
             class=\"bc-chart bc-{}\" font-family='{FONT_FAMILY}' font-size=\"{}\">\n\
             <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            num(self.size.0),
            num(self.size.1),
            self.kind,
            num(FONT_SIZE),
            escape(self.title),
            escape(self.description),
        );
        for layer in layers.iter().filter(|l| !l.body.is_empty()) {
            let _ = write!(out, "<g class=\"bc-{}\"", layer.class);
            for (name, value) in &layer.attrs {
                let _ = write!(out, " {name}=\"{}\"", escape(value));
            }
            out.push_str(">\n");
            if let Some(tip) = &layer.tooltip {
                let _ = writeln!(out, "<title>{}</title>", escape(tip));
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
    fn cleans_plotters_output_into_lean_groups() {
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
}
