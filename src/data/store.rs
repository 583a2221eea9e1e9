//! Observations arranged for lookups: one sorted run per (indicator, area, dimensions), so
//! that a series, its latest value or its value for a period is a slice or a binary search.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use crate::data::observations::{Observation, standards_differ};
use crate::data::period::Period;
use crate::diagnostics::{Diagnostic, Id};

/// All observations, sorted by indicator, area, dimensions (headline first) and period.
#[derive(Debug, Default)]
pub struct Observations {
    /// Data files as shown in diagnostics (`Observation::file` indexes this).
    pub files: Vec<PathBuf>,
    all: Vec<Observation>,
    /// (indicator, area) → (headline range, range of everything incl. disaggregations).
    series: HashMap<(u32, u32), (Range<usize>, Range<usize>)>,
    /// Pairs with data, sorted.
    keys: Vec<(u32, u32)>,
}

impl Observations {
    /// Sorts and indexes the observations; a duplicate (indicator, area, period, dimensions,
    /// standard) is an error naming both places.
    pub fn new(
        files: Vec<PathBuf>,
        mut all: Vec<Observation>,
        problems: &mut Vec<Diagnostic>,
    ) -> Observations {
        all.sort_by(|a, b| {
            (
                a.indicator,
                a.area,
                &a.dims,
                a.period,
                &a.standard,
                a.file,
                a.line,
            )
                .cmp(&(
                    b.indicator,
                    b.area,
                    &b.dims,
                    b.period,
                    &b.standard,
                    b.file,
                    b.line,
                ))
        });
        let mut duplicates = vec![false; all.len()];
        for i in 1..all.len() {
            let (a, b) = (&all[i - 1], &all[i]);
            if (a.indicator, a.area, &a.dims, a.period, &a.standard)
                == (b.indicator, b.area, &b.dims, b.period, &b.standard)
            {
                let first = format!("{}:{}", files[a.file as usize].display(), a.line);
                problems.push(
                    Diagnostic::error(
                        &files[b.file as usize],
                        b.line as usize,
                        1,
                        Id::DuplicateValue,
                    )
                    .arg("first", first)
                    .with_hint(Id::DuplicateValueHint),
                );
                duplicates[i] = true;
            }
        }
        let mut keep = duplicates.iter().map(|d| !d);
        all.retain(|_| keep.next().unwrap_or(true));
        Observations::indexed(files, all)
    }

    /// The same observations with `computed` ones (sums, ratios) added: values for keys that
    /// have none, so no duplicate can arise.
    pub fn with_computed(self, computed: Vec<Observation>) -> Observations {
        if computed.is_empty() {
            return self;
        }
        let Observations { files, mut all, .. } = self;
        all.extend(computed);
        all.sort_by(|a, b| {
            (a.indicator, a.area, &a.dims, a.period, &a.standard).cmp(&(
                b.indicator,
                b.area,
                &b.dims,
                b.period,
                &b.standard,
            ))
        });
        Observations::indexed(files, all)
    }

    /// Indexes observations sorted by indicator, area, dimensions and period.
    fn indexed(files: Vec<PathBuf>, mut all: Vec<Observation>) -> Observations {
        order_standards_within_periods(&mut all);
        let mut series: HashMap<(u32, u32), (Range<usize>, Range<usize>)> = HashMap::new();
        let mut keys = Vec::new();
        let mut start = 0;
        while start < all.len() {
            let key = (all[start].indicator, all[start].area);
            let end = start
                + all[start..]
                    .iter()
                    .take_while(|o| (o.indicator, o.area) == key)
                    .count();
            let headline_end = start
                + all[start..end]
                    .iter()
                    .take_while(|o| o.dims.is_empty())
                    .count();
            series.insert(key, (start..headline_end, start..end));
            keys.push(key);
            start = end;
        }
        Observations {
            files,
            all,
            series,
            keys,
        }
    }

    /// The headline series (no dimensions) of an indicator in an area, in time order.
    pub fn series(&self, indicator: usize, area: usize) -> &[Observation] {
        self.series
            .get(&(indicator as u32, area as u32))
            .map_or(&[], |(headline, _)| &self.all[headline.clone()])
    }

    /// The disaggregated values (with dimensions) of an indicator in an area.
    pub fn disaggregated(&self, indicator: usize, area: usize) -> &[Observation] {
        self.series
            .get(&(indicator as u32, area as u32))
            .map_or(&[], |(headline, all)| &self.all[headline.end..all.end])
    }

    /// The latest headline value.
    pub fn latest(&self, indicator: usize, area: usize) -> Option<&Observation> {
        self.series(indicator, area).last()
    }

    /// The headline value for exactly this period (the newest standard when there are two).
    pub fn value_at(&self, indicator: usize, area: usize, period: Period) -> Option<&Observation> {
        self.series(indicator, area)
            .iter()
            .rev()
            .find(|o| o.period == period)
    }

    /// The headline series cut wherever the measurement standard changes (see
    /// [`split_by_standard`]).
    pub fn segments(&self, indicator: usize, area: usize) -> Vec<&[Observation]> {
        split_by_standard(self.series(indicator, area))
    }

    /// (indicator, area) pairs that have data, sorted.
    pub fn keys(&self) -> &[(u32, u32)] {
        &self.keys
    }

    /// The areas with data for indicator `indicator`, in file order of `areas.csv`.
    pub fn areas_of(&self, indicator: usize) -> impl Iterator<Item = usize> + '_ {
        let i = indicator as u32;
        let start = self.keys.partition_point(|&(k, _)| k < i);
        let end = self.keys.partition_point(|&(k, _)| k <= i);
        self.keys[start..end].iter().map(|&(_, a)| a as usize)
    }

    /// Every observation, sorted.
    pub fn all(&self) -> &[Observation] {
        &self.all
    }

    /// `path:line` of an observation, for messages; `(computed)` for a computed value.
    pub fn origin(&self, observation: &Observation) -> String {
        if observation.is_computed() {
            return "(computed)".to_string();
        }
        format!(
            "{}:{}",
            self.files[observation.file as usize].display(),
            observation.line
        )
    }
}

/// A series (in time order) cut before each value whose named standard differs from the named
/// standard of the run so far. Values of unknown standard join the run they fall in: a series
/// that starts with an unknown standard and goes on under A is one segment, and A, unknown, B
/// is cut before B.
pub fn split_by_standard(series: &[Observation]) -> Vec<&[Observation]> {
    let mut segments = Vec::new();
    let mut start = 0;
    let mut named = "";
    for (i, o) in series.iter().enumerate() {
        if standards_differ(named, &o.standard) {
            segments.push(&series[start..i]);
            start = i;
        }
        if !o.standard.is_empty() {
            named = &o.standard;
        }
    }
    if start < series.len() {
        segments.push(&series[start..]);
    }
    segments
}

/// The standard a segment of [`split_by_standard`] was measured under: its first named
/// standard, empty when all its values have an unknown one.
pub fn segment_standard(segment: &[Observation]) -> &str {
    segment
        .iter()
        .map(|o| &*o.standard)
        .find(|s| !s.is_empty())
        .unwrap_or("")
}

/// Where one period has values under two standards (a boundary year), the older standard —
/// the one the series used first — comes first, so that a line can end and restart there.
fn order_standards_within_periods(all: &mut [Observation]) {
    let mut start = 0;
    while start < all.len() {
        let key = (
            all[start].indicator,
            all[start].area,
            all[start].dims.clone(),
        );
        let end = start
            + all[start..]
                .iter()
                .take_while(|o| (o.indicator, o.area, &o.dims) == (key.0, key.1, &key.2))
                .count();
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (i, o) in all[start..end].iter().enumerate() {
            first_seen.entry(&o.standard).or_insert(i);
        }
        let rank: HashMap<String, usize> = first_seen
            .into_iter()
            .map(|(s, i)| (s.to_string(), i))
            .collect();
        all[start..end]
            .sort_by(|a, b| (a.period, rank[&*a.standard]).cmp(&(b.period, rank[&*b.standard])));
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;

    fn obs(period: &str, value: f64, standard: &str, line: u32) -> Observation {
        Observation::sample(period, value, standard, line)
    }

    #[test]
    fn series_are_sorted_and_split_at_standard_changes() {
        let mut problems = Vec::new();
        let store = Observations::new(
            vec![PathBuf::from("content/data/a.csv")],
            vec![
                obs("2022", 3.0, "new", 5),
                obs("2020", 5.0, "old", 2),
                obs("2021", 2.9, "new", 4),
                obs("2021", 4.1, "old", 3),
            ],
            &mut problems,
        );
        assert!(problems.is_empty());
        let values: Vec<f64> = store.series(0, 0).iter().map(|o| o.value).collect();
        assert_eq!(
            values,
            [5.0, 4.1, 2.9, 3.0],
            "the old standard's 2021 value comes first"
        );
        let segments: Vec<usize> = store.segments(0, 0).iter().map(|s| s.len()).collect();
        assert_eq!(segments, [2, 2]);
        assert_eq!(store.value_at(0, 0, Period::Year(2021)).unwrap().value, 2.9);
        assert_eq!(store.latest(0, 0).unwrap().value, 3.0);
    }

    #[test]
    fn an_unknown_standard_joins_the_segment_it_falls_in() {
        let lengths = |series: &[Observation]| -> Vec<(usize, String)> {
            split_by_standard(series)
                .iter()
                .map(|s| (s.len(), segment_standard(s).to_string()))
                .collect()
        };
        let first_unknown = [
            obs("2015", 14.5, "", 2),
            obs("2016", 12.9, "MBM", 3),
            obs("2017", 11.9, "MBM", 4),
        ];
        assert_eq!(lengths(&first_unknown), [(3, "MBM".to_string())]);
        let between = [
            obs("2014", 5.0, "A", 2),
            obs("2015", 4.0, "", 3),
            obs("2016", 3.0, "B", 4),
        ];
        assert_eq!(
            lengths(&between),
            [(2, "A".to_string()), (1, "B".to_string())]
        );
        let named = [obs("2015", 5.0, "old", 2), obs("2016", 4.0, "new", 3)];
        assert_eq!(
            lengths(&named),
            [(1, "old".to_string()), (1, "new".to_string())]
        );
        assert_eq!(lengths(&[obs("2015", 5.0, "", 2)]), [(1, String::new())]);
        assert!(lengths(&[]).is_empty());
    }

    #[test]
    fn unknown_standards_sort_by_period_like_named_ones() {
        let mut problems = Vec::new();
        let store = Observations::new(
            vec![PathBuf::from("content/data/a.csv")],
            vec![
                obs("2016", 12.9, "MBM", 3),
                obs("2015", 14.5, "", 2),
                obs("2015", 14.6, "MBM", 4),
            ],
            &mut problems,
        );
        assert!(problems.is_empty());
        let values: Vec<f64> = store.series(0, 0).iter().map(|o| o.value).collect();
        assert_eq!(values, [14.5, 14.6, 12.9]);
        assert_eq!(store.segments(0, 0).len(), 1);
    }

    #[test]
    fn duplicates_name_both_rows() {
        let mut problems = Vec::new();
        let store = Observations::new(
            vec![PathBuf::from("content/data/a.csv")],
            vec![obs("2020", 5.0, "s", 2), obs("2020", 6.0, "s", 9)],
            &mut problems,
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 9);
        assert!(
            problems[0]
                .text(Language::En)
                .contains("content/data/a.csv:2")
        );
        assert_eq!(store.series(0, 0).len(), 1);
    }
}
