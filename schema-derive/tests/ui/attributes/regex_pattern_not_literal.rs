use schema_types::validate::Validate;

const PATTERN: &str = "^[a-z]{3}$";

#[derive(Validate)]
#[schemars(regex(pattern = PATTERN))]
pub struct Code(pub String);

fn main() {}
