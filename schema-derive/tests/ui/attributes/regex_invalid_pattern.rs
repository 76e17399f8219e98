use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(regex(pattern = "["))] pub String);

fn main() {}
