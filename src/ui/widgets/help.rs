//! The help overlay: the key table and the legend, from the same tables
//! that drive dispatch and drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::i18n::Lang;
use crate::look;
use crate::text::pad_right;
use crate::text::width;
use crate::tr;
use crate::ui::mode::Mode;
use crate::ui::theme::Theme;
use crate::ui::wrap::{wrap_indented, wrap_line};

pub struct HelpView {
    pub theme: Theme,
    /// Lines scrolled away at the top.
    pub scroll: usize,
    /// The keys that apply here…
    pub mode: Mode,
    /// …and during the tour its own too.
    pub tour: bool,
    pub lang: Lang,
}

/// Width of the keys column and of the legend's words column.
const KEYS_W: usize = 9;
const WORDS_W: usize = 13;

impl HelpView {
    pub fn lines(&self) -> Vec<Line<'static>> {
        let th = self.theme;
        let lang = self.lang;
        let mut lines = vec![Line::styled(tr!(lang, "help-keys"), th.title())];
        for e in self.mode.entries(self.tour) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", keys_column(&e.keys())), th.key()),
                Span::raw(e.help(lang)),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {}", pad_right(&tr!(lang, "help-mouse-key"), KEYS_W)),
                th.key(),
            ),
            Span::raw(tr!(lang, "help-mouse")),
        ]));
        lines.push(Line::raw(""));
        lines.push(Line::styled(tr!(lang, "help-glyphs"), th.title()));
        let words = WORDS_W.max(look::label_width(lang) + 1);
        for s in look::STATES {
            let l = look::state(s);
            lines.push(Line::from(vec![
                Span::styled(format!("  {}{}{} ", l.glyph, l.glyph, l.glyph), th.state(s)),
                Span::raw(pad_right(&l.label(lang), words)),
                Span::styled(l.meaning(lang), th.dim()),
            ]));
        }
        for o in look::OUTCOMES {
            let l = look::outcome(o, false);
            lines.push(Line::from(vec![
                Span::styled(format!("    {}", l.glyph), th.end_mark(o, false)),
                Span::raw(" "),
                Span::raw(pad_right(&l.label(lang), words)),
                Span::styled(l.meaning(lang), th.dim()),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {}{}{} ", look::GHOST, look::GHOST, look::GHOST),
                th.ghost(crate::event::State::Sleeping),
            ),
            Span::raw(tr!(lang, "help-ghost")),
        ]));
        lines.push(Line::from(vec![
            Span::styled(format!("    {} ", look::CODE_END_MARK), th.marker()),
            Span::raw(format!("{}  ", tr!(lang, "marker-code-end"))),
            Span::styled(format!("{} ", look::EXIT_MARK), th.marker()),
            Span::raw(format!("{}   ", tr!(lang, "marker-exit"))),
            Span::styled("ᴰ ", th.title()),
            Span::raw(format!("{}   ", tr!(lang, "help-daemon"))),
            Span::styled(format!("{} ", look::PROCESS_MARK), th.title()),
            Span::raw(format!("{}   ", tr!(lang, "help-process"))),
            Span::styled(format!("{} ", look::DEADLOCK_MARK), th.warn()),
            Span::raw(tr!(lang, "help-deadlock")),
        ]));
        lines.push(Line::raw(""));
        lines.push(Line::styled(tr!(lang, "help-truth"), th.dim()));
        lines
    }
}

/// Keys padded to their column, or followed by a space when wider.
fn keys_column(keys: &str) -> String {
    if width(keys) >= KEYS_W {
        format!("{keys} ")
    } else {
        pad_right(keys, KEYS_W)
    }
}

/// `line` wrapped with its last span's text hanging under where that text
/// starts (the keys or the glyphs stay a column of their own).
fn hang(line: &Line<'static>, w: u16) -> Vec<Line<'static>> {
    let n = line.spans.len();
    let head = &line.spans[..n.saturating_sub(1)];
    let indent: usize = head.iter().map(|s| width(&s.content)).sum();
    if n < 2 || indent + 12 > usize::from(w) {
        return wrap_indented(line, w);
    }
    let body = Line::from(vec![line.spans[n - 1].clone()]);
    wrap_line(&body, w - indent as u16)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let mut spans = if i == 0 {
                head.to_vec()
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            spans.extend(part.spans);
            Line::from(spans)
        })
        .collect()
}

impl HelpView {
    fn width(area: Rect) -> u16 {
        area.width.saturating_sub(4).min(100)
    }

    /// Its lines wrapped to fit `area` (by display width, see `ui::wrap`,
    /// inside the borders).
    fn wrapped(&self, area: Rect) -> Vec<Line<'static>> {
        let w = Self::width(area);
        self.lines()
            .iter()
            .flat_map(|l| hang(l, w.saturating_sub(2)))
            .collect()
    }

    /// How far it scrolls in `area`, and a page of it.
    pub fn extent(&self, area: Rect) -> (usize, usize) {
        let page = usize::from(area.height.saturating_sub(2));
        (self.wrapped(area).len().saturating_sub(page), page)
    }
}

impl Widget for &HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let w = HelpView::width(area);
        let lines = self.wrapped(area);
        let total = lines.len();
        let h = (total as u16 + 2).min(area.height);
        let page = usize::from(h.saturating_sub(2));
        let scroll = self.scroll.min(total.saturating_sub(page));
        let r = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        };
        Clear.render(r, buf);
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", tr!(self.lang, "help-title")));
        // What lies above and below, on the borders.
        if scroll > 0 {
            let above = tr!(self.lang, "scroll-above", n = scroll);
            block = block
                .title_top(Line::styled(format!(" {above} "), self.theme.dim()).right_aligned());
        }
        let below = total.saturating_sub(scroll + page);
        if below > 0 {
            let more = tr!(self.lang, "scroll-below", n = below);
            block = block
                .title_bottom(Line::styled(format!(" {more} "), self.theme.dim()).right_aligned());
        }
        let shown: Vec<Line> = lines.into_iter().skip(scroll).take(page).collect();
        Paragraph::new(shown).block(block).render(r, buf);
    }
}
