use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(regex(path = "^[a-z]{3}$"))]
pub struct Code(pub String);

fn main() {}
