//! Scenarios: the TOML format, its validation, and the built-in ones.

mod checks;
mod compile;
mod error;
mod expand;
mod interpreter;
mod length;
mod program;
pub mod python;
mod raw;
mod twin_sites;
mod twins;

use std::path::Path;

pub use compile::{MAX_SECONDS, MAX_THREADS, MAX_TIMES, Overrides, compile_str};
pub use error::{ScenarioError, line_col};
pub use interpreter::{Python, Switches};
pub use program::{Counter, Program, Step, ThreadSpec, WARNINGS_LOCK, Words};
pub use python::{to_python, to_python_sited};
pub use twin_sites::{BUILTIN_SITES, TwinSite, TwinSites, builtin_sites};
pub use twins::{TwinLine, twin_differences};

/// `BUILTIN` and `TWINS` from one list: each built-in's name (its
/// scenario is `assets/scenarios/NAME.toml`) and its twin's file under
/// `assets/python/`.
macro_rules! builtins {
    ($($name:literal => $twin:literal,)*) => {
        /// Built-in scenarios, in the order `list` shows them.
        pub const BUILTIN: &[(&str, &str)] = &[$((
            $name,
            include_str!(concat!("../../assets/scenarios/", $name, ".toml")),
        ),)*];

        /// Each built-in scenario's real Python program (its twin, in
        /// `assets/python/`): what it stands for, the seed's three in the post's own
        /// spelling, as the scenarios model them.
        pub const TWINS: &[(&str, &str)] = &[$((
            $name,
            include_str!(concat!("../../assets/python/", $twin)),
        ),)*];
    };
}

builtins! {
    "basic" => "seed/basic.py",
    "daemon" => "seed/daemon.py",
    "join" => "seed/join.py",
    "mixed" => "mixed.py",
    "stress" => "stress.py",
    "gil-cpu" => "gil-cpu.py",
    "gil-io" => "gil-io.py",
    "race" => "race.py",
    "deadlock" => "deadlock.py",
    "philosophers" => "philosophers.py",
    "processes" => "processes.py",
}

/// The Python program a scenario stands for: a built-in's twin, or the
/// program generated from a scenario file.
pub fn python_source(spec: &str) -> Result<String, ScenarioError> {
    python_twin(spec).map(|(text, _)| text)
}

/// [`python_source`], with where the scenario's steps are in it: the twin's
/// line of each scenario line's step (a built-in's from its checked-in
/// table, a file's as its program was written).
pub fn python_twin(spec: &str) -> Result<(String, TwinSites), ScenarioError> {
    if !is_path(spec)
        && let Some((_, twin)) = TWINS.iter().find(|(n, _)| *n == spec)
    {
        let sites = builtin_sites(spec).unwrap_or_default();
        return Ok(((*twin).to_string(), sites));
    }
    let (name, origin, source) = read(spec)?;
    let (text, sites) =
        to_python_sited(&source, &name).map_err(|e| ScenarioError { origin, ..e })?;
    let file = compile::site_file(spec);
    Ok((text, TwinSites { file, sites }))
}

/// A scenario file's name (its stem), origin and text.
fn read(spec: &str) -> Result<(String, String, String), ScenarioError> {
    if !is_path(spec) {
        return match BUILTIN.iter().find(|(n, _)| *n == spec) {
            Some((n, src)) => Ok((n.to_string(), format!("builtin:{n}"), src.to_string())),
            None => Err(unknown(spec)),
        };
    }
    let path = Path::new(spec);
    let source = read_limited(path).map_err(|m| ScenarioError::whole(spec, m))?;
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or(spec);
    Ok((name.to_string(), spec.to_string(), source))
}

/// A scenario file's text: at most [`compile::MAX_FILE`] bytes of UTF-8
/// (a pipe is read as it comes; `/dev/zero` is refused after 1 MiB).
fn read_limited(path: &Path) -> Result<String, crate::i18n::Msg> {
    use std::io::Read;
    let cannot = |e: std::io::Error| crate::msg!("scenario-cannot-read", error = e.to_string());
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(compile::MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > compile::MAX_FILE {
        let max = format!("{} MiB", compile::MAX_FILE >> 20);
        return Err(crate::msg!("scenario-too-big", max = max));
    }
    String::from_utf8(bytes).map_err(|_| crate::msg!("scenario-not-text"))
}

fn unknown(spec: &str) -> ScenarioError {
    let known: Vec<&str> = builtin_names().collect();
    ScenarioError::whole(
        spec,
        crate::msg!("scenario-unknown", known = known.join(", ")),
    )
}

/// The names of the built-in scenarios.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// Compile a built-in scenario by name.
pub fn builtin(name: &str, ov: Overrides) -> Option<Result<Program, ScenarioError>> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, src)| compile::compile(n, Some(n), &format!("builtin:{n}"), src, ov))
}

/// Does `spec` name a file rather than a built-in?
pub fn is_path(spec: &str) -> bool {
    spec.ends_with(".toml") || spec.contains('/') || spec.contains(std::path::MAIN_SEPARATOR)
}

/// Load a scenario: a built-in name or a path to a `.toml` file.
pub fn load(spec: &str, ov: Overrides) -> Result<Program, ScenarioError> {
    if is_path(spec) {
        let (name, origin, source) = read(spec)?;
        return compile_str(&name, &origin, &source, ov);
    }
    builtin(spec, ov).unwrap_or_else(|| Err(unknown(spec)))
}
