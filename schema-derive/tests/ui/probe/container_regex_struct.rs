use schema_types::validate::Validate;

#[derive(Validate)]
#[schemars(regex(pattern = "^a$"))]
pub struct Account {
    pub name: String,
}

fn main() {
    let _ = Account::validate(&serde_json::Value::Null);
}
