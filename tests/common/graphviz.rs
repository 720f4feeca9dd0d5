//! Graphviz's `dot`, installed from Debian's packages when missing, shared
//! by every test binary that renders DOT.

use std::io::Write;
use std::process::{Command, Stdio};

/// Renders `dot` with Graphviz to SVG; Graphviz must accept it without a word.
pub fn graphviz_svg(dot: &str) -> String {
    let ok = || {
        Command::new("dot")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    // On a fresh machine (where CI runs as root), install Graphviz the way the
    // Argdown tests install their CLI, so `cargo test` alone runs everything.
    if !ok() {
        let _ = Command::new("apt-get")
            .args(["install", "-y", "-qq", "graphviz"])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status();
    }
    assert!(
        ok(),
        "Graphviz `dot` is not installed, and this test renders with it: apt-get install graphviz"
    );
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write to dot");
    let out = child.wait_with_output().expect("dot finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}\n{dot}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
