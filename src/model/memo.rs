//! What the dashboard asks of a timeline every frame, kept between the
//! events that change it: with 100,000 threads each of these was a look at
//! every thread, several times a frame.

use std::sync::{Mutex, OnceLock};

use super::Timeline;
use super::deadlock::Cycle;
use super::outcome::CpuShare;
use crate::event::Nanos;

/// Forgotten by [`Timeline::apply`] when an event could change them.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    /// The widest thread label (name and pid), in cells.
    label_width: OnceLock<usize>,
    /// The cycle of waits, if there is one.
    deadlock: OnceLock<Option<Cycle>>,
    /// How the workers shared the processor, at the time asked last.
    cpu_share: Share,
}

/// A `Mutex` to be `Clone` and `Default` as the timeline is.
#[derive(Debug, Default)]
struct Share(Mutex<Option<(Nanos, Option<CpuShare>)>>);

impl Clone for Share {
    fn clone(&self) -> Share {
        Share(Mutex::new(
            *self.0.lock().unwrap_or_else(|e| e.into_inner()),
        ))
    }
}

/// Memos never make two timelines differ.
impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
}

impl Memo {
    /// A thread was added, renamed or became a process: its label changed.
    pub fn labels_changed(&mut self) {
        self.label_width = OnceLock::new();
    }

    /// A thread's state changed: who waits on whom may have.
    pub fn states_changed(&mut self) {
        self.deadlock = OnceLock::new();
        self.cpu_share = Share::default();
    }

    /// The CPU share at `now`: kept, or `find` it.
    pub fn cpu_share(
        &self,
        now: Nanos,
        find: impl FnOnce() -> Option<CpuShare>,
    ) -> Option<CpuShare> {
        let mut kept = self.cpu_share.0.lock().unwrap_or_else(|e| e.into_inner());
        match *kept {
            Some((at, share)) if at == now => share,
            _ => {
                let share = find();
                *kept = Some((now, share));
                share
            }
        }
    }
}

impl Timeline {
    /// The widest label of a thread ([`Track::label_width`](super::Track::label_width)).
    pub fn label_width(&self) -> usize {
        *self.memo.label_width.get_or_init(|| {
            self.tracks()
                .iter()
                .map(super::Track::label_width)
                .max()
                .unwrap_or(0)
        })
    }

    /// A cycle of waits among the live threads, if there is one (the one
    /// through the thread created first).
    pub fn deadlock(&self) -> Option<Cycle> {
        self.memo
            .deadlock
            .get_or_init(|| self.find_deadlock())
            .clone()
    }
}
