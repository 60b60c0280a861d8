#![no_main]
//! cargo-fuzz target `bulletin`: see fuzz/targets.rs.
#[path = "../targets.rs"]
mod targets;
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::bulletin(data));
