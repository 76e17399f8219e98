use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(regex())]
pub struct Code(pub String);

fn main() {}
