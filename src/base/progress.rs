//! How far a long run has got, on a terminal: a line on standard error,
//! shown once the run has taken a second and rewritten as it advances,
//! then wiped; nothing at all otherwise. The library is given where to
//! write it ([`Progress::to`]); only the binary hands it standard error.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Where progress is written: the binary's standard error.
pub type Sink = fn(&str);

/// How long a run goes before its progress is shown.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// The progress of one run.
#[derive(Debug, Default)]
pub struct Progress {
    sink: Option<Sink>,
    /// What is counted (`samples`).
    what: &'static str,
    total: AtomicU64,
    state: Mutex<Option<Shown>>,
}

#[derive(Debug)]
struct Shown {
    started: Instant,
    /// The last percentage written, if any was.
    percent: Option<u64>,
}

impl Progress {
    /// No progress: tests, pipes, CI.
    pub fn silent() -> Self {
        Self::default()
    }

    /// Progress counting `what`, written to `sink` when there is one.
    pub fn to(sink: Option<Sink>, what: &'static str) -> Self {
        Self {
            sink,
            what,
            ..Self::default()
        }
    }

    /// A run of `total` steps starts now.
    pub fn start(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        if let Ok(mut state) = self.state.lock() {
            *state = Some(Shown {
                started: Instant::now(),
                percent: None,
            });
        }
    }

    /// `done` steps of the run are done.
    pub fn advance(&self, done: u64) {
        let Some(sink) = self.sink else { return };
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        let Some(shown) = state.as_mut() else { return };
        if shown.started.elapsed() < QUIET_FOR {
            return;
        }
        let total = self.total.load(Ordering::Relaxed).max(1);
        let percent = (done.min(total) * 100) / total;
        if shown.percent.is_some_and(|p| p >= percent) {
            return;
        }
        shown.percent = Some(percent);
        sink(&format!("\r{percent:>3}% of {total} {}", self.what));
    }

    /// The run is over: its line, if one was written, is wiped.
    pub fn finish(&self) {
        let Some(sink) = self.sink else { return };
        if let Ok(mut state) = self.state.lock()
            && state.take().is_some_and(|shown| shown.percent.is_some())
        {
            sink("\r\x1b[2K");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    static WRITTEN: Mutex<String> = Mutex::new(String::new());

    fn sink(text: &str) {
        WRITTEN.lock().unwrap().push_str(text);
    }

    #[test]
    fn a_short_run_says_nothing_and_a_long_one_counts_then_wipes_its_line() {
        let progress = Progress::to(Some(sink), "samples");
        progress.start(200);
        progress.advance(100);
        progress.finish();
        assert_eq!(*WRITTEN.lock().unwrap(), "");

        progress.start(200);
        std::thread::sleep(QUIET_FOR);
        progress.advance(100);
        progress.advance(101);
        progress.advance(200);
        progress.finish();
        assert_eq!(
            *WRITTEN.lock().unwrap(),
            "\r 50% of 200 samples\r100% of 200 samples\r\x1b[2K"
        );
    }
}
