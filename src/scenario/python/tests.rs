//! The generated programs read as a learner would write them.

use super::*;

fn py(toml: &str) -> String {
    to_python(toml, "test").unwrap()
}

/// Assert that the program `p` holds each of `parts`: a failure names the
/// part missing and shows the program.
#[track_caller]
fn has(p: &str, parts: &[&str]) {
    for part in parts {
        assert!(p.contains(part), "no {part:?} in:\n{p}");
    }
}

#[test]
fn basic_reads_like_the_lesson() {
    let p = builtin_python("basic");
    let body = p.split_once("import os").unwrap().1;
    assert_eq!(
        body,
        r#"
import sys
import threading
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))


class Worker(threading.Thread):
    def run(self):
        threading.currentThread()  # deprecated since 3.10: it warns, once
        print(f"sub thread start  {self.name}")
        time.sleep(3 * SCALE)
        print(f"sub thread end    {self.name}")


print("main thread start")
for i in range(5):
    t = Worker(name=f"thread {i}")
    t.start()
print("main thread end")
"#
    );
    assert!(p.starts_with("# basic: the process waits for its threads\n"));
}

/// The built-in `name`'s scenario as Python.
fn builtin_python(name: &str) -> String {
    let src = super::super::BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap()
        .1;
    to_python(src, name).unwrap()
}

#[test]
fn joins_by_name_use_the_variable() {
    let p = builtin_python("join");
    has(
        &p,
        &[
            "t1 = Worker(name=\"1\")\nt1.start()\n",
            "t1.join()\nt2.join()\nprint(\"main thread post job\")",
        ],
    );
    assert!(!p.contains("every_thread"), "{p}");
}

#[test]
fn counters_and_locks_are_module_globals() {
    let p = py(r#"
main = [
  { spawn = "Racer", count = 2 },
  { join = "all" },
  { report = "my counter" },
]
[classes.Racer]
run = [ { increment = "my counter", times = 10, lock = "the lock" }, { increment = "my counter" } ]
"#);
    has(
        &p,
        &[
            "\nmy_counter = 0\nthe_lock = threading.Lock()\n",
            "        global my_counter\n        for _ in range(10):\n            with the_lock:\n                my_counter += 1\n        my_counter += 1\n",
            "t = Racer(name=f\"Racer {i}\")",
            "for t in threads:\n    t.join()\nprint(\"my counter =\", my_counter)",
        ],
    );
    assert!(!p.contains("SCALE"), "nothing timed: {p}");
}

#[test]
fn processes_are_multiprocessing_behind_the_main_guard() {
    let p = builtin_python("processes");
    assert!(!p.contains("import threading"), "{p}");
    has(
        &p,
        &[
            "import multiprocessing\n",
            "class Worker(multiprocessing.Process):",
            "if __name__ == \"__main__\":",
            "    for p in processes:\n        p.join()\n    print(\"counter =\", counter)\n",
            "        compute(0.5 * SCALE)\n",
            "def compute(seconds):",
        ],
    );
}

#[test]
fn daemon_flags_follow_the_class_and_the_spawn() {
    let p = py(r#"
main = [
  { spawn = "D", name = "d" },
  { spawn = "D", name = "n", daemon = false },
  { spawn = "W", name = "w", daemon = true },
  { spawn = "W", name = "x", start = false },
  { start = "x" },
  { join = "x" },
]
[classes.D]
daemon = true
run = [ { sleep = 1 } ]
[classes.W]
run = [ { print = "{name} says {hi} \"quoted\" \\ " } ]
"#);
    has(
        &p,
        &[
            "class D(threading.Thread):\n    def __init__(self, name, daemon=True):\n        super().__init__(name=name, daemon=daemon)\n",
            "d = D(name=\"d\")\n",
            "n = D(name=\"n\", daemon=False)\n",
            "w = W(name=\"w\", daemon=True)\n",
            "x = W(name=\"x\")\nx.start()\nx.join()\n",
            r#"print(f"{self.name} says {{hi}} \"quoted\" \\ ")"#,
        ],
    );
}

#[test]
fn a_thread_can_join_a_thread_main_created() {
    let p = py(r#"
main = [ { spawn = "A", name = "a" }, { spawn = "B", name = "b" } ]
[classes.A]
run = [ { sleep = 0.1 } ]
[classes.B]
run = [ { join = "a" }, { print = "a is done" } ]
"#);
    has(
        &p,
        &[
            "every_thread = {}",
            "every_thread[a.name] = a",
            "        join_thread(\"a\")\n",
            "def join_thread(name):",
            "import time\n",
        ],
    );
}

#[test]
fn names_that_are_not_identifiers_are_made_into_ones() {
    let taken = BTreeSet::from(["x".to_string()]);
    assert_eq!(identifier("thread 0", &taken), "thread_0");
    assert_eq!(identifier("1", &taken), "t1");
    assert_eq!(identifier("class", &taken), "class_");
    assert_eq!(identifier("x", &taken), "x_");
    assert_eq!(identifier("café 자물쇠", &taken), "café_자물쇠");
    assert_eq!(identifier("x²", &taken), "xu00b2", "² is no identifier's");
    assert_eq!(identifier("٣d", &taken), "u0663d", "٣ cannot begin one");
    assert_eq!(identifier("ﬁ", &taken), "ufb01", "ﬁ would be fi");
    assert_eq!(f_string("a {i} {b}", "i", "i"), "f\"a {i} {{b}}\"");
    assert_eq!(f_string("no key", "i", "i"), "\"no key\"");
}

#[test]
fn a_bad_scenario_has_no_program() {
    let e = to_python("main = [\n  { join = \"nobody\" },\n]\n", "bad.toml").unwrap_err();
    assert_eq!((e.origin.as_str(), e.line, e.col), ("bad.toml", 2, 12));
    assert!(to_python("main = 3", "x").is_err());
}

#[test]
fn every_built_in_has_a_program() {
    for (name, src) in super::super::BUILTIN {
        let p = to_python(src, name).unwrap();
        assert!(p.ends_with('\n') && !p.contains("\n\n\n\n"), "{name}:\n{p}");
    }
}

#[test]
fn each_steps_line_is_the_statement_it_became() {
    let toml = r#"main = [
  { print = "go" },
  { spawn = "W", count = 2, name = "w {i}", start = false },
  { spawn = "W", name = "solo" },
  { start = "all" },
  { join = "w 1" },
  { join = "all" },
]

[classes.W]
run = [
  { increment = "n", times = 3, lock = "l" },
  { sleep = 1 },
  { compute = 0.5 },
  { report = "n" },
]
"#;
    let (text, sites) = to_python_sited(toml, "test").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let at = |step: u32, lock: bool| {
        let s = sites
            .iter()
            .find(|s| s.step == step)
            .unwrap_or_else(|| panic!("{step}: {sites:?}"));
        let l = if lock { s.lock.unwrap() } else { s.line };
        lines[l as usize - 1].trim()
    };
    assert_eq!(at(2, false), "print(\"go\")");
    assert_eq!(at(3, false), "t = W(name=f\"w {i}\")", "not started: made");
    assert_eq!(at(4, false), "solo.start()");
    assert_eq!(at(5, false), "t.start()", "a loop's start: its call");
    assert_eq!(at(6, false), "threads[1].join()");
    assert_eq!(at(7, false), "t.join()");
    assert_eq!(at(12, false), "n += 1", "an update: its body");
    assert_eq!(at(12, true), "with l:", "…and where it waits for the lock");
    assert_eq!(at(13, false), "time.sleep(1 * SCALE)");
    assert_eq!(at(14, false), "compute(0.5 * SCALE)");
    assert_eq!(at(15, false), "print(\"n =\", n)");
    assert_eq!(sites.len(), 10, "one per step line: {sites:?}");
}

#[test]
fn the_scenarios_names_never_shadow_the_programs_own() {
    let p = py(r#"
main = [
  { acquire = "lock" },
  { release = "lock" },
  { spawn = "W", name = "lock" },
  { increment = "total", call = "total" },
  { increment = "_", times = 2 },
  { increment = "super" },
  { acquire = "warnings" },
  { release = "warnings" },
  { warn = "DeprecationWarning: old" },
]
[classes.W]
daemon = true
run = [ { acquire = "fork {i}" }, { release = "fork {i}" } ]
"#);
    has(
        &p,
        &[
            "lock_ = threading.Lock()\n",
            "def lock(name):",
            "lock__ = W(name=\"lock\")",
            "def total_(value):",
            "total = total_(total)",
            "for _ in range(2):\n    __ += 1\n",
            "super_ += 1",
            "super().__init__(name=name, daemon=daemon)",
            "warnings_ = threading.Lock()",
            "warnings.warn(\"old\", DeprecationWarning)",
        ],
    );
    // Where there is no `lock(name)`, a lock may be called `lock`.
    has(
        &py("main = [ { increment = \"n\", lock = \"lock\" } ]"),
        &["with lock:\n"],
    );
    let none = BTreeSet::new();
    assert_eq!(identifier("__name__", &none), "t__name__");
    assert_eq!(identifier("__x", &none), "t__x", "not mangled in a class");
}

#[test]
fn a_run_that_writes_no_statement_passes() {
    let p = py(r#"
main = [ { spawn = "Idle", name = "idle" }, { join = "all" } ]
[classes.Idle]
run = [ { join = "all" } ]
"#);
    has(&p, &["    def run(self):\n        pass\n"]);
}

#[test]
fn a_process_calling_current_thread_imports_threading() {
    let p = py(r#"
main = [ { spawn = "P", name = "p" }, { join = "p" } ]
[classes.P]
process = true
run = [ { warn = "DeprecationWarning: currentThread() is deprecated" } ]
"#);
    has(&p, &["import threading\n", "threading.currentThread()"]);
}

#[test]
fn a_spawn_without_count_is_place_0_in_its_name_too() {
    let p = py(r#"
main = [ { spawn = "W", name = "w {i}" }, { join = "w 0" } ]
[classes.W]
run = [ { print = "{i}" } ]
"#);
    has(&p, &["w_0 = W(name=\"w 0\")\nw_0.start()\nw_0.join()\n"]);
}
