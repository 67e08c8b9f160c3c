//! What the user looks at, apart from what runs: the selected thread, the
//! time window, the help overlay, and where things were drawn last (for
//! the mouse).

use ratatui::layout::Rect;

use super::viewport::Viewport;
use super::widgets::timeline::Geometry;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The selected row (an index into the timeline's tracks).
    pub selected: usize,
    pub viewport: Viewport,
    pub show_help: bool,
    /// Where the timeline was drawn last, and its geometry inside.
    pub timeline_area: Rect,
    pub geometry: Geometry,
    /// The split view: the pane the keys act on (0 top, 1 below), the
    /// lower pane's selected row, where it was drawn and its geometry.
    pub focus: usize,
    pub lower_selected: usize,
    pub lower_area: Rect,
    pub lower_geometry: Geometry,
}

impl ViewState {
    /// A new run: the whole of it in view, each pane's selection kept in
    /// range (`lower`: the lower pane's rows, when split).
    pub fn new_run(&mut self, rows: usize, lower: Option<usize>) {
        self.viewport = Viewport::default();
        self.selected = self.selected.min(rows.saturating_sub(1));
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

    fn focused(&mut self) -> &mut usize {
        if self.focus == 1 {
            &mut self.lower_selected
        } else {
            &mut self.selected
        }
    }

    /// The row above, in the focused pane.
    pub fn up(&mut self) {
        let s = self.focused();
        *s = s.saturating_sub(1);
    }

    /// The row below, in the focused pane (of `rows`).
    pub fn down(&mut self, rows: usize) {
        let s = self.focused();
        *s = (*s + 1).min(rows.saturating_sub(1));
    }
}
