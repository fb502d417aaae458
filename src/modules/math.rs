//! The `math` module, following CPython 3.11's `Modules/mathmodule.c`.
//!
//! Results are bit-identical to CPython on Linux: the plain libm functions
//! (`sin`, `exp`, `log`, `pow`, …) are the same glibc routines CPython calls;
//! the functions CPython implements itself (`gamma`, `lgamma`, `fsum`,
//! `hypot`/`dist`, `remainder`, `log` of huge ints, …) are ported line by
//! line; and where Rust's std computes a function itself instead of calling
//! libm (`asinh`, `acosh`, `atanh`) or has none (`erf`, `erfc`, `frexp`,
//! `ldexp`, `nextafter`), glibc's algorithm is ported. Errors follow
//! CPython's `math_1`/`math_2` rules: a NaN from non-NaN input is
//! `ValueError("math domain error")`, an infinity from finite input is
//! `OverflowError("math range error")` (or a domain error at a singularity).

// The polynomial coefficients are copied digit for digit from glibc and
// CPython; keeping their full printed precision documents where they come from.
#![allow(clippy::excessive_precision)]

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};

use crate::vm::prelude::*;

// --------------------------------------------------------------- errors

fn domain() -> PyErr {
    value_error("math domain error")
}

fn range() -> PyErr {
    overflow_error("math range error")
}

// ---------------------------------------------------------- conversions

/// The argument as an int (`operator.index`), for the integer functions.
fn index_big(v: &Value) -> PyResult<BigInt> {
    match to_bigint(v) {
        Some(b) => Ok(b),
        None => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}

/// An integral float as a Python int (`PyLong_FromDouble`).
fn int_from_f64(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    if x.abs() < 9.2e18 {
        return Ok(Value::Int(x as i64));
    }
    match BigInt::from_f64(x) {
        Some(b) => Ok(Value::from_bigint(b)),
        None => Err(overflow_error("cannot convert float infinity to integer")),
    }
}

/// An int result value, normalised to `Value::Int` when it fits.
fn int_value(b: BigInt) -> Value {
    Value::from_bigint(b)
}

fn uint_value(b: BigUint) -> Value {
    Value::from_bigint(BigInt::from(b))
}

// ------------------------------------------------------ math_1 / math_2

/// CPython's `math_1`: wrap a one-argument libm function.
fn math_1(v: &Value, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let x = to_float(v)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Value::float(r))
}

/// CPython's `math_2`: wrap a two-argument libm function.
fn math_2(x: f64, y: f64, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range());
    }
    Ok(Value::float(r))
}

macro_rules! func1 {
    ($($fname:ident => $name:literal, $f:expr, $ov:expr;)*) => {
        $(
            fn $fname(_vm: &mut Vm, args: Args) -> PyResult<Value> {
                let x = args.one(concat!("math.", $name))?;
                math_1(&x, $f, $ov)
            }
        )*
    };
}

func1! {
    m_acos_fn => "acos", f64::acos, false;
    m_acosh_fn => "acosh", acosh, false;
    m_asin_fn => "asin", f64::asin, false;
    m_asinh_fn => "asinh", asinh, false;
    m_atan_fn => "atan", f64::atan, false;
    m_atanh_fn => "atanh", atanh, false;
    m_cbrt_fn => "cbrt", cbrt, false;
    m_cos_fn => "cos", f64::cos, false;
    m_cosh_fn => "cosh", f64::cosh, true;
    m_exp_fn => "exp", f64::exp, true;
    m_exp2_fn => "exp2", f64::exp2, true;
    m_expm1_fn => "expm1", f64::exp_m1, true;
    m_fabs_fn => "fabs", f64::abs, false;
    m_log1p_fn => "log1p", log1p, false;
    m_sin_fn => "sin", f64::sin, false;
    m_sinh_fn => "sinh", f64::sinh, true;
    m_sqrt_fn => "sqrt", f64::sqrt, false;
    m_tan_fn => "tan", f64::tan, false;
    m_tanh_fn => "tanh", f64::tanh, false;
}

/// `_Py_log1p`: keeps the sign of a zero.
fn log1p(x: f64) -> f64 {
    if x == 0.0 { x } else { x.ln_1p() }
}

fn high_word(x: f64) -> i32 {
    (x.to_bits() >> 32) as i32
}

fn low_word(x: f64) -> u32 {
    x.to_bits() as u32
}

const LN2: f64 = std::f64::consts::LN_2;

/// glibc's `__ieee754_acosh` (fdlibm).
fn acosh(x: f64) -> f64 {
    let hx = high_word(x);
    let lx = low_word(x);
    if hx < 0x3ff00000 {
        f64::NAN
    } else if hx >= 0x41b00000 {
        if hx >= 0x7ff00000 {
            x + x
        } else {
            x.ln() + LN2
        }
    } else if ((hx - 0x3ff00000) as u32 | lx) == 0 {
        0.0
    } else if hx > 0x40000000 {
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// glibc's `__asinh` (fdlibm).
fn asinh(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fffffff;
    if ix < 0x3e300000 && 1e300 + x > 1.0 {
        return x;
    }
    let w = if ix > 0x41b00000 {
        if ix >= 0x7ff00000 {
            return x + x;
        }
        x.abs().ln() + LN2
    } else {
        let xa = x.abs();
        if ix > 0x40000000 {
            (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
        } else {
            let t = xa * xa;
            (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
        }
    };
    w.copysign(x)
}

/// glibc's `__ieee754_atanh`.
fn atanh(x: f64) -> f64 {
    let xa = x.abs();
    let t;
    if xa < 0.5 {
        if xa < f64::from_bits(0x3e30000000000000) && 1e300 + x > 0.0 {
            return x;
        }
        let t2 = xa + xa;
        t = 0.5 * (t2 + t2 * xa / (1.0 - xa)).ln_1p();
    } else if xa < 1.0 {
        t = 0.5 * ((xa + xa) / (1.0 - xa)).ln_1p();
    } else {
        if xa > 1.0 {
            return f64::NAN;
        }
        return x / 0.0;
    }
    t.copysign(x)
}

/// glibc's `__cbrt` (Rust's std does not call the system libm for it).
fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = frexp(x.abs());
    let u = 0.354895765043919860
        + ((1.50819193781584896
            + ((-2.11499494167371287
                + ((2.44693122563534430
                    + ((-1.83469277483613086
                        + (0.784932344976639262 - 0.145263899385486377 * xm) * xm)
                        * xm))
                    * xm))
                * xm))
            * xm);
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    ldexp(if x > 0.0 { ym } else { -ym }, xe / 3)
}

// ------------------------------------------------------------ erf, erfc

const ERX: f64 = 8.45062911510467529297e-01;
const EFX: f64 = 1.28379167095512586316e-01;
const PP: [f64; 5] = [
    1.28379167095512558561e-01,
    -3.25042107247001499370e-01,
    -2.84817495755985104766e-02,
    -5.77027029648944159157e-03,
    -2.37630166566501626084e-05,
];
const QQ: [f64; 6] = [
    0.0,
    3.97917223959155352819e-01,
    6.50222499887672944485e-02,
    5.08130628187576562776e-03,
    1.32494738004321644526e-04,
    -3.96022827877536812320e-06,
];
const PA: [f64; 7] = [
    -2.36211856075265944077e-03,
    4.14856118683748331666e-01,
    -3.72207876035701323847e-01,
    3.18346619901161753674e-01,
    -1.10894694282396677476e-01,
    3.54783043256182359371e-02,
    -2.16637559486879084300e-03,
];
const QA: [f64; 7] = [
    0.0,
    1.06420880400844228286e-01,
    5.40397917702171048937e-01,
    7.18286544141962662868e-02,
    1.26171219808761642112e-01,
    1.36370839120290507362e-02,
    1.19844998467991074170e-02,
];
const RA: [f64; 8] = [
    -9.86494403484714822705e-03,
    -6.93858572707181764372e-01,
    -1.05586262253232909814e+01,
    -6.23753324503260060396e+01,
    -1.62396669462573470355e+02,
    -1.84605092906711035994e+02,
    -8.12874355063065934246e+01,
    -9.81432934416914548592e+00,
];
const SA: [f64; 9] = [
    0.0,
    1.96512716674392571292e+01,
    1.37657754143519042600e+02,
    4.34565877475229228821e+02,
    6.45387271733267880336e+02,
    4.29008140027567833386e+02,
    1.08635005541779435134e+02,
    6.57024977031928170135e+00,
    -6.04244152148580987438e-02,
];
const RB: [f64; 7] = [
    -9.86494292470009928597e-03,
    -7.99283237680523006574e-01,
    -1.77579549177547519889e+01,
    -1.60636384855821916062e+02,
    -6.37566443368389627722e+02,
    -1.02509513161107724954e+03,
    -4.83519191608651397019e+02,
];
const SB: [f64; 8] = [
    0.0,
    3.03380607434824582924e+01,
    3.25792512996573918826e+02,
    1.53672958608443695994e+03,
    3.19985821950859553908e+03,
    2.55305040643316442583e+03,
    4.74528541206955367215e+02,
    -2.24409524465858183362e+01,
];
const TINY: f64 = 1e-300;

/// `R(x^2)` on [0, 0.84375] (the pipelined evaluation of glibc).
fn erf_small_ratio(z: f64) -> f64 {
    let r1 = PP[0] + z * PP[1];
    let z2 = z * z;
    let r2 = PP[2] + z * PP[3];
    let z4 = z2 * z2;
    let s1 = 1.0 + z * QQ[1];
    let s2 = QQ[2] + z * QQ[3];
    let s3 = QQ[4] + z * QQ[5];
    let r = r1 + z2 * r2 + z4 * PP[4];
    let s = s1 + z2 * s2 + z4 * s3;
    r / s
}

/// `P/Q` on [0.84375, 1.25].
fn erf_mid(s: f64) -> f64 {
    let p1 = PA[0] + s * PA[1];
    let s2 = s * s;
    let q1 = 1.0 + s * QA[1];
    let s4 = s2 * s2;
    let p2 = PA[2] + s * PA[3];
    let s6 = s4 * s2;
    let q2 = QA[2] + s * QA[3];
    let p3 = PA[4] + s * PA[5];
    let q3 = QA[4] + s * QA[5];
    let p = p1 + s2 * p2 + s4 * p3 + s6 * PA[6];
    let q = q1 + s2 * q2 + s4 * q3 + s6 * QA[6];
    p / q
}

/// `exp(-x*x - 0.5625 + R/S) / x`'s numerator for |x| >= 1.25.
fn erfc_tail(x: f64, ix: i32, ra_limit: i32) -> f64 {
    let s = 1.0 / (x * x);
    let (r, ss);
    if ix < ra_limit {
        let r1 = RA[0] + s * RA[1];
        let s2 = s * s;
        let s1 = 1.0 + s * SA[1];
        let s4 = s2 * s2;
        let r2 = RA[2] + s * RA[3];
        let s6 = s4 * s2;
        let sa2 = SA[2] + s * SA[3];
        let s8 = s4 * s4;
        let r3 = RA[4] + s * RA[5];
        let sa3 = SA[4] + s * SA[5];
        let r4 = RA[6] + s * RA[7];
        let sa4 = SA[6] + s * SA[7];
        r = r1 + s2 * r2 + s4 * r3 + s6 * r4;
        ss = s1 + s2 * sa2 + s4 * sa3 + s6 * sa4 + s8 * SA[8];
    } else {
        let r1 = RB[0] + s * RB[1];
        let s2 = s * s;
        let s1 = 1.0 + s * SB[1];
        let s4 = s2 * s2;
        let r2 = RB[2] + s * RB[3];
        let s6 = s4 * s2;
        let sb2 = SB[2] + s * SB[3];
        let r3 = RB[4] + s * RB[5];
        let sb3 = SB[4] + s * SB[5];
        let sb4 = SB[6] + s * SB[7];
        r = r1 + s2 * r2 + s4 * r3 + s6 * RB[6];
        ss = s1 + s2 * sb2 + s4 * sb3 + s6 * sb4;
    }
    let z = f64::from_bits(x.to_bits() & 0xffff_ffff_0000_0000);
    (-z * z - 0.5625).exp() * ((z - x) * (z + x) + r / ss).exp()
}

/// glibc's `__erf` (fdlibm, pipelined).
fn erf(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fffffff;
    if ix >= 0x7ff00000 {
        let i = ((hx as u32) >> 31) << 1;
        return (1 - i as i32) as f64 + 1.0 / x;
    }
    if ix < 0x3feb0000 {
        if ix < 0x3e300000 {
            if ix < 0x00800000 {
                return 0.0625 * (16.0 * x + (16.0 * EFX) * x);
            }
            return x + EFX * x;
        }
        let y = erf_small_ratio(x * x);
        return x + x * y;
    }
    if ix < 0x3ff40000 {
        let pq = erf_mid(x.abs() - 1.0);
        return if hx >= 0 { ERX + pq } else { -ERX - pq };
    }
    if ix >= 0x40180000 {
        return if hx >= 0 { 1.0 - TINY } else { TINY - 1.0 };
    }
    let ax = x.abs();
    let r = erfc_tail(ax, ix, 0x4006DB6E);
    if hx >= 0 { 1.0 - r / ax } else { r / ax - 1.0 }
}

/// glibc's `__erfc` (fdlibm, pipelined).
fn erfc(x: f64) -> f64 {
    let hx = high_word(x);
    let ix = hx & 0x7fffffff;
    if ix >= 0x7ff00000 {
        return ((((hx as u32) >> 31) << 1) as f64) + 1.0 / x;
    }
    if ix < 0x3feb0000 {
        if ix < 0x3c700000 {
            return 1.0 - x;
        }
        let y = erf_small_ratio(x * x);
        if hx < 0x3fd00000 {
            return 1.0 - (x + x * y);
        }
        let mut r = x * y;
        r += x - 0.5;
        return 0.5 - r;
    }
    if ix < 0x3ff40000 {
        let pq = erf_mid(x.abs() - 1.0);
        return if hx >= 0 {
            let z = 1.0 - ERX;
            z - pq
        } else {
            let z = ERX + pq;
            1.0 + z
        };
    }
    if ix < 0x403c0000 {
        if hx < 0 && ix >= 0x40180000 {
            return 2.0 - TINY;
        }
        let ax = x.abs();
        let r = erfc_tail(ax, ix, 0x4006DB6D);
        return if hx > 0 { r / ax } else { 2.0 - r / ax };
    }
    if hx > 0 { TINY * TINY } else { 2.0 - TINY }
}

fn m_erf_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.erf")?)?;
    Ok(Value::float(erf(x)))
}

fn m_erfc_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.erfc")?)?;
    Ok(Value::float(erfc(x)))
}

// ------------------------------------------------------- gamma, lgamma

const PI: f64 = std::f64::consts::PI;
const LOGPI: f64 = 1.144729885849400174143427351353058711647;
const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// `sin(pi * x)` accurate for integral-ish x (CPython's `m_sinpi`).
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// CPython's `m_tgamma`; errors as its errno settings.
fn tgamma(x: f64) -> PyResult<f64> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(domain());
    }
    if x == 0.0 {
        return Err(domain());
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(domain());
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            return Ok(GAMMA_INTEGRAL[x as usize - 1]);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        if r.is_infinite() {
            return Err(range());
        }
        return Ok(r);
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sinpi(x));
        }
        return Err(range());
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let mut z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if r.is_infinite() {
        return Err(range());
    }
    Ok(r)
}

/// CPython's `m_lgamma`.
fn lgamma(x: f64) -> PyResult<f64> {
    if !x.is_finite() {
        if x.is_nan() {
            return Ok(x);
        }
        return Ok(f64::INFINITY);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(domain());
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOGPI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(range());
    }
    Ok(r)
}

fn m_gamma_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.gamma")?)?;
    Ok(Value::float(tgamma(x)?))
}

fn m_lgamma_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.lgamma")?)?;
    Ok(Value::float(lgamma(x)?))
}

// ------------------------------------------------------------- logs

fn m_log(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            x.ln()
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log2(x: f64) -> f64 {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 { x } else { f64::NAN }
    } else if x > 0.0 {
        x.log2()
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    }
}

fn m_log10(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            x.log10()
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// `_PyLong_Frexp` for a positive int: `(m, e)` with `n ~= m * 2**e`,
/// `0.5 <= m < 1`, `m` correctly rounded to 53 bits.
fn big_frexp(n: &BigInt) -> (f64, i64) {
    let bits = n.bits();
    let mag = n.magnitude();
    let (top, shift) = if bits > 55 {
        let shift = bits - 55;
        let mut top = (mag >> shift).to_u64().unwrap_or(0);
        if mag.trailing_zeros().unwrap_or(0) < shift {
            top |= 1;
        }
        (top, shift)
    } else {
        (mag.to_u64().unwrap_or(0), 0)
    };
    // top < 2**55 (or exact); the conversion rounds once, half to even.
    let topbits = bits - shift;
    let mut m = top as f64 / 2f64.powi(topbits as i32);
    let mut e = bits as i64;
    if m >= 1.0 {
        m *= 0.5;
        e += 1;
    }
    (m, e)
}

/// CPython's `loghelper`: logs of ints of any size.
fn loghelper(v: &Value, func: fn(f64) -> f64) -> PyResult<Value> {
    if let Some(n) = to_bigint(v) {
        if !n.is_positive() {
            return Err(domain());
        }
        return Ok(Value::float(match to_f64(v) {
            Some(Ok(x)) => func(x),
            _ => {
                let (x, e) = big_frexp(&n);
                func(x) + func(2.0) * e as f64
            }
        }));
    }
    math_1(v, func, false)
}

fn m_log_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("log")?;
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(&args.pos[0], m_log)?;
    if args.pos.len() == 1 {
        return Ok(num);
    }
    let den = loghelper(&args.pos[1], m_log)?;
    match (num, den) {
        (Value::Float(a), Value::Float(b)) => {
            let (a, b) = (a.get(), b.get());
            if b == 0.0 {
                Err(zero_division("float division by zero"))
            } else {
                Ok(Value::float(a / b))
            }
        }
        _ => Err(internal_error("log: non-float intermediate")),
    }
}

fn m_log2_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    loghelper(&args.one("math.log2")?, m_log2)
}

fn m_log10_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    loghelper(&args.one("math.log10")?, m_log10)
}

// ------------------------------------------------ two-argument functions

fn two_floats(args: Args, qual: &str) -> PyResult<(f64, f64)> {
    let a = args.clinic(qual, 2, 2)?;
    Ok((to_float(&a[0])?, to_float(&a[1])?))
}

/// CPython's `m_atan2` (special values handled before libm).
fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            if 1f64.copysign(x) == 1.0 {
                return (0.25 * PI).copysign(y);
            }
            return (0.75 * PI).copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        if 1f64.copysign(x) == 1.0 {
            return 0f64.copysign(y);
        }
        return PI.copysign(y);
    }
    y.atan2(x)
}

/// CPython's `m_remainder` (exact IEEE remainder).
fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn m_atan2_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = two_floats(args, "math.atan2")?;
    math_2(y, x, atan2)
}

fn m_copysign_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(args, "math.copysign")?;
    math_2(x, y, f64::copysign)
}

fn m_remainder_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(args, "math.remainder")?;
    math_2(x, y, remainder)
}

fn m_fmod_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(args, "math.fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(Value::float(r))
}

fn m_pow_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(args, "math.pow")?;
    let r;
    if !x.is_finite() || !y.is_finite() {
        r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(Value::float(r));
    }
    r = x.powf(y);
    if r.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() {
        return Err(if x == 0.0 { domain() } else { range() });
    }
    Ok(Value::float(r))
}

/// C's `nextafter`.
fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn m_nextafter_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(args, "math.nextafter")?;
    Ok(Value::float(nextafter(x, y)))
}

fn m_ulp_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.ulp")?)?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::float(x));
    }
    let x2 = nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        let x2 = nextafter(x, f64::NEG_INFINITY);
        return Ok(Value::float(x - x2));
    }
    Ok(Value::float(x2 - x))
}

// -------------------------------------------------- frexp, ldexp, modf

/// C's `frexp` for finite non-zero x.
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let mut bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i32;
    let mut adjust = 0;
    if e == 0 {
        // Subnormal: scale into the normal range first.
        let y = x * f64::from_bits(0x4350000000000000); // 2**54
        bits = y.to_bits();
        e = ((bits >> 52) & 0x7ff) as i32;
        adjust = -54;
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (0x3feu64 << 52));
    (m, e - 1022 + adjust)
}

/// C's `scalbn`/`ldexp` (musl's algorithm: exact, one rounding).
fn ldexp(x: f64, mut n: i32) -> f64 {
    let mut y = x;
    let p1023 = f64::from_bits(0x7fe0000000000000);
    let pm969 = f64::from_bits(0x0360000000000000); // 2**-1022 * 2**53
    if n > 1023 {
        y *= p1023;
        n -= 1023;
        if n > 1023 {
            y *= p1023;
            n -= 1023;
            if n > 1023 {
                n = 1023;
            }
        }
    } else if n < -1022 {
        y *= pm969;
        n += 1022 - 53;
        if n < -1022 {
            y *= pm969;
            n += 1022 - 53;
            if n < -1022 {
                n = -1022;
            }
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

fn m_frexp_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.frexp")?)?;
    let (m, e) = frexp(x);
    Ok(Value::tuple(vec![Value::float(m), Value::Int(e as i64)]))
}

fn m_ldexp_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.clinic("math.ldexp", 2, 2)?;
    let x = to_float(&a[0])?;
    let exp: i64 = match &a[1] {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => {
            if b.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        _ => {
            return Err(type_error("Expected an int as second argument to ldexp."));
        }
    };
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if exp > i32::MAX as i64 {
        return Err(range());
    } else if exp < i32::MIN as i64 {
        0f64.copysign(x)
    } else {
        let r = ldexp(x, exp as i32);
        if r.is_infinite() {
            return Err(range());
        }
        r
    };
    Ok(Value::float(r))
}

fn m_modf_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.modf")?)?;
    let (frac, int) = if x.is_infinite() {
        (0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let t = x.trunc();
        ((x - t).copysign(x), t)
    };
    Ok(Value::tuple(vec![Value::float(frac), Value::float(int)]))
}

// --------------------------------------------------- floor, ceil, trunc

fn int_of_int(v: &Value) -> Option<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Some(v.clone()),
        Value::Bool(b) => Some(Value::Int(*b as i64)),
        _ => None,
    }
}

fn m_floor_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("math.floor")?;
    if let Some(i) = int_of_int(&v) {
        return Ok(i);
    }
    int_from_f64(to_float(&v)?.floor())
}

fn m_ceil_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("math.ceil")?;
    if let Some(i) = int_of_int(&v) {
        return Ok(i);
    }
    int_from_f64(to_float(&v)?.ceil())
}

fn m_trunc_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one("math.trunc")?;
    if let Some(i) = int_of_int(&v) {
        return Ok(i);
    }
    match v {
        Value::Float(x) => int_from_f64(x.get().trunc()),
        other => Err(type_error(format!(
            "type {} doesn't define __trunc__ method",
            other.type_name()
        ))),
    }
}

// ------------------------------------------- degrees, radians, predicates

fn m_degrees_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.degrees")?)?;
    Ok(Value::float(x * (180.0 / PI)))
}

fn m_radians_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.radians")?)?;
    Ok(Value::float(x * (PI / 180.0)))
}

fn m_isfinite_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.isfinite")?)?;
    Ok(Value::bool(x.is_finite()))
}

fn m_isinf_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.isinf")?)?;
    Ok(Value::bool(x.is_infinite()))
}

fn m_isnan_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = to_float(&args.one("math.isnan")?)?;
    Ok(Value::bool(x.is_nan()))
}

fn m_isclose_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args.kwparse("math.isclose", ["a", "b", "rel_tol", "abs_tol"], 2, 2)?;
    let get = |i: usize, d: f64| -> PyResult<f64> {
        match &s[i] {
            Some(v) => to_float(v),
            None => Ok(d),
        }
    };
    let a = get(0, 0.0)?;
    let b = get(1, 0.0)?;
    let rel_tol = get(2, 1e-09)?;
    let abs_tol = get(3, 0.0)?;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

// ------------------------------------------------------- hypot, dist

/// CPython's `vector_norm`: an accurate `sqrt(sum(x*x))`.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    if max_e >= -1023 {
        let scale = ldexp(1.0, -max_e);
        for &v in vec {
            let x = v * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;

            let x = hi * hi;
            let oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;

            let x = 2.0 * hi * lo;
            let oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;

            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();

        let x = h;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;

        let x = -hi * hi;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;

        let x = -2.0 * hi * lo;
        let oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;

        let x = -lo * lo;
        let oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;

        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    for &v in vec {
        let x = v / max;
        let x = x * x;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

fn m_hypot_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("math.hypot")?;
    let mut coords = Vec::with_capacity(args.pos.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for v in args.pos.iter() {
        let x = to_float(v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(Value::float(vector_norm(&coords, max, found_nan)))
}

fn m_dist_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.clinic("math.dist", 2, 2)?;
    let p = collect(vm, &a[0])?;
    let q = collect(vm, &a[1])?;
    if p.len() != q.len() {
        return Err(value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for (pv, qv) in p.iter().zip(q.iter()) {
        let px = to_float(pv)?;
        let qx = to_float(qv)?;
        let x = (px - qx).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(Value::float(vector_norm(&diffs, max, found_nan)))
}

// ------------------------------------------------------------ fsum, prod

fn m_fsum_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let seq = args.one("math.fsum")?;
    let it = get_iter(&seq)?;
    let mut p: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    while let Some(item) = next(vm, &it)? {
        let mut x = to_float(&item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(value_error("-inf + inf in fsum"));
        }
        return Ok(Value::float(special_sum));
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::float(hi))
}

fn m_prod_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args.kwparse("math.prod", ["", "start"], 1, 1)?;
    let iterable = s[0].clone().unwrap_or(Value::None);
    let it = get_iter(&iterable)?;
    let mut result = s[1].clone().unwrap_or(Value::Int(1));
    while let Some(item) = next(vm, &it)? {
        result = binary_op(crate::syntax::ops::BinOp::Mul, &result, &item)?;
    }
    Ok(result)
}

// ------------------------------------------------- integer functions

/// Product of the integers in `[lo, hi)` (binary splitting).
fn range_product(lo: &BigUint, hi: &BigUint) -> BigUint {
    let n = hi - lo;
    match n.to_u64() {
        Some(0) => BigUint::one(),
        Some(c) if c <= 16 => {
            let mut acc = lo.clone();
            let mut x = lo + 1u32;
            while &x < hi {
                acc *= &x;
                x += 1u32;
            }
            acc
        }
        _ => {
            let mid: BigUint = lo + (&n >> 1u32);
            range_product(lo, &mid) * range_product(&mid, hi)
        }
    }
}

/// Product of the u64 integers in `[lo, hi)`, small partial products in u128.
fn range_product_u64(lo: u64, hi: u64) -> BigUint {
    if hi <= lo {
        return BigUint::one();
    }
    if hi - lo <= 8 {
        let mut acc = BigUint::one();
        let mut small: u128 = 1;
        for x in lo..hi {
            match small.checked_mul(x as u128) {
                Some(v) => small = v,
                None => {
                    acc *= BigUint::from(small);
                    small = x as u128;
                }
            }
        }
        return acc * BigUint::from(small);
    }
    let mid = lo + (hi - lo) / 2;
    range_product_u64(lo, mid) * range_product_u64(mid, hi)
}

const LONG_MAX_TEXT: &str = "9223372036854775807";

fn factorial_of(v: &Value) -> PyResult<Value> {
    let n = index_big(v)?;
    if n.is_negative() {
        return Err(value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= i64::MAX as u64) else {
        return Err(overflow_error(format!(
            "factorial() argument should not exceed {LONG_MAX_TEXT}"
        )));
    };
    // Roughly n*log2(n) bits: refuse what cannot be allocated.
    let approx_bits = (n as f64) * (n.max(2) as f64).log2();
    check_alloc((approx_bits / 8.0) as usize, 1)?;
    Ok(uint_value(range_product_u64(1, n + 1)))
}

fn m_factorial_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    factorial_of(&args.one("math.factorial")?)
}

fn nonneg(v: &Value, what: char) -> PyResult<BigInt> {
    let n = index_big(v)?;
    if n.is_negative() {
        return Err(value_error(format!(
            "{what} must be a non-negative integer"
        )));
    }
    Ok(n)
}

/// `n * (n-1) * ... * (n-k+1)` for `k <= n`.
fn falling(n: &BigInt, k: u64) -> PyResult<BigUint> {
    let n = n.magnitude();
    let approx_bits = (k as f64) * (n.bits().max(1) as f64);
    check_alloc((approx_bits / 8.0) as usize, 1)?;
    let lo = n - BigUint::from(k) + 1u32;
    let hi = n + 1u32;
    Ok(match (lo.to_u64(), hi.to_u64()) {
        (Some(l), Some(h)) => range_product_u64(l, h),
        _ => range_product(&lo, &hi),
    })
}

fn m_perm_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.clinic("math.perm", 1, 2)?;
    if a.len() == 1 || a[1].is_none() {
        return factorial_of(&a[0]);
    }
    let n = nonneg(&a[0], 'n')?;
    let k = nonneg(&a[1], 'k')?;
    if n < k {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64().filter(|&k| k <= i64::MAX as u64) else {
        return Err(overflow_error(format!("k must not exceed {LONG_MAX_TEXT}")));
    };
    Ok(uint_value(falling(&n, k)?))
}

fn m_comb_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.clinic("math.comb", 2, 2)?;
    let n = nonneg(&a[0], 'n')?;
    let k = nonneg(&a[1], 'k')?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let nk = &n - &k;
    let k = if nk < k { nk } else { k };
    let Some(k) = k.to_u64().filter(|&k| k <= i64::MAX as u64) else {
        return Err(overflow_error(format!(
            "min(n - k, k) must not exceed {LONG_MAX_TEXT}"
        )));
    };
    let num = falling(&n, k)?;
    let den = range_product_u64(1, k + 1);
    Ok(uint_value(num / den))
}

fn m_gcd_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("math.gcd")?;
    let mut acc = BigInt::zero();
    for v in args.pos.iter() {
        let x = index_big(v)?;
        if !acc.is_one() {
            acc = acc.gcd(&x);
        }
    }
    Ok(int_value(acc))
}

fn m_lcm_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kw("math.lcm")?;
    let mut acc = BigInt::one();
    for v in args.pos.iter() {
        let x = index_big(v)?;
        if acc.is_zero() {
            continue;
        }
        if x.is_zero() {
            acc = BigInt::zero();
            continue;
        }
        let g = acc.gcd(&x);
        acc = (&acc / &g * &x).abs();
    }
    Ok(int_value(acc))
}

fn m_isqrt_fn(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = index_big(&args.one("math.isqrt")?)?;
    if n.sign() == Sign::Minus {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    Ok(uint_value(n.magnitude().sqrt()))
}

// --------------------------------------------------------------- module

static FUNCS: &[BuiltinFn] = &[
    BuiltinFn {
        name: "acos",
        func: m_acos_fn,
    },
    BuiltinFn {
        name: "acosh",
        func: m_acosh_fn,
    },
    BuiltinFn {
        name: "asin",
        func: m_asin_fn,
    },
    BuiltinFn {
        name: "asinh",
        func: m_asinh_fn,
    },
    BuiltinFn {
        name: "atan",
        func: m_atan_fn,
    },
    BuiltinFn {
        name: "atan2",
        func: m_atan2_fn,
    },
    BuiltinFn {
        name: "atanh",
        func: m_atanh_fn,
    },
    BuiltinFn {
        name: "cbrt",
        func: m_cbrt_fn,
    },
    BuiltinFn {
        name: "ceil",
        func: m_ceil_fn,
    },
    BuiltinFn {
        name: "comb",
        func: m_comb_fn,
    },
    BuiltinFn {
        name: "copysign",
        func: m_copysign_fn,
    },
    BuiltinFn {
        name: "cos",
        func: m_cos_fn,
    },
    BuiltinFn {
        name: "cosh",
        func: m_cosh_fn,
    },
    BuiltinFn {
        name: "degrees",
        func: m_degrees_fn,
    },
    BuiltinFn {
        name: "dist",
        func: m_dist_fn,
    },
    BuiltinFn {
        name: "erf",
        func: m_erf_fn,
    },
    BuiltinFn {
        name: "erfc",
        func: m_erfc_fn,
    },
    BuiltinFn {
        name: "exp",
        func: m_exp_fn,
    },
    BuiltinFn {
        name: "exp2",
        func: m_exp2_fn,
    },
    BuiltinFn {
        name: "expm1",
        func: m_expm1_fn,
    },
    BuiltinFn {
        name: "fabs",
        func: m_fabs_fn,
    },
    BuiltinFn {
        name: "factorial",
        func: m_factorial_fn,
    },
    BuiltinFn {
        name: "floor",
        func: m_floor_fn,
    },
    BuiltinFn {
        name: "fmod",
        func: m_fmod_fn,
    },
    BuiltinFn {
        name: "frexp",
        func: m_frexp_fn,
    },
    BuiltinFn {
        name: "fsum",
        func: m_fsum_fn,
    },
    BuiltinFn {
        name: "gamma",
        func: m_gamma_fn,
    },
    BuiltinFn {
        name: "gcd",
        func: m_gcd_fn,
    },
    BuiltinFn {
        name: "hypot",
        func: m_hypot_fn,
    },
    BuiltinFn {
        name: "isclose",
        func: m_isclose_fn,
    },
    BuiltinFn {
        name: "isfinite",
        func: m_isfinite_fn,
    },
    BuiltinFn {
        name: "isinf",
        func: m_isinf_fn,
    },
    BuiltinFn {
        name: "isnan",
        func: m_isnan_fn,
    },
    BuiltinFn {
        name: "isqrt",
        func: m_isqrt_fn,
    },
    BuiltinFn {
        name: "lcm",
        func: m_lcm_fn,
    },
    BuiltinFn {
        name: "ldexp",
        func: m_ldexp_fn,
    },
    BuiltinFn {
        name: "lgamma",
        func: m_lgamma_fn,
    },
    BuiltinFn {
        name: "log",
        func: m_log_fn,
    },
    BuiltinFn {
        name: "log1p",
        func: m_log1p_fn,
    },
    BuiltinFn {
        name: "log10",
        func: m_log10_fn,
    },
    BuiltinFn {
        name: "log2",
        func: m_log2_fn,
    },
    BuiltinFn {
        name: "modf",
        func: m_modf_fn,
    },
    BuiltinFn {
        name: "pow",
        func: m_pow_fn,
    },
    BuiltinFn {
        name: "radians",
        func: m_radians_fn,
    },
    BuiltinFn {
        name: "remainder",
        func: m_remainder_fn,
    },
    BuiltinFn {
        name: "sin",
        func: m_sin_fn,
    },
    BuiltinFn {
        name: "sinh",
        func: m_sinh_fn,
    },
    BuiltinFn {
        name: "sqrt",
        func: m_sqrt_fn,
    },
    BuiltinFn {
        name: "tan",
        func: m_tan_fn,
    },
    BuiltinFn {
        name: "tanh",
        func: m_tanh_fn,
    },
    BuiltinFn {
        name: "trunc",
        func: m_trunc_fn,
    },
    BuiltinFn {
        name: "prod",
        func: m_prod_fn,
    },
    BuiltinFn {
        name: "perm",
        func: m_perm_fn,
    },
    BuiltinFn {
        name: "nextafter",
        func: m_nextafter_fn,
    },
    BuiltinFn {
        name: "ulp",
        func: m_ulp_fn,
    },
];

/// Build the `math` module.
pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = super::new_module("math", FUNCS);
    d.set_str("pi", Value::float(PI));
    d.set_str("e", Value::float(std::f64::consts::E));
    d.set_str("tau", Value::float(std::f64::consts::TAU));
    d.set_str("inf", Value::float(f64::INFINITY));
    d.set_str("nan", Value::float(f64::NAN));
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_and_ldexp_round_trip() {
        for &x in &[
            1.0,
            -0.75,
            5e-324,
            2.2250738585072014e-308,
            1.7976931348623157e308,
            0.1,
        ] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}");
            assert_eq!(ldexp(m, e), x);
        }
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(3.0, -1075), 1e-323);
        assert!(ldexp(1.0, 1024).is_infinite());
    }

    #[test]
    fn nextafter_steps_one_ulp() {
        assert_eq!(nextafter(1.0, 2.0), 1.0000000000000002);
        assert_eq!(nextafter(0.0, -1.0), -5e-324);
        assert_eq!(nextafter(-5e-324, 1.0), -0.0);
        assert!(nextafter(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn ported_functions_special_values() {
        assert_eq!(erf(0.0), 0.0);
        assert_eq!(erfc(f64::INFINITY), 0.0);
        assert_eq!(cbrt(27.0), 3.0000000000000004); // as glibc (and CPython)
        assert!(acosh(0.5).is_nan());
        assert!(atanh(1.0).is_infinite());
        assert_eq!(asinh(-0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(tgamma(5.0).ok(), Some(24.0));
        assert!(lgamma(0.0).is_err());
        assert_eq!(remainder(7.0, 2.0), -1.0);
    }

    #[test]
    fn huge_int_frexp() {
        let n = BigInt::from(1) << 2000u32;
        assert_eq!(big_frexp(&n), (0.5, 2001));
        let m = (BigInt::from(1) << 2000u32) - 1;
        assert_eq!(big_frexp(&m), (0.5, 2001));
    }
}
