use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(length(min = 5, max = 2))]
pub struct Code(pub String);

fn main() {}
