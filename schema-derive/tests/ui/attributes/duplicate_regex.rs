use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Code(
    #[schemars(regex(pattern = "^[a-z]+$"))]
    #[schemars(regex(pattern = "^[a-z]{3}$"))]
    pub String,
);

fn main() {}
