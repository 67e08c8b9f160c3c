# threadline's message catalogue: English.
#
# Every message has the same id and the same arguments in ko.ftl (a test
# checks). Spaces that lay out columns stay in the code, not here. Numbers
# with decimals arrive already formatted ($at, $dur, ...); counts ($n) choose
# the plural.

## Counting

seconds = { $t } s
n-threads = { $n ->
    [one] { $n } thread
   *[other] { $n } threads
}
and-more = { $shown } and { $more } more

## Thread states and ends (src/look.rs): a label for the state column and
## the summary, a meaning for the legend.

state-running = running
state-running-meaning = executing code (holding the GIL when the GIL is on)
state-sleeping = sleeping
state-sleeping-meaning = in time.sleep; the GIL is released
state-waiting-gil = waiting GIL
state-waiting-gil-meaning = ready to run, but another thread holds the GIL
state-joining = joining
state-joining-meaning = blocked in join() until another thread ends
state-waiting-lock = waiting lock
state-waiting-lock-meaning = blocked acquiring a lock (Lock, RLock, Semaphore) that another thread holds
state-waiting-cpu = waiting CPU
state-waiting-cpu-meaning = ready to run, but every CPU core is busy (no GIL, more threads than cores)
state-waiting-exit = waiting exit
state-waiting-exit-meaning = main's code ended; the interpreter waits for non-daemon threads
end-exited = exited
end-exited-code = exited with code { $code }
end-finished = finished
end-finished-meaning = its run() returned
end-cut-short = cut short
end-cut-short-meaning = a daemon thread stopped where it stood when the process exited
end-failed = failed
end-failed-meaning = an exception escaped run(), or the process died
not-started = not started

## Markers across the rows

marker-code-end = main code end
marker-exit = process exit
marker-both = main code end, process exit

## The dashboard's header

header-daemon-on = daemon ON
header-daemon-off = daemon OFF
header-daemon-mixed = daemon mixed
header-gil-on = Python { $python } · GIL
header-gil-off-cores = Python { $python } · no GIL ({ $n } cores)
header-real-time = real time
header-running = running
header-paused = PAUSED
header-intro = introduction
header-caption-hold = holding for the caption
header-finished = finished
header-seed = seed { $seed }
header-dropped = { $n ->
    [one] { $n } event dropped
   *[other] { $n } events dropped
}
header-help = ? help

## The timeline, the panes

col-thread = thread
col-state = state
timeline-more = ↓ { $n } more
timeline-above = ↑ { $n } more
scroll-above = ↑ { $n } more
scroll-earlier = ↑ { $n } earlier lines (o: read, ↑ PgUp Home)
scroll-earlier-dropped = ↑ { $n } earlier lines, and { $dropped } older ones no longer kept (o: read, ↑ PgUp Home)
scroll-later = ↓ { $n } later lines (End: the newest)
scroll-below = ↓ { $n } more (PgDn)
lane-gil = GIL
lane-held = held by { $name }
lane-free = free
pane-output = output
pane-explain = what is happening
output-empty = (nothing printed yet)
too-small = threadline needs a terminal of at least { $min_w }×{ $min_h } (this one is { $w }×{ $h }); q quits

## Keys (src/ui/keymap.rs): a short word for the footer, a sentence for the help

key-quit = quit
key-quit-help = quit; every thread of the run (or the traced program) is stopped
key-interrupt-help = interrupt a traced program (KeyboardInterrupt, as without threadline); otherwise quit
key-pause = pause
key-pause-help = pause / resume: freezes the program's threads themselves
key-step = step
key-step-help = single step: pause, then run to the next moment a thread acts
key-restart = restart
key-restart-help = restart the run (same seed when --seed was given)
key-daemon = daemon
key-daemon-help = toggle daemon mode for every worker, and restart
key-gil = GIL
key-gil-help = toggle the simulated GIL (off: the free-threaded build), and restart
key-select = select
key-select-help = select a thread (its history shows on the right)
key-pan = pan
key-pan-help = pan the time axis
key-zoom = zoom
key-zoom-help = zoom the time axis in / out
key-follow = follow/fit
key-follow-help = follow the present, or fit the whole run
key-speed = speed
key-speed-help = slower / faster (the axis keeps showing program seconds)
key-scenario = scenario
key-scenario-help = next scenario, or scenario 1 to 9
key-split = split
key-split-help = split the view: this run on top, below it the same scenario with the variant toggled last (d, g, the interpreter) the other way, on one clock; again: one run
key-pane = pane
key-pane-help = the pane the arrows and page keys act on, in turn: the timeline (each of a split view), the output, the explanation
key-page-help = a page up or down, to the first or the last: of the thread list (main stays on top), or of the pane being read, or of this help
key-mouse = mouse
key-mouse-off = mouse: off
key-mouse-help = the mouse: captured (click, wheel) or left to the terminal, to select and copy text (Shift-drag selects in most terminals even while captured)
key-help = help
key-help-help = show / hide this help

## The help overlay

help-title = help · ? to close
help-keys = Keys
help-mouse-key = mouse
help-mouse = wheel over the chart zooms, over the names and the panes scrolls; click selects; m gives the mouse to the terminal
help-glyphs = What the glyphs mean
help-daemon = daemon thread
help-process = child process (its pid beside the name)
help-deadlock = in a deadlock (waiting for each other, for good)
help-truth = threadline follows what CPython really does: daemon threads are cut short when the process exits, so they never print their end line.

## "What is happening" (src/ui/narrate.rs)

narrate-starting = Starting the program…
narrate-exited = The process exited at { $at } s with exit code { $code }.
narrate-os-exit-at = { $name } called os._exit at { $site }: the process ended at once, whatever its other threads were doing.
narrate-os-exit = { $name } called os._exit: the process ended at once, whatever its other threads were doing.
narrate-cut-ended = { $n ->
    [one] { $n } thread ({ $names }) was cut short at that instant: threadline ended the process.
   *[other] { $n } threads ({ $names }) were cut short at that instant: threadline ended the process.
}
narrate-cut-exit = { $n ->
    [one] { $n } thread ({ $names }) was cut short at that instant: the process ended while it ran.
   *[other] { $n } threads ({ $names }) were cut short at that instant: the process ended while they ran.
}
narrate-cut-daemons = { $n ->
    [one] { $n } daemon thread ({ $names }) was cut short at that instant.
   *[other] { $n } daemon threads ({ $names }) were cut short at that instant.
}
narrate-cut = { $n ->
    [one] { $n } daemon thread ({ $names }) was cut short at that instant, so its end line never prints.
   *[other] { $n } daemon threads ({ $names }) were cut short at that instant, so their end lines never print.
}
narrate-done = { $n ->
    [one] { $n } thread finished before the exit.
   *[other] { $n } threads finished before the exit.
}
narrate-done-processes = { $n ->
    [one] { $n } child process finished before the exit.
   *[other] { $n } child processes finished before the exit.
}
narrate-waits-for = { $n ->
    [one] main's code has ended; the interpreter waits for { $n } non-daemon thread ({ $names }) before the process can exit.
   *[other] main's code has ended; the interpreter waits for { $n } non-daemon threads ({ $names }) before the process can exit.
}
narrate-exits-now = main's code has ended and no non-daemon thread is left: the process exits now.
narrate-daemons-left = { $n ->
    [one] { $n } daemon thread is still running: it will be cut short the moment the last non-daemon thread ends.
   *[other] { $n } daemon threads are still running: they will be cut short the moment the last non-daemon thread ends.
}
narrate-main-joins = main is blocked in join(): it waits until `{ $name }` ends, and runs none of its own code meanwhile.
narrate-main-runs = { $n ->
    [one] main is running its code; it has started { $n } thread so far.
   *[other] main is running its code; it has started { $n } threads so far.
}
narrate-main-waits = { $n ->
    [one] main is not running its code now ({ $why }); it has started { $n } thread so far.
   *[other] main is not running its code now ({ $why }); it has started { $n } threads so far.
}
narrate-sleeping = { $n ->
    [one] { $n } thread is sleeping in time.sleep(): a sleeping thread releases the GIL.
   *[other] { $n } threads are sleeping in time.sleep(): a sleeping thread releases the GIL.
}
history-created = { $name }: created at { $at } s
history-created-daemon = { $name } (daemon): created at { $at } s
history-earlier = { $n ->
    [one] … { $n } earlier span
   *[other] … { $n } earlier spans
}
history-later = { $n ->
    [one] … { $n } later span
   *[other] … { $n } later spans
}
history-span = { $at } s  { $what } for { $dur } s
history-end = { $at } s  { $what }
history-not-started = not started yet ({ $what })

## The outcome in numbers (src/model/outcome.rs)

cpu-share = { $kind ->
    [gil] { $n } CPU-bound threads with the GIL took { $ratio }× one thread's time ({ $each } s of work each, { $wall } s in all); at most { $at_once } ran at once.
    [processes] { $n } CPU-bound processes took { $ratio }× one process's time ({ $each } s of work each, { $wall } s in all): each has its own GIL, but they share the machine's cores, and at most { $at_once } ran at once.
   *[no-gil] { $n } CPU-bound threads without the GIL took { $ratio }× one thread's time ({ $each } s of work each, { $wall } s in all); at most { $at_once } ran at once.
}
counter-more = `{ $name }`: expected { $expected }, got { $value }: more than the updates made.
counter-kept = `{ $name }`: expected { $expected }, got { $value }: no update was lost.
counter-lost = { $lost ->
    [one] `{ $name }`: expected { $expected }, got { $value }: { $lost } update was lost to the race.
   *[other] `{ $name }`: expected { $expected }, got { $value }: { $lost } updates were lost to the race.
}
counter-missing = { $said } { $missing ->
    [one] 1 more update was never made (its thread was cut short or failed first, or never got to it): no race lost it.
   *[other] { $missing } more updates were never made (their threads were cut short or failed first, or never got to them): no race lost them.
}

## The plain summary (src/plain.rs) and the pictures (src/export/svg.rs)

summary-thread = thread
summary-daemon = daemon
summary-start = start
summary-end = end
summary-outcome = outcome
summary-yes = yes
summary-no = no
summary-note = note: { $note }
process-exited = process exited at { $at } s with exit code { $code }
process-ended = threadline ended the process at { $at } s (exit code { $code })
process-not-exited = the process had not exited
trace-dropped = { $n ->
    [one] { $n } line from the tracer could not be read and was dropped
   *[other] { $n } lines from the tracer could not be read and were dropped
}
svg-still-running = still running
svg-daemon = { $name } (daemon)
svg-span = { $what }: { $from }–{ $to } s
svg-ghost-span = would have been { $what }: { $from }–{ $to } s (cut short by the exit)
svg-ghost-line = would have printed: { $line }
svg-ghost-legend = would still have done (cut short)

## Errors of our own. A place (file:line:col) is put before them by the code.

error-at = { $place }: { $what }
error-write-output = cannot write an output: { $error }
output-twice = { $path }: the same file as { $first }; give each output its own file
output-not-file = { $path }: is not a regular file (a device, a pipe or a dangling link): refused even with --force
output-is-dir = { $path }: is a directory ({ $flag } needs a file)
output-exists = { $path }: already exists; add --force to overwrite it
output-unwritable = { $path }: cannot be written ({ $error })
replay-cannot-open = cannot open: { $error }
replay-cannot-read = cannot read: { $error }
replay-empty = empty file: not a threadline recording
replay-bad-header = not a threadline recording header: { $error }
replay-bad-format = not a threadline recording (format `{ $format }`)
replay-bad-version = format version { $version } is not supported (this threadline reads version { $supported })
replay-bad-event = not an event: { $error }
replay-other-run = event of run { $run } in a recording of run { $first }
replay-out-of-order = events out of order: thread { $thread } goes back from { $prev } ns to { $at } ns
trace-no-command = nothing to trace: give `-- python3 script.py`
trace-no-python = cannot run the Python interpreter `{ $python }`: { $error }
trace-cannot-start = cannot start the trace: { $error }
trace-tracer-disabled = warning: python's option { $flags } stops it from loading threadline's tracer (sitecustomize via PYTHONPATH); the program runs, but its threads cannot be traced

## Scenario errors (src/scenario/)

scenario-cannot-read = cannot read: { $error }
scenario-unknown = no such scenario; the built-in ones are: { $known } (or give a path to a .toml file)
scenario-toml = { $detail }
scenario-empty-run = class `{ $class }` has an empty `run`
scenario-no-kind = a step needs one of: { $kinds }
scenario-two-kinds = a step does one thing, but this one has { $kinds }
scenario-and = { $a } and { $b }
scenario-spawn-only = `{ $field }` belongs to a `spawn` step
scenario-start-flag = `start = true/false` belongs to a `spawn` step; to start a thread, write `start = "NAME"`
scenario-increment-only = `{ $field }` belongs to an `increment` step
scenario-times = times must be from 1 to 1000000, not { $times }
scenario-negative = a duration must be zero or more seconds, not { $value }
scenario-too-long = { $value } s is too long: at most { $max } s (use --speed to go slower)
scenario-no-classes = the file defines no [classes.NAME]
scenario-known-classes = known classes: { $known }
scenario-unknown-class = unknown class `{ $class }`; { $hint }
scenario-text-budget = this scenario would print more than { $max } of text once names are put in: refused before running
scenario-step-budget = this scenario would expand to more than { $max } steps: refused before running
scenario-name-nul = a thread name may not contain a NUL character (\u0000)
scenario-name-empty = a thread needs a name: Python names a thread given the empty name itself (`Thread-1`, …)
scenario-too-big = larger than { $max }: not a scenario file
scenario-not-text = not UTF-8 text: not a scenario file
run-cannot-start = cannot start the scenario's main thread: { $error }
scenario-count = count must be from 0 to { $max }, not { $count }
scenario-same-name = { $count } threads would all be named `{ $pattern }`: put {"{"}i{"}"} in the name
scenario-too-many = this would create more than { $max } threads (does a class spawn itself?)
scenario-duplicate = a second thread named `{ $name }`: thread names must be unique
scenario-start-foreign = `{ $name }` can only be started by the thread that created it
scenario-started-twice = `{ $name }` is started twice (Python raises RuntimeError)
scenario-join-self = a thread cannot join itself (Python raises RuntimeError)
scenario-join-main = joining main never returns: main's end waits for the other threads
scenario-no-such-thread = no thread is named `{ $name }` (threads: { $known })
scenario-never-started = `{ $name }` is joined but never started (Python raises RuntimeError)
scenario-join-cycle = this join never returns: { $chain } (the joins wait for each other in a cycle)
scenario-join-stuck = this join never returns: { $chain } (the thread that would start it is itself stuck)
scenario-waits-for = { $a } waits for { $b }

## Child processes (the processes scenario)

counter-processes-same = `{ $name }`: the parent's is { $parent }; each of the { $n } child processes' is { $each }. Processes do not share memory: every child changed its own copy (threads sharing one would have reached { $threads }).
counter-processes = `{ $name }`: the parent's is { $parent }; the child processes' are { $values }. Processes do not share memory: every child changed its own copy (threads sharing one would have reached { $threads }).
summary-exitcode = { $outcome } (exitcode { $code })
process-end-signal = { $outcome } (exitcode { $code }: killed by { $signal })
process-died = { $name } { $how }: its exitcode is not 0, so multiprocessing reports it failed.
history-created-process = { $name } (a child process, pid { $pid }): created at { $at } s
narrate-waiting-gil = { $n ->
    [one] { $n } thread waits for the GIL: only the thread holding it runs Python code.
   *[other] { $n } threads wait for the GIL: only the thread holding it runs Python code.
}
narrate-waiting-cpu = { $n ->
    [one] { $n } thread waits for a CPU core: more threads want to run than the machine has cores.
   *[other] { $n } threads wait for a CPU core: more threads want to run than the machine has cores.
}
error-process-one-thread = a process class runs one thread in its child process: spawn, start and join are not supported inside it
error-process-daemon = `{ $class }` is a process class: daemon processes are not supported yet
demo-needs-terminal = the tour needs a terminal; for text, try `threadline run SCENARIO --plain`

## The guided tour (threadline demo)

key-scene = scene
key-scene-help = the tour: next / previous scene
key-autoplay = autoplay
key-autoplay-help = the tour: play on by itself again (any other key takes control)
tour-title = tour · scene { $scene }/{ $scenes } · { $name } · { $mode }
tour-autoplay = plays by itself
tour-manual = you drive: a plays on

## The guided tour (src/ui/tour.rs): one caption per scene and moment

tour-basic-intro = Scene 1 · basic — the post's first program. main starts five threads; each sleeps 3 s. Watch main's row: its code ends long before the workers do.
tour-basic-main-end = main's code has ended (╎), yet the process lives on: non-daemon threads keep it alive. main waits at exit (┈) while the workers sleep (▒).
tour-basic-outro = The process exits (│) only after the last worker ends, so every `sub thread end` line prints, after main's last line.
tour-daemon-intro = Scene 2 · daemon — the same program with daemon=True (shown slowed down 10×). Daemon threads (ᴰ) do not keep the process alive.
tour-daemon-before-exit = Frozen at the last instant: main's code has ended and only daemon threads remain. At the next instant the process exits and cuts them short where they stand.
tour-daemon-outro = Cut short (✂): no `sub thread end` line ever prints. The post shows them printing; CPython does not, and threadline shows what CPython does.
tour-join-intro = Scene 3 · join — main starts two workers and calls join() on each before its last line.
tour-join-joining = main is blocked in join() (┄): it runs none of its own code until the thread it joins has ended.
tour-join-outro = Both workers' end lines print before main's last line: join() made main wait for them.
tour-mixed-intro = Scene 4 · mixed — daemon and non-daemon workers together. The process waits for the non-daemon ones only.
tour-mixed-before-exit = The last non-daemon worker is done. The daemons still running are cut short at the exit, the next instant.
tour-mixed-outro = The daemons lived exactly as long as the last non-daemon thread, then stopped mid-sleep.
tour-gil-cpu-intro = Scene 5 · gil-cpu — four threads that compute for 1 s each, under CPython's GIL.
tour-gil-cpu-turns = Only one thread runs at a time (█); the others wait for the GIL (░). Every 5 ms the GIL may change hands.
tour-gil-cpu-outro = Four threads took about four times one thread's time: the GIL serialises CPU-bound work. Press g to run it without the GIL.
tour-gil-io-intro = Scene 6 · gil-io — four threads that wait (sleep 0.5 s), as threads doing I/O do.
tour-gil-io-overlap = A sleeping thread (▒) releases the GIL, so all four wait at the same time.
tour-gil-io-outro = All four took 0.5 s together, not 2 s: threads do help I/O-bound work, GIL or not.
tour-race-intro = Scene 7 · race — four threads each add 10000 to one counter: first without a lock, then with one.
tour-race-lost = Updates were lost: `counter += 1` is a read then a write, and the GIL changed hands in between.
tour-race-outro = With a lock the total is always right; the time spent waiting on the lock (╌) is the price.
tour-processes-intro = Scene 8 · processes — multiprocessing: four real child processes (ᴾ, with their pids), each adding 1000 to its own counter.
tour-processes-parallel = The four processes compute at the same time: each has its own interpreter and its own GIL.
tour-processes-outro = The parent's counter is still 0: each child changed its own copy of memory. The tour is over: n and p move between scenes, q quits.

## States of the shape redesign: start(), other waits, blocking system calls
state-starting = starting
state-starting-meaning = in start(): waiting for the new thread to run (CPython's start-up handshake, not a lock of the program's)
state-waiting = waiting
state-waiting-meaning = blocked on an Event, a Condition, a queue, a Barrier or a future
state-blocked-io = blocked I/O
state-blocked-io-meaning = blocked in a system call: a read on a pipe or socket, select, poll, input()
## A key that does nothing here, and why
refused = { $key }: { $why }
refused-tour-only = only in the guided tour (threadline demo)
refused-trace-step = a real program cannot be stepped (space pauses it)
refused-trace-speed = a real program runs at its own speed (space pauses it)
refused-trace-change = a traced program runs as it is written
refused-replay-change = a replay plays what was recorded
refused-tour-split = the tour shows one run at a time
refused-trace-split = a traced program runs once, as it is written
refused-replay-split = a replay plays one recording
refused-replay-code = a recording keeps no source
## What a wait is on
wait-on = { $on }
on-warnings = the warnings module
wait-join = { $name }
wait-join-short = { $name }'s end
history-state-on = { $state } { $on }
history-held-by = held by { $name }
narrate-raised = { $name } raised { $raised }.
history-raised = raised { $raised }
## Deadlocks
deadlock-two = Deadlock: { $a } holds { $b_waits } and waits for { $a_waits }, held by { $b }, who waits for { $b_waits }. Neither can go on.
deadlock-link = { $name } waits for { $what }, held by { $holder }
deadlock-link-gone = { $name } waits for { $what }, still held by { $holder }, which ended without releasing it
deadlock-link-join = { $name } waits in join() for { $holder } to end
deadlock-ended = the program was ended: { $n ->
    [one] a thread waits for itself
   *[other] { $n } threads wait for each other
} and none can go on (exit code 3)
deadlock-ended-stall = the program was ended: { $n ->
    [1] its only live thread waits
    [2] both live threads wait
   *[other] all { $n } live threads wait
} with no timeout and no thread is left to end a wait (exit code 3)
deadlock-then = { $a }; { $b }
deadlock-ring = Deadlock: { $n } threads wait on each other in a ring: { $chain }. None of them can go on.
deadlock-self = Deadlock: { $name } waits for { $what }, which it holds itself, and can never go on.
deadlock-left = { $ring } { $stood }
deadlock-stood = The rest of the program went on without { $n ->
        [one] it: it
       *[other] them: they
    } waited so until the process ended and cut { $n ->
        [one] it
       *[other] them
    } short.
deadlock-link-alone = { $name } waits for { $what }
deadlock-link-exit = { $name } waits at exit for the threads that are not daemons
deadlock-something = something
deadlock-stall = Deadlock: { $n ->
    [1] the only live thread waits, with no timeout, for something only another thread could give: { $chain }. None is left to give it: it can never go on.
    [2] both live threads wait, with no timeout, for something only a thread of the program could give: { $chain }. None is left to give it: neither can go on.
   *[other] all { $n } live threads wait, with no timeout, for something only a thread of the program could give: { $chain }. None is left to give it: none of them can go on.
}
## Errors
error-io = { $error }
worker-bad-input = worker: { $error }
replay-line-too-long = a line longer than { $max } bytes: not a threadline recording
replay-time-too-late = a time of { $at } ns is past the latest threadline accepts ({ $max } ns, about 104 days)

## Scenario variants and the interpreter
variant-title = { $title } ({ $how })
variant-daemon = run with every worker a daemon
variant-no-daemon = run with no worker a daemon
variant-gil = run with the GIL
variant-no-gil = run without the GIL
scenario-variant = there are no words for the variant `{ $variant }` (variants: { $known })
scenario-python = `{ $version }` is not a Python this can model (one of { $known })
scenario-python-gil = `gil = { $gil }` contradicts `python = "{ $version }"`, which says whether there is a GIL: keep one of the two

## Ghosts: what the exit took away (what threads cut short would still have done)
output-never = never printed:
ghost-would = would have { $what }
ghost-would-rest = would have { $what }
ghost-and = { $a } and { $b }
ghost-slept = slept until { $until } s
ghost-blocked = waited until { $until } s
ghost-ran = run until { $until } s
ghost-printed = printed { $line }
ghost-printed-more = { $n ->
    [one] printed { $line } and 1 more line
   *[other] printed { $line } and { $n } more lines
}
lost-lines = { $n ->
    [one] 1 line never printed.
   *[other] { $n } lines never printed.
}
lost-lines-sleep = { $n ->
    [one] 1 line never printed; the { $who } lost { $sleep } s of sleep between them.
   *[other] { $n } lines never printed; the { $who } lost { $sleep } s of sleep between them.
}
silenced = { $name } printed nothing: at the exit it was still { $state }; its first line would have come at { $at } s.
plain-never-printed = Never printed (cut short):
help-ghost = what a thread cut short would still have done (scenarios only: a real program's future is unknown)

## Comparing two runs (threadline compare, the split view)
compare-differences = Differences (A vs B):
compare-exit = exit: A { $a }; B { $b }
compare-exit-at = at { $at } s with code { $code }
compare-exit-never = did not exit
compare-ends = { $names }: { $a } in A, { $b } in B
compare-end-absent = not there
compare-end-open = not ended
compare-lines = { $n ->
    [one] 1 `{ $text }` line
   *[other] { $n } `{ $text }` lines
}: { $side } only
compare-share = time: { $a } vs { $b } one thread's time
compare-counter = `{ $name }`: { $a } in A, { $b } in B (expected { $expected })
compare-lines-unkept = The outputs were not compared: a side printed more lines than threadline keeps (the last { $kept }).
compare-same = No difference: the same exit, the same ends, the same output.
compare-side = { $side }: { $what }
key-code = code
key-code-help = the code pane, in place of the output: the program's Python (a scenario's twin, a traced program's script), each thread's mark on the line it was last seen at, the selected thread's line lit
pane-code = code · { $file }
code-none = No source to show: the program was given with -c or -m, or its script cannot be read.
code-marks = Each thread's mark is on the line where it was last seen (its latest wait, start or end).
code-twin-marks = The scenario's Python twin. Each thread's mark is on the line of the step that made its latest change.
code-only-a = { $n ->
    [one] 1 line only A's program has is marked A.
   *[other] { $n } lines only A's program has are marked A.
}
code-only-b = { $n ->
    [0] B's program has no line of its own.
    [one] The 1 line only B's program has:
   *[other] The { $n } lines only B's program has:
}
key-python-help = the next interpreter the scenario models (3.8 … 3.13, then the free-threaded 3.13t), and restart; v then shows the one before below

## Being the scheduler (s: src/ui/schedule.rs, src/stepper/)
key-schedule = schedule
key-schedule-help = be the scheduler: restart frozen, you pick who takes each step (s again: give it back)
key-pick = pick
key-pick-help = the thread of that mark (M, 0-9) takes its next step; Enter: the selected thread
header-scheduling = YOU SCHEDULE
header-by-hand = step by step
refused-tour-schedule = the tour runs its own scenes (threadline run, then s)
refused-trace-schedule = a real program is scheduled by its interpreter and the operating system
refused-replay-schedule = a replay plays what was recorded (be the scheduler of a scenario)
refused-split-schedule = one run at a time while you schedule (v back to one run first)
refused-schedule-moves = you are the scheduler: the program moves only when you pick a thread (s gives scheduling back)
refused-schedule-split = one run at a time while you schedule (s gives scheduling back)
refused-schedule-digits = while you schedule, the digits pick threads (Tab changes the scenario)
refused-pick = only while you are the scheduler (press s first)
schedule-on = s: you are the scheduler. A run under way cannot be taken over where it stands, so the program started again from its beginning, frozen: press the mark of the thread that takes the next step (M, 0-9), or Enter for the selected one.
schedule-off = s: scheduling given back: the program started again from its beginning, the interpreter choosing who runs
schedule-processes = s: this scenario runs child processes, each with its own GIL and memory; the scheduler steps the threads of one process
schedule-processes-left = this scenario runs child processes: it runs on its own (scheduling given back)
pick-no-row = { $key }: no thread has that mark
pick-refused = { $key }: { $name } cannot take a step: { $why }
pick-why-unknown = there is no such thread
pick-why-over = the process has exited (r starts it again)
pick-why-unborn = it does not exist yet
pick-why-created = it is created but not started
pick-why-sleeping = it sleeps until { $at } s
pick-why-starting = it waits in start() until { $other } runs
pick-why-joining = it waits in join() until { $other } ends
pick-why-lock = it waits for { $lock }, which { $other } holds
pick-why-at-exit = its code has ended: it waits for the non-daemon threads
pick-why-done = its life is over
sched-title = You are the scheduler: { $n ->
    [one] 1 step
   *[other] { $n } steps
} taken
sched-first = Nothing has run yet: main is ready.
sched-began = { $name } runs for the first time
sched-began-starter = { $name } runs for the first time, so { $starter }'s start() can return
sched-printed = { $name } printed “{ $text }”
sched-created = { $name } created { $other } (not started yet)
sched-started = { $name } called { $other }.start(): it waits until { $other } runs
sched-slept = { $name } sleeps until { $at } s
sched-computed = { $name } computed { $ran } ms ({ $done } of { $total } ms)
sched-read = { $name } read { $counter } = { $value }
sched-read-lock = { $name } took { $lock } and read { $counter } = { $value }
sched-then-call = { $text }, and calls add({ $value }): a switch may come here
sched-wrote = { $name } wrote { $counter } = { $value }
sched-wrote-lost = { $name } wrote { $counter } = { $value } ({ $others }'s { $n ->
    [one] update
   *[other] { $n } updates
} lost)
sched-then-release = { $text }, and let go of { $lock }
sched-updated = { $name } read { $counter } = { $read } and wrote { $value } in one step: on { $python } the GIL changes hands only at a call or a loop's jump back, never between them
sched-under-lock = { $text } (holding { $lock })
sched-lock-waits = { $name } wants { $lock }, which { $other } holds: it waits
sched-acquired = { $name } took { $lock }
sched-released = { $name } let go of { $lock }
sched-joined = { $name } joined { $other }: it had ended, so join() returned at once
sched-join-waits = { $name } called { $other }.join(): it waits until { $other } ends
sched-warned = { $name } printed a DeprecationWarning (the first in the process)
sched-not-warned = { $name } did not warn (shown already, or this Python does not)
sched-reported = { $name } printed { $counter } = { $value }
sched-exited = the process exited
sched-exited-cut = the process exited, cutting short { $names }
sched-ended = { $name } ended
sched-code-ended = main's code ended
sched-woke = ready again: { $names }
sched-skipped = every thread slept, so time passed to { $at } s
sched-ready = Ready: { $list }. Press a mark, or Enter for the selected row.
sched-none-ready = No thread can take a step: each waits for another (a deadlock). r starts again.
sched-over = The process has exited. r starts it again; s gives scheduling back.
sched-drawn-gil = The thread you pick holds the GIL; the others wait for it.
sched-drawn-cores = Without the GIL the threads could run at once: you choose the order in which their steps land; the ones not picked are drawn waiting.
