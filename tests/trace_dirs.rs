//! The tracer's directories are private whatever the umask: the run's
//! directory 0700 with its FIFO and `child.conf` 0600, the per-build cache
//! directory 0700 with the tracer 0600; a symlink planted where the cache
//! goes is not followed; a killed run's directory (a day old, ours) is
//! removed at the next start, and nothing else is.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `threadline trace --plain -- python3 tests/python/report_dirs.py` under
/// umask 000, with its cache and temporary directories in `home`: it
/// exits 0.
fn report_dirs(home: &Path) -> Output {
    let prog = "tests/python/report_dirs.py";
    let cache = home.join("cache");
    let tmp = home.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_threadline"));
    cmd.args(["--lang", "en", "trace", "--plain", "--", "python3", prog])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CACHE_HOME", &cache)
        .env("TMPDIR", &tmp);
    // SAFETY: umask is async-signal-safe and only changes the child's mask.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    o
}

/// A fresh home, and its folder `name` made.
fn home_with(name: &str) -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    (home, dir)
}

/// (mode, path) per line the program printed.
fn modes(o: &Output) -> Vec<(u32, PathBuf)> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let (mode, path) = l.split_once(' ')?;
            Some((u32::from_str_radix(mode, 8).ok()?, PathBuf::from(path)))
        })
        .collect()
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn the_tracers_directories_are_private_whatever_the_umask() {
    let home = tempfile::tempdir().unwrap();
    let o = report_dirs(home.path());
    let seen = modes(&o);
    let name = |p: &PathBuf| p.file_name().unwrap().to_string_lossy().into_owned();
    let dirs: Vec<_> = seen
        .iter()
        .filter(|(_, p)| p.extension().is_none() && !name(p).contains('.'))
        .collect();
    assert!(
        dirs.iter().any(|(_, p)| name(p).starts_with("tracer-")),
        "{seen:?}"
    );
    assert!(
        dirs.iter()
            .any(|(_, p)| name(p).starts_with("threadline-run-")),
        "{seen:?}"
    );
    for (mode, path) in &seen {
        let want = match name(path).as_str() {
            "child.conf" | "events.fifo" | "sitecustomize.py" => 0o600,
            _ => 0o700,
        };
        assert_eq!(*mode, want, "{} is {mode:o}", path.display());
    }
    for f in ["child.conf", "events.fifo"] {
        assert!(seen.iter().any(|(_, p)| name(p) == f), "{f}: {seen:?}");
    }
    // The cache's parent made for it is private too.
    let root = home.path().join("cache/threadline");
    let mode = std::fs::metadata(&root).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    // The run's directory went with the run.
    let left: Vec<_> = std::fs::read_dir(home.path().join("tmp"))
        .unwrap()
        .flatten()
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_symlink_planted_for_the_cache_is_not_followed() {
    let (home, elsewhere) = home_with("elsewhere");
    std::fs::create_dir_all(home.path().join("cache")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, home.path().join("cache/threadline")).unwrap();
    let o = report_dirs(home.path());
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "wrote through the symlink"
    );
    // The tracer ran from the run's own directory instead.
    let seen = modes(&o);
    assert!(
        seen.iter().any(|(m, p)| *m == 0o600
            && p.ends_with("sitecustomize.py")
            && p.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("threadline-run-")),
        "{seen:?}"
    );
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_killed_runs_directory_is_removed_at_the_next_start() {
    let (home, tmp) = home_with("tmp");
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 24 * 3600);
    let make = |name: &str, old: bool| {
        let d = tmp.join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("child.conf"), "0 -\n").unwrap();
        if old {
            std::fs::File::open(&d)
                .unwrap()
                .set_modified(day_ago)
                .unwrap();
        }
        d
    };
    // A pid no process has (beyond pid_max): its run is gone.
    let stale = make("threadline-run-99999999-abc", true);
    let young = make("threadline-run-99999998-def", false);
    let other = make("threadline-pty-replay-1", true);
    report_dirs(home.path());
    assert!(!stale.exists(), "the stale run directory stayed");
    assert!(
        young.exists() && other.exists(),
        "removed what was not stale or not ours"
    );
}
