//! CSV case files, read with bounded memory: no record may be longer than
//! [`MAX_RECORD`] bytes or span more than [`MAX_LINES`] lines, and no field longer than
//! [`MAX_FIELD`]; beyond that the row is rejected and reading goes on at the next line,
//! never holding more than a record. A quote that is never closed (or closes lines
//! later, inside another row) would swallow every row after it: a record that spans
//! lines and does not have the header's shape, or that has a line break in one of the
//! case columns, is taken as such a quote; its first line is rejected, naming the line
//! and column where the quote opened, and reading goes on at the line after it.

use super::{
    CHUNK_ROWS, Chunk, FileError, Layout, Origin, Rejected, Wanted, file_error, malformed, times,
};
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use datafusion::arrow::array::{ArrayRef, StringBuilder};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

/// The longest record read, in bytes (1 MiB): memory stays bounded whatever the file.
pub const MAX_RECORD: usize = 1 << 20;

/// The longest field, in bytes (64 KiB).
pub const MAX_FIELD: usize = 64 << 10;

/// The most lines a record may span (a quoted field may hold line breaks).
pub const MAX_LINES: u64 = 100;

/// The most fields a record may have.
const MAX_FIELDS: usize = 4096;

/// A record as read: its first line, its byte range, how many lines it spans.
struct Record {
    line: u64,
    start: u64,
    lines: u64,
    fields: usize,
    /// Why it cannot be a row, if it cannot.
    overflow: Option<&'static str>,
}

/// A streaming reader of records with the limits above.
struct Records {
    input: BufReader<std::fs::File>,
    core: Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Byte offset of the next unread input byte.
    offset: u64,
    /// Line of the next unread input byte.
    line: u64,
    done: bool,
}

impl Records {
    fn new(file: std::fs::File) -> Records {
        Records {
            input: BufReader::with_capacity(256 << 10, file),
            core: ReaderBuilder::new().build(),
            out: vec![0; MAX_RECORD],
            ends: vec![0; MAX_FIELDS],
            offset: 0,
            line: 1,
            done: false,
        }
    }

    /// Goes on reading at byte `offset`, which starts line `line`.
    fn seek(&mut self, offset: u64, line: u64) -> std::io::Result<()> {
        self.input.seek(SeekFrom::Start(offset))?;
        self.core.reset();
        self.offset = offset;
        self.line = line;
        self.done = false;
        Ok(())
    }

    /// The next record, or `None` at the end.
    fn next(&mut self) -> std::io::Result<Option<Record>> {
        if self.done {
            return Ok(None);
        }
        // A record ending in \r\n ends at its \r: its \n is counted here, so that the
        // next record starts on the right line.
        if self.input.fill_buf()?.first() == Some(&b'\n') {
            self.input.consume(1);
            self.offset += 1;
            self.line += 1;
        }
        let (start, line) = (self.offset, self.line);
        let (mut out_at, mut ends_at) = (0, 0);
        let mut overflow = None;
        loop {
            let buf = self.input.fill_buf()?;
            let (res, read, wrote, ended) = {
                let out = if overflow.is_some() {
                    &mut self.out[..0]
                } else {
                    &mut self.out[out_at..]
                };
                let ends = if overflow.is_some() {
                    &mut self.ends[..0]
                } else {
                    &mut self.ends[ends_at..]
                };
                self.core.read_record(buf, out, ends)
            };
            let newlines = bytecount(&buf[..read]);
            self.input.consume(read);
            self.offset += read as u64;
            self.line += newlines;
            if overflow.is_none() {
                out_at += wrote;
                ends_at += ended;
            }
            if self.line - line > MAX_LINES && overflow.is_none() {
                overflow = Some("lines");
            }
            match res {
                ReadRecordResult::InputEmpty => {
                    if overflow.is_some() && self.line - line > MAX_LINES {
                        // A runaway quote: stop here, the caller goes on at the next line.
                        return Ok(Some(Record {
                            line,
                            start,
                            lines: self.line - line,
                            fields: 0,
                            overflow,
                        }));
                    }
                    continue;
                }
                ReadRecordResult::OutputFull => {
                    overflow = Some("bytes");
                    return Ok(Some(Record {
                        line,
                        start,
                        lines: self.line - line,
                        fields: 0,
                        overflow,
                    }));
                }
                ReadRecordResult::OutputEndsFull => {
                    overflow = Some("fields");
                    return Ok(Some(Record {
                        line,
                        start,
                        lines: self.line - line,
                        fields: 0,
                        overflow,
                    }));
                }
                ReadRecordResult::Record => {
                    // The line count includes the record's own terminator.
                    let lines = (self.line - line).max(1);
                    return Ok(Some(Record {
                        line,
                        start,
                        lines,
                        fields: ends_at,
                        overflow,
                    }));
                }
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(None);
                }
            }
        }
    }

    /// Field `k` of the last record.
    fn field(&self, k: usize) -> &[u8] {
        let a = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.out[a..self.ends[k]]
    }
}

fn bytecount(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

/// The byte offset of the line after the one starting at `start`, reading at most what
/// it must (a 1 GiB line is skipped without being held).
fn next_line(path: &Path, start: u64) -> std::io::Result<u64> {
    let mut f = BufReader::with_capacity(64 << 10, std::fs::File::open(path)?);
    f.seek(SeekFrom::Start(start))?;
    let mut at = start;
    loop {
        let buf = f.fill_buf()?;
        if buf.is_empty() {
            return Ok(at);
        }
        if let Some(i) = buf.iter().position(|&c| c == b'\n') {
            return Ok(at + i as u64 + 1);
        }
        let n = buf.len();
        f.consume(n);
        at += n as u64;
    }
}

/// The 1-based column (in characters) of the quote left open at the end of the line that
/// starts at `start`, reading at most 64 KiB of it.
fn open_quote(path: &Path, start: u64) -> Option<usize> {
    let mut f = std::fs::File::open(path).ok()?;
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut buf = Vec::new();
    f.take(MAX_FIELD as u64).read_to_end(&mut buf).ok()?;
    let line = buf.split(|&c| c == b'\n').next()?;
    let text = String::from_utf8_lossy(line);
    let (mut open, mut quoted, mut at_field_start) = (None, false, true);
    for (i, c) in text.chars().enumerate() {
        match c {
            '"' if quoted => quoted = false,
            '"' if at_field_start => {
                quoted = true;
                open = Some(i + 1);
            }
            ',' if !quoted => at_field_start = true,
            _ => at_field_start = at_field_start && c == ' ',
        }
        if c != ',' && c != ' ' && !quoted {
            at_field_start = false;
        }
    }
    if quoted { open } else { None }
}

/// An open CSV file: its header read and checked.
#[derive(Debug, Clone)]
pub struct File {
    path: std::path::PathBuf,
    name: Arc<str>,
    layout: Layout,
    width: usize,
    /// Where the rows start (after the header).
    body: (u64, u64),
}

fn open_error(name: &str, e: impl std::fmt::Display) -> FileError {
    file_error(
        name,
        format!("cannot open it: {e}"),
        format!("không mở được tệp: {e}"),
    )
}

impl File {
    /// Opens `path` and reads its header (a byte-order mark is accepted; names are
    /// matched without case or surrounding spaces).
    pub fn open(path: &Path, name: &str, wanted: &Wanted) -> Result<File, FileError> {
        let f = std::fs::File::open(path).map_err(|e| open_error(name, e))?;
        let mut records = Records::new(f);
        let header = records.next().map_err(|e| open_error(name, e))?;
        let Some(header) = header else {
            return Err(file_error(
                name,
                "it is empty; a case file starts with a header row naming its columns",
                "tệp rỗng; tệp hồ sơ bắt đầu bằng dòng tiêu đề ghi tên các cột",
            ));
        };
        if header.overflow.is_some() || header.lines > 1 {
            return Err(file_error(
                name,
                format!(
                    "its header row is longer than {} KiB or runs over several lines; a case file starts with one line naming its columns",
                    MAX_RECORD >> 10
                ),
                format!(
                    "dòng tiêu đề dài quá {} KiB hoặc kéo dài nhiều dòng; tệp hồ sơ bắt đầu bằng một dòng ghi tên các cột",
                    MAX_RECORD >> 10
                ),
            ));
        }
        let names: Vec<String> = (0..header.fields)
            .map(|k| {
                String::from_utf8_lossy(records.field(k))
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_lowercase()
            })
            .collect();
        let layout = Layout::find(name, wanted, |c| {
            names.iter().position(|n| n == &c.to_lowercase())
        })?;
        Ok(File {
            path: path.to_path_buf(),
            name: name.into(),
            layout,
            width: header.fields,
            body: (records.offset, records.line),
        })
    }

    /// Reads every row, handing chunks to `take` (which returns `false` to stop) and
    /// unreadable rows to `reject` (which returns `false` to stop).
    pub fn read(
        &self,
        offset: i64,
        take: &mut dyn FnMut(Chunk) -> bool,
        reject: &mut dyn FnMut(Rejected) -> bool,
    ) -> Result<(), FileError> {
        let name = self.name.as_ref();
        let f = std::fs::File::open(&self.path).map_err(|e| open_error(name, e))?;
        let mut records = Records::new(f);
        records
            .seek(self.body.0, self.body.1)
            .map_err(|e| open_error(name, e))?;
        let mut chunk = Builder::new(&self.layout);
        let mut wanted = self.layout.at.to_vec();
        wanted.extend(self.layout.pauses);
        wanted.extend(self.layout.by);
        let bad = |line: u64, error| Rejected {
            file: name.to_string(),
            sheet: None,
            row: line,
            case_id: None,
            error,
        };
        loop {
            let record = records.next().map_err(|e| open_error(name, e))?;
            let Some(r) = record else { break };
            let case_field_broken = r.overflow.is_none()
                && r.lines > 1
                && (r.fields != self.width
                    || self.layout.at.iter().any(|&p| {
                        p < r.fields && records.field(p).iter().any(|&c| c == b'\n' || c == b'\r')
                    }));
            if r.overflow.is_some() || case_field_broken {
                let quote = open_quote(&self.path, r.start);
                let error = match (r.overflow, quote) {
                    (_, Some(col)) => malformed(
                        format!(
                            "a quote opens at column {col} and is not closed on this line; it would run over {} more lines: this line is left out and reading goes on at the next",
                            r.lines.saturating_sub(1)
                        ),
                        format!(
                            "dấu ngoặc kép mở ở cột {col} không được đóng trên dòng này; nó sẽ nuốt {} dòng sau: dòng này bị loại và đọc tiếp từ dòng sau",
                            r.lines.saturating_sub(1)
                        ),
                    ),
                    (Some("fields"), None) => malformed(
                        format!("the row has more than {MAX_FIELDS} fields"),
                        format!("dòng có hơn {MAX_FIELDS} trường"),
                    ),
                    _ => malformed(
                        format!(
                            "the row is longer than {} KiB; no case needs that much: it is left out",
                            MAX_RECORD >> 10
                        ),
                        format!(
                            "dòng dài hơn {} KiB; không hồ sơ nào cần như vậy: dòng bị loại",
                            MAX_RECORD >> 10
                        ),
                    ),
                };
                if !reject(bad(r.line, error)) {
                    return Ok(());
                }
                let next = next_line(&self.path, r.start).map_err(|e| open_error(name, e))?;
                records
                    .seek(next, r.line + 1)
                    .map_err(|e| open_error(name, e))?;
                continue;
            }
            if r.fields == 1 && records.field(0).is_empty() {
                continue; // a blank line
            }
            if r.fields != self.width {
                let error = malformed(
                    format!(
                        "the row has {} fields and the header {}",
                        r.fields, self.width
                    ),
                    format!(
                        "dòng có {} trường, dòng tiêu đề có {}",
                        r.fields, self.width
                    ),
                );
                if !reject(bad(r.line, error)) {
                    return Ok(());
                }
                continue;
            }
            let mut cells: Vec<&str> = Vec::with_capacity(wanted.len());
            let mut problem = None;
            for &p in &wanted {
                let f = records.field(p);
                if f.len() > MAX_FIELD {
                    problem = Some(malformed(
                        format!("a field is longer than {} KiB", MAX_FIELD >> 10),
                        format!("một trường dài hơn {} KiB", MAX_FIELD >> 10),
                    ));
                    break;
                }
                match std::str::from_utf8(f) {
                    Ok(t) => cells.push(t),
                    Err(_) => {
                        problem = Some(malformed(
                            "the row is not UTF-8 text; save the file as UTF-8",
                            "dòng không phải văn bản UTF-8; hãy lưu tệp dạng UTF-8",
                        ));
                        break;
                    }
                }
            }
            if let Some(error) = problem {
                if !reject(bad(r.line, error)) {
                    return Ok(());
                }
                continue;
            }
            chunk.push(r.line, &cells);
            if chunk.rows.len() == CHUNK_ROWS && !take(chunk.finish(&self.name, offset)) {
                return Ok(());
            }
        }
        if !chunk.rows.is_empty() {
            take(chunk.finish(&self.name, offset));
        }
        Ok(())
    }
}

/// Builds a chunk from rows of text.
struct Builder {
    rows: Vec<u64>,
    columns: Vec<StringBuilder>,
    pauses: bool,
    by: bool,
}

impl Builder {
    fn new(layout: &Layout) -> Builder {
        let n = 9 + usize::from(layout.pauses.is_some()) + usize::from(layout.by.is_some());
        Builder {
            rows: Vec::with_capacity(CHUNK_ROWS),
            columns: (0..n)
                .map(|_| StringBuilder::with_capacity(CHUNK_ROWS, CHUNK_ROWS * 16))
                .collect(),
            pauses: layout.pauses.is_some(),
            by: layout.by.is_some(),
        }
    }

    fn push(&mut self, line: u64, cells: &[&str]) {
        self.rows.push(line);
        for (c, v) in self.columns.iter_mut().zip(cells) {
            c.append_value(v);
        }
    }

    fn finish(&mut self, file: &Arc<str>, offset: i64) -> Chunk {
        let mut cols: Vec<ArrayRef> = self
            .columns
            .iter_mut()
            .map(|c| Arc::new(c.finish()) as ArrayRef)
            .collect();
        let by = self.by.then(|| cols.pop()).flatten();
        let pauses = self.pauses.then(|| cols.pop()).flatten();
        let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(CHUNK_ROWS));
        Chunk {
            origin: Origin {
                file: file.clone(),
                sheet: None,
                rows,
            },
            text: [
                cols[0].clone(),
                cols[1].clone(),
                cols[2].clone(),
                cols[3].clone(),
                cols[7].clone(),
            ],
            times: [
                times(&cols[4], offset),
                times(&cols[5], offset),
                times(&cols[6], offset),
                times(&cols[8], offset),
            ],
            pauses,
            by,
        }
    }
}
