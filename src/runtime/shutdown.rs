//! The main thread: its steps, then CPython's shutdown in order (wait for
//! the non-daemon threads, the counters' last values, the exit).

use std::sync::Arc;

use super::control::{Interrupt, Waited};
use super::thread::{Ctx, EXIT_COST, Runner};
use crate::event::{EventKind, MAIN, Outcome, State};

/// The main thread: its steps, then CPython's shutdown in order.
pub fn main_thread(ctx: Arc<Ctx>) {
    let mut r = Runner::new(ctx, MAIN, 0);
    r.emit(EventKind::Spawned {
        name: r.ctx.program.threads[0].name.clone(),
        daemon: false,
        parent: None,
    });
    let raised = match r.run_state().and_then(|()| r.exec()) {
        Ok(()) => None,
        Err(Interrupt::Raised(e)) => {
            r.drop_gil();
            r.traceback("Traceback (most recent call last):", &e);
            Some(*e)
        }
        Err(_) => return, // stopped
    };
    let _ = shutdown(&mut r, raised);
}

/// Main's code is over (or raised `raised`): wait for the non-daemon
/// threads as `threading._shutdown` does, then exit (code 1 after an
/// uncaught exception, as Python's).
fn shutdown(r: &mut Runner, raised: Option<crate::event::Raised>) -> Waited {
    r.emit(EventKind::MainCodeEnd);
    let control = Arc::clone(&r.ctx.control);
    let code_end = r.cursor;
    let cost = if r.ctx.program.finalizes {
        EXIT_COST
    } else {
        0
    };
    // `threading._shutdown` waits only if a non-daemon thread is left;
    // otherwise main goes straight on to finalize (running; the threads
    // left may still take the GIL meanwhile, as they do in CPython).
    r.drop_gil();
    if control.non_daemon_alive_at(MAIN, code_end)? {
        r.state(State::WaitingAtExit);
    }
    let mut exit = r.cursor;
    loop {
        let last = control.wait_non_daemon(code_end)?;
        exit = exit.max(last + cost).max(code_end + cost);
        control.plan_exit(exit);
        r.reach(exit)?;
        // A daemon thread may have started a non-daemon one meanwhile.
        if control.wait_non_daemon(code_end)? + cost <= exit {
            break;
        }
    }
    for (c, spec) in r.ctx.program.counters.iter().enumerate() {
        let log = &r.ctx.counters[c];
        r.emit(EventKind::Counter {
            name: spec.name.clone(),
            value: log.value_before(exit),
            expected: spec.expected,
            missing: spec
                .expected
                .saturating_sub(log.written_before(exit))
                .max(0),
        });
    }
    r.emit(EventKind::ProcessExit {
        code: i32::from(raised.is_some()),
    });
    r.emit(EventKind::Ended {
        outcome: if raised.is_some() {
            Outcome::Failed
        } else {
            Outcome::Finished
        },
        raised,
    });
    control.mark_ended(MAIN, exit);
    control.exit(exit);
    Ok(())
}
