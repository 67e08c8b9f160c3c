//! What one step of a thread does, step kind by step kind.

use super::{Did, SLICE, Status, Stepper, TICK};
use crate::event::{EventKind, MAIN, Nanos, Outcome, Stream, ThreadId};
use crate::scenario::{Step, Switches};

impl Stepper {
    /// Thread `t`'s next step, from `t0`: what it did and how long it took.
    pub(super) fn exec(&mut self, t: ThreadId, t0: Nanos) -> (Did, Nanos) {
        let i = t as usize;
        if !self.threads[i].begun {
            self.threads[i].begun = true;
            let starter = (0..self.status.len()).find(|&s| self.status[s] == Status::Starting(t));
            if let Some(s) = starter {
                self.wake(s as ThreadId, t0 + TICK);
            }
            let starter = starter.map(|s| s as ThreadId);
            return (Did::Began { starter }, TICK);
        }
        if t == MAIN && self.threads[0].code_ended {
            return (self.exit(t0), 0);
        }
        let program = std::sync::Arc::clone(&self.program);
        let step = &program.threads[i].steps[self.threads[i].pc];
        let next = |s: &mut Stepper| s.threads[i].pc += 1;
        let did = match step {
            Step::Print(text) => {
                self.emit(t0, t, EventKind::line(text.clone()));
                next(self);
                Did::Printed(text.clone())
            }
            Step::Sleep(d) => {
                next(self);
                let until = t0 + TICK + d;
                self.status[i] = Status::Sleeping(until);
                Did::Slept { until }
            }
            Step::Compute(d) => {
                let left = self.threads[i].left.unwrap_or(*d);
                let ran = left.min(SLICE);
                let left = left - ran;
                self.threads[i].left = (left > 0).then_some(left);
                if left == 0 {
                    next(self);
                }
                let did = Did::Computed {
                    ran,
                    done: d - left,
                    total: *d,
                };
                return (did, ran.max(1));
            }
            Step::Create(c) => {
                let spec = &program.threads[*c as usize];
                let kind = EventKind::Spawned {
                    name: spec.name.clone(),
                    daemon: spec.daemon,
                    parent: Some(t),
                };
                self.emit(t0, *c, kind);
                self.status[*c as usize] = Status::Created;
                next(self);
                Did::Created(*c)
            }
            Step::Start(c) => {
                next(self);
                self.status[i] = Status::Starting(*c);
                self.wake(*c, t0 + TICK);
                Did::Started(*c)
            }
            Step::Join(j) => {
                next(self);
                if self.status[*j as usize] == Status::Done {
                    Did::Joined(*j)
                } else {
                    self.status[i] = Status::Joining(*j);
                    Did::JoinWaits(*j)
                }
            }
            Step::Acquire(l) => match self.locks[*l] {
                Some(holder) => {
                    self.status[i] = Status::Lock { lock: *l, holder };
                    Did::LockWaits { lock: *l, holder }
                }
                None => {
                    self.locks[*l] = Some(t);
                    next(self);
                    Did::Acquired(*l)
                }
            },
            Step::Release(l) => {
                self.release(*l, t0 + TICK);
                next(self);
                Did::Released(*l)
            }
            Step::Warn { text, lock } => {
                next(self);
                let shown = program.python.warns_on_old_names() && !self.warned.contains(lock);
                if shown {
                    self.warned.push(*lock);
                    let kind = EventKind::Output {
                        text: text.clone(),
                        stream: Stream::Stderr,
                        more: false,
                    };
                    self.emit(t0, t, kind);
                }
                Did::Warned { shown }
            }
            Step::Report(c) => {
                let value = self.values[*c];
                let name = &program.counters[*c].name;
                self.emit(t0, t, EventKind::line(format!("{name} = {value}")));
                next(self);
                Did::Reported { counter: *c, value }
            }
            Step::Increment {
                counter,
                times,
                lock,
                call,
            } => self.update(t, (*counter, *times), *lock, *call),
        };
        (did, TICK)
    }

    /// One step of `counter += 1` (`times` over), under `lock` if given,
    /// through a function call if `call`.
    fn update(
        &mut self,
        t: ThreadId,
        (c, times): (usize, u32),
        lock: Option<usize>,
        call: bool,
    ) -> Did {
        let i = t as usize;
        // From 3.10 on, the GIL changes hands only at a call or a jump
        // back: nothing can come between this read and its write.
        let whole = self.switches() == Switches::AtCalls && !call;
        let did = match self.threads[i].read {
            None => {
                if let Some(l) = lock {
                    if let Some(holder) = self.locks[l] {
                        self.status[i] = Status::Lock { lock: l, holder };
                        return Did::LockWaits { lock: l, holder };
                    }
                    self.locks[l] = Some(t);
                }
                let value = self.values[c];
                if whole {
                    self.write(t, c, value);
                    if let Some(l) = lock {
                        self.release(l, self.now + TICK);
                    }
                    self.threads[i].k += 1;
                    Did::Updated {
                        counter: c,
                        read: value,
                        lock,
                    }
                } else {
                    self.threads[i].read = Some((value, self.writes[c].len()));
                    Did::Read {
                        counter: c,
                        value,
                        call,
                        lock,
                    }
                }
            }
            Some((value, seen)) => {
                let lost = self.writes[c][seen..].to_vec();
                self.write(t, c, value);
                if let Some(l) = lock {
                    self.release(l, self.now + TICK);
                }
                self.threads[i].read = None;
                self.threads[i].k += 1;
                Did::Wrote {
                    counter: c,
                    value: value + 1,
                    lost,
                    lock,
                }
            }
        };
        if self.threads[i].k >= times {
            self.threads[i].k = 0;
            self.threads[i].pc += 1;
        }
        did
    }

    /// `t` writes what it read, plus one.
    fn write(&mut self, t: ThreadId, c: usize, read: i64) {
        self.values[c] = read.saturating_add(1);
        self.writes[c].push(t);
    }

    /// Let go of `lock` at `at`: the threads waiting for it try again.
    fn release(&mut self, lock: usize, at: Nanos) {
        self.locks[lock] = None;
        for j in 0..self.status.len() {
            if matches!(self.status[j], Status::Lock { lock: l, .. } if l == lock) {
                self.wake(j as ThreadId, at);
            }
        }
    }

    /// Main leaves: the counters as they are, the daemons cut short, the
    /// process exits.
    fn exit(&mut self, at: Nanos) -> Did {
        for (c, spec) in std::sync::Arc::clone(&self.program)
            .counters
            .iter()
            .enumerate()
        {
            let kind = EventKind::Counter {
                name: spec.name.clone(),
                value: self.values[c],
                expected: spec.expected,
                missing: spec
                    .expected
                    .saturating_sub(self.writes[c].len() as i64)
                    .max(0),
            };
            self.emit(at, MAIN, kind);
        }
        let cut: Vec<ThreadId> = (1..self.status.len())
            .filter(|&t| self.alive(t))
            .map(|t| t as ThreadId)
            .collect();
        for &t in &cut {
            self.status[t as usize] = Status::Done;
            self.emit(at, t, EventKind::ended(Outcome::CutShort));
        }
        self.emit(at, MAIN, EventKind::ProcessExit { code: 0 });
        self.emit(at, MAIN, EventKind::ended(Outcome::Finished));
        self.status[0] = Status::Done;
        self.over = true;
        self.running = None;
        Did::Exited { cut }
    }
}
