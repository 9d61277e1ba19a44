//! The language's surface: source files, the pest grammar, the syntax tree, and syntax
//! errors in plain words.

pub mod ast;
pub mod expected;
pub mod parse;
pub mod source;

pub use parse::parse;
