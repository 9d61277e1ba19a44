//! `tthc fmt`.

use super::cannot_run;
use std::path::PathBuf;
use std::process::ExitCode;
use tthc::check::{self, CheckOptions};
use tthc::diagnostic::Lang;
use tthc::sources;

/// Arguments of `tthc fmt`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to format; default: ./procedures.
    paths: Vec<PathBuf>,
    /// Change nothing; print a unified diff of what would change and exit 1 if anything would.
    #[arg(long)]
    check: bool,
    /// Write the keywords (and the wording of times) in this set: `vi` (thủ tục, bước, tổng,
    /// ngày…) or `en` (procedure, step, total, days…). Default: keep each file's own set,
    /// the one most of its keywords are written in.
    #[arg(long, value_enum)]
    keywords: Option<KeywordSet>,
}

/// The keyword sets `--keywords` accepts.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum KeywordSet {
    /// English keywords.
    En,
    /// Vietnamese keywords.
    Vi,
}

/// Runs `tthc fmt`.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let paths = if args.paths.is_empty() {
        let dir = PathBuf::from(sources::PROCEDURES_DIR);
        super::catalogue::say_used(lang, &sources::Origin::Folder(dir.clone()), None);
        vec![dir]
    } else {
        args.paths
    };
    let inputs = match sources::tthc_files(&paths).and_then(|p| sources::read(&p)) {
        Ok(i) => i,
        Err(e) => {
            let t = e.text();
            return cannot_run(lang, &t.en, &t.vi);
        }
    };
    let into = args.keywords.map(|k| match k {
        KeywordSet::En => Lang::En,
        KeywordSet::Vi => Lang::Vi,
    });
    let mut differing = 0usize;
    let mut broken = 0usize;
    let mut skipped = 0usize;
    let total = inputs.len();
    for input in inputs {
        let path = input.path.clone();
        let formatted = std::str::from_utf8(&input.bytes)
            .ok()
            .and_then(|t| tthc::format::format_text_in(&path, t, into));
        let Some(formatted) = formatted else {
            // Show why the file cannot be formatted: the checker's syntax diagnostics.
            let checked = check::check(vec![input], &CheckOptions::default());
            for d in checked
                .diagnostics
                .iter()
                .filter(|d| matches!(d.code, "TTHC001" | "TTHC027" | "TTHC033"))
            {
                eprint!("{}", super::human::render_one(&checked, d, lang, false));
            }
            broken += 1;
            continue;
        };
        if formatted.as_bytes() == input.bytes.as_slice() {
            continue;
        }
        differing += 1;
        if args.check {
            print!("{}", diff(&path, &input.bytes, &formatted));
            continue;
        }
        use tthc::fs::ReplaceError;
        match tthc::fs::replace_if_unchanged(
            std::path::Path::new(&path),
            &input.bytes,
            formatted.as_bytes(),
        ) {
            Ok(_) => println!(
                "{}",
                lang.pick(
                    format!("rewrote {path}"),
                    format!("đã định dạng lại {path}")
                )
            ),
            // Someone's edit, a read-only file, something not a file: said, and the
            // other files are still formatted.
            Err(
                e @ (ReplaceError::ChangedMeanwhile(_)
                | ReplaceError::ReadOnly(_)
                | ReplaceError::NotAFile(_)),
            ) => {
                eprintln!(
                    "{}: {}",
                    lang.pick("warning", "cảnh báo"),
                    e.text().get(lang)
                );
                skipped += 1;
            }
            Err(e) => {
                let t = e.text();
                return cannot_run(lang, &t.en, &t.vi);
            }
        }
    }
    if !args.check {
        // What was done, also when nothing was: a silent run reads like a failure.
        let rewritten = differing - skipped;
        let kept = total - differing - broken;
        println!(
            "{}",
            lang.pick(
                format!("{rewritten} file(s) rewritten, {kept} already in the canonical layout"),
                format!("{rewritten} tệp được định dạng lại, {kept} tệp đã đúng định dạng chuẩn"),
            )
        );
    }
    if broken > 0 || skipped > 0 {
        return ExitCode::from(1);
    }
    if args.check && differing > 0 {
        let msg = match lang {
            Lang::En => {
                format!("{differing} file(s) not in the canonical layout; run `tthc fmt` to fix")
            }
            Lang::Vi => {
                format!("{differing} tệp chưa đúng định dạng chuẩn; chạy `tthc fmt` để sửa")
            }
        };
        eprintln!("{msg}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// A unified diff from the file as it is to its canonical layout. A change a line diff
/// cannot show (Unicode normalisation: the same letters in other code points) is said
/// in words, and the diff is of the visible changes.
fn diff(path: &str, before: &[u8], after: &str) -> String {
    let before = String::from_utf8_lossy(before);
    let composed = tthc::text::normal::nfc(&before);
    let mut out = String::new();
    if composed != before {
        out.push_str(&format!(
            "{path}: the text is rewritten in Unicode NFC (composed) form; the letters look the same\n"
        ));
    }
    if composed.as_ref() != after {
        let d = similar::TextDiff::from_lines(composed.as_ref(), after)
            .unified_diff()
            .context_radius(2)
            .header(path, &format!("{path} (formatted)"))
            .to_string();
        out.push_str(&d);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
