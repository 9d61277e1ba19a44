//! `tthc explain`.

use super::cannot_run;
use crate::check::rules::{self, Rule};
use crate::diagnostic::Lang;
use std::process::ExitCode;

/// Arguments of `tthc explain`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule code such as TTHC012 (or just 12); omit to list every rule.
    code: Option<String>,
}

/// The documentation of one rule, as printed by `tthc explain`.
pub fn text(rule: &Rule, lang: Lang) -> String {
    let (summary, explanation, kind, wrong, right) = match lang {
        Lang::En => (
            rule.summary_en,
            rule.explanation_en,
            rule.severity.as_str(),
            "Reported:",
            "Fixed:",
        ),
        Lang::Vi => (
            rule.summary_vi,
            rule.explanation_vi,
            match rule.severity {
                crate::diagnostic::Severity::Error => "lỗi",
                crate::diagnostic::Severity::Warning => "cảnh báo",
            },
            "Bị báo:",
            "Đã sửa:",
        ),
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
                println!("{}  {:<8} {}", r.code, r.severity.as_str(), summary);
            }
            ExitCode::SUCCESS
        }
        Some(code) => match rules::find(&code) {
            Some(r) => {
                print!("{}", text(r, lang));
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
