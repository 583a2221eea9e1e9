//! Rendering of each job: the context every kind of page gets, and the template it uses.

use std::sync::atomic::Ordering;

use serde::Serialize;
use tera::Value;

use super::charts::Charts;
use super::chrome::Chrome;
use super::context::PageContext;
use super::views::{Link, Pagination};
use super::{
    FEED_ENTRIES, HOME_LATEST, HOME_PER_CATEGORY, Job, List, Prepared, Renderer, opendata, routes,
    search, structured,
};
use crate::diagnostics::Diagnostic;
use crate::i18n::{self, DateStyle};
use crate::model::Site;

/// The `page` object every template gets: title, description, URL and breadcrumbs.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    description: &'a str,
    url: &'a str,
    breadcrumbs: Vec<Link>,
}

impl Renderer<'_> {
    /// The context and template of a page job (with `fill` false, only the context's
    /// fingerprint), or the finished files of other jobs.
    pub(super) fn prepare(&self, job: &Job, fill: bool) -> Result<Prepared, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        let mut context = PageContext::new(fill);
        let (template, url) = match job {
            Job::Home => {
                let latest: Vec<usize> = (0..site.articles.len().min(HOME_LATEST)).collect();
                let by_category: Vec<Value> = site
                    .config
                    .categories
                    .iter()
                    .zip(&site.by_category)
                    .filter(|(_, articles)| !articles.is_empty())
                    .map(|(c, articles)| {
                        let mut block = tera::Map::new();
                        block.insert("title".into(), Value::from(c.title.as_str()));
                        block.insert(
                            "url".into(),
                            Value::from(routes::category(&site.sections, &c.id)),
                        );
                        block.insert(
                            "articles".into(),
                            self.cards
                                .card_list(&articles[..articles.len().min(HOME_PER_CATEGORY)])?,
                        );
                        Ok(Value::from(block))
                    })
                    .collect::<Result<_, Diagnostic>>()?;
                context.insert_card_list("latest", &self.cards, &latest)?;
                context.insert_value("by_category", Value::from(by_category));
                self.dashboard(&mut context);
                context.insert("jsonld", &structured::website(site));
                self.meta(
                    &mut context,
                    &site.config.title,
                    &site.config.description,
                    "/",
                    vec![],
                )?;
                ("index.html", "/".to_string())
            }
            Job::Article(i) => {
                let article = &site.articles[*i];
                let url = &site.article_urls[*i];
                let link = |j: usize| Link {
                    title: site.articles[j].title.clone(),
                    url: site.article_urls[j].clone(),
                };
                let (body, content) = self.body(article, context.fills())?;
                let view = site.document_view(article, String::new());
                context.insert_view("article", view, body, |v| v.content = content);
                context.insert("newer", &i.checked_sub(1).map(link));
                context.insert(
                    "older",
                    &(*i + 1 < site.articles.len()).then(|| link(*i + 1)),
                );
                context.insert_cards("related", &self.cards, &site.related[*i]);
                let mut crumbs = vec![Link {
                    title: t("news"),
                    url: routes::section(site.sections.articles),
                }];
                crumbs.extend(site.category_link(article.category.as_deref()));
                self.meta(&mut context, &article.title, &article.summary, url, crumbs)?;
                // Made from the article's title, summary, date, author and tags (in its view),
                // its URL (in the page's metadata) and the site settings (globals).
                context.insert_derived("jsonld", || structured::news_article(site, *i));
                context.insert("og_type", "article");
                ("article.html", url.clone())
            }
            Job::Page(i) => {
                let page = &site.pages[*i];
                let url = &site.page_urls[*i];
                let (body, content) = self.body(page, context.fills())?;
                let view = site.document_view(page, String::new());
                context.insert_view("article", view, body, |v| v.content = content);
                self.meta(&mut context, &page.title, &page.summary, url, vec![])?;
                ("page.html", url.clone())
            }
            Job::List(list, page) => return self.prepare_list(*list, *page, context),
            Job::Tags => {
                let tags: Vec<(Link, usize)> = site
                    .tags
                    .iter()
                    .map(|tag| {
                        (
                            Link {
                                title: tag.name.clone(),
                                url: routes::tag(&site.sections, &tag.slug),
                            },
                            tag.articles.len(),
                        )
                    })
                    .collect();
                context.insert("tags", &tags);
                let url = routes::section(site.sections.tags);
                self.meta(&mut context, &t("tags"), "", &url, vec![])?;
                ("tags.html", url)
            }
            Job::Archive => {
                let mut years: Vec<(i32, Vec<(Link, usize)>)> = Vec::new();
                for month in &site.months {
                    let date =
                        crate::content::date::DateTime::parse(&format!("{}-01", month.key())).ok();
                    let title = date.map_or_else(
                        || month.key(),
                        |d| i18n::format_date(&d, DateStyle::Month, site.config.language),
                    );
                    let entry = (
                        Link {
                            title,
                            url: routes::month(&site.sections, &month.key()),
                        },
                        month.articles.len(),
                    );
                    match years.last_mut() {
                        Some((year, months)) if *year == month.year => months.push(entry),
                        _ => years.push((month.year, vec![entry])),
                    }
                }
                context.insert("years", &years);
                let url = routes::section(site.sections.archive);
                self.meta(&mut context, &t("archive"), "", &url, vec![])?;
                ("archive.html", url)
            }
            Job::Areas => {
                let (depth, deeper) = area_index_depth(site);
                let tree: Vec<AreaNode> = site
                    .areas
                    .roots()
                    .map(|i| area_node(site, i, depth))
                    .collect();
                context.insert("areas", &tree);
                context.insert("deeper_areas", &deeper);
                let url = routes::section(site.sections.areas);
                self.meta(&mut context, &t("areas"), "", &url, vec![])?;
                ("areas.html", url)
            }
            Job::Periods => {
                let periods: Vec<(Link, usize)> = site
                    .config
                    .periods
                    .iter()
                    .zip(&site.by_period)
                    .map(|(p, a)| {
                        (
                            Link {
                                title: p.title.clone(),
                                url: routes::period(&site.sections, &p.id),
                            },
                            a.len(),
                        )
                    })
                    .collect();
                context.insert("periods", &periods);
                let url = routes::section(site.sections.periods);
                self.meta(&mut context, &t("periods"), "", &url, vec![])?;
                ("periods.html", url)
            }
            Job::NotFound => {
                self.meta(&mut context, &t("not_found_title"), "", "/404.html", vec![])?;
                ("404.html", "/404.html".to_string())
            }
            Job::Search => {
                let url = routes::section(site.sections.search);
                context.insert("index_url", &format!("{url}index.json"));
                self.meta(&mut context, &t("search"), "", &url, vec![])?;
                ("search.html", url)
            }
            Job::SearchIndex => {
                let path = search::index_path(site);
                let json = search::to_json(&search::index(site))
                    .map_err(|e| Diagnostic::error("(search index)", 0, 0, e.to_string()))?;
                self.search_index.store(json.len(), Ordering::Relaxed);
                return Ok(Prepared::Files(vec![(path, json)]));
            }
            Job::OpenData(i) => {
                return opendata::files(site, *i)
                    .map(Prepared::Files)
                    .map_err(|e| Diagnostic::error("(open data)", 0, 0, e));
            }
            Job::DataPackage => {
                return opendata::package(site)
                    .map(|file| Prepared::Files(vec![file]))
                    .map_err(|e| Diagnostic::error("(open data)", 0, 0, e));
            }
            Job::Asset(n) => {
                let (path, bytes) = &self.assets.files[*n];
                return Ok(Prepared::Files(vec![(path.clone(), bytes.to_vec())]));
            }
            Job::Static(_) => {
                return Err(Diagnostic::error(
                    "(baocao)",
                    0,
                    0,
                    "a file job was prepared as a page",
                ));
            }
            Job::Indicators => {
                self.indicator_index(&mut context);
                let url = routes::section(site.sections.indicators);
                self.meta(&mut context, &t("indicators"), "", &url, vec![])?;
                ("indicators.html", url)
            }
            Job::Indicator(i) => {
                self.indicator_page(*i, &mut context)?;
                context.insert("jsonld", &structured::dataset(site, *i));
                let indicator = &site.stats.indicators[*i];
                let url = routes::indicator(&site.sections, &indicator.id);
                let crumbs = vec![Link {
                    title: t("indicators"),
                    url: routes::section(site.sections.indicators),
                }];
                self.meta(
                    &mut context,
                    &indicator.title,
                    &indicator.summary,
                    &url,
                    crumbs,
                )?;
                ("indicator.html", url)
            }
            Job::IndicatorArea(i, a) => {
                let crumbs = self.indicator_area_page(*i, *a, &mut context)?;
                let indicator = &site.stats.indicators[*i];
                let area = &site.areas.all()[*a];
                let url = self.indicator_area_url(*i, *a);
                self.meta(
                    &mut context,
                    &format!("{} – {}", indicator.title, area.name),
                    &indicator.summary,
                    &url,
                    crumbs,
                )?;
                ("indicator_area.html", url)
            }
            Job::Reporting => {
                self.reporting(&mut context);
                let url = routes::reporting(&site.sections);
                let crumbs = vec![Link {
                    title: t("indicators"),
                    url: routes::section(site.sections.indicators),
                }];
                self.meta(
                    &mut context,
                    &t("reporting_status"),
                    &t("reporting_intro"),
                    &url,
                    crumbs,
                )?;
                ("reporting.html", url)
            }
            Job::DataIndex => {
                let files: Vec<(Link, String, String)> = site
                    .stats
                    .indicators
                    .iter()
                    .map(|ind| {
                        (
                            Link {
                                title: ind.title.clone(),
                                url: routes::indicator(&site.sections, &ind.id),
                            },
                            routes::data_file(&site.sections, &ind.id, "csv"),
                            routes::data_file(&site.sections, &ind.id, "json"),
                        )
                    })
                    .collect();
                context.insert("files", &files);
                context.insert(
                    "package",
                    &format!("/{}/datapackage.json", site.sections.data),
                );
                let url = routes::section(site.sections.data);
                self.meta(
                    &mut context,
                    &t("open_data"),
                    &t("open_data_intro"),
                    &url,
                    vec![],
                )?;
                ("data.html", url)
            }
            Job::Alias { from, to } => {
                context.insert("target", to);
                // A redirect page has no site layout: no header or footer.
                self.insert_page(
                    &mut context,
                    PageMeta {
                        title: to,
                        description: "",
                        url: from,
                        breadcrumbs: vec![],
                    },
                );
                ("alias.html", from.clone())
            }
            Job::Feed => {
                let entries: Vec<usize> = (0..site.articles.len().min(FEED_ENTRIES)).collect();
                context.insert_cards("entries", &self.cards, &entries);
                context.insert(
                    "updated",
                    &site
                        .articles
                        .first()
                        .and_then(|a| a.date)
                        .map(|d| d.rfc3339()),
                );
                ("atom.xml", "/feed.xml".to_string())
            }
            Job::Sitemap(0) if self.sitemap.len() > super::SITEMAP_URLS => {
                let files: Vec<String> = (1..=self.sitemap.len().div_ceil(super::SITEMAP_URLS))
                    .map(|n| format!("/sitemap-{n}.xml"))
                    .collect();
                context.insert("sitemaps", &files);
                ("sitemap_index.xml", "/sitemap.xml".to_string())
            }
            Job::Sitemap(n) => {
                let urls = match n {
                    0 => &self.sitemap[..],
                    n => {
                        let start = (n - 1) * super::SITEMAP_URLS;
                        &self.sitemap[start..(start + super::SITEMAP_URLS).min(self.sitemap.len())]
                    }
                };
                context.insert("urls", urls);
                let url = match n {
                    0 => "/sitemap.xml".to_string(),
                    n => format!("/sitemap-{n}.xml"),
                };
                ("sitemap.xml", url)
            }
            Job::Robots => ("robots.txt", "/robots.txt".to_string()),
        };
        Ok(Prepared::Page {
            template,
            url,
            context: Box::new(context),
        })
    }

    fn prepare_list(
        &self,
        list: List,
        page: usize,
        mut context: PageContext,
    ) -> Result<Prepared, Diagnostic> {
        let site = self.site;
        let s = &site.sections;
        let t = |key: &str| self.t(key);
        let news = Link {
            title: t("news"),
            url: routes::section(s.articles),
        };
        let (title, description, base, articles, crumbs, first_template): (
            String,
            String,
            String,
            &[usize],
            Vec<Link>,
            &str,
        ) = match list {
            List::News => (
                t("news"),
                String::new(),
                routes::section(s.articles),
                &self.every_article,
                vec![],
                "list.html",
            ),
            List::Category(i) => {
                let c = &site.config.categories[i];
                (
                    c.title.clone(),
                    c.description.clone(),
                    routes::category(s, &c.id),
                    &site.by_category[i],
                    vec![news],
                    "list.html",
                )
            }
            List::Tag(i) => {
                let tag = &site.tags[i];
                let tags = Link {
                    title: t("tags"),
                    url: routes::section(s.tags),
                };
                (
                    format!("{}: {}", t("tag"), tag.name),
                    String::new(),
                    routes::tag(s, &tag.slug),
                    &tag.articles,
                    vec![tags],
                    "list.html",
                )
            }
            List::Month(i) => {
                let m = &site.months[i];
                let date = crate::content::date::DateTime::parse(&format!("{}-01", m.key())).ok();
                let title = date.map_or_else(
                    || m.key(),
                    |d| i18n::format_date(&d, DateStyle::Month, site.config.language),
                );
                let archive = Link {
                    title: t("archive"),
                    url: routes::section(s.archive),
                };
                (
                    title,
                    String::new(),
                    routes::month(s, &m.key()),
                    &m.articles,
                    vec![archive],
                    "list.html",
                )
            }
            List::Area(i) => {
                let area = &site.areas.all()[i];
                let mut crumbs = vec![Link {
                    title: t("areas"),
                    url: routes::section(s.areas),
                }];
                let ancestry = site.areas.ancestry(i);
                crumbs.extend(ancestry[..ancestry.len() - 1].iter().map(|a| Link {
                    title: a.name.clone(),
                    url: routes::area(s, &a.id),
                }));
                context.insert("area", &area_node(site, i, 1));
                if page == 1 {
                    self.area_statistics(i, &mut context);
                }
                (
                    area.name.clone(),
                    String::new(),
                    routes::area(s, &area.id),
                    &site.by_area[i],
                    crumbs,
                    "area.html",
                )
            }
            List::Period(i) => {
                let p = &site.config.periods[i];
                context.insert("period", p);
                if page == 1 {
                    self.period_statistics(i, &mut context);
                }
                let crumbs = vec![Link {
                    title: t("periods"),
                    url: routes::section(s.periods),
                }];
                (
                    p.title.clone(),
                    p.standard.clone(),
                    routes::period(s, &p.id),
                    &site.by_period[i],
                    crumbs,
                    "period.html",
                )
            }
        };
        let per_page = site.config.articles_per_page;
        let total = site.page_count(articles.len());
        let slice = &articles
            [((page - 1) * per_page).min(articles.len())..(page * per_page).min(articles.len())];
        context.insert_card_list("articles", &self.cards, slice)?;
        context.insert("pagination", &Pagination::new(site, &base, page, total));
        context.insert("description", &description);
        let url = routes::paginated(s, &base, page);
        let page_title = if page > 1 {
            format!("{title} – {} {page}", t("page"))
        } else {
            title.clone()
        };
        context.insert("heading", &title);
        self.meta(&mut context, &page_title, &description, &url, crumbs)?;
        let template = if page == 1 {
            first_template
        } else {
            "list.html"
        };
        Ok(Prepared::Page {
            template,
            url,
            context: Box::new(context),
        })
    }

    /// A UI string in the site's language.
    pub(super) fn t(&self, key: &str) -> String {
        self.strings
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }

    /// The `page` object, and the site header and footer (see [`super::chrome`]).
    fn meta(
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
    fn insert_page<'a>(&'a self, context: &mut PageContext, mut page: PageMeta<'a>) {
        if page.description.is_empty() {
            page.description = &self.site.config.description;
        }
        context.insert("page", &page);
    }
}

/// An area with its link and its sub-areas, for the area tree.
#[derive(Serialize)]
struct AreaNode {
    id: String,
    name: String,
    level: String,
    url: String,
    parent: Option<Link>,
    articles: usize,
    children: Vec<AreaNode>,
}

/// Areas listed on `/dia-ban/` before it stops at a level.
const AREA_INDEX_AREAS: usize = 1_000;

/// How many levels of sub-areas `/dia-ban/` shows below the top-level areas: all of them when
/// the tree has at most [`AREA_INDEX_AREAS`] areas, else as many levels as fit (the top level
/// always); and how many areas are left out.
fn area_index_depth(site: &Site) -> (usize, usize) {
    let areas = &site.areas;
    let mut per_depth: Vec<usize> = Vec::new();
    for a in 0..areas.all().len() {
        let depth = areas.depth(a);
        if per_depth.len() <= depth {
            per_depth.resize(depth + 1, 0);
        }
        per_depth[depth] += 1;
    }
    let mut shown = 0;
    for (depth, count) in per_depth.iter().enumerate() {
        if depth > 0 && shown + count > AREA_INDEX_AREAS {
            return (depth - 1, areas.all().len() - shown);
        }
        shown += count;
    }
    (usize::MAX, 0)
}

/// The area at `i` with `depth` levels of sub-areas.
fn area_node(site: &Site, i: usize, depth: usize) -> AreaNode {
    let area = &site.areas.all()[i];
    let children = if depth == 0 {
        Vec::new()
    } else {
        site.areas
            .children_of(i)
            .filter_map(|c| site.areas.index_of(&c.id))
            .map(|c| area_node(site, c, depth - 1))
            .collect()
    };
    AreaNode {
        id: area.id.clone(),
        name: area.name.clone(),
        level: area.level.clone(),
        url: routes::area(&site.sections, &area.id),
        parent: area
            .parent
            .as_deref()
            .and_then(|p| site.areas.get(p))
            .map(|p| Link {
                title: p.name.clone(),
                url: routes::area(&site.sections, &p.id),
            }),
        articles: site.by_area[i].len(),
        children,
    }
}

/// Every HTML page a reader can reach, for the sitemap, with the date of articles: the home
/// page, articles and pages, every page of every list (news, categories, tags, months, areas,
/// periods), the section indexes, indicator pages and their pages per area, reporting status,
/// open data and search.
/// Left out: `404.html`, the redirects of `aliases` (they are `noindex`) and copied static
/// files. Pages 2, 3, … of a list are listed too, as Zola does: they are the only pages that
/// link to older articles from the list.
pub(super) fn sitemap_urls(site: &Site, charts: &Charts) -> Vec<(String, Option<String>)> {
    let s = &site.sections;
    let mut urls: Vec<(String, Option<String>)> = vec![("/".into(), None)];
    let mut list = |base: String, count: usize| {
        for page in 1..=site.page_count(count) {
            urls.push((routes::paginated(s, &base, page), None));
        }
    };
    list(routes::section(s.articles), site.articles.len());
    for (c, articles) in site.config.categories.iter().zip(&site.by_category) {
        list(routes::category(s, &c.id), articles.len());
    }
    for tag in &site.tags {
        list(routes::tag(s, &tag.slug), tag.articles.len());
    }
    for month in &site.months {
        list(routes::month(s, &month.key()), month.articles.len());
    }
    for (area, articles) in site.areas.all().iter().zip(&site.by_area) {
        list(routes::area(s, &area.id), articles.len());
    }
    for (period, articles) in site.config.periods.iter().zip(&site.by_period) {
        list(routes::period(s, &period.id), articles.len());
    }
    urls.extend(
        site.articles
            .iter()
            .zip(&site.article_urls)
            .map(|(a, u)| (u.clone(), a.date.map(|d| d.rfc3339()))),
    );
    urls.extend(site.page_urls.iter().map(|u| (u.clone(), None)));
    urls.extend(
        [
            s.tags,
            s.archive,
            s.areas,
            s.periods,
            s.indicators,
            s.data,
            s.search,
        ]
        .into_iter()
        .map(|section| (routes::section(section), None)),
    );
    urls.extend(
        site.stats
            .indicators
            .iter()
            .map(|i| (routes::indicator(s, &i.id), None)),
    );
    urls.extend(charts.series_keys().map(|(i, a)| {
        let url = routes::indicator_area(s, &site.stats.indicators[i].id, &site.areas.all()[a].id);
        (url, None)
    }));
    urls.push((routes::reporting(s), None));
    urls
}
