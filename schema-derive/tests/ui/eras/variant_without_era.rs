use schema_runtime::validate::Validate;

mod documents;
use documents::{New, Old};

#[derive(Validate)]
#[serde(untagged)]
pub enum Ping {
    #[schemars(extend("x-era" = "2021"))]
    Old(Old),
    New(New),
}

fn main() {}
