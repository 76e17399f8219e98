use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(range(min = "x"))]
pub struct Count(pub u64);

fn main() {}
