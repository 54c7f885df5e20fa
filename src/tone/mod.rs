//! Tone: VADER sentiment scores, reproducing Python vaderSentiment 3.3.2's
//! `SentimentIntensityAnalyzer().polarity_scores(text)` digit for digit, quirks included.
//!
//! How a text is scored (where, in parentheses):
//! 1. Emoji are replaced by their descriptions (`text::EmojiTable::replace_emoji`); `!` and
//!    `?` are counted on the result.
//! 2. The text is split on Python's whitespace, and each token loses its ASCII punctuation
//!    unless that would leave two characters or fewer (`tokens`).
//! 3. Each token is lower-cased and looked up once in the word table (`words::WordTable`),
//!    which knows its lexicon valence and whether it is a booster, a negation or a word some
//!    rule looks for by name.
//! 4. The rules give each token a sentiment: lexicon valence, the "no" rule, the caps
//!    differential, boosters and negations among the three preceding tokens, special idioms,
//!    "least"; then the "but" check rewrites the list (`rules`). Only lexicon words can score
//!    anything other than 0, so only they are looked at closely.
//! 5. `score_valence` sums them, adds the punctuation amplifier, normalizes, and rounds
//!    (`rules::score_valence`).
//!
//! Each thread keeps its buffers in a thread-local `Scratch`, so scoring a text normally
//! allocates nothing (exceptions: a text with "but" and over 256 lexicon words, a token with a
//! capital sigma). Look-ups are exact; nothing on the scoring path iterates a hash table.
//!
//! Speed: most of the work is per token, and most tokens are short ASCII words. Those are
//! split, stripped, lower-cased and checked for case eight or sixteen bytes at a time with
//! bitwise operations on a machine word, and found with one multiply and usually one slot
//! read in a table that stores the words themselves (`tokens`, `words`). The rules then skip
//! every token that is not a lexicon word.
//!
//! The lexicons are the reference's own files (MIT, see `lexicon/LICENSE`), embedded.
//!
//! Letter case follows CPython 3.11 (Unicode 14.0), whose `lower()`/`isupper()` the reference
//! used, rather than Rust's newer Unicode tables; see `text`. One corner is not reconciled:
//! whether a capital sigma is word-final is decided with Rust's tables, which differ from
//! Unicode 14.0 only for letters added since.

mod rules;
mod text;
mod tokens;
mod words;

use std::cell::RefCell;
use std::fmt;

use rules::Token;
use text::EmojiTable;
use words::WordTable;

const VADER_LEXICON: &str = include_str!("lexicon/vader_lexicon.txt");
const EMOJI_LEXICON: &str = include_str!("lexicon/emoji_utf8_lexicon.txt");

/// VADER scores, already rounded the way the reference rounds them
/// (compound to 4 decimals, pos/neu/neg to 3, correctly rounded, ties to even).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tone {
    pub compound: f64,
    pub pos: f64,
    pub neu: f64,
    pub neg: f64,
}

impl Tone {
    /// "positive" if compound >= 0.05, "negative" if compound <= -0.05, else "neutral".
    pub fn label(&self) -> &'static str {
        if self.compound >= 0.05 {
            "positive"
        } else if self.compound <= -0.05 {
            "negative"
        } else {
            "neutral"
        }
    }
}

/// A line of a user lexicon that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// Largest accepted user valence magnitude. The reference's valences lie in -4..=4; beyond a
/// few dozen the compound is already 1.0 at 4 decimals. The bound keeps every sum finite, so no
/// NaN can reach the "but" check's equality tests or the rounding.
const MAX_USER_VALENCE: f64 = 1e6;

/// The VADER scorer. Built once per run, then shared by reference across threads.
#[derive(Clone)]
pub struct Scorer {
    words: WordTable,
    emoji: EmojiTable,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer::new()
    }
}

/// Buffers reused from one `score` call to the next on the same thread.
#[derive(Default)]
struct Scratch {
    /// The text with emoji replaced, when it had any.
    text: String,
    /// The lower-cased token, for the rare tokens that are not ASCII or longer than 32 bytes.
    lower: String,
    tokens: Vec<Token>,
    /// (position, sentiment) of the tokens that can score.
    scored: Vec<(usize, f64)>,
}

impl Scratch {
    /// A huge text should not pin its buffers to the thread for the rest of the run.
    fn release_if_huge(&mut self) {
        const KEEP_BYTES: usize = 1 << 20;
        const KEEP_TOKENS: usize = 1 << 16;
        if self.text.capacity() > KEEP_BYTES {
            self.text = String::new();
        }
        if self.lower.capacity() > KEEP_BYTES {
            self.lower = String::new();
        }
        if self.tokens.capacity() > KEEP_TOKENS {
            self.tokens = Vec::new();
        }
        if self.scored.capacity() > KEEP_TOKENS {
            self.scored = Vec::new();
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scorer {
    /// The reference 3.3.2 lexicons, embedded.
    pub fn new() -> Scorer {
        Scorer {
            words: WordTable::reference(VADER_LEXICON),
            emoji: EmojiTable::parse(EMOJI_LEXICON),
        }
    }

    /// Add or override words from a user file of `word<TAB>valence` lines.
    ///
    /// - Blank lines and lines whose first non-blank character is `#` are ignored. Surrounding
    ///   whitespace of a line, of the word and of the valence is ignored; columns after the
    ///   valence are ignored too, so the reference's own 4-column `vader_lexicon.txt` format is
    ///   accepted.
    /// - Words are stored as the reference stores them: case-sensitive keys, matched against
    ///   `token.lower()`. A word that is not entirely lower-case could therefore never match a
    ///   token, so it is rejected with a hint to write it in lower case (`Great` → `great`). A
    ///   word containing whitespace could never match a token either and is rejected.
    /// - A word already in the lexicon gets the new valence; if a word appears twice, the last
    ///   line wins. Booster, negation and idiom lists are not affected, but a booster word added
    ///   here stops boosting, as it would in the reference (which skips lexicon words when
    ///   looking back for boosters).
    /// - The valence must be a finite number with magnitude at most 1,000,000.
    ///
    /// All-or-nothing: on the first bad line, nothing is added and the error names the line.
    /// Returns the number of entries read.
    pub fn extend_lexicon(&mut self, text: &str) -> Result<usize, LexiconError> {
        let mut entries = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let error = |message: String| LexiconError {
                line: line_number,
                message,
            };
            let Some((word, rest)) = trimmed.split_once('\t') else {
                let start: String = trimmed.chars().take(40).collect();
                return Err(error(format!(
                    "missing tab between word and valence in {start:?}"
                )));
            };
            let word = word.trim();
            let valence_text = rest.split('\t').next().unwrap_or(rest).trim();
            if word.is_empty() {
                return Err(error("empty word before the tab".to_string()));
            }
            if word.chars().any(text::is_py_whitespace) {
                return Err(error(format!(
                    "word {word:?} contains whitespace; VADER looks up single tokens, so it could never match"
                )));
            }
            let mut lower = String::new();
            text::py_lower_into(word, &mut lower);
            if lower != word {
                return Err(error(format!(
                    "word \"{}\" is not lower-case; tokens are looked up lower-cased, so it could never match (write \"{}\")",
                    crate::message::field(word),
                    crate::message::field(&lower)
                )));
            }
            let valence = match valence_text.parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= MAX_USER_VALENCE => v,
                Ok(_) => {
                    return Err(error(format!(
                        "bad valence \"{}\": must be a finite number between -1000000 and 1000000",
                        crate::message::field(valence_text)
                    )));
                }
                Err(_) => {
                    return Err(error(format!(
                        "bad valence \"{}\": not a number",
                        crate::message::field(valence_text)
                    )));
                }
            };
            entries.push((word, valence));
        }
        for &(word, valence) in &entries {
            self.words.set_valence(word, valence);
        }
        Ok(entries.len())
    }

    /// Scores exactly as vaderSentiment 3.3.2's
    /// `SentimentIntensityAnalyzer().polarity_scores(text)`.
    pub fn score(&self, text: &str) -> Tone {
        let scored = SCRATCH.try_with(|cell| {
            cell.try_borrow_mut()
                .ok()
                .map(|mut scratch| self.score_in(text, &mut scratch))
        });
        match scored {
            Ok(Some(tone)) => tone,
            // Only during thread teardown (or re-entry, which cannot happen): fresh buffers.
            _ => self.score_in(text, &mut Scratch::default()),
        }
    }

    fn score_in(&self, text: &str, scratch: &mut Scratch) -> Tone {
        let Scratch {
            text: replaced,
            lower,
            tokens,
            scored,
        } = scratch;
        // `!` and `?` are counted over the whole emoji-replaced text, which is how "ON! arrow"
        // from the emoji lexicon adds emphasis.
        let mut counts = ByteCounts::of(text.as_bytes());
        let text = if !counts.ascii && self.emoji.replace_emoji(text, replaced) {
            counts = ByteCounts::of(replaced.as_bytes());
            replaced.as_str()
        } else {
            text
        };

        tokens::tokenize(text, counts.ascii, &self.words, lower, tokens);
        let tone = rules::polarity_scores(tokens, scored, counts.exclamations, counts.questions);
        scratch.release_if_huge();
        tone
    }
}

/// What `score` needs to know about the bytes of a text, found in one pass.
struct ByteCounts {
    exclamations: usize,
    questions: usize,
    /// No byte above 0x7f.
    ascii: bool,
}

impl ByteCounts {
    fn of(bytes: &[u8]) -> ByteCounts {
        let mut counts = ByteCounts {
            exclamations: 0,
            questions: 0,
            ascii: true,
        };
        // Blocks of at most 255 bytes let the counters be single bytes, which the compiler
        // turns into 16 bytes per vector instruction; per-byte `usize` counters would not
        // vectorise as well, and `memchr` plus a count would read the text twice per byte.
        for block in bytes.chunks(255) {
            let (mut exclamations, mut questions, mut high) = (0u8, 0u8, 0u8);
            for &b in block {
                exclamations += u8::from(b == b'!');
                questions += u8::from(b == b'?');
                high |= b;
            }
            counts.exclamations += usize::from(exclamations);
            counts.questions += usize::from(questions);
            counts.ascii &= high < 0x80;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compound(text: &str) -> f64 {
        Scorer::new().score(text).compound
    }

    #[test]
    fn embedded_lexicons_parse_completely() {
        let scorer = Scorer::new();
        assert_eq!(scorer.words.lexicon_len(), 7506);
        assert_eq!(scorer.emoji.len(), 1212);
    }

    #[test]
    fn scorer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Scorer>();
    }

    #[test]
    fn empty_and_neutral_texts() {
        let scorer = Scorer::new();
        assert_eq!(scorer.score(""), Tone::default());
        assert_eq!(scorer.score(" \t "), Tone::default());
        let neutral = Tone {
            compound: 0.0,
            pos: 0.0,
            neu: 1.0,
            neg: 0.0,
        };
        assert_eq!(scorer.score("!!!???"), neutral);
        assert_eq!(scorer.score("The table is brown!"), neutral);
    }

    #[test]
    fn byte_counts_count_every_byte() {
        for len in 0..600 {
            let text: Vec<u8> = (0..len).map(|i| b"ab!?c d??"[i % 9]).collect();
            let counts = ByteCounts::of(&text);
            let count = |c| text.iter().filter(|&&b| b == c).count();
            assert_eq!(counts.exclamations, count(b'!'), "{len}");
            assert_eq!(counts.questions, count(b'?'), "{len}");
            assert!(counts.ascii);
        }
        // Runs long enough to fill a byte-wide counter several times over.
        let many = "!".repeat(5000) + &"?".repeat(70_000) + "é";
        let counts = ByteCounts::of(many.as_bytes());
        assert_eq!((counts.exclamations, counts.questions), (5000, 70_000));
        assert!(!counts.ascii);
    }

    #[test]
    fn labels() {
        let tone = |compound| Tone {
            compound,
            ..Tone::default()
        };
        assert_eq!(tone(0.05).label(), "positive");
        assert_eq!(tone(0.0499).label(), "neutral");
        assert_eq!(tone(-0.05).label(), "negative");
        assert_eq!(tone(0.0).label(), "neutral");
    }

    // Expected values below come from vaderSentiment 3.3.2 itself.

    #[test]
    fn trigram_around_the_word_is_never_checked() {
        assert_eq!(compound("The dessert was to die for."), -0.5994);
    }

    #[test]
    fn short_tokens_keep_their_punctuation() {
        // "No," keeps its comma (stripping would leave 2 characters), so it is not "no" and the
        // "no" rule does not fire.
        assert_eq!(compound("No, the results are good."), 0.4404);
        assert_eq!(compound("No the results are good."), 0.1779);
    }

    #[test]
    fn but_check_rewrites_the_first_equal_value() {
        assert_eq!(
            compound("The start was nice, but the ending was okay."),
            0.3291
        );
    }

    #[test]
    fn special_idioms_chain() {
        assert_eq!(compound("It is the bomb yeah right"), 0.25);
    }

    #[test]
    fn tricky_rules_match_the_reference() {
        let scorer = Scorer::new();
        // (text, neg, neu, pos, compound) from vaderSentiment 3.3.2.
        let cases = [
            // ":P" is looked up as ":p" (1.0), not as the key ":P" (1.4).
            (":P", 0.0, 0.0, 1.0, 0.25),
            (":D", 0.0, 0.0, 1.0, 0.5106),
            // A single "?" adds no emphasis; two do.
            ("Is it good?", 0.0, 0.408, 0.592, 0.4404),
            ("Is it good??", 0.0, 0.38, 0.62, 0.504),
            ("Not bad at all", 0.0, 0.513, 0.487, 0.431),
            // "least" negates, except after "at" or "very".
            ("At least it is good", 0.0, 0.58, 0.42, 0.4404),
            ("the least good", 0.546, 0.454, 0.0, -0.3412),
            ("He is very least good", 0.0, 0.557, 0.443, 0.4902),
            ("without a doubt good", 0.0, 0.285, 0.715, 0.6136),
            ("never so good", 0.0, 0.348, 0.652, 0.5777),
            // Caps differential.
            ("GOOD day, bad DAY", 0.383, 0.219, 0.398, 0.0343),
            ("kind of good", 0.0, 0.408, 0.592, 0.4404),
            (
                "it is sort of ok, but kind of BAD!!",
                0.462,
                0.538,
                0.0,
                -0.8348,
            ),
            // The 3.3 "no" rule, including "no ... or/nor".
            ("no good", 0.706, 0.294, 0.0, -0.3412),
            ("no or good", 0.822, 0.178, 0.0, -0.5583),
            ("no x or good", 0.697, 0.303, 0.0, -0.5583),
            ("he is no joke", 0.386, 0.614, 0.0, -0.2235),
            ("NOT GOOD at all!!", 0.541, 0.459, 0.0, -0.5473),
            // Single-code-point emoji (™, ©) are replaced by their descriptions.
            ("It was fine ™ ©", 0.0, 0.735, 0.265, 0.2023),
        ];
        for (text, neg, neu, pos, compound) in cases {
            let expected = Tone {
                compound,
                pos,
                neu,
                neg,
            };
            assert_eq!(scorer.score(text), expected, "{text:?}");
        }
    }

    #[test]
    fn emoji_glued_to_words() {
        let scorer = Scorer::new();
        // The description is glued to the next character: "smiling eyesgood" is no word.
        assert_eq!(
            scorer.score("😁good"),
            scorer.score("beaming face with smiling eyesgood")
        );
        assert_eq!(
            scorer.score("so😁"),
            scorer.score("so beaming face with smiling eyes")
        );
    }

    #[test]
    fn user_lexicon_words_score() {
        let mut scorer = Scorer::new();
        assert_eq!(scorer.score("the claimtrackium was found").compound, 0.0);
        let read = scorer
            .extend_lexicon("# custom words\n\nclaimtrackium\t2.5\n")
            .unwrap_or(0);
        assert_eq!(read, 1);
        assert!(scorer.score("the claimtrackium was found").compound > 0.0);
    }

    #[test]
    fn user_lexicon_errors_name_the_line() {
        let mut scorer = Scorer::new();
        let before = scorer.score("foo bar good").compound;
        let err = scorer
            .extend_lexicon("good\t-3\nfoo 2.0\n")
            .err()
            .map(|e| (e.line, e.message.contains("missing tab")));
        assert_eq!(err, Some((2, true)));
        // Nothing from the file was applied.
        assert_eq!(scorer.score("foo bar good").compound, before);

        let err = scorer.extend_lexicon("#x\nfoo\tabc\n").err();
        assert_eq!(err.as_ref().map(|e| e.line), Some(2));
        assert!(err.is_some_and(|e| e.to_string().starts_with("line 2: bad valence")));
        assert!(scorer.extend_lexicon("Great\t2\n").is_err());
        assert!(scorer.extend_lexicon("x\tNaN\n").is_err());
        assert!(scorer.extend_lexicon("x\t1e300\n").is_err());
        assert!(scorer.extend_lexicon("\t1\n").is_err());
    }

    #[test]
    fn huge_and_odd_inputs_do_not_panic() {
        let scorer = Scorer::new();
        let huge = "good but bad NOT very GREAT least no ".repeat(50_000);
        let tone = scorer.score(&huge);
        assert!(tone.compound.is_finite());
        for text in [
            "\u{0}",
            "İ",
            "ΣΣΣ",
            "\u{10ffff}",
            "🏳️‍🌈",
            "’’’",
            "n't",
            "'",
            "!!!!!!!!",
        ] {
            let tone = scorer.score(text);
            assert!(tone.compound.is_finite() && tone.pos.is_finite());
        }
    }

    #[test]
    fn scoring_from_several_threads_agrees() {
        let scorer = Scorer::new();
        let texts = [
            "I love it",
            "I hate it but it's fine",
            "NOT GOOD at all!!",
            "meh",
        ];
        let expected: Vec<Tone> = texts.iter().map(|t| scorer.score(t)).collect();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..100 {
                        let got: Vec<Tone> = texts.iter().map(|t| scorer.score(t)).collect();
                        assert_eq!(got, expected);
                    }
                });
            }
        });
    }
}
