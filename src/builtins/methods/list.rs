//! Methods of `list`, and the sort behind `list.sort` and `sorted`.
//!
//! The sort is a port of CPython 3.11's `listsort` (timsort with the
//! powersort merge policy, galloping, `min_gallop` adaptation), so that it
//! makes the same `<` comparisons in the same order as CPython. For a
//! consistent order any stable sort would give the same result; the port
//! matters when the order is not consistent (NaNs, or keys whose `<` is not
//! a total order) and for which comparison raises first. It only uses `<`,
//! never panics on an inconsistent comparison (Rust's `sort_by` may), and on
//! an error leaves a permutation of the items, as CPython does.
//!
//! The sort works on a permutation of indexes into the keys (paired with
//! the key itself when all keys are floats, ints or strings), so moving an
//! element is a plain copy and the keys and values move together.

use std::sync::Arc;

use super::{c_int_arg, slice_index, ssize_arg, wrong_receiver};
use crate::vm::args::{clinic_count, no_pos, one_pos};
use crate::vm::error::*;
use crate::vm::objects::{Args, ListObj, MethodDef, gil_guarded};
use crate::vm::{Value, Vm, iter, ops, repr};

pub(super) static METHODS: &[MethodDef] = methods!("list";
    "append" => append,
    "extend" => [extend],
    "insert" => [insert],
    "pop" => [pop],
    "remove" => [remove],
    "index" => [index],
    "count" => [count],
    "sort" => sort,
    "reverse" => [reverse],
    "copy" => [copy],
    "clear" => [clear],
);

fn this<'a>(v: &'a Value, name: &str) -> PyResult<&'a Arc<ListObj>> {
    match v {
        Value::List(l) => Ok(l),
        other => Err(wrong_receiver(name, "list", other)),
    }
}

fn append(_vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let l = this(v, "append")?;
    let x = args.one("list.append")?;
    l.append(x);
    Ok(Value::None)
}

fn extend(vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "extend")?;
    let x = one_pos("list.extend", args)?;
    let items = iter::collect(vm, x)?;
    let mut guard = l.items.lock();
    check_alloc(guard.len().saturating_add(items.len()), 16)?;
    guard.extend(items);
    Ok(Value::None)
}

fn insert(vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "insert")?;
    clinic_count("list.insert", args.len(), 2, 2)?;
    let i = ssize_arg(&args[0])?;
    let x = args[1].clone();
    let insert = |items: &mut Vec<Value>| {
        let n = items.len() as i64;
        let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
        items.insert(at as usize, x);
    };
    // SAFETY: `gil_exclusive` is the VM's; `insert` only moves values.
    unsafe { gil_guarded(&l.items, vm.gil_exclusive(), insert) };
    Ok(Value::None)
}

fn pop(vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "pop")?;
    clinic_count("list.pop", args.len(), 0, 1)?;
    let i = match args.first() {
        Some(x) => ssize_arg(x)?,
        None => -1,
    };
    let pop = |items: &mut Vec<Value>| {
        if items.is_empty() {
            return Err(index_error("pop from empty list"));
        }
        let n = items.len() as i64;
        let at = if i < 0 { i + n } else { i };
        if !(0..n).contains(&at) {
            return Err(index_error("pop index out of range"));
        }
        // `pop()` takes the last item: no `remove` (and its memmove call).
        Ok(if at == n - 1 {
            items.pop().unwrap_or(Value::None)
        } else {
            items.remove(at as usize)
        })
    };
    // SAFETY: `gil_exclusive` is the VM's; `pop` only moves a value out.
    unsafe { gil_guarded(&l.items, vm.gil_exclusive(), pop) }
}

/// The search of `list.index` and `list.remove`: on the live items while every comparison is
/// plain (`ops::is_or_eq_plain`: no code runs, so nothing can change the
/// list during the scan); from the first item that needs the general `==`,
/// on a snapshot (whose comparisons may run code that changes the list).
fn list_position(
    vm: &Vm,
    l: &ListObj,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let scan = |items: &mut Vec<Value>| {
        for (i, item) in items.iter().enumerate().take(stop).skip(start) {
            match ops::is_or_eq_plain(item, x) {
                Some(true) => return Ok(Some(i)),
                Some(false) => {}
                None => return Err(i),
            }
        }
        Ok(None)
    };
    // SAFETY: `gil_exclusive` is the VM's; `scan` only reads plain values.
    match unsafe { gil_guarded(&l.items, vm.gil_exclusive(), scan) } {
        Ok(found) => Ok(found),
        Err(i) => position(&l.snapshot(), x, i, stop),
    }
}

/// `list.count`'s count, plain comparisons on the live items first (see
/// [`list_position`]).
fn list_count(vm: &Vm, l: &ListObj, x: &Value) -> PyResult<usize> {
    let scan = |items: &mut Vec<Value>| {
        let mut n = 0;
        for (i, item) in items.iter().enumerate() {
            match ops::is_or_eq_plain(item, x) {
                Some(found) => n += usize::from(found),
                None => return Err((i, n)),
            }
        }
        Ok(n)
    };
    // SAFETY: `gil_exclusive` is the VM's; `scan` only reads plain values.
    match unsafe { gil_guarded(&l.items, vm.gil_exclusive(), scan) } {
        Ok(n) => Ok(n),
        Err((i, n)) => {
            let snap = l.snapshot();
            Ok(n + count_in(snap.get(i..).unwrap_or_default(), x)?)
        }
    }
}

/// The position of the first item equal to `x` in `items[start..stop]`.
pub(super) fn position(
    items: &[Value],
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if item.is(x) || ops::eq(item, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

pub(super) fn count_in(items: &[Value], x: &Value) -> PyResult<usize> {
    let mut n = 0;
    for item in items {
        if item.is(x) || ops::eq(item, x)? {
            n += 1;
        }
    }
    Ok(n)
}

fn remove(vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "remove")?;
    let x = one_pos("list.remove", args)?;
    match list_position(vm, l, x, 0, usize::MAX)? {
        Some(i) => {
            let removed = {
                let mut items = l.items.lock();
                (i < items.len()).then(|| items.remove(i))
            };
            drop(removed);
            Ok(Value::None)
        }
        None => Err(value_error("list.remove(x): x not in list")),
    }
}

/// The `start`/`stop` arguments of `list.index`/`tuple.index`, resolved
/// against a sequence of `n` items.
pub(super) fn index_range(pos: &[Value], n: usize) -> PyResult<(usize, usize)> {
    let get = |i: usize, default: i64| -> PyResult<i64> {
        match pos.get(i) {
            Some(v) => Ok(slice_index(v, false)?.unwrap_or(default)),
            None => Ok(default),
        }
    };
    let n = n as i64;
    let fix = |x: i64| if x < 0 { (x + n).max(0) } else { x.min(n) };
    Ok((fix(get(1, 0)?) as usize, fix(get(2, i64::MAX)?) as usize))
}

fn index(vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "index")?;
    clinic_count("list.index", args.len(), 1, 3)?;
    let (start, stop) = index_range(args, l.len())?;
    match list_position(vm, l, &args[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error(format!(
            "{} is not in list",
            repr::repr(vm, &args[0])?
        ))),
    }
}

fn count(vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "count")?;
    let x = one_pos("list.count", args)?;
    Ok(Value::Int(list_count(vm, l, x)? as i64))
}

fn reverse(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "reverse")?;
    no_pos("list.reverse", args)?;
    l.items.lock().reverse();
    Ok(Value::None)
}

fn copy(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "copy")?;
    no_pos("list.copy", args)?;
    Ok(Value::list(l.snapshot()))
}

fn clear(_vm: &mut Vm, v: &Value, args: &[Value]) -> PyResult<Value> {
    let l = this(v, "clear")?;
    no_pos("list.clear", args)?;
    // Drop the items after releasing the lock.
    let old = std::mem::take(&mut *l.items.lock());
    crate::vm::objects::drop_items(old);
    Ok(Value::None)
}

fn sort(vm: &mut Vm, v: &Value, args: Args) -> PyResult<Value> {
    let l = this(v, "sort")?;
    let [key, rev] = args.kwparse("sort", ["key", "reverse"], 0, 0)?;
    let reverse = match &rev {
        Some(r) => c_int_arg(r)? != 0,
        None => false,
    };
    // While sorting, the list is empty (as in CPython); whatever is put in
    // it meanwhile is discarded and reported.
    let mut items = std::mem::take(&mut *l.items.lock());
    let result = sort_values(vm, &mut items, key.as_ref(), reverse);
    let meanwhile = std::mem::replace(&mut *l.items.lock(), items);
    let modified = !meanwhile.is_empty();
    drop(meanwhile);
    result?;
    if modified {
        return Err(value_error("list modified during sort"));
    }
    Ok(Value::None)
}

/// Sort `values` in place as `list.sort(key=key, reverse=reverse)` does
/// (`key` may be `None`/`Value::None` for no key). The key function is
/// called once per element, first to last; if it raises, `values` is
/// unchanged. If a comparison raises, `values` is left as a permutation of
/// the original items (as CPython leaves the list) and the error returned.
pub fn sort_values(
    vm: &mut Vm,
    values: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let n = values.len();
    // The key function is called even for a single item (as in CPython).
    let keys = match key {
        Some(f) if !f.is_none() => {
            let mut keys = Vec::with_capacity(n);
            for x in values.iter() {
                keys.push(vm.call(f, Args::positional(vec![x.clone()]))?);
            }
            Some(keys)
        }
        _ => None,
    };
    if n < 2 {
        return Ok(());
    }
    let (perm, result) = sort_perm(keys.as_deref().unwrap_or(values), reverse);
    drop(keys);
    let mut old: Vec<Option<Value>> = std::mem::take(values).into_iter().map(Some).collect();
    *values = perm
        .iter()
        .map(|&i| old[i].take().unwrap_or(Value::None))
        .collect();
    result
}

/// The stable sorted order of `keys` (indexes), with `reverse` done as
/// CPython does it: reverse, sort stably, reverse back. On an error the
/// order is the permutation reached so far.
///
/// Like CPython's pre-sort check, keys that are all floats, all ints or all
/// strings are compared without the generic comparison (same results,
/// faster), and are moved together with their index for locality.
fn sort_perm(keys: &[Value], reverse: bool) -> (Vec<usize>, PyResult<()>) {
    let n = keys.len();
    let start: Vec<usize> = if reverse {
        (0..n).rev().collect()
    } else {
        (0..n).collect()
    };
    /// Sort `(key, index)` pairs by key with an infallible `<`.
    fn pairs<T: Copy>(
        start: &[usize],
        key: impl Fn(usize) -> T,
        lt: impl Fn(T, T) -> bool,
    ) -> (Vec<usize>, PyResult<()>) {
        let mut arr: Vec<(T, usize)> = start.iter().map(|&i| (key(i), i)).collect();
        let r = timsort(&mut arr, |a: (T, usize), b: (T, usize)| Ok(lt(a.0, b.0)));
        (arr.into_iter().map(|(_, i)| i).collect(), r)
    }
    let float = |i: usize| match &keys[i] {
        Value::Float(f) => f.get(),
        _ => 0.0,
    };
    let int = |i: usize| match &keys[i] {
        Value::Int(x) => *x,
        _ => 0,
    };
    let text = |i: usize| match &keys[i] {
        Value::Str(s) => s.as_str(),
        _ => "",
    };
    let (mut perm, result) = if keys.iter().all(|k| matches!(k, Value::Float(_))) {
        pairs(&start, float, |a, b| a < b)
    } else if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        pairs(&start, int, |a, b| a < b)
    } else if keys.iter().all(|k| matches!(k, Value::Str(_))) {
        pairs(&start, text, |a, b| a < b)
    } else {
        let mut perm = start;
        let r = timsort(&mut perm, |a: usize, b: usize| {
            ops::less_than(&keys[a], &keys[b])
        });
        (perm, r)
    };
    if reverse {
        perm.reverse();
    }
    (perm, result)
}

// ------------------------------------------------------------------ timsort

/// Galloping threshold (`MIN_GALLOP`).
const MIN_GALLOP: usize = 7;

/// A pending run: `perm[base..base + len]`, with its powersort power.
#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// CPython's `MergeState`.
struct Sorter<T, F> {
    lt: F,
    _elem: std::marker::PhantomData<T>,
    min_gallop: usize,
    pending: Vec<Run>,
    listlen: usize,
}

/// Where a merge loop stopped: copy the rest of the temp run back
/// (`Succeed`/`Fail`), or put its single last element at the end (`CopyB`
/// in `merge_lo`, `CopyA` in `merge_hi`).
enum Exit {
    Done,
    CopyOne,
}

struct LoState {
    dest: usize,
    pa: usize,
    pb: usize,
    na: usize,
    nb: usize,
}

struct HiState {
    dest: isize,
    pa: isize,
    pb: isize,
    na: usize,
    nb: usize,
}

/// `merge_compute_minrun`.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// `powerloop`: the powersort power of the boundary between two runs.
fn powerloop(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let (s1, n1, n2, n) = (s1 as u128, n1 as u128, n2 as u128, n as u128);
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

/// Sort `perm` (indexes into `keys`) by `keys[i] < keys[j]`, stably.
fn timsort<T: Copy, F: FnMut(T, T) -> PyResult<bool>>(perm: &mut [T], lt: F) -> PyResult<()> {
    let n = perm.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = Sorter {
        lt,
        _elem: std::marker::PhantomData,
        min_gallop: MIN_GALLOP,
        pending: Vec::new(),
        listlen: n,
    };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    let mut remaining = n;
    while remaining > 0 {
        let (mut run, descending) = ms.count_run(&perm[lo..lo + remaining])?;
        if descending {
            perm[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = remaining.min(minrun);
            ms.binarysort(&mut perm[lo..lo + force], run)?;
            run = force;
        }
        ms.found_new_run(perm, run)?;
        ms.pending.push(Run {
            base: lo,
            len: run,
            power: 0,
        });
        lo += run;
        remaining -= run;
    }
    ms.merge_force_collapse(perm)
}

impl<T: Copy, F: FnMut(T, T) -> PyResult<bool>> Sorter<T, F> {
    fn lt(&mut self, x: T, y: T) -> PyResult<bool> {
        (self.lt)(x, y)
    }

    /// `count_run`: the length of the run at the start of `a`, and whether
    /// it is strictly descending.
    fn count_run(&mut self, a: &[T]) -> PyResult<(usize, bool)> {
        let n = a.len();
        if n == 1 {
            return Ok((1, false));
        }
        let mut k = 2;
        if self.lt(a[1], a[0])? {
            while k < n && self.lt(a[k], a[k - 1])? {
                k += 1;
            }
            Ok((k, true))
        } else {
            while k < n && !self.lt(a[k], a[k - 1])? {
                k += 1;
            }
            Ok((k, false))
        }
    }

    /// `binarysort`: `a[..start]` is sorted; insert the rest one by one.
    fn binarysort(&mut self, a: &mut [T], mut start: usize) -> PyResult<()> {
        if start == 0 {
            start = 1;
        }
        while start < a.len() {
            let pivot = a[start];
            let (mut l, mut r) = (0, start);
            while l < r {
                let p = l + ((r - l) >> 1);
                if self.lt(pivot, a[p])? {
                    r = p;
                } else {
                    l = p + 1;
                }
            }
            a.copy_within(l..start, l + 1);
            a[l] = pivot;
            start += 1;
        }
        Ok(())
    }

    /// `gallop_left`: the leftmost position in sorted `a` where `key` fits.
    fn gallop_left(&mut self, key: T, a: &[T], hint: usize) -> PyResult<usize> {
        let n = a.len() as isize;
        let hint = hint as isize;
        let mut lastofs: isize = 0;
        let mut ofs: isize = 1;
        if self.lt(a[hint as usize], key)? {
            let maxofs = n - hint;
            while ofs < maxofs {
                if self.lt(a[(hint + ofs) as usize], key)? {
                    lastofs = ofs;
                    ofs = (ofs << 1) + 1;
                } else {
                    break;
                }
            }
            ofs = ofs.min(maxofs);
            lastofs += hint;
            ofs += hint;
        } else {
            let maxofs = hint + 1;
            while ofs < maxofs {
                if self.lt(a[(hint - ofs) as usize], key)? {
                    break;
                }
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(maxofs);
            let k = lastofs;
            lastofs = hint - ofs;
            ofs = hint - k;
        }
        lastofs += 1;
        while lastofs < ofs {
            let m = lastofs + ((ofs - lastofs) >> 1);
            if self.lt(a[m as usize], key)? {
                lastofs = m + 1;
            } else {
                ofs = m;
            }
        }
        Ok(ofs as usize)
    }

    /// `gallop_right`: the rightmost position in sorted `a` where `key` fits.
    fn gallop_right(&mut self, key: T, a: &[T], hint: usize) -> PyResult<usize> {
        let n = a.len() as isize;
        let hint = hint as isize;
        let mut lastofs: isize = 0;
        let mut ofs: isize = 1;
        if self.lt(key, a[hint as usize])? {
            let maxofs = hint + 1;
            while ofs < maxofs {
                if self.lt(key, a[(hint - ofs) as usize])? {
                    lastofs = ofs;
                    ofs = (ofs << 1) + 1;
                } else {
                    break;
                }
            }
            ofs = ofs.min(maxofs);
            let k = lastofs;
            lastofs = hint - ofs;
            ofs = hint - k;
        } else {
            let maxofs = n - hint;
            while ofs < maxofs {
                if self.lt(key, a[(hint + ofs) as usize])? {
                    break;
                }
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            ofs = ofs.min(maxofs);
            lastofs += hint;
            ofs += hint;
        }
        lastofs += 1;
        while lastofs < ofs {
            let m = lastofs + ((ofs - lastofs) >> 1);
            if self.lt(key, a[m as usize])? {
                ofs = m;
            } else {
                lastofs = m + 1;
            }
        }
        Ok(ofs as usize)
    }

    /// `found_new_run`: merge pending runs whose power exceeds the new
    /// boundary's, then record that power.
    fn found_new_run(&mut self, perm: &mut [T], n2: usize) -> PyResult<()> {
        let Some(last) = self.pending.last() else {
            return Ok(());
        };
        let power = powerloop(last.base, last.len, n2, self.listlen);
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            self.merge_at(perm, self.pending.len() - 2)?;
        }
        if let Some(last) = self.pending.last_mut() {
            last.power = power;
        }
        Ok(())
    }

    fn merge_force_collapse(&mut self, perm: &mut [T]) -> PyResult<()> {
        while self.pending.len() > 1 {
            let mut n = self.pending.len() - 2;
            if n > 0 && self.pending[n - 1].len < self.pending[n + 1].len {
                n -= 1;
            }
            self.merge_at(perm, n)?;
        }
        Ok(())
    }

    /// `merge_at`: merge pending runs `i` and `i + 1`.
    fn merge_at(&mut self, perm: &mut [T], i: usize) -> PyResult<()> {
        let (sa, na) = (self.pending[i].base, self.pending[i].len);
        let (sb, nb) = (self.pending[i + 1].base, self.pending[i + 1].len);
        self.pending[i].len = na + nb;
        if i + 3 == self.pending.len() {
            self.pending[i + 1] = self.pending[i + 2];
        }
        self.pending.pop();

        // Elements of a before where b[0] belongs are already in place.
        let k = self.gallop_right(perm[sb], &perm[sa..sa + na], 0)?;
        let sa = sa + k;
        let na = na - k;
        if na == 0 {
            return Ok(());
        }
        // Elements of b after where a[-1] belongs are already in place.
        let nb = self.gallop_left(perm[sa + na - 1], &perm[sb..sb + nb], nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(perm, sa, na, sb, nb)
        } else {
            self.merge_hi(perm, sa, na, sb, nb)
        }
    }

    /// `merge_lo`: merge `a` (copied out, the shorter) and `b`, left to right.
    fn merge_lo(
        &mut self,
        arr: &mut [T],
        sa: usize,
        na: usize,
        sb: usize,
        nb: usize,
    ) -> PyResult<()> {
        let tmp = arr[sa..sa + na].to_vec();
        let mut st = LoState {
            dest: sa,
            pa: 0,
            pb: sb,
            na,
            nb,
        };
        let r = self.merge_lo_loop(arr, &tmp, &mut st);
        if let Ok(Exit::CopyOne) = r {
            // The last element of a belongs at the end of the merge.
            arr.copy_within(st.pb..st.pb + st.nb, st.dest);
            arr[st.dest + st.nb] = tmp[st.pa];
            return Ok(());
        }
        if st.na > 0 {
            arr[st.dest..st.dest + st.na].copy_from_slice(&tmp[st.pa..st.pa + st.na]);
        }
        r.map(|_| ())
    }

    fn merge_lo_loop(&mut self, arr: &mut [T], tmp: &[T], st: &mut LoState) -> PyResult<Exit> {
        arr[st.dest] = arr[st.pb];
        st.dest += 1;
        st.pb += 1;
        st.nb -= 1;
        if st.nb == 0 {
            return Ok(Exit::Done);
        }
        if st.na == 1 {
            return Ok(Exit::CopyOne);
        }
        let mut min_gallop = self.min_gallop;
        loop {
            let mut acount = 0;
            let mut bcount = 0;
            // Straightforward merging until one run wins consistently.
            loop {
                if self.lt(arr[st.pb], tmp[st.pa])? {
                    arr[st.dest] = arr[st.pb];
                    st.dest += 1;
                    st.pb += 1;
                    bcount += 1;
                    acount = 0;
                    st.nb -= 1;
                    if st.nb == 0 {
                        return Ok(Exit::Done);
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                } else {
                    arr[st.dest] = tmp[st.pa];
                    st.dest += 1;
                    st.pa += 1;
                    acount += 1;
                    bcount = 0;
                    st.na -= 1;
                    if st.na == 1 {
                        return Ok(Exit::CopyOne);
                    }
                    if acount >= min_gallop {
                        break;
                    }
                }
            }
            // Galloping mode.
            min_gallop += 1;
            loop {
                min_gallop -= (min_gallop > 1) as usize;
                self.min_gallop = min_gallop;
                let k = self.gallop_right(arr[st.pb], &tmp[st.pa..st.pa + st.na], 0)?;
                acount = k;
                if k > 0 {
                    arr[st.dest..st.dest + k].copy_from_slice(&tmp[st.pa..st.pa + k]);
                    st.dest += k;
                    st.pa += k;
                    st.na -= k;
                    if st.na == 1 {
                        return Ok(Exit::CopyOne);
                    }
                    if st.na == 0 {
                        return Ok(Exit::Done);
                    }
                }
                arr[st.dest] = arr[st.pb];
                st.dest += 1;
                st.pb += 1;
                st.nb -= 1;
                if st.nb == 0 {
                    return Ok(Exit::Done);
                }
                let k = self.gallop_left(tmp[st.pa], &arr[st.pb..st.pb + st.nb], 0)?;
                bcount = k;
                if k > 0 {
                    arr.copy_within(st.pb..st.pb + k, st.dest);
                    st.dest += k;
                    st.pb += k;
                    st.nb -= k;
                    if st.nb == 0 {
                        return Ok(Exit::Done);
                    }
                }
                arr[st.dest] = tmp[st.pa];
                st.dest += 1;
                st.pa += 1;
                st.na -= 1;
                if st.na == 1 {
                    return Ok(Exit::CopyOne);
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            self.min_gallop = min_gallop;
        }
    }

    /// `merge_hi`: merge `a` and `b` (copied out, the shorter), right to left.
    fn merge_hi(
        &mut self,
        arr: &mut [T],
        sa: usize,
        na: usize,
        sb: usize,
        nb: usize,
    ) -> PyResult<()> {
        let tmp = arr[sb..sb + nb].to_vec();
        let mut st = HiState {
            dest: (sb + nb - 1) as isize,
            pa: (sa + na - 1) as isize,
            pb: (nb - 1) as isize,
            na,
            nb,
        };
        let r = self.merge_hi_loop(arr, &tmp, sa, &mut st);
        if let Ok(Exit::CopyOne) = r {
            // The first element of b belongs at the front of the merge.
            let na = st.na as isize;
            let src = (st.pa + 1 - na) as usize;
            let dst = (st.dest + 1 - na) as usize;
            arr.copy_within(src..src + st.na, dst);
            st.dest -= na;
            arr[st.dest as usize] = tmp[st.pb as usize];
            return Ok(());
        }
        if st.nb > 0 {
            let d = (st.dest - (st.nb as isize - 1)) as usize;
            arr[d..d + st.nb].copy_from_slice(&tmp[..st.nb]);
        }
        r.map(|_| ())
    }

    fn merge_hi_loop(
        &mut self,
        arr: &mut [T],
        tmp: &[T],
        basea: usize,
        st: &mut HiState,
    ) -> PyResult<Exit> {
        arr[st.dest as usize] = arr[st.pa as usize];
        st.dest -= 1;
        st.pa -= 1;
        st.na -= 1;
        if st.na == 0 {
            return Ok(Exit::Done);
        }
        if st.nb == 1 {
            return Ok(Exit::CopyOne);
        }
        let mut min_gallop = self.min_gallop;
        loop {
            let mut acount = 0;
            let mut bcount = 0;
            loop {
                if self.lt(tmp[st.pb as usize], arr[st.pa as usize])? {
                    arr[st.dest as usize] = arr[st.pa as usize];
                    st.dest -= 1;
                    st.pa -= 1;
                    acount += 1;
                    bcount = 0;
                    st.na -= 1;
                    if st.na == 0 {
                        return Ok(Exit::Done);
                    }
                    if acount >= min_gallop {
                        break;
                    }
                } else {
                    arr[st.dest as usize] = tmp[st.pb as usize];
                    st.dest -= 1;
                    st.pb -= 1;
                    bcount += 1;
                    acount = 0;
                    st.nb -= 1;
                    if st.nb == 1 {
                        return Ok(Exit::CopyOne);
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                }
            }
            min_gallop += 1;
            loop {
                min_gallop -= (min_gallop > 1) as usize;
                self.min_gallop = min_gallop;
                let k =
                    self.gallop_right(tmp[st.pb as usize], &arr[basea..basea + st.na], st.na - 1)?;
                let k = st.na - k;
                acount = k;
                if k > 0 {
                    st.dest -= k as isize;
                    st.pa -= k as isize;
                    let src = (st.pa + 1) as usize;
                    arr.copy_within(src..src + k, (st.dest + 1) as usize);
                    st.na -= k;
                    if st.na == 0 {
                        return Ok(Exit::Done);
                    }
                }
                arr[st.dest as usize] = tmp[st.pb as usize];
                st.dest -= 1;
                st.pb -= 1;
                st.nb -= 1;
                if st.nb == 1 {
                    return Ok(Exit::CopyOne);
                }
                let k = self.gallop_left(arr[st.pa as usize], &tmp[..st.nb], st.nb - 1)?;
                let k = st.nb - k;
                bcount = k;
                if k > 0 {
                    st.dest -= k as isize;
                    st.pb -= k as isize;
                    let d = (st.dest + 1) as usize;
                    let s = (st.pb + 1) as usize;
                    arr[d..d + k].copy_from_slice(&tmp[s..s + k]);
                    st.nb -= k;
                    if st.nb == 1 {
                        return Ok(Exit::CopyOne);
                    }
                    if st.nb == 0 {
                        return Ok(Exit::Done);
                    }
                }
                arr[st.dest as usize] = arr[st.pa as usize];
                st.dest -= 1;
                st.pa -= 1;
                st.na -= 1;
                if st.na == 0 {
                    return Ok(Exit::Done);
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            self.min_gallop = min_gallop;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    fn check(keys: &[Value]) {
        let mut perm: Vec<usize> = (0..keys.len()).collect();
        timsort(&mut perm, |a: usize, b: usize| {
            ops::less_than(&keys[a], &keys[b])
        })
        .ok()
        .expect("comparable");
        let (fast, r) = sort_perm(keys, false);
        assert!(r.is_ok());
        assert_eq!(fast, perm);
        let as_i = |v: &Value| match v {
            Value::Int(i) => *i,
            _ => 0,
        };
        let mut expect: Vec<usize> = (0..keys.len()).collect();
        expect.sort_by_key(|&i| as_i(&keys[i]));
        assert_eq!(perm, expect);
    }

    #[test]
    fn timsort_matches_stable_sort() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for &n in &[0usize, 1, 2, 3, 10, 63, 64, 65, 100, 257, 1000, 5000] {
            for range in [3u64, 50, 1_000_000] {
                let keys: Vec<Value> = (0..n)
                    .map(|_| Value::Int((rng.next() % range) as i64))
                    .collect();
                check(&keys);
                // Partly sorted inputs exercise runs and galloping.
                let mut sorted = keys.clone();
                sorted.sort_by_key(|v| match v {
                    Value::Int(i) => *i,
                    _ => 0,
                });
                let mut mixed = sorted.clone();
                for i in 0..n / 10 {
                    let j = (rng.next() as usize) % n.max(1);
                    mixed.swap(i, j);
                }
                check(&mixed);
                sorted.reverse();
                check(&sorted);
            }
        }
    }

    #[test]
    fn minrun_and_power() {
        assert_eq!(compute_minrun(63), 63);
        assert_eq!(compute_minrun(64), 32);
        assert_eq!(compute_minrun(65), 33);
        assert_eq!(powerloop(0, 32, 32, 64), 1);
    }
}
