//! Expands the shortcode tokens left in a document's HTML, each through its own template
//! (`shortcodes/chart.html`, `table.html`, `progress.html`, `value.html`).

use tera::Context;

use super::Renderer;
use super::charts::ChartKey;
use super::statistics::format_value;
use crate::content::Document;
use crate::content::shortcodes::{ShortcodeKind, token};
use crate::data::indicators::Due;
use crate::data::period::Period;
use crate::diagnostics::{Diagnostic, Id};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::render::routes;

impl Renderer<'_> {
    /// A document's body as its page shows it, and the fingerprint of that: the document's
    /// HTML with every shortcode replaced by its rendering (a block shortcode replaces the whole
    /// paragraph Markdown wrapped it in). With `fill` false only the fingerprint is computed,
    /// from the Markdown's fingerprint and the shortcodes' renderings, without making the HTML.
    pub(crate) fn body(
        &self,
        document: &Document,
        fill: bool,
    ) -> Result<(Fingerprint, String), Diagnostic> {
        let mut hasher = Hasher::new();
        hasher.fingerprint(document.body_fingerprint);
        let mut rendered = Vec::with_capacity(document.shortcodes.len());
        for (n, code) in document.shortcodes.iter().enumerate() {
            let html = self.render_shortcode(document, n).map_err(|e| Diagnostic {
                path: document.source.clone(),
                line: code.line,
                col: code.col,
                ..e
            })?;
            hasher.str(&html);
            rendered.push(html);
        }
        if !fill {
            return Ok((hasher.finish(), String::new()));
        }
        let mut html = document.take_html();
        for ((n, code), rendered) in document.shortcodes.iter().enumerate().zip(rendered) {
            let token = token(n);
            let block = format!("<p>{token}</p>");
            html = if code.kind.is_block() && html.contains(&block) {
                html.replacen(&block, &rendered, 1)
            } else {
                html.replacen(&token, rendered.trim(), 1)
            };
        }
        Ok((hasher.finish(), html))
    }

    fn render_shortcode(&self, document: &Document, n: usize) -> Result<String, Diagnostic> {
        let site = self.site;
        let code = &document.shortcodes[n];
        let missing = || {
            Diagnostic::error(
                &document.source,
                code.line,
                code.col,
                Id::ShortcodeDataMissing,
            )
        };
        let i = site
            .stats
            .indicator_index(&code.indicator)
            .ok_or_else(missing)?;
        let a = site.areas.index_of(&code.area).ok_or_else(missing)?;
        let indicator = &site.stats.indicators[i];
        let format = self.format();
        let mut context = Context::new();
        context.insert("indicator", &format.indicator_link(i));
        context.insert("area", &format.area_link(a));
        let template = match code.kind {
            ShortcodeKind::Chart | ShortcodeKind::Table => {
                context.insert(
                    "chart",
                    &if code.kind == ShortcodeKind::Chart {
                        self.charts.token(ChartKey::Trend(i, a))
                    } else {
                        String::new()
                    },
                );
                context.insert(
                    "svg",
                    &routes::chart_file(&site.sections, &indicator.id, &site.areas.all()[a].id),
                );
                context.insert(
                    "csv",
                    &routes::data_file(&site.sections, &indicator.id, "csv"),
                );
                context.insert(
                    "rows",
                    &format.rows(indicator, site.stats.observations.series(i, a)),
                );
                if code.kind == ShortcodeKind::Chart {
                    "shortcodes/chart.html"
                } else {
                    "shortcodes/table.html"
                }
            }
            ShortcodeKind::Progress => {
                let wanted = code.period.as_deref();
                let views: Vec<_> = site.stats.progress_by_area[a]
                    .iter()
                    .copied()
                    .filter(|&p| {
                        let p = &site.stats.progress[p];
                        p.indicator == i
                            && wanted.is_none_or(|w| match indicator.targets[p.target].due {
                                Due::Plan(k) => site.config.periods[k].id == w,
                                Due::Single(period) => period.to_string() == w,
                            })
                    })
                    .map(|p| self.progress(p))
                    .collect();
                context.insert("targets", &views);
                "shortcodes/progress.html"
            }
            ShortcodeKind::Value => {
                let period = code
                    .period
                    .as_deref()
                    .and_then(|p| Period::read(p).ok())
                    .ok_or_else(missing)?;
                let observation = site
                    .stats
                    .observations
                    .value_at(i, a, period)
                    .ok_or_else(missing)?;
                context.insert(
                    "value",
                    &format_value(observation.value, indicator, site.config.language),
                );
                context.insert("period", &format.period(period));
                context.insert("url", &routes::indicator(&site.sections, &indicator.id));
                "shortcodes/value.html"
            }
        };
        self.templates.render(template, &context)
    }
}
