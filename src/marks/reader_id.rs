//! The reader's id: generated once, kept in the user's data directory
//! (`$XDG_DATA_HOME/stance/reader-id`, else `~/.local/share/stance/reader-id`),
//! and written into every marks file, so that two students who pick the same
//! name in a class folder are told apart.

use std::collections::hash_map::RandomState;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The file the id is kept in, if the user has a data directory.
pub fn id_path() -> Option<PathBuf> {
    Some(super::store::data_dir()?.join("reader-id"))
}

/// Whether `id` is one stance makes: 32 lowercase hex digits.
pub fn is_valid(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A new id: 128 random bits as hex. The standard library seeds each
/// `RandomState` from the system's randomness, which is all an id needs.
pub fn generate() -> String {
    let mut out = String::with_capacity(32);
    for salt in [0u64, 1] {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(salt);
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// The reader's id from the data directory, made and kept there the first
/// time. `None` without a data directory or when it cannot be written: then
/// marks carry no id and same names are told apart by file only.
pub fn load_or_create() -> Option<String> {
    let path = id_path()?;
    load_or_create_at(&path).ok()
}

/// The reader's id from the data directory, without making one.
pub fn load() -> Option<String> {
    read_id(&id_path()?)
}

fn read_id(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let id = text.trim();
    is_valid(id).then(|| id.to_string())
}

/// As [`load_or_create`], at `path`. Two stance processes starting at once
/// agree on one id: the new id is written to a temporary file and linked into
/// place only if no id is there yet; whoever loses reads the winner's.
pub fn load_or_create_at(path: &Path) -> io::Result<String> {
    if let Some(id) = read_id(path) {
        return Ok(id);
    }
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("the id file has no folder"))?;
    fs::create_dir_all(dir)?;
    let id = generate();
    let tmp = dir.join(format!(".reader-id.{}.tmp", std::process::id()));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(format!("{id}\n").as_bytes())?;
        f.sync_all()?;
    }
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(id),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read_id(path) {
            Some(theirs) => Ok(theirs),
            // Something that is not an id sits there: leave it, and say so.
            None => Err(io::Error::other(format!(
                "{} is not a reader id; remove it and stance makes a new one",
                path.display()
            ))),
        },
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stance/reader-id");
        let first = load_or_create_at(&path).unwrap();
        assert!(is_valid(&first), "{first}");
        assert_eq!(load_or_create_at(&path).unwrap(), first);
        assert_eq!(read_id(&path).as_deref(), Some(first.as_str()));
    }

    #[test]
    fn two_ids_made_apart_differ() {
        assert_ne!(generate(), generate());
    }

    #[test]
    fn a_file_that_is_not_an_id_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reader-id");
        fs::write(&path, "not an id").unwrap();
        assert!(load_or_create_at(&path).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "not an id");
    }
}
