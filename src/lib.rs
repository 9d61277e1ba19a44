//! tthc: the procedure catalogue compiler and deadline engine.

pub mod days;
