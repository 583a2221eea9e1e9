//! Shortcodes that embed live data in prose: `{{ chart(indicator="…", area="…") }}`.
//!
//! They are cut out of the Markdown *before* it is parsed and replaced by inert tokens that
//! Markdown cannot mangle; the renderer later swaps each token for the shortcode's HTML.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Id};

/// Which shortcode it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShortcodeKind {
    /// The indicator's trend chart for an area.
    Chart,
    /// The progress bar against the area's target(s).
    Progress,
    /// One formatted number.
    Value,
    /// The data table of an indicator for an area.
    Table,
}

impl ShortcodeKind {
    const ALL: [(&'static str, ShortcodeKind); 4] = [
        ("chart", ShortcodeKind::Chart),
        ("progress", ShortcodeKind::Progress),
        ("value", ShortcodeKind::Value),
        ("table", ShortcodeKind::Table),
    ];

    /// The name used in Markdown.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(n, _)| n)
    }

    /// (required, optional) argument names.
    pub fn arguments(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ShortcodeKind::Chart | ShortcodeKind::Table => (&["indicator", "area"], &[]),
            ShortcodeKind::Progress => (&["indicator", "area"], &["period"]),
            ShortcodeKind::Value => (&["indicator", "area", "period"], &[]),
        }
    }

    /// True when the shortcode renders a block (figure, table) that must stand on its own line.
    pub fn is_block(self) -> bool {
        self != ShortcodeKind::Value
    }
}

/// One shortcode call found in a document.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Shortcode {
    /// Which shortcode.
    pub kind: ShortcodeKind,
    /// `indicator`, `area` and, where allowed, `period`.
    pub indicator: String,
    /// The area id.
    pub area: String,
    /// The period, for `value` and optionally `progress`.
    pub period: Option<String>,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column of `{{`.
    pub col: usize,
}

/// The token standing in for shortcode `index` in Markdown and in the rendered HTML.
pub fn token(index: usize) -> String {
    format!("\u{E000}bcsc{index}\u{E001}")
}

/// Replaces every shortcode in `body` (whose first line is line `first_line` of the file) by
/// its token; returns the new text and the shortcodes in order. Problems are pushed, and the
/// faulty call is left in the text as written.
pub fn extract(
    body: &str,
    first_line: usize,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (String, Vec<Shortcode>) {
    // Most articles have no shortcode: one search over the whole body settles it.
    if memchr::memmem::find(body.as_bytes(), b"{{").is_none() {
        return (body.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(body.len());
    let mut found = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        if !line.contains("{{") {
            out.push_str(line);
            continue;
        }
        scan_line(line, first_line + i, shown, problems, &mut out, &mut found);
    }
    (out, found)
}

fn scan_line(
    line: &str,
    line_no: usize,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
    out: &mut String,
    found: &mut Vec<Shortcode>,
) {
    let mut rest = line;
    let mut consumed = 0;
    let mut in_code = false;
    // Each search goes over a part of the line once, so that a long line stays linear:
    // backticks are found in one pass, a `{{` only before the next backtick, and columns
    // (in characters) are counted from where the previous count stopped.
    let mut ticks = line.match_indices('`').map(|(i, _)| i).peekable();
    let (mut counted_bytes, mut counted_chars) = (0, 0);
    while !rest.is_empty() {
        while ticks.next_if(|&i| i < consumed).is_some() {}
        let next_tick = ticks.peek().map(|&i| i - consumed);
        let next_open = if in_code {
            None
        } else {
            rest[..next_tick.unwrap_or(rest.len())].find("{{")
        };
        match (next_tick, next_open) {
            (Some(t), None) => {
                out.push_str(&rest[..=t]);
                in_code = !in_code;
                consumed += t + 1;
                rest = &rest[t + 1..];
            }
            (_, Some(o)) => {
                out.push_str(&rest[..o]);
                counted_chars += line[counted_bytes..consumed + o].chars().count();
                counted_bytes = consumed + o;
                let col = counted_chars + 1;
                let call = &rest[o..];
                match call.find("}}") {
                    None => {
                        problems.push(
                            Diagnostic::error(shown, line_no, col, Id::ShortcodeNotClosed)
                                .with_hint(Id::ShortcodeNotClosedHint),
                        );
                        out.push_str(call);
                        return;
                    }
                    Some(end) => {
                        let inner = &call[2..end];
                        let is_alone = line.trim() == call[..end + 2].trim()
                            && consumed + o == line.len() - line.trim_start().len();
                        match parse_call(inner.trim(), line_no, col) {
                            Ok(mut code) => {
                                if code.kind.is_block() && !is_alone {
                                    problems.push(
                                        Diagnostic::error(
                                            shown,
                                            line_no,
                                            col,
                                            Id::ShortcodeNotAlone,
                                        )
                                        .arg("name", code.kind.name())
                                        .with_hint(Id::ShortcodeNotAloneHint),
                                    );
                                }
                                code.col = col;
                                out.push_str(&token(found.len()));
                                found.push(code);
                            }
                            Err(problem) => {
                                problems.push(Diagnostic {
                                    path: shown.to_path_buf(),
                                    ..problem
                                });
                                out.push_str(&call[..end + 2]);
                            }
                        }
                        consumed += o + end + 2;
                        rest = &call[end + 2..];
                    }
                }
            }
            (None, None) => {
                out.push_str(rest);
                return;
            }
        }
    }
}

fn parse_call(inner: &str, line: usize, col: usize) -> Result<Shortcode, Diagnostic> {
    let err = |message: Id| Diagnostic::error("", line, col, message);
    let Some((name, args)) = inner.split_once('(') else {
        return Err(err(Id::NotShortcodeCall)
            .arg("inner", inner)
            .with_hint(Id::ShortcodeUsageHint));
    };
    let name = name.trim();
    let Some(kind) = ShortcodeKind::ALL
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, k)| *k)
    else {
        let names: Vec<&str> = ShortcodeKind::ALL.iter().map(|(n, _)| *n).collect();
        let problem = err(Id::UnknownShortcode)
            .arg("name", name)
            .arg("names", names.join(", "));
        return Err(
            match crate::diagnostics::did_you_mean(name, names.iter().copied()) {
                Some(best) => problem
                    .with_hint(Id::DidYouMeanShortcodeHint)
                    .arg("best", best),
                None => problem.with_hint(Id::ShortcodesAreHint),
            },
        );
    };
    let Some(args) = args.trim_end().strip_suffix(')') else {
        return Err(err(Id::ShortcodeNoClosingParen)
            .arg("name", name)
            .with_hint(Id::ShortcodeUsageHint));
    };
    let (required, optional) = kind.arguments();
    let mut values: Vec<(&str, String)> = Vec::new();
    for arg in split_args(args) {
        let arg = arg.trim();
        if arg.is_empty() {
            continue;
        }
        let Some((key, value)) = arg.split_once('=') else {
            return Err(err(Id::ShortcodeBadArgument)
                .arg("arg", arg)
                .with_hint(Id::ShortcodeUsageHint));
        };
        let key = key.trim();
        if !required.contains(&key) && !optional.contains(&key) {
            let all: Vec<&str> = required.iter().chain(optional).copied().collect();
            return Err(err(Id::ShortcodeUnknownArgument)
                .arg("name", name)
                .arg("key", key)
                .with_hint(Id::ShortcodeArgumentsHint)
                .arg("all", all.join(", ")));
        }
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        values.push((key, unquoted.to_string()));
    }
    let get = |key: &str| {
        values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    };
    for key in required {
        if get(key).is_none() {
            return Err(err(Id::ShortcodeMissingArgument)
                .arg("name", name)
                .arg("key", key)
                .with_hint(Id::ShortcodeMissingArgumentHint)
                .arg("required", required.join(", ")));
        }
    }
    Ok(Shortcode {
        kind,
        indicator: get("indicator").unwrap_or_default(),
        area: get("area").unwrap_or_default(),
        period: get("period"),
        line,
        col,
    })
}

/// Splits `a="x, y", b=2` at commas outside quotes.
fn split_args(args: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in args.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ',') => {
                parts.push(&args[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&args[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;

    fn run(body: &str) -> (String, Vec<Shortcode>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let (text, codes) = extract(body, 5, Path::new("a.md"), &mut problems);
        (text, codes, problems)
    }

    #[test]
    fn extracts_block_and_inline_calls_with_positions() {
        let (text, codes, problems) = run(
            "Tỷ lệ năm 2015 là {{ value(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\", period=\"2015\") }}.\n\n{{ chart(indicator='ty-le-ho-ngheo', area=\"phu-loc\") }}\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(codes.len(), 2);
        assert_eq!(
            (codes[0].kind, codes[0].line, codes[0].col),
            (ShortcodeKind::Value, 5, 19)
        );
        assert_eq!(codes[0].period.as_deref(), Some("2015"));
        assert_eq!(
            (codes[1].kind, codes[1].line, codes[1].col),
            (ShortcodeKind::Chart, 7, 1)
        );
        assert_eq!(
            text,
            format!("Tỷ lệ năm 2015 là {}.\n\n{}\n", token(0), token(1))
        );
    }

    #[test]
    fn code_is_left_alone() {
        let body = "`{{ chart(x) }}`\n```\n{{ nope() }}\n```\n";
        let (text, codes, problems) = run(body);
        assert_eq!((text.as_str(), codes.len(), problems.len()), (body, 0, 0));
    }

    #[test]
    fn errors_name_line_and_column() {
        let (_, codes, problems) = run(
            "a\nxx {{ chrat(indicator=\"a\", area=\"b\") }}\n{{ chart(indicator=\"a\") }}\nsee {{ table(indicator=\"a\", area=\"b\") }}\n{{ value(indicator=\"a\"\n",
        );
        assert_eq!(codes.len(), 1);
        let texts: Vec<String> = problems.iter().map(|p| p.text(Language::En)).collect();
        let shown: Vec<(usize, usize, &str)> = problems
            .iter()
            .zip(&texts)
            .map(|(p, text)| (p.line, p.col, text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (6, 4, "unknown shortcode `chrat`"),
                (7, 1, "the `chart` shortcode needs the argument `area`"),
                (
                    8,
                    5,
                    "the `table` shortcode must stand on a line of its own"
                ),
                (
                    9,
                    1,
                    "a shortcode opened with `{{` is not closed on the same line"
                ),
            ]
        );
        assert!(
            problems[0]
                .hint_text(Language::En)
                .as_deref()
                .unwrap()
                .contains("`chart`")
        );
        assert_eq!(problems[0].path, Path::new("a.md"));
    }
}
