//! A failed allocation ends the run with a message and exit 1, never with Rust's abort (exit
//! 134, a backtrace, and a core file in a cron folder).
//!
//! Rust's standard library aborts when memory runs out, and its hook to change that is not
//! stable. So the binary's allocator is the system one wrapped: when the system has no memory
//! to give (a `ulimit -v`, a container's limit, a record of millions of words whose tone
//! tokens outgrow the machine), it removes the unfinished output files, writes one line to
//! stderr and exits with 1. Nothing is replaced: `-o` and `--rejects` write temporary files,
//! renamed only at a run's end; one that could not be removed here is removed by the next run
//! in the folder (`output::cleanup`).
//!
//! The code that asks for memory it may not get on purpose (`try_reserve`: the reader trying
//! room for a long record first, to reject it with a message) says so with [`fallible`], and
//! gets the failure back as usual.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

/// The system allocator, ending the run with a message when it fails.
pub struct Guarded;

thread_local! {
    /// How many [`fallible`] calls this thread is inside. Constant-initialised and without a
    /// destructor: reading it never allocates, even while a thread ends.
    static FALLIBLE: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, in which a failed allocation is returned to the caller (`try_reserve` gives
/// `Err`) instead of ending the run.
pub fn fallible<T>(f: impl FnOnce() -> T) -> T {
    let _ = FALLIBLE.try_with(|depth| depth.set(depth.get() + 1));
    let result = f();
    let _ = FALLIBLE.try_with(|depth| depth.set(depth.get().saturating_sub(1)));
    result
}

// SAFETY: every call goes to the system allocator unchanged; only a null result is looked at.
unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        checked(unsafe { System.alloc(layout) }, layout.size())
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        checked(unsafe { System.alloc_zeroed(layout) }, layout.size())
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        checked(unsafe { System.realloc(ptr, layout, new_size) }, new_size)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

fn checked(ptr: *mut u8, size: usize) -> *mut u8 {
    if ptr.is_null() && FALLIBLE.try_with(Cell::get).unwrap_or(0) == 0 {
        out_of_memory(size);
    }
    ptr
}

/// Set by the first thread to run out: another one (or the clean-up itself) running out too
/// only ends the process.
static ENDING: AtomicBool = AtomicBool::new(false);

/// Removes the unfinished output, writes the message without allocating (there is no memory)
/// and ends the process at once.
#[cold]
fn out_of_memory(size: usize) -> ! {
    if ENDING.swap(true, Ordering::SeqCst) {
        end()
    }
    crate::output::cleanup::remove_pending_now();
    let mut line = [0u8; 400];
    let mut len = 0;
    let mut put = |bytes: &[u8]| {
        let n = bytes.len().min(line.len() - len);
        line[len..len + n].copy_from_slice(&bytes[..n]);
        len += n;
    };
    put(b"claimtrack: out of memory: the system refused ");
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = size;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    put(&digits[at..]);
    put(
        b" bytes (a memory limit such as ulimit -v, or a record too big for this machine); no -o \
          or --rejects file was written (unfinished ones removed). A claim of very many words needs several times its size: \
          lower --max-record-size to reject such records, or give the run more memory\n",
    );
    write_stderr(&line[..len]);
    end()
}

#[cfg(unix)]
fn write_stderr(mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: writes from a live buffer to fd 2; no allocation.
        let n = unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

#[cfg(not(unix))]
fn write_stderr(bytes: &[u8]) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(bytes);
}

#[cfg(unix)]
fn end() -> ! {
    // SAFETY: _exit ends the process without running anything that could allocate.
    unsafe { libc::_exit(i32::from(crate::error::exit::FAILURE)) }
}

#[cfg(not(unix))]
fn end() -> ! {
    std::process::exit(i32::from(crate::error::exit::FAILURE))
}
