use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(length(min = 99999999999999999999999))]
pub struct Code(pub String);

fn main() {}
