use schema_runtime::validate::Validate;

use std::collections::BTreeMap;

#[derive(Validate)]
pub struct Account {
    pub name: String,
    #[serde(flatten)]
    pub labels: BTreeMap<String, String>,
    #[serde(flatten)]
    pub counters: BTreeMap<String, u64>,
}

fn main() {}
