//! `tthc lsp`: the language server legal staff's editors talk to over stdio.
//!
//! Diagnostics as they type (every finding of `tthc check`, in the context of the whole
//! catalogue, in their language, with the rule's explanation linked), hover (a role's
//! title and authority, a decision's dates, a duration's working minutes, a procedure's
//! times and a sample appointment from the deadline engine), go to definition and find
//! references, rename (roles, steps, decisions), completion (what fits the place: the
//! keywords of the block, the roles of the version's level first, authorities,
//! decisions, cases), code lenses that compute a sample appointment and run a
//! procedure's worked examples, formatting, quick fixes for "did you mean", and symbols.
//! `docs/lsp.md` says how to run and configure it.
//!
//! Built on `lsp-server` and `lsp-types` (rust-analyzer's crates): synchronous, one
//! thread doing the work, no async runtime.

#![forbid(unsafe_code)]

pub mod actions;
pub mod complete;
pub mod diagnostics;
pub mod framing;
pub mod hover;
pub mod index;
pub mod lens;
pub mod navigate;
pub mod position;
pub mod rename;
pub mod server;
pub mod symbols;
pub mod workspace;

pub use server::{Server, Settings, capabilities, run_stdio};
