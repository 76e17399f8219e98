use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(example)]
pub struct Code(pub String);

fn main() {}
