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
}

impl ViewState {
    /// A new run: the whole of it in view, the selection kept in range.
    pub fn new_run(&mut self, rows: usize) {
        self.viewport = Viewport::default();
        self.selected = self.selected.min(rows.saturating_sub(1));
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self, rows: usize) {
        self.selected = (self.selected + 1).min(rows.saturating_sub(1));
    }
}
