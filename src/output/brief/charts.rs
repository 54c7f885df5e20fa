//! The brief's charts, drawn with plotters on its SVG backend into strings the page inlines.
//!
//! Every chart is drawn in pixels of a fixed size (the page's CSS scales it to the column), from
//! integers and ratios only, so its bytes depend on its figures alone. Plotters escapes the
//! text it writes (names, outlets, topics) itself.

use chrono::{Duration, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::TopicBar;
use super::palette;
use crate::cmd::report::Figures;
use crate::error::{Error, Result};
use crate::lifecycle::{OutletRow, Status};
use crate::source_type::{SourceType, Standing};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = std::result::Result<(), DrawingAreaErrorKind<std::io::Error>>;

pub const WIDTH: u32 = 760;
const LEGEND_WIDTH: u32 = 170;
const FONT: &str = "sans-serif";
/// Plotters writes a font size of `size / 1.24` into the SVG: 15 comes out as about 12px.
const TEXT: u32 = 15;
const ROW: u32 = 20;
/// The radius of a line chart's point marker.
const MARKER: u32 = 3;
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// The statuses a rumor can end in (or still be in), in the order the legends list them.
pub const OUTCOMES: [Status; 5] = [
    Status::Confirmed,
    Status::Denied,
    Status::Disputed,
    Status::Unresolved,
    Status::Rumor,
];

/// How a legend entry shows its series: a box for bars, a line for lines.
#[derive(Clone, Copy)]
enum Mark {
    Box,
    Line,
    Dashed,
}

/// Draws on a white `width` × `height` SVG and returns it ready to inline in HTML.
fn svg(width: u32, height: u32, draw: impl FnOnce(&Area<'_>) -> Drawn) -> Result<String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        root.fill(&WHITE)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present())
            .map_err(|e| Error::Other(format!("cannot draw a chart: {e}")))?;
    }
    // Inside HTML the parser puts <svg> in the SVG namespace by itself; without the attribute
    // the page holds no address of any kind.
    Ok(buf.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1))
}

fn font(size: u32) -> TextStyle<'static> {
    (FONT, size).into_font().color(&BLACK)
}

/// A column of legend entries down `area`.
fn legend(area: &Area<'_>, entries: &[(&str, RGBColor, Mark)]) -> Drawn {
    for (i, (label, colour, mark)) in entries.iter().enumerate() {
        let y = 10 + (ROW * i as u32) as i32;
        legend_entry(area, (8, y), label, *colour, *mark)?;
    }
    Ok(())
}

/// A row of legend entries across `area`, each `step` pixels wide.
fn legend_row(area: &Area<'_>, entries: &[(&str, RGBColor, Mark)], step: i32) -> Drawn {
    for (i, (label, colour, mark)) in entries.iter().enumerate() {
        legend_entry(area, (8 + step * i as i32, 6), label, *colour, *mark)?;
    }
    Ok(())
}

fn legend_entry(
    area: &Area<'_>,
    (x, y): (i32, i32),
    label: &str,
    c: RGBColor,
    mark: Mark,
) -> Drawn {
    match mark {
        Mark::Box => area.draw(&Rectangle::new([(x, y), (x + 12, y + 12)], c.filled()))?,
        Mark::Line => area.draw(&PathElement::new(
            vec![(x, y + 6), (x + 18, y + 6)],
            c.stroke_width(2),
        ))?,
        Mark::Dashed => {
            for dx in [0, 8, 16] {
                area.draw(&PathElement::new(
                    vec![(x + dx, y + 6), (x + dx + 5, y + 6)],
                    c.stroke_width(2),
                ))?;
            }
        }
    }
    area.draw(&Text::new(label.to_string(), (x + 24, y - 1), font(TEXT)))
}

/// The label of the period at `x` when `x` is a period's centre, else nothing.
fn period_label(periods: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    periods.get(i as usize).cloned().unwrap_or_default()
}

/// How many period labels fit under a chart without touching.
fn period_labels(periods: &[String]) -> usize {
    let widest = periods.iter().map(String::len).max().unwrap_or(1).max(1);
    // About 7 px a character at 12 px, and a gap between labels.
    let fit = (WIDTH - LEGEND_WIDTH) as usize / (widest * 7 + 16);
    fit.clamp(1, periods.len().max(1))
}

/// The source types that have a claim in some period, most accountable first.
pub fn source_types_shown(cells: &[Figures]) -> Vec<SourceType> {
    SourceType::ALL
        .into_iter()
        .filter(|t| cells.iter().any(|c| c.by_source_type[t.index()] > 0))
        .collect()
}

/// The y axis of a chart over the periods.
struct YAxis<'f> {
    range: std::ops::Range<f64>,
    labels: usize,
    format: &'f dyn Fn(&f64) -> String,
    desc: Option<&'f str>,
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A chart over the periods on `area`, one x position per period (its centre), with the axes
/// and grid every period chart shares.
fn period_chart<'a, 'b>(
    area: &'a Area<'b>,
    periods: &[String],
    y: YAxis<'_>,
) -> std::result::Result<Chart<'a, 'b>, DrawingAreaErrorKind<std::io::Error>> {
    let n = periods.len() as f64;
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .x_label_area_size(26)
        .y_label_area_size(48)
        .build_cartesian_2d(-0.5..n - 0.5, y.range)?;
    let label = |x: &f64| period_label(periods, *x);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .x_labels(period_labels(periods))
        .x_label_formatter(&label)
        .y_labels(y.labels)
        .y_label_formatter(y.format)
        .label_style(font(TEXT))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID);
    if let Some(desc) = y.desc {
        mesh.y_desc(desc);
    }
    mesh.draw()?;
    Ok(chart)
}

/// Claims per period, stacked by source type (most accountable at the bottom), with a legend.
pub fn claims_by_source_type(periods: &[String], cells: &[Figures]) -> Result<String> {
    let shown = source_types_shown(cells);
    let max = cells.iter().map(|c| c.claims).max().unwrap_or(0).max(1);
    // Counts: a label only at whole numbers.
    let whole = |y: &f64| {
        if y.fract() == 0.0 {
            format!("{y:.0}")
        } else {
            String::new()
        }
    };
    svg(WIDTH, 260, |root| {
        let (plot, side) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
        let top = max as f64 * 1.05 + 0.5;
        let y = YAxis {
            range: 0.0..top,
            labels: (max as usize + 2).min(6),
            format: &whole,
            desc: Some("claims"),
        };
        let mut chart = period_chart(&plot, periods, y)?;
        for t in &shown {
            let colour = palette::source_type(*t).filled();
            let bars = cells.iter().enumerate().filter_map(|(i, c)| {
                let n = c.by_source_type[t.index()];
                // What the types before this one in the stack add up to.
                let below: u64 = c.by_source_type[..t.index()].iter().sum();
                let (x, y0, y1) = (i as f64, below as f64, (below + n) as f64);
                (n > 0).then(|| Rectangle::new([(x - 0.4, y0), (x + 0.4, y1)], colour))
            });
            chart.draw_series(bars)?;
        }
        let entries: Vec<(&str, RGBColor, Mark)> = shown
            .iter()
            .map(|t| (t.as_str(), palette::source_type(*t), Mark::Box))
            .collect();
        legend(&side, &entries)
    })
}

/// Rumor claims / all claims per period; 0 in a period with no claims.
pub fn rumor_share(periods: &[String], cells: &[Figures]) -> Result<String> {
    let colour = palette::standing(Standing::Rumor);
    svg(WIDTH, 180, |root| {
        let (plot, side) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
        let y = YAxis {
            range: 0.0..1.0,
            labels: 5,
            format: &|y| format!("{:.0}%", y * 100.0),
            desc: None,
        };
        let mut chart = period_chart(&plot, periods, y)?;
        let points = || {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| (i as f64, units(c.rumor_share)))
        };
        chart.draw_series(LineSeries::new(points(), colour.stroke_width(2)))?;
        // A point per period: a line of one period has no length to draw.
        chart.draw_series(points().map(|p| Circle::new(p, MARKER, colour.filled())))?;
        legend(&side, &[("rumor share", colour, Mark::Line)])
    })
}

/// Mean tone on the record and in rumors per period; 0 in a period with no claims of the tier.
pub fn tone(periods: &[String], cells: &[Figures]) -> Result<String> {
    let on_record = palette::standing(Standing::OnRecord);
    let rumor = palette::standing(Standing::Rumor);
    svg(WIDTH, 200, |root| {
        let (plot, side) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
        let y = YAxis {
            range: -1.0..1.0,
            labels: 5,
            format: &|y| format!("{y:.1}"),
            desc: Some("tone"),
        };
        let mut chart = period_chart(&plot, periods, y)?;
        let series = |mean: fn(&Figures) -> Option<i64>| {
            cells
                .iter()
                .enumerate()
                .map(move |(i, c)| (i as f64, units(mean(c))))
        };
        chart.draw_series(LineSeries::new(
            series(|c| c.tone_on_record),
            on_record.stroke_width(2),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            series(|c| c.tone_rumor),
            6,
            4,
            rumor.stroke_width(2),
        ))?;
        // A point per period, as in the rumor share: on the record a dot, in rumors a square.
        chart.draw_series(
            series(|c| c.tone_on_record).map(|p| Circle::new(p, MARKER, on_record.filled())),
        )?;
        chart.draw_series(series(|c| c.tone_rumor).map(|p| {
            EmptyElement::at(p)
                + Rectangle::new(
                    [
                        (-(MARKER as i32), -(MARKER as i32)),
                        (MARKER as i32, MARKER as i32),
                    ],
                    rumor.filled(),
                )
        }))?;
        legend(
            &side,
            &[
                ("on record", on_record, Mark::Line),
                ("rumor", rumor, Mark::Dashed),
            ],
        )
    })
}

/// Units of 0.0001 as a number; nothing is 0.
fn units(value: Option<i64>) -> f64 {
    value.map_or(0.0, |u| u as f64 / 10_000.0)
}

/// The label of a timeline or scorecard row: at most `max` characters.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

/// Text from the input inside First Strong Isolate … Pop Directional Isolate (U+2068, U+2069):
/// a right-to-left name neither reorders nor is reordered by the text around it.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// A timeline row's label, "person · topic" in at most 40 characters, each part isolated.
fn row_name(person: &str, topic: &str) -> String {
    const MAX: usize = 40;
    let (p, t) = (person.chars().count(), topic.chars().count());
    let person = if p + t + 3 > MAX {
        shorten(person, 18)
    } else {
        person.to_string()
    };
    let room = MAX - 3 - person.chars().count();
    format!("{} · {}", isolate(&person), isolate(&shorten(topic, room)))
}

/// The label of the row at `y` (rows numbered from the top) when `y` is a row's centre.
fn row_label(labels: &[String], y: f64) -> String {
    let i = y.round();
    if (y - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    let top = labels.len() as f64 - 1.0 - i;
    if top < 0.0 {
        return String::new();
    }
    labels.get(top as usize).cloned().unwrap_or_default()
}

/// The x axis of a chart of rows (one bar or stack per row).
struct XAxis<'f> {
    range: std::ops::Range<f64>,
    labels: usize,
    format: &'f dyn Fn(&f64) -> String,
}

/// A chart with one row per label, the first at the top, on `area`; `label_width` 0 leaves
/// the labels out (a panel beside another that has them).
fn row_chart<'a, 'b>(
    area: &'a Area<'b>,
    caption: Option<&str>,
    labels: &[String],
    label_width: u32,
    x: XAxis<'_>,
) -> std::result::Result<Chart<'a, 'b>, DrawingAreaErrorKind<std::io::Error>> {
    let n = labels.len();
    let mut builder = ChartBuilder::on(area);
    // Room on the right for the last x label, centred on the axis's end.
    builder
        .margin(10)
        .margin_right(22)
        .x_label_area_size(26)
        .y_label_area_size(label_width);
    if let Some(caption) = caption {
        builder.caption(caption, font(TEXT));
    }
    let mut chart = builder.build_cartesian_2d(x.range, -0.5..n as f64 - 0.5)?;
    let row = |y: &f64| row_label(labels, *y);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_labels(x.labels)
        .x_label_formatter(x.format)
        .y_labels(n.max(1))
        .y_label_formatter(&row)
        .label_style(font(TEXT))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .draw()?;
    Ok(chart)
}

/// The y of row `i` of `n` (rows counted from the top) and its bar's half height.
fn row_y(n: usize, i: usize) -> f64 {
    (n - 1 - i) as f64
}
const HALF_BAR: f64 = 0.36;

/// Each topic a bar from its first rumor to its resolution (or to `as_of` while open),
/// coloured by status and labelled with its days.
pub fn timeline(bars: &[TopicBar], as_of: NaiveDate) -> Result<String> {
    let n = bars.len();
    let start = bars.iter().map(|b| b.first_rumor).min().unwrap_or(as_of);
    let end = bars
        .iter()
        .map(|b| b.end(as_of))
        .max()
        .unwrap_or(as_of)
        .max(start);
    let span = (end - start).num_days().max(1) as f64;
    let labels: Vec<String> = bars.iter().map(|b| row_name(&b.person, &b.topic)).collect();
    let shown: Vec<Status> = OUTCOMES
        .into_iter()
        .filter(|s| bars.iter().any(|b| b.status == *s))
        .collect();
    // Only whole days are labelled: ticks a fraction of a day apart (a span of a day or two)
    // would repeat one date.
    let date = |x: &f64| {
        let day = start + Duration::days(x.round() as i64);
        if (x - x.round()).abs() > 1e-6 || day > end {
            String::new()
        } else {
            day.format("%Y-%m-%d").to_string()
        }
    };
    let height = 70 + ROW * n as u32 + 28;
    svg(WIDTH, height, |root| {
        let (plot, strip) = root.split_vertically(height - 28);
        // Room after the longest bar for its label.
        let x = XAxis {
            range: 0.0..span * 1.12,
            labels: 6,
            format: &date,
        };
        let mut chart = row_chart(&plot, None, &labels, 270, x)?;
        let y = |i| row_y(n, i);
        chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let x0 = (b.first_rumor - start).num_days() as f64;
            // A topic resolved the day it was first rumored still shows as a sliver.
            let x1 = ((b.end(as_of) - start).num_days() as f64).max(x0 + span / 300.0);
            Rectangle::new(
                [(x0, y(i) - HALF_BAR), (x1, y(i) + HALF_BAR)],
                palette::status(b.status).filled(),
            )
        }))?;
        chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let x1 = (b.end(as_of) - start).num_days() as f64;
            let text = match b.resolved_on {
                Some(_) => format!("{} d", b.days),
                None => format!("open {} d", b.days),
            };
            EmptyElement::at((x1, y(i))) + Text::new(text, (5, -7), font(13))
        }))?;
        let entries: Vec<(&str, RGBColor, Mark)> = shown
            .iter()
            .map(|s| (s.as_str(), palette::status(*s), Mark::Box))
            .collect();
        legend_row(&strip, &entries, 120)
    })
}

/// How each outlet's rumor topics ended, stacked, and beside it the anonymous share of its rows.
pub fn scorecard(outlets: &[OutletRow]) -> Result<String> {
    let n = outlets.len();
    let max = outlets
        .iter()
        .map(|o| o.rumor_topics)
        .max()
        .unwrap_or(0)
        .max(1);
    let labels: Vec<String> = outlets
        .iter()
        .map(|o| isolate(&shorten(o.outlet, 28)))
        .collect();
    let anonymous = palette::ANONYMOUS_SHARE;
    let whole = |x: &f64| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            String::new()
        }
    };
    let height = 80 + ROW * n as u32 + 28;
    svg(WIDTH, height, |root| {
        let (plot, strip) = root.split_vertically(height - 28);
        let (left, right) = plot.split_horizontally(540);
        let y = |i| row_y(n, i);
        let x = XAxis {
            range: 0.0..max as f64 * 1.05 + 0.5,
            labels: (max as usize + 2).min(6),
            format: &whole,
        };
        let caption = Some("rumor topics, by how they ended");
        let mut chart = row_chart(&left, caption, &labels, 200, x)?;
        for (k, status) in OUTCOMES.iter().enumerate() {
            let colour = palette::status(*status).filled();
            chart.draw_series(outlets.iter().enumerate().filter_map(|(i, o)| {
                let counts = outcome_counts(o);
                let below: u64 = counts[..k].iter().sum();
                let (x0, x1) = (below as f64, (below + counts[k]) as f64);
                (counts[k] > 0)
                    .then(|| Rectangle::new([(x0, y(i) - HALF_BAR), (x1, y(i) + HALF_BAR)], colour))
            }))?;
        }
        let x = XAxis {
            range: 0.0..1.0,
            labels: 3,
            format: &|x| format!("{:.0}%", x * 100.0),
        };
        let caption = Some("anonymous share of its rows");
        let mut share = row_chart(&right, caption, &labels, 0, x)?;
        share.draw_series(outlets.iter().enumerate().map(|(i, o)| {
            let x = o.anonymous_share as f64 / 10_000.0;
            Rectangle::new(
                [(0.0, y(i) - HALF_BAR), (x, y(i) + HALF_BAR)],
                anonymous.filled(),
            )
        }))?;
        let mut entries: Vec<(&str, RGBColor, Mark)> = OUTCOMES
            .iter()
            .map(|s| (s.as_str(), palette::status(*s), Mark::Box))
            .collect();
        entries.push(("anonymous share", anonymous, Mark::Box));
        legend_row(&strip, &entries, 112)
    })
}

/// An outlet's rumor topics by outcome, in the order of `OUTCOMES`.
pub fn outcome_counts(o: &OutletRow) -> [u64; 5] {
    [
        o.confirmed,
        o.denied,
        o.disputed,
        o.unresolved,
        o.still_rumor,
    ]
}
