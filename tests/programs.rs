//! Every demo in `programs/` runs and prints exactly its golden output
//! (`programs/NAME.out`), so the demos never rot.

use std::path::Path;
use std::process::Command;

#[test]
fn every_program_matches_its_golden_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("programs");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("programs/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "mini"))
        .collect();
    entries.sort();
    for prog in entries {
        let golden = prog.with_extension("out");
        let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!(
                "{} has no golden output {}",
                prog.display(),
                golden.display()
            )
        });
        let out = Command::new(env!("CARGO_BIN_EXE_mini"))
            .arg(prog.file_name().expect("file name"))
            .current_dir(&dir)
            .output()
            .expect("mini runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || stdout != expected {
            failures.push(format!(
                "{}: status {:?}\n--- expected\n{}--- got\n{}--- stderr\n{}",
                prog.display(),
                out.status.code(),
                expected,
                stdout,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        checked += 1;
    }
    assert!(checked > 0, "no programs found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
