//! The files provinces have: an Excel export of the hand-checked cases gives the same
//! report as the CSV file, with bad rows naming their sheet; Parquet text columns stored
//! as dictionaries are read; a CSV quote left open loses no case; a line longer than the
//! limit is refused, not held; the official form comes out and reads back with the
//! report's numbers.

use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tthc_report::law::Law;
use tthc_report::report::{self, Options, Report};

fn law() -> Arc<Law> {
    static LAW: OnceLock<Arc<Law>> = OnceLock::new();
    LAW.get_or_init(|| {
        let cals = tthc::bundled::calendars().unwrap();
        let catalogue = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
            .into_valid()
            .unwrap();
        Arc::new(Law::new(catalogue, cals.get("vn").unwrap().clone()).unwrap())
    })
    .clone()
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn h1(files: Vec<PathBuf>) -> Report {
    let mut o = Options::new(
        files,
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
    );
    o.by = Some("procedure".into());
    o.threads = 2;
    report::run(law(), &o).unwrap()
}

/// tests/data/cases.xlsx is tests/data/cases.csv written by openpyxl
/// (make_cases_xlsx.py): date cells for the plain times, text for the others.
#[test]
fn an_excel_export_gives_the_csv_report_and_names_the_sheet_of_a_bad_row() {
    let csv = h1(vec![data("cases.csv")]);
    let xlsx = h1(vec![data("cases.xlsx")]);
    assert_eq!(xlsx.total, csv.total);
    assert_eq!(xlsx.groups, csv.groups);
    assert_eq!(xlsx.discrepancies, csv.discrepancies);
    let rows: Vec<(Option<&str>, u64, &str)> = xlsx
        .rejected
        .rows
        .iter()
        .map(|r| (r.sheet.as_deref(), r.row, r.code.as_str()))
        .collect();
    // The same rows as the CSV file's lines: the header is row 1 in both.
    assert_eq!(
        rows,
        [
            (Some("Hồ sơ"), 17, "unknown_procedure"),
            (Some("Hồ sơ"), 21, "impossible_datetime"),
            (Some("Hồ sơ"), 22, "bad_state"),
            (Some("Hồ sơ"), 23, "state_needs_completed_at"),
        ]
    );
}

/// Issue 25, item 13: pandas categoricals are written as dictionary columns; they read
/// as plain text does.
#[test]
fn parquet_dictionary_text_columns_are_read() {
    use datafusion::arrow::array::{
        ArrayRef, DictionaryArray, RecordBatch, StringArray, TimestampMillisecondArray,
    };
    use datafusion::arrow::datatypes::{DataType, Field, Int32Type, Schema, TimeUnit};
    let dir = tempfile::tempdir().unwrap();
    let dict = |v: Vec<&str>| -> ArrayRef {
        Arc::new(v.into_iter().collect::<DictionaryArray<Int32Type>>())
    };
    let t = |v: Vec<Option<&str>>| -> ArrayRef {
        Arc::new(
            TimestampMillisecondArray::from(
                v.into_iter()
                    .map(|s| {
                        s.map(|s| {
                            chrono::DateTime::parse_from_rfc3339(s)
                                .unwrap()
                                .timestamp_millis()
                        })
                    })
                    .collect::<Vec<_>>(),
            )
            .with_timezone("+07:00"),
        )
    };
    let d = || DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let ts = || DataType::Timestamp(TimeUnit::Millisecond, Some("+07:00".into()));
    let schema = Arc::new(Schema::new(vec![
        Field::new("case_id", DataType::Utf8, false),
        Field::new("procedure", d(), false),
        Field::new("variant", d(), true),
        Field::new("channel", d(), false),
        Field::new("received_at", ts(), false),
        Field::new("restarted_at", ts(), true),
        Field::new("completed_at", ts(), true),
        Field::new("state", d(), false),
        Field::new("portal_due_at", ts(), true),
    ]));
    // K1 as C04 of tests/report.rs (early), K2 as C05 (on time).
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(StringArray::from(vec!["K1", "K2"])),
            dict(vec!["cap-giay-xac-nhan-tinh-trang-hon-nhan"; 2]),
            Arc::new(DictionaryArray::<Int32Type>::from_iter([
                None::<&str>,
                None,
            ])),
            dict(vec!["direct", "online"]),
            t(vec![Some("2025-03-03T10:00:00+07:00"); 2]),
            t(vec![None, None]),
            t(vec![
                Some("2025-03-05T16:00:00+07:00"),
                Some("2025-03-06T09:59:00+07:00"),
            ]),
            dict(vec!["completed"; 2]),
            t(vec![Some("2025-03-06T10:00:00+07:00"); 2]),
        ],
    )
    .unwrap();
    let path = dir.path().join("cat.parquet");
    let mut w =
        parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), schema, None)
            .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let r = h1(vec![path]);
    assert_eq!(r.rejected.count, 0, "{:?}", r.rejected);
    assert_eq!(
        (
            r.total.get("resolved_early"),
            r.total.get("resolved_on_time")
        ),
        (1, 1)
    );
    assert_eq!(
        (
            r.total.get("received_direct"),
            r.total.get("received_online")
        ),
        (1, 1)
    );
}

const HEADER: &str =
    "case_id,procedure,variant,channel,received_at,restarted_at,completed_at,state,portal_due_at";

fn case(i: usize) -> String {
    // Received Mon 03/03/2025 10:00, completed Wed 05/03 16:00, due Thu 06/03: early.
    format!(
        "N{i:02},cap-giay-xac-nhan-tinh-trang-hon-nhan,,direct,2025-03-03 10:00,,2025-03-05 16:00,completed,"
    )
}

/// Issue 25, item 5: a quote opened in row 2 and never closed used to swallow the other
/// 59 cases as one bad row. Now its line is rejected, naming the column where the quote
/// opened, and the 59 others are counted.
#[test]
fn an_unterminated_quote_loses_only_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quote.csv");
    let mut lines = vec![HEADER.to_string()];
    for i in 1..=60 {
        lines.push(if i == 2 {
            case(i).replace(",direct,", ",\"direct,")
        } else {
            case(i)
        });
    }
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let r = h1(vec![path]);
    assert_eq!(r.total.get("resolved_early"), 59);
    assert_eq!(r.rejected.count, 1);
    let bad = &r.rejected.rows[0];
    assert_eq!(bad.row, 3, "{bad:?}");
    // `N02,cap-giay-xac-nhan-tinh-trang-hon-nhan,,"direct,…`: the quote is character 44.
    assert!(
        bad.reason.en.contains("quote opens at column 44"),
        "{}",
        bad.reason.en
    );
}

/// Issue 25, item 11: a line longer than the limit (1 MiB) is refused and skipped
/// without being held; the rows after it are counted. A header that long refuses the
/// file.
#[test]
fn a_line_longer_than_the_limit_is_refused_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, "{HEADER}").unwrap();
    writeln!(f, "{}", case(1)).unwrap();
    writeln!(
        f,
        "L2,{},,direct,2025-03-03 10:00,,,processing,",
        "x".repeat(3 << 20)
    )
    .unwrap();
    writeln!(f, "{}", case(3)).unwrap();
    drop(f);
    let r = h1(vec![path]);
    assert_eq!(r.total.get("resolved_early"), 2);
    assert_eq!(r.rejected.count, 1);
    assert_eq!(r.rejected.rows[0].row, 3);
    assert!(
        r.rejected.rows[0]
            .reason
            .en
            .contains("longer than 1024 KiB"),
        "{:?}",
        r.rejected.rows[0]
    );
    let head = dir.path().join("head.csv");
    std::fs::write(
        &head,
        format!("{HEADER},{}\n{}\n", "y".repeat(2 << 20), case(1)),
    )
    .unwrap();
    let mut o = Options::new(
        vec![head],
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
    );
    o.threads = 1;
    match report::run(law(), &o) {
        Err(report::Error::File(e)) => assert!(e.message.en.contains("header"), "{}", e.message.en),
        other => panic!("{other:?}"),
    }
}

/// Item 8: the form, read back by a spreadsheet reader (calamine here; openpyxl in the
/// ignored test below, which CI runs): its figures are the report's.
#[test]
fn the_form_holds_the_reports_numbers() {
    use calamine::{Data, Reader};
    let r = h1(vec![data("cases.csv")]);
    let bytes = tthc_report::render::xlsx::xlsx(&r).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("Biểu 06").unwrap();
    let text = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        other => format!("{other:?}"),
    };
    let num = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::Float(f)) => *f as u64,
        other => panic!("({r}, {c}) is {other:?}"),
    };
    assert_eq!(text(0, 0), "Biểu số 06/VPCP/KSTT");
    assert_eq!(text(5, 2), "Số hồ sơ nhận giải quyết");
    assert_eq!(text(7, 3), "Trực tuyến");
    assert_eq!(text(7, 4), "Trực tiếp, dịch vụ bưu chính");
    // The hand-checked totals (tests/report.rs): 16 received, 2 carried over, 4 online,
    // 10 at the desk; 9 resolved (2 early, 4 on time, 3 late: C17 is late since the
    // cutoff reaches same-day counts only); 4 open (2 + 2); 1 paused, 1 returned,
    // 1 cancelled.
    let total_row = 9 + r.groups.len() as u32;
    assert_eq!(text(total_row, 1), "Tổng cộng");
    let got: Vec<u64> = (2..16).map(|c| num(total_row, c)).collect();
    assert_eq!(got, [16, 4, 10, 2, 9, 2, 4, 3, 4, 2, 2, 1, 1, 1]);
    for (i, g) in r.groups.iter().enumerate() {
        let row: Vec<u64> = (2..16).map(|c| num(9 + i as u32, c)).collect();
        assert_eq!(row, tthc_report::render::xlsx::row(&g.counts));
    }
}

/// The same checked by openpyxl against the JSON report, as a statistician's script
/// would: `.ci/run` installs openpyxl and runs this with `--include-ignored`;
/// `TTHC_PYTHON` names the interpreter.
#[test]
#[ignore = "needs openpyxl"]
fn openpyxl_reads_the_form_with_the_json_reports_numbers() {
    let r = h1(vec![data("cases.csv")]);
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    std::fs::write(&form, tthc_report::render::xlsx::xlsx(&r).unwrap()).unwrap();
    let json = dir.path().join("report.json");
    std::fs::write(&json, tthc_report::render::json(&r)).unwrap();
    let python = std::env::var("TTHC_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = r#"
import json, sys, openpyxl
form, report = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
ws = openpyxl.load_workbook(form)["Biểu 06"]
t = report["total"]
want = [t["received_new"] + t["received_carried_over"], t["received_online"],
        t["received_direct"] + t["received_postal"], t["received_carried_over"],
        t["resolved_early"] + t["resolved_on_time"] + t["resolved_late"],
        t["resolved_early"], t["resolved_on_time"], t["resolved_late"],
        t["open_not_due"] + t["open_overdue"], t["open_not_due"], t["open_overdue"],
        t["paused"], t["returned"], t["cancelled"]]
row = 10 + len(report["groups"])
assert ws.cell(row=row, column=2).value == "Tổng cộng", ws.cell(row=row, column=2).value
got = [ws.cell(row=row, column=c).value for c in range(3, 17)]
assert got == want, (got, want)
assert ws.cell(row=1, column=1).value == "Biểu số 06/VPCP/KSTT"
print("form ok", got)
"#;
    let out = std::process::Command::new(&python)
        .args(["-c", script])
        .arg(&form)
        .arg(&json)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
