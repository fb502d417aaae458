//! The builtin type objects (`int`, `str`, …) and the exception hierarchy.
//!
//! They are created once per process and never change, so they live in an
//! immutable `LazyLock` table (no interpreter state is held here).

use std::sync::{Arc, LazyLock};

use super::objects::{TypeKind, TypeObj};

pub struct Types {
    pub object: Arc<TypeObj>,
    pub none: Arc<TypeObj>,
    pub bool_: Arc<TypeObj>,
    pub int: Arc<TypeObj>,
    pub float: Arc<TypeObj>,
    pub str_: Arc<TypeObj>,
    pub bytes: Arc<TypeObj>,
    pub list: Arc<TypeObj>,
    pub tuple: Arc<TypeObj>,
    pub dict: Arc<TypeObj>,
    pub set: Arc<TypeObj>,
    pub frozenset: Arc<TypeObj>,
    pub range: Arc<TypeObj>,
    pub slice: Arc<TypeObj>,
    pub type_: Arc<TypeObj>,
    pub function: Arc<TypeObj>,
    pub builtin: Arc<TypeObj>,
    pub module: Arc<TypeObj>,
    /// Every builtin exception class, indexed by `ExcKind`.
    pub exceptions: Vec<Arc<TypeObj>>,
}

/// Declares [`ExcKind`]: one variant per builtin exception class, each with
/// its parent, parents listed before their children (checked at compile
/// time below), so that building the hierarchy is one pass in order.
macro_rules! exception_kinds {
    ($root:ident; $($kind:ident: $parent:ident,)*) => {
        /// A builtin exception class, by kind: `TYPES.exc(ExcKind::TypeError)`
        /// is its type object. A typo does not compile.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ExcKind {
            $root,
            $($kind,)*
        }

        impl ExcKind {
            /// Every kind, in declaration order (parents first).
            pub const ALL: &'static [ExcKind] = &[ExcKind::$root, $(ExcKind::$kind,)*];

            /// The class name, as Python prints it.
            pub const fn name(self) -> &'static str {
                match self {
                    ExcKind::$root => stringify!($root),
                    $(ExcKind::$kind => stringify!($kind),)*
                }
            }

            /// The parent class (`None` for `BaseException`, whose parent is
            /// `object`).
            pub const fn base(self) -> Option<ExcKind> {
                match self {
                    ExcKind::$root => None,
                    $(ExcKind::$kind => Some(ExcKind::$parent),)*
                }
            }
        }
    };
}

exception_kinds! {
    BaseException;
    SystemExit: BaseException,
    KeyboardInterrupt: BaseException,
    GeneratorExit: BaseException,
    Exception: BaseException,
    StopIteration: Exception,
    ArithmeticError: Exception,
    FloatingPointError: ArithmeticError,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    BufferError: Exception,
    EOFError: Exception,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    FileNotFoundError: OSError,
    BrokenPipeError: OSError,
    TimeoutError: OSError,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    RecursionError: RuntimeError,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TabError: IndentationError,
    SystemError: Exception,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    UnicodeDecodeError: UnicodeError,
    UnicodeEncodeError: UnicodeError,
    Warning: Exception,
    UserWarning: Warning,
    DeprecationWarning: Warning,
    RuntimeWarning: Warning,
}

// Parents come first: `TYPES` builds each class after its base.
const _: () = {
    let mut i = 0;
    while i < ExcKind::ALL.len() {
        if let Some(b) = ExcKind::ALL[i].base() {
            assert!(
                (b as usize) < i,
                "an exception's parent is declared after it"
            );
        }
        assert!(ExcKind::ALL[i] as usize == i);
        i += 1;
    }
};

fn new_type(name: &str, base: Option<&Arc<TypeObj>>, kind: TypeKind) -> Arc<TypeObj> {
    Arc::new(TypeObj {
        name: name.to_string(),
        base: base.cloned(),
        kind,
        native: None,
    })
}

/// A new exception class deriving from `base` (for module exceptions such
/// as `queue.Empty`); the caller keeps it so that it is made once.
pub fn new_exception_type(name: &str, base: &Arc<TypeObj>) -> Arc<TypeObj> {
    new_type(name, Some(base), TypeKind::Exception)
}

pub static TYPES: LazyLock<Types> = LazyLock::new(|| {
    let object = new_type("object", None, TypeKind::Object);
    let o = Some(&object);
    let int = new_type("int", o, TypeKind::Int);
    let mut exceptions: Vec<Arc<TypeObj>> = Vec::with_capacity(ExcKind::ALL.len());
    for kind in ExcKind::ALL {
        let base = match kind.base() {
            Some(b) => exceptions[b as usize].clone(),
            None => object.clone(),
        };
        exceptions.push(new_type(kind.name(), Some(&base), TypeKind::Exception));
    }
    Types {
        none: new_type("NoneType", o, TypeKind::NoneType),
        bool_: new_type("bool", Some(&int), TypeKind::Bool),
        float: new_type("float", o, TypeKind::Float),
        str_: new_type("str", o, TypeKind::Str),
        bytes: new_type("bytes", o, TypeKind::Bytes),
        list: new_type("list", o, TypeKind::List),
        tuple: new_type("tuple", o, TypeKind::Tuple),
        dict: new_type("dict", o, TypeKind::Dict),
        set: new_type("set", o, TypeKind::Set),
        frozenset: new_type("frozenset", o, TypeKind::FrozenSet),
        range: new_type("range", o, TypeKind::Range),
        slice: new_type("slice", o, TypeKind::Slice),
        type_: new_type("type", o, TypeKind::Type),
        function: new_type("function", o, TypeKind::Function),
        builtin: new_type("builtin_function_or_method", o, TypeKind::Builtin),
        module: new_type("module", o, TypeKind::Module),
        int,
        exceptions,
        object,
    }
});

impl Types {
    /// The builtin exception class of `kind`.
    pub fn exc(&self, kind: ExcKind) -> &Arc<TypeObj> {
        &self.exceptions[kind as usize]
    }
}
