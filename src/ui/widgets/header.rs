//! The header line: what runs, how, and where the program is in time.

use ratatui::text::{Line, Span};

use crate::event::to_secs;
use crate::tr;
use crate::ui::app::{App, Phase};

pub fn line(app: &App) -> Line<'static> {
    let th = app.theme;
    let lang = app.lang;
    let daemon = match app.daemon_mode() {
        Some(true) => tr!(lang, "header-daemon-on"),
        Some(false) => tr!(lang, "header-daemon-off"),
        None => tr!(lang, "header-daemon-mixed"),
    };
    let phase = match app.phase() {
        Phase::Running => tr!(lang, "header-running"),
        Phase::Paused => tr!(lang, "header-paused"),
        Phase::Finished => tr!(lang, "header-finished"),
    };
    let how = if app.is_trace() {
        format!(
            " · {} · {daemon} · {} · ",
            app.program.name,
            tr!(lang, "header-real-time")
        )
    } else {
        let gil = if app.program.gil {
            tr!(lang, "header-gil-on")
        } else {
            tr!(lang, "header-gil-off-cores", n = app.cores())
        };
        format!(
            " · {} · {daemon} · {gil} · {}× · ",
            app.program.name,
            fmt_speed(app.speed)
        )
    };
    let mut spans = vec![
        Span::styled(" threadline", th.title()),
        Span::raw(how),
        Span::styled(format!("t={:.3} s", to_secs(app.now())), th.key()),
        Span::raw(" · "),
        Span::styled(
            phase,
            if app.phase() == Phase::Paused {
                th.warn()
            } else {
                th.title()
            },
        ),
    ];
    if !app.is_trace() {
        spans.push(Span::raw(format!(
            " · {}",
            tr!(lang, "header-seed", seed = app.seed.to_string())
        )));
    }
    if app.timeline.dropped > 0 {
        spans.push(Span::styled(
            format!(
                " · {}",
                tr!(lang, "header-dropped", n = app.timeline.dropped)
            ),
            th.warn(),
        ));
    }
    spans.push(Span::styled(
        format!("   {}", tr!(lang, "header-help")),
        th.dim(),
    ));
    Line::from(spans)
}

pub fn fmt_speed(s: f64) -> String {
    if s >= 10.0 || s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}
