//! One frame of the timeline widget at 200×50 for 1,000 threads, with
//! 10,000 spans in all against 1,000,000: the cost must not grow with the
//! number of spans.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::hint::black_box;
use threadline::event::{Event, EventKind, Outcome, SECOND, State};
use threadline::i18n::Lang;
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
                EventKind::state(state),
            ));
        }
        tl.apply(&Event::new(0, end, id, EventKind::ended(Outcome::Finished)));
    }
    tl.apply(&Event::new(0, end, 0, EventKind::ProcessExit { code: 0 }));
    tl
}

fn render(tl: &Timeline, window: (u64, u64), area: Rect, buf: &mut Buffer) {
    let view = TimelineView {
        timeline: tl,
        window,
        now: 10 * SECOND,
        selected: 500,
        top: 0,
        gil_lane: false,
        marks: false,
        theme: Theme::new(true),
        lang: Lang::En,
    };
    buf.reset();
    (&view).render(area, buf);
    black_box(buf);
}

fn frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("timeline_frame_200x50_1000_threads");
    let area = Rect::new(0, 0, 200, 50);
    let mut buf = Buffer::empty(area);
    let sparse = model(1000, 10);
    let dense = model(1000, 1000);
    // The whole 10 s run in view.
    g.bench_function("10k_spans_whole_run", |b| {
        b.iter(|| render(&sparse, (0, 10 * SECOND), area, &mut buf))
    });
    g.bench_function("1M_spans_whole_run", |b| {
        b.iter(|| render(&dense, (0, 10 * SECOND), area, &mut buf))
    });
    // 1M spans, zoomed to 0.1 s: as many state changes per cell as the 10k
    // run shows, so only the total number of spans differs.
    g.bench_function("1M_spans_window_0.1s", |b| {
        b.iter(|| {
            render(
                &dense,
                (5 * SECOND, 5 * SECOND + SECOND / 10),
                area,
                &mut buf,
            )
        })
    });
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
