//! The language's surface: source files, the pest grammar, the syntax tree, and syntax
//! errors in plain words.

pub mod ast;
pub mod expected;
pub mod keywords;
pub mod parse;
pub mod source;

pub use parse::{Recovered, parse, parse_recovering};

use crate::text::Text;
use source::Span;

/// Where and why a file does not follow the grammar, in plain words. The checker reports
/// it under its syntax rule; the formatter and other tools can show it as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The place of the mistake in the file's text.
    pub span: Span,
    /// Where the parser stopped reading, which can be after the mistake (a missing unit
    /// is noticed on the next line): where reading on must start from.
    pub stopped_at: usize,
    /// What is wrong.
    pub message: Text,
    /// How to fix it.
    pub help: Text,
    /// Other places the message speaks of (where an unclosed text was opened).
    pub labels: Vec<(Span, Text)>,
    /// The edit that fixes it, when one is certain enough for an editor to offer as a
    /// quick fix: the bytes to replace (empty to insert) and what to write there.
    pub fix: Option<(Span, String)>,
}
