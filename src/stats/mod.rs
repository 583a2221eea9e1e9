//! Targets, progress and consistency checks over the loaded statistics. No HTML here.

pub mod identity;
pub mod progress;
pub mod rollup;

use rayon::prelude::*;

use crate::config::PlanPeriod;
use crate::data::indicators::{Due, Indicator, Target};
use crate::data::observations::Observation;
use crate::data::period::Period;
use crate::data::store::{Observations, segment_standard};
use progress::{Point, Progress, Question};

/// The progress of one target of one indicator.
#[derive(Clone, Debug)]
pub struct TargetProgress {
    /// Index of the indicator.
    pub indicator: usize,
    /// Index of the target within the indicator.
    pub target: usize,
    /// Index of the area.
    pub area: usize,
    /// The baseline used.
    pub baseline: Option<Point>,
    /// When the target is due.
    pub due: Period,
    /// The result.
    pub progress: Progress,
}

/// Computes the progress of every target of every indicator (in parallel; each target looks
/// up only its own series).
pub fn evaluate_all(
    indicators: &[Indicator],
    observations: &Observations,
    periods: &[PlanPeriod],
) -> Vec<TargetProgress> {
    let jobs: Vec<(usize, usize)> = indicators
        .iter()
        .enumerate()
        .flat_map(|(i, ind)| (0..ind.targets.len()).map(move |t| (i, t)))
        .collect();
    jobs.par_iter()
        .map(|&(i, t)| {
            let indicator = &indicators[i];
            let target = &indicator.targets[t];
            let series: Vec<Point> = observations
                .segments(i, target.area)
                .into_iter()
                .flat_map(|segment| {
                    let standard = segment_standard(segment);
                    segment.iter().map(move |o| point(o, standard))
                })
                .collect();
            let (start, due) = window(target.due, periods);
            let baseline = baseline(target, &series, periods);
            let question = Question {
                direction: indicator.direction,
                method: indicator.progress,
                kind: target.kind,
                value: target.value,
                baseline: baseline.clone(),
                start: start.time(),
                due: due.time(),
                series: &series,
            };
            TargetProgress {
                indicator: i,
                target: t,
                area: target.area,
                baseline,
                due,
                progress: progress::evaluate(&question),
            }
        })
        .collect()
}

/// A value as progress sees it: measured under the standard of its segment, so that a value of
/// unknown standard counts as one of the standard it is measured alongside.
fn point(o: &Observation, standard: &str) -> Point {
    Point {
        period: o.period,
        value: o.value,
        standard: standard.to_string(),
    }
}

/// The period just before a target's window, and the period it is due: 2016–2020 → (2015,
/// 2020); a milestone 2017 → (2016, 2017); 2024-Q3 → (2024-Q2, 2024-Q3).
pub fn window(due: Due, periods: &[PlanPeriod]) -> (Period, Period) {
    match due {
        Due::Plan(i) => (
            Period::Year(periods[i].start - 1),
            Period::Year(periods[i].end),
        ),
        Due::Single(p) => (previous(p), p),
    }
}

fn previous(period: Period) -> Period {
    match period {
        Period::Year(y) => Period::Year(y - 1),
        Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
        Period::Quarter(y, q) => Period::Quarter(y, q - 1),
        Period::Month(y, 1) => Period::Month(y - 1, 12),
        Period::Month(y, m) => Period::Month(y, m - 1),
    }
}

/// The standard in force for a period, from the plan periods; empty (unknown) outside them.
pub fn standard_of(period: Period, periods: &[PlanPeriod]) -> &str {
    periods
        .iter()
        .find(|p| (p.start..=p.end).contains(&period.year()))
        .map_or("", |p| p.standard.as_str())
}

/// The explicit baseline, else the value at the end of the period before the target's window
/// (preferring one measured under the standard of the target's own period).
fn baseline(target: &Target, series: &[Point], periods: &[PlanPeriod]) -> Option<Point> {
    let (before, due) = window(target.due, periods);
    if let Some((period, value)) = target.baseline {
        let standard = series
            .iter()
            .rev()
            .find(|p| p.period == period)
            .map_or_else(
                || standard_of(period, periods).to_string(),
                |p| p.standard.clone(),
            );
        return Some(Point {
            period,
            value,
            standard,
        });
    }
    let wanted = standard_of(due, periods);
    let candidates: Vec<&Point> = series
        .iter()
        .filter(|p| p.period.end_month() == before.end_month())
        .collect();
    candidates
        .iter()
        .rev()
        .find(|p| p.standard == wanted)
        .or(candidates.last())
        .map(|p| (*p).clone())
}
