//! What the explanation pane says about the present moment
//! ([`narrate::present`]) and the selected thread's history, wrapped to
//! the pane, kept between the timeline's changes: at 100,000 threads
//! saying it looks at every thread several times, and the words change
//! only when an event comes (or, for the history, the selection, the
//! clock or the pane's size).

use std::cell::RefCell;
use std::sync::Arc;

use ratatui::style::Style;
use ratatui::text::Line;

use super::narrate;
use super::wrap::wrap_line;
use crate::event::Nanos;
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::scenario::Words;
use crate::ui::session::code::Code;

/// What the sentences were said from: the timeline's state, the
/// scenario's words, whether the run has a GIL, the language, the width
/// they were wrapped to.
type Key = (u64, Words, bool, Lang, u16);

/// What a selected thread's history is told for: the thread, the clock,
/// the history's scroll (spans back from the last), the lines it may
/// take, the width it is wrapped to, the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked {
    pub thread: u32,
    pub now: Nanos,
    pub back: usize,
    pub budget: usize,
    pub width: u16,
    pub lang: Lang,
}

/// The history was told from this state of the timeline, as asked, from
/// this code (its address: the session holds it as long as its timeline).
type HistoryKey = (u64, Asked, usize);

/// The sentences said last, wrapped, and what they were said from; the
/// history told last, likewise.
#[derive(Debug, Default)]
pub struct Said {
    present: RefCell<Option<(Key, Arc<[Line<'static>]>)>>,
    history: RefCell<Option<(HistoryKey, Arc<[Line<'static>]>)>>,
}

impl Said {
    /// [`narrate::present`] of these, each sentence wrapped to `width`:
    /// said again only if one of them changed.
    pub fn present(
        &self,
        tl: &Timeline,
        (words, gil): (&Words, bool),
        lang: Lang,
        width: u16,
    ) -> Arc<[Line<'static>]> {
        let stamp = tl.stamp();
        let mut kept = self.present.borrow_mut();
        if let Some(((s, w, g, l, cols), said)) = &*kept
            && (*s, *g, *l, *cols) == (stamp, gil, lang, width)
            && w == words
        {
            return said.clone();
        }
        let said: Arc<[Line<'static>]> = narrate::present(tl, words, gil, lang)
            .into_iter()
            .flat_map(|l| wrap_line(&Line::raw(l), width))
            .collect();
        *kept = Some(((stamp, words.clone(), gil, lang, width), said.clone()));
        said
    }

    /// The selected thread's history ([`narrate::history`]) as asked,
    /// wrapped: as many of its last spans as fit in the budget (its end is
    /// always told), told again only when something it is told from
    /// changed.
    pub fn history(
        &self,
        tl: &Timeline,
        asked: Asked,
        code: Option<&Code>,
        style: Style,
    ) -> Arc<[Line<'static>]> {
        let key = (
            tl.stamp(),
            asked,
            code.map_or(0, |c| std::ptr::from_ref(c) as usize),
        );
        let mut kept = self.history.borrow_mut();
        if let Some((k, told)) = &*kept
            && *k == key
        {
            return told.clone();
        }
        let mut told = Vec::new();
        for spans in (0..=6).rev() {
            let window = (spans, asked.back);
            told = narrate::history(tl, asked.thread, asked.now, window, code, asked.lang)
                .into_iter()
                .flat_map(|l| wrap_line(&Line::styled(l, style), asked.width))
                .collect();
            if told.len() <= asked.budget {
                break;
            }
        }
        let told: Arc<[Line<'static>]> = told.into();
        *kept = Some((key, told.clone()));
        told
    }
}

/// `line`, its text borrowed from it: what a frame draws of a kept line
/// without copying its words.
pub fn borrowed<'a>(line: &'a Line<'static>) -> Line<'a> {
    Line {
        spans: line
            .spans
            .iter()
            .map(|s| ratatui::text::Span::styled(s.content.as_ref(), s.style))
            .collect(),
        style: line.style,
        alignment: line.alignment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, EventKind, MAIN, SECOND, State};

    fn spawn(id: u32) -> Event {
        Event::new(
            0,
            0,
            id,
            EventKind::Spawned {
                name: format!("t{id}"),
                daemon: false,
                parent: (id != MAIN).then_some(MAIN),
            },
        )
    }

    /// A timeline of `n` threads, just spawned.
    fn spawned(n: u32) -> Timeline {
        let mut tl = Timeline::new();
        for id in 0..n {
            tl.apply(&spawn(id));
        }
        tl
    }

    /// The sentences said and wrapped from scratch.
    fn fresh(
        tl: &Timeline,
        words: &Words,
        gil: bool,
        lang: Lang,
        width: u16,
    ) -> Vec<Line<'static>> {
        let said = narrate::present(tl, words, gil, lang);
        said.iter()
            .flat_map(|l| wrap_line(&Line::raw(l.clone()), width))
            .collect()
    }

    #[test]
    fn what_is_said_follows_every_event_and_the_language() {
        let said = Said::default();
        let words = Words::default();
        let mut tl = spawned(4);
        for (i, id) in (0..4).chain([1, 2, 3, 1]).enumerate() {
            let state = [State::Running, State::Sleeping, State::WaitingGil][i % 3];
            tl.apply(&Event::new(0, i as u64 * 10, id, EventKind::state(state)));
            for (lang, width) in [
                (Lang::En, 30),
                (Lang::Ko, 30),
                (Lang::En, 12),
                (Lang::En, 30),
            ] {
                let kept = said.present(&tl, (&words, true), lang, width);
                assert_eq!(*kept, *fresh(&tl, &words, true, lang, width));
            }
            let other = said.present(&tl, (&words, false), Lang::En, 30);
            assert_eq!(*other, *fresh(&tl, &words, false, Lang::En, 30));
        }
    }

    #[test]
    fn a_kept_history_is_the_history_told_afresh() {
        let said = Said::default();
        let style = Style::new();
        let mut tl = spawned(3);
        for i in 0..8u64 {
            let state = [State::Running, State::Sleeping, State::WaitingGil][i as usize % 3];
            let at = i * SECOND / 10;
            tl.apply(&Event::new(0, at, (i % 3) as u32, EventKind::state(state)));
            // The last asked before the event is asked first after it.
            for (thread, now, back, budget, width, lang) in [
                (1, SECOND, 0, 20, 40, Lang::En),
                (1, at, 0, 20, 40, Lang::En),
                (1, at + SECOND / 20, 0, 20, 40, Lang::En),
                (2, at, 0, 20, 40, Lang::En),
                (1, at, 1, 20, 40, Lang::En),
                (1, at, 0, 3, 40, Lang::En),
                (1, at, 0, 20, 16, Lang::En),
                (1, at, 0, 20, 40, Lang::Ko),
                (1, SECOND, 0, 20, 40, Lang::En),
            ] {
                let asked = Asked {
                    thread,
                    now,
                    back,
                    budget,
                    width,
                    lang,
                };
                let kept = said.history(&tl, asked, None, style);
                let fresh = Said::default().history(&tl, asked, None, style);
                assert_eq!(*kept, *fresh, "{asked:?} after {i} events");
            }
        }
    }
}
