//! A national-scale synthetic site: the country, P provinces, D districts per province and C
//! communes per district, K indicators observed yearly **only at commune level** (one wide CSV
//! per province), and a few short articles. District, province and country figures are left to
//! baocao to compute: counts are declared `aggregate = "sum"` and rates are declared as a
//! `ratio` of two counts, so nothing above a commune is written in the data.
//!
//! The values are a pure function of (indicator, commune, year), so a test can recompute any
//! cell with [`Nation::commune_value`] without reading the CSV. One cell is left empty on
//! purpose ([`MISSING`]), so that one district's total for one year cannot be computed.
//!
//! Everything is deterministic: the same shape gives the same files, byte for byte.
#![allow(dead_code)]

use super::{Lcg, article_about, periods_and_categories};
use std::fmt::Write as _;
use std::fs;
use std::ops::RangeInclusive;
use std::path::Path;

/// The shape of the country to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Nation {
    /// Provinces (`tinh-PP`).
    pub provinces: usize,
    /// Districts per province (`huyen-PP-DD`).
    pub districts: usize,
    /// Communes per district (`xa-PP-DD-CC`).
    pub communes: usize,
    /// Indicators: `tong-so-ho`, then alternately a count `so-ho-KK` (odd K) and a rate
    /// `ty-le-KK` (even K) over the count before it.
    pub indicators: usize,
    /// Years of yearly data, ending in 2025.
    pub years: i32,
    /// Articles.
    pub articles: usize,
}

/// The one cell left empty on purpose: (commune, indicator, year). Commune `xa-01-01-01` has no
/// `so-ho-01` in the last year (always 2025), so district `huyen-01-01`'s total for that year
/// cannot be computed. Present whenever the nation has at least two indicators.
pub const MISSING: (&str, &str, i32) = ("xa-01-01-01", "so-ho-01", 2025);

/// The last year of data.
const LAST_YEAR: i32 = 2025;

/// The country's area id.
pub const COUNTRY: &str = "viet-nam";

impl Nation {
    /// 50 provinces × 10 districts × 20 communes (10,000 communes, 10,551 areas with the
    /// country), 20 indicators, 10 years (2016–2025), 200 articles.
    pub const FULL: Nation = Nation {
        provinces: 50,
        districts: 10,
        communes: 20,
        indicators: 20,
        years: 10,
        articles: 200,
    };

    /// 3 provinces × 2 districts × 3 communes, 3 indicators, 3 years (2023–2025), 5 articles:
    /// small enough for tests.
    pub const SMALL: Nation = Nation {
        provinces: 3,
        districts: 2,
        communes: 3,
        indicators: 3,
        years: 3,
        articles: 5,
    };

    /// The years of data, ending in 2025.
    pub fn years(&self) -> RangeInclusive<i32> {
        LAST_YEAR + 1 - self.years..=LAST_YEAR
    }

    /// Areas in `content/areas.csv`: 1 + P + P·D + P·D·C.
    pub fn area_count(&self) -> usize {
        let districts = self.provinces * self.districts;
        1 + self.provinces + districts + districts * self.communes
    }

    /// The indicator ids, in order: `tong-so-ho`, `so-ho-01`, `ty-le-02`, `so-ho-03`, …
    pub fn indicator_ids(&self) -> Vec<String> {
        (0..self.indicators).map(indicator_id).collect()
    }

    /// The ids of the counts (the columns of the data files after `area,period`): `tong-so-ho`
    /// and every `so-ho-KK`.
    pub fn count_ids(&self) -> Vec<String> {
        (0..self.indicators)
            .filter(|&k| is_count(k))
            .map(indicator_id)
            .collect()
    }

    /// The value the data file holds for indicator `indicator` (an index into
    /// [`Nation::indicator_ids`]) in commune `commune` of district `district` of province
    /// `province` (all 1-based, as in the ids) in `year`. `None` for the empty cell
    /// ([`MISSING`]), for a rate (rates are not in the data; baocao computes them from their
    /// `ratio`) and outside the nation's shape or years.
    pub fn commune_value(
        &self,
        indicator: usize,
        province: usize,
        district: usize,
        commune: usize,
        year: i32,
    ) -> Option<u64> {
        let inside = (1..=self.provinces).contains(&province)
            && (1..=self.districts).contains(&district)
            && (1..=self.communes).contains(&commune)
            && indicator < self.indicators
            && self.years().contains(&year);
        if !inside || !is_count(indicator) {
            return None;
        }
        if (province, district, commune) == (1, 1, 1)
            && indicator_id(indicator) == MISSING.1
            && year == MISSING.2
        {
            return None;
        }
        let step = (year - self.years().start()) as u64;
        let households = households(province, district, commune, step);
        if indicator == 0 {
            return Some(households);
        }
        // A share of the households between 2 % and 20 % (in basis points, before rounding
        // down), falling linearly from its first to its last year.
        let mut rng = seeded(indicator, province, district, commune);
        let first = 200 + rng.below(1801) as u64;
        let last = 200 + rng.below((first - 200) as usize + 1) as u64;
        let span = (self.years - 1).max(1) as u64;
        let share = first - (first - last) * step / span;
        Some(households * share / 10_000)
    }
}

/// Writes the site for `nation` into `out` (emptied first).
pub fn generate(out: &Path, nation: &Nation) {
    if out.exists() {
        fs::remove_dir_all(out).expect("cannot clear the site folder");
    }
    for dir in ["content/articles", "content/indicators", "content/data"] {
        fs::create_dir_all(out.join(dir)).expect("cannot create the site folder");
    }
    write_config(out, nation);
    write_areas(out, nation);
    write_indicators(out, nation);
    write_data(out, nation);
    write_articles(out, nation);
}

/// Province `p`'s id (1-based): `tinh-PP`.
pub fn province_id(p: usize) -> String {
    format!("tinh-{p:02}")
}

/// District `d` of province `p` (1-based): `huyen-PP-DD`.
pub fn district_id(p: usize, d: usize) -> String {
    format!("huyen-{p:02}-{d:02}")
}

/// Commune `c` of district `d` of province `p` (1-based): `xa-PP-DD-CC`.
pub fn commune_id(p: usize, d: usize, c: usize) -> String {
    format!("xa-{p:02}-{d:02}-{c:02}")
}

/// Indicator `k`'s id: `tong-so-ho`, then `so-ho-KK` (odd K) or `ty-le-KK` (even K).
fn indicator_id(k: usize) -> String {
    match k {
        0 => "tong-so-ho".to_string(),
        k if is_count(k) => format!("so-ho-{k:02}"),
        k => format!("ty-le-{k:02}"),
    }
}

/// Whether indicator `k` is a count (in the data) rather than a rate (computed).
fn is_count(k: usize) -> bool {
    k == 0 || k % 2 == 1
}

/// A generator for one (indicator, commune), independent of every other.
fn seeded(indicator: usize, p: usize, d: usize, c: usize) -> Lcg {
    let key = (((indicator as u64 * 1_000 + p as u64) * 1_000 + d as u64) * 1_000) + c as u64;
    let mut rng = Lcg(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D_4C95_7F2D);
    rng.next();
    rng
}

/// Households of a commune `step` years after the first: 800–2,300 at first, growing by 0–3 %
/// of that a year (at most 2,921 after nine years).
fn households(p: usize, d: usize, c: usize, step: u64) -> u64 {
    let mut rng = seeded(0, p, d, c);
    let base = 800 + rng.below(1501) as u64;
    let growth = rng.below(31) as u64;
    base + base * growth * step / 1_000
}

/// `site.toml`: the plan periods 2016–2020 and 2021–2025 (and earlier ones for more than ten
/// years), each with its own standard, and the articles' categories.
fn write_config(out: &Path, nation: &Nation) {
    let mut config = String::from(
        "title = \"Trang tổng hợp giảm nghèo toàn quốc (dữ liệu sinh tự động)\"\n\
         base_url = \"https://bench.example.vn\"\nlanguage = \"vi\"\n\
         description = \"Site sinh tự động cỡ cả nước: số liệu cấp xã, tổng hợp lên huyện, tỉnh và toàn quốc.\"\n\
         articles_per_page = 10\n",
    );
    config.push_str(&periods_and_categories(nation.years.max(10)));
    fs::write(out.join("site.toml"), config).unwrap();
}

fn write_areas(out: &Path, nation: &Nation) {
    let mut csv = format!("id,name,parent,level\n{COUNTRY},Việt Nam,,quoc-gia\n");
    for p in 1..=nation.provinces {
        writeln!(csv, "{},Tỉnh {p:02},{COUNTRY},tinh", province_id(p)).unwrap();
    }
    for p in 1..=nation.provinces {
        for d in 1..=nation.districts {
            writeln!(
                csv,
                "{},Huyện {p:02}-{d:02},{},huyen",
                district_id(p, d),
                province_id(p)
            )
            .unwrap();
        }
    }
    for p in 1..=nation.provinces {
        for d in 1..=nation.districts {
            for c in 1..=nation.communes {
                writeln!(
                    csv,
                    "{},Xã {p:02}-{d:02}-{c:02},{},xa",
                    commune_id(p, d, c),
                    district_id(p, d)
                )
                .unwrap();
            }
        }
    }
    fs::write(out.join("content/areas.csv"), csv).unwrap();
}

fn write_indicators(out: &Path, nation: &Nation) {
    let dir = out.join("content/indicators");
    for k in 0..nation.indicators {
        let id = indicator_id(k);
        let text = if k == 0 {
            "+++\ntitle = \"Tổng số hộ\"\nunit = \"hộ\"\ndirection = \"up\"\ndecimals = 0\n\
             aggregate = \"sum\"\nsummary = \"Tổng số hộ dân cư của địa bàn.\"\n+++\n\
             Tổng số hộ dân cư đang sinh sống trên địa bàn, theo rà soát cuối năm; số của huyện, \
             tỉnh và cả nước là tổng số của các xã.\n"
                .to_string()
        } else if is_count(k) {
            format!(
                "+++\ntitle = \"Số hộ nhóm {k:02}\"\nunit = \"hộ\"\ndirection = \"down\"\ndecimals = 0\n\
                 aggregate = \"sum\"\nsummary = \"Số hộ thuộc nhóm {k:02} theo rà soát cuối năm.\"\n+++\n\
                 Số hộ thuộc nhóm {k:02} (chỉ tiêu sinh tự động); số của huyện, tỉnh và cả nước là \
                 tổng số của các xã.\n"
            )
        } else {
            let numerator = indicator_id(k - 1);
            let mut text = format!(
                "+++\ntitle = \"Tỷ lệ hộ nhóm {:02}\"\nunit = \"%\"\ndirection = \"down\"\ndecimals = 2\n\
                 ratio = {{ numerator = \"{numerator}\", denominator = \"tong-so-ho\", factor = 100 }}\n\
                 summary = \"Số hộ thuộc nhóm {:02} trên tổng số hộ, nhân với 100.\"\n",
                k - 1,
                k - 1
            );
            let targets = std::iter::once((COUNTRY.to_string(), 5.0)).chain(
                (1..=nation.provinces)
                    .map(|p| (province_id(p), 3.0 + ((p * 7 + k * 3) % 10) as f64 / 2.0)),
            );
            for (area, value) in targets {
                writeln!(
                    text,
                    "\n[[targets]]\narea = \"{area}\"\nperiod = \"2021-2025\"\nvalue = {value:.1}\nkind = \"level\""
                )
                .unwrap();
            }
            write!(
                text,
                "+++\nTỷ lệ hộ thuộc nhóm {:02}: số hộ `{numerator}` chia cho tổng số hộ `tong-so-ho` \
                 của địa bàn, nhân với 100; baocao tính tỷ lệ ở mọi cấp từ hai số đếm.\n",
                k - 1
            )
            .unwrap();
            text
        };
        fs::write(dir.join(format!("{id}.md")), text).unwrap();
    }
}

fn write_data(out: &Path, nation: &Nation) {
    let dir = out.join("content/data");
    let counts: Vec<usize> = (0..nation.indicators).filter(|&k| is_count(k)).collect();
    for p in 1..=nation.provinces {
        let mut csv = format!("area,period,{}\n", nation.count_ids().join(","));
        for d in 1..=nation.districts {
            for c in 1..=nation.communes {
                let area = commune_id(p, d, c);
                for year in nation.years() {
                    write!(csv, "{area},{year}").unwrap();
                    for &k in &counts {
                        match nation.commune_value(k, p, d, c, year) {
                            Some(value) => write!(csv, ",{value}").unwrap(),
                            None => csv.push(','),
                        }
                    }
                    csv.push('\n');
                }
            }
        }
        fs::write(dir.join(format!("{}.csv", province_id(p))), csv).unwrap();
    }
}

fn write_articles(out: &Path, nation: &Nation) {
    let ids = nation.indicator_ids();
    let mut rng = Lcg(42);
    for i in 0..nation.articles {
        let area = if nation.provinces > 0 {
            province_id(1 + rng.below(nation.provinces))
        } else {
            COUNTRY.to_string()
        };
        let indicator = (!ids.is_empty()).then(|| ids[i % ids.len()].as_str());
        let (path, text) = article_about(i, &area, indicator, &mut rng);
        let path = out.join("content/articles").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}
