use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("anonymous" = 1, then("view" = true))))]
pub struct Call {
    pub anonymous: bool,
    pub view: bool,
}

fn main() {}
