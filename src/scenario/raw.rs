//! The scenario file as written: TOML, every value with its place in the file.
//!
//! ```toml
//! title = "Threads that outlive main's code"
//! summary = "main starts 5 workers and ends first"
//!
//! main = [
//!   { print = "main thread start" },
//!   { spawn = "Worker", count = 5, name = "thread {i}" },
//!   { print = "main thread end" },
//! ]
//!
//! [classes.Worker]
//! daemon = false
//! run = [
//!   { print = "sub thread start  {name}" },
//!   { sleep = 3 },
//!   { print = "sub thread end    {name}" },
//! ]
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub title: Option<String>,
    pub summary: Option<String>,
    /// Said with the outcome (plain mode, dashboard).
    pub note: Option<String>,
    /// Run with the simulated GIL unless the user says otherwise (false:
    /// the free-threaded 3.13t).
    pub gil: Option<Spanned<bool>>,
    /// The CPython version to model (`"3.9"`, …, `"3.13t"`); default 3.13.
    pub python: Option<Spanned<String>>,
    pub main: Spanned<Vec<Spanned<RawStep>>>,
    #[serde(default)]
    pub classes: BTreeMap<String, Spanned<RawClass>>,
    /// Words for the program run another way: `daemon` (every worker a
    /// daemon), `no-daemon`, `gil`, `no-gil`. A field left out keeps the
    /// scenario's own.
    #[serde(default)]
    pub variants: BTreeMap<String, Spanned<RawWords>>,
}

/// A variant's words.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWords {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClass {
    /// The default daemon flag of threads of this class.
    #[serde(default)]
    pub daemon: bool,
    /// Instances are child processes (`multiprocessing.Process`), not threads.
    #[serde(default)]
    pub process: bool,
    pub run: Spanned<Vec<Spanned<RawStep>>>,
}

/// One step. Exactly one of the kind keys (`print`, `sleep`, `compute`,
/// `spawn`, `start`, `join`, `increment`, `report`, `acquire`, `release`,
/// `warn`) is set; the others qualify `spawn` (`count`, `name`, `daemon`,
/// `start = false`) or `increment` (`times`, `lock`, `call`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub print: Option<Spanned<String>>,
    pub sleep: Option<Spanned<f64>>,
    pub compute: Option<Spanned<f64>>,
    pub spawn: Option<Spanned<String>>,
    pub count: Option<Spanned<i64>>,
    pub name: Option<Spanned<String>>,
    pub daemon: Option<Spanned<bool>>,
    pub start: Option<Spanned<StartArg>>,
    pub join: Option<Spanned<String>>,
    /// `counter += 1` on a shared counter, `times` times: read, then write.
    pub increment: Option<Spanned<String>>,
    pub times: Option<Spanned<i64>>,
    /// With `increment`: hold this lock around each update.
    pub lock: Option<Spanned<String>>,
    /// With `increment`: write it `counter = FUNCTION(counter)`, a call
    /// between the read and the write.
    pub call: Option<Spanned<String>>,
    /// `lock.acquire()`: take the lock, waiting while another thread has it.
    pub acquire: Option<Spanned<String>>,
    /// `lock.release()`.
    pub release: Option<Spanned<String>>,
    /// A DeprecationWarning, printed on stderr by the first thread that
    /// gets here (Python 3.10 on); it takes that thread a while.
    pub warn: Option<Spanned<String>>,
    /// Print a shared counter's value.
    pub report: Option<Spanned<String>>,
}

impl RawStep {
    /// Each kind of step, by its key, and whether this step is of it: the
    /// one place the kinds are listed.
    fn kind_keys(&self) -> [(&'static str, bool); 11] {
        [
            ("print", self.print.is_some()),
            ("sleep", self.sleep.is_some()),
            ("compute", self.compute.is_some()),
            ("spawn", self.spawn.is_some()),
            (
                "start",
                // `start = false` belongs to a spawn.
                matches!(
                    self.start.as_ref().map(|v| v.get_ref()),
                    Some(StartArg::Target(_))
                ),
            ),
            ("join", self.join.is_some()),
            ("increment", self.increment.is_some()),
            ("report", self.report.is_some()),
            ("acquire", self.acquire.is_some()),
            ("release", self.release.is_some()),
            ("warn", self.warn.is_some()),
        ]
    }

    /// The kinds this step is of (one, in a good scenario).
    pub fn kinds(&self) -> Vec<&'static str> {
        self.kind_keys()
            .into_iter()
            .filter_map(|(k, set)| set.then_some(k))
            .collect()
    }

    /// Every kind of step there is.
    pub fn all_kinds() -> Vec<&'static str> {
        RawStep::default().kind_keys().map(|(k, _)| k).to_vec()
    }
}

/// `start = "thread 0"` starts a thread; inside a `spawn`, `start = false`
/// creates the threads without starting them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartArg {
    Flag(bool),
    Target(String),
}

impl<'de> Deserialize<'de> for StartArg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = StartArg;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a thread name, \"all\", or (inside a spawn) true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<StartArg, E> {
                Ok(StartArg::Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StartArg, E> {
                Ok(StartArg::Target(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
