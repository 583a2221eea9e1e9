//! The shortcode scanner on arbitrary text.
#![no_main]

use std::path::Path;

use baocao::content::shortcodes;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|text: &str| {
    let shown = Path::new("content/articles/a.md");
    let mut problems = Vec::new();
    let (out, found) = shortcodes::extract(text, 1, shown, &mut problems);
    common::check_positions(&problems, text);
    let lines = text.split('\n').count();
    for code in &found {
        assert!(code.line >= 1 && code.line <= lines && code.col >= 1, "{code:?}");
    }
    if found.is_empty() {
        assert_eq!(out, text, "text without a valid shortcode is left as written");
    }
    // Lines are counted from the body's first line.
    let mut shifted = Vec::new();
    let (_, again) = shortcodes::extract(text, 7, shown, &mut shifted);
    assert_eq!(again.len(), found.len());
    for (a, b) in found.iter().zip(&again) {
        assert_eq!((a.line + 6, a.col), (b.line, b.col));
    }
});
