//! One frame of the timeline widget at 200×50 for 1,000 threads, with
//! 10,000 spans in all against 1,000,000: the cost must not grow with spans.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::hint::black_box;
use threadline::event::{Event, EventKind, Outcome, SECOND, State};
use threadline::model::Timeline;
use threadline::ui::theme::Theme;
use threadline::ui::widgets::timeline::TimelineView;

/// `threads` threads, each switching state `spans_each` times over 10 s.
fn model(threads: u32, spans_each: u64) -> Timeline {
    let mut tl = Timeline::new();
    let end = 10 * SECOND;
    for id in 0..threads {
        tl.apply(&Event::new(
            0,
            0,
            id,
            EventKind::Spawned {
                name: format!("thread {id}"),
                daemon: id % 3 == 0,
                parent: None,
            },
        ));
        for k in 0..spans_each {
            let state = if k % 2 == 0 {
                State::Running
            } else {
                State::Sleeping
            };
            tl.apply(&Event::new(
                0,
                k * end / spans_each,
                id,
                EventKind::State { state },
            ));
        }
        tl.apply(&Event::new(
            0,
            end,
            id,
            EventKind::Ended {
                outcome: Outcome::Finished,
            },
        ));
    }
    tl.apply(&Event::new(0, end, 0, EventKind::ProcessExit { code: 0 }));
    tl
}

fn frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("timeline_frame_200x50_1000_threads");
    for spans_each in [10u64, 1000] {
        let tl = model(1000, spans_each);
        let total = tl.span_count();
        let area = Rect::new(0, 0, 200, 50);
        let mut buf = Buffer::empty(area);
        g.bench_with_input(BenchmarkId::new("spans", total), &tl, |b, tl| {
            b.iter(|| {
                let view = TimelineView {
                    timeline: tl,
                    window: (0, 10 * SECOND),
                    now: 10 * SECOND,
                    selected: 500,
                    theme: Theme::new(true),
                };
                buf.reset();
                (&view).render(area, &mut buf);
                black_box(&buf);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
