//! Writing files people edit, without losing their work: [`replace`] rewrites a file only
//! if it still holds what was read, through a temporary file no one else can have
//! planted, keeping its permissions and its links.

pub mod replace;

pub use replace::{ReplaceError, replace_if_unchanged};
