//! Views of the statistics for templates: formatted values, data tables, progress rows and the
//! charts drawn from them. Numbers are formatted here, in the site's language; HTML stays in
//! the templates (charts are SVG strings made by `crate::charts`).

use serde::Serialize;

use crate::config::Language;
use crate::data::indicators::{Aggregate, Direction, Due, Indicator, TargetKind, written_decimals};
use crate::data::observations::Observation;
use crate::data::period::Period;
use crate::data::store::split_by_standard;
use crate::fingerprint::Hasher;
use crate::i18n;
use crate::model::Site;
use crate::render::routes;
use crate::render::views::Link;
use crate::stats::TargetProgress;
use crate::stats::progress::{Reason, Status};

/// UI strings of the site's language.
pub type Strings = serde_json::Map<String, serde_json::Value>;

/// Looks up a UI string.
pub fn text<'a>(strings: &'a Strings, key: &'a str) -> &'a str {
    strings.get(key).and_then(|v| v.as_str()).unwrap_or(key)
}

/// `4,07 %`, `2.319 hộ`, `36.400.000 đồng/người/năm`.
pub fn format_value(value: f64, indicator: &Indicator, language: Language) -> String {
    format_measure(value, usize::from(indicator.decimals), indicator, language)
}

/// `value` with `decimals` decimals and the indicator's unit: how a target or a baseline, which
/// keeps the decimals it was written with, is shown (`7,25 %` where values show `10,2 %`).
pub fn format_measure(
    value: f64,
    decimals: usize,
    indicator: &Indicator,
    language: Language,
) -> String {
    let number = i18n::format_number(value, decimals, language);
    match indicator.unit.trim() {
        "" => number,
        unit => [&number, "\u{a0}", unit].concat(),
    }
}

/// The key of a status for CSS classes and UI strings: `on_track`.
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::Achieved => "achieved",
        Status::OnTrack => "on_track",
        Status::NeedsAcceleration => "needs_acceleration",
        Status::OffTrack => "off_track",
        Status::Deteriorating => "deteriorating",
        Status::NoData => "no_data",
        Status::NotComputable => "not_computable",
    }
}

/// One row of a data table.
#[derive(Serialize, Clone, Debug)]
pub struct ValueRow {
    /// `2020`, `Quý 3/2024`.
    pub period: String,
    /// Formatted value with unit.
    pub value: String,
    /// Disaggregation, e.g. `loai: xây mới`.
    pub group: String,
    /// Measurement standard.
    pub standard: String,
    /// Footnote.
    pub note: String,
    /// Source.
    pub source: String,
}

/// A target with its progress, formatted.
#[derive(Serialize, Clone, Debug)]
pub struct ProgressView {
    /// The indicator.
    pub indicator: Link,
    /// The area.
    pub area: Link,
    /// When it is due: `2016–2020` or `2017`.
    pub due: String,
    /// Level, change, ratio, count.
    pub kind: TargetKind,
    /// `10,51 % (2015)`.
    pub baseline: String,
    /// The level or total to reach.
    pub target: String,
    /// `4,46 % (2020)`.
    pub latest: String,
    /// `93 %`.
    pub share: String,
    /// `1,05`.
    pub pace: String,
    /// Status key (`on_track`).
    pub status: &'static str,
    /// Status in words.
    pub status_text: String,
    /// Why no status could be computed.
    pub reason: String,
    /// Where the promise was made.
    pub note: String,
    /// The progress bar (SVG).
    pub bar: String,
}

/// The formatter shared by views and chart labels.
pub struct Format<'a> {
    /// The site.
    pub site: &'a Site,
    /// Its UI strings.
    pub strings: &'a Strings,
}

impl Format<'_> {
    pub(crate) fn language(&self) -> Language {
        self.site.config.language
    }

    pub(crate) fn t(&self, key: &'static str) -> &str {
        text(self.strings, key)
    }

    /// A period as readers write it.
    pub fn period(&self, period: Period) -> String {
        i18n::format_period(period, self.language())
    }

    /// The link of indicator `i`.
    pub fn indicator_link(&self, i: usize) -> Link {
        let indicator = &self.site.stats.indicators[i];
        Link {
            title: indicator.title.clone(),
            url: routes::indicator(&self.site.sections, &indicator.id),
        }
    }

    /// The link of area `a`.
    pub fn area_link(&self, a: usize) -> Link {
        let area = &self.site.areas.all()[a];
        Link {
            title: area.name.clone(),
            url: routes::area(&self.site.sections, &area.id),
        }
    }

    /// Table rows for a slice of observations (a computed value's note says how it was computed).
    pub fn rows(&self, indicator: &Indicator, observations: &[Observation]) -> Vec<ValueRow> {
        observations
            .iter()
            .map(|o| ValueRow {
                period: self.period(o.period),
                value: format_value(o.value, indicator, self.language()),
                group: o
                    .dims
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                standard: o.standard.to_string(),
                note: if o.is_computed() {
                    self.t(computed_note(indicator)).to_string()
                } else {
                    o.note.clone()
                },
                source: o.source.clone(),
            })
            .collect()
    }

    /// Feeds into `h` everything [`Format::rows`] makes its rows from but the globals (the
    /// language): a page's fingerprint then covers its tables without formatting them.
    pub fn feed_rows(h: &mut Hasher, indicator: &Indicator, observations: &[Observation]) {
        h.u64(u64::from(indicator.decimals))
            .str(&indicator.unit)
            .str(computed_note(indicator))
            .u64(observations.len() as u64);
        for o in observations {
            let (kind, year, part) = match o.period {
                Period::Year(y) => (0, y, 0),
                Period::Quarter(y, q) => (1, y, q),
                Period::Month(y, m) => (2, y, m),
            };
            h.u64(kind)
                .u64(u64::from(year as u32))
                .u64(u64::from(part))
                .u64(o.value.to_bits())
                .u64(o.dims.len() as u64);
            for (column, value) in &o.dims {
                h.str(column).str(value);
            }
            h.str(&o.standard)
                .str(&o.note)
                .str(&o.source)
                .u64(u64::from(o.is_computed()));
        }
    }

    /// When a target is due, in words.
    pub fn due(&self, due: Due) -> String {
        match due {
            Due::Plan(i) => self.site.config.periods[i].title.clone(),
            Due::Single(p) => self.period(p),
        }
    }

    /// A target's progress, formatted. Its bar is a placeholder: the renderer puts the token
    /// of the bar drawn from [`Format::bar`] there.
    pub fn progress(&self, p: &TargetProgress) -> ProgressView {
        let stats = &self.site.stats;
        let indicator = &stats.indicators[p.indicator];
        let target = &indicator.targets[p.target];
        let language = self.language();
        let value = |v: f64| format_value(v, indicator, language);
        let written = |v: f64, decimals: usize| format_measure(v, decimals, indicator, language);
        let level = |v: f64| written(v, target.level_decimals(indicator.decimals));
        let result = &p.progress;
        let words = self.bar_words(p);
        let reason = match &result.reason {
            Some(Reason::NoBaseline) => self.t("reason_no_baseline").to_string(),
            Some(Reason::StandardChanged { from, to }) => {
                format!("{} ({from} → {to})", self.t("reason_standard_changed"))
            }
            Some(Reason::ZeroBaseGrowth) => self.t("reason_zero_base").to_string(),
            Some(Reason::NoChangeRequired) => self.t("reason_no_change").to_string(),
            None => String::new(),
        };
        ProgressView {
            indicator: self.indicator_link(p.indicator),
            area: self.area_link(p.area),
            due: self.due(target.due),
            kind: target.kind,
            baseline: p
                .baseline
                .as_ref()
                .map(|b| {
                    // An explicit baseline was written; one from the data is a value.
                    let shown = match target.baseline {
                        Some(_) => written(b.value, written_decimals(b.value, indicator.decimals)),
                        None => value(b.value),
                    };
                    format!("{shown} ({})", self.period(b.period))
                })
                .unwrap_or_default(),
            target: match target.kind {
                TargetKind::Change => format!(
                    "{} ({}{})",
                    result.target.map(level).unwrap_or_default(),
                    if target.value >= 0.0 { "+" } else { "" },
                    i18n::format_number(
                        target.value,
                        written_decimals(target.value, indicator.decimals),
                        language
                    )
                ),
                TargetKind::Ratio => format!(
                    "{} (× {})",
                    result.target.map(level).unwrap_or_default(),
                    i18n::format_number(target.value, written_decimals(target.value, 2), language)
                ),
                _ => result.target.map(level).unwrap_or_default(),
            },
            latest: result
                .latest
                .map(|(period, v)| format!("{} ({})", value(v), self.period(period)))
                .unwrap_or_default(),
            share: words.share,
            pace: result
                .pace
                .map(|r| i18n::format_number(r, 2, language))
                .unwrap_or_default(),
            status: status_key(result.status),
            status_text: words.status_text,
            reason,
            note: target.note.clone(),
            bar: String::new(),
        }
    }

    /// The words of a target's progress: share, status, and the bar's title and label.
    pub(crate) fn bar_words(&self, p: &TargetProgress) -> BarWords {
        let language = self.language();
        let result = &p.progress;
        let share = result
            .share
            .map(|s| format!("{}\u{a0}%", i18n::format_number(s * 100.0, 0, language)))
            .unwrap_or_default();
        let title = format!(
            "{} – {}",
            self.site.stats.indicators[p.indicator].title,
            self.site.areas.all()[p.area].name
        );
        let label = format!(
            "{}: {}",
            self.t("share"),
            if share.is_empty() {
                "–"
            } else {
                share.as_str()
            }
        );
        BarWords {
            share,
            status_text: self.t(status_string(result.status)).to_string(),
            title,
            label,
        }
    }

    /// The sentence a screen reader hears for a trend chart: how the values move within each
    /// measurement standard, where the standard changes, and the target (its level, the
    /// decimals it is shown with, when it is due).
    pub fn describe_trend(
        &self,
        indicator: &Indicator,
        area: &str,
        series: &[Observation],
        target: Option<(f64, usize, Period)>,
    ) -> String {
        let language = self.language();
        let value = |v: f64| format_value(v, indicator, language);
        let mut sentence = format!("{} {} {}", indicator.title, self.t("of"), area);
        if series.is_empty() {
            sentence.push_str(&format!(": {}", self.t("no_data")));
        }
        for (n, segment) in split_by_standard(series).into_iter().enumerate() {
            let (first, last) = (&segment[0], &segment[segment.len() - 1]);
            if n > 0 {
                // A segment after a break starts with a value of a named standard.
                sentence.push_str(&format!(
                    "; {} {} ({})",
                    self.t("standard_break").to_lowercase(),
                    self.period(first.period),
                    first.standard
                ));
            }
            if segment.len() == 1 {
                sentence.push_str(&format!(
                    ": {} ({})",
                    value(first.value),
                    self.period(first.period)
                ));
            } else {
                let (verb, to) = if last.value < first.value {
                    ("falls", "to")
                } else if last.value > first.value {
                    ("rises", "to_up")
                } else {
                    ("stays", "to")
                };
                sentence.push_str(&format!(
                    " {} {} {} ({}) {} {} ({})",
                    self.t(verb),
                    self.t("from"),
                    value(first.value),
                    self.period(first.period),
                    self.t(to),
                    value(last.value),
                    self.period(last.period)
                ));
            }
        }
        if let Some((level, decimals, due)) = target {
            sentence.push_str(&format!(
                "; {} {} ({})",
                self.t("target").to_lowercase(),
                format_measure(level, decimals, indicator, language),
                self.period(due)
            ));
        }
        sentence.push('.');
        sentence
    }
}

/// The words shared by a progress view and its bar.
pub(crate) struct BarWords {
    pub(crate) share: String,
    pub(crate) status_text: String,
    pub(crate) title: String,
    pub(crate) label: String,
}

pub(crate) fn status_string(status: Status) -> &'static str {
    match status {
        Status::Achieved => "status_achieved",
        Status::OnTrack => "status_on_track",
        Status::NeedsAcceleration => "status_needs_acceleration",
        Status::OffTrack => "status_off_track",
        Status::Deteriorating => "status_deteriorating",
        Status::NoData => "status_no_data",
        Status::NotComputable => "status_not_computable",
    }
}

/// The value a headline card's change is measured from: the latest value before `latest` of
/// the same kind of period (a year with a year, a quarter with a quarter, a month with a month)
/// measured under the same standard (in the last segment of `series`, which ends with
/// `latest`). `None` when there is none: a quarter and the year it ends, or two values across
/// a change of standard, are not like with like.
fn previous_like<'a>(series: &'a [Observation], latest: &Observation) -> Option<&'a Observation> {
    let kind = std::mem::discriminant(&latest.period);
    let same_standard = split_by_standard(series).pop().unwrap_or_default();
    same_standard
        .iter()
        .rev()
        .find(|o| std::mem::discriminant(&o.period) == kind && o.period < latest.period)
}

impl Format<'_> {
    /// The change of a series' latest value since the previous one like it (see
    /// [`previous_like`]): `+1,2 (2023 → 2024)`; empty when there is none.
    pub fn change(&self, indicator: &Indicator, series: &[Observation]) -> String {
        let Some(latest) = series.last() else {
            return String::new();
        };
        previous_like(series, latest)
            .map(|o| {
                let d = latest.value - o.value;
                let sign = if d > 0.0 { "+" } else { "" };
                format!(
                    "{sign}{} ({} → {})",
                    i18n::format_number(d, usize::from(indicator.decimals), self.language()),
                    self.period(o.period),
                    self.period(latest.period)
                )
            })
            .unwrap_or_default()
    }
}

/// Which way is better, in words.
pub fn direction_text(direction: Direction, strings: &Strings) -> &str {
    match direction {
        Direction::Down => text(strings, "direction_down"),
        Direction::Up => text(strings, "direction_up"),
    }
}

/// The key of the note on a computed value of `indicator`: a ratio is worked out from its two
/// parts in the same area, anything else is a sum of the sub-areas.
fn computed_note(indicator: &Indicator) -> &'static str {
    match indicator.aggregate {
        Aggregate::Ratio { .. } => "computed_ratio_note",
        _ => "computed_note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Fingerprint;

    fn observation(period: &str, value: f64, standard: &str) -> Observation {
        Observation::sample(period, value, standard, 0)
    }

    fn fingerprint(indicator: &Indicator, observations: &[Observation]) -> Fingerprint {
        let mut h = Hasher::new();
        Format::feed_rows(&mut h, indicator, observations);
        h.finish()
    }

    #[test]
    fn a_table_fingerprint_changes_with_everything_its_rows_show() {
        let indicator = Indicator::sample();
        let rows = vec![Observation::sample("2020-Q3", 4.85, "2016-2020", 2)];
        let original = fingerprint(&indicator, &rows);
        assert_eq!(fingerprint(&indicator, &rows.clone()), original);
        type Edit = fn(&mut Indicator, &mut Vec<Observation>);
        let edits: [(&str, Edit); 10] = [
            ("period", |_, r| r[0].period = Period::Quarter(2020, 4)),
            ("period kind", |_, r| r[0].period = Period::Month(2020, 3)),
            ("value", |_, r| r[0].value = 4.86),
            ("group", |_, r| {
                r[0].dims = vec![("loai".into(), "nông thôn".into())]
            }),
            ("standard", |_, r| r[0].standard = "2021-2025".into()),
            ("note", |_, r| r[0].note = "ước tính".into()),
            ("source", |_, r| r[0].source = "Cục Thống kê".into()),
            ("decimals", |i, _| i.decimals = 1),
            ("unit", |i, _| i.unit = "hộ".into()),
            ("another row", |_, r| r.push(r[0].clone())),
        ];
        for (what, edit) in edits {
            let (mut indicator, mut rows) = (indicator.clone(), rows.clone());
            edit(&mut indicator, &mut rows);
            assert_ne!(fingerprint(&indicator, &rows), original, "{what}");
        }
    }

    #[test]
    fn the_change_compares_like_with_like() {
        let series = [
            observation("2022", 3.0, "A"),
            observation("2023-Q3", 2.8, "A"),
            observation("2023", 2.6, "A"),
            observation("2024-Q1", 2.5, "A"),
            observation("2024-Q4", 2.0, "A"),
            observation("2024", 2.0, "A"),
        ];
        let latest = series.last().unwrap();
        let previous = previous_like(&series, latest).unwrap();
        assert_eq!(previous.period, Period::Year(2023), "a year with a year");
        let quarters = &series[..5];
        let previous = previous_like(quarters, quarters.last().unwrap()).unwrap();
        assert_eq!(
            previous.period,
            Period::Quarter(2024, 1),
            "a quarter with a quarter"
        );
        // The year 2024 has only a quarter before it: no change.
        assert!(previous_like(&series[3..], latest).is_none());
        // Across a change of standard: no change, even with an earlier year.
        let broken = [
            observation("2023", 2.6, "A"),
            observation("2024-Q4", 2.0, "B"),
            observation("2024", 2.0, "B"),
        ];
        assert!(previous_like(&broken, &broken[2]).is_none());
        // A value of unknown standard before them is like with like.
        let unknown_first = [
            observation("2015", 14.5, ""),
            observation("2016", 12.9, "MBM"),
        ];
        let previous = previous_like(&unknown_first, &unknown_first[1]).unwrap();
        assert_eq!(previous.period, Period::Year(2015), "unknown, then named");
        let months = [
            observation("2024-05", 1.0, "A"),
            observation("2024-Q2", 1.0, "A"),
            observation("2024-06", 1.5, "A"),
        ];
        let previous = previous_like(&months, &months[2]).unwrap();
        assert_eq!(
            previous.period,
            Period::Month(2024, 5),
            "a month with a month"
        );
    }
}
