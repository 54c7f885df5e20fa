//! The floor for every claimtrack subcommand: how fast the csv crate alone reads a file.
//!
//! ```sh
//! cargo run --release --example csv_floor -- claims.csv
//! ```
//!
//! Reads every record into one reused `ByteRecord` (no allocation per row, no UTF-8 check, no
//! field access beyond summing lengths) and prints one line of `key=value` pairs that
//! `scripts/bench.sh` parses:
//!
//! `rows=1000000 field_bytes=231234567 file_bytes=240000000 seconds=0.612345`
//!
//! The reader is configured as `claimtrack::input::open` configures its own (flexible records,
//! 64 KiB buffer, the header read first), so the difference with claimtrack is claimtrack's own
//! work and nothing else.

use std::fs::File;
use std::process::ExitCode;
use std::time::Instant;

use csv::{ByteRecord, ReaderBuilder};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: csv_floor FILE.csv");
        return ExitCode::from(2);
    };
    match read(&path) {
        Ok((rows, field_bytes, file_bytes, seconds)) => {
            println!(
                "rows={rows} field_bytes={field_bytes} file_bytes={file_bytes} seconds={seconds:.6}"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("csv_floor: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// (records after the header, bytes of field data, file size, elapsed seconds).
fn read(path: &str) -> Result<(u64, u64, u64, f64), Box<dyn std::error::Error>> {
    // The clock starts before `open`, as claimtrack's does when the process starts.
    let start = Instant::now();
    let file = File::open(path)?;
    let file_bytes = file.metadata()?.len();
    let mut reader = ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(file);
    reader.byte_headers()?;
    let mut record = ByteRecord::new();
    let (mut rows, mut field_bytes) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        // Summing the fields' bytes keeps the loop from being optimised into nothing.
        field_bytes += record.as_slice().len() as u64;
    }
    Ok((rows, field_bytes, file_bytes, start.elapsed().as_secs_f64()))
}
