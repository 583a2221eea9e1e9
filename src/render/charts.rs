//! The site's charts, drawn only when something needs them.
//!
//! Before any page is rendered, the input of every chart (trend per indicator and area,
//! comparison of sub-areas, progress bar per target) is gathered and fingerprinted. Pages get a
//! short **token** in place of each chart, which carries the chart's fingerprint, so a page's
//! own fingerprint changes whenever one of its charts does. After a page is rendered, its
//! tokens are replaced by the SVG, drawn at most once per build however many pages show it.
//! A page or chart file kept from the previous build therefore costs no drawing at all.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::statistics::{BarInput, ComparisonInput, Format, TrendInput, ValueRow};
use crate::fingerprint::Fingerprint;

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChartKey {
    /// Indicator over time in one area.
    Trend(usize, usize),
    /// Latest values of an area's sub-areas.
    Comparison(usize, usize),
    /// Progress bar of one target (its index in the site's progress list).
    Bar(usize),
}

enum Input {
    Trend(TrendInput),
    Comparison(ComparisonInput),
    Bar(BarInput),
}

/// A chart's input, its fingerprint, and its SVG once drawn.
struct Lazy {
    input: Input,
    fingerprint: Fingerprint,
    svg: OnceLock<String>,
}

impl Lazy {
    fn new(input: Input, format: &Format<'_>) -> Lazy {
        let fingerprint = match &input {
            Input::Trend(t) => t.fingerprint(format),
            Input::Comparison(c) => c.fingerprint(format),
            Input::Bar(b) => b.fingerprint(),
        };
        Lazy {
            input,
            fingerprint,
            svg: OnceLock::new(),
        }
    }

    fn svg(&self, format: &Format<'_>) -> &str {
        self.svg.get_or_init(|| match &self.input {
            Input::Trend(t) => t.draw(format),
            Input::Comparison(c) => c.draw(format),
            Input::Bar(b) => b.draw(),
        })
    }
}

/// Every chart of the site.
pub struct Charts {
    trends: BTreeMap<(usize, usize), Lazy>,
    comparisons: BTreeMap<(usize, usize), (Lazy, Vec<ValueRow>)>,
    bars: Vec<Lazy>,
    drawn: std::sync::atomic::AtomicUsize,
}

impl Charts {
    /// Gathers the input of every chart, in parallel. Nothing is drawn yet.
    pub fn new(format: &Format<'_>) -> Charts {
        let site = format.site;
        let stats = &site.stats;
        let mut pairs: Vec<(usize, usize)> = stats
            .observations
            .keys()
            .iter()
            .map(|&(i, a)| (i as usize, a as usize))
            .collect();
        pairs.extend(stats.progress.iter().map(|p| (p.indicator, p.area)));
        pairs.sort_unstable();
        pairs.dedup();
        let trends = pairs
            .par_iter()
            .map(|&(i, a)| ((i, a), Lazy::new(Input::Trend(format.trend(i, a)), format)))
            .collect();
        let parents: Vec<usize> = (0..site.areas.all().len())
            .filter(|&a| site.areas.children_of(a).next().is_some())
            .collect();
        let parent_pairs: Vec<(usize, usize)> = (0..stats.indicators.len())
            .flat_map(|i| parents.iter().map(move |&p| (i, p)))
            .collect();
        let comparisons = parent_pairs
            .par_iter()
            .filter_map(|&(i, p)| {
                let comparison = format.comparison(i, p)?;
                let lazy = Lazy::new(Input::Comparison(comparison.input), format);
                Some(((i, p), (lazy, comparison.rows)))
            })
            .collect();
        let bars = stats
            .progress
            .par_iter()
            .map(|p| Lazy::new(Input::Bar(format.bar(p)), format))
            .collect();
        Charts {
            trends,
            comparisons,
            bars,
            drawn: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn get(&self, key: ChartKey) -> Option<&Lazy> {
        match key {
            ChartKey::Trend(i, a) => self.trends.get(&(i, a)),
            ChartKey::Comparison(i, p) => self.comparisons.get(&(i, p)).map(|(lazy, _)| lazy),
            ChartKey::Bar(p) => self.bars.get(p),
        }
    }

    /// The trend charts, by (indicator, area).
    pub fn trend_keys(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.trends.keys().copied()
    }

    /// The comparison charts, by (indicator, parent area).
    pub fn comparison_keys(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.comparisons.keys().copied()
    }

    /// The comparisons of indicator `i`: parent area and table rows.
    pub fn comparisons_of(&self, i: usize) -> impl Iterator<Item = (usize, &[ValueRow])> + '_ {
        self.comparisons
            .range((i, 0)..(i + 1, 0))
            .map(|(&(_, parent), (_, rows))| (parent, rows.as_slice()))
    }

    /// The fingerprint of a chart's input.
    pub fn fingerprint(&self, key: ChartKey) -> Option<Fingerprint> {
        self.get(key).map(|lazy| lazy.fingerprint)
    }

    /// The chart's SVG, drawn now if it was not yet.
    pub fn svg(&self, key: ChartKey, format: &Format<'_>) -> Option<&str> {
        let lazy = self.get(key)?;
        if lazy.svg.get().is_none() {
            self.drawn
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Some(lazy.svg(format))
    }

    /// How many charts were drawn so far.
    pub fn drawn(&self) -> usize {
        self.drawn.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// What a page gets in place of a chart (empty when there is no such chart). The token
    /// carries the chart's fingerprint, so pages that show a changed chart change too.
    pub fn token(&self, key: ChartKey) -> String {
        self.fingerprint(key)
            .map(|fingerprint| super::tokens::chart(key, fingerprint))
            .unwrap_or_default()
    }
}
