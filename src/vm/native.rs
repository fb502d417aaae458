//! Objects implemented by modules: `threading.Lock`, `queue.Queue`,
//! `numpy.ndarray`, …
//!
//! A module defines a Rust type, implements [`NativeObject`] for it (only
//! the hooks it needs; every hook has a default meaning "not supported") and
//! wraps instances with [`Value::native`]. The VM calls the hooks from the
//! generic operations (attribute access, `len`, `obj[k]`, operators, `iter`,
//! calls), so the dispatch loop knows nothing about any module.
//!
//! Each implementing type names a static [`NativeClass`]: its Python name,
//! module, method table and, optionally, a constructor. [`native_type`] turns
//! the class into the `type` object that `type(x)`, `isinstance` and the
//! module attribute (`threading.Thread`) share.

use std::any::Any;
use std::sync::Arc;

use parking_lot::Mutex;

use super::error::*;
use super::interp::Vm;
use super::objects::{Args, MethodDef, NativeFn, TypeKind, TypeObj};
use super::types::TYPES;
use super::value::Value;
use crate::syntax::ops::{BinOp, CmpOp, UnaryOp};

/// The Python-visible class of a native object.
pub struct NativeClass {
    /// `Lock`, `ndarray`, …
    pub name: &'static str,
    /// The module shown in the type's repr (`<class 'threading.Thread'>`).
    pub module: &'static str,
    pub methods: &'static [MethodDef],
    /// Called for `Class(...)`; None: the type cannot be instantiated.
    pub ctor: Option<NativeFn>,
}

/// What a native object can do. `this` is the `Value` wrapping `self`, for
/// hooks that return or store it.
#[allow(unused_variables, clippy::len_without_is_empty)]
pub trait NativeObject: Any + Send + Sync {
    fn class(&self) -> &'static NativeClass;

    fn repr(&self, vm: &mut Vm, this: &Value) -> PyResult<String> {
        if let Some(d) = self.describe() {
            return Ok(d);
        }
        let c = self.class();
        Ok(format!(
            "<{}.{} object at {:#x}>",
            c.module,
            c.name,
            this.id()
        ))
    }

    /// A repr that needs no interpreter, for the constants the compiler
    /// stores (the disassembler prints it); None: only `repr` knows.
    fn describe(&self) -> Option<String> {
        None
    }

    fn str(&self, vm: &mut Vm, this: &Value) -> PyResult<String> {
        self.repr(vm, this)
    }

    /// Data attributes (`t.name`, `a.shape`); methods come from the class.
    fn get_attr(&self, vm: &mut Vm, this: &Value, name: &str) -> Option<PyResult<Value>> {
        None
    }

    /// `obj.name = value`; None: no such writable attribute.
    fn set_attr(&self, name: &str, value: &Value) -> Option<PyResult<()>> {
        None
    }

    /// Names listed by completion besides the methods.
    fn attr_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn len(&self) -> Option<PyResult<usize>> {
        None
    }

    /// `bool(obj)`; may raise (NumPy's ambiguous truth value).
    fn truthy(&self) -> PyResult<bool> {
        Ok(true)
    }

    fn get_item(&self, vm: &mut Vm, this: &Value, key: &Value) -> Option<PyResult<Value>> {
        None
    }

    fn set_item(
        &self,
        vm: &mut Vm,
        this: &Value,
        key: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        None
    }

    /// `this op other` (or `other op this` when `reflected`); None: not
    /// supported (NotImplemented).
    fn binary_op(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        None
    }

    /// `this op other` where `this` is a temporary: the VM holds the only
    /// reference to it, so the object may put the result in its own storage
    /// and return `this` (NumPy's temporary elision). None: not possible,
    /// use `binary_op`.
    fn binary_op_temp(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: BinOp,
        other: &Value,
    ) -> Option<PyResult<Value>> {
        None
    }

    /// `this op= other`; None: compute `this op other` instead.
    fn inplace_op(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: BinOp,
        other: &Value,
    ) -> Option<PyResult<Value>> {
        None
    }

    /// Unary `-`, `+`, `~` (`not` uses `truthy`).
    fn unary_op(&self, vm: &mut Vm, this: &Value, op: UnaryOp) -> Option<PyResult<Value>> {
        None
    }

    /// Rich comparison `op` (`==` … `>=`, see `CmpOp::is_rich`), with
    /// the operands swapped when `reflected`; None: fall back to identity for
    /// `==`/`!=` and TypeError for orderings.
    fn compare(
        &self,
        vm: &mut Vm,
        this: &Value,
        op: CmpOp,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        None
    }

    fn iter(&self, this: &Value) -> Option<PyResult<Value>> {
        None
    }

    fn call(&self, vm: &mut Vm, this: &Value, args: Args) -> Option<PyResult<Value>> {
        None
    }
}

/// The heap cell behind `Value::Native`: one thin pointer in the `Value`.
pub struct NativeBox(pub Box<dyn NativeObject>);

impl std::ops::Deref for NativeBox {
    type Target = dyn NativeObject;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl NativeBox {
    /// The object as its concrete type, if it is one.
    pub fn downcast<T: NativeObject>(&self) -> Option<&T> {
        let any: &dyn Any = &*self.0;
        any.downcast_ref::<T>()
    }
}

impl Value {
    pub fn native(obj: impl NativeObject) -> Value {
        Value::Native(Arc::new(NativeBox(Box::new(obj))))
    }

    /// `self` as the native type `T`, if it is one.
    pub fn downcast<T: NativeObject>(&self) -> Option<&T> {
        match self {
            Value::Native(n) => n.downcast::<T>(),
            _ => None,
        }
    }
}

/// The `type` object of a native class (made once, then shared).
pub fn native_type(class: &'static NativeClass) -> Arc<TypeObj> {
    static TYPES_MADE: Mutex<Vec<Arc<TypeObj>>> = Mutex::new(Vec::new());
    let mut made = TYPES_MADE.lock();
    if let Some(t) = made
        .iter()
        .find(|t| t.native.is_some_and(|c| std::ptr::eq(c, class)))
    {
        return t.clone();
    }
    let t = Arc::new(TypeObj {
        name: class.name.to_string(),
        base: Some(TYPES.object.clone()),
        kind: TypeKind::Other,
        native: Some(class),
    });
    made.push(t.clone());
    t
}

/// `Class(...)` for a native type.
pub fn construct(vm: &mut Vm, class: &'static NativeClass, args: Args) -> PyResult<Value> {
    match class.ctor {
        Some(f) => f(vm, args),
        None => Err(type_error(format!(
            "cannot create '{}.{}' instances",
            class.module, class.name
        ))),
    }
}

/// Find `name` in a native class's method table.
pub fn find_method(class: &'static NativeClass, name: &str) -> Option<&'static MethodDef> {
    class.methods.iter().find(|m| m.name == name)
}

/// A method table for a native class: `native_methods!("Lock"; "acquire" => f, …)`.
macro_rules! native_methods {
    ($owner:literal; $($name:literal => $f:path),* $(,)?) => {
        &[$($crate::vm::prelude::MethodDef { name: $name, owner: $owner, func: $f, fast: None }),*]
    };
}
pub(crate) use native_methods;

/// `a op b` when an operand is native: its hook, tried on the left operand
/// first, then reflected on the right; None if neither supports it.
pub fn binary_op(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    left_then_reflected(vm, a, b, |n, vm, this, other, reflected| {
        n.binary_op(vm, this, op, other, reflected)
    })
}

/// Ask the left operand's hook, then the right one's with `reflected` set
/// (Python's `__op__` then `__rop__`); None if neither is native or both
/// decline.
fn left_then_reflected(
    vm: &mut Vm,
    a: &Value,
    b: &Value,
    hook: impl Fn(&NativeBox, &mut Vm, &Value, &Value, bool) -> Option<PyResult<Value>>,
) -> Option<PyResult<Value>> {
    if let Value::Native(n) = a
        && let Some(r) = hook(n, vm, a, b, false)
    {
        return Some(r);
    }
    if let Value::Native(n) = b
        && let Some(r) = hook(n, vm, b, a, true)
    {
        return Some(r);
    }
    None
}

/// `a op= b` when `a` is native: its in-place hook, else `binary_op`.
pub fn inplace_op(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if let Value::Native(n) = a
        && let Some(r) = n.inplace_op(vm, a, op, b)
    {
        return Some(r);
    }
    binary_op(vm, op, a, b)
}

/// Rich comparison when an operand is native (see `NativeObject::compare`).
pub fn compare_op(vm: &mut Vm, op: CmpOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if !op.is_rich() {
        return None;
    }
    left_then_reflected(vm, a, b, |n, vm, this, other, reflected| {
        n.compare(vm, this, op, other, reflected)
    })
}
