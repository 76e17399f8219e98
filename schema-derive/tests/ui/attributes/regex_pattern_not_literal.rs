use schema_runtime::validate::Validate;

const PATTERN: &str = "^[a-z]{3}$";

#[derive(Validate)]
pub struct Code(#[schemars(regex(pattern = PATTERN))] pub String);

fn main() {}
