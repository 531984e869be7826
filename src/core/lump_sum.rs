//! Lump-sum terms: a one-off breach penalty as X% of the total, an overall cap on all
//! penalties (≤ Y% of the total), annual maintenance as X% of a purchase price paid in N
//! instalments a year, and parts at a discount (依定价X折).

use super::error::{Error, Problem, Result};
use super::money::{check_amount, check_percent, div, mul, percent_of, round_fen};
use super::tax::{split_vat, TaxSplit, Vat};
use super::words::{amount_in_words, result_in_words};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    pub amount: Decimal,
    pub words: String,
}

impl Amount {
    pub fn new(amount: Decimal) -> Result<Self> {
        Ok(Amount {
            amount,
            words: amount_in_words(amount)?,
        })
    }
}

/// 违约金为合同总金额的X%: round_fen(total × X%).
pub fn breach_penalty(total: Decimal, percent: Decimal) -> Result<Amount> {
    let total = check_amount("total", total)?;
    let p = check_percent("percent", percent, Decimal::ONE_HUNDRED)?;
    Amount::new(round_fen(percent_of("percent", total, p)?))
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CappedPenalties {
    /// The penalties' sum.
    pub claimed: Decimal,
    /// `total × cap_percent%`, rounded to the fen; `total` and `cap_percent` are kept for the
    /// note that explains it.
    pub cap: Decimal,
    pub total: Decimal,
    pub cap_percent: Decimal,
    pub payable: Decimal,
    pub capped: bool,
    pub words: String,
}

/// 违约金累计最高不超过合同总额的Y%: the sum of `penalties`, limited by the cap.
pub fn cap_penalties(
    total: Decimal,
    cap_percent: Decimal,
    penalties: &[Decimal],
) -> Result<CappedPenalties> {
    let total = check_amount("total", total)?;
    let p = check_percent("cap_percent", cap_percent, Decimal::ONE_HUNDRED)?;
    let mut claimed = round_fen(Decimal::ZERO);
    for (i, x) in penalties.iter().enumerate() {
        claimed += check_amount(&format!("penalties.{i}"), *x)?;
    }
    let cap = round_fen(percent_of("cap_percent", total, p)?);
    let capped = claimed > cap;
    let payable = if capped { cap } else { claimed };
    Ok(CappedPenalties {
        claimed,
        cap,
        total,
        cap_percent: p.normalize(),
        payable,
        capped,
        words: amount_in_words(payable)?,
    })
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceInput {
    pub purchase_price: Decimal,
    /// Annual fee as percent of the purchase price.
    pub annual_percent: Decimal,
    /// Payments per year (2 = half-yearly).
    pub instalments_per_year: u32,
    #[serde(default)]
    pub vat: Option<Vat>,
}

#[cfg_attr(feature = "npm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaintenanceResult {
    /// The input's price and percent, kept for the note that explains the fee.
    pub purchase_price: Decimal,
    pub annual_percent: Decimal,
    /// `net` is `purchase_price × annual_percent%` rounded to the fen.
    pub annual_fee: TaxSplit,
    pub annual_words: String,
    /// Each payment in a year; the rounding residue is in the last.
    pub instalments: Vec<TaxSplit>,
    pub instalment_words: Vec<String>,
}

/// Annual maintenance fee = round_fen(price × X%), paid in N instalments (residue to the last),
/// VAT split per instalment.
pub fn maintenance_fee(input: &MaintenanceInput) -> Result<MaintenanceResult> {
    let price = check_amount("purchase_price", input.purchase_price)?;
    let p = check_percent("annual_percent", input.annual_percent, Decimal::ONE_HUNDRED)?;
    let n = input.instalments_per_year;
    if !(1..=12).contains(&n) {
        return Err(Error::new(
            "instalments_per_year",
            Problem::OutOfRange {
                min: "1".into(),
                max: "12".into(),
            },
        ));
    }
    let annual = round_fen(percent_of("annual_percent", price, p)?);
    let each = round_fen(div("instalments_per_year", annual, Decimal::from(n))?);
    let mut instalments = Vec::with_capacity(n as usize);
    let mut total = TaxSplit::default();
    for k in 0..n {
        let amount = if k + 1 == n {
            annual - each * Decimal::from(n - 1)
        } else {
            each
        };
        let split = split_vat("vat.rate_percent", amount, input.vat.as_ref())?;
        total += split;
        instalments.push(split);
    }
    Ok(MaintenanceResult {
        purchase_price: price,
        annual_percent: p.normalize(),
        annual_words: result_in_words("annual_percent", total.gross)?,
        instalment_words: instalments
            .iter()
            .map(|s| result_in_words("annual_percent", s.gross))
            .collect::<Result<_>>()?,
        annual_fee: total,
        instalments,
    })
}

/// 依定价X折: `list_price × zhe / 10` (8折 = 80%, 8.5折 = 85%), 四舍五入 to the fen.
pub fn discounted_price(list_price: Decimal, zhe: Decimal) -> Result<Amount> {
    let price = check_amount("list_price", list_price)?;
    let z = check_percent("zhe", zhe, Decimal::TEN)?;
    Amount::new(round_fen(mul("zhe", price, z / Decimal::TEN)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tax::VatMode;
    use crate::core::testing::dec;

    #[test]
    fn breach_and_cap() {
        assert_eq!(
            breach_penalty(dec("500000"), dec("10"))
                .unwrap()
                .amount
                .to_string(),
            "50000.00"
        );
        let c = cap_penalties(
            dec("500000"),
            dec("20"),
            &[dec("50000"), dec("25000"), dec("40000")],
        )
        .unwrap();
        assert!(c.capped);
        assert_eq!(c.payable.to_string(), "100000.00");
        assert_eq!(c.words, "人民币壹拾万元整");
    }

    #[test]
    fn half_yearly_maintenance_with_tax() {
        let r = maintenance_fee(&MaintenanceInput {
            purchase_price: dec("333333.33"),
            annual_percent: dec("8"),
            instalments_per_year: 2,
            vat: Some(Vat {
                rate_percent: dec("6"),
                mode: VatMode::Exclusive,
            }),
        })
        .unwrap();
        // 333333.33 × 8% = 26666.6664 → 26666.67; halves 13333.34 + 13333.33
        assert_eq!(r.instalments[0].net.to_string(), "13333.34");
        assert_eq!(r.instalments[1].net.to_string(), "13333.33");
        assert_eq!(r.annual_fee.net.to_string(), "26666.67");
        // tax 800.00 each (13333.34 × 6% = 800.0004; 13333.33 × 6% = 799.9998 → 800.00)
        assert_eq!(r.annual_fee.tax.to_string(), "1600.00");
    }

    #[test]
    fn parts_discount() {
        assert_eq!(
            discounted_price(dec("1250"), dec("8.5"))
                .unwrap()
                .amount
                .to_string(),
            "1062.50"
        );
        assert!(discounted_price(dec("1250"), dec("11")).is_err());
    }
}
