use schema_runtime::validate::Validate;

mod documents;
use documents::{New, Old};

#[derive(Validate)]
#[serde(untagged)]
pub enum Ping {
    #[schemars(extend("x-era" = "2021"))]
    Old(Old),
    #[schemars(extend("x-era" = "Since 2023"))]
    New(New),
}

fn main() {}
