//! Indicators (`content/indicators/<id>.md`): what is measured, in which unit, which way is
//! better, and what each plan promised for each area (the targets).

use std::path::PathBuf;

use serde::Deserialize;

use crate::data::numbers::exact_decimals;
use crate::data::period::Period;

/// Which way is better.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better (income, coverage).
    Up,
    /// Lower is better (poverty rate).
    Down,
}

/// How progress towards a level is judged.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ProgressMethod {
    /// Linear pace: the change so far against the change due so far (default).
    #[default]
    Linear,
    /// Compound growth, as Open SDG and Statistics Canada compute it.
    Growth,
}

/// What a target's `value` means.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// Reach `value`.
    #[default]
    Level,
    /// Move by `value` from the baseline.
    Change,
    /// Reach `value` × the baseline.
    Ratio,
    /// Add up to `value` over the period (e.g. households escaping poverty).
    Count,
}

/// The front matter of an indicator file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorMeta {
    /// Display title.
    pub title: String,
    /// Unit shown after values: `%`, `hộ`, `người`, `đồng/người/năm`.
    #[serde(default)]
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Decimals shown.
    #[serde(default = "default_decimals")]
    pub decimals: u8,
    /// One-sentence description.
    #[serde(default)]
    pub summary: String,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
    /// `linear` (default) or `growth`.
    #[serde(default)]
    pub progress: ProgressMethod,
    /// Stock-flow identity: `a - b + c` (this indicator equals that, per area and period).
    pub identity: Option<String>,
    /// The measurement standard of all its values, for indicators that do not follow the
    /// poverty standard of the plan periods (incomes, people trained); `""` for none at all.
    pub standard: Option<String>,
    /// How values add up the area hierarchy: `"sum"` for counts (households, people).
    pub aggregate: Option<String>,
    /// A rate computed at every level from two indicators' summed parts:
    /// numerator / denominator × factor.
    pub ratio: Option<RatioSpec>,
    /// Targets, one per area and period.
    #[serde(default)]
    pub targets: Vec<TargetSpec>,
}

fn default_decimals() -> u8 {
    1
}

/// `ratio = { numerator = "so-ho-ngheo", denominator = "tong-so-ho", factor = 100 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioSpec {
    /// The indicator on top (poor households).
    pub numerator: String,
    /// The indicator below (all households).
    pub denominator: String,
    /// What the quotient is multiplied by: 100 for a per-cent rate (the default).
    #[serde(default = "default_factor")]
    pub factor: f64,
}

fn default_factor() -> f64 {
    100.0
}

/// How an indicator's values combine up the area hierarchy.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Aggregate {
    /// They do not: a parent has only the values reported for it.
    #[default]
    None,
    /// A parent's value is the sum of its children's (counts).
    Sum,
    /// Every area's value is numerator / denominator × factor, from the two indicators'
    /// values (observed or summed), never an average of rates.
    Ratio {
        /// Id of the numerator indicator.
        numerator: String,
        /// Id of the denominator indicator.
        denominator: String,
        /// Multiplier (100 for per cent).
        factor: f64,
    },
}

/// A target as written in front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// Area id.
    pub area: String,
    /// A plan-period id (`2016-2020`) or a single period (`2017`, `2024-Q4`).
    pub period: String,
    /// The promised value (meaning depends on `kind`).
    pub value: f64,
    /// Level, change, ratio or count.
    #[serde(default)]
    pub kind: TargetKind,
    /// The starting point; default: the value at the end of the period before.
    pub baseline: Option<BaselineSpec>,
    /// Where the promise was made, e.g. "Kế hoạch 126/KH-UBND".
    #[serde(default)]
    pub note: String,
}

/// An explicit baseline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineSpec {
    /// The baseline's period.
    pub period: String,
    /// The baseline's value.
    pub value: f64,
}

/// When a target is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// By the end of a plan period (index into `config.periods`).
    Plan(usize),
    /// By the end of a single year, quarter or month (a yearly milestone).
    Single(Period),
}

/// A checked target.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Index into `Areas::all()`.
    pub area: usize,
    /// When it is due.
    pub due: Due,
    /// Level, change, ratio or count.
    pub kind: TargetKind,
    /// The value as written.
    pub value: f64,
    /// An explicit baseline.
    pub baseline: Option<(Period, f64)>,
    /// Where the promise was made.
    pub note: String,
}

/// The decimals a number written in an indicator file (a target, a baseline) is shown with:
/// the indicator's `decimals`, or more when the author wrote more (7.25 stays 7.25 where values
/// show one decimal). What was written is the fewest decimals, up to 6, that give the number
/// back exactly.
pub fn written_decimals(value: f64, decimals: u8) -> usize {
    exact_decimals(value, 6)
        .unwrap_or(6)
        .max(usize::from(decimals))
}

impl Target {
    /// The decimals the level this target asks for is shown with, at least `decimals`: those
    /// written for a `level` or `count` value; for a `change`, those of the change and of an
    /// explicit baseline; for a `ratio`, those of an explicit baseline (the level is the
    /// baseline scaled).
    pub fn level_decimals(&self, decimals: u8) -> usize {
        let value = match self.kind {
            TargetKind::Ratio => usize::from(decimals),
            _ => written_decimals(self.value, decimals),
        };
        let baseline = match (self.kind, self.baseline) {
            (TargetKind::Change | TargetKind::Ratio, Some((_, b))) => written_decimals(b, decimals),
            _ => usize::from(decimals),
        };
        value.max(baseline)
    }
}

/// One term of a stock-flow identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// +1 or -1.
    pub sign: i8,
    /// Indicator id.
    pub indicator: String,
}

/// A checked indicator.
#[derive(Clone, Debug)]
pub struct Indicator {
    /// Id (the file name).
    pub id: String,
    /// The indicator file, relative to the site.
    pub source_file: PathBuf,
    /// Display title.
    pub title: String,
    /// Unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Decimals shown.
    pub decimals: u8,
    /// One-sentence description.
    pub summary: String,
    /// Where the figures come from.
    pub source: String,
    /// Linear or growth.
    pub progress: ProgressMethod,
    /// Its own measurement standard, overriding the plan periods'.
    pub standard: Option<String>,
    /// Stock-flow identity terms (this indicator = Σ sign × term).
    pub identity: Vec<Term>,
    /// Line of the `identity` key (for warnings).
    pub identity_line: usize,
    /// How its values add up the area hierarchy.
    pub aggregate: Aggregate,
    /// Line of the `aggregate` or `ratio` key (for errors about it).
    pub aggregate_line: usize,
    /// Targets.
    pub targets: Vec<Target>,
    /// Body HTML (definition, method, source).
    pub html: String,
}
