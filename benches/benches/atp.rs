//! `atp/lookup/pool_1000`: one pooled ATP answer over a 1,000-location pool, and the same
//! through a pool that overlaps others while holds without a location make it use the flow.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use omnistock_benches::{sku, stocked};

fn bench_atp(c: &mut Criterion) {
    let skus = 100;
    let mut inv = stocked(1000, skus, 7);
    let names: Vec<String> = (0..skus).map(sku).collect();
    let expected: Vec<i64> = names.iter().map(|s| inv.atp(s, "web").unwrap()).collect();
    assert!(expected.iter().all(|&a| a > 0));

    let mut g = c.benchmark_group("atp/lookup");
    g.bench_function("pool_1000", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % skus;
            let a = inv.atp(black_box(&names[i]), black_box("web")).unwrap();
            assert_eq!(a, expected[i]);
            a
        })
    });
    g.bench_function("atp_many_100/pool_1000", |b| {
        b.iter(|| {
            let v = inv.atp_many(black_box(&names), black_box("web")).unwrap();
            assert_eq!(v, expected);
            v
        })
    });
    g.finish();

    // Holds without a location in the overlapping `cc` pool: web now needs the flow on update.
    let out = inv.apply_json(
        r#"[{"type": "reserve", "id": "h1", "reservation": "cart-1", "sku": "SKU0000000", "quantity": 5,
             "pool": "cc", "kind": "hard"}]"#,
    );
    assert_eq!(out.unwrap()[0].status, omnistock::EventStatus::Applied);
    let mut g = c.benchmark_group("atp/update");
    let mut n = 0u64;
    g.bench_function("overlap_flow/pool_1000", |b| {
        b.iter(|| {
            n += 1;
            let ev = format!(
                r#"[{{"type": "receive", "id": "u{n}", "location": "ST0500", "sku": "SKU0000000", "quantity": 1}}]"#
            );
            let o = inv.apply_json(&ev).unwrap();
            assert_eq!(o[0].status, omnistock::EventStatus::Applied);
        })
    });
    g.finish();

    // One click-and-collect pool per store beside the web pool (500 stores), with a web hold
    // held by the pool: every update runs the overlap flow of a 501-pool component.
    let stores: Vec<String> = (0..500).map(|i| format!("ST{i:04}")).collect();
    let mut pools = vec![serde_json::json!({"id": "web",
        "members": stores.iter().map(|s| serde_json::json!({"location": s, "buffer": 1})).collect::<Vec<_>>()})];
    pools.extend(
        stores
            .iter()
            .map(|s| serde_json::json!({"id": format!("cc-{s}"), "members": [{"location": s}]})),
    );
    let net = serde_json::json!({
        "locations": stores.iter().map(|s| serde_json::json!({"id": s, "kind": "store"})).collect::<Vec<_>>(),
        "pools": pools,
    });
    let mut inv = omnistock::Inventory::new(omnistock::Network::from_value(net).unwrap()).unwrap();
    let stock: Vec<_> = stores
        .iter()
        .enumerate()
        .map(|(k, s)| serde_json::json!({"type": "receive", "id": format!("s{k}"), "location": s, "sku": "A", "quantity": 5}))
        .collect();
    inv.apply_values(stock);
    let hold = serde_json::json!({"type": "reserve", "id": "h", "reservation": "cart", "sku": "A", "quantity": 30,
        "pool": "web", "kind": "hard"});
    assert_eq!(inv.apply_value(hold).status, omnistock::EventStatus::Applied);
    let mut g = c.benchmark_group("atp/update");
    let mut n = 0u64;
    g.bench_function("store_pools_500", |b| {
        b.iter(|| {
            n += 1;
            let e = serde_json::json!({"type": "receive", "id": format!("x{n}"), "location": "ST0007", "sku": "A", "quantity": 1});
            assert_eq!(inv.apply_value(e).status, omnistock::EventStatus::Applied);
        })
    });
    g.finish();
    let mut g = c.benchmark_group("atp/by_location");
    g.bench_function("store_pools_500", |b| {
        b.iter(|| {
            let rows = inv.atp_by_location(black_box("A"), "web").unwrap();
            assert_eq!(rows.len(), 500);
            rows
        })
    });
    g.finish();
}

criterion_group!(benches, bench_atp);
criterion_main!(benches);
