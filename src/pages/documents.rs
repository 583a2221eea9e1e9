//! The home page, articles and standalone pages, the Atom feed and the redirects of aliases.

use tera::Value;

use crate::diagnostics::Diagnostic;
use crate::render::context::PageContext;
use crate::render::structured;
use crate::render::views::Link;
use crate::render::{PageMeta, Renderer, TemplateAndUrl, routes};

/// Articles in the Atom feed.
const FEED_ENTRIES: usize = 20;
/// Latest articles on the home page.
const HOME_LATEST: usize = 6;
/// Articles per category block on the home page.
const HOME_PER_CATEGORY: usize = 3;

impl Renderer<'_> {
    /// The home page: the latest articles, each category's newest, the statistics dashboard.
    pub(crate) fn home_page(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
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
        self.dashboard(context);
        context.insert("jsonld", &structured::website(site));
        self.meta(
            context,
            &site.config.title,
            &site.config.description,
            "/",
            vec![],
        )?;
        Ok(("index.html", "/".to_string()))
    }

    /// Article `i`, with its neighbours and related articles.
    pub(crate) fn article_page(
        &self,
        i: usize,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let t = |key: &str| self.t(key);
        let article = &site.articles[i];
        let url = &site.article_urls[i];
        let link = |j: usize| Link {
            title: site.articles[j].title.clone(),
            url: site.article_urls[j].clone(),
        };
        let (body, content) = self.body(article, context.fills())?;
        let view = site.document_view(article, String::new());
        context.insert_view("article", view, body, |v| v.content = content);
        context.insert("newer", &i.checked_sub(1).map(link));
        context.insert("older", &(i + 1 < site.articles.len()).then(|| link(i + 1)));
        context.insert_cards("related", &self.cards, &site.related[i]);
        let mut crumbs = vec![Link {
            title: t("news"),
            url: routes::section(site.sections.articles),
        }];
        crumbs.extend(site.category_link(article.category.as_deref()));
        self.meta(context, &article.title, &article.summary, url, crumbs)?;
        // Made from the article's title, summary, date, author and tags (in its view),
        // its URL (in the page's metadata) and the site settings (globals).
        context.insert_derived("jsonld", || structured::news_article(site, i));
        context.insert("og_type", "article");
        Ok(("article.html", url.clone()))
    }

    /// Standalone page `i`.
    pub(crate) fn standalone_page(
        &self,
        i: usize,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
        let page = &site.pages[i];
        let url = &site.page_urls[i];
        let (body, content) = self.body(page, context.fills())?;
        let view = site.document_view(page, String::new());
        context.insert_view("article", view, body, |v| v.content = content);
        self.meta(context, &page.title, &page.summary, url, vec![])?;
        Ok(("page.html", url.clone()))
    }

    /// The Atom feed.
    pub(crate) fn feed_file(
        &self,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        let site = self.site;
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
        Ok(("atom.xml", "/feed.xml".to_string()))
    }

    /// The redirect from an alias `from` to `to`.
    pub(crate) fn alias_page(
        &self,
        from: &str,
        to: &str,
        context: &mut PageContext,
    ) -> Result<TemplateAndUrl, Diagnostic> {
        context.insert("target", to);
        // A redirect page has no site layout: no header or footer.
        self.insert_page(
            context,
            PageMeta {
                title: to,
                description: "",
                url: from,
                breadcrumbs: vec![],
            },
        );
        Ok(("alias.html", from.to_string()))
    }
}
