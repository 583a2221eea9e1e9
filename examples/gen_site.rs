//! Generates a large synthetic site for benchmarks (see `benches/synth/mod.rs`): N articles of
//! ~600 words with headings and a table, spread over areas, categories, tags and years;
//! optionally K indicators × M areas × Y years of quarterly observations with targets.
//!
//! ```text
//! cargo run --release --example gen_site -- OUT_DIR ARTICLES [INDICATORS AREAS YEARS]
//! cargo run --release --example gen_site -- /dev/shm/site-10k 10000 50 40 10
//! cargo run --release --example gen_site -- --hugo /dev/shm/hugo-10k 10000
//! ```
//! The output is deterministic: the same arguments give the same files.

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::path::Path;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let hugo = args.first().is_some_and(|a| a == "--hugo");
    if hugo {
        args.remove(0);
    }
    let usage = "usage: gen_site [--hugo] OUT_DIR ARTICLES [INDICATORS AREAS YEARS]";
    let out = Path::new(args.first().expect(usage));
    let number = |i: usize, default: usize| {
        args.get(i)
            .map(|a| a.parse().expect(usage))
            .unwrap_or(default)
    };
    let spec = synth::Spec::with_statistics(
        number(1, usize::MAX),
        number(2, 0),
        number(3, 20).max(1),
        number(4, 10).max(1) as i32,
    );
    assert!(spec.articles != usize::MAX, "{usage}");
    if hugo {
        synth::generate_hugo(out, &spec);
    } else {
        synth::generate(out, &spec);
    }
    eprintln!(
        "generated {} articles, {} indicators × {} areas × {} years in {}{}",
        spec.articles,
        spec.indicators,
        spec.areas,
        spec.years,
        out.display(),
        if hugo { " (Hugo)" } else { "" }
    );
}
