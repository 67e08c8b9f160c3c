//! Turn a parsed scenario into a [`Program`], checking everything that can
//! go wrong before a single thread starts.

use std::collections::HashMap;
use std::ops::Range;

use super::error::ScenarioError;
use super::program::{Counter, Program, Step, ThreadSpec};
use super::raw::{RawScenario, RawStep, StartArg};
use crate::event::{MAIN, ThreadId, secs};
use crate::i18n::{Arg, Msg};
use crate::msg;
use toml::Spanned;

/// Command-line changes applied while compiling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Set the daemon flag of every worker.
    pub daemon: Option<bool>,
    /// Replace the count of every spawn that has one.
    pub workers: Option<u32>,
    /// Force the GIL on or off.
    pub gil: Option<bool>,
}

/// The most threads one scenario may create.
pub const MAX_THREADS: usize = 10_000;
/// The longest single sleep or compute, in seconds.
pub const MAX_SECONDS: f64 = 3600.0;
/// The most `times` one `increment` step may have.
pub const MAX_TIMES: u32 = 1_000_000;

/// A step before names are resolved, with its place in the file.
enum Pending {
    Ready(Step),
    Start(Spanned<String>),
    Join(Spanned<String>),
}

struct Instance {
    spec: ThreadSpec,
    /// The class whose steps it runs (None: main).
    class: Option<String>,
    steps: Vec<(Pending, Range<usize>)>,
}

struct Compiler<'a> {
    counters: Vec<Counter>,
    locks: Vec<String>,
    origin: &'a str,
    source: &'a str,
    raw: &'a RawScenario,
    ov: Overrides,
    threads: Vec<Instance>,
    names: HashMap<String, ThreadId>,
}

type Result<T> = std::result::Result<T, ScenarioError>;

/// Parse and compile scenario text. `origin` names it in errors.
pub fn compile_str(name: &str, origin: &str, source: &str, ov: Overrides) -> Result<Program> {
    compile(name, None, origin, source, ov)
}

/// Compile a scenario; `builtin` is its id when it is a built-in (its
/// words are then said in any language).
pub(super) fn compile(
    name: &str,
    builtin: Option<&str>,
    origin: &str,
    source: &str,
    ov: Overrides,
) -> Result<Program> {
    let raw: RawScenario = toml::from_str(source).map_err(|e| {
        let detail = e.message().trim().to_string();
        ScenarioError::at(
            origin,
            source,
            e.span(),
            msg!("scenario-toml", detail = detail),
        )
    })?;
    Compiler {
        counters: Vec::new(),
        locks: Vec::new(),
        origin,
        source,
        raw: &raw,
        ov,
        threads: Vec::new(),
        names: HashMap::new(),
    }
    .run(name, builtin)
}

impl Compiler<'_> {
    fn counter(&mut self, name: &str) -> usize {
        if let Some(i) = self.counters.iter().position(|c| c.name == name) {
            return i;
        }
        self.counters.push(Counter {
            name: name.to_string(),
            expected: 0,
        });
        self.counters.len() - 1
    }

    fn lock(&mut self, name: &str) -> usize {
        if let Some(i) = self.locks.iter().position(|l| l == name) {
            return i;
        }
        self.locks.push(name.to_string());
        self.locks.len() - 1
    }

    fn err(&self, span: Range<usize>, msg: Msg) -> ScenarioError {
        ScenarioError::at(self.origin, self.source, Some(span), msg)
    }

    fn run(mut self, name: &str, builtin: Option<&str>) -> Result<Program> {
        self.threads.push(Instance {
            spec: ThreadSpec {
                name: "main".into(),
                daemon: false,
                parent: None,
                process: false,
                steps: Vec::new(),
            },
            class: None,
            steps: Vec::new(),
        });
        self.names.insert("main".into(), MAIN);
        for (class, c) in &self.raw.classes {
            if c.get_ref().run.get_ref().is_empty() {
                return Err(self.err(
                    c.get_ref().run.span(),
                    msg!("scenario-empty-run", class = class),
                ));
            }
        }
        // Expand breadth first, so that ids follow creation order level by level.
        let mut next = 0;
        while next < self.threads.len() {
            self.expand(next as ThreadId)?;
            next += 1;
        }
        let mut threads = Vec::with_capacity(self.threads.len());
        let resolved: Vec<Vec<(Step, Range<usize>)>> = (0..self.threads.len())
            .map(|i| self.resolve(i as ThreadId))
            .collect::<Result<_>>()?;
        self.check_starts(&resolved)?;
        let names: Vec<String> = self.threads.iter().map(|t| t.spec.name.clone()).collect();
        check_joins_return(&resolved, &names).map_err(|(span, msg)| self.err(span, msg))?;
        for (inst, steps) in self.threads.into_iter().zip(resolved) {
            let mut spec = inst.spec;
            spec.steps = steps.into_iter().map(|(s, _)| s).collect();
            threads.push(spec);
        }
        let raw = self.raw;
        Ok(Program {
            name: name.to_string(),
            words: super::Words {
                builtin: builtin.map(String::from),
                title: raw.title.clone().unwrap_or_else(|| name.to_string()),
                summary: raw.summary.clone().unwrap_or_default(),
                note: raw.note.clone(),
            },
            gil: self.ov.gil.or(raw.gil).unwrap_or(false),
            threads,
            counters: std::mem::take(&mut self.counters),
            locks: std::mem::take(&mut self.locks),
        })
    }

    fn expand(&mut self, id: ThreadId) -> Result<()> {
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
        let s = step.get_ref();
        let kinds: Vec<&str> = [
            ("print", s.print.is_some()),
            ("sleep", s.sleep.is_some()),
            ("compute", s.compute.is_some()),
            ("spawn", s.spawn.is_some()),
            ("join", s.join.is_some()),
            ("increment", s.increment.is_some()),
            ("report", s.report.is_some()),
        ]
        .into_iter()
        .filter(|(_, set)| *set)
        .map(|(k, _)| k)
        .collect();
        let standalone_start = matches!(
            s.start.as_ref().map(|v| v.get_ref()),
            Some(StartArg::Target(_))
        );
        let n_kinds = kinds.len() + usize::from(standalone_start);
        if n_kinds == 0 {
            return Err(self.err(span, msg!("scenario-no-kind")));
        }
        if n_kinds > 1 {
            let mut all = kinds.clone();
            if standalone_start {
                all.push("start");
            }
            let both = all[1..].iter().fold(Arg::from(all[0]), |a, b| {
                Arg::from(msg!("scenario-and", a = a, b = *b))
            });
            return Err(self.err(span, msg!("scenario-two-kinds", kinds = both)));
        }
        if s.spawn.is_none() {
            let extra = [
                ("count", s.count.as_ref().map(|v| v.span())),
                ("name", s.name.as_ref().map(|v| v.span())),
                ("daemon", s.daemon.as_ref().map(|v| v.span())),
            ];
            if let Some((k, Some(sp))) = extra.into_iter().find(|(_, sp)| sp.is_some()) {
                return Err(self.err(sp, msg!("scenario-spawn-only", field = k)));
            }
            if let Some(StartArg::Flag(_)) = s.start.as_ref().map(|v| v.get_ref()) {
                let sp = s.start.as_ref().map(|v| v.span()).unwrap_or(span.clone());
                return Err(self.err(sp, msg!("scenario-start-flag")));
            }
        }
        if s.increment.is_none() {
            let extra = [
                ("times", s.times.as_ref().map(|v| v.span())),
                ("lock", s.lock.as_ref().map(|v| v.span())),
            ];
            if let Some((k, Some(sp))) = extra.into_iter().find(|(_, sp)| sp.is_some()) {
                return Err(self.err(sp, msg!("scenario-increment-only", field = k)));
            }
        }
        let me = self.threads[id as usize].spec.name.clone();
        if self.threads[id as usize].spec.process {
            let threads = [
                s.spawn.as_ref().map(|v| v.span()),
                s.join.as_ref().map(|v| v.span()),
                s.start.as_ref().map(|v| v.span()),
            ];
            if let Some(sp) = threads.into_iter().flatten().next() {
                return Err(self.err(sp, msg!("error-process-one-thread")));
            }
        }
        if let Some(p) = &s.print {
            out.push((
                Pending::Ready(Step::Print(p.get_ref().replace("{name}", &me))),
                span,
            ));
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
            let lock = s.lock.as_ref().map(|l| self.lock(l.get_ref()));
            out.push((
                Pending::Ready(Step::Increment {
                    counter,
                    times,
                    lock,
                }),
                span,
            ));
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
            return Err(self.err(d.span(), msg!("scenario-negative", value = v.to_string())));
        }
        if v > MAX_SECONDS {
            return Err(self.err(
                d.span(),
                msg!(
                    "scenario-too-long",
                    value = v.to_string(),
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
                if !(0..=MAX_THREADS as i64).contains(&v) {
                    return Err(self.err(
                        c.span(),
                        msg!(
                            "scenario-count",
                            max = MAX_THREADS.to_string(),
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
        let creator_daemon = self.threads[parent as usize].spec.daemon;
        let daemon = s
            .daemon
            .as_ref()
            .map(|d| *d.get_ref())
            .or(Some(cls.get_ref().daemon).filter(|d| *d))
            .unwrap_or(creator_daemon);
        let process = cls.get_ref().process;
        let daemon = if process {
            if daemon {
                let sp = s.daemon.as_ref().map_or(class.span(), |d| d.span());
                return Err(self.err(sp, msg!("error-process-daemon", class = class.get_ref())));
            }
            // --daemon/--no-daemon is about threads.
            false
        } else {
            self.ov.daemon.unwrap_or(daemon)
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
                },
                class: Some(class.get_ref().clone()),
                steps: Vec::new(),
            });
            out.push((Pending::Ready(Step::Create(id)), span.clone()));
            if start {
                out.push((Pending::Ready(Step::Start(id)), span.clone()));
            }
        }
        Ok(())
    }

    /// Resolve names to ids; `all` means every thread this one created
    /// (for start: not yet started; for join: started).
    fn resolve(&self, id: ThreadId) -> Result<Vec<(Step, Range<usize>)>> {
        let mut out = Vec::new();
        let mut created: Vec<ThreadId> = Vec::new();
        let mut started: Vec<ThreadId> = Vec::new();
        for (p, span) in &self.threads[id as usize].steps {
            match p {
                Pending::Ready(step) => {
                    match step {
                        Step::Create(t) => created.push(*t),
                        Step::Start(t) => started.push(*t),
                        _ => {}
                    }
                    out.push((step.clone(), span.clone()));
                }
                Pending::Start(name) => {
                    let targets = if name.get_ref() == "all" {
                        created
                            .iter()
                            .copied()
                            .filter(|t| !started.contains(t))
                            .collect()
                    } else {
                        vec![self.lookup(name)?]
                    };
                    for t in targets {
                        if !created.contains(&t) {
                            return Err(self.err(
                                name.span(),
                                msg!("scenario-start-foreign", name = name.get_ref()),
                            ));
                        }
                        if started.contains(&t) {
                            return Err(self.err(
                                name.span(),
                                msg!("scenario-started-twice", name = self.name(t)),
                            ));
                        }
                        started.push(t);
                        out.push((Step::Start(t), name.span()));
                    }
                }
                Pending::Join(name) => {
                    let targets = if name.get_ref() == "all" {
                        started.clone()
                    } else {
                        vec![self.lookup(name)?]
                    };
                    for t in targets {
                        if t == id {
                            return Err(self.err(name.span(), msg!("scenario-join-self")));
                        }
                        if t == MAIN {
                            return Err(self.err(name.span(), msg!("scenario-join-main")));
                        }
                        out.push((Step::Join(t), name.span()));
                    }
                }
            }
        }
        Ok(out)
    }

    fn lookup(&self, name: &Spanned<String>) -> Result<ThreadId> {
        self.names.get(name.get_ref()).copied().ok_or_else(|| {
            let mut known: Vec<&str> = self.names.keys().map(String::as_str).collect();
            known.sort_unstable();
            known.truncate(12);
            self.err(
                name.span(),
                msg!(
                    "scenario-no-such-thread",
                    name = name.get_ref(),
                    known = known.join(", ")
                ),
            )
        })
    }

    fn name(&self, id: ThreadId) -> &str {
        &self.threads[id as usize].spec.name
    }

    /// Every created thread that somebody joins must be started somewhere.
    fn check_starts(&self, resolved: &[Vec<(Step, Range<usize>)>]) -> Result<()> {
        let started: std::collections::HashSet<ThreadId> = resolved
            .iter()
            .flatten()
            .filter_map(|(s, _)| {
                if let Step::Start(t) = s {
                    Some(*t)
                } else {
                    None
                }
            })
            .collect();
        for (s, span) in resolved.iter().flatten() {
            if let Step::Join(t) = s
                && !started.contains(t)
            {
                return Err(self.err(
                    span.clone(),
                    msg!("scenario-never-started", name = self.name(*t)),
                ));
            }
        }
        Ok(())
    }
}

/// Run the program without time: every join must eventually return.
fn check_joins_return(
    threads: &[Vec<(Step, Range<usize>)>],
    names: &[String],
) -> std::result::Result<(), (Range<usize>, Msg)> {
    let n = threads.len();
    let mut pc = vec![0usize; n];
    let mut started = vec![false; n];
    let mut done = vec![false; n];
    started[0] = true;
    loop {
        let mut progress = false;
        for i in 0..n {
            if !started[i] || done[i] {
                continue;
            }
            while let Some((step, _)) = threads[i].get(pc[i]) {
                match step {
                    Step::Start(t) => started[*t as usize] = true,
                    Step::Join(t) if !done[*t as usize] => break,
                    _ => {}
                }
                pc[i] += 1;
                progress = true;
            }
            if pc[i] == threads[i].len() {
                done[i] = true;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    let Some(stuck) = (0..n).find(|&i| started[i] && !done[i]) else {
        return Ok(());
    };
    let span = threads[stuck][pc[stuck]].1.clone();
    // Follow who waits for whom, to say why.
    let mut chain = vec![stuck];
    let mut cur = stuck;
    while let Some((Step::Join(t), _)) = threads[cur].get(pc[cur]) {
        let t = *t as usize;
        if chain.contains(&t) || !started[t] {
            chain.push(t);
            break;
        }
        chain.push(t);
        cur = t;
    }
    Err((span, describe_chain(&chain, &started, names)))
}

fn describe_chain(chain: &[usize], started: &[bool], names: &[String]) -> Msg {
    let last = *chain.last().unwrap_or(&0);
    let ids: Vec<String> = chain.iter().map(|&i| format!("`{}`", names[i])).collect();
    let chain = ids[1..].iter().fold(Arg::from(&ids[0]), |a, b| {
        Arg::from(msg!("scenario-waits-for", a = a, b = b))
    });
    if started[last] {
        msg!("scenario-join-cycle", chain = chain)
    } else {
        msg!("scenario-join-stuck", chain = chain)
    }
}
