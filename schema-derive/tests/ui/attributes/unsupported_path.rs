use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    #[schemars(schemars::regex(pattern = "^a$"))]
    pub name: String,
}

fn main() {}
