//! Roll-ups: values computed up the area hierarchy from the values below.
//!
//! - An indicator with `aggregate = "sum"` (a count) gets, for every area with sub-areas and
//!   every period (and standard) in which **every** sub-area has a value, the sum of those
//!   values. A period in which only some report gives no total; it is recorded as
//!   [`Coverage`] ("k of n reported") for pages to say so.
//! - An indicator declared as a `ratio` gets, in every area, numerator / denominator × factor
//!   from the two indicators' values there (observed or summed): a province's rate is its
//!   summed poor households over its summed households, never an average of its districts'
//!   rates.
//!
//! A value reported for an area is never replaced: when it disagrees with the sum of its
//! sub-areas (or with its ratio) by more than the rounding of its decimals, that is a warning at
//! its file and line. Only headline values (without disaggregation) are rolled up.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::Arc;

use crate::data::areas::Areas;
use crate::data::indicators::{Aggregate, Indicator};
use crate::data::observations::{COMPUTED, Observation};
use crate::data::period::Period;
use crate::data::store::Observations;
use crate::diagnostics::{Diagnostic, Id};

/// A parent area whose sub-areas did not all report a period: no total is computed for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// Index of the indicator.
    pub indicator: usize,
    /// Index of the parent area.
    pub area: usize,
    /// The period.
    pub period: Period,
    /// Sub-areas with a value for the period.
    pub reported: usize,
    /// All its sub-areas.
    pub expected: usize,
}

/// What rolling up found.
#[derive(Debug, Default)]
pub struct Rollup {
    /// The computed values (sums and ratios), each marked with [`COMPUTED`].
    pub computed: Vec<Observation>,
    /// Parent areas and periods left without a total, sorted by indicator, area and period.
    pub coverage: Vec<Coverage>,
    /// Errors (a ratio naming an unknown indicator) and warnings (a reported value that
    /// disagrees with its sub-areas).
    pub problems: Vec<Diagnostic>,
}

/// A value while rolling up: its period, standard, and the observation it came from (none
/// for a computed one).
#[derive(Clone)]
struct Value<'a> {
    period: Period,
    standard: Arc<str>,
    value: f64,
    observed: Option<&'a Observation>,
}

/// Computes every sum and ratio the indicators declare.
pub fn roll_up(indicators: &[Indicator], observations: &Observations, areas: &Areas) -> Rollup {
    let mut rollup = Rollup::default();
    if indicators.iter().all(|i| i.aggregate == Aggregate::None) {
        return rollup;
    }
    let by_id: HashMap<&str, usize> = indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.as_str(), i))
        .collect();
    let order = areas.bottom_up();
    // Each indicator's values per area, observed then computed, as they become known.
    let mut values: Vec<Option<Vec<Vec<Value<'_>>>>> = vec![None; indicators.len()];
    let observed = |i: usize| -> Vec<Vec<Value<'_>>> {
        (0..areas.all().len())
            .map(|a| {
                observations
                    .series(i, a)
                    .iter()
                    .map(|o| Value {
                        period: o.period,
                        standard: o.standard.clone(),
                        value: o.value,
                        observed: Some(o),
                    })
                    .collect()
            })
            .collect()
    };
    for (i, indicator) in indicators.iter().enumerate() {
        if indicator.aggregate != Aggregate::Sum {
            continue;
        }
        let mut per_area = observed(i);
        sum_up(
            i,
            indicator,
            &order,
            areas,
            observations,
            &mut per_area,
            &mut rollup,
        );
        values[i] = Some(per_area);
    }
    for (r, indicator) in indicators.iter().enumerate() {
        let Aggregate::Ratio {
            numerator,
            denominator,
            factor,
        } = &indicator.aggregate
        else {
            continue;
        };
        let mut parts = [numerator, denominator].map(|id| by_id.get(id.as_str()).copied());
        for (part, id) in parts.iter().zip([numerator, denominator]) {
            if part.is_none() {
                rollup.problems.push(
                    Diagnostic::error(
                        &indicator.source_file,
                        indicator.aggregate_line,
                        1,
                        Id::RatioUnknownIndicator,
                    )
                    .arg("id", id)
                    .with_hint(Id::RatioUnknownIndicatorHint),
                );
            }
        }
        let [Some(n), Some(d)] = &mut parts else {
            continue;
        };
        let (n, d) = (*n, *d);
        for part in [n, d] {
            if values[part].is_none() {
                values[part] = Some(observed(part));
            }
        }
        let own = observed(r);
        let (Some(num), Some(den)) = (&values[n], &values[d]) else {
            continue;
        };
        let tolerance = rounding(indicator);
        for a in 0..areas.all().len() {
            let denominators: BTreeMap<(Period, &str), f64> = den[a]
                .iter()
                .map(|v| ((v.period, &*v.standard), v.value))
                .collect();
            for top in &num[a] {
                let Some(&below) = denominators.get(&(top.period, &*top.standard)) else {
                    continue;
                };
                if below == 0.0 {
                    continue;
                }
                let rate = top.value / below * factor;
                match own[a]
                    .iter()
                    .find(|v| v.period == top.period && v.standard == top.standard)
                {
                    Some(reported) => {
                        if (reported.value - rate).abs() > tolerance
                            && let Some(o) = reported.observed
                        {
                            rollup.problems.push(
                                disagreement(
                                    observations,
                                    o,
                                    rate,
                                    indicator.decimals,
                                    Id::RatioDisagrees,
                                )
                                .arg("numerator", numerator)
                                .arg("denominator", denominator)
                                .arg("factor", factor),
                            );
                        }
                    }
                    None => rollup
                        .computed
                        .push(computed(r, a, top.period, &top.standard, rate)),
                }
            }
        }
        // Where a part has no total for a period, neither has the rate: one gap per area and
        // period, with the fewer sub-areas that reported of the two parts.
        let mut gaps: BTreeMap<(usize, Period), Coverage> = BTreeMap::new();
        for c in rollup
            .coverage
            .iter()
            .filter(|c| c.indicator == n || c.indicator == d)
            .filter(|c| !own[c.area].iter().any(|v| v.period == c.period))
        {
            gaps.entry((c.area, c.period))
                .and_modify(|gap| gap.reported = gap.reported.min(c.reported))
                .or_insert_with(|| Coverage {
                    indicator: r,
                    ..c.clone()
                });
        }
        rollup.coverage.extend(gaps.into_values());
    }
    rollup
        .coverage
        .sort_by_key(|c| (c.indicator, c.area, c.period));
    rollup
}

/// Sums indicator `i` up the tree, deepest areas first, so that a district's computed total
/// counts towards its province's.
fn sum_up(
    i: usize,
    indicator: &Indicator,
    order: &[usize],
    areas: &Areas,
    observations: &Observations,
    per_area: &mut [Vec<Value<'_>>],
    rollup: &mut Rollup,
) {
    let tolerance = rounding(indicator);
    for &parent in order {
        let children = areas.child_indices(parent);
        if children.is_empty() {
            continue;
        }
        // (period, standard) → (sub-areas reporting, their sum).
        let mut totals: BTreeMap<(Period, Arc<str>), (usize, f64)> = BTreeMap::new();
        for &child in children {
            for v in &per_area[child] {
                let entry = totals
                    .entry((v.period, v.standard.clone()))
                    .or_insert((0, 0.0));
                entry.0 += 1;
                entry.1 += v.value;
            }
        }
        let mut added = Vec::new();
        let mut last_gap = None;
        for ((period, standard), (reported, sum)) in totals {
            let reported_here = per_area[parent]
                .iter()
                .find(|v| v.period == period && v.standard == standard);
            match (reported_here, reported == children.len()) {
                (Some(own), true) => {
                    if (own.value - sum).abs() > tolerance
                        && let Some(o) = own.observed
                    {
                        rollup.problems.push(
                            disagreement(
                                observations,
                                o,
                                sum,
                                indicator.decimals,
                                Id::SumDisagrees,
                            )
                            .arg("count", children.len()),
                        );
                    }
                }
                (Some(_), false) => {}
                (None, true) => {
                    rollup
                        .computed
                        .push(computed(i, parent, period, &standard, sum));
                    added.push(Value {
                        period,
                        standard,
                        value: sum,
                        observed: None,
                    });
                }
                (None, false) => {
                    // A period counts once however many standards it was measured under.
                    if last_gap.replace(period) != Some(period) {
                        rollup.coverage.push(Coverage {
                            indicator: i,
                            area: parent,
                            period,
                            reported,
                            expected: children.len(),
                        });
                    }
                }
            }
        }
        per_area[parent].extend(added);
        per_area[parent].sort_by_key(|v| v.period);
    }
}

/// Half a unit of the last decimal an indicator shows: closer than that, two values agree.
fn rounding(indicator: &Indicator) -> f64 {
    0.5 * 10f64.powi(-i32::from(indicator.decimals)) + 1e-9
}

/// A computed headline value.
fn computed(
    indicator: usize,
    area: usize,
    period: Period,
    standard: &Arc<str>,
    value: f64,
) -> Observation {
    Observation {
        indicator: indicator as u32,
        area: area as u32,
        period,
        value,
        dims: Vec::new(),
        standard: standard.clone(),
        note: String::new(),
        source: String::new(),
        file: COMPUTED,
        line: 0,
    }
}

/// The warning `message` (which says where `expected` comes from) for a reported value that
/// differs from what its parts give.
fn disagreement(
    observations: &Observations,
    o: &Observation,
    expected: f64,
    decimals: u8,
    message: Id,
) -> Diagnostic {
    let decimals = usize::from(decimals);
    Diagnostic::warning(
        &observations.files[o.file as usize],
        o.line as usize,
        1,
        message,
    )
    .arg("value", format!("{:.decimals$}", o.value))
    .arg("expected", format!("{expected:.decimals$}"))
    .with_hint(Id::DisagreesHint)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;

    /// A country, two provinces, and two communes in each.
    fn areas() -> Areas {
        crate::data::areas::parse(
            "id,name,parent,level\nvn,Việt Nam,,quoc-gia\np1,Tỉnh 1,vn,tinh\nc11,Xã 11,p1,xa\nc12,Xã 12,p1,xa\np2,Tỉnh 2,vn,tinh\nc21,Xã 21,p2,xa\nc22,Xã 22,p2,xa\n",
            Path::new("content/areas.csv"),
            &mut Vec::new(),
        )
    }

    /// `ho` (all households, summed), `ngheo` (poor households, summed) and `ty-le` (their
    /// ratio in per cent).
    fn indicators() -> Vec<Indicator> {
        let make = |id: &str, aggregate: Aggregate, decimals: u8| {
            let mut indicator = Indicator::sample();
            indicator.id = id.to_string();
            indicator.aggregate = aggregate;
            indicator.decimals = decimals;
            indicator
        };
        vec![
            make("ho", Aggregate::Sum, 0),
            make("ngheo", Aggregate::Sum, 0),
            make(
                "ty-le",
                Aggregate::Ratio {
                    numerator: "ngheo".into(),
                    denominator: "ho".into(),
                    factor: 100.0,
                },
                2,
            ),
        ]
    }

    fn observation(indicator: u32, area: u32, year: i32, value: f64, line: u32) -> Observation {
        let mut o = Observation::sample(&year.to_string(), value, "", line);
        o.indicator = indicator;
        o.area = area;
        o
    }

    fn value(rollup: &Rollup, indicator: u32, area: u32, year: i32) -> Option<f64> {
        rollup
            .computed
            .iter()
            .find(|o| (o.indicator, o.area, o.period) == (indicator, area, Period::Year(year)))
            .map(|o| o.value)
    }

    #[test]
    fn counts_add_up_and_rates_come_from_the_summed_parts() {
        let (areas, indicators) = (areas(), indicators());
        // Communes: c11 = 2, c12 = 3, c21 = 5, c22 = 6 (households 100, 300, 200, 400); in
        // 2021 c22 did not report its poor households.
        let mut all = Vec::new();
        let mut line = 1;
        for (area, ho, ngheo) in [
            (2, 100.0, 2.0),
            (3, 300.0, 3.0),
            (5, 200.0, 5.0),
            (6, 400.0, 6.0),
        ] {
            for year in [2020, 2021] {
                line += 1;
                all.push(observation(0, area, year, ho, line));
                if !(area == 6 && year == 2021) {
                    all.push(observation(1, area, year, ngheo, line));
                }
            }
        }
        let store = Observations::new(
            vec![PathBuf::from("content/data/x.csv")],
            all,
            &mut Vec::new(),
        );
        let rollup = roll_up(&indicators, &store, &areas);
        assert!(rollup.problems.is_empty(), "{:?}", rollup.problems);
        assert_eq!(
            value(&rollup, 0, 1, 2020),
            Some(400.0),
            "province 1 households"
        );
        assert_eq!(value(&rollup, 0, 0, 2020), Some(1000.0), "the country's");
        assert_eq!(value(&rollup, 1, 0, 2020), Some(16.0));
        // The country's rate is 16 / 1000, not the mean of the provinces' 1.25 % and 1.83 %.
        assert_eq!(value(&rollup, 2, 0, 2020), Some(1.6));
        assert_eq!(value(&rollup, 2, 1, 2020), Some(1.25));
        assert_eq!(
            value(&rollup, 2, 2, 2020),
            Some(2.0),
            "a commune's own rate"
        );
        // 2021: province 2 and the country have no poor-household total, and no rate.
        assert_eq!(value(&rollup, 1, 4, 2021), None);
        assert_eq!(value(&rollup, 1, 0, 2021), None);
        assert_eq!(value(&rollup, 2, 0, 2021), None);
        assert_eq!(
            value(&rollup, 1, 1, 2021),
            Some(5.0),
            "province 1 is complete"
        );
        let gaps: Vec<(usize, usize, usize, usize)> = rollup
            .coverage
            .iter()
            .map(|c| (c.indicator, c.area, c.reported, c.expected))
            .collect();
        assert_eq!(
            gaps,
            [(1, 0, 1, 2), (1, 4, 1, 2), (2, 0, 1, 2), (2, 4, 1, 2)],
            "poor households and the rate: the country has 1 of 2 provinces, province 2 has 1 of 2 communes"
        );
    }

    #[test]
    fn a_reported_total_that_disagrees_is_a_warning_at_its_line() {
        let (areas, indicators) = (areas(), indicators());
        let all = vec![
            observation(0, 2, 2020, 100.0, 2),
            observation(0, 3, 2020, 300.0, 3),
            observation(0, 1, 2020, 410.0, 4),
            observation(0, 5, 2020, 200.0, 5),
            observation(0, 6, 2020, 400.0, 6),
            observation(0, 4, 2020, 600.0, 7),
        ];
        let store = Observations::new(
            vec![PathBuf::from("content/data/x.csv")],
            all,
            &mut Vec::new(),
        );
        let rollup = roll_up(&indicators, &store, &areas);
        assert_eq!(rollup.problems.len(), 1, "{:?}", rollup.problems);
        let warning = &rollup.problems[0];
        assert_eq!((warning.line, warning.is_error()), (4, false));
        assert!(
            warning.text(Language::En).contains("410")
                && warning.text(Language::En).contains("400"),
            "{}",
            warning.text(Language::En)
        );
        assert_eq!(value(&rollup, 0, 1, 2020), None, "the reported 410 stays");
        assert_eq!(
            value(&rollup, 0, 0, 2020),
            Some(1010.0),
            "and counts upwards"
        );
    }

    #[test]
    fn a_ratio_naming_an_unknown_indicator_is_an_error() {
        let mut indicators = indicators();
        indicators[2].aggregate = Aggregate::Ratio {
            numerator: "ngheo".into(),
            denominator: "tong-ho".into(),
            factor: 100.0,
        };
        indicators[2].aggregate_line = 6;
        let store = Observations::new(Vec::new(), Vec::new(), &mut Vec::new());
        let rollup = roll_up(&indicators, &store, &areas());
        assert_eq!(rollup.problems.len(), 1);
        assert_eq!(rollup.problems[0].line, 6);
        assert!(rollup.problems[0].text(Language::En).contains("`tong-ho`"));
    }
}
