//! `obj[key]`, `obj[key] = v`, `del obj[key]` and slicing.

use std::sync::Arc;

use super::error::*;
use super::interp::Vm;
use super::objects::*;
use super::ops::hash_value;
use super::value::Value;

/// Resolved slice: start, step and number of items (CPython's
/// `PySlice_AdjustIndices`).
pub struct SliceRange {
    pub start: i64,
    pub step: i64,
    pub len: usize,
}

impl SliceRange {
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(move |i| (self.start + i as i64 * self.step) as usize)
    }
}

fn slice_part(v: &Value) -> PyResult<Option<i128>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i as i128)),
        Value::Bool(b) => Ok(Some(*b as i128)),
        Value::BigInt(b) => Ok(Some(num_traits::ToPrimitive::to_i128(&**b).unwrap_or(
            if num_traits::Signed::is_negative(&**b) {
                i128::MIN / 4
            } else {
                i128::MAX / 4
            },
        ))),
        _ => Err(type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// CPython's `PySlice_GetIndicesEx` on a length that may exceed i64 (ranges):
/// (start, step, number of items).
fn slice_indices(s: &SliceObj, len: i128) -> PyResult<(i128, i128, i128)> {
    let step = slice_part(&s.step)?.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: Option<i128>, default: i128| -> i128 {
        match v {
            None => default,
            Some(x) if x < 0 => (x + len).max(lower),
            Some(x) => x.min(upper),
        }
    };
    let start = clamp(slice_part(&s.start)?, if step < 0 { upper } else { lower });
    let stop = clamp(slice_part(&s.stop)?, if step < 0 { lower } else { upper });
    let n = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, step, n))
}

/// Resolve `slice` against a sequence of length `len`.
pub fn slice_range(s: &SliceObj, len: usize) -> PyResult<SliceRange> {
    let (start, step, n) = slice_indices(s, len as i128)?;
    Ok(SliceRange {
        start: start as i64,
        step: step.clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        len: n as usize,
    })
}

/// Normalise an index for a sequence of length `len` (negative from the end).
fn seq_index(key: &Value, len: usize, what: &str) -> PyResult<usize> {
    let i = match key {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(index_error(
                "cannot fit 'int' into an index-sized integer".to_string(),
            ));
        }
        other => {
            return Err(type_error(format!(
                "{what} indices must be integers or slices, not {}",
                other.type_name()
            )));
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

fn str_chars(s: &StrObj) -> Vec<char> {
    s.as_str().chars().collect()
}

/// `obj[key]`.
pub fn get_item(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    if let Value::Native(n) = obj
        && let Some(r) = n.get_item(vm, obj, key)
    {
        return r;
    }
    match obj {
        Value::List(l) => {
            if let Value::Slice(s) = key {
                let items = l.items.lock();
                let r = slice_range(s, items.len())?;
                return Ok(Value::list(r.indices().map(|i| items[i].clone()).collect()));
            }
            let items = l.items.lock();
            let i = seq_index(key, items.len(), "list")?;
            Ok(items[i].clone())
        }
        Value::Tuple(t) => {
            if let Value::Slice(s) = key {
                let r = slice_range(s, t.items.len())?;
                return Ok(Value::tuple(
                    r.indices().map(|i| t.items[i].clone()).collect(),
                ));
            }
            let i = seq_index(key, t.items.len(), "tuple")?;
            Ok(t.items[i].clone())
        }
        Value::Str(s) => {
            if let Value::Slice(sl) = key {
                let r = slice_range(sl, s.char_len())?;
                if s.is_ascii() && r.step == 1 {
                    let start = r.start as usize;
                    return Ok(Value::str(&s.as_str()[start..start + r.len]));
                }
                let chars = str_chars(s);
                return Ok(Value::str(
                    r.indices().map(|i| chars[i]).collect::<String>(),
                ));
            }
            let i = match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    seq_index(key, s.char_len(), "string")?
                }
                other => {
                    return Err(type_error(format!(
                        "string indices must be integers, not '{}'",
                        other.type_name()
                    )));
                }
            };
            Ok(Value::str(s.char_at(i).to_string()))
        }
        Value::Bytes(b) => {
            if let Value::Slice(sl) = key {
                let r = slice_range(sl, b.data.len())?;
                let data: Vec<u8> = r.indices().map(|i| b.data[i]).collect();
                return Ok(Value::Bytes(Arc::new(BytesObj { data: data.into() })));
            }
            let i = seq_index(key, b.data.len(), "index")?;
            Ok(Value::Int(b.data[i] as i64))
        }
        Value::Range(r) => {
            let len = r.len();
            if let Value::Slice(sl) = key {
                let (s_start, s_step, n) = slice_indices(sl, len)?;
                let start = r.start + s_start * r.step;
                let step = r.step * s_step;
                let stop = start + n * step;
                return Ok(Value::Range(Arc::new(RangeObj { start, stop, step })));
            }
            let i: i128 = match key {
                Value::Int(i) => *i as i128,
                Value::Bool(b) => *b as i128,
                Value::BigInt(b) => num_traits::ToPrimitive::to_i128(&**b).unwrap_or(i128::MAX),
                other => {
                    return Err(type_error(format!(
                        "range indices must be integers or slices, not {}",
                        other.type_name()
                    )));
                }
            };
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(index_error("range object index out of range"));
            }
            Ok(Value::from_i128(r.get(j)))
        }
        Value::Dict(d) => {
            let h = hash_value(key)?;
            let found = d.table.lock().get(h, key);
            found.ok_or_else(|| key_error(key.clone()))
        }
        Value::Type(t) => Ok(Value::Type(t.clone())),
        other => Err(type_error(format!(
            "'{}' object is not subscriptable",
            other.type_name()
        ))),
    }
}

/// `obj[key] = value`.
pub fn set_item(vm: &mut Vm, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
    if let Value::Native(n) = obj {
        return match n.set_item(vm, obj, key, value) {
            Some(r) => r,
            None => Err(type_error(format!(
                "'{}' object does not support item assignment",
                obj.type_name()
            ))),
        };
    }
    match obj {
        Value::List(l) => {
            if let Value::Slice(s) = key {
                let new_items = vm.collect(&value)?;
                let mut items = l.items.lock();
                let r = slice_range(s, items.len())?;
                if r.step == 1 {
                    let start = r.start.max(0) as usize;
                    let end = start + r.len;
                    items.splice(start..end, new_items);
                } else {
                    if new_items.len() != r.len {
                        return Err(value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new_items.len(),
                            r.len
                        )));
                    }
                    let idx: Vec<usize> = r.indices().collect();
                    for (i, v) in idx.into_iter().zip(new_items) {
                        items[i] = v;
                    }
                }
                return Ok(());
            }
            let mut items = l.items.lock();
            let i = seq_index(key, items.len(), "list").map_err(|e| {
                if is_exc(&e, ExcKind::IndexError) {
                    index_error("list assignment index out of range")
                } else {
                    e
                }
            })?;
            let old = std::mem::replace(&mut items[i], value);
            drop(items);
            drop(old);
            Ok(())
        }
        Value::Dict(d) => {
            let h = hash_value(key)?;
            let old = d.table.lock().insert(h, key.clone(), value);
            drop(old);
            Ok(())
        }
        other => Err(type_error(format!(
            "'{}' object does not support item assignment",
            other.type_name()
        ))),
    }
}

/// `del obj[key]`.
pub fn del_item(obj: &Value, key: &Value) -> PyResult<()> {
    match obj {
        Value::List(l) => {
            let mut items = l.items.lock();
            if let Value::Slice(s) = key {
                let r = slice_range(s, items.len())?;
                let mut drop_idx: Vec<usize> = r.indices().collect();
                drop_idx.sort_unstable();
                let mut k = 0;
                let mut i = 0;
                items.retain(|_| {
                    let keep = !(k < drop_idx.len() && drop_idx[k] == i);
                    if !keep {
                        k += 1;
                    }
                    i += 1;
                    keep
                });
                return Ok(());
            }
            let i = seq_index(key, items.len(), "list").map_err(|e| {
                if is_exc(&e, ExcKind::IndexError) {
                    index_error("list assignment index out of range")
                } else {
                    e
                }
            })?;
            items.remove(i);
            Ok(())
        }
        Value::Dict(d) => {
            let h = hash_value(key)?;
            let removed = d.table.lock().remove(h, key);
            match removed {
                Some(_) => Ok(()),
                None => Err(key_error(key.clone())),
            }
        }
        other => Err(type_error(format!(
            "'{}' object does not support item deletion",
            other.type_name()
        ))),
    }
}

/// `{**m}`: merge a mapping into the dict `target` (see `dict_merge`).
pub fn dict_update_from(vm: &mut Vm, target: &Value, m: &Value) -> PyResult<()> {
    let Value::Dict(d) = target else {
        return Err(internal_error("dict update of a non-dict"));
    };
    if !matches!(m, Value::Dict(_)) {
        return Err(type_error(format!(
            "'{}' object is not a mapping",
            m.type_name()
        )));
    }
    dict_merge(vm, d, m)
}

/// Insert the items of `other` into `d`, as `dict.update(other)` does: a
/// dict's items, else an iterable of key/value pairs.
pub fn dict_merge(vm: &mut Vm, d: &DictObj, other: &Value) -> PyResult<()> {
    if let Value::Dict(o) = other {
        if std::ptr::eq(&**o, d) {
            return Ok(());
        }
        let entries: Vec<(i64, Value, Value)> = o
            .table
            .lock()
            .iter()
            .map(|e| (e.hash, e.key.clone(), e.value.clone()))
            .collect();
        let mut t = d.table.lock();
        for (h, k, value) in entries {
            t.insert(h, k, value);
        }
        return Ok(());
    }
    let seq = super::iter::collect(vm, other)?;
    for (i, item) in seq.iter().enumerate() {
        if super::iter::get_iter(item).is_err() {
            return Err(type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            )));
        }
        let pair = super::iter::collect(vm, item)?;
        if pair.len() != 2 {
            return Err(value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut pair = pair.into_iter();
        let (Some(k), Some(value)) = (pair.next(), pair.next()) else {
            return Err(internal_error("dict update pair"));
        };
        let h = hash_value(&k)?;
        d.table.lock().insert(h, k, value);
    }
    Ok(())
}

/// A range's length as a Rust size (OverflowError beyond it, as CPython).
fn range_len(r: &RangeObj) -> PyResult<usize> {
    usize::try_from(r.len())
        .ok()
        .filter(|n| *n <= i64::MAX as usize)
        .ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t"))
}

/// Python's `len(v)` for the sized builtin types.
pub fn len_of(v: &Value) -> PyResult<usize> {
    if let Value::Native(n) = v
        && let Some(r) = n.len()
    {
        return r;
    }
    Ok(match v {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.len(),
        Value::Tuple(t) => t.items.len(),
        Value::Dict(d) => d.len(),
        Value::Set(s) => s.table.lock().len(),
        Value::Bytes(b) => b.data.len(),
        Value::Range(r) => range_len(r)?,
        Value::DictView(v) => v.dict.len(),
        other => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )));
        }
    })
}
