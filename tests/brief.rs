//! `claimtrack brief` through the binary: the page parses as HTML, holds one chart per figure
//! with the series the input calls for, escapes hostile text, is the same bytes across runs and
//! thread counts, and refers to nothing outside itself.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Workdir;
use scraper::{ElementRef, Html, Selector};

/// Two people over three months, with a gap month for the first; the numbers below were
/// worked out by hand from these rows.
///
/// - Ada Quill: January anonymous (topic ada-tour, Glimmer Gossip) and exclusive-anonymous
///   (ada-split, Daily Buzz); nothing in February; March subject-on-record confirming ada-tour,
///   official-statement denying ada-split, secondhand (no topic). 5 claims.
/// - Cy Marr: February unattributed (cy-bid, Glimmer Gossip), March named-on-record. 2 claims.
/// - One row with an impossible date, rejected.
const CLAIMS: &str = "\
date,person,claim,speaker,attribution,outlet,topic,source_type,stance
2023-01-05,Ada Quill,She is planning a world tour.,a source,a source said,Glimmer Gossip,ada-tour,anonymous,
2023-01-20,Ada Quill,The couple has split.,an insider,an insider exclusively told Daily Buzz,Daily Buzz,ada-split,exclusive-anonymous,
2023-02-02,Cy Marr,He is bidding for the club.,,reportedly,Glimmer Gossip,cy-bid,unattributed,
2023-02-30,Cy Marr,A row with a date that does not exist.,,,Glimmer Gossip,,,
2023-03-10,Ada Quill,Yes the tour is happening and I love it.,Ada Quill,told Variety,Variety,ada-tour,subject-on-record,confirm
2023-03-01,Ada Quill,The split report is false.,her rep,a rep for Quill denied,Variety,ada-split,official-statement,deny
2023-03-15,Ada Quill,She was seen at the airport.,,according to Daily Buzz,Glimmer Gossip,,secondhand,
2023-03-20,Cy Marr,The bid is a fine idea.,Pat Doyle,Pat Doyle told Variety,Variety,,named-on-record,
";

/// The source types the rows above give: the candidate series of the claims charts.
const WRITTEN: [&str; 7] = [
    "subject-on-record",
    "named-on-record",
    "official-statement",
    "exclusive-anonymous",
    "anonymous",
    "secondhand",
    "unattributed",
];

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// The element's text nodes, each trimmed, joined by one space.
fn words(e: ElementRef<'_>) -> String {
    let parts: Vec<&str> = e.text().map(str::trim).filter(|t| !t.is_empty()).collect();
    parts.join(" ")
}

/// Builds the page for `csv` with `args` and returns it with the parsed document.
fn brief(dir: &Workdir, csv: &str, args: &[&str]) -> (String, Html) {
    dir.write("claims.csv", csv);
    let mut all = vec!["brief", "claims.csv", "-o", "brief.html", "-q"];
    all.extend_from_slice(args);
    dir.ok(&all);
    let page = dir.read("brief.html");
    let doc = Html::parse_document(&page);
    (page, doc)
}

fn figures<'a>(doc: &'a Html, kind: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(&format!("figure[data-chart=\"{kind}\"]")))
        .collect()
}

/// The texts of a figure's chart that are series names from `names`.
fn legend(figure: ElementRef<'_>, names: &[&str]) -> BTreeSet<String> {
    figure
        .select(&sel("svg text"))
        .map(text)
        .filter(|t| names.contains(&t.as_str()))
        .collect()
}

/// Column headers and rows of a figure's table.
fn table(figure: ElementRef<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let header = figure.select(&sel("thead th")).map(text).collect();
    let rows = figure
        .select(&sel("tbody tr"))
        .map(|tr| tr.select(&sel("td")).map(text).collect())
        .collect();
    (header, rows)
}

/// The swatch colour of each column header that has one.
fn swatches(figure: ElementRef<'_>) -> BTreeMap<String, String> {
    figure
        .select(&sel("thead th"))
        .filter_map(|th| {
            let style = th.select(&sel("span.sw")).next()?.value().attr("style")?;
            Some((
                text(th),
                style.trim_start_matches("background:").to_string(),
            ))
        })
        .collect()
}

/// The fill colours of the chart's bars (the white background left out).
fn bar_fills(figure: ElementRef<'_>) -> BTreeSet<String> {
    figure
        .select(&sel("svg rect"))
        .filter_map(|r| r.value().attr("fill"))
        .filter(|f| *f != "#FFFFFF" && *f != "none")
        .map(str::to_string)
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_page_parses_cleanly_and_every_figure_holds_one_chart() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, CLAIMS, &[]);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    let all: Vec<ElementRef<'_>> = doc.select(&sel("figure.chart")).collect();
    // Three per person, the timeline, the scorecard.
    assert_eq!(all.len(), 2 * 3 + 2);
    for figure in all {
        assert_eq!(figure.select(&sel("svg")).count(), 1, "{}", figure.html());
        assert_eq!(figure.select(&sel("table")).count(), 1);
        assert_eq!(figure.select(&sel("figcaption")).count(), 1);
    }
    assert_eq!(
        doc.select(&sel("html[lang=en] head meta[charset=utf-8]"))
            .count(),
        1
    );
}

#[test]
fn headline_counts_claims_people_record_share_open_and_resolved_rumors_and_rejects() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, CLAIMS, &[]);
    let cards: BTreeMap<String, String> = doc
        .select(&sel("#headline dl div"))
        .map(|d| {
            let dt = d.select(&sel("dt")).next().map(text).unwrap_or_default();
            let dd = d.select(&sel("dd")).next().map(words).unwrap_or_default();
            (dt, dd)
        })
        .collect();
    assert_eq!(cards["claims"], "7");
    assert_eq!(cards["people"], "2");
    // 3 of 7 on the record.
    assert_eq!(cards["on the record"], "42.9% 3 claims");
    assert_eq!(cards["open rumors"], "1 topics, rumor or unresolved");
    // As of 2023-03-20, the last month is 2023-03: ada-tour confirmed, ada-split denied.
    assert_eq!(
        cards["rumors resolved in 2023-03"],
        "2 1 confirmed, 1 denied"
    );
    assert_eq!(cards["rejected rows"], "1");
}

#[test]
fn persons_come_most_claimed_first_with_their_source_types_as_series_and_gaps_as_zero() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, CLAIMS, &[]);
    let names: Vec<String> = doc.select(&sel("article.person h3")).map(text).collect();
    assert_eq!(names, ["Ada Quill 5 claims", "Cy Marr 2 claims"]);
    let claims = figures(&doc, "claims");
    assert_eq!(claims.len(), 2);

    let ada = [
        "subject-on-record",
        "official-statement",
        "exclusive-anonymous",
        "anonymous",
        "secondhand",
    ];
    assert_eq!(legend(claims[0], &WRITTEN), set(&ada));
    let (header, rows) = table(claims[0]);
    let mut expected = vec!["period", "claims"];
    expected.extend(ada);
    assert_eq!(header, expected);
    // Both people's months, February included although Ada had no claim then.
    assert_eq!(
        rows,
        [
            vec!["2023-01", "2", "0", "0", "1", "1", "0"],
            vec!["2023-02", "0", "0", "0", "0", "0", "0"],
            vec!["2023-03", "3", "1", "1", "0", "0", "1"],
        ]
    );
    // One colour per series in the bars, the same as the table's swatches.
    let ada_swatches = swatches(claims[0]);
    assert_eq!(ada_swatches.len(), ada.len());
    assert_eq!(
        bar_fills(claims[0]),
        ada_swatches.values().cloned().collect()
    );

    let cy = ["named-on-record", "unattributed"];
    assert_eq!(legend(claims[1], &WRITTEN), set(&cy));
    let cy_swatches = swatches(claims[1]);
    assert_eq!(
        bar_fills(claims[1]),
        cy_swatches.values().cloned().collect()
    );
    // No two labels share a colour, and no label changes colour between people.
    let mut colour_of: BTreeMap<String, String> = ada_swatches;
    for (label, colour) in cy_swatches {
        assert!(colour_of.insert(label, colour).is_none());
    }
    let colours: BTreeSet<&String> = colour_of.values().collect();
    assert_eq!(colours.len(), colour_of.len());
}

#[test]
fn rumor_share_and_tone_charts_have_their_series_and_zero_filled_periods() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, CLAIMS, &[]);
    let share = figures(&doc, "rumor-share");
    assert_eq!(share.len(), 2);
    assert_eq!(legend(share[0], &["rumor share"]), set(&["rumor share"]));
    // One line in the colour of the table's "rumor share" swatch (the axes are lines too).
    let colour = swatches(share[0])["rumor share"].clone();
    let lines: Vec<ElementRef<'_>> = share[0]
        .select(&sel("svg polyline"))
        .filter(|p| p.value().attr("stroke") == Some(colour.as_str()))
        .collect();
    assert_eq!(lines.len(), 2, "the line and its legend mark");
    let (_, rows) = table(share[0]);
    // Ada: January 2 of 2 rumor, February nothing to divide, March 1 of 3.
    assert_eq!(
        rows,
        [
            vec!["2023-01", "2", "2", "1.0000"],
            vec!["2023-02", "0", "0", ""],
            vec!["2023-03", "3", "1", "0.3333"],
        ]
    );
    // The line has a point for every period, the empty one included.
    let points = lines[0]
        .value()
        .attr("points")
        .unwrap_or_default()
        .split_whitespace()
        .count();
    assert_eq!(points, 3);

    let tone = figures(&doc, "tone");
    assert_eq!(tone.len(), 2);
    let series = ["on record", "rumor"];
    assert_eq!(legend(tone[1], &series), set(&series));
    let (header, rows) = table(tone[1]);
    assert_eq!(header[0], "period");
    assert_eq!(rows.len(), 3);
    // Cy: no claim in January, a rumor in February, on the record in March.
    assert_eq!(rows[0][1..], ["0", "", "0", "", ""]);
    assert_eq!(rows[1][3], "1");
    assert_eq!(rows[2][1], "1");
}

#[test]
fn the_timeline_draws_each_rumor_topic_by_status_with_its_days() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, CLAIMS, &[]);
    let timeline = figures(&doc, "timeline");
    assert_eq!(timeline.len(), 1);
    let (_, rows) = table(timeline[0]);
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| vec![r[1].as_str(), r[2].as_str(), r[6].as_str(), r[7].as_str()])
        .collect();
    // 2023-01-05 → 03-10 is 64 days; 01-20 → 03-01, 40; cy-bid open 02-02 → 03-20, 46.
    assert_eq!(
        rows,
        [
            vec!["ada-tour", "confirmed", "64", ""],
            vec!["ada-split", "denied", "40", ""],
            vec!["cy-bid", "rumor", "", "46"],
        ]
    );
    let statuses = ["confirmed", "denied", "rumor", "disputed", "unresolved"];
    assert_eq!(
        legend(timeline[0], &statuses),
        set(&["confirmed", "denied", "rumor"])
    );
    // One bar per topic, in three status colours, plus the legend's three boxes.
    let svg_texts: Vec<String> = timeline[0].select(&sel("svg text")).map(text).collect();
    for label in ["64 d", "40 d", "open 46 d"] {
        assert!(
            svg_texts.iter().any(|t| t == label),
            "{label} in {svg_texts:?}"
        );
    }
    assert_eq!(bar_fills(timeline[0]).len(), 3);
}

#[test]
fn the_outlet_scorecard_lists_outlets_by_rumor_topics_with_outcomes_and_anonymous_share() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, CLAIMS, &[]);
    let outlets = figures(&doc, "outlets");
    assert_eq!(outlets.len(), 1);
    let (header, rows) = table(outlets[0]);
    assert_eq!(
        header[..4],
        ["outlet", "rumor_topics", "confirmed", "denied"]
    );
    let firsts: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    // Glimmer Gossip: ada-tour and cy-bid; Daily Buzz: ada-split; Variety: none.
    assert_eq!(
        firsts,
        [
            ("Glimmer Gossip", "2"),
            ("Daily Buzz", "1"),
            ("Variety", "0")
        ]
    );
    let last = header.len() - 1;
    assert_eq!(header[last], "anonymous_share");
    // Daily Buzz's one row is exclusive-anonymous; Glimmer Gossip has 1 anonymous of 3.
    assert_eq!(rows[1][last], "1.0000");
    assert_eq!(rows[0][last], "0.3333");
    let series = ["confirmed", "denied", "rumor", "anonymous share"];
    assert_eq!(legend(outlets[0], &series), set(&series));
}

#[test]
fn hostile_text_is_shown_as_text() {
    let dir = Workdir::new();
    let csv = "\
date,person,claim,speaker,attribution,outlet,topic
2023-01-05,<script>alert(1)</script> Bo,A claim.,a source,a source said,<img src=x onerror=alert(2)>,\"<b>topic</b> & \"\"more\"\"\"
2023-02-05,<script>alert(1)</script> Bo,Confirmed.,<script>alert(1)</script> Bo,told reporters,<img src=x onerror=alert(2)>,\"<b>topic</b> & \"\"more\"\"\"
";
    let (page, doc) = brief(&dir, csv, &["--person", "<script>alert(1)</script> Bo"]);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("img")).count(), 0);
    assert_eq!(doc.select(&sel("b")).count(), 0);
    let person = doc.select(&sel("article.person h3")).next().map(text);
    assert_eq!(
        person.as_deref(),
        Some("<script>alert(1)</script> Bo 2 claims")
    );
    let outlet = table(figures(&doc, "outlets")[0]).1[0][0].clone();
    assert_eq!(outlet, "<img src=x onerror=alert(2)>");
    let topic = table(figures(&doc, "timeline")[0]).1[0][1].clone();
    assert_eq!(topic, "<b>topic</b> & \"more\"");
    // Also in the charts' own text.
    let svg_text: Vec<String> = doc.select(&sel("svg text")).map(text).collect();
    assert!(
        svg_text.iter().any(|t| t == "<img src=x onerror=alert(2)>"),
        "{svg_text:?}"
    );
    assert!(!page.contains("<script"));
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>"));
}

#[test]
fn the_page_refers_to_nothing_outside_itself() {
    let dir = Workdir::new();
    let (page, doc) = brief(&dir, CLAIMS, &[]);
    for needle in [
        "http", "src=", "href", "url(", "@import", "<script", "<link",
    ] {
        assert!(!page.contains(needle), "the page holds {needle:?}");
    }
    assert_eq!(
        doc.select(&sel("script, link, img, iframe, object"))
            .count(),
        0
    );
    // And it prints: a page rule and print styles.
    assert!(page.contains("@page"));
    assert!(page.contains("@media print"));
}

/// A few thousand rows over several pipeline batches and many people, topics and outlets:
/// row `i`'s fields cycle with different periods, so they combine in many ways.
fn many_claims(rows: usize) -> String {
    let more = ["document", "social-post", "outlet-asserted", "unknown"];
    let types: Vec<&str> = WRITTEN.iter().chain(&more).copied().collect();
    // Stances left to inference, from the claim's words.
    let claims = [
        "The plan is good.",
        "The report is false and she denied it.",
        "She confirmed the news.",
        "A spokesperson declined to comment.",
        "It went badly.",
    ];
    let mut out = String::from("date,person,claim,outlet,topic,source_type\n");
    for i in 0..rows {
        out.push_str(&format!(
            "2022-{:02}-{:02},Person {},{},Outlet {},t{},{}\n",
            1 + i * 7 % 12,
            1 + i * 13 % 28,
            i * 17 % 23,
            claims[i % 7 % claims.len()],
            i * 4 % 17,
            i * 11 % 30,
            types[i * 5 % types.len()],
        ));
    }
    out
}

#[test]
fn the_same_input_gives_the_same_bytes_across_runs_and_thread_counts() {
    let dir = Workdir::new();
    dir.write("claims.csv", many_claims(5000));
    let mut pages = Vec::new();
    for threads in ["1", "1", "3"] {
        dir.ok(&[
            "brief",
            "claims.csv",
            "-o",
            "brief.html",
            "-q",
            "--threads",
            threads,
        ]);
        pages.push(std::fs::read(dir.path("brief.html")).expect("the page"));
    }
    assert!(pages[0].len() > 10_000);
    assert!(pages[0] == pages[1], "two runs differ");
    assert!(pages[0] == pages[2], "--threads 1 and --threads 3 differ");
    dir.assert_no_temporary_files();
}

#[test]
fn top_limits_people_and_outlets_and_defaults_to_twelve() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, &many_claims(2000), &[]);
    assert_eq!(doc.select(&sel("article.person")).count(), 12);
    assert_eq!(table(figures(&doc, "outlets")[0]).1.len(), 12);
    let (_, doc) = brief(&dir, &many_claims(2000), &["--top", "3"]);
    assert_eq!(doc.select(&sel("article.person")).count(), 3);
    assert_eq!(figures(&doc, "claims").len(), 3);
    assert_eq!(table(figures(&doc, "outlets")[0]).1.len(), 3);
}

#[test]
fn by_week_and_as_of_set_the_periods_and_filters_the_people() {
    let dir = Workdir::new();
    // As of a later day, the open rumor counts its days to then, and periods run to it.
    let (_, doc) = brief(
        &dir,
        CLAIMS,
        &[
            "--by",
            "week",
            "--as-of",
            "2023-04-03",
            "--person",
            "cy marr",
        ],
    );
    let names: Vec<String> = doc.select(&sel("article.person h3")).map(text).collect();
    assert_eq!(names, ["Cy Marr 2 claims"]);
    let (_, rows) = table(figures(&doc, "claims")[0]);
    let periods: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    // 2023-02-02 is in 2023-W05, 2023-04-03 in 2023-W14: ten weeks.
    assert_eq!(periods.first(), Some(&"2023-W05"));
    assert_eq!(periods.last(), Some(&"2023-W14"));
    assert_eq!(periods.len(), 10);
    let (_, rows) = table(figures(&doc, "timeline")[0]);
    // 2023-02-02 → 2023-04-03 is 60 days.
    assert_eq!(rows[0][7], "60");
}

#[test]
fn format_is_refused_since_the_brief_is_html() {
    let dir = Workdir::new();
    dir.write("claims.csv", CLAIMS);
    let out = dir.fails(&["brief", "claims.csv", "--format", "csv"], 2);
    assert!(out.stderr.contains("HTML"), "{}", out.stderr);
}

/// `outlets` and `topics` as CSV rows (the generated rows hold no commas or quotes).
fn csv_rows(dir: &Workdir, command: &str) -> Vec<Vec<String>> {
    let out = dir.ok(&[command, "claims.csv", "--format", "csv", "-q"]);
    out.stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn the_tables_hold_the_figures_outlets_and_topics_print_for_the_same_rows() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, &many_claims(3000), &["--top", "100"]);
    let (_, shown) = table(figures(&doc, "outlets")[0]);
    let mut expected = csv_rows(&dir, "outlets");
    assert_eq!(shown.len(), expected.len());
    // The page orders outlets by rumor topics, most first; `outlets` by name.
    let mut shown = shown.clone();
    shown.sort();
    expected.sort();
    assert_eq!(shown, expected);

    let (_, timeline) = table(figures(&doc, "timeline")[0]);
    assert!(!timeline.is_empty());
    let topics = csv_rows(&dir, "topics");
    for row in &timeline {
        let topic = topics
            .iter()
            .find(|t| t[0] == row[0] && t[1] == row[1])
            .unwrap_or_else(|| panic!("{row:?} is not among the topics"));
        // status, first rumor outlet, resolved on, days to resolution
        assert_eq!(
            [&row[2], &row[4], &row[5], &row[6]],
            [&topic[2], &topic[4], &topic[5], &topic[8]],
            "{row:?} vs {topic:?}"
        );
    }
}

#[test]
fn a_file_with_no_accepted_rows_still_gives_a_page_that_says_so() {
    let dir = Workdir::new();
    let csv = "date,person,claim\n2023-02-30,Ada Quill,A date that does not exist.\n";
    let (_, doc) = brief(&dir, csv, &[]);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    assert_eq!(doc.select(&sel("article.person")).count(), 0);
    assert_eq!(doc.select(&sel("svg")).count(), 0);
    let notes: Vec<String> = doc
        .select(&sel("#timeline p, #outlets p"))
        .map(text)
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let rejected = doc
        .select(&sel("#headline dl div"))
        .find(|d| d.select(&sel("dt")).next().map(text).as_deref() == Some("rejected rows"))
        .and_then(|d| d.select(&sel("dd")).next().map(text));
    assert_eq!(rejected.as_deref(), Some("1"));
}
