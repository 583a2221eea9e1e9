//! Rendering: decides which pages exist (the jobs), renders them in parallel from the
//! read-only model, and gathers the bytes of every output file in memory.

pub mod opendata;
mod pages;
pub mod routes;
pub mod search;
mod shortcodes;
mod stat_pages;
pub mod statistics;
pub mod structured;
pub mod templates;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::model::Site;
use crate::output::OutputSet;
use templates::Templates;
use views::Link;

/// Articles in the Atom feed.
const FEED_ENTRIES: usize = 20;
/// Latest articles on the home page.
const HOME_LATEST: usize = 6;
/// Articles per category block on the home page.
const HOME_PER_CATEGORY: usize = 3;

/// Which articles a list page shows.
#[derive(Clone, Copy, Debug)]
enum List {
    News,
    Category(usize),
    Tag(usize),
    Month(usize),
    Area(usize),
    Period(usize),
}

/// One output file to render.
#[derive(Clone, Debug)]
enum Job {
    Home,
    Article(usize),
    Page(usize),
    List(List, usize),
    Tags,
    Archive,
    Areas,
    Periods,
    NotFound,
    Search,
    SearchIndex,
    Indicators,
    Indicator(usize),
    Reporting,
    DataIndex,
    Alias { from: String, to: String },
    Feed,
    Sitemap,
    Robots,
}

/// Renders every page of the site into an in-memory output set.
pub fn render_site(site: &Site, templates: &mut Templates) -> Result<OutputSet, Vec<Diagnostic>> {
    let mut output = OutputSet::default();
    let assets = add_assets(&mut output);
    set_globals(site, templates, &assets);
    let templates = &*templates;
    let cards: Vec<Value> = (0..site.articles.len())
        .into_par_iter()
        .map(|i| Value::from_serializable(&site.card(i)))
        .collect();
    let strings = i18n::strings(site.config.language);
    let trends = statistics::draw_trends(&statistics::Format {
        site,
        strings: &strings,
    });
    for ((i, a), svg) in &trends {
        let url = routes::chart_file(
            &site.sections,
            &site.stats.indicators[*i].id,
            &site.areas.all()[*a].id,
        );
        if let Err(message) = output.add(url.trim_start_matches('/'), svg.as_str()) {
            return Err(vec![
                Diagnostic::error("(charts)", 0, 0, message)
                    .with_hint("an indicator or area id makes an unusable file name"),
            ]);
        }
    }
    let comparisons = statistics::draw_comparisons(&statistics::Format {
        site,
        strings: &strings,
    });
    for ((i, a), comparison) in &comparisons {
        let url = routes::comparison_file(
            &site.sections,
            &site.stats.indicators[*i].id,
            &site.areas.all()[*a].id,
        );
        if let Err(message) = output.add(url.trim_start_matches('/'), comparison.svg.as_str()) {
            return Err(vec![
                Diagnostic::error("(charts)", 0, 0, message)
                    .with_hint("an indicator or area id makes an unusable file name"),
            ]);
        }
    }
    if let Err(message) = opendata::add(site, &mut output) {
        return Err(vec![
            Diagnostic::error("(open data)", 0, 0, message)
                .with_hint("an indicator or area id makes an unusable file name"),
        ]);
    }
    let renderer = Renderer {
        site,
        templates,
        cards,
        strings,
        trends,
        comparisons,
    };
    let jobs = jobs(site);
    let rendered: Vec<Result<(String, String), Diagnostic>> =
        jobs.par_iter().map(|job| renderer.render(job)).collect();
    let mut problems = Vec::new();
    for result in rendered {
        match result {
            Ok((url, html)) => {
                if let Err(message) = output.add(&routes::file_of(&url), html) {
                    problems.push(
                        Diagnostic::error("(output)", 0, 0, message)
                            .with_hint("change the slug or alias that makes this address"),
                    );
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(output)
    } else {
        Err(problems)
    }
}

/// Adds the theme's static files under `/assets/`, with a content hash in the names of the
/// stylesheet and script (so servers may cache them for a year); returns their URLs.
fn add_assets(output: &mut OutputSet) -> Assets {
    let mut assets = Assets::default();
    for (name, bytes) in templates::BUILT_IN_STATIC {
        let path = match name.rsplit_once('.') {
            Some((stem, extension @ ("css" | "js" | "svg"))) => {
                format!("assets/{stem}.{}.{extension}", fingerprint(bytes))
            }
            _ => format!("assets/{name}"),
        };
        match name.rsplit_once('.').map(|(_, e)| e) {
            Some("css") => assets.stylesheet = format!("/{path}"),
            Some("js") => assets.script = format!("/{path}"),
            Some("svg") => assets.icon = format!("/{path}"),
            _ => {}
        }
        // Built-in names are fixed and safe.
        let _ = output.add(&path, *bytes);
    }
    assets
}

/// URLs of the fingerprinted theme assets.
#[derive(Default, Serialize)]
struct Assets {
    stylesheet: String,
    script: String,
    icon: String,
}

/// A short content hash for cache-busting asset names (FNV-1a, 64 bits).
pub fn fingerprint(bytes: &[u8]) -> String {
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
    nav: Vec<Link>,
    categories: Vec<Link>,
}

fn set_globals(site: &Site, templates: &mut Templates, assets: &Assets) {
    let t = i18n::strings(site.config.language);
    let s = &site.sections;
    let label = |key: &str| {
        t.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    };
    let nav = vec![
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
    ];
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
    let context = templates.global_context();
    context.insert("site", &globals);
    context.insert("t", &t);
    context.insert("sections", s);
}

/// Every page the site has, in a fixed order.
fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Tags,
        Job::Archive,
        Job::Areas,
        Job::Periods,
        Job::NotFound,
        Job::Search,
        Job::SearchIndex,
        Job::Indicators,
        Job::Reporting,
        Job::DataIndex,
        Job::Feed,
        Job::Sitemap,
        Job::Robots,
    ];
    jobs.extend((0..site.articles.len()).map(Job::Article));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.stats.indicators.len()).map(Job::Indicator));
    let mut lists = vec![(List::News, site.articles.len())];
    lists.extend(
        site.by_category
            .iter()
            .enumerate()
            .map(|(i, a)| (List::Category(i), a.len())),
    );
    lists.extend(
        site.tags
            .iter()
            .enumerate()
            .map(|(i, t)| (List::Tag(i), t.articles.len())),
    );
    lists.extend(
        site.months
            .iter()
            .enumerate()
            .map(|(i, m)| (List::Month(i), m.articles.len())),
    );
    lists.extend(
        site.by_area
            .iter()
            .enumerate()
            .map(|(i, a)| (List::Area(i), a.len())),
    );
    lists.extend(
        site.by_period
            .iter()
            .enumerate()
            .map(|(i, a)| (List::Period(i), a.len())),
    );
    for (list, count) in lists {
        jobs.extend((1..=site.page_count(count)).map(|page| Job::List(list, page)));
    }
    let documents = site
        .articles
        .iter()
        .zip(&site.article_urls)
        .chain(site.pages.iter().zip(&site.page_urls));
    for (document, url) in documents {
        for alias in &document.aliases {
            jobs.push(Job::Alias {
                from: crate::model::normalize_alias(alias),
                to: url.clone(),
            });
        }
    }
    jobs
}

struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    cards: Vec<Value>,
    strings: serde_json::Map<String, serde_json::Value>,
    trends: std::collections::HashMap<(usize, usize), String>,
    comparisons: std::collections::BTreeMap<(usize, usize), statistics::Comparison>,
}
