//! `tthc check`.

use super::catalogue::{self, say_used};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use tthc::diagnostic::Lang;
use tthc::report;
use tthc::sources::Origin;

/// Output formats of `tthc check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable report with source excerpts (coloured in a terminal).
    Human,
    /// One JSON object: {"catalogue", "procedures", "files", "diagnostics": [...]}.
    Json,
    /// GitHub Actions annotations.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning and others).
    Sarif,
}

/// Arguments of `tthc check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to check (folders are searched for *.tthc). A path inside a
    /// catalogue is checked with the whole catalogue, and only its findings are shown.
    /// Default: ./procedures when it exists, else the catalogue bundled in tthc.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Treat warnings as errors (exit 1 when any is found).
    #[arg(long)]
    deny_warnings: bool,
    /// The date whose coverage is checked: a procedure with no version in force on it
    /// is a warning (TTHC034). Default: today (Vietnam time).
    #[arg(long, value_name = "DATE", value_parser = catalogue::parse_date)]
    at: Option<chrono::NaiveDate>,
}

/// Runs `tthc check`.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let at = args.at.unwrap_or_else(catalogue::today_in_vietnam);
    let (source, checked) = match catalogue::check_paths(&args.paths, Some(at), lang) {
        Ok(c) => c,
        Err(e) => return super::load_failed(e),
    };
    let out = match args.format {
        Format::Human => {
            say_used(lang, &source.origin, None);
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            super::human::render(&checked, lang, color)
        }
        Format::Json => report::json::render_for(&checked, lang, Some(&source.origin.to_json())),
        Format::Github => {
            say_used(lang, &source.origin, None);
            report::github::render(&checked, lang)
        }
        Format::Sarif => sarif(&checked, lang, &source.origin),
    };
    print!("{out}");
    let failed = checked.errors() > 0 || (args.deny_warnings && checked.warnings() > 0);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The SARIF log, with locations relative to the catalogue's folder: the folder on disk,
/// or `procedures`, the prefix the bundled catalogue's files are named with.
fn sarif(checked: &tthc::check::Checked, lang: Lang, origin: &Origin) -> String {
    let (root, root_uri) = match origin {
        Origin::Folder(p) => {
            // A consumer resolves the relative locations with this URI; without it
            // (a folder that vanished meanwhile) the log is still valid, only unanchored.
            let uri = std::fs::canonicalize(p).ok().map(|abs| {
                let mut uri = report::sarif::file_uri(&abs.to_string_lossy());
                if !uri.ends_with('/') {
                    uri.push('/');
                }
                uri
            });
            (Some(p.clone()), uri)
        }
        Origin::Bundled => (Some(PathBuf::from("procedures")), None),
        Origin::Files => (None, None),
    };
    report::sarif::render(checked, lang, root.as_deref(), root_uri.as_deref())
}
