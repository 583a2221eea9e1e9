//! Markdown to HTML: CommonMark plus tables, footnotes, strikethrough and heading ids, with a
//! table of contents and a plain-text summary gathered in the same pass.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::slug::slugify;

/// Longest automatic summary, in characters.
const SUMMARY_LEN: usize = 300;

/// One heading listed in the table of contents.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's `id`, the anchor the contents link to.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// Whether a reference is a link or an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum ReferenceKind {
    /// `[text](target)`
    Link,
    /// `![alt](target)`
    Image,
}

/// A link or image in the body, kept for `check` (targets that exist, alt text).
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// Link or image.
    pub kind: ReferenceKind,
    /// The target as written.
    pub target: String,
    /// Byte offset in the Markdown source.
    pub offset: usize,
    /// The image's alt text (empty for links).
    pub alt: String,
}

/// A rendered Markdown document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    /// The HTML of the body.
    pub html: String,
    /// Level 2 and 3 headings, in order.
    pub toc: Vec<TocEntry>,
    /// The text of the first paragraph, shortened.
    pub first_paragraph: String,
    /// Words in the text (for reading time and the search index).
    pub words: usize,
    /// The plain text of the body, for the search index.
    pub text: String,
    /// Links and images, in order.
    pub links: Vec<Reference>,
    /// The ids of all headings (link targets within the page).
    pub anchors: Vec<String>,
    /// Raw HTML that runs scripts or loads from other hosts, with its byte offset.
    pub risks: Vec<(usize, Risk)>,
}

/// Something in an author's raw HTML that a public site should not carry without a second look.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Risk {
    /// A `<script>` element.
    Script,
    /// An inline event handler attribute, e.g. `onclick`.
    EventHandler(String),
    /// A resource (image, frame, style, script) loaded from another host.
    OtherHost(String),
}

/// The risks in a piece of raw HTML, with their byte offsets in it.
pub fn html_risks(html: &str) -> Vec<(usize, Risk)> {
    let mut risks = Vec::new();
    let mut rest = html;
    let mut base = 0;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        let at = base + open;
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "script" {
            risks.push((at, Risk::Script));
        }
        for attribute in attributes(tag) {
            let (key, value) = attribute;
            let key = key.to_ascii_lowercase();
            if key.len() > 2
                && key.starts_with("on")
                && key[2..].chars().all(|c| c.is_ascii_alphabetic())
            {
                risks.push((at, Risk::EventHandler(key.clone())));
            }
            let loads = matches!(
                key.as_str(),
                "src" | "srcset" | "data" | "poster" | "background"
            ) || (key == "href" && name == "link");
            let value = value.trim();
            let external = ["http://", "https://", "//"].iter().any(|p| {
                value
                    .get(..p.len())
                    .is_some_and(|v| v.eq_ignore_ascii_case(p))
            });
            if loads && external {
                risks.push((at, Risk::OtherHost(value.to_string())));
            }
        }
        let lower = tag.to_ascii_lowercase();
        if let Some(i) = lower.find("url(") {
            let target = tag[i + 4..].trim_start_matches(['"', '\'', ' ']);
            if target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("//")
            {
                let url: String = target
                    .chars()
                    .take_while(|c| !matches!(c, ')' | '"' | '\''))
                    .collect();
                risks.push((at, Risk::OtherHost(url)));
            }
        }
        base += open + 1 + end;
        rest = &after[end..];
    }
    risks
}

/// The `name=value` attributes of a tag's text (after its name), values unquoted.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = tag.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '/');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_end == 0 {
            break;
        }
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after_equals) = rest.strip_prefix('=') else {
            found.push((name, ""));
            continue;
        };
        let after_equals = after_equals.trim_start();
        let (value, remaining) = match after_equals.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &after_equals[1..];
                let close = inner.find(q).unwrap_or(inner.len());
                (&inner[..close], inner.get(close + 1..).unwrap_or(""))
            }
            _ => {
                let close = after_equals
                    .find(char::is_whitespace)
                    .unwrap_or(after_equals.len());
                (&after_equals[..close], &after_equals[close..])
            }
        };
        found.push((name, value));
        rest = remaining;
    }
    found
}

/// The Markdown extensions baocao enables.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// What a table is wrapped in, so that a wide table scrolls on its own on narrow screens.
const TABLE_OPEN: &str = "<div class=\"table-scroll\" tabindex=\"0\">\n";
/// Closes [`TABLE_OPEN`].
const TABLE_CLOSE: &str = "</div>\n";

/// Renders `markdown` to HTML, giving every heading an id (its `{#id}` or one made from its
/// text, unique within the document) and wrapping tables so they scroll on narrow screens.
pub fn render(markdown: &str) -> Rendered {
    let (mut events, offsets): (Vec<Event<'_>>, Vec<usize>) = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(e, range)| (e, range.start))
        .unzip();
    let mut result = Rendered::default();
    let mut used_ids: Vec<String> = Vec::new();
    let mut ids = HeadingIds::default();
    let mut i = 0;
    let mut paragraph_depth: Option<usize> = None;
    let mut first_paragraph_done = false;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = *level;
                let given = id.as_ref().map(|s| s.to_string());
                let end = (i..events.len())
                    .find(|&j| matches!(events[j], Event::End(TagEnd::Heading(_))))
                    .unwrap_or(events.len());
                let title = plain_text(&events[i + 1..end]);
                let base = given.unwrap_or_else(|| {
                    let s = slugify(&title);
                    if s.is_empty() { "muc".to_string() } else { s }
                });
                let unique = ids.unique(&base);
                used_ids.push(unique.clone());
                if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                    *id = Some(CowStr::from(unique.clone()));
                }
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    result.toc.push(TocEntry {
                        level: level as u8,
                        id: unique,
                        title,
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                result.links.push(Reference {
                    kind: ReferenceKind::Link,
                    target: dest_url.to_string(),
                    offset: offsets[i],
                    alt: String::new(),
                });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let end = (i..events.len())
                    .find(|&j| matches!(events[j], Event::End(TagEnd::Image)))
                    .unwrap_or(events.len());
                let alt = plain_text(&events[i + 1..end]).trim().to_string();
                result.links.push(Reference {
                    kind: ReferenceKind::Image,
                    target: dest_url.to_string(),
                    offset: offsets[i],
                    alt,
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let risks = html_risks(html);
                result
                    .risks
                    .extend(risks.into_iter().map(|(at, risk)| (offsets[i] + at, risk)));
            }
            Event::Start(Tag::Paragraph) if !first_paragraph_done && paragraph_depth.is_none() => {
                paragraph_depth = Some(i);
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = paragraph_depth.take() {
                    let text = strip_tokens(plain_text(&events[start + 1..i]));
                    if !text.trim().is_empty() {
                        result.first_paragraph = shorten(text.trim(), SUMMARY_LEN);
                        first_paragraph_done = true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    result.anchors = used_ids;
    let text = plain_text(&events);
    result.words = count_words(&text);
    result.text = strip_tokens(text);
    // Tables are wrapped in a scrolling region: an event before the start and after the end.
    let tables = events
        .iter()
        .filter(|event| matches!(event, Event::Start(Tag::Table(_))))
        .count();
    if tables > 0 {
        let html = |text: &'static str| Event::Html(CowStr::Borrowed(text));
        let mut wrapped = Vec::with_capacity(events.len() + 2 * tables);
        for event in events {
            let (before, after) = match &event {
                Event::Start(Tag::Table(_)) => (Some(TABLE_OPEN), None),
                Event::End(TagEnd::Table) => (None, Some(TABLE_CLOSE)),
                _ => (None, None),
            };
            wrapped.extend(before.map(html));
            wrapped.push(event);
            wrapped.extend(after.map(html));
        }
        events = wrapped;
    }
    result.html.reserve(markdown.len() + markdown.len() / 4);
    pulldown_cmark::html::push_html(&mut result.html, events.into_iter());
    // Kept until the page is rendered, for every article at once: without the room left by
    // growing (up to half of it), thousands of bodies take a third less memory.
    result.html.shrink_to_fit();
    // A character reference such as `&#7;` becomes a control character: not allowed in HTML.
    if crate::text::has_unwanted_control(&result.html) {
        result.html = crate::text::normalize(std::mem::take(&mut result.html));
    }
    result
}

/// The heading ids given so far, and for each base the next suffix to try, so that a
/// thousand headings with the same text cost a thousand lookups, not a billion comparisons.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl HeadingIds {
    /// `base`, or `base-1`, `base-2`, …: the first not given yet. Suffixes below the stored
    /// one were all taken when tried, and ids are never given back, so none is skipped.
    fn unique(&mut self, base: &str) -> String {
        let id = if self.used.contains(base) {
            let n = self.next.entry(base.to_string()).or_insert(1);
            loop {
                let candidate = format!("{base}-{n}");
                *n += 1;
                if !self.used.contains(&candidate) {
                    break candidate;
                }
            }
        } else {
            base.to_string()
        };
        self.used.insert(id.clone());
        id
    }
}

/// The text content of a run of events, with block boundaries as spaces.
fn plain_text(events: &[Event<'_>]) -> String {
    // Sized first: grown piece by piece, an article's text was copied a dozen times over.
    let mut text = String::with_capacity(events.iter().filter_map(text_piece).map(str::len).sum());
    text.extend(events.iter().filter_map(text_piece));
    text
}

/// What an event adds to the plain text: its text, a space at a block boundary, or nothing.
fn text_piece<'a>(event: &'a Event<'_>) -> Option<&'a str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        Event::SoftBreak
        | Event::HardBreak
        | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
            Some(" ")
        }
        _ => None,
    }
}

/// Removes shortcode tokens (private-use delimited) from plain text.
fn strip_tokens(text: String) -> String {
    if !text.contains('\u{E000}') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '\u{E000}' => inside = true,
            '\u{E001}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

crate::text::wide_scan!(ascii_word_starts_wide, ascii_word_starts, usize);

/// The number of words in `bytes` when only ASCII white space separates them: a word starts at
/// the first byte if it is not a space, and wherever a byte that is not follows one that is.
/// Counted over pairs of bytes with no state carried from one pair to the next, so that the
/// compiler counts many pairs at once (always inlined: see [`crate::text::wide_scan`]).
#[inline(always)]
fn ascii_word_starts(bytes: &[u8]) -> usize {
    let space = |byte: u8| (byte == b' ') | (byte.wrapping_sub(b'\t') < 5);
    let first = bytes.first().is_some_and(|&byte| !space(byte));
    // Each run of 64 pairs counted in a byte (at most 64).
    let starts: usize = crate::text::pair_runs(bytes)
        .map(|(before, byte)| {
            let run = before
                .iter()
                .zip(byte)
                .fold(0u8, |n, (&b, &c)| n + u8::from(space(b) & !space(c)));
            usize::from(run)
        })
        .sum();
    usize::from(first) + starts
}

/// The number of words in `text`, as `text.split_whitespace().count()` counts them, on its
/// bytes: besides ASCII, the white-space characters are U+0085, U+00A0 (`C2 85`, `C2 A0`),
/// U+1680 (`E1 9A 80`), U+2000–U+200A, U+2028, U+2029, U+202F (`E2 80 xx`), U+205F
/// (`E2 81 9F`) and U+3000 (`E3 80 80`); every other byte belongs to a word.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Most text has no multi-byte white-space character: then only ASCII white space separates
    // words, and they are counted without a branch. Looking for one costs little: `E1` starts
    // most Vietnamese letters, but only `E1 9A 80` is a space, and the other lead bytes of
    // spaces (`C2`, `E2`, `E3`) are rare (a dash, a quote) and seldom start a space.
    let has_multibyte_space = memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes)
        .any(|i| multibyte_space(&bytes[i..]) > 0)
        || memchr::memmem::find(bytes, "\u{1680}".as_bytes()).is_some();
    if !has_multibyte_space {
        return ascii_word_starts_wide(bytes);
    }
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let space = match byte {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
            // Only these bytes can start a multi-byte white-space character.
            0xC2 | 0xE1..=0xE3 => multibyte_space(&bytes[i..]),
            _ => 0,
        };
        if space == 0 && !in_word {
            words += 1;
        }
        in_word = space == 0;
        i += space.max(1);
    }
    words
}

/// The length of the multi-byte white-space character that `bytes` starts with, or 0.
fn multibyte_space(bytes: &[u8]) -> usize {
    match bytes {
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Characters of body text kept for the search index.
const EXCERPT_CHARS: usize = 240;

/// The first words of a text (its whitespace collapsed), up to [`EXCERPT_CHARS`] characters.
pub fn excerpt(text: &str) -> String {
    // Only the start of the text can end up in the excerpt: a word is at least one character.
    // One pass over its characters: a run of white space becomes one space between words.
    let mut words = String::with_capacity(EXCERPT_CHARS * 4);
    let mut chars = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !words.is_empty();
            continue;
        }
        if space {
            if chars > EXCERPT_CHARS + 1 {
                break;
            }
            words.push(' ');
            chars += 1;
            space = false;
        }
        words.push(c);
        chars += 1;
    }
    shorten(&words, EXCERPT_CHARS)
}

/// Cuts `text` to at most `max` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let cut = &text[..end];
    let cut = cut.rsplit_once(' ').map_or(cut, |(head, _)| head);
    [cut.trim_end_matches([',', ';', ':', ' ']), "…"].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_that_runs_or_loads_from_elsewhere_is_noticed() {
        let r = render(
            "Văn bản.\n\n<script>alert(1)</script>\n\n<img src=\"https://cdn.example.com/a.png\" alt=\"a\" onerror=\"x()\">\n\n<a href=\"https://chinhphu.vn\">ok</a> <img src=\"/anh/a.png\" alt=\"\">\n\n<div style=\"background: url('//x.example/b.png')\"></div>\n",
        );
        let risks: Vec<&Risk> = r.risks.iter().map(|(_, risk)| risk).collect();
        assert_eq!(
            risks,
            [
                &Risk::Script,
                &Risk::OtherHost("https://cdn.example.com/a.png".into()),
                &Risk::EventHandler("onerror".into()),
                &Risk::OtherHost("//x.example/b.png".into()),
            ]
        );
        // Positions point at the tag in the Markdown.
        assert_eq!(r.risks[0].0, "Văn bản.\n\n".len());
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let r = render("## Mục tiêu\n\ntext\n\n### Mục tiêu\n\n## Kết quả {#ket-qua-2013}\n");
        assert!(
            r.html.contains("<h2 id=\"muc-tieu\">Mục tiêu</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"muc-tieu-1\">"));
        assert!(r.html.contains("<h2 id=\"ket-qua-2013\">Kết quả</h2>"));
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["muc-tieu", "muc-tieu-1", "ket-qua-2013"]);
    }

    #[test]
    fn tables_footnotes_and_strikethrough() {
        let r = render(
            "| Năm | Giảm |\n|---|---|\n| 2016 | 1,57 |\n\nXem[^1] ~~900~~ 1.328.\n\n[^1]: Báo cáo năm 2013.\n",
        );
        assert!(
            r.html
                .contains("<div class=\"table-scroll\" tabindex=\"0\">\n<table>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<td>1,57</td>"));
        assert!(r.html.contains("<del>900</del>"));
        assert!(r.html.contains("class=\"footnote-definition\""));
    }

    #[test]
    fn links_and_images_are_collected_with_offsets() {
        let r = render(
            "Xem [kế hoạch](/tin-tuc/ke-hoach/#muc-tieu).\n\n![](/anh/a.jpg) ![Hội nghị](/anh/b.jpg)\n",
        );
        let found: Vec<(ReferenceKind, &str, usize, &str)> = r
            .links
            .iter()
            .map(|l| (l.kind, l.target.as_str(), l.offset, l.alt.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (ReferenceKind::Link, "/tin-tuc/ke-hoach/#muc-tieu", 4, ""),
                (ReferenceKind::Image, "/anh/a.jpg", 50, ""),
                (ReferenceKind::Image, "/anh/b.jpg", 66, "Hội nghị"),
            ]
        );
    }

    #[test]
    fn summary_is_the_first_real_paragraph() {
        let r = render(
            "## Tiêu đề\n\n\u{E000}bcsc0\u{E001}\n\nNăm 2013, quận có **1.328** hộ thoát nghèo.\n\nĐoạn sau.",
        );
        assert_eq!(r.first_paragraph, "Năm 2013, quận có 1.328 hộ thoát nghèo.");
        assert_eq!(shorten("một hai ba bốn", 9), "một hai…");
        // Exactly `max` characters stay whole; one more is cut at the last space.
        assert_eq!(shorten("một hai ba", 10), "một hai ba");
        assert_eq!(shorten("một hai ba", 9), "một hai…");
        assert_eq!(shorten("một, hai ba", 8), "một…");
        assert_eq!(shorten("mộthaiba", 3), "một…");
    }
}
