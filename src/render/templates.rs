//! Tera templates: the built-in theme embedded in the binary, overridden file by file by a
//! site's `themes/<name>/templates/`, plus baocao's filters for Vietnamese dates and numbers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{Kwargs, State, Tera};

use crate::config::Language;
use crate::content::date::DateTime;
use crate::diagnostics::{Diagnostic, Id};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::i18n::{self, DateStyle};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The built-in theme's templates, by name.
pub const BUILT_IN_TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "header.html",
    "footer.html",
    "macros.html",
    "card.html",
    "index.html",
    "article.html",
    "page.html",
    "list.html",
    "tags.html",
    "archive.html",
    "areas.html",
    "area.html",
    "periods.html",
    "period.html",
    "404.html",
    "search.html",
    "indicators.html",
    "indicator.html",
    "indicator_area.html",
    "reporting.html",
    "series_table.html",
    "data.html",
    "shortcodes/chart.html",
    "shortcodes/table.html",
    "shortcodes/progress.html",
    "shortcodes/value.html",
    "alias.html",
    "atom.xml",
    "sitemap.xml",
    "sitemap_index.xml",
    "robots.txt",
);

/// The built-in theme's static files (copied to `/assets/`, CSS with a content hash in its name).
pub const BUILT_IN_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "site.js",
        include_bytes!("../../themes/default/static/site.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
];

/// Where a template came from, for error messages.
fn template_source(name: &str, overrides: &[(String, PathBuf)]) -> PathBuf {
    overrides.iter().find(|(n, _)| n == name).map_or_else(
        || PathBuf::from(format!("(built-in theme)/templates/{name}")),
        |(_, shown)| shown.clone(),
    )
}

/// The loaded templates, and which of them came from the site's theme folder.
pub struct Templates {
    tera: Tera,
    overrides: Vec<(String, PathBuf)>,
    /// Per template, the fingerprint of its text and of every template it depends on.
    fingerprints: HashMap<String, Fingerprint>,
}

impl Templates {
    /// Renders a template, mapping errors to diagnostics with the template's file and line.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_errors(&e, &self.overrides).swap_remove(0))
    }

    /// Renders a template as a fragment that pages write as it is: a safe string, without the
    /// template file's final line break (the page's own template decides the spacing).
    pub fn render_fragment(
        &self,
        name: &str,
        context: &tera::Context,
    ) -> Result<tera::Value, Diagnostic> {
        let html = self.render(name, context)?;
        Ok(tera::Value::safe_string(
            html.strip_suffix('\n').unwrap_or(&html),
        ))
    }

    /// The fingerprint of a template and of every template its output depends on; an unknown
    /// name gets the fingerprint of the name alone (rendering it fails anyway).
    pub fn fingerprint(&self, name: &str) -> Fingerprint {
        self.fingerprints
            .get(name)
            .copied()
            .unwrap_or_else(|| Fingerprint::of(name.as_bytes()))
    }

    /// Renders a template into bytes (UTF-8, as Tera writes them; no second check).
    pub fn render_bytes(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(name, context, &mut bytes)
            .map_err(|e| template_errors(&e, &self.overrides).swap_remove(0))?;
        Ok(bytes)
    }

    /// Values every template sees (site settings, UI strings).
    pub fn global_context(&mut self) -> &mut tera::Context {
        self.tera.global_context()
    }
}

/// Loads the templates: built-in ones, replaced by same-named files in
/// `<site>/themes/<theme>/templates/` (a theme may also add new templates).
pub fn load(
    site_root: &Path,
    theme: &str,
    language: Language,
) -> Result<Templates, Vec<Diagnostic>> {
    let mut sources: Vec<(String, String)> = BUILT_IN_TEMPLATES
        .iter()
        .map(|(n, c)| ((*n).to_string(), (*c).to_string()))
        .collect();
    let mut overrides: Vec<(String, PathBuf)> = Vec::new();
    let mut problems = Vec::new();
    let dir = site_root.join("themes").join(theme).join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let shown = crate::diagnostics::relative(site_root, entry.path());
            match crate::text::read_text(entry.path(), &shown) {
                Ok(text) => {
                    match sources.iter_mut().find(|(n, _)| *n == name) {
                        Some(slot) => slot.1 = text,
                        None => sources.push((name.clone(), text)),
                    }
                    overrides.push((name, shown));
                }
                Err(problem) => problems.push(problem),
            }
        }
    } else if theme != "default" {
        problems.push(
            Diagnostic::error("site.toml", 1, 1, Id::ThemeNoTemplates)
                .arg("theme", theme)
                .with_hint(Id::ThemeNoTemplatesHint),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    register_filters(&mut tera, language);
    tera.add_raw_templates(sources.iter().map(|(n, c)| (n.as_str(), c.as_str())))
        .map_err(|e| template_errors(&e, &overrides))?;
    Ok(Templates {
        tera,
        overrides,
        fingerprints: dependency_fingerprints(&sources),
    })
}

/// For every template, the fingerprint of its text and of all it depends on: the templates
/// it extends, includes or imports (transitively), and every template that defines
/// components (components are global in Tera, so any page may use them). A reference that is
/// not a plain name makes the template depend on all templates. Over-counting only costs a
/// page rendered again; missing a dependency would leave a page stale, so this errs on the
/// side of more.
fn dependency_fingerprints(sources: &[(String, String)]) -> HashMap<String, Fingerprint> {
    let mut direct: HashMap<&str, Option<Vec<String>>> = HashMap::new();
    let mut component_sources: Vec<&str> = Vec::new();
    for (name, text) in sources {
        let mut references = Some(Vec::new());
        for tag in text.split("{%").skip(1) {
            let tag = tag
                .split("%}")
                .next()
                .unwrap_or("")
                .trim_start_matches('-')
                .trim();
            let keyword = tag.split_whitespace().next().unwrap_or("");
            if keyword == "component" {
                component_sources.push(name);
            }
            if !matches!(keyword, "extends" | "include" | "import") {
                continue;
            }
            let rest = tag[keyword.len()..].trim_start();
            let quoted = rest
                .strip_prefix('"')
                .and_then(|r| r.split_once('"'))
                .map(|(target, _)| target.to_string());
            match (quoted, &mut references) {
                (Some(target), Some(list)) => list.push(target),
                _ => references = None,
            }
        }
        direct.insert(name, references);
    }
    let all: Vec<&str> = sources.iter().map(|(n, _)| n.as_str()).collect();
    let text_of: HashMap<&str, &str> = sources
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut fingerprints = HashMap::new();
    for (name, _) in sources {
        let mut closure: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        let mut stack: Vec<&str> = component_sources.clone();
        stack.push(name);
        while let Some(current) = stack.pop() {
            if !closure.insert(current) {
                continue;
            }
            match direct.get(current) {
                Some(Some(targets)) => stack.extend(
                    targets
                        .iter()
                        .filter_map(|t| text_of.get_key_value(t.as_str()).map(|(k, _)| *k)),
                ),
                Some(None) => stack.extend(all.iter().copied()),
                None => {}
            }
        }
        let mut hasher = Hasher::new();
        for template in closure {
            hasher
                .str(template)
                .str(text_of.get(template).unwrap_or(&""));
        }
        fingerprints.insert(name.clone(), hasher.finish());
    }
    fingerprints
}

/// Turns a Tera error into diagnostics naming the template file, line and column.
fn template_errors(error: &tera::Error, overrides: &[(String, PathBuf)]) -> Vec<Diagnostic> {
    let problem = |path: PathBuf, line: usize, col: usize, detail: &str| {
        Diagnostic::error(path, line, col, Id::TemplateProblem)
            .arg("detail", detail)
            .with_hint(Id::TemplateHint)
    };
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            vec![problem(
                template_source(report.filename(), overrides),
                span.start_line,
                span.start_col + 1,
                report.message(),
            )]
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            let located = parse_reports(&message);
            if located.is_empty() {
                return vec![problem(PathBuf::new(), 0, 0, &message)];
            }
            located
                .into_iter()
                .map(|(text, name, line, col)| {
                    problem(template_source(&name, overrides), line, col, &text)
                })
                .collect()
        }
    }
}

/// Reads Tera's printed reports (`error: MESSAGE` then `--> name:line:col`), which is all that
/// some errors (unknown filters, tests, functions, templates) carry of their location.
fn parse_reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(m) = trimmed.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(place)) = (message, trimmed.strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            if let (Some(col), Some(line_no), Some(name)) = (col, line_no, parts.next()) {
                found.push((m.to_string(), name.to_string(), line_no, col));
            }
            message = None;
        }
    }
    found
}

fn register_filters(tera: &mut Tera, language: Language) {
    // `{{ article.date | date }}`, `{{ article.date | date(style="long") }}`: RFC 3339 in,
    // `22/11/2026` or `22 tháng 11 năm 2026` out.
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let style = match kwargs.get::<&str>("style")?.unwrap_or("short") {
                "long" => DateStyle::Long,
                "month" => DateStyle::Month,
                _ => DateStyle::Short,
            };
            let date = DateTime::parse(value)
                .map_err(|problem| tera::Error::message(problem.text(language)))?;
            Ok(i18n::format_date(&date, style, language))
        },
    );
    // `{{ 1234.5 | number(decimals=1) }}` → `1.234,5`.
    tera.register_filter(
        "number",
        move |value: f64, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let decimals = kwargs.get::<i64>("decimals")?.unwrap_or(0).clamp(0, 10) as usize;
            Ok(i18n::format_number(value, decimals, language))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn a_template_depends_on_what_it_extends_and_on_components() {
        let before = sources(&[
            (
                "base.html",
                "<main>{% block main %}{% endblock main %}</main>",
            ),
            (
                "macros.html",
                "{% component card(x) %}{{ x }}{% endcomponent card %}",
            ),
            (
                "article.html",
                "{% extends \"base.html\" %}{% block main %}a{% endblock main %}",
            ),
            ("404.html", "{% extends \"base.html\" %}"),
            ("sitemap.xml", "<urlset/>"),
        ]);
        let a = dependency_fingerprints(&before);
        let mut edited = before.clone();
        edited[3].1.push_str("<p>new</p>");
        let b = dependency_fingerprints(&edited);
        assert_ne!(a["404.html"], b["404.html"]);
        assert_eq!(
            a["article.html"], b["article.html"],
            "404.html is not used by articles"
        );
        let mut base = before.clone();
        base[0].1.push_str("<footer/>");
        let c = dependency_fingerprints(&base);
        assert_ne!(a["article.html"], c["article.html"]);
        assert_eq!(a["sitemap.xml"], c["sitemap.xml"]);
        let mut macros = before.clone();
        macros[1].1.push(' ');
        let d = dependency_fingerprints(&macros);
        assert_ne!(a["sitemap.xml"], d["sitemap.xml"], "components are global");
    }

    #[test]
    fn a_reference_by_variable_depends_on_everything() {
        let list = sources(&[("a.html", "{% include name %}"), ("b.html", "b")]);
        let before = dependency_fingerprints(&list);
        let mut edited = list.clone();
        edited[1].1.push('!');
        assert_ne!(before["a.html"], dependency_fingerprints(&edited)["a.html"]);
    }
}
