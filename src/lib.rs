//! tthc: the procedure catalogue compiler and deadline engine.
//!
//! Data flows one way: `.tthc` files are parsed ([`syntax`]), lowered and checked
//! ([`check`]) into a [`model::Catalogue`]; reports are rendered by [`report`]; the
//! formatter ([`format`]) prints the canonical layout. Working calendars ([`calendar`])
//! and the deadline engine ([`deadline`]) turn a procedure version into due times.

pub mod api;
pub mod bundled;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod cli_deadline;
pub mod days;
pub mod deadline;
pub mod diagnostic;
pub mod format;
pub mod model;
pub mod report;
pub mod syntax;
