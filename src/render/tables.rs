//! Series data tables (an indicator's values in one area), rendered from the theme's
//! `series_table.html` when a page needs one: the indicator's page for the area, and the
//! indicator's page for a top-level area. A table is not kept after its page (there is one per
//! series: 200,000 at national scale). Pages get a token in its place (see [`super::tokens`]),
//! replaced by the table after the page is rendered; a page's fingerprint covers the table
//! through the series' values and the template's fingerprint.

use super::statistics::Format;
use super::templates::Templates;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Hasher;

/// The template a series table is rendered with.
pub const TEMPLATE: &str = "series_table.html";

/// The table of indicator `i` in area `a`; `None` when the series does not exist.
pub fn html(
    i: usize,
    a: usize,
    format: &Format<'_>,
    templates: &Templates,
) -> Option<Result<Vec<u8>, Diagnostic>> {
    let site = format.site;
    let series = site.stats.observations.series(i, a);
    if series.is_empty() {
        return None;
    }
    let indicator = &site.stats.indicators[i];
    let mut context = tera::Context::new();
    context.insert("indicator", &format.indicator_link(i));
    context.insert("area", &format.area_link(a));
    context.insert(
        "caption",
        &[
            indicator.title.as_str(),
            " – ",
            site.areas.all()[a].name.as_str(),
        ]
        .concat(),
    );
    context.insert("rows", &format.rows(indicator, series));
    Some(templates.render_bytes(TEMPLATE, &context))
}

/// Feeds into `h` everything the table of indicator `i` in area `a` is made from but the
/// globals: the series' values and the template.
pub fn feed(h: &mut Hasher, i: usize, a: usize, format: &Format<'_>, templates: &Templates) {
    let site = format.site;
    let series = site.stats.observations.series(i, a);
    if series.is_empty() {
        // No table: the token stays as it is.
        return;
    }
    let indicator = &site.stats.indicators[i];
    h.str(&indicator.title)
        .str(&site.areas.all()[a].name)
        .fingerprint(templates.fingerprint(TEMPLATE));
    Format::feed_rows(h, indicator, series);
}
