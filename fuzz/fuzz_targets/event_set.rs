#![no_main]
//! cargo-fuzz target `event_set`: see fuzz/targets.rs.
#[path = "../targets.rs"]
mod targets;
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::event_set(data));
