//! Stable-toolchain fuzzer (模糊测试) for every parser and entry point: mutates seed inputs
//! (byte flips, splices, hostile numbers and strings, deep nesting, huge arrays) and runs each
//! target under `catch_unwind`, with overflow checks on. A panic, or one call slower than the
//! limit, is a finding: its input is saved under `target/fuzz-findings/` and the run exits 1.
//!
//! ```text
//! cargo run --example fuzz -- --smoke                      # CI: every target, ≈ 90 s in all
//! cargo run --profile fuzz --example fuzz -- --seconds 600 # long mode: 600 s per target
//! cargo run --profile fuzz --example fuzz -- --target geojson --execs 1000000
//! cargo run --example fuzz -- --target csv_batch --replay target/fuzz-findings/csv_batch-1.bin
//! cargo run --example fuzz -- --list
//! ```
//!
//! Options: `--target NAME` (repeatable; default all), `--seconds S` per target, `--execs N`
//! per target (whichever ends first), `--seed N`, `--slow-ms MS` (default 2000),
//! `--no-fail` (report but exit 0). docs/robustness.md §4 has the measured counts.

#[path = "../fuzz/mutate.rs"]
mod mutate;
#[path = "../fuzz/targets.rs"]
mod targets;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mutate::{mutate, Rng};
use targets::{seeds, Target, TARGETS};

thread_local! {
    /// Where and why the last panic happened (set by the silent hook).
    static LAST_PANIC: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

struct Opts {
    targets: Vec<String>,
    seconds: f64,
    execs: u64,
    seed: u64,
    slow_ms: u64,
    fail: bool,
    replay: Option<String>,
}

fn parse_opts() -> Result<Opts, String> {
    let mut o = Opts {
        targets: Vec::new(),
        seconds: 10.0,
        execs: u64::MAX,
        seed: 0x5eed,
        slow_ms: 2000,
        fail: true,
        replay: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = |n: &str| it.next().ok_or(format!("{n} needs a value"));
        match a.as_str() {
            "--smoke" => {
                // ≈ 90 s over all targets, leaving CI's 2-minute budget for the build.
                o.seconds = 90.0 / TARGETS.len() as f64;
            }
            "--target" => o.targets.push(val("--target")?),
            "--seconds" => {
                o.seconds = val("--seconds")?
                    .parse()
                    .map_err(|e| format!("--seconds: {e}"))?
            }
            "--execs" => {
                o.execs = val("--execs")?
                    .parse()
                    .map_err(|e| format!("--execs: {e}"))?
            }
            "--seed" => o.seed = val("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--slow-ms" => {
                o.slow_ms = val("--slow-ms")?
                    .parse()
                    .map_err(|e| format!("--slow-ms: {e}"))?
            }
            "--no-fail" => o.fail = false,
            "--replay" => o.replay = Some(val("--replay")?),
            "--list" => {
                for t in TARGETS {
                    println!("{:<15} {}", t.name, t.about);
                }
                std::process::exit(0);
            }
            other => {
                return Err(format!(
                    "unknown argument '{other}' (see the doc comment of examples/fuzz.rs)"
                ))
            }
        }
    }
    for t in &o.targets {
        if !TARGETS.iter().any(|x| x.name == t) {
            return Err(format!("unknown target '{t}' (--list)"));
        }
    }
    Ok(o)
}

/// One target's tally.
#[derive(Default)]
struct Tally {
    execs: u64,
    panics: BTreeMap<String, (String, usize)>,
    slow: Vec<(u128, usize)>,
    max_ms: u128,
    saved: usize,
}

/// Runs one input; `Err((location, message))` on panic.
fn run_one(t: &Target, input: &[u8]) -> Result<Duration, (String, String)> {
    let t0 = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(|| (t.run)(input)));
    let dt = t0.elapsed();
    match r {
        Ok(()) => Ok(dt),
        Err(_) => Err(LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| ("?".into(), "?".into()))),
    }
}

fn save(dir: &str, name: &str, n: usize, input: &[u8], note: &str) -> String {
    let _ = std::fs::create_dir_all(dir);
    let path = format!("{dir}/{name}-{n}.bin");
    let _ = std::fs::write(&path, input);
    let _ = std::fs::write(format!("{dir}/{name}-{n}.txt"), note);
    path
}

fn fuzz(t: &Target, o: &Opts, dir: &str) -> Tally {
    let mut rng = Rng::new(
        o.seed
            ^ (t.name.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ t.name
                .bytes()
                .fold(0u64, |h, b| h.rotate_left(5) ^ u64::from(b)),
    );
    let seeds = seeds(t.name);
    let mut tally = Tally::default();
    let deadline = Instant::now() + Duration::from_secs_f64(o.seconds);
    // A small pool of recent mutants lets mutations stack over several generations.
    let mut pool: Vec<Vec<u8>> = seeds.clone();
    let mut k = 0usize;
    while tally.execs < o.execs && Instant::now() < deadline {
        let input = if k < seeds.len() {
            seeds[k].clone()
        } else {
            let base = rng.pick(&pool).clone();
            let other = rng.pick(&seeds).clone();
            mutate(&mut rng, &base, &other)
        };
        k += 1;
        match run_one(t, &input) {
            Ok(dt) => {
                let ms = dt.as_millis();
                tally.max_ms = tally.max_ms.max(ms);
                if ms > u128::from(o.slow_ms) {
                    tally.saved += 1;
                    save(
                        dir,
                        &format!("{}-s{}-slow", t.name, o.seed),
                        tally.saved,
                        &input,
                        &format!("{ms} ms"),
                    );
                    tally.slow.push((ms, input.len()));
                }
                if input.len() < 64 * 1024 && rng.below(16) == 0 {
                    if pool.len() < 64 {
                        pool.push(input);
                    } else {
                        let i = rng.below(pool.len());
                        pool[i] = input;
                    }
                }
            }
            Err((loc, msg)) => {
                let entry = tally
                    .panics
                    .entry(loc.clone())
                    .or_insert_with(|| (msg.clone(), 0));
                entry.1 += 1;
                if entry.1 == 1 {
                    tally.saved += 1;
                    let path = save(
                        dir,
                        &format!("{}-s{}", t.name, o.seed),
                        tally.saved,
                        &input,
                        &format!("{loc}: {msg}"),
                    );
                    eprintln!(
                        "  PANIC in {}: {loc}: {msg}\n        input saved to {path} ({} bytes)",
                        t.name,
                        input.len()
                    );
                }
            }
        }
        tally.execs += 1;
    }
    tally
}

fn main() -> ExitCode {
    let o = match parse_opts() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    std::panic::set_hook(Box::new(|info| {
        let loc = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some((loc, msg)));
    }));
    let dir = format!("{}/target/fuzz-findings", env!("CARGO_MANIFEST_DIR"));
    let chosen: Vec<&Target> = TARGETS
        .iter()
        .filter(|t| o.targets.is_empty() || o.targets.iter().any(|n| n == t.name))
        .collect();
    if let Some(path) = &o.replay {
        let input = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("fuzz: {path}: {e}");
                return ExitCode::from(2);
            }
        };
        let mut bad = false;
        for t in chosen {
            match run_one(t, &input) {
                Ok(dt) => println!("{}: ok in {} ms", t.name, dt.as_millis()),
                Err((loc, msg)) => {
                    bad = true;
                    println!("{}: PANIC {loc}: {msg}", t.name);
                }
            }
        }
        return if bad {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    let profile = if cfg!(debug_assertions) {
        "overflow checks on"
    } else {
        "overflow checks OFF (use --profile fuzz)"
    };
    println!(
        "fuzz: {} target(s), {:.1} s each, seed {}, slow limit {} ms, {profile}",
        chosen.len(),
        o.seconds,
        o.seed,
        o.slow_ms
    );
    println!(
        "{:<15} {:>11} {:>10} {:>7} {:>6} {:>8}",
        "target", "execs", "execs/s", "panics", "slow", "max ms"
    );
    let t_all = Instant::now();
    let (mut total, mut findings) = (0u64, 0usize);
    for t in chosen {
        let t0 = Instant::now();
        let r = fuzz(t, &o, &dir);
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "{:<15} {:>11} {:>10.0} {:>7} {:>6} {:>8}",
            t.name,
            r.execs,
            r.execs as f64 / secs.max(1e-9),
            r.panics.len(),
            r.slow.len(),
            r.max_ms
        );
        for (loc, (msg, n)) in &r.panics {
            println!("    panic ×{n} at {loc}: {msg}");
        }
        for (ms, len) in r.slow.iter().take(5) {
            println!("    slow: {ms} ms on a {len}-byte input");
        }
        total += r.execs;
        findings += r.panics.len() + r.slow.len();
    }
    println!(
        "total: {total} executions in {:.0} s, {findings} finding(s)",
        t_all.elapsed().as_secs_f64()
    );
    if findings > 0 && o.fail {
        println!("findings saved under {dir}");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
