//! The statistics parts of pages: the indicator index and pages, the reporting-status page,
//! and the statistics shown on area, period and home pages.

use std::collections::BTreeMap;

use serde::Serialize;

use super::drill::HEADLINE_CHARTS;
use crate::data::indicators::Due;
use crate::data::period::Period;
use crate::diagnostics::Diagnostic;
use crate::render::context::PageContext;
use crate::render::routes;
use crate::render::statistics::{
    ProgressView, direction_text, format_value, status_key, status_string,
};
use crate::render::views::Link;
use crate::render::{Renderer, TemplateAndUrl, structured};
use crate::stats::progress::Status;

/// Targets listed under "due soonest" on the home page.
const HOME_DUE_SOON: usize = 5;
/// Targets a period's page lists one by one, level by level from the top of the area tree;
/// the targets of the levels that do not fit are counted by status (the top level is always
/// listed). Two hundred targets are about 10 KB gzipped.
const PERIOD_TARGETS_LISTED: usize = 200;

/// An indicator's targets in a period at the levels a period's page does not list one by one.
#[derive(Serialize)]
struct CountedTargets {
    indicator: Link,
    count: usize,
    statuses: Vec<StatusCount>,
}

/// How many of them have one status.
#[derive(Serialize)]
struct StatusCount {
    /// `achieved`, `on_track`, …: the badge's class.
    key: &'static str,
    text: String,
    count: usize,
}

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
    /// Top-level areas not listed.
    more_areas: usize,
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

/// Pairs listed on the reporting-status page before it summarises by level instead.
const REPORTING_ROWS: usize = 500;

/// How many areas of one level are up to date with an indicator.
#[derive(Serialize)]
struct LevelSummary {
    indicator: Link,
    /// The level's name in `areas.csv` (`xa`, `huyen`).
    level: String,
    up_to_date: usize,
    total: usize,
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
    /// The latest value and status of indicator `i` in its top-level areas (at most
    /// [`HEADLINE_CHARTS`]), each linking to the indicator's page for the area, and how many
    /// top-level areas are left out.
    fn latest_by_area(&self, i: usize) -> (Vec<AreaLatest>, usize) {
        let stats = &self.site.stats;
        let format = self.format();
        let indicator = &stats.indicators[i];
        let top = self.top_areas(i);
        let shown = top
            .iter()
            .take(HEADLINE_CHARTS)
            .filter_map(|&a| {
                let latest = stats.observations.latest(i, a)?;
                let (status, status_text) = self.chart_status(i, a);
                Some(AreaLatest {
                    area: Link {
                        title: self.site.areas.all()[a].name.clone(),
                        url: self.indicator_area_url(i, a),
                    },
                    value: format_value(latest.value, indicator, self.site.config.language),
                    period: format.period(latest.period),
                    status,
                    status_text,
                })
            })
            .collect();
        (shown, top.len().saturating_sub(HEADLINE_CHARTS))
    }

    /// `/chi-tieu/`: every indicator with its latest value and status per area.
    pub(crate) fn indicator_index(&self, context: &mut PageContext) {
        let rows: Vec<IndicatorRow> = (0..self.site.stats.indicators.len())
            .map(|i| {
                let indicator = &self.site.stats.indicators[i];
                let (areas, more_areas) = self.latest_by_area(i);
                IndicatorRow {
                    link: self.format().indicator_link(i),
                    unit: indicator.unit.clone(),
                    summary: indicator.summary.clone(),
                    areas,
                    more_areas,
                }
            })
            .collect();
        context.insert("indicators", &rows);
        context.insert("reporting_url", &routes::reporting(&self.site.sections));
        context.insert("data_url", &routes::section(self.site.sections.data));
    }

    /// `/chi-tieu/<id>/`: the chart of each top-level area, the comparison of its
    /// sub-areas, the definition, the top-level areas' targets, articles.
    pub(crate) fn indicator_page(
        &self,
        i: usize,
        context: &mut PageContext,
    ) -> Result<(), Diagnostic> {
        let site = self.site;
        let stats = &site.stats;
        let indicator = &stats.indicators[i];
        let top = self.indicator_headline(i, context);
        let targets: Vec<ProgressView> = stats.progress_by_indicator[i]
            .iter()
            .filter(|&&p| top.contains(&stats.progress[p].area))
            .map(|&p| self.progress(p))
            .collect();
        let latest_year = stats
            .observations
            .areas_of(i)
            .filter_map(|a| stats.observations.latest(i, a))
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
        context.insert("targets", &targets);
        context.insert_card_list("articles", &self.cards, articles)
    }

    /// The statistics of an area page: a row per indicator (latest value, change, status,
    /// sparkline, a link to the indicator's page for the area) and the area's targets.
    pub(crate) fn area_statistics(&self, a: usize, context: &mut PageContext) {
        let stats = &self.site.stats;
        let targets: Vec<ProgressView> = stats.progress_by_area[a]
            .iter()
            .map(|&p| self.progress(p))
            .collect();
        context.insert("indicator_rows", &self.area_indicators(a));
        context.insert("targets", &targets);
    }

    /// The targets of plan period `p`: due at its end, or milestones within it.
    pub(crate) fn period_statistics(&self, p: usize, context: &mut PageContext) {
        let site = self.site;
        let stats = &site.stats;
        let plan = &site.config.periods[p];
        let due: Vec<usize> = (0..stats.progress.len())
            .filter(|&n| {
                let tp = &stats.progress[n];
                match stats.indicators[tp.indicator].targets[tp.target].due {
                    Due::Plan(i) => i == p,
                    Due::Single(period) => (plan.start..=plan.end).contains(&period.year()),
                }
            })
            .collect();
        // Targets are listed level by level from the top while they fit; those of the levels
        // below are counted by status, per indicator (each area's status is on the indicator's
        // pages, one level at a time).
        let (listed_depth, _) = site.areas.levels_within(
            due.iter().map(|&n| stats.progress[n].area),
            PERIOD_TARGETS_LISTED,
        );
        let (listed, counted): (Vec<usize>, Vec<usize>) = due
            .into_iter()
            .partition(|&n| site.areas.depth(stats.progress[n].area) <= listed_depth);
        let targets: Vec<ProgressView> = listed.into_iter().map(|n| self.progress(n)).collect();
        context.insert("targets", &targets);
        context.insert("deeper_targets", &self.counted_by_status(&counted));
    }

    /// Targets (positions in the site's progress list) counted by indicator and status, in
    /// the order of the indicators and of the statuses.
    fn counted_by_status(&self, targets: &[usize]) -> Vec<CountedTargets> {
        let stats = &self.site.stats;
        let format = self.format();
        let mut by_indicator: BTreeMap<usize, Vec<(Status, usize)>> = BTreeMap::new();
        for &n in targets {
            let progress = &stats.progress[n];
            let counts = by_indicator.entry(progress.indicator).or_default();
            let status = progress.progress.status;
            match counts.iter_mut().find(|(s, _)| *s == status) {
                Some((_, count)) => *count += 1,
                None => counts.push((status, 1)),
            }
        }
        by_indicator
            .into_iter()
            .map(|(i, mut counts)| {
                counts.sort_by_key(|&(status, _)| status as u8);
                CountedTargets {
                    indicator: format.indicator_link(i),
                    count: counts.iter().map(|(_, c)| c).sum(),
                    statuses: counts
                        .into_iter()
                        .map(|(status, count)| StatusCount {
                            key: status_key(status),
                            text: self.t(status_string(status)),
                            count,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// The home dashboard: headline cards and the targets due soonest.
    pub(crate) fn dashboard(&self, context: &mut PageContext) {
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
                // The most recent value, of the highest level of the area tree.
                let a = stats.observations.areas_of(i).max_by_key(|&a| {
                    (
                        stats.observations.latest(i, a).map(|o| o.period),
                        std::cmp::Reverse(site.areas.depth(a)),
                        std::cmp::Reverse(a),
                    )
                })?;
                let series = stats.observations.series(i, a);
                let latest = series.last()?;
                let change = format.change(indicator, series);
                let (status, status_text) = self.chart_status(i, a);
                let area_name = &site.areas.all()[a].name;
                let title = format!("{}, {}", indicator.title, area_name);
                let description = format.describe_trend(indicator, area_name, series, None);
                let points = crate::render::chart_inputs::segment_points(site, i, a);
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
                    status,
                    status_text,
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

    /// The reporting-status page: which pairs have a value for the latest period. With more
    /// than [`REPORTING_ROWS`] pairs, a summary per indicator and level of the area tree comes
    /// first and only the first out-of-date pairs are listed.
    pub(crate) fn reporting(&self, context: &mut PageContext) {
        let site = self.site;
        let stats = &site.stats;
        let format = self.format();
        let latest = stats.observations.all().iter().map(|o| o.period).max();
        let pairs: Vec<(usize, usize, bool)> = stats
            .observations
            .keys()
            .iter()
            .filter_map(|&(i, a)| {
                let (i, a) = (i as usize, a as usize);
                let last = stats.observations.latest(i, a)?;
                let fresh = latest.is_some_and(|l| last.period.end_month() >= l.end_month());
                Some((i, a, fresh))
            })
            .collect();
        let stale_count = pairs.iter().filter(|p| !p.2).count();
        let large = pairs.len() > REPORTING_ROWS;
        let mut summary: Vec<LevelSummary> = Vec::new();
        if large {
            // Pairs are sorted by indicator: one run of rows per indicator, one row per depth.
            let mut counts: std::collections::BTreeMap<(usize, usize), (usize, usize)> =
                std::collections::BTreeMap::new();
            for &(i, a, fresh) in &pairs {
                let entry = counts.entry((i, site.areas.depth(a))).or_default();
                entry.0 += usize::from(fresh);
                entry.1 += 1;
            }
            let level_of_depth = |depth: usize| {
                (0..site.areas.all().len())
                    .find(|&a| site.areas.depth(a) == depth)
                    .map(|a| site.areas.all()[a].level.clone())
                    .unwrap_or_default()
            };
            let levels: Vec<String> = (0..=counts.keys().map(|k| k.1).max().unwrap_or(0))
                .map(level_of_depth)
                .collect();
            summary = counts
                .into_iter()
                .map(|((i, depth), (fresh, total))| LevelSummary {
                    indicator: format.indicator_link(i),
                    level: levels[depth].clone(),
                    up_to_date: fresh,
                    total,
                })
                .collect();
        }
        let rows: Vec<ReportingRow> = pairs
            .iter()
            .filter(|p| !large || !p.2)
            .take(REPORTING_ROWS)
            .map(|&(i, a, fresh)| ReportingRow {
                indicator: format.indicator_link(i),
                area: format.area_link(a),
                latest: stats
                    .observations
                    .latest(i, a)
                    .map(|o| format.period(o.period))
                    .unwrap_or_default(),
                up_to_date: fresh,
            })
            .collect();
        let hidden = if large { stale_count - rows.len() } else { 0 };
        context.insert("latest_period", &latest.map(|p| format.period(p)));
        context.insert("summary", &summary);
        context.insert("rows", &rows);
        context.insert("hidden_rows", &hidden);
        context.insert("stale_count", &stale_count);
    }
}

/// The pages of the statistics: the indicator index, each indicator, each indicator in an area,
/// the reporting status and the open-data index.
impl Renderer<'_> {
    /// The indicator index.
    pub(crate) fn indicators_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        self.indicator_index(context);
        let url = routes::section(site.sections.indicators);
        self.meta(context, &t("indicators"), "", &url, vec![])?;
        Ok(("indicators.html", url))
    }

    /// Indicator `i`'s page, with its metadata and breadcrumbs.
    pub(crate) fn indicator_job_page(
        &self,
        i: usize,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        self.indicator_page(i, context)?;
        context.insert("jsonld", &structured::dataset(site, i));
        let indicator = &site.stats.indicators[i];
        let url = routes::indicator(&site.sections, &indicator.id);
        let crumbs = vec![Link {
            title: t("indicators"),
            url: routes::section(site.sections.indicators),
        }];
        self.meta(context, &indicator.title, &indicator.summary, &url, crumbs)?;
        Ok(("indicator.html", url))
    }

    /// The page of indicator `i` in area `a`.
    pub(crate) fn indicator_in_area_page(
        &self,
        i: usize,
        a: usize,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let crumbs = self.indicator_area_page(i, a, context)?;
        let indicator = &site.stats.indicators[i];
        let area = &site.areas.all()[a];
        let url = self.indicator_area_url(i, a);
        self.meta(
            context,
            &format!("{} – {}", indicator.title, area.name),
            &indicator.summary,
            &url,
            crumbs,
        )?;
        Ok(("indicator_area.html", url))
    }

    /// The reporting-status page.
    pub(crate) fn reporting_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        self.reporting(context);
        let url = routes::reporting(&site.sections);
        let crumbs = vec![Link {
            title: t("indicators"),
            url: routes::section(site.sections.indicators),
        }];
        self.meta(
            context,
            &t("reporting_status"),
            &t("reporting_intro"),
            &url,
            crumbs,
        )?;
        Ok(("reporting.html", url))
    }

    /// The open-data index.
    pub(crate) fn data_index_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        let files: Vec<(Link, String, String)> = site
            .stats
            .indicators
            .iter()
            .map(|ind| {
                (
                    Link {
                        title: ind.title.clone(),
                        url: routes::indicator(&site.sections, &ind.id),
                    },
                    routes::data_file(&site.sections, &ind.id, "csv"),
                    routes::data_file(&site.sections, &ind.id, "json"),
                )
            })
            .collect();
        context.insert("files", &files);
        context.insert(
            "package",
            &format!("/{}/datapackage.json", site.sections.data),
        );
        let url = routes::section(site.sections.data);
        self.meta(
            context,
            &t("open_data"),
            &t("open_data_intro"),
            &url,
            vec![],
        )?;
        Ok(("data.html", url))
    }
}
