use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("anyOf" = ["ipv4"]))]
pub struct Host(pub String);

fn main() {}
