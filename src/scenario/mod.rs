//! Scenarios: the TOML format, its validation, and the built-in ones.

mod checks;
mod compile;
mod error;
mod expand;
mod program;
pub mod python;
mod raw;

use std::path::Path;

pub use compile::{MAX_SECONDS, MAX_THREADS, MAX_TIMES, Overrides, compile_str};
pub use error::{ScenarioError, line_col};
pub use program::{Counter, Program, Step, ThreadSpec, Words};
pub use python::to_python;

/// Built-in scenarios, in the order `list` shows them.
pub const BUILTIN: &[(&str, &str)] = &[
    ("basic", include_str!("../../assets/scenarios/basic.toml")),
    ("daemon", include_str!("../../assets/scenarios/daemon.toml")),
    ("join", include_str!("../../assets/scenarios/join.toml")),
    ("mixed", include_str!("../../assets/scenarios/mixed.toml")),
    ("stress", include_str!("../../assets/scenarios/stress.toml")),
    (
        "gil-cpu",
        include_str!("../../assets/scenarios/gil-cpu.toml"),
    ),
    ("gil-io", include_str!("../../assets/scenarios/gil-io.toml")),
    ("race", include_str!("../../assets/scenarios/race.toml")),
    (
        "processes",
        include_str!("../../assets/scenarios/processes.toml"),
    ),
];

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
        let path = Path::new(spec);
        let source = std::fs::read_to_string(path).map_err(|e| {
            ScenarioError::whole(
                spec,
                crate::msg!("scenario-cannot-read", error = e.to_string()),
            )
        })?;
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or(spec);
        return compile_str(name, spec, &source, ov);
    }
    builtin(spec, ov).unwrap_or_else(|| {
        let known: Vec<&str> = builtin_names().collect();
        Err(ScenarioError::whole(
            spec,
            crate::msg!("scenario-unknown", known = known.join(", ")),
        ))
    })
}
