//! Waits: a thread blocks (`W`), its holder becomes known (`H`), it is
//! seen to wait for good (`G`), the wait ends (`U`); and the wait in
//! `start()` the records imply (`N` to `R`).

use super::Decoder;
use super::fields::{Field, at, num, word};
use crate::event::{Detail, EventKind, MAIN, Nanos, State, ThreadId};

/// A record's time and the events it gives.
type Decoded = Option<(Nanos, Vec<(ThreadId, EventKind)>)>;

impl Decoder {
    /// `W t tid kind obj holder site`: a wait begins.
    pub(super) fn wait_begins(&mut self, pid: u32, f: &[Field<'_>]) -> Decoded {
        let mut out: Vec<(ThreadId, EventKind)> = Vec::new();
        // W t tid kind obj holder site
        let at_time = at(f)?;
        let t = self.id(pid, num(f, 2)?);
        if let Some(k) = self.end_start(pid, t) {
            out.push((t, k));
        }
        let kind = word(f, 3)?;
        let obj: Option<u32> = word(f, 4)?.parse().ok();
        let p = self.procs.get(&pid);
        let on = obj.and_then(|o| p?.objects.get(&o).cloned());
        let mut holder = num(f, 5).map(|h| self.id(pid, h));
        if kind == "process_join" {
            holder = obj
                .and_then(|o| p?.object_pids.get(&o))
                .and_then(|child| self.procs.get(child))
                .map(|c| c.base);
        }
        let state = wait_state(kind);
        let on = on.or_else(|| wait_words(kind).map(str::to_string));
        let detail = Detail {
            on,
            holder,
            site: self.site(pid, word(f, 6)?),
            forever: false,
        };
        let life = self.lives.entry(t).or_default();
        life.waits.push((state, detail.clone()));
        out.push((t, EventKind::state_with(state, detail)));
        Some((at_time, out))
    }

    /// `H t tid holder`: the holder of the current wait became known.
    pub(super) fn holder_known(&mut self, pid: u32, f: &[Field<'_>]) -> Decoded {
        let at_time = at(f)?;
        let t = self.id(pid, num(f, 2)?);
        let h = self.id(pid, num(f, 3)?);
        let life = self.lives.entry(t).or_default();
        let (state, detail) = life.waits.last_mut()?;
        detail.holder = Some(h);
        Some((
            at_time,
            vec![(t, EventKind::state_with(*state, detail.clone()))],
        ))
    }

    /// `G t tid site`: the wait of `tid` at `site` has no timeout and has
    /// lasted. The model gives the wait's span the detail that says so (the
    /// same state and detail but for `forever`: no new span). Sent by the
    /// monitor thread: a wait that has ended meanwhile, no longer the
    /// current one at `site`, is left as it is.
    pub(super) fn wait_forever(&mut self, pid: u32, f: &[Field<'_>]) -> Decoded {
        let at_time = at(f)?;
        let t = self.id(pid, num(f, 2)?);
        let site = self.site(pid, word(f, 3)?);
        let Some(life) = self.lives.get_mut(&t) else {
            return Some((at_time, Vec::new()));
        };
        match life.waits.last_mut() {
            Some((state, detail)) if detail.site == site && !detail.forever => {
                detail.forever = true;
                let ev = EventKind::state_with(*state, detail.clone());
                Some((at_time, vec![(t, ev)]))
            }
            _ => Some((at_time, Vec::new())),
        }
    }

    /// `U t tid site`: the current wait ends; back to the enclosing one, if any.
    pub(super) fn wait_ends(&mut self, pid: u32, f: &[Field<'_>]) -> Decoded {
        let at_time = at(f)?;
        let t = self.id(pid, num(f, 2)?);
        let site = self.site(pid, word(f, 3)?);
        Some((at_time, vec![(t, self.pop_wait(pid, t, site))]))
    }

    /// `parent` starts `t` (`N`, at `site`): it waits in `start()` until
    /// `t` runs (its `R`).
    pub(super) fn starts(
        &mut self,
        pid: u32,
        t: ThreadId,
        parent: ThreadId,
        site: &str,
        out: &mut Vec<(ThreadId, EventKind)>,
    ) {
        if let Some(k) = self.end_start(pid, parent) {
            out.push((parent, k));
        }
        let detail = Detail {
            on: None,
            holder: Some(t),
            site: self.site(pid, site),
            forever: false,
        };
        self.lives
            .entry(parent)
            .or_default()
            .waits
            .push((State::Starting, detail.clone()));
        self.starting.insert(t, parent);
        out.push((parent, EventKind::state_with(State::Starting, detail)));
    }

    /// `parent`'s wait in `start()` is over: the state it goes back to.
    pub(super) fn end_start(&mut self, pid: u32, parent: ThreadId) -> Option<EventKind> {
        let life = self.lives.get(&parent)?;
        if !matches!(life.waits.last(), Some((State::Starting, _))) {
            return None;
        }
        Some(self.pop_wait(pid, parent, None))
    }

    /// `t`'s innermost wait is over: the state it goes back to, the
    /// enclosing wait, main's wait at exit, or running (at `site`).
    fn pop_wait(&mut self, pid: u32, t: ThreadId, site: Option<String>) -> EventKind {
        let at_exit = t == self.id(pid, MAIN) && self.procs.get(&pid).is_some_and(|p| p.at_exit);
        let life = self.lives.entry(t).or_default();
        life.waits.pop();
        match life.waits.last() {
            Some((state, detail)) => EventKind::state_with(*state, detail.clone()),
            None if at_exit => EventKind::state(State::WaitingAtExit),
            None => EventKind::state_with(
                State::Running,
                Detail {
                    site,
                    ..Detail::default()
                },
            ),
        }
    }
}

/// The state a wait of this kind is drawn as.
fn wait_state(kind: &str) -> State {
    match kind {
        "sleep" => State::Sleeping,
        "lock" | "semaphore" => State::WaitingLock,
        "join" | "process_join" => State::Joining,
        "thread_start" => State::Starting,
        _ => State::Waiting,
    }
}

/// What a wait with no object of its own waits on, in words.
fn wait_words(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "timer" => "Timer",
        "futures_wait" => "futures",
        _ => return None,
    })
}
