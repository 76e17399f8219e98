use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(at_least_one("user" "device")))]
pub struct Call {
    pub user: Option<String>,
    pub device: Option<String>,
}

fn main() {}
