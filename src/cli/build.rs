//! `tthc build`.

use super::catalogue::{self, say_used};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tthc::diagnostic::Lang;
use tthc::emit::{self, out_dir};

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
    /// Where the review tables link each row's file and line: the address the catalogue's
    /// files are published under (e.g. a repository's `https://…/blob/main/`), followed
    /// by each file's path and `#L` and the line. Default: a relative link from the
    /// output folder to the files on disk (none for the bundled catalogue).
    #[arg(long, value_name = "URL")]
    source_url: Option<String>,
}

/// What the review tables' row links start with (see [`tthc::emit::Sources`]).
fn link_base(
    args: &Args,
    origin: &tthc::sources::Origin,
    files: &[tthc::syntax::source::SourceFile],
) -> Option<String> {
    if let Some(url) = &args.source_url {
        let mut url = url.clone();
        if !url.ends_with('/') {
            url.push('/');
        }
        return Some(url);
    }
    if matches!(origin, tthc::sources::Origin::Bundled) {
        return None;
    }
    // Paths are as the files were named on the command line: absolute ones link as
    // file URLs, relative ones through the way back from the review folder.
    if files
        .first()
        .is_some_and(|f| Path::new(&f.path).is_absolute())
    {
        return Some("file://".to_string());
    }
    let cwd = std::env::current_dir().ok()?;
    let review = lexical(&cwd.join(&args.out).join("review"));
    let cwd = lexical(&cwd);
    let common = review
        .components()
        .zip(cwd.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut base = "../".repeat(review.components().count() - common);
    for c in cwd.components().skip(common) {
        base.push_str(&c.as_os_str().to_string_lossy());
        base.push('/');
    }
    Some(base)
}

/// A path with `.` and `..` resolved without touching the disk (the output folder may
/// not exist yet).
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
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
        eprint!("{}", super::human::render(&checked, lang, color));
    }
    let focus = checked.focus.clone();
    let files = checked.files.clone();
    let mut catalogue = match checked.into_valid() {
        Ok(c) => c,
        Err(_) => return ExitCode::from(1),
    };
    if let Some(focus) = focus {
        catalogue.procedures.retain(|p| focus.contains(&p.loc.file));
    }
    let working_day = match catalogue::calendars(None, &source.origin, lang) {
        Ok((_, cals)) => match cals.get(tthc::calendar::DEFAULT_CALENDAR) {
            Ok(c) => emit::WorkingDay::of(c),
            Err(e) => {
                return super::cannot_run(lang, &e.to_string(), &e.to_string());
            }
        },
        Err(e) => return super::load_failed(e),
    };
    let sources = emit::Sources {
        link_base: link_base(&args, &source.origin, &files),
        files,
    };
    let options = emit::Options {
        working_day,
        sources,
    };
    let output = match emit::build(&catalogue, &options) {
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
