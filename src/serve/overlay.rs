//! What the preview adds to HTML pages: the live-reload script and, after a failed rebuild,
//! an accessible overlay listing every problem. The markup lives in `assets/`; diagnostics
//! are escaped by Tera's autoescaping.

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Language;
use crate::diagnostics::Diagnostic;

const OVERLAY: &str = include_str!("assets/overlay.html");
const FAILED_PAGE: &str = include_str!("assets/failed.html");
const RELOAD_SCRIPT: &str = include_str!("assets/reload.js");

/// One diagnostic as the overlay shows it.
#[derive(Serialize)]
struct Item {
    place: String,
    warning: bool,
    message: String,
    hint: Option<String>,
}

/// The overlay for a failed build. `previous` tells whether a last good build is shown under it.
pub fn render_overlay(diagnostics: &[Diagnostic], language: Language, previous: bool) -> String {
    let items: Vec<Item> = diagnostics
        .iter()
        .map(|d| Item {
            // A problem of the whole build (baocao itself crashed, say) has no place.
            place: if d.path.as_os_str().is_empty() {
                String::new()
            } else {
                format!("{}:{}:{}", d.path.display(), d.line, d.col)
            },
            warning: !d.is_error(),
            message: d.text(language),
            hint: d.hint_text(language),
        })
        .collect();
    let mut context = Context::new();
    context.insert("lang", language.code());
    context.insert("previous", &previous);
    context.insert(
        "errors",
        &diagnostics.iter().filter(|d| d.is_error()).count(),
    );
    context.insert("diagnostics", &items);
    render("overlay.html", OVERLAY, &context)
}

/// The page served for every address while the site has never built.
pub fn render_failed_page(language: Language) -> String {
    let mut context = Context::new();
    context.insert("lang", language.code());
    render("failed.html", FAILED_PAGE, &context)
}

/// The live-reload `<script>`, tagged with the build generation the page comes from, so a
/// page that missed a rebuild while loading reloads as soon as it connects.
pub fn reload_script(generation: u64) -> String {
    format!("<script data-generation=\"{generation}\">\n{RELOAD_SCRIPT}</script>\n")
}

/// Inserts `extra` right before the last `</body>` of an HTML page (at the end when there
/// is none).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + extra.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(extra.as_bytes());
    page.extend_from_slice(&html[at..]);
    page
}

/// Renders one of the built-in preview templates. They are fixed, tested files, so a failure
/// is a bug in baocao; it is shown as plain text rather than taking the server down.
fn render(name: &str, source: &str, context: &Context) -> String {
    let mut tera = Tera::default();
    tera.add_raw_template(name, source)
        .and_then(|()| tera.render(name, context))
        .unwrap_or_else(|e| format!("<pre>baocao: {name}: {e}</pre>"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Id;

    #[test]
    fn overlay_lists_escaped_diagnostics_with_place_and_hint() {
        let diagnostics = [
            Diagnostic::error("content/articles/2020/a.md", 3, 7, Id::UnknownKey)
                .arg("key", "<b>key</b>")
                .with_hint(Id::WriteLikeHint)
                .arg("example", "a = \"b\""),
            Diagnostic::warning("content/areas.csv", 2, 1, Id::AreaTwice)
                .arg("id", "odd")
                .arg("line", 1),
        ];
        let html = render_overlay(&diagnostics, Language::Vi, true);
        assert!(html.starts_with("<div id=\"baocao-overlay\" role=\"alert\""));
        assert!(
            html.contains(
                "<code>content/articles/2020/a.md:3:7</code> không có khóa `&lt;b&gt;key&lt;/b&gt;`"
            ),
            "{html}"
        );
        assert!(
            html.contains("Cách sửa: ví dụ viết `a = &quot;b&quot;`"),
            "{html}"
        );
        assert!(html.contains("Bản dựng mới có 1 lỗi"));
        assert!(html.contains("(cảnh báo) địa bàn `odd` đã có ở dòng 1"));
        assert!(!html.contains("class=\"alone\""));
        let english = render_overlay(&diagnostics, Language::En, false);
        assert!(english.contains("How to fix"));
        assert!(english.contains("class=\"alone\""));
    }

    #[test]
    fn failed_page_is_a_whole_document() {
        let page = render_failed_page(Language::En);
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("</body>"));
    }

    #[test]
    fn extras_go_before_the_last_closing_body_tag() {
        assert_eq!(
            inject(b"<p>a</p></BODY></html>", "<x>"),
            b"<p>a</p><x></BODY></html>"
        );
        assert_eq!(inject(b"<p>no body</p>", "<x>"), b"<p>no body</p><x>");
        assert!(reload_script(7).starts_with("<script data-generation=\"7\">"));
    }
}
