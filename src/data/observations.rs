//! Observations from `content/data/**/*.csv`, in either shape:
//! - **long**: `indicator,area,period,value` (+ `note`, `source`, `standard`; any other column is
//!   a disaggregation dimension);
//! - **wide**: `area,period,<indicator-id>,…` (+ `note`, `source`, `standard`).
//!
//! Files are UTF-8 (a BOM is fine), comma- or semicolon-separated (detected from the header),
//! with CRLF or LF line ends; title lines and blank lines before the header are skipped. A file
//! separated by `;` is what Excel writes where the decimal mark is a comma, so its numbers are
//! read in the Vietnamese format (`1.234,5`) whatever `number_format` says.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::FileCache;
use crate::config::{NumberFormat, SiteConfig};
use crate::data::areas::Areas;
use crate::data::indicators::Indicator;
use crate::data::numbers::{parse_number, reading_rule};
use crate::data::period::Period;
use crate::diagnostics::{self, Diagnostic, Id};
use crate::fingerprint::{Fingerprint, Hasher};

/// One measured value.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// Index into the site's indicators.
    pub indicator: u32,
    /// Index into `Areas::all()`.
    pub area: u32,
    /// When.
    pub period: Period,
    /// The value.
    pub value: f64,
    /// Disaggregation (column, value) pairs; empty for the headline series.
    pub dims: Vec<(String, String)>,
    /// The measurement standard: the `standard` column, else that of the plan period; empty
    /// when unknown (a value outside every plan period, without a `standard` cell), which
    /// [`standards_differ`] treats as compatible with any standard.
    pub standard: Arc<str>,
    /// Footnote.
    pub note: String,
    /// Where the figure comes from.
    pub source: String,
    /// Index into the list of data files.
    pub file: u32,
    /// Line in that file.
    pub line: u32,
}

/// The `file` of a value baocao computed (a sum of sub-areas, a ratio) rather than read.
pub const COMPUTED: u32 = u32::MAX;

impl Observation {
    /// True for a value baocao computed from other values (see [`COMPUTED`]).
    pub fn is_computed(&self) -> bool {
        self.file == COMPUTED
    }
}

#[cfg(test)]
impl Observation {
    /// A headline value of indicator 0 in area 0, for unit tests.
    pub(crate) fn sample(period: &str, value: f64, standard: &str, line: u32) -> Observation {
        Observation {
            indicator: 0,
            area: 0,
            period: Period::read(period).unwrap(),
            value,
            dims: Vec::new(),
            standard: Arc::from(standard),
            note: String::new(),
            source: String::new(),
            file: 0,
            line,
        }
    }
}

/// True when two measurement standards are both named and differ: only then are two values
/// not comparable (a line is cut, a pace or a change is not computed). An empty standard is
/// unknown, not different: on its own it never makes a break.
pub fn standards_differ(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && a != b
}

/// What the loader needs to check ids and fill in standards.
pub struct Lookup<'a> {
    /// Site settings (number format, plan periods and their standards).
    pub config: &'a SiteConfig,
    /// Known areas.
    pub areas: &'a Areas,
    /// Known indicators.
    pub indicators: &'a [Indicator],
    by_id: HashMap<&'a str, u32>,
    standards: Vec<Arc<str>>,
    own_standards: Vec<Option<Arc<str>>>,
    /// Indicators whose file exists but could not be loaded (its errors are reported there):
    /// their values are skipped without an error of their own.
    broken: std::collections::HashSet<String>,
}

impl<'a> Lookup<'a> {
    /// Prepares id lookups.
    pub fn new(
        config: &'a SiteConfig,
        areas: &'a Areas,
        indicators: &'a [Indicator],
    ) -> Lookup<'a> {
        let by_id = indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_str(), i as u32))
            .collect();
        let standards = config
            .periods
            .iter()
            .map(|p| Arc::from(p.standard.as_str()))
            .collect();
        let own_standards = indicators
            .iter()
            .map(|i| i.standard.as_deref().map(Arc::from))
            .collect();
        Lookup {
            config,
            areas,
            indicators,
            by_id,
            standards,
            own_standards,
            broken: std::collections::HashSet::new(),
        }
    }

    /// Marks indicators whose file exists but did not load.
    pub fn with_broken(mut self, ids: impl IntoIterator<Item = String>) -> Lookup<'a> {
        self.broken.extend(ids);
        self
    }

    fn indicator(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The standard in force for a period: that of the plan period containing its year, empty
    /// (unknown) outside every plan period.
    pub fn standard_of(&self, period: Period) -> Arc<str> {
        let year = period.year();
        self.config
            .periods
            .iter()
            .position(|p| (p.start..=p.end).contains(&year))
            .map_or_else(|| Arc::from(""), |i| self.standards[i].clone())
    }

    /// The standard of a value of `indicator` without a `standard` cell: the indicator's own,
    /// else the plan period's.
    fn standard_for(&self, indicator: u32, period: Period) -> Arc<str> {
        self.own_standards[indicator as usize]
            .clone()
            .unwrap_or_else(|| self.standard_of(period))
    }

    /// Adds the hint for an unknown indicator `id` to `problem`.
    fn unknown_indicator(&self, problem: Diagnostic, id: &str) -> Diagnostic {
        match diagnostics::did_you_mean(id, self.indicators.iter().map(|i| i.id.as_str())) {
            Some(best) => problem
                .with_hint(Id::DidYouMeanIndicatorHint)
                .arg("best", best),
            None => problem.with_hint(Id::AddIndicatorFileHint),
        }
    }
}

/// Loads every file in parallel. Returns the files (as shown in diagnostics, indexed by
/// `Observation::file`), the observations in file order, the fingerprint of the files' names
/// and bytes, and the problems found. With a
/// `cache` (the preview's) and the fingerprint of everything the lookup was made from, files
/// whose bytes did not change are not parsed again.
pub fn load_all(
    root: &Path,
    files: &[PathBuf],
    lookup: &Lookup<'_>,
    cache: Option<(&FileCache<Vec<Observation>>, Fingerprint)>,
) -> (Vec<PathBuf>, Vec<Observation>, Fingerprint, Vec<Diagnostic>) {
    let shown: Vec<PathBuf> = files
        .iter()
        .map(|f| diagnostics::relative(root, f))
        .collect();
    let results: Vec<(Vec<Observation>, Fingerprint, Vec<Diagnostic>)> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    let problem =
                        Diagnostic::error(&shown[i], 0, 0, Id::FileUnreadable).io_reason(&e);
                    return (Vec::new(), Fingerprint::default(), vec![problem]);
                }
            };
            let content = Fingerprint::of(&bytes);
            let parse = || {
                let mut problems = Vec::new();
                let observations = parse_file(&bytes, &shown[i], i as u32, lookup, &mut problems);
                (observations, problems)
            };
            let (observations, problems) = match cache {
                Some((cache, lookup_fingerprint)) => {
                    let mut key = Hasher::new();
                    key.fingerprint(content)
                        .fingerprint(lookup_fingerprint)
                        .u64(i as u64)
                        .str(&shown[i].to_string_lossy());
                    cache.get_or_parse(path, key.finish(), parse)
                }
                None => parse(),
            };
            (observations, content, problems)
        })
        .collect();
    if let Some((cache, _)) = cache {
        cache.retain(files);
    }
    let mut all = Vec::with_capacity(results.iter().map(|r| r.0.len()).sum());
    let mut problems = Vec::new();
    let mut contents = Hasher::new();
    for ((mut observations, content, mut found), shown) in results.into_iter().zip(&shown) {
        all.append(&mut observations);
        problems.append(&mut found);
        contents.str(&shown.to_string_lossy()).fingerprint(content);
    }
    (shown, all, contents.finish(), problems)
}

/// Which shape a file has, with its column positions.
enum Shape {
    Long {
        indicator: usize,
        value: usize,
        dims: Vec<(usize, String)>,
    },
    Wide {
        columns: Vec<(usize, u32)>,
    },
}

/// Parses one CSV file's bytes.
pub fn parse_file(
    bytes: &[u8],
    shown: &Path,
    file: u32,
    lookup: &Lookup<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Observation> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let (line, col) = diagnostics::line_col(valid, valid.len());
            problems.push(
                Diagnostic::error(shown, line, col, Id::CsvNotUtf8)
                    .with_hint(diagnostics::Id::NotUtf8Hint),
            );
            return Vec::new();
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Windows line ends would make the reader's positions point at the `\n` of the line
    // before; reading LF-only text keeps line and column numbers exact.
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    };
    let text = text.as_ref();
    let Some((header_line, header_offset, delimiter)) = find_header(text) else {
        problems
            .push(Diagnostic::error(shown, 1, 1, Id::CsvNoHeader).with_hint(Id::CsvNoHeaderHint));
        return Vec::new();
    };
    let format = if delimiter == b';' {
        NumberFormat::Vi
    } else {
        lookup.config.number_format
    };
    let body = &text[header_offset..];
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(|h| h.trim().to_lowercase()).collect(),
        _ => return Vec::new(),
    };
    let header_line_text = body.lines().next().unwrap_or("");
    let header_cols = cell_columns(header_line_text, delimiter);
    let column = |name: &str| header.iter().position(|h| h == name);
    let (area_col, period_col) = (column("area").unwrap_or(0), column("period").unwrap_or(0));
    let (note_col, source_col, standard_col) =
        (column("note"), column("source"), column("standard"));
    let reserved = [
        "area",
        "period",
        "note",
        "source",
        "standard",
        "indicator",
        "value",
    ];
    let shape = match column("indicator") {
        Some(indicator) => {
            let Some(value) = column("value") else {
                problems.push(
                    Diagnostic::error(shown, header_line, 1, Id::CsvNoValueColumn)
                        .with_hint(Id::CsvNoValueColumnHint),
                );
                return Vec::new();
            };
            let dims = header
                .iter()
                .enumerate()
                .filter(|(_, h)| !reserved.contains(&h.as_str()) && !h.is_empty())
                .map(|(i, h)| (i, h.clone()))
                .collect();
            Shape::Long {
                indicator,
                value,
                dims,
            }
        }
        None => {
            let mut columns = Vec::new();
            for (i, name) in header.iter().enumerate() {
                if reserved.contains(&name.as_str()) || name.is_empty() {
                    continue;
                }
                match lookup.indicator(name) {
                    Some(id) => columns.push((i, id)),
                    None if lookup.broken.contains(name.as_str()) => {}
                    None => problems.push(
                        lookup.unknown_indicator(
                            Diagnostic::error(
                                shown,
                                header_line,
                                header_cols.get(i).copied().unwrap_or(1),
                                Id::CsvUnknownIndicatorColumn,
                            )
                            .arg("value", name),
                            name,
                        ),
                    ),
                }
            }
            Shape::Wide { columns }
        }
    };
    let mut out = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| p.line() as usize + header_line - 1);
                problems.push(
                    Diagnostic::error(shown, line, 1, Id::CsvBadRow)
                        .arg("detail", e)
                        .with_hint(Id::CsvBadRowHint),
                );
                continue;
            }
        };
        let position = record
            .position()
            .cloned()
            .unwrap_or_else(csv::Position::new);
        let line = position.line() as usize + header_line - 1;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The column of cell `i` on its line, worked out only for a problem to report.
        let col = |i: usize| {
            let raw = body
                .get(position.byte() as usize..)
                .and_then(|r| r.lines().next())
                .unwrap_or("");
            cell_columns(raw, delimiter).get(i).copied().unwrap_or(1)
        };
        if record.len() != header.len() {
            problems.push(
                Diagnostic::error(shown, line, 1, Id::CsvRowWidth)
                    .arg("cells", record.len())
                    .arg("columns", header.len())
                    .with_hint(Id::CsvRowWidthHint),
            );
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let area = cell(area_col);
        let Some(area_index) = lookup.areas.index_of(area) else {
            let problem =
                Diagnostic::error(shown, line, col(area_col), Id::UnknownArea).arg("value", area);
            problems.push(match diagnostics::did_you_mean(area, lookup.areas.ids()) {
                Some(best) => problem.with_hint(Id::DidYouMeanAreaHint).arg("best", best),
                None => problem.with_hint(Id::UseAreaIdHint),
            });
            continue;
        };
        let period = match Period::read(cell(period_col)) {
            Ok(p) => p,
            Err(problem) => {
                problems.push(
                    problem
                        .at(shown, line, col(period_col))
                        .with_hint(Id::PeriodFormsHint),
                );
                continue;
            }
        };
        let text_of = |c: Option<usize>| {
            c.map(|c| crate::text::normalize(cell(c).to_string()))
                .unwrap_or_default()
        };
        let explicit: Option<Arc<str>> = standard_col
            .map(cell)
            .filter(|s| !s.is_empty())
            .map(|s| Arc::from(crate::text::normalize(s.to_string())));
        let mut push = |indicator: u32, value_col: usize, dims: Vec<(String, String)>| {
            let standard = explicit
                .clone()
                .unwrap_or_else(|| lookup.standard_for(indicator, period));
            match parse_number(cell(value_col), format) {
                Ok(None) => {}
                Ok(Some(value)) => {
                    let ind = &lookup.indicators[indicator as usize];
                    if ind.unit.trim() == "%" && !(0.0..=100.0).contains(&value) {
                        problems.push(
                            Diagnostic::warning(shown, line, col(value_col), Id::PercentOutOfRange)
                                .arg("value", value)
                                .arg("indicator", &ind.id)
                                .arg("cell", cell(value_col))
                                .word("rule", reading_rule(format))
                                .with_hint(Id::PercentOutOfRangeHint),
                        );
                    }
                    out.push(Observation {
                        indicator,
                        area: area_index as u32,
                        period,
                        value,
                        dims,
                        standard,
                        note: text_of(note_col),
                        source: text_of(source_col),
                        file,
                        line: line as u32,
                    });
                }
                Err(problem) => problems.push(
                    problem
                        .at(shown, line, col(value_col))
                        .with_hint(Id::NotNumberHint),
                ),
            }
        };
        match &shape {
            Shape::Long {
                indicator,
                value,
                dims,
            } => {
                let id = cell(*indicator);
                match lookup.indicator(id) {
                    Some(index) => {
                        let dims = dims
                            .iter()
                            .map(|(i, name)| {
                                (name.clone(), crate::text::normalize(cell(*i).to_string()))
                            })
                            .filter(|(_, v)| !v.is_empty())
                            .collect();
                        push(index, *value, dims);
                    }
                    None if lookup.broken.contains(id) => {}
                    None => problems.push(
                        lookup.unknown_indicator(
                            Diagnostic::error(shown, line, col(*indicator), Id::UnknownIndicator)
                                .arg("value", id),
                            id,
                        ),
                    ),
                }
            }
            Shape::Wide { columns } => {
                for (i, index) in columns {
                    push(*index, *i, Vec::new());
                }
            }
        }
    }
    out
}

/// Finds the header: the first line naming both `area` and `period` columns. Returns its
/// 1-based line, its byte offset and the delimiter.
fn find_header(text: &str) -> Option<(usize, usize, u8)> {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let delimiter = if line.matches(';').count() > line.matches(',').count() {
            b';'
        } else {
            b','
        };
        let names: Vec<String> = line
            .trim_end()
            .split(delimiter as char)
            .map(|c| c.trim().trim_matches('"').trim().to_lowercase())
            .collect();
        if names.iter().any(|n| n == "area") && names.iter().any(|n| n == "period") {
            return Some((i + 1, offset, delimiter));
        }
        offset += line.len();
    }
    None
}

/// The 1-based column (in characters) where each cell of a raw CSV line starts.
fn cell_columns(line: &str, delimiter: u8) -> Vec<usize> {
    let mut starts = vec![1];
    let mut quoted = false;
    for (n, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted && c as u32 == u32::from(delimiter) => starts.push(n + 2),
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_columns_honour_quotes() {
        assert_eq!(cell_columns("a,\"b,c\",d", b','), [1, 3, 9]);
        assert_eq!(cell_columns("quận-11;2024-Q1;0,42", b';'), [1, 9, 17]);
    }

    #[test]
    fn header_is_found_after_a_title_and_a_blank_line() {
        let text =
            "\"Tỷ lệ hộ nghèo, 2024\"\r\n\r\n\"area\";\"period\";\"ty-le\"\r\nquan-11;2024;1\r\n";
        let (line, offset, delimiter) = find_header(text).unwrap();
        assert_eq!((line, delimiter), (3, b';'));
        assert!(text[offset..].starts_with("\"area\""));
    }
}
