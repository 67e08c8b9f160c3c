//! Where a scenario's steps are in its Python twin: for each line of the
//! scenario file that a step was written on, the twin's line of the
//! statement the step stands for (and, for an update made under a lock,
//! the `with` line where a thread waits for it). A scenario's events say
//! the scenario line (`join.toml:10`, [`super::Program::site`]); the code
//! pane reads the twin's line here.
//!
//! The generated twins record theirs as they are written
//! (`python::to_python_sited`); the built-ins' hand-written twins have the
//! table below, checked against CPython by `tests/twin_sites.rs` (each
//! traced state change lands on a line mapped from a step of its kind).

/// One scenario line's place in the twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TwinSite {
    /// The scenario file's line (from 1).
    pub step: u32,
    /// The twin's line (from 1) of the statement.
    pub line: u32,
    /// For an update under a lock: the line where it waits for the lock.
    pub lock: Option<u32>,
}

/// A scenario's steps in its twin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TwinSites {
    /// The scenario's file as its sites say it (`join.toml`).
    pub file: String,
    pub sites: Vec<TwinSite>,
}

impl TwinSites {
    /// The twin's line of the step written on scenario line `step`, for a
    /// thread waiting for a lock there or not.
    pub fn line(&self, step: u32, waiting_lock: bool) -> Option<u32> {
        let s = self.sites.iter().find(|s| s.step == step)?;
        Some(s.lock.filter(|_| waiting_lock).unwrap_or(s.line))
    }
}

const fn at(step: u32, line: u32) -> TwinSite {
    TwinSite {
        step,
        line,
        lock: None,
    }
}

const fn locked(step: u32, line: u32, lock: u32) -> TwinSite {
    TwinSite {
        step,
        line,
        lock: Some(lock),
    }
}

/// The built-in scenarios' steps in their hand-written twins
/// ([`super::TWINS`]): `at(scenario line, twin line)`. A lock's release is
/// at its `with` line (where CPython leaves the block).
pub const BUILTIN_SITES: &[(&str, &[TwinSite])] = &[
    (
        "basic",
        &[
            at(13, 25),
            at(14, 29),
            at(15, 31),
            at(22, 20),
            at(23, 20),
            at(24, 21),
            at(25, 22),
        ],
    ),
    (
        "daemon",
        &[
            at(7, 25),
            at(8, 30),
            at(9, 32),
            at(16, 20),
            at(17, 20),
            at(18, 21),
            at(19, 22),
        ],
    ),
    (
        "join",
        &[
            at(7, 25),
            at(8, 28),
            at(9, 31),
            at(10, 33),
            at(11, 34),
            at(12, 36),
            at(13, 37),
            at(20, 20),
            at(21, 20),
            at(22, 21),
            at(23, 22),
        ],
    ),
    (
        "mixed",
        &[
            at(8, 33),
            at(9, 35),
            at(10, 37),
            at(11, 38),
            at(16, 18),
            at(17, 19),
            at(18, 20),
            at(24, 28),
            at(25, 29),
            at(26, 30),
        ],
    ),
    (
        "stress",
        &[
            at(8, 29),
            at(9, 33),
            at(10, 36),
            at(11, 37),
            at(16, 24),
            at(17, 25),
            at(18, 26),
        ],
    ),
    (
        "gil-cpu",
        &[
            at(9, 29),
            at(10, 33),
            at(11, 36),
            at(12, 37),
            at(17, 24),
            at(18, 25),
            at(19, 26),
        ],
    ),
    (
        "gil-io",
        &[
            at(9, 20),
            at(10, 24),
            at(11, 27),
            at(12, 28),
            at(17, 15),
            at(18, 16),
            at(19, 17),
        ],
    ),
    (
        "race",
        &[
            at(15, 58),
            at(16, 52),
            at(17, 55),
            at(18, 60),
            at(19, 61),
            at(20, 52),
            at(21, 55),
            at(22, 63),
            at(23, 64),
            at(24, 52),
            at(25, 55),
            at(26, 66),
            at(31, 29),
            at(36, 36),
            locked(41, 44, 43),
        ],
    ),
    (
        "deadlock",
        &[
            at(9, 36),
            at(10, 39),
            at(11, 40),
            at(12, 41),
            at(13, 42),
            at(14, 43),
            at(19, 27),
            at(20, 29),
            at(21, 30),
            at(22, 31),
            at(23, 32),
            at(24, 33),
            at(25, 32),
            at(26, 27),
            at(31, 27),
            at(32, 29),
            at(33, 30),
            at(34, 31),
            at(35, 32),
            at(36, 33),
            at(37, 32),
            at(38, 27),
        ],
    ),
    (
        "philosophers",
        &[
            at(10, 32),
            at(11, 36),
            at(12, 39),
            at(13, 40),
            at(18, 23),
            at(19, 25),
            at(20, 26),
            at(21, 27),
            at(22, 28),
            at(23, 29),
            at(24, 28),
            at(25, 23),
        ],
    ),
    (
        "processes",
        &[
            at(10, 37),
            at(11, 41),
            at(12, 44),
            at(13, 45),
            at(14, 46),
            at(20, 28),
            at(21, 30),
            at(22, 31),
            at(23, 32),
            at(24, 33),
        ],
    ),
];

/// A built-in scenario's steps in its twin.
pub fn builtin_sites(name: &str) -> Option<TwinSites> {
    let (_, sites) = BUILTIN_SITES.iter().find(|(n, _)| *n == name)?;
    Some(TwinSites {
        file: format!("{name}.toml"),
        sites: sites.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{BUILTIN, Overrides, TWINS, builtin};

    #[test]
    fn every_step_of_every_builtin_has_a_line_of_its_twin() {
        for (name, _) in BUILTIN {
            let sites = builtin_sites(name).unwrap_or_else(|| panic!("{name} has no sites"));
            assert_eq!(sites.file, format!("{name}.toml"));
            let twin = TWINS.iter().find(|(n, _)| n == name).unwrap().1;
            let twin_lines = twin.lines().count() as u32;
            let p = builtin(name, Overrides::default()).unwrap().unwrap();
            for t in &p.threads {
                for (step, &line) in t.steps.iter().zip(&t.lines) {
                    let py = sites.line(line, false);
                    assert!(
                        py.is_some_and(|l| l >= 1 && l <= twin_lines),
                        "{name}: {}'s step {step:?} (line {line}) is on no twin line",
                        t.name
                    );
                }
            }
            for s in &sites.sites {
                let l = s.step as usize;
                let ok = p.threads.iter().any(|t| t.lines.contains(&s.step));
                assert!(ok, "{name}: line {l} of the scenario has no step");
                let code = twin.lines().nth(s.line as usize - 1).unwrap().trim();
                assert!(
                    !code.is_empty() && !code.starts_with('#'),
                    "{name}: twin line {} is no statement: {code:?}",
                    s.line
                );
            }
        }
    }

    #[test]
    fn a_lock_wait_is_on_the_with_line_and_the_update_on_its_body() {
        let race = builtin_sites("race").unwrap();
        assert_eq!(race.line(41, true), Some(43));
        assert_eq!(race.line(41, false), Some(44));
        assert_eq!(race.line(31, true), Some(29), "no lock: one line");
        assert_eq!(race.line(1, false), None, "a comment is no step");
    }
}
