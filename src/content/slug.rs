//! URL slugs: Vietnamese folded to lowercase ASCII (`Giảm nghèo bền vững` → `giam-ngheo-ben-vung`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest slug in characters; longer titles are cut at a word boundary.
pub const MAX_SLUG_LEN: usize = 80;

/// Folds text to an ASCII slug: tone and vowel marks dropped, `đ` → `d`, lowercase, every run
/// of other characters becomes one `-`. Returns an empty string when nothing is left.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..=MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    slug
}

/// Folds text for matching and sorting without diacritics: `Hộ nghèo` → `ho ngheo`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(
            slugify("Kế hoạch giảm nghèo bền vững giai đoạn 2021–2025"),
            "ke-hoach-giam-ngheo-ben-vung-giai-doan-2021-2025"
        );
        assert_eq!(
            slugify("Đà Nẵng: hỗ trợ 1.328 hộ thoát nghèo!"),
            "da-nang-ho-tro-1-328-ho-thoat-ngheo"
        );
        assert_eq!(
            slugify("Quận 11 — “Không để ai bị bỏ lại phía sau”"),
            "quan-11-khong-de-ai-bi-bo-lai-phia-sau"
        );
        assert_eq!(slugify("ĐỒNG KHỞI"), "dong-khoi");
    }

    #[test]
    fn strips_everything_unsafe() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("a\\b\0c"), "a-b-c");
        assert_eq!(slugify("“”!!"), "");
        let long = "từ ".repeat(60);
        let s = slugify(&long);
        assert!(s.len() <= MAX_SLUG_LEN && !s.ends_with('-'), "{s}");
    }

    #[test]
    fn fold_keeps_spaces_and_drops_marks() {
        assert_eq!(fold("Hộ nghèo ĐÃ thoát"), "ho ngheo da thoat");
    }
}
