//! Expanding a scenario's steps: every step checked and turned into the
//! runtime's steps, every `spawn` into its thread instances.

use std::ops::Range;

use toml::Spanned;

use super::compile::{Compiler, Instance, Pending, Result};
use super::compile::{MAX_STEPS, MAX_TEXT};
use super::program::{Step, ThreadSpec};
use super::raw::{RawStep, StartArg};
use crate::event::{ThreadId, secs};
use crate::i18n::Arg;
use crate::msg;
use crate::scenario::{MAX_SECONDS, MAX_THREADS, MAX_TIMES};

/// The first of a step's `fields` that it gives: the field's name and
/// where in the file it is.
macro_rules! first_given {
    ($step:ident, $($field:ident),*) => {
        [$((stringify!($field), $step.$field.as_ref().map(|v| v.span()))),*]
            .into_iter()
            .find_map(|(field, at)| Some((field, at?)))
    };
}

/// A number as a person reads it: `1e308`, not 309 digits.
fn number(v: f64) -> String {
    if v != 0.0 && !(1e-4..1e16).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

impl Compiler<'_> {
    /// `text` for thread `id`: `{name}` its name, `{i}` its place in the
    /// spawn that made it, `{next}` the next place round (`(i + 1) % count`).
    /// Within the budget of text (see [`MAX_TEXT`]): its size is known
    /// before any of it is made.
    fn subst(&mut self, id: ThreadId, text: &Spanned<String>) -> Result<String> {
        let inst = &self.threads[id as usize];
        let raw = text.get_ref();
        let grows = |key: &str, by: usize| raw.matches(key).count() * by.saturating_sub(key.len());
        let digits = inst
            .index
            .map_or(0, |(_, count)| count.max(1).to_string().len());
        let size = raw
            .len()
            .saturating_add(grows("{name}", inst.spec.name.len()))
            .saturating_add(grows("{i}", digits))
            .saturating_add(grows("{next}", digits));
        if size > self.budget.text {
            let max = format!("{} MiB", MAX_TEXT >> 20);
            return Err(self.err(text.span(), msg!("scenario-text-budget", max = max)));
        }
        self.budget.text -= size;
        let inst = &self.threads[id as usize];
        let text = raw;
        let mut out = text.replace("{name}", &inst.spec.name);
        if let Some((i, count)) = inst.index {
            out = out
                .replace("{i}", &i.to_string())
                .replace("{next}", &((i + 1) % count.max(1)).to_string());
        }
        Ok(out)
    }

    pub(super) fn expand(&mut self, id: ThreadId) -> Result<()> {
        let raw = self.raw;
        let steps = match &self.threads[id as usize].class {
            None => &raw.main,
            Some(class) => &raw.classes[class].get_ref().run,
        };
        let mut out = Vec::new();
        for step in steps.get_ref() {
            self.expand_step(id, step, &mut out)?;
        }
        self.threads[id as usize].steps = out;
        Ok(())
    }

    fn expand_step(
        &mut self,
        id: ThreadId,
        step: &Spanned<RawStep>,
        out: &mut Vec<(Pending, Range<usize>)>,
    ) -> Result<()> {
        let span = step.span();
        if self.budget.steps == 0 {
            let max = MAX_STEPS.to_string();
            return Err(self.err(span, msg!("scenario-step-budget", max = max)));
        }
        self.budget.steps -= 1;
        let s = step.get_ref();
        let kinds = s.kinds();
        if kinds.is_empty() {
            let all = RawStep::all_kinds().join(", ");
            return Err(self.err(span, msg!("scenario-no-kind", kinds = all)));
        }
        if kinds.len() > 1 {
            let both = kinds[1..].iter().fold(Arg::from(kinds[0]), |a, b| {
                Arg::from(msg!("scenario-and", a = a, b = *b))
            });
            return Err(self.err(span, msg!("scenario-two-kinds", kinds = both)));
        }
        if s.spawn.is_none() {
            if let Some((k, sp)) = first_given!(s, count, name, daemon) {
                return Err(self.err(sp, msg!("scenario-spawn-only", field = k)));
            }
            if let Some(StartArg::Flag(_)) = s.start.as_ref().map(|v| v.get_ref()) {
                let sp = s.start.as_ref().map(|v| v.span()).unwrap_or(span.clone());
                return Err(self.err(sp, msg!("scenario-start-flag")));
            }
        }
        if s.increment.is_none()
            && let Some((k, sp)) = first_given!(s, times, lock, call)
        {
            return Err(self.err(sp, msg!("scenario-increment-only", field = k)));
        }
        if self.threads[id as usize].spec.process
            && let Some((_, sp)) = first_given!(s, spawn, join, start)
        {
            return Err(self.err(sp, msg!("error-process-one-thread")));
        }
        if let Some(p) = &s.print {
            out.push((Pending::Ready(Step::Print(self.subst(id, p)?)), span));
        } else if let Some(d) = &s.sleep {
            out.push((Pending::Ready(Step::Sleep(self.duration(d)?)), span));
        } else if let Some(d) = &s.compute {
            out.push((Pending::Ready(Step::Compute(self.duration(d)?)), span));
        } else if let Some((t, StartArg::Target(name))) = s.start.as_ref().map(|t| (t, t.get_ref()))
        {
            // `start = "NAME"` (a `start = false` belongs to the spawn below).
            out.push((Pending::Start(Spanned::new(t.span(), name.clone())), span));
        } else if let Some(j) = &s.join {
            out.push((Pending::Join(j.clone()), span));
        } else if let Some(c) = &s.increment {
            let times = match &s.times {
                None => 1,
                Some(t) if (1..=i64::from(MAX_TIMES)).contains(t.get_ref()) => *t.get_ref() as u32,
                Some(t) => {
                    return Err(self.err(
                        t.span(),
                        msg!("scenario-times", times = t.get_ref().to_string()),
                    ));
                }
            };
            let counter = self.counter(c.get_ref());
            self.counters[counter].expected += i64::from(times);
            let lock = match &s.lock {
                Some(l) => {
                    let name = self.subst(id, l)?;
                    Some(self.lock(&name))
                }
                None => None,
            };
            out.push((
                Pending::Ready(Step::Increment {
                    counter,
                    times,
                    lock,
                    call: s.call.is_some(),
                }),
                span,
            ));
        } else if let Some(l) = &s.acquire {
            let name = self.subst(id, l)?;
            let lock = self.lock(&name);
            out.push((Pending::Ready(Step::Acquire(lock)), span));
        } else if let Some(l) = &s.release {
            let name = self.subst(id, l)?;
            let lock = self.lock(&name);
            out.push((Pending::Ready(Step::Release(lock)), span));
        } else if let Some(w) = &s.warn {
            let text = w.get_ref().clone();
            let lock = self.lock(super::program::WARNINGS_LOCK);
            out.push((Pending::Ready(Step::Warn { text, lock }), span));
        } else if let Some(c) = &s.report {
            let counter = self.counter(c.get_ref());
            out.push((Pending::Ready(Step::Report(counter)), span));
        } else if let Some(class) = &s.spawn {
            self.expand_spawn(id, s, class, span, out)?;
        }
        Ok(())
    }

    fn duration(&self, d: &Spanned<f64>) -> Result<u64> {
        let v = *d.get_ref();
        if !v.is_finite() || v < 0.0 {
            return Err(self.err(d.span(), msg!("scenario-negative", value = number(v))));
        }
        if v > MAX_SECONDS {
            return Err(self.err(
                d.span(),
                msg!(
                    "scenario-too-long",
                    value = number(v),
                    max = MAX_SECONDS.to_string()
                ),
            ));
        }
        Ok(secs(v))
    }

    fn expand_spawn(
        &mut self,
        parent: ThreadId,
        s: &RawStep,
        class: &Spanned<String>,
        span: Range<usize>,
        out: &mut Vec<(Pending, Range<usize>)>,
    ) -> Result<()> {
        let raw = self.raw;
        let Some(cls) = raw.classes.get(class.get_ref()) else {
            let known: Vec<&str> = raw.classes.keys().map(String::as_str).collect();
            let hint = if known.is_empty() {
                msg!("scenario-no-classes")
            } else {
                msg!("scenario-known-classes", known = known.join(", "))
            };
            return Err(self.err(
                class.span(),
                msg!(
                    "scenario-unknown-class",
                    class = class.get_ref(),
                    hint = hint
                ),
            ));
        };
        let count = match &s.count {
            None => 1,
            Some(c) => {
                let v = *c.get_ref();
                // Main is one of the threads.
                if !(0..MAX_THREADS as i64).contains(&v) {
                    return Err(self.err(
                        c.span(),
                        msg!(
                            "scenario-count",
                            max = (MAX_THREADS - 1).to_string(),
                            count = v.to_string()
                        ),
                    ));
                }
                self.ov.workers.map_or(v as usize, |w| w as usize)
            }
        };
        let pattern = match &s.name {
            Some(n) => n.get_ref().clone(),
            None if s.count.is_some() => format!("{} {{i}}", class.get_ref()),
            None => class.get_ref().clone(),
        };
        let name_span = s.name.as_ref().map_or(class.span(), |n| n.span());
        if pattern.contains('\0') {
            return Err(self.err(name_span, msg!("scenario-name-nul")));
        }
        if pattern.is_empty() {
            return Err(self.err(name_span, msg!("scenario-name-empty")));
        }
        if s.count.is_some() && count > 1 && !pattern.contains("{i}") {
            return Err(self.err(
                name_span,
                msg!("scenario-same-name", count = count, pattern = &pattern),
            ));
        }
        let start = !matches!(
            s.start.as_ref().map(|v| v.get_ref()),
            Some(StartArg::Flag(false))
        );
        let asked = s
            .daemon
            .as_ref()
            .map(|d| *d.get_ref())
            .or(Some(cls.get_ref().daemon).filter(|d| *d));
        let process = cls.get_ref().process;
        let daemon = if process {
            // A process is a daemon only when asked (`Process(daemon=True)`):
            // it inherits the flag of the process that makes it, not of the
            // thread (a daemon thread's child process is not one).
            if asked == Some(true) {
                let sp = s.daemon.as_ref().map_or(class.span(), |d| d.span());
                return Err(self.err(sp, msg!("error-process-daemon", class = class.get_ref())));
            }
            // --daemon/--no-daemon is about threads.
            false
        } else {
            // A thread inherits its creator's flag unless told.
            let daemon = asked.unwrap_or(self.threads[parent as usize].spec.daemon);
            let d = self.ov.daemon.unwrap_or(daemon);
            self.daemon_changed |= d != daemon;
            d
        };
        for i in 0..count {
            if self.threads.len() >= MAX_THREADS {
                return Err(self.err(
                    class.span(),
                    msg!("scenario-too-many", max = MAX_THREADS.to_string()),
                ));
            }
            let name = pattern.replace("{i}", &i.to_string());
            let id = self.threads.len() as ThreadId;
            if self.names.insert(name.clone(), id).is_some() {
                return Err(self.err(name_span.clone(), msg!("scenario-duplicate", name = &name)));
            }
            self.threads.push(Instance {
                spec: ThreadSpec {
                    name,
                    daemon,
                    parent: Some(parent),
                    process,
                    steps: Vec::new(),
                    lines: Vec::new(),
                },
                class: Some(class.get_ref().clone()),
                index: Some((i, count)),
                steps: Vec::new(),
            });
            out.push((Pending::Ready(Step::Create(id)), span.clone()));
            if start {
                out.push((Pending::Ready(Step::Start(id)), span.clone()));
            }
        }
        Ok(())
    }
}
