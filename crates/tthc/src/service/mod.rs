//! The service layer: questions about cases and procedures answered from a loaded
//! catalogue, in the shapes every front end gives them.
//!
//! A front end (the command line, the HTTP server, the language server, `tthc test`,
//! the case reports, the Python module) parses its own input, calls the service, and
//! words or serialises the answer; it never resolves a procedure, reads a case's dates
//! or words an error itself. So the same question gets the same answer, and the same
//! mistake the same code and words, wherever it is asked.
//!
//! - [`Snapshot`] and [`Sources`]: the one loader (catalogue, calendars, their version).
//! - [`deadlines`]: due dates and statuses of cases ([`DeadlineRequest`] →
//!   [`DeadlineResponse`], [`StatusRequest`] → [`StatusResponse`]).
//! - [`procedures`]: the catalogue as answers show it, found by id or national code.
//! - [`case`]: the one reader of a case's received, restarted and pause times.
//! - [`ServiceError`]: every failure, with its stable code, field and both languages.
//!
//! ```
//! use tthc::service::{self, DeadlineRequest};
//! let snap = service::Snapshot::bundled().unwrap();
//! let req = DeadlineRequest::new("dang-ky-ket-hon", "2025-03-04 09:15");
//! let answer = service::deadlines::compute(&snap, &req).unwrap();
//! assert_eq!(answer.version.source.item, "B.2");
//! ```

pub mod case;
pub mod deadlines;
pub mod error;
pub mod explain;
pub mod procedures;
pub mod snapshot;
pub mod types;

pub use error::{Kind, ServiceError};
pub use snapshot::{LoadError, Snapshot, Sources};
pub use types::{
    DeadlineRequest, DeadlineResponse, DueTimeIn, PauseInput, StatusRequest, StatusResponse,
};
