//! The `baocao` command line: parses arguments, calls the library, prints diagnostics and
//! sets the exit status (0 success, 1 content errors, 2 usage errors).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use baocao::config::Language;
use baocao::console::Message;
use baocao::content::date::DateTime;
use baocao::scaffold::{self, ScaffoldError};
use baocao::serve::{self, Preview, ServeOptions};
use baocao::{BuildFailure, BuildOptions, BuildReport};

/// baocao — static reporting sites for poverty-reduction plans and statistics.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        #[arg(long)]
        drafts: bool,
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

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            site,
            out,
            drafts,
            base_url,
            strict,
        } => finish_build(
            baocao::build(
                &site,
                &BuildOptions {
                    out,
                    drafts,
                    base_url,
                    strict,
                },
            ),
            "built",
        ),
        Command::Check {
            site,
            drafts,
            strict,
        } => finish_build(
            baocao::check(
                &site,
                &BuildOptions {
                    drafts,
                    strict,
                    ..BuildOptions::default()
                },
            ),
            "checked",
        ),
        Command::Serve {
            site,
            port,
            bind,
            drafts,
        } => serve(ServeOptions {
            site,
            address: SocketAddr::new(bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)), port),
            drafts,
        }),
        Command::New {
            kind: NewKind::Article { title, site },
        } => match scaffold::new_article(&site, &title, DateTime::now()) {
            Ok(created) => {
                let path = site.join(&created.path);
                println!(
                    "{}",
                    Message::ArticleCreated { path: &path }.text(created.language)
                );
                ExitCode::SUCCESS
            }
            Err(error) => scaffold_failed(&error),
        },
        Command::Init { dir } => match scaffold::init(&dir, DateTime::now()) {
            Ok(files) => {
                for file in files {
                    println!("  {}", file.display());
                }
                println!("{}", Message::SiteCreated { dir: &dir }.text(Language::Vi));
                ExitCode::SUCCESS
            }
            Err(error) => scaffold_failed(&error),
        },
    }
}

fn finish_build(result: Result<BuildReport, BuildFailure>, verb: &str) -> ExitCode {
    match result {
        Ok(report) => {
            summarize(&report, verb);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            report_failure(&failure);
            ExitCode::from(1)
        }
    }
}

fn serve(options: ServeOptions) -> ExitCode {
    let address = options.address;
    let preview = match Preview::bind(options) {
        Ok(preview) => preview,
        Err(e) => {
            eprintln!(
                "error: cannot serve on {address}: {e}\n  hint: check the site folder, or pick another port with --port (--port 0 picks a free one)"
            );
            return ExitCode::from(2);
        }
    };
    let Err(e) = preview.run(|line| println!("{line}"));
    eprintln!("error: the preview server could not start: {e}");
    ExitCode::from(1)
}

fn scaffold_failed(error: &ScaffoldError) -> ExitCode {
    eprintln!("{error}");
    match error {
        ScaffoldError::Usage(_) => ExitCode::from(2),
        ScaffoldError::Refused(_) => ExitCode::from(1),
    }
}

fn summarize(report: &BuildReport, verb: &str) {
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    eprintln!(
        "{verb}: {} articles, {} charts, {} files ({} KiB; search index {} KiB), {} written, {} deleted, {} warnings in {:.2} s",
        report.articles,
        report.charts,
        report.files,
        report.bytes / 1024,
        report.search_index.div_ceil(1024),
        report.written,
        report.deleted,
        report.warnings.len(),
        report.elapsed.as_secs_f64()
    );
}

fn report_failure(failure: &BuildFailure) {
    for diagnostic in &failure.diagnostics {
        eprintln!("{diagnostic}");
    }
    let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
    eprintln!("failed: {errors} error(s); nothing was written, the previous output is unchanged");
}
