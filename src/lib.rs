//! tthc: the procedure catalogue compiler and deadline engine.
//!
//! Data flows one way: `.tthc` files are parsed ([`syntax`]), lowered and checked
//! ([`check`]) into a [`model::Catalogue`]; reports are rendered by [`report`]; the
//! formatter ([`format`]) prints the canonical layout; [`emit`] turns a catalogue into
//! workflow configs, BPMN processes and review tables.

pub mod bundled;
pub mod check;
pub mod cli;
pub mod days;
pub mod diagnostic;
pub mod emit;
pub mod format;
pub mod model;
pub mod report;
pub mod syntax;
