//! `tthc build`: the emitted formats (reviewed snapshots for representative procedures),
//! schema validity of every workflow config, determinism, atomicity, and the BPMN files
//! run by SpiffWorkflow (an ignored test: `cargo test --test emit -- --include-ignored`).

mod common;
use common::tthc;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tthc::check::{self, CheckOptions, Input};
use tthc::emit::{self, Options};
use tthc::model::Catalogue;

/// The three representative procedures: same day with cutoff (B.1), verification (B.16),
/// a named variant (A.6 guardianship, `appointed`).
const SAMPLE: [&str; 3] = [
    "b01-dang-ky-khai-sinh.tthc",
    "b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc",
    "a06-dang-ky-giam-ho-co-yeu-to-nuoc-ngoai.tthc",
];
const SAMPLE_IDS: [&str; 3] = [
    "dang-ky-khai-sinh",
    "cap-giay-xac-nhan-tinh-trang-hon-nhan",
    "dang-ky-giam-ho-co-yeu-to-nuoc-ngoai",
];

fn settings() -> insta::Settings {
    common::snapshot_settings("emit")
}

fn valid(inputs: Vec<Input>) -> Catalogue {
    valid_with_files(inputs).0
}

/// The catalogue and the files it was read from (for review tables that show times as
/// written and link rows to their lines).
fn valid_with_files(inputs: Vec<Input>) -> (Catalogue, Vec<tthc::syntax::source::SourceFile>) {
    let checked = check::check(inputs, &CheckOptions::default());
    let files = checked.files.clone();
    match checked.into_valid() {
        Ok(c) => (c, files),
        Err(c) => panic!("catalogue has errors: {:?}", c.diagnostics),
    }
}

/// Build options with the files at hand and row links into a published copy.
fn with_sources(files: Vec<tthc::syntax::source::SourceFile>) -> Options {
    Options {
        sources: emit::Sources {
            files,
            link_base: Some("https://example.org/tthc/blob/main/".to_string()),
        },
        ..Options::default()
    }
}

fn bundled() -> Catalogue {
    valid(tthc::bundled::procedure_inputs())
}

/// The number of versions in the bundled catalogue (one workflow per version), counted
/// from the model, so that a new decision's versions are expected too.
fn bundled_versions() -> usize {
    bundled().procedures.iter().map(|p| p.versions.len()).sum()
}

/// The roles, the decision and the three sample procedures, as one small catalogue.
fn sample() -> Catalogue {
    valid(sample_inputs())
}

fn sample_inputs() -> Vec<Input> {
    let mut files = vec![
        "procedures/roles.tthc".to_string(),
        "procedures/1086-QD-UBND/decision.tthc".to_string(),
    ];
    files.extend(
        SAMPLE
            .iter()
            .map(|f| format!("procedures/1086-QD-UBND/{f}")),
    );
    files
        .into_iter()
        .map(|path| Input {
            bytes: std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
            path,
        })
        .collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tthc-emit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Every file under `root`, by `/`-separated relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn path(id: &str, ext: &str) -> String {
    let dir = if ext == "bpmn" { "bpmn" } else { "workflows" };
    format!("{dir}/{id}@2024-04-09.{ext}")
}

#[test]
fn snapshots_of_every_format_for_representative_procedures() {
    let (cat, files) = valid_with_files(sample_inputs());
    let out = emit::build(&cat, &with_sources(files)).unwrap();
    let mut items = Vec::new();
    for id in SAMPLE_IDS {
        for ext in ["json", "yaml", "bpmn"] {
            items.push((
                format!("{id}_{ext}"),
                out.text(&path(id, ext)).unwrap().to_string(),
            ));
        }
    }
    for (name, file) in [
        ("review_html", "review/1086-qd-ubnd.html"),
        ("review_md", "review/1086-qd-ubnd.md"),
        ("catalogue_json", "catalogue.json"),
    ] {
        items.push((name.to_string(), out.text(file).unwrap().to_string()));
    }
    common::assert_snapshots("emit", items);
}

#[test]
fn the_bundled_catalogue_yields_every_file() {
    let out = emit::build(&bundled(), &Options::default()).unwrap();
    let count = |prefix: &str, ext: &str| {
        out.files
            .keys()
            .filter(|p| p.starts_with(prefix) && p.ends_with(ext))
            .count()
    };
    let versions = bundled_versions();
    assert!(versions >= 37, "Decision 1086's 37 procedures at least");
    assert_eq!(count("workflows/", ".json"), versions);
    assert_eq!(count("workflows/", ".yaml"), versions);
    assert_eq!(count("bpmn/", ".bpmn"), versions);
    assert!(out.files.contains_key("review/1086-qd-ubnd.html"));
    assert!(out.files.contains_key("review/1086-qd-ubnd.md"));
    assert!(out.files.contains_key(emit::SCHEMA_PATH));
    let index: serde_json::Value =
        serde_json::from_str(out.text("catalogue.json").unwrap()).unwrap();
    let procs = index["procedures"].as_array().unwrap();
    assert_eq!(procs.len(), 37);
    let ids: Vec<&str> = procs.iter().map(|p| p["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "catalogue.json lists procedures by id");
    // Every file the index names exists.
    for p in procs {
        for v in p["versions"].as_array().unwrap() {
            for (_, f) in v["files"].as_object().unwrap() {
                let f = f.as_str().unwrap();
                assert!(
                    out.files.contains_key(f),
                    "catalogue.json names missing {f}"
                );
            }
        }
    }
    // The review page has every procedure and flags interpreted rows.
    let md = out.text("review/1086-qd-ubnd.md").unwrap();
    assert_eq!(md.matches("| Bước 1 |").count(), 37);
    assert!(md.contains("| **A** |") && md.contains("| **B** |") && md.contains("| **C** |"));
    let html = out.text("review/1086-qd-ubnd.html").unwrap();
    // Every interpretation is flagged once in each page (plus once in the legend).
    let notes: usize = bundled()
        .procedures
        .iter()
        .flat_map(|p| &p.versions)
        .map(|v| v.interpretations.len())
        .sum();
    assert!(notes > 0);
    assert_eq!(md.matches(emit::review::MARK).count(), notes + 1);
    assert_eq!(html.matches(emit::review::MARK).count(), notes + 1);
    // One authority cell per procedure, spanning its steps as in the decision.
    assert_eq!(html.matches("<td rowspan=").count(), 37);
    assert!(html.contains("<html lang=\"vi\">") && html.contains("@media print"));
    assert!(html.contains("<thead>") && html.contains("tr class=\"step interpreted\""));
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "self-contained"
    );
}

/// The review table reproduces the appendix as printed (source: the decision's text,
/// `shared/sources/qd-1086-2024-quang-ninh-ho-tich.txt`): its column titles (line 50),
/// the part headings (lines 51, 145, 263, Part C's unlike the others), the times with
/// their numbers as printed (A.7's `1/4 ngày`, line 90; C.2's `0,5 ngày` and `02 ngày`,
/// lines 270-272), and a link from each row to its file and line.
#[test]
fn the_review_reproduces_the_appendix_as_printed() {
    let (cat, files) = valid_with_files(tthc::bundled::procedure_inputs());
    let out = emit::build(&cat, &with_sources(files)).unwrap();
    let md = out.text("review/1086-qd-ubnd.md").unwrap();
    assert!(md.contains(
        "| STT | CÁC BƯỚC | TRÌNH TỰ, NỘI DUNG THỰC HIỆN | BỘ PHẬN CÔNG CHỨC THỰC HIỆN | \
         THỜI GIAN THỰC HIỆN (ngày làm việc) | CẤP CÓ THẨM QUYỀN CAO HƠN PHÊ DUYỆT | "
    ));
    for heading in [
        "| **A** | **TTHC THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP HUYỆN (15 TTHC)** |",
        "| **B** | **TTHC THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ (20 TTHC)** |",
        "| **C** | **TTHC thực hiện tại cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử (02 TTHC)** |",
        "**Lĩnh vực Hộ tịch (02 TTHC)**",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    let row = |name: &str| {
        md.lines()
            .skip_while(|l| !l.contains(name))
            .take(5)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let a7 = row("Thủ tục đăng ký chấm dứt giám hộ có yếu tố nước ngoài");
    assert_eq!(a7.matches("| 1/4 ngày |").count(), 2, "{a7}");
    assert!(!md.contains("0,25"));
    let c2 = row("Thủ tục xác nhận thông tin hộ tịch");
    // C.2's verification time is the procedure's as a whole: no step shows a share of it.
    assert!(
        c2.contains("| 0,5 ngày |") && c2.contains("| 02 ngày |") && !c2.contains("9 ngày"),
        "{c2}"
    );
    // Each step row links to the line that writes the step.
    let file = "procedures/1086-QD-UBND/a07-dang-ky-cham-dut-giam-ho-co-yeu-to-nuoc-ngoai.tthc";
    let text = std::fs::read_to_string(file).unwrap();
    let line = 1 + text
        .lines()
        .position(|l| l.trim_start().starts_with("step receive"))
        .unwrap();
    let link = format!("(https://example.org/tthc/blob/main/{file}#L{line})");
    assert!(a7.contains(&link), "{link} in {a7}");
    let html = out.text("review/1086-qd-ubnd.html").unwrap();
    assert!(html.contains(&format!(
        "<a href=\"https://example.org/tthc/blob/main/{file}#L{line}\">"
    )));
    // Who performs a step, as printed: A.2's two alternatives (line 62) and the
    // abbreviation "HCC" of A.5-A.8 and A.10-A.15 (lines 81, 88, …).
    let a2 = row("Thủ tục đăng ký kết hôn có yếu tố nước ngoài");
    assert!(
        a2.contains("| Bộ phận hành chính công chuyên trách của Trung tâm Phục vụ Hành chính công/ nhân viên bưu chính |"),
        "{a2}"
    );
    assert_eq!(
        md.matches("| Bộ phận hành chính công chuyên trách của Trung tâm Phục vụ HCC |")
            .count(),
        10
    );
    // Without the files (a catalogue built some other way) the cells are still the
    // decision's words, which the model keeps.
    let plain = emit::build(&cat, &Options::default()).unwrap();
    let md = plain.text("review/1086-qd-ubnd.md").unwrap();
    assert!(row_has(
        md,
        "Thủ tục đăng ký chấm dứt giám hộ",
        "| 1/4 ngày |"
    ));
    assert!(!md.contains("https://"));
}

fn row_has(md: &str, name: &str, cell: &str) -> bool {
    md.lines()
        .skip_while(|l| !l.contains(name))
        .take(5)
        .any(|l| l.contains(cell))
}

/// A step several roles may perform (A.2's "…/ nhân viên bưu chính"): the config lists
/// the others, and both engines' BPMN attributes name every role as a candidate group.
#[test]
fn a_step_with_several_performers_names_each_in_configs_and_bpmn() {
    let out = emit::build(&bundled(), &Options::default()).unwrap();
    let id = "dang-ky-ket-hon-co-yeu-to-nuoc-ngoai";
    let config: serde_json::Value =
        serde_json::from_str(out.text(&path(id, "json")).unwrap()).unwrap();
    let deliver = &config["steps"][3];
    assert_eq!(deliver["role"]["id"], "district-centre-desk");
    assert_eq!(deliver["other_roles"][0]["id"], "postal-worker");
    assert_eq!(deliver["other_roles"][0]["title"], "Nhân viên bưu chính");
    // A step with one performer says nothing more.
    assert!(config["steps"][0].get("other_roles").is_none());
    let bpmn = out.text(&path(id, "bpmn")).unwrap();
    assert!(bpmn.contains(r#"camunda:candidateGroups="district-centre-desk,postal-worker""#));
    assert!(bpmn.contains(
        r#"<zeebe:assignmentDefinition candidateGroups="district-centre-desk,postal-worker" />"#
    ));
}

#[test]
fn every_emitted_config_matches_the_schema() {
    let out = emit::build(&bundled(), &Options::default()).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(out.text(emit::SCHEMA_PATH).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid schema");
    let mut checked = 0;
    for (path, bytes) in &out.files {
        let text = std::str::from_utf8(bytes).unwrap();
        let value: serde_json::Value = if path.starts_with("workflows/") && path.ends_with(".json")
        {
            serde_json::from_str(text).unwrap()
        } else if path.starts_with("workflows/") && path.ends_with(".yaml") {
            serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"))
        } else {
            continue;
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        checked += 1;
    }
    assert_eq!(checked, 2 * bundled_versions());
    // The schema does reject what it should: a decimal day count, a float of minutes,
    // an unknown field.
    let good: serde_json::Value = serde_json::from_str(
        out.text(&path("cap-giay-xac-nhan-tinh-trang-hon-nhan", "json"))
            .unwrap(),
    )
    .unwrap();
    assert!(validator.is_valid(&good));
    let half = |days: &str, minutes: serde_json::Value| {
        let mut v = good.clone();
        v["steps"][0]["allotment"] = serde_json::json!({
            "kind": "days", "days": days, "numerator": 1, "denominator": 2, "working_minutes": minutes
        });
        v
    };
    assert!(validator.is_valid(&half("1/2", serde_json::json!(240))));
    assert!(!validator.is_valid(&half("0.5", serde_json::json!(240))));
    assert!(!validator.is_valid(&half("1/2", serde_json::json!(240.5))));
    let mut extra = good.clone();
    extra["steps"][0]["allotment"]["hours"] = serde_json::json!(4);
    assert!(!validator.is_valid(&extra));
    let mut extra = good;
    extra["unexpected"] = serde_json::json!(1);
    assert!(!validator.is_valid(&extra));
    settings().bind(|| {
        insta::assert_snapshot!("workflow_schema", out.text(emit::SCHEMA_PATH).unwrap());
    });
}

/// Values of an attribute, in document order.
fn attrs<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    xml.split(pat.as_str())
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn every_bpmn_element_is_drawn_and_tasks_follow_the_steps() {
    let cat = bundled();
    let out = emit::build(&cat, &Options::default()).unwrap();
    for p in &cat.procedures {
        let xml = out.text(&path(&p.id, "bpmn")).unwrap();
        let (model, diagram) = xml.split_once("<bpmndi:BPMNDiagram").unwrap();
        let drawn = attrs(diagram, "bpmnElement");
        let ids: Vec<&str> = attrs(model, "id")
            .into_iter()
            .filter(|id| {
                [
                    "Participant_",
                    "Lane_",
                    "StartEvent_",
                    "Task_",
                    "EndEvent_",
                    "Flow_",
                ]
                .iter()
                .any(|p| id.starts_with(p))
            })
            .collect();
        for id in &ids {
            assert!(drawn.contains(id), "{}: {id} has no shape or edge", p.id);
        }
        let v = &p.versions[0];
        let tasks: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|i| i.starts_with("Task_"))
            .collect();
        let steps: Vec<String> = v.steps.iter().map(|s| format!("Task_{}", s.id)).collect();
        assert_eq!(tasks, steps, "{}", p.id);
        assert_eq!(
            ids.iter().filter(|i| i.starts_with("Flow_")).count(),
            v.steps.len() + 1
        );
        for s in &v.steps {
            let var = format!("due_{}", s.id.replace('-', "_"));
            assert!(xml.contains(&format!("camunda:dueDate=\"${{{var}}}\"")));
            assert!(xml.contains(&format!("<zeebe:taskSchedule dueDate=\"={var}\" />")));
        }
        assert!(xml.contains("isExecutable=\"true\" camunda:historyTimeToLive=\"P180D\""));
    }
}

#[test]
fn yaml_and_json_say_the_same() {
    let out = emit::build(&sample(), &Options::default()).unwrap();
    for id in SAMPLE_IDS {
        let j: serde_json::Value =
            serde_json::from_str(out.text(&path(id, "json")).unwrap()).unwrap();
        let y: serde_json::Value =
            serde_saphyr::from_str(out.text(&path(id, "yaml")).unwrap()).unwrap();
        assert_eq!(j, y, "{id}");
    }
}

#[test]
fn two_builds_are_byte_identical_and_match_the_library() {
    let base = temp_dir("determinism");
    let (a, b) = (base.join("a"), base.join("b"));
    for d in [&a, &b] {
        let o = tthc(&[
            "build",
            "--out",
            d.to_str().unwrap(),
            "--source-url",
            "https://example.org/tthc/blob/main",
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(String::from_utf8_lossy(&o.stdout).starts_with("wrote "));
    }
    let (mut ta, tb) = (tree(&a), tree(&b));
    // A workflow (JSON, YAML) and a BPMN process per version, two review pages per
    // decision, catalogue.json, the schema and the manifest.
    let decisions = bundled().decisions.len();
    assert_eq!(
        ta.len(),
        bundled_versions() * 3 + 2 * decisions + 2 + 1,
        "{:?}",
        ta.keys()
    );
    assert!(ta == tb, "two builds differ");
    // Besides what emit::build returns, a build writes only its manifest.
    let manifest: serde_json::Value =
        serde_json::from_slice(&ta.remove(emit::out_dir::MANIFEST).unwrap()).unwrap();
    // The working copy's files are the bundled ones, named alike (`procedures/…`).
    let (cat, files) = valid_with_files(tthc::bundled::procedure_inputs());
    let lib = emit::build(&cat, &with_sources(files)).unwrap();
    assert!(
        ta == lib.files,
        "the binary wrote something else than emit::build returns"
    );
    let listed: Vec<&String> = manifest["files"].as_object().unwrap().keys().collect();
    assert_eq!(listed, lib.files.keys().collect::<Vec<_>>());
    // Nothing is left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "a" && n != "b")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_catalogue_with_errors_leaves_the_previous_output_untouched() {
    let base = temp_dir("atomic");
    let out = base.join("out");
    let o = tthc(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let before = tree(&out);

    let src = base.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy("procedures/roles.tthc", src.join("roles.tthc")).unwrap();
    std::fs::copy(
        "procedures/1086-QD-UBND/decision.tthc",
        src.join("decision.tthc"),
    )
    .unwrap();
    let broken = std::fs::read_to_string(
        "procedures/1086-QD-UBND/b16-cap-giay-xac-nhan-tinh-trang-hon-nhan.tthc",
    )
    .unwrap()
    .replace(
        "02 days, verification 22 days",
        "03 days, verification 22 days",
    );
    std::fs::write(src.join("b16.tthc"), broken).unwrap();

    let o = tthc(&[
        "build",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("b16.tthc"),
        "diagnostics name the file:\n{stderr}"
    );
    assert!(stderr.contains("error"), "{stderr}");
    assert!(o.stdout.is_empty());
    assert!(tree(&out) == before, "the previous output changed");
    let names: Vec<_> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n == "out" || n == "src"),
        "left behind: {names:?}"
    );

    // A clean build then replaces what the last one wrote and nothing else: a file
    // someone put beside it survives.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = tthc(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    let mut after = tree(&out);
    after.remove("notes.txt");
    assert!(after == before);
    let _ = std::fs::remove_dir_all(&base);
}

/// A real workflow engine runs every emitted process. `.ci/run` installs SpiffWorkflow
/// and runs this with `--include-ignored`; `TTHC_PYTHON` names the interpreter.
#[test]
#[ignore = "needs SpiffWorkflow"]
fn spiffworkflow_runs_every_process() {
    let base = temp_dir("spiff");
    let out = base.join("out");
    let o = tthc(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let python = std::env::var("TTHC_PYTHON").unwrap_or_else(|_| "python3".into());
    let run = Command::new(&python)
        .arg("tests/bpmn/run_spiff.py")
        .arg(out.join("bpmn"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "SpiffWorkflow failed");
    assert!(stdout.contains("37/37 processes ran to completion"));
    let _ = std::fs::remove_dir_all(&base);
}
