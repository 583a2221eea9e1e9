//! The `baocao` command line: parses arguments, calls the library, prints diagnostics and
//! sets the exit status (0 success, 1 content errors, 2 usage errors).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    },
    /// Check everything a build checks, and write nothing.
    Check {
        /// The site folder (the one with site.toml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, verb) = match cli.command {
        Command::Build {
            site,
            out,
            drafts,
            base_url,
        } => (
            baocao::build(
                &site,
                &BuildOptions {
                    out,
                    drafts,
                    base_url,
                },
            ),
            "built",
        ),
        Command::Check { site, drafts } => (
            baocao::check(
                &site,
                &BuildOptions {
                    drafts,
                    ..BuildOptions::default()
                },
            ),
            "checked",
        ),
    };
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

fn summarize(report: &BuildReport, verb: &str) {
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    eprintln!(
        "{verb}: {} articles, {} files ({} KiB), {} written, {} deleted, {} warnings in {:.2} s",
        report.articles,
        report.files,
        report.bytes / 1024,
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
