//! Spreadsheets (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read with calamine: the first sheet
//! whose first row names the case columns. Date cells are wall-clock times in Vietnam
//! (a spreadsheet has no time zone), to the millisecond as Excel stores them; text cells
//! are read as in a CSV file. Rows are numbered as the spreadsheet shows them, and a bad
//! row names its sheet.

use super::{CHUNK_ROWS, Chunk, FileError, Layout, Origin, Times, Wanted, file_error, times};
use crate::law::{NS, Nanos};
use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use datafusion::arrow::array::{ArrayRef, StringBuilder};
use std::path::Path;
use std::sync::Arc;
use tthc::deadline::bulk::NULL;

/// A cell as text, as a CSV file would hold it.
fn text(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty => None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
        Data::Float(f) => Some(f.to_string()),
        Data::Bool(b) => Some(b.to_string()),
        Data::DateTime(d) => Some(d.as_f64().to_string()),
        Data::Error(e) => Some(format!("#{e:?}")),
    }
}

/// A date cell (or a bare Excel serial number) as an instant: local wall time.
fn instant(cell: &Data, offset: i64) -> Option<Nanos> {
    let (y, mo, d, h, mi, s, ms) = match cell {
        Data::DateTime(dt) if dt.is_datetime() => dt.to_ymd_hms_milli(),
        Data::Float(_) | Data::Int(_) => {
            let v = match cell {
                Data::Float(f) => *f,
                Data::Int(i) => *i as f64,
                _ => unreachable!(),
            };
            calamine::ExcelDateTime::new(v, calamine::ExcelDateTimeType::DateTime, false)
                .to_ymd_hms_milli()
        }
        _ => return None,
    };
    let day = NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))?;
    let local = day.and_hms_milli_opt(u32::from(h), u32::from(mi), u32::from(s), u32::from(ms))?;
    let utc = local.and_utc().timestamp_nanos_opt()?;
    Some(utc - offset * NS)
}

/// Reads the sheet of `path` that has the case columns, in chunks.
pub fn read(
    path: &Path,
    name: &str,
    wanted: &Wanted,
    offset: i64,
    take: &mut dyn FnMut(Chunk) -> bool,
) -> Result<(), FileError> {
    let open_error = |e: &dyn std::fmt::Display| {
        file_error(
            name,
            format!("not a readable spreadsheet: {e}"),
            format!("không phải bảng tính đọc được: {e}"),
        )
    };
    let mut book = open_workbook_auto(path).map_err(|e| open_error(&e))?;
    let sheets = book.sheet_names().to_owned();
    let mut first_error = None;
    for sheet in sheets {
        let range = book.worksheet_range(&sheet).map_err(|e| open_error(&e))?;
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let names: Vec<String> = header
            .iter()
            .map(|c| text(c).unwrap_or_default().trim().to_lowercase())
            .collect();
        let layout = match Layout::find(name, wanted, |c| {
            names.iter().position(|n| n == &c.to_lowercase())
        }) {
            Ok(l) => l,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        let first_row = u64::from(range.start().map_or(0, |s| s.0)) + 1;
        let file: Arc<str> = name.into();
        let sheet: Arc<str> = sheet.as_str().into();
        let mut at = layout.at.to_vec();
        at.extend(layout.pauses);
        at.extend(layout.by);
        let mut pending: Vec<(u64, &[Data])> = Vec::with_capacity(CHUNK_ROWS);
        let mut flush = |pending: &mut Vec<(u64, &[Data])>| -> bool {
            let chunk = build(&file, &sheet, &layout, &at, pending, offset);
            pending.clear();
            take(chunk)
        };
        for (i, row) in rows.enumerate() {
            if row.iter().all(|c| matches!(c, Data::Empty)) {
                continue;
            }
            pending.push((first_row + 1 + i as u64, row));
            if pending.len() == CHUNK_ROWS && !flush(&mut pending) {
                return Ok(());
            }
        }
        if !pending.is_empty() {
            flush(&mut pending);
        }
        return Ok(());
    }
    Err(first_error.unwrap_or_else(|| {
        file_error(
            name,
            "it has no sheet with rows",
            "tệp không có trang tính nào có dữ liệu",
        )
    }))
}

fn build(
    file: &Arc<str>,
    sheet: &Arc<str>,
    layout: &Layout,
    at: &[usize],
    rows: &[(u64, &[Data])],
    offset: i64,
) -> Chunk {
    let cell = |r: &[Data], p: usize| r.get(p).cloned().unwrap_or(Data::Empty);
    let strings = |p: usize| -> ArrayRef {
        let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 12);
        for (_, r) in rows {
            b.append_option(text(&cell(r, p)));
        }
        Arc::new(b.finish())
    };
    let time = |p: usize| -> Times {
        // Date cells become instants here; text cells are read as a CSV file's.
        let as_text = strings(p);
        let mut t = times(&as_text, offset);
        for (i, (_, r)) in rows.iter().enumerate() {
            let c = cell(r, p);
            if let Some(ns) = instant(&c, offset) {
                t.ns[i] = ns;
                t.bad[i] = 0;
            } else if matches!(c, Data::Empty) {
                t.ns[i] = NULL;
            }
        }
        t
    };
    let _ = at;
    let a = &layout.at;
    Chunk {
        origin: Origin {
            file: file.clone(),
            sheet: Some(sheet.clone()),
            rows: rows.iter().map(|(n, _)| *n).collect(),
        },
        text: [
            strings(a[0]),
            strings(a[1]),
            strings(a[2]),
            strings(a[3]),
            strings(a[7]),
        ],
        times: [time(a[4]), time(a[5]), time(a[6]), time(a[8])],
        pauses: layout.pauses.map(strings),
        by: layout.by.map(strings),
    }
}
