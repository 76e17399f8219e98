use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(extend("anyOf" = ["ipv4"]))]
pub struct Host(pub String);

fn main() {}
