//! The whole pipeline behind the parsers, driven by arbitrary bytes: the
//! bytes are read as an event stream (any kind, any thread, times up to
//! 2^64, names and texts made of the nastiest text there is), which goes
//! through the model into every view: the dashboard at many sizes (each
//! key's view too), the plain summary, the SVG and the Chrome trace.
//! Shared by the property test (`tests/pipeline_props.rs`) and the fuzz
//! target (`fuzz/fuzz_targets/pipeline.rs`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::event::{
    Detail, Event, EventKind, GhostLine, GhostSpan, Outcome, Raised, State, Stream,
};
use threadline::export::record::{Header, RecordOptions, Recording};
use threadline::i18n::Lang;
use threadline::model::Timeline;
use threadline::scenario::Words;
use threadline::ui::App;
use threadline::ui::keymap::Action;
use threadline::ui::theme::Theme;

/// Pieces names and texts are made of: wide, combining, joined, invisible,
/// control characters, escape sequences, the empty string.
const PIECES: &[&str] = &[
    "main",
    "thread 0",
    "❤️",
    "👩‍👩‍👧",
    "e\u{301}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{0}",
    "스레드",
    "\u{9b}",
    "\t",
    "\n",
    "\r",
    "\u{200b}",
    "\u{fe0f}",
    "\u{fffe}",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "&<>\"'",
    "",
];

/// Reads bytes as choices; past the end every choice is 0.
pub struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data, at: 0 }
    }

    pub fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// One time in `n`.
    fn chance(&mut self, n: u8) -> bool {
        self.byte().is_multiple_of(n)
    }

    fn u64(&mut self) -> u64 {
        (0..8).fold(0, |v, _| (v << 8) | u64::from(self.byte()))
    }

    fn text(&mut self) -> String {
        let n = self.byte() % 5;
        (0..n)
            .map(|_| PIECES[usize::from(self.byte()) % PIECES.len()])
            .collect()
    }

    fn thread(&mut self) -> u32 {
        match self.byte() {
            250..=255 => u32::MAX - u32::from(self.byte() % 3),
            b => u32::from(b % 8),
        }
    }

    fn state(&mut self) -> State {
        State::ALL[usize::from(self.byte()) % State::ALL.len()]
    }

    fn time(&mut self, t: &mut u64) -> u64 {
        match self.byte() {
            // A jump anywhere, up to 2^64 - 1.
            255 => *t = self.u64(),
            254 => *t = 0,
            b => *t = t.saturating_add(u64::from(b) * 1_000_000),
        }
        *t
    }
}

/// The events the bytes say.
pub fn events(data: &[u8]) -> Vec<Event> {
    let mut b = Bytes::new(data);
    let mut t = 0;
    let mut out = Vec::new();
    while !b.done() && out.len() < 400 {
        let at = b.time(&mut t);
        let thread = b.thread();
        let kind = match b.byte() % 16 {
            0..=1 => EventKind::Spawned {
                name: b.text(),
                daemon: b.chance(2),
                parent: (!b.chance(3)).then(|| b.thread()),
            },
            2..=5 => EventKind::State {
                state: b.state(),
                detail: Detail {
                    on: (b.chance(2)).then(|| b.text()),
                    holder: (b.chance(2)).then(|| b.thread()),
                    site: (b.chance(3)).then(|| b.text()),
                    forever: b.chance(4),
                },
            },
            6..=7 => EventKind::Output {
                text: b.text(),
                stream: if b.chance(4) {
                    Stream::Stderr
                } else {
                    Stream::Stdout
                },
                more: b.chance(3),
            },
            8 => EventKind::Ended {
                outcome: [Outcome::Finished, Outcome::CutShort, Outcome::Failed]
                    [usize::from(b.byte()) % 3],
                raised: (b.chance(2)).then(|| Raised {
                    kind: b.text(),
                    message: b.text(),
                    site: Some(b.text()),
                }),
            },
            9 if b.chance(2) => EventKind::OsExit {
                site: (b.chance(2)).then(|| b.text()),
            },
            9 => EventKind::MainCodeEnd,
            10 => EventKind::ProcessExit {
                code: i32::from(b.byte() as i8),
            },
            11 => EventKind::Renamed { name: b.text() },
            12 => EventKind::Counter {
                name: b.text(),
                value: [0, -1, i64::MIN, i64::MAX][usize::from(b.byte()) % 4],
                expected: [0, 1, i64::MAX, i64::MIN][usize::from(b.byte()) % 4],
                missing: [0, 1, i64::MAX, i64::MIN][usize::from(b.byte()) % 4],
            },
            13 => EventKind::Process {
                pid: u32::from(b.byte()),
            },
            14 => {
                let mut s = at;
                let spans = (0..b.byte() % 4)
                    .map(|_| {
                        let start = s;
                        s = b.time(&mut s);
                        GhostSpan {
                            start,
                            end: s,
                            state: b.state(),
                        }
                    })
                    .collect();
                let lines = (0..b.byte() % 3)
                    .map(|_| GhostLine {
                        at: b.time(&mut s),
                        text: b.text(),
                    })
                    .collect();
                EventKind::Ghost {
                    spans,
                    lines,
                    waits: b.chance(2),
                }
            }
            _ => EventKind::Interpreter {
                version: b.text(),
                gil: b.chance(2),
            },
        };
        out.push(Event::new(1, at, thread, kind));
    }
    out
}

/// Sizes to draw at: the tiny, the odd and the ordinary.
pub const SIZES: &[(u16, u16)] = &[
    (0, 0),
    (1, 1),
    (7, 3),
    (20, 6),
    (43, 17),
    (80, 24),
    (131, 40),
];

/// Every cell's text is printable: no control character reaches the terminal.
fn assert_printable(t: &Terminal<TestBackend>, what: &str) {
    for cell in &t.backend().buffer().content {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{what}: a control character in a cell: {:?}",
            cell.symbol()
        );
    }
}

/// Everything that shows a run, fed `events`: nothing panics, the
/// terminal gets no control character, the SVG is XML, the trace JSON.
pub fn exercise(events: Vec<Event>, lang: Lang, sizes: &[(u16, u16)]) {
    let words = Words {
        title: "\u{1b}]0;title\u{7}fuzz".into(),
        note: Some("a note\u{7}".into()),
        ..Words::default()
    };
    let header = Header::new("fuzz", words.clone(), true, RecordOptions::default());
    let tl = Timeline::from_events(&events);
    let svg = threadline::export::svg::render(&tl, &words, lang);
    if let Err(e) = roxmltree::Document::parse(&svg) {
        panic!("the SVG is not XML: {e}");
    }
    let trace = threadline::export::chrome::trace(&tl, &words.title);
    serde_json::to_string(&trace).expect("the trace is JSON");
    let mut plain = Vec::new();
    let report = threadline::plain::Report {
        words: &words,
        gil: true,
        lang,
    };
    threadline::plain::write_finished(&tl, &report, &mut plain).expect("written");
    let mut app =
        App::for_replay(Recording { header, events }, 1e6, Theme::new(true)).speaking(lang);
    app.finish();
    for &(w, h) in sizes {
        for action in [
            None,
            Some(Action::Help),
            Some(Action::Down),
            Some(Action::ZoomIn),
        ] {
            if let Some(a) = action {
                app.act(a);
            }
            let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
            t.draw(|f| app.draw(f)).expect("drawn");
            assert_printable(&t, &format!("{w}x{h} after {action:?}"));
            if action == Some(Action::Help) {
                app.act(Action::Help);
            }
        }
    }
}
