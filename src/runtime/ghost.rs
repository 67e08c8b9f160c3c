//! Ghosts: what a thread cut short at the exit would still have done. A
//! scenario knows the rest of each thread's program, so the runtime plays
//! it on in program time, as if the thread had the machine to itself,
//! with the same seeded jitter: the same seed gives the same ghost.

use super::thread::{PRINT_COST, Runner};
use crate::event::{EventKind, GhostLine, GhostSpan, Nanos, State};
use crate::scenario::Step;

/// A ghost being drawn up.
#[derive(Default)]
struct Draft {
    spans: Vec<GhostSpan>,
    lines: Vec<GhostLine>,
}

impl Draft {
    /// `state` from `start` to `end`, one span with the last when they touch.
    fn span(&mut self, start: Nanos, end: Nanos, state: State) {
        if end <= start {
            return;
        }
        match self.spans.last_mut() {
            Some(last) if last.state == state && last.end == start => last.end = end,
            _ => self.spans.push(GhostSpan { start, end, state }),
        }
    }
}

/// One loop iteration of an update, as `memory.rs` times it (roughly:
/// a ghost does not race anybody).
const UPDATE: Nanos = 60;

impl Runner {
    /// The ghost of this thread, cut short at `x`.
    pub(super) fn ghost(&mut self, x: Nanos) -> EventKind {
        if self.on_other {
            // Cut short waiting on another thread: when that wait would
            // have ended depends on the other (a deadlock: never).
            return EventKind::Ghost {
                spans: Vec::new(),
                lines: Vec::new(),
                waits: true,
            };
        }
        let mut g = Draft::default();
        let mut t = x;
        if let Some((state, until)) = self.until.take()
            && until > x
        {
            g.span(x, until, state);
            t = until;
            // After a wait the thread runs again.
        }
        let steps = std::sync::Arc::clone(&self.ctx.program);
        let steps = &steps.threads[self.id as usize].steps;
        let rest = steps.get(self.step_at.saturating_add(1)..).unwrap_or(&[]);
        let mut waits = false;
        for step in rest {
            match step {
                Step::Print(text) => {
                    g.lines.push(GhostLine {
                        at: t,
                        text: text.clone(),
                    });
                    g.span(t, t + PRINT_COST, State::Running);
                    t += PRINT_COST;
                }
                Step::Sleep(d) => {
                    let end = t + self.oversleep(*d);
                    g.span(t, end, State::Sleeping);
                    t = end;
                }
                Step::Compute(d) => {
                    let end = t + self.jitter(*d);
                    g.span(t, end, State::Running);
                    t = end;
                }
                Step::Increment { times, .. } => {
                    let end = t + u64::from(*times) * UPDATE;
                    g.span(t, end, State::Running);
                    t = end;
                }
                // Shown once per process: by the first thread, already.
                Step::Warn { .. } => {}
                // What comes next depends on other threads.
                Step::Create(_)
                | Step::Start(_)
                | Step::Join(_)
                | Step::Acquire(_)
                | Step::Release(_)
                | Step::Report(_) => {
                    waits = true;
                    break;
                }
            }
        }
        EventKind::Ghost {
            spans: g.spans,
            lines: g.lines,
            waits,
        }
    }
}
