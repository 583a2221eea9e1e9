//! Reporting periods: a year `2020`, a quarter `2020-Q3` or a month `2020-06`.

use std::cmp::Ordering;
use std::fmt;

use crate::diagnostics::{Diagnostic, Id};

/// A period a value was measured for. Ordered by when it ends; at the same end, the finer
/// period comes first (`2020-12` < `2020-Q4` < `2020`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// A quarter, 1–4.
    Quarter(i32, u8),
    /// A month, 1–12.
    Month(i32, u8),
}

impl Period {
    /// Reads `2020`, `2020-Q3` (or `2020-q3`) and `2020-06`. The error says what was expected,
    /// as a diagnostic without a place yet (see [`Diagnostic::at`]).
    pub fn read(text: &str) -> Result<Period, Diagnostic> {
        let text = text.trim();
        let bad = || Diagnostic::unplaced(Id::PeriodBad).arg("value", text);
        let year_of = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
                .filter(|y| (1900..=2200).contains(y))
        };
        match text.split_once('-') {
            None => year_of(text).map(Period::Year).ok_or_else(bad),
            Some((y, rest)) => {
                let year = year_of(y).ok_or_else(bad)?;
                if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                    match q.parse::<u8>() {
                        Ok(n @ 1..=4) if q.len() == 1 => Ok(Period::Quarter(year, n)),
                        _ => Err(Diagnostic::unplaced(Id::PeriodNoQuarter)
                            .arg("value", text)
                            .arg("quarter", q)),
                    }
                } else if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    match rest.parse::<u8>() {
                        Ok(m @ 1..=12) => Ok(Period::Month(year, m)),
                        _ => Err(Diagnostic::unplaced(Id::PeriodNoMonth)
                            .arg("value", text)
                            .arg("month", rest)),
                    }
                } else {
                    Err(bad())
                }
            }
        }
    }

    /// The calendar year the period falls in.
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// Months since year 0 at the end of the period; the common clock of all periods.
    pub fn end_month(self) -> i64 {
        let month = match self {
            Period::Year(_) => 12,
            Period::Quarter(_, q) => 3 * i64::from(q),
            Period::Month(_, m) => i64::from(m),
        };
        i64::from(self.year()) * 12 + month
    }

    /// The end of the period in years (2020 ends at 2021.0, 2020-Q2 at 2020.5); differences
    /// between these are the elapsed times used by progress calculations.
    pub fn time(self) -> f64 {
        self.end_month() as f64 / 12.0
    }

    /// How fine the period is: 0 month, 1 quarter, 2 year.
    fn granularity(self) -> u8 {
        match self {
            Period::Month(..) => 0,
            Period::Quarter(..) => 1,
            Period::Year(_) => 2,
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.end_month(), self.granularity()).cmp(&(other.end_month(), other.granularity()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    /// The canonical form used in CSVs, URLs and open data: `2020`, `2020-Q3`, `2020-06`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Pieces written as they are: open data writes tens of thousands of periods.
        let mut digits = itoa::Buffer::new();
        f.write_str(digits.format(self.year()))?;
        match *self {
            Period::Year(_) => Ok(()),
            Period::Quarter(_, q) => {
                f.write_str("-Q")?;
                f.write_str(digits.format(q))
            }
            Period::Month(_, m) => {
                f.write_str(if m < 10 { "-0" } else { "-" })?;
                f.write_str(digits.format(m))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(Period::read("2020"), Ok(Period::Year(2020)));
        assert_eq!(Period::read("2024-Q3"), Ok(Period::Quarter(2024, 3)));
        assert_eq!(Period::read("2024-q1"), Ok(Period::Quarter(2024, 1)));
        assert_eq!(Period::read("2024-06"), Ok(Period::Month(2024, 6)));
        assert_eq!(Period::read(" 2015 "), Ok(Period::Year(2015)));
    }

    #[test]
    fn writes_the_canonical_form() {
        let written: Vec<String> = [
            Period::Year(2020),
            Period::Quarter(2024, 3),
            Period::Month(2024, 6),
            Period::Month(2024, 11),
        ]
        .iter()
        .map(Period::to_string)
        .collect();
        assert_eq!(written, ["2020", "2024-Q3", "2024-06", "2024-11"]);
    }

    #[test]
    fn rejects_what_is_not_a_period() {
        for bad in [
            "20",
            "2024-Q5",
            "2024-Q03",
            "2024-13",
            "2024-6",
            "Pre. 2016",
            "",
            "2024-",
            "năm 2020",
        ] {
            assert!(Period::read(bad).is_err(), "{bad} should not parse");
        }
        assert!(
            Period::read("2024-Q5")
                .unwrap_err()
                .text(crate::language::Language::En)
                .contains("Q1 to Q4")
        );
    }

    #[test]
    fn orders_by_end_then_fineness() {
        let mut periods: Vec<Period> = ["2021", "2020", "2020-Q4", "2020-12", "2020-Q2", "2021-01"]
            .iter()
            .map(|s| Period::read(s).unwrap())
            .collect();
        periods.sort();
        let shown: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["2020-Q2", "2020-12", "2020-Q4", "2020", "2021-01", "2021"]
        );
    }

    #[test]
    fn time_differences_are_years() {
        let base = Period::Year(2015).time();
        assert_eq!(Period::Year(2023).time() - base, 8.0);
        assert_eq!(Period::Quarter(2016, 2).time() - base, 0.5);
    }
}
