//! tthc: the procedure catalogue compiler and deadline engine.
//!
//! Data flows one way: `.tthc` files are parsed ([`syntax`]), lowered and checked
//! ([`check`]) into a [`model::Catalogue`]; reports are rendered by [`report`]; the
//! formatter ([`format`]) prints the canonical layout; [`emit`] turns a catalogue into
//! workflow configs, BPMN processes and review tables. Working calendars ([`calendar`])
//! and the deadline engine ([`deadline`]) turn a procedure version into due times; the
//! service layer ([`service`]) loads a catalogue and answers questions about cases and
//! procedures in the shapes every front end gives them.
//!
//! This is the core: no async runtime, HTTP, command line, terminal rendering or
//! language-server protocol. The front ends are crates of their own: `tthc-server` (the
//! HTTP API and web app), `tthc-lsp` (the language server), `tthc-report` (case reports
//! on DataFusion), `tthc-python` (the Python module) and `tthc-cli` (the `tthc` command).

#![forbid(unsafe_code)]

pub mod bundled;
pub mod calendar;
pub mod check;
pub mod coverage;
pub mod datetime;
pub mod days;
pub mod deadline;
pub mod diagnostic;
pub mod emit;
pub mod examples;
pub mod format;
pub mod fs;
pub mod lifespan;
pub mod model;
pub mod report;
pub mod service;
pub mod sources;
pub mod syntax;
pub mod text;
