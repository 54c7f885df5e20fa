//! The colours of the brief: one per label, the same in every chart, its legend and the swatch
//! of its table column.
//!
//! Source types take Paul Tol's "muted" scheme (nine colours chosen to stay apart for readers
//! with any common colour-vision deficiency), cool for the record and warm for rumor, plus
//! black for `unattributed` and Tol's pale grey for `unknown`. Statuses take Tol's "bright"
//! scheme, and the two standings his "high-contrast" blue and yellow; the rumor line is also
//! dashed, so the two lines differ without colour too.
//!
//! "rumor" is one colour wherever it is a label: the rumor standing of the tone and rumor-share
//! charts and the `rumor` status of the timeline and scorecard (Tol's high-contrast yellow).
//! The scorecard's anonymous share takes the dark blue of Tol's "dark" scheme, far from every
//! status colour (`denied` is a light red, the `anonymous` source type's rose beside it).

use plotters::style::RGBColor;

use crate::lifecycle::Status;
use crate::source_type::{SourceType, Standing};

pub const SOURCE_TYPES: [RGBColor; SourceType::ALL.len()] = [
    RGBColor(0x33, 0x22, 0x88), // subject-on-record: indigo
    RGBColor(0x88, 0xCC, 0xEE), // named-on-record: cyan
    RGBColor(0x44, 0xAA, 0x99), // official-statement: teal
    RGBColor(0x11, 0x77, 0x33), // document: green
    RGBColor(0x99, 0x99, 0x33), // social-post: olive
    RGBColor(0xDD, 0xCC, 0x77), // outlet-asserted: sand
    RGBColor(0x88, 0x22, 0x55), // exclusive-anonymous: wine
    RGBColor(0xCC, 0x66, 0x77), // anonymous: rose
    RGBColor(0xAA, 0x44, 0x99), // secondhand: purple
    RGBColor(0x00, 0x00, 0x00), // unattributed: black
    RGBColor(0xDD, 0xDD, 0xDD), // unknown: pale grey
];

/// "rumor", as a standing and as a status.
pub const RUMOR: RGBColor = RGBColor(0xDD, 0xAA, 0x33);

/// The scorecard's anonymous share of an outlet's rows.
pub const ANONYMOUS_SHARE: RGBColor = RGBColor(0x22, 0x22, 0x55);

pub fn source_type(t: SourceType) -> RGBColor {
    SOURCE_TYPES[t.index()]
}

pub fn standing(s: Standing) -> RGBColor {
    match s {
        Standing::OnRecord => RGBColor(0x00, 0x44, 0x88),
        Standing::Rumor => RUMOR,
        Standing::Unknown => RGBColor(0xDD, 0xDD, 0xDD),
    }
}

pub fn status(s: Status) -> RGBColor {
    match s {
        Status::Confirmed => RGBColor(0x22, 0x88, 0x33),
        Status::Denied => RGBColor(0xEE, 0x66, 0x77),
        Status::Disputed => RGBColor(0xAA, 0x33, 0x77),
        Status::Unresolved => RGBColor(0xBB, 0xBB, 0xBB),
        Status::Rumor => RUMOR,
        Status::Announced => RGBColor(0x44, 0x77, 0xAA),
        Status::Unknown => RGBColor(0xDD, 0xDD, 0xDD),
    }
}

/// `#RRGGBB`, for the HTML swatches: the form plotters writes into the SVG.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}
