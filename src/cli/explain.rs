//! `tthc explain`.

use super::cannot_run;
use std::process::ExitCode;
use tthc::check::rules::{self, Rule};
use tthc::diagnostic::Lang;

/// Arguments of `tthc explain`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule code such as TTHC012 (or just 12); omit to list every rule.
    code: Option<String>,
}

fn severity(rule: &Rule, lang: Lang) -> &'static str {
    match (rule.severity, lang) {
        (_, Lang::En) => rule.severity.as_str(),
        (tthc::diagnostic::Severity::Error, Lang::Vi) => "lỗi",
        (tthc::diagnostic::Severity::Warning, Lang::Vi) => "cảnh báo",
    }
}

/// The documentation of one rule, as printed by `tthc explain`.
pub fn text(rule: &Rule, lang: Lang) -> String {
    let kind = severity(rule, lang);
    let (summary, explanation, wrong, right) = match lang {
        Lang::En => (rule.summary_en, rule.explanation_en, "Reported:", "Fixed:"),
        Lang::Vi => (rule.summary_vi, rule.explanation_vi, "Bị báo:", "Đã sửa:"),
    };
    let indent = |s: &str| s.lines().map(|l| format!("    {l}\n")).collect::<String>();
    format!(
        "{} ({}, {kind})\n\n{summary}\n\n{explanation}\n\n{wrong}\n{}\n{right}\n{}",
        rule.code,
        rule.name,
        indent(rule.example),
        indent(rule.fixed)
    )
}

/// Runs `tthc explain`.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    match args.code {
        None => {
            for r in rules::ALL {
                let summary = match lang {
                    Lang::En => r.summary_en,
                    Lang::Vi => r.summary_vi,
                };
                println!("{}  {:<8} {}", r.code, severity(r, lang), summary);
            }
            for (code, en, vi) in rules::RETIRED {
                println!("{code}  {:<8} {}", "-", lang.pick(*en, *vi));
            }
            ExitCode::SUCCESS
        }
        Some(code) => match rules::find(&code) {
            Some(r) => {
                print!("{}", text(r, lang));
                ExitCode::SUCCESS
            }
            None if let Some((c, en, vi)) = rules::retired(&code) => {
                println!("{c}: {}", lang.pick(en, vi));
                ExitCode::SUCCESS
            }
            None => cannot_run(
                lang,
                &format!("there is no rule `{code}`; `tthc explain` lists them all"),
                &format!("không có quy tắc `{code}`; `tthc explain` liệt kê tất cả"),
            ),
        },
    }
}
