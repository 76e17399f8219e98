use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Inner {
    #[schemars(transform = add_title)]
    pub name: String,
}

#[derive(Validate)]
pub struct Outer {
    pub inner: Inner,
}

fn main() {
    let _ = Outer::validate(&serde_json::Value::Null);
}
