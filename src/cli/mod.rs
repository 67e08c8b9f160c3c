//! The command line (clap derive): the contract the docs and tests rely on.

use clap::{Args, Parser, Subcommand, ValueEnum};

mod compare;
pub use compare::{CompareArgs, SideArgs};

use crate::i18n::Lang;
use crate::runtime::{MAX_SPEED, MIN_SPEED};
use crate::scenario::{MAX_THREADS, Overrides, Python};
use crate::setup::RunSettings;

/// The most workers `--workers` asks for: every thread but main.
const MAX_WORKERS: i64 = MAX_THREADS as i64 - 1;

#[derive(Debug, Parser)]
#[command(
    name = "threadline",
    version,
    about = "See threads live and die, the way CPython runs them.",
    long_about = "See threads live and die, the way CPython runs them.\n\n\
        With no command, threadline opens the dashboard on the scenario `basic`.\n\
        Every scenario runs on real OS threads that report to the dashboard."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub lang: LangArg,
}

/// The headings `--help` groups options under (and the man page's
/// sections): what runs, its time, how it looks, what it writes.
pub const WHAT_RUNS: &str = "What runs";
pub const TIME: &str = "Time";
pub const LOOKS: &str = "How it looks";
pub const OUTPUTS: &str = "Outputs";

/// `--lang en|ko`: a global flag, so every command (and any command added
/// later) takes it, before or after the command's name.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct LangArg {
    /// Language of the words on screen [default: from LC_ALL, LC_MESSAGES or LANG].
    // Last of "How it looks" wherever it shows (after --plain, --color, --theme).
    #[arg(long, global = true, value_enum, value_name = "LANG", help_heading = LOOKS, display_order = 900)]
    pub lang: Option<Lang>,
}

impl LangArg {
    /// The language asked for, else the environment's.
    pub fn resolve(self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario (built-in name or path to a .toml file).
    Run(RunArgs),
    /// List the built-in scenarios, one line each.
    List,
    /// Print the real Python program a scenario stands for (a built-in's
    /// twin, or the program written from your scenario file).
    Source(SourceArgs),
    /// Run your own Python program, unchanged, and show its threads.
    Trace(TraceArgs),
    /// Play a recording (made with --record) with the same controls as a live run.
    Replay(ReplayArgs),
    /// A guided tour of the lesson, scene by scene, for classrooms and recordings.
    Demo(DemoArgs),
    /// Two variants side by side, on one clock and one time axis:
    /// `compare basic daemon`, `compare gil-cpu "gil-cpu --no-gil"`.
    Compare(CompareArgs),
    /// Print a shell's completion script: `threadline completions bash >
    /// ~/.local/share/bash-completion/completions/threadline`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `threadline man | man -l -`.
    Man,
    /// A child process of a scenario (started by threadline itself).
    #[command(name = "__worker", hide = true)]
    Worker,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// A built-in scenario name or a path to a .toml file.
    pub scenario: String,
}

/// Where a run's outputs go: for `run` and `trace` (`OutputArgs`, with
/// `--record`), and for `compare` (`OutputArgs<NoRecord>`, no recording;
/// [`CompareArgs`] says what its trace and SVG hold).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = OUTPUTS)]
pub struct OutputArgs<R: Args + Recording = RecordArg> {
    /// Write a Chrome trace (JSON) that Perfetto and chrome://tracing open.
    #[arg(long, value_name = "FILE")]
    pub export_trace: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub record: R,
    /// Draw the finished timeline as an SVG picture.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,
    /// Overwrite output files that already exist.
    #[arg(long)]
    pub force: bool,
}

impl<R: Args + Recording> OutputArgs<R> {
    pub fn outputs(&self) -> crate::export::Outputs {
        crate::export::Outputs {
            trace: self.export_trace.clone(),
            record: self.record.file(),
            svg: self.svg.clone(),
            force: self.force,
        }
    }
}

/// Where an [`OutputArgs`]' recording goes, if it has one.
pub trait Recording {
    fn file(&self) -> Option<std::path::PathBuf>;
}

/// `--record FILE`.
#[derive(Debug, Clone, Default, Args)]
pub struct RecordArg {
    /// Record every event (JSON Lines) to play back with `threadline replay`.
    #[arg(long, value_name = "FILE")]
    pub record: Option<std::path::PathBuf>,
}

impl Recording for RecordArg {
    fn file(&self) -> Option<std::path::PathBuf> {
        self.record.clone()
    }
}

/// No `--record` (a comparison is not recorded).
#[derive(Debug, Clone, Default, Args)]
pub struct NoRecord {}

impl Recording for NoRecord {
    fn file(&self) -> Option<std::path::PathBuf> {
        None
    }
}

#[derive(Debug, Clone, Args)]
pub struct ReplayArgs {
    /// The recording (a file written with --record).
    pub file: std::path::PathBuf,
    /// Playback speed (program time per wall time).
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_speed, help_heading = TIME)]
    pub speed: f64,
    /// No dashboard: print exactly what `run --plain` printed.
    #[arg(long, help_heading = LOOKS)]
    pub plain: bool,
    #[command(flatten)]
    pub look: LookArgs,
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Start again after the last scene.
    #[arg(long = "loop")]
    pub looping: bool,
    /// Seed of every scene's jitter (default 1): the tour is the same every time.
    #[arg(long, value_name = "N", help_heading = TIME)]
    pub seed: Option<u64>,
    /// Speed of the whole tour (each scene has its own speed, times this).
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_speed, help_heading = TIME)]
    pub speed: f64,
    #[command(flatten)]
    pub look: LookArgs,
}

impl DemoArgs {
    /// The run every scene starts from: the tour's seed (1 unless told).
    pub fn settings(&self) -> RunSettings {
        RunSettings {
            seed: Some(self.seed.unwrap_or(1)),
            speed: self.speed,
            ..RunSettings::default()
        }
    }
}

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "Exit code: the program's own once it has ended (in the dashboard too, \
after q); 3 when its threads deadlock (a cycle of waits, or every thread waiting with no \
timeout: the program is ended and the deadlock named); 2 bad usage; 1 an error of threadline's."
)]
pub struct TraceArgs {
    /// The program: `-- python3 script.py [ARGS]`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<std::ffi::OsString>,
    /// The Python interpreter to use (default: the first word after `--`).
    #[arg(long, value_name = "PATH", help_heading = WHAT_RUNS)]
    pub python: Option<std::ffi::OsString>,
    #[command(flatten)]
    pub show: ShowArgs,
}

/// How a run is shown and where its outputs go: for `run` and `trace`.
#[derive(Debug, Clone, Default, Args)]
pub struct ShowArgs {
    /// No dashboard: print the output and a summary (automatic when stdout is not a terminal).
    #[arg(long, help_heading = LOOKS)]
    pub plain: bool,
    #[command(flatten)]
    pub look: LookArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// What a run changes in its scenario: for `run`, and for each side of
/// `compare`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = WHAT_RUNS)]
pub struct OverrideArgs {
    /// Make every worker a daemon thread.
    #[arg(long, conflicts_with = "no_daemon")]
    pub daemon: bool,
    /// Make every worker a non-daemon thread.
    #[arg(long)]
    pub no_daemon: bool,
    /// Change the count of every spawn that has one (main counts as one of
    /// the scenario's threads, so at most the thread limit less one).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=MAX_WORKERS))]
    pub workers: Option<u32>,
    /// The CPython to model: 3.8 … 3.13, or 3.13t (free-threaded, no GIL) [default: 3.13].
    #[arg(long, value_name = "VERSION", value_parser = parse_python, conflicts_with_all = ["gil", "no_gil"])]
    pub python: Option<Python>,
    /// With the GIL: short for --python 3.13 when the scenario has none.
    #[arg(long, conflicts_with = "no_gil")]
    pub gil: bool,
    /// No GIL: short for --python 3.13t (the free-threaded build).
    #[arg(long)]
    pub no_gil: bool,
    /// Without the GIL, how many threads run at once (default: this machine's cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=crate::runtime::MAX_CORES as i64))]
    pub cores: Option<u32>,
}

impl OverrideArgs {
    /// What these arguments ask the scenario to change.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            daemon: either(self.daemon, self.no_daemon),
            workers: self.workers,
            gil: either(self.gil, self.no_gil),
            python: self.python,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// A built-in scenario name (see `threadline list`) or a path to a .toml file.
    #[arg(default_value = "basic")]
    pub scenario: String,
    #[command(flatten)]
    pub ov: OverrideArgs,
    /// Program time per wall time: 10 runs ten times faster; the axis still shows program seconds.
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_speed, help_heading = TIME)]
    pub speed: f64,
    /// Seed for the jitter of sleeps and computes: the same seed gives the same run.
    #[arg(long, value_name = "N", help_heading = TIME)]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub show: ShowArgs,
}

impl Default for RunArgs {
    fn default() -> Self {
        RunArgs {
            scenario: "basic".into(),
            ov: OverrideArgs::default(),
            speed: 1.0,
            seed: None,
            show: ShowArgs::default(),
        }
    }
}

/// `--x` / `--no-x`: Some(true), Some(false), or None for neither.
fn either(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

impl RunArgs {
    /// What these arguments ask the scenario to change.
    pub fn overrides(&self) -> Overrides {
        self.ov.overrides()
    }

    /// The run these arguments ask for.
    pub fn settings(&self) -> RunSettings {
        RunSettings {
            scenario: self.scenario.clone(),
            overrides: self.overrides(),
            speed: self.speed,
            seed: self.seed,
            cores: self.ov.cores.map(|c| c as usize),
        }
    }
}

/// How the dashboard looks: `--color` and `--theme`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Args)]
#[command(next_help_heading = LOOKS)]
pub struct LookArgs {
    /// When to use colour in the dashboard.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The dashboard's colours: default (dark terminal), contrast (projector), light.
    #[arg(long, value_enum, default_value_t = ThemeChoice::Default)]
    pub theme: ThemeChoice,
}

/// The dashboard's colours; the glyphs tell every state apart in all of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ThemeChoice {
    /// For a dark terminal.
    #[default]
    Default,
    /// High contrast for projectors: bright colours, bold, nothing grey.
    Contrast,
    /// For a light terminal background.
    Light,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

fn parse_python(s: &str) -> Result<Python, String> {
    Python::parse(s).ok_or_else(|| {
        let known: Vec<&str> = Python::ALL.iter().map(|p| p.name()).collect();
        format!("`{s}` is not one of {}", known.join(", "))
    })
}

pub(crate) fn parse_speed(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if !(MIN_SPEED..=MAX_SPEED).contains(&v) {
        return Err(format!("speed must be from {MIN_SPEED} to {MAX_SPEED}"));
    }
    Ok(v)
}
