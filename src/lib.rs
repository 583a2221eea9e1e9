//! baocao: a static reporting-site generator for poverty-reduction plans and statistics.
//!
//! Content flows one way: **load → model → render → write**. [`build`] runs all four;
//! [`check()`] stops before writing. Every problem found on the way is collected as a
//! [`diagnostics::Diagnostic`]; if any is an error, nothing is written.

pub mod cache;
pub mod charts;
pub mod check;
pub mod config;
pub mod console;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod fingerprint;
pub mod i18n;
pub mod language;
pub mod model;
pub mod output;
pub mod pages;
pub mod publish;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod stats;
pub mod text;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use content::{DocumentKind, Known};
use diagnostics::{Diagnostic, Id};
use model::Site;
use model::SiteCache;
use output::{CountingSink, DiskSink};
use publish::Rendered;
use render::sink::Sink;
use render::templates::Templates;

/// How far a build is: files made so far out of all files, shared with whoever shows it.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files made or kept so far.
    pub done: std::sync::atomic::AtomicUsize,
    /// Files of the site (0 while loading).
    pub total: std::sync::atomic::AtomicUsize,
}

/// What the caller asks of a build.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Output folder; default `<site>/output`.
    pub out: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Replace `base_url` from site.toml (e.g. for a staging server).
    pub base_url: Option<String>,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Counted up while rendering, for a progress bar.
    pub progress: Option<std::sync::Arc<Progress>>,
}

/// What a successful build did.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    /// Published articles.
    pub articles: usize,
    /// Charts written as standalone SVG files (each is also inlined in pages).
    pub charts: usize,
    /// Size of the search index in bytes.
    pub search_index: usize,
    /// Files in the site.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
    /// The site's language.
    pub language: config::Language,
    /// Total size of the site in bytes.
    pub bytes: u64,
    /// Pages, charts and copied files made again because their inputs changed.
    pub rendered: usize,
    /// Pages, charts and copied files kept from the previous build (inputs unchanged).
    pub kept: usize,
    /// Files written (new or changed); 0 for `check`.
    pub written: usize,
    /// Stale files deleted; 0 for `check`.
    pub deleted: usize,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// Time of each step (loading, rendering, writing), for `--verbose`.
    pub steps: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    /// The report of a site rendered (nothing written yet).
    fn new(site: &Site, rendered: &Rendered, warnings: Vec<Diagnostic>) -> BuildReport {
        BuildReport {
            articles: site.articles.len(),
            charts: rendered.charts,
            search_index: rendered.search_index,
            files: rendered.paths.len(),
            pages: rendered
                .paths
                .iter()
                .filter(|p| p.ends_with(".html"))
                .count(),
            language: site.config.language,
            rendered: rendered.rendered,
            kept: rendered.kept,
            warnings,
            ..BuildReport::default()
        }
    }
}

/// A failed build: every problem found, errors and warnings, sorted by file and line.
#[derive(Clone, Debug)]
pub struct BuildFailure {
    /// All diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildFailure {
    /// One error without a place in the content (the output folder, say).
    fn single(path: &Path, problem: Diagnostic, hint: Id) -> BuildFailure {
        BuildFailure {
            diagnostics: vec![problem.at(path, 0, 0).with_hint(hint)],
        }
    }
}

/// The loaded site, ready to render: the model, the templates, and the warnings so far.
pub struct Loaded {
    /// The site model.
    pub site: Site,
    /// Its templates.
    pub templates: Templates,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and checks the site at `root` and its templates. With a `cache` (the preview's),
/// files that did not change since the previous load are not parsed again.
pub fn prepare(
    root: &Path,
    options: &BuildOptions,
    cache: Option<&SiteCache>,
) -> Result<Loaded, BuildFailure> {
    let config = read_settings(root)?;
    // The templates depend only on the theme and language: they are compiled while the
    // content loads.
    let (theme, language) = (config.theme.clone(), config.language);
    let (loaded, templates) = rayon::join(
        || load_with(root, config, options, cache),
        || render::templates::load(root, &theme, language),
    );
    let (site, warnings) = loaded?;
    match templates {
        Ok(templates) => Ok(Loaded {
            site,
            templates,
            warnings,
        }),
        Err(errors) => Err(failure(errors, &warnings)),
    }
}

/// Renders a loaded site into `sink` and checks the links of its articles and pages against
/// it. Returns what was rendered and every warning; with `strict`, warnings fail the build.
pub fn render(
    loaded: &mut Loaded,
    options: &BuildOptions,
    sink: &dyn Sink,
) -> Result<(Rendered, Vec<Diagnostic>), BuildFailure> {
    let progress = options.progress.as_deref();
    let rendered = publish::render_site(&loaded.site, &mut loaded.templates, sink, progress)
        .map_err(|e| failure(e, &loaded.warnings))?;
    let mut warnings = loaded.warnings.clone();
    warnings.extend(check::references(&loaded.site, &rendered.paths));
    diagnostics::sort(&mut warnings);
    if options.strict && !warnings.is_empty() {
        let errors = warnings
            .into_iter()
            .map(|w| Diagnostic {
                severity: diagnostics::Severity::Error,
                ..w
            })
            .collect();
        return Err(failure(errors, &[]));
    }
    Ok((rendered, warnings))
}

/// Errors and the warnings found before them, sorted, as a failed build.
fn failure(mut diagnostics: Vec<Diagnostic>, warnings: &[Diagnostic]) -> BuildFailure {
    diagnostics.extend_from_slice(warnings);
    diagnostics::sort(&mut diagnostics);
    BuildFailure { diagnostics }
}

/// Builds the site at `root`: loads and checks everything, renders the files whose inputs
/// changed, and writes only files whose bytes changed. On any error nothing is written and
/// the previous output stays as it was.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let out = options.out.clone().unwrap_or_else(|| root.join("output"));
    output::check_out_folder(root, &out).map_err(|problem| BuildFailure {
        diagnostics: vec![problem],
    })?;
    // Documents parsed by the previous build into this folder are not parsed again.
    let cache_path = out.join(output::CACHE);
    let cache = if out.join(output::MARKER).exists() {
        SiteCache::read(&cache_path)
    } else {
        SiteCache::documents()
    };
    // The output folder's manifest is read while the site loads.
    let (loaded, sink) = rayon::join(
        || prepare(root, options, Some(&cache)),
        || DiskSink::open(&out),
    );
    let mut loaded = loaded?;
    let loading = started.elapsed();
    let sink =
        sink.map_err(|problem| BuildFailure::single(&out, problem, Id::OtherOrEmptyOutHint))?;
    let cannot_write = |e: std::io::Error| {
        BuildFailure::single(
            &out,
            Diagnostic::unplaced(Id::CannotWriteSite).io_reason(&e),
            Id::WritableAndSpaceHint,
        )
    };
    // The cache holds parses keyed by their sources, valid whatever the output folder holds.
    // It is written while the site renders (then its memory is free for rendering), and
    // moved into place with the site's files.
    let cache_changed = cache.changed(&cache_path);
    let (rendered, cached) = rayon::join(
        || render(&mut loaded, options, &sink),
        || {
            if cache_changed {
                sink.stage_own(output::CACHE, |file| cache.store(file))
            } else {
                Ok(())
            }
        },
    );
    let (rendered, warnings) = match (rendered, cached) {
        (Ok(done), Ok(())) => done,
        (Err(failure), _) => {
            sink.abort();
            return Err(failure);
        }
        (Ok(_), Err(e)) => {
            sink.abort();
            return Err(cannot_write(e));
        }
    };
    let rendering = started.elapsed() - loading;
    let stats = sink.commit().map_err(cannot_write)?;
    let elapsed = started.elapsed();
    let report = BuildReport {
        bytes: stats.bytes,
        written: stats.written,
        deleted: stats.deleted,
        elapsed,
        steps: [("load", loading)]
            .into_iter()
            .chain(rendered.steps.iter().copied())
            .chain([
                (
                    "references",
                    rendering.saturating_sub(rendered.steps.iter().map(|s| s.1).sum()),
                ),
                ("write", elapsed - loading - rendering),
            ])
            .collect(),
        ..BuildReport::new(&loaded.site, &rendered, warnings)
    };
    drop_in_background((loaded, rendered));
    Ok(report)
}

/// Frees `value` on another thread: a loaded site is hundreds of thousands of allocations, and
/// the caller (often a program about to exit) need not wait while they are freed.
fn drop_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Runs every validation of [`build`], renders in memory, and writes nothing.
pub fn check(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let mut loaded = prepare(root, options, None)?;
    let loading = started.elapsed();
    let sink = CountingSink::default();
    let (rendered, warnings) = render(&mut loaded, options, &sink)?;
    let elapsed = started.elapsed();
    Ok(BuildReport {
        bytes: sink.totals().1 as u64,
        elapsed,
        steps: [("load", loading)]
            .into_iter()
            .chain(rendered.steps.iter().copied())
            .collect(),
        ..BuildReport::new(&loaded.site, &rendered, warnings)
    })
}

/// Loads and checks all content into the site model.
pub fn load(
    root: &Path,
    options: &BuildOptions,
    cache: Option<&SiteCache>,
) -> Result<(Site, Vec<Diagnostic>), BuildFailure> {
    load_with(root, read_settings(root)?, options, cache)
}

/// The articles, pages and static files under `content_dir`, and the problems found in them.
fn load_documents(
    root: &Path,
    content_dir: &Path,
    known: &Known<'_>,
    cache: Option<&SiteCache>,
) -> (content::Content, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut load = |folder: &str, kind, cache| {
        let files = text::files_in(&content_dir.join(folder), root, "md", &mut problems);
        let (documents, mut found) = content::load_all(root, &files, kind, known, cache);
        problems.append(&mut found);
        documents
    };
    let articles = load(
        "articles",
        DocumentKind::Article,
        cache.map(SiteCache::articles),
    );
    let pages = load("pages", DocumentKind::Page, cache.map(SiteCache::pages));
    let static_files = content::static_files::find(root, &mut problems);
    (
        content::Content {
            articles,
            pages,
            static_files,
        },
        problems,
    )
}

/// The site's `site.toml`.
fn read_settings(root: &Path) -> Result<config::SiteConfig, BuildFailure> {
    config::load(&root.join("site.toml"), Path::new("site.toml"))
        .map_err(|diagnostics| BuildFailure { diagnostics })
}

/// The areas with the outlines of `content/areas.geojson`, when the site has that file; an
/// outline of an id that `areas.csv` does not list is a warning at its feature.
fn with_boundaries(
    areas: data::areas::Areas,
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> data::areas::Areas {
    const SHOWN: &str = "content/areas.geojson";
    let path = content_dir.join("areas.geojson");
    if !path.exists() {
        return areas;
    }
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            problems.push(
                Diagnostic::error(SHOWN, 0, 0, Id::FileUnreadable)
                    .io_reason(&e)
                    .with_hint(Id::BoundaryReadableHint),
            );
            return areas;
        }
    };
    let (boundaries, mut found) = data::boundaries::read(&text, SHOWN);
    problems.append(&mut found);
    let Some(boundaries) = boundaries else {
        return areas;
    };
    for id in boundaries.unknown_ids(|id| areas.get(id).is_some()) {
        problems.push(
            Diagnostic::warning(
                SHOWN,
                boundaries.line(id).unwrap_or(0),
                1,
                Id::OutlineUnused,
            )
            .arg("id", id)
            .with_hint(Id::OutlineUnusedHint),
        );
    }
    areas.with_boundaries(boundaries)
}

/// [`load`] with the settings already read.
fn load_with(
    root: &Path,
    mut config: config::SiteConfig,
    options: &BuildOptions,
    cache: Option<&SiteCache>,
) -> Result<(Site, Vec<Diagnostic>), BuildFailure> {
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let mut problems = Vec::new();
    let content_dir = root.join("content");
    let areas = data::areas::load(
        &content_dir.join("areas.csv"),
        Path::new("content/areas.csv"),
        &mut problems,
    );
    if areas.all().is_empty() && problems.iter().any(Diagnostic::is_error) {
        // areas.csv could not be read at all: every area reference would be an error too.
        // Fix that file first.
        diagnostics::sort(&mut problems);
        return Err(BuildFailure {
            diagnostics: problems,
        });
    }
    let areas = with_boundaries(areas, &content_dir, &mut problems);
    let indicator_files =
        text::files_in(&content_dir.join("indicators"), root, "md", &mut problems);
    let (indicators, mut found) =
        data::indicator_files::load_all(root, &indicator_files, &config, &areas);
    problems.append(&mut found);
    let indicator_ids: Vec<String> = indicator_files
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    // An indicator whose file has errors is reported there, not at every value or shortcode.
    let unloadable: Vec<String> = indicator_ids
        .iter()
        .filter(|id| !indicators.iter().any(|i| i.id == **id))
        .cloned()
        .collect();
    // Observations are checked against the settings, the areas and the indicators.
    let mut lookup_inputs = fingerprint::Hasher::new();
    for path in [root.join("site.toml"), content_dir.join("areas.csv")]
        .iter()
        .chain(&indicator_files)
    {
        lookup_inputs
            .str(&path.to_string_lossy())
            .bytes(&std::fs::read(path).unwrap_or_default());
    }
    let lookup_inputs = lookup_inputs.finish();
    let category_ids: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
    let period_ids: Vec<&str> = config.periods.iter().map(|p| p.id.as_str()).collect();
    let area_ids: Vec<&str> = areas.ids().collect();
    let indicator_refs: Vec<&str> = indicator_ids.iter().map(String::as_str).collect();
    let known = Known {
        categories: &category_ids,
        areas: &area_ids,
        periods: &period_ids,
        indicators: &indicator_refs,
    };
    // The statistics and the documents do not depend on each other: they load side by side.
    let (data, (content, mut found)) = rayon::join(
        || {
            let mut problems = Vec::new();
            let lookup = data::observations::Lookup::new(&config, &areas, &indicators)
                .with_broken(unloadable.iter().cloned());
            let (data_files, observations, data_fingerprint, mut found) =
                data::observations::load_all(
                    root,
                    &text::files_in(&content_dir.join("data"), root, "csv", &mut problems),
                    &lookup,
                    cache
                        .filter(|c| !c.documents_only)
                        .map(|c| (&c.observations, lookup_inputs)),
                );
            drop(lookup);
            problems.append(&mut found);
            let observations =
                data::store::Observations::new(data_files, observations, &mut problems);
            let mut statistics =
                model::Statistics::new(indicators, observations, &config, &areas, &mut problems);
            statistics.unloadable = unloadable;
            statistics.inputs = fingerprint::Hasher::new()
                .fingerprint(lookup_inputs)
                .fingerprint(data_fingerprint)
                .finish();
            (statistics, problems)
        },
        || load_documents(root, &content_dir, &known, cache),
    );
    let (statistics, mut data_problems) = data;
    problems.append(&mut data_problems);
    problems.append(&mut found);
    let site = Site::assemble(
        config,
        areas,
        statistics,
        content,
        options.drafts,
        &mut problems,
    );
    let (mut errors, mut warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        problems.into_iter().partition(Diagnostic::is_error);
    diagnostics::sort(&mut warnings);
    if errors.is_empty() {
        Ok((site, warnings))
    } else {
        errors.append(&mut warnings);
        diagnostics::sort(&mut errors);
        Err(BuildFailure {
            diagnostics: errors,
        })
    }
}
