//! The dashboard's widgets.

pub mod code;
pub mod footer;
pub mod header;
pub mod help;
pub mod lines;
pub mod output;
pub mod timeline;
