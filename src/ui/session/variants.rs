//! The variants a scenario run switches between: daemon mode, the GIL,
//! the interpreter, another scenario of the list (each restarts the run).

use super::{Flip, Origin, Session};
use crate::scenario::Python;
use crate::setup::RunSettings;

impl Session {
    /// `d`: every worker a daemon, or none (in `side`'s run).
    pub fn toggle_daemon(&mut self, side: usize) {
        if self.lower_side(side) {
            return self
                .reload_twin(|s, p| s.overrides.daemon = Some(p.daemon_mode() != Some(true)));
        }
        let to = self.daemon_mode() != Some(true);
        self.reload(Some(Flip::Daemon), |s| s.overrides.daemon = Some(to));
    }

    /// `g`: the GIL on or off (in `side`'s run); the interpreter then
    /// is 3.13 or 3.13t, whatever `--python` said.
    pub fn toggle_gil(&mut self, side: usize) {
        let flip = |s: &mut RunSettings, gil: bool| {
            s.overrides.python = None;
            s.overrides.gil = Some(gil);
        };
        if self.lower_side(side) {
            return self.reload_twin(|s, p| flip(s, !p.gil));
        }
        let to = !self.program.gil;
        self.reload(Some(Flip::Gil), |s| flip(s, to));
    }

    /// `i`: the next interpreter (3.8 … 3.13, then the free-threaded
    /// 3.13t, then round again) in `side`'s run; `v` then shows the one
    /// it had below.
    pub fn next_python(&mut self, side: usize) {
        let next = |p: Python| {
            let all = Python::ALL;
            let i = all.iter().position(|&q| q == p).unwrap_or(0);
            all[(i + 1) % all.len()]
        };
        let set = |s: &mut RunSettings, p: Python| {
            s.overrides.gil = None;
            s.overrides.python = Some(p);
        };
        if self.lower_side(side) {
            return self.reload_twin(|s, p| set(s, next(p.python)));
        }
        let was = self.program.python;
        self.reload(Some(Flip::Python(was)), |s| set(s, next(was)));
    }

    /// Switch `side`'s run to scenario `i` of the list (the top with the
    /// user's own overrides, side B with its own).
    pub fn switch(&mut self, i: usize, side: usize) {
        if self.lower_side(side) {
            if let Some(name) = self.scenarios().0.get(i).cloned() {
                self.reload_twin(|s, _| s.scenario = name);
            }
            return;
        }
        if let Origin::Scenario {
            names,
            current,
            user,
            ..
        } = &mut self.origin
            && i < names.len()
        {
            *current = i;
            let user = *user;
            self.reload(None, |s| s.overrides = user);
        }
    }
}
