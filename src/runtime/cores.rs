//! The machine's cores, as a child process sees them: each process has its
//! own GIL, but they all share the cores. A child asks its parent for a
//! core before it computes and gives it back after, so four CPU-bound
//! children on two cores take twice as long as one, as they do for real.

use crossbeam_channel::{Receiver, Sender};

use super::wire::FromWorker;
use crate::event::Nanos;

/// A child's line to its parent's cores.
pub struct Broker {
    /// To the parent (written out with the child's reports).
    pub out: Sender<FromWorker>,
    /// The parent's grants.
    pub grants: Receiver<Nanos>,
}

impl Broker {
    /// A core from program time `at`; when it was granted (None: the
    /// parent is gone).
    pub fn acquire(&self, at: Nanos) -> Option<Nanos> {
        self.out.send(FromWorker::WantCore { at }).ok()?;
        self.grants.recv().ok()
    }

    /// Give the core back at `at`.
    pub fn release(&self, at: Nanos) {
        let _ = self.out.send(FromWorker::DropCore { at });
    }
}
