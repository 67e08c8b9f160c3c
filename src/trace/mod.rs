//! Tracing a real Python program, unchanged.
//!
//! `start` writes the tracer (`assets/python/sitecustomize.py`) to a private
//! temporary directory put first on `PYTHONPATH`, runs the interpreter in its
//! own process group with the write end of a pipe, and reads the tracer's JSON
//! lines on its own thread, turning them into the same [`Event`](crate::event::Event)s the scenario
//! runtime sends. When the process exits, the reader decides what Python
//! cannot tell: threads still running were cut short at that instant.
//!
//! ```no_run
//! use threadline::model::Timeline;
//! use threadline::trace::{self, TraceOptions};
//!
//! let mut opts = TraceOptions::new(vec!["python3".into(), "script.py".into()]);
//! opts.capture = true; // a dashboard owns the terminal
//! let mut traced = trace::start(opts)?;
//! let mut timeline = Timeline::for_run(traced.run);
//! while !traced.is_over() {
//!     for ev in traced.events.try_iter().flatten() {
//!         timeline.apply(&ev);
//!     }
//!     timeline.dropped = traced.dropped();
//!     // draw; on space: traced.pause() / traced.resume(); on q: traced.stop()
//!     # break;
//! }
//! let status = traced.wait(); // every event has been sent now
//! for ev in traced.events.try_iter().flatten() {
//!     timeline.apply(&ev);
//! }
//! # let _ = status;
//! # Ok::<(), trace::TraceError>(())
//! ```

mod child;
pub mod dirs;
mod infer;
pub mod options;
mod pauses;
mod pipes;
pub mod plain;
mod raw;
mod reader;
pub mod sampler;
mod watch;

use std::process::ExitStatus;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, unbounded};

use crate::event::{Batch, Nanos, ThreadId};
use crate::i18n::Msg;
use dirs::cached_tracer;
pub use options::{TraceError, TraceOptions, program_name};
pub use pipes::exit_code;
use pipes::{read_events, read_lines};
use raw::pump;
pub use reader::{Decoder, Reading, Round};

/// The tracer, embedded in the binary.
pub const TRACER: &str = include_str!("../../assets/python/sitecustomize.py");

/// State shared between the handle and the reader thread.
#[derive(Debug, Default)]
struct Shared {
    over: AtomicBool,
    /// The exit has been decided: late lines (a child that outlives the
    /// program) are no longer turned into events.
    closing: AtomicBool,
    /// We ended the program (quit, Ctrl-C of the dashboard, a deadlock, an
    /// error): its whole process group goes with it. A program that exits
    /// by itself keeps its background children.
    ended_by_us: AtomicBool,
    /// The program exited a while ago: stop reading channels that its
    /// background children keep open.
    abandon: AtomicBool,
    pauses: pauses::Pauses,
    /// The raw output pipes being read (`raw.rs`).
    raw: raw::Raw,
    dropped: AtomicU64,
    status: Mutex<Option<ExitStatus>>,
}

/// A running traced program.
#[derive(Debug)]
pub struct Traced {
    /// Events of the program, in the order the tracer wrote them, in
    /// batches (what one read of its pipe held).
    pub events: Receiver<Batch>,
    /// Set when Python's options switch the tracer off (`-I`, `-S`, `-E`).
    pub warning: Option<Msg>,
    /// Run id of the events.
    pub run: u64,
    /// The program writes its `sys.stdout` itself ([`TraceOptions::stdout_direct`]).
    pub stdout_direct: bool,
    pgid: u32,
    t0: Nanos,
    foreground: bool,
    shared: Arc<Shared>,
    decoder: Arc<Mutex<Decoder>>,
    reader: Option<JoinHandle<()>>,
    // Removed when the handle goes.
    _dir: tempfile::TempDir,
}

/// Start tracing `opts.command`.
///
/// The child gets SIGKILL if the thread that called `start` ends (Linux's
/// parent-death signal), so threadline dying never leaves it behind: call
/// this from a thread that lives as long as the trace (the main thread).
pub fn start(opts: TraceOptions) -> Result<Traced, TraceError> {
    let (python, args) = opts.split().ok_or(TraceError::NoCommand)?;
    let warning = options::tracer_disabled_by(&args);
    let dir = dirs::run_dir().map_err(TraceError::Io)?;
    // The tracer itself lives in a cache directory of the user's that stays,
    // so CPython compiles it once (its __pycache__ stays too) instead of at
    // every start (~14 ms); without one it goes in the run's directory.
    let tracer_dir = cached_tracer().unwrap_or_else(|| dir.path().to_path_buf());
    if tracer_dir == dir.path() {
        dirs::write_private(&dir.path().join("sitecustomize.py"), TRACER.as_bytes())
            .map_err(TraceError::Io)?;
    }
    let (read, write) = child::pipe().map_err(TraceError::Io)?;
    let t0 = child::monotonic_ns();
    // Processes the program starts by exec (multiprocessing's spawn and
    // forkserver) do not inherit the pipe: they find this FIFO and the
    // time base beside the tracer (docs/tracer-protocol.md).
    let fifo = child::fifo(&dir.path().join("events.fifo")).map_err(TraceError::Io)?;
    let mode = if opts.stderr_direct { "direct" } else { "-" };
    let out_mode = if opts.stdout_direct { "tee" } else { "-" };
    dirs::write_private(
        &dir.path().join("child.conf"),
        format!("{t0} {mode} {out_mode}\n").as_bytes(),
    )
    .map_err(TraceError::Io)?;
    let spawned = child::spawn(child::Spawn {
        python: &python,
        args: &args,
        tracer_dir: &tracer_dir,
        run_dir: dir.path(),
        write_fd: &write,
        t0,
        capture: opts.capture,
        foreground: opts.foreground,
        stderr_direct: opts.stderr_direct,
        stdout_direct: opts.stdout_direct,
    });
    drop(write);
    let (mut proc, foreground) = spawned.map_err(|source| TraceError::NoPython {
        python: python.clone(),
        source,
    })?;
    let (tx, rx) = unbounded();
    let shared = Arc::new(Shared::default());
    let decoder = Decoder::new(opts.run);
    pipes::send(&tx, decoder.start());
    let decoder = Arc::new(Mutex::new(decoder));
    let fifo_reader = {
        let (decoder, tx, shared) = (Arc::clone(&decoder), tx.clone(), Arc::clone(&shared));
        let read = fifo.0;
        std::thread::Builder::new()
            .name("trace-fifo".into())
            .spawn(move || read_lines(read, 1, &decoder, &tx, &shared))
            .map_err(TraceError::Io)?
    };
    let fifo_keep = fifo.1;
    let mut pumps = Vec::new();
    if let Some(out) = proc.stdout.take() {
        let d = Arc::clone(&decoder);
        pumps.push(pump(out, tx.clone(), d, t0, Arc::clone(&shared)));
    }
    if let Some(err) = proc.stderr.take() {
        let d = Arc::clone(&decoder);
        pumps.push(pump(err, tx.clone(), d, t0, Arc::clone(&shared)));
    }
    let pgid = proc.id();
    if foreground {
        // Ends by itself when the child exits.
        let _ = std::thread::Builder::new()
            .name("trace-job-control".into())
            .spawn(move || child::follow_job_control(pgid));
    }
    // The /proc watcher: it ends when the reader drops `stop` at the exit.
    // THREADLINE_SAMPLE=0 leaves it out (to measure what it costs).
    let (stop, stopped) = crossbeam_channel::bounded::<()>(0);
    let sample = std::env::var_os("THREADLINE_SAMPLE").is_none_or(|v| v != "0");
    let watcher = {
        let w = watch::Watch {
            decoder: Arc::clone(&decoder),
            tx: tx.clone(),
            shared: Arc::clone(&shared),
            t0,
            root: proc.id(),
            stop: stopped,
        };
        std::thread::Builder::new()
            .name("trace-watch".into())
            .spawn(move || {
                if sample {
                    w.run();
                }
            })
            .map_err(TraceError::Io)?
    };
    let decoder_handle = Arc::clone(&decoder);
    let reader = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("trace-reader".into())
            .spawn(move || {
                read_events(
                    read,
                    proc,
                    decoder,
                    tx,
                    pumps,
                    t0,
                    &shared,
                    pipes::Helpers {
                        fifo_reader,
                        fifo_keep,
                        watcher: (watcher, stop),
                    },
                )
            })
            .map_err(TraceError::Io)?
    };
    Ok(Traced {
        events: rx,
        warning,
        run: opts.run,
        stdout_direct: opts.stdout_direct,
        pgid,
        t0,
        foreground,
        shared,
        decoder: decoder_handle,
        reader: Some(reader),
        _dir: dir,
    })
}

impl Traced {
    /// The process has exited and every event has been sent.
    pub fn is_over(&self) -> bool {
        self.shared.over.load(Ordering::SeqCst)
    }

    /// Tracer lines that could not be read (for `Timeline::dropped`).
    pub fn dropped(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// The threads running now (they began and have not ended), as
    /// (timeline id, process id, native thread id): what
    /// [`sampler::Sampler`] reads in `/proc`.
    pub fn natives(&self) -> Vec<(ThreadId, u32, u32)> {
        let d = self.decoder.lock().unwrap_or_else(|e| e.into_inner());
        let mut v: Vec<_> = d.natives.iter().map(|(&t, &(p, n))| (t, p, n)).collect();
        v.sort_unstable();
        v
    }

    /// The child's process id (also its process group id).
    pub fn pid(&self) -> u32 {
        self.pgid
    }

    fn signal(&self, sig: libc::c_int) {
        if !self.is_over() {
            let _ = child::signal_group(self.pgid, sig);
        }
    }

    fn now(&self) -> Nanos {
        child::monotonic_ns().saturating_sub(self.t0)
    }

    /// Freeze the program itself (SIGSTOP to its process group). The time
    /// it spends paused is taken out of the events' times. The kernel's
    /// clock does not stop: `time.sleep` makes up for it (see `resume`),
    /// but another timeout whose deadline passes during the pause ends as
    /// soon as the program goes on.
    pub fn pause(&self) {
        if !self.is_over() && self.shared.pauses.begin(self.now()) {
            self.signal(libc::SIGSTOP);
        }
    }

    /// Let a paused program go on (SIGCONT). The tracer is told of the
    /// pause first (`paused` in the run's directory), so a sleep whose time
    /// ran out meanwhile sleeps what the pause took from it.
    pub fn resume(&self) {
        if self.shared.pauses.end(self.now()) {
            let listing = self.shared.pauses.listing();
            let _ = dirs::write_private(&self._dir.path().join("paused"), listing.as_bytes());
            self.signal(libc::SIGCONT);
        }
    }

    /// The program is paused.
    pub fn is_paused(&self) -> bool {
        self.shared.pauses.is_paused()
    }

    /// Program time now: time since start, pauses taken out.
    pub fn program_now(&self) -> Nanos {
        self.shared.pauses.program_time(self.now())
    }

    /// Ctrl-C for the program: SIGINT to its process group.
    pub fn interrupt(&self) {
        self.signal(libc::SIGINT);
    }

    /// End the program (SIGTERM, then SIGKILL after a grace period) and wait
    /// for the reader thread; every event has been sent when this returns.
    pub fn stop(&mut self) -> Option<ExitStatus> {
        if !self.is_over() {
            self.shared.ended_by_us.store(true, Ordering::SeqCst);
        }
        self.signal(libc::SIGTERM);
        self.resume();
        self.signal(libc::SIGCONT);
        let deadline = Instant::now() + Duration::from_millis(500);
        while !self.is_over() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.signal(libc::SIGKILL);
        self.wait()
    }

    /// Wait for the program to exit and for its last events to be sent.
    pub fn wait(&mut self) -> Option<ExitStatus> {
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        if self.foreground {
            child::take_terminal_back();
            self.foreground = false;
        }
        *self.shared.status.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Traced {
    fn drop(&mut self) {
        if self.reader.is_some() && !self.is_over() {
            self.shared.ended_by_us.store(true, Ordering::SeqCst);
            self.signal(libc::SIGKILL);
            self.signal(libc::SIGCONT);
        }
        self.wait();
        // When we ended the program, what it left behind in its group goes
        // too; a program that exited by itself keeps its own background
        // children (as it would untraced).
        if self.shared.ended_by_us.load(Ordering::SeqCst) {
            let _ = child::signal_group(self.pgid, libc::SIGKILL);
        }
    }
}
