//! AST → code objects.
//!
//! One `Unit` per code object being built (module, function, lambda,
//! comprehension). Control flow uses labels patched at the end of the unit.
//! Exception handling uses an exception table (CPython 3.11's "zero-cost"
//! scheme): a `try` body is a protected *region*; when `return`/`break`/
//! `continue` leave a region early, the region is closed, the exits of the
//! blocks being left (`finally` bodies, `with` exits, loop iterators) are
//! emitted inline, and the region is reopened after the jump.

mod cython;

use std::collections::HashMap;
use std::sync::Arc;

use super::bytecode::{CellIdx, Code, ConstIdx, ExcEntry, Instr, NameIdx, Slot, Target, flags};
use super::cython::{CTy, CyNames, KernelFile, Kernels, collect_cdefs, to_syntax_error};
use super::scope::{ScopeKind, Sym, SymbolTable, analyze, is_gil_marker};
use crate::syntax::ast::*;
use crate::syntax::source::SourceMap;
use crate::syntax::{SyntaxError, SyntaxErrorKind};
use crate::vm::value::Value;

/// Nesting deeper than this raises a SyntaxError instead of exhausting the
/// native stack (CPython gives up even earlier, at 200 brackets).
const MAX_NESTING: u32 = 3000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A file or `-c` code: expression statements discard their value.
    File,
    /// The REPL: top-level expression statements echo their value.
    Interactive,
}

type Label = usize;

/// A jump's operand until `pop_unit` patches it: the label's number.
fn label(l: Label) -> Target {
    Target(l as u32)
}

/// A block the code being compiled is nested in, for unwinding on
/// `return`/`break`/`continue`.
#[derive(Clone)]
enum FBlockKind<'a> {
    While {
        brk: Label,
        cont: Label,
    },
    For {
        brk: Label,
        cont: Label,
    },
    TryExcept,
    /// A try body whose `finally` must run when it is left early.
    FinallyTry(&'a [Stmt]),
    /// The `finally` body run because of an exception (exc on the stack).
    FinallyEnd,
    /// An `except` body (exc on the stack, exc_info pushed).
    ExceptHandler,
    /// A `with` body (`__exit__` on the stack).
    With,
}

#[derive(Clone)]
struct FBlock<'a> {
    kind: FBlockKind<'a>,
    /// Values this block keeps on the operand stack.
    items: u32,
    /// The protected region, if any: (handler label, stack depth, start of
    /// the currently open range).
    region: Option<(Label, u32, u32)>,
}

struct Unit<'a> {
    scope: usize,
    name: String,
    qualname: String,
    first_line: u32,
    instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    const_index: HashMap<ConstKey, ConstIdx>,
    names: Vec<Value>,
    name_index: HashMap<String, NameIdx>,
    varnames: Vec<String>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    children: Vec<Arc<Code>>,
    exc_table: Vec<ExcEntry>,
    labels: Vec<Option<u32>>,
    fblocks: Vec<FBlock<'a>>,
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    flags: u32,
}

#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(String),
}

pub struct Compiler<'a> {
    symtable: SymbolTable,
    source: Arc<str>,
    filename: Arc<str>,
    map: SourceMap,
    units: Vec<Unit<'a>>,
    mode: Mode,
    cur_line: u32,
    depth: u32,
    /// One shared `str` object per distinct name or string constant of the
    /// file, so global lookups match keys by pointer (see `Vm::load_global`).
    interned: HashMap<String, Value>,
    /// What imported names mean to Cython kernels in this file.
    kenv: Arc<CyNames>,
    /// The kernel runtime, which turns site descriptions into constants.
    kernels: Box<dyn KernelFile>,
    /// The `cdef` types of the function (or module) being compiled.
    cdefs: Vec<HashMap<String, CTy>>,
    /// Compile-time warnings, in source order.
    warnings: Vec<String>,
}

/// Compile a parsed module to its code object; Cython's compile-time
/// warnings are appended to `warnings` (also when compiling fails).
pub fn compile_module(
    module: &Module,
    source: Arc<str>,
    filename: Arc<str>,
    mode: Mode,
    kernels: Kernels,
    warnings: &mut Vec<String>,
) -> Result<Arc<Code>, SyntaxError> {
    let kenv = CyNames::scan(module, source.clone());
    // GIL-holding prange loops become chunk functions run by a team.
    let rewritten = super::cython::gilloop::rewrite_module(module, &kenv, &filename, warnings)
        .map_err(|e| to_syntax_error(&e))?;
    let module = rewritten.as_ref().unwrap_or(module);
    let symtable = analyze(module)?;
    let map = SourceMap::new(&source);
    let mut c = Compiler {
        symtable,
        source,
        filename,
        map,
        units: Vec::new(),
        mode,
        cur_line: 1,
        depth: 0,
        interned: HashMap::new(),
        kernels: kernels(kenv.clone()),
        kenv,
        cdefs: vec![collect_cdefs(&module.body, &Params::default())],
        warnings: Vec::new(),
    };
    c.push_unit(0, "<module>".into(), "<module>".into(), 1);
    c.unit().flags |= flags::MODULE;
    let body = c.stmts(&module.body);
    warnings.append(&mut c.warnings);
    body?;
    c.emit_return_none();
    c.pop_unit()
}

fn syntax_err(msg: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Syntax,
        msg: msg.into(),
        offset: span.start as usize,
        end: span.end as usize,
    }
}

impl<'a> Compiler<'a> {
    // ---------------------------------------------------------------- units

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is always open")
    }

    fn push_unit(&mut self, scope: usize, name: String, qualname: String, first_line: u32) {
        let sc = &self.symtable.scopes[scope];
        let mut varnames: Vec<String> = sc.params.clone();
        if sc.kind != ScopeKind::Module {
            for n in &sc.bound {
                if sc.lookup(n) == Sym::Local && !varnames.contains(n) {
                    varnames.push(n.clone());
                }
            }
        }
        self.units.push(Unit {
            scope,
            name,
            qualname,
            first_line,
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames,
            cellvars: sc.cellvars.clone(),
            freevars: sc.freevars.clone(),
            children: Vec::new(),
            exc_table: Vec::new(),
            labels: Vec::new(),
            fblocks: Vec::new(),
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            flags: 0,
        });
    }

    fn pop_unit(&mut self) -> Result<Arc<Code>, SyntaxError> {
        let u = self.units.pop().expect("a unit is open");
        let mut instrs = u.instrs;
        // Resolve label operands to instruction indices: every instruction
        // with a `Target` operand (the table says which) carries a label.
        for ins in instrs.iter_mut() {
            if let Some(t) = ins.target_mut() {
                *t = Target(bound_label(&u.labels, t.idx())?);
            }
        }
        let exc_table = u
            .exc_table
            .iter()
            .map(|e| {
                Ok(ExcEntry {
                    handler: bound_label(&u.labels, e.handler as usize)?,
                    ..*e
                })
            })
            .collect::<Result<_, SyntaxError>>()?;
        // Cell parameters: copied from their local slot into the cell on entry.
        let cell_params = u
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| {
                let sc = &self.symtable.scopes[u.scope];
                sc.params
                    .iter()
                    .position(|p| p == name)
                    .map(|slot| (CellIdx(ci as u32), Slot(slot as u32)))
            })
            .collect();
        // Free variables come from the enclosing unit's cells (cellvars then freevars).
        let free_sources = match self.units.last() {
            Some(parent) => u
                .freevars
                .iter()
                .map(|f| {
                    parent
                        .cellvars
                        .iter()
                        .chain(parent.freevars.iter())
                        .position(|c| c == f)
                        .map_or(CellIdx(0), |i| CellIdx(i as u32))
                })
                .collect(),
            None => Vec::new(),
        };
        let nnames = u.names.len();
        // The global that names this function itself, for recursive calls.
        let name_index = |name: &str| {
            u.names
                .iter()
                .position(|n| matches!(n, Value::Str(s) if s.as_str() == name))
                .map(|i| NameIdx(i as u32))
        };
        let known_names = super::quicken::KnownNames {
            own: name_index(&u.name),
            append: name_index("append"),
            pop: name_index("pop"),
        };
        let shape = super::bytecode::CallShape::new(
            u.argcount,
            u.kwonly,
            u.flags,
            u.varnames.len(),
            u.cellvars.len(),
        );
        Ok(Arc::new(Code {
            shape,
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            first_line: u.first_line,
            quick: super::quicken::quicken(&instrs, known_names),
            instrs,
            lines: u.lines,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            cell_params,
            free_sources,
            argcount: u.argcount,
            posonlyargcount: u.posonly,
            kwonlyargcount: u.kwonly,
            flags: u.flags,
            exc_table,
            children: u.children,
            source: self.source.clone(),
            global_cache: (0..nnames)
                .map(|_| super::bytecode::GlobalCache::new())
                .collect(),
        }))
    }

    // ------------------------------------------------------------- emitting

    fn emit(&mut self, i: Instr) -> usize {
        if let Some(fused) = self.fuse(i) {
            return fused;
        }
        let line = self.cur_line;
        let u = self.unit();
        u.instrs.push(i);
        u.lines.push(line);
        u.instrs.len() - 1
    }

    /// Peephole: `Compare; PopJumpIfFalse` becomes `CompareJumpIfFalse`
    /// unless a jump lands between the two.
    fn fuse(&mut self, i: Instr) -> Option<usize> {
        let Instr::PopJumpIfFalse(target) = i else {
            return None;
        };
        let u = self.unit();
        let pc = u.instrs.len() as u32;
        let Some(Instr::Compare(op)) = u.instrs.last().copied() else {
            return None;
        };
        if u.labels.contains(&Some(pc)) {
            return None;
        }
        let last = u.instrs.len() - 1;
        u.instrs[last] = Instr::CompareJumpIfFalse(op, target);
        Some(last)
    }

    fn pc(&mut self) -> u32 {
        self.unit().instrs.len() as u32
    }

    fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        u.labels.len() - 1
    }

    fn bind_label(&mut self, l: Label) {
        let pc = self.pc();
        self.unit().labels[l] = Some(pc);
    }

    fn emit_const(&mut self, v: Value, key: Option<ConstKey>) {
        let u = self.unit();
        let idx = match key {
            Some(k) => match u.const_index.get(&k) {
                Some(&i) => i,
                None => {
                    u.consts.push(v);
                    let i = ConstIdx(u.consts.len() as u32 - 1);
                    u.const_index.insert(k, i);
                    i
                }
            },
            None => {
                u.consts.push(v);
                ConstIdx(u.consts.len() as u32 - 1)
            }
        };
        self.emit(Instr::LoadConst(idx));
    }

    fn load_none(&mut self) {
        self.emit_const(Value::None, Some(ConstKey::None));
    }

    fn intern(&mut self, s: &str) -> Value {
        self.interned
            .entry(s.to_string())
            .or_insert_with(|| Value::str(s))
            .clone()
    }

    fn load_str(&mut self, s: &str) {
        let v = self.intern(s);
        self.emit_const(v, Some(ConstKey::Str(s.to_string())));
    }

    fn name_idx(&mut self, name: &str) -> NameIdx {
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        let v = self.intern(name);
        let u = self.unit();
        u.names.push(v);
        let i = NameIdx(u.names.len() as u32 - 1);
        u.name_index.insert(name.to_string(), i);
        i
    }

    fn emit_return_none(&mut self) {
        self.load_none();
        self.emit(Instr::Return);
    }

    fn set_line(&mut self, span: Span) {
        self.cur_line = self.map.line_of(span.start);
    }

    // ---------------------------------------------------------- variables

    fn scope_kind(&self) -> ScopeKind {
        let u = self.units.last().expect("unit");
        self.symtable.scopes[u.scope].kind
    }

    fn sym(&self, name: &str) -> Sym {
        let u = self.units.last().expect("unit");
        self.symtable.scopes[u.scope].lookup(name)
    }

    fn local_slot(&mut self, name: &str) -> Slot {
        let u = self.unit();
        match u.varnames.iter().position(|v| v == name) {
            Some(i) => Slot(i as u32),
            None => {
                u.varnames.push(name.to_string());
                Slot(u.varnames.len() as u32 - 1)
            }
        }
    }

    fn cell_slot(&mut self, name: &str) -> CellIdx {
        let u = self.unit();
        CellIdx(
            u.cellvars
                .iter()
                .chain(u.freevars.iter())
                .position(|c| c == name)
                .unwrap_or(0) as u32,
        )
    }

    fn load_name(&mut self, name: &str) {
        let i = match self.sym(name) {
            Sym::Local => Instr::LoadFast(self.local_slot(name)),
            Sym::Cell | Sym::Free => Instr::LoadDeref(self.cell_slot(name)),
            Sym::GlobalExplicit | Sym::GlobalImplicit => Instr::LoadGlobal(self.name_idx(name)),
        };
        self.emit(i);
    }

    fn store_name(&mut self, name: &str) {
        let i = match self.sym(name) {
            Sym::Local => Instr::StoreFast(self.local_slot(name)),
            Sym::Cell | Sym::Free => Instr::StoreDeref(self.cell_slot(name)),
            Sym::GlobalExplicit | Sym::GlobalImplicit => Instr::StoreGlobal(self.name_idx(name)),
        };
        self.emit(i);
    }

    fn delete_name(&mut self, name: &str) {
        let i = match self.sym(name) {
            Sym::Local => Instr::DeleteFast(self.local_slot(name)),
            Sym::Cell | Sym::Free => Instr::DeleteDeref(self.cell_slot(name)),
            Sym::GlobalExplicit | Sym::GlobalImplicit => Instr::DeleteGlobal(self.name_idx(name)),
        };
        self.emit(i);
    }

    // ------------------------------------------------- blocks and regions

    fn stack_items(&self) -> u32 {
        self.units
            .last()
            .map_or(0, |u| u.fblocks.iter().map(|f| f.items).sum())
    }

    /// Push a block; if `handler` is given, open a protected region whose
    /// exceptions unwind the stack to `depth` and jump to the handler.
    fn push_fblock(&mut self, kind: FBlockKind<'a>, items: u32, handler: Option<(Label, u32)>) {
        let pc = self.pc();
        let region = handler.map(|(h, depth)| (h, depth, pc));
        self.unit().fblocks.push(FBlock {
            kind,
            items,
            region,
        });
    }

    fn close_range(&mut self, fb: &FBlock<'a>) {
        if let Some((handler, depth, start)) = fb.region {
            let end = self.pc();
            if end > start {
                self.unit().exc_table.push(ExcEntry {
                    start,
                    end,
                    handler: handler as u32,
                    depth,
                });
            }
        }
    }

    fn pop_fblock(&mut self) {
        let fb = self.unit().fblocks.pop().expect("fblock");
        self.close_range(&fb);
    }

    /// Leave blocks down to (not including) index `level`, emitting each
    /// block's exit code, then run `jump` and reopen the regions.
    fn unwind(
        &mut self,
        level: usize,
        jump: impl FnOnce(&mut Self) -> Result<(), SyntaxError>,
    ) -> Result<(), SyntaxError> {
        let saved = self.unit().fblocks.clone();
        while self.unit().fblocks.len() > level {
            let fb = self.unit().fblocks.pop().expect("fblock");
            self.close_range(&fb);
            match fb.kind {
                FBlockKind::While { .. } | FBlockKind::TryExcept => {}
                FBlockKind::For { .. } => {
                    self.emit(Instr::Pop);
                }
                FBlockKind::FinallyTry(body) => self.stmts(body)?,
                FBlockKind::FinallyEnd | FBlockKind::ExceptHandler => {
                    self.emit(Instr::PopExcInfo);
                    self.emit(Instr::Pop);
                }
                FBlockKind::With => {
                    self.emit(Instr::WithExit);
                }
            }
        }
        jump(self)?;
        // Code after the jump is still inside the blocks: reopen their ranges.
        let pc = self.pc();
        let u = self.unit();
        u.fblocks = saved;
        for fb in u.fblocks[level..].iter_mut() {
            if let Some(r) = fb.region.as_mut() {
                r.2 = pc;
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------- statements

    fn stmts(&mut self, body: &'a [Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'a Stmt) -> Result<(), SyntaxError> {
        self.set_line(s.span);
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                if self.mode == Mode::Interactive && self.scope_kind() == ScopeKind::Module {
                    self.emit(Instr::PrintExpr);
                } else {
                    self.emit(Instr::Pop);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::Dup);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
            }
            StmtKind::CDef { ctype, names } => self.cdef(ctype, names)?,
            StmtKind::If { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Instr::PopJumpIfFalse(label(else_l)));
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.emit(Instr::Jump(label(end)));
                }
                self.bind_label(else_l);
                self.stmts(orelse)?;
                self.bind_label(end);
            }
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                if !(self.kenv.is_prange(iter) && self.prange_stmt(s, iter)?) {
                    self.for_stmt(target, iter, body, orelse)?
                }
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                let found = self.unit().fblocks.iter().rposition(|f| {
                    matches!(f.kind, FBlockKind::While { .. } | FBlockKind::For { .. })
                });
                let Some(idx) = found else {
                    let msg = if is_break {
                        "'break' outside loop"
                    } else {
                        "'continue' not properly in loop"
                    };
                    return Err(syntax_err(msg, s.span));
                };
                let (brk, cont) = match self.unit().fblocks[idx].kind {
                    FBlockKind::While { brk, cont } | FBlockKind::For { brk, cont } => (brk, cont),
                    _ => unreachable!("found a loop block"),
                };
                if is_break {
                    self.unwind(idx, |c| {
                        c.emit(Instr::Jump(label(brk)));
                        Ok(())
                    })?;
                } else {
                    self.unwind(idx + 1, |c| {
                        c.emit(Instr::JumpBack(label(cont)));
                        Ok(())
                    })?;
                }
            }
            StmtKind::Pass => {}
            StmtKind::FunctionDef(f) => self.function_def(f, s.span)?,
            StmtKind::ClassDef(_) => {
                return Err(syntax_err(
                    "class definitions are not supported by mini yet",
                    s.span,
                ));
            }
            StmtKind::Return(value) => {
                if self.scope_kind() == ScopeKind::Module {
                    return Err(syntax_err("'return' outside function", s.span));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_none(),
                }
                if self.unit().fblocks.is_empty() {
                    self.emit(Instr::Return);
                } else {
                    // Park the value in a hidden local while `finally` bodies
                    // and other exits run, so their stack depths stay exact.
                    let slot = self.local_slot(".retval");
                    self.emit(Instr::StoreFast(slot));
                    self.unwind(0, |c| {
                        c.emit(Instr::LoadFast(slot));
                        c.emit(Instr::Return);
                        Ok(())
                    })?;
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Instr::PopJumpIfTrue(label(end)));
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(1));
                self.bind_label(end);
            }
            StmtKind::Import { names, .. } => {
                for a in names {
                    let idx = self.name_idx(&a.name);
                    self.emit(Instr::ImportName(idx));
                    match &a.asname {
                        Some(asname) => self.store_name(asname),
                        None => {
                            let top = a.name.split('.').next().unwrap_or("").to_string();
                            if top != a.name {
                                self.emit(Instr::Pop);
                                let idx = self.name_idx(&top);
                                self.emit(Instr::ImportName(idx));
                            }
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
                ..
            } => {
                if *level > 0 {
                    return Err(syntax_err(
                        "attempted relative import with no known parent package",
                        s.span,
                    ));
                }
                let idx = self.name_idx(module);
                self.emit(Instr::ImportName(idx));
                for a in names {
                    if a.name == "*" {
                        self.emit(Instr::ImportStar);
                        return Ok(());
                    }
                    let idx = self.name_idx(&a.name);
                    self.emit(Instr::ImportFrom(idx));
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                }
                self.emit(Instr::Pop);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instr::Raise(n));
            }
            StmtKind::With { items, body } => {
                if !self.nogil_stmt(s, items, body)? {
                    self.with_stmt(items, body)?
                }
            }
        }
        Ok(())
    }

    fn aug_assign(
        &mut self,
        target: &'a Expr,
        op: BinOp,
        value: &'a Expr,
    ) -> Result<(), SyntaxError> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.store_name(n);
            }
            ExprKind::Attribute(obj, attr) => {
                self.expr(obj)?;
                self.emit(Instr::Dup);
                let idx = self.name_idx(attr);
                self.emit(Instr::LoadAttr(idx));
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::RotTwo);
                self.emit(Instr::StoreAttr(idx));
            }
            ExprKind::Subscript(obj, key) => {
                self.expr(obj)?;
                self.subscript_key(key)?;
                self.emit(Instr::DupTwo);
                self.emit(Instr::Subscr);
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::RotThree);
                self.emit(Instr::StoreSubscr);
            }
            _ => {
                return Err(syntax_err(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        expr_kind_name(target)
                    ),
                    target.span,
                ));
            }
        }
        Ok(())
    }

    fn while_stmt(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Result<(), SyntaxError> {
        let top = self.new_label();
        let else_l = self.new_label();
        let brk = self.new_label();
        self.bind_label(top);
        let always = matches!(&test.kind, ExprKind::Const(Constant::True))
            || matches!(&test.kind, ExprKind::Const(Constant::Int(i)) if *i != 0);
        if !always {
            self.expr(test)?;
            self.emit(Instr::PopJumpIfFalse(label(else_l)));
        }
        self.push_fblock(FBlockKind::While { brk, cont: top }, 0, None);
        self.stmts(body)?;
        self.set_line(test.span);
        self.emit(Instr::JumpBack(label(top)));
        self.pop_fblock();
        self.bind_label(else_l);
        self.stmts(orelse)?;
        self.bind_label(brk);
        Ok(())
    }

    fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Result<(), SyntaxError> {
        let top = self.new_label();
        let else_l = self.new_label();
        let brk = self.new_label();
        self.expr(iter)?;
        self.emit(Instr::GetIter);
        self.bind_label(top);
        self.emit(Instr::ForIter(label(else_l)));
        self.push_fblock(FBlockKind::For { brk, cont: top }, 1, None);
        self.store_target(target)?;
        self.stmts(body)?;
        self.set_line(iter.span);
        self.emit(Instr::JumpBack(label(top)));
        self.pop_fblock();
        self.bind_label(else_l);
        self.stmts(orelse)?;
        self.bind_label(brk);
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> Result<(), SyntaxError> {
        let handler = self.new_label();
        let end = self.new_label();
        let depth = self.stack_items();
        self.push_fblock(FBlockKind::TryExcept, 0, Some((handler, depth)));
        self.stmts(body)?;
        self.pop_fblock();
        self.stmts(orelse)?;
        self.emit(Instr::Jump(label(end)));

        // Handler: the exception is on the stack.
        self.bind_label(handler);
        let cleanup = self.new_label();
        self.push_fblock(FBlockKind::ExceptHandler, 1, Some((cleanup, depth)));
        self.emit(Instr::PushExcInfo);
        for (i, h) in handlers.iter().enumerate() {
            self.set_line(h.span);
            let next = self.new_label();
            match &h.typ {
                Some(t) => {
                    self.expr(t)?;
                    self.emit(Instr::CheckExcMatch);
                    self.emit(Instr::PopJumpIfFalse(label(next)));
                }
                None if i + 1 < handlers.len() => {
                    return Err(syntax_err("default 'except:' must be last", h.span));
                }
                None => {}
            }
            if let Some(name) = &h.name {
                self.emit(Instr::Dup);
                self.store_name(name);
            }
            self.stmts(&h.body)?;
            self.emit(Instr::PopExcInfo);
            self.emit(Instr::Pop);
            if let Some(name) = &h.name {
                // `except E as e` unbinds `e` at the end of the handler.
                self.load_none();
                self.store_name(name);
                self.delete_name(name);
            }
            self.emit(Instr::Jump(label(end)));
            self.bind_label(next);
        }
        self.pop_fblock();
        // No handler matched: propagate.
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        // An exception inside a handler: restore exc_info, propagate.
        self.bind_label(cleanup);
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        self.bind_label(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> Result<(), SyntaxError> {
        let on_exc = self.new_label();
        let end = self.new_label();
        let depth = self.stack_items();
        self.push_fblock(FBlockKind::FinallyTry(finalbody), 0, Some((on_exc, depth)));
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.stmts(finalbody)?;
        self.emit(Instr::Jump(label(end)));

        // Exceptional path: run the finally body, then re-raise.
        self.bind_label(on_exc);
        let cleanup = self.new_label();
        self.push_fblock(FBlockKind::FinallyEnd, 1, Some((cleanup, depth)));
        self.emit(Instr::PushExcInfo);
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        self.bind_label(cleanup);
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        self.bind_label(end);
        Ok(())
    }

    fn with_stmt(&mut self, items: &'a [WithItem], body: &'a [Stmt]) -> Result<(), SyntaxError> {
        // Cython's `with nogil:` / `with gil:` / `parallel()` run their body
        // as ordinary code here; kernels give them meaning.
        let real: Vec<&WithItem> = items
            .iter()
            .filter(|i| !is_gil_marker(&i.context))
            .collect();
        self.with_items(&real, body)
    }

    fn with_items(&mut self, items: &[&'a WithItem], body: &'a [Stmt]) -> Result<(), SyntaxError> {
        let Some((first, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let depth = self.stack_items();
        let on_exc = self.new_label();
        let end = self.new_label();
        self.expr(&first.context)?;
        self.emit(Instr::BeforeWith);
        match &first.target {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Instr::Pop);
            }
        }
        self.push_fblock(FBlockKind::With, 1, Some((on_exc, depth + 1)));
        self.with_items(rest, body)?;
        self.pop_fblock();
        self.emit(Instr::WithExit);
        self.emit(Instr::Jump(label(end)));

        self.bind_label(on_exc);
        let suppress = self.new_label();
        self.emit(Instr::PushExcInfo);
        self.emit(Instr::WithExcept);
        self.emit(Instr::PopJumpIfTrue(label(suppress)));
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Reraise);
        self.bind_label(suppress);
        self.emit(Instr::PopExcInfo);
        self.emit(Instr::Pop);
        self.emit(Instr::Pop);
        self.bind_label(end);
        Ok(())
    }

    fn function_def(&mut self, f: &'a FunctionDef, span: Span) -> Result<(), SyntaxError> {
        for d in &f.decorators {
            self.expr(d)?;
        }
        let scope = self.symtable.scope_of(f);
        let first_line = self.map.line_of(span.start);
        if f.nogil {
            self.kernels
                .check_function(f)
                .map_err(|e| to_syntax_error(&e))?;
        }
        self.cdefs.push(collect_cdefs(&f.body, &f.params));
        let code = self.function_code(scope, &f.name, &f.params, first_line, |c| {
            c.typed_params(&f.params);
            c.stmts(&f.body)?;
            c.emit_return_none();
            Ok(())
        });
        self.cdefs.pop();
        let code = code?;
        self.set_line(span);
        self.make_function(code, &f.params)?;
        for _ in &f.decorators {
            self.emit(Instr::Call(1));
        }
        self.store_name(&f.name);
        Ok(())
    }

    fn qualname(&self, name: &str) -> String {
        match self.units.last() {
            Some(u) if self.symtable.scopes[u.scope].kind != ScopeKind::Module => {
                format!("{}.<locals>.{}", u.qualname, name)
            }
            _ => name.to_string(),
        }
    }

    fn function_code(
        &mut self,
        scope: usize,
        name: &str,
        params: &Params,
        first_line: u32,
        body: impl FnOnce(&mut Self) -> Result<(), SyntaxError>,
    ) -> Result<Arc<Code>, SyntaxError> {
        let qualname = self.qualname(name);
        let saved_line = self.cur_line;
        self.push_unit(scope, name.to_string(), qualname, first_line);
        {
            let u = self.unit();
            u.argcount = params.args.len() as u32;
            u.posonly = params.posonly as u32;
            u.kwonly = params.kwonly.len() as u32;
            if params.vararg.is_some() {
                u.flags |= flags::VARARGS;
            }
            if params.kwarg.is_some() {
                u.flags |= flags::VARKEYWORDS;
            }
        }
        body(self)?;
        self.cur_line = saved_line;
        self.pop_unit()
    }

    /// Push defaults, then `MakeFunction` for `code`.
    fn make_function(&mut self, code: Arc<Code>, params: &'a Params) -> Result<(), SyntaxError> {
        let mut fl = 0;
        let defaults: Vec<&Expr> = params
            .args
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(defaults.len() as u32));
            fl |= 1;
        }
        let kwdefaults: Vec<&Param> = params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kwdefaults.is_empty() {
            for p in &kwdefaults {
                self.load_str(&p.name);
                if let Some(d) = &p.default {
                    self.expr(d)?;
                }
            }
            self.emit(Instr::BuildMap(kwdefaults.len() as u32));
            fl |= 2;
        }
        self.emit_make_function(code, fl);
        Ok(())
    }

    fn emit_make_function(&mut self, code: Arc<Code>, flags: u32) {
        let u = self.unit();
        u.children.push(code);
        let idx = u.children.len() as u32 - 1;
        self.emit(Instr::MakeFunction(idx, flags as u16));
    }

    // ---------------------------------------------------------- targets

    fn store_target(&mut self, t: &'a Expr) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute(obj, attr) => {
                self.expr(obj)?;
                let idx = self.name_idx(attr);
                self.emit(Instr::StoreAttr(idx));
            }
            ExprKind::Subscript(obj, key) => {
                self.expr(obj)?;
                self.subscript_key(key)?;
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        self.emit(Instr::UnpackSequence(items.len() as u32));
                    }
                    Some(pos) => {
                        if items
                            .iter()
                            .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(syntax_err(
                                "multiple starred expressions in assignment",
                                t.span,
                            ));
                        }
                        let after = items.len() - pos - 1;
                        self.emit(Instr::UnpackEx(pos as u16, after as u16));
                    }
                }
                for i in items {
                    match &i.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(i)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(syntax_err(
                    "starred assignment target must be in a list or tuple",
                    t.span,
                ));
            }
            _ => {
                return Err(syntax_err(
                    format!("cannot assign to {}", expr_kind_name(t)),
                    t.span,
                ));
            }
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute(obj, attr) => {
                self.expr(obj)?;
                let idx = self.name_idx(attr);
                self.emit(Instr::DeleteAttr(idx));
            }
            ExprKind::Subscript(obj, key) => {
                self.expr(obj)?;
                self.subscript_key(key)?;
                self.emit(Instr::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => {
                return Err(syntax_err(
                    format!("cannot delete {}", expr_kind_name(t)),
                    t.span,
                ));
            }
        }
        Ok(())
    }

    fn subscript_key(&mut self, key: &'a Expr) -> Result<(), SyntaxError> {
        self.expr(key)
    }

    // --------------------------------------------------------- expressions

    fn expr(&mut self, e: &'a Expr) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            self.depth = 0;
            return Err(syntax_err("too many nested parentheses", e.span));
        }
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> Result<(), SyntaxError> {
        let line = self.map.line_of(e.span.start);
        let saved = std::mem::replace(&mut self.cur_line, line);
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Const(c) => self.constant(c),
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::Tuple(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.starred_list(items)?;
                    self.emit(Instr::ListToTuple);
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Instr::BuildTuple(items.len() as u32));
                }
            }
            ExprKind::List(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.starred_list(items)?;
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Instr::BuildList(items.len() as u32));
                }
            }
            ExprKind::Set(items) => {
                if let Some(table) = constant_set(items) {
                    // CPython 3.11 builds `{c1, c2, c3, ...}` by merging a
                    // constant frozenset, which fixes its iteration order.
                    self.emit(Instr::BuildSet(0));
                    self.emit_const(crate::vm::setops::new_set(table, true), None);
                    self.emit(Instr::SetUpdate(1));
                } else if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.emit(Instr::BuildSet(0));
                    for i in items {
                        match &i.kind {
                            ExprKind::Starred(inner) => {
                                self.expr(inner)?;
                                self.emit(Instr::SetUpdate(1));
                            }
                            _ => {
                                self.expr(i)?;
                                self.emit(Instr::SetAdd(1));
                            }
                        }
                    }
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Instr::BuildSet(items.len() as u32));
                }
            }
            ExprKind::Dict(items) => {
                if items.iter().any(|(k, _)| k.is_none()) {
                    self.emit(Instr::BuildMap(0));
                    for (k, v) in items {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Instr::MapAdd(1));
                            }
                            None => {
                                self.expr(v)?;
                                self.emit(Instr::DictUpdate(1));
                            }
                        }
                    }
                } else {
                    for (k, v) in items {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.emit(Instr::BuildMap(items.len() as u32));
                }
            }
            ExprKind::Starred(_) => {
                return Err(syntax_err("can't use starred expression here", e.span));
            }
            ExprKind::Unary(op, operand) => {
                // Fold `-<number literal>` so `-5` is one constant.
                if let (UnaryOp::Neg, ExprKind::Const(Constant::Int(i))) = (op, &operand.kind)
                    && let Some(n) = i.checked_neg()
                {
                    self.emit_const(Value::Int(n), Some(ConstKey::Int(n)));
                    self.cur_line = saved;
                    return Ok(());
                }
                if let (UnaryOp::Neg, ExprKind::Const(Constant::Float(f))) = (op, &operand.kind) {
                    self.emit_const(Value::float(-f), Some(ConstKey::Float((-f).to_bits())));
                    self.cur_line = saved;
                    return Ok(());
                }
                self.expr(operand)?;
                self.cur_line = line;
                self.emit(Instr::UnaryOp(*op));
            }
            ExprKind::Binary(a, op, b) => {
                self.expr(a)?;
                self.expr(b)?;
                self.cur_line = line;
                self.emit(Instr::BinaryOp(*op));
            }
            ExprKind::BoolOp(op, values) => {
                let end = self.new_label();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        let j = match op {
                            BoolOp::And => Instr::JumpIfFalseOrPop(label(end)),
                            BoolOp::Or => Instr::JumpIfTrueOrPop(label(end)),
                        };
                        self.emit(j);
                    }
                }
                self.bind_label(end);
            }
            ExprKind::Compare(first, rest) => self.compare(first, rest)?,
            ExprKind::IfExp { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.expr(test)?;
                self.emit(Instr::PopJumpIfFalse(label(else_l)));
                self.expr(body)?;
                self.emit(Instr::Jump(label(end)));
                self.bind_label(else_l);
                self.expr(orelse)?;
                self.bind_label(end);
            }
            ExprKind::Lambda(params, body) => {
                let scope = self.symtable.scope_of(e);
                let code = self.function_code(scope, "<lambda>", params, line, |c| {
                    c.expr(body)?;
                    c.emit(Instr::Return);
                    Ok(())
                })?;
                self.make_function(code, params)?;
            }
            ExprKind::Call(func, args) => self.call(func, args, line)?,
            ExprKind::Attribute(obj, attr) => {
                self.expr(obj)?;
                let idx = self.name_idx(attr);
                self.cur_line = line;
                self.emit(Instr::LoadAttr(idx));
            }
            ExprKind::Subscript(obj, key) => {
                self.expr(obj)?;
                self.subscript_key(key)?;
                self.cur_line = line;
                self.emit(Instr::Subscr);
            }
            ExprKind::Slice(a, b, c) => {
                for part in [a, b] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_none(),
                    }
                }
                match c {
                    Some(x) => {
                        self.expr(x)?;
                        self.emit(Instr::BuildSlice(3));
                    }
                    None => {
                        self.emit(Instr::BuildSlice(2));
                    }
                }
            }
            ExprKind::ListComp(elt, gens) => {
                self.comprehension(e, "<listcomp>", gens, CompKind::List(elt))?
            }
            ExprKind::SetComp(elt, gens) => {
                self.comprehension(e, "<setcomp>", gens, CompKind::Set(elt))?
            }
            ExprKind::DictComp(k, v, gens) => {
                self.comprehension(e, "<dictcomp>", gens, CompKind::Dict(k, v))?
            }
            ExprKind::GeneratorExp(elt, gens) => {
                // Generator expressions are evaluated eagerly into a list and
                // handed out through an iterator (see README: no generators yet).
                self.comprehension(e, "<genexpr>", gens, CompKind::List(elt))?;
                self.emit(Instr::GetIter);
            }
        }
        self.cur_line = saved;
        Ok(())
    }

    fn constant(&mut self, c: &'a Constant) {
        match c {
            Constant::None => self.load_none(),
            Constant::True => self.emit_const(Value::bool(true), Some(ConstKey::Bool(true))),
            Constant::False => self.emit_const(Value::bool(false), Some(ConstKey::Bool(false))),
            Constant::Ellipsis => self.emit_const(Value::Ellipsis, None),
            Constant::Int(i) => self.emit_const(Value::Int(*i), Some(ConstKey::Int(*i))),
            Constant::BigInt(b) => self.emit_const(Value::from_bigint(b.clone()), None),
            Constant::Float(f) => {
                self.emit_const(Value::float(*f), Some(ConstKey::Float(f.to_bits())))
            }
            Constant::Str(s) => self.load_str(s),
            Constant::Bytes(b) => self.emit_const(
                Value::Bytes(Arc::new(crate::vm::objects::BytesObj {
                    data: b.clone().into_boxed_slice(),
                })),
                None,
            ),
        }
    }

    fn fstring(&mut self, parts: &'a [FStringPart]) -> Result<(), SyntaxError> {
        let mut n = 0;
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    self.load_str(s);
                }
                FStringPart::Expr {
                    expr,
                    conversion,
                    spec,
                    debug_text,
                } => {
                    if let Some(t) = debug_text {
                        self.load_str(t);
                        n += 1;
                    }
                    self.expr(expr)?;
                    let mut conv = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => 0,
                    };
                    if debug_text.is_some() && conversion.is_none() && spec.is_none() {
                        conv = 2;
                    }
                    if let Some(spec) = spec {
                        self.fstring(spec)?;
                        conv |= 4;
                    }
                    self.emit(Instr::FormatValue(conv));
                }
            }
            n += 1;
        }
        if n != 1 {
            self.emit(Instr::BuildString(n));
        }
        Ok(())
    }

    /// `[a, *b, c]`: build a list incrementally.
    fn starred_list(&mut self, items: &'a [Expr]) -> Result<(), SyntaxError> {
        self.emit(Instr::BuildList(0));
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.expr(i)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    fn compare(&mut self, first: &'a Expr, rest: &'a [(CmpOp, Expr)]) -> Result<(), SyntaxError> {
        self.expr(first)?;
        if rest.len() == 1 {
            self.expr(&rest[0].1)?;
            self.emit(Instr::Compare(rest[0].0));
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, e)) in rest.iter().enumerate() {
            self.expr(e)?;
            if i + 1 < rest.len() {
                self.emit(Instr::Dup);
                self.emit(Instr::RotThree);
                self.emit(Instr::Compare(*op));
                self.emit(Instr::JumpIfFalseOrPop(label(cleanup)));
            } else {
                self.emit(Instr::Compare(*op));
                self.emit(Instr::Jump(label(end)));
            }
        }
        self.bind_label(cleanup);
        self.emit(Instr::RotTwo);
        self.emit(Instr::Pop);
        self.bind_label(end);
        Ok(())
    }

    fn call(&mut self, func: &'a Expr, args: &'a [Arg], line: u32) -> Result<(), SyntaxError> {
        let has_star = args
            .iter()
            .any(|a| matches!(a, Arg::Star(_) | Arg::DoubleStar(_)));
        let has_kw = args.iter().any(|a| matches!(a, Arg::Keyword(..)));
        if has_star {
            self.expr(func)?;
            return self.call_ex(args, line);
        }
        if let (ExprKind::Attribute(obj, attr), false) = (&func.kind, has_kw) {
            self.expr(obj)?;
            let idx = self.name_idx(attr);
            self.cur_line = self.map.line_of(func.span.start);
            self.emit(Instr::LoadMethod(idx));
            for a in args {
                if let Arg::Positional(x) = a {
                    self.expr(x)?;
                }
            }
            self.cur_line = line;
            self.emit(Instr::CallMethod(args.len() as u32));
            return Ok(());
        }
        self.expr(func)?;
        let mut kwnames = Vec::new();
        for a in args {
            match a {
                Arg::Positional(x) => {
                    if !kwnames.is_empty() {
                        return Err(syntax_err(
                            "positional argument follows keyword argument",
                            x.span,
                        ));
                    }
                    self.expr(x)?
                }
                Arg::Keyword(name, x) => {
                    if kwnames.contains(name) {
                        return Err(syntax_err(
                            format!("keyword argument repeated: {name}"),
                            x.span,
                        ));
                    }
                    kwnames.push(name.clone());
                    self.expr(x)?;
                }
                _ => unreachable!("no star arguments here"),
            }
        }
        self.cur_line = line;
        if kwnames.is_empty() {
            self.emit(Instr::Call(args.len() as u32));
        } else {
            let names = Value::tuple(kwnames.iter().map(Value::str).collect());
            self.emit_const(names, None);
            self.emit(Instr::CallKw(args.len() as u32));
        }
        Ok(())
    }

    /// `f(*a, k=v, **m)`: build the positional tuple and keyword dict.
    fn call_ex(&mut self, args: &'a [Arg], line: u32) -> Result<(), SyntaxError> {
        self.emit(Instr::BuildList(0));
        for a in args {
            match a {
                Arg::Positional(x) => {
                    self.expr(x)?;
                    self.emit(Instr::ListAppend(1));
                }
                Arg::Star(x) => {
                    self.expr(x)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {}
            }
        }
        self.emit(Instr::ListToTuple);
        let kws: Vec<&Arg> = args
            .iter()
            .filter(|a| matches!(a, Arg::Keyword(..) | Arg::DoubleStar(_)))
            .collect();
        if kws.is_empty() {
            self.load_none();
        } else {
            self.emit(Instr::BuildMap(0));
            for a in kws {
                match a {
                    Arg::Keyword(name, x) => {
                        self.load_str(name);
                        self.expr(x)?;
                        self.emit(Instr::MapAdd(1));
                    }
                    Arg::DoubleStar(x) => {
                        self.expr(x)?;
                        self.emit(Instr::DictUpdate(1));
                    }
                    _ => {}
                }
            }
        }
        self.cur_line = line;
        self.emit(Instr::CallEx);
        Ok(())
    }

    fn comprehension(
        &mut self,
        node: &'a Expr,
        name: &str,
        gens: &'a [Comprehension],
        kind: CompKind<'a>,
    ) -> Result<(), SyntaxError> {
        let scope = self.symtable.scope_of(node);
        let line = self.map.line_of(node.span.start);
        let params = Params {
            args: vec![Param {
                name: ".0".into(),
                annotation: None,
                ctype: None,
                default: None,
                span: node.span,
            }],
            ..Params::default()
        };
        let code = self.function_code(scope, name, &params, line, |c| {
            match kind {
                CompKind::List(_) => c.emit(Instr::BuildList(0)),
                CompKind::Set(_) => c.emit(Instr::BuildSet(0)),
                CompKind::Dict(..) => c.emit(Instr::BuildMap(0)),
            };
            c.comp_generator(gens, 0, &kind)?;
            c.emit(Instr::Return);
            Ok(())
        })?;
        self.emit_make_function(code, 0);
        self.expr(&gens[0].iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    fn comp_generator(
        &mut self,
        gens: &'a [Comprehension],
        i: usize,
        kind: &CompKind<'a>,
    ) -> Result<(), SyntaxError> {
        let g = &gens[i];
        let top = self.new_label();
        let end = self.new_label();
        if i == 0 {
            self.emit(Instr::LoadFast(Slot(0)));
        } else {
            self.expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        // A failed filter jumps forward to the loop's `JumpBack`, so every
        // iteration passes a check point (Ctrl-C, GIL drop requests).
        let next = self.new_label();
        self.bind_label(top);
        self.emit(Instr::ForIter(label(end)));
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.emit(Instr::PopJumpIfFalse(label(next)));
        }
        if i + 1 < gens.len() {
            self.comp_generator(gens, i + 1, kind)?;
        } else {
            let depth = gens.len() as u32 + 1;
            match kind {
                CompKind::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth));
                }
                CompKind::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(depth));
                }
                CompKind::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Instr::MapAdd(depth));
                }
            }
        }
        self.bind_label(next);
        self.emit(Instr::JumpBack(label(top)));
        self.bind_label(end);
        Ok(())
    }
}

/// The frozenset of a set display of three or more hashable constants.
fn constant_set(items: &[Expr]) -> Option<crate::vm::settable::SetTable<Value>> {
    if items.len() < 3 {
        return None;
    }
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let v = match &item.kind {
            ExprKind::Const(Constant::Int(i)) => Value::Int(*i),
            ExprKind::Const(Constant::Float(f)) => Value::float(*f),
            ExprKind::Const(Constant::Str(s)) => Value::str(s.as_str()),
            ExprKind::Const(Constant::True) => Value::bool(true),
            ExprKind::Const(Constant::False) => Value::bool(false),
            ExprKind::Const(Constant::None) => Value::None,
            _ => return None,
        };
        let h = crate::vm::ops::hash_value(&v).ok()?;
        keyed.push((v, h));
    }
    Some(crate::vm::settable::SetTable::constant_frozenset(
        keyed,
        crate::vm::ops::key_eq,
    ))
}

enum CompKind<'e> {
    List(&'e Expr),
    Set(&'e Expr),
    Dict(&'e Expr, &'e Expr),
}

/// The instruction index label `l` was bound to. A label never bound is a
/// bug of this compiler, reported as an error rather than a jump to 0.
fn bound_label(labels: &[Option<u32>], l: usize) -> Result<u32, SyntaxError> {
    labels.get(l).copied().flatten().ok_or_else(|| {
        syntax_err(
            format!("internal compiler error: jump to label {l}, never bound"),
            Span::default(),
        )
    })
}

/// How CPython names an expression in "cannot assign to …" messages.
fn expr_kind_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call(..) => "function call",
        ExprKind::Const(Constant::None) => "None",
        ExprKind::Const(Constant::True) => "True",
        ExprKind::Const(Constant::False) => "False",
        ExprKind::Const(Constant::Ellipsis) => "ellipsis",
        ExprKind::Const(_) | ExprKind::FString(_) => "literal",
        ExprKind::BoolOp(..) | ExprKind::Binary(..) | ExprKind::Unary(..) => "expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda(..) => "lambda",
        ExprKind::Dict(..) => "dict literal",
        ExprKind::Set(..) => "set display",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::Attribute(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        ExprKind::Starred(..) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Slice(..) => "slice",
    }
}
