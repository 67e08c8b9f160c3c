//! Writing an output file so that nothing the user made is lost: refused
//! before the run when it would replace anything without `--force` (or
//! anything but a regular file with it), written beside its place first and
//! moved there at the end, never over a file that appeared meanwhile.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Why an output path is refused.
#[derive(Debug)]
pub enum Refusal {
    IsDir,
    /// Something is there (a file, a symlink, even a dangling one) and
    /// `--force` was not given.
    Exists,
    /// With `--force`: what is there is not a regular file (a device, a
    /// FIFO, a socket, a dangling symlink).
    NotRegular,
    Io(io::Error),
}

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Where writing `p` really ends up: the file a symlink points to, under
/// its directory's real path (so `b.out` and `./b.out` are one file).
fn target(p: &Path) -> io::Result<PathBuf> {
    if let Ok(real) = fs::canonicalize(p) {
        return Ok(real);
    }
    let name = p
        .file_name()
        .ok_or_else(|| io::Error::other("no file name"))?;
    Ok(fs::canonicalize(parent(p))?.join(name))
}

/// Can `p` be written? Its real place, to tell two spellings apart.
pub fn check(p: &Path, force: bool) -> Result<PathBuf, Refusal> {
    match fs::symlink_metadata(p) {
        Ok(_) if p.is_dir() => return Err(Refusal::IsDir),
        Ok(_) if !force => return Err(Refusal::Exists),
        // Followed: a symlink to a regular file is that file.
        Ok(_) => match fs::metadata(p) {
            Ok(m) if m.is_file() => {}
            _ => return Err(Refusal::NotRegular),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(Refusal::Io(e)),
    }
    let target = target(p).map_err(Refusal::Io)?;
    // The directory takes a new file.
    tempfile::NamedTempFile::new_in(parent(&target)).map_err(Refusal::Io)?;
    Ok(target)
}

/// Write `p` through a temporary file beside it. A new file gets the
/// mode the umask gives (as any program's new file); a replaced one keeps
/// its mode. Without `force`, a file that appeared at `p` since the check
/// is left alone: the output is kept under the temporary name, said in
/// the error.
pub fn write(
    p: &Path,
    force: bool,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = target(p)?;
    let old_mode = fs::metadata(&target)
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.permissions().mode());
    let mut tmp = tempfile::Builder::new()
        .prefix(".threadline-")
        // Masked by the umask at creation, as open(2) does.
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(parent(&target))?;
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        f(&mut w)?;
        w.flush()?;
    }
    if let (true, Some(mode)) = (force, old_mode) {
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    if force {
        tmp.persist(&target).map_err(|e| e.error)?;
        return Ok(());
    }
    match tmp.persist_noclobber(&target) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            let kept = e.file.keep().map_err(|e| e.error)?.1;
            Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} appeared while threadline ran and was left alone; the output is in {}",
                    p.display(),
                    kept.display()
                ),
            ))
        }
        Err(e) => Err(e.error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn two_spellings_are_one_file() {
        let d = dir();
        let a = check(&d.path().join("b.out"), false).unwrap();
        let b = check(&d.path().join(".").join("b.out"), false).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_dangling_symlink_a_fifo_and_a_device_are_refused() {
        let d = dir();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(d.path().join("nowhere"), &link).unwrap();
        assert!(matches!(check(&link, false), Err(Refusal::Exists)));
        assert!(matches!(check(&link, true), Err(Refusal::NotRegular)));
        let fifo = d.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a node.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(check(&fifo, true), Err(Refusal::NotRegular)));
        assert!(matches!(
            check(Path::new("/dev/null"), true),
            Err(Refusal::NotRegular)
        ));
        assert!(matches!(check(d.path(), true), Err(Refusal::IsDir)));
    }

    #[test]
    fn a_file_that_appears_meanwhile_is_left_alone_and_the_output_kept() {
        let d = dir();
        let p = d.path().join("out");
        check(&p, false).unwrap();
        fs::write(&p, "the user's").unwrap();
        let e = write(&p, false, |w| w.write_all(b"ours")).unwrap_err();
        assert_eq!(fs::read_to_string(&p).unwrap(), "the user's");
        let kept: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|q| *q != p)
            .collect();
        assert_eq!(kept.len(), 1, "{e}");
        assert_eq!(fs::read_to_string(&kept[0]).unwrap(), "ours");
        assert!(e.to_string().contains(&kept[0].display().to_string()));
    }

    #[test]
    fn new_files_follow_the_umask_and_replaced_ones_keep_their_mode() {
        let d = dir();
        let p = d.path().join("new");
        write(&p, false, |w| w.write_all(b"x")).unwrap();
        // SAFETY: umask only reads and sets this process's file mode mask;
        // set back at once to what it was.
        let mask = unsafe {
            let m = libc::umask(0o022);
            libc::umask(m);
            m
        };
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !(mask as u32));
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write(&p, true, |w| w.write_all(b"y")).unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "y");
    }

    #[test]
    fn force_through_a_symlink_writes_the_file_it_points_to() {
        let d = dir();
        let real = d.path().join("real");
        fs::write(&real, "old").unwrap();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        check(&link, true).unwrap();
        write(&link, true, |w| w.write_all(b"new")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
