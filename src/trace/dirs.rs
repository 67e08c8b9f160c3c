//! Where the tracer lives: the per-build cache directory, and the run's own
//! directory (the FIFO, `child.conf`).
//!
//! Both are private whatever the umask: directories 0700, files 0600, so
//! that no other local user can swap the tracer (code that would run as
//! you) or read and write the run's channel. The cache directory is used
//! only when it is a real directory of ours (never through a symlink, never
//! one someone else made); otherwise the tracer goes in the run's own
//! directory. A run's directory goes when the run does; those of runs that
//! were killed (SIGKILL leaves them) are removed at the next start once they
//! are a day old.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::TRACER;

/// The run directories' prefix (the tracer looks for `threadline-*`).
pub const RUN_PREFIX: &str = "threadline-run-";

/// Run directories older than this are a killed run's leftovers.
const STALE: Duration = Duration::from_secs(24 * 3600);

fn uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// `path` is a directory (not a symlink) of ours that no one else can
/// enter; made so if it is missing, or if it is ours but too open.
fn private_dir(path: &Path) -> io::Result<()> {
    match DirBuilder::new().mode(0o700).create(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let meta = fs::symlink_metadata(path)?;
    if !meta.file_type().is_dir() || meta.uid() != uid() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{} is not a directory of ours", path.display()),
        ));
    }
    if meta.mode() & 0o777 != 0o700 {
        // The umask may have left it open when it was made.
        fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Write `text` to `path` (mode 0600) whole: to a new file beside it, then
/// renamed over it, so a reader never sees half of it and a symlink planted
/// at the temporary name is never followed.
pub fn write_private(path: &Path, text: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_os_string());
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(&name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let _ = fs::remove_file(&tmp);
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&tmp)?;
    f.set_permissions(fs::Permissions::from_mode(0o600))?;
    f.write_all(text)?;
    drop(f);
    fs::rename(&tmp, path)
}

/// This build's tracer is at `file`, as a file of ours only we can write.
fn is_our_tracer(file: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(file) else {
        return false;
    };
    meta.file_type().is_file()
        && meta.uid() == uid()
        && meta.mode() & 0o077 == 0
        && fs::read(file).is_ok_and(|b| b == TRACER.as_bytes())
}

/// `$XDG_CACHE_HOME/threadline/tracer-HASH` (or `~/.cache/...`) holding
/// this build's tracer, written there if it is not yet; None if there is no
/// such directory to be had safely.
pub(super) fn cached_tracer() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    // FNV-1a of the tracer's text: another build's tracer has another home.
    let hash = TRACER.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let root = base.join("threadline");
    let dir = root.join(format!("tracer-{hash:016x}"));
    let file = dir.join("sitecustomize.py");
    fs::create_dir_all(&base).ok()?;
    private_dir(&root).ok()?;
    private_dir(&dir).ok()?;
    if is_our_tracer(&file) {
        return Some(dir);
    }
    // Other builds' tracers, unused for a week, go (best effort).
    let week = Duration::from_secs(7 * 24 * 3600);
    if let Ok(entries) = fs::read_dir(&root) {
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > week));
            let name = e.file_name();
            if old && e.path() != dir && name.to_string_lossy().starts_with("tracer-") {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    write_private(&file, TRACER.as_bytes()).ok()?;
    Some(dir)
}

/// A new private directory for one run, in the temporary directory.
pub(super) fn run_dir() -> io::Result<tempfile::TempDir> {
    // Our pid in the name: a live run's directory is never taken for stale.
    let prefix = format!("{RUN_PREFIX}{}-", std::process::id());
    let dir = tempfile::Builder::new()
        .prefix(&prefix)
        .permissions(fs::Permissions::from_mode(0o700))
        .tempdir()?;
    // Whatever the umask did to it.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700))?;
    remove_stale(&std::env::temp_dir());
    Ok(dir)
}

/// The pid in a run directory's name, if it is alive.
fn alive(name: &str) -> bool {
    let pid = name
        .strip_prefix(RUN_PREFIX)
        .and_then(|rest| rest.split('-').next())
        .and_then(|p| p.parse::<libc::pid_t>().ok());
    // SAFETY: signal 0 only checks that the process exists.
    pid.is_some_and(|p| p > 0 && unsafe { libc::kill(p, 0) } == 0)
}

/// Remove the run directories in `tmp` that killed runs of ours left: our
/// prefix, a directory (not a symlink) owned by us, untouched for a day,
/// and the threadline that made it gone.
pub fn remove_stale(tmp: &Path) {
    let Ok(entries) = fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with(RUN_PREFIX) || alive(&name) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(e.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE));
        if meta.file_type().is_dir() && meta.uid() == uid() && old {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}
