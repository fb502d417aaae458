//! The `random` module: CPython 3.11's module-level functions, drawing from
//! the interpreter's shared generator (`vm.interp.random`, a bit-exact port
//! of CPython's Mersenne Twister in `random_mt`).
//!
//! The same seed gives the same numbers as CPython. Argument handling
//! follows `Lib/random.py`: where CPython's result comes from Python
//! arithmetic on the arguments (`uniform`, `gauss`, `expovariate`, …) the
//! same operators are applied here, so int arguments, results and error
//! messages match. The generator's lock is never held while other objects
//! are locked or user code runs: sequences are snapshotted first.

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::random_mt::{RandomError, RandomErrorKind};
use crate::syntax::ops::BinOp;
use crate::vm::prelude::*;

fn rerr(e: RandomError) -> PyErr {
    let kind = match e.kind {
        RandomErrorKind::ValueError => ExcKind::ValueError,
        RandomErrorKind::TypeError => ExcKind::TypeError,
        RandomErrorKind::IndexError => ExcKind::IndexError,
        RandomErrorKind::ZeroDivisionError => ExcKind::ZeroDivisionError,
        RandomErrorKind::OverflowError => ExcKind::OverflowError,
    };
    new_exc(kind, e.message)
}

fn arg(slots: &[Option<Value>], i: usize, default: Value) -> Value {
    slots.get(i).cloned().flatten().unwrap_or(default)
}

/// One `random()` draw.
fn draw(vm: &Vm) -> f64 {
    vm.interp.random.lock().random()
}

// ------------------------------------------------------------ sequences

/// `len(seq)` for the builtin containers.
fn seq_len(v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::List(l) => l.len(),
        Value::Tuple(t) => t.items.len(),
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.data.len(),
        Value::Range(r) => r.len().max(0) as usize,
        Value::Dict(d) => d.len(),
        Value::Set(s) => s.table.lock().len(),
        Value::DictView(d) => d.dict.len(),
        other => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )));
        }
    })
}

fn index_error_for(v: &Value) -> PyErr {
    index_error(match v {
        Value::Tuple(_) => "tuple index out of range",
        Value::Str(_) => "string index out of range",
        Value::Range(_) => "range object index out of range",
        Value::Bytes(_) => "index out of range",
        _ => "list index out of range",
    })
}

/// `seq[i]` for `0 <= i`.
fn seq_item(v: &Value, i: usize) -> PyResult<Value> {
    let out = match v {
        Value::List(l) => l.items.lock().get(i).cloned(),
        Value::Tuple(t) => t.items.get(i).cloned(),
        Value::Str(s) => (i < s.char_len()).then(|| Value::str(s.char_at(i).to_string())),
        Value::Bytes(b) => b.data.get(i).map(|&x| Value::Int(x as i64)),
        Value::Range(r) => ((i as i128) < r.len()).then(|| Value::from_i128(r.get(i as i128))),
        Value::Dict(d) => {
            let key = Value::Int(i as i64);
            let h = hash_value(&key)?;
            return d.table.lock().get(h, &key).ok_or_else(|| key_error(key));
        }
        other => {
            return Err(type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            )));
        }
    };
    out.ok_or_else(|| index_error_for(v))
}

fn is_sequence(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_)
    )
}

// ------------------------------------------------------------- seeding

static SEED_SIG: PySig = PySig {
    name: "Random.seed",
    params: &["a", "version"],
    ndefaults: 2,
    kwonly: &[],
    self_count: 1,
};

fn r_seed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = SEED_SIG.bind(args)?;
    let a = arg(&s, 0, Value::None);
    let version = arg(&s, 1, Value::Int(2));
    let v1 = eq(&version, &Value::Int(1))?;
    let mut mt = vm.interp.random.lock();
    match &a {
        Value::None => mt.seed_from_entropy(),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let n = to_bigint(&a).unwrap_or_default();
            mt.seed_int(&n);
        }
        Value::Float(x) => mt.seed_float(x.get()),
        Value::Str(st) => {
            if v1 {
                mt.seed_str_v1(st.as_str());
            } else {
                mt.seed_str(st.as_str());
            }
        }
        Value::Bytes(b) => {
            if v1 {
                mt.seed_bytes_v1(&b.data);
            } else {
                mt.seed_bytes(&b.data);
            }
        }
        _ => {
            return Err(type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ));
        }
    }
    Ok(Value::None)
}

fn r_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("Random.getstate")?;
    let (words, index, gauss_next) = vm.interp.random.lock().getstate();
    let mut items: Vec<Value> = words.iter().map(|&w| Value::Int(w as i64)).collect();
    items.push(Value::Int(index as i64));
    Ok(Value::tuple(vec![
        Value::Int(3),
        Value::tuple(items),
        gauss_next.map_or(Value::None, Value::float),
    ]))
}

static SETSTATE_SIG: PySig = PySig {
    name: "Random.setstate",
    params: &["state"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = SETSTATE_SIG.bind(args)?;
    let state = arg(&s, 0, Value::None);
    let parts = match &state {
        Value::Tuple(t) => t.items.to_vec(),
        Value::List(l) => l.snapshot(),
        other => {
            return Err(type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            )));
        }
    };
    let version = parts
        .first()
        .cloned()
        .ok_or_else(|| index_error("tuple index out of range"))?;
    let v2 = eq(&version, &Value::Int(2))?;
    if !eq(&version, &Value::Int(3))? && !v2 {
        let shown = to_str(vm, &version)?;
        return Err(value_error(format!(
            "state with version {shown} passed to Random.setstate() of version 3"
        )));
    }
    if parts.len() != 3 {
        return Err(value_error(if parts.len() > 3 {
            "too many values to unpack (expected 3)".to_string()
        } else {
            format!(
                "not enough values to unpack (expected 3, got {})",
                parts.len()
            )
        }));
    }
    let Value::Tuple(internal) = &parts[1] else {
        return Err(type_error("state vector must be a tuple"));
    };
    let items = &internal.items;
    if items.len() != 625 {
        return Err(value_error("state vector is the wrong size"));
    }
    let mut words = Vec::with_capacity(624);
    for v in &items[..624] {
        let b = to_bigint(v).ok_or_else(|| {
            type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))
        })?;
        let b = if v2 { b.mod_floor_u32() } else { b };
        let w = b.to_u64().ok_or_else(|| {
            overflow_error(if b.is_negative() {
                "can't convert negative value to unsigned int"
            } else {
                "Python int too large to convert to C unsigned long"
            })
        })?;
        words.push(w as u32);
    }
    let index = to_bigint(&items[624])
        .and_then(|b| b.to_i64())
        .ok_or_else(|| value_error("invalid state"))?;
    let gauss_next = match &parts[2] {
        Value::None => None,
        v => Some(to_float(v)?),
    };
    vm.interp
        .random
        .lock()
        .setstate(&words, index, gauss_next)
        .map_err(rerr)?;
    Ok(Value::None)
}

/// `x % 2**32` for version-2 states.
trait ModU32 {
    fn mod_floor_u32(self) -> BigInt;
}

impl ModU32 for BigInt {
    fn mod_floor_u32(self) -> BigInt {
        let m = BigInt::from(1u64 << 32);
        num_integer::Integer::mod_floor(&self, &m)
    }
}

// ------------------------------------------------------- integer draws

fn r_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_args("Random.random")?;
    Ok(Value::float(draw(vm)))
}

fn r_getrandbits(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let k = args.one("Random.getrandbits")?;
    let k = to_bigint(&k).ok_or_else(|| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            k.type_name()
        ))
    })?;
    if let Some(small) = k.to_u32().filter(|&b| b <= 63) {
        let r = vm.interp.random.lock().getrandbits_u64(small).unwrap_or(0);
        return Ok(Value::Int(r as i64));
    }
    let r = vm
        .interp
        .random
        .lock()
        .getrandbits_checked(&k)
        .map_err(rerr)?;
    Ok(Value::from_bigint(BigInt::from(r)))
}

static RANDBYTES_SIG: PySig = PySig {
    name: "Random.randbytes",
    params: &["n"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_randbytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = RANDBYTES_SIG.bind(args)?;
    let n = arg(&s, 0, Value::None);
    let bits = binary_op(BinOp::Mul, &n, &Value::Int(8))?;
    let k = to_bigint(&bits).ok_or_else(|| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            bits.type_name()
        ))
    })?;
    if k.is_negative() {
        return Err(value_error("number of bits must be non-negative"));
    }
    let Some(n) = (k / 8u32)
        .to_usize()
        .filter(|&n| n <= i32::MAX as usize / 8)
    else {
        return Err(overflow_error("Python int too large to convert to C int"));
    };
    check_alloc(n, 1)?;
    let data = vm.interp.random.lock().randbytes(n);
    Ok(Value::Bytes(Arc::new(BytesObj { data: data.into() })))
}

/// `randrange`'s argument conversion: ints as they are; integral floats
/// accepted (CPython warns they are deprecated); others as `int(x)` fails or
/// `ValueError("non-integer {what} for randrange()")`.
fn randrange_int(v: &Value, what: &str) -> PyResult<BigInt> {
    if let Some(b) = to_bigint(v) {
        return Ok(b);
    }
    let non_integer = || value_error(format!("non-integer {what} for randrange()"));
    match v {
        Value::Float(x) => {
            if x.get().is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if x.get().is_infinite() {
                return Err(overflow_error("cannot convert float infinity to integer"));
            }
            if x.get().fract() != 0.0 {
                return Err(non_integer());
            }
            num_traits::FromPrimitive::from_f64(x.get()).ok_or_else(non_integer)
        }
        Value::Str(s) => {
            let t = s.as_str().trim().replace('_', "");
            match t.parse::<BigInt>() {
                Ok(_) => Err(non_integer()),
                Err(_) => Err(value_error(format!(
                    "invalid literal for int() with base 10: '{}'",
                    s.as_str()
                ))),
            }
        }
        other => Err(type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

fn randrange_values(
    vm: &Vm,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult<Value> {
    let istart = randrange_int(start, "arg 1")?;
    let istop = match stop {
        Some(v) => Some(randrange_int(v, "stop")?),
        None => None,
    };
    let istep = match (stop, step) {
        // randrange(n, None, step): CPython refuses before converting step.
        (None, Some(s)) if !matches!(s, Value::Int(1)) => {
            return Err(type_error("Missing a non-None stop argument"));
        }
        (None, _) => None,
        (Some(_), Some(s)) => Some(randrange_int(s, "step")?),
        (Some(_), None) => None,
    };
    let small = (
        istart.to_i64(),
        istop.as_ref().map(|b| b.to_i64()),
        istep.as_ref().map(|b| b.to_i64()),
    );
    let mut mt = vm.interp.random.lock();
    if let (Some(a), stop_small, step_small) = small {
        let stop_ok = !matches!(stop_small, Some(None));
        let step_ok = !matches!(step_small, Some(None));
        if stop_ok && step_ok {
            let r = mt
                .randrange_i64(a, stop_small.flatten(), step_small.flatten())
                .map_err(rerr)?;
            return Ok(Value::Int(r));
        }
    }
    let r = mt
        .randrange(&istart, istop.as_ref(), istep.as_ref())
        .map_err(rerr)?;
    Ok(Value::from_bigint(r))
}

static RANDRANGE_SIG: PySig = PySig {
    name: "Random.randrange",
    params: &["start", "stop", "step"],
    ndefaults: 2,
    kwonly: &[],
    self_count: 1,
};

fn r_randrange(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = RANDRANGE_SIG.bind(args)?;
    let start = arg(&s, 0, Value::None);
    let stop = s[1].clone().filter(|v| !v.is_none());
    let step = s[2].clone();
    randrange_values(vm, &start, stop.as_ref(), step.as_ref())
}

static RANDINT_SIG: PySig = PySig {
    name: "Random.randint",
    params: &["a", "b"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_randint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = RANDINT_SIG.bind(args)?;
    let a = arg(&s, 0, Value::None);
    let b = arg(&s, 1, Value::None);
    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
        let r = vm.interp.random.lock().randint_i64(*x, *y).map_err(rerr)?;
        return Ok(Value::Int(r));
    }
    let stop = binary_op(BinOp::Add, &b, &Value::Int(1))?;
    randrange_values(vm, &a, Some(&stop), None)
}

// ---------------------------------------------------- sequence functions

static CHOICE_SIG: PySig = PySig {
    name: "Random.choice",
    params: &["seq"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_choice(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = CHOICE_SIG.bind(args)?;
    let seq = arg(&s, 0, Value::None);
    let n = seq_len(&seq)?;
    if n == 0 {
        return Err(rerr(RandomError::empty_choice()));
    }
    let i = vm.interp.random.lock().choice_index(n).unwrap_or(0);
    seq_item(&seq, i)
}

static SHUFFLE_SIG: PySig = PySig {
    name: "Random.shuffle",
    params: &["x"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_shuffle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = SHUFFLE_SIG.bind(args)?;
    let x = arg(&s, 0, Value::None);
    let n = seq_len(&x)?;
    match &x {
        Value::List(l) => {
            let mut items = l.snapshot();
            vm.interp.random.lock().shuffle(&mut items);
            *l.items.lock() = items;
            Ok(Value::None)
        }
        other => {
            if n < 2 {
                return Ok(Value::None);
            }
            // CPython fails at the first swap, after one draw.
            let _ = vm.interp.random.lock().choice_index(n);
            if matches!(other, Value::Set(_)) {
                return Err(type_error("'set' object is not subscriptable"));
            }
            Err(type_error(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            )))
        }
    }
}

/// Validate `k` of `sample` against a population of `n`.
fn sample_k(k: &Value, n: u128) -> PyResult<usize> {
    let too_large = || value_error("Sample larger than population or is negative");
    match k {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let k = to_bigint(k).unwrap_or_default();
            if k.is_negative() || k > BigInt::from(n) {
                return Err(too_large());
            }
            k.to_usize().ok_or_else(too_large)
        }
        Value::Float(f) => {
            if f.get() >= 0.0 && f.get() <= n as f64 {
                Err(type_error(
                    "can't multiply sequence by non-int of type 'float'",
                ))
            } else {
                Err(too_large())
            }
        }
        other => Err(type_error(format!(
            "'<=' not supported between instances of 'int' and '{}'",
            other.type_name()
        ))),
    }
}

static SAMPLE_SIG: PySig = PySig {
    name: "Random.sample",
    params: &["population", "k"],
    ndefaults: 0,
    kwonly: &["counts"],
    self_count: 1,
};

fn r_sample(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = SAMPLE_SIG.bind(args)?;
    let population = arg(&s, 0, Value::None);
    let k = arg(&s, 1, Value::None);
    let counts = s[2].clone().filter(|v| !v.is_none());
    if !is_sequence(&population) {
        return Err(type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = seq_len(&population)?;
    let indices = match counts {
        Some(c) => {
            let cs = collect(vm, &c)?;
            // itertools.accumulate: Python addition, left to right.
            let mut acc: Option<Value> = None;
            let mut ints = Vec::with_capacity(cs.len());
            for v in &cs {
                acc = Some(match &acc {
                    None => v.clone(),
                    Some(a) => binary_op(BinOp::Add, a, v)?,
                });
                ints.push(v);
            }
            if cs.len() != n {
                return Err(value_error(
                    "The number of counts does not match the population",
                ));
            }
            let Some(total) = acc else {
                return Err(index_error("pop from empty list"));
            };
            if !is_int(&total) {
                return Err(type_error("Counts must be integers"));
            }
            let mut small = Vec::with_capacity(cs.len());
            for v in ints {
                small.push(to_bigint(v).and_then(|b| b.to_i64()).ok_or_else(|| {
                    overflow_error("Python int too large to convert to C ssize_t")
                })?);
            }
            let total: i128 = small.iter().map(|&c| c as i128).sum();
            if total <= 0 {
                return Err(value_error("Total of counts must be greater than zero"));
            }
            let k = sample_k(&k, total as u128)?;
            vm.interp
                .random
                .lock()
                .sample_with_counts(n, &small, k)
                .map_err(rerr)?
        }
        None => {
            let k = sample_k(&k, n as u128)?;
            check_alloc(k, 16)?;
            vm.interp.random.lock().sample_indices(n, k).map_err(rerr)?
        }
    };
    let mut out = Vec::with_capacity(indices.len());
    for i in indices {
        out.push(seq_item(&population, i)?);
    }
    Ok(Value::list(out))
}

static CHOICES_SIG: PySig = PySig {
    name: "Random.choices",
    params: &["population", "weights"],
    ndefaults: 1,
    kwonly: &["cum_weights", "k"],
    self_count: 1,
};

fn r_choices(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = CHOICES_SIG.bind(args)?;
    let population = arg(&s, 0, Value::None);
    let weights = s[1].clone().filter(|v| !v.is_none());
    let cum_weights = s[2].clone().filter(|v| !v.is_none());
    let kv = arg(&s, 3, Value::Int(1));
    let n = seq_len(&population)?;
    let k_of = |kv: &Value| -> PyResult<usize> {
        match kv {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                let k = to_bigint(kv).unwrap_or_default();
                if k.is_negative() {
                    return Ok(0);
                }
                let k = k.to_usize().unwrap_or(usize::MAX);
                check_alloc(k, 16)?;
                Ok(k)
            }
            other => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        }
    };
    let indices = match (weights, cum_weights) {
        (None, None) => {
            let k = k_of(&kv)?;
            let r = vm.interp.random.lock().choices_indices(n, k);
            r.map_err(|_| index_error_for(&population))?
        }
        (Some(_), Some(_)) => {
            return Err(type_error(
                "Cannot specify both weights and cumulative weights",
            ));
        }
        (w, c) => {
            let cum: Vec<Value> = if let Some(w) = w {
                let ws = match collect(vm, &w) {
                    Ok(ws) => ws,
                    Err(e) => {
                        if is_int(&w) && is_exc(&e, ExcKind::TypeError) {
                            let shown = to_str(vm, &w)?;
                            return Err(type_error(format!(
                                "The number of choices must be a keyword argument: k={shown}"
                            )));
                        }
                        return Err(e);
                    }
                };
                let mut cum = Vec::with_capacity(ws.len());
                for v in ws {
                    let next = match cum.last() {
                        None => v,
                        Some(prev) => binary_op(BinOp::Add, prev, &v)?,
                    };
                    cum.push(next);
                }
                cum
            } else {
                collect(vm, &c.unwrap_or(Value::None))?
            };
            if cum.len() != n {
                return Err(value_error(
                    "The number of weights does not match the population",
                ));
            }
            let Some(last) = cum.last() else {
                return Err(index_error("list index out of range"));
            };
            // `total = cum_weights[-1] + 0.0` raises first for non-numbers.
            binary_op(BinOp::Add, last, &Value::float(0.0))?;
            let mut fs = Vec::with_capacity(cum.len());
            for v in &cum {
                fs.push(to_float(v)?);
            }
            let k = k_of(&kv)?;
            vm.interp
                .random
                .lock()
                .choices_cum_weights(n, &fs, k)
                .map_err(rerr)?
        }
    };
    let mut out = Vec::with_capacity(indices.len());
    for i in indices {
        out.push(seq_item(&population, i)?);
    }
    Ok(Value::list(out))
}

// ---------------------------------------------------- real distributions

static UNIFORM_SIG: PySig = PySig {
    name: "Random.uniform",
    params: &["a", "b"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_uniform(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = UNIFORM_SIG.bind(args)?;
    let a = arg(&s, 0, Value::None);
    let b = arg(&s, 1, Value::None);
    // a + (b - a) * self.random()
    let width = binary_op(BinOp::Sub, &b, &a)?;
    let r = Value::float(draw(vm));
    let scaled = binary_op(BinOp::Mul, &width, &r)?;
    binary_op(BinOp::Add, &a, &scaled)
}

static TRIANGULAR_SIG: PySig = PySig {
    name: "Random.triangular",
    params: &["low", "high", "mode"],
    ndefaults: 3,
    kwonly: &[],
    self_count: 1,
};

fn r_triangular(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = TRIANGULAR_SIG.bind(args)?;
    let low_v = arg(&s, 0, Value::float(0.0));
    let low = to_float(&low_v)?;
    let high = to_float(&arg(&s, 1, Value::float(1.0)))?;
    let mode = match s[2].clone().filter(|v| !v.is_none()) {
        Some(m) => Some(to_float(&m)?),
        None => None,
    };
    if mode.is_some() && high - low == 0.0 {
        // CPython catches the ZeroDivisionError and returns `low` itself.
        let _ = draw(vm);
        return Ok(low_v);
    }
    let r = vm
        .interp
        .random
        .lock()
        .triangular(low, high, mode)
        .map_err(rerr)?;
    Ok(Value::float(r))
}

static NORMAL_SIG: PySig = PySig {
    name: "Random.normalvariate",
    params: &["mu", "sigma"],
    ndefaults: 2,
    kwonly: &[],
    self_count: 1,
};

static GAUSS_SIG: PySig = PySig {
    name: "Random.gauss",
    params: &["mu", "sigma"],
    ndefaults: 2,
    kwonly: &[],
    self_count: 1,
};

/// `mu + z * sigma` with Python's operators.
fn scale_normal(z: f64, mu: &Value, sigma: &Value) -> PyResult<Value> {
    let t = binary_op(BinOp::Mul, &Value::float(z), sigma)?;
    binary_op(BinOp::Add, mu, &t)
}

fn normal(vm: &Vm, mu: &Value, sigma: &Value) -> PyResult<Value> {
    let z = vm.interp.random.lock().normalvariate(0.0, 1.0);
    scale_normal(z, mu, sigma)
}

fn r_normalvariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = NORMAL_SIG.bind(args)?;
    let mu = arg(&s, 0, Value::float(0.0));
    let sigma = arg(&s, 1, Value::float(1.0));
    normal(vm, &mu, &sigma)
}

fn r_gauss(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = GAUSS_SIG.bind(args)?;
    let mu = arg(&s, 0, Value::float(0.0));
    let sigma = arg(&s, 1, Value::float(1.0));
    let z = vm.interp.random.lock().gauss(0.0, 1.0);
    scale_normal(z, &mu, &sigma)
}

static LOGNORM_SIG: PySig = PySig {
    name: "Random.lognormvariate",
    params: &["mu", "sigma"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_lognormvariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = LOGNORM_SIG.bind(args)?;
    let mu = arg(&s, 0, Value::None);
    let sigma = arg(&s, 1, Value::None);
    let x = to_float(&normal(vm, &mu, &sigma)?)?;
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        return Err(overflow_error("math range error"));
    }
    Ok(Value::float(r))
}

static EXPO_SIG: PySig = PySig {
    name: "Random.expovariate",
    params: &["lambd"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_expovariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = EXPO_SIG.bind(args)?;
    let lambd = arg(&s, 0, Value::None);
    // -_log(1.0 - self.random()) / lambd
    let u = 1.0 - draw(vm);
    let l = -u.ln();
    binary_op(BinOp::Div, &Value::float(l), &lambd)
}

static PARETO_SIG: PySig = PySig {
    name: "Random.paretovariate",
    params: &["alpha"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_paretovariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = PARETO_SIG.bind(args)?;
    let alpha = arg(&s, 0, Value::None);
    // u = 1.0 - self.random(); return u ** (-1.0 / alpha)
    let u = 1.0 - draw(vm);
    let e = binary_op(BinOp::Div, &Value::float(-1.0), &alpha)?;
    binary_op(BinOp::Pow, &Value::float(u), &e)
}

static WEIBULL_SIG: PySig = PySig {
    name: "Random.weibullvariate",
    params: &["alpha", "beta"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_weibullvariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = WEIBULL_SIG.bind(args)?;
    let alpha = arg(&s, 0, Value::None);
    let beta = arg(&s, 1, Value::None);
    // u = 1.0 - self.random(); return alpha * (-_log(u)) ** (1.0 / beta)
    let u = 1.0 - draw(vm);
    let e = binary_op(BinOp::Div, &Value::float(1.0), &beta)?;
    let p = binary_op(BinOp::Pow, &Value::float(-u.ln()), &e)?;
    binary_op(BinOp::Mul, &alpha, &p)
}

static VONMISES_SIG: PySig = PySig {
    name: "Random.vonmisesvariate",
    params: &["mu", "kappa"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_vonmisesvariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = VONMISES_SIG.bind(args)?;
    let mu = to_float(&arg(&s, 0, Value::None))?;
    let kappa = to_float(&arg(&s, 1, Value::None))?;
    if kappa.is_nan() {
        // CPython loops forever here; refuse instead of hanging.
        return Err(value_error("math domain error"));
    }
    let r = vm
        .interp
        .random
        .lock()
        .vonmisesvariate(mu, kappa)
        .map_err(rerr)?;
    Ok(Value::float(r))
}

static GAMMA_SIG: PySig = PySig {
    name: "Random.gammavariate",
    params: &["alpha", "beta"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_gammavariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = GAMMA_SIG.bind(args)?;
    let alpha = to_float(&arg(&s, 0, Value::None))?;
    let beta = to_float(&arg(&s, 1, Value::None))?;
    if alpha.is_nan() {
        // CPython never leaves its rejection loop here; refuse instead.
        return Err(value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    let r = vm
        .interp
        .random
        .lock()
        .gammavariate(alpha, beta)
        .map_err(rerr)?;
    Ok(Value::float(r))
}

static BETA_SIG: PySig = PySig {
    name: "Random.betavariate",
    params: &["alpha", "beta"],
    ndefaults: 0,
    kwonly: &[],
    self_count: 1,
};

fn r_betavariate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = BETA_SIG.bind(args)?;
    let alpha = to_float(&arg(&s, 0, Value::None))?;
    let beta = to_float(&arg(&s, 1, Value::None))?;
    if alpha.is_nan() || beta.is_nan() {
        return Err(value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    let r = vm
        .interp
        .random
        .lock()
        .betavariate(alpha, beta)
        .map_err(rerr)?;
    Ok(Value::float(r))
}

// --------------------------------------------------------------- module

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "seed",
        func: r_seed,
    },
    BuiltinFn {
        name: "random",
        func: r_random,
    },
    BuiltinFn {
        name: "getrandbits",
        func: r_getrandbits,
    },
    BuiltinFn {
        name: "randbytes",
        func: r_randbytes,
    },
    BuiltinFn {
        name: "randrange",
        func: r_randrange,
    },
    BuiltinFn {
        name: "randint",
        func: r_randint,
    },
    BuiltinFn {
        name: "choice",
        func: r_choice,
    },
    BuiltinFn {
        name: "shuffle",
        func: r_shuffle,
    },
    BuiltinFn {
        name: "sample",
        func: r_sample,
    },
    BuiltinFn {
        name: "choices",
        func: r_choices,
    },
    BuiltinFn {
        name: "uniform",
        func: r_uniform,
    },
    BuiltinFn {
        name: "triangular",
        func: r_triangular,
    },
    BuiltinFn {
        name: "normalvariate",
        func: r_normalvariate,
    },
    BuiltinFn {
        name: "gauss",
        func: r_gauss,
    },
    BuiltinFn {
        name: "lognormvariate",
        func: r_lognormvariate,
    },
    BuiltinFn {
        name: "expovariate",
        func: r_expovariate,
    },
    BuiltinFn {
        name: "vonmisesvariate",
        func: r_vonmisesvariate,
    },
    BuiltinFn {
        name: "gammavariate",
        func: r_gammavariate,
    },
    BuiltinFn {
        name: "betavariate",
        func: r_betavariate,
    },
    BuiltinFn {
        name: "paretovariate",
        func: r_paretovariate,
    },
    BuiltinFn {
        name: "weibullvariate",
        func: r_weibullvariate,
    },
    BuiltinFn {
        name: "getstate",
        func: r_getstate,
    },
    BuiltinFn {
        name: "setstate",
        func: r_setstate,
    },
];

/// Build the `random` module.
pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    let (m, _) = super::new_module("random", FUNCS);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Zero;

    #[test]
    fn error_kinds_map_to_python_names() {
        let e = rerr(RandomError::new(RandomErrorKind::IndexError, "x"));
        assert!(is_exc(&e, ExcKind::IndexError));
        assert!(BigInt::zero().mod_floor_u32().is_zero());
    }
}
