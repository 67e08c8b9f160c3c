//! Drawing the whole screen from an [`App`]: where each pane goes, and
//! what each widget is given. Reading only; `layout` keeps where the
//! timeline went, for the mouse.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::App;
use super::mode::Mode;
use super::said::{Asked, borrowed};
use super::view::Reading;
use super::widgets::header::{Engine, HeaderView, TourHold};
use super::widgets::lines::Lines;
use super::widgets::{
    code::CodeView, footer, help::HelpView, output::OutputView, timeline::TimelineView,
};
use super::wrap::wrap_line;
use crate::event::MAIN;
use crate::tr;

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each pane goes. One run: the second title, timeline and the
/// differences line are empty.
struct Areas {
    head: Rect,
    caption: Rect,
    /// The split view: each run's title line above its timeline.
    titles: [Rect; 2],
    timelines: [Rect; 2],
    /// The split view: what differs, under the two timelines.
    diff: Rect,
    output: Rect,
    explain: Rect,
    foot: Rect,
}

/// Two timelines wanting `a` and `b` rows in `room`: each whole if both
/// fit, else the room shared (what one needs less goes to the other).
fn share(room: u16, a: u16, b: u16) -> (u16, u16) {
    let top = a.min((room / 2).max(room.saturating_sub(b)));
    (top.max(3), b.min(room.saturating_sub(top)).max(3))
}

impl App {
    fn areas(&self, area: Rect) -> Areas {
        let caption_h = if self.guide.is_some() { 4 } else { 0 };
        // Its rows, the axis, the labels and (with the GIL) the lane.
        let wanted = |side| {
            let tl = self.session.timeline_of(side);
            let gil = tl
                .interpreter
                .as_ref()
                .map_or(self.session.program_of(side).gil, |i| i.gil);
            tl.tracks().len().max(1) as u16 + 2 + u16::from(gil)
        };
        let split = self.session.is_split();
        let (title_h, diff_h) = if split { (1, 1) } else { (0, 0) };
        let room = area
            .height
            .saturating_sub(2 + caption_h + 2 * title_h + diff_h);
        let (a, b) = if split {
            share(room.saturating_sub(4), wanted(0), wanted(1))
        } else {
            (wanted(0).min(room.saturating_sub(8)).max(3), 0)
        };
        let [head, caption, t0, a0, t1, a1, diff, bottom, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(caption_h),
            Constraint::Length(title_h),
            Constraint::Length(a),
            Constraint::Length(title_h),
            Constraint::Length(b),
            Constraint::Length(diff_h),
            Constraint::Min(4),
            Constraint::Length(1),
        ])
        .areas(area);
        let [output, explain] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(bottom);
        Areas {
            head,
            caption,
            titles: [t0, t1],
            timelines: [a0, a1],
            diff,
            output,
            explain,
            foot,
        }
    }

    fn too_small(area: Rect) -> bool {
        area.width < MIN_WIDTH || area.height < MIN_HEIGHT
    }

    /// Pane `side`'s timeline; both panes of a split view share the window.
    fn timeline_view(&self, side: usize) -> TimelineView<'_> {
        let timeline = self.session.timeline_of(side);
        // The interpreter the run reports, else what the scenario models.
        let gil = timeline
            .interpreter
            .as_ref()
            .map_or(self.session.program_of(side).gil, |i| i.gil);
        TimelineView {
            timeline,
            window: self.view.viewport.window(self.now(), self.extent()),
            now: self.session.now_of(side),
            selected: self.view.selected_of(side),
            top: self.view.top_of(side),
            gil_lane: gil,
            marks: self.mode() == Mode::Schedule,
            theme: self.theme,
            lang: self.lang,
        }
    }

    /// Keep where the timelines go in `area`, for the mouse.
    pub fn layout(&mut self, area: Rect) {
        if Self::too_small(area) {
            self.view.timeline_area = Rect::default();
            self.view.lower_area = Rect::default();
            return;
        }
        let a = self.areas(area);
        let [top, lower] = a.timelines;
        self.view.geometry = self.timeline_view(0).geometry(top);
        self.view.timeline_area = top;
        self.view.top = self.view.geometry.first_row;
        self.view.lower_geometry = self.timeline_view(1).geometry(lower);
        self.view.lower_area = lower;
        self.view.lower_top = self.view.lower_geometry.first_row;
        // How far the output, the history and the help can scroll now.
        let out_h = usize::from(a.output.height.saturating_sub(1));
        let out_len = self.output_view(Rect::default()).lines_in_all();
        self.view.output_area = a.output;
        self.view.output.clamp(out_len.saturating_sub(out_h), out_h);
        self.view.explain_area = a.explain;
        let pane = self.view.focus;
        let tl = self.session.timeline_of(pane);
        let spans = tl
            .tracks()
            .get(self.view.selected_of(pane))
            .map_or(0, |t| t.span_count());
        self.view.history.clamp(spans.saturating_sub(1), 4);
        // The help's extent wraps every line of it: only while it shows.
        if self.view.show_help {
            let (help_max, help_page) = self.help_view().extent(area);
            self.view.help.clamp(help_max, help_page);
        }
    }

    /// Lay out, then draw: what the loop does each frame.
    pub fn draw(&mut self, frame: &mut Frame) {
        self.layout(frame.area());
        self.render(frame);
    }

    /// The header: what runs (in the split view, the focused pane's run).
    fn header(&self) -> HeaderView<'_> {
        let s = &self.session;
        let pane = self.view.focus;
        let program = s.program_of(pane);
        let engine = match self.mode() {
            Mode::Trace => Engine::RealTime,
            Mode::Schedule => Engine::Hand {
                python: program.python,
                cores: s.cores_of(pane),
            },
            Mode::Scenario | Mode::Split | Mode::Replay => Engine::Scenario {
                // A recorded trace ran on the interpreter it recorded.
                python: recorded_python(s.timeline_of(pane)).unwrap_or(program.python),
                cores: s.cores_of(pane),
                speed: s.speed,
            },
        };
        let daemon = match s.twin().filter(|_| pane == 1) {
            Some(t) => t.program.daemon_mode(),
            None => s.daemon_mode(),
        };
        HeaderView {
            theme: self.theme,
            lang: self.lang,
            name: &program.name,
            daemon,
            engine,
            now: self.now(),
            phase: self.phase(),
            tour_hold: self
                .guide
                .as_ref()
                .filter(|g| g.tour.autoplay)
                .and_then(|g| match g.tour.stage {
                    super::tour::Stage::Intro { .. } => Some(TourHold::Intro),
                    super::tour::Stage::Holding { .. } => Some(TourHold::Caption),
                    _ => None,
                }),
            seed: s.shown_seed(),
            dropped: s.timeline.dropped,
        }
    }

    /// Draw the whole screen.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        let lang = self.lang;
        if Self::too_small(area) {
            let msg = tr!(
                lang,
                "too-small",
                min_w = MIN_WIDTH,
                min_h = MIN_HEIGHT,
                w = area.width,
                h = area.height
            );
            frame.render_widget(Paragraph::new(wrap_line(&Line::raw(msg), area.width)), area);
            return;
        }
        let a = self.areas(area);
        frame.render_widget(&self.header(), a.head);
        self.render_caption(frame, a.caption);
        // Laid out by `layout` this frame (as `draw` does), else here.
        let laid = [
            (self.view.timeline_area, self.view.geometry),
            (self.view.lower_area, self.view.lower_geometry),
        ];
        for (side, &laid) in laid.iter().enumerate() {
            let at = a.timelines[side].intersection(area);
            if at.is_empty() {
                continue;
            }
            let view = self.timeline_view(side);
            match laid {
                (kept, g) if kept == at => view.draw(at, frame.buffer_mut(), &g),
                _ => frame.render_widget(&view, at),
            }
        }
        if self.session.is_split() {
            self.render_split(frame, a.titles, a.diff);
        }
        let pane = self.view.focus;
        let tl = self.session.timeline_of(pane);
        let row = self.view.selected_of(pane);
        let selected = tl.tracks().get(row).map(|t| t.id);
        let reading = self.view.reading;
        if self.view.code {
            self.render_code(frame, a.output, row);
        } else {
            let out_block = Block::default()
                .borders(Borders::TOP)
                .title(self.pane_title(tr!(lang, "pane-output"), reading == Some(Reading::Output)));
            let out_area = out_block.inner(a.output);
            frame.render_widget(out_block, a.output);
            frame.render_widget(&self.output_view(out_area), out_area);
        }
        self.render_explanation(frame, a.explain, selected);
        let tour = self.guide.is_some();
        let on_pane = footer::OnPane {
            pane: match reading {
                Some(Reading::Output) => Some(tr!(lang, "pane-output")),
                Some(Reading::Explain) => Some(tr!(lang, "pane-explain")),
                None => self
                    .session
                    .is_split()
                    .then(|| crate::explain::compare::SIDES[pane].to_string()),
            },
            sides_fixed: self.session.compares(),
            mouse: self.view.mouse,
        };
        frame.render_widget(
            footer::line(self.theme, lang, a.foot.width, self.mode(), tour, on_pane),
            a.foot,
        );
        if self.view.show_help {
            frame.render_widget(&self.help_view(), area);
        }
    }

    /// The code pane, where the output goes, for the focused run.
    fn render_code(&self, frame: &mut Frame, area: Rect, row: usize) {
        let code = self.session.code();
        let file = code.map_or_else(|| self.session.program.name.clone(), |c| c.file.clone());
        let block = Block::default()
            .borders(Borders::TOP)
            .title(self.pane_title(tr!(self.lang, "pane-code", file = file), false));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let pane = self.view.focus;
        let view = CodeView {
            code,
            timeline: self.session.timeline_of(pane),
            now: self.session.now_of(pane),
            selected: row,
            differences: self.session.code_differences(),
            theme: self.theme,
            lang: self.lang,
        };
        frame.render_widget(&view, inner);
    }

    fn help_view(&self) -> HelpView {
        HelpView {
            theme: self.theme,
            scroll: self.view.help.by,
            mode: self.mode(),
            tour: self.guide.is_some(),
            lang: self.lang,
        }
    }

    /// The output pane's widget, for the focused run.
    fn output_view(&self, _area: Rect) -> OutputView<'_> {
        let pane = self.view.focus;
        let tl = self.session.timeline_of(pane);
        let row = self.view.selected_of(pane);
        let selected = tl.tracks().get(row).map(|t| t.id);
        OutputView {
            timeline: tl,
            selected: selected.filter(|&id| id != MAIN || row > 0),
            back: self.view.output.by,
            theme: self.theme,
            lang: self.lang,
        }
    }

    /// A pane's title; the pane the keys act on says so.
    fn pane_title(&self, name: String, reading: bool) -> Line<'static> {
        if reading {
            Line::styled(format!(" ▶ {name} "), self.theme.key())
        } else {
            Line::raw(format!(" {name} "))
        }
    }

    fn render_caption(&self, frame: &mut Frame, area: Rect) {
        let Some(g) = &self.guide else { return };
        let lang = self.lang;
        let t = &g.tour;
        let mode = if t.autoplay {
            tr!(lang, "tour-autoplay")
        } else {
            tr!(lang, "tour-manual")
        };
        let title = tr!(
            lang,
            "tour-title",
            scene = t.index + 1,
            scenes = t.scenes.len(),
            name = t.scene().scenario,
            mode = mode
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Line::styled(format!(" {title} "), self.theme.title()));
        // Wrapped here, by display width (see `ui::wrap`).
        let width = block.inner(area).width;
        let text = Line::styled(lang.t(t.caption(self.now())), self.theme.caption());
        frame.render_widget(Paragraph::new(wrap_line(&text, width)).block(block), area);
    }

    fn render_explanation(&self, frame: &mut Frame, area: Rect, selected: Option<u32>) {
        let lang = self.lang;
        let s = &self.session;
        let why = Block::default()
            .borders(Borders::TOP | Borders::LEFT)
            .title(self.pane_title(
                tr!(lang, "pane-explain"),
                self.view.reading == Some(Reading::Explain),
            ));
        // Wrapped here, by display width (see `ui::wrap`).
        let inner = why.inner(area);
        let wrap = |lines: &[Line<'static>]| -> Vec<Line<'static>> {
            lines
                .iter()
                .flat_map(|l| wrap_line(l, inner.width))
                .collect()
        };
        let mut said: Vec<Line> = Vec::new();
        if let Some(m) = &s.message {
            said.push(Line::styled(m.render(lang), self.theme.warn()));
        }
        if s.is_split() {
            said.push(Line::styled(
                tr!(lang, "compare-differences"),
                self.theme.title(),
            ));
            for m in self.differences() {
                said.push(Line::raw(format!("  {}", m.render(lang))));
            }
        }
        let pane = self.view.focus;
        let (tl, program) = (s.timeline_of(pane), s.program_of(pane));
        if let Some(stepper) = s.stepper() {
            let lines = super::schedule::lines(stepper, tl, lang);
            for (i, line) in lines.into_iter().enumerate() {
                let style = if i == 0 {
                    self.theme.title()
                } else {
                    ratatui::style::Style::new()
                };
                said.push(Line::styled(line, style));
            }
        }
        let mut text: Vec<Line> = wrap(&said);
        // While the user schedules, their steps are what is happening;
        // once the process exits, its outcome.
        let present = s.stepper().is_none_or(|h| h.is_over()).then(|| {
            let gil = tl.has_gil(program.gil);
            self.said
                .present(tl, (&program.words, gil), lang, inner.width)
        });
        text.extend(present.iter().flat_map(|p| p.iter().map(borrowed)));
        let history = selected.map(|id| {
            // The selected thread's history keeps its end (how it ended,
            // what it never did) and as many of its last spans as fit in
            // what the narration leaves (the narration gives way to the
            // end if it must).
            let budget = usize::from(inner.height).saturating_sub(text.len() + 1);
            let asked = Asked {
                thread: id,
                now: s.now_of(pane),
                back: self.view.history.by,
                budget,
                width: inner.width,
                lang,
            };
            self.said.history(tl, asked, s.code(), self.theme.dim())
        });
        if let Some(history) = &history {
            let keep = usize::from(inner.height).saturating_sub(history.len() + 1);
            if text.len() > keep {
                // The rest of the narration shows when nothing is selected.
                text.truncate(keep.saturating_sub(1));
                text.push(Line::styled("…", self.theme.dim()));
            }
            text.push(Line::raw(""));
            text.extend(history.iter().map(borrowed));
        }
        frame.render_widget(why, area);
        frame.render_widget(&Lines(&text), inner);
    }
}

/// The CPython a traced program ran on, as its recording says (`3.11.7`
/// is 3.11; 3.13 without a GIL is 3.13t), if it is one threadline knows.
fn recorded_python(tl: &crate::model::Timeline) -> Option<crate::scenario::Python> {
    let i = tl.interpreter.as_ref()?;
    let minor: Vec<&str> = i.version.split('.').take(2).collect();
    let name = minor.join(".");
    let name = if i.gil { name } else { format!("{name}t") };
    crate::scenario::Python::parse(&name)
}

#[cfg(test)]
mod tests {
    use super::recorded_python;
    use crate::model::{Interpreter, Timeline};
    use crate::scenario::Python;

    #[test]
    fn a_replayed_trace_names_the_interpreter_it_ran_on() {
        let on = |version: &str, gil: bool| {
            let mut tl = Timeline::new();
            tl.interpreter = Some(Interpreter {
                version: version.into(),
                gil,
            });
            recorded_python(&tl)
        };
        assert_eq!(on("3.11.7", true), Some(Python::V3_11));
        assert_eq!(on("3.13.0", false), Some(Python::V3_13t));
        assert_eq!(on("3.14.0", true), None, "one threadline does not know");
        assert_eq!(recorded_python(&Timeline::new()), None, "a scenario's");
    }
}
