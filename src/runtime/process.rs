//! Child processes (`multiprocessing.Process`), parent side: threadline
//! starts itself in its worker role for each one, sends it its steps and
//! every change of the clock, and relays what it reports as one row of this
//! run. A child that dies is reported failed with its exit code, never
//! waited for forever; stopping the run kills every child and reaps it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{ChildStdin, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock};

use super::clock::ClockState;
use super::pace::Follower;
use super::thread::Ctx;
use super::wire::{FromWorker, ToWorker, WorkerSpec, encode};
use crate::event::{Batch, Event, EventKind, MAIN, Nanos, Outcome, ThreadId};

/// The hidden command that runs a child process's side.
pub const WORKER_COMMAND: &str = "__worker";

static WORKER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Use this threadline binary for child processes (tests and benchmarks,
/// whose own executable is not threadline). Otherwise: the running one.
pub fn set_worker_exe(path: impl Into<PathBuf>) {
    let _ = WORKER_EXE.set(path.into());
}

fn worker_exe() -> std::io::Result<PathBuf> {
    match WORKER_EXE.get() {
        Some(p) => Ok(p.clone()),
        None => std::env::current_exe(),
    }
}

struct Child {
    id: ThreadId,
    pid: u32,
    begin: Nanos,
    stdin: ChildStdin,
}

/// The live child processes of one run.
#[derive(Default)]
pub struct Children {
    live: Mutex<Vec<Child>>,
}

impl Follower for Children {
    fn clock_changed(&self, state: ClockState) {
        self.broadcast(state);
    }
}

impl Children {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Child>> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tell every child the clock changed.
    pub fn broadcast(&self, state: ClockState) {
        let mut live = self.lock();
        for c in live.iter_mut() {
            let line = encode(&ToWorker::Clock(state.shifted(c.begin)));
            let _ = writeln!(c.stdin, "{line}");
        }
    }

    /// Tell child `id` something.
    pub fn tell(&self, id: ThreadId, msg: &ToWorker) {
        let line = encode(msg);
        if let Some(c) = self.lock().iter_mut().find(|c| c.id == id) {
            let _ = writeln!(c.stdin, "{line}");
        }
    }

    /// Kill every live child (they are reaped by their relays).
    pub fn kill_all(&self) {
        for c in self.lock().iter() {
            // SAFETY: a plain kill(2); the pid is still ours, as a child is
            // only reaped after it has left this list.
            unsafe { libc::kill(c.pid as libc::pid_t, libc::SIGKILL) };
        }
    }

    /// The pids of the children alive now.
    pub fn pids(&self) -> Vec<u32> {
        self.lock().iter().map(|c| c.pid).collect()
    }

    fn remove(&self, id: ThreadId) {
        self.lock().retain(|c| c.id != id);
    }
}

/// Start child process `id` at program time `begin` and relay it until it
/// ends. Runs on the OS thread that stands for it.
pub fn relay(ctx: &Arc<Ctx>, id: ThreadId, begin: Nanos) {
    let spec = &ctx.program.threads[id as usize];
    let mix = (u64::from(id) + 1).wrapping_mul(0xD1B5_4A32_D192_ED03);
    let work = WorkerSpec {
        name: spec.name.clone(),
        steps: spec.steps.clone(),
        counters: ctx.program.counters.clone(),
        locks: ctx.program.locks.clone(),
        gil: ctx.program.gil,
        python: ctx.program.python,
        cores: ctx.cores,
        seed: ctx.seed ^ mix,
    };
    let emit = |at: Nanos, kind: EventKind| {
        let _ = ctx.tx.send(Event::new(ctx.run, at, id, kind).into());
    };
    // Not before its time: a pause right after `start()` holds it back.
    if ctx.control.wait_until(id, begin, false).is_err() {
        return;
    }
    let spawned = worker_exe().and_then(|exe| {
        Command::new(exe)
            .arg(WORKER_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    });
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            emit(
                begin,
                EventKind::line(format!("OSError: cannot start the process ({e})")),
            );
            emit(begin, EventKind::ExitCode { code: 1 });
            return ctx.fail(id, begin);
        }
    };
    let pid = child.id();
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        unreachable!("stdin and stdout are piped");
    };
    {
        // Registered and told the clock under one lock, so no clock change
        // can fall between the two.
        let mut live = ctx.children.lock();
        let state = ctx.control.clock_state().shifted(begin);
        let hello = format!(
            "{}\n{}\n",
            encode(&ToWorker::Start(work)),
            encode(&ToWorker::Clock(state))
        );
        let _ = stdin.write_all(hello.as_bytes());
        live.push(Child {
            id,
            pid,
            begin,
            stdin,
        });
    }
    // Said once it is in the list: whoever sees the pid can find it there.
    emit(begin, EventKind::Process { pid });
    let (ended, last) = follow(ctx, id, begin, stdout);
    ctx.children.remove(id);
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    let status = child.wait();
    if ctx.control.is_stopped() || ended.is_some() {
        return;
    }
    // It died before reporting its end: failed, with its exit code.
    let at = ctx.control.now().max(last);
    let code = status.map_or(1, |s| exitcode(&s));
    if let Some(line) = err.lines().find(|l| !l.trim().is_empty()) {
        emit(at, EventKind::line(line));
    }
    emit(at, EventKind::ExitCode { code });
    ctx.fail(id, at);
}

/// Relay the child's reports until its output ends; the time of its end
/// when it reported one, and the time of the last report.
fn follow(ctx: &Ctx, id: ThreadId, begin: Nanos, stdout: impl Read) -> (Option<Nanos>, Nanos) {
    let mut exit_code = 0;
    let mut last = begin;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let Ok(msg) = serde_json::from_str::<FromWorker>(&line) else {
            continue;
        };
        match msg {
            FromWorker::Status { watermark, next } => ctx.control.remote_progress(
                id,
                begin.saturating_add(watermark),
                next.map(|n| begin.saturating_add(n)),
            ),
            FromWorker::WantCore { at } => {
                // The child waits for the answer; so does this relay.
                let Some(granted) = ctx.control.acquire_core(id, begin.saturating_add(at)) else {
                    break;
                };
                let at = granted.saturating_sub(begin);
                ctx.children.tell(id, &ToWorker::Core { at });
            }
            FromWorker::DropCore { at } => ctx.control.release_core(id, begin.saturating_add(at)),
            FromWorker::Event(e) if e.thread == MAIN => {
                let at = begin.saturating_add(e.at);
                last = last.max(at);
                let kind = match e.kind {
                    // The child's own main is this row, already created here;
                    // its interpreter's exit is not this program's.
                    EventKind::Spawned { .. } | EventKind::MainCodeEnd => continue,
                    EventKind::ProcessExit { code } => {
                        exit_code = code;
                        continue;
                    }
                    EventKind::Ended { outcome, raised } => {
                        let outcome = if exit_code == 0 {
                            outcome
                        } else {
                            Outcome::Failed
                        };
                        let code = EventKind::ExitCode { code: exit_code };
                        let ended = EventKind::Ended { outcome, raised };
                        let _ = ctx.tx.send(Batch::Many(vec![
                            Event::new(ctx.run, at, id, code),
                            Event::new(ctx.run, at, id, ended),
                        ]));
                        ctx.control.mark_ended(id, at);
                        return (Some(at), last);
                    }
                    k => k,
                };
                let _ = ctx.tx.send(Event::new(ctx.run, at, id, kind).into());
            }
            // A child runs one thread.
            FromWorker::Event(_) => {}
        }
    }
    (None, last)
}

/// multiprocessing's `exitcode`: the exit status, or -N for signal N.
fn exitcode(status: &ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|s| -s))
        .unwrap_or(1)
}
