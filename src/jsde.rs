//! A strict serde deserializer over JavaScript values, for rate cards in the browser.
//!
//! The widget reads rate cards (the embedded ones and a host's) from `JSON.parse`d values, so the
//! browser does the JSON syntax and no JSON parser is compiled into the wasm. serde-wasm-bindgen
//! could read the values too, but it looks up only the fields a type knows, so it cannot reject an
//! unknown one. This deserializer hands every key of an object to the type, which is what lets
//! `#[serde(deny_unknown_fields)]` name a misspelt field.
//!
//! Rate cards hold no fractional JSON numbers (prices are decimal strings), so a number is read as
//! a whole number or refused; no binary floating point reaches the catalog.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// Why a value did not read: serde's message, such as ``unknown field `colour` ``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    // serde's own wording, through `unexpected` below, so that its float formatting (a JSON
    // reader's, which this one never meets) is not compiled in.
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!("invalid type: {}, expected {exp}", unexpected(&unexp)))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!("invalid value: {}, expected {exp}", unexpected(&unexp)))
    }
}

/// What serde's `Display` of [`Unexpected`] writes, for the values a JSON document holds.
fn unexpected(u: &Unexpected<'_>) -> String {
    match *u {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(n) => format!("integer `{n}`"),
        Unexpected::Signed(n) => format!("integer `{n}`"),
        Unexpected::Str(s) => format!("string \"{s}\""),
        Unexpected::Unit => "null".into(),
        Unexpected::Seq => "sequence".into(),
        Unexpected::Map => "map".into(),
        Unexpected::Other(other) => other.into(),
        _ => "a value of another kind".into(),
    }
}

/// A deserializer reading one JavaScript value, as `JSON.parse` returns them.
pub struct Value(pub JsValue);

impl Value {
    /// The error for a value of the wrong kind, naming the kind.
    fn refuse(&self, expected: &dyn de::Expected) -> Error {
        let v = &self.0;
        let kind = if v.is_null() || v.is_undefined() {
            "null"
        } else if v.as_bool().is_some() {
            "a boolean"
        } else if v.as_string().is_some() {
            "a string"
        } else if v.as_f64().is_some() {
            "a number"
        } else if js_sys::Array::is_array(v) {
            "an array"
        } else {
            "an object"
        };
        de::Error::invalid_type(Unexpected::Other(kind), expected)
    }

    /// A whole number as `u64` or `i64`, or the refusal of a fraction (or a number too large).
    fn number<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
        let text: String =
            self.0.unchecked_ref::<js_sys::Number>().to_string_with_radix(10).map(String::from).unwrap_or_default();
        if let Ok(n) = text.parse::<u64>() {
            visitor.visit_u64(n)
        } else if let Ok(n) = text.parse::<i64>() {
            visitor.visit_i64(n)
        } else {
            Err(de::Error::invalid_type(Unexpected::Other(&format!("the number {text}")), &visitor))
        }
    }
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if v.as_f64().is_some() {
            self.number(visitor)
        } else if js_sys::Array::is_array(v) {
            visitor.visit_seq(Seq { items: self.0.unchecked_into(), next: 0 })
        } else if v.is_object() {
            let keys = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>());
            visitor.visit_map(Map { object: self.0, keys, next: 0, value: JsValue::UNDEFINED })
        } else {
            Err(de::Error::invalid_type(Unexpected::Other("a JavaScript value that is not JSON"), &visitor))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    // The typed entry points below call only the one visit method their type takes, so that a
    // struct's unused ways of being read (from an array, say) are not compiled in.

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.0.is_object() || js_sys::Array::is_array(&self.0) {
            return Err(self.refuse(&visitor));
        }
        let keys = js_sys::Object::keys(self.0.unchecked_ref::<js_sys::Object>());
        visitor.visit_map(Map { object: self.0, keys, next: 0, value: JsValue::UNDEFINED })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !js_sys::Array::is_array(&self.0) {
            return Err(self.refuse(&visitor));
        }
        visitor.visit_seq(Seq { items: self.0.unchecked_into(), next: 0 })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_string(s),
            None => Err(self.refuse(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => Err(self.refuse(&visitor)),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.as_f64().is_none() {
            return Err(self.refuse(&visitor));
        }
        self.number(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    /// Enums in the rate cards are strings naming a unit variant, such as `"text"`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(s)),
            None => Err(self.refuse(&visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct identifier ignored_any
    }
}

/// The items of an array, in order.
struct Seq {
    items: js_sys::Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Seq {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Value(item)).map(Some)
    }
}

/// Every own key of an object, in order, with its value.
struct Map {
    object: JsValue,
    keys: js_sys::Array,
    next: u32,
    value: JsValue,
}

impl<'de> MapAccess<'de> for Map {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        let key = self.keys.get(self.next);
        self.next += 1;
        self.value = js_sys::Reflect::get(&self.object, &key).unwrap_or(JsValue::UNDEFINED);
        seed.deserialize(IntoDeserializer::<Error>::into_deserializer(key.as_string().unwrap_or_default())).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Value(std::mem::replace(&mut self.value, JsValue::UNDEFINED)))
    }
}
