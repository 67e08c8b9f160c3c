//! threadline: see threads live and die, the way CPython runs them.

pub mod axis;
pub mod cli;
pub mod commands;
pub mod event;
pub mod explain;
pub mod export;
pub mod failure;
pub mod i18n;
pub mod look;
pub mod model;
pub mod plain;
pub mod runtime;
pub mod scenario;
pub mod setup;
pub mod stepper;
pub mod text;
pub mod trace;
pub mod ui;
