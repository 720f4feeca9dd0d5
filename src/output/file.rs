//! Writing an output file safely: never through a symbolic link, never over
//! an input, and all at once, so a reader never finds half a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What was at the output path before it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    /// Nothing: the file is new.
    Nothing,
    /// A file, now replaced.
    File,
    /// A symbolic link, now replaced by the file; what it pointed to is untouched.
    Link,
}

/// Why an output could not be written where asked.
#[derive(Debug)]
pub enum WriteError {
    /// The path names one of the command's inputs.
    IsInput(PathBuf),
    /// The path is a directory.
    IsDirectory,
    /// Something already exists there and the command never replaces files.
    Exists,
    /// The file system refused.
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Whether `a` and `b` name the same file (through links, `..` or hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(ca), Ok(cb)) => ca == cb,
        _ => false,
    }
}

/// Writes `bytes` to `path` atomically: into a new file beside it, then
/// renamed over it, so the path holds the old content or the new, never a
/// mixture, and a symbolic link at `path` is replaced rather than followed.
/// Refuses when `path` is one of `inputs` (or a link to one), a directory, or
/// (when `replace` is false) anything at all, a dangling link included.
pub fn write_output(
    path: &Path,
    bytes: &[u8],
    inputs: &[&Path],
    replace: bool,
) -> Result<Replaced, WriteError> {
    write_output_with(path, inputs, replace, |w| w.write_all(bytes))
}

/// As [`write_output`], with `write` producing the content into the new
/// file as it goes (buffered), so a large output is never held in memory.
pub fn write_output_with(
    path: &Path,
    inputs: &[&Path],
    replace: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Replaced, WriteError> {
    if let Some(input) = inputs.iter().find(|i| same_file(path, i)) {
        return Err(WriteError::IsInput(input.to_path_buf()));
    }
    let before = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => return Err(WriteError::IsDirectory),
        Ok(m) if m.file_type().is_symlink() => Replaced::Link,
        Ok(_) => Replaced::File,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Replaced::Nothing,
        Err(e) => return Err(e.into()),
    };
    if !replace && before != Replaced::Nothing {
        return Err(WriteError::Exists);
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, file) = create_temp(dir, &name)?;
    // A replaced file keeps who may read it (a private file stays private).
    if before == Replaced::File
        && let Ok(m) = std::fs::metadata(path)
    {
        let _ = file.set_permissions(m.permissions());
    }
    let mut buffered = io::BufWriter::new(file);
    let written = write(&mut buffered)
        .and_then(|()| {
            buffered
                .into_inner()
                .map_err(io::IntoInnerError::into_error)
        })
        .and_then(|file| file.sync_all())
        .and_then(|()| {
            if replace {
                std::fs::rename(&tmp, path)
            } else {
                // A hard link fails if anything appeared at `path` meanwhile;
                // where links are not supported, creating the file exclusively
                // does the same (it never follows a link, dangling or not).
                match std::fs::hard_link(&tmp, path) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                        std::fs::OpenOptions::new()
                            .write(true)
                            .create_new(true)
                            .open(path)
                            .and_then(|mut f| {
                                io::copy(&mut std::fs::File::open(&tmp)?, &mut f)?;
                                f.sync_all()
                            })
                    }
                    other => other,
                }
                .and_then(|()| std::fs::remove_file(&tmp))
            }
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        if e.kind() == io::ErrorKind::AlreadyExists {
            return Err(WriteError::Exists);
        }
        return Err(e.into());
    }
    Ok(before)
}

/// A new file `.NAME.stance-PID-N` in `dir`, never one that was there.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, std::fs::File)> {
    let mut n = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.stance-{}-{n}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}
