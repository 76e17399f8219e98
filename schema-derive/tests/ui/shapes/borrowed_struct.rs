use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Page<'a> {
    pub items: Vec<&'a str>,
}

fn main() {}
