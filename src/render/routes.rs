//! URLs of every kind of page, and the output file each URL is written to. Addresses are made
//! for every link of every page (and its fingerprint), so they are joined with
//! [`slice::concat`] (one allocation) rather than `format!`.

use crate::i18n::Sections;

/// `/chuyen-muc/<id>/`
pub fn category(sections: &Sections, id: &str) -> String {
    ["/", sections.categories, "/", id, "/"].concat()
}

/// `/the/<slug>/`
pub fn tag(sections: &Sections, slug: &str) -> String {
    ["/", sections.tags, "/", slug, "/"].concat()
}

/// `/luu-tru/2017-01/`
pub fn month(sections: &Sections, key: &str) -> String {
    ["/", sections.archive, "/", key, "/"].concat()
}

/// `/dia-ban/<id>/`
pub fn area(sections: &Sections, id: &str) -> String {
    ["/", sections.areas, "/", id, "/"].concat()
}

/// `/giai-doan/<id>/`
pub fn period(sections: &Sections, id: &str) -> String {
    ["/", sections.periods, "/", id, "/"].concat()
}

/// `/chi-tieu/<id>/`
pub fn indicator(sections: &Sections, id: &str) -> String {
    ["/", sections.indicators, "/", id, "/"].concat()
}

/// The page of an indicator in one area: `/chi-tieu/<id>/<area>/`.
pub fn indicator_area(sections: &Sections, id: &str, area: &str) -> String {
    ["/", sections.indicators, "/", id, "/", area, "/"].concat()
}

/// The reporting-status page: `/tinh-trang-bao-cao/`.
pub fn reporting(sections: &Sections) -> String {
    format!("/{}/", sections.reporting)
}

/// An open-data file: `/du-lieu/<id>.csv`.
pub fn data_file(sections: &Sections, indicator: &str, extension: &str) -> String {
    ["/", sections.data, "/", indicator, ".", extension].concat()
}

/// A standalone chart: `/du-lieu/<indicator>/<area>.svg`.
pub fn chart_file(sections: &Sections, indicator: &str, area: &str) -> String {
    ["/", sections.data, "/", indicator, "/", area, ".svg"].concat()
}

/// `/<section>/`
pub fn section(name: &str) -> String {
    format!("/{name}/")
}

/// Page `n` (1-based) of a paginated list whose first page is `base`:
/// `/tin-tuc/`, `/tin-tuc/trang/2/`, …
pub fn paginated(sections: &Sections, base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}{}/{n}/", sections.page)
    }
}

/// The file a URL is written to: `/tin-tuc/a/` → `tin-tuc/a/index.html`, `/feed.xml` → `feed.xml`.
pub fn file_of(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".to_string()
    } else if url.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;
    use crate::i18n::sections;

    #[test]
    fn vietnamese_and_english_urls() {
        let vi = sections(Language::Vi);
        assert_eq!(paginated(&vi, "/tin-tuc/", 1), "/tin-tuc/");
        assert_eq!(paginated(&vi, "/tin-tuc/", 3), "/tin-tuc/trang/3/");
        assert_eq!(category(&vi, "ke-hoach"), "/chuyen-muc/ke-hoach/");
        let en = sections(Language::En);
        assert_eq!(
            paginated(&en, &tag(&en, "ho-ngheo"), 2),
            "/tags/ho-ngheo/page/2/"
        );
    }

    #[test]
    fn files_of_urls() {
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/tin-tuc/trang/2/"), "tin-tuc/trang/2/index.html");
        assert_eq!(file_of("/feed.xml"), "feed.xml");
        assert_eq!(file_of("/tin/126.html"), "tin/126.html");
    }
}
