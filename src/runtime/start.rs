//! Starting a scenario thread's OS thread, and keeping the handles of
//! those still running.
//!
//! A thread that has returned but was never joined keeps its stack mapped
//! (two memory maps each): with tens of thousands of short-lived threads
//! the process ran out of maps (`vm.max_map_count`) and aborted. Finished
//! threads are let go as new ones start, so only the live ones count.

use std::sync::Arc;
use std::thread::JoinHandle;

use super::thread::Ctx;
use crate::event::{Nanos, ThreadId};

/// Stack size of scenario threads (they hold almost nothing).
const STACK: usize = 256 * 1024;

/// The run's OS threads that may still be running.
#[derive(Default)]
pub struct Handles {
    pub live: Vec<JoinHandle<()>>,
    /// Let finished ones go when `live` reaches this many.
    reap_at: usize,
    /// Every handle before this one has returned.
    first_running: usize,
}

impl Handles {
    /// Every thread has returned. Those before the first still running are
    /// not looked at again (the plain loop asks after every event: a look
    /// at every handle each time was quadratic in threads).
    pub fn all_finished(&mut self) -> bool {
        self.first_running = self.first_running.min(self.live.len());
        while self.first_running < self.live.len() && self.live[self.first_running].is_finished() {
            self.first_running += 1;
        }
        self.first_running == self.live.len()
    }

    /// Let go of the threads that have returned (their stacks are freed),
    /// once there are twice as many handles as after the last time: a
    /// constant cost per thread started.
    pub fn reap(&mut self) {
        if self.live.len() < self.reap_at.max(1024) {
            return;
        }
        // Dropping the handle of a thread that returned detaches it: the
        // OS frees what it held at once.
        self.live.retain(|h| !h.is_finished());
        self.reap_at = 2 * self.live.len();
        self.first_running = 0;
    }
}

/// Start thread `id` on a new OS thread named after it, beginning at
/// `begin`. A child process gets an OS thread that starts and relays it.
/// When the OS will not start one, what Python raises in the starter.
pub fn spawn(ctx: &Arc<Ctx>, id: ThreadId, begin: Nanos) -> Result<(), Box<crate::event::Raised>> {
    let c = Arc::clone(ctx);
    let spec = &ctx.program.threads[id as usize];
    let name = spec.name.clone();
    let process = spec.process;
    let body = move || {
        if process {
            return super::process::relay(&c, id, begin);
        }
        let mut r = super::thread::Runner::new(c, id, begin);
        let result = r.reach(begin).and_then(|()| {
            r.run_state()?;
            r.exec()
        });
        r.end(result);
    };
    let mut handles = ctx.handles.lock().unwrap_or_else(|e| e.into_inner());
    handles.reap();
    match std::thread::Builder::new()
        .name(name)
        .stack_size(STACK)
        .spawn(body)
    {
        Ok(h) => {
            handles.live.push(h);
            Ok(())
        }
        // Python raises RuntimeError("can't start new thread") in the starter.
        Err(_) => Err(Box::new(crate::event::Raised {
            kind: "RuntimeError".into(),
            message: "can't start new thread".into(),
            site: None,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_threads_are_let_go_and_the_rest_kept() {
        let mut h = Handles::default();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        // One thread that waits to be told, then 1,500 that return at once.
        h.live.push(std::thread::spawn(move || {
            let _ = rx.recv();
        }));
        for _ in 0..1500 {
            h.live.push(std::thread::spawn(|| {}));
        }
        while !h.live[1..].iter().all(JoinHandle::is_finished) {
            std::thread::yield_now();
        }
        assert!(!h.all_finished(), "the first still runs");
        h.reap();
        assert_eq!(h.live.len(), 1, "only the running one is kept");
        tx.send(()).unwrap();
        while !h.live[0].is_finished() {
            std::thread::yield_now();
        }
        assert!(h.all_finished());
    }
}
