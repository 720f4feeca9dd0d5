//! The real Argdown parser (@argdown/cli from npm), installed once into the
//! test target directory and shared by every test binary that reads Argdown.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

/// The Argdown CLI, installed on first use into the test target directory.
pub fn argdown_cli() -> PathBuf {
    static CLI: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match CLI.get_or_init(install_argdown) {
        Ok(path) => path.clone(),
        Err(e) => panic!("{e}"),
    }
}

pub const ARGDOWN_VERSION: &str = "1.7.5";

pub fn install_argdown() -> Result<PathBuf, String> {
    for tool in ["node", "npm"] {
        let ok = Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            return Err(format!(
                "`{tool}` is not installed, and the Argdown tests run the real Argdown parser \
                 (@argdown/cli {ARGDOWN_VERSION} from npm); install Node.js and npm"
            ));
        }
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("argdown");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    // Test binaries can run at once: one installs while the others wait.
    let lock = fs::File::create(dir.join("install.lock")).map_err(|e| e.to_string())?;
    lock.lock().map_err(|e| e.to_string())?;
    let bin = dir.join("node_modules/.bin/argdown");
    let installed = fs::read_to_string(dir.join("node_modules/@argdown/cli/package.json"))
        .ok()
        .and_then(|p| serde_json::from_str::<Value>(&p).ok())
        .is_some_and(|p| p["version"] == ARGDOWN_VERSION);
    if !installed || !bin.exists() {
        let out = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
            ])
            .arg(&dir)
            .arg(format!("@argdown/cli@{ARGDOWN_VERSION}"))
            .output()
            .map_err(|e| format!("npm could not run: {e}"))?;
        if !out.status.success() || !bin.exists() {
            return Err(format!(
                "npm could not install @argdown/cli@{ARGDOWN_VERSION} into {}:\n{}",
                dir.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    Ok(bin)
}

/// Runs `argdown json` on `source`; returns the JSON it writes.
pub fn argdown_json(source: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("map.argdown");
    fs::write(&file, source).expect("write the map");
    let out = Command::new(argdown_cli())
        .args(["json", "--stdout", "--silent"])
        .arg(&file)
        .current_dir(dir.path())
        .output()
        .expect("argdown runs");
    let json = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && json.trim_start().starts_with('{'),
        "argdown rejected the map:\n{json}\n{}\n{source}",
        String::from_utf8_lossy(&out.stderr)
    );
    json
}
