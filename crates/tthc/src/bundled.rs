//! The catalogue and calendars compiled into the binary, so that an installed `tthc`
//! serves real data from any directory.

use crate::check::{CheckOptions, Input};
use include_dir::{Dir, include_dir};

/// `calendars/` as it was when the binary was built.
pub static CALENDARS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../calendars");

/// `procedures/` as it was when the binary was built.
pub static PROCEDURES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../procedures");

/// The bundled calendars, loaded and indexed.
pub fn calendars() -> Result<crate::calendar::Calendars, crate::calendar::CalendarError> {
    crate::calendar::Calendars::load_from_files(&calendar_files())
}

/// The bundled calendar files as `(path, contents)` pairs, in path order; files that are
/// not UTF-8 are left out.
pub fn calendar_files() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![&CALENDARS];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            if let Some(text) = f.contents_utf8() {
                out.push((f.path().to_string_lossy().into_owned(), text.to_owned()));
            }
        }
        stack.extend(d.dirs());
    }
    out.sort();
    out
}

/// Every bundled `.tthc` file, in path order, named `procedures/…` in messages.
pub fn procedure_inputs() -> Vec<Input> {
    let mut files = Vec::new();
    collect(&PROCEDURES, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Every bundled worked-example file (`examples.yaml`) as (path, text), in path order,
/// named `procedures/…` like the procedures.
pub fn example_files() -> Vec<(String, String)> {
    fn walk(dir: &Dir<'static>, out: &mut Vec<(String, String)>) {
        for f in dir.files() {
            if f.path().file_name().is_some_and(|n| n == "examples.yaml") {
                out.push((
                    bundled_name(f.path()),
                    String::from_utf8_lossy(f.contents()).into_owned(),
                ));
            }
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(&PROCEDURES, &mut out);
    out.sort();
    out
}

/// A bundled file's name as messages show it, `procedures/…` with `/` between
/// components: include_dir records paths with the separators of the machine that built
/// the binary, and a Windows build must name files as every other does.
fn bundled_name(path: &std::path::Path) -> String {
    let mut name = String::from("procedures");
    for part in path.components() {
        name.push('/');
        name.push_str(&part.as_os_str().to_string_lossy());
    }
    name
}

fn collect(dir: &Dir<'static>, out: &mut Vec<Input>) {
    for f in dir.files() {
        if f.path().extension().is_some_and(|e| e == "tthc") {
            out.push(Input {
                path: bundled_name(f.path()),
                bytes: f.contents().to_vec(),
            });
        }
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// The checker's settings for the bundled default calendar (`vn`): its working hours,
/// read from its YAML description alone.
pub fn check_options() -> CheckOptions {
    CheckOptions::for_calendar_files(&calendar_files())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_options_have_the_vn_calendars_hours() {
        let cals = calendars().unwrap();
        let vn = cals.get(crate::calendar::DEFAULT_CALENDAR).unwrap();
        assert_eq!(
            check_options().working_hours,
            CheckOptions::for_calendar(vn).working_hours
        );
    }
}
