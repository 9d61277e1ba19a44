//! `tthc completions SHELL` and `tthc man`: scripts a shell can run and pages `man` reads.

mod common;

use std::path::Path;
use std::process::Command;

fn tthc(args: &[&str]) -> (Option<i32>, String) {
    let o = common::tthc_in(Path::new(env!("CARGO_MANIFEST_DIR")), args);
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

#[test]
fn bash_completes_subcommands_and_format_values() {
    let (code, script) = tthc(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    // Load the script in bash and ask it, as bash does on Tab, for the words that
    // complete `tthc ch` and `tthc check --format `.
    let ask = |words: &str, cword: usize| {
        let program = format!(
            "{script}\nCOMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; \
             COMP_POINT=${{#COMP_LINE}}; _tthc tthc \"${{COMP_WORDS[COMP_CWORD]}}\" \
             \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let o = Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &program])
            .output()
            .expect("bash runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let subcommands = ask("tthc ch", 1);
    assert_eq!(subcommands.lines().collect::<Vec<_>>(), ["check"]);
    let formats = ask("tthc check --format ''", 3);
    let mut formats: Vec<&str> = formats.lines().collect();
    formats.sort();
    assert_eq!(formats, ["github", "human", "json", "sarif"]);
}

#[test]
fn other_shells_get_their_own_scripts() {
    let (code, zsh) = tthc(&["completions", "zsh"]);
    assert_eq!(code, Some(0));
    assert!(
        zsh.starts_with("#compdef tthc"),
        "{}",
        &zsh[..40.min(zsh.len())]
    );
    let (code, fish) = tthc(&["completions", "fish"]);
    assert_eq!(code, Some(0));
    assert!(fish.contains("complete -c tthc"));
    let (code, _) = tthc(&["completions", "tcsh"]);
    assert_eq!(code, Some(2), "an unknown shell is a usage error");
}

#[test]
fn man_prints_the_page_of_tthc_with_its_subcommands() {
    let (code, page) = tthc(&["man"]);
    assert_eq!(code, Some(0));
    assert!(
        page.contains(".TH tthc 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    // Every subcommand is listed, each pointing at its own page.
    for sub in ["check", "fmt", "due", "serve", "completions", "man"] {
        assert!(
            page.contains(&format!("tthc\\-{sub}(1)")),
            "{sub} not listed"
        );
    }
}

#[test]
fn man_writes_one_page_per_subcommand_into_a_folder() {
    let dir = std::env::temp_dir().join(format!("tthc-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (code, out) = tthc(&["man", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(
        out.is_empty(),
        "nothing on stdout when writing files: {out}"
    );
    let check = std::fs::read_to_string(dir.join("tthc-check.1")).unwrap();
    assert!(check.contains(".TH tthc-check 1"));
    assert!(check.contains("sarif"), "the page lists --format's values");
    assert!(dir.join("tthc.1").is_file() && dir.join("tthc-due.1").is_file());
    assert!(
        !dir.join("tthc-help.1").exists(),
        "clap's help subcommand gets no page"
    );
    // groff reads every page without a warning (-k: the pages are UTF-8, Vietnamese
    // included), where groff is installed.
    if Command::new("groff").arg("--version").output().is_ok() {
        for page in std::fs::read_dir(&dir).unwrap() {
            let page = page.unwrap().path();
            let o = Command::new("groff")
                .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
                .arg(&page)
                .output()
                .unwrap();
            let warnings = String::from_utf8_lossy(&o.stderr);
            assert!(
                o.status.success() && warnings.is_empty(),
                "{}: {warnings}",
                page.display()
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
