//! Finds the CPython interpreters that `tests/twins.rs` runs the Python twins
//! on, so that a version that is missing shows as an ignored test
//! (`cfg(cpython_3_9)` is set when CPython 3.9 is here). Nothing else uses it.
//!
//! Looked for: `$PYENV_ROOT/versions/3.M.P/bin/python` (default
//! `~/.pyenv`), then `python3` on PATH for the minor version it is.

use std::path::PathBuf;
use std::process::Command;

const MINORS: std::ops::RangeInclusive<u32> = 8..=13;

fn main() {
    let names: Vec<String> = MINORS.map(|m| format!("cpython_3_{m}")).collect();
    println!("cargo::rustc-check-cfg=cfg({})", names.join(", "));
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=PYENV_ROOT");
    let root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    let mut found: Vec<u32> = Vec::new();
    if let Some(root) = root {
        // `pyenv install` rewrites the shims: a cheap sign that versions changed.
        println!("cargo::rerun-if-changed={}", root.join("shims").display());
        if let Ok(dir) = std::fs::read_dir(root.join("versions")) {
            for entry in dir.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let mut parts = name.split('.');
                if let (Some("3"), Some(minor), Some(patch), None) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                    && patch.chars().all(|c| c.is_ascii_digit())
                    && let Ok(minor) = minor.parse::<u32>()
                    && entry.path().join("bin/python").exists()
                {
                    found.push(minor);
                }
            }
        }
    }
    if let Ok(out) = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[1])"])
        .output()
        && out.status.success()
        && let Ok(minor) = String::from_utf8_lossy(&out.stdout).trim().parse::<u32>()
    {
        found.push(minor);
    }
    for m in MINORS.filter(|m| found.contains(m)) {
        println!("cargo::rustc-cfg=cpython_3_{m}");
    }
}
