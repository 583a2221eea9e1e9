//! Numbers as statistics offices write them: `1234.5` (plain) or `1.234,5` (Vietnamese), with
//! `..`, `-` and empty cells meaning "no value".

use crate::config::NumberFormat;
use crate::diagnostics::{Diagnostic, Id};

/// Parses one cell. `Ok(None)` is a missing value; the error (a diagnostic to be placed with
/// [`Diagnostic::at`]) explains which rule applied.
pub fn parse_number(cell: &str, format: NumberFormat) -> Result<Option<f64>, Diagnostic> {
    let text = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}');
    if matches!(text, "" | ".." | "..." | "-" | "–" | "—" | "…" | "x") {
        return Ok(None);
    }
    let (negative, digits) = match text.chars().next() {
        Some('-' | '−') => (true, text.trim_start_matches(['-', '−'])),
        Some('+') => (false, &text[1..]),
        _ => (false, text),
    };
    let problem = |id: Id| Diagnostic::unplaced(id).arg("value", text);
    let normalized = match format {
        NumberFormat::Plain => plain(digits).ok_or_else(|| {
            problem(if digits.contains(',') {
                Id::NotNumberPlainComma
            } else {
                Id::NotNumberPlain
            })
        })?,
        NumberFormat::Vi => vietnamese(digits)
            .ok_or_else(|| problem(Id::NotNumberVi).arg("fixed", digits.replace('.', ",")))?,
    };
    let value: f64 = normalized.parse().map_err(|_| problem(Id::NotNumber))?;
    if !value.is_finite() {
        return Err(problem(Id::NumberTooLarge));
    }
    Ok(Some(if negative { -value } else { value }))
}

/// `1234.5` → itself; anything else (commas, letters, exponents, two dots) → None.
fn plain(digits: &str) -> Option<String> {
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !int_part.is_empty()
        && all_digits(int_part)
        && all_digits(frac_part)
        && (frac_part.is_empty() != digits.contains('.'));
    ok.then(|| digits.to_string())
}

/// `1.234,5` → `1234.5`; thousands groups must have exactly three digits.
fn vietnamese(digits: &str) -> Option<String> {
    let (int_part, frac_part) = match digits.split_once(',') {
        Some((i, f)) if !f.is_empty() && all_digits(f) => (i, f),
        Some(_) => return None,
        None => (digits, ""),
    };
    let groups: Vec<&str> = int_part.split(['.', ' ', '\u{a0}', '\u{202f}']).collect();
    let first_ok = groups
        .first()
        .is_some_and(|g| (1..=3).contains(&g.len()) || groups.len() == 1);
    if !first_ok
        || !groups.iter().all(|g| !g.is_empty() && all_digits(g))
        || !groups[1..].iter().all(|g| g.len() == 3)
    {
        return None;
    }
    let mut out = groups.concat();
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
    Some(out)
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// Explains how a suspicious value was read, for warnings: "read as 1051 because …" (a word
/// of the catalogue).
pub fn reading_rule(format: NumberFormat) -> Id {
    match format {
        NumberFormat::Plain => Id::ReadAsPlain,
        NumberFormat::Vi => Id::ReadAsVi,
    }
}

/// The fewest decimals, up to `max`, that give `value` back exactly when it is rounded to
/// them: what an author wrote in practice (`7.25` → 2, `10.51` → 2, `28000000` → 0). `None`
/// when it needs more than `max`.
pub fn exact_decimals(value: f64, max: usize) -> Option<usize> {
    let mut scale = 1.0;
    for decimals in 0..=max {
        if (value * scale).round() / scale == value {
            return Some(decimals);
        }
        scale *= 10.0;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use NumberFormat::{Plain, Vi};

    #[test]
    fn exact_decimals_are_what_was_written() {
        assert_eq!(exact_decimals(7.25, 6), Some(2));
        assert_eq!(exact_decimals(10.51, 6), Some(2));
        assert_eq!(exact_decimals(14.5, 6), Some(1));
        assert_eq!(exact_decimals(28_000_000.0, 6), Some(0));
        assert_eq!(exact_decimals(0.1 + 0.2, 6), None);
        assert_eq!(exact_decimals(0.123_456, 6), Some(6));
        assert_eq!(exact_decimals(0.123_45, 4), None);
    }

    #[test]
    fn missing_values() {
        for missing in ["", "  ", "..", "-", "…"] {
            assert_eq!(parse_number(missing, Plain), Ok(None), "{missing:?}");
            assert_eq!(parse_number(missing, Vi), Ok(None));
        }
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(parse_number("1234.5", Plain), Ok(Some(1234.5)));
        assert_eq!(parse_number("-1.57", Plain), Ok(Some(-1.57)));
        assert_eq!(parse_number("+0", Plain), Ok(Some(0.0)));
        assert_eq!(parse_number(" 28000000 ", Plain), Ok(Some(28_000_000.0)));
        assert!(
            parse_number("1,5", Plain)
                .unwrap_err()
                .text(Language::En)
                .contains("number_format = \"vi\"")
        );
        for bad in ["1e3", "1.2.3", "12a", ".5", "5.", "NaN", "inf"] {
            assert!(parse_number(bad, Plain).is_err(), "{bad}");
        }
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(parse_number("1.234,5", Vi), Ok(Some(1234.5)));
        assert_eq!(parse_number("0,42", Vi), Ok(Some(0.42)));
        assert_eq!(
            parse_number("1.234", Vi),
            Ok(Some(1234.0)),
            "a dot groups thousands"
        );
        assert_eq!(parse_number("36.400.000", Vi), Ok(Some(36_400_000.0)));
        assert_eq!(parse_number("2\u{a0}319", Vi), Ok(Some(2319.0)));
        assert_eq!(parse_number("-1,57", Vi), Ok(Some(-1.57)));
        assert_eq!(parse_number("12", Vi), Ok(Some(12.0)));
        let e = parse_number("10.51", Vi).unwrap_err().text(Language::En);
        assert!(e.contains("write it like 10,51"), "{e}");
        for bad in ["1,234.5", "1.23,4.5", "1.2345", ",5", "1,"] {
            assert!(parse_number(bad, Vi).is_err(), "{bad}");
        }
    }
}
