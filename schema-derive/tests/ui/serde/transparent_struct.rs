use schema_runtime::validate::Validate;

#[derive(Validate)]
#[serde(transparent)]
pub struct Wrapper {
    pub name: String,
}

fn main() {}
