//! Property tests (proptest): statements that hold for every input of a kind, checked on a
//! few hundred generated inputs each time `cargo test` runs. The fuzz targets in `fuzz/` look
//! for crashes at length; these keep the invariants from regressing in CI.

use std::path::Path;

use baocao::config::{self, Language, NumberFormat};
use baocao::content::date::DateTime;
use baocao::content::frontmatter;
use baocao::content::markdown;
use baocao::content::slug::{MAX_SLUG_LEN, slugify};
use baocao::data::areas::{self, Areas};
use baocao::data::indicator_files;
use baocao::data::indicators::{Indicator, IndicatorMeta};
use baocao::data::numbers::parse_number;
use baocao::data::observations::{self, Lookup};
use baocao::data::period::Period;
use baocao::diagnostics::Diagnostic;
use baocao::i18n::{fixed_decimals, format_number};
use baocao::report::opendata::plain_number;
use proptest::prelude::*;

/// Vietnamese text as people type it: precomposed letters (NFC), digits, spaces, punctuation.
fn vietnamese_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(
                "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐÂĂÊÔƠƯ"
                    .chars()
                    .collect::<Vec<_>>()
            ),
            1 => proptest::sample::select(" 0123456789–—,.;:!?\"'()/-_&%".chars().collect::<Vec<_>>()),
        ],
        0..max,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Text for the parsers: the fences, keys, quotes and line ends that matter to them, mixed
/// with Vietnamese words and arbitrary characters.
fn document_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(vec![
            "+++", "---", "\n", "\r\n", "\r", "title = \"Kế hoạch 2024\"", "title: Tin",
            "date = 2017-01-18", "date: 2017-02-30", "tags = [\"giảm nghèo\"", "]", "tags: [a, b]",
            "titel = 1", "  - x", ": ", " = ", "\"", "'", "#", "## ", "{{", "}}",
            "{{ chart(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\") }}", "`", "```", "\u{feff}",
            "\t", "[", "](/a/)", "|", "~~", "\u{E000}", "\0",
        ]).prop_map(str::to_string),
        2 => vietnamese_text(12),
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn check_positions(problems: &[Diagnostic], text: &str) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count();
    for p in problems {
        prop_assert!(
            p.line >= 1 && p.col >= 1,
            "no position: {}",
            p.display(Language::En)
        );
        prop_assert!(
            p.line <= lines + 1,
            "line {} of {}: {}",
            p.line,
            lines,
            p.display(Language::En)
        );
    }
    Ok(())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1900..=2200i32).prop_map(Period::Year),
        (1900..=2200i32, 1..=4u8).prop_map(|(y, q)| Period::Quarter(y, q)),
        (1900..=2200i32, 1..=12u8).prop_map(|(y, m)| Period::Month(y, m)),
    ]
}

/// Finite numbers of every size, with a bias towards the ones statistics have.
fn finite_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1_000_000_000i64..1_000_000_000).prop_map(|n| n as f64 / 100.0),
        -1e15..1e15f64,
        proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Words are counted as `split_whitespace` counts them, Unicode white space included.
    #[test]
    fn words_are_counted_like_split_whitespace(
        pieces in proptest::collection::vec(prop_oneof![
            2 => vietnamese_text(8),
            1 => proptest::sample::select(vec![
                " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}",
                "\u{2000}", "\u{2007}", "\u{200a}", "\u{200b}", "\u{2028}", "\u{2029}",
                "\u{202f}", "\u{205f}", "\u{3000}", "\u{feff}", "\u{c2a0}", "\u{e280}",
                // Not spaces, but their first bytes can start one.
                "–", "“", "…", "«", "\u{1681}", "\u{3001}",
            ]).prop_map(str::to_string),
            1 => any::<String>(),
        ], 0..16)
    ) {
        let text = pieces.concat();
        prop_assert_eq!(markdown::count_words(&text), text.split_whitespace().count());
    }

    /// Every date that parses is written back in RFC 3339 as it was read (seconds and offset
    /// filled in when missing).
    #[test]
    fn dates_are_written_back_as_read(
        year in 1000i32..=9999, month in 1u8..=12, day in 1u8..=28,
        hour in 0u8..24, minute in 0u8..60, second in 0u8..60,
        offset in -720i32..=840,
    ) {
        let sign = if offset < 0 { '-' } else { '+' };
        let text = format!(
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{sign}{:02}:{:02}",
            offset.abs() / 60, offset.abs() % 60
        );
        prop_assert_eq!(DateTime::parse(&text).map(|d| d.rfc3339()), Ok(text));
    }

    /// The search excerpt is the text's words (as `split_whitespace` finds them) joined by
    /// single spaces and cut to 240 characters at a word boundary, with `…` when cut.
    #[test]
    fn excerpts_are_the_first_words_cut_at_a_space(
        pieces in proptest::collection::vec(prop_oneof![
            4 => vietnamese_text(30),
            2 => proptest::sample::select(vec![
                " ", "  ", "\n\n", "\t", "\u{a0}", "\u{2028}", "\u{3000}", ", ", "; ", ":",
            ]).prop_map(str::to_string),
            1 => "[a-zđơư]{60,300}",
            1 => any::<String>(),
        ], 0..40)
    ) {
        let text = pieces.concat();
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let expected = if joined.chars().count() <= 240 {
            joined
        } else {
            let cut: String = joined.chars().take(240).collect();
            let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
            format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
        };
        prop_assert_eq!(markdown::excerpt(&text), expected);
    }

    #[test]
    fn slugs_are_lowercase_ascii_words_joined_by_single_dashes(
        text in prop_oneof![vietnamese_text(120), any::<String>()]
    ) {
        let slug = slugify(&text);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
        prop_assert!(slug.len() <= MAX_SLUG_LEN);
        prop_assert_eq!(slugify(&slug), slug.clone(), "idempotent");
        // Nothing that has a letter or digit of the Latin alphabet is lost entirely.
        if text.chars().any(|c| c.is_ascii_alphanumeric()) {
            prop_assert!(!slug.is_empty());
        }
    }

    #[test]
    fn periods_round_trip_through_their_text(p in period(), lower in any::<bool>(), pad in "[ \t]{0,2}") {
        let text = p.to_string();
        prop_assert_eq!(Period::read(&text), Ok(p));
        let written = if lower { text.to_lowercase() } else { text.clone() };
        prop_assert_eq!(Period::read(&format!("{pad}{written}{pad}")), Ok(p));
    }

    #[test]
    fn periods_are_ordered_by_when_they_end(a in period(), b in period()) {
        if a < b {
            prop_assert!(a.time() <= b.time());
        }
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        prop_assert_eq!(a == b, a.to_string() == b.to_string());
    }

    #[test]
    fn fixed_decimals_are_written_as_format_writes_them(
        value in prop_oneof![
            finite_number(),
            (0i64..2_000_000_000, 0u32..5).prop_map(|(n, d)| n as f64 / 10f64.powi(d as i32)),
            // Halfway cases, just below and just above.
            (0i64..2_000_000, 0u32..4).prop_map(|(n, d)| (n as f64 + 0.5) / 10f64.powi(d as i32)),
            (0i64..2_000_000, 0u32..4)
                .prop_map(|(n, d)| f64::from_bits(((n as f64 + 0.5) / 10f64.powi(d as i32)).to_bits() + 1)),
        ],
        decimals in 0usize..7,
    ) {
        let value = value.abs();
        prop_assert_eq!(fixed_decimals(value, decimals), format!("{value:.decimals$}"));
    }

    #[test]
    fn shown_vietnamese_numbers_read_back_as_shown(value in finite_number(), decimals in 0usize..5) {
        // `1.234,5` on the pages reads back, in the Vietnamese format, as the number shown.
        let shown = format_number(value, decimals, Language::Vi);
        let rounded: f64 = format!("{value:.decimals$}").parse().unwrap();
        prop_assert_eq!(parse_number(&shown, NumberFormat::Vi), Ok(Some(rounded)), "{}", shown);
    }

    #[test]
    fn open_data_numbers_read_back_in_the_plain_format(value in finite_number()) {
        // The open-data CSV writes plain numbers (10 decimals at most); baocao reads them back.
        let written = plain_number(value);
        let rounded: f64 = format!("{value:.10}").parse().unwrap();
        prop_assert_eq!(parse_number(&written, NumberFormat::Plain), Ok(Some(rounded)), "{}", written);
        // And Rust's shortest form of any finite number is a plain number too.
        prop_assert_eq!(parse_number(&value.to_string(), NumberFormat::Plain), Ok(Some(value)));
    }

    #[test]
    fn parsed_numbers_are_finite(text in "[-+−]?[0-9.,\u{a0} ]{0,40}", vi in any::<bool>()) {
        let format = if vi { NumberFormat::Vi } else { NumberFormat::Plain };
        if let Ok(Some(value)) = parse_number(&text, format) {
            prop_assert!(value.is_finite());
        }
    }

    #[test]
    fn front_matter_errors_point_into_the_file(text in document_text()) {
        let shown = Path::new("content/articles/a.md");
        match frontmatter::split(&text, shown) {
            Err(problem) => {
                prop_assert!(!text.is_empty() || problem.line == 1);
                check_positions(&[problem], &text)?;
            }
            Ok(split) => {
                let unmarked = text.strip_prefix('\u{feff}').unwrap_or(&text);
                prop_assert!(unmarked.ends_with(split.body));
                prop_assert_eq!(split.front_line, 2);
                let problems: Vec<Diagnostic> = frontmatter::parse::<serde::de::IgnoredAny>(&split, shown)
                    .err()
                    .into_iter()
                    .collect();
                check_positions(&problems, &text)?;
            }
        }
    }

    #[test]
    fn markdown_without_raw_html_makes_only_markdown_tags(text in document_text()) {
        // A `<` followed by a letter, `/`, `!` or `?` may open raw HTML, which is passed through
        // by design; every other `<` is text and must come out escaped.
        let mut safe = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            safe.push(c);
            if c == '<' && chars.peek().is_some_and(|n| n.is_alphabetic() || matches!(n, '/' | '!' | '?')) {
                safe.push(' ');
            }
        }
        let html = markdown::render(&safe).html;
        const TAGS: [&str; 27] = [
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "a", "img", "code",
            "pre", "ul", "ol", "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr",
            "th", "td", "div",
        ];
        for (i, _) in html.match_indices('<') {
            let rest = html[i + 1..].trim_start_matches('/');
            let name: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
            prop_assert!(
                TAGS.contains(&name.as_str()) || name == "sup" || name == "section",
                "tag <{}> in {:?} from {:?}", name, html, safe
            );
        }
    }

    #[test]
    fn markdown_headings_get_unique_ids(text in document_text()) {
        let rendered = markdown::render(&text);
        let mut ids = rendered.anchors.clone();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), rendered.anchors.len());
        for entry in &rendered.toc {
            prop_assert!(rendered.anchors.contains(&entry.id));
        }
    }
}

// ---- CSV: generated valid rows come back as exactly those values ----

const SITE: &str = r#"title = "Giảm nghèo — thử"
base_url = "https://thu.example.vn"
number_format = "NUMBER_FORMAT"

[[periods]]
id = "2016-2020"
title = "Giai đoạn 2016–2020"
start = 2016
end = 2020
standard = "QĐ 59/2015"

[[periods]]
id = "2021-2025"
title = "Giai đoạn 2021–2025"
start = 2021
end = 2025
standard = "NĐ 07/2021"
"#;

const AREAS: &str = "id,name,parent,level
thua-thien-hue,Tỉnh Thừa Thiên Huế,,tinh
phu-loc,Huyện Phú Lộc,thua-thien-hue,huyen
lien-chieu,Quận Liên Chiểu,,quan
quan-11,Quận 11,,quan
";
const AREA_IDS: [&str; 4] = ["thua-thien-hue", "phu-loc", "lien-chieu", "quan-11"];
const INDICATOR_IDS: [&str; 2] = ["so-ho-ngheo", "ty-le-ho-ngheo"];

struct Fixture {
    config: config::SiteConfig,
    areas: Areas,
    indicators: Vec<Indicator>,
}

fn fixture(format: &str) -> Fixture {
    let mut problems = Vec::new();
    let config = config::parse(
        &SITE.replace("NUMBER_FORMAT", format),
        Path::new("site.toml"),
    )
    .expect("valid site.toml");
    let areas = areas::parse(AREAS, Path::new("content/areas.csv"), &mut problems);
    let indicators = INDICATOR_IDS
        .iter()
        .map(|id| {
            let text = format!("+++\ntitle = \"{id}\"\nunit = \"%\"\ndirection = \"down\"\n+++\n");
            let shown = Path::new("content/indicators/x.md");
            let split = frontmatter::split(&text, shown).unwrap();
            let meta: IndicatorMeta = frontmatter::parse(&split, shown).unwrap();
            indicator_files::build_indicator(
                id,
                meta,
                split.front,
                split.front_line,
                shown,
                &config,
                &areas,
                &mut problems,
            )
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    Fixture {
        config,
        areas,
        indicators,
    }
}

#[derive(Clone, Debug)]
struct Row {
    indicator: usize,
    area: usize,
    period: Period,
    /// Hundredths, so the written text is exact.
    cents: i64,
    note: String,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0..INDICATOR_IDS.len(),
        0..AREA_IDS.len(),
        period(),
        -100_000_000_000i64..100_000_000_000,
        prop_oneof![
            Just(String::new()),
            vietnamese_text(30),
            "[a-z ,;\"\n]{0,20}"
        ],
    )
        .prop_map(|(indicator, area, period, cents, note)| Row {
            indicator,
            area,
            period,
            cents,
            note: note.trim().to_string(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn long_csv_rows_come_back_as_written(
        rows in proptest::collection::vec(row(), 0..30),
        shape in 0..3u8,
        bom in any::<bool>(),
        crlf in any::<bool>(),
        title in any::<bool>(),
    ) {
        // 0: plain numbers, `,`; 1: Vietnamese numbers, `,` (quoted cells); 2: Excel's `;`.
        let (number_format, delimiter) = match shape {
            0 => ("plain", b','),
            1 => ("vi", b','),
            _ => ("plain", b';'),
        };
        let fixture = fixture(number_format);
        let lookup = Lookup::new(&fixture.config, &fixture.areas, &fixture.indicators);
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(Vec::new());
        writer.write_record(["indicator", "area", "period", "value", "note"]).unwrap();
        for r in &rows {
            let value = r.cents as f64 / 100.0;
            let text = if shape == 0 { plain_number(value) } else { format_number(value, 2, Language::Vi) };
            writer
                .write_record([
                    INDICATOR_IDS[r.indicator],
                    AREA_IDS[r.area],
                    &r.period.to_string(),
                    &text,
                    &r.note,
                ])
                .unwrap();
        }
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        if title {
            bytes.extend_from_slice("\"Bảng 1. Hộ nghèo theo địa bàn\"\n\n".as_bytes());
        }
        bytes.extend(writer.into_inner().unwrap());
        let mut problems = Vec::new();
        let found = observations::parse_file(&bytes, Path::new("content/data/a.csv"), 0, &lookup, &mut problems);
        let errors: Vec<&Diagnostic> = problems.iter().filter(|p| p.is_error()).collect();
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, String::from_utf8_lossy(&bytes));
        let got: Vec<(u32, u32, Period, f64, &str)> = found
            .iter()
            .map(|o| (o.indicator, o.area, o.period, o.value, o.note.as_str()))
            .collect();
        let expected: Vec<(u32, u32, Period, f64, &str)> = rows
            .iter()
            .map(|r| (r.indicator as u32, r.area as u32, r.period, r.cents as f64 / 100.0, r.note.as_str()))
            .collect();
        prop_assert_eq!(got, expected);
        let header_line = if title { 3 } else { 1 };
        for pair in found.windows(2) {
            prop_assert!(pair[0].line < pair[1].line);
        }
        prop_assert!(found.iter().all(|o| o.line as usize > header_line));
    }
}
