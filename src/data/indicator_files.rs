//! Reading `content/indicators/*.md`: each file's front matter checked into an [`Indicator`]
//! (its targets, baselines, identity and roll-up), every problem at its line and column.

use std::path::{Path, PathBuf};

use super::indicators::*;
use crate::config::{SiteConfig, is_simple_id};
use crate::data::areas::Areas;
use crate::data::period::Period;
use crate::diagnostics::{self, Diagnostic, Id};
use crate::text::normalize;

/// Checks an indicator's front matter. `front` is the raw front-matter text, which starts on
/// line `first_line` of the file; it is used to point at the offending value.
#[allow(clippy::too_many_arguments)]
pub fn build_indicator(
    id: &str,
    meta: IndicatorMeta,
    front: &str,
    first_line: usize,
    shown: &Path,
    config: &SiteConfig,
    areas: &Areas,
    problems: &mut Vec<Diagnostic>,
) -> Indicator {
    if !is_simple_id(id) {
        problems.push(
            Diagnostic::error(shown, 1, 1, Id::IndicatorIdNotSimple)
                .arg("id", id)
                .with_hint(Id::RenameIndicatorHint),
        );
    }
    let (aggregate, aggregate_line) = aggregate(&meta, front, first_line, shown, problems);
    let position = |needle: &str, target: usize| value_position(front, first_line, needle, target);
    let mut targets = Vec::with_capacity(meta.targets.len());
    for (n, spec) in meta.targets.into_iter().enumerate() {
        let mut ok = true;
        let area = areas.index_of(&spec.area);
        if area.is_none() {
            let (line, col) = position(&spec.area, n);
            let problem =
                Diagnostic::error(shown, line, col, Id::UnknownArea).arg("value", &spec.area);
            problems.push(match diagnostics::did_you_mean(&spec.area, areas.ids()) {
                Some(best) => problem.with_hint(Id::DidYouMeanAreaHint).arg("best", best),
                None => problem.with_hint(Id::AddAreaHint),
            });
            ok = false;
        }
        let due = match config.periods.iter().position(|p| p.id == spec.period) {
            Some(i) => Some(Due::Plan(i)),
            None => match Period::read(&spec.period) {
                Ok(p) => Some(Due::Single(p)),
                Err(problem) => {
                    let (line, col) = position(&spec.period, n);
                    let ids: Vec<&str> = config.periods.iter().map(|p| p.id.as_str()).collect();
                    problems.push(
                        problem
                            .at(shown, line, col)
                            .with_hint(Id::TargetPlanPeriodOrYearHint)
                            .arg("ids", ids.join(", ")),
                    );
                    ok = false;
                    None
                }
            },
        };
        let baseline = match &spec.baseline {
            None => None,
            Some(b) => match Period::read(&b.period) {
                Ok(p) => Some((p, b.value)),
                Err(problem) => {
                    let (line, col) = position(&b.period, n);
                    problems.push(problem.at(shown, line, col).with_hint(Id::BaselineHint));
                    ok = false;
                    None
                }
            },
        };
        if spec.kind == TargetKind::Ratio && spec.value <= 0.0 {
            let (line, col) = position("value", n);
            problems.push(
                Diagnostic::error(shown, line, col, Id::RatioTargetNotPositive)
                    .with_hint(Id::RatioTargetHint),
            );
            ok = false;
        }
        if let (true, Some(area), Some(due)) = (ok, area, due) {
            targets.push(Target {
                area,
                due,
                kind: spec.kind,
                value: spec.value,
                baseline,
                note: normalize(spec.note),
            });
        }
    }
    let (identity, identity_line) = match &meta.identity {
        None => (Vec::new(), 0),
        Some(text) => {
            let (line, col) = value_position(front, first_line, text, 0);
            match parse_identity(text) {
                Ok(terms) => (terms, line),
                Err(problem) => {
                    problems.push(problem.at(shown, line, col).with_hint(Id::IdentityHint));
                    (Vec::new(), 0)
                }
            }
        }
    };
    Indicator {
        id: id.to_string(),
        source_file: shown.to_path_buf(),
        title: normalize(meta.title),
        unit: normalize(meta.unit),
        direction: meta.direction,
        decimals: meta.decimals.min(6),
        summary: normalize(meta.summary),
        source: normalize(meta.source),
        progress: meta.progress,
        standard: meta.standard.map(|s| normalize(s.trim().to_string())),
        identity,
        identity_line,
        aggregate,
        aggregate_line,
        targets,
        html: String::new(),
    }
}

/// Checks `aggregate` and `ratio`: at most one of them, `aggregate` only `"sum"`, a ratio's
/// factor above 0 and its two ids well formed (that they name indicators is checked once all
/// are loaded). Returns the rule and the line it was written on.
fn aggregate(
    meta: &IndicatorMeta,
    front: &str,
    first_line: usize,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (Aggregate, usize) {
    let at = |key: &str| key_position(front, first_line, key);
    match (&meta.aggregate, &meta.ratio) {
        (None, None) => (Aggregate::None, 0),
        (Some(_), Some(_)) => {
            let (line, col) = at("ratio");
            problems.push(
                Diagnostic::error(shown, line, col, Id::AggregateAndRatio)
                    .with_hint(Id::AggregateAndRatioHint),
            );
            (Aggregate::None, line)
        }
        (Some(rule), None) => {
            let (line, col) = at("aggregate");
            if rule == "sum" {
                (Aggregate::Sum, line)
            } else {
                problems.push(
                    Diagnostic::error(shown, line, col, Id::UnknownAggregate)
                        .arg("rule", rule)
                        .with_hint(Id::UnknownAggregateHint),
                );
                (Aggregate::None, line)
            }
        }
        (None, Some(ratio)) => {
            let (line, col) = at("ratio");
            let ids_ok = [&ratio.numerator, &ratio.denominator]
                .iter()
                .all(|id| is_simple_id(id));
            if !ids_ok
                || ratio.factor.is_nan()
                || ratio.factor <= 0.0
                || ratio.numerator == ratio.denominator
            {
                problems.push(
                    Diagnostic::error(shown, line, col, Id::RatioBad).with_hint(Id::RatioBadHint),
                );
                return (Aggregate::None, line);
            }
            (
                Aggregate::Ratio {
                    numerator: ratio.numerator.clone(),
                    denominator: ratio.denominator.clone(),
                    factor: ratio.factor,
                },
                line,
            )
        }
    }
}

/// Line and column of the value of a top-level `key = …` line of the front matter (before any
/// `[[targets]]`); the first line of the front matter when it is not found.
fn key_position(front: &str, first_line: usize, key: &str) -> (usize, usize) {
    for (n, line) in front.lines().enumerate() {
        if line.trim_start().starts_with("[[") {
            break;
        }
        let Some(rest) = line.trim_start().strip_prefix(key) else {
            continue;
        };
        if let Some(value) = rest.trim_start().strip_prefix('=') {
            let col = line.chars().count() - value.trim_start().chars().count() + 1;
            return (first_line + n, col);
        }
    }
    (first_line, 1)
}

/// Parses `a - b + c` into signed terms; the problem has no place yet (see
/// [`Diagnostic::at`]).
pub fn parse_identity(text: &str) -> Result<Vec<Term>, Diagnostic> {
    let mut terms = Vec::new();
    let mut sign = 1;
    let mut expect_term = true;
    for token in text.split_whitespace() {
        match (token, expect_term) {
            ("+", false) => {
                sign = 1;
                expect_term = true;
            }
            ("-", false) => {
                sign = -1;
                expect_term = true;
            }
            (id, true) if is_simple_id(id) => {
                terms.push(Term {
                    sign,
                    indicator: id.to_string(),
                });
                expect_term = false;
            }
            _ => {
                return Err(Diagnostic::unplaced(Id::IdentityUnreadable)
                    .arg("text", text)
                    .arg("token", token));
            }
        }
    }
    if expect_term || terms.is_empty() {
        return Err(Diagnostic::unplaced(Id::IdentityIncomplete).arg("text", text));
    }
    Ok(terms)
}

/// Line and column of `needle` (quoted or bare) inside the `n`-th `[[targets]]` table, or
/// anywhere when there is no such table; falls back to the first line of the front matter.
fn value_position(front: &str, first_line: usize, needle: &str, n: usize) -> (usize, usize) {
    let start = front
        .match_indices("[[targets]]")
        .nth(n)
        .map_or(0, |(i, _)| i);
    let after = front[start..]
        .chars()
        .next()
        .map_or(front.len(), |c| start + c.len_utf8());
    let end = front[after..]
        .find("[[targets]]")
        .map_or(front.len(), |i| after + i);
    let section = &front[start..end];
    let found = section
        .find(&format!("\"{needle}\""))
        .or_else(|| section.find(needle));
    match found {
        Some(offset) => {
            let (line, col) = diagnostics::line_col(front, start + offset);
            (line + first_line - 1, col)
        }
        None => (first_line, 1),
    }
}

/// Loads every `content/indicators/*.md` file (sorted by name), in parallel.
pub fn load_all(
    root: &Path,
    files: &[PathBuf],
    config: &SiteConfig,
    areas: &Areas,
) -> (Vec<Indicator>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let results: Vec<(Option<Indicator>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let shown = diagnostics::relative(root, path);
            let mut problems = Vec::new();
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let indicator = crate::text::read_text(path, &shown)
                .and_then(|text| {
                    let split = crate::content::frontmatter::split(&text, &shown)?;
                    let meta: IndicatorMeta = crate::content::frontmatter::parse(&split, &shown)?;
                    let mut indicator = build_indicator(
                        &id,
                        meta,
                        split.front,
                        split.front_line,
                        &shown,
                        config,
                        areas,
                        &mut problems,
                    );
                    indicator.html = crate::content::markdown::render(split.body).html;
                    Ok(indicator)
                })
                .map_err(|e| problems.push(e))
                .ok();
            (indicator, problems)
        })
        .collect();
    let mut indicators = Vec::new();
    let mut problems = Vec::new();
    for (indicator, mut found) in results {
        indicators.extend(indicator);
        problems.append(&mut found);
    }
    indicators.sort_by(|a, b| a.id.cmp(&b.id));
    (indicators, problems)
}

#[cfg(test)]
impl Indicator {
    /// `ty-le-ho-ngheo`, in per cent with two decimals and no targets, for unit tests.
    pub(crate) fn sample() -> Indicator {
        let front =
            "title = \"Tỷ lệ hộ nghèo\"\nunit = \"%\"\ndirection = \"down\"\ndecimals = 2\n";
        build_indicator(
            "ty-le-ho-ngheo",
            toml::from_str(front).unwrap(),
            front,
            2,
            Path::new("content/indicators/ty-le-ho-ngheo.md"),
            &tests::config(),
            &tests::areas(),
            &mut Vec::new(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::language::Language;

    #[test]
    fn targets_keep_the_decimals_they_were_written_with() {
        let target = |kind, value, baseline| Target {
            area: 0,
            due: Due::Single(Period::Year(2030)),
            kind,
            value,
            baseline,
            note: String::new(),
        };
        let level = target(TargetKind::Level, 7.25, Some((Period::Year(2015), 14.5)));
        assert_eq!(level.level_decimals(1), 2, "7.25 stays 7.25");
        assert_eq!(
            level.level_decimals(3),
            3,
            "never fewer than the indicator's"
        );
        assert_eq!(target(TargetKind::Level, 7.0, None).level_decimals(1), 1);
        let change = target(TargetKind::Change, -1.5, Some((Period::Year(2015), 10.51)));
        assert_eq!(change.level_decimals(1), 2, "the baseline's two decimals");
        let ratio = target(TargetKind::Ratio, 0.125, Some((Period::Year(2015), 10.5)));
        assert_eq!(
            ratio.level_decimals(1),
            1,
            "a ratio's own decimals are not the level's"
        );
        assert_eq!(written_decimals(0.1 + 0.2, 1), 6, "at most six");
    }

    pub(super) fn config() -> SiteConfig {
        crate::config::parse(
            "title = \"t\"\nbase_url = \"https://x.vn\"\n[[periods]]\nid = \"2016-2020\"\ntitle = \"a\"\nstart = 2016\nend = 2020\n",
            Path::new("site.toml"),
        )
        .unwrap()
    }

    pub(super) fn areas() -> Areas {
        crate::data::areas::parse(
            "id,name,parent,level\nquan-11,Quận 11,,quan\nphu-loc,Phú Lộc,,huyen\n",
            Path::new("a.csv"),
            &mut Vec::new(),
        )
    }

    const FRONT: &str = "title = \"Tỷ lệ hộ nghèo\"\nunit = \"%\"\ndirection = \"down\"\ndecimals = 2\n\
        [[targets]]\narea = \"phu-loc\"\nperiod = \"2016-2020\"\nbaseline = { period = \"2015\", value = 10.51 }\nvalue = 4.85\n\
        [[targets]]\narea = \"quan-12\"\nperiod = \"2017\"\nvalue = -1.39\nkind = \"change\"\n\
        [[targets]]\narea = \"phu-loc\"\nperiod = \"2021–2025\"\nvalue = 3\n";

    #[test]
    fn targets_are_resolved_and_bad_ones_reported_at_their_line() {
        let meta: IndicatorMeta = toml::from_str(FRONT).unwrap();
        let mut problems = Vec::new();
        let indicator = build_indicator(
            "ty-le-ho-ngheo",
            meta,
            FRONT,
            2,
            Path::new("content/indicators/ty-le-ho-ngheo.md"),
            &config(),
            &areas(),
            &mut problems,
        );
        assert_eq!(indicator.targets.len(), 1);
        let t = &indicator.targets[0];
        assert_eq!(
            (t.area, t.due, t.baseline),
            (1, Due::Plan(0), Some((Period::Year(2015), 10.51)))
        );
        let texts: Vec<String> = problems.iter().map(|p| p.text(Language::En)).collect();
        let shown: Vec<(usize, usize, &str)> = problems
            .iter()
            .zip(&texts)
            .map(|(p, text)| (p.line, p.col, text.as_str()))
            .collect();
        assert_eq!(shown[0], (12, 8, "unknown area `quan-12`"));
        assert_eq!(
            problems[0].hint_text(Language::En).as_deref(),
            Some("did you mean `quan-11`? Areas are listed in content/areas.csv")
        );
        assert_eq!((shown[1].0, shown[1].1), (18, 10));
        assert!(
            problems[1]
                .hint_text(Language::En)
                .as_deref()
                .unwrap()
                .contains("2016-2020")
        );
    }

    #[test]
    fn aggregate_and_ratio_are_checked_at_their_line() {
        let build = |front: &str| {
            let mut problems = Vec::new();
            let indicator = build_indicator(
                "ty-le",
                toml::from_str(front).unwrap(),
                front,
                2,
                Path::new("content/indicators/ty-le.md"),
                &config(),
                &areas(),
                &mut problems,
            );
            (indicator.aggregate, indicator.aggregate_line, problems)
        };
        let head = "title = \"t\"\ndirection = \"down\"\n";
        let (rule, line, problems) = build(&format!("{head}aggregate = \"sum\"\n"));
        assert_eq!((rule, line, problems.len()), (Aggregate::Sum, 4, 0));
        let (rule, _, problems) = build(&format!(
            "{head}ratio = {{ numerator = \"ngheo\", denominator = \"ho\" }}\n"
        ));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            rule,
            Aggregate::Ratio {
                numerator: "ngheo".into(),
                denominator: "ho".into(),
                factor: 100.0
            },
            "per cent by default"
        );
        let (rule, _, problems) = build(&format!("{head}aggregate = \"mean\"\n"));
        assert_eq!(rule, Aggregate::None);
        assert_eq!((problems[0].line, problems[0].col), (4, 13));
        assert!(
            problems[0]
                .hint_text(Language::En)
                .unwrap()
                .contains("never averaged")
        );
        let (_, _, problems) = build(&format!(
            "{head}aggregate = \"sum\"\nratio = {{ numerator = \"a\", denominator = \"a\" }}\n"
        ));
        assert_eq!(problems[0].line, 5);
    }

    #[test]
    fn identities_parse_with_signs() {
        let terms =
            parse_identity("so-ho-ngheo-dau-nam - so-ho-thoat-ngheo + so-ho-ngheo-moi").unwrap();
        let signs: Vec<i8> = terms.iter().map(|t| t.sign).collect();
        assert_eq!(signs, [1, -1, 1]);
        assert!(parse_identity("a -b").is_err());
        assert!(parse_identity("a -").is_err());
        assert!(parse_identity("").is_err());
    }
}
