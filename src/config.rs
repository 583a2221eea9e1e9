//! `site.toml`: the site's title, address, language, number format, plan periods and categories.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{self, Diagnostic, Id};

/// Settings read from `site.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title, shown in the header and in `<title>`.
    pub title: String,
    /// Public address, used for canonical URLs, the feed and the sitemap.
    pub base_url: String,
    /// UI language of the site.
    #[serde(default)]
    pub language: Language,
    /// One-sentence description for search engines and the feed.
    #[serde(default)]
    pub description: String,
    /// Theme name: `default` is built in; a folder `themes/<name>` overrides it file by file.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// How numbers are written in the CSVs.
    #[serde(default)]
    pub number_format: NumberFormat,
    /// Articles per page of the `/tin-tuc/` list and of category, tag, area and period lists.
    #[serde(default = "default_per_page")]
    pub articles_per_page: usize,
    /// Who publishes the site (feed author, footer), e.g. "UBND Quận 11".
    #[serde(default)]
    pub publisher: String,
    /// Licence of texts and data, shown in the footer and in the data package.
    #[serde(default = "default_license")]
    pub license: String,
    /// Indicator ids shown as headline cards on the home page, in this order.
    #[serde(default)]
    pub headline_indicators: Vec<String>,
    /// Plan periods, in order.
    #[serde(default)]
    pub periods: Vec<PlanPeriod>,
    /// Article categories.
    #[serde(default)]
    pub categories: Vec<Category>,
}

pub use crate::language::Language;

/// How numbers are written in CSV files.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum NumberFormat {
    /// `1234.5`: `.` is the decimal mark, no thousands separator.
    #[default]
    Plain,
    /// `1.234,5`: `.` groups thousands, `,` is the decimal mark.
    Vi,
}

/// A plan period such as 2016–2020, with the poverty standard in force during it.
#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanPeriod {
    /// URL-safe id, e.g. `2016-2020`.
    pub id: String,
    /// Display title, e.g. "Giai đoạn 2016–2020".
    pub title: String,
    /// First year of the plan.
    pub start: i32,
    /// Last year of the plan (inclusive).
    pub end: i32,
    /// The measurement standard in force; a change between periods is a series break.
    #[serde(default)]
    pub standard: String,
}

/// An article category.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// URL-safe id used in front matter, e.g. `ke-hoach`.
    pub id: String,
    /// Display title, e.g. "Kế hoạch".
    pub title: String,
    /// Optional one-line description shown on the category page.
    #[serde(default)]
    pub description: String,
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_per_page() -> usize {
    10
}

fn default_license() -> String {
    "CC BY 4.0".to_string()
}

/// Reads and checks `site.toml`. `shown_path` is how the file is named in diagnostics.
pub fn load(path: &Path, shown_path: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return Err(vec![
                    Diagnostic::error(shown_path, 0, 0, Id::SiteNotUtf8).with_hint(Id::NotUtf8Hint),
                ]);
            }
        },
        Err(e) => {
            return Err(vec![
                Diagnostic::error(shown_path, 0, 0, Id::SiteUnreadable)
                    .io_reason(&e)
                    .with_hint(Id::SiteUnreadableHint),
            ]);
        }
    };
    parse(&text, shown_path)
}

/// Parses `site.toml` text and validates what serde cannot (ids, ranges, duplicates).
pub fn parse(text: &str, shown_path: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut config: SiteConfig =
        toml::from_str(text).map_err(|e| vec![diagnostics::from_toml(shown_path, text, 1, &e)])?;
    // Texts shown on every page: free of control characters (a TOML escape can make one).
    let clean = crate::text::normalize;
    for field in [
        &mut config.title,
        &mut config.description,
        &mut config.publisher,
        &mut config.license,
    ] {
        *field = clean(std::mem::take(field));
    }
    for period in &mut config.periods {
        period.title = clean(std::mem::take(&mut period.title));
        period.standard = clean(std::mem::take(&mut period.standard));
    }
    for category in &mut config.categories {
        category.title = clean(std::mem::take(&mut category.title));
        category.description = clean(std::mem::take(&mut category.description));
    }
    let mut problems = Vec::new();
    let at = |needle: &str| key_position(text, needle);
    if config.articles_per_page == 0 {
        let (line, col) = at("articles_per_page");
        problems.push(
            Diagnostic::error(shown_path, line, col, Id::ArticlesPerPageZero)
                .with_hint(Id::WriteLikeHint)
                .arg("example", "articles_per_page = 10"),
        );
    }
    if !config.base_url.starts_with("http://") && !config.base_url.starts_with("https://") {
        let (line, col) = at("base_url");
        problems.push(
            Diagnostic::error(shown_path, line, col, Id::BaseUrlNotWeb)
                .arg("value", &config.base_url)
                .with_hint(Id::BaseUrlNotWebHint),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for period in &config.periods {
        let (line, col) = at(&format!("\"{}\"", period.id));
        if !is_simple_id(&period.id) {
            problems.push(
                Diagnostic::error(shown_path, line, col, Id::PeriodIdNotSimple)
                    .arg("id", &period.id)
                    .with_hint(Id::WriteLikeHint)
                    .arg("example", "id = \"2016-2020\""),
            );
        }
        if period.end < period.start {
            problems.push(
                Diagnostic::error(shown_path, line, col, Id::PeriodEndsBeforeStart)
                    .arg("id", &period.id)
                    .arg("end", period.end)
                    .arg("start", period.start)
                    .with_hint(Id::SwapStartEndHint),
            );
        }
        if !seen.insert(period.id.as_str()) {
            problems.push(
                Diagnostic::error(shown_path, line, col, Id::PeriodTwice)
                    .arg("id", &period.id)
                    .with_hint(Id::PeriodTwiceHint),
            );
        }
    }
    for pair in config.periods.windows(2) {
        if pair[1].start <= pair[0].end {
            let (line, col) = at(&format!("\"{}\"", pair[1].id));
            problems.push(
                Diagnostic::error(shown_path, line, col, Id::PeriodOverlap)
                    .arg("id", &pair[1].id)
                    .arg("previous", &pair[0].id)
                    .with_hint(Id::PeriodOverlapHint),
            );
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for category in &config.categories {
        let (line, col) = at(&format!("\"{}\"", category.id));
        if !is_simple_id(&category.id) {
            problems.push(
                Diagnostic::error(shown_path, line, col, Id::CategoryIdNotSimple)
                    .arg("id", &category.id)
                    .with_hint(Id::WriteLikeHint)
                    .arg("example", "id = \"ke-hoach\""),
            );
        }
        if !seen.insert(category.id.as_str()) {
            problems.push(
                Diagnostic::error(shown_path, line, col, Id::CategoryTwice)
                    .arg("id", &category.id)
                    .with_hint(Id::CategoryTwiceHint),
            );
        }
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// True for ids made of lowercase ASCII letters, digits and inner hyphens.
pub fn is_simple_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Line and column of the first occurrence of `needle` at the start of a key or as a value;
/// (1, 1) when it is not found. Used to point at a setting that parsed but is invalid.
pub fn key_position(text: &str, needle: &str) -> (usize, usize) {
    text.find(needle)
        .map_or((1, 1), |offset| diagnostics::line_col(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;

    const MINIMAL: &str = "title = \"Giảm nghèo\"\nbase_url = \"https://example.vn\"\n";

    #[test]
    fn defaults_apply() {
        let c = parse(MINIMAL, Path::new("site.toml")).unwrap();
        assert_eq!(c.language, Language::Vi);
        assert_eq!(c.number_format, NumberFormat::Plain);
        assert_eq!(c.articles_per_page, 10);
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn misspelt_key_names_key_line_and_closest_key() {
        let text = format!("{MINIMAL}langauge = \"en\"\n");
        let errors = parse(&text, Path::new("site.toml")).unwrap_err();
        assert_eq!(errors.len(), 1);
        let e = &errors[0];
        assert_eq!((e.line, e.col), (3, 1));
        assert!(
            e.text(Language::En).contains("`langauge`"),
            "{}",
            e.text(Language::En)
        );
        assert!(
            e.hint_text(Language::En)
                .as_deref()
                .unwrap()
                .contains("`language`"),
            "{:?}",
            e.hint
        );
    }

    #[test]
    fn misspelt_key_inside_a_period_table() {
        let text = format!(
            "{MINIMAL}[[periods]]\nid = \"2016-2020\"\ntitle = \"x\"\nstart = 2016\nend = 2020\nstandrad = \"QĐ 59\"\n"
        );
        let e = &parse(&text, Path::new("site.toml")).unwrap_err()[0];
        assert_eq!(e.line, 8);
        assert!(
            e.hint_text(Language::En)
                .as_deref()
                .unwrap()
                .contains("`standard`")
        );
    }

    #[test]
    fn overlapping_periods_are_rejected() {
        let text = format!(
            "{MINIMAL}[[periods]]\nid = \"2016-2020\"\ntitle = \"a\"\nstart = 2016\nend = 2020\n\
             [[periods]]\nid = \"2020-2025\"\ntitle = \"b\"\nstart = 2020\nend = 2025\n"
        );
        let errors = parse(&text, Path::new("site.toml")).unwrap_err();
        assert!(errors[0].text(Language::En).contains("overlaps"));
        assert_eq!(errors[0].line, 9);
    }
}
