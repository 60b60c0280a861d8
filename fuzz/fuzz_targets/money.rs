#![no_main]
//! cargo-fuzz target `money`: see fuzz/targets.rs.
#[path = "../targets.rs"]
mod targets;
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::money_text(data));
