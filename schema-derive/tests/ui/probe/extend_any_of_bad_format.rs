use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(extend("anyOf" = [{"format": "uint64"}]))]
pub struct Host(pub String);

fn main() {}
