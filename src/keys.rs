//! Compact stores for aggregate keys, so that aggregates cost well under 256 bytes per key on
//! average (issue 12; `scripts/bench.sh` measures it with 1M distinct keys).
//!
//! A `String` per key costs its 24-byte header, a heap block of at least 32 bytes and, in a
//! `HashMap<String, _>`, the same again for the map's own copy. Here every key's text lives in
//! one growing buffer, and the look-up table holds only 4-byte ids (hashbrown's `HashTable`,
//! the table behind std's `HashMap`, which lets the entries be ids into our own storage).

use std::hash::BuildHasher;

// Per-process random seeds (no crafted collisions), and a few times quicker than SipHash on
// the short keys of names, topics and outlets: every row looks one up.
use foldhash::fast::RandomState;

use hashbrown::HashTable;

/// Strings appended to one buffer, each referred to by a `u32` id.
#[derive(Debug, Default)]
pub struct Texts {
    text: String,
    /// The end of each string in `text`, less a multiple of 4 GiB (4 bytes a string rather
    /// than 8): string `i` starts where `i - 1` ends.
    ends: Vec<u32>,
    /// For each further 4 GiB of `text`, the first id whose end is past it: empty unless the
    /// strings add up to more than 4 GiB.
    wraps: Vec<u32>,
}

impl Texts {
    pub fn push(&mut self, text: &str) -> u32 {
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.text.push_str(text);
        let end = self.text.len() as u64;
        while (end >> 32) > self.wraps.len() as u64 {
            self.wraps.push(id);
        }
        self.ends.push(end as u32);
        id
    }

    /// Where string `i` ends in `text`.
    fn end(&self, i: usize) -> usize {
        let low = self.ends.get(i).copied().map_or(0, u64::from);
        let high = self.wraps.partition_point(|&w| w as usize <= i) as u64;
        usize::try_from(low | (high << 32)).unwrap_or(usize::MAX)
    }

    pub fn get(&self, id: u32) -> &str {
        let i = id as usize;
        if i >= self.ends.len() {
            return "";
        }
        let start = i.checked_sub(1).map_or(0, |before| self.end(before));
        self.text.get(start..self.end(i)).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Names beside their keys: a name equal to its key (`topic-12` for the key `topic-12`) is not
/// stored twice. Keys must not be empty. A name can be replaced (`rename`), which is rare: the
/// replacements are kept apart.
#[derive(Debug, Default)]
pub struct Named {
    pub keys: KeySet,
    names: Texts,
    renamed: std::collections::HashMap<u32, Box<str>>,
}

impl Named {
    /// The id of `key`, adding it with the name `name()` if new.
    pub fn insert(&mut self, key: &str, name: impl FnOnce() -> String) -> u32 {
        let (id, new) = self.keys.insert(key);
        if new {
            let name = name();
            self.names.push(if name == key { "" } else { &name });
        }
        id
    }

    pub fn name(&self, id: u32) -> &str {
        if !self.renamed.is_empty()
            && let Some(name) = self.renamed.get(&id)
        {
            return name;
        }
        match self.names.get(id) {
            "" => self.keys.get(id),
            name => name,
        }
    }

    /// Shows the key `id` under `name` from now on.
    pub fn rename(&mut self, id: u32, name: &str) {
        self.renamed.insert(id, name.into());
    }

    pub fn key(&self, id: u32) -> &str {
        self.keys.get(id)
    }
}

/// Distinct strings, each given the next id when first seen.
#[derive(Debug, Default)]
pub struct KeySet {
    texts: Texts,
    table: HashTable<u32>,
    hasher: RandomState,
}

impl KeySet {
    /// The id of `key`, added if new; `true` when it was added.
    pub fn insert(&mut self, key: &str) -> (u32, bool) {
        let hash = self.hasher.hash_one(key);
        let texts = &self.texts;
        if let Some(&id) = self.table.find(hash, |&id| texts.get(id) == key) {
            return (id, false);
        }
        let id = self.texts.push(key);
        let (texts, hasher) = (&self.texts, &self.hasher);
        self.table
            .insert_unique(hash, id, |&id| hasher.hash_one(texts.get(id)));
        (id, true)
    }

    /// The id of `key` if it is in the set; adds nothing.
    pub fn find(&self, key: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(key);
        let texts = &self.texts;
        self.table.find(hash, |&id| texts.get(id) == key).copied()
    }

    pub fn get(&self, id: u32) -> &str {
        self.texts.get(id)
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// Ids into the caller's own storage (a `Vec` of items), found by a key the caller works out
/// from an id: 4 bytes a key beside the items, where `Records` keeps a copy of the key.
#[derive(Debug, Default)]
pub struct Index {
    table: HashTable<u32>,
    hasher: RandomState,
}

impl Index {
    /// The id whose key is `key`, or `next` if none is, which is then added: the caller adds
    /// its item under `next`. `key_of` gives the key of an id already added.
    pub fn find_or_insert<K: std::hash::Hash + Eq>(
        &mut self,
        key: K,
        next: u32,
        key_of: impl Fn(u32) -> K,
    ) -> u32 {
        let hash = self.hasher.hash_one(&key);
        if let Some(&id) = self.table.find(hash, |&id| key_of(id) == key) {
            return id;
        }
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, next, |&id| hasher.hash_one(key_of(id)));
        next
    }

    /// The id whose key is `key`, if any.
    pub fn find<K: std::hash::Hash + Eq>(&self, key: &K, key_of: impl Fn(u32) -> K) -> Option<u32> {
        let hash = self.hasher.hash_one(key);
        self.table.find(hash, |&id| key_of(id) == *key).copied()
    }
}

/// Items of type `T` found by a key of type `K` that the item itself holds: a set of records
/// with 4-byte ids in its table, the records in one `Vec`.
#[derive(Debug)]
pub struct Records<K, T> {
    items: Vec<T>,
    table: HashTable<u32>,
    hasher: RandomState,
    key: fn(&T) -> K,
}

impl<K: std::hash::Hash + Eq, T> Records<K, T> {
    pub fn new(key: fn(&T) -> K) -> Records<K, T> {
        Records {
            items: Vec::new(),
            table: HashTable::new(),
            hasher: RandomState::default(),
            key,
        }
    }

    /// The item with key `key`, made by `make` if there is none.
    pub fn get_or_insert(&mut self, key: K, make: impl FnOnce() -> T) -> &mut T {
        let hash = self.hasher.hash_one(&key);
        let (items, key_of) = (&self.items, self.key);
        let found = self
            .table
            .find(hash, |&i| key_of(&items[i as usize]) == key)
            .copied();
        let i = match found {
            Some(i) => i as usize,
            None => {
                let i = self.items.len();
                self.items.push(make());
                let (items, hasher) = (&self.items, &self.hasher);
                self.table.insert_unique(hash, i as u32, |&i| {
                    hasher.hash_one(key_of(&items[i as usize]))
                });
                i
            }
        };
        &mut self.items[i]
    }

    /// The item with key `key`, if any.
    pub fn get(&self, key: &K) -> Option<&T> {
        let hash = self.hasher.hash_one(key);
        let (items, key_of) = (&self.items, self.key);
        self.table
            .find(hash, |&i| key_of(&items[i as usize]) == *key)
            .map(|&i| &items[i as usize])
    }

    pub fn items(&self) -> &[T] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_get_one_id_each() {
        let mut keys = KeySet::default();
        assert_eq!(keys.insert("kim"), (0, true));
        assert_eq!(keys.insert(""), (1, true));
        assert_eq!(keys.insert("ann"), (2, true));
        assert_eq!(keys.insert("kim"), (0, false));
        assert_eq!((keys.find("ann"), keys.find("bob")), (Some(2), None));
        assert_eq!((keys.get(0), keys.get(1), keys.get(2)), ("kim", "", "ann"));
        assert_eq!(keys.len(), 3);
        let mut records = Records::new(|r: &(u32, u64)| r.0);
        records.get_or_insert(7, || (7, 0)).1 += 1;
        records.get_or_insert(7, || (7, 0)).1 += 1;
        records.get_or_insert(8, || (8, 0)).1 += 1;
        assert_eq!(records.items(), [(7, 2), (8, 1)]);
        let items = ["a", "b", "a"];
        let mut index = Index::default();
        let ids: Vec<u32> = (0..3)
            .map(|i| index.find_or_insert(items[i], i as u32, |id| items[id as usize]))
            .collect();
        assert_eq!(ids, [0, 1, 0]);
        assert_eq!(index.find(&"b", |id| items[id as usize]), Some(1));
        assert_eq!(index.find(&"c", |id| items[id as usize]), None);
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn texts_past_4_gib_keep_their_ends() {
        // The ends as `push` leaves them after 5 GiB of text, without writing 5 GiB.
        let texts = Texts {
            text: String::new(),
            ends: vec![3 << 30, 1 << 30, 2 << 30],
            wraps: vec![1],
        };
        assert_eq!(
            (texts.end(0), texts.end(1), texts.end(2)),
            (3 << 30, 5 << 30, 6 << 30)
        );
    }
}
