//! Reading a template the widget already knows to be valid (a bundled template, or a
//! document the documents module checked and wrote back), in the first load.
//!
//! `serde_json::from_str::<Template>` would compile serde's derive for every struct of the
//! model against the JSON text reader: a field-name matcher, a map loop with duplicate and
//! missing field checks, and error positions, struct by struct (~74 kB of the app's wasm).
//! Here the text is read as a `serde_json::Value` (the reader the snapshot already needs), and
//! the model's derive is driven through [`FromValue`], which hands each struct its fields in
//! declaration order (serde's `visit_seq`): far less code per struct, the same values.
//!
//! For any valid template both read the same `Template` (tests/templates.rs and the fuzz
//! targets compare them). Errors say less than serde_json's (no line and column, a missing
//! field is "invalid length"), and enums are read from their names only (not the one-key
//! object form): invalid templates never reach this reader, `template::validate` checks
//! documents with the full derive.

use super::model::Template;
use serde::de::{self, value::StrDeserializer, DeserializeSeed, Error as _, Unexpected, Visitor};
use serde_json::{Error, Map, Value};

/// A template from its JSON text (see the module documentation for which texts).
pub fn template(json: &str) -> Result<Template, Error> {
    let value: Value = serde_json::from_str(json)?;
    serde::Deserialize::deserialize(FromValue(&value))
}

/// A deserializer over a JSON value that gives structs their fields as a sequence. Each
/// method visits only the kinds of value the model reads there (a string, a bool, an array
/// …) and refuses the rest, so a struct's visitor is never compiled for a map.
struct FromValue<'a>(&'a Value);

impl FromValue<'_> {
    fn refuse<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let found = match self.0 {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(_) => Unexpected::Other("number"),
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        };
        Err(Error::invalid_type(found, &visitor))
    }
}

impl<'de> de::Deserializer<'de> for FromValue<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::String(s) => visitor.visit_str(s),
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.iter(),
                value: None,
            }),
            // The model has no numbers.
            Value::Number(_) => self.refuse(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            _ => self.refuse(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_str(s),
            _ => self.refuse(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            _ => self.refuse(visitor),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries {
                entries: map.iter(),
                value: None,
            }),
            _ => self.refuse(visitor),
        }
    }

    /// An object gives its fields by name, in the struct's order; an array (which serde_json
    /// also reads as a struct) gives them by position.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_seq(Fields {
                map,
                names: fields.iter(),
            }),
            _ => self.deserialize_seq(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(StrDeserializer::<Error>::new(s)),
            _ => self.refuse(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct newtype_struct tuple tuple_struct identifier ignored_any
    }
}

/// A struct's fields in the order it declares them; a field the object lacks is `None`
/// (serde then takes the field's `#[serde(default)]`, else refuses the struct).
struct Fields<'a> {
    map: &'a Map<String, Value>,
    names: std::slice::Iter<'static, &'static str>,
}

impl<'de> de::SeqAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.names.next().and_then(|name| self.map.get(*name)) {
            Some(v) => seed.deserialize(FromValue(v)).map(Some),
            None => Ok(None),
        }
    }
}

/// An array's items.
struct Items<'a>(std::slice::Iter<'a, Value>);

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(FromValue(v)))
            .transpose()
    }
}

/// An object's entries, as a map (`BTreeMap<String, String>` rows).
struct Entries<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(StrDeserializer::<Error>::new(k)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(FromValue(self.value.take().unwrap_or(&Value::Null)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde's derive reads from the text, and what this reader reads.
    fn both(json: &str) -> (Option<Template>, Option<Template>) {
        (serde_json::from_str(json).ok(), template(json).ok())
    }

    #[test]
    fn reads_what_the_derive_reads() {
        let body = r#""body":[{"heading":"一","paragraphs":["{{a}}"]}]"#;
        for json in [
            // Defaults left out, explicit nulls, unknown keys, table rows, enums by name.
            format!(r#"{{"id":"t","title":"T","blanks":[],{body}}}"#),
            format!(
                r#"{{"id":"t","title":"T","language":"en","x":[1,{{"y":2.5}}],"description":{{"zh":"描述"}},
                "blanks":[{{"id":"a","type":"money","label":{{"zh":"金额","en":"Amount"}},"group":null,
                "required":true,"min":"0","day_kind":"working","help":null}},
                {{"id":"rows","type":"table","label":{{"zh":"表"}},"columns":[{{"id":"q","type":"integer",
                "label":{{"zh":"数量"}},"expr":null}}],"example_rows":[{{"q":"2","p":"1"}},{{}}]}}],
                "calculators":{{"schedule":{{"total":"a","effective_date":"d","instalments":[
                {{"name":"预付款","kind":"deposit","percent":"30","due":{{"type":"after_effective","days":"5"}}}},
                {{"name":"尾款","percent":"rest","due":{{"type":"monthly","day":"1","months":"3","inclusive":null}}}}]}},
                "penalty":null,"lump_sum":[{{"type":"cap","id":"c","label":{{"zh":"上限"}},"total":"a",
                "percent":"20","penalties":["x"]}}]}},{body}}}"#
            ),
        ] {
            let (derived, read) = both(&json);
            assert!(derived.is_some(), "{json}");
            assert_eq!(read, derived, "{json}");
        }
        // Refused by both: a missing required field, a wrong type, an unknown enum name, a
        // tagged variant without its field, not JSON.
        for json in [
            r#"{"id":"t","blanks":[],"body":[]}"#.to_string(),
            format!(r#"{{"id":"t","title":1,"blanks":[],{body}}}"#),
            format!(r#"{{"id":"t","title":"T","language":"fr","blanks":[],{body}}}"#),
            format!(
                r#"{{"id":"t","title":"T","blanks":[{{"id":"a","type":"cash","label":{{"zh":"a"}}}}],{body}}}"#
            ),
            format!(
                r#"{{"id":"t","title":"T","blanks":[],"calculators":{{"lump_sum":[{{"type":"cap","id":"c","label":{{"zh":"c"}}}}]}},{body}}}"#
            ),
            "{".to_string(),
        ] {
            assert_eq!(both(&json), (None, None), "{json}");
        }
    }
}
