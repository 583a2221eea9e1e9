//! Rendering the whole site: decides which files it has (the jobs), renders them in parallel
//! from the read-only model, each by its room ([`crate::pages`] for the site's pages,
//! [`crate::report`] for the statistics), and hands each file to a
//! [`Sink`](crate::render::sink::Sink). Before a page is rendered, the fingerprint of its
//! inputs is computed; when the sink still has the file made from the same inputs, the page is
//! not rendered again (see [`crate::render::context`]).

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::Progress;
use crate::diagnostics::{Diagnostic, Id};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::i18n;
use crate::model::Site;
use crate::pages::{List, SITEMAP_URLS, search, sitemap_urls};
use crate::render::charts::{ChartKey, Charts};
use crate::render::chrome::Chrome;
use crate::render::context::{Cards, PageContext};
use crate::render::sink::{Sink, check_relative};
use crate::render::templates::{self, Templates};
use crate::render::{Renderer, assets, nav, routes, set_globals, statistics, tables, tokens};
use crate::report::opendata;

/// One output file to make (or, for open data, the two files of an indicator; for an indicator
/// in an area, its page and its chart).
#[derive(Clone, Debug)]
pub(crate) enum Job {
    Home,
    Article(usize),
    Page(usize),
    List(List, usize),
    Tags,
    Archive,
    Areas,
    Periods,
    NotFound,
    Search,
    SearchIndex,
    Indicators,
    Indicator(usize),
    IndicatorArea(usize, usize),
    Reporting,
    DataIndex,
    Alias {
        from: String,
        to: String,
    },
    Feed,
    /// 0: `sitemap.xml` (an index of the others past [`SITEMAP_URLS`] URLs); n: `sitemap-n.xml`.
    Sitemap(usize),
    Robots,
    OpenData(usize),
    DataPackage,
    Asset(usize),
    Static(usize),
}

/// What rendering did.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Every file of the site, sorted.
    pub paths: Vec<String>,
    /// Standalone chart files.
    pub charts: usize,
    /// Charts drawn (the others were not needed: their pages and files were kept).
    pub drawn: usize,
    /// Size of the search index in bytes.
    pub search_index: usize,
    /// Pages, charts and copied files made again because their inputs changed (data files,
    /// which are cheap, are always made and written only when their bytes changed).
    pub rendered: usize,
    /// Pages, charts and copied files kept from the previous build: their inputs did not
    /// change.
    pub kept: usize,
    /// Time spent gathering cards and chart inputs, then rendering the files.
    pub steps: Vec<(&'static str, std::time::Duration)>,
}

/// Renders every file of the site into `sink`. Problems of single pages (a template error in a
/// theme, two files at one address) are collected; any problem fails the whole render.
pub fn render_site(
    site: &Site,
    templates: &mut Templates,
    sink: &dyn Sink,
    progress: Option<&Progress>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let started = std::time::Instant::now();
    let assets = assets();
    let strings = i18n::strings(site.config.language);
    let nav = nav(site, &strings);
    let globals = set_globals(site, templates, &assets, &strings, &nav);
    let templates = &*templates;
    let format = statistics::Format {
        site,
        strings: &strings,
    };
    let (cards, charts) = rayon::join(|| Cards::new(site, templates), || Charts::new(&format));
    let sitemap = sitemap_urls(site, &charts);
    let renderer = Renderer {
        site,
        templates,
        cards,
        strings: &strings,
        charts,
        chrome: Chrome::new(nav),
        assets,
        globals,
        every_article: (0..site.articles.len()).collect(),
        sitemap,
        rendered: AtomicUsize::new(0),
        kept: AtomicUsize::new(0),
        search_index: AtomicUsize::new(0),
    };
    let prepared = started.elapsed();
    let jobs = jobs(site, &renderer.charts, renderer.sitemap.len());
    if let Some(progress) = progress {
        progress.total.store(jobs.len(), Ordering::Relaxed);
    }
    let results: Vec<Result<Vec<String>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let made = renderer.run(job, sink);
            if let Some(progress) = progress {
                progress.done.fetch_add(1, Ordering::Relaxed);
            }
            made
        })
        .collect();
    let chart_files = jobs
        .iter()
        .filter(|j| matches!(j, Job::IndicatorArea(..)))
        .count();
    let drawn = renderer.charts.drawn();
    let search_index = renderer.search_index.load(Ordering::Relaxed);
    let rendered = renderer.rendered.load(Ordering::Relaxed);
    let kept = renderer.kept.load(Ordering::Relaxed);
    // The renderer's cards and charts (hundreds of thousands of small values for a large
    // site) are freed on another core while the paths are sorted and checked.
    let ((), (paths, problems)) = rayon::join(
        move || drop(renderer),
        || {
            let mut problems = Vec::new();
            // A template error shows on every page that uses the template: said once.
            let mut seen = std::collections::HashSet::new();
            let mut paths = Vec::with_capacity(jobs.len());
            for result in results {
                match result {
                    Ok(made) => paths.extend(made),
                    Err(problem) if seen.insert(problem.clone()) => problems.push(problem),
                    Err(_) => {}
                }
            }
            paths.sort_unstable();
            for pair in paths.windows(2) {
                if pair[0] == pair[1] {
                    problems.push(
                        Diagnostic::unplaced(Id::OutputTwice)
                            .arg("path", &pair[0])
                            .with_hint(Id::OutputTwiceHint),
                    );
                }
            }
            (paths, problems)
        },
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Rendered {
        paths,
        charts: chart_files,
        drawn,
        search_index,
        rendered,
        kept,
        steps: vec![
            ("prepare", prepared),
            ("render", started.elapsed() - prepared),
        ],
    })
}

/// The problem of a file that could not be written.
fn cannot_write(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::unplaced(Id::CannotWriteOutput)
        .arg("path", path)
        .io_reason(&e)
        .with_hint(Id::OutputWritableHint)
}

/// What the renderer made of a job before writing.
enum Prepared {
    /// A page to render with a template.
    Page {
        template: &'static str,
        url: String,
        context: Box<PageContext>,
    },
    /// Finished files.
    Files(Vec<(String, Vec<u8>)>),
}

/// Every file the site has, in a fixed order.
fn jobs(site: &Site, charts: &Charts, sitemap_urls: usize) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Tags,
        Job::Archive,
        Job::Areas,
        Job::Periods,
        Job::NotFound,
        Job::Search,
        Job::SearchIndex,
        Job::Indicators,
        Job::Reporting,
        Job::DataIndex,
        Job::Feed,
        Job::Robots,
        Job::DataPackage,
    ];
    let sitemaps = sitemap_urls.div_ceil(SITEMAP_URLS);
    jobs.push(Job::Sitemap(0));
    if sitemaps > 1 {
        jobs.extend((1..=sitemaps).map(Job::Sitemap));
    }
    jobs.extend((0..templates::BUILT_IN_STATIC.len()).map(Job::Asset));
    jobs.extend((0..site.static_files.len()).map(Job::Static));
    jobs.extend((0..site.stats.indicators.len()).map(Job::OpenData));
    // Each page of an indicator in an area also writes the standalone file of its chart,
    // drawn once for both.
    jobs.extend(charts.series_keys().map(|(i, a)| Job::IndicatorArea(i, a)));
    jobs.extend((0..site.articles.len()).map(Job::Article));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.stats.indicators.len()).map(Job::Indicator));
    let mut lists = vec![(List::News, site.articles.len())];
    lists.extend(
        site.by_category
            .iter()
            .enumerate()
            .map(|(i, a)| (List::Category(i), a.len())),
    );
    lists.extend(
        site.tags
            .iter()
            .enumerate()
            .map(|(i, t)| (List::Tag(i), t.articles.len())),
    );
    lists.extend(
        site.months
            .iter()
            .enumerate()
            .map(|(i, m)| (List::Month(i), m.articles.len())),
    );
    lists.extend(
        site.by_area
            .iter()
            .enumerate()
            .map(|(i, a)| (List::Area(i), a.len())),
    );
    lists.extend(
        site.by_period
            .iter()
            .enumerate()
            .map(|(i, a)| (List::Period(i), a.len())),
    );
    for (list, count) in lists {
        jobs.extend((1..=site.page_count(count)).map(|page| Job::List(list, page)));
    }
    let documents = site
        .articles
        .iter()
        .zip(&site.article_urls)
        .chain(site.pages.iter().zip(&site.page_urls));
    for (document, url) in documents {
        for alias in &document.aliases {
            jobs.push(Job::Alias {
                from: crate::model::normalize_alias(alias),
                to: url.clone(),
            });
        }
    }
    // Articles first: each page frees its body HTML, and the files that gather the whole site
    // (search index, sitemap, feed) then reuse that memory instead of adding to it (a tenth
    // less peak memory with 10,000 articles; fresh memory costs time, see BENCHMARKS.md).
    // Then the longest jobs: one left for the end would keep a core busy while the others
    // idle (a plan period's page alone takes a tenth of a second on a large site).
    jobs.sort_by_key(|job| {
        (
            !matches!(job, Job::Article(_)),
            std::cmp::Reverse(job.weight()),
        )
    });
    jobs
}

impl Job {
    /// How long the job takes, roughly, as a rank: 2 for the files that gather the whole site
    /// or a whole indicator or period, 1 for the other pages with statistics, 0 for the rest.
    fn weight(&self) -> u8 {
        match self {
            Job::SearchIndex
            | Job::Sitemap(_)
            | Job::Feed
            | Job::Indicator(_)
            | Job::List(List::Period(_), 1) => 2,
            Job::List(List::Area(_), 1)
            | Job::Home
            | Job::Areas
            | Job::Periods
            | Job::Indicators
            | Job::Reporting
            | Job::DataIndex
            | Job::DataPackage
            | Job::OpenData(_) => 1,
            _ => 0,
        }
    }
}

impl Renderer<'_> {
    /// Makes the files of one job (or keeps them) and returns their paths.
    fn run(&self, job: &Job, sink: &dyn Sink) -> Result<Vec<String>, Diagnostic> {
        if let Job::IndicatorArea(i, a) = job {
            let key = ChartKey::Trend(*i, *a);
            let (chart, drawn) = self.chart_file(key, sink)?;
            let mut paths = self.run_job(job, sink, drawn.as_deref().map(|svg| (key, svg)))?;
            paths.push(chart);
            return Ok(paths);
        }
        self.run_job(job, sink, None)
    }

    /// Writes (or keeps) the standalone file of chart `key`; returns its path, and its SVG
    /// when it was drawn.
    fn chart_file(
        &self,
        key: ChartKey,
        sink: &dyn Sink,
    ) -> Result<(String, Option<String>), Diagnostic> {
        let path = self.chart_path(key);
        check_relative(&path).map_err(|problem| problem.with_hint(Id::UnsafeChartPathHint))?;
        let fingerprint = self.charts.fingerprint(key);
        if fingerprint.is_some_and(|f| sink.keep(&path, f).is_some()) {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok((path, None));
        }
        let svg = self
            .charts
            .svg(key, &self.format())
            .map(Cow::into_owned)
            .unwrap_or_default();
        sink.put(&path, fingerprint, svg.as_bytes().to_vec())
            .map_err(|e| cannot_write(&path, e))?;
        self.rendered.fetch_add(1, Ordering::Relaxed);
        Ok((path, Some(svg)))
    }

    /// Makes the files of one job (or keeps them) and returns their paths; a page that shows
    /// the chart of `drawn` takes its SVG from there.
    fn run_job(
        &self,
        job: &Job,
        sink: &dyn Sink,
        drawn: Option<(ChartKey, &str)>,
    ) -> Result<Vec<String>, Diagnostic> {
        let unusable = |problem: Diagnostic| problem.with_hint(Id::UnsafePagePathHint);
        // Copied static files have a fingerprint of their own.
        if let Job::Static(n) = job {
            let file = &self.site.static_files[*n];
            check_relative(&file.key).map_err(|problem| {
                problem
                    .at(&file.shown, 0, 0)
                    .with_hint(Id::UnsafeStaticPathHint)
            })?;
            if sink.keep(&file.key, file.fingerprint).is_some() {
                self.kept.fetch_add(1, Ordering::Relaxed);
                return Ok(vec![file.key.clone()]);
            }
            let bytes = std::fs::read(&file.path).map_err(|e| {
                Diagnostic::error(&file.shown, 0, 0, Id::FileUnreadable)
                    .io_reason(&e)
                    .with_hint(Id::FileStillReadableHint)
            })?;
            sink.put(&file.key, Some(file.fingerprint), bytes)
                .map_err(|e| cannot_write(&file.key, e))?;
            self.rendered.fetch_add(1, Ordering::Relaxed);
            return Ok(vec![file.key.clone()]);
        }
        // Open data and the search index have fingerprints of their own inputs.
        let own_inputs = self.file_inputs(job);
        if let Some((paths, fingerprint)) = &own_inputs {
            let sizes: Option<Vec<u64>> =
                paths.iter().map(|p| sink.keep(p, *fingerprint)).collect();
            if let Some(sizes) = sizes {
                if let Job::SearchIndex = job {
                    let size = sizes.iter().sum::<u64>() as usize;
                    self.search_index.store(size, Ordering::Relaxed);
                }
                self.kept.fetch_add(paths.len(), Ordering::Relaxed);
                return Ok(paths.clone());
            }
        }
        // When the sink has files of a previous build, a page's fingerprint is computed first
        // and its template values are made only if it must be rendered.
        match self.prepare(job, !sink.reuses())? {
            Prepared::Page {
                template,
                url,
                context,
            } => {
                let path = routes::file_of(&url);
                check_relative(&path).map_err(unusable)?;
                let (context, fingerprint) = context.finish(self.page_inputs(template));
                if fingerprint.is_some_and(|f| sink.keep(&path, f).is_some()) {
                    self.kept.fetch_add(1, Ordering::Relaxed);
                    return Ok(vec![path]);
                }
                let context = match context {
                    Some(context) => context,
                    None => self.filled_context(job)?,
                };
                let html = self.templates.render_bytes(template, &context)?;
                let html = self.splice(html, drawn)?;
                sink.put(&path, fingerprint, html)
                    .map_err(|e| cannot_write(&path, e))?;
                self.rendered.fetch_add(1, Ordering::Relaxed);
                Ok(vec![path])
            }
            Prepared::Files(files) => {
                let mut paths = Vec::with_capacity(files.len());
                for (path, bytes) in files {
                    check_relative(&path).map_err(unusable)?;
                    sink.put(&path, own_inputs.as_ref().map(|(_, f)| *f), bytes)
                        .map_err(|e| cannot_write(&path, e))?;
                    paths.push(path);
                }
                Ok(paths)
            }
        }
    }

    /// Replaces the tokens of a rendered page by the charts and tables they stand for.
    fn splice(
        &self,
        html: Vec<u8>,
        drawn: Option<(ChartKey, &str)>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let format = self.format();
        tokens::splice(html, |piece| match piece {
            tokens::Piece::Chart(key) if drawn.is_some_and(|(k, _)| k == key) => {
                Ok(drawn.map(|(_, svg)| Cow::Borrowed(svg.as_bytes())))
            }
            tokens::Piece::Chart(key) => Ok(self.charts.svg(key, &format).map(|svg| match svg {
                Cow::Borrowed(svg) => Cow::Borrowed(svg.as_bytes()),
                Cow::Owned(svg) => Cow::Owned(svg.into_bytes()),
            })),
            tokens::Piece::Table(i, a) => tables::html(i, a, &format, self.templates)
                .transpose()
                .map(|table| table.map(Cow::Owned)),
        })
    }

    /// The template context of a page job, filled.
    fn filled_context(&self, job: &Job) -> Result<tera::Context, Diagnostic> {
        match self.prepare(job, true)? {
            Prepared::Page {
                template, context, ..
            } => Ok(context
                .finish(self.page_inputs(template))
                .0
                .unwrap_or_default()),
            Prepared::Files(_) => Err(Diagnostic::unplaced(Id::PageJobMadeFiles)),
        }
    }

    /// The paths of the files of an open-data or search-index job and the fingerprint of
    /// what they are made from: for an indicator's open data, what [`opendata::feed`] feeds;
    /// for the data package, the statistics' input files (which hold the settings too); for
    /// the search index, what [`search::feed`] feeds and the globals.
    fn file_inputs(&self, job: &Job) -> Option<(Vec<String>, Fingerprint)> {
        let site = self.site;
        let paths = match job {
            Job::OpenData(i) => opendata::paths(site, *i).to_vec(),
            Job::DataPackage => vec![opendata::package_path(site)],
            Job::SearchIndex => vec![search::index_path(site)],
            _ => return None,
        };
        let mut h = Hasher::new();
        h.fingerprint(crate::fingerprint::build_id());
        match job {
            Job::SearchIndex => {
                h.fingerprint(self.globals);
                search::feed(site, &mut h);
            }
            Job::OpenData(i) => opendata::feed(site, *i, &mut h),
            _ => {
                h.fingerprint(site.stats.inputs);
            }
        }
        h.str(&paths.join("\n"));
        Some((paths, h.finish()))
    }

    /// The fingerprint of what a page made with `template` depends on besides its context:
    /// the globals, and the template with the templates it uses.
    fn page_inputs(&self, template: &str) -> Fingerprint {
        let mut h = Hasher::new();
        h.str(template)
            .fingerprint(self.globals)
            .fingerprint(self.templates.fingerprint(template));
        h.finish()
    }

    /// Where a chart's standalone file goes.
    fn chart_path(&self, key: ChartKey) -> String {
        let site = self.site;
        let url = match key {
            ChartKey::Trend(i, a) => routes::chart_file(
                &site.sections,
                &site.stats.indicators[i].id,
                &site.areas.all()[a].id,
            ),
            ChartKey::Sparkline(..) | ChartKey::Bar(_) => String::new(),
        };
        url.trim_start_matches('/').to_string()
    }
}

impl Renderer<'_> {
    /// The context and template of a page job (with `fill` false, only the context's
    /// fingerprint), or the finished files of other jobs.
    fn prepare(&self, job: &Job, fill: bool) -> Result<Prepared, Diagnostic> {
        let site = self.site;
        let mut context = PageContext::new(fill);
        let page = &mut context;
        let (template, url) = match job {
            Job::Home => self.home_page(page)?,
            Job::Article(i) => self.article_page(*i, page)?,
            Job::Page(i) => self.standalone_page(*i, page)?,
            Job::List(list, n) => self.list_page(*list, *n, page)?,
            Job::Tags => self.tags_page(page)?,
            Job::Archive => self.archive_page(page)?,
            Job::Areas => self.areas_page(page)?,
            Job::Periods => self.periods_page(page)?,
            Job::NotFound => self.not_found_page(page)?,
            Job::Search => self.search_page(page)?,
            Job::Indicators => self.indicators_page(page)?,
            Job::Indicator(i) => self.indicator_job_page(*i, page)?,
            Job::IndicatorArea(i, a) => self.indicator_in_area_page(*i, *a, page)?,
            Job::Reporting => self.reporting_page(page)?,
            Job::DataIndex => self.data_index_page(page)?,
            Job::Alias { from, to } => self.alias_page(from, to, page)?,
            Job::Feed => self.feed_file(page)?,
            Job::Sitemap(n) => self.sitemap_file(*n, page)?,
            Job::Robots => ("robots.txt", "/robots.txt".to_string()),
            Job::SearchIndex => {
                let path = search::index_path(site);
                let json = search::to_json(&search::index(site))
                    .map_err(|e| Diagnostic::unplaced(Id::SearchIndexFailed).arg("detail", e))?;
                self.search_index.store(json.len(), Ordering::Relaxed);
                return Ok(Prepared::Files(vec![(path, json)]));
            }
            Job::OpenData(i) => {
                return opendata::files(site, *i)
                    .map(Prepared::Files)
                    .map_err(|e| Diagnostic::unplaced(Id::OpenDataFailed).arg("detail", e));
            }
            Job::DataPackage => {
                return opendata::package(site)
                    .map(|file| Prepared::Files(vec![file]))
                    .map_err(|e| Diagnostic::unplaced(Id::OpenDataFailed).arg("detail", e));
            }
            Job::Asset(n) => {
                let (path, bytes) = &self.assets.files[*n];
                return Ok(Prepared::Files(vec![(path.clone(), bytes.to_vec())]));
            }
            Job::Static(_) => {
                return Err(Diagnostic::unplaced(Id::FileJobAsPage));
            }
        };
        Ok(Prepared::Page {
            template,
            url,
            context: Box::new(context),
        })
    }
}
