//! Superinstructions: the stream the VM runs (`Code::quick`).
//!
//! The compiler emits plain instructions (`Code::instrs`, what `dis` shows).
//! `quicken` copies them and replaces the first instruction of a common
//! short sequence by one superinstruction that does the whole sequence in a
//! single dispatch — `LoadFast; LoadConst; Subscr` becomes `SubscrFastConst`,
//! which also reads the list straight from the local slot instead of
//! cloning and dropping its reference. Profiles of the benchmark suite chose
//! the sequences (pair counts of executed instructions).
//!
//! The covered instructions stay in place behind the superinstruction, which
//! skips them (CPython 3.11's superinstructions work the same way). So no
//! jump target, line number or exception-table entry moves: a jump into the
//! middle of a sequence runs the plain instructions from there. The VM sets
//! its pc to each covered instruction before the part that can fail, so
//! errors report the same line and find the same handler as without fusion.
//!
//! Last passes pair a function's load of its own global name with the call
//! that consumes it (`LoadGlobalCallee` … `CallOwn`), so that recursive
//! calls need no reference count on the function (see the VM's
//! `push_own_function`), and the statement `local.append(x)`'s method load
//! with its call (`LoadFastAppend` … `CallAppendPop`), so that appending to
//! a list in a local needs no reference count on the list (see
//! `push_append_markers`), and the head of `local[const] op= x` with its
//! store (`DupSubscrFastConstLocal` … `InplaceOpStoreSubscrLocal`), so that
//! the update reads the container from the local. All three pairings admit
//! between their two halves only the simple instructions of
//! `simple_pushes`, none of which can rebind a local.

use super::bytecode::Instr::*;
use super::bytecode::{ConstIdx, Instr, NameIdx, Slot};

/// Where in a code object's `names` the names the quickener looks for are
/// (None: the code does not use that name).
#[derive(Default, Clone, Copy)]
pub struct KnownNames {
    /// The function's own name: a call of it is probably recursive (see
    /// `LoadGlobalCallee`).
    pub own: Option<NameIdx>,
    /// `append` (see `LoadFastAppend`).
    pub append: Option<NameIdx>,
    /// `pop` (see `ListPopFast`).
    pub pop: Option<NameIdx>,
}

/// The superinstruction starting at `at`, if any.
///
/// A two-instruction fusion gives way when its second instruction starts a
/// longer one (`a * b[3]`: LoadFast a stays plain so that LoadFast b;
/// LoadConst 3; Subscr fuses), which saves more dispatches.
fn fuse(code: &[Instr], at: usize, names: &KnownNames) -> Option<Instr> {
    let fused = fuse_here(code, at, names)?;
    if fused.covers() == 1 && fuse_here(code, at + 1, names).is_some_and(|next| next.covers() > 1) {
        return None;
    }
    Some(fused)
}

/// The superinstruction for the sequence at `at`, ignoring what follows.
fn fuse_here(code: &[Instr], at: usize, names: &KnownNames) -> Option<Instr> {
    let get = |k: usize| code.get(at + k).copied();
    let first = get(0)?;
    let second = get(1)?;
    let third = get(2);
    if let (LoadFast(l), LoadMethod(n), Some(CallMethod(0))) = (first, second, third)
        && names.pop == Some(n)
    {
        return Some(ListPopFast(l));
    }
    if let (LoadFast(l), LoadConst(c), Some(DupTwo), Some(Subscr)) = (first, second, third, get(3))
    {
        return Some(DupSubscrFastConst(l.narrow()?, c));
    }
    match (first, second, third) {
        (LoadFast(l), LoadConst(c), Some(CompareJumpIfFalse(op, t))) => {
            return Some(CompareFastConstJumpIfFalse(op, l.narrow()?, c.narrow()?, t));
        }
        (LoadFast(a), LoadFast(b), Some(CompareJumpIfFalse(op, t))) => {
            return Some(CompareFastFastJumpIfFalse(op, a.narrow()?, b.narrow()?, t));
        }
        _ => {}
    }
    Some(match (first, second, third) {
        (LoadFast(l), LoadConst(c), Some(Subscr)) => SubscrFastConst(l.narrow()?, c),
        (LoadGlobal(g), LoadFast(l), Some(Call(1))) => CallGlobalFast(l.narrow()?, g),
        (LoadFast(a), LoadFast(b), Some(Subscr)) => SubscrFastFast(a.narrow()?, b),
        (InplaceOp(op), RotThree, Some(StoreSubscr)) => InplaceOpStoreSubscr(op),
        (LoadFast(a), LoadFast(b), Some(BinaryOp(op))) => {
            BinaryOpFastFast(op, a.narrow()?, b.narrow()?)
        }
        (LoadFast(l), LoadConst(c), Some(BinaryOp(op))) => {
            BinaryOpFastConst(op, l.narrow()?, c.narrow()?)
        }
        // `x op= const` is better fused at the LoadConst (no push at all),
        // so a LoadFast before it stays plain.
        (LoadFast(_), LoadConst(_), Some(InplaceOp(_))) => return None,
        (LoadFast(a), LoadConst(c), _) => LoadFastConst(a.narrow()?, c),
        (LoadFast(a), LoadFast(b), _) => LoadFastFast(a.narrow()?, b),
        (LoadFast(l), LoadMethod(n), _) => LoadFastMethod(l.narrow()?, n),
        (LoadConst(c), BinaryOp(op), _) => BinaryOpConst(op, c),
        (LoadConst(c), InplaceOp(op), _) => InplaceOpConst(op, c),
        (LoadFast(l), BinaryOp(op), _) => BinaryOpFast(op, l),
        (BinaryOp(op), StoreFast(l), _) => BinaryOpStore(op, l),
        (InplaceOp(op), StoreFast(l), _) => InplaceOpStore(op, l),
        (StoreFast(a), LoadFast(b), _) => StoreFastLoadFast(a.narrow()?, b),
        (DupTwo, Subscr, _) => DupSubscr,
        (ForIter(t), StoreFast(l), _) => ForIterStore(l.narrow()?, t),
        (LoadConst(c), CompareJumpIfFalse(op, t), _) => CompareConstJumpIfFalse(op, c.narrow()?, t),
        (CallMethod(n), Pop, _) => CallMethodPop(n),
        (LoadDeref(i), BinaryOp(op), _) => BinaryOpDeref(op, i),
        (LoadFast(l), Return, _) => ReturnFast(l),
        (BinaryOp(op), Return, _) => BinaryOpReturn(op),
        _ => return None,
    })
}

/// From `from` on, the run of simple instructions that push values without
/// reaching below what they pushed themselves (no jumps, no stores, no
/// calls, so none can rebind a local): the index of the first instruction
/// after the run and how many values the run leaves pushed.
fn simple_pushes(code: &[Instr], from: usize) -> (usize, u32) {
    let mut above = 0u32;
    for (k, &instr) in code.iter().enumerate().skip(from) {
        match instr {
            LoadFast(_) | LoadConst(_) | LoadDeref(_) | LoadGlobal(_) => above += 1,
            UnaryOp(_) | LoadAttr(_) if above >= 1 => {}
            BinaryOp(_) | Compare(_) | Subscr if above >= 2 => above -= 1,
            _ => return (k, above),
        }
    }
    (code.len(), above)
}

/// The index of the call (`Call` or `CallMethod`) that consumes what was
/// on the stack before instruction `from`, if simple instructions push all
/// its arguments (`simple_pushes`): the callee (or method and receiver)
/// below them is next consumed by that call, or dropped by an exception
/// unwinding the stack.
fn consuming_call(code: &[Instr], from: usize) -> Option<usize> {
    let (k, above) = simple_pushes(code, from);
    match code.get(k) {
        Some(&(Call(n) | CallMethod(n))) if n == above => Some(k),
        _ => None,
    }
}

/// Does a superinstruction from `from` up to `k` cover instruction `k`
/// (which a pairing needs to run as an instruction of its own)?
fn covered_from(quick: &[Instr], from: usize, k: usize) -> bool {
    (from..k).any(|j| j + quick[j].covers() >= k)
}

/// Mark the calls of the function's own global name (`names[own_name]`) as
/// `LoadGlobalCallee` … `CallOwn`, where `consuming_call` pairs them and the
/// `Call` runs as an instruction of its own (no superinstruction covers it).
fn mark_recursive_calls(code: &[Instr], quick: &mut [Instr], own_name: NameIdx) {
    for at in 0..code.len() {
        if quick[at] != LoadGlobal(own_name) {
            continue;
        }
        let Some(k) = consuming_call(code, at + 1) else {
            continue;
        };
        let Call(n) = quick[k] else { continue };
        if covered_from(quick, at + 1, k) {
            continue;
        }
        quick[at] = LoadGlobalCallee(own_name);
        quick[k] = CallOwn(n);
        // `f(x - 1)`, the commonest recursion: callee and argument in one
        // dispatch (the call stays an instruction of its own: folding it in
        // too cost the other programs up to 9 % more instructions).
        if let (4, BinaryOpFastConst(op, l, c)) = (k - at, quick[at + 1])
            && let (Ok(l), Ok(c)) = (u8::try_from(l.0), u8::try_from(c.0))
        {
            quick[at] = LoadCalleeArgFastConst(op, Slot(l), ConstIdx(c), own_name);
        }
    }
}

/// Mark the statements `local.append(x)` as `LoadFastAppend` …
/// `CallAppendPop`, where only simple instructions compute `x` (so none can
/// rebind the local) and no superinstruction covers the call.
fn mark_list_appends(code: &[Instr], quick: &mut [Instr], append: NameIdx) {
    for at in 0..code.len() {
        let LoadFastMethod(l, name) = quick[at] else {
            continue;
        };
        if name != append {
            continue;
        }
        let Some(k) = consuming_call(code, at + 2) else {
            continue;
        };
        if quick[k] != CallMethodPop(1) || covered_from(quick, at + 2, k) {
            continue;
        }
        quick[at] = LoadFastAppend(l, name);
        quick[k] = CallAppendPop(l, 1);
    }
}

/// Mark the updates `local[const] op= x` as `DupSubscrFastConstLocal` …
/// `InplaceOpStoreSubscrLocal`, where simple instructions compute `x` (so
/// none can rebind the local) and no superinstruction covers the store.
fn mark_local_subscript_updates(code: &[Instr], quick: &mut [Instr]) {
    for at in 0..code.len() {
        let DupSubscrFastConst(l, c) = quick[at] else {
            continue;
        };
        let (k, above) = simple_pushes(code, at + 4);
        let (Some(&InplaceOp(op)), 1) = (code.get(k), above) else {
            continue;
        };
        if quick[k] != InplaceOpStoreSubscr(op) || covered_from(quick, at + 4, k) {
            continue;
        }
        quick[at] = DupSubscrFastConstLocal(l, c);
        quick[k] = InplaceOpStoreSubscrLocal(l, op);
    }
}

/// The instruction stream the VM runs: `instrs` with superinstructions.
pub fn quicken(instrs: &[Instr], names: KnownNames) -> Vec<Instr> {
    let mut quick: Vec<Instr> = (0..instrs.len())
        .map(|at| fuse(instrs, at, &names).unwrap_or(instrs[at]))
        .collect();
    if let Some(own) = names.own {
        mark_recursive_calls(instrs, &mut quick, own);
    }
    if let Some(append) = names.append {
        mark_list_appends(instrs, &mut quick, append);
    }
    mark_local_subscript_updates(instrs, &mut quick);
    quick
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::bytecode::{CellIdx, Target};
    use crate::syntax::ops::{BinOp, CmpOp};

    fn quick_with(code: &[Instr], own: Option<NameIdx>, append: Option<NameIdx>) -> Vec<Instr> {
        quicken(
            code,
            KnownNames {
                own,
                append,
                pop: None,
            },
        )
    }

    #[test]
    fn covered_instructions_stay_in_place() {
        let code = [
            LoadFast(Slot(0)),
            LoadConst(ConstIdx(1)),
            Subscr,
            LoadFast(Slot(2)),
            Return,
        ];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], SubscrFastConst(Slot(0), ConstIdx(1)));
        // A jump to 1 or 2 still finds plain instructions.
        assert_eq!(q[1], LoadConst(ConstIdx(1)));
        assert_eq!(q[2], Subscr);
        assert_eq!(q.len(), code.len());
        assert_eq!(q[0].covers(), 2);
    }

    #[test]
    fn a_global_called_with_a_local_fuses() {
        // len(buf): LoadGlobal len; LoadFast buf; Call 1 — not with two
        // arguments.
        let q = quick_with(
            &[LoadGlobal(NameIdx(4)), LoadFast(Slot(1)), Call(1), Return],
            None,
            None,
        );
        assert_eq!(q[0], CallGlobalFast(Slot(1), NameIdx(4)));
        assert!(q[0].is_check_point());
        let q = quick_with(
            &[
                LoadGlobal(NameIdx(4)),
                LoadFast(Slot(1)),
                LoadFast(Slot(2)),
                Call(2),
                Return,
            ],
            None,
            None,
        );
        assert_eq!(q[0], LoadGlobal(NameIdx(4)));
    }

    #[test]
    fn a_recursive_call_is_marked_when_only_simple_arguments_follow() {
        // fib(n - 1): the callee is next consumed by the Call.
        let code = [
            LoadGlobal(NameIdx(0)),
            LoadFast(Slot(0)),
            LoadConst(ConstIdx(1)),
            BinaryOp(BinOp::Sub),
            Call(1),
        ];
        let q = quick_with(&code, Some(NameIdx(0)), None);
        assert_eq!(
            q[0],
            LoadCalleeArgFastConst(BinOp::Sub, Slot(0), ConstIdx(1), NameIdx(0))
        );
        assert_eq!(q[0].covers(), 3);
        assert_eq!(q[4], CallOwn(1));
        // A local or constant past the byte operands: load and argument
        // apart.
        let mut wide = code;
        wide[1] = LoadFast(Slot(300));
        let q = quick_with(&wide, Some(NameIdx(0)), None);
        assert_eq!(
            (q[0], q[1], q[4]),
            (
                LoadGlobalCallee(NameIdx(0)),
                BinaryOpFastConst(BinOp::Sub, Slot(300), ConstIdx(1)),
                CallOwn(1)
            )
        );
        // f(a, b.x, -c[0]) and f() too.
        let code = [
            LoadGlobal(NameIdx(0)),
            LoadFast(Slot(0)),
            LoadFast(Slot(1)),
            LoadAttr(NameIdx(2)),
            LoadFast(Slot(2)),
            LoadConst(ConstIdx(0)),
            Subscr,
            UnaryOp(crate::syntax::ops::UnaryOp::Neg),
            Call(3),
        ];
        let q = quick_with(&code, Some(NameIdx(0)), None);
        assert_eq!((q[0], q[8]), (LoadGlobalCallee(NameIdx(0)), CallOwn(3)));
        let q = quick_with(&[LoadGlobal(NameIdx(0)), Call(0)], Some(NameIdx(0)), None);
        assert_eq!(q, [LoadGlobalCallee(NameIdx(0)), CallOwn(0)]);
        // Only the function's own name is marked.
        let code = [LoadGlobal(NameIdx(1)), LoadConst(ConstIdx(0)), Call(1)];
        assert_eq!(quick_with(&code, Some(NameIdx(0)), None), code);
        // A call with one local argument stays CallGlobalFast.
        let code = [LoadGlobal(NameIdx(0)), LoadFast(Slot(0)), Call(1)];
        assert_eq!(
            quick_with(&code, Some(NameIdx(0)), None)[0],
            CallGlobalFast(Slot(0), NameIdx(0))
        );
        assert_eq!(quick_with(&code, Some(NameIdx(0)), None)[2], Call(1));
        // Not: a value that is not called, a call with another call or a
        // jump in its arguments, a keyword call, an operator that would
        // consume the global itself.
        let plain = [
            vec![LoadGlobal(NameIdx(0)), StoreFast(Slot(0))],
            vec![
                LoadGlobal(NameIdx(0)),
                LoadGlobal(NameIdx(1)),
                Call(0),
                Call(1),
            ],
            vec![
                LoadGlobal(NameIdx(0)),
                LoadFast(Slot(0)),
                PopJumpIfFalse(Target(9)),
                Call(1),
            ],
            vec![
                LoadGlobal(NameIdx(0)),
                LoadFast(Slot(0)),
                LoadConst(ConstIdx(1)),
                CallKw(1),
            ],
            vec![
                LoadGlobal(NameIdx(0)),
                LoadFast(Slot(0)),
                BinaryOp(BinOp::Add),
                Call(0),
            ],
            vec![LoadGlobal(NameIdx(0)), LoadAttr(NameIdx(0)), Call(0)],
            vec![LoadGlobal(NameIdx(0)), LoadFast(Slot(0)), Call(2)],
            vec![LoadGlobal(NameIdx(0))],
        ];
        for code in plain {
            let q = quick_with(&code, Some(NameIdx(0)), None);
            assert_eq!(q[0], LoadGlobal(NameIdx(0)), "{code:?}");
            assert!(!q.iter().any(|i| matches!(i, CallOwn(_))), "{code:?}");
        }
    }

    #[test]
    fn an_append_statement_on_a_local_is_marked() {
        // buf.append(i & 255): LoadFast buf; LoadMethod append; LoadFast i;
        // LoadConst 255; BinaryOp &; CallMethod 1; Pop — names[7] is append.
        let code = [
            LoadFast(Slot(0)),
            LoadMethod(NameIdx(7)),
            LoadFast(Slot(1)),
            LoadConst(ConstIdx(2)),
            BinaryOp(BinOp::BitAnd),
            CallMethod(1),
            Pop,
        ];
        let q = quick_with(&code, None, Some(NameIdx(7)));
        assert_eq!(
            (q[0], q[5]),
            (
                LoadFastAppend(Slot(0), NameIdx(7)),
                CallAppendPop(Slot(0), 1)
            )
        );
        assert_eq!(q[2], BinaryOpFastConst(BinOp::BitAnd, Slot(1), ConstIdx(2)));
        assert_eq!(q[0].covers(), 1);
        assert_eq!(q[5].covers(), 1);
        // Not: another method, a code object without `append` among its
        // names, a result that is used, an argument with a call (which could
        // do anything) or a store, two arguments, none.
        let stmt = |args: &[Instr], call: Instr, after: Instr| {
            [
                &[LoadFast(Slot(0)), LoadMethod(NameIdx(7))][..],
                args,
                &[call, after],
            ]
            .concat()
        };
        let mut other_method = stmt(&[LoadFast(Slot(1))], CallMethod(1), Pop);
        other_method[1] = LoadMethod(NameIdx(6));
        let plain = [
            (other_method, Some(NameIdx(7))),
            (stmt(&[LoadFast(Slot(1))], CallMethod(1), Pop), None),
            (
                stmt(&[LoadFast(Slot(1))], CallMethod(1), Return),
                Some(NameIdx(7)),
            ),
            (
                stmt(
                    &[LoadGlobal(NameIdx(1)), LoadFast(Slot(0)), Call(1)],
                    CallMethod(1),
                    Pop,
                ),
                Some(NameIdx(7)),
            ),
            (
                stmt(
                    &[LoadFast(Slot(1)), StoreFast(Slot(0)), LoadFast(Slot(1))],
                    CallMethod(1),
                    Pop,
                ),
                Some(NameIdx(7)),
            ),
            (
                stmt(&[LoadFast(Slot(1)), LoadFast(Slot(2))], CallMethod(2), Pop),
                Some(NameIdx(7)),
            ),
            (stmt(&[], CallMethod(0), Pop), Some(NameIdx(7))),
        ];
        for (code, append) in plain {
            let q = quick_with(&code, None, append);
            assert!(
                !q.iter()
                    .any(|i| matches!(i, LoadFastAppend(..) | CallAppendPop(..))),
                "{code:?}"
            );
        }
    }

    #[test]
    fn an_item_update_of_a_local_is_marked() {
        // b[3] -= dx * m: LoadFast b; LoadConst 3; DupTwo; Subscr;
        // LoadFast dx; LoadFast m; BinaryOp *; InplaceOp -; RotThree;
        // StoreSubscr.
        let head = [LoadFast(Slot(0)), LoadConst(ConstIdx(1)), DupTwo, Subscr];
        let tail = [InplaceOp(BinOp::Sub), RotThree, StoreSubscr, Return];
        let code = [
            &head[..],
            &[LoadFast(Slot(2)), LoadFast(Slot(3)), BinaryOp(BinOp::Mul)],
            &tail,
        ]
        .concat();
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], DupSubscrFastConstLocal(Slot(0), ConstIdx(1)));
        assert_eq!(q[7], InplaceOpStoreSubscrLocal(Slot(0), BinOp::Sub));
        assert_eq!(q[0].covers(), 3);
        assert_eq!(q[7].covers(), 2);
        // Not when the right-hand side calls, stores or jumps.
        for rhs in [
            vec![LoadGlobal(NameIdx(1)), LoadFast(Slot(2)), Call(1)],
            vec![LoadFast(Slot(2)), StoreFast(Slot(0)), LoadFast(Slot(2))],
            vec![LoadFast(Slot(2)), JumpIfTrueOrPop(Target(99))],
            vec![LoadFast(Slot(2)), LoadFast(Slot(3)), BuildList(2)],
        ] {
            let code = [&head[..], &rhs, &tail].concat();
            let q = quick_with(&code, None, None);
            assert_eq!(q[0], DupSubscrFastConst(Slot(0), ConstIdx(1)), "{rhs:?}");
            assert!(
                !q.contains(&InplaceOpStoreSubscrLocal(Slot(0), BinOp::Sub)),
                "{rhs:?}"
            );
        }
    }

    #[test]
    fn const_operands_fuse_at_the_load_const() {
        // `x op const` in place (InplaceOp) fuses at the LoadConst; the
        // plain binary operator on a local fuses all three.
        let code = [
            LoadFast(Slot(0)),
            LoadConst(ConstIdx(1)),
            InplaceOp(BinOp::Sub),
            Return,
        ];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], LoadFast(Slot(0)));
        assert_eq!(q[1], InplaceOpConst(BinOp::Sub, ConstIdx(1)));
        let code = [
            LoadFast(Slot(0)),
            LoadConst(ConstIdx(1)),
            BinaryOp(BinOp::Sub),
            Return,
        ];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], BinaryOpFastConst(BinOp::Sub, Slot(0), ConstIdx(1)));
        assert_eq!(q[1], BinaryOpConst(BinOp::Sub, ConstIdx(1)));
    }

    #[test]
    fn a_pair_gives_way_to_a_longer_fusion() {
        // a * b[3]: LoadFast a; LoadFast b; LoadConst 3; Subscr; BinaryOp
        let code = [
            LoadFast(Slot(0)),
            LoadFast(Slot(1)),
            LoadConst(ConstIdx(3)),
            Subscr,
            BinaryOp(BinOp::Mul),
            Return,
        ];
        let q = quick_with(&code, None, None);
        assert_eq!(q[0], LoadFast(Slot(0)));
        assert_eq!(q[1], SubscrFastConst(Slot(1), ConstIdx(3)));
    }

    #[test]
    fn wide_operands_stay_plain() {
        let code = [LoadFast(Slot(70_000)), LoadFast(Slot(1)), Return];
        assert_eq!(quick_with(&code, None, None)[0], LoadFast(Slot(70_000)));
    }

    #[test]
    fn local_pop_calls_fuse_and_win_over_a_shorter_fusion_before_them() {
        let names = KnownNames {
            pop: Some(NameIdx(5)),
            ..KnownNames::default()
        };
        // total += buf.pop(): `LoadFast total` gives way to the longer fusion.
        let code = [
            LoadFast(Slot(0)),
            LoadFast(Slot(1)),
            LoadMethod(NameIdx(5)),
            CallMethod(0),
            InplaceOp(BinOp::Add),
            StoreFast(Slot(0)),
        ];
        let q = quicken(&code, names);
        assert_eq!(q[0], LoadFast(Slot(0)));
        assert_eq!(q[1], ListPopFast(Slot(1)));
        assert_eq!(q[1].covers(), 2);
        // Another method, arguments, or no `pop` among the names: no fusion.
        let other = [
            LoadFast(Slot(1)),
            LoadMethod(NameIdx(4)),
            CallMethod(0),
            Pop,
        ];
        assert_eq!(
            quicken(&other, names)[0],
            LoadFastMethod(Slot(1), NameIdx(4))
        );
        let with_arg = [
            LoadFast(Slot(1)),
            LoadMethod(NameIdx(5)),
            LoadConst(ConstIdx(0)),
            CallMethod(1),
        ];
        assert_eq!(
            quicken(&with_arg, names)[0],
            LoadFastMethod(Slot(1), NameIdx(5))
        );
        assert_eq!(
            quick_with(&code[1..], None, None)[0],
            LoadFastMethod(Slot(1), NameIdx(5))
        );
    }

    #[test]
    fn superinstructions_cover_what_they_fuse() {
        // Every fusion rule's result skips exactly the instructions it replaced.
        let cases = [
            (vec![LoadFast(Slot(0)), LoadFast(Slot(1)), Subscr], 2),
            (vec![InplaceOp(BinOp::Sub), RotThree, StoreSubscr], 2),
            (vec![LoadFast(Slot(0)), LoadConst(ConstIdx(1)), Pop], 1),
            (vec![LoadFast(Slot(0)), LoadFast(Slot(1)), Pop], 1),
            (vec![LoadFast(Slot(0)), LoadMethod(NameIdx(1)), Pop], 1),
            (vec![LoadConst(ConstIdx(0)), BinaryOp(BinOp::Sub), Pop], 1),
            (vec![LoadConst(ConstIdx(0)), InplaceOp(BinOp::Sub), Pop], 1),
            (vec![LoadFast(Slot(0)), BinaryOp(BinOp::Sub), Pop], 1),
            (vec![BinaryOp(BinOp::Add), StoreFast(Slot(1)), Pop], 1),
            (vec![InplaceOp(BinOp::Add), StoreFast(Slot(1)), Pop], 1),
            (vec![StoreFast(Slot(0)), LoadFast(Slot(1)), Pop], 1),
            (vec![DupTwo, Subscr, Pop], 1),
            (vec![ForIter(Target(9)), StoreFast(Slot(1)), Pop], 1),
            (
                vec![LoadFast(Slot(0)), LoadFast(Slot(1)), BinaryOp(BinOp::Mul)],
                2,
            ),
            (
                vec![
                    LoadFast(Slot(0)),
                    LoadConst(ConstIdx(1)),
                    BinaryOp(BinOp::Mul),
                ],
                2,
            ),
            (
                vec![
                    LoadConst(ConstIdx(0)),
                    CompareJumpIfFalse(CmpOp::Lt, Target(9)),
                    Pop,
                ],
                1,
            ),
            (vec![CallMethod(1), Pop, Pop], 1),
            (
                vec![LoadFast(Slot(0)), LoadConst(ConstIdx(1)), DupTwo, Subscr],
                3,
            ),
            (vec![LoadDeref(CellIdx(0)), BinaryOp(BinOp::Sub), Pop], 1),
            (vec![LoadFast(Slot(0)), Return], 1),
            (vec![BinaryOp(BinOp::Add), Return], 1),
            (
                vec![
                    LoadFast(Slot(0)),
                    LoadConst(ConstIdx(1)),
                    CompareJumpIfFalse(CmpOp::Lt, Target(9)),
                ],
                2,
            ),
            (
                vec![
                    LoadFast(Slot(0)),
                    LoadFast(Slot(1)),
                    CompareJumpIfFalse(CmpOp::Lt, Target(9)),
                ],
                2,
            ),
        ];
        for (code, n) in cases {
            let q = quick_with(&code, None, None);
            assert_ne!(q[0], code[0], "{code:?} fuses");
            assert_eq!(q[0].covers(), n, "{code:?}");
            // The table's stack effect of the superinstruction is that of
            // the sequence it runs.
            let (mut needs, mut left) = (0, 0);
            for i in &code[..=n] {
                let (pops, pushes) = i.stack_effect();
                needs += pops.saturating_sub(left);
                left = left.saturating_sub(pops) + pushes;
            }
            assert_eq!(q[0].stack_effect(), (needs, left), "{code:?}");
        }
    }
}
