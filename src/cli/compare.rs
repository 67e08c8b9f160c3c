//! `threadline compare A B`: two sides, each a scenario with what it
//! changes in one quoted string (`"gil-cpu --no-gil"`), split as a shell
//! would and parsed by clap with `run`'s own override flags.

use clap::{Arg, Args, Parser};

use super::{LOOKS, LookArgs, NoRecord, OutputArgs, OverrideArgs, TIME, WHAT_RUNS, parse_speed};
use crate::i18n::Msg;
use crate::setup::RunSettings;

#[derive(Debug, Clone, Args)]
#[command(mut_args(both_runs))]
pub struct CompareArgs {
    /// Side A, drawn on top: a scenario (built-in name or .toml file) and
    /// what `run` would change in it, in one quoted string: "race --python 3.9".
    pub a: String,
    /// Side B, drawn below it, the same way: "gil-cpu --no-gil".
    pub b: String,
    /// Without the GIL, how many threads run at once, on either side that
    /// does not say (default: this machine's cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024), help_heading = WHAT_RUNS)]
    pub cores: Option<u32>,
    /// Program time per wall time, for both (they share one clock).
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_speed, help_heading = TIME)]
    pub speed: f64,
    /// Seed for the jitter of both sides (the same for both).
    #[arg(long, value_name = "N", help_heading = TIME)]
    pub seed: Option<u64>,
    /// No dashboard: print both outputs and summaries, then the
    /// differences (automatic when stdout is not a terminal).
    #[arg(long, help_heading = LOOKS)]
    pub plain: bool,
    #[command(flatten)]
    pub look: LookArgs,
    #[command(flatten)]
    pub out: OutputArgs<NoRecord>,
}

/// `compare`'s outputs as its `--help` says them: both runs in one file
/// each, the trace as two processes, the SVG as one card on one time axis.
fn both_runs(arg: Arg) -> Arg {
    match arg.get_id().as_str() {
        "export_trace" => arg.help("Write both runs as two processes of one Chrome trace (JSON)"),
        "svg" => arg.help("Draw both timelines on one SVG card, on one time axis"),
        _ => arg,
    }
}

/// One side: what `threadline run` takes, less how it is shown.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "side",
    no_binary_name = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct SideArgs {
    /// A built-in scenario name or a path to a .toml file.
    pub scenario: String,
    #[command(flatten)]
    pub ov: OverrideArgs,
}

impl SideArgs {
    /// Split `text` as a shell would, then parse it; the error as clap
    /// says it (English, as all of clap's usage errors are).
    pub fn parse_side(text: &str) -> Result<SideArgs, String> {
        let words = shell_words::split(text).map_err(|e| e.to_string())?;
        SideArgs::try_parse_from(words).map_err(|e| {
            let said = e.render().to_string();
            let first = said.lines().next().unwrap_or_default();
            first.trim_start_matches("error: ").to_string()
        })
    }
}

impl CompareArgs {
    /// Both sides' runs: one speed, one seed (drawn once when not fixed,
    /// so both have it), each side's cores or the comparison's. An error
    /// names its side.
    pub fn sides(&self) -> Result<[RunSettings; 2], Msg> {
        let seed = self.seed.unwrap_or_else(crate::setup::random_seed);
        let side = |i: usize, text: &str| -> Result<RunSettings, Msg> {
            let name = crate::explain::compare::SIDES[i];
            let args = SideArgs::parse_side(text)
                .map_err(|error| crate::msg!("compare-side", side = name, what = error))?;
            Ok(RunSettings {
                scenario: args.scenario.clone(),
                overrides: args.ov.overrides(),
                speed: self.speed,
                seed: Some(seed),
                cores: args.ov.cores.or(self.cores).map(|c| c as usize),
            })
        };
        Ok([side(0, &self.a)?, side(1, &self.b)?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Python;

    #[test]
    fn a_side_takes_runs_overrides_in_one_quoted_string() {
        let s = SideArgs::parse_side("race --python 3.9").unwrap();
        assert_eq!(s.scenario, "race");
        assert_eq!(s.ov.overrides().python, Some(Python::V3_9));
        let s = SideArgs::parse_side("'my file.toml' --no-gil --cores 2").unwrap();
        assert_eq!(s.scenario, "my file.toml");
        assert_eq!(s.ov.overrides().gil, Some(false));
        assert_eq!(s.ov.cores, Some(2));
        let e = SideArgs::parse_side("basic --deamon").unwrap_err();
        assert!(e.contains("--deamon"), "{e}");
        assert!(SideArgs::parse_side("basic \"open").is_err());
        assert!(SideArgs::parse_side("").is_err());
    }

    #[test]
    fn its_outputs_say_they_hold_both_runs_and_there_is_no_recording() {
        use clap::CommandFactory;
        let cli = crate::cli::Cli::command();
        let compare = cli.find_subcommand("compare").unwrap();
        let help = |id: &str| {
            let arg = compare.get_arguments().find(|a| a.get_id() == id);
            arg.and_then(|a| a.get_help()).map(|h| h.to_string())
        };
        assert_eq!(
            help("export_trace").as_deref(),
            Some("Write both runs as two processes of one Chrome trace (JSON)")
        );
        assert_eq!(
            help("svg").as_deref(),
            Some("Draw both timelines on one SVG card, on one time axis")
        );
        let records = |c: &clap::Command| c.get_arguments().any(|a| a.get_id() == "record");
        assert!(!records(compare));
        assert!(records(cli.find_subcommand("run").unwrap()));
    }
}
