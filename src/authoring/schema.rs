//! The JSON Schema of the content format, for editors with a YAML language server.
//!
//! The schema lives in `assets/schemas/content.schema.json` and is compiled
//! in, because stance's users have the binary and not the repository: `stance
//! schema` prints it and `stance new` writes it beside the document it
//! scaffolds, where the scaffold's `# yaml-language-server: $schema=` line
//! finds it by a relative path.

use std::io;
use std::path::{Path, PathBuf};

use super::scaffold::SCHEMA_FILE_NAME;

const CONTENT_SCHEMA: &str = include_str!("../../assets/schemas/content.schema.json");

/// The title the schema carries, by which a file is recognised as stance's own.
const SCHEMA_TITLE: &str = "\"title\": \"stance content document (stance/1)\"";

/// The JSON Schema (draft 2020-12) of the authoring format, `stance/1`.
pub fn content_schema() -> &'static str {
    CONTENT_SCHEMA
}

/// What [`install_schema`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaInstall {
    /// The schema was written (new, or replacing an older stance schema) at this path.
    Written(PathBuf),
    /// The same schema was already there.
    Current(PathBuf),
    /// A different file of that name is there, not stance's: it was left alone.
    KeptOther(PathBuf),
}

/// Writes [`content_schema`] as `content.schema.json` in `dir`, beside a
/// scaffolded document, unless it is already there; a file of that name that
/// is not a stance schema is never overwritten.
pub fn install_schema(dir: &Path) -> io::Result<SchemaInstall> {
    use crate::output::file::{WriteError, write_output};
    let path = dir.join(SCHEMA_FILE_NAME);
    // A link is someone's arrangement: never written through, never replaced.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Ok(SchemaInstall::KeptOther(path));
    }
    let replace = match std::fs::read_to_string(&path) {
        Ok(existing) if existing == CONTENT_SCHEMA => return Ok(SchemaInstall::Current(path)),
        Ok(existing) if !existing.contains(SCHEMA_TITLE) => {
            return Ok(SchemaInstall::KeptOther(path));
        }
        Ok(_) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        // Unreadable as text (binary, permissions): not ours to replace.
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            return Ok(SchemaInstall::KeptOther(path));
        }
        Err(e) => return Err(e),
    };
    match write_output(&path, CONTENT_SCHEMA.as_bytes(), &[], replace) {
        Ok(_) => Ok(SchemaInstall::Written(path)),
        // Something appeared there meanwhile: not ours.
        Err(WriteError::Exists | WriteError::IsDirectory | WriteError::IsInput(_)) => {
            Ok(SchemaInstall::KeptOther(path))
        }
        Err(WriteError::Io(e)) => Err(e),
    }
}
