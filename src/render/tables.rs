//! Series data tables (an indicator's values in one area), rendered once per build from the
//! theme's `series_table.html` and shown by every page that needs them: the indicator's page
//! and the area's page both show the same table. Pages get a token in its place (see
//! [`super::tokens`]), replaced by the table after the page is rendered; a page's fingerprint
//! covers the table through the series' values and the template's fingerprint.

use std::sync::OnceLock;

use super::statistics::Format;
use super::templates::Templates;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Hasher;

/// The template a series table is rendered with.
pub const TEMPLATE: &str = "series_table.html";

/// Every series table of the site, each rendered when a page first needs it.
pub struct Tables {
    /// (indicator, area) pairs with data, sorted (the statistics' keys).
    keys: Vec<(u32, u32)>,
    /// Per key, its table once rendered (or why it could not be): UTF-8, as Tera writes it.
    html: Vec<OnceLock<Result<Vec<u8>, Diagnostic>>>,
}

impl Tables {
    /// One empty slot per series; nothing is rendered yet.
    pub fn new(format: &Format<'_>) -> Tables {
        let keys = format.site.stats.observations.keys().to_vec();
        let html = keys.iter().map(|_| OnceLock::new()).collect();
        Tables { keys, html }
    }

    /// The table of indicator `i` in area `a`, rendered now if it was not yet; `None` when
    /// the series does not exist.
    pub fn html(
        &self,
        i: usize,
        a: usize,
        format: &Format<'_>,
        templates: &Templates,
    ) -> Option<Result<&[u8], Diagnostic>> {
        let key = (u32::try_from(i).ok()?, u32::try_from(a).ok()?);
        let slot = &self.html[self.keys.binary_search(&key).ok()?];
        let made = slot.get_or_init(|| {
            let site = format.site;
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
            context.insert(
                "rows",
                &format.rows(indicator, site.stats.observations.series(i, a)),
            );
            // Kept to the end of the build: without the buffer's spare room.
            templates.render_bytes(TEMPLATE, &context).map(|mut bytes| {
                bytes.shrink_to_fit();
                bytes
            })
        });
        Some(made.as_deref().map_err(Clone::clone))
    }

    /// Feeds into `h` everything the table of indicator `i` in area `a` is made from but the
    /// globals: the series' values and the template.
    pub fn feed(h: &mut Hasher, i: usize, a: usize, format: &Format<'_>, templates: &Templates) {
        let site = format.site;
        let indicator = &site.stats.indicators[i];
        h.str(&indicator.title)
            .str(&site.areas.all()[a].name)
            .fingerprint(templates.fingerprint(TEMPLATE));
        Format::feed_rows(h, indicator, site.stats.observations.series(i, a));
    }
}
