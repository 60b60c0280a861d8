//! Batch CSV quoting, row errors with line and field, town aggregates, the generator and
//! the committed synthetic file.

use rust_decimal::Decimal;
use zs_risk_map::premium::{batch, builtin, synth, Enterprise};

const HEADER: &str = "name,town_code,sector,headcount,per_person_limit,insured,accidents,standardisation_grade,hidden_dangers_found,hidden_dangers_rectified,major_hidden_dangers_unrectified,blacklisted,honours";

#[test]
fn bad_rows_are_reported_with_line_and_field_and_good_rows_quoted() {
    let csv = format!(
        "# comment line\n{HEADER}\n\
         A,442000105,manufacturing,100,500000,yes,,三级,0,0,0,no,city\n\
         B,442000999,manufacturing,10,500000,yes,,,,,,no,\n\
         C,442000105,manufacturing,0,500000,no,,,,,,no,\n\
         D,442000105,manufacturing,10,500000,maybe,,,,,,no,\n\
         E,442000105,manufacturing,10,500000,no,2024:严重,,,,,no,\n\
         F,442000105,unknown_sector,10,500000,no,,,,,,no,\n\
         G,442000105,manufacturing,10,abc,no,,,,,,no,\n\
         H,442000105,manufacturing,10,500000,no,,,3,4,0,no,\n\
         I,442000001,construction,20,400000,true,2024:较大:1,一级,2,1,1,true,\n"
    );
    let r = batch::quote_csv(&builtin("zhongshan-illustrative").unwrap(), &csv).unwrap();
    let lines: Vec<usize> = r.rows.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![3, 11]);
    let errs: Vec<(usize, &str, &str)> = r
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        errs,
        vec![
            (4, "town_code", "UNKNOWN_DISTRICT"),
            (5, "headcount", "OUT_OF_RANGE"),
            (6, "insured", "INVALID_INPUT"),
            (7, "accidents", "INVALID_INPUT"),
            (8, "sector", "INVALID_INPUT"),
            (9, "per_person_limit", "INVALID_INPUT"),
            (10, "hidden_dangers_rectified", "OUT_OF_RANGE"),
        ]
    );
    // Each row error names the column as the template does, in both languages.
    assert_eq!(r.errors[1].column_zh, "从业人员（人）");
    assert!(
        r.errors[1].message_zh.contains("从业人员须在"),
        "{}",
        r.errors[1].message_zh
    );
    assert_eq!(r.errors[6].column_zh, "已整改隐患（项）");
    assert!(
        r.errors[3]
            .message
            .contains("'严重' is not an accident grade"),
        "{}",
        r.errors[3].message
    );
    assert!(
        r.errors[4]
            .message
            .contains("'unknown_sector' has no base rate"),
        "{}",
        r.errors[4].message
    );
    // Row A: 28,500 × (1 − 0.10 − 0.05) = 24,225.00 (no accident, 三级).
    assert_eq!(r.rows[0].summary.premium.to_string(), "24225.00");
    // Row I: construction 1.36‰ × 400,000 × 20 = 10,880; +20 −15 +20 +10 = 1.35 → 14,688.00.
    assert_eq!(r.rows[1].summary.premium.to_string(), "14688.00");
}

#[test]
fn whole_file_problems_are_errors() {
    let rules = builtin("zhongshan-illustrative").unwrap();
    let e = batch::quote_csv(&rules, "name,town_code,sector\nA,442000105,x\n").unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    assert!(
        e.message_zh().contains("缺少必填列“从业人员（人）”"),
        "{}",
        e.message_zh()
    );
    assert!(
        e.to_string()
            .contains("required column 'headcount' (Employees) is missing"),
        "{e}"
    );
    let e = batch::quote_csv(&rules, "name,town_code,sector,headcount,colour\n").unwrap_err();
    assert!(e.to_string().contains("unknown column 'colour'"), "{e}");
    let e = batch::quote_csv(
        &rules,
        "name,town_code,sector,headcount\n\"A,442000105,x,1\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
}

#[test]
fn town_aggregates_are_sorted_complete_and_correct() {
    let csv = format!(
        "{HEADER}\n\
         A,442000105,manufacturing,100,500000,yes,,三级,0,0,0,no,city\n\
         B,442000105,manufacturing,100,500000,no,,,0,0,0,no,\n\
         C,442000001,manufacturing,100,500000,no,,,0,0,0,no,\n"
    );
    let r = batch::quote_csv(&builtin("fuyang").unwrap(), &csv).unwrap();
    let a = batch::town_aggregates(&r);
    assert_eq!(a.len(), 23);
    assert!(a.windows(2).all(|w| w[0].code < w[1].code));
    let guzhen = a.iter().find(|t| t.code == "442000105").unwrap();
    assert_eq!(guzhen.name_zh, "古镇镇");
    assert_eq!((guzhen.enterprises, guzhen.insured), (2, 1));
    assert_eq!(guzhen.coverage.unwrap().to_string(), "0.5000");
    // A: 0.85 → 24,225.00; B: 0.90 → 25,650.00.
    assert_eq!(guzhen.mean_factor.unwrap().to_string(), "0.8750");
    assert_eq!(guzhen.total_premium.to_string(), "49875.00");
    assert_eq!(guzhen.insured_premium.to_string(), "24225.00");
    let empty = a.iter().find(|t| t.code == "442000118").unwrap();
    assert_eq!(
        (empty.enterprises, empty.coverage, empty.mean_factor),
        (0, None, None)
    );
}

#[test]
fn generator_is_deterministic_and_round_trips_through_csv() {
    let a = synth::generate(42, 500);
    assert_eq!(a, synth::generate(42, 500));
    assert_ne!(a, synth::generate(43, 500));
    let csv = batch::to_csv(&a);
    let (ents, errors) = batch::parse_enterprises(&csv).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ents.len(), 500);
    for ((_, e), input) in ents.iter().zip(&a) {
        assert_eq!(e, &Enterprise::from_input(input).unwrap());
    }
}

#[test]
fn splitmix64_matches_reference_values() {
    // Reference: SplitMix64 with seed 1234567 (Vigna's splitmix64.c), the seeder of the
    // crate's one generator (src/rng.rs).
    let mut s = 1234567u64;
    assert_eq!(zs_risk_map::rng::splitmix64(&mut s), 6457827717110365317);
    assert_eq!(zs_risk_map::rng::splitmix64(&mut s), 3203168211198807973);
}

#[test]
fn committed_synthetic_csv_is_current_and_quotes_without_errors() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/enterprises_synthetic.csv"
    ))
    .unwrap();
    assert!(text.starts_with("# SYNTHETIC"));
    let body = text.split_once('\n').unwrap().1;
    assert_eq!(
        body,
        batch::to_csv(&synth::generate(1, 2000)),
        "regenerate with gen_enterprises --seed 1 --n 2000"
    );
    for id in [
        "zhongshan-illustrative",
        "fuyang",
        "national-2025",
        "national-2017",
        "tianjin-blacklist",
    ] {
        let r = batch::quote_csv(&builtin(id).unwrap(), &text).unwrap();
        assert!(
            r.errors.is_empty(),
            "{id}: {:?}",
            &r.errors[..r.errors.len().min(3)]
        );
        assert_eq!(r.rows.len(), 2000);
        assert_eq!(r.rows[0].line, 3);
        let total: Decimal = r.rows.iter().map(|x| x.summary.premium).sum();
        assert!(total > Decimal::ZERO);
    }
}

#[test]
fn compulsory_coverage_counts_only_compulsory_sectors() {
    let csv = format!(
        "{HEADER}\n\
         A,442000105,construction,10,500000,yes,,,0,0,0,no,\n\
         B,442000105,construction,10,500000,no,,,0,0,0,no,\n\
         C,442000105,transport,10,500000,no,,,0,0,0,no,\n\
         D,442000105,manufacturing,10,500000,yes,,,0,0,0,no,\n"
    );
    let r = batch::quote_csv(&builtin("national-2025").unwrap(), &csv).unwrap();
    let a = batch::town_aggregates(&r);
    let t = a.iter().find(|t| t.code == "442000105").unwrap();
    assert_eq!(
        (t.enterprises, t.insured, t.compulsory, t.compulsory_insured),
        (4, 2, 3, 1)
    );
    assert_eq!(t.coverage.unwrap().to_string(), "0.5000");
    assert_eq!(t.compulsory_coverage.unwrap().to_string(), "0.3333");
}

#[test]
fn template_parses_back_and_per_row_results_cover_every_row() {
    let rules = builtin("zhongshan-illustrative").unwrap();
    for lang in ["zh-CN", "en"] {
        let t = batch::template(lang);
        let r = batch::quote_csv(&rules, &t).unwrap();
        assert!(r.errors.is_empty(), "{lang}: {:?}", r.errors);
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].town_code, "442000105");
    }
    assert!(batch::template("zh-CN")
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("单位名称,镇街,行业,风险类别,从业人员（人）"));
    let csv = "name,town_code,sector,headcount\n=cmd,442000105,manufacturing,10\nB,442000105,manufacturing,-3\n";
    let r = batch::quote_csv(&rules, csv).unwrap();
    let out = batch::rows_csv(&r, "zh-CN");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("行号,单位名称"));
    assert!(
        lines[1].starts_with("2,'=cmd,442000105,古镇镇,manufacturing,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("3,")
            && lines[2].contains("OUT_OF_RANGE,从业人员（人）,\"从业人员须在"),
        "{}",
        lines[2]
    );
    let en = batch::rows_csv(&r, "en");
    assert!(
        en.lines()
            .nth(2)
            .unwrap()
            .contains("OUT_OF_RANGE,Employees,\"Employees must be"),
        "{en}"
    );
}

#[test]
fn national_2025_sublimits_cite_the_xinjiang_form_as_illustrative() {
    use zs_risk_map::premium::Status;
    let r = builtin("national-2025").unwrap();
    let l = &r.input().limits;
    assert_eq!(l.sublimits.len(), 3);
    for s in &l.sublimits {
        assert_eq!(
            (s.status, s.source.as_deref()),
            (Status::Illustrative, Some("xinjiang"))
        );
    }
    for d in &l.deductibles {
        assert_eq!(
            (d.status, d.source.as_deref()),
            (Status::Illustrative, Some("xinjiang"))
        );
    }
}
