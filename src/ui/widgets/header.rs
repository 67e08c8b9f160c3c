//! The header line: what runs, how, and where the program is in time.

use ratatui::text::{Line, Span};

use crate::event::to_secs;
use crate::ui::app::{App, Phase};

pub fn line(app: &App) -> Line<'static> {
    let th = app.theme;
    let daemon = match app.daemon_mode() {
        Some(true) => "daemon ON",
        Some(false) => "daemon OFF",
        None => "daemon mixed",
    };
    let phase = match app.phase() {
        Phase::Running => "running",
        Phase::Paused => "PAUSED",
        Phase::Finished => "finished",
    };
    let how = if app.is_trace() {
        format!(" · {} · {daemon} · real time · ", app.program.name)
    } else {
        format!(
            " · {} · {daemon} · GIL {} · {}× · ",
            app.program.name,
            if app.program.gil {
                "on".to_string()
            } else {
                format!("off ({} cores)", app.cores())
            },
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
        spans.push(Span::raw(format!(" · seed {}", app.seed)));
    }
    if app.timeline.dropped > 0 {
        spans.push(Span::styled(
            format!(" · {} events dropped", app.timeline.dropped),
            th.warn(),
        ));
    }
    spans.push(Span::styled("   ?=help", th.dim()));
    Line::from(spans)
}

pub fn fmt_speed(s: f64) -> String {
    if s >= 10.0 || s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}
