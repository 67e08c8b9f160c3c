//! The whole dashboard frame (every pane, through ratatui's `TestBackend`)
//! at 2,000, 20,000 and 100,000 threads, beside the floor: filling every
//! cell of the same 200×50 buffer once. Floor and frame run interleaved
//! (A B A B …); the figure is the median of the rounds' ratios.
//!
//! `cargo bench --bench dashboard` (`-- ROUNDS` for another count,
//! `-- ROUNDS THREADS…` for other sizes).

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use threadline::event::{Event, EventKind, Outcome, SECOND, State, Stream};
use threadline::export::record::{Header, Recording};
use threadline::i18n::Lang;
use threadline::model::Timeline;
use threadline::ui::App;
use threadline::ui::theme::Theme;

const W: u16 = 200;
const H: u16 = 50;

/// A finished run of `threads` threads over 10 s: each starts, runs,
/// sleeps, prints a line, runs and ends; a third are daemons.
fn model(threads: u32) -> Timeline {
    let mut tl = Timeline::new();
    let end = 10 * SECOND;
    let at = |id: u32, k: u64| (u64::from(id) * 7 + k * end / 6) % end;
    for id in 0..threads {
        let ev = |t, kind| Event::new(0, t, id, kind);
        tl.apply(&ev(
            0,
            EventKind::Spawned {
                name: format!("worker {id}"),
                daemon: id % 3 == 1,
                parent: (id > 0).then_some(0),
            },
        ));
        tl.apply(&ev(at(id, 0), EventKind::state(State::Running)));
        tl.apply(&ev(at(id, 1), EventKind::state(State::Sleeping)));
        tl.apply(&ev(
            at(id, 2),
            EventKind::Output {
                text: format!("worker {id} is done"),
                stream: Stream::Stdout,
                more: false,
            },
        ));
        tl.apply(&ev(at(id, 3), EventKind::state(State::Running)));
        tl.apply(&ev(at(id, 4), EventKind::ended(Outcome::Finished)));
    }
    tl.apply(&Event::new(0, end, 0, EventKind::ProcessExit { code: 0 }));
    tl
}

/// The dashboard on `tl`, as a replay that has played to its end.
fn app(tl: Timeline) -> App {
    let header = Header::new("bench", Default::default(), true, Default::default());
    let rec = Recording {
        header,
        events: Vec::new(),
    };
    let mut app = App::for_replay(rec, 1.0, Theme::new(true)).speaking(Lang::En);
    app.finish();
    app.session.timeline = tl;
    app
}

/// The floor: every cell of the buffer set once.
fn fill(buf: &mut Buffer) {
    let style = Style::new().fg(Color::Green).bg(Color::Black);
    for y in 0..H {
        for x in 0..W {
            buf[(x, y)].set_symbol("█").set_style(style);
        }
    }
    black_box(&*buf);
}

/// Time `iters` runs of `f`.
fn time(iters: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    start.elapsed() / iters
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() {
    let numbers: Vec<u32> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rounds = numbers.first().map_or(15, |&r| r as usize);
    let sizes = match numbers.get(1..) {
        Some(s) if !s.is_empty() => s.to_vec(),
        _ => vec![2_000, 20_000, 100_000],
    };
    println!("whole frame {W}x{H} through TestBackend beside the cell-fill floor, {rounds} rounds");
    println!(
        "threads   floor      frame      frame/floor (median of rounds)  fill-only frame  its /floor  drawing only  its /floor"
    );
    for threads in sizes {
        let mut app = app(model(threads));
        let mut term = Terminal::new(TestBackend::new(W, H)).unwrap();
        let mut buf = Buffer::empty(Rect::new(0, 0, W, H));
        // warm up: the first frame writes every cell
        term.draw(|f| app.draw(f)).unwrap();
        // What ratatui itself costs a frame that only fills the buffer:
        // clearing the next buffer, the diff against the last, the flush.
        let mut bare_term = Terminal::new(TestBackend::new(W, H)).unwrap();
        let mut bare = || {
            bare_term.draw(|f| fill(f.buffer_mut())).unwrap();
        };
        bare();
        // Our drawing alone: the frame into the buffer, then the buffer
        // cleared again, with no diff and no flush.
        let mut ours_term = Terminal::new(TestBackend::new(W, H)).unwrap();
        let ours = |app: &mut App, term: &mut Terminal<TestBackend>| {
            let mut f = term.get_frame();
            app.draw(&mut f);
            term.current_buffer_mut().reset();
        };
        ours(&mut app, &mut ours_term);
        // Each round: the floor, the frame, the fill-only frame, our
        // drawing alone, in turn; the three ÷ the floor of that round.
        let mut times: [Vec<f64>; 4] = Default::default();
        let mut ratios: [Vec<f64>; 3] = Default::default();
        for _ in 0..rounds {
            let t = [
                time(200, || fill(&mut buf)),
                time(20, || {
                    term.draw(|f| app.draw(f)).unwrap();
                }),
                time(20, &mut bare),
                time(20, || ours(&mut app, &mut ours_term)),
            ]
            .map(|d| d.as_secs_f64());
            for (k, v) in times.iter_mut().enumerate() {
                v.push(t[k]);
            }
            for (k, v) in ratios.iter_mut().enumerate() {
                v.push(t[k + 1] / t[0]);
            }
        }
        let [floors, frames, bares, ourses] = times.map(median);
        let [ratios, bare_ratios, our_ratios] = ratios.map(median);
        println!(
            "{threads:>7}   {:>6.1} µs  {:>7.1} µs  {ratios:.2}×               {:>6.1} µs  {bare_ratios:.2}×     {:>6.1} µs  {our_ratios:.2}×",
            floors * 1e6,
            frames * 1e6,
            bares * 1e6,
            ourses * 1e6,
        );
    }
}
