use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(extend("format" = "uuid"))]
pub struct Account {
    pub id: String,
}

fn main() {}
