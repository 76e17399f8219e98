use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(#[schemars(regex(path = "^[a-z]{3}$"))] pub String);

fn main() {}
