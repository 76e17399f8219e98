use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Pair(pub String, pub String);

fn main() {}
