//! The editor support in `editors/` stays in step with the language: the VS Code
//! extension's TextMate grammar highlights exactly the keywords `syntax::keywords`
//! defines, in both sets, and its manifest points at the files that exist.

use std::collections::BTreeSet;
use tthc::syntax::keywords::KEYWORDS;

const GRAMMAR: &str = "editors/vscode/syntaxes/tthc.tmLanguage.json";

fn read_json(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The keyword forms the grammar's `keywords` patterns match, with the grammar's
/// "any spaces or tabs" between words written as one space (as `KEYWORDS` writes them).
///
/// The `regex` crate is not a dependency, so the patterns are read as text: each must be
/// `(?<![\w-])(?:A|B|…)(?![\w-])` with plain words as alternatives. That shape is checked
/// too, so a pattern this reading would misunderstand fails the test instead of passing it.
fn grammar_keywords() -> Vec<String> {
    let grammar = read_json(GRAMMAR);
    let patterns = grammar["repository"]["keywords"]["patterns"]
        .as_array()
        .expect("repository.keywords.patterns is a list");
    assert!(!patterns.is_empty());
    let mut forms = Vec::new();
    for p in patterns {
        let re = p["match"].as_str().expect("a keyword pattern is a `match`");
        let inner = re
            .strip_prefix(r"(?<![\w-])(?:")
            .and_then(|r| r.strip_suffix(r")(?![\w-])"))
            .unwrap_or_else(|| panic!("not a guarded alternation of words: {re}"));
        for alt in inner.split('|') {
            let words: Vec<&str> = alt.split(r"[ \t]+").collect();
            for w in &words {
                assert!(
                    !w.is_empty() && w.chars().all(char::is_alphabetic),
                    "`{alt}` in {re}: each word must be letters only, words joined by [ \\t]+"
                );
            }
            forms.push(words.join(" "));
        }
    }
    forms
}

#[test]
fn the_grammar_highlights_every_keyword_in_both_languages_and_nothing_else() {
    let in_grammar = grammar_keywords();
    let listed: BTreeSet<&str> = in_grammar.iter().map(String::as_str).collect();
    assert_eq!(listed.len(), in_grammar.len(), "a form is listed twice");
    let defined: BTreeSet<&str> = KEYWORDS.iter().flat_map(|k| [k.en, k.vi]).collect();
    let missing: Vec<_> = defined.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&defined).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not highlighted: {missing:?}; highlighted but not keywords: {extra:?}"
    );
}

#[test]
fn multi_word_vietnamese_keywords_allow_any_spaces_or_tabs_between_words() {
    // The pest grammar accepts `thủ   tục` and `thủ\ttục`; a literal space in the
    // TextMate pattern would leave those unhighlighted.
    let grammar = read_json(GRAMMAR);
    for p in grammar["repository"]["keywords"]["patterns"]
        .as_array()
        .unwrap()
    {
        let re = p["match"].as_str().unwrap();
        assert!(!re.contains(' ') || re.contains(r"[ \t]+"), "{re}");
        assert!(!re.replace(r"[ \t]+", "").contains(' '), "{re}");
    }
    let several_words = KEYWORDS.iter().filter(|k| k.vi.contains(' ')).count();
    assert!(
        several_words > 10,
        "the table has many two-word Vietnamese forms"
    );
}

#[test]
fn the_manifest_names_the_language_grammar_and_settings() {
    let manifest = read_json("editors/vscode/package.json");
    let contributes = &manifest["contributes"];
    let language = &contributes["languages"][0];
    assert_eq!(language["id"], "tthc");
    assert_eq!(language["extensions"][0], ".tthc");
    let grammar = &contributes["grammars"][0];
    assert_eq!(grammar["language"], "tthc");
    assert_eq!(
        grammar["scopeName"],
        read_json(GRAMMAR)["scopeName"],
        "the manifest and the grammar name the same scope"
    );
    for file in [
        &grammar["path"],
        &language["configuration"],
        &manifest["main"],
    ] {
        let rel = file.as_str().unwrap().trim_start_matches("./");
        assert!(
            std::path::Path::new("editors/vscode").join(rel).is_file(),
            "{rel} is missing"
        );
    }
    let settings = &contributes["configuration"]["properties"];
    // Empty: the server bundled in the extension, else `tthc` on PATH (server.js); a
    // machine setting, so that a workspace cannot point it at a program of its own.
    assert_eq!(settings["tthc.path"]["default"], "");
    assert_eq!(settings["tthc.path"]["scope"], "machine");
    assert_eq!(settings["tthc.language"]["default"], "vi");
    assert_eq!(
        settings["tthc.language"]["enum"],
        serde_json::json!(["vi", "en"])
    );
    assert!(
        manifest["activationEvents"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("onLanguage:tthc"))
    );
}

#[test]
fn the_grammar_test_files_are_valid_procedure_files_where_they_copy_the_catalogue() {
    // The bundled-procedure grammar test is the B.16 file verbatim plus assertion
    // comments: with the comments removed it is the catalogue's file.
    let test = std::fs::read_to_string("editors/vscode/tests/bundled-b16.test.tthc").unwrap();
    let body: String = test
        .lines()
        .skip(1)
        .filter(|l| {
            let t = l.trim_start_matches('#').trim_start();
            !(l.starts_with('#') && (t.starts_with('^') || t.starts_with("<-")))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let original = std::fs::read_dir("procedures/1086-QD-UBND")
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("b16-"))
        .expect("the catalogue has item B.16");
    assert_eq!(body, std::fs::read_to_string(original).unwrap());
}
