//! Names the rules a document is checked by, for the cache of resolved
//! documents (src/model/cache.rs): a digest of the source that loads and checks
//! documents. A build whose checks differ, even at the same version, never
//! reads another build's cache entries.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

const RULES: [&str; 5] = [
    "src/model",
    "src/figures",
    "src/text.rs",
    "src/diag.rs",
    "Cargo.lock",
];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    match fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                files(&entry.path(), out);
            }
        }
        Err(_) => out.push(path.to_path_buf()),
    }
}

fn main() {
    let mut all = Vec::new();
    for r in RULES {
        println!("cargo:rerun-if-changed={r}");
        files(Path::new(r), &mut all);
    }
    all.sort();
    let mut h = DefaultHasher::new();
    for f in &all {
        f.hash(&mut h);
        fs::read(f).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=STANCE_RULES={:016x}", h.finish());
}
