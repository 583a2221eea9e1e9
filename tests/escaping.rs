//! Escaping: a hostile text (`</script><script>…`, `"onerror=`, `]]>`, a control character)
//! put into every kind of input — site settings, area names, indicator metadata, CSV notes,
//! sources and dimensions, article front matter, a file name — never becomes markup in any
//! output: HTML, attributes, JSON-LD, SVG charts, the Atom feed, the sitemap, open data.

mod common;

use std::fs;
use std::path::Path;

use common::{site_copy, snapshot};

/// The text an attacker (or an unlucky paste) puts everywhere, as written in TOML.
const HOSTILE_TOML: &str = r#"</script><script>alert(1)</script> \"onerror=x ]]> \u0007 '<!--"#;
/// The same text as a CSV cell (quoted, with a raw control character).
const HOSTILE_CSV: &str = "\"</script><script>alert(1)</script> \"\"onerror=x ]]> \u{7} '<!--\"";

fn hostile_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, site) = site_copy("stats");
    let edit = |path: &str, from: &str, to: &str| {
        let path = site.join(path);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{}: {from}", path.display());
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    };
    let quoted = format!("\"{HOSTILE_TOML}\"");
    edit("site.toml", "\"Giảm nghèo — số liệu thử\"", &quoted);
    edit(
        "site.toml",
        "headline_indicators",
        &format!("description = {quoted}\npublisher = {quoted}\nheadline_indicators"),
    );
    edit("site.toml", "title = \"Tin\"", &format!("title = {quoted}"));
    edit(
        "content/areas.csv",
        "loc-binh,Xã Lộc Bình,phu-loc,xa",
        &format!("loc-binh,{HOSTILE_CSV},phu-loc,xa"),
    );
    edit(
        "content/indicators/ty-le-ho-ngheo.md",
        "title = \"Tỷ lệ hộ nghèo\"",
        &format!("title = {quoted}\nsource = {quoted}"),
    );
    edit(
        "content/indicators/ty-le-ho-ngheo.md",
        "note = \"Kế hoạch giảm nghèo 2016–2020\"",
        &format!("note = {quoted}"),
    );
    fs::write(
        site.join("content/data/doc-hai.csv"),
        format!(
            "indicator,area,period,value,note,source,nhom\nty-le-ho-ngheo,loc-binh,2020,1.5,{HOSTILE_CSV},{HOSTILE_CSV},{HOSTILE_CSV}\n"
        ),
    )
    .unwrap();
    fs::create_dir_all(site.join("content/static/tep")).unwrap();
    fs::write(site.join("content/static/tep/a'b&c.pdf"), "%PDF-1.4").unwrap();
    fs::write(site.join("content/static/anh.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    fs::write(
        site.join("content/articles/doc-hai.md"),
        format!(
            "+++\ntitle = {quoted}\ndate = \"2024-05-01\"\nslug = \"doc-hai\"\nsummary = {quoted}\ntags = [{quoted}]\nauthor = {quoted}\ncategory = \"tin\"\nareas = [\"loc-binh\"]\nimage = \"/anh.png\"\nimage_alt = {quoted}\n+++\nTệp [kế hoạch](/tep/a'b&c.pdf).\n\n{{{{ chart(indicator=\"ty-le-ho-ngheo\", area=\"loc-binh\") }}}}\n"
        ),
    )
    .unwrap();
    (dir, site)
}

/// The JSON-LD blocks of a page, and the page without them.
fn split_json_ld(page: &str) -> (Vec<&str>, String) {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    let mut blocks = Vec::new();
    let mut rest = page;
    let mut without = String::new();
    while let Some(start) = rest.find(OPEN) {
        without.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let end = after.find("</script>").expect("a JSON-LD block is closed");
        blocks.push(&after[..end]);
        rest = &after[end + "</script>".len()..];
    }
    without.push_str(rest);
    (blocks, without)
}

#[test]
fn hostile_text_is_escaped_in_every_output() {
    let (dir, site) = hostile_site();
    let out = dir.path().join("out");
    common::build_ok(&site, &out);
    let files = snapshot(&out);
    let mut checked = [0usize; 4];
    let mut json_ld = 0;
    for (path, bytes) in &files {
        let name = path.display().to_string();
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let extension = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        if matches!(extension.as_str(), "html" | "xml" | "svg" | "json") {
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
                "{name} has a control character"
            );
        }
        match extension.as_str() {
            "html" => {
                let (blocks, markup) = split_json_ld(text);
                assert!(!markup.contains("<script>alert"), "{name}: a script got in");
                assert!(
                    !markup.contains("\"onerror=x"),
                    "{name}: an attribute got in"
                );
                assert!(!markup.contains("'<!--"), "{name}: a comment got in");
                for block in blocks {
                    assert!(
                        !block.contains("</"),
                        "{name}: JSON-LD can close its script"
                    );
                    assert!(!block.contains("<!--"), "{name}: JSON-LD opens a comment");
                    serde_json::from_str::<serde_json::Value>(block)
                        .unwrap_or_else(|e| panic!("{name}: JSON-LD does not parse: {e}"));
                    json_ld += 1;
                }
                checked[0] += 1;
            }
            "xml" | "svg" => {
                roxmltree::Document::parse(text)
                    .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
                assert!(!text.contains("<script>alert"), "{name}: a script got in");
                assert!(!text.contains("]]>"), "{name}: `]]>` is not escaped");
                checked[1 + usize::from(extension == "svg")] += 1;
            }
            "json" => {
                serde_json::from_str::<serde_json::Value>(text)
                    .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
                checked[3] += 1;
            }
            _ => {}
        }
    }
    assert!(checked.iter().all(|&n| n > 0), "{checked:?}");
    assert!(json_ld >= 3, "{json_ld} JSON-LD blocks");

    // And the hostile text is there, escaped, where it belongs.
    let page = common::read(&out, "tin-tuc/doc-hai/index.html");
    assert!(
        page.contains(
            "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;onerror=x ]]&gt;"
        ),
        "{page}"
    );
    assert!(page.contains("href=\"/tep/a&#x27;b&amp;c.pdf\""), "{page}");
    assert!(out.join("tep/a'b&c.pdf").exists());
    let chart = common::read(&out, "du-lieu/ty-le-ho-ngheo/loc-binh.svg");
    assert!(
        chart.contains("&lt;/script&gt;&lt;script&gt;alert(1)"),
        "{chart}"
    );
    let data = common::read(&out, "du-lieu/ty-le-ho-ngheo.csv");
    assert!(
        data.contains("\"</script><script>alert(1)</script> \"\"onerror=x ]]>"),
        "{data}"
    );
}
