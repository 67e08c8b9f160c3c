//! Pauses of a traced program. While it is stopped (SIGSTOP) its clock still
//! runs; taking the pauses out keeps the axis on program time.

use std::sync::Mutex;

use crate::event::Nanos;

/// The pauses so far, in the tracer's time.
#[derive(Debug, Default)]
pub struct Pauses {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Ended pauses: (start, length), in order.
    done: Vec<(Nanos, Nanos)>,
    since: Option<Nanos>,
}

impl Pauses {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The program was stopped at `at`. False if it already was.
    pub fn begin(&self, at: Nanos) -> bool {
        let mut p = self.lock();
        if p.since.is_some() {
            return false;
        }
        p.since = Some(at);
        true
    }

    /// The program goes on at `at`. False if it was not paused.
    pub fn end(&self, at: Nanos) -> bool {
        let mut p = self.lock();
        match p.since.take() {
            Some(start) => {
                p.done.push((start, at.saturating_sub(start)));
                true
            }
            None => false,
        }
    }

    /// The ended pauses as the tracer reads them (`paused` in the run's
    /// directory): "START END" per line, in the tracer's time.
    pub fn listing(&self) -> String {
        self.lock()
            .done
            .iter()
            .map(|(start, len)| format!("{start} {}\n", start + len))
            .collect()
    }

    pub fn is_paused(&self) -> bool {
        self.lock().since.is_some()
    }

    /// Tracer time to program time: every pause that began before `at` is
    /// taken out (a pause still going counts up to `at`).
    pub fn program_time(&self, at: Nanos) -> Nanos {
        let p = self.lock();
        let mut shift: Nanos = p
            .done
            .iter()
            .filter(|(start, _)| *start < at)
            .map(|(_, len)| *len)
            .sum();
        if let Some(start) = p.since.filter(|s| *s < at) {
            shift += at - start;
        }
        at.saturating_sub(shift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_are_taken_out_of_later_times_only() {
        let p = Pauses::default();
        assert!(p.begin(100));
        assert!(!p.begin(120));
        assert!(p.end(150));
        assert!(!p.end(160));
        assert_eq!(p.program_time(90), 90);
        assert_eq!(p.program_time(200), 150);
        p.begin(300);
        assert_eq!(p.program_time(400), 250);
        assert_eq!(p.listing(), "100 150\n");
    }
}
