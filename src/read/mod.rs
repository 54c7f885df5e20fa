//! Reading inputs as they arrive, before the CSV reader in `input` sees them: what a file is
//! (`format`), which encoding its text is in (`encoding`), and what to suggest when its header
//! does not name the columns claimtrack needs (`suggest`).

pub mod blank;
pub mod encoding;
pub mod format;
pub mod jsonl;
pub mod sheet;
pub mod suggest;
