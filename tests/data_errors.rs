//! CSV files with the quirks of real statistics exports (BOM, CRLF, `;`, a title line, `..`,
//! `Pre. 2016` labels, zeros, unaccented names, Windows-1258 bytes) and indicator files with
//! mistakes: every problem is reported with file, line and column, in one run.

mod common;

use std::fs;

use common::{build_args, build_in, in_both_languages, site_copy, snapshot};

/// Builds with messages in `language`: the exit status and what was printed.
fn build(language: &str, site: &std::path::Path, out: &std::path::Path) -> (Option<i32>, String) {
    let result = build_in(language, site, out);
    (
        result.status.code(),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

#[test]
fn every_csv_problem_is_listed_with_its_position() {
    let (dir, site) = site_copy("stats");
    let out = dir.path().join("out");
    assert_eq!(build("en", &site, &out).0, Some(0));
    let before = snapshot(&out);
    let data = site.join("content/data");
    // A GSO-style export: BOM, CRLF, `;`, a title line and a blank line, `..`, zero values,
    // unaccented area names and a `Pre. 2016` label.
    fs::write(
        data.join("gso.csv"),
        "\u{feff}\"Ty le ho ngheo theo tinh\"\r\n\r\n\"area\";\"period\";\"ty-le-ho-ngheo\"\r\n\
         \"thua-thien-hue\";\"2014\";6,0\r\n\"thua-thien-hue\";\"2015\";0\r\n\"Thua Thien-Hue\";\"2013\";7,4\r\n\
         \"thua-thien-hue\";\"Pre. 2016\";3,7\r\n\"thua-thien-hue\";\"2012\";..\r\n",
    )
    .unwrap();
    fs::write(
        data.join("loi.csv"),
        "indicator,area,period,value,note\n\
         ty-le-ho-ngheo,phu-loc,2019,5.1,\n\
         ty-le-ho-ngheoo,phu-loc,2020,4.9,\n\
         ty-le-ho-ngheo,phu-loc-x,2020,4.9,\n\
         ty-le-ho-ngheo,phu-loc,2020-Q5,4.9,\n\
         ty-le-ho-ngheo,phu-loc,2020,4\n\
         ty-le-ho-ngheo,phu-loc,2020,\"4,9\",\n\
         ty-le-ho-ngheo,phu-loc,2019,5.2,trùng\n\
         ty-le-ho-ngheo,phu-loc,2020,1051,\n",
    )
    .unwrap();
    fs::write(
        data.join("excel-cu.csv"),
        b"indicator,area,period,value\nty-le-ho-ngheo,phu-loc,2020,4.9,Gi\xe1m\n",
    )
    .unwrap();
    fs::write(
        data.join("rong.csv"),
        "area,period,ty-le-ho-ngheo,khong-co\nphu-loc,2020,4.8,1\n",
    )
    .unwrap();
    fs::write(
        data.join("khong-tieu-de.csv"),
        "tinh,nam,gia tri\nHue,2015,4.7\n",
    )
    .unwrap();

    in_both_languages(
        &build_args(&site, &out),
        &[
            (
                "content/data/excel-cu.csv:2:35: error: the file is not UTF-8 text",
                "content/data/excel-cu.csv:2:35: lỗi: tệp không được lưu với bảng mã UTF-8",
            ),
            (
                "content/data/gso.csv:6:1: error: unknown area `Thua Thien-Hue`",
                "content/data/gso.csv:6:1: lỗi: không có địa bàn `Thua Thien-Hue`",
            ),
            (
                "content/data/gso.csv:7:18: error: `Pre. 2016` is not a period",
                "content/data/gso.csv:7:18: lỗi: `Pre. 2016` không phải là một kỳ",
            ),
            (
                "content/data/khong-tieu-de.csv:1:1: error: no header row with the columns `area` and `period` was found",
                "content/data/khong-tieu-de.csv:1:1: lỗi: không tìm thấy dòng tiêu đề có cột `area` và cột `period`",
            ),
            (
                "content/data/loi.csv:3:1: error: unknown indicator `ty-le-ho-ngheoo`",
                "content/data/loi.csv:3:1: lỗi: không có chỉ tiêu `ty-le-ho-ngheoo`",
            ),
            (
                "content/data/loi.csv:4:16: error: unknown area `phu-loc-x`",
                "content/data/loi.csv:4:16: lỗi: không có địa bàn `phu-loc-x`",
            ),
            (
                "content/data/loi.csv:5:24: error: `2020-Q5` has no quarter 5",
                "content/data/loi.csv:5:24: lỗi: `2020-Q5` không có quý 5",
            ),
            (
                "content/data/loi.csv:6:1: error: this row has 4 cells but the header has 5",
                "content/data/loi.csv:6:1: lỗi: dòng này có 4 ô nhưng dòng tiêu đề có 5 cột",
            ),
            (
                "content/data/loi.csv:7:29: error: `4,9` is not a number",
                "content/data/loi.csv:7:29: lỗi: `4,9` không phải là một số",
            ),
            (
                "content/data/loi.csv:8:1: error: a value for this indicator, area and period is already given at content/data/loi.csv:2",
                "content/data/loi.csv:8:1: lỗi: đã có một giá trị cho chỉ tiêu, địa bàn và kỳ này ở content/data/loi.csv:2",
            ),
            (
                "content/data/loi.csv:9:29: warning: 1051 is outside 0–100 for `ty-le-ho-ngheo` (unit %): the cell `1051` was read as 1051 because number_format = \"plain\" reads `.` as the decimal mark",
                "content/data/loi.csv:9:29: cảnh báo: 1051 nằm ngoài khoảng 0–100 của chỉ tiêu `ty-le-ho-ngheo` (đơn vị `%`): ô `1051` được đọc là 1051 vì với `number_format = \"plain\"`, dấu `.` được đọc là dấu thập phân",
            ),
            (
                "content/data/rong.csv:1:28: error: unknown indicator `khong-co` in the header",
                "content/data/rong.csv:1:28: lỗi: dòng tiêu đề có chỉ tiêu `khong-co` không tồn tại",
            ),
        ],
        &[
            (
                "did you mean `ty-le-ho-ngheo`?",
                "có phải bạn muốn viết `ty-le-ho-ngheo`?",
            ),
            (
                "did you mean `phu-loc`?",
                "có phải bạn muốn viết `phu-loc`?",
            ),
            (
                "save the file as UTF-8: in Excel choose File → Save As → \"CSV UTF-8 (Comma delimited)",
                "lưu lại tệp với bảng mã UTF-8: trong Excel chọn Tệp → Lưu thành → \"CSV UTF-8 (Phân cách bằng dấu phẩy)",
            ),
            (
                "write a number, or leave the cell empty",
                "viết một số, hoặc để trống ô",
            ),
        ],
    );
    let (_, english) = build("en", &site, &out);
    assert!(english.contains("set number_format = \"vi\""), "{english}");
    let (_, vietnamese) = build("vi", &site, &out);
    assert!(
        vietnamese.contains("hoặc đặt `number_format = \"vi\"` trong site.toml"),
        "{vietnamese}"
    );
    assert_eq!(before, snapshot(&out), "the previous output is untouched");
}

#[test]
fn indicator_mistakes_point_at_the_value() {
    let (dir, site) = site_copy("stats");
    let path = site.join("content/indicators/ty-le-ho-ngheo.md");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("area = \"phu-loc\"", "area = \"phu-lok\"", 1)
        .replace("period = \"2017\"", "period = \"năm 2017\"");
    fs::write(&path, text).unwrap();
    fs::write(
        site.join("content/indicators/sai-khoa.md"),
        "+++\ntitle = \"Sai\"\ndirection = \"xuong\"\n+++\n",
    )
    .unwrap();
    in_both_languages(
        &build_args(&site, &dir.path().join("out")),
        &[
            (
                "content/indicators/ty-le-ho-ngheo.md:9:8: error: unknown area `phu-lok`",
                "content/indicators/ty-le-ho-ngheo.md:9:8: lỗi: không có địa bàn `phu-lok`",
            ),
            (
                "content/indicators/ty-le-ho-ngheo.md:17:10: error: `năm 2017` is not a period",
                "content/indicators/ty-le-ho-ngheo.md:17:10: lỗi: `năm 2017` không phải là một kỳ",
            ),
            (
                "content/indicators/sai-khoa.md:3:13: error: `xuong` is not an allowed value here",
                "content/indicators/sai-khoa.md:3:13: lỗi: `xuong` không phải là giá trị được phép ở đây",
            ),
        ],
        &[
            (
                "write one of: \"up\", \"down\"",
                "viết một trong các giá trị: \"up\", \"down\"",
            ),
            (
                "did you mean `phu-loc`? Areas are listed in content/areas.csv",
                "có phải bạn muốn viết `phu-loc`? Các địa bàn có trong content/areas.csv",
            ),
            ("use a plan period (", "dùng một giai đoạn kế hoạch ("),
        ],
    );
}

#[test]
fn shortcode_mistakes_name_file_line_and_column() {
    let (dir, site) = site_copy("stats");
    let path = site.join("content/articles/hoi-nghi.md");
    let text = fs::read_to_string(&path).unwrap()
        + "\n{{ chart(indicator=\"ty-le-ho-nghoe\", area=\"phu-loc\") }}\n\nx {{ value(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\", period=\"2030\") }}\n\n{{ progress(indicator=\"ty-le-ho-ngheo\", area=\"quan-12\") }}\n";
    fs::write(&path, text).unwrap();
    in_both_languages(
        &build_args(&site, &dir.path().join("out")),
        &[
            (
                "content/articles/hoi-nghi.md:18:1: error: unknown indicator `ty-le-ho-nghoe` in the `chart` shortcode",
                "content/articles/hoi-nghi.md:18:1: lỗi: lệnh chèn `chart` ghi chỉ tiêu `ty-le-ho-nghoe`, nhưng không có chỉ tiêu này",
            ),
            (
                "content/articles/hoi-nghi.md:20:3: error: `ty-le-ho-ngheo` has no value for `phu-loc` in 2030",
                "content/articles/hoi-nghi.md:20:3: lỗi: `ty-le-ho-ngheo` không có giá trị cho `phu-loc` trong kỳ 2030",
            ),
            (
                "content/articles/hoi-nghi.md:22:1: error: unknown area `quan-12` in the `progress` shortcode",
                "content/articles/hoi-nghi.md:22:1: lỗi: lệnh chèn `progress` ghi địa bàn `quan-12`, nhưng không có địa bàn này",
            ),
        ],
        &[
            (
                "did you mean `ty-le-ho-ngheo`?",
                "có phải bạn muốn viết `ty-le-ho-ngheo`?",
            ),
            (
                "add the value to a CSV under content/data/",
                "thêm giá trị vào một tệp CSV trong content/data/",
            ),
        ],
    );
}
