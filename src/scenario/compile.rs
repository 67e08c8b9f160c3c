//! Turn a parsed scenario into a [`Program`], checking everything that can
//! go wrong before a single thread starts.

use std::collections::HashMap;
use std::ops::Range;

use super::error::ScenarioError;
use super::interpreter::Python;
use super::program::{Counter, Program, Step, ThreadSpec};
use super::raw::RawScenario;
use crate::event::{MAIN, ThreadId};
use crate::i18n::Msg;
use crate::msg;
use toml::Spanned;

/// Command-line changes applied while compiling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Set the daemon flag of every worker.
    pub daemon: Option<bool>,
    /// Replace the count of every spawn that has one.
    pub workers: Option<u32>,
    /// Force the GIL on or off (without `python`: 3.13 or 3.13t).
    pub gil: Option<bool>,
    /// The interpreter to model.
    pub python: Option<Python>,
}

/// The most threads one scenario may create.
pub const MAX_THREADS: usize = 100_000;
/// The longest single sleep or compute, in seconds.
pub const MAX_SECONDS: f64 = 3600.0;
/// The most `times` one `increment` step may have.
pub const MAX_TIMES: u32 = 1_000_000;
/// The most steps a scenario may expand to, all threads together.
pub const MAX_STEPS: usize = 1_000_000;
/// The most printed text (and lock names) a scenario may expand to, in
/// bytes, all threads together, once `{name}`, `{i}` and `{next}` are put in.
pub const MAX_TEXT: usize = 16 << 20;
/// The largest scenario file read, in bytes.
pub const MAX_FILE: u64 = 1 << 20;

/// What is left of a scenario's expansion budget.
pub(super) struct Budget {
    pub(super) steps: usize,
    pub(super) text: usize,
}

/// A step before names are resolved, with its place in the file.
pub(super) enum Pending {
    Ready(Step),
    Start(Spanned<String>),
    Join(Spanned<String>),
}

pub(super) struct Instance {
    pub(super) spec: ThreadSpec,
    /// The class whose steps it runs (None: main).
    pub(super) class: Option<String>,
    /// Its place in the spawn that made it, and how many that spawn made.
    pub(super) index: Option<(usize, usize)>,
    pub(super) steps: Vec<(Pending, Range<usize>)>,
}

pub(super) struct Compiler<'a> {
    pub(super) counters: Vec<Counter>,
    pub(super) locks: Vec<String>,
    pub(super) origin: &'a str,
    pub(super) source: &'a str,
    pub(super) raw: &'a RawScenario,
    pub(super) ov: Overrides,
    pub(super) threads: Vec<Instance>,
    pub(super) names: HashMap<String, ThreadId>,
    /// `--daemon`/`--no-daemon` changed some thread's flag.
    pub(super) daemon_changed: bool,
    pub(super) budget: Budget,
}

pub(super) type Result<T> = std::result::Result<T, ScenarioError>;

/// Where each line of a text starts, to say a byte offset's line.
pub(super) struct Lines(Vec<usize>);

impl Lines {
    pub(super) fn of(source: &str) -> Lines {
        Lines(source.match_indices('\n').map(|(i, _)| i).collect())
    }

    /// The line (from 1) of byte `offset`.
    pub(super) fn of_offset(&self, offset: usize) -> u32 {
        let before = self.0.partition_point(|&nl| nl < offset);
        u32::try_from(before + 1).unwrap_or(u32::MAX)
    }
}

/// Parse and compile scenario text. `origin` names it in errors.
/// The versions a scenario can model, for error messages.
fn python_names() -> String {
    let names: Vec<&str> = Python::ALL.iter().map(|p| p.name()).collect();
    names.join(", ")
}

/// The start of the key (or table header) with the most dots, when the
/// parser gives up on one without saying where (it stops following dotted
/// keys at some depth).
fn deepest_key(source: &str) -> Option<Range<usize>> {
    let mut best: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        let key = body.split(['=', ']']).next().unwrap_or("");
        // Dots outside quotes.
        let mut quote = None;
        let dots = key
            .chars()
            .filter(|&c| {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    _ => {}
                }
                quote.is_none() && c == '.'
            })
            .count();
        if dots > best.map_or(0, |(d, _)| d) {
            best = Some((dots, offset + lead));
        }
        offset += line.len();
    }
    best.map(|(_, at)| at..at + 1)
}

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
        // The parser says where, but not for a key too deep to follow.
        let span = e.span().or_else(|| deepest_key(source));
        ScenarioError::at(origin, source, span, msg!("scenario-toml", detail = detail))
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
        daemon_changed: false,
        budget: Budget {
            steps: MAX_STEPS,
            text: MAX_TEXT,
        },
    }
    .run(name, builtin)
}

impl Compiler<'_> {
    pub(super) fn counter(&mut self, name: &str) -> usize {
        if let Some(i) = self.counters.iter().position(|c| c.name == name) {
            return i;
        }
        self.counters.push(Counter {
            name: name.to_string(),
            expected: 0,
        });
        self.counters.len() - 1
    }

    pub(super) fn lock(&mut self, name: &str) -> usize {
        if let Some(i) = self.locks.iter().position(|l| l == name) {
            return i;
        }
        self.locks.push(name.to_string());
        self.locks.len() - 1
    }

    /// The words that hold for the program as it runs: its own, or those
    /// of the variant the overrides make of it (none but a title that says
    /// how it runs when the file has no words for that variant).
    fn words(&self, name: &str, builtin: Option<&str>, python: Python) -> Result<super::Words> {
        let raw = self.raw;
        for (key, v) in &raw.variants {
            if !super::program::VARIANTS.contains(&key.as_str()) {
                return Err(self.err(
                    v.span(),
                    msg!(
                        "scenario-variant",
                        variant = key,
                        known = super::program::VARIANTS.join(", ")
                    ),
                ));
            }
        }
        let mut changed: Vec<&str> = Vec::new();
        if self.daemon_changed {
            changed.push(if self.ov.daemon == Some(true) {
                "daemon"
            } else {
                "no-daemon"
            });
        }
        let written_gil = match &raw.python {
            Some(v) => Python::parse(v.get_ref()).is_none_or(Python::gil),
            None => raw.gil.as_ref().is_none_or(|g| *g.get_ref()),
        };
        if python.gil() != written_gil {
            changed.push(if python.gil() { "gil" } else { "no-gil" });
        }
        let mut words = super::Words {
            builtin: builtin.map(String::from),
            title: raw.title.clone().unwrap_or_else(|| name.to_string()),
            summary: raw.summary.clone().unwrap_or_default(),
            note: raw.note.clone(),
            variant: None,
            unscripted: false,
        };
        match changed.as_slice() {
            [] => {}
            [key] => {
                words.variant = Some(key.to_string());
                match raw.variants.get(*key) {
                    Some(v) => {
                        let v = v.get_ref();
                        words.title = v.title.clone().unwrap_or(words.title);
                        words.summary = v.summary.clone().unwrap_or(words.summary);
                        words.note = v.note.clone().or(words.note);
                    }
                    None => words.unscripted = true,
                }
            }
            [first, ..] => {
                words.variant = Some(first.to_string());
                words.unscripted = true;
            }
        }
        Ok(words)
    }

    /// The interpreter modelled: `--python`, else `--gil`/`--no-gil`, else
    /// the file's `python` or `gil`, else [`Python::DEFAULT`].
    fn python(&self) -> Result<Python> {
        if let Some(p) = self.ov.python {
            return Ok(p);
        }
        let written = match &self.raw.python {
            Some(v) => Python::parse(v.get_ref()).ok_or_else(|| {
                self.err(
                    v.span(),
                    msg!(
                        "scenario-python",
                        version = v.get_ref(),
                        known = python_names()
                    ),
                )
            })?,
            None if self.raw.gil.as_ref().is_some_and(|g| !*g.get_ref()) => Python::V3_13t,
            None => Python::DEFAULT,
        };
        // `python` says whether there is a GIL: a `gil` beside it that says
        // otherwise is a mistake, not a choice to make silently.
        if let (Some(v), Some(g)) = (&self.raw.python, &self.raw.gil)
            && written.gil() != *g.get_ref()
        {
            return Err(self.err(
                g.span(),
                msg!(
                    "scenario-python-gil",
                    gil = g.get_ref().to_string(),
                    version = v.get_ref()
                ),
            ));
        }
        Ok(match self.ov.gil {
            Some(false) => Python::V3_13t,
            Some(true) if !written.gil() => Python::DEFAULT,
            _ => written,
        })
    }

    pub(super) fn err(&self, span: Range<usize>, msg: Msg) -> ScenarioError {
        ScenarioError::at(self.origin, self.source, Some(span), msg)
    }

    fn run(mut self, name: &str, builtin: Option<&str>) -> Result<Program> {
        let python = self.python()?;
        self.threads.push(Instance {
            spec: ThreadSpec {
                name: "main".into(),
                daemon: false,
                parent: None,
                process: false,
                steps: Vec::new(),
                lines: Vec::new(),
            },
            class: None,
            index: None,
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
        super::checks::check_joins_return(&resolved, &names)
            .map_err(|(span, msg)| self.err(span, msg))?;
        let words = self.words(name, builtin, python)?;
        let lines = Lines::of(self.source);
        for (inst, steps) in self.threads.into_iter().zip(resolved) {
            let mut spec = inst.spec;
            spec.lines = steps
                .iter()
                .map(|(_, span)| lines.of_offset(span.start))
                .collect();
            spec.steps = steps.into_iter().map(|(s, _)| s).collect();
            threads.push(spec);
        }
        Ok(Program {
            name: name.to_string(),
            file: match builtin {
                Some(id) => format!("{id}.toml"),
                None => site_file(self.origin),
            },
            words,
            gil: python.gil(),
            python,
            threads,
            counters: std::mem::take(&mut self.counters),
            locks: std::mem::take(&mut self.locks),
            finalizes: true,
        })
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

    pub(super) fn lookup(&self, name: &Spanned<String>) -> Result<ThreadId> {
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

    pub(super) fn name(&self, id: ThreadId) -> &str {
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

/// How a scenario file is named in a site (`file:line`): its file name,
/// or the path itself when it has none. The code pane finds a twin's line
/// by this name, so the program and its twin must name the file alike.
pub fn site_file(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |f| f.to_string_lossy().into_owned())
}
