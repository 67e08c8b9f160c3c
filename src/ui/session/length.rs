//! Where the axis ends while a run is live: the program's expected length
//! (a scenario's estimate, a recording's own end), or for a trace a second
//! that doubles as the run outlasts it; never a rescale every frame.

use super::{Origin, Session};
use crate::event::{Nanos, SECOND};

/// Room past the expected end, so a run that ends on time ends inside.
const MARGIN: Nanos = 20; // 1/20, 5%

impl Session {
    /// What a run of this session is expected to last, when known.
    pub(super) fn expected_length(&self) -> Option<Nanos> {
        match &self.origin {
            Origin::Scenario { .. } => Some(self.program.expected_length(self.cores)),
            Origin::Replay(rec) => rec.events.iter().map(|e| e.at).max(),
            Origin::Trace(_) => None,
        }
    }

    /// Where a live run's axis ends, given how far it has come (`reached`):
    /// the expected length with a margin, doubled as often as the run has
    /// outlasted it.
    pub fn axis_end(&self, reached: Nanos) -> Nanos {
        let base = self
            .expected
            .map_or(SECOND, |e| e.saturating_add(e / MARGIN));
        let mut end = base.max(1);
        while end < reached {
            end = end.saturating_mul(2);
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::RunSettings;

    #[test]
    fn the_axis_doubles_past_the_expected_end() {
        let settings = RunSettings {
            scenario: "basic".into(),
            ..RunSettings::default()
        };
        let mut s = Session::scenario(settings, true).expect("basic loads");
        s.expected = s.expected_length();
        let e = s.expected.expect("a scenario has an estimate");
        let first = s.axis_end(0);
        assert!(first > e && first <= e + e / 10, "{first} for {e}");
        assert_eq!(s.axis_end(first / 2), first, "the axis stays put");
        assert_eq!(s.axis_end(first + 1), first * 2);
        assert_eq!(s.axis_end(first * 2 + 1), first * 4);
    }
}
