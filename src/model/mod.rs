//! The model: a run's threads, spans, markers and output as pure data.

mod outcome;
mod timeline;
mod track;

pub use outcome::CpuShare;
pub use timeline::{CounterValue, OutputLine, Timeline};
pub use track::{Mark, Span, Track};
