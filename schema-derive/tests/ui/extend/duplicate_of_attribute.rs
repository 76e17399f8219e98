use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(extend("minLength" = 2))]
pub struct Code(#[schemars(length(min = 1))] pub String);

fn main() {}
