//! stance: read an article as an argument — its claims, the evidence behind them
//! and the rebuttals against them.
//!
//! The library holds everything the `stance` binary does, so tests and benches
//! drive the same code: [`model`] loads and checks documents, [`output`] renders
//! them as text and JSON, and [`cli`] is the command line.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;
pub mod authoring;
pub mod cli;
pub mod diag;
pub mod figures;
pub mod formats;
pub mod marks;
pub mod model;
pub mod output;
pub mod text;
pub mod tui;
pub mod wrap;
