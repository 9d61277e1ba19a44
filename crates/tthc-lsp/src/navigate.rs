//! Go to definition and find references, for every name the index knows.

use super::index::Occurrence;
use super::position::Lines;
use super::workspace::Analysis;
use lsp_types::{Location, Uri};
use std::str::FromStr;
use tthc::syntax::source::FileId;

/// Where the name at an offset is declared (several places for a procedure with versions
/// in several decisions' folders).
pub fn definition(analysis: &Analysis, file: FileId, offset: usize) -> Vec<Location> {
    let index = analysis.index();
    let Some(o) = index.at(file, offset) else {
        return Vec::new();
    };
    locations(analysis, index.declarations(&o.symbol))
}

/// Every mention of the name at an offset, its declarations too when asked.
pub fn references(
    analysis: &Analysis,
    file: FileId,
    offset: usize,
    include_declaration: bool,
) -> Vec<Location> {
    let index = analysis.index();
    let Some(o) = index.at(file, offset) else {
        return Vec::new();
    };
    let all = index
        .occurrences(&o.symbol)
        .into_iter()
        .filter(|o| include_declaration || !o.declaration)
        .collect();
    locations(analysis, all)
}

/// The locations of occurrences, leaving out files the editor cannot open (the bundled
/// catalogue's).
pub fn locations(analysis: &Analysis, occurrences: Vec<&Occurrence>) -> Vec<Location> {
    occurrences
        .into_iter()
        .filter_map(|o| location(analysis, o.file, o.span))
        .collect()
}

/// The location of a span of a file, when the file has a URI.
pub fn location(
    analysis: &Analysis,
    file: FileId,
    span: tthc::syntax::source::Span,
) -> Option<Location> {
    let uri = analysis.uris.get(file)?.as_ref()?;
    let source = analysis.checked.files.get(file)?;
    Some(Location::new(
        Uri::from_str(uri).ok()?,
        Lines::of(source).range(span),
    ))
}
