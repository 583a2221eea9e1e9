//! Articles and pages: files under `content/articles` and `content/pages`, read, checked and
//! rendered to HTML once, in parallel.

pub mod date;
mod document;
mod encoded;
pub mod frontmatter;
pub mod markdown;
mod parse;
pub mod shortcodes;
pub mod slug;
pub mod static_files;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::{FileCache, Stamp};
use crate::diagnostics::{self, Diagnostic};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::text::{decode_text, read_bytes};
pub use document::{Content, Document, DocumentKind, Known, LinkRef};
pub use encoded::EncodedDocument;
pub use parse::{check_alias, parse_document};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Encoded as _;
    #[allow(unused_imports)]
    use crate::language::Language;
    use crate::text::normalize;

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
        let encoded = EncodedDocument::of(&doc).unwrap();
        let back = encoded.decode().unwrap();
        // Everything but the body round-trips, so encoding again gives the same bytes.
        let again = EncodedDocument::of(&back).unwrap();
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
