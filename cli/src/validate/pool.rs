//! Judging batches of documents on every core, with the results handed back in input order and
//! a bounded number of batches in flight (`--jobs`).
//!
//! The calling thread reads batches and hands each to a `rayon` pool, then takes the results back
//! in the order the batches were read: what is ready as soon as it is, and it waits for the
//! oldest once [`IN_FLIGHT_PER_JOB`] batches per job are out. So the output is the same, byte for
//! byte, whatever the number of jobs, and memory holds at most that many batches besides the one
//! being read. With one job everything runs on the calling thread, one batch after the other.

use std::collections::VecDeque;
use std::num::NonZeroUsize;
use std::sync::mpsc::{self, TryRecvError};

/// How many batches per job may be read ahead of the oldest one not yet handed back: two, so
/// that each worker has the next batch waiting while the calling thread hands back results.
pub const IN_FLIGHT_PER_JOB: usize = 2;

/// Runs `work` on every item of `items` on `jobs` threads and hands each result to `sink` in
/// the order of `items`; stops at the first error of `sink`. With one job (or when no thread can
/// be started) every item is worked on the calling thread.
pub fn run_ordered<T, U, E>(
    jobs: NonZeroUsize,
    items: impl Iterator<Item = T>,
    work: impl Fn(T) -> U + Sync,
    mut sink: impl FnMut(U) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    U: Send,
{
    let pool = (jobs.get() > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.get())
                .thread_name(|index| format!("validate-{index}"))
                .build()
                .ok()
        })
        .flatten();
    let Some(pool) = pool else {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    };
    let in_flight = jobs.get() * IN_FLIGHT_PER_JOB;
    let work = &work;
    pool.in_place_scope(|scope| {
        let mut pending = VecDeque::with_capacity(in_flight + 1);
        for item in items {
            let (sender, receiver) = mpsc::sync_channel(1);
            scope.spawn(move |_| {
                // The receiver is gone only when the run stopped early: the result is not wanted.
                let _ = sender.send(work(item));
            });
            pending.push_back(receiver);
            while let Some(oldest) = pending.front() {
                let result = if pending.len() > in_flight {
                    oldest.recv().ok()
                } else {
                    match oldest.try_recv() {
                        Ok(result) => Some(result),
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Disconnected) => None,
                    }
                };
                pending.pop_front();
                // No result: its worker panicked, and the scope re-raises that panic on exit.
                if let Some(result) = result {
                    sink(result)?;
                }
            }
        }
        for receiver in pending {
            if let Ok(result) = receiver.recv() {
                sink(result)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squares(jobs: usize, count: u64) -> Vec<u64> {
        let mut out = Vec::new();
        let jobs = NonZeroUsize::new(jobs).unwrap();
        let result: Result<(), ()> = run_ordered(
            jobs,
            0..count,
            |n| {
                // Uneven work, so that later items often finish first.
                if n % 7 == 0 {
                    std::thread::yield_now();
                }
                n * n
            },
            |square| {
                out.push(square);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        out
    }

    #[test]
    fn results_come_back_in_input_order_whatever_the_jobs() {
        let expected: Vec<u64> = (0..2000).map(|n| n * n).collect();
        for jobs in [1, 2, 3, 8] {
            assert_eq!(squares(jobs, 2000), expected, "{jobs} jobs");
        }
    }

    #[test]
    fn an_error_of_the_sink_stops_the_run() {
        for jobs in [1, 4] {
            let mut seen = Vec::new();
            let result = run_ordered(
                NonZeroUsize::new(jobs).unwrap(),
                0..1000u32,
                |n| n,
                |n| {
                    seen.push(n);
                    if n == 10 { Err(n) } else { Ok(()) }
                },
            );
            assert_eq!(result, Err(10));
            assert_eq!(seen, (0..=10).collect::<Vec<_>>(), "{jobs} jobs");
        }
    }

    #[test]
    fn batches_ahead_of_the_oldest_are_bounded() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let read = AtomicUsize::new(0);
        let jobs = 2;
        let mut handed = 0;
        let mut most_ahead = 0;
        let result: Result<(), ()> = run_ordered(
            NonZeroUsize::new(jobs).unwrap(),
            (0..500).inspect(|_| {
                read.fetch_add(1, Ordering::SeqCst);
            }),
            |n| n,
            |_| {
                handed += 1;
                most_ahead = most_ahead.max(read.load(Ordering::SeqCst) - handed);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(handed, 500);
        assert!(
            most_ahead <= jobs * IN_FLIGHT_PER_JOB,
            "{most_ahead} items read ahead of the one handed back"
        );
    }
}
