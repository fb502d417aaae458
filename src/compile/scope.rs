//! Symbol tables: which names of each function are locals, cells, free
//! variables or globals (CPython's `symtable.c`, simplified: no classes yet).
//!
//! Pass 1 walks the AST and records, for every function/lambda/comprehension
//! scope, the names it binds, uses, and declares `global`/`nonlocal`. Pass 2
//! resolves free names against the enclosing function scopes, turning the
//! binding in the outer scope into a cell. Scopes are keyed by the address of
//! their AST node, which does not move between analysis and code generation.

use std::collections::{HashMap, HashSet};

use crate::syntax::ast::*;
use crate::syntax::{SyntaxError, SyntaxErrorKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Comprehension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sym {
    /// A local slot.
    Local,
    /// A local captured by an inner function: lives in a cell.
    Cell,
    /// A variable of an enclosing function.
    Free,
    /// Declared `global`, or module level.
    GlobalExplicit,
    /// Not bound in any enclosing function: globals, then builtins.
    GlobalImplicit,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    /// Parameters in order.
    pub params: Vec<String>,
    /// Names bound in this scope, in order of first binding.
    pub bound: Vec<String>,
    bound_set: HashSet<String>,
    used: HashSet<String>,
    pub globals: HashSet<String>,
    nonlocals: HashMap<String, Span>,
    pub symbols: HashMap<String, Sym>,
    /// Captured locals, in a stable order.
    pub cellvars: Vec<String>,
    /// Names captured from outside, in a stable order.
    pub freevars: Vec<String>,
}

impl Scope {
    fn new(kind: ScopeKind, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            parent,
            params: Vec::new(),
            bound: Vec::new(),
            bound_set: HashSet::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashMap::new(),
            symbols: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
        }
    }

    pub fn lookup(&self, name: &str) -> Sym {
        match self.symbols.get(name) {
            Some(s) => *s,
            None if self.kind == ScopeKind::Module => Sym::GlobalExplicit,
            None => Sym::GlobalImplicit,
        }
    }
}

pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// AST node address → scope index.
    by_node: HashMap<usize, usize>,
}

impl SymbolTable {
    pub fn scope_of<T>(&self, node: &T) -> usize {
        self.by_node[&(node as *const T as usize)]
    }
}

fn err(msg: String, span: Span) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        msg,
        offset: span.start as usize,
        end: span.end as usize,
    }
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    current: usize,
}

/// Analyse a module.
pub fn analyze(module: &Module) -> Result<SymbolTable, SyntaxError> {
    let mut b = Builder {
        scopes: vec![Scope::new(ScopeKind::Module, None)],
        by_node: HashMap::new(),
        current: 0,
    };
    b.by_node.insert(module as *const Module as usize, 0);
    b.stmts(&module.body)?;
    for i in 0..b.scopes.len() {
        resolve(&mut b.scopes, i)?;
    }
    Ok(SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    })
}

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.scopes[self.current]
    }

    fn bind(&mut self, name: &str) -> Result<(), SyntaxError> {
        let s = self.scope();
        if s.bound_set.insert(name.to_string()) {
            s.bound.push(name.to_string());
        }
        Ok(())
    }

    fn use_name(&mut self, name: &str) {
        self.scope().used.insert(name.to_string());
    }

    fn enter<T>(&mut self, node: &T, kind: ScopeKind) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, Some(self.current)));
        self.by_node.insert(node as *const T as usize, id);
        let prev = self.current;
        self.current = id;
        prev
    }

    fn params(&mut self, params: &Params) -> Result<(), SyntaxError> {
        // CPython's slot order: positional, keyword-only, *args, **kwargs.
        for p in all_params(params) {
            if self.scope().bound_set.contains(&p.name) {
                return Err(err(
                    format!("duplicate argument '{}' in function definition", p.name),
                    p.span,
                ));
            }
            self.scope().params.push(p.name.clone());
            self.bind(&p.name)?;
        }
        Ok(())
    }

    /// Defaults, annotations and decorators are evaluated in the enclosing scope.
    fn param_outer_exprs(&mut self, params: &Params) -> Result<(), SyntaxError> {
        for p in all_params(params) {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
            if let Some(a) = &p.annotation {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                targets.iter().try_for_each(|t| self.target(t))
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.use_name(n);
                }
                self.target(target)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                self.expr(annotation)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.target(target)
            }
            StmtKind::CDef { names, .. } => {
                for (name, value) in names {
                    if let Some(v) = value {
                        self.expr(v)?;
                    }
                    self.bind(name)?;
                }
                Ok(())
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => Ok(()),
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.param_outer_exprs(&f.params)?;
                if let Some(r) = &f.returns {
                    self.expr(r)?;
                }
                self.bind(&f.name)?;
                let prev = self.enter(&**f, ScopeKind::Function);
                self.params(&f.params)?;
                self.stmts(&f.body)?;
                self.current = prev;
                Ok(())
            }
            StmtKind::ClassDef(_) => Err(err(
                "class definitions are not supported by mini yet".into(),
                Span {
                    start: s.span.start,
                    end: s.span.start + 5,
                },
            )),
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
                Ok(())
            }
            StmtKind::Global(names) => {
                for n in names {
                    let sc = self.scope();
                    if sc.params.contains(n) {
                        return Err(err(format!("name '{n}' is parameter and global"), s.span));
                    }
                    if sc.bound_set.contains(n) {
                        return Err(err(
                            format!("name '{n}' is assigned to before global declaration"),
                            s.span,
                        ));
                    }
                    if sc.used.contains(n) {
                        return Err(err(
                            format!("name '{n}' is used prior to global declaration"),
                            s.span,
                        ));
                    }
                    sc.globals.insert(n.clone());
                }
                Ok(())
            }
            StmtKind::Nonlocal(names) => {
                if self.scope().kind == ScopeKind::Module {
                    return Err(err(
                        "nonlocal declaration not allowed at module level".into(),
                        s.span,
                    ));
                }
                for n in names {
                    let sc = self.scope();
                    if sc.params.contains(n) {
                        return Err(err(format!("name '{n}' is parameter and nonlocal"), s.span));
                    }
                    if sc.bound_set.contains(n) {
                        return Err(err(
                            format!("name '{n}' is assigned to before nonlocal declaration"),
                            s.span,
                        ));
                    }
                    if sc.used.contains(n) {
                        return Err(err(
                            format!("name '{n}' is used prior to nonlocal declaration"),
                            s.span,
                        ));
                    }
                    sc.nonlocals.insert(n.clone(), s.span);
                }
                Ok(())
            }
            StmtKind::Del(targets) => targets.iter().try_for_each(|t| self.target(t)),
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
                Ok(())
            }
            StmtKind::Import { names, .. } => {
                for a in names {
                    let bound = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap_or("").to_string(),
                    };
                    self.bind(&bound)?;
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.scope().kind != ScopeKind::Module {
                            return Err(err(
                                "import * only allowed at module level".into(),
                                s.span,
                            ));
                        }
                        continue;
                    }
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.bind(&bound)?;
                }
                Ok(())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
                Ok(())
            }
            StmtKind::With { items, body } => {
                for it in items {
                    if !is_gil_marker(&it.context) {
                        self.expr(&it.context)?;
                    }
                    if let Some(t) = &it.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)
            }
        }
    }

    /// An assignment (or `del`) target.
    fn target(&mut self, t: &Expr) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.target(i))
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn comprehension<T>(
        &mut self,
        node: &T,
        gens: &[Comprehension],
        elts: &[&Expr],
    ) -> Result<(), SyntaxError> {
        // The first iterable is evaluated in the enclosing scope.
        self.expr(&gens[0].iter)?;
        let prev = self.enter(node, ScopeKind::Comprehension);
        self.scope().params.push(".0".into());
        self.bind(".0")?;
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        self.current = prev;
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.use_name(n);
                Ok(())
            }
            ExprKind::Const(_) => Ok(()),
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Tuple(v) | ExprKind::List(v) | ExprKind::Set(v) => {
                v.iter().try_for_each(|x| self.expr(x))
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
                Ok(())
            }
            ExprKind::Starred(x) | ExprKind::Unary(_, x) | ExprKind::Attribute(x, _) => {
                self.expr(x)
            }
            ExprKind::Binary(a, _, b) | ExprKind::Subscript(a, b) => {
                self.expr(a)?;
                self.expr(b)
            }
            ExprKind::BoolOp(_, v) => v.iter().try_for_each(|x| self.expr(x)),
            ExprKind::Compare(first, rest) => {
                self.expr(first)?;
                rest.iter().try_for_each(|(_, x)| self.expr(x))
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Lambda(params, body) => {
                self.param_outer_exprs(params)?;
                let prev = self.enter(e, ScopeKind::Function);
                self.params(params)?;
                self.expr(body)?;
                self.current = prev;
                Ok(())
            }
            ExprKind::Call(f, args) => {
                self.expr(f)?;
                for a in args {
                    match a {
                        Arg::Positional(x)
                        | Arg::Star(x)
                        | Arg::Keyword(_, x)
                        | Arg::DoubleStar(x) => self.expr(x)?,
                    }
                }
                Ok(())
            }
            ExprKind::Slice(a, b, c) => {
                for x in [a, b, c].into_iter().flatten() {
                    self.expr(x)?;
                }
                Ok(())
            }
            ExprKind::ListComp(elt, gens)
            | ExprKind::SetComp(elt, gens)
            | ExprKind::GeneratorExp(elt, gens) => self.comprehension(e, gens, &[elt]),
            ExprKind::DictComp(k, v, gens) => self.comprehension(e, gens, &[k, v]),
        }
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> Result<(), SyntaxError> {
        for p in parts {
            if let FStringPart::Expr { expr, spec, .. } = p {
                self.expr(expr)?;
                if let Some(spec) = spec {
                    self.fstring(spec)?;
                }
            }
        }
        Ok(())
    }
}

/// Every parameter in slot order: positional, keyword-only, *args, **kwargs.
pub fn all_params(params: &Params) -> impl Iterator<Item = &Param> {
    params
        .args
        .iter()
        .chain(params.kwonly.iter())
        .chain(params.vararg.iter())
        .chain(params.kwarg.iter())
}

/// `nogil`, `gil` and `parallel(...)` in a `with` statement are Cython markers,
/// not context managers.
pub fn is_gil_marker(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(n) => n == "nogil" || n == "gil",
        ExprKind::Call(f, _) => matches!(&f.kind, ExprKind::Name(n) if n == "parallel"),
        _ => false,
    }
}

/// Pass 2 for scope `i`: classify every name it binds or uses.
fn resolve(scopes: &mut [Scope], i: usize) -> Result<(), SyntaxError> {
    if scopes[i].kind == ScopeKind::Module {
        return Ok(());
    }
    let names: Vec<String> = {
        let s = &scopes[i];
        let mut v: Vec<String> = s.bound.clone();
        let mut used: Vec<&String> = s
            .used
            .iter()
            .filter(|n| !s.bound_set.contains(*n))
            .collect();
        used.sort();
        v.extend(used.into_iter().cloned());
        v.extend(
            s.nonlocals
                .keys()
                .filter(|n| !s.bound_set.contains(*n))
                .cloned(),
        );
        v
    };
    for name in names {
        if scopes[i].symbols.contains_key(&name) {
            continue;
        }
        let sym = if scopes[i].globals.contains(&name) {
            Sym::GlobalExplicit
        } else if let Some(span) = scopes[i].nonlocals.get(&name).copied() {
            if !capture(scopes, i, &name) {
                return Err(err(format!("no binding for nonlocal '{name}' found"), span));
            }
            Sym::Free
        } else if scopes[i].bound_set.contains(&name) {
            Sym::Local
        } else if capture(scopes, i, &name) {
            Sym::Free
        } else {
            Sym::GlobalImplicit
        };
        scopes[i].symbols.insert(name, sym);
    }
    Ok(())
}

/// Find `name` bound in a function scope enclosing `i`; mark it a cell there
/// and free in every scope in between. Returns false if no function binds it.
fn capture(scopes: &mut [Scope], i: usize, name: &str) -> bool {
    let mut chain = vec![i];
    let mut cur = scopes[i].parent;
    while let Some(p) = cur {
        if scopes[p].kind == ScopeKind::Module {
            return false;
        }
        let s = &scopes[p];
        if s.globals.contains(name) {
            return false;
        }
        if s.bound_set.contains(name) && !s.nonlocals.contains_key(name) {
            let s = &mut scopes[p];
            s.symbols.insert(name.to_string(), Sym::Cell);
            if !s.cellvars.iter().any(|c| c == name) {
                s.cellvars.push(name.to_string());
            }
            for &c in &chain {
                let s = &mut scopes[c];
                if !s.freevars.iter().any(|f| f == name) {
                    s.freevars.push(name.to_string());
                }
                if c != i {
                    s.symbols.insert(name.to_string(), Sym::Free);
                }
            }
            return true;
        }
        chain.push(p);
        cur = s.parent;
    }
    false
}
