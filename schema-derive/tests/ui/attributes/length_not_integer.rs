use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(length(min = "1"))]
pub struct Code(pub String);

fn main() {}
