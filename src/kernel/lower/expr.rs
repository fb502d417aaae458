//! Lowering expressions: constants, variables, element loads, operators
//! and comparisons with Numba's type unification.

use super::*;

impl Lower<'_> {
    pub(super) fn expr(&mut self, e: &Expr) -> LResult<V> {
        let span = e.span;
        match &e.kind {
            ExprKind::Const(c) => match c {
                Constant::Int(i) => Ok(self.konst(Ty::Int, *i as u64, span)),
                Constant::Float(f) => Ok(self.konst(Ty::Float, f.to_bits(), span)),
                Constant::True => Ok(self.konst(Ty::Bool, 1, span)),
                Constant::False => Ok(self.konst(Ty::Bool, 0, span)),
                Constant::BigInt(_) => match self.flavor {
                    Flavor::Numba => typing("integer literal too large for int64", span),
                    Flavor::Cython => self.object_error("a big integer", span),
                },
                _ => self.object_error("this constant", span),
            },
            ExprKind::Name(n) => self.load_var(n, span),
            ExprKind::Unary(op, x) => {
                let (t, r) = self.scalar(x)?;
                let d = self.reg();
                match (op, t) {
                    (UnaryOp::Not, _) => {
                        let b = self.convert(V::S(t, r), Ty::Bool, span)?;
                        self.emit(Op::Not(d, b), span);
                        return Ok(V::S(Ty::Bool, d));
                    }
                    (UnaryOp::Pos, _) => {
                        return Ok(V::S(if t == Ty::Bool { Ty::Int } else { t }, r));
                    }
                    (UnaryOp::Neg, Ty::Float) => {
                        self.emit(Op::FNeg(d, r), span);
                        return Ok(V::S(Ty::Float, d));
                    }
                    (UnaryOp::Neg, _) => {
                        self.emit(Op::INeg(d, r), span);
                    }
                    (UnaryOp::Invert, Ty::Float) => {
                        return typing("bad operand type for unary ~: 'float64'", span);
                    }
                    (UnaryOp::Invert, _) => {
                        self.emit(Op::IInvert(d, r), span);
                    }
                }
                Ok(V::S(Ty::Int, d))
            }
            ExprKind::Binary(a, op, b) => {
                let va = self.expr(a)?;
                let vb = self.expr(b)?;
                self.binop(va, *op, vb, span)
            }
            ExprKind::BoolOp(op, items) => {
                let mut ty: Option<Ty> = None;
                for it in items {
                    // Type pass: lower nothing twice, so infer from a dry look.
                    let t = self.peek_ty(it);
                    ty = Some(match ty {
                        None => t,
                        Some(p) => p.unify(t).unwrap_or(p),
                    });
                }
                let ty = ty.unwrap_or(Ty::Bool);
                let d = self.reg();
                let mut exits = Vec::new();
                for (k, it) in items.iter().enumerate() {
                    let v = self.expr(it)?;
                    let r = self.convert(v, ty, it.span)?;
                    self.emit(Op::Mov(d, r), span);
                    if k + 1 < items.len() {
                        let c = self.convert(v, Ty::Bool, it.span)?;
                        let c = if *op == BoolOp::Or {
                            let n = self.reg();
                            self.emit(Op::Not(n, c), span);
                            n
                        } else {
                            c
                        };
                        exits.push(self.emit(Op::JumpIfNot(c, Label(0)), span));
                    }
                }
                let end = self.here();
                for x in exits {
                    self.patch(x, end);
                }
                Ok(V::S(ty, d))
            }
            ExprKind::Compare(first, rest) if rest.len() == 1 => {
                let a = self.expr(first)?;
                let b = self.expr(&rest[0].1)?;
                let c = self.compare(a, rest[0].0, b, span)?;
                Ok(V::S(Ty::Bool, c))
            }
            ExprKind::Compare(first, rest) => {
                let d = self.reg();
                let mut left = self.expr(first)?;
                let mut exits = Vec::new();
                for (k, (op, right)) in rest.iter().enumerate() {
                    let rv = self.expr(right)?;
                    let c = self.compare(left, *op, rv, span)?;
                    self.emit(Op::Mov(d, c), span);
                    if k + 1 < rest.len() {
                        exits.push(self.emit(Op::JumpIfNot(c, Label(0)), span));
                    }
                    left = rv;
                }
                let end = self.here();
                for x in exits {
                    self.patch(x, end);
                }
                Ok(V::S(Ty::Bool, d))
            }
            ExprKind::IfExp { test, body, orelse } => {
                let tt = self.peek_ty(body);
                let to = self.peek_ty(orelse);
                let Some(ty) = tt.unify(to) else {
                    return typing(
                        "the branches of a conditional expression have different types",
                        span,
                    );
                };
                let d = self.reg();
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                let v = self.expr(body)?;
                let r = self.convert(v, ty, span)?;
                self.emit(Op::Mov(d, r), span);
                let je = self.emit(Op::Jump(Label(0)), span);
                let l = self.here();
                self.patch(jf, l);
                let v = self.expr(orelse)?;
                let r = self.convert(v, ty, span)?;
                self.emit(Op::Mov(d, r), span);
                let l = self.here();
                self.patch(je, l);
                Ok(V::S(ty, d))
            }
            ExprKind::Call(..) => match self.call(e, false)? {
                Some(v) => Ok(v),
                None => self.object_error("None", span),
            },
            ExprKind::Subscript(base, idx) => {
                // `A.shape[k]`
                if let ExprKind::Attribute(arr, attr) = &base.kind
                    && attr == "shape"
                {
                    let v = self.expr(arr)?;
                    let V::A(_, nd, s) = v else {
                        return self.object_error("'.shape' of a non-array", span);
                    };
                    let ExprKind::Const(Constant::Int(k)) = idx.kind else {
                        return typing("shape index must be a constant", idx.span);
                    };
                    let k = if k < 0 { k + nd as i64 } else { k };
                    if k < 0 || k >= nd as i64 {
                        return typing("tuple index out of range", idx.span);
                    }
                    let d = self.reg();
                    self.emit(Op::Shape(d, s, k as u8), span);
                    return Ok(V::S(Ty::Int, d));
                }
                let (dt, nd, slot, idxs) = self.element(base, idx)?;
                let d = self.reg();
                match (nd, idxs.as_slice()) {
                    (1, [i]) => self.emit(Op::Load1(d, slot, *i), span),
                    (2, [i, j]) => self.emit(Op::Load2(d, slot, *i, *j), span),
                    _ => return typing("array access needs one index per dimension", span),
                };
                Ok(V::S(Ty::of_dtype(dt), d))
            }
            ExprKind::Attribute(obj, attr) => {
                if let ExprKind::Name(m) = &obj.kind
                    && !self.vars.contains_key(m)
                    && let Some(Global::Module(_)) = self.env.global(m)
                {
                    match attr.as_str() {
                        "pi" => {
                            return Ok(self.konst(Ty::Float, std::f64::consts::PI.to_bits(), span));
                        }
                        "e" => {
                            return Ok(self.konst(Ty::Float, std::f64::consts::E.to_bits(), span));
                        }
                        "inf" => return Ok(self.konst(Ty::Float, f64::INFINITY.to_bits(), span)),
                        "nan" => return Ok(self.konst(Ty::Float, f64::NAN.to_bits(), span)),
                        "tau" => {
                            return Ok(self.konst(
                                Ty::Float,
                                std::f64::consts::TAU.to_bits(),
                                span,
                            ));
                        }
                        _ => {}
                    }
                }
                let v = self.expr(obj)?;
                if let V::A(_, nd, s) = v {
                    match attr.as_str() {
                        "ndim" => return Ok(self.konst(Ty::Int, nd as u64, span)),
                        "size" => {
                            let d = self.reg();
                            self.emit(Op::Shape(d, s, 0), span);
                            if nd == 2 {
                                let c = self.reg();
                                self.emit(Op::Shape(c, s, 1), span);
                                self.emit(Op::IBin(IOp::Mul, d, d, c), span);
                            }
                            return Ok(V::S(Ty::Int, d));
                        }
                        _ => {}
                    }
                }
                match self.flavor {
                    Flavor::Cython => gil_err(
                        "Accessing Python attribute not allowed without gil",
                        OBJECT_HINT,
                        span,
                    ),
                    Flavor::Numba => typing(
                        format!("unknown attribute '{attr}' of {}", v.ty().name()),
                        span,
                    ),
                }
            }
            ExprKind::FString(_) => self.object_error("a string", span),
            ExprKind::List(_) | ExprKind::Dict(_) | ExprKind::Set(_) | ExprKind::Tuple(_) => {
                let what = match &e.kind {
                    ExprKind::List(_) => "Constructing Python list not allowed without gil",
                    ExprKind::Dict(_) => "Constructing Python dict not allowed without gil",
                    ExprKind::Set(_) => "Constructing Python set not allowed without gil",
                    _ => "Constructing Python tuple not allowed without gil",
                };
                match self.flavor {
                    Flavor::Cython => gil_err(what, OBJECT_HINT, span),
                    Flavor::Numba => typing(
                        "lists, tuples and dicts are not supported in mini's kernels",
                        span,
                    ),
                }
            }
            ExprKind::Lambda(..)
            | ExprKind::ListComp(..)
            | ExprKind::SetComp(..)
            | ExprKind::DictComp(..)
            | ExprKind::GeneratorExp(..) => self.object_error("this expression", span),
            _ => self.object_error("this expression", span),
        }
    }

    /// The type `e` will have, without emitting code (approximate: for
    /// unifying the branches of `a if c else b` and `and`/`or`).
    pub(super) fn peek_ty(&self, e: &Expr) -> Ty {
        match &e.kind {
            ExprKind::Const(Constant::Float(_)) => Ty::Float,
            ExprKind::Const(Constant::True | Constant::False) => Ty::Bool,
            ExprKind::Const(_) => Ty::Int,
            ExprKind::Name(n) => match self.vars.get(n) {
                Some(v) => v.ty,
                None => match self.env.global(n) {
                    Some(Global::Float(_)) => Ty::Float,
                    Some(Global::Bool(_)) => Ty::Bool,
                    _ => Ty::Int,
                },
            },
            ExprKind::Binary(a, op, b) => {
                if *op == BinOp::Div {
                    return Ty::Float;
                }
                let (x, y) = (self.peek_ty(a), self.peek_ty(b));
                match x.unify(y) {
                    Some(Ty::Bool)
                        if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) =>
                    {
                        Ty::Bool
                    }
                    Some(Ty::Bool) => Ty::Int,
                    Some(t) => t,
                    None => Ty::Float,
                }
            }
            ExprKind::Unary(UnaryOp::Not, _) | ExprKind::Compare(..) => Ty::Bool,
            ExprKind::Unary(_, x) => match self.peek_ty(x) {
                Ty::Bool => Ty::Int,
                t => t,
            },
            ExprKind::Subscript(b, _) => match self.peek_ty(b) {
                Ty::Arr(d, _) => Ty::of_dtype(d),
                _ => Ty::Int,
            },
            ExprKind::IfExp { body, orelse, .. } => {
                let (x, y) = (self.peek_ty(body), self.peek_ty(orelse));
                x.unify(y).unwrap_or(x)
            }
            ExprKind::BoolOp(_, items) => items
                .iter()
                .map(|i| self.peek_ty(i))
                .reduce(|a, b| a.unify(b).unwrap_or(a))
                .unwrap_or(Ty::Bool),
            ExprKind::Call(f, args) => {
                let name = match &f.kind {
                    ExprKind::Name(n) => n.as_str(),
                    ExprKind::Attribute(_, a) => a.as_str(),
                    _ => "",
                };
                match name {
                    "float" | "sqrt" | "exp" | "log" | "sin" | "cos" | "tan" | "omp_get_wtime" => {
                        Ty::Float
                    }
                    "int" | "len" | "threadid" | "omp_get_thread_num" | "omp_get_num_threads" => {
                        Ty::Int
                    }
                    "abs" | "min" | "max" => args
                        .iter()
                        .filter_map(|a| match a {
                            Arg::Positional(e) => Some(self.peek_ty(e)),
                            _ => None,
                        })
                        .reduce(|a, b| a.unify(b).unwrap_or(a))
                        .unwrap_or(Ty::Int),
                    _ => Ty::Float,
                }
            }
            _ => Ty::Int,
        }
    }

    pub(super) fn binop(&mut self, a: V, op: BinOp, b: V, span: Span) -> LResult<V> {
        let (V::S(ta, ra), V::S(tb, rb)) = (a, b) else {
            return typing(
                format!(
                    "array expressions ({} {} {}) are not supported in mini's kernels; write the loop",
                    a.ty().name(),
                    op.symbol(),
                    b.ty().name()
                ),
                span,
            );
        };
        let float = ta == Ty::Float || tb == Ty::Float;
        let both_bool = ta == Ty::Bool && tb == Ty::Bool;
        let d = self.reg();
        let iop = match op {
            BinOp::Add => Some(IOp::Add),
            BinOp::Sub => Some(IOp::Sub),
            BinOp::Mul => Some(IOp::Mul),
            BinOp::FloorDiv => Some(IOp::FloorDiv),
            BinOp::Mod => Some(IOp::Mod),
            BinOp::Pow => Some(IOp::Pow),
            BinOp::BitAnd => Some(IOp::And),
            BinOp::BitOr => Some(IOp::Or),
            BinOp::BitXor => Some(IOp::Xor),
            BinOp::LShift => Some(IOp::Shl),
            BinOp::RShift => Some(IOp::Shr),
            BinOp::Div | BinOp::MatMul => None,
        };
        if op == BinOp::MatMul {
            return typing("'@' needs arrays", span);
        }
        if op == BinOp::Div || float {
            let fop = match op {
                BinOp::Add => FOp::Add,
                BinOp::Sub => FOp::Sub,
                BinOp::Mul => FOp::Mul,
                BinOp::Div => FOp::Div,
                BinOp::FloorDiv => FOp::FloorDiv,
                BinOp::Mod => FOp::Mod,
                BinOp::Pow => FOp::Pow,
                _ => {
                    return typing(
                        format!(
                            "unsupported operand type(s) for {}: '{}' and '{}'",
                            op.symbol(),
                            ta.name(),
                            tb.name()
                        ),
                        span,
                    );
                }
            };
            let x = self.convert(a, Ty::Float, span)?;
            let y = self.convert(b, Ty::Float, span)?;
            let op = match fop {
                FOp::Add => Op::AddF(d, x, y),
                FOp::Sub => Op::SubF(d, x, y),
                FOp::Mul => Op::MulF(d, x, y),
                _ => Op::FBin(fop, d, x, y),
            };
            self.emit(op, span);
            return Ok(V::S(Ty::Float, d));
        }
        let Some(iop) = iop else {
            return typing("unsupported operation", span);
        };
        let op = match iop {
            IOp::Add => Op::AddI(d, ra, rb),
            IOp::Sub => Op::SubI(d, ra, rb),
            IOp::Mul => Op::MulI(d, ra, rb),
            _ => Op::IBin(iop, d, ra, rb),
        };
        self.emit(op, span);
        let ty = if both_bool && matches!(iop, IOp::And | IOp::Or | IOp::Xor) {
            Ty::Bool
        } else {
            Ty::Int
        };
        Ok(V::S(ty, d))
    }

    pub(super) fn compare(&mut self, a: V, op: CmpOp, b: V, span: Span) -> LResult<Reg> {
        let (V::S(ta, ra), V::S(tb, rb)) = (a, b) else {
            return typing(
                "array comparisons are not supported in mini's kernels",
                span,
            );
        };
        let c = match op {
            CmpOp::Eq => Cmp::Eq,
            CmpOp::NotEq => Cmp::Ne,
            CmpOp::Lt => Cmp::Lt,
            CmpOp::LtE => Cmp::Le,
            CmpOp::Gt => Cmp::Gt,
            CmpOp::GtE => Cmp::Ge,
            _ => return self.object_error("'is'/'in'", span),
        };
        let d = self.reg();
        if ta == Ty::Float || tb == Ty::Float {
            let x = self.convert(a, Ty::Float, span)?;
            let y = self.convert(b, Ty::Float, span)?;
            self.emit(Op::FCmp(c, d, x, y), span);
        } else {
            self.emit(Op::ICmp(c, d, ra, rb), span);
        }
        Ok(d)
    }
}
