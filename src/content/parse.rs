//! One document's text parsed and checked: its front matter (keys, dates, references to
//! categories, areas, indicators and periods, aliases) and its Markdown body, every problem
//! reported at its line and column.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::date::DateTime;
use super::document::{Document, DocumentKind, Known, LinkRef, Unclaimed};
use super::markdown::ReferenceKind;
use super::{frontmatter, markdown, shortcodes, slug};
use crate::diagnostics::{self, Diagnostic, Id};
use crate::fingerprint::Fingerprint;
use crate::text::normalize;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    #[serde(default, deserialize_with = "date_text")]
    date: Option<String>,
    summary: Option<String>,
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    areas: Vec<String>,
    #[serde(default)]
    indicators: Vec<String>,
    period: Option<String>,
    author: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    #[serde(default)]
    draft: bool,
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

impl FrontMatter {
    /// The same front matter with every text free of control characters (an escape such as
    /// `\u0007` in TOML or `\a` in YAML makes one).
    fn cleaned(self) -> FrontMatter {
        let text = |s: Option<String>| s.map(normalize);
        FrontMatter {
            title: text(self.title),
            summary: text(self.summary),
            author: text(self.author),
            image_alt: text(self.image_alt),
            tags: self.tags.into_iter().map(normalize).collect(),
            ..self
        }
    }
}

/// Accepts a date as a string (YAML, quoted TOML) or as a TOML date value (`date = 2017-01-18`).
fn date_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Toml(toml::value::Datetime),
    }
    Ok(Some(match Raw::deserialize(deserializer)? {
        Raw::Text(s) => s,
        Raw::Toml(d) => d.to_string(),
    }))
}

/// Parses one document's text. Problems are pushed; `None` when the document is unusable.
pub fn parse_document(
    text: &str,
    shown: &Path,
    kind: DocumentKind,
    known: &Known<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Document> {
    if text.trim().is_empty() {
        problems.push(Diagnostic::error(shown, 1, 1, Id::FileEmpty).with_hint(Id::FileEmptyHint));
        return None;
    }
    let split = frontmatter::split(text, shown)
        .map_err(|e| problems.push(e))
        .ok()?;
    let meta = frontmatter::parse::<FrontMatter>(&split, shown)
        .map_err(|e| problems.push(e))
        .ok()?
        .cleaned();
    let before = problems.len();
    let at = |key: &str| key_position(&split, key);
    let error = |key: &str, message: Diagnostic, hint: Id| {
        let (line, col) = at(key);
        message.at(shown, line, col).with_hint(hint)
    };
    let title = meta.title.as_deref().map(str::trim).unwrap_or("");
    if title.is_empty() {
        problems.push(Diagnostic::error(shown, 1, 1, Id::TitleMissing).with_hint(
            match split.format {
                frontmatter::Format::Toml => Id::TitleMissingTomlHint,
                frontmatter::Format::Yaml => Id::TitleMissingYamlHint,
            },
        ));
    }
    let date = match (&meta.date, kind) {
        (Some(text), _) => match DateTime::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                problems.push(error("date", message, Id::DateFormHint));
                None
            }
        },
        (None, DocumentKind::Article) => {
            problems.push(
                Diagnostic::error(shown, 1, 1, Id::DateMissing).with_hint(Id::DateMissingHint),
            );
            None
        }
        (None, DocumentKind::Page) => None,
    };
    check_reference(
        &meta.category,
        known.categories,
        Reference::Category,
        &at,
        shown,
        problems,
    );
    check_reference(
        &meta.period,
        known.periods,
        Reference::Period,
        &at,
        shown,
        problems,
    );
    for area in &meta.areas {
        check_reference(
            &Some(area.clone()),
            known.areas,
            Reference::Area,
            &|_| at_value(&split, area),
            shown,
            problems,
        );
    }
    for indicator in &meta.indicators {
        check_reference(
            &Some(indicator.clone()),
            known.indicators,
            Reference::Indicator,
            &|_| at_value(&split, indicator),
            shown,
            problems,
        );
    }
    let image = match (meta.image, meta.image_alt) {
        (Some(image), Some(alt)) if !alt.trim().is_empty() => Some((image, alt)),
        (Some(_), _) => {
            problems.push(error(
                "image",
                Diagnostic::unplaced(Id::ImageNoAltText),
                Id::ImageAltHint,
            ));
            None
        }
        (None, _) => None,
    };
    let slug_source = meta.slug.as_deref().unwrap_or(title);
    let slug = slug::slugify(slug_source);
    if slug.is_empty() && !title.is_empty() {
        problems.push(error(
            if meta.slug.is_some() { "slug" } else { "title" },
            Diagnostic::unplaced(Id::NoAddressFrom).arg("value", slug_source),
            Id::SlugHint,
        ));
    }
    for alias in &meta.aliases {
        if let Err(problem) = check_alias(alias) {
            // Written with escapes, the alias is not found as such: point at the key then.
            let (line, col) = match at_value(&split, alias) {
                (1, 1) => at("aliases"),
                found => found,
            };
            problems.push(problem.at(shown, line, col).with_hint(Id::AliasHint));
        }
    }
    let mut shortcode_problems = Vec::new();
    let (body, shortcodes) =
        shortcodes::extract(split.body, split.body_line, shown, &mut shortcode_problems);
    problems.append(&mut shortcode_problems);
    if problems.len() > before {
        return None;
    }
    let rendered = markdown::render(&body);
    // The lead image is checked like the images of the body (it must exist on the site).
    let lead_image = image.as_ref().map(|(target, alt)| {
        let (line, col) = at("image");
        LinkRef {
            kind: ReferenceKind::Image,
            target: target.clone(),
            alt: alt.clone(),
            line,
            col,
        }
    });
    let links = lead_image
        .into_iter()
        .chain(rendered.links.iter().map(|r| {
            let (line, col) = diagnostics::line_col(&body, r.offset);
            LinkRef {
                kind: r.kind,
                target: r.target.clone(),
                alt: r.alt.clone(),
                line: line + split.body_line - 1,
                col,
            }
        }))
        .collect();
    let risks = rendered
        .risks
        .iter()
        .map(|(offset, risk)| {
            let (line, col) = diagnostics::line_col(&body, *offset);
            (risk.clone(), line + split.body_line - 1, col)
        })
        .collect();
    let summary = meta
        .summary
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or(rendered.first_paragraph);
    Some(Document {
        kind,
        source: shown.to_path_buf(),
        title: title.to_string(),
        date,
        summary,
        category: meta.category,
        tags: meta
            .tags
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        areas: meta.areas,
        indicators: meta.indicators,
        period: meta.period,
        author: meta
            .author
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty()),
        image,
        draft: meta.draft,
        slug,
        aliases: meta.aliases,
        body_fingerprint: Fingerprint::of(body.as_bytes()),
        html: Unclaimed::new(rendered.html),
        // The HTML is made already: the Markdown body is read again from the file only if
        // the HTML is asked for a second time.
        markdown: std::sync::OnceLock::new(),
        file: None,
        toc: rendered.toc,
        words: rendered.words,
        excerpt: markdown::excerpt(&rendered.text),
        shortcodes,
        links,
        anchors: rendered.anchors,
        risks,
    })
}

/// What a front-matter key refers to.
#[derive(Clone, Copy)]
enum Reference {
    Category,
    Period,
    Area,
    Indicator,
}

impl Reference {
    /// The key, the message for an unknown id, and where the ids are defined.
    fn describe(self) -> (&'static str, Id, Id) {
        match self {
            Reference::Category => ("category", Id::UnknownCategory, Id::InSiteCategories),
            Reference::Period => ("period", Id::UnknownPeriod, Id::InSitePeriods),
            Reference::Area => ("areas", Id::UnknownArea, Id::InAreasCsv),
            Reference::Indicator => ("indicators", Id::UnknownIndicator, Id::InIndicatorFiles),
        }
    }
}

fn check_reference(
    value: &Option<String>,
    known: &[&str],
    reference: Reference,
    at: &dyn Fn(&str) -> (usize, usize),
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(value) = value else { return };
    if known.contains(&value.as_str()) {
        return;
    }
    let (key, message, defined_in) = reference.describe();
    let (line, col) = at(key);
    let problem = Diagnostic::error(shown, line, col, message)
        .arg("value", value)
        .word("defined_in", defined_in);
    problems.push(
        match diagnostics::did_you_mean(value, known.iter().copied()) {
            Some(best) => problem.with_hint(Id::DidYouMeanIdHint).arg("best", best),
            None if known.is_empty() => problem.with_hint(Id::NoneDefinedHint),
            None => problem
                .with_hint(Id::UseOneOfFromHint)
                .arg("valid", known.join(", ")),
        },
    );
}

/// Checks that an alias is a safe path on this site: starts with `/`, no `..`, no backslash,
/// no control characters, no query or fragment.
pub fn check_alias(alias: &str) -> Result<(), Diagnostic> {
    let problem = |id: Id| Err(Diagnostic::unplaced(id).arg("alias", alias.escape_debug()));
    if !alias.starts_with('/') {
        return problem(Id::AliasNotRooted);
    }
    if alias
        .chars()
        .any(|c| c.is_control() || matches!(c, '\\' | '?' | '#' | '"' | '<' | '>'))
    {
        return problem(Id::AliasBadCharacters);
    }
    if alias
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return problem(Id::AliasDotSegments);
    }
    if alias.len() > 200 || alias.split('/').any(|s| s.len() > 100) {
        return problem(Id::AliasTooLong);
    }
    Ok(())
}

/// Line and column of the value of `key` in the front matter (at the key's line start).
fn key_position(split: &frontmatter::Split<'_>, key: &str) -> (usize, usize) {
    for (i, line) in split.front.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest = rest.trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                let value_offset = line.len() - rest[1..].trim_start().len();
                return (
                    split.front_line + i,
                    line[..value_offset].chars().count() + 1,
                );
            }
        }
    }
    (1, 1)
}

/// Line and column of the first quoted or listed occurrence of `value` in the front matter.
fn at_value(split: &frontmatter::Split<'_>, value: &str) -> (usize, usize) {
    for (i, line) in split.front.lines().enumerate() {
        if let Some(offset) = line.find(value) {
            let offset = if line[..offset].ends_with(['"', '\'']) {
                offset - 1
            } else {
                offset
            };
            return (split.front_line + i, line[..offset].chars().count() + 1);
        }
    }
    (1, 1)
}
