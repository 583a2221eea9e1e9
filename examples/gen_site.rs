//! Generates a large synthetic site for benchmarks: N articles of ~600 words with headings and
//! a table, spread over areas, categories, tags and years; optionally K indicators × M areas ×
//! Y years of quarterly observations with targets.
//!
//! ```text
//! cargo run --release --example gen_site -- OUT_DIR ARTICLES [INDICATORS AREAS YEARS]
//! cargo run --release --example gen_site -- /dev/shm/site-10k 10000 50 40 10
//! ```
//! The output is deterministic: the same arguments give the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const WORDS: &[&str] = &[
    "hộ",
    "nghèo",
    "cận",
    "thoát",
    "giảm",
    "bền",
    "vững",
    "chính",
    "sách",
    "hỗ",
    "trợ",
    "vay",
    "vốn",
    "đào",
    "tạo",
    "nghề",
    "việc",
    "làm",
    "bảo",
    "hiểm",
    "y",
    "tế",
    "nhà",
    "ở",
    "nước",
    "sạch",
    "thu",
    "nhập",
    "bình",
    "quân",
    "phường",
    "xã",
    "quận",
    "huyện",
    "kế",
    "hoạch",
    "mục",
    "tiêu",
    "chỉ",
    "tiêu",
    "năm",
    "quý",
    "tỷ",
    "lệ",
    "người",
    "dân",
    "lao",
    "động",
    "trẻ",
    "em",
    "đến",
    "trường",
    "đúng",
    "độ",
    "tuổi",
    "ủy",
    "ban",
    "nhân",
    "dân",
    "triển",
    "khai",
    "thực",
    "hiện",
    "kết",
    "quả",
    "đạt",
    "vượt",
    "tiến",
    "độ",
    "nguồn",
    "lực",
    "cộng",
    "đồng",
    "doanh",
    "nghiệp",
    "mặt",
    "trận",
    "tổ",
    "quốc",
];

/// A small deterministic pseudo-random generator (64-bit LCG), so runs are reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Lcg, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut chars = w.chars();
            if let Some(first) = chars.next() {
                s.extend(first.to_uppercase());
                s.push_str(chars.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_site OUT_DIR ARTICLES [INDICATORS AREAS YEARS]";
    let out = Path::new(args.first().expect(usage));
    let articles: usize = args.get(1).and_then(|a| a.parse().ok()).expect(usage);
    let indicators: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0);
    let areas: usize = args
        .get(3)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20)
        .max(1);
    let years: i32 = args
        .get(4)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10)
        .max(1);
    if out.exists() {
        fs::remove_dir_all(out).expect("cannot clear the output folder");
    }
    fs::create_dir_all(out.join("content/articles")).expect("cannot create the site folder");
    write_config(out, years);
    write_areas(out, areas);
    let mut rng = Lcg(42);
    for i in 0..articles {
        write_article(out, i, areas, indicators, &mut rng);
    }
    if indicators > 0 {
        write_statistics(out, indicators, areas, years, &mut rng);
    }
    eprintln!(
        "generated {articles} articles, {indicators} indicators × {areas} areas × {years} years in {}",
        out.display()
    );
}

fn write_config(out: &Path, years: i32) {
    let mut config = String::from(
        "title = \"Trang tổng hợp giảm nghèo (dữ liệu sinh tự động)\"\nbase_url = \"https://bench.example.vn\"\n\
         description = \"Site sinh tự động để đo tốc độ.\"\narticles_per_page = 10\n",
    );
    let first = 2026 - years;
    let mut start = first - (first % 5) + 1;
    while start <= 2025 {
        let end = start + 4;
        writeln!(config, "\n[[periods]]\nid = \"{start}-{end}\"\ntitle = \"Giai đoạn {start}–{end}\"\nstart = {start}\nend = {end}\nstandard = \"Chuẩn {start}\"").unwrap();
        start += 5;
    }
    for (id, title) in [
        ("ke-hoach", "Kế hoạch"),
        ("hoi-nghi", "Hội nghị"),
        ("tin-hoat-dong", "Tin hoạt động"),
    ] {
        writeln!(
            config,
            "\n[[categories]]\nid = \"{id}\"\ntitle = \"{title}\""
        )
        .unwrap();
    }
    fs::write(out.join("site.toml"), config).unwrap();
}

fn write_areas(out: &Path, areas: usize) {
    let mut csv = String::from("id,name,parent,level\ntinh,Tỉnh Mẫu,,tinh\n");
    let districts = areas.div_ceil(5);
    for d in 0..districts {
        writeln!(csv, "huyen-{d},Huyện {d},tinh,huyen").unwrap();
    }
    for a in 0..areas.saturating_sub(districts + 1) {
        writeln!(csv, "xa-{a},Xã {a},huyen-{},xa", a % districts.max(1)).unwrap();
    }
    fs::write(out.join("content/areas.csv"), csv).unwrap();
}

fn area_id(i: usize, areas: usize) -> String {
    let districts = areas.div_ceil(5);
    match i % areas {
        0 => "tinh".to_string(),
        n if n <= districts => format!("huyen-{}", n - 1),
        n => format!("xa-{}", n - districts - 1),
    }
}

fn write_article(out: &Path, i: usize, areas: usize, indicators: usize, rng: &mut Lcg) {
    let year = 2016 + (i % 10);
    let dir = out.join(format!("content/articles/{year}"));
    fs::create_dir_all(&dir).unwrap();
    let category = ["ke-hoach", "hoi-nghi", "tin-hoat-dong"][i % 3];
    let indicator = if indicators > 0 {
        format!("indicators = [\"chi-tieu-{}\"]\n", i % indicators)
    } else {
        String::new()
    };
    let mut body = format!(
        "+++\ntitle = \"Bản tin số {i}: {}\"\ndate = \"{year}-{:02}-{:02}T{:02}:00:00+07:00\"\ncategory = \"{category}\"\n\
         tags = [\"thẻ {}\", \"thẻ {}\"]\nareas = [\"{}\"]\n{indicator}author = \"Phóng viên {}\"\n+++\n",
        sentence(rng, 6).trim_end_matches('.'),
        1 + i % 12,
        1 + (i / 12) % 28,
        i % 24,
        i % 40,
        (i * 7) % 40,
        area_id(i, areas),
        i % 9
    );
    for section in 0..4 {
        writeln!(
            body,
            "\n## Phần {section}: {}\n",
            sentence(rng, 5).trim_end_matches('.')
        )
        .unwrap();
        for _ in 0..3 {
            let paragraph: Vec<String> = (0..4).map(|_| sentence(rng, 12)).collect();
            writeln!(body, "{}\n", paragraph.join(" ")).unwrap();
        }
    }
    body.push_str("| Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|---:|---:|\n");
    for row in 0..4 {
        writeln!(
            body,
            "| Chỉ tiêu {row} | {} | {} |",
            rng.below(1000),
            rng.below(1000)
        )
        .unwrap();
    }
    fs::write(dir.join(format!("bai-{i:06}.md")), body).unwrap();
}

fn write_statistics(out: &Path, indicators: usize, areas: usize, years: i32, rng: &mut Lcg) {
    let dir = out.join("content/indicators");
    let data = out.join("content/data");
    fs::create_dir_all(&dir).unwrap();
    fs::create_dir_all(&data).unwrap();
    let first = 2026 - years;
    for k in 0..indicators {
        let direction = if k % 2 == 0 { "down" } else { "up" };
        let mut meta = format!(
            "+++\ntitle = \"Chỉ tiêu {k}\"\nunit = \"%\"\ndirection = \"{direction}\"\ndecimals = 2\n"
        );
        for a in 0..areas {
            let target = if direction == "down" { 2.0 } else { 95.0 };
            writeln!(
                meta,
                "\n[[targets]]\narea = \"{}\"\nperiod = \"2021-2025\"\nvalue = {target}",
                area_id(a, areas)
            )
            .unwrap();
        }
        meta.push_str("+++\nChỉ tiêu sinh tự động.\n");
        fs::write(dir.join(format!("chi-tieu-{k}.md")), meta).unwrap();
        let mut csv = String::from("indicator,area,period,value\n");
        for a in 0..areas {
            let mut value = 10.0 + rng.below(400) as f64 / 10.0;
            for year in first..2026 {
                for quarter in 1..=4 {
                    value = (value + (rng.below(100) as f64 - 55.0) / 100.0).clamp(0.0, 100.0);
                    writeln!(
                        csv,
                        "chi-tieu-{k},{},{year}-Q{quarter},{value:.2}",
                        area_id(a, areas)
                    )
                    .unwrap();
                }
            }
        }
        fs::write(data.join(format!("chi-tieu-{k}.csv")), csv).unwrap();
    }
}
