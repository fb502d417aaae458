//! `numpy.random`: NumPy's legacy global `RandomState`, bit for bit.
//!
//! `np.random.seed(s)` seeds MT19937 with `mt19937_seed` (Knuth's
//! `init_genrand`, not CPython's `init_by_array`), `random`/`rand` take
//! two 32-bit outputs per double (`(a >> 5, b >> 6)`, 53 bits), `randint`
//! draws masked rejection samples as `random_bounded_uint64_fill` does with
//! `use_masked=True`, and `randn`/`normal` use the legacy polar Box-Muller
//! with its cached second value. So after the same seed mini prints the
//! same numbers as NumPy. The state is one per process, like NumPy's; the
//! generator itself is the MT19937 core `random` uses too.

use parking_lot::Mutex;

use super::ndarray::{NdArray, int_list};
use crate::array::storage::DType;
use crate::modules::mt19937::Mt19937;
use crate::vm::prelude::*;

/// NumPy's legacy `RandomState`: the generator and the cached second
/// value of the polar Box-Muller.
struct Mt {
    mt: Mt19937,
    has_gauss: bool,
    gauss: f64,
}

impl Mt {
    fn seeded(s: u32) -> Mt {
        Mt {
            mt: Mt19937::from_seed(s),
            has_gauss: false,
            gauss: 0.0,
        }
    }

    fn from_entropy() -> Mt {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let mix = t ^ (std::process::id() as u64).rotate_left(32);
        Mt::seeded((mix ^ (mix >> 32)) as u32)
    }

    fn next64(&mut self) -> u64 {
        let hi = self.mt.next_u32() as u64;
        (hi << 32) | self.mt.next_u32() as u64
    }

    fn gauss(&mut self) -> f64 {
        if self.has_gauss {
            self.has_gauss = false;
            let g = self.gauss;
            self.gauss = 0.0;
            return g;
        }
        loop {
            let x1 = 2.0 * self.mt.next_f64() - 1.0;
            let x2 = 2.0 * self.mt.next_f64() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.gauss = f * x1;
                self.has_gauss = true;
                return f * x2;
            }
        }
    }

    /// A uniform integer in `off ..= off + rng` (NumPy's masked method).
    fn bounded(&mut self, off: i64, rng: u64) -> i64 {
        let mut mask = rng;
        for s in [1, 2, 4, 8, 16, 32] {
            mask |= mask >> s;
        }
        let v = if rng == 0 {
            0
        } else if rng <= 0xFFFF_FFFF {
            if rng == 0xFFFF_FFFF {
                self.mt.next_u32() as u64
            } else {
                loop {
                    let v = (self.mt.next_u32() as u64) & mask;
                    if v <= rng {
                        break v;
                    }
                }
            }
        } else if rng == u64::MAX {
            self.next64()
        } else {
            loop {
                let v = self.next64() & mask;
                if v <= rng {
                    break v;
                }
            }
        };
        off.wrapping_add(v as i64)
    }
}

static STATE: Mutex<Option<Mt>> = Mutex::new(None);

fn with_rng<R>(f: impl FnOnce(&mut Mt) -> R) -> R {
    let mut st = STATE.lock();
    f(st.get_or_insert_with(Mt::from_entropy))
}

/// `size=None|int|tuple` → None (a scalar) or the shape.
fn parse_size(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Vec<usize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => dims(&int_list(vm, v)?).map(Some),
    }
}

fn dims(d: &[i64]) -> PyResult<Vec<usize>> {
    if d.len() > 2 {
        return Err(value_error("mini's numpy supports 1-D and 2-D arrays only"));
    }
    if d.is_empty() {
        return Err(value_error("mini's numpy has no 0-d arrays"));
    }
    d.iter()
        .map(|&x| {
            usize::try_from(x).map_err(|_| value_error("negative dimensions are not allowed"))
        })
        .collect()
}

/// A scalar or an array of `shape` filled by `draw` (float64 words).
fn fill(
    shape: Option<Vec<usize>>,
    dtype: DType,
    mut draw: impl FnMut(&mut Mt) -> u64,
) -> PyResult<Value> {
    match shape {
        None => {
            let w = with_rng(|m| draw(m));
            Ok(crate::array::storage::Scalar::from_bits(dtype, w).to_value())
        }
        Some(shape) => {
            let n: usize = shape.iter().product();
            check_alloc(n, 8)?;
            let words = with_rng(|m| (0..n).map(|_| draw(m)).collect());
            Ok(NdArray::from_words(dtype, &shape, words).into_value())
        }
    }
}

fn varargs_dims(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Option<Vec<usize>>> {
    args.no_kw(name)?;
    if args.pos.is_empty() {
        return Ok(None);
    }
    let mut d = Vec::new();
    for v in &args.pos {
        d.extend(int_list(vm, v)?);
    }
    dims(&d).map(Some)
}

fn r_seed(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = PySig {
        name: "seed",
        params: &["seed"],
        ndefaults: 1,
        kwonly: &[],
        self_count: 0,
    }
    .bind(args)?;
    let mt = match slots[0].as_ref() {
        None | Some(Value::None) => Mt::from_entropy(),
        Some(Value::Int(i)) if (0..=0xFFFF_FFFF).contains(i) => Mt::seeded(*i as u32),
        Some(Value::Int(_) | Value::BigInt(_)) => {
            return Err(value_error("Seed must be between 0 and 2**32 - 1"));
        }
        Some(other) => {
            return Err(type_error(format!(
                "mini's numpy.random.seed takes an int or None, not '{}'",
                other.type_name()
            )));
        }
    };
    *STATE.lock() = Some(mt);
    Ok(Value::None)
}

fn r_rand(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let shape = varargs_dims(vm, &args, "rand")?;
    fill(shape, DType::Float64, |m| m.mt.next_f64().to_bits())
}

fn r_randn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let shape = varargs_dims(vm, &args, "randn")?;
    fill(shape, DType::Float64, |m| m.gauss().to_bits())
}

fn r_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = PySig {
        name: "random",
        params: &["size"],
        ndefaults: 1,
        kwonly: &[],
        self_count: 0,
    }
    .bind(args)?;
    let shape = parse_size(vm, slots[0].as_ref())?;
    fill(shape, DType::Float64, |m| m.mt.next_f64().to_bits())
}

fn float_arg(v: Option<&Value>, default: f64) -> PyResult<f64> {
    match v {
        None => Ok(default),
        Some(v) => to_float(v),
    }
}

fn r_uniform(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = PySig {
        name: "uniform",
        params: &["low", "high", "size"],
        ndefaults: 3,
        kwonly: &[],
        self_count: 0,
    }
    .bind(args)?;
    let low = float_arg(slots[0].as_ref(), 0.0)?;
    let high = float_arg(slots[1].as_ref(), 1.0)?;
    let shape = parse_size(vm, slots[2].as_ref())?;
    let range = high - low;
    fill(shape, DType::Float64, |m| {
        (low + range * m.mt.next_f64()).to_bits()
    })
}

fn r_normal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = PySig {
        name: "normal",
        params: &["loc", "scale", "size"],
        ndefaults: 3,
        kwonly: &[],
        self_count: 0,
    }
    .bind(args)?;
    let loc = float_arg(slots[0].as_ref(), 0.0)?;
    let scale = float_arg(slots[1].as_ref(), 1.0)?;
    if scale < 0.0 {
        return Err(value_error("scale < 0"));
    }
    let shape = parse_size(vm, slots[2].as_ref())?;
    fill(shape, DType::Float64, |m| {
        (loc + scale * m.gauss()).to_bits()
    })
}

fn int_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn r_randint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = PySig {
        name: "randint",
        params: &["low", "high", "size", "dtype"],
        ndefaults: 3,
        kwonly: &[],
        self_count: 0,
    }
    .bind(args)?;
    let first = int_arg(slots[0].as_ref().unwrap_or(&Value::Int(0)))?;
    let (low, high) = match slots[1].as_ref() {
        None | Some(Value::None) => (0, first),
        Some(h) => (first, int_arg(h)?),
    };
    if low >= high {
        return Err(value_error("low >= high"));
    }
    let shape = parse_size(vm, slots[2].as_ref())?;
    let rng = (high as i128 - 1 - low as i128) as u64;
    fill(shape, DType::Int64, |m| m.bounded(low, rng) as u64)
}

const FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "normal",
        func: r_normal,
    },
    BuiltinFn {
        name: "rand",
        func: r_rand,
    },
    BuiltinFn {
        name: "randint",
        func: r_randint,
    },
    BuiltinFn {
        name: "randn",
        func: r_randn,
    },
    BuiltinFn {
        name: "random",
        func: r_random,
    },
    BuiltinFn {
        name: "random_sample",
        func: r_random,
    },
    BuiltinFn {
        name: "seed",
        func: r_seed,
    },
    BuiltinFn {
        name: "uniform",
        func: r_uniform,
    },
];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    Ok(crate::modules::new_module("numpy.random", FUNCS).0)
}
