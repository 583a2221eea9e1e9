//! Problems found in a site's content, reported as `path:line:col: message` plus a hint.
//!
//! Loading never stops at the first problem: every stage pushes what it finds into a
//! `Vec<Diagnostic>` and carries on, so one run lists everything a writer has to fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings are reported and the build goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build writes nothing and exits 1.
    Error,
    /// Reported; the build still writes (unless `--strict`).
    Warning,
}

/// One problem in one place of one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site folder when it lies inside it.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column counted in characters, not bytes.
    pub col: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            col,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// Adds the "how to fix it" line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors (as opposed to warnings).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {kind}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line and column so that reports are stable run to run.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// A path shown relative to the site folder when it lies inside it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Turns a TOML parse or deserialisation error into a diagnostic. `first_line` is the line of
/// the file on which `text` starts (front matter starts on line 2 of an article).
pub fn from_toml(
    path: &Path,
    text: &str,
    first_line: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    let (line, col) = error
        .span()
        .map_or((1, 1), |span| line_col(text, span.start));
    let message = error.message().trim().to_string();
    let (message, hint) = explain_serde_message(&message);
    let diagnostic = Diagnostic::error(path, line + first_line - 1, col, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic.with_hint(
            "check the TOML syntax: `key = \"text\"`, `key = 123`, `key = [\"a\", \"b\"]`",
        ),
    }
}

/// Rewrites serde's messages into plain words with a hint: "unknown field `x`, expected one
/// of `a`, `b`" becomes an unknown key with a "did you mean"; "unknown variant" names the
/// allowed values; "invalid type: …, expected …" says what to write. Other messages pass
/// through with no hint.
pub fn explain_serde_message(message: &str) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let quoted: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
        let hint = match did_you_mean(value, allowed.iter().copied()) {
            Some(best) => format!("did you mean \"{best}\"? Allowed: {}", quoted.join(", ")),
            None => format!("write one of: {}", quoted.join(", ")),
        };
        return (
            format!("`{value}` is not an allowed value here"),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let wanted = if expected.contains("sequence") {
            Some(
                "a list is expected here: write it in brackets, e.g. `[\"giảm nghèo\", \"kế hoạch\"]`",
            )
        } else if expected.contains("string") || expected.contains("str") {
            Some("text is expected here: put it in double quotes, e.g. `\"Quận 11\"`")
        } else if expected.contains("bool") {
            Some("write `true` or `false` (without quotes)")
        } else if expected.contains("integer")
            || expected.starts_with('i')
            || expected.starts_with('u')
        {
            Some("a whole number is expected here, without quotes, e.g. `10`")
        } else if expected.contains("f64") || expected.contains("float") {
            Some("a number is expected here, without quotes, with `.` for decimals, e.g. `4.85`")
        } else {
            None
        };
        if let Some(hint) = wanted {
            return (
                format!("wrong kind of value: found {found}"),
                Some(hint.to_string()),
            );
        }
    }
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return (message.to_string(), None);
    };
    let Some((key, expected)) = rest.split_once('`') else {
        return (message.to_string(), None);
    };
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let what = format!("unknown key `{key}`");
    let hint = match did_you_mean(key, valid.iter().copied()) {
        Some(best) => format!(
            "did you mean `{best}`? Valid keys here: {}",
            valid.join(", ")
        ),
        None => format!("remove it, or use one of: {}", valid.join(", ")),
    };
    (what, Some(hint))
}

/// The standard hint for a file that is not UTF-8 (usually Excel's legacy "CSV" export).
pub const NOT_UTF8_HINT: &str = "save the file as UTF-8: in Excel choose File → Save As → \
\"CSV UTF-8 (Comma delimited) (*.csv)\"; in a text editor choose the UTF-8 encoding";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nđịa bàn = x\n";
        let offset = text.find('x').unwrap();
        assert_eq!(line_col(text, offset), (2, 11));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn suggestions_find_close_keys_only() {
        let keys = ["title", "base_url", "language", "description"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("baseurl", keys), Some("base_url"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(
            did_you_mean("quan-12", ["quan-11", "phu-loc"]),
            Some("quan-11")
        );
    }

    #[test]
    fn serde_messages_become_plain_words() {
        let (message, hint) =
            explain_serde_message("unknown variant `xuong`, expected `up` or `down`");
        assert_eq!(message, "`xuong` is not an allowed value here");
        assert_eq!(hint.as_deref(), Some("write one of: \"up\", \"down\""));
        let (message, hint) =
            explain_serde_message("invalid type: string \"giảm nghèo\", expected a sequence");
        assert_eq!(message, "wrong kind of value: found string \"giảm nghèo\"");
        assert!(hint.unwrap().starts_with("a list is expected here"));
        let (_, hint) = explain_serde_message("invalid type: string \"5\", expected u8");
        assert!(hint.unwrap().starts_with("a whole number"));
    }

    #[test]
    fn display_is_path_line_col_message_hint() {
        let d = Diagnostic::error("content/a.md", 3, 7, "unknown category `tin`")
            .with_hint("use one of: ke-hoach");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: unknown category `tin`\n  hint: use one of: ke-hoach"
        );
    }
}
