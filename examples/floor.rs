//! Floors for the benchmarks: how long the least a build could do takes on this machine.
//!
//! ```text
//! cargo run --release --example floor -- markdown SITE/content/articles /dev/shm/floor
//! cargo run --release --example floor -- write BUILT_OUTPUT /dev/shm/floor
//! ```
//!
//! `markdown` is the performance issue's reference measurement: read every Markdown file under
//! a folder, render it with pulldown-cmark alone (no front matter, templates or links) and
//! write each into `N/index.html` of a fresh output folder.
//!
//! `write` reads every file of a built site into memory first, then times only writing the
//! same files, with the same folders, into a fresh output folder: what handing a site's bytes
//! to the file system costs before a single page is made.
//!
//! Both run on one thread and then on two, each into a folder of its own.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: floor markdown|write INPUT_FOLDER OUTPUT_FOLDER";
    let [mode, input, output] = args.as_slice() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let input = Path::new(input);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(input)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    match mode.as_str() {
        "markdown" => {
            files.retain(|file| file.extension().is_some_and(|x| x == "md"));
            timed(output, files.len(), |out| {
                files
                    .par_iter()
                    .enumerate()
                    .map(|(n, file)| render_one(file, &out.join(n.to_string())))
                    .sum()
            });
        }
        "write" => {
            let site: Vec<(PathBuf, Vec<u8>)> = files
                .iter()
                .map(|file| {
                    let bytes = std::fs::read(file).expect("a readable file");
                    let relative = file.strip_prefix(input).expect("a file under the input");
                    (relative.to_path_buf(), bytes)
                })
                .collect();
            timed(output, site.len(), |out| {
                site.par_iter()
                    .map(|(relative, bytes)| write_one(&out.join(relative), bytes))
                    .sum()
            });
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}

/// Runs `make` into a fresh folder on one thread, then on two, and prints the times. `make`
/// returns the number of bytes it wrote.
fn timed(output: &str, files: usize, make: impl Fn(&Path) -> usize + Sync) {
    for threads in [1, 2] {
        let out = Path::new(output).join(threads.to_string());
        let _ = std::fs::remove_dir_all(&out);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        let started = Instant::now();
        let bytes = pool.install(|| make(&out));
        println!(
            "{threads} thread(s): {files} files, {:.1} MB in {:.3} s",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
}

/// Renders one Markdown file into `folder/index.html`; returns the HTML's size.
fn render_one(file: &Path, folder: &Path) -> usize {
    let text = std::fs::read_to_string(file).expect("a readable UTF-8 file");
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&text));
    write_one(&folder.join("index.html"), html.as_bytes())
}

/// Writes `bytes` to `path`, making its folders; returns the size.
fn write_one(path: &Path, bytes: &[u8]) -> usize {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).expect("a writable output folder");
    }
    std::fs::write(path, bytes).expect("a writable output folder");
    bytes.len()
}
