use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(extend("minimum" = -1))]
pub struct Count(pub i64);

fn main() {}
