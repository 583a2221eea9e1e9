//! Checks that need the whole rendered site: links and images in articles and pages must
//! point at something the site has, anchors must exist, and images need alt text.
//! Problems are warnings (`--strict` turns them into errors).

use std::collections::HashMap;

use crate::content::markdown::{ReferenceKind, Risk};
use crate::content::{Document, LinkRef};
use crate::diagnostics::{Diagnostic, Id};
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
            let warn = |message: Id, hint: Id| {
                Diagnostic::warning(&document.source, *line, *col, message).with_hint(hint)
            };
            match risk {
                Risk::Script => warn(Id::ScriptInArticle, Id::ScriptInArticleHint),
                Risk::EventHandler(name) => {
                    warn(Id::EventHandlerInArticle, Id::EventHandlerInArticleHint).arg("name", name)
                }
                Risk::OtherHost(url) => {
                    warn(Id::OtherHostInArticle, Id::OtherHostInArticleHint).arg("url", url)
                }
            }
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
    let warn = |message: Id, hint: Id| {
        Diagnostic::warning(&document.source, link.line, link.col, message).with_hint(hint)
    };
    if link.kind == ReferenceKind::Image && link.alt.trim().is_empty() {
        return Some(warn(Id::ImageNoAlt, Id::ImageNoAltHint).arg("target", &link.target));
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
        return Some(warn(Id::RelativeLink, Id::RelativeLinkHint).arg("target", target));
    }
    let page = if path.is_empty() { own_url } else { path };
    let file = routes::file_of(path);
    if !path.is_empty() && paths.binary_search(&file).is_err() {
        let message = if link.kind == ReferenceKind::Image {
            Id::NoSuchImage
        } else {
            Id::NoSuchPage
        };
        return Some(warn(message, Id::NoSuchTargetHint).arg("target", target));
    }
    match (fragment, anchors.get(page)) {
        (Some(id), Some(ids)) if !id.is_empty() && !ids.iter().any(|a| a == id) => Some(
            warn(Id::NoSuchAnchor, Id::NoSuchAnchorHint)
                .arg("id", id)
                .arg("page", page),
        ),
        _ => None,
    }
}
