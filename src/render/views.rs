//! What templates see: small serialisable views that borrow the model. Article cards are
//! converted to template values once and shared (cheaply, by reference count) by every list.

use serde::Serialize;

use crate::content::Document;
use crate::content::markdown::TocEntry;
use crate::i18n::{self, DateStyle};
use crate::model::Site;
use crate::render::routes;

/// Fewest headings for which an article shows a table of contents.
pub const TOC_MIN_HEADINGS: usize = 4;

/// A titled link.
#[derive(Serialize, Clone, Debug)]
pub struct Link {
    /// Visible text.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
}

/// A document in a list: title, link, date, summary, category and areas.
#[derive(Serialize)]
pub struct Card<'a> {
    /// Title.
    pub title: &'a str,
    /// Root-relative URL.
    pub url: &'a str,
    /// RFC 3339 date (format it with the `date` filter).
    pub date: Option<String>,
    /// The date as readers write it (`22/11/2026`): what `date | date` gives, made once per
    /// article instead of once per list that shows its card.
    pub date_text: Option<String>,
    /// Summary.
    pub summary: &'a str,
    /// Category link.
    pub category: Option<Link>,
    /// Area links.
    pub areas: Vec<Link>,
}

/// Everything an article page shows about its article.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    /// Title.
    pub title: &'a str,
    /// RFC 3339 date.
    pub date: Option<String>,
    /// Byline.
    pub author: Option<&'a str>,
    /// Summary (meta description).
    pub summary: &'a str,
    /// Category link.
    pub category: Option<Link>,
    /// Tag links.
    pub tags: Vec<Link>,
    /// Area links.
    pub areas: Vec<Link>,
    /// Plan-period link.
    pub period: Option<Link>,
    /// Indicator links.
    pub indicators: Vec<Link>,
    /// Lead image URL and alt text.
    pub image: Option<(&'a str, &'a str)>,
    /// Body HTML (already safe: the author's own Markdown).
    pub content: String,
    /// Table of contents, empty for short articles.
    pub toc: &'a [TocEntry],
    /// Words in the body.
    pub words: usize,
}

impl Site {
    /// The link of a category id, if it exists.
    pub fn category_link(&self, id: Option<&str>) -> Option<Link> {
        let id = id?;
        let category = self.config.categories.iter().find(|c| c.id == id)?;
        Some(Link {
            title: category.title.clone(),
            url: routes::category(&self.sections, id),
        })
    }

    /// Links of area ids (unknown ids are skipped; they were reported while loading).
    pub fn area_links(&self, ids: &[String]) -> Vec<Link> {
        ids.iter()
            .filter_map(|id| self.areas.get(id))
            .map(|a| Link {
                title: a.name.clone(),
                url: routes::area(&self.sections, &a.id),
            })
            .collect()
    }

    /// The card of article `i`.
    pub fn card(&self, i: usize) -> Card<'_> {
        let a = &self.articles[i];
        Card {
            title: &a.title,
            url: &self.article_urls[i],
            date: a.date.map(|d| d.rfc3339()),
            date_text: a
                .date
                .map(|d| i18n::format_date(&d, DateStyle::Short, self.config.language)),
            summary: &a.summary,
            category: self.category_link(a.category.as_deref()),
            areas: self.area_links(&a.areas),
        }
    }

    /// The view of a document (article or page) with its rendered body.
    pub fn document_view<'a>(&'a self, d: &'a Document, content: String) -> ArticleView<'a> {
        let period = d.period.as_deref().and_then(|id| {
            let p = self.config.periods.iter().find(|p| p.id == id)?;
            Some(Link {
                title: p.title.clone(),
                url: routes::period(&self.sections, id),
            })
        });
        ArticleView {
            title: &d.title,
            date: d.date.map(|d| d.rfc3339()),
            author: d.author.as_deref(),
            summary: &d.summary,
            category: self.category_link(d.category.as_deref()),
            tags: d
                .tags
                .iter()
                .map(|t| Link {
                    title: t.clone(),
                    url: routes::tag(&self.sections, &crate::content::slug::slugify(t)),
                })
                .collect(),
            areas: self.area_links(&d.areas),
            period,
            indicators: d
                .indicators
                .iter()
                .map(|id| Link {
                    title: self.indicator_title(id).to_string(),
                    url: routes::indicator(&self.sections, id),
                })
                .collect(),
            image: d
                .image
                .as_ref()
                .map(|(src, alt)| (src.as_str(), alt.as_str())),
            content,
            toc: if d.toc.len() >= TOC_MIN_HEADINGS {
                &d.toc
            } else {
                &[]
            },
            words: d.words,
        }
    }
}

/// Links to the pages of a paginated list.
#[derive(Serialize)]
pub struct Pagination {
    /// Current page, 1-based.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page URL.
    pub previous: Option<String>,
    /// Next page URL.
    pub next: Option<String>,
    /// The first, the last and the pages near the current one (a bounded number of links,
    /// so that a list of thousands of pages stays small); `None` marks a gap.
    pub pages: Vec<Option<PageLink>>,
}

/// One numbered page link.
#[derive(Serialize)]
pub struct PageLink {
    /// Page number.
    pub number: usize,
    /// Its URL.
    pub url: String,
}

impl Pagination {
    /// Pagination for page `current` of `total` under `base`.
    pub fn new(site: &Site, base: &str, current: usize, total: usize) -> Pagination {
        let url = |n: usize| routes::paginated(&site.sections, base, n);
        Pagination {
            current,
            total,
            previous: (current > 1).then(|| url(current - 1)),
            next: (current < total).then(|| url(current + 1)),
            pages: page_window(current, total)
                .into_iter()
                .map(|n| {
                    n.map(|number| PageLink {
                        number,
                        url: url(number),
                    })
                })
                .collect(),
        }
    }
}

/// Page numbers to link: 1, the last, and current ± 2, with `None` for each gap.
fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut numbers: Vec<usize> = vec![1, total];
    numbers.extend(current.saturating_sub(2)..=current + 2);
    numbers.retain(|n| (1..=total).contains(n));
    numbers.sort_unstable();
    numbers.dedup();
    let mut shown = Vec::with_capacity(numbers.len() + 2);
    for (i, n) in numbers.iter().enumerate() {
        if i > 0 && *n > numbers[i - 1] + 1 {
            shown.push(None);
        }
        shown.push(Some(*n));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn page_window_is_bounded() {
        assert_eq!(page_window(1, 1), [Some(1)]);
        assert_eq!(page_window(2, 4), [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            page_window(1, 1000),
            [Some(1), Some(2), Some(3), None, Some(1000)]
        );
        assert_eq!(
            page_window(500, 1000),
            [
                Some(1),
                None,
                Some(498),
                Some(499),
                Some(500),
                Some(501),
                Some(502),
                None,
                Some(1000)
            ]
        );
        assert_eq!(
            page_window(1000, 1000),
            [Some(1), None, Some(998), Some(999), Some(1000)]
        );
    }
}
