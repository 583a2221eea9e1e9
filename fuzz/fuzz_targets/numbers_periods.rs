//! `parse_number` in both formats and `Period::read`, with round trips through the forms
//! baocao itself writes.
#![no_main]

use baocao::config::{Language, NumberFormat};
use baocao::data::numbers::parse_number;
use baocao::data::period::Period;
use baocao::i18n::format_number;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in [NumberFormat::Plain, NumberFormat::Vi] {
        if let Ok(Some(value)) = parse_number(text, format) {
            assert!(value.is_finite(), "{text:?} → {value}");
            // What the open-data CSVs write (`{}` of an f64) reads back as the same number.
            assert_eq!(
                parse_number(&value.to_string(), NumberFormat::Plain),
                Ok(Some(value)),
                "{text:?}"
            );
            // What the Vietnamese pages show reads back as the shown (rounded) number.
            for decimals in [0, 2] {
                let shown = format_number(value, decimals, Language::Vi);
                let rounded: f64 = format!("{value:.decimals$}").parse().unwrap();
                assert_eq!(parse_number(&shown, NumberFormat::Vi), Ok(Some(rounded)), "{shown}");
            }
        }
    }
    if let Ok(period) = Period::read(text) {
        assert_eq!(Period::read(&period.to_string()), Ok(period), "{text:?}");
        assert!((1900..=2200).contains(&period.year()));
    }
});
