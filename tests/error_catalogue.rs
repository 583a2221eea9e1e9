//! The error catalogue (docs/errors.md), case by case: each class of bad input is added to a
//! site that built, and the next build must exit with 1, report `path:line:col`, the message
//! and the hint, leave the previous output byte for byte as it was, and never touch the file
//! that sits beside the output folder. Every message is also in docs/errors.md.

mod common;

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use baocao::diagnostics::catalogue::CATALOGUE;

use common::{baocao, baocao_in, site_copy, snapshot};

/// How a case changes the site.
enum Edit {
    /// Writes a file (relative to the site).
    Write(&'static str, &'static [u8]),
    /// Replaces the first occurrence of a text in a file.
    Replace(&'static str, &'static str, &'static str),
    /// Puts a line before a file's text.
    Prepend(&'static str, &'static str),
    /// Deletes a file.
    Delete(&'static str),
    /// Writes an article of 21 MB.
    Huge(&'static str),
    /// Makes a link to a file outside the site.
    LinkOutside(&'static str),
}

/// One class of bad input.
struct Case {
    name: &'static str,
    edits: &'static [Edit],
    /// The first line of the expected report: `path:line:col: error: message`.
    expected: &'static str,
    /// A part of its hint.
    hint: &'static str,
    /// Warnings fail the build only with `--strict`.
    strict: bool,
}

const ARTICLE: &str = "content/articles/bai-moi.md";

const CASES: &[Case] = &[
    // Front matter and articles.
    Case {
        name: "front matter never closed",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\nN\xe1\xbb\x99i dung.\n")],
        expected: "content/articles/bai-moi.md:1:1: error: the front matter opened with `+++` on line 1 is never closed",
        hint: "add a line with only `+++`",
        strict: false,
    },
    Case {
        name: "no front matter",
        edits: &[Edit::Write(ARTICLE, b"# Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\n\nN\xe1\xbb\x99i dung.\n")],
        expected: "content/articles/bai-moi.md:1:1: error: the file does not start with front matter",
        hint: "begin the file with a line `+++`",
        strict: false,
    },
    Case {
        name: "TOML syntax",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\ntags = [\"a\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:12: error: unclosed array, expected `]`",
        hint: "check the TOML syntax",
        strict: false,
    },
    Case {
        name: "YAML syntax",
        edits: &[Edit::Write(ARTICLE, b"---\ntitle: A\ndate: 2024-01-01\ntags: [a, b\n---\n")],
        expected: "content/articles/bai-moi.md:5:1: error: did not find expected ',' or ']'",
        hint: "check the YAML syntax",
        strict: false,
    },
    Case {
        name: "unknown key",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\ncatgory = \"tin\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:1: error: unknown key `catgory`",
        hint: "did you mean `category`?",
        strict: false,
    },
    Case {
        name: "wrong kind of value",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\ntags = \"gi\xe1\xba\xa3m ngh\xc3\xa8o\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:8: error: wrong kind of value: found string \"giảm nghèo\"",
        hint: "a list is expected here",
        strict: false,
    },
    Case {
        name: "missing title",
        edits: &[Edit::Write(ARTICLE, b"+++\ndate = \"2024-01-01\"\n+++\n")],
        expected: "content/articles/bai-moi.md:1:1: error: the title is missing",
        hint: "add a line `title = \"…\"`",
        strict: false,
    },
    Case {
        name: "missing date",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\n+++\n")],
        expected: "content/articles/bai-moi.md:1:1: error: the date is missing: every article needs one",
        hint: "add `date = \"2024-02-01\"`",
        strict: false,
    },
    Case {
        name: "date in another format",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"01/02/2024\"\n+++\n")],
        expected: "content/articles/bai-moi.md:3:8: error: `01/02/2024` is not a date",
        hint: "dates are written year-month-day",
        strict: false,
    },
    Case {
        name: "date not in the calendar",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-02-30\"\n+++\n")],
        expected: "content/articles/bai-moi.md:3:8: error: `2024-02-30` is not a day of the calendar",
        hint: "dates are written year-month-day",
        strict: false,
    },
    Case {
        name: "unknown category",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\ncategory = \"tn\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:12: error: unknown category `tn`",
        hint: "did you mean `tin`?",
        strict: false,
    },
    Case {
        name: "unknown area",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\nareas = [\"phu-lok\"]\n+++\n")],
        expected: "content/articles/bai-moi.md:4:10: error: unknown area `phu-lok`",
        hint: "did you mean `phu-loc`?",
        strict: false,
    },
    Case {
        name: "unknown indicator",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\nindicators = [\"ty-le-ho-ngeo\"]\n+++\n")],
        expected: "content/articles/bai-moi.md:4:15: error: unknown indicator `ty-le-ho-ngeo`",
        hint: "did you mean `ty-le-ho-ngheo`?",
        strict: false,
    },
    Case {
        name: "unknown plan period",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\nperiod = \"2016-2021\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:10: error: unknown period `2016-2021`",
        hint: "did you mean `2016-2020`?",
        strict: false,
    },
    Case {
        name: "image without alt text",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\nimage = \"/anh/a.jpg\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:9: error: the image has no alt text",
        hint: "add `image_alt`",
        strict: false,
    },
    Case {
        name: "title that makes no address",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\nslug = \"!!!\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:8: error: no URL can be made from `!!!`",
        hint: "set `slug`",
        strict: false,
    },
    Case {
        name: "alias outside the site",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\naliases = [\"../../etc/passwd\"]\n+++\n")],
        expected: "content/articles/bai-moi.md:4:12: error: alias `../../etc/passwd` must start with `/`",
        hint: "write the old address as a path on this site",
        strict: false,
    },
    Case {
        name: "alias climbing out",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\naliases = [\"/a/../../b\"]\n+++\n")],
        expected: "content/articles/bai-moi.md:4:12: error: alias `/a/../../b` must not contain `.` or `..` segments",
        hint: "write the old address as a path on this site",
        strict: false,
    },
    Case {
        name: "two articles at one address",
        edits: &[
            Edit::Write(ARTICLE, b"+++\ntitle = \"H\xe1\xbb\x99i ngh\xe1\xbb\x8b\"\ndate = \"2024-01-01\"\n+++\n"),
            Edit::Write("content/articles/bai-moi-2.md", b"+++\ntitle = \"H\xe1\xbb\x99i ngh\xe1\xbb\x8b!\"\ndate = \"2024-01-02\"\n+++\n"),
        ],
        expected: "content/articles/bai-moi.md:1:1: error: the address /tin-tuc/hoi-nghi/ is made by both content/articles/bai-moi-2.md and content/articles/bai-moi.md",
        hint: "give one of them a different `slug`",
        strict: false,
    },
    Case {
        name: "alias on a built-in page",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\naliases = [\"/tin-tuc/\"]\n+++\n")],
        expected: "content/articles/bai-moi.md:1:1: error: the address /tin-tuc/ belongs to a built-in section of the site, but content/articles/bai-moi.md makes it too",
        hint: "give it another `slug`",
        strict: false,
    },
    Case {
        name: "empty file",
        edits: &[Edit::Write(ARTICLE, b"")],
        expected: "content/articles/bai-moi.md:1:1: error: the file is empty",
        hint: "add front matter with a title, or delete the file",
        strict: false,
    },
    Case {
        name: "file not in UTF-8",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"Gi\xe1m ngh\xe8o\"\ndate = \"2024-01-01\"\n+++\n")],
        expected: "content/articles/bai-moi.md:2:12: error: the file is not UTF-8 text, so Vietnamese letters would be garbled",
        hint: "save it again as UTF-8",
        strict: false,
    },
    Case {
        name: "file too big to be an article",
        edits: &[Edit::Huge(ARTICLE)],
        expected: "content/articles/bai-moi.md:1:1: error: the file is 21 MB; baocao reads Markdown files up to 20 MB",
        hint: "split it into several articles",
        strict: false,
    },
    #[cfg(unix)]
    Case {
        name: "link to a file outside the site",
        edits: &[Edit::LinkOutside("content/static/tep/bi-mat.txt")],
        expected: "content/static/tep/bi-mat.txt:0:0: error: this link points outside the site folder, so it is not published",
        hint: "copy the file into the site instead of linking to it",
        strict: false,
    },
    Case {
        name: "lead image that does not exist",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\nimage = \"/anh/khong-co.jpg\"\nimage_alt = \"H\xe1\xbb\x99i ngh\xe1\xbb\x8b\"\n+++\n")],
        expected: "content/articles/bai-moi.md:4:9: error: `/anh/khong-co.jpg` points to no image of this site",
        hint: "files go in content/static/",
        strict: true,
    },
    Case {
        name: "link to a missing page",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\nXem [k\xe1\xba\xbf ho\xe1\xba\xa1ch](/tin-tuc/khong-co/).\n")],
        expected: "content/articles/bai-moi.md:5:5: error: `/tin-tuc/khong-co/` points to no page or file of this site",
        hint: "check the address",
        strict: true,
    },
    Case {
        name: "script in an article",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\nV\xc4\x83n b\xe1\xba\xa3n.\n\n<script>alert(1)</script>\n")],
        expected: "content/articles/bai-moi.md:7:1: error: the article contains a <script>: it runs in every reader's browser",
        hint: "remove it unless the site's maintainers asked for it",
        strict: true,
    },
    Case {
        name: "inline event handler",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\n<p onclick=\"go()\">B\xe1\xba\xa5m</p>\n")],
        expected: "content/articles/bai-moi.md:5:1: error: the article's HTML has an `onclick` attribute, which runs script",
        hint: "remove the attribute",
        strict: true,
    },
    Case {
        name: "resource from another host",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\n<img src=\"https://cdn.example.com/a.png\" alt=\"Bi\xe1\xbb\x83u \xc4\x91\xe1\xbb\x93\">\n")],
        expected: "content/articles/bai-moi.md:5:1: error: the article loads `https://cdn.example.com/a.png` from another host",
        hint: "copy the file into content/static/",
        strict: true,
    },
    // Shortcodes.
    Case {
        name: "unknown shortcode",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\n{{ bieu_do(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\") }}\n")],
        expected: "content/articles/bai-moi.md:5:1: error: unknown shortcode `bieu_do`",
        hint: "the shortcodes are: chart, progress, value, table",
        strict: false,
    },
    Case {
        name: "shortcode with an unknown indicator",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\n{{ chart(indicator=\"ty-le-ho-nghe\", area=\"phu-loc\") }}\n")],
        expected: "content/articles/bai-moi.md:5:1: error: unknown indicator `ty-le-ho-nghe` in the `chart` shortcode",
        hint: "did you mean `ty-le-ho-ngheo`?",
        strict: false,
    },
    Case {
        name: "shortcode with an unknown area",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\n{{ chart(indicator=\"ty-le-ho-ngheo\", area=\"phu-lok\") }}\n")],
        expected: "content/articles/bai-moi.md:5:1: error: unknown area `phu-lok` in the `chart` shortcode",
        hint: "did you mean `phu-loc`?",
        strict: false,
    },
    Case {
        name: "shortcode without an argument",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\n{{ chart(indicator=\"ty-le-ho-ngheo\") }}\n")],
        expected: "content/articles/bai-moi.md:5:1: error: the `chart` shortcode needs the argument `area`",
        hint: "add area=\"…\"",
        strict: false,
    },
    Case {
        name: "shortcode value that does not exist",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\nT\xe1\xbb\xb7 l\xe1\xbb\x87 {{ value(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\", period=\"2030\") }}.\n")],
        expected: "content/articles/bai-moi.md:5:7: error: `ty-le-ho-ngheo` has no value for `phu-loc` in 2030",
        hint: "add the value to a CSV under content/data/",
        strict: false,
    },
    Case {
        name: "shortcode not closed",
        edits: &[Edit::Write(ARTICLE, b"+++\ntitle = \"A\"\ndate = \"2024-01-01\"\n+++\n{{ chart(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\" }}\n")],
        expected: "content/articles/bai-moi.md:5:1: error: the `chart` shortcode is missing its closing `)`",
        hint: "write e.g. {{ chart(",
        strict: false,
    },
    // Observations (CSV).
    Case {
        name: "CSV saved in a legacy encoding",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value,note\nty-le-ho-ngheo,phu-loc,2019,5.1,Gi\xe1m\n")],
        expected: "content/data/moi.csv:2:35: error: the file is not UTF-8 text (probably Excel's legacy \"CSV\" format), so Vietnamese letters would be garbled",
        hint: "CSV UTF-8 (Comma delimited)",
        strict: false,
    },
    Case {
        name: "CSV with an unknown indicator",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-nghe,phu-loc,2019,5.1\n")],
        expected: "content/data/moi.csv:2:1: error: unknown indicator `ty-le-ho-nghe`",
        hint: "did you mean `ty-le-ho-ngheo`?",
        strict: false,
    },
    Case {
        name: "CSV with an unknown area",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-ngheo,phu-lok,2019,5.1\n")],
        expected: "content/data/moi.csv:2:16: error: unknown area `phu-lok`",
        hint: "did you mean `phu-loc`?",
        strict: false,
    },
    Case {
        name: "CSV with a bad period",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-ngheo,phu-loc,2019-Q5,5.1\n")],
        expected: "content/data/moi.csv:2:24: error: `2019-Q5` has no quarter 5: quarters are Q1 to Q4",
        hint: "periods are a year `2020`, a quarter `2020-Q3` or a month `2020-06`",
        strict: false,
    },
    Case {
        name: "CSV cell that is not a number",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-ngheo,phu-loc,2019,n\xc4\x83m\n")],
        expected: "content/data/moi.csv:2:29: error: `năm` is not a number",
        hint: "write a number, or leave the cell empty",
        strict: false,
    },
    Case {
        name: "CSV number in another format",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-ngheo,phu-loc,2019,\"5,1\"\n")],
        expected: "content/data/moi.csv:2:29: error: `5,1` is not a number (under number_format = \"plain\"",
        hint: "write a number, or leave the cell empty",
        strict: false,
    },
    Case {
        name: "CSV row of the wrong width",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-ngheo,phu-loc,2019,5.1,th\xe1\xbb\xaba\n")],
        expected: "content/data/moi.csv:2:1: error: this row has 5 cells but the header has 4",
        hint: "every row needs one cell per column",
        strict: false,
    },
    Case {
        name: "CSV value given twice",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-ngheo,phu-loc,2016,5.1\n")],
        expected: "content/data/phu-loc.csv:3:1: error: a value for this indicator, area and period is already given at content/data/moi.csv:2",
        hint: "keep one of the two rows",
        strict: false,
    },
    Case {
        name: "wide CSV with an unknown indicator column",
        edits: &[Edit::Write("content/data/moi.csv", b"area;period;ty-le-ho-ngheo;ty-le-ho-nghoe\nphu-loc;2019;5,1;2\n")],
        expected: "content/data/moi.csv:1:28: error: unknown indicator `ty-le-ho-nghoe` in the header",
        hint: "did you mean `ty-le-ho-ngheo`?",
        strict: false,
    },
    Case {
        name: "CSV without a header",
        edits: &[Edit::Write("content/data/moi.csv", b"a,b,c\n1,2,3\n")],
        expected: "content/data/moi.csv:1:1: error: no header row with the columns `area` and `period` was found",
        hint: "the first row of the table must name its columns",
        strict: false,
    },
    Case {
        name: "empty CSV",
        edits: &[Edit::Write("content/data/moi.csv", b"")],
        expected: "content/data/moi.csv:1:1: error: no header row with the columns `area` and `period` was found",
        hint: "the first row of the table must name its columns",
        strict: false,
    },
    Case {
        name: "percentage out of range",
        edits: &[Edit::Write("content/data/moi.csv", b"indicator,area,period,value\nty-le-ho-ngheo,phu-loc,2019,105\n")],
        expected: "content/data/moi.csv:2:29: error: 105 is outside 0–100 for `ty-le-ho-ngheo` (unit %)",
        hint: "check the number",
        strict: true,
    },
    // Indicators and targets.
    Case {
        name: "indicator with an unknown key",
        edits: &[Edit::Replace("content/indicators/ty-le-ho-ngheo.md", "unit = \"%\"", "unit = \"%\"\ndonvi = \"%\"")],
        expected: "content/indicators/ty-le-ho-ngheo.md:4:1: error: unknown key `donvi`",
        hint: "remove it, or use one of: title, unit, direction",
        strict: false,
    },
    Case {
        name: "value that is not allowed",
        edits: &[Edit::Replace("content/indicators/ty-le-ho-ngheo.md", "direction = \"down\"", "direction = \"xuong\"")],
        expected: "content/indicators/ty-le-ho-ngheo.md:4:13: error: `xuong` is not an allowed value here",
        hint: "write one of: \"up\", \"down\"",
        strict: false,
    },
    Case {
        name: "target for an unknown area",
        edits: &[Edit::Replace("content/indicators/ty-le-ho-ngheo.md", "area = \"phu-loc\"", "area = \"phu-lok\"")],
        expected: "content/indicators/ty-le-ho-ngheo.md:9:8: error: unknown area `phu-lok`",
        hint: "did you mean `phu-loc`?",
        strict: false,
    },
    Case {
        name: "target for a period that does not exist",
        edits: &[Edit::Replace("content/indicators/ty-le-ho-ngheo.md", "period = \"2017\"", "period = \"2017-Q9\"")],
        expected: "content/indicators/ty-le-ho-ngheo.md:17:10: error: `2017-Q9` has no quarter 9: quarters are Q1 to Q4",
        hint: "use a plan period",
        strict: false,
    },
    Case {
        name: "identity with an unknown indicator",
        edits: &[Edit::Replace("content/indicators/so-ho-ngheo.md", "so-ho-thoat-ngheo", "so-ho-thoat-nghe")],
        expected: "content/indicators/so-ho-ngheo.md:6:1: error: the identity names an unknown indicator `so-ho-thoat-nghe`",
        hint: "every term must be the id of a file in content/indicators/",
        strict: false,
    },
    // Site settings and areas.
    Case {
        name: "site.toml with an unknown key",
        edits: &[Edit::Prepend("site.toml", "titel = \"x\"")],
        expected: "site.toml:1:1: error: unknown key `titel`",
        hint: "did you mean `title`?",
        strict: false,
    },
    Case {
        name: "site.toml syntax",
        edits: &[Edit::Prepend("site.toml", "title = \"A\" \"B\"")],
        expected: "site.toml:1:13: error: unexpected key or value, expected newline, `#`",
        hint: "check the TOML syntax",
        strict: false,
    },
    Case {
        name: "missing site.toml",
        edits: &[Edit::Delete("site.toml")],
        expected: "site.toml:0:0: error: cannot read site.toml",
        hint: "baocao init DIR",
        strict: false,
    },
    Case {
        name: "articles per page of zero",
        edits: &[Edit::Prepend("site.toml", "articles_per_page = 0")],
        expected: "site.toml:1:1: error: articles_per_page must be at least 1",
        hint: "write e.g. `articles_per_page = 10`",
        strict: false,
    },
    Case {
        name: "base_url that is not a web address",
        edits: &[Edit::Replace("site.toml", "https://thu.example.vn", "thu.example.vn")],
        expected: "site.toml:2:1: error: base_url `thu.example.vn` is not a web address",
        hint: "write the full address",
        strict: false,
    },
    Case {
        name: "overlapping plan periods",
        edits: &[Edit::Replace("site.toml", "start = 2016", "start = 2014")],
        expected: "site.toml:13:6: error: period `2016-2020` overlaps or comes before `2011-2015`",
        hint: "list [[periods]] in time order",
        strict: false,
    },
    Case {
        name: "theme without templates",
        edits: &[Edit::Prepend("site.toml", "theme = \"xanh\"")],
        expected: "site.toml:1:1: error: theme `xanh` has no folder themes/xanh/templates",
        hint: "create the folder",
        strict: false,
    },
    Case {
        name: "area defined twice",
        edits: &[Edit::Replace("content/areas.csv", "lien-chieu,Quận Liên Chiểu,tp-da-nang,quan", "lien-chieu,Quận Liên Chiểu,tp-da-nang,quan\nphu-loc,Phú Lộc 2,,huyen")],
        expected: "content/areas.csv:8:1: error: area `phu-loc` is already defined on line 3",
        hint: "give every area its own id",
        strict: false,
    },
    Case {
        name: "area with an unknown parent",
        edits: &[Edit::Replace("content/areas.csv", "lien-chieu,Quận Liên Chiểu,tp-da-nang,quan", "lien-chieu,Quận Liên Chiểu,tp-da-nang,quan\nxa-moi,Xã Mới,huyen-la,xa")],
        expected: "content/areas.csv:8:1: error: area `xa-moi` names an unknown parent `huyen-la`",
        hint: "add the parent area on its own line",
        strict: false,
    },
    Case {
        name: "area id with spaces or capitals",
        edits: &[Edit::Replace("content/areas.csv", "lien-chieu,Quận Liên Chiểu,tp-da-nang,quan", "lien-chieu,Quận Liên Chiểu,tp-da-nang,quan\nXa Moi,Xã Mới,phu-loc,xa")],
        expected: "content/areas.csv:8:1: error: area id `Xa Moi` must use only a-z, 0-9 and -",
        hint: "write the name without diacritics",
        strict: false,
    },
    Case {
        name: "areas.csv without its columns",
        edits: &[Edit::Write("content/areas.csv", b"ma,ten\nphu-loc,Ph\xc3\xba L\xe1\xbb\x99c\n")],
        expected: "content/areas.csv:1:1: error: areas.csv needs the columns `id` and `name`",
        hint: "the first line should read `id,name,parent,level`",
        strict: false,
    },
    // Templates of a theme.
    Case {
        name: "template syntax",
        edits: &[
            Edit::Prepend("site.toml", "theme = \"xanh\""),
            Edit::Write("themes/xanh/templates/article.html", b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ article.title </h1>\n{% endblock main %}\n"),
        ],
        expected: "themes/xanh/templates/article.html:3:22: error: Found `</` but expected }}.",
        hint: "fix the template",
        strict: false,
    },
    Case {
        name: "template using a value that does not exist",
        edits: &[
            Edit::Prepend("site.toml", "theme = \"xanh\""),
            Edit::Write("themes/xanh/templates/article.html", b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ article.tieu_de }}</h1>\n{% endblock main %}\n"),
        ],
        expected: "themes/xanh/templates/article.html:3:16: error: Field `tieu_de` is not defined.",
        hint: "fix the template",
        strict: false,
    },
];

fn apply(site: &Path, edit: &Edit) {
    match edit {
        Edit::Write(path, bytes) => {
            let path = site.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        Edit::Replace(path, from, to) => {
            let path = site.join(path);
            let text = fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{}: no {from:?}", path.display());
            fs::write(path, text.replacen(from, to, 1)).unwrap();
        }
        Edit::Prepend(path, line) => {
            let path = site.join(path);
            let text = fs::read_to_string(&path).unwrap();
            fs::write(path, format!("{line}\n{text}")).unwrap();
        }
        Edit::Delete(path) => fs::remove_file(site.join(path)).unwrap(),
        Edit::Huge(path) => {
            let line =
                "Hộ nghèo được hỗ trợ vay vốn, học nghề và bảo hiểm y tế. ".repeat(10) + "\n\n";
            let body = line.repeat(21 * 1024 * 1024 / line.len() + 1);
            let text = format!("+++\ntitle = \"Dài\"\ndate = \"2024-01-01\"\n+++\n{body}");
            fs::write(site.join(path), text).unwrap();
        }
        Edit::LinkOutside(path) => {
            let outside = site.parent().unwrap().join("bi-mat.txt");
            fs::write(&outside, "not for publishing").unwrap();
            let link = site.join(path);
            fs::create_dir_all(link.parent().unwrap()).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            #[cfg(not(unix))]
            fs::write(&link, "no links on this system").unwrap();
        }
    }
}

/// The Vietnamese report of cases whose messages are in the catalogue: the case, the first
/// line of the report with `--lang vi` (the same `path:line:col` as in English) and a part
/// of its hint.
const VIETNAMESE: &[(&str, &str, &str)] = &[
    (
        "unknown key",
        "content/articles/bai-moi.md:4:1: lỗi: không có khóa `catgory`",
        "gợi ý: có phải bạn muốn viết `category`?",
    ),
    (
        "wrong kind of value",
        "content/articles/bai-moi.md:4:8: lỗi: giá trị không đúng loại: ở đây là văn bản \"giảm nghèo\"",
        "gợi ý: ở đây cần một danh sách",
    ),
    (
        "unknown category",
        "content/articles/bai-moi.md:4:12: lỗi: không có chuyên mục `tn`",
        "gợi ý: có phải bạn muốn viết `tin`? Các mã có trong các chuyên mục trong site.toml",
    ),
    (
        "unknown area",
        "content/articles/bai-moi.md:4:10: lỗi: không có địa bàn `phu-lok`",
        "gợi ý: có phải bạn muốn viết `phu-loc`?",
    ),
    (
        "CSV without a header",
        "content/data/moi.csv:1:1: lỗi: không tìm thấy dòng tiêu đề có cột `area` và cột `period`",
        "gợi ý: dòng đầu tiên của bảng phải ghi tên các cột",
    ),
    (
        "CSV saved in a legacy encoding",
        "content/data/moi.csv:2:35: lỗi: tệp không được lưu với bảng mã UTF-8",
        "Tệp → Lưu thành → \"CSV UTF-8 (Phân cách bằng dấu phẩy) (*.csv)\"",
    ),
    (
        "CSV row of the wrong width",
        "content/data/moi.csv:2:1: lỗi: dòng này có 5 ô nhưng dòng tiêu đề có 4 cột",
        "gợi ý: mỗi dòng cần đúng một ô cho mỗi cột",
    ),
    (
        "CSV with an unknown area",
        "content/data/moi.csv:2:16: lỗi: không có địa bàn `phu-lok`",
        "gợi ý: có phải bạn muốn viết `phu-loc`? Các địa bàn có trong content/areas.csv",
    ),
    (
        "value that is not allowed",
        "content/indicators/ty-le-ho-ngheo.md:4:13: lỗi: `xuong` không phải là giá trị được phép ở đây",
        "gợi ý: viết một trong các giá trị: \"up\", \"down\"",
    ),
    (
        "site.toml with an unknown key",
        "site.toml:1:1: lỗi: không có khóa `titel`",
        "gợi ý: có phải bạn muốn viết `title`?",
    ),
    (
        "missing title",
        "content/articles/bai-moi.md:1:1: lỗi: bài thiếu tiêu đề",
        "gợi ý: thêm một dòng `title = \"…\"` vào phần thông tin đầu bài",
    ),
    (
        "date in another format",
        "content/articles/bai-moi.md:3:8: lỗi: `01/02/2024` không phải là một ngày",
        "gợi ý: ngày viết theo thứ tự năm-tháng-ngày",
    ),
    (
        "alias climbing out",
        "content/articles/bai-moi.md:4:12: lỗi: địa chỉ cũ `/a/../../b` không được có đoạn `.` hay `..`",
        "gợi ý: viết địa chỉ cũ thành một đường dẫn trên trang này",
    ),
    (
        "file too big to be an article",
        "content/articles/bai-moi.md:1:1: lỗi: tệp có dung lượng 21 `MB`; baocao chỉ đọc tệp Markdown đến 20 `MB`",
        "gợi ý: tách thành nhiều bài viết",
    ),
    (
        "target for an unknown area",
        "content/indicators/ty-le-ho-ngheo.md:9:8: lỗi: không có địa bàn `phu-lok`",
        "gợi ý: có phải bạn muốn viết `phu-loc`? Các địa bàn có trong content/areas.csv",
    ),
    (
        "target for a period that does not exist",
        "content/indicators/ty-le-ho-ngheo.md:17:10: lỗi: `2017-Q9` không có quý 9",
        "gợi ý: dùng một giai đoạn kế hoạch",
    ),
    (
        "theme without templates",
        "site.toml:1:1: lỗi: giao diện `xanh` không có thư mục `themes/xanh/templates`",
        "gợi ý: tạo thư mục đó với các mẫu giao diện bạn muốn thay đổi",
    ),
    (
        "template syntax",
        "themes/xanh/templates/article.html:3:22: lỗi: mẫu giao diện có lỗi: ",
        "gợi ý: sửa mẫu giao diện",
    ),
];

/// The sections of docs/errors.md: the first case of each, and its title in English and in
/// Vietnamese (cases follow in the order of [`CASES`]).
const SECTIONS: &[(&str, &str, &str)] = &[
    (
        "front matter never closed",
        "Front matter and articles",
        "Thông tin đầu bài và bài viết",
    ),
    ("unknown shortcode", "Shortcodes", "Lệnh chèn"),
    (
        "CSV saved in a legacy encoding",
        "Observations (CSV)",
        "Số liệu (tệp CSV)",
    ),
    (
        "indicator with an unknown key",
        "Indicators and targets",
        "Chỉ tiêu và mục tiêu",
    ),
    (
        "site.toml with an unknown key",
        "Site settings and areas",
        "Cài đặt của trang và địa bàn",
    ),
    ("template syntax", "Templates of a theme", "Mẫu giao diện"),
];

/// What a build reported for a case in one language: the first line of the report at the
/// case's place (`path:line:col: error: message`) and the hint after it (without its label).
#[derive(Clone, Debug)]
struct Report {
    line: String,
    hint: String,
}

impl Report {
    /// `path:line:col`.
    fn place(&self) -> &str {
        self.line.split(": ").next().unwrap_or("")
    }

    /// The message after `error: ` (or `lỗi: `).
    fn message(&self) -> &str {
        self.line.splitn(3, ": ").nth(2).unwrap_or("")
    }
}

/// The words of the report in one language.
struct Words {
    code: &'static str,
    error: &'static str,
    hint: &'static str,
    closing: &'static str,
}

const ENGLISH: Words = Words {
    code: "en",
    error: "error",
    hint: "  hint: ",
    closing: "nothing was written, the previous output is unchanged",
};

const VI: Words = Words {
    code: "vi",
    error: "lỗi",
    hint: "  gợi ý: ",
    closing: "chưa ghi tệp nào, thư mục kết quả vẫn như trước",
};

/// What a case reported in English and in Vietnamese, or what went wrong.
type Outcome = (Result<Report, String>, Result<Report, String>);

/// Every case run in English and in Vietnamese (once for all the tests of this file, on
/// several threads).
fn outcomes() -> &'static [Outcome] {
    static OUTCOMES: OnceLock<Vec<Outcome>> = OnceLock::new();
    OUTCOMES.get_or_init(|| {
        let place = |case: &Case| case.expected.split(": ").next().unwrap().to_string();
        let jobs: Vec<(usize, &Words)> = (0..CASES.len())
            .flat_map(|i| [(i, &ENGLISH), (i, &VI)])
            .collect();
        let threads = std::thread::available_parallelism().map_or(4, |n| n.get().min(8));
        let mut results: Vec<Option<Result<Report, String>>> = vec![None; jobs.len()];
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let jobs = &jobs;
                    scope.spawn(move || {
                        (t..jobs.len())
                            .step_by(threads)
                            .map(|j| {
                                let (i, words) = jobs[j];
                                (j, run(&CASES[i], words, &place(&CASES[i])))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for handle in handles {
                for (j, result) in handle.join().unwrap() {
                    results[j] = Some(result);
                }
            }
        });
        let mut results = results.into_iter().map(Option::unwrap);
        (0..CASES.len())
            .map(|_| (results.next().unwrap(), results.next().unwrap()))
            .collect()
    })
}

/// Runs one case with `--lang words.code`: the build must fail with exit status 1, report an
/// error at `place` followed by a hint line, close with the language's last line, and leave
/// the previous output and the file beside it as they were.
fn run(case: &Case, words: &Words, place: &str) -> Result<Report, String> {
    let (dir, site) = site_copy("stats");
    let out = dir.path().join("out");
    let sentinel = dir.path().join("beside-the-output.txt");
    fs::write(&sentinel, "must survive").unwrap();
    let site_arg = site.to_str().unwrap();
    let out_arg = out.to_str().unwrap();
    let first = baocao(&["build", site_arg, "--out", out_arg]);
    if !first.status.success() {
        return Err(format!(
            "the fixture did not build: {}",
            String::from_utf8_lossy(&first.stderr)
        ));
    }
    let before = snapshot(&out);
    for edit in case.edits {
        apply(&site, edit);
    }
    let mut args = vec!["build", site_arg, "--out", out_arg];
    if case.strict {
        args.push("--strict");
    }
    let result = baocao_in(words.code, &args);
    let stderr = String::from_utf8_lossy(&result.stderr);
    if result.status.code() != Some(1) {
        return Err(format!("exit {:?}: {stderr}", result.status.code()));
    }
    let start = format!("{place}: {}: ", words.error);
    let mut lines = stderr.lines().skip_while(|l| !l.starts_with(&start));
    let Some(line) = lines.next() else {
        return Err(format!("no `{start}` in:\n{stderr}"));
    };
    let hint_line = lines.next().unwrap_or("");
    let Some(hint) = hint_line.strip_prefix(words.hint) else {
        return Err(format!("no hint after `{line}`:\n{stderr}"));
    };
    if !stderr.contains(words.closing) {
        return Err(format!("no closing line in:\n{stderr}"));
    }
    if snapshot(&out) != before {
        return Err("the previous output changed".to_string());
    }
    if fs::read_to_string(&sentinel).ok().as_deref() != Some("must survive") {
        return Err("the file beside the output changed".to_string());
    }
    Ok(Report {
        line: line.to_string(),
        hint: hint.to_string(),
    })
}

#[test]
fn every_class_of_bad_input_is_reported_and_changes_nothing() {
    let failures: Vec<String> = CASES
        .iter()
        .zip(outcomes())
        .filter_map(|(case, (english, _))| {
            let problem = match english {
                Err(e) => e.clone(),
                Ok(report) if !report.line.starts_with(case.expected) => {
                    format!("reported `{}`, not `{}`", report.line, case.expected)
                }
                Ok(report) if !report.hint.contains(case.hint) => {
                    format!("the hint `{}` lacks `{}`", report.hint, case.hint)
                }
                Ok(_) => return None,
            };
            Some(format!("{}: {problem}", case.name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_case_is_reported_in_vietnamese_at_the_same_place() {
    let mut failures = Vec::new();
    for (case, (english, vietnamese)) in CASES.iter().zip(outcomes()) {
        let (Ok(english), Ok(vietnamese)) = (english, vietnamese) else {
            if let Err(e) = vietnamese {
                failures.push(format!("{} (vi): {e}", case.name));
            }
            continue;
        };
        assert_eq!(english.place(), vietnamese.place(), "{}", case.name);
        if english.message() == vietnamese.message() {
            failures.push(format!(
                "{}: `{}` is not in Vietnamese",
                case.name, vietnamese.line
            ));
        }
    }
    for (name, expected, hint) in VIETNAMESE {
        let i = CASES.iter().position(|c| c.name == *name).unwrap();
        if let (_, Ok(report)) = &outcomes()[i] {
            if !report.line.starts_with(expected) {
                failures.push(format!("{name}: `{}`, not `{expected}`", report.line));
            }
            let hint = hint.strip_prefix("gợi ý: ").unwrap_or(hint);
            if !report.hint.contains(hint) {
                failures.push(format!("{name}: the hint `{}` lacks `{hint}`", report.hint));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A cell of a Markdown table: `|` escaped everywhere, `<` outside code spans.
fn cell(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.replace('|', "\\|");
            if i % 2 == 0 {
                part.replace('<', "&lt;")
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

const INTRO_VI: &str = "\
Mỗi vấn đề baocao tìm thấy trong một trang được báo theo dạng `tệp:dòng:cột: lỗi: thông báo`,
tiếp theo là một dòng `gợi ý: …` cho biết cách sửa. Mọi vấn đề được liệt kê trong một lần chạy;
sau đó việc tạo trang dừng lại với mã thoát 1 và **không ghi tệp nào**: thư mục kết quả vẫn đúng
như lần tạo trang thành công trước. Cảnh báo (`cảnh báo:`) không làm dừng việc tạo trang, trừ khi
có `--strict`.

Thông báo hiện bằng ngôn ngữ của trang (`language` trong site.toml); `--lang en` hoặc biến môi
trường `BAOCAO_LANG=en` cho thông báo bằng tiếng Anh. Dòng và cột đếm từ 1, cột đếm theo ký tự;
`0:0` nghĩa là cả tệp (không đọc được tệp).
";

const INTRO_EN: &str = "\
Every problem baocao finds in a site is reported as `path:line:col: error: message`, followed
by a line `hint: …` that says how to fix it. All problems are listed in one run; then the build
stops with exit status 1 and **writes nothing**: the output folder stays exactly as the last
good build left it. Warnings (`warning:`) do not stop a build unless `--strict` is given.

Messages are in the site's language (`language` in site.toml); `--lang en` or the environment
variable `BAOCAO_LANG=en` gives them in English. Positions are 1-based lines and columns counted
in characters; `0:0` means the whole file (it could not be read at all).

Each row below is a test (`tests/error_catalogue.rs`): the bad input is added to a site that
built, and the test checks, in both languages, the exit status, the position, the message, the
hint, that the previous output is unchanged byte for byte, and that a file beside the output
folder is untouched.
";

const NEVER_VI: &str = "\
- Một liên kết tượng trưng (symbolic link) trong `content/static/` trỏ đến tệp nằm trong thư mục
  của trang được đăng như chính tệp đó.
- HTML viết thẳng trong bài là của người viết và được đăng đúng như vậy; `baocao check` cảnh báo
  về mã `<script>`, thuộc tính chạy mã và tệp tải từ trang web khác trong đó.
- Một bài rất dài (đến 20 MB), danh sách hay trích dẫn lồng nhau nhiều tầng, và một tệp CSV một
  triệu dòng đều tạo trang không lỗi (xem `tests/scale.rs`).
";

const NEVER_EN: &str = "\
- A symbolic link inside `content/static/` that stays inside the site folder is published like
  the file it points to.
- Raw HTML in Markdown is the author's own and is published as written; `baocao check` warns
  about scripts, inline event handlers and resources from other hosts in it.
- A very long article (up to 20 MB), a deeply nested list or quotation, and a CSV file of a
  million rows build without error (see `tests/scale.rs`).
";

/// docs/errors.md as the cases (run in both languages) and the catalogue make it.
fn errors_md(reports: &[(&Report, &Report)]) -> String {
    let mut md = String::from(
        "# Danh mục lỗi · Error catalogue\n\n\
         <!-- Generated by tests/error_catalogue.rs from its cases and src/diagnostics/catalogue.rs; \
         do not edit by hand: run `BAOCAO_BLESS=1 cargo test --release --test error_catalogue`. -->\n\n\
         [Tiếng Việt](#tiếng-việt) · [English](#english) · \
         [Toàn bộ thông báo · Every message](#toàn-bộ-thông-báo--every-message)\n",
    );
    let section_of = |name: &str| SECTIONS.iter().find(|(first, _, _)| *first == name);
    md.push_str("\n## Tiếng Việt\n\n");
    md.push_str(INTRO_VI);
    for (case, (_, vi)) in CASES.iter().zip(reports) {
        if let Some((_, _, title)) = section_of(case.name) {
            md.push_str(&format!(
                "\n### {title}\n\n| chỗ | thông báo (sau `lỗi:`) | gợi ý |\n|---|---|---|\n"
            ));
        }
        md.push_str(&format!(
            "| `{}` | {} | {} |\n",
            vi.place(),
            cell(vi.message()),
            cell(&vi.hint)
        ));
    }
    md.push_str("\n### Những gì không bao giờ là lỗi\n\n");
    md.push_str(NEVER_VI);
    md.push_str("\n## English\n\n");
    md.push_str(INTRO_EN);
    for (case, (en, _)) in CASES.iter().zip(reports) {
        if let Some((_, title, _)) = section_of(case.name) {
            md.push_str(&format!(
                "\n### {title}\n\n| case | where | message (after `error:`) | hint |\n|---|---|---|---|\n"
            ));
        }
        md.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            cell(case.name),
            en.place(),
            cell(en.message()),
            cell(&en.hint)
        ));
    }
    md.push_str("\n### What is never an error\n\n");
    md.push_str(NEVER_EN);
    md.push_str(
        "\n## Toàn bộ thông báo · Every message\n\n\
         Mọi thông báo và gợi ý trong `src/diagnostics/catalogue.rs`; `{…}` là chỗ baocao điền \
         tên tệp, khóa hay giá trị. · Every message and hint of `src/diagnostics/catalogue.rs`; \
         baocao fills `{…}` with names of files, keys or values.\n\n\
         | mã · id | tiếng Việt | English |\n|---|---|---|\n",
    );
    for entry in CATALOGUE {
        md.push_str(&format!(
            "| `{}` | {} | {} |\n",
            entry.name,
            cell(entry.vi),
            cell(entry.en)
        ));
    }
    md
}

#[test]
fn docs_errors_md_is_generated_from_the_cases_and_the_catalogue() {
    let reports: Vec<(&Report, &Report)> = outcomes()
        .iter()
        .filter_map(|(en, vi)| Some((en.as_ref().ok()?, vi.as_ref().ok()?)))
        .collect();
    assert_eq!(
        reports.len(),
        CASES.len(),
        "a case failed: see the other tests of this file"
    );
    let generated = errors_md(&reports);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md");
    if std::env::var_os("BAOCAO_BLESS").is_some_and(|v| v == "1") {
        fs::write(&path, &generated).unwrap();
        return;
    }
    let written = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == generated,
        "docs/errors.md is not what the cases and the catalogue make: regenerate it with \
         `BAOCAO_BLESS=1 cargo test --release --test error_catalogue` (and review the diff)"
    );
}
