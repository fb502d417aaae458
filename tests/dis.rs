//! Golden tests of the disassembler.
//!
//! `mini dis NAME.py` is run in `tests/dis/` on every `*.py` there and
//! compared with `NAME.dis`, `mini dis --quick NAME.py` (the quickened
//! stream the VM runs) with `NAME.quick.dis`. When the compiler changes on purpose, accept
//! the new listings with `MINI_BLESS=1 cargo test --test dis` and review
//! the diff of `tests/dis/*.dis`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn mini() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mini"));
    cmd.stdin(Stdio::null());
    cmd
}

fn dis_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("dis")
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run mini")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The programs with a golden listing.
fn programs() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dis_dir())
        .expect("tests/dis exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    found.sort();
    found
}

#[test]
fn listings_match_their_goldens() {
    let bless = std::env::var_os("MINI_BLESS").is_some_and(|v| v != "0");
    let programs = programs();
    assert!(
        programs.len() >= 3,
        "expected the golden programs in tests/dis"
    );
    let mut failures = Vec::new();
    let modes: [(&[&str], &str); 2] = [(&[], "dis"), (&["--quick"], "quick.dis")];
    for (program, (flags, ext)) in programs
        .iter()
        .flat_map(|p| modes.iter().map(move |m| (p, *m)))
    {
        let name = program
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let out = run(mini()
            .arg("dis")
            .args(flags)
            .arg(name)
            .current_dir(dis_dir()));
        assert!(
            out.status.success(),
            "mini dis {name} failed: {}",
            text(&out.stderr)
        );
        let listing = text(&out.stdout);
        let golden = program.with_extension(ext);
        if bless {
            std::fs::write(&golden, &listing).expect("write the golden listing");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if listing != expected {
            let first_diff = listing
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| listing.lines().count().min(expected.lines().count()));
            failures.push(format!(
                "{name}: listing differs from {} at line {}:\n  got:      {:?}\n  expected: {:?}",
                golden.display(),
                first_diff + 1,
                listing.lines().nth(first_diff).unwrap_or("<end>"),
                expected.lines().nth(first_diff).unwrap_or("<end>"),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(if the change is intended: MINI_BLESS=1 cargo test --test dis)",
        failures.join("\n")
    );
}

#[test]
fn listing_shows_the_load_add_store_of_an_augmented_assignment() {
    let out = run(mini().args(["dis", "counter.py"]).current_dir(dis_dir()));
    let listing = text(&out.stdout);
    let ops: Vec<&str> = listing
        .lines()
        .filter_map(|l| {
            l.split_whitespace()
                .find(|w| w.starts_with(char::is_uppercase))
        })
        .collect();
    let window = ["LoadGlobal", "LoadConst", "InplaceOp", "StoreGlobal"];
    assert!(
        ops.windows(4).any(|w| w == window),
        "no load/add/store in:\n{listing}"
    );
    assert!(listing.contains("(counter)") && listing.contains("(+=)"));
    assert!(listing.starts_with("(* = check point"), "legend first");
    // The loop's back edge is a check point and its head a jump target.
    assert!(
        listing
            .lines()
            .any(|l| l.contains('*') && l.contains("JumpBack")),
        "{listing}"
    );
    assert!(
        listing
            .lines()
            .any(|l| l.contains(">>") && l.contains("ForIter"))
    );
}

#[test]
fn quick_listing_shows_superinstructions_over_what_they_cover() {
    let plain = text(&run(mini().args(["dis", "loops.py"]).current_dir(dis_dir())).stdout);
    let out = run(mini()
        .args(["dis", "--quick", "loops.py"])
        .current_dir(dis_dir()));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let quick = text(&out.stdout);
    // Same instructions, same positions: one line each.
    assert_eq!(plain.lines().count() + 1, quick.lines().count());
    assert!(
        quick
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("(quickened"))
    );
    // A superinstruction, followed by the instruction it covers, indented.
    let lines: Vec<&str> = quick.lines().collect();
    let fused = lines
        .iter()
        .position(|l| l.contains("LoadFastConst") || l.contains("BinaryOpFast"))
        .expect("a superinstruction in loops.py");
    assert!(lines[fused + 1].contains("   Load") || lines[fused + 1].contains("   Binary"));
}

#[test]
fn dis_module_prints_one_function_like_mini_dis() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dis-module");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let program = "counter = 0\n\
                   \n\
                   def work(n):\n\
                   \x20   global counter\n\
                   \x20   for _ in range(n):\n\
                   \x20       counter += 1\n\
                   \n\
                   import dis\n\
                   dis.dis(work)\n";
    std::fs::write(dir.join("prog.py"), program).expect("write");
    let whole = text(&run(mini().args(["dis", "prog.py"]).current_dir(&dir)).stdout);
    let legend = whole.lines().next().unwrap_or_default();
    let start = whole
        .find("Disassembly of <code object work")
        .expect("work() in the listing");
    let expected = format!("{legend}\n{}", &whole[start..]);
    let out = run(mini().arg("prog.py").current_dir(&dir));
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A running script's code objects carry its absolute path (as CPython's
    // tracebacks show it); `mini dis FILE` shows the path as given.
    let prefix = format!("{}/", dir.display());
    assert_eq!(text(&out.stdout).replace(&prefix, ""), expected);
}

#[test]
fn dis_of_a_string_and_of_a_builtin() {
    let out = run(mini().args(["-c", "import dis\ndis.dis('x = y + 1')"]));
    let listing = text(&out.stdout);
    assert!(
        listing.contains("LoadGlobal") && listing.contains("(y)"),
        "{listing}"
    );
    assert!(
        listing.contains("StoreGlobal") && listing.contains("(x)"),
        "{listing}"
    );
    let out = run(mini().args(["-c", "import dis\ndis.dis(len)"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("TypeError: don't know how to disassemble"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn dis_reports_bad_files_like_running_them() {
    let out = run(mini()
        .args(["dis", "no_such_file.py"])
        .current_dir(dis_dir()));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("can't open file"));

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dis-bad-syntax");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("bad.py"), "x = (1,\n").expect("write");
    let out = run(mini().args(["dis", "bad.py"]).current_dir(&dir));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("SyntaxError"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_script_called_dis_still_runs() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("script-called-dis");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("dis"), "import sys\nprint('ran', sys.argv[1:])\n").expect("write");
    let out = run(mini().arg("dis").current_dir(&dir));
    assert_eq!(text(&out.stdout), "ran []\n", "{}", text(&out.stderr));
    let out = run(mini().args(["dis", "a", "b"]).current_dir(&dir));
    assert_eq!(
        text(&out.stdout),
        "ran ['a', 'b']\n",
        "{}",
        text(&out.stderr)
    );
}
