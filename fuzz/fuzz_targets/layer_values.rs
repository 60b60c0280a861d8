#![no_main]
//! cargo-fuzz target `layer_values`: see fuzz/targets.rs.
#[path = "../targets.rs"]
mod targets;
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::layer_values(data));
