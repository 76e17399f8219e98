use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(length(min = 1), extend("minLength" = 2))]
pub struct Code(pub String);

fn main() {}
