use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(extend("minLength" = 1, "maxLength" = 5))]
pub struct Code(pub String);

fn main() {}
