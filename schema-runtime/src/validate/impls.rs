//! [`Validate`] for the standard types the payloads are built from, on both paths.

use std::collections::BTreeMap;

use schema_vocabulary as words;
use serde::Deserializer;
use serde_json::{Map, Number, Value};

use super::{Checker, Seen, Validate, is_integer, stream};
use crate::Nullable;

/// `Validate::stream_at` by `$reader`, a reader of [`stream`] or another type's `stream_at`.
macro_rules! stream_at {
    ($reader:expr) => {
        fn stream_at<'de, D: Deserializer<'de>>(
            d: D,
            checker: &mut Checker<'de>,
        ) -> Result<Seen<'de>, D::Error> {
            $reader(d, checker)
        }
    };
}

/// A type checked by its JSON type alone: the parsed path tests the `Value`, the streaming path
/// expects that type.
macro_rules! json_type {
    ($($ty:ty => $is:ident, $expected:path, $stream:ident;)*) => {$(
        impl Validate for $ty {
            fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
                if !value.$is() {
                    checker.wrong_type($expected, &Seen::of(value));
                }
            }

            stream_at!(stream::$stream);
        }
    )*};
}

json_type! {
    String => is_string, words::A_STRING, string;
    bool => is_boolean, words::A_BOOLEAN, boolean;
    Number => is_number, words::A_NUMBER, number;
    Map<String, Value> => is_object, words::AN_OBJECT, any_object;
}

impl Validate for u64 {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        let seen = Seen::of(value);
        match value {
            Value::Number(number) if is_integer(number) => {
                checker.check_non_negative(&seen);
            }
            _ => checker.wrong_type(words::AN_INTEGER, &seen),
        }
    }

    stream_at!(stream::unsigned);
}

impl Validate for Value {
    fn validate_at<'v>(_value: &'v Value, _checker: &mut Checker<'v>) {}

    stream_at!(stream::any_content);
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        let Value::Object(members) = value else {
            checker.wrong_type(words::AN_OBJECT, &Seen::of(value));
            return;
        };
        for (name, member) in members {
            checker.enter_member(name.as_str());
            T::validate_at(member, checker);
            checker.leave();
        }
    }

    stream_at!(stream::entries::<T, _>);
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        let Value::Array(items) = value else {
            checker.wrong_type(words::AN_ARRAY, &Seen::of(value));
            return;
        };
        for (index, item) in items.iter().enumerate() {
            checker.enter_index(index);
            T::validate_at(item, checker);
            checker.leave();
        }
    }

    stream_at!(stream::array::<T, _>);
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        if !value.is_null() {
            T::validate_at(value, checker);
        }
    }

    stream_at!(stream::nullable::<T, _>);
}

impl<T: Validate> Validate for Nullable<T> {
    fn validate_at<'v>(value: &'v Value, checker: &mut Checker<'v>) {
        Option::<T>::validate_at(value, checker);
    }

    stream_at!(Option::<T>::stream_at);
}
