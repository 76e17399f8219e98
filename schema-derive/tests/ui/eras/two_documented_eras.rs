use schema_runtime::validate::Validate;

mod documents;
use documents::{New, Old};

#[derive(Validate)]
#[serde(untagged)]
pub enum Ping {
    #[schemars(extend("x-era" = { "name": "2021", "documented": true }))]
    Old(Old),
    #[schemars(extend("x-era" = { "name": "2023", "documented": true }))]
    New(New),
}

fn main() {}
