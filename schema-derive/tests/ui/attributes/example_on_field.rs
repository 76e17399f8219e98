use schema_types::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[schemars(example = "ada")]
    pub name: String,
}

fn main() {}
