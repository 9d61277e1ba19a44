//! `tthc build`.

use super::catalogue::{self, say_used};
use crate::diagnostic::Lang;
use crate::emit::{self, out_dir};
use crate::report;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `tthc build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or folders to build (folders are searched for *.tthc); a path inside a
    /// catalogue builds its procedures with the whole catalogue as context. Default:
    /// ./procedures when it exists, else the catalogue bundled in tthc.
    paths: Vec<PathBuf>,
    /// Output folder. It may not be, contain or lie inside the catalogue. A folder
    /// written by an earlier build is replaced (only the files that build listed in
    /// tthc-manifest.json); any other non-empty folder is refused unless --force.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write into a non-empty folder that no build wrote, and overwrite files the last
    /// build did not write or that were edited since. Never touches the catalogue.
    #[arg(long)]
    force: bool,
}

/// Runs `tthc build`: check, build everything in memory, then write the output folder.
pub fn run(args: Args, lang: Lang) -> ExitCode {
    let (source, checked) = match catalogue::check_paths(&args.paths, None, lang) {
        Ok(c) => c,
        Err(e) => return super::load_failed(e),
    };
    say_used(lang, &source.origin, None);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if !checked.diagnostics.is_empty() || checked.elsewhere != (0, 0) {
        // Warnings do not stop the build, but are shown; errors stop it before anything is written.
        eprint!("{}", report::human::render(&checked, lang, color));
    }
    let focus = checked.focus.clone();
    let mut catalogue = match checked.into_valid() {
        Ok(c) => c,
        Err(_) => return ExitCode::from(1),
    };
    if let Some(focus) = focus {
        catalogue.procedures.retain(|p| focus.contains(&p.loc.file));
    }
    let working_day = match catalogue::calendars(None, &source.origin, lang) {
        Ok((_, cals)) => match cals.get(crate::calendar::DEFAULT_CALENDAR) {
            Ok(c) => emit::WorkingDay::of(c),
            Err(e) => {
                return super::cannot_run(lang, &e.to_string(), &e.to_string());
            }
        },
        Err(e) => return super::load_failed(e),
    };
    let output = match emit::build(&catalogue, &emit::Options { working_day }) {
        Ok(o) => o,
        Err(e) => {
            return super::cannot_run(
                lang,
                &format!("cannot build: {e}"),
                &format!("không tạo được đầu ra: {e}"),
            );
        }
    };
    let options = out_dir::WriteOptions {
        force: args.force,
        sources: source.read_from.clone(),
    };
    let written = match out_dir::write(&output, &args.out, &options) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}: {}", lang.pick("error", "lỗi"), e.text().get(lang));
            return ExitCode::from(super::EXIT_CANNOT_RUN);
        }
    };
    let (n, out) = (written.files, args.out.display());
    match lang {
        Lang::En => println!("wrote {n} files to {out}"),
        Lang::Vi => println!("đã ghi {n} tệp vào {out}"),
    }
    if written.removed > 0 {
        let r = written.removed;
        match lang {
            Lang::En => {
                println!("removed {r} files of the previous build that this one no longer has")
            }
            Lang::Vi => println!("đã xóa {r} tệp của lần dựng trước không còn trong lần này"),
        }
    }
    if !written.kept.is_empty() {
        let k = written.kept.len();
        match lang {
            Lang::En => println!("left {k} files that tthc did not write as they were"),
            Lang::Vi => println!("giữ nguyên {k} tệp không do tthc tạo ra"),
        }
    }
    ExitCode::SUCCESS
}
