//! What a scenario's threads share: counters (updated as CPython does,
//! a read and then a write, logged in program time; see `counters.rs`) and
//! locks. Where the interpreter may switch threads inside an update decides
//! whether updates are lost.

use super::counters::Run;
use super::shared::{Interrupt, Waited};
use super::thread::Runner;
use crate::event::{EventKind, Stream};
use crate::event::{Nanos, State};
use crate::scenario::Switches;

/// One loop iteration of an update, in program time from its start: when
/// it reads the counter, when it writes it back, when the loop jumps back,
/// and (for `counter = add(counter)`) when it calls the function.
#[derive(Debug, Clone, Copy)]
struct Shape {
    read: Nanos,
    write: Nanos,
    period: Nanos,
    call: Option<Nanos>,
}

impl Shape {
    /// `counter += 1` (about 40 ns an iteration on CPython 3.11 here);
    /// `counter = add(counter)`, a call between read and write (about 100
    /// ns); `with lock: counter += 1` (about 150 ns).
    fn of(locked: bool, call: bool) -> Shape {
        match (locked, call) {
            (false, false) => Shape {
                read: 0,
                write: 20,
                period: 40,
                call: None,
            },
            (false, true) => Shape {
                read: 10,
                write: 70,
                period: 100,
                call: Some(30),
            },
            (true, _) => Shape {
                read: 30,
                write: 60,
                period: 150,
                call: call.then_some(40),
            },
        }
    }

    /// Where in the iteration the thread may be switched out, if its
    /// switch interval ends `due` after the iteration began: anywhere (up
    /// to 3.9, and the OS without a GIL), else at the first call or loop
    /// back-jump at or after it (3.10 on).
    fn switch_point(&self, due: Nanos, switches: Switches) -> Nanos {
        match switches {
            Switches::Anywhere | Switches::Parallel => due,
            Switches::AtCalls => match self.call {
                Some(c) if c >= due => c,
                _ => self.period,
            },
        }
    }
}

/// A warning's first use: its CPU work, and how long its reads and
/// writes may block (drawn from the seed).
const WARN_COMPUTE: Nanos = 200_000;
const WARN_IO_MIN: Nanos = 1_000_000;
const WARN_IO_MAX: Nanos = 10_000_000;

/// From the write to the lock's release, in `with lock:`.
const UNLOCK_AFTER: Nanos = 20;

impl Runner {
    /// Log the iterations gathered so far.
    fn flush_run(&self, counter: usize, pending: &mut Option<Run>) {
        if let Some(run) = pending.take() {
            self.ctx.counters[counter].add(run);
        }
    }

    /// Add one iteration that read at `read` and wrote at `write`, of a
    /// loop that goes round every `period`.
    fn log(
        &self,
        counter: usize,
        pending: &mut Option<Run>,
        (read, write): (Nanos, Nanos),
        period: Nanos,
    ) {
        let write_at = write - read;
        if let Some(run) = pending
            && run.extends(read, write_at, self.id)
        {
            run.count += 1;
            return;
        }
        self.flush_run(counter, pending);
        *pending = Some(Run {
            thread: self.id,
            first: read,
            // A write after a switch is an iteration of its own.
            period: period.max(write_at + 1),
            write_at,
            count: 1,
        });
    }

    /// `counter += 1` (or `counter = add(counter)`), `times` times, each
    /// under `lock` if given.
    pub(super) fn increment(
        &mut self,
        counter: usize,
        times: u32,
        lock: Option<usize>,
        call: bool,
    ) -> Waited {
        let shape = Shape::of(lock.is_some(), call);
        let switches = self.ctx.program.python.switches();
        // Without the GIL a lock is decided in program time (see
        // `settle_lock`): a thread keeps it from one iteration to the next
        // until its time slice ends, rather than settle every iteration
        // with every other thread. The others wait for it as they would.
        let coarse = switches == Switches::Parallel;
        let mut held = false;
        let mut pending: Option<Run> = None;
        for _ in 0..times {
            if let Some(l) = lock
                && !held
            {
                self.flush_run(counter, &mut pending);
                self.take_lock(l)?;
                held = true;
            }
            let start = self.cursor;
            // Without a switch: read, write, jump back.
            let (mut read, mut write) = (start + shape.read, start + shape.write);
            let mut end = start + shape.period;
            let slice_over = self.slice_end <= end;
            if slice_over
                && coarse
                && let Some(l) = lock
            {
                // Let go at the end of this iteration's update, then switch.
                self.log(counter, &mut pending, (read, write), shape.period);
                self.flush_run(counter, &mut pending);
                self.ctx.control.unlock(self.id, l, write + UNLOCK_AFTER);
                held = false;
                self.cursor = end;
                self.ctx.control.compute_until(self.id, end, self.daemon)?;
                self.interval_over()?;
                continue;
            }
            if slice_over {
                let at = start + shape.switch_point(self.slice_end.saturating_sub(start), switches);
                // What comes after the switch point happens once the thread
                // runs again: a read before it and a write after lose what
                // other threads wrote meanwhile.
                self.flush_run(counter, &mut pending);
                self.cursor = at;
                self.ctx.control.compute_until(self.id, at, self.daemon)?;
                self.interval_over()?;
                let shift = self.cursor - at;
                if read >= at {
                    read += shift;
                }
                if write >= at {
                    write += shift;
                }
                end += shift;
            }
            self.log(counter, &mut pending, (read, write), shape.period);
            self.cursor = end;
            if let Some(l) = lock
                && !coarse
            {
                // Released right after the write (`with` ends).
                self.flush_run(counter, &mut pending);
                self.ctx.control.unlock(self.id, l, write + UNLOCK_AFTER);
                held = false;
            }
        }
        self.flush_run(counter, &mut pending);
        if let Some(l) = lock
            && held
        {
            self.ctx.control.unlock(self.id, l, self.cursor);
        }
        Ok(())
    }

    /// `with lock:` / `lock.acquire()`: take it, waiting (without the GIL)
    /// while another holds it.
    pub(super) fn take_lock(&mut self, lock: usize) -> Waited {
        loop {
            if self.ctx.program.python.switches() == Switches::Parallel {
                self.ctx
                    .control
                    .settle_lock(self.id, self.cursor, self.daemon)?;
            }
            let holder = match self.ctx.control.try_lock(self.id, lock, self.cursor) {
                Ok((at, last)) if at > self.cursor => {
                    // Another thread had it until `at`: this one waited.
                    self.drop_gil();
                    self.wait_state(State::WaitingLock, last, Some(self.lock_words(lock)));
                    self.cursor = at;
                    return self.run_state();
                }
                Ok(_) => return Ok(()),
                Err(holder) => holder,
            };
            self.drop_gil();
            self.wait_state(State::WaitingLock, holder, Some(self.lock_words(lock)));
            self.on_other = true;
            let freed = self.ctx.control.wait_lock(self.id, self.daemon)?;
            self.on_other = false;
            self.cursor = self.cursor.max(freed);
            self.run_state()?;
        }
    }

    /// `lock.release()`; one not held raises `RuntimeError` as Python's
    /// does (decided, without the GIL, once no thread can act before).
    pub(super) fn release(&mut self, lock: usize) -> Waited {
        if self.ctx.program.python.switches() == Switches::Parallel {
            self.ctx
                .control
                .settle_lock(self.id, self.cursor, self.daemon)?;
        }
        if !self.ctx.control.unlock(self.id, lock, self.cursor) {
            let raised = crate::event::Raised {
                kind: "RuntimeError".into(),
                message: "release unlocked lock".into(),
                site: self.ctx.program.site(self.id, self.step_at),
            };
            return Err(Interrupt::Raised(Box::new(raised)));
        }
        self.cursor += super::thread::LOCK_COST;
        Ok(())
    }

    /// A `DeprecationWarning` at its first use (3.10 on): the first thread
    /// marks it shown (under the warnings module's lock: a thread that
    /// comes meanwhile waits, then finds it shown and goes on), then works
    /// through showing it, reading the program's source and writing to
    /// stderr (the GIL released meanwhile). That takes it a while: long
    /// enough, on some seeds, for main to end and the process to exit
    /// before that daemon thread has printed anything.
    pub(super) fn warn(&mut self, text: &str, lock: usize) -> Waited {
        if !self.ctx.program.python.warns_on_old_names() {
            return Ok(());
        }
        self.take_lock(lock)?;
        let spec = &self.ctx.program.threads[self.id as usize];
        let line = spec.lines.get(self.step_at).copied();
        let first = self.ctx.first_warning((line, text.to_string()));
        if first {
            self.compute(WARN_COMPUTE)?;
        }
        self.ctx.control.unlock(self.id, lock, self.cursor);
        self.cursor += super::thread::LOCK_COST;
        if first {
            self.drop_gil();
            let on = crate::event::Detail::on("sys.stderr: DeprecationWarning");
            self.emit(EventKind::state_with(State::BlockedIo, on));
            let io = WARN_IO_MIN + self.rng_below(WARN_IO_MAX - WARN_IO_MIN);
            self.until = Some((State::BlockedIo, self.cursor + io));
            self.reach(self.cursor + io)?;
            self.run_state()?;
            self.emit(EventKind::Output {
                text: text.to_string(),
                stream: Stream::Stderr,
                more: false,
            });
            self.cursor += super::thread::PRINT_COST;
        }
        Ok(())
    }

    /// What a wait on `lock` is on, as people read it.
    fn lock_words(&self, lock: usize) -> String {
        self.ctx.program.lock_words(lock)
    }

    /// The value of counter `c` as this thread reads it now: once no other
    /// thread could still act before now, from the log.
    pub(super) fn counter_value(&self, c: usize) -> Waited<i64> {
        self.ctx
            .control
            .wait_others_past(self.id, self.cursor, self.daemon)?;
        Ok(self.ctx.counters[c].value_before(self.cursor))
    }
}
