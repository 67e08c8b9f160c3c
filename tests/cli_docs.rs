//! For people who install threadline: shell completions, the manual page,
//! and `run --help` grouped under headings.

use std::process::{Command, Output};

fn threadline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(args)
        .output()
        .expect("threadline runs")
}

fn stdout(args: &[&str]) -> String {
    let out = threadline(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The commands a user can type (the child process's role is not one).
const COMMANDS: [&str; 9] = [
    "run",
    "list",
    "source",
    "trace",
    "replay",
    "demo",
    "compare",
    "completions",
    "man",
];

#[test]
fn completions_for_each_shell_offer_every_command_and_no_hidden_one() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for c in COMMANDS {
            assert!(script.contains(c), "{shell} completes `{c}`");
        }
        // Options of `run` are completed too (fish writes `-l seed`).
        for flag in ["no-gil", "seed", "export-trace"] {
            let said = if shell == "fish" {
                format!("-l {flag}")
            } else {
                format!("--{flag}")
            };
            assert!(script.contains(&said), "{shell} completes `{flag}`");
        }
        assert!(
            !script.contains("__worker"),
            "{shell} offers the hidden role"
        );
    }
    // The scripts are what each shell reads.
    assert!(stdout(&["completions", "bash"]).contains("complete -F"));
    assert!(stdout(&["completions", "zsh"]).starts_with("#compdef threadline"));
    assert!(stdout(&["completions", "fish"]).contains("complete -c threadline"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = threadline(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bash"));
}

#[test]
fn the_man_page_has_every_command_with_its_options() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH threadline 1"), "a section 1 page");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION"] {
        assert!(page.contains(&format!(".SH {section}")), "{section}");
    }
    for c in COMMANDS {
        let heading = format!(".SH \"THREADLINE {}\"", c.to_uppercase());
        assert!(page.contains(&heading), "a section for `{c}`");
    }
    assert!(!page.to_lowercase().contains("__worker"));
    // A command's own headings are subsections of its section, in order.
    let run = &page[page.find(".SH \"THREADLINE RUN\"").unwrap()..];
    let run = &run[..run.find(".SH \"THREADLINE LIST\"").unwrap()];
    let at = |s: &str| {
        run.find(s)
            .unwrap_or_else(|| panic!("{s} in run's section"))
    };
    assert!(at(".SS \"WHAT RUNS\"") < at(".SS TIME"));
    assert!(at(".SS TIME") < at(".SS \"HOW IT LOOKS\""));
    assert!(at(".SS \"HOW IT LOOKS\"") < at(".SS OUTPUTS"));
    assert!(at("\\-\\-no\\-gil") < at(".SS TIME"));
}

#[test]
fn run_help_groups_its_options_under_headings_in_order() {
    for flag in ["-h", "--help"] {
        let help = stdout(&["run", flag]);
        // Where a heading, or the line that introduces an option, is.
        let at = |s: &str| {
            let mut offset = 0;
            for line in help.split_inclusive('\n') {
                let words = line.trim_start();
                let name = words.split([' ', '\n']).next().unwrap_or("");
                if line.starts_with(s) || (s.starts_with("--") && name == s) {
                    return offset;
                }
                offset += line.len();
            }
            panic!("{s} in:\n{help}")
        };
        let headings = ["What runs:", "Time:", "How it looks:", "Outputs:"];
        for pair in headings.windows(2) {
            assert!(at(pair[0]) < at(pair[1]), "{pair:?}");
        }
        // Each option under its heading.
        let under = |option: &str, heading: usize| {
            let o = at(option);
            assert!(
                at(headings[heading]) < o,
                "{option} after {}",
                headings[heading]
            );
            if let Some(next) = headings.get(heading + 1) {
                assert!(o < at(next), "{option} before {next}");
            }
        };
        for o in [
            "--daemon",
            "--no-daemon",
            "--workers",
            "--python",
            "--gil",
            "--no-gil",
            "--cores",
        ] {
            under(o, 0);
        }
        under("--speed", 1);
        under("--seed", 1);
        for o in ["--plain", "--color", "--theme", "--lang"] {
            under(o, 2);
        }
        for o in ["--export-trace", "--record", "--svg", "--force"] {
            under(o, 3);
        }
        // --gil and --no-gil side by side; --lang with the looks, last.
        let gil = at("--gil");
        let no_gil = at("--no-gil");
        assert!(!help[gil..no_gil].contains("--lang"));
        assert!(at("--theme") < at("--lang"));
    }
}
