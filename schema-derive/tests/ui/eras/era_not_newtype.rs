use schema_runtime::validate::Validate;

mod documents;
use documents::Old;

#[derive(Validate)]
#[serde(untagged)]
pub enum Ping {
    #[schemars(extend("x-era" = "2021"))]
    Old(Old),
    #[schemars(extend("x-era" = "2023"))]
    New { name: String },
}

fn main() {}
