//! Progress against targets, as SPEC.md defines it. Pure numbers: no files, no HTML.
//!
//! Linear pace (default): baseline b at t0, target level T due at t1, latest value x at t
//! (t0 < t ≤ t1): required-to-date r = (T − b)(t − t0)/(t1 − t0), actual a = x − b, pace
//! R = a / r. Growth: observed (x/b)^(1/(t−t0)) − 1 against required (T/b)^(1/(t1−t0)) − 1.
//! Count targets: share = Σ values in the period / value, R = share / elapsed fraction.

use crate::data::indicators::{Direction, ProgressMethod, TargetKind};
use crate::data::observations::standards_differ;
use crate::data::period::Period;

/// Where an indicator stands against a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The latest value already meets the target.
    Achieved,
    /// Pace ≥ 0.95.
    OnTrack,
    /// 0.5 ≤ pace < 0.95.
    NeedsAcceleration,
    /// 0 ≤ pace < 0.5.
    OffTrack,
    /// Pace < 0: moving away from the target.
    Deteriorating,
    /// No value after the baseline.
    NoData,
    /// A status cannot be computed; see the reason.
    NotComputable,
}

/// Why a status could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// No baseline given and no value at the end of the period before the target's.
    NoBaseline,
    /// The baseline and the latest value were measured under different standards (both
    /// named: an unknown standard never makes this reason).
    StandardChanged {
        /// The baseline's standard.
        from: String,
        /// The latest value's standard.
        to: String,
    },
    /// Growth rates need positive values.
    ZeroBaseGrowth,
    /// The target equals the baseline, so no pace can be computed.
    NoChangeRequired,
}

/// A value at a point in time, with its measurement standard.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// When.
    pub period: Period,
    /// The value.
    pub value: f64,
    /// The standard it was measured under; empty when unknown.
    pub standard: String,
}

/// Everything needed to judge one target.
#[derive(Clone, Debug)]
pub struct Question<'a> {
    /// Which way is better.
    pub direction: Direction,
    /// Linear or growth.
    pub method: ProgressMethod,
    /// Level, change, ratio or count.
    pub kind: TargetKind,
    /// The value as written in the target.
    pub value: f64,
    /// The baseline, if known.
    pub baseline: Option<Point>,
    /// Time the target period starts (end of the period before it), in years.
    pub start: f64,
    /// Time the target is due, in years.
    pub due: f64,
    /// The headline values, in time order.
    pub series: &'a [Point],
}

/// The answer for one target.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The level to reach (for counts, the total).
    pub target: Option<f64>,
    /// The latest value used (for counts, the running total at the latest period).
    pub latest: Option<(Period, f64)>,
    /// Share of the target achieved: (x − b)/(T − b), or Σ/value for counts.
    pub share: Option<f64>,
    /// Pace ratio R.
    pub pace: Option<f64>,
    /// Status.
    pub status: Status,
    /// Why a status could not be computed.
    pub reason: Option<Reason>,
}

impl Progress {
    fn not_computable(target: Option<f64>, reason: Reason) -> Progress {
        Progress {
            target,
            latest: None,
            share: None,
            pace: None,
            status: Status::NotComputable,
            reason: Some(reason),
        }
    }
}

/// Judges one target.
pub fn evaluate(q: &Question<'_>) -> Progress {
    if q.kind == TargetKind::Count {
        return evaluate_count(q);
    }
    let Some(baseline) = &q.baseline else {
        return without_baseline(q);
    };
    let (b, t0, t1) = (baseline.value, baseline.period.time(), q.due);
    let target = target_level(q.kind, q.value, b);
    let latest = q
        .series
        .iter()
        .rev()
        .find(|p| p.period.time() > t0 + 1e-9 && p.period.time() <= t1 + 1e-9);
    let Some(latest) = latest else {
        return Progress {
            target: Some(target),
            latest: None,
            share: None,
            pace: None,
            status: Status::NoData,
            reason: None,
        };
    };
    let mut progress = Progress {
        target: Some(target),
        latest: Some((latest.period, latest.value)),
        share: None,
        pace: None,
        status: Status::NoData,
        reason: None,
    };
    if standards_differ(&latest.standard, &baseline.standard) {
        progress.status = Status::NotComputable;
        progress.reason = Some(Reason::StandardChanged {
            from: baseline.standard.clone(),
            to: latest.standard.clone(),
        });
        return progress;
    }
    let x = latest.value;
    let t = latest.period.time();
    if (target - b).abs() > f64::EPSILON {
        progress.share = finite((x - b) / (target - b));
    }
    let achieved = meets(q.direction, x, target);
    let pace = match q.method {
        ProgressMethod::Linear => {
            let required = (target - b) * (t - t0) / (t1 - t0);
            if required.abs() < f64::EPSILON {
                None
            } else {
                finite((x - b) / required)
            }
        }
        ProgressMethod::Growth => {
            if b <= 0.0 || x <= 0.0 || target <= 0.0 {
                if !achieved {
                    progress.status = Status::NotComputable;
                    progress.reason = Some(Reason::ZeroBaseGrowth);
                    return progress;
                }
                None
            } else {
                let observed = (x / b).powf(1.0 / (t - t0)) - 1.0;
                let required = (target / b).powf(1.0 / (t1 - t0)) - 1.0;
                if required.abs() < f64::EPSILON {
                    None
                } else {
                    finite(observed / required)
                }
            }
        }
    };
    progress.pace = pace;
    progress.status = if achieved {
        Status::Achieved
    } else {
        match pace {
            Some(r) => status_of_pace(r),
            None => {
                progress.reason = Some(Reason::NoChangeRequired);
                Status::Deteriorating
            }
        }
    };
    progress
}

/// Without a baseline no pace can be computed; a level target that the latest value already
/// meets is still achieved.
fn without_baseline(q: &Question<'_>) -> Progress {
    let level = (q.kind == TargetKind::Level).then_some(q.value);
    let latest = q
        .series
        .iter()
        .rev()
        .find(|p| p.period.time() > q.start + 1e-9 && p.period.time() <= q.due + 1e-9);
    let mut progress = Progress::not_computable(level, Reason::NoBaseline);
    if let (Some(target), Some(latest)) = (level, latest) {
        progress.latest = Some((latest.period, latest.value));
        if meets(q.direction, latest.value, target) {
            progress.status = Status::Achieved;
            progress.reason = None;
        }
    }
    progress
}

/// True when `x` meets the level `target` in the indicator's direction.
fn meets(direction: Direction, x: f64, target: f64) -> bool {
    match direction {
        Direction::Down => x <= target,
        Direction::Up => x >= target,
    }
}

/// Counts have no baseline: they add up values within the period.
fn evaluate_count(q: &Question<'_>) -> Progress {
    let window: Vec<&Point> = q
        .series
        .iter()
        .filter(|p| p.period.time() > q.start + 1e-9 && p.period.time() <= q.due + 1e-9)
        .collect();
    // Use the coarsest kind of period present, so a year is not added to its own quarters.
    let coarsest = window.iter().map(|p| rank(p.period)).max();
    let used: Vec<&&Point> = window
        .iter()
        .filter(|p| Some(rank(p.period)) == coarsest)
        .collect();
    let Some(last) = used.last() else {
        return Progress {
            target: Some(q.value),
            latest: None,
            share: None,
            pace: None,
            status: Status::NoData,
            reason: None,
        };
    };
    let total: f64 = used.iter().map(|p| p.value).sum();
    let share = if q.value.abs() < f64::EPSILON {
        None
    } else {
        finite(total / q.value)
    };
    let elapsed = (last.period.time() - q.start) / (q.due - q.start);
    let pace = share.and_then(|s| finite(s / elapsed));
    let status = match (share, pace) {
        (Some(s), _) if s >= 1.0 => Status::Achieved,
        (_, Some(r)) => status_of_pace(r),
        _ => Status::NoData,
    };
    Progress {
        target: Some(q.value),
        latest: Some((last.period, total)),
        share,
        pace,
        status,
        reason: None,
    }
}

/// 2 for years, 1 for quarters, 0 for months: counts use the coarsest present.
fn rank(period: Period) -> u8 {
    match period {
        Period::Year(_) => 2,
        Period::Quarter(..) => 1,
        Period::Month(..) => 0,
    }
}

/// The level a target asks for: `level` as written, `change` from the baseline, `ratio` of
/// the baseline; a `count` is a total, not a level, and is returned as written.
pub fn target_level(kind: TargetKind, value: f64, baseline: f64) -> f64 {
    match kind {
        TargetKind::Level | TargetKind::Count => value,
        TargetKind::Change => baseline + value,
        TargetKind::Ratio => baseline * value,
    }
}

/// The status a pace ratio gives when the target is not yet achieved.
pub fn status_of_pace(pace: f64) -> Status {
    if pace >= 0.95 {
        Status::OnTrack
    } else if pace >= 0.5 {
        Status::NeedsAcceleration
    } else if pace >= 0.0 {
        Status::OffTrack
    } else {
        Status::Deteriorating
    }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}
