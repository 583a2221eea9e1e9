//! Whole builds of generated sites, timed as a user runs them (the `baocao` program, start to
//! finish), each the median of several runs, with peak memory. Prints a Markdown table.
//!
//! ```text
//! cargo bench --bench site                 # everything (about ten minutes)
//! cargo bench --bench site -- quick        # 1k and 10k only, fewer runs
//! cargo bench --bench site -- hugo         # only the comparison with Hugo
//! cargo bench --bench site -- curve        # only 1k, 10k and 100k articles
//! cargo bench --bench site -- nation       # only the national sites (areas, indicators, years)
//! ```
//!
//! - 10,000 articles + 50 indicators × 40 areas × 10 years of quarterly data, built into a
//!   RAM disk (`/dev/shm`) from scratch;
//! - the same site on disk with its previous output present: nothing changed, then one article
//!   changed;
//! - 1,000, 10,000 and 100,000 articles into a RAM disk, to show how the cost grows;
//! - national sites in four levels (country, provinces, districts, communes; 20 indicators ×
//!   10 years counted by communes and rolled up by baocao): 1,000 communes, the same with 40
//!   indicators and with 20 years, and 10,000 communes, cold, with the weight of the heaviest
//!   pages gzipped and how the time grows with each;
//! - Hugo (if installed) on the same 10,000 articles with comparable templates, then again
//!   without Hugo's related-content list, which dominates its time.

#[path = "synth/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One timed run: wall time, CPU time and peak resident memory in MiB.
struct Run {
    time: Duration,
    /// CPU time of the program itself (every thread), and of the kernel on its behalf.
    cpu: CpuTime,
    peak_mib: u64,
    stderr: String,
    /// For a median: the fastest and the slowest of the runs, and their number.
    spread: Option<(Duration, Duration, usize)>,
}

/// CPU time spent by a program: in its own code (`user`) and in the kernel's (`system`:
/// creating files, handing it fresh memory).
#[derive(Clone, Copy, Default)]
struct CpuTime {
    user: Duration,
    system: Duration,
}

impl CpuTime {
    /// The CPU time of every child process waited for so far (`getrusage(RUSAGE_CHILDREN)`).
    fn of_children() -> CpuTime {
        let duration = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
        };
        // SAFETY: `getrusage` only writes the struct it is given, which is plain data.
        let usage = unsafe {
            let mut usage: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
            usage
        };
        CpuTime {
            user: duration(usage.ru_utime),
            system: duration(usage.ru_stime),
        }
    }

    fn since(self, before: CpuTime) -> CpuTime {
        CpuTime {
            user: self.user - before.user,
            system: self.system - before.system,
        }
    }
}

/// Runs a command, polling its peak memory (Linux `/proc`), and waits for it.
fn run(program: &str, args: &[&str]) -> Run {
    let cpu_before = CpuTime::of_children();
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let exit = loop {
        if let Ok(text) = std::fs::read_to_string(&status) {
            if let Some(kib) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
            {
                peak_kib = peak_kib.max(kib);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let time = started.elapsed();
    let stderr = reader.join().unwrap();
    // A run that failed (a full RAM disk, a process killed for want of memory) stopped early:
    // its time means nothing.
    assert!(
        exit.success(),
        "{program} {} failed ({exit}):\n{stderr}",
        args.join(" ")
    );
    Run {
        time,
        cpu: CpuTime::of_children().since(cpu_before),
        peak_mib: peak_kib / 1024,
        stderr,
        spread: None,
    }
}

/// Waits until the kernel has written every changed file to disk (`sync`).
fn flush_disks() {
    let _ = std::process::Command::new("sync").status();
}

/// The median of `runs` runs made by `once` (each after `before`).
fn median(runs: usize, mut before: impl FnMut(usize), mut once: impl FnMut() -> Run) -> Run {
    let mut all: Vec<Run> = (0..runs)
        .map(|i| {
            before(i);
            once()
        })
        .collect();
    all.sort_by_key(|r| r.time);
    let spread = (all[0].time, all[runs - 1].time, runs);
    Run {
        spread: Some(spread),
        ..all.swap_remove(runs / 2)
    }
}

fn baocao() -> &'static str {
    env!("CARGO_BIN_EXE_baocao")
}

fn build_args<'a>(site: &'a str, out: &'a str) -> Vec<&'a str> {
    vec!["build", site, "--out", out, "-q"]
}

/// `ghi 3 tệp` → 3: the files written, from the verbose summary.
fn written(stderr: &str) -> String {
    stderr
        .split("ghi ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or("?")
        .to_string()
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// `0.98 s (0.91–1.20 s in 5 runs)`: a median with the range of its runs, which on a noisy
/// machine says as much as the median.
fn median_time(run: &Run) -> String {
    match run.spread {
        Some((fastest, slowest, runs)) => format!(
            "{} ({:.2}–{:.2} s in {runs} runs)",
            seconds(run.time),
            fastest.as_secs_f64(),
            slowest.as_secs_f64()
        ),
        None => seconds(run.time),
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let only_hugo = std::env::args().any(|a| a == "hugo");
    let only_curve = std::env::args().any(|a| a == "curve");
    let only_nation = std::env::args().any(|a| a == "nation");
    // Seven runs: on this noisy machine a median of five still moved by a tenth from one run
    // of the bench to the next.
    let runs = if quick { 3 } else { 7 };
    let shm = PathBuf::from("/dev/shm/baocao-bench");
    let disk = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-disk");
    std::fs::create_dir_all(&shm).unwrap();
    std::fs::create_dir_all(&disk).unwrap();
    println!("| measurement | result |");
    println!("|---|---|");

    if only_curve {
        curve(&shm, quick, runs);
        return;
    }
    if only_nation {
        nation(&shm, runs.min(3));
        return;
    }
    if !only_hugo {
        ours(&shm, &disk, runs);
        curve(&shm, quick, runs);
        nation(&shm, runs.min(3));
    }
    hugo(&shm);
}

/// National sites, cold into a RAM disk: 1,000 communes, the same with twice the indicators
/// and with twice the years, and 10,000 communes (ten times the provinces). The ratios of
/// their times show whether the cost stays linear in the areas, the indicators and the years:
/// of the wall time, and of the program's own CPU time, apart from the kernel's.
fn nation(shm: &Path, runs: usize) {
    let base = synth::nation::Nation {
        provinces: 5,
        ..synth::nation::Nation::FULL
    };
    let shapes = [
        ("", base),
        (
            "2× the indicators",
            synth::nation::Nation {
                indicators: base.indicators * 2,
                ..base
            },
        ),
        (
            "2× the years",
            synth::nation::Nation {
                years: base.years * 2,
                ..base
            },
        ),
        ("10× the communes", synth::nation::Nation::FULL),
    ];
    let mut measured: Vec<(Run, u64)> = Vec::new();
    for (_, shape) in &shapes {
        let communes = shape.provinces * shape.districts * shape.communes;
        let name = format!("nation-{communes}-{}-{}", shape.indicators, shape.years);
        let site = shm.join(&name);
        let out = shm.join(format!("{name}-out"));
        synth::nation::generate(&site, shape);
        let cold = median(
            runs,
            |_| {
                let _ = std::fs::remove_dir_all(&out);
            },
            || {
                run(
                    baocao(),
                    &build_args(site.to_str().unwrap(), out.to_str().unwrap()),
                )
            },
        );
        let (files, bytes) = output_size(&out);
        println!(
            "| national site, {communes} communes ({} areas) × {} indicators × {} years, cold, RAM disk | {} (user {:.2} s, system {:.2} s), peak {} MiB, {files} files, {} MiB |",
            shape.area_count(),
            shape.indicators,
            shape.years,
            median_time(&cold),
            cold.cpu.user.as_secs_f64(),
            cold.cpu.system.as_secs_f64(),
            cold.peak_mib,
            bytes >> 20
        );
        for (page, gzipped) in heaviest_pages(&out, 3) {
            println!(
                "| … heaviest page {page} | {:.1} KiB gzipped |",
                gzipped as f64 / 1024.0
            );
        }
        measured.push((cold, bytes));
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_dir_all(&site);
    }
    let (first, first_bytes) = &measured[0];
    for ((label, _), (run, bytes)) in shapes.iter().zip(&measured).skip(1) {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        println!(
            "| national site, {label} | {:.1}× the time, {:.1}× the program's CPU time, {:.1}× the kernel's; {:.1}× the bytes |",
            ratio(run.time, first.time),
            ratio(run.cpu.user, first.cpu.user),
            ratio(run.cpu.system, first.cpu.system),
            *bytes as f64 / *first_bytes as f64
        );
    }
}

/// Files and bytes under `dir`.
fn output_size(dir: &Path) -> (usize, u64) {
    let mut total = (0, 0);
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            total.0 += 1;
            total.1 += entry.metadata().map_or(0, |m| m.len());
        }
    }
    total
}

/// The `n` heaviest HTML pages under `dir`, gzipped (level 6, as servers send them): the
/// 50 largest are compressed, the heaviest of those kept.
fn heaviest_pages(dir: &Path, n: usize) -> Vec<(String, usize)> {
    use std::io::Write as _;
    let mut pages: Vec<(u64, PathBuf)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| (e.metadata().map_or(0, |m| m.len()), e.into_path()))
        .collect();
    pages.sort_unstable_by(|a, b| b.cmp(a));
    let mut gzipped: Vec<(String, usize)> = pages
        .iter()
        .take(50)
        .map(|(_, path)| {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
            encoder.write_all(&std::fs::read(path).unwrap()).unwrap();
            let page = path.strip_prefix(dir).unwrap().display().to_string();
            (page, encoder.finish().unwrap().len())
        })
        .collect();
    gzipped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    gzipped.truncate(n);
    gzipped
}

/// baocao alone: cold, then on disk unchanged and after one change.
fn ours(shm: &Path, disk: &Path, runs: usize) {
    // 1. Cold build of articles and statistics into a RAM disk.
    let stats_site = shm.join("site-10k-stats");
    synth::generate(
        &stats_site,
        &synth::Spec::with_statistics(10_000, 50, 40, 10),
    );
    let out = shm.join("out-10k-stats");
    let cold = median(
        runs,
        |_| {
            let _ = std::fs::remove_dir_all(&out);
        },
        || {
            run(
                baocao(),
                &build_args(stats_site.to_str().unwrap(), out.to_str().unwrap()),
            )
        },
    );
    println!(
        "| 10,000 articles + 50 × 40 × 10 years (80,000 values, 2,000+ charts), cold, RAM disk | {}, peak {} MiB |",
        median_time(&cold),
        cold.peak_mib
    );

    // 2. The same on disk, previous output present: nothing changed, then one article changed.
    let disk_site = disk.join("site-10k-stats");
    let disk_out = disk.join("out-10k-stats");
    synth::generate(
        &disk_site,
        &synth::Spec::with_statistics(10_000, 50, 40, 10),
    );
    let _ = std::fs::remove_dir_all(&disk_out);
    let verbose = |site: &Path, out: &Path| {
        run(
            baocao(),
            &[
                "build",
                site.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };
    verbose(&disk_site, &disk_out);
    // The site and the first build wrote hundreds of megabytes: the kernel writes them back
    // first, so that the builds measured do not wait behind that.
    flush_disks();
    // Builds on disk are short and vary most (the disk is shared): more runs.
    let disk_runs = 9;
    let unchanged = median(disk_runs, |_| {}, || verbose(&disk_site, &disk_out));
    println!(
        "| the same on disk, nothing changed | {}, {} files written |",
        median_time(&unchanged),
        written(&unchanged.stderr)
    );
    let article = disk_site
        .join("content/articles")
        .join(synth::article_path(5000));
    let original = std::fs::read_to_string(&article).unwrap();
    let one = median(
        disk_runs,
        |i| std::fs::write(&article, format!("{original}\nSửa lần {i}.\n")).unwrap(),
        || verbose(&disk_site, &disk_out),
    );
    println!(
        "| the same on disk, one article changed | {}, {} files written |",
        median_time(&one),
        written(&one.stderr)
    );
}

/// How the cost grows with the number of articles: 1,000, 10,000 and (unless quick) 100,000.
fn curve(shm: &Path, quick: bool, runs: usize) {
    let sizes: &[usize] = if quick {
        &[1_000, 10_000]
    } else {
        &[1_000, 10_000, 100_000]
    };
    for &n in sizes {
        let site = shm.join(format!("site-{n}"));
        synth::generate(&site, &synth::Spec::articles(n));
        let out = shm.join(format!("out-{n}"));
        let result = median(
            if n >= 100_000 { 5 } else { runs },
            |_| {
                let _ = std::fs::remove_dir_all(&out);
            },
            || {
                run(
                    baocao(),
                    &build_args(site.to_str().unwrap(), out.to_str().unwrap()),
                )
            },
        );
        println!(
            "| {n} articles, cold, RAM disk | {}, peak {} MiB, {:.0} µs per article |",
            median_time(&result),
            result.peak_mib,
            result.time.as_secs_f64() * 1e6 / n as f64
        );
        if n != 10_000 {
            let _ = std::fs::remove_dir_all(&site);
            let _ = std::fs::remove_dir_all(&out);
        }
    }
}

/// Runs Hugo on `site`, writing into `out`.
fn hugo_build(site: &Path, out: &Path) -> Run {
    run(
        "hugo",
        &[
            "--source",
            site.to_str().unwrap(),
            "--destination",
            out.to_str().unwrap(),
            "--quiet",
        ],
    )
}

/// Hugo on the same 10,000 articles, with and without its "related content" list (which
/// Hugo computes by comparing each page with every other page sharing a keyword).
fn hugo(shm: &Path) {
    if Command::new("hugo").arg("version").output().is_err() {
        println!("| Hugo | not installed (`apt-get install hugo`) |");
        return;
    }
    let ours_site = shm.join("site-10000");
    if !ours_site.exists() {
        synth::generate(&ours_site, &synth::Spec::articles(10_000));
    }
    let ours_out = shm.join("out-10000");
    let _ = std::fs::remove_dir_all(&ours_out);
    let ours = run(
        baocao(),
        &build_args(ours_site.to_str().unwrap(), ours_out.to_str().unwrap()),
    );
    let site = shm.join("hugo-10k");
    synth::generate_hugo(&site, &synth::Spec::articles(10_000));
    let out = shm.join("hugo-out-10k");
    let _ = std::fs::remove_dir_all(&out);
    let hugo = hugo_build(&site, &out);
    println!(
        "| Hugo vs baocao, the same 10,000 articles, RAM disk, one run | Hugo {}, peak {} MiB; baocao {}, peak {} MiB; baocao is {:.1} × as fast |",
        seconds(hugo.time),
        hugo.peak_mib,
        seconds(ours.time),
        ours.peak_mib,
        hugo.time.as_secs_f64() / ours.time.as_secs_f64()
    );
    // The same without the related list on article pages.
    let single = site.join("layouts/_default/single.html");
    let text = std::fs::read_to_string(&single).unwrap();
    let without: String = text
        .lines()
        .filter(|line| !line.contains(".Related"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(
        text, without,
        "the Hugo article template lists related pages"
    );
    std::fs::write(&single, without).unwrap();
    let _ = std::fs::remove_dir_all(&out);
    let plain = hugo_build(&site, &out);
    println!(
        "| the same, Hugo without its related-content list (baocao keeps its own), one run | Hugo {}, peak {} MiB; baocao is {:.1} × as fast |",
        seconds(plain.time),
        plain.peak_mib,
        plain.time.as_secs_f64() / ours.time.as_secs_f64()
    );
}
