//! Geometry tests of the SVG charts: the SVG is parsed and its coordinates are mapped back to
//! the data through the scale read from the axis labels.

mod labels;
mod map;
mod other;
mod support;
mod trend;
