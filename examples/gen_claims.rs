//! A deterministic, realistic claims CSV of any size, for benchmarks (issue 6).
//!
//! ```sh
//! cargo run --release --example gen_claims -- --rows 1000000 [--seed 42] [--people 3000] > claims.csv
//! ```
//!
//! Same seed and row count, same bytes: the generator uses its own PRNG (splitmix64) and no hash
//! map, so neither a crate upgrade nor the platform can change the file.
//!
//! The rows imitate a decade-long archive, so every stage of claimtrack does the work it does on
//! real data:
//! - 3,000 invented persons (`--people N`), a few of them much more newsworthy than the rest (quadratic
//!   skew), some with a title, accents or a hyphen; now and then the name is typed in another case
//!   or spacing, which `report` must fold into one person;
//! - dates over 2015–2024, roughly chronological, mostly `YYYY-MM-DD` with a few timestamps (the
//!   date parser's slow path);
//! - 200 outlets; attribution phrasings of every source type (named speakers, anonymous sources,
//!   anonymity clauses, documents, social posts, outlet-asserted, second-hand, reps and lawyers,
//!   organisations, "reportedly", empty), with matching speakers;
//! - claims of 5 to 60 words mixing neutral news vocabulary with VADER's sentiment words,
//!   boosters, negations, "but", capitals, `!`, quoted fragments and the odd emoji, so tone scoring
//!   does real work; confirmations and denials close many stories, so `topics` and `outlets` see
//!   rumors resolved;
//! - rows grouped in stories: a person, a topic slug and a section shared by 3–40 rows spread over
//!   days or weeks and interleaved with other stories.
//!
//! Fields are quoted only when they must be (comma, quote, line break), as spreadsheets do.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

/// splitmix64: tiny, fast, and its output is fixed by its definition, unlike a crate's.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is far below anything a benchmark notices).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// In `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `per_mille / 1000`.
    fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// An index in `0..n` where small indices are much more likely (density ∝ 1/√i): a few
    /// celebrities and big outlets carry most of the news, as in a real archive.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * n as f64) as usize).min(n - 1)
    }
}

// The word tables below are `rustfmt::skip`: rustfmt would give each word a line of its own.

/// Persons by default (`--people`).
const PERSONS: usize = 3000;
const OUTLETS: usize = 200;
/// Stories in progress at once; each row continues one of them.
const ACTIVE_STORIES: usize = 48;
/// 2015-01-01 as days since 1970-01-01; the archive spans ten years from there.
const FIRST_DAY: i64 = 16_436;
const SPAN_DAYS: i64 = 3_652;

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Kim", "Ruth", "Teddy", "Priya", "Marco", "Delphine", "Jaylen", "Conrad", "Alden", "Sienna",
    "Lyle", "Ilario", "Corliss", "Paolo", "Cynthia", "Zoë", "José", "Renée", "Søren", "Chloé",
    "Björn", "Amélie", "Nadia", "Omar", "Grace", "Felix", "Harper", "Jonah", "Leila", "Mateo",
    "Ava", "Ezra", "Maya", "Noah", "Isla", "Kofi", "Yuki", "Dev", "Ingrid", "Tomás", "Freya",
    "Rafael", "Anouk", "Declan", "Imani", "Callum", "Mei", "Viktor", "Saoirse", "Dante", "Lena",
    "Rowan", "Tariq", "Elodie", "Bram", "Keira", "Luca", "Naomi", "Oscar", "Pia", "Quentin",
    "Rosalind", "Silas", "Talia", "Ulrich", "Vera", "Wes", "Xiomara", "Yara", "Zane", "Beatriz",
    "Cormac", "Dalia", "Emeka", "Flora", "Gideon", "Hana", "Idris", "Juno", "Kai", "Lorcan",
    "Marisol", "Nico", "Orla", "Pedro", "Rhea", "Stellan", "Thea", "Uma", "Vaughn", "Wren",
    "Ximena", "Yusuf", "Zara", "Aurelio", "Bianca", "Cyrus", "Dagny", "Esmé", "Fintan",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Cattrall", "Whitcombe", "Okafor-Lane", "Halvorsen", "Vellacourt", "Marrow", "Brooks-Avery",
    "Vasquez-Bell", "Pryce", "Vale", "Danvers", "Conti", "Amberley", "Brandi", "Nixon",
    "O'Brien", "McAllister", "de la Cruz", "Van Houten", "Nakamura", "Adeyemi", "Lindqvist",
    "Moreau", "Castellanos", "Fitzgerald", "Okonkwo", "Rasmussen", "Delacroix", "Ashworth",
    "Kowalski", "Montague", "Thornbury", "Achebe", "Blackwood", "Carrington", "Dubois",
    "Ellingham", "Fairweather", "Gallagher", "Hargreaves", "Iverson", "Jablonski", "Kensington",
    "Lockhart", "Mbeki", "Northcott", "Oyelaran", "Pemberton", "Quinlan", "Ravensworth",
    "Sandoval", "Tremaine", "Underhill", "Valdés", "Wexford", "Xu", "Yardley", "Zielinski",
    "Abernathy", "Bellweather", "Chaudhry", "Da Silva", "Eriksen", "Featherstone", "Grünewald",
    "Holloway", "Ibarra", "Jourdain", "Kavanagh", "Larkspur", "Mendoza-Reyes", "Nightingale",
    "Ortega", "Prescott", "Quartermaine", "Rinaldi", "St. Clair", "Takahashi", "Umberto",
    "Villanueva", "Winslow", "Yamamoto", "Zamora", "Beaumont", "Calloway", "Devereaux",
    "Easton", "Ferreira", "Goldberg", "Hawthorne", "Ishikawa", "Jansen", "Kaur", "Lefèvre",
    "Marchetti", "Novak", "Osei", "Park", "Rourke", "Sørensen",
];

/// Some persons are written with their office; the labeler and the name matcher know titles.
const TITLES: &[&str] = &[
    "Mayor", "Senator", "Governor", "Coach", "Dr.", "Judge", "Prince", "Rep.", "Chef", "Sir",
];

const PRONOUNS: [&str; 3] = ["her", "his", "their"];

/// Outlets that exist; the rest of the 200 are invented from `TOWNS` x `MASTHEADS`.
#[rustfmt::skip]
const KNOWN_OUTLETS: &[&str] = &[
    "Variety", "Deadline", "People", "Us Weekly", "TMZ", "Page Six", "The Hollywood Reporter",
    "E! News", "Entertainment Tonight", "Vanity Fair", "Rolling Stone", "Billboard", "Politico",
    "Axios", "Reuters", "Bloomberg", "The Athletic", "ESPN", "Daily Mail", "The Sun",
    "Radar Online", "In Touch Weekly", "OK!", "Hello!", "Glimmer Gossip", "StarWatch Daily",
    "The Marquee Report", "Capitol Dispatch", "Market Signal", "Pitchside Post",
];
#[rustfmt::skip]
const TOWNS: &[&str] = &[
    "Evening", "Morning", "Harbor", "Capitol", "Riverside", "Lakeshore", "Northern", "Coastal",
    "Metro", "Valley", "Summit", "Prairie", "Bayside", "Highland", "Old Town", "Westside",
    "Eastern", "Midland", "Southern", "Canyon",
];
#[rustfmt::skip]
const MASTHEADS: &[&str] = &[
    "Courier", "Ledger", "Gazette", "Herald", "Tribune", "Chronicle", "Dispatch", "Observer",
    "Wire", "Sentinel",
];

#[rustfmt::skip]
const SECTIONS: &[&str] = &[
    "entertainment", "entertainment", "entertainment", "music", "tv", "film", "politics",
    "politics", "sport", "sport", "business", "royals", "tech", "fashion",
];

#[rustfmt::skip]
const EVENTS: &[&str] = &[
    "split", "engagement", "album", "tour", "trade", "transfer", "senate-run", "ceo-exit",
    "pregnancy", "feud", "lawsuit", "comeback", "retirement", "wedding", "divorce", "rehab",
    "casting", "reboot", "merger", "ipo", "ethics-probe", "contract", "injury", "book-deal",
    "documentary", "stake-sale", "cabinet-exit", "new-romance", "custody", "endorsement",
];

#[rustfmt::skip]
const ORGANISATIONS: &[&str] = &[
    "Redline Records", "Castelmare FC", "Norvik Foods", "Lumora Inc", "Silverlake Pictures",
    "Harborline Networks", "Bellmark Brands", "Rivergate United", "Lakeshore Comets",
    "Apex Talent Agency", "Northwind Airways", "Meridian Holdings", "the club", "the studio",
    "the network", "the label", "the team", "the company", "the campaign", "the palace",
];

#[rustfmt::skip]
const SHOWS: &[&str] = &[
    "Watch What Happens Live", "The Tonight Show", "Good Morning America", "Call Her Daddy",
    "The View", "Hot Ones", "a podcast", "Sunday Brunch Live",
];

#[rustfmt::skip]
const NEUTRAL: &[&str] = &[
    "the", "the", "the", "a", "a", "to", "to", "and", "and", "of", "of", "in", "in", "with",
    "for", "on", "at", "after", "before", "during", "about", "from", "her", "his", "their", "is",
    "was", "has", "have", "had", "will", "would", "could", "been", "be", "that", "this", "it",
    "they", "she", "he", "new", "album", "tour", "show", "film", "season", "deal", "contract",
    "team", "family", "friends", "wedding", "house", "couple", "months", "weeks", "year",
    "plans", "summer", "spring", "studio", "record", "series", "role", "director", "club",
    "manager", "fans", "night", "party", "dinner", "Los Angeles", "London", "New York", "Paris",
    "meeting", "office", "campaign", "company", "board", "shares", "trade", "season", "game",
    "coach", "label", "sequel", "premiere", "interview", "statement", "reports", "week", "ago",
    "still", "already", "now", "again", "last", "next", "first", "two", "three", "several",
    "people", "time", "home", "back", "out", "up", "into", "over", "since", "while", "where",
    "when", "who", "which", "as", "by", "around", "later", "recently", "quietly", "together",
    "apart", "talks", "move", "return", "leave", "signed", "filed", "met", "seen", "spotted",
    "working", "living", "planning", "expected", "set", "said", "says", "told", "added",
];
#[rustfmt::skip]
const POSITIVE: &[&str] = &[
    "good", "great", "love", "loves", "happy", "amazing", "wonderful", "excited", "thrilled",
    "proud", "best", "beautiful", "perfect", "fantastic", "brilliant", "adore", "sweet", "fun",
    "win", "glad", "lucky", "blessed", "hopeful", "support", "kind", "grateful", "smile",
    "laugh", "celebrate", "success", "fine", "friendly", "lovely", "incredible", "inspiring",
];
#[rustfmt::skip]
const NEGATIVE: &[&str] = &[
    "bad", "hate", "terrible", "awful", "sad", "angry", "upset", "furious", "worst",
    "devastated", "toxic", "feud", "fight", "lies", "false", "scandal", "crisis", "miserable",
    "heartbroken", "betrayed", "disaster", "ugly", "cruel", "fear", "worried", "hurt", "lonely",
    "broke", "fired", "failed", "nasty", "shame", "rude", "bitter", "tense",
];
#[rustfmt::skip]
const BOOSTERS: &[&str] = &[
    "very", "extremely", "really", "so", "incredibly", "totally", "absolutely", "hugely",
    "deeply", "barely", "slightly", "kind of", "sort of", "somewhat", "completely", "utterly",
];
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "not", "never", "isn't", "don't", "doesn't", "didn't", "won't", "can't", "wasn't", "nothing",
    "nobody", "without", "isn’t", "don’t", "neither", "nor",
];
const EMOJI: &[&str] = &["😍", "😂", "😭", "❤️", "🔥", "👏", "💔", "🙏", "😡", "🎉"];

/// Openers that carry a stance: how the on-record answer that ends a story sounds.
const CONFIRMS: &[&str] = &[
    "It's official:",
    "We are thrilled to announce that",
    "I can confirm that",
    "Yes, it's true:",
    "We're so happy to share that",
    "Proud to announce",
];
const DENIALS: &[&str] = &[
    "This story is 100% false.",
    "Not true.",
    "There is no truth to the report that",
    "Those reports are completely false.",
    "We deny that",
    "This is a fabricated story:",
];
const HEDGES: &[&str] = &[
    "is said to be",
    "has reportedly",
    "is believed to have",
    "is rumored to be",
    "has allegedly",
    "is expected to",
];

/// Who stands behind a row, drawn with the weights below; each makes a speaker and an
/// attribution that fit together.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Subject,
    Social,
    Rep,
    Anonymous,
    Exclusive,
    Document,
    OutletAsserted,
    Secondhand,
    Unattributed,
    Organisation,
    ThirdParty,
    Official,
}

const KIND_WEIGHTS: &[(Kind, usize)] = &[
    (Kind::Subject, 90),
    (Kind::Social, 70),
    (Kind::Rep, 80),
    (Kind::Anonymous, 200),
    (Kind::Exclusive, 30),
    (Kind::Document, 60),
    (Kind::OutletAsserted, 70),
    (Kind::Secondhand, 70),
    (Kind::Unattributed, 200),
    (Kind::Organisation, 40),
    (Kind::ThirdParty, 60),
    (Kind::Official, 30),
];

/// The kinds that can answer a rumor on the record.
const ON_RECORD: &[Kind] = &[Kind::Subject, Kind::Social, Kind::Rep, Kind::Organisation];

struct Person {
    name: String,
    last: &'static str,
    pronoun: &'static str,
}

struct Story {
    person: usize,
    topic: String,
    section: &'static str,
    outlet: usize,
    day: i64,
    rows_left: usize,
}

struct Generator {
    rng: Rng,
    persons: Vec<Person>,
    outlets: Vec<String>,
    stories: Vec<Story>,
    rows: usize,
    row: usize,
    /// Print the speaker and attribution inside the claim, as a quote database or a monitoring
    /// tool's snippet does, and leave their columns empty.
    claim_only: bool,
}

impl Generator {
    fn new(seed: u64, rows: usize, people: usize) -> Generator {
        let mut rng = Rng(seed);
        // (first, last) pairs are distinct while i / f stays below l: `--people` is checked.
        let (f, l) = (FIRST_NAMES.len(), LAST_NAMES.len());
        let persons = (0..people)
            .map(|i| {
                // (first, last) pairs are distinct: for one first name, i / f stays below l.
                let (first, last) = (FIRST_NAMES[i % f], LAST_NAMES[(i / f + 7 * (i % f)) % l]);
                let name = if rng.chance(60) {
                    format!("{} {first} {last}", rng.pick(TITLES))
                } else {
                    format!("{first} {last}")
                };
                Person {
                    name,
                    last,
                    pronoun: PRONOUNS[rng.below(3)],
                }
            })
            .collect();
        let mut outlets: Vec<String> = KNOWN_OUTLETS.iter().map(|s| s.to_string()).collect();
        'outer: for masthead in MASTHEADS {
            for town in TOWNS {
                if outlets.len() == OUTLETS {
                    break 'outer;
                }
                outlets.push(format!("The {town} {masthead}"));
            }
        }
        let mut generator = Generator {
            rng,
            persons,
            outlets,
            stories: Vec::with_capacity(ACTIVE_STORIES),
            rows,
            claim_only: false,
            row: 0,
        };
        for _ in 0..ACTIVE_STORIES {
            let story = generator.new_story();
            generator.stories.push(story);
        }
        generator
    }

    /// The archive's "today" for the current row: time moves forward with the row number.
    fn today(&self) -> i64 {
        FIRST_DAY + (self.row as i64 * SPAN_DAYS) / self.rows.max(1) as i64
    }

    fn new_story(&mut self) -> Story {
        let person = self.rng.skewed(self.persons.len());
        let with_topic = self.rng.chance(750);
        let topic = if with_topic {
            let mut slug = String::new();
            for c in self.persons[person].last.chars() {
                if c.is_alphanumeric() {
                    slug.extend(c.to_lowercase());
                } else if !slug.ends_with('-') {
                    slug.push('-');
                }
            }
            format!("{slug}-{}", self.rng.pick(EVENTS))
        } else {
            String::new()
        };
        Story {
            person,
            topic,
            section: self.rng.pick(SECTIONS),
            outlet: self.rng.skewed(OUTLETS),
            // Some stories began a little before the row that opens them, never before the archive.
            day: (self.today() - self.rng.below(20) as i64).max(FIRST_DAY),
            rows_left: if with_topic {
                self.rng.range(3, 40)
            } else {
                self.rng.range(1, 3)
            },
        }
    }

    /// Appends one CSV row (with its line break) to `line`.
    fn write_row(&mut self, line: &mut String, field: &mut String) {
        let slot = self.rng.below(ACTIVE_STORIES);
        self.row += 1;
        let (person, topic_empty, last_row) = {
            let story = &mut self.stories[slot];
            story.rows_left -= 1;
            // Stories unfold over days or weeks.
            if self.rng.chance(400) {
                story.day += self.rng.range(1, 4) as i64;
            }
            (story.person, story.topic.is_empty(), story.rows_left == 0)
        };
        let story = &self.stories[slot];
        let rng = &mut self.rng;

        // date
        field.clear();
        let (y, m, d) = civil_from_days(story.day);
        let _ = write!(field, "{y:04}-{m:02}-{d:02}");
        match rng.below(100) {
            0..=2 => {
                let _ = write!(
                    field,
                    " {:02}:{:02}:{:02}",
                    rng.below(24),
                    rng.below(60),
                    rng.below(60)
                );
            }
            3..=4 => {
                let _ = write!(field, "T{:02}:{:02}:00Z", rng.below(24), rng.below(60));
            }
            _ => {}
        }
        push_field(line, field, false);

        // person, as typed by whoever filled the archive
        let p = &self.persons[person];
        field.clear();
        match rng.below(100) {
            0 => field.push_str(&p.name.to_lowercase()),
            1 => field.push_str(&p.name.to_uppercase()),
            2 => field.push_str(&p.name.replace(' ', "  ")),
            3 => {
                field.push(' ');
                field.push_str(&p.name);
                field.push(' ');
            }
            _ => field.push_str(&p.name),
        }
        push_field(line, field, false);

        // Who speaks. The last row of a story is often its on-record answer.
        let answers = last_row && !topic_empty;
        let kind = if answers && rng.chance(700) {
            ON_RECORD[rng.below(ON_RECORD.len())]
        } else {
            weighted_kind(rng)
        };
        let outlet = if rng.chance(600) {
            story.outlet
        } else {
            rng.skewed(OUTLETS)
        };
        let outlet = self.outlets[outlet].as_str();
        let other_outlet = self.outlets[rng.skewed(OUTLETS)].as_str();
        let mut speaker = String::new();
        let mut attribution = String::new();
        attribute(
            rng,
            kind,
            &self.persons,
            person,
            outlet,
            other_outlet,
            &mut speaker,
            &mut attribution,
        );

        // claim: an on-record answer opens with a confirmation or a denial.
        field.clear();
        let stance_opener = (answers && ON_RECORD.contains(&kind))
            .then(|| if rng.chance(550) { CONFIRMS } else { DENIALS });
        write_claim(rng, p, kind, stance_opener, field);
        if self.claim_only {
            fold_attribution(rng, field, &mut speaker, &mut attribution);
        }
        push_field(line, field, false);
        push_field(line, &speaker, false);
        push_field(line, &attribution, false);
        push_field(line, outlet, false);
        push_field(line, &story.topic, false);
        push_field(line, story.section, true);

        if last_row {
            let next = self.new_story();
            self.stories[slot] = next;
        }
    }
}

/// Moves the speaker and the attribution into the claim, the three ways news prints them:
/// after a quotation (`"...," King told Variety.`), before the claim (`King told Variety
/// that ...`) or after it (`..., King told Variety.`). Both fields are left empty.
fn fold_attribution(
    rng: &mut Rng,
    claim: &mut String,
    speaker: &mut String,
    attribution: &mut String,
) {
    let mut source = String::new();
    // "told reporters" needs its speaker; "A source exclusively told ..." has one.
    if !speaker.is_empty() && attribution.starts_with(char::is_lowercase) {
        source.push_str(speaker);
        source.push(' ');
    }
    source.push_str(attribution);
    speaker.clear();
    attribution.clear();
    if source.trim().is_empty() {
        return;
    }
    let body = claim.trim_end_matches('.').to_string();
    claim.clear();
    match rng.below(3) {
        0 => {
            let _ = write!(claim, "\u{201c}{body},\u{201d} {source}.");
        }
        1 => {
            let _ = write!(claim, "{} that {body}.", capitalised(&source));
        }
        _ => {
            let _ = write!(claim, "{body}, {source}.");
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn weighted_kind(rng: &mut Rng) -> Kind {
    let total: usize = KIND_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut pick = rng.below(total);
    for &(kind, weight) in KIND_WEIGHTS {
        if pick < weight {
            return kind;
        }
        pick -= weight;
    }
    unreachable!("pick < total")
}

/// Speaker and attribution for one row of `kind` about `persons[person]`.
#[allow(clippy::too_many_arguments)]
fn attribute(
    rng: &mut Rng,
    kind: Kind,
    persons: &[Person],
    person: usize,
    outlet: &str,
    other_outlet: &str,
    speaker: &mut String,
    attribution: &mut String,
) {
    let p = &persons[person];
    let (name, pr) = (p.name.as_str(), p.pronoun);
    match kind {
        Kind::Subject => {
            speaker.push_str(if rng.chance(150) { p.last } else { name });
            let _ = match rng.below(9) {
                0 => write!(attribution, "{name} told {outlet}"),
                1 => write!(attribution, "said in an interview with {outlet}"),
                2 => write!(attribution, "told reporters"),
                3 => write!(attribution, "said at a press conference"),
                4 => write!(attribution, "during an appearance on {}", rng.pick(SHOWS)),
                5 => write!(attribution, "told {outlet} in an exclusive interview"),
                6 => write!(attribution, "said on {}", rng.pick(SHOWS)),
                7 => write!(attribution, "wrote in {pr} new memoir"),
                _ => write!(attribution, "{} told {outlet}", p.last),
            };
        }
        Kind::Social => {
            speaker.push_str(name);
            attribution.push_str(rng.pick(&[
                "wrote on Instagram",
                "tweeted",
                "posted on X",
                "said in a TikTok video",
                "shared on Instagram Stories",
                "wrote on Facebook",
                "posted on Threads",
                "said in a YouTube video",
            ]));
        }
        Kind::Rep => {
            let _ = match rng.below(6) {
                0 => write!(speaker, "a rep for {name}"),
                1 => write!(speaker, "{pr} attorney"),
                2 => write!(speaker, "{pr} publicist"),
                3 => write!(speaker, "a spokesperson for {name}"),
                4 => write!(speaker, "{pr} lawyer"),
                _ => write!(speaker, "{pr} manager"),
            };
            let _ = match rng.below(9) {
                0 => write!(attribution, "a rep for {name} confirmed to {outlet}"),
                1 => write!(attribution, "{pr} attorney told {outlet}"),
                2 => write!(attribution, "said in a statement to {outlet}"),
                3 => write!(attribution, "a spokesperson said in a statement"),
                4 => write!(attribution, "confirmed to {outlet}"),
                5 => write!(attribution, "declined to comment"),
                6 => write!(attribution, "did not respond to a request for comment"),
                7 => write!(attribution, "denied the report"),
                _ => write!(attribution, "{name}'s publicist said"),
            };
        }
        Kind::Anonymous => {
            speaker.push_str(rng.pick(&[
                "a source",
                "the insider",
                "an insider",
                "a friend",
                "a friend of the couple",
                "people familiar with the matter",
                "a production source",
                "an industry insider",
                "the source",
                "",
            ]));
            let _ = match rng.below(12) {
                0 => write!(attribution, "a source exclusively tells {outlet}"),
                1 => write!(attribution, "A source exclusively told {outlet}"),
                2 => write!(attribution, "a source told {outlet}"),
                3 => write!(attribution, "an insider told {outlet}"),
                4 => write!(attribution, "the insider added"),
                5 => write!(attribution, "the source explained"),
                6 => write!(attribution, "a source close to {name} told {outlet}"),
                7 => write!(attribution, "people familiar with the matter said"),
                8 => write!(
                    attribution,
                    "according to people familiar with the negotiations"
                ),
                9 => write!(attribution, "a friend of the couple told {outlet}"),
                10 => write!(
                    attribution,
                    "an insider told {outlet}, speaking on condition of anonymity"
                ),
                _ => write!(
                    attribution,
                    "a source, who asked not to be named, told {outlet}"
                ),
            };
        }
        Kind::Exclusive => {
            speaker.push_str(if rng.chance(500) { "a source" } else { "" });
            let _ = match rng.below(3) {
                0 => write!(attribution, "EXCLUSIVE: a source tells {outlet}"),
                1 => write!(attribution, "{outlet} can exclusively reveal"),
                _ => write!(attribution, "exclusive: an insider tells {outlet}"),
            };
        }
        Kind::Document => {
            let _ = match rng.below(9) {
                0 => write!(attribution, "according to court documents"),
                1 => write!(
                    attribution,
                    "according to court documents obtained by {outlet}"
                ),
                2 => write!(attribution, "court records show"),
                3 => write!(attribution, "according to a police report"),
                4 => write!(attribution, "a regulatory filing shows"),
                5 => write!(attribution, "securities filings show"),
                6 => write!(
                    attribution,
                    "according to divorce papers filed in Los Angeles"
                ),
                7 => write!(attribution, "property records show"),
                _ => write!(attribution, "campaign finance records show"),
            };
        }
        Kind::OutletAsserted => {
            let _ = match rng.below(7) {
                0 => write!(attribution, "{outlet} has learned"),
                1 => write!(attribution, "Deadline has learned"),
                2 => write!(attribution, "we're told"),
                3 => write!(attribution, "{outlet} can confirm"),
                4 => write!(attribution, "{outlet} understands"),
                5 => write!(attribution, "we have learned"),
                _ => write!(attribution, "{outlet} has confirmed"),
            };
        }
        Kind::Secondhand => {
            let _ = match rng.below(5) {
                0 => write!(attribution, "according to {other_outlet}"),
                1 => write!(attribution, "as first reported by {other_outlet}"),
                2 => write!(attribution, "per {other_outlet}"),
                3 => write!(attribution, "{other_outlet} reported"),
                _ => write!(attribution, "a report by {other_outlet} claims"),
            };
        }
        Kind::Unattributed => {
            attribution.push_str(rng.pick(&[
                "",
                "",
                "",
                "",
                "reportedly",
                "it is believed",
                "according to reports",
                "rumors swirled",
                "fans have speculated",
                "allegedly",
            ]));
        }
        Kind::Organisation => {
            let org = rng.pick(ORGANISATIONS);
            speaker.push_str(org);
            let _ = match rng.below(4) {
                0 => write!(attribution, "{org} announced"),
                1 => write!(attribution, "{org} said in a statement"),
                2 => write!(attribution, "the label announced in a statement"),
                _ => write!(attribution, "the club confirmed"),
            };
        }
        Kind::ThirdParty => {
            let other = &persons[rng.below(persons.len())];
            speaker.push_str(&other.name);
            let _ = match rng.below(4) {
                0 => write!(attribution, "{} told {outlet}", other.name),
                1 => write!(
                    attribution,
                    "{}, {name}'s co-star, told {outlet}",
                    other.name
                ),
                2 => write!(attribution, "during an appearance on {}", rng.pick(SHOWS)),
                _ => write!(attribution, "{} said on {}", other.last, rng.pick(SHOWS)),
            };
        }
        Kind::Official => {
            let _ = match rng.below(3) {
                0 => write!(speaker, "the mayor's office"),
                1 => write!(speaker, "a White House spokesperson"),
                _ => write!(speaker, "police"),
            };
            attribution.push_str(rng.pick(&[
                "said in a statement",
                "issued a statement",
                "said in a news release",
            ]));
        }
    }
    // Hand-typed archives capitalize attributions inconsistently.
    if rng.chance(100) {
        capitalize_first(attribution);
    }
}

/// Writes a claim of 5 to 60 words: an opener that fits who speaks, then words drawn from the
/// vocabularies, with sentence breaks, commas, the odd quoted fragment, capitals and emoji.
fn write_claim(
    rng: &mut Rng,
    person: &Person,
    kind: Kind,
    stance_opener: Option<&[&str]>,
    out: &mut String,
) {
    // Most claims are one or two sentences; a few are long quotes.
    let target = match rng.below(100) {
        0..=69 => rng.range(5, 25),
        70..=94 => rng.range(20, 40),
        _ => rng.range(40, 60),
    };
    let mut words = 0;
    let mut start_of_sentence = true;
    if let Some(openers) = stance_opener {
        let opener = rng.pick(openers);
        out.push_str(opener);
        words += opener.split(' ').count();
        start_of_sentence = opener.ends_with('.');
    } else if matches!(kind, Kind::Anonymous | Kind::Unattributed) && rng.chance(400) {
        let _ = write!(out, "{} {}", person.last, rng.pick(HEDGES));
        words += 3;
        start_of_sentence = false;
    } else if rng.chance(300) {
        out.push_str(person.last);
        words += 1;
        start_of_sentence = false;
    }
    let mut quote_open = false;
    let mut quote_words = 0;
    while words < target {
        if !out.is_empty() {
            out.push(' ');
        }
        if !quote_open && rng.chance(15) {
            out.push('"');
            quote_open = true;
            quote_words = rng.range(2, 5);
        }
        let word = match rng.below(1000) {
            0..=619 => rng.pick(NEUTRAL),
            620..=709 => rng.pick(POSITIVE),
            710..=799 => rng.pick(NEGATIVE),
            800..=859 => rng.pick(BOOSTERS),
            860..=919 => rng.pick(NEGATIONS),
            920..=939 => "but",
            940..=969 => person.last,
            _ => {
                let _ = write!(out, "{}", rng.range(2, 400));
                ""
            }
        };
        let before = out.len();
        out.push_str(word);
        if start_of_sentence {
            capitalize_from(out, before);
            start_of_sentence = false;
        } else if rng.chance(15) {
            // Emphasis in capitals: VADER's caps differential.
            let upper = out[before..].to_uppercase();
            out.truncate(before);
            out.push_str(&upper);
        }
        words += 1;
        if quote_open {
            quote_words -= 1;
            if quote_words == 0 {
                out.push('"');
                quote_open = false;
            }
        }
        if words < target {
            match rng.below(1000) {
                0..=59 => out.push(','),
                60..=129 => {
                    out.push('.');
                    start_of_sentence = true;
                }
                130..=131 => {
                    out.push('\n');
                    start_of_sentence = true;
                }
                _ => {}
            }
        }
    }
    if quote_open {
        out.push('"');
    }
    out.push_str(match rng.below(100) {
        0..=79 => ".",
        80..=89 => "!",
        90..=95 => "?",
        96..=97 => "!!!",
        _ => "...",
    });
    if rng.chance(30) {
        out.push(' ');
        out.push_str(rng.pick(EMOJI));
    }
}

fn capitalize_from(s: &mut String, at: usize) {
    if let Some(c) = s[at..].chars().next()
        && c.is_lowercase()
    {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(at..at + c.len_utf8(), &upper);
    }
}

fn capitalize_first(s: &mut String) {
    capitalize_from(s, 0);
}

/// Appends `value` as a CSV field, quoted only if it must be, then `,` or the line break.
fn push_field(line: &mut String, value: &str, last: bool) {
    if value.contains([',', '"', '\n', '\r']) {
        line.push('"');
        for c in value.chars() {
            if c == '"' {
                line.push('"');
            }
            line.push(c);
        }
        line.push('"');
    } else {
        line.push_str(value);
    }
    line.push(if last { '\n' } else { ',' });
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

const USAGE: &str =
    "usage: gen_claims --rows N [--seed S] [--people N] [--claim-only] > claims.csv";

struct Args {
    rows: usize,
    seed: u64,
    people: usize,
    claim_only: bool,
}

fn parse_args() -> Result<Args, String> {
    let (mut rows, mut seed, mut claim_only) = (None, 42u64, false);
    let mut people = PERSONS;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "--rows" => {
                let v = value("a row count")?;
                rows = Some(
                    v.replace('_', "")
                        .parse()
                        .map_err(|_| format!("bad --rows `{v}`"))?,
                );
            }
            "--seed" => {
                let v = value("a number")?;
                seed = v.parse().map_err(|_| format!("bad --seed `{v}`"))?;
            }
            "--people" => {
                let v = value("a number of persons")?;
                people = v
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("bad --people `{v}`"))?;
                let most = FIRST_NAMES.len() * LAST_NAMES.len();
                if people == 0 || people > most {
                    return Err(format!(
                        "--people must be from 1 to {most} (distinct names)"
                    ));
                }
            }
            "--claim-only" => claim_only = true,
            "-h" | "--help" => return Err(String::new()),
            _ => return Err(format!("unknown argument `{arg}`")),
        }
    }
    Ok(Args {
        rows: rows.ok_or("--rows is required")?,
        seed,
        people,
        claim_only,
    })
}

fn main() -> ExitCode {
    let Args {
        rows,
        seed,
        people,
        claim_only,
    } = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("gen_claims: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if message.is_empty() { 0 } else { 2 });
        }
    };
    let mut generator = Generator::new(seed, rows, people);
    generator.claim_only = claim_only;
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let (mut line, mut field) = (String::new(), String::new());
    let mut write = || -> io::Result<()> {
        out.write_all(b"date,person,claim,speaker,attribution,outlet,topic,section\n")?;
        for _ in 0..rows {
            line.clear();
            generator.write_row(&mut line, &mut field);
            out.write_all(line.as_bytes())?;
        }
        out.flush()
    };
    match write() {
        Ok(()) => ExitCode::SUCCESS,
        // `gen_claims ... | head` is fine.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_claims: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}
