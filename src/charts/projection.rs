//! Where the map's outlines go: an equirectangular projection squeezed by the cosine of the
//! middle latitude, fitted to the areas shown, and the outlines simplified and rounded to a
//! tenth of a unit so that the paths stay light.

use geo::{Coord, LineString, Simplify};

use super::style::WIDTH;
use super::svg::num;
use crate::data::boundaries::Shape;

/// The greatest height of the map itself (without the legend), in user units: areas taller
/// than wide are fitted into a square.
pub const MAX_MAP_HEIGHT: f64 = 480.0;
/// The tolerance of the simplification, in user units: half a unit, a tenth of a CSS pixel
/// or less at any width the map is shown at, so the simplification cannot be seen.
pub const TOLERANCE: f64 = 0.5;
/// Empty space around the map, for the outlines.
pub(super) const PAD: f64 = 2.0;

/// Every finite coordinate of a shape.
pub(super) fn coords(shape: &Shape) -> impl Iterator<Item = Coord<f64>> + '_ {
    shape
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|ring| ring.0.iter().copied())
        .filter(|c| c.x.is_finite() && c.y.is_finite())
}

/// Longitude/latitude to user units of the map.
pub(super) struct Projection {
    west: f64,
    north: f64,
    /// User units per degree of latitude.
    scale: f64,
    /// The shrinking of longitude: the cosine of the middle latitude.
    squeeze: f64,
    /// Where the westernmost point goes.
    left: f64,
    /// The height of the map itself.
    pub(super) height: f64,
}

impl Projection {
    /// The projection that fits every coordinate `all` gives, or `None` without any.
    pub(super) fn fit<I: Iterator<Item = Coord<f64>>>(all: impl Fn() -> I) -> Option<Projection> {
        let (mut west, mut east, mut south, mut north) = (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        );
        for c in all() {
            (west, east) = (west.min(c.x), east.max(c.x));
            (south, north) = (south.min(c.y), north.max(c.y));
        }
        if west > east || south > north {
            return None;
        }
        let squeeze = ((south + north) / 2.0).to_radians().cos().clamp(0.05, 1.0);
        let (width, height) = ((east - west) * squeeze, north - south);
        let (room_x, room_y) = (WIDTH - 2.0 * PAD, MAX_MAP_HEIGHT - 2.0 * PAD);
        let scale = match (width > 0.0, height > 0.0) {
            (true, true) => (room_x / width).min(room_y / height),
            (true, false) => room_x / width,
            (false, true) => room_y / height,
            (false, false) => 1.0,
        };
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        Some(Projection {
            west,
            north,
            scale,
            squeeze,
            left: (WIDTH - width * scale) / 2.0,
            height: height * scale + 2.0 * PAD,
        })
    }

    pub(super) fn point(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: self.left + (c.x - self.west) * self.squeeze * self.scale,
            y: PAD + (self.north - c.y) * self.scale,
        }
    }

    pub(super) fn project(&self, ring: &LineString<f64>) -> LineString<f64> {
        ring.0
            .iter()
            .filter(|c| c.x.is_finite() && c.y.is_finite())
            .map(|&c| self.point(c))
            .collect()
    }

    /// The `d` of an area: every ring that survives simplification, as `M x,y x,y …Z`.
    pub(super) fn path(&self, shape: &Shape) -> String {
        let mut d = String::new();
        for polygon in &shape.0 {
            let exterior = simplified(&self.project(polygon.exterior()));
            if exterior.len() < 3 {
                continue;
            }
            push_ring(&mut d, &exterior);
            for hole in polygon.interiors() {
                let hole = simplified(&self.project(hole));
                if hole.len() >= 3 {
                    push_ring(&mut d, &hole);
                }
            }
        }
        if d.is_empty() {
            // Too small to simplify: the largest outline as it is, or a square where it is.
            let largest = shape.0.iter().max_by_key(|p| p.exterior().0.len());
            let ring = largest.map_or_else(Vec::new, |p| rounded(&self.project(p.exterior()).0));
            let ring = if ring.len() >= 3 {
                ring
            } else {
                let at = coords(shape)
                    .next()
                    .map_or(Coord { x: 0.0, y: 0.0 }, |c| self.point(c));
                let (x, y) = (round(at.x - 0.5), round(at.y - 0.5));
                vec![
                    Coord { x, y },
                    Coord { x: x + 1.0, y },
                    Coord {
                        x: x + 1.0,
                        y: y + 1.0,
                    },
                    Coord { x, y: y + 1.0 },
                ]
            };
            push_ring(&mut d, &ring);
        }
        d
    }
}

/// A projected ring simplified by [`TOLERANCE`] and rounded to tenths, without repeated points
/// and without the closing point.
fn simplified(ring: &LineString<f64>) -> Vec<Coord<f64>> {
    rounded(&ring.simplify(TOLERANCE).0)
}

/// Points rounded to tenths, without repeated points and without the closing point.
fn rounded(points: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::with_capacity(points.len());
    for c in points {
        let c = Coord {
            x: round(c.x),
            y: round(c.y),
        };
        if out.last() != Some(&c) {
            out.push(c);
        }
    }
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// `v` rounded to one decimal, 0 when not finite.
fn round(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    if r.is_finite() { r } else { 0.0 }
}

/// Writes one ring: `M x,y x,y …Z`.
fn push_ring(d: &mut String, ring: &[Coord<f64>]) {
    for (i, c) in ring.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { " " });
        d.push_str(&num(c.x));
        d.push(',');
        d.push_str(&num(c.y));
    }
    d.push('Z');
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn simplification_keeps_a_circle_round_with_few_points() {
        let circle: LineString<f64> = (0..=1000)
            .map(|i| {
                let t = f64::from(i) / 1000.0 * std::f64::consts::TAU;
                Coord {
                    x: 240.0 + 200.0 * t.cos(),
                    y: 240.0 + 200.0 * t.sin(),
                }
            })
            .collect();
        let points = simplified(&circle);
        assert!(points.len() >= 4 && points.len() < 100, "{}", points.len());
        for c in &points {
            let r = ((c.x - 240.0).powi(2) + (c.y - 240.0).powi(2)).sqrt();
            assert!((r - 200.0).abs() < 0.2, "{c:?} is on the circle");
        }
        let tiny = polygon![(x: 0.0, y: 0.0), (x: 0.01, y: 0.0), (x: 0.0, y: 0.01)];
        assert!(simplified(tiny.exterior()).len() < 3, "collapses");
    }
}
