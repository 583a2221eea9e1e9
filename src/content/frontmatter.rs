//! Front matter: TOML between `+++` lines or YAML between `---` lines at the top of a file.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{self, Diagnostic, Id};

/// Which language the front matter is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `+++` … `+++`
    Toml,
    /// `---` … `---`
    Yaml,
}

/// A file cut into its front matter and its body, with the lines where each starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// TOML or YAML.
    pub format: Format,
    /// The front matter text between the fences.
    pub front: &'a str,
    /// 1-based line of the file on which `front` starts.
    pub front_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Cuts `text` into front matter and body. The text must start with a `+++` or `---` line
/// (a byte-order mark before it is allowed) and the same fence must close it.
pub fn split<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end();
    let format = match first {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Err(
                Diagnostic::error(shown, 1, 1, Id::NoFrontMatter).with_hint(Id::NoFrontMatterHint)
            );
        }
    };
    let front_start = (first_end + 1).min(text.len());
    let mut offset = front_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if text[offset..end].trim_end() == first {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                format,
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(Diagnostic::error(shown, 1, 1, Id::FrontMatterNotClosed)
        .arg("fence", first)
        .with_hint(Id::FrontMatterNotClosedHint))
}

/// Deserialises the front matter into `T`, turning syntax errors and unknown keys into a
/// diagnostic at the right line and column of the file.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, shown: &Path) -> Result<T, Diagnostic> {
    match split.format {
        Format::Toml => toml::from_str(split.front)
            .map_err(|e| diagnostics::from_toml(shown, split.front, split.front_line, &e)),
        Format::Yaml => {
            let front = if split.front.trim().is_empty() {
                "{}"
            } else {
                split.front
            };
            serde_yaml_ng::from_str(front).map_err(|e| yaml_diagnostic(shown, split, &e))
        }
    }
}

fn yaml_diagnostic(shown: &Path, split: &Split<'_>, error: &serde_yaml_ng::Error) -> Diagnostic {
    // The parser counts a lone `\r` as a line break, as YAML does; the rest of baocao (and
    // every position shown) counts `\n` only, so the position comes from the byte offset.
    let (line, col) = error
        .location()
        .map_or((1, 1), |l| diagnostics::line_col(split.front, l.index()));
    let text = error.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text).trim();
    diagnostics::explain_serde_message(
        shown,
        line + split.front_line - 1,
        col,
        text,
        Id::YamlSyntaxHint,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn shown() -> &'static Path {
        Path::new("content/articles/a.md")
    }

    #[test]
    fn splits_toml_and_yaml_with_lines() {
        let s = split("+++\ntitle = \"A\"\n+++\nBody\n", shown()).unwrap();
        assert_eq!(
            (s.format, s.front, s.body, s.body_line),
            (Format::Toml, "title = \"A\"\n", "Body\n", 4)
        );
        let s = split(
            "\u{feff}---\r\ntitle: B\r\ntags: [x]\r\n---\r\nBody",
            shown(),
        )
        .unwrap();
        assert_eq!((s.format, s.body, s.body_line), (Format::Yaml, "Body", 5));
        let meta: Meta = parse(&s, shown()).unwrap();
        assert_eq!(
            (meta.title.as_str(), meta.tags),
            ("B", vec!["x".to_string()])
        );
    }

    #[test]
    fn unclosed_front_matter_is_reported_at_its_opening() {
        let e = split("+++\ntitle = \"A\"\nBody\n", shown()).unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        assert!(e.text(Language::En).contains("never closed"));
        let e = split("# Just markdown\n", shown()).unwrap_err();
        assert!(
            e.text(Language::En)
                .contains("does not start with front matter")
        );
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let s = split("+++\ntitle = \"A\"\ntags = [\"x\",\n+++\n", shown()).unwrap();
        let e = parse::<Meta>(&s, shown()).unwrap_err();
        assert_eq!((e.line, e.col), (3, 13), "{}", e.display(Language::En));
        let s = split("+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n", shown()).unwrap();
        let e = parse::<Meta>(&s, shown()).unwrap_err();
        assert_eq!((e.line, e.col), (3, 1));
        assert_eq!(e.text(Language::En), "unknown key `titel`");
        assert!(
            e.hint_text(Language::En)
                .unwrap()
                .starts_with("did you mean `title`?")
        );
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let s = split("---\ntitle: A\ntagz: [x]\n---\n", shown()).unwrap();
        let e = parse::<Meta>(&s, shown()).unwrap_err();
        assert_eq!((e.line, e.col), (3, 1), "{}", e.display(Language::En));
        assert!(e.hint_text(Language::En).unwrap().contains("`tags`"));
        let s = split("---\ntitle: [unclosed\n---\n", shown()).unwrap();
        let e = parse::<Meta>(&s, shown()).unwrap_err();
        assert!(e.line >= 2, "{}", e.display(Language::En));
    }
}
