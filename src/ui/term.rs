//! The real terminal: enter and leave it on every path (normal exit, a
//! panic, a signal), and the input thread that feeds the loop.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{Receiver, Sender, unbounded};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, Event as TermEvent};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

/// `--color always` must win over NO_COLOR, which crossterm honours by
/// itself: tell it so, once, before the terminal is entered.
pub fn honour_colour(choice: crate::cli::ColorChoice) {
    if choice == crate::cli::ColorChoice::Always {
        ratatui::crossterm::style::Colored::set_ansi_color_disabled(false);
    }
}

/// What the loop hears from outside.
#[derive(Debug, Clone)]
pub enum Input {
    Term(TermEvent),
    /// SIGTERM, SIGINT or SIGHUP: quit cleanly.
    Signal(i32),
}

/// Owns the terminal while the dashboard runs; dropping it restores it.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Mouse capture without motion tracking: presses, releases, drags with a
/// button down and the wheel, in SGR encoding (crossterm's own capture
/// asks for every motion too, which keeps a terminal from selecting text
/// even with Shift on some).
pub struct CaptureClicks;

impl ratatui::crossterm::Command for CaptureClicks {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1002h\x1b[?1006h")
    }
}

/// Give the mouse back to the terminal (to select and copy text).
pub fn mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), CaptureClicks)
    } else {
        execute!(io::stdout(), DisableMouseCapture)
    }
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        let terminal = ratatui::try_init()?; // raw mode, alternate screen, panic hook
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
        execute!(io::stdout(), CaptureClicks)?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave();
        let _ = io::stdout().flush();
    }
}

/// The threads that read keys and signals; stopped on drop.
pub struct Inputs {
    pub rx: Receiver<Input>,
    stop: Arc<AtomicBool>,
    signals: Handle,
    signal_thread: Option<JoinHandle<()>>,
}

impl Inputs {
    pub fn start() -> io::Result<Self> {
        let (tx, rx) = unbounded();
        let stop = Arc::new(AtomicBool::new(false));
        let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP])?;
        let handle = signals.handle();
        let sig_tx: Sender<Input> = tx.clone();
        let sig = std::thread::Builder::new()
            .name("threadline-signals".into())
            .spawn(move || {
                for s in signals.forever() {
                    if sig_tx.send(Input::Signal(s)).is_err() {
                        break;
                    }
                }
            })?;
        let flag = Arc::clone(&stop);
        let keys = std::thread::Builder::new()
            .name("threadline-input".into())
            .spawn(move || {
                // Poll with a timeout so that the thread notices the stop flag.
                while !flag.load(Ordering::Relaxed) {
                    match event::poll(Duration::from_millis(200)) {
                        Ok(true) => match event::read() {
                            Ok(ev) => {
                                if tx.send(Input::Term(ev)).is_err() {
                                    break;
                                }
                            }
                            Err(_) => break,
                        },
                        Ok(false) => {}
                        Err(_) => break,
                    }
                }
            })?;
        // The key reader is not joined: when the terminal has gone away
        // (its window closed), crossterm's read can block for good, and
        // waiting for it would keep the process alive. It sees the stop
        // flag within one poll otherwise, and ends with the process.
        drop(keys);
        Ok(Inputs {
            rx,
            stop,
            signals: handle,
            signal_thread: Some(sig),
        })
    }
}

impl Drop for Inputs {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.signals.close();
        if let Some(t) = self.signal_thread.take() {
            let _ = t.join();
        }
    }
}
