use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(length(min = 1), extend("minLength" = 2))] pub String);

fn main() {}
