//! baocao: a static reporting-site generator for poverty-reduction plans and statistics.
//!
//! Content flows one way: **load → model → render → write**.

pub mod charts;
pub mod config;
pub mod data;
pub mod diagnostics;
