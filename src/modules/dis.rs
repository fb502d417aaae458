//! The `dis` module: `dis.dis(x)` prints the bytecode of a function (and of
//! the code objects nested in it) in the format of `mini dis FILE`; given a
//! string it compiles it as a module first, as CPython's `dis.dis` does.

use std::sync::Arc;

use crate::compile::bytecode::Code;
use crate::compile::dis::disassemble;
use crate::compile::{Mode, compile_module};
use crate::vm::prelude::*;

/// The code object `dis.dis` shows for `x` (also the REPL's `:dis`).
pub fn code_of(x: &Value) -> PyResult<Arc<Code>> {
    match x {
        Value::Func(f) => Ok(f.code.clone()),
        Value::BoundMethod(b) => match &b.func {
            BoundFunc::Python(f) => code_of(f),
            BoundFunc::Native(_) => Err(no_code(x)),
        },
        Value::Str(s) => {
            let source = s.as_str();
            let module = crate::syntax::parse_module(source)
                .map_err(|e| new_exc(ExcKind::SyntaxError, e.msg))?;
            let mut warnings = Vec::new();
            let code = compile_module(
                &module,
                Arc::from(source),
                Arc::from("<dis>"),
                Mode::File,
                crate::kernel::cython_file,
                &mut warnings,
            );
            for w in &warnings {
                crate::stdio::write_stderr(w);
            }
            code.map_err(|e| new_exc(ExcKind::SyntaxError, e.msg))
        }
        _ => Err(no_code(x)),
    }
}

fn no_code(x: &Value) -> PyErr {
    type_error(format!(
        "don't know how to disassemble {} objects",
        x.type_name()
    ))
}

fn d_dis(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = args.one("dis.dis")?;
    let code = code_of(&x)?;
    let text = disassemble(&code);
    print_stdout(&text, false)?;
    Ok(Value::None)
}

static FUNCS: &[BuiltinFn] = &[BuiltinFn {
    name: "dis",
    func: d_dis,
}];

pub fn init(_vm: &mut Vm) -> PyResult<Value> {
    let (m, _) = super::new_module("dis", FUNCS);
    Ok(m)
}
