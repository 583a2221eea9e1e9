//! The document model: an article or a page as parsed, its links, and what loading
//! `content/` gives the rest of the build.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::date::DateTime;
use super::markdown::{self, ReferenceKind, TocEntry};
use super::shortcodes::{self, Shortcode};
use super::{frontmatter, static_files};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::text::{decode_text, read_bytes};

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
    pub(super) markdown: std::sync::OnceLock<String>,
    /// The file to read the body from, for a document taken from a cache (its bytes are not
    /// kept: most such documents are never rendered).
    #[serde(skip)]
    pub(super) file: Option<PathBuf>,
    /// The fingerprint of the Markdown body: what the body HTML is made from.
    pub body_fingerprint: Fingerprint,
    /// Body HTML, with shortcode tokens still in it, when made with the parse and not yet
    /// taken by the page.
    #[serde(skip)]
    pub(super) html: Unclaimed,
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
pub(super) struct Unclaimed(std::sync::Mutex<Option<String>>);

impl Unclaimed {
    pub(super) fn new(value: String) -> Unclaimed {
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

/// The Markdown body of a document's text that parsed before: what follows the front
/// matter, with shortcode tokens in place of the shortcodes.
fn markdown_body(text: &str, shown: &Path) -> String {
    let mut ignored = Vec::new();
    match frontmatter::split(text, shown) {
        Ok(split) => shortcodes::extract(split.body, split.body_line, shown, &mut ignored).0,
        Err(_) => String::new(),
    }
}
