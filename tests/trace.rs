//! `--trace FILE.json` and `--timeline FILE.svg`, as a user runs them: the
//! JSON parses and has a track per thread with the expected span kinds;
//! under `on` and `legacy` the GIL-held spans of different threads never
//! overlap (under `off` they may); the SVG parses as XML with one lane per
//! thread; `gil.trace_start()`/`gil.trace_stop(path)` trace one section.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use common::{run_mini, tests_dir};

const TIMEOUT: Duration = Duration::from_secs(60);

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mini-trace-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A GIL-held span: (start µs, end µs, track id).
type Held = (f64, f64, u64);

/// (thread names, span names, held spans).
fn read_trace(path: &PathBuf) -> (BTreeSet<String>, BTreeSet<String>, Vec<Held>) {
    let text = std::fs::read_to_string(path).expect("trace written");
    let json: serde_json::Value = serde_json::from_str(&text).expect("trace is JSON");
    let events = json["traceEvents"].as_array().expect("traceEvents");
    let mut threads = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let mut held = Vec::new();
    for e in events {
        let name = e["name"].as_str().unwrap_or_default().to_string();
        match e["ph"].as_str() {
            Some("M") if name == "thread_name" => {
                threads.insert(e["args"]["name"].as_str().unwrap_or_default().to_string());
            }
            Some("X") => {
                let ts = e["ts"].as_f64().expect("ts");
                let dur = e["dur"].as_f64().expect("dur");
                assert!(dur >= 0.0);
                if name == "GIL held" {
                    held.push((ts, ts + dur, e["tid"].as_u64().expect("tid")));
                }
                kinds.insert(name);
            }
            Some("i") => {
                kinds.insert(name);
            }
            _ => {}
        }
    }
    (threads, kinds, held)
}

fn overlaps(held: &mut [Held]) -> usize {
    held.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Timestamps are printed in µs with 3 decimals: allow that rounding.
    held.windows(2)
        .filter(|w| w[0].2 != w[1].2 && w[1].0 < w[0].1 - 0.002)
        .count()
}

#[test]
fn chrome_trace_has_a_track_per_thread_and_held_spans_never_overlap_under_a_gil() {
    let dir = tests_dir().join("trace");
    let out_dir = scratch("json");
    for mode in ["on", "legacy", "off"] {
        let path = out_dir.join(format!("{mode}.json"));
        let p = path.to_string_lossy().to_string();
        let out = run_mini(
            &["--gil", mode, "--trace", &p, "two_cpu.mini"],
            &dir,
            TIMEOUT,
        );
        assert_eq!(out.code, Some(0), "{mode}: {}", out.stderr_str());
        assert_eq!(out.stdout_str(), "done\n");
        let (threads, kinds, mut held) = read_trace(&path);
        let want: BTreeSet<String> = ["MainThread", "cpu0", "cpu1", "sleeper"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(threads, want, "{mode}");
        assert!(kinds.contains("join"), "{mode}: {kinds:?}");
        assert!(kinds.contains("sleep"), "{mode}: {kinds:?}");
        if mode == "off" {
            assert!(kinds.contains("running (no GIL)"), "{kinds:?}");
            assert!(held.is_empty());
        } else {
            assert!(kinds.contains("GIL held"), "{mode}: {kinds:?}");
            assert!(kinds.contains("waiting for the GIL"), "{mode}: {kinds:?}");
            assert!(held.len() >= 4, "{mode}: {held:?}");
            assert_eq!(overlaps(&mut held), 0, "{mode}: held spans overlap");
        }
        if mode == "on" {
            assert!(kinds.contains("drop request"), "{kinds:?}");
            assert!(kinds.contains("forced drop"), "{kinds:?}");
        }
    }
}

#[test]
fn svg_timeline_parses_and_has_one_lane_per_thread() {
    let dir = tests_dir().join("trace");
    let out_dir = scratch("svg");
    let path = out_dir.join("t.svg");
    let p = path.to_string_lossy().to_string();
    let out = run_mini(&["--timeline", &p, "two_cpu.mini"], &dir, TIMEOUT);
    assert_eq!(out.code, Some(0), "{}", out.stderr_str());
    let text = std::fs::read_to_string(&path).expect("timeline written");
    let doc = roxmltree::Document::parse(&text).expect("the SVG is XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let lanes: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("lane"))
        .map(|g| {
            g.children()
                .find(|c| c.has_tag_name("text"))
                .and_then(|t| t.text())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(lanes, ["MainThread", "cpu0", "cpu1", "sleeper"]);
    assert!(text.contains("switch interval (5 ms) to scale"));
    assert!(text.len() < 2_000_000, "{} bytes", text.len());
}

#[test]
fn kernel_workers_get_lanes_with_their_spans() {
    let dir = tests_dir().join("trace");
    let out_dir = scratch("kernel");
    let path = out_dir.join("k.json");
    let p = path.to_string_lossy().to_string();
    let out = run_mini(&["--trace", &p, "prange.mini"], &dir, TIMEOUT);
    assert_eq!(out.code, Some(0), "{}", out.stderr_str());
    let (threads, kinds, _) = read_trace(&path);
    assert!(threads.contains("kernel worker 0"), "{threads:?}");
    assert!(threads.contains("kernel worker 1"), "{threads:?}");
    assert!(kinds.contains("prange"), "{kinds:?}");
    assert!(kinds.contains("kernel"), "{kinds:?}");
}

#[test]
fn a_program_can_trace_one_section() {
    let out_dir = scratch("section");
    let svg = out_dir.join("part.svg");
    let json = out_dir.join("part.json");
    let prog = format!(
        "import gil, threading, time\n\
         time.sleep(0.001)\n\
         gil.trace_start()\n\
         t = threading.Thread(target=time.sleep, args=(0.01,), name='napper')\n\
         t.start(); t.join()\n\
         print(gil.trace_stop({:?}) > 0)\n\
         gil.trace_start()\n\
         print(gil.trace_stop({:?}) > 0)\n\
         try:\n    gil.trace_stop()\nexcept RuntimeError as e:\n    print(e)\n",
        svg.to_string_lossy(),
        json.to_string_lossy()
    );
    let out = run_mini(&["-c", &prog], &out_dir, TIMEOUT);
    assert_eq!(
        out.stdout_str(),
        "True\nTrue\ngil.trace_stop() without gil.trace_start()\n",
        "{}",
        out.stderr_str()
    );
    let (threads, _, _) = read_trace(&json);
    assert!(threads.contains("MainThread"));
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains(">napper</text>"));
}
