//! Words for people, in English and Vietnamese: the languages messages are shown in, a
//! text that exists in both, and "did you mean" suggestions.
//!
//! This is the lowest layer that speaks to people; every module above it words its
//! messages through it, so the two languages cannot drift apart.

pub mod chars;
pub mod fold;
mod lang;
pub mod normal;
pub mod printed;
mod suggest;
pub mod words;

pub use lang::{Lang, Text};
pub use suggest::{edit_distance, suggest};
