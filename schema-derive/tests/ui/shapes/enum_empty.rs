use schema_types::validate::Validate;

#[derive(Validate)]
pub enum Never {}

fn main() {}
