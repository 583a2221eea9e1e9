//! `baocao serve`: a preview of the site on this computer. The site is rendered in memory with
//! [`crate::render()`] and served from there (or, with `--to-disk`, built into its output
//! folder with [`crate::build()`] and served from the files); when a file under `site.toml`,
//! `content/` or `themes/` changes, the site is rendered again, swapped in whole, and open
//! pages reload. A failed rebuild keeps the last good pages and shows the errors over them.
//!
//! | file | role |
//! |---|---|
//! | `http.rs` | reading requests, decoding paths, writing responses |
//! | `server.rs` | accepting connections, the bounded worker pool |
//! | `respond.rs` | answering from the served snapshot |
//! | `reload.rs` | the served state and the live-reload event streams |
//! | `overlay.rs` | the reload script and the error overlay added to HTML pages |
//! | `watch.rs` | noticing edits |

mod http;
mod overlay;
mod reload;
mod respond;
mod server;
mod watch;

use std::convert::Infallible;
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use crate::config::{self, Language};
use crate::console::Message;
use crate::diagnostics::{Diagnostic, Id};
use crate::model::SiteCache;
use crate::output::{MemorySink, SiteFiles};
use crate::{BuildFailure, BuildOptions};
use reload::State;
use respond::{Pages, Snapshot};
use watch::Watcher;

/// Default port of the preview.
pub const DEFAULT_PORT: u16 = 1111;
/// Least time between two walks of the site looking for edits.
const POLL: Duration = Duration::from_millis(250);
/// An edit is rebuilt once the files have been still for this long (saving often writes a
/// file in several steps, or several files at once).
const QUIET: Duration = Duration::from_millis(150);
/// Above this size of the site's files (in MiB), the preview in memory suggests `--to-disk`.
const LARGE_IN_MEMORY: usize = 1024;
/// Time between keep-alive messages on the event streams.
const PING: Duration = Duration::from_secs(15);

/// What to serve, and where.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site folder (the one with site.toml).
    pub site: PathBuf,
    /// Address and port to listen on; port 0 picks a free port.
    pub address: SocketAddr,
    /// Include drafts.
    pub drafts: bool,
    /// The language of messages and of the error box, instead of the site's (`--lang`).
    pub language: Option<Language>,
    /// Build into the site's output folder, as `baocao build` does, and serve the files from
    /// there instead of keeping the whole site in memory (`--to-disk`): for sites of
    /// thousands of areas, whose files take gigabytes.
    pub to_disk: bool,
}

/// A preview server that is listening but not yet serving.
pub struct Preview {
    options: ServeOptions,
    listener: TcpListener,
    address: SocketAddr,
}

impl Preview {
    /// Checks the site folder exists and starts listening. Fails (a usage error) when the
    /// folder is missing or the address cannot be used, e.g. its port is taken.
    pub fn bind(options: ServeOptions) -> io::Result<Preview> {
        if !options.site.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{} is not a folder", options.site.display()),
            ));
        }
        let listener = listen(options.address)?;
        let address = listener.local_addr()?;
        Ok(Preview {
            options,
            listener,
            address,
        })
    }

    /// The address actually listened on (with the real port when port 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Builds the site, serves it, and rebuilds on every edit, for as long as the process
    /// runs. Each line for the user (the address, one line per build, the diagnostics) is
    /// passed to `report`, in the site's language. Returns only if the server cannot start.
    pub fn run(self, mut report: impl FnMut(&str)) -> io::Result<Infallible> {
        let url = format!("http://{}/", self.address);
        let mut builder = Builder {
            site: self.options.site.clone(),
            // On disk the site is built as it will be published, with its own address (every
            // link within the site starts with `/`, so the preview works all the same); in
            // memory, with the preview's.
            options: BuildOptions {
                drafts: self.options.drafts,
                base_url: (!self.options.to_disk).then(|| url.trim_end_matches('/').to_string()),
                ..BuildOptions::default()
            },
            to_disk: self.options.to_disk,
            language: self.options.language.unwrap_or_default(),
            chosen: self.options.language,
            last_good: None,
            built_on_disk: false,
            suggested_disk: false,
            cache: SiteCache::default(),
            generation: 0,
        };
        let mut watcher = Watcher::new(&self.options.site);
        let state = Arc::new(State::new(builder.build(&mut report)));
        server::spawn(self.listener, Arc::clone(&state))?;
        let language = builder.language;
        if !self.address.ip().is_loopback() {
            let address = self.address.to_string();
            report(&Message::Exposed { address: &address }.text(language));
        }
        report(&Message::Listening { url: &url }.text(language));
        let mut edited: Option<Instant> = None;
        let mut pinged = Instant::now();
        loop {
            let started = Instant::now();
            let changed = watcher.changed();
            let walk = started.elapsed();
            if changed {
                edited = Some(Instant::now());
            } else if edited.is_some_and(|at| at.elapsed() >= QUIET) {
                edited = None;
                state.publish(builder.build(&mut report));
            }
            if pinged.elapsed() >= PING {
                state.ping();
                pinged = Instant::now();
            }
            // Walking a very large site takes a while: poll less often rather than spend more
            // than about a ninth of a core on it (10,000 articles take ~35 ms to walk).
            let pause = if edited.is_some() {
                QUIET / 3
            } else {
                POLL.max(walk * 8)
            };
            thread::sleep(pause);
        }
    }
}

/// Connections the system holds for the preview before it accepts them (std's listeners hold
/// 128; a page with many images, or a thousand readers in a test, open more at once).
const BACKLOG: i32 = 1024;

/// A listener on `address` with a backlog of [`BACKLOG`] connections.
fn listen(address: SocketAddr) -> io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.bind(&address.into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
}

/// Rebuilds the site and makes the snapshot to serve next.
struct Builder {
    site: PathBuf,
    options: BuildOptions,
    /// The language of messages: the site's, unless `chosen`.
    language: Language,
    /// The language asked for with `--lang`, if any.
    chosen: Option<Language>,
    /// Whether the site is built into its output folder and served from there.
    to_disk: bool,
    last_good: Option<Arc<SiteFiles>>,
    /// Whether a build into the output folder succeeded (with `to_disk`).
    built_on_disk: bool,
    /// Whether `--to-disk` was suggested already (once per preview).
    suggested_disk: bool,
    /// What the previous builds parsed, reused for files that did not change.
    cache: SiteCache,
    generation: u64,
}

impl Builder {
    fn build(&mut self, report: &mut impl FnMut(&str)) -> Snapshot {
        let started = Instant::now();
        self.generation += 1;
        let built = if self.to_disk {
            build_safely(&self.site, &self.options).inspect(|_| self.built_on_disk = true)
        } else {
            let previous = self.last_good.clone();
            render_safely(&self.site, &self.options, &self.cache, previous).map(
                |(output, language, warnings)| {
                    let pages = output.paths().filter(|p| p.ends_with(".html")).count();
                    self.last_good = Some(Arc::new(output));
                    (pages, language, warnings)
                },
            )
        };
        let overlay = match built {
            Ok((pages, language, warnings)) => {
                self.language = self.chosen.unwrap_or(language);
                let language = self.language;
                for warning in &warnings {
                    report(&warning.display(language).to_string());
                }
                let message = Message::Built {
                    pages,
                    warnings: warnings.len(),
                    elapsed: started.elapsed(),
                };
                report(&message.text(language));
                let mebibytes = self.last_good.as_ref().map_or(0, |s| s.total_bytes() >> 20);
                if !self.to_disk && mebibytes > LARGE_IN_MEMORY && !self.suggested_disk {
                    self.suggested_disk = true;
                    report(&Message::LargeInMemory { mebibytes }.text(language));
                }
                None
            }
            Err(failure) => {
                if let Ok(config) = config::load(&self.site.join("site.toml"), Path::new("")) {
                    self.language = self.chosen.unwrap_or(config.language);
                }
                for diagnostic in &failure.diagnostics {
                    report(&diagnostic.display(self.language).to_string());
                }
                let previous = self.last_good.is_some() || self.built_on_disk;
                let message = Message::Failed {
                    errors: failure.diagnostics.iter().filter(|d| d.is_error()).count(),
                    kept_previous: previous,
                };
                report(&message.text(self.language));
                Some(overlay::render_overlay(
                    &failure.diagnostics,
                    self.language,
                    previous,
                ))
            }
        };
        let pages = match &self.last_good {
            _ if self.built_on_disk => Pages::Folder(self.out()),
            Some(site) => Pages::Built(Arc::clone(site)),
            None => Pages::NeverBuilt(overlay::render_failed_page(self.language)),
        };
        Snapshot {
            generation: self.generation,
            pages,
            overlay,
        }
    }
}

impl Builder {
    /// The output folder a build with `to_disk` writes into.
    fn out(&self) -> PathBuf {
        self.options
            .out
            .clone()
            .unwrap_or_else(|| self.site.join("output"))
    }
}

/// Builds the site into its output folder as [`crate::build`] does (a failed build leaves the
/// folder as it was); returns its pages, language and warnings. A panic becomes an error.
fn build_safely(
    site: &Path,
    options: &BuildOptions,
) -> Result<(usize, Language, Vec<Diagnostic>), BuildFailure> {
    catch_unwind(AssertUnwindSafe(|| {
        let report = crate::build(site, options)?;
        Ok((report.pages, report.language, report.warnings))
    }))
    .unwrap_or_else(|_| {
        Err(BuildFailure {
            diagnostics: vec![Diagnostic::unplaced(Id::Crashed).with_hint(Id::CrashedHint)],
        })
    })
}

/// Renders the site in memory, reusing the files of `previous` whose inputs did not change. A
/// panic (a bug in baocao) becomes an error for the overlay instead of ending the preview.
fn render_safely(
    site: &Path,
    options: &BuildOptions,
    cache: &SiteCache,
    previous: Option<Arc<SiteFiles>>,
) -> Result<(SiteFiles, Language, Vec<Diagnostic>), BuildFailure> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut loaded = crate::prepare(site, options, Some(cache))?;
        let sink = MemorySink::new(previous);
        let (_, warnings) = crate::render(&mut loaded, options, &sink)?;
        Ok((sink.finish(), loaded.site.config.language, warnings))
    }))
    .unwrap_or_else(|_| {
        Err(BuildFailure {
            diagnostics: vec![Diagnostic::unplaced(Id::Crashed).with_hint(Id::CrashedHint)],
        })
    })
}
