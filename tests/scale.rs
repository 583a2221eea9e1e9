//! Scale without falling over: a CSV of a million rows loads in bounded memory, and a 10 MB
//! article and deeply nested Markdown build without a stack overflow.

mod common;

use std::fmt::Write as _;
use std::fs;

use common::site_copy;

/// The process's peak resident memory so far, in MiB (Linux).
fn peak_mib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

#[test]
fn a_million_rows_load_in_bounded_memory() {
    const INDICATORS: usize = 20;
    const COMMUNES: usize = 1000;
    const YEARS: usize = 13;
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    fs::create_dir_all(site.join("content/indicators")).unwrap();
    fs::create_dir_all(site.join("content/data")).unwrap();
    fs::write(
        site.join("site.toml"),
        "title = \"Một triệu dòng\"\nbase_url = \"https://tinh.example.vn\"\n\n[[periods]]\nid = \"2021-2025\"\ntitle = \"Giai đoạn 2021–2025\"\nstart = 2021\nend = 2025\nstandard = \"Chuẩn nghèo đa chiều 2021–2025\"\n",
    )
    .unwrap();
    let mut areas = String::from("id,name,parent,level\ntinh,Tỉnh,,tinh\n");
    for c in 0..COMMUNES {
        writeln!(areas, "xa-{c},Xã {c},tinh,xa").unwrap();
    }
    fs::write(site.join("content/areas.csv"), areas).unwrap();
    for i in 0..INDICATORS {
        fs::write(
            site.join(format!("content/indicators/chi-tieu-{i}.md")),
            format!("+++\ntitle = \"Chỉ tiêu {i}\"\nunit = \"%\"\ndirection = \"down\"\n+++\n"),
        )
        .unwrap();
    }
    let mut csv = String::with_capacity(48 * 1024 * 1024);
    csv.push_str("indicator,area,period,value\n");
    let mut rows = 0;
    for i in 0..INDICATORS {
        for c in 0..COMMUNES {
            for year in 2013..2013 + YEARS {
                for quarter in 1..=4 {
                    if rows == 1_000_000 {
                        break;
                    }
                    let value = ((i * 7 + c * 13 + year * 3 + quarter) % 900) as f64 / 10.0;
                    writeln!(csv, "chi-tieu-{i},xa-{c},{year}-Q{quarter},{value}").unwrap();
                    rows += 1;
                }
            }
        }
    }
    assert_eq!(rows, 1_000_000);
    let size = csv.len();
    fs::write(site.join("content/data/mot-trieu-dong.csv"), csv).unwrap();
    let before = peak_mib();
    let loaded = baocao::load(site, &baocao::BuildOptions::default(), None);
    let (site_model, warnings) = loaded.unwrap_or_else(|f| panic!("{:?}", &f.diagnostics[..3]));
    assert!(
        warnings.is_empty(),
        "{:?}",
        &warnings[..warnings.len().min(3)]
    );
    assert_eq!(site_model.stats.observations.all().len(), 1_000_000);
    if let (Some(before), Some(after)) = (before, peak_mib()) {
        eprintln!(
            "1,000,000 rows ({} MiB of CSV): peak memory {after} MiB (was {before} MiB before loading)",
            size / (1024 * 1024)
        );
        assert!(
            after < 1024,
            "loading a million rows took {after} MiB at its peak"
        );
    }
}

#[test]
fn a_ten_megabyte_article_and_deep_nesting_build() {
    let (dir, site) = site_copy("basic");
    let paragraph = "Hộ nghèo được hỗ trợ vay vốn, học nghề, bảo hiểm y tế và nhà ở. ".repeat(8);
    let mut long = String::from("+++\ntitle = \"Bài rất dài\"\ndate = \"2024-01-01\"\n+++\n");
    let mut n = 0;
    while long.len() < 10 * 1024 * 1024 {
        writeln!(long, "## Mục {n}\n\n{paragraph}\n\n- một\n- hai\n").unwrap();
        n += 1;
    }
    fs::write(site.join("content/articles/rat-dai.md"), long).unwrap();
    let depth = 50_000;
    let nested = format!(
        "+++\ntitle = \"Lồng sâu\"\ndate = \"2024-01-02\"\n+++\n{}trích dẫn\n\n{}danh sách\n\n{}nhấn mạnh{}\n\n{}liên kết{}\n",
        "> ".repeat(depth),
        "- ".repeat(depth),
        "*".repeat(depth),
        "*".repeat(depth),
        "[".repeat(depth),
        "]".repeat(depth),
    );
    fs::write(site.join("content/articles/long-sau.md"), nested).unwrap();
    let out = dir.path().join("out");
    common::build_ok(&site, &out);
    let page = fs::read_to_string(out.join("tin-tuc/bai-rat-dai/index.html")).unwrap();
    assert!(page.len() > 10 * 1024 * 1024);
    assert!(page.contains(&format!("Mục {}", n - 1)));
    assert!(out.join("tin-tuc/long-sau/index.html").exists());
}
