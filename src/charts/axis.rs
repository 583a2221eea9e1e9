//! Value axes with "nice" tick steps (1, 2, 2.5 or 5 × 10^k) and time axes of periods.

use crate::data::period::Period;

/// The ticks of a value axis: the axis runs from the first to the last tick.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ticks {
    /// Tick values, ascending, at least two, evenly `step` apart.
    pub values: Vec<f64>,
}

impl Ticks {
    /// The lowest tick, where the axis starts.
    pub fn lo(&self) -> f64 {
        self.values.first().copied().unwrap_or(0.0)
    }

    /// The highest tick, where the axis ends.
    pub fn hi(&self) -> f64 {
        self.values.last().copied().unwrap_or(1.0)
    }
}

/// Values beyond this magnitude are clamped so that steps and ranges stay finite.
const LIMIT: f64 = 1e250;

/// A finite value limited to what the axes can show (±1e250): beyond it, the differences
/// that scale a chart overflow.
pub(crate) fn limit(v: f64) -> f64 {
    v.clamp(-LIMIT, LIMIT)
}

/// Nice ticks covering `lo..=hi` with at most `max_ticks` ticks (at least 2).
///
/// A range without width is widened around its value (0 becomes 0–1); non-finite bounds are
/// treated as 0. Tick values are computed as integers times a power of ten, so they print
/// without binary noise (0.3, not 0.30000000000000004).
pub(crate) fn nice_ticks(lo: f64, hi: f64, max_ticks: usize) -> Ticks {
    let clean = |v: f64| {
        if v.is_finite() {
            v.clamp(-LIMIT, LIMIT)
        } else {
            0.0
        }
    };
    let (mut lo, mut hi) = (clean(lo), clean(hi));
    if lo > hi {
        std::mem::swap(&mut lo, &mut hi);
    }
    if hi - lo <= hi.abs().max(lo.abs()) * 1e-9 {
        if lo == 0.0 {
            hi = 1.0;
        } else {
            // All values equal: show them in the middle of a small range, but keep the sign.
            let pad = lo.abs() * 0.1;
            (lo, hi) = (lo - pad, hi + pad);
        }
    }
    let intervals = max_ticks.max(2) as f64 - 1.0;
    let raw = (hi - lo) / intervals;
    let exponent = raw.log10().floor() as i32;
    // Mantissas × 10^(exponent − 1): 1, 2, 2.5, 5 × 10^exponent, then the next decade.
    for (mantissa, exp) in [10, 20, 25, 50]
        .into_iter()
        .map(|m| (m, exponent - 1))
        .chain([10, 20, 25, 50].into_iter().map(|m| (m, exponent)))
    {
        let step = scaled(mantissa as f64, exp);
        let first = (lo / step).floor();
        let last = (hi / step).ceil();
        if last - first <= intervals {
            let values = (first as i64..=last as i64)
                .map(|n| scaled(n as f64 * mantissa as f64, exp))
                .collect();
            return Ticks { values };
        }
    }
    // Unreachable for finite input (a step of 50 × 10^exponent always fits); stay total.
    Ticks {
        values: vec![lo, hi],
    }
}

/// The periods of the same kind as `kind` (years, quarters or months) ending within
/// `from..=to` (times in years, as [`Period::time`]), in order.
pub(crate) fn periods_between(kind: Period, from: f64, to: f64) -> Vec<Period> {
    let months: i64 = match kind {
        Period::Year(_) => 12,
        Period::Quarter(..) => 3,
        Period::Month(..) => 1,
    };
    if !(from.is_finite() && to.is_finite()) || to - from > 1000.0 {
        return Vec::new();
    }
    let first = (from * 12.0 - 1e-6).ceil() as i64;
    let last = (to * 12.0 + 1e-6).floor() as i64;
    (first..=last)
        .filter(|end| end.rem_euclid(months) == 0)
        .filter_map(|end| {
            let year = i32::try_from((end - 1).div_euclid(12)).ok()?;
            let month = (end - 1).rem_euclid(12) as u8 + 1;
            Some(match kind {
                Period::Year(_) => Period::Year(year),
                Period::Quarter(..) => Period::Quarter(year, month / 3),
                Period::Month(..) => Period::Month(year, month),
            })
        })
        .collect()
}

/// Steps, in periods, between labels of a time axis: round numbers of years.
pub(crate) fn label_steps(kind: Period) -> &'static [usize] {
    match kind {
        Period::Year(_) => &[1, 2, 5, 10, 20, 50, 100],
        Period::Quarter(..) => &[1, 2, 4, 8, 20, 40, 200],
        Period::Month(..) => &[1, 2, 3, 6, 12, 24, 60, 120, 600],
    }
}

/// `n × 10^exp`, dividing for negative exponents so decimal values round correctly.
fn scaled(n: f64, exp: i32) -> f64 {
    if exp >= 0 {
        n * 10f64.powi(exp)
    } else {
        n / 10f64.powi(-exp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(t: &Ticks) -> Vec<f64> {
        t.values.windows(2).map(|w| w[1] - w[0]).collect()
    }

    #[test]
    fn steps_are_one_two_two_and_a_half_or_five() {
        for (lo, hi, n) in [
            (0.0, 10.51, 6),
            (3.2, 4.9, 6),
            (0.0, 2319.0, 6),
            (-3.0, 7.0, 5),
            (0.0, 1e12, 6),
            (0.001, 0.0042, 5),
        ] {
            let t = nice_ticks(lo, hi, n);
            assert!(t.values.len() >= 2 && t.values.len() <= n, "{t:?}");
            assert!(t.lo() <= lo && t.hi() >= hi, "{t:?} covers {lo}..{hi}");
            let step = steps(&t)[0];
            let mantissa = step / 10f64.powf(step.log10().floor());
            assert!(
                [1.0, 2.0, 2.5, 5.0]
                    .iter()
                    .any(|m| (m - mantissa).abs() < 1e-9),
                "{step} from {lo}..{hi}"
            );
        }
    }

    #[test]
    fn tick_values_are_clean_decimals() {
        let t = nice_ticks(0.0, 0.9, 6);
        assert_eq!(t.values, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let t = nice_ticks(0.0, 10.51, 6);
        assert_eq!(t.values, [0.0, 2.5, 5.0, 7.5, 10.0, 12.5]);
    }

    #[test]
    fn periods_between_follow_the_kind() {
        let years = periods_between(Period::Year(0), 2016.0, 2021.0);
        assert_eq!(years.first(), Some(&Period::Year(2015)));
        assert_eq!(years.len(), 6);
        let quarters = periods_between(Period::Quarter(0, 1), 2023.25, 2024.0);
        assert_eq!(
            quarters,
            [
                Period::Quarter(2023, 1),
                Period::Quarter(2023, 2),
                Period::Quarter(2023, 3),
                Period::Quarter(2023, 4)
            ]
        );
        let months = periods_between(Period::Month(0, 1), 2024.0, 2024.2);
        assert_eq!(
            months,
            [
                Period::Month(2023, 12),
                Period::Month(2024, 1),
                Period::Month(2024, 2)
            ]
        );
        assert!(periods_between(Period::Year(0), f64::NAN, 1.0).is_empty());
    }

    #[test]
    fn degenerate_ranges_get_width() {
        assert_eq!(nice_ticks(0.0, 0.0, 5).values, [0.0, 0.25, 0.5, 0.75, 1.0]);
        let t = nice_ticks(5.0, 5.0, 5);
        assert!(t.lo() < 5.0 && t.hi() > 5.0);
        let t = nice_ticks(-2.0, -2.0, 5);
        assert!(t.lo() < -2.0 && t.hi() <= 0.0);
        let t = nice_ticks(f64::NAN, f64::INFINITY, 5);
        assert!(t.values.iter().all(|v| v.is_finite()));
        let t = nice_ticks(-1e300, 1e300, 5);
        assert!(t.values.iter().all(|v| v.is_finite()) && t.values.len() >= 2);
    }
}
