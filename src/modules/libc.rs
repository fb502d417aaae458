//! `libc`, `libc.stdio` and `libc.math` (`from libc.stdio cimport printf`).
//!
//! In kernels the compiler lowers these to kernel ops (printf is formatted
//! there and written as one line-atomic write); called from bytecode they
//! do the same work with the GIL held.

use super::new_module;
use crate::kernel::printf;
use crate::kernel::types::Ty;
use crate::vm::prelude::*;

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    Ok(new_module("libc", &[]).0)
}

static STDIO: &[BuiltinFn] = &[BuiltinFn {
    name: "printf",
    func: c_printf,
}];

pub fn init_stdio(_vm: &mut Vm) -> PyResult<Value> {
    Ok(new_module("libc.stdio", STDIO).0)
}

/// `printf(fmt, *args)`: C formatting; returns the number of bytes written.
fn c_printf(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut it = args.pos.iter();
    let fmt = match it.next() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(Value::Bytes(b)) => String::from_utf8_lossy(&b.data).into_owned(),
        _ => return Err(type_error("printf() needs a format string")),
    };
    let pieces = printf::parse(&fmt).map_err(value_error)?;
    let mut out = String::new();
    for p in pieces {
        match p {
            printf::Piece::Text(t) => out.push_str(&t),
            printf::Piece::Spec(spec) => {
                let Some(v) = it.next() else {
                    return Err(type_error(format!("printf: no argument for '{spec}'")));
                };
                match v {
                    Value::Str(s) => out.push_str(s.as_str()),
                    Value::Int(i) => out.push_str(&printf::format_one(&spec, Ty::Int, *i as u64)),
                    Value::Bool(b) => out.push_str(&printf::format_one(&spec, Ty::Int, *b as u64)),
                    Value::Float(f) => {
                        out.push_str(&printf::format_one(&spec, Ty::Float, f.get().to_bits()))
                    }
                    other => {
                        return Err(type_error(format!(
                            "printf: cannot format a '{}'",
                            other.type_name()
                        )));
                    }
                }
            }
        }
    }
    print_stdout(&out, false)?;
    Ok(Value::Int(out.len() as i64))
}

macro_rules! math1 {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(
            fn $name(_vm: &mut Vm, args: Args) -> PyResult<Value> {
                let a = args.clinic(stringify!($name), 1, 1)?;
                let x = to_float(&a[0])?;
                let f: fn(f64) -> f64 = $f;
                Ok(Value::float(f(x)))
            }
        )*
        static MATH: &[BuiltinFn] = &[
            $(BuiltinFn { name: stringify!($name), func: $name },)*
            BuiltinFn { name: "pow", func: c_pow },
            BuiltinFn { name: "atan2", func: c_atan2 },
            BuiltinFn { name: "fmod", func: c_fmod },
            BuiltinFn { name: "hypot", func: c_hypot },
        ];
    };
}

math1! {
    sqrt => f64::sqrt,
    exp => f64::exp,
    log => f64::ln,
    log2 => f64::log2,
    log10 => f64::log10,
    sin => f64::sin,
    cos => f64::cos,
    tan => f64::tan,
    asin => f64::asin,
    acos => f64::acos,
    atan => f64::atan,
    sinh => f64::sinh,
    cosh => f64::cosh,
    tanh => f64::tanh,
    floor => f64::floor,
    ceil => f64::ceil,
    trunc => f64::trunc,
    fabs => f64::abs,
}

fn two(args: Args, name: &str) -> PyResult<(f64, f64)> {
    let a = args.clinic(name, 2, 2)?;
    Ok((to_float(&a[0])?, to_float(&a[1])?))
}

fn c_pow(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(args, "pow")?;
    Ok(Value::float(x.powf(y)))
}

fn c_atan2(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(args, "atan2")?;
    Ok(Value::float(x.atan2(y)))
}

fn c_fmod(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(args, "fmod")?;
    Ok(Value::float(x % y))
}

fn c_hypot(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two(args, "hypot")?;
    Ok(Value::float(x.hypot(y)))
}

pub fn init_math(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = new_module("libc.math", MATH);
    d.set_str("M_PI", Value::float(std::f64::consts::PI));
    d.set_str("INFINITY", Value::float(f64::INFINITY));
    d.set_str("NAN", Value::float(f64::NAN));
    Ok(m)
}
