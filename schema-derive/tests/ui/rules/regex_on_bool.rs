use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("anonymous" = false, then("view", regex(pattern = "^x$")))))]
pub struct Call {
    pub anonymous: bool,
    pub view: bool,
}

fn main() {}
