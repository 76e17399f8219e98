use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(at_least_one("a")))]
pub enum Mode {
    Edit,
    View,
}

fn main() {}
