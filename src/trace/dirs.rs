//! Where the tracer lives: the per-build cache directory, and the run's own
//! directory.

use super::TRACER;

/// `$XDG_CACHE_HOME/threadline/tracer-HASH` (or `~/.cache/...`) holding
/// this build's tracer, written there if it is not yet; None if there is no
/// such directory to be had.
pub(super) fn cached_tracer() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))?;
    // FNV-1a of the tracer's text: another build's tracer has another home.
    let hash = TRACER.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let dir = base.join("threadline").join(format!("tracer-{hash:016x}"));
    let file = dir.join("sitecustomize.py");
    if std::fs::read(&file).is_ok_and(|b| b == TRACER.as_bytes()) {
        return Some(dir);
    }
    std::fs::create_dir_all(&dir).ok()?;
    // Other builds' tracers, unused for a week, go (best effort).
    let week = std::time::Duration::from_secs(7 * 24 * 3600);
    if let Ok(entries) = std::fs::read_dir(base.join("threadline")) {
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > week));
            let name = e.file_name();
            if old && e.path() != dir && name.to_string_lossy().starts_with("tracer-") {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    // Written whole under another name, then renamed: a concurrent run
    // never imports half a file.
    let tmp = dir.join(format!(".sitecustomize.{}.tmp", std::process::id()));
    std::fs::write(&tmp, TRACER).ok()?;
    std::fs::rename(&tmp, &file).ok()?;
    Some(dir)
}
