use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("anyOf" = []))]
pub struct Host(pub String);

fn main() {}
