//! The statements of one thread's steps: spawns, starts, joins, locks.

use std::collections::BTreeSet;

use super::*;

impl Writer {
    /// The statements of one thread's steps.
    pub(super) fn scope(
        &mut self,
        raw: &RawScenario,
        spanned: &[&Spanned<RawStep>],
        is_main: bool,
    ) {
        let steps: Vec<&RawStep> = spanned.iter().map(|s| s.get_ref()).collect();
        let steps = steps.as_slice();
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
        let mut taken = self.taken.clone();
        for (k, s) in steps.iter().enumerate() {
            let (first, from) = (self.written, self.out.len());
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
                    Some(f) => format!("{id} = {}({id})", self.calls[f.get_ref()]),
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
            self.site(spanned[k], first, from);
        }
    }

    /// Say where the step just written (from line `first` + 1, byte
    /// `from` of the program) went: the line of its call (a start's, a
    /// join's, else the last one: an update's body), and an update's
    /// `with` line, where it waits for its lock.
    fn site(&mut self, step: &Spanned<RawStep>, first: u32, from: usize) {
        let lines: Vec<&str> = self.out[from..].lines().map(str::trim).collect();
        let Some(last) = lines.len().checked_sub(1) else {
            return;
        };
        let s = step.get_ref();
        let call = |l: &&str| {
            l.ends_with(".start()") || l.ends_with(".join()") || l.starts_with("join_thread(")
        };
        let k = if s.spawn.is_some() || s.start.is_some() || s.join.is_some() {
            lines.iter().position(call)
        } else {
            None
        };
        // A spawn not started: its thread's creation (not a loop's head).
        let k = k.unwrap_or_else(|| {
            if s.spawn.is_some() {
                let made = |l: &&str| !l.ends_with(':') && !l.ends_with("= []");
                lines.iter().position(made).unwrap_or(last)
            } else {
                last
            }
        });
        let lock = s
            .lock
            .as_ref()
            .and_then(|_| lines.iter().position(|l| l.starts_with("with ")));
        let at = |i: usize| first + 1 + i as u32;
        let mut offsets = vec![step.span().start];
        if let Some(StartArg::Target(_)) = s.start.as_ref().map(|t| t.get_ref()) {
            offsets.extend(s.start.as_ref().map(|t| t.span().start));
        }
        offsets.extend(s.join.as_ref().map(|j| j.span().start));
        for o in offsets {
            self.sites.push((o, at(k), lock.map(at)));
        }
    }

    /// The lock called `name`: a module global, or (a name made from the
    /// thread's place, `fork {i}`) the one of that name.
    pub(super) fn lock_expr(&self, name: &str, is_main: bool) -> String {
        match self.locks.get(name) {
            Some(id) => id.clone(),
            None if is_main => format!("lock({})", literal(name)),
            None => format!("lock({})", f_string_of(name, &SELF_SUBS)),
        }
    }

    /// `t.start()` or `t.join()` for the threads `which` of `made`.
    pub(super) fn each(&mut self, made: &[Made], which: &[usize], method: &str, list: bool) {
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

    pub(super) fn spawn(
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
                // One thread, at place 0 (as `{i}` is in its run).
                let pattern = pattern.replace("{i}", "0");
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
pub(super) fn spawned(s: &RawStep) -> Vec<String> {
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
        None => vec![pattern.replace("{i}", "0")],
        Some(n) => (0..n.max(0))
            .map(|i| pattern.replace("{i}", &i.to_string()))
            .collect(),
    }
}

/// Does this scope keep a list of the threads it creates? Only when a step
/// starts or joins them all, or one that a loop created.
pub(super) fn needs_list(steps: &[&RawStep]) -> bool {
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
pub(super) fn foreign_joins(raw: &RawScenario) -> bool {
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
