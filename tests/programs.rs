//! Every demo in `programs/` runs and prints its golden output, so the
//! demos never rot.
//!
//! `NAME.out` is the output of `mini NAME.mini`; `NAME.OPTS.out` the output
//! with options, where OPTS is a `+`-separated list of `key-value` words
//! turned into `--key=value` (`threads_cpu.gil-off.out` is the output of
//! `mini --gil=off threads_cpu.mini`). Demos that time things print their
//! measurements, which vary from run to run: in a golden line, `…` stands
//! for any text (within that line), so the facts around the figures are
//! still checked. A demo with a `NAME.err` golden must fail with status 1
//! and that stderr (the compile errors the Cython demos are about).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Does `line` match golden line `pattern`, where `…` matches any text?
fn line_matches(pattern: &str, line: &str) -> bool {
    let mut parts = pattern.split('…');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if last {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

fn output_matches(golden: &str, out: &str) -> bool {
    let g: Vec<&str> = golden.lines().collect();
    let o: Vec<&str> = out.lines().collect();
    golden.ends_with('\n') == out.ends_with('\n')
        && g.len() == o.len()
        && g.iter().zip(&o).all(|(p, l)| line_matches(p, l))
}

/// The command-line options a golden file's name asks for.
fn options_of(golden: &Path, stem: &str) -> Vec<String> {
    let name = golden.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let middle = name
        .strip_prefix(stem)
        .and_then(|r| r.strip_suffix(".out"))
        .unwrap_or("");
    middle
        .trim_start_matches('.')
        .split('+')
        .filter(|w| !w.is_empty())
        .map(|w| match w.rsplit_once('-') {
            Some((k, v)) => format!("--{k}={v}"),
            None => format!("--{w}"),
        })
        .collect()
}

fn goldens_of(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut g: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("programs/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".out")
                && (n == format!("{stem}.out") || n.starts_with(&format!("{stem}.")))
                && !n[stem.len() + 1..].contains(".mini")
        })
        .collect();
    g.sort();
    g
}

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
        let stem = prog
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name")
            .to_string();
        let goldens = goldens_of(&dir, &stem);
        assert!(
            goldens.iter().any(|g| g.ends_with(format!("{stem}.out"))),
            "{} has no golden output {stem}.out",
            prog.display()
        );
        for golden in goldens {
            let expected = std::fs::read_to_string(&golden).expect("golden readable");
            let opts = options_of(&golden, &stem);
            let out = Command::new(env!("CARGO_BIN_EXE_mini"))
                .args(&opts)
                .arg(prog.file_name().expect("file name"))
                .current_dir(&dir)
                .output()
                .expect("mini runs");
            let stdout = String::from_utf8_lossy(&out.stdout);
            // A `NAME.err` golden: the program must fail (status 1) with
            // that stderr — a compile error a demo is about.
            let err_golden = dir.join(format!("{stem}.err"));
            let status_ok = match std::fs::read_to_string(&err_golden) {
                Ok(err) => {
                    out.status.code() == Some(1)
                        && output_matches(&err, &String::from_utf8_lossy(&out.stderr))
                }
                Err(_) => out.status.success(),
            };
            if !status_ok || !output_matches(&expected, &stdout) {
                failures.push(format!(
                    "{} {}: status {:?}\n--- expected\n{}--- got\n{}--- stderr\n{}",
                    prog.display(),
                    opts.join(" "),
                    out.status.code(),
                    expected,
                    stdout,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no programs found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ellipsis_matches_any_text_within_a_line() {
    assert!(line_matches("a … b", "a 1.23 b"));
    assert!(line_matches("…", "anything"));
    assert!(line_matches("x=… y=…", "x=1 y=2"));
    assert!(!line_matches("x=… y=…", "x=1 z=2"));
    assert!(!line_matches("exact", "exact!"));
    assert!(line_matches("exact", "exact"));
    assert!(!output_matches("a\n", "a\nb\n"));
    assert_eq!(
        options_of(Path::new("t.gil-off+switch-interval-0.001.out"), "t"),
        ["--gil=off", "--switch-interval=0.001"]
    );
    assert!(options_of(Path::new("t.out"), "t").is_empty());
}
