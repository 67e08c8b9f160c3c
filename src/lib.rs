//! threadline: see threads live and die, the way CPython runs them.

pub mod app;
pub mod cli;
pub mod event;
pub mod export;
pub mod i18n;
pub mod look;
pub mod model;
pub mod plain;
pub mod runtime;
pub mod scenario;
pub mod trace;
pub mod ui;
