//! Where rendered files go. Rendering hands every file to a [`Sink`](crate::render::sink::Sink):
//!
//! - [`DiskSink`] (`baocao build`) stages changed files beside the output and moves them into
//!   place only when the whole build succeeded; unchanged files are never written again;
//! - [`MemorySink`] (`baocao serve`) keeps the site in memory, reusing the previous build's
//!   bytes for pages whose inputs did not change;
//! - [`CountingSink`] (`baocao check`) keeps nothing.
//!
//! Before rendering a file, rendering computes a fingerprint of everything the file is made
//! from and asks the sink to keep the previous one; only when the sink cannot is the file
//! rendered and put. Nothing is ever written outside the output folder: every path is checked
//! by [`check_relative`](crate::render::sink::check_relative) first.

mod counting;
mod disk;
mod folder;
mod memory;

pub use counting::CountingSink;
pub use disk::{DiskSink, WriteStats};
pub use folder::{CACHE, MARKER, check_out_folder};
pub use memory::{MemorySink, SiteFiles};
