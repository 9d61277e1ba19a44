//! The catalogue a path belongs to.
//!
//! A catalogue is a folder: its roles file (authorities and roles, `roles.tthc` in the
//! bundled catalogue) and one folder per decision below it. A path inside it (one
//! decision's folder, one procedure's file) means nothing alone, since the roles and
//! decisions it names are declared elsewhere, so it is read with the whole catalogue.
//!
//! **The root is explicit**: the nearest folder, from the path upwards, that holds a file
//! named [`MARKER`] (`catalogue.tthc`, which may hold only comments) is the catalogue's
//! root, whatever roles files lie below it (a decision may bring roles of its own in its
//! folder). A catalogue without the marker is found as before it existed: the nearest
//! folder upwards that holds a roles file (a `.tthc` file declaring authorities or roles
//! and no procedure), searched no higher than the current folder when the path lies in
//! it; and when that folder is a decision's folder (it declares a decision) and the
//! folder above it holds a roles file too, which of the two is the catalogue cannot be
//! told, and [`locate`] says so rather than split the catalogue.
//! A file that declares roles beside its procedures stands alone.

use crate::syntax::ast::Item;
use std::path::{Path, PathBuf};

/// The file whose presence makes its folder a catalogue's root.
pub const MARKER: &str = "catalogue.tthc";

/// Two folders that could each be the root of a path's catalogue, with no marker to say
/// which: the nearer holds a roles file, and so does one above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguous {
    /// The nearer folder with a roles file (a decision's folder, usually).
    pub inner: PathBuf,
    /// The folder above it with a roles file.
    pub outer: PathBuf,
}

/// The catalogue folder `path` lies in (see the module documentation): the nearest
/// folder holding [`MARKER`], else the nearest holding a roles file. `Ok(None)` when
/// `path` is a file that declares its own roles, or when no folder is a catalogue.
pub fn locate(path: &Path) -> Result<Option<PathBuf>, Ambiguous> {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        if declares_roles(path).is_some() && stands_alone(path) {
            return Ok(None);
        }
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let all = ancestors(&start);
    if let Some(marked) = all.iter().find(|d| d.join(MARKER).is_file()) {
        return Ok(Some(marked.clone()));
    }
    let bounded = within_current_folder(&all);
    let Some(i) = bounded.iter().position(|d| holds_roles_file(d)) else {
        return Ok(None);
    };
    // A decision's folder with a roles file, in a folder with one too: the decision may
    // bring roles of its own into its catalogue, or be a catalogue of its own.
    match bounded.get(i + 1) {
        Some(outer) if holds_roles_file(outer) && declares_a_decision(&bounded[i]) => {
            Err(Ambiguous {
                inner: bounded[i].clone(),
                outer: outer.clone(),
            })
        }
        _ => Ok(Some(bounded[i].clone())),
    }
}

/// Whether one of a folder's `.tthc` files declares a decision: an unindented line
/// starting with the keyword (in either set), which is how declarations are written.
fn declares_a_decision(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let vi = crate::syntax::keywords::word("decision", crate::text::Lang::Vi);
    entries.flatten().any(|e| {
        let p = e.path();
        p.extension().is_some_and(|x| x == "tthc")
            && std::fs::read_to_string(&p).is_ok_and(|t| {
                t.lines()
                    .any(|l| l.starts_with("decision ") || l.starts_with(&format!("{vi} ")))
            })
    })
}

/// The catalogue folder `path` lies in, as [`locate`] finds it; when two folders could
/// be, the outer one (a roles file in a decision's folder belongs to its catalogue), for
/// callers that must choose, such as the language server.
pub fn catalogue_root(path: &Path) -> Option<PathBuf> {
    match locate(path) {
        Ok(root) => root,
        Err(a) => Some(a.outer),
    }
}

/// The folders of `all` (nearest first) up to the current folder, when it is one of
/// them: a folder above the one a command runs in is nobody's catalogue by accident.
fn within_current_folder(all: &[PathBuf]) -> Vec<PathBuf> {
    let Ok(cwd) = std::env::current_dir().and_then(|d| d.canonicalize()) else {
        return all.to_vec();
    };
    match all
        .iter()
        .position(|d| d.canonicalize().is_ok_and(|c| c == cwd))
    {
        Some(i) => all[..=i].to_vec(),
        None => all.to_vec(),
    }
}

/// `start` and the folders above it, nearest first. A relative path's own folders keep
/// their relative names (so messages show `procedures`, not an absolute path); above
/// them the walk goes on through the absolute path to the file system's root.
fn ancestors(start: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = start
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .collect();
    let Some(last) = out.last().cloned() else {
        return out;
    };
    if last.is_relative()
        && let Ok(above) = canonical(&last.join(".."))
    {
        let already = canonical(&last).ok();
        let cwd = std::env::current_dir().and_then(|d| canonical(&d)).ok();
        out.extend(
            above
                .ancestors()
                .filter(|p| Some(*p) != already.as_deref())
                .map(|p| relative_to_cwd(p, cwd.as_deref())),
        );
    }
    out
}

/// `std::fs::canonicalize`, without the `\\?\` prefix Windows puts before a disk path
/// that does not need it (messages name such folders: `C:\catalogue`, not
/// `\\?\C:\catalogue`).
pub fn canonical(p: &Path) -> std::io::Result<PathBuf> {
    let c = p.canonicalize()?;
    Ok(match c.to_str().and_then(plain_disk_path) {
        Some(plain) if cfg!(windows) => PathBuf::from(plain),
        _ => c,
    })
}

/// The disk path in a verbatim one (`\\?\C:\x` → `C:\x`), when it can be written without
/// the prefix (a drive letter, shorter than Windows' 260-character limit).
fn plain_disk_path(verbatim: &str) -> Option<&str> {
    let rest = verbatim.strip_prefix(r"\\?\")?;
    let b = rest.as_bytes();
    (b.len() < 260 && b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'\\')
        .then_some(rest)
}

/// `.`, `..`, `../..` for the current folder and those above it; other paths as they are.
fn relative_to_cwd(p: &Path, cwd: Option<&Path>) -> PathBuf {
    match cwd {
        Some(cwd) if cwd.starts_with(p) => {
            let up = cwd.components().count() - p.components().count();
            if up == 0 {
                PathBuf::from(".")
            } else {
                (0..up).map(|_| "..").collect()
            }
        }
        _ => p.to_path_buf(),
    }
}

fn holds_roles_file(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let p = e.path();
        p.extension().is_some_and(|x| x == "tthc")
            && p.is_file()
            && declares_roles(&p) == Some(RolesFile::Only)
    })
}

/// The folder a catalogue's roles file heads (the folder it is in), when `path` is one:
/// a file that declares authorities or roles and no procedure.
pub fn heads(path: &Path) -> Option<PathBuf> {
    if declares_roles(path) != Some(RolesFile::Only) {
        return None;
    }
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => Some(p.to_path_buf()),
        _ => Some(PathBuf::from(".")),
    }
}

/// Whether a file declares roles beside its procedures, and so stands alone rather than
/// belonging to the catalogue of the folder it is in.
pub fn stands_alone(path: &Path) -> bool {
    declares_roles(path) == Some(RolesFile::WithProcedures)
}

#[derive(Debug, PartialEq, Eq)]
enum RolesFile {
    /// Authorities or roles and no procedure: a catalogue's roles file.
    Only,
    /// Roles beside procedures: a file that stands alone.
    WithProcedures,
}

/// Whether a file declares authorities or roles, and whether it also holds procedures.
/// A file that does not parse is judged by its unindented lines, so a roles file with a
/// typo still marks its catalogue.
fn declares_roles(path: &Path) -> Option<RolesFile> {
    let text = std::fs::read_to_string(path).ok()?;
    let (roles, procedures) = match crate::syntax::parse(&text) {
        Ok(tree) => (
            tree.items
                .iter()
                .any(|i| matches!(i, Item::Authority { .. } | Item::Role { .. })),
            tree.items.iter().any(|i| matches!(i, Item::Procedure(_))),
        ),
        Err(_) => {
            // Unindented lines starting with a keyword, in either set.
            let starts = |en: &str| {
                let vi = crate::syntax::keywords::word(en, crate::text::Lang::Vi);
                text.lines()
                    .any(|l| l.starts_with(&format!("{en} ")) || l.starts_with(&format!("{vi} ")))
            };
            (starts("role") || starts("authority"), starts("procedure"))
        }
    };
    match (roles, procedures) {
        (false, _) => None,
        (true, false) => Some(RolesFile::Only),
        (true, true) => Some(RolesFile::WithProcedures),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_verbatim_disk_path_is_written_plain_and_others_are_kept() {
        assert_eq!(
            super::plain_disk_path(r"\\?\C:\catalogue"),
            Some(r"C:\catalogue")
        );
        assert_eq!(super::plain_disk_path(r"\\?\UNC\server\share"), None);
        assert_eq!(super::plain_disk_path(r"C:\catalogue"), None);
        let long = format!(r"\\?\C:\{}", "x".repeat(300));
        assert_eq!(super::plain_disk_path(&long), None);
    }
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("tthc-root-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_decision_folder_belongs_to_the_folder_with_the_roles_file() {
        let d = scratch("nested");
        std::fs::create_dir_all(d.join("cat/qd-1")).unwrap();
        std::fs::write(d.join("cat/roles.tthc"), "role r \"R\"\n").unwrap();
        std::fs::write(d.join("cat/qd-1/p.tthc"), "procedure p {\n}\n").unwrap();
        assert_eq!(catalogue_root(&d.join("cat/qd-1")), Some(d.join("cat")));
        assert_eq!(
            catalogue_root(&d.join("cat/qd-1/p.tthc")),
            Some(d.join("cat"))
        );
        assert_eq!(catalogue_root(&d.join("cat")), Some(d.join("cat")));
        // The roles file is a file of the catalogue it heads (pre-commit names it beside
        // the others it stages).
        assert_eq!(
            catalogue_root(&d.join("cat/roles.tthc")),
            Some(d.join("cat"))
        );
        assert_eq!(heads(&d.join("cat/roles.tthc")), Some(d.join("cat")));
        assert_eq!(heads(&d.join("cat/qd-1/p.tthc")), None);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_file_with_its_own_roles_stands_alone() {
        let d = scratch("alone");
        std::fs::write(d.join("roles.tthc"), "role r \"R\"\n").unwrap();
        let f = d.join("fixture.tthc");
        std::fs::write(&f, "role x \"X\"\nprocedure p {\n}\n").unwrap();
        assert_eq!(catalogue_root(&f), None);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn the_marker_decides_and_a_decision_with_roles_of_its_own_without_it_is_ambiguous() {
        let d = scratch("marker");
        std::fs::create_dir_all(d.join("cat/qd-2")).unwrap();
        std::fs::write(d.join("cat/roles.tthc"), "role r \"R\"\n").unwrap();
        std::fs::write(d.join("cat/qd-2/roles.tthc"), "role s \"S\"\n").unwrap();
        std::fs::write(
            d.join("cat/qd-2/decision.tthc"),
            "decision \"2/QĐ-UBND\" {\n}\n",
        )
        .unwrap();
        assert_eq!(
            locate(&d.join("cat/qd-2")),
            Err(Ambiguous {
                inner: d.join("cat/qd-2"),
                outer: d.join("cat"),
            })
        );
        assert_eq!(catalogue_root(&d.join("cat/qd-2")), Some(d.join("cat")));
        std::fs::write(d.join("cat").join(MARKER), "# gốc danh mục\n").unwrap();
        assert_eq!(locate(&d.join("cat/qd-2")), Ok(Some(d.join("cat"))));
        assert_eq!(
            locate(&d.join("cat/qd-2/decision.tthc")),
            Ok(Some(d.join("cat")))
        );
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_roles_file_with_a_typo_still_marks_the_catalogue() {
        let d = scratch("typo");
        std::fs::create_dir_all(d.join("qd")).unwrap();
        std::fs::write(d.join("roles.tthc"), "role r \"R\" authorty x\n").unwrap();
        std::fs::write(d.join("qd/p.tthc"), "procedure p {\n}\n").unwrap();
        assert_eq!(catalogue_root(&d.join("qd/p.tthc")), Some(d.clone()));
        let _ = std::fs::remove_dir_all(&d);
    }
}
