//! Helpers of the crate's unit tests.

use proptest::test_runner::{Config, RngSeed, TestRunner};

/// A property-test runner of `cases` cases drawn from a fixed seed, writing no failure
/// files: the same cases on every run.
pub fn fixed_runner(cases: u32, seed: u64) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    })
}

/// Every character from code point `first` on, with its UTF-8 text: for the tests that
/// check a shortcut read off the bytes against the rule on characters, over all of Unicode.
pub fn chars_from(first: u32) -> impl Iterator<Item = (char, String)> {
    (first..=0x10FFFF)
        .filter_map(char::from_u32)
        .map(|c| (c, c.to_string()))
}
