//! A scenario as the Python program it stands for: one `threading.Thread`
//! subclass per class (`multiprocessing.Process` for `process = true`), the
//! steps as the statements a learner would write, counters and locks as
//! module globals. The built-in scenarios have hand-written twins in
//! `assets/python/`; this is for everyone else's.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::compile::{Overrides, compile_str};
use super::error::ScenarioError;
use super::raw::{RawScenario, RawStep, StartArg};
use crate::msg;

/// The Python program for the scenario file `source_toml` (named `name`, as
/// its errors say). The scenario is checked first: a scenario that does not
/// compile has no program.
pub fn to_python(source_toml: &str, name: &str) -> Result<String, ScenarioError> {
    compile_str(name, name, source_toml, Overrides::default())?;
    let raw: RawScenario = toml::from_str(source_toml).map_err(|e| {
        ScenarioError::at(
            name,
            source_toml,
            e.span(),
            msg!("scenario-toml", detail = e.message().trim().to_string()),
        )
    })?;
    Ok(Writer::new(&raw).program(&raw, name))
}

/// Python's reserved words, and the names the program itself uses.
const TAKEN: &[&str] = &[
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "os",
    "sys",
    "time",
    "threading",
    "multiprocessing",
    "compute",
    "join_thread",
    "SCALE",
    "threads",
    "processes",
    "p",
    "every_thread",
    "t",
    "i",
    "print",
    "range",
    "self",
];

/// A Python identifier for `name`, not in `taken`.
fn identifier(name: &str, taken: &BTreeSet<String>) -> String {
    let mut id: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert(0, 't');
    }
    while taken.contains(&id) || TAKEN.contains(&id.as_str()) {
        id.push('_');
    }
    id
}

/// A Python string literal for `text`.
fn literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An f-string for `text` where each `{key}` becomes `{expr}`.
fn f_string(text: &str, key: &str, expr: &str) -> String {
    f_string_of(text, &[(key, expr)])
}

/// An f-string for `text` where each `{key}` of `subs` becomes `{expr}`.
fn f_string_of(text: &str, subs: &[(&str, &str)]) -> String {
    let patterns: Vec<(String, &str)> = subs
        .iter()
        .filter(|(k, _)| text.contains(&format!("{{{k}}}")))
        .map(|(k, e)| (format!("{{{k}}}"), *e))
        .collect();
    if patterns.is_empty() {
        return literal(text);
    }
    // Cut the text at every pattern, escape the pieces, put the exprs back.
    let mut out = String::from("f\"");
    let mut rest = text;
    while !rest.is_empty() {
        let next = patterns
            .iter()
            .filter_map(|(p, e)| rest.find(p.as_str()).map(|i| (i, p, e)))
            .min_by_key(|(i, _, _)| *i);
        let (piece, tail) = match next {
            Some((i, p, e)) => {
                let (piece, tail) = rest.split_at(i);
                (piece, Some((&tail[p.len()..], e)))
            }
            None => (rest, None),
        };
        let l = literal(piece);
        out.push_str(&l[1..l.len() - 1].replace('{', "{{").replace('}', "}}"));
        match tail {
            Some((tail, e)) => {
                out.push_str(&format!("{{{e}}}"));
                rest = tail;
            }
            None => rest = "",
        }
    }
    out.push('"');
    out
}

/// What `{name}`, `{i}` and `{next}` are inside a thread's `run`.
const SELF_SUBS: [(&str, &str); 3] = [
    ("name", "self.name"),
    ("i", "self.i"),
    ("next", "(self.i + 1) % self.count"),
];

/// Does a class's run use its thread's place in its spawn (`{i}`, `{next}`)?
fn uses_place(steps: &[&RawStep]) -> bool {
    steps.iter().any(|s| {
        [&s.print, &s.acquire, &s.release, &s.lock]
            .into_iter()
            .flatten()
            .any(|t| t.get_ref().contains("{i}") || t.get_ref().contains("{next}"))
    })
}

/// A thread created by the scope being written, and how to reach it there.
struct Made {
    name: String,
    expr: String,
    started: bool,
}

struct Writer {
    out: String,
    indent: usize,
    classes: BTreeMap<String, String>,
    counters: BTreeMap<String, String>,
    locks: BTreeMap<String, String>,
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
        let name = |n: &str, taken: &mut BTreeSet<String>| {
            let id = identifier(n, taken);
            taken.insert(id.clone());
            (n.to_string(), id)
        };
        let classes = raw.classes.keys().map(|c| name(c, &mut taken)).collect();
        let mut counters = BTreeMap::new();
        let mut locks = BTreeMap::new();
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
        }
        Writer {
            out: String::new(),
            indent: 0,
            classes,
            counters,
            locks,
            registry: foreign_joins(raw),
            processes: raw.classes.values().any(|c| c.get_ref().process),
            list_name: "threads",
            var: "t",
        }
    }

    fn line(&mut self, text: &str) {
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

    fn program(mut self, raw: &RawScenario, name: &str) -> String {
        let steps = || {
            std::iter::once(raw.main.get_ref())
                .chain(raw.classes.values().map(|c| c.get_ref().run.get_ref()))
                .flatten()
                .map(|s| s.get_ref())
        };
        let timed = steps().any(|s| s.sleep.is_some() || s.compute.is_some());
        let computes = steps().any(|s| s.compute.is_some());
        let calls: BTreeSet<String> = steps()
            .filter_map(|s| s.call.as_ref().map(|c| c.get_ref().clone()))
            .collect();
        let templated_locks = steps().any(|s| {
            [&s.lock, &s.acquire, &s.release]
                .into_iter()
                .flatten()
                .any(|l| l.get_ref().contains('{'))
        });
        let warns = steps().any(|s| s.warn.is_some());
        if let Some(t) = &raw.title {
            self.comment(t);
        }
        if let Some(s) = &raw.summary {
            self.comment(s);
        }
        self.comment(&format!(
            "The scenario `{name}` as a Python program, written by threadline."
        ));
        if raw.gil == Some(true) {
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
        for f in &calls {
            self.line("");
            self.line("");
            self.line(&format!("def {}(value):", identifier(f, &BTreeSet::new())));
            self.line("    return value + 1");
        }
        if templated_locks {
            self.line("");
            self.line("");
            self.line("def lock(name):");
            self.line("    \"\"\"The lock called `name` (the same one for every thread).\"\"\"");
            self.line("    return locks.setdefault(name, threading.Lock())");
        }
        if computes {
            self.line("");
            self.line("");
            self.line("def compute(seconds):");
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
            self.line("");
            self.line("");
            self.line("def join_thread(name):");
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
            self.line("");
            self.line("");
            self.line(&format!("class {id}({base}):"));
            self.indent += 1;
            let steps: Vec<&RawStep> = c.run.get_ref().iter().map(|s| s.get_ref()).collect();
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
            self.scope(raw, &steps, false);
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
        let main: Vec<&RawStep> = raw.main.get_ref().iter().map(|s| s.get_ref()).collect();
        let before = self.out.len();
        self.scope(raw, &main, true);
        if self.out.len() == before {
            self.line("pass");
        }
        self.out
    }

    /// The statements of one thread's steps.
    fn scope(&mut self, raw: &RawScenario, steps: &[&RawStep], is_main: bool) {
        let mut made: Vec<Made> = Vec::new();
        let list = needs_list(steps);
        let only_processes = steps
            .iter()
            .filter_map(|s| s.spawn.as_ref())
            .all(|c| raw.classes[c.get_ref()].get_ref().process);
        (self.list_name, self.var) = if only_processes {
            ("processes", "p")
        } else {
            ("threads", "t")
        };
        let mut listed = false;
        let mut taken: BTreeSet<String> = self
            .classes
            .values()
            .chain(self.counters.values())
            .chain(self.locks.values())
            .cloned()
            .collect();
        for s in steps {
            if let Some(text) = &s.print {
                let text = if is_main {
                    literal(&text.get_ref().replace("{name}", "main"))
                } else {
                    f_string_of(text.get_ref(), &SELF_SUBS)
                };
                self.line(&format!("print({text})"));
            } else if let Some(w) = &s.warn {
                let w = w.get_ref();
                if w.contains("currentThread") {
                    self.line("threading.currentThread()  # deprecated since 3.10: it warns, once");
                } else {
                    let text = w.strip_prefix("DeprecationWarning: ").unwrap_or(w);
                    self.line(&format!(
                        "warnings.warn({}, DeprecationWarning)",
                        literal(text)
                    ));
                }
            } else if let Some(l) = &s.acquire {
                let l = self.lock_expr(l.get_ref(), is_main);
                self.line(&format!("{l}.acquire()"));
            } else if let Some(l) = &s.release {
                let l = self.lock_expr(l.get_ref(), is_main);
                self.line(&format!("{l}.release()"));
            } else if let Some(d) = &s.sleep {
                self.line(&format!("time.sleep({} * SCALE)", d.get_ref()));
            } else if let Some(d) = &s.compute {
                self.line(&format!("compute({} * SCALE)", d.get_ref()));
            } else if let Some(c) = &s.increment {
                let id = self.counters[c.get_ref()].clone();
                let times = s.times.as_ref().map_or(1, |t| *t.get_ref());
                let mut body = match &s.call {
                    Some(f) => {
                        format!("{id} = {}({id})", identifier(f.get_ref(), &BTreeSet::new()))
                    }
                    None => format!("{id} += 1"),
                };
                if times > 1 {
                    self.line(&format!("for _ in range({times}):"));
                    self.indent += 1;
                }
                if let Some(l) = &s.lock {
                    let l = self.lock_expr(l.get_ref(), is_main);
                    self.line(&format!("with {l}:"));
                    body.insert_str(0, "    ");
                }
                self.line(&body);
                if times > 1 {
                    self.indent -= 1;
                }
            } else if let Some(c) = &s.report {
                let id = &self.counters[c.get_ref()];
                self.line(&format!(
                    "print({}, {id})",
                    literal(&format!("{} =", c.get_ref()))
                ));
            } else if let Some(class) = &s.spawn {
                if list && !listed {
                    self.line(&format!("{} = []", self.list_name));
                    listed = true;
                }
                self.spawn(raw, s, class.get_ref(), list, &mut made, &mut taken);
            } else if let Some(StartArg::Target(target)) = s.start.as_ref().map(|t| t.get_ref()) {
                let which: Vec<usize> = if target == "all" {
                    (0..made.len()).filter(|&i| !made[i].started).collect()
                } else {
                    made.iter()
                        .position(|m| &m.name == target)
                        .into_iter()
                        .collect()
                };
                self.each(&made, &which, "start", list);
                for i in which {
                    made[i].started = true;
                }
            } else if let Some(target) = &s.join {
                let target = target.get_ref();
                if target == "all" {
                    let which: Vec<usize> = (0..made.len()).filter(|&i| made[i].started).collect();
                    self.each(&made, &which, "join", list);
                } else if let Some(i) = made.iter().position(|m| &m.name == target) {
                    self.each(&made, &[i], "join", list);
                } else {
                    self.line(&format!("join_thread({})", literal(target)));
                }
            }
        }
    }

    /// The lock called `name`: a module global, or (a name made from the
    /// thread's place, `fork {i}`) the one of that name.
    fn lock_expr(&self, name: &str, is_main: bool) -> String {
        match self.locks.get(name) {
            Some(id) => id.clone(),
            None if is_main => format!("lock({})", literal(name)),
            None => format!("lock({})", f_string_of(name, &SELF_SUBS)),
        }
    }

    /// `t.start()` or `t.join()` for the threads `which` of `made`.
    fn each(&mut self, made: &[Made], which: &[usize], method: &str, list: bool) {
        if which.is_empty() {
            return;
        }
        let contiguous = which.windows(2).all(|w| w[1] == w[0] + 1);
        let looped = list && which.len() > 1 && contiguous;
        if looped {
            let (a, b) = (which[0], which[which.len() - 1] + 1);
            let list = self.list_name;
            let range = match (a, b == made.len()) {
                (0, true) => list.to_string(),
                (0, false) => format!("{list}[:{b}]"),
                (a, true) => format!("{list}[{a}:]"),
                (a, false) => format!("{list}[{a}:{b}]"),
            };
            let t = self.var;
            self.line(&format!("for {t} in {range}:"));
            self.line(&format!("    {t}.{method}()"));
        } else {
            for &i in which {
                self.line(&format!("{}.{method}()", made[i].expr));
            }
        }
    }

    fn spawn(
        &mut self,
        raw: &RawScenario,
        s: &RawStep,
        class: &str,
        list: bool,
        made: &mut Vec<Made>,
        taken: &mut BTreeSet<String>,
    ) {
        let cls = raw.classes[class].get_ref();
        let id = self.classes[class].clone();
        let start = !matches!(
            s.start.as_ref().map(|v| v.get_ref()),
            Some(StartArg::Flag(false))
        );
        let pattern = match &s.name {
            Some(n) => n.get_ref().clone(),
            None if s.count.is_some() => format!("{class} {{i}}"),
            None => class.to_string(),
        };
        let mut args = Vec::new();
        match s.daemon.as_ref().map(|d| *d.get_ref()) {
            // Explicit, unless it is what the class says already.
            Some(d) if !(cls.process || d && cls.daemon) => {
                args.push(format!("daemon={}", if d { "True" } else { "False" }))
            }
            _ => {}
        }
        let register = |w: &mut Writer, var: &str| {
            if w.registry {
                w.line(&format!("every_thread[{var}.name] = {var}"));
            }
        };
        match s.count.as_ref().map(|c| *c.get_ref()) {
            Some(count) => {
                let name = f_string(&pattern, "i", "i");
                let mut all = vec![format!("name={name}")];
                let steps: Vec<&RawStep> = cls.run.get_ref().iter().map(|s| s.get_ref()).collect();
                if uses_place(&steps) {
                    all.push(format!("i=i, count={count}"));
                }
                all.extend(args);
                self.line(&format!("for i in range({count}):"));
                self.indent += 1;
                let (t, threads) = (self.var, self.list_name);
                self.line(&format!("{t} = {id}({})", all.join(", ")));
                if list {
                    self.line(&format!("{threads}.append({t})"));
                }
                register(self, t);
                if start {
                    self.line(&format!("{t}.start()"));
                }
                self.indent -= 1;
                for i in 0..count.max(0) as usize {
                    made.push(Made {
                        name: pattern.replace("{i}", &i.to_string()),
                        expr: format!("{}[{}]", self.list_name, made.len()),
                        started: start,
                    });
                }
            }
            None => {
                let var = identifier(&pattern, taken);
                taken.insert(var.clone());
                let mut all = vec![format!("name={}", literal(&pattern))];
                all.extend(args);
                self.line(&format!("{var} = {id}({})", all.join(", ")));
                if list {
                    self.line(&format!("{}.append({var})", self.list_name));
                }
                register(self, &var);
                if start {
                    self.line(&format!("{var}.start()"));
                }
                made.push(Made {
                    name: pattern,
                    expr: var,
                    started: start,
                });
            }
        }
    }
}

/// The names of the threads `s` creates, if it is a spawn.
fn spawned(s: &RawStep) -> Vec<String> {
    let Some(class) = &s.spawn else {
        return Vec::new();
    };
    let count = s.count.as_ref().map(|c| *c.get_ref());
    let pattern = match &s.name {
        Some(n) => n.get_ref().clone(),
        None if count.is_some() => format!("{} {{i}}", class.get_ref()),
        None => class.get_ref().clone(),
    };
    match count {
        None => vec![pattern],
        Some(n) => (0..n.max(0))
            .map(|i| pattern.replace("{i}", &i.to_string()))
            .collect(),
    }
}

/// Does this scope keep a list of the threads it creates? Only when a step
/// starts or joins them all, or one that a loop created.
fn needs_list(steps: &[&RawStep]) -> bool {
    let looped: BTreeSet<String> = steps
        .iter()
        .filter(|s| s.count.is_some())
        .flat_map(|s| spawned(s))
        .collect();
    steps.iter().any(|s| {
        let start = match s.start.as_ref().map(|t| t.get_ref()) {
            Some(StartArg::Target(t)) => Some(t),
            _ => None,
        };
        [start, s.join.as_ref().map(|j| j.get_ref())]
            .into_iter()
            .flatten()
            .any(|t| t == "all" || looped.contains(t))
    })
}

/// Does some step join a thread that the joining thread did not create?
fn foreign_joins(raw: &RawScenario) -> bool {
    let scopes = std::iter::once(raw.main.get_ref())
        .chain(raw.classes.values().map(|c| c.get_ref().run.get_ref()));
    for steps in scopes {
        let mut mine: BTreeSet<String> = BTreeSet::new();
        for s in steps.iter().map(|s| s.get_ref()) {
            mine.extend(spawned(s));
            if let Some(j) = &s.join
                && j.get_ref() != "all"
                && !mine.contains(j.get_ref())
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(toml: &str) -> String {
        to_python(toml, "test").unwrap()
    }

    #[test]
    fn basic_reads_like_the_lesson() {
        let src = super::super::BUILTIN
            .iter()
            .find(|(n, _)| *n == "basic")
            .unwrap()
            .1;
        let p = to_python(src, "basic").unwrap();
        let body = p.split_once("import os").unwrap().1;
        assert_eq!(
            body,
            r#"
import sys
import threading
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))


class Worker(threading.Thread):
    def run(self):
        threading.currentThread()  # deprecated since 3.10: it warns, once
        print(f"sub thread start  {self.name}")
        time.sleep(3 * SCALE)
        print(f"sub thread end    {self.name}")


print("main thread start")
for i in range(5):
    t = Worker(name=f"thread {i}")
    t.start()
print("main thread end")
"#
        );
        assert!(p.starts_with("# basic: the process waits for its threads\n"));
    }

    #[test]
    fn joins_by_name_use_the_variable() {
        let src = super::super::BUILTIN
            .iter()
            .find(|(n, _)| *n == "join")
            .unwrap()
            .1;
        let p = to_python(src, "join").unwrap();
        assert!(p.contains("t1 = Worker(name=\"1\")\nt1.start()\n"), "{p}");
        assert!(
            p.contains("t1.join()\nt2.join()\nprint(\"main thread post job\")"),
            "{p}"
        );
        assert!(!p.contains("every_thread"), "{p}");
    }

    #[test]
    fn counters_and_locks_are_module_globals() {
        let p = py(r#"
main = [
  { spawn = "Racer", count = 2 },
  { join = "all" },
  { report = "my counter" },
]
[classes.Racer]
run = [ { increment = "my counter", times = 10, lock = "the lock" }, { increment = "my counter" } ]
"#);
        assert!(
            p.contains("\nmy_counter = 0\nthe_lock = threading.Lock()\n"),
            "{p}"
        );
        assert!(p.contains(
            "        global my_counter\n        for _ in range(10):\n            with the_lock:\n                my_counter += 1\n        my_counter += 1\n"
        ), "{p}");
        assert!(p.contains("t = Racer(name=f\"Racer {i}\")"), "{p}");
        assert!(
            p.contains("for t in threads:\n    t.join()\nprint(\"my counter =\", my_counter)"),
            "{p}"
        );
        assert!(!p.contains("SCALE"), "nothing timed: {p}");
    }

    #[test]
    fn processes_are_multiprocessing_behind_the_main_guard() {
        let src = super::super::BUILTIN
            .iter()
            .find(|(n, _)| *n == "processes")
            .unwrap()
            .1;
        let p = to_python(src, "processes").unwrap();
        assert!(p.contains("import multiprocessing\n"));
        assert!(!p.contains("import threading"), "{p}");
        assert!(p.contains("class Worker(multiprocessing.Process):"));
        assert!(p.contains("if __name__ == \"__main__\":"));
        assert!(
            p.contains(
                "    for p in processes:\n        p.join()\n    print(\"counter =\", counter)\n"
            ),
            "{p}"
        );
        assert!(p.contains("        compute(0.5 * SCALE)\n"), "{p}");
        assert!(p.contains("def compute(seconds):"));
    }

    #[test]
    fn daemon_flags_follow_the_class_and_the_spawn() {
        let p = py(r#"
main = [
  { spawn = "D", name = "d" },
  { spawn = "D", name = "n", daemon = false },
  { spawn = "W", name = "w", daemon = true },
  { spawn = "W", name = "x", start = false },
  { start = "x" },
  { join = "x" },
]
[classes.D]
daemon = true
run = [ { sleep = 1 } ]
[classes.W]
run = [ { print = "{name} says {hi} \"quoted\" \\ " } ]
"#);
        assert!(p.contains("class D(threading.Thread):\n    def __init__(self, name, daemon=True):\n        super().__init__(name=name, daemon=daemon)\n"), "{p}");
        assert!(p.contains("d = D(name=\"d\")\n"), "{p}");
        assert!(p.contains("n = D(name=\"n\", daemon=False)\n"), "{p}");
        assert!(p.contains("w = W(name=\"w\", daemon=True)\n"), "{p}");
        assert!(
            p.contains("x = W(name=\"x\")\nx.start()\nx.join()\n"),
            "{p}"
        );
        assert!(
            p.contains(r#"print(f"{self.name} says {{hi}} \"quoted\" \\ ")"#),
            "{p}"
        );
    }

    #[test]
    fn a_thread_can_join_a_thread_main_created() {
        let p = py(r#"
main = [ { spawn = "A", name = "a" }, { spawn = "B", name = "b" } ]
[classes.A]
run = [ { sleep = 0.1 } ]
[classes.B]
run = [ { join = "a" }, { print = "a is done" } ]
"#);
        assert!(p.contains("every_thread = {}"), "{p}");
        assert!(p.contains("every_thread[a.name] = a"), "{p}");
        assert!(p.contains("        join_thread(\"a\")\n"), "{p}");
        assert!(p.contains("def join_thread(name):"), "{p}");
        assert!(p.contains("import time\n"), "{p}");
    }

    #[test]
    fn names_that_are_not_identifiers_are_made_into_ones() {
        let taken = BTreeSet::from(["x".to_string()]);
        assert_eq!(identifier("thread 0", &taken), "thread_0");
        assert_eq!(identifier("1", &taken), "t1");
        assert_eq!(identifier("class", &taken), "class_");
        assert_eq!(identifier("x", &taken), "x_");
        assert_eq!(f_string("a {i} {b}", "i", "i"), "f\"a {i} {{b}}\"");
        assert_eq!(f_string("no key", "i", "i"), "\"no key\"");
    }

    #[test]
    fn a_bad_scenario_has_no_program() {
        let e = to_python("main = [\n  { join = \"nobody\" },\n]\n", "bad.toml").unwrap_err();
        assert_eq!((e.origin.as_str(), e.line, e.col), ("bad.toml", 2, 12));
        assert!(to_python("main = 3", "x").is_err());
    }

    #[test]
    fn every_built_in_has_a_program() {
        for (name, src) in super::super::BUILTIN {
            let p = to_python(src, name).unwrap();
            assert!(p.ends_with('\n') && !p.contains("\n\n\n\n"), "{name}:\n{p}");
        }
    }
}
