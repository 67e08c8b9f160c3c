//! A scenario as the Python program it stands for: one `threading.Thread`
//! subclass per class (`multiprocessing.Process` for `process = true`), the
//! steps as the statements a learner would write, counters and locks as
//! module globals. The built-in scenarios have hand-written twins in
//! `assets/python/`; this is for everyone else's.

mod names;
mod scope;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use super::compile::{Overrides, compile_str};
use super::error::ScenarioError;
use super::raw::{RawScenario, RawStep, StartArg};
use super::twin_sites::TwinSite;
use crate::msg;

use names::*;
use scope::*;

/// The Python program for the scenario file `source_toml` (named `name`, as
/// its errors say). The scenario is checked first: a scenario that does not
/// compile has no program.
pub fn to_python(source_toml: &str, name: &str) -> Result<String, ScenarioError> {
    to_python_sited(source_toml, name).map(|(text, _)| text)
}

/// [`to_python`], with the line of the program each step became: for each
/// line of the scenario a step was written on, the Python line of its
/// statement (see [`TwinSite`]).
pub fn to_python_sited(
    source_toml: &str,
    name: &str,
) -> Result<(String, Vec<TwinSite>), ScenarioError> {
    compile_str(name, name, source_toml, Overrides::default())?;
    let raw: RawScenario = toml::from_str(source_toml).map_err(|e| {
        ScenarioError::at(
            name,
            source_toml,
            e.span(),
            msg!("scenario-toml", detail = e.message().trim().to_string()),
        )
    })?;
    let w = Writer::new(&raw).program(&raw, name);
    let lines = super::compile::Lines::of(source_toml);
    let mut sites: Vec<TwinSite> = Vec::new();
    for &(offset, line, lock) in &w.sites {
        let step = lines.of_offset(offset);
        if !sites.iter().any(|s| s.step == step) {
            sites.push(TwinSite { step, line, lock });
        }
    }
    Ok((w.out, sites))
}

/// A thread created by the scope being written, and how to reach it there.
struct Made {
    name: String,
    expr: String,
    started: bool,
}

struct Writer {
    out: String,
    /// Lines written so far.
    written: u32,
    /// Where each step went: its offset in the scenario file (of the step,
    /// and of a start's or join's target), the Python line of its
    /// statement, and the line where it waits for a lock.
    sites: Vec<(usize, u32, Option<u32>)>,
    indent: usize,
    classes: BTreeMap<String, String>,
    counters: BTreeMap<String, String>,
    locks: BTreeMap<String, String>,
    /// The functions of `call`s.
    calls: BTreeMap<String, String>,
    /// Names no spawned thread's variable may have: the classes', counters',
    /// locks' and functions' identifiers, and the helper `lock` where used.
    taken: BTreeSet<String>,
    /// Some thread joins a thread another one created: keep them all by name.
    registry: bool,
    processes: bool,
    /// The scope's list of the threads it creates, and the loop variable:
    /// `threads` and `t`, or `processes` and `p` when it creates only those.
    list_name: &'static str,
    var: &'static str,
}

impl Writer {
    fn new(raw: &RawScenario) -> Writer {
        let mut taken = BTreeSet::new();
        if templated_locks(raw) {
            taken.insert(HELPER_LOCK.to_string());
        }
        let name = |n: &str, taken: &mut BTreeSet<String>| {
            let id = identifier(n, taken);
            taken.insert(id.clone());
            (n.to_string(), id)
        };
        let classes = raw.classes.keys().map(|c| name(c, &mut taken)).collect();
        let mut counters = BTreeMap::new();
        let mut locks = BTreeMap::new();
        let mut calls = BTreeMap::new();
        let all_steps = std::iter::once(raw.main.get_ref())
            .chain(raw.classes.values().map(|c| c.get_ref().run.get_ref()))
            .flatten();
        for s in all_steps.clone() {
            let s = s.get_ref();
            for c in [&s.increment, &s.report].into_iter().flatten() {
                if !counters.contains_key(c.get_ref()) {
                    let (k, v) = name(c.get_ref(), &mut taken);
                    counters.insert(k, v);
                }
            }
            for l in [&s.lock, &s.acquire, &s.release].into_iter().flatten() {
                let l = l.get_ref();
                if !l.contains('{') && !locks.contains_key(l) {
                    let (k, v) = name(l, &mut taken);
                    locks.insert(k, v);
                }
            }
            if let Some(f) = &s.call
                && !calls.contains_key(f.get_ref())
            {
                let (k, v) = name(f.get_ref(), &mut taken);
                calls.insert(k, v);
            }
        }
        Writer {
            out: String::new(),
            written: 0,
            sites: Vec::new(),
            indent: 0,
            classes,
            counters,
            locks,
            calls,
            taken,
            registry: foreign_joins(raw),
            processes: raw.classes.values().any(|c| c.get_ref().process),
            list_name: "threads",
            var: "t",
        }
    }

    fn line(&mut self, text: &str) {
        self.written += 1;
        if text.is_empty() {
            self.out.push('\n');
            return;
        }
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// PEP 8's two blank lines, then `text`: a top-level `def` or `class`.
    fn top_level(&mut self, text: &str) {
        self.line("");
        self.line("");
        self.line(text);
    }

    fn comment(&mut self, text: &str) {
        let mut line = String::from("#");
        for word in text.split_whitespace() {
            if line.len() + 1 + word.len() > 76 && line.len() > 1 {
                self.line(&line);
                line = String::from("#");
            }
            line.push(' ');
            line.push_str(word);
        }
        if line.len() > 1 {
            self.line(&line);
        }
    }

    fn program(mut self, raw: &RawScenario, name: &str) -> Writer {
        let steps = || {
            std::iter::once(raw.main.get_ref())
                .chain(raw.classes.values().map(|c| c.get_ref().run.get_ref()))
                .flatten()
                .map(|s| s.get_ref())
        };
        let timed = steps().any(|s| s.sleep.is_some() || s.compute.is_some());
        let computes = steps().any(|s| s.compute.is_some());
        let templated_locks = templated_locks(raw);
        let warns = steps().any(|s| s.warn.is_some());
        // `threading.currentThread()`: its warning is Python's own.
        let current_thread = steps().any(|s| {
            s.warn
                .as_ref()
                .is_some_and(|w| w.get_ref().contains("currentThread"))
        });
        if let Some(t) = &raw.title {
            self.comment(t);
        }
        if let Some(s) = &raw.summary {
            self.comment(s);
        }
        self.comment(&format!(
            "The scenario `{name}` as a Python program, written by threadline."
        ));
        if raw.gil.as_ref().is_some_and(|g| *g.get_ref()) {
            self.comment("threadline runs it with the GIL, as CPython does by default.");
        }
        if timed {
            self.comment(
                "THREADLINE_SCALE or the first argument multiplies every duration; the \
                 default is 1.",
            );
        }
        if self.processes {
            self.line("import multiprocessing");
        }
        if timed {
            self.line("import os");
            self.line("import sys");
        }
        if !raw.classes.values().all(|c| c.get_ref().process)
            || !self.locks.is_empty()
            || templated_locks
            || current_thread
        {
            self.line("import threading");
        }
        if warns
            && steps().any(|s| {
                s.warn
                    .as_ref()
                    .is_some_and(|w| !w.get_ref().contains("currentThread"))
            })
        {
            self.line("import warnings");
        }
        if timed || self.registry {
            self.line("import time");
        }
        if timed {
            self.line("");
            self.line(
                "SCALE = float(sys.argv[1] if len(sys.argv) > 1 else \
                 os.environ.get(\"THREADLINE_SCALE\", \"1\"))",
            );
        }
        let globals = !self.counters.is_empty() || !self.locks.is_empty() || self.registry;
        if globals {
            self.line("");
        }
        for id in self.counters.clone().values() {
            self.line(&format!("{id} = 0"));
        }
        for id in self.locks.clone().values() {
            self.line(&format!("{id} = threading.Lock()"));
        }
        if self.registry {
            self.line("every_thread = {}  # by name: threads join threads others created");
        }
        if templated_locks {
            self.line("locks = {}  # by name, made on first use");
        }
        for f in self.calls.clone().values() {
            self.top_level(&format!("def {f}(value):"));
            self.line("    return value + 1");
        }
        if templated_locks {
            self.top_level("def lock(name):");
            self.line("    \"\"\"The lock called `name` (the same one for every thread).\"\"\"");
            self.line("    return locks.setdefault(name, threading.Lock())");
        }
        if computes {
            self.top_level("def compute(seconds):");
            self.indent += 1;
            self.line(
                "\"\"\"Busy work: loop until this thread has used `seconds` of CPU time.\"\"\"",
            );
            self.line("end = time.thread_time() + seconds");
            self.line("while time.thread_time() < end:");
            self.line("    pass");
            self.indent -= 1;
        }
        if self.registry {
            self.top_level("def join_thread(name):");
            self.indent += 1;
            self.line(
                "\"\"\"Wait for the thread called `name`, which another thread creates.\"\"\"",
            );
            self.line("while name not in every_thread or every_thread[name].ident is None:");
            self.line("    time.sleep(0.001)  # not created or not started yet");
            self.line("every_thread[name].join()");
            self.indent -= 1;
        }
        // In the file's order.
        let mut classes: Vec<_> = raw.classes.iter().collect();
        classes.sort_by_key(|(_, c)| c.span().start);
        for (class, c) in classes {
            let c = c.get_ref();
            let id = self.classes[class].clone();
            let base = if c.process {
                "multiprocessing.Process"
            } else {
                "threading.Thread"
            };
            self.top_level(&format!("class {id}({base}):"));
            self.indent += 1;
            let spanned: Vec<&Spanned<RawStep>> = c.run.get_ref().iter().collect();
            let steps: Vec<&RawStep> = spanned.iter().map(|s| s.get_ref()).collect();
            let place = uses_place(&steps);
            if (c.daemon && !c.process) || place {
                let daemon = if c.daemon && !c.process {
                    "True"
                } else {
                    "None"
                };
                let (params, keep) = if place {
                    (", i=0, count=1", true)
                } else {
                    ("", false)
                };
                self.line(&format!(
                    "def __init__(self, name{params}, daemon={daemon}):"
                ));
                self.line("    super().__init__(name=name, daemon=daemon)");
                if keep {
                    self.line("    self.i, self.count = i, count  # its place among its spawn");
                }
                self.line("");
            }
            self.line("def run(self):");
            self.indent += 1;
            let changed: BTreeSet<String> = steps
                .iter()
                .filter_map(|s| s.increment.as_ref())
                .map(|c| self.counters[c.get_ref()].clone())
                .collect();
            if !changed.is_empty() {
                let names: Vec<String> = changed.into_iter().collect();
                self.line(&format!("global {}", names.join(", ")));
            }
            let before = self.out.len();
            self.scope(raw, &spanned, false);
            if self.out.len() == before {
                self.line("pass"); // no step is a statement
            }
            self.indent -= 2;
        }
        self.line("");
        self.line("");
        if self.processes {
            self.line(
                "if __name__ == \"__main__\":  # children started by \"spawn\" import this file",
            );
            self.indent += 1;
        }
        let main: Vec<&Spanned<RawStep>> = raw.main.get_ref().iter().collect();
        let before = self.out.len();
        self.scope(raw, &main, true);
        if self.out.len() == before {
            self.line("pass");
        }
        self
    }
}

/// Is some lock named from a thread's place (`fork {i}`)?
fn templated_locks(raw: &RawScenario) -> bool {
    std::iter::once(raw.main.get_ref())
        .chain(raw.classes.values().map(|c| c.get_ref().run.get_ref()))
        .flatten()
        .map(|s| s.get_ref())
        .any(|s| {
            [&s.lock, &s.acquire, &s.release]
                .into_iter()
                .flatten()
                .any(|l| l.get_ref().contains('{'))
        })
}
