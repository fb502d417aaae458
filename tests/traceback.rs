//! Tracebacks read like CPython's: the script's absolute path, each frame's
//! source line, and chained exceptions (implicit context and `raise … from`).

use std::path::PathBuf;
use std::process::Command;

fn run_script(name: &str, program: &str) -> (i32, String) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("traceback");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join(name), program).expect("write program");
    let out = Command::new(env!("CARGO_BIN_EXE_mini"))
        .arg(name)
        .current_dir(&dir)
        .output()
        .expect("mini runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_error_inside_a_handler_shows_both_exceptions() {
    let (status, err) = run_script(
        "context.py",
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    undefined_name\n",
    );
    assert_eq!(status, 1);
    let first = err.find("ZeroDivisionError: division by zero").expect(&err);
    let during = err
        .find("During handling of the above exception, another exception occurred:")
        .expect(&err);
    let last = err
        .find("NameError: name 'undefined_name' is not defined")
        .expect(&err);
    assert!(first < during && during < last, "{err}");
    let abs = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("traceback")
        .join("context.py");
    assert!(
        err.contains(&format!("File \"{}\", line 4, in <module>", abs.display())),
        "{err}"
    );
    assert!(err.contains("    undefined_name\n"), "{err}");
}

#[test]
fn raise_from_shows_the_cause_first() {
    let (status, err) = run_script(
        "cause.py",
        "def parse(s):\n    try:\n        return int(s)\n    except ValueError as e:\n        raise RuntimeError('bad input') from e\n\nparse('x')\n",
    );
    assert_eq!(status, 1);
    let cause = err
        .find("ValueError: invalid literal for int() with base 10: 'x'")
        .expect(&err);
    let link = err
        .find("The above exception was the direct cause of the following exception:")
        .expect(&err);
    let last = err.find("RuntimeError: bad input").expect(&err);
    assert!(cause < link && link < last, "{err}");
    assert!(!err.contains("During handling"), "{err}");
}
