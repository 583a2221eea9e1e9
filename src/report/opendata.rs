//! Open data: `/du-lieu/<id>.csv` (tidy, plain numbers, one row per observation),
//! `/du-lieu/<id>.json`, and `/du-lieu/datapackage.json`, a Frictionless Data Package that
//! describes every CSV file with its schema.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::data::indicators::{Direction, Due, Indicator, TargetKind};
use crate::fingerprint::Hasher;
use crate::model::Site;
use crate::render::routes;
use crate::render::statistics::Format;

/// The fixed columns of every CSV, before the indicator's own dimension columns.
const COLUMNS: [(&str, &str, &str); 9] = [
    ("indicator", "string", "Indicator id"),
    ("area", "string", "Area id (see areas in the site)"),
    (
        "period",
        "string",
        "Year (2020), quarter (2020-Q3) or month (2020-06)",
    ),
    ("value", "number", "The value, with `.` as the decimal mark"),
    ("unit", "string", "Unit of the value"),
    (
        "standard",
        "string",
        "Measurement standard (poverty line) the value was measured under",
    ),
    ("note", "string", "Footnote"),
    ("source", "string", "Where the figure comes from"),
    (
        "computed",
        "boolean",
        "true for a value computed by the site (the sum of the sub-areas, or a ratio of two indicators), false for a reported one",
    ),
];

/// Where the CSV and JSON files of indicator `i` go.
pub fn paths(site: &Site, i: usize) -> [String; 2] {
    let id = &site.stats.indicators[i].id;
    ["csv", "json"].map(|extension| {
        routes::data_file(&site.sections, id, extension)
            .trim_start_matches('/')
            .to_string()
    })
}

/// Where `datapackage.json` goes.
pub fn package_path(site: &Site) -> String {
    format!("{}/datapackage.json", site.sections.data)
}

/// The CSV and JSON files of indicator `i`, with their paths.
pub fn files(site: &Site, i: usize) -> Result<Vec<(String, Vec<u8>)>, String> {
    let dims = dimension_names(site, i);
    let json_text = one_line_per_item(&indicator_json(site, i)).map_err(|e| e.to_string())?;
    let [csv_path, json_path] = paths(site, i);
    Ok(vec![
        (csv_path, csv(site, i, &dims)?),
        (json_path, json_text),
    ])
}

/// `datapackage.json`: every indicator's CSV with its schema, and its path.
pub fn package(site: &Site) -> Result<(String, Vec<u8>), String> {
    let resources: Vec<Value> = site
        .stats
        .indicators
        .iter()
        .enumerate()
        .map(|(i, indicator)| {
            let mut fields: Vec<Value> = COLUMNS.iter().map(|(name, kind, description)| json!({"name": name, "type": kind, "description": description})).collect();
            fields.extend(
                dimension_names(site, i)
                    .iter()
                    .map(|d| json!({"name": d, "type": "string", "description": "Disaggregation"})),
            );
            json!({
                "name": indicator.id,
                "title": indicator.title,
                "path": format!("{}.csv", indicator.id),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            })
        })
        .collect();
    let package = json!({
        "name": package_name(&site.config.base_url),
        "title": site.config.title,
        "description": site.config.description,
        "homepage": site.config.base_url,
        "licenses": [{"name": licence_id(&site.config.license), "title": site.config.license}],
        "resources": resources,
    });
    Ok((
        package_path(site),
        serde_json::to_vec_pretty(&package).map_err(|e| e.to_string())?,
    ))
}

/// Dimension column names used by indicator `i`, sorted.
fn dimension_names(site: &Site, i: usize) -> Vec<String> {
    let mut names = BTreeSet::new();
    for area in site.stats.observations.areas_of(i) {
        for o in site.stats.observations.disaggregated(i, area) {
            names.extend(o.dims.iter().map(|(k, _)| k.clone()));
        }
    }
    names.into_iter().collect()
}

fn csv(site: &Site, i: usize, dims: &[String]) -> Result<Vec<u8>, String> {
    let indicator = &site.stats.indicators[i];
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = COLUMNS.iter().map(|(name, ..)| *name).collect();
    header.extend(dims.iter().map(String::as_str));
    writer.write_record(&header).map_err(|e| e.to_string())?;
    for a in site.stats.observations.areas_of(i) {
        let series = site
            .stats
            .observations
            .series(i, a)
            .iter()
            .chain(site.stats.observations.disaggregated(i, a));
        for o in series {
            // Cells borrowed from the observation: tens of thousands of rows.
            let (period, value) = (o.period.to_string(), plain_number(o.value));
            let mut row: Vec<&str> = vec![
                &indicator.id,
                &site.areas.all()[a].id,
                &period,
                &value,
                &indicator.unit,
                &o.standard,
                &o.note,
                &o.source,
                if o.is_computed() { "true" } else { "false" },
            ];
            row.extend(dims.iter().map(|d| {
                o.dims
                    .iter()
                    .find(|(k, _)| k == d)
                    .map_or("", |(_, v)| v.as_str())
            }));
            writer.write_record(&row).map_err(|e| e.to_string())?;
        }
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// A number in plain notation without float noise: 10.51, 28000000, 0.07.
pub fn plain_number(value: f64) -> String {
    // Most values have a few decimals: the fewest (up to four) that give the value back
    // exactly are its text. Below 2^38 a double is within 2e-5 of that decimal, so writing it
    // with that many decimals gives exactly that text. (Below 2^18 this is also what ten
    // decimals, trimmed, give; above, those show float noise: `11247215.6500000004`.)
    if value.abs() < 274_877_906_944.0
        && let Some(decimals) = crate::data::numbers::exact_decimals(value, 4)
    {
        let digits = crate::i18n::fixed_decimals(value.abs(), decimals);
        return if value < 0.0 {
            ["-", &digits].concat()
        } else {
            digits
        };
    }
    ten_decimals_trimmed(value)
}

/// `value` with ten decimals, trailing zeros and point trimmed (`-0` is `0`): how
/// [`plain_number`] writes values with more than four decimals or above 2^38.
fn ten_decimals_trimmed(value: f64) -> String {
    let text = format!("{value:.10}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// An indicator's JSON file, its fields in the order `json!` would sort them. The tens of
/// thousands of observations are serialised from borrowed fields, without a JSON tree.
#[derive(serde::Serialize)]
struct IndicatorJson<'a> {
    decimals: u8,
    direction: &'static str,
    id: &'a str,
    observations: Vec<ObservationJson<'a>>,
    targets: Vec<Value>,
    title: &'a str,
    unit: &'a str,
}

/// One observation in [`IndicatorJson`].
#[derive(serde::Serialize)]
struct ObservationJson<'a> {
    area: &'a str,
    computed: bool,
    dimensions: BTreeMap<&'a str, &'a str>,
    note: &'a str,
    period: String,
    source: &'a str,
    standard: &'a str,
    value: f64,
}

fn indicator_json(site: &Site, i: usize) -> IndicatorJson<'_> {
    let indicator: &Indicator = &site.stats.indicators[i];
    let observations = site
        .stats
        .observations
        .areas_of(i)
        .flat_map(|a| {
            site.stats
                .observations
                .series(i, a)
                .iter()
                .chain(site.stats.observations.disaggregated(i, a))
                .map(move |o| (a, o))
        })
        .map(|(a, o)| ObservationJson {
            area: &site.areas.all()[a].id,
            computed: o.is_computed(),
            dimensions: o
                .dims
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            note: &o.note,
            period: o.period.to_string(),
            source: &o.source,
            standard: &o.standard,
            value: o.value,
        })
        .collect();
    IndicatorJson {
        decimals: indicator.decimals,
        direction: direction_key(indicator.direction),
        id: &indicator.id,
        observations,
        targets: targets_json(site, i),
        title: &indicator.title,
        unit: &indicator.unit,
    }
}

/// `up` or `down`, as the JSON says it.
fn direction_key(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// The targets of indicator `i` with their progress, as the JSON gives them.
fn targets_json(site: &Site, i: usize) -> Vec<Value> {
    let indicator: &Indicator = &site.stats.indicators[i];
    site.stats.progress_by_indicator[i]
        .iter()
        .map(|&p| {
            let p = &site.stats.progress[p];
            let target = &indicator.targets[p.target];
            json!({
                "area": site.areas.all()[p.area].id,
                "period": match target.due { Due::Plan(k) => site.config.periods[k].id.clone(), Due::Single(period) => period.to_string() },
                "kind": match target.kind { TargetKind::Level => "level", TargetKind::Change => "change", TargetKind::Ratio => "ratio", TargetKind::Count => "count" },
                "value": target.value,
                "baseline": p.baseline.as_ref().map(|b| json!({"period": b.period.to_string(), "value": b.value})),
                "target_level": p.progress.target,
                "latest": p.progress.latest.map(|(period, v)| json!({"period": period.to_string(), "value": v})),
                "share": p.progress.share,
                "pace": p.progress.pace,
                "status": crate::render::statistics::status_key(p.progress.status),
            })
        })
        .collect()
}

/// Feeds into `h` everything the CSV and JSON files of indicator `i` are made from besides
/// their paths: the indicator's own fields, every area's observations (reported and computed)
/// and the progress of its targets. A changed figure thus remakes the files of its indicator
/// (and of the indicators computed from it) only, not the open data of the whole site.
pub fn feed(site: &Site, i: usize, h: &mut Hasher) {
    let indicator = &site.stats.indicators[i];
    let observations = &site.stats.observations;
    h.str(&indicator.id)
        .str(&indicator.title)
        .str(direction_key(indicator.direction));
    for a in observations.areas_of(i) {
        h.str(&site.areas.all()[a].id);
        Format::feed_rows(h, indicator, observations.series(i, a));
        Format::feed_rows(h, indicator, observations.disaggregated(i, a));
    }
    h.str(&serde_json::to_string(&targets_json(site, i)).unwrap_or_default());
}

/// `value` as JSON whose top-level fields and the items of their arrays (observations,
/// targets) each take one indented line: as easy to read as pretty-printed JSON, as easy to
/// `grep` and diff as CSV, and half its size for tens of thousands of observations.
fn one_line_per_item(value: &impl serde::Serialize) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ItemLines::default());
    value.serialize(&mut serializer)?;
    out.push(b'\n');
    Ok(out)
}

/// The [`serde_json`] formatter of [`one_line_per_item`]: the outer two levels of objects
/// and arrays are laid out like `serde_json`'s pretty printer, everything deeper is compact.
#[derive(Default)]
struct ItemLines {
    /// How many objects and arrays are open.
    depth: usize,
    /// Whether the innermost open object or array has a value yet.
    has_value: bool,
}

impl ItemLines {
    /// The deepest level whose values start on a line of their own.
    const LAID_OUT: usize = 2;

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value && self.depth < Self::LAID_OUT {
            self.new_line(w, self.depth)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth <= Self::LAID_OUT {
            self.new_line(w, self.depth)?;
        }
        Ok(())
    }

    fn new_line<W: ?Sized + std::io::Write>(&self, w: &mut W, depth: usize) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        (0..depth).try_for_each(|_| w.write_all(b"  "))
    }
}

impl serde_json::ser::Formatter for ItemLines {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.depth <= Self::LAID_OUT {
            b": "
        } else {
            b":"
        })
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A data-package name: lowercase letters, digits, `-`, `.`, `_` (from the host name).
fn package_name(base_url: &str) -> String {
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split('/')
        .next()
        .unwrap_or("baocao");
    let name: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "baocao".to_string()
    } else {
        name
    }
}

/// An SPDX-style id for common licences; others are kept as written (`CC BY 4.0` → `CC-BY-4.0`).
fn licence_id(licence: &str) -> String {
    licence.trim().replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_have_no_float_noise() {
        assert_eq!(plain_number(10.51), "10.51");
        assert_eq!(plain_number(28_000_000.0), "28000000");
        assert_eq!(plain_number(0.1 + 0.2), "0.3");
        assert_eq!(plain_number(-1.57), "-1.57");
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(0.07), "0.07");
        assert_eq!(plain_number(-262_143.999_9), "-262143.9999");
        assert_eq!(plain_number(1.0 / 3.0), "0.3333333333");
        // Above 2^18 ten decimals would show float noise.
        assert_eq!(plain_number(11_247_215.65), "11247215.65");
        assert_eq!(plain_number(-274_877_906_943.5), "-274877906943.5");
    }

    proptest::proptest! {
        /// Below 2^18 and from 2^38, exactly ten decimals trimmed; a value made from a decimal
        /// with at most four decimals, below 2^38, is written as that decimal.
        #[test]
        fn plain_numbers_read_back_without_float_noise(
            units in proptest::prop_oneof![
                -3_000_000_000i64..3_000_000_000,
                -3_000_000_000_000_000i64..3_000_000_000_000_000,
            ],
            decimals in 0u32..6,
            noise in proptest::prop_oneof![proptest::strategy::Just(0.0), -1e-6f64..1e-6],
        ) {
            let value = units as f64 / 10f64.powi(decimals as i32) + noise;
            let text = plain_number(value);
            if !(262_144.0..274_877_906_944.0).contains(&value.abs()) {
                proptest::prop_assert_eq!(&text, &ten_decimals_trimmed(value));
            }
            if noise == 0.0 && decimals <= 4 && value.abs() < 274_877_906_944.0 {
                // The decimal the value was made from, written with integers only.
                let digits = format!("{:0>1$}", units.unsigned_abs(), decimals as usize + 1);
                let (whole, fraction) = digits.split_at(digits.len() - decimals as usize);
                let fraction = fraction.trim_end_matches('0');
                let sign = if units < 0 { "-" } else { "" };
                let point = if fraction.is_empty() { "" } else { "." };
                proptest::prop_assert_eq!(text, [sign, whole, point, fraction].concat());
            }
        }
    }

    #[test]
    fn indicator_json_has_one_line_per_observation() {
        let value = json!({
            "id": "so-ho",
            "observations": [
                {"area": "a", "dimensions": {}, "value": 1.5},
                {"area": "b", "dimensions": {"sex": "nu"}, "value": 2},
            ],
            "targets": [],
        });
        let text = String::from_utf8(one_line_per_item(&value).unwrap()).unwrap();
        assert_eq!(
            text,
            "{\n  \"id\": \"so-ho\",\n  \"observations\": [\n    \
             {\"area\":\"a\",\"dimensions\":{},\"value\":1.5},\n    \
             {\"area\":\"b\",\"dimensions\":{\"sex\":\"nu\"},\"value\":2}\n  ],\n  \
             \"targets\": []\n}\n"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn package_names_are_valid() {
        assert_eq!(
            package_name("https://giamngheo.quan11.example.vn/"),
            "giamngheo.quan11.example.vn"
        );
        assert_eq!(licence_id("CC BY 4.0"), "CC-BY-4.0");
    }
}
