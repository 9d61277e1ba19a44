//! The `tthc` command line: argument parsing and the thin glue from commands to the
//! core (`tthc`), the server (`tthc-server`) and the language server (`tthc-lsp`).
//! `tthc report` and `tthc cases` are the `tthc-report` executable's, run as external
//! subcommands ([`cli::external`]).

#![forbid(unsafe_code)]

pub mod cli;

pub use cli::main;
