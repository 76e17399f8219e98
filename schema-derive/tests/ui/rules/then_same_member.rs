use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("anonymous" = true, then("anonymous" = true))))]
pub struct Call {
    pub anonymous: bool,
}

fn main() {}
