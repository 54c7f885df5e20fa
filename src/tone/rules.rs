//! VADER's rules over the tokens of one text, in the order vaderSentiment 3.3.2 applies them and
//! with its floating-point operation order, so that every printed digit matches.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::BuildHasherDefault;

use super::Tone;
use super::words::{B_DECR, Booster, Keyword, WordHasher};

/// Caps differential: increment for a word in ALL CAPS when the rest of the text is not.
const C_INCR: f64 = 0.733;
/// Negation scalar.
const N_SCALAR: f64 = -0.74;

/// What the rules need to know about one token (`words_and_emoticons[i]`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Token {
    /// `lexicon[token.lower()]`.
    pub valence: Option<f64>,
    /// `BOOSTER_DICT[token.lower()]`.
    pub booster: Option<Booster>,
    /// `negated([token])`: in NEGATE, or contains "n't".
    pub negation: bool,
    pub keyword: Keyword,
    /// `token.isupper()`.
    pub all_caps: bool,
}

/// The sentiment of every token, as `polarity_scores` builds its `sentiments` list.
pub(crate) fn token_sentiments(tokens: &[Token], sentiments: &mut Vec<f64>) {
    sentiments.clear();
    let all_caps = tokens.iter().filter(|t| t.all_caps).count();
    // allcap_differential: some, but not all, tokens are ALL CAPS.
    let is_cap_diff = all_caps > 0 && all_caps < tokens.len();
    sentiments.extend((0..tokens.len()).map(|i| {
        Context {
            tokens,
            i,
            is_cap_diff,
        }
        .sentiment()
    }));
}

/// Token `i` of `tokens`, with the relative look-ups the rules make around it.
struct Context<'a> {
    tokens: &'a [Token],
    i: usize,
    is_cap_diff: bool,
}

impl Context<'_> {
    /// The token `n` places before this one (`n == 0`: this one).
    fn back(&self, n: usize) -> Option<&Token> {
        self.i.checked_sub(n).and_then(|j| self.tokens.get(j))
    }

    fn ahead(&self, n: usize) -> Option<&Token> {
        self.i.checked_add(n).and_then(|j| self.tokens.get(j))
    }

    fn keyword_back(&self, n: usize) -> Keyword {
        self.back(n).map_or(Keyword::Other, |t| t.keyword)
    }

    fn keyword_ahead(&self, n: usize) -> Keyword {
        self.ahead(n).map_or(Keyword::Other, |t| t.keyword)
    }

    /// The body of the `polarity_scores` loop plus `sentiment_valence`.
    fn sentiment(&self) -> f64 {
        let Some(token) = self.back(0) else {
            return 0.0;
        };
        // Boosters only modify other words; they score 0 even if they are in the lexicon.
        if token.booster.is_some() {
            return 0.0;
        }
        // "kind" of "kind of" is a dampener, not the lexicon word "kind" (2.4).
        if token.keyword == Keyword::Kind && self.keyword_ahead(1) == Keyword::Of {
            return 0.0;
        }
        let Some(lexicon_valence) = token.valence else {
            return 0.0;
        };
        let mut valence = lexicon_valence;

        // The 3.3 "no" rule: "no" before another lexicon word is a negation, not a word of
        // its own; and a lexicon word up to two places after "no" (or three, through "or"/"nor")
        // is negated.
        if token.keyword == Keyword::No && self.ahead(1).is_some_and(|t| t.valence.is_some()) {
            valence = 0.0;
        }
        if self.keyword_back(1) == Keyword::No
            || self.keyword_back(2) == Keyword::No
            || (self.keyword_back(3) == Keyword::No
                && matches!(self.keyword_back(1), Keyword::Or | Keyword::Nor))
        {
            valence = lexicon_valence * N_SCALAR;
        }

        // Caps differential.
        if token.all_caps && self.is_cap_diff {
            if valence > 0.0 {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }

        // Look back over the three preceding tokens; lexicon words there are skipped.
        for start_i in 0..3 {
            let Some(preceding) = self.back(start_i + 1) else {
                break;
            };
            if preceding.valence.is_some() {
                continue;
            }
            let mut s = self.booster_scalar(preceding, valence);
            // Boosters further away count less.
            if start_i == 1 && s != 0.0 {
                s *= 0.95;
            }
            if start_i == 2 && s != 0.0 {
                s *= 0.9;
            }
            valence += s;
            valence = self.negation_check(valence, start_i);
            if start_i == 2 {
                valence = self.special_idioms_check(valence);
            }
        }

        self.least_check(valence)
    }

    /// `scalar_inc_dec`: a booster's push, signed like the valence it modifies, plus the caps
    /// differential when the booster itself is in ALL CAPS. At valence 0 the caps increment is
    /// subtracted (the reference's `else` branch).
    fn booster_scalar(&self, booster: &Token, valence: f64) -> f64 {
        let Some(mut scalar) = booster.booster.map(Booster::scalar) else {
            return 0.0;
        };
        if valence < 0.0 {
            scalar *= -1.0;
        }
        if booster.all_caps && self.is_cap_diff {
            if valence > 0.0 {
                scalar += C_INCR;
            } else {
                scalar -= C_INCR;
            }
        }
        scalar
    }

    /// `_negation_check` for the token `start_i + 1` places back. Kept with the reference's
    /// operator precedence: at distance 3, "so"/"this" right before the word triggers the
    /// "never so/this" boost on its own, without any "never".
    fn negation_check(&self, valence: f64, start_i: usize) -> f64 {
        use Keyword::{Doubt, Never, So, This, Without};
        let negated = |n: usize| self.back(n).is_some_and(|t| t.negation);
        let (k1, k2, k3) = (
            self.keyword_back(1),
            self.keyword_back(2),
            self.keyword_back(3),
        );
        match start_i {
            0 if negated(1) => valence * N_SCALAR,
            1 if k2 == Never && matches!(k1, So | This) => valence * 1.25,
            1 if k2 == Without && k1 == Doubt => valence,
            1 if negated(2) => valence * N_SCALAR,
            2 if (k3 == Never && matches!(k2, So | This)) || matches!(k1, So | This) => {
                valence * 1.25
            }
            2 if k3 == Without && (k2 == Doubt || k1 == Doubt) => valence,
            2 if negated(3) => valence * N_SCALAR,
            _ => valence,
        }
    }

    /// `_special_idioms_check` (only reached with three tokens before this one). N-grams match
    /// whole tokens exactly. Of the n-grams ending before or at this word, the first in the
    /// reference's order wins; then "this next" and "this next next" override; then the
    /// two-word dampeners ("kind of", "sort of", "just enough") before this word are added.
    /// The n-gram (previous, this, next) is never checked, so "to die for" around "die" stays
    /// negative.
    fn special_idioms_check(&self, mut valence: f64) -> f64 {
        let (w0, w1, w2, w3) = (
            self.keyword_back(0),
            self.keyword_back(1),
            self.keyword_back(2),
            self.keyword_back(3),
        );
        let before = [
            special_case_bigram(w1, w0),
            special_case_trigram(w2, w1, w0),
            special_case_bigram(w2, w1),
            special_case_trigram(w3, w2, w1),
            special_case_bigram(w3, w2),
        ];
        if let Some(idiom) = before.into_iter().flatten().next() {
            valence = idiom;
        }
        if self.ahead(1).is_some() {
            if let Some(idiom) = special_case_bigram(w0, self.keyword_ahead(1)) {
                valence = idiom;
            }
        }
        if self.ahead(2).is_some() {
            if let Some(idiom) =
                special_case_trigram(w0, self.keyword_ahead(1), self.keyword_ahead(2))
            {
                valence = idiom;
            }
        }
        // BOOSTER_DICT has no three-word key, so of (3 2 1), (3 2), (2 1) only the bigrams can hit.
        for scalar in [booster_bigram(w3, w2), booster_bigram(w2, w1)]
            .into_iter()
            .flatten()
        {
            valence += scalar;
        }
        valence
    }

    /// `_least_check`: "least" right before the word negates it, except in "at least" and
    /// "very least". (Only when "least" itself is not a lexicon word.)
    fn least_check(&self, valence: f64) -> f64 {
        let after_least = self
            .back(1)
            .is_some_and(|t| t.keyword == Keyword::Least && t.valence.is_none());
        if after_least && !matches!(self.keyword_back(2), Keyword::At | Keyword::Very) {
            valence * N_SCALAR
        } else {
            valence
        }
    }
}

/// The two-word SPECIAL_CASES idioms.
fn special_case_bigram(a: Keyword, b: Keyword) -> Option<f64> {
    use Keyword::*;
    match (a, b) {
        (The, Shit) | (The, Bomb) => Some(3.0),
        (Bad, Ass) => Some(1.5),
        (Bus, Stop) => Some(0.0),
        (Yeah, Right) => Some(-2.0),
        (Beating, Heart) => Some(3.5),
        _ => None,
    }
}

/// The three-word SPECIAL_CASES idioms. ("badass" is a key too, but no n-gram of two or three
/// tokens joined by spaces can equal it.)
fn special_case_trigram(a: Keyword, b: Keyword, c: Keyword) -> Option<f64> {
    use Keyword::*;
    match (a, b, c) {
        (Kiss, Of, Death) => Some(-1.5),
        (To, Die, For) => Some(3.0),
        _ => None,
    }
}

/// The two-word BOOSTER_DICT entries.
fn booster_bigram(a: Keyword, b: Keyword) -> Option<f64> {
    use Keyword::*;
    match (a, b) {
        (Just, Enough) | (Kind, Of) | (Sort, Of) => Some(B_DECR),
        _ => None,
    }
}

/// Above this many tokens the "but" check switches from the reference's linear `list.index`
/// scans to an index with the same answers (quadratic time on a huge text would be a hang).
const BUT_CHECK_SCAN_LIMIT: usize = 256;

/// `_but_check`: after the first "but", sentiments count ×1.5; before it, ×0.5. The reference
/// walks the list and rewrites the element at `sentiments.index(value)`, the *first* element
/// equal to the value, which need not be the current one: with equal values on both sides of
/// "but", the first copy is scaled twice and a later one not at all. Reproduced exactly.
pub(crate) fn but_check(tokens: &[Token], sentiments: &mut [f64]) {
    let Some(but_index) = tokens.iter().position(|t| t.keyword == Keyword::But) else {
        return;
    };
    if sentiments.len() <= BUT_CHECK_SCAN_LIMIT {
        but_check_scanning(sentiments, but_index);
    } else {
        but_check_indexed(sentiments, but_index);
    }
}

fn but_scaled(value: f64, index: usize, but_index: usize) -> f64 {
    if index < but_index {
        value * 0.5
    } else if index > but_index {
        value * 1.5
    } else {
        value
    }
}

/// The reference algorithm, literally. The element read at step `k` was never rewritten before
/// (rewrites land at or before the step's own position), and `index` finds it at `k` at worst.
fn but_check_scanning(sentiments: &mut [f64], but_index: usize) {
    for k in 0..sentiments.len() {
        let Some(&value) = sentiments.get(k) else {
            break;
        };
        let first = sentiments
            .get(..k)
            .and_then(|before| before.iter().position(|&x| x == value))
            .unwrap_or(k);
        if let Some(slot) = sentiments.get_mut(first) {
            *slot = but_scaled(value, first, but_index);
        }
    }
}

/// Same result as `but_check_scanning` in O(n log n): positions already passed are grouped by
/// their current value, each group a min-heap, so `index(value)` is the smallest position in the
/// value's group (or the current position). Values are finite, never NaN, so equality of values
/// is equality of bits once -0.0 is folded into 0.0 (`-0.0 == 0.0` in Python as in Rust).
fn but_check_indexed(sentiments: &mut [f64], but_index: usize) {
    type Groups = HashMap<u64, BinaryHeap<Reverse<usize>>, BuildHasherDefault<WordHasher>>;
    let key = |v: f64| (v + 0.0).to_bits();
    let mut groups = Groups::default();
    for k in 0..sentiments.len() {
        let Some(&value) = sentiments.get(k) else {
            break;
        };
        let group = groups.entry(key(value)).or_default();
        let first = match group.peek() {
            Some(&Reverse(j)) => {
                group.pop();
                j
            }
            None => k,
        };
        let scaled = but_scaled(value, first, but_index);
        if let Some(slot) = sentiments.get_mut(first) {
            *slot = scaled;
        }
        groups.entry(key(scaled)).or_default().push(Reverse(first));
        if first != k {
            // Position k keeps its value.
            groups.entry(key(value)).or_default().push(Reverse(k));
        }
    }
}

/// `_amplify_ep` + `_amplify_qm`.
fn punctuation_amplifier(exclamations: usize, questions: usize) -> f64 {
    let ep_amplifier = exclamations.min(4) as f64 * 0.292;
    let qm_amplifier = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    ep_amplifier + qm_amplifier
}

/// `score_valence`, including its rounding.
pub(crate) fn score_valence(sentiments: &[f64], exclamations: usize, questions: usize) -> Tone {
    if sentiments.is_empty() {
        return Tone::default();
    }
    // Python's built-in `sum` over floats (3.11: plain left-to-right addition).
    let mut sum_s = sentiments.iter().fold(0.0, |acc, &s| acc + s);
    let amplifier = punctuation_amplifier(exclamations, questions);
    // Neutral text gets no emphasis at all.
    if sum_s > 0.0 {
        sum_s += amplifier;
    } else if sum_s < 0.0 {
        sum_s -= amplifier;
    }
    let compound = normalize(sum_s);

    // _sift_sentiment_scores: each scored word counts 1 + |valence|, each neutral one 1.
    let mut pos_sum = 0.0;
    let mut neg_sum = 0.0;
    let mut neu_count = 0u64;
    for &s in sentiments {
        if s > 0.0 {
            pos_sum += s + 1.0;
        }
        if s < 0.0 {
            neg_sum += s - 1.0;
        }
        if s == 0.0 {
            neu_count += 1;
        }
    }
    if pos_sum > neg_sum.abs() {
        pos_sum += amplifier;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= amplifier;
    }
    let neu_count = neu_count as f64;
    let total = pos_sum + neg_sum.abs() + neu_count;
    Tone {
        compound: round_half_even(compound, 4),
        pos: round_half_even((pos_sum / total).abs(), 3),
        neu: round_half_even((neu_count / total).abs(), 3),
        neg: round_half_even((neg_sum / total).abs(), 3),
    }
}

/// `normalize` with alpha = 15.
fn normalize(score: f64) -> f64 {
    // Same as the reference's explicit comparisons (NaN stays NaN either way).
    (score / (score * score + 15.0).sqrt()).clamp(-1.0, 1.0)
}

/// Python's `round(x, decimals)` for floats: the exact binary value of `x` rounded to
/// `decimals` places, ties to even, then the nearest double to that decimal. (Not
/// `(x * 1e3).round() / 1e3`: the product is inexact and the tie rule differs, e.g. 0.8125.)
///
/// `x = m · 2^e` exactly; `2·x·10^d = m·2·10^d·2^e` is split into the integer part `q` and
/// a remainder, which settles the rounding with integers only. The result `k / 10^d` is one
/// correctly rounded division, the same double as parsing the decimal string.
pub(crate) fn round_half_even(x: f64, decimals: u32) -> f64 {
    const MANTISSA_BITS: u32 = 52;
    if !x.is_finite() {
        return x;
    }
    // At most 4 places: then `rounded` stays below 2^53 and converts to f64 exactly.
    let scale = 10u64.pow(decimals.min(4));
    let magnitude = x.abs();
    // Larger values would overflow the exact path below; scores are within [-1, 1] anyway.
    if magnitude >= 1e9 {
        return format!("{x:.prec$}", prec = decimals as usize)
            .parse()
            .unwrap_or(x);
    }
    // Fast path: below 2^20 the product's rounding error is under 2^-33 (and the fraction is
    // computed exactly from it), so a fraction more than 1e-9 away from one half rounds the
    // same way as the exact value would. Only near-ties take the exact path below.
    let scaled = magnitude * scale as f64;
    let whole = scaled as u64; // truncation toward zero; scaled >= 0
    let fraction = scaled - whole as f64;
    if scaled < (1u64 << 20) as f64 && (fraction - 0.5).abs() > 1e-9 {
        let rounded = if fraction > 0.5 { whole + 1 } else { whole };
        return (rounded as f64 / scale as f64).copysign(x);
    }
    let bits = magnitude.to_bits();
    let biased_exponent = (bits >> MANTISSA_BITS) as i32;
    if biased_exponent == 0 {
        // Zero or subnormal: far below half a unit in the last place kept.
        return 0.0f64.copysign(x);
    }
    let mantissa = (bits & ((1u64 << MANTISSA_BITS) - 1)) | (1u64 << MANTISSA_BITS);
    // x = mantissa · 2^-shift; shift > 0 because magnitude < 2^52.
    let shift = (1075 - biased_exponent) as u32;
    if shift >= 128 {
        return 0.0f64.copysign(x);
    }
    let twice_scaled = u128::from(mantissa) * u128::from(2 * scale);
    let q = twice_scaled >> shift;
    let remainder = twice_scaled & ((1u128 << shift) - 1);
    let floor = q >> 1;
    let above_or_at_half = q & 1 == 1;
    let rounded = if !above_or_at_half {
        floor
    } else if remainder != 0 || floor & 1 == 1 {
        floor + 1
    } else {
        floor
    };
    // `rounded` < 2^53: both conversions are exact.
    ((rounded as u64) as f64 / scale as f64).copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via_format(x: f64, decimals: usize) -> f64 {
        format!("{x:.decimals$}").parse().unwrap_or(f64::NAN)
    }

    #[test]
    fn rounding_ties_go_to_even_on_the_exact_binary_value() {
        assert_eq!(round_half_even(0.8125, 3), 0.812);
        assert_eq!(round_half_even(0.0875, 3), 0.087);
        assert_eq!(round_half_even(0.5, 0), 0.0);
        assert_eq!(round_half_even(1.5, 0), 2.0);
        assert_eq!(round_half_even(-0.47665, 4), via_format(-0.47665, 4));
        assert!(round_half_even(-1e-9, 4).is_sign_negative());
        assert_eq!(round_half_even(1.0, 4), 1.0);
        assert_eq!(round_half_even(-1.0, 4), -1.0);
    }

    #[test]
    fn rounding_agrees_with_formatting_on_many_values() {
        // A fixed xorshift sequence over [-1, 1] plus values next to decimal ties.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let x = (next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
            assert_eq!(
                round_half_even(x, 4).to_bits(),
                via_format(x, 4).to_bits(),
                "{x}"
            );
            assert_eq!(
                round_half_even(x, 3).to_bits(),
                via_format(x, 3).to_bits(),
                "{x}"
            );
        }
        for k in 0..20_000u32 {
            let tie = (f64::from(k) + 0.5) / 10_000.0;
            let up = f64::from_bits(tie.to_bits() + 1);
            let down = f64::from_bits(tie.to_bits() - 1);
            for x in [tie, up, down, -tie] {
                assert_eq!(
                    round_half_even(x, 4).to_bits(),
                    via_format(x, 4).to_bits(),
                    "{x}"
                );
                assert_eq!(
                    round_half_even(x, 3).to_bits(),
                    via_format(x, 3).to_bits(),
                    "{x}"
                );
            }
        }
    }

    #[test]
    fn indexed_but_check_matches_scanning() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        // Few distinct values, so equal values (and the quirk) occur often.
        let palette = [
            0.0, -0.0, 1.5, 0.75, 3.0, -2.0, -1.0, 2.25, 4.5, -0.5, 1.125,
        ];
        for _ in 0..2_000 {
            let len = 1 + next(200) as usize;
            let values: Vec<f64> = (0..len)
                .map(|_| palette[next(palette.len() as u64) as usize])
                .collect();
            let but_index = next(len as u64) as usize;
            let mut scanned = values.clone();
            let mut indexed = values;
            but_check_scanning(&mut scanned, but_index);
            but_check_indexed(&mut indexed, but_index);
            let bits = |v: &[f64]| v.iter().map(|x| (x + 0.0).to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&scanned), bits(&indexed));
        }
    }
}
