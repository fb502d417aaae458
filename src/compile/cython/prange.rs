//! Cython's `prange` rules as AST analysis: the options of a `prange(...)`
//! call, a loop body's reductions and lastprivates, and the variables a
//! kernel block reads and writes — each with Cython's messages. Used by the
//! compiler (site descriptions, the GIL-holding rewrite) and by the kernel
//! lowering.

use super::{Flavor, KError, rule};
use crate::syntax::ast::*;

type LResult<T> = Result<T, KError>;

/// What a reduction combines with (Cython's and Numba's operators).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedOp {
    Add,
    Sub,
    Mul,
    Div,
    And,
    Or,
    Xor,
    Max,
    Min,
}

impl RedOp {
    /// As Cython writes it in its messages.
    pub fn symbol(self) -> &'static str {
        match self {
            RedOp::Add => "+",
            RedOp::Sub => "-",
            RedOp::Mul => "*",
            RedOp::Div => "/",
            RedOp::And => "&",
            RedOp::Or => "|",
            RedOp::Xor => "^",
            RedOp::Max => "max",
            RedOp::Min => "min",
        }
    }
}

/// How a parallel loop hands out iterations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    Static,
    Dynamic,
    Guided,
    /// `OMP_SCHEDULE` at run time.
    Runtime,
}

impl Schedule {
    pub fn by_name(s: &str) -> Option<Schedule> {
        Some(match s {
            "static" => Schedule::Static,
            "dynamic" => Schedule::Dynamic,
            "guided" => Schedule::Guided,
            "runtime" => Schedule::Runtime,
            _ => return None,
        })
    }
}

/// The keyword options of a `prange(...)` call.
pub struct PrangeOptions<'e> {
    pub positional: Vec<&'e Expr>,
    pub nogil: bool,
    pub schedule: Schedule,
    pub chunksize: Option<&'e Expr>,
    pub num_threads: Option<&'e Expr>,
    pub use_threads_if: Option<&'e Expr>,
}

/// Check a prange call's arguments with Cython's rules and messages.
pub fn prange_options(args: &[Arg], span: Span) -> LResult<PrangeOptions<'_>> {
    let mut o = PrangeOptions {
        positional: Vec::new(),
        nogil: false,
        schedule: Schedule::Static,
        chunksize: None,
        num_threads: None,
        use_threads_if: None,
    };
    let mut schedule_given = false;
    for a in args {
        match a {
            Arg::Positional(e) => o.positional.push(e),
            Arg::Keyword(k, e) => match k.as_str() {
                "nogil" => {
                    o.nogil = match &e.kind {
                        ExprKind::Const(Constant::True) => true,
                        ExprKind::Const(Constant::False) => false,
                        ExprKind::Const(Constant::Int(i)) => *i != 0,
                        _ => {
                            return rule(
                                "nogil must be a compile-time constant (True or False)",
                                e.span,
                            );
                        }
                    }
                }
                "schedule" => {
                    let ExprKind::Const(Constant::Str(s)) = &e.kind else {
                        return rule("schedule must be a string constant", e.span);
                    };
                    o.schedule = match Schedule::by_name(s) {
                        Some(s) => s,
                        None => {
                            return rule(
                                format!("Invalid schedule argument to prange: {s}"),
                                e.span,
                            );
                        }
                    };
                    schedule_given = true;
                }
                "chunksize" => o.chunksize = Some(e),
                "num_threads" => o.num_threads = Some(e),
                "use_threads_if" => o.use_threads_if = Some(e),
                _ => return rule(format!("Invalid keyword argument to prange: {k}"), e.span),
            },
            _ => return rule("prange takes no star arguments", span),
        }
    }
    if o.positional.is_empty() || o.positional.len() > 3 {
        return rule(
            format!(
                "prange expected 1 to 3 positional arguments, got {}",
                o.positional.len()
            ),
            span,
        );
    }
    if let Some(c) = o.chunksize {
        if !schedule_given {
            return rule("Must provide schedule with chunksize", c.span);
        }
        if o.schedule == Schedule::Runtime {
            return rule("Chunksize not valid for the schedule runtime", c.span);
        }
        if let ExprKind::Const(Constant::Int(i)) = c.kind
            && i <= 0
        {
            return rule("Chunksize must not be negative", c.span);
        }
    }
    if let Some(n) = o.num_threads
        && let ExprKind::Const(Constant::Int(i)) = n.kind
        && i <= 0
    {
        return rule("argument to num_threads must be greater than 0", n.span);
    }
    Ok(o)
}

/// What a prange body does with its variables.
#[derive(Debug, Default)]
pub struct LoopAnalysis {
    /// `x op= e` variables, with the operator (Cython's reductions).
    pub reductions: Vec<(String, RedOp, Span)>,
    /// Every other variable assigned in the body (lastprivate).
    pub assigned: Vec<String>,
}

#[derive(Default)]
struct Walk {
    aug: Vec<(String, RedOp, Span)>,
    /// Names assigned otherwise than by a reduction update.
    assigned: Vec<String>,
    /// Every read of a name, with its span (not counting `x` in `x op= e`).
    reads: Vec<(String, Span)>,
}

impl Walk {
    fn assign(&mut self, n: &str) {
        if !self.assigned.iter().any(|a| a == n) {
            self.assigned.push(n.to_string());
        }
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => self.assign(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| self.target(i))
            }
            ExprKind::Subscript(b, i) => {
                self.expr(b);
                self.expr(i);
            }
            _ => self.expr(t),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.reads.push((n.clone(), e.span)),
            ExprKind::Call(f, args) => {
                if !matches!(f.kind, ExprKind::Name(_)) {
                    self.expr(f);
                }
                for a in args {
                    match a {
                        Arg::Positional(x)
                        | Arg::Keyword(_, x)
                        | Arg::Star(x)
                        | Arg::DoubleStar(x) => self.expr(x),
                    }
                }
            }
            ExprKind::Attribute(o, _) => self.expr(o),
            ExprKind::Unary(_, x) | ExprKind::Starred(x) => self.expr(x),
            ExprKind::Binary(a, _, b) | ExprKind::Subscript(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::BoolOp(_, xs)
            | ExprKind::Tuple(xs)
            | ExprKind::List(xs)
            | ExprKind::Set(xs) => xs.iter().for_each(|x| self.expr(x)),
            ExprKind::Compare(a, rest) => {
                self.expr(a);
                rest.iter().for_each(|(_, x)| self.expr(x));
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Slice(a, b, c) => {
                for x in [a, b, c].into_iter().flatten() {
                    self.expr(x);
                }
            }
            _ => {}
        }
    }

    fn stmts(&mut self, body: &[Stmt], flavor: Flavor) {
        for s in body {
            self.stmt(s, flavor);
        }
    }

    fn stmt(&mut self, s: &Stmt, flavor: Flavor) {
        match &s.kind {
            StmtKind::AugAssign { target, op, value } => {
                let red = match op {
                    BinOp::Add => Some(RedOp::Add),
                    BinOp::Sub => Some(RedOp::Sub),
                    BinOp::Mul => Some(RedOp::Mul),
                    BinOp::Div if flavor == Flavor::Numba => Some(RedOp::Div),
                    BinOp::BitAnd if flavor == Flavor::Cython => Some(RedOp::And),
                    BinOp::BitOr if flavor == Flavor::Cython => Some(RedOp::Or),
                    BinOp::BitXor if flavor == Flavor::Cython => Some(RedOp::Xor),
                    _ => None,
                };
                match (&target.kind, red) {
                    (ExprKind::Name(n), Some(r)) => self.aug.push((n.clone(), r, s.span)),
                    (ExprKind::Name(n), None) => {
                        self.reads.push((n.clone(), target.span));
                        self.assign(n);
                    }
                    _ => self.target(target),
                }
                self.expr(value);
            }
            StmtKind::Assign { targets, value } => {
                // Numba's `x = max(x, e)` / `min` reduction.
                if flavor == Flavor::Numba
                    && let [
                        Expr {
                            kind: ExprKind::Name(x),
                            ..
                        },
                    ] = targets.as_slice()
                    && let ExprKind::Call(f, args) = &value.kind
                    && let ExprKind::Name(fname) = &f.kind
                    && (fname == "max" || fname == "min")
                    && args.len() == 2
                {
                    let is_x = |a: &Arg| matches!(a, Arg::Positional(Expr { kind: ExprKind::Name(n), .. }) if n == x);
                    let other = if is_x(&args[0]) {
                        Some(&args[1])
                    } else if is_x(&args[1]) {
                        Some(&args[0])
                    } else {
                        None
                    };
                    if let Some(Arg::Positional(o)) = other {
                        let op = if fname == "max" {
                            RedOp::Max
                        } else {
                            RedOp::Min
                        };
                        self.aug.push((x.clone(), op, s.span));
                        self.expr(o);
                        return;
                    }
                }
                self.expr(value);
                targets.iter().for_each(|t| self.target(t));
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v);
                }
                self.target(target);
            }
            StmtKind::CDef { names, .. } => {
                for (n, v) in names {
                    if let Some(v) = v {
                        self.expr(v);
                    }
                    self.assign(n);
                }
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body, flavor);
                self.stmts(orelse, flavor);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter);
                self.target(target);
                self.stmts(body, flavor);
                self.stmts(orelse, flavor);
            }
            StmtKind::With { body, .. } => self.stmts(body, flavor),
            StmtKind::Return(Some(e)) => self.expr(e),
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            _ => {}
        }
    }
}

/// Reductions and lastprivates of a prange body, with Cython's errors.
pub fn analyze_loop(body: &[Stmt], index: &str, flavor: Flavor) -> LResult<LoopAnalysis> {
    let mut w = Walk::default();
    w.stmts(body, flavor);
    let mut out = LoopAnalysis::default();
    for (name, op, span) in &w.aug {
        if w.assigned.iter().any(|a| a == name) || name == index {
            continue;
        }
        match out.reductions.iter().find(|(n, _, _)| n == name) {
            Some((_, prev, _)) if prev != op => {
                return rule(
                    format!(
                        "Reduction operator '{}' is inconsistent with previous reduction operator '{}'",
                        op.symbol(),
                        prev.symbol()
                    ),
                    *span,
                );
            }
            Some(_) => {}
            None => out.reductions.push((name.clone(), *op, *span)),
        }
    }
    for (name, span) in &w.reads {
        if out.reductions.iter().any(|(n, _, _)| n == name) {
            return rule("Cannot read reduction variable in loop body", *span);
        }
    }
    // `x op= e` on a variable also assigned plainly is an ordinary update.
    for (name, _, _) in &w.aug {
        if !out.reductions.iter().any(|(n, _, _)| n == name) && !w.assigned.contains(name) {
            w.assigned.push(name.clone());
        }
    }
    out.assigned = w.assigned;
    if !out.assigned.iter().any(|a| a == index) {
        out.assigned.push(index.to_string());
    }
    Ok(out)
}

/// Names a block reads before it assigns them (its inputs) and the names it
/// assigns (its outputs), in first-seen order; calls' function names and
/// modules are not variables.
pub fn free_names(body: &[Stmt], flavor: Flavor) -> (Vec<String>, Vec<String>) {
    // Walk in order, tracking first occurrence kind.
    let mut seen: Vec<(String, bool)> = Vec::new(); // (name, first was a read)
    fn note(seen: &mut Vec<(String, bool)>, n: &str, read: bool) {
        if !seen.iter().any(|(s, _)| s == n) {
            seen.push((n.to_string(), read));
        }
    }
    fn walk_stmts(body: &[Stmt], seen: &mut Vec<(String, bool)>, flavor: Flavor) {
        for s in body {
            let mut w = Walk::default();
            match &s.kind {
                StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                    w.expr(test);
                    for (n, _) in &w.reads {
                        note(seen, n, true);
                    }
                    walk_stmts(body, seen, flavor);
                    walk_stmts(orelse, seen, flavor);
                    continue;
                }
                StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                } => {
                    w.expr(iter);
                    for (n, _) in &w.reads {
                        note(seen, n, true);
                    }
                    let mut t = Walk::default();
                    t.target(target);
                    for n in &t.assigned {
                        note(seen, n, false);
                    }
                    for (n, _) in &t.reads {
                        note(seen, n, true);
                    }
                    walk_stmts(body, seen, flavor);
                    walk_stmts(orelse, seen, flavor);
                    continue;
                }
                StmtKind::With { body, items } => {
                    for it in items {
                        if let ExprKind::Call(_, args) = &it.context.kind {
                            for a in args {
                                if let Arg::Keyword(_, e) | Arg::Positional(e) = a {
                                    w.expr(e);
                                }
                            }
                        }
                    }
                    for (n, _) in &w.reads {
                        note(seen, n, true);
                    }
                    walk_stmts(body, seen, flavor);
                    continue;
                }
                _ => w.stmt(s, flavor),
            }
            for (n, _) in &w.reads {
                note(seen, n, true);
            }
            for (n, _, _) in &w.aug {
                note(seen, n, true);
            }
            for n in &w.assigned {
                note(seen, n, false);
            }
        }
    }
    walk_stmts(body, &mut seen, flavor);
    let inputs = seen
        .iter()
        .filter(|(_, r)| *r)
        .map(|(n, _)| n.clone())
        .collect();
    let mut w = Walk::default();
    w.stmts(body, flavor);
    let mut outputs = w.assigned.clone();
    for (n, _, _) in &w.aug {
        if !outputs.contains(n) {
            outputs.push(n.clone());
        }
    }
    (inputs, outputs)
}
