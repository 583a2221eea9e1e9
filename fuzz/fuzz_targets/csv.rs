//! `observations::parse_file` on arbitrary bytes, checked against a small fixed site: three
//! plan periods, six areas, three indicators; once with `number_format = "plain"` and once
//! with `"vi"`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use baocao::config;
use baocao::content::frontmatter;
use baocao::data::areas::{self, Areas};
use baocao::data::indicator_files;
use baocao::data::indicators::{Indicator, IndicatorMeta};
use baocao::data::observations::{self, Lookup};
use libfuzzer_sys::fuzz_target;

mod common;

const SITE: &str = r#"title = "Giảm nghèo — thử"
base_url = "https://thu.example.vn"
number_format = "NUMBER_FORMAT"

[[periods]]
id = "2011-2015"
title = "Giai đoạn 2011–2015"
start = 2011
end = 2015
standard = "QĐ 09/2011"

[[periods]]
id = "2016-2020"
title = "Giai đoạn 2016–2020"
start = 2016
end = 2020
standard = "QĐ 59/2015"

[[periods]]
id = "2021-2025"
title = "Giai đoạn 2021–2025"
start = 2021
end = 2025
standard = "NĐ 07/2021"
"#;

const AREAS: &str = "id,name,parent,level
thua-thien-hue,Tỉnh Thừa Thiên Huế,,tinh
phu-loc,Huyện Phú Lộc,thua-thien-hue,huyen
vinh-hien,Xã Vinh Hiền,phu-loc,xa
tp-da-nang,Thành phố Đà Nẵng,,thanh-pho
lien-chieu,Quận Liên Chiểu,tp-da-nang,quan
quan-11,Quận 11,,quan
";

const INDICATORS: [(&str, &str); 3] = [
    (
        "ty-le-ho-ngheo",
        "+++\ntitle = \"Tỷ lệ hộ nghèo\"\nunit = \"%\"\ndirection = \"down\"\ndecimals = 2\n+++\n",
    ),
    (
        "so-ho-ngheo",
        "+++\ntitle = \"Số hộ nghèo\"\nunit = \"hộ\"\ndirection = \"down\"\ndecimals = 0\n+++\n",
    ),
    (
        "thu-nhap-binh-quan",
        "+++\ntitle = \"Thu nhập bình quân\"\nunit = \"nghìn đồng/người/tháng\"\ndirection = \"up\"\nstandard = \"\"\n+++\n",
    ),
];

fn lookup(format: &str) -> Lookup<'static> {
    let mut problems = Vec::new();
    let config: &'static config::SiteConfig = Box::leak(Box::new(
        config::parse(&SITE.replace("NUMBER_FORMAT", format), Path::new("site.toml"))
            .expect("the fixed site.toml is valid"),
    ));
    let areas: &'static Areas =
        Box::leak(Box::new(areas::parse(AREAS, Path::new("content/areas.csv"), &mut problems)));
    let indicators: Vec<Indicator> = INDICATORS
        .iter()
        .map(|(id, text)| {
            let shown = Path::new("content/indicators/x.md");
            let split = frontmatter::split(text, shown).expect("valid");
            let meta: IndicatorMeta = frontmatter::parse(&split, shown).expect("valid");
            indicator_files::build_indicator(
                id,
                meta,
                split.front,
                split.front_line,
                shown,
                config,
                areas,
                &mut problems,
            )
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let indicators: &'static [Indicator] = Box::leak(indicators.into_boxed_slice());
    Lookup::new(config, areas, indicators)
}

static LOOKUPS: OnceLock<[Lookup<'static>; 2]> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let lookups = LOOKUPS.get_or_init(|| [lookup("plain"), lookup("vi")]);
    let shown = Path::new("content/data/bao-cao.csv");
    let text = String::from_utf8_lossy(bytes);
    for lookup in lookups {
        let mut problems = Vec::new();
        let observations = observations::parse_file(bytes, shown, 0, lookup, &mut problems);
        common::check_positions(&problems, &text);
        for o in &observations {
            assert!(o.value.is_finite());
            assert!(o.line >= 1);
            assert!((o.indicator as usize) < lookup.indicators.len());
            assert!((o.area as usize) < lookup.areas.all().len());
        }
    }
});
