//! What a run is made of, shared by the commands and the dashboard:
//! which scenario with which overrides, at what speed and seed, and the
//! recording header that says so.

use crate::export::record::{Header, RecordOptions};
use crate::scenario::{self, Overrides, Program, ScenarioError, Words};

/// Seeds drawn at random fall in `0..SEEDS` (six digits, easy to retype
/// after `--seed`); `--seed` itself takes any `u64`.
pub const SEEDS: u64 = 1_000_000;

/// A seed for a run the user did not fix.
pub fn random_seed() -> u64 {
    fastrand::u64(..SEEDS)
}

/// A scenario run as asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSettings {
    /// A built-in name or a path to a `.toml` file.
    pub scenario: String,
    pub overrides: Overrides,
    pub speed: f64,
    /// The user's seed, if they fixed one.
    pub seed: Option<u64>,
    /// Without the GIL, how many threads run at once (None: this machine's cores).
    pub cores: Option<usize>,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            scenario: "basic".into(),
            overrides: Overrides::default(),
            speed: 1.0,
            seed: None,
            cores: None,
        }
    }
}

impl RunSettings {
    /// The CPU cores a run without the GIL has.
    pub fn cores(&self) -> usize {
        self.cores.unwrap_or_else(crate::runtime::machine_cores)
    }

    /// Compile the scenario these settings name.
    pub fn load(&self) -> Result<Program, ScenarioError> {
        scenario::load(&self.scenario, self.overrides)
    }

    /// The recording header of this run of `program` with `seed`.
    pub fn header(&self, program: &Program, seed: u64) -> Header {
        let options = RecordOptions {
            speed: Some(self.speed),
            seed: Some(seed),
            daemon: self.overrides.daemon,
            workers: self.overrides.workers,
            cores: Some(self.cores()),
            python: Some(program.python),
            command: None,
        };
        Header::new(&program.name, program.words.clone(), program.gil, options)
    }
}

/// The title line of one side of a comparison: `program` as it runs on
/// `cores` (without the GIL), its words in `lang`.
pub fn heading(
    side: usize,
    program: &Program,
    cores: usize,
    lang: crate::i18n::Lang,
) -> crate::explain::compare::Heading {
    crate::explain::compare::Heading {
        side,
        title: program.words.title(lang),
        python: program.python.name().to_string(),
        gil: program.gil,
        cores,
        daemon: program.daemon_mode(),
    }
}

/// The recording header of a traced program.
pub fn trace_header(command: &[std::ffi::OsString]) -> Header {
    let command: Vec<String> = command
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let words = Words::plain(command.join(" "));
    let options = RecordOptions {
        command: Some(command),
        ..RecordOptions::default()
    };
    Header::new("trace", words, true, options)
}
