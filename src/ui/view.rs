//! What the user looks at, apart from what runs: the selected thread, the
//! time window, which pane the keys act on and how far each is scrolled,
//! the help overlay and the code pane, whether the mouse is captured, and
//! where things were drawn last (for the mouse and for paging).

use ratatui::layout::Rect;

use super::viewport::Viewport;
use super::widgets::timeline::Geometry;

/// A pane read with the keys (instead of the timeline's thread list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Output,
    Explain,
}

/// How far a pane can scroll and how much a page is, as last drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// Lines (or spans) scrolled away from the pane's resting place.
    pub by: usize,
    pub max: usize,
    pub page: usize,
}

impl Scroll {
    /// Move by `d` (positive: away from the resting place), within bounds.
    fn move_by(&mut self, d: isize) {
        self.by = self.by.saturating_add_signed(d).min(self.max);
    }

    /// Keep within what can be shown now.
    pub fn clamp(&mut self, max: usize, page: usize) {
        self.max = max;
        self.page = page.max(1);
        self.by = self.by.min(max);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The selected row (an index into the timeline's tracks).
    pub selected: usize,
    pub viewport: Viewport,
    pub show_help: bool,
    /// The help overlay's scroll (from its top).
    pub help: Scroll,
    /// Where the timeline was drawn last, and its geometry inside.
    pub timeline_area: Rect,
    pub geometry: Geometry,
    /// The split view: the timeline the keys act on (0 top, 1 below), the
    /// lower pane's selected row, where it was drawn and its geometry.
    pub focus: usize,
    pub lower_selected: usize,
    pub lower_area: Rect,
    pub lower_geometry: Geometry,
    /// Each pane's first row shown below main (its scroll).
    pub top: usize,
    pub lower_top: usize,
    /// Reading the output or the explanation: the scroll keys move it.
    pub reading: Option<Reading>,
    /// The output's scroll: lines hidden after the last one shown.
    pub output: Scroll,
    /// The history's scroll: spans hidden after the last one shown.
    pub history: Scroll,
    /// Where the output and the explanation were drawn (for the wheel).
    pub output_area: Rect,
    pub explain_area: Rect,
    /// The terminal's mouse is ours (clicks, the wheel); off, the terminal
    /// selects and copies text.
    pub mouse: bool,
    /// The code pane is shown.
    pub code: bool,
}

impl ViewState {
    pub fn new() -> Self {
        ViewState {
            mouse: true,
            ..ViewState::default()
        }
    }

    /// A new run: the whole of it in view, each pane's selection kept in
    /// range (`lower`: the lower pane's rows, when split).
    pub fn new_run(&mut self, rows: usize, lower: Option<usize>) {
        self.viewport = Viewport::default();
        self.selected = self.selected.min(rows.saturating_sub(1));
        self.output = Scroll::default();
        self.history = Scroll::default();
        match lower {
            Some(n) => self.lower_selected = self.lower_selected.min(n.saturating_sub(1)),
            None => self.focus = 0,
        }
    }

    /// The selected row of pane `side`.
    pub fn selected_of(&self, side: usize) -> usize {
        if side == 1 {
            self.lower_selected
        } else {
            self.selected
        }
    }

    /// The scroll of pane `side`'s thread list.
    pub fn top_of(&self, side: usize) -> usize {
        if side == 1 { self.lower_top } else { self.top }
    }

    fn focused(&mut self) -> &mut usize {
        if self.focus == 1 {
            &mut self.lower_selected
        } else {
            &mut self.selected
        }
    }

    /// The next pane for the keys: each timeline (two when `split`), then
    /// the output, then the explanation, and round again.
    pub fn next_pane(&mut self, split: bool) {
        (self.reading, self.focus) = match (self.reading, self.focus) {
            (None, 0) if split => (None, 1),
            // The code pane, when shown, takes the output's place.
            (None, f) if self.code => (Some(Reading::Explain), f),
            (None, f) => (Some(Reading::Output), f),
            (Some(Reading::Output), f) => (Some(Reading::Explain), f),
            (Some(Reading::Explain), _) => (None, 0),
        };
    }

    /// Move what the keys act on by `d` rows (negative: up), or to an end
    /// (`d` = ±`isize::MAX`); `rows`: the focused timeline's rows.
    pub fn scroll(&mut self, d: isize, rows: usize) {
        // The output and the history rest at their ends (the newest):
        // up goes back.
        match self.reading {
            Some(Reading::Output) => self.output.move_by(-d),
            Some(Reading::Explain) => self.history.move_by(-d),
            None => {
                let s = self.focused();
                *s = s.saturating_add_signed(d).min(rows.saturating_sub(1));
                // Main, pinned on top, selected: the list back at its start.
                if *s == 0 {
                    if self.focus == 1 {
                        self.lower_top = 0;
                    } else {
                        self.top = 0;
                    }
                }
            }
        }
    }

    /// A page of what the keys act on.
    pub fn page(&self) -> usize {
        match self.reading {
            Some(Reading::Output) => self.output.page,
            Some(Reading::Explain) => self.history.page,
            None if self.focus == 1 => self.lower_geometry.page(),
            None => self.geometry.page(),
        }
        .max(1)
    }

    /// The row above, in the focused pane.
    pub fn up(&mut self) {
        self.scroll(-1, usize::MAX);
    }

    /// The row below, in the focused pane (of `rows`).
    pub fn down(&mut self, rows: usize) {
        self.scroll(1, rows);
    }

    /// The help overlay's scroll keys.
    pub fn scroll_help(&mut self, d: isize) {
        self.help.move_by(d);
    }
}
