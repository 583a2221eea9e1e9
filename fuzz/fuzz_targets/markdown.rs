//! The whole Markdown-to-HTML step: `parse_document` (front matter, references, shortcodes,
//! Markdown) as an article and as a page, and `markdown::render` on its own.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use baocao::content::{DocumentKind, Known, markdown, parse_document};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|text: &str| {
    let known = Known {
        categories: &["ke-hoach", "tin-hoat-dong"],
        areas: &["quan-11", "phu-loc", "lien-chieu"],
        periods: &["2016-2020", "2021-2025"],
        indicators: &["ty-le-ho-ngheo", "so-ho-ngheo"],
    };
    let shown = Path::new("content/articles/2024/a.md");
    for kind in [DocumentKind::Article, DocumentKind::Page] {
        let mut problems = Vec::new();
        let document = parse_document(text, shown, kind, &known, &mut problems);
        common::check_positions(&problems, text);
        if let Some(document) = document {
            assert!(!document.slug.is_empty());
            let lines = text.split('\n').count();
            for link in &document.links {
                assert!(link.line >= 1 && link.line <= lines && link.col >= 1, "{link:?}");
            }
        }
    }
    let rendered = markdown::render(text);
    let anchors: HashSet<&str> = rendered.anchors.iter().map(String::as_str).collect();
    assert_eq!(anchors.len(), rendered.anchors.len(), "heading ids are unique");
    for entry in &rendered.toc {
        assert!(anchors.contains(entry.id.as_str()));
    }
    for link in &rendered.links {
        assert!(link.offset <= text.len());
    }
});
