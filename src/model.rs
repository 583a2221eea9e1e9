//! The site model: every article, page, area and period, with the indexes pages need.
//! Built once after loading; read-only (and shared between threads) while rendering.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::cache::LoadCache;
use crate::config::SiteConfig;
use crate::content::shortcodes::ShortcodeKind;
use crate::content::slug::slugify;
use crate::content::static_files::StaticFile;
use crate::content::{Content, Document, EncodedDocument};
use crate::data::areas::Areas;
use crate::data::indicators::Indicator;
use crate::data::observations::Observation;
use crate::data::period::Period;
use crate::data::store::Observations;
use crate::diagnostics::{Diagnostic, Id};
use crate::fingerprint::Fingerprint;
use crate::i18n::{self, Sections};
use crate::stats::{self, TargetProgress};

/// What one build keeps for the next: parsed documents and the observations of each CSV file.
pub type SiteCache = LoadCache<EncodedDocument, Vec<Observation>>;

/// How many related articles an article page shows.
pub const RELATED_COUNT: usize = 5;
/// How many neighbours (in time) of each shared index are considered for "related".
const RELATED_WINDOW: usize = 12;

/// A tag and the articles carrying it.
#[derive(Clone, Debug)]
pub struct Tag {
    /// The tag as first written (sorted order of files decides).
    pub name: String,
    /// Its URL segment.
    pub slug: String,
    /// Articles, newest first.
    pub articles: Vec<usize>,
}

/// A month of the archive and its articles.
#[derive(Clone, Debug)]
pub struct Month {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Articles, newest first.
    pub articles: Vec<usize>,
}

impl Month {
    /// The URL segment, `2017-01`.
    pub fn key(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// Indicators, observations and the progress of every target, with lookups by indicator and
/// by area.
pub struct Statistics {
    /// Indicators, sorted by id.
    pub indicators: Vec<Indicator>,
    /// All observations.
    pub observations: Observations,
    /// Progress of every target.
    pub progress: Vec<TargetProgress>,
    /// Positions in `progress` per indicator.
    pub progress_by_indicator: Vec<Vec<usize>>,
    /// Positions in `progress` per area.
    pub progress_by_area: Vec<Vec<usize>>,
    /// Parent areas and periods without a total because not every sub-area reported, sorted
    /// by indicator, area and period.
    pub coverage: Vec<stats::rollup::Coverage>,
    /// Ids of indicators whose file exists but did not load (its errors are reported there).
    pub unloadable: Vec<String>,
    /// The fingerprint of every file the statistics are made from: the settings, the areas,
    /// the indicators and the CSV files.
    pub inputs: Fingerprint,
}

impl Statistics {
    /// Checks identities on the values as reported, adds the values computed up the area
    /// hierarchy (sums, ratios), then computes progress; problems are pushed.
    pub fn new(
        indicators: Vec<Indicator>,
        observations: Observations,
        config: &SiteConfig,
        areas: &Areas,
        problems: &mut Vec<Diagnostic>,
    ) -> Statistics {
        let names: Vec<&str> = areas.all().iter().map(|a| a.name.as_str()).collect();
        problems.extend(stats::identity::check(&indicators, &observations, &names));
        let rollup = stats::rollup::roll_up(&indicators, &observations, areas);
        problems.extend(rollup.problems);
        let observations = observations.with_computed(rollup.computed);
        let progress = stats::evaluate_all(&indicators, &observations, &config.periods);
        let mut progress_by_indicator = vec![Vec::new(); indicators.len()];
        let mut progress_by_area = vec![Vec::new(); areas.all().len()];
        for (i, p) in progress.iter().enumerate() {
            progress_by_indicator[p.indicator].push(i);
            progress_by_area[p.area].push(i);
        }
        Statistics {
            indicators,
            observations,
            progress,
            progress_by_indicator,
            progress_by_area,
            coverage: rollup.coverage,
            unloadable: Vec::new(),
            inputs: Fingerprint::default(),
        }
    }

    /// The periods in which not every sub-area of area `a` reported indicator `i`.
    pub fn coverage_of(&self, i: usize, a: usize) -> &[stats::rollup::Coverage] {
        let key = |c: &stats::rollup::Coverage| (c.indicator, c.area);
        let start = self.coverage.partition_point(|c| key(c) < (i, a));
        let end = self.coverage.partition_point(|c| key(c) <= (i, a));
        &self.coverage[start..end]
    }

    /// The index of an indicator by id.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()
    }
}

/// The whole site, ready to render.
pub struct Site {
    /// site.toml.
    pub config: SiteConfig,
    /// URL sections in the site's language.
    pub sections: Sections,
    /// Published articles, newest first.
    pub articles: Vec<Document>,
    /// `/tin-tuc/<slug>/` of each article.
    pub article_urls: Vec<String>,
    /// Standalone pages, by path.
    pub pages: Vec<Document>,
    /// `/<slug>/` of each page.
    pub page_urls: Vec<String>,
    /// Areas from areas.csv.
    pub areas: Areas,
    /// Indicators, observations, progress.
    pub stats: Statistics,
    /// Articles per category, parallel to `config.categories`.
    pub by_category: Vec<Vec<usize>>,
    /// Articles per area, parallel to `areas.all()`.
    pub by_area: Vec<Vec<usize>>,
    /// Articles per plan period, parallel to `config.periods`.
    pub by_period: Vec<Vec<usize>>,
    /// Articles per indicator id.
    pub by_indicator: BTreeMap<String, Vec<usize>>,
    /// Tags, sorted by slug.
    pub tags: Vec<Tag>,
    /// Months with articles, newest first.
    pub months: Vec<Month>,
    /// Related articles of each article, best first.
    pub related: Vec<Vec<usize>>,
    /// Files copied from `content/static/`.
    pub static_files: Vec<StaticFile>,
}

impl Site {
    /// Assembles the model from loaded parts. Drafts are dropped unless `include_drafts`.
    /// Problems found here (duplicate URLs) are pushed.
    pub fn assemble(
        config: SiteConfig,
        areas: Areas,
        stats: Statistics,
        content: Content,
        include_drafts: bool,
        problems: &mut Vec<Diagnostic>,
    ) -> Site {
        let Content {
            articles,
            pages,
            static_files,
        } = content;
        let sections = i18n::sections(config.language);
        let articles = newest_first(
            articles
                .into_iter()
                .filter(|a| include_drafts || !a.draft)
                .collect(),
        );
        let pages: Vec<Document> = pages
            .into_iter()
            .filter(|p| include_drafts || !p.draft)
            .collect();
        let article_urls: Vec<String> = articles
            .par_iter()
            .map(|a| format!("/{}/{}/", sections.articles, a.slug))
            .collect();
        let page_urls: Vec<String> = pages.iter().map(|p| format!("/{}/", p.slug)).collect();
        // The checks run beside the making of the lists of articles by category, area, tag, …
        let check = || {
            let mut found = Vec::new();
            check_unique_urls(
                &sections,
                &articles,
                &article_urls,
                &pages,
                &page_urls,
                &mut found,
            );
            let shortcodes: Vec<Diagnostic> = articles
                .par_iter()
                .chain(&pages)
                .flat_map_iter(|document| {
                    let mut found = Vec::new();
                    check_shortcodes(document, &stats, &areas, &config.periods, &mut found);
                    found
                })
                .collect();
            found.extend(shortcodes);
            found
        };
        let (found, lists) = rayon::join(check, || Lists::new(&config, &areas, &articles));
        problems.extend(found);
        let mut site = Site {
            config,
            sections,
            articles,
            article_urls,
            pages,
            page_urls,
            areas,
            stats,
            by_category: lists.by_category,
            by_area: lists.by_area,
            by_period: lists.by_period,
            by_indicator: lists.by_indicator,
            tags: lists.tags,
            months: lists.months,
            related: Vec::new(),
            static_files,
        };
        site.related = (0..site.articles.len())
            .into_par_iter()
            .map(|i| site.find_related(i))
            .collect();
        site
    }

    /// The tag lists an article belongs to (as positions in `tags`), via binary search.
    fn tag_lists(&self, article: usize) -> impl Iterator<Item = &Vec<usize>> {
        self.articles[article].tags.iter().filter_map(move |name| {
            let slug = slugify(name);
            self.tags
                .binary_search_by(|t| t.slug.as_str().cmp(&slug))
                .ok()
                .map(|t| &self.tags[t].articles)
        })
    }

    /// Related articles: those sharing the category, areas, indicators or tags, scored by how
    /// much they share. Only the few nearest in time of each shared list are considered, so the
    /// cost per article is bounded whatever the size of the site.
    fn find_related(&self, i: usize) -> Vec<usize> {
        let article = &self.articles[i];
        let mut lists: Vec<(&Vec<usize>, u32)> = Vec::new();
        let category_ids = self.config.categories.iter().map(|c| c.id.as_str());
        if let Some(c) = category_ids
            .clone()
            .position(|id| Some(id) == article.category.as_deref())
        {
            lists.push((&self.by_category[c], 1));
        }
        for area in &article.areas {
            if let Some(a) = self.areas.index_of(area) {
                lists.push((&self.by_area[a], 2));
            }
        }
        for indicator in &article.indicators {
            if let Some(list) = self.by_indicator.get(indicator) {
                lists.push((list, 2));
            }
        }
        for list in self.tag_lists(i) {
            lists.push((list, 1));
        }
        let mut scores: Vec<(usize, u32)> = Vec::new();
        for (list, weight) in lists {
            let at = list.binary_search(&i).unwrap_or_else(|p| p);
            let from = at.saturating_sub(RELATED_WINDOW / 2);
            let to = (at + RELATED_WINDOW / 2 + 1).min(list.len());
            for &other in &list[from..to] {
                if other == i {
                    continue;
                }
                match scores.iter_mut().find(|(o, _)| *o == other) {
                    Some((_, score)) => *score += weight,
                    None => scores.push((other, weight)),
                }
            }
        }
        scores.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0.abs_diff(i).cmp(&b.0.abs_diff(i)))
                .then(a.0.cmp(&b.0))
        });
        scores
            .into_iter()
            .take(RELATED_COUNT)
            .map(|(o, _)| o)
            .collect()
    }

    /// The number of list pages for `count` articles.
    pub fn page_count(&self, count: usize) -> usize {
        count.div_ceil(self.config.articles_per_page).max(1)
    }
}

/// The articles of each category, area, plan period, indicator, tag and month, as positions
/// in the site's list of articles.
struct Lists {
    by_category: Vec<Vec<usize>>,
    by_area: Vec<Vec<usize>>,
    by_period: Vec<Vec<usize>>,
    by_indicator: BTreeMap<String, Vec<usize>>,
    tags: Vec<Tag>,
    months: Vec<Month>,
}

impl Lists {
    fn new(config: &SiteConfig, areas: &Areas, articles: &[Document]) -> Lists {
        let index_of = |ids: &[&str], wanted: &str| ids.iter().position(|id| *id == wanted);
        let category_ids: Vec<&str> = config.categories.iter().map(|c| c.id.as_str()).collect();
        let period_ids: Vec<&str> = config.periods.iter().map(|p| p.id.as_str()).collect();
        let mut by_category = vec![Vec::new(); category_ids.len()];
        let mut by_area = vec![Vec::new(); areas.all().len()];
        let mut by_period = vec![Vec::new(); period_ids.len()];
        let mut by_indicator: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
        let mut months: BTreeMap<(i32, u8), Vec<usize>> = BTreeMap::new();
        // Article `i` goes in the list of `id` among `ids`, if it is one of them.
        let file = |lists: &mut [Vec<usize>], ids: &[&str], id: Option<&str>, i: usize| {
            if let Some(k) = id.and_then(|id| index_of(ids, id)) {
                lists[k].push(i);
            }
        };
        for (i, article) in articles.iter().enumerate() {
            file(
                &mut by_category,
                &category_ids,
                article.category.as_deref(),
                i,
            );
            for area in &article.areas {
                if let Some(a) = areas.index_of(area) {
                    by_area[a].push(i);
                }
            }
            file(&mut by_period, &period_ids, article.period.as_deref(), i);
            for indicator in &article.indicators {
                by_indicator.entry(indicator.clone()).or_default().push(i);
            }
            for name in &article.tags {
                let slug = slugify(name);
                if slug.is_empty() {
                    continue;
                }
                let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                    name: name.clone(),
                    slug,
                    articles: Vec::new(),
                });
                if tag.articles.last() != Some(&i) {
                    tag.articles.push(i);
                }
            }
            if let Some(date) = article.date {
                months.entry((date.year, date.month)).or_default().push(i);
            }
        }
        let months: Vec<Month> = months
            .into_iter()
            .rev()
            .map(|((year, month), articles)| Month {
                year,
                month,
                articles,
            })
            .collect();
        Lists {
            by_category,
            by_area,
            by_period,
            by_indicator,
            tags: tags.into_values().collect(),
            months,
        }
    }
}

/// Two documents (or a document and a built-in section) must never write the same URL.
fn check_unique_urls(
    sections: &Sections,
    articles: &[Document],
    article_urls: &[String],
    pages: &[Document],
    page_urls: &[String],
    problems: &mut Vec<Diagnostic>,
) {
    // The owner of each address: a document's file, or `None` for a built-in section.
    let mut owners: HashMap<String, Option<&Path>> = HashMap::new();
    for section in [
        sections.articles,
        sections.categories,
        sections.tags,
        sections.archive,
        sections.indicators,
        sections.areas,
        sections.periods,
        sections.search,
        sections.data,
        sections.reporting,
        "assets",
    ] {
        owners.insert(format!("/{section}/"), None);
    }
    let documents = articles
        .iter()
        .zip(article_urls)
        .chain(pages.iter().zip(page_urls));
    let mut claims: Vec<(String, &Document)> = Vec::new();
    for (document, url) in documents {
        claims.push((url.clone(), document));
        for alias in &document.aliases {
            claims.push((normalize_alias(alias), document));
        }
    }
    // By file path (as `Path` orders them: component by component), each path split once.
    claims.sort_by_cached_key(|(_, document)| {
        document
            .source
            .components()
            .collect::<Vec<std::path::Component<'_>>>()
    });
    for (url, document) in claims {
        match owners.get(&url) {
            Some(Some(first)) if *first == document.source => {}
            Some(Some(first)) => problems.push(
                Diagnostic::error(&document.source, 1, 1, Id::AddressTwice)
                    .arg("url", &url)
                    .arg("first", first.display())
                    .arg("second", document.source.display())
                    .with_hint(Id::AddressTwiceHint),
            ),
            Some(None) => problems.push(
                Diagnostic::error(&document.source, 1, 1, Id::AddressOfSection)
                    .arg("url", &url)
                    .arg("second", document.source.display())
                    .with_hint(Id::AddressOfSectionHint),
            ),
            None => {
                owners.insert(url, Some(&document.source));
            }
        }
    }
}

/// An alias as the URL it occupies: `/a/b.html` stays, `/a/b` becomes `/a/b/`.
pub fn normalize_alias(alias: &str) -> String {
    if alias.ends_with('/')
        || alias
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
    {
        alias.to_string()
    } else {
        format!("{alias}/")
    }
}

impl Site {
    /// The title of an indicator, or its id when it is unknown.
    pub fn indicator_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.stats
            .indicator_index(id)
            .map_or(id, |i| self.stats.indicators[i].title.as_str())
    }
}

/// Every shortcode must name a known indicator and area, and a period with a value.
fn check_shortcodes(
    document: &Document,
    stats: &Statistics,
    areas: &Areas,
    periods: &[crate::config::PlanPeriod],
    problems: &mut Vec<Diagnostic>,
) {
    for code in &document.shortcodes {
        let error = |message: Id| Diagnostic::error(&document.source, code.line, code.col, message);
        let Some(indicator) = stats.indicator_index(&code.indicator) else {
            if stats.unloadable.contains(&code.indicator) {
                continue;
            }
            let problem = error(Id::ShortcodeUnknownIndicator)
                .arg("value", &code.indicator)
                .arg("name", code.kind.name());
            problems.push(
                match crate::diagnostics::did_you_mean(
                    &code.indicator,
                    stats.indicators.iter().map(|i| i.id.as_str()),
                ) {
                    Some(best) => problem.with_hint(Id::DidYouMeanHint).arg("best", best),
                    None => problem.with_hint(Id::IndicatorFilesHint),
                },
            );
            continue;
        };
        let Some(area) = areas.index_of(&code.area) else {
            let problem = error(Id::ShortcodeUnknownArea)
                .arg("value", &code.area)
                .arg("name", code.kind.name());
            problems.push(
                match crate::diagnostics::did_you_mean(&code.area, areas.ids()) {
                    Some(best) => problem.with_hint(Id::DidYouMeanHint).arg("best", best),
                    None => problem.with_hint(Id::AreasListedHint),
                },
            );
            continue;
        };
        match (&code.period, code.kind) {
            (Some(text), ShortcodeKind::Value) => match Period::read(text) {
                Ok(period)
                    if stats
                        .observations
                        .value_at(indicator, area, period)
                        .is_none() =>
                {
                    problems.push(
                        error(Id::ShortcodeNoValue)
                            .arg("indicator", &code.indicator)
                            .arg("area", &code.area)
                            .arg("period", period)
                            .with_hint(Id::ShortcodeNoValueHint),
                    )
                }
                Ok(_) => {}
                Err(problem) => problems.push(
                    problem
                        .at(&document.source, code.line, code.col)
                        .with_hint(Id::PeriodFormsHint),
                ),
            },
            (Some(text), _)
                if Period::read(text).is_err() && !periods.iter().any(|p| p.id == *text) =>
            {
                let ids: Vec<&str> = periods.iter().map(|p| p.id.as_str()).collect();
                problems.push(
                    error(Id::NotAPeriod)
                        .arg("value", text)
                        .with_hint(Id::PlanPeriodOrYearHint)
                        .arg("ids", ids.join(", ")),
                );
            }
            _ => {}
        }
    }
}

/// Articles sorted newest first (ties by file path). The order is found on indexes, then the
/// documents are swapped into it along its cycles: documents are large, and sorting them
/// directly would move each many times (or copying them into a new list, touch that much new
/// memory).
fn newest_first(mut articles: Vec<Document>) -> Vec<Document> {
    let key = |d: &Document| d.date.map_or(0, |d| d.timestamp());
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.par_sort_by(|&a, &b| {
        let (a, b) = (&articles[a], &articles[b]);
        key(b).cmp(&key(a)).then_with(|| a.source.cmp(&b.source))
    });
    apply_order(&mut articles, order);
    articles
}

/// Rearranges `items` so that position k holds the item that was at `order[k]` (`order` is a
/// permutation), in place. Following a cycle from `start`, each swap settles one position and
/// carries the item from `start` along to the cycle's last position.
fn apply_order<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != DONE {
            let from = std::mem::replace(&mut order[k], DONE);
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::apply_order;

    #[test]
    fn apply_order_moves_every_item_where_the_order_says() {
        // Every permutation of five items (fixed points, 2-cycles, one 5-cycle, …).
        let mut order: Vec<usize> = (0..5).collect();
        let mut seen = 0;
        loop {
            let mut items: Vec<char> = "abcde".chars().collect();
            apply_order(&mut items, order.clone());
            let wanted: Vec<char> = order.iter().map(|&i| (b'a' + i as u8) as char).collect();
            assert_eq!(items, wanted, "order {order:?}");
            seen += 1;
            // Next permutation in lexicographic order.
            let Some(i) = (0..4).rev().find(|&i| order[i] < order[i + 1]) else {
                break;
            };
            let j = (i + 1..5).rev().find(|&j| order[j] > order[i]).unwrap();
            order.swap(i, j);
            order[i + 1..].reverse();
        }
        assert_eq!(seen, 120);
    }
}
