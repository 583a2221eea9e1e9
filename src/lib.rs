//! baocao: a static reporting-site generator for poverty-reduction plans and statistics.
//!
//! Content flows one way: **load → model → render → write**. [`build`] runs all four;
//! [`check()`] stops before writing. Every problem found on the way is collected as a
//! [`diagnostics::Diagnostic`]; if any is an error, nothing is written.

pub mod charts;
pub mod check;
pub mod config;
pub mod console;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod i18n;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod stats;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use content::{DocumentKind, Known};
use diagnostics::Diagnostic;
use model::Site;
use output::OutputSet;

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
    /// Total size of the site in bytes.
    pub bytes: usize,
    /// Files written (new or changed); 0 for `check`.
    pub written: usize,
    /// Stale files deleted; 0 for `check`.
    pub deleted: usize,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Wall-clock time.
    pub elapsed: Duration,
}

impl BuildReport {
    /// The report of a site rendered into `output` (nothing written yet).
    fn new(
        site: &Site,
        output: &OutputSet,
        warnings: Vec<Diagnostic>,
        started: Instant,
    ) -> BuildReport {
        BuildReport {
            articles: site.articles.len(),
            charts: output
                .paths()
                .filter(|p| p.ends_with(".svg") && !p.starts_with("assets/"))
                .count(),
            search_index: output
                .get(&format!("{}/index.json", site.sections.search))
                .map_or(0, <[u8]>::len),
            files: output.len(),
            bytes: output.total_bytes(),
            warnings,
            elapsed: started.elapsed(),
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

/// Loads, checks and renders the site at `root` into memory.
pub fn render(
    root: &Path,
    options: &BuildOptions,
) -> Result<(Site, OutputSet, Vec<Diagnostic>), BuildFailure> {
    let (site, warnings) = load(root, options)?;
    let fail = |mut diagnostics: Vec<Diagnostic>, warnings: &[Diagnostic]| {
        diagnostics.extend_from_slice(warnings);
        diagnostics::sort(&mut diagnostics);
        BuildFailure { diagnostics }
    };
    let mut templates = render::templates::load(root, &site.config.theme, site.config.language)
        .map_err(|e| fail(e, &warnings))?;
    let mut output = render::render_site(&site, &mut templates).map_err(|e| fail(e, &warnings))?;
    add_static_files(root, &mut output).map_err(|e| fail(e, &warnings))?;
    let mut warnings = warnings;
    warnings.extend(check::references(&site, &output));
    diagnostics::sort(&mut warnings);
    if options.strict && !warnings.is_empty() {
        let errors = warnings
            .into_iter()
            .map(|w| Diagnostic {
                severity: diagnostics::Severity::Error,
                ..w
            })
            .collect();
        return Err(fail(errors, &[]));
    }
    Ok((site, output, warnings))
}

/// Builds the site at `root`: renders everything in memory, then writes only what changed.
/// On any error nothing is written and the previous output stays as it was.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let out = options.out.clone().unwrap_or_else(|| root.join("output"));
    output::check_out_folder(root, &out).map_err(|message| BuildFailure {
        diagnostics: vec![
            Diagnostic::error(&out, 0, 0, message).with_hint("pass another folder with --out"),
        ],
    })?;
    let (site, output, warnings) = render(root, options)?;
    let stats = output.write(&out).map_err(|e| BuildFailure {
        diagnostics: vec![
            Diagnostic::error(&out, 0, 0, format!("cannot write the site: {e}"))
                .with_hint("check that the folder is writable and the disk has space"),
        ],
    })?;
    Ok(BuildReport {
        written: stats.written,
        deleted: stats.deleted,
        ..BuildReport::new(&site, &output, warnings, started)
    })
}

/// Runs every validation of [`build`], renders in memory, and writes nothing.
pub fn check(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let (site, output, warnings) = render(root, options)?;
    Ok(BuildReport::new(&site, &output, warnings, started))
}

/// Loads and checks all content into the site model.
pub fn load(root: &Path, options: &BuildOptions) -> Result<(Site, Vec<Diagnostic>), BuildFailure> {
    let mut config = config::load(&root.join("site.toml"), Path::new("site.toml"))
        .map_err(|diagnostics| BuildFailure { diagnostics })?;
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
    let indicator_files = content::markdown_files(&content_dir.join("indicators"));
    let (indicators, mut found) =
        data::indicators::load_all(root, &indicator_files, &config, &areas);
    problems.append(&mut found);
    let indicator_ids: Vec<String> = indicator_files
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let lookup = data::observations::Lookup::new(&config, &areas, &indicators);
    let (data_files, observations, mut found) =
        data::observations::load_all(root, &csv_files(&content_dir.join("data")), &lookup);
    problems.append(&mut found);
    let observations = data::store::Observations::new(data_files, observations, &mut problems);
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
    let article_files = content::markdown_files(&content_dir.join("articles"));
    let page_files = content::markdown_files(&content_dir.join("pages"));
    let (articles, mut found) =
        content::load_all(root, &article_files, DocumentKind::Article, &known);
    problems.append(&mut found);
    let (pages, mut found) = content::load_all(root, &page_files, DocumentKind::Page, &known);
    problems.append(&mut found);
    let statistics =
        model::Statistics::new(indicators, observations, &config, &areas, &mut problems);
    let site = Site::assemble(
        config,
        areas,
        statistics,
        articles,
        pages,
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

/// Every `.csv` file below `dir`, sorted.
fn csv_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Copies `content/static/**` to the root of the output, keeping relative paths.
fn add_static_files(root: &Path, output: &mut OutputSet) -> Result<(), Vec<Diagnostic>> {
    let dir = root.join("content").join("static");
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() || entry.file_name() == ".gitkeep" {
            continue;
        }
        let shown = diagnostics::relative(root, entry.path());
        let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let key = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let added = std::fs::read(entry.path())
            .map_err(|e| format!("cannot read the file: {e}"))
            .and_then(|bytes| output.add(&key, bytes));
        if let Err(message) = added {
            problems.push(
                Diagnostic::error(shown, 0, 0, message)
                    .with_hint("rename the file so it does not clash with a page of the site"),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
