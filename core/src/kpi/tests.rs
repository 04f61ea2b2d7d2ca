//! The KPIs of a hand-worked example: six orders, every number worked out by hand in the
//! comments.

use serde_json::json;

use super::*;

fn example() -> Vec<OrderOutcome> {
    serde_json::from_value(json!([
        // O1: delivered in full from a store, a day before its promise.
        {"order": "O1", "channel": "web", "rule_set": "A", "placed": "2026-11-02T09:00:00Z",
         "promised": "2026-11-04",
         "lines": [{"line": "1", "sku": "X", "ordered": 2, "delivered": 2}],
         "shipments": [{"location": "S", "kind": "store", "units": 2,
                        "shipped": "2026-11-02T15:00:00Z", "delivered": "2026-11-03", "logistics_cost": "4.50"}],
         "revenue": "40", "cost_of_goods": "16", "logistics_cost": "4.50"},
        // O2: line 1 delivered late from the DC, line 2 cancelled out of stock.
        {"order": "O2", "channel": "web", "rule_set": "A", "placed": "2026-11-02T12:00:00Z",
         "promised": "2026-11-04",
         "lines": [{"line": "1", "sku": "X", "ordered": 3, "delivered": 3},
                   {"line": "2", "sku": "Y", "ordered": 1, "cancelled": 1}],
         "shipments": [{"location": "DC", "kind": "warehouse", "units": 3,
                        "shipped": "2026-11-03T10:00:00Z", "delivered": "2026-11-05", "logistics_cost": "6"}],
         "cancellations": [{"at": "2026-11-04T00:00:00Z", "reason": "out_of_stock", "units": 1}],
         "revenue": "60", "cost_of_goods": "30", "logistics_cost": "6"},
        // O3: click-and-collect, ready 6 hours after it was placed, on its promised day.
        {"order": "O3", "channel": "marketplace", "rule_set": "A", "placed": "2026-11-03T08:00:00Z",
         "promised": "2026-11-03", "pickup": true,
         "lines": [{"line": "1", "sku": "X", "ordered": 1, "delivered": 1}],
         "shipments": [{"location": "S", "kind": "store", "units": 1,
                        "shipped": "2026-11-03T14:00:00Z", "delivered": "2026-11-03", "logistics_cost": "1"}],
         "ready": "2026-11-03T14:00:00Z",
         "revenue": "20", "cost_of_goods": "8", "logistics_cost": "1"},
        // O4: the customer cancelled everything: closed, but no demand left.
        {"order": "O4", "channel": "web", "rule_set": "A", "placed": "2026-11-03T10:00:00Z",
         "lines": [{"line": "1", "sku": "Y", "ordered": 2, "cancelled": 2, "cancelled_by_customer": 2}],
         "cancellations": [{"at": "2026-11-03T11:00:00Z", "reason": "customer", "units": 2}]},
        // O5: still open, 2 of 5 delivered from the DC.
        {"order": "O5", "channel": "web", "rule_set": "A", "placed": "2026-11-03T11:00:00Z",
         "promised": "2026-11-06",
         "lines": [{"line": "1", "sku": "X", "ordered": 5, "delivered": 2}],
         "shipments": [{"location": "DC", "kind": "warehouse", "units": 2,
                        "shipped": "2026-11-04T08:00:00Z", "delivered": "2026-11-05", "logistics_cost": "3"}],
         "revenue": "20", "cost_of_goods": "10", "logistics_cost": "3"},
        // O6: click-and-collect from the DC, ready 24 hours later, before its promise.
        {"order": "O6", "channel": "marketplace", "rule_set": "A", "placed": "2026-11-03T00:00:00Z",
         "promised": "2026-11-05", "pickup": true,
         "lines": [{"line": "1", "sku": "X", "ordered": 1, "delivered": 1}],
         "shipments": [{"location": "DC", "kind": "warehouse", "units": 1,
                        "shipped": "2026-11-03T20:00:00Z", "delivered": "2026-11-04", "logistics_cost": "2"}],
         "ready": "2026-11-04T00:00:00Z",
         "revenue": "10", "cost_of_goods": "5", "logistics_cost": "2"}
    ]))
    .unwrap()
}

#[test]
fn every_kpi_of_the_hand_worked_example() {
    let k = kpis(&example(), None).unwrap();
    let m = &k.overall;
    // 6 orders; O5 is open; 7 lines; 2+4+1+2+5+1 = 15 units.
    assert_eq!((m.orders, m.closed, m.open, m.lines, m.units), (6, 5, 1, 7, 15));
    // Served: O1, O2, O3, O6 (O4 has no demand left, O5 is open). Filled and on time: O1, O3,
    // O6 (O2 is short and late) → 3/4.
    assert_eq!(m.otif, Some(0.75));
    // Lines with a demand: O1/1, O2/1, O2/2, O3/1, O6/1; filled: all but O2/2 → 4/5.
    // Units: demand 2+3+1+1+1 = 8, delivered 2+3+0+1+1 = 7 → 7/8. Orders: 3/4.
    assert_eq!(
        m.fill_rate,
        FillRate {
            lines: Some(0.8),
            units: Some(0.875),
            orders: Some(0.75)
        }
    );
    // O2 and O4 had a cancellation → 2/6.
    assert_eq!(m.cancellation_rate, Some(2.0 / 6.0));
    assert_eq!(
        m.cancellations,
        BTreeMap::from([("customer".into(), 1), ("out_of_stock".into(), 1)])
    );
    // Pickups ready after 6 h (O3) and 24 h (O6): median 15, p90 = the 2nd smallest (⌈1.8⌉).
    assert_eq!(
        m.click_collect_hours,
        Some(LeadTime {
            orders: 2,
            median: 15.0,
            p90: 24.0
        })
    );
    // Delivery orders' shipped units: O1 2 (store), O2 3, O5 2 → 2/7 from stores.
    assert_eq!(m.ship_from_store, Some(2.0 / 7.0));
    // Promised and delivered, among served: O1 kept, O2 late, O3 kept, O6 kept → 3/4.
    assert_eq!(m.promise_kept, Some(0.75));
    // Money: revenue 150, cost of goods 69, logistics 16.50 → margin 64.50, 43 %.
    assert_eq!(m.revenue, Decimal::from(150));
    assert_eq!(m.cost_of_goods, Decimal::from(69));
    assert_eq!(m.logistics_cost, Decimal::new(1650, 2));
    assert_eq!(m.margin, Decimal::new(6450, 2));
    assert_eq!(m.margin_pct, Some(0.43));
    assert_eq!(m.avoided_logistics_cost, None);
}

#[test]
fn groups_by_channel_rule_set_and_day() {
    let k = kpis(&example(), None).unwrap();
    let web = &k.by_channel["web"];
    // O1, O2, O4, O5: served O1, O2; OTIF O1 only.
    assert_eq!((web.orders, web.otif), (4, Some(0.5)));
    assert_eq!(web.click_collect_hours, None);
    let mp = &k.by_channel["marketplace"];
    assert_eq!((mp.orders, mp.otif, mp.ship_from_store), (2, Some(1.0), None));
    assert_eq!(k.by_rule_set.keys().collect::<Vec<_>>(), ["A"]);
    assert_eq!(k.by_rule_set["A"], k.overall);
    assert_eq!(k.by_day.keys().collect::<Vec<_>>(), ["2026-11-02", "2026-11-03"]);
    assert_eq!(k.by_day["2026-11-02"].orders, 2);
    // 2026-11-03: O3, O4, O5, O6; pickups O3 (6 h) and O6 (24 h).
    assert_eq!(k.by_day["2026-11-03"].orders, 4);
    assert_eq!(
        k.by_day["2026-11-03"].click_collect_hours.as_ref().unwrap().median,
        15.0
    );
}

#[test]
fn avoided_logistics_cost_counts_the_orders_both_rule_sets_handled() {
    let mut outcomes = example();
    let mut b: Vec<OrderOutcome> = outcomes.iter().take(2).cloned().collect();
    b[0].logistics_cost = Decimal::from(6); // O1 cost 6.00 under B, 4.50 under A
    b[1].logistics_cost = Decimal::from(6); // O2 the same under both
    let mut extra = b[1].clone();
    extra.order = "O7".into(); // only B handled O7: not compared
    extra.logistics_cost = Decimal::from(100);
    b.push(extra);
    for o in &mut b {
        o.rule_set = Some("B".into());
    }
    outcomes.extend(b);
    let k = kpis(&outcomes, Some("B")).unwrap();
    assert_eq!(k.baseline.as_deref(), Some("B"));
    assert_eq!(k.by_rule_set["A"].avoided_logistics_cost, Some(Decimal::new(150, 2)));
    assert_eq!(k.by_rule_set["B"].avoided_logistics_cost, Some(Decimal::ZERO));
    assert_eq!(k.overall.avoided_logistics_cost, None);
    let err = kpis(&outcomes, Some("C")).unwrap_err();
    assert_eq!(
        (err.code(), err.context()["field"].as_str()),
        (ErrorCode::InvalidInput, "baseline")
    );
}

#[test]
fn bad_outcomes_are_refused_naming_the_field() {
    let cases = [
        (
            json!([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": []}]),
            "invalid_input",
            "[0].lines",
        ),
        (
            json!([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z",
                 "lines": [{"line": "1", "sku": "X", "ordered": 0}]}]),
            "invalid_quantity",
            "[0].lines[0].ordered",
        ),
        (
            json!([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z",
                 "lines": [{"line": "1", "sku": "X", "ordered": 2, "delivered": 2, "cancelled": 1}]}]),
            "invalid_quantity",
            "[0].lines[0].cancelled",
        ),
        (
            json!([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z",
                 "lines": [{"line": "1", "sku": "X", "ordered": 2, "cancelled": 1, "cancelled_by_customer": 2}]}]),
            "invalid_quantity",
            "[0].lines[0].cancelled_by_customer",
        ),
        (
            json!([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z",
                 "lines": [{"line": "1", "sku": "X", "ordered": 2}], "revenue": "-1"}]),
            "invalid_input",
            "[0].revenue",
        ),
        (
            json!([{"order": "O", "channel": "w", "placed": "yesterday",
                 "lines": [{"line": "1", "sku": "X", "ordered": 2}]}]),
            "invalid_input",
            "[0].placed",
        ),
        (
            json!([{"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": [{"line": "1", "sku": "X", "ordered": 2}]},
                {"order": "O", "channel": "w", "placed": "2026-11-02T09:00:00Z", "lines": [{"line": "1", "sku": "X", "ordered": 2}]}]),
            "duplicate_id",
            "[1].order",
        ),
    ];
    for (value, code, field) in cases {
        let err = kpis_values(value.clone(), None).unwrap_err();
        assert_eq!(
            (err.code().as_str(), err.context()["field"].as_str()),
            (code, field),
            "{value}"
        );
    }
}

#[test]
fn no_orders_give_no_ratios() {
    let k = kpis(&[], None).unwrap();
    assert_eq!(k.overall.orders, 0);
    assert_eq!(
        (k.overall.otif, k.overall.cancellation_rate, k.overall.margin_pct),
        (None, None, None)
    );
    assert!(k.by_day.is_empty());
}
