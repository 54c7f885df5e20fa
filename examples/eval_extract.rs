//! How well `claimtrack extract` finds the statements in real news articles (issue 11).
//!
//! **PolNeAR** (political news, every attribution annotated by people as Source, Cue and Content
//! spans): runs the release binary over the split's articles and compares its rows with the
//! annotations.
//!
//! - **precision**: share of extracted rows whose claim span `[start, end)` *matches* the Content
//!   of some annotated attribution (speech or not: a belief found as a statement is not noise);
//! - **recall**: share of annotated *speech* attributions (see [`SPEECH_CUE_WORDS`]) whose
//!   Content matches some extracted row;
//! - **speaker**: over matched pairs whose annotation has a Source, share where the row names the
//!   same speaker (see [`speaker_agrees`]); pairs whose Source is a bare pronoun ("he") are also
//!   counted as *resolved* when the row's speaker is a name the article printed before the claim.
//!
//! Two spans *match* when their overlap is at least half the row's claim span or at least half
//! the Content span (a discontinuous Content counts all its pieces). Offsets are characters
//! (Unicode scalar values), end exclusive, as in brat and in extract's `start`/`end`.
//!
//! **Celebrity fake/legit news** (`--celebrity`): extracts the 500 articles, pipes the rows
//! through `claimtrack label -`, and reports, fake vs legit, the share of rows labeled
//! `anonymous` or `exclusive-anonymous` and the share of articles with at least one.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example eval_extract                      # PolNeAR dev (held out)
//! cargo run --release --example eval_extract -- --split train --misses 30
//! cargo run --release --example eval_extract -- --celebrity
//! cargo run --release --example eval_extract -- PATH/TO/polnear   # another copy of the data
//! ```
//!
//! `dev` is the held-out split: tune on `train` only. Misses are printed for `train` unless
//! `--misses-dev` is given. The test split is never read. The binary is `$CLAIMTRACK`, else
//! `target/release/claimtrack`. Exits 0 with a message when the data folder is absent.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

const DEFAULT_POLNEAR: &str = "../shared/external/polnear";
const DEFAULT_CELEBRITY: &str = "../shared/external/celebrity-fakenews";
/// Files per extract invocation: many at once, but well under any argument-length limit.
const FILES_PER_RUN: usize = 200;

/// Cue words, in groups (`group:` then its words), that make an annotated attribution a *speech* attribution: acts of saying, writing,
/// reporting and documents showing. An attribution is speech when any word of its Cue (lower
/// case, possessive and punctuation stripped) is listed here, when the Cue is "according to", or
/// when the Cue is only punctuation (a colon or a dash introducing a quotation).
///
/// Left out on purpose: beliefs, wishes, plans and perceptions (think, believe, fear, want, hope,
/// expect, know, see, seem, feel, worry, plan, support, oppose), which PolNeAR also annotates but
/// which are no statement anyone could quote.
const SPEECH_CUE_WORDS: &str = "
    saying: say says said saying tell tells told telling add adds added adding state
    states stated stating statement statements speak speaks spoke speaking talk talks talked
    talking remark remarked remarks comment comments commented mention mentions mentioned
    interview quote quoted quoting according
    answering: ask asks asked asking reply replies replied respond responds responded
    responding answer answered retort retorted question questioned questioning decline declines
    declined
    asserting: explain explains explained explaining argue argues argued arguing claim
    claims claimed claiming assert asserts asserted contend contends contended insist insists
    insisted insisting maintain maintained note notes noted noting point pointed continue
    continues continued declare declares declared announce announces announced announcing
    emphasize emphasized stress stressed repeat repeated reiterate reiterated suggest suggests
    suggested suggesting acknowledge acknowledges acknowledged admit admits admitted concede
    conceded agree agrees agreed recall recalls recalled describe describes described describing
    predict predicted estimate estimates estimated conclude concluded allege alleges alleged echo
    echoed joke joked quip quipped boast boasted complain complained hint hinted cite cites cited
    citing
    judging-aloud: call calls called calling accuse accused accusing
    criticize criticized criticizing attack attacked attacking blast blasted slam slammed condemn
    condemned praise praised defend defended dismiss dismissed deny denies denied denying confirm
    confirms confirmed warn warns warned warning urge urges urged promise promised pledge pledged
    vow vowed demand demanded threaten threatened chant chanting chanted shout shouted yell
    yelled testify testified
    writing: write writes wrote written writing tweet tweets tweeted tweeting post posts
    posted letter publish published release released issue issued
    documents: report reports reported reporting reveal reveals revealed disclose
    disclosed learned show shows showed shown showing find finds found indicate indicates
    indicated
";

/// Bare pronoun Sources: the row should name whom they refer to.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "we", "i", "it", "you", "him", "her", "them", "us", "me", "who",
];

// ---------------------------------------------------------------------------------------------
// The annotations

/// One annotated span: its pieces as `[start, end)` character offsets, and its text.
#[derive(Debug, Clone, Default, PartialEq)]
struct Span {
    pieces: Vec<(usize, usize)>,
    text: String,
}

impl Span {
    fn len(&self) -> usize {
        self.pieces.iter().map(|(s, e)| e - s).sum()
    }
}

/// One annotated attribution (an `E` line): Content (with `Content2`), Cue and Source.
#[derive(Debug, Clone, Default)]
struct Attribution {
    relation: String,
    content: Span,
    cue: Option<Span>,
    source: Option<Span>,
}

/// Reads a brat `.ann` file: `T` lines are spans (`T3<TAB>Content 10 20;25 30<TAB>text`), `E`
/// lines tie them (`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`). Lines of other kinds
/// (notes, stray text) are skipped; an attribution with no Content is dropped.
fn parse_ann(ann: &str) -> Result<Vec<Attribution>, String> {
    let mut spans: HashMap<&str, Span> = HashMap::new();
    for (n, line) in ann.lines().enumerate() {
        if !line.starts_with('T') {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(kind_offsets)) = (fields.next(), fields.next()) else {
            continue;
        };
        let text = fields.next().unwrap_or("").to_string();
        // "Content 10 20;25 30": the kind, then pieces separated by ';'.
        let offsets = kind_offsets.split_once(' ').map_or("", |(_, o)| o);
        let mut pieces = Vec::new();
        for piece in offsets.split(';') {
            let bad = || {
                format!(
                    "line {}: expected `START END` offsets, found {piece:?}",
                    n + 1
                )
            };
            let (s, e) = piece.trim().split_once(' ').ok_or_else(bad)?;
            let s: usize = s.parse().map_err(|_| bad())?;
            let e: usize = e.parse().map_err(|_| bad())?;
            pieces.push((s.min(e), s.max(e)));
        }
        spans.insert(id, Span { pieces, text });
    }
    let mut attributions = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let (relation, roles) = line.split_once('\t').unwrap_or((line, ""));
        let mut attribution = Attribution {
            relation: relation.to_string(),
            ..Attribution::default()
        };
        for (role, id) in roles.split_whitespace().filter_map(|r| r.split_once(':')) {
            let Some(span) = spans.get(id) else { continue };
            match role {
                "Content" | "Content2" => {
                    attribution.content.pieces.extend(&span.pieces);
                    if !attribution.content.text.is_empty() {
                        attribution.content.text.push(' ');
                    }
                    attribution.content.text.push_str(&span.text);
                }
                "Cue" => attribution.cue = Some(span.clone()),
                "Source" => attribution.source = Some(span.clone()),
                _ => {}
            }
        }
        if !attribution.content.pieces.is_empty() {
            attributions.push(attribution);
        }
    }
    Ok(attributions)
}

/// The words of [`SPEECH_CUE_WORDS`], without the group names (the words ending in ':').
fn speech_cue_words() -> impl Iterator<Item = &'static str> {
    SPEECH_CUE_WORDS
        .split_whitespace()
        .filter(|w| !w.ends_with(':'))
}

/// Whether an annotated Cue is an act of saying, writing, reporting or showing.
fn is_speech_cue(cue: &str) -> bool {
    let lower = cue.to_lowercase();
    if lower.chars().all(|c| !c.is_alphanumeric()) && !lower.trim().is_empty() {
        return true; // "King: ..." or "... ― Maria Lopez": punctuation introduces a quote
    }
    words(&lower).any(|w| speech_cue_words().any(|s| s == w))
}

// ---------------------------------------------------------------------------------------------
// Matching

/// Characters shared by two spans, each a list of `[start, end)` pieces.
fn overlap(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let mut shared = 0;
    for &(s1, e1) in a {
        for &(s2, e2) in b {
            shared += e1.min(e2).saturating_sub(s1.max(s2));
        }
    }
    shared
}

/// The matching rule: the overlap covers at least half of either span.
fn spans_match(row: (usize, usize), content: &Span) -> bool {
    let shared = overlap(&[row], &content.pieces);
    shared > 0 && (2 * shared >= row.1 - row.0 || 2 * shared >= content.len())
}

/// Words of a phrase, lower case, with possessive 's and surrounding punctuation removed.
fn words(phrase: &str) -> impl Iterator<Item = String> + '_ {
    phrase
        .split(|c: char| c.is_whitespace() || c == '—' || c == '/')
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// Words after which a Source's head noun is over ("a spokesman for the campaign").
const POST_MODIFIERS: &[&str] = &[
    "of", "for", "at", "in", "on", "from", "with", "who", "which", "that", "to",
];

/// The head word of an annotated Source, lower case: the phrase is cut at its first comma,
/// parenthesis or dash (appositions: "Hope Hicks, the top spokeswoman ..."); when what is left
/// ends in a capitalised word it is a name and its last word is the head ("Secretary of State
/// John Kerry" → kerry); otherwise it is cut again before its first preposition or relative
/// pronoun and its last word is the head ("a spokesman for the Trump campaign" → spokesman,
/// "Trump's campaign manager" → manager).
fn head_word(source: &str) -> Option<String> {
    let first = source
        .split([',', '(', '—', '–', ';'])
        .next()
        .unwrap_or(source);
    let raw: Vec<&str> = first.split_whitespace().collect();
    let ends_in_name = raw
        .last()
        .and_then(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next()
        })
        .is_some_and(char::is_uppercase);
    let kept = if ends_in_name {
        raw.len()
    } else {
        raw.iter()
            .skip(1)
            .position(|w| POST_MODIFIERS.contains(&w.to_lowercase().as_str()))
            .map_or(raw.len(), |i| i + 1)
    };
    words(&raw[..kept].join(" ")).last()
}

/// Speaker rule: the annotated Source's head word (see [`head_word`]) is one of the words of
/// the row's `speaker` or `attribution`, ignoring case and possessive 's. A Source "he" agrees
/// with attribution "he continued"; "the source" with speaker "a source close to the couple".
fn speaker_agrees(gold_source: &str, speaker: &str, attribution: &str) -> bool {
    let Some(head) = head_word(gold_source) else {
        return false;
    };
    words(speaker).chain(words(attribution)).any(|w| w == head)
}

fn is_pronoun(source: &str) -> bool {
    let lower = source.trim().to_lowercase();
    PRONOUNS.contains(&lower.as_str())
}

/// Resolution rule for a pronoun Source: the row's speaker is not itself a pronoun, starts with
/// a capital letter, and its last word is printed in the article before the claim starts.
fn resolved_to_name(speaker: &str, text_before: &str) -> bool {
    let speaker = speaker.trim();
    if speaker.is_empty() || is_pronoun(speaker) || !speaker.starts_with(char::is_uppercase) {
        return false;
    }
    let last = speaker.split_whitespace().last().unwrap_or(speaker);
    let last = last.trim_matches(|c: char| !c.is_alphanumeric());
    !last.is_empty() && text_before.contains(last)
}

// ---------------------------------------------------------------------------------------------
// Running the binary

/// One row of extract's output.
#[derive(Debug, Clone)]
struct Row {
    article: String,
    speaker: String,
    attribution: String,
    claim: String,
    start: usize,
    end: usize,
    /// All the row's fields by column name, to hand on to `label`.
    record: Vec<(String, String)>,
}

/// An article's id as extract prints it, reduced to the file's stem ("a/b/x.txt" → "x").
fn article_key(id: &str) -> String {
    let name = id.rsplit(['/', '\\']).next().unwrap_or(id);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

/// What the binary's `extract --help` offers.
struct ExtractFlags {
    date: bool,
    outlet: bool,
    /// `--person-filter none` or `--all-people`: keep every statement, whomever it is about.
    keep_all: Option<Vec<&'static str>>,
    /// `--format`: asked for CSV explicitly rather than trusting the default for a pipe.
    format: bool,
}

fn extract_flags(bin: &Path) -> Result<ExtractFlags, String> {
    let out = Command::new(bin)
        .args(["extract", "--help"])
        .output()
        .map_err(|e| {
            format!(
                "cannot run {}: {e} (build it: cargo build --release, or set $CLAIMTRACK)",
                bin.display()
            )
        })?;
    if !out.status.success() {
        return Err(format!(
            "`{} extract --help` failed: has this build the extract command? {}",
            bin.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let help = String::from_utf8_lossy(&out.stdout);
    let keep_all = if help.contains("--person-filter") {
        Some(vec!["--person-filter", "none"])
    } else if help.contains("--all-people") {
        Some(vec!["--all-people"])
    } else {
        None
    };
    Ok(ExtractFlags {
        date: help.contains("--date"),
        outlet: help.contains("--outlet"),
        keep_all,
        format: help.contains("--format"),
    })
}

/// The arguments every extract run gets: keep every statement, print CSV (when offered).
fn base_args(flags: &ExtractFlags) -> Vec<String> {
    let mut args: Vec<String> = flags
        .keep_all
        .iter()
        .flatten()
        .map(|s| s.to_string())
        .collect();
    if flags.format {
        args.extend(["--format".to_string(), "csv".to_string()]);
    }
    args
}

/// Runs `extract` on files, `FILES_PER_RUN` at a time, with the given flags, and parses its CSV.
fn run_extract(bin: &Path, flags: &[String], files: &[PathBuf]) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for chunk in files.chunks(FILES_PER_RUN) {
        let out = Command::new(bin)
            .arg("extract")
            .args(flags)
            .args(chunk)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        for line in stderr.lines().take(3) {
            eprintln!("  extract: {line}");
        }
        if !out.status.success() {
            eprintln!(
                "  extract exited with {} (rows it printed are kept)",
                out.status
            );
        }
        rows.extend(parse_rows(&out.stdout)?);
    }
    Ok(rows)
}

/// The position of a named column, or an error naming the file (`what`) and its header.
fn column_index(headers: &csv::StringRecord, name: &str, what: &str) -> Result<usize, String> {
    headers
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("{what} has no `{name}` column (header: {headers:?})"))
}

/// Parses extract's CSV by column name.
fn parse_rows(csv_bytes: &[u8]) -> Result<Vec<Row>, String> {
    if csv_bytes.is_empty() {
        return Ok(Vec::new());
    }
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let headers = reader
        .headers()
        .map_err(|e| format!("extract's output: {e}"))?
        .clone();
    let column = |name: &str| column_index(&headers, name, "extract's output");
    let (article, speaker, attribution) = (
        column("article")?,
        column("speaker")?,
        column("attribution")?,
    );
    let (claim, start, end) = (column("claim")?, column("start")?, column("end")?);
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("extract's output, row {}: {e}", n + 1))?;
        let number = |i: usize| {
            record[i].parse::<usize>().map_err(|_| {
                format!(
                    "extract's output, row {}: `{}` is {:?}, expected a number",
                    n + 1,
                    &headers[i],
                    &record[i]
                )
            })
        };
        rows.push(Row {
            article: article_key(&record[article]),
            speaker: record[speaker].to_string(),
            attribution: record[attribution].to_string(),
            claim: record[claim].to_string(),
            start: number(start)?,
            end: number(end)?,
            record: headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect(),
        });
    }
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// PolNeAR

/// One article of the split: its text, metadata and first annotator's attributions.
struct Article {
    key: String,
    path: PathBuf,
    publisher: String,
    date: String,
    text: String,
    /// Byte offset of each character, and the text's length at the end: character → byte.
    char_bytes: Vec<usize>,
    attributions: Vec<Attribution>,
}

impl Article {
    /// The text of characters `[start, end)`, clamped to the article.
    fn slice(&self, start: usize, end: usize) -> &str {
        let last = self.char_bytes.len() - 1;
        let (s, e) = (start.min(last), end.min(last));
        &self.text[self.char_bytes[s]..self.char_bytes[e.max(s)]]
    }
}

/// The files of a folder with the given extension, sorted by name.
fn sorted_files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads a split's articles. Only `train` and `dev` are accepted: the test split is never read.
fn read_split(dir: &Path, split: &str) -> Result<Vec<Article>, String> {
    assert!(
        split == "train" || split == "dev",
        "only train and dev may be read"
    );
    let meta_path = dir.join("metadata.tsv");
    let mut meta = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_path(&meta_path)
        .map_err(|e| format!("{}: {e}", meta_path.display()))?;
    let headers = meta
        .headers()
        .map_err(|e| format!("{}: {e}", meta_path.display()))?
        .clone();
    let what = meta_path.display().to_string();
    let column = |name: &str| column_index(&headers, name, &what);
    let (comp, file, publisher, date) = (
        column("compartment")?,
        column("filename")?,
        column("publisher")?,
        column("publication_date")?,
    );
    let mut metadata = HashMap::new();
    for record in meta.records() {
        let record = record.map_err(|e| format!("{}: {e}", meta_path.display()))?;
        if &record[comp] == split {
            metadata.insert(
                record[file].to_string(),
                (record[publisher].to_string(), record[date].to_string()),
            );
        }
    }

    // The first annotator's file of each article, by sorted name: `ARTICLE_ANNOTATOR.ann`.
    let ann_dir = dir.join(split).join("attributions");
    let ann_files = sorted_files(&ann_dir, "ann")?;
    let mut first_ann: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in ann_files {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let key = stem
            .rsplit_once('_')
            .map_or(stem.as_str(), |(k, _)| k)
            .to_string();
        first_ann.entry(key).or_insert(path);
    }

    let mut articles = Vec::new();
    for (key, ann_path) in first_ann {
        let path = dir.join(split).join("text").join(format!("{key}.txt"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!(
                "eval_extract: {}: no readable text for {}; skipped",
                path.display(),
                ann_path.display()
            );
            continue;
        };
        let ann = std::fs::read_to_string(&ann_path)
            .map_err(|e| format!("{}: {e}", ann_path.display()))?;
        let attributions = parse_ann(&ann).map_err(|e| format!("{}: {e}", ann_path.display()))?;
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        char_bytes.push(text.len());
        let (publisher, date) = metadata.get(&key).cloned().unwrap_or_else(|| {
            (
                key.split('_').next().unwrap_or("").to_string(),
                String::new(),
            )
        });
        articles.push(Article {
            key,
            path,
            publisher,
            date,
            text,
            char_bytes,
            attributions,
        });
    }
    Ok(articles)
}

/// Counts for one publisher (or all).
#[derive(Default, Clone)]
struct Tally {
    rows: usize,
    rows_matched: usize,
    gold: usize,
    gold_found: usize,
    speaker_pairs: usize,
    speaker_agree: usize,
    pronoun_pairs: usize,
    pronoun_resolved: usize,
    /// Rows whose `claim` is (inside) the article text at `[start, end)`: a check of offsets.
    claims_at_offsets: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.rows += other.rows;
        self.rows_matched += other.rows_matched;
        self.gold += other.gold;
        self.gold_found += other.gold_found;
        self.speaker_pairs += other.speaker_pairs;
        self.speaker_agree += other.speaker_agree;
        self.pronoun_pairs += other.pronoun_pairs;
        self.pronoun_resolved += other.pronoun_resolved;
        self.claims_at_offsets += other.claims_at_offsets;
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// Shortens a text to `max` characters for a miss listing, on one line.
fn shorten(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        one_line.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// Scores one article's rows against its annotations; misses are appended as printable lines.
fn score_article(
    article: &Article,
    rows: &[&Row],
    false_pos: &mut Vec<String>,
    missed: &mut Vec<String>,
) -> Tally {
    let mut tally = Tally {
        rows: rows.len(),
        ..Tally::default()
    };
    for row in rows {
        let printed = article.slice(row.start, row.end);
        tally.claims_at_offsets +=
            usize::from(printed == row.claim || printed.contains(row.claim.as_str()));
        if article
            .attributions
            .iter()
            .any(|a| spans_match((row.start, row.end), &a.content))
        {
            tally.rows_matched += 1;
        } else {
            false_pos.push(format!(
                "{} {}-{} speaker {:?} attribution {:?}: {}",
                article.key,
                row.start,
                row.end,
                row.speaker,
                row.attribution,
                shorten(printed, 160)
            ));
        }
    }
    for gold in &article.attributions {
        let cue = gold.cue.as_ref().map_or("", |c| c.text.as_str());
        if !is_speech_cue(cue) {
            continue;
        }
        tally.gold += 1;
        let best = rows
            .iter()
            .filter(|r| spans_match((r.start, r.end), &gold.content))
            .max_by_key(|r| overlap(&[(r.start, r.end)], &gold.content.pieces));
        let source = gold.source.as_ref().map(|s| s.text.as_str());
        let Some(row) = best else {
            missed.push(format!(
                "{} {} {:?} cue {:?} source {:?}: {}",
                article.key,
                gold.relation,
                gold.content.pieces,
                cue,
                source.unwrap_or(""),
                shorten(&gold.content.text, 160)
            ));
            continue;
        };
        tally.gold_found += 1;
        if let Some(source) = source {
            tally.speaker_pairs += 1;
            tally.speaker_agree +=
                usize::from(speaker_agrees(source, &row.speaker, &row.attribution));
            if is_pronoun(source) {
                tally.pronoun_pairs += 1;
                let before = article.slice(0, row.start);
                tally.pronoun_resolved += usize::from(resolved_to_name(&row.speaker, before));
            }
        }
    }
    tally
}

/// Share of single-piece annotated spans whose text is the article's text at their offsets:
/// checks that both sides count characters the same way.
fn offsets_agree(articles: &[Article]) -> (usize, usize) {
    let (mut agree, mut checked) = (0, 0);
    for article in articles {
        for a in &article.attributions {
            if let [(s, e)] = a.content.pieces[..] {
                checked += 1;
                agree += usize::from(article.slice(s, e) == a.content.text);
            }
        }
    }
    (agree, checked)
}

fn evaluate_polnear(bin: &Path, dir: &Path, split: &str, misses: usize) -> Result<(), String> {
    let articles = read_split(dir, split)?;
    let flags = extract_flags(bin)?;
    let (agree, checked) = offsets_agree(&articles);
    println!(
        "PolNeAR {split}: {} articles, {} annotated attributions; {agree}/{checked} Content spans match the text at their offsets",
        articles.len(),
        articles.iter().map(|a| a.attributions.len()).sum::<usize>()
    );
    let base = base_args(&flags);
    if flags.keep_all.is_none() {
        println!(
            "note: extract has no --person-filter/--all-people: it keeps what it keeps by default, whomever a statement is about or not"
        );
    }
    // One run per (publisher, date) so that each run's --outlet/--date fit all its files.
    let mut groups: BTreeMap<(String, String), Vec<PathBuf>> = BTreeMap::new();
    for a in &articles {
        let outlet = if flags.outlet {
            a.publisher.clone()
        } else {
            String::new()
        };
        let date = if flags.date {
            a.date.clone()
        } else {
            String::new()
        };
        groups
            .entry((outlet, date))
            .or_default()
            .push(a.path.clone());
    }
    let mut rows = Vec::new();
    for ((outlet, date), files) in &groups {
        let mut args = base.clone();
        if !outlet.is_empty() {
            args.extend(["--outlet".to_string(), outlet.clone()]);
        }
        if !date.is_empty() {
            args.extend(["--date".to_string(), date.clone()]);
        }
        rows.extend(run_extract(bin, &args, files)?);
    }
    let mut by_article: HashMap<&str, Vec<&Row>> = HashMap::new();
    for row in &rows {
        by_article
            .entry(row.article.as_str())
            .or_default()
            .push(row);
    }
    let known: usize = articles
        .iter()
        .map(|a| by_article.get(a.key.as_str()).map_or(0, Vec::len))
        .sum();
    if known < rows.len() {
        println!(
            "warning: {} of {} rows name an article not in the split (is `article` the file name?)",
            rows.len() - known,
            rows.len()
        );
    }

    let mut per_publisher: BTreeMap<&str, Tally> = BTreeMap::new();
    let (mut false_pos, mut missed) = (Vec::new(), Vec::new());
    for article in &articles {
        let article_rows = by_article
            .get(article.key.as_str())
            .map_or(&[][..], Vec::as_slice);
        let tally = score_article(article, article_rows, &mut false_pos, &mut missed);
        per_publisher
            .entry(article.publisher.as_str())
            .or_default()
            .add(&tally);
    }
    let mut overall = Tally::default();
    println!(
        "\n{:<14} {:>6} {:>10} {:>6} {:>8} {:>8} {:>8}",
        "publisher", "rows", "precision", "gold", "recall", "speaker", "pronoun→name"
    );
    let line = |name: &str, t: &Tally| {
        println!(
            "{:<14} {:>6} {:>10} {:>6} {:>8} {:>8} {:>8}",
            name,
            t.rows,
            percent(t.rows_matched, t.rows),
            t.gold,
            percent(t.gold_found, t.gold),
            percent(t.speaker_agree, t.speaker_pairs),
            format!("{}/{}", t.pronoun_resolved, t.pronoun_pairs),
        );
    };
    for (publisher, tally) in &per_publisher {
        line(publisher, tally);
        overall.add(tally);
    }
    line("overall", &overall);
    println!(
        "\noverall: precision {}/{} = {}, recall {}/{} = {}, speaker {}/{} = {}, pronoun sources resolved to a name {}/{} = {}",
        overall.rows_matched,
        overall.rows,
        percent(overall.rows_matched, overall.rows),
        overall.gold_found,
        overall.gold,
        percent(overall.gold_found, overall.gold),
        overall.speaker_agree,
        overall.speaker_pairs,
        percent(overall.speaker_agree, overall.speaker_pairs),
        overall.pronoun_resolved,
        overall.pronoun_pairs,
        percent(overall.pronoun_resolved, overall.pronoun_pairs),
    );
    println!(
        "rows whose claim is the article text at its offsets: {}/{}",
        overall.claims_at_offsets, overall.rows
    );
    if misses > 0 {
        println!(
            "\n--- false positives (first {misses} of {}) ---",
            false_pos.len()
        );
        false_pos.iter().take(misses).for_each(|m| println!("{m}"));
        println!(
            "\n--- missed speech attributions (first {misses} of {}) ---",
            missed.len()
        );
        missed.iter().take(misses).for_each(|m| println!("{m}"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Celebrity fake/legit news

/// Source types that count as anonymous sourcing.
const ANONYMOUS: &[&str] = &["anonymous", "exclusive-anonymous"];
/// `label` needs a date and a person; the celebrity articles have no date and extract may leave
/// the person empty, so these stand in (they change no source type: dates play no part in it).
const PLACEHOLDER_DATE: &str = "2000-01-01";
const PLACEHOLDER_PERSON: &str = "(unknown)";

/// Pipes rows through `claimtrack label -` and returns each row's source type (None when
/// `label` rejected the row). An `eval_row` column carries the row's index through.
fn label_rows(bin: &Path, rows: &[Row]) -> Result<Vec<Option<String>>, String> {
    let mut input = csv::Writer::from_writer(Vec::new());
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let mut header: Vec<&str> = first.record.iter().map(|(h, _)| h.as_str()).collect();
    header.push("eval_row");
    input.write_record(&header).map_err(|e| e.to_string())?;
    for (i, row) in rows.iter().enumerate() {
        let mut fields: Vec<String> = row
            .record
            .iter()
            .map(|(h, v)| match (h.as_str(), v.is_empty()) {
                ("date", true) => PLACEHOLDER_DATE.to_string(),
                ("person", true) => PLACEHOLDER_PERSON.to_string(),
                _ => v.clone(),
            })
            .collect();
        fields.push(i.to_string());
        input.write_record(&fields).map_err(|e| e.to_string())?;
    }
    let input = input.into_inner().map_err(|e| e.to_string())?;
    let mut child = Command::new(bin)
        .args(["label", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {} label: {e}", bin.display()))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    // Write from another thread: label may fill its stdout pipe before it has read all input.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    writer
        .join()
        .expect("writer thread")
        .map_err(|e| format!("writing to label: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in stderr.lines().take(3) {
        eprintln!("  label: {line}");
    }
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader
        .headers()
        .map_err(|e| format!("label's output: {e}"))?
        .clone();
    let find = |name: &str| column_index(&headers, name, "label's output");
    let (index, source_type) = (find("eval_row")?, find("source_type")?);
    let mut labels = vec![None; rows.len()];
    for record in reader.records() {
        let record = record.map_err(|e| format!("label's output: {e}"))?;
        if let Some(slot) = record[index]
            .parse::<usize>()
            .ok()
            .and_then(|i| labels.get_mut(i))
        {
            *slot = Some(record[source_type].to_string());
        }
    }
    Ok(labels)
}

fn evaluate_celebrity(bin: &Path, dir: &Path) -> Result<(), String> {
    let flags = extract_flags(bin)?;
    let base = base_args(&flags);
    if flags.keep_all.is_none() {
        println!(
            "note: extract has no --person-filter/--all-people: only statements about each article's main person"
        );
    }
    println!(
        "{:<6} {:>8} {:>18} {:>6} {:>10} {:>10} {:>10}",
        "label", "articles", "with a row", "rows", "unlabeled", "anonymous", "articles w/ anon"
    );
    for folder in ["fake", "legit"] {
        let files = sorted_files(&dir.join(folder), "txt")?;
        let rows = run_extract(bin, &base, &files)?;
        let labels = label_rows(bin, &rows)?;
        let mut with_row = std::collections::HashSet::new();
        let mut with_anon = std::collections::HashSet::new();
        let mut anonymous = 0;
        for (row, label) in rows.iter().zip(&labels) {
            with_row.insert(row.article.as_str());
            if label.as_deref().is_some_and(|l| ANONYMOUS.contains(&l)) {
                anonymous += 1;
                with_anon.insert(row.article.as_str());
            }
        }
        let unlabeled = labels.iter().filter(|l| l.is_none()).count();
        println!(
            "{:<6} {:>8} {:>18} {:>6} {:>10} {:>10} {:>10}",
            folder,
            files.len(),
            format!(
                "{} ({})",
                with_row.len(),
                percent(with_row.len(), files.len())
            ),
            rows.len(),
            unlabeled,
            format!("{anonymous} ({})", percent(anonymous, rows.len())),
            format!(
                "{} ({})",
                with_anon.len(),
                percent(with_anon.len(), files.len())
            ),
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let options_with_value = ["--split", "--misses"];
    let path_arg = args
        .iter()
        .enumerate()
        .find(|(i, a)| {
            !a.starts_with("--") && (*i == 0 || !options_with_value.contains(&args[i - 1].as_str()))
        })
        .map(|(_, a)| PathBuf::from(a));
    let bin = std::env::var_os("CLAIMTRACK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/release/claimtrack"));
    let celebrity = flag("--celebrity");
    let dir = path_arg.unwrap_or_else(|| {
        PathBuf::from(if celebrity {
            DEFAULT_CELEBRITY
        } else {
            DEFAULT_POLNEAR
        })
    });
    if !dir.is_dir() {
        println!("eval_extract: {} not found; skipping", dir.display());
        return ExitCode::SUCCESS;
    }
    let result = if celebrity {
        evaluate_celebrity(&bin, &dir)
    } else {
        let split = value("--split").unwrap_or_else(|| "dev".to_string());
        if split != "dev" && split != "train" {
            eprintln!(
                "eval_extract: --split must be `dev` or `train` (the test split is never read), not {split:?}"
            );
            return ExitCode::from(2);
        }
        let misses = match value("--misses").map(|n| n.parse::<usize>()) {
            None => 0,
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                eprintln!("eval_extract: --misses expects a number of lines");
                return ExitCode::from(2);
            }
        };
        // Misses of the held-out split are shown only on request, so tuning never reads them.
        let misses = if split == "train" || flag("--misses-dev") {
            misses
        } else {
            0
        };
        evaluate_polnear(&bin, &dir, &split, misses)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_extract: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANN: &str = "T1\tSource 0 4\tKing\n\
T2\tCue 5 9\tsaid\n\
T3\tContent 10 20;25 30\tthe show is back\n\
T4\tAttribution 5 9\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
#1\tAnnotatorNotes T3\ta note\n\
a stray line of text\n\
T5\tCue 40 45\tfears\n\
T6\tContent 46 60\ta loss\n\
T9\tContent 70 75\tmore\n\
E2\tAttribution-no-source:T7 Cue:T5 Content:T6 Content2:T9\n\
E3\tAttribution-no-source:T8 \n";

    #[test]
    fn ann_ties_spans_and_keeps_discontinuous_pieces() {
        let a = parse_ann(ANN).unwrap();
        assert_eq!(a.len(), 2, "E3 has no Content and is dropped");
        assert_eq!(a[0].relation, "E1");
        assert_eq!(a[0].content.pieces, vec![(10, 20), (25, 30)]);
        assert_eq!(a[0].content.len(), 15);
        assert_eq!(a[0].source.as_ref().unwrap().text, "King");
        assert_eq!(a[0].cue.as_ref().unwrap().text, "said");
        assert!(a[1].source.is_none());
        assert_eq!(
            a[1].content.pieces,
            vec![(46, 60), (70, 75)],
            "Content2 joins Content"
        );
    }

    #[test]
    fn ann_with_bad_offsets_is_an_error_naming_the_line() {
        let err = parse_ann("T1\tCue 5 x\tsaid\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn speech_cues_are_acts_of_saying_not_beliefs() {
        for cue in [
            "said",
            "told",
            "According to",
            "has said",
            "said:",
            "tweeted",
            "shows",
            ":",
            "―",
            "King's statement",
        ] {
            assert!(is_speech_cue(cue), "{cue}");
        }
        for cue in [
            "fears",
            "believe",
            "wants",
            "were frustrated",
            "seems",
            "and",
            "",
        ] {
            assert!(!is_speech_cue(cue), "{cue}");
        }
    }

    fn content(pieces: &[(usize, usize)]) -> Span {
        Span {
            pieces: pieces.to_vec(),
            text: String::new(),
        }
    }

    #[test]
    fn spans_match_when_half_of_either_is_shared() {
        // Row inside a long content: all of the row is shared.
        assert!(spans_match((10, 20), &content(&[(0, 100)])));
        // Row covers half the content, a small part of itself.
        assert!(spans_match((0, 100), &content(&[(40, 50)])));
        // 4 of 10 row characters, 4 of 10 content characters: no.
        assert!(!spans_match((0, 10), &content(&[(6, 16)])));
        // 5 of 10 each: yes (at least half).
        assert!(spans_match((0, 10), &content(&[(5, 15)])));
        // Touching spans share nothing.
        assert!(!spans_match((0, 10), &content(&[(10, 20)])));
        // Discontinuous content: 8 of the row's 10 characters fall in its two pieces.
        assert!(spans_match((0, 10), &content(&[(0, 4), (6, 30)])));
        // An empty row matches nothing.
        assert!(!spans_match((5, 5), &content(&[(0, 10)])));
    }

    #[test]
    fn head_words_of_sources() {
        let cases = [
            (
                "Hope Hicks, the top spokeswoman for the Trump campaign",
                "hicks",
            ),
            ("Secretary of State John Kerry", "kerry"),
            ("a spokesman for the Trump campaign", "spokesman"),
            ("Trump's campaign manager", "manager"),
            ("The New York Post", "post"),
            ("Clinton’s", "clinton"),
            ("he", "he"),
        ];
        for (source, head) in cases {
            assert_eq!(head_word(source).as_deref(), Some(head), "{source}");
        }
        assert_eq!(head_word("  "), None);
    }

    #[test]
    fn speaker_agrees_on_the_head_word_in_speaker_or_attribution() {
        assert!(speaker_agrees(
            "Michael Patrick King",
            "King",
            "King, 67, told Variety"
        ));
        assert!(speaker_agrees("he", "Michael Patrick King", "he continued"));
        assert!(speaker_agrees(
            "the source",
            "a source close to the couple",
            ""
        ));
        assert!(speaker_agrees("Trump’s", "Donald Trump", "said"));
        assert!(!speaker_agrees(
            "Hope Hicks, a spokeswoman",
            "Donald Trump",
            "Trump said"
        ));
        assert!(!speaker_agrees("", "King", "said"));
    }

    #[test]
    fn pronoun_resolved_only_to_a_name_printed_before() {
        let before = "Michael Patrick King spoke to Variety. ";
        assert!(is_pronoun("He") && !is_pronoun("Hicks"));
        assert!(resolved_to_name("Michael Patrick King", before));
        assert!(
            !resolved_to_name("Sarah Jessica Parker", before),
            "not in the text before"
        );
        assert!(!resolved_to_name("he", before));
        assert!(!resolved_to_name("a source", before));
        assert!(!resolved_to_name("", before));
    }

    #[test]
    fn rows_are_read_by_column_name() {
        let csv = "date,person,claim,speaker,attribution,outlet,article,start,end\n\
,Kim,\"she is back\",King,\"he said\",Us,dir/x.txt,3,14\n";
        let rows = parse_rows(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].article.as_str(), rows[0].start, rows[0].end),
            ("x", 3, 14)
        );
        assert_eq!(rows[0].attribution, "he said");
        let err = parse_rows(b"article,start\nx,1\n").unwrap_err();
        assert!(err.contains("`speaker`"), "{err}");
        let err = parse_rows(b"article,start,end,speaker,attribution,claim\nx,one,2,a,b,c\n")
            .unwrap_err();
        assert!(err.contains("row 1") && err.contains("\"one\""), "{err}");
    }

    #[test]
    fn a_false_positive_and_a_miss_are_counted() {
        let text = "King said the show is back. Fans fear a loss. Ann said no.";
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        char_bytes.push(text.len());
        let ann = "T1\tSource 0 4\tKing\nT2\tCue 5 9\tsaid\nT3\tContent 10 26\tthe show is back\n\
E1\tAttribution:T9 Content:T3 Cue:T2 Source:T1\n\
T4\tCue 33 37\tfear\nT5\tContent 38 44\ta loss\nE2\tAttribution:T8 Content:T5 Cue:T4\n\
T6\tSource 46 49\tAnn\nT7\tCue 50 54\tsaid\nT10\tContent 55 57\tno\nE3\tAttribution:T11 Content:T10 Cue:T7 Source:T6\n";
        let article = Article {
            key: "a".into(),
            path: PathBuf::new(),
            publisher: "p".into(),
            date: String::new(),
            text: text.into(),
            char_bytes,
            attributions: parse_ann(ann).unwrap(),
        };
        let row = |start, end, speaker: &str| Row {
            article: "a".into(),
            speaker: speaker.into(),
            attribution: "said".into(),
            claim: text[start..end].into(),
            start,
            end,
            record: Vec::new(),
        };
        // Matches E1 (speaker right), matches E2 (a belief: not noise), matches nothing.
        let rows = [row(10, 26, "King"), row(38, 44, "Fans"), row(0, 9, "King")];
        let refs: Vec<&Row> = rows.iter().collect();
        let (mut fp, mut missed) = (Vec::new(), Vec::new());
        let t = score_article(&article, &refs, &mut fp, &mut missed);
        assert_eq!((t.rows, t.rows_matched), (3, 2));
        assert_eq!(
            (t.gold, t.gold_found),
            (2, 1),
            "E2's cue is a belief: not gold speech"
        );
        assert_eq!((t.speaker_pairs, t.speaker_agree), (1, 1));
        assert_eq!(t.claims_at_offsets, 3);
        assert_eq!(fp.len(), 1);
        assert!(fp[0].contains("0-9"), "{}", fp[0]);
        assert_eq!(missed.len(), 1);
        assert!(missed[0].contains("E3"), "{}", missed[0]);
    }
}
