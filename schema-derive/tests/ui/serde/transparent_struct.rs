use schema_types::validate::Validate;

#[derive(Validate)]
#[serde(transparent)]
pub struct Wrapper {
    pub name: String,
}

fn main() {}
