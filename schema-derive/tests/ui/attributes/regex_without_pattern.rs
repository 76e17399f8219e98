use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(regex())] pub String);

fn main() {}
