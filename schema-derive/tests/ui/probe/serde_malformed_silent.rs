use schema_types::validate::Validate;

#[derive(Validate)]
#[serde(rename_all = "nope")]
pub struct Account {
    pub name: String,
}

fn main() {
    let _ = Account::validate(&serde_json::Value::Null);
}
