//! The formatter changes layout, never meaning: `parse(fmt(x))` means what `parse(x)` means,
//! for every catalogue file and for generated procedures; and `fmt` is idempotent.

mod common;

use proptest::prelude::*;
use tthc::check::{self, CheckOptions, Input};

/// What a text means: the lowered catalogue (places excluded) and its comments, in order.
fn meaning(text: &str) -> (serde_json::Value, Vec<String>) {
    let checked = check::check(
        vec![Input {
            path: "t.tthc".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        &CheckOptions::default(),
    );
    assert!(
        checked.diagnostics.iter().all(|d| d.code != "TTHC001"),
        "does not parse:\n{text}"
    );
    let comments = text
        .lines()
        .filter_map(|l| {
            let mut in_str = false;
            let mut esc = false;
            for (i, c) in l.char_indices() {
                match c {
                    _ if esc => esc = false,
                    '\\' if in_str => esc = true,
                    '"' => in_str = !in_str,
                    '#' if !in_str => return Some(l[i..].trim_end().to_string()),
                    _ => {}
                }
            }
            None
        })
        .collect();
    (serde_json::to_value(&checked.catalogue).unwrap(), comments)
}

fn assert_preserves(text: &str) {
    let formatted = tthc::format::format_text("t.tthc", text).expect("parses");
    assert_eq!(
        meaning(&formatted),
        meaning(text),
        "meaning changed:\n{text}\n---\n{formatted}"
    );
    let again = tthc::format::format_text("t.tthc", &formatted).unwrap();
    assert_eq!(again, formatted, "not idempotent");
}

#[test]
fn catalogue_files_keep_their_meaning() {
    for (_, text) in common::catalogue_files() {
        assert_preserves(&text);
    }
}

fn ws() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just(" \n\n  ".to_string()),
        Just("\t".to_string())
    ]
}

fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(String::new()),
        "[a-zđăâêôơư #\"{}]{0,12}".prop_map(|c| format!(" # {c}\n")),
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..40).prop_map(|n| n.to_string()),
        (0u32..40).prop_map(|n| format!("{n:02}")),
        (0u32..30, 1u32..10, prop::bool::ANY)
            .prop_map(|(a, b, comma)| format!("{a}{}{b}", if comma { ',' } else { '.' })),
        (1u32..5, 1u32..9).prop_map(|(a, b)| format!("{a}/{b}")),
    ]
}

fn amount() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (number(), prop_oneof![Just("day"), Just("days"), Just("ngày")]).prop_map(|(n, u)| format!("{n} {u}")),
        1 => prop_oneof![Just("same day".to_string()), Just("trong ngày".to_string())],
    ]
}

fn text() -> impl Strategy<Value = String> {
    // The range À-ỹ also holds bidirectional controls (U+061C…), which a file may not
    // contain at all (TTHC033): the formatter leaves such a file alone, by design.
    "[A-Za-zÀ-ỹđĐ ,./()#-]{0,20}".prop_map(|s| {
        s.chars()
            .filter(|c| *c != '\\' && tthc::text::chars::forbidden(*c).is_none())
            .collect()
    })
}

fn step() -> impl Strategy<Value = String> {
    (
        "[a-z]{1,8}",
        text(),
        "[a-z]{1,6}(-[a-z]{1,4})?",
        prop::option::of(amount()),
        prop::option::of(amount()),
        ws(),
        comment(),
        prop::option::of(printed()),
    )
        .prop_map(|(id, name, role, base, ver, w, c, words)| {
            let mut s = format!("step{w}{id} \"{name}\" by {role}");
            if let Some(b) = base {
                s.push_str(&format!(" {b}"));
                if let Some(v) = ver {
                    s.push_str(&format!(",{w}verification {v}"));
                }
            }
            if let Some(p) = words {
                s.push_str(&format!("{w}{p}"));
            }
            s.push_str(&c);
            s
        })
}

/// `printed "…"` (or its Vietnamese form), with one to three strings.
fn printed() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("printed"), Just("nguyên văn")],
        prop::collection::vec(text(), 1..4),
    )
        .prop_map(|(kw, parts)| {
            let quoted: Vec<String> = parts.iter().map(|p| format!("\"{p}\"")).collect();
            format!("{kw} {}", quoted.join(", "))
        })
}

/// A decision declaration, with the statements the review tables print.
fn decision() -> impl Strategy<Value = String> {
    (
        prop::option::of(text()),
        prop::option::of(prop_oneof![
            Just("cutoff applies to same day"),
            Just("giờ chốt áp dụng cho trong ngày"),
            Just("cutoff applies to every count"),
            Just("giờ chốt   áp dụng cho mọi   thời hạn"),
        ]),
        prop::option::of((prop::bool::ANY, prop::option::of(text()))),
    )
        .prop_map(|(proposal, reach, replaces)| {
            let mut s = "decision \"1/QĐ-UBND\" {\n  signed 2024-04-09\n  effective 2024-04-09\n  issuer \"UBND\"\n".to_string();
            if let Some(p) = proposal {
                s.push_str(&format!("  proposal \"{p}\"\n"));
            }
            if let Some(r) = reach {
                s.push_str(&format!("  {r}\n"));
            }
            if let Some((dated, part)) = replaces {
                s.push_str("  replaces \"9/QĐ-UBND\"");
                if dated {
                    s.push_str(" signed 2023-12-18");
                }
                if let Some(p) = part {
                    s.push_str(&format!(" part \"{p}\""));
                }
                s.push('\n');
            }
            s.push_str("}\n\n");
            s
        })
}

fn procedure() -> impl Strategy<Value = String> {
    (
        "[a-z]{1,10}(-[a-z0-9]{1,5}){0,3}",
        text(),
        prop::option::of("[0-9]\\.[0-9]{6}"),
        amount(),
        prop::option::of("[0-2][0-9]:[0-5][0-9]"),
        prop::option::of(amount()),
        prop::collection::vec(step(), 0..6),
        prop::collection::vec(ws(), 6),
        comment(),
        prop::option::of(text()),
        (
            prop::option::of(printed()),
            prop::option::of(printed()),
            prop::bool::ANY,
            prop::collection::vec(text(), 0..3),
        ),
    )
        .prop_map(
            |(
                id,
                name,
                code,
                total,
                cutoff,
                ver,
                steps,
                w,
                c,
                interp,
                (level, words, undivided, aliases),
            )| {
                let mut s = format!("# tệp sinh tự động\nprocedure {id}{}{{{}", w[0], w[1]);
                s.push_str(&format!("name \"{name}\"{c}{}", w[2]));
                // Other names (`alias`), as one statement with commas.
                if !aliases.is_empty() {
                    let quoted: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
                    s.push_str(&format!(
                        "alias {}{}",
                        quoted.join(&format!(",{}", w[3])),
                        w[2]
                    ));
                }
                if let Some(code) = code {
                    s.push_str(&format!("code {code}{}", w[3]));
                }
                s.push_str("authority commune");
                if let Some(l) = level {
                    s.push_str(&format!(" {l}"));
                }
                s.push_str(&format!(
                    "{}source \"1/QĐ-UBND\" item \"B.1\"{}",
                    w[4], w[5]
                ));
                s.push_str(&format!("total {total}"));
                if let Some(c) = cutoff {
                    s.push_str(&format!(", cutoff {c}"));
                }
                if let Some(v) = ver {
                    s.push_str(&format!(", verification {v}"));
                    if undivided {
                        s.push_str(" undivided");
                    }
                }
                if let Some(p) = words {
                    s.push_str(&format!(" {p}"));
                }
                s.push('\n');
                for st in steps {
                    s.push_str(&st);
                    s.push_str(&w[0]);
                }
                if let Some(i) = interp {
                    s.push_str(&format!("interpreted \"{i}\"\n"));
                }
                s.push_str("}\n");
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_procedures_keep_their_meaning(decision in decision(), p in procedure()) {
        assert_preserves(&format!("{decision}{p}"));
    }

    /// The two keyword sets say the same: a generated procedure translated into
    /// Vietnamese keywords means what it meant, and translates back to the same text.
    #[test]
    fn generated_procedures_translate_losslessly(decision in decision(), p in procedure()) {
        use tthc::format::format_text_in;
        use tthc::text::Lang;
        let text = format!("{decision}{p}");
        let vi = format_text_in("t.tthc", &text, Some(Lang::Vi)).expect("parses");
        let en = format_text_in("t.tthc", &text, Some(Lang::En)).unwrap();
        prop_assert_eq!(format_text_in("t.tthc", &vi, Some(Lang::En)).unwrap(), en.clone());
        prop_assert_eq!(common::placeless(meaning(&vi).0), common::placeless(meaning(&en).0));
        prop_assert_eq!(common::placeless(meaning(&en).0), common::placeless(meaning(&text).0));
    }

    #[test]
    fn checker_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = check::check(vec![Input { path: "x.tthc".into(), bytes }], &CheckOptions::default());
    }

    #[test]
    fn checker_never_panics_on_mangled_procedures(p in procedure(), cut in 0usize..400, junk in "[{}\"#,.a-z0-9 \n]{0,5}") {
        let mut t = p.clone();
        let at = (0..=cut.min(t.len())).rev().find(|i| t.is_char_boundary(*i)).unwrap_or(0);
        t.insert_str(at, &junk);
        let _ = check::check(vec![Input { path: "x.tthc".into(), bytes: t.into_bytes() }], &CheckOptions::default());
    }
}
