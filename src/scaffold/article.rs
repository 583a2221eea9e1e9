//! `baocao new article "Tiêu đề"`: `content/articles/YYYY/<slug>.md`, a draft dated now
//! (Vietnam time) with the optional keys as commented placeholders.

use std::path::{Path, PathBuf};

use super::files::{ScaffoldError, create_file, fill};
use crate::config::{self, Language};
use crate::content::date::DateTime;
use crate::content::slug;
use crate::diagnostics::{Diagnostic, Id};
use crate::text::normalize;

const TEMPLATE_VI: &str = include_str!("article-vi.md");
const TEMPLATE_EN: &str = include_str!("article-en.md");

/// The article `new_article` wrote.
#[derive(Clone, Debug)]
pub struct NewArticle {
    /// The new file, relative to the site folder.
    pub path: PathBuf,
    /// The site's language (for what the command prints).
    pub language: Language,
}

/// Writes a new draft article titled `title`, dated `now`, into the site at `site`.
/// Refuses an empty title (usage error) and an existing file (nothing is overwritten).
pub fn new_article(site: &Path, title: &str, now: DateTime) -> Result<NewArticle, ScaffoldError> {
    let title = normalize(title.trim().to_string());
    let slug = slug::slugify(&title);
    if slug.is_empty() {
        return Err(ScaffoldError::Usage(
            Diagnostic::unplaced(Id::TitleNoFileName)
                .arg("title", &title)
                .with_hint(Id::TitleNoFileNameHint),
        ));
    }
    let config = config::load(&site.join("site.toml"), Path::new("site.toml"))
        .map_err(ScaffoldError::Refused)?;
    let ids: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
    let categories = match (ids.is_empty(), config.language) {
        (false, Language::Vi) => format!("một trong: {}", ids.join(", ")),
        (false, Language::En) => format!("one of: {}", ids.join(", ")),
        (true, Language::Vi) => "thêm [[categories]] vào site.toml trước".to_string(),
        (true, Language::En) => "add [[categories]] to site.toml first".to_string(),
    };
    let template = match config.language {
        Language::Vi => TEMPLATE_VI,
        Language::En => TEMPLATE_EN,
    };
    let text = fill(
        template,
        &[
            ("title", &toml::Value::String(title.clone()).to_string()),
            ("date", &now.rfc3339()),
            ("category", ids.first().copied().unwrap_or("ke-hoach")),
            ("categories", &categories),
        ],
    );
    let relative = Path::new("content/articles")
        .join(now.year.to_string())
        .join(format!("{slug}.md"));
    let path = site.join(&relative);
    create_file(&path, &text)?;
    Ok(NewArticle {
        path: relative,
        language: config.language,
    })
}
