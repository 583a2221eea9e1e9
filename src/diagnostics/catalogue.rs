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
