use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Old {
    name: String,
}

#[derive(Validate)]
pub struct New {
    name: String,
    count: u64,
}

#[derive(Validate)]
#[serde(untagged)]
pub enum Ping {
    #[schemars(extend("x-era" = "2021"))]
    Old(Old),
    #[schemars(extend("x-era" = "2023"))]
    New { name: String },
}

fn main() {}
