//! The runtime: runs a scenario on real OS threads that report lifecycle
//! events over a channel, and obey CPython's exit order.

mod board;
mod clock;
mod control;
mod cores;
mod counters;
mod decide;
mod ghost;
mod memory;
mod pace;
mod process;
mod scan_check;
mod shared;
mod shutdown;
mod start;
mod thread;
mod wire;
pub mod worker;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use crossbeam_channel::Sender;

pub use clock::{Clock, ClockState, MAX_SPEED, MIN_SPEED};
pub use control::Control;
pub use pace::{Follower, Pace};
pub use process::{WORKER_COMMAND, set_worker_exe};
pub use thread::{CHILD_BEGIN, EXIT_COST, JITTER, PRINT_COST, START_COST};

use crate::event::{Batch, Nanos};
use crate::scenario::Program;

/// How to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunOptions {
    pub speed: f64,
    pub seed: u64,
    /// Start frozen at t = 0.
    pub paused: bool,
    /// Without the GIL, how many threads can run at once: the CPU cores.
    pub cores: usize,
}

/// This machine's CPU cores (what runs at once without the GIL).
pub fn machine_cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(MAX_CORES)
}

/// The most CPU cores a run can have (`--cores`, or the machine's).
pub const MAX_CORES: usize = 1024;

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            speed: 1.0,
            seed: 0,
            paused: false,
            cores: machine_cores(),
        }
    }
}

static NEXT_RUN: AtomicU64 = AtomicU64::new(1);

/// A fresh run id, never used before in this process.
pub fn next_run_id() -> u64 {
    NEXT_RUN.fetch_add(1, Ordering::Relaxed)
}

/// One execution of a program. Dropping it stops and joins every thread.
pub struct Run {
    pub id: u64,
    pub seed: u64,
    control: Arc<Control>,
    handles: Arc<Mutex<start::Handles>>,
    children: Arc<process::Children>,
}

impl Run {
    /// Start `program`; its events go to `tx`, tagged with a new run id.
    /// Fails only when the OS will not start the program's main thread.
    pub fn start(
        program: Arc<Program>,
        opts: RunOptions,
        tx: Sender<Batch>,
    ) -> std::io::Result<Run> {
        Self::start_with(program, opts, tx, None, None)
    }

    /// Start `program` on the program clock `pace`, which other runs may
    /// follow too: pausing, stepping or changing the speed of one of them
    /// does it to all (`opts.speed` and `opts.paused` are the clock's).
    pub fn start_on(
        program: Arc<Program>,
        opts: RunOptions,
        tx: Sender<Batch>,
        pace: Arc<Pace>,
    ) -> std::io::Result<Run> {
        Self::start_with(program, opts, tx, None, Some(pace))
    }

    /// Start `program` on `pace`, or on a clock of its own; a child
    /// process's program takes one of the machine's cores for each compute
    /// through `broker` (its parent).
    fn start_with(
        program: Arc<Program>,
        opts: RunOptions,
        tx: Sender<Batch>,
        broker: Option<cores::Broker>,
        pace: Option<Arc<Pace>>,
    ) -> std::io::Result<Run> {
        let pace = pace.unwrap_or_else(|| Pace::new(opts.speed, opts.paused));
        let daemon = program.threads.iter().map(|t| t.daemon).collect();
        let remote = program.threads.iter().map(|t| t.process).collect();
        let places = if program.gil { 1 } else { opts.cores };
        let control = Control::on(
            pace,
            daemon,
            remote,
            (places, opts.cores),
            program.locks.len(),
        );
        let handles = Arc::new(Mutex::new(start::Handles::default()));
        let children = Arc::new(process::Children::default());
        // Child processes hear every change of the clock.
        let relay: Weak<dyn Follower> = Arc::downgrade(&children) as _;
        control.pace().follow(relay);
        let counters = program
            .counters
            .iter()
            .map(|_| counters::CounterLog::default())
            .collect();
        let id = next_run_id();
        let ctx = Arc::new(thread::Ctx {
            run: id,
            seed: opts.seed,
            program,
            control: Arc::clone(&control),
            tx,
            handles: Arc::clone(&handles),
            counters,
            cores: opts.cores,
            children: Arc::clone(&children),
            warned: Mutex::new(Default::default()),
            broker,
        });
        let main = std::thread::Builder::new()
            .name("main".into())
            .spawn(move || shutdown::main_thread(ctx))?;
        handles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .live
            .push(main);
        Ok(Run {
            id,
            seed: opts.seed,
            control,
            handles,
            children,
        })
    }

    /// Two runs in lockstep, on one program clock (the first's speed and
    /// pause): each with its own program, options and channel, started
    /// together from t = 0.
    pub fn pair(
        programs: [Arc<Program>; 2],
        opts: [RunOptions; 2],
        tx: [Sender<Batch>; 2],
    ) -> std::io::Result<[Run; 2]> {
        // Frozen while the two start, so both begin at the same instant.
        let pace = Pace::new(opts[0].speed, true);
        let [pa, pb] = programs;
        let [ta, tb] = tx;
        let runs = [
            Run::start_on(pa, opts[0], ta, Arc::clone(&pace))?,
            Run::start_on(pb, opts[1], tb, Arc::clone(&pace))?,
        ];
        if !opts[0].paused {
            pace.resume();
        }
        Ok(runs)
    }

    /// The program clock this run follows (to start another in lockstep).
    pub fn pace(&self) -> Arc<Pace> {
        Arc::clone(self.control.pace())
    }

    /// The pausable clock the run's threads wait on.
    pub fn control(&self) -> &Control {
        &self.control
    }

    /// Program time now.
    pub fn now(&self) -> Nanos {
        self.control.now()
    }

    pub fn speed(&self) -> f64 {
        self.control.speed()
    }

    pub fn set_speed(&self, speed: f64) {
        self.control.set_speed(speed);
    }

    pub fn is_paused(&self) -> bool {
        self.control.is_paused()
    }

    /// Freeze the program's threads where they stand.
    pub fn pause(&self) {
        self.control.pause();
    }

    pub fn resume(&self) {
        self.control.resume();
    }

    /// While paused: let the program run for `dt` of program time.
    pub fn step(&self, dt: Nanos) {
        self.control.step(dt);
    }

    /// Freeze, then jump to the next moment a thread (of any run on this
    /// clock) acts: one press of "step" shows one thing happening. Returns the new time.
    pub fn step_next(&self) -> Option<Nanos> {
        self.control.step_next()
    }

    /// A child process: follow the parent's clock.
    pub fn follow_clock(&self, state: ClockState) {
        self.control.follow_clock(state);
    }

    /// The next time any thread of the run waits for.
    pub fn next_wake(&self) -> Option<Nanos> {
        self.control.next_wake()
    }

    pub fn is_stopped(&self) -> bool {
        self.control.is_stopped()
    }

    /// The pids of the run's child processes alive now.
    pub fn child_pids(&self) -> Vec<u32> {
        self.children.pids()
    }

    /// When the process exited, once it has.
    pub fn exit_at(&self) -> Option<Nanos> {
        self.control.exit_at()
    }

    /// Output lines before this time are all sent (see [`Control::output_watermark`]).
    pub fn output_watermark(&self) -> Nanos {
        self.control.output_watermark()
    }

    /// Every thread of the run has returned.
    pub fn is_over(&self) -> bool {
        self.handles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .all_finished()
    }

    /// Wait for the program to end by itself, then join its threads.
    pub fn wait(&self) {
        self.join_all();
    }

    /// End every thread now (mid-sleep or mid-compute) and join them.
    pub fn stop(&self) {
        self.control.stop();
        self.children.kill_all();
        self.join_all();
    }

    fn join_all(&self) {
        loop {
            let next = self
                .handles
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .live
                .pop();
            match next {
                Some(h) => {
                    let _ = h.join();
                }
                None => break,
            }
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        self.stop();
    }
}
