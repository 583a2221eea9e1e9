//! Drill-down by the area tree: which areas an indicator's page leads with, the light
//! comparison of an area's sub-areas (latest value, change, status, sparkline), and the page
//! of one indicator in one area (`/chi-tieu/<id>/<area>/`).
//!
//! Every page shows one level of the tree, so its weight depends on the number of sub-areas
//! of one area, never on the size of the whole tree: a ministry site of 10,000 communes has
//! pages as light as a district's.

use serde::Serialize;

use crate::charts::map::{Choropleth, MapArea, MapWords};
use crate::data::boundaries::Shape;
use crate::diagnostics::Diagnostic;
use crate::render::Renderer;
use crate::render::chart_inputs::chart_target;
use crate::render::charts::ChartKey;
use crate::render::context::PageContext;
use crate::render::routes;
use crate::render::statistics::{ProgressView, format_value, status_key};
use crate::render::views::Link;

/// At most this many top-level areas get a full chart on an indicator's page; with more, the
/// page compares them instead.
pub const HEADLINE_CHARTS: usize = 8;
/// A comparison with more rows than this shows no sparklines (a flat list of hundreds of
/// communes stays light).
const COMPARISON_SPARKLINES: usize = 60;
/// A comparison shows at most this many areas, from the highest value (about 25 KB gzipped);
/// it says how many more there are. Only an area with thousands of direct sub-areas (a flat
/// list of every commune) has more.
const COMPARISON_ROWS: usize = 2_000;

/// One series in a comparison: its latest value, the change, the status of its current target.
#[derive(Serialize)]
pub struct CompareRow {
    /// The area (or, on an area's page, the indicator), linking to the indicator's page for
    /// the area.
    link: Link,
    /// `2.319 hộ`, empty without a value.
    value: String,
    /// The period of the value.
    period: String,
    /// `-12 (2023 → 2024)`.
    change: String,
    /// Status key of the current target, empty without one.
    status: &'static str,
    /// The status in words.
    status_text: String,
    /// The token of the series' sparkline (empty in long comparisons).
    sparkline: String,
    /// True when the value was computed from sub-areas.
    computed: bool,
}

/// Areas compared (the sub-areas of `parent`, or the top-level areas), or the indicators of
/// one area.
#[derive(Serialize)]
pub struct CompareView {
    /// The area whose sub-areas these are (none for the top-level areas).
    parent: Option<Link>,
    /// One row per area (or indicator).
    rows: Vec<CompareRow>,
    /// Whether any row has a sparkline (a column for them).
    sparklines: bool,
    /// Whether the rows are sorted by value (else they follow the indicators' order).
    sorted: bool,
    /// The choropleth of the areas (SVG), when the site has their outlines.
    map: String,
    /// Areas past [`COMPARISON_ROWS`], not shown.
    more: usize,
}

/// One series on a page: the area or indicator it belongs to, its chart and table tokens.
#[derive(Serialize)]
pub struct SeriesFigure {
    /// The indicator's page for the area.
    link: Link,
    /// The chart token.
    chart: String,
    /// The data table token.
    table: String,
    /// The standalone chart file.
    svg: String,
}

/// A period whose total is missing because not every sub-area reported it.
#[derive(Serialize)]
struct CoverageNote {
    period: String,
    reported: usize,
    expected: usize,
}

impl Renderer<'_> {
    /// The page of indicator `i` in area `a`: `/chi-tieu/<id>/<area>/`.
    pub(crate) fn indicator_area_url(&self, i: usize, a: usize) -> String {
        let site = self.site;
        routes::indicator_area(
            &site.sections,
            &site.stats.indicators[i].id,
            &site.areas.all()[a].id,
        )
    }

    /// The link to indicator `i`'s page for area `a`, titled with the area's name.
    fn series_link(&self, i: usize, a: usize) -> Link {
        Link {
            title: self.site.areas.all()[a].name.clone(),
            url: self.indicator_area_url(i, a),
        }
    }

    /// The areas with a series of indicator `i` none of whose parents has one: what the
    /// indicator's page leads with (the country, or each province of a site without one).
    pub(crate) fn top_areas(&self, i: usize) -> Vec<usize> {
        let areas = &self.site.areas;
        self.charts
            .areas_of(i)
            .filter(|&a| {
                let mut at = a;
                while let Some(parent) = areas.parent_index(at) {
                    if self.charts.has_series(i, parent) {
                        return false;
                    }
                    at = parent;
                }
                true
            })
            .collect()
    }

    /// The nearest areas below `a` with a series of indicator `i` (its sub-areas, or theirs
    /// where a level has no values), in the order of `areas.csv`.
    fn descendants_with_series(&self, i: usize, a: usize) -> Vec<usize> {
        let areas = &self.site.areas;
        let mut found = Vec::new();
        let mut stack: Vec<usize> = areas.child_indices(a).iter().rev().copied().collect();
        while let Some(c) = stack.pop() {
            if self.charts.has_series(i, c) {
                found.push(c);
            } else {
                stack.extend(areas.child_indices(c).iter().rev());
            }
        }
        found
    }

    /// The figure (chart and table) of indicator `i` in area `a`.
    fn series_figure(&self, i: usize, a: usize) -> SeriesFigure {
        let site = self.site;
        SeriesFigure {
            link: self.series_link(i, a),
            chart: self.charts.token(ChartKey::Trend(i, a)),
            table: crate::render::tokens::table(i, a),
            svg: routes::chart_file(
                &site.sections,
                &site.stats.indicators[i].id,
                &site.areas.all()[a].id,
            ),
        }
    }

    /// The latest value of indicator `i` in area `a` as a row shown under `link`, with or
    /// without its sparkline.
    fn latest_row(&self, i: usize, a: usize, link: Link, sparkline: bool) -> CompareRow {
        let stats = &self.site.stats;
        let format = self.format();
        let indicator = &stats.indicators[i];
        let series = stats.observations.series(i, a);
        let latest = series.last();
        let (status, status_text) = self.chart_status(i, a);
        CompareRow {
            link,
            value: latest
                .map(|o| format_value(o.value, indicator, self.site.config.language))
                .unwrap_or_default(),
            period: latest.map(|o| format.period(o.period)).unwrap_or_default(),
            change: format.change(indicator, series),
            status,
            status_text,
            // A line needs two points: a single value is already in the row.
            sparkline: if sparkline && series.len() > 1 {
                self.charts.token(ChartKey::Sparkline(i, a))
            } else {
                String::new()
            },
            computed: latest.is_some_and(|o| o.is_computed()),
        }
    }

    /// The status of the target drawn on indicator `i`'s chart for area `a`, as its key and in
    /// words; both empty without a target.
    pub(crate) fn chart_status(&self, i: usize, a: usize) -> (&'static str, String) {
        match chart_target(self.site, i, a).map(|p| p.progress.status) {
            Some(status) => (
                status_key(status),
                self.t(&format!("status_{}", status_key(status))),
            ),
            None => ("", String::new()),
        }
    }

    /// The comparison of `members` for indicator `i`, rows linking to each member's page.
    pub(crate) fn compare(
        &self,
        i: usize,
        parent: Option<usize>,
        members: &[usize],
    ) -> CompareView {
        let observations = &self.site.stats.observations;
        let areas = self.site.areas.all();
        let sparklines = members.len() <= COMPARISON_SPARKLINES;
        let mut ranked: Vec<(f64, usize)> = members
            .iter()
            .map(|&a| {
                let value = observations
                    .latest(i, a)
                    .map_or(f64::NEG_INFINITY, |o| o.value);
                (value, a)
            })
            .collect();
        // Highest first, areas without a value last, then by name.
        ranked.sort_by(|(x, a), (y, b)| {
            y.total_cmp(x)
                .then_with(|| areas[*a].name.cmp(&areas[*b].name))
        });
        let more = ranked.len().saturating_sub(COMPARISON_ROWS);
        let rows: Vec<CompareRow> = ranked
            .into_iter()
            .take(COMPARISON_ROWS)
            .map(|(_, a)| self.latest_row(i, a, self.series_link(i, a), sparklines))
            .collect();
        CompareView {
            parent: parent.map(|p| self.format().area_link(p)),
            sparklines: rows.iter().any(|r| !r.sparkline.is_empty()),
            rows,
            sorted: true,
            map: self.map(i, parent, members),
            more,
        }
    }

    /// The choropleth of `members` for indicator `i` (their latest values), when at least two
    /// of them have an outline in `content/areas.geojson`; else empty.
    fn map(&self, i: usize, parent: Option<usize>, members: &[usize]) -> String {
        let site = self.site;
        let shaped: Vec<(usize, &Shape)> = members
            .iter()
            .filter_map(|&a| Some((a, site.areas.shape(a)?)))
            .collect();
        if shaped.len() < 2 {
            return String::new();
        }
        let indicator = &site.stats.indicators[i];
        let language = site.config.language;
        let urls: Vec<String> = shaped
            .iter()
            .map(|&(a, _)| self.indicator_area_url(i, a))
            .collect();
        let areas: Vec<MapArea<'_>> = shaped
            .iter()
            .zip(&urls)
            .map(|(&(a, shape), url)| MapArea {
                shape,
                name: &site.areas.all()[a].name,
                value: site.stats.observations.latest(i, a).map(|o| o.value),
                value_text: "",
                url,
            })
            .collect();
        let (map_of, areas_word, without) = (
            self.t("map_of"),
            self.t("map_areas"),
            self.t("map_without_data"),
        );
        let (lowest, highest, no_data) = (
            self.t("map_lowest"),
            self.t("map_highest"),
            self.t("no_data"),
        );
        let count = |n: usize| format!("{map_of} {n} {areas_word}");
        let without_data = |n: usize| format!("{n} {without}");
        let value = |v: f64| format_value(v, indicator, language);
        let (title, id) = match parent {
            Some(p) => {
                let area = &site.areas.all()[p];
                (
                    format!("{}: {}", indicator.title, area.name),
                    area.id.as_str(),
                )
            }
            None => (
                format!("{}: {}", indicator.title, self.t("areas_compared")),
                "top",
            ),
        };
        Choropleth {
            title: &title,
            description: "",
            areas: &areas,
            format_value: &value,
            words: MapWords {
                areas: &count,
                lowest: &lowest,
                highest: &highest,
                without_data: &without_data,
                no_data: &no_data,
            },
        }
        .render(&["m-", &indicator.id, "-", id].concat())
    }

    /// The indicators of area `a`, in the order of the indicators, each row linking to the
    /// indicator's page for the area.
    pub(crate) fn area_indicators(&self, a: usize) -> CompareView {
        let stats = &self.site.stats;
        let rows: Vec<CompareRow> = (0..stats.indicators.len())
            .filter(|&i| self.charts.has_series(i, a))
            .map(|i| {
                let link = Link {
                    title: stats.indicators[i].title.clone(),
                    url: self.indicator_area_url(i, a),
                };
                self.latest_row(i, a, link, true)
            })
            .collect();
        CompareView {
            parent: None,
            sparklines: rows.iter().any(|r| !r.sparkline.is_empty()),
            rows,
            sorted: false,
            map: String::new(),
            more: 0,
        }
    }

    /// The headline of indicator `i`'s page: a chart for each top-level area with values (at most
    /// [`HEADLINE_CHARTS`]), then the comparison of each one's sub-areas; with more top-level
    /// areas, their comparison instead of charts. Returns the top-level areas.
    pub(crate) fn indicator_headline(&self, i: usize, context: &mut PageContext) -> Vec<usize> {
        let top = self.top_areas(i);
        // An area with a target but no values yet is in the targets table, not a blank chart.
        let observations = &self.site.stats.observations;
        let top_with_values: Vec<usize> = top
            .iter()
            .copied()
            .filter(|&a| !observations.series(i, a).is_empty())
            .collect();
        let (charted, comparisons): (&[usize], Vec<CompareView>) = if top.len() <= HEADLINE_CHARTS {
            let comparisons = top
                .iter()
                .filter_map(|&a| {
                    let members = self.descendants_with_series(i, a);
                    (!members.is_empty()).then(|| self.compare(i, Some(a), &members))
                })
                .collect();
            (&top_with_values, comparisons)
        } else {
            (&[], vec![self.compare(i, None, &top)])
        };
        self.insert_figures(context, i, charted);
        context.insert("comparisons", &comparisons);
        top
    }

    /// Inserts the figures of indicator `i` in `areas` as `series`, their charts and what
    /// their tables are made from in the page's fingerprint.
    fn insert_figures(&self, context: &mut PageContext, i: usize, areas: &[usize]) {
        let format = self.format();
        context.insert_lazy(
            "series",
            |h| {
                for &a in areas {
                    h.str(&self.indicator_area_url(i, a))
                        .str(&self.site.areas.all()[a].name)
                        .fingerprint(
                            self.charts
                                .fingerprint(ChartKey::Trend(i, a))
                                .unwrap_or_default(),
                        );
                    crate::render::tables::feed(h, i, a, &format, self.templates);
                }
            },
            || {
                areas
                    .iter()
                    .map(|&a| self.series_figure(i, a))
                    .collect::<Vec<_>>()
            },
        );
    }

    /// `/chi-tieu/<id>/<area>/`: the full chart and table of indicator `i` in area `a`, its
    /// targets, the periods whose total is missing, and the comparison of its sub-areas.
    pub(crate) fn indicator_area_page(
        &self,
        i: usize,
        a: usize,
        context: &mut PageContext,
    ) -> Result<Vec<Link>, Diagnostic> {
        let site = self.site;
        let stats = &site.stats;
        let format = self.format();
        let indicator = &stats.indicators[i];
        let mut crumbs = vec![
            Link {
                title: self.t("indicators"),
                url: routes::section(site.sections.indicators),
            },
            format.indicator_link(i),
        ];
        let mut ancestors = Vec::new();
        let mut at = a;
        while let Some(parent) = site.areas.parent_index(at) {
            if self.charts.has_series(i, parent) {
                ancestors.push(self.series_link(i, parent));
            }
            at = parent;
        }
        crumbs.extend(ancestors.into_iter().rev());
        let targets: Vec<ProgressView> = stats.progress_by_area[a]
            .iter()
            .filter(|&&p| stats.progress[p].indicator == i)
            .map(|&p| self.progress(p))
            .collect();
        let coverage: Vec<CoverageNote> = stats
            .coverage_of(i, a)
            .iter()
            .map(|c| CoverageNote {
                period: format.period(c.period),
                reported: c.reported,
                expected: c.expected,
            })
            .collect();
        let members = self.descendants_with_series(i, a);
        let comparison = (!members.is_empty()).then(|| self.compare(i, Some(a), &members));
        let observations = &stats.observations;
        context.insert(
            "indicator",
            &serde_json::json!({
                "id": indicator.id,
                "title": indicator.title,
                "unit": indicator.unit,
                "url": routes::indicator(&site.sections, &indicator.id),
                "csv": routes::data_file(&site.sections, &indicator.id, "csv"),
            }),
        );
        context.insert("area", &format.area_link(a));
        context.insert(
            "computed",
            &observations.series(i, a).iter().any(|o| o.is_computed()),
        );
        self.insert_figures(context, i, &[a]);
        context.insert_lazy(
            "groups",
            |h| {
                crate::render::statistics::Format::feed_rows(
                    h,
                    indicator,
                    observations.disaggregated(i, a),
                )
            },
            || format.rows(indicator, observations.disaggregated(i, a)),
        );
        context.insert("coverage", &coverage);
        context.insert("targets", &targets);
        context.insert("comparison", &comparison);
        Ok(crumbs)
    }
}
