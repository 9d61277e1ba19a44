//! The case-record schema: the columns a province exports and what each may hold.

use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use std::sync::{Arc, LazyLock};

/// The columns every case file must have, in the documented order (a file may order them
/// differently and have others, which are ignored).
pub const COLUMNS: [&str; 9] = [
    "case_id",
    "procedure",
    "variant",
    "channel",
    "received_at",
    "restarted_at",
    "completed_at",
    "state",
    "portal_due_at",
];

/// Index of each input column in [`COLUMNS`].
pub mod col {
    /// `case_id`
    pub const CASE_ID: usize = 0;
    /// `procedure`
    pub const PROCEDURE: usize = 1;
    /// `variant`
    pub const VARIANT: usize = 2;
    /// `channel`
    pub const CHANNEL: usize = 3;
    /// `received_at`
    pub const RECEIVED_AT: usize = 4;
    /// `restarted_at`
    pub const RESTARTED_AT: usize = 5;
    /// `completed_at`
    pub const COMPLETED_AT: usize = 6;
    /// `state`
    pub const STATE: usize = 7;
    /// `portal_due_at`
    pub const PORTAL_DUE_AT: usize = 8;
}

/// The optional column of pause periods (`2025-03-04 10:00/2025-03-06 09:00; …`).
pub const PAUSES: &str = "pauses";

/// The channels a file can come in by: at the desk, online, by post.
pub const CHANNELS: [&str; 3] = ["direct", "online", "postal"];

/// The states a case can be in.
pub const STATES: [&str; 5] = ["processing", "paused", "completed", "returned", "cancelled"];

/// The time zone case times are stored in: Vietnam time, so that SQL that prints or
/// truncates a time shows the local one.
pub const TZ: &str = "+07:00";

/// A timestamp column of the checked table.
pub fn timestamp() -> DataType {
    DataType::Timestamp(TimeUnit::Second, Some(TZ.into()))
}

/// The input columns, typed: how `tthc cases generate` writes them (`variant` is null
/// for the ordinary case).
pub fn cases() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        Arc::new(Schema::new(vec![
            Field::new("case_id", DataType::Utf8, false),
            Field::new("procedure", DataType::Utf8, false),
            Field::new("variant", DataType::Utf8, true),
            Field::new("channel", DataType::Utf8, false),
            Field::new("received_at", timestamp(), false),
            Field::new("restarted_at", timestamp(), true),
            Field::new("completed_at", timestamp(), true),
            Field::new("state", DataType::Utf8, false),
            Field::new("portal_due_at", timestamp(), true),
        ]))
    });
    SCHEMA.clone()
}
