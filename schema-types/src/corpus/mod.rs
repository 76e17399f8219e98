//! STUB: replaced by the corpus helper.
use crate::payload::ExampleLocation;

/// An upstream page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    /// hasura
    Hasura,
    /// appsmith
    Appsmith,
}

/// stub
pub fn example_document(_location: ExampleLocation) -> Result<serde_json::Value, String> {
    Err("stub".into())
}
