//! The documents open in the editor and the catalogues they belong to.
//!
//! A file is checked in the context of its whole catalogue, found the way the command
//! line finds it (the folder marked by `catalogue.tthc`, else the nearest folder upwards
//! holding a roles file, see
//! [`sources::root`]); the editor's text of an open file replaces the file on disk. An
//! untitled file, or one outside any catalogue, is checked with the bundled catalogue
//! around it; a file that declares its own roles stands alone. Each file's parse is kept
//! until its text changes, so an edit re-reads one file, not the catalogue.

use super::index::Index;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use tthc::calendar::Calendars;
use tthc::check::{self, CheckOptions, Checked, Input, Parsed};
use tthc::sources::{self, CalendarSource};
use tthc::syntax::source::FileId;

/// A document the editor has open.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its text as the editor has it.
    pub text: String,
    /// The editor's version number, echoed in published diagnostics.
    pub version: i32,
    /// The catalogue it is checked in.
    pub home: Home,
}

/// Which catalogue a document belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Home {
    /// The catalogue in this folder (canonical path).
    Folder(PathBuf),
    /// The bundled catalogue, with the untitled or outside files around it.
    Bundled,
    /// A file that declares its own roles: checked alone (keyed by its URI).
    Alone(String),
}

/// One file of a catalogue.
#[derive(Debug)]
struct Member {
    /// The path the checker names it by.
    path: String,
    /// Its URI, when the editor can open it (files on disk, open documents).
    uri: Option<String>,
    /// Its contents on disk (or bundled), used when it is not open.
    disk: Option<Vec<u8>>,
    /// When the file on disk was last modified, as last read: a file changed by another
    /// program (a checkout, another editor) is read again.
    modified: Option<std::time::SystemTime>,
    /// The parse of its current text, until that changes.
    parsed: Option<Rc<Parsed>>,
}

/// The outcome of checking a catalogue: the files as parsed, the checker's findings,
/// and (built on first use) the index of names.
#[derive(Debug)]
pub struct Analysis {
    /// Each file's parse, by file id.
    pub parsed: Vec<Rc<Parsed>>,
    /// The checker's result over every file.
    pub checked: Checked,
    /// Each file's URI, by file id (`None` for bundled files the editor cannot open).
    pub uris: Vec<Option<String>>,
    index: OnceCell<Index>,
}

impl Analysis {
    /// Where every name is declared and used.
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.parsed))
    }

    /// The file id of a URI.
    pub fn file_of(&self, uri: &str) -> Option<FileId> {
        self.uris.iter().position(|u| u.as_deref() == Some(uri))
    }
}

/// A catalogue with its files, settings and latest analysis.
#[derive(Debug)]
pub struct Catalogue {
    members: Vec<Member>,
    options: CheckOptions,
    calendar_files: (CalendarSource, Vec<(String, String)>),
    calendars: OnceCell<Option<Rc<Calendars>>>,
    /// The latest analysis, `None` until the first check.
    pub analysis: Option<Rc<Analysis>>,
    /// Whether a text changed since the latest analysis.
    pub dirty: bool,
}

impl Catalogue {
    fn new(members: Vec<Member>, calendar_files: (CalendarSource, Vec<(String, String)>)) -> Self {
        let mut options = CheckOptions::for_calendar_files(&calendar_files.1);
        options.at = Some(today_in_vietnam());
        Catalogue {
            members,
            options,
            calendar_files,
            calendars: OnceCell::new(),
            analysis: None,
            dirty: true,
        }
    }

    /// The calendars it goes with (beside its folder, else the bundled ones), loaded on
    /// first use; `None` when they do not load.
    pub fn calendars(&self) -> Option<Rc<Calendars>> {
        self.calendars
            .get_or_init(|| {
                let (source, files) = &self.calendar_files;
                sources::load_calendars(source, files).ok().map(Rc::new)
            })
            .clone()
    }

    /// Working minutes in one working day, from the calendar's hours.
    pub fn minutes_per_day(&self) -> i64 {
        let m: i64 = self
            .options
            .working_hours
            .iter()
            .map(|(a, b)| (*b - *a).num_minutes())
            .sum();
        if m > 0 { m } else { 480 }
    }

    fn member_of(&self, uri: &str) -> Option<usize> {
        self.members
            .iter()
            .position(|m| m.uri.as_deref() == Some(uri))
    }

    /// Checks the catalogue with the open documents' texts, re-parsing only the files
    /// whose text changed.
    fn analyse(&mut self, documents: &HashMap<String, Document>) -> Rc<Analysis> {
        // The previous analysis goes first: on a large catalogue, holding two at once
        // would double the server's peak memory.
        self.analysis = None;
        let mut parsed = Vec::with_capacity(self.members.len());
        let mut uris = Vec::with_capacity(self.members.len());
        for m in &mut self.members {
            let open = m.uri.as_ref().is_some_and(|u| documents.contains_key(u));
            if !open
                && m.modified.is_some()
                && let Some(path) = m.uri.as_deref().and_then(uri_to_path)
            {
                let now = std::fs::metadata(&path).and_then(|md| md.modified()).ok();
                if now != m.modified {
                    m.disk = std::fs::read(&path).ok();
                    m.modified = now;
                    m.parsed = None;
                }
            }
            let p = match &m.parsed {
                Some(p) => p.clone(),
                None => {
                    let bytes = m
                        .uri
                        .as_ref()
                        .and_then(|u| documents.get(u))
                        .map(|d| d.text.clone().into_bytes())
                        .or_else(|| m.disk.clone())
                        .unwrap_or_default();
                    let p = Rc::new(check::parse_input(Input {
                        path: m.path.clone(),
                        bytes,
                    }));
                    m.parsed = Some(p.clone());
                    p
                }
            };
            parsed.push(p);
            uris.push(m.uri.clone());
        }
        let checked = check::check_parsed(&parsed, &self.options);
        let analysis = Rc::new(Analysis {
            parsed,
            checked,
            uris,
            index: OnceCell::new(),
        });
        self.analysis = Some(analysis.clone());
        self.dirty = false;
        analysis
    }
}

/// Every open document and every catalogue one of them belongs to.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Open documents by URI.
    pub documents: HashMap<String, Document>,
    /// Catalogues by home.
    pub catalogues: HashMap<Home, Catalogue>,
}

impl Workspace {
    /// Opens a document (or replaces its text), finding its catalogue.
    pub fn open(&mut self, uri: &str, text: String, version: i32) {
        let home = self
            .documents
            .get(uri)
            .map(|d| d.home.clone())
            .unwrap_or_else(|| home_of(uri));
        if !self.catalogues.contains_key(&home) {
            let catalogue = load(&home);
            self.catalogues.insert(home.clone(), catalogue);
        }
        let catalogue = self.catalogues.get_mut(&home).expect("inserted above");
        match catalogue.member_of(uri) {
            Some(i) => catalogue.members[i].parsed = None,
            None => {
                let path = uri_to_path(uri).map_or_else(|| uri.to_string(), |p| display(&p));
                catalogue.members.push(Member {
                    path,
                    uri: Some(uri.to_string()),
                    disk: None,
                    modified: None,
                    parsed: None,
                });
            }
        }
        catalogue.dirty = true;
        self.documents.insert(
            uri.to_string(),
            Document {
                text,
                version,
                home,
            },
        );
    }

    /// Closes a document: its catalogue reads the file on disk again.
    pub fn close(&mut self, uri: &str) {
        let Some(doc) = self.documents.remove(uri) else {
            return;
        };
        if let Some(c) = self.catalogues.get_mut(&doc.home)
            && let Some(i) = c.member_of(uri)
        {
            let path = uri_to_path(uri);
            let on_disk = path.as_ref().and_then(|p| std::fs::read(p).ok());
            if on_disk.is_some() {
                c.members[i].disk = on_disk;
                c.members[i].modified = path
                    .and_then(|p| std::fs::metadata(p).ok())
                    .and_then(|m| m.modified().ok());
                c.members[i].parsed = None;
            } else {
                c.members.remove(i);
            }
            c.dirty = true;
        }
        if !self.documents.values().any(|d| d.home == doc.home) {
            self.catalogues.remove(&doc.home);
        }
    }

    /// The analysis of a document's catalogue, checking it first when a text changed.
    pub fn analysis(&mut self, uri: &str) -> Option<(Rc<Analysis>, &Catalogue)> {
        let home = self.documents.get(uri)?.home.clone();
        self.fresh(&home);
        let c = self.catalogues.get(&home)?;
        Some((c.analysis.clone()?, c))
    }

    /// Checks a catalogue again when a text changed since its latest analysis.
    pub fn fresh(&mut self, home: &Home) -> Option<Rc<Analysis>> {
        let c = self.catalogues.get_mut(home)?;
        if c.dirty || c.analysis.is_none() {
            Some(c.analyse(&self.documents))
        } else {
            c.analysis.clone()
        }
    }

    /// The worked-example files (`examples.yaml`) of a document's catalogue, as (path,
    /// text): those under its folder, the bundled ones for the bundled catalogue.
    pub fn example_files(&self, uri: &str) -> Vec<(String, String)> {
        match self.documents.get(uri).map(|d| &d.home) {
            Some(Home::Folder(root)) => sources::example_files(std::slice::from_ref(root))
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| Some((display(&p), std::fs::read_to_string(&p).ok()?)))
                .collect(),
            Some(Home::Bundled) => tthc::bundled::example_files(),
            _ => Vec::new(),
        }
    }

    /// The open documents of a catalogue, with their versions.
    pub fn open_in(&self, home: &Home) -> Vec<(String, i32)> {
        let mut out: Vec<(String, i32)> = self
            .documents
            .iter()
            .filter(|(_, d)| &d.home == home)
            .map(|(u, d)| (u.clone(), d.version))
            .collect();
        out.sort();
        out
    }
}

/// The catalogue a document's URI belongs to.
fn home_of(uri: &str) -> Home {
    let Some(path) = uri_to_path(uri) else {
        return Home::Bundled;
    };
    if path.is_file() && sources::root::stands_alone(&path) {
        return Home::Alone(uri.to_string());
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    match sources::root::catalogue_root(&dir) {
        Some(root) => Home::Folder(root.canonicalize().unwrap_or(root)),
        None => Home::Bundled,
    }
}

/// Reads a catalogue's files (not yet the open documents').
fn load(home: &Home) -> Catalogue {
    match home {
        Home::Folder(root) => {
            let files = sources::tthc_files(std::slice::from_ref(root)).unwrap_or_default();
            let members = files
                .iter()
                .map(|p| Member {
                    path: display(p),
                    uri: Some(path_to_uri(p)),
                    disk: std::fs::read(p).ok(),
                    modified: std::fs::metadata(p).and_then(|m| m.modified()).ok(),
                    parsed: None,
                })
                .collect();
            let origin = sources::Origin::Folder(root.clone());
            let calendars = sources::calendar_files(None, &origin)
                .unwrap_or_else(|_| (CalendarSource::Bundled, tthc::bundled::calendar_files()));
            Catalogue::new(members, calendars)
        }
        Home::Bundled => {
            let members = tthc::bundled::procedure_inputs()
                .into_iter()
                .map(|i| Member {
                    path: i.path,
                    uri: None,
                    disk: Some(i.bytes),
                    modified: None,
                    parsed: None,
                })
                .collect();
            Catalogue::new(
                members,
                (CalendarSource::Bundled, tthc::bundled::calendar_files()),
            )
        }
        Home::Alone(_) => Catalogue::new(
            Vec::new(),
            (CalendarSource::Bundled, tthc::bundled::calendar_files()),
        ),
    }
}

/// A path as the checker names it.
fn display(p: &Path) -> String {
    sources::display(p)
}

pub use tthc::datetime::today_in_vietnam;

/// Vietnam's offset from UTC (+07:00, no daylight saving).
pub fn vietnam() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

/// The path of a `file:` URI (percent-decoded), `None` for other schemes.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///home/…` (empty authority) or `file://localhost/home/…`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = rest.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    let s = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let s = match s.as_bytes() {
        [b'/', _, b':', ..] if cfg!(windows) => s[1..].to_string(),
        _ => s,
    };
    Some(PathBuf::from(s))
}

/// The `file:` URI of a path (made absolute), percent-encoding what a URI may not hold.
pub fn path_to_uri(path: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path))
    };
    let s = abs.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if out.len() <= 10 => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_vietnamese_names() {
        let p = Path::new("/tmp/thủ tục/khai sinh.tthc");
        let uri = path_to_uri(p);
        assert_eq!(
            uri,
            "file:///tmp/th%E1%BB%A7%20t%E1%BB%A5c/khai%20sinh.tthc"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), p);
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
    }
}
