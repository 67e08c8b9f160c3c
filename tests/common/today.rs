//! The seed's three programs (`basic.py`, `daemon.py`, `join.py`) in
//! today's spelling. `assets/python/seed/` holds them as the post spells
//! them, their one copy; today's spelling is derived from it by one textual
//! substitution, [`TODAY`] (scripts/measure-cpython.py makes the same).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The post's spelling of a thread's name and today's: every name of
/// `threading` deprecated since Python 3.10 (see [`DEPRECATED`]) that the
/// seed's programs use is in this one expression, `currentThread()` and
/// `getName()`; they set `t.daemon` as today's code does.
pub const TODAY: (&str, &str) = (
    "threading.currentThread().getName()",
    "threading.current_thread().name",
);

/// The camelCase names of `threading` deprecated in Python 3.10 (each a
/// DeprecationWarning when called): none is left in today's spelling.
pub const DEPRECATED: [&str; 8] = [
    "currentThread",
    "activeCount",
    "getName",
    "setName",
    "isDaemon",
    "setDaemon",
    "notifyAll",
    "isSet",
];

/// `assets/python/seed/{name}`, the post's spelling.
pub fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/python/seed")
        .join(name)
}

/// The text of the seed's program `name` in today's spelling: each
/// [`TODAY`]`.0` in it replaced by [`TODAY`]`.1`, nothing else changed.
pub fn todays_text(name: &str) -> String {
    let text = std::fs::read_to_string(seed(name)).unwrap();
    let (post, today) = TODAY;
    assert!(text.contains(post), "{name} has no {post}");
    text.replace(post, today)
}

/// A seed program in today's spelling, written as its own name (so that
/// what traces it says `basic.py`) in a folder of its own under this test
/// process's scratch folder; the folder goes when this is dropped.
pub struct Today {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Today {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl AsRef<OsStr> for Today {
    fn as_ref(&self) -> &OsStr {
        self.path.as_os_str()
    }
}

/// The seed's program `name` (`basic.py`, `daemon.py`, `join.py`) in
/// today's spelling, written to a folder of its own: see [`Today`].
pub fn program(name: &str) -> Today {
    let dir = tempfile::Builder::new()
        .prefix("today-")
        .tempdir_in(super::scratch_root())
        .unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, todays_text(name)).unwrap();
    Today { _dir: dir, path }
}
