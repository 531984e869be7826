//! Every money string a result serializes to has exactly 2 decimal places (`"0.00"`, never
//! `"0"`), and percentages of computed rows are rounded for display: the JSON the npm API
//! returns is this serialization.

use contract_calc::core::calendar::Calendar;
use contract_calc::core::devices::{device_fees, DeviceFeeInput};
use contract_calc::core::penalty::{late_penalty, PenaltyInput};
use contract_calc::core::schedule::{payment_schedule, ScheduleInput};
use serde_json::{json, Value};

/// Keys holding money in the results (as tests/npm/api.test.mjs lists them).
const MONEY: &[&str] = &[
    "amount",
    "total",
    "residue",
    "balance",
    "base",
    "uncapped_total",
    "cap_amount",
    "outstanding",
    "unit_fee",
    "base_fee",
    "subtotal",
    "discount",
    "net",
    "tax",
    "gross",
];

fn two_places(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    matches!(s.split_once('.'), Some((i, f)) if !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Paths of money strings without exactly 2 places.
fn bad_money(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| bad_money(x, &format!("{path}.{i}"), out)),
        Value::Object(o) => {
            for (k, x) in o {
                match x {
                    Value::String(s) if MONEY.contains(&k.as_str()) => {
                        if !two_places(s) {
                            out.push(format!("{path}.{k} = {s}"));
                        }
                    }
                    _ => bad_money(x, &format!("{path}.{k}"), out),
                }
            }
        }
        _ => {}
    }
}

fn assert_money(v: &Value) {
    let mut bad = Vec::new();
    bad_money(v, "", &mut bad);
    assert!(bad.is_empty(), "money without 2 places: {bad:?}");
}

fn schedule(input: Value) -> Value {
    let input: ScheduleInput = serde_json::from_value(input).unwrap();
    serde_json::to_value(payment_schedule(&input, &Calendar::new()).unwrap()).unwrap()
}

#[test]
fn schedule_money_has_two_places() {
    for total in ["0", "0.00", "100", "1000.5"] {
        let monthly = schedule(json!({
            "total": total, "effective_date": "2025-01-01",
            "instalments": [{ "name": "月付", "share": { "type": "percent", "percent": "100" },
                "due": { "type": "monthly", "day": 5, "months": 12 } }]
        }));
        assert_money(&monthly);
        let fixed = schedule(json!({
            "total": total, "effective_date": "2025-01-01",
            "instalments": [
                { "name": "一", "share": { "type": "fixed", "amount": "0" }, "due": { "type": "fixed_date", "date": "2025-02-03" } },
                { "name": "二", "share": { "type": "fixed", "amount": total }, "due": { "type": "after_effective", "days": 5 } }]
        }));
        assert_money(&fixed);
        let percent = schedule(json!({
            "total": total, "effective_date": "2025-01-01",
            "instalments": [
                { "name": "一", "share": { "type": "percent", "percent": "30" }, "due": { "type": "fixed_date", "date": "2025-02-03" } },
                { "name": "二", "share": { "type": "percent", "percent": "70" }, "due": { "type": "after_effective", "days": 5 } }]
        }));
        assert_money(&percent);
    }
}

#[test]
fn monthly_row_percentages_are_rounded_to_four_places() {
    let s = schedule(json!({
        "total": "100000", "effective_date": "2025-01-01",
        "instalments": [{ "name": "月付", "share": { "type": "percent", "percent": "100" },
            "due": { "type": "monthly", "day": 5, "months": 12 } }]
    }));
    let percents: Vec<&str> = s["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["percent"].as_str().unwrap())
        .collect();
    assert_eq!(percents[0], "8.3333", "{percents:?}");
    assert_eq!(percents[11], "8.3334", "{percents:?}");
    // A stated percentage stays as stated (not padded, not rounded).
    let s = schedule(json!({
        "total": "1000", "effective_date": "2025-01-01",
        "instalments": [
            { "name": "一", "share": { "type": "percent", "percent": "33.333333" }, "due": { "type": "fixed_date", "date": "2025-02-03" } },
            { "name": "二", "share": { "type": "percent", "percent": "66.666667" }, "due": { "type": "fixed_date", "date": "2025-03-03" } }]
    }));
    assert_eq!(s["rows"][0]["percent"], "33.333333");
}

#[test]
fn device_fee_money_has_two_places() {
    for input in [
        json!({ "start": "2025-01-01", "months": 2, "devices": [] }),
        json!({ "start": "2025-01-01", "months": 2, "base_monthly_fee": "0", "devices": [] }),
        json!({ "start": "2025-01-01", "months": 2, "base_monthly_fee": "10", "devices": [],
                "vat": { "rate_percent": "6" } }),
        json!({ "start": "2025-01-01", "months": 13,
                "devices": [{ "id": "pc", "name": "PC", "monthly_fee": "0", "count": 0 }],
                "discount_percent": "100", "vat": { "rate_percent": "0" } }),
        json!({ "start": "2025-01-15", "months": 3,
                "devices": [{ "id": "pc", "name": "PC", "monthly_fee": "30", "count": 1 }],
                "changes": [{ "date": "2025-02-01", "device": "pc", "delta": -1 }] }),
    ] {
        let input: DeviceFeeInput = serde_json::from_value(input).unwrap();
        let r = serde_json::to_value(device_fees(&input, &Calendar::new()).unwrap()).unwrap();
        assert_money(&r);
        for (_, total) in r["device_totals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].clone(), p[1].as_str().unwrap().to_string()))
        {
            assert!(two_places(&total), "device total {total}");
        }
    }
}

#[test]
fn penalty_money_has_two_places() {
    for input in [
        json!({ "due_date": "2025-01-31", "amount_due": "0", "rate": { "type": "per_day", "rate": "0.5", "unit": "per_mille" },
                "as_of": "2025-03-15" }),
        json!({ "due_date": "2025-01-31", "amount_due": "100", "rate": { "type": "per_day", "rate": "0" },
                "cap": { "type": "absolute", "amount": "0" }, "as_of": "2025-01-20" }),
        json!({ "due_date": "2025-01-31", "amount_due": "100", "contract_total": "0",
                "rate": { "type": "fixed_per_day", "amount": "0" }, "cap": { "type": "percent_of", "percent": "0", "base": "total" },
                "payments": [{ "date": "2025-02-05", "amount": "100" }], "as_of": "2025-03-15" }),
    ] {
        let input: PenaltyInput = serde_json::from_value(input).unwrap();
        let r = serde_json::to_value(late_penalty(&input).unwrap()).unwrap();
        assert_money(&r);
    }
}
