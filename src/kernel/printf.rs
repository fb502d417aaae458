//! C `printf` formatting for kernels: the format string is split into text
//! and conversions when the kernel is lowered ([`parse`]); each conversion
//! is applied to one register at run time ([`format_one`]). Flags `-+ 0#`,
//! width, precision, length modifiers (ignored) and `d i u x X o f F e E g G
//! c %` are understood, as in C.

use super::types::Ty;

/// A piece of a format string: literal text or one conversion spec.
pub enum Piece {
    Text(String),
    Spec(String),
}

/// Split a format string; `Err` names a bad conversion.
pub fn parse(fmt: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            text.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            text.push('%');
            continue;
        }
        let mut spec = String::from("%");
        loop {
            let Some(&n) = chars.peek() else {
                return Err("incomplete format specifier at the end of the format".into());
            };
            chars.next();
            spec.push(n);
            if n.is_ascii_alphabetic() && !matches!(n, 'l' | 'h' | 'z' | 'j' | 't' | 'L' | 'q') {
                if !matches!(
                    n,
                    'd' | 'i'
                        | 'u'
                        | 'x'
                        | 'X'
                        | 'o'
                        | 'f'
                        | 'F'
                        | 'e'
                        | 'E'
                        | 'g'
                        | 'G'
                        | 'c'
                        | 's'
                ) {
                    return Err(format!("unsupported printf conversion '{spec}'"));
                }
                break;
            }
        }
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut text)));
        }
        out.push(Piece::Spec(spec));
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}

struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    alt: bool,
    width: usize,
    prec: Option<usize>,
    conv: char,
}

fn parse_spec(s: &str) -> Spec {
    let mut sp = Spec {
        left: false,
        plus: false,
        space: false,
        zero: false,
        alt: false,
        width: 0,
        prec: None,
        conv: s.chars().last().unwrap_or('d'),
    };
    let body: Vec<char> = s.chars().skip(1).collect();
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            '-' => sp.left = true,
            '+' => sp.plus = true,
            ' ' => sp.space = true,
            '0' => sp.zero = true,
            '#' => sp.alt = true,
            _ => break,
        }
        i += 1;
    }
    while i < body.len() && body[i].is_ascii_digit() {
        sp.width = (sp.width * 10 + body[i] as usize - '0' as usize).min(1000);
        i += 1;
    }
    if i < body.len() && body[i] == '.' {
        i += 1;
        let mut p = 0usize;
        while i < body.len() && body[i].is_ascii_digit() {
            p = (p * 10 + body[i] as usize - '0' as usize).min(1000);
            i += 1;
        }
        sp.prec = Some(p);
    }
    sp
}

/// C's `%e` exponent form: at least two exponent digits, with a sign.
fn c_exp(v: f64, prec: usize, upper: bool) -> String {
    let s = format!("{v:.prec$e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    let r = format!("{mant}e{sign}{:02}", e.abs());
    if upper { r.to_uppercase() } else { r }
}

fn strip_zeros(s: String) -> String {
    if !s.contains('.') {
        return s;
    }
    let (m, e) = match s.find(['e', 'E']) {
        Some(p) => (s[..p].to_string(), s[p..].to_string()),
        None => (s.clone(), String::new()),
    };
    let m = m.trim_end_matches('0').trim_end_matches('.').to_string();
    m + &e
}

fn c_general(v: f64, prec: usize, alt: bool, upper: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if v == 0.0 {
        let s = format!("{:.*}", p - 1, v);
        return if alt { s } else { strip_zeros(s) };
    }
    let x = c_exp(v, p - 1, false);
    let exp: i32 = x
        .rsplit_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let s = if exp < -4 || exp >= p as i32 {
        c_exp(v, p - 1, upper)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v)
    };
    if alt { s } else { strip_zeros(s) }
}

/// Apply conversion `spec` to a register of type `ty`.
pub fn format_one(spec: &str, ty: Ty, bits: u64) -> String {
    let sp = parse_spec(spec);
    let fval = match ty {
        Ty::Float => f64::from_bits(bits),
        _ => bits as i64 as f64,
    };
    let ival = match ty {
        Ty::Float => f64::from_bits(bits) as i64,
        _ => bits as i64,
    };
    let (neg, body) = match sp.conv {
        'd' | 'i' | 'u' => {
            let mut b = ival.unsigned_abs().to_string();
            if let Some(p) = sp.prec {
                while b.len() < p {
                    b.insert(0, '0');
                }
            }
            (ival < 0, b)
        }
        'x' => (false, format!("{:x}", ival)),
        'X' => (false, format!("{:X}", ival)),
        'o' => (false, format!("{:o}", ival)),
        'c' => (
            false,
            char::from_u32(ival as u32).map_or(String::new(), |c| c.to_string()),
        ),
        'f' | 'F' => {
            let p = sp.prec.unwrap_or(6);
            if fval.is_finite() {
                (fval.is_sign_negative(), format!("{:.p$}", fval.abs()))
            } else {
                (fval < 0.0, nonfinite(fval, sp.conv == 'F'))
            }
        }
        'e' | 'E' => {
            let p = sp.prec.unwrap_or(6);
            if fval.is_finite() {
                (
                    fval.is_sign_negative(),
                    c_exp(fval.abs(), p, sp.conv == 'E'),
                )
            } else {
                (fval < 0.0, nonfinite(fval, sp.conv == 'E'))
            }
        }
        'g' | 'G' => {
            let p = sp.prec.unwrap_or(6);
            if fval.is_finite() {
                (
                    fval.is_sign_negative(),
                    c_general(fval.abs(), p, sp.alt, sp.conv == 'G'),
                )
            } else {
                (fval < 0.0, nonfinite(fval, sp.conv == 'G'))
            }
        }
        _ => (false, String::new()),
    };
    let sign = if neg {
        "-"
    } else if sp.plus && !matches!(sp.conv, 'x' | 'X' | 'o' | 'c' | 'u') {
        "+"
    } else if sp.space && !matches!(sp.conv, 'x' | 'X' | 'o' | 'c' | 'u') {
        " "
    } else {
        ""
    };
    let len = sign.len() + body.len();
    if len >= sp.width {
        return format!("{sign}{body}");
    }
    let pad = sp.width - len;
    if sp.left {
        format!("{sign}{body}{}", " ".repeat(pad))
    } else if sp.zero && sp.prec.is_none_or(|_| !matches!(sp.conv, 'd' | 'i' | 'u')) {
        format!("{sign}{}{body}", "0".repeat(pad))
    } else {
        format!("{}{sign}{body}", " ".repeat(pad))
    }
}

fn nonfinite(v: f64, upper: bool) -> String {
    let s = if v.is_nan() { "nan" } else { "inf" };
    if upper { s.to_uppercase() } else { s.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(spec: &str, v: f64) -> String {
        format_one(spec, Ty::Float, v.to_bits())
    }

    #[test]
    fn c_formats() {
        assert_eq!(format_one("%d", Ty::Int, 42), "42");
        assert_eq!(format_one("%5d", Ty::Int, 42), "   42");
        assert_eq!(format_one("%-5d", Ty::Int, 42), "42   ");
        assert_eq!(format_one("%05d", Ty::Int, (-42i64) as u64), "-0042");
        assert_eq!(f("%f", 1.5), "1.500000");
        assert_eq!(f("%.2f", -1.23456), "-1.23");
        assert_eq!(f("%e", 12345.678), "1.234568e+04");
        assert_eq!(f("%g", 0.0001), "0.0001");
        assert_eq!(f("%g", 1e-5), "1e-05");
        assert_eq!(f("%g", 123456789.0), "1.23457e+08");
        assert_eq!(f("%g", 100.0), "100");
        assert_eq!(format_one("%x", Ty::Int, 255), "ff");
    }
}
