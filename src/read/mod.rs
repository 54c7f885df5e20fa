//! Reading inputs as they arrive, before and around the CSV reader in `input`: what a file is
//! and its delimiter (`format`), which encoding its text is in (`encoding`), spreadsheets
//! (`sheet`) and JSON Lines (`jsonl`) turned into CSV text, rows of only delimiters (`blank`),
//! and what to suggest when a header lacks the columns claimtrack needs (`suggest`).

pub mod blank;
pub mod encoding;
pub mod format;
pub mod jsonl;
pub mod sheet;
pub mod suggest;
