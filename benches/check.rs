//! `tthc check` on a generated catalogue of 10,000 procedures (target: under 1 s on a
//! 2-core machine). Measures the library call and the whole binary on files on disk.

#![forbid(unsafe_code)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use tthc::check::{self, CheckOptions, Input};

const PROCEDURES: usize = 10_000;
const PER_FILE: usize = 100;

const HEADER: &str = r#"authority commune "UBND cấp xã"
role desk "Công chức Tư pháp - hộ tịch trực tại Bộ phận một cửa" authority commune
role officer "Công chức Tư pháp - hộ tịch" authority commune
role leader "Lãnh đạo UBND cấp xã" authority commune

decision "1/QĐ-UBND" {
  signed 2024-04-09
  effective 2024-04-09
  issuer "Chủ tịch UBND tỉnh"
}
"#;

fn procedure(i: usize) -> String {
    // Vary the shape: same-day, plain, and with a verification case.
    match i % 3 {
        0 => format!(
            "\nprocedure thu-tuc-{i} {{\n  name \"Thủ tục thử số {i}\"\n  field \"Hộ tịch\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.{i}\"\n  total same day, cutoff 15:00\n  step receive \"Tiếp nhận hồ sơ\" by desk\n  step appraise \"Thẩm định\" by officer\n  step approve \"Phê duyệt\" by leader\n  step deliver \"Trả kết quả\" by desk\n}}\n"
        ),
        1 => format!(
            "\nprocedure thu-tuc-{i} {{\n  name \"Thủ tục thử số {i}\"\n  field \"Hộ tịch\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.{i}\"\n  total 5 days\n  step receive \"Tiếp nhận hồ sơ\" by desk 0,5 day\n  step appraise \"Thẩm định\" by officer 4 days\n  step approve \"Phê duyệt\" by leader 1/2 day\n  step deliver \"Trả kết quả\" by desk\n}}\n"
        ),
        _ => format!(
            "\nprocedure thu-tuc-{i} {{\n  name \"Thủ tục thử số {i}\"\n  field \"Hộ tịch\"\n  authority commune\n  source \"1/QĐ-UBND\" item \"B.{i}\"\n  total 3 days, verification 23 days # xác minh\n  step receive \"Tiếp nhận hồ sơ\" by desk 0,5 day\n  step appraise \"Thẩm định\" by officer 2 days, verification 22 days\n  step approve \"Phê duyệt\" by leader 0.5 day\n  step deliver \"Trả kết quả\" by desk\n}}\n"
        ),
    }
}

/// The generated catalogue as (file name, text): a header file and 100 files of 100 procedures.
fn catalogue() -> Vec<(String, String)> {
    let mut files = vec![("header.tthc".to_string(), HEADER.to_string())];
    for f in 0..PROCEDURES / PER_FILE {
        let text: String = (f * PER_FILE..(f + 1) * PER_FILE).map(procedure).collect();
        files.push((format!("p{f:03}.tthc"), text));
    }
    files
}

fn bench(c: &mut Criterion) {
    let files = catalogue();
    let inputs = || -> Vec<Input> {
        files
            .iter()
            .map(|(p, t)| Input {
                path: p.clone(),
                bytes: t.clone().into_bytes(),
            })
            .collect()
    };
    let checked = check::check(inputs(), &CheckOptions::default());
    assert_eq!(checked.catalogue.procedures.len(), PROCEDURES);
    assert!(
        checked.diagnostics.is_empty(),
        "generated catalogue must be clean"
    );

    let mut g = c.benchmark_group("check_10k_procedures");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("library", |b| {
        b.iter(|| {
            black_box(
                check::check(inputs(), &CheckOptions::default())
                    .catalogue
                    .procedures
                    .len(),
            )
        })
    });

    let dir = std::env::temp_dir().join(format!("tthc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (p, t) in &files {
        std::fs::write(dir.join(p), t).unwrap();
    }
    let exe = env!("CARGO_BIN_EXE_tthc");
    g.bench_function("binary_json", |b| {
        b.iter(|| {
            let o = std::process::Command::new(exe)
                .args(["check", "--format", "json"])
                .arg(&dir)
                .output()
                .unwrap();
            assert!(o.status.success());
            black_box(o.stdout.len())
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
