//! The pages every site has besides its content: search, the page for unknown addresses,
//! the sitemap and robots.txt.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::charts::Charts;
use crate::render::context::PageContext;
use crate::render::{Renderer, TemplateAndUrl, routes};

/// URLs in one sitemap file, as the sitemap protocol allows at most.
pub const SITEMAP_URLS: usize = 50_000;

impl Renderer<'_> {
    /// The page for addresses the site does not have.
    pub(crate) fn not_found_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let t = |key: &str| self.t(key);
        self.meta(context, &t("not_found_title"), "", "/404.html", vec![])?;
        Ok(("404.html", "/404.html".to_string()))
    }

    /// The search page.
    pub(crate) fn search_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        let url = routes::section(site.sections.search);
        context.insert("index_url", &format!("{url}index.json"));
        self.meta(context, &t("search"), "", &url, vec![])?;
        Ok(("search.html", url))
    }

    /// Sitemap file `n`: 0 is `sitemap.xml` (an index of the others past [`SITEMAP_URLS`]
    /// URLs), n ≥ 1 is `sitemap-n.xml`.
    pub(crate) fn sitemap_file(
        &self,
        n: usize,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        if n == 0 && self.sitemap.len() > SITEMAP_URLS {
            let files: Vec<String> = (1..=self.sitemap.len().div_ceil(SITEMAP_URLS))
                .map(|n| format!("/sitemap-{n}.xml"))
                .collect();
            context.insert("sitemaps", &files);
            return Ok(("sitemap_index.xml", "/sitemap.xml".to_string()));
        }
        let urls = match n {
            0 => &self.sitemap[..],
            n => {
                let start = (n - 1) * SITEMAP_URLS;
                &self.sitemap[start..(start + SITEMAP_URLS).min(self.sitemap.len())]
            }
        };
        context.insert("urls", urls);
        let url = match n {
            0 => "/sitemap.xml".to_string(),
            n => format!("/sitemap-{n}.xml"),
        };
        Ok(("sitemap.xml", url))
    }
}

/// Every HTML page a reader can reach, for the sitemap, with the date of articles: the home
/// page, articles and pages, every page of every list (news, categories, tags, months, areas,
/// periods), the section indexes, indicator pages and their pages per area, reporting status,
/// open data and search.
/// Left out: `404.html`, the redirects of `aliases` (they are `noindex`) and copied static
/// files. Pages 2, 3, … of a list are listed too, as Zola does: they are the only pages that
/// link to older articles from the list.
pub fn sitemap_urls(site: &Site, charts: &Charts) -> Vec<(String, Option<String>)> {
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
