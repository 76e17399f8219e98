//! Placeholder: the CLI is being written.
fn main() {}
