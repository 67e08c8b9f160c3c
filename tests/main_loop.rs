//! The dashboard's own loop, driven on a `TestBackend`: a scripted key
//! sequence goes in through the same channel the terminal's keys use, and
//! the frames the loop draws come out. The script waits for what a frame
//! shows (never for a length of time) before it goes on.

mod common;

use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::Event as TermEvent;
use ratatui::layout::{Position, Size};
use threadline::ui::keymap::Key;
use threadline::ui::term::Input;
use threadline::ui::theme::Theme;
use threadline::ui::{App, run_loop};

/// A TestBackend that hands a copy of the screen out at every flush.
struct Probe {
    inner: TestBackend,
    frames: Sender<String>,
}

impl Backend for Probe {
    type Error = <TestBackend as Backend>::Error;
    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, t: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(t)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        let _ = self.frames.send(self.inner.to_string());
        self.inner.flush()
    }
}

/// Wait for a frame that `ok` accepts; the last frame seen.
fn frame_where(frames: &Receiver<String>, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let f = frames
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no frame shows {what}"));
        if ok(&f) {
            return f;
        }
    }
}

#[test]
fn a_scripted_session_through_the_loop() {
    let settings = common::fast("join", 42);
    let mut app = App::with_options(settings, Theme::new(false), true).unwrap();
    let (frames_tx, frames) = channel();
    let (keys, inputs) = crossbeam_channel::unbounded();
    let backend = Probe {
        inner: TestBackend::new(100, 30),
        frames: frames_tx,
    };
    let looping = std::thread::spawn(move || {
        let mut terminal = Terminal::new(backend).unwrap();
        run_loop(&mut terminal, &mut app, &inputs, false).unwrap();
        app
    });
    let press = |k: Key| keys.send(Input::Term(TermEvent::Key(k.press()))).unwrap();
    frame_where(&frames, "the paused start", |f| f.contains("PAUSED"));
    press(Key::Char('.'));
    frame_where(&frames, "a step", |f| f.contains("main thread start"));
    press(Key::Char(' '));
    frame_where(&frames, "the end", |f| {
        f.contains("finished") && f.contains("main thread end")
    });
    press(Key::Down);
    press(Key::Char('?'));
    // At 100x30 the help opens on its keys; the legend is further down.
    frame_where(&frames, "the help", |f| f.contains("│Keys"));
    press(Key::Char('?'));
    let last = frame_where(&frames, "the history of thread 1", |f| {
        !f.contains("│Keys") && f.contains("1: created at")
    });
    press(Key::Char('q'));
    let app = looping.join().unwrap();
    assert!(app.should_quit);
    insta::assert_snapshot!(last);
}
