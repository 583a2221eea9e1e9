//! Synthetic sites for benchmarks: N articles of ~600 words with headings and a table, spread
//! over areas, categories, tags and years; optionally K indicators × M areas × Y years of
//! quarterly observations with a target per area. The same articles can also be written as a
//! Hugo site with comparable templates, to compare the two generators on equal work.
//!
//! Everything is deterministic: the same specification gives the same files.
#![allow(dead_code)]

pub mod nation;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Articles.
    pub articles: usize,
    /// Indicators (0 for an articles-only site).
    pub indicators: usize,
    /// Areas (a province, districts and communes).
    pub areas: usize,
    /// Years of quarterly data, up to 2025.
    pub years: i32,
}

impl Spec {
    /// Articles only.
    pub fn articles(articles: usize) -> Spec {
        Spec {
            articles,
            indicators: 0,
            areas: 20,
            years: 10,
        }
    }

    /// Articles and statistics.
    pub fn with_statistics(articles: usize, indicators: usize, areas: usize, years: i32) -> Spec {
        Spec {
            articles,
            indicators,
            areas,
            years,
        }
    }
}

/// Writes a baocao site for `spec` into `out` (emptied first).
pub fn generate(out: &Path, spec: &Spec) {
    if out.exists() {
        fs::remove_dir_all(out).expect("cannot clear the site folder");
    }
    fs::create_dir_all(out.join("content/articles")).expect("cannot create the site folder");
    write_config(out, spec.years);
    write_areas(out, spec.areas);
    let mut rng = Lcg(42);
    for i in 0..spec.articles {
        let (path, text) = article(i, spec.areas, spec.indicators, &mut rng);
        let path = out.join("content/articles").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    if spec.indicators > 0 {
        write_statistics(out, spec.indicators, spec.areas, spec.years, &mut rng);
    }
}

/// The path (under `content/articles`) of article `i`.
pub fn article_path(i: usize) -> String {
    format!("{}/bai-{i:06}.md", 2016 + (i % 10))
}

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

fn write_config(out: &Path, years: i32) {
    let mut config = String::from(
        "title = \"Trang tổng hợp giảm nghèo (dữ liệu sinh tự động)\"\nbase_url = \"https://bench.example.vn\"\n\
         description = \"Site sinh tự động để đo tốc độ.\"\narticles_per_page = 10\n",
    );
    config.push_str(&periods_and_categories(years));
    fs::write(out.join("site.toml"), config).unwrap();
}

/// The `[[periods]]` (five-year plans covering the `years` up to 2025, each with its own
/// standard) and `[[categories]]` tables of `site.toml`, after its top-level keys.
fn periods_and_categories(years: i32) -> String {
    let mut config = String::new();
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
    config
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

/// Article `i` of a site with `areas` areas and `indicators` indicators: its path under
/// `content/articles` and its text.
fn article(i: usize, areas: usize, indicators: usize, rng: &mut Lcg) -> (String, String) {
    let indicator = (indicators > 0).then(|| format!("chi-tieu-{}", i % indicators));
    article_about(i, &area_id(i, areas), indicator.as_deref(), rng)
}

/// Article `i` tagged with `area` and, if any, `indicator`: its path under `content/articles`
/// and its text.
fn article_about(i: usize, area: &str, indicator: Option<&str>, rng: &mut Lcg) -> (String, String) {
    let year = 2016 + (i % 10);
    let category = ["ke-hoach", "hoi-nghi", "tin-hoat-dong"][i % 3];
    let indicator = indicator.map_or_else(String::new, |id| format!("indicators = [\"{id}\"]\n"));
    let mut body = format!(
        "+++\ntitle = \"Bản tin số {i}: {}\"\ndate = \"{year}-{:02}-{:02}T{:02}:00:00+07:00\"\ncategory = \"{category}\"\n\
         tags = [\"thẻ {}\", \"thẻ {}\"]\nareas = [\"{}\"]\n{indicator}author = \"Phóng viên {}\"\n+++\n",
        sentence(rng, 6).trim_end_matches('.'),
        1 + i % 12,
        1 + (i / 12) % 28,
        i % 24,
        i % 40,
        (i * 7) % 40,
        area,
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
    (article_path(i), body)
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

/// Writes the articles of `spec` as a Hugo site into `out` (emptied first), with templates
/// comparable to baocao's: the same page kinds (home with the latest articles and a block per
/// category, articles with their table of contents, neighbours and related articles, lists
/// paginated by ten, categories, tags and areas), canonical and OpenGraph metadata, JSON-LD,
/// a search index, the Atom-like feed and the sitemap. Statistics have no Hugo counterpart, so
/// only the articles are written.
pub fn generate_hugo(out: &Path, spec: &Spec) {
    if out.exists() {
        fs::remove_dir_all(out).expect("cannot clear the site folder");
    }
    for dir in [
        "content/tin-tuc",
        "layouts/_default",
        "layouts/partials",
        "static",
    ] {
        fs::create_dir_all(out.join(dir)).unwrap();
    }
    fs::write(out.join("hugo.toml"), HUGO_CONFIG).unwrap();
    for (name, text) in HUGO_LAYOUTS {
        fs::write(out.join("layouts").join(name), text).unwrap();
    }
    fs::write(
        out.join("static/style.css"),
        "body{font-family:system-ui,sans-serif;max-width:72rem;margin:auto}",
    )
    .unwrap();
    let mut rng = Lcg(42);
    for i in 0..spec.articles {
        let (path, text) = article(i, spec.areas, spec.indicators, &mut rng);
        let text = text
            .replacen("category = \"", "categories = [\"", 1)
            .replacen("\"\ntags = ", "\"]\ntags = ", 1)
            .replacen("\nindicators = ", "\nchi_tieu = ", 1);
        let path = out.join("content/tin-tuc").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

const HUGO_CONFIG: &str = r#"baseURL = "https://bench.example.vn/"
languageCode = "vi"
title = "Trang tổng hợp giảm nghèo (dữ liệu sinh tự động)"
disableKinds = ["section"]
paginate = 10
enableRobotsTXT = true
[taxonomies]
category = "categories"
tag = "tags"
area = "areas"
[outputs]
home = ["HTML", "RSS", "JSON"]
[markup.goldmark.renderer]
unsafe = true
[markup.tableOfContents]
startLevel = 2
endLevel = 3
[related]
includeNewer = true
threshold = 10
toLower = false
[[related.indices]]
name = "categories"
weight = 1
[[related.indices]]
name = "areas"
weight = 2
[[related.indices]]
name = "tags"
weight = 1
"#;

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r##"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:site_name" content="{{ .Site.Title }}">
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" href="/index.xml">
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua</a>
<header><a href="/">{{ .Site.Title }}</a>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li><li><a href="/categories/">Chuyên mục</a></li><li><a href="/tags/">Thẻ</a></li><li><a href="/areas/">Địa bàn</a></li><li><a href="/tim-kiem/">Tìm kiếm</a></li></ul></nav></header>
<nav class="breadcrumb"><a href="/">Trang chủ</a>{{ with .Parent }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main id="noi-dung">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ .Site.Title }} · CC BY 4.0</p></footer>
</body>
</html>
"##,
    ),
    (
        "partials/card.html",
        r##"<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006" }}</time>{{ range .Params.categories }} · <a href="{{ "categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}{{ range .Params.areas }} · <a href="{{ "areas/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}</p><p>{{ .Summary | plainify | truncate 300 }}</p></article>
"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006" }}</time>{{ with .Params.author }} · {{ . }}{{ end }}{{ range .Params.categories }} · <a href="{{ "categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}</p>
{{ if ge (len (findRE "<h[23]" .Content)) 4 }}<nav class="toc">{{ .TableOfContents }}</nav>{{ end }}
<div class="prose">{{ .Content }}</div>
<p>{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
<p>{{ range .Params.areas }}<a href="{{ "areas/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
</article>
<nav class="pager">{{ with .Next }}<a href="{{ .RelPermalink }}">Tin mới hơn: {{ .Title }}</a>{{ end }} {{ with .Prev }}<a href="{{ .RelPermalink }}">Tin đã đưa: {{ .Title }}</a>{{ end }}</nav>
{{ $related := .Site.RegularPages.Related . | first 5 }}{{ with $related }}<section><h2>Các tin khác</h2>{{ range . }}{{ partial "card.html" . }}{{ end }}</section>{{ end }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "NewsArticle" "headline" .Title "datePublished" (.Date.Format "2006-01-02T15:04:05-07:00") "url" .Permalink | jsonify | safeJS }}</script>
{{ end }}"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}{{ range $paginator.Pages }}{{ partial "card.html" . }}{{ end }}
<nav class="pagination">{{ with $paginator.Prev }}<a href="{{ .URL }}">Trang trước</a>{{ end }} {{ range $paginator.Pagers }}{{ if or (eq .PageNumber 1) (eq .PageNumber $paginator.TotalPages) (le (sub .PageNumber $paginator.PageNumber) 2) }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}{{ end }} {{ with $paginator.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}</nav>
{{ end }}"##,
    ),
    (
        "_default/terms.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}"##,
    ),
    (
        "index.html",
        r##"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<section><h2>Tin mới nhất</h2>{{ range first 6 .Site.RegularPages }}{{ partial "card.html" . }}{{ end }}</section>
{{ range $name, $pages := .Site.Taxonomies.categories }}<section><h2><a href="{{ "categories/" | relURL }}{{ $name | urlize }}/">{{ $name }}</a></h2>{{ range first 3 $pages.Pages }}{{ partial "card.html" . }}{{ end }}</section>{{ end }}
{{ end }}"##,
    ),
    (
        "index.json",
        r##"{{- $rows := slice -}}{{- range .Site.RegularPages -}}{{- $rows = $rows | append (slice (slice .Title .RelPermalink (.Date.Format "02/01/2006") (.Summary | plainify | truncate 300) (delimit .Params.tags " "))) -}}{{- end -}}{{- $rows | jsonify -}}"##,
    ),
];
