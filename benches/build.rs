//! Benchmarks of whole-site work: every page of 1,000 articles through its template, and the
//! preview's rebuild after an edit (edit → new site in memory), on the demo site and on
//! 10,000 generated articles.
//!
//! ```text
//! cargo bench --bench build
//! ```

/// The allocator the `baocao` program uses, so stages are timed as they run in it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use baocao::BuildOptions;
use baocao::model::SiteCache;
use baocao::output::{CountingSink, MemorySink, SiteFiles};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// A generated site in a temporary folder, kept for the whole run.
fn site(spec: synth::Spec, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-bench-{name}"));
    synth::generate(&dir, &spec);
    dir
}

fn rendering(c: &mut Criterion) {
    let root = site(synth::Spec::articles(1000), "rendering");
    let options = BuildOptions::default();
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    let mut loaded = baocao::prepare(&root, &options, None).unwrap();
    let sink = CountingSink::default();
    let files = baocao::render(&mut loaded, &options, &sink)
        .unwrap()
        .0
        .paths
        .len();
    group.throughput(Throughput::Elements(files as u64));
    group.bench_function("1,000 articles: every page through its template", |b| {
        b.iter(|| {
            let sink = CountingSink::default();
            black_box(baocao::render(&mut loaded, &options, &sink).unwrap())
        })
    });
    group.finish();
}

/// The preview after an edit: one article's text changes, the site is loaded with the cache of
/// parsed files and rendered into memory reusing the previous build's pages.
fn rebuild(c: &mut Criterion) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    let demo_copy = std::env::temp_dir().join("baocao-bench-demo");
    let _ = std::fs::remove_dir_all(&demo_copy);
    std::fs::create_dir_all(demo_copy.join("content")).unwrap();
    std::fs::copy(demo.join("site.toml"), demo_copy.join("site.toml")).unwrap();
    copy_tree(&demo.join("content"), &demo_copy.join("content"));
    let large = site(synth::Spec::articles(10_000), "rebuild-10k");
    let mut group = c.benchmark_group("rebuild after an edit");
    group.sample_size(10);
    for (name, root, article) in [
        (
            "demo site",
            demo_copy.clone(),
            demo_copy.join("content/articles/2019/quan-11-van-dong-nguoi-dan-mua-the-bhyt.md"),
        ),
        (
            "10,000 articles",
            large.clone(),
            large
                .join("content/articles")
                .join(synth::article_path(5000)),
        ),
    ] {
        let options = BuildOptions::default();
        let cache = SiteCache::default();
        let mut previous: Option<Arc<SiteFiles>> = None;
        let render = |previous: Option<Arc<SiteFiles>>| {
            let mut loaded = baocao::prepare(&root, &options, Some(&cache)).unwrap();
            let sink = MemorySink::new(previous);
            baocao::render(&mut loaded, &options, &sink).unwrap();
            Arc::new(sink.finish())
        };
        previous = Some(render(previous.take()));
        let original = std::fs::read_to_string(&article).unwrap();
        let mut round = 0;
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    round += 1;
                    std::fs::write(&article, format!("{original}\nSửa lần {round}.\n")).unwrap();
                },
                |()| {
                    previous = Some(render(previous.take()));
                },
                BatchSize::PerIteration,
            )
        });
        std::fs::write(&article, original).unwrap();
    }
    group.finish();
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

criterion_group!(benches, rendering, rebuild);
criterion_main!(benches);
