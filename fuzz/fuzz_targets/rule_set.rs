#![no_main]
//! cargo-fuzz target `rule_set`: see fuzz/targets.rs.
#[path = "../targets.rs"]
mod targets;
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::rule_set(data));
