#![no_main]
//! cargo-fuzz target `payout_indices`: see fuzz/targets.rs.
#[path = "../targets.rs"]
mod targets;
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::payout_indices(data));
