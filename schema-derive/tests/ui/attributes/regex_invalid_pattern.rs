use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(regex(pattern = "["))]
pub struct Code(pub String);

fn main() {}
