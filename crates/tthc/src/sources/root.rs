//! The catalogue a path belongs to.
//!
//! A catalogue is a folder whose top holds its roles file: a `.tthc` file that declares
//! authorities and roles and no procedure (`procedures/roles.tthc` in the bundled
//! catalogue). Its decisions and procedures are in the folders below. A path inside it
//! (one decision's folder, one procedure's file) means nothing alone, since the roles and
//! decisions it names are declared elsewhere, so it is read with the whole catalogue.
//! A file that declares roles itself stands alone.

use crate::syntax::ast::Item;
use std::path::{Path, PathBuf};

/// The catalogue folder `path` lies in: the nearest folder, from `path` itself upwards,
/// that holds a roles file. `None` when `path` is a file that declares its own roles, or
/// when no folder above it is a catalogue.
pub fn catalogue_root(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        if declares_roles(path).is_some() {
            return None;
        }
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    ancestors(&start).into_iter().find(|d| holds_roles_file(d))
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
            let starts = |w: &str| text.lines().any(|l| l.starts_with(w));
            (
                starts("role ") || starts("authority "),
                starts("procedure "),
            )
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
        // Alone, a roles file is read as it is; named with other files of the catalogue
        // it heads, it is one of them.
        assert_eq!(catalogue_root(&d.join("cat/roles.tthc")), None);
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
    fn a_roles_file_with_a_typo_still_marks_the_catalogue() {
        let d = scratch("typo");
        std::fs::create_dir_all(d.join("qd")).unwrap();
        std::fs::write(d.join("roles.tthc"), "role r \"R\" authorty x\n").unwrap();
        std::fs::write(d.join("qd/p.tthc"), "procedure p {\n}\n").unwrap();
        assert_eq!(catalogue_root(&d.join("qd/p.tthc")), Some(d.clone()));
        let _ = std::fs::remove_dir_all(&d);
    }
}
