//! Tests of the parser: each construct of SPEC §1 and each error message,
//! checked through a compact s-expression rendering of the tree. Error
//! positions are the 1-based (line, column) CPython 3.11 reports.

use super::*;
use crate::syntax::lexer::MAX_NESTING;

/// Parses on a thread with a big stack, as the interpreter does.
fn run<T: Send + 'static>(src: &str, f: fn(Result<Module, SyntaxError>, &str) -> T) -> T {
    let src = src.to_owned();
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || f(parse_module(&src), &src))
        .expect("spawn")
        .join()
        .expect("the parser panicked")
}

/// The module rendered as s-expressions, one statement per line.
fn sexp(src: &str) -> String {
    run(src, |r, src| match r {
        Ok(m) => m.body.iter().map(stmt_sexp).collect::<Vec<_>>().join("\n"),
        Err(e) => panic!("unexpected error {e:?} for {src:?}"),
    })
}

/// The single expression statement of `src`, rendered.
fn ex(src: &str) -> String {
    let out = sexp(src);
    out.strip_prefix("(Expr ")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(&out)
        .to_owned()
}

/// The error for `src`: (kind, message, line, column) with a 1-based column.
fn err(src: &str) -> (SyntaxErrorKind, String, usize, usize) {
    run(src, |r, src| match r {
        Ok(m) => panic!("expected an error for {src:?}, got {:?}", m.body),
        Err(e) => {
            assert!(e.offset <= e.end && e.end <= src.len(), "bad range {e:?}");
            let line = lexer::line_of(src, e.offset);
            let line_start = src[..e.offset].rfind('\n').map_or(0, |i| i + 1);
            (
                e.kind,
                e.msg,
                line,
                src[line_start..e.offset].chars().count() + 1,
            )
        }
    })
}

fn msg(src: &str) -> String {
    err(src).1
}

fn syntax(src: &str, message: &str, line: usize, col: usize) {
    assert_eq!(
        err(src),
        (SyntaxErrorKind::Syntax, message.to_owned(), line, col),
        "{src:?}"
    );
}

fn indentation(src: &str, message: &str, line: usize) {
    let (kind, m, l, _) = err(src);
    assert_eq!(
        (kind, m.as_str(), l),
        (SyntaxErrorKind::Indentation, message, line),
        "{src:?}"
    );
}

// ---------------------------------------------------------------- rendering

fn list(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join(" ")
}

fn opt(e: &Option<Expr>) -> String {
    e.as_ref().map_or("_".to_owned(), expr_sexp)
}

fn block(b: &[Stmt]) -> String {
    format!("[{}]", list(b.iter().map(stmt_sexp)))
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::True => "True".into(),
        Constant::False => "False".into(),
        Constant::Ellipsis => "...".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => format!("big:{b}"),
        Constant::Float(f) => format!("{f:?}"),
        Constant::Str(s) => format!("{s:?}"),
        Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
    }
}

fn param(p: &Param) -> String {
    let mut out = String::new();
    if let Some(t) = &p.ctype {
        out.push_str(&format!("<{}/{}>", t.base, t.dims));
    }
    out.push_str(&p.name);
    if let Some(a) = &p.annotation {
        out.push_str(&format!(":{}", expr_sexp(a)));
    }
    if let Some(d) = &p.default {
        out.push_str(&format!("={}", expr_sexp(d)));
    }
    out
}

fn params(p: &Params) -> String {
    let mut parts: Vec<String> = p.args.iter().map(param).collect();
    if p.posonly > 0 {
        parts.insert(p.posonly, "/".into());
    }
    match &p.vararg {
        Some(v) => parts.push(format!("*{}", param(v))),
        None if !p.kwonly.is_empty() => parts.push("*".into()),
        None => {}
    }
    parts.extend(p.kwonly.iter().map(param));
    parts.extend(p.kwarg.iter().map(|k| format!("**{}", param(k))));
    format!("({})", list(parts))
}

fn arg(a: &Arg) -> String {
    match a {
        Arg::Positional(e) => expr_sexp(e),
        Arg::Star(e) => format!("*{}", expr_sexp(e)),
        Arg::Keyword(n, e) => format!("{n}={}", expr_sexp(e)),
        Arg::DoubleStar(e) => format!("**{}", expr_sexp(e)),
    }
}

fn gens(gs: &[Comprehension]) -> String {
    list(gs.iter().map(|g| {
        let ifs: String = g
            .ifs
            .iter()
            .map(|i| format!(" if {}", expr_sexp(i)))
            .collect();
        format!(
            "(for {} in {}{})",
            expr_sexp(&g.target),
            expr_sexp(&g.iter),
            ifs
        )
    }))
}

fn fparts(parts: &[FStringPart]) -> String {
    list(parts.iter().map(|p| match p {
        FStringPart::Literal(s) => format!("{s:?}"),
        FStringPart::Expr {
            expr,
            conversion,
            spec,
            debug_text,
        } => {
            let mut out = format!("{{{}", expr_sexp(expr));
            if let Some(d) = debug_text {
                out.push_str(&format!(" dbg={d:?}"));
            }
            if let Some(c) = conversion {
                out.push_str(&format!(" !{c}"));
            }
            if let Some(s) = spec {
                out.push_str(&format!(" :[{}]", fparts(s)));
            }
            out + "}"
        }
    }))
}

fn expr_sexp(e: &Expr) -> String {
    let seq = |name: &str, v: &[Expr]| format!("({name} {})", list(v.iter().map(expr_sexp)));
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Const(c) => constant(c),
        ExprKind::FString(parts) => format!("(f {})", fparts(parts)),
        ExprKind::Tuple(v) => seq("Tuple", v),
        ExprKind::List(v) => seq("List", v),
        ExprKind::Set(v) => seq("Set", v),
        ExprKind::Dict(items) => {
            let items = items
                .iter()
                .map(|(k, v)| format!("{}:{}", opt(k), expr_sexp(v)));
            format!("(Dict {})", list(items))
        }
        ExprKind::Starred(x) => format!("*{}", expr_sexp(x)),
        ExprKind::Unary(op, x) => format!("({op:?} {})", expr_sexp(x)),
        ExprKind::Binary(a, op, b) => format!("({op:?} {} {})", expr_sexp(a), expr_sexp(b)),
        ExprKind::BoolOp(op, v) => seq(&format!("{op:?}"), v),
        ExprKind::Compare(a, ops) => {
            let rest = list(ops.iter().map(|(op, x)| format!("{op:?} {}", expr_sexp(x))));
            format!("(Cmp {} {rest})", expr_sexp(a))
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!(
                "(If {} {} {})",
                expr_sexp(test),
                expr_sexp(body),
                expr_sexp(orelse)
            )
        }
        ExprKind::Lambda(p, body) => format!("(Lambda {} {})", params(p), expr_sexp(body)),
        ExprKind::Call(f, args) => {
            format!("(Call {} {})", expr_sexp(f), list(args.iter().map(arg)))
        }
        ExprKind::Attribute(v, n) => format!("{}.{n}", expr_sexp(v)),
        ExprKind::Subscript(v, i) => format!("{}[{}]", expr_sexp(v), expr_sexp(i)),
        ExprKind::Slice(a, b, c) => {
            let part = |x: &Option<Box<Expr>>| x.as_ref().map_or("_".to_owned(), |x| expr_sexp(x));
            format!("(Slice {} {} {})", part(a), part(b), part(c))
        }
        ExprKind::ListComp(x, g) => format!("(ListComp {} {})", expr_sexp(x), gens(g)),
        ExprKind::SetComp(x, g) => format!("(SetComp {} {})", expr_sexp(x), gens(g)),
        ExprKind::GeneratorExp(x, g) => format!("(Gen {} {})", expr_sexp(x), gens(g)),
        ExprKind::DictComp(k, v, g) => {
            format!("(DictComp {} {} {})", expr_sexp(k), expr_sexp(v), gens(g))
        }
    }
}

fn alias(a: &Alias) -> String {
    match &a.asname {
        Some(n) => format!("{} as {n}", a.name),
        None => a.name.clone(),
    }
}

fn stmt_sexp(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(e) => format!("(Expr {})", expr_sexp(e)),
        StmtKind::Assign { targets, value } => {
            format!(
                "(Assign {} = {})",
                list(targets.iter().map(expr_sexp)),
                expr_sexp(value)
            )
        }
        StmtKind::AugAssign { target, op, value } => {
            format!(
                "(AugAssign {} {op:?} {})",
                expr_sexp(target),
                expr_sexp(value)
            )
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => {
            format!(
                "(AnnAssign {} {} {})",
                expr_sexp(target),
                expr_sexp(annotation),
                opt(value)
            )
        }
        StmtKind::CDef { ctype, names } => {
            let names = names.iter().map(|(n, v)| format!("{n}={}", opt(v)));
            format!("(CDef {}/{} {})", ctype.base, ctype.dims, list(names))
        }
        StmtKind::If { test, body, orelse } => {
            format!("(If {} {} {})", expr_sexp(test), block(body), block(orelse))
        }
        StmtKind::While { test, body, orelse } => {
            format!(
                "(While {} {} {})",
                expr_sexp(test),
                block(body),
                block(orelse)
            )
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            let (t, i) = (expr_sexp(target), expr_sexp(iter));
            format!("(For {t} {i} {} {})", block(body), block(orelse))
        }
        StmtKind::Break => "Break".into(),
        StmtKind::Continue => "Continue".into(),
        StmtKind::Pass => "Pass".into(),
        StmtKind::FunctionDef(f) => {
            let mut out = format!("(Def {} {}", f.name, params(&f.params));
            if let Some(r) = &f.returns {
                out.push_str(&format!(" -> {}", expr_sexp(r)));
            }
            if let Some(t) = &f.cdef_return {
                out.push_str(&format!(" cdef:{}/{}", t.base, t.dims));
            }
            if f.nogil {
                out.push_str(" nogil");
            }
            for d in &f.decorators {
                out.push_str(&format!(" @{}", expr_sexp(d)));
            }
            format!("{out} {})", block(&f.body))
        }
        StmtKind::ClassDef(c) => {
            let decos = list(c.decorators.iter().map(|d| format!("@{}", expr_sexp(d))));
            let bases = list(c.bases.iter().map(arg));
            format!("(Class {} ({bases}) {decos} {})", c.name, block(&c.body))
        }
        StmtKind::Return(v) => format!("(Return {})", opt(v)),
        StmtKind::Global(n) => format!("(Global {})", n.join(" ")),
        StmtKind::Nonlocal(n) => format!("(Nonlocal {})", n.join(" ")),
        StmtKind::Del(t) => format!("(Del {})", list(t.iter().map(expr_sexp))),
        StmtKind::Assert { test, msg } => format!("(Assert {} {})", expr_sexp(test), opt(msg)),
        StmtKind::Import { names, cimport } => {
            let kw = if *cimport { "CImport" } else { "Import" };
            format!(
                "({kw} {})",
                names.iter().map(alias).collect::<Vec<_>>().join(", ")
            )
        }
        StmtKind::ImportFrom {
            module,
            names,
            level,
            cimport,
        } => {
            let kw = if *cimport { "CFrom" } else { "From" };
            let names = names.iter().map(alias).collect::<Vec<_>>().join(", ");
            format!("({kw} {level}:{module} {names})")
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let hs = list(handlers.iter().map(|h| {
                let name = h.name.as_deref().unwrap_or("_");
                format!("(except {} {name} {})", opt(&h.typ), block(&h.body))
            }));
            format!(
                "(Try {} {hs} else {} finally {})",
                block(body),
                block(orelse),
                block(finalbody)
            )
        }
        StmtKind::Raise { exc, cause } => format!("(Raise {} {})", opt(exc), opt(cause)),
        StmtKind::With { items, body } => {
            let items = list(
                items
                    .iter()
                    .map(|i| format!("({} {})", expr_sexp(&i.context), opt(&i.target))),
            );
            format!("(With {items} {})", block(body))
        }
    }
}

// ---------------------------------------------------------------- statements

#[test]
fn assignments() {
    assert_eq!(sexp("a = b = 0"), "(Assign a b = 0)");
    assert_eq!(sexp("a, b = b, a"), "(Assign (Tuple a b) = (Tuple b a))");
    assert_eq!(sexp("[a, *b] = c"), "(Assign (List a *b) = c)");
    assert_eq!(
        sexp("a, *b, (c, d) = e"),
        "(Assign (Tuple a *b (Tuple c d)) = e)"
    );
    assert_eq!(sexp("x.y[0] = z.w = 1"), "(Assign x.y[0] z.w = 1)");
    assert_eq!(sexp("x = 1, 2"), "(Assign x = (Tuple 1 2))");
    assert_eq!(sexp("x = *a, *b"), "(Assign x = (Tuple *a *b))");
    assert_eq!(sexp("a, = b"), "(Assign (Tuple a) = b)");
}

#[test]
fn augmented_assignments() {
    let ops = [
        ("+=", "Add"),
        ("-=", "Sub"),
        ("*=", "Mul"),
        ("@=", "MatMul"),
        ("/=", "Div"),
        ("//=", "FloorDiv"),
        ("%=", "Mod"),
        ("**=", "Pow"),
        ("<<=", "LShift"),
        (">>=", "RShift"),
        ("|=", "BitOr"),
        ("^=", "BitXor"),
        ("&=", "BitAnd"),
    ];
    for (tok, name) in ops {
        assert_eq!(
            sexp(&format!("x[i] {tok} 2")),
            format!("(AugAssign x[i] {name} 2)")
        );
    }
}

#[test]
fn annotated_assignments() {
    assert_eq!(sexp("x: int = 3"), "(AnnAssign x int 3)");
    assert_eq!(sexp("x: list[int]"), "(AnnAssign x list[int] _)");
    assert_eq!(
        sexp("self.x: int = 1, 2"),
        "(AnnAssign self.x int (Tuple 1 2))"
    );
    assert_eq!(sexp("(x): int"), "(AnnAssign x int _)");
}

#[test]
fn if_while_for() {
    let src = "if a:\n    x = 1\nelif b:\n    pass\nelse:\n    y = 2\n";
    assert_eq!(
        sexp(src),
        "(If a [(Assign x = 1)] [(If b [Pass] [(Assign y = 2)])])"
    );
    assert_eq!(
        sexp("while x:\n  break\nelse:\n  continue\n"),
        "(While x [Break] [Continue])"
    );
    assert_eq!(
        sexp("for i, (j, *k) in z:\n  pass\nelse:\n  pass"),
        "(For (Tuple i (Tuple j *k)) z [Pass] [Pass])"
    );
    assert_eq!(
        sexp("for x in *a, b: pass"),
        "(For x (Tuple *a b) [Pass] [])"
    );
    assert_eq!(
        sexp("if __name__ == \"__main__\":\n    main()"),
        "(If (Cmp __name__ Eq \"__main__\") [(Expr (Call main ))] [])"
    );
}

#[test]
fn one_line_bodies_and_semicolons() {
    assert_eq!(sexp("if x: y = 1"), "(If x [(Assign y = 1)] [])");
    assert_eq!(sexp("if x: a; b;"), "(If x [(Expr a) (Expr b)] [])");
    assert_eq!(sexp("a = 1; b = 2"), "(Assign a = 1)\n(Assign b = 2)");
    assert_eq!(sexp("def f(): return 1"), "(Def f () [(Return 1)])");
    assert_eq!(sexp("class A: pass"), "(Class A ()  [Pass])");
}

#[test]
fn functions_and_parameters() {
    assert_eq!(
        sexp("def f(a, b=1, *args, c, d=2, **kw): pass"),
        "(Def f (a b=1 *args c d=2 **kw) [Pass])"
    );
    assert_eq!(
        sexp("def f(a, /, b, *, c): pass"),
        "(Def f (a / b * c) [Pass])"
    );
    assert_eq!(
        sexp("def f(a, b=1, /, c=2): pass"),
        "(Def f (a b=1 / c=2) [Pass])"
    );
    assert_eq!(
        sexp("def f(x: int, *a: str, **k: float) -> bool: pass"),
        "(Def f (x:int *a:str **k:float) -> bool [Pass])"
    );
    assert_eq!(sexp("def f(a,): return"), "(Def f (a) [(Return _)])");
    assert_eq!(
        sexp("def f():\n    return a, *b"),
        "(Def f () [(Return (Tuple a *b))])"
    );
}

#[test]
fn lambdas() {
    assert_eq!(ex("lambda: 0"), "(Lambda () 0)");
    assert_eq!(
        ex("lambda a, b=1, *c, d, **e: a"),
        "(Lambda (a b=1 *c d **e) a)"
    );
    assert_eq!(ex("lambda a, /, b, *, c=1: 0"), "(Lambda (a / b * c=1) 0)");
    assert_eq!(
        ex("lambda x: lambda y: x if y else 0"),
        "(Lambda (x) (Lambda (y) (If y x 0)))"
    );
}

#[test]
fn simple_statements() {
    assert_eq!(sexp("global a, b"), "(Global a b)");
    assert_eq!(sexp("nonlocal a"), "(Nonlocal a)");
    assert_eq!(
        sexp("del a, b[0], c.d, (e, f), [g]"),
        "(Del a b[0] c.d (Tuple e f) (List g))"
    );
    assert_eq!(sexp("del x,"), "(Del x)");
    assert_eq!(sexp("assert x"), "(Assert x _)");
    assert_eq!(sexp("assert x, 'm'"), "(Assert x \"m\")");
    assert_eq!(sexp("raise"), "(Raise _ _)");
    assert_eq!(sexp("raise E(1) from x"), "(Raise (Call E 1) x)");
    assert_eq!(sexp("pass; break; continue"), "Pass\nBreak\nContinue");
}

#[test]
fn imports() {
    assert_eq!(sexp("import a.b as c, d"), "(Import a.b as c, d)");
    assert_eq!(sexp("from m import a, b as c"), "(From 0:m a, b as c)");
    assert_eq!(sexp("from m import (a,\n  b,)"), "(From 0:m a, b)");
    assert_eq!(sexp("from m import *"), "(From 0:m *)");
    assert_eq!(sexp("from . import x"), "(From 1: x)");
    assert_eq!(sexp("from ...a.b import x"), "(From 3:a.b x)");
    assert_eq!(sexp("from .. a import x"), "(From 2:a x)");
}

#[test]
fn try_statements() {
    let src = "try:\n  a\nexcept (A, B) as e:\n  b\nexcept C:\n  c\nexcept:\n  d\nelse:\n  e\nfinally:\n  f\n";
    assert_eq!(
        sexp(src),
        "(Try [(Expr a)] (except (Tuple A B) e [(Expr b)]) (except C _ [(Expr c)]) \
         (except _ _ [(Expr d)]) else [(Expr e)] finally [(Expr f)])"
    );
    assert_eq!(
        sexp("try:\n  a\nfinally:\n  b"),
        "(Try [(Expr a)]  else [] finally [(Expr b)])"
    );
}

#[test]
fn with_statements() {
    assert_eq!(sexp("with a as x, b: pass"), "(With (a x) (b _) [Pass])");
    assert_eq!(
        sexp("with (a as x, b as y,): pass"),
        "(With (a x) (b y) [Pass])"
    );
    assert_eq!(sexp("with (a, b): pass"), "(With (a _) (b _) [Pass])");
    assert_eq!(
        sexp("with (a, b) as c: pass"),
        "(With ((Tuple a b) c) [Pass])"
    );
    assert_eq!(
        sexp("with (a) as b, (c): pass"),
        "(With (a b) (c _) [Pass])"
    );
    assert_eq!(
        sexp("with a as (b, c): pass"),
        "(With (a (Tuple b c)) [Pass])"
    );
    assert_eq!(
        sexp("with (\n  open(f) as g\n):\n  pass"),
        "(With ((Call open f) g) [Pass])"
    );
}

#[test]
fn decorators_and_classes() {
    assert_eq!(sexp("@d\ndef f(): pass"), "(Def f () @d [Pass])");
    assert_eq!(
        sexp("@a.b(c)\n@d\ndef f(): pass"),
        "(Def f () @(Call a.b c) @d [Pass])"
    );
    assert_eq!(
        sexp("@dataclass\nclass C(B, metaclass=M):\n  x: int = 0"),
        "(Class C (B metaclass=M) @dataclass [(AnnAssign x int 0)])"
    );
}

// ---------------------------------------------------------------- expressions

#[test]
fn precedence() {
    assert_eq!(ex("-2**2"), "(Neg (Pow 2 2))");
    assert_eq!(ex("2**-1"), "(Pow 2 (Neg 1))");
    assert_eq!(ex("2**3**2"), "(Pow 2 (Pow 3 2))");
    assert_eq!(ex("a + b * c - d"), "(Sub (Add a (Mul b c)) d)");
    assert_eq!(
        ex("a | b ^ c & d << e + f"),
        "(BitOr a (BitXor b (BitAnd c (LShift d (Add e f)))))"
    );
    assert_eq!(
        ex("a @ b // c % d / e"),
        "(Div (Mod (FloorDiv (MatMul a b) c) d) e)"
    );
    assert_eq!(ex("~a + -b - +c"), "(Sub (Add (Invert a) (Neg b)) (Pos c))");
    assert_eq!(
        ex("not a == b and c or d"),
        "(Or (And (Not (Cmp a Eq b)) c) d)"
    );
    assert_eq!(ex("a and b and c"), "(And a b c)");
    assert_eq!(ex("a if b else c if d else e"), "(If b a (If d c e))");
    assert_eq!(ex("a or b if c else d"), "(If c (Or a b) d)");
}

#[test]
fn comparisons() {
    assert_eq!(ex("a < b <= c"), "(Cmp a Lt b LtE c)");
    assert_eq!(ex("a not in b is not c"), "(Cmp a NotIn b IsNot c)");
    assert_eq!(
        ex("a == b != c > d >= e in f is g"),
        "(Cmp a Eq b NotEq c Gt d GtE e In f Is g)"
    );
}

#[test]
fn calls() {
    assert_eq!(ex("f(a, *b, c=1, **d)"), "(Call f a *b c=1 **d)");
    assert_eq!(
        ex("f(*a, *b, c=1, *d, **e, g=2)"),
        "(Call f *a *b c=1 *d **e g=2)"
    );
    assert_eq!(ex("f()"), "(Call f )");
    assert_eq!(ex("f(a,)"), "(Call f a)");
    assert_eq!(ex("sum(x for x in y)"), "(Call sum (Gen x (for x in y)))");
    assert_eq!(
        ex("f((x for x in y), 1)"),
        "(Call f (Gen x (for x in y)) 1)"
    );
    assert_eq!(ex("a.b(c)[d].e"), "(Call a.b c)[d].e");
}

#[test]
fn subscripts_and_slices() {
    assert_eq!(ex("a[i, j]"), "a[(Tuple i j)]");
    assert_eq!(ex("a[:, 0]"), "a[(Tuple (Slice _ _ _) 0)]");
    assert_eq!(ex("a[1:2, ::3]"), "a[(Tuple (Slice 1 2 _) (Slice _ _ 3))]");
    assert_eq!(ex("a[::]"), "a[(Slice _ _ _)]");
    assert_eq!(ex("a[-1:]"), "a[(Slice (Neg 1) _ _)]");
    assert_eq!(ex("a[1,]"), "a[(Tuple 1)]");
    assert_eq!(ex("a[*b]"), "a[(Tuple *b)]");
    assert_eq!(ex("a[...]"), "a[...]");
}

#[test]
fn displays() {
    assert_eq!(ex("()"), "(Tuple )");
    assert_eq!(ex("(1)"), "1");
    assert_eq!(ex("(1,)"), "(Tuple 1)");
    assert_eq!(ex("[]"), "(List )");
    assert_eq!(ex("[1, *a, 2,]"), "(List 1 *a 2)");
    assert_eq!(ex("{}"), "(Dict )");
    assert_eq!(ex("{1: 2, **d}"), "(Dict 1:2 _:d)");
    assert_eq!(ex("{1, *s}"), "(Set 1 *s)");
    assert_eq!(ex("{1,}"), "(Set 1)");
}

#[test]
fn comprehensions() {
    assert_eq!(
        ex("[x for x in y if x if z for w in x]"),
        "(ListComp x (for x in y if x if z) (for w in x))"
    );
    assert_eq!(
        ex("{k: v for k, v in d}"),
        "(DictComp k v (for (Tuple k v) in d))"
    );
    assert_eq!(ex("{k for k in d}"), "(SetComp k (for k in d))");
    assert_eq!(ex("(x for x in y)"), "(Gen x (for x in y))");
    assert_eq!(
        ex("[a if b else c for d in e]"),
        "(ListComp (If b a c) (for d in e))"
    );
}

#[test]
fn numbers() {
    assert_eq!(ex("1_000"), "1000");
    assert_eq!(ex("0x_ff"), "255");
    assert_eq!(ex("0o17"), "15");
    assert_eq!(ex("0b1010"), "10");
    assert_eq!(ex("00"), "0");
    assert_eq!(ex("9223372036854775807"), "9223372036854775807");
    assert_eq!(ex("9223372036854775808"), "big:9223372036854775808");
    assert_eq!(ex("0x1_0000_0000_0000_0000"), "big:18446744073709551616");
    assert_eq!(ex("1.5"), "1.5");
    assert_eq!(ex(".5"), "0.5");
    assert_eq!(ex("5."), "5.0");
    assert_eq!(ex("1e-3"), "0.001");
    assert_eq!(ex("1_000.5"), "1000.5");
    assert_eq!(ex("1E+2"), "100.0");
    assert_eq!(ex("1e400"), "inf");
    assert_eq!(ex("1if x else 2"), "(If x 1 2)");
    let digits = "1".repeat(100_000);
    assert!(ex(&digits).starts_with("big:1111"));
}

#[test]
fn constants() {
    assert_eq!(ex("None"), "None");
    assert_eq!(ex("True"), "True");
    assert_eq!(ex("False"), "False");
    assert_eq!(ex("..."), "...");
}

#[test]
fn strings() {
    assert_eq!(ex("'a' \"b\" '''c''' \"\"\"d\"\"\""), "\"abcd\"");
    assert_eq!(
        ex(r#"'\n\t\\\'\"\x41\101\u00e9\U0001F600\q'"#),
        "\"\\n\\t\\\\'\\\"AAé😀\\\\q\""
    );
    assert_eq!(ex(r"'\a\b\f\v\0\r'"), "\"\\u{7}\\u{8}\\u{c}\\u{b}\\0\\r\"");
    assert_eq!(ex("'a\\\nb'"), "\"ab\"");
    assert_eq!(ex(r"r'\n\'' R'\d'"), "\"\\\\n\\\\'\\\\d\"");
    assert_eq!(ex("u'x' U'y'"), "\"xy\"");
    assert_eq!(ex("'''a\r\nb'''"), "\"a\\nb\"");
    assert_eq!(ex(r"b'a\x00\n' rb'\n' Br'x'"), "b\"a\\0\\n\\\\nx\"");
    assert_eq!(ex(r"'\N{BULLET}'"), "\"•\"");
    assert_eq!(ex(r"'\ud800'"), "\"\u{fffd}\"");
}

#[test]
fn fstrings() {
    assert_eq!(ex("f'a{x}b'"), "(f \"a\" {x} \"b\")");
    assert_eq!(ex("f'{x!r:>{w}}'"), "(f {x !r :[\">\" {w}]})");
    assert_eq!(ex("f'{x=}'"), "(f {x dbg=\"x=\" !r})");
    assert_eq!(ex("f'{ x = !s}'"), "(f {x dbg=\" x = \" !s})");
    assert_eq!(ex("f'{x=:>10}'"), "(f {x dbg=\"x=\" :[\">10\"]})");
    assert_eq!(ex("f'{x!a}'"), "(f {x !a})");
    assert_eq!(ex("f'{{}} {{{x}}}'"), "(f \"{} {\" {x} \"}\")");
    assert_eq!(
        ex("f'{a!=b} {a<b}'"),
        "(f {(Cmp a NotEq b)} \" \" {(Cmp a Lt b)})"
    );
    assert_eq!(ex("'a' f'{x}' 'b'"), "(f \"a\" {x} \"b\")");
    assert_eq!(ex("f''"), "(f )");
    assert_eq!(
        ex(r"f'\n{x}\t' rf'\n{y}'"),
        "(f \"\\n\" {x} \"\\t\\\\n\" {y})"
    );
    assert_eq!(ex(r"f'\N{BULLET} {x}'"), "(f \"• \" {x})");
    assert_eq!(
        ex("f'{x[\"k\"]:{y}.{z}f}'"),
        "(f {x[\"k\"] :[{y} \".\" {z} \"f\"]})"
    );
    assert_eq!(ex("f'{a, b}'"), "(f {(Tuple a b)})");
    assert_eq!(ex("f'''{\na\n+ b}'''"), "(f {(Add a b)})");
    assert_eq!(ex("f\"{f'{x}'}\""), "(f {(f {x})})");
    assert_eq!(ex("f'{x:}'"), "(f {x :[]})");
}

#[test]
fn fstring_spans_point_into_the_file() {
    run("x = f'ab{ yy }'", |r, src| {
        let m = r.expect("parses");
        let StmtKind::Assign { value, .. } = &m.body[0].kind else {
            panic!()
        };
        let ExprKind::FString(parts) = &value.kind else {
            panic!()
        };
        let FStringPart::Expr { expr, .. } = &parts[1] else {
            panic!()
        };
        assert_eq!(&src[expr.span.start as usize..expr.span.end as usize], "yy");
    });
}

#[test]
fn spans() {
    run("x = 1\nif a:\n    y = (b + c) * d\n", |r, _| {
        let m = r.expect("parses");
        assert_eq!(m.body[0].span, Span::new(0, 5));
        assert_eq!(m.body[1].span, Span::new(6, 31));
        let StmtKind::If { body, .. } = &m.body[1].kind else {
            panic!()
        };
        assert_eq!(body[0].span, Span::new(16, 31));
        let StmtKind::Assign { value, .. } = &body[0].kind else {
            panic!()
        };
        assert_eq!(value.span, Span::new(20, 31));
    });
}

#[test]
fn layout() {
    assert_eq!(sexp(""), "");
    assert_eq!(sexp("# only a comment"), "");
    assert_eq!(sexp("\n\n  # indented comment\nx\n\n"), "(Expr x)");
    assert_eq!(sexp("if x:\n  y"), "(If x [(Expr y)] [])");
    assert_eq!(sexp("x = (1,\n     2)\n"), "(Assign x = (Tuple 1 2))");
    assert_eq!(sexp("x = 1 + \\\n    2\n"), "(Assign x = (Add 1 2))");
    assert_eq!(
        sexp("if x:\r\n    y\r\nz\r\n"),
        "(If x [(Expr y)] [])\n(Expr z)"
    );
    assert_eq!(sexp("\u{feff}x\n"), "(Expr x)");
    assert_eq!(
        sexp("if x:\n\tif y:\n\t\tz\n\tw\n"),
        "(If x [(If y [(Expr z)] []) (Expr w)] [])"
    );
    assert_eq!(sexp("é = 1\nπ2 = é"), "(Assign é = 1)\n(Assign π2 = é)");
}

// ---------------------------------------------------------------- Cython

#[test]
fn cython_declarations() {
    assert_eq!(sexp("cdef int n"), "(CDef int/0 n=_)");
    assert_eq!(sexp("cdef double a, b = 1.0"), "(CDef double/0 a=_ b=1.0)");
    assert_eq!(
        sexp("cdef Py_ssize_t i = 0, j"),
        "(CDef Py_ssize_t/0 i=0 j=_)"
    );
    assert_eq!(sexp("cdef bint flag = True"), "(CDef bint/0 flag=True)");
    assert_eq!(sexp("cdef double[:] x = a"), "(CDef double/1 x=a)");
    assert_eq!(sexp("cdef double[:, :] m"), "(CDef double/2 m=_)");
    assert_eq!(sexp("cdef long[:] idx"), "(CDef long/1 idx=_)");
    assert_eq!(sexp("cdef double[::1] c"), "(CDef double/1 c=_)");
    assert_eq!(
        sexp("cdef unsigned long long n"),
        "(CDef unsigned long long/0 n=_)"
    );
}

#[test]
fn cython_functions() {
    assert_eq!(
        sexp("cdef double f(double x):\n    return x"),
        "(Def f (<double/0>x) cdef:double/0 [(Return x)])"
    );
    assert_eq!(
        sexp("cpdef long g(long n, x):\n  pass"),
        "(Def g (<long/0>n x) cdef:long/0 [Pass])"
    );
    assert_eq!(
        sexp("cdef double f(double x) nogil:\n  pass"),
        "(Def f (<double/0>x) cdef:double/0 nogil [Pass])"
    );
    assert_eq!(
        sexp("def f(double[:] x, double alpha, int n=10):\n  pass"),
        "(Def f (<double/1>x <double/0>alpha <int/0>n=10) [Pass])"
    );
    assert_eq!(sexp("def f(x) nogil:\n  pass"), "(Def f (x) nogil [Pass])");
    assert_eq!(
        sexp("def f(x) -> int nogil:\n  pass"),
        "(Def f (x) -> int nogil [Pass])"
    );
    assert_eq!(
        sexp("@cython.boundscheck(False)\ncdef f(x):\n  pass"),
        "(Def f (x) cdef:object/0 @(Call cython.boundscheck False) [Pass])"
    );
}

#[test]
fn cython_imports_and_nogil_blocks() {
    assert_eq!(sexp("cimport cython"), "(CImport cython)");
    assert_eq!(sexp("cimport numpy as cnp"), "(CImport numpy as cnp)");
    assert_eq!(
        sexp("from cython.parallel cimport prange, parallel"),
        "(CFrom 0:cython.parallel prange, parallel)"
    );
    assert_eq!(sexp("with nogil:\n  pass"), "(With (nogil _) [Pass])");
    assert_eq!(
        sexp("with nogil, parallel():\n  pass"),
        "(With (nogil _) ((Call parallel ) _) [Pass])"
    );
    assert_eq!(
        sexp("with nogil:\n  with gil:\n    print(1)"),
        "(With (nogil _) [(With (gil _) [(Expr (Call print 1))])])"
    );
    assert_eq!(
        sexp("nogil = gil = parallel = 1"),
        "(Assign nogil gil parallel = 1)"
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn generic_errors() {
    syntax("x = 1 +\n", "invalid syntax", 1, 8);
    syntax("if x y:\n pass\n", "invalid syntax", 1, 6);
    syntax("x = $\n", "invalid syntax", 1, 5);
    syntax("a := 1\n", "invalid syntax", 1, 3);
    syntax("else:\n pass\n", "invalid syntax", 1, 1);
    syntax("f = lambda x\n", "invalid syntax", 1, 13);
    syntax("x = yield\n", "invalid syntax", 1, 5);
}

#[test]
fn missing_colon() {
    syntax("if x\n    pass\n", "expected ':'", 1, 5);
    syntax("while x\n pass\n", "expected ':'", 1, 8);
    syntax("for x in y\n pass\n", "expected ':'", 1, 11);
    syntax("def f()\n pass\n", "expected ':'", 1, 8);
    syntax("def f() -> int\n pass\n", "expected ':'", 1, 15);
    syntax("class A\n pass\n", "expected ':'", 1, 8);
    syntax("try\n pass\nexcept:\n pass\n", "expected ':'", 1, 4);
    syntax("try x:\n pass\n", "expected ':'", 1, 5);
    syntax("try:\n pass\nexcept E\n pass\n", "expected ':'", 3, 9);
    syntax("if x:\n pass\nelse x:\n pass\n", "expected ':'", 3, 6);
    syntax("def f() x:\n pass\n", "expected ':'", 1, 9);
    syntax("def f x:\n pass\n", "expected '('", 1, 7);
}

#[test]
fn indentation_errors() {
    indentation(
        "if x:\npass\n",
        "expected an indented block after 'if' statement on line 1",
        2,
    );
    indentation(
        "def f():\nreturn 1\n",
        "expected an indented block after function definition on line 1",
        2,
    );
    indentation(
        "class A:\nx=1\n",
        "expected an indented block after class definition on line 1",
        2,
    );
    indentation(
        "for x in y:\nz\n",
        "expected an indented block after 'for' statement on line 1",
        2,
    );
    indentation(
        "while 1:\nz\n",
        "expected an indented block after 'while' statement on line 1",
        2,
    );
    indentation(
        "try:\nz\n",
        "expected an indented block after 'try' statement on line 1",
        2,
    );
    indentation(
        "with a:\nz\n",
        "expected an indented block after 'with' statement on line 1",
        2,
    );
    indentation(
        "if x:\n  z\nelse:\nz\n",
        "expected an indented block after 'else' statement on line 3",
        4,
    );
    indentation(
        "if x:\n  z\nelif y:\nz\n",
        "expected an indented block after 'elif' statement on line 3",
        4,
    );
    indentation(
        "try:\n z\nexcept:\nz\n",
        "expected an indented block after 'except' statement on line 3",
        4,
    );
    indentation(
        "try:\n z\nfinally:\nz\n",
        "expected an indented block after 'finally' statement on line 3",
        4,
    );
    indentation(
        "@d\ndef f():\nz\n",
        "expected an indented block after function definition on line 2",
        3,
    );
    indentation(
        "if a:\n  if b:\nx\n",
        "expected an indented block after 'if' statement on line 2",
        3,
    );
    indentation(
        "if x:\n",
        "expected an indented block after 'if' statement on line 1",
        2,
    );
    assert_eq!(
        err(" x = 1\n"),
        (
            SyntaxErrorKind::Indentation,
            "unexpected indent".into(),
            1,
            1
        )
    );
    assert_eq!(
        err("x = 1\n  y = 2\n"),
        (
            SyntaxErrorKind::Indentation,
            "unexpected indent".into(),
            2,
            2
        )
    );
    let unindent = "unindent does not match any outer indentation level";
    assert_eq!(
        err("if x:\n    a\n  b\n"),
        (SyntaxErrorKind::Indentation, unindent.into(), 3, 4)
    );
    let deep: String = (0..101)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect();
    indentation(
        &(deep + &" ".repeat(101) + "pass\n"),
        "too many levels of indentation",
        101,
    );
}

#[test]
fn tab_errors() {
    let msg = "inconsistent use of tabs and spaces in indentation";
    assert_eq!(
        err("if x:\n\tpass\n        pass\n"),
        (SyntaxErrorKind::Tab, msg.into(), 3, 1)
    );
    assert_eq!(
        err("if x:\n        pass\n\tpass\n"),
        (SyntaxErrorKind::Tab, msg.into(), 3, 1)
    );
}

#[test]
fn bracket_errors() {
    syntax("x = (1,\n", "'(' was never closed", 1, 5);
    syntax("x = (1,\ny = [\n", "'[' was never closed", 2, 5);
    syntax("foo(a,\nx = 1\n", "'(' was never closed", 1, 4);
    syntax("f(a b\n", "'(' was never closed", 1, 2);
    syntax(
        "x = (1]\n",
        "closing parenthesis ']' does not match opening parenthesis '('",
        1,
        7,
    );
    syntax(
        "x = (\n1]\n",
        "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
        2,
        2,
    );
    syntax("x = 1)\n", "unmatched ')'", 1, 6);
    syntax("x = 1\n)\n", "unmatched ')'", 2, 1);
    syntax("def f(:\n pass\n", "invalid syntax", 1, 7);
    let deep = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
    syntax(&deep, "too many nested parentheses", 1, 205);
    let ok = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
    assert_eq!(sexp(&ok), "(Assign x = 1)");
}

#[test]
fn string_errors() {
    syntax(
        "x = 'abc\n",
        "unterminated string literal (detected at line 1)",
        1,
        5,
    );
    syntax(
        "x = 'a\\\n",
        "unterminated string literal (detected at line 1)",
        1,
        5,
    );
    syntax(
        "x = '''abc\n\n",
        "unterminated triple-quoted string literal (detected at line 2)",
        1,
        5,
    );
    syntax(
        "x = 'a' 'b\n",
        "unterminated string literal (detected at line 1)",
        1,
        9,
    );
    syntax(
        "x = 'a' b'b'\n",
        "cannot mix bytes and nonbytes literals",
        1,
        13,
    );
    syntax(
        "x = b'a' f'b'\n",
        "cannot mix bytes and nonbytes literals",
        1,
        14,
    );
    syntax(
        "x = b'\u{e9}'\n",
        "bytes can only contain ASCII literal characters",
        1,
        5,
    );
    let truncated = "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape";
    syntax("x = '\\x4'\n", truncated, 1, 10);
    syntax(
        "x = b'\\x4'\n",
        "(value error) invalid \\x escape at position 0",
        1,
        11,
    );
    assert!(msg("x = '\\N{NO SUCH NAME}'\n").contains("unknown Unicode character name"));
    assert!(msg("x = '\\u12'\n").contains("truncated \\uXXXX escape"));
}

#[test]
fn fstring_errors() {
    assert_eq!(msg("x = f'{'\n"), "f-string: expecting '}'");
    assert_eq!(msg("x = f'{a!r'\n"), "f-string: expecting '}'");
    assert_eq!(msg("x = f'{}'\n"), "f-string: empty expression not allowed");
    assert_eq!(
        msg("x = f'{ }'\n"),
        "f-string: empty expression not allowed"
    );
    assert_eq!(msg("x = f'}'\n"), "f-string: single '}' is not allowed");
    assert_eq!(
        msg("x = f'{a!x}'\n"),
        "f-string: invalid conversion character: expected 's', 'r', or 'a'"
    );
    assert_eq!(
        msg("x = f'{a:{b:{c}}}'\n"),
        "f-string: expressions nested too deeply"
    );
    assert_eq!(
        msg("x = f'{a#}'\n"),
        "f-string expression part cannot include '#'"
    );
    assert_eq!(
        msg("x = f'{a\\n}'\n"),
        "f-string expression part cannot include a backslash"
    );
    assert_eq!(msg("x = f'{a)}'\n"), "f-string: unmatched ')'");
    assert_eq!(
        msg("x = f'{(a}'\n"),
        "f-string: closing parenthesis '}' does not match opening parenthesis '('"
    );
    assert_eq!(msg("x = f'{\"a}'\n"), "f-string: unterminated string");
    assert_eq!(
        msg("x = f'{a b}'\n"),
        "f-string: invalid syntax. Perhaps you forgot a comma?"
    );
    assert_eq!(msg("x = f'{1 +}'\n"), "f-string: invalid syntax");
    assert_eq!(
        msg("x = f'{*a}'\n"),
        "f-string: cannot use starred expression here"
    );
}

#[test]
fn number_errors() {
    syntax("x = 1abc\n", "invalid decimal literal", 1, 5);
    syntax("x = 1_\n", "invalid decimal literal", 1, 6);
    syntax("x = 1__0\n", "invalid decimal literal", 1, 6);
    syntax("x = 1.e\n", "invalid decimal literal", 1, 6);
    syntax("x = 1e+\n", "invalid decimal literal", 1, 7);
    syntax("x = 1.__class__\n", "invalid decimal literal", 1, 6);
    syntax("x = 0x\n", "invalid hexadecimal literal", 1, 6);
    syntax("x = 0b\n", "invalid binary literal", 1, 6);
    syntax("x = 0b2\n", "invalid digit '2' in binary literal", 1, 7);
    syntax("x = 0o8\n", "invalid digit '8' in octal literal", 1, 7);
    let zeros = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
    syntax("x = 09\n", zeros, 1, 5);
    syntax("x = 0_7\n", zeros, 1, 5);
    assert!(msg("x = 1j\n").contains("not supported"));
}

#[test]
fn target_errors() {
    syntax(
        "1 = x\n",
        "cannot assign to literal here. Maybe you meant '==' instead of '='?",
        1,
        1,
    );
    syntax(
        "f() = 1\n",
        "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        1,
        1,
    );
    syntax(
        "a + b = 1\n",
        "cannot assign to expression here. Maybe you meant '==' instead of '='?",
        1,
        1,
    );
    syntax("(a, 1) = x\n", "cannot assign to literal", 1, 5);
    syntax("[a, f()] = x\n", "cannot assign to function call", 1, 5);
    syntax("x = 1 = 2\n", "cannot assign to literal", 1, 5);
    syntax("1 = x = y\n", "cannot assign to literal", 1, 1);
    syntax("None = 1\n", "cannot assign to None", 1, 1);
    syntax("True = 1\n", "cannot assign to True", 1, 1);
    syntax(
        "a if b else c = 1\n",
        "cannot assign to conditional expression",
        1,
        1,
    );
    syntax("del 1\n", "cannot delete literal", 1, 5);
    syntax("del f()\n", "cannot delete function call", 1, 5);
    syntax("del (a, 1)\n", "cannot delete literal", 1, 9);
    syntax("del *x\n", "cannot delete starred", 1, 5);
    syntax("for 1 in x: pass\n", "cannot assign to literal", 1, 5);
    syntax(
        "for f() in x: pass\n",
        "cannot assign to function call",
        1,
        5,
    );
    syntax("with a as 1: pass\n", "cannot assign to literal", 1, 11);
    syntax("[x for 1 in y]\n", "cannot assign to literal", 1, 8);
    syntax(
        "f() += 1\n",
        "'function call' is an illegal expression for augmented assignment",
        1,
        1,
    );
    syntax(
        "(a, b) += 1\n",
        "'tuple' is an illegal expression for augmented assignment",
        1,
        1,
    );
    syntax(
        "[a] += 1\n",
        "'list' is an illegal expression for augmented assignment",
        1,
        1,
    );
    syntax(
        "1 += 1\n",
        "'literal' is an illegal expression for augmented assignment",
        1,
        1,
    );
    syntax("f(): int = 1\n", "illegal target for annotation", 1, 1);
    syntax(
        "a, b: int\n",
        "only single target (not tuple) can be annotated",
        1,
        1,
    );
    syntax("x: int, y = 1\n", "invalid syntax", 1, 7);
}

#[test]
fn starred_errors() {
    syntax("x = *a\n", "can't use starred expression here", 1, 5);
    syntax("*a\n", "can't use starred expression here", 1, 1);
    syntax(
        "*a = 1\n",
        "starred assignment target must be in a list or tuple",
        1,
        1,
    );
    syntax(
        "a, *b, *c = x\n",
        "multiple starred expressions in assignment",
        1,
        1,
    );
    syntax("(*a)\n", "cannot use starred expression here", 1, 2);
    syntax("x = (*a)\n", "cannot use starred expression here", 1, 6);
    syntax(
        "x = {a: *b}\n",
        "cannot use a starred expression in a dictionary value",
        1,
        9,
    );
}

#[test]
fn argument_errors() {
    syntax(
        "f(x for x in y, 1)\n",
        "Generator expression must be parenthesized",
        1,
        3,
    );
    syntax(
        "f(1, x for x in y)\n",
        "Generator expression must be parenthesized",
        1,
        6,
    );
    syntax(
        "f(a=1, 2)\n",
        "positional argument follows keyword argument",
        1,
        8,
    );
    syntax(
        "f(**a, b)\n",
        "positional argument follows keyword argument unpacking",
        1,
        8,
    );
    syntax(
        "f(**a, *b)\n",
        "iterable argument unpacking follows keyword argument unpacking",
        1,
        8,
    );
    syntax(
        "f(a.b=1)\n",
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        1,
        3,
    );
    syntax("f(True=1)\n", "cannot assign to True", 1, 3);
    syntax("f(a=1, a=2)\n", "keyword argument repeated: a", 1, 8);
}

#[test]
fn parameter_errors() {
    syntax(
        "def f(a, a): pass\n",
        "duplicate argument 'a' in function definition",
        1,
        10,
    );
    syntax(
        "lambda a, a: 1\n",
        "duplicate argument 'a' in function definition",
        1,
        11,
    );
    syntax(
        "def f(a=1, b): pass\n",
        "non-default argument follows default argument",
        1,
        12,
    );
    syntax(
        "def f(a=1, /, b): pass\n",
        "non-default argument follows default argument",
        1,
        15,
    );
    syntax(
        "def f(*, **k): pass\n",
        "named arguments must follow bare *",
        1,
        7,
    );
    syntax(
        "def f(*): pass\n",
        "named arguments must follow bare *",
        1,
        7,
    );
    syntax(
        "def f(**k, a): pass\n",
        "arguments cannot follow var-keyword argument",
        1,
        12,
    );
    syntax(
        "def f(/, a): pass\n",
        "at least one argument must precede /",
        1,
        7,
    );
    syntax("def f(a, /, b, /): pass\n", "/ may appear only once", 1, 16);
    syntax(
        "def f(*a, *b): pass\n",
        "* argument may appear only once",
        1,
        11,
    );
}

#[test]
fn hints() {
    syntax(
        "f(a b)\n",
        "invalid syntax. Perhaps you forgot a comma?",
        1,
        3,
    );
    syntax(
        "[1, 2 3]\n",
        "invalid syntax. Perhaps you forgot a comma?",
        1,
        5,
    );
    syntax("x = a b\n", "invalid syntax", 1, 7);
    syntax(
        "print 'a'\n",
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
        1,
    );
    syntax(
        "if x: print x\n",
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        1,
        7,
    );
    syntax(
        "exec code\n",
        "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
        1,
        1,
    );
    syntax(
        "if x = 1: pass\n",
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        1,
        4,
    );
    syntax(
        "x = 1 if 2\n",
        "expected 'else' after 'if' expression",
        1,
        11,
    );
    syntax(
        "from m import a,\n",
        "trailing comma not allowed without surrounding parentheses",
        1,
        17,
    );
    syntax(
        "try:\n pass\nexcept A, B:\n pass\n",
        "multiple exception types must be parenthesized",
        3,
        8,
    );
}

#[test]
fn lexical_errors() {
    syntax("x = a\0b\n", "source code cannot contain null bytes", 1, 6);
    syntax("x = \\\n", "unexpected EOF while parsing", 1, 6);
    syntax(
        "x = 1 \\ 2\n",
        "unexpected character after line continuation character",
        1,
        8,
    );
    syntax(
        "x\u{20ac} = 1\n",
        "invalid character '\u{20ac}' (U+20AC)",
        1,
        2,
    );
    syntax(
        "x = 1\u{a0}\n",
        "invalid non-printable character U+00A0",
        1,
        6,
    );
}

#[test]
fn tokenizer_errors_later_in_the_file_win() {
    syntax(
        "x = = 1\ny = 'abc\n",
        "unterminated string literal (detected at line 2)",
        2,
        5,
    );
    syntax("x = [1, 2\ny = 3\n", "'[' was never closed", 1, 5);
}

// ---------------------------------------------------------------- robustness

#[test]
fn deep_nesting_is_refused_not_fatal() {
    let too_deep = "too many nested expressions (more than 3000 levels)";
    let parens = format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(msg(&parens), "too many nested parentheses");
    assert_eq!(msg(&format!("x = {}1\n", "-".repeat(10_000))), too_deep);
    assert_eq!(msg(&format!("x = {}1\n", "not ".repeat(10_000))), too_deep);
    assert_eq!(msg(&format!("x = {}1\n", "1+".repeat(100_000))), too_deep);
    assert_eq!(msg(&format!("x = {}1\n", "2**".repeat(10_000))), too_deep);
    assert_eq!(msg(&format!("x = a{}\n", ".b".repeat(100_000))), too_deep);
    assert_eq!(msg(&format!("x = f{}\n", "()".repeat(100_000))), too_deep);
    assert_eq!(
        msg(&format!("x = {}1\n", "lambda: ".repeat(10_000))),
        too_deep
    );
    assert_eq!(
        msg(&format!("x = {}1\n", "1 if 2 else ".repeat(10_000))),
        too_deep
    );
    assert_eq!(
        msg(&format!("x = {}1 $\n", "1+".repeat(MAX_NESTING - 10))),
        "invalid syntax"
    );
    assert!(
        sexp(&format!("x = {}1\n", "-".repeat(MAX_NESTING - 10)))
            .starts_with("(Assign x = (Neg (Neg")
    );
}

#[test]
fn long_elif_chains_are_bounded() {
    let chain = |n: usize| {
        let elifs: String = (1..n)
            .map(|i| format!("elif x == {i}:\n    pass\n"))
            .collect();
        format!("if x == 0:\n    pass\n{elifs}")
    };
    assert!(sexp(&chain(MAX_NESTING)).starts_with("(If (Cmp x Eq 0) [Pass] [(If"));
    let (kind, m, line, _) = err(&chain(MAX_NESTING + 2));
    assert_eq!(
        (kind, m.as_str()),
        (
            SyntaxErrorKind::Syntax,
            "too many 'elif' branches (more than 3000)"
        )
    );
    assert_eq!(line, 2 * MAX_NESTING + 3);
}

#[test]
fn wide_input_is_fine() {
    let flat = format!("x = [{}]\n", "a + b, ".repeat(20_000));
    assert!(sexp(&flat).starts_with("(Assign x = (List (Add a b)"));
    let chain = format!("x = {}1\n", "a and ".repeat(20_000));
    assert!(sexp(&chain).starts_with("(Assign x = (And a a"));
    let lines = "x = 1\n".repeat(100_000);
    run(&lines, |r, _| {
        assert_eq!(r.expect("parses").body.len(), 100_000)
    });
}

#[test]
fn odd_input_never_panics() {
    let inputs = [
        "'",
        "\"\"\"",
        "f'{",
        "f'{a!",
        "f'{a:",
        "f'{a=",
        "\\",
        "(",
        ")",
        "[}",
        "@",
        "if",
        "def",
        "cdef",
        "cdef int",
        "with (",
        "with (a as b",
        "lambda",
        "x = '\\",
        "x = b'\\",
        "f'\\N{",
        "'\\N{",
        "0x",
        "0b_",
        "1e",
        "1_",
        ".",
        "...",
        "\t\t x",
        "\u{c}x",
        "é",
        "\u{200b}",
        "f'{f'{f'",
        "from",
        "from .",
        "import",
        "x:",
        "x: =",
        "*",
        "**",
        "del",
        "global",
        "class A(",
        "try:",
        "except",
        "else",
        "'\\\r\n'",
        "if x:\n\tif y:\n  \tz",
        "f'{a!r=}'",
        "f'{{'",
        "f'}}'",
        "f'{x:{y:{z}}}'",
        "async def f(): await x",
    ];
    for src in inputs {
        run(src, |_, _| ());
        run(&format!("{src}\n"), |_, _| ());
    }
}
