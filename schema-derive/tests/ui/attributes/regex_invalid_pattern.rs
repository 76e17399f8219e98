use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(regex(pattern = "["))] pub String);

fn main() {}
