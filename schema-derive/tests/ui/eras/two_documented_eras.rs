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
    #[schemars(extend("x-era" = { "name": "2021", "documented": true }))]
    Old(Old),
    #[schemars(extend("x-era" = { "name": "2023", "documented": true }))]
    New(New),
}

fn main() {}
