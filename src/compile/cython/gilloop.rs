//! `prange` without `nogil=True`: the body stays bytecode and runs on the
//! team's threads, each taking the GIL — Cython 3.3's behaviour, which
//! only speeds up on a free-threaded build (here: `--gil=off`).
//!
//! Before scope analysis the compiler rewrites such a loop (see
//! [`rewrite_module`]) into a chunk function and a call of
//! `cython.parallel._prange_gil`:
//!
//! ```text
//! import cython.parallel as __mini_cp
//! def __mini_prange_N(__lo, __hi, __step):
//!     nonlocal a, b              # (global at module level) shared variables
//!     s = 0                      # each reduction variable: a private partial
//!     for i in range(__lo, __hi, __step):
//!         <body>
//!     return (s,)
//! __mini_res_N = __mini_cp._prange_gil(__mini_prange_N, <prange args>)
//! for __mini_p in __mini_res_N[0]:
//!     s += __mini_p[0]           # partials combined in worker order
//! if __mini_res_N[1] is not None:
//!     i = __mini_res_N[1]        # the index ends at its last value
//! ```
//!
//! `kernel/gilloop.rs` runs the chunks at run time.

use std::collections::HashSet;

use super::prange::{self, RedOp};
use super::{CyNames, Flavor, KError};
use crate::syntax::ast::*;

fn ex(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn st(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

fn name(n: &str, span: Span) -> Expr {
    ex(ExprKind::Name(n.to_string()), span)
}

fn int(i: i64, span: Span) -> Expr {
    ex(ExprKind::Const(Constant::Int(i)), span)
}

fn sub(e: Expr, i: i64, span: Span) -> Expr {
    ex(
        ExprKind::Subscript(Box::new(e), Box::new(int(i, span))),
        span,
    )
}

/// Names a function binds outside its GIL-holding prange bodies.
fn bound_names(body: &[Stmt], params: &Params, env: &CyNames, out: &mut HashSet<String>) {
    for p in params.args.iter().chain(&params.kwonly) {
        out.insert(p.name.clone());
    }
    fn targets(e: &Expr, out: &mut HashSet<String>) {
        match &e.kind {
            ExprKind::Name(n) => {
                out.insert(n.clone());
            }
            ExprKind::Tuple(xs) | ExprKind::List(xs) => xs.iter().for_each(|x| targets(x, out)),
            ExprKind::Starred(x) => targets(x, out),
            _ => {}
        }
    }
    fn walk(body: &[Stmt], env: &CyNames, out: &mut HashSet<String>) {
        for s in body {
            match &s.kind {
                StmtKind::Assign { targets: ts, .. } => ts.iter().for_each(|t| targets(t, out)),
                StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => {
                    targets(target, out)
                }
                StmtKind::CDef { names, .. } => {
                    for (n, _) in names {
                        out.insert(n.clone());
                    }
                }
                StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                } => {
                    targets(target, out);
                    if !env.is_prange(iter) {
                        walk(body, env, out);
                    }
                    walk(orelse, env, out);
                }
                StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                    walk(body, env, out);
                    walk(orelse, env, out);
                }
                StmtKind::With { items, body } => {
                    for it in items {
                        if let Some(t) = &it.target {
                            targets(t, out);
                        }
                    }
                    walk(body, env, out);
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    walk(body, env, out);
                    walk(orelse, env, out);
                    walk(finalbody, env, out);
                    for h in handlers {
                        if let Some(n) = &h.name {
                            out.insert(n.clone());
                        }
                        walk(&h.body, env, out);
                    }
                }
                StmtKind::FunctionDef(f) => {
                    out.insert(f.name.clone());
                }
                StmtKind::ClassDef(c) => {
                    out.insert(c.name.clone());
                }
                StmtKind::Import { names, .. } | StmtKind::ImportFrom { names, .. } => {
                    for a in names {
                        let n = a
                            .asname
                            .clone()
                            .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                        out.insert(n);
                    }
                }
                _ => {}
            }
        }
    }
    walk(body, env, out);
}

struct Rewriter<'e> {
    env: &'e CyNames,
    count: usize,
    filename: &'e str,
    warnings: &'e mut Vec<String>,
}

/// Rewrite every GIL-holding `prange` loop of a module (see the module
/// docs); `None` when there is none. Prange rule errors are reported, and
/// each rewritten loop adds Cython's warning to `warnings`.
pub fn rewrite_module(
    module: &Module,
    env: &CyNames,
    filename: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<Module>, KError> {
    let mut r = Rewriter {
        env,
        count: 0,
        filename,
        warnings,
    };
    let body = r.body(&module.body, None)?;
    Ok((r.count > 0).then_some(Module { body }))
}

impl Rewriter<'_> {
    /// `shared`: the enclosing function's bound names (None: module level).
    fn body(
        &mut self,
        body: &[Stmt],
        shared: Option<&HashSet<String>>,
    ) -> Result<Vec<Stmt>, KError> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            match &s.kind {
                StmtKind::For {
                    target,
                    iter,
                    body: inner,
                    orelse,
                } if self.env.is_prange(iter) => {
                    let ExprKind::Call(_, args) = &iter.kind else {
                        out.push(s.clone());
                        continue;
                    };
                    let opts = prange::prange_options(args, iter.span)?;
                    let ExprKind::Name(index) = &target.kind else {
                        out.push(s.clone());
                        continue;
                    };
                    if opts.nogil || !orelse.is_empty() {
                        out.push(s.clone());
                        continue;
                    }
                    let inner = self.body(inner, shared)?;
                    self.warn(iter.span);
                    out.extend(self.loop_stmts(index, target, args, &inner, shared, s.span)?);
                }
                StmtKind::For {
                    target,
                    iter,
                    body: b,
                    orelse,
                } => out.push(st(
                    StmtKind::For {
                        target: target.clone(),
                        iter: iter.clone(),
                        body: self.body(b, shared)?,
                        orelse: self.body(orelse, shared)?,
                    },
                    s.span,
                )),
                StmtKind::If {
                    test,
                    body: b,
                    orelse,
                } => out.push(st(
                    StmtKind::If {
                        test: test.clone(),
                        body: self.body(b, shared)?,
                        orelse: self.body(orelse, shared)?,
                    },
                    s.span,
                )),
                StmtKind::While {
                    test,
                    body: b,
                    orelse,
                } => out.push(st(
                    StmtKind::While {
                        test: test.clone(),
                        body: self.body(b, shared)?,
                        orelse: self.body(orelse, shared)?,
                    },
                    s.span,
                )),
                StmtKind::With { items, body: b }
                    if !items
                        .iter()
                        .any(|i| crate::compile::scope::is_gil_marker(&i.context)) =>
                {
                    out.push(st(
                        StmtKind::With {
                            items: items.clone(),
                            body: self.body(b, shared)?,
                        },
                        s.span,
                    ))
                }
                StmtKind::Try {
                    body: b,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    let mut hs = Vec::new();
                    for h in handlers {
                        hs.push(ExceptHandler {
                            typ: h.typ.clone(),
                            name: h.name.clone(),
                            body: self.body(&h.body, shared)?,
                            span: h.span,
                        });
                    }
                    out.push(st(
                        StmtKind::Try {
                            body: self.body(b, shared)?,
                            handlers: hs,
                            orelse: self.body(orelse, shared)?,
                            finalbody: self.body(finalbody, shared)?,
                        },
                        s.span,
                    ))
                }
                StmtKind::FunctionDef(f) => {
                    let mut bound = HashSet::new();
                    bound_names(&f.body, &f.params, self.env, &mut bound);
                    let body = self.body(&f.body, Some(&bound))?;
                    let mut f2 = (**f).clone();
                    f2.body = body;
                    out.push(st(StmtKind::FunctionDef(Box::new(f2)), s.span));
                }
                _ => out.push(s.clone()),
            }
        }
        Ok(out)
    }

    fn warn(&mut self, span: Span) {
        let w = super::prange_gil_warning(self.filename, &self.env.map, span);
        self.warnings.push(w);
    }

    fn loop_stmts(
        &mut self,
        index: &str,
        target: &Expr,
        args: &[Arg],
        body: &[Stmt],
        shared: Option<&HashSet<String>>,
        sp: Span,
    ) -> Result<Vec<Stmt>, KError> {
        let analysis = prange::analyze_loop(body, index, Flavor::Cython)?;
        self.count += 1;
        let n = self.count;
        let fname = format!("__mini_prange_{n}");
        let res = format!("__mini_res_{n}");
        let mut fbody = Vec::new();
        let shared_names: Vec<String> = analysis
            .assigned
            .iter()
            .filter(|a| *a != index)
            .filter(|a| shared.is_none_or(|b| b.contains(*a)))
            .cloned()
            .collect();
        if !shared_names.is_empty() {
            fbody.push(st(
                if shared.is_some() {
                    StmtKind::Nonlocal(shared_names)
                } else {
                    StmtKind::Global(shared_names)
                },
                sp,
            ));
        }
        for (r, op, _) in &analysis.reductions {
            let identity = match op {
                RedOp::Mul | RedOp::Div => 1,
                RedOp::And => -1,
                _ => 0,
            };
            fbody.push(st(
                StmtKind::Assign {
                    targets: vec![name(r, sp)],
                    value: int(identity, sp),
                },
                sp,
            ));
        }
        let range_call = ex(
            ExprKind::Call(
                Box::new(name("range", sp)),
                vec![
                    Arg::Positional(name("__lo", sp)),
                    Arg::Positional(name("__hi", sp)),
                    Arg::Positional(name("__step", sp)),
                ],
            ),
            sp,
        );
        fbody.push(st(
            StmtKind::For {
                target: target.clone(),
                iter: range_call,
                body: body.to_vec(),
                orelse: Vec::new(),
            },
            sp,
        ));
        let partials = analysis
            .reductions
            .iter()
            .map(|(r, _, _)| name(r, sp))
            .collect();
        fbody.push(st(
            StmtKind::Return(Some(ex(ExprKind::Tuple(partials), sp))),
            sp,
        ));
        let param = |p: &str| Param {
            name: p.to_string(),
            annotation: None,
            ctype: None,
            default: None,
            span: sp,
        };
        let fdef = FunctionDef {
            name: fname.clone(),
            params: Params {
                args: vec![param("__lo"), param("__hi"), param("__step")],
                ..Params::default()
            },
            body: fbody,
            decorators: Vec::new(),
            returns: None,
            nogil: false,
            cdef_return: None,
        };
        let mut out = vec![
            st(
                StmtKind::Import {
                    names: vec![Alias {
                        name: "cython.parallel".into(),
                        asname: Some("__mini_cp".into()),
                    }],
                    cimport: false,
                },
                sp,
            ),
            st(StmtKind::FunctionDef(Box::new(fdef)), sp),
        ];
        let mut call_args = vec![Arg::Positional(name(&fname, sp))];
        call_args.extend(args.iter().cloned());
        let helper = ex(
            ExprKind::Attribute(Box::new(name("__mini_cp", sp)), "_prange_gil".into()),
            sp,
        );
        out.push(st(
            StmtKind::Assign {
                targets: vec![name(&res, sp)],
                value: ex(ExprKind::Call(Box::new(helper), call_args), sp),
            },
            sp,
        ));
        if !analysis.reductions.is_empty() {
            let combine = analysis
                .reductions
                .iter()
                .enumerate()
                .map(|(k, (r, op, _))| {
                    let binop = match op {
                        RedOp::Add | RedOp::Sub => BinOp::Add,
                        RedOp::Mul | RedOp::Div => BinOp::Mul,
                        RedOp::And => BinOp::BitAnd,
                        RedOp::Or => BinOp::BitOr,
                        _ => BinOp::BitXor,
                    };
                    st(
                        StmtKind::AugAssign {
                            target: name(r, sp),
                            op: binop,
                            value: sub(name("__mini_p", sp), k as i64, sp),
                        },
                        sp,
                    )
                })
                .collect();
            out.push(st(
                StmtKind::For {
                    target: name("__mini_p", sp),
                    iter: sub(name(&res, sp), 0, sp),
                    body: combine,
                    orelse: Vec::new(),
                },
                sp,
            ));
        }
        out.push(st(
            StmtKind::If {
                test: ex(
                    ExprKind::Compare(
                        Box::new(sub(name(&res, sp), 1, sp)),
                        vec![(CmpOp::IsNot, ex(ExprKind::Const(Constant::None), sp))],
                    ),
                    sp,
                ),
                body: vec![st(
                    StmtKind::Assign {
                        targets: vec![name(index, sp)],
                        value: sub(name(&res, sp), 1, sp),
                    },
                    sp,
                )],
                orelse: Vec::new(),
            },
            sp,
        ));
        Ok(out)
    }
}
