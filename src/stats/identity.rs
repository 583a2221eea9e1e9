//! Stock-flow identities declared by indicators, e.g. for `so-ho-ngheo` (poor households at the
//! end of a year): `identity = "so-ho-ngheo-dau-nam - so-ho-thoat-ngheo + so-ho-ngheo-moi"`.
//! Checked for every area and period where all terms have a value; a mismatch is a warning.

use std::collections::HashMap;

use crate::data::indicators::Indicator;
use crate::data::store::Observations;
use crate::diagnostics::{Diagnostic, Id};

/// Checks every declared identity. Unknown term ids are errors at the `identity` line.
pub fn check(
    indicators: &[Indicator],
    observations: &Observations,
    area_names: &[&str],
) -> Vec<Diagnostic> {
    let by_id: HashMap<&str, usize> = indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.as_str(), i))
        .collect();
    let mut problems = Vec::new();
    for (lhs, indicator) in indicators.iter().enumerate() {
        if indicator.identity.is_empty() {
            continue;
        }
        let mut terms = Vec::with_capacity(indicator.identity.len());
        for term in &indicator.identity {
            match by_id.get(term.indicator.as_str()) {
                Some(&i) => terms.push((term.sign, i)),
                None => problems.push(
                    Diagnostic::error(
                        &indicator.source_file,
                        indicator.identity_line,
                        1,
                        Id::IdentityUnknownIndicator,
                    )
                    .arg("id", &term.indicator)
                    .with_hint(Id::IdentityUnknownIndicatorHint),
                ),
            }
        }
        if terms.len() != indicator.identity.len() {
            continue;
        }
        let tolerance = 0.5 * 10f64.powi(-i32::from(indicator.decimals));
        for &(indicator_index, area) in observations
            .keys()
            .iter()
            .filter(|(i, _)| *i as usize == lhs)
        {
            let area = area as usize;
            for stock in observations.series(indicator_index as usize, area) {
                let values: Option<Vec<_>> = terms
                    .iter()
                    .map(|&(sign, i)| {
                        observations
                            .value_at(i, area, stock.period)
                            .map(|o| (sign, i, o))
                    })
                    .collect();
                let Some(values) = values else { continue };
                let expected: f64 = values
                    .iter()
                    .map(|(sign, _, o)| f64::from(*sign) * o.value)
                    .sum();
                if (expected - stock.value).abs() <= tolerance {
                    continue;
                }
                let parts: Vec<String> = values
                    .iter()
                    .map(|(sign, i, o)| {
                        format!(
                            "{} {} = {} ({})",
                            if *sign < 0 { "−" } else { "+" },
                            indicators[*i].id,
                            o.value,
                            observations.origin(o)
                        )
                    })
                    .collect();
                problems.push(
                    Diagnostic::warning(
                        &observations.files[stock.file as usize],
                        stock.line as usize,
                        1,
                        Id::IdentityDisagrees,
                    )
                    .arg("indicator", &indicator.id)
                    .arg("area", area_names.get(area).copied().unwrap_or("?"))
                    .arg("period", stock.period)
                    .arg("value", stock.value)
                    .arg(
                        "terms",
                        indicator
                            .identity
                            .iter()
                            .map(|t| t.indicator.as_str())
                            .collect::<Vec<_>>()
                            .join(" ± "),
                    )
                    .arg("expected", expected)
                    .arg("parts", parts.join(", "))
                    .with_hint(Id::IdentityDisagreesHint),
                );
            }
        }
    }
    problems
}
