//! Lowering statements: assignments and stores, `cdef`, `if`/`while`,
//! `with nogil:`/`with gil:`/`parallel()` blocks, `return`, `print`.

use super::*;
use crate::compile::cython::rule;
use crate::kernel::types::ctype_ty;
use crate::vm::prelude::ExcKind;

impl Lower<'_> {
    pub(super) fn stmts(&mut self, body: &[Stmt]) -> LResult<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    pub(super) fn stmt(&mut self, s: &Stmt) -> LResult<()> {
        let span = s.span;
        match &s.kind {
            StmtKind::Expr(e) => {
                if matches!(e.kind, ExprKind::Const(Constant::Str(_))) {
                    return Ok(()); // a docstring
                }
                self.call_stmt(e)
            }
            StmtKind::Pass => Ok(()),
            StmtKind::Assign { targets, value } => {
                if let ExprKind::Tuple(vals) = &value.kind {
                    // `a, b = b, a`: every value first, then the stores.
                    let vs: Vec<V> = vals
                        .iter()
                        .map(|v| self.copy_of(v))
                        .collect::<LResult<_>>()?;
                    for t in targets {
                        let (ExprKind::Tuple(ts) | ExprKind::List(ts)) = &t.kind else {
                            return self.object_error("a tuple", value.span);
                        };
                        if ts.len() != vs.len() {
                            return typing("wrong number of values to unpack", span);
                        }
                        for (t, v) in ts.iter().zip(&vs) {
                            self.store(t, *v, span)?;
                        }
                    }
                    return Ok(());
                }
                let v = self.expr(value)?;
                let saved = self.no_fuse;
                self.no_fuse = targets.len() > 1;
                let r = targets.iter().try_for_each(|t| self.store(t, v, span));
                self.no_fuse = saved;
                r
            }
            StmtKind::AnnAssign { target, value, .. } => match value {
                Some(v) => {
                    let v = self.expr(v)?;
                    self.store(target, v, span)
                }
                None => Ok(()),
            },
            StmtKind::CDef { ctype, names } => {
                let Some(ty) = ctype_ty(&ctype.base, ctype.dims) else {
                    return self.object_error(&format!("the type '{}'", ctype.base), span);
                };
                for (n, v) in names {
                    self.cdefs.insert(n.clone(), ty);
                    if let Some(v) = v {
                        let v = self.expr(v)?;
                        self.assign_var(n, v, span)?;
                    } else if !self.vars.contains_key(n) && !ty.is_array() {
                        let z = self.konst(ty, 0, span);
                        self.assign_var(n, z, span)?;
                    }
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => {
                let cur = self.expr(target)?;
                let v = self.expr(value)?;
                let r = self.binop(cur, *op, v, span)?;
                self.store(target, r, span)
            }
            StmtKind::If { test, body, orelse } => {
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                self.stmts(body)?;
                if orelse.is_empty() {
                    let l = self.here();
                    self.patch(jf, l);
                } else {
                    let je = self.emit(Op::Jump(Label(0)), span);
                    let l = self.here();
                    self.patch(jf, l);
                    self.stmts(orelse)?;
                    let l = self.here();
                    self.patch(je, l);
                }
                Ok(())
            }
            StmtKind::While { test, body, orelse } => {
                let top = self.here();
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                self.loops.push(LoopLabels {
                    breaks: Vec::new(),
                    conts: Vec::new(),
                });
                self.stmts(body)?;
                self.emit(Op::Jump(top), span);
                let labels = self.loops.pop().unwrap_or(LoopLabels {
                    breaks: vec![],
                    conts: vec![],
                });
                let l = self.here();
                self.patch(jf, l);
                self.stmts(orelse)?;
                let end = self.here();
                for b in labels.breaks {
                    self.patch(b, end);
                }
                for c in labels.conts {
                    self.patch(c, top);
                }
                Ok(())
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_stmt(target, iter, body, orelse, span),
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                let at = self.emit(Op::Jump(Label(0)), span);
                match self.loops.last_mut() {
                    Some(l) if is_break => l.breaks.push(at),
                    Some(l) => l.conts.push(at),
                    None => {
                        return rule(
                            if is_break {
                                "break is not allowed directly in a prange loop body"
                            } else {
                                "continue is not allowed directly in a prange loop body"
                            },
                            span,
                        );
                    }
                }
                Ok(())
            }
            StmtKind::Return(v) => {
                if self.par_depth > 0 {
                    return rule("return is not allowed in a prange loop body", span);
                }
                match v {
                    None => {
                        self.emit(Op::End, span);
                    }
                    Some(e) => {
                        let v = self.expr(e)?;
                        match v {
                            V::A(_, _, s) => {
                                self.ret_ty = Some(v.ty());
                                self.emit(Op::RetArr(s), span);
                            }
                            V::S(t, _) => {
                                let want = match self.ret_ty {
                                    None => t,
                                    Some(r) => match r.unify(t) {
                                        Some(w) => w,
                                        None => {
                                            return typing(
                                                format!(
                                                    "cannot unify return types {} and {}",
                                                    r.name(),
                                                    t.name()
                                                ),
                                                span,
                                            );
                                        }
                                    },
                                };
                                if Some(want) != self.ret_ty {
                                    if self.ret_ty.is_some() {
                                        self.widened = true;
                                    }
                                    self.ret_ty = Some(want);
                                }
                                let r = self.convert(v, want, span)?;
                                self.emit(Op::Ret(r), span);
                            }
                        }
                    }
                }
                Ok(())
            }
            StmtKind::With { items, body } => self.with_stmt(items, body, span),
            StmtKind::Assert { test, msg } => {
                let c = self.truth(test)?;
                let jf = self.jump_if_not(c, span);
                let je = self.emit(Op::Jump(Label(0)), span);
                let l = self.here();
                self.patch(jf, l);
                let text = match msg.as_ref().map(|m| &m.kind) {
                    Some(ExprKind::Const(Constant::Str(s))) => s.clone(),
                    _ => String::new(),
                };
                self.func.raises.push((ExcKind::AssertionError, text));
                let k = self.func.raises.len() as u32 - 1;
                self.emit(Op::Raise(k), span);
                let l = self.here();
                self.patch(je, l);
                Ok(())
            }
            StmtKind::Raise { exc: Some(e), .. } => {
                let (name, args) = match &e.kind {
                    ExprKind::Call(f, args) => (&**f, args.as_slice()),
                    _ => (e, &[][..]),
                };
                let ExprKind::Name(n) = &name.kind else {
                    return self.object_error("raise", span);
                };
                let class = match n.as_str() {
                    "ValueError" => ExcKind::ValueError,
                    "IndexError" => ExcKind::IndexError,
                    "ZeroDivisionError" => ExcKind::ZeroDivisionError,
                    "RuntimeError" => ExcKind::RuntimeError,
                    "AssertionError" => ExcKind::AssertionError,
                    "TypeError" => ExcKind::TypeError,
                    "OverflowError" => ExcKind::OverflowError,
                    _ => ExcKind::Exception,
                };
                let text = match args.first() {
                    Some(Arg::Positional(Expr {
                        kind: ExprKind::Const(Constant::Str(s)),
                        ..
                    })) => s.clone(),
                    _ => String::new(),
                };
                self.func.raises.push((class, text));
                let k = self.func.raises.len() as u32 - 1;
                self.emit(Op::Raise(k), span);
                Ok(())
            }
            StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => {
                self.object_error("defining a function or class", span)
            }
            StmtKind::Import { .. } | StmtKind::ImportFrom { .. } => match self.flavor {
                Flavor::Cython => gil_err(
                    "Operation not allowed without gil",
                    "import needs the GIL",
                    span,
                ),
                Flavor::Numba => typing("import is not supported in nopython mode", span),
            },
            StmtKind::Try { .. } => match self.flavor {
                Flavor::Cython => gil_err(
                    "Operation not allowed without gil",
                    "try/except needs the GIL: use a 'with gil:' block",
                    span,
                ),
                Flavor::Numba => typing("try/except is not supported in kernels", span),
            },
            _ => self.object_error("this statement", span),
        }
    }

    /// A value that later stores will not change (for tuple assignment).
    pub(super) fn copy_of(&mut self, e: &Expr) -> LResult<V> {
        let v = self.expr(e)?;
        Ok(match v {
            V::S(t, r) => {
                let d = self.reg();
                self.emit(Op::Mov(d, r), e.span);
                V::S(t, d)
            }
            a => a,
        })
    }

    pub(super) fn store(&mut self, target: &Expr, v: V, span: Span) -> LResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self.assign_var(n, v, span),
            ExprKind::Subscript(base, idx) => {
                let (dt, nd, slot, idxs) = self.element(base, idx)?;
                let r = self.convert(v, Ty::of_dtype(dt), span)?;
                match (nd, idxs.as_slice()) {
                    (1, [i]) => {
                        self.emit(Op::Store1(slot, *i, r), span);
                    }
                    (2, [i, j]) => {
                        self.emit(Op::Store2(slot, *i, *j, r), span);
                    }
                    _ => return typing("array assignment needs one index per dimension", span),
                }
                Ok(())
            }
            ExprKind::Attribute(..) => match self.flavor {
                Flavor::Cython => gil_err(
                    "Assignment to Python attribute not allowed without gil",
                    OBJECT_HINT,
                    span,
                ),
                Flavor::Numba => typing("attribute assignment is not supported", span),
            },
            _ => self.object_error("this assignment target", span),
        }
    }

    /// `base[idx]`: the array and one index register per dimension
    /// (`a[i, j]` and `a[i][j]` both name an element of a 2-D array).
    pub(super) fn element(
        &mut self,
        base: &Expr,
        idx: &Expr,
    ) -> LResult<(DType, u8, Slot, Vec<Reg>)> {
        if let ExprKind::Subscript(inner, i0) = &base.kind
            && !matches!(i0.kind, ExprKind::Tuple(_))
        {
            let v = self.expr(inner)?;
            if let V::A(dt, 2, s) = v {
                let i = self.as_int(i0)?;
                let j = self.as_int(idx)?;
                return Ok((dt, 2, s, vec![i, j]));
            }
        }
        let v = self.expr(base)?;
        let V::A(dt, nd, s) = v else {
            return typing(
                format!("'{}' object is not subscriptable", v.ty().name()),
                base.span,
            );
        };
        let idxs = match &idx.kind {
            ExprKind::Tuple(items) => items
                .iter()
                .map(|i| self.as_int(i))
                .collect::<LResult<Vec<_>>>()?,
            ExprKind::Slice(..) => {
                return typing("slices are not supported in kernels", idx.span);
            }
            _ => vec![self.as_int(idx)?],
        };
        if idxs.len() != nd as usize {
            return typing(
                format!("a {nd}-D array needs {nd} indices here, got {}", idxs.len()),
                idx.span,
            );
        }
        Ok((dt, nd, s, idxs))
    }

    pub(super) fn with_stmt(
        &mut self,
        items: &[WithItem],
        body: &[Stmt],
        span: Span,
    ) -> LResult<()> {
        let mut nogil = false;
        let mut gil = false;
        let mut parallel: Option<&[Arg]> = None;
        for it in items {
            match &it.context.kind {
                ExprKind::Name(n) if n == "nogil" => nogil = true,
                ExprKind::Name(n) if n == "gil" => gil = true,
                ExprKind::Call(f, args) if matches!(&f.kind, ExprKind::Name(n) if n == "parallel") => {
                    parallel = Some(args)
                }
                _ => return self.object_error("a 'with' statement", span),
            }
        }
        let _ = nogil;
        if gil {
            let saved = self.with_gil;
            self.with_gil = true;
            let r = self.gil_block(body);
            self.with_gil = saved;
            return r;
        }
        if let Some(args) = parallel {
            let mut num_threads = None;
            for a in args {
                match a {
                    Arg::Keyword(k, v) if k == "num_threads" => num_threads = Some(self.as_int(v)?),
                    _ => return rule("parallel() takes only num_threads=", span),
                }
            }
            if self.par_depth > 0 {
                return self.stmts(body);
            }
            let outer = self.block;
            self.func.blocks.push(Block::default());
            self.block = self.func.blocks.len() - 1;
            let bidx = self.block;
            self.loops_guard(|l| l.stmts(body))?;
            self.emit(Op::End, span);
            self.block = outer;
            self.func.regions.push(ParRegion {
                body: bidx,
                num_threads,
            });
            self.has_parallel = true;
            let k = self.func.regions.len() as u32 - 1;
            self.emit(Op::Region(k), span);
            return Ok(());
        }
        self.stmts(body)
    }

    /// Lower `f` with no enclosing loop (a team body cannot `break` out).
    pub(super) fn loops_guard(&mut self, f: impl FnOnce(&mut Self) -> LResult<()>) -> LResult<()> {
        let saved = std::mem::take(&mut self.loops);
        self.par_depth += 1;
        let r = f(self);
        self.par_depth -= 1;
        self.loops = saved;
        r
    }

    /// `with gil:` inside a kernel: only `print(...)` of kernel values.
    pub(super) fn gil_block(&mut self, body: &[Stmt]) -> LResult<()> {
        for s in body {
            match &s.kind {
                StmtKind::Expr(e) if self.is_print(e) => self.call_stmt(e)?,
                StmtKind::Pass => {}
                _ => {
                    return gil_err(
                        "Operation not supported in a kernel's 'with gil:' block",
                        "mini runs only print() there",
                        s.span,
                    );
                }
            }
        }
        Ok(())
    }

    pub(super) fn is_print(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Call(f, _) if matches!(&f.kind, ExprKind::Name(n) if n == "print"))
    }

    pub(super) fn call_stmt(&mut self, e: &Expr) -> LResult<()> {
        match &e.kind {
            ExprKind::Call(..) => self.call(e, true).map(|_| ()),
            _ => self.expr(e).map(|_| ()),
        }
    }
}
