//! Writes demo charts into a folder: `cargo run --example chart_gallery -- /tmp/gallery`.
//!
//! Each chart is written as `<name>.svg` and wrapped in `<name>.html`, a minimal phone-ready
//! page for looking at it in a browser (or a headless one, for screenshots).

use baocao::charts::{
    Band, Labels, ProgressBar, Segment, Sparkline, Status, TargetLine, TrendChart,
};
use baocao::data::period::Period;
use std::path::Path;

/// A number the Vietnamese way: `.` groups thousands, `,` marks decimals.
fn vi(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

fn period_vi(p: Period) -> String {
    match p {
        Period::Year(y) => y.to_string(),
        Period::Quarter(y, q) => format!("Q{q}/{y}"),
        Period::Month(y, m) => format!("{m:02}/{y}"),
    }
}

fn main() -> std::io::Result<()> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "gallery".into());
    let out = Path::new(&out);
    std::fs::create_dir_all(out)?;

    let percent = |v: f64| format!("{} %", vi(v, 2));
    let axis = |v: f64| vi(v, if v.fract() == 0.0 { 0 } else { 1 });
    let labels = Labels {
        format_value: &percent,
        format_target: &percent,
        format_axis: &axis,
        period_label: &period_vi,
        target: "Mục tiêu",
        standard_break: "Đổi chuẩn",
        no_data: "Chưa có số liệu",
    };

    let old: Vec<(Period, f64)> = [10.51, 9.32, 7.93, 6.71, 5.62, 4.46]
        .iter()
        .enumerate()
        .map(|(i, &v)| (Period::Year(2015 + i as i32), v))
        .collect();
    let new: Vec<(Period, f64)> = [8.67, 7.05, 5.41, 4.07]
        .iter()
        .enumerate()
        .map(|(i, &v)| (Period::Year(2021 + i as i32), v))
        .collect();
    let segments = [
        Segment {
            standard: "Chuẩn nghèo theo Quyết định 59/2015/QĐ-TTg",
            points: &old,
        },
        Segment {
            standard: "Chuẩn nghèo đa chiều theo Nghị định 07/2021/NĐ-CP",
            points: &new,
        },
    ];
    let bands = [
        Band {
            start: 2016.0,
            end: 2021.0,
            label: "2016–2020",
        },
        Band {
            start: 2021.0,
            end: 2026.0,
            label: "2021–2025",
        },
    ];
    let trend = TrendChart {
        title: "Tỷ lệ hộ nghèo, Huyện Phú Lộc, 2015–2024",
        description: "Tỷ lệ hộ nghèo của Huyện Phú Lộc giảm từ 10,51 % (2015) xuống 4,46 % (2020), \
                      vượt mục tiêu 4,85 % năm 2020. Từ năm 2021 áp dụng chuẩn nghèo đa chiều mới: \
                      8,67 % (2021), 4,07 % (2024).",
        segments: &segments,
        target: Some(TargetLine {
            baseline_period: Period::Year(2015),
            baseline: 10.51,
            due: Period::Year(2020),
            value: 4.85,
        }),
        bands: &bands,
        zero_baseline: true,
        unit: "%",
    };
    let mut charts = vec![("trend", trend.render(&labels, "phu-loc-trend"))];

    // Quarterly counts, one standard, a target due after the data: the time axis is thinned.
    let households = |v: f64| format!("{} hộ", vi(v, 0));
    let count_labels = Labels {
        format_value: &households,
        format_target: &households,
        format_axis: &|v| vi(v, 0),
        ..labels
    };
    let quarters: Vec<(Period, f64)> = (0..11)
        .map(|i| {
            let p = Period::Quarter(2023 + i / 4, (i % 4) as u8 + 1);
            (
                p,
                2_319.0 - 41.0 * f64::from(i) + if i % 3 == 0 { 25.0 } else { 0.0 },
            )
        })
        .collect();
    let quarterly = [Segment {
        standard: "Nghị định 07/2021/NĐ-CP",
        points: &quarters,
    }];
    let counts = TrendChart {
        title: "Số hộ nghèo, Huyện Phú Lộc, theo quý",
        description: "Số hộ nghèo giảm từ 2.344 hộ (Q1/2023) xuống 1.909 hộ (Q3/2025); \
                      mục tiêu 1.800 hộ cuối năm 2025.",
        segments: &quarterly,
        target: Some(TargetLine {
            baseline_period: Period::Quarter(2023, 1),
            baseline: 2_344.0,
            due: Period::Year(2025),
            value: 1_800.0,
        }),
        bands: &bands,
        zero_baseline: true,
        unit: "hộ",
    };
    charts.push((
        "trend-quarterly",
        counts.render(&count_labels, "phu-loc-households"),
    ));
    let empty = TrendChart {
        segments: &[],
        target: None,
        ..counts
    };
    charts.push(("trend-empty", empty.render(&count_labels, "phu-loc-empty")));

    let spark = Sparkline {
        title: "Tỷ lệ hộ nghèo, 2015–2024",
        description: "Giảm từ 10,51 % (2015) xuống 4,07 % (2024), đổi chuẩn năm 2021.",
        segments: &segments,
    };
    charts.push(("sparkline", spark.render("phu-loc-spark")));

    for (i, (share, status, text)) in [
        (0.4, Status::OffTrack, "Chậm tiến độ"),
        (0.97, Status::OnTrack, "Đúng tiến độ"),
        (1.48, Status::Achieved, "Đã đạt"),
    ]
    .into_iter()
    .enumerate()
    {
        let label = format!("Đạt {} % mục tiêu", vi(share * 100.0, 0));
        let bar = ProgressBar {
            title: "Tiến độ giảm tỷ lệ hộ nghèo",
            description: &format!("{label}: {text}."),
            share,
            label: &label,
            status,
            status_text: text,
        };
        let name: &'static str = ["progress-40", "progress-97", "progress-148"][i];
        charts.push((name, bar.render(name)));
    }

    for (name, svg) in &charts {
        std::fs::write(out.join(format!("{name}.svg")), svg)?;
        let page = format!(
            "<!doctype html><html lang=vi><meta charset=utf-8>\
             <meta name=viewport content=\"width=device-width\"><title>{name}</title>\
             <style>body{{margin:0;padding:15px;font-family:system-ui,sans-serif}}\
             main{{max-width:720px;margin:auto}}svg{{width:100%;height:auto;display:block}}\
             .sparkline svg{{width:8em}}</style>\
             <main class={name}>{svg}</main></html>\n"
        );
        std::fs::write(out.join(format!("{name}.html")), page)?;
        println!("{name}.svg {} bytes", svg.len());
    }
    let all: String = charts
        .iter()
        .map(|(name, svg)| format!("<h2>{name}</h2><div class={name}>{svg}</div>"))
        .collect();
    std::fs::write(
        out.join("index.html"),
        format!(
            "<!doctype html><html lang=vi><meta charset=utf-8>\
             <meta name=viewport content=\"width=device-width\"><title>Charts</title>\
             <style>body{{margin:0;padding:15px;font-family:system-ui,sans-serif}}\
             main{{max-width:720px;margin:auto}}svg{{width:100%;height:auto;display:block}}\
             h2{{font-size:14px;color:#666;margin:24px 0 4px}}.sparkline svg{{width:8em}}</style>\
             <main>{all}</main></html>\n"
        ),
    )?;
    Ok(())
}
