//! The review step of the import (`import::review`): relabel, retype and merge blanks of an
//! imported template; every edit leaves a valid template or changes nothing.

mod common;

use common::blank_id;
use contract_calc::core::calendar::Calendar;
use contract_calc::import::import_text;
use contract_calc::import::review::{apply, Edit, Review};
use contract_calc::template::model::{BlankType, Template};
use contract_calc::template::render::{render_html, RenderOptions};
use contract_calc::template::validate::validate;
use contract_calc::template::{fill, Input, Inputs, Lang};

const TEXT: &str = "技术服务合同
合同编号：________
甲方：____________
乙方：____________
第一条 费用
1.1 合同总额为人民币________元。
1.2 甲方在合同生效后____个工作日内支付合同总额的____%作为预付款，验收合格后____个工作日内支付剩余款项。
第二条 违约责任
2.1 甲方逾期付款的，每逾期一日，按未支付金额的____%支付违约金。
第三条 其他
3.1 乙方联系人：________，电话：________。
3.2 乙方项目负责人：________。
";

fn imported() -> Template {
    let t = import_text(TEXT).template;
    assert!(validate(&t).is_empty(), "{:?}", validate(&t));
    t
}

fn json(t: &Template) -> String {
    serde_json::to_string(t).unwrap()
}

fn rendered(t: &Template, values: &[(&str, &str)]) -> String {
    let inputs: Inputs = values
        .iter()
        .map(|(k, v)| (k.to_string(), Input::Text(v.to_string())))
        .collect();
    let f = fill(t, &inputs, &Calendar::default());
    render_html(t, &f, RenderOptions::default())
}

#[test]
fn merge_binds_both_places_to_one_field() {
    let t = imported();
    let (contact, lead) = (blank_id(&t, "乙方联系人"), blank_id(&t, "项目负责人"));
    let merged = apply(
        &t,
        &Edit::Merge {
            keep: contact.clone(),
            drop: lead.clone(),
        },
    )
    .unwrap();
    assert_eq!(merged.blanks.len(), t.blanks.len() - 1);
    assert!(
        !json(&merged).contains(&format!("\"{lead}\""))
            && !json(&merged).contains(&format!("{{{{{lead}}}}}"))
    );
    let html = rendered(&merged, &[(&contact, "王五")]);
    assert_eq!(html.matches("王五").count(), 2, "{html}");
    // The original is untouched.
    assert!(t.blanks.iter().any(|b| b.id == lead));
}

#[test]
fn merge_rewires_the_calculators() {
    let t = imported();
    let (advance, late) = (blank_id(&t, "预付款比例"), blank_id(&t, "违约金比例"));
    assert_eq!(t.calculators.penalty.as_ref().unwrap().rate, late);
    let merged = apply(
        &t,
        &Edit::Merge {
            keep: advance.clone(),
            drop: late.clone(),
        },
    )
    .unwrap();
    assert_eq!(merged.calculators.penalty.as_ref().unwrap().rate, advance);
    assert!(merged
        .body
        .iter()
        .flat_map(|s| &s.paragraphs)
        .any(|p| p.contains(&format!("未支付金额的{{{{{advance}}}}}%"))));
}

#[test]
fn retype_and_relabel() {
    let t = imported();
    let phone = blank_id(&t, "乙方电话");
    let t2 = apply(
        &t,
        &Edit::Retype {
            id: phone.clone(),
            kind: BlankType::Integer,
        },
    )
    .unwrap();
    assert_eq!(
        t2.blanks.iter().find(|b| b.id == phone).unwrap().kind,
        BlankType::Integer
    );
    // The form now rejects text in it.
    let f = fill(
        &t2,
        &[(phone.clone(), Input::Text("abc".into()))]
            .into_iter()
            .collect(),
        &Calendar::default(),
    );
    assert!(f.errors.iter().any(|e| e.field == phone), "{:?}", f.errors);

    let days = t
        .blanks
        .iter()
        .filter(|b| b.kind == BlankType::Days)
        .nth(1)
        .unwrap()
        .id
        .clone();
    let t3 = apply(
        &t,
        &Edit::Relabel {
            id: days.clone(),
            label: " 尾款支付期限（工作日） ".into(),
        },
    )
    .unwrap();
    assert_eq!(
        t3.blanks.iter().find(|b| b.id == days).unwrap().label.zh,
        "尾款支付期限（工作日）"
    );
}

#[test]
fn refused_edits_say_why_and_change_nothing() {
    let t = imported();
    let party = blank_id(&t, "甲方");
    let cases = [
        Edit::Relabel {
            id: party.clone(),
            label: "  ".into(),
        },
        Edit::Merge {
            keep: party.clone(),
            drop: party.clone(),
        },
        Edit::Merge {
            keep: party.clone(),
            drop: "no_such".into(),
        },
        Edit::Retype {
            id: "no_such".into(),
            kind: BlankType::Text,
        },
        Edit::Retype {
            id: party.clone(),
            kind: BlankType::Table,
        },
    ];
    for edit in cases {
        let e = apply(&t, &edit).unwrap_err();
        assert!(!e.zh.is_empty() && !e.en.is_empty(), "{edit:?}");
    }
}

#[test]
fn retype_that_breaks_a_calculator_is_refused() {
    let t = imported();
    for id in [blank_id(&t, "合同总额"), blank_id(&t, "违约金比例")] {
        let e = apply(
            &t,
            &Edit::Retype {
                id,
                kind: BlankType::Date,
            },
        )
        .unwrap_err();
        assert!(e.en.contains("fee calculation"), "{e:?}");
    }
}

/// Merging any blank a calculator reads into another of its kind (a choice into one with the
/// same options) rewires every reference: the template stays valid and the dropped id is gone
/// from every expression.
#[test]
fn merge_rewires_every_calculator_field_of_the_bundled_templates() {
    let mut merged = 0;
    let values = |b: &contract_calc::template::model::Blank| {
        b.options
            .iter()
            .map(|o| o.value.clone())
            .collect::<Vec<_>>()
    };
    for t in contract_calc::template::bundled::all() {
        for drop in &t.blanks {
            let Some(keep) = t.blanks.iter().find(|k| {
                k.id != drop.id
                    && k.kind == drop.kind
                    && k.kind != BlankType::Table
                    && values(k) == values(drop)
            }) else {
                continue;
            };
            let edit = Edit::Merge {
                keep: keep.id.clone(),
                drop: drop.id.clone(),
            };
            let m = apply(t, &edit).unwrap_or_else(|e| panic!("{}: {edit:?}: {e:?}", t.id));
            let calculators = serde_json::to_string(&m.calculators).unwrap();
            assert!(
                !calculators.contains(&format!(":\"{}\"", drop.id)),
                "{}: {calculators}",
                drop.id
            );
            merged += 1;
        }
    }
    assert!(merged > 40, "only {merged} merges tried");
}

#[test]
fn review_survives_json_and_renders_hostile_text_inertly() {
    let text = "服务合同\n甲方：<img src=x onerror=alert(1)>____\n乙方：____\n1.1 合同总额为人民币____元\u{202E}。\n";
    let r = Review::new(text);
    let back: Review = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back.template, r.template);
    let html = back.html(Lang::Zh, None);
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("alert(1)&gt;【____】"), "{html}");
    assert!(!html.contains('\u{202E}'));
    assert_eq!(html.matches("<tr").count(), back.template.blanks.len() + 1);
    // A refused edit shows its reason in the row it came from.
    let mut r2 = back.clone();
    let party = r2.template.blanks[0].id.clone();
    let e = r2
        .edit(&Edit::Relabel {
            id: party.clone(),
            label: String::new(),
        })
        .unwrap_err();
    assert!(r2
        .html(Lang::En, Some(&(party, e)))
        .contains("The name cannot be empty"));
}
