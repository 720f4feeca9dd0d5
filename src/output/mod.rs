//! Documents as text for people (`stance print`) and as JSON for programs (`stance graph`).

pub mod file;
pub mod html;
pub mod json;
pub mod names;
pub mod print;

pub use print::{PrintLang, print};
