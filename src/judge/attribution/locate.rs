//! Finding the attribution inside a text: `"...," King, 67, told Variety`, `A source
//! exclusively told Us Weekly that ...`, `According to Page Six, ...`.

use std::ops::Range;

use crate::cues::{Cues, Hit};

/// The byte range of the attribution clause in `text`, if it holds one.
pub fn locate(cues: &Cues, text: &str, hits: &mut Vec<Hit>) -> Option<Range<usize>> {
    let _ = (cues, text, hits);
    None
}
