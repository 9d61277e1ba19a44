//! The bundled catalogue: it checks clean, is in canonical layout, and every number in it
//! is guarded — changing any allotment makes the checker point at the changed line.

mod common;

use common::catalogue_files;
use tthc::check::{self, CheckOptions, Checked, Input};
use tthc::diagnostic::Lang;
use tthc::report;

fn check_texts(files: &[(String, String)]) -> Checked {
    let inputs = files
        .iter()
        .map(|(p, t)| Input {
            path: p.clone(),
            bytes: t.clone().into_bytes(),
        })
        .collect();
    check::check(inputs, &CheckOptions::default())
}

/// What must hold of any correct catalogue, whatever decisions it holds: it checks
/// clean, every item a decision announces in its headings ("… (15 TTHC)") is encoded
/// exactly once, and no decision's item is encoded twice. A correct amendment keeps
/// these true; nothing here counts today's procedures.
fn assert_sound(files: &[(String, String)]) {
    let checked = check_texts(files);
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        tthc_cli::cli::human::render(&checked, Lang::En, false)
    );
    assert!(
        checked
            .catalogue
            .procedures
            .iter()
            .all(|p| !p.versions.is_empty())
    );
    let law = common::law::read(files);
    for d in &law.decisions {
        let encoded = law.encoded_items(&d.number);
        let mut once = encoded.clone();
        once.dedup();
        assert_eq!(encoded, once, "an item of {} is encoded twice", d.number);
        let announced = law.announced_items(&d.number);
        if !announced.is_empty() {
            assert_eq!(encoded, announced, "the items of {}", d.number);
        }
    }
}

#[test]
fn bundled_catalogue_is_sound() {
    assert_sound(&catalogue_files());
    // The bundled copy checks as the files on disk do (see the next test).
    let checked = check::check(tthc::bundled::procedure_inputs(), &CheckOptions::default());
    assert!(checked.diagnostics.is_empty());
}

/// Issue 21, item 17: a correct decision added to the catalogue keeps the suite green.
/// The fictional 2222/QĐ-UBND (items "1"–"3" as the README writes them, A.1–A.3 moved to
/// commune level, A.15 repealed) laid over a copy of the bundled catalogue is as sound;
/// its worked examples and the 1086 ones pass under `tthc test`.
#[test]
fn a_correct_amendment_over_the_bundled_catalogue_is_sound() {
    let dir = common::catalogue_with_2222("sound");
    let files = common::catalogue_files_in(&dir.join("procedures"));
    assert!(files.iter().any(|(p, _)| p.contains("2222-QD-UBND")));
    assert_sound(&files);
    let o = common::tthc_in(&dir, &["test", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    assert_eq!(o.status.code(), Some(0), "{v:#}");
    assert_eq!(v["failed"], 0, "{v:#}");
    // Every example of every decision's folder ran, the three of 2222 among them.
    let written: usize = std::fs::read_dir(dir.join("procedures"))
        .unwrap()
        .map(|e| e.unwrap().path().join("examples.yaml"))
        .filter(|p| p.is_file())
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter(|l| l.trim_start().starts_with("- procedure:"))
                .count()
        })
        .sum();
    assert_eq!(v["examples"].as_u64(), Some(written as u64), "{v:#}");
}

/// The catalogue compiled into the binary is `procedures/` as it is on disk, file for
/// file and byte for byte (a stale build would serve an old catalogue).
#[test]
fn the_bundled_copy_is_procedures_on_disk() {
    let bundled: Vec<(String, Vec<u8>)> = tthc::bundled::procedure_inputs()
        .into_iter()
        .map(|i| (i.path, i.bytes))
        .collect();
    let on_disk: Vec<(String, Vec<u8>)> = catalogue_files()
        .into_iter()
        .map(|(p, t)| (p.replace('\\', "/"), t.into_bytes()))
        .collect();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&bundled), names(&on_disk));
    for ((path, a), (_, b)) in bundled.iter().zip(&on_disk) {
        assert!(a == b, "{path} differs between the binary and the disk");
    }
}

#[test]
fn catalogue_is_in_canonical_layout() {
    for (path, text) in catalogue_files() {
        let formatted = tthc::format::format_text(&path, &text).expect("parses");
        assert_eq!(
            formatted, text,
            "{path} is not formatted; run `cargo run -- fmt`"
        );
    }
}

/// Every `<number> day(s)` on a step line (an allotment), and on the total line when some
/// step has a time (a total standing alone has nothing to be checked against), as
/// (byte offset of the number, its text).
fn allotments(text: &str) -> Vec<(usize, String)> {
    // The numbers only: the decision's words kept after `printed` are not allotments.
    let steps_timed = text.lines().any(|l| {
        let code = l.split('#').next().unwrap_or("");
        let code = code.split(" printed ").next().unwrap_or(code);
        code.trim_start().starts_with("step ")
            && code
                .rsplit('"')
                .next()
                .is_some_and(|rest| rest.contains("day"))
    });
    let mut out = Vec::new();
    for (line_start, line) in text.split_inclusive('\n').scan(0, |pos, l| {
        let s = *pos;
        *pos += l.len();
        Some((s, l))
    }) {
        let code = line.split('#').next().unwrap_or("");
        let code = code.split(" printed ").next().unwrap_or(code);
        let is_step = code.trim_start().starts_with("step ");
        let is_total = code.trim_start().starts_with("total ");
        if !(is_step || (is_total && steps_timed)) {
            continue;
        }
        // Skip the quoted name so digits inside it are not taken for times.
        let after_quotes = code.rfind('"').map_or(0, |i| i + 1);
        let bytes = code.as_bytes();
        let mut i = after_quotes;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_digit() || matches!(bytes[i], b'.' | b',' | b'/'))
                {
                    i += 1;
                }
                let num = code[start..i].trim_end_matches([',', '.']).to_string();
                if code[i..].trim_start().starts_with("day") {
                    out.push((line_start + start, num));
                }
            }
            i += 1;
        }
    }
    out
}

#[test]
fn changing_any_allotment_is_reported_on_the_changed_line() {
    let files = catalogue_files();
    let mut tried = 0;
    for (fi, (path, text)) in files.iter().enumerate() {
        for (offset, num) in allotments(text) {
            // Add one working day: always a different, still well-formed value.
            let changed = format!("1+{num}");
            let replacement = match tthc::days::Days::parse(&num) {
                Ok(d) => (d + tthc::days::Days::whole(1)).to_string(),
                Err(_) => panic!("{path}: unreadable number {num} ({changed})"),
            };
            let mut mutated = files.clone();
            let mut t = text.clone();
            t.replace_range(offset..offset + num.len(), &replacement);
            mutated[fi].1 = t.clone();
            let checked = check_texts(&mutated);
            let line = text[..offset].matches('\n').count() + 1;
            assert!(
                checked.errors() > 0,
                "{path}:{line}: {num} → {replacement} was not reported"
            );
            let f = &checked.files[fi];
            let hit = checked.diagnostics.iter().any(|d| {
                (d.loc.file == fi && f.line_of(d.loc.span.start) == line)
                    || d.labels
                        .iter()
                        .any(|l| l.loc.file == fi && f.line_of(l.loc.span.start) == line)
            });
            assert!(
                hit,
                "{path}:{line}: {num} → {replacement}: no diagnostic points at the changed line:\n{}",
                tthc_cli::cli::human::render(&checked, Lang::En, false)
            );
            tried += 1;
        }
    }
    assert!(tried > 100, "only {tried} allotments found");
}

#[test]
fn truncated_catalogue_files_are_reported_not_panicked_on() {
    for (path, text) in catalogue_files() {
        let Some(open) = text.find("procedure ") else {
            continue;
        };
        let close = text.rfind('}').unwrap();
        let mut cut = open + 10;
        while cut < close {
            if text.is_char_boundary(cut) {
                let checked = check_texts(&[(path.clone(), text[..cut].to_string())]);
                assert!(checked.errors() > 0, "{path} cut at {cut} was accepted");
            }
            cut += 97;
        }
    }
}

#[test]
fn as_printed_a4_row_is_pointed_at() {
    let mut files: Vec<(String, String)> = catalogue_files()
        .into_iter()
        .filter(|(p, _)| {
            let p = p.replace('\\', "/");
            p.ends_with("roles.tthc") || p.ends_with("1086-QD-UBND/decision.tthc")
        })
        .collect();
    let fixture = "tests/fixtures/as-printed/a04-shifted.tthc";
    files.push((
        fixture.to_string(),
        std::fs::read_to_string(fixture).unwrap(),
    ));
    let checked = check_texts(&files);
    assert_eq!(checked.errors(), 1);
    assert_eq!(checked.diagnostics[0].code, "TTHC012");
    common::snapshot_settings("catalogue").bind(|| {
        insta::assert_snapshot!(
            "as_printed_a04",
            tthc_cli::cli::human::render(&checked, Lang::En, false)
        );
        insta::assert_snapshot!(
            "as_printed_a04_json",
            report::json::render(&checked, Lang::Vi)
        );
    });
}
