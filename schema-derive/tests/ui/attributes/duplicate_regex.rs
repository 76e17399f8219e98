use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(regex(pattern = "^[a-z]+$"))]
#[schemars(regex(pattern = "^[a-z]{3}$"))]
pub struct Code(pub String);

fn main() {}
