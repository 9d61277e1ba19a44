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
    /// How to fix it. Where else it points and the edit that mends it are worked out
    /// from the text when wanted (`expected::labels`, `expected::replacement`), which
    /// keeps every parse result small.
    pub help: Text,
}
