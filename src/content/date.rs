//! Publication dates: `2017-01-18` or `2017-01-18T15:55:00+07:00`; no offset means +07:00.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::diagnostics::{Diagnostic, Id};

/// Offset applied when a date carries none: Vietnam time, UTC+7.
pub const DEFAULT_OFFSET_MINUTES: i32 = 7 * 60;

/// A local date and time with its UTC offset, as written by the author.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct DateTime {
    /// Year, e.g. 2017.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
    /// Hour 0–23.
    pub hour: u8,
    /// Minute 0–59.
    pub minute: u8,
    /// Second 0–59.
    pub second: u8,
    /// Offset from UTC in minutes (+420 for Vietnam).
    pub offset_minutes: i32,
}

impl DateTime {
    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS]` and an offset
    /// (`Z`, `+07:00`). Returns the problem for the writer, without a place yet (see
    /// [`Diagnostic::at`]), when it does not parse.
    pub fn parse(text: &str) -> Result<DateTime, Diagnostic> {
        let text = text.trim();
        let bad = || Diagnostic::unplaced(Id::DateBad).arg("value", text);
        let cut = text.len().min(10);
        if !text.is_char_boundary(cut) {
            return Err(bad());
        }
        let (date, rest) = text.split_at(cut);
        let (year, month, day) = parse_ymd(date).ok_or_else(bad)?;
        if month == 0 || month > 12 || day == 0 || day > days_in_month(year, month) {
            return Err(Diagnostic::unplaced(Id::DateNotInCalendar).arg("value", text));
        }
        let mut result = DateTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            offset_minutes: DEFAULT_OFFSET_MINUTES,
        };
        if rest.is_empty() {
            return Ok(result);
        }
        let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        let (clock, offset) = match rest.find(['Z', 'z', '+', '-']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let parts: Vec<&str> = clock.split(':').collect();
        let number = |s: &str| -> Option<u8> {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let seconds = parts.get(2).map(|s| s.split('.').next().unwrap_or(s));
        match (
            parts.len(),
            number(parts[0]),
            parts.get(1).and_then(|m| number(m)),
        ) {
            (2 | 3, Some(h), Some(m)) if h < 24 && m < 60 => {
                result.hour = h;
                result.minute = m;
            }
            _ => return Err(bad()),
        }
        if let Some(s) = seconds {
            result.second = number(s).filter(|s| *s < 60).ok_or_else(bad)?;
        }
        result.offset_minutes = match offset {
            "" => DEFAULT_OFFSET_MINUTES,
            "Z" | "z" => 0,
            _ => {
                let sign = if offset.starts_with('-') { -1 } else { 1 };
                let (h, m) = offset[1..].split_once(':').ok_or_else(bad)?;
                match (number(h), number(m)) {
                    (Some(h), Some(m)) if h < 24 && m < 60 => {
                        sign * (i32::from(h) * 60 + i32::from(m))
                    }
                    _ => return Err(bad()),
                }
            }
        };
        Ok(result)
    }

    /// The local date and time at `offset_minutes` of an instant given in seconds since
    /// 1970-01-01T00:00:00Z: the inverse of [`DateTime::timestamp`].
    pub fn from_timestamp(seconds: i64, offset_minutes: i32) -> DateTime {
        let local = seconds.saturating_add(i64::from(offset_minutes) * 60);
        let (year, month, day) = civil_from_days(local.div_euclid(86_400));
        let second_of_day = local.rem_euclid(86_400);
        // `second_of_day` < 86 400, so hours < 24 and minutes, seconds < 60 fit in a u8.
        DateTime {
            year,
            month,
            day,
            hour: (second_of_day / 3600) as u8,
            minute: (second_of_day / 60 % 60) as u8,
            second: (second_of_day % 60) as u8,
            offset_minutes,
        }
    }

    /// Now, in Vietnam time (+07:00), to the second: the date `baocao new` writes.
    pub fn now() -> DateTime {
        let seconds = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
        };
        DateTime::from_timestamp(seconds, DEFAULT_OFFSET_MINUTES)
    }

    /// Seconds since 1970-01-01T00:00:00Z: the order in which articles are listed.
    pub fn timestamp(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }

    /// RFC 3339, as used by Atom feeds, sitemaps, JSON-LD and `<time datetime>`.
    pub fn rfc3339(&self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let offset = self.offset_minutes.abs();
        let fields = [self.month, self.day, self.hour, self.minute, self.second];
        // Every page and card of an article writes its date: digit by digit when all fields
        // have their usual widths (they always have, once parsed).
        if (0..10_000).contains(&self.year) && fields.iter().all(|&f| f < 100) && offset < 6000 {
            let mut out = String::with_capacity(25);
            push_digits(&mut out, self.year.unsigned_abs(), 4);
            let offset = offset.unsigned_abs();
            let [month, day, hour, minute, second] = fields.map(u32::from);
            for (separator, n) in [
                ('-', month),
                ('-', day),
                ('T', hour),
                (':', minute),
                (':', second),
                (sign, offset / 60),
                (':', offset % 60),
            ] {
                out.push(separator);
                push_digits(&mut out, n, 2);
            }
            return out;
        }
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            offset / 60,
            offset % 60
        )
    }
}

/// Appends the last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

fn parse_ymd(date: &str) -> Option<(i32, u8, u8)> {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(&date[..4]) && all_digits(&date[5..7]) && all_digits(&date[8..])) {
        return None;
    }
    Some((
        date[..4].parse().ok()?,
        date[5..7].parse().ok()?,
        date[8..].parse().ok()?,
    ))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a count of days since 1970-01-01: the inverse of
/// [`days_from_civil`] (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    // Both fit in a u8: day 1–31 and month 1–12 by construction.
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (i32::try_from(year).unwrap_or(i32::MAX), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_date_is_midnight_in_vietnam() {
        let d = DateTime::parse("2017-01-18").unwrap();
        assert_eq!(d.rfc3339(), "2017-01-18T00:00:00+07:00");
        assert_eq!(d.timestamp(), 1_484_672_400);
    }

    #[test]
    fn times_and_offsets() {
        let d = DateTime::parse("2017-01-18T15:55:00+07:00").unwrap();
        assert_eq!((d.hour, d.minute, d.offset_minutes), (15, 55, 420));
        let utc = DateTime::parse("2017-01-18T08:55:00Z").unwrap();
        assert_eq!(d.timestamp(), utc.timestamp());
        assert_eq!(
            DateTime::parse("2024-02-01 15:40").unwrap().rfc3339(),
            "2024-02-01T15:40:00+07:00"
        );
        assert_eq!(
            DateTime::parse("2020-06-30T23:00:00-05:30")
                .unwrap()
                .offset_minutes,
            -330
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_a_message() {
        for bad in [
            "18/01/2017",
            "2017-1-18",
            "2017-02-30",
            "2017-13-01",
            "2017-01-18T25:00",
            "hôm qua",
            "2017-01-18T15:55+7",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
        assert!(
            DateTime::parse("2017-02-29")
                .unwrap_err()
                .text(crate::language::Language::En)
                .contains("calendar")
        );
        assert!(DateTime::parse("2016-02-29").is_ok());
    }

    #[test]
    fn timestamps_turn_back_into_the_same_local_time() {
        for text in [
            "1970-01-01T07:00:00+07:00",
            "2000-02-29T23:59:59+07:00",
            "2017-01-18T15:55:00+07:00",
            "2026-11-22T09:30:00+07:00",
            "1969-12-31T23:00:00+07:00",
            "2100-03-01T00:00:00-05:30",
        ] {
            let d = DateTime::parse(text).unwrap();
            assert_eq!(
                DateTime::from_timestamp(d.timestamp(), d.offset_minutes).rfc3339(),
                text
            );
        }
        // 17:30 UTC on 31 December is already New Year's Day in Vietnam.
        let d = DateTime::from_timestamp(
            DateTime::parse("2025-12-31T17:30:00Z").unwrap().timestamp(),
            420,
        );
        assert_eq!(d.rfc3339(), "2026-01-01T00:30:00+07:00");
        assert!(DateTime::now().year >= 2025);
        assert_eq!(DateTime::now().offset_minutes, 420);
    }
}
