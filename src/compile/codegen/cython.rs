//! The Cython additions in the compiler: `cdef` declarations and typed
//! parameters convert their values to the declared C type; a
//! `prange(..., nogil=True)` loop, a `with nogil:` block and a `with nogil,
//! parallel():` region become a kernel site (a [`SiteDesc`] the kernel
//! runtime checks now, so that code needing the GIL is a compile error at
//! its line) called with the values of the variables the block reads and
//! storing back the ones it assigns.
//! A `prange` without `nogil=True` stays bytecode (a `range` at run time)
//! and gets Cython 3.3's warning.

use super::Compiler;
use crate::compile::bytecode::Instr;
use crate::compile::cython::prange::prange_options;
use crate::compile::cython::{
    CTy, SiteDesc, SiteKind, ctype_ty, prange_gil_warning, to_syntax_error,
};
use crate::syntax::SyntaxError;
use crate::syntax::ast::*;
use crate::vm::value::Value;

impl<'a> Compiler<'a> {
    /// `cdef TYPE a = e, b`: convert to the type; undeclared values start at 0.
    pub(super) fn cdef(
        &mut self,
        ctype: &'a CType,
        names: &'a [(Name, Option<Expr>)],
    ) -> Result<(), SyntaxError> {
        let ty = ctype_ty(&ctype.base, ctype.dims);
        for (name, value) in names {
            match (value, ty) {
                (Some(v), Some(ty)) => {
                    self.emit_const(self.kernels.convert(ty, name), None);
                    self.expr(v)?;
                    self.emit(Instr::Call(1));
                    self.store_name(name);
                }
                (Some(v), None) => {
                    self.expr(v)?;
                    self.store_name(name);
                }
                (None, Some(ty)) if !matches!(ty, CTy::Arr(..)) => {
                    let zero = match ty {
                        CTy::Float => Value::float(0.0),
                        CTy::Bool => Value::bool(false),
                        _ => Value::Int(0),
                    };
                    self.emit_const(zero, None);
                    self.store_name(name);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `def f(double[:] x, double a)`: check and convert on entry.
    pub(super) fn typed_params(&mut self, params: &Params) {
        for p in &params.args {
            if let Some(ty) = p.ctype.as_ref().and_then(|c| ctype_ty(&c.base, c.dims)) {
                self.emit_const(self.kernels.convert(ty, &p.name), None);
                self.load_name(&p.name);
                self.emit(Instr::Call(1));
                self.store_name(&p.name);
            }
        }
    }

    /// A `for … in prange(…)` loop: a kernel site when `nogil=True` (true
    /// returned), else a warning and ordinary bytecode (false).
    pub(super) fn prange_stmt(&mut self, s: &'a Stmt, iter: &'a Expr) -> Result<bool, SyntaxError> {
        let ExprKind::Call(_, args) = &iter.kind else {
            return Ok(false);
        };
        let opts = prange_options(args, iter.span).map_err(|e| to_syntax_error(&e))?;
        if opts.nogil {
            self.emit_site(SiteKind::Prange, vec![s.clone()], s.span)?;
            return Ok(true);
        }
        let w = prange_gil_warning(&self.filename, &self.map, iter.span);
        self.warnings.push(w);
        Ok(false)
    }

    /// `with nogil:` / `with nogil, parallel():` as a kernel site; false
    /// for any other `with`.
    pub(super) fn nogil_stmt(
        &mut self,
        s: &'a Stmt,
        items: &'a [WithItem],
        body: &'a [Stmt],
    ) -> Result<bool, SyntaxError> {
        let is = |n: &str| {
            items
                .iter()
                .any(|i| matches!(&i.context.kind, ExprKind::Name(x) if x == n))
        };
        let parallel = items.iter().any(|i| {
            matches!(&i.context.kind, ExprKind::Call(f, _) if matches!(&f.kind, ExprKind::Name(n) if n == "parallel"))
        });
        if parallel {
            self.emit_site(SiteKind::Region, vec![s.clone()], s.span)?;
            return Ok(true);
        }
        if is("nogil") {
            self.emit_site(SiteKind::Nogil, body.to_vec(), s.span)?;
            return Ok(true);
        }
        Ok(false)
    }

    fn emit_site(
        &mut self,
        kind: SiteKind,
        stmts: Vec<Stmt>,
        span: Span,
    ) -> Result<(), SyntaxError> {
        let line = self.map.line_of(span.start);
        let cdefs = self.cdefs.last().cloned().unwrap_or_default();
        let site = SiteDesc::new(kind, stmts, cdefs, &self.kenv, line);
        let inputs = site.inputs.clone();
        let outputs = site.outputs.clone();
        let site = self.kernels.site(site).map_err(|e| to_syntax_error(&e))?;
        self.set_line(span);
        self.emit_const(site, None);
        for n in &inputs {
            self.load_name(n);
        }
        self.emit(Instr::Call(inputs.len() as u32));
        if outputs.is_empty() {
            self.emit(Instr::Pop);
        } else {
            self.emit(Instr::UnpackSequence(outputs.len() as u32));
            for n in &outputs {
                self.store_name(n);
            }
        }
        Ok(())
    }
}
