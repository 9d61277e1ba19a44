//! tthc: the procedure catalogue compiler and deadline engine.
//!
//! Data flows one way: `.tthc` files are parsed ([`syntax`]), lowered and checked
//! ([`check`]) into a [`model::Catalogue`]; reports are rendered by [`report`]; the
//! formatter ([`format`]) prints the canonical layout; [`emit`] turns a catalogue into
//! workflow configs, BPMN processes and review tables. Working calendars ([`calendar`])
//! and the deadline engine ([`deadline`]) turn a procedure version into due times, which
//! the HTTP API ([`api`]) serves and the language server ([`lsp`]) shows in editors.

#![forbid(unsafe_code)]

pub mod api;
pub mod bundled;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod coverage;
pub mod datetime;
pub mod days;
pub mod deadline;
pub mod diagnostic;
pub mod emit;
pub mod examples;
pub mod format;
pub mod fs;
pub mod lsp;
pub mod model;
pub mod report;
pub mod sources;
pub mod syntax;
pub mod text;
