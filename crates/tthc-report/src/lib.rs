//! On-time statistics over the case records provincial one-stop systems export: `tthc
//! report` and `tthc cases generate`.
//!
//! The case files (CSV or Parquet, [`schema::COLUMNS`]) are read in batches and checked
//! row by row ([`read`], [`rows`]); the good rows become the `cases` table of an Apache
//! DataFusion session, beside the catalogue (`tthc_versions`) and the deadline engine as
//! SQL functions ([`functions`]: `tthc_due`, `tthc_status`, …). The SQL kept in the
//! repository's `reports/` folder ([`sql`]) counts them ([`report`]), and [`render`]
//! prints the result as text, JSON, CSV or a self-contained HTML page with charts.
//! [`generate`] writes realistic synthetic case files to test and measure with.
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
//! let options = tthc_report::report::Options {
//!     files: vec![file],
//!     from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
//!     to: chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
//!     as_of: None, by: None, months: false, max_errors: 0, discrepancies: 10,
//!     sql_dir: None, threads: 1,
//! };
//! let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
//! let report = rt.block_on(tthc_report::report::run(law, &options)).unwrap();
//! // Due 05/02/2025 (Tết Ất Tỵ skipped), completed on 04/02: early.
//! assert_eq!(report.total.received_new, 1);
//! assert_eq!(report.total.resolved_early, 1);
//! ```

#![forbid(unsafe_code)]

pub mod cli;
pub mod functions;
pub mod generate;
pub mod law;
pub mod read;
pub mod render;
pub mod report;
pub mod rows;
pub mod schema;
pub mod sql;
