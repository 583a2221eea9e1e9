//! Generates a national-scale synthetic site (see `benches/synth/nation.rs`): the country,
//! provinces, districts and communes, yearly counts observed only at commune level (one wide
//! CSV per province), rates declared as ratios of counts, a few targets and articles.
//!
//! ```text
//! cargo run --release --example gen_nation -- OUT_DIR [PROVINCES DISTRICTS_PER_PROVINCE COMMUNES_PER_DISTRICT INDICATORS YEARS ARTICLES]
//! cargo run --release --example gen_nation -- /dev/shm/nation-full
//! cargo run --release --example gen_nation -- /tmp/nation-small 3 2 3 3 3 5
//! ```
//! Without the numbers the shape is `Nation::FULL` (50 × 10 × 20 communes, 20 indicators,
//! 10 years, 200 articles). The output is deterministic: the same arguments give the same files.

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::path::Path;
use synth::nation::{self, Nation};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_nation OUT_DIR [PROVINCES DISTRICTS_PER_PROVINCE COMMUNES_PER_DISTRICT \
                 INDICATORS YEARS ARTICLES]";
    let out = Path::new(args.first().expect(usage));
    let number = |i: usize, default: usize| {
        args.get(i)
            .map(|a| a.parse().expect(usage))
            .unwrap_or(default)
    };
    let full = Nation::FULL;
    let shape = Nation {
        provinces: number(1, full.provinces),
        districts: number(2, full.districts),
        communes: number(3, full.communes),
        indicators: number(4, full.indicators),
        years: number(5, full.years as usize).max(1) as i32,
        articles: number(6, full.articles),
    };
    nation::generate(out, &shape);
    eprintln!(
        "generated {} provinces × {} districts × {} communes ({} areas), {} indicators × {} years, {} articles in {}",
        shape.provinces,
        shape.districts,
        shape.communes,
        shape.area_count(),
        shape.indicators,
        shape.years,
        shape.articles,
        out.display()
    );
}
