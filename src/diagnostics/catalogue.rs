//! The message catalogue: every problem and hint baocao reports about a site, in one table
//! with one column per language. A [`Diagnostic`](super::Diagnostic) names an entry by its
//! [`Id`] and carries the values of its placeholders (`{key}`, `{line}`, …), which are the
//! user's data (names of files, keys, values), never words; it is put into words only when
//! shown, in the language of whoever reads it.
//!
//! Adding a language is one more field in [`Entry`] and one more line per entry.

use crate::language::Language;

/// One entry of the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// Its id.
    pub id: Id,
    /// The id's name, as `docs/errors.md` shows it.
    pub name: &'static str,
    /// The Vietnamese text.
    pub vi: &'static str,
    /// The English text.
    pub en: &'static str,
}

impl Entry {
    /// The text in `language`.
    pub fn text(&self, language: Language) -> &'static str {
        match language {
            Language::Vi => self.vi,
            Language::En => self.en,
        }
    }
}

impl Id {
    /// The catalogue entry of this id.
    pub fn entry(self) -> &'static Entry {
        &CATALOGUE[self as usize]
    }
}

/// Fills the placeholders `{name}` of `template` with `args`; a placeholder without a value
/// stays as written, and braces that do not make a placeholder (`{{ chart(…) }}`) are text.
pub fn fill(template: &str, args: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let value = placeholder(after)
            .and_then(|name| args.iter().find(|(n, _)| *n == name))
            .map(|(name, value)| (name.len() + 2, value));
        match value {
            Some((len, value)) => {
                out.push_str(value);
                rest = &after[len..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the placeholders of `template`, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    template
        .match_indices('{')
        .filter_map(|(i, _)| placeholder(&template[i..]))
        .collect()
}

/// The name of the placeholder `text` starts with: `{` then lowercase letters or `_`, then `}`.
fn placeholder(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('{')?;
    let len = inner
        .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
        .unwrap_or(inner.len());
    (len > 0 && inner[len..].starts_with('}')).then(|| &inner[..len])
}

/// The table: each entry `Name { vi: "…", en: "…" }` makes the id `Id::Name`, whose doc is
/// its English text.
macro_rules! catalogue {
    ($($id:ident { vi: $vi:literal, en: $en:literal $(,)? })*) => {
        /// The id of one message of the catalogue: a problem, or the hint that goes with it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Id {
            $(
                #[doc = $en]
                $id,
            )*
        }

        /// Every entry, in the order of [`Id`].
        pub const CATALOGUE: &[Entry] = &[
            $(Entry { id: Id::$id, name: stringify!($id), vi: $vi, en: $en },)*
        ];
    };
}

catalogue! {
    // The words around every diagnostic.
    Error { vi: "lỗi", en: "error" }
    Warning { vi: "cảnh báo", en: "warning" }
    Hint { vi: "gợi ý", en: "hint" }

    // Any file.
    NotUtf8Hint {
        vi: "lưu lại tệp với bảng mã UTF-8: trong Excel chọn Tệp → Lưu thành → \"CSV UTF-8 (Phân cách bằng dấu phẩy) (*.csv)\"; trong trình soạn thảo văn bản chọn bảng mã UTF-8",
        en: "save the file as UTF-8: in Excel choose File → Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\"; in a text editor choose the UTF-8 encoding",
    }

    // TOML and YAML: site.toml, front matter, indicators.
    SyntaxError { vi: "viết sai cú pháp: {detail}", en: "{detail}" }
    TomlSyntaxHint {
        vi: "kiểm tra cách viết TOML: `khóa = \"chữ\"`, `khóa = 123`, `khóa = [\"a\", \"b\"]`",
        en: "check the TOML syntax: `key = \"text\"`, `key = 123`, `key = [\"a\", \"b\"]`",
    }
    YamlSyntaxHint {
        vi: "kiểm tra cách viết YAML: `khóa: giá trị`, danh sách viết `tags: [a, b]`; đặt trong dấu ngoặc kép chữ nào có dấu `:`",
        en: "check the YAML syntax: `key: value`, lists as `tags: [a, b]`; quote text that contains `:`",
    }
    UnknownKey { vi: "không có khóa `{key}`", en: "unknown key `{key}`" }
    DidYouMeanKeyHint {
        vi: "có phải bạn muốn viết `{best}`? Các khóa dùng được ở đây: {valid}",
        en: "did you mean `{best}`? Valid keys here: {valid}",
    }
    RemoveOrUseOneOfHint {
        vi: "xóa khóa này, hoặc dùng một trong các khóa: {valid}",
        en: "remove it, or use one of: {valid}",
    }
    NotAllowedValue {
        vi: "`{value}` không phải là giá trị được phép ở đây",
        en: "`{value}` is not an allowed value here",
    }
    DidYouMeanValueHint {
        vi: "có phải bạn muốn viết \"{best}\"? Các giá trị được phép: {allowed}",
        en: "did you mean \"{best}\"? Allowed: {allowed}",
    }
    WriteOneOfHint {
        vi: "viết một trong các giá trị: {allowed}",
        en: "write one of: {allowed}",
    }
    WrongKind {
        vi: "giá trị không đúng loại: ở đây là {kind}",
        en: "wrong kind of value: found {kind}",
    }
    WrongKindValue {
        vi: "giá trị không đúng loại: ở đây là {kind} {value}",
        en: "wrong kind of value: found {kind} {value}",
    }
    WrongKindOther {
        vi: "giá trị không đúng loại: {value}",
        en: "wrong kind of value: found {value}",
    }
    KindText { vi: "văn bản", en: "string" }
    KindInteger { vi: "số nguyên", en: "integer" }
    KindNumber { vi: "số thập phân", en: "floating point" }
    KindBoolean { vi: "giá trị đúng/sai", en: "boolean" }
    KindList { vi: "một danh sách", en: "sequence" }
    KindTable { vi: "một bảng", en: "map" }
    ListExpectedHint {
        vi: "ở đây cần một danh sách: viết trong dấu ngoặc vuông, ví dụ `[\"giảm nghèo\", \"kế hoạch\"]`",
        en: "a list is expected here: write it in brackets, e.g. `[\"giảm nghèo\", \"kế hoạch\"]`",
    }
    TextExpectedHint {
        vi: "ở đây cần chữ: đặt trong dấu ngoặc kép, ví dụ `\"Quận 11\"`",
        en: "text is expected here: put it in double quotes, e.g. `\"Quận 11\"`",
    }
    BoolExpectedHint {
        vi: "viết `true` (đúng) hoặc `false` (sai), không có dấu ngoặc kép",
        en: "write `true` or `false` (without quotes)",
    }
    IntegerExpectedHint {
        vi: "ở đây cần một số nguyên, không có dấu ngoặc kép, ví dụ `10`",
        en: "a whole number is expected here, without quotes, e.g. `10`",
    }
    NumberExpectedHint {
        vi: "ở đây cần một số, không có dấu ngoặc kép, dùng dấu `.` cho phần thập phân, ví dụ `4.85`",
        en: "a number is expected here, without quotes, with `.` for decimals, e.g. `4.85`",
    }

    // Front matter: references to ids defined elsewhere.
    UnknownCategory { vi: "không có chuyên mục `{value}`", en: "unknown category `{value}`" }
    UnknownPeriod { vi: "không có giai đoạn `{value}`", en: "unknown period `{value}`" }
    UnknownArea { vi: "không có địa bàn `{value}`", en: "unknown area `{value}`" }
    UnknownIndicator { vi: "không có chỉ tiêu `{value}`", en: "unknown indicator `{value}`" }
    InSiteCategories { vi: "các chuyên mục trong site.toml", en: "the categories in site.toml" }
    InSitePeriods { vi: "các mục [[periods]] trong site.toml", en: "the [[periods]] in site.toml" }
    InAreasCsv { vi: "content/areas.csv", en: "content/areas.csv" }
    InIndicatorFiles {
        vi: "các tệp trong content/indicators/",
        en: "the files in content/indicators/",
    }
    DidYouMeanIdHint {
        vi: "có phải bạn muốn viết `{best}`? Các mã có trong {defined_in}",
        en: "did you mean `{best}`? The ids are listed in {defined_in}",
    }
    NoneDefinedHint {
        vi: "chưa có mã nào: thêm một mã vào {defined_in}",
        en: "none are defined yet: add one to {defined_in}",
    }
    UseOneOfFromHint {
        vi: "dùng một trong: {valid} (xem {defined_in})",
        en: "use one of: {valid} (from {defined_in})",
    }

    // Observations (CSV files under content/data/).
    CsvNotUtf8 {
        vi: "tệp không được lưu với bảng mã UTF-8 (có lẽ là kiểu \"CSV\" cũ của Excel), nên chữ tiếng Việt sẽ bị lỗi phông",
        en: "the file is not UTF-8 text (probably Excel's legacy \"CSV\" format), so Vietnamese letters would be garbled",
    }
    CsvNoHeader {
        vi: "không tìm thấy dòng tiêu đề có cột `area` và cột `period`",
        en: "no header row with the columns `area` and `period` was found",
    }
    CsvNoHeaderHint {
        vi: "dòng đầu tiên của bảng phải ghi tên các cột: `indicator,area,period,value` (bảng dọc) hoặc `area,period,<mã-chỉ-tiêu>,…` (bảng ngang)",
        en: "the first row of the table must name its columns: `indicator,area,period,value` (long) or `area,period,<indicator-id>,…` (wide)",
    }
    CsvNoValueColumn {
        vi: "bảng dọc (có cột `indicator`) cần thêm cột `value`",
        en: "a long table (with an `indicator` column) needs a `value` column",
    }
    CsvNoValueColumnHint {
        vi: "đặt tên cột chứa số liệu là `value`",
        en: "name the column of numbers `value`",
    }
    CsvUnknownIndicatorColumn {
        vi: "dòng tiêu đề có chỉ tiêu `{value}` không tồn tại",
        en: "unknown indicator `{value}` in the header",
    }
    CsvBadRow { vi: "không đọc được dòng này: {detail}", en: "this row cannot be read: {detail}" }
    CsvBadRowHint {
        vi: "kiểm tra các dấu ngoặc kép trong dòng này",
        en: "check the quotes in this row",
    }
    CsvRowWidth {
        vi: "dòng này có {cells} ô nhưng dòng tiêu đề có {columns} cột",
        en: "this row has {cells} cells but the header has {columns}",
    }
    CsvRowWidthHint {
        vi: "mỗi dòng cần đúng một ô cho mỗi cột; kiểm tra xem có thiếu hay thừa dấu phân cách, hoặc đặt trong dấu ngoặc kép ô nào có chứa dấu phân cách",
        en: "every row needs one cell per column; check for a missing or extra separator, or quote cells that contain one",
    }
    DidYouMeanAreaHint {
        vi: "có phải bạn muốn viết `{best}`? Các địa bàn có trong content/areas.csv",
        en: "did you mean `{best}`? Areas are listed in content/areas.csv",
    }
    UseAreaIdHint {
        vi: "dùng một mã trong content/areas.csv (chữ thường, không dấu), hoặc thêm địa bàn đó vào tệp",
        en: "use an id from content/areas.csv (lowercase, no diacritics), or add the area there",
    }
    DidYouMeanIndicatorHint {
        vi: "có phải bạn muốn viết `{best}`? Mỗi chỉ tiêu là một tệp trong content/indicators/",
        en: "did you mean `{best}`? Indicators are the files in content/indicators/",
    }
    AddIndicatorFileHint {
        vi: "thêm tệp content/indicators/<mã>.md cho chỉ tiêu này, hoặc sửa lại mã",
        en: "add content/indicators/<id>.md for it, or correct the id",
    }
    // Reasons a file cannot be read or written.
    IoNotFound { vi: "không có tệp hay thư mục này", en: "no such file or folder" }
    IoPermissionDenied { vi: "không có quyền truy cập", en: "permission denied" }
    IoAlreadyExists { vi: "đã có tệp hay thư mục cùng tên", en: "a file or folder of that name already exists" }
    IoIsADirectory { vi: "đây là một thư mục, không phải tệp", en: "it is a folder, not a file" }
    IoNotADirectory { vi: "đây là một tệp, không phải thư mục", en: "it is a file, not a folder" }
    IoAddressInUse {
        vi: "cổng này đang có chương trình khác dùng",
        en: "the port is already in use",
    }
    FileUnreadable { vi: "không đọc được tệp: {reason}", en: "cannot read the file: {reason}" }
    DidYouMeanHint { vi: "có phải bạn muốn viết `{best}`?", en: "did you mean `{best}`?" }

    // Periods and numbers in data files.
    PeriodBad {
        vi: "`{value}` không phải là một kỳ: viết năm `2020`, quý `2020-Q3` hoặc tháng `2020-06`",
        en: "`{value}` is not a period: write a year `2020`, a quarter `2020-Q3` or a month `2020-06`",
    }
    PeriodNoQuarter {
        vi: "`{value}` không có quý {quarter}: các quý là từ `Q1` đến `Q4`",
        en: "`{value}` has no quarter {quarter}: quarters are Q1 to Q4",
    }
    PeriodNoMonth {
        vi: "`{value}` không có tháng {month}: các tháng là từ `01` đến `12`",
        en: "`{value}` has no month {month}: months are 01 to 12",
    }
    PeriodFormsHint {
        vi: "kỳ là một năm `2020`, một quý `2020-Q3` hoặc một tháng `2020-06`",
        en: "periods are a year `2020`, a quarter `2020-Q3` or a month `2020-06`",
    }
    NotNumberPlainComma {
        vi: "`{value}` không phải là một số (với `number_format = \"plain\"`, dấu thập phân là dấu `.` và không có dấu phân cách hàng nghìn); viết như `1234.5`, hoặc đặt `number_format = \"vi\"` trong site.toml nếu tệp dùng dấu `,` trước phần thập phân",
        en: "`{value}` is not a number (under number_format = \"plain\" the decimal mark is `.` and there is no thousands separator); write it like 1234.5, or set number_format = \"vi\" if the file uses `,` for decimals",
    }
    NotNumberPlain {
        vi: "`{value}` không phải là một số; viết bằng chữ số, dùng dấu `.` trước phần thập phân, như `1234.5`",
        en: "`{value}` is not a number; write digits with `.` as the decimal mark, like 1234.5",
    }
    NotNumberVi {
        vi: "`{value}` không phải là một số viết theo kiểu Việt Nam (dấu `.` ngăn cách hàng nghìn, dấu `,` đứng trước phần thập phân: `1.234,5`); viết như `{fixed}`",
        en: "`{value}` is not a number in the Vietnamese format (`.` groups thousands, `,` is the decimal mark: 1.234,5); write it like {fixed}",
    }
    NotNumber { vi: "`{value}` không phải là một số", en: "`{value}` is not a number" }
    NumberTooLarge { vi: "`{value}` là số quá lớn", en: "`{value}` is too large" }
    NotNumberHint {
        vi: "viết một số, hoặc để trống ô (hay ghi `..`) khi không có số liệu",
        en: "write a number, or leave the cell empty (or `..`) for a missing value",
    }
    ReadAsPlain {
        vi: "với `number_format = \"plain\"`, dấu `.` được đọc là dấu thập phân",
        en: "number_format = \"plain\" reads `.` as the decimal mark",
    }
    ReadAsVi {
        vi: "kiểu số Việt Nam đọc dấu `.` là dấu ngăn cách hàng nghìn và dấu `,` là dấu thập phân",
        en: "the Vietnamese format reads `.` as a thousands separator and `,` as the decimal mark",
    }
    PercentOutOfRange {
        vi: "{value} nằm ngoài khoảng 0–100 của chỉ tiêu `{indicator}` (đơn vị `%`): ô `{cell}` được đọc là {value} vì {rule}",
        en: "{value} is outside 0–100 for `{indicator}` (unit %): the cell `{cell}` was read as {value} because {rule}",
    }
    PercentOutOfRangeHint {
        vi: "kiểm tra lại con số; nếu tệp dùng dấu thập phân khác, sửa `number_format` trong site.toml hoặc xuất lại tệp",
        en: "check the number; if the file uses another decimal mark, fix number_format in site.toml or re-export the file",
    }
    DuplicateValue {
        vi: "đã có một giá trị cho chỉ tiêu, địa bàn và kỳ này ở {first}",
        en: "a value for this indicator, area and period is already given at {first}",
    }
    DuplicateValueHint {
        vi: "giữ lại một trong hai dòng; nếu hai giá trị theo hai chuẩn nghèo khác nhau, ghi rõ chuẩn trong cột `standard`",
        en: "keep one of the two rows; if the two values use different poverty standards, say so in a `standard` column",
    }

    // Areas (content/areas.csv).
    AreasUnreadable { vi: "không đọc được tệp areas.csv: {reason}", en: "cannot read areas.csv: {reason}" }
    AreasNotUtf8 {
        vi: "tệp areas.csv không được lưu với bảng mã UTF-8, nên tên tiếng Việt sẽ bị lỗi phông",
        en: "areas.csv is not UTF-8 text, so Vietnamese names would be garbled",
    }
    BadHeader { vi: "không đọc được dòng tiêu đề: {detail}", en: "cannot read the header: {detail}" }
    AreasNoColumns {
        vi: "tệp areas.csv cần có cột `id` và cột `name`",
        en: "areas.csv needs the columns `id` and `name`",
    }
    AreasNoColumnsHint {
        vi: "dòng đầu tiên nên ghi `id,name,parent,level`",
        en: "the first line should read `id,name,parent,level`",
    }
    AreaIdNotSimple {
        vi: "mã địa bàn `{id}` chỉ được dùng chữ thường không dấu `a-z`, chữ số `0-9` và dấu gạch ngang `-`",
        en: "area id `{id}` must use only a-z, 0-9 and -",
    }
    AreaIdNotSimpleHint {
        vi: "viết tên không dấu, nối bằng dấu gạch ngang, ví dụ `quan-11`, `phu-loc`",
        en: "write the name without diacritics, e.g. `quan-11`, `phu-loc`",
    }
    AreaTwice { vi: "địa bàn `{id}` đã có ở dòng {line}", en: "area `{id}` is already defined on line {line}" }
    AreaTwiceHint { vi: "mỗi địa bàn cần một mã riêng", en: "give every area its own id" }
    AreaUnknownParent {
        vi: "địa bàn `{id}` ghi địa bàn cấp trên là `{parent}`, nhưng không có địa bàn này",
        en: "area `{id}` names an unknown parent `{parent}`",
    }
    AddParentHint {
        vi: "thêm địa bàn cấp trên trên một dòng riêng, hoặc để trống ô `parent`",
        en: "add the parent area on its own line, or leave `parent` empty",
    }
    AreaCycle {
        vi: "địa bàn `{id}` nằm trong chính nó: địa bàn cấp trên `{parent}` của nó lại dẫn ngược về nó",
        en: "area `{id}` is inside itself: its `parent` `{parent}` leads back to it",
    }
    AreaCycleHint {
        vi: "mỗi địa bàn thuộc một địa bàn lớn hơn, lên đến địa bàn cấp cao nhất có ô `parent` để trống",
        en: "every area belongs to one larger area, up to a top-level area whose `parent` is empty",
    }
    // Area outlines (content/areas.geojson).
    BoundaryExportHint {
        vi: "lưu ranh giới dưới dạng GeoJSON theo kinh độ/vĩ độ (`EPSG:4326`): trong `QGIS`, bấm chuột phải vào lớp bản đồ, chọn `Export → Save Features As…`, định dạng `GeoJSON`, hệ tọa độ `EPSG:4326`; hoặc trên trang `mapshaper.org`, chọn `Export → GeoJSON`",
        en: "save the boundaries as GeoJSON in longitude/latitude (EPSG:4326): in QGIS, right-click the layer, Export → Save Features As… → Format GeoJSON, CRS EPSG:4326; or on mapshaper.org, Export → GeoJSON",
    }
    BoundaryNotJson {
        vi: "tệp ranh giới không phải là JSON hợp lệ: {detail}",
        en: "the boundary file is not valid JSON: {detail}",
    }
    BoundaryNoFeatures {
        vi: "tệp ranh giới là một `FeatureCollection` GeoJSON nhưng không có danh sách `features`",
        en: "the boundary file is a GeoJSON FeatureCollection without a `features` list",
    }
    BoundaryWrongType {
        vi: "tệp ranh giới phải là một `FeatureCollection` GeoJSON, nhưng ở đây là `{kind}`",
        en: "the boundary file must be a GeoJSON FeatureCollection, but it is a `{kind}`",
    }
    BoundaryNoType {
        vi: "tệp ranh giới phải là một `FeatureCollection` GeoJSON, nhưng tệp không có dòng `\"type\": \"FeatureCollection\"`",
        en: "the boundary file must be a GeoJSON FeatureCollection, but it has no `\"type\": \"FeatureCollection\"`",
    }
    BoundaryNotObject {
        vi: "tệp ranh giới phải là một `FeatureCollection` GeoJSON, nhưng nội dung không phải là một đối tượng JSON (viết trong dấu `{ }`)",
        en: "the boundary file must be a GeoJSON FeatureCollection, but it is not a JSON object",
    }
    FeatureNotFeature {
        vi: "đối tượng thứ {number} không phải là một `Feature` GeoJSON ({detail}), nên không được vẽ trên bản đồ",
        en: "feature {number} is not a GeoJSON feature ({detail}), so it is left off the maps",
    }
    FeatureNoId {
        vi: "đối tượng thứ {number} không có mã địa bàn, nên không được vẽ trên bản đồ",
        en: "feature {number} has no area id, so it is left off the maps",
    }
    FeatureNoIdHint {
        vi: "thêm cho đối tượng thuộc tính `id` ghi mã địa bàn trong areas.csv, ví dụ `\"properties\": {\"id\": \"quan-11\"}`",
        en: "give the feature a property `id` with the area's id from areas.csv, e.g. \"properties\": {\"id\": \"quan-11\"}",
    }
    AreaNotPolygon {
        vi: "địa bàn `{id}` là một `{kind}`, không phải một vùng (`Polygon`), nên không được vẽ trên bản đồ",
        en: "area `{id}` is a {kind}, not a polygon, so it is left off the maps",
    }
    AreaNotPolygonHint {
        vi: "bản đồ cần đường bao của từng địa bàn: vẽ địa bàn thành `Polygon` hoặc `MultiPolygon` (điểm và đường không tô màu được)",
        en: "a map needs the outline of each area: draw it as a Polygon or a MultiPolygon (points and lines cannot be filled)",
    }
    AreaNoGeometry {
        vi: "địa bàn `{id}` không có hình, nên không được vẽ trên bản đồ",
        en: "area `{id}` has no geometry, so it is left off the maps",
    }
    DrawOutlineHint {
        vi: "vẽ đường bao của địa bàn, hoặc xóa đối tượng này",
        en: "draw the outline of the area, or remove the feature",
    }
    AreaNotLonLat {
        vi: "địa bàn `{id}` có tọa độ không phải kinh độ/vĩ độ, nên không được vẽ trên bản đồ",
        en: "area `{id}` has coordinates that are not longitude/latitude, so it is left off the maps",
    }
    AreaNoOutline {
        vi: "địa bàn `{id}` không có đường bao nào từ ba điểm trở lên, nên không được vẽ trên bản đồ",
        en: "area `{id}` has no outline with at least three points, so it is left off the maps",
    }
    AreaShapeTwice {
        vi: "địa bàn `{id}` đã có hình ở dòng {line}, nên hình này không được vẽ trên bản đồ",
        en: "area `{id}` already has a shape on line {line}, so this one is left off the maps",
    }
    AreaShapeTwiceHint {
        vi: "mỗi địa bàn chỉ có một đối tượng; địa bàn gồm nhiều mảnh thì gộp thành một `MultiPolygon` (trong `QGIS`: `Vector → Geometry Tools → Collect Geometries`)",
        en: "give every area one feature; to draw an area of several parts, make it one MultiPolygon (in QGIS: Vector → Geometry Tools → Collect Geometries)",
    }
    // Site settings (site.toml).
    SiteNotUtf8 {
        vi: "tệp site.toml không được lưu với bảng mã UTF-8",
        en: "site.toml is not UTF-8 text",
    }
    SiteUnreadable { vi: "không đọc được tệp site.toml: {reason}", en: "cannot read site.toml: {reason}" }
    SiteUnreadableHint {
        vi: "chạy baocao trong thư mục của trang (thư mục có tệp site.toml), hoặc chạy `baocao init DIR` để tạo một trang mới",
        en: "run baocao in a site folder (one with site.toml), or `baocao init DIR` to make one",
    }
    WriteLikeHint { vi: "ví dụ viết `{example}`", en: "write e.g. `{example}`" }
    ArticlesPerPageZero {
        vi: "`articles_per_page` phải từ 1 trở lên",
        en: "articles_per_page must be at least 1",
    }
    BaseUrlNotWeb {
        vi: "`base_url` ghi `{value}`, đây không phải là một địa chỉ trang web",
        en: "base_url `{value}` is not a web address",
    }
    BaseUrlNotWebHint {
        vi: "viết đầy đủ địa chỉ, ví dụ `base_url = \"https://giamngheo.quan11.example.vn\"`",
        en: "write the full address, e.g. `base_url = \"https://giamngheo.quan11.example.vn\"`",
    }
    PeriodIdNotSimple {
        vi: "mã giai đoạn `{id}` chỉ được dùng chữ thường không dấu `a-z`, chữ số `0-9` và dấu gạch ngang `-`",
        en: "period id `{id}` must use only a-z, 0-9 and -",
    }
    PeriodEndsBeforeStart {
        vi: "giai đoạn `{id}` kết thúc ({end}) trước khi bắt đầu ({start})",
        en: "period `{id}` ends ({end}) before it starts ({start})",
    }
    SwapStartEndHint { vi: "đổi chỗ `start` và `end`", en: "swap `start` and `end`" }
    PeriodTwice { vi: "giai đoạn `{id}` được khai báo hai lần", en: "period `{id}` is defined twice" }
    PeriodTwiceHint {
        vi: "mỗi mục `[[periods]]` cần một mã riêng",
        en: "give each [[periods]] entry its own id",
    }
    PeriodOverlap {
        vi: "giai đoạn `{id}` trùng năm với hoặc đứng trước giai đoạn `{previous}`",
        en: "period `{id}` overlaps or comes before `{previous}`",
    }
    PeriodOverlapHint {
        vi: "liệt kê các mục `[[periods]]` theo thứ tự thời gian, không để các năm chồng lên nhau",
        en: "list [[periods]] in time order without overlapping years",
    }
    CategoryIdNotSimple {
        vi: "mã chuyên mục `{id}` chỉ được dùng chữ thường không dấu `a-z`, chữ số `0-9` và dấu gạch ngang `-`",
        en: "category id `{id}` must use only a-z, 0-9 and -",
    }
    CategoryTwice { vi: "chuyên mục `{id}` được khai báo hai lần", en: "category `{id}` is defined twice" }
    CategoryTwiceHint {
        vi: "mỗi mục `[[categories]]` cần một mã riêng",
        en: "give each [[categories]] entry its own id",
    }

    // Front matter.
    NoFrontMatter {
        vi: "tệp không bắt đầu bằng phần thông tin đầu bài (nằm giữa hai dòng `+++`)",
        en: "the file does not start with front matter",
    }
    NoFrontMatterHint {
        vi: "bắt đầu tệp bằng một dòng `+++`, tiếp theo là `title = \"…\"` và `date = \"2024-02-01\"`, rồi một dòng `+++` để đóng lại",
        en: "begin the file with a line `+++`, then `title = \"…\"` and `date = \"2024-02-01\"`, then a closing `+++` line",
    }
    FrontMatterNotClosed {
        vi: "phần thông tin đầu bài mở bằng `{fence}` ở dòng 1 nhưng không được đóng lại",
        en: "the front matter opened with `{fence}` on line 1 is never closed",
    }
    FrontMatterNotClosedHint {
        vi: "thêm một dòng chỉ có `{fence}` sau khóa cuối cùng của phần thông tin đầu bài",
        en: "add a line with only `{fence}` after the last front-matter key",
    }

    // Shortcodes (`{{ chart(…) }}` and the like in an article).
    ShortcodeNotClosed {
        vi: "lệnh chèn mở bằng `{{` không được đóng bằng `}}` trên cùng dòng",
        en: "a shortcode opened with `{{` is not closed on the same line",
    }
    ShortcodeNotClosedHint {
        vi: "viết cả lệnh trên một dòng: `{{ chart(indicator=\"…\", area=\"…\") }}`",
        en: "write the whole call on one line: {{ chart(indicator=\"…\", area=\"…\") }}",
    }
    ShortcodeNotAlone {
        vi: "lệnh chèn `{name}` phải nằm riêng trên một dòng",
        en: "the `{name}` shortcode must stand on a line of its own",
    }
    ShortcodeNotAloneHint {
        vi: "đặt lệnh trên một dòng riêng, có một dòng trống ở trước và ở sau",
        en: "put it on its own line with an empty line before and after it",
    }
    NotShortcodeCall {
        vi: "`{{ {inner} }}` không phải là một lệnh chèn",
        en: "`{{ {inner} }}` is not a shortcode call",
    }
    ShortcodeUsageHint {
        vi: "ví dụ viết `{{ chart(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\") }}`",
        en: "write e.g. {{ chart(indicator=\"ty-le-ho-ngheo\", area=\"phu-loc\") }}",
    }
    UnknownShortcode { vi: "không có lệnh chèn `{name}`", en: "unknown shortcode `{name}`" }
    DidYouMeanShortcodeHint {
        vi: "có phải bạn muốn viết `{best}`? Các lệnh chèn: {names}",
        en: "did you mean `{best}`? Shortcodes: {names}",
    }
    ShortcodesAreHint { vi: "các lệnh chèn là: {names}", en: "the shortcodes are: {names}" }
    ShortcodeNoClosingParen {
        vi: "lệnh chèn `{name}` thiếu dấu `)` đóng lại",
        en: "the `{name}` shortcode is missing its closing `)`",
    }
    ShortcodeBadArgument {
        vi: "`{arg}` không phải là một tham số dạng `khóa=\"giá trị\"`",
        en: "`{arg}` is not an argument of the form key=\"value\"",
    }
    ShortcodeUnknownArgument {
        vi: "lệnh chèn `{name}` không có tham số `{key}`",
        en: "the `{name}` shortcode has no argument `{key}`",
    }
    ShortcodeArgumentsHint {
        vi: "các tham số của lệnh là: {all}",
        en: "its arguments are: {all}",
    }
    ShortcodeMissingArgument {
        vi: "lệnh chèn `{name}` cần tham số `{key}`",
        en: "the `{name}` shortcode needs the argument `{key}`",
    }
    ShortcodeMissingArgumentHint {
        vi: "thêm `{key}=\"…\"`; lệnh cần: {required}",
        en: "add {key}=\"…\"; it needs: {required}",
    }
    // Statistics: identities and roll-ups between indicators.
    IdentityUnknownIndicator {
        vi: "đẳng thức nhắc đến chỉ tiêu `{id}`, nhưng không có chỉ tiêu này",
        en: "the identity names an unknown indicator `{id}`",
    }
    IdentityUnknownIndicatorHint {
        vi: "mỗi số hạng phải là mã của một tệp trong content/indicators/",
        en: "every term must be the id of a file in content/indicators/",
    }
    IdentityDisagrees {
        vi: "{indicator} của {area} kỳ {period} là {value}, nhưng {terms} cho ra {expected}: {parts}",
        en: "{indicator} for {area} in {period} is {value}, but {terms} gives {expected}: {parts}",
    }
    IdentityDisagreesHint {
        vi: "có lẽ một trong các số liệu này bị gõ nhầm; hãy đối chiếu với báo cáo",
        en: "one of these figures is probably mistyped; check them against the report",
    }
    RatioUnknownIndicator {
        vi: "`ratio` nhắc đến chỉ tiêu `{id}`, nhưng không có chỉ tiêu này",
        en: "the `ratio` names an unknown indicator `{id}`",
    }
    RatioUnknownIndicatorHint {
        vi: "tử số và mẫu số phải là mã của các tệp trong content/indicators/",
        en: "numerator and denominator must be ids of files in content/indicators/",
    }
    RatioDisagrees {
        vi: "giá trị này ({value}) khác với kết quả tính từ các thành phần ({expected}, tính bằng {numerator} / {denominator} × {factor})",
        en: "this value ({value}) differs from what its parts give ({expected}, from {numerator} / {denominator} × {factor})",
    }
    SumDisagrees {
        vi: "giá trị này ({value}) khác với kết quả tính từ các thành phần ({expected}, cộng từ {count} địa bàn cấp dưới)",
        en: "this value ({value}) differs from what its parts give ({expected}, from {count} sub-areas)",
    }
    DisagreesHint {
        vi: "đối chiếu số liệu với báo cáo, hoặc với số liệu của các địa bàn cấp dưới; trang web hiện giá trị đã báo cáo",
        en: "check the figure against the report, or the figures of the sub-areas; the reported value is the one shown",
    }

    // Making a new site or article (baocao init, baocao new).
    InitRefusedHint {
        vi: "ghi tên một thư mục mới, ví dụ `baocao init giam-ngheo`; lệnh `init` không bao giờ ghi đè lên tệp nào",
        en: "give the name of a new folder, e.g. baocao init giam-ngheo; init never overwrites files",
    }
    InitNotFolder { vi: "đây không phải là một thư mục", en: "this is not a folder" }
    InitNotEmpty { vi: "thư mục này không trống", en: "the folder is not empty" }
    CannotCreateFolder { vi: "không tạo được thư mục: {reason}", en: "cannot create the folder: {reason}" }
    CannotCreateFile { vi: "không tạo được tệp: {reason}", en: "cannot create the file: {reason}" }
    CannotWriteFile { vi: "không ghi được tệp: {reason}", en: "cannot write the file: {reason}" }
    FolderWritableHint {
        vi: "kiểm tra xem có quyền ghi vào thư mục này không",
        en: "check that the folder is writable",
    }
    DiskSpaceHint { vi: "kiểm tra xem ổ đĩa còn chỗ trống không", en: "check that the disk has space" }
    FileExists {
        vi: "tệp này đã có; baocao không bao giờ ghi đè lên nó",
        en: "the file already exists; baocao never overwrites it",
    }
    TitleNoFileName {
        vi: "tiêu đề `{title}` không có chữ cái hay chữ số nào để đặt tên tệp",
        en: "the title `{title}` has no letters or digits to make a file name from",
    }
    TitleNoFileNameHint {
        vi: "ví dụ viết `baocao new article \"Hội nghị tổng kết giảm nghèo năm 2024\"`",
        en: "write e.g. baocao new article \"Hội nghị tổng kết giảm nghèo năm 2024\"",
    }
    FileExistsHint {
        vi: "sửa tệp đó, hoặc chọn một tiêu đề khác",
        en: "edit that file, or choose another title",
    }

    // Addresses and shortcodes checked against the whole site.
    AddressTwice {
        vi: "địa chỉ {url} được tạo ra bởi cả {first} và {second}",
        en: "the address {url} is made by both {first} and {second}",
    }
    AddressOfSection {
        vi: "địa chỉ {url} là của một mục có sẵn của trang, nhưng {second} cũng tạo ra địa chỉ này",
        en: "the address {url} belongs to a built-in section of the site, but {second} makes it too",
    }
    AddressOfSectionHint {
        vi: "đặt `slug` khác, hoặc xóa địa chỉ cũ này khỏi `aliases`",
        en: "give it another `slug`, or remove this alias",
    }
    AddressTwiceHint {
        vi: "đặt `slug` khác cho một trong hai bài (hoặc xóa địa chỉ cũ `aliases` bị trùng)",
        en: "give one of them a different `slug` (or remove the duplicate alias)",
    }
    ShortcodeUnknownIndicator {
        vi: "lệnh chèn `{name}` ghi chỉ tiêu `{value}`, nhưng không có chỉ tiêu này",
        en: "unknown indicator `{value}` in the `{name}` shortcode",
    }
    IndicatorFilesHint {
        vi: "mỗi chỉ tiêu là một tệp trong content/indicators/",
        en: "indicators are the files in content/indicators/",
    }
    ShortcodeUnknownArea {
        vi: "lệnh chèn `{name}` ghi địa bàn `{value}`, nhưng không có địa bàn này",
        en: "unknown area `{value}` in the `{name}` shortcode",
    }
    AreasListedHint {
        vi: "các địa bàn có trong content/areas.csv",
        en: "areas are listed in content/areas.csv",
    }
    ShortcodeNoValue {
        vi: "`{indicator}` không có giá trị cho `{area}` trong kỳ {period}",
        en: "`{indicator}` has no value for `{area}` in {period}",
    }
    ShortcodeNoValueHint {
        vi: "thêm giá trị vào một tệp CSV trong content/data/, hoặc chọn một kỳ đã có số liệu",
        en: "add the value to a CSV under content/data/, or choose a period that has one",
    }
    NotAPeriod { vi: "`{value}` không phải là một kỳ", en: "`{value}` is not a period" }
    PlanPeriodOrYearHint {
        vi: "dùng một giai đoạn kế hoạch ({ids}) hoặc một năm, ví dụ `2020`",
        en: "use a plan period ({ids}) or a year such as `2020`",
    }

    // The preview (baocao serve).
    Crashed {
        vi: "baocao gặp sự cố khi tạo trang",
        en: "baocao crashed while building the site",
    }
    CrashedHint {
        vi: "xin báo lỗi này cho người duy trì baocao, kèm theo tệp bạn sửa gần nhất",
        en: "please report this bug with the file you last changed",
    }
    // baocao check: links and HTML in articles.
    ScriptInArticle {
        vi: "bài viết có thẻ `<script>`: đoạn mã này sẽ chạy trên trình duyệt của mọi người đọc",
        en: "the article contains a <script>: it runs in every reader's browser",
    }
    ScriptInArticleHint {
        vi: "xóa thẻ này, trừ khi người quản lý trang yêu cầu; biểu đồ và bảng số liệu được chèn bằng lệnh chèn",
        en: "remove it unless the site's maintainers asked for it; charts and tables come from shortcodes",
    }
    EventHandlerInArticle {
        vi: "phần HTML của bài viết có thuộc tính `{name}`, thuộc tính này chạy mã trên trình duyệt",
        en: "the article's HTML has an `{name}` attribute, which runs script",
    }
    EventHandlerInArticleHint {
        vi: "xóa thuộc tính này; viết nội dung bằng Markdown",
        en: "remove the attribute; write the content in Markdown instead",
    }
    OtherHostInArticle {
        vi: "bài viết tải `{url}` từ một trang web khác",
        en: "the article loads `{url}` from another host",
    }
    OtherHostInArticleHint {
        vi: "chép tệp vào content/static/ rồi liên kết đến tệp ở đó: trình duyệt của người đọc khi đó không cần hỏi trang web nào khác",
        en: "copy the file into content/static/ and link to it there: readers' browsers then ask no other host",
    }
    ImageNoAlt {
        vi: "hình `{target}` chưa có lời mô tả",
        en: "the image `{target}` has no alt text",
    }
    ImageNoAltHint {
        vi: "mô tả bức hình giữa hai dấu ngoặc vuông: `![Hội nghị tổng kết năm 2013](/anh/hoi-nghi.jpg)`",
        en: "describe the picture between the brackets: ![Hội nghị tổng kết năm 2013](/anh/hoi-nghi.jpg)",
    }
    RelativeLink {
        vi: "liên kết `{target}` viết theo vị trí của trang hiện tại, nên sẽ hỏng khi trang được chuyển đi chỗ khác",
        en: "the link `{target}` is relative, so it breaks when the page moves",
    }
    RelativeLinkHint {
        vi: "viết địa chỉ tính từ gốc của trang, ví dụ `/tin-tuc/ke-hoach-126/` hoặc `/files/ke-hoach.pdf`",
        en: "write the address from the root of the site, e.g. /tin-tuc/ke-hoach-126/ or /files/ke-hoach.pdf",
    }
    NoSuchImage {
        vi: "`{target}` không dẫn đến hình nào của trang",
        en: "`{target}` points to no image of this site",
    }
    NoSuchPage {
        vi: "`{target}` không dẫn đến trang hay tệp nào của trang",
        en: "`{target}` points to no page or file of this site",
    }
    NoSuchTargetHint {
        vi: "kiểm tra lại địa chỉ; các tệp đặt trong content/static/ và được đăng ở cùng đường dẫn",
        en: "check the address; files go in content/static/ and are published at the same path",
    }
    NoSuchAnchor {
        vi: "không có mốc `#{id}` trên trang {page}",
        en: "the anchor `#{id}` does not exist on {page}",
    }
    NoSuchAnchorHint {
        vi: "mốc là mã của các đề mục: `## Kết quả` có mã `ket-qua`, hoặc tự đặt mã bằng `## Kết quả {#ket-qua}`",
        en: "anchors are the ids of headings: `## Kết quả` has the id `ket-qua`, or set one with `## Kết quả {#ket-qua}`",
    }
    CannotServe {
        vi: "không mở được bản xem trước tại {address}: {reason}",
        en: "cannot serve on {address}: {reason}",
    }
    ServeNotAFolder {
        vi: "không mở được bản xem trước: {site} không phải là một thư mục",
        en: "cannot serve {site}: it is not a folder",
    }
    CannotServeHint {
        vi: "kiểm tra lại thư mục của trang, hoặc chọn cổng khác bằng `--port` (`--port 0` tự chọn một cổng còn trống)",
        en: "check the site folder, or pick another port with --port (--port 0 picks a free one)",
    }
    ServerFailed {
        vi: "máy chủ xem trước không chạy được: {reason}",
        en: "the preview server could not start: {reason}",
    }

    // Reading articles and pages.
    FileEmpty { vi: "tệp trống", en: "the file is empty" }
    FileEmptyHint {
        vi: "thêm phần thông tin đầu bài có tiêu đề, hoặc xóa tệp này",
        en: "add front matter with a title, or delete the file",
    }
    FileTooBig {
        vi: "tệp có dung lượng {size} `MB`; baocao chỉ đọc tệp Markdown đến {max} `MB`",
        en: "the file is {size} MB; baocao reads Markdown files up to {max} MB",
    }
    FileTooBigHint {
        vi: "tách thành nhiều bài viết, và đặt các bảng dài vào một tệp CSV trong content/data/",
        en: "split it into several articles, and put long tables in a CSV file under content/data/",
    }
    FileNotUtf8 {
        vi: "tệp không được lưu với bảng mã UTF-8, nên chữ tiếng Việt sẽ bị lỗi phông",
        en: "the file is not UTF-8 text, so Vietnamese letters would be garbled",
    }
    SaveAsUtf8Hint {
        vi: "lưu lại tệp với bảng mã UTF-8 (trong `Notepad` hoặc `VS Code`: chọn `Save with Encoding → UTF-8`)",
        en: "save it again as UTF-8 (in Notepad or VS Code: Save with Encoding → UTF-8)",
    }
    FileReadableHint {
        vi: "kiểm tra xem tệp có tồn tại và đọc được không",
        en: "check that the file exists and can be read",
    }
    FileStillReadableHint {
        vi: "kiểm tra xem tệp vẫn còn và đọc được không",
        en: "check that the file still exists and can be read",
    }
    OutsideLink {
        vi: "liên kết này dẫn ra ngoài thư mục của trang, nên không được đăng",
        en: "this link points outside the site folder, so it is not published",
    }
    OutsideLinkHint {
        vi: "chép tệp vào trong thư mục của trang thay vì tạo liên kết đến tệp đó",
        en: "copy the file into the site instead of linking to it",
    }
    TitleMissing { vi: "bài thiếu tiêu đề", en: "the title is missing" }
    TitleMissingTomlHint {
        vi: "thêm một dòng `title = \"…\"` vào phần thông tin đầu bài",
        en: "add a line `title = \"…\"` to the front matter",
    }
    TitleMissingYamlHint {
        vi: "thêm một dòng `title: …` vào phần thông tin đầu bài",
        en: "add a line `title: …` to the front matter",
    }
    DateMissing {
        vi: "bài thiếu ngày đăng: bài viết nào cũng cần có ngày",
        en: "the date is missing: every article needs one",
    }
    DateMissingHint {
        vi: "thêm `date = \"2024-02-01\"` (TOML) hoặc `date: 2024-02-01` (YAML)",
        en: "add `date = \"2024-02-01\"` (TOML) or `date: 2024-02-01` (YAML)",
    }
    DateBad {
        vi: "`{value}` không phải là một ngày: viết `2017-01-18` hoặc `2017-01-18T15:55:00+07:00`",
        en: "`{value}` is not a date: write `2017-01-18` or `2017-01-18T15:55:00+07:00`",
    }
    DateNotInCalendar {
        vi: "`{value}` không phải là một ngày có thật trên lịch",
        en: "`{value}` is not a day of the calendar",
    }
    DateFormHint {
        vi: "ngày viết theo thứ tự năm-tháng-ngày, ví dụ `2024-02-01` hoặc `2024-02-01T15:40:00+07:00`",
        en: "dates are written year-month-day, e.g. `2024-02-01` or `2024-02-01T15:40:00+07:00`",
    }
    ImageNoAltText { vi: "hình đại diện chưa có lời mô tả", en: "the image has no alt text" }
    ImageAltHint {
        vi: "thêm `image_alt` mô tả bức hình cho người đọc không nhìn thấy hình",
        en: "add `image_alt` describing the picture for readers who cannot see it",
    }
    NoAddressFrom {
        vi: "không tạo được địa chỉ trang từ `{value}`",
        en: "no URL can be made from `{value}`",
    }
    SlugHint {
        vi: "đặt `slug` là vài chữ cái và chữ số, ví dụ `slug = \"ke-hoach-2024\"`",
        en: "set `slug` to a few words in letters and digits, e.g. `slug = \"ke-hoach-2024\"`",
    }
    AliasNotRooted {
        vi: "địa chỉ cũ `{alias}` phải bắt đầu bằng dấu `/`",
        en: "alias `{alias}` must start with `/`",
    }
    AliasBadCharacters {
        vi: "địa chỉ cũ `{alias}` có ký tự không dùng được trong tên tệp",
        en: "alias `{alias}` contains characters that cannot be part of a file name",
    }
    AliasDotSegments {
        vi: "địa chỉ cũ `{alias}` không được có đoạn `.` hay `..`",
        en: "alias `{alias}` must not contain `.` or `..` segments",
    }
    AliasTooLong { vi: "địa chỉ cũ `{alias}` quá dài", en: "alias `{alias}` is too long" }
    AliasHint {
        vi: "viết địa chỉ cũ thành một đường dẫn trên trang này, ví dụ `/tin-tuc/2017/01/ke-hoach-126.html`",
        en: "write the old address as a path on this site, e.g. `/tin-tuc/2017/01/ke-hoach-126.html`",
    }

    // Indicators (content/indicators/*.md).
    IndicatorIdNotSimple {
        vi: "mã chỉ tiêu `{id}` (tên tệp) chỉ được dùng chữ thường không dấu `a-z`, chữ số `0-9` và dấu gạch ngang `-`",
        en: "the indicator id `{id}` (the file name) must use only a-z, 0-9 and -",
    }
    RenameIndicatorHint {
        vi: "đổi tên tệp, ví dụ `ty-le-ho-ngheo.md`",
        en: "rename the file, e.g. `ty-le-ho-ngheo.md`",
    }
    AddAreaHint {
        vi: "thêm địa bàn vào content/areas.csv, hoặc sửa lại mã",
        en: "add the area to content/areas.csv, or correct the id",
    }
    TargetPlanPeriodOrYearHint {
        vi: "dùng một giai đoạn kế hoạch ({ids}) hoặc một năm, ví dụ `2024`",
        en: "use a plan period ({ids}) or a year such as `2024`",
    }
    BaselineHint {
        vi: "viết mốc so sánh như sau: `baseline = { period = \"2015\", value = 10.51 }`",
        en: "write the baseline as `baseline = { period = \"2015\", value = 10.51 }`",
    }
    RatioTargetNotPositive {
        vi: "mục tiêu kiểu `ratio` phải lớn hơn 0",
        en: "a `ratio` target must be above 0",
    }
    RatioTargetHint {
        vi: "ví dụ `value = 1.3` nghĩa là gấp 1,3 lần mốc so sánh",
        en: "e.g. `value = 1.3` for 1.3 × the baseline",
    }
    IdentityUnreadable {
        vi: "không đọc được đẳng thức `{text}` ở chỗ `{token}`: đặt dấu cách ở hai bên dấu `+` và `-`",
        en: "the identity `{text}` cannot be read at `{token}`: put spaces around + and -",
    }
    IdentityIncomplete { vi: "đẳng thức `{text}` chưa viết hết", en: "the identity `{text}` is incomplete" }
    IdentityHint {
        vi: "viết các mã chỉ tiêu nối với nhau bằng dấu `+` và `-`, ví dụ `identity = \"so-ho-ngheo-dau-nam - so-ho-thoat-ngheo + so-ho-ngheo-moi\"`",
        en: "write indicator ids joined by + and -, e.g. `identity = \"so-ho-ngheo-dau-nam - so-ho-thoat-ngheo + so-ho-ngheo-moi\"`",
    }
    AggregateAndRatio {
        vi: "một chỉ tiêu không thể có cả `aggregate` lẫn `ratio`",
        en: "an indicator cannot have both `aggregate` and `ratio`",
    }
    AggregateAndRatioHint {
        vi: "số đếm thì cộng lại được (`aggregate = \"sum\"`); tỷ lệ là `ratio` của hai số đếm: chỉ giữ một trong hai",
        en: "a count adds up (`aggregate = \"sum\"`); a rate is a `ratio` of two counts: keep one",
    }
    UnknownAggregate {
        vi: "không có cách cộng dồn `aggregate = \"{rule}\"`",
        en: "unknown `aggregate = \"{rule}\"`",
    }
    UnknownAggregateHint {
        vi: "viết `aggregate = \"sum\"` cho số đếm; tỷ lệ thì khai báo bằng `ratio = { numerator = \"…\", denominator = \"…\" }`, không bao giờ lấy trung bình",
        en: "write `aggregate = \"sum\"` for a count; a rate is declared as `ratio = { numerator = \"…\", denominator = \"…\" }`, never averaged",
    }
    RatioBad {
        vi: "`ratio` này cần hai mã chỉ tiêu khác nhau và hệ số `factor` lớn hơn 0",
        en: "this `ratio` needs two different indicator ids and a factor above 0",
    }
    RatioBadHint {
        vi: "ví dụ `ratio = { numerator = \"so-ho-ngheo\", denominator = \"tong-so-ho\", factor = 100 }`",
        en: "e.g. `ratio = { numerator = \"so-ho-ngheo\", denominator = \"tong-so-ho\", factor = 100 }`",
    }

    // Area outlines, read with the rest of the site.
    BoundaryReadableHint {
        vi: "kiểm tra xem tệp có đọc được không, hoặc xóa tệp để tạo trang không có bản đồ",
        en: "check that the file can be read, or remove it to build without maps",
    }
    OutlineUnused {
        vi: "đường bao của `{id}` không được dùng: content/areas.csv không có địa bàn `{id}`",
        en: "the outline of `{id}` is not used: content/areas.csv has no area `{id}`",
    }
    OutlineUnusedHint {
        vi: "đặt `properties.id` của đối tượng là mã của địa bàn trong content/areas.csv",
        en: "set the feature's `properties.id` to the id of the area in content/areas.csv",
    }

    // The output folder.
    SiteFolderUnopenable {
        vi: "không mở được thư mục của trang {folder}: {reason}",
        en: "cannot open the site folder {folder}: {reason}",
    }
    OutIsSiteFolder {
        vi: "`--out {out}` là thư mục của trang hoặc một thư mục chứa nó; ghi vào đó sẽ xóa mất nội dung của bạn",
        en: "--out {out} is the site folder or a folder above it; writing there would delete your content",
    }
    OutInsideProtected {
        vi: "`--out {out}` nằm trong {protected}; hãy chọn một thư mục như {suggested}",
        en: "--out {out} is inside {protected}; choose a folder such as {suggested}",
    }
    OtherOutHint {
        vi: "ghi tên một thư mục khác sau `--out`",
        en: "pass another folder with --out",
    }
    OutNotOurs {
        vi: "{out} không trống và không phải do baocao tạo ra; hãy chọn một thư mục trống hoặc một thư mục mới cho `--out`",
        en: "{out} is not empty and was not made by baocao; choose an empty or new folder for --out",
    }
    CannotOpenOut {
        vi: "không mở được thư mục kết quả: {reason}",
        en: "cannot open the output folder: {reason}",
    }
    OtherOrEmptyOutHint {
        vi: "ghi tên một thư mục khác sau `--out`, hoặc làm trống thư mục này",
        en: "pass another folder with --out, or empty this one",
    }
    CannotWriteSite { vi: "không ghi được trang: {reason}", en: "cannot write the site: {reason}" }
    WritableAndSpaceHint {
        vi: "kiểm tra xem có quyền ghi vào thư mục này không và ổ đĩa còn chỗ trống không",
        en: "check that the folder is writable and the disk has space",
    }
    UnsafePath {
        vi: "không ghi vào đường dẫn không an toàn `{path}`",
        en: "refusing to write to an unsafe path `{path}`",
    }
    UnsafeChartPathHint {
        vi: "đổi mã của chỉ tiêu hoặc địa bàn tạo ra địa chỉ trang này",
        en: "change the id of the indicator or area that makes this address",
    }
    UnsafePagePathHint {
        vi: "đổi `slug`, mã hoặc tên tệp tạo ra địa chỉ trang này",
        en: "change the slug, id or file name that makes this address",
    }
    UnsafeStaticPathHint {
        vi: "đổi tên tệp, chỉ dùng chữ cái, chữ số, `-`, `_` và `.`",
        en: "rename the file with letters, digits, `-`, `_` and `.` only",
    }
    OutputTwice {
        vi: "có hai tệp kết quả cùng được tạo cho {path}",
        en: "two outputs were made for {path}",
    }
    OutputTwiceHint {
        vi: "đổi `slug` hoặc địa chỉ cũ (`aliases`) tạo ra địa chỉ trang này",
        en: "change the slug or alias that makes this address",
    }
    CannotWriteOutput { vi: "không ghi được {path}: {reason}", en: "cannot write {path}: {reason}" }
    OutputWritableHint {
        vi: "kiểm tra xem có quyền ghi vào thư mục kết quả không và ổ đĩa còn chỗ trống không",
        en: "check that the output folder is writable and the disk has space",
    }
    SearchIndexFailed {
        vi: "không tạo được chỉ mục tìm kiếm: {detail}",
        en: "cannot make the search index: {detail}",
    }
    OpenDataFailed {
        vi: "không tạo được các tệp số liệu mở: {detail}",
        en: "cannot make the open data files: {detail}",
    }
    PageJobMadeFiles {
        vi: "lỗi bên trong baocao: một trang lại tạo ra các tệp",
        en: "a page job made files",
    }
    FileJobAsPage {
        vi: "lỗi bên trong baocao: một tệp lại được chuẩn bị như một trang",
        en: "a file job was prepared as a page",
    }

    // Templates of a theme.
    ThemeNoTemplates {
        vi: "giao diện `{theme}` không có thư mục `themes/{theme}/templates`",
        en: "theme `{theme}` has no folder themes/{theme}/templates",
    }
    ThemeNoTemplatesHint {
        vi: "tạo thư mục đó với các mẫu giao diện bạn muốn thay đổi, hoặc đặt `theme = \"default\"`",
        en: "create the folder with the templates you want to change, or set `theme = \"default\"`",
    }
    TemplateProblem { vi: "mẫu giao diện có lỗi: {detail}", en: "{detail}" }
    TemplateHint {
        vi: "sửa mẫu giao diện; nếu bạn không thay đổi mẫu giao diện nào, xin báo lỗi này cho người duy trì baocao",
        en: "fix the template; if you did not change templates, please report this as a bug in baocao",
    }
    ShortcodeDataMissing {
        vi: "lệnh chèn nhắc đến số liệu không có",
        en: "the shortcode refers to data that does not exist",
    }

    // The command line, before any language is known.
    UnknownLanguage {
        vi: "`{code}` không phải là một ngôn ngữ: viết `vi` hoặc `en`",
        en: "`{code}` is not a language: write vi or en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_index_the_table() {
        for (i, entry) in CATALOGUE.iter().enumerate() {
            assert_eq!(entry.id as usize, i, "{}", entry.name);
            assert_eq!(entry.id.entry().name, entry.name);
        }
    }

    /// Words allowed in Vietnamese text although they are written in ASCII letters: names of
    /// formats and programs, and Vietnamese syllables without diacritics.
    const ALLOWED: &[&str] = &[
        "csv",
        "utf",
        "excel",
        "toml",
        "yaml",
        "markdown",
        "svg",
        "geojson",
        "json",
        "url",
        "html",
        "content",
        "areas",
        "indicators",
        "data",
        "site",
        "static",
        "themes",
        "templates",
        "md",
        "periods",
        "baocao",
        "init",
        "dir",
        "id",
        "a",
        "b",
        // Vietnamese syllables that need no diacritics.
        "ban",
        "bao",
        "cho",
        "con",
        "hay",
        "hoa",
        "hoan",
        "khi",
        "kho",
        "khoa",
        "la",
        "ma",
        "mau",
        "mot",
        "nay",
        "neu",
        "nhan",
        "sai",
        "sau",
        "so",
        "tai",
        "tin",
        "tinh",
        "toan",
        "trong",
        "xin",
        "xem",
        "vao",
        "van",
        "vi",
        "thanh",
        "theo",
        "than",
        "trang",
        "nam",
        "ngay",
        "phan",
        "tam",
        "tay",
        "thay",
        "khong",
        "ta",
        "em",
        "anh",
        "ngang",
        "ghi",
        "giai",
        "danh",
        "chi",
        "in",
        "ra",
        "an",
        "ten",
        "tra",
        "cao",
        "nhanh",
        "truy",
        "hai",
        "nhau",
        "ranh",
        "kinh",
        "dung",
        "ba",
        "khai",
        "gian",
        "tham",
        "duy",
        "giao",
        "trung",
        "do",
        // Borrowed into Vietnamese: "trang web".
        "web",
    ];

    /// The words of `text` outside backticks and placeholders that are plain ASCII letters and
    /// not in [`ALLOWED`]: in a Vietnamese text, these are English left behind.
    fn foreign_words(text: &str) -> Vec<String> {
        let mut outside = String::new();
        for (i, part) in text.split('`').enumerate() {
            if i % 2 == 0 {
                outside.push_str(part);
                outside.push(' ');
            }
        }
        let mut words = outside.clone();
        for name in placeholders(&outside) {
            words = words.replace(&format!("{{{name}}}"), " ");
        }
        words
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()))
            .map(str::to_ascii_lowercase)
            .filter(|w| !ALLOWED.contains(&w.as_str()))
            .collect()
    }

    #[test]
    fn every_entry_has_both_languages_with_the_same_placeholders() {
        let mut names = std::collections::BTreeSet::new();
        let mut english = Vec::new();
        for entry in CATALOGUE {
            assert!(names.insert(entry.name), "{} is twice", entry.name);
            for language in [Language::Vi, Language::En] {
                let text = entry.text(language);
                assert!(
                    !text.trim().is_empty(),
                    "{} has no {language:?} text",
                    entry.name
                );
                assert_eq!(text.trim(), text, "{}: spaces around the text", entry.name);
            }
            let mut vi = placeholders(entry.vi);
            let mut en = placeholders(entry.en);
            vi.sort_unstable();
            en.sort_unstable();
            assert_eq!(vi, en, "{}: placeholders differ", entry.name);
            let foreign = foreign_words(entry.vi);
            if !foreign.is_empty() {
                english.push(format!("{}: {foreign:?} in `{}`", entry.name, entry.vi));
            }
        }
        assert!(english.is_empty(), "English left:\n{}", english.join("\n"));
    }

    #[test]
    fn english_left_in_vietnamese_is_found() {
        assert_eq!(
            foreign_words("the first row must name its columns"),
            ["the", "first", "row", "must", "name", "its", "columns"]
        );
        assert_eq!(
            foreign_words("dòng tiêu đề có cột `area`, tệp {file}, trong content/areas.csv"),
            Vec::<String>::new()
        );
        assert_eq!(
            foreign_words("không tìm thấy header row"),
            ["header", "row"]
        );
    }

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        let args = [("key", "titel".to_string())];
        assert_eq!(fill("unknown key `{key}`", &args), "unknown key `titel`");
        assert_eq!(
            fill("{{ chart(a=\"{key}\") }}", &args),
            "{{ chart(a=\"titel\") }}"
        );
        assert_eq!(fill("{missing} {", &args), "{missing} {");
        assert_eq!(placeholders("{a} {{ x }} {b_c}"), ["a", "b_c"]);
    }
}
