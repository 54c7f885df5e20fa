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
    assert_eq!(cards["open rumors"], "1 topic, rumor or unresolved");
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
    // Also in the charts' own text (isolated between U+2068 and U+2069).
    let svg_text: Vec<String> = doc
        .select(&sel("svg text"))
        .map(|t| text(t).replace(['\u{2068}', '\u{2069}'], ""))
        .collect();
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

/// The page's style sheet as (in `@media print`?, selectors, declarations), one per rule.
fn css_rules(page: &str) -> Vec<(bool, Vec<String>, String)> {
    let doc = Html::parse_document(page);
    let css: String = doc
        .select(&sel("head style"))
        .map(|s| s.text().collect::<String>())
        .collect();
    let mut rules = Vec::new();
    let mut print = false;
    let mut rest = css.as_str();
    while let Some(open) = rest.find('{') {
        let head = rest[..open].trim();
        if head.starts_with("@media") {
            print = head.contains("print");
            rest = &rest[open + 1..];
            continue;
        }
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .expect("a closed rule");
        let selectors = head.split(',').map(|s| s.trim().to_string()).collect();
        rules.push((print, selectors, rest[open + 1..close].to_string()));
        rest = &rest[close + 1..];
        // The end of an @media block: a `}` right after a rule's.
        let trimmed = rest.trim_start();
        if print && trimmed.starts_with('}') {
            print = false;
            rest = &trimmed[1..];
        }
    }
    rules
}

/// The declarations that apply to `selector` (exactly as written), on screen or in print.
fn declarations(rules: &[(bool, Vec<String>, String)], selector: &str, print: bool) -> String {
    rules
        .iter()
        .filter(|(p, sels, _)| (!*p || print) && sels.iter().any(|s| s == selector))
        .map(|(_, _, d)| d.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// Rows with the long names of the new-user trial: a 44-character outlet, a 46-character topic,
/// a 37-character person, and one name of 120 characters with no space.
fn wide_claims() -> String {
    let person = "Maximiliana Featherstonehaugh-Oyelaran";
    let outlet = "The Extraordinarily Long Weekly Gossip Review";
    let topic = "featherstonehaugh-oyelaran-stadium-tour-rumors";
    let long = "X".repeat(120);
    format!(
        "date,person,claim,speaker,attribution,outlet,topic,source_type\n\
         2023-01-05,{person},She will tour.,a source,a source said,{outlet},{topic},anonymous\n\
         2023-02-05,{long},He will tour.,a source,a source said,{outlet},{long},anonymous\n"
    )
}

#[test]
fn long_names_wrap_and_tables_fit_the_column_on_screen_and_in_print() {
    let dir = Workdir::new();
    let (page, doc) = brief(&dir, &wide_claims(), &[]);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    // The names are on the page in full (the tables do not cut them).
    assert!(page.contains(&"X".repeat(120)));
    assert!(page.contains("The Extraordinarily Long Weekly Gossip Review"));
    let rules = css_rules(&page);
    assert!(rules.len() > 20, "{rules:?}");
    // Headings and the cells of names may break a word anywhere, so no name sets a table's or
    // heading's width; tables are laid out to the column and never wider.
    for selector in ["h1", "h2", "h3", "td.name"] {
        let d = declarations(&rules, selector, false);
        assert!(d.contains("overflow-wrap:anywhere"), "{selector}: {d}");
    }
    assert!(declarations(&rules, "td.name", false).contains("white-space:normal"));
    assert!(declarations(&rules, "th", false).contains("overflow-wrap:break-word"));
    assert!(declarations(&rules, "dl.headline dd", false).contains("overflow-wrap:anywhere"));
    // Every name, outlet and topic in a table is in such a cell: the person's heading and
    // the timeline's and scorecard's cells.
    for figure in [figures(&doc, "timeline")[0], figures(&doc, "outlets")[0]] {
        for bdi in figure.select(&sel("td bdi")) {
            let td = ElementRef::wrap(bdi.parent().expect("a cell")).expect("an element");
            assert_eq!(td.value().attr("class"), Some("name"), "{}", td.html());
        }
    }
    let named: Vec<String> = figures(&doc, "timeline")[0]
        .select(&sel("td.name"))
        .map(text)
        .collect();
    assert!(named.contains(&"X".repeat(120)), "{named:?}");
    assert!(
        named
            .iter()
            .any(|t| t == "featherstonehaugh-oyelaran-stadium-tour-rumors")
    );
    // The scorecard's long column names may break after each `_`, and inside the long word
    // (so the table fits a 700-pixel window: Chromium showed it scrolling in its box, and
    // outlet names broken mid-word, before).
    let head = figures(&doc, "outlets")[0]
        .select(&sel("thead th"))
        .find(|th| text(*th) == "median_days_to_confirmation")
        .expect("the column");
    assert!(
        head.inner_html()
            .contains("median_<wbr>days_<wbr>to_<wbr>confir<wbr>mation"),
        "{}",
        head.inner_html()
    );
    assert!(declarations(&rules, "td.name", false).contains("min-width:7em"));
    let table = declarations(&rules, "table", false);
    assert!(table.contains("table-layout:"), "{table}");
    assert!(
        table.contains("width:100%") && table.contains("max-width:100%"),
        "{table}"
    );
    assert!(declarations(&rules, "svg", false).contains("max-width:100%"));
    // Periods, dates, statuses and numbers stay on one line.
    assert!(declarations(&rules, "td", false).contains("white-space:nowrap"));
}

#[test]
fn in_print_long_tables_break_across_pages_and_only_later_people_start_a_page() {
    let dir = Workdir::new();
    let (page, _) = brief(&dir, &many_claims(3000), &["--by", "week"]);
    let rules = css_rules(&page);
    assert!(rules.iter().any(|(print, _, _)| *print), "no print rules");
    let printed = |selector: &str| declarations(&rules, selector, true);
    // A figure (chart and table) may break; the chart itself may not; a table may.
    assert!(
        printed("table").contains("break-inside:auto"),
        "{}",
        printed("table")
    );
    assert!(
        printed("svg").contains("break-inside:avoid"),
        "{}",
        printed("svg")
    );
    assert!(
        !printed("figure").contains("break-inside:avoid"),
        "{}",
        printed("figure")
    );
    assert!(printed("thead").contains("display:table-header-group"));
    // A page break before each person but the first (no rule breaks before the first one),
    // and before the timeline and the scorecard, so that their heading and note are printed
    // with their chart (in Chromium's PDF they were left at the foot of the page before).
    let breaking: Vec<&Vec<String>> = rules
        .iter()
        .filter(|(_, _, d)| d.contains("break-before:page"))
        .map(|(_, s, _)| s)
        .collect();
    assert_eq!(
        breaking,
        [&vec![
            "article.person+article.person".to_string(),
            "#timeline".to_string(),
            "#outlets".to_string()
        ]]
    );
}

/// The colours of a figure's chart elements: fills and strokes of marks, white and black
/// (background, axes, text) left out.
fn chart_colours(figure: ElementRef<'_>) -> BTreeSet<String> {
    figure
        .select(&sel("svg *"))
        .flat_map(|e| [e.value().attr("fill"), e.value().attr("stroke")])
        .flatten()
        .filter(|c| c.starts_with('#') && !["#FFFFFF", "#000000"].contains(c))
        .map(str::to_string)
        .collect()
}

#[test]
fn one_period_gets_a_point_per_line_and_the_timeline_no_repeated_tick() {
    let dir = Workdir::new();
    // One row; then the sample rows over the whole range (`--by all`).
    let one = "date,person,claim,speaker,attribution,outlet,topic,source_type\n\
               2022-01-05,Ada Quill,She will tour.,a source,a source said,Buzz,ada-tour,anonymous\n";
    for (csv, args) in [(one, &[][..]), (CLAIMS, &["--by", "all"][..])] {
        let (_, doc) = brief(&dir, csv, args);
        // The captions name the period as a reader would: "per month", "over the whole range".
        let captions: Vec<String> = doc.select(&sel("figcaption")).map(text).collect();
        let per = if args.is_empty() {
            "Claims per month, by source type"
        } else {
            "Claims over the whole range, by source type"
        };
        assert!(captions.iter().any(|c| c == per), "{captions:?}");
        for kind in ["rumor-share", "tone"] {
            for figure in figures(&doc, kind) {
                let (_, rows) = table(figure);
                assert_eq!(rows.len(), 1, "{kind}: one period");
                let line_colours: BTreeSet<String> = swatches(figure).into_values().collect();
                // A filled mark (a dot or a square) in each line's colour, not just its
                // legend's box: the legend draws lines, never a filled circle.
                let marks: BTreeSet<String> = figure
                    .select(&sel("svg circle, svg rect"))
                    .filter_map(|e| e.value().attr("fill"))
                    .filter(|f| line_colours.contains(*f))
                    .map(str::to_string)
                    .collect();
                assert_eq!(marks, line_colours, "{kind}: {}", figure.html());
            }
        }
    }
    // The timeline's date ticks.
    let ticks = |csv: &str| -> Vec<String> {
        let (_, doc) = brief(&dir, csv, &[]);
        figures(&doc, "timeline")[0]
            .select(&sel("svg text"))
            .map(text)
            .filter(|t| t.starts_with("20"))
            .collect()
    };
    // The one row's timeline spans a single day: its date is a tick once.
    assert_eq!(ticks(one), ["2022-01-05"]);
    // Over a few days too, every tick a different date.
    let days = "date,person,claim,speaker,attribution,outlet,topic,source_type\n\
                2022-01-05,Ada Quill,She will tour.,a source,a source said,Buzz,ada-tour,anonymous\n\
                2022-01-07,Ada Quill,I will tour.,Ada Quill,told Variety,Variety,ada-tour,subject-on-record\n";
    let ticks = ticks(days);
    let distinct: BTreeSet<&String> = ticks.iter().collect();
    assert!(ticks.len() >= 2, "{ticks:?}");
    assert_eq!(distinct.len(), ticks.len(), "{ticks:?}");
}

fn rgb(hex: &str) -> [i32; 3] {
    let byte = |i: usize| i32::from_str_radix(&hex[i..i + 2], 16).expect("a #RRGGBB colour");
    [byte(1), byte(3), byte(5)]
}

fn distance(a: &str, b: &str) -> f64 {
    let (a, b) = (rgb(a), rgb(b));
    let d: i32 = (0..3).map(|i| (a[i] - b[i]).pow(2)).sum();
    f64::from(d).sqrt()
}

#[test]
fn each_label_has_one_colour_in_every_chart_and_anonymous_share_stands_apart() {
    let dir = Workdir::new();
    let (_, doc) = brief(&dir, CLAIMS, &[]);
    // Every swatch on the page (column heads and the timeline's status cells), by label.
    let mut colour_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for sw in doc.select(&sel("span.sw")) {
        let parent = ElementRef::wrap(sw.parent().expect("a cell")).expect("an element");
        let label = match text(parent).as_str() {
            // The scorecard's column of topics still a rumor.
            "still_rumor" => "rumor".to_string(),
            "rumor share" => "rumor".to_string(),
            other => other.replace('_', " "),
        };
        let colour = sw.value().attr("style").unwrap_or_default();
        let colour = colour.trim_start_matches("background:").to_string();
        colour_of.entry(label).or_default().insert(colour);
    }
    for (label, colours) in &colour_of {
        assert_eq!(colours.len(), 1, "{label} has colours {colours:?}");
    }
    let one = |label: &str| colour_of[label].iter().next().cloned().expect(label);
    let rumor = one("rumor");
    // The same colour in the charts: the rumor lines, the open topic's bar, the scorecard.
    for kind in ["rumor-share", "tone", "timeline", "outlets"] {
        for figure in figures(&doc, kind) {
            assert!(chart_colours(figure).contains(&rumor), "{kind}");
        }
    }
    // No two labels share a colour.
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for (label, colours) in &colour_of {
        let colour = colours.iter().next().expect("a colour").clone();
        if let Some(other) = owner.insert(colour.clone(), label.clone()) {
            panic!("{label} and {other} are both {colour}");
        }
    }
    // The anonymous share is far from every status colour (denied was #EE6677 beside #CC6677).
    let anonymous = one("anonymous share");
    for status in ["confirmed", "denied", "rumor"] {
        let d = distance(&anonymous, &one(status));
        assert!(d > 100.0, "anonymous share {anonymous} vs {status}: {d}");
    }
    let outlets = figures(&doc, "outlets")[0];
    assert!(chart_colours(outlets).contains(&anonymous));
}

#[test]
fn names_outlets_and_topics_are_isolated_for_right_to_left_text() {
    let dir = Workdir::new();
    let csv = "date,person,claim,speaker,attribution,outlet,topic,source_type\n\
               2023-01-05,דוד כהן,He will sign.,a source,a source said,ידיעות,חוזה,anonymous\n\
               2023-02-05,דוד כהן,I signed.,דוד כהן,told Variety,Variety,חוזה,subject-on-record\n";
    let (page, doc) = brief(&dir, csv, &[]);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    let h3 = doc
        .select(&sel("article.person h3"))
        .next()
        .expect("a person");
    let bdi: Vec<String> = h3.select(&sel("bdi")).map(text).collect();
    assert_eq!(bdi, ["דוד כהן"]);
    assert_eq!(words(h3), "דוד כהן 2 claims");
    // The timeline's person, topic and outlet cells; the scorecard's outlets.
    let timeline = figures(&doc, "timeline")[0];
    let cells: Vec<String> = timeline.select(&sel("tbody td > bdi")).map(text).collect();
    assert_eq!(cells, ["דוד כהן", "חוזה", "ידיעות"]);
    let outlets: Vec<String> = figures(&doc, "outlets")[0]
        .select(&sel("tbody td > bdi"))
        .map(text)
        .collect();
    assert_eq!(outlets, ["ידיעות", "Variety"]);
    // The input file's name in the header too.
    let meta: Vec<String> = doc.select(&sel("p.meta bdi")).map(text).collect();
    assert_eq!(meta, ["claims.csv"]);
    // In the charts, each name between FSI and PDI.
    let svg: Vec<String> = doc.select(&sel("svg text")).map(text).collect();
    for name in [
        "\u{2068}ידיעות\u{2069}",
        "\u{2068}דוד כהן\u{2069} · \u{2068}חוזה\u{2069}",
    ] {
        assert!(svg.iter().any(|t| t == name), "{name:?} in {svg:?}");
    }
    assert!(page.contains("unicode-bidi:isolate"));
}

#[test]
fn rows_after_the_as_of_date_are_left_out_with_a_warning() {
    let dir = Workdir::new();
    dir.write("claims.csv", CLAIMS);
    let as_of = |day: &str| {
        let out = dir.ok(&["brief", "claims.csv", "--as-of", day, "-o", "b.html"]);
        (out.stderr, Html::parse_document(&dir.read("b.html")))
    };
    // As of the end of January: five accepted rows are later (the impossible date is rejected).
    let (stderr, doc) = as_of("2023-01-31");
    let said = "5 rows dated after the as-of date 2023-01-31 are left out";
    assert!(stderr.contains(said), "{stderr}");
    let names: Vec<String> = doc.select(&sel("article.person h3")).map(text).collect();
    assert_eq!(names, ["Ada Quill 2 claims"]);
    let (_, rows) = table(figures(&doc, "claims")[0]);
    let periods: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(periods, ["2023-01"]);
    // Both of Ada's topics still open at the as-of date: 01-05 → 01-31 is 26 days, 01-20 → 11.
    let (_, rows) = table(figures(&doc, "timeline")[0]);
    let open: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[7].as_str()))
        .collect();
    assert_eq!(
        open,
        [("ada-tour", "rumor", "26"), ("ada-split", "rumor", "11")]
    );

    // Before every row: an empty page, and the count of all of them.
    let (stderr, doc) = as_of("2020-01-01");
    let said = "7 rows dated after the as-of date 2020-01-01 are left out";
    assert!(stderr.contains(said), "{stderr}");
    assert_eq!(doc.select(&sel("article.person")).count(), 0);
    assert_eq!(doc.select(&sel("svg")).count(), 0);
    // An as-of date on or after every row leaves nothing out and says nothing.
    let (stderr, _) = as_of("2023-03-20");
    assert!(!stderr.contains("as-of date"), "{stderr}");
}

#[test]
fn numbers_have_thousands_separators_and_sentences_their_singulars() {
    let dir = Workdir::new();
    let cards = |doc: &Html| -> BTreeMap<String, String> {
        doc.select(&sel("#headline dl div"))
            .map(|d| {
                let dt = d.select(&sel("dt")).next().map(text).unwrap_or_default();
                let dd = d.select(&sel("dd")).next().map(words).unwrap_or_default();
                (dt, dd)
            })
            .collect()
    };
    let note = |doc: &Html| {
        doc.select(&sel("#persons p.note"))
            .next()
            .map(text)
            .unwrap_or_default()
    };
    let mut csv = String::from("date,person,claim,source_type\n");
    for i in 0..1234 {
        csv.push_str(&format!(
            "2023-01-{:02},Ada Quill,Claim {i}.,subject-on-record\n",
            1 + i % 28
        ));
    }
    let (_, doc) = brief(&dir, &csv, &[]);
    let c = cards(&doc);
    assert_eq!(c["claims"], "1,234");
    assert_eq!(c["on the record"], "100.0% 1,234 claims");
    let h3: Vec<String> = doc.select(&sel("article.person h3")).map(words).collect();
    assert_eq!(h3, ["Ada Quill 1,234 claims"]);
    assert!(
        note(&doc).starts_with("The one person in these rows."),
        "{}",
        note(&doc)
    );

    let one = "date,person,claim,source_type\n2023-01-05,Ada Quill,A claim.,anonymous\n";
    let (_, doc) = brief(&dir, one, &[]);
    let h3: Vec<String> = doc.select(&sel("article.person h3")).map(words).collect();
    assert_eq!(h3, ["Ada Quill 1 claim"]);
    assert_eq!(cards(&doc)["on the record"], "0.0% 0 claims");

    let (_, doc) = brief(&dir, CLAIMS, &[]);
    assert!(
        note(&doc).starts_with("All 2 people, the most-claimed first."),
        "{}",
        note(&doc)
    );
    let (_, doc) = brief(&dir, CLAIMS, &["--top", "1"]);
    assert!(
        note(&doc).starts_with("The most-claimed of 2 people."),
        "{}",
        note(&doc)
    );
    let outlets = doc
        .select(&sel("#outlets p.note"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(
        outlets.starts_with("Of 3 outlets, the one with the most rumor topics."),
        "{outlets}"
    );

    let empty = "date,person,claim\n2023-02-30,Ada Quill,A date that does not exist.\n";
    let (page, doc) = brief(&dir, empty, &[]);
    assert_eq!(note(&doc), "No claims in these rows, so no one to chart.");
    assert!(!page.contains("0 most-claimed"));
    assert!(!page.contains("of 0 people"));
}

#[test]
fn table_options_and_other_output_extensions_are_refused() {
    let dir = Workdir::new();
    dir.write("claims.csv", CLAIMS);
    for flags in [
        &["--columns", "person"][..],
        &["--bom"],
        &["--output-delimiter", ";"],
        &["--escape-formulas"],
        &["--color", "never"],
        &["--color", "auto"],
    ] {
        let mut args = vec!["brief", "claims.csv", "-o", "b.html"];
        args.extend_from_slice(flags);
        let out = dir.fails(&args, 2);
        assert!(
            out.stderr.contains(flags[0]) && out.stderr.contains("HTML"),
            "{flags:?}: {}",
            out.stderr
        );
    }
    // Before the flag's subcommand too (--color is global).
    dir.fails(
        &["--color", "always", "brief", "claims.csv", "-o", "b.html"],
        2,
    );
    assert!(!dir.path("b.html").exists());
    for name in ["y.csv", "y.xlsx", "y.html.txt"] {
        let out = dir.fails(&["brief", "claims.csv", "-o", name], 2);
        assert!(out.stderr.contains(".html"), "{name}: {}", out.stderr);
        assert!(!dir.path(name).exists(), "{name} was written");
    }
    for name in ["page.HTM", "page.html", "page"] {
        dir.ok(&["brief", "claims.csv", "-o", name, "-q"]);
        assert!(dir.read(name).starts_with("<!DOCTYPE html>"), "{name}");
    }
}

/// brief's help lists only what applies to a page: the table options it refuses are left out
/// (still refused when given), and --as-of says what it does to the page and that a relative
/// --since counts from the --as-of given, else from today (as a run shows).
#[test]
fn help_lists_only_the_options_a_page_takes() {
    let dir = Workdir::new();
    let help = dir.ok(&["brief", "--help"]).stdout;
    for refused in [
        "--format",
        "--columns",
        "--bom",
        "--output-delimiter",
        "--escape-formulas",
        "--color",
    ] {
        assert!(
            !help.contains(&format!("{refused} ")),
            "{refused} in:\n{help}"
        );
    }
    for kept in [
        "--by <BY>",
        "--top <N>",
        "--since <WHEN>",
        "--person <NAME>",
        "-o, --output",
    ] {
        assert!(help.contains(kept), "{kept} missing:\n{help}");
    }
    assert!(!help.contains("--partial"), "{help}");
    assert!(help.contains("counts back from the --as-of"), "{help}");
    // The other commands still list them.
    let report = dir.ok(&["report", "--help"]).stdout;
    assert!(report.contains("--escape-formulas") && report.contains("--color <WHEN>"));
    // And what the help says of a relative --since holds: from today without --as-of (the
    // rows are years old, so none is kept), from --as-of with it.
    dir.write("claims.csv", CLAIMS);
    let out = dir.ok(&["brief", "claims.csv", "--since", "30d", "-o", "a.html"]);
    assert!(
        out.stderr.contains("0 rows matched the filters"),
        "{}",
        out.stderr
    );
    let last = CLAIMS
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .max()
        .unwrap()
        .to_string();
    let out = dir.ok(&[
        "brief",
        "claims.csv",
        "--since",
        "30d",
        "--as-of",
        &last,
        "-o",
        "b.html",
    ]);
    assert!(!out.stderr.contains("0 rows matched"), "{}", out.stderr);
}

/// Past 40 topics the timeline draws the most recently active ones and says how many it
/// left out; its note says how the bars are ordered.
#[test]
fn a_long_timeline_says_what_it_draws_and_leaves_out() {
    let dir = Workdir::new();
    let mut csv = String::from("date,person,claim,speaker,outlet,topic,source_type\n");
    for t in 0..45 {
        csv.push_str(&format!(
            "2023-01-{:02},Ada Quill,A rumor.,a source,Daily Buzz,topic-{t},anonymous\n",
            t % 28 + 1
        ));
    }
    let (_, doc) = brief(&dir, &csv, &[]);
    let timeline = doc
        .select(&sel("#timeline p.note"))
        .map(text)
        .next()
        .unwrap();
    assert!(
        timeline.contains("by person in the order above, then by first rumor")
            && timeline.contains(
                "Only the 40 most recently active are drawn; 5 older topics are left out"
            ),
        "{timeline}"
    );
    let (_, rows) = table(figures(&doc, "timeline")[0]);
    assert_eq!(rows.len(), 40);
}

/// A source type's column head may break inside its long words (`<wbr>`), and reads as the
/// name when copied: no character is added.
#[test]
fn source_type_heads_break_at_marked_points_and_copy_as_the_name() {
    let dir = Workdir::new();
    let (page, doc) = brief(&dir, CLAIMS, &[]);
    let heads: Vec<String> = figures(&doc, "claims")[0]
        .select(&sel("th"))
        .map(text)
        .collect();
    assert!(
        heads.iter().any(|h| h == "exclusive-anonymous"),
        "{heads:?}"
    );
    assert!(heads.iter().any(|h| h == "secondhand"), "{heads:?}");
    assert!(
        page.contains("exclu<wbr>sive-anony<wbr>mous") && page.contains("second<wbr>hand"),
        "no break points in the heads"
    );
    assert!(
        !page.contains('\u{ad}'),
        "a soft hyphen would be copied with the table"
    );
}
