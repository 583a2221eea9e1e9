//! Progress against targets, checked against real published figures.

use baocao::data::indicators::{Direction, ProgressMethod, TargetKind};
use baocao::data::period::Period;
use baocao::stats::progress::{Point, Question, Reason, Status, evaluate, target_level};

fn point(period: &str, value: f64) -> Point {
    Point {
        period: Period::read(period).unwrap(),
        value,
        standard: "QĐ 59/2015".to_string(),
    }
}

fn question<'a>(
    kind: TargetKind,
    value: f64,
    baseline: Option<Point>,
    start: &str,
    due: &str,
    series: &'a [Point],
) -> Question<'a> {
    Question {
        direction: Direction::Down,
        method: ProgressMethod::Linear,
        kind,
        value,
        baseline,
        start: Period::read(start).unwrap().time(),
        due: Period::read(due).unwrap().time(),
        series,
    }
}

#[test]
fn lien_chieu_2013_escaped_poverty_148_percent_of_plan() {
    // Quận Liên Chiểu, Đà Nẵng: 1,328 households escaped poverty in 2013 against a plan of 900.
    let series = [point("2013", 1328.0)];
    let q = Question {
        direction: Direction::Up,
        ..question(TargetKind::Count, 900.0, None, "2012", "2013", &series)
    };
    let p = evaluate(&q);
    assert_eq!(p.status, Status::Achieved);
    assert_eq!((p.share.unwrap() * 100.0).round(), 148.0);
    assert!((p.share.unwrap() - 1.475_555).abs() < 1e-5);
}

#[test]
fn quan_11_2020_vocational_training_208_of_206_achieved() {
    let series = [point("2020", 208.0)];
    let q = Question {
        direction: Direction::Up,
        ..question(TargetKind::Count, 206.0, None, "2019", "2020", &series)
    };
    let p = evaluate(&q);
    assert_eq!(p.status, Status::Achieved);
    assert_eq!(p.latest, Some((Period::Year(2020), 208.0)));
}

#[test]
fn quan_11_income_of_poor_households_1_3_times_the_2020_level() {
    assert_eq!(
        target_level(TargetKind::Ratio, 1.3, 28_000_000.0),
        36_400_000.0
    );
    let q = Question {
        direction: Direction::Up,
        ..question(
            TargetKind::Ratio,
            1.3,
            Some(point("2020", 28_000_000.0)),
            "2020",
            "2025",
            &[],
        )
    };
    let p = evaluate(&q);
    assert_eq!(p.target, Some(36_400_000.0));
    assert_eq!(p.status, Status::NoData);
}

#[test]
fn statistics_canada_growth_method_answer_key() {
    // Statistics Canada's Open SDG progress output for indicator 1.2.1: base 14.5 (2015),
    // latest 10.2 (2023), target 7.25 by 2030, direction down → ratio 0.952590, on track.
    let series = [
        point("2015", 14.5),
        point("2016", 12.9),
        point("2020", 6.4),
        point("2023", 10.2),
    ];
    let q = Question {
        method: ProgressMethod::Growth,
        ..question(
            TargetKind::Level,
            7.25,
            Some(point("2015", 14.5)),
            "2015",
            "2030",
            &series,
        )
    };
    let p = evaluate(&q);
    assert_eq!(p.latest, Some((Period::Year(2023), 10.2)));
    assert!((p.pace.unwrap() - 0.952_590).abs() < 5e-5, "{:?}", p.pace);
    assert_eq!(p.status, Status::OnTrack);
}

#[test]
fn phu_loc_linear_pace_statuses() {
    // Phú Lộc: 10.51 % at the end of 2015, target 4.85 % by the end of 2020: 1.132 points due
    // per year. After one year, the pace is (x − 10.51) / −1.132.
    let baseline = Some(point("2015", 10.51));
    let after_one_year = |x: f64| {
        let series = [point("2015", 10.51), point("2016", x)];
        evaluate(&question(
            TargetKind::Level,
            4.85,
            baseline.clone(),
            "2015",
            "2020",
            &series,
        ))
    };
    let planned = after_one_year(8.94); // the plan's own 2016 step, −1.57
    assert_eq!(planned.status, Status::OnTrack);
    assert!((planned.pace.unwrap() - 1.57 / 1.132).abs() < 1e-9);
    assert!((planned.share.unwrap() - 1.57 / 5.66).abs() < 1e-9);
    assert_eq!(after_one_year(9.8).status, Status::NeedsAcceleration); // R = 0.63
    assert_eq!(after_one_year(10.0).status, Status::OffTrack); // R = 0.45
    assert_eq!(after_one_year(10.8).status, Status::Deteriorating); // R < 0
    assert_eq!(after_one_year(4.5).status, Status::Achieved);
}

#[test]
fn yearly_change_milestone() {
    // 2017 milestone: −1.39 points from the 2016 value.
    let series = [point("2016", 8.94), point("2017", 7.60)];
    let p = evaluate(&question(
        TargetKind::Change,
        -1.39,
        Some(point("2016", 8.94)),
        "2016",
        "2017",
        &series,
    ));
    assert!((p.target.unwrap() - 7.55).abs() < 1e-9);
    assert_eq!(p.status, Status::OnTrack, "1.34 of 1.39 points: R = 0.964");
}

#[test]
fn statuses_that_cannot_be_computed_say_why() {
    let series = [point("2016", 9.0)];
    let p = evaluate(&question(
        TargetKind::Level,
        4.85,
        None,
        "2015",
        "2020",
        &series,
    ));
    assert_eq!(
        (p.status, p.reason),
        (Status::NotComputable, Some(Reason::NoBaseline))
    );

    let other_standard = [Point {
        standard: "NĐ 07/2021".into(),
        ..point("2022", 3.0)
    }];
    let p = evaluate(&question(
        TargetKind::Level,
        2.0,
        Some(point("2020", 4.0)),
        "2020",
        "2025",
        &other_standard,
    ));
    assert_eq!(p.status, Status::NotComputable);
    assert_eq!(
        p.reason,
        Some(Reason::StandardChanged {
            from: "QĐ 59/2015".into(),
            to: "NĐ 07/2021".into()
        })
    );

    let zero = [point("2018", 1.0)];
    let q = Question {
        method: ProgressMethod::Growth,
        ..question(
            TargetKind::Level,
            0.5,
            Some(point("2015", 0.0)),
            "2015",
            "2020",
            &zero,
        )
    };
    assert_eq!(evaluate(&q).reason, Some(Reason::ZeroBaseGrowth));

    let p = evaluate(&question(
        TargetKind::Level,
        4.85,
        Some(point("2015", 10.51)),
        "2015",
        "2020",
        &[point("2021", 3.0)],
    ));
    assert_eq!(
        p.status,
        Status::NoData,
        "values after the due date do not count"
    );
}

#[test]
fn a_level_already_met_is_achieved_even_without_a_baseline() {
    // Quận 11: health-insurance cards for 100 % of poor people, reached in 2020.
    let series = [point("2019", 97.0), point("2020", 100.0)];
    let q = Question {
        direction: Direction::Up,
        ..question(TargetKind::Level, 100.0, None, "2015", "2020", &series)
    };
    let p = evaluate(&q);
    assert_eq!(
        (p.status, p.reason, p.latest),
        (Status::Achieved, None, Some((Period::Year(2020), 100.0)))
    );
    let short = [point("2020", 98.0)];
    let q = Question {
        direction: Direction::Up,
        ..question(TargetKind::Level, 100.0, None, "2015", "2020", &short)
    };
    assert_eq!(evaluate(&q).reason, Some(Reason::NoBaseline));
}
