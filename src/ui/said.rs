//! What the explanation pane says about the present moment
//! ([`narrate::present`]), wrapped to the pane, kept between the
//! timeline's changes: at 100,000 threads saying it looks at every thread
//! several times, and the words change only when an event comes.

use std::cell::RefCell;
use std::sync::Arc;

use ratatui::text::Line;

use super::narrate;
use super::wrap::wrap_line;
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::scenario::Words;

/// What the sentences were said from: the timeline's state, the
/// scenario's words, whether the run has a GIL, the language, the width
/// they were wrapped to.
type Key = (u64, Words, bool, Lang, u16);

/// The sentences said last, wrapped, and what they were said from.
#[derive(Debug, Default)]
pub struct Said(RefCell<Option<(Key, Arc<[Line<'static>]>)>>);

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
        let mut kept = self.0.borrow_mut();
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, EventKind, MAIN, State};

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
        let mut tl = Timeline::new();
        for id in 0..4 {
            tl.apply(&spawn(id));
        }
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
}
