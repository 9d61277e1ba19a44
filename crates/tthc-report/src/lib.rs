//! On-time statistics over the case records provincial one-stop systems export: `tthc
//! report` and `tthc cases generate`.
//!
//! The case files (CSV, Parquet or spreadsheets, [`schema::COLUMNS`]) are read in chunks
//! of Arrow arrays on every core ([`read`]); each row is checked ([`rows`]), given its
//! due time by the bulk deadline engine ([`tthc::deadline::bulk`]) and classified in
//! each period of the report ([`count`]); the classes are tallied in the same pass. The
//! SQL kept in the repository's `reports/counts.sql` ([`sql`]) then counts the tally in
//! Apache DataFusion ([`report`]), and [`render`] prints the result as text, JSON, CSV,
//! a self-contained HTML page with charts, or the Government Office's form as a
//! spreadsheet. [`generate`] writes realistic synthetic case files to test and measure
//! with.
//!
//! ```
//! use std::sync::Arc;
//! let cals = tthc::bundled::calendars().unwrap();
//! let catalogue = tthc::check::check(tthc::bundled::procedure_inputs(), &Default::default())
//!     .into_valid()
//!     .unwrap();
//! let law = Arc::new(tthc_report::law::Law::new(catalogue, cals.get("vn").unwrap().clone()).unwrap());
//! let dir = std::env::temp_dir().join(format!("tthc-report-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let file = dir.join("cases.csv");
//! std::fs::write(&file, "case_id,procedure,variant,channel,received_at,restarted_at,completed_at,state,portal_due_at\n\
//!     H1,cap-giay-xac-nhan-tinh-trang-hon-nhan,,direct,2025-01-24 10:00,,2025-02-04 09:00,completed,2025-02-05 10:00\n").unwrap();
//! let from = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
//! let to = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
//! let options = tthc_report::report::Options::new(vec![file], from, to);
//! let report = tthc_report::report::run(law, &options).unwrap();
//! // Due 05/02/2025 (Tết Ất Tỵ skipped), completed on 04/02: early.
//! assert_eq!(report.total.get("received_new"), 1);
//! assert_eq!(report.total.get("resolved_early"), 1);
//! ```

#![forbid(unsafe_code)]

pub mod cli;
pub mod count;
pub mod generate;
pub mod law;
pub mod read;
pub mod render;
pub mod report;
pub mod rows;
pub mod schema;
pub mod sql;
