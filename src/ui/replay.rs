//! Playing a recording: its events are sent at their program times on the
//! same pausable clock a live run uses, so pause, step and speed work alike.

use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::Sender;

use crate::event::{Event, Nanos};
use crate::runtime::Clock;

struct State {
    clock: Clock,
    stopped: bool,
    /// Program times of the events, in the order they are sent.
    times: Vec<Nanos>,
    /// How many have been sent.
    sent: usize,
}

pub struct ReplaySource {
    shared: Arc<(Mutex<State>, Condvar)>,
    feeder: Option<JoinHandle<()>>,
    pub run: u64,
}

impl ReplaySource {
    pub fn start(events: &[Event], speed: f64, tx: Sender<Event>) -> Self {
        let mut events = events.to_vec();
        events.sort_by_key(|e| e.at); // stable: ties keep their recorded order
        let run = events.first().map_or(0, |e| e.run);
        let state = State {
            clock: Clock::new(speed, Instant::now()),
            stopped: false,
            times: events.iter().map(|e| e.at).collect(),
            sent: 0,
        };
        let shared = Arc::new((Mutex::new(state), Condvar::new()));
        let s = Arc::clone(&shared);
        let feeder = std::thread::Builder::new()
            .name("threadline-replay".into())
            .spawn(move || {
                let (lock, cv) = &*s;
                for ev in events {
                    let mut st = lock.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        if st.stopped {
                            return;
                        }
                        match st.clock.wall_until(ev.at, Instant::now()) {
                            Some(Duration::ZERO) => break,
                            Some(d) => {
                                st = cv.wait_timeout(st, d).unwrap_or_else(|e| e.into_inner()).0
                            }
                            None => st = cv.wait(st).unwrap_or_else(|e| e.into_inner()),
                        }
                    }
                    st.sent += 1;
                    drop(st);
                    if tx.send(ev).is_err() {
                        return;
                    }
                }
            })
            .ok();
        ReplaySource {
            shared,
            feeder,
            run,
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let (lock, cv) = &*self.shared;
        let r = f(&mut lock.lock().unwrap_or_else(|e| e.into_inner()));
        cv.notify_all();
        r
    }

    pub fn now(&self) -> Nanos {
        self.with(|s| s.clock.now(Instant::now()))
    }

    pub fn is_paused(&self) -> bool {
        self.with(|s| s.clock.is_paused(Instant::now()))
    }

    pub fn pause(&self) {
        self.with(|s| s.clock.pause(Instant::now()));
    }

    pub fn resume(&self) {
        self.with(|s| s.clock.resume(Instant::now()));
    }

    pub fn set_speed(&self, speed: f64) {
        self.with(|s| s.clock.set_speed(Instant::now(), speed));
    }

    /// Pause, then jump to the next recorded moment.
    pub fn step(&self) {
        self.with(|s| {
            let now = s.clock.now(Instant::now());
            match s.times[s.sent..].iter().find(|&&t| t > now) {
                Some(&t) => s.clock.advance_to(Instant::now(), t),
                None => s.clock.pause(Instant::now()),
            }
        });
    }

    /// Play to the end at once (tests).
    pub fn wait(&mut self) {
        self.with(|s| {
            let last = s.times.last().copied().unwrap_or(0);
            s.clock.advance_to(Instant::now(), last);
        });
        if let Some(f) = self.feeder.take() {
            let _ = f.join();
        }
    }
}

impl Drop for ReplaySource {
    fn drop(&mut self) {
        self.with(|s| s.stopped = true);
        if let Some(f) = self.feeder.take() {
            let _ = f.join();
        }
    }
}
