use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Pair(pub String, pub String);

fn main() {}
