//! `content/areas.geojson`: the outlines of the areas, for maps.
//!
//! The file is a GeoJSON `FeatureCollection` in longitude/latitude (WGS 84, as GeoJSON always
//! is). Each feature is one area: its id is `properties.id`, else the feature's own `id`; its
//! geometry is a `Polygon` or a `MultiPolygon`. What cannot be used (other geometry types,
//! features without an id, a second feature with the same id, coordinates that are not
//! longitude/latitude) is left out with a warning at the feature's line, so that one bad
//! feature never hides the others.

use crate::diagnostics::{Diagnostic, Id as Message};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use geojson::GeometryValue;
use geojson::feature::Id;
use serde_json::Value;

/// The outline of one area: its polygons (with holes) in longitude (`x`) and latitude (`y`).
pub type Shape = MultiPolygon<f64>;

/// The shapes of the areas of a site, by area id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Boundaries {
    /// `(id, line of the feature, shape)`, sorted by id, ids unique.
    list: Vec<(String, usize, Shape)>,
}

impl Boundaries {
    /// The shape of the area with this id.
    pub fn get(&self, id: &str) -> Option<&Shape> {
        self.find(id).map(|(_, _, shape)| shape)
    }

    /// The 1-based line of the file where the feature of this area starts (for diagnostics).
    pub fn line(&self, id: &str) -> Option<usize> {
        self.find(id).map(|(_, line, _)| *line)
    }

    /// Every area id with its shape, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Shape)> {
        self.list.iter().map(|(id, _, shape)| (id.as_str(), shape))
    }

    /// The number of areas with a shape.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when no area has a shape.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The ids, sorted, for which `known` is false: areas of the boundary file that the site
    /// does not define (the caller warns about them, e.g. at [`Boundaries::line`]).
    pub fn unknown_ids(&self, known: impl Fn(&str) -> bool) -> Vec<&str> {
        self.list
            .iter()
            .map(|(id, _, _)| id.as_str())
            .filter(|id| !known(id))
            .collect()
    }

    fn find(&self, id: &str) -> Option<&(String, usize, Shape)> {
        self.list
            .binary_search_by(|(other, _, _)| other.as_str().cmp(id))
            .ok()
            .map(|i| &self.list[i])
    }
}

/// Reads the text of a boundary file; `shown` is the path written in diagnostics.
///
/// Gives `None` (with an error) when the text is not JSON or not a GeoJSON
/// `FeatureCollection`; otherwise the usable areas, with a warning for every feature left out.
/// Never panics.
pub fn read(text: &str, shown: &str) -> (Option<Boundaries>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    // serde_json does not skip a byte-order mark; blanking it keeps every offset and column.
    let blanked;
    let json = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            blanked = format!(" {rest}");
            blanked.as_str()
        }
        None => text,
    };
    let root: Value = match serde_json::from_str(json) {
        Ok(root) => root,
        Err(e) => {
            problems.push(
                Diagnostic::error(shown, e.line(), e.column(), Message::BoundaryNotJson)
                    .arg("detail", plain(&e))
                    .with_hint(Message::BoundaryExportHint),
            );
            return (None, problems);
        }
    };
    let (start_line, start_col) = line_col(json, json.len() - json.trim_start().len());
    let features = match &root {
        Value::Object(map)
            if map.get("type").and_then(Value::as_str) == Some("FeatureCollection") =>
        {
            map.get("features").and_then(Value::as_array)
        }
        _ => None,
    };
    let Some(features) = features else {
        let problem = |id: Message| Diagnostic::error(shown, start_line, start_col, id);
        let problem = match &root {
            Value::Object(map) => match map.get("type").and_then(Value::as_str) {
                Some("FeatureCollection") => problem(Message::BoundaryNoFeatures),
                Some(kind) => problem(Message::BoundaryWrongType).arg("kind", kind),
                None => problem(Message::BoundaryNoType),
            },
            _ => problem(Message::BoundaryNotObject),
        };
        problems.push(problem.with_hint(Message::BoundaryExportHint));
        return (None, problems);
    };
    let offsets = feature_offsets(json);
    let mut list: Vec<(String, usize, Shape)> = Vec::new();
    for (n, feature) in features.iter().enumerate() {
        let line = offsets
            .get(n)
            .map_or(start_line, |&offset| line_col(json, offset).0);
        let warn = |message: Message| Diagnostic::warning(shown, line, 1, message);
        let feature: geojson::Feature = match serde_json::from_value(feature.clone()) {
            Ok(feature) => feature,
            Err(e) => {
                problems.push(
                    warn(Message::FeatureNotFeature)
                        .arg("number", n + 1)
                        .arg("detail", plain(&e))
                        .with_hint(Message::BoundaryExportHint),
                );
                continue;
            }
        };
        let Some(id) = area_id(&feature) else {
            problems.push(
                warn(Message::FeatureNoId)
                    .arg("number", n + 1)
                    .with_hint(Message::FeatureNoIdHint),
            );
            continue;
        };
        let shape = match feature.geometry.as_ref().map(|g| &g.value) {
            Some(GeometryValue::Polygon { coordinates }) => {
                shape(std::slice::from_ref(coordinates))
            }
            Some(GeometryValue::MultiPolygon { coordinates }) => shape(coordinates),
            Some(other) => {
                problems.push(
                    warn(Message::AreaNotPolygon)
                        .arg("id", &id)
                        .arg("kind", other.type_name())
                        .with_hint(Message::AreaNotPolygonHint),
                );
                continue;
            }
            None => {
                problems.push(
                    warn(Message::AreaNoGeometry)
                        .arg("id", &id)
                        .with_hint(Message::DrawOutlineHint),
                );
                continue;
            }
        };
        let shape = match shape {
            Ok(shape) => shape,
            Err(Unusable::NotLonLat) => {
                problems.push(
                    warn(Message::AreaNotLonLat)
                        .arg("id", &id)
                        .with_hint(Message::BoundaryExportHint),
                );
                continue;
            }
            Err(Unusable::Empty) => {
                problems.push(
                    warn(Message::AreaNoOutline)
                        .arg("id", &id)
                        .with_hint(Message::DrawOutlineHint),
                );
                continue;
            }
        };
        if let Some((_, first, _)) = list.iter().find(|(other, _, _)| *other == id) {
            problems.push(
                warn(Message::AreaShapeTwice)
                    .arg("id", &id)
                    .arg("line", first)
                    .with_hint(Message::AreaShapeTwiceHint),
            );
            continue;
        }
        list.push((id, line, shape));
    }
    list.sort_by(|a, b| a.0.cmp(&b.0));
    (Some(Boundaries { list }), problems)
}

/// The area id of a feature: `properties.id`, else the feature's `id` (a string or a number);
/// `None` when empty.
fn area_id(feature: &geojson::Feature) -> Option<String> {
    let property = feature
        .properties
        .as_ref()
        .and_then(|p| p.get("id"))
        .and_then(|v| match v {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
    let own = || match &feature.id {
        Some(Id::String(s)) => Some(s.trim().to_owned()),
        Some(Id::Number(n)) => Some(n.to_string()),
        None => None,
    };
    property
        .filter(|id| !id.is_empty())
        .or_else(own)
        .filter(|id| !id.is_empty())
}

/// Why a geometry gives no shape.
enum Unusable {
    /// No ring with three distinct points.
    Empty,
    /// A coordinate outside longitude −360…360 or latitude −90…90 (projected metres, usually).
    NotLonLat,
}

/// The polygons of a geometry. Positions with fewer than two numbers are skipped; rings with
/// fewer than three distinct points are dropped, and so is a polygon whose outer ring is.
fn shape(polygons: &[Vec<Vec<geojson::Position>>]) -> Result<Shape, Unusable> {
    let mut out = Vec::new();
    for rings in polygons {
        let mut rings = rings.iter();
        let Some(exterior) = rings.next() else {
            continue;
        };
        let Some(exterior) = ring_of(exterior)? else {
            continue;
        };
        let holes = rings
            .map(|ring| ring_of(ring))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        out.push(Polygon::new(exterior, holes));
    }
    if out.is_empty() {
        return Err(Unusable::Empty);
    }
    Ok(MultiPolygon::new(out))
}

/// One ring, or `None` when it has fewer than three distinct points.
fn ring_of(ring: &[geojson::Position]) -> Result<Option<LineString<f64>>, Unusable> {
    let mut coords: Vec<Coord<f64>> = Vec::with_capacity(ring.len());
    for position in ring {
        let (Some(&x), Some(&y)) = (position.as_slice().first(), position.as_slice().get(1)) else {
            continue;
        };
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        if !(-360.0..=360.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            return Err(Unusable::NotLonLat);
        }
        let coord = Coord { x, y };
        if coords.last() != Some(&coord) {
            coords.push(coord);
        }
    }
    if coords.len() > 1 && coords.first() == coords.last() {
        coords.pop();
    }
    if coords.len() < 3 {
        return Ok(None);
    }
    // `Polygon::new` closes the ring.
    Ok(Some(LineString::new(coords)))
}

/// A serde_json error without its ` at line L column C` tail (the diagnostic says where).
fn plain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The byte offsets where the values of the top-level `features` list start, in order, found
/// by a scan of text already known to be JSON (strings are skipped, nesting is counted). When
/// `features` appears twice, serde_json keeps the last, and so does this.
fn feature_offsets(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut offsets = Vec::new();
    let mut depth = 0usize;
    // The last string read at depth 1 (a key, once its `:` follows) and the current key.
    let mut last_string: (usize, usize) = (0, 0);
    let mut key_is_features = false;
    // Inside the top-level `features` list, waiting for the next value.
    let mut in_features = false;
    let mut want_value = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_features && depth == 2 && want_value && !b.is_ascii_whitespace() && b != b']' {
            offsets.push(i);
            want_value = false;
        }
        match b {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if depth == 1 {
                    last_string = (start, i.min(bytes.len()));
                }
            }
            b':' if depth == 1 => {
                key_is_features = text.get(last_string.0..last_string.1) == Some("features");
            }
            b',' if depth == 1 => key_is_features = false,
            b',' if depth == 2 && in_features => want_value = true,
            b'{' | b'[' => {
                depth += 1;
                if depth == 2 && b == b'[' && key_is_features {
                    in_features = true;
                    want_value = true;
                    offsets.clear();
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    in_features = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;
    use geo::Area;

    const SHOWN: &str = "content/areas.geojson";

    fn square(x: f64, y: f64) -> String {
        format!(
            "[[[{x},{y}],[{x1},{y}],[{x1},{y1}],[{x},{y1}],[{x},{y}]]]",
            x1 = x + 1.0,
            y1 = y + 1.0
        )
    }

    fn feature(props: &str, geometry: &str) -> String {
        format!("{{\"type\": \"Feature\", {props}\"geometry\": {geometry}}}")
    }

    fn polygon(x: f64, y: f64) -> String {
        format!(
            "{{\"type\": \"Polygon\", \"coordinates\": {}}}",
            square(x, y)
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            "{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}\n",
            features.join(",\n")
        )
    }

    #[test]
    fn reads_polygons_and_multipolygons_by_property_id_then_feature_id() {
        let multi = format!(
            "{{\"type\": \"MultiPolygon\", \"coordinates\": [{}, {}]}}",
            square(106.0, 10.0),
            square(108.0, 10.0)
        );
        let text = collection(&[
            feature(
                "\"properties\": {\"id\": \"quan-11\", \"name\": \"Q11\"}, ",
                &polygon(106.6, 10.7),
            ),
            feature("\"id\": 7, \"properties\": null, ", &multi),
            feature(
                "\"id\": \"b\", \"properties\": {\"id\": \"a\"}, ",
                &polygon(0.0, 0.0),
            ),
        ]);
        let (boundaries, problems) = read(&text, SHOWN);
        assert!(problems.is_empty(), "{problems:?}");
        let boundaries = boundaries.unwrap();
        assert_eq!(boundaries.len(), 3);
        assert!(!boundaries.is_empty());
        let ids: Vec<&str> = boundaries.iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["7", "a", "quan-11"], "sorted by id");
        assert_eq!(boundaries.get("7").unwrap().0.len(), 2);
        let q11 = boundaries.get("quan-11").unwrap();
        assert!((q11.unsigned_area() - 1.0).abs() < 1e-9);
        assert_eq!(q11.0[0].exterior().0.first(), q11.0[0].exterior().0.last());
        assert!(
            boundaries.get("b").is_none(),
            "properties.id wins over the feature id"
        );
        assert_eq!(
            (
                boundaries.line("quan-11"),
                boundaries.line("7"),
                boundaries.line("a")
            ),
            (Some(2), Some(3), Some(4))
        );
        assert_eq!(boundaries.unknown_ids(|id| id == "quan-11"), ["7", "a"]);
    }

    #[test]
    fn leaves_out_unusable_features_with_a_warning_at_their_line() {
        let text = collection(&[
            feature("\"properties\": {\"id\": \"a\"}, ", &polygon(0.0, 0.0)),
            feature(
                "\"properties\": {\"id\": \"p\"}, ",
                "{\"type\": \"Point\", \"coordinates\": [1, 2]}",
            ),
            feature("\"properties\": {\"name\": \"X\"}, ", &polygon(2.0, 0.0)),
            feature("\"properties\": {\"id\": \"a\"}, ", &polygon(4.0, 0.0)),
            feature(
                "\"properties\": {\"id\": \"m\"}, ",
                &polygon(500_000.0, 1_200_000.0),
            ),
            feature("\"properties\": {\"id\": \"n\"}, ", "null"),
            feature(
                "\"properties\": {\"id\": \"t\"}, ",
                "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 1], [0, 0]]]}",
            ),
            "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": 3}}"
                .to_owned(),
        ]);
        let (boundaries, problems) = read(&text, SHOWN);
        let boundaries = boundaries.unwrap();
        assert_eq!(
            boundaries.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            ["a"]
        );
        assert_eq!(
            boundaries.line("a"),
            Some(2),
            "the first feature of `a` is kept"
        );
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9], "{problems:#?}");
        for problem in &problems {
            assert!(!problem.is_error(), "{}", problem.display(Language::En));
            assert_eq!(problem.path, std::path::Path::new(SHOWN));
            assert!(
                problem
                    .hint_text(Language::En)
                    .as_deref()
                    .is_some_and(|h| !h.is_empty())
            );
        }
        assert!(
            problems[0].text(Language::En).contains("Point"),
            "{}",
            problems[0].display(Language::En)
        );
        assert!(
            problems[1].text(Language::En).contains("no area id"),
            "{}",
            problems[1].display(Language::En)
        );
        assert!(
            problems[2].text(Language::En).contains("line 2"),
            "{}",
            problems[2].display(Language::En)
        );
        assert!(
            problems[3]
                .text(Language::En)
                .contains("longitude/latitude"),
            "{}",
            problems[3].display(Language::En)
        );
        assert!(
            problems[4].text(Language::En).contains("no geometry"),
            "{}",
            problems[4].display(Language::En)
        );
        assert!(
            problems[5].text(Language::En).contains("three points"),
            "{}",
            problems[5].display(Language::En)
        );
        assert!(
            problems[6].text(Language::En).contains("feature 8"),
            "{}",
            problems[6].display(Language::En)
        );
    }

    #[test]
    fn invalid_json_or_other_geojson_is_an_error_with_an_export_hint() {
        let (boundaries, problems) = read(
            "{\"type\": \"FeatureCollection\",\n  \"features\": [,]}",
            SHOWN,
        );
        assert!(boundaries.is_none());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_error());
        assert_eq!((problems[0].line, problems[0].col), (2, 16));
        assert!(
            !problems[0].text(Language::En).contains(" at line "),
            "{}",
            problems[0].display(Language::En)
        );
        assert!(
            problems[0]
                .hint_text(Language::En)
                .as_deref()
                .unwrap()
                .contains("GeoJSON")
        );

        for (text, words) in [
            (
                "\u{feff}\n  {\"type\": \"Feature\", \"geometry\": null}",
                "`Feature`",
            ),
            ("[1, 2]", "not a JSON object"),
            ("{\"type\": \"FeatureCollection\"}", "`features`"),
            ("{\"a\": 1}", "no `"),
        ] {
            let (boundaries, problems) = read(text, SHOWN);
            assert!(boundaries.is_none(), "{text}");
            assert_eq!(problems.len(), 1, "{text}");
            assert!(problems[0].is_error());
            assert!(
                problems[0].text(Language::En).contains(words),
                "{}",
                problems[0].display(Language::En)
            );
            assert!(problems[0].line >= 1 && problems[0].col >= 1);
        }
        let (_, problems) = read("\u{feff}\n  {\"type\": \"Feature\"}", SHOWN);
        assert_eq!((problems[0].line, problems[0].col), (2, 3));
    }

    #[test]
    fn an_empty_collection_is_empty_and_nothing_panics() {
        let (boundaries, problems) =
            read("{\"type\": \"FeatureCollection\", \"features\": []}", SHOWN);
        assert!(problems.is_empty());
        assert!(boundaries.unwrap().is_empty());
        for text in [
            "",
            "{",
            "\"features\"",
            "{\"type\": \"FeatureCollection\", \"features\": [1, \"x\", null, [], {}]}",
            "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"id\": \"a\", \
             \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[], [[1]], [[1e308, 1]]]}}]}",
            "{\"features\": [{\"x\": \"]\\\"\"}], \"type\": \"FeatureCollection\", \"features\": 2}",
            &"[".repeat(10_000),
        ] {
            let (_, problems) = read(text, SHOWN);
            for problem in problems {
                assert!(
                    problem.line >= 1,
                    "{text}: {}",
                    problem.display(Language::En)
                );
            }
        }
    }

    #[test]
    fn finds_where_each_feature_starts() {
        let text = "{\"bbox\": [0, 1], \"crs\": {\"features\": [9]}, \"features\": [\n  {\"a\": \"[{,\"},\n\n  [1], 2 ]}";
        let offsets = feature_offsets(text);
        let lines: Vec<usize> = offsets.iter().map(|&o| line_col(text, o).0).collect();
        assert_eq!(lines, [2, 4, 4]);
        assert_eq!(&text[offsets[2]..offsets[2] + 1], "2");
    }
}
