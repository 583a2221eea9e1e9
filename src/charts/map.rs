//! The choropleth map: areas filled by the class of their value, with a legend below.
//!
//! Unlike the other charts it is written by hand, not drawn with plotters: a map is a few
//! filled paths, and plotters would split each area into many shapes. It keeps the charts'
//! conventions all the same (see the [module](super) docs): a `viewBox` [`WIDTH`] wide and no
//! fixed size, `role="img"` with `<title>` and `<desc>`, ids from the caller's prefix, text at
//! [`FONT_SIZE`] in the charts' font stack, numbers with at most one decimal, never `NaN`, and
//! byte-identical output for identical input.
//!
//! - **Projection**: equirectangular, longitude scaled by the cosine of the middle latitude
//!   of all areas, north up, fitted into [`WIDTH`] × at most [`MAX_MAP_HEIGHT`] (centred
//!   across when the areas are taller than wide). Areas crossing the 180° meridian are not
//!   handled.
//! - **Simplification**: each ring is simplified after projection (Ramer–Douglas–Peucker,
//!   [`TOLERANCE`] user units) and written rounded to one decimal; rings that collapse to
//!   fewer than three points are dropped (a hole with its outer ring). An area all of whose
//!   rings collapse keeps its unsimplified outline, or at least a 1-unit square where it is.
//! - **One `<path>` per area**, all its polygons and holes in one `d`, the holes cut out by
//!   the `fill-rule="evenodd"` of the areas' `<g>`, inside `<a href>` when the area has a URL,
//!   with a `<title>` "Name: value" (or "Name: no data") as the tooltip and, for a link, its
//!   accessible name. Every area has a thin dark outline, so even the lightest class stands
//!   out from the page.
//! - **Classes**: at most five quantile classes (about as many areas in each), fewer when
//!   there are fewer distinct values; a class is the values from just above the previous
//!   class's highest value up to its own highest value. They are coloured with [`PALETTE`]
//!   (viridis: colour-blind-safe and ordered by lightness), the highest class darkest. Areas
//!   without a value are hatched light grey, never told by colour alone: the hatching and the
//!   tooltip say "no data".
//! - **Legend**: one swatch (`<rect>`) per class with its range, `lowest – highest` of the
//!   values in it, and one for "no data" when an area has no value; laid out in rows below
//!   the map.

use super::layout::{LINE_HEIGHT, WORD_GAP, empty_state, text_width};
pub use super::projection::{MAX_MAP_HEIGHT, TOLERANCE};
use super::projection::{PAD, Projection, coords};
use super::style::{AXIS, FONT_SIZE, TEXT, WIDTH};
use super::svg::{Document, Layer, escape, num};
use crate::data::boundaries::Shape;

/// The colours of the classes, lightest (lowest values) first: viridis in five steps, readable
/// with every kind of colour-blindness. The lightest is yellow, clearly apart from a white page.
pub const PALETTE: [&str; 5] = ["#fde725", "#5dc863", "#21908c", "#3b528b", "#440154"];

/// The background of the hatching of areas without data.
const NO_DATA_FILL: &str = "#f2f2f2";
/// The size of a legend swatch.
const SWATCH: (f64, f64) = (18.0, 12.0);
/// The space between a swatch and its text.
const SWATCH_GAP: f64 = 6.0;
/// The height of the map of a chart without any area.
const EMPTY_HEIGHT: f64 = 120.0;

/// The words of a map in the site language, used in its `<desc>`, tooltips and legend.
pub struct MapWords<'a> {
    /// The start of the description, from the number of areas: `Map of 3 areas`,
    /// `Bản đồ 3 xã`.
    pub areas: &'a dyn Fn(usize) -> String,
    /// Put before the area with the lowest value: `lowest`, `thấp nhất`.
    pub lowest: &'a str,
    /// Put before the area with the highest value: `highest`, `cao nhất`.
    pub highest: &'a str,
    /// The number of areas without a value, at the end of the description: `1 without data`,
    /// `1 xã chưa có số liệu`.
    pub without_data: &'a dyn Fn(usize) -> String,
    /// What a tooltip and the legend say for an area without value, and the message of a map
    /// without any area: `no data`, `chưa có số liệu`.
    pub no_data: &'a str,
}

/// One area of a map.
pub struct MapArea<'a> {
    /// Its outline in longitude/latitude, as [`crate::data::boundaries::Boundaries::get`]
    /// gives it. An area without any coordinate is left out of the map.
    pub shape: &'a Shape,
    /// Its display name, in its tooltip and the description.
    pub name: &'a str,
    /// Its value; `None` (or a value that is not a finite number) for no data.
    pub value: Option<f64>,
    /// Its value as written in the site, in its tooltip and the description: `4,07 %`. When
    /// empty, [`Choropleth::format_value`] writes it.
    pub value_text: &'a str,
    /// The page of the area, linked from its shape; empty for no link.
    pub url: &'a str,
}

/// A map of areas coloured by their value: see [`Choropleth::render`].
pub struct Choropleth<'a> {
    /// The accessible name of the map, written into `<title>`.
    pub title: &'a str,
    /// A sentence put before the generated summary in `<desc>` (what is shown, when); may be
    /// empty.
    pub description: &'a str,
    /// The areas, drawn in this order (later areas over earlier ones).
    pub areas: &'a [MapArea<'a>],
    /// Writes a value with its unit, for the legend's ranges: `4,07 %`.
    pub format_value: &'a dyn Fn(f64) -> String,
    /// The words of the description, tooltips and legend.
    pub words: MapWords<'a>,
}

/// One class of values: the range of the values in it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Class {
    low: f64,
    high: f64,
}

impl Choropleth<'_> {
    /// The map as an `<svg>` element; `id_prefix` makes its ids unique on the page.
    ///
    /// The `<desc>` is [`Choropleth::description`] followed by a summary such as "Map of 3
    /// areas: lowest A (1 %), highest B (3 %); 1 without data." built from
    /// [`Choropleth::words`]. Without any area with coordinates, the map is the "no data"
    /// message.
    pub fn render(&self, id_prefix: &str) -> String {
        let areas: Vec<&MapArea<'_>> = self
            .areas
            .iter()
            .filter(|a| coords(a.shape).next().is_some())
            .collect();
        let description = self.summary(&areas);
        let mut doc = Document {
            kind: "map",
            id_prefix,
            title: self.title,
            description: &description,
            size: (WIDTH, EMPTY_HEIGHT),
        };
        let Some(projection) = Projection::fit(|| areas.iter().flat_map(|a| coords(a.shape)))
        else {
            let message = empty_state(doc.size, self.words.no_data);
            return doc.finish(&message.into_iter().collect::<Vec<_>>());
        };
        let values: Vec<Option<f64>> = areas.iter().map(|a| value(a)).collect();
        let classes = classes(&values);
        let no_data_id = format!("{}-no-data", doc.id());
        let no_data_fill = format!("url(#{no_data_id})");
        let fill = |v: Option<f64>| match v {
            Some(v) => colour(&classes, v),
            None => no_data_fill.as_str(),
        };

        let mut layers = Vec::new();
        let any_missing = values.iter().any(Option::is_none);
        if any_missing {
            layers.push(Layer::new("map-defs", &[]).push_raw(&format!(
                "<defs><pattern id=\"{no_data_id}\" width=\"6\" height=\"6\" \
                 patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
                 <rect width=\"6\" height=\"6\" fill=\"{NO_DATA_FILL}\"/>\
                 <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{}\" stroke-width=\"1.5\"/>\
                 </pattern></defs>\n",
                AXIS.hex()
            )));
        }

        let mut body = String::new();
        for (area, v) in areas.iter().zip(&values) {
            let tooltip = format!(
                "{}: {}",
                area.name,
                match v {
                    Some(v) => self.value_text(area, *v),
                    None => self.words.no_data.to_owned(),
                }
            );
            let d = projection.path(area.shape);
            let title = format!("<title>{}</title>", escape(&tooltip));
            let path = |inner: &str| {
                format!(
                    "<path fill=\"{}\" d=\"{d}\">{inner}</path>",
                    escape(fill(*v))
                )
            };
            if area.url.is_empty() {
                body.push_str(&path(&title));
            } else {
                body.push_str(&format!(
                    "<a href=\"{}\">{title}{}</a>",
                    escape(area.url),
                    path("")
                ));
            }
            body.push('\n');
        }
        layers.push(
            Layer::new(
                "areas",
                &[
                    ("stroke", AXIS.hex()),
                    ("stroke-width", "0.6"),
                    ("stroke-linejoin", "round"),
                    ("fill-rule", "evenodd"),
                ],
            )
            .push_raw(&body),
        );

        let mut items: Vec<(&str, String)> = classes
            .iter()
            .map(|c| (colour(&classes, c.high), self.range_text(c)))
            .collect();
        if any_missing {
            items.push((no_data_fill.as_str(), self.words.no_data.to_owned()));
        }
        let (legend, legend_height) = legend(&items, projection.height + 8.0);
        layers.push(Layer::new("legend", &[("fill", TEXT.hex())]).push_raw(&legend));
        doc.size = (WIDTH, projection.height + 8.0 + legend_height + PAD);
        doc.finish(&layers)
    }

    /// The area's value as text: its `value_text`, else formatted.
    fn value_text(&self, area: &MapArea<'_>, v: f64) -> String {
        if area.value_text.is_empty() {
            (self.format_value)(v)
        } else {
            area.value_text.to_owned()
        }
    }

    /// The legend text of a class: `1 % – 2 %`, or `1 %` for a class of one value.
    fn range_text(&self, class: &Class) -> String {
        if class.low == class.high {
            (self.format_value)(class.low)
        } else {
            format!(
                "{} – {}",
                (self.format_value)(class.low),
                (self.format_value)(class.high)
            )
        }
    }

    /// The text of `<desc>`: the caller's sentence, then the areas with the lowest and the
    /// highest value (the first in input order on a tie) and the number without data.
    fn summary(&self, areas: &[&MapArea<'_>]) -> String {
        let words = &self.words;
        let mut text = (words.areas)(areas.len());
        let valued: Vec<(&MapArea<'_>, f64)> =
            areas.iter().filter_map(|a| Some((*a, value(a)?))).collect();
        let lowest = valued.iter().reduce(|a, b| if b.1 < a.1 { b } else { a });
        let highest = valued.iter().reduce(|a, b| if b.1 > a.1 { b } else { a });
        let say = |(area, v): &(&MapArea<'_>, f64)| {
            format!("{} ({})", area.name, self.value_text(area, *v))
        };
        match (lowest, highest) {
            (Some(low), Some(high)) if valued.len() > 1 => {
                text.push_str(&format!(
                    ": {} {}, {} {}",
                    words.lowest,
                    say(low),
                    words.highest,
                    say(high)
                ));
            }
            (Some(only), _) => text.push_str(&format!(": {}", say(only))),
            _ => {}
        }
        let missing = areas.len() - valued.len();
        if missing > 0 {
            text.push_str("; ");
            text.push_str(&(words.without_data)(missing));
        }
        text.push('.');
        if self.description.is_empty() {
            text
        } else {
            format!("{} {text}", self.description)
        }
    }
}

/// The value of an area when it is a finite number.
fn value(area: &MapArea<'_>) -> Option<f64> {
    area.value.filter(|v| v.is_finite())
}

/// Quantile classes of the finite values: at most five, each up to the value at its share of
/// the sorted values, merged where values repeat. Ascending; empty without values.
fn classes(values: &[Option<f64>]) -> Vec<Class> {
    let mut sorted: Vec<f64> = values.iter().flatten().copied().collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let mut distinct = sorted.clone();
    distinct.dedup();
    let k = distinct.len().min(PALETTE.len());
    let mut highs: Vec<f64> = (1..=k).map(|i| sorted[i * n / k - 1]).collect();
    highs.dedup();
    let mut classes: Vec<Class> = Vec::with_capacity(highs.len());
    let mut rest = sorted.as_slice();
    for high in highs {
        let count = rest.iter().take_while(|v| **v <= high).count();
        let (members, after) = rest.split_at(count);
        rest = after;
        if let (Some(&low), Some(&high)) = (members.first(), members.last()) {
            classes.push(Class { low, high });
        }
    }
    classes
}

/// The colour of the class of `v`, spread over the palette so that the highest class is the
/// darkest and the lowest the lightest.
fn colour(classes: &[Class], v: f64) -> &'static str {
    let count = classes.len();
    let i = classes
        .iter()
        .position(|c| v <= c.high)
        .unwrap_or(count.saturating_sub(1));
    let last = PALETTE.len() - 1;
    let at = match count {
        0 | 1 => last / 2,
        _ => (i * last + (count - 1) / 2) / (count - 1),
    };
    PALETTE[at.min(last)]
}

/// The legend's swatches and texts in rows from `top`, and its height.
fn legend(items: &[(&str, String)], top: f64) -> (String, f64) {
    let mut out = String::new();
    let row_height = LINE_HEIGHT + 4.0;
    let (mut x, mut y) = (PAD, top);
    for (fill, text) in items {
        let width = SWATCH.0 + SWATCH_GAP + text_width(text, FONT_SIZE, false);
        if x > PAD && x + width > WIDTH - PAD {
            x = PAD;
            y += row_height;
        }
        let middle = y + LINE_HEIGHT / 2.0;
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" \
             stroke-width=\"0.6\"/>\n<text x=\"{}\" y=\"{}\" dy=\".35em\">{}</text>\n",
            num(x),
            num(middle - SWATCH.1 / 2.0),
            num(SWATCH.0),
            num(SWATCH.1),
            escape(fill),
            AXIS.hex(),
            num(x + SWATCH.0 + SWATCH_GAP),
            num(middle),
            escape(text),
        ));
        x += width + WORD_GAP;
    }
    let height = if items.is_empty() {
        0.0
    } else {
        y - top + LINE_HEIGHT
    };
    (out, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{MultiPolygon, Polygon, polygon};

    fn square(x: f64, y: f64, side: f64) -> Shape {
        MultiPolygon::new(vec![polygon![
            (x: x, y: y),
            (x: x + side, y: y),
            (x: x + side, y: y + side),
            (x: x, y: y + side),
        ]])
    }

    fn percent(v: f64) -> String {
        format!("{v:.1} %")
    }

    fn areas_of(n: usize) -> String {
        format!("Map of {n} areas")
    }

    fn without(n: usize) -> String {
        format!("{n} without data")
    }

    fn words() -> MapWords<'static> {
        MapWords {
            areas: &areas_of,
            lowest: "lowest",
            highest: "highest",
            without_data: &without,
            no_data: "no data",
        }
    }

    fn render(areas: &[MapArea<'_>]) -> String {
        Choropleth {
            title: "Poverty rate",
            description: "",
            areas,
            format_value: &percent,
            words: words(),
        }
        .render("map")
    }

    /// The `<path …>…</path>` elements of the areas, in order.
    fn paths(svg: &str) -> Vec<&str> {
        svg.match_indices("<path")
            .map(|(i, _)| &svg[i..i + svg[i..].find("</path>").unwrap()])
            .collect()
    }

    #[test]
    fn draws_one_titled_path_per_area_coloured_by_class() {
        let shapes = [
            square(106.0, 10.0, 1.0),
            square(107.0, 10.0, 1.0),
            square(108.0, 10.0, 1.0),
        ];
        let areas = [
            MapArea {
                shape: &shapes[0],
                name: "Xã A",
                value: Some(2.0),
                value_text: "2,0 %",
                url: "/a/",
            },
            MapArea {
                shape: &shapes[1],
                name: "Xã B",
                value: Some(9.5),
                value_text: "",
                url: "",
            },
            MapArea {
                shape: &shapes[2],
                name: "Xã C & D",
                value: None,
                value_text: "",
                url: "",
            },
        ];
        let svg = render(&areas);
        assert_eq!(svg.matches("<path").count(), 3, "{svg}");
        let paths = paths(&svg);
        assert!(
            svg.contains("<a href=\"/a/\"><title>Xã A: 2,0 %</title><path "),
            "{svg}"
        );
        assert!(paths[1].contains("<title>Xã B: 9.5 %</title>"), "{svg}");
        assert!(
            paths[2].contains("<title>Xã C &amp; D: no data</title>"),
            "{svg}"
        );
        assert!(
            paths[0].contains(&format!("fill=\"{}\"", PALETTE[0])),
            "{svg}"
        );
        assert!(
            paths[1].contains(&format!("fill=\"{}\"", PALETTE[4])),
            "{svg}"
        );
        assert!(paths[2].contains("fill=\"url(#map-no-data)\""), "{svg}");
        assert!(svg.contains("<pattern id=\"map-no-data\""));
        // Squares at 10° N come out nearly square, side by side, filling the width.
        assert!(paths[0].contains("d=\"M2,"), "{}", paths[0]);
        assert_eq!(
            svg.matches("<rect").count(),
            1 + 3,
            "pattern + 2 classes + no data"
        );
        assert!(svg.contains(">2,0 %<") || svg.contains(">2.0 %<"), "{svg}");
        assert!(svg.contains(">no data</text>"));
        assert!(svg.contains(
            "<desc id=\"map-desc\">Map of 3 areas: lowest Xã A (2,0 %), highest Xã B (9.5 %); \
             1 without data.</desc>"
        ));
        assert!(svg.contains("role=\"img\"") && svg.contains("viewBox=\"0 0 480 "));
        assert_eq!(svg, render(&areas), "deterministic");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn classes_are_quantiles_of_the_distinct_values() {
        let values: Vec<Option<f64>> = (1..=10).map(|v| Some(f64::from(v))).collect();
        let classes = classes(&values);
        let highs: Vec<f64> = classes.iter().map(|c| c.high).collect();
        assert_eq!(highs, [2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(
            classes[1],
            Class {
                low: 3.0,
                high: 4.0
            }
        );
        assert_eq!(colour(&classes, 10.0), PALETTE[4], "the highest is darkest");
        assert_eq!(colour(&classes, 1.0), PALETTE[0]);
        assert_eq!(colour(&classes, 5.0), PALETTE[2]);

        let two = classes_of(&[1.0, 1.0, 1.0, 7.0]);
        assert_eq!(two.len(), 2);
        assert_eq!(colour(&two, 7.0), PALETTE[4]);
        assert_eq!(colour(&two, 1.0), PALETTE[0]);
        let one = classes_of(&[3.0, 3.0]);
        assert_eq!(
            one,
            [Class {
                low: 3.0,
                high: 3.0
            }]
        );
        assert!(classes_of(&[]).is_empty());
        let four = classes_of(&[1.0, 2.0, 3.0, 4.0]);
        let colours: Vec<&str> = [1.0, 2.0, 3.0, 4.0]
            .iter()
            .map(|v| colour(&four, *v))
            .collect();
        assert_eq!(colours, [PALETTE[0], PALETTE[1], PALETTE[3], PALETTE[4]]);
    }

    fn classes_of(values: &[f64]) -> Vec<Class> {
        classes(&values.iter().map(|v| Some(*v)).collect::<Vec<_>>())
    }

    #[test]
    fn holes_and_tiny_parts() {
        let with_hole = MultiPolygon::new(vec![
            Polygon::new(
                square(0.0, 0.0, 4.0).0[0].exterior().clone(),
                vec![square(1.0, 1.0, 2.0).0[0].exterior().clone()],
            ),
            // An island far too small to draw at this zoom.
            square(3.99, 3.99, 1e-6).0.remove(0),
        ]);
        let speck = square(2.0, 2.0, 1e-9);
        let areas = [
            MapArea {
                shape: &with_hole,
                name: "A",
                value: Some(1.0),
                value_text: "1",
                url: "",
            },
            MapArea {
                shape: &speck,
                name: "B",
                value: Some(f64::NAN),
                value_text: "",
                url: "",
            },
        ];
        let svg = render(&areas);
        let paths = paths(&svg);
        assert_eq!(paths.len(), 2, "{svg}");
        assert_eq!(
            paths[0].matches('M').count(),
            2,
            "outline and hole: {}",
            paths[0]
        );
        assert_eq!(
            paths[1].matches('M').count(),
            1,
            "a speck stays visible: {}",
            paths[1]
        );
        assert!(paths[1].contains("B: no data"), "NaN is no data");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(
            svg.contains("Map of 2 areas: A (1); 1 without data."),
            "{svg}"
        );
    }

    #[test]
    fn without_areas_the_map_says_so() {
        let empty = MultiPolygon::<f64>::new(vec![]);
        let areas = [MapArea {
            shape: &empty,
            name: "A",
            value: Some(1.0),
            value_text: "1",
            url: "",
        }];
        let svg = render(&areas);
        assert!(svg.contains(">no data</text>"), "{svg}");
        assert!(!svg.contains("<path"));
        assert!(svg.contains("Map of 0 areas."), "{svg}");
    }
}
