//! The lists of articles (news, categories, tags, months, areas, periods) and the indexes of
//! tags, months, areas and periods.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::i18n::{self, DateStyle};
use crate::model::Site;
use crate::render::context::PageContext;
use crate::render::views::{Link, Pagination};
use crate::render::{Renderer, TemplateAndUrl, routes};

/// Which articles a list page shows.
#[derive(Clone, Copy, Debug)]
pub enum List {
    /// Every article.
    News,
    /// The articles of category `n`.
    Category(usize),
    /// The articles with tag `n`.
    Tag(usize),
    /// The articles of month `n`.
    Month(usize),
    /// The articles about area `n` (and its page).
    Area(usize),
    /// The articles of plan period `n` (and its page).
    Period(usize),
}

impl Renderer<'_> {
    /// Page `page` of a list of articles (the first page of an area's or a period's list is
    /// that area's or period's page, with its statistics).
    pub(crate) fn list_page(
        &self,
        list: List,
        page: usize,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
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
                    self.area_statistics(i, context);
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
                    self.period_statistics(i, context);
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
        self.meta(context, &page_title, &description, &url, crumbs)?;
        let template = if page == 1 {
            first_template
        } else {
            "list.html"
        };
        Ok((template, url))
    }

    /// The list of tags.
    pub(crate) fn tags_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
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
        self.meta(context, &t("tags"), "", &url, vec![])?;
        Ok(("tags.html", url))
    }

    /// The archive by month.
    pub(crate) fn archive_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        let mut years: Vec<(i32, Vec<(Link, usize)>)> = Vec::new();
        for month in &site.months {
            let date = crate::content::date::DateTime::parse(&format!("{}-01", month.key())).ok();
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
        self.meta(context, &t("archive"), "", &url, vec![])?;
        Ok(("archive.html", url))
    }

    /// The area tree (`/dia-ban/`), as deep as stays light.
    pub(crate) fn areas_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        let (depth, deeper) = area_index_depth(site);
        let tree: Vec<AreaNode> = site
            .areas
            .roots()
            .map(|i| area_node(site, i, depth))
            .collect();
        context.insert("areas", &tree);
        context.insert("deeper_areas", &deeper);
        let url = routes::section(site.sections.areas);
        self.meta(context, &t("areas"), "", &url, vec![])?;
        Ok(("areas.html", url))
    }

    /// The list of plan periods.
    pub(crate) fn periods_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
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
        self.meta(context, &t("periods"), "", &url, vec![])?;
        Ok(("periods.html", url))
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
    site.areas
        .levels_within(0..site.areas.all().len(), AREA_INDEX_AREAS)
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
