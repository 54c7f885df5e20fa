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

/// Flags of a `WordEntry` (and of a `rules::Token`, which adds its own).
pub(crate) const HAS_VALENCE: u8 = 1;
pub(crate) const BOOSTER_INCREMENT: u8 = 2;
pub(crate) const BOOSTER_DECREMENT: u8 = 4;
pub(crate) const NEGATION: u8 = 8;
/// The word "but" (also `Keyword::But`), as a flag so that a pass over the tokens' flags can
/// tell whether a text has one.
pub(crate) const BUT: u8 = 16;

/// Everything VADER knows about one lower-cased token, in 16 bytes (an `Option<f64>` and two
/// more options would take 24): its roles are bits of `flags`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct WordEntry {
    /// `lexicon[word]` (the case-sensitive dict that tokens are looked up in after `lower()`)
    /// when `flags` has `HAS_VALENCE`, else 0.
    pub valence: f64,
    /// `HAS_VALENCE`; `BOOSTER_INCREMENT` or `BOOSTER_DECREMENT` for `BOOSTER_DICT[word]`;
    /// `NEGATION` for a member of NEGATE; `BUT`.
    pub flags: u8,
    pub keyword: Keyword,
}

/// `BOOSTER_DICT[word]`, from a word's flags.
#[inline]
pub(crate) fn booster_of(flags: u8) -> Option<Booster> {
    if flags & BOOSTER_INCREMENT != 0 {
        Some(Booster::Increment)
    } else if flags & BOOSTER_DECREMENT != 0 {
        Some(Booster::Decrement)
    } else {
        None
    }
}

impl WordEntry {
    #[cfg(test)]
    pub(crate) fn valence(&self) -> Option<f64> {
        (self.flags & HAS_VALENCE != 0).then_some(self.valence)
    }

    #[cfg(test)]
    pub(crate) fn booster(&self) -> Option<Booster> {
        booster_of(self.flags)
    }

    fn set_valence(&mut self, valence: f64) {
        self.valence = valence;
        self.flags |= HAS_VALENCE;
    }

    fn set_booster(&mut self, booster: Booster) {
        self.flags &= !(BOOSTER_INCREMENT | BOOSTER_DECREMENT);
        self.flags |= match booster {
            Booster::Increment => BOOSTER_INCREMENT,
            Booster::Decrement => BOOSTER_DECREMENT,
        };
    }
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
    pub(crate) const MAX_LEN: usize = 32;

    /// The key `bytes` as they are.
    pub(crate) fn exact(bytes: &[u8]) -> Option<ShortKey> {
        if bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut chunks = [0u64; 4];
        for (chunk, piece) in chunks.iter_mut().zip(bytes.chunks(8)) {
            *chunk = padded_chunk(piece);
        }
        Some(ShortKey {
            len: bytes.len(),
            chunks,
        })
    }

    /// A key of `len` bytes (at most `MAX_LEN`) already split into little-endian words,
    /// zero-padded; the caller has lower-cased it.
    #[inline]
    pub(crate) fn from_lowered(len: usize, chunks: [u64; 4]) -> ShortKey {
        debug_assert!(len <= Self::MAX_LEN);
        ShortKey { len, chunks }
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

/// A key stored inline in the slots of an `InlineTable`: 1 to 8 bytes as one little-endian
/// word, or 9 to 16 bytes as two, zero-padded.
trait InlineKey: Copy + Default + PartialEq {
    /// Multiplicative (Fibonacci) hashing: the top bits of the product depend on every bit of
    /// the key, and the slot index is taken from them. The length is not hashed (keys that
    /// differ only by trailing NUL bytes share a probe sequence, and are told apart by the
    /// length compare).
    fn hash(self) -> u64;
}

const FIBONACCI: u64 = 0x9e37_79b9_7f4a_7c15;

impl InlineKey for u64 {
    #[inline]
    fn hash(self) -> u64 {
        self.wrapping_mul(FIBONACCI)
    }
}

impl InlineKey for [u64; 2] {
    #[inline]
    fn hash(self) -> u64 {
        let [low, high] = self;
        (low ^ high.wrapping_mul(HASH_K)).wrapping_mul(FIBONACCI)
    }
}

/// A slot of an `InlineTable`: the key itself and its entry, flattened (24 bytes for a one-word
/// key, 32 for two), so that a look-up reads one slot and nothing else.
#[derive(Clone, Copy, Default)]
struct InlineSlot<K> {
    key: K,
    valence: f64,
    /// The key's length in bytes; 0 marks an empty slot.
    len: u8,
    flags: u8,
    keyword: Keyword,
}

impl<K> InlineSlot<K> {
    fn entry(&self) -> WordEntry {
        WordEntry {
            valence: self.valence,
            flags: self.flags,
            keyword: self.keyword,
        }
    }
}

/// Open-addressing table (linear probing) of keys of at most 16 bytes stored in the slots: a
/// look-up is a multiply, usually one slot read and two compares, and ends at the first empty
/// slot when the word is absent.
#[derive(Clone)]
struct InlineTable<K> {
    /// A power-of-two length.
    slots: Vec<InlineSlot<K>>,
    /// Occupied slots.
    count: usize,
    /// `64 - log2(slots.len())`: the slot index is the top bits of the hash.
    shift: u32,
    /// The table doubles when more than `1 / 2^load_shift` of it would be occupied.
    load_shift: u32,
}

impl<K: InlineKey> InlineTable<K> {
    fn new(slots: usize, load_shift: u32) -> InlineTable<K> {
        let slots = slots.next_power_of_two();
        InlineTable {
            slots: vec![InlineSlot::default(); slots],
            count: 0,
            shift: 64 - slots.trailing_zeros(),
            load_shift,
        }
    }

    /// The slot of the key of `len` bytes, or of the empty slot where it would go.
    #[inline]
    fn slot(&self, key: K, len: usize) -> usize {
        let mask = self.slots.len() - 1;
        let mut index = key.hash().wrapping_shr(self.shift) as usize;
        // Never full: an empty slot ends every probe sequence.
        while let Some(slot) = self.slots.get(index) {
            if slot.len == 0 || (slot.key == key && usize::from(slot.len) == len) {
                break;
            }
            index = (index + 1) & mask;
        }
        index
    }

    /// The entry of the key of `len` bytes (1..=16); the default entry (no role) if absent.
    #[inline]
    fn get(&self, key: K, len: usize) -> WordEntry {
        let mask = self.slots.len() - 1;
        let mut index = key.hash().wrapping_shr(self.shift) as usize;
        while let Some(slot) = self.slots.get(index) {
            if slot.key == key && usize::from(slot.len) == len {
                return slot.entry();
            }
            if slot.len == 0 {
                break;
            }
            index = (index + 1) & mask;
        }
        WordEntry::default()
    }

    fn update(&mut self, key: K, len: usize, change: impl FnOnce(&mut WordEntry)) {
        let index = self.slot(key, len);
        let Some(slot) = self.slots.get_mut(index) else {
            return;
        };
        let is_new = slot.len == 0;
        let mut entry = slot.entry();
        change(&mut entry);
        *slot = InlineSlot {
            key,
            valence: entry.valence,
            len: len as u8,
            flags: entry.flags,
            keyword: entry.keyword,
        };
        if is_new {
            self.count += 1;
            if self.count << self.load_shift > self.slots.len() {
                self.grow();
            }
        }
    }

    fn grow(&mut self) {
        let doubled = vec![InlineSlot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        for slot in old.into_iter().filter(|s| s.len != 0) {
            let index = self.slot(slot.key, usize::from(slot.len));
            if let Some(free) = self.slots.get_mut(index) {
                *free = slot;
            }
        }
    }

    #[cfg(test)]
    fn lexicon_len(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| s.len != 0 && s.entry().valence().is_some())
            .count()
    }
}

/// From lower-cased word to `WordEntry`, for exact look-ups only.
///
/// Nearly every token, and all but a few of the reference's keys, have at most 16 bytes: those
/// keys live in two `InlineTable`s, of 1..=8-byte keys (at most a quarter full, since most
/// tokens are that short and most of those are absent words, whose probe ends at the first
/// empty slot) and of 9..=16-byte keys (at most half full).
///
/// Longer keys live in a third open-addressing table (at most half full) whose slots carry 32
/// bits of their key's hash, so a probe only visits the stored entry (and compares keys) when
/// those match; a Bloom filter answers most look-ups of absent long words first.
#[derive(Clone)]
pub(crate) struct WordTable {
    /// Keys of 1..=8 bytes.
    words: InlineTable<u64>,
    /// Keys of 9..=16 bytes.
    long_words: InlineTable<[u64; 2]>,
    /// Bloom filter (two bits per key) of the longer keys.
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

/// 2^12 bits: few false positives with the reference's handful of keys over 16 bytes.
const FILTER_WORDS: usize = (1 << 12) / 64;

/// The two filter bits of a hash, as (word index, bit mask) pairs.
fn filter_bits(hash: u64) -> [(usize, u64); 2] {
    let bit = |h: u64| (((h >> 6) as usize) % FILTER_WORDS, 1u64 << (h & 63));
    [bit(hash >> 40), bit(hash >> 17)]
}

/// Longest key of the table of one-word keys.
pub(crate) const WORD_KEY_LEN: usize = 8;
/// Longest key of the table of two-word keys.
pub(crate) const LONG_WORD_KEY_LEN: usize = 16;

impl WordTable {
    /// The reference lexicon plus the booster, negation and keyword lists.
    pub(crate) fn reference(vader_lexicon: &str) -> WordTable {
        let mut table = WordTable {
            words: InlineTable::new(1 << 14, 2),
            long_words: InlineTable::new(1 << 13, 1),
            filter: vec![0; FILTER_WORDS],
            slots: vec![0; 1 << 6],
            stored: Vec::new(),
            max_key_len: 0,
        };
        for (word, valence) in parse_reference_lexicon(vader_lexicon) {
            table.set_valence(word, valence);
        }
        for (word, scalar) in BOOSTERS {
            table.update(word, |e| e.set_booster(Booster::from_scalar(scalar)));
        }
        for word in NEGATE {
            table.update(word, |e| e.flags |= NEGATION);
        }
        for (word, keyword) in KEYWORDS {
            table.update(word, |e| {
                e.keyword = keyword;
                if keyword == Keyword::But {
                    e.flags |= BUT;
                }
            });
        }
        table
    }

    /// Adds or overrides a lexicon word, case-sensitively, as `lex_dict[word] = valence` does.
    pub(crate) fn set_valence(&mut self, word: &str, valence: f64) {
        self.update(word, |e| e.set_valence(valence));
    }

    pub(crate) fn max_key_len(&self) -> usize {
        self.max_key_len
    }

    /// Applies `change` to the entry of `word`, inserting a default entry first if needed.
    fn update(&mut self, word: &str, change: impl FnOnce(&mut WordEntry)) {
        self.max_key_len = self.max_key_len.max(word.len());
        let bytes = word.as_bytes();
        match bytes.len() {
            1..=WORD_KEY_LEN => self.words.update(padded_chunk(bytes), bytes.len(), change),
            9..=LONG_WORD_KEY_LEN => {
                let (low, high) = bytes.split_at(8);
                let key = [padded_chunk(low), padded_chunk(high)];
                self.long_words.update(key, bytes.len(), change);
            }
            _ => self.update_stored(word, change),
        }
    }

    /// Look-up of a lower-cased word of 1..=8 bytes, given as a little-endian word,
    /// zero-padded. An absent word has the default entry (no role).
    #[inline]
    pub(crate) fn get_word(&self, key: u64, len: usize) -> WordEntry {
        self.words.get(key, len)
    }

    /// Look-up of a lower-cased word of 9..=16 bytes, given as two little-endian words,
    /// zero-padded.
    #[inline]
    pub(crate) fn get_long_word(&self, key: [u64; 2], len: usize) -> WordEntry {
        self.long_words.get(key, len)
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

    fn update_stored(&mut self, word: &str, change: impl FnOnce(&mut WordEntry)) {
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
                for (index, mask) in filter_bits(hash) {
                    if let Some(bits) = self.filter.get_mut(index) {
                        *bits |= mask;
                    }
                }
                if let Some(free) = self.slots.get_mut(slot) {
                    *free = pack_slot(hash, index);
                }
                if self.stored.len() * 2 > self.slots.len() {
                    self.grow_stored();
                }
                index
            }
        };
        if let Some(stored) = self.stored.get_mut(index) {
            change(&mut stored.entry);
        }
    }

    fn grow_stored(&mut self) {
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

    #[inline]
    fn get_hashed(&self, hash: u64, is_key: impl Fn(&StoredKey) -> bool) -> WordEntry {
        let maybe_present = filter_bits(hash)
            .iter()
            .all(|&(index, mask)| self.filter.get(index).is_some_and(|bits| bits & mask != 0));
        if !maybe_present {
            return WordEntry::default();
        }
        self.find(hash, is_key)
            .ok()
            .and_then(|index| self.stored.get(index))
            .map_or(WordEntry::default(), |s| s.entry)
    }

    /// Look-up of a lower-cased word of 17 to 32 bytes.
    #[inline(never)]
    pub(crate) fn get_long(&self, key: &ShortKey) -> WordEntry {
        self.get_hashed(key.hash(), |k| matches!(k, StoredKey::Short(s) if s == key))
    }

    /// Look-up of a lower-cased word.
    pub(crate) fn get(&self, lower_word: &str) -> WordEntry {
        let bytes = lower_word.as_bytes();
        if bytes.len() > self.max_key_len {
            return WordEntry::default();
        }
        match bytes.len() {
            1..=WORD_KEY_LEN => return self.get_word(padded_chunk(bytes), bytes.len()),
            9..=LONG_WORD_KEY_LEN => {
                let (low, high) = bytes.split_at(8);
                return self.get_long_word([padded_chunk(low), padded_chunk(high)], bytes.len());
            }
            _ => {}
        }
        match ShortKey::exact(bytes) {
            Some(short) => self.get_long(&short),
            None => self.get_hashed(
                hash_key(bytes),
                |k| matches!(k, StoredKey::Long(long) if **long == *lower_word),
            ),
        }
    }

    #[cfg(test)]
    pub(crate) fn lexicon_len(&self) -> usize {
        let stored = self.stored.iter().filter(|s| s.entry.valence().is_some());
        self.words.lexicon_len() + self.long_words.lexicon_len() + stored.count()
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
        assert_eq!(table.get("good").valence(), Some(1.9));
        assert_eq!(table.get("bad").valence(), Some(-2.5));
        assert_eq!(table.get("very").booster(), Some(Booster::Increment));
        assert_eq!(table.get("kinda").booster(), Some(Booster::Decrement));
        assert_eq!(table.get("not").flags & NEGATION, NEGATION);
        assert_eq!(table.get("but").keyword, Keyword::But);
        assert_eq!(table.get("but").flags, BUT);
        assert_eq!(table.get("goodness"), WordEntry::default());
        assert_eq!(table.get(""), WordEntry::default());
        // Keys that differ only by trailing NUL bytes are different words.
        table.set_valence("a\0", 0.25);
        assert_eq!(table.get("a").valence(), None);
        assert_eq!(table.get("a\0").valence(), Some(0.25));
        assert_eq!(table.get("a\0\0").valence(), None);
        let long = "a".repeat(40);
        table.set_valence(&long, 0.5);
        assert_eq!(table.get(&long).valence(), Some(0.5));
        assert_eq!(table.max_key_len(), 40);
        let words: Vec<String> = (0..40_000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            table.set_valence(w, i as f64);
        }
        // 13 to 17 bytes, and over 16.
        let long_words: Vec<String> = (0..10_000)
            .map(|i| format!("longer word {i}"))
            .chain((0..10_000).map(|i| format!("a much longer word {i}")))
            .collect();
        for (i, w) in long_words.iter().enumerate() {
            table.set_valence(w, i as f64);
        }
        for (i, w) in words.iter().chain(&long_words).enumerate() {
            let expected = if i < 40_000 { i } else { i - 40_000 };
            assert_eq!(table.get(w).valence(), Some(expected as f64), "{w}");
        }
        assert_eq!(table.get("good").valence(), Some(1.9));
        assert_eq!(table.get("very").booster(), Some(Booster::Increment));
        // An override keeps the word's other roles.
        table.set_valence("not", -1.0);
        assert_eq!(table.get("not").flags, NEGATION | HAS_VALENCE);
    }
}
