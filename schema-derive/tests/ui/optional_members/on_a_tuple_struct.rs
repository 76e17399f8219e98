use schema_runtime::optional_members;

#[optional_members]
pub struct Pair(pub Option<String>, pub u64);

fn main() {}
