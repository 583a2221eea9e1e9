//! Articles and pages: files under `content/articles` and `content/pages`, read, checked and
//! rendered to HTML once, in parallel.

pub mod date;
pub mod frontmatter;
pub mod markdown;
pub mod shortcodes;
pub mod slug;
pub mod static_files;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize};

use crate::cache::{EncodedDocument, FileCache, Stamp};
use crate::diagnostics::{self, Diagnostic, Id};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::text::{decode_text, normalize, read_bytes};
use date::DateTime;
use markdown::{ReferenceKind, TocEntry};
use shortcodes::Shortcode;

/// News articles (dated, listed) or standalone pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    /// A dated news item under `content/articles`.
    Article,
    /// A standalone page under `content/pages`.
    Page,
}

/// An article or page, parsed, before it is placed in the site. Its HTML is made when its
/// page is rendered (see [`Document::take_html`]): a build that keeps the article's page from
/// the previous build never needs it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    /// Article or page.
    pub kind: DocumentKind,
    /// The source file, relative to the site folder.
    pub source: PathBuf,
    /// Title, NFC-normalised like all text.
    pub title: String,
    /// Publication date (required for articles).
    pub date: Option<DateTime>,
    /// The given summary, else the first paragraph.
    pub summary: String,
    /// Category id.
    pub category: Option<String>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Area ids.
    pub areas: Vec<String>,
    /// Indicator ids the document reports on.
    pub indicators: Vec<String>,
    /// Plan-period id.
    pub period: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Lead image path and its alt text.
    pub image: Option<(String, String)>,
    /// Built only with `--drafts`.
    pub draft: bool,
    /// The last URL segment.
    pub slug: String,
    /// Old URLs that redirect here.
    pub aliases: Vec<String>,
    /// The Markdown body, with shortcode tokens in place of the shortcodes, once known (not
    /// kept in the build cache: it is read again from the file when the HTML is needed).
    #[serde(skip)]
    markdown: std::sync::OnceLock<String>,
    /// The file to read the body from, for a document taken from a cache (its bytes are not
    /// kept: most such documents are never rendered).
    #[serde(skip)]
    file: Option<PathBuf>,
    /// The fingerprint of the Markdown body: what the body HTML is made from.
    pub body_fingerprint: Fingerprint,
    /// Body HTML, with shortcode tokens still in it, when made with the parse and not yet
    /// taken by the page.
    #[serde(skip)]
    html: Unclaimed,
    /// Headings for the table of contents.
    pub toc: Vec<TocEntry>,
    /// Number of words in the body.
    pub words: usize,
    /// The start of the body's plain text, for the search index.
    pub excerpt: String,
    /// Shortcode calls, in the order of their tokens.
    pub shortcodes: Vec<Shortcode>,
    /// Links and images in the body, with their positions in the file.
    pub links: Vec<LinkRef>,
    /// Heading ids: the anchors other pages may link to.
    pub anchors: Vec<String>,
    /// Raw HTML that runs scripts or loads from other hosts, with its line and column.
    pub risks: Vec<(markdown::Risk, usize, usize)>,
}

/// A value that its first user takes (the next one gets `None`).
#[derive(Debug, Default)]
struct Unclaimed(std::sync::Mutex<Option<String>>);

impl Unclaimed {
    fn new(value: String) -> Unclaimed {
        Unclaimed(std::sync::Mutex::new(Some(value)))
    }

    fn take(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

impl Clone for Unclaimed {
    fn clone(&self) -> Unclaimed {
        let value = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        Unclaimed(std::sync::Mutex::new(value))
    }
}

impl Document {
    /// The body HTML, with shortcode tokens still in it, for rendering the document's page.
    /// The HTML made when the file was parsed is handed over, not copied, and its memory is
    /// free for the rest of the build once the page is made (10,000 articles hold about
    /// 50 MB of it); asked for again, or for a document taken from the build cache, it is
    /// made from the Markdown, read again from the file.
    pub fn take_html(&self) -> String {
        self.html
            .take()
            .unwrap_or_else(|| markdown::render(self.markdown()).html)
    }

    /// The Markdown body, with shortcode tokens in place of the shortcodes, read again from
    /// the file (documents taken from a cache need it, and those whose HTML was taken). A
    /// file edited since it was loaded gives its new body; the next build sees the edit and
    /// makes the page again.
    fn markdown(&self) -> &str {
        self.markdown.get_or_init(|| {
            let text = self
                .file
                .as_deref()
                .and_then(|file| read_bytes(file, &self.source).ok())
                .map(|(bytes, _)| bytes)
                .and_then(|bytes| decode_text(bytes, &self.source).ok())
                .unwrap_or_default();
            markdown_body(&text, &self.source)
        })
    }
}

/// A link or image of a document, where it is written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkRef {
    /// Link or image.
    pub kind: ReferenceKind,
    /// The target as written.
    pub target: String,
    /// The image's alt text.
    pub alt: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file.
    pub col: usize,
}

/// Everything loaded from `content/` besides the statistics.
#[derive(Default)]
pub struct Content {
    /// Articles, drafts included.
    pub articles: Vec<Document>,
    /// Standalone pages, drafts included.
    pub pages: Vec<Document>,
    /// Files to copy as they are.
    pub static_files: Vec<static_files::StaticFile>,
}

/// Ids that front matter may refer to, for checking references while loading.
#[derive(Serialize)]
pub struct Known<'a> {
    /// Category ids from site.toml.
    pub categories: &'a [&'a str],
    /// Area ids from areas.csv.
    pub areas: &'a [&'a str],
    /// Plan-period ids from site.toml.
    pub periods: &'a [&'a str],
    /// Indicator ids from content/indicators.
    pub indicators: &'a [&'a str],
}

impl Known<'_> {
    /// The fingerprint of all the ids.
    pub fn fingerprint(&self) -> Fingerprint {
        let mut h = Hasher::new();
        // Lists of strings always serialise.
        h.serialize(self);
        h.finish()
    }
}

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

/// Loads every file in parallel; returns the documents and every problem found. With a
/// `cache` (the preview's, or the one `build` keeps in the output folder), files whose bytes
/// did not change are not parsed again, and files whose stamp did not change are not read.
pub fn load_all(
    root: &Path,
    files: &[PathBuf],
    kind: DocumentKind,
    known: &Known<'_>,
    cache: Option<&FileCache<Option<EncodedDocument>>>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let known_fingerprint = cache.map(|cache| {
        cache.reserve(files.len());
        known.fingerprint()
    });
    // Stamps taken now are kept only if the files were last written well before (see `Stamp`).
    let read_at = std::time::SystemTime::now();
    let (documents, problems): (Vec<Option<Document>>, Vec<Vec<Diagnostic>>) = files
        .par_iter()
        // Small pieces, so that no core is left with a long run of files while another idles.
        .with_max_len(16)
        .map(|path| {
            let shown = diagnostics::relative(root, path);
            // The cache key: the file's content and everything its parse depends on.
            let key_of = |content: Fingerprint, known: Fingerprint| {
                Hasher::new()
                    .fingerprint(content)
                    .u64(kind as u64)
                    .fingerprint(known)
                    .fingerprint(crate::fingerprint::build_id())
                    .str(&shown.to_string_lossy())
                    .finish()
            };
            // Kept documents leave their body out: it is read again if the page must be
            // rendered. One that no longer decodes is parsed again.
            let kept = |(encoded, problems): (Option<EncodedDocument>, Vec<Diagnostic>)| {
                let Some(encoded) = encoded else {
                    return Some((None, problems));
                };
                let mut document = encoded.decode()?;
                document.file = Some(path.clone());
                Some((Some(document), problems))
            };
            // A file whose stamp is the one recorded with its cached parse is not read.
            if let (Some(cache), Some(known)) = (cache, known_fingerprint) {
                let unchanged = cache.stamped(path).filter(|(_, stamp)| {
                    std::fs::metadata(path)
                        .ok()
                        .and_then(|meta| Stamp::of(&meta))
                        .is_some_and(|now| now == *stamp)
                });
                if let Some(hit) = unchanged
                    .and_then(|(content, _)| cache.get(path, key_of(content, known)))
                    .and_then(kept)
                {
                    return hit;
                }
            }
            let (bytes, meta) = match read_bytes(path, &shown) {
                Ok(read) => read,
                Err(problem) => return (None, vec![problem]),
            };
            let parse = |bytes: Vec<u8>| {
                let mut problems = Vec::new();
                let document = decode_text(bytes, &shown)
                    .map_err(|e| problems.push(e))
                    .ok()
                    .and_then(|text| parse_document(&text, &shown, kind, known, &mut problems))
                    // Its HTML is handed to its page once; asked for again, it is made again
                    // from the file.
                    .map(|document| Document {
                        file: Some(path.clone()),
                        ..document
                    });
                (document, problems)
            };
            let (Some(cache), Some(known)) = (cache, known_fingerprint) else {
                return parse(bytes);
            };
            let content = Fingerprint::of(&bytes);
            let stamped = Stamp::of(&meta)
                .filter(|stamp| stamp.settled(read_at))
                .map(|stamp| (content, stamp));
            let key = key_of(content, known);
            if let Some(hit) = cache.get(path, key).and_then(kept) {
                if let Some(stamped) = stamped {
                    cache.restamp(path, stamped);
                }
                return hit;
            }
            let (document, problems) = parse(bytes);
            let encoded = match &document {
                Some(document) => EncodedDocument::of(document).map(Some),
                None => Some(None),
            };
            if let Some(encoded) = encoded {
                cache.insert_stamped(path, key, stamped, encoded, problems.clone());
            }
            (document, problems)
        })
        .unzip();
    if let Some(cache) = cache {
        cache.retain(files);
    }
    // Collected in place: `Option<Document>` is the size of a `Document`, and `filter_map`
    // (unlike `flatten`) reuses the list's memory instead of moving every document into a
    // second one.
    #[allow(clippy::filter_map_identity)]
    let documents = documents
        .into_iter()
        .filter_map(|document| document)
        .collect();
    (documents, problems.into_iter().flatten().collect())
}

/// The Markdown body of a document's text that parsed before: what follows the front
/// matter, with shortcode tokens in place of the shortcodes.
fn markdown_body(text: &str, shown: &Path) -> String {
    let mut ignored = Vec::new();
    match frontmatter::split(text, shown) {
        Ok(split) => shortcodes::extract(split.body, split.body_line, shown, &mut ignored).0,
        Err(_) => String::new(),
    }
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
        problems.push(
            Diagnostic::error(shown, 1, 1, "the file is empty")
                .with_hint("add front matter with a title, or delete the file"),
        );
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
    let error = |key: &str, message: String, hint: &str| {
        let (line, col) = at(key);
        Diagnostic::error(shown, line, col, message).with_hint(hint.to_string())
    };
    let title = meta.title.as_deref().map(str::trim).unwrap_or("");
    if title.is_empty() {
        problems.push(
            Diagnostic::error(shown, 1, 1, "the title is missing").with_hint(match split.format {
                frontmatter::Format::Toml => "add a line `title = \"…\"` to the front matter",
                frontmatter::Format::Yaml => "add a line `title: …` to the front matter",
            }),
        );
    }
    let date = match (&meta.date, kind) {
        (Some(text), _) => match DateTime::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                problems.push(error("date", message, "dates are written year-month-day, e.g. `2024-02-01` or `2024-02-01T15:40:00+07:00`"));
                None
            }
        },
        (None, DocumentKind::Article) => {
            problems.push(
                Diagnostic::error(shown, 1, 1, "the date is missing: every article needs one")
                    .with_hint("add `date = \"2024-02-01\"` (TOML) or `date: 2024-02-01` (YAML)"),
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
                "the image has no alt text".into(),
                "add `image_alt` describing the picture for readers who cannot see it",
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
            format!("no URL can be made from `{slug_source}`"),
            "set `slug` to a few words in letters and digits, e.g. `slug = \"ke-hoach-2024\"`",
        ));
    }
    for alias in &meta.aliases {
        if let Err(message) = check_alias(alias) {
            // Written with escapes, the alias is not found as such: point at the key then.
            let (line, col) = match at_value(&split, alias) {
                (1, 1) => at("aliases"),
                found => found,
            };
            problems.push(Diagnostic::error(shown, line, col, message).with_hint("write the old address as a path on this site, e.g. `/tin-tuc/2017/01/ke-hoach-126.html`"));
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
pub fn check_alias(alias: &str) -> Result<(), String> {
    let shown = alias.escape_debug();
    if !alias.starts_with('/') {
        return Err(format!("alias `{shown}` must start with `/`"));
    }
    if alias
        .chars()
        .any(|c| c.is_control() || matches!(c, '\\' | '?' | '#' | '"' | '<' | '>'))
    {
        return Err(format!(
            "alias `{shown}` contains characters that cannot be part of a file name"
        ));
    }
    if alias
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err(format!(
            "alias `{shown}` must not contain `.` or `..` segments"
        ));
    }
    if alias.len() > 200 || alias.split('/').any(|s| s.len() > 100) {
        return Err(format!("alias `{shown}` is too long"));
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

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;

    fn known() -> Known<'static> {
        Known {
            categories: &["ke-hoach", "hoi-nghi"],
            areas: &["quan-11", "phu-loc"],
            periods: &["2016-2020"],
            indicators: &["ty-le-ho-ngheo"],
        }
    }

    fn parse(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let doc = parse_document(
            text,
            Path::new("content/articles/a.md"),
            DocumentKind::Article,
            &known(),
            &mut problems,
        );
        (doc, problems)
    }

    #[test]
    fn the_html_handed_to_a_page_is_made_again_from_the_file_if_asked_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(
            &file,
            "+++\ntitle = \"Hội nghị\"\ndate = 2024-03-01T08:00:00+07:00\n+++\n## Kết quả\n\nHộ nghèo giảm.\n",
        )
        .unwrap();
        let (documents, problems) =
            load_all(dir.path(), &[file], DocumentKind::Article, &known(), None);
        assert!(problems.is_empty(), "{problems:?}");
        let first = documents[0].take_html();
        assert!(first.contains("<h2 id=\"ket-qua\">Kết quả</h2>"), "{first}");
        assert_eq!(documents[0].take_html(), first);
    }

    #[test]
    fn a_full_toml_article() {
        let (doc, problems) = parse(
            "+++\ntitle = \"Kế hoạch giảm nghèo giai đoạn 2016–2020\"\ndate = 2017-01-18T15:55:00+07:00\ncategory = \"ke-hoach\"\ntags = [\"Giảm nghèo\"]\nareas = [\"quan-11\"]\nindicators = [\"ty-le-ho-ngheo\"]\nperiod = \"2016-2020\"\nauthor = \"Phòng LĐ-TB&XH\"\naliases = [\"/tin/126.html\"]\n+++\nQuận 11 ban hành kế hoạch.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.slug, "ke-hoach-giam-ngheo-giai-doan-2016-2020");
        assert_eq!(doc.date.unwrap().rfc3339(), "2017-01-18T15:55:00+07:00");
        assert_eq!(doc.summary, "Quận 11 ban hành kế hoạch.");
        assert_eq!(doc.author.as_deref(), Some("Phòng LĐ-TB&XH"));
    }

    #[test]
    fn a_cached_document_is_the_parsed_one_without_its_body() {
        let (doc, _) = parse(
            "+++\ntitle = \"Hội nghị tổng kết\"\ndate = 2021-03-02\ncategory = \"hoi-nghi\"\ntags = [\"Giảm nghèo\", \"Quận 11\"]\nareas = [\"quan-11\"]\n+++\n## Kết quả\n\nTỷ lệ hộ nghèo còn 0,5 %. Xem [kế hoạch](/tin-tuc/ke-hoach/).\n",
        );
        let doc = doc.unwrap();
        let encoded = crate::cache::EncodedDocument::of(&doc).unwrap();
        let back = encoded.decode().unwrap();
        // Everything but the body round-trips, so encoding again gives the same bytes.
        let again = crate::cache::EncodedDocument::of(&back).unwrap();
        assert_eq!(again.bytes(), encoded.bytes());
        assert_eq!(back.title, "Hội nghị tổng kết");
        assert_eq!(back.tags, ["Giảm nghèo", "Quận 11"]);
        assert_eq!(back.toc[0].title, "Kết quả");
        assert_eq!(back.links[0].target, "/tin-tuc/ke-hoach/");
        assert_eq!(
            (back.words, back.excerpt.as_str()),
            (doc.words, doc.excerpt.as_str())
        );
        // The body is not kept: without its file, there is none to make HTML from.
        assert!(doc.take_html().contains("<h2 id=\"ket-qua\">Kết quả</h2>"));
        assert_eq!(back.take_html(), "");
    }

    #[test]
    fn text_is_normalised_to_nfc() {
        // "Hồ" written with a combining circumflex and grave accent (NFD).
        let decomposed =
            "+++\ntitle = \"Ho\u{0302}\u{0300} so\u{031b}\"\ndate = \"2020-01-01\"\n+++\n"
                .to_string();
        let (doc, _) = parse(&normalize(decomposed));
        assert_eq!(doc.unwrap().title, "Hồ sơ");
    }

    #[test]
    fn every_problem_is_reported_with_its_position() {
        let (doc, problems) = parse(
            "---\ntitle: Tin\ndate: 2017-02-30\ncategory: ke-hoac\nareas: [quan-12]\nimage: a.jpg\n---\nBody\n",
        );
        assert!(doc.is_none());
        let texts: Vec<String> = problems.iter().map(|p| p.text(Language::En)).collect();
        let shown: Vec<(usize, usize, &str)> = problems
            .iter()
            .zip(&texts)
            .map(|(p, text)| (p.line, p.col, text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (3, 7, "`2017-02-30` is not a day of the calendar"),
                (4, 11, "unknown category `ke-hoac`"),
                (5, 9, "unknown area `quan-12`"),
                (6, 8, "the image has no alt text"),
            ]
        );
        assert_eq!(
            problems[1].hint_text(Language::En).as_deref(),
            Some("did you mean `ke-hoach`? The ids are listed in the categories in site.toml")
        );
    }

    #[test]
    fn missing_title_and_date() {
        let (_, problems) = parse("+++\nsummary = \"x\"\n+++\n");
        let texts: Vec<String> = problems.iter().map(|p| p.text(Language::En)).collect();
        let messages: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_eq!(
            messages,
            [
                "the title is missing",
                "the date is missing: every article needs one"
            ]
        );
    }

    #[test]
    fn unknown_ids_after_multibyte_letters_do_not_panic() {
        let (_, problems) =
            parse("+++\ntitle = \"Tin\"\ndate = \"năm 2017\"\nareas = [\"đquan-12\"]\n+++\n");
        let shown: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.col)).collect();
        assert_eq!(shown, [(3, 8), (4, 10)]);
    }

    #[test]
    fn aliases_must_stay_on_the_site() {
        assert!(check_alias("/tin-tuc/2017/01/a.html").is_ok());
        assert!(check_alias("../../etc").is_err());
        assert!(check_alias("/a/../../b").is_err());
        assert!(check_alias("/a\\b").is_err());
        assert!(check_alias("/a\0b").is_err());
    }
}
