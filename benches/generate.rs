//! Throughput and peak memory of question generation on a 1 MB document.
//!
//! `cargo bench --bench generate`
//!
//! The document repeats the two demo seed documents until it is at least 1 MiB. Five timed runs,
//! single-threaded; prints the median MB/s. Memory: before each run freed heap pages go back to
//! the kernel (glibc `malloc_trim`) and the peak resident set (VmHWM) is reset by writing 5 to
//! `/proc/self/clear_refs` (Linux); after the run, VmHWM minus the resident set before it is the
//! run's peak growth. Before the timed runs, one run each on documents of growing size shows how
//! the peak scales with the document.

use factcards::generate::{GenerateOptions, generate};
use std::time::Instant;

const SEEDS: [&str; 2] = [
    include_str!("../questions/japan-russia/bluebook-2012-russia-central-asia-caucasus.txt"),
    include_str!("../questions/japan-russia/initiative-2007-far-east-siberia.txt"),
];
const TARGET_BYTES: usize = 1 << 20;
const RUNS: usize = 5;
/// Document sizes for the scaling runs, ascending (so each run's peak is its own).
const SCALING_KIB: [usize; 5] = [64, 256, 512, 1024, 2048];

/// A field of /proc/self/status in KiB (VmRSS, VmHWM), if readable.
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets the peak RSS to the current RSS; false where the kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Hands freed heap pages back to the kernel, so one run's peak does not carry into the next.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    unsafe extern "C" {
        fn malloc_trim(pad: usize) -> i32;
    }
    // SAFETY: glibc's malloc_trim only releases free memory; it has no preconditions.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn document(target: usize) -> String {
    let mut doc = String::with_capacity(target + 16 * 1024);
    while doc.len() < target {
        for seed in SEEDS {
            doc.push_str(seed);
            doc.push_str("\n\n");
        }
    }
    doc
}

/// One run: (seconds, questions, peak RSS above the resident set before the run, KiB).
fn run(doc: &str) -> (f64, usize, Option<u64>) {
    release_free_memory();
    let base = status_kib("VmRSS");
    let reset = reset_peak();
    let t = Instant::now();
    let n = generate("Benchmark document", doc, &GenerateOptions::default()).len();
    let secs = t.elapsed().as_secs_f64();
    let peak = match (reset, base, status_kib("VmHWM")) {
        (true, Some(b), Some(p)) => Some(p.saturating_sub(b)),
        _ => None,
    };
    (secs, n, peak)
}

fn cell(kib: Option<u64>) -> String {
    kib.map_or("n/a".to_string(), |k| format!("{:.1}", mib(k)))
}

fn main() {
    let docs: Vec<String> = SCALING_KIB.iter().map(|k| document(k * 1024)).collect();
    let doc = document(TARGET_BYTES);
    release_free_memory();
    println!(
        "generate: resident set at start {} MiB (documents already built); peak reset per run: {}",
        cell(status_kib("VmRSS")),
        if reset_peak() {
            "yes"
        } else {
            "no (n/a below)"
        }
    );
    println!();
    println!("Scaling (one run each, ascending size):");
    println!();
    println!(
        "| document (bytes) | seconds | MB/s | questions | peak RSS growth (MiB) | peak / document |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for d in &docs {
        let (secs, n, peak) = run(d);
        let ratio = peak.map_or("n/a".into(), |p| {
            format!("{:.1}x", p as f64 * 1024.0 / d.len() as f64)
        });
        println!(
            "| {} | {secs:.3} | {:.2} | {n} | {} | {ratio} |",
            d.len(),
            d.len() as f64 / 1e6 / secs,
            cell(peak)
        );
    }
    let mb = doc.len() as f64 / 1e6;
    println!();
    println!(
        "Timed: {} bytes ({} copies of the 2 seed documents), {RUNS} runs, single-threaded:",
        doc.len(),
        doc.len().div_ceil(SEEDS.iter().map(|s| s.len() + 2).sum())
    );
    println!();
    println!("| run | seconds | MB/s | questions | peak RSS growth (MiB) |");
    println!("|---:|---:|---:|---:|---:|");
    let mut rates = Vec::with_capacity(RUNS);
    let mut peaks = Vec::with_capacity(RUNS);
    for i in 1..=RUNS {
        let (secs, n, peak) = run(&doc);
        rates.push(mb / secs);
        peaks.extend(peak);
        println!(
            "| {i} | {secs:.3} | {:.2} | {n} | {} |",
            mb / secs,
            cell(peak)
        );
    }
    rates.sort_by(f64::total_cmp);
    println!();
    println!(
        "median throughput: {:.2} MB/s (min {:.2}, max {:.2})",
        rates[RUNS / 2],
        rates[0],
        rates[RUNS - 1]
    );
    if let Some(max) = peaks.iter().max() {
        println!(
            "largest peak RSS growth: {:.1} MiB for a {mb:.2} MB document",
            mib(*max)
        );
    }
}
