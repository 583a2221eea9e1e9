//! The front matter splitter and the TOML/YAML parsing behind it, on arbitrary text.
#![no_main]

use std::path::Path;

use baocao::content::frontmatter;
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

mod common;

/// Keys like an article's, so that unknown keys, wrong types and "did you mean" run too.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Meta {
    title: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    areas: Vec<String>,
    #[serde(default)]
    draft: bool,
    decimals: Option<u8>,
}

fuzz_target!(|text: &str| {
    let shown = Path::new("content/articles/a.md");
    let split = match frontmatter::split(text, shown) {
        Ok(split) => split,
        Err(problem) => {
            common::check_positions(&[problem], text);
            return;
        }
    };
    let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
    assert!(unmarked.ends_with(split.body));
    assert!(unmarked.contains(split.front));
    assert_eq!(split.front_line, 2);
    if !split.body.is_empty() {
        let before = &unmarked[..unmarked.len() - split.body.len()];
        assert_eq!(split.body_line, before.matches('\n').count() + 1);
    }
    let mut problems = Vec::new();
    if let Err(e) = frontmatter::parse::<serde::de::IgnoredAny>(&split, shown) {
        problems.push(e);
    }
    if let Err(e) = frontmatter::parse::<Meta>(&split, shown) {
        problems.push(e);
    }
    common::check_positions(&problems, text);
});
