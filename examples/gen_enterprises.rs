//! Writes a seeded synthetic enterprise CSV (合成数据, not real enterprises) to stdout.
//!
//! ```text
//! cargo run --example gen_enterprises -- --seed 1 --n 2000 > data/enterprises_synthetic.csv
//! ```
//! The first line is a `#` comment saying the data is synthetic; the batch reader skips it.

use zs_risk_map::premium::{batch, synth};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 1u64;
    let mut n = 2000usize;
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).map(String::as_str).unwrap_or("");
        match args[i].as_str() {
            "--seed" => {
                seed = v
                    .parse()
                    .unwrap_or_else(|_| die(&format!("--seed: '{v}' is not a number")))
            }
            "--n" => {
                n = v
                    .parse()
                    .unwrap_or_else(|_| die(&format!("--n: '{v}' is not a number")))
            }
            other => die(&format!("unknown argument '{other}' (use --seed S --n N)")),
        }
        i += 2;
    }
    let inputs = synth::generate(seed, n);
    print!(
        "# SYNTHETIC data (合成数据), not real enterprises: zs_risk_map premium::synth::generate(seed={seed}, n={n}); towns weighted by 2021 population, all other shares invented [I]\r\n{}",
        batch::to_csv(&inputs)
    );
}

fn die(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(2)
}
