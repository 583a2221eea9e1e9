//! The site header and footer: the same on nearly every page, so rendered once per build from
//! the theme's `header.html` and `footer.html` (the header once for each set of current
//! navigation items) and handed to every page as finished HTML, which `base.html` writes as
//! `site_header` and `site_footer` (see [`Templates::render_fragment`]). A page's fingerprint
//! covers them through the templates' fingerprints and the current items (the rest of what
//! they show is the globals).

use std::sync::{Mutex, OnceLock, PoisonError};

use serde::Serialize;
use tera::Value;

use super::templates::Templates;
use super::views::Link;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::{Fingerprint, Hasher};

/// The template of the site header.
pub const HEADER: &str = "header.html";
/// The template of the site footer.
pub const FOOTER: &str = "footer.html";

/// A navigation item as `header.html` sees it.
#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    url: &'a str,
    /// True when the page is this item's page or below it.
    current: bool,
}

/// The rendered header variants and footer of one build.
pub struct Chrome {
    nav: Vec<Link>,
    /// Per set of current navigation items (a bit per item), the rendered header.
    headers: Mutex<Vec<(u64, Result<Value, Diagnostic>)>>,
    footer: OnceLock<Result<Value, Diagnostic>>,
}

impl Chrome {
    /// Nothing rendered yet; `nav` is the site's navigation (at most 64 items are marked).
    pub fn new(nav: Vec<Link>) -> Chrome {
        Chrome {
            nav,
            headers: Mutex::new(Vec::new()),
            footer: OnceLock::new(),
        }
    }

    /// The navigation items current on the page at `url`, a bit each: an item is current on
    /// its own page and, but for the home page, on every page below it.
    pub fn current(&self, url: &str) -> u64 {
        self.nav
            .iter()
            .take(64)
            .enumerate()
            .fold(0, |bits, (i, item)| {
                let current = item.url == url || (item.url != "/" && url.starts_with(&item.url));
                bits | (u64::from(current) << i)
            })
    }

    /// The fingerprint of the header with the `current` items and of the footer, besides the
    /// globals.
    pub fn fingerprint(current: u64, templates: &Templates) -> Fingerprint {
        let mut h = Hasher::new();
        h.u64(current)
            .fingerprint(templates.fingerprint(HEADER))
            .fingerprint(templates.fingerprint(FOOTER));
        h.finish()
    }

    /// The header with the `current` items, rendered the first time it is asked for.
    pub fn header(&self, current: u64, templates: &Templates) -> Result<Value, Diagnostic> {
        let mut headers = self.headers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, made)) = headers.iter().find(|(bits, _)| *bits == current) {
            return made.clone();
        }
        let nav: Vec<NavItem> = self
            .nav
            .iter()
            .enumerate()
            .map(|(i, item)| NavItem {
                title: &item.title,
                url: &item.url,
                current: i < 64 && current & (1 << i) != 0,
            })
            .collect();
        let mut context = tera::Context::new();
        context.insert("nav", &nav);
        let made = templates.render_fragment(HEADER, &context);
        headers.push((current, made.clone()));
        made
    }

    /// The footer, rendered the first time it is asked for.
    pub fn footer(&self, templates: &Templates) -> Result<Value, Diagnostic> {
        self.footer
            .get_or_init(|| templates.render_fragment(FOOTER, &tera::Context::new()))
            .clone()
    }
}
