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
