//! Lowering calls: what a call's function names (a kernel, a module
//! function, a builtin), and the intrinsics — `math`/`libc` functions,
//! `printf`, OpenMP queries, `numpy` constructors — as kernel ops.

use super::*;
use crate::kernel::printf;

impl Lower<'_> {
    /// What a call's function expression names.
    pub(super) fn callee(&self, f: &Expr) -> Option<Global> {
        match &f.kind {
            ExprKind::Name(n) if !self.vars.contains_key(n) => match self.env.global(n) {
                Some(g) => Some(g),
                None if BUILTINS.contains(&n.as_str()) => {
                    Some(Global::Func("builtins".into(), n.clone()))
                }
                None => None,
            },
            ExprKind::Attribute(m, attr) => match &m.kind {
                ExprKind::Name(mn) if !self.vars.contains_key(mn) => match self.env.global(mn) {
                    Some(Global::Module(module)) => Some(Global::Func(module, attr.clone())),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn positional<'e>(&self, args: &'e [Arg], span: Span) -> LResult<Vec<&'e Expr>> {
        args.iter()
            .map(|a| match a {
                Arg::Positional(e) => Ok(e),
                _ => typing("keyword and star arguments are not supported here", span),
            })
            .collect()
    }

    /// Lower a call; `Ok(None)` when it gives no value.
    pub(super) fn call(&mut self, e: &Expr, stmt: bool) -> LResult<Option<V>> {
        let ExprKind::Call(f, args) = &e.kind else {
            return Ok(None);
        };
        let span = e.span;
        let callee = self.callee(f);
        let fname = match &f.kind {
            ExprKind::Name(n) => n.clone(),
            ExprKind::Attribute(_, a) => a.clone(),
            _ => "?".into(),
        };
        let Some(callee) = callee else {
            return match self.flavor {
                Flavor::Cython => gil_err(
                    "Calling gil-requiring function not allowed without gil",
                    CALL_HINT,
                    span,
                ),
                Flavor::Numba => typing(format!("Untyped global name '{fname}'"), f.span),
            };
        };
        match callee {
            Global::Kernel(k) => {
                let pos = self.positional(args, span)?;
                let mut vals = Vec::new();
                for a in pos {
                    vals.push(self.expr(a)?);
                }
                let tys: Vec<Ty> = vals.iter().map(|v| v.ty()).collect();
                let callee = match k.compile(&tys) {
                    Ok(c) => c,
                    Err(msg) => return typing(msg, span),
                };
                let args = vals
                    .iter()
                    .map(|v| match v {
                        V::S(_, r) => ArgRef::Scalar(*r),
                        V::A(_, _, s) => ArgRef::Array(*s),
                    })
                    .collect();
                let (ret, out) = match callee.ret {
                    None => (None, None),
                    Some(t @ Ty::Arr(d, n)) => {
                        let _ = t;
                        let s = self.slot();
                        (Some(ArgRef::Array(s)), Some(V::A(d, n, s)))
                    }
                    Some(t) => {
                        let r = self.reg();
                        (Some(ArgRef::Scalar(r)), Some(V::S(t, r)))
                    }
                };
                self.func.calls.push(CallSite { callee, args, ret });
                let k = self.func.calls.len() as u32 - 1;
                self.emit(Op::Call(k), span);
                Ok(out)
            }
            Global::Func(module, name) => self.intrinsic(&module, &name, args, span, stmt),
            Global::Module(_) => self.object_error("calling a module", span),
            _ => match self.flavor {
                Flavor::Cython => gil_requiring_call(&fname, span),
                Flavor::Numba => typing(format!("Untyped global name '{fname}'"), f.span),
            },
        }
    }

    pub(super) fn float_arg(&mut self, e: &Expr) -> LResult<Reg> {
        let v = self.expr(e)?;
        self.convert(v, Ty::Float, e.span)
    }

    pub(super) fn intrinsic(
        &mut self,
        module: &str,
        name: &str,
        args: &[Arg],
        span: Span,
        _stmt: bool,
    ) -> LResult<Option<V>> {
        let is_math = matches!(module, "math" | "libc.math" | "numpy" | "cython");
        let d = self.reg();
        match name {
            "print" if module == "builtins" => {
                if self.flavor == Flavor::Cython && !self.with_gil {
                    return gil_requiring_call("print", span);
                }
                let mut pieces = Vec::new();
                let mut sep = " ".to_string();
                let mut end = "\n".to_string();
                for a in args {
                    if let Arg::Keyword(
                        k,
                        Expr {
                            kind: ExprKind::Const(Constant::Str(s)),
                            ..
                        },
                    ) = a
                    {
                        if k == "sep" {
                            sep = s.clone();
                        } else if k == "end" {
                            end = s.clone();
                        }
                    }
                }
                let pos = args.iter().filter_map(|a| match a {
                    Arg::Positional(e) => Some(e),
                    _ => None,
                });
                for (k, e) in pos.enumerate() {
                    if k > 0 {
                        pieces.push(PrintPiece::Text(sep.clone()));
                    }
                    match &e.kind {
                        ExprKind::Const(Constant::Str(s)) => {
                            pieces.push(PrintPiece::Text(s.clone()))
                        }
                        _ => {
                            let (t, r) = self.scalar(e)?;
                            pieces.push(PrintPiece::Str(r, t));
                        }
                    }
                }
                pieces.push(PrintPiece::Text(end));
                self.func.prints.push(PrintCall { pieces });
                let k = self.func.prints.len() as u32 - 1;
                self.emit(Op::Print(k), span);
                Ok(None)
            }
            "printf" => {
                let pos = self.positional(args, span)?;
                let Some(ExprKind::Const(Constant::Str(fmt))) = pos.first().map(|e| &e.kind) else {
                    return typing("printf needs a constant format string", span);
                };
                let parsed = printf::parse(fmt).or_else(|m| typing(m, span))?;
                let mut rest = pos[1..].iter();
                let mut pieces = Vec::new();
                for p in parsed {
                    match p {
                        printf::Piece::Text(t) => pieces.push(PrintPiece::Text(t)),
                        printf::Piece::Spec(spec) => {
                            let Some(a) = rest.next() else {
                                return typing(format!("printf: no argument for '{spec}'"), span);
                            };
                            if spec.ends_with('s') {
                                match &a.kind {
                                    ExprKind::Const(Constant::Str(s)) => {
                                        pieces.push(PrintPiece::Text(s.clone()));
                                        continue;
                                    }
                                    _ => {
                                        return typing(
                                            "printf: %s needs a constant string",
                                            a.span,
                                        );
                                    }
                                }
                            }
                            let (t, r) = self.scalar(a)?;
                            pieces.push(PrintPiece::CFormat {
                                spec,
                                reg: r,
                                ty: t,
                            });
                        }
                    }
                }
                if rest.next().is_some() {
                    return typing("printf: more arguments than conversions", span);
                }
                self.func.prints.push(PrintCall { pieces });
                let k = self.func.prints.len() as u32 - 1;
                self.emit(Op::Print(k), span);
                Ok(Some(self.konst(Ty::Int, 0, span)))
            }
            "threadid" | "omp_get_thread_num" | "get_thread_id" | "_get_thread_id" => {
                self.emit(Op::ThreadId(d), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "omp_get_num_threads" => {
                self.emit(Op::NumThreads(d), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "omp_get_max_threads" | "get_num_threads" => {
                self.emit(Op::MaxThreads(d), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "omp_get_num_procs" => Ok(Some(self.konst(
                Ty::Int,
                crate::parallel::cores() as u64,
                span,
            ))),
            "omp_set_num_threads" | "set_num_threads" => {
                let pos = self.positional(args, span)?;
                let Some(a) = pos.first() else {
                    return typing(format!("{name}() takes one argument"), span);
                };
                let r = self.as_int(a)?;
                self.emit(Op::SetThreads(r), span);
                Ok(None)
            }
            "omp_set_dynamic" | "omp_set_nested" => Ok(None),
            "omp_get_wtime" => {
                self.emit(Op::Wtime(d), span);
                Ok(Some(V::S(Ty::Float, d)))
            }
            "abs" | "fabs" => {
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing(format!("{name}() takes exactly one argument"), span);
                };
                let (t, r) = self.scalar(a)?;
                if t == Ty::Float || name == "fabs" {
                    let x = self.convert(V::S(t, r), Ty::Float, span)?;
                    self.emit(Op::Math(MathFn::Abs, d, x), span);
                    Ok(Some(V::S(Ty::Float, d)))
                } else {
                    self.emit(Op::IAbs(d, r), span);
                    Ok(Some(V::S(Ty::Int, d)))
                }
            }
            "min" | "max" | "fmin" | "fmax" | "minimum" | "maximum" => {
                let pos = self.positional(args, span)?;
                if pos.len() < 2 {
                    return typing(
                        format!("{name}() in a kernel needs at least 2 scalar arguments"),
                        span,
                    );
                }
                let vals: Vec<V> = pos.iter().map(|a| self.expr(a)).collect::<LResult<_>>()?;
                let float = vals.iter().any(|v| v.ty() == Ty::Float) || name.starts_with('f');
                let is_max =
                    name.ends_with("ax") || name.ends_with("imum") && name.starts_with("max");
                let ty = if float { Ty::Float } else { Ty::Int };
                let first = self.convert(vals[0], ty, span)?;
                self.emit(Op::Mov(d, first), span);
                for v in &vals[1..] {
                    let r = self.convert(*v, ty, span)?;
                    let op = match (float, is_max) {
                        (true, true) => Op::FBin(FOp::Max, d, d, r),
                        (true, false) => Op::FBin(FOp::Min, d, d, r),
                        (false, true) => Op::IBin(IOp::Max, d, d, r),
                        (false, false) => Op::IBin(IOp::Min, d, d, r),
                    };
                    self.emit(op, span);
                }
                Ok(Some(V::S(ty, d)))
            }
            "len" if module == "builtins" => {
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing("len() takes exactly one argument", span);
                };
                let v = self.expr(a)?;
                let V::A(_, _, s) = v else {
                    return typing(format!("len() of unsized object {}", v.ty().name()), span);
                };
                self.emit(Op::Shape(d, s, 0), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "int" | "float" | "bool" | "int64" | "float64" | "double" | "long" | "bint"
                if module == "builtins" || module == "numpy" || module == "cython" =>
            {
                let pos = self.positional(args, span)?;
                let to = match name {
                    "int" | "int64" | "long" => Ty::Int,
                    "bool" | "bint" => Ty::Bool,
                    _ => Ty::Float,
                };
                let Some(a) = pos.first() else {
                    return Ok(Some(self.konst(to, 0, span)));
                };
                let v = self.expr(a)?;
                Ok(Some(V::S(to, self.convert(v, to, span)?)))
            }
            "round" if module == "builtins" => {
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing("round() with ndigits is not supported in kernels", span);
                };
                let x = self.float_arg(a)?;
                let t = self.reg();
                self.emit(Op::Math(MathFn::Round, t, x), span);
                self.emit(Op::FToI(d, t), span);
                Ok(Some(V::S(Ty::Int, d)))
            }
            "pow" | "atan2" | "hypot" | "fmod" | "copysign" | "power" | "arctan2"
                if is_math || module == "builtins" =>
            {
                let pos = self.positional(args, span)?;
                let [a, b] = pos.as_slice() else {
                    return typing(format!("{name}() takes exactly 2 arguments"), span);
                };
                if name == "pow" && module == "builtins" {
                    let va = self.expr(a)?;
                    let vb = self.expr(b)?;
                    return self.binop(va, BinOp::Pow, vb, span).map(Some);
                }
                let x = self.float_arg(a)?;
                let y = self.float_arg(b)?;
                let op = match name {
                    "pow" | "power" => FOp::Pow,
                    "atan2" | "arctan2" => FOp::Atan2,
                    "hypot" => FOp::Hypot,
                    "fmod" => FOp::Fmod,
                    _ => FOp::Copysign,
                };
                self.emit(Op::FBin(op, d, x, y), span);
                Ok(Some(V::S(Ty::Float, d)))
            }
            "empty" | "zeros" | "ones" if module == "numpy" => self.new_array(name, args, span),
            "prange" | "range" => typing(
                format!("{name}() is only allowed as the iterable of a for loop"),
                span,
            ),
            _ if is_math && MathFn::by_name(name).is_some() => {
                let m = MathFn::by_name(name).unwrap_or(MathFn::Sqrt);
                let pos = self.positional(args, span)?;
                let [a] = pos.as_slice() else {
                    return typing(format!("{name}() takes exactly one argument"), span);
                };
                let x = self.float_arg(a)?;
                self.emit(Op::Math(m, d, x), span);
                if m.is_predicate() {
                    return Ok(Some(V::S(Ty::Bool, d)));
                }
                // Python's math.floor/ceil/trunc give ints.
                if module == "math" && matches!(m, MathFn::Floor | MathFn::Ceil | MathFn::Trunc) {
                    let i = self.reg();
                    self.emit(Op::FToI(i, d), span);
                    return Ok(Some(V::S(Ty::Int, i)));
                }
                Ok(Some(V::S(Ty::Float, d)))
            }
            _ => match self.flavor {
                Flavor::Cython => gil_requiring_call(name, span),
                Flavor::Numba => typing(
                    format!(
                        "Unknown attribute or function '{name}' of module '{module}' in nopython mode"
                    ),
                    span,
                ),
            },
        }
    }

    pub(super) fn new_array(&mut self, name: &str, args: &[Arg], span: Span) -> LResult<Option<V>> {
        let mut shape: Option<&Expr> = None;
        let mut dtype = DType::Float64;
        for (k, a) in args.iter().enumerate() {
            match a {
                Arg::Positional(e) if k == 0 => shape = Some(e),
                Arg::Positional(e) | Arg::Keyword(_, e) => {
                    if let Arg::Keyword(kw, _) = a
                        && kw != "dtype"
                    {
                        return typing(format!("np.{name}: unsupported keyword '{kw}'"), span);
                    }
                    dtype = dtype_of(e).ok_or_else(|| KError {
                        msg: format!("np.{name}: unsupported dtype"),
                        span: e.span,
                        kind: ErrKind::Typing,
                    })?;
                }
                _ => return typing(format!("np.{name}: unsupported argument"), span),
            }
        }
        let Some(shape) = shape else {
            return typing(format!("np.{name}() needs a shape"), span);
        };
        let (n, m) = match &shape.kind {
            ExprKind::Tuple(items) if items.len() == 2 => {
                (self.as_int(&items[0])?, Some(self.as_int(&items[1])?))
            }
            ExprKind::Tuple(items) if items.len() == 1 => (self.as_int(&items[0])?, None),
            ExprKind::Tuple(_) => return typing("kernels have 1-D and 2-D arrays only", span),
            _ => (self.as_int(shape)?, None),
        };
        let s = self.slot();
        self.emit(Op::NewArr(s, dtype, n, m), span);
        if name == "ones" {
            let one = match dtype {
                DType::Float64 => 1.0f64.to_bits(),
                _ => 1,
            };
            let r = self.reg();
            self.emit(Op::Const(r, one), span);
            self.emit(Op::Fill(s, r), span);
        }
        Ok(Some(V::A(dtype, if m.is_some() { 2 } else { 1 }, s)))
    }
}

/// Builtin names a kernel knows when no global shadows them.
pub(super) const BUILTINS: &[&str] = &[
    "abs", "min", "max", "len", "range", "int", "float", "bool", "round", "print", "pow",
];

pub(super) fn dtype_of(e: &Expr) -> Option<DType> {
    match &e.kind {
        ExprKind::Const(Constant::Str(s)) => DType::from_name(s),
        ExprKind::Name(n) | ExprKind::Attribute(_, n) => DType::from_name(n),
        _ => None,
    }
}
