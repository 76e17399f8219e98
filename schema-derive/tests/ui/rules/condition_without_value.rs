use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("anonymous", then("view" = true))))]
pub struct Call {
    pub anonymous: bool,
    pub view: bool,
}

fn main() {}
