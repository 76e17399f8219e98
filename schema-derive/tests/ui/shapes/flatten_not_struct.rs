use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Account {
    pub name: String,
    #[serde(flatten)]
    pub rest: Vec<String>,
}

fn main() {}
