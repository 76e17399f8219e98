use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("anyOf" = [{"format": "ipv4"}, {"format": "hostname"}]))]
pub struct Host(pub String);

fn main() {}
