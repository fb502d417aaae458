//! The instruction table (`compile/bytecode.rs`) against what uses it: the
//! stack effects against the code the compiler emits, the check points
//! against the dispatch loop.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mini::compile::bytecode::{Code, Instr};
use mini::compile::verify::max_stack_depth;
use mini::compile::{Mode, compile_module};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` whose name ends with `ext`, sorted.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.to_str().is_some_and(|s| s.ends_with(ext)) {
            out.push(p);
        }
    }
    out.sort();
}

fn check_tree(code: &Code, path: &Path, failures: &mut Vec<String>) -> u32 {
    let mut n = 1;
    if let Err(e) = max_stack_depth(code) {
        failures.push(format!("{}: {}: {e}", path.display(), code.qualname));
    }
    for child in &code.children {
        n += check_tree(child, path, failures);
    }
    n
}

/// Every test and benchmark program that compiles keeps the operand stack
/// balanced by the table's effects (`compile::verify`).
#[test]
fn compiled_programs_agree_with_the_stack_effects() {
    let mut programs = Vec::new();
    files(&root().join("tests"), ".py", &mut programs);
    files(&root().join("benches"), ".py", &mut programs);
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in &programs {
        let Ok(source) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(module) = mini::syntax::parse_module(&source) else {
            continue;
        };
        let name = path.display().to_string();
        let Ok(code) = compile_module(
            &module,
            Arc::from(source.as_str()),
            Arc::from(name),
            Mode::File,
            mini::kernel::cython_file,
            &mut Vec::new(),
        ) else {
            continue;
        };
        checked += check_tree(&code, path, &mut failures);
    }
    assert!(checked > 1000, "only {checked} code objects compiled");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The match arms of the dispatch loop: for each, the instructions its
/// head names and its body.
fn dispatch_arms() -> Vec<(Vec<String>, String)> {
    let mut sources = Vec::new();
    files(&root().join("src").join("vm"), ".rs", &mut sources);
    let text = sources
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .find(|t| t.contains("Instr::Nop =>"))
        .expect("the dispatch loop matches Instr::Nop");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Instr::Nop =>"))
        .expect("Instr::Nop arm");
    let indent = lines[start].len() - lines[start].trim_start().len();
    let mut arms: Vec<(Vec<String>, String)> = Vec::new();
    let mut in_head = false;
    for line in &lines[start..] {
        let trimmed = line.trim_start();
        let depth = line.len() - trimmed.len();
        if !trimmed.is_empty() && depth < indent {
            break;
        }
        let starts_arm =
            depth == indent && (trimmed.starts_with("Instr::") || trimmed.starts_with("| Instr::"));
        if starts_arm && !in_head {
            arms.push((Vec::new(), String::new()));
        }
        if depth == indent && trimmed.starts_with("//") {
            in_head = false;
            continue;
        }
        let Some((names, body)) = arms.last_mut() else {
            continue;
        };
        if starts_arm || in_head {
            let head = trimmed.split("=>").next().unwrap_or_default();
            for part in head.split("Instr::").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                names.push(name);
            }
            in_head = !trimmed.contains("=>");
            if let Some((_, rest)) = trimmed.split_once("=>") {
                body.push_str(rest);
            }
        } else {
            body.push_str(trimmed);
            body.push('\n');
        }
    }
    arms
}

/// Every check point of the table tests the eval breaker in the dispatch
/// loop, and no other instruction does: each match arm naming a check-point
/// instruction contains `check_breaker!`, and each arm naming only plain
/// instructions does not. A structural test (it reads the VM's source) so
/// that it fails the moment an instruction is marked `@check` in the table
/// without the check in its arm, or the reverse, whatever the check's
/// mechanism (flag bits, an EvalBreaker type) becomes.
#[test]
fn check_points_test_the_eval_breaker() {
    let arms = dispatch_arms();
    assert!(arms.len() > 50, "found only {} dispatch arms", arms.len());
    let mut failures = Vec::new();
    for (name, &check) in Instr::NAMES.iter().zip(Instr::CHECK_POINT) {
        let mine: Vec<&(Vec<String>, String)> = arms
            .iter()
            .filter(|(n, _)| n.iter().any(|n| n == name))
            .collect();
        if mine.is_empty() {
            failures.push(format!("{name}: no arm in the dispatch loop"));
        }
        for (names, body) in mine {
            let checks = body.contains("check_breaker!");
            if checks != check {
                failures.push(format!(
                    "{name} (check point: {check}): the arm for {names:?} {} the breaker",
                    if checks { "tests" } else { "does not test" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
