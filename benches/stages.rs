//! Benchmarks of the stages of a build, on small synthetic content (see `synth`): front
//! matter and document parsing, Markdown, CSV loading, progress, chart drawing, writing files.
//! Whole-site rendering and the preview's rebuild are in `benches/build.rs`.
//!
//! ```text
//! cargo bench --bench stages            # all
//! cargo bench --bench stages -- chart   # one group
//! ```

/// The allocator the `baocao` program uses, so stages are timed as they run in it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "synth/mod.rs"]
mod synth;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use baocao::charts::{Band, Labels, Segment, TargetLine, TrendChart};
use baocao::content::{DocumentKind, Known};
use baocao::data::period::Period;
use baocao::output::DiskSink;
use baocao::render::sink::Sink;
use baocao::{BuildOptions, fingerprint::Fingerprint};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// A generated site in a temporary folder, kept for the whole run.
fn site(spec: synth::Spec, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-bench-{name}"));
    synth::generate(&dir, &spec);
    dir
}

fn documents(c: &mut Criterion) {
    let root = site(synth::Spec::articles(20), "documents");
    let path = root.join("content/articles").join(synth::article_path(7));
    let text = std::fs::read_to_string(&path).unwrap();
    let known = Known {
        categories: &["ke-hoach", "hoi-nghi", "tin-hoat-dong"],
        areas: &[
            "tinh", "huyen-0", "huyen-1", "huyen-2", "huyen-3", "xa-0", "xa-1", "xa-2",
        ],
        periods: &[],
        indicators: &[],
    };
    let body_start = text[3..].find("+++").unwrap() + 7;
    let mut group = c.benchmark_group("document");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse (front matter, shortcodes, Markdown)", |b| {
        b.iter(|| {
            let mut problems = Vec::new();
            black_box(baocao::content::parse_document(
                black_box(&text),
                Path::new("bai.md"),
                DocumentKind::Article,
                &known,
                &mut problems,
            ))
        })
    });
    group.bench_function("front matter (split, TOML into a table)", |b| {
        b.iter(|| {
            let shown = Path::new("bai.md");
            let split = baocao::content::frontmatter::split(black_box(&text), shown).unwrap();
            black_box(baocao::content::frontmatter::parse::<toml::Table>(&split, shown).unwrap())
        })
    });
    group.bench_function("Markdown to HTML", |b| {
        b.iter(|| {
            black_box(baocao::content::markdown::render(black_box(
                &text[body_start..],
            )))
        })
    });
    group.finish();
}

fn statistics(c: &mut Criterion) {
    let root = site(synth::Spec::with_statistics(10, 10, 40, 10), "statistics");
    let (site, _) = baocao::load(&root, &BuildOptions::default(), None).unwrap();
    let csv = std::fs::read(root.join("content/data/chi-tieu-0.csv")).unwrap();
    let lookup =
        baocao::data::observations::Lookup::new(&site.config, &site.areas, &site.stats.indicators);
    let mut group = c.benchmark_group("statistics");
    group.throughput(Throughput::Elements(
        csv.iter().filter(|&&b| b == b'\n').count() as u64 - 1,
    ));
    group.bench_function("CSV rows", |b| {
        b.iter(|| {
            let mut problems = Vec::new();
            black_box(baocao::data::observations::parse_file(
                black_box(&csv),
                Path::new("chi-tieu-0.csv"),
                0,
                &lookup,
                &mut problems,
            ))
        })
    });
    group.throughput(Throughput::Elements(site.stats.progress.len() as u64));
    group.bench_function("progress of every target", |b| {
        b.iter(|| {
            black_box(baocao::stats::evaluate_all(
                &site.stats.indicators,
                &site.stats.observations,
                &site.config.periods,
            ))
        })
    });
    group.finish();
}

fn charts(c: &mut Criterion) {
    let first: Vec<(Period, f64)> = (2016..2021)
        .flat_map(|y| {
            (1..=4).map(move |q| {
                (
                    Period::Quarter(y, q),
                    12.0 - f64::from(y - 2016) * 1.7 + f64::from(q) * 0.1,
                )
            })
        })
        .collect();
    let second: Vec<(Period, f64)> = (2021..2026)
        .flat_map(|y| {
            (1..=4).map(move |q| {
                (
                    Period::Quarter(y, q),
                    8.0 - f64::from(y - 2021) * 1.1 - f64::from(q) * 0.05,
                )
            })
        })
        .collect();
    let segments = [
        Segment {
            standard: "Chuẩn 2016",
            points: &first,
        },
        Segment {
            standard: "Chuẩn 2021",
            points: &second,
        },
    ];
    let bands = [
        Band {
            start: 2016.0,
            end: 2021.0,
            label: "2016–2020",
        },
        Band {
            start: 2021.0,
            end: 2026.0,
            label: "2021–2025",
        },
    ];
    let value = |v: f64| format!("{v:.2}\u{a0}%");
    let axis = |v: f64| format!("{v}");
    let period = |p: Period| p.to_string();
    let labels = Labels {
        format_value: &value,
        format_target: &value,
        format_axis: &axis,
        period_label: &period,
        target: "Mục tiêu",
        standard_break: "Đổi chuẩn",
        no_data: "Chưa có số liệu",
    };
    let chart = TrendChart {
        title: "Tỷ lệ hộ nghèo, Huyện Phú Lộc",
        description: "Tỷ lệ hộ nghèo của Huyện Phú Lộc giảm từ 12,10 % xuống 3,50 %.",
        segments: &segments,
        target: Some(TargetLine {
            baseline_period: Period::Year(2020),
            baseline: 8.0,
            due: Period::Year(2025),
            value: 3.0,
        }),
        bands: &bands,
        zero_baseline: true,
        unit: "%",
    };
    let mut group = c.benchmark_group("charts");
    group.throughput(Throughput::Elements(1));
    group.bench_function(
        "trend chart, 40 quarters in two standards, with a target",
        |b| b.iter(|| black_box(chart.render(&labels, "t-ty-le-ho-ngheo-phu-loc"))),
    );
    group.finish();
}

fn writing(c: &mut Criterion) {
    let page = "<!doctype html><html lang=\"vi\"><body><p>Hộ nghèo</p></body></html>\n".repeat(180);
    let base = std::env::temp_dir().join("baocao-bench-writing");
    let mut group = c.benchmark_group("write");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1000));
    group.bench_function("1,000 pages of 12 KB into a new folder", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&base);
                base.clone()
            },
            |out| {
                let sink = DiskSink::open(&out).unwrap();
                for i in 0..1000 {
                    let path = format!("tin-tuc/bai-{i}/index.html");
                    sink.put(&path, Some(Fingerprint(i)), page.clone().into_bytes())
                        .unwrap();
                }
                black_box(sink.commit().unwrap())
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, documents, statistics, charts, writing);
criterion_main!(benches);
