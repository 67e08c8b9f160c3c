//! The dashboard: live per-thread timelines.

pub mod app;
pub mod guide;
pub mod keymap;
pub mod mode;
pub mod narrate;
pub mod redraw;
pub mod replay;
mod said;
pub mod schedule;
pub mod screen;
pub mod session;
pub mod source;
mod split;
pub mod term;
pub mod theme;
pub mod tour;
pub mod view;
pub mod viewport;
pub mod widgets;
pub mod wrap;

use std::io;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, after, at, never, select, tick};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event as TermEvent;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::cli::{DemoArgs, LookArgs, ReplayArgs};
use crate::export::record::Recording;
use crate::export::{Outputs, SideOut};
use crate::failure::{Failure, Outcome};
use crate::i18n::Lang;
use crate::setup::RunSettings;
use crate::trace::TraceOptions;
pub use app::{App, Update};
use term::{Input, Inputs, TerminalGuard};
use theme::Theme;

/// At most this many frames a second while the program runs.
pub const FPS: u64 = 30;

/// Open the dashboard on a scenario; returns when the user quits.
pub fn run(settings: &RunSettings, look: LookArgs, outputs: Outputs, lang: Lang) -> Outcome {
    let app = App::new(settings.clone(), Theme::of(look)).map_err(|e| Failure::Usage(e.msg()))?;
    show(app.speaking(lang), look, outputs)
}

/// Open the dashboard on two runs in lockstep (`threadline compare`).
pub fn compare(sides: [RunSettings; 2], look: LookArgs, outputs: Outputs, lang: Lang) -> Outcome {
    let [a, b] = sides;
    let app = App::for_compare(a, b, Theme::of(look)).map_err(|e| Failure::Usage(e.msg()))?;
    show(app.speaking(lang), look, outputs)
}

/// The guided tour.
pub fn demo(args: &DemoArgs, lang: Lang) -> Outcome {
    let app = App::for_tour(
        args.settings(),
        args.looping,
        Theme::of(args.look),
        Instant::now(),
    )
    .map_err(|e| Failure::Runtime(e.msg()))?;
    show(app.speaking(lang), args.look, Outputs::default())
}

/// Open the dashboard on a real Python program.
pub fn trace(opts: TraceOptions, look: LookArgs, outputs: Outputs, lang: Lang) -> Outcome {
    let app = App::for_trace(opts, Theme::of(look)).map_err(|e| e.failure())?;
    show(app.speaking(lang), look, outputs)
}

/// Open the dashboard on a recording.
pub fn replay(rec: Recording, args: &ReplayArgs, lang: Lang) -> Outcome {
    let app = App::for_replay(rec, args.speed, Theme::of(args.look));
    show(app.speaking(lang), args.look, Outputs::default())
}

fn show(mut app: App, look: LookArgs, outputs: Outputs) -> Outcome {
    if outputs.needs_events() {
        app.session.keep_events();
    }
    term::honour_colour(look.color);
    let result = (|| -> io::Result<()> {
        let mut guard = TerminalGuard::enter()?;
        let inputs = Inputs::start()?;
        run_loop(&mut guard.terminal, &mut app, &inputs.rx, true)
    })();
    let lang = app.lang;
    // A comparison's outputs hold both sides (while both are shown).
    let headings = [0, 1].map(|i| app.heading(i).render(lang));
    let compares = app.session.compares();
    let twin = app.session.take_twin().filter(|_| compares);
    // Decided before the program is ended: did it end by itself?
    let outcome = app.session.quit_outcome();
    // Stops and joins every thread of the run (or ends the traced program).
    let (header, events, timeline) = app.session.into_parts();
    result.map_err(|e| Failure::io(&e))?;
    match twin {
        _ if outputs.is_empty() => {}
        Some(t) => {
            let diff = crate::model::diff(&timeline, &t.timeline);
            let said: Vec<String> = crate::explain::compare::differences(&diff)
                .iter()
                .map(|m| m.render(lang))
                .collect();
            let [a, b] = headings;
            let sides = [
                SideOut {
                    timeline: &timeline,
                    heading: a,
                },
                SideOut {
                    timeline: &t.timeline,
                    heading: b,
                },
            ];
            outputs.save_pair(sides, &said, lang)?;
        }
        None => outputs.save(&header, &events, &timeline, lang)?,
    }
    outcome
}

/// The loop: wait for input, events or the picture's next change by
/// itself (`App::until_change`); draw only when something changed, at most
/// `FPS` times a second; never while idle.
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
    let events = app.session.events().clone();
    let idle = never();
    let mut mouse = app.view.mouse;
    while !app.should_quit {
        // `m`: the real terminal's mouse follows the view.
        if sync && app.view.mouse != mouse {
            mouse = app.view.mouse;
            term::mouse(mouse)?;
        }
        let due = last_draw.map_or(Duration::ZERO, |t| frame.saturating_sub(t.elapsed()));
        if dirty && due.is_zero() {
            app.drain(); // what came while the frame was waiting

            if sync {
                execute!(io::stdout(), BeginSynchronizedUpdate)?;
            }
            terminal.draw(|f| app.draw(f)).map_err(io::Error::other)?;
            if sync {
                execute!(io::stdout(), EndSynchronizedUpdate)?;
            }
            last_draw = Some(Instant::now());
            dirty = false;
        }
        // Live, a frame is due when the picture can change by itself; the
        // tour watches the clock at the frame rate.
        let clock = if app.tour_watches() {
            ticker.clone()
        } else {
            app.until_change().map_or_else(never, after)
        };
        let wake = if dirty { after(due) } else { never() };
        let tour_wake = app.tour_deadline().map_or_else(never, at);
        // With a frame due anyway, events wait for it (drained just before
        // it is drawn) instead of waking the loop one batch at a time.
        let arrivals = if dirty { &idle } else { &events };
        select! {
            recv(inputs) -> input => match input {
                Ok(Input::Term(TermEvent::Key(k))) => dirty |= app.on_key(&k) != Update::Nothing,
                Ok(Input::Term(TermEvent::Mouse(m))) => dirty |= app.on_mouse(&m) != Update::Nothing,
                Ok(Input::Term(TermEvent::Resize(..))) => {
                    terminal.autoresize().map_err(io::Error::other)?;
                    dirty = true;
                }
                Ok(Input::Term(_)) => {}
                Ok(Input::Signal(_)) | Err(_) => app.should_quit = true,
            },
            recv(arrivals) -> batch => {
                if let Ok(batch) = batch {
                    app.session.on_events(batch);
                    app.drain();
                    dirty = true;
                }
            },
            recv(clock) -> _ => dirty = true,
            recv(wake) -> _ => {},
            recv(tour_wake) -> _ => {},
        }
        dirty |= app.tour_tick(Instant::now());
    }
    Ok(())
}
