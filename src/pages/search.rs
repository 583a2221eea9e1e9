//! The search index for `/tim-kiem/`: one compact row per article, page, indicator and area,
//! searched in the browser without tone marks (the script folds both sides).

use std::borrow::Cow;

use rayon::prelude::*;

use crate::fingerprint::Hasher;
use crate::i18n::{self, DateStyle};
use crate::model::Site;
use crate::render::routes;

/// One row: `[title, url, meta, summary, keywords]`. Arrays rather than objects keep the
/// index small: field names are not repeated thousands of times.
pub type Row<'a> = [Cow<'a, str>; 5];

/// Where the index goes in the output folder.
pub fn index_path(site: &Site) -> String {
    format!("{}/index.json", site.sections.search)
}

/// Feeds into `h` everything [`index`] makes its rows from but the site's settings (the
/// language, the categories): the index is made again only when this changes.
pub fn feed(site: &Site, h: &mut Hasher) {
    fn list(h: &mut Hasher, items: &[String]) {
        h.u64(items.len() as u64);
        for item in items {
            h.str(item);
        }
    }
    h.u64(site.articles.len() as u64);
    for (article, url) in site.articles.iter().zip(&site.article_urls) {
        h.str(&article.title).str(url).serialize(&article.date);
        h.str(article.category.as_deref().unwrap_or_default());
        list(h, &article.areas);
        list(h, &article.tags);
        h.str(&article.excerpt).str(&article.summary);
    }
    h.u64(site.pages.len() as u64);
    for (page, url) in site.pages.iter().zip(&site.page_urls) {
        h.str(&page.title)
            .str(url)
            .str(&page.summary)
            .str(&page.excerpt);
    }
    h.u64(site.stats.indicators.len() as u64);
    for indicator in &site.stats.indicators {
        h.str(&indicator.id)
            .str(&indicator.title)
            .str(&indicator.unit)
            .str(&indicator.summary);
    }
    for area in site.areas.all() {
        h.str(&area.id)
            .str(&area.name)
            .str(area.parent.as_deref().unwrap_or_default());
    }
}

/// Builds the index rows in site order: articles (newest first), pages, indicators, areas.
pub fn index(site: &Site) -> Vec<Row<'_>> {
    let language = site.config.language;
    let mut rows: Vec<Row<'_>> = (0..site.articles.len())
        .into_par_iter()
        .map(|i| {
            let article = &site.articles[i];
            let mut meta: Vec<String> = Vec::new();
            meta.extend(
                article
                    .date
                    .map(|d| i18n::format_date(&d, DateStyle::Short, language)),
            );
            meta.extend(
                site.category_link(article.category.as_deref())
                    .map(|c| c.title),
            );
            meta.extend(site.area_links(&article.areas).into_iter().map(|a| a.title));
            let mut keywords = article.tags.join(" ");
            keywords.push(' ');
            keywords.push_str(&article.excerpt);
            [
                Cow::Borrowed(article.title.as_str()),
                Cow::Borrowed(site.article_urls[i].as_str()),
                Cow::Owned(meta.join(" · ")),
                Cow::Borrowed(article.summary.as_str()),
                Cow::Owned(keywords),
            ]
        })
        .collect();
    for (page, url) in site.pages.iter().zip(&site.page_urls) {
        rows.push([
            Cow::Borrowed(page.title.as_str()),
            Cow::Borrowed(url.as_str()),
            Cow::Borrowed(""),
            Cow::Borrowed(page.summary.as_str()),
            Cow::Borrowed(page.excerpt.as_str()),
        ]);
    }
    let label = i18n::string("indicator", language);
    for indicator in &site.stats.indicators {
        let meta = match indicator.unit.trim() {
            "" => label.to_string(),
            unit => format!("{label} · {unit}"),
        };
        rows.push([
            Cow::Borrowed(indicator.title.as_str()),
            Cow::Owned(routes::indicator(&site.sections, &indicator.id)),
            Cow::Owned(meta),
            Cow::Borrowed(indicator.summary.as_str()),
            Cow::Owned(indicator.id.replace('-', " ")),
        ]);
    }
    for area in site.areas.all() {
        let parent = area
            .parent
            .as_deref()
            .and_then(|p| site.areas.get(p))
            .map_or("", |p| p.name.as_str());
        rows.push([
            Cow::Borrowed(area.name.as_str()),
            Cow::Owned(routes::area(&site.sections, &area.id)),
            Cow::Borrowed(parent),
            Cow::Borrowed(""),
            Cow::Owned(area.id.replace('-', " ")),
        ]);
    }
    rows
}

/// The index as JSON: an array of rows, each an array of five strings. Its buffer is sized
/// from the rows first, so that megabytes are not copied into ever larger buffers.
pub fn to_json(rows: &[Row<'_>]) -> serde_json::Result<Vec<u8>> {
    let text: usize = rows.iter().flatten().map(|field| field.len()).sum();
    // Brackets, quotes and commas of each row, and room for some escapes.
    let mut json = Vec::with_capacity(text + text / 32 + rows.len() * 17 + 2);
    serde_json::to_writer(&mut json, rows)?;
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_an_array_of_five_string_rows_in_json() {
        let rows: Vec<Row<'_>> = vec![
            [
                Cow::Borrowed("Hội nghị \"tổng kết\""),
                Cow::Borrowed("/tin-tuc/hoi-nghi/"),
                Cow::Owned("02/03/2021 · Quận 11".to_string()),
                Cow::Borrowed("Dòng một\nDòng hai\t</script>"),
                Cow::Borrowed(""),
            ],
            [
                Cow::Borrowed("Tỷ lệ hộ nghèo"),
                Cow::Borrowed("/chi-tieu/ty-le-ho-ngheo/"),
                Cow::Borrowed("Chỉ tiêu · %"),
                Cow::Borrowed(""),
                Cow::Borrowed("ty le ho ngheo"),
            ],
        ];
        let text = String::from_utf8(to_json(&rows).unwrap()).unwrap();
        assert_eq!(
            text,
            concat!(
                r#"[["Hội nghị \"tổng kết\"","/tin-tuc/hoi-nghi/","02/03/2021 · Quận 11","#,
                r#""Dòng một\nDòng hai\t</script>",""],"#,
                r#"["Tỷ lệ hộ nghèo","/chi-tieu/ty-le-ho-ngheo/","Chỉ tiêu · %","","ty le ho ngheo"]]"#,
            )
        );
    }
}
