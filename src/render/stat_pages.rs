//! The statistics parts of pages: the indicator index and pages, the reporting-status page,
//! and the statistics shown on area, period and home pages.

use serde::Serialize;

use super::Renderer;
use super::charts::ChartKey;
use super::context::PageContext;
use super::routes;
use super::statistics::{Format, ProgressView, ValueRow, direction_text, format_value, status_key};
use super::tables::Tables;
use super::views::Link;
use crate::data::indicators::Due;
use crate::data::observations::Observation;
use crate::data::period::Period;
use crate::data::store::split_by_standard;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Hasher;

/// Targets listed under "due soonest" on the home page.
const HOME_DUE_SOON: usize = 5;

/// An indicator's latest value in one area.
#[derive(Serialize)]
struct AreaLatest {
    area: Link,
    value: String,
    period: String,
    status: &'static str,
    status_text: String,
}

/// A row of the indicator index.
#[derive(Serialize)]
struct IndicatorRow {
    link: Link,
    unit: String,
    summary: String,
    areas: Vec<AreaLatest>,
}

/// One series: an indicator's values in one area, on the indicator's page (where `area` links
/// to the area) or on the area's page (where it links to the indicator).
#[derive(Serialize)]
struct SeriesView {
    area: Link,
    chart: String,
    /// The token of the series' data table (see [`super::tables`]).
    table: String,
    svg: String,
    groups: Vec<ValueRow>,
}

/// A comparison of sub-areas.
#[derive(Serialize)]
struct ComparisonView {
    parent: Link,
    chart: String,
    svg: String,
    rows: Vec<super::statistics::ValueRow>,
}

/// A headline card on the home page.
#[derive(Serialize)]
struct HeadlineCard {
    indicator: Link,
    area: Link,
    value: String,
    period: String,
    change: String,
    status: &'static str,
    status_text: String,
    sparkline: String,
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

/// A reporting-status row.
#[derive(Serialize)]
struct ReportingRow {
    indicator: Link,
    area: Link,
    latest: String,
    up_to_date: bool,
}

impl Renderer<'_> {
    pub(super) fn format(&self) -> super::statistics::Format<'_> {
        super::statistics::Format {
            site: self.site,
            strings: self.strings,
        }
    }

    /// The view of target progress `p` (an index into the site's progress list), with the
    /// token of its bar.
    pub(super) fn progress(&self, p: usize) -> ProgressView {
        let mut view = self.format().progress(&self.site.stats.progress[p]);
        view.bar = self.charts.token(ChartKey::Bar(p));
        view
    }

    /// The latest value and status per area of indicator `i`.
    fn latest_by_area(&self, i: usize) -> Vec<AreaLatest> {
        let stats = &self.site.stats;
        let format = self.format();
        let indicator = &stats.indicators[i];
        stats
            .observations
            .keys()
            .iter()
            .filter(|(ind, _)| *ind as usize == i)
            .filter_map(|&(_, a)| {
                let latest = stats.observations.latest(i, a as usize)?;
                let status = super::statistics::chart_target(self.site, i, a as usize)
                    .map(|p| p.progress.status);
                Some(AreaLatest {
                    area: format.area_link(a as usize),
                    value: format_value(latest.value, indicator, self.site.config.language),
                    period: format.period(latest.period),
                    status: status.map_or("", status_key),
                    status_text: status
                        .map(|s| self.t(&format!("status_{}", status_key(s))))
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    /// `/chi-tieu/`: every indicator with its latest value and status per area.
    pub(super) fn indicator_index(&self, context: &mut PageContext) {
        let rows: Vec<IndicatorRow> = (0..self.site.stats.indicators.len())
            .map(|i| {
                let indicator = &self.site.stats.indicators[i];
                IndicatorRow {
                    link: self.format().indicator_link(i),
                    unit: indicator.unit.clone(),
                    summary: indicator.summary.clone(),
                    areas: self.latest_by_area(i),
                }
            })
            .collect();
        context.insert("indicators", &rows);
        context.insert("reporting_url", &routes::reporting(&self.site.sections));
        context.insert("data_url", &routes::section(self.site.sections.data));
    }

    /// `/chi-tieu/<id>/`: definition, per-area charts and tables, targets, articles.
    pub(super) fn indicator_page(
        &self,
        i: usize,
        context: &mut PageContext,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let stats = &site.stats;
        let format = self.format();
        let indicator = &stats.indicators[i];
        let areas: Vec<usize> = stats
            .observations
            .keys()
            .iter()
            .filter(|(ind, _)| *ind as usize == i)
            .map(|&(_, a)| a as usize)
            .collect();
        let targets: Vec<ProgressView> = stats.progress_by_indicator[i]
            .iter()
            .map(|&p| self.progress(p))
            .collect();
        let latest_year = stats
            .observations
            .keys()
            .iter()
            .filter(|(ind, _)| *ind as usize == i)
            .filter_map(|&(_, a)| stats.observations.latest(i, a as usize))
            .map(|o| o.period.year())
            .max();
        let standard = latest_year
            .map(|y| crate::stats::standard_of(Period::Year(y), &site.config.periods).to_string())
            .unwrap_or_default();
        let articles = site
            .by_indicator
            .get(&indicator.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        context.insert(
            "indicator",
            &serde_json::json!({
                "id": indicator.id,
                "title": indicator.title,
                "unit": indicator.unit,
                "direction": direction_text(indicator.direction, self.strings),
                "summary": indicator.summary,
                "source": indicator.source,
                "html": indicator.html,
                "standard": standard,
                "csv": routes::data_file(&site.sections, &indicator.id, "csv"),
                "json": routes::data_file(&site.sections, &indicator.id, "json"),
            }),
        );
        context.insert_lazy(
            "series",
            |h| areas.iter().for_each(|&a| self.feed_series(h, i, a, true)),
            || {
                areas
                    .iter()
                    .map(|&a| self.series_view(i, a, format.area_link(a), true))
                    .collect::<Vec<_>>()
            },
        );
        context.insert("comparisons", &self.comparisons(i));
        context.insert("targets", &targets);
        context.insert_card_list("articles", &self.cards, articles)
    }

    /// Comparison charts (drawn before rendering) of the areas whose sub-areas have data for
    /// indicator `i`.
    fn comparisons(&self, i: usize) -> Vec<ComparisonView> {
        let site = self.site;
        let format = self.format();
        self.charts
            .comparisons_of(i)
            .map(|(parent, rows)| ComparisonView {
                parent: format.area_link(parent),
                chart: self.charts.token(ChartKey::Comparison(i, parent)),
                svg: routes::comparison_file(
                    &site.sections,
                    &site.stats.indicators[i].id,
                    &site.areas.all()[parent].id,
                ),
                rows: rows.to_vec(),
            })
            .collect()
    }

    /// The statistics of an area page: its indicators' charts and its targets.
    pub(super) fn area_statistics(&self, a: usize, context: &mut PageContext) {
        let stats = &self.site.stats;
        let format = self.format();
        let indicators: Vec<usize> = stats
            .observations
            .keys()
            .iter()
            .filter(|(_, area)| *area as usize == a)
            .map(|&(i, _)| i as usize)
            .collect();
        let targets: Vec<ProgressView> = stats.progress_by_area[a]
            .iter()
            .map(|&p| self.progress(p))
            .collect();
        context.insert_lazy(
            "series",
            |h| {
                indicators
                    .iter()
                    .for_each(|&i| self.feed_series(h, i, a, false))
            },
            || {
                indicators
                    .iter()
                    .map(|&i| self.series_view(i, a, format.indicator_link(i), false))
                    .collect::<Vec<_>>()
            },
        );
        context.insert("targets", &targets);
    }

    /// Indicator `i`'s series in area `a`, shown under `link`, with or without its
    /// disaggregated rows.
    fn series_view(&self, i: usize, a: usize, link: Link, groups: bool) -> SeriesView {
        let site = self.site;
        let format = self.format();
        let indicator = &site.stats.indicators[i];
        let observations = &site.stats.observations;
        SeriesView {
            area: link,
            chart: self.charts.token(ChartKey::Trend(i, a)),
            table: super::tokens::table(i, a),
            svg: routes::chart_file(&site.sections, &indicator.id, &site.areas.all()[a].id),
            groups: if groups {
                format.rows(indicator, observations.disaggregated(i, a))
            } else {
                Vec::new()
            },
        }
    }

    /// Feeds into `h` everything [`Self::series_view`] makes its view from but the globals.
    fn feed_series(&self, h: &mut Hasher, i: usize, a: usize, groups: bool) {
        let site = self.site;
        let indicator = &site.stats.indicators[i];
        let area = &site.areas.all()[a];
        let observations = &site.stats.observations;
        h.str(&indicator.id)
            .str(&indicator.title)
            .str(&area.id)
            .str(&area.name)
            .fingerprint(
                self.charts
                    .fingerprint(ChartKey::Trend(i, a))
                    .unwrap_or_default(),
            );
        Tables::feed(h, i, a, &self.format(), self.templates);
        if groups {
            Format::feed_rows(h, indicator, observations.disaggregated(i, a));
        }
    }

    /// The targets of plan period `p`: due at its end, or milestones within it.
    pub(super) fn period_statistics(&self, p: usize, context: &mut PageContext) {
        let site = self.site;
        let plan = &site.config.periods[p];
        let targets: Vec<ProgressView> = (0..site.stats.progress.len())
            .filter(|&n| {
                let tp = &site.stats.progress[n];
                match site.stats.indicators[tp.indicator].targets[tp.target].due {
                    Due::Plan(i) => i == p,
                    Due::Single(period) => (plan.start..=plan.end).contains(&period.year()),
                }
            })
            .map(|n| self.progress(n))
            .collect();
        context.insert("targets", &targets);
    }

    /// The home dashboard: headline cards and the targets due soonest.
    pub(super) fn dashboard(&self, context: &mut PageContext) {
        let site = self.site;
        let stats = &site.stats;
        let format = self.format();
        let language = site.config.language;
        let headline_ids: Vec<usize> = if site.config.headline_indicators.is_empty() {
            (0..stats.indicators.len()).take(4).collect()
        } else {
            site.config
                .headline_indicators
                .iter()
                .filter_map(|id| stats.indicator_index(id))
                .collect()
        };
        let cards: Vec<HeadlineCard> = headline_ids
            .into_iter()
            .filter_map(|i| {
                let indicator = &stats.indicators[i];
                let a = stats
                    .observations
                    .keys()
                    .iter()
                    .filter(|(ind, _)| *ind as usize == i)
                    .map(|&(_, a)| a as usize)
                    .max_by_key(|&a| {
                        (
                            stats.observations.latest(i, a).map(|o| o.period),
                            std::cmp::Reverse(a),
                        )
                    })?;
                let series = stats.observations.series(i, a);
                let latest = series.last()?;
                let previous = previous_like(series, latest);
                let change = previous
                    .map(|o| {
                        let d = latest.value - o.value;
                        let sign = if d > 0.0 { "+" } else { "" };
                        format!(
                            "{sign}{} ({} → {})",
                            crate::i18n::format_number(
                                d,
                                usize::from(indicator.decimals),
                                language
                            ),
                            format.period(o.period),
                            format.period(latest.period)
                        )
                    })
                    .unwrap_or_default();
                let status = super::statistics::chart_target(site, i, a).map(|p| p.progress.status);
                let area_name = &site.areas.all()[a].name;
                let title = format!("{}, {}", indicator.title, area_name);
                let description = format.describe_trend(indicator, area_name, series, None);
                let points = super::statistics::segment_points(site, i, a);
                let segments: Vec<crate::charts::Segment<'_>> = points
                    .iter()
                    .map(|(standard, points)| crate::charts::Segment { standard, points })
                    .collect();
                let sparkline = crate::charts::Sparkline {
                    title: &title,
                    description: &description,
                    segments: &segments,
                }
                .render(&format!("s-{}-{}", indicator.id, site.areas.all()[a].id));
                Some(HeadlineCard {
                    indicator: format.indicator_link(i),
                    area: format.area_link(a),
                    value: format_value(latest.value, indicator, language),
                    period: format.period(latest.period),
                    change,
                    status: status.map_or("", status_key),
                    status_text: status
                        .map(|s| self.t(&format!("status_{}", status_key(s))))
                        .unwrap_or_default(),
                    sparkline,
                })
            })
            .collect();
        let latest_data = stats
            .observations
            .all()
            .iter()
            .map(|o| o.period.time())
            .fold(f64::MIN, f64::max);
        let mut open: Vec<usize> = (0..stats.progress.len())
            .filter(|&n| {
                let p = &stats.progress[n];
                p.progress.status != crate::stats::progress::Status::Achieved
                    && p.due.time() >= latest_data
            })
            .collect();
        open.sort_by(|&a, &b| {
            let (a, b) = (&stats.progress[a], &stats.progress[b]);
            a.due
                .cmp(&b.due)
                .then(a.indicator.cmp(&b.indicator))
                .then(a.area.cmp(&b.area))
        });
        let due_soon: Vec<ProgressView> = open
            .into_iter()
            .take(HOME_DUE_SOON)
            .map(|p| self.progress(p))
            .collect();
        context.insert("headlines", &cards);
        context.insert("due_soon", &due_soon);
    }

    /// The reporting-status page: which pairs have a value for the latest period.
    pub(super) fn reporting(&self, context: &mut PageContext) {
        let stats = &self.site.stats;
        let format = self.format();
        let latest = stats.observations.all().iter().map(|o| o.period).max();
        let rows: Vec<ReportingRow> = stats
            .observations
            .keys()
            .iter()
            .filter_map(|&(i, a)| {
                let (i, a) = (i as usize, a as usize);
                let last = stats.observations.latest(i, a)?;
                Some(ReportingRow {
                    indicator: format.indicator_link(i),
                    area: format.area_link(a),
                    latest: format.period(last.period),
                    up_to_date: latest.is_some_and(|l| last.period.end_month() >= l.end_month()),
                })
            })
            .collect();
        context.insert("latest_period", &latest.map(|p| format.period(p)));
        context.insert("rows", &rows);
        context.insert(
            "stale_count",
            &rows.iter().filter(|r| !r.up_to_date).count(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observation(period: &str, value: f64, standard: &str) -> Observation {
        Observation::sample(period, value, standard, 0)
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
