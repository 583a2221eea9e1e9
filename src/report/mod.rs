//! The statistics pages: the indicator index, each indicator's page with the comparison of its
//! areas, the page of an indicator in an area (drill-down by the area tree), the
//! reporting-status page, the open data (CSV, JSON, the data package), and the statistics shown
//! on the home, area and period pages. Each page is a method of the
//! [`Renderer`](crate::render::Renderer).

pub mod drill;
mod indicators;
pub mod opendata;
