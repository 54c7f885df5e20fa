//! The brief's HTML: maud templates, which escape every value spliced into them, around the
//! charts' SVG. One file with its CSS inline, no script, no address of any kind.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charts::{self, OUTCOMES};
use super::palette;
use super::{Brief, PersonSeries};
use crate::cmd::outlets;
use crate::decimal;
use crate::error::Result;
use crate::output::Value;
use crate::source_type::Standing;

/// Screen: one readable column. Print: the same column on A4 or Letter (the page box is left
/// to the printer's paper), tables in full, each person after the first, the timeline and the
/// scorecard from a new page (Chromium left a section's heading and note at the foot of a page
/// and its chart on the next, `break-after: avoid` notwithstanding),
/// colours kept. Long names, outlets and topics wrap anywhere (in headings and in their cells,
/// `td.name`), column heads between words (and at the `_` of a scorecard column, and inside
/// the long words of source types' names, `HEAD_BREAKS`): the tables are laid out to the
/// column's width, so nothing is cut off on paper or needs a horizontal scrollbar down to a
/// 700-pixel window (narrower, a person's table of twelve source types scrolls in its box). The headline's figures wrap
/// inside their box rather than overflow it (`1,000,000` claims). Periods, dates, statuses and numbers stay on one line. A
/// chart is kept on one page; a long table breaks across pages, its header repeated.
const CSS: &str = "\
:root{color-scheme:light}\
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;\
color:#1a1a1a;background:#fff;margin:0 auto;max-width:820px;padding:16px 20px}\
h1,h2,h3,.meta,.note,td.name{overflow-wrap:anywhere;word-break:break-word}\
h1{font-size:1.6em;margin:.2em 0}\
h2{font-size:1.3em;margin:1.6em 0 .4em;border-bottom:2px solid #222;padding-bottom:.15em}\
h3{font-size:1.1em;margin:1.4em 0 .3em}\
h3 small{font-weight:400;color:#555}\
.meta,.note{color:#555;font-size:.9em;margin:.2em 0 .8em}\
dl.headline{display:grid;grid-template-columns:repeat(auto-fit,minmax(132px,1fr));gap:8px;margin:0}\
dl.headline div{border:1px solid #ccc;border-radius:4px;padding:6px 10px}\
dl.headline dt{font-size:.8em;color:#555}\
dl.headline dd{margin:0;font-size:1.5em;font-weight:600;overflow-wrap:anywhere}\
dl.headline dd small{display:block;font-size:.55em;font-weight:400;color:#555}\
figure{margin:0 0 1.2em;break-inside:auto}\
figcaption{font-weight:600;margin:.3em 0}\
svg{display:block;width:100%;max-width:100%;height:auto;break-inside:avoid}\
svg text{unicode-bidi:isolate}\
.numbers{max-height:15em;overflow:auto;border:1px solid #ddd;margin-top:4px}\
table{border-collapse:collapse;table-layout:auto;width:100%;max-width:100%;font-size:11px;\
font-variant-numeric:tabular-nums;break-inside:auto}\
th,td{padding:2px 4px;text-align:left;border-bottom:1px solid #eee}\
td{white-space:nowrap}td.name{white-space:normal;min-width:7em}th{overflow-wrap:break-word}\
tr{break-inside:avoid}thead{display:table-header-group}\
th{position:sticky;top:0;background:#f4f4f4;font-weight:600;white-space:normal;vertical-align:bottom}\
.n{text-align:right}\
.sw{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em;\
border:1px solid rgba(0,0,0,.25)}\
footer{margin-top:2em;color:#555;font-size:.85em}\
@page{margin:12mm}\
@media print{body{max-width:none;padding:0;font-size:11px}\
.numbers{max-height:none;overflow:visible;border:0}th{position:static}\
table{font-size:9px;break-inside:auto}figure{break-inside:auto}svg{break-inside:avoid}\
article.person+article.person,#timeline,#outlets{break-before:page}\
h2,h3,figcaption,.note{break-after:avoid}\
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

pub fn page(brief: &Brief) -> Result<String> {
    let title = match brief.as_of {
        Some(day) => format!("claimtrack brief, as of {}", day.format("%Y-%m-%d")),
        None => "claimtrack brief".to_string(),
    };
    let mut persons = Vec::with_capacity(brief.persons.len());
    for (i, person) in brief.persons.iter().enumerate() {
        persons.push(person_section(brief, i, person)?);
    }
    let timeline = timeline_section(brief)?;
    let outlets = outlets_section(brief)?;
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (title) }
                    p.meta {
                        "From "
                        @for (i, input) in brief.inputs.iter().enumerate() {
                            @if i > 0 { ", " } bdi { (input) }
                        }
                        "; " (brief.by)
                        @if !brief.filters.is_empty() {
                            "; filters: "
                            @for (i, filter) in brief.filters.iter().enumerate() {
                                @if i > 0 { " " } bdi { (filter) }
                            }
                        }
                        "."
                    }
                }
                (headline(brief))
                section #persons {
                    h2 { "People" }
                    p.note {
                        @if brief.persons.is_empty() {
                            "No claims in these rows, so no one to chart."
                        } @else {
                            (people_shown(brief.persons.len(), brief.headline.people))
                            " Periods with no claims are drawn as 0; in the tables a share or a \
                             mean with no claims to divide is left empty."
                        }
                        @if brief.periods_left_out > 0 {
                            " The charts show the latest "
                            (count(brief.periods.len() as u64, "period", "periods")) "; "
                            (periods_left_out(brief.periods_left_out)) " left out (narrow the rows \
                             with --since, or group by a longer --by)."
                        }
                    }
                    @for section in &persons { (section) }
                }
                (timeline)
                (outlets)
                footer {
                    "Made by claimtrack " (env!("CARGO_PKG_VERSION")) " (claimtrack brief). \
                     The figures are those of claimtrack report, topics and outlets on the same rows."
                }
            }
        }
    };
    Ok(markup.into_string())
}

/// Units of 0.0001 as a percentage with one decimal: 6190 is "61.9%".
fn percent(units: Option<i64>) -> String {
    let Some(tenths) = units.and_then(|u| decimal::divide(i128::from(u), 10)) else {
        return "–".to_string();
    };
    let mut out = String::new();
    decimal::write(&mut out, tenths, 1);
    out.push('%');
    out
}

fn fixed4(units: Option<i64>) -> Value<'static> {
    units.map_or(Value::Null, |units| Value::Decimal { units, places: 4 })
}

/// A table cell: numbers right-aligned, text escaped and isolated (`<bdi>`), since the only
/// text cells hold names from the input.
fn cell(value: Value<'_>) -> Markup {
    let mut text = String::new();
    value.render(&mut text);
    html! {
        @if value.is_number() { td.n { (text) } }
        @else if text.is_empty() { td {} }
        @else { td.name { bdi { (text) } } }
    }
}

/// `n` with thousands separators, as the log lines on stderr write it.
fn thousands(n: u64) -> String {
    crate::output::printable::thousands(n)
}

/// The noun for `n` of it.
fn noun(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// "1 claim", "1,024 claims".
fn count(n: u64, one: &'static str, many: &'static str) -> String {
    format!("{} {}", thousands(n), noun(n, one, many))
}

/// The sentence that says which people the page charts: `shown` of `all` (`shown` ≥ 1).
fn people_shown(shown: usize, all: usize) -> String {
    match (shown, all) {
        (1, 1) => "The one person in these rows.".to_string(),
        (s, a) if s == a => format!(
            "All {} people, the most-claimed first.",
            thousands(a as u64)
        ),
        (1, a) => format!("The most-claimed of {} people.", thousands(a as u64)),
        (s, a) => format!(
            "The {} most-claimed of {} people.",
            thousands(s as u64),
            thousands(a as u64)
        ),
    }
}

/// The same for the outlets of the scorecard (`shown` ≥ 1).
fn outlets_shown(shown: usize, all: usize) -> String {
    match (shown, all) {
        (1, 1) => "The one outlet in these rows.".to_string(),
        (s, a) if s == a => format!(
            "All {} outlets, the most rumor topics first.",
            thousands(a as u64)
        ),
        (1, a) => format!(
            "Of {} outlets, the one with the most rumor topics.",
            thousands(a as u64)
        ),
        (s, a) => format!(
            "The {} of {} outlets with the most rumor topics.",
            thousands(s as u64),
            thousands(a as u64)
        ),
    }
}

/// "3 earlier periods are", "1 earlier period is".
fn periods_left_out(n: usize) -> String {
    match n {
        1 => "1 earlier period is".to_string(),
        n => format!("{} earlier ones are", thousands(n as u64)),
    }
}

/// Where the long words of the source types' names may break in a column head (`<wbr>`: no
/// character is added, so a copied table reads as the names). A person's table of twelve
/// source types then fits a 700-pixel window with heads broken only there and at hyphens;
/// breaking heads anywhere squeezed every head mid-word ("clai/ms") at any width.
const HEAD_BREAKS: [(&str, &str); 12] = [
    ("unattributed", "un|attrib|uted"),
    ("unresolved", "un|resolved"),
    ("confirmed", "con|firmed"),
    ("confirmation", "confir|mation"),
    ("disputed", "dis|puted"),
    ("secondhand", "second|hand"),
    ("statement", "state|ment"),
    ("anonymous", "anony|mous"),
    ("document", "docu|ment"),
    ("asserted", "assert|ed"),
    ("exclusive", "exclu|sive"),
    ("official", "offi|cial"),
];

/// A column head with the break points of `HEAD_BREAKS`, and one after each `_` of a
/// scorecard column (`anonymous_` / `share`).
fn head(label: &str) -> Markup {
    let mut marked = label.replace('_', "_|");
    for (word, broken) in HEAD_BREAKS {
        marked = marked.replace(word, broken);
    }
    html! {
        @for (i, piece) in marked.split('|').enumerate() {
            @if i > 0 { wbr; }
            (piece)
        }
    }
}

fn swatch(colour: plotters::style::RGBColor) -> Markup {
    html! { span.sw style=(format!("background:{}", palette::hex(colour))) {} }
}

fn headline(brief: &Brief) -> Markup {
    let h = &brief.headline;
    let resolved = h.resolved_confirmed + h.resolved_denied + h.resolved_disputed;
    html! {
        section #headline {
            dl.headline {
                div { dt { "claims" } dd { (thousands(h.claims)) } }
                div { dt { "people" } dd { (thousands(h.people as u64)) } }
                div {
                    dt { "on the record" }
                    dd { (percent(h.on_record_share)) small { (count(h.on_record, "claim", "claims")) } }
                }
                div {
                    dt { "open rumors" }
                    dd {
                        (thousands(h.open_rumors))
                        small { (noun(h.open_rumors, "topic", "topics")) ", rumor or unresolved" }
                    }
                }
                div {
                    dt { "rumors resolved in " (h.last_period) }
                    dd {
                        (thousands(resolved))
                        small {
                            (thousands(h.resolved_confirmed)) " confirmed, "
                            (thousands(h.resolved_denied)) " denied"
                            @if h.resolved_disputed > 0 {
                                ", " (thousands(h.resolved_disputed)) " disputed"
                            }
                        }
                    }
                }
                div { dt { "rejected rows" } dd { (thousands(h.rejected)) } }
            }
        }
    }
}

fn person_section(brief: &Brief, i: usize, person: &PersonSeries) -> Result<Markup> {
    let periods = &brief.periods;
    let cells = &person.cells;
    let shown = charts::source_types_shown(cells);
    let rows = || periods.iter().zip(cells);
    let on_record = palette::standing(Standing::OnRecord);
    let rumor = palette::standing(Standing::Rumor);
    Ok(html! {
        article.person id=(format!("person-{}", i + 1)) {
            h3 { bdi { (person.name) } " " small { (count(person.claims, "claim", "claims")) } }
            figure.chart data-chart="claims" {
                figcaption { "Claims " (brief.per) ", by source type" }
                (PreEscaped(charts::claims_by_source_type(periods, cells)?))
                div.numbers { table {
                    thead { tr {
                        th { "period" } th.n { "claims" }
                        @for t in &shown { th.n { (swatch(palette::source_type(*t))) (head(t.as_str())) } }
                    } }
                    tbody { @for (period, c) in rows() { tr {
                        td { (period) } td.n { (c.claims) }
                        @for t in &shown { td.n { (c.by_source_type[t.index()]) } }
                    } } }
                } }
            }
            figure.chart data-chart="rumor-share" {
                figcaption { "Rumor share " (brief.per) }
                (PreEscaped(charts::rumor_share(periods, cells)?))
                div.numbers { table {
                    thead { tr {
                        th { "period" } th.n { "claims" } th.n { "rumor" }
                        th.n { (swatch(rumor)) "rumor share" }
                    } }
                    tbody { @for (period, c) in rows() { tr {
                        td { (period) } td.n { (c.claims) } td.n { (c.rumor) }
                        (cell(fixed4(c.rumor_share)))
                    } } }
                } }
            }
            figure.chart data-chart="tone" {
                figcaption { "Mean tone on the record vs in rumors " (brief.per) }
                (PreEscaped(charts::tone(periods, cells)?))
                div.numbers { table {
                    thead { tr {
                        th { "period" } th.n { "on record claims" } th.n { (swatch(on_record)) "on record" }
                        th.n { "rumor claims" } th.n { (swatch(rumor)) "rumor" } th.n { "gap" }
                    } }
                    tbody { @for (period, c) in rows() { tr {
                        td { (period) } td.n { (c.on_record) } (cell(fixed4(c.tone_on_record)))
                        td.n { (c.rumor) } (cell(fixed4(c.tone_rumor))) (cell(fixed4(c.tone_gap)))
                    } } }
                } }
            }
        }
    })
}

fn timeline_section(brief: &Brief) -> Result<Markup> {
    let (Some(as_of), false) = (brief.as_of, brief.timeline.is_empty()) else {
        return Ok(html! {
            section #timeline {
                h2 { "Rumor timeline" }
                p.note { "No topic of these people started as a rumor." }
            }
        });
    };
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(html! {
        section #timeline {
            h2 { "Rumor timeline" }
            p.note {
                "Each topic of the people above, from its first rumor to its first answer on the \
                 record (or to " (day(as_of)) " while open); by person in the order above, then \
                 by first rumor."
                @if brief.timeline_left_out > 0 {
                    " Only the " (brief.timeline.len()) " most recently active are drawn; "
                    (thousands(brief.timeline_left_out as u64))
                    @if brief.timeline_left_out == 1 { " older topic is" } @else { " older topics are" }
                    " left out (claimtrack topics lists them all)."
                }
            }
            figure.chart data-chart="timeline" {
                figcaption { "Topics by status, with the days to resolution" }
                (PreEscaped(charts::timeline(&brief.timeline, as_of)?))
                div.numbers { table {
                    thead { tr {
                        th { "person" } th { "topic" } th { "status" } th { "first rumor" }
                        th { "first rumor outlet" } th { "resolved on" }
                        th.n { "days to resolution" } th.n { "days open" }
                    } }
                    tbody { @for b in &brief.timeline { tr {
                        td.name { bdi { (b.person) } } td.name { bdi { (b.topic) } }
                        td { (swatch(palette::status(b.status))) (b.status.as_str()) }
                        td { (day(b.first_rumor)) } td.name { bdi { (b.first_rumor_outlet) } }
                        @match b.resolved_on {
                            Some(on) => { td { (day(on)) } td.n { (b.days) } td.n {} }
                            None => { td {} td.n {} td.n { (b.days) } }
                        }
                    } } }
                } }
            }
        }
    })
}

fn outlets_section(brief: &Brief) -> Result<Markup> {
    if brief.outlets.is_empty() {
        return Ok(html! {
            section #outlets { h2 { "Outlet scorecard" } p.note { "No outlet in these rows." } }
        });
    }
    let coloured = |column: &str| {
        let status = OUTCOMES.into_iter().find(|s| match column {
            "still_rumor" => s.as_str() == "rumor",
            other => s.as_str() == other,
        });
        status
            .map(palette::status)
            .or_else(|| (column == "anonymous_share").then_some(palette::ANONYMOUS_SHARE))
    };
    Ok(html! {
        section #outlets {
            h2 { "Outlet scorecard" }
            p.note {
                (outlets_shown(brief.outlets.len(), brief.outlets_total))
                " An outlet's rumor topics are those it published a rumor about before the \
                 topic's first answer on the record."
            }
            figure.chart data-chart="outlets" {
                figcaption { "How each outlet's rumors ended, and its anonymous share" }
                (PreEscaped(charts::scorecard(&brief.outlets)?))
                div.numbers { table {
                    thead { tr { @for column in outlets::COLUMNS {
                        th.n[column != "outlet"] {
                            @if let Some(c) = coloured(column) { (swatch(c)) }
                            (head(column))
                        }
                    } } }
                    tbody { @for o in &brief.outlets { tr {
                        @for value in outlets::values(o) { (cell(value)) }
                    } } }
                } }
            }
        }
    })
}
