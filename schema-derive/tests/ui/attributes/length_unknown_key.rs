use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(length(minimum = 1))] pub String);

fn main() {}
