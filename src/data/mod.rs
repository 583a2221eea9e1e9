//! Loading the statistical side of a site: areas, periods, indicators and observations.

pub mod areas;
pub mod period;
