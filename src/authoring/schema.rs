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
    let path = dir.join(SCHEMA_FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(existing) if existing == CONTENT_SCHEMA => Ok(SchemaInstall::Current(path)),
        Ok(existing) if !existing.contains(SCHEMA_TITLE) => Ok(SchemaInstall::KeptOther(path)),
        Ok(_) => {
            std::fs::write(&path, CONTENT_SCHEMA)?;
            Ok(SchemaInstall::Written(path))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::write(&path, CONTENT_SCHEMA)?;
            Ok(SchemaInstall::Written(path))
        }
        // Unreadable as text (binary, permissions): not ours to replace.
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(SchemaInstall::KeptOther(path)),
        Err(e) => Err(e),
    }
}
