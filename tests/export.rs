//! Exports: the Chrome trace parses back with sane slices, a recording
//! replays to the same model and the same plain output, the SVG is
//! well-formed with a row per thread, and bad recordings say where.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use threadline::export::record;
use threadline::i18n::Lang;
use threadline::model::Timeline;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_threadline"));
    c.args(["--lang", "en"]); // the words the tests expect, whatever LANG says
    c
}

fn tmp(name: &str) -> PathBuf {
    common::fresh_scratch(&format!("export-{name}"))
}

/// Run a scenario in plain mode with all three outputs.
fn run_with_outputs(scenario: &str, dir: &std::path::Path) -> String {
    common::stdout_of(
        bin()
            .args(["run", scenario, "--plain", "--speed", "100", "--seed", "3"])
            .arg("--record")
            .arg(dir.join("r.jsonl"))
            .arg("--export-trace")
            .arg(dir.join("t.json"))
            .arg("--svg")
            .arg(dir.join("p.svg")),
    )
}

#[test]
fn the_chrome_trace_parses_back_and_never_overlaps() {
    for scenario in ["basic", "daemon", "gil-cpu"] {
        let dir = tmp(&format!("chrome-{scenario}"));
        run_with_outputs(scenario, &dir);
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("t.json")).unwrap()).unwrap();
        let evs = v["traceEvents"].as_array().unwrap();
        let mut names: HashMap<u64, String> = HashMap::new();
        let mut slices: HashMap<u64, Vec<(f64, f64)>> = HashMap::new();
        for e in evs {
            let tid = e["tid"].as_u64().unwrap_or(0);
            match (e["ph"].as_str().unwrap(), e["name"].as_str().unwrap()) {
                ("M", "thread_name") => {
                    names.insert(tid, e["args"]["name"].as_str().unwrap().to_string());
                }
                ("X", _) => slices
                    .entry(tid)
                    .or_default()
                    .push((e["ts"].as_f64().unwrap(), e["dur"].as_f64().unwrap())),
                _ => {}
            }
        }
        assert_eq!(
            names.get(&1).map(String::as_str),
            Some("main"),
            "main is thread 1"
        );
        for (tid, s) in &slices {
            assert!(names.contains_key(tid), "every thread named");
            for w in s.windows(2) {
                assert!(w[0].0 <= w[1].0, "time never runs backwards");
                assert!(
                    w[0].0 + w[0].1 <= w[1].0 + 1e-6,
                    "slices never overlap on one thread"
                );
            }
            assert!(s.iter().all(|(_, d)| *d > 0.0));
        }
        if scenario == "daemon" {
            let cut = evs
                .iter()
                .filter(|e| e["ph"] == "i" && e["name"] == "cut short")
                .count();
            assert_eq!(cut, 5);
            assert!(evs.iter().any(|e| e["name"] == "process exit"));
            assert!(evs.iter().any(|e| e["name"] == "main code end"));
        }
    }
}

#[test]
fn a_recording_replays_to_the_same_model_and_the_same_plain_output() {
    for scenario in ["basic", "daemon", "join", "mixed", "race"] {
        let dir = tmp(&format!("replay-{scenario}"));
        let printed = run_with_outputs(scenario, &dir);
        let rec = record::read(&dir.join("r.jsonl")).unwrap();
        assert_eq!(rec.header.scenario, scenario);
        let replayed = bin()
            .arg("replay")
            .arg(dir.join("r.jsonl"))
            .arg("--plain")
            .output()
            .unwrap();
        assert!(replayed.status.success());
        assert_eq!(
            String::from_utf8(replayed.stdout).unwrap(),
            printed,
            "{scenario}: same plain output"
        );
    }
}

#[test]
fn record_then_replay_gives_the_model_the_live_run_drew() {
    for name in ["basic", "daemon", "gil-cpu", "race"] {
        let (live, words) = common::plain_builtin(name, common::options(200.0, 5, false), Lang::En);
        let header = record::Header::new(name, words, true, Default::default());
        let mut buf = Vec::new();
        record::write(&mut buf, &header, &live.events).unwrap();
        let rec = record::parse("mem", &buf[..]).unwrap();
        let mut replayed = Timeline::for_run(live.timeline.run.unwrap());
        for e in &rec.events {
            replayed.apply(e);
        }
        assert_eq!(replayed, live.timeline, "{name}");
    }
}

#[test]
fn the_svg_is_well_formed_with_one_row_per_thread() {
    let dir = tmp("svg");
    run_with_outputs("mixed", &dir);
    let text = std::fs::read_to_string(dir.join("p.svg")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let rows = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("row"))
        .count();
    assert_eq!(rows, 6, "main + 2 workers + 3 daemons");
    assert!(text.contains("process exit") && text.contains("cut short"));
}

#[test]
fn outputs_are_checked_before_the_run_and_never_overwritten_without_force() {
    let dir = tmp("force");
    let file = dir.join("mine.json");
    std::fs::write(&file, "precious").unwrap();
    let out = bin()
        .args(["run", "daemon", "--plain", "--export-trace"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert!(out.stdout.is_empty(), "nothing ran");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "precious",
        "the user's file is intact"
    );
    let out = bin()
        .args([
            "run",
            "daemon",
            "--plain",
            "--speed",
            "100",
            "--force",
            "--export-trace",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&file).unwrap().starts_with('{'));
    let out = bin()
        .args([
            "run",
            "daemon",
            "--plain",
            "--svg",
            "/nonexistent-dir/p.svg",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "fails before the run starts");
}

fn replay_error(content: &str) -> String {
    let dir = tmp(&format!("bad-{}", content.len()));
    let f = dir.join("bad.jsonl");
    std::fs::write(&f, content).unwrap();
    let out = bin().arg("replay").arg(&f).arg("--plain").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "exit 2 for {content:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    err.split_once("bad.jsonl:")
        .map(|(_, rest)| rest.trim().to_string())
        .unwrap_or(err)
}

#[test]
fn bad_recordings_say_which_line() {
    let dir = tmp("good");
    run_with_outputs("join", &dir);
    let good = std::fs::read_to_string(dir.join("r.jsonl")).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    assert!(replay_error("").starts_with("1: empty file"));
    let truncated = format!(
        "{}\n{}",
        lines[..4].join("\n"),
        &lines[4][..lines[4].len() / 2]
    );
    assert!(
        replay_error(&truncated).starts_with("5: not an event"),
        "{}",
        replay_error(&truncated)
    );
    let garbage = format!("{}\n{}\nhello\n", lines[0], lines[1]);
    assert!(replay_error(&garbage).starts_with("3: not an event"));
    let version = good.replacen("\"version\":2", "\"version\":99", 1);
    assert!(replay_error(&version).starts_with("1: format version 99 is not supported"));
    // Time running backwards for one thread.
    let mut ev: Vec<serde_json::Value> = lines[1..]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let i = ev.iter().rposition(|e| e["thread"] == 0).unwrap();
    ev[i]["at"] = serde_json::json!(0);
    let mut backwards = vec![lines[0].to_string()];
    backwards.extend(ev.iter().map(|e| e.to_string()));
    let msg = replay_error(&backwards.join("\n"));
    assert!(
        msg.starts_with(&format!("{}: events out of order", i + 2)),
        "{msg}"
    );
    // A measured CPU time a little behind its thread's last record (as
    // earlier versions recorded traces) places no span: it plays.
    let mut late_cpu = vec![lines[0].to_string()];
    late_cpu.extend(lines[1..].iter().map(|l| l.to_string()));
    late_cpu.push(r#"{"run":1,"at":0,"thread":0,"kind":"cpu","ns":5}"#.to_string());
    let run_of = |l: &str| serde_json::from_str::<serde_json::Value>(l).unwrap()["run"].clone();
    let run = run_of(lines[1]);
    let late = late_cpu
        .pop()
        .unwrap()
        .replace("\"run\":1", &format!("\"run\":{run}"));
    late_cpu.push(late);
    assert!(
        threadline::export::record::parse("late.jsonl", late_cpu.join("\n").as_bytes()).is_ok(),
        "a late CPU time is refused"
    );
    // An event of another run.
    let mut other = ev.clone();
    other[2]["run"] = serde_json::json!(999_999);
    let mut mixed = vec![lines[0].to_string()];
    mixed.extend(other.iter().map(|e| e.to_string()));
    assert!(replay_error(&mixed.join("\n")).starts_with("4: event of run 999999"));
}
