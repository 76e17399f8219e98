use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("anonymous" = true, then("view" = true true))))]
pub struct Call {
    pub anonymous: bool,
    pub view: bool,
}

fn main() {}
