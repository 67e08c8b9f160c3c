//! The model: a run's threads, spans, markers and output as pure data.

mod timeline;
mod track;

pub use timeline::{OutputLine, Timeline};
pub use track::{Mark, Span, Track};
