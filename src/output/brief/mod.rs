//! The nightly brief as a page: what `cmd::brief` aggregated, drawn as inline SVG charts
//! (`charts`, with plotters) and laid out as one self-contained HTML file (`html`, with maud).
//!
//! The page depends on nothing but the values below: no clock, no locale, no hash order, so the
//! same input and flags give the same bytes.

mod charts;
mod html;
mod palette;

use chrono::NaiveDate;

use crate::cmd::report::Figures;
use crate::error::Result;
use crate::lifecycle::{OutletRow, Status};

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct Brief<'a> {
    /// The input files as named on the command line.
    pub inputs: Vec<String>,
    /// The filters in force, as the user typed them (`--person cattrall`), empty if none.
    pub filters: Vec<String>,
    /// The grouping, as the line under the title says it: "by month", ...
    pub by: &'static str,
    /// The period after a chart's subject: "per month", "over the whole range".
    pub per: &'static str,
    pub as_of: Option<NaiveDate>,
    pub headline: Headline,
    /// The charted periods, oldest first, every one between the first and the last (zero-filled).
    pub periods: Vec<String>,
    /// Earlier periods left out of the charts to keep the page small.
    pub periods_left_out: usize,
    /// The most-claimed persons, most first.
    pub persons: Vec<PersonSeries>,
    pub timeline: Vec<TopicBar>,
    /// Topics with a rumor among the charted persons' that the timeline leaves out.
    pub timeline_left_out: usize,
    /// The outlets with the most rumor topics, most first.
    pub outlets: Vec<OutletRow<'a>>,
    pub outlets_total: usize,
}

/// The figures of the strip at the top.
#[derive(Debug, Clone, Default)]
pub struct Headline {
    pub claims: u64,
    pub people: usize,
    pub on_record: u64,
    /// on_record / claims in units of 0.0001.
    pub on_record_share: Option<i64>,
    /// Topics whose status is `rumor` or `unresolved`.
    pub open_rumors: u64,
    /// The period the as-of date falls in ("2023-03").
    pub last_period: String,
    /// Rumors first resolved on the record in `last_period`, by their status.
    pub resolved_confirmed: u64,
    pub resolved_denied: u64,
    pub resolved_disputed: u64,
    pub rejected: u64,
}

/// One person's figures for every charted period (`Figures::default()` where there were none).
#[derive(Debug, Clone)]
pub struct PersonSeries {
    pub name: String,
    /// All of the person's claims, charted periods or not.
    pub claims: u64,
    /// One per `Brief::periods`.
    pub cells: Vec<Figures>,
}

/// One bar of the rumor timeline.
#[derive(Debug, Clone)]
pub struct TopicBar {
    pub person: String,
    pub topic: String,
    pub status: Status,
    pub first_rumor: NaiveDate,
    /// The first on-record resolution; `None` while open (the bar runs to the as-of date).
    pub resolved_on: Option<NaiveDate>,
    /// Days from the first rumor to the resolution, or to the as-of date while open.
    pub days: i64,
    pub first_rumor_outlet: String,
}

impl TopicBar {
    pub fn end(&self, as_of: NaiveDate) -> NaiveDate {
        self.resolved_on.unwrap_or(as_of).max(self.first_rumor)
    }
}

/// The whole page.
pub fn page(brief: &Brief) -> Result<String> {
    html::page(brief)
}
