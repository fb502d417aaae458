//! Checking the arguments of native callables — builtins, module functions,
//! methods — with CPython's error messages, in one place.
//!
//! CPython parses arguments in a handful of ways, each with its own wording
//! of the errors, and mini reproduces the wording exactly. Every checker
//! takes the callable's name as CPython prints it in `METH_O` messages,
//! qualified for methods and module functions (`"list.pop"`, `"math.sqrt"`,
//! `"len"`); the conventions that print the bare name print its last part.
//!
//! | C calling convention                 | checker               | too many arguments                                   |
//! |--------------------------------------|-----------------------|------------------------------------------------------|
//! | `METH_NOARGS`                        | [`Args::no_args`]     | `list.clear() takes no arguments (1 given)`          |
//! | `METH_O`                             | [`Args::one`]         | `list.append() takes exactly one argument (2 given)` |
//! | Argument Clinic, positional only     | [`Args::clinic`]      | `pop expected at most 1 argument, got 2`             |
//! | `METH_VARARGS` + `PyArg_ParseTuple`  | [`Args::varargs`]     | `find() takes at most 3 arguments (4 given)`         |
//! | Argument Clinic with keywords        | [`Args::kwparse`]     | `split() takes at most 2 arguments (3 given)`        |
//! | `PyArg_ParseTupleAndKeywords`        | [`Args::bind_params`] | `int() takes at most 2 arguments (3 given)`          |
//! | keyword-only parameters              | [`Args::take_kwonly`] | `'x' is an invalid keyword argument for print()`     |
//! | a function written in Python         | [`PySig::bind`]       | `Random.randint() takes 3 positional arguments but 4 were given` |
//!
//! Those without keyword parameters reject keywords with
//! `f() takes no keyword arguments`; a [`PySig`] carries the name it prints.
//!
//! The callables of hot loops take their positional arguments as a slice
//! (CPython's `METH_FASTCALL`, see `MethodDef::fast`), and check them with
//! the slice forms [`no_pos`], [`one_pos`], [`clinic_count`] and
//! [`varargs_count`], which are inlined with their errors out of line, so
//! the check is a compare and a branch.

use smallvec::SmallVec;

use super::error::{PyErr, PyResult, type_error};
use super::objects::Args;
use super::value::Value;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The bare name of `owner.name`.
fn short(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

impl Args {
    /// `name() takes no keyword arguments` unless there are none.
    pub fn no_kw(&self, name: &str) -> PyResult<()> {
        if self.kw.is_empty() {
            Ok(())
        } else {
            Err(type_error(format!("{name}() takes no keyword arguments")))
        }
    }

    /// `METH_NOARGS`: no arguments at all.
    pub fn no_args(&self, name: &str) -> PyResult<()> {
        self.no_kw(name)?;
        no_pos(name, &self.pos)
    }

    /// `METH_O`: exactly one positional argument, returned.
    pub fn one(self, name: &str) -> PyResult<Value> {
        self.no_kw(name)?;
        one_pos(name, &self.pos)?;
        let mut pos = self.pos;
        Ok(pos.pop().unwrap_or(Value::None))
    }

    /// Argument Clinic, positional-only parameters: between `min` and `max`
    /// positional arguments (`pop expected at most 1 argument, got 2`).
    pub fn clinic(self, name: &str, min: usize, max: usize) -> PyResult<SmallVec<[Value; 4]>> {
        self.no_kw(name)?;
        clinic_count(name, self.pos.len(), min, max)?;
        Ok(self.pos)
    }

    /// `METH_VARARGS` parsed by `PyArg_ParseTuple`: between `min` and `max`
    /// positional arguments (`find() takes at least 1 argument (0 given)`).
    pub fn varargs(self, name: &str, min: usize, max: usize) -> PyResult<SmallVec<[Value; 4]>> {
        self.no_kw(name)?;
        varargs_count(name, self.pos.len(), min, max)?;
        Ok(self.pos)
    }

    /// Argument Clinic with keywords (`_PyArg_UnpackKeywords`, whose checks
    /// and their order this follows): parameters `names`, the first
    /// `minpos` required, the first `maxpos` also allowed positionally (the
    /// rest are keyword-only). A leading `""` name is a positional-only
    /// parameter, as in Clinic's keyword tables (`math.prod`:
    /// `["", "start"]`). Returns each parameter's value, if given.
    pub fn kwparse<const N: usize>(
        self,
        name: &str,
        names: [&str; N],
        minpos: usize,
        maxpos: usize,
    ) -> PyResult<[Option<Value>; N]> {
        let fname = short(name);
        let posonly = names.iter().take_while(|n| n.is_empty()).count();
        let nargs = self.pos.len();
        let nkw = self.kw.len();
        if nargs + nkw > N {
            return Err(type_error(format!(
                "{fname}() takes at most {N} {}argument{} ({} given)",
                if nargs == 0 { "keyword " } else { "" },
                plural(N),
                nargs + nkw
            )));
        }
        if nargs > maxpos {
            return Err(type_error(if maxpos == 0 {
                format!("{fname}() takes no positional arguments")
            } else {
                format!(
                    "{fname}() takes {} {maxpos} positional argument{} ({nargs} given)",
                    if minpos < maxpos {
                        "at most"
                    } else {
                        "exactly"
                    },
                    plural(maxpos)
                )
            }));
        }
        let minposonly = posonly.min(minpos);
        if nargs < minposonly {
            return Err(type_error(format!(
                "{fname}() takes {} {minposonly} positional argument{} ({nargs} given)",
                if minposonly < maxpos {
                    "at least"
                } else {
                    "exactly"
                },
                plural(minposonly)
            )));
        }
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        for (slot, v) in out.iter_mut().zip(self.pos) {
            *slot = Some(v);
        }
        let find = |key: &str| {
            self.kw
                .iter()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, v)| v.clone())
        };
        let mut left = nkw;
        for (i, slot) in out.iter_mut().enumerate().skip(nargs.max(posonly)) {
            let key = names[i];
            match if left > 0 { find(key) } else { None } {
                Some(v) => {
                    *slot = Some(v);
                    left -= 1;
                }
                None if i < minpos => {
                    return Err(type_error(format!(
                        "{fname}() missing required argument '{key}' (pos {})",
                        i + 1
                    )));
                }
                None => {}
            }
        }
        if left > 0 {
            for (i, key) in names.iter().enumerate().take(nargs).skip(posonly) {
                if find(key).is_some() {
                    return Err(type_error(format!(
                        "argument for {fname}() given by name ('{key}') and position ({})",
                        i + 1
                    )));
                }
            }
            for (k, _) in &self.kw {
                let key = k.as_str();
                if key.is_empty() || !names.contains(&key) {
                    return Err(type_error(format!(
                        "'{key}' is an invalid keyword argument for {fname}()"
                    )));
                }
            }
        }
        Ok(out)
    }

    /// `PyArg_ParseTupleAndKeywords`: parameters `names`, the first
    /// `posonly` of them positional-only, the first `required` of them
    /// required. Returns each parameter's value, if given.
    pub fn bind_params(
        self,
        name: &str,
        names: &[&str],
        posonly: usize,
        required: usize,
    ) -> PyResult<Vec<Option<Value>>> {
        let fname = short(name);
        let npos = self.pos.len();
        let total = npos + self.kw.len();
        if total > names.len() {
            return Err(type_error(format!(
                "{fname}() takes at most {} argument{} ({total} given)",
                names.len(),
                plural(names.len())
            )));
        }
        let mut out: Vec<Option<Value>> = vec![None; names.len()];
        for (slot, v) in out.iter_mut().zip(self.pos) {
            *slot = Some(v);
        }
        for (k, v) in self.kw {
            let idx = names
                .iter()
                .position(|n| *n == k.as_str())
                .filter(|&i| i >= posonly);
            match idx {
                Some(i) if i < npos => {
                    return Err(type_error(format!(
                        "argument for {fname}() given by name ('{}') and position ({})",
                        k.as_str(),
                        i + 1
                    )));
                }
                Some(i) => out[i] = Some(v),
                None => {
                    if npos < posonly.min(required) {
                        break;
                    }
                    return Err(type_error(format!(
                        "'{}' is an invalid keyword argument for {fname}()",
                        k.as_str()
                    )));
                }
            }
        }
        for (i, slot) in out.iter().enumerate().take(required) {
            if slot.is_none() {
                if i < posonly {
                    return Err(type_error(format!(
                        "{fname}() takes at least {posonly} positional argument{} ({npos} given)",
                        plural(posonly)
                    )));
                }
                return Err(type_error(format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )));
            }
        }
        Ok(out)
    }

    /// Keyword-only parameters: takes the keywords out of `self`, returning
    /// their values in the order of `allowed`; any other keyword is
    /// `'x' is an invalid keyword argument for f()`. The positional
    /// arguments stay, for the caller to check.
    pub fn take_kwonly(&mut self, name: &str, allowed: &[&str]) -> PyResult<Vec<Option<Value>>> {
        let mut out: Vec<Option<Value>> = vec![None; allowed.len()];
        for (k, v) in std::mem::take(&mut self.kw) {
            match allowed.iter().position(|a| *a == k.as_str()) {
                Some(i) => out[i] = Some(v),
                None => {
                    return Err(type_error(format!(
                        "'{}' is an invalid keyword argument for {}()",
                        k.as_str(),
                        short(name)
                    )));
                }
            }
        }
        Ok(out)
    }
}

/// `METH_NOARGS`, for a fast callable's positional arguments.
#[inline(always)]
pub fn no_pos(name: &str, pos: &[Value]) -> PyResult<()> {
    if pos.is_empty() {
        Ok(())
    } else {
        Err(takes_no_arguments(name, pos.len()))
    }
}

#[cold]
#[inline(never)]
fn takes_no_arguments(name: &str, n: usize) -> PyErr {
    type_error(format!("{name}() takes no arguments ({n} given)"))
}

/// `METH_O`, for a fast callable's positional arguments.
#[inline(always)]
pub fn one_pos<'a>(name: &str, pos: &'a [Value]) -> PyResult<&'a Value> {
    match pos {
        [x] => Ok(x),
        _ => Err(takes_one_argument(name, pos.len())),
    }
}

#[cold]
#[inline(never)]
fn takes_one_argument(name: &str, n: usize) -> PyErr {
    type_error(format!("{name}() takes exactly one argument ({n} given)"))
}

/// The count check of [`Args::clinic`], for `n` positional arguments
/// (`_PyArg_CheckPositional`: `atan2 expected 2 arguments, got 1`).
#[inline(always)]
pub fn clinic_count(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min || n > max {
        return Err(clinic_count_error(name, n, min, max));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn clinic_count_error(name: &str, n: usize, min: usize, max: usize) -> PyErr {
    let name = short(name);
    let msg = if min == max {
        format!("{name} expected {min} argument{}, got {n}", plural(min))
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        )
    };
    type_error(msg)
}

/// The count check of [`Args::varargs`], for `n` positional arguments.
#[inline(always)]
pub fn varargs_count(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min || n > max {
        return Err(varargs_count_error(name, n, min, max));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn varargs_count_error(name: &str, n: usize, min: usize, max: usize) -> PyErr {
    let (how, k) = if min == max {
        ("exactly", min)
    } else if n < min {
        ("at least", min)
    } else {
        ("at most", max)
    };
    type_error(format!(
        "{}() takes {how} {k} argument{} ({n} given)",
        short(name),
        plural(k)
    ))
}

/// The signature of a function written in Python in CPython (the `random`
/// methods): positional-or-keyword parameters (the last `ndefaults` of them
/// optional), then keyword-only ones (all optional).
pub struct PySig {
    /// As CPython prints it: `Random.randint`.
    pub name: &'static str,
    pub params: &'static [&'static str],
    pub ndefaults: usize,
    pub kwonly: &'static [&'static str],
    /// 1 for methods: CPython counts `self` in "takes N positional arguments".
    pub self_count: usize,
}

fn quote_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

impl PySig {
    /// A function's signature without keyword-only parameters.
    pub const fn function(
        name: &'static str,
        params: &'static [&'static str],
        ndefaults: usize,
    ) -> PySig {
        PySig {
            name,
            params,
            ndefaults,
            kwonly: &[],
            self_count: 0,
        }
    }

    /// The same for a method (`self` counts in CPython's messages).
    pub const fn method(
        name: &'static str,
        params: &'static [&'static str],
        ndefaults: usize,
    ) -> PySig {
        PySig {
            self_count: 1,
            ..PySig::function(name, params, ndefaults)
        }
    }

    /// Bind `args`: one slot per parameter (then per keyword-only
    /// parameter), `None` where the default applies.
    pub fn bind(&self, args: Args) -> PyResult<Vec<Option<Value>>> {
        let np = self.params.len();
        let mut slots: Vec<Option<Value>> = vec![None; np + self.kwonly.len()];
        let given = args.pos.len();
        if given > np {
            let min = np - self.ndefaults + self.self_count;
            let max = np + self.self_count;
            let takes = if min == max {
                format!("{max} positional argument{}", plural(max))
            } else {
                format!("from {min} to {max} positional arguments")
            };
            let g = given + self.self_count;
            let was = if g == 1 { "was" } else { "were" };
            return Err(type_error(format!(
                "{}() takes {takes} but {g} {was} given",
                self.name
            )));
        }
        for (i, v) in args.pos.into_iter().enumerate() {
            slots[i] = Some(v);
        }
        for (k, v) in args.kw {
            let key = k.as_str();
            let idx = self
                .params
                .iter()
                .position(|p| *p == key)
                .or_else(|| self.kwonly.iter().position(|p| *p == key).map(|i| i + np));
            match idx {
                Some(i) if slots[i].is_some() => {
                    return Err(type_error(format!(
                        "{}() got multiple values for argument '{key}'",
                        self.name
                    )));
                }
                Some(i) => slots[i] = Some(v),
                None => {
                    return Err(type_error(format!(
                        "{}() got an unexpected keyword argument '{key}'",
                        self.name
                    )));
                }
            }
        }
        let required = np - self.ndefaults;
        let missing: Vec<&str> = (0..required)
            .filter(|&i| slots[i].is_none())
            .map(|i| self.params[i])
            .collect();
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                self.name,
                missing.len(),
                plural(missing.len()),
                quote_list(&missing)
            )));
        }
        Ok(slots)
    }
}
