//! The page machinery every page shares: the [`Renderer`] with the model, templates, cards,
//! charts, header and footer; page contexts and their fingerprints ([`context`]); addresses
//! ([`routes`]); the formatting of statistics ([`statistics`]); chart and table tokens spliced
//! into rendered pages; shortcodes in article bodies; and the [`sink`] that receives files.
//! The rooms that make pages ([`crate::pages`], [`crate::report`]) and the driver that runs
//! them ([`crate::publish`]) build on it.

pub(crate) mod chart_inputs;
pub(crate) mod charts;
pub(crate) mod chrome;
pub mod context;
pub mod routes;
pub(crate) mod shortcodes;
pub mod sink;
pub mod statistics;
pub mod structured;
pub(crate) mod tables;
pub mod templates;
pub(crate) mod tokens;
pub mod views;

use std::sync::atomic::AtomicUsize;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::fingerprint::{Fingerprint, Hasher};
use crate::model::Site;
use charts::{ChartKey, Charts};
use chrome::Chrome;
use context::{Cards, PageContext};
use statistics::ProgressView;
use templates::Templates;
use views::Link;

/// A page's template and address, once its context is filled.
pub(crate) type TemplateAndUrl = (&'static str, String);

/// The `page` object every template gets: title, description, URL and breadcrumbs.
#[derive(Serialize)]
pub(crate) struct PageMeta<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) url: &'a str,
    pub(crate) breadcrumbs: Vec<Link>,
}

/// Renders the pages of one build: the model, the templates, and what every page shares (cards,
/// charts, header and footer, assets). Each room adds its pages as methods.
pub(crate) struct Renderer<'a> {
    pub(crate) site: &'a Site,
    pub(crate) templates: &'a Templates,
    pub(crate) cards: Cards<'a>,
    pub(crate) strings: &'a serde_json::Map<String, serde_json::Value>,
    pub(crate) charts: Charts,
    pub(crate) chrome: Chrome,
    pub(crate) assets: Assets,
    pub(crate) globals: Fingerprint,
    /// 0, 1, 2, …: every article, newest first (made once, not per page of the news list).
    pub(crate) every_article: Vec<usize>,
    /// Every page for the sitemap, with its date.
    pub(crate) sitemap: Vec<(String, Option<String>)>,
    pub(crate) rendered: AtomicUsize,
    pub(crate) kept: AtomicUsize,
    pub(crate) search_index: AtomicUsize,
}

/// The theme's static files, published under `/assets/` with a content hash in the names of
/// the stylesheet, script and icon (so servers may cache them for a year).
pub(crate) fn assets() -> Assets {
    let mut assets = Assets::default();
    for (name, bytes) in templates::BUILT_IN_STATIC {
        let path = match name.rsplit_once('.') {
            Some((stem, extension @ ("css" | "js" | "svg"))) => {
                format!("assets/{stem}.{}.{extension}", asset_hash(bytes))
            }
            _ => format!("assets/{name}"),
        };
        match name.rsplit_once('.').map(|(_, e)| e) {
            Some("css") => assets.stylesheet = format!("/{path}"),
            Some("js") => assets.script = format!("/{path}"),
            Some("svg") => assets.icon = format!("/{path}"),
            _ => {}
        }
        assets.files.push((path, bytes));
    }
    assets
}

/// URLs of the fingerprinted theme assets, and their files.
#[derive(Default, Serialize)]
pub(crate) struct Assets {
    stylesheet: String,
    script: String,
    icon: String,
    #[serde(skip)]
    pub(crate) files: Vec<(String, &'static [u8])>,
}

/// A short content hash for cache-busting asset names (FNV-1a, 64 bits).
fn asset_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:010x}", hash >> 24)
}

#[derive(Serialize)]
struct SiteGlobals<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    publisher: &'a str,
    license: &'a str,
    assets: &'a Assets,
    nav: &'a [Link],
    categories: Vec<Link>,
}

/// Gives every template the site settings, UI strings and URL sections; returns the
/// fingerprint of all that every page depends on besides its own context and template.
pub(crate) fn set_globals(
    site: &Site,
    templates: &mut Templates,
    assets: &Assets,
    t: &statistics::Strings,
    nav: &[Link],
) -> Fingerprint {
    let s = &site.sections;
    let globals = SiteGlobals {
        title: &site.config.title,
        description: &site.config.description,
        base_url: site.config.base_url.trim_end_matches('/'),
        language: site.config.language.code(),
        publisher: &site.config.publisher,
        license: &site.config.license,
        assets,
        nav,
        categories: site
            .config
            .categories
            .iter()
            .map(|c| Link {
                title: c.title.clone(),
                url: routes::category(s, &c.id),
            })
            .collect(),
    };
    let mut h = Hasher::new();
    h.fingerprint(crate::fingerprint::build_id())
        .str(site.config.language.code());
    h.serialize(&globals);
    h.serialize(t);
    h.serialize(s);
    let context = templates.global_context();
    context.insert("site", &globals);
    context.insert("t", t);
    context.insert("sections", s);
    h.finish()
}

/// The site's navigation: home, news, indicators, areas, periods, search.
pub(crate) fn nav(site: &Site, t: &statistics::Strings) -> Vec<Link> {
    let s = &site.sections;
    let label = |key: &str| {
        t.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    };
    vec![
        Link {
            title: label("home"),
            url: "/".into(),
        },
        Link {
            title: label("news"),
            url: routes::section(s.articles),
        },
        Link {
            title: label("indicators"),
            url: routes::section(s.indicators),
        },
        Link {
            title: label("areas"),
            url: routes::section(s.areas),
        },
        Link {
            title: label("periods"),
            url: routes::section(s.periods),
        },
        Link {
            title: label("search"),
            url: routes::section(s.search),
        },
    ]
}

impl Renderer<'_> {
    pub(crate) fn format(&self) -> statistics::Format<'_> {
        statistics::Format {
            site: self.site,
            strings: self.strings,
        }
    }

    /// The view of target progress `p` (an index into the site's progress list), with the
    /// token of its bar.
    pub(crate) fn progress(&self, p: usize) -> ProgressView {
        let mut view = self.format().progress(&self.site.stats.progress[p]);
        view.bar = self.charts.token(ChartKey::Bar(p));
        view
    }

    /// A UI string in the site's language.
    pub(crate) fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }

    /// The `page` object, and the site header and footer (see [`super::chrome`]).
    pub(crate) fn meta(
        &self,
        context: &mut PageContext,
        title: &str,
        description: &str,
        url: &str,
        breadcrumbs: Vec<Link>,
    ) -> Result<(), Diagnostic> {
        self.insert_page(
            context,
            PageMeta {
                title,
                description,
                url,
                breadcrumbs,
            },
        );
        let current = self.chrome.current(url);
        let chrome = Chrome::fingerprint(current, self.templates);
        context.insert_shared("site_header", chrome, || {
            self.chrome.header(current, self.templates)
        })?;
        context.insert_shared("site_footer", chrome, || self.chrome.footer(self.templates))
    }

    /// Inserts the `page` object, with the site's description when the page has none.
    pub(crate) fn insert_page<'a>(&'a self, context: &mut PageContext, mut page: PageMeta<'a>) {
        if page.description.is_empty() {
            page.description = &self.site.config.description;
        }
        context.insert("page", &page);
    }
}
