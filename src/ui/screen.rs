//! Drawing the whole screen from an [`App`]: where each pane goes, and
//! what each widget is given. Reading only; `layout` keeps where the
//! timeline went, for the mouse.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::App;
use super::mode::Mode;
use super::narrate;
use super::widgets::header::{Engine, HeaderView};
use super::widgets::{footer, help::HelpView, output::OutputView, timeline::TimelineView};
use super::wrap::wrap_line;
use crate::event::MAIN;
use crate::tr;

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each pane goes.
struct Areas {
    head: Rect,
    caption: Rect,
    timeline: Rect,
    output: Rect,
    explain: Rect,
    foot: Rect,
}

impl App {
    fn areas(&self, area: Rect) -> Areas {
        let caption_h = if self.guide.is_some() { 4 } else { 0 };
        let rows_wanted = self.session.timeline.tracks().len().max(1) as u16 + 2;
        let timeline_h = rows_wanted
            .min(area.height.saturating_sub(2 + 8 + caption_h))
            .max(3);
        let [head, caption, timeline, bottom, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(caption_h),
            Constraint::Length(timeline_h),
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
            timeline,
            output,
            explain,
            foot,
        }
    }

    fn too_small(area: Rect) -> bool {
        area.width < MIN_WIDTH || area.height < MIN_HEIGHT
    }

    fn timeline_view(&self) -> TimelineView<'_> {
        let now = self.now();
        let tl = &self.session.timeline;
        TimelineView {
            timeline: tl,
            window: self.view.viewport.window(now, tl.extent(now)),
            now,
            selected: self.view.selected,
            theme: self.theme,
            lang: self.lang,
        }
    }

    /// Keep where the timeline goes in `area`, for the mouse.
    pub fn layout(&mut self, area: Rect) {
        if Self::too_small(area) {
            self.view.timeline_area = Rect::default();
            return;
        }
        let at = self.areas(area).timeline;
        self.view.geometry = self.timeline_view().geometry(at);
        self.view.timeline_area = at;
    }

    /// Lay out, then draw: what the loop does each frame.
    pub fn draw(&mut self, frame: &mut Frame) {
        self.layout(frame.area());
        self.render(frame);
    }

    fn header(&self) -> HeaderView<'_> {
        let s = &self.session;
        let engine = match self.mode() {
            Mode::Trace => Engine::RealTime,
            Mode::Scenario | Mode::Replay => Engine::Scenario {
                python: s.program.python,
                cores: s.cores,
                speed: s.speed,
            },
        };
        HeaderView {
            theme: self.theme,
            lang: self.lang,
            name: &s.program.name,
            daemon: s.daemon_mode(),
            engine,
            now: self.now(),
            phase: self.phase(),
            seed: (self.mode() != Mode::Trace).then_some(s.seed),
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
        frame.render_widget(&self.timeline_view(), a.timeline);
        let tl = &self.session.timeline;
        let selected = tl.tracks().get(self.view.selected).map(|t| t.id);
        let out_block = Block::default()
            .borders(Borders::TOP)
            .title(format!(" {} ", tr!(lang, "pane-output")));
        let out_area = out_block.inner(a.output);
        frame.render_widget(out_block, a.output);
        frame.render_widget(
            &OutputView {
                timeline: tl,
                selected: selected.filter(|&id| id != MAIN || self.view.selected > 0),
                theme: self.theme,
                lang,
            },
            out_area,
        );
        self.render_explanation(frame, a.explain, selected);
        let tour = self.guide.is_some();
        frame.render_widget(
            footer::line(self.theme, lang, a.foot.width, self.mode(), tour),
            a.foot,
        );
        if self.view.show_help {
            let help = HelpView {
                theme: self.theme,
                mode: self.mode(),
                tour,
                lang,
            };
            frame.render_widget(&help, area);
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
            .title(format!(" {} ", tr!(lang, "pane-explain")));
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
        for line in narrate::present(&s.timeline, &s.program.words, s.program.gil, lang) {
            said.push(Line::raw(line));
        }
        let mut text = wrap(&said);
        if let Some(id) = selected {
            // The selected thread's history keeps its end (how it ended,
            // what it never did) and as many of its last spans as fit in
            // what the narration leaves (the narration gives way to the
            // end if it must).
            let room = usize::from(inner.height);
            let budget = room.saturating_sub(text.len() + 1);
            let mut history = Vec::new();
            for spans in (0..=6).rev() {
                let lines: Vec<Line> = narrate::history(&s.timeline, id, self.now(), spans, lang)
                    .into_iter()
                    .map(|l| Line::styled(l, self.theme.dim()))
                    .collect();
                history = wrap(&lines);
                if history.len() <= budget {
                    break;
                }
            }
            let keep = room.saturating_sub(history.len() + 1);
            if text.len() > keep {
                // The rest of the narration shows when nothing is selected.
                text.truncate(keep.saturating_sub(1));
                text.push(Line::styled("…", self.theme.dim()));
            }
            text.push(Line::raw(""));
            text.extend(history);
        }
        frame.render_widget(Paragraph::new(text).block(why), area);
    }
}
