//! The word table: every lower-cased token that VADER treats specially, with all of its roles
//! (lexicon valence, booster, negation, rule keyword) found by a single exact look-up.

use std::hash::Hasher;

use super::text::is_py_whitespace;

/// Booster ("degree adverb") increment and dampener decrement.
pub(crate) const B_INCR: f64 = 0.293;
pub(crate) const B_DECR: f64 = -0.293;

/// Words that VADER's rules compare against by their exact lower-cased text.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) enum Keyword {
    /// Any word no rule looks for by name.
    #[default]
    Other,
    // "no" rule, "kind of", "least", "but", negation-check idioms
    No,
    Or,
    Nor,
    Kind,
    Of,
    Least,
    At,
    Very,
    But,
    Never,
    So,
    This,
    Without,
    Doubt,
    // SPECIAL_CASES idioms and multi-word boosters
    The,
    Shit,
    Bomb,
    Bad,
    Ass,
    Bus,
    Stop,
    Yeah,
    Right,
    Kiss,
    Death,
    To,
    Die,
    For,
    Beating,
    Heart,
    Just,
    Enough,
    Sort,
}

const KEYWORDS: [(&str, Keyword); 33] = [
    ("no", Keyword::No),
    ("or", Keyword::Or),
    ("nor", Keyword::Nor),
    ("kind", Keyword::Kind),
    ("of", Keyword::Of),
    ("least", Keyword::Least),
    ("at", Keyword::At),
    ("very", Keyword::Very),
    ("but", Keyword::But),
    ("never", Keyword::Never),
    ("so", Keyword::So),
    ("this", Keyword::This),
    ("without", Keyword::Without),
    ("doubt", Keyword::Doubt),
    ("the", Keyword::The),
    ("shit", Keyword::Shit),
    ("bomb", Keyword::Bomb),
    ("bad", Keyword::Bad),
    ("ass", Keyword::Ass),
    ("bus", Keyword::Bus),
    ("stop", Keyword::Stop),
    ("yeah", Keyword::Yeah),
    ("right", Keyword::Right),
    ("kiss", Keyword::Kiss),
    ("death", Keyword::Death),
    ("to", Keyword::To),
    ("die", Keyword::Die),
    ("for", Keyword::For),
    ("beating", Keyword::Beating),
    ("heart", Keyword::Heart),
    ("just", Keyword::Just),
    ("enough", Keyword::Enough),
    ("sort", Keyword::Sort),
];

/// vaderSentiment's NEGATE list. (Any token containing "n't" negates too; see `tokens`.)
const NEGATE: [&str; 59] = [
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// The one-word entries of BOOSTER_DICT. Its three two-word entries ("just enough", "kind of",
/// "sort of") can only match the n-grams of the special-idioms check (see `rules`), because a
/// token never contains a space.
const BOOSTERS: [(&str, f64); 81] = [
    ("absolutely", B_INCR),
    ("amazingly", B_INCR),
    ("awfully", B_INCR),
    ("completely", B_INCR),
    ("considerable", B_INCR),
    ("considerably", B_INCR),
    ("decidedly", B_INCR),
    ("deeply", B_INCR),
    ("effing", B_INCR),
    ("enormous", B_INCR),
    ("enormously", B_INCR),
    ("entirely", B_INCR),
    ("especially", B_INCR),
    ("exceptional", B_INCR),
    ("exceptionally", B_INCR),
    ("extreme", B_INCR),
    ("extremely", B_INCR),
    ("fabulously", B_INCR),
    ("flipping", B_INCR),
    ("flippin", B_INCR),
    ("frackin", B_INCR),
    ("fracking", B_INCR),
    ("fricking", B_INCR),
    ("frickin", B_INCR),
    ("frigging", B_INCR),
    ("friggin", B_INCR),
    ("fully", B_INCR),
    ("fuckin", B_INCR),
    ("fucking", B_INCR),
    ("fuggin", B_INCR),
    ("fugging", B_INCR),
    ("greatly", B_INCR),
    ("hella", B_INCR),
    ("highly", B_INCR),
    ("hugely", B_INCR),
    ("incredible", B_INCR),
    ("incredibly", B_INCR),
    ("intensely", B_INCR),
    ("major", B_INCR),
    ("majorly", B_INCR),
    ("more", B_INCR),
    ("most", B_INCR),
    ("particularly", B_INCR),
    ("purely", B_INCR),
    ("quite", B_INCR),
    ("really", B_INCR),
    ("remarkably", B_INCR),
    ("so", B_INCR),
    ("substantially", B_INCR),
    ("thoroughly", B_INCR),
    ("total", B_INCR),
    ("totally", B_INCR),
    ("tremendous", B_INCR),
    ("tremendously", B_INCR),
    ("uber", B_INCR),
    ("unbelievably", B_INCR),
    ("unusually", B_INCR),
    ("utter", B_INCR),
    ("utterly", B_INCR),
    ("very", B_INCR),
    ("almost", B_DECR),
    ("barely", B_DECR),
    ("hardly", B_DECR),
    ("kinda", B_DECR),
    ("kindof", B_DECR),
    ("kind-of", B_DECR),
    ("less", B_DECR),
    ("little", B_DECR),
    ("marginal", B_DECR),
    ("marginally", B_DECR),
    ("occasional", B_DECR),
    ("occasionally", B_DECR),
    ("partly", B_DECR),
    ("scarce", B_DECR),
    ("scarcely", B_DECR),
    ("slight", B_DECR),
    ("slightly", B_DECR),
    ("somewhat", B_DECR),
    ("sorta", B_DECR),
    ("sortof", B_DECR),
    ("sort-of", B_DECR),
];

/// A booster ("degree adverb") pushes a valence away from zero; a dampener pulls it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Booster {
    Increment,
    Decrement,
}

impl Booster {
    pub(crate) fn scalar(self) -> f64 {
        match self {
            Booster::Increment => B_INCR,
            Booster::Decrement => B_DECR,
        }
    }

    fn from_scalar(scalar: f64) -> Booster {
        if scalar > 0.0 {
            Booster::Increment
        } else {
            Booster::Decrement
        }
    }
}

/// Everything VADER knows about one lower-cased token.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct WordEntry {
    /// `lexicon[word]`: the case-sensitive dict that tokens are looked up in after `lower()`.
    pub valence: Option<f64>,
    /// `BOOSTER_DICT[word]`.
    pub booster: Option<Booster>,
    /// Member of NEGATE.
    pub negation: bool,
    pub keyword: Keyword,
}

const HASH_K: u64 = 0xf135_7aea_2e62_a9c5;

/// FxHash-style multiply-rotate over a key's 8-byte little-endian chunks (the last one
/// zero-padded), seeded with its length. Keys are short words from our own tables, looked up by
/// exact match only (never iterated), so speed matters and flooding resistance does not.
#[inline]
fn hash_chunks(len: usize, chunks: impl Iterator<Item = u64>) -> u64 {
    let mut hash = (len as u64).wrapping_mul(HASH_K);
    for chunk in chunks {
        hash = (hash.rotate_left(26) ^ chunk).wrapping_mul(HASH_K);
    }
    // The slot index comes from the low bits: fold the well-mixed high bits into them.
    hash ^ (hash >> 29)
}

/// Up to 8 bytes as a little-endian word, zero-padded.
fn padded_chunk(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(0u64, |chunk, &b| (chunk << 8) | u64::from(b))
}

/// `to_ascii_lowercase` on each of the 8 bytes of a word at once: adds 0x20 to the bytes in
/// `A..=Z` (bytes >= 0x80 are left alone, as `to_ascii_lowercase` leaves them).
#[inline]
fn ascii_lowercase_chunk(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let low7 = chunk & !HIGH;
    // The high bit of each byte of `at_least_a` says `byte & 0x7f >= b'A'`, etc.; no byte
    // carries into the next, since each sum stays below 0x100.
    let at_least_a = low7 + ONES * u64::from(0x80 - b'A');
    let above_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !above_z & !chunk & HIGH;
    chunk | (upper >> 2)
}

/// The hash of any key; equal to `ShortKey::hash` for keys of up to 32 bytes.
pub(crate) fn hash_key(key: &[u8]) -> u64 {
    hash_chunks(key.len(), key.chunks(8).map(padded_chunk))
}

/// A key of at most 32 bytes, zero-padded into four words, so that hashing and comparing it
/// take a fixed handful of instructions. Nearly every token and every reference key fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShortKey {
    len: usize,
    chunks: [u64; 4],
}

impl ShortKey {
    const MAX_LEN: usize = 32;

    #[inline]
    fn build(bytes: &[u8], to_lowercase: bool) -> Option<ShortKey> {
        if bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut chunks = [0u64; 4];
        for (chunk, piece) in chunks.iter_mut().zip(bytes.chunks(8)) {
            // Whole 8-byte loads, assembled in registers (byte-wise stores followed by a wide
            // load would stall on store forwarding).
            let raw = match <[u8; 8]>::try_from(piece) {
                Ok(eight) => u64::from_le_bytes(eight),
                Err(_) => padded_chunk(piece),
            };
            *chunk = if to_lowercase {
                ascii_lowercase_chunk(raw)
            } else {
                raw
            };
        }
        Some(ShortKey {
            len: bytes.len(),
            chunks,
        })
    }

    /// The key `bytes` as they are.
    pub(crate) fn exact(bytes: &[u8]) -> Option<ShortKey> {
        Self::build(bytes, false)
    }

    /// The key `word.to_ascii_lowercase()`, which is `word.lower()` for an ASCII `word`.
    #[inline]
    pub(crate) fn ascii_lowercase(word: &[u8]) -> Option<ShortKey> {
        Self::build(word, true)
    }

    #[inline]
    fn hash(&self) -> u64 {
        hash_chunks(
            self.len,
            self.chunks.iter().take(self.len.div_ceil(8)).copied(),
        )
    }
}

/// A `std` hasher built on `hash_key`, for the "but" check's value index.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_key(bytes) ^ self.0.rotate_left(5);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Clone, PartialEq, Eq)]
enum StoredKey {
    Short(ShortKey),
    Long(Box<str>),
}

impl StoredKey {
    fn new(word: &str) -> StoredKey {
        match ShortKey::exact(word.as_bytes()) {
            Some(short) => StoredKey::Short(short),
            None => StoredKey::Long(word.into()),
        }
    }

    fn hash(&self) -> u64 {
        match self {
            StoredKey::Short(short) => short.hash(),
            StoredKey::Long(long) => hash_key(long.as_bytes()),
        }
    }
}

#[derive(Clone)]
struct Stored {
    hash: u64,
    key: StoredKey,
    entry: WordEntry,
}

/// Open-addressing hash table (linear probing, at most half full) from lower-cased word to
/// `WordEntry`. Each slot carries 32 bits of its key's hash, so a probe only visits the stored
/// entry (and compares keys) when those match.
#[derive(Clone)]
pub(crate) struct WordTable {
    /// Bloom filter (two bits per key) answering most look-ups of words that are not in the
    /// table, which are the majority, from a block small enough to stay in L1 cache.
    filter: Vec<u64>,
    /// 0 = empty, else the key's hash tag (`TAG_BITS`) above `1 + index into stored`.
    slots: Vec<u64>,
    stored: Vec<Stored>,
    /// Longest key in bytes: longer tokens skip the look-up.
    max_key_len: usize,
}

const TAG_BITS: u64 = 0xffff_ffff_0000_0000;

fn pack_slot(hash: u64, index: usize) -> u64 {
    (hash & TAG_BITS) | (index as u64 + 1)
}

/// 2^17 bits: about 1% false positives with the reference's 7,600 keys.
const FILTER_WORDS: usize = (1 << 17) / 64;

/// The two filter bits of a hash, as (word index, bit mask) pairs.
fn filter_bits(hash: u64) -> [(usize, u64); 2] {
    let bit = |h: u64| (((h >> 6) as usize) % FILTER_WORDS, 1u64 << (h & 63));
    [bit(hash >> 40), bit(hash >> 17)]
}

impl WordTable {
    /// The reference lexicon plus the booster, negation and keyword lists.
    pub(crate) fn reference(vader_lexicon: &str) -> WordTable {
        let mut table = WordTable {
            filter: vec![0; FILTER_WORDS],
            slots: vec![0; 1 << 14],
            stored: Vec::with_capacity(8192),
            max_key_len: 0,
        };
        for (word, valence) in parse_reference_lexicon(vader_lexicon) {
            table.set_valence(word, valence);
        }
        for (word, scalar) in BOOSTERS {
            table.update(word, |e| e.booster = Some(Booster::from_scalar(scalar)));
        }
        for word in NEGATE {
            table.update(word, |e| e.negation = true);
        }
        for (word, keyword) in KEYWORDS {
            table.update(word, |e| e.keyword = keyword);
        }
        table
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Index into `stored` of the key with this hash for which `is_key` holds, or the slot
    /// where it would go.
    #[inline]
    fn find(&self, hash: u64, is_key: impl Fn(&StoredKey) -> bool) -> Result<usize, usize> {
        let mask = self.mask();
        let tag = hash & TAG_BITS;
        let mut slot = hash as usize & mask;
        // The table is never more than half full, so an empty slot ends every probe sequence.
        loop {
            let packed = self.slots.get(slot).copied().unwrap_or(0);
            if packed == 0 {
                return Err(slot);
            }
            if packed & TAG_BITS == tag {
                let index = (packed & !TAG_BITS) as usize - 1;
                if self.stored.get(index).is_some_and(|s| is_key(&s.key)) {
                    return Ok(index);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Applies `change` to the entry of `word`, inserting a default entry first if needed.
    fn update(&mut self, word: &str, change: impl FnOnce(&mut WordEntry)) {
        let key = StoredKey::new(word);
        let hash = key.hash();
        let index = match self.find(hash, |k| *k == key) {
            Ok(index) => index,
            Err(slot) => {
                let index = self.stored.len();
                self.stored.push(Stored {
                    hash,
                    key,
                    entry: WordEntry::default(),
                });
                self.max_key_len = self.max_key_len.max(word.len());
                for (index, mask) in filter_bits(hash) {
                    if let Some(bits) = self.filter.get_mut(index) {
                        *bits |= mask;
                    }
                }
                if let Some(free) = self.slots.get_mut(slot) {
                    *free = pack_slot(hash, index);
                }
                if self.stored.len() * 2 > self.slots.len() {
                    self.grow();
                }
                index
            }
        };
        if let Some(stored) = self.stored.get_mut(index) {
            change(&mut stored.entry);
        }
    }

    fn grow(&mut self) {
        self.slots = vec![0; self.slots.len() * 2];
        let mask = self.mask();
        for (index, stored) in self.stored.iter().enumerate() {
            let mut slot = stored.hash as usize & mask;
            while self.slots.get(slot).is_some_and(|&s| s != 0) {
                slot = (slot + 1) & mask;
            }
            if let Some(free) = self.slots.get_mut(slot) {
                *free = pack_slot(stored.hash, index);
            }
        }
    }

    /// Adds or overrides a lexicon word, case-sensitively, as `lex_dict[word] = valence` does.
    pub(crate) fn set_valence(&mut self, word: &str, valence: f64) {
        self.update(word, |e| e.valence = Some(valence));
    }

    pub(crate) fn max_key_len(&self) -> usize {
        self.max_key_len
    }

    #[inline]
    fn get_hashed(&self, hash: u64, is_key: impl Fn(&StoredKey) -> bool) -> Option<&WordEntry> {
        let maybe_present = filter_bits(hash)
            .iter()
            .all(|&(index, mask)| self.filter.get(index).is_some_and(|bits| bits & mask != 0));
        if !maybe_present {
            return None;
        }
        let index = self.find(hash, is_key).ok()?;
        self.stored.get(index).map(|s| &s.entry)
    }

    /// Look-up of a lower-cased word of at most 32 bytes.
    #[inline]
    pub(crate) fn get_short(&self, key: &ShortKey) -> Option<&WordEntry> {
        self.get_hashed(key.hash(), |k| matches!(k, StoredKey::Short(s) if s == key))
    }

    /// Look-up of a lower-cased word.
    pub(crate) fn get(&self, lower_word: &str) -> Option<&WordEntry> {
        if lower_word.len() > self.max_key_len {
            return None;
        }
        match ShortKey::exact(lower_word.as_bytes()) {
            Some(short) => self.get_short(&short),
            None => self.get_hashed(
                hash_key(lower_word.as_bytes()),
                |k| matches!(k, StoredKey::Long(long) if **long == *lower_word),
            ),
        }
    }

    #[cfg(test)]
    pub(crate) fn lexicon_len(&self) -> usize {
        self.stored
            .iter()
            .filter(|s| s.entry.valence.is_some())
            .count()
    }
}

/// `make_lex_dict`: `line.strip().split('\t')[0:2]`, `float(measure)`, last duplicate wins.
/// (The embedded file is well-formed; a malformed line, on which Python would raise, is skipped.)
fn parse_reference_lexicon(text: &str) -> impl Iterator<Item = (&str, f64)> {
    text.trim_end_matches('\n')
        .split('\n')
        .filter(|line| !line.is_empty())
        .filter_map(|line| {
            let mut fields = line.trim_matches(is_py_whitespace).split('\t');
            let word = fields.next()?;
            let valence = fields.next()?.parse::<f64>().ok()?;
            Some((word, valence))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_no_duplicates() {
        let mut negate = NEGATE.to_vec();
        negate.sort_unstable();
        negate.dedup();
        assert_eq!(negate.len(), NEGATE.len());
        let mut boosters: Vec<&str> = BOOSTERS.iter().map(|&(w, _)| w).collect();
        boosters.sort_unstable();
        boosters.dedup();
        assert_eq!(boosters.len(), BOOSTERS.len());
    }

    #[test]
    fn chunk_lowercasing_matches_bytewise() {
        for b in 0..=255u8 {
            for position in 0..8 {
                let mut bytes = [b'q'; 8];
                bytes[position] = b;
                let lowered = ascii_lowercase_chunk(u64::from_le_bytes(bytes)).to_le_bytes();
                assert_eq!(
                    lowered,
                    bytes.map(|x| x.to_ascii_lowercase()),
                    "{b:#x} at {position}"
                );
            }
        }
    }

    #[test]
    fn short_key_hash_is_the_key_hash() {
        for word in [
            "",
            "a",
            "good",
            "abcdefgh",
            "abcdefghi",
            ":-)",
            "x".repeat(32).as_str(),
        ] {
            let short = ShortKey::exact(word.as_bytes());
            assert_eq!(
                short.map(|k| k.hash()),
                Some(hash_key(word.as_bytes())),
                "{word}"
            );
        }
        assert!(ShortKey::exact("x".repeat(33).as_bytes()).is_none());
        assert_eq!(
            ShortKey::ascii_lowercase(b"GoOd:D"),
            ShortKey::exact(b"good:d")
        );
    }

    #[test]
    fn hash_distinguishes_lengths_and_tails() {
        let hash = |s: &str| hash_key(s.as_bytes());
        assert_ne!(hash("a"), hash("a\0"));
        assert_ne!(hash("abcdefgh"), hash("abcdefgh\0"));
        assert_ne!(hash("good"), hash("goods"));
    }

    #[test]
    fn table_finds_every_word_and_grows() {
        let mut table = WordTable::reference("good\t1.9\nbad\t-2.5\n");
        assert_eq!(table.get("good").and_then(|e| e.valence), Some(1.9));
        assert_eq!(table.get("bad").and_then(|e| e.valence), Some(-2.5));
        assert_eq!(
            table.get("very").and_then(|e| e.booster),
            Some(Booster::Increment)
        );
        assert_eq!(table.get("but").map(|e| e.keyword), Some(Keyword::But));
        assert!(table.get("goodness").is_none());
        let long = "a".repeat(40);
        table.set_valence(&long, 0.5);
        assert_eq!(table.get(&long).and_then(|e| e.valence), Some(0.5));
        assert_eq!(table.max_key_len(), 40);
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            table.set_valence(w, i as f64);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w).and_then(|e| e.valence), Some(i as f64));
        }
        assert_eq!(table.get("good").and_then(|e| e.valence), Some(1.9));
    }
}
