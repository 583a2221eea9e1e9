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

/// A `NewsArticle`, its fields in the order `json!` would sort them, borrowed from the site:
/// made for every article page, so no JSON tree is built on the way.
#[derive(serde::Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Thing<'a>,
    #[serde(rename = "datePublished")]
    date_published: Option<String>,
    description: &'a str,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    keywords: &'a [String],
    publisher: Thing<'a>,
    url: String,
}

/// A person or organisation by name.
#[derive(serde::Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// Article `i` as a `NewsArticle`.
pub fn news_article(site: &Site, i: usize) -> String {
    let article = &site.articles[i];
    let publisher = publisher(site);
    to_script(&NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        author: Thing {
            kind: if article.author.is_some() {
                "Person"
            } else {
                "Organization"
            },
            name: article.author.as_deref().unwrap_or(publisher),
        },
        date_published: article.date.map(|d| d.rfc3339()),
        description: &article.summary,
        headline: &article.title,
        in_language: site.config.language.code(),
        keywords: &article.tags,
        publisher: Thing {
            kind: "Organization",
            name: publisher,
        },
        url: [base(site), &site.article_urls[i]].concat(),
    })
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
/// JSON parsers read back as the same characters (as do the line and paragraph separators).
pub fn to_script(value: &impl serde::Serialize) -> String {
    // Serialising plain data into memory cannot fail.
    let json = serde_json::to_string(value).unwrap_or_default();
    // Most JSON has none of these: three SIMD searches settle it.
    let bytes = json.as_bytes();
    if memchr::memchr3(b'<', b'>', b'&', bytes).is_none()
        && memchr::memmem::find(bytes, "\u{2028}".as_bytes()).is_none()
        && memchr::memmem::find(bytes, "\u{2029}".as_bytes()).is_none()
    {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 64);
    let mut rest = json.as_str();
    // Each stop is an ASCII character or the first byte of a three-byte character (`E2`), so
    // every cut falls between characters.
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2))
    {
        out.push_str(&rest[..at]);
        let length = if rest.as_bytes()[at] == 0xE2 { 3 } else { 1 };
        let character = &rest[at..at + length];
        out.push_str(match character {
            "<" => "\\u003c",
            ">" => "\\u003e",
            "&" => "\\u0026",
            "\u{2028}" => "\\u2028",
            "\u{2029}" => "\\u2029",
            other => other,
        });
        rest = &rest[at + length..];
    }
    out.push_str(rest);
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
        let separators = json!({"a": "x\u{2028}y\u{2029}z – ư"});
        assert_eq!(to_script(&separators), r#"{"a":"x\u2028y\u2029z – ư"}"#);
    }
}
