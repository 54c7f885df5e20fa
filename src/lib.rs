//! claimtrack: who stands behind each claim about a person in the news, and how rumors turn out.
//!
//! Data flows one way, one module per arrow:
//! `input` (CSV → `Claim` or a rejection) → `judge` (`judge::attribution`, `stance`, `tone`) → `filter` →
//! a subcommand in `cmd` (pass rows through, or aggregate) → `output` (one writer per format).
//! `pipeline` runs the middle on every core while keeping input order. Before `input`, `read`
//! turns what arrives (TSV, gzip, zstd, sheets, JSON Lines, other encodings) into CSV text;
//! `people` groups a person written several ways; `dedupe` drops repeated rows. `partial`
//! writes and merges the aggregates of parts of the input (`--partial`, `merge`, `--state`).

pub mod alloc;
pub mod claim;
pub mod cli;
pub mod cmd;
pub mod color;
pub mod config;
pub mod cues;
pub mod date;
pub mod decimal;
pub mod dedupe;
pub mod error;
pub mod extract;
pub mod filter;
pub mod framing;
pub mod input;
pub mod judge;
pub mod keys;
pub mod lifecycle;
pub mod log;
pub mod message;
pub mod name;
pub mod output;
pub mod overwrite;
pub mod partial;
pub mod people;
pub mod period;
pub mod pipeline;
pub mod progress;
pub mod read;
pub mod source_type;
pub mod stance;
pub mod suggest;
pub mod tone;
pub mod words;
