//! Problems found in a site's content, reported as `path:line:col: message` plus a hint.
//!
//! Loading never stops at the first problem: every stage pushes what it finds into a
//! `Vec<Diagnostic>` and carries on, so one run lists everything a writer has to fix.

pub mod catalogue;

use std::fmt;
use std::path::{Path, PathBuf};

pub use catalogue::Id;

use crate::language::Language;

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
    pub message: Text,
    /// How to fix it.
    pub hint: Option<Text>,
    /// The values of the placeholders of the message and the hint.
    pub args: Vec<(&'static str, Arg)>,
}

/// The text of a message or a hint: an entry of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Text {
    /// An entry of the catalogue.
    Id(Id),
}

impl From<Id> for Text {
    fn from(id: Id) -> Self {
        Text::Id(id)
    }
}

/// The value of one placeholder.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// The user's data, shown as it is: a file name, a key, a value.
    Data(String),
    /// A word of the catalogue, shown in the reader's language (the kind of a value, say).
    Word(Id),
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<Text>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            col,
            message: message.into(),
            hint: None,
            args: Vec::new(),
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<Text>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// An error whose place is not known yet (a parser's); [`Diagnostic::at`] places it.
    pub fn unplaced(message: impl Into<Text>) -> Self {
        Diagnostic::error(PathBuf::new(), 0, 0, message)
    }

    /// Adds the "how to fix it" line.
    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Gives the placeholder `{name}` (of the message or the hint) a value from the user's
    /// data.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, Arg::Data(value.to_string())));
        self
    }

    /// Gives the placeholder `{name}` a word of the catalogue.
    pub fn word(mut self, name: &'static str, word: Id) -> Self {
        self.args.push((name, Arg::Word(word)));
        self
    }

    /// Gives the placeholder `{reason}` why a file could not be read or written: the reader's
    /// words for the usual reasons, the system's text for the others.
    pub fn io_reason(self, error: &std::io::Error) -> Self {
        match error.kind() {
            std::io::ErrorKind::NotFound => self.word("reason", Id::IoNotFound),
            std::io::ErrorKind::PermissionDenied => self.word("reason", Id::IoPermissionDenied),
            std::io::ErrorKind::AlreadyExists => self.word("reason", Id::IoAlreadyExists),
            std::io::ErrorKind::IsADirectory => self.word("reason", Id::IoIsADirectory),
            std::io::ErrorKind::NotADirectory => self.word("reason", Id::IoNotADirectory),
            std::io::ErrorKind::AddrInUse => self.word("reason", Id::IoAddressInUse),
            _ => self.arg("reason", error),
        }
    }

    /// The same problem at another place (for problems found before their place is known).
    pub fn at(self, path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            col,
            ..self
        }
    }

    /// True for errors (as opposed to warnings).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What is wrong, in `language`.
    pub fn text(&self, language: Language) -> String {
        self.render(&self.message, language)
    }

    /// How to fix it, in `language`.
    pub fn hint_text(&self, language: Language) -> Option<String> {
        self.hint.as_ref().map(|hint| self.render(hint, language))
    }

    /// The diagnostic as the console shows it in `language`: `path:line:col: error: message`
    /// (without the place when it has none), then `  hint: …` on a line of its own.
    pub fn display(&self, language: Language) -> Shown<'_> {
        Shown {
            diagnostic: self,
            language,
        }
    }

    fn render(&self, text: &Text, language: Language) -> String {
        let Text::Id(id) = text;
        let template = id.entry().text(language);
        let args: Vec<(&'static str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| match arg {
                Arg::Data(value) => (*name, value.clone()),
                Arg::Word(id) => (*name, id.entry().text(language).to_string()),
            })
            .collect();
        catalogue::fill(template, &args)
    }
}

/// A diagnostic put into words in one language, for `{}`.
pub struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    language: Language,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let kind = match d.severity {
            Severity::Error => Id::Error,
            Severity::Warning => Id::Warning,
        };
        if !d.path.as_os_str().is_empty() {
            write!(f, "{}:{}:{}: ", d.path.display(), d.line, d.col)?;
        }
        write!(
            f,
            "{}: {}",
            kind.entry().text(self.language),
            d.text(self.language)
        )?;
        if let Some(hint) = d.hint_text(self.language) {
            write!(f, "\n  {}: {hint}", Id::Hint.entry().text(self.language))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line and column so that reports are stable run to run.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(|d| {
        (
            d.path.clone(),
            d.line,
            d.col,
            d.severity,
            d.text(Language::En),
        )
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
    explain_serde_message(
        path,
        line + first_line - 1,
        col,
        error.message().trim(),
        Id::TomlSyntaxHint,
    )
}

/// The error at `path:line:col` for a message of serde, in plain words with a hint: "unknown
/// field `x`, expected one of `a`, `b`" becomes an unknown key with a "did you mean";
/// "unknown variant" names the allowed values; "invalid type: …, expected …" says what to
/// write. Other messages are shown as the parser wrote them, with the hint `syntax`.
pub fn explain_serde_message(
    path: &Path,
    line: usize,
    col: usize,
    message: &str,
    syntax: Id,
) -> Diagnostic {
    let error = |id: Id| Diagnostic::error(path, line, col, id);
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let quoted: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
        let diagnostic = error(Id::NotAllowedValue)
            .arg("value", value)
            .arg("allowed", quoted.join(", "));
        return match did_you_mean(value, allowed.iter().copied()) {
            Some(best) => diagnostic
                .with_hint(Id::DidYouMeanValueHint)
                .arg("best", best),
            None => diagnostic.with_hint(Id::WriteOneOfHint),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let wanted = if expected.contains("sequence") {
            Some(Id::ListExpectedHint)
        } else if expected.contains("string") || expected.contains("str") {
            Some(Id::TextExpectedHint)
        } else if expected.contains("bool") {
            Some(Id::BoolExpectedHint)
        } else if expected.contains("integer")
            || expected.starts_with('i')
            || expected.starts_with('u')
        {
            Some(Id::IntegerExpectedHint)
        } else if expected.contains("f64") || expected.contains("float") {
            Some(Id::NumberExpectedHint)
        } else {
            None
        };
        if let Some(hint) = wanted {
            return found_value(error, found).with_hint(hint);
        }
    }
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'));
    let Some((key, expected)) = unknown else {
        return error(Id::SyntaxError)
            .arg("detail", message)
            .with_hint(syntax);
    };
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let diagnostic = error(Id::UnknownKey)
        .arg("key", key)
        .arg("valid", valid.join(", "));
    match did_you_mean(key, valid.iter().copied()) {
        Some(best) => diagnostic
            .with_hint(Id::DidYouMeanKeyHint)
            .arg("best", best),
        None => diagnostic.with_hint(Id::RemoveOrUseOneOfHint),
    }
}

/// "wrong kind of value: found …", with serde's name of the kind found (`string "x"`,
/// `integer `5``) in the reader's words.
fn found_value(error: impl Fn(Id) -> Diagnostic, found: &str) -> Diagnostic {
    const KINDS: [(&str, Id); 6] = [
        ("string ", Id::KindText),
        ("integer ", Id::KindInteger),
        ("floating point ", Id::KindNumber),
        ("boolean ", Id::KindBoolean),
        ("sequence", Id::KindList),
        ("map", Id::KindTable),
    ];
    let kind = KINDS
        .iter()
        .find_map(|(prefix, id)| found.strip_prefix(prefix).map(|value| (*id, value.trim())));
    match kind {
        Some((kind, "")) => error(Id::WrongKind).word("kind", kind),
        Some((kind, value)) => error(Id::WrongKindValue)
            .word("kind", kind)
            .arg("value", value),
        None => error(Id::WrongKindOther).arg("value", found),
    }
}

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
        let explain = |message: &str| {
            let d = explain_serde_message(Path::new("a.toml"), 1, 1, message, Id::TomlSyntaxHint);
            (d.text(Language::En), d.hint_text(Language::En).unwrap())
        };
        let (message, hint) = explain("unknown variant `xuong`, expected `up` or `down`");
        assert_eq!(message, "`xuong` is not an allowed value here");
        assert_eq!(hint, "write one of: \"up\", \"down\"");
        let (message, hint) = explain("invalid type: string \"giảm nghèo\", expected a sequence");
        assert_eq!(message, "wrong kind of value: found string \"giảm nghèo\"");
        assert!(hint.starts_with("a list is expected here"));
        let (_, hint) = explain("invalid type: string \"5\", expected u8");
        assert!(hint.starts_with("a whole number"));
        let d = explain_serde_message(
            Path::new("a.toml"),
            1,
            1,
            "invalid type: string \"giảm nghèo\", expected a sequence",
            Id::TomlSyntaxHint,
        );
        assert_eq!(
            d.text(Language::Vi),
            "giá trị không đúng loại: ở đây là văn bản \"giảm nghèo\""
        );
    }

    #[test]
    fn display_is_path_line_col_message_hint_in_each_language() {
        let d = Diagnostic::error("content/a.md", 3, 7, Id::UnknownCategory)
            .arg("value", "tin")
            .word("defined_in", Id::InSiteCategories)
            .with_hint(Id::UseOneOfFromHint)
            .arg("valid", "ke-hoach");
        assert_eq!(
            d.display(Language::En).to_string(),
            "content/a.md:3:7: error: unknown category `tin`\n  \
             hint: use one of: ke-hoach (from the categories in site.toml)"
        );
        assert_eq!(
            d.display(Language::Vi).to_string(),
            "content/a.md:3:7: lỗi: không có chuyên mục `tin`\n  \
             gợi ý: dùng một trong: ke-hoach (xem các chuyên mục trong site.toml)"
        );
    }
}
