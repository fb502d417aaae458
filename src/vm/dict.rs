//! The insertion-ordered hash table behind `dict` (and module globals).
//!
//! Same layout as CPython's compact dict: a dense `entries` vector in insertion
//! order, and a hash index (`hashbrown::HashTable`) of positions into it.
//! Deleting leaves a hole that is compacted away once holes outnumber entries,
//! so iteration order is insertion order and deletion is O(1) amortised.
//!
//! Keys are hashable values (str, numbers, tuples of those, …): their equality
//! cannot run user code, so lookups are infallible once the hash is known.

use hashbrown::HashTable;

use super::ops::key_eq;
use super::value::Value;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct DictTable {
    entries: Vec<Option<Entry>>,
    index: HashTable<usize>,
    len: usize,
    /// Bumped whenever a key is added or removed (not when a value is
    /// replaced): lets the global-lookup cache trust "this name is absent".
    keys_version: u32,
    /// Bumped by every change, values included (never reset): lets a
    /// function trust "my global name is still me" (`Function::own_version`).
    version: u64,
}

impl DictTable {
    pub fn new() -> DictTable {
        DictTable::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn keys_version(&self) -> u32 {
        self.keys_version
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    /// The live entry at raw position `pos` (see `find`).
    pub fn entry_at(&self, pos: usize) -> Option<&Entry> {
        self.entries.get(pos).and_then(Option::as_ref)
    }

    /// Replace the value of the entry at raw position `pos` if its key is
    /// `key` itself (pointer identity); gives the value back otherwise.
    pub fn replace_at_if_key(
        &mut self,
        pos: usize,
        key: &Value,
        value: Value,
    ) -> Result<Value, Value> {
        match self.entries.get_mut(pos) {
            Some(Some(e)) if e.key.is(key) => {
                self.version += 1;
                Ok(std::mem::replace(&mut e.value, value))
            }
            _ => Err(value),
        }
    }

    /// Raw position of `key` in the entries vector (stable until a removal
    /// compacts the table).
    pub fn find(&self, hash: i64, key: &Value) -> Option<usize> {
        let entries = &self.entries;
        self.index
            .find(hash as u64, |&i| match &entries[i] {
                Some(e) => e.hash == hash && key_eq(&e.key, key),
                None => false,
            })
            .copied()
    }

    pub fn get(&self, hash: i64, key: &Value) -> Option<Value> {
        self.find(hash, key)
            .and_then(|i| self.entries[i].as_ref().map(|e| e.value.clone()))
    }

    pub fn contains(&self, hash: i64, key: &Value) -> bool {
        self.find(hash, key).is_some()
    }

    /// Insert or replace; returns the old value. An existing key keeps its
    /// position (and its original key object, as in CPython).
    pub fn insert(&mut self, hash: i64, key: Value, value: Value) -> Option<Value> {
        self.version += 1;
        if let Some(i) = self.find(hash, &key) {
            let e = self.entries[i].as_mut().expect("indexed entries exist");
            return Some(std::mem::replace(&mut e.value, value));
        }
        let pos = self.entries.len();
        self.keys_version = self.keys_version.wrapping_add(1);
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash as u64, pos, |&i| {
            entries[i].as_ref().map_or(0, |e| e.hash as u64)
        });
        self.len += 1;
        None
    }

    pub fn remove(&mut self, hash: i64, key: &Value) -> Option<(Value, Value)> {
        let entries = &self.entries;
        let found = self.index.find_entry(hash as u64, |&i| match &entries[i] {
            Some(e) => e.hash == hash && key_eq(&e.key, key),
            None => false,
        });
        let (pos, _) = found.ok()?.remove();
        let e = self.entries[pos].take()?;
        self.keys_version = self.keys_version.wrapping_add(1);
        self.version += 1;
        self.len -= 1;
        self.maybe_compact();
        Some((e.key, e.value))
    }

    /// Remove and return the last inserted item (`dict.popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        while let Some(last) = self.entries.pop() {
            if let Some(e) = last {
                let pos = self.entries.len();
                if let Ok(entry) = self.index.find_entry(e.hash as u64, |&i| i == pos) {
                    entry.remove();
                }
                self.len -= 1;
                self.keys_version = self.keys_version.wrapping_add(1);
                self.version += 1;
                return Some((e.key, e.value));
            }
        }
        None
    }

    fn maybe_compact(&mut self) {
        if self.entries.len() > 8 && self.len * 2 < self.entries.len() {
            self.rebuild();
        }
    }

    fn rebuild(&mut self) {
        self.entries.retain(Option::is_some);
        self.index.clear();
        let entries = &self.entries;
        for (pos, e) in entries.iter().enumerate() {
            let h = e.as_ref().map_or(0, |e| e.hash as u64);
            self.index.insert_unique(h, pos, |&i| {
                entries[i].as_ref().map_or(0, |e| e.hash as u64)
            });
        }
    }

    /// Every key and value, emptying the table (for iterative deallocation).
    pub fn take_all(&mut self) -> Vec<Value> {
        let entries = self.take().entries;
        let mut out = Vec::with_capacity(entries.len() * 2);
        for e in entries.into_iter().flatten() {
            out.push(e.key);
            out.push(e.value);
        }
        out
    }

    pub fn clear(&mut self) {
        drop(self.take());
    }

    /// The whole table, leaving this one empty (its versions move on: a
    /// reset to 0 could make a cache's old version match again).
    pub fn take(&mut self) -> DictTable {
        let empty = DictTable {
            keys_version: self.keys_version.wrapping_add(1),
            version: self.version + 1,
            ..DictTable::new()
        };
        std::mem::replace(self, empty)
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    /// The entry at raw position `pos` or later (for iterators, which keep a
    /// cursor into the dense vector): returns the entry and the next cursor.
    pub fn entry_from(&self, mut pos: usize) -> Option<(&Entry, usize)> {
        while pos < self.entries.len() {
            if let Some(e) = &self.entries[pos] {
                return Some((e, pos + 1));
            }
            pos += 1;
        }
        None
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// Lookup by string key without allocating a `Value`.
    pub fn get_str(&self, key: &str) -> Option<Value> {
        let hash = super::hash::hash_str(key);
        let entries = &self.entries;
        self.index
            .find(hash as u64, |&i| match &entries[i] {
                Some(Entry {
                    key: Value::Str(s), ..
                }) => s.as_str() == key,
                _ => false,
            })
            .and_then(|&i| self.entries[i].as_ref().map(|e| e.value.clone()))
    }

    /// Insert with a key that is known to be a `Value::Str`.
    pub fn insert_str(&mut self, key: Value, value: Value) -> Option<Value> {
        let hash = match &key {
            Value::Str(s) => s.hash(),
            _ => 0,
        };
        self.insert(hash, key, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_moves_the_version_on_and_it_never_goes_back() {
        let mut t = DictTable::new();
        let key = || Value::str("fib");
        let h = super::super::hash::hash_str("fib");
        let mut seen = vec![t.version()];
        let mut step = |t: &DictTable| {
            assert!(t.version() > *seen.last().unwrap(), "version moved on");
            seen.push(t.version());
        };
        t.insert(h, key(), Value::Int(1));
        step(&t);
        // Replacing a value keeps the keys but not the version.
        let keys = t.keys_version();
        t.insert(h, key(), Value::Int(2));
        assert_eq!(t.keys_version(), keys);
        step(&t);
        let pos = t.find(h, &key()).expect("present");
        let k = t.entry_at(pos).expect("live").key.clone();
        assert!(t.replace_at_if_key(pos, &k, Value::Int(3)).is_ok());
        step(&t);
        t.remove(h, &key());
        step(&t);
        t.insert(h, key(), Value::Int(4));
        t.pop_last();
        step(&t);
        t.insert(h, key(), Value::Int(5));
        let old = t.take();
        assert_eq!(old.len(), 1);
        step(&t);
        t.clear();
        step(&t);
        t.insert(h, key(), Value::Int(6));
        t.take_all();
        step(&t);
    }
}
