//! The site's language: UI strings, URL segments, and Vietnamese or English formatting of
//! numbers (`1.234,5` / `1,234.5`), dates (`22/11/2026`, `22 tháng 11 năm 2026`) and periods.

use serde::Serialize;

use crate::config::Language;
use crate::content::date::DateTime;
use crate::data::period::Period;

/// First URL segment of each section, in the site's language.
#[derive(Clone, Debug, Serialize)]
pub struct Sections {
    /// Articles: `/tin-tuc/`.
    pub articles: &'static str,
    /// Pagination: `/tin-tuc/trang/2/`.
    pub page: &'static str,
    /// Categories: `/chuyen-muc/<id>/`.
    pub categories: &'static str,
    /// Tags: `/the/<tag>/`.
    pub tags: &'static str,
    /// Archive by month: `/luu-tru/2017-01/`.
    pub archive: &'static str,
    /// Indicators: `/chi-tieu/<id>/`.
    pub indicators: &'static str,
    /// Areas: `/dia-ban/<id>/`.
    pub areas: &'static str,
    /// Plan periods: `/giai-doan/<id>/`.
    pub periods: &'static str,
    /// Search: `/tim-kiem/`.
    pub search: &'static str,
    /// Open data: `/du-lieu/<id>.csv`.
    pub data: &'static str,
    /// Reporting status: `/tinh-trang-bao-cao/`.
    pub reporting: &'static str,
}

/// URL sections for a language (Vietnamese paths by default, English for `language = "en"`).
pub fn sections(language: Language) -> Sections {
    match language {
        Language::Vi => Sections {
            articles: "tin-tuc",
            page: "trang",
            categories: "chuyen-muc",
            tags: "the",
            archive: "luu-tru",
            indicators: "chi-tieu",
            areas: "dia-ban",
            periods: "giai-doan",
            search: "tim-kiem",
            data: "du-lieu",
            reporting: "tinh-trang-bao-cao",
        },
        Language::En => Sections {
            articles: "news",
            page: "page",
            categories: "categories",
            tags: "tags",
            archive: "archive",
            indicators: "indicators",
            areas: "areas",
            periods: "periods",
            search: "search",
            data: "data",
            reporting: "reporting-status",
        },
    }
}

/// UI strings: (key, Vietnamese, English). Templates read them as `t.<key>`.
const STRINGS: &[(&str, &str, &str)] = &[
    ("home", "Trang chủ", "Home"),
    ("news", "Tin tức", "News"),
    ("indicators", "Chỉ tiêu", "Indicators"),
    ("areas", "Địa bàn", "Areas"),
    ("periods", "Giai đoạn", "Plan periods"),
    ("search", "Tìm kiếm", "Search"),
    ("archive", "Xem theo ngày", "Browse by date"),
    ("categories", "Chuyên mục", "Categories"),
    ("tags", "Thẻ", "Tags"),
    ("tag", "Thẻ", "Tag"),
    ("category", "Chuyên mục", "Category"),
    ("newer", "Tin mới hơn", "Newer"),
    ("older", "Tin đã đưa", "Older"),
    ("related", "Các tin khác", "Related news"),
    ("latest_news", "Tin mới nhất", "Latest news"),
    ("all_news", "Tất cả tin tức", "All news"),
    ("published", "Đăng ngày", "Published"),
    ("author", "Người viết", "Author"),
    ("toc", "Nội dung chính", "Contents"),
    ("skip", "Bỏ qua, đến nội dung chính", "Skip to main content"),
    ("page", "Trang", "Page"),
    ("previous_page", "Trang trước", "Previous page"),
    ("next_page", "Trang sau", "Next page"),
    ("pagination", "Phân trang", "Pagination"),
    ("breadcrumb", "Đường dẫn", "Breadcrumb"),
    ("main_nav", "Điều hướng chính", "Main navigation"),
    ("articles_in", "Bài viết", "Articles"),
    ("articles_count", "bài", "articles"),
    ("articles_count_one", "bài", "article"),
    ("month", "Tháng", "Month"),
    ("no_articles", "Chưa có bài viết nào.", "No articles yet."),
    ("sub_areas", "Địa bàn trực thuộc", "Sub-areas"),
    ("part_of", "Thuộc", "Part of"),
    ("plan_period", "Giai đoạn kế hoạch", "Plan period"),
    ("standard", "Chuẩn đo lường", "Measurement standard"),
    ("years", "Năm", "Years"),
    ("not_found_title", "Không tìm thấy trang", "Page not found"),
    (
        "not_found_text",
        "Trang bạn tìm không có hoặc đã được chuyển đi. Hãy về trang chủ hoặc dùng ô tìm kiếm.",
        "The page you are looking for does not exist or has moved. Go to the home page or use search.",
    ),
    (
        "redirect_text",
        "Trang này đã chuyển đến",
        "This page has moved to",
    ),
    ("feed", "Tin mới (Atom)", "News feed (Atom)"),
    ("text_size", "Cỡ chữ", "Text size"),
    ("text_smaller", "Cỡ chữ thường", "Normal text"),
    ("text_medium", "Cỡ chữ lớn", "Larger text"),
    ("text_larger", "Cỡ chữ rất lớn", "Largest text"),
    ("read_aloud", "Đọc bài viết", "Read aloud"),
    (
        "search_label",
        "Tìm tin tức, chỉ tiêu, địa bàn",
        "Search news, indicators and areas",
    ),
    ("search_button", "Tìm", "Search"),
    ("search_found", "Tìm thấy {n} kết quả", "{n} results"),
    ("search_found_one", "Tìm thấy 1 kết quả", "1 result"),
    (
        "search_loading",
        "Đang tải chỉ mục tìm kiếm…",
        "Loading the search index…",
    ),
    (
        "search_error",
        "Không tải được chỉ mục tìm kiếm.",
        "The search index could not be loaded.",
    ),
    (
        "search_noscript",
        "Tìm kiếm cần JavaScript. Bạn vẫn có thể xem tin theo chuyên mục, theo thẻ hoặc theo ngày:",
        "Search needs JavaScript. You can still browse news by category, tag or date:",
    ),
    ("licence", "Giấy phép", "Licence"),
    (
        "made_with",
        "Trang được tạo bằng baocao",
        "Built with baocao",
    ),
    ("indicator", "Chỉ tiêu", "Indicator"),
    ("unit", "Đơn vị", "Unit"),
    ("direction", "Chiều tốt", "Better when"),
    ("direction_down", "càng thấp càng tốt", "lower"),
    ("direction_up", "càng cao càng tốt", "higher"),
    ("source", "Nguồn", "Source"),
    ("note", "Ghi chú", "Note"),
    ("value", "Giá trị", "Value"),
    ("period", "Kỳ", "Period"),
    ("area", "Địa bàn", "Area"),
    ("latest", "Mới nhất", "Latest"),
    ("latest_value", "Số liệu mới nhất", "Latest value"),
    ("status", "Tình trạng", "Status"),
    ("targets", "Mục tiêu", "Targets"),
    ("target", "Mục tiêu", "Target"),
    ("baseline", "Gốc", "Baseline"),
    ("due", "Thời hạn", "Due"),
    ("share", "Đã đạt", "Achieved so far"),
    ("pace", "Tốc độ so với yêu cầu", "Pace ratio"),
    ("data", "Số liệu", "Data"),
    ("data_table", "Bảng số liệu", "Data table"),
    ("downloads", "Tải dữ liệu", "Download the data"),
    ("download_csv", "CSV", "CSV"),
    ("download_json", "JSON", "JSON"),
    ("download_svg", "Biểu đồ (SVG)", "Chart (SVG)"),
    (
        "comparison",
        "So sánh các địa bàn trực thuộc",
        "Sub-areas compared",
    ),
    ("standard_break", "Đổi chuẩn", "New standard"),
    ("no_data", "Chưa có số liệu", "No data yet"),
    ("related_articles", "Bài viết liên quan", "Related articles"),
    ("all_indicators", "Tất cả chỉ tiêu", "All indicators"),
    (
        "reporting_status",
        "Tình hình cập nhật số liệu",
        "Reporting status",
    ),
    (
        "reporting_intro",
        "Cặp chỉ tiêu – địa bàn nào đã có số liệu kỳ báo cáo mới nhất và cặp nào chưa cập nhật.",
        "Which indicator and area pairs have a value for the latest reporting period, and which are out of date.",
    ),
    (
        "latest_period",
        "Kỳ báo cáo mới nhất",
        "Latest reporting period",
    ),
    ("up_to_date", "Đã cập nhật", "Up to date"),
    ("stale", "Chưa cập nhật", "Out of date"),
    ("headline", "Chỉ tiêu chính", "Headline indicators"),
    ("due_soon", "Mục tiêu sắp đến hạn", "Targets due soonest"),
    ("change", "Thay đổi", "Change"),
    ("trend", "Xu hướng", "Trend"),
    ("map_of", "Bản đồ", "Map of"),
    ("map_areas", "địa bàn", "areas"),
    ("map_lowest", "thấp nhất", "lowest"),
    ("map_highest", "cao nhất", "highest"),
    (
        "map_without_data",
        "địa bàn chưa có số liệu",
        "without data",
    ),
    ("computed", "tổng hợp", "computed"),
    (
        "computed_note",
        "Tổng hợp từ các địa bàn trực thuộc",
        "Computed from the sub-areas",
    ),
    (
        "computed_ratio_note",
        "Tính từ hai chỉ tiêu thành phần của cùng địa bàn",
        "Worked out from its two component indicators in the same area",
    ),
    (
        "computed_explained",
        "Số liệu tổng hợp (ghi “tổng hợp”, hoặc có ghi chú cách tính) do hệ thống tính, không phải số liệu được báo cáo trực tiếp: số đếm là tổng của các địa bàn trực thuộc, tỷ lệ được tính lại từ tử số và mẫu số của cùng địa bàn (không lấy trung bình các tỷ lệ).",
        "Computed values (marked “computed”, or with a note on how they were worked out) were worked out by baocao, not reported directly: a count is the sum of the sub-areas’ values, a rate is worked out again from its numerator and denominator in the same area (never an average of rates).",
    ),
    (
        "coverage_intro",
        "Chưa có số tổng hợp cho các kỳ mà không phải mọi địa bàn trực thuộc đều đã báo cáo:",
        "No total is shown for the periods in which not every sub-area reported:",
    ),
    ("of_total", "trên", "of"),
    (
        "coverage_reported",
        "địa bàn trực thuộc đã báo cáo",
        "sub-areas reported",
    ),
    (
        "sorted_by_value",
        "xếp theo số liệu mới nhất, từ cao đến thấp",
        "sorted by the latest value, highest first",
    ),
    ("areas_compared", "So sánh các địa bàn", "Areas compared"),
    ("area_page", "Trang địa bàn", "Area page"),
    (
        "breakdown",
        "Số liệu chi tiết theo nhóm",
        "Breakdown by group",
    ),
    ("level", "Cấp", "Level"),
    (
        "reporting_by_level",
        "Tình hình cập nhật theo cấp địa bàn",
        "Reporting status by level",
    ),
    (
        "more_stale",
        "cặp chỉ tiêu – địa bàn chưa cập nhật khác không liệt kê ở đây; xem trang của từng địa bàn hoặc dữ liệu mở.",
        "more out-of-date indicator and area pairs are not listed here; see each area’s page or the open data.",
    ),
    (
        "more_areas",
        "địa bàn khác: xem trang chỉ tiêu",
        "more areas: see the indicator’s page",
    ),
    (
        "deeper_areas",
        "địa bàn cấp dưới không liệt kê ở đây; mở trang của từng địa bàn để xem các địa bàn trực thuộc.",
        "areas of lower levels are not listed here; open an area’s page to see its sub-areas.",
    ),
    ("open_data", "Dữ liệu mở", "Open data"),
    (
        "open_data_intro",
        "Toàn bộ số liệu được công bố dưới dạng CSV và JSON, mô tả theo chuẩn Frictionless Data Package.",
        "All figures are published as CSV and JSON, described as a Frictionless Data Package.",
    ),
    (
        "indicators_of_area",
        "Chỉ tiêu của địa bàn",
        "Indicators for this area",
    ),
    (
        "targets_of_period",
        "Các mục tiêu của giai đoạn",
        "Targets of this period",
    ),
    (
        "deeper_targets",
        "Mục tiêu của các địa bàn cấp dưới",
        "Targets of lower-level areas",
    ),
    (
        "deeper_targets_intro",
        "Các mục tiêu này được đếm theo tình trạng; mở trang chỉ tiêu để xem tình trạng của từng địa bàn, từng cấp một.",
        "These targets are counted by status; open an indicator’s page to see each area’s status, one level at a time.",
    ),
    ("targets_count", "mục tiêu", "targets"),
    (
        "more_compared",
        "địa bàn khác, có giá trị thấp hơn hoặc chưa có số liệu, không hiện ở đây; số liệu của mọi địa bàn có trong dữ liệu mở và trên trang của từng địa bàn.",
        "more areas, with lower values or none yet, are not shown here; the open data and each area’s page have the figures of every area.",
    ),
    (
        "reason_no_baseline",
        "chưa có số liệu gốc để so sánh",
        "there is no baseline to compare with",
    ),
    (
        "reason_standard_changed",
        "số liệu gốc và số liệu mới nhất đo theo hai chuẩn khác nhau",
        "the baseline and the latest value were measured under different standards",
    ),
    (
        "reason_zero_base",
        "không tính được tốc độ tăng trưởng khi giá trị gốc bằng 0",
        "growth cannot be computed from a zero baseline",
    ),
    (
        "reason_no_change",
        "mục tiêu bằng giá trị gốc",
        "the target equals the baseline",
    ),
    ("rises", "tăng", "rises"),
    ("falls", "giảm", "falls"),
    ("stays", "không đổi", "stays"),
    ("from", "từ", "from"),
    ("to", "xuống", "to"),
    ("to_up", "lên", "to"),
    ("of", "của", "in"),
    ("status_achieved", "Đạt mục tiêu", "Achieved"),
    ("status_on_track", "Đúng tiến độ", "On track"),
    (
        "status_needs_acceleration",
        "Cần đẩy nhanh",
        "Needs acceleration",
    ),
    ("status_off_track", "Chậm tiến độ", "Off track"),
    ("status_deteriorating", "Đi ngược mục tiêu", "Deteriorating"),
    ("status_no_data", "Chưa có số liệu", "No data"),
    (
        "status_not_computable",
        "Chưa tính được",
        "Cannot be computed",
    ),
];

/// The UI strings of a language as a map for templates.
pub fn strings(language: Language) -> serde_json::Map<String, serde_json::Value> {
    STRINGS
        .iter()
        .map(|(key, vi, en)| {
            (
                (*key).to_string(),
                serde_json::Value::from(pick(language, vi, en)),
            )
        })
        .collect()
}

/// One UI string in `language` (the key itself if there is no such string).
pub fn string(key: &'static str, language: Language) -> &'static str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, vi, en)| pick(language, vi, en))
}

/// The text of `language` among a string's translations.
fn pick(language: Language, vi: &'static str, en: &'static str) -> &'static str {
    match language {
        Language::Vi => vi,
        Language::En => en,
    }
}

/// Formats a number with a fixed number of decimals in the language's convention:
/// `1.234,5` in Vietnamese, `1,234.5` in English.
pub fn format_number(value: f64, decimals: usize, language: Language) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let (group, decimal) = match language {
        Language::Vi => ('.', ','),
        Language::En => (',', '.'),
    };
    let plain = fixed_decimals(value.abs(), decimals);
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 2);
    if value < 0.0 && plain.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !frac_part.is_empty() {
        out.push(decimal);
        out.push_str(frac_part);
    }
    out
}

/// `value` (not negative) with `decimals` decimals, exactly as `format!("{value:.decimals$}")`
/// writes it. Statistics values are mostly small numbers with few decimals: those are scaled
/// to an integer and written with integer arithmetic, far cheaper than formatting the float;
/// values that are large, or so near halfway between two results that the float scaling could
/// round the wrong way, take `format!`.
pub fn fixed_decimals(value: f64, decimals: usize) -> String {
    /// Beyond this the scaled value's rounding error is no longer far below the margin.
    const LARGEST: f64 = 1e9;
    let scale = [1.0, 10.0, 100.0, 1000.0, 10_000.0]
        .get(decimals)
        .copied()
        .unwrap_or(f64::INFINITY);
    let scaled = value * scale;
    let fraction = scaled - scaled.floor();
    if !(0.0..LARGEST).contains(&scaled) || (fraction - 0.5).abs() < 1e-6 {
        return format!("{value:.decimals$}");
    }
    // Not near a tie, so rounding the scaled value rounds the exact one the same way.
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(scaled.round() as u64);
    if decimals == 0 {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + 2 + decimals);
    if digits.len() <= decimals {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', decimals - digits.len()));
        out.push_str(digits);
    } else {
        let (whole, fraction) = digits.split_at(digits.len() - decimals);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// How a date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// `22/11/2026` (English: `22 Nov 2026`).
    Short,
    /// `22 tháng 11 năm 2026` (English: `22 November 2026`).
    Long,
    /// `tháng 11/2026` (English: `November 2026`): archive headings.
    Month,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats a date in the site's language.
pub fn format_date(date: &DateTime, style: DateStyle, language: Language) -> String {
    // Written without `format!`: dates are written thousands of times a build.
    let (mut day, mut month, mut year) = (
        itoa::Buffer::new(),
        itoa::Buffer::new(),
        itoa::Buffer::new(),
    );
    let (d, m, y) = (
        day.format(date.day),
        month.format(date.month),
        year.format(date.year),
    );
    let month_name = MONTHS_EN[usize::from(date.month.clamp(1, 12)) - 1];
    match (language, style) {
        (Language::Vi, DateStyle::Short) => {
            [zero_pad(date.day), d, "/", zero_pad(date.month), m, "/", y].concat()
        }
        (Language::Vi, DateStyle::Long) => [d, " tháng ", m, " năm ", y].concat(),
        (Language::Vi, DateStyle::Month) => ["Tháng ", m, "/", y].concat(),
        (Language::En, DateStyle::Short) => [d, " ", &month_name[..3], " ", y].concat(),
        (Language::En, DateStyle::Long) => [d, " ", month_name, " ", y].concat(),
        (Language::En, DateStyle::Month) => [month_name, " ", y].concat(),
    }
}

/// The `0` written before `n` to make it two digits (`05`), or nothing.
pub fn zero_pad(n: u8) -> &'static str {
    if n < 10 { "0" } else { "" }
}

/// A period as readers write it: `2020`, `Quý 3/2024`, `Tháng 6/2024` (English `Q3 2024`, `Jun 2024`).
pub fn format_period(period: Period, language: Language) -> String {
    let (mut year, mut part) = (itoa::Buffer::new(), itoa::Buffer::new());
    let y = year.format(period.year());
    match (period, language) {
        (Period::Year(_), _) => y.to_string(),
        (Period::Quarter(_, q), Language::Vi) => ["Quý ", part.format(q), "/", y].concat(),
        (Period::Quarter(_, q), Language::En) => ["Q", part.format(q), " ", y].concat(),
        (Period::Month(_, m), Language::Vi) => ["Tháng ", part.format(m), "/", y].concat(),
        (Period::Month(_, m), Language::En) => {
            [&MONTHS_EN[usize::from(m.clamp(1, 12)) - 1][..3], " ", y].concat()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers_group_with_dots() {
        assert_eq!(format_number(1234.5, 1, Language::Vi), "1.234,5");
        assert_eq!(format_number(2319.0, 0, Language::Vi), "2.319");
        assert_eq!(format_number(4.07, 2, Language::Vi), "4,07");
        assert_eq!(format_number(36_400_000.0, 0, Language::Vi), "36.400.000");
        assert_eq!(format_number(-1.57, 2, Language::Vi), "-1,57");
        assert_eq!(format_number(-0.001, 1, Language::Vi), "0,0");
        assert_eq!(format_number(999.96, 1, Language::Vi), "1.000,0");
        assert_eq!(format_number(f64::NAN, 1, Language::Vi), "–");
    }

    #[test]
    fn english_numbers_group_with_commas() {
        assert_eq!(format_number(1234.5, 1, Language::En), "1,234.5");
        assert_eq!(format_number(1_328.0, 0, Language::En), "1,328");
    }

    #[test]
    fn dates_in_both_languages() {
        let d = DateTime::parse("2026-11-22T09:30:00+07:00").unwrap();
        assert_eq!(
            format_date(&d, DateStyle::Short, Language::Vi),
            "22/11/2026"
        );
        assert_eq!(
            format_date(&d, DateStyle::Long, Language::Vi),
            "22 tháng 11 năm 2026"
        );
        assert_eq!(
            format_date(&d, DateStyle::Month, Language::Vi),
            "Tháng 11/2026"
        );
        assert_eq!(
            format_date(&d, DateStyle::Short, Language::En),
            "22 Nov 2026"
        );
        assert_eq!(
            format_date(&d, DateStyle::Long, Language::En),
            "22 November 2026"
        );
        // One-digit days and months: padded only in the short Vietnamese form.
        let d = DateTime::parse("2017-03-05").unwrap();
        let written: Vec<String> = [DateStyle::Short, DateStyle::Long, DateStyle::Month]
            .into_iter()
            .flat_map(|style| [Language::Vi, Language::En].map(|l| format_date(&d, style, l)))
            .collect();
        assert_eq!(
            written,
            [
                "05/03/2017",
                "5 Mar 2017",
                "5 tháng 3 năm 2017",
                "5 March 2017",
                "Tháng 3/2017",
                "March 2017"
            ]
        );
    }

    #[test]
    fn periods_read_naturally() {
        let periods = [
            Period::Year(2020),
            Period::Quarter(2024, 3),
            Period::Month(2024, 6),
        ];
        let written = |language| periods.map(|p| format_period(p, language));
        assert_eq!(
            written(Language::Vi),
            ["2020", "Quý 3/2024", "Tháng 6/2024"]
        );
        assert_eq!(written(Language::En), ["2020", "Q3 2024", "Jun 2024"]);
    }
}
