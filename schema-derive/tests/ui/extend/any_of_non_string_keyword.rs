use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("anyOf" = [{"format": "ipv4"}, {"minimum": 0}]))]
pub struct Host(pub String);

fn main() {}
