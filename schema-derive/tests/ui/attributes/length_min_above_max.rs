use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(length(min = 5, max = 2))] pub String);

fn main() {}
