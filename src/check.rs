//! Checks that need the whole rendered site: links and images in articles and pages must
//! point at something the site has, anchors must exist, and images need alt text.
//! Problems are warnings (`--strict` turns them into errors).

use std::collections::HashMap;

use crate::content::markdown::{ReferenceKind, Risk};
use crate::content::{Document, LinkRef};
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::routes;

/// Checks every link and image of every article and page against the rendered output
/// (`paths`: every file of the site, sorted).
pub fn references(site: &Site, paths: &[String]) -> Vec<Diagnostic> {
    let documents: Vec<(&Document, &String)> = site
        .articles
        .iter()
        .zip(&site.article_urls)
        .chain(site.pages.iter().zip(&site.page_urls))
        .collect();
    let anchors: HashMap<&str, &[String]> = documents
        .iter()
        .map(|(d, url)| (url.as_str(), d.anchors.as_slice()))
        .collect();
    let mut problems = Vec::new();
    for (document, url) in &documents {
        for link in &document.links {
            if let Some(problem) = check_one(document, url, link, paths, &anchors) {
                problems.push(problem);
            }
        }
        problems.extend(document.risks.iter().map(|(risk, line, col)| {
            let (message, hint) = match risk {
                Risk::Script => (
                    "the article contains a <script>: it runs in every reader's browser".to_string(),
                    "remove it unless the site's maintainers asked for it; charts and tables come from shortcodes",
                ),
                Risk::EventHandler(name) => (
                    format!("the article's HTML has an `{name}` attribute, which runs script"),
                    "remove the attribute; write the content in Markdown instead",
                ),
                Risk::OtherHost(url) => (
                    format!("the article loads `{url}` from another host"),
                    "copy the file into content/static/ and link to it there: readers' browsers then ask no other host",
                ),
            };
            Diagnostic::warning(&document.source, *line, *col, message).with_hint(hint)
        }));
    }
    problems
}

fn check_one(
    document: &Document,
    own_url: &str,
    link: &LinkRef,
    paths: &[String],
    anchors: &HashMap<&str, &[String]>,
) -> Option<Diagnostic> {
    let warn = |message: String, hint: &str| {
        Some(
            Diagnostic::warning(&document.source, link.line, link.col, message)
                .with_hint(hint.to_string()),
        )
    };
    if link.kind == ReferenceKind::Image && link.alt.trim().is_empty() {
        return warn(
            format!("the image `{}` has no alt text", link.target),
            "describe the picture between the brackets: ![Hội nghị tổng kết năm 2013](/anh/hoi-nghi.jpg)",
        );
    }
    let target = link.target.trim();
    if target.is_empty()
        || target.contains("://")
        || target.starts_with("mailto:")
        || target.starts_with("tel:")
        || target.starts_with("//")
    {
        return None;
    }
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (target, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if !path.is_empty() && !path.starts_with('/') {
        return warn(
            format!("the link `{target}` is relative, so it breaks when the page moves"),
            "write the address from the root of the site, e.g. /tin-tuc/ke-hoach-126/ or /files/ke-hoach.pdf",
        );
    }
    let page = if path.is_empty() { own_url } else { path };
    let file = routes::file_of(path);
    if !path.is_empty() && paths.binary_search(&file).is_err() {
        let what = if link.kind == ReferenceKind::Image {
            "image"
        } else {
            "page or file"
        };
        return warn(
            format!("`{target}` points to no {what} of this site"),
            "check the address; files go in content/static/ and are published at the same path",
        );
    }
    match (fragment, anchors.get(page)) {
        (Some(id), Some(ids)) if !id.is_empty() && !ids.iter().any(|a| a == id) => warn(
            format!("the anchor `#{id}` does not exist on {page}"),
            "anchors are the ids of headings: `## Kết quả` has the id `ket-qua`, or set one with `## Kết quả {#ket-qua}`",
        ),
        _ => None,
    }
}
