//! The site's pages: the home page, articles and standalone pages, the lists of articles and
//! the indexes of tags, months, areas and periods, search, the Atom feed, the sitemap,
//! robots.txt and the redirects of aliases. Each is a method of the
//! [`Renderer`](crate::render::Renderer) that fills a page's context and names its template
//! and address; the statistics on the home, area and period pages come from
//! [`crate::report`].

mod documents;
mod lists;
pub mod search;
mod site_files;

pub use lists::List;
pub use site_files::{SITEMAP_URLS, sitemap_urls};
