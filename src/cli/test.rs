//! `tthc test`: runs the worked examples (`examples.yaml`) against the catalogue and
//! calendars `tthc due` uses. The logic is in [`tthc::examples`]; this reads the files.

use super::EXIT_CANNOT_RUN;
use super::catalogue::say_used;
use super::human;
use std::path::PathBuf;
use std::process::ExitCode;
use tthc::examples::{self, Example, FileError};
use tthc::service::{LoadError, Sources};
use tthc::text::{Lang, Text};

/// Output formats of `tthc test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each failure with expected and computed side by side, then the counts.
    Human,
    /// `{"examples": N, "passed": P, "failed": F, "failures": [...]}`.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::…`).
    Github,
}

/// Arguments of `tthc test`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Catalogue folders (searched for `examples.yaml`) or example files. The examples
    /// run against the catalogue these paths belong to, with its calendars. Default:
    /// ./procedures when it exists, else the catalogue bundled in tthc.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

fn file_error(e: &FileError, format: Format, lang: Lang) -> ExitCode {
    match format {
        Format::Github => print!("{}", examples::github_file_error(e)),
        _ => eprintln!("{}: {}", lang.pick("error", "lỗi"), e.render(lang)),
    }
    ExitCode::from(EXIT_CANNOT_RUN)
}

/// Runs `tthc test`: exit 0 when every example passes, 1 when one fails, 2 when the
/// examples could not be run (a file unreadable or malformed, the catalogue invalid).
pub fn run(args: Args, lang: Lang) -> ExitCode {
    // An example file named directly runs against the catalogue of its folder.
    let catalogue_paths: Vec<PathBuf> = args
        .paths
        .iter()
        .map(|p| {
            if p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                p.parent()
                    .map(|d| {
                        if d.as_os_str().is_empty() {
                            PathBuf::from(".")
                        } else {
                            d.to_path_buf()
                        }
                    })
                    .unwrap_or_else(|| PathBuf::from("."))
            } else {
                p.clone()
            }
        })
        .collect();
    let snap = match (Sources {
        procedures: catalogue_paths,
        calendars: None,
    })
    .load()
    {
        Ok(s) => s,
        Err(e) => {
            let m = match &e {
                LoadError::Catalogue(checked) => human::render(checked, lang, false),
                LoadError::Source(_) => e.render_plain(lang),
            };
            match e {
                LoadError::Source(_) => eprintln!("{}: {m}", lang.pick("error", "lỗi")),
                LoadError::Catalogue(_) => {
                    eprint!("{m}");
                    eprintln!(
                        "{}",
                        lang.pick(
                            "error: the catalogue has errors, so its examples cannot run",
                            "lỗi: danh mục có lỗi nên không chạy được các ví dụ",
                        )
                    );
                }
            }
            return ExitCode::from(EXIT_CANNOT_RUN);
        }
    };
    if args.format != Format::Json {
        say_used(lang, &snap.origin, Some(&snap.calendar_source));
    }

    // The example files: those under the paths named, else those of the catalogue used.
    let files: Vec<(String, String)> = if args.paths.is_empty() {
        match snap.origin.folder() {
            Some(dir) => match read_files(&[dir.to_path_buf()]) {
                Ok(f) => f,
                Err(e) => return file_error(&e, args.format, lang),
            },
            None => tthc::bundled::example_files(),
        }
    } else {
        match read_files(&args.paths) {
            Ok(f) => f,
            Err(e) => return file_error(&e, args.format, lang),
        }
    };
    if files.is_empty() {
        let t = Text::new(
            format!(
                "no `{}` file found: there are no examples to run (see docs/examples.md)",
                examples::FILE_NAME
            ),
            format!(
                "không thấy tệp `{}`: không có ví dụ nào để chạy (xem docs/examples.md)",
                examples::FILE_NAME
            ),
        );
        eprintln!("{}: {}", lang.pick("error", "lỗi"), t.get(lang));
        return ExitCode::from(EXIT_CANNOT_RUN);
    }
    let mut all: Vec<Example> = Vec::new();
    for (path, text) in &files {
        match examples::parse(path, text) {
            Ok(mut ex) => all.append(&mut ex),
            Err(e) => return file_error(&e, args.format, lang),
        }
    }
    let outcomes = examples::run(&snap.catalogue, &snap.calendars, &all);
    let out = match args.format {
        Format::Human => examples::render_human(&outcomes, lang),
        Format::Json => examples::render_json(&outcomes),
        Format::Github => examples::render_github(&outcomes),
    };
    print!("{out}");
    if outcomes.iter().all(examples::Outcome::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reads the example files under `paths` as (path as written, text).
fn read_files(paths: &[PathBuf]) -> Result<Vec<(String, String)>, FileError> {
    let found = tthc::sources::example_files(paths).map_err(|e| FileError {
        file: paths
            .iter()
            .map(|p| tthc::sources::display(p))
            .collect::<Vec<_>>()
            .join(", "),
        line: None,
        message: e.text(),
    })?;
    found
        .into_iter()
        .map(|p| {
            let name = tthc::sources::display(&p);
            std::fs::read_to_string(&p)
                .map(|t| (name.clone(), t))
                .map_err(|e| FileError {
                    file: name,
                    line: None,
                    message: Text::new(
                        format!("cannot read the file: {e}"),
                        format!("không đọc được tệp: {e}"),
                    ),
                })
        })
        .collect()
}
