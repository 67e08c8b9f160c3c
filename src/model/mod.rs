//! The model: a run's threads, spans, markers and output as pure data.

mod deadlock;
mod details;
pub mod diff;
mod gil;
mod memo;
mod outcome;
mod output;
mod rare;
mod runs;
mod timeline;
mod times;
mod track;

pub use deadlock::{Cycle, Kind, Link, STALL_CONFIRM};
pub use details::DetailId;
pub use diff::{Diff, End, diff};
pub use gil::GilLane;
pub use outcome::{CounterReport, CpuShare, OsExit};
pub use output::{KEPT_LINES, Output, OutputLine, Place};
pub use rare::Ghost;
pub use timeline::{CounterValue, DetailView, Interpreter, Timeline};
pub use track::{Mark, Span, Track};
