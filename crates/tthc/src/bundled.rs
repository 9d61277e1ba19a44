//! The catalogue and calendars compiled into the binary, so that an installed `tthc`
//! serves real data from any directory.

use crate::check::Input;
use include_dir::{Dir, include_dir};

/// `calendars/` as it was when the binary was built.
pub static CALENDARS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../calendars");

/// The bundled calendars, loaded and indexed.
pub fn calendars() -> Result<crate::calendar::Calendars, crate::calendar::CalendarError> {
    let files = crate::calendar::Calendars::files_of_embedded(&CALENDARS);
    crate::calendar::Calendars::load_from_files(&files)
}

/// `procedures/` as it was when the binary was built.
pub static PROCEDURES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../procedures");

/// Every bundled `.tthc` file, in path order, named `procedures/…` in messages.
pub fn procedure_inputs() -> Vec<Input> {
    let mut files = Vec::new();
    collect(&PROCEDURES, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect(dir: &Dir<'static>, out: &mut Vec<Input>) {
    for f in dir.files() {
        if f.path().extension().is_some_and(|e| e == "tthc") {
            out.push(Input {
                path: format!("procedures/{}", f.path().display()),
                bytes: f.contents().to_vec(),
            });
        }
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}
