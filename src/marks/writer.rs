//! Saving off the input path: a thread that owns the marks file and writes the
//! snapshots the reader hands it, so a key press never waits for a save.
//!
//! * **Coalescing.** Only the newest snapshot waits: one handed over while a
//!   write is under way replaces any that is still waiting, so a burst of
//!   changes costs the write in progress and one more.
//! * **Results.** Every write's result comes back, in order, through
//!   [`Writer::results`].
//! * **Nothing lost.** [`Writer::flush`] waits until the newest snapshot is
//!   written; dropping the writer (on quit, on a signal, or while unwinding
//!   from a panic) flushes too, then ends the thread, which closes the store
//!   and so releases its lock.
//!
//! If the thread cannot be started, the writer saves on the caller's thread
//! instead: slower, but nothing is lost.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};

use super::Snapshot;
use super::store::Store;

/// What writes a snapshot: the store, or in tests anything that records or blocks.
pub trait Sink<T>: Send + 'static {
    /// Writes `snapshot`; the error is a sentence for the reader.
    fn write(&mut self, snapshot: T) -> Result<(), String>;
}

impl<T, F> Sink<T> for F
where
    F: FnMut(T) -> Result<(), String> + Send + 'static,
{
    fn write(&mut self, snapshot: T) -> Result<(), String> {
        self(snapshot)
    }
}

impl Sink<Snapshot> for Store {
    fn write(&mut self, snapshot: Snapshot) -> Result<(), String> {
        self.save_snapshot(&snapshot).map_err(|e| e.to_string())
    }
}

/// A result of one write.
pub type Saved = Result<(), String>;

/// What the caller and the thread share.
struct Shared<T> {
    state: Mutex<State<T>>,
    /// Signalled when a snapshot waits, when one was written, and when the writer is to stop or has stopped.
    changed: Condvar,
}

struct State<T> {
    /// The newest snapshot not yet taken by the thread.
    waiting: Option<T>,
    /// How many snapshots were handed over.
    handed: u64,
    /// The number of the newest snapshot written (those it replaced count as written).
    written: u64,
    /// The caller is done: write what waits, then end.
    closing: bool,
    /// The thread has ended, normally or not; nothing more will be written.
    ended: bool,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A panic in a sink leaves the state consistent: every field is set in one step.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State<T>>) -> MutexGuard<'a, State<T>> {
        self.changed
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Marks the thread as ended when it leaves, even by a panic in the sink, so
/// that a flush never waits for it forever.
struct EndGuard<T>(Arc<Shared<T>>);

impl<T> Drop for EndGuard<T> {
    fn drop(&mut self) {
        self.0.lock().ended = true;
        self.0.changed.notify_all();
    }
}

/// Writes snapshots of type `T` on a thread of its own; see the module's documentation.
pub struct Writer<T: Send + 'static> {
    shared: Arc<Shared<T>>,
    /// Where results go: the thread's writes, the inline writes, and lost snapshots.
    tx: Sender<Saved>,
    results: Receiver<Saved>,
    thread: Option<JoinHandle<()>>,
    /// Used instead of the thread when it could not be started.
    inline: Option<Box<dyn Sink<T>>>,
}

impl<T: Send + 'static> std::fmt::Debug for Writer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("threaded", &self.thread.is_some())
            .finish_non_exhaustive()
    }
}

/// What a snapshot the writer could not take is reported as.
pub const STOPPED: &str = "the thread that saves marks stopped, so this change is not saved; \
     export your marks with `e` and restart stance";

impl<T: Send + 'static> Writer<T> {
    /// Starts a thread writing snapshots with `sink`.
    pub fn new(sink: impl Sink<T>) -> Writer<T> {
        let mut writer = Writer::unstarted();
        // The sink goes through a slot so it is not lost if the thread cannot start.
        let slot: Arc<Mutex<Option<Box<dyn Sink<T>>>>> = Arc::new(Mutex::new(Some(Box::new(sink))));
        let spawned = {
            let (shared, slot, tx) = (
                Arc::clone(&writer.shared),
                Arc::clone(&slot),
                writer.tx.clone(),
            );
            thread::Builder::new()
                .name("stance-marks-writer".into())
                .spawn(move || {
                    let guard = EndGuard(shared);
                    let taken = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
                    if let Some(sink) = taken {
                        work(&guard.0, sink, &tx);
                    }
                })
        };
        match spawned {
            Ok(handle) => writer.thread = Some(handle),
            Err(_) => writer.inline = slot.lock().unwrap_or_else(PoisonError::into_inner).take(),
        }
        writer
    }

    fn unstarted() -> Writer<T> {
        let (tx, results) = mpsc::channel();
        Writer {
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    waiting: None,
                    handed: 0,
                    written: 0,
                    closing: false,
                    ended: false,
                }),
                changed: Condvar::new(),
            }),
            tx,
            results,
            thread: None,
            inline: None,
        }
    }

    /// A writer that writes on the caller's thread, as when no thread can be started.
    #[cfg(test)]
    fn inline(sink: impl Sink<T>) -> Writer<T> {
        let mut writer = Writer::unstarted();
        writer.inline = Some(Box::new(sink));
        writer
    }

    /// Hands over the newest snapshot and returns at once; it replaces one still
    /// waiting. (Without a thread, writes it before returning.)
    pub fn submit(&mut self, snapshot: T) {
        if let Some(sink) = self.inline.as_mut() {
            let _ = self.tx.send(sink.write(snapshot));
            return;
        }
        let mut state = self.shared.lock();
        if state.ended || self.thread.is_none() {
            drop(state);
            let _ = self.tx.send(Err(STOPPED.to_string()));
            return;
        }
        let replaced = state.waiting.replace(snapshot);
        state.handed += 1;
        drop(state);
        self.shared.changed.notify_all();
        // Freed outside the lock, so the writer is not kept waiting for it.
        drop(replaced);
    }

    /// Waits until every snapshot handed over is written (the newest, that is: those
    /// it replaced are never written). Its result is then in [`Writer::results`].
    /// Returns `false` if the thread ended without writing it.
    pub fn flush(&self) -> bool {
        let mut state = self.shared.lock();
        while state.written < state.handed && !state.ended {
            state = self.shared.wait(state);
        }
        state.written >= state.handed
    }

    /// The results of the writes finished since the last call, oldest first; never waits.
    pub fn results(&self) -> Vec<Saved> {
        self.results.try_iter().collect()
    }

    /// Writes what waits, ends the thread, and gives the results not yet collected.
    pub fn finish(mut self) -> Vec<Saved> {
        self.stop();
        self.results()
    }

    /// Writes what waits and ends the thread (closing the store it owns).
    fn stop(&mut self) {
        let Some(handle) = self.thread.take() else {
            return;
        };
        self.shared.lock().closing = true;
        self.shared.changed.notify_all();
        // The thread writes what waits before it ends. A panic in it has already
        // been reported by the panic hook; what it left unwritten is said below.
        let _ = handle.join();
        let state = self.shared.lock();
        let lost = state.written < state.handed;
        drop(state);
        if lost {
            let _ = self.tx.send(Err(STOPPED.to_string()));
        }
    }
}

impl<T: Send + 'static> Drop for Writer<T> {
    /// Nothing handed over is lost: quitting, a signal, or a panic that unwinds
    /// through the owner all wait here for the last write.
    fn drop(&mut self) {
        self.stop();
    }
}

/// The thread: take the newest snapshot, write it, report, until told to stop
/// with nothing waiting.
fn work<T: 'static>(shared: &Shared<T>, mut sink: Box<dyn Sink<T>>, tx: &Sender<Saved>) {
    loop {
        let (snapshot, number) = {
            let mut state = shared.lock();
            loop {
                if let Some(s) = state.waiting.take() {
                    break (s, state.handed);
                }
                if state.closing {
                    return;
                }
                state = shared.wait(state);
            }
        };
        // The result goes out before the write counts as done, so that after
        // `flush` returns, `results` has it.
        let _ = tx.send(sink.write(snapshot));
        shared.lock().written = number;
        shared.changed.notify_all();
    }
}

/// A writer for a marks file: the thread owns the store (and so its lock) and
/// writes the snapshots [`super::Marks::snapshot`] makes.
pub fn for_store(store: Store) -> Writer<Snapshot> {
    Writer::new(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::sync_channel;

    /// A sink that records what it writes, and (when given a gate) tells when a
    /// write starts and waits for the test to let it finish.
    fn recording(
        gate: Option<(Sender<u32>, Receiver<()>)>,
    ) -> (impl Sink<u32>, Arc<Mutex<Vec<u32>>>) {
        let written = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&written);
        let sink = move |n: u32| {
            if let Some((started, go)) = &gate {
                let _ = started.send(n);
                let _ = go.recv();
            }
            log.lock().unwrap().push(n);
            Ok(())
        };
        (sink, written)
    }

    #[test]
    fn a_burst_during_a_slow_write_writes_only_the_newest_after_it() {
        let (started_tx, started) = mpsc::channel();
        let (go, go_rx) = sync_channel(0);
        let (sink, written) = recording(Some((started_tx, go_rx)));
        let mut w = Writer::new(sink);
        w.submit(1);
        // The writer is now inside the first write, blocked until we say go.
        assert_eq!(started.recv().unwrap(), 1);
        for n in 2..=5 {
            w.submit(n);
        }
        go.send(()).unwrap();
        assert_eq!(started.recv().unwrap(), 5, "the next write is the newest");
        go.send(()).unwrap();
        assert!(w.flush());
        assert_eq!(*written.lock().unwrap(), vec![1, 5]);
        assert_eq!(w.results(), vec![Ok(()), Ok(())], "one result per write");
        drop(w);
        assert!(started.try_recv().is_err(), "nothing else was written");
    }

    #[test]
    fn submit_returns_while_a_write_is_blocked() {
        let (started_tx, started) = mpsc::channel();
        let (go, go_rx) = sync_channel(0);
        let (sink, written) = recording(Some((started_tx, go_rx)));
        let mut w = Writer::new(sink);
        w.submit(1);
        assert_eq!(started.recv().unwrap(), 1);
        // The sink is blocked: submitting and asking for results must not wait for it.
        w.submit(2);
        assert!(w.results().is_empty());
        assert!(written.lock().unwrap().is_empty());
        go.send(()).unwrap();
        assert_eq!(started.recv().unwrap(), 2);
        go.send(()).unwrap();
        assert!(w.flush());
        assert_eq!(*written.lock().unwrap(), vec![1, 2]);
    }

    #[test]
    fn dropping_the_writer_writes_the_newest_snapshot_first() {
        let (started_tx, started) = mpsc::channel();
        let (go, go_rx) = sync_channel(0);
        let (sink, written) = recording(Some((started_tx, go_rx)));
        let mut w = Writer::new(sink);
        w.submit(1);
        assert_eq!(started.recv().unwrap(), 1);
        w.submit(2);
        w.submit(3);
        // Let every write through from another thread while the drop waits.
        let opener = thread::spawn(move || while go.send(()).is_ok() {});
        drop(w);
        opener.join().unwrap();
        assert_eq!(*written.lock().unwrap(), vec![1, 3]);
    }

    #[test]
    fn finish_writes_what_waits_and_returns_its_result() {
        let (sink, written) = recording(None);
        let mut w = Writer::new(sink);
        w.submit(7);
        let results = w.finish();
        assert_eq!(*written.lock().unwrap(), vec![7]);
        assert_eq!(results, vec![Ok(())]);
    }

    #[test]
    fn flush_with_nothing_handed_over_returns_at_once() {
        let (sink, written) = recording(None);
        let w = Writer::new(sink);
        assert!(w.flush());
        assert!(w.results().is_empty());
        assert!(w.finish().is_empty());
        assert!(written.lock().unwrap().is_empty());
    }

    #[test]
    fn errors_come_back_in_order() {
        let mut w = Writer::new(|n: u32| {
            if n.is_multiple_of(2) {
                Err(format!("disk full writing {n}"))
            } else {
                Ok(())
            }
        });
        for n in 1..=2 {
            w.submit(n);
            assert!(w.flush());
        }
        assert_eq!(
            w.results(),
            vec![Ok(()), Err("disk full writing 2".to_string())]
        );
    }

    #[test]
    fn a_panicking_sink_is_reported_and_never_blocks_a_flush() {
        let mut w = Writer::new(|n: u32| -> Result<(), String> {
            if n == 1 {
                panic!("a sink that fails badly");
            }
            Ok(())
        });
        w.submit(1);
        assert!(!w.flush(), "the snapshot was not written");
        w.submit(2);
        let results = w.finish();
        assert!(!results.is_empty());
        assert!(results.iter().all(|r| r == &Err(STOPPED.to_string())));
    }

    #[test]
    fn without_a_thread_each_snapshot_is_written_at_once() {
        let (sink, written) = recording(None);
        let mut w = Writer::inline(sink);
        w.submit(1);
        w.submit(2);
        assert_eq!(*written.lock().unwrap(), vec![1, 2]);
        assert!(w.flush());
        assert_eq!(w.finish(), vec![Ok(()), Ok(())]);
    }
}
