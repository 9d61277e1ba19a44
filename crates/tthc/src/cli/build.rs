//! `tthc build`.

use super::{cannot_read, cannot_run, files};
use crate::check::{self, CheckOptions};
use crate::diagnostic::Lang;
use crate::emit;
use crate::report;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `tthc build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to build (folders are searched for *.tthc); default: the bundled catalogue.
    paths: Vec<PathBuf>,
    /// Output folder; replaced as a whole only when the build succeeds.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `tthc build`: check, build everything in memory, then replace the output folder.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let inputs = match files::inputs(&args.paths) {
        Ok(i) => i,
        Err(u) => return cannot_read(lang, &u),
    };
    let checked = check::check(inputs, &CheckOptions::bundled());
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if !checked.diagnostics.is_empty() {
        // Warnings do not stop the build, but are shown; errors stop it before anything is written.
        eprint!("{}", report::human::render(&checked, lang, color));
    }
    let catalogue = match checked.into_valid() {
        Ok(c) => c,
        Err(_) => return ExitCode::from(1),
    };
    let options = emit::Options {
        working_day: crate::bundled::calendars()
            .ok()
            .and_then(|c| {
                c.get(crate::calendar::DEFAULT_CALENDAR)
                    .ok()
                    .map(emit::WorkingDay::of)
            })
            .unwrap_or_default(),
    };
    let output = match emit::build(&catalogue, &options) {
        Ok(o) => o,
        Err(e) => {
            return cannot_run(
                lang,
                &format!("cannot build: {e}"),
                &format!("không tạo được đầu ra: {e}"),
            );
        }
    };
    if let Err(e) = emit::write_atomically(&output, &args.out) {
        return cannot_run(
            lang,
            &format!("cannot write {}: {e}", args.out.display()),
            &format!("không ghi được {}: {e}", args.out.display()),
        );
    }
    let n = output.files.len();
    match lang {
        Lang::En => println!("wrote {n} files to {}", args.out.display()),
        Lang::Vi => println!("đã ghi {n} tệp vào {}", args.out.display()),
    }
    ExitCode::SUCCESS
}
