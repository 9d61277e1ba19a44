//! tthc: the procedure catalogue compiler and deadline engine.

pub mod calendar;
pub mod days;
pub mod deadline;
