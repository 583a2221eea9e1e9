//! Reading the site's text files: every file of a kind below a folder (never through a link
//! that leads outside the site), read as UTF-8 and normalised to NFC, with the checks that
//! find text a spreadsheet or a word processor left unclean. Imports nothing of the pipeline:
//! every stage reads its files through here.

use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic, Id};

/// Every file below `dir` whose extension is `extension` (any case), sorted by path so that
/// builds are deterministic. A link is followed when it leads to a file inside the site
/// folder `root`; a link that leads outside is refused with an error (it could publish any
/// file of the computer).
pub fn files_in(
    dir: &Path,
    root: &Path,
    extension: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let wanted = entry
            .path()
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case(extension));
        if !wanted {
            continue;
        }
        if entry.path_is_symlink() {
            if !std::fs::canonicalize(entry.path()).is_ok_and(|t| t.starts_with(&site)) {
                problems.push(outside_link(&diagnostics::relative(root, entry.path())));
                continue;
            }
            if !entry.path().is_file() {
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        files.push(entry.into_path());
    }
    files.sort();
    files
}

/// The error for a link in `content/` that leads outside the site folder.
pub fn outside_link(shown: &Path) -> Diagnostic {
    Diagnostic::error(shown, 0, 0, Id::OutsideLink).with_hint(Id::OutsideLinkHint)
}

/// Reads a file as NFC text, or explains why it cannot be read.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    decode_text(read_bytes(path, shown)?.0, shown)
}

/// The largest Markdown file baocao reads (a long article is a few hundred kilobytes).
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a file, or explains why it cannot be read (or is too big to be an article).
/// A file's bytes, with its metadata as they were read.
pub fn read_bytes(path: &Path, shown: &Path) -> Result<(Vec<u8>, std::fs::Metadata), Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(shown, 0, 0, Id::FileUnreadable)
            .io_reason(&e)
            .with_hint(Id::FileReadableHint)
    };
    // One open and one `fstat`: thousands of articles are read on every build.
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    let size = meta.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(Diagnostic::error(shown, 1, 1, Id::FileTooBig)
            .arg("size", size / (1024 * 1024))
            .arg("max", MAX_DOCUMENT_BYTES / (1024 * 1024))
            .with_hint(Id::FileTooBigHint));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_DOCUMENT_BYTES),
        &mut bytes,
    )
    .map_err(cannot)?;
    Ok((bytes, meta))
}

/// A file's bytes as NFC text, or why they are not text.
pub fn decode_text(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    if surely_clean(&bytes) {
        // SAFETY: `surely_clean` accepts only well-formed UTF-8 sequences (a test checks every
        // sequence of up to three bytes it can see); one pass instead of two over every file.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or("");
            diagnostics::line_col(valid, valid.len())
        };
        Diagnostic::error(shown, line, col, Id::FileNotUtf8).with_hint(Id::SaveAsUtf8Hint)
    })?;
    Ok(normalize(text))
}

/// NFC-normalises text and replaces control characters (other than tab and line ends) by
/// spaces: they are invisible, never meant, and not allowed in HTML or XML. Cheap when there is
/// nothing to do, as for most text.
pub fn normalize(text: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if surely_clean(text.as_bytes()) {
        return text;
    }
    let text = if has_unwanted_control(&text) {
        text.chars()
            .map(|c| if unwanted_control(c) { ' ' } else { c })
            .collect()
    } else {
        text
    };
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// A control character other than tab, line feed and carriage return (C0, DEL and C1).
fn unwanted_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// True when `text` has an [`unwanted_control`] character, decided on its bytes: C0 and DEL
/// are single bytes, C1 (U+0080–U+009F) is `C2 80`–`C2 9F`.
pub fn has_unwanted_control(text: &str) -> bool {
    control_start_wide(text.as_bytes())
}

wide_scan!(control_start_wide, control_start, bool);

/// [`has_unwanted_control`] on bytes (always inlined: see [`wide_scan`]).
#[inline(always)]
fn control_start(bytes: &[u8]) -> bool {
    let Some(&last) = bytes.last() else {
        return false;
    };
    // The last byte has none after it.
    pair_runs(bytes).any(|(run, next)| {
        run.iter().zip(next).fold(false, |found, (&byte, &next)| {
            found | starts_control(byte, next)
        })
    }) || starts_control(last, b' ')
}

/// True when the UTF-8 character that starts with `byte` (followed by `next`) is an
/// [`unwanted_control`]. Branch-free, so that the compiler can check many bytes at once; always
/// inlined, or the loops that call it are not vectorised.
#[inline(always)]
fn starts_control(byte: u8, next: u8) -> bool {
    ((byte < 0x20) & (byte != b'\t') & (byte != b'\n') & (byte != b'\r'))
        | (byte == 0x7F)
        | ((byte == 0xC2) & (next.wrapping_sub(0x80) < 0x20))
}

/// Defines `$wide`, which runs `$scan` (a branch-free scan of bytes, always inlined) compiled
/// for AVX2 when this CPU has it, as most x86-64 CPUs since 2013 do: it then checks 32 bytes
/// per vector operation instead of 16. Elsewhere it runs `$scan` as compiled for every CPU.
macro_rules! wide_scan {
    ($wide:ident, $scan:ident, $out:ty) => {
        fn $wide(bytes: &[u8]) -> $out {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2")]
                fn with_avx2(bytes: &[u8]) -> $out {
                    $scan(bytes)
                }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has AVX2, checked just above.
                    return unsafe { with_avx2(bytes) };
                }
            }
            $scan(bytes)
        }
    };
}
pub(crate) use wide_scan;

/// The bytes, in runs of 64, each with the run of the bytes that follow them (one shorter at
/// the end): a scan of every byte and the next without a branch within a run, which the
/// compiler turns into wide vector operations.
pub(crate) fn pair_runs(bytes: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    bytes
        .chunks(64)
        .zip(bytes.get(1..).unwrap_or_default().chunks(64))
}

/// True when bytes are UTF-8 text that is surely NFC and has no [`unwanted_control`], decided
/// on its bytes (the common case of every build: most text is already clean). Every text
/// accepted is well-formed UTF-8, so it needs no other check. Its characters must all be
/// unchanged by NFC whatever surrounds them (no combining class, no decomposition, never
/// composed with what precedes them): everything below the combining diacritics (U+0300),
/// which covers ASCII and most Latin letters, the precomposed Vietnamese letters of Latin
/// Extended Additional (U+1E00–U+1EFF), and the dashes, quotes, bullets and ellipsis of
/// General Punctuation (U+2010–U+2027). Anything else goes the slow, exact way.
///
/// Two passes that both run many bytes at a time: SIMD UTF-8 validation, then a scan without
/// branches for any byte that starts a character outside those ranges. (One pass that decoded
/// character by character ran six times slower on Vietnamese text, whose letters mix one-,
/// two- and three-byte sequences too irregularly for branch prediction.)
fn surely_clean(bytes: &[u8]) -> bool {
    if simdutf8::basic::from_utf8(bytes).is_err() {
        return false;
    }
    no_unclean_start_wide(bytes)
}

wide_scan!(no_unclean_start_wide, no_unclean_start, bool);

/// The branch-free half of [`surely_clean`], for well-formed UTF-8 (always inlined: see
/// [`wide_scan`]).
#[inline(always)]
fn no_unclean_start(bytes: &[u8]) -> bool {
    // In well-formed UTF-8 only the byte that starts a character, and the one or two after
    // it, decide its range; a space after the end stands in for the bytes that are not there.
    let at = |i: usize| bytes.get(i).copied().unwrap_or(b' ');
    let n = bytes.len();
    let body = n.saturating_sub(2);
    let mut unclean = false;
    for ((&first, &second), &third) in bytes[..body]
        .iter()
        .zip(&bytes[1.min(n)..])
        .zip(&bytes[2.min(n)..])
    {
        unclean |= starts_unclean(first, second, third);
    }
    for i in body..n {
        unclean |= starts_unclean(at(i), at(i + 1), at(i + 2));
    }
    !unclean
}

/// True when the character whose UTF-8 starts at `first` (followed by `second` and `third`)
/// is outside the ranges [`surely_clean`] accepts; false for continuation bytes. Branch-free,
/// so that the compiler can check many positions at once.
#[inline(always)]
fn starts_unclean(first: u8, second: u8, third: u8) -> bool {
    // C0 and C1 controls but tab and line ends, and DEL.
    let control = starts_control(first, second);
    // U+0300 and up but the two ranges below (and four-byte characters).
    let lead = ((0xCC..=0xE0).contains(&first)) | (first >= 0xE3);
    // U+1000–U+1FFF but U+1E00–U+1EFF.
    let outside_latin = (first == 0xE1) & (second.wrapping_sub(0xB8) > 3);
    // U+2000–U+2FFF but U+2010–U+2027.
    let outside_punctuation =
        (first == 0xE2) & ((second != 0x80) | (third.wrapping_sub(0x90) > 0x17));
    control | lead | outside_latin | outside_punctuation
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True for characters that are unchanged by NFC whatever surrounds them (no combining
    /// class, no decomposition, never composed with what precedes them): everything below the
    /// combining diacritics (U+0300), which covers ASCII and most Latin letters, the precomposed
    /// Vietnamese letters of Latin Extended Additional (U+1E00–U+1EFF), and the dashes, quotes,
    /// bullets and ellipsis of General Punctuation (U+2010–U+2027). A text made only of them is
    /// NFC without looking anything up.
    fn surely_nfc(c: char) -> bool {
        let c = u32::from(c);
        c < 0x300 || (0x1E00..0x1F00).contains(&c) || (0x2010..=0x2027).contains(&c)
    }

    #[test]
    fn the_byte_control_check_agrees_with_the_character_check() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                has_unwanted_control(&text),
                unwanted_control(c),
                "{c:?}: the byte check agrees with the character check"
            );
        }
        assert!(!has_unwanted_control("Hộ nghèo\t2021–2025\r\n"));
        assert!(has_unwanted_control("Hộ\u{7}nghèo"));
        // Anywhere in a longer text, across the runs the check reads at a time, to the end.
        for at in [0, 62, 63, 64, 65, 127, 128, 198] {
            for control in ["\u{7}", "\u{85}"] {
                let mut text = "x".repeat(200);
                text.replace_range(at..at + control.len(), control);
                assert!(has_unwanted_control(&text), "{control:?} at {at}");
            }
        }
        assert!(!has_unwanted_control(&"Hộ nghèo ".repeat(40)));
    }

    use proptest::prelude::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Decoding takes the one-pass way for clean text and the checked way for the rest:
        /// either way, the result is that of `String::from_utf8` and [`normalize`].
        #[test]
        fn decoding_is_from_utf8_then_normalize(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                3 => proptest::sample::select(vec![
                    "Hộ nghèo ", "giảm ", "Đà Nẵng", "–", "“", "…", "\u{a0}", "\n", "\t", "é",
                    "e\u{301}", "\u{7}", "\u{85}", "\u{2028}", "\u{feff}", "ư\u{323}",
                ]).prop_map(|s: &str| s.as_bytes().to_vec()),
                1 => proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4),
            ], 0..24)
        ) {
            let bytes = pieces.concat();
            let shown = Path::new("a.md");
            let expected = String::from_utf8(bytes.clone()).ok().map(normalize);
            proptest::prop_assert_eq!(decode_text(bytes, shown).ok(), expected);
        }
    }

    #[test]
    fn surely_clean_accepts_exactly_utf8_of_the_clean_ranges() {
        // What the byte check must decide, character by character.
        let clean = |c: char| {
            matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{A0}'..='\u{2FF}')
                || matches!(c, '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{2027}')
        };
        // Every sequence of one, two and three bytes, alone and after other text (the check
        // reads many bytes at a time, and looks ahead near the end).
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                for third in 0..=255u8 {
                    for bytes in [&[first][..], &[first, second], &[first, second, third]] {
                        let expected =
                            std::str::from_utf8(bytes).is_ok_and(|text| text.chars().all(clean));
                        assert_eq!(surely_clean(bytes), expected, "{bytes:x?}");
                        if first == 0xE1 || second == 0xE2 || third == 0xC2 {
                            let long = [b"H\xe1\xbb\x99 ngh\xc3\xa8o ".as_slice(), bytes].concat();
                            assert_eq!(surely_clean(&long), expected, "{long:x?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_fast_nfc_ranges_agree_with_unicode() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in (0..0x300)
            .chain(0x1E00..0x1F00)
            .chain(0x2010..=0x2027)
            .filter_map(char::from_u32)
        {
            assert!(surely_nfc(c));
            let text = c.to_string();
            assert_eq!(
                surely_clean(text.as_bytes()),
                !unwanted_control(c),
                "{c:?}: the byte check agrees with the character check"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            // Before and after a letter, the character stays as it is.
            for text in [format!("{c}a"), format!("a{c}")] {
                assert_eq!(is_nfc_quick(text.chars()), IsNormalized::Yes, "{text:?}");
            }
        }
        assert!(!surely_nfc('\u{0301}'));
        assert!(!surely_clean("e\u{0301}".as_bytes()));
        assert!(!surely_clean("\u{2000}".as_bytes()), "U+2000 decomposes");
        assert!(surely_clean("Hộ nghèo – “giảm” …".as_bytes()));
    }
}
