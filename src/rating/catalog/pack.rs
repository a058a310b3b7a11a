//! A checked [`Catalog`] as compact bytes, and back.
//!
//! The widget does not carry the card reader and its checks. The build checks the embedded cards
//! with the same code as the CLI and packs the result ([`Catalog::pack`]); the widget only
//! unpacks it ([`Catalog::unpack`]). A host's cards are checked by the JavaScript API bundle,
//! which hands the widget the same packed form. Both ends are built from the same commit, so the
//! format has no versions beyond a leading magic number, but it is still read defensively: bad
//! bytes are an error, never a panic or a huge allocation.
//!
//! The format is plain: whole numbers as LEB128 varints, strings as a length and UTF-8 bytes,
//! `Option` and enums as a tag byte, lists as a length and their items, structs as their fields in
//! the order [`packed!`] lists them, and decimals as a sign, a scale and the mantissa.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::schema::{ModelKind, PriceText, QuotaScope, QuotaUnit, Resolution, Settlement, VolumeMode};
use super::{
    Catalog, CatalogError, ConcurrencyAddon, Denomination, FreeQuota, Measure, Model, Multiples, Package, PriceChange,
    Pricing, RateCard, TokenPricing, TokenScale, TokenTier, UnitPricing, UnitRate, VolumeTier,
};
use crate::rating::money::Currency;
use crate::rating::month::YearMonth;

/// The first bytes of a packed catalog: `RC` and the format's number.
const MAGIC: [u8; 3] = *b"RC2";

impl Catalog {
    /// The catalog as bytes, for [`Catalog::unpack`].
    pub fn pack(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        self.cards.put(&mut out);
        self.warnings.put(&mut out);
        out
    }

    /// Reads a catalog written by [`Catalog::pack`]. The cards are not checked again: only a
    /// checked catalog is ever packed.
    ///
    /// # Errors
    /// A [`CatalogError`] naming `source` when the bytes are not a whole packed catalog.
    pub fn unpack(bytes: &[u8], source: &str) -> Result<Catalog, CatalogError> {
        let mut r = Reader { bytes, at: 0, bad: !bytes.starts_with(&MAGIC) };
        r.at = MAGIC.len();
        let cards = <Vec<_> as Pack>::take(&mut r);
        let warnings = <Vec<_> as Pack>::take(&mut r);
        let damaged =
            |message: String| CatalogError { file: source.to_string(), model: None, field: String::new(), message };
        if r.bad || r.at != bytes.len() {
            return Err(damaged(format!("the packed catalog is damaged (at byte {} of {})", r.at, bytes.len())));
        }
        // The engine follows these indices without checking them, as the card checks made them.
        if let Some(card) = cards.iter().find(|c: &&RateCard| !references_hold(c)) {
            return Err(damaged(format!(
                "the packed catalog is damaged (card \"{}\" refers to a model, quota, package or add-on it does not have)",
                card.provider
            )));
        }
        Ok(Catalog { cards, warnings })
    }
}

/// Whether every index in `card` (a model's quota, packages and add-on; a quota's, package's or
/// add-on's model) points at something the card has.
fn references_hold(card: &RateCard) -> bool {
    let models = card.models.len();
    card.models.iter().all(|m| {
        m.quota.is_none_or(|q| q < card.free_quotas.len())
            && m.packages.iter().all(|&p| p < card.packages.len())
            && m.concurrency.is_none_or(|c| c < card.concurrency.len())
    }) && card.free_quotas.iter().all(|q| q.models.iter().all(|&m| m < models))
        && card.packages.iter().all(|p| p.model < models)
        && card.concurrency.iter().all(|c| c.model < models)
}

/// FNV-1a, 32 bits, as 8 hex digits: a short fingerprint of some bytes (link fingerprints and
/// catalog versions).
pub fn fnv1a(bytes: &[u8]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

impl Catalog {
    /// A fingerprint of what the catalog prices: every card as checked, without the names of the
    /// files they came from and without warnings. The same cards give the same fingerprint
    /// whether they were read from TOML or JSON, a file or a URL, by the CLI, the JS API or the
    /// widget.
    pub fn content_fingerprint(&self) -> String {
        let mut out = MAGIC.to_vec();
        self.cards.len().put(&mut out);
        for card in &self.cards {
            let mut card = card.clone();
            card.file = String::new();
            card.put(&mut out);
        }
        fnv1a(&out)
    }
}

/// Reads packed bytes. Once anything is wrong, `bad` stays set and every read returns a default,
/// so the reading code needs no error paths of its own; [`Catalog::unpack`] checks `bad` at the
/// end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    bad: bool,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        match self.bytes.get(self.at) {
            Some(&b) if !self.bad => {
                self.at += 1;
                b
            }
            _ => {
                self.bad = true;
                0
            }
        }
    }

    /// A LEB128 varint of up to 128 bits.
    fn var(&mut self) -> u128 {
        let mut value = 0u128;
        let mut shift = 0u32;
        loop {
            let b = self.byte();
            value |= u128::from(b & 0x7f) << shift;
            if b & 0x80 == 0 || self.bad {
                return value;
            }
            shift += 7;
            if shift >= 128 {
                self.bad = true;
                return value;
            }
        }
    }

    /// A whole number that must fit `T`.
    fn num<T: TryFrom<u128> + Default>(&mut self) -> T {
        let v = self.var();
        T::try_from(v).unwrap_or_else(|_| {
            self.bad = true;
            T::default()
        })
    }

    /// A tag that must be below `count`.
    fn tag(&mut self, count: u8) -> u8 {
        let t = self.byte();
        if t >= count {
            self.bad = true;
            return 0;
        }
        t
    }
}

fn put_var(mut v: u128, out: &mut Vec<u8>) {
    loop {
        // Masked to 7 bits, so the cast keeps every bit.
        let low = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// A type that can be packed.
trait Pack: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader<'_>) -> Self;
}

macro_rules! whole {
    ($($t:ty),*) => {$(
        impl Pack for $t {
            fn put(&self, out: &mut Vec<u8>) {
                put_var(u128::from(*self), out);
            }
            fn take(r: &mut Reader<'_>) -> Self {
                r.num()
            }
        }
    )*};
}
whole!(u32, u64);

impl Pack for usize {
    fn put(&self, out: &mut Vec<u8>) {
        put_var(*self as u128, out);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.num()
    }
}

impl Pack for YearMonth {
    fn put(&self, out: &mut Vec<u8>) {
        self.index().put(out);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        YearMonth::from_index(r.num())
    }
}

impl Pack for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.tag(2) == 1
    }
}

impl Pack for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let len: usize = r.num();
        let end = r.at.saturating_add(len);
        match r.bytes.get(r.at..end).map(|b| std::str::from_utf8(b)) {
            Some(Ok(text)) if !r.bad => {
                r.at = end;
                text.to_string()
            }
            _ => {
                r.bad = true;
                String::new()
            }
        }
    }
}

impl Pack for Arc<str> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Self {
        Arc::from(String::take(r))
    }
}

impl Pack for Decimal {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(self.is_sign_negative()));
        // The scale is at most 28.
        out.push(self.scale() as u8);
        put_var(self.mantissa().unsigned_abs(), out);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let negative = r.tag(2) == 1;
        let scale = u32::from(r.byte());
        let magnitude = i128::try_from(r.var()).unwrap_or(i128::MAX);
        let mantissa = if negative { -magnitude } else { magnitude };
        Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or_else(|_| {
            r.bad = true;
            Decimal::ZERO
        })
    }
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        (r.tag(2) == 1).then(|| T::take(r))
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for item in self {
            item.put(out);
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let len: usize = r.num();
        // Every item takes at least one byte, so a length beyond the bytes left is damage.
        if len > r.bytes.len().saturating_sub(r.at) {
            r.bad = true;
        }
        let mut items = Vec::new();
        for _ in 0..len {
            if r.bad {
                break;
            }
            items.push(T::take(r));
        }
        items
    }
}

impl<A: Pack, B: Pack> Pack for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let a = A::take(r);
        (a, B::take(r))
    }
}

/// Packs a struct as its fields in order. The exhaustive pattern makes the list name every
/// field, so a field added to the struct cannot be forgotten here.
macro_rules! packed {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Pack for $name {
            fn put(&self, out: &mut Vec<u8>) {
                let $name { $($field),* } = self;
                $($field.put(out);)*
            }
            fn take(r: &mut Reader<'_>) -> Self {
                $(let $field = Pack::take(r);)*
                $name { $($field),* }
            }
        }
    )*};
}

packed! {
    RateCard { file, provider, name, currency, source, as_of, notes, usd_cny, credit_values, free_quotas, packages, concurrency, models }
    FreeQuota { id, name, name_zh, unit, amount, validity_days, claim_by, scope, models }
    Package { model, size, price, validity_days }
    ConcurrencyAddon { model, included, per_day, per_month }
    Model { id, name, kind, category, note, settlement, generic, needs_template, example, source, as_of, pricing, priority, quota, packages, concurrency, changes }
    PriceChange { from, month, source, pricing }
    TokenPricing { scale, tiers, multiples }
    TokenTier { above, up_to, input, output, cache_hit, thinking }
    UnitPricing { measure, denomination, rate, unit_name, unit_name_zh }
    VolumeTier { from, to, price }
    CatalogError { file, model, field, message }
}

/// Packs a fieldless enum as the number of its variant. The list must name every variant in
/// declaration order, which the build checks: the `match` fails to compile when one is missing,
/// and the constant assertion when one is out of place.
macro_rules! tags {
    ($($name:ident [$first:ident $(, $variant:ident)* $(,)?])*) => {$(
        const _: () = {
            let all = [$name::$first $(, $name::$variant)*];
            let mut i = 0;
            while i < all.len() {
                assert!(all[i] as usize == i, "tags! lists the variants out of order");
                i += 1;
            }
        };
        impl Pack for $name {
            fn put(&self, out: &mut Vec<u8>) {
                match self { $name::$first $(| $name::$variant)* => out.push(*self as u8) }
            }
            fn take(r: &mut Reader<'_>) -> Self {
                let all = [$name::$first $(, $name::$variant)*];
                all.get(usize::from(r.tag(all.len() as u8))).copied().unwrap_or($name::$first)
            }
        }
    )*};
}

tags! {
    Currency [Cny, Usd]
    ModelKind [Text, Image, Video, ThreeD, Other]
    Settlement [Postpaid, Prepaid]
    Resolution [P360, P480, P540, P720, P1080, K2, K4]
    VolumeMode [AllUnits, Graduated]
    QuotaScope [EachModel, Shared]
    QuotaUnit [Tokens, Images, Credits, Calls]
    TokenScale [PerMillion, PerThousand]
    Measure [Image, Megapixel, Request, Call, Second, Hour, ComputeUnit, Month, Unit]
}

impl Pack for Multiples {
    fn put(&self, out: &mut Vec<u8>) {
        for m in &self.0 {
            m.put(out);
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        Multiples(std::array::from_fn(|_| <Option<_> as Pack>::take(r)))
    }
}

impl Pack for PriceText {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            PriceText::Unpublished => out.push(0),
            PriceText::Published(d) => {
                out.push(1);
                d.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match <Option<_> as Pack>::take(r) {
            Some(d) => PriceText::Published(d),
            None => PriceText::Unpublished,
        }
    }
}

impl Pack for Pricing {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Pricing::Tokens(t) => {
                out.push(0);
                t.put(out);
            }
            Pricing::Units(u) => {
                out.push(1);
                u.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match r.tag(2) {
            0 => Pricing::Tokens(Pack::take(r)),
            _ => Pricing::Units(Pack::take(r)),
        }
    }
}

impl Pack for Denomination {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Denomination::Money => out.push(0),
            Denomination::Credits { kind, value } => {
                out.push(1);
                kind.put(out);
                value.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match r.tag(2) {
            0 => Denomination::Money,
            _ => {
                let kind = Pack::take(r);
                Denomination::Credits { kind, value: Pack::take(r) }
            }
        }
    }
}

impl Pack for UnitRate {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            UnitRate::Fixed(p) => {
                out.push(0);
                p.put(out);
            }
            UnitRate::Range { min, max } => {
                out.push(1);
                min.put(out);
                max.put(out);
            }
            UnitRate::ByResolution(prices) => {
                out.push(2);
                prices.put(out);
            }
            UnitRate::Volume { mode, tiers } => {
                out.push(3);
                mode.put(out);
                tiers.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match r.tag(4) {
            0 => UnitRate::Fixed(Pack::take(r)),
            1 => {
                let min = Pack::take(r);
                UnitRate::Range { min, max: Pack::take(r) }
            }
            2 => UnitRate::ByResolution(Pack::take(r)),
            _ => {
                let mode = Pack::take(r);
                UnitRate::Volume { mode, tiers: Pack::take(r) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_round_trips() {
        for r in Resolution::ALL {
            let mut out = Vec::new();
            r.put(&mut out);
            assert_eq!(Resolution::take(&mut Reader { bytes: &out, at: 0, bad: false }), r);
        }
        for m in [Measure::Image, Measure::Hour, Measure::Unit] {
            let mut out = Vec::new();
            m.put(&mut out);
            assert_eq!(Measure::take(&mut Reader { bytes: &out, at: 0, bad: false }), m);
        }
    }

    #[test]
    fn decimals_keep_their_scale_and_sign() {
        // Zero, 0.20, -1.5, the largest decimal and the smallest step.
        for d in [Decimal::ZERO, Decimal::new(20, 2), Decimal::new(-15, 1), Decimal::MAX, Decimal::new(1, 28)] {
            let mut out = Vec::new();
            d.put(&mut out);
            let mut r = Reader { bytes: &out, at: 0, bad: false };
            let back = Decimal::take(&mut r);
            assert!(!r.bad && r.at == out.len(), "{d}");
            assert_eq!(back.to_string(), d.to_string());
        }
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        assert!(Catalog::unpack(b"", "x").is_err());
        assert!(Catalog::unpack(b"RC2", "x").is_err());
        // A list claiming more items than there are bytes.
        assert!(Catalog::unpack(b"RC2\xff\xff\xff\xff\x0f", "x").is_err());
        // A varint that never ends.
        let mut long = b"RC2".to_vec();
        long.extend([0x80; 40]);
        assert!(Catalog::unpack(&long, "x").unwrap_err().message.contains("damaged"));
        // A model whose free quota is not in the card (the fuzzer's pack-de1a64be).
        let mut catalog = Catalog::unpack(crate::CATALOG_PACK, "x").unwrap();
        catalog.cards[0].models[0].quota = Some(64);
        let provider = catalog.cards[0].provider.clone();
        assert_eq!(
            Catalog::unpack(&catalog.pack(), "x").unwrap_err().message,
            format!(
                "the packed catalog is damaged (card \"{provider}\" refers to a model, quota, package or add-on it does not have)"
            )
        );
        // An empty catalog is whole.
        assert!(Catalog::unpack(b"RC2\x00\x00", "x").is_ok_and(|c| c.cards().is_empty()));
    }
}
