//! Finds the Python interpreters the tests can use, so that a test that
//! needs one is marked ignored ("needs python3", "needs CPython 3.9") when
//! it is missing: visible in `cargo test`'s output, never a silent pass.
//!
//! Sets `cfg(python)` when `python3` runs, and for each CPython 3.8–3.13
//! found (under `$PYENV_ROOT/versions` or `~/.pyenv/versions`, or as
//! `python3.N` on PATH, or as `python3` itself) `cfg(cpython_3_N)`, with its
//! path in the environment variable `THREADLINE_CPYTHON_3_N` at compile time.

use std::path::{Path, PathBuf};
use std::process::Command;

const VERSIONS: [&str; 6] = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"];

fn runs(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "pass"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn pyenv_roots() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Some(r) = std::env::var_os("PYENV_ROOT") {
        roots.push(PathBuf::from(r));
    }
    if let Some(h) = std::env::var_os("HOME") {
        roots.push(PathBuf::from(h).join(".pyenv"));
    }
    roots
}

/// The newest build of CPython `version` found, if any.
fn find(version: &str) -> Option<PathBuf> {
    for root in pyenv_roots() {
        let Ok(dir) = std::fs::read_dir(root.join("versions")) else {
            continue;
        };
        let mut found: Vec<PathBuf> = dir
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_prefix(version).is_some_and(|rest| {
                    rest.starts_with('.') && rest[1..].chars().all(|c| c.is_ascii_digit())
                })
            })
            .map(|e| e.path().join("bin").join("python"))
            .filter(|p| runs(p))
            .collect();
        found.sort();
        if let Some(p) = found.pop() {
            return Some(p);
        }
    }
    let on_path = PathBuf::from(format!("python{version}"));
    if runs(&on_path) {
        return Some(on_path);
    }
    // `python3` itself, when it is this version.
    let out = Command::new("python3")
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .output()
        .ok()?;
    (out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == version)
        .then(|| PathBuf::from("python3"))
}

/// Can the tests run the binary with a limit on its threads? As root (who
/// ignores RLIMIT_NPROC) through `setpriv` to `nobody` under `prlimit`.
fn can_limit_threads() -> bool {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let has = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    root && has("setpriv") && has("prlimit")
}

/// The cfg flag of a version: `cpython_3_9`.
fn flag(version: &str) -> String {
    format!("cpython_{}", version.replace('.', "_"))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=PYENV_ROOT");
    println!("cargo::rustc-check-cfg=cfg(python)");
    println!("cargo::rustc-check-cfg=cfg(thread_limit)");
    if can_limit_threads() {
        println!("cargo::rustc-cfg=thread_limit");
    }
    let names: Vec<String> = VERSIONS.iter().map(|v| flag(v)).collect();
    println!("cargo::rustc-check-cfg=cfg({})", names.join(", "));
    if let Some(root) = pyenv_roots().into_iter().find(|r| r.exists()) {
        // `pyenv install` rewrites the shims: a cheap sign that versions changed.
        println!("cargo::rerun-if-changed={}", root.join("shims").display());
    }
    if runs(Path::new("python3")) {
        println!("cargo::rustc-cfg=python");
    }
    for v in VERSIONS {
        if let Some(p) = find(v) {
            println!("cargo::rustc-cfg={}", flag(v));
            println!(
                "cargo::rustc-env=THREADLINE_CPYTHON_{}={}",
                v.replace('.', "_"),
                p.display()
            );
        }
    }
}
