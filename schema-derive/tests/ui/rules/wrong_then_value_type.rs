use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("anonymous" = true, then("user" = false))))]
pub struct Call {
    pub anonymous: bool,
    pub user: Option<String>,
}

fn main() {}
