//! The hash table behind Python `set` and `frozenset`.
//!
//! # Why the layout mimics CPython
//!
//! A Python set iterates (and therefore prints) its elements in the order of
//! its internal hash table, not in insertion order.  mini's output has to
//! match CPython's, so `print({3, 1, 2})`, `set([5, 3, 8, 1])`, `s.pop()` or
//! `print(a ^ b)` must produce the elements in exactly the order CPython 3.11
//! does.  This module is therefore a faithful port of the table logic of
//! CPython 3.11's `Objects/setobject.c` (64-bit build): the same table sizes
//! (`PySet_MINSIZE` = 8, powers of two), the same probe sequence (a run of
//! `LINEAR_PROBES` = 9 linear probes, then perturbed probing with
//! `PERTURB_SHIFT` = 5), the same dummy (deleted) slots and reuse rule, the
//! same growth rule (resize when `fill * 5 >= mask * 3`, to
//! `used > 50000 ? used * 2 : used * 4`), the same `pop` finger, and the
//! same algorithms for merging and for the set operators (which set is
//! iterated, which one is probed, whether the result starts as a copy).
//! Given the same keys with the same hashes (see [`crate::vm::hash`], which
//! reproduces CPython's numeric hashes) and the same sequence of operations,
//! the iteration order is identical to CPython's.
//!
//! # Using it
//!
//! The table is generic over the key type; callers pass each key's hash and
//! an `eq` closure implementing Python `==` between two keys with equal
//! hashes.  `eq` is called as `eq(key_in_table, probe_key)`, the argument
//! order of CPython's `PyObject_RichCompareBool(startkey, key, Py_EQ)`.
//! Hashes must be the Python hash of the key (never `-1`, which CPython
//! reserves).
//!
//! Mapping of Python operations (`a`, `b` sets; `it` any other iterable;
//! `d` a dict):
//!
//! | Python                                  | here                                                  |
//! |-----------------------------------------|-------------------------------------------------------|
//! | `{x, y}`, `{x, f(y), z}`, set comprehension, `set(it)` | `new()` then `insert` each item in order |
//! | `{1, 2, 3}` (three or more constants)   | [`SetTable::constant_set_display`]                    |
//! | `for v in {1, 2, 3}`, `v in {1, 2, 3}`  | [`SetTable::constant_frozenset`]                      |
//! | `set(a)`, `a.copy()`, `frozenset(a)`    | [`SetTable::copy`] (but `frozenset(f)` and `f.copy()` of a frozenset `f` return `f` itself) |
//! | `set(d)` / `s.update(d)` (exact dict)   | [`SetTable::update_from_dict`]                        |
//! | `a.add(x)`                              | [`SetTable::insert`]                                  |
//! | `a.discard(x)`, `a.remove(x)`           | [`SetTable::remove`]                                  |
//! | `a.pop()`                               | [`SetTable::pop`]                                     |
//! | `a.clear()`                             | [`SetTable::clear`]                                   |
//! | `a \|= b`, `a.update(b)`                 | [`SetTable::update`]          (same object: no-op)    |
//! | `a.update(it)`                             | `insert` each item                                    |
//! | `a \| b`, `a.union(b)`                  | [`SetTable::union`]           (same object: `copy`)   |
//! | `a.union(it)`                           | `copy` then `insert` each item                        |
//! | `a & b`, `a.intersection(b)`            | [`SetTable::intersection`]    (same object: `copy`)   |
//! | `a.intersection(it)`                    | [`SetTable::intersection_iter`]                       |
//! | `a &= b`, `a.intersection_update(..)`   | compute the intersection `r`, then [`SetTable::replace_body`] |
//! | `a - b`, `a.difference(b)`              | [`SetTable::difference`]                              |
//! | `a.difference(d)`                       | [`SetTable::difference_dict`]                         |
//! | `a.difference(it)`                      | `copy` then [`SetTable::difference_update_iter`]      |
//! | `a -= b`, `a.difference_update(b)`      | [`SetTable::difference_update`] (same object: `clear`) |
//! | `a.difference_update(it or d)`          | [`SetTable::difference_update_iter`]                  |
//! | `a ^ b`, `a.symmetric_difference(b)`    | [`SetTable::symmetric_difference`]                    |
//! | `a.symmetric_difference(it or d)`       | `t` = set(it) (or set(d)); `t.symmetric_difference_update(a)`; result `t` |
//! | `a ^= b`, `a.symmetric_difference_update(b)` | [`SetTable::symmetric_difference_update`] (same object: `clear`) |
//! | `a.symmetric_difference_update(d)`      | [`SetTable::symmetric_difference_update_dict`]        |
//! | `a.symmetric_difference_update(it)`     | `t` = set(it); `a.symmetric_difference_update(&t)`    |
//! | `a <= b`, `a.issubset(b)`               | [`SetTable::is_subset`] (`a.issubset(it)`: against `set(it)`) |
//! | `a >= b`, `a.issuperset(b)`             | [`SetTable::is_superset`]                             |
//! | `a == b`                                | [`SetTable::set_eq`]                                  |
//! | `a.isdisjoint(b)`                       | [`SetTable::isdisjoint`]                              |
//! | `hash(frozenset)`                       | [`SetTable::frozenset_hash`]                          |
//!
//! "Same object" cases (`a |= a`, `a & a`, `a -= a`, `a ^= a`, ...) must be
//! detected by the caller (Rust borrowing forbids passing a table to itself)
//! and handled as noted, exactly as CPython special-cases them.  For
//! `a &= a` CPython replaces `a`'s table with a fresh copy:
//! `let r = a.copy(); a.replace_body(r)`.
//!
//! Differences from CPython: none in layout or order for the operations
//! above.  Comparisons here are infallible and cannot mutate the set, so the
//! "restart the lookup if the table changed during `__eq__`" paths of
//! CPython are not needed.  Identity shortcuts (`startkey == key` before
//! calling `__eq__`) are left to `eq`, which only affects objects whose
//! `__eq__` is not reflexive (NaN): CPython finds the very same NaN object
//! in a set, so `eq` should report a key equal to itself when both sides
//! are the same object.

/// Smallest table size (`PySet_MINSIZE`).
pub const MINSIZE: usize = 8;
/// Number of consecutive slots probed before perturbation (`LINEAR_PROBES`).
const LINEAR_PROBES: u64 = 9;
/// Shift applied to the perturbation on each outer probe (`PERTURB_SHIFT`).
const PERTURB_SHIFT: u32 = 5;

#[derive(Debug, Clone)]
enum Slot<K> {
    /// Never used since the last rebuild (`key == NULL`).
    Empty,
    /// Deleted entry (`key == dummy`, `hash == -1`).
    Dummy,
    /// Live entry.
    Active { key: K, hash: i64 },
}

impl<K> Slot<K> {
    #[inline]
    fn is_empty(&self) -> bool {
        matches!(self, Slot::Empty)
    }
}

fn empty_table<K>(size: usize) -> Vec<Slot<K>> {
    let mut t = Vec::with_capacity(size);
    t.resize_with(size, || Slot::Empty);
    t
}

/// A Python set's hash table, laid out exactly like CPython 3.11's.
#[derive(Debug, Clone)]
pub struct SetTable<K> {
    /// Power-of-two sized slot array; `mask == table.len() - 1`.
    table: Vec<Slot<K>>,
    /// Active + dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` starts searching (`so->finger`).
    finger: usize,
}

impl<K> Default for SetTable<K> {
    fn default() -> Self {
        Self::new()
    }
}

/// Iterator over `(key, hash)` in table order; see [`SetTable::iter`].
pub struct Iter<'a, K> {
    inner: std::slice::Iter<'a, Slot<K>>,
    remaining: usize,
}

impl<'a, K> Iterator for Iter<'a, K> {
    type Item = (&'a K, i64);

    fn next(&mut self) -> Option<Self::Item> {
        for slot in self.inner.by_ref() {
            if let Slot::Active { key, hash } = slot {
                self.remaining = self.remaining.saturating_sub(1);
                return Some((key, *hash));
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<K> ExactSizeIterator for Iter<'_, K> {}

/// Owning iterator over `(key, hash)` in table order.
pub struct IntoIter<K> {
    inner: std::vec::IntoIter<Slot<K>>,
    remaining: usize,
}

impl<K> Iterator for IntoIter<K> {
    type Item = (K, i64);

    fn next(&mut self) -> Option<Self::Item> {
        for slot in self.inner.by_ref() {
            if let Slot::Active { key, hash } = slot {
                self.remaining = self.remaining.saturating_sub(1);
                return Some((key, hash));
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<K> ExactSizeIterator for IntoIter<K> {}

impl<K> IntoIterator for SetTable<K> {
    type Item = (K, i64);
    type IntoIter = IntoIter<K>;

    fn into_iter(self) -> IntoIter<K> {
        IntoIter {
            remaining: self.used,
            inner: self.table.into_iter(),
        }
    }
}

impl<'a, K> IntoIterator for &'a SetTable<K> {
    type Item = (&'a K, i64);
    type IntoIter = Iter<'a, K>;

    fn into_iter(self) -> Iter<'a, K> {
        self.iter()
    }
}

/// `set_insert_clean`: place a key known to be absent into a table that has
/// no dummies (caller maintains `fill`/`used`).
fn insert_clean<K>(table: &mut [Slot<K>], key: K, hash: i64) {
    let mask = (table.len() - 1) as u64;
    let mut perturb = hash as u64;
    let mut i = (hash as u64) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            let idx = (i + j) as usize;
            if table[idx].is_empty() {
                table[idx] = Slot::Active { key, hash };
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
    }
}

impl<K> SetTable<K> {
    /// An empty set (`make_new_set`): an 8-slot table.
    pub fn new() -> Self {
        SetTable {
            table: empty_table(MINSIZE),
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    /// Number of elements (`len(s)`).
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Current number of slots (diagnostics only).
    #[inline]
    pub fn table_size(&self) -> usize {
        self.table.len()
    }

    #[inline]
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// `(key, hash)` pairs in table order: the order Python iterates, prints
    /// and pickles the set.
    pub fn iter(&self) -> Iter<'_, K> {
        Iter {
            inner: self.table.iter(),
            remaining: self.used,
        }
    }

    /// Keys in table order.
    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// `set_lookkey`: index of the active slot holding a key equal to `key`.
    fn lookup(&self, key: &K, hash: i64, eq: &mut impl FnMut(&K, &K) -> bool) -> Option<usize> {
        let mask = self.mask() as u64;
        let mut perturb = hash as u64;
        let mut i = (hash as u64) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                let idx = (i + j) as usize;
                match &self.table[idx] {
                    Slot::Empty => return None,
                    Slot::Active { key: k, hash: h } => {
                        if *h == hash && eq(k, key) {
                            return Some(idx);
                        }
                    }
                    Slot::Dummy => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }

    /// `key in s`.
    pub fn contains(&self, key: &K, hash: i64, mut eq: impl FnMut(&K, &K) -> bool) -> bool {
        self.lookup(key, hash, &mut eq).is_some()
    }

    /// The stored key equal to `key`, if any.
    pub fn get(&self, key: &K, hash: i64, mut eq: impl FnMut(&K, &K) -> bool) -> Option<&K> {
        let idx = self.lookup(key, hash, &mut eq)?;
        match &self.table[idx] {
            Slot::Active { key, .. } => Some(key),
            _ => None,
        }
    }

    /// The `frozenset` constant that CPython 3.11's compiler stores for a set
    /// display of three or more elements that are all constants (after
    /// constant folding: `{1, -2, 3}`, `{"a", (1, 2), 3.0}`), and for
    /// `for x in {c1, c2, ...}` / `x in {c1, c2, ...}` (where the display
    /// itself becomes that frozenset).  The compiler builds a frozenset by
    /// adding the items in source order and then, when merging constants,
    /// rebuilds it by adding its elements in that frozenset's iteration
    /// order; both steps are reproduced here.
    pub fn constant_frozenset(
        items: impl IntoIterator<Item = (K, i64)>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        let mut first = SetTable::new();
        for (key, hash) in items {
            first.add_entry(key, hash, &mut eq);
        }
        let mut rebuilt = SetTable::new();
        for (key, hash) in first {
            rebuilt.add_entry(key, hash, &mut eq);
        }
        rebuilt
    }

    /// A set display `{c1, c2, c3, ...}` of three or more constants, which
    /// CPython 3.11 compiles to `BUILD_SET 0; LOAD_CONST frozenset(...);
    /// SET_UPDATE`: a merge of [`SetTable::constant_frozenset`] into an
    /// empty set.  Its order can differ from adding the items one by one,
    /// which is what displays with fewer than three items or with any
    /// non-constant item do (`BUILD_SET n`), as do `set(iterable)` and set
    /// comprehensions.
    pub fn constant_set_display(
        items: impl IntoIterator<Item = (K, i64)>,
        eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K>
    where
        K: Clone,
    {
        Self::constant_frozenset(items, eq).copy()
    }

    /// `s.add(key)` (`set_add_entry`).  Returns `true` if the key was newly
    /// added; if an equal key is already present the set keeps the old key.
    pub fn insert(&mut self, key: K, hash: i64, mut eq: impl FnMut(&K, &K) -> bool) -> bool {
        self.add_entry(key, hash, &mut eq)
    }

    fn add_entry(&mut self, key: K, hash: i64, eq: &mut impl FnMut(&K, &K) -> bool) -> bool {
        let mask = self.mask() as u64;
        let mut perturb = hash as u64;
        let mut i = (hash as u64) & mask;
        let mut freeslot: Option<usize> = None;
        let empty_idx = 'probe: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                let idx = (i + j) as usize;
                match &self.table[idx] {
                    Slot::Empty => break 'probe idx,
                    Slot::Active { key: k, hash: h } => {
                        if *h == hash && eq(k, &key) {
                            return false; // found_active
                        }
                    }
                    // CPython keeps the *last* dummy seen on the probe path.
                    Slot::Dummy => freeslot = Some(idx),
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        };
        if let Some(slot) = freeslot {
            // found_unused_or_dummy with a dummy: reuse it, fill unchanged.
            self.table[slot] = Slot::Active { key, hash };
            self.used += 1;
            return true;
        }
        // found_unused
        self.table[empty_idx] = Slot::Active { key, hash };
        self.fill += 1;
        self.used += 1;
        if (self.fill as u64) * 5 >= mask * 3 {
            self.resize(self.growth_target());
        }
        true
    }

    #[inline]
    fn growth_target(&self) -> usize {
        if self.used > 50000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// `set_table_resize`: rebuild into the smallest power-of-two table
    /// (at least 8 slots) larger than `minused`, dropping dummies.
    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            match newsize.checked_mul(2) {
                Some(n) => newsize = n,
                None => break,
            }
        }
        if newsize == MINSIZE && self.table.len() == MINSIZE && self.fill == self.used {
            // Already the small table and no dummies: nothing to do.
            return;
        }
        let old = std::mem::replace(&mut self.table, empty_table(newsize));
        self.fill = self.used;
        for slot in old {
            if let Slot::Active { key, hash } = slot {
                insert_clean(&mut self.table, key, hash);
            }
        }
    }

    /// `s.discard(key)` (`set_discard_entry`): the slot becomes a dummy.
    /// Returns the removed (stored) key.
    pub fn remove(&mut self, key: &K, hash: i64, mut eq: impl FnMut(&K, &K) -> bool) -> Option<K> {
        let idx = self.lookup(key, hash, &mut eq)?;
        self.take_slot(idx)
    }

    fn take_slot(&mut self, idx: usize) -> Option<K> {
        match std::mem::replace(&mut self.table[idx], Slot::Dummy) {
            Slot::Active { key, .. } => {
                self.used -= 1;
                Some(key)
            }
            other => {
                self.table[idx] = other;
                None
            }
        }
    }

    /// `s.pop()` (`set_pop`): scans from the finger, wrapping around.
    pub fn pop(&mut self) -> Option<K> {
        self.pop_with_hash().map(|(k, _)| k)
    }

    /// Like [`SetTable::pop`] but also returns the key's hash.
    pub fn pop_with_hash(&mut self) -> Option<(K, i64)> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut idx = self.finger & mask;
        while !matches!(self.table[idx], Slot::Active { .. }) {
            idx += 1;
            if idx > mask {
                idx = 0;
            }
        }
        match std::mem::replace(&mut self.table[idx], Slot::Dummy) {
            Slot::Active { key, hash } => {
                self.used -= 1;
                self.finger = idx + 1;
                Some((key, hash))
            }
            other => {
                self.table[idx] = other;
                None
            }
        }
    }

    /// `s.clear()` (`set_clear_internal`): back to an empty 8-slot table.
    /// Like CPython, the `pop` finger is left alone.
    pub fn clear(&mut self) {
        self.table = empty_table(MINSIZE);
        self.fill = 0;
        self.used = 0;
    }

    /// Replaces this set's contents with `other`'s table, keeping this set's
    /// `pop` finger: CPython's `set_swap_bodies(self, other)` followed by
    /// dropping `other`, as done by `a &= b` / `a.intersection_update(...)`.
    pub fn replace_body(&mut self, other: SetTable<K>) {
        self.table = other.table;
        self.fill = other.fill;
        self.used = other.used;
    }

    /// Internal: discard a `(key, hash)`; returns whether it was present.
    fn discard_entry(&mut self, key: &K, hash: i64, eq: &mut impl FnMut(&K, &K) -> bool) -> bool {
        match self.lookup(key, hash, eq) {
            Some(idx) => self.take_slot(idx).is_some(),
            None => false,
        }
    }

    /// Tail of `set_difference_update_internal`: if more than a quarter of
    /// the slots are dummies, rebuild the table.
    fn purge_dummies_after_difference(&mut self) {
        if self.fill - self.used <= self.mask() / 4 {
            return;
        }
        self.resize(self.growth_target());
    }

    /// `a.difference_update(it)` / `a -= ...` where `it` is not a set (any
    /// iterable, or a dict's keys): discard each item, then purge dummies.
    /// Items are `(key, hash)`; an `Err` aborts (as a raising iterator or
    /// `__hash__` does in CPython), skipping the final dummy purge.
    pub fn difference_update_iter<E>(
        &mut self,
        items: impl IntoIterator<Item = Result<(K, i64), E>>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> Result<(), E> {
        for item in items {
            let (key, hash) = item?;
            self.discard_entry(&key, hash, &mut eq);
        }
        self.purge_dummies_after_difference();
        Ok(())
    }

    /// Shared loop of `set_symmetric_difference_update`: for each item,
    /// discard it if present, else add it.
    fn symmetric_update_from(
        &mut self,
        items: impl IntoIterator<Item = (K, i64)>,
        eq: &mut impl FnMut(&K, &K) -> bool,
    ) {
        for (key, hash) in items {
            if !self.discard_entry(&key, hash, eq) {
                self.add_entry(key, hash, eq);
            }
        }
    }

    /// `a.symmetric_difference_update(d)` for an exact dict `d`: `items` are
    /// the dict's `(key, hash)` pairs in dict order.
    pub fn symmetric_difference_update_dict(
        &mut self,
        items: impl IntoIterator<Item = (K, i64)>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) {
        self.symmetric_update_from(items, &mut eq);
    }

    /// `a.intersection(it)` where `it` is not a set: a new set of the items
    /// of `it` (in iteration order, as given) that are in `self`.  Stops
    /// consuming `items` once the result is as large as `self`.  An `Err`
    /// item aborts and is returned.
    pub fn intersection_iter<E>(
        &self,
        items: impl IntoIterator<Item = Result<(K, i64), E>>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> Result<SetTable<K>, E> {
        let mut result = SetTable::new();
        for item in items {
            let (key, hash) = item?;
            if self.lookup(&key, hash, &mut eq).is_some() {
                result.add_entry(key, hash, &mut eq);
                if result.used >= self.used {
                    break;
                }
            }
        }
        Ok(result)
    }

    /// `a <= b` / `a.issubset(b)` for a set `b` (`set_issubset`).
    pub fn is_subset(&self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) -> bool {
        if self.used > other.used {
            return false;
        }
        self.iter()
            .all(|(k, h)| other.lookup(k, h, &mut eq).is_some())
    }

    /// `a >= b` / `a.issuperset(b)` for a set `b`.
    pub fn is_superset(&self, other: &SetTable<K>, eq: impl FnMut(&K, &K) -> bool) -> bool {
        other.is_subset(self, eq)
    }

    /// `a == b` for sets/frozensets (`set_richcompare`, `Py_EQ`).
    pub fn set_eq(&self, other: &SetTable<K>, eq: impl FnMut(&K, &K) -> bool) -> bool {
        self.used == other.used && self.is_subset(other, eq)
    }

    /// `a.isdisjoint(b)` for a set `b`: iterates the smaller set, probing
    /// the larger.
    pub fn isdisjoint(&self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) -> bool {
        let (big, small) = if other.used > self.used {
            (other, self)
        } else {
            (self, other)
        };
        !small
            .iter()
            .any(|(k, h)| big.lookup(k, h, &mut eq).is_some())
    }

    /// `hash(frozenset)`: CPython's `frozenset_hash` (independent of order).
    pub fn frozenset_hash(&self) -> i64 {
        fn shuffle_bits(h: u64) -> u64 {
            ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
        }
        // CPython xors every slot (empty slots hash 0, dummies -1) and then
        // cancels the empty/dummy contributions; the net effect is the xor
        // over the active entries, computed directly here.
        let mut hash: u64 = 0;
        for (_, h) in self.iter() {
            hash ^= shuffle_bits(h as u64);
        }
        hash ^= (self.used as u64)
            .wrapping_add(1)
            .wrapping_mul(1_927_868_237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
        if hash == u64::MAX {
            hash = 590_923_713;
        }
        hash as i64
    }
}

impl<K: Clone> SetTable<K> {
    /// `set(a)`, `a.copy()`, `frozenset(a)`: a new set merged from `self`
    /// (`make_new_set` + `set_merge`).  The copy starts with a fresh `pop`
    /// finger and no dummies, so its order can differ from `self`'s.
    pub fn copy(&self) -> SetTable<K> {
        let mut result = SetTable::new();
        // Merging into an empty table never compares keys.
        result.merge(self, &mut |_: &K, _: &K| false);
        result
    }

    /// `a |= b`, `a.update(b)` for a set `b` (`set_merge`).  The caller must
    /// skip this when `b` is the same object as `a` (CPython: no-op).
    pub fn update(&mut self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) {
        self.merge(other, &mut eq);
    }

    fn merge(&mut self, other: &SetTable<K>, eq: &mut impl FnMut(&K, &K) -> bool) {
        if other.used == 0 {
            return;
        }
        // One big resize up front, expecting few overlapping keys.
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            // Same size, empty target, no dummies in the source: copy slots.
            for (dst, src) in self.table.iter_mut().zip(other.table.iter()) {
                if let Slot::Active { key, hash } = src {
                    *dst = Slot::Active {
                        key: key.clone(),
                        hash: *hash,
                    };
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            // Empty target: keys are known distinct, insert without compares.
            for (key, hash) in other.iter() {
                insert_clean(&mut self.table, key.clone(), hash);
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        for (key, hash) in other.iter() {
            self.add_entry(key.clone(), hash, eq);
        }
    }

    /// `set(d)` / `s.update(d)` / `s.union(d)` for an *exact* dict `d`
    /// (`set_update_internal`'s dict branch): presize for `dict_len` more
    /// keys, then add the dict's `(key, hash)` pairs in dict order.  Dict
    /// views, dict subclasses and other mappings take the generic iterable
    /// path instead (`insert` each item).
    pub fn update_from_dict(
        &mut self,
        dict_len: usize,
        items: impl IntoIterator<Item = (K, i64)>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) {
        if (self.fill + dict_len) * 5 >= self.mask() * 3 {
            self.resize((self.used + dict_len) * 2);
        }
        for (key, hash) in items {
            self.add_entry(key, hash, &mut eq);
        }
    }

    /// `a | b`, `a.union(b)` for a set `b`: copy of `a` merged with `b`.
    /// When `b` is the same object as `a`, use [`SetTable::copy`].
    pub fn union(&self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) -> SetTable<K> {
        let mut result = self.copy();
        result.merge(other, &mut eq);
        result
    }

    /// `a & b`, `a.intersection(b)` for a set `b` (`set_intersection`): the
    /// smaller set is iterated (`b` when the sizes are equal) and its keys
    /// that are in the other set are added to a new set, so the stored keys
    /// come from the iterated set.  When `b` is the same object as `a`, use
    /// [`SetTable::copy`].
    pub fn intersection(
        &self,
        other: &SetTable<K>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        let (big, small) = if other.used > self.used {
            (other, self)
        } else {
            (self, other)
        };
        let mut result = SetTable::new();
        for (key, hash) in small.iter() {
            if big.lookup(key, hash, &mut eq).is_some() {
                result.add_entry(key.clone(), hash, &mut eq);
            }
        }
        result
    }

    /// `a &= b`, `a.intersection_update(b)` for a set `b` other than `a`
    /// itself: `a` takes the table of `a & b` (keeping its `pop` finger).
    pub fn intersection_update(&mut self, other: &SetTable<K>, eq: impl FnMut(&K, &K) -> bool) {
        let result = self.intersection(other, eq);
        self.replace_body(result);
    }

    /// `a -= b`, `a.difference_update(b)` for a set `b`
    /// (`set_difference_update_internal`).  When `b` is the same object as
    /// `a`, use [`SetTable::clear`].
    pub fn difference_update(&mut self, other: &SetTable<K>, mut eq: impl FnMut(&K, &K) -> bool) {
        if (other.used >> 3) > self.used {
            // `other` is much larger: only discard the common keys, iterating
            // their intersection (in its own table order).
            let common = self.intersection(other, &mut eq);
            for (key, hash) in common.iter() {
                self.discard_entry(key, hash, &mut eq);
            }
        } else {
            for (key, hash) in other.iter() {
                self.discard_entry(key, hash, &mut eq);
            }
        }
        self.purge_dummies_after_difference();
    }

    /// `a - b`, `a.difference(b)` for a set `b` (`set_difference`): when `a`
    /// is more than four times larger than `b`, copy `a` and discard `b`'s
    /// keys; otherwise build a new set from `a`'s keys not in `b`.
    pub fn difference(
        &self,
        other: &SetTable<K>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        if (self.used >> 2) > other.used {
            let mut result = self.copy();
            result.difference_update(other, &mut eq);
            return result;
        }
        let mut result = SetTable::new();
        for (key, hash) in self.iter() {
            if other.lookup(key, hash, &mut eq).is_none() {
                result.add_entry(key.clone(), hash, &mut eq);
            }
        }
        result
    }

    /// `a.difference(d)` for an exact dict `d` (`set_difference`'s dict
    /// branch).  `dict_items` yields the dict's `(key, hash)` pairs in dict
    /// order; `in_dict(key, hash)` tests membership in the dict.
    pub fn difference_dict(
        &self,
        dict_len: usize,
        dict_items: impl IntoIterator<Item = (K, i64)>,
        mut in_dict: impl FnMut(&K, i64) -> bool,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        if (self.used >> 2) > dict_len {
            let mut result = self.copy();
            for (key, hash) in dict_items {
                result.discard_entry(&key, hash, &mut eq);
            }
            result.purge_dummies_after_difference();
            return result;
        }
        let mut result = SetTable::new();
        for (key, hash) in self.iter() {
            if !in_dict(key, hash) {
                result.add_entry(key.clone(), hash, &mut eq);
            }
        }
        result
    }

    /// `a ^= b`, `a.symmetric_difference_update(b)` for a set `b`: iterate
    /// `b`, discarding keys present in `a` and adding the others.  When `b`
    /// is the same object as `a`, use [`SetTable::clear`].
    pub fn symmetric_difference_update(
        &mut self,
        other: &SetTable<K>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) {
        self.symmetric_update_from(other.iter().map(|(k, h)| (k.clone(), h)), &mut eq);
    }

    /// `a ^ b`, `a.symmetric_difference(b)` for a set `b`
    /// (`set_symmetric_difference`): a copy of `b`, updated by iterating
    /// `a`.  Also correct when `b` is the same object as `a`.
    pub fn symmetric_difference(
        &self,
        other: &SetTable<K>,
        mut eq: impl FnMut(&K, &K) -> bool,
    ) -> SetTable<K> {
        let mut result = other.copy();
        result.symmetric_difference_update(self, &mut eq);
        result
    }
}

#[cfg(test)]
mod tests {
    //! Expected orders were produced by CPython 3.11 (`list(s)` / `s.pop()`).
    use super::*;
    use crate::vm::hash::{hash_f64, hash_i64};
    use N::{F, I};

    /// Test key: a Python int or float, with Python's numeric equality.
    /// (The derived `PartialEq` distinguishes `I(1)` from `F(1.0)`, so the
    /// assertions also check which of two equal keys the set kept.)
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum N {
        I(i64),
        F(f64),
    }

    fn h(k: &N) -> i64 {
        match *k {
            I(i) => hash_i64(i),
            F(f) => hash_f64(f),
        }
    }

    fn eq(a: &N, b: &N) -> bool {
        match (*a, *b) {
            (I(x), I(y)) => x == y,
            (F(x), F(y)) => x == y,
            (I(i), F(f)) | (F(f), I(i)) => f.fract() == 0.0 && (i as f64) == f && (f as i64) == i,
        }
    }

    fn add(s: &mut SetTable<N>, k: N) {
        s.insert(k, h(&k), eq);
    }

    fn discard(s: &mut SetTable<N>, k: N) {
        s.remove(&k, h(&k), eq);
    }

    /// `{k0, k1, ...}` / `set([k0, k1, ...])`.
    fn set(keys: &[N]) -> SetTable<N> {
        let mut s = SetTable::new();
        for &k in keys {
            add(&mut s, k);
        }
        s
    }

    /// A set display `{k0, k1, ...}` of three or more constants.
    fn lit(keys: &[N]) -> SetTable<N> {
        SetTable::constant_set_display(keys.iter().map(|k| (*k, h(k))), eq)
    }

    fn order(s: &SetTable<N>) -> Vec<N> {
        s.keys().copied().collect()
    }

    #[test]
    fn literal_3_1_2() {
        let res = lit(&[I(3), I(1), I(2)]);
        assert_eq!(order(&res), vec![I(1), I(2), I(3)]);
    }

    #[test]
    fn set_of_list() {
        let res = set(&[I(5), I(3), I(8), I(1)]);
        assert_eq!(order(&res), vec![I(8), I(1), I(3), I(5)]);
    }

    #[test]
    fn comprehension_mod7() {
        let res = set(&(0..20).map(|x| I(x % 7)).collect::<Vec<_>>());
        assert_eq!(order(&res), vec![I(0), I(1), I(2), I(3), I(4), I(5), I(6)]);
    }

    #[test]
    fn negatives_collide() {
        let res = lit(&[I(-1), I(-2), I(7), I(15), I(23), I(-3)]);
        assert_eq!(order(&res), vec![I(23), I(-2), I(7), I(-3), I(-1), I(15)]);
    }

    #[test]
    fn hundreds() {
        let res = lit(&(1..8).map(|x| I(x * 100)).collect::<Vec<_>>());
        assert_eq!(
            order(&res),
            vec![I(400), I(700), I(100), I(500), I(200), I(600), I(300)]
        );
    }

    #[test]
    fn multiples_of_8() {
        let res = set(&(0..15).map(|x| I(x * 8)).collect::<Vec<_>>());
        assert_eq!(
            order(&res),
            vec![
                I(0),
                I(32),
                I(64),
                I(96),
                I(8),
                I(40),
                I(72),
                I(104),
                I(16),
                I(48),
                I(80),
                I(112),
                I(24),
                I(56),
                I(88)
            ]
        );
    }

    #[test]
    fn squares_mod_101() {
        let res = set(&(0..60).map(|x| I(x * x % 101)).collect::<Vec<_>>());
        assert_eq!(
            order(&res),
            vec![
                I(0),
                I(1),
                I(4),
                I(5),
                I(6),
                I(9),
                I(13),
                I(14),
                I(16),
                I(17),
                I(19),
                I(20),
                I(21),
                I(22),
                I(23),
                I(24),
                I(25),
                I(30),
                I(31),
                I(33),
                I(36),
                I(37),
                I(43),
                I(45),
                I(47),
                I(49),
                I(52),
                I(54),
                I(56),
                I(58),
                I(64),
                I(65),
                I(68),
                I(70),
                I(71),
                I(76),
                I(77),
                I(78),
                I(79),
                I(80),
                I(81),
                I(82),
                I(84),
                I(85),
                I(87),
                I(88),
                I(92),
                I(95),
                I(96),
                I(97),
                I(100)
            ]
        );
    }

    #[test]
    fn modulus_collisions() {
        let res = lit(&[
            I(5),
            I(2305843009213693951 + 5),
            I(2 * 2305843009213693951 + 5),
            I(-5),
            I(0),
            I(2305843009213693951),
        ]);
        assert_eq!(
            order(&res),
            vec![
                I(0),
                I(2305843009213693951),
                I(4611686018427387907),
                I(5),
                I(2305843009213693956),
                I(-5)
            ]
        );
    }

    #[test]
    fn big_and_float() {
        let res = lit(&[
            I(1 << 62),
            F(1e20),
            F(-1e20),
            F(0.5),
            I(1 << 61),
            F(3.0),
            F(1.5),
            I(7),
        ]);
        assert_eq!(
            order(&res),
            vec![
                F(0.5),
                I(2305843009213693952),
                I(4611686018427387904),
                F(3.0),
                F(1.5),
                I(7),
                F(1e+20),
                F(-1e+20)
            ]
        );
    }

    #[test]
    fn int_float_first_wins() {
        let res: Vec<N> = [
            lit(&[I(1), F(1.0), F(2.0), I(2)]),
            lit(&[F(1.0), I(1), I(2)]),
        ]
        .iter()
        .flat_map(|s| s.keys().copied().collect::<Vec<_>>())
        .collect();
        assert_eq!(res, vec![I(1), F(2.0), F(1.0), I(2)]);
    }

    #[test]
    fn adds_with_resizes() {
        let mut s = SetTable::new();
        for x in [
            17, 3, 99, 42, -8, 1000, 64, 5, 33, 71, 128, 2, 8, 16, 250, 19, 23, 7, 1, 0,
        ] {
            add(&mut s, I(x));
        }
        let res = s;
        assert_eq!(
            order(&res),
            vec![
                I(128),
                I(1),
                I(2),
                I(3),
                I(0),
                I(5),
                I(7),
                I(8),
                I(16),
                I(17),
                I(19),
                I(23),
                I(33),
                I(42),
                I(64),
                I(71),
                I(99),
                I(1000),
                I(-8),
                I(250)
            ]
        );
    }

    #[test]
    fn discard_then_add_reuses_dummy() {
        let mut s = lit(&[I(1), I(9), I(17), I(25)]);
        discard(&mut s, I(9));
        add(&mut s, I(33));
        let res = s;
        assert_eq!(order(&res), vec![I(1), I(17), I(25), I(33)]);
    }

    #[test]
    fn last_dummy_is_reused() {
        let mut s = set(&(0..10).map(|x| I(x * 8)).collect::<Vec<_>>());
        for x in [8, 24, 40] {
            discard(&mut s, I(x));
        }
        add(&mut s, I(88));
        add(&mut s, I(96));
        let res = s;
        assert_eq!(
            order(&res),
            vec![I(0), I(32), I(64), I(96), I(72), I(16), I(48), I(88), I(56)]
        );
    }

    #[test]
    fn pops() {
        let mut s = lit(&[I(5), I(3), I(8), I(1), I(13), I(21)]);
        let mut res: Vec<N> = (0..4).filter_map(|_| s.pop()).collect();
        res.extend(s.keys().copied());
        assert_eq!(res, vec![I(1), I(3), I(5), I(21), I(8), I(13)]);
    }

    #[test]
    fn pop_finger_survives_clear() {
        let mut s = set(&(0..5).map(I).collect::<Vec<_>>());
        s.pop();
        s.pop();
        s.clear();
        for x in 0..4 {
            add(&mut s, I(x));
        }
        let mut res: Vec<N> = (0..2).filter_map(|_| s.pop()).collect();
        res.extend(s.keys().copied());
        assert_eq!(res, vec![I(2), I(3), I(0), I(1)]);
    }

    #[test]
    fn pop_wraps_around() {
        let mut s = lit(&[I(1), I(6), I(7)]);
        let mut res: Vec<N> = (0..2).filter_map(|_| s.pop()).collect();
        add(&mut s, I(2));
        res.extend((0..2).filter_map(|_| s.pop()));
        assert_eq!(res, vec![I(1), I(6), I(7), I(2)]);
    }

    #[test]
    fn copy_compacts() {
        let mut s = set(&(0..40).map(I).collect::<Vec<_>>());
        for x in (0..40).step_by(3) {
            discard(&mut s, I(x));
        }
        for x in 100..110 {
            add(&mut s, I(x));
        }
        for x in 100..105 {
            discard(&mut s, I(x));
        }
        let res = vec![order(&s), order(&s.copy())];
        assert_eq!(
            res,
            vec![
                vec![
                    I(1),
                    I(2),
                    I(4),
                    I(5),
                    I(7),
                    I(8),
                    I(10),
                    I(11),
                    I(13),
                    I(14),
                    I(16),
                    I(17),
                    I(19),
                    I(20),
                    I(22),
                    I(23),
                    I(25),
                    I(26),
                    I(28),
                    I(29),
                    I(31),
                    I(32),
                    I(34),
                    I(35),
                    I(37),
                    I(38),
                    I(105),
                    I(106),
                    I(107),
                    I(108),
                    I(109)
                ],
                vec![
                    I(1),
                    I(2),
                    I(4),
                    I(5),
                    I(7),
                    I(8),
                    I(10),
                    I(11),
                    I(13),
                    I(14),
                    I(16),
                    I(17),
                    I(19),
                    I(20),
                    I(22),
                    I(23),
                    I(25),
                    I(26),
                    I(28),
                    I(29),
                    I(31),
                    I(32),
                    I(34),
                    I(35),
                    I(37),
                    I(38),
                    I(105),
                    I(106),
                    I(107),
                    I(108),
                    I(109)
                ]
            ]
        );
    }

    #[test]
    fn binary_ops() {
        let mk_a = || {
            set(&[
                I(3),
                I(11),
                I(19),
                I(27),
                I(35),
                I(43),
                I(51),
                I(2),
                I(10),
                I(64),
                I(1000),
                I(-1),
                I(-2),
            ])
        };
        let a = mk_a();
        let b = set(&[
            I(19),
            I(64),
            I(5),
            I(7),
            I(9),
            I(1000),
            F(2.0),
            I(13),
            I(21),
            I(-2),
            I(77),
            I(85),
        ]);
        let res = vec![
            order(&a.union(&b, eq)),
            order(&a.intersection(&b, eq)),
            order(&b.intersection(&a, eq)),
            order(&a.difference(&b, eq)),
            order(&b.difference(&a, eq)),
            order(&a.symmetric_difference(&b, eq)),
            order(&b.symmetric_difference(&a, eq)),
        ];
        assert_eq!(
            res,
            vec![
                vec![
                    I(64),
                    I(2),
                    I(3),
                    I(5),
                    I(7),
                    I(9),
                    I(10),
                    I(11),
                    I(13),
                    I(77),
                    I(19),
                    I(21),
                    I(85),
                    I(27),
                    I(35),
                    I(1000),
                    I(43),
                    I(51),
                    I(-1),
                    I(-2)
                ],
                vec![I(64), F(2.0), I(1000), I(19), I(-2)],
                vec![I(64), F(2.0), I(1000), I(19), I(-2)],
                vec![I(35), I(3), I(10), I(11), I(43), I(51), I(27), I(-1)],
                vec![I(5), I(7), I(9), I(13), I(77), I(21), I(85)],
                vec![
                    I(3),
                    I(35),
                    I(5),
                    I(7),
                    I(9),
                    I(10),
                    I(11),
                    I(43),
                    I(13),
                    I(77),
                    I(51),
                    I(21),
                    I(85),
                    I(27),
                    I(-1)
                ],
                vec![
                    I(3),
                    I(5),
                    I(7),
                    I(9),
                    I(10),
                    I(11),
                    I(13),
                    I(77),
                    I(21),
                    I(85),
                    I(27),
                    I(35),
                    I(43),
                    I(51),
                    I(-1)
                ]
            ]
        );
    }

    #[test]
    fn inplace_ops() {
        let mk_a = || {
            set(&[
                I(3),
                I(11),
                I(19),
                I(27),
                I(35),
                I(43),
                I(51),
                I(2),
                I(10),
                I(64),
                I(1000),
                I(-1),
                I(-2),
            ])
        };
        let b = set(&[
            I(19),
            I(64),
            I(5),
            I(7),
            I(9),
            I(1000),
            F(2.0),
            I(13),
            I(21),
            I(-2),
            I(77),
            I(85),
        ]);
        let mut res = Vec::new();
        for op in 0..4 {
            let mut x = mk_a();
            match op {
                0 => x.update(&b, eq),
                1 => x.intersection_update(&b, eq),
                2 => x.difference_update(&b, eq),
                _ => x.symmetric_difference_update(&b, eq),
            }
            res.push(order(&x));
        }
        assert_eq!(
            res,
            vec![
                vec![
                    I(64),
                    I(2),
                    I(3),
                    I(5),
                    I(7),
                    I(9),
                    I(10),
                    I(11),
                    I(13),
                    I(77),
                    I(19),
                    I(21),
                    I(85),
                    I(27),
                    I(35),
                    I(1000),
                    I(43),
                    I(51),
                    I(-1),
                    I(-2)
                ],
                vec![I(64), F(2.0), I(1000), I(19), I(-2)],
                vec![I(3), I(35), I(10), I(11), I(43), I(51), I(27), I(-1)],
                vec![
                    I(3),
                    I(5),
                    I(7),
                    I(9),
                    I(10),
                    I(11),
                    I(13),
                    I(77),
                    I(21),
                    I(85),
                    I(27),
                    I(35),
                    I(43),
                    I(51),
                    I(-1)
                ]
            ]
        );
    }

    #[test]
    fn difference_copy_branch() {
        let a = set(&(0..100).map(|x| I(x * 3)).collect::<Vec<_>>());
        let b = lit(&[I(3), I(6), I(9), I(299), I(150), I(600)]);
        let d = a.difference(&b, eq);
        let res = vec![
            order(&d).into_iter().take(40).collect::<Vec<_>>(),
            vec![I(d.len() as i64)],
        ];
        assert_eq!(
            res,
            vec![
                vec![
                    I(0),
                    I(258),
                    I(261),
                    I(264),
                    I(267),
                    I(12),
                    I(270),
                    I(15),
                    I(273),
                    I(18),
                    I(276),
                    I(21),
                    I(279),
                    I(24),
                    I(282),
                    I(27),
                    I(285),
                    I(30),
                    I(288),
                    I(33),
                    I(291),
                    I(36),
                    I(294),
                    I(39),
                    I(297),
                    I(42),
                    I(45),
                    I(48),
                    I(51),
                    I(54),
                    I(57),
                    I(60),
                    I(63),
                    I(66),
                    I(69),
                    I(72),
                    I(75),
                    I(78),
                    I(81),
                    I(84)
                ],
                vec![I(96)]
            ]
        );
    }

    #[test]
    fn difference_update_purges_dummies() {
        let mut a = set(&(0..64).map(I).collect::<Vec<_>>());
        a.difference_update(&set(&(0..32).map(|x| I(2 * x)).collect::<Vec<_>>()), eq);
        add(&mut a, I(1000));
        add(&mut a, I(64));
        let res = a;
        assert_eq!(
            order(&res),
            vec![
                I(1),
                I(3),
                I(5),
                I(7),
                I(9),
                I(11),
                I(13),
                I(15),
                I(17),
                I(19),
                I(21),
                I(23),
                I(25),
                I(27),
                I(29),
                I(31),
                I(33),
                I(35),
                I(37),
                I(39),
                I(41),
                I(43),
                I(45),
                I(47),
                I(49),
                I(51),
                I(53),
                I(55),
                I(57),
                I(59),
                I(61),
                I(63),
                I(64),
                I(1000)
            ]
        );
    }

    #[test]
    fn intersection_keeps_iterated_keys() {
        let res = vec![
            order(&set(&[I(1), I(2)]).intersection(&set(&[F(1.0)]), eq)),
            order(&set(&[I(1)]).intersection(&set(&[F(1.0)]), eq)),
            order(&set(&[F(1.0)]).intersection(&set(&[I(1)]), eq)),
            order(&lit(&[I(1), F(2.0), I(3)]).intersection(&lit(&[I(2), F(3.0), F(1.0)]), eq)),
        ];
        assert_eq!(
            res,
            vec![
                vec![F(1.0)],
                vec![F(1.0)],
                vec![I(1)],
                vec![F(1.0), I(2), F(3.0)]
            ]
        );
    }

    #[test]
    fn intersection_with_iterable() {
        let a = lit(&[I(5), I(3), I(8), I(1)]);
        let res = a
            .intersection_iter(
                [8, 9, 1]
                    .map(I)
                    .into_iter()
                    .chain([F(1.0)])
                    .chain([5, 100, 3].map(I))
                    .map(|k| Ok::<_, ()>((k, h(&k)))),
                eq,
            )
            .unwrap_or_default();
        assert_eq!(order(&res), vec![I(8), I(1), I(3), I(5)]);
    }

    #[test]
    fn set_from_dict() {
        let keys = [9, 1, 17, 33, 2, 10, 25, 4].map(I);
        let mut res = SetTable::new();
        res.update_from_dict(keys.len(), keys.iter().map(|k| (*k, h(k))), eq);
        assert_eq!(
            order(&res),
            vec![I(1), I(33), I(2), I(4), I(9), I(10), I(17), I(25)]
        );
    }

    #[test]
    fn union_of_self_copy() {
        let mut a = set(&(0..10).map(I).collect::<Vec<_>>());
        discard(&mut a, I(3));
        discard(&mut a, I(5));
        let res = vec![order(&a.copy()), order(&a.copy())];
        assert_eq!(
            res,
            vec![
                vec![I(0), I(1), I(2), I(4), I(6), I(7), I(8), I(9)],
                vec![I(0), I(1), I(2), I(4), I(6), I(7), I(8), I(9)]
            ]
        );
    }

    #[test]
    fn xor_with_self_leaves_dummies() {
        let a = set(&(0..6).map(I).collect::<Vec<_>>());
        let mut t = a.symmetric_difference(&a, eq);
        for x in [8, 16, 0] {
            add(&mut t, I(x));
        }
        let res = t;
        assert_eq!(order(&res), vec![I(0), I(16), I(8)]);
    }

    #[test]
    fn constant_display_vs_built() {
        let keys = [I(-1), I(-2), I(7), I(15), I(23), I(-3)];
        let res = vec![order(&lit(&keys)), order(&set(&keys))];
        assert_eq!(
            res,
            vec![
                vec![I(23), I(-2), I(7), I(-3), I(-1), I(15)],
                vec![I(7), I(15), I(-2), I(23), I(-3), I(-1)]
            ]
        );
    }

    #[test]
    fn for_loop_over_constant_set() {
        let keys = [
            I(40),
            I(8),
            I(24),
            I(72),
            I(0),
            I(16),
            I(2305843009213693959),
        ];
        let res = order(&SetTable::constant_frozenset(
            keys.iter().map(|k| (*k, h(k))),
            eq,
        ));
        assert_eq!(
            res,
            vec![
                I(0),
                I(8),
                I(40),
                I(72),
                I(2305843009213693959),
                I(16),
                I(24)
            ]
        );
    }

    #[test]
    fn non_constant_display_adds_in_order() {
        let res = set(&[I(-1), I(-2), I(7), I(15), I(23), I(-3)]);
        assert_eq!(order(&res), vec![I(7), I(15), I(-2), I(23), I(-3), I(-1)]);
    }

    #[test]
    fn frozenset_hashes() {
        assert_eq!(
            set(&[I(1), I(2), I(3)]).frozenset_hash(),
            -272375401224217160
        );
        assert_eq!(SetTable::<N>::new().frozenset_hash(), 133146708735736);
        assert_eq!(set(&[I(-1), I(-2)]).frozenset_hash(), 399283329322573);
        assert_eq!(
            set(&(0..100).map(I).collect::<Vec<_>>()).frozenset_hash(),
            4411996150312757951
        );
        assert_eq!(
            set(&[F(1.5), I(1 << 62)]).frozenset_hash(),
            6333434812840666982
        );
        // Independent of layout: dummies and insertion order do not matter.
        let mut s = set(&[I(3), I(9), I(1), I(2), I(17)]);
        discard(&mut s, I(9));
        discard(&mut s, I(17));
        assert_eq!(s.frozenset_hash(), -272375401224217160);
    }

    #[test]
    fn membership_and_removal() {
        let mut s = set(&[I(1), F(2.0), I(-1), I(-2)]);
        assert_eq!(s.len(), 4);
        assert!(s.contains(&F(1.0), h(&F(1.0)), eq));
        assert!(s.contains(&I(2), h(&I(2)), eq));
        assert!(!s.contains(&I(3), h(&I(3)), eq));
        assert_eq!(s.get(&I(2), h(&I(2)), eq), Some(&F(2.0)));
        assert!(!s.insert(I(2), h(&I(2)), eq));
        assert_eq!(s.remove(&I(-1), h(&I(-1)), eq), Some(I(-1)));
        assert_eq!(s.remove(&I(-1), h(&I(-1)), eq), None);
        assert!(s.contains(&I(-2), h(&I(-2)), eq));
        assert_eq!(s.len(), 3);
        let t = set(&[I(-2), I(1), I(2)]);
        assert!(s.set_eq(&t, eq) && s.is_subset(&t, eq) && s.is_superset(&t, eq));
        assert!(!s.isdisjoint(&t, eq));
        assert!(s.isdisjoint(&set(&[I(5)]), eq));
        while s.pop().is_some() {}
        assert!(s.is_empty() && s.pop().is_none());
    }
}
