//! The span store's figures (issue 15, items 4–6), each A beside B in one
//! run, interleaved (A B A B …), the figure the median of the rounds' ratios:
//!
//! - `state`: `Track::state_at` on a thread with 1,000,000 spans, beside a
//!   bare binary search over the same starts (a `Vec<u64>`), the same
//!   random times;
//! - `heap`: model heap ÷ spans, heap counted by this bench's global
//!   allocator: plain `stress` with 10,000 workers, and four traced Python
//!   programs of 10,000 threads (`benches/tracer/`: `start_join.py` starts
//!   and joins them in turn, `lock_append.py`, `queue_workers.py` and
//!   `sleepers.py` 500 at a time; `THREADLINE_BENCH_PYTHON` names the
//!   interpreter, else `python3`; `THREADLINE_BENCH_TRACES`, paths
//!   separated by commas, more programs to trace and measure alike);
//! - `ingest`: one producer with many events (as the trace reader and the
//!   replay feeder are) sending them in batches into a `Timeline`, beside a
//!   bare crossbeam channel moving the same events one by one (the
//!   receiver drops them).
//!
//! `cargo bench --bench store -- [state|heap|ingest] [ROUNDS]` (all three
//! by default).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crossbeam_channel::unbounded;
use threadline::event::{Batch, Event, EventKind, Outcome, State, Stream};
use threadline::i18n::Lang;
use threadline::model::{DetailId, Timeline, Track};
use threadline::runtime::RunOptions;
use threadline::scenario::Overrides;
use threadline::setup::RunSettings;

/// The system allocator, counting the bytes live.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; only a counter is kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.realloc(ptr, layout, new) };
        if !p.is_null() {
            LIVE.fetch_add(new, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A thread with `n` alternating spans, one every 10 ns.
fn long_track(n: u64) -> Track {
    let mut t = Track::new(1, "t", false, None, 0);
    for k in 0..n {
        let state = if k % 2 == 0 {
            State::Running
        } else {
            State::Sleeping
        };
        t.enter(state, DetailId::NONE, k * 10);
    }
    t
}

/// `state_at` beside a bare binary search, over `queries` random times
/// (4,096 as the engine bench and the figures; 65,536 for a
/// colder cache).
fn state(rounds: usize, queries: usize) {
    const SPANS: u64 = 1_000_000;
    let t = long_track(SPANS);
    let starts: Vec<u64> = t.spans(SPANS * 10).map(|s| s.start).collect();
    let mut rng = fastrand::Rng::with_seed(1);
    let times: Vec<u64> = (0..queries).map(|_| rng.u64(0..SPANS * 10)).collect();
    let per = |f: &dyn Fn(u64) -> usize| {
        let t0 = Instant::now();
        let mut sum = 0usize;
        for &x in &times {
            sum = sum.wrapping_add(f(black_box(x)));
        }
        black_box(sum);
        t0.elapsed().as_nanos() as f64 / times.len() as f64
    };
    let bare = |x: u64| starts.partition_point(|&s| s <= x);
    let query = |x: u64| t.state_at(x).map_or(0, |s| s as usize);
    let (mut a, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        // Each pass over the times is run 16 times over (a smaller set
        // stays warmer, as in the engine bench); the figure is per query.
        let x = (0..16).map(|_| per(&bare)).sum::<f64>() / 16.0;
        let y = (0..16).map(|_| per(&query)).sum::<f64>() / 16.0;
        a.push(x);
        b.push(y);
        r.push(y / x);
    }
    println!(
        "state_at on {SPANS} spans ({} random times, {rounds} rounds): bare binary search {:.1} ns, \
         state_at {:.1} ns, state_at ÷ bare {:.2} (median of ratios); span storage {:.1} bytes a span",
        times.len(),
        median(a),
        median(b),
        median(r),
        t.span_bytes() as f64 / t.span_count() as f64
    );
}

/// Heap the value `make` returns holds, measured as what dropping it frees;
/// with its span count.
fn heap_of(tl: Timeline) -> (usize, usize) {
    let spans = tl.span_count();
    let tracks = tl.tracks();
    let parts: Vec<String> = tl
        .heap_parts()
        .iter()
        .map(|(what, n)| format!("{what} {n}"))
        .collect();
    println!(
        "  {} tracks of {} bytes; {} output lines; {} GIL hand-overs; heap by part: {}",
        tracks.len(),
        size_of::<Track>(),
        tl.output.len(),
        tl.gil.len(),
        parts.join(", ")
    );
    if std::env::var_os("STORE_SHOW").is_some() {
        for t in tracks
            .iter()
            .take(3)
            .chain(tracks.iter().skip(5000).take(2))
        {
            let spans: Vec<_> = t
                .spans(0)
                .map(|s| (s.start, s.state, tl.detail(s.detail)))
                .collect();
            println!("  {}: {spans:?}", t.name);
        }
    }
    let before = LIVE.load(Ordering::SeqCst);
    drop(tl);
    (before - LIVE.load(Ordering::SeqCst), spans)
}

fn say(what: &str, (bytes, spans): (usize, usize), events: Option<usize>) {
    print!(
        "{what}: model heap {bytes} bytes ÷ {spans} spans = {:.1} bytes a span",
        bytes as f64 / spans.max(1) as f64
    );
    match events {
        Some(e) => println!("; the event log, when kept, {e} bytes more"),
        None => println!(),
    }
}

fn heap() {
    let settings = RunSettings {
        scenario: "stress".into(),
        overrides: Overrides {
            workers: Some(10_000),
            ..Overrides::default()
        },
        speed: 100.0,
        seed: Some(1),
        cores: None,
    };
    let program = Arc::new(settings.load().expect("stress loads"));
    let opts = RunOptions {
        speed: settings.speed,
        seed: 1,
        paused: false,
        cores: settings.cores(),
    };
    let run = |keep| {
        threadline::plain::run(Arc::clone(&program), opts, keep, Lang::En, &mut io::sink())
            .expect("stress runs")
    };
    let done = run(false);
    let model = heap_of(done.timeline);
    let kept = run(true);
    let before = LIVE.load(Ordering::SeqCst);
    drop(kept.events);
    let log = before - LIVE.load(Ordering::SeqCst);
    say("stress, 10,000 workers", model, Some(log));

    let python = std::env::var_os("THREADLINE_BENCH_PYTHON").unwrap_or_else(|| "python3".into());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/tracer/");
    let ours = ["start_join", "lock_append", "queue_workers", "sleepers"];
    let ours = ours.map(|name| format!("{dir}{name}.py"));
    // More programs to trace, by path, separated by commas.
    let more = std::env::var("THREADLINE_BENCH_TRACES").unwrap_or_default();
    let more = more.split(',').filter(|s| !s.is_empty()).map(String::from);
    for script in ours.into_iter().chain(more) {
        let opts =
            threadline::trace::TraceOptions::new(vec![python.clone(), script.clone().into()]);
        let what = format!("traced {}, 10,000 threads", script.trim_start_matches(dir));
        match threadline::trace::start(opts) {
            Ok(traced) => {
                let done =
                    threadline::trace::plain::follow(traced, false, Lang::En, &mut io::sink())
                        .expect("the trace runs");
                say(&what, heap_of(done.timeline), None);
            }
            Err(e) => println!("{what}: not measured ({e:?})"),
        }
    }
}

/// What a trace reader sends for 1,000 threads: each spawned, 256 changes
/// of state (with a detail on every fourth), a line printed, its end.
fn events() -> Vec<Event> {
    let mut out = Vec::new();
    let threads = 1_000u32;
    for id in 0..threads {
        let spawn = EventKind::Spawned {
            name: format!("Thread-{id}"),
            daemon: false,
            parent: Some(0),
        };
        out.push(Event::new(1, 0, id, spawn));
    }
    for k in 0..256u64 {
        for id in 0..threads {
            let at = k * 1_000 + u64::from(id);
            let kind = match k % 4 {
                0 => EventKind::state_with(
                    State::WaitingLock,
                    threadline::event::Detail::holder((id + 1) % threads),
                ),
                1 | 3 => EventKind::state(State::Running),
                _ => EventKind::state(State::Sleeping),
            };
            out.push(Event::new(1, at, id, kind));
        }
    }
    for id in 0..threads {
        let line = EventKind::Output {
            text: format!("{id} done"),
            stream: Stream::Stdout,
            more: false,
        };
        out.push(Event::new(1, 300_000, id, line));
        out.push(Event::new(
            1,
            300_001,
            id,
            EventKind::ended(Outcome::Finished),
        ));
    }
    out
}

/// Seconds `events` take from a producer thread to `sink`, sent one by one
/// or in batches of `batch`.
fn pump(events: Vec<Event>, batch: Option<usize>, mut sink: impl FnMut(Event)) -> f64 {
    let (tx, rx) = unbounded::<Batch>();
    let t0 = Instant::now();
    std::thread::scope(|s| {
        s.spawn(move || match batch {
            None => {
                for ev in events {
                    tx.send(Batch::One(ev)).unwrap();
                }
            }
            Some(n) => {
                let mut it = events.into_iter().peekable();
                while it.peek().is_some() {
                    tx.send(Batch::Many(it.by_ref().take(n).collect())).unwrap();
                }
            }
        });
        for b in rx {
            for ev in b {
                sink(ev);
            }
        }
    });
    t0.elapsed().as_secs_f64()
}

fn ingest(rounds: usize) {
    let all = events();
    let n = all.len();
    let (mut bare, mut one, mut many, mut ratio) = (vec![], vec![], vec![], vec![]);
    for _ in 0..rounds {
        let a = pump(all.clone(), None, |ev| drop(black_box(ev)));
        let mut tl = Timeline::for_run(1);
        let b = pump(all.clone(), Some(256), |ev| {
            tl.apply(&ev);
        });
        black_box(tl.span_count());
        let mut tl = Timeline::for_run(1);
        let c = pump(all.clone(), None, |ev| {
            tl.apply(&ev);
        });
        black_box(tl.span_count());
        bare.push(n as f64 / a / 1e6);
        many.push(n as f64 / b / 1e6);
        one.push(n as f64 / c / 1e6);
        ratio.push(a / b);
    }
    println!(
        "ingest of {n} events from one producer ({rounds} rounds): bare channel one by one {:.1} M/s, \
         into a Timeline in batches of 256 {:.1} M/s, one by one {:.1} M/s; batched ÷ bare {:.2} \
         (median of ratios)",
        median(bare),
        median(many),
        median(one),
        median(ratio)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; the words are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rounds = args.iter().find_map(|a| a.parse().ok()).unwrap_or(15);
    let only = args.iter().find(|a| a.parse::<usize>().is_err());
    let want = |w: &str| only.is_none_or(|o| o == w);
    if want("state") {
        state(rounds, 1 << 12);
        state(rounds, 1 << 16);
    }
    if want("ingest") {
        ingest(rounds);
    }
    if want("heap") {
        heap();
    }
}
