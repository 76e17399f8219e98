use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[schemars(example = "ada")]
    pub name: String,
}

fn main() {}
