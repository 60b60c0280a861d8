#![no_main]
//! cargo-fuzz target `csv_roundtrip`: see fuzz/targets.rs.
#[path = "../targets.rs"]
mod targets;
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::csv_roundtrip(data));
