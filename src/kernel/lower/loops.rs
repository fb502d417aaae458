//! Lowering loops: `range` loops and `prange` loops (a parallel loop body
//! as a block of its own, with reductions and lastprivates from
//! `compile/cython/prange.rs`'s analysis).

use super::*;
use crate::compile::cython::prange::{analyze_loop, prange_options};
use crate::compile::cython::rule;

impl Lower<'_> {
    pub(super) fn range_args(&mut self, args: &[Arg], span: Span) -> LResult<(Reg, Reg, Reg)> {
        let pos: Vec<&Expr> = args
            .iter()
            .filter_map(|a| match a {
                Arg::Positional(e) => Some(e),
                _ => None,
            })
            .collect();
        let mut regs = Vec::new();
        for e in &pos {
            regs.push(self.as_int(e)?);
        }
        Ok(match regs.as_slice() {
            [stop] => (self.int_const(0, span), *stop, self.int_const(1, span)),
            [a, b] => (*a, *b, self.int_const(1, span)),
            [a, b, c] => (*a, *b, *c),
            _ => {
                return typing(
                    format!("range expected 1 to 3 arguments, got {}", regs.len()),
                    span,
                );
            }
        })
    }

    pub(super) fn iter_kind<'e>(&self, iter: &'e Expr) -> Option<(&'static str, &'e [Arg])> {
        let ExprKind::Call(f, args) = &iter.kind else {
            return None;
        };
        let name = match &f.kind {
            ExprKind::Name(n) => match self.env.global(n) {
                Some(Global::Func(_, fname)) if fname == "prange" => "prange",
                Some(Global::Func(m, fname)) if fname == "range" && m == "builtins" => "range",
                None | Some(Global::Object) if n == "range" => "range",
                Some(Global::Func(_, fname)) if fname == "range" => "range",
                _ => return None,
            },
            ExprKind::Attribute(m, attr) if attr == "prange" => match &m.kind {
                ExprKind::Name(mn) if matches!(self.env.global(mn), Some(Global::Module(_))) => {
                    "prange"
                }
                _ => return None,
            },
            _ => return None,
        };
        Some((name, args.as_slice()))
    }

    pub(super) fn for_stmt(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        span: Span,
    ) -> LResult<()> {
        let ExprKind::Name(var) = &target.kind else {
            return self.object_error("unpacking in a for loop", target.span);
        };
        match self.iter_kind(iter) {
            Some(("prange", args)) if self.parallel && self.par_depth == 0 => {
                self.prange(var, args, body, iter.span, span)
            }
            Some((_, args)) => {
                let args: Vec<Arg> = args
                    .iter()
                    .filter(|a| matches!(a, Arg::Positional(_)))
                    .cloned()
                    .collect();
                let (start, stop, step) = self.range_args(&args, iter.span)?;
                self.counted_loop(var, start, stop, step, body, orelse, span)
            }
            None => {
                // `for x in A` over a 1-D array (Numba).
                let v = self.expr(iter)?;
                let V::A(dt, 1, slot) = v else {
                    return self.object_error("iterating over this object", iter.span);
                };
                let start = self.int_const(0, span);
                let stop = self.reg();
                self.emit(Op::Shape(stop, slot, 0), span);
                let step = self.int_const(1, span);
                let i = self.reg();
                self.emit(Op::Mov(i, start), span);
                let test = self.emit(
                    Op::LoopTest {
                        i,
                        stop,
                        step,
                        exit: Label(0),
                    },
                    span,
                );
                let top = self.here();
                let x = self.reg();
                self.emit(Op::Load1(x, slot, i), span);
                self.assign_var(var, V::S(Ty::of_dtype(dt), x), span)?;
                self.loop_body(body, i, stop, step, top, test, orelse, span)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn counted_loop(
        &mut self,
        var: &str,
        start: Reg,
        stop: Reg,
        step: Reg,
        body: &[Stmt],
        orelse: &[Stmt],
        span: Span,
    ) -> LResult<()> {
        let i = self.reg();
        self.emit(Op::Mov(i, start), span);
        let stop_c = self.reg();
        self.emit(Op::Mov(stop_c, stop), span);
        let step_c = self.reg();
        self.emit(Op::Mov(step_c, step), span);
        let test = self.emit(
            Op::LoopTest {
                i,
                stop: stop_c,
                step: step_c,
                exit: Label(0),
            },
            span,
        );
        let top = self.here();
        self.assign_var(var, V::S(Ty::Int, i), span)?;
        self.loop_body(body, i, stop_c, step_c, top, test, orelse, span)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn loop_body(
        &mut self,
        body: &[Stmt],
        i: Reg,
        stop: Reg,
        step: Reg,
        top: Label,
        test: usize,
        orelse: &[Stmt],
        span: Span,
    ) -> LResult<()> {
        self.loops.push(LoopLabels {
            breaks: Vec::new(),
            conts: Vec::new(),
        });
        self.stmts(body)?;
        let cont = self.here();
        self.emit(
            Op::LoopNext {
                i,
                stop,
                step,
                to: top,
            },
            span,
        );
        let labels = self.loops.pop().unwrap_or(LoopLabels {
            breaks: vec![],
            conts: vec![],
        });
        let l = self.here();
        self.patch(test, l);
        self.stmts(orelse)?;
        let end = self.here();
        for b in labels.breaks {
            self.patch(b, end);
        }
        for c in labels.conts {
            self.patch(c, cont);
        }
        Ok(())
    }

    pub(super) fn prange(
        &mut self,
        var: &str,
        args: &[Arg],
        body: &[Stmt],
        call_span: Span,
        span: Span,
    ) -> LResult<()> {
        let opts = prange_options(args, call_span)?;
        let pos: Vec<Arg> = opts
            .positional
            .iter()
            .map(|e| Arg::Positional((*e).clone()))
            .collect();
        let (start, stop, step) = self.range_args(&pos, call_span)?;
        let chunk = opts.chunksize.map(|e| self.as_int(e)).transpose()?;
        let num_threads = opts.num_threads.map(|e| self.as_int(e)).transpose()?;
        let use_threads_if = opts.use_threads_if.map(|e| self.truth(e)).transpose()?;
        let analysis = analyze_loop(body, var, self.flavor)?;
        // The index and the reduction variables must exist before the team
        // copies the frame.
        if !self.vars.contains_key(var) {
            let z = self.konst(Ty::Int, 0, span);
            self.assign_var(var, z, span)?;
        }
        let mut reductions = Vec::new();
        for (name, op, rspan) in &analysis.reductions {
            if !self.vars.contains_key(name) {
                return typing(
                    format!("reduction variable '{name}' is not initialised before the loop"),
                    *rspan,
                );
            }
            // Type the variable by one pass over its update first: `s = 0`
            // then `s += A[i]` with float A makes s float64 (Numba's rule).
            let var_ty = self.vars[name].ty;
            reductions.push((name.clone(), *op, var_ty));
        }
        let index = match self.vars[var].loc {
            Loc::R(r) => r,
            Loc::A(_) => return typing("the prange index must be an integer", span),
        };
        // The body block runs one chunk: `index` from the chunk's first
        // value while before `chunk_end` (a worker sets both), so the team
        // enters the executor once per chunk, not once per iteration.
        let chunk_end = self.reg();
        let outer = self.block;
        self.func.blocks.push(Block::default());
        self.block = self.func.blocks.len() - 1;
        let bidx = self.block;
        let top = self.here();
        let mut conts = Vec::new();
        self.loops_guard(|l| {
            l.loops.push(LoopLabels {
                breaks: Vec::new(),
                conts: Vec::new(),
            });
            l.stmts(body)?;
            let labels = l.loops.pop().unwrap_or(LoopLabels {
                breaks: vec![],
                conts: vec![],
            });
            if !labels.breaks.is_empty() {
                return rule("break is not supported in a prange loop body by mini", span);
            }
            conts = labels.conts;
            Ok(())
        })?;
        let cont = self.here();
        for c in conts {
            self.patch(c, cont);
        }
        self.emit(
            Op::LoopNext {
                i: index,
                stop: chunk_end,
                step,
                to: top,
            },
            span,
        );
        self.emit(Op::End, span);
        self.block = outer;
        let mut lastprivate = Vec::new();
        let mut lastprivate_arrays = Vec::new();
        for name in &analysis.assigned {
            if name == var {
                continue;
            }
            match self.vars.get(name).map(|v| v.loc) {
                Some(Loc::R(r)) => lastprivate.push(r),
                Some(Loc::A(s)) => lastprivate_arrays.push(s),
                None => {}
            }
        }
        let reductions = reductions
            .into_iter()
            .map(|(name, op, _)| {
                let v = self.vars[&name];
                match v.loc {
                    Loc::R(reg) => Ok(Reduction { reg, op, ty: v.ty }),
                    Loc::A(_) => typing(format!("cannot reduce the array '{name}'"), span),
                }
            })
            .collect::<LResult<Vec<_>>>()?;
        let line = self.line(span);
        self.func.loops.push(ParLoop {
            body: bidx,
            index,
            chunk_end,
            start,
            stop,
            step,
            schedule: opts.schedule,
            chunk,
            num_threads,
            use_threads_if,
            reductions,
            lastprivate,
            lastprivate_arrays,
            line,
        });
        self.has_parallel = true;
        let k = self.func.loops.len() as u32 - 1;
        self.emit(Op::ParFor(k), span);
        Ok(())
    }
}
