//! The engine's figures: ingest from 64 threads through the channel into the
//! model, beside a bare channel moving the same events; memory per stored
//! span; the state-at-time query over a thread with 1,000,000 spans.

use std::hint::black_box;
use std::sync::Barrier;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossbeam_channel::unbounded;
use threadline::event::{Event, EventKind, Outcome, State};
use threadline::model::{DetailId, Timeline, Track};

const THREADS: u32 = 64;
const PER_THREAD: u64 = 2_000;

/// Each of 64 threads sends PER_THREAD state changes (and its spawn and
/// end); the receiver hands each event to `sink`.
fn pump(mut sink: impl FnMut(Event)) {
    let (tx, rx) = unbounded();
    let barrier = Barrier::new(THREADS as usize);
    std::thread::scope(|s| {
        for id in 0..THREADS {
            let tx = tx.clone();
            let barrier = &barrier;
            s.spawn(move || {
                barrier.wait();
                let spawn = EventKind::Spawned {
                    name: format!("t{id}"),
                    daemon: false,
                    parent: Some(0),
                };
                tx.send(Event::new(1, 0, id, spawn)).unwrap();
                for k in 0..PER_THREAD {
                    let state = if k % 2 == 0 {
                        State::Running
                    } else {
                        State::Sleeping
                    };
                    tx.send(Event::new(1, k * 1_000 + 1, id, EventKind::state(state)))
                        .unwrap();
                }
                tx.send(Event::new(
                    1,
                    PER_THREAD * 1_000 + 1,
                    id,
                    EventKind::ended(Outcome::Finished),
                ))
                .unwrap();
            });
        }
        drop(tx);
        for ev in rx {
            sink(ev);
        }
    });
}

fn ingest(c: &mut Criterion) {
    let mut g = c.benchmark_group("ingest_64_threads");
    g.throughput(Throughput::Elements(u64::from(THREADS) * (PER_THREAD + 2)));
    g.sample_size(20);
    g.bench_function("bare_channel", |b| {
        b.iter(|| {
            let mut n = 0u64;
            pump(|ev| {
                n += 1;
                black_box(ev);
            });
            n
        })
    });
    g.bench_function("channel_into_timeline", |b| {
        b.iter(|| {
            let mut tl = Timeline::for_run(1);
            pump(|ev| {
                tl.apply(&ev);
            });
            black_box(tl.span_count())
        })
    });
    g.finish();
}

/// A thread with `n` alternating spans.
fn long_track(n: u64) -> Track {
    let mut t = Track::new(1, "t", false, None, 0);
    for k in 0..n {
        t.enter(
            if k % 2 == 0 {
                State::Running
            } else {
                State::Sleeping
            },
            DetailId::NONE,
            k * 10,
        );
    }
    t
}

fn query(c: &mut Criterion) {
    let t = long_track(1_000_000);
    let mut rng = fastrand::Rng::with_seed(1);
    let times: Vec<u64> = (0..4096).map(|_| rng.u64(0..10_000_000)).collect();
    let mut i = 0;
    c.bench_function("state_at_1M_spans", |b| {
        b.iter(|| {
            i = (i + 1) & 4095;
            black_box(t.state_at(black_box(times[i])))
        })
    });
    // Memory: bytes the span storage holds, per span (printed once).
    let bytes = t.span_bytes() as f64 / t.span_count() as f64;
    eprintln!(
        "memory: {} spans use {} bytes of span storage = {bytes:.1} bytes per span \
         (a mark is 8 bytes: start and state packed; the rest is slack and the search index)",
        t.span_count(),
        t.span_bytes(),
    );
}

criterion_group!(benches, ingest, query);
criterion_main!(benches);
