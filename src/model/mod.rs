//! The model: a run's threads, spans, markers and output as pure data.

mod deadlock;
pub mod diff;
mod outcome;
mod timeline;
mod track;

pub use deadlock::{Cycle, Link};
pub use diff::{Diff, End, diff};
pub use outcome::{CounterReport, CpuShare};
pub use timeline::{CounterValue, Interpreter, OutputLine, Timeline};
pub use track::{DetailId, Ghost, Mark, Span, Track};
