# Nothing: what tracing a process costs before the program does anything.
