//! Loading the statistical side of a site: areas, periods, indicators and observations.

pub mod areas;
pub mod boundaries;
pub mod indicator_files;
pub mod indicators;
pub mod numbers;
pub mod observations;
pub mod period;
pub mod store;
