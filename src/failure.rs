//! How a command ends: done (perhaps with a traced program's own exit
//! code), or failed for a reason said in any language. The command layer
//! turns this into the process's exit code in one place.

use std::io;

use crate::i18n::Msg;
use crate::msg;

/// Exit codes: 0 success, 1 runtime error, 2 bad usage or bad input,
/// 3 the program deadlocked.
pub const EXIT_RUNTIME: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_DEADLOCK: u8 = 3;

/// A command that did what it was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Success,
    /// End with a traced program's own exit code (as a shell reports it).
    Exited(i32),
}

/// Why a command failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Bad usage or bad input (a scenario or recording with a mistake).
    Usage(Msg),
    /// Something went wrong while running.
    Runtime(Msg),
    /// The program's threads deadlocked (the report is already out).
    Deadlock(Msg),
}

impl Failure {
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => EXIT_USAGE,
            Failure::Runtime(_) => EXIT_RUNTIME,
            Failure::Deadlock(_) => EXIT_DEADLOCK,
        }
    }

    pub fn msg(&self) -> &Msg {
        match self {
            Failure::Usage(m) | Failure::Runtime(m) | Failure::Deadlock(m) => m,
        }
    }

    /// An I/O error while running (a closed pipe is not one: see [`ended`]).
    pub fn io(e: &io::Error) -> Failure {
        Failure::Runtime(msg!("error-io", error = e.to_string()))
    }
}

/// What a command's result is once its output went to a pipe that closed
/// (`threadline run … | head`): done, as Unix tools are.
pub fn ended(r: io::Result<Done>) -> Result<Done, Failure> {
    match r {
        Ok(d) => Ok(d),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Done::Success),
        Err(e) => Err(Failure::io(&e)),
    }
}

pub type Outcome = Result<Done, Failure>;
