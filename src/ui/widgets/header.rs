//! The header line: what runs, how, and where the program is in time. It
//! budgets its width as the footer does: the least needed parts go first
//! when the terminal is narrow, and `? help` always shows whole.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::event::{Nanos, to_secs};
use crate::i18n::Lang;
use crate::text::{escape, width};
use crate::tr;
use crate::ui::session::Phase;
use crate::ui::theme::Theme;

/// How the program runs, as the header says it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Engine {
    /// A scenario modelling `python`: on its GIL, or on `cores` cores
    /// without one, at a speed.
    Scenario {
        python: crate::scenario::Python,
        cores: usize,
        speed: f64,
    },
    /// A scenario the user schedules: it moves one step at a time.
    Hand {
        python: crate::scenario::Python,
        cores: usize,
    },
    /// A real program: its own time.
    RealTime,
}

/// Why the tour holds the program still.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TourHold {
    /// The scene's introduction shows.
    Intro,
    /// A moment's caption shows.
    Caption,
}

pub struct HeaderView<'a> {
    pub theme: Theme,
    pub lang: Lang,
    pub name: &'a str,
    /// Every worker a daemon, none, or a mix.
    pub daemon: Option<bool>,
    pub engine: Engine,
    pub now: Nanos,
    pub phase: Phase,
    /// The tour holds the program (its introduction, or a moment's
    /// caption) for the words to be read: not the user's pause, so said
    /// as what it is, never as a red PAUSED.
    pub tour_hold: Option<TourHold>,
    pub seed: Option<u64>,
    pub dropped: u64,
}

/// A part of the line; the lower its rank, the sooner it goes.
struct Part {
    rank: u8,
    span: Span<'static>,
}

const SEP: &str = " · ";

impl HeaderView<'_> {
    fn parts(&self) -> Vec<Part> {
        let th = self.theme;
        let lang = self.lang;
        let part = |rank, text: String, style: Style| Part {
            rank,
            span: Span::styled(text, style),
        };
        let daemon = match self.daemon {
            Some(true) => tr!(lang, "header-daemon-on"),
            Some(false) => tr!(lang, "header-daemon-off"),
            None => tr!(lang, "header-daemon-mixed"),
        };
        let (phase, phase_style) = match self.phase {
            _ if self.tour_hold == Some(TourHold::Intro) => (tr!(lang, "header-intro"), th.title()),
            _ if self.tour_hold == Some(TourHold::Caption) => {
                (tr!(lang, "header-caption-hold"), th.title())
            }
            Phase::Running => (tr!(lang, "header-running"), th.title()),
            Phase::Paused => (tr!(lang, "header-paused"), th.warn()),
            Phase::Scheduling => (tr!(lang, "header-scheduling"), th.key()),
            Phase::Finished => (tr!(lang, "header-finished"), th.title()),
        };
        let mut parts = vec![
            part(5, "threadline".into(), th.title()),
            part(4, escape(self.name).into_owned(), Style::new()),
            part(3, daemon, Style::new()),
        ];
        let gil = |python: crate::scenario::Python, cores| {
            if python.gil() {
                tr!(lang, "header-gil-on", python = python.name())
            } else {
                tr!(
                    lang,
                    "header-gil-off-cores",
                    python = python.name(),
                    n = cores
                )
            }
        };
        match self.engine {
            Engine::Scenario {
                python,
                cores,
                speed,
            } => {
                parts.push(part(3, gil(python, cores), Style::new()));
                parts.push(part(2, format!("{}×", fmt_speed(speed)), Style::new()));
            }
            Engine::Hand { python, cores } => {
                parts.push(part(3, gil(python, cores), Style::new()));
                parts.push(part(2, tr!(lang, "header-by-hand"), Style::new()));
            }
            Engine::RealTime => parts.push(part(2, tr!(lang, "header-real-time"), Style::new())),
        }
        let clock = if self.phase == Phase::Running {
            crate::ui::redraw::running_clock(self.now)
        } else {
            format!("t={:.3} s", to_secs(self.now))
        };
        parts.push(part(8, clock, th.key()));
        parts.push(part(7, phase, phase_style));
        if let Some(seed) = self.seed {
            parts.push(part(
                1,
                tr!(lang, "header-seed", seed = seed.to_string()),
                Style::new(),
            ));
        }
        if self.dropped > 0 {
            let text = tr!(lang, "header-dropped", n = self.dropped);
            parts.push(part(6, text, th.warn()));
        }
        parts
    }

    /// The line for `cols` columns.
    pub fn line(&self, cols: u16) -> Line<'static> {
        let cols = usize::from(cols);
        let help = tr!(self.lang, "header-help");
        let mut parts = self.parts();
        // A space first, the separators between, a space before the help.
        let w = |parts: &[Part]| -> usize {
            let text: usize = parts.iter().map(|p| width(&p.span.content)).sum();
            1 + text + width(SEP) * parts.len().saturating_sub(1) + 1
        };
        // Drop the least needed parts until the rest and the help fit.
        while w(&parts) + width(&help) > cols {
            let Some(i) = parts
                .iter()
                .enumerate()
                .filter(|(_, p)| p.rank < 7)
                .min_by_key(|(i, p)| (p.rank, usize::MAX - i))
                .map(|(i, _)| i)
            else {
                break;
            };
            parts.remove(i);
        }
        let used = w(&parts);
        let mut spans: Vec<Span<'static>> = vec![Span::raw(" ")];
        for (i, p) in parts.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(SEP));
            }
            spans.push(p.span);
        }
        if used + width(&help) <= cols {
            let pad = cols - used - width(&help) + 1;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(help, self.theme.dim()));
        }
        Line::from(spans)
    }
}

impl Widget for &HeaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        buf.set_line(area.x, area.y, &self.line(area.width), area.width);
    }
}

pub fn fmt_speed(s: f64) -> String {
    if s >= 10.0 || s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> HeaderView<'static> {
        HeaderView {
            theme: Theme::new(false),
            lang: Lang::En,
            name: "daemon",
            daemon: Some(true),
            engine: Engine::Scenario {
                python: crate::scenario::Python::V3_13t,
                cores: 2,
                speed: 1.0,
            },
            now: 2_000_000,
            phase: Phase::Finished,
            tour_hold: None,
            seed: Some(42),
            dropped: 0,
        }
    }

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_narrow_header_drops_parts_but_keeps_the_help_whole() {
        let wide = text(&view().line(120));
        assert!(
            wide.contains("seed 42") && wide.ends_with("? help"),
            "{wide}"
        );
        assert_eq!(width(&wide), 120);
        for cols in [40, 50, 60, 70, 80] {
            let t = text(&view().line(cols));
            assert!(width(&t) <= usize::from(cols), "{cols}: {t}");
            assert!(t.contains("t=0.002 s"), "{cols}: {t}");
            assert!(t.ends_with("? help") || cols < 40, "{cols}: {t}");
        }
        let narrow = text(&view().line(60));
        assert!(!narrow.contains("seed"), "{narrow}");
    }
}
