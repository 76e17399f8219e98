//! The progress bar of long `validate` runs: drawn on standard error only when it is a terminal,
//! and only once a run has taken longer than a moment, so that short runs and redirected output
//! show nothing.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::printable;

/// How long a run goes before its progress is shown.
const DELAY: Duration = Duration::from_millis(500);

/// Progress over the bytes of all inputs (a spinner when standard input is among them and the
/// total is unknown).
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
    stdout_is_terminal: bool,
}

impl Progress {
    /// Progress over `total` bytes (`None`: unknown); a no-op unless standard error is a
    /// terminal.
    pub fn new(total: Option<u64>) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
            let template = if total.is_some() {
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta}) {msg}"
            } else {
                "{spinner} [{elapsed_precise}] {bytes} read ({bytes_per_sec}) {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Self {
            bar,
            started: Instant::now(),
            shown: false,
            stdout_is_terminal: std::io::stdout().is_terminal(),
        }
    }

    /// Names the input being read (escaped, as everything printed on a terminal).
    pub fn set_input(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(printable(name).into_owned());
        }
    }

    /// Sets the bytes read so far, over all inputs; shows the bar once the run is long enough.
    pub fn set_position(&mut self, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        bar.set_position(bytes);
        if !self.shown && self.started.elapsed() >= DELAY {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    /// Runs `print`, which writes to standard output, without tearing the bar when both are on
    /// the same terminal.
    pub fn print<R>(&self, print: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown && self.stdout_is_terminal => bar.suspend(print),
            _ => print(),
        }
    }

    /// Whether output must be flushed at once to keep its order with the bar.
    pub fn interleaves(&self) -> bool {
        self.shown && self.stdout_is_terminal
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
