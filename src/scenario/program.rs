//! A scenario compiled for the runtime: every thread instance with its own
//! flat list of steps, names resolved to ids.

use serde::{Deserialize, Serialize};

use crate::event::{Nanos, ThreadId};
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Print a line (already formatted).
    Print(String),
    /// `time.sleep`: blocks, releases the GIL.
    Sleep(Nanos),
    /// CPU-bound work for this much program time.
    Compute(Nanos),
    /// Create the thread object (`Worker(name)`), not yet started.
    Create(ThreadId),
    /// `t.start()`.
    Start(ThreadId),
    /// `t.join()`.
    Join(ThreadId),
    /// `counter += 1`, `times` times, each under `lock` if given (indices
    /// into the program's counters and locks); with `call`, written
    /// `counter = add(counter)`: a function call between the read and the
    /// write.
    Increment {
        counter: usize,
        times: u32,
        lock: Option<usize>,
        #[serde(default)]
        call: bool,
    },
    /// `lock.acquire()`: wait while another thread holds it.
    Acquire(usize),
    /// `lock.release()`.
    Release(usize),
    /// A `DeprecationWarning`: printed (on stderr) by the first thread of
    /// the process that gets to this step, when the interpreter warns (3.10
    /// on): once for each place (line) and text, as Python's registry has
    /// it; the others wait on `lock` (the warnings module's) meanwhile.
    Warn { text: String, lock: usize },
    /// `print(name, "=", counter)`.
    Report(usize),
}

/// A counter the threads share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counter {
    pub name: String,
    /// What it would reach if no update were lost.
    pub expected: i64,
}

/// The name of the lock that stands for the warnings module's own.
pub const WARNINGS_LOCK: &str = "<warnings>";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadSpec {
    pub name: String,
    pub daemon: bool,
    pub parent: Option<ThreadId>,
    /// A child process (`multiprocessing.Process`) running `steps` as its
    /// main thread, with its own memory and its own GIL.
    pub process: bool,
    pub steps: Vec<Step>,
    /// The line of the scenario file each step was written on (one per
    /// step; empty when the steps come from elsewhere): where what a step
    /// raises was raised.
    pub lines: Vec<u32>,
}

/// A scenario's own words. A built-in's are said in any language, looked
/// up in the catalogue by its id (`builtin-ID-title`, …); a user's file's
/// are said as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// The built-in scenario these are the words of, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<String>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The program runs as its scenario's variant of this name (`daemon`,
    /// `no-daemon`, `gil`, `no-gil`); a built-in's words are then that
    /// variant's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// …and the scenario has no words for that variant: its title says how
    /// it runs, and it has no note.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unscripted: bool,
}

/// The variants a scenario may have words for.
pub const VARIANTS: [&str; 4] = ["daemon", "no-daemon", "gil", "no-gil"];

impl Words {
    /// Words as written, of no built-in.
    pub fn plain(title: impl Into<String>) -> Words {
        Words {
            title: title.into(),
            ..Words::default()
        }
    }

    fn say(&self, lang: Lang, field: &str, english: &str) -> String {
        if lang != Lang::En
            && let Some(id) = &self.builtin
        {
            let key = match self.variant.as_deref().filter(|_| !self.unscripted) {
                Some(v) => format!("builtin-{id}-{v}-{field}"),
                None => format!("builtin-{id}-{field}"),
            };
            if crate::i18n::has(lang, &key) {
                return lang.t(&key);
            }
        }
        english.to_string()
    }

    pub fn title(&self, lang: Lang) -> String {
        let title = self.say(lang, "title", &self.title);
        match (&self.variant, self.unscripted) {
            (Some(v), true) => {
                let how = match v.as_str() {
                    "daemon" => crate::msg!("variant-daemon"),
                    "no-daemon" => crate::msg!("variant-no-daemon"),
                    "gil" => crate::msg!("variant-gil"),
                    _ => crate::msg!("variant-no-gil"),
                };
                crate::tr!(lang, "variant-title", title = title, how = how)
            }
            _ => title,
        }
    }

    pub fn summary(&self, lang: Lang) -> String {
        self.say(lang, "summary", &self.summary)
    }

    /// The scenario's note, when it is true of the program as it runs.
    pub fn note(&self, lang: Lang) -> Option<String> {
        if self.unscripted {
            return None;
        }
        let note = self.note.as_deref()?;
        Some(self.say(lang, "note", note))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The scenario's name (built-in name or file stem).
    pub name: String,
    /// The scenario file's name, as a place in it is said (`basic.toml`,
    /// `my.toml`); empty when the program comes from no file.
    pub file: String,
    pub words: Words,
    /// It has a GIL (the interpreter's).
    pub gil: bool,
    /// The interpreter it models.
    pub python: super::Python,
    /// Index = thread id; 0 is main.
    pub threads: Vec<ThreadSpec>,
    pub counters: Vec<Counter>,
    /// Names of the locks.
    pub locks: Vec<String>,
    /// Its interpreter finalizes before the process exits (not so a
    /// `multiprocessing` child, which ends with `os._exit`).
    pub finalizes: bool,
}

impl Program {
    /// Every worker a daemon (Some(true)), none (Some(false)), or a mix.
    pub fn daemon_mode(&self) -> Option<bool> {
        let workers = &self.threads[self.threads.len().min(1)..];
        match workers.iter().filter(|t| t.daemon).count() {
            0 => Some(false),
            n if n == workers.len() => Some(true),
            _ => None,
        }
    }

    /// Where thread `id`'s step `step` was written: `basic.toml:12`.
    pub fn site(&self, id: crate::event::ThreadId, step: usize) -> Option<String> {
        let line = self.threads.get(id as usize)?.lines.get(step)?;
        (!self.file.is_empty()).then(|| format!("{}:{line}", self.file))
    }

    /// What a wait on lock `lock` is on, as people read it (`Lock name`).
    pub fn lock_words(&self, lock: usize) -> String {
        let name = &self.locks[lock];
        if name == WARNINGS_LOCK {
            crate::event::WARNINGS_ON.to_string()
        } else {
            format!("Lock {name}")
        }
    }

    /// Number of threads that are not main.
    pub fn worker_count(&self) -> usize {
        self.threads.len().saturating_sub(1)
    }
}
