//! Tracing a real Python program, unchanged.
//!
//! `start` writes the tracer (`assets/python/sitecustomize.py`) to a private
//! temporary directory put first on `PYTHONPATH`, runs the interpreter in its
//! own process group with the write end of a pipe, and reads the tracer's JSON
//! lines on its own thread, turning them into the same [`Event`]s the scenario
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
//!     for ev in traced.events.try_iter() {
//!         timeline.apply(&ev);
//!     }
//!     timeline.dropped = traced.dropped();
//!     // draw; on space: traced.pause() / traced.resume(); on q: traced.stop()
//!     # break;
//! }
//! let status = traced.wait(); // every event has been sent now
//! for ev in traced.events.try_iter() {
//!     timeline.apply(&ev);
//! }
//! # let _ = status;
//! # Ok::<(), trace::TraceError>(())
//! ```

mod child;
pub mod options;
mod pauses;
pub mod plain;
mod reader;
pub mod sampler;

use std::ffi::OsString;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, unbounded};

use crate::event::{Event, MAIN, Nanos, ThreadId};
use crate::i18n::Msg;
use crate::msg;
pub use reader::Decoder;

/// The tracer, embedded in the binary.
pub const TRACER: &str = include_str!("../../assets/python/sitecustomize.py");

/// What to run and how.
#[derive(Debug, Clone)]
pub struct TraceOptions {
    /// The interpreter; `None` takes the first word of `command`.
    pub python: Option<OsString>,
    /// `python3 script.py ARGS…`: the interpreter (unless `python` is set)
    /// then its arguments.
    pub command: Vec<OsString>,
    /// Run id carried by every event.
    pub run: u64,
    /// Pipe the child's raw stdout/stderr and report them as main's output
    /// (for the dashboard). When false the child shares our terminal.
    pub capture: bool,
    /// Make the child's process group the terminal's foreground group, so
    /// Ctrl-C reaches it as it would without threadline (plain mode).
    pub foreground: bool,
    /// Leave Python's `sys.stderr` alone: its text goes straight to the
    /// child's stderr instead of becoming attributed output events (plain
    /// mode, so tracebacks and warnings land on stderr as usual).
    pub stderr_direct: bool,
}

impl TraceOptions {
    pub fn new(command: Vec<OsString>) -> Self {
        TraceOptions {
            python: None,
            command,
            run: 1,
            capture: false,
            foreground: false,
            stderr_direct: false,
        }
    }

    /// The interpreter and its arguments.
    fn split(&self) -> Option<(OsString, Vec<OsString>)> {
        match &self.python {
            Some(p) => {
                let mut args = self.command.clone();
                // `--python X -- python3 script.py`: X replaces `python3`.
                if args.first().is_some_and(|a| options::looks_like_python(a)) {
                    args.remove(0);
                }
                Some((p.clone(), args))
            }
            None => {
                let (first, rest) = self.command.split_first()?;
                Some((first.clone(), rest.to_vec()))
            }
        }
    }
}

/// Why a trace could not start.
#[derive(Debug)]
pub enum TraceError {
    /// Nothing to run.
    NoCommand,
    /// The interpreter could not be started.
    NoPython { python: OsString, source: io::Error },
    /// Something else went wrong (temporary directory, pipe).
    Io(io::Error),
}

impl TraceError {
    /// What went wrong, to be said in any language.
    pub fn msg(&self) -> Msg {
        match self {
            TraceError::NoCommand => msg!("trace-no-command"),
            TraceError::NoPython { python, source } => msg!(
                "trace-no-python",
                python = python.to_string_lossy().into_owned(),
                error = source.to_string()
            ),
            TraceError::Io(e) => msg!("trace-cannot-start", error = e.to_string()),
        }
    }

    /// The command's failure: a missing interpreter or command is bad usage.
    pub fn failure(&self) -> crate::failure::Failure {
        use crate::failure::Failure;
        match self {
            TraceError::NoCommand | TraceError::NoPython { .. } => Failure::Usage(self.msg()),
            TraceError::Io(_) => Failure::Runtime(self.msg()),
        }
    }
}

/// English.
impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.msg().fmt(f)
    }
}

impl std::error::Error for TraceError {}

/// What to call a traced program: its script's file name (the first
/// argument after the interpreter that is not an option), else `python`.
pub fn program_name(command: &[OsString]) -> String {
    command
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(|a| {
            let p = std::path::Path::new(a);
            p.file_name().unwrap_or(a).to_string_lossy().into_owned()
        })
        .unwrap_or_else(|| "python".into())
}

/// `$XDG_CACHE_HOME/threadline/tracer-HASH` (or `~/.cache/...`) holding
/// this build's tracer, written there if it is not yet; None if there is no
/// such directory to be had.
fn cached_tracer() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))?;
    // FNV-1a of the tracer's text: another build's tracer has another home.
    let hash = TRACER.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let dir = base.join("threadline").join(format!("tracer-{hash:016x}"));
    let file = dir.join("sitecustomize.py");
    if std::fs::read(&file).is_ok_and(|b| b == TRACER.as_bytes()) {
        return Some(dir);
    }
    std::fs::create_dir_all(&dir).ok()?;
    // Other builds' tracers, unused for a week, go (best effort).
    let week = std::time::Duration::from_secs(7 * 24 * 3600);
    if let Ok(entries) = std::fs::read_dir(base.join("threadline")) {
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > week));
            let name = e.file_name();
            if old && e.path() != dir && name.to_string_lossy().starts_with("tracer-") {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    // Written whole under another name, then renamed: a concurrent run
    // never imports half a file.
    let tmp = dir.join(format!(".sitecustomize.{}.tmp", std::process::id()));
    std::fs::write(&tmp, TRACER).ok()?;
    std::fs::rename(&tmp, &file).ok()?;
    Some(dir)
}

/// The longest tracer line read as one; longer ones are dropped.
const LINE_LIMIT: u64 = 64 * 1024;

/// State shared between the handle and the reader thread.
#[derive(Debug, Default)]
struct Shared {
    over: AtomicBool,
    /// The exit has been decided: late lines (a child that outlives the
    /// program) are no longer turned into events.
    closing: AtomicBool,
    pauses: pauses::Pauses,
    dropped: AtomicU64,
    status: Mutex<Option<ExitStatus>>,
}

/// A running traced program.
#[derive(Debug)]
pub struct Traced {
    /// Events of the program, in the order the tracer wrote them.
    pub events: Receiver<Event>,
    /// Set when Python's options switch the tracer off (`-I`, `-S`, `-E`).
    pub warning: Option<Msg>,
    /// Run id of the events.
    pub run: u64,
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
    let dir = tempfile::Builder::new()
        .prefix("threadline-")
        .tempdir()
        .map_err(TraceError::Io)?;
    // The tracer itself lives in a cache directory of the user's that stays,
    // so CPython compiles it once (its __pycache__ stays too) instead of at
    // every start (~14 ms); without one it goes in the run's directory.
    let tracer_dir = cached_tracer().unwrap_or_else(|| dir.path().to_path_buf());
    if tracer_dir == dir.path() {
        std::fs::write(dir.path().join("sitecustomize.py"), TRACER).map_err(TraceError::Io)?;
    }
    let (read, write) = child::pipe().map_err(TraceError::Io)?;
    let t0 = child::monotonic_ns();
    // Processes the program starts by exec (multiprocessing's spawn and
    // forkserver) do not inherit the pipe: they find this FIFO and the
    // time base beside the tracer (docs/tracer-protocol.md).
    let fifo = child::fifo(&dir.path().join("events.fifo")).map_err(TraceError::Io)?;
    let mode = if opts.stderr_direct { "direct" } else { "-" };
    std::fs::write(dir.path().join("child.conf"), format!("{t0} {mode}\n"))
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
    });
    drop(write);
    let (mut proc, foreground) = spawned.map_err(|source| TraceError::NoPython {
        python: python.clone(),
        source,
    })?;
    let (tx, rx) = unbounded();
    let shared = Arc::new(Shared::default());
    let decoder = Decoder::new(opts.run);
    for ev in decoder.start() {
        let _ = tx.send(ev);
    }
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
                    (fifo_reader, fifo_keep),
                )
            })
            .map_err(TraceError::Io)?
    };
    Ok(Traced {
        events: rx,
        warning,
        run: opts.run,
        pgid,
        t0,
        foreground,
        shared,
        decoder: decoder_handle,
        reader: Some(reader),
        _dir: dir,
    })
}

/// Tracer lines from one source (0: the pipe, 1: the FIFO) until it closes.
fn read_lines(
    read: std::fs::File,
    source: usize,
    decoder: &Mutex<Decoder>,
    tx: &Sender<Event>,
    shared: &Shared,
) {
    let mut lines = BufReader::with_capacity(64 * 1024, read);
    let mut buf = Vec::with_capacity(4096);
    let mut too_long = false;
    loop {
        buf.clear();
        // The tracer's lines are < 4 KiB; anything far longer is garbage,
        // read in bounded pieces and counted once.
        let got = (&mut lines).take(LINE_LIMIT).read_until(b'\n', &mut buf);
        let mut d = decoder.lock().unwrap_or_else(|e| e.into_inner());
        match got {
            Ok(0) | Err(_) => break,
            Ok(_) if !buf.ends_with(b"\n") && buf.len() as u64 == LINE_LIMIT => {
                if !too_long {
                    d.dropped += 1;
                }
                too_long = true;
            }
            Ok(_) if too_long => too_long = false,
            Ok(_) if shared.closing.load(Ordering::SeqCst) => {}
            Ok(_) => {
                for mut ev in d.line_from(source, &buf) {
                    ev.at = shared.pauses.program_time(ev.at);
                    d.saw(ev.at);
                    let _ = tx.send(ev);
                }
            }
        }
        shared.dropped.store(d.dropped, Ordering::Relaxed);
    }
}

/// The reader thread: tracer lines until the pipe closes (the process is
/// gone), then the exit and the ends Python could not report.
#[allow(clippy::too_many_arguments)]
fn read_events(
    read: std::fs::File,
    mut proc: Child,
    decoder: Arc<Mutex<Decoder>>,
    tx: Sender<Event>,
    pumps: Vec<JoinHandle<()>>,
    t0: Nanos,
    shared: &Shared,
    fifo: (JoinHandle<()>, std::fs::File),
) {
    read_lines(read, 0, &decoder, &tx, shared);
    let closed = shared
        .pauses
        .program_time(child::monotonic_ns().saturating_sub(t0));
    let status = proc.wait();
    for p in pumps {
        let _ = p.join();
    }
    // Exec'd children have said what they had to say once they exited; one
    // that outlives the program (its own background child) is not waited for.
    let (fifo_reader, keep) = fifo;
    drop(keep);
    let deadline = Instant::now() + Duration::from_millis(200);
    while !fifo_reader.is_finished() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    let code = status.as_ref().map_or(-1, exit_code);
    let mut d = decoder.lock().unwrap_or_else(|e| e.into_inner());
    shared.closing.store(true, Ordering::SeqCst);
    for ev in d.exit(closed, code) {
        let _ = tx.send(ev);
    }
    shared.dropped.store(d.dropped, Ordering::Relaxed);
    drop(d);
    *shared.status.lock().unwrap_or_else(|e| e.into_inner()) = status.ok();
    shared.over.store(true, Ordering::SeqCst);
}

/// Raw output the tracer did not see (it bypassed `sys.stdout`), as main's.
///
/// A raw line must not be glued to a piece main flushed through the tracer
/// (`print("a", end="", flush=True)`): the two come on different pipes, so
/// while main has such an open line the raw one waits a little for the
/// tracer's rest of it, then is set apart from it.
fn pump(
    src: impl Read + Send + 'static,
    tx: Sender<Event>,
    decoder: Arc<Mutex<Decoder>>,
    t0: Nanos,
    shared: Arc<Shared>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(src).split(b'\n') {
            let Ok(line) = line else { break };
            let at = shared
                .pauses
                .program_time(child::monotonic_ns().saturating_sub(t0));
            let text = String::from_utf8_lossy(&line).into_owned();
            let deadline = Instant::now() + Duration::from_millis(30);
            loop {
                let mut d = decoder.lock().unwrap_or_else(|e| e.into_inner());
                let open = d.open_line(MAIN);
                if open && Instant::now() < deadline {
                    drop(d);
                    std::thread::sleep(Duration::from_millis(2));
                    continue;
                }
                for ev in d.raw_line(at, text) {
                    let _ = tx.send(ev);
                }
                break;
            }
        }
    })
}

/// The exit code as a shell reports it: 128 + N when killed by signal N.
pub fn exit_code(status: &ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(-1)
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

    /// The threads that began running so far, as (timeline id, process id,
    /// native thread id): what [`sampler::Sampler`] reads in `/proc`.
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
    /// clock does not stop: a `sleep` or timeout whose deadline passes
    /// during the pause ends as soon as the program goes on.
    pub fn pause(&self) {
        if !self.is_over() && self.shared.pauses.begin(self.now()) {
            self.signal(libc::SIGSTOP);
        }
    }

    /// Let a paused program go on (SIGCONT).
    pub fn resume(&self) {
        if self.shared.pauses.end(self.now()) {
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
        if self.reader.is_some() {
            self.signal(libc::SIGKILL);
            self.signal(libc::SIGCONT);
            self.wait();
        }
        // Children the program left behind in its group go too.
        let _ = child::signal_group(self.pgid, libc::SIGKILL);
    }
}
