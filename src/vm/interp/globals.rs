//! Globals and builtins through the per-name inline cache (`GlobalCache`),
//! and the recursive-call check that reads the same cache.

use std::sync::atomic::Ordering;

use super::Vm;
use crate::compile::bytecode::{Code, GlobalCache};
use crate::vm::dict::DictTable;
use crate::vm::error::*;
use crate::vm::objects::*;
use crate::vm::value::Value;

impl Vm {
    /// Recursive calls without reference counting: deferred reference
    /// counting, as CPython 3.14 does for functions, narrowed to the case
    /// that needs no garbage collector. The quickener pairs a load of the
    /// function's own global name with the call that consumes it
    /// (`LoadGlobalCallee` … `CallOwn`, nothing in between reaching the
    /// callee). When the global is indeed the function frame `fi` runs, the
    /// load pushes `Value::Unbound` — a value no program can push, owning
    /// nothing — and `CallOwn` gives the new frame the caller's function,
    /// alive in the caller's callee slot for longer than the new frame
    /// (frames nest strictly). So no atomic increment at the load and no
    /// decrement at the return; an exception between load and call drops
    /// the marker as the scalar it is.
    ///
    /// Returns false (pushing nothing) when the global is not the running
    /// function or its cache entry cannot tell.
    ///
    /// The check costs two loads while the globals are unchanged since the
    /// last one that looked (`Function::own_version`, against the globals'
    /// `DictTable::version`, which every store to them moves on).
    #[inline(always)]
    pub(super) fn push_own_function(&mut self, fi: usize, code: &Code, i: usize) -> bool {
        let func = self.frames[fi].func();
        let table = &func.globals.table;
        if !self.gil_exclusive || table.is_locked() {
            return false;
        }
        // SAFETY: as in `gil_guarded`: the GIL is exclusive and held by this
        // thread, and the table is not locked.
        let g = unsafe { &*table.data_ptr() };
        if func.own_version.load(Ordering::Relaxed) != g.version() {
            if !self.global_is_own_function(func, g, code, i) {
                return false;
            }
            func.own_version.store(g.version(), Ordering::Relaxed);
        }
        self.push(Value::Unbound);
        true
    }

    /// Is global `code.names[i]` (found through its cache entry) `func`?
    #[inline(never)]
    pub(super) fn global_is_own_function(
        &self,
        func: &Function,
        g: &DictTable,
        code: &Code,
        i: usize,
    ) -> bool {
        let c = code.global_cache[i].globals.load(Ordering::Relaxed);
        if c >= 1 << 32 {
            return false;
        }
        matches!(
            g.entry_at(c as usize),
            Some(e) if same_str_object(&e.key, &code.names[i])
                && matches!(&e.value, Value::Func(f) if std::ptr::eq(&**f, func))
        )
    }

    /// Read global `code.names[i]`, then the builtins, through the per-name
    /// inline cache (`GlobalCache`): a hit is one lock and one pointer
    /// comparison, no hashing.
    #[inline]
    pub(super) fn load_global(&self, fi: usize, code: &Code, i: usize) -> Option<Value> {
        use std::sync::atomic::Ordering::Relaxed;
        const ABSENT: u64 = 1 << 62;
        let name = &code.names[i];
        let cache = &code.global_cache[i];
        let globals = self.frames[fi].globals();
        // A builtin found last time (CPython's LOAD_GLOBAL_BUILTIN): both
        // dicts' keys versions unchanged means the name is still absent
        // from the globals and still at the cached position in the
        // builtins, so one read of that entry, without either lock (the
        // hash guards against a version wrapping round, as below).
        let (c, b) = (cache.globals.load(Relaxed), cache.builtins.load(Relaxed));
        if c & ABSENT != 0 && c != GlobalCache::EMPTY {
            let (gt, bt) = (&globals.table, &self.interp.builtins.table);
            if self.gil_exclusive && !gt.is_locked() && !bt.is_locked() {
                // SAFETY: as in `gil_guarded`: the GIL is exclusive and held
                // by this thread, and neither table is locked; reads only.
                let (g, bt) = unsafe { (&*gt.data_ptr(), &*bt.data_ptr()) };
                if c as u32 == g.keys_version()
                    && let Some(v) = cached_builtin(bt, b, name)
                {
                    return Some(v.clone());
                }
            }
        }
        // Ok(found) or Err(()) for "not a global: try the builtins".
        let read_globals = |g: &mut DictTable| {
            let c = cache.globals.load(Relaxed);
            let absent = if c < (1 << 32) {
                match g.entry_at(c as usize) {
                    Some(e) if same_str_object(&e.key, name) => return Ok(Some(e.value.clone())),
                    _ => false,
                }
            } else {
                c != GlobalCache::EMPTY && c & ABSENT != 0 && c as u32 == g.keys_version()
            };
            if !absent {
                let Value::Str(s) = name else { return Ok(None) };
                match g.find(s.hash(), name) {
                    Some(pos) => {
                        cache.globals.store(pos as u64, Relaxed);
                        return Ok(g.entry_at(pos).map(|e| e.value.clone()));
                    }
                    None => cache
                        .globals
                        .store(ABSENT | g.keys_version() as u64, Relaxed),
                }
            }
            Err(())
        };
        // SAFETY: `gil_exclusive` is set only under --gil=on/legacy, and this
        // VM runs bytecode only while holding the GIL; the lookup runs no
        // Python code.
        if let Ok(found) = unsafe { gil_guarded(&globals.table, self.gil_exclusive, read_globals) }
        {
            return found;
        }
        // The builtins' cache entry is (keys version, position): while no
        // builtin name is added or removed the entry at that position is
        // still this name's (CPython's LOAD_GLOBAL_BUILTIN check). The
        // hash comparison guards against the 32-bit version wrapping round.
        let Value::Str(s) = name else { return None };
        let read_builtins = |b: &mut DictTable| {
            if let Some(v) = cached_builtin(b, cache.builtins.load(Relaxed), name) {
                return Some(v.clone());
            }
            let pos = b.find(s.hash(), name)?;
            cache
                .builtins
                .store(u64::from(b.keys_version()) << 32 | pos as u64, Relaxed);
            b.entry_at(pos).map(|e| e.value.clone())
        };
        // SAFETY: as for the globals.
        unsafe {
            gil_guarded(
                &self.interp.builtins.table,
                self.gil_exclusive,
                read_builtins,
            )
        }
    }

    /// Store global `code.names[i]` through the same cache as `load_global`;
    /// returns the old value so it is dropped after the lock is released.
    #[inline]
    pub(super) fn store_global(&self, fi: usize, code: &Code, i: usize, v: Value) -> Option<Value> {
        use std::sync::atomic::Ordering::Relaxed;
        let name = &code.names[i];
        let cache = &code.global_cache[i];
        let mut g = self.frames[fi].globals().table.lock();
        let c = cache.globals.load(Relaxed);
        let v = if c < (1 << 32) {
            match g.replace_at_if_key(c as usize, name, v) {
                Ok(old) => return Some(old),
                Err(v) => v,
            }
        } else {
            v
        };
        let old = g.insert_str(name.clone(), v);
        if let Value::Str(s) = name
            && let Some(pos) = g.find(s.hash(), name)
        {
            cache.globals.store(pos as u64, Relaxed);
        }
        old
    }

    /// NameError for a global, with CPython's suggestion from the frame's
    /// locals, then its globals, then the builtins.
    #[cold]
    pub(super) fn name_error_with_suggestion(&self, fi: usize, name: &Value) -> PyErr {
        let e = name_not_defined(name);
        let Value::Str(n) = name else { return e };
        let frame = &self.frames[fi];
        let locals: Vec<&str> = frame
            .code()
            .varnames
            .iter()
            .enumerate()
            .filter(|(i, _)| !matches!(self.stack[frame.base + i], Value::Unbound))
            .map(|(_, v)| v.as_str())
            .collect();
        let found = crate::vm::suggest::suggest(n.as_str(), locals).or_else(|| {
            [frame.globals(), &self.interp.builtins]
                .into_iter()
                .find_map(|d| {
                    let keys = d.table.lock().keys();
                    let names: Vec<&str> = keys
                        .iter()
                        .filter_map(|k| match k {
                            Value::Str(s) => Some(s.as_str()),
                            _ => None,
                        })
                        .collect();
                    crate::vm::suggest::suggest(n.as_str(), names)
                })
        });
        *e.suggestion.lock() = found;
        e
    }
}

/// Are `a` and `b` the same `str` object? (`Value::is` narrowed to what a
/// global cache compares: interned names.)
#[inline(always)]
pub(super) fn same_str_object(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Str(x), Value::Str(y)) if StrObj::ptr_eq(x, y))
}

/// The builtin that cache word `c` (`GlobalCache::builtins`: keys version,
/// position) found for `name` in builtins table `b`, if that table's keys
/// are unchanged since: the entry at the position is still this name's.
/// The hash comparison guards against the 32-bit version wrapping round.
#[inline(always)]
fn cached_builtin<'a>(b: &'a DictTable, c: u64, name: &Value) -> Option<&'a Value> {
    if c == GlobalCache::EMPTY || (c >> 32) as u32 != b.keys_version() {
        return None;
    }
    let e = b.entry_at(c as u32 as usize)?;
    matches!(name, Value::Str(s) if e.hash == s.hash()).then_some(&e.value)
}

pub(super) fn name_not_defined(name: &Value) -> PyErr {
    let n = match name {
        Value::Str(s) => s.as_str().to_string(),
        _ => String::new(),
    };
    name_error(format!("name '{n}' is not defined"))
}
