//! The site's charts, drawn only when something needs them.
//!
//! Before any page is rendered, the input of every chart (trend and sparkline per indicator
//! and area, progress bar per target) is gathered and fingerprinted. Pages get a short
//! **token** in place of each chart, which carries the chart's fingerprint, so a page's own
//! fingerprint changes whenever one of its charts does. After a page is rendered, its tokens
//! are replaced by the SVG. Sparklines and bars, small and shown on several pages, are drawn
//! at most once per build and kept; a trend chart, large and shown on its own page and in its
//! standalone file (and on the indicator's page for a top-level area), is drawn for each use
//! and not kept, so that memory does not grow with the number of series (200,000 at national
//! scale). A page or chart file kept from the previous build costs no drawing at all.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::chart_inputs::{BarInput, TrendInput};
use super::statistics::Format;
use crate::fingerprint::Fingerprint;

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChartKey {
    /// Indicator over time in one area.
    Trend(usize, usize),
    /// The same series as a word-sized line, for comparisons and tables.
    Sparkline(usize, usize),
    /// Progress bar of one target (its index in the site's progress list).
    Bar(usize),
}

/// One series' charts: the trend's input and fingerprint, the sparkline's fingerprint, and
/// the sparkline once drawn.
struct Series {
    input: TrendInput,
    trend: Fingerprint,
    spark: Fingerprint,
    sparkline: OnceLock<String>,
}

/// A progress bar's input, its fingerprint, and its SVG once drawn.
struct Bar {
    input: BarInput,
    fingerprint: Fingerprint,
    svg: OnceLock<String>,
}

/// Every chart of the site.
pub struct Charts {
    series: BTreeMap<(usize, usize), Series>,
    bars: Vec<Bar>,
    drawn: AtomicUsize,
}

impl Charts {
    /// Gathers the input of every chart, in parallel. Nothing is drawn yet.
    pub fn new(format: &Format<'_>) -> Charts {
        let stats = &format.site.stats;
        let mut pairs: Vec<(usize, usize)> = stats
            .observations
            .keys()
            .iter()
            .map(|&(i, a)| (i as usize, a as usize))
            .collect();
        pairs.extend(stats.progress.iter().map(|p| (p.indicator, p.area)));
        pairs.sort_unstable();
        pairs.dedup();
        let series = pairs
            .par_iter()
            .map(|&(i, a)| {
                let input = format.trend(i, a);
                let series = Series {
                    trend: input.fingerprint(format),
                    spark: input.sparkline_fingerprint(),
                    input,
                    sparkline: OnceLock::new(),
                };
                ((i, a), series)
            })
            .collect();
        let bars = stats
            .progress
            .par_iter()
            .map(|p| {
                let input = format.bar(p);
                Bar {
                    fingerprint: input.fingerprint(),
                    input,
                    svg: OnceLock::new(),
                }
            })
            .collect();
        Charts {
            series,
            bars,
            drawn: AtomicUsize::new(0),
        }
    }

    /// The (indicator, area) pairs that have a series (values or a target), sorted: each has
    /// a trend chart, a sparkline and a page of its own.
    pub fn series_keys(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.series.keys().copied()
    }

    /// The areas with a series of indicator `i`, in area order.
    pub fn areas_of(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.series.range((i, 0)..(i + 1, 0)).map(|(&(_, a), _)| a)
    }

    /// Whether indicator `i` has a series in area `a`.
    pub fn has_series(&self, i: usize, a: usize) -> bool {
        self.series.contains_key(&(i, a))
    }

    /// The fingerprint of a chart's input.
    pub fn fingerprint(&self, key: ChartKey) -> Option<Fingerprint> {
        match key {
            ChartKey::Trend(i, a) => self.series.get(&(i, a)).map(|s| s.trend),
            ChartKey::Sparkline(i, a) => self.series.get(&(i, a)).map(|s| s.spark),
            ChartKey::Bar(p) => self.bars.get(p).map(|b| b.fingerprint),
        }
    }

    /// The chart's SVG: a trend chart drawn now, a sparkline or bar drawn now if it was not
    /// yet.
    pub fn svg(&self, key: ChartKey, format: &Format<'_>) -> Option<Cow<'_, str>> {
        match key {
            ChartKey::Trend(i, a) => {
                let series = self.series.get(&(i, a))?;
                self.drawn.fetch_add(1, Ordering::Relaxed);
                Some(Cow::Owned(series.input.draw(format)))
            }
            ChartKey::Sparkline(i, a) => {
                let series = self.series.get(&(i, a))?;
                Some(Cow::Borrowed(
                    self.once(&series.sparkline, || series.input.draw_sparkline()),
                ))
            }
            ChartKey::Bar(p) => {
                let bar = self.bars.get(p)?;
                Some(Cow::Borrowed(self.once(&bar.svg, || bar.input.draw())))
            }
        }
    }

    /// The chart kept in `lock`, drawn now if it was not yet.
    fn once<'s>(&self, lock: &'s OnceLock<String>, draw: impl FnOnce() -> String) -> &'s str {
        if lock.get().is_none() {
            self.drawn.fetch_add(1, Ordering::Relaxed);
        }
        lock.get_or_init(draw)
    }

    /// How many charts were drawn so far.
    pub fn drawn(&self) -> usize {
        self.drawn.load(Ordering::Relaxed)
    }

    /// What a page gets in place of a chart (empty when there is no such chart). The token
    /// carries the chart's fingerprint, so pages that show a changed chart change too.
    pub fn token(&self, key: ChartKey) -> String {
        self.fingerprint(key)
            .map(|fingerprint| super::tokens::chart(key, fingerprint))
            .unwrap_or_default()
    }
}
