use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(length(max = 99999999999999999999999))] pub String);

fn main() {}
