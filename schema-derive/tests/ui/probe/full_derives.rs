use schema_types::fixture::Fixture;
use schema_types::validate::Validate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, JsonSchema, Validate, Fixture)]
#[serde(transparent)]
#[schemars(regex(pattern = "["))]
pub struct Code(pub String);

fn main() {}
