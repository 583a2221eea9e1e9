//! What the charts of a page are drawn from: the input of each trend chart and progress bar,
//! made from the model in the site's language and kept, owned, until the chart is needed, with
//! the fingerprint that tells whether a kept chart is still current.

use crate::charts::{self, Band, Labels, Segment, Sparkline, TargetLine, TrendChart};
use crate::config::Language;
use crate::data::indicators::{Due, Indicator, TargetKind};
use crate::data::period::Period;
use crate::data::store::segment_standard;
use crate::fingerprint::{Fingerprint, Hasher};
use crate::i18n;
use crate::model::Site;
use crate::stats::TargetProgress;
use crate::stats::progress::Status;

use super::statistics::{Format, format_measure, format_value, status_key, status_string};

impl Format<'_> {
    /// What the progress bar of a target is drawn from.
    pub fn bar(&self, p: &TargetProgress) -> BarInput {
        let words = self.bar_words(p);
        let description = format!(
            "{}: {}. {}: {}.",
            words.title,
            words.label,
            self.t("status"),
            words.status_text
        );
        BarInput {
            description,
            share: p.progress.share.unwrap_or(0.0).max(0.0),
            status: p.progress.status,
            id: format!(
                "p-{}-{}-{}",
                self.site.stats.indicators[p.indicator].id,
                self.site.areas.all()[p.area].id,
                p.target
            ),
            title: words.title,
            label: words.label,
            status_text: words.status_text,
        }
    }

    /// What the trend chart of an indicator in an area is drawn from, with the target that is
    /// current for its latest value (or the last one due).
    pub fn trend(&self, i: usize, a: usize) -> TrendInput {
        let site = self.site;
        let indicator = &site.stats.indicators[i];
        let area = &site.areas.all()[a];
        let series = site.stats.observations.series(i, a);
        let chosen = chart_target(site, i, a);
        let target = chosen.and_then(|p| {
            let baseline = p.baseline.as_ref()?;
            let level = p.progress.target?;
            (indicator.targets[p.target].kind != TargetKind::Count).then_some(TargetLine {
                baseline_period: baseline.period,
                baseline: baseline.value,
                due: p.due,
                value: level,
            })
        });
        let bands = site
            .config
            .periods
            .iter()
            .map(|p| {
                (
                    Period::Year(p.start - 1).time(),
                    Period::Year(p.end).time(),
                    format!("{}–{}", p.start, p.end),
                )
            })
            .collect();
        let target_decimals = target_decimals(indicator, chosen);
        let mut description = self.describe_trend(
            indicator,
            &area.name,
            series,
            target.as_ref().map(|t| (t.value, target_decimals, t.due)),
        );
        if let Some(p) = chosen {
            description.push(' ');
            description.push_str(self.t(status_string(p.progress.status)));
            description.push('.');
        }
        TrendInput {
            indicator: i,
            title: format!("{}, {}", indicator.title, area.name),
            description,
            segments: segment_points(site, i, a),
            target,
            target_decimals,
            bands,
            zero_baseline: matches!(indicator.unit.trim(), "%" | "hộ" | "người")
                || indicator.unit.is_empty(),
            id: format!("t-{}-{}", indicator.id, area.id),
        }
    }

    /// The labels of indicator `i`'s charts, in the site's language (its target shown with
    /// `target_decimals`), passed to `draw`.
    fn with_labels<R>(
        &self,
        i: usize,
        target_decimals: usize,
        draw: impl FnOnce(&Labels<'_>) -> R,
    ) -> R {
        let indicator = &self.site.stats.indicators[i];
        let language = self.language();
        let format_value = |v: f64| format_value(v, indicator, language);
        let format_target = |v: f64| format_measure(v, target_decimals, indicator, language);
        let format_axis = |v: f64| axis_number(v, language);
        let period_label = |p: Period| short_period(p, language);
        draw(&Labels {
            format_value: &format_value,
            format_target: &format_target,
            format_axis: &format_axis,
            period_label: &period_label,
            target: self.t("target"),
            standard_break: self.t("standard_break"),
            no_data: self.t("no_data"),
        })
    }

    /// What every chart depends on besides its own inputs: the program that draws it, the
    /// language and the chart words, and each indicator's unit and decimals.
    pub fn chart_labels_fingerprint(&self, i: usize) -> Fingerprint {
        let indicator = &self.site.stats.indicators[i];
        let mut h = Hasher::new();
        // The program draws the chart: a new baocao redraws standalone chart files too.
        h.fingerprint(crate::fingerprint::build_id())
            .str(self.language().code())
            .str(self.t("target"))
            .str(self.t("standard_break"))
            .str(self.t("no_data"))
            .str(&indicator.unit)
            .u64(u64::from(indicator.decimals));
        h.finish()
    }
}

/// What a trend chart is drawn from (owned, so that it can wait until the chart is needed).
pub struct TrendInput {
    indicator: usize,
    title: String,
    description: String,
    segments: Vec<(String, Vec<(Period, f64)>)>,
    target: Option<TargetLine>,
    target_decimals: usize,
    bands: Vec<(f64, f64, String)>,
    zero_baseline: bool,
    id: String,
}

impl TrendInput {
    /// The fingerprint of everything the chart is drawn from.
    pub fn fingerprint(&self, format: &Format<'_>) -> Fingerprint {
        let TrendInput {
            indicator,
            title,
            description,
            segments,
            target,
            target_decimals,
            bands,
            zero_baseline,
            id,
        } = self;
        let mut h = Hasher::new();
        h.str("trend")
            .fingerprint(format.chart_labels_fingerprint(*indicator))
            .str(title)
            .str(description)
            .str(id)
            .u64(u64::from(*zero_baseline))
            .u64(*target_decimals as u64);
        for (standard, points) in segments {
            h.str(standard).u64(points.len() as u64);
            for (period, value) in points {
                hash_period(&mut h, *period).u64(value.to_bits());
            }
        }
        if let Some(t) = target {
            hash_period(&mut h, t.baseline_period).u64(t.baseline.to_bits());
            hash_period(&mut h, t.due).u64(t.value.to_bits());
        }
        for (start, end, label) in bands {
            h.u64(start.to_bits()).u64(end.to_bits()).str(label);
        }
        h.finish()
    }

    /// Draws the chart.
    pub fn draw(&self, format: &Format<'_>) -> String {
        let segments: Vec<Segment<'_>> = self
            .segments
            .iter()
            .map(|(standard, points)| Segment { standard, points })
            .collect();
        let bands: Vec<Band<'_>> = self
            .bands
            .iter()
            .map(|(start, end, label)| Band {
                start: *start,
                end: *end,
                label,
            })
            .collect();
        let unit = &format.site.stats.indicators[self.indicator].unit;
        format.with_labels(self.indicator, self.target_decimals, |labels| {
            TrendChart {
                title: &self.title,
                description: &self.description,
                segments: &segments,
                target: self.target,
                bands: &bands,
                zero_baseline: self.zero_baseline,
                unit,
            }
            .render(labels, &self.id)
        })
    }

    /// The fingerprint of everything the series' sparkline is drawn from.
    pub fn sparkline_fingerprint(&self) -> Fingerprint {
        let mut h = Hasher::new();
        h.str("sparkline")
            .fingerprint(crate::fingerprint::build_id())
            .str(&self.title)
            .str(&self.description)
            .str(&self.id);
        for (standard, points) in &self.segments {
            h.str(standard).u64(points.len() as u64);
            for (period, value) in points {
                hash_period(&mut h, *period).u64(value.to_bits());
            }
        }
        h.finish()
    }

    /// Draws the series as a sparkline.
    pub fn draw_sparkline(&self) -> String {
        let segments: Vec<Segment<'_>> = self
            .segments
            .iter()
            .map(|(standard, points)| Segment { standard, points })
            .collect();
        Sparkline {
            title: &self.title,
            description: &self.description,
            segments: &segments,
        }
        .render(&["s", &self.id[1..]].concat())
    }
}

/// What a progress bar is drawn from.
pub struct BarInput {
    title: String,
    description: String,
    share: f64,
    label: String,
    status: Status,
    status_text: String,
    id: String,
}

impl BarInput {
    /// The fingerprint of everything the bar is drawn from.
    pub fn fingerprint(&self) -> Fingerprint {
        let BarInput {
            title,
            description,
            share,
            label,
            status,
            status_text,
            id,
        } = self;
        let mut h = Hasher::new();
        h.str("bar")
            .fingerprint(crate::fingerprint::build_id())
            .str(title)
            .str(description)
            .u64(share.to_bits())
            .str(label)
            .str(status_key(*status))
            .str(status_text)
            .str(id);
        h.finish()
    }

    /// Draws the bar.
    pub fn draw(&self) -> String {
        charts::ProgressBar {
            title: &self.title,
            description: &self.description,
            share: self.share,
            label: &self.label,
            status: self.status,
            status_text: &self.status_text,
        }
        .render(&self.id)
    }
}

/// Adds a period to a fingerprint (a year and its fourth quarter end together, so the kind of
/// period is part of it).
fn hash_period(h: &mut Hasher, period: Period) -> &mut Hasher {
    match period {
        Period::Year(y) => h.u64(1).u64(y as u64),
        Period::Quarter(y, q) => h.u64(2).u64(y as u64).u64(u64::from(q)),
        Period::Month(y, m) => h.u64(3).u64(y as u64).u64(u64::from(m)),
    }
}

/// The points of each segment (one per measurement standard) of a headline series, owned so
/// that chart inputs can borrow them.
pub fn segment_points(site: &Site, i: usize, a: usize) -> Vec<(String, Vec<(Period, f64)>)> {
    site.stats
        .observations
        .segments(i, a)
        .iter()
        .map(|s| {
            (
                segment_standard(s).to_string(),
                s.iter().map(|o| (o.period, o.value)).collect(),
            )
        })
        .collect()
}

/// Axis numbers: no unit, as few decimals as the step needs.
fn axis_number(value: f64, language: Language) -> String {
    let decimals = if value.fract().abs() < 1e-9 {
        0
    } else if (value * 10.0).fract().abs() < 1e-9 {
        1
    } else {
        2
    };
    i18n::format_number(value, decimals, language)
}

/// Periods on a time axis: `2020`, `Q3/2024`, `06/2024`.
fn short_period(period: Period, language: Language) -> String {
    let (mut year, mut part) = (itoa::Buffer::new(), itoa::Buffer::new());
    let y = year.format(period.year());
    match (period, language) {
        (Period::Year(_), _) => y.to_string(),
        (Period::Quarter(_, q), Language::Vi) => ["Q", part.format(q), "/", y].concat(),
        (Period::Quarter(_, q), Language::En) => ["Q", part.format(q), " ", y].concat(),
        (Period::Month(_, m), _) => [i18n::zero_pad(m), part.format(m), "/", y].concat(),
    }
}

/// The decimals a chart shows its target with: those the target was written with (see
/// [`Target::level_decimals`](crate::data::indicators::Target::level_decimals)).
fn target_decimals(indicator: &Indicator, chosen: Option<&TargetProgress>) -> usize {
    chosen.map_or(usize::from(indicator.decimals), |p| {
        indicator.targets[p.target].level_decimals(indicator.decimals)
    })
}

/// The target a chart shows: the one whose window holds the latest value, else the last due.
pub fn chart_target(site: &Site, i: usize, a: usize) -> Option<&TargetProgress> {
    let latest = site
        .stats
        .observations
        .latest(i, a)
        .map(|o| o.period.time());
    let candidates: Vec<&TargetProgress> = site.stats.progress_by_indicator[i]
        .iter()
        .map(|&p| &site.stats.progress[p])
        .filter(|p| {
            p.area == a && matches!(site.stats.indicators[i].targets[p.target].due, Due::Plan(_))
        })
        .collect();
    let current = latest.and_then(|t| {
        candidates.iter().copied().find(|p| {
            p.baseline.as_ref().is_some_and(|b| b.period.time() < t) && t <= p.due.time() + 1e-9
        })
    });
    current.or_else(|| candidates.iter().copied().max_by(|x, y| x.due.cmp(&y.due)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_periods_are_short() {
        let periods = [
            Period::Year(2020),
            Period::Quarter(2024, 3),
            Period::Month(2024, 6),
            Period::Month(2024, 12),
        ];
        let written = |language| periods.map(|p| short_period(p, language));
        assert_eq!(
            written(Language::Vi),
            ["2020", "Q3/2024", "06/2024", "12/2024"]
        );
        assert_eq!(
            written(Language::En),
            ["2020", "Q3 2024", "06/2024", "12/2024"]
        );
    }
}
