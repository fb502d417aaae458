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
    /// Every exception class, by name, in hierarchy order (parents first).
    pub exceptions: Vec<Arc<TypeObj>>,
}

/// (name, parent) of every builtin exception, parents listed first.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", "object"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("BrokenPipeError", "OSError"),
    ("TimeoutError", "OSError"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
];

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
    let mut exceptions: Vec<Arc<TypeObj>> = Vec::new();
    for (name, parent) in EXCEPTIONS {
        let base = if *parent == "object" {
            object.clone()
        } else {
            exceptions
                .iter()
                .find(|t| t.name == *parent)
                .cloned()
                .expect("exception parents are listed first")
        };
        exceptions.push(new_type(name, Some(&base), TypeKind::Exception));
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
    /// The exception class called `name`.
    pub fn exc(&self, name: &str) -> &Arc<TypeObj> {
        self.exceptions
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("internal error: no builtin exception {name}"))
    }
}
