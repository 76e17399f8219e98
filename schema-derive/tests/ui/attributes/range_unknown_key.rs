use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(range(minimum = 1))]
pub struct Count(pub u64);

fn main() {}
