//! The tour's captions, by message key.

/// The caption for `key` (the key itself if it has none).
pub fn caption(key: &'static str) -> &'static str {
    match key {
        "tour.basic.intro" => {
            "Scene 1 · basic — the post's first program. main starts five threads; each sleeps 3 s. Watch main's row: its code ends long before the workers do."
        }
        "tour.basic.main_end" => {
            "main's code has ended (╎), yet the process lives on: non-daemon threads keep it alive. main waits at exit (┈) while the workers sleep (▒)."
        }
        "tour.basic.outro" => {
            "The process exits (│) only after the last worker ends, so every `sub thread end` line prints, after main's last line."
        }
        "tour.daemon.intro" => {
            "Scene 2 · daemon — the same program with daemon=True (shown slowed down 10×). Daemon threads (ᴰ) do not keep the process alive."
        }
        "tour.daemon.before_exit" => {
            "Frozen at the last instant: main's code has ended and only daemon threads remain. At the next instant the process exits and cuts them short where they stand."
        }
        "tour.daemon.outro" => {
            "Cut short (✂): no `sub thread end` line ever prints. The post shows them printing; CPython does not, and threadline shows what CPython does."
        }
        "tour.join.intro" => {
            "Scene 3 · join — main starts two workers and calls join() on each before its last line."
        }
        "tour.join.joining" => {
            "main is blocked in join() (┄): it runs none of its own code until the thread it joins has ended."
        }
        "tour.join.outro" => {
            "Both workers' end lines print before main's last line: join() made main wait for them."
        }
        "tour.mixed.intro" => {
            "Scene 4 · mixed — daemon and non-daemon workers together. The process waits for the non-daemon ones only."
        }
        "tour.mixed.before_exit" => {
            "The last non-daemon worker is done. The daemons still running are cut short at the exit, the next instant."
        }
        "tour.mixed.outro" => {
            "The daemons lived exactly as long as the last non-daemon thread, then stopped mid-sleep."
        }
        "tour.gil_cpu.intro" => {
            "Scene 5 · gil-cpu — four threads that compute for 1 s each, under CPython's GIL."
        }
        "tour.gil_cpu.turns" => {
            "Only one thread runs at a time (█); the others wait for the GIL (░). Every 5 ms the GIL may change hands."
        }
        "tour.gil_cpu.outro" => {
            "Four threads took about four times one thread's time: the GIL serialises CPU-bound work. Press g to run it without the GIL."
        }
        "tour.gil_io.intro" => {
            "Scene 6 · gil-io — four threads that wait (sleep 0.5 s), as threads doing I/O do."
        }
        "tour.gil_io.overlap" => {
            "A sleeping thread (▒) releases the GIL, so all four wait at the same time."
        }
        "tour.gil_io.outro" => {
            "All four took 0.5 s together, not 2 s: threads do help I/O-bound work, GIL or not."
        }
        "tour.race.intro" => {
            "Scene 7 · race — four threads each add 10000 to one counter: first without a lock, then with one."
        }
        "tour.race.lost" => {
            "Updates were lost: `counter += 1` is a read then a write, and the GIL changed hands in between."
        }
        "tour.race.outro" => {
            "With a lock the total is always right; the time spent waiting on the lock (╌) is the price."
        }
        "tour.processes.intro" => {
            "Scene 8 · processes — multiprocessing: four real child processes (ᴾ, with their pids), each adding 1000 to its own counter."
        }
        "tour.processes.parallel" => {
            "The four processes compute at the same time: each has its own interpreter and its own GIL."
        }
        "tour.processes.outro" => {
            "The parent's counter is still 0: each child changed its own copy of memory. The tour is over: n and p move between scenes, q quits."
        }
        other => other,
    }
}
