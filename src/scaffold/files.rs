//! What `new` and `init` share: how they fail, and how they fill and write a file.

use std::io::Write;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Id};
use crate::language::Language;

/// Why `new` or `init` wrote nothing.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The arguments cannot work (an empty title): exit status 2.
    Usage(Diagnostic),
    /// The site cannot be read, or a file or folder is in the way: exit status 1.
    Refused(Vec<Diagnostic>),
}

impl ScaffoldError {
    /// What went wrong, in `language`, one diagnostic a line.
    pub fn text(&self, language: Language) -> String {
        match self {
            ScaffoldError::Usage(problem) => problem.display(language).to_string(),
            ScaffoldError::Refused(diagnostics) => diagnostics
                .iter()
                .map(|d| d.display(language).to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Replaces every `{{name}}` in `template` with its value.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{{{name}}}}}"), value)
        })
}

/// Writes a new file, creating its folder; never replaces an existing file, even one that
/// appears between a check and the write.
pub(super) fn create_file(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let failed = |problem: Diagnostic| ScaffoldError::Refused(vec![problem]);
    let problem = |message: Id, hint: Id| Diagnostic::error(path, 0, 0, message).with_hint(hint);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            failed(problem(Id::CannotCreateFolder, Id::FolderWritableHint).io_reason(&e))
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                failed(problem(Id::FileExists, Id::FileExistsHint))
            }
            _ => failed(problem(Id::CannotCreateFile, Id::FolderWritableHint).io_reason(&e)),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| failed(problem(Id::CannotWriteFile, Id::DiskSpaceHint).io_reason(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{{a}} {{b}} {{a}} {{ c }}", &[("a", "1"), ("b", "2")]),
            "1 2 1 {{ c }}"
        );
    }
}
