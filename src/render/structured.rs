//! Structured data for search engines: schema.org JSON-LD (`NewsArticle` for articles,
//! `Dataset` for indicators with their downloads, `WebSite` for the home page), escaped so
//! that nothing an author writes can close the `<script>` element it lives in.

use serde_json::{Value, json};

use crate::model::Site;
use crate::render::routes;

/// The home page: the site itself.
pub fn website(site: &Site) -> String {
    let base = base(site);
    to_script(&json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.config.title,
        "description": site.config.description,
        "url": format!("{base}/"),
        "inLanguage": site.config.language.code(),
    }))
}

/// Article `i` as a `NewsArticle`.
pub fn news_article(site: &Site, i: usize) -> String {
    let article = &site.articles[i];
    let base = base(site);
    let publisher = publisher(site);
    to_script(&json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.date.map(|d| d.rfc3339()),
        "author": {"@type": if article.author.is_some() { "Person" } else { "Organization" }, "name": article.author.as_deref().unwrap_or(publisher)},
        "publisher": {"@type": "Organization", "name": publisher},
        "url": format!("{base}{}", site.article_urls[i]),
        "inLanguage": site.config.language.code(),
        "keywords": article.tags,
    }))
}

/// Indicator `i` as a `Dataset` with its CSV and JSON downloads.
pub fn dataset(site: &Site, i: usize) -> String {
    let indicator = &site.stats.indicators[i];
    let base = base(site);
    let download = |extension: &str, format: &str| {
        json!({
            "@type": "DataDownload",
            "encodingFormat": format,
            "contentUrl": format!("{base}{}", routes::data_file(&site.sections, &indicator.id, extension)),
        })
    };
    let description = if indicator.summary.is_empty() {
        indicator.title.as_str()
    } else {
        indicator.summary.as_str()
    };
    to_script(&json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": indicator.title,
        "description": description,
        "url": format!("{base}{}", routes::indicator(&site.sections, &indicator.id)),
        "license": site.config.license,
        "inLanguage": site.config.language.code(),
        "creator": {"@type": "Organization", "name": publisher(site)},
        "variableMeasured": if indicator.unit.is_empty() { Value::Null } else { Value::from(indicator.unit.as_str()) },
        "distribution": [download("csv", "text/csv"), download("json", "application/json")],
    }))
}

fn base(site: &Site) -> &str {
    site.config.base_url.trim_end_matches('/')
}

fn publisher(site: &Site) -> &str {
    if site.config.publisher.is_empty() {
        &site.config.title
    } else {
        &site.config.publisher
    }
}

/// JSON safe inside `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, which
/// JSON parsers read back as the same characters.
pub fn to_script(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_content_cannot_break_out() {
        let value = json!({"headline": "</script><script>alert(1)</script> & <!--"});
        let script = to_script(&value);
        assert!(
            !script.contains('<') && !script.contains('>') && !script.contains('&'),
            "{script}"
        );
        let back: Value = serde_json::from_str(&script).unwrap();
        assert_eq!(back, value, "the JSON still means the same");
    }
}
