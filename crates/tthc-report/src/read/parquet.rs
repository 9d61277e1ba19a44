//! Parquet case files: the columns projected, text columns read as dictionaries (the
//! categories are resolved once per chunk, not once per row), any timestamp unit, and
//! the row groups split among the threads.

use super::{CHUNK_ROWS, Chunk, FileError, Layout, Origin, Wanted, file_error, is_text, times};
use crate::schema::COLUMNS;
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use std::path::Path;
use std::sync::Arc;

/// An open Parquet file: its metadata (read once), its layout and its row groups.
#[derive(Debug, Clone)]
pub struct File {
    name: Arc<str>,
    /// Each reader opens the file anew: handles from `File::try_clone` share one file
    /// position, and the parquet reader seeks then reads, so threads reading row groups
    /// through clones read each other's bytes (a 10-million-case file failed with
    /// "snappy: corrupt input").
    path: Arc<Path>,
    metadata: ArrowReaderMetadata,
    layout: Layout,
}

fn open_error(name: &str, e: impl std::fmt::Display) -> FileError {
    file_error(
        name,
        format!("not a readable Parquet file: {e}"),
        format!("không phải tệp Parquet đọc được: {e}"),
    )
}

impl File {
    /// Opens `path` and checks its columns: text (any string type, dictionaries too), or
    /// timestamps for the times.
    pub fn open(path: &Path, name: &str, wanted: &Wanted) -> Result<File, FileError> {
        let file = std::fs::File::open(path).map_err(|e| {
            file_error(
                name,
                format!("cannot open it: {e}"),
                format!("không mở được tệp: {e}"),
            )
        })?;
        let plain = ArrowReaderMetadata::load(&file, Default::default())
            .map_err(|e| open_error(name, e))?;
        let schema = plain.schema().clone();
        let layout = Layout::find(name, wanted, |c| {
            schema.fields().iter().position(|f| f.name() == c)
        })?;
        let check = |p: usize, column: &str, time: bool| -> Result<(), FileError> {
            let t = schema.field(p).data_type();
            let ok = is_text(t)
                || *t == DataType::Null
                || time && matches!(t, DataType::Timestamp(_, _));
            if ok {
                return Ok(());
            }
            let (en, vi) = if time {
                (" or a timestamp", " hoặc thời điểm")
            } else {
                ("", "")
            };
            Err(file_error(
                name,
                format!("column `{column}` has type {t}; expected text{en}"),
                format!("cột `{column}` có kiểu {t}; cần văn bản{vi}"),
            ))
        };
        for (i, &p) in layout.at.iter().enumerate() {
            check(p, COLUMNS[i], COLUMNS[i].ends_with("_at"))?;
        }
        if let Some(p) = layout.pauses {
            check(p, crate::schema::PAUSES, false)?;
        }
        if let Some(p) = layout.by {
            check(p, schema.field(p).name(), false)?;
        }
        // The categories (procedure, variant, channel, state, the grouping column) read as
        // dictionaries: a column stored with one keeps it, and each chunk's distinct
        // values are resolved once instead of once per row.
        let mut categorical: Vec<usize> = layout.at[1..4].to_vec();
        categorical.push(layout.at[7]);
        categorical.extend(layout.by);
        let fields: Vec<Field> = schema
            .fields()
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if categorical.contains(&i) && *f.data_type() == DataType::Utf8 {
                    f.as_ref().clone().with_data_type(DataType::Dictionary(
                        Box::new(DataType::Int32),
                        Box::new(DataType::Utf8),
                    ))
                } else {
                    f.as_ref().clone()
                }
            })
            .collect();
        let hinted = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
        let metadata = ArrowReaderMetadata::try_new(
            plain.metadata().clone(),
            ArrowReaderOptions::new().with_schema(hinted),
        )
        .unwrap_or(plain);
        Ok(File {
            name: name.into(),
            path: path.into(),
            metadata,
            layout,
        })
    }

    /// How many row groups.
    pub fn row_groups(&self) -> usize {
        self.metadata.metadata().num_row_groups()
    }

    /// Reads row groups `groups`, handing each chunk to `take` (which returns `false` to
    /// stop).
    pub fn read(
        &self,
        groups: &[usize],
        offset: i64,
        take: &mut dyn FnMut(Chunk) -> bool,
    ) -> Result<(), FileError> {
        let name = self.name.as_ref();
        let meta = self.metadata.metadata().clone();
        let mut projected: Vec<usize> = self.layout.at.to_vec();
        projected.extend(self.layout.pauses);
        projected.extend(self.layout.by);
        projected.sort_unstable();
        projected.dedup();
        let pos = |p: usize| projected.binary_search(&p).expect("projected");
        for &g in groups {
            let mut row: u64 = (0..g).map(|k| meta.row_group(k).num_rows() as u64).sum();
            let file = std::fs::File::open(&self.path).map_err(|e| open_error(name, e))?;
            let builder =
                ParquetRecordBatchReaderBuilder::new_with_metadata(file, self.metadata.clone());
            let mask = ProjectionMask::roots(builder.parquet_schema(), projected.iter().copied());
            let reader = builder
                .with_row_groups(vec![g])
                .with_projection(mask)
                .with_batch_size(CHUNK_ROWS)
                .build()
                .map_err(|e| open_error(name, e))?;
            for batch in reader {
                let batch = batch.map_err(|e| open_error(name, e))?;
                let n = batch.num_rows();
                let col = |p: usize| batch.column(pos(p)).clone();
                let at = &self.layout.at;
                let chunk = Chunk {
                    origin: Origin {
                        file: self.name.clone(),
                        sheet: None,
                        rows: (row + 1..=row + n as u64).collect(),
                    },
                    text: [col(at[0]), col(at[1]), col(at[2]), col(at[3]), col(at[7])],
                    times: [
                        times(&col(at[4]), offset),
                        times(&col(at[5]), offset),
                        times(&col(at[6]), offset),
                        times(&col(at[8]), offset),
                    ],
                    pauses: self.layout.pauses.map(col),
                    by: self.layout.by.map(col),
                };
                row += n as u64;
                if !take(chunk) {
                    return Ok(());
                }
            }
        }
        Ok(())
    }
}
