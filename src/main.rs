//! The `baocao` command line: parses arguments, calls the library, prints diagnostics and
//! sets the exit status (0 success, 1 content errors, 2 usage errors).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: building a site makes millions of small strings
/// from several threads at once, which mimalloc serves markedly faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use baocao::config::Language;
use baocao::console::{Message, ProgressBar};
use baocao::content::date::DateTime;
use baocao::diagnostics::{Diagnostic, Id};
use baocao::scaffold::{self, ScaffoldError};
use baocao::serve::{self, Preview, ServeOptions};
use baocao::{BuildFailure, BuildOptions};

/// baocao — static reporting sites for poverty-reduction plans and statistics.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages: `vi` or `en` (default: the site's; also `BAOCAO_LANG`).
    #[arg(long, global = true, value_parser = parse_language)]
    lang: Option<Language>,
}

/// A language code given with `--lang`.
fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| {
        // No language is known yet: the message is given in both.
        let problem = Diagnostic::unplaced(Id::UnknownLanguage).arg("code", code);
        format!(
            "{} / {}",
            problem.text(Language::Vi),
            problem.text(Language::En)
        )
    })
}

/// The language asked for with `--lang`, else with `BAOCAO_LANG` (an unknown code there is
/// ignored).
fn chosen_language(flag: Option<Language>) -> Option<Language> {
    flag.or_else(|| {
        std::env::var("BAOCAO_LANG")
            .ok()
            .and_then(|code| Language::from_code(&code))
    })
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder (default: SITE/output).
    Build {
        /// The site folder (the one with site.toml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Use this base URL instead of the one in site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Treat warnings (broken links, missing alt text, …) as errors.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        talk: Talk,
    },
    /// Check everything a build checks, and write nothing.
    Check {
        /// The site folder (the one with site.toml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings (broken links, missing alt text, …) as errors.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        talk: Talk,
    },
    /// Preview the site on this computer; pages reload as you edit.
    Serve {
        /// The site folder (the one with site.toml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = serve::DEFAULT_PORT)]
        port: u16,
        /// Listen on this address instead of 127.0.0.1 (other machines can then see the preview).
        #[arg(long)]
        bind: Option<IpAddr>,
        /// Include drafts (they are left out by default, as in `build`).
        #[arg(long, conflicts_with = "to_disk")]
        drafts: bool,
        /// Build into the output folder, as `build` does, and serve it from there instead of
        /// from memory: for sites of thousands of areas, whose files take gigabytes.
        #[arg(long)]
        to_disk: bool,
    },
    /// Create a new content file with its front matter filled in.
    New {
        #[command(subcommand)]
        kind: NewKind,
    },
    /// Create a new site in DIR (a new or empty folder) from a small example.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
}

/// How much `build` and `check` say.
#[derive(clap::Args, Clone, Copy)]
struct Talk {
    /// Print only problems: no progress bar, no summary.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each step took and how much was rendered again.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Subcommand)]
enum NewKind {
    /// A draft article in content/articles/<year>/<slug>.md, dated now.
    Article {
        /// The article's title; the file name is made from it.
        title: String,
        /// The site folder (the one with site.toml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
}

/// mimalloc's `purge_delay` option: how long freed memory is kept before it is returned to
/// the system (the same position in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Keep freed memory: a build frees and reuses hundreds of megabytes within a second, and
    // memory handed back to the system must be zeroed by it again when reused (a fifth of a
    // build's time on this project's machines, see BENCHMARKS.md).
    // `MIMALLOC_PURGE_DELAY` in the environment still decides, for measurements.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option; mimalloc allows it at any time.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    let cli = Cli::parse();
    let chosen = chosen_language(cli.lang);
    match cli.command {
        Command::Build {
            site,
            out,
            drafts,
            base_url,
            strict,
            talk,
        } => run_build(
            &site,
            BuildOptions {
                out,
                drafts,
                base_url,
                strict,
                ..BuildOptions::default()
            },
            talk,
            false,
            chosen,
        ),
        Command::Check {
            site,
            drafts,
            strict,
            talk,
        } => run_build(
            &site,
            BuildOptions {
                drafts,
                strict,
                ..BuildOptions::default()
            },
            talk,
            true,
            chosen,
        ),
        Command::Serve {
            site,
            port,
            bind,
            drafts,
            to_disk,
        } => serve(ServeOptions {
            site,
            address: SocketAddr::new(bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)), port),
            drafts,
            language: chosen,
            to_disk,
        }),
        Command::New {
            kind: NewKind::Article { title, site },
        } => match scaffold::new_article(&site, &title, DateTime::now()) {
            Ok(created) => {
                let path = site.join(&created.path);
                let language = chosen.unwrap_or(created.language);
                println!("{}", Message::ArticleCreated { path: &path }.text(language));
                ExitCode::SUCCESS
            }
            Err(error) => scaffold_failed(&error, chosen.unwrap_or_else(|| site_language(&site))),
        },
        Command::Init { dir } => match scaffold::init(&dir, DateTime::now()) {
            Ok(files) => {
                for file in files {
                    println!("  {}", file.display());
                }
                let language = chosen.unwrap_or_default();
                println!("{}", Message::SiteCreated { dir: &dir }.text(language));
                ExitCode::SUCCESS
            }
            Err(error) => scaffold_failed(&error, chosen.unwrap_or_default()),
        },
    }
}

/// Runs `build` (or `check`) with a progress bar, then prints the problems and a summary in
/// the site's language, or in `chosen` (`--lang`).
fn run_build(
    site: &Path,
    mut options: BuildOptions,
    talk: Talk,
    check: bool,
    chosen: Option<Language>,
) -> ExitCode {
    let language = chosen.unwrap_or_else(|| site_language(site));
    let bar = (!talk.quiet).then(|| ProgressBar::start(Arc::default(), language));
    options.progress = bar.as_ref().map(ProgressBar::progress);
    let result = if check {
        baocao::check(site, &options)
    } else {
        baocao::build(site, &options)
    };
    if let Some(bar) = bar {
        bar.finish();
    }
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{}", warning.display(language));
            }
            if talk.verbose {
                for &(step, elapsed) in &report.steps {
                    eprintln!("{}", Message::Step { step, elapsed }.text(language));
                }
                let reused = Message::Reused {
                    rendered: report.rendered,
                    kept: report.kept,
                };
                eprintln!("{}", reused.text(language));
            }
            if !talk.quiet {
                let done = Message::BuildDone {
                    report: &report,
                    checked: check,
                };
                eprintln!("{}", done.text(language));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            report_failure(&failure, language);
            ExitCode::from(1)
        }
    }
}

/// The site's language for messages: from its site.toml, Vietnamese when it cannot be read.
fn site_language(site: &Path) -> Language {
    baocao::config::load(&site.join("site.toml"), Path::new("site.toml"))
        .map(|c| c.language)
        .unwrap_or_default()
}

fn serve(options: ServeOptions) -> ExitCode {
    let address = options.address;
    let site = options.site.clone();
    let language = options
        .language
        .unwrap_or_else(|| site_language(&options.site));
    let preview = match Preview::bind(options) {
        Ok(preview) => preview,
        Err(e) => {
            let problem = if site.is_dir() {
                Diagnostic::unplaced(Id::CannotServe)
                    .arg("address", address)
                    .io_reason(&e)
            } else {
                Diagnostic::unplaced(Id::ServeNotAFolder).arg("site", site.display())
            };
            let problem = problem.with_hint(Id::CannotServeHint);
            eprintln!("{}", problem.display(language));
            return ExitCode::from(2);
        }
    };
    let Err(e) = preview.run(|line| println!("{line}"));
    let problem = Diagnostic::unplaced(Id::ServerFailed).io_reason(&e);
    eprintln!("{}", problem.display(language));
    ExitCode::from(1)
}

fn scaffold_failed(error: &ScaffoldError, language: Language) -> ExitCode {
    eprintln!("{}", error.text(language));
    match error {
        ScaffoldError::Usage(_) => ExitCode::from(2),
        ScaffoldError::Refused(_) => ExitCode::from(1),
    }
}

fn report_failure(failure: &BuildFailure, language: Language) {
    for diagnostic in &failure.diagnostics {
        eprintln!("{}", diagnostic.display(language));
    }
    let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
    eprintln!("{}", Message::BuildFailed { errors }.text(language));
}
