//! URL slugs: Vietnamese folded to lowercase ASCII (`Giảm nghèo bền vững` → `giam-ngheo-ben-vung`).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Longest slug in characters; longer titles are cut at a word boundary.
pub const MAX_SLUG_LEN: usize = 80;

/// Folds text to an ASCII slug: tone and vowel marks dropped, `đ` → `d`, lowercase, every run
/// of other characters becomes one `-`. Returns an empty string when nothing is left.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for_each_base_char(text, |c| {
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
    });
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..=MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    slug
}

/// Folds text for matching and sorting without diacritics: `Hộ nghèo` → `ho ngheo`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for_each_base_char(text, |c| match c {
        'đ' | 'Đ' => folded.push('d'),
        _ => folded.extend(c.to_lowercase()),
    });
    folded
}

/// Calls `f` with each character of `text`'s canonical decomposition (NFD) that is not a
/// combining mark: `ộ` gives `o`. Every character NFD would reorder has a combining class, and
/// all of those are marks (a test checks it), so the order NFD would give them cannot matter
/// and each character is decomposed on its own; the letters of [`LATIN_BLOCKS`] are looked up
/// in a table made once from the same decomposition.
fn for_each_base_char(text: &str, mut f: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            f(c);
            continue;
        }
        let known = latin_bases().iter().find_map(|(start, bases)| {
            let at = (c as usize).checked_sub(*start)?;
            bases.get(at).copied().flatten()
        });
        match known {
            Some(base) => f(base),
            None => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    f(part);
                }
            }),
        }
    }
}

/// The blocks Vietnamese letters come from: Latin-1 Supplement and Latin Extended-A and -B
/// (`à`, `ê`, `ơ`, `ư`, `đ`), and Latin Extended Additional, the precomposed letters with two
/// marks (`ộ`, `ở`, `ữ`).
const LATIN_BLOCKS: [std::ops::RangeInclusive<usize>; 2] = [0x80..=0x24F, 0x1E00..=0x1EFF];

/// For each block of [`LATIN_BLOCKS`], its first code point and, for each of its characters,
/// the one character its canonical decomposition leaves without marks, if there is exactly one
/// (`ộ` → `o`); the others (none or several) go the long way. Made once from the same
/// decomposition: a slug or a heading id then costs a lookup per letter instead of a
/// decomposition.
fn latin_bases() -> &'static [(usize, Vec<Option<char>>); 2] {
    static BASES: std::sync::OnceLock<[(usize, Vec<Option<char>>); 2]> = std::sync::OnceLock::new();
    BASES.get_or_init(|| {
        LATIN_BLOCKS.map(|block| {
            let start = *block.start();
            let bases = block
                .map(|code| {
                    let c = char::from_u32(code as u32)?;
                    let mut bases = Vec::new();
                    decompose_canonical(c, |part| {
                        if !is_combining_mark(part) {
                            bases.push(part);
                        }
                    });
                    match bases[..] {
                        [base] => Some(base),
                        _ => None,
                    }
                })
                .collect();
            (start, bases)
        })
    })
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
    fn base_characters_are_those_of_nfd_without_marks() {
        use unicode_normalization::UnicodeNormalization;
        use unicode_normalization::char::canonical_combining_class;
        let all: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for &c in &all {
            assert!(
                canonical_combining_class(c) == 0 || is_combining_mark(c),
                "{c:?} would be reordered by NFD but is not a mark"
            );
        }
        for chunk in all.chunks(7) {
            // Letters before and after, and marks in both orders, as NFD would see them.
            let text: String = ['a', chunk[0], '\u{301}', '\u{323}']
                .into_iter()
                .chain(chunk.iter().copied())
                .chain(['\u{323}', '\u{301}', 'z'])
                .collect();
            let mut ours = String::new();
            for_each_base_char(&text, |c| ours.push(c));
            let nfd: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
            assert_eq!(ours, nfd, "{text:?}");
        }
    }

    #[test]
    fn fold_keeps_spaces_and_drops_marks() {
        assert_eq!(fold("Hộ nghèo ĐÃ thoát"), "ho ngheo da thoat");
    }
}
