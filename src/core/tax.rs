//! VAT (增值税), exclusive or inclusive, split exactly to the fen.
//!
//! Exclusive: tax = round_fen(net × rate), gross = net + tax.
//! Inclusive: net = round_fen(gross ÷ (1 + rate)), tax = gross − net.
//! So net + tax = gross always holds exactly. (营业税 was replaced by VAT on 2016-05-01.)

use super::error::{Error, Result};
use super::money::{div, mul, round_fen};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The VAT rates in use (percent).
pub const VAT_RATES: [u32; 7] = [0, 1, 3, 5, 6, 9, 13];

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum VatMode {
    /// Prices are before tax; VAT is added (不含税).
    #[default]
    Exclusive,
    /// Prices already include VAT (含税).
    Inclusive,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vat {
    pub rate_percent: Decimal,
    #[serde(default)]
    pub mode: VatMode,
}

/// Net, tax and gross of one amount.
#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct TaxSplit {
    pub net: Decimal,
    pub tax: Decimal,
    pub gross: Decimal,
}

impl TaxSplit {
    /// The same amounts, each with exactly 2 decimal places (`0` → `0.00`). They are exact to
    /// the fen already: nothing is rounded.
    pub fn fen(self) -> TaxSplit {
        TaxSplit {
            net: round_fen(self.net),
            tax: round_fen(self.tax),
            gross: round_fen(self.gross),
        }
    }
}

impl std::ops::AddAssign for TaxSplit {
    fn add_assign(&mut self, o: TaxSplit) {
        self.net += o.net;
        self.tax += o.tax;
        self.gross += o.gross;
    }
}

/// Check a VAT rate is one in use.
pub fn check_vat(field: &str, vat: &Vat) -> Result<()> {
    if VAT_RATES
        .iter()
        .any(|r| Decimal::from(*r) == vat.rate_percent)
    {
        Ok(())
    } else {
        Err(Error::rule(
            field,
            format!("增值税税率应为{}中的一个", rates_list("、")),
            format!("The VAT rate must be one of {}", rates_list(", ")),
        ))
    }
}

fn rates_list(separator: &str) -> String {
    VAT_RATES
        .iter()
        .map(|r| format!("{r}%"))
        .collect::<Vec<_>>()
        .join(separator)
}

/// Split `amount` (fen-exact) according to `vat`; with no VAT, net = gross = amount.
pub fn split_vat(field: &str, amount: Decimal, vat: Option<&Vat>) -> Result<TaxSplit> {
    split_vat_exact(field, amount, vat).map(TaxSplit::fen)
}

fn split_vat_exact(field: &str, amount: Decimal, vat: Option<&Vat>) -> Result<TaxSplit> {
    let Some(vat) = vat else {
        return Ok(TaxSplit {
            net: amount,
            tax: round_fen(Decimal::ZERO),
            gross: amount,
        });
    };
    check_vat(field, vat)?;
    let rate = vat.rate_percent / Decimal::ONE_HUNDRED;
    Ok(match vat.mode {
        VatMode::Exclusive => {
            let tax = round_fen(mul(field, amount, rate)?);
            TaxSplit {
                net: amount,
                tax,
                gross: amount + tax,
            }
        }
        VatMode::Inclusive => {
            let net = round_fen(div(field, amount, Decimal::ONE + rate)?);
            TaxSplit {
                net,
                tax: amount - net,
                gross: amount,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::dec;

    #[test]
    fn inclusive_and_exclusive_split_exactly() {
        let ex = Vat {
            rate_percent: dec("6"),
            mode: VatMode::Exclusive,
        };
        let s = split_vat("v", dec("1000.00"), Some(&ex)).unwrap();
        assert_eq!(
            (s.tax.to_string(), s.gross.to_string()),
            ("60.00".into(), "1060.00".into())
        );
        let inc = Vat {
            rate_percent: dec("13"),
            mode: VatMode::Inclusive,
        };
        let s = split_vat("v", dec("1000.00"), Some(&inc)).unwrap();
        // 1000 / 1.13 = 884.955… → 884.96, tax 115.04
        assert_eq!(
            (s.net.to_string(), s.tax.to_string()),
            ("884.96".into(), "115.04".into())
        );
        assert!(split_vat(
            "v",
            dec("1"),
            Some(&Vat {
                rate_percent: dec("7"),
                mode: VatMode::Exclusive
            })
        )
        .is_err());
    }
}
