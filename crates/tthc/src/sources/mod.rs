//! Where the catalogue and the calendars are read from: folders on disk, or the copies
//! bundled in the binary. This is the one module that reads them; the CLI, the API and
//! the tests all come through it.
//!
//! With no path, a command uses `./procedures` when the current directory has one (so a
//! working copy is what gets checked) and the bundled catalogue otherwise (so an
//! installed `tthc` works anywhere). A path inside a catalogue is read with the whole
//! catalogue around it (see [`root`]: the folder marked by `catalogue.tthc`), and only
//! its own files are in focus.
//!
//! ```no_run
//! use std::path::PathBuf;
//! let source = tthc::sources::catalogue(&[PathBuf::from("procedures/1086-QD-UBND")]).unwrap();
//! println!("{}", source.origin.describe().en); // the catalogue in procedures
//! assert!(source.focus.is_some()); // only that decision's files are reported on
//! ```

mod calendars;
mod error;
pub mod root;
mod version;
mod walk;

pub use calendars::{
    CalendarSource, calendar_files, calendars, calendars_in, irregular_calendar_files,
    load as load_calendars,
};
pub use error::SourceError;
pub use version::content_version;
pub use walk::{EXAMPLES_FILE, Found, example_files, is_irregular, tthc_files, tthc_files_found};

use crate::check::Input;
use crate::text::Text;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folder a working copy keeps its catalogue in.
pub const PROCEDURES_DIR: &str = "procedures";
/// The folder a working copy keeps its calendars in, beside [`PROCEDURES_DIR`].
pub const CALENDARS_DIR: &str = "calendars";

/// Which catalogue a command used, to say so to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The catalogue compiled into the binary.
    Bundled,
    /// A catalogue folder on disk: `./procedures`, or the catalogue a path lies in.
    Folder(PathBuf),
    /// Files or folders that belong to no catalogue folder, read as they are.
    Files,
}

impl Origin {
    /// "the bundled catalogue" / "the catalogue in procedures", in both languages.
    pub fn describe(&self) -> Text {
        match self {
            Origin::Bundled => Text::new(
                "the bundled catalogue (compiled into this tthc)",
                "danh mục kèm theo (biên dịch sẵn trong tthc)",
            ),
            Origin::Folder(p) => Text::new(
                format!("the catalogue in {}", display(p)),
                format!("danh mục trong {}", display(p)),
            ),
            Origin::Files => Text::new("the files given", "các tệp đã chỉ định"),
        }
    }

    /// The JSON form: `{"origin": "bundled"}`, `{"origin": "folder", "path": "procedures"}`
    /// or `{"origin": "files"}`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Origin::Bundled => serde_json::json!({"origin": "bundled"}),
            Origin::Folder(p) => {
                serde_json::json!({"origin": "folder", "path": display(p)})
            }
            Origin::Files => serde_json::json!({"origin": "files"}),
        }
    }

    /// The folder on disk, if the catalogue came from one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Origin::Folder(p) => Some(p),
            _ => None,
        }
    }
}

/// A catalogue read for a command: every file of it, and which of them the user asked about.
#[derive(Debug)]
pub struct CatalogueSource {
    /// Where it came from.
    pub origin: Origin,
    /// Every file of the catalogue, in path order: the context the files in focus are
    /// checked in.
    pub inputs: Vec<Input>,
    /// The paths (as in [`Input::path`]) of the files the user named, when that is less
    /// than the whole catalogue; only their findings are reported.
    pub focus: Option<BTreeSet<String>>,
    /// Everything read from disk: the catalogue folder or the files given. Outputs must
    /// never be written over these.
    pub read_from: Vec<PathBuf>,
    /// Entries named like catalogue files that are not regular files (a named pipe, a
    /// socket), skipped rather than read: the command says so.
    pub skipped: Vec<PathBuf>,
}

/// The catalogue the command line names: `paths`, or the default when there are none.
pub fn catalogue(paths: &[PathBuf]) -> Result<CatalogueSource, SourceError> {
    if paths.is_empty() {
        return default_catalogue();
    }
    let mut roots: BTreeSet<PathBuf> = BTreeSet::new();
    let mut rootless = Vec::new();
    for p in paths {
        std::fs::metadata(p).map_err(|e| SourceError::unreadable(p, &e))?;
        match root::locate(p) {
            Ok(Some(r)) => {
                roots.insert(r);
            }
            Ok(None) => rootless.push(p.clone()),
            Err(root::Ambiguous { inner, outer }) => {
                return Err(SourceError::AmbiguousCatalogue { inner, outer });
            }
        }
    }
    // A catalogue's roles file reads alone as a file of its own; named beside other files
    // of the catalogue it heads (as pre-commit names every staged file), it is one of them.
    rootless.retain(|p| {
        !root::heads(p).is_some_and(|folder| {
            let folder = folder.canonicalize().ok();
            roots.iter().any(|r| r.canonicalize().ok() == folder)
        })
    });
    let named = walk::tthc_files_found(paths)?;
    let mut skipped = named.skipped;
    let named = named.files;
    if named.is_empty() {
        return Err(SourceError::NoFiles(paths[0].clone()));
    }
    match (roots.len(), rootless.first()) {
        (0, _) => Ok(CatalogueSource {
            origin: Origin::Files,
            inputs: read(&named)?,
            focus: None,
            read_from: paths.to_vec(),
            skipped,
        }),
        (1, None) => {
            let root = roots.into_iter().next().expect("one root");
            let whole = walk::tthc_files_found(std::slice::from_ref(&root))?;
            let inputs = read(&whole.files)?;
            let focus = focus_of(&inputs, &named);
            let all = focus.len() == inputs.len();
            skipped.extend(whole.skipped);
            skipped.sort();
            skipped.dedup();
            Ok(CatalogueSource {
                origin: Origin::Folder(root.clone()),
                inputs,
                focus: (!all).then_some(focus),
                read_from: vec![root],
                skipped,
            })
        }
        (_, Some(outside)) => Err(SourceError::MixedCatalogues {
            first: roots.into_iter().next().map(|r| r.display().to_string()),
            second: outside.display().to_string(),
        }),
        (_, None) => {
            let mut it = roots.into_iter();
            Err(SourceError::MixedCatalogues {
                first: it.next().map(|r| r.display().to_string()),
                second: it
                    .next()
                    .map(|r| r.display().to_string())
                    .unwrap_or_default(),
            })
        }
    }
}

/// Where the catalogue `paths` name comes from, for commands that need only its
/// calendars (which sit beside a catalogue folder).
pub fn catalogue_origin(paths: &[PathBuf]) -> Result<Origin, SourceError> {
    catalogue(paths).map(|s| s.origin)
}

/// `./procedures` when the current directory has one, else the bundled catalogue.
fn default_catalogue() -> Result<CatalogueSource, SourceError> {
    let dir = PathBuf::from(PROCEDURES_DIR);
    if !dir.is_dir() {
        return Ok(CatalogueSource {
            origin: Origin::Bundled,
            inputs: crate::bundled::procedure_inputs(),
            focus: None,
            read_from: Vec::new(),
            skipped: Vec::new(),
        });
    }
    let found = walk::tthc_files_found(std::slice::from_ref(&dir))?;
    if found.files.is_empty() {
        return Err(SourceError::NoFiles(dir));
    }
    Ok(CatalogueSource {
        origin: Origin::Folder(dir.clone()),
        inputs: read(&found.files)?,
        focus: None,
        read_from: vec![dir],
        skipped: found.skipped,
    })
}

/// The input paths among `inputs` that are the files named (compared as canonical
/// paths, so `./procedures/x.tthc` and `procedures/x.tthc` are the same file).
fn focus_of(inputs: &[Input], named: &[PathBuf]) -> BTreeSet<String> {
    let named: BTreeSet<PathBuf> = named.iter().filter_map(|p| p.canonicalize().ok()).collect();
    inputs
        .iter()
        .filter(|i| {
            Path::new(&i.path)
                .canonicalize()
                .is_ok_and(|c| named.contains(&c))
        })
        .map(|i| i.path.clone())
        .collect()
}

/// Reads files as checker inputs, named as found (without a leading `./`).
pub fn read(paths: &[PathBuf]) -> Result<Vec<Input>, SourceError> {
    paths
        .iter()
        .map(|p| {
            std::fs::read(p)
                .map(|bytes| Input {
                    path: display(p),
                    bytes,
                })
                .map_err(|e| SourceError::unreadable(p, &e))
        })
        .collect()
}

/// A path as messages show it: `/`-separated on every system, without a leading `./`
/// (`.\` on Windows).
///
/// ```
/// use std::path::Path;
/// assert_eq!(tthc::sources::display(Path::new("./procedures/a.tthc")), "procedures/a.tthc");
/// #[cfg(windows)]
/// assert_eq!(tthc::sources::display(Path::new(r".\procedures\a.tthc")), "procedures/a.tthc");
/// ```
pub fn display(p: &Path) -> String {
    let s = p.display().to_string();
    // The separators first, so that Windows' `.\` prefix is the `./` stripped below.
    let s = if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s
    };
    match s.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}
