//! The real binary in a pseudo-terminal: keys go in as bytes, the screen is
//! read back through a terminal emulator, and after every way of quitting
//! the terminal must be as it was (main screen, cursor shown, no mouse).

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
    _master: Box<dyn MasterPty + Send>,
    /// The program it traces, when this test wrote it (kept until the end).
    _program: Option<common::today::Today>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Self::start_with(args, &[])
    }

    /// `threadline trace -- python3 SCRIPT ARGS`, `script` in this crate
    /// (an absolute path stays as it is).
    fn trace(script: impl AsRef<std::path::Path>, args: &[&str]) -> Session {
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(script);
        let script = script.to_str().expect("a UTF-8 path");
        Self::start(&[&["trace", "--", "python3", script], args].concat())
    }

    /// [`Session::trace`] of the seed's program `name` in today's spelling,
    /// its file kept for as long as the session lasts.
    fn trace_today(name: &str, args: &[&str]) -> Session {
        let program = common::today::program(name);
        let mut session = Self::trace(program.path(), args);
        session._program = Some(program);
        session
    }

    fn start_with(args: &[&str], env: &[(&str, &str)]) -> Session {
        Self::start_sized(args, env, (100, 30))
    }

    fn start_sized(args: &[&str], env: &[(&str, &str)], (cols, rows): (u16, u16)) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_threadline"));
        cmd.args(["--lang", "en"]); // the words the tests expect, whatever LANG says
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn threadline");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            child,
            writer,
            rx,
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).unwrap(),
                NonZeroU16::new(cols).unwrap(),
                0,
            ),
            raw: Vec::new(),
            _program: None,
            _master: pair.master,
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.rx.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Read until the screen shows `text` (panics after a generous limit).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// Read until `done` holds of the terminal (panics after a limit).
    fn wait_until(&mut self, what: &str, done: impl Fn(&vt100::Parser) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !done(&self.parser) {
            assert!(
                Instant::now() < deadline,
                "{what}: never; screen:\n{}",
                self.screen()
            );
            self.pump(Duration::from_millis(50));
        }
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait for the process to exit, draining its output; its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                for _ in 0..20 {
                    self.pump(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "threadline did not exit");
            self.pump(Duration::from_millis(20));
        }
    }

    /// `q`: it exits with `code`, the terminal restored.
    fn quit(&mut self, code: u32) {
        self.press("q");
        assert_eq!(self.exit_code(), code);
        self.assert_restored();
    }

    fn assert_restored(&self) {
        let s = self.parser.screen();
        assert!(!s.alternate_screen(), "left the alternate screen");
        assert!(!s.hide_cursor(), "cursor shown again");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture off"
        );
        let text = String::from_utf8_lossy(&self.raw);
        assert!(
            text.contains("\x1b[?1049l"),
            "alternate screen left explicitly"
        );
    }
}

#[test]
fn keys_drive_the_dashboard_and_q_restores_the_terminal() {
    let mut s = Session::start(&["run", "daemon", "--speed", "0.5", "--seed", "3"]);
    s.wait_for("daemon ON");
    s.wait_for("cut short");
    assert!(
        s.parser.screen().alternate_screen(),
        "dashboard on the alternate screen"
    );
    s.press("d");
    s.wait_for("daemon OFF");
    s.wait_for("sleeping");
    s.press(" ");
    s.wait_for("PAUSED");
    s.press("?");
    s.wait_for("help · ? to close");
    s.press("?");
    s.quit(0);
}

#[test]
fn the_mouse_is_clicks_and_the_wheel_only_and_m_gives_it_back() {
    let mut s = Session::start(&["run", "basic", "--speed", "50", "--seed", "3"]);
    s.wait_for("finished");
    let text = String::from_utf8_lossy(&s.raw).into_owned();
    assert!(text.contains("\x1b[?1000h"), "clicks captured");
    assert!(text.contains("\x1b[?1006h"), "in SGR coordinates");
    assert!(!text.contains("\x1b[?1003h"), "no any-motion tracking");
    assert_ne!(
        s.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    s.press("m");
    s.wait_until("m leaves the mouse to the terminal", |p| {
        p.screen().mouse_protocol_mode() == vt100::MouseProtocolMode::None
    });
    s.press("m");
    s.wait_until("m again captures it", |p| {
        p.screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    s.quit(0);
}

#[test]
fn the_help_scrolls_at_80x24_and_its_keys_stay_in_it() {
    let mut s = Session::start_sized(
        &["run", "basic", "--speed", "50", "--seed", "3"],
        &[],
        (80, 24),
    );
    s.wait_for("finished");
    s.press("?");
    s.wait_for("more");
    assert!(
        !s.screen().contains("What the glyphs mean"),
        "the legend is below the fold at 80x24"
    );
    // End goes to the help's end, not to the thread list's.
    s.press("\x1b[F");
    s.wait_for("waiting exit");
    // d in the help is no daemon toggle behind it.
    s.press("d");
    std::thread::sleep(Duration::from_millis(300));
    s.pump(Duration::from_millis(50));
    s.press("?");
    s.wait_for("daemon OFF");
    assert!(!s.screen().contains("daemon ON"), "d stayed in the help");
    s.quit(0);
}

/// A dashboard of `scenario`, once it shows `shown`, ended by `end`: it
/// exits 0, the terminal restored.
fn quits_cleanly(scenario: &str, shown: &str, end: impl FnOnce(&mut Session)) {
    let mut s = Session::start(&["run", scenario, "--speed", "0.2", "--seed", "3"]);
    s.wait_for(shown);
    end(&mut s);
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

/// `signal` sent to a dashboard mid-run: it exits 0, the terminal restored.
fn signal_quits_cleanly(signal: libc::c_int) {
    quits_cleanly("basic", "sleeping", |s| {
        let pid = s.child.process_id().expect("a pid") as libc::pid_t;
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    });
}

#[test]
fn sigterm_quits_cleanly_and_restores_the_terminal() {
    signal_quits_cleanly(libc::SIGTERM);
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    quits_cleanly("join", "joining", |s| s.press("\x03"));
}

#[test]
fn a_hang_up_ends_threadline_and_restores_the_terminal() {
    // What the kernel sends when the terminal window closes.
    signal_quits_cleanly(libc::SIGHUP);
}

#[test]
fn a_bad_scenario_file_never_touches_the_terminal() {
    let file = common::scratch_file("pty", "bad.toml", "main = [ { slep = 1 } ]\n");
    let mut s = Session::start(&["run", file.to_str().unwrap()]);
    assert_eq!(s.exit_code(), 2);
    assert!(s.screen().contains("bad.toml:1:12"), "{}", s.screen());
    assert!(
        !String::from_utf8_lossy(&s.raw).contains("\x1b[?1049h"),
        "never entered the alternate screen"
    );
}

/// Foreground colours as crossterm writes them (`ESC[38;5;Nm`).
fn has_colour(raw: &[u8]) -> bool {
    String::from_utf8_lossy(raw).contains("\x1b[38;5;")
}

#[test]
fn colour_follows_no_color_and_the_color_flag() {
    let mut s = Session::start(&["run", "daemon", "--seed", "1"]);
    s.wait_for("cut short");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    assert!(has_colour(&s.raw), "colour by default");

    let mut s = Session::start_with(&["run", "daemon", "--seed", "1"], &[("NO_COLOR", "1")]);
    s.wait_for("cut short");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    assert!(!has_colour(&s.raw), "NO_COLOR turns colour off");

    let mut s = Session::start_with(
        &["run", "daemon", "--seed", "1", "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    s.wait_for("cut short");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    assert!(has_colour(&s.raw), "--color always wins over NO_COLOR");

    let mut s = Session::start(&["run", "daemon", "--seed", "1", "--color", "never"]);
    s.wait_for("cut short");
    s.press("q");
    assert_eq!(s.exit_code(), 0);
    assert!(!has_colour(&s.raw), "--color never");
}

/// Child processes of `pid`, from /proc.
fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            if let Ok(c) = std::fs::read_to_string(t.path().join("children")) {
                out.extend(c.split_whitespace().filter_map(|p| p.parse::<u32>().ok()));
            }
        }
    }
    out
}

fn alive(pid: u32) -> bool {
    // SAFETY: signal 0 only probes for existence.
    unsafe { libc::kill(pid as libc::pid_t, 0) == 0 }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn the_trace_dashboard_shows_daemons_cut_short() {
    let mut s = Session::trace_today("daemon.py", &["0.5"]);
    s.wait_for("daemon ON");
    s.wait_for("cut short");
    s.wait_for("The process exited");
    assert!(s.screen().contains("trace daemon.py"));
    assert!(
        !s.screen().contains("sub thread end"),
        "no daemon printed its end line"
    );
    s.quit(0);
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn after_q_the_trace_dashboard_exits_with_the_programs_exit_code() {
    // sys.exit(3) in main: an exit with code 3, not a failure, in the
    // history; threadline then exits with 3, as `--plain` does.
    let mut s = Session::trace("tests/python/tracer/exit3.py", &[]);
    s.wait_for("The process exited");
    s.wait_for("exited with code 3");
    s.quit(3);
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn quitting_the_trace_dashboard_ends_the_python_child() {
    let mut s = Session::trace_today("basic.py", &["30"]);
    s.wait_for("sleeping");
    let pid = s.child.process_id().unwrap();
    let kids = children(pid);
    assert!(!kids.is_empty(), "python runs as our child");
    s.quit(0);
    all_gone(&kids, "the traced program outlived threadline");
}

#[test]
fn a_recording_replays_in_the_dashboard_with_the_same_controls() {
    let dir = common::fresh_scratch("pty-replay");
    let rec = dir.join("mixed.jsonl");
    common::record("mixed", "100", "2", &rec);
    let mut s = Session::start(&["replay", rec.to_str().unwrap(), "--speed", "0.5"]);
    s.wait_for("replay mixed");
    s.wait_for("sleeping");
    s.press(" ");
    s.wait_for("PAUSED");
    s.press(".");
    s.press(" ");
    s.press("]");
    s.press("]");
    s.press("]");
    s.press("]");
    s.wait_for("cut short");
    s.quit(0);
}

/// Wait until none of `pids` exists any more (reaped, not zombies).
fn all_gone(pids: &[u32], what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids.iter().any(|&k| alive(k)) {
        assert!(Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn restarting_or_quitting_the_processes_scenario_leaves_no_child() {
    let mut s = Session::start(&["run", "processes", "--speed", "0.05", "--seed", "1"]);
    s.wait_for("process 3 (");
    let pid = s.child.process_id().unwrap();
    let first = children(pid);
    assert_eq!(first.len(), 4, "four worker processes: {first:?}");
    // The rows show each child's pid.
    assert!(first.iter().all(|p| s.screen().contains(&format!("({p})"))));
    s.press("r");
    all_gone(&first, "a restart kills the old children");
    // The new run starts its own four.
    let deadline = Instant::now() + Duration::from_secs(20);
    let second = loop {
        s.pump(Duration::from_millis(20));
        let now = children(pid);
        if now.len() == 4 {
            break now;
        }
        assert!(Instant::now() < deadline, "the restart starts new children");
    };
    assert!(second.iter().all(|p| !first.contains(p)));
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) }, 0);
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
    all_gone(&second, "no child outlives threadline");
}

#[test]
fn the_tour_opens_on_its_first_scene_and_n_moves_on() {
    let mut s = Session::start(&["demo", "--seed", "1", "--color", "never"]);
    s.wait_for("Scene 1 · basic");
    s.wait_for("plays by itself");
    s.press("n");
    s.wait_for("Scene 2 · daemon");
    s.press(" ");
    s.wait_for("you drive");
    s.quit(0);
}

#[test]
fn a_replay_at_the_time_bound_still_draws_and_quits() {
    // An event at 2^53 - 1 ns (104 days), the last time a recording may
    // carry: the axis copes, and a signal still quits.
    let dir = common::scratch("pty-far");
    let rec = dir.join("far.jsonl");
    common::record("join", "200", "1", &rec);
    let mut text = std::fs::read_to_string(&rec).unwrap();
    text.push_str(&format!(
        "{{\"run\":1,\"at\":{},\"thread\":1,\"kind\":\"output\",\"text\":\"far\"}}\n",
        (1u64 << 53) - 1
    ));
    std::fs::write(&rec, text).unwrap();
    for quit in ["q", "TERM"] {
        let mut s = Session::start(&["replay", rec.to_str().unwrap(), "--speed", "20"]);
        s.wait_for("post job");
        s.press("f");
        if quit == "q" {
            s.press("q");
        } else {
            let pid = s.child.process_id().expect("a pid") as libc::pid_t;
            // SAFETY: sending a signal to our own child process.
            assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        }
        assert_eq!(s.exit_code(), 0, "{quit}");
        s.assert_restored();
    }
}
