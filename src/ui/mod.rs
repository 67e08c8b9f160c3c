//! The dashboard: live per-thread timelines.

pub mod app;
pub mod keymap;
pub mod narrate;
pub mod replay;
pub mod source;
pub mod term;
pub mod theme;
pub mod tour;
pub mod viewport;
pub mod widgets;
pub mod wrap;

use std::io;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, after, at, never, select, tick};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event as TermEvent;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::app::{EXIT_RUNTIME, EXIT_USAGE};
use crate::cli::{DemoArgs, LookArgs, ReplayArgs, RunArgs};
use crate::export::Outputs;
use crate::export::record::Recording;
use crate::i18n::Lang;
use crate::trace::{TraceError, TraceOptions};
pub use app::App;
use term::{Input, Inputs, TerminalGuard};

/// At most this many frames a second while the program runs.
pub const FPS: u64 = 30;

/// Open the dashboard on `args`; returns when the user quits.
pub fn run(args: &RunArgs, outputs: Outputs, lang: Lang) -> ExitCode {
    let theme = args.look.theme();
    match App::new(args.clone(), theme) {
        Ok(app) => show(app.speaking(lang), outputs),
        Err(e) => {
            eprintln!("threadline: {}", e.render(lang));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// The guided tour.
pub fn demo(args: &DemoArgs, lang: Lang) -> ExitCode {
    let theme = args.look.theme();
    match App::for_tour(args.run_args(), args.looping, theme, Instant::now()) {
        Ok(app) => show(app.speaking(lang), Outputs::default()),
        Err(e) => {
            eprintln!("threadline: {}", e.render(lang));
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}

/// Open the dashboard on a real Python program.
pub fn trace(opts: TraceOptions, look: LookArgs, outputs: Outputs, lang: Lang) -> ExitCode {
    let theme = look.theme();
    match App::for_trace(opts, theme) {
        Ok(app) => show(app.speaking(lang), outputs),
        Err(e @ (TraceError::NoPython { .. } | TraceError::NoCommand)) => {
            crate::app::say_error(lang, &e.msg());
            ExitCode::from(EXIT_USAGE)
        }
        Err(e) => {
            crate::app::say_error(lang, &e.msg());
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}

/// Open the dashboard on a recording.
pub fn replay(rec: Recording, args: &ReplayArgs, lang: Lang) -> ExitCode {
    let theme = args.look.theme();
    show(
        App::for_replay(rec, args.speed, theme).speaking(lang),
        Outputs::default(),
    )
}

fn show(mut app: App, outputs: Outputs) -> ExitCode {
    let result = (|| -> io::Result<()> {
        let mut guard = TerminalGuard::enter()?;
        let inputs = Inputs::start()?;
        run_loop(&mut guard.terminal, &mut app, &inputs.rx, true)
    })();
    let header = app.record_header();
    let events = std::mem::take(&mut app.events);
    let timeline = std::mem::take(&mut app.timeline);
    let lang = app.lang;
    drop(app); // stops and joins every thread of the run (or ends the traced program)
    match result {
        Ok(()) if outputs.is_empty() => ExitCode::SUCCESS,
        Ok(()) => crate::app::write_outputs(&outputs, &header, &events, &timeline, lang),
        Err(e) => {
            eprintln!("threadline: {e}");
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}

/// The loop: wait for input, events or the frame clock; draw only when
/// something changed, at most `FPS` times a second; never while idle.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inputs: &Receiver<Input>,
    sync: bool,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let frame = Duration::from_millis(1000 / FPS);
    let ticker = tick(frame);
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let events = app.events().clone();
    while !app.should_quit {
        let due = last_draw.map_or(Duration::ZERO, |t| frame.saturating_sub(t.elapsed()));
        if dirty && due.is_zero() {
            if sync {
                execute!(io::stdout(), BeginSynchronizedUpdate)?;
            }
            terminal.draw(|f| app.render(f)).map_err(io::Error::other)?;
            if sync {
                execute!(io::stdout(), EndSynchronizedUpdate)?;
            }
            last_draw = Some(Instant::now());
            dirty = false;
        }
        let clock = if app.is_live() || app.tour_watches() {
            ticker.clone()
        } else {
            never()
        };
        let wake = if dirty { after(due) } else { never() };
        let tour_wake = app.tour_deadline().map_or_else(never, at);
        select! {
            recv(inputs) -> input => match input {
                Ok(Input::Term(TermEvent::Key(k))) => dirty |= app.on_key(&k),
                Ok(Input::Term(TermEvent::Mouse(m))) => dirty |= app.on_mouse(&m),
                Ok(Input::Term(TermEvent::Resize(..))) => {
                    terminal.autoresize().map_err(io::Error::other)?;
                    dirty = true;
                }
                Ok(Input::Term(_)) => {}
                Ok(Input::Signal(_)) | Err(_) => app.should_quit = true,
            },
            recv(events) -> ev => {
                if let Ok(ev) = ev {
                    app.on_event(&ev);
                    app.drain();
                    app.sync_dropped();
                    dirty = true;
                }
            },
            recv(clock) -> _ => dirty = true,
            recv(wake) -> _ => {},
            recv(tour_wake) -> _ => {},
        }
        if app.tour.is_some() {
            let before = app.tour.clone();
            app.tour_tick(Instant::now());
            dirty |= app.tour != before;
        }
    }
    Ok(())
}
